"""Desktop polish of the docks (issue 23): the embedding explorer's Layer box shows the layer it plots and its legend
orders numeric categories by value; the docks opened by a project with marked layers open once, tabbed together
(and with the Processing toolbox, which stays on top), and stay closed on the next project load once the user
closed them."""

import pytest
from qgis.core import (
    QgsCoordinateTransformContext,
    QgsFeature,
    QgsGeometry,
    QgsPointXY,
    QgsProject,
    QgsSettings,
    QgsVectorFileWriter,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QCoreApplication, Qt
from qgis.PyQt.QtTest import QTest
from qgis.PyQt.QtWidgets import QDockWidget, QLabel, QMainWindow

from deeptraj.plugin import dock_registry, menu
from deeptraj.plugin import embedding_explorer as ee
from deeptraj.processing_provider.crotad.layers import SEGMENT_FIELDS, SEGMENTS_PROPERTY
from deeptraj.processing_provider.embedding_layers import EMBEDDING_PROPERTY
from deeptraj.processing_provider.layer_io import make_fields


def _write(layer, path):
    """``layer`` written to the GeoPackage ``path``, opened again as an ogr layer."""
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "GPKG"
    error = QgsVectorFileWriter.writeAsVectorFormatV2(layer, str(path), QgsCoordinateTransformContext(), options)
    assert error[0] == QgsVectorFileWriter.NoError, error
    out = QgsVectorLayer(str(path), layer.name(), "ogr")
    assert out.isValid()
    return out


def _embedding_layer(tmp_path, name="embedding", clusters=("2", "10", "1", "2")):
    """An embedding output (PCA_1/PCA_2, user, a text cluster field) in a GeoPackage, marked as such."""
    mem = QgsVectorLayer(
        "Point?crs=EPSG:4326&field=user:string&field=cluster:string&field=PCA_1:double&field=PCA_2:double",
        name,
        "memory",
    )
    feats = []
    for i, cluster in enumerate(clusters):
        f = QgsFeature(mem.fields())
        f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(116 + i * 0.01, 40)))
        f.setAttributes([f"u{i % 2}", cluster, float(i), float(-i)])
        feats.append(f)
    assert mem.dataProvider().addFeatures(feats)[0]
    layer = _write(mem, tmp_path / f"{name}.gpkg")
    layer.setCustomProperty(EMBEDDING_PROPERTY, "1")
    return layer


def _segments_layer(tmp_path, name="segments"):
    """A crotaddetect segments output (SEGMENT_FIELDS) in a GeoPackage, marked as such."""
    mem = QgsVectorLayer("LineString?crs=EPSG:3857", name, "memory")
    assert mem.dataProvider().addAttributes(make_fields(SEGMENT_FIELDS).toList())
    mem.updateFields()
    f = QgsFeature(mem.fields())
    f.setGeometry(QgsGeometry.fromPolylineXY([QgsPointXY(0, 0), QgsPointXY(100, 0)]))
    f["traj_id"], f["label"], f["n_points"], f["mean_votes"] = "T1", 1, 2, 0.8
    assert mem.dataProvider().addFeatures([f])[0]
    layer = _write(mem, tmp_path / f"{name}.gpkg")
    layer.setCustomProperty(SEGMENTS_PROPERTY, "1")
    return layer


def _saved_project(tmp_path, layers):
    """The path of a project file holding ``layers`` (their custom properties included), written by a project of
    its own: the plugin, which watches the current project, does not see them."""
    project = QgsProject()
    project.addMapLayers(layers)
    path = str(tmp_path / "marked.qgs")
    assert project.write(path)
    project.clear()
    return path


def _load(path):
    assert QgsProject.instance().read(path)
    QCoreApplication.processEvents()


def _on_top(dock) -> bool:
    """The dock is shown and not covered by another tab of its group."""
    return dock.isVisible() and not dock.visibleRegion().isEmpty()


@pytest.fixture()
def no_dock_memory():
    """The remembered "closed by the user" choices are forgotten before and after the test."""
    settings = QgsSettings()
    settings.remove(dock_registry.SETTINGS_GROUP)
    yield
    settings.remove(dock_registry.SETTINGS_GROUP)


