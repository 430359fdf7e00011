"""Processing adapter: import trajectory files (generic point CSV, Porto taxi CSV, GeoLife .plt tree, LYMob grid CSV).

The file is streamed: the engine readers (models.io_formats) yield chunks of numpy columns, each chunk is written
to OUTPUT feature by feature in batches, and only per-trajectory aggregates are kept (plus the point arrays,
28 bytes per point, when OUTPUT_LINES is requested).
"""

from __future__ import annotations

import gc
import os
import re
import sys
import traceback

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsFeatureSink,
    QgsGeometry,
    QgsPoint,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputLayerDefinition,
    QgsProcessingOutputNumber,
    QgsProcessingParameterCrs,
    QgsProcessingParameterDateTime,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFile,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QDate, QDateTime, Qt, QTime

from .base import DeepTrajAlgorithm

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
_COUNTS = (
    "N_POINTS",
    "N_TRAJECTORIES",
    "N_ROWS",
    "N_SKIPPED_NULL_COORDINATES",
    "N_SKIPPED_NULL_IDS",
    "N_NULL_TIMES",
    "N_SKIPPED_EMPTY_POLYLINES",
    "N_SKIPPED_MASKED",
    "N_FILES",
    "N_UNSORTED_TRAJECTORIES",
    "N_LINES",
    "N_DUPLICATE_TIMES",
    "N_SKIPPED_SHORT_TRAJECTORIES",
)


