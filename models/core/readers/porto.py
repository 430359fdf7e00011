"""Porto taxi CSV reader (ECML/PKDD 2015): one trip per row, its fixes in a JSON POLYLINE every 15 s, or at the
seconds of an optional TIME_OFFSETS column (the Cabspotting trip layout)."""

from __future__ import annotations

import json
from itertools import chain

import numpy as np

from ..timeparse import NAT, epoch_numbers_to_seconds
from .base import ChunkReader
from .columns import find_column, missing_columns_error, pd_numeric
from .common import FormatError
from .files import ByteSource, check_file, iter_csv, read_header

__all__ = ["read_porto_csv", "PORTO_INTERVAL_S"]

PORTO_INTERVAL_S = 15  # one POLYLINE fix every 15 s from TIMESTAMP

_PORTO_KINDS = {
    "CALL_TYPE": "string",
    "ORIGIN_CALL": "int",
    "ORIGIN_STAND": "int",
    "TAXI_ID": "int",
    "TIMESTAMP": "int",
    "DAY_TYPE": "string",
    "MISSING_DATA": "bool",
}


class _PortoReader(ChunkReader):
    format_name = "porto"
    crs = "EPSG:4326"

    def __init__(self, path, cols, chunksize):
        super().__init__(path, chunksize)
        self._src = None
        self.trip_col = find_column(cols, "TRIP_ID")
        self.ts_col = find_column(cols, "TIMESTAMP")
        self.poly_col = find_column(cols, "POLYLINE")
        self.offsets_col = find_column(cols, "TIME_OFFSETS")  # seconds since TIMESTAMP per fix (optional)
        keep = [c for c in cols if c not in (self.trip_col, self.poly_col, self.offsets_col)]
        self._keep = keep  # kinds fixed by the first chunk (see _kinds)

    def fraction(self) -> float:
        return self._src.fraction() if self._src is not None else self._fraction

    def _fallback_schema(self):
        return [(c, _PORTO_KINDS.get(c.upper(), "string")) for c in self._keep] + [("seq", "int")]

    def _kinds(self, df):
        """The kinds of the kept columns from the first chunk: the Porto kinds where the values fit them (a
        Cabspotting TAXI_ID is a name), else int / double / string as the values read."""
        out = []
        for c in self._keep:
            present = df[c].notna().to_numpy()
            num = pd_numeric(df[c])
            numeric = present.any() and bool(np.isfinite(num[present]).all())
            kind = _PORTO_KINDS.get(c.upper())
            if kind in ("int", None):  # a number column where the values are numbers
                if not numeric:
                    kind = "string" if present.any() or kind is None else kind
                elif kind is None:
                    kind = "int" if (num[present] == np.round(num[present])).all() else "double"
            out.append((c, kind))
        return out + [("seq", "int")]

    def _chunks(self):
        self._src = ByteSource(self.path)
        try:
            for df in iter_csv(self._src, self.path, ",", self.chunksize, dtype=str):
                row0 = self.stats.n_rows
                self.stats.n_rows += len(df)
                trips = df[self.trip_col].to_numpy(dtype=object, na_value=None)
                texts = df[self.poly_col].to_numpy(dtype=object, na_value=None)
                xy, lens = self._polylines(texts, row0, trips)
                self._fraction = self._src.fraction()
                if xy is None:
                    continue
                rows = np.repeat(np.arange(len(df)), lens)
                starts = np.repeat(np.cumsum(lens) - lens, lens)
                seq = np.arange(rows.size, dtype=np.int64) - starts
                t = epoch_numbers_to_seconds(pd_numeric(df[self.ts_col]))[rows]
                if self.offsets_col is None:
                    step = PORTO_INTERVAL_S * seq
                else:
                    offsets = df[self.offsets_col].to_numpy(dtype=object, na_value=None)
                    step = self._time_offsets(offsets, lens, row0, trips)
                t = np.where(t == NAT, NAT, t + step)
                if self._schema is None:
                    self._schema = self._kinds(df)
                sub = df[[n for n, _ in self._schema[:-1]]].iloc[rows].reset_index(drop=True)
                sub["seq"] = seq
                columns = self._typed_columns(sub, None)
                chunk = self._finish(trips[rows], xy[:, 0], xy[:, 1], t, columns)
                if chunk is not None:
                    yield chunk
        finally:
            self._fraction = 1.0
            self._src.close()

    def _polylines(self, texts, row0, trips):
        """(fixes (n, 2), fixes per row) of a chunk's POLYLINE texts, parsed as one JSON document; a row that is
        not a list of [lon, lat] pairs raises FormatError naming it."""
        empty = np.array([t is None or str(t).strip() in ("", "[]") for t in texts])
        self.stats.n_empty_polylines += int(empty.sum())
        lens = np.zeros(len(texts), np.int64)
        if empty.all():
            return None, lens
        try:
            polys = json.loads("[" + ",".join(t for t, e in zip(texts, empty) if not e) + "]")
            if len(polys) != int((~empty).sum()) or not all(isinstance(p, list) for p in polys):
                raise ValueError("not one list per row")
            lens[~empty] = [len(p) for p in polys]
            self.stats.n_empty_polylines += int((lens[~empty] == 0).sum())
            if not lens.any():
                return None, lens
            xy = np.array(list(chain.from_iterable(polys)), dtype=np.float64)
            if xy.ndim != 2 or xy.shape[1] != 2:
                raise ValueError("not pairs")
        except (ValueError, TypeError):  # find the row at fault for the message
            for i in np.flatnonzero(~empty):
                self._polyline(texts[i], row0 + i, trips[i])
            raise FormatError(f"POLYLINE of the rows {row0 + 1}-{row0 + len(texts)} is not a list of [lon, lat] pairs")
        return xy, lens

    def _time_offsets(self, texts, lens, row0, trips) -> np.ndarray:
        """Seconds since TIMESTAMP of every fix from the TIME_OFFSETS texts (one JSON list per row, as long as its
        POLYLINE)."""
        out = []
        for i in np.flatnonzero(lens):
            where = f"Porto taxi CSV: TIME_OFFSETS of data row {row0 + i + 1} (TRIP_ID {trips[i]})"
            txt = texts[i]
            try:
                v = np.asarray(json.loads(txt), dtype=np.float64) if txt is not None else np.zeros(0)
            except (ValueError, TypeError) as e:
                raise FormatError(f"{where} is not a JSON list of seconds ({e}): '{str(txt)[:60]}'") from None
            if v.ndim != 1 or v.size != lens[i]:
                raise FormatError(
                    f"{where} has {v.size} value(s) but its POLYLINE has {lens[i]} fix(es); "
                    "each fix needs its seconds since TIMESTAMP"
                )
            out.append(v)
        v = np.concatenate(out)
        bad = ~np.isfinite(v)
        return np.where(bad, 0, np.floor(np.where(bad, 0, v))).astype(np.int64)

    def _polyline(self, txt, row, trip):
        where = f"Porto taxi CSV: POLYLINE of data row {row + 1} (TRIP_ID {trip})"
        try:
            pts = np.asarray(json.loads(txt), dtype=np.float64)
        except (ValueError, TypeError) as e:
            raise FormatError(f"{where} is not a JSON list of [lon, lat] pairs ({e}): '{str(txt)[:60]}'") from None
        if pts.size and (pts.ndim != 2 or pts.shape[1] != 2):
            raise FormatError(f"{where} is not a list of [lon, lat] pairs: '{str(txt)[:60]}'")
        return pts


def read_porto_csv(path, chunksize: int = 2000) -> ChunkReader:
    """Reader of the ECML/PKDD 2015 Porto taxi CSV (``chunksize`` = trips per chunk, ~50 points each).

    One trajectory per TRIP_ID (kept as text); point ``k`` of POLYLINE has time TIMESTAMP + 15*k s (or
    TIMESTAMP + TIME_OFFSETS[k] when the file has a TIME_OFFSETS column: a JSON list of seconds as long as POLYLINE,
    the Cabspotting trip layout) and ``seq`` = k; trips with an empty POLYLINE are skipped and counted; the other
    columns (CALL_TYPE, ORIGIN_CALL, ORIGIN_STAND, TAXI_ID, TIMESTAMP, DAY_TYPE, MISSING_DATA, ...) are kept.
    WGS 84 lon/lat.
    """
    path = check_file(path)
    cols = read_header(path, ",")
    need = [n for n in ("TRIP_ID", "TIMESTAMP", "POLYLINE") if find_column(cols, n) is None]
    if need:
        raise missing_columns_error(path, need, cols, "porto")
    return _PortoReader(path, cols, chunksize)
