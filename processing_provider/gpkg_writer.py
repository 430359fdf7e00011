"""Bulk writing of an output layer into a GeoPackage from numpy columns, many times faster than one QgsFeature per
row; used by the algorithms whenever a sink output's destination is a GeoPackage.

Usage (every other destination: memory/temporary layer, shapefile, ... keeps ``parameterAsSink``)::

    w = open_layer_writer(alg, parameters, "OUTPUT", context, feedback,
                          fields=[("traj_id", "string"), ("time", "datetime"), ("cell", "int")],
                          geometry="Point", crs=crs)   # "Point" | "LineString" | "LineStringM" | "Polygon" | "None"
    if w is None:
        ...  # not a GeoPackage destination: the parameterAsSink path
    else:
        w.add_points(x, y, {"traj_id": ids, "time": t, "cell": cells})   # or add_lines/add_polygons/add_rows
        results["OUTPUT"] = w.finish()

Column kinds: ``int`` (ints; floats with NaN -> NULL), ``int32`` (the same, a 32-bit field), ``double`` (NaN ->
NULL), ``string`` (None/NaN -> NULL), ``datetime`` (int64 epoch seconds UTC, ``-2**63`` -> NULL; or texts written
as given, None -> NULL), ``bool``. A column left out of a call is NULL.

How: the layer is created empty through OGR (GPKG driver, no spatial index), then the rows go in with sqlite3
``executemany`` inside one transaction, the GeoPackage geometry blobs (GP header + little-endian ISO WKB) built with
numpy; ``finish`` sets the extent and feature count, builds the R-tree when the layer will be drawn or is small,
and registers the layer to load on completion as ``parameterAsSink`` would.

The cancel/staging rule of ``processing_provider/outputs.py`` holds: each call checks the cancel between batches
(``Cancelled``); a plain ``.gpkg`` path is written to a staged file beside it and renamed over it when the run
succeeds (an existing file is untouched by a failed or cancelled run); a layer written into an existing GeoPackage
(``ogr:dbname='x.gpkg' table="name" (geom)``) goes into a staging table, dropped with its metadata when the run fails
(other layers untouched) and renamed over any layer of that name when it succeeds; a table destination in the file
that another output of the same run writes to as a plain path goes into that staged file.

Writers on the same GeoPackage are used one after the other: ``finish`` one before opening the next (a writer holds
the file's write lock from its first row to ``finish``).
"""

from __future__ import annotations

import os
import re
import sqlite3
from itertools import chain

import numpy as np

from ..models.core.gpkg_encoding import column_list, line_blobs, point_blobs, polygon_blobs

#: rows per executemany batch (the cancel is checked between batches)
BATCH = 100_000
#: layers with fewer features get a spatial index even when they are not loaded (a second or so; beyond it,
#: tens of seconds that only pay off when the layer is drawn or queried by extent)
INDEX_LIMIT = 100_000
#: rows per INSERT statement (fewer when the columns are many: SQLite limits the variables of a statement)
ROWS_PER_STATEMENT = 256
_GEOMETRIES = ("Point", "LineString", "LineStringM", "Polygon", "None")
_KINDS = ("int", "int32", "double", "string", "datetime", "bool")
_DB_RE = re.compile(r"""^ogr:dbname='(?P<path>[^']+)'\s+table="(?P<table>[^"]+)"(?:\s*\((?P<geom>[^)]*)\))?\s*$""")


# ---------------------------------------------------------------------------- destinations
def gpkg_destination(value: str):
    """(path, table or None, geometry column) when ``value`` is a GeoPackage destination, else None."""
    if not isinstance(value, str) or not value:
        return None
    m = _DB_RE.match(value.strip())
    if m:
        if not m.group("path").lower().endswith(".gpkg"):
            return None
        return m.group("path"), m.group("table"), (m.group("geom") or "geom").strip() or "geom"
    if (
        value.lower().endswith(".gpkg")
        and "|" not in value
        and not re.match(r"^[A-Za-z][A-Za-z0-9_]+:(?![\\/])", value)
    ):
        return value, None, "geom"
    return None


