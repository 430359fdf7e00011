"""The output layers of ECO: clustered points (temporal, categorized by cluster), cluster events and steps."""

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
from ..layer_io import epoch_to_qdatetime, id_kind, make_fields, py_value

POINT_FIELDS = [
    ("step", "int"),
    ("step_start", "datetime"),
    ("step_end", "datetime"),
    ("time", "datetime"),
    ("orig_x", "double"),
    ("orig_y", "double"),
    ("adj_x", "double"),
    ("adj_y", "double"),
    ("cluster", "int"),
    ("role", "string"),
    ("seed", "bool"),
    ("smoothed", "bool"),
]
EVENT_FIELDS = [
    ("step", "int"),
    ("step_start", "datetime"),
    ("cluster", "int"),
    ("event", "string"),
    ("related", "string"),
]
STEP_FIELDS = [
    ("step", "int"),
    ("step_start", "datetime"),
    ("objects", "int"),
    ("clusters", "int"),
    ("qs", "double"),
    ("nmi", "double"),
    ("eps", "double"),
    ("smoothed", "int"),
    ("ms_per_record", "double"),
]
#: features added to the sink at once between progress and cancel checks
BATCH = 5000


def style_points(layer):
    """Categorized by cluster (noise grey) and animated by step with the temporal controller."""
    styles.categorized(layer, "cluster")
    styles.temporal(layer, "step_start", "step_end")


def _step_bounds(stream):
    """{step: (start, end)} as QDateTime: a step ends where the next one starts (no gap, no overlap in the
    temporal controller)."""
    return {
        st: (epoch_to_qdatetime(stream.step_time(st)), epoch_to_qdatetime(stream.step_time(st + 1)))
        for st in np.unique(stream.step).tolist()
    }


def write_points(alg, parameters, context, trajs, stream, result, ox, oy, progress, cancel):
    """The OUTPUT layer: one point per record of the stream at its adjusted location ``ox``/``oy`` (the input
    CRS); returns its destination id."""
    from ...models.core.progress import check
    from ...models.eco.model import ROLE_NAMES

    fields = make_fields([("obj_id", id_kind(trajs.ids))] + POINT_FIELDS)
    in_crs = QgsCoordinateReferenceSystem(trajs.crs)
    sink, out_id = alg.parameterAsSink(parameters, "OUTPUT", context, fields, QgsWkbTypes.Point, in_crs)
    if sink is None:
        raise QgsProcessingException(alg.invalidSinkError(parameters, "OUTPUT"))
    ids, obj = trajs.ids, trajs.point_traj_index
    bounds = _step_bounds(stream)
    total = stream.rec.size
    batch = []
    for k, (p, st) in enumerate(zip(stream.rec.tolist(), stream.step.tolist())):
        f = QgsFeature(fields)
        f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(float(ox[p]), float(oy[p]))))
        f.setAttributes(
            [
                py_value(ids[obj[p]]),
                st,
                *bounds[st],
                epoch_to_qdatetime(trajs.t[p]),
                float(trajs.x[p]),
                float(trajs.y[p]),
                float(ox[p]),
                float(oy[p]),
                int(result.labels[p]),
                ROLE_NAMES[result.role[p]],
                bool(result.seed[p]),
                bool(result.smoothed[p]),
            ]
        )
        batch.append(f)
        if len(batch) >= BATCH:
            sink.addFeatures(batch, QgsFeatureSink.FastInsert)
            batch = []
            check(cancel)
            progress(100.0 * k / total)
    sink.addFeatures(batch, QgsFeatureSink.FastInsert)
    del sink
    alg.style_output(context, out_id, style_points)
    return out_id


def write_table(alg, parameters, name, context, field_specs, stream, rows):
    """The optional table ``name`` with one feature per row (step first, then its start time is inserted);
    returns its destination id, None when not requested."""
    fields = make_fields(field_specs)
    sink, dest = alg.parameterAsSink(parameters, name, context, fields, QgsWkbTypes.NoGeometry)
    if sink is None:
        return None
    for step, *rest in rows:
        f = QgsFeature(fields)
        f.setAttributes([step, epoch_to_qdatetime(stream.step_time(step)), *rest])
        sink.addFeature(f, QgsFeatureSink.FastInsert)
    del sink  # closing the sink finishes the table (outputs.CancellableSink silences GDAL's spatial-index error)
    return dest