@pytest.fixture()
def docking(qgis_iface, monkeypatch, no_dock_memory):
    """iface.addDockWidget / removeDockWidget doing what QGIS does with the main window (the stub does nothing);
    yields the main window."""
    main = qgis_iface.mainWindow()
    assert isinstance(main, QMainWindow)

    def add_dock_widget(area, dock):
        QMainWindow.addDockWidget(main, area, dock)
        dock.show()

    monkeypatch.setattr(qgis_iface, "addDockWidget", add_dock_widget)
    monkeypatch.setattr(qgis_iface, "removeDockWidget", lambda dock: QMainWindow.removeDockWidget(main, dock))
    yield main


@pytest.fixture()
def desktop(docking):
    """The main window shown, with a Processing toolbox docked on the right; yields (main window, toolbox)."""
    main = docking
    was_visible = main.isVisible()
    main.resize(1000, 700)
    main.show()
    QTest.qWaitForWindowExposed(main)
    toolbox = QDockWidget("Processing Toolbox", main)
    toolbox.setObjectName("ProcessingToolbox")
    toolbox.setWidget(QLabel("algorithms", toolbox))
    main.addDockWidget(Qt.RightDockWidgetArea, toolbox)
    toolbox.show()
    QCoreApplication.processEvents()
    yield main, toolbox
    main.removeDockWidget(toolbox)
    toolbox.setParent(None)
    toolbox.deleteLater()
    if not was_visible:
        main.hide()
    QCoreApplication.processEvents()


# --------------------------------------------------------------------------------------------- point 7: explorer
def test_layer_box_shows_the_layer_the_explorer_plots(desktop, started_plugin, tmp_path):
    """The explorer exists (opened from the menu) before an embedding layer arrives: the plugin gives it the layer
    from the project's layersAdded signal, before the Layer box's model has the layer. The box must still show it."""
    dock = menu.open_explorer(started_plugin)
    assert dock.layer() is None and dock.layer_combo.currentLayer() is None

    vl = _embedding_layer(tmp_path)
    QgsProject.instance().addMapLayer(vl)
    assert dock.layer() is vl and dock.scatter.point_count() == 4
    assert dock.layer_combo.currentLayer() is vl
    dock.set_layer(vl)  # asking again for the same layer keeps the box right
    assert dock.layer_combo.currentLayer() is vl

    # the same on a project load: the explorer follows the loaded embedding layer and its box names it
    path = _saved_project(tmp_path, [_embedding_layer(tmp_path, "saved")])
    QgsProject.instance().clear()
    assert dock.layer() is None and dock.layer_combo.currentLayer() is None
    _load(path)
    loaded = dock.layer()
    assert loaded is not None and loaded.name() == "saved"
    assert dock.layer_combo.currentLayer() is loaded and dock.scatter.point_count() == 4


def test_legend_orders_numeric_categories_by_value_and_text_alphabetically(qgis_iface, qgis_new_project, tmp_path):
    colors, legend = ee.category_colors(["2", "10", "1", None, "2", "-1", "2.5"])
    assert [label for label, _ in legend] == ["-1", "1", "2", "2.5", "10"]
    assert colors[0] == colors[4] and colors[3] == ee.NULL_COLOR
    _, legend = ee.category_colors(["banana", "Cherry", "apple"])
    assert [label for label, _ in legend] == ["apple", "banana", "Cherry"]
    _, legend = ee.category_colors(["cluster 10", "cluster 2", "cluster 1"])
    assert [label for label, _ in legend] == ["cluster 1", "cluster 2", "cluster 10"]

    vl = _embedding_layer(tmp_path)
    QgsProject.instance().addMapLayer(vl)
    dock = ee.EmbeddingExplorerDock(qgis_iface)
    try:
        dock.set_layer(vl)
        dock.color_combo.setField("cluster")
        text = dock.legend.text()
        assert text.index("&nbsp;1") < text.index("&nbsp;2") < text.index("&nbsp;10")
    finally:
        dock.cleanup()
        dock.deleteLater()


