"""The command-line set-up of docs/qgis_process.md, run for real: the plugin enabled in a throwaway profile with
`plugins enable`, help as plain text, a run on a CSV, and a missing package reported once."""

import os
import re
import shutil
import subprocess
import sysconfig
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# Debian's /usr/bin/qgis_process wrapper adds --noversioncheck, which the 3.22 binary rejects (docs/qgis_process.md)
EXE = "/usr/bin/qgis_process.bin" if os.path.exists("/usr/bin/qgis_process.bin") else shutil.which("qgis_process")

needs_qgis_process = pytest.mark.skipif(EXE is None, reason="qgis_process is not installed")

#: a sitecustomize that makes `import h3` fail as if h3 were not installed
HIDE_H3 = '''import sys


class _HideH3:
    def find_spec(self, name, path=None, target=None):
        if name == "h3" or name.startswith("h3."):
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return None


sys.meta_path.insert(0, _HideH3())
'''


@pytest.fixture(scope="module")
def qgis_process(tmp_path_factory):
    """A callable running qgis_process with the environment of docs/qgis_process.md step 2 (plugin folder, throwaway
    profile, the venv's site-packages) after step 3 (`plugins enable deeptraj`)."""
    base = tmp_path_factory.mktemp("qgis_process")
    (base / "plugins").mkdir()
    os.symlink(ROOT, base / "plugins" / "deeptraj")
    env = dict(
        os.environ,
        QGIS_PLUGINPATH=str(base / "plugins"),
        QGIS_CUSTOM_CONFIG_PATH=str(base / "config"),
        PYTHONPATH=sysconfig.get_paths()["purelib"],
        QT_QPA_PLATFORM="offscreen",
    )

    def run(*args, pythonpath=()):
        e = dict(env, PYTHONPATH=os.pathsep.join([*map(str, pythonpath), env["PYTHONPATH"]]))
        return subprocess.run([EXE, *args], env=e, capture_output=True, text=True, timeout=240)

    enabled = run("plugins", "enable", "deeptraj")
    assert enabled.returncode == 0, enabled.stdout + enabled.stderr
    listed = run("plugins")
    assert "* deeptraj" in listed.stdout, listed.stdout + listed.stderr
    return run


@pytest.fixture(scope="module")
def fixes_csv(tmp_path_factory):
    path = tmp_path_factory.mktemp("csv") / "fixes.csv"
    lines = ["tid,t,lon,lat"]
    for k in range(4):
        for s in range(25):
            lines.append(f"{k},{1_700_000_000 + 15 * s},{-8.62 + 0.01 * k + 2e-4 * s:.6f},{41.15 + 1e-4 * (s % 3):.6f}")
    path.write_text("\n".join(lines) + "\n")
    return path


def _csv_uri(path):
    return f"delimitedtext://file://{path}?type=csv&xField=lon&yField=lat&crs=EPSG:4326"


@needs_qgis_process
def test_help_is_plain_text(qgis_process):
    proc = qgis_process("help", "deeptraj:discretizegrid")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    out = proc.stdout
    for tag in ("<p>", "<li>", "<ul>", "<code>", "<b>", "<h3>"):
        assert tag not in out, (tag, out[:1500])
    description = out.split("Arguments")[0]
    assert "square grid-cell tokens" in description  # the summary
    assert "- Cell size (grid CRS units, metres) (CELL_SIZE, default 300, 0.001…): Side of" in description
    assert "Parameters:" in description
    for name in ("INPUT", "TRAJ_ID_FIELD", "CELL_SIZE", "GRID_CRS", "MIN_FREQ", "OUTPUT_VOCAB"):
        assert f"({name}" in description, name


@needs_qgis_process
def test_documented_run_on_a_csv(qgis_process, fixes_csv, tmp_path):
    cells = tmp_path / "h3_cells.gpkg"
    proc = qgis_process(
        "run",
        "deeptraj:discretizeh3",
        f"--INPUT={_csv_uri(fixes_csv)}",
        "--TRAJ_ID_FIELD=tid",
        "--TIME_FIELD=t",
        "--RESOLUTION=9",
        f"--OUTPUT_CELLS={cells}",
        f"--OUTPUT_SEQUENCES={tmp_path / 'h3_sequences.gpkg'}",
        f"--OUTPUT_VOCAB={tmp_path / 'h3_vocab.json'}",
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "N_TRAJECTORIES:\t4" in proc.stdout
    assert cells.exists() and (tmp_path / "h3_vocab.json").exists()


@needs_qgis_process
def test_missing_package_is_reported_once(qgis_process, fixes_csv, tmp_path):
    hide = tmp_path / "hide"
    hide.mkdir()
    (hide / "sitecustomize.py").write_text(HIDE_H3)
    proc = qgis_process(
        "run",
        "deeptraj:discretizeh3",
        f"--INPUT={_csv_uri(fixes_csv)}",
        "--TRAJ_ID_FIELD=tid",
        "--TIME_FIELD=t",
        f"--OUTPUT_CELLS={tmp_path / 'cells.gpkg'}",
        "--OUTPUT_SEQUENCES=TEMPORARY_OUTPUT",
        pythonpath=[hide],
    )
    text = proc.stdout + proc.stderr
    assert proc.returncode != 0, text
    assert text.count("needs Python packages that are not installed: h3") == 1, text
    assert 'pip install "h3' in text
    assert not (tmp_path / "cells.gpkg").exists()


def test_every_help_is_plain_text_in_qgis_process_and_html_in_qgis(provider, monkeypatch):
    """The same help in both forms: every label and parameter name in each, tags only in the panel's."""
    from qgis.core import QgsApplication

    algs = list(provider.algorithms())
    assert len(algs) >= 20
    panels = {a.id(): a.shortHelpString() for a in algs}
    monkeypatch.setattr(QgsApplication, "platform", staticmethod(lambda: "qgis_process"))
    for alg in algs:
        text, html = alg.shortHelpString(), panels[alg.id()]
        assert "<li>" in html and not re.search(r"</?(p|li|ul|b|code|h3)>", text), alg.id()
        for p in alg.SPEC.params:
            assert f"- {p.label} ({p.name}" in text and f"<b>{p.label}</b> (<code>{p.name}</code>" in html, p.name


def test_readme_links_the_command_line_page():
    assert "docs/qgis_process.md" in (ROOT / "README.md").read_text(encoding="utf-8")
    page = (ROOT / "docs" / "qgis_process.md").read_text(encoding="utf-8")
    for command in ("plugins enable deeptraj", "help deeptraj:discretizeh3", "QGIS_PLUGINPATH", "qgis_process.bin"):
        assert command in page, command
