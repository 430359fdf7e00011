"""Reading and writing shared by the CroTad algorithms: H3 cell sequences, OD keys, the road and stop graphs of
training, and the segments and labelled points layers of detection."""

from __future__ import annotations

import numpy as np
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsFeatureSink,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingException,
    QgsWkbTypes,
)

from .. import styles
from ..base import translate
from ..layer_io import (
    attribute_key,
    epoch_to_qdatetime,
    id_kind,
    line_geometry,
    make_fields,
    py_value,
    read_line_parts,
    read_points,
    to_wgs84_transform,
)
from .layers import SEGMENT_FIELDS, SEGMENTS_PROPERTY

#: the ground-truth fields of a syntheticanomalies layer, copied to the outputs and scored against
TRUTH_FIELDS = ("is_anomaly", "anomaly_type")


# ---------------------------------------------------------------------------------------------- input
def wgs84_cell_sequences(trajs, resolution):
    """models.core.cells.wgs84_cell_sequences, its data error naming INPUT."""
    from ...models.core.cells import wgs84_cell_sequences as cells
    from ...models.core.trajectories import TrajectoryDataError

    try:
        return cells(trajs, resolution)
    except TrajectoryDataError as e:
        raise QgsProcessingException(f"INPUT: {e}")


def warn_sparse_sampling(feedback, cs, resolution, what="RESOLUTION") -> None:
    """Warn when consecutive fixes fall several H3 cells apart at ``resolution`` (``what``: the parameter or the
    model it comes from), with the resolution that fits the sampling (:func:`models.core.cells.step_fit`)."""
    from ...models.core.cells import step_fit

    fit = step_fit(cs, resolution)
    if fit["too_sparse"]:
        feedback.pushWarning(
            translate(
                "DeepTraj",
                "{0} {1}: consecutive fixes lie a median of {2:g} H3 cells apart (cells about {3} m wide), so the "
                "windows of consecutive cells skip part of the route and detection suffers. Resolution {4} fits "
                "this sampling interval.",
            ).format(what, resolution, fit["median_cells"], round(fit["cell_width_m"]), fit["suggested"])
        )


def check_od_field(fields, od_field, exact: bool = True) -> None:
    """An OD_FIELD error when ``od_field`` is set but not a field of the input's ``fields`` (QgsFields; matched
    exactly, or with ``exact`` False as QgsFields.lookupField does: also ignoring case, or by alias)."""
    if not od_field:
        return
    names = fields.names()
    if (od_field not in names) if exact else fields.lookupField(od_field) < 0:
        raise QgsProcessingException(
            f"OD_FIELD: the field '{od_field}' does not exist in the input layer. Available fields: " + ", ".join(names)
        )


def field_od_keys(trajs, od_field) -> list:
    """The OD key (text, or None for NULL) of each trajectory: the value of ``od_field`` at its first point."""
    return [attribute_key(v) for v in trajs.first_values(od_field)]


def road_edges(source, context, feedback, res):
    """The edges between the H3 cells (resolution ``res``) of the road lines of ``source``; None without roads."""
    from ...models.crotad.graph import road_edges as edges_of

    lines = read_line_parts(source, feedback, to_wgs84_transform(source, context))
    if not lines:
        feedback.pushWarning("ROAD_NETWORK: the layer has no line with 2 or more vertices; ignored.")
        return None
    edges = edges_of(lines, res)
    feedback.pushInfo(f"Road network: {len(lines)} line(s), {len(edges)} edge(s) between H3 cells.")
    return edges


