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
from ..layer_io import epoch_to_qdatetime, make_fields, py_value

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


def style_points(layer):
    """Categorized by cluster (noise grey) and animated by step with the temporal controller."""
    styles.categorized(layer, "cluster")
    styles.temporal(layer, "step_start", "step_end")


class _SinkWriter:
    """The ``parameterAsSink`` path (memory layer, shapefile, ...): features built from each chunk's columns."""

    def __init__(self, alg, parameters, name, context, field_specs, wkb, crs=None):
        self.fields = make_fields(field_specs)
        args = (self.fields, wkb) if crs is None else (self.fields, wkb, crs)
        self.sink, self.dest = alg.parameterAsSink(parameters, name, context, *args)
        self.names = [n for n, _ in field_specs]
        self.kinds = dict(field_specs)

    def add(self, columns, x=None, y=None):
        n = len(next(iter(columns.values())))
        cols = [[_qvalue(v, self.kinds[f]) for v in columns[f].tolist()] for f in self.names]
        feats = []
        for k in range(n):
            f = QgsFeature(self.fields)
            if x is not None:
                f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(float(x[k]), float(y[k]))))
            f.setAttributes([c[k] for c in cols])
            feats.append(f)
        self.sink.addFeatures(feats, QgsFeatureSink.FastInsert)

    def finish(self):
        del self.sink  # closing the sink finishes the layer (outputs.CancellableSink silences GDAL's index error)
        return self.dest


class _GpkgWriter:
    """The bulk GeoPackage path (``processing_provider/gpkg_writer.py``)."""

    def __init__(self, writer, points):
        self.w, self.points = writer, points

    def add(self, columns, x=None, y=None):
        if self.points:
            self.w.add_points(x, y, columns)
        else:
            self.w.add_rows(columns)

    def finish(self):
        return self.w.finish()


def _qvalue(v, kind):
    if kind == "datetime":
        return epoch_to_qdatetime(v)
    return py_value(v)


def open_writer(alg, parameters, name, context, feedback, field_specs, crs=None):
    """A writer of the output ``name`` (points in ``crs`` when given, else a table) with ``add(columns, x, y)`` per
    chunk and ``finish()`` -> destination id; None for an optional output left empty. GeoPackage destinations are
    written in bulk, every other one through ``parameterAsSink``."""
    from ..gpkg_writer import open_layer_writer

    qcrs = None if crs is None else QgsCoordinateReferenceSystem(crs)
    geometry = "None" if crs is None else "Point"
    w = open_layer_writer(alg, parameters, name, context, feedback, field_specs, geometry=geometry, crs=qcrs)
    if w is not None:
        return _GpkgWriter(w, crs is not None)
    wkb = QgsWkbTypes.NoGeometry if crs is None else QgsWkbTypes.Point
    sw = _SinkWriter(alg, parameters, name, context, field_specs, wkb, qcrs)
    if sw.sink is None:
        if crs is not None:
            raise QgsProcessingException(alg.invalidSinkError(parameters, name))
        return None
    return sw


def step_starts(stream, steps):
    """Epoch seconds at which the given steps start (as ``stream.step_time``, vectorised)."""
    return (stream.start_time + np.asarray(steps, np.int64) * stream.delta_t).astype(np.int64)


def point_columns(trajs, stream, records, adj_x, adj_y):
    """The OUTPUT attribute columns of a chunk of records (``records`` from ``cluster_stream_chunks``; the adjusted
    location ``adj_x``/``adj_y`` already in the layer CRS)."""
    from ...models.eco.model import ROLE_NAMES

    p = records["rec"]
    obj = np.searchsorted(trajs.offsets, p, side="right") - 1  # the object of each record
    return {
        "obj_id": np.asarray(trajs.ids)[obj],
        "step": records["step"],
        "step_start": step_starts(stream, records["step"]),
        "step_end": step_starts(stream, records["step"] + 1),
        "time": trajs.t[p],
        "orig_x": trajs.x[p],
        "orig_y": trajs.y[p],
        "adj_x": adj_x,
        "adj_y": adj_y,
        "cluster": records["labels"],
        "role": np.asarray(ROLE_NAMES, object)[records["role"]],
        "seed": records["seed"],
        "smoothed": records["smoothed"],
    }


def event_columns(stream, events):
    """The OUTPUT_EVENTS columns of a chunk's events."""
    return {
        "step": events["step"],
        "step_start": step_starts(stream, events["step"]),
        "cluster": events["cluster"],
        "event": events["event"],
        "related": events["related"],
    }


def write_steps(alg, parameters, context, feedback, stream, rows):
    """The optional OUTPUT_STEPS table (one row per step of ``StreamClustering.step_table``); its destination id or
    None when not requested."""
    w = open_writer(alg, parameters, "OUTPUT_STEPS", context, feedback, STEP_FIELDS)
    if w is None:
        return None
    if rows:
        cols = list(zip(*rows))
        columns = {name: np.array(c, dtype=object) for (name, _), c in zip(STEP_FIELDS[2:], cols[1:])}
        columns["step"] = np.array(cols[0], np.int64)
        columns["step_start"] = step_starts(stream, columns["step"])
        for name, kind in STEP_FIELDS[2:]:  # None (no QS / NMI) -> NaN -> NULL
            if kind == "double":
                columns[name] = np.array([np.nan if v is None else v for v in columns[name]], np.float64)
            else:
                columns[name] = columns[name].astype(np.int64)
        w.add(columns)
    return w.finish()
