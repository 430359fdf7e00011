"""Flagged segments dock: the anomalous segments found by CroTad, in a sortable, filterable table linked to the map.

Made for the OUTPUT_SEGMENTS layer of ``deeptraj:crotaddetect`` (one line per run of equally labelled consecutive
points of a trajectory, marked with the custom property :data:`SEGMENTS_PROPERTY`), but any line layer with the
fields traj_id and label works. Selecting rows selects, zooms to and flashes the segments on the map; the
"Reviewed" checkbox writes the ``reviewed`` field back to the layer: checked = confirmed anomaly (1), unchecked
after a review = false positive (0), never reviewed = NULL.

The table is a model (no widget per row): the rows are read once into numpy arrays, sorting reorders those arrays
(numpy, not one Python comparison per pair) and a QSortFilterProxyModel applies the OD and type filters.
"""

from __future__ import annotations

import math

import numpy as np
from qgis.core import (
    QgsCoordinateTransform,
    QgsCsException,
    QgsDistanceArea,
    QgsExpression,
    QgsFeatureRequest,
    QgsFields,
    QgsMapLayerProxyModel,
    QgsProject,
    QgsUnitTypes,
    QgsVectorDataProvider,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QDate,
    QDateTime,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    QVariant,
)
from qgis.PyQt.QtGui import QBrush, QColor
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QAction,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

#: the custom property marking a deeptraj:crotaddetect segments layer (defined with the layer's fields in
#: processing_provider/crotad_layers.py, which the algorithm imports)
from ..processing_provider.crotad_layers import SEGMENTS_PROPERTY
from .layer_dock import LayerDock
from .layer_dock import alive as _alive

#: fields a layer needs to be shown
REQUIRED_FIELDS = ("traj_id", "label")
#: the field the review is written to
REVIEW_FIELD = "reviewed"
#: review states as kept in the model (NULL in the layer = NOT_REVIEWED)
NOT_REVIEWED, FALSE_POSITIVE, CONFIRMED = -1, 0, 1

COL_TRAJ, COL_OD, COL_TYPE, COL_START, COL_END, COL_POINTS, COL_VOTES, COL_LENGTH, COL_REVIEWED = range(9)
N_COLUMNS = 9
#: numeric (or text) sort key of a cell; the proxy sorts on it
SORT_ROLE = Qt.UserRole + 1
#: the feature id of a row (any column)
FID_ROLE = Qt.UserRole + 2
#: a filter combo's entry for NULL / empty values
NO_VALUE = object()
#: the map is zoomed to the selected segments plus this fraction of their size on each side
ZOOM_MARGIN = 0.25
#: at most this many selected segments are flashed on the map
MAX_FLASH = 500
TIME_FORMAT = "yyyy-MM-dd HH:mm:ss"
NORMAL_COLOR = "#808080"
#: delay of the reload after features were added or deleted (several signals make one reload)
RELOAD_DELAY_MS = 100


# ------------------------------------------------------------------------------------------------ layer helpers
def _is_null(value) -> bool:
    return value is None or (isinstance(value, QVariant) and value.isNull())


def _number(value) -> float:
    if _is_null(value):
        return math.nan
    try:
        return float(value)
    except (TypeError, ValueError):
        return math.nan


