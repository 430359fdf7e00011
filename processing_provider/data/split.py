"""deeptraj:splittrajectories - split vehicles' GPS fixes into trips at gaps, stay points and value changes.

Reads the point layer column-wise (``layer_io.read_point_columns``: GDAL's Arrow stream for plain file layers),
calls the engine (``models/core/segmentation.py``) and writes the trip points, trip lines and stops: in bulk for a
GeoPackage destination (``gpkg_writer``), feature by feature otherwise.
"""

from __future__ import annotations

import numpy as np
from qgis.core import (
    QgsFeature,
    QgsFeatureSink,
    QgsGeometry,
    QgsPoint,
    QgsProcessingException,
    QgsUnitTypes,
    QgsWkbTypes,
)

from ...models.core.memory import free_memory
from ..base import DeepTrajAlgorithm
from ..specs.segmentation import SPLIT_TRAJECTORIES

_ENGINE = "core.segmentation:SplitParams"
#: features per bulk call to the GeoPackage writer (the bar moves between calls)
_CHUNK = 1_000_000
#: fixes the reader skips before the engine (layer_io / layer_checks), reported with the engine's counts
_READ_COUNTS = ("N_NULL_GEOMETRIES", "N_SKIPPED_NULL_IDS", "N_OUTSIDE_CRS_RANGE", "N_FAR_OUTLIERS")
_WKB = {"Point": QgsWkbTypes.Point, "LineStringM": QgsWkbTypes.LineStringM}


def _text_column(values) -> np.ndarray:
    """An object array of str (bytes decoded, None kept), decoding each distinct value once."""
    import pandas as pd

    values = np.asarray(values)
    if values.dtype.kind == "U":
        return values.astype(object)
    codes, uniques = pd.factorize(values, sort=False, use_na_sentinel=False)
    labels = np.empty(len(uniques), dtype=object)
    labels[:] = [
        v.decode("utf-8", "replace") if isinstance(v, bytes) else (None if v is None else str(v)) for v in uniques
    ]
    return labels[codes]


def _column_kind(values) -> str:
    k = np.asarray(values).dtype.kind
    return {"i": "int", "u": "int", "f": "double", "b": "bool"}.get(k, "string")


def _feature_value(v, kind):
    from ..layer_io import epoch_to_qdatetime, py_value

    if kind == "datetime":
        return epoch_to_qdatetime(v)
    return py_value(v)


def read_point_columns(
    source, id_field, time_field, feedback, layer=None, parameter_value=None, extra_fields=(), progress=None
):
    """The checked columns of a point layer (ids, x, y, t, fids, attrs), not grouped into trajectories: the engine
    sorts and cleans the fixes itself, ``layer_io.read_trajectories`` would sort and copy them once more. NULL ids
    and points outside the lon/lat range are skipped and counted (``layer_checks``), unreadable times are left as
    NAT. Returns (columns dict, {report key: count})."""
    from ..layer_checks import check_columns
    from ..layer_io import _read_points_arrow, _read_points_features

    names = ("INPUT", "TRAJ_ID_FIELD", "TIME_FIELD")
    fields = source.fields()
    for pname, f in ((names[1], id_field), (names[2], time_field), *[("field", e) for e in extra_fields]):
        if f and fields.lookupField(f) < 0:
            raise QgsProcessingException(
                f"{pname}: the field '{f}' does not exist in the input layer. Available fields: "
                + ", ".join(fields.names())
            )
    if source.featureCount() == 0:
        raise QgsProcessingException("INPUT: the layer is empty (no features); choose a layer with GPS fixes.")
    if QgsWkbTypes.geometryType(source.wkbType()) != QgsWkbTypes.PointGeometry:
        raise QgsProcessingException("INPUT: choose a point layer (one feature per GPS fix).")
    cols = _read_points_arrow(source, id_field, time_field, layer, parameter_value, extra_fields, feedback, progress)
    if cols is None:
        cols = _read_points_features(source, id_field, time_field, feedback, extra_fields, "INPUT", progress)
    if feedback is not None and feedback.isCanceled():
        raise QgsProcessingException("Cancelled by the user: no output was written.")
    if progress is not None:
        progress(100.0)
    if cols["x"].size == 0:
        raise QgsProcessingException("INPUT: no feature has a usable geometry (all are null or empty).")
    cols, counts = check_columns(cols, source.sourceCrs(), feedback, names, id_field)
    counts["N_NULL_GEOMETRIES"] = cols["n_null_geom"]
    return cols, counts


