"""Adapters between QGIS layers and the engine's :class:`models.trajectories.Trajectories`.

Reading
  * point layers: TRAJ_ID_FIELD (required) + TIME_FIELD (datetime, date-time strings, epoch s/ms, or a numeric
    order field; optional: without it the feature order is the point order, or the M value when present);
  * line layers: one trajectory per feature (TRAJ_ID_FIELD optional, default the feature id); vertex times from
    M values (epoch seconds), or TIME_FIELD as the start time plus SAMPLING_INTERVAL seconds per vertex;
    multipart lines are joined part after part.
  * file-backed (OGR) point layers without a filter are read column-wise through GDAL's Arrow interface; every
    other source is read feature by feature.
Rules: null/empty geometries are skipped and counted (an error when nothing is left); multipart points with more
than one part are an error (explode them first); Z is ignored; polygon layers are refused; NULL trajectory ids
and points outside the longitude/latitude range are skipped and counted (see ``layer_checks``).

Writing
  helpers to declare fields and write trajectories as LineString(M) features.
"""

from __future__ import annotations

import numpy as np
from qgis.core import (
    QgsFeature,
    QgsFeatureRequest,
    QgsField,
    QgsFields,
    QgsGeometry,
    QgsLineString,
    QgsProcessingException,
    QgsProcessingFeatureSourceDefinition,
    QgsProviderRegistry,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QDate, QDateTime, QVariant

from ..models.core.memory import trim_heap
from ..models.core.progress import Cancelled
from ..models.core.timeparse import NAT, parse_times
from ..models.core.trajectories import Trajectories, TrajectoryDataError
from .arrow_points import read_columns
from .layer_checks import check_columns, id_array, null_fids

_BATCH = 50_000


def _crs_authid(crs) -> str:
    if crs is None or not crs.isValid():
        return ""
    a = crs.authid()
    return a if a else crs.toWkt()


def read_trajectories(
    source,
    id_field,
    time_field,
    feedback,
    interval=None,
    min_points=2,
    layer=None,
    parameter_value=None,
    extra_fields=(),
    names=("INPUT", "TRAJ_ID_FIELD", "TIME_FIELD"),
    progress=None,
):
    """Read a feature source into (Trajectories, cleaning-report dict). Raises QgsProcessingException, whose
    message starts with the parameter to fix: ``names`` are those of the layer, its ID field and its time field.
    ``progress`` (a callable taking 0..100, the reading stage of the run's bar) follows the features read."""
    inp, id_name, time_name = names
    _check_fields(source, names, (id_field, time_field, *extra_fields))
    gtype = QgsWkbTypes.geometryType(source.wkbType())
    if gtype == QgsWkbTypes.PointGeometry:
        if not id_field:
            raise QgsProcessingException(
                f"{id_name}: a point layer needs a trajectory ID field telling which points form one trajectory."
            )
        cols = _read_points_arrow(
            source, id_field, time_field, layer, parameter_value, extra_fields, feedback, progress
        )
        if cols is None:
            cols = _read_points_features(source, id_field, time_field, feedback, extra_fields, inp, progress)
    elif gtype == QgsWkbTypes.LineGeometry:
        cols = _read_lines(source, id_field, time_field, interval, feedback, extra_fields, progress)
    else:
        raise QgsProcessingException(
            f"{inp}: polygon (or geometry-less) layers cannot be read as trajectories; use a point layer with a "
            "trajectory ID and time field, or a line layer with one trajectory per feature."
        )
    if feedback is not None and feedback.isCanceled():
        raise QgsProcessingException("Cancelled by the user: no output was written.")
    if progress is not None:
        progress(100.0)
    if cols["n_null_geom"]:
        feedback.pushWarning(f"{cols['n_null_geom']} feature(s) with a null or empty geometry were skipped")
    if cols["x"].size == 0:
        raise QgsProcessingException(f"{inp}: no feature has a usable geometry (all are null or empty).")
    cols, counts = check_columns(cols, source.sourceCrs(), feedback, names, id_field)
    if time_field:
        _check_times(cols["t"], time_field, time_name)
    try:
        trajs, rep = Trajectories.from_points(
            cols["ids"],
            cols["x"],
            cols["y"],
            cols["t"],
            fids=cols["fids"],
            attrs=cols["attrs"],
            crs=_crs_authid(source.sourceCrs()),
            min_points=min_points,
            overwrite_input=True,  # the read columns are ours: reordered in place, no second copy
        )
    except TrajectoryDataError as e:
        raise QgsProcessingException(f"{inp}: {e}")
    n_null_geom = cols["n_null_geom"]
    del cols
    trim_heap()  # the read columns and sort temporaries: give the heap back before the engine runs
    for m in rep.messages():
        feedback.pushWarning(m)
    report = rep.as_dict()
    report.update(N_NULL_GEOMETRIES=n_null_geom, **counts)
    if len(trajs) == 0:
        raise QgsProcessingException(
            f"{inp}: no trajectory has at least {min_points} points after cleaning ({'; '.join(rep.messages())}). "
            "Check the trajectory ID field: it must group points into trajectories."
        )
    feedback.pushInfo(f"Read {len(trajs)} trajectories with {trajs.n_points} points (CRS {trajs.crs}).")
    return trajs, report


def _check_fields(source, names, wanted):
    """Raise the message naming the parameter when a field of ``wanted`` (ID, time, extra fields) is missing from
    ``source``, or when the layer has no feature."""
    inp, id_name, time_name = names
    fields = source.fields()
    params = (id_name, time_name) + ("field",) * (len(wanted) - 2)
    for pname, f in zip(params, wanted):
        if f and fields.lookupField(f) < 0:
            raise QgsProcessingException(
                f"{pname}: the field '{f}' does not exist in the {'input' if inp == 'INPUT' else inp} layer. "
                "Available fields: " + ", ".join(fields.names())
            )
    if source.featureCount() == 0:
        raise QgsProcessingException(f"{inp}: the layer is empty (no features); choose a layer with trajectories.")


def _check_times(t, time_field, time_name):
    """Raise the message naming ``time_name`` when a time read from ``time_field`` is NULL or unreadable."""
    bad = int((t == NAT).sum())
    if bad:
        raise QgsProcessingException(
            f"{time_name}: {bad} of {t.size} value(s) in '{time_field}' are NULL or cannot be read as a time "
            f"(accepted: date-time, ISO 8601 text such as 2024-05-01T08:30:00, epoch seconds or milliseconds, "
            f"or a numeric order). Fix or filter those features."
        )


# ---------------------------------------------------------------------------- values
def time_values_to_seconds(values) -> np.ndarray:
    """QGIS attribute values (QDateTime, QDate, str, numbers, NULL) -> int64 epoch seconds, NAT for missing."""
    vals = list(values)
    if not vals:
        return np.zeros(0, np.int64)
    out = np.full(len(vals), NAT, dtype=np.int64)
    strs, str_pos = [], []
    for i, v in enumerate(vals):
        if v is None or (isinstance(v, QVariant) and v.isNull()):
            continue
        if isinstance(v, QDateTime):
            if v.isValid():
                out[i] = v.toMSecsSinceEpoch() // 1000
        elif isinstance(v, QDate):
            if v.isValid():
                out[i] = QDateTime(v).toMSecsSinceEpoch() // 1000
        elif isinstance(v, bool):
            continue
        elif isinstance(v, (int, float)):
            strs.append(v)
            str_pos.append(i)
        else:
            strs.append(str(v))
            str_pos.append(i)
    if strs:
        out[np.asarray(str_pos)] = parse_times(np.asarray(strs, dtype=object))
    return out


# ---------------------------------------------------------------------------- points
def _request(source, names):
    req = QgsFeatureRequest()
    req.setSubsetOfAttributes([n for n in names if n], source.fields())
    return req


def _scan_features(source, names, feedback, progress=None):
    """(feature, abstract geometry) for each feature of ``source`` read with the attributes ``names``; the geometry is
    None when it is null or empty. Reports 0..100 to ``progress`` and stops early, without an error, when
    cancelled."""
    n = source.featureCount()
    step = max(1, n // 100) if n > 0 else 1000
    for i, f in enumerate(source.getFeatures(_request(source, names))):
        if i % step == 0:
            if feedback.isCanceled():
                return
            if progress is not None:
                progress(100.0 * i / max(n, 1))
        g = f.geometry()
        yield f, (None if g.isNull() or g.isEmpty() else g.constGet())


def _read_points_features(source, id_field, time_field, feedback, extra_fields=(), inp="INPUT", progress=None):
    n = source.featureCount()
    xs = np.empty(max(n, 0), np.float64)
    ys = np.empty(max(n, 0), np.float64)
    ms = np.full(max(n, 0), np.nan)
    fids = np.empty(max(n, 0), np.int64)
    ids, times = [], []
    extras = {e: [] for e in extra_fields}
    fields = source.fields()
    id_idx = fields.lookupField(id_field)
    t_idx = fields.lookupField(time_field) if time_field else -1
    ex_idx = {e: fields.lookupField(e) for e in extra_fields}
    k = 0
    n_null = 0
    has_m = QgsWkbTypes.hasM(source.wkbType())
    for f, geom in _scan_features(source, [id_field, time_field, *extra_fields], feedback, progress):
        if geom is None:
            n_null += 1
            continue
        if QgsWkbTypes.isMultiType(geom.wkbType()):
            if geom.numGeometries() != 1:
                raise QgsProcessingException(
                    f"{inp}: feature {f.id()} is a multipoint with {geom.numGeometries()} parts; run "
                    "'Multipart to singleparts' first so that every point has its own time."
                )
            geom = geom.geometryN(0)
        if k >= xs.size:  # featureCount was an estimate
            grow = max(1024, xs.size)
            xs, ys, ms, fids = (np.concatenate([a, np.empty(grow, a.dtype)]) for a in (xs, ys, ms, fids))
        xs[k], ys[k] = geom.x(), geom.y()
        if has_m:
            ms[k] = geom.m()
        fids[k] = f.id()
        attrs = f.attributes()
        ids.append(attrs[id_idx])
        if t_idx >= 0:
            times.append(attrs[t_idx])
        for e, j in ex_idx.items():
            extras[e].append(attrs[j])
        k += 1
    if t_idx >= 0:
        t = time_values_to_seconds(times)
    elif has_m and np.isfinite(ms[:k]).all() and k:
        t = np.floor(ms[:k]).astype(np.int64)
    else:
        t = None
    return {
        "ids": id_array(ids),
        "x": xs[:k],
        "y": ys[:k],
        "t": t,
        "fids": fids[:k],
        "n_null_geom": n_null,
        "attrs": {e: _plain_values(v) for e, v in extras.items()},
    }


def _plain_value(v):
    """A QGIS attribute value with NULL (a null QVariant) as None."""
    return None if (v is None or (isinstance(v, QVariant) and v.isNull())) else v


def _plain_values(values):
    vals = [_plain_value(v) for v in values]
    try:
        arr = np.asarray(vals)
        if arr.dtype.kind in "iufb":
            return arr
    except (ValueError, TypeError):
        pass
    return np.asarray(vals, dtype=object)


def _plain_source(layer, parameter_value):
    """(path, layer name) when the input is an unfiltered OGR layer that GDAL can read directly, else None."""
    if layer is None or layer.providerType() != "ogr" or layer.subsetString():
        return None
    if isinstance(parameter_value, QgsProcessingFeatureSourceDefinition):
        if parameter_value.selectedFeaturesOnly or parameter_value.featureLimit != -1:
            return None
    parts = QgsProviderRegistry.instance().decodeUri("ogr", layer.source())
    path = parts.get("path")
    if not path or parts.get("subset"):
        return None
    return path, parts.get("layerName") or None, parts.get("layerId")


def plain_ogr_layer(source, layer, parameter_value):
    """(OGR data source, OGR layer) behind ``source`` when it is an unfiltered file layer GDAL can stream with its
    Arrow interface (GDAL >= 3.6) and the layer has the source's feature count; else None."""
    spec = _plain_source(layer, parameter_value)
    if spec is None:
        return None
    try:
        from osgeo import ogr
    except ImportError:
        return None
    if not hasattr(ogr.Layer, "GetArrowStreamAsNumPy"):
        return None
    path, lname, lid = spec
    ds = ogr.Open(path)
    if ds is None:
        return None
    lyr = ds.GetLayerByName(lname) if lname else ds.GetLayer(int(lid) if lid not in (None, "") else 0)
    if lyr is None or lyr.GetFeatureCount() != source.featureCount():
        return None
    return ds, lyr


def _read_points_arrow(
    source, id_field, time_field, layer, parameter_value, extra_fields=(), feedback=None, progress=None
):
    """Column-wise read through OGR's Arrow stream (GDAL >= 3.6, :mod:`.arrow_points`); None when not applicable."""
    if QgsWkbTypes.hasM(source.wkbType()) or QgsWkbTypes.isMultiType(source.wkbType()):
        return None
    opened = plain_ogr_layer(source, layer, parameter_value)
    if opened is None:
        return None
    ds, lyr = opened  # noqa: F841 - the data source must outlive the layer
    defn = lyr.GetLayerDefn()
    names = [defn.GetFieldDefn(i).GetName() for i in range(defn.GetFieldCount())]
    if any(w not in names for w in (id_field, time_field, *extra_fields) if w):
        return None
    nulls = null_fids(lyr, id_field)
    try:
        cols = read_columns(lyr, source.featureCount(), id_field, time_field, extra_fields, feedback, progress)
    except Cancelled:
        raise
    except Exception:  # an OGR/Arrow quirk: the feature path always works
        return None
    if cols is not None:
        cols["null_ids"] = np.isin(cols["fids"], nulls) if nulls.size else None
    return cols


# ---------------------------------------------------------------------------- lines
def _read_lines(source, id_field, time_field, interval, feedback, extra_fields=(), progress=None):
    fields = source.fields()
    id_idx = fields.lookupField(id_field) if id_field else -1
    t_idx = fields.lookupField(time_field) if time_field else -1
    ex_idx = {e: fields.lookupField(e) for e in extra_fields}
    has_m = QgsWkbTypes.hasM(source.wkbType())
    xs, ys, ts, fids, ids = [], [], [], [], []
    extras = {e: [] for e in extra_fields}
    starts = []
    n_null = 0
    interval = float(interval or 15.0)
    for f, geom in _scan_features(source, [id_field, time_field, *extra_fields], feedback, progress):
        if geom is None:
            n_null += 1
            continue
        parts = (
            [geom.geometryN(j) for j in range(geom.numGeometries())]
            if QgsWkbTypes.isMultiType(geom.wkbType())
            else [geom]
        )
        px, py, pm = [], [], []
        for part in parts:
            pts = part.points()
            px.extend(p.x() for p in pts)
            py.extend(p.y() for p in pts)
            if has_m:
                pm.extend(p.m() for p in pts)
        if not px:
            n_null += 1
            continue
        attrs = f.attributes()
        tid = attrs[id_idx] if id_idx >= 0 else f.id()
        xs.append(np.asarray(px))
        ys.append(np.asarray(py))
        fids.append(np.full(len(px), f.id(), np.int64))
        ids.append(np.full(len(px), tid, dtype=object))
        for e, j in ex_idx.items():
            extras[e].append(np.full(len(px), attrs[j], dtype=object))
        if has_m and t_idx < 0:
            ts.append(np.floor(np.asarray(pm, np.float64)).astype(np.int64))
        elif t_idx >= 0:
            starts.append(attrs[t_idx])
            ts.append(np.arange(len(px), dtype=np.float64) * interval)
    if not xs:
        return {
            "ids": np.zeros(0, object),
            "x": np.zeros(0),
            "y": np.zeros(0),
            "t": None,
            "fids": np.zeros(0, np.int64),
            "n_null_geom": n_null,
            "attrs": {},
        }
    t = None
    if t_idx >= 0:
        st = time_values_to_seconds(starts)
        t = np.concatenate([np.where(s == NAT, NAT, s + np.floor(o).astype(np.int64)) for s, o in zip(st, ts)])
    elif has_m:
        t = np.concatenate(ts)
    idv = id_array(np.concatenate(ids).tolist())
    return {
        "ids": idv,
        "x": np.concatenate(xs),
        "y": np.concatenate(ys),
        "t": t,
        "fids": np.concatenate(fids),
        "n_null_geom": n_null,
        "attrs": {e: _plain_values(np.concatenate(v).tolist()) for e, v in extras.items()},
    }


def line_part_arrays(g, transform=None) -> list:
    """(k, 2) vertex arrays of the parts of the line geometry ``g`` (curves linearised; parts with fewer than 2
    vertices skipped; none for a null or empty geometry), transformed by ``transform`` when given."""
    from qgis.core import QgsLineString

    if g.isNull() or g.isEmpty():
        return []
    if transform is not None:
        g.transform(transform)
    geom = g.constGet()
    parts = (
        [geom.geometryN(j) for j in range(geom.numGeometries())] if QgsWkbTypes.isMultiType(geom.wkbType()) else [geom]
    )
    out = []
    for part in parts:
        line = part if isinstance(part, QgsLineString) else part.curveToLine()
        if line.nCoordinates() >= 2:
            out.append(np.array([(p.x(), p.y()) for p in line.asQPolygonF()], dtype=np.float64))
    return out


def read_line_parts(source, feedback, transform=None, progress=None):
    """Vertices of every part of every line feature of ``source`` as (k, 2) float arrays (see
    :func:`line_part_arrays`), transformed by ``transform`` (a QgsCoordinateTransform) when given; ``progress`` (a
    callable taking 0..100) follows the features read when given."""
    from qgis.core import QgsFeatureRequest

    lines = []
    n = max(source.featureCount(), 1)
    for i, f in enumerate(source.getFeatures(QgsFeatureRequest().setNoAttributes())):
        if i % 2000 == 0:
            if feedback.isCanceled():
                raise QgsProcessingException("Cancelled by the user: no output was written.")
            if progress is not None:
                progress(100.0 * i / n)
        lines.extend(line_part_arrays(f.geometry(), transform))
    return lines


def to_wgs84_transform(source, context):
    """QgsCoordinateTransform from ``source``'s CRS to WGS 84 (the engine's H3 and road code work in lon/lat)."""
    from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform

    return QgsCoordinateTransform(
        source.sourceCrs(), QgsCoordinateReferenceSystem("EPSG:4326"), context.transformContext()
    )


def read_points(source, transform=None, fields=(), by_id=False):
    """Points of an auxiliary point layer (stops, centres): ((n, 2) float coordinates, transformed by ``transform``
    when given; {field: list of n attribute values, NULL as None}; number of features skipped for a null or empty
    geometry).
    A multipart feature counts with its first point; ``by_id`` reads the features in feature-id order."""
    feats = source.getFeatures(_request(source, list(fields)) if fields else QgsFeatureRequest().setNoAttributes())
    if by_id:
        feats = sorted(feats, key=lambda f: f.id())
    xy, values, n_empty = [], {f: [] for f in fields}, 0
    for f in feats:
        g = f.geometry()
        if g.isNull() or g.isEmpty():
            n_empty += 1
            continue
        if transform is not None:
            g.transform(transform)
        p = g.constGet()
        if QgsWkbTypes.isMultiType(p.wkbType()):
            p = p.geometryN(0)
        xy.append((p.x(), p.y()))
        for name in fields:
            values[name].append(_plain_value(f[name]))
    return np.asarray(xy, np.float64).reshape(-1, 2), values, n_empty


# ---------------------------------------------------------------------------- writing
_QTYPES = {
    "int": QVariant.LongLong,
    "double": QVariant.Double,
    "string": QVariant.String,
    "datetime": QVariant.DateTime,
    "bool": QVariant.Bool,
}


def make_fields(spec) -> QgsFields:
    """QgsFields from [(name, 'int'|'double'|'string'|'datetime'|'bool'), ...] (QGIS 3.22 API)."""
    fields = QgsFields()
    for name, kind in spec:
        fields.append(QgsField(name, _QTYPES[kind]))
    return fields


def id_kind(ids: np.ndarray) -> str:
    return "int" if np.asarray(ids).dtype.kind in "iu" else "string"


def attribute_key(value):
    """A layer attribute value as a key for the engines (OD pair, route, anomaly type): str, integral floats as
    integers; None for NULL/empty."""
    if isinstance(value, np.generic):
        value = value.item()
    if value is None:
        return None
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    if isinstance(value, float):
        if not np.isfinite(value):
            return None
        if value.is_integer():
            value = int(value)
    if isinstance(value, QVariant):
        return None if value.isNull() else attribute_key(value.value())
    text = str(value)
    return text if text not in ("", "NULL") else None


def py_value(v):
    """numpy scalar -> plain Python value for QgsFeature attributes (NaN -> NULL)."""
    if isinstance(v, np.generic):
        v = v.item()
    if isinstance(v, float) and not np.isfinite(v):
        return None
    return v


def epoch_to_qdatetime(sec):
    if sec is None or int(sec) == NAT:
        return None
    from qgis.PyQt.QtCore import Qt

    return QDateTime.fromSecsSinceEpoch(int(sec), Qt.UTC)


def line_geometry(x, y, t=None) -> QgsGeometry:
    """LineString (LineStringM with epoch seconds as M when ``t`` is given)."""
    xs = np.asarray(x, np.float64).tolist()
    ys = np.asarray(y, np.float64).tolist()
    if len(xs) == 1:  # keep a valid 2-vertex line for a 1-point trajectory
        xs, ys = xs * 2, ys * 2
        t = None if t is None else list(t) * 2
    if t is None:
        return QgsGeometry(QgsLineString(xs, ys))
    return QgsGeometry(QgsLineString(xs, ys, [], np.asarray(t, np.float64).tolist()))


def write_trajectory_lines(
    sink, trajs: Trajectories, fields: QgsFields, rows, feedback=None, with_m=True, progress=None
):
    """One LineString(M) feature per trajectory; ``rows[i]`` are the attribute values of trajectory i; ``progress``
    (a callable taking 0..100) follows the features written."""
    n = len(trajs)
    for i in range(n):
        s, e = trajs.offsets[i], trajs.offsets[i + 1]
        f = QgsFeature(fields)
        f.setGeometry(
            line_geometry(trajs.x[s:e], trajs.y[s:e], trajs.t[s:e] if (with_m and trajs.t is not None) else None)
        )
        f.setAttributes([py_value(v) for v in rows[i]])
        sink.addFeature(f)
        if i % 1000 == 0:
            if feedback is not None and feedback.isCanceled():
                return False
            if progress is not None:
                progress(100.0 * i / n)
    return True
