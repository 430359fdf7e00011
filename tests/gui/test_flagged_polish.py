"""Flagged segments dock, issue 23 point 8: anomaly types as translated words, "normal" segments only on request,
times in full (or the time of day when every segment is on one date), votes / length / review state visible at the
dock's default width (so "Confirm anomaly" visibly changes the row), zero-length single-point segments not listed."""

import pytest
from qgis.core import QgsFeature, QgsGeometry, QgsPointXY, QgsProject, QgsVectorLayer
from qgis.PyQt.QtCore import QCoreApplication, QDate, QDateTime, Qt, QTime, QTranslator

from deeptraj.plugin.flagged_segments import model as fs
from deeptraj.plugin.flagged_segments.dock import FlaggedSegmentsDock
from deeptraj.processing_provider.crotad import layers as crotad_layers
from deeptraj.processing_provider.layer_io import make_fields
from tests.gui.docks import shown

#: y of the segments in EPSG:3857 (latitude 60 degrees)
Y60 = 8399737.89


def _dt(day, hour, minute=0):
    return QDateTime(QDate(2024, 1, day), QTime(hour, minute), Qt.UTC)


def _layer(rows, name="segments"):
    """A memory line layer with crotaddetect's segments schema. ``rows``: dicts with traj (id text), kind
    (anomaly_type or None), label (default 1), votes (default 1.0), n (n_points, default 10), start / end
    (QDateTime or None), length (map units along x; 0 = the two vertices on one place). Returns (layer, [fid])."""
    vl = QgsVectorLayer("LineString?crs=EPSG:3857", name, "memory")
    assert vl.dataProvider().addAttributes(make_fields(crotad_layers.SEGMENT_FIELDS).toList())
    vl.updateFields()
    feats = []
    for i, row in enumerate(rows):
        x = i * 50000.0
        length = row.get("length", 1000.0)
        f = QgsFeature(vl.fields())
        f.setGeometry(QgsGeometry.fromPolylineXY([QgsPointXY(x, Y60), QgsPointXY(x + length, Y60)]))
        f.setAttributes(
            [
                row["traj"],
                row.get("od", "A"),
                row.get("start", _dt(1, 8)),
                row.get("end", _dt(1, 9)),
                row.get("n", 10),
                row.get("label", 1),
                row.get("votes", 1.0),
                row.get("kind"),
                None,
            ]
        )
        feats.append(f)
    ok, added = vl.dataProvider().addFeatures(feats)
    assert ok
    QgsProject.instance().addMapLayer(vl)
    return vl, [f.id() for f in added]


@pytest.fixture()
def dock(qgis_iface, qgis_new_project):
    d = FlaggedSegmentsDock(qgis_iface)
    d.resize(700, 400)
    yield from shown(d)


def _shown_cell(dock, fid, col, role=Qt.DisplayRole):
    """What the view shows for the row of ``fid`` (through the proxy); None when the row is not shown."""
    row = dock.model.row_of(fid)
    if row is None:
        return None
    index = dock.proxy.mapFromSource(dock.model.index(row, col))
    return dock.proxy.data(index, role) if index.isValid() else None


def _combo_texts(combo):
    return [combo.itemText(i) for i in range(combo.count())]


# ------------------------------------------------------------------------------------------------ anomaly types
def test_layer_contract_lists_the_generated_anomaly_types():
    from deeptraj.models.synthetic import anomalies

    assert crotad_layers.ANOMALY_TYPES == anomalies.ANOMALY_TYPES
    assert crotad_layers.NORMAL_TYPE == anomalies.NORMAL


def test_anomaly_types_are_shown_as_words(dock):
    vl, fids = _layer(
        [
            {"traj": "1", "kind": "head_detour", "votes": 5.0},
            {"traj": "2", "kind": "route_switching", "votes": 4.0},
            {"traj": "3", "kind": "random_trajectory", "votes": 3.0},
            {"traj": "4", "kind": "midway_detour", "votes": 2.5},
            {"traj": "5", "kind": "rear_detour", "votes": 2.0},
            {"traj": "6", "kind": "my own kind", "votes": 1.0},  # not one of DeepTraj's: shown as written
            {"traj": "7", "kind": None, "votes": 0.5},
        ]
    )
    dock.set_layer(vl)
    shown = [_shown_cell(dock, fid, fs.COL_TYPE) for fid in fids]
    assert shown == [
        "Head detour",
        "Route switching",
        "Random trajectory",
        "Midway detour",
        "Rear detour",
        "my own kind",
        "",
    ]
    # the type filter offers the words, and still filters on the layer's values
    assert _combo_texts(dock.type_combo) == [
        "All",
        "Head detour",
        "Midway detour",
        "my own kind",
        "Random trajectory",
        "Rear detour",
        "Route switching",
        "(none)",
    ]
    dock.type_combo.setCurrentIndex(_combo_texts(dock.type_combo).index("Route switching"))
    assert dock.visible_fids() == [fids[1]]
    assert dock.set_type_filter("head_detour") and dock.visible_fids() == [fids[0]]
    dock.set_type_filter(None)
    # sorting on the type column follows the words shown
    dock.table.sortByColumn(fs.COL_TYPE, Qt.AscendingOrder)
    assert [_shown_cell(dock, fid, fs.COL_TYPE) for fid in dock.visible_fids()] == [
        "Head detour",
        "Midway detour",
        "my own kind",
        "Random trajectory",
        "Rear detour",
        "Route switching",
        "",
    ]


