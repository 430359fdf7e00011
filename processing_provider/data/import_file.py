"""deeptraj:importtrajectories - import trajectory files (generic point CSV, Porto taxi CSV, GeoLife .plt tree,
LYMob grid CSV).

The file (plain, .gz or .xz) is streamed: the engine readers (models.core.readers) yield chunks of numpy columns,
each chunk is written to OUTPUT (in bulk through processing_provider/gpkg_writer.py when the destination is a
GeoPackage, else feature by feature in batches), and only per-trajectory aggregates are kept (plus the point arrays,
28 bytes per point, when OUTPUT_LINES is requested).
"""

from __future__ import annotations

import gc
import os
import re
import sys
import traceback

import numpy as np
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsFeatureSink,
    QgsGeometry,
    QgsPoint,
    QgsProcessingException,
    QgsProcessingOutputLayerDefinition,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QDateTime, Qt

from ..base import DeepTrajAlgorithm
from ..gpkg_writer import open_layer_writer
from ..outputs import layer_files
from ..specs.data import IMPORT_TRAJECTORIES

_BATCH = 20_000
_FORMATS = ("generic", "porto", "geolife", "lymob")
_ROLE_PARAM = {
    "file": "FILE",
    "format": "FORMAT",
    "x": "X_FIELD",
    "y": "Y_FIELD",
    "id": "ID_FIELD",
    "time": "TIME_FIELD",
    "start_date": "START_DATE",
    "cell_size": "CELL_SIZE",
}


def _new_files(dest):
    """The files a sink on ``dest`` would create (none when it is a temporary layer or the file exists)."""
    path = dest or ""
    m = re.match(r"^ogr:dbname='([^']*)'", path)
    if m:
        path = m.group(1)
    if not path or path == "TEMPORARY_OUTPUT" or ":" in path.split("/")[0] or os.path.exists(path):
        return []
    return layer_files(path)


def _remove(paths):
    gc.collect()  # the sink wrapper must be gone before its file can go
    for p in paths:
        try:
            if os.path.isfile(p):
                os.remove(p)
        except OSError:
            pass


def _output_names(names):
    """Source column names safe beside traj_id/time (and the GeoPackage fid): clashes get a src_ prefix."""
    taken = {"traj_id", "time", "fid"}
    out = []
    for n in names:
        new = n if n.lower() not in taken else f"src_{n}"
        while new.lower() in taken:
            new = "src_" + new
        taken.add(new.lower())
        out.append(new)
    return out