def destination_value(parameters, name, context):
    """(destination string, the output definition or None) of the sink parameter ``name``."""
    from qgis.core import QgsProcessingOutputLayerDefinition

    value = parameters.get(name)
    definition = None
    if isinstance(value, QgsProcessingOutputLayerDefinition):
        definition = value
        value = value.sink.valueAsString(context.expressionContext())[0]
    return (value if isinstance(value, str) else ""), definition


def open_layer_writer(alg, parameters, name, context, feedback, fields, geometry="Point", crs=None):
    """A :class:`GpkgLayerWriter` for the sink parameter ``name`` when its destination is a GeoPackage, else None
    (also None for an optional output left empty). ``fields``: [(name, kind)]; ``crs``: a
    QgsCoordinateReferenceSystem (ignored for ``geometry="None"``)."""
    value, definition = destination_value(parameters, name, context)
    dest = gpkg_destination(value)
    if dest is None:
        return None
    if geometry not in _GEOMETRIES:
        raise ValueError(f"geometry must be one of {_GEOMETRIES}, not {geometry!r}")
    for fname, kind in fields:
        if kind not in _KINDS:
            raise ValueError(f"field {fname}: kind must be one of {_KINDS}, not {kind!r}")
    outputs = alg.outputs()
    outputs.check()  # a cancel before the writing stage leaves no output (outputs.py rule 1)
    path, table, geom_col = dest
    load = _load_details(alg, name, definition)
    return GpkgLayerWriter(outputs, feedback, context, path, table, geom_col, fields, geometry, crs, load)


def _load_details(alg, name, definition):
    """(layer name, project, output name) when the output asks to be loaded on completion, else None."""
    if definition is None or definition.destinationProject is None:
        return None
    param = alg.parameterDefinition(name)
    layer_name = definition.destinationName or (param.description() if param is not None else name)
    return layer_name, definition.destinationProject, name


