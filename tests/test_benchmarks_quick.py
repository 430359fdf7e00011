"""Smoke test of the benchmark scripts in --quick mode (they print tables; no timing is asserted)."""
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_discretize_benchmark_quick():
    proc = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "discretize.py"), "--quick"],
                          capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr[-3000:]
    out = proc.stdout
    assert "engine pts/s" in out and "grid 300 m" in out and "H3 res 10" in out
    assert "peak resident memory" in out


def test_e2dtc_geolife_benchmark_quick():
    proc = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "e2dtc_geolife.py"), "--quick"],
                          capture_output=True, text=True, timeout=600, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr[-3000:]
    out = proc.stdout
    for row in ("t2vec + k-means (L0)", "E2DTC (L2)", "E2DTC w/o triplet (L1)", "k-medoids DTW",
                "k-medoids Hausdorff", "k-medoids Frechet", "k-medoids EDR", "k-medoids LCSS"):
        assert row in out
    assert "UACC" in out and "NMI" in out


def test_e2dtc_porto_benchmark_quick():
    proc = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "e2dtc_porto.py"), "--quick"],
                          capture_output=True, text=True, timeout=600, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr[-3000:]
    out = proc.stdout
    if out.startswith("skipped"):
        pytest.skip(out.strip())
    for row in ("E2DTC", "t2vec + k-means", "k-medoids DTW", "k-medoids Hausdorff", "ground truth:"):
        assert row in out


def test_eco_streams_benchmark_quick():
    proc = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "eco_streams.py"), "--quick"],
                          capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr[-3000:]
    out = proc.stdout
    for row in ("## Scaling", "| ECO |", "| DBSCAN per snapshot |", "| Kim-Han smoothing |", "records/s"):
        assert row in out
    if "skipped" not in out:
        assert "## Quality on real streams" in out and "GeoLife" in out and "AIS NY harbour" in out


def test_mobility_embed_benchmark_quick():
    proc = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "mobility_embed.py"), "--quick"],
                          capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr[-3000:]
    out = proc.stdout
    for row in ("## synthetic LYMob", "LYMob importer:", "| Transformer + BiLSTM |", "| most frequent location |",
                "| first-order Markov |", "after standardisation"):
        assert row in out
    if "real datasets skipped" not in out:
        assert "## GeoLife user-days" in out and "## Chengdu taxi" in out and "## AIS vessel-days" in out
