"""Embedding explorer: the scatter widget's geometry helpers and mouse tools, the dock's two-way link with the map
selection, the heatmap layer of the selection, colouring, layer removal, and the plugin opening it on an
embedding layer added to the project."""

import math
import time

import numpy as np
import pytest
from qgis.core import (
    QgsFeature,
    QgsGeometry,
    QgsMapRendererSequentialJob,
    QgsMapSettings,
    QgsPointXY,
    QgsProject,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.PyQt import sip
from qgis.PyQt.QtCore import QCoreApplication, QEvent, QPoint, QPointF, QSize, Qt
from qgis.PyQt.QtGui import QColor, QMouseEvent, QPainterPath, QPolygonF
from qgis.PyQt.QtTest import QTest
from qgis.PyQt.QtWidgets import QApplication

from deeptraj.plugin import embedding_explorer as ee
from deeptraj.plugin import scatter_plot as sp
from tests.gui.docks import check_deleted_layer_empties, shown

N_PER_CLUSTER = 20
CENTRES = {"a": (-5.0, -5.0), "b": (5.0, 5.0)}


def _embedding(name="emb", marked=False):
    """A memory line layer like mobilityembed's output: two well separated PCA clusters of 20 lines each, lines of
    2 to 5 vertices. Returns (layer, {cluster: [fid]}, {fid: n_vertices})."""
    vl = QgsVectorLayer(
        "LineString?crs=EPSG:32650&field=group_id:string&field=user:string&field=dow:integer"
        "&field=PCA_1:double&field=PCA_2:double&field=e000:double",
        name,
        "memory",
    )
    rng = np.random.default_rng(7)
    feats = []
    for i in range(2 * N_PER_CLUSTER):
        cluster = "a" if i < N_PER_CLUSTER else "b"
        cx, cy = CENTRES[cluster]
        n_vertices = 2 + i % 4
        line = [QgsPointXY(500000 + 300 * i + 40 * k, 4400000 + 25 * k * k) for k in range(n_vertices)]
        f = QgsFeature(vl.fields())
        f.setGeometry(QgsGeometry.fromPolylineXY(line))
        f.setAttributes(
            [f"{cluster}{i}", f"u{i % 3}", i % 7, cx + rng.normal(0, 0.5), cy + rng.normal(0, 0.5), float(i)]
        )
        feats.append(f)
    assert vl.dataProvider().addFeatures(feats)[0]
    if marked:
        vl.setCustomProperty("deeptraj/embedding", "1")
    clusters = {"a": [], "b": []}
    vertices = {}
    for f in vl.getFeatures():
        clusters[f["group_id"][0]].append(f.id())
        vertices[f.id()] = len(f.geometry().asPolyline())
    return vl, clusters, vertices


@pytest.fixture()
def dock(qgis_iface, qgis_new_project):
    d = ee.EmbeddingExplorerDock(qgis_iface)
    d.scatter.setFixedSize(QSize(400, 300))
    yield from shown(d)


def _pixel_box(scatter, fids, pad=8):
    """Pixel corners (x0, y0, x1, y1) around the points of ``fids``."""
    keys = np.asarray(scatter.keys())
    idx = np.isin(keys, fids)
    px, py = scatter.data_to_pixel(scatter._x[idx], scatter._y[idx])
    return px.min() - pad, py.min() - pad, px.max() + pad, py.max() + pad


def _pixel_circle(scatter, fids, n=24, pad=10):
    keys = np.asarray(scatter.keys())
    idx = np.isin(keys, fids)
    px, py = scatter.data_to_pixel(scatter._x[idx], scatter._y[idx])
    cx, cy = px.mean(), py.mean()
    r = np.hypot(px - cx, py - cy).max() + pad
    return [(cx + r * math.cos(2 * math.pi * k / n), cy + r * math.sin(2 * math.pi * k / n)) for k in range(n)]


def _drag(widget, points, modifier=Qt.NoModifier):
    """Press, move through ``points``, release: a real left-button drag.

    The moves are sent as QMouseEvents: on Qt 5.15 QTest.mouseMove only moves the cursor (QCursor::setPos) and,
    after a QTest.mousePress (which bypasses the platform layer), the offscreen platform never turns that into a
    move event for the widget."""
    pts = [QPoint(int(round(x)), int(round(y))) for x, y in points]
    QTest.mousePress(widget, Qt.LeftButton, modifier, pts[0])
    for p in pts[1:]:
        QApplication.sendEvent(widget, QMouseEvent(QEvent.MouseMove, QPointF(p), Qt.NoButton, Qt.LeftButton, modifier))
    QTest.mouseRelease(widget, Qt.LeftButton, modifier, pts[-1])


def _combo_layers(dock):
    combo = dock.layer_combo
    return [combo.layer(i) for i in range(combo.count()) if combo.layer(i) is not None]


def _heat_layers():
    return [lyr for lyr in QgsProject.instance().mapLayers().values() if lyr.customProperty(ee.HEATMAP_PROPERTY) == "1"]


def _heat_points(heat):
    return sum(f.geometry().constGet().numGeometries() for f in heat.getFeatures())


# ------------------------------------------------------------------------------------------------- pure helpers
def test_points_in_polygon_concave_shapes():
    # a "U": the notch (x in 1..2, y above 1) is outside although inside the bounding box
    u_shape = [(0, 0), (3, 0), (3, 3), (2, 3), (2, 1), (1, 1), (1, 3), (0, 3)]
    x = np.array([0.5, 2.5, 1.5, 1.5, 1.5, 3.5, -0.1, np.nan, 0.5])
    y = np.array([2.5, 2.5, 2.0, 0.5, 2.9, 1.0, 1.0, 1.0, np.nan])
    expected = [True, True, False, True, False, False, False, False, False]
    assert sp.points_in_polygon(x, y, u_shape).tolist() == expected
    closed = u_shape + [u_shape[0]]  # an explicitly closed ring gives the same answer
    assert sp.points_in_polygon(x, y, closed).tolist() == expected
    assert not sp.points_in_polygon(x, y, [(0, 0), (1, 1)]).any()  # fewer than 3 vertices: nothing inside

    # a concave star and a self-intersecting outline agree with Qt's odd-even fill on random points
    rng = np.random.default_rng(3)
    angles = np.linspace(0, 2 * np.pi, 14, endpoint=False)
    radii = np.where(np.arange(14) % 2 == 0, 4.0, 1.3)
    star = np.column_stack([radii * np.cos(angles), radii * np.sin(angles)])
    bowtie = np.array([(-3, -3), (3, 3), (3, -3), (-3, 3)], dtype=float)
    px, py = rng.uniform(-4.5, 4.5, 3000), rng.uniform(-4.5, 4.5, 3000)
    for poly in (star, bowtie):
        path = QPainterPath()
        path.addPolygon(QPolygonF([QPointF(a, b) for a, b in poly]))
        path.setFillRule(Qt.OddEvenFill)
        qt = np.array([path.contains(QPointF(a, b)) for a, b in zip(px, py)])
        mine = sp.points_in_polygon(px, py, poly)
        # Qt and the crossing rule may differ exactly on an edge; random points never land there
        assert (mine == qt).all()
        assert 0 < mine.sum() < mine.size


def test_pixel_and_data_space_helpers():
    bounds, rect = (-2.0, 2.0, 10.0, 20.0), (50.0, 10.0, 400.0, 200.0)
    px, py = sp.data_to_pixel([-2, 2, 0], [20, 10, 15], bounds, rect)
    assert np.allclose(px, [50, 450, 250]) and np.allclose(py, [10, 210, 110])  # y grows downwards in pixels
    x, y = sp.pixel_to_data(px, py, bounds, rect)
    assert np.allclose(x, [-2, 2, 0]) and np.allclose(y, [20, 10, 15])
    # a rubber band dragged right-to-left, bottom-to-top gives the same data box
    assert sp.pixel_box_to_data(250, 210, 50, 110, bounds, rect) == pytest.approx((-2.0, 0.0, 10.0, 15.0))
    poly = sp.pixel_polygon_to_data([(50, 10), (450, 10), (250, 210)], bounds, rect)
    assert np.allclose(poly, [(-2, 20), (2, 20), (0, 10)])
    assert sp.points_in_box([0, 3, np.nan], [12, 12, 12], (-1, 1, 10, 15)).tolist() == [True, False, False]

    assert sp.data_bounds([0, 10], [5, 5]) == pytest.approx((-0.5, 10.5, 4.5, 5.5))  # zero span -> unit window
    assert sp.data_bounds([np.nan], [1]) == (0.0, 1.0, 0.0, 1.0)
    assert sp.nice_ticks(-0.3, 1.1, 5) == pytest.approx([0.0, 0.5, 1.0])
    assert sp.nice_ticks(-0.3, 1.1, 7) == pytest.approx([-0.2, 0.0, 0.2, 0.4, 0.6, 0.8, 1.0])
    assert sp.nice_ticks(0, 100, 4) == pytest.approx([0, 25, 50, 75, 100])
    assert sp.format_tick(2.5, 2.5) == "2.5" and sp.format_tick(-0.2, 0.2) == "-0.2" and sp.format_tick(0, 1) == "0"


def test_scatter_is_nan_safe_fast_and_mouse_driven(qgis_app):
    w = sp.ScatterPlot()
    w.setFixedSize(QSize(400, 300))
    w.show()
    QTest.qWaitForWindowExposed(w)
    try:
        got = []
        w.selectionChanged.connect(got.append)
        w.set_data(
            [0, 1, np.nan, 2, 3],
            [0, 1, 5, np.nan, 3],
            ["#ff0000", QColor("#00ff00"), "#0000ff", "#ff0000", "#ff0000"],
            keys=[10, 11, 12, 13, 14],
        )
        assert w.point_count() == 3
        assert w.select_in_data_box((-10, 10, -10, 10)) == [10, 11, 14]  # NaN points are never selected
        assert got == [[10, 11, 14]]
        w.highlight([11, 12, 99])
        assert w.highlighted_keys() == [11] and len(got) == 1  # highlight does not emit
        # a click next to a point picks it, a click on empty space clears
        px, py = w.data_to_pixel([1], [1])
        QTest.mouseClick(w, Qt.LeftButton, Qt.NoModifier, QPoint(int(px[0]) + 2, int(py[0])))
        assert got[-1] == [11]
        rect = w.plot_rect()
        QTest.mouseClick(w, Qt.LeftButton, Qt.NoModifier, QPoint(int(rect.right()) - 3, int(rect.bottom()) - 3))
        assert got[-1] == [] and w.selected_keys() == []

        rng = np.random.default_rng(0)
        n = 20000
        x, y = rng.normal(size=n), rng.normal(size=n)
        colors = [("#1f77b4", "#ff7f0e", "#2ca02c")[i % 3] for i in range(n)]
        t0 = time.perf_counter()
        w.set_data(x, y, colors)
        w.highlight(range(0, n, 2))
        image = w.render_to_pixmap().toImage()
        w.set_mode("lasso")
        keys = w.select_in_pixel_polygon(_pixel_circle(w, np.arange(n)[(x > 0) & (y > 0)], pad=0))
        elapsed = time.perf_counter() - t0
        assert elapsed < 3.0, elapsed  # typically ~0.15 s
        assert len(keys) > n // 5
        assert image.pixelColor(int(w.data_to_pixel(0, 0)[0]), int(w.data_to_pixel(0, 0)[1])) != QColor("white")
        with pytest.raises(ValueError):
            w.set_mode("circle")
    finally:
        w.close()
        w.deleteLater()


# ----------------------------------------------------------------------------------------------------- the dock
def test_box_selection_selects_cluster_and_replaces_heatmap(dock):
    vl, clusters, vertices = _embedding()
    QgsProject.instance().addMapLayer(vl)
    dock.set_layer(vl)
    assert dock.objectName() == "DeepTrajEmbeddingExplorer"
    assert (dock.x_combo.currentField(), dock.y_combo.currentField()) == ("PCA_1", "PCA_2")
    assert dock.color_combo.currentField() == "user"
    assert dock.scatter.point_count() == 2 * N_PER_CLUSTER
    assert dock.status.text() == "0 of 40 selected"

    # 1) through the pure helper: a pixel rectangle around cluster a
    keys = dock.scatter.select_in_pixel_rect(_pixel_box(dock.scatter, clusters["a"]))
    assert sorted(keys) == sorted(clusters["a"])
    assert sorted(vl.selectedFeatureIds()) == sorted(clusters["a"])
    assert dock.status.text() == "20 of 40 selected"
    heats = _heat_layers()
    assert len(heats) == 1
    heat = heats[0]
    assert heat is dock.heatmap_layer() and heat.name() == "Heatmap of selected embeddings"
    assert heat.geometryType() == QgsWkbTypes.PointGeometry and heat.crs() == vl.crs()
    assert heat.renderer().type() == "heatmapRenderer"
    assert heat.featureCount() == len(clusters["a"])
    assert _heat_points(heat) == sum(vertices[i] for i in clusters["a"])
    assert sorted(f["source_fid"] for f in heat.getFeatures()) == sorted(clusters["a"])
    order = [n.layerId() for n in QgsProject.instance().layerTreeRoot().findLayers()]
    assert order.index(heat.id()) == order.index(vl.id()) - 1  # right above the source layer
    assert heat not in _combo_layers(dock)  # the heatmap is not offered for exploring

    # 2) through the mouse: a box dragged (bottom-right to top-left) around cluster b replaces both
    x0, y0, x1, y1 = _pixel_box(dock.scatter, clusters["b"])
    _drag(dock.scatter, [(x1, y1), ((x0 + x1) / 2, (y0 + y1) / 2), (x0, y0)])
    assert sorted(vl.selectedFeatureIds()) == sorted(clusters["b"])
    assert _heat_layers() == [heat] and dock.heatmap_layer() is heat  # the same layer, refilled
    assert heat.featureCount() == len(clusters["b"])
    assert _heat_points(heat) == sum(vertices[i] for i in clusters["b"])

    # the heatmap renders: density pixels appear where the selected lines are
    settings = QgsMapSettings()
    settings.setLayers([heat])
    settings.setDestinationCrs(heat.crs())
    extent = heat.extent()
    extent.grow(500)
    settings.setExtent(extent)
    settings.setOutputSize(QSize(120, 80))
    settings.setBackgroundColor(QColor(0, 0, 0, 0))
    job = QgsMapRendererSequentialJob(settings)
    job.start()
    job.waitForFinished()
    image = job.renderedImage()
    painted = sum(image.pixelColor(i, j).alpha() > 0 for i in range(0, 120, 3) for j in range(0, 80, 3))
    assert painted > 10

    # the heatmap option off: the selection still reaches the map, the heatmap is left alone
    dock.heatmap_check.setChecked(False)
    builds = dock.heatmap_builds
    dock.scatter.select_keys(clusters["a"][:3])
    assert sorted(vl.selectedFeatureIds()) == sorted(clusters["a"][:3]) and dock.heatmap_builds == builds
    # removing the heatmap layer by hand is noticed; the next selection makes a new one
    QgsProject.instance().removeMapLayer(heat.id())
    assert dock.heatmap_layer() is None
    dock.heatmap_check.setChecked(True)  # turning it on builds it from the current selection
    assert len(_heat_layers()) == 1 and dock.heatmap_layer().featureCount() == 3


def test_lasso_and_shift_add_through_the_mouse(dock, qgis_iface):
    vl, clusters, _ = _embedding()
    QgsProject.instance().addMapLayer(vl)
    dock.set_layer(vl)
    x0, y0, x1, y1 = _pixel_box(dock.scatter, clusters["a"])
    _drag(dock.scatter, [(x0, y0), (x1, y0 + 3), (x1, y1)])
    assert sorted(vl.selectedFeatureIds()) == sorted(clusters["a"])

    dock.lasso_button.click()
    assert dock.scatter.mode() == "lasso"
    lasso = _pixel_circle(dock.scatter, clusters["b"])
    _drag(dock.scatter, lasso + [lasso[0]], Qt.ShiftModifier)  # Shift adds cluster b
    assert sorted(vl.selectedFeatureIds()) == sorted(clusters["a"] + clusters["b"])
    assert _heat_points(dock.heatmap_layer()) == sum(len(f.geometry().asPolyline()) for f in vl.getFeatures())

    _drag(dock.scatter, lasso)  # without Shift the lasso replaces the selection
    assert sorted(vl.selectedFeatureIds()) == sorted(clusters["b"])
    assert dock.heatmap_layer().featureCount() == len(clusters["b"])
    assert len(_heat_layers()) == 1

    # a concave lasso (a "C" opening towards cluster a) around b never takes a
    cx, cy = np.mean(lasso, axis=0)
    r = max(math.hypot(px - cx, py - cy) for px, py in lasso)
    c_shape = [(cx + r * math.cos(t), cy + r * math.sin(t)) for t in np.linspace(0.6, 2 * math.pi - 0.6, 20)]
    c_shape += [
        (cx + 0.3 * r * math.cos(t), cy + 0.3 * r * math.sin(t)) for t in np.linspace(2 * math.pi - 0.6, 0.6, 8)
    ]
    keys = dock.scatter.select_in_pixel_polygon(c_shape)
    assert set(keys) <= set(clusters["b"])

    # the selection zoomed the (mock) map canvas onto the selected lines
    canvas = qgis_iface.mapCanvas()
    assert canvas.extent().contains(vl.boundingBoxOfSelected())

    # a click on empty space clears the selection on the map
    rect = dock.scatter.plot_rect()
    QTest.mouseClick(dock.scatter, Qt.LeftButton, Qt.NoModifier, QPoint(int(rect.right()) - 2, int(rect.top()) + 2))
    assert vl.selectedFeatureIds() == [] and dock.heatmap_layer().featureCount() == 0


def test_map_selection_highlights_without_feedback(dock):
    vl, clusters, _ = _embedding()
    QgsProject.instance().addMapLayer(vl)
    dock.set_layer(vl)
    emitted = []
    dock.scatter.selectionChanged.connect(emitted.append)
    builds = dock.heatmap_builds
    chosen = clusters["a"][:5] + clusters["b"][-2:]
    vl.selectByIds(chosen)
    assert sorted(dock.scatter.highlighted_keys()) == sorted(chosen)
    assert dock.status.text() == "7 of 40 selected"
    vl.removeSelection()
    assert dock.scatter.highlighted_keys() == []
    assert emitted == [] and dock.heatmap_builds == builds  # no loop back into the layer, no heatmap rebuild
    assert _heat_layers() == []

    # a selection made in the scatter goes to the map exactly once and comes back as the highlight
    changes = []
    vl.selectionChanged.connect(lambda *a: changes.append(a))
    dock.scatter.select_keys(clusters["b"])
    assert len(changes) == 1 and dock.heatmap_builds == builds + 1
    assert sorted(dock.scatter.highlighted_keys()) == sorted(clusters["b"])

    # closing the dock disconnects it from the layer; showing it again reconnects
    dock.close()
    vl.selectByIds(clusters["a"])
    assert sorted(dock.scatter.highlighted_keys()) == sorted(clusters["b"])
    dock.show()
    assert sorted(dock.scatter.highlighted_keys()) == sorted(clusters["a"])


def test_colour_by_categorical_and_numeric_fields(dock):
    vl, clusters, _ = _embedding()
    QgsProject.instance().addMapLayer(vl)
    dock.set_layer(vl)
    users = {f.id(): f["user"] for f in vl.getFeatures()}
    colors = dock.scatter.point_colors()
    by_user = {}
    for fid, user in users.items():
        by_user.setdefault(user, set()).add(colors[fid])
    assert all(len(c) == 1 for c in by_user.values())  # one colour per category ...
    assert len({next(iter(c)) for c in by_user.values()}) == 3  # ... and distinct between categories
    assert "u0" in dock.legend.text() and "u2" in dock.legend.text()

    dock.color_combo.setField("e000")  # numeric: a ramp from the smallest to the largest value
    colors = dock.scatter.point_colors()
    values = {f.id(): f["e000"] for f in vl.getFeatures()}
    lo, hi = min(values, key=values.get), max(values, key=values.get)
    assert colors[lo] == ee.ramp_color(0.0) and colors[hi] == ee.ramp_color(1.0) and colors[lo] != colors[hi]
    assert len(set(colors.values())) > 10

    dock.color_combo.setField("")  # no field: one colour
    assert len(set(dock.scatter.point_colors().values())) == 1

    ramp, vmin, vmax = ee.ramp_colors([1.0, None, 3.0, float("nan")])
    assert ramp[1] == ramp[3] == ee.NULL_COLOR and (vmin, vmax) == (1.0, 3.0) and ramp[0] != ramp[2]
    cats, legend = ee.category_colors(["x", "y", None, "x"])
    assert cats[0] == cats[3] != cats[1] and cats[2] == ee.NULL_COLOR and [c for c, _ in legend] == ["x", "y"]


def test_point_layer_heatmap_and_other_fields(dock):
    vl = QgsVectorLayer("Point?crs=EPSG:4326&field=name:string&field=a:double&field=b:double", "pts", "memory")
    feats = []
    for i in range(10):
        f = QgsFeature(vl.fields())
        f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(116 + i * 0.01, 40)))
        f.setAttributes([f"p{i}", float(i), float(i % 2)])
        feats.append(f)
    vl.dataProvider().addFeatures(feats)
    QgsProject.instance().addMapLayer(vl)
    dock.set_layer(vl)
    assert (dock.x_combo.currentField(), dock.y_combo.currentField()) == ("a", "b")  # first two numeric fields
    keys = dock.scatter.select_in_data_box((3.5, 9.5, 0.5, 1.5))  # a > 3.5 and b == 1
    wanted = sorted(f.id() for f in vl.getFeatures() if f["a"] > 3.5 and f["b"] == 1)
    assert sorted(keys) == wanted == sorted(vl.selectedFeatureIds())
    heat = dock.heatmap_layer()
    got = sorted((f["source_fid"], f.geometry().asMultiPoint()[0].x()) for f in heat.getFeatures())
    assert got == [(fid, pytest.approx(vl.getFeature(fid).geometry().asPoint().x())) for fid in wanted]
    assert heat.crs().authid() == "EPSG:4326"

    dock.y_combo.setField("a")  # any numeric pair can be plotted
    assert dock.scatter.point_count() == 10


