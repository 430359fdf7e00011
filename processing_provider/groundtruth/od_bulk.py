"""Bulk writing of deeptraj:assignodpairs: a plain OGR point layer copied into a GeoPackage with the OD fields.

The feature path (one QgsFeature per input point, ~130 µs each) takes ~11 minutes for the 5 M fixes of Cabspotting.
Here the input's attribute columns and points are read column-wise through GDAL's Arrow stream, CHUNK rows at a
time, each point gets the OD fields of its trajectory (NULL when it belongs to no kept trajectory, as in the feature
path), and the chunk goes to the GeoPackage writer (:mod:`..gpkg_writer`): flat memory, progress per chunk, a cancel
stops between chunks. Field names, types and order, the feature ids and the points are those of the feature path.

:func:`write_bulk` returns None (the caller keeps the feature path) when the input is not a plain OGR layer of 2D
points, the destination is not a GeoPackage, or a field cannot be copied as the feature path would (string fields
with a width, booleans, dates, times, lists, binary, fields GDAL does not see such as virtual or joined fields).
"""

from __future__ import annotations

import numpy as np

from ...models.core.progress import Cancelled
from ...models.core.readers.wkb import points_from_wkb

#: rows read, mapped and written per step
CHUNK = 500_000


def field_kinds(fields, keep_idx):
    """[(name, gpkg_writer kind)] of the kept input fields, None when one cannot be copied in bulk."""
    from qgis.PyQt.QtCore import QVariant

    kinds = {QVariant.Int: "int32", QVariant.LongLong: "int", QVariant.Double: "double", QVariant.DateTime: "datetime"}
    out = []
    for j in keep_idx:
        f = fields.at(j)
        kind = "string" if f.type() == QVariant.String and f.length() <= 0 else kinds.get(f.type())
        if kind is None:
            return None
        out.append((f.name(), kind))
    return out


def _open_plain_layer(alg, parameters, context, source):
    """The OGR layer behind INPUT when it is a plain (unfiltered, file-backed) layer of 2D points, else None."""
    from qgis.core import QgsWkbTypes

    from ..layer_io import plain_ogr_layer

    if source.wkbType() != QgsWkbTypes.Point:
        return None
    return plain_ogr_layer(source, alg.parameterAsVectorLayer(parameters, "INPUT", context), parameters.get("INPUT"))


def _columns(lyr, names):
    """{output name: Arrow column name} for ``names``; None when one is neither an OGR field nor the FID column."""
    defn = lyr.GetLayerDefn()
    ogr_names = {defn.GetFieldDefn(i).GetName() for i in range(defn.GetFieldCount())}
    fid_col = lyr.GetFIDColumn() or None
    cols = {}
    for name in names:
        if name in ogr_names:
            cols[name] = name
        elif fid_col and name == fid_col:
            cols[name] = fid_col
        else:
            return None
    lyr.SetIgnoredFields([n for n in ogr_names if n not in cols.values()])
    return cols


def _values(arr, kind):
    """One Arrow column as what the writer takes for ``kind`` (NULLs as None / NaN)."""
    mask = np.ma.getmaskarray(arr) if isinstance(arr, np.ma.MaskedArray) else None
    data = np.ma.getdata(arr)
    if kind == "string":
        if data.dtype.kind == "S":
            out = np.char.decode(data, "utf-8", "replace").astype(object)
        else:
            out = np.array([v.decode("utf-8", "replace") if isinstance(v, bytes) else v for v in data], object)
    elif kind == "datetime":  # the wall-clock text the feature path writes ('YYYY-MM-DDTHH:MM:SS.mmm')
        out = np.datetime_as_string(data.astype("datetime64[ms]"), unit="ms").astype(object)
        if data.dtype.kind == "M":
            out[np.isnat(data)] = None
    elif mask is not None and mask.any():
        out = data.astype(np.float64) if kind != "int" or np.abs(data).max(initial=0) < 2**53 else data.astype(object)
    else:
        return data
    if mask is not None and mask.any():
        out[mask] = np.nan if out.dtype.kind == "f" else None
    return out


