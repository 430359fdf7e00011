"""GeoPackage encoding of numpy columns, without GDAL or QGIS: geometry blobs (the GeoPackage header + little-endian
ISO WKB, built for many features at once) and attribute values as sqlite3 binds them (NULL as None, DATETIME as
'YYYY-MM-DDTHH:MM:SS.SSSZ' texts). ``processing_provider/gpkg_writer.py`` creates the layer and inserts them."""

from __future__ import annotations

import numpy as np

from .timeparse import NAT

__all__ = ["point_blobs", "line_blobs", "polygon_blobs", "column_list"]


# ---------------------------------------------------------------------------- geometry blobs
def _srs_header(srs_id: int, flags: int) -> bytes:
    return b"GP\x00" + bytes([flags]) + int(srs_id).to_bytes(4, "little", signed=True)


def point_blobs(x, y, srs_id: int) -> list:
    """GeoPackage blobs of points (no envelope); None where x or y is NaN."""
    x = np.asarray(x, np.float64)
    y = np.asarray(y, np.float64)
    rec = np.dtype([("h", "V8"), ("o", "u1"), ("t", "<u4"), ("x", "<f8"), ("y", "<f8")])
    a = np.empty(len(x), rec)
    a["h"] = np.frombuffer(_srs_header(srs_id, 0x01), "V8")[0]
    a["o"] = 1
    a["t"] = 1
    a["x"] = x
    a["y"] = y
    buf = a.tobytes()
    n = rec.itemsize
    blobs = [buf[i : i + n] for i in range(0, len(buf), n)]
    bad = np.flatnonzero(np.isnan(x) | np.isnan(y))
    for i in bad.tolist():
        blobs[i] = None
    return blobs


def line_blobs(offsets, x, y, m, srs_id: int) -> list:
    """GeoPackage blobs (xy envelope, ISO WKB LineString or LineStringM) of the lines offsets[i]:offsets[i+1]."""
    return _vertex_blobs(offsets, x, y, m, srs_id, polygon=False)


def polygon_blobs(offsets, x, y, srs_id: int) -> list:
    """GeoPackage blobs (xy envelope, ISO WKB Polygon of one ring) of the closed rings offsets[i]:offsets[i+1]
    (grid squares, H3 hexagons)."""
    return _vertex_blobs(offsets, x, y, None, srs_id, polygon=True)


def _vertex_blobs(offsets, x, y, m, srs_id: int, polygon: bool) -> list:
    off = np.asarray(offsets, np.int64)
    lens = np.diff(off)
    n = len(lens)
    if n == 0:
        return []
    cols = [np.asarray(x, np.float64), np.asarray(y, np.float64)]
    if m is not None:
        cols.append(np.asarray(m, np.float64))
    coords = np.stack(cols, axis=1).astype("<f8")
    head = [("h", "V8"), ("env", "<f8", 4), ("o", "u1"), ("t", "<u4")]
    rec = np.dtype(head + ([("rings", "<u4")] if polygon else []) + [("n", "<u4")])
    h = np.zeros(n, rec)
    h["h"] = np.frombuffer(_srs_header(srs_id, 0x03), "V8")[0]
    starts = np.minimum(off[:-1], max(len(coords) - 1, 0))
    nonempty = lens > 0
    if len(coords):
        for j, (lo, hi) in enumerate(((0, 1), (2, 3))):  # minx, maxx, miny, maxy
            h["env"][:, lo] = np.where(nonempty, np.fmin.reduceat(cols[j], starts), np.nan)
            h["env"][:, hi] = np.where(nonempty, np.fmax.reduceat(cols[j], starts), np.nan)
    h["o"] = 1
    h["t"] = 3 if polygon else (2002 if m is not None else 2)
    if polygon:
        h["rings"] = 1
    h["n"] = lens
    hb = h.tobytes()
    cb = coords.tobytes()
    hs, ps = rec.itemsize, coords.shape[1] * 8
    bounds = (off * ps).tolist()
    return [hb[i * hs : (i + 1) * hs] + cb[bounds[i] : bounds[i + 1]] for i in range(n)]


# ---------------------------------------------------------------------------- attribute columns
def column_list(values, kind: str, n: int) -> list:
    """Plain Python values of one column for sqlite3 (NULL as None)."""
    if values is None:
        return [None] * n
    a = np.asarray(values)
    if len(a) != n:
        raise ValueError(f"column of length {len(a)} beside {n} geometries")
    if kind == "datetime":
        if a.dtype.kind in "OU" and any(isinstance(v, str) for v in a.tolist()):  # texts: written as they are
            return [v if isinstance(v, str) else None for v in a.tolist()]
        return _datetime_texts(a)
    if kind == "bool":
        if a.dtype.kind == "O":
            return [None if v is None else int(bool(v)) for v in a.tolist()]
        return a.astype(np.int64).tolist()
    if a.dtype.kind == "f":
        if kind == "int":
            bad = np.isnan(a)
            out = np.where(bad, 0, a).astype(np.int64).tolist()
        else:
            bad = ~np.isfinite(a)
            out = a.tolist()
        for i in np.flatnonzero(bad).tolist():
            out[i] = None
        return out
    if a.dtype.kind == "O":
        vals = a.tolist()
        if kind == "string" and set(map(type, vals)) <= _BINDABLE:
            return vals  # SQLite stores NaN as NULL and numbers as text in a TEXT column
        want = str if kind == "string" else None
        return [v if v.__class__ is want else _plain(v, kind) for v in vals]
    if kind == "string":
        return a.astype(str).tolist() if a.dtype.kind != "U" else a.tolist()
    return a.tolist()


_BINDABLE = {str, type(None), float, int}


def _plain(v, kind):
    if v is None or (isinstance(v, float) and v != v):
        return None
    if kind == "string" and not isinstance(v, str):
        return v.decode("utf-8", "replace") if isinstance(v, bytes) else str(v)
    if isinstance(v, np.generic):
        return v.item()
    return v


_CLOCK = []  # 'HH:MM:SS.000Z' of every second of a day, made on first use


def _datetime_texts(a) -> list:
    """GeoPackage DATETIME texts ('YYYY-MM-DDTHH:MM:SS.SSSZ', UTC) of epoch seconds; NAT/NaN -> None."""
    if a.dtype.kind == "O":
        a = np.array([NAT if v is None else v for v in a.tolist()], dtype=np.float64)
    if a.dtype.kind == "f":
        bad = ~np.isfinite(a)
        a = np.where(bad, 0, a).astype(np.int64)
    else:
        a = a.astype(np.int64)
        bad = a == NAT
    if not len(a):
        return []
    if not _CLOCK:
        secs = np.arange(86400, dtype=np.int64).astype("datetime64[s]")
        _CLOCK.append(
            np.array([s[11:] for s in np.datetime_as_string(secs, unit="ms", timezone="UTC").tolist()], object)
        )
    a = np.where(bad, a[~bad][0] if (~bad).any() else 0, a)
    days = a // 86400
    d0 = int(days.min())
    span = int(days.max()) - d0 + 1
    if span > 4 * len(a) + 1000:  # far-apart dates: one text per value
        out = np.datetime_as_string(a.astype("datetime64[s]"), unit="ms", timezone="UTC").tolist()
    else:
        day_txt = np.array(
            [d + "T" for d in np.datetime_as_string(np.arange(d0, d0 + span).astype("datetime64[D]")).tolist()], object
        )
        out = (day_txt[days - d0] + _CLOCK[0][a - days * 86400]).tolist()
    for i in np.flatnonzero(bad).tolist():
        out[i] = None
    return out
