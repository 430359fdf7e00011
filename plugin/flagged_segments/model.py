"""A CroTad segments layer as a table: recognising a segments layer, reading its segments in one pass into numpy
arrays, and :class:`SegmentsModel`, the Qt table model over those arrays (sorting reorders the arrays with numpy,
not one Python comparison per pair).

Made for the OUTPUT_SEGMENTS layer of ``deeptraj:crotaddetect`` (one line per run of equally labelled consecutive
points of a trajectory, marked with the custom property :data:`SEGMENTS_PROPERTY`), but any line layer with the
fields traj_id and label works. Anomaly types are shown as words (the identifiers of syntheticanomalies translated),
times in full or, when every segment is on one date, as the time of day.
"""

from __future__ import annotations

import math

import numpy as np
from qgis.core import (
    QgsDistanceArea,
    QgsExpression,
    QgsFeatureRequest,
    QgsProject,
    QgsUnitTypes,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QAbstractTableModel, QCoreApplication, QDate, QDateTime, QModelIndex, Qt, QVariant
from qgis.PyQt.QtGui import QBrush, QColor

#: the custom property marking a deeptraj:crotaddetect segments layer (defined with the layer's fields in
#: processing_provider/crotad/layers.py, which the algorithm imports)
from ...processing_provider.crotad.layers import ANOMALY_TYPES, NORMAL_TYPE, SEGMENTS_PROPERTY
from ..layer_dock import alive as _alive

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
TIME_FORMAT = "yyyy-MM-dd HH:mm:ss"
#: the date and the time of day in a :data:`TIME_FORMAT` text
DATE_CHARS, TIME_OF_DAY_START = 10, 11
NORMAL_COLOR = "#808080"


# ------------------------------------------------------------------------------------------------ layer helpers
def _is_null(value) -> bool:
    return value is None or (isinstance(value, QVariant) and value.isNull())


def to_number(value) -> float:
    """Float of an attribute value; NaN for NULL or anything not a number."""
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


def type_identifier(kind) -> str:
    """The normalised form of an anomaly_type value ("Head detour", "head-detour" -> "head_detour")."""
    return "_".join(str(kind).strip().lower().replace("-", " ").split())


def type_labels() -> dict:
    """Anomaly type identifier (:data:`ANOMALY_TYPES` and "normal") -> the word shown, translated. The words are those
    of the syntheticanomalies TYPES options (context DeepTraj), so their translations are shared."""
    words = (
        QCoreApplication.translate("DeepTraj", "Head detour"),
        QCoreApplication.translate("DeepTraj", "Rear detour"),
        QCoreApplication.translate("DeepTraj", "Midway detour"),
        QCoreApplication.translate("DeepTraj", "Random trajectory"),
        QCoreApplication.translate("DeepTraj", "Route switching"),
    )
    labels = dict(zip(ANOMALY_TYPES, words))
    labels[NORMAL_TYPE] = QCoreApplication.translate("DeepTraj", "Normal")
    return labels


def type_label(kind, labels=None) -> str:
    """The word shown for an anomaly_type value: the translated word of a DeepTraj type, any other value as it is,
    "" for None (``labels``: :func:`type_labels`, built when not given)."""
    if kind is None:
        return ""
    labels = type_labels() if labels is None else labels
    return labels.get(type_identifier(kind), str(kind))


def is_normal_type(kind) -> bool:
    """True for the anomaly_type of the normal trajectories of syntheticanomalies."""
    return kind is not None and type_identifier(kind) == NORMAL_TYPE


def review_state(value) -> int:
    """The review state (:data:`CONFIRMED`, :data:`FALSE_POSITIVE`, :data:`NOT_REVIEWED` for NULL) of a value of the
    reviewed field."""
    number = to_number(value)
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


#: the columns :func:`read_segments` returns
_ROW_KEYS = (
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


def _as_arrays(rows: dict) -> dict:
    """The collected row lists as numpy arrays (ids and states as integers, texts as objects, numbers as floats)."""
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


def read_segments(layer, include_normal: bool = False, skipped: dict = None) -> dict:
    """One pass over the segments of ``layer``: a dict of equally long arrays (fid, traj, od, kind, start/end text
    and epoch ms, points, votes, length in m, reviewed, label).

    Without ``include_normal`` only the anomalous segments (label 1) that are not on a trajectory of ground-truth
    type normal; zero-length segments of a single point (the last point of a trajectory alone in its run) are never
    read. ``skipped`` (a dict) receives the counts of segments left out: "normal" (label 1, type normal) and
    "single_point"."""
    if skipped is not None:
        skipped.update(normal=0, single_point=0)
    names = ("traj_id", "od", "start_time", "end_time", "n_points", "label", "mean_votes", "anomaly_type", REVIEW_FIELD)
    fields = layer.fields()
    index = {name: fields.lookupField(name) for name in names}
    rows = {k: [] for k in _ROW_KEYS}
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
            label = 1 if to_number(attr(attrs, "label")) == 1 else 0
            if label != 1 and not include_normal:
                continue
            kind = attr(attrs, "anomaly_type")
            kind = None if _is_null(kind) or str(kind) == "" else str(kind)
            if not include_normal and is_normal_type(kind):
                if skipped is not None:
                    skipped["normal"] += 1
                continue
            points = to_number(attr(attrs, "n_points"))
            length = segment_length(da, feature.geometry())
            if points <= 1 and not length > 0:  # a lone last point: a line of no length
                if skipped is not None:
                    skipped["single_point"] += 1
                continue
            rows["fid"].append(feature.id())
            rows["traj"].append(_text(attr(attrs, "traj_id")))
            rows["od"].append(_text(attr(attrs, "od")))
            rows["kind"].append(kind)
            for key, name in (("start", "start_time"), ("end", "end_time")):
                dt = _datetime(attr(attrs, name))
                rows[key + "_text"].append(dt.toString(TIME_FORMAT) if dt is not None else "")
                rows[key].append(float(dt.toMSecsSinceEpoch()) if dt is not None else math.nan)
            rows["points"].append(points)
            rows["votes"].append(to_number(attr(attrs, "mean_votes")))
            rows["length"].append(length)
            rows["reviewed"].append(review_state(attr(attrs, REVIEW_FIELD)))
            rows["label"].append(label)
    return _as_arrays(rows)


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
        #: anomaly type identifier -> word shown (translated when the segments are set)
        self._type_labels = type_labels()
        #: the date every start and end time is on ("yyyy-MM-dd"), None when they are on several dates (or none):
        #: with one date the times are shown as the time of day
        self.shared_date = None
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
            COL_START: QCoreApplication.translate("FlaggedSegments", "Time of the segment's first point"),
            COL_END: QCoreApplication.translate("FlaggedSegments", "Time of the segment's last point"),
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
        self._type_labels = type_labels()
        data["kind_key"] = np.asarray(
            ["" if k is None else type_label(k, self._type_labels).casefold() for k in data["kind"]], dtype=object
        )
        dates = {text[:DATE_CHARS] for key in ("start_text", "end_text") for text in data[key].tolist() if text}
        self.shared_date = dates.pop() if len(dates) == 1 else None
        self._data = data
        self._row_of = None
        self.endResetModel()
        self.headerDataChanged.emit(Qt.Horizontal, COL_START, COL_END)

    def type_label(self, kind) -> str:
        """The word shown for the anomaly_type value ``kind`` (see :func:`type_label`)."""
        return type_label(kind, self._type_labels)

    def time_text(self, text: str) -> str:
        """A :data:`TIME_FORMAT` text as shown: the time of day when every segment is on :attr:`shared_date`."""
        return text[TIME_OF_DAY_START:] if self.shared_date and text else text

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
            tip = self._tips.get(section)
            if section in (COL_START, COL_END) and self.shared_date:
                tip = QCoreApplication.translate("FlaggedSegments", "{0} (every segment is on {1})").format(
                    tip, self.shared_date
                )
            return tip
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
        if role == Qt.ToolTipRole and col in (COL_START, COL_END):  # the full date-time
            return d["start_text" if col == COL_START else "end_text"][row] or None
        if role == Qt.ToolTipRole and col in (COL_TRAJ, COL_OD, COL_TYPE):  # the whole text where it is elided
            return self._display(row, col) or None
        if role == Qt.ToolTipRole and col == COL_REVIEWED:
            return self.review_text(int(d["reviewed"][row])) or QCoreApplication.translate(
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
            return self.type_label(d["kind"][row])
        if col == COL_START:
            return self.time_text(d["start_text"][row])
        if col == COL_END:
            return self.time_text(d["end_text"][row])
        if col == COL_REVIEWED:
            return self.review_text(int(d["reviewed"][row]))
        value = float(d[{COL_POINTS: "points", COL_VOTES: "votes", COL_LENGTH: "length"}[col]][row])
        if math.isnan(value):
            return ""
        if col == COL_POINTS:
            return str(int(value))
        return f"{value:.2f}" if col == COL_VOTES else f"{value:.1f}"

    @staticmethod
    def review_text(state: int) -> str:
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
