"""Flagged segments dock: the table of anomalous CroTad segments (filters, numeric sorting, lengths on the
ellipsoid), the link to the map (selection, zoom, flash), reviews written back to the layer, layer changes and
removal, and the plugin opening the dock on a segments layer added to the project."""

import math
import time

import pytest
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsGeometry,
    QgsPointXY,
    QgsProject,
    QgsRectangle,
    QgsVectorLayer,
)
from qgis.PyQt import sip
from qgis.PyQt.QtCore import QCoreApplication, QDate, QDateTime, QEvent, Qt, QTime
from qgis.PyQt.QtTest import QTest
from qgis.PyQt.QtWidgets import QStyle, QStyleOptionViewItem

from deeptraj.plugin.flagged_segments import model as fs
from deeptraj.plugin.flagged_segments.dock import RELOAD_DELAY_MS, FlaggedSegmentsDock
from deeptraj.plugin.flagged_segments.proxy import NO_VALUE
from deeptraj.processing_provider.crotad import layers as crotad_layers
from deeptraj.processing_provider.layer_io import make_fields
from tests.gui.docks import check_deleted_layer_empties, shown

#: y of the segments in EPSG:3857: latitude 60 degrees, where a metre on the ground is about 2 map units
Y60 = 8399737.89
#: (traj_id, od, start hour or None, n_points, label, mean_votes, anomaly_type, length in map units)
SEGMENTS = [
    ("1", "A", 8, 12, 1, 4.5, "detour", 2000.0),
    ("1", "A", 8, 30, 0, 0.5, None, 4000.0),
    ("2", "A", 9, 8, 1, 3.0, "switch", 1000.0),
    ("3", "B", None, 5, 1, 5.0, "detour", 500.0),
    ("4", "B", 10, 40, 0, 0.0, None, 6000.0),
    ("10", "B", 7, 20, 1, 2.0, None, 3000.0),
]


def _dt(hour, minute=0):
    return QDateTime(QDate(2024, 1, 1), QTime(hour, minute), Qt.UTC)


def _segments(name="segments", marked=False, crs="EPSG:3857", rows=SEGMENTS):
    """A memory line layer with crotaddetect's segments schema (crotad_layers.SEGMENT_FIELDS). Returns
    (layer, {traj_id + label: fid})."""
    vl = QgsVectorLayer(f"LineString?crs={crs}", name, "memory")
    assert vl.dataProvider().addAttributes(make_fields(crotad_layers.SEGMENT_FIELDS).toList())
    vl.updateFields()
    feats = []
    x = 0.0
    for traj, od, hour, n_points, label, votes, kind, length in rows:
        f = QgsFeature(vl.fields())
        f.setGeometry(
            QgsGeometry.fromPolylineXY(
                [QgsPointXY(x, Y60), QgsPointXY(x + length / 2, Y60), QgsPointXY(x + length, Y60)]
            )
        )
        f.setAttributes(
            [
                traj,
                od,
                _dt(hour) if hour is not None else None,
                _dt(hour if hour is not None else 11, 10),
                n_points,
                label,
                votes,
                kind,
                None,
            ]
        )
        feats.append(f)
        x += length + 20000.0  # far apart: zooming on one never shows the next
    assert vl.dataProvider().addFeatures(feats)[0]
    if marked:
        vl.setCustomProperty(crotad_layers.SEGMENTS_PROPERTY, "1")
    fids = {f"{f['traj_id']}/{f['label']}": f.id() for f in vl.getFeatures()}
    return vl, fids


@pytest.fixture()
def dock(qgis_iface, qgis_new_project):
    d = FlaggedSegmentsDock(qgis_iface)
    d.resize(700, 400)
    yield from shown(d)


@pytest.fixture()
def canvas(qgis_iface):
    """The session's map canvas, its CRS and extent put back afterwards (other tests compare in layer units)."""
    c = qgis_iface.mapCanvas()
    crs, extent = c.mapSettings().destinationCrs(), c.extent()
    yield c
    c.setDestinationCrs(crs)
    c.setExtent(extent)


