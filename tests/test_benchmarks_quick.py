"""Smoke test of the benchmark scripts in --quick mode (they print tables; no timing is asserted)."""

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _quick(script: str, timeout: int = 300, *extra: str) -> str:
    """stdout of ``benchmarks/<script> --quick [extra ...]`` (which must exit 0)."""
    proc = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / script), "--quick", *extra],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    return proc.stdout


def test_discretize_benchmark_quick():
    out = _quick("discretize.py")
    assert "engine pts/s" in out and "grid 300 m" in out and "H3 res 10" in out
    assert "peak resident memory" in out


def test_e2dtc_geolife_benchmark_quick():
    out = _quick("e2dtc_geolife.py", timeout=600)
    for row in (
        "t2vec + k-means (L0)",
        "E2DTC (L2)",
        "E2DTC w/o triplet (L1)",
        "k-medoids DTW",
        "k-medoids Hausdorff",
        "k-medoids Frechet",
        "k-medoids EDR",
        "k-medoids LCSS",
    ):
        assert row in out
    assert "UACC" in out and "NMI" in out


def test_e2dtc_porto_benchmark_quick():
    out = _quick("e2dtc_porto.py", timeout=600)
    if out.startswith("skipped"):
        pytest.skip(out.strip())
    for row in ("E2DTC", "t2vec + k-means", "k-medoids DTW", "k-medoids Hausdorff", "ground truth:"):
        assert row in out


def test_eco_streams_benchmark_quick():
    out = _quick("eco_streams.py")
    for row in ("## Scaling", "| ECO |", "| DBSCAN per snapshot |", "| Kim-Han smoothing |", "records/s"):
        assert row in out
    if "skipped" not in out:
        assert "## Quality on real streams" in out and "GeoLife" in out and "AIS NY harbour" in out


def test_mobility_embed_benchmark_quick():
    out = _quick("mobility_embed.py")
    for row in (
        "## synthetic LYMob",
        "LYMob importer:",
        "| Transformer + BiLSTM |",
        "| most frequent location |",
        "| first-order Markov |",
        "after standardisation",
    ):
        assert row in out
    if "real datasets skipped" not in out:
        assert "## GeoLife user-days" in out and "## Chengdu taxi" in out and "## AIS vessel-days" in out


def test_crotad_eval_benchmark_quick():
    out = _quick("crotad_eval.py")
    if "Part I: Window level" not in out and "skipped:" in out:
        pytest.skip("WMATA and Porto data not available")
    for row in (
        "Part I: Window level",
        "Part II: Point level",
        "Head Detour",
        "Route Switching",
        "Normal",
        "SAE (seq2seq)",
        "iBOAT",
        "test set",
        "paper's Table 2 F1",
    ):
        assert row in out
    if "CroTad skipped" not in out:
        assert "CroTad online (DQN)" in out and "CroTad offline (clustering)" in out
        assert "latency per point" in out
        agree = [float(v) for v in re.findall(r"streamed labels equal to detect\(\): ([0-9.]+)%", out)]
        assert agree and min(agree) >= 99.0  # streaming gives the batch labels


def test_crotad_eval_sf_quick():
    """San Francisco: OD pairs of the first 30,000 trips, split by day, densified; the day split is printed."""
    out = _quick("crotad_eval.py", 300, "--datasets", "sf", "--densify", "60", "--methods", "crotad-online,frequent")
    if "skipped:" in out:
        pytest.skip("../shared/data/cabspotting_sf not available")
    assert "split by day: train 2008-05-17" in out
    assert "densified to steps <= 60 m" in out
    assert "normal test cells outside their OD's frequent cells" in out
    assert "CroTad online (DQN)" in out and "frequent-cells rule" in out


def test_metatrl_crosscity_benchmark_quick():
    out = _quick("metatrl_crosscity.py", timeout=600)
    for task, cols in (
        ("destination", ("micro_f1", "macro_f1", "recall_at_5")),
        ("travel_time", ("mae", "mape")),
        ("classification", ("accuracy", "macro_f1")),
    ):
        assert f"\n{task} (" in out or out.startswith(f"{task} ("), task
        for c in cols:
            assert c in out
    for row in ("MetaTRL (", " only)", "MetaTRL, no pre-training", "GRU (supervised)", "raw features + linear"):
        assert row in out
    # every metric of every method is a number
    assert not re.search(r"\bnan\b", out.split("destination (")[-1])


def test_metatrl_crosscity_benchmark_several_source_sets():
    """--sources with two sets runs the transfer once per set (one of them a two-city meta-training)."""
    out = _quick(
        "metatrl_crosscity.py",
        600,
        "--sources",
        "geolife",
        "chengdu+tdrive",
        "--methods",
        "transfer,target-only",
        "--skip-classification",
    )
    assert out.count("pre-training with ") == 2 and "pre-training target only" in out
    two = [ln for ln in out.splitlines() if ln.startswith("  pre-training with ")][1]
    assert ", " in two  # both cities of chengdu+tdrive meta-train
    table = out.split("\ndestination (")[-1].split("\ntravel_time (")[0]
    rows = [ln for ln in table.splitlines() if ln.startswith("MetaTRL (")]
    assert len(rows) == 3 and len({r.split("->")[0] for r in rows}) == 3, rows
    assert not re.search(r"\bnan\b", table)


def test_city_scale_benchmark_quick(tmp_path):
    """The whole city-scale chain on synthetic files of the T-Drive and Cabspotting layouts (the real slices are not
    used here, so the test does not depend on the shared data): every step runs and lands in the table and JSON."""
    import json

    out = _quick("city_scale.py", 900, "--synthetic", "--json", str(tmp_path / "cs.json"))
    data = json.loads((tmp_path / "cs.json").read_text())
    steps = [r["step"] for r in data["rows"]]
    assert "tdrive.import" in steps and "sf.import" in steps and "tdrive.split" in steps
    for r in data["rows"]:
        assert "seconds" in r and r["records"] > 0, r
        assert r["peak_rss_mb"] > 0
        assert r["step"] in out
    assert "FAILED" not in out
    assert data["rows"][steps.index("tdrive.import")]["ratio"] is not None


def test_e2dtc_selftrain_quick():
    """The self-training variants table and the triplet geometry are printed (real or simulated data)."""
    out = _quick("e2dtc_selftrain.py", 600)
    assert "triplet geometry after pre-training: anchor-positive" in out
    for row in ("| preset (beta 1, lr 1e-3, stop at delta) |", "no stop, hard negatives 16 |", "no triplet (L1)"):
        assert row in out