def stop_edges(source, route_f, seq_f, context, feedback, res):
    """The edges between the H3 cells (resolution ``res``) of consecutive stops of each route (fields ``route_f``
    and ``seq_f`` of ``source``); None without a usable stop."""
    for name, value in (("STOP_ROUTE_FIELD", route_f), ("STOP_SEQUENCE_FIELD", seq_f)):
        if not value:
            raise QgsProcessingException(
                f"{name}: with a STOPS layer, choose its route field and its sequence field (the order of the "
                "stops along the route)."
            )
        if source.fields().lookupField(value) < 0:
            raise QgsProcessingException(f"{name}: the field '{value}' does not exist in the stops layer.")
    from ...models.crotad.graph import context_edges, usable_stops

    xy, values, n_empty = read_points(source, to_wgs84_transform(source, context), (route_f, seq_f))
    route, seq = [attribute_key(v) for v in values[route_f]], values[seq_f]
    ok = usable_stops(route, seq)  # context_edges leaves the other stops out
    if n_empty or not ok.all():
        feedback.pushWarning(
            f"STOPS: {n_empty + int((~ok).sum())} stop(s) without geometry, route or sequence were skipped."
        )
    if not ok.any():
        feedback.pushWarning("STOPS: no usable stop; ignored.")
        return None
    edges = context_edges(route, seq, xy[:, 0], xy[:, 1], res)
    feedback.pushInfo(
        f"Stops: {int(ok.sum())} stop(s) on {len({r for r, k in zip(route, ok) if k})} route(s), "
        f"{len(edges)} edge(s) between H3 cells."
    )
    return edges


# ---------------------------------------------------------------------------------------------- outputs
def style_segments(layer):
    """Anomalous segments red dashed, normal ones blue thin; marks the layer for the Flagged segments dock."""
    styles.anomaly_labels(layer, "label")
    layer.setCustomProperty(SEGMENTS_PROPERTY, "1")


def style_points(layer):
    """Categorized on label; points of skipped trajectories (no label) small and grey."""
    styles.anomaly_labels(layer, "label", translate("DeepTraj", "not labelled (OD unknown to the model)"))


def write_segments(alg, parameters, context, trajs, od, runs, truth):
    """OUTPUT_SEGMENTS: one line per label run (:class:`models.crotad.evaluation.LabelRuns`) with the fields of
    :data:`.layers.SEGMENT_FIELDS`; returns the destination id."""
    kinds = dict(SEGMENT_FIELDS)
    kinds["traj_id"] = id_kind(trajs.ids)
    dest = _segments_gpkg(alg, parameters, context, trajs, od, runs, truth, kinds)
    if dest is not None:
        alg.style_output(context, dest, style_segments)
        return dest
    qfields = make_fields([(name, kinds[name]) for name, _ in SEGMENT_FIELDS])
    has_t = trajs.t is not None
    sink, dest = alg.parameterAsSink(
        parameters,
        "OUTPUT_SEGMENTS",
        context,
        qfields,
        QgsWkbTypes.LineStringM if has_t else QgsWkbTypes.LineString,
        QgsCoordinateReferenceSystem(trajs.crs),
    )
    if sink is None:
        raise QgsProcessingException(alg.invalidSinkError(parameters, "OUTPUT_SEGMENTS"))
    type_first = trajs.first_values("anomaly_type") if truth is not None else None
    line_end = runs.line_end(trajs.offsets)
    feats = []
    for i, a, b, g1, label, votes in zip(
        runs.traj.tolist(),
        runs.start.tolist(),
        runs.end.tolist(),
        line_end.tolist(),
        runs.label.tolist(),
        runs.mean_votes.tolist(),
    ):
        f = QgsFeature(qfields)
        f.setGeometry(line_geometry(trajs.x[a:g1], trajs.y[a:g1], trajs.t[a:g1] if has_t else None))
        f.setAttributes(
            [
                py_value(trajs.ids[i]) if kinds["traj_id"] == "int" else str(trajs.ids[i]),
                od[i],
                epoch_to_qdatetime(trajs.t[a]) if has_t else None,
                epoch_to_qdatetime(trajs.t[b - 1]) if has_t else None,
                b - a,
                label,
                round(votes, 4),
                attribute_key(type_first[i]) if type_first is not None else None,
                None,
            ]
        )
        feats.append(f)
        if len(feats) >= 5000:  # bounded memory on large inputs
            sink.addFeatures(feats, QgsFeatureSink.FastInsert)
            feats = []
    sink.addFeatures(feats, QgsFeatureSink.FastInsert)
    del sink
    alg.style_output(context, dest, style_segments)
    return dest