# ------------------------------------------------------------------------------------- point 9: docks on loading
def test_project_load_opens_the_docks_tabbed_behind_the_toolbox(desktop, started_plugin, tmp_path):
    main, toolbox = desktop
    path = _saved_project(tmp_path, [_embedding_layer(tmp_path), _segments_layer(tmp_path)])
    assert started_plugin.explorer is None and started_plugin.flagged_segments is None

    _load(path)
    explorer, flagged = started_plugin.explorer, started_plugin.flagged_segments
    assert explorer is not None and flagged is not None
    assert explorer.layer().name() == "embedding" and flagged.layer().name() == "segments"
    for dock in (explorer, flagged):
        assert main.dockWidgetArea(dock) == Qt.RightDockWidgetArea and not dock.isFloating()
        assert not dock.isHidden()
    # one tab group: the two docks and the toolbox, which is not covered by them
    assert set(main.tabifiedDockWidgets(explorer)) == {flagged, toolbox}
    assert _on_top(toolbox) and not _on_top(explorer) and not _on_top(flagged)

    # loading again reuses the docks, still in one group under the toolbox
    _load(path)
    assert started_plugin.explorer is explorer and started_plugin.flagged_segments is flagged
    assert set(main.tabifiedDockWidgets(flagged)) == {explorer, toolbox} and _on_top(toolbox)

    # the menu action is the user asking for the dock: it comes on top of the toolbox
    menu.open_explorer(started_plugin)
    QCoreApplication.processEvents()
    assert _on_top(explorer) and not _on_top(toolbox) and not toolbox.isHidden()


def test_project_load_without_toolbox_tabs_the_docks_together(docking, started_plugin, tmp_path):
    path = _saved_project(tmp_path, [_segments_layer(tmp_path), _embedding_layer(tmp_path)])
    _load(path)
    explorer, flagged = started_plugin.explorer, started_plugin.flagged_segments
    assert docking.dockWidgetArea(explorer) == Qt.RightDockWidgetArea
    assert docking.tabifiedDockWidgets(explorer) == [flagged]


def test_a_dock_the_user_closed_stays_closed_on_project_loads(desktop, started_plugin, tmp_path, qgis_iface):
    main, toolbox = desktop
    path = _saved_project(tmp_path, [_embedding_layer(tmp_path), _segments_layer(tmp_path)])
    _load(path)
    explorer, flagged = started_plugin.explorer, started_plugin.flagged_segments

    explorer.close()  # the dock's close button
    assert QgsSettings().value(dock_registry.closed_key(dock_registry.EXPLORER), False, type=bool)
    _load(path)
    assert explorer.isHidden() and not flagged.isHidden()  # only the dock the user closed stays closed
    assert flagged.layer() is not None and flagged.layer().name() == "segments"

    # closed from the Panels menu (the dock's toggle action): remembered the same way
    flagged.toggleViewAction().trigger()
    assert flagged.isHidden()
    _load(path)
    assert explorer.isHidden() and flagged.isHidden()

    # remembered across sessions: a plugin started again does not open them on a project load either
    started_plugin.unload()
    QCoreApplication.processEvents()
    import deeptraj

    again = deeptraj.classFactory(qgis_iface)
    again.initGui()
    try:
        _load(path)
        assert again.explorer is None and again.flagged_segments is None

        # the menu / toolbar actions still open them, and then they open on project loads again
        assert not menu.open_explorer(again).isHidden()
        assert not QgsSettings().value(dock_registry.closed_key(dock_registry.EXPLORER), False, type=bool)
        again.flagged_toolbar_action.trigger()
        assert not again.flagged_segments.isHidden()
        _load(path)
        assert not again.explorer.isHidden() and again.explorer.layer().name() == "embedding"
        assert set(main.tabifiedDockWidgets(again.explorer)) == {again.flagged_segments, toolbox}

        # an output added while working (not a project load) opens its dock even after the user closed it, behind
        # the toolbox when that is the tab shown
        again.explorer.close()
        toolbox.raise_()  # the user clicks the toolbox's tab
        QCoreApplication.processEvents()
        assert _on_top(toolbox)
        fresh = _embedding_layer(tmp_path, "fresh")
        QgsProject.instance().addMapLayer(fresh)
        assert not again.explorer.isHidden() and again.explorer.layer() is fresh
        QCoreApplication.processEvents()
        assert _on_top(toolbox) and toolbox in main.tabifiedDockWidgets(again.explorer)
    finally:
        again.unload()
