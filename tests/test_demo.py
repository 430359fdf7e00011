"""`make demo` end to end (small simulated sample): the GeoPackage, the styled project and the rendered map."""

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LAYERS = {
    "points",
    "trajectories",
    "roads",
    "grid_cells",
    "grid_sequences",
    "h3_cells",
    "h3_sequences",
    "gt_trajectories",
    "gt_centers",
    "anomaly_points",
    "anomaly_trajectories",
    "e2dtc_clusters",
    "eco_points",
    "eco_events",
    "eco_steps",
    "lymob_points",
    "mobility_embeddings",
    "metatrl_embeddings",
    "metatrl_destinations",
}


def _run_demo(out, *extra):
    proc = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "demo.py"), "--out", str(out), *extra],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert "error" not in proc.stdout.lower(), proc.stdout
    # numbers as they mean: no float printed with 5 or more decimals (0.9912768231006233)
    assert not re.search(r"\d\.\d{5,}", proc.stdout), proc.stdout
    assert "No geometry column" not in proc.stderr, proc.stderr[-3000:]
    return proc.stdout


def _check_outputs(out, expected_layers):
    from osgeo import ogr
    from qgis.PyQt.QtGui import QImage

    ds = ogr.Open(str(out / "demo.gpkg"))
    names = {ds.GetLayer(i).GetName() for i in range(ds.GetLayerCount())}
    assert expected_layers <= names
    assert (out / "demo.qgz").stat().st_size > 1000
    img = QImage(str(out / "demo.png"))
    assert img.width() == 1400
    colours = {img.pixel(x, y) for x in range(0, 1400, 25) for y in range(0, 1000, 25)}
    assert len(colours) > 20  # a real map, not a blank canvas
    # the project reopens with the styled layers
    from qgis.core import QgsProject

    proj = QgsProject()
    assert proj.read(str(out / "demo.qgz"))
    gt = [lyr for lyr in proj.mapLayers().values() if lyr.name() == "gt_centers"][0]
    assert gt.renderer().type() == "categorizedSymbol"
    eco = [lyr for lyr in proj.mapLayers().values() if lyr.name() == "eco_points"][0]
    assert eco.temporalProperties().isActive() and eco.renderer().type() == "categorizedSymbol"
    assert proj.timeSettings().temporalRange().begin().isValid()
    mob = [lyr for lyr in proj.mapLayers().values() if lyr.name() == "mobility_embeddings"][0]
    assert mob.customProperty("deeptraj/embedding") == "1" and mob.fields().lookupField("PCA_1") >= 0
    mt = [lyr for lyr in proj.mapLayers().values() if lyr.name() == "metatrl_embeddings"][0]
    assert mt.customProperty("deeptraj/embedding") == "1" and mt.fields().lookupField("e000") >= 0
    dp = [lyr for lyr in proj.mapLayers().values() if lyr.name() == "metatrl_destinations"][0]
    assert dp.fields().lookupField("pred_unit") >= 0 and dp.renderer().type() == "categorizedSymbol"


def test_demo_on_simulated_sample(tmp_path, qgis_app):
    out = _run_demo(tmp_path / "out", "--n-trajectories", "90")
    assert "trajectories labelled" in out and "E2DTC against the ground truth: UACC" in out and "ECO:" in out
    assert (tmp_path / "out" / "e2dtc.e2dtc").exists() and (tmp_path / "out" / "e2dtc_report.html").exists()
    assert "next location on held-out users: accuracy@1" in out and (tmp_path / "out" / "mobility.mobemb").exists()
    assert "destination prediction on" in out and (tmp_path / "out" / "metatrl.metatrl").exists()
    _check_outputs(tmp_path / "out", LAYERS)


def test_demo_on_real_porto_data(tmp_path, qgis_app):
    from tests.conftest import data_path

    csv = data_path("porto_taxi", "porto_train_first1999.csv")
    _run_demo(tmp_path / "out", "--data", str(csv))
    _check_outputs(tmp_path / "out", (LAYERS - {"roads"}) | {"points_od"})