def _point_fields(trajs, truth, qgis: bool = True):
    spec = [
        ("traj_id", id_kind(trajs.ids)),
        ("seq", "int"),
        ("time", "datetime"),
        ("od", "string"),
        ("cell", "string"),
        ("votes", "int"),
        ("label", "int"),
    ]
    if truth is not None:
        spec += [("is_anomaly", "int"), ("anomaly_type", "string")]
    return make_fields(spec) if qgis else spec


def write_points(alg, parameters, context, trajs, cs, od, point_votes, point_labels, truth):
    """OUTPUT_POINTS (optional): every input point with its cell, votes and label (and the ground truth when the
    input has it); returns the destination id, None when not written."""
    from ...models.core.h3grid import to_str

    dest = _points_gpkg(alg, parameters, context, trajs, cs, od, point_votes, point_labels, truth)
    if dest is not None:
        alg.style_output(context, dest, style_points)
        return dest
    qfields = _point_fields(trajs, truth)
    sink, dest = alg.parameterAsSink(
        parameters, "OUTPUT_POINTS", context, qfields, QgsWkbTypes.Point, QgsCoordinateReferenceSystem(trajs.crs)
    )
    if sink is None:
        return None
    cell_str = to_str(cs.point_cells)
    has_t = trajs.t is not None
    xs, ys = trajs.x.tolist(), trajs.y.tolist()
    ts = trajs.t.tolist() if has_t else None
    v_list, l_list = point_votes.tolist(), point_labels.tolist()
    int_ids = id_kind(trajs.ids) == "int"
    for i in range(len(trajs)):
        s, e = int(trajs.offsets[i]), int(trajs.offsets[i + 1])
        tid = py_value(trajs.ids[i]) if int_ids else str(trajs.ids[i])
        feats = []
        for q, p in enumerate(range(s, e)):
            f = QgsFeature(qfields)
            f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(xs[p], ys[p])))
            row = [
                tid,
                q,
                epoch_to_qdatetime(ts[p]) if has_t else None,
                od[i],
                cell_str[p],
                v_list[p] if v_list[p] >= 0 else None,
                l_list[p] if l_list[p] >= 0 else None,
            ]
            if truth is not None:
                row += [int(truth[0][p]), attribute_key(truth[1][p])]
            f.setAttributes(row)
            feats.append(f)
        sink.addFeatures(feats, QgsFeatureSink.FastInsert)
    del sink
    alg.style_output(context, dest, style_points)
    return dest


# ---------------------------------------------------------------------------------------------- GeoPackage outputs
#: points or lines per call of the bulk GeoPackage writer (bounds the memory of its blobs)
_CHUNK = 200_000


def _null_if_negative(a):
    """float copy of an int array with NaN (written as NULL) where it is negative (points not labelled)."""
    out = np.asarray(a, np.float64).copy()
    out[out < 0] = np.nan
    return out