def _text(value) -> str:
    """Text of an attribute value; "" for NULL."""
    if _is_null(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _datetime(value):
    """QDateTime of an attribute value (datetime, date or ISO text); None for NULL or anything else."""
    if _is_null(value):
        return None
    if isinstance(value, QDateTime):
        return value if value.isValid() else None
    if isinstance(value, QDate):
        return QDateTime(value) if value.isValid() else None
    if isinstance(value, str):
        dt = QDateTime.fromString(value.strip(), Qt.ISODate)
        return dt if dt.isValid() else None
    return None


def _review_state(value) -> int:
    number = _number(value)
    if math.isnan(number):
        return NOT_REVIEWED
    return CONFIRMED if number == 1 else FALSE_POSITIVE


def is_segments_layer(layer) -> bool:
    """True for a vector layer carrying ``deeptraj/crotad_segments`` = 1 (a deeptraj:crotaddetect segments output)."""
    if not _alive(layer) or not isinstance(layer, QgsVectorLayer):
        return False
    return str(layer.customProperty(SEGMENTS_PROPERTY, "")).strip().lower() in ("1", "true", "yes")


def has_segment_fields(layer) -> bool:
    """True for a vector line layer with the fields traj_id and label."""
    if not _alive(layer) or not isinstance(layer, QgsVectorLayer) or not layer.isValid():
        return False
    if layer.geometryType() != QgsWkbTypes.LineGeometry:
        return False
    fields = layer.fields()
    return all(fields.lookupField(name) >= 0 for name in REQUIRED_FIELDS)


def preferred_segments_layer(project=None, active=None):
    """The layer to inspect when none is named: the active layer when it has traj_id/label, else the first layer
    (layer tree order) marked as segments output, else the first line layer with traj_id/label; None without one."""
    if has_segment_fields(active):
        return active
    project = project or QgsProject.instance()
    layers = [node.layer() for node in project.layerTreeRoot().findLayers()]
    layers += [lyr for lyr in project.mapLayers().values() if lyr not in layers]
    for test in (lambda lyr: is_segments_layer(lyr) and has_segment_fields(lyr), has_segment_fields):
        for lyr in layers:
            if test(lyr):
                return lyr
    return None


def length_calculator(layer) -> QgsDistanceArea:
    """QgsDistanceArea measuring on the ellipsoid of the layer's CRS (planar in the CRS units when it has none)."""
    da = QgsDistanceArea()
    crs = layer.crs()
    da.setSourceCrs(crs, QgsProject.instance().transformContext())
    ellipsoid = crs.ellipsoidAcronym() if crs.isValid() else ""
    if ellipsoid:
        da.setEllipsoid(ellipsoid)
    return da


def segment_length(da: QgsDistanceArea, geometry) -> float:
    """Length of a line geometry in metres; NaN for an empty one."""
    if geometry is None or geometry.isNull() or geometry.isEmpty():
        return math.nan
    return float(da.convertLengthMeasurement(da.measureLength(geometry), QgsUnitTypes.DistanceMeters))


def _sort_keys(texts):
    """float array when every non-empty text is a number (empty = NaN), else the texts as an object array."""
    numbers = np.full(len(texts), np.nan)
    for i, text in enumerate(texts):
        if text == "":
            continue
        try:
            numbers[i] = float(text)
        except ValueError:
            return np.asarray(texts, dtype=object)
    return numbers


def read_segments(layer, include_normal: bool = False) -> dict:
    """One pass over the segments of ``layer`` (label = 1 only unless ``include_normal``): a dict of equally long
    arrays (fid, traj, od, kind, start/end text and epoch ms, points, votes, length in m, reviewed, label)."""
    names = ("traj_id", "od", "start_time", "end_time", "n_points", "label", "mean_votes", "anomaly_type", REVIEW_FIELD)
    fields = layer.fields()
    index = {name: fields.lookupField(name) for name in names}
    rows = {
        k: []
        for k in (
            "fid",
            "traj",
            "od",
            "kind",
            "start_text",
            "start",
            "end_text",
            "end",
            "points",
            "votes",
            "length",
            "reviewed",
            "label",
        )
    }
    if index["traj_id"] >= 0 and index["label"] >= 0:
        request = QgsFeatureRequest()
        request.setSubsetOfAttributes(sorted(i for i in index.values() if i >= 0))
        if not include_normal:
            request.setFilterExpression(
                "{0} = 1".format(QgsExpression.quotedColumnRef(fields.at(index["label"]).name()))
            )
        da = length_calculator(layer)

        def attr(attrs, name):
            i = index[name]
            return attrs[i] if i >= 0 else None

        for feature in layer.getFeatures(request):
            attrs = feature.attributes()
            label = 1 if _number(attr(attrs, "label")) == 1 else 0
            if label != 1 and not include_normal:
                continue
            rows["fid"].append(feature.id())
            rows["traj"].append(_text(attr(attrs, "traj_id")))
            rows["od"].append(_text(attr(attrs, "od")))
            kind = attr(attrs, "anomaly_type")
            rows["kind"].append(None if _is_null(kind) or str(kind) == "" else str(kind))
            for key, name in (("start", "start_time"), ("end", "end_time")):
                dt = _datetime(attr(attrs, name))
                rows[key + "_text"].append(dt.toString(TIME_FORMAT) if dt is not None else "")
                rows[key].append(float(dt.toMSecsSinceEpoch()) if dt is not None else math.nan)
            rows["points"].append(_number(attr(attrs, "n_points")))
            rows["votes"].append(_number(attr(attrs, "mean_votes")))
            rows["length"].append(segment_length(da, feature.geometry()))
            rows["reviewed"].append(_review_state(attr(attrs, REVIEW_FIELD)))
            rows["label"].append(label)
    out = {
        "fid": np.asarray(rows["fid"], dtype=np.int64),
        "reviewed": np.asarray(rows["reviewed"], dtype=np.int8),
        "label": np.asarray(rows["label"], dtype=np.int8),
    }
    for key in ("traj", "od", "kind", "start_text", "end_text"):
        out[key] = np.empty(len(rows[key]), dtype=object)
        out[key][:] = rows[key]
    for key in ("start", "end", "points", "votes", "length"):
        out[key] = np.asarray(rows[key], dtype=float)
    return out


# ------------------------------------------------------------------------------------------------------ models
class SegmentsModel(QAbstractTableModel):
    """The segments as a table; :meth:`sort` reorders the rows with numpy (the proxy keeps the model's order)."""

    #: column -> the array holding its sort key ("traj"/"od" become numeric keys when every value is a number)
    SORT_KEYS = {
        COL_TRAJ: "traj_key",
        COL_OD: "od_key",
        COL_TYPE: "kind_key",
        COL_START: "start",
        COL_END: "end",
        COL_POINTS: "points",
        COL_VOTES: "votes",
        COL_LENGTH: "length",
        COL_REVIEWED: "reviewed",
    }

    def __init__(self, parent=None):
        super().__init__(parent)
        self._data = read_segments_empty()
        self._row_of = None
        #: ``writer(fids, value) -> bool`` called when a review checkbox is toggled (value 1 or 0)
        self.review_writer = None
        #: whether the layer has a writable place for the review (the checkboxes are offered only then)
        self.reviewable = False
        self._headers = (
            QCoreApplication.translate("FlaggedSegments", "Trajectory"),
            QCoreApplication.translate("FlaggedSegments", "OD"),
            QCoreApplication.translate("FlaggedSegments", "Type"),
            QCoreApplication.translate("FlaggedSegments", "Start"),
            QCoreApplication.translate("FlaggedSegments", "End"),
            QCoreApplication.translate("FlaggedSegments", "Points"),
            QCoreApplication.translate("FlaggedSegments", "Votes"),
            QCoreApplication.translate("FlaggedSegments", "Length (m)"),
            QCoreApplication.translate("FlaggedSegments", "Reviewed"),
        )
        self._tips = {
            COL_OD: QCoreApplication.translate("FlaggedSegments", "Origin-destination pair of the trajectory"),
            COL_TYPE: QCoreApplication.translate(
                "FlaggedSegments", "Ground-truth anomaly type (when the input came from Synthetic anomalies)"
            ),
            COL_VOTES: QCoreApplication.translate(
                "FlaggedSegments", "Mean number of anomalous votes of the segment's cells"
            ),
            COL_LENGTH: QCoreApplication.translate(
                "FlaggedSegments", "Length on the ellipsoid of the layer CRS, in metres"
            ),
            COL_REVIEWED: QCoreApplication.translate(
                "FlaggedSegments", "Checked: confirmed anomaly; unchecked after a review: false positive"
            ),
        }

    # ------------------------------------------------------------------------------------------ contents
    def set_segments(self, data: dict):
        self.beginResetModel()
        data = dict(data)
        data["traj_key"] = _sort_keys(list(data["traj"]))
        data["od_key"] = _sort_keys(list(data["od"]))
        data["kind_key"] = np.asarray(["" if k is None else k for k in data["kind"]], dtype=object)
        self._data = data
        self._row_of = None
        self.endResetModel()

    def clear(self):
        self.set_segments(read_segments_empty())

    def column(self, name: str) -> np.ndarray:
        """The array ``name`` (fid, traj, od, kind, start, end, points, votes, length, reviewed, label, ...) in row
        order."""
        return self._data[name]

    def fid(self, row: int) -> int:
        return int(self._data["fid"][row])

    def row_of(self, fid):
        """Row of the feature ``fid``, None when it is not in the table."""
        if self._row_of is None:
            self._row_of = {int(f): i for i, f in enumerate(self._data["fid"].tolist())}
        return self._row_of.get(int(fid))

    def set_review(self, fid, state: int):
        row = self.row_of(fid)
        if row is None or int(self._data["reviewed"][row]) == state:
            return
        self._data["reviewed"][row] = state
        self.dataChanged.emit(self.index(row, COL_REVIEWED), self.index(row, COL_REVIEWED))

    def set_length(self, fid, length: float):
        row = self.row_of(fid)
        if row is None:
            return
        self._data["length"][row] = length
        self.dataChanged.emit(self.index(row, COL_LENGTH), self.index(row, COL_LENGTH))

    def set_number(self, fid, name: str, value: float):
        """Update a numeric column (points or votes) of one row."""
        row = self.row_of(fid)
        if row is None:
            return
        self._data[name][row] = value
        col = COL_POINTS if name == "points" else COL_VOTES
        self.dataChanged.emit(self.index(row, col), self.index(row, col))

    # ------------------------------------------------------------------------------------------ Qt model
    def rowCount(self, parent=QModelIndex()):  # noqa: N802
        return 0 if parent.isValid() else len(self._data["fid"])

    def columnCount(self, parent=QModelIndex()):  # noqa: N802
        return 0 if parent.isValid() else N_COLUMNS

    def headerData(self, section, orientation, role=Qt.DisplayRole):  # noqa: N802
        if orientation != Qt.Horizontal or not 0 <= section < N_COLUMNS:
            return None
        if role == Qt.DisplayRole:
            return self._headers[section]
        if role == Qt.ToolTipRole:
            return self._tips.get(section)
        return None

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        row, col = index.row(), index.column()
        d = self._data
        if not 0 <= row < len(d["fid"]):
            return None
        if role == Qt.DisplayRole:
            return self._display(row, col)
        if role == SORT_ROLE:
            value = d[self.SORT_KEYS[col]][row]
            if isinstance(value, (np.floating, float)):
                return None if math.isnan(value) else float(value)
            return value.item() if isinstance(value, np.generic) else value
        if role == FID_ROLE:
            return int(d["fid"][row])
        if role == Qt.CheckStateRole and col == COL_REVIEWED and self._checkable(row):
            return Qt.Checked if d["reviewed"][row] == CONFIRMED else Qt.Unchecked
        if role == Qt.ToolTipRole and col == COL_REVIEWED:
            return self._review_text(int(d["reviewed"][row])) or QCoreApplication.translate(
                "FlaggedSegments", "Not reviewed"
            )
        if role == Qt.TextAlignmentRole and col in (COL_POINTS, COL_VOTES, COL_LENGTH):
            return int(Qt.AlignRight | Qt.AlignVCenter)
        if role == Qt.ForegroundRole and d["label"][row] != 1:
            return QBrush(QColor(NORMAL_COLOR))
        return None

    def _display(self, row, col):
        d = self._data
        if col == COL_TRAJ:
            return d["traj"][row]
        if col == COL_OD:
            return d["od"][row]
        if col == COL_TYPE:
            return d["kind"][row] or ""
        if col == COL_START:
            return d["start_text"][row]
        if col == COL_END:
            return d["end_text"][row]
        if col == COL_REVIEWED:
            return self._review_text(int(d["reviewed"][row]))
        value = float(d[{COL_POINTS: "points", COL_VOTES: "votes", COL_LENGTH: "length"}[col]][row])
        if math.isnan(value):
            return ""
        if col == COL_POINTS:
            return str(int(value))
        return f"{value:.2f}" if col == COL_VOTES else f"{value:.1f}"

    @staticmethod
    def _review_text(state: int) -> str:
        if state == CONFIRMED:
            return QCoreApplication.translate("FlaggedSegments", "Confirmed anomaly")
        if state == FALSE_POSITIVE:
            return QCoreApplication.translate("FlaggedSegments", "False positive")
        return ""

    def _checkable(self, row) -> bool:
        return self.reviewable and self._data["label"][row] == 1

    def flags(self, index):
        if not index.isValid():
            return Qt.NoItemFlags
        flags = Qt.ItemIsEnabled | Qt.ItemIsSelectable
        if index.column() == COL_REVIEWED and self._checkable(index.row()):
            flags |= Qt.ItemIsUserCheckable
        return flags

    def setData(self, index, value, role=Qt.EditRole):  # noqa: N802
        if role != Qt.CheckStateRole or not index.isValid() or index.column() != COL_REVIEWED:
            return False
        if not self._checkable(index.row()) or self.review_writer is None:
            return False
        state = CONFIRMED if int(value) == int(Qt.Checked) else FALSE_POSITIVE
        return bool(self.review_writer([self.fid(index.row())], state))

    def sort(self, column, order=Qt.AscendingOrder):
        """Reorder the rows by ``column`` (stable; empty values last in both directions)."""
        n = self.rowCount()
        if column not in self.SORT_KEYS or n < 2:
            return
        key = self._data[self.SORT_KEYS[column]]
        descending = order == Qt.DescendingOrder
        if key.dtype == object:
            valued = [i for i in range(n) if key[i] != ""]
            empty = [i for i in range(n) if key[i] == ""]
            valued.sort(key=lambda i: key[i], reverse=descending)
            perm = np.asarray(valued + empty, dtype=np.int64)
        else:
            values = key.astype(float)
            missing = np.isnan(values)
            values = np.where(missing, 0.0, -values if descending else values)
            perm = np.lexsort((values, missing))  # stable: missing last, then by value
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        for name, array in self._data.items():
            self._data[name] = array[perm]
        self._row_of = None
        new_row = np.empty(n, dtype=np.int64)
        new_row[perm] = np.arange(n)
        self.changePersistentIndexList(
            old, [self.index(int(new_row[i.row()]), i.column()) if i.isValid() else QModelIndex() for i in old]
        )
        self.layoutChanged.emit()


def read_segments_empty() -> dict:
    out = {
        "fid": np.empty(0, dtype=np.int64),
        "reviewed": np.empty(0, dtype=np.int8),
        "label": np.empty(0, dtype=np.int8),
    }
    for key in ("traj", "od", "kind", "start_text", "end_text", "traj_key", "od_key", "kind_key"):
        out[key] = np.empty(0, dtype=object)
    for key in ("start", "end", "points", "votes", "length"):
        out[key] = np.empty(0)
    return out


class SegmentsProxy(QSortFilterProxyModel):
    """OD / type filters over a :class:`SegmentsModel`. Sorting on :data:`SORT_ROLE`; with a SegmentsModel source
    the sort is delegated to the source (numpy) and the proxy keeps the source order."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self._od = None  # None = all; NO_VALUE = empty; else the OD text
        self._kind = None
        self._sort = (-1, Qt.AscendingOrder)

    def set_filters(self, od=None, kind=None):
        """``od``/``kind``: None for all, :data:`NO_VALUE` for empty/NULL, else the value's text."""
        if (od, kind) != (self._od, self._kind):
            self._od, self._kind = od, kind
            self.invalidateFilter()

    def filterAcceptsRow(self, row, parent):  # noqa: N802
        src = self.sourceModel()
        if not isinstance(src, SegmentsModel):
            return True
        if self._od is not None:
            od = src.column("od")[row]
            if od != ("" if self._od is NO_VALUE else self._od):
                return False
        if self._kind is not None:
            kind = src.column("kind")[row]
            if kind != (None if self._kind is NO_VALUE else self._kind):
                return False
        return True

    def sort(self, column, order=Qt.AscendingOrder):
        src = self.sourceModel()
        self._sort = (column, order)
        if isinstance(src, SegmentsModel):
            src.sort(column, order)
        else:
            super().sort(column, order)

    def sort_state(self):
        """(column, order) of the last :meth:`sort`."""
        return self._sort


class SegmentsLayerProxy(QgsMapLayerProxyModel):
    """Line layers, the ones marked as CroTad segments first (then by name); the empty entry on top."""

    def lessThan(self, left, right):  # noqa: N802
        model = self.sourceLayerModel()
        a, b = model.layerFromIndex(left), model.layerFromIndex(right)
        if a is not None and b is not None:
            marked_a, marked_b = is_segments_layer(a), is_segments_layer(b)
            if marked_a != marked_b:
                return marked_a
        return super().lessThan(left, right)


# -------------------------------------------------------------------------------------------------------- dock
class FlaggedSegmentsDock(LayerDock):
    """Table of a segments layer's anomalous segments, linked to the map, with a review column written back."""

    def __init__(self, iface=None, parent=None):
        super().__init__(iface, parent)  # follows the project's layer removals before the layer combo does
        self.setObjectName("DeepTrajFlaggedSegments")
        self.setWindowTitle(QCoreApplication.translate("FlaggedSegments", "Flagged segments"))
        self._writing = False
        self._reload_timer = QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(RELOAD_DELAY_MS)
        self._reload_timer.timeout.connect(self.reload)

        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        form = QFormLayout()
        self.layer_proxy = SegmentsLayerProxy(self)
        self.layer_proxy.setFilters(QgsMapLayerProxyModel.LineLayer)
        self.layer_proxy.sourceLayerModel().setAllowEmptyLayer(True)
        self.layer_proxy.sort(0)
        self.layer_combo = QComboBox(body)
        self.layer_combo.setModel(self.layer_proxy)
        self.layer_combo.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.layer_combo.setMinimumContentsLength(12)
        self.refresh_button = QToolButton(body)
        self.refresh_button.setText(QCoreApplication.translate("FlaggedSegments", "Reload"))
        self.refresh_button.setToolTip(
            QCoreApplication.translate("FlaggedSegments", "Read the segments of the layer again")
        )
        self.refresh_button.setAutoRaise(True)
        layer_row = QHBoxLayout()
        layer_row.addWidget(self.layer_combo, 1)
        layer_row.addWidget(self.refresh_button)
        form.addRow(QCoreApplication.translate("FlaggedSegments", "Layer"), layer_row)
        self.od_combo = QComboBox(body)
        self.type_combo = QComboBox(body)
        self._od_values = [None]
        self._type_values = [None]
        self.od_combo.addItem(QCoreApplication.translate("FlaggedSegments", "All"))
        self.type_combo.addItem(QCoreApplication.translate("FlaggedSegments", "All"))
        filters = QHBoxLayout()
        filters.addWidget(self.od_combo, 1)
        filters.addWidget(QLabel(QCoreApplication.translate("FlaggedSegments", "Type"), body))
        filters.addWidget(self.type_combo, 1)
        form.addRow(QCoreApplication.translate("FlaggedSegments", "OD"), filters)
        layout.addLayout(form)
        options = QHBoxLayout()
        self.normal_check = QCheckBox(QCoreApplication.translate("FlaggedSegments", "Show normal segments too"), body)
        self.zoom_check = QCheckBox(QCoreApplication.translate("FlaggedSegments", "Zoom map to selection"), body)
        self.zoom_check.setChecked(True)
        self.zoom_check.setVisible(iface is not None)
        options.addWidget(self.normal_check)
        options.addWidget(self.zoom_check)
        options.addStretch(1)
        layout.addLayout(options)

        self.model = SegmentsModel(self)
        self.model.review_writer = self.set_review
        self.proxy = SegmentsProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView(body)
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 6)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.Interactive)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COL_VOTES, Qt.DescendingOrder)  # the most confident detections first
        layout.addWidget(self.table, 1)

        self.confirm_action = QAction(QCoreApplication.translate("FlaggedSegments", "Confirm anomaly"), self)
        self.confirm_action.setToolTip(
            QCoreApplication.translate(
                "FlaggedSegments", "Mark the selected segments as confirmed anomalies (reviewed = 1)"
            )
        )
        self.false_positive_action = QAction(QCoreApplication.translate("FlaggedSegments", "Mark false positive"), self)
        self.false_positive_action.setToolTip(
            QCoreApplication.translate(
                "FlaggedSegments", "Mark the selected segments as false positives (reviewed = 0)"
            )
        )
        self.clear_action = QAction(QCoreApplication.translate("FlaggedSegments", "Clear review"), self)
        self.clear_action.setToolTip(
            QCoreApplication.translate(
                "FlaggedSegments", "Forget the review of the selected segments (reviewed = NULL)"
            )
        )
        self.zoom_action = QAction(QCoreApplication.translate("FlaggedSegments", "Zoom to selection"), self)
        self.confirm_action.triggered.connect(lambda: self.review_selected(CONFIRMED))
        self.false_positive_action.triggered.connect(lambda: self.review_selected(FALSE_POSITIVE))
        self.clear_action.triggered.connect(lambda: self.review_selected(None))
        self.zoom_action.triggered.connect(self._zoom_and_flash_selection)
        self.table.setContextMenuPolicy(Qt.ActionsContextMenu)
        buttons = QHBoxLayout()
        for action in (self.confirm_action, self.false_positive_action, self.clear_action, self.zoom_action):
            self.table.addAction(action)
        for action in (self.confirm_action, self.false_positive_action, self.clear_action):
            button = QToolButton(body)
            button.setDefaultAction(action)
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.status = QLabel(body)
        buttons.addWidget(self.status)
        layout.addLayout(buttons)
        self.message = QLabel(body)
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self.setWidget(body)

        self.layer_combo.currentIndexChanged.connect(self._on_combo_index)
        self.refresh_button.clicked.connect(self.reload)
        self.od_combo.currentIndexChanged.connect(self._on_filters_changed)
        self.type_combo.currentIndexChanged.connect(self._on_filters_changed)
        self.normal_check.toggled.connect(self.reload)
        self.table.selectionModel().selectionChanged.connect(self._on_table_selection)
        self.proxy.modelReset.connect(self._update_status)
        self.proxy.layoutChanged.connect(self._update_status)
        self.proxy.rowsInserted.connect(self._update_status)
        self.proxy.rowsRemoved.connect(self._update_status)
        # a layer added to the project reaches the combo's model after the plugin may already have chosen it
        self.layer_proxy.rowsInserted.connect(self._on_layer_rows_inserted)
        self._select_combo_layer(None)
        self.reload()

    # ---------------------------------------------------------------------------------------------- layer
    def _show_layer(self, layer, same):
        self._select_combo_layer(layer)

    def _combo_layer(self, row):
        if row < 0:
            return None
        index = self.layer_proxy.mapToSource(self.layer_proxy.index(row, 0))
        return self.layer_proxy.sourceLayerModel().layerFromIndex(index)

    def _select_combo_layer(self, layer):
        row = -1
        for i in range(self.layer_combo.count()):
            if self._combo_layer(i) is layer:
                row = i
                break
        if layer is not None and row < 0:  # not a line layer of the project: shown empty
            row = next((i for i in range(self.layer_combo.count()) if self._combo_layer(i) is None), -1)
        self.layer_combo.blockSignals(True)
        try:
            self.layer_combo.setCurrentIndex(row)
        finally:
            self.layer_combo.blockSignals(False)

    def reload(self):
        """Read the segments again (keeping the filters and the sort order where the values still exist)."""
        self._reload_timer.stop()
        layer = self.layer()
        reviewable, message = False, ""
        if layer is None:
            data = read_segments_empty()
            message = QCoreApplication.translate(
                "FlaggedSegments",
                "Choose a line layer with traj_id and label fields, such as the segments output of "
                "deeptraj:crotaddetect.",
            )
        elif not has_segment_fields(layer):
            data = read_segments_empty()
            message = QCoreApplication.translate(
                "FlaggedSegments",
                "{0} is not a segments layer: it needs to be a line layer with the fields traj_id and label (the "
                "segments output of deeptraj:crotaddetect).",
            ).format(layer.name())
        else:
            data = read_segments(layer, self.normal_check.isChecked())
            reviewable = self._review_field_index(layer) is not None
            if not reviewable:
                message = QCoreApplication.translate(
                    "FlaggedSegments", "The layer has no writable reviewed field: reviews cannot be saved."
                )
        self.model.reviewable = reviewable
        self.model.set_segments(data)
        self._rebuild_filters()
        column, order = self.proxy.sort_state()
        if column >= 0:
            self.proxy.sort(column, order)
        self._set_message(message)
        self._update_actions()
        self._update_status()

    def _schedule_reload(self, *_):
        self._reload_timer.start()

    def _detach(self):
        self._reload_timer.stop()
        super()._detach()

    def _layer_slots(self, layer):
        return (
            (layer.attributeValueChanged, self._on_attribute_changed),
            (layer.geometryChanged, self._on_geometry_changed),
            (layer.featureAdded, self._schedule_reload),
            (layer.featureDeleted, self._schedule_reload),
            (layer.updatedFields, self._schedule_reload),
            (layer.afterCommitChanges, self._on_edits_finished),
            (layer.afterRollBack, self._on_edits_finished),
            (layer.crsChanged, self._schedule_reload),
        )

    def cleanup(self):
        super().cleanup()
        self._reload_timer.stop()

    # ------------------------------------------------------------------------------------------- filters
    def _rebuild_filters(self):
        """Fill the OD and type combos with the values present ("All" first), keeping the current choice."""
        ods = self.model.column("od")
        kinds = self.model.column("kind")
        from ..models.core.trajectories import natural_key

        od_values = sorted({v for v in ods.tolist() if v != ""}, key=natural_key)
        kind_values = sorted({v for v in kinds.tolist() if v is not None}, key=natural_key)
        if (ods == "").any():
            od_values.append(NO_VALUE)
        if any(v is None for v in kinds.tolist()):
            kind_values.append(NO_VALUE)
        for combo, attr, values in (
            (self.od_combo, "_od_values", od_values),
            (self.type_combo, "_type_values", kind_values),
        ):
            current = getattr(self, attr)[max(combo.currentIndex(), 0)]
            values = [None] + values
            combo.blockSignals(True)
            try:
                combo.clear()
                for value in values:
                    if value is None:
                        combo.addItem(QCoreApplication.translate("FlaggedSegments", "All"))
                    elif value is NO_VALUE:
                        combo.addItem(QCoreApplication.translate("FlaggedSegments", "(none)"))
                    else:
                        combo.addItem(value)
                setattr(self, attr, values)
                combo.setCurrentIndex(values.index(current) if current in values else 0)
            finally:
                combo.blockSignals(False)
        self._apply_filters()

    def _apply_filters(self):
        od = self._od_values[max(self.od_combo.currentIndex(), 0)]
        kind = self._type_values[max(self.type_combo.currentIndex(), 0)]
        self.proxy.set_filters(od, kind)
        self._update_status()

    def set_od_filter(self, value):
        """Show only the OD ``value`` (text; None = all; :data:`NO_VALUE` = empty); False when it is not offered."""
        return self._set_combo_value(self.od_combo, self._od_values, value)

    def set_type_filter(self, value):
        """Show only the anomaly type ``value`` (None = all; :data:`NO_VALUE` = NULL); False when not offered."""
        return self._set_combo_value(self.type_combo, self._type_values, value)

    @staticmethod
    def _set_combo_value(combo, values, value):
        value = value if value is None or value is NO_VALUE else str(value)
        if value not in values:
            return False
        combo.setCurrentIndex(values.index(value))
        return True

    # ------------------------------------------------------------------------------------------ table
    def visible_fids(self):
        """Feature ids of the rows shown, in display order."""
        fids = self.model.column("fid")
        return [int(fids[self.proxy.mapToSource(self.proxy.index(r, 0)).row()]) for r in range(self.proxy.rowCount())]

    def selected_fids(self):
        """Feature ids of the selected rows, in display order."""
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        fids = self.model.column("fid")
        return [int(fids[self.proxy.mapToSource(self.proxy.index(r, 0)).row()]) for r in rows]

    def select_fids(self, fids):
        """Select the rows of ``fids`` (those shown) as a user would: the map follows."""
        selection = QItemSelection()
        for fid in fids:
            row = self.model.row_of(fid)
            if row is None:
                continue
            index = self.proxy.mapFromSource(self.model.index(row, 0))
            if index.isValid():
                selection.select(index, index)
        self.table.selectionModel().select(selection, QItemSelectionModel.ClearAndSelect | QItemSelectionModel.Rows)
        if not selection.isEmpty():
            self.table.scrollTo(selection.indexes()[0])

    def _on_table_selection(self, *_):
        layer = self.layer()
        self._update_actions()
        if layer is None:
            return
        fids = self.selected_fids()
        layer.selectByIds(fids)
        if fids:
            self._zoom_and_flash(fids)

    def _zoom_and_flash_selection(self):
        fids = self.selected_fids()
        if fids:
            self._zoom_and_flash(fids, force=True)

    def _canvas(self):
        if self.iface is None:
            return None
        return self.iface.mapCanvas()

    def _zoom_and_flash(self, fids, force=False):
        layer, canvas = self.layer(), self._canvas()
        if layer is None or canvas is None:
            return
        if force or self.zoom_check.isChecked():
            request = QgsFeatureRequest().setFilterFids(list(fids)).setNoAttributes()
            bbox = None
            for feature in layer.getFeatures(request):
                geometry = feature.geometry()
                if geometry is None or geometry.isNull():
                    continue
                box = geometry.boundingBox()
                if bbox is None:
                    bbox = box
                else:
                    bbox.combineExtentWith(box)
            if bbox is not None:
                # the margin is added in the layer CRS: a straight east-west segment has a zero-height box, which
                # QgsCoordinateTransform.transformBoundingBox turns into an empty one
                pad = max(bbox.width(), bbox.height()) * ZOOM_MARGIN
                if pad <= 0:  # a single point
                    pad = 1e-4 if layer.crs().isGeographic() else 10.0
                bbox.grow(pad)
                dest = canvas.mapSettings().destinationCrs()
                if dest.isValid() and layer.crs().isValid() and dest != layer.crs():
                    try:
                        bbox = QgsCoordinateTransform(layer.crs(), dest, QgsProject.instance()).transformBoundingBox(
                            bbox
                        )
                    except QgsCsException:
                        bbox = None
            if bbox is not None and not bbox.isEmpty():
                canvas.setExtent(bbox)
                canvas.refresh()
        canvas.flashFeatureIds(layer, list(fids)[:MAX_FLASH])

    # ----------------------------------------------------------------------------------------- reviews
    def _review_field_index(self, layer):
        """Index of a writable ``reviewed`` field of ``layer`` (a provider field or one added while editing)."""
        fields = layer.fields()
        idx = fields.lookupField(REVIEW_FIELD)
        if idx < 0 or fields.fieldOrigin(idx) not in (QgsFields.OriginProvider, QgsFields.OriginEdit):
            return None
        return idx

    def review_selected(self, state):
        """Write ``state`` (1 confirmed, 0 false positive, None = not reviewed) for the selected rows."""
        return self.set_review(self.selected_fids(), state)

    def set_review(self, fids, state) -> bool:
        """Write the review ``state`` (1, 0, or None / :data:`NOT_REVIEWED` for NULL) of the features ``fids`` into
        the layer's ``reviewed`` field. A layer that is not being edited is switched to editing, changed and
        committed; in a layer already being edited the change goes into the edit buffer (saved with the user's
        edits). Returns False (with a message in the dock) when it cannot be written."""
        layer = self.layer()
        fids = [int(f) for f in fids]
        if layer is None or not fids:
            return False
        if state is None or state == NOT_REVIEWED:
            value, state = None, NOT_REVIEWED
        else:
            state = CONFIRMED if int(state) == CONFIRMED else FALSE_POSITIVE
            value = state
        idx = self._review_field_index(layer)
        if idx is None:
            self._set_message(
                QCoreApplication.translate(
                    "FlaggedSegments", "The layer has no writable reviewed field: reviews cannot be saved."
                ),
                True,
            )
            return False
        was_editing = layer.isEditable()
        if not was_editing:
            provider = layer.dataProvider()
            capabilities = provider.capabilities() if provider is not None else 0
            if (
                layer.readOnly()
                or not capabilities & QgsVectorDataProvider.ChangeAttributeValues
                or not layer.startEditing()
            ):
                self._set_message(
                    QCoreApplication.translate(
                        "FlaggedSegments", "{0} cannot be edited: the review was not saved."
                    ).format(layer.name()),
                    True,
                )
                return False
        self._writing = True
        ok = True
        errors = []
        try:
            layer.beginEditCommand(QCoreApplication.translate("FlaggedSegments", "Review flagged segments"))
            for fid in fids:
                ok = layer.changeAttributeValue(fid, idx, value) and ok
            if ok:
                layer.endEditCommand()
            else:
                layer.destroyEditCommand()
            if not was_editing:
                if ok and layer.commitChanges():
                    pass
                else:
                    errors = list(layer.commitErrors()) if ok else []
                    ok = False
                    layer.rollBack()
        finally:
            self._writing = False
        if not ok:
            detail = (
                "; ".join(errors)
                if errors
                else QCoreApplication.translate("FlaggedSegments", "the layer refused the change")
            )
            self._set_message(
                QCoreApplication.translate("FlaggedSegments", "Could not save the review: {0}").format(detail), True
            )
            for fid in fids:  # show the layer's values again
                self._refresh_review(layer, fid, idx)
            return False
        for fid in fids:
            self.model.set_review(fid, state)
        self._set_message(
            QCoreApplication.translate(
                "FlaggedSegments", "Review kept in the layer's edit buffer: save the layer edits to keep it."
            )
            if was_editing
            else ""
        )
        return True

    def _refresh_review(self, layer, fid, idx):
        feature = layer.getFeature(fid)
        if feature.isValid():
            self.model.set_review(fid, _review_state(feature.attributes()[idx]))

    # ------------------------------------------------------------------------------------- layer signals
    def _on_attribute_changed(self, fid, idx, value):
        layer = self.layer()
        if layer is None or not 0 <= idx < layer.fields().count():
            return
        name = layer.fields().at(idx).name().lower()
        if name == REVIEW_FIELD:
            self.model.set_review(fid, _review_state(value))
        elif name == "n_points":
            self.model.set_number(fid, "points", _number(value))
        elif name == "mean_votes":
            self.model.set_number(fid, "votes", _number(value))
        elif name in ("traj_id", "od", "label", "anomaly_type", "start_time", "end_time"):
            self._schedule_reload()

    def _on_geometry_changed(self, fid, geometry):
        layer = self.layer()
        if layer is not None:
            self.model.set_length(fid, segment_length(length_calculator(layer), geometry))

    def _on_edits_finished(self, *_):
        if not self._writing:  # the dock's own review commits changed nothing else
            self._schedule_reload()

    # ------------------------------------------------------------------------------------------- slots
    def _on_combo_index(self, row):
        layer = self._combo_layer(row)
        if layer is not self.layer():
            self.set_layer(layer)

    def _on_layer_rows_inserted(self, *_):
        if self._combo_layer(self.layer_combo.currentIndex()) is not self.layer():
            self._select_combo_layer(self.layer())

    def _on_filters_changed(self, *_):
        self._apply_filters()

    def _update_actions(self):
        layer = self.layer()
        has_rows = self.table.selectionModel().hasSelection() if self.table.selectionModel() else False
        can_review = has_rows and layer is not None and self.model.reviewable
        for action in (self.confirm_action, self.false_positive_action, self.clear_action):
            action.setEnabled(can_review)
        self.zoom_action.setEnabled(has_rows and layer is not None and self.iface is not None)

    def _update_status(self, *_):
        self.status.setText(
            QCoreApplication.translate("FlaggedSegments", "{0} of {1} segments shown").format(
                self.proxy.rowCount(), self.model.rowCount()
            )
        )

    def _set_message(self, text, error=False):
        self.message.setText(text)
        self.message.setStyleSheet("color: #b00020;" if error and text else "")
        self.message.setVisible(bool(text))