def _review(vl, fid):
    value = vl.getFeature(fid)["reviewed"]
    return None if value is None or (hasattr(value, "isNull") and value.isNull()) else int(value)


def _check(dock, fid, state):
    """Toggle the row's checkbox as the view does (setData through the proxy)."""
    row = dock.model.row_of(fid)
    index = dock.proxy.mapFromSource(dock.model.index(row, fs.COL_REVIEWED))
    assert dock.proxy.flags(index) & Qt.ItemIsUserCheckable
    return dock.proxy.setData(index, state, Qt.CheckStateRole)


def _click_checkbox(dock, fid):
    """A real mouse click on the row's check indicator."""
    view = dock.table
    index = dock.proxy.mapFromSource(dock.model.index(dock.model.row_of(fid), fs.COL_REVIEWED))
    view.scrollTo(index)
    option = QStyleOptionViewItem()
    option.rect = view.visualRect(index)
    option.features |= QStyleOptionViewItem.HasCheckIndicator
    box = view.style().subElementRect(QStyle.SE_ItemViewItemCheckIndicator, option, view)
    QTest.mouseClick(view.viewport(), Qt.LeftButton, Qt.NoModifier, box.center())


def _check_state(dock, fid):
    return dock.model.data(dock.model.index(dock.model.row_of(fid), fs.COL_REVIEWED), Qt.CheckStateRole)


def _cell(dock, fid, col):
    return dock.model.data(dock.model.index(dock.model.row_of(fid), col))