class SplitTrajectoriesAlgorithm(DeepTrajAlgorithm):
    SPEC = SPLIT_TRAJECTORIES
    REQUIRES = ("numpy", "pandas")
    PROGRESS = (35.0, 60.0)

    # ------------------------------------------------------------------------------------------------ reading
    def _read(self, parameters, context, feedback):
        source = self.parameterAsSource(parameters, "INPUT", context)
        if source is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, "INPUT"))
        id_field = self.value(parameters, "TRAJ_ID_FIELD", context)
        time_field = self.value(parameters, "TIME_FIELD", context)
        value_field = self.value(parameters, "VALUE_FIELD", context)
        if not time_field:
            raise QgsProcessingException("TIME_FIELD: choose the field holding the time of each fix.")
        self.plan(feedback).text("Reading the fixes")
        cols, counts = read_point_columns(
            source,
            id_field,
            time_field,
            feedback,
            layer=self.parameterAsVectorLayer(parameters, "INPUT", context),
            parameter_value=parameters.get("INPUT"),
            extra_fields=(value_field,) if value_field else (),
            progress=self.plan(feedback).reading(),
        )
        if counts["N_NULL_GEOMETRIES"]:
            feedback.pushWarning(f"{counts['N_NULL_GEOMETRIES']} feature(s) with a null or empty geometry were skipped")
        return source, cols, counts, value_field

    @staticmethod
    def _engine_xy(cols, crs):
        """(x, y, geographic) in the units the engine measures: lon/lat degrees or projected metres (other
        projected units are taken to WGS 84)."""
        if crs.isValid() and crs.isGeographic():
            return cols["x"], cols["y"], True
        if not crs.isValid() or crs.mapUnits() == QgsUnitTypes.DistanceMeters:
            return cols["x"], cols["y"], False
        from ...models.core.crs import transform_xy

        x, y = transform_xy(cols["x"], cols["y"], crs.authid() or crs.toWkt(), "EPSG:4326")
        return x, y, True

    # ------------------------------------------------------------------------------------------------ process
    def process(self, parameters, context, feedback):
        from ...models.core.segmentation import SplitParams, split_trajectories

        params = SplitParams(**self.engine_values(parameters, context, _ENGINE))
        source, cols, read_counts, value_field = self._read(parameters, context, feedback)
        crs = source.sourceCrs()
        ex, ey, geographic = self._engine_xy(cols, crs)
        same_xy = ex is cols["x"]
        values = cols["attrs"].get(value_field) if value_field else None
        self.plan(feedback).text("Splitting into trips")
        progress, cancel = self.callbacks(feedback)
        res = split_trajectories(
            cols["ids"], ex, ey, cols["t"], values, geographic=geographic, params=params,
            progress=progress, cancel=cancel,
        )  # fmt: skip
        del ex, ey, values
        # only the ids, feature ids and (when the engine worked in other units) coordinates are read again
        cols.pop("t", None)
        cols.pop("attrs", None)
        if same_xy:
            cols.pop("x")
            cols.pop("y")
        free_memory()  # the engine's sort and segment arrays: back to the system before the outputs are built
        for m in res.counts.messages():
            feedback.pushWarning(m)
        c = res.counts
        if c.n_trips == 0:
            feedback.pushWarning(
                "No trip is left: check MAX_GAP, the stop parameters and the minimum trip size (MIN_TRIP_POINTS, "
                "MIN_TRIP_DURATION, MIN_LENGTH)."
            )
        feedback.pushInfo(
            f"{c.n_vehicles} vehicle(s): {c.n_trips} trip(s) with {c.n_trip_fixes} fixes, {c.n_stops} stop(s); "
            f"splits: {c.n_gap_splits} gap(s), {c.n_stop_splits} stop(s), {c.n_value_splits} value change(s)."
        )
        self.plan(feedback).text("Writing the trips")
        results = self._write_all(parameters, context, feedback, res, cols, crs, value_field, geographic)
        results.update(c.as_dict())
        skipped = {k: int(read_counts.get(k, 0)) for k in _READ_COUNTS}
        results.update(skipped)
        results["N_INPUT_FIXES"] = c.n_input_fixes + sum(skipped.values())
        return results

    # ------------------------------------------------------------------------------------------------ writing
    def _write_all(self, parameters, context, feedback, res, cols, crs, value_field, geographic):
        trips, rows = res.trips, res.trips.fids
        # the input's own coordinates
        x, y = (trips.x, trips.y) if "x" not in cols else (cols["x"][rows], cols["y"][rows])
        ids = cols["ids"]
        vkind = "int" if ids.dtype.kind in "iu" else "string"
        veh_trips = res.vehicle if vkind == "int" else _text_column(res.vehicle)  # one label per trip
        veh = np.repeat(veh_trips, trips.lengths)  # (not ids[rows]: factorising 10 M id objects costs 0.3 GB)
        fields = [("trip_id", "string"), ("vehicle_id", vkind), ("time", "datetime")]
        columns = {"trip_id": res.point_trip_ids(), "vehicle_id": veh, "time": trips.t}
        if value_field:
            vname = (
                value_field
                if value_field.lower() not in ("trip_id", "vehicle_id", "time", "src_fid", "fid")
                else f"src_{value_field}"
            )
            vals = trips.attrs["value"]
            kind = _column_kind(vals)
            fields.append((vname, kind))
            columns[vname] = _text_column(vals) if kind == "string" else vals
        fields.append(("src_fid", "int"))
        columns["src_fid"] = cols["fids"][rows]
        writing = self.plan(feedback).writing
        results = {"OUTPUT": self._write(parameters, "OUTPUT", context, fields, "Point", crs, (x, y), columns,
                                         writing(0, 75))}  # fmt: skip
        del columns, veh
        o = trips.offsets
        t0, t1 = trips.t[o[:-1]], trips.t[o[1:] - 1]
        line_cols = {
            "trip_id": trips.ids,
            "vehicle_id": veh_trips,
            "n_points": trips.lengths,
            "start_time": t0,
            "end_time": t1,
            "duration_s": t1 - t0,
            "length_m": np.round(res.length, 1),
        }
        line_fields = [
            (k, v) for k, v in zip(line_cols, ("string", vkind, "int", "datetime", "datetime", "int", "double"))
        ]
        dest = self._write(parameters, "OUTPUT_LINES", context, line_fields, "LineStringM", crs,
                           (o, x, y, trips.t.astype(np.float64)), line_cols, writing(75, 95))  # fmt: skip
        if dest is not None:
            results["OUTPUT_LINES"] = dest
        s = res.stops
        sx, sy = s.x, s.y
        if geographic and crs.isValid() and not crs.isGeographic():
            from ...models.core.crs import transform_xy

            sx, sy = transform_xy(sx, sy, "EPSG:4326", crs.authid() or crs.toWkt())
        stop_cols = {
            "stop_id": s.ids,
            "vehicle_id": s.vehicle if vkind == "int" else _text_column(s.vehicle),
            "start_time": s.start,
            "end_time": s.end,
            "duration_s": s.duration,
            "n_points": s.n_points,
        }
        stop_fields = [(k, v) for k, v in zip(stop_cols, ("string", vkind, "datetime", "datetime", "int", "int"))]
        dest = self._write(parameters, "OUTPUT_STOPS", context, stop_fields, "Point", crs, (sx, sy), stop_cols,
                           writing(95, 100))  # fmt: skip
        if dest is not None:
            results["OUTPUT_STOPS"] = dest
        return results

    def _write(self, parameters, name, context, fields, geometry, crs, geom, columns, progress):
        """Write one output: in bulk to a GeoPackage, else feature by feature to the sink; None when an optional
        output is not wanted. ``geom``: (x, y) for points, (offsets, x, y, m) for lines."""
        from ..gpkg_writer import open_layer_writer

        feedback = self.plan().feedback
        w = open_layer_writer(self, parameters, name, context, feedback, fields=fields, geometry=geometry, crs=crs)
        n = len(next(iter(columns.values())))
        if w is not None:
            for s in range(0, max(n, 1), _CHUNK):
                e = min(s + _CHUNK, n)
                part = {k: v[s:e] for k, v in columns.items()}
                if geometry == "Point":
                    w.add_points(geom[0][s:e], geom[1][s:e], part)
                else:
                    o = geom[0][s : e + 1]
                    a, b = int(o[0]), int(o[-1])
                    w.add_lines(o - a, geom[1][a:b], geom[2][a:b], geom[3][a:b], part)
                progress(100.0 * e / max(n, 1))
            return w.finish()
        from ..layer_io import make_fields

        qfields = make_fields(fields)
        sink, dest = self.parameterAsSink(parameters, name, context, qfields, _WKB[geometry], crs)
        if sink is None:
            if name == "OUTPUT":
                raise QgsProcessingException(self.invalidSinkError(parameters, name))
            return None
        self._add_features(sink, qfields, fields, geometry, geom, columns, n, progress)
        return dest

    @staticmethod
    def _add_features(sink, qfields, fields, geometry, geom, columns, n, progress):
        from ..layer_io import line_geometry

        cols = [(columns[f].tolist() if hasattr(columns[f], "tolist") else list(columns[f]), k) for f, k in fields]
        for i in range(n):
            if i % 5000 == 0:
                progress(100.0 * i / max(n, 1))
            f = QgsFeature(qfields)
            if geometry == "Point":
                f.setGeometry(QgsGeometry(QgsPoint(float(geom[0][i]), float(geom[1][i]))))
            else:
                a, b = int(geom[0][i]), int(geom[0][i + 1])
                f.setGeometry(line_geometry(geom[1][a:b], geom[2][a:b], geom[3][a:b]))
            f.setAttributes([_feature_value(col[i], k) for col, k in cols])
            sink.addFeature(f, QgsFeatureSink.FastInsert)
        progress(100.0)