def test_removing_the_layer_leaves_an_empty_usable_dock(dock):
    vl, clusters, _ = _embedding()
    other, _, _ = _embedding("other")
    QgsProject.instance().addMapLayers([vl, other])
    dock.set_layer(vl)
    dock.scatter.select_keys(clusters["a"])
    heat_id = dock.heatmap_layer().id()
    QgsProject.instance().removeMapLayer(vl.id())
    assert dock.layer() is None and dock.scatter.point_count() == 0
    assert dock.layer_combo.currentLayer() is None and dock.status.text() == "0 of 0 selected"
    assert dock.scatter.select_in_data_box((-10, 10, -10, 10)) == []  # nothing to select, no crash
    dock.scatter.render_to_pixmap()
    dock.set_layer(other)  # still usable
    assert dock.scatter.point_count() == 40
    dock.scatter.select_keys([1, 2])
    # the heatmap (same CRS) is reused for the new layer
    assert dock.heatmap_layer().id() == heat_id and dock.heatmap_layer().featureCount() == 2
    dock.layer_combo.setLayer(None)
    assert dock.layer() is None

    # a layer outside the project that gets deleted empties the dock too
    orphan, _, _ = _embedding("orphan")
    check_deleted_layer_empties(dock, orphan, dock.scatter.point_count, 40)