# ----------------------------------------------------------------------------------------------------- the dock
def test_rows_filters_sorting_and_lengths(dock):
    vl, fids = _segments()
    QgsProject.instance().addMapLayer(vl)
    dock.set_layer(vl)
    assert dock.objectName() == "DeepTrajFlaggedSegments" and dock.windowTitle() == "Flagged segments"
    assert dock.layer() is vl and dock.message.text() == ""
    anomalous = [fids["1/1"], fids["2/1"], fids["3/1"], fids["10/1"]]
    # only the anomalous segments, the most confident first (default sort: votes, descending)
    assert dock.visible_fids() == [fids["3/1"], fids["1/1"], fids["2/1"], fids["10/1"]]
    assert dock.status.text() == "4 of 4 segments shown"
    assert [dock.model.headerData(c, Qt.Horizontal) for c in range(fs.N_COLUMNS)] == [
        "Trajectory",
        "OD",
        "Type",
        "Start",
        "End",
        "Points",
        "Votes",
        "Length (m)",
        "Reviewed",
    ]
    assert _cell(dock, fids["1/1"], fs.COL_START) == "08:00:00"  # all segments share one date: the time of day
    assert _cell(dock, fids["3/1"], fs.COL_START) == ""  # NULL start time
    assert _cell(dock, fids["1/1"], fs.COL_VOTES) == "4.50" and _cell(dock, fids["1/1"], fs.COL_POINTS) == "12"
    assert _cell(dock, fids["10/1"], fs.COL_TYPE) == "" and _cell(dock, fids["2/1"], fs.COL_TYPE) == "switch"

    # lengths in metres on the WGS 84 ellipsoid: at 60 degrees N a Mercator unit is about half a metre
    lengths = dict(zip(dock.model.column("fid").tolist(), dock.model.column("length").tolist()))
    for fid, (*_, map_length) in zip(
        [fids["1/1"], fids["2/1"], fids["3/1"], fids["10/1"]], [SEGMENTS[0], SEGMENTS[2], SEGMENTS[3], SEGMENTS[5]]
    ):
        assert lengths[fid] == pytest.approx(map_length * math.cos(math.radians(60)), rel=0.01)

    # filters: OD, type, both, the "(none)" entry for NULL types
    assert [dock.od_combo.itemText(i) for i in range(dock.od_combo.count())] == ["All", "A", "B"]
    assert [dock.type_combo.itemText(i) for i in range(dock.type_combo.count())] == [
        "All",
        "detour",
        "switch",
        "(none)",
    ]
    dock.od_combo.setCurrentIndex(1)  # as the user picks "A"
    assert sorted(dock.visible_fids()) == sorted([fids["1/1"], fids["2/1"]])
    assert dock.status.text() == "2 of 4 segments shown"
    assert dock.set_type_filter("detour")
    assert dock.visible_fids() == [fids["1/1"]]
    assert dock.set_od_filter(None) and sorted(dock.visible_fids()) == sorted([fids["1/1"], fids["3/1"]])
    assert dock.set_type_filter(NO_VALUE) and dock.visible_fids() == [fids["10/1"]]
    assert not dock.set_od_filter("Z")  # not offered
    dock.set_type_filter(None)
    assert sorted(dock.visible_fids()) == sorted(anomalous)

    # sorting through the header (numeric keys, not text): votes, length, time (NULL last), trajectory ids
    dock.table.sortByColumn(fs.COL_VOTES, Qt.AscendingOrder)
    assert dock.visible_fids() == [fids["10/1"], fids["2/1"], fids["1/1"], fids["3/1"]]
    dock.table.sortByColumn(fs.COL_LENGTH, Qt.DescendingOrder)
    assert dock.visible_fids() == [fids["10/1"], fids["1/1"], fids["2/1"], fids["3/1"]]
    dock.table.sortByColumn(fs.COL_START, Qt.AscendingOrder)
    assert dock.visible_fids() == [fids["10/1"], fids["1/1"], fids["2/1"], fids["3/1"]]
    dock.table.sortByColumn(fs.COL_START, Qt.DescendingOrder)
    assert dock.visible_fids() == [fids["2/1"], fids["1/1"], fids["10/1"], fids["3/1"]]
    dock.table.sortByColumn(fs.COL_TRAJ, Qt.AscendingOrder)  # "10" after "3"
    assert dock.visible_fids() == [fids["1/1"], fids["2/1"], fids["3/1"], fids["10/1"]]
    # the selection follows its rows through a sort
    dock.select_fids([fids["2/1"]])
    dock.table.sortByColumn(fs.COL_VOTES, Qt.DescendingOrder)
    dock.table.sortByColumn(fs.COL_TRAJ, Qt.AscendingOrder)
    assert dock.selected_fids() == [fids["2/1"]]
    # the filter applies to the sorted rows, and the sort survives a filter change
    dock.set_od_filter("B")
    assert dock.visible_fids() == [fids["3/1"], fids["10/1"]]
    dock.set_od_filter(None)

    # a plain QSortFilterProxyModel over the model sorts the same on the numeric sort role
    from qgis.PyQt.QtCore import QSortFilterProxyModel

    plain = QSortFilterProxyModel()
    plain.setSourceModel(dock.model)
    plain.setSortRole(fs.SORT_ROLE)
    plain.sort(fs.COL_LENGTH, Qt.DescendingOrder)
    assert [plain.data(plain.index(r, 0), fs.FID_ROLE) for r in range(4)] == [
        fids["10/1"],
        fids["1/1"],
        fids["2/1"],
        fids["3/1"],
    ]

    # normal segments on request, greyed and without a review checkbox
    dock.normal_check.setChecked(True)
    assert dock.model.rowCount() == 6 and dock.status.text() == "6 of 6 segments shown"
    index = dock.model.index(dock.model.row_of(fids["4/0"]), fs.COL_REVIEWED)
    assert not dock.model.flags(index) & Qt.ItemIsUserCheckable
    assert dock.model.data(index, Qt.ForegroundRole) is not None
    dock.normal_check.setChecked(False)
    assert sorted(dock.visible_fids()) == sorted(anomalous)


