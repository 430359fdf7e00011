"""LYMob-4Cities / YJMob100K grid CSV ``uid,d,t,x,y``: reader, encoder of points into cells and slots, writer."""

from __future__ import annotations

import gzip
import os

import numpy as np

from ..timeparse import NAT, parse_times
from .base import ChunkReader
from .columns import find_column, missing_columns_error, pd_numeric
from .common import LYMOB_MASK, FormatError
from .files import ByteSource, check_file, iter_csv, read_header

__all__ = ["read_lymob_csv", "lymob_encode", "write_lymob_csv", "LYMOB_SLOT_S"]

LYMOB_SLOT_S = 1800  # LYMob t: 30-minute slots 0..47
_DAY_S = 86400

_LYMOB_COLS = ("uid", "d", "t", "x", "y")


def _start_seconds(start_date) -> int:
    if isinstance(start_date, (int, np.integer)):
        return int(start_date)
    v = parse_times(np.asarray([start_date], dtype=object))[0]
    if v == NAT:
        raise FormatError(f"the start date '{start_date}' is not a date (use e.g. 2024-01-01)", "start_date")
    return int(v)


class _LymobReader(ChunkReader):
    format_name = "lymob"
    id_kind = "int"

    def __init__(self, path, names, origin_x, origin_y, cell_size, start, chunksize):
        super().__init__(path, chunksize)
        self._src = None
        self.names = names
        self.ox, self.oy, self.cs, self.start = float(origin_x), float(origin_y), float(cell_size), int(start)
        self._schema = [("uid", "int"), ("d", "int"), ("t", "int"), ("x", "int"), ("y", "int"), ("day", "string")]

    def fraction(self) -> float:
        return self._src.fraction() if self._src is not None else self._fraction

    def _chunks(self):
        self._src = ByteSource(self.path)
        try:
            for df in iter_csv(self._src, self.path, ",", self.chunksize):
                row0 = self.stats.n_rows
                self.stats.n_rows += len(df)
                v = {k: self._ints(df[self.names[k]], k, row0) for k in _LYMOB_COLS}
                masked = (v["x"] == LYMOB_MASK) | (v["y"] == LYMOB_MASK)
                self.stats.n_masked += int(masked.sum())
                if masked.any():
                    v = {k: a[~masked] for k, a in v.items()}
                    rows = np.flatnonzero(~masked) + row0
                else:
                    rows = np.arange(len(df)) + row0
                self._validate(v, rows)
                x = self.ox + (v["x"] - 0.5) * self.cs
                y = self.oy + (v["y"] - 0.5) * self.cs
                day0 = self.start + v["d"] * _DAY_S
                t = day0 + v["t"] * LYMOB_SLOT_S
                day = day0.astype("datetime64[s]").astype("datetime64[D]").astype(str).astype(object)
                cols = {"uid": v["uid"], "d": v["d"], "t": v["t"], "x": v["x"], "y": v["y"], "day": day}
                self._fraction = self._src.fraction()
                chunk = self._finish(v["uid"], x, y, t, cols, drop_null_ids=False)
                if chunk is not None:
                    yield chunk
        finally:
            self._fraction = 1.0
            self._src.close()

    def _ints(self, series, name, row0) -> np.ndarray:
        if series.dtype.kind in "iu":
            return series.to_numpy(dtype=np.int64)
        num = pd_numeric(series)
        bad = ~np.isfinite(num) | (num != np.round(num))
        if bad.any():
            i = int(np.flatnonzero(bad)[0])
            raise FormatError(f"column '{name}' must hold integers; data row {row0 + i + 1} has '{series.iloc[i]}'")
        return num.astype(np.int64)

    @staticmethod
    def _validate(v, rows):
        checks = (
            ("t", (v["t"] < 0) | (v["t"] >= _DAY_S // LYMOB_SLOT_S), "a 30-minute slot 0..47"),
            ("d", v["d"] < 0, "a day index >= 0"),
            ("x", v["x"] < 1, f"a 1-based cell column (or {LYMOB_MASK} = masked)"),
            ("y", v["y"] < 1, f"a 1-based cell row (or {LYMOB_MASK} = masked)"),
        )
        for name, bad, what in checks:
            if bad.any():
                i = int(np.flatnonzero(bad)[0])
                raise FormatError(f"column '{name}' must be {what}; data row {rows[i] + 1} has {v[name][i]}")


def read_lymob_csv(
    path,
    origin_x: float = 0.0,
    origin_y: float = 0.0,
    cell_size: float = 500.0,
    start_date="2024-01-01",
    chunksize: int = 200_000,
) -> ChunkReader:
    """Reader of a LYMob-4Cities / YJMob100K CSV ``uid,d,t,x,y`` (x, y: 1-based cells of ``cell_size``
    CRS units from the grid's lower-left corner ``origin``; t: 30-min slot 0..47; d: day index).

    Point = cell centre ``origin + (cell - 0.5) * cell_size``; time = ``start_date`` + d days + 30 min * t;
    one trajectory per uid; records with x or y = 999 (masked) are skipped and counted; kept columns uid, d,
    t, x, y and ``day`` (the calendar date YYYY-MM-DD). ``start_date``: a date string or epoch seconds.
    """
    path = check_file(path)
    if not (np.isfinite(cell_size) and cell_size > 0):
        raise FormatError(f"the cell size must be a positive number (got {cell_size})", "cell_size")
    start = _start_seconds(start_date)
    cols = read_header(path, ",")
    names = {k: find_column(cols, k) for k in _LYMOB_COLS}
    need = [k for k, c in names.items() if c is None]
    if need:
        raise missing_columns_error(path, need, cols, "lymob")
    return _LymobReader(path, names, origin_x, origin_y, cell_size, start, chunksize)


def lymob_encode(
    x, y, t, origin_x: float = 0.0, origin_y: float = 0.0, cell_size: float = 500.0, start_date="2024-01-01"
):
    """Points (CRS units, epoch seconds) -> LYMob (d, t slot, x cell, y cell) int64 arrays (the inverse of the
    georeferencing of :func:`read_lymob_csv` up to the cell centre and the 30-min slot)."""
    start = _start_seconds(start_date)
    x = np.asarray(x, np.float64)
    y = np.asarray(y, np.float64)
    dt = np.asarray(t, np.int64) - start
    if (dt < 0).any():
        raise ValueError("times before the start date cannot be encoded as LYMob days")
    cx = np.floor((x - origin_x) / cell_size).astype(np.int64) + 1
    cy = np.floor((y - origin_y) / cell_size).astype(np.int64) + 1
    if (cx < 1).any() or (cy < 1).any():
        raise ValueError("points left of or below the grid origin cannot be encoded as LYMob cells")
    return dt // _DAY_S, (dt % _DAY_S) // LYMOB_SLOT_S, cx, cy


def write_lymob_csv(path, uid, d, t, x, y) -> int:
    """Write a LYMob / YJMob100K CSV ``uid,d,t,x,y`` (gzip when ``path`` ends with .gz); returns the row count.
    x/y = 999 marks masked records."""
    cols = [np.asarray(a) for a in (uid, d, t, x, y)]
    n = cols[0].shape[0]
    if any(c.shape != (n,) for c in cols):
        raise ValueError("uid, d, t, x and y must be 1-D arrays of the same length")
    for name, c in zip(_LYMOB_COLS, cols):
        if c.dtype.kind not in "iu" and not (c.dtype.kind == "f" and np.all(c == np.round(c))):
            raise ValueError(f"LYMob column {name} must hold integers")
    data = np.column_stack([c.astype(np.int64) for c in cols]) if n else np.zeros((0, 5), np.int64)
    opener = gzip.open if os.fspath(path).lower().endswith(".gz") else open
    with opener(path, "wt", newline="") as fh:
        fh.write(",".join(_LYMOB_COLS) + "\n")
        np.savetxt(fh, data, fmt="%d", delimiter=",")
    return n