# ---------------------------------------------------------------------------- the writer
class GpkgLayerWriter:
    """One output layer written in bulk into a GeoPackage (made by :func:`open_layer_writer`)."""

    def __init__(self, outputs, feedback, context, path, table, geom_col, fields, geometry, crs, load):
        self.outputs = outputs
        self.feedback = feedback
        self.context = context
        self.path = os.path.abspath(path)
        self.fields = [(str(n), k) for n, k in fields]
        self.geometry = geometry
        self.geom_col = geom_col if geometry != "None" else None
        self.load = load
        self.count = 0
        self._ext = [np.inf, np.inf, -np.inf, -np.inf]
        self._con = None
        self._done = False
        self.plain = table is None
        staged = None if self.plain else outputs.staged_for(self.path)  # a file another output of this run makes
        self.into_existing = not self.plain and staged is None and os.path.isfile(self.path)  # never removed whole
        if self.plain:  # a plain .gpkg path: a new file, staged beside the destination
            self.table = os.path.splitext(os.path.basename(self.path))[0]
            self.file = outputs.stage(self.path)
            self._stage_table = self.table
        else:
            self.table = table
            self.file = staged or self.path
            replaces = self.into_existing and _has_table(self.path, table)
            self._stage_table = f"{table}_deeptraj_partial_{os.getpid()}" if replaces else table
        outputs.on_discard(self._discard)
        if not self.into_existing:
            outputs.on_discard(lambda: _remove_files(self.file))
        self.srs_id = _create_layer(self.file, self._stage_table, self.geom_col, self.fields, geometry, crs)
        self._open()

    # ---- writing
    def _open(self):
        self._con = sqlite3.connect(self.file, isolation_level=None)
        self._con.execute("PRAGMA synchronous=OFF" if not self.into_existing else "PRAGMA synchronous=NORMAL")
        trig = self._con.execute(
            "SELECT name, sql FROM sqlite_master WHERE type='trigger' AND tbl_name=?", (self._stage_table,)
        ).fetchall()
        self._triggers = [sql for _, sql in trig if sql]
        self._con.execute("BEGIN")
        for tname, _ in trig:  # the per-row feature-count triggers: the count is set once in finish()
            self._con.execute(f"DROP TRIGGER {_q(tname)}")
        names = ([self.geom_col] if self.geom_col else []) + [n for n, _ in self.fields]
        self._ncol = len(names)
        head = f"INSERT INTO {_q(self._stage_table)} ({','.join(_q(n) for n in names)}) VALUES "
        row = "(" + ",".join("?" * len(names)) + ")"
        # several rows per statement: about twice as fast as one row per statement through sqlite3
        self._k = max(1, min(ROWS_PER_STATEMENT, _max_variables() // max(1, len(names))))
        self._sql1 = head + row if names else f"INSERT INTO {_q(self._stage_table)} DEFAULT VALUES"
        self._sqlk = head + ",".join([row] * self._k)

    def _insert(self, geoms, columns, n):
        if self._done:
            raise RuntimeError("the layer writer has already finished")
        unknown = set(columns) - {f for f, _ in self.fields}
        if unknown:
            raise ValueError(f"unknown column(s) {sorted(unknown)}; declared: {[f for f, _ in self.fields]}")
        for s in range(0, n, BATCH):
            self.outputs.check()
            e = min(n, s + BATCH)
            cols = [column_list(_part(columns.get(f), s, e), k, e - s) for f, k in self.fields]
            if geoms is not None:
                cols.insert(0, geoms(s, e))
            self._execute(cols, e - s)
            self.count += e - s
        self.outputs.check()

    def _execute(self, cols, m):
        """Insert the ``m`` rows of the column lists ``cols``."""
        nc = self._ncol
        if nc == 0:
            self._con.executemany(self._sql1, ([] for _ in range(m)))
            return
        flat = cols[0] if nc == 1 else list(chain.from_iterable(zip(*cols)))
        step = self._k * nc
        full = (m // self._k) * step
        if full:
            self._con.executemany(self._sqlk, (flat[i : i + step] for i in range(0, full, step)))
        if full < m * nc:
            self._con.executemany(self._sql1, (flat[i : i + nc] for i in range(full, m * nc, nc)))

    def _extend(self, x, y):
        if len(x):
            with np.errstate(invalid="ignore"):
                self._ext = [
                    np.fmin(self._ext[0], np.nanmin(x)),
                    np.fmin(self._ext[1], np.nanmin(y)),
                    np.fmax(self._ext[2], np.nanmax(x)),
                    np.fmax(self._ext[3], np.nanmax(y)),
                ]

    def add_points(self, x, y, columns=None):
        """Append points (x, y arrays) with their attribute ``columns`` ({field: array}); checks the cancel."""
        if self.geometry != "Point":
            raise ValueError(f"add_points on a {self.geometry} layer")
        x = np.asarray(x, np.float64)
        y = np.asarray(y, np.float64)
        if len(x) != len(y):
            raise ValueError("x and y differ in length")
        self._insert(lambda s, e: point_blobs(x[s:e], y[s:e], self.srs_id), columns or {}, len(x))
        self._extend(x, y)

    def add_lines(self, offsets, x, y, m=None, columns=None):
        """Append lines: line i has the vertices offsets[i]:offsets[i+1] of x, y (and m for LineStringM);
        ``columns`` hold one value per line."""
        if not self.geometry.startswith("LineString"):
            raise ValueError(f"add_lines on a {self.geometry} layer")
        if (m is None) == (self.geometry == "LineStringM"):
            raise ValueError("m values are needed for, and only for, a LineStringM layer")
        off = np.asarray(offsets, np.int64)
        x = np.asarray(x, np.float64)
        y = np.asarray(y, np.float64)
        m = None if m is None else np.asarray(m, np.float64)

        def blobs(s, e):
            o = off[s : e + 1]
            a, b = int(o[0]), int(o[-1])
            return line_blobs(o - a, x[a:b], y[a:b], None if m is None else m[a:b], self.srs_id)

        self._insert(blobs, columns or {}, len(off) - 1)
        self._extend(x, y)

    def add_polygons(self, offsets, x, y, columns=None):
        """Append single-ring polygons: polygon i has the closed ring offsets[i]:offsets[i+1] of x, y;
        ``columns`` hold one value per polygon."""
        if self.geometry != "Polygon":
            raise ValueError(f"add_polygons on a {self.geometry} layer")
        off = np.asarray(offsets, np.int64)
        x = np.asarray(x, np.float64)
        y = np.asarray(y, np.float64)

        def blobs(s, e):
            o = off[s : e + 1]
            a, b = int(o[0]), int(o[-1])
            return polygon_blobs(o - a, x[a:b], y[a:b], self.srs_id)

        self._insert(blobs, columns or {}, len(off) - 1)
        self._extend(x, y)

    def add_rows(self, columns):
        """Append rows of a table (``geometry="None"``)."""
        if self.geometry != "None":
            raise ValueError(f"add_rows on a {self.geometry} layer")
        lens = {len(v) for v in columns.values() if v is not None}
        if len(lens) > 1:
            raise ValueError("the columns differ in length")
        self._insert(None, columns, lens.pop() if lens else 0)

    # ---- ending
    def finish(self) -> str:
        """Commit the rows, set the layer's extent and count, build the spatial index when the layer will be
        drawn or is small, register it to load on completion; returns the destination id for the results."""
        self.outputs.check()
        con = self._con
        ext = [None if not np.isfinite(v) else float(v) for v in self._ext] if self.geom_col else [None] * 4
        con.execute(
            "UPDATE gpkg_contents SET min_x=?, min_y=?, max_x=?, max_y=?, "
            "last_change=strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE table_name=?",
            (*ext, self._stage_table),
        )
        con.execute("UPDATE gpkg_ogr_contents SET feature_count=? WHERE table_name=?", (self.count, self._stage_table))
        for sql in self._triggers:
            con.execute(sql)
        con.execute("COMMIT")
        con.close()
        self._con = None
        self._done = True
        dest = self.path if self.plain else f"{self.path}|layername={self.table}"
        will_load = self.load is not None
        if self.geom_col and self.count and (will_load or self.count < INDEX_LIMIT):
            table, geom = (v.replace("'", "''") for v in (self._stage_table, self.geom_col))
            _ogr_sql(self.file, f"SELECT CreateSpatialIndex('{table}', '{geom}')")
        elif self.geom_col and self.count:
            self.feedback.pushInfo(
                f"{self.table}: {self.count} features written without a spatial index; to draw the layer quickly "
                "add one with Processing › Vector general › Create spatial index (native:createspatialindex)."
            )
        if self._stage_table != self.table:
            self.outputs.on_commit(self._swap)
        self._register(dest)
        return dest

    def _register(self, dest):
        if self.load is None:
            return
        from qgis.core import QgsProcessingContext, QgsProcessingUtils

        layer_name, project, output_name = self.load
        details = QgsProcessingContext.LayerDetails(layer_name, project, output_name, QgsProcessingUtils.Vector)
        self.context.addLayerToLoadOnCompletion(dest, details)

    def _swap(self):
        """On success: the staging table replaces a layer of the same name in the existing GeoPackage."""
        from osgeo import ogr

        ds = ogr.Open(self.file, 1)
        try:
            for i in range(ds.GetLayerCount()):
                if ds.GetLayer(i).GetName().lower() == self.table.lower():
                    ds.DeleteLayer(i)
                    break
            ds.ExecuteSQL(f"ALTER TABLE {_q(self._stage_table)} RENAME TO {_q(self.table)}")
        finally:
            ds = None

    def _discard(self):
        """On failure or cancel: roll back and remove what this writer created (the staging table and its
        metadata in an existing GeoPackage; a new file is removed by the caller)."""
        if self._con is not None:
            try:
                self._con.execute("ROLLBACK")
            except sqlite3.Error:
                pass
            self._con.close()
            self._con = None
        if self.into_existing:
            _drop_layer(self.file, self._stage_table)


def _max_variables() -> int:
    return 32766 if sqlite3.sqlite_version_info >= (3, 32, 0) else 999


def _part(values, s, e):
    return None if values is None else values[s:e]


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _remove_files(path):
    for p in (path, path + "-journal", path + "-wal", path + "-shm"):
        try:
            if os.path.isfile(p):
                os.remove(p)
        except OSError:
            pass


def _ogr_sql(path, sql):
    from osgeo import ogr

    ds = ogr.Open(path, 1)
    try:
        res = ds.ExecuteSQL(sql)
        if res is not None:
            ds.ReleaseResultSet(res)
    finally:
        ds = None


def _drop_layer(path, table):
    from osgeo import ogr

    ds = ogr.Open(path, 1)
    if ds is None:
        return
    try:
        for i in range(ds.GetLayerCount()):
            if ds.GetLayer(i).GetName() == table:
                ds.DeleteLayer(i)
                break
    finally:
        ds = None


def _ogr_field(name, kind):
    from osgeo import ogr

    types = {
        "int": ogr.OFTInteger64,
        "int32": ogr.OFTInteger,
        "double": ogr.OFTReal,
        "string": ogr.OFTString,
        "datetime": ogr.OFTDateTime,
    }
    f = ogr.FieldDefn(name, types.get(kind, ogr.OFTInteger))
    if kind == "bool":
        f.SetSubType(ogr.OFSTBoolean)
    return f


def _srs(crs):
    from osgeo import osr

    if crs is None or not crs.isValid():
        return None
    srs = osr.SpatialReference()
    auth = crs.authid()
    if auth.upper().startswith("EPSG:"):
        srs.ImportFromEPSG(int(auth.split(":")[1]))
    else:
        from qgis.core import QgsCoordinateReferenceSystem

        srs.ImportFromWkt(crs.toWkt(QgsCoordinateReferenceSystem.WKT_PREFERRED_GDAL))
    return srs


def _create_layer(path, table, geom_col, fields, geometry, crs) -> int:
    """Create the empty layer through OGR; returns its srs_id in the GeoPackage."""
    from osgeo import ogr

    wkb = {
        "Point": ogr.wkbPoint,
        "LineString": ogr.wkbLineString,
        "LineStringM": ogr.wkbLineStringM,
        "Polygon": ogr.wkbPolygon,
    }
    exists = os.path.isfile(path)
    ds = ogr.Open(path, 1) if exists else ogr.GetDriverByName("GPKG").CreateDataSource(path)
    if ds is None:
        raise OSError(f"cannot open {path} for writing: {gdal_error()}")
    try:
        if exists:
            _drop_layer_ds(ds, table)
        opts = ["SPATIAL_INDEX=NO", "FID=fid"] + ([f"GEOMETRY_NAME={geom_col}"] if geom_col else [])
        lyr = ds.CreateLayer(table, _srs(crs) if geom_col else None, wkb.get(geometry, ogr.wkbNone), opts)
        if lyr is None:
            raise OSError(f"cannot create the layer {table} in {path}: {gdal_error()}")
        for name, kind in fields:
            if lyr.CreateField(_ogr_field(name, kind)) != 0:
                raise OSError(f"cannot create the field {name} in {path}: {gdal_error()}")
        lyr = None
    finally:
        ds = None
    if not geom_col:
        return 0
    con = sqlite3.connect(path)
    try:
        row = con.execute("SELECT srs_id FROM gpkg_geometry_columns WHERE table_name=?", (table,)).fetchone()
    finally:
        con.close()
    return int(row[0]) if row else 0


def gdal_error() -> str:
    from osgeo import gdal

    return gdal.GetLastErrorMsg() or "unknown GDAL error"


def _has_table(path, table) -> bool:
    con = sqlite3.connect(path)
    try:
        row = con.execute("SELECT 1 FROM gpkg_contents WHERE lower(table_name)=lower(?)", (table,)).fetchone()
    except sqlite3.Error:
        row = None
    finally:
        con.close()
    return row is not None


def _drop_layer_ds(ds, table):
    for i in range(ds.GetLayerCount()):
        if ds.GetLayer(i).GetName() == table:
            ds.DeleteLayer(i)
            return