def test_selecting_a_row_selects_zooms_and_flashes(dock, canvas, monkeypatch):
    vl, fids = _segments()
    QgsProject.instance().addMapLayer(vl)
    canvas.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:3857"))
    canvas.setExtent(QgsRectangle(-1e7, -1e7, -9e6, -9e6))
    flashed = []
    monkeypatch.setattr(canvas, "flashFeatureIds", lambda layer, ids, *a, **k: flashed.append((layer, list(ids))))
    dock.set_layer(vl)

    fid = fids["2/1"]
    dock.select_fids([fid])
    assert dock.selected_fids() == [fid]
    assert vl.selectedFeatureIds() == [fid]
    box = vl.getFeature(fid).geometry().boundingBox()
    extent = canvas.extent()
    assert extent.contains(box)
    assert extent.width() < 10 * box.width()  # zoomed to the segment with a margin, not to the layer
    assert not extent.contains(vl.getFeature(fids["1/1"]).geometry().boundingBox())
    assert flashed[-1] == (vl, [fid])

    # several rows with the mouse (click, then ctrl-click) select several features
    view = dock.table
    rows = {dock.proxy.data(dock.proxy.index(r, 0), fs.FID_ROLE): r for r in range(dock.proxy.rowCount())}
    for target, modifier in ((fids["3/1"], Qt.NoModifier), (fids["10/1"], Qt.ControlModifier)):
        rect = view.visualRect(dock.proxy.index(rows[target], fs.COL_OD))
        QTest.mouseClick(view.viewport(), Qt.LeftButton, modifier, rect.center())
    assert sorted(vl.selectedFeatureIds()) == sorted([fids["3/1"], fids["10/1"]])
    assert canvas.extent().contains(vl.boundingBoxOfSelected())
    assert sorted(flashed[-1][1]) == sorted([fids["3/1"], fids["10/1"]])

    # a canvas in another CRS gets the transformed box
    canvas.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:4326"))
    canvas.setExtent(QgsRectangle(-170, -80, -160, -70))
    dock.select_fids([fids["1/1"]])
    geom = vl.getFeature(fids["1/1"]).geometry()
    extent = canvas.extent()
    assert extent.yMinimum() < 60 < extent.yMaximum() and extent.width() < 1
    assert extent.xMinimum() < 0.001 and extent.xMaximum() > geom.boundingBox().xMaximum() / 111320 * 0.99

    # without the zoom option the map keeps its extent, the selection and flash still happen
    dock.zoom_check.setChecked(False)
    before = canvas.extent()
    dock.select_fids([fids["10/1"]])
    assert vl.selectedFeatureIds() == [fids["10/1"]] and canvas.extent() == before
    assert flashed[-1] == (vl, [fids["10/1"]])