def test_preferred_layer_and_projection_fields(qgis_new_project):
    plain = QgsVectorLayer("Point?crs=EPSG:4326&field=v:double", "plain", "memory")
    pca, _, _ = _embedding("pca")
    marked, _, _ = _embedding("marked", marked=True)
    QgsProject.instance().addMapLayers([plain, pca, marked])
    assert ee.preferred_layer() is marked  # the embedding output first
    assert ee.preferred_layer(active=pca) is pca  # the active layer when it has PCA_1/PCA_2
    assert ee.projection_fields(plain) == (None, None)
    assert ee.has_projection(pca) and not ee.has_projection(plain) and not ee.has_projection(None)
    assert ee.is_embedding_layer(marked) and not ee.is_embedding_layer(pca)


# ---------------------------------------------------------------------------------------------------- the plugin
def test_plugin_opens_the_explorer_on_an_added_embedding_layer(started_plugin, qgis_iface):
    action = next(a for a in started_plugin.actions if a.objectName() == "deeptrajEmbeddingExplorer")
    assert action.text() == "Embedding explorer"
    assert started_plugin.explorer is None

    plain, _, _ = _embedding("plain")
    QgsProject.instance().addMapLayer(plain)
    QCoreApplication.processEvents()
    assert started_plugin.explorer is None  # only marked layers open it by themselves

    vl, clusters, _ = _embedding("embedding", marked=True)
    QgsProject.instance().addMapLayer(vl)
    dock = started_plugin.explorer
    assert dock is not None and dock.objectName() == "DeepTrajEmbeddingExplorer"
    assert dock.layer() is vl and not dock.isHidden() and dock.scatter.point_count() == 40

    # marked after being added (as a Processing post-processor may do): picked up when the property is set
    late, _, _ = _embedding("late")
    QgsProject.instance().addMapLayer(late)
    assert dock.layer() is vl
    late.setCustomProperty("deeptraj/other", "1")
    assert dock.layer() is vl
    late.setCustomProperty("deeptraj/embedding", "1")
    assert started_plugin.explorer is dock and dock.layer() is late  # the same dock, now on the new layer

    dock.set_layer(vl)
    dock.scatter.select_keys(clusters["b"])
    assert sorted(vl.selectedFeatureIds()) == sorted(clusters["b"])
    QgsProject.instance().removeMapLayer(vl.id())
    assert dock.layer() is None and dock.scatter.point_count() == 0

    # the menu action shows the same dock on the active layer when it has PCA_1/PCA_2
    dock.close()
    qgis_iface.setActiveLayer(plain)
    action.trigger()
    assert started_plugin.explorer is dock and not dock.isHidden() and dock.layer() is plain

    started_plugin.unload()
    assert started_plugin.explorer is None and started_plugin.watched_layers == {}
    QCoreApplication.sendPostedEvents(None, QEvent.DeferredDelete)
    assert sip.isdeleted(dock)  # unload removed and deleted the dock
    again, _, _ = _embedding("again", marked=True)
    QgsProject.instance().addMapLayer(again)
    plain.setCustomProperty("deeptraj/embedding", "1")
    assert started_plugin.explorer is None  # unload disconnected the project and layer signals
    started_plugin.unload()