def _points(geom):
    """(x, y) of a chunk's WKB points, NaN for a null or empty geometry (written as NULL)."""
    wkb = np.ma.getdata(geom)
    if isinstance(geom, np.ma.MaskedArray) and np.ma.getmaskarray(geom).any():
        wkb = wkb.astype(object)
        wkb[np.ma.getmaskarray(geom)] = None
    x, y, empty = points_from_wkb(wkb)
    if x is None:
        raise ValueError("not a point layer")
    x[empty] = np.nan
    y[empty] = np.nan
    return x, y


def write_bulk(alg, parameters, context, feedback, source, kept_fields, new_fields, od_rows, trajs):
    """Write OUTPUT in bulk; returns the destination id, or None when the feature path must do it (nothing written).

    ``kept_fields``: [(name, kind)] of the input fields to copy, in order; ``new_fields``: [(name, kind)] of the OD
    fields; ``od_rows``: {new field name: per-trajectory array (NaN/None for NULL)}; ``trajs``: the Trajectories
    read (its ``fids`` and ``point_traj_index`` map a feature to its trajectory)."""
    from ..gpkg_writer import open_layer_writer

    opened = _open_plain_layer(alg, parameters, context, source)
    if opened is None or trajs.fids is None:
        return None
    ds, lyr = opened
    cols = _columns(lyr, [n for n, _ in kept_fields])
    if cols is None:
        return None
    fields = list(kept_fields) + list(new_fields)
    writer = open_layer_writer(alg, parameters, "OUTPUT", context, feedback, fields, "Point", source.sourceCrs())
    if writer is None:
        return None
    order = np.argsort(trajs.fids, kind="stable")
    fids_sorted = trajs.fids[order]
    traj_sorted = np.asarray(trajs.point_traj_index, np.int64)[order]
    fid_col = lyr.GetFIDColumn() or "OGC_FID"
    geom_col = lyr.GetGeometryColumn() or "wkb_geometry"
    written = alg.plan(feedback).writing()
    total = max(source.featureCount(), 1)
    stream = lyr.GetArrowStreamAsNumPy(options=["INCLUDE_FID=YES", f"MAX_FEATURES_IN_BATCH={CHUNK}"])
    done = 0
    for batch in stream:
        if feedback.isCanceled():
            raise Cancelled("cancelled by the user while writing the output")
        ti = _traj_of(np.ma.getdata(batch[fid_col]), fids_sorted, traj_sorted)
        columns = {name: _values(batch[cols[name]], kind) for name, kind in kept_fields}
        columns.update(_od_columns(ti, od_rows))
        x, y = _points(batch[geom_col])
        writer.add_points(x, y, columns)
        done += len(x)
        written(100.0 * done / total)
    del stream, lyr, ds
    return writer.finish()


def _traj_of(fids, fids_sorted, traj_sorted):
    """Trajectory index of each feature id, -1 when the point is in no kept trajectory."""
    if not len(fids_sorted):
        return np.full(len(fids), -1, np.int64)
    pos = np.minimum(np.searchsorted(fids_sorted, fids), len(fids_sorted) - 1)
    return np.where(fids_sorted[pos] == fids, traj_sorted[pos], -1)


def _od_columns(ti, od_rows):
    """The OD columns of a chunk: the per-trajectory values of each point's trajectory, NULL without one."""
    out = {}
    none = ti < 0
    safe = np.where(none, 0, ti)
    for name, per_traj in od_rows.items():
        if not len(per_traj):
            out[name] = np.full(len(ti), None, object)
            continue
        v = per_traj[safe]
        if v.dtype.kind == "f":
            v[none] = np.nan
        else:
            v = v.astype(object)
            v[none] = None
        out[name] = v
    return out