def test_review_checkbox_and_actions_write_the_reviewed_field(dock):
    vl, fids = _segments()
    QgsProject.instance().addMapLayer(vl)
    dock.set_layer(vl)
    fid = fids["1/1"]
    assert _review(vl, fid) is None and _check_state(dock, fid) == Qt.Unchecked

    _click_checkbox(dock, fid)
    assert _review(vl, fid) == 1 and not vl.isEditable()  # committed, editing stopped again
    assert _check_state(dock, fid) == Qt.Checked and _cell(dock, fid, fs.COL_REVIEWED) == "Confirmed anomaly"
    _click_checkbox(dock, fid)
    assert _review(vl, fid) == 0 and _cell(dock, fid, fs.COL_REVIEWED) == "False positive"
    assert _check_state(dock, fid) == Qt.Unchecked
    assert _check(dock, fid, Qt.Checked) and _review(vl, fid) == 1  # the model path the view uses
    assert _check(dock, fid, Qt.Unchecked) and _review(vl, fid) == 0

    # the actions (buttons / context menu) act on the selected rows
    other = fids["3/1"]
    dock.select_fids([fid, other])
    assert dock.confirm_action.isEnabled()
    dock.confirm_action.trigger()
    assert _review(vl, fid) == 1 and _review(vl, other) == 1
    dock.false_positive_action.trigger()
    assert _review(vl, fid) == 0 and _review(vl, other) == 0
    dock.clear_action.trigger()
    assert _review(vl, fid) is None and _review(vl, other) is None
    assert _cell(dock, fid, fs.COL_REVIEWED) == "" and not vl.isEditable()
    assert set(dock.table.actions()) >= {dock.false_positive_action, dock.clear_action}

    # a layer the user is editing: the review goes into the edit buffer, the session stays open
    assert vl.startEditing()
    assert _check(dock, fid, Qt.Checked)
    assert vl.isEditable() and _review(vl, fid) == 1 and "edit buffer" in dock.message.text()
    vl.rollBack()
    assert _review(vl, fid) is None and _check_state(dock, fid) == Qt.Unchecked  # the dock follows the undo

    # changes made elsewhere show up in the table
    vl.startEditing()
    vl.changeAttributeValue(other, vl.fields().lookupField("reviewed"), 1)
    vl.changeAttributeValue(other, vl.fields().lookupField("mean_votes"), 9.5)
    assert _check_state(dock, other) == Qt.Checked and _cell(dock, other, fs.COL_VOTES) == "9.50"
    vl.changeGeometry(other, QgsGeometry.fromPolylineXY([QgsPointXY(0, Y60), QgsPointXY(4000, Y60)]))
    assert dock.model.column("length")[dock.model.row_of(other)] == pytest.approx(2000, rel=0.01)
    assert vl.commitChanges()
    assert _review(vl, other) == 1

    # a read-only layer: a message in the dock, nothing written, no exception
    vl.setReadOnly(True)
    assert not _check(dock, fid, Qt.Checked)
    assert "cannot be edited" in dock.message.text() and _review(vl, fid) is None and not vl.isEditable()
    dock.select_fids([fid])
    dock.false_positive_action.trigger()
    assert _review(vl, fid) is None
    vl.setReadOnly(False)


def test_features_added_and_deleted_reload_the_table(dock):
    vl, fids = _segments()
    QgsProject.instance().addMapLayer(vl)
    dock.set_layer(vl)
    vl.startEditing()
    f = QgsFeature(vl.fields())
    f.setGeometry(QgsGeometry.fromPolylineXY([QgsPointXY(0, 0), QgsPointXY(100, 0)]))
    f.setAttributes(["7", "C", _dt(6), _dt(7), 3, 1, 1.5, "loop", None])
    assert vl.addFeature(f)
    vl.deleteFeature(fids["2/1"])
    assert vl.commitChanges()
    QTest.qWait(RELOAD_DELAY_MS * 3)
    trajs = sorted(dock.model.column("traj").tolist())
    assert trajs == ["1", "10", "3", "7"]
    assert "C" in [dock.od_combo.itemText(i) for i in range(dock.od_combo.count())]
    # the label of a segment changed: it leaves the table
    vl.startEditing()
    vl.changeAttributeValue(fids["3/1"], vl.fields().lookupField("label"), 0)
    vl.commitChanges()
    QTest.qWait(RELOAD_DELAY_MS * 3)
    assert dock.model.row_of(fids["3/1"]) is None and dock.model.rowCount() == 3