def test_anomaly_type_words_are_translated(dock):
    """The words are the ones of the syntheticanomalies TYPES options (context DeepTraj), so the plugin's
    translations apply."""
    import os

    import deeptraj

    qm = os.path.join(os.path.dirname(deeptraj.__file__), "i18n", "deeptraj_zh_CN.qm")
    translator = QTranslator()
    assert translator.load(qm)
    expected = translator.translate("DeepTraj", "Head detour")
    assert expected and expected != "Head detour"
    QCoreApplication.installTranslator(translator)
    try:
        vl, fids = _layer([{"traj": "1", "kind": "head_detour"}])
        dock.set_layer(vl)
        assert _shown_cell(dock, fids[0], fs.COL_TYPE) == expected
        assert expected in _combo_texts(dock.type_combo)
    finally:
        QCoreApplication.removeTranslator(translator)


# ----------------------------------------------------------------------------------------------- normal segments
def test_normal_segments_are_listed_only_on_request(dock):
    vl, fids = _layer(
        [
            {"traj": "1", "kind": "head_detour", "votes": 4.0},
            {"traj": "2", "kind": "normal", "votes": 3.0},  # flagged on a trajectory of ground-truth type normal
            {"traj": "2", "kind": "normal", "label": 0, "votes": 0.0},  # labelled normal by the detector
            {"traj": "3", "kind": "NORMAL", "votes": 2.0},
        ]
    )
    dock.set_layer(vl)
    assert not dock.normal_check.isChecked()
    assert dock.visible_fids() == [fids[0]]
    assert "Normal" not in _combo_texts(dock.type_combo) and "normal" not in _combo_texts(dock.type_combo)
    assert dock.status.text().startswith("1 of 1 segments shown") and "2" in dock.status.text()  # 2 hidden
    assert "normal" in dock.status.toolTip().lower()

    dock.normal_check.setChecked(True)  # asked for: every segment, the normal ones as a translated word
    assert sorted(dock.visible_fids()) == sorted(fids)
    assert _shown_cell(dock, fids[1], fs.COL_TYPE) == "Normal"
    assert "Normal" in _combo_texts(dock.type_combo)
    assert dock.set_type_filter("normal") and sorted(dock.visible_fids()) == sorted(fids[1:3])
    dock.set_type_filter(None)
    assert dock.status.text() == "4 of 4 segments shown"

    dock.normal_check.setChecked(False)
    assert dock.visible_fids() == [fids[0]]


# ------------------------------------------------------------------------------------------------------- times
def _text_fits(dock, fid, col):
    """True when the cell of ``fid`` in ``col`` is as wide as its delegate needs for the whole text (with the check
    box, if any): the text is not elided."""
    index = dock.proxy.mapFromSource(dock.model.index(dock.model.row_of(fid), col))
    assert dock.proxy.data(index)  # a text to show
    return dock.table.columnWidth(col) >= dock.table.sizeHintForIndex(index).width()


def test_times_in_full_across_dates(dock):
    vl, fids = _layer(
        [
            {"traj": "1", "start": _dt(1, 8, 5), "end": _dt(1, 9, 30), "votes": 3.0},
            {"traj": "2", "start": _dt(2, 23, 59), "end": _dt(3, 0, 10), "votes": 2.0},
            {"traj": "3", "start": None, "end": _dt(2, 7), "votes": 1.0},
        ]
    )
    dock.set_layer(vl)
    assert _shown_cell(dock, fids[0], fs.COL_START) == "2024-01-01 08:05:00"
    assert _shown_cell(dock, fids[1], fs.COL_END) == "2024-01-03 00:10:00"
    assert _shown_cell(dock, fids[2], fs.COL_START) == ""
    for fid in fids[:2]:
        for col in (fs.COL_START, fs.COL_END):
            assert _text_fits(dock, fid, col), (fid, col)  # not elided


