"""`make demo` end to end (small simulated sample): the GeoPackage, the styled project (layer tree, default view,
print layouts) and the rendered pictures with their legends; a quiet log."""

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


#: the layers on top of the demo project's layer tree, visible, in this order (what the methods computed); every
#: other layer sits below them in an unchecked group
ON_TOP = ["crotad_segments", "gt_centers", "e2dtc_clusters", "roads"]
#: picture -> (its print layout in the project, the layers it draws)
PICTURES = {
    "demo.png": ("DeepTraj demo", ["crotad_segments", "gt_centers", "e2dtc_clusters", "roads"]),
    "demo_clustering.png": ("E2DTC clustering", ["gt_centers", "e2dtc_clusters", "roads"]),
    "demo_anomalies.png": ("CroTad anomalies", ["crotad_points", "crotad_segments", "roads"]),
    "demo_embeddings.png": ("MetaTRL destinations", ["metatrl_destinations", "roads"]),
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
    return proc.stdout, proc.stderr


#: warnings the demo still prints on purpose, each a true statement about a result, to be removed from here once the
#: result is fixed: CroTad (shortened training on the simulated trips) is a little below the frequent-cells rule
#: built from its own model on some figures (e.g. point F1 0.947 against 0.949; longer training does not close it)
KNOWN_RESULT_WARNINGS = (r"\(frequent-cells rule: [0-9.]+\): worse than its baseline \(frequent-cells rule\)",)


def _noisy_lines(text):
    """The ERROR and warning lines of a log (Processing warnings, GDAL "ERROR 6: ...", Qt "Warning: ..."), less the
    :data:`KNOWN_RESULT_WARNINGS`."""
    return [
        line
        for line in text.splitlines()
        if re.search(r"\b(error|warning)s?\b", line, re.IGNORECASE)
        and not any(re.search(known, line) for known in KNOWN_RESULT_WARNINGS)
    ]


def _layer(proj, name):
    return next(lyr for lyr in proj.mapLayers().values() if lyr.name() == name)


def _check_default_view(proj, whole=True):
    """The project opens on its data: a default view that holds the trajectories (``whole``: all of them; else at
    least 98% of their vertices: real data has GPS outliers), not much larger than them."""
    from qgis.core import QgsCoordinateTransform

    view = proj.viewSettings().defaultViewExtent()
    assert not view.isEmpty() and view.crs().isValid()
    trajs = _layer(proj, "trajectories")
    xf = QgsCoordinateTransform(trajs.crs(), view.crs(), proj)
    data = xf.transformBoundingBox(trajs.extent())
    assert view.area() < 5 * data.area()
    vertices = [xf.transform(v.x(), v.y()) for f in trajs.getFeatures() for v in f.geometry().vertices()]
    inside = sum(view.contains(p) for p in vertices) / len(vertices)
    assert (inside == 1.0) if whole else (inside >= 0.98), inside
    if whole:
        assert view.contains(data), (view.toString(), data.toString())


def _check_layer_tree(proj, on_top):
    from qgis.core import QgsLayerTreeGroup, QgsLayerTreeLayer, QgsRenderContext

    root = proj.layerTreeRoot()
    children = root.children()
    assert [c.name() for c in children[: len(on_top)]] == on_top
    assert all(isinstance(c, QgsLayerTreeLayer) for c in children[: len(on_top)])
    assert all(isinstance(c, QgsLayerTreeGroup) and not c.itemVisibilityChecked() for c in children[len(on_top) :])
    visible = sorted(node.name() for node in root.findLayers() if node.isVisible())
    assert visible == sorted(on_top)
    # CroTad's segments: only the anomalous ones drawn, thin and solid (the normal ones unchecked in the legend)
    categories = _layer(proj, "crotad_segments").renderer().categories()  # keep: they own their symbols
    assert {str(c.value()): c.renderState() for c in categories} == {"0": False, "1": True}
    assert next(c for c in categories if str(c.value()) == "1").symbol().width() <= 0.3
    # the ground-truth circles as outlines only
    renderer = _layer(proj, "gt_centers").renderer()
    assert all(s.symbolLayer(0).fillColor().alpha() == 0 for s in renderer.symbols(QgsRenderContext()))


def _check_pictures(out, proj, pictures):
    """Each picture: a real map with a legend of exactly the layers it draws (kept as a print layout)."""
    from qgis.core import QgsCoordinateTransform, QgsLayoutItemLegend
    from qgis.PyQt.QtGui import QColor, QImage

    for file, (title, layers) in pictures.items():
        img = QImage(str(out / file))
        assert img.width() == 1400 and img.height() == 1000, file
        colours = {img.pixel(x, y) for x in range(0, 1050, 7) for y in range(0, 1000, 7)}
        assert len(colours) > 5, file  # the map part is not blank
        ink = sum(QColor(img.pixel(x, y)).lightness() < 200 for x in range(1100, 1400, 4) for y in range(0, 400, 4))
        assert ink > 100, file  # the legend is drawn on the right
        layout = proj.layoutManager().layoutByName(title)
        assert layout is not None, title
        legend = next(i for i in layout.items() if isinstance(i, QgsLayoutItemLegend))
        names = [n.name() for n in legend.model().rootGroup().findLayers()]
        assert names == layers and legend.title() == title
        m = legend.linkedMap()
        assert [lyr.name() for lyr in m.layers()] == layers
        view = proj.viewSettings().defaultViewExtent()
        assert m.extent().contains(QgsCoordinateTransform(view.crs(), m.crs(), proj).transformBoundingBox(view))


def _check_outputs(out, expected_layers, on_top=ON_TOP, pictures=PICTURES, whole=True):
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
    # the styles applied on load are kept (the demo draws the ground-truth circles as plain outlines instead)
    gt = [lyr for lyr in proj.mapLayers().values() if lyr.name() == "gt_trajectories"][0]
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
    _check_default_view(proj, whole)
    _check_layer_tree(proj, on_top)
    _check_pictures(out, proj, pictures)


def test_demo_on_simulated_sample(tmp_path, qgis_app):
    out, err = _run_demo(tmp_path / "out", "--n-trajectories", "90")
    assert not _noisy_lines(out + err)  # make demo prints no ERROR or warning line
    assert "trajectories labelled" in out and "E2DTC against the ground truth: UACC" in out and "ECO:" in out
    assert (tmp_path / "out" / "e2dtc.e2dtc").exists() and (tmp_path / "out" / "e2dtc_report.html").exists()
    assert "next location on held-out users: accuracy@1" in out and (tmp_path / "out" / "mobility.mobemb").exists()
    assert "destination prediction on" in out and (tmp_path / "out" / "metatrl.metatrl").exists()
    _check_outputs(tmp_path / "out", LAYERS)


def test_demo_on_real_porto_data(tmp_path, qgis_app):
    from tests.conftest import data_path

    csv = data_path("porto_taxi", "porto_train_first1999.csv")
    _run_demo(tmp_path / "out", "--data", str(csv))
    no_roads = {png: (title, [n for n in layers if n != "roads"]) for png, (title, layers) in PICTURES.items()}
    _check_outputs(tmp_path / "out", (LAYERS - {"roads"}) | {"points_od"}, ON_TOP[:-1], no_roads, whole=False)