def _segments_gpkg(alg, parameters, context, trajs, od, runs, truth, kinds):
    """OUTPUT_SEGMENTS written in bulk when its destination is a GeoPackage (the same features as the sink path:
    a one-point run is its point twice, M = epoch seconds with times); None for any other destination."""
    from ..gpkg_writer import open_layer_writer

    has_t = trajs.t is not None
    fields = [(name, kinds[name]) for name, _ in SEGMENT_FIELDS]
    crs = QgsCoordinateReferenceSystem(trajs.crs)
    w = open_layer_writer(
        alg,
        parameters,
        "OUTPUT_SEGMENTS",
        context,
        alg.plan().feedback,
        fields,
        "LineStringM" if has_t else "LineString",
        crs,
    )
    if w is None:
        return None
    start, stop = runs.start.astype(np.int64), runs.line_end(trajs.offsets).astype(np.int64)
    n_vert = np.maximum(stop - start, 2)  # a one-point run: its point twice
    off = np.zeros(len(runs) + 1, np.int64)
    np.cumsum(n_vert, out=off[1:])
    ids = np.asarray(trajs.ids)
    od_arr = np.array(od, dtype=object)
    types = None
    if truth is not None:
        types = np.array([attribute_key(v) for v in trajs.first_values("anomaly_type")], dtype=object)
    for s in range(0, max(len(runs), 1), _CHUNK):
        e = min(s + _CHUNK, len(runs))
        o = off[s : e + 1] - off[s]
        # vertex k of line i is point start[i] + min(k, points of the run's line - 1)
        line = np.repeat(np.arange(s, e), n_vert[s:e])
        k = np.arange(o[-1]) - np.repeat(o[:-1], n_vert[s:e])
        pts = start[line] + np.minimum(k, stop[line] - start[line] - 1)
        tr = runs.traj[s:e]
        cols = {
            "traj_id": ids[tr] if kinds["traj_id"] == "int" else ids[tr].astype(str).astype(object),
            "od": od_arr[tr],
            "n_points": runs.end[s:e] - runs.start[s:e],
            "label": runs.label[s:e],
            "mean_votes": np.round(runs.mean_votes[s:e].astype(np.float64), 4),
        }
        if has_t:
            cols["start_time"] = trajs.t[runs.start[s:e]]
            cols["end_time"] = trajs.t[runs.end[s:e] - 1]
        if types is not None:
            cols["anomaly_type"] = types[tr]
        m = trajs.t[pts].astype(np.float64) if has_t else None
        w.add_lines(o, trajs.x[pts], trajs.y[pts], m, cols)
    return w.finish()


def _points_gpkg(alg, parameters, context, trajs, cs, od, point_votes, point_labels, truth):
    """OUTPUT_POINTS written in bulk when its destination is a GeoPackage (the fields of the sink path); None for any
    other destination or when the optional output is not wanted."""
    from ...models.core.h3grid import to_str
    from ..gpkg_writer import open_layer_writer

    crs = QgsCoordinateReferenceSystem(trajs.crs)
    fields = _point_fields(trajs, truth, False)
    w = open_layer_writer(alg, parameters, "OUTPUT_POINTS", context, alg.plan().feedback, fields, "Point", crs)
    if w is None:
        return None
    lengths = np.diff(np.asarray(trajs.offsets, np.int64))
    row = np.repeat(np.arange(len(trajs)), lengths)
    seq = np.arange(row.size) - np.repeat(np.asarray(trajs.offsets[:-1], np.int64), lengths)
    ids = np.asarray(trajs.ids)
    od_arr = np.array(od, dtype=object)
    uniq, inv = np.unique(np.asarray(cs.point_cells, np.uint64), return_inverse=True)
    cell_str = np.array(to_str(uniq), dtype=object)
    for s in range(0, max(row.size, 1), _CHUNK):
        e = min(s + _CHUNK, row.size)
        r = row[s:e]
        cols = {
            "traj_id": ids[r] if id_kind(ids) == "int" else ids[r].astype(str).astype(object),
            "seq": seq[s:e],
            "od": od_arr[r],
            "cell": cell_str[inv[s:e]],
            "votes": _null_if_negative(point_votes[s:e]),
            "label": _null_if_negative(point_labels[s:e]),
        }
        if trajs.t is not None:
            cols["time"] = trajs.t[s:e]
        if truth is not None:
            cols["is_anomaly"] = np.asarray(truth[0][s:e], np.int64)
            cols["anomaly_type"] = np.array([attribute_key(v) for v in truth[1][s:e]], dtype=object)
        w.add_points(trajs.x[s:e], trajs.y[s:e], cols)
    return w.finish()