def test_time_of_day_when_every_segment_is_on_one_date(dock):
    vl, fids = _layer(
        [
            {"traj": "1", "start": _dt(5, 8, 5), "end": _dt(5, 9, 30), "votes": 3.0},
            {"traj": "2", "start": _dt(5, 13, 0), "end": _dt(5, 13, 45), "votes": 2.0},
            {"traj": "3", "start": None, "end": _dt(5, 17), "votes": 1.0},
        ]
    )
    dock.set_layer(vl)
    assert _shown_cell(dock, fids[0], fs.COL_START) == "08:05:00"
    assert _shown_cell(dock, fids[1], fs.COL_END) == "13:45:00"
    assert _shown_cell(dock, fids[2], fs.COL_START) == ""
    # the full date-time in the cell's tooltip, the shared date in the column's
    assert _shown_cell(dock, fids[0], fs.COL_START, Qt.ToolTipRole) == "2024-01-05 08:05:00"
    assert "2024-01-05" in dock.proxy.headerData(fs.COL_START, Qt.Horizontal, Qt.ToolTipRole)
    assert "2024-01-05" in dock.proxy.headerData(fs.COL_END, Qt.Horizontal, Qt.ToolTipRole)
    for col in (fs.COL_START, fs.COL_END):
        assert _text_fits(dock, fids[1], col)


# ------------------------------------------------------------------------------------------------ default width
def _fully_visible(view, col):
    """The column is shown, not empty, and fully inside the table's viewport without scrolling."""
    header = view.horizontalHeader()
    if view.isColumnHidden(col) or header.sectionSize(col) <= 0:
        return False
    x = header.sectionViewportPosition(col)
    return x >= 0 and x + header.sectionSize(col) <= view.viewport().width()


def test_votes_length_and_review_visible_at_the_default_width_and_confirm_shows(qgis_iface, qgis_new_project):
    # as the plugin does: the dock is created and added to the dock area (taking its size hint), then shown on a layer
    d = FlaggedSegmentsDock(qgis_iface)
    hint = d.sizeHint()
    assert hint.width() <= 560  # a dock's width, not a window's
    d.resize(hint)
    vl, fids = _layer(
        [
            {"traj": "trajectory-0001", "kind": "random_trajectory", "votes": 4.25, "length": 123456.0},
            {"traj": "trajectory-0002", "kind": "head_detour", "votes": 3.5, "length": 2000.0},
        ]
    )
    d.set_layer(vl)
    for dock in shown(d):
        view = dock.table
        assert view.horizontalScrollBar().value() == 0
        for col in (fs.COL_VOTES, fs.COL_LENGTH, fs.COL_REVIEWED):
            assert _fully_visible(view, col), (col, view.horizontalHeader().sectionViewportPosition(col))
        assert _text_fits(dock, fids[0], fs.COL_VOTES) and _text_fits(dock, fids[0], fs.COL_LENGTH)

        # "Confirm anomaly" on a selected row: its review cell says so, readable in full where the user looks
        dock.select_fids([fids[0]])
        assert _shown_cell(dock, fids[0], fs.COL_REVIEWED) == ""
        dock.confirm_action.trigger()
        assert vl.getFeature(fids[0])["reviewed"] == 1
        assert _shown_cell(dock, fids[0], fs.COL_REVIEWED) == "Confirmed anomaly"
        assert _shown_cell(dock, fids[0], fs.COL_REVIEWED, Qt.CheckStateRole) == Qt.Checked
        assert _fully_visible(view, fs.COL_REVIEWED) and _text_fits(dock, fids[0], fs.COL_REVIEWED)
        dock.false_positive_action.trigger()
        assert _shown_cell(dock, fids[0], fs.COL_REVIEWED) == "False positive"
        assert _text_fits(dock, fids[0], fs.COL_REVIEWED)


# ------------------------------------------------------------------------------------- single-point segments
def test_zero_length_single_point_segments_are_not_listed(dock):
    vl, fids = _layer(
        [
            {"traj": "1", "n": 12, "votes": 4.0},
            {"traj": "1", "n": 1, "length": 0.0, "votes": 5.0},  # the last point of trajectory 1, alone in its run
            {"traj": "2", "n": 1, "length": 300.0, "votes": 3.0},  # one point, its line reaching the next point
            {"traj": "3", "n": 6, "length": 0.0, "votes": 2.0},  # a stop: several points on one place
            {"traj": "4", "n": 1, "length": 0.0, "label": 0, "votes": 0.0},
        ]
    )
    dock.set_layer(vl)
    assert dock.visible_fids() == [fids[0], fids[2], fids[3]]
    assert dock.model.row_of(fids[1]) is None
    assert "1" in dock.status.text().split("shown", 1)[1]  # counted as not listed
    dock.normal_check.setChecked(True)
    assert sorted(dock.visible_fids()) == sorted([fids[0], fids[2], fids[3]])
