"""Execution modes users rely on: qgis_process from the command line, batch runs over several layers,
cancel during a long discretization."""

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest
from qgis.core import QgsProcessingException, QgsVectorLayer

from tests.layers import cancel_after, trajectories_layer

ROOT = Path(__file__).resolve().parents[2]


def _csv_points(path, n_traj, n_pts, seed=0):
    rng = np.random.default_rng(seed)
    tid = np.repeat(np.arange(n_traj), n_pts)
    step = np.tile(np.arange(n_pts), n_traj)
    lon = -8.65 + rng.uniform(0, 0.1, n_traj)[tid] + step * 2e-4
    lat = 41.10 + rng.uniform(0, 0.1, n_traj)[tid] + rng.normal(0, 1e-4, tid.size)
    t = 1_700_000_000 + step * 15
    with open(path, "w") as fh:
        fh.write("tid,t,lon,lat\n")
        np.savetxt(fh, np.column_stack([tid, t, lon, lat]), fmt=["%d", "%d", "%.6f", "%.6f"], delimiter=",")
    return path


def _csv_layer(path):
    uri = f"file://{path}?type=csv&delimiter=,&xField=lon&yField=lat&crs=EPSG:4326&detectTypes=yes"
    vl = QgsVectorLayer(uri, "pts", "delimitedtext")
    assert vl.isValid()
    return vl


@pytest.mark.skipif(shutil.which("qgis_process") is None, reason="qgis_process is not installed")
def test_qgis_process_runs_discretizeh3(tmp_path):
    plugins = tmp_path / "plugins"
    plugins.mkdir()
    os.symlink(ROOT, plugins / "deeptraj")
    # a throwaway QGIS profile with the plugin enabled (qgis_process only loads enabled plugins)
    config = tmp_path / "config"
    ini = config / "profiles/default/QGIS/QGIS3.ini"
    ini.parent.mkdir(parents=True)
    ini.write_text("[PythonPlugins]\ndeeptraj=true\n")
    csv = _csv_points(tmp_path / "pts.csv", 5, 30)
    out_cells = tmp_path / "cells.gpkg"
    vocab = tmp_path / "vocab.json"
    site = [p for p in sys.path if p.endswith("site-packages") and ".venv" in p]
    env = dict(
        os.environ,
        QGIS_CUSTOM_CONFIG_PATH=str(config),
        QGIS_PLUGINPATH=str(plugins),
        QT_QPA_PLATFORM="offscreen",
        PYTHONPATH=os.pathsep.join(site + [os.environ.get("PYTHONPATH", "")]),
    )
    uri = str(tmp_path / "pts.gpkg")
    from qgis.core import QgsCoordinateTransformContext, QgsVectorFileWriter

    opts = QgsVectorFileWriter.SaveVectorOptions()
    opts.driverName = "GPKG"
    err = QgsVectorFileWriter.writeAsVectorFormatV2(_csv_layer(csv), uri, QgsCoordinateTransformContext(), opts)
    assert err[0] == QgsVectorFileWriter.NoError
    # the Debian wrapper adds --noversioncheck, which the 3.22 binary rejects: call the binary when present
    exe = "/usr/bin/qgis_process.bin" if os.path.exists("/usr/bin/qgis_process.bin") else shutil.which("qgis_process")
    cmd = [
        exe,
        "run",
        "deeptraj:discretizeh3",
        f"--INPUT={uri}",
        "--TRAJ_ID_FIELD=tid",
        "--TIME_FIELD=t",
        "--RESOLUTION=9",
        f"--OUTPUT_CELLS={out_cells}",
        "--OUTPUT_SEQUENCES=TEMPORARY_OUTPUT",
        f"--OUTPUT_VOCAB={vocab}",
    ]
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=240)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "N_TRAJECTORIES:\t5" in proc.stdout
    cells = QgsVectorLayer(str(out_cells), "cells", "ogr")
    assert cells.isValid() and cells.featureCount() > 0
    assert sum(f["visits"] for f in cells.getFeatures()) == 150
    assert vocab.exists()


def test_batch_over_several_layers(run_alg, tmp_path):
    """The same algorithm over several input layers with one output file each (what the batch dialog does)."""
    outs = []
    for k, seed in enumerate([1, 2, 3]):
        vl = trajectories_layer(n_traj=3 + k, seed=seed)
        out = str(tmp_path / f"seq_{k}.gpkg")
        res = run_alg(
            "deeptraj:discretizegrid",
            {
                "INPUT": vl,
                "TRAJ_ID_FIELD": "tid",
                "TIME_FIELD": "t",
                "OUTPUT_CELLS": str(tmp_path / f"cells_{k}.gpkg"),
                "OUTPUT_SEQUENCES": out,
            },
        )
        outs.append((res, out, 3 + k))
    for res, out, n in outs:
        lyr = QgsVectorLayer(out, "s", "ogr")
        assert lyr.featureCount() == n == res["N_TRAJECTORIES"]


@pytest.mark.parametrize("alg", ["deeptraj:discretizeh3", "deeptraj:discretizegrid"])
def test_cancel_stops_quickly_and_writes_nothing(run_alg, tmp_path, alg):
    csv = _csv_points(tmp_path / "big.csv", 3000, 100)  # 300k points read feature by feature
    vl = _csv_layer(csv)
    out = tmp_path / "cells.gpkg"
    vocab = tmp_path / "vocab.json"
    fb, timer, cancelled_at = cancel_after(0.4)
    t0 = time.perf_counter()
    with pytest.raises(QgsProcessingException, match="[Cc]ancel"):
        run_alg(
            alg,
            {
                "INPUT": vl,
                "TRAJ_ID_FIELD": "tid",
                "TIME_FIELD": "t",
                "OUTPUT_CELLS": str(out),
                "OUTPUT_SEQUENCES": str(tmp_path / "seq.gpkg"),
                "OUTPUT_VOCAB": str(vocab),
            },
            feedback=fb,
        )
    t1 = time.perf_counter()
    timer.cancel()
    assert cancelled_at, "the run finished before the cancel: make the input larger"
    assert t1 - cancelled_at[0] < 2.0
    assert not out.exists() and not vocab.exists() and not (tmp_path / "seq.gpkg").exists()
    assert t1 - t0 < 10