def test_layer_without_the_fields_and_removal(dock):
    plain = QgsVectorLayer("LineString?crs=EPSG:4326&field=name:string", "plain lines", "memory")
    points = QgsVectorLayer("Point?crs=EPSG:4326&field=traj_id:string&field=label:integer", "pts", "memory")
    vl, _ = _segments("zz segments", marked=True)
    unmarked, _ = _segments("aa unmarked")
    QgsProject.instance().addMapLayers([plain, points, vl, unmarked])
    assert "Choose a line layer with traj_id and label" in dock.message.text()

    # the combo lists line layers only, the marked segments layer first
    names = [dock.layer_combo.itemText(i) for i in range(dock.layer_combo.count())]
    assert names[0] == "" and names[1] == "zz segments" and "pts" not in names
    assert set(names[2:]) == {"aa unmarked", "plain lines"}

    dock.set_layer(plain)
    assert dock.model.rowCount() == 0 and not dock.message.isHidden()
    assert "plain lines is not a segments layer" in dock.message.text()
    assert "traj_id" in dock.message.text() and dock.status.text() == "0 of 0 segments shown"
    dock.set_layer(points)
    assert "pts is not a segments layer" in dock.message.text()

    # picking a layer in the combo inspects it (an unmarked layer with the fields works)
    dock.layer_combo.setCurrentIndex(names.index("aa unmarked"))
    assert dock.layer() is unmarked and dock.model.rowCount() == 4 and dock.message.text() == ""

    # a segments layer without the reviewed field: shown, reviews refused with a message
    vl.dataProvider().deleteAttributes([vl.fields().lookupField("reviewed")])
    vl.updateFields()
    dock.set_layer(vl)
    assert dock.model.rowCount() == 4 and "no writable reviewed field" in dock.message.text()
    assert not dock.model.flags(dock.model.index(0, fs.COL_REVIEWED)) & Qt.ItemIsUserCheckable
    assert not dock.set_review([int(dock.model.column("fid")[0])], 1)

    # removing the layer empties the dock; it stays usable
    QgsProject.instance().removeMapLayer(vl.id())
    assert dock.layer() is None and dock.model.rowCount() == 0
    assert dock.layer_combo.currentIndex() >= 0 and dock._combo_layer(dock.layer_combo.currentIndex()) is None
    assert "Choose a line layer" in dock.message.text()
    dock.set_layer(unmarked)
    assert dock.model.rowCount() == 4

    # a layer outside the project that gets deleted empties the dock too
    orphan, _ = _segments("orphan")
    check_deleted_layer_empties(dock, orphan, dock.model.rowCount, 4)


def test_preferred_layer_and_helpers(qgis_new_project):
    plain = QgsVectorLayer("LineString?crs=EPSG:4326&field=name:string", "plain", "memory")
    unmarked, _ = _segments("unmarked")
    marked, _ = _segments("marked", marked=True)
    QgsProject.instance().addMapLayers([plain, unmarked, marked])
    assert fs.preferred_segments_layer() is marked
    assert fs.preferred_segments_layer(active=unmarked) is unmarked
    assert fs.preferred_segments_layer(active=plain) is marked
    assert fs.is_segments_layer(marked) and not fs.is_segments_layer(unmarked) and not fs.is_segments_layer(None)
    assert fs.has_segment_fields(unmarked) and not fs.has_segment_fields(plain)
    assert fs.SEGMENTS_PROPERTY == crotad_layers.SEGMENTS_PROPERTY == "deeptraj/crotad_segments"
    assert [name for name, _ in crotad_layers.SEGMENT_FIELDS] == [
        "traj_id",
        "od",
        "start_time",
        "end_time",
        "n_points",
        "label",
        "mean_votes",
        "anomaly_type",
        "reviewed",
    ]