def _new_files(dest):
    """The files a sink on ``dest`` would create (none when it is a temporary layer or the file exists)."""
    path = dest or ""
    m = re.match(r"^ogr:dbname='([^']*)'", path)
    if m:
        path = m.group(1)
    if not path or path == "TEMPORARY_OUTPUT" or ":" in path.split("/")[0] or os.path.exists(path):
        return []
    stem, ext = os.path.splitext(path)
    if ext.lower() == ".shp":
        return [stem + e for e in (".shp", ".shx", ".dbf", ".prj", ".cpg", ".qix", ".qpj")]
    return [path] + [path + e for e in ("-wal", "-shm", "-journal")]


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
    NAME = "importtrajectories"
    GROUP_ID = "data"
    REQUIRES = ("numpy", "pandas")

    FILE = "FILE"
    FORMAT = "FORMAT"
    X_FIELD = "X_FIELD"
    Y_FIELD = "Y_FIELD"
    ID_FIELD = "ID_FIELD"
    TIME_FIELD = "TIME_FIELD"
    DELIMITER = "DELIMITER"
    CRS = "CRS"
    ORIGIN_X = "ORIGIN_X"
    ORIGIN_Y = "ORIGIN_Y"
    CELL_SIZE = "CELL_SIZE"
    START_DATE = "START_DATE"
    OUTPUT = "OUTPUT"
    OUTPUT_LINES = "OUTPUT_LINES"

    def displayName(self):
        return self.tr("Import trajectory file (CSV, Porto, GeoLife, LYMob)")

    def shortHelpString(self):
        return self.tr(
            "<p>Imports a trajectory file as a point layer (one feature per GPS fix, in file order) and, optionally, "
            "one LineStringM per trajectory. The file is read in chunks, so files with millions of points import "
            "with little memory; progress follows the position in the file and Cancel stops between chunks (output "
            "files this run created are then removed).</p>"
            "<p><b>File</b> (FILE): the CSV (.csv or gzip-compressed .csv.gz), or for GeoLife a folder or any .plt "
            "file inside the tree.</p>"
            "<p><b>Format</b> (FORMAT, default generic points CSV):<br>"
            "<i>Generic points CSV</i>: one row per point; uses X/Y/ID/time fields, Delimiter and CRS below; every "
            "column except X and Y is kept.<br>"
            "<i>Porto taxi CSV</i> (ECML/PKDD 2015: TRIP_ID, CALL_TYPE, ORIGIN_CALL, ORIGIN_STAND, TAXI_ID, TIMESTAMP, "
            "DAY_TYPE, MISSING_DATA, POLYLINE): one trajectory per TRIP_ID, point k of POLYLINE [[lon,lat],...] at "
            "TIMESTAMP + 15 s &times; k (column seq = k); trips with an empty POLYLINE are skipped and counted; the "
            "other columns are kept; always WGS 84.<br>"
            "<i>GeoLife .plt folder tree</i> (GeoLife 1.3: &lt;Data&gt;/&lt;user&gt;/Trajectory/*.plt, 6 header lines "
            "then lat,lon,0,altitude in feet,days,date,time): the Data folder, a user folder or any .plt inside "
            "(a .plt file stands for the whole tree); trajectory id = &lt;user&gt;_&lt;file name&gt;; columns "
            "user_id, lat, lon, alt_ft; always WGS 84. The flattened geolife_points.csv.gz is a generic CSV (ID "
            "field <tt>user_id,traj_id</tt>, time field t_utc).<br>"
            "<i>LYMob-4Cities / YJMob100K</i> (uid,d,t,x,y: 1-based cells of a 200&times;200 grid of 500 m, t = "
            "30-minute slot 0..47, d = day index): point at the cell centre ORIGIN + (cell &minus; 0.5) &times; "
            "CELL_SIZE, time = START_DATE + d days + 30 min &times; t; one trajectory per uid; masked records "
            "(x or y = 999, no location) are skipped and counted; columns uid, d, t, x, y and day (date).</p>"
            "<p><b>X field / Y field</b> (X_FIELD, Y_FIELD, generic; default empty = first of lon, longitude, lng, "
            "long, x, easting / lat, latitude, y, northing, case-insensitive). Rows without numeric coordinates are "
            "skipped and counted.</p>"
            "<p><b>Trajectory ID field(s)</b> (ID_FIELD, generic; default empty = first of traj_id, trajectory_id, "
            "track_id, trip_id, tid, vehicle_id, taxi_id, mmsi, user_id, uid, id; none found: the whole file is one "
            "trajectory). Several comma-separated columns (e.g. <tt>user_id,traj_id</tt>) are joined with '_' into "
            "one id. Ids are read as text (leading zeros kept); rows without id are skipped and counted.</p>"
            "<p><b>Time field</b> (TIME_FIELD, generic; default empty = first of time, timestamp, datetime, "
            "date_time, t_utc, t_unix, when, t; none: no time): ISO 8601 / date-time text (UTC when no zone is given) "
            "or epoch seconds/milliseconds. Unreadable times are left empty and counted.</p>"
            "<p><b>Delimiter</b> (DELIMITER, generic, default ','; \\t or tab for tab-separated).</p>"
            "<p><b>CRS</b> (CRS, default EPSG:4326): the CRS of the generic CSV coordinates, or for LYMob the "
            "projected (metric) CRS of the grid; ignored by Porto and GeoLife (WGS 84).</p>"
            "<p><b>Grid origin X / Y</b> (ORIGIN_X, ORIGIN_Y, LYMob, default 0): lower-left corner of the grid in "
            "CRS units. <b>Cell size</b> (CELL_SIZE, LYMob, default 500, the dataset's 500 m cells). "
            "<b>Start date</b> (START_DATE, LYMob, default 2024-01-01 00:00 UTC): the date of day d = 0 (the "
            "dataset hides the real dates).</p>"
            "<p><b>Points</b> (OUTPUT): traj_id, time (date-time, UTC) and the kept columns (a column named traj_id, "
            "time or fid is renamed src_&lt;name&gt;), in file order. <b>Trajectory lines</b> (OUTPUT_LINES, "
            "optional): one LineStringM per trajectory with M = epoch seconds (plain LineString without time) and "
            "traj_id, n_points, start_time, end_time; here the cleaning rules apply: points sorted by time, "
            "repeated times and points without time dropped, trajectories with fewer than 2 points skipped. Lines "
            "keep the points in memory (28 bytes per point, plus sorting arrays: about 0.35 GB for 1.4 million "
            "points); leave them out for huge files.</p>"
            "<p>Results: N_POINTS, N_TRAJECTORIES, N_ROWS, the skip counts, N_UNSORTED_TRAJECTORIES (time goes back "
            "in file order), N_LINES, and from the lines only N_DUPLICATE_TIMES and N_SKIPPED_SHORT_TRAJECTORIES "
            "(0 without OUTPUT_LINES).</p>"
        )

    def initAlgorithm(self, config=None):
        self.addParameter(
            QgsProcessingParameterFile(
                self.FILE,
                self.tr("Trajectory file (or GeoLife folder / .plt file)"),
                QgsProcessingParameterFile.File,  # "(*)" keeps folders (GeoLife) acceptable: 3.22 checks the filter
                fileFilter=self.tr("Trajectory files (*.csv *.gz *.txt *.tsv *.plt);;All files (*)"),
            )
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                self.FORMAT,
                self.tr("Format"),
                [
                    self.tr("Generic points CSV (.csv, .csv.gz)"),
                    self.tr("Porto taxi CSV (ECML/PKDD 2015)"),
                    self.tr("GeoLife .plt folder tree"),
                    self.tr("LYMob-4Cities / YJMob100K grid CSV"),
                ],
                defaultValue=0,
            )
        )
        for name, label in (
            (self.X_FIELD, self.tr("X / longitude field (generic; empty = auto-detect)")),
            (self.Y_FIELD, self.tr("Y / latitude field (generic; empty = auto-detect)")),
            (self.ID_FIELD, self.tr("Trajectory ID field(s), comma-separated (generic; empty = auto-detect)")),
            (self.TIME_FIELD, self.tr("Time field (generic; empty = auto-detect)")),
        ):
            self.addParameter(QgsProcessingParameterString(name, label, defaultValue="", optional=True))
        self.addParameter(
            QgsProcessingParameterString(
                self.DELIMITER, self.tr("Delimiter (generic)"), defaultValue=",", optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterCrs(
                self.CRS,
                self.tr("CRS of the coordinates (generic) or of the grid (LYMob)"),
                defaultValue="EPSG:4326",
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.ORIGIN_X,
                self.tr("Grid origin X, lower-left corner (LYMob)"),
                QgsProcessingParameterNumber.Double,
                0.0,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.ORIGIN_Y,
                self.tr("Grid origin Y, lower-left corner (LYMob)"),
                QgsProcessingParameterNumber.Double,
                0.0,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.CELL_SIZE,
                self.tr("Cell size in CRS units (LYMob)"),
                QgsProcessingParameterNumber.Double,
                500.0,
                minValue=1e-9,
            )
        )
        self.addParameter(
            QgsProcessingParameterDateTime(
                self.START_DATE,
                self.tr("Start date, day d = 0 (LYMob, UTC)"),
                defaultValue=QDateTime(QDate(2024, 1, 1), QTime(0, 0), Qt.UTC),
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(self.OUTPUT, self.tr("Points"), QgsProcessing.TypeVectorPoint)
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT_LINES,
                self.tr("Trajectory lines"),
                QgsProcessing.TypeVectorLine,
                optional=True,
                createByDefault=False,
            )
        )
        for name in _COUNTS:
            self.addOutput(QgsProcessingOutputNumber(name, name.replace("_", " ").capitalize()))

    # ------------------------------------------------------------------------------------------------ reading
    def _reader(self, parameters, context, fmt):
        from ..models.core import io_formats as iof

        path = self.parameterAsFile(parameters, self.FILE, context)
        if fmt == "generic":
            return iof.read_generic_csv(
                path,
                self.parameterAsString(parameters, self.X_FIELD, context).strip() or None,
                self.parameterAsString(parameters, self.Y_FIELD, context).strip() or None,
                self.parameterAsString(parameters, self.ID_FIELD, context).strip() or None,
                self.parameterAsString(parameters, self.TIME_FIELD, context).strip() or None,
                self.parameterAsString(parameters, self.DELIMITER, context) or ",",
            )
        if fmt == "porto":
            return iof.read_porto_csv(path)
        if fmt == "geolife":
            return iof.read_geolife_plt(path)
        start = self.parameterAsDateTime(parameters, self.START_DATE, context)
        if start is None or not start.isValid():
            raise QgsProcessingException("START_DATE: not a valid date-time; use e.g. 2024-01-01.")
        start_s = QDateTime(start.date(), start.time(), Qt.UTC).toSecsSinceEpoch()
        return iof.read_lymob_csv(
            path,
            self.parameterAsDouble(parameters, self.ORIGIN_X, context),
            self.parameterAsDouble(parameters, self.ORIGIN_Y, context),
            self.parameterAsDouble(parameters, self.CELL_SIZE, context),
            start_s,
        )

    def _crs(self, parameters, context, fmt, feedback):
        from ..models.core.crs import is_geographic

        crs = self.crs_parameter(parameters, self.CRS, context, "EPSG:4326")
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
        from ..models.core.io_formats import FormatError

        fmt = _FORMATS[self.parameterAsEnum(parameters, self.FORMAT, context)]
        crs = self._crs(parameters, context, fmt, feedback)
        try:
            return self._import(parameters, context, feedback, fmt, crs)
        except FormatError as e:
            raise QgsProcessingException(f"{_ROLE_PARAM.get(e.role, 'FILE')}: {e}")

    def _import(self, parameters, context, feedback, fmt, crs):
        from ..models.core.io_formats import ImportTally
        from .layer_io import make_fields

        reader = self._reader(parameters, context, fmt)
        schema = reader.schema  # reads the first chunk: format errors come before any output exists
        names = _output_names([n for n, _ in schema])
        fields = make_fields(
            [("traj_id", reader.id_kind), ("time", "datetime")] + [(o, k) for o, (_, k) in zip(names, schema)]
        )
        want_lines = parameters.get(self.OUTPUT_LINES) not in (None, "")
        tally = ImportTally(keep_points=want_lines, id_kind=reader.id_kind)
        created = []  # files this run creates: removed again when it fails or is cancelled
        try:
            sink, dest = self._sink(parameters, self.OUTPUT, context, fields, QgsWkbTypes.Point, crs, created)
            self._write_points(sink, reader, schema, tally, feedback, 90.0 if want_lines else 100.0)
            sink = None  # closes the file
            stats = reader.stats
            if stats.n_points == 0:
                raise QgsProcessingException(
                    f"FILE: no point could be read ({stats.n_rows} data row(s); "
                    f"{'; '.join(stats.messages()) or 'the file has no data rows'})."
                )
            results = {self.OUTPUT: dest}
            if want_lines:
                results.update(self._lines(parameters, context, feedback, tally, crs, reader.id_kind, created))
        except BaseException:
            sink = None
            traceback.clear_frames(sys.exc_info()[2])  # frames of the traceback hold the sinks
            _remove(created)
            raise
        for m in stats.messages():
            feedback.pushWarning(m)
        results.update({k: 0 for k in _COUNTS if k not in results})
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
    def _write_points(sink, reader, schema, tally, feedback, span):
        """Stream the chunks into the sink, one transient QgsFeature per point, added in batches."""
        from ..models.core.io_formats import column_values
        from ..models.core.progress import check

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
            feedback.setProgress(span * reader.fraction())

    def _lines(self, parameters, context, feedback, tally, crs, id_kind, created):
        from ..models.core.progress import check
        from .layer_io import epoch_to_qdatetime, make_fields, write_trajectory_lines

        trajs, rep = tally.trajectories(crs=crs.authid())
        check(feedback.isCanceled)
        for m in rep.messages():
            if "time order" not in m:  # already reported for the points
                feedback.pushWarning("Lines: " + m)
        has_t = trajs.t is not None
        fields = make_fields(
            [("traj_id", id_kind), ("n_points", "int"), ("start_time", "datetime"), ("end_time", "datetime")]
        )
        wkb = QgsWkbTypes.LineStringM if has_t else QgsWkbTypes.LineString
        sink, dest = self._sink(parameters, self.OUTPUT_LINES, context, fields, wkb, crs, created)
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
        feedback.setProgress(95)
        if not write_trajectory_lines(sink, trajs, fields, rows, feedback):
            check(feedback.isCanceled)
        return {
            self.OUTPUT_LINES: dest,
            "N_LINES": len(trajs),
            "N_DUPLICATE_TIMES": rep.n_duplicate_times,
            "N_SKIPPED_SHORT_TRAJECTORIES": rep.n_short_trajectories,
        }