class ImportTrajectoriesAlgorithm(DeepTrajAlgorithm):
    SPEC = IMPORT_TRAJECTORIES
    REQUIRES = ("numpy", "pandas")

    # ------------------------------------------------------------------------------------------------ reading
    def _reader(self, parameters, context, fmt):
        from ...models.core.readers.generic import read_generic_csv
        from ...models.core.readers.geolife import read_geolife_plt
        from ...models.core.readers.lymob import read_lymob_csv
        from ...models.core.readers.porto import read_porto_csv

        path = self.parameterAsFile(parameters, "FILE", context)
        if fmt == "generic":
            return read_generic_csv(
                path,
                self.parameterAsString(parameters, "X_FIELD", context).strip() or None,
                self.parameterAsString(parameters, "Y_FIELD", context).strip() or None,
                self.parameterAsString(parameters, "ID_FIELD", context).strip() or None,
                self.parameterAsString(parameters, "TIME_FIELD", context).strip() or None,
                self.parameterAsString(parameters, "DELIMITER", context) or ",",
            )
        if fmt == "porto":
            return read_porto_csv(path)
        if fmt == "geolife":
            return read_geolife_plt(path)
        start = self.parameterAsDateTime(parameters, "START_DATE", context)
        if start is None or not start.isValid():
            raise QgsProcessingException("START_DATE: not a valid date-time; use e.g. 2024-01-01.")
        start_s = QDateTime(start.date(), start.time(), Qt.UTC).toSecsSinceEpoch()
        return read_lymob_csv(
            path,
            self.value(parameters, "ORIGIN_X", context),
            self.value(parameters, "ORIGIN_Y", context),
            self.value(parameters, "CELL_SIZE", context),
            start_s,
        )

    def _crs(self, parameters, context, fmt, feedback):
        from ...models.core.crs import is_geographic

        crs = self.crs_parameter(parameters, "CRS", context, self.SPEC.param("CRS").default)
        if fmt in ("porto", "geolife"):
            if crs.isValid() and crs.authid() != "EPSG:4326":
                feedback.pushWarning(f"CRS {crs.authid()} is ignored: this format is always WGS 84 (EPSG:4326).")
            return QgsCoordinateReferenceSystem("EPSG:4326")
        if not crs.isValid():
            raise QgsProcessingException("CRS: choose the CRS of the coordinates in the file.")
        if fmt == "lymob":
            geographic = crs.isGeographic()
            try:
                geographic = is_geographic(crs.authid() or crs.toWkt())
            except Exception:  # noqa: BLE001 - a CRS pyproj does not know: trust QGIS
                pass
            if geographic:
                raise QgsProcessingException(
                    f"CRS: {crs.authid()} is geographic (degrees) but a LYMob grid has square cells of CELL_SIZE "
                    "metres; choose the projected CRS the grid origin is given in (e.g. a UTM zone or EPSG:3857)."
                )
        return crs

    # ------------------------------------------------------------------------------------------------ run
    def process(self, parameters, context, feedback):
        from ...models.core.readers.common import FormatError

        fmt = _FORMATS[self.value(parameters, "FORMAT", context)]
        crs = self._crs(parameters, context, fmt, feedback)
        try:
            return self._import(parameters, context, feedback, fmt, crs)
        except FormatError as e:
            raise QgsProcessingException(f"{_ROLE_PARAM.get(e.role, 'FILE')}: {e}")

    def _import(self, parameters, context, feedback, fmt, crs):
        from ...models.core.readers.tally import ImportTally
        from ..layer_io import make_fields

        reader = self._reader(parameters, context, fmt)
        schema = reader.schema  # reads the first chunk: format errors come before any output exists
        if not reader.has_points():  # before the sink: an existing OUTPUT is not replaced by an empty layer
            self._no_point(reader.stats)
        names = _output_names([n for n, _ in schema])
        spec = [("traj_id", reader.id_kind), ("time", "datetime")] + [(o, k) for o, (_, k) in zip(names, schema)]
        want_lines = parameters.get("OUTPUT_LINES") not in (None, "")
        tally = ImportTally(keep_points=want_lines, id_kind=reader.id_kind)
        created = []  # files this run creates: removed again when it fails or is cancelled
        try:
            writer = open_layer_writer(self, parameters, "OUTPUT", context, feedback, spec, "Point", crs)
            self.plan(feedback).text(self.tr("Reading the file and writing the points"))
            progress = self.plan(feedback).span(0.0, 90.0 if want_lines else 100.0)
            if writer is not None:  # a GeoPackage: written in bulk
                self._write_points_bulk(writer, reader, dict(zip(names, (c for c, _ in schema))), tally, progress)
                dest = writer.finish()
            else:
                sink, dest = self._sink(
                    parameters, "OUTPUT", context, make_fields(spec), QgsWkbTypes.Point, crs, created
                )
                self._write_points(sink, reader, schema, tally, feedback, progress)
            sink = None  # closes the file
            stats = reader.stats
            if stats.n_points == 0:
                self._no_point(stats)
            results = {"OUTPUT": dest}
            if want_lines:
                results.update(self._lines(parameters, context, feedback, tally, crs, reader.id_kind, created))
        except BaseException:
            sink = None
            traceback.clear_frames(sys.exc_info()[2])  # frames of the traceback hold the sinks
            _remove(created)
            raise
        for m in stats.messages():
            feedback.pushWarning(m)
        results.update({o.name: 0 for o in self.SPEC.outputs if o.name not in results})
        results.update(stats.as_dict())
        results["N_TRAJECTORIES"] = tally.n_trajectories
        results["N_UNSORTED_TRAJECTORIES"] = tally.n_unsorted
        if tally.n_unsorted:
            feedback.pushInfo(
                f"{tally.n_unsorted} trajectory(ies) are not in time order in the file (points are "
                "written in file order; the lines are sorted by time)."
            )
        feedback.pushInfo(
            f"Imported {stats.n_points} points of {tally.n_trajectories} trajectories from {stats.n_rows} row(s)."
        )
        return results

    @staticmethod
    def _no_point(stats):
        raise QgsProcessingException(
            f"FILE: no point could be read ({stats.n_rows} data row(s); "
            f"{'; '.join(stats.messages()) or 'the file has no data rows'})."
        )

    def _sink(self, parameters, name, context, fields, wkb, crs, created):
        # the destination as given, read without parameterAsOutputLayer: that call would also register the raw
        # destination string as a layer to load, which fails for "ogr:dbname=..." destinations
        value = parameters.get(name)
        if isinstance(value, QgsProcessingOutputLayerDefinition):
            value = value.sink.valueAsString(context.expressionContext())[0]
        created.extend(_new_files(value if isinstance(value, str) else ""))
        sink, dest = self.parameterAsSink(parameters, name, context, fields, wkb, crs)
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, name))
        return sink, dest

    @staticmethod
    def _write_points_bulk(writer, reader, sources, tally, progress):
        """Stream the chunks into the GeoPackage writer (``sources``: output name -> reader column); the writer checks
        the cancel between batches."""
        for chunk in reader:
            tally.add(chunk)
            columns = {"traj_id": chunk.ids, "time": chunk.t}
            columns.update({out: chunk.columns[src] for out, src in sources.items()})
            writer.add_points(chunk.x, chunk.y, columns)
            progress(100.0 * reader.fraction())

    @staticmethod
    def _write_points(sink, reader, schema, tally, feedback, progress):
        """Stream the chunks into the sink, one transient QgsFeature per point, added in batches; ``progress`` (0..100)
        follows the share of the file read."""
        from ...models.core.progress import check
        from ...models.core.readers.columns import column_values

        cancel = feedback.isCanceled
        utc = Qt.UTC
        from_secs = QDateTime.fromSecsSinceEpoch
        nat = -(2**63)
        fast = QgsFeatureSink.FastInsert

        def flush(batch):
            if batch and not sink.addFeatures(batch, fast):
                raise QgsProcessingException(f"OUTPUT: could not write features ({sink.lastError()})")
            check(cancel)

        for chunk in reader:
            check(cancel)
            tally.add(chunk)
            n = len(chunk)
            cols = [column_values(chunk.columns[c], k) for c, k in schema]
            times = chunk.t.tolist() if chunk.t is not None else [nat] * n
            rows = zip(
                chunk.x.tolist(),
                chunk.y.tolist(),
                column_values(chunk.ids, reader.id_kind),
                times,
                *(cols or [[()] * n]),
            )
            batch = []
            for x, y, tid, t, *row in rows:
                f = QgsFeature()
                f.setGeometry(QgsGeometry(QgsPoint(x, y)))
                f.setAttributes(
                    [tid, None if t == nat else from_secs(t, utc), *row]
                    if cols
                    else [tid, None if t == nat else from_secs(t, utc)]
                )
                batch.append(f)
                if len(batch) >= _BATCH:
                    flush(batch)
                    batch = []
            flush(batch)
            progress(100.0 * reader.fraction())

    def _lines(self, parameters, context, feedback, tally, crs, id_kind, created):
        from ...models.core.progress import check

        trajs, rep = tally.trajectories(crs=crs.authid())
        check(feedback.isCanceled)
        for m in rep.messages():
            if "time order" not in m:  # already reported for the points
                feedback.pushWarning("Lines: " + m)
        has_t = trajs.t is not None
        spec = [("traj_id", id_kind), ("n_points", "int"), ("start_time", "datetime"), ("end_time", "datetime")]
        plan = self.plan(feedback)
        plan.text(self.tr("Writing the trajectory lines"))
        geometry = "LineStringM" if has_t else "LineString"
        writer = open_layer_writer(self, parameters, "OUTPUT_LINES", context, feedback, spec, geometry, crs)
        if writer is not None:
            dest = self._write_lines_bulk(writer, trajs, has_t)
            plan.span(95.0, 100.0)(100.0)
        else:
            dest = self._write_lines(parameters, context, feedback, trajs, spec, has_t, crs, created)
        return {
            "OUTPUT_LINES": dest,
            **self._line_counts(trajs, rep),
        }

    @staticmethod
    def _line_counts(trajs, rep):
        return {
            "N_LINES": len(trajs),
            "N_DUPLICATE_TIMES": rep.n_duplicate_times,
            "N_SKIPPED_SHORT_TRAJECTORIES": rep.n_short_trajectories,
        }

    @staticmethod
    def _write_lines_bulk(writer, trajs, has_t):
        """The lines (LineStringM with epoch seconds as M when the points have times) through the GeoPackage writer."""
        off = np.asarray(trajs.offsets, np.int64)
        starts, ends = off[:-1], off[1:] - 1
        t = trajs.t if has_t else None
        columns = {"traj_id": trajs.ids, "n_points": np.diff(off)}
        if has_t:
            columns.update({"start_time": t[starts], "end_time": t[ends]})
        m = None if t is None else t.astype(np.float64)
        writer.add_lines(off, trajs.x, trajs.y, m, columns)
        return writer.finish()

    def _write_lines(self, parameters, context, feedback, trajs, spec, has_t, crs, created):
        """The lines through a QGIS sink (destinations other than a GeoPackage)."""
        from ...models.core.progress import check
        from ..layer_io import epoch_to_qdatetime, make_fields, write_trajectory_lines

        fields = make_fields(spec)
        wkb = QgsWkbTypes.LineStringM if has_t else QgsWkbTypes.LineString
        sink, dest = self._sink(parameters, "OUTPUT_LINES", context, fields, wkb, crs, created)
        lens = trajs.lengths
        rows = []
        for i in range(len(trajs)):
            s, e = trajs.offsets[i], trajs.offsets[i + 1]
            rows.append(
                [
                    trajs.ids[i],
                    int(lens[i]),
                    epoch_to_qdatetime(trajs.t[s]) if has_t else None,
                    epoch_to_qdatetime(trajs.t[e - 1]) if has_t else None,
                ]
            )
        progress = self.plan(feedback).span(95.0, 100.0)
        if not write_trajectory_lines(sink, trajs, fields, rows, feedback, progress=progress):
            check(feedback.isCanceled)
        return dest