def test_twenty_thousand_segments_stay_responsive(dock):
    n = 20000
    vl = QgsVectorLayer("LineString?crs=EPSG:3857", "big", "memory")
    vl.dataProvider().addAttributes(make_fields(crotad_layers.SEGMENT_FIELDS).toList())
    vl.updateFields()
    feats = []
    for i in range(n):
        f = QgsFeature(vl.fields())
        x = (i % 200) * 1000.0
        y = (i // 200) * 1000.0
        f.setGeometry(
            QgsGeometry.fromPolylineXY(
                [QgsPointXY(x, y), QgsPointXY(x + 300, y + 40 * (i % 7)), QgsPointXY(x + 500, y)]
            )
        )
        f.setAttributes(
            [
                str(i // 3),
                f"od{i % 25}",
                _dt(i % 24, i % 60),
                _dt(i % 24, i % 60),
                3 + i % 50,
                1 if i % 4 else 0,
                (i * 7919 % 1000) / 100.0,
                ("detour", "switch", None)[i % 3],
                None,
            ]
        )
        feats.append(f)
    vl.dataProvider().addFeatures(feats)
    QgsProject.instance().addMapLayer(vl)
    t0 = time.perf_counter()
    dock.set_layer(vl)
    QCoreApplication.processEvents()
    loaded = time.perf_counter() - t0
    assert dock.model.rowCount() == 15000
    t0 = time.perf_counter()
    for col in (fs.COL_LENGTH, fs.COL_START, fs.COL_TRAJ, fs.COL_VOTES):
        dock.table.sortByColumn(col, Qt.AscendingOrder)
    dock.set_od_filter("od3")
    QCoreApplication.processEvents()
    sorted_filtered = time.perf_counter() - t0
    votes = dock.model.column("votes")
    assert all(a <= b for a, b in zip(votes[:-1], votes[1:]))
    assert dock.proxy.rowCount() == sum(1 for i in range(n) if i % 4 and i % 25 == 3)
    dock.select_fids(dock.visible_fids()[:1])
    assert len(vl.selectedFeatureIds()) == 1
    # typically ~0.6 s to read 15000 segments with their ellipsoidal lengths and ~0.2 s for 4 sorts + a filter
    assert loaded < 6.0, loaded
    assert sorted_filtered < 2.0, sorted_filtered


# ---------------------------------------------------------------------------------------------------- the plugin
def test_plugin_opens_the_dock_on_an_added_segments_layer(started_plugin, qgis_iface):
    action = next(a for a in started_plugin.actions if a.objectName() == "deeptrajFlaggedSegments")
    assert action.text() == "Flagged segments" and not action.icon().isNull()
    assert started_plugin.flagged_toolbar_action is action
    assert started_plugin.flagged_segments is None

    plain, plain_fids = _segments("plain")
    QgsProject.instance().addMapLayer(plain)
    QCoreApplication.processEvents()
    assert started_plugin.flagged_segments is None  # only marked layers open it by themselves

    vl, _ = _segments("segments", marked=True)
    QgsProject.instance().addMapLayer(vl)
    dock = started_plugin.flagged_segments
    assert dock is not None and dock.objectName() == "DeepTrajFlaggedSegments"
    assert dock.layer() is vl and not dock.isHidden() and dock.model.rowCount() == 4
    assert dock._combo_layer(dock.layer_combo.currentIndex()) is vl  # the combo shows it too
    assert started_plugin.explorer is None  # the embedding explorer is not involved

    # marked after being added (as a Processing post-processor may do): picked up when the property is set
    late, _ = _segments("late")
    QgsProject.instance().addMapLayer(late)
    assert dock.layer() is vl
    late.setCustomProperty("deeptraj/embedding-not", "1")
    assert dock.layer() is vl
    late.setCustomProperty(fs.SEGMENTS_PROPERTY, "1")
    assert started_plugin.flagged_segments is dock and dock.layer() is late

    QgsProject.instance().removeMapLayer(late.id())
    assert dock.layer() is None and dock.model.rowCount() == 0

    # the menu action shows the same dock on the active layer when it has traj_id/label
    dock.close()
    qgis_iface.setActiveLayer(plain)
    action.trigger()
    assert started_plugin.flagged_segments is dock and not dock.isHidden() and dock.layer() is plain
    dock.select_fids([plain_fids["1/1"]])  # a closed-and-reopened dock still drives the map
    assert plain.selectedFeatureIds() == [plain_fids["1/1"]]

    started_plugin.unload()
    assert started_plugin.flagged_segments is None and started_plugin.watched_layers == {}
    assert started_plugin.flagged_toolbar_action is None
    QCoreApplication.sendPostedEvents(None, QEvent.DeferredDelete)
    assert sip.isdeleted(dock)  # unload removed and deleted the dock
    again, _ = _segments("again", marked=True)
    QgsProject.instance().addMapLayer(again)
    plain.setCustomProperty(fs.SEGMENTS_PROPERTY, "1")
    assert started_plugin.flagged_segments is None  # unload disconnected the project and layer signals
    started_plugin.unload()
