"""Porto taxi CSV reader (ECML/PKDD 2015): one trip per row, its fixes in a JSON POLYLINE every 15 s."""

from __future__ import annotations

import json

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
        keep = [c for c in cols if c not in (self.trip_col, self.poly_col)]
        self._schema = [(c, _PORTO_KINDS.get(c.upper(), "string")) for c in keep] + [("seq", "int")]

    def fraction(self) -> float:
        return self._src.fraction() if self._src is not None else self._fraction

    def _chunks(self):
        self._src = ByteSource(self.path)
        try:
            for df in iter_csv(self._src, self.path, ",", self.chunksize, dtype=str):
                row0 = self.stats.n_rows
                self.stats.n_rows += len(df)
                xs, ys, lens = [], [], np.zeros(len(df), np.int64)
                trips = df[self.trip_col].to_numpy(dtype=object, na_value=None)
                for i, txt in enumerate(df[self.poly_col].to_numpy(dtype=object, na_value=None)):
                    pts = self._polyline(txt, row0 + i, trips[i])
                    if pts is None:
                        self.stats.n_empty_polylines += 1
                        continue
                    lens[i] = pts.shape[0]
                    xs.append(pts[:, 0])
                    ys.append(pts[:, 1])
                self._fraction = self._src.fraction()
                if not xs:
                    continue
                rows = np.repeat(np.arange(len(df)), lens)
                starts = np.repeat(np.cumsum(lens) - lens, lens)
                seq = np.arange(rows.size, dtype=np.int64) - starts
                start_t = pd_numeric(df[self.ts_col])
                t = epoch_numbers_to_seconds(start_t)[rows]
                t = np.where(t == NAT, NAT, t + PORTO_INTERVAL_S * seq)
                sub = df[[n for n, _ in self._schema[:-1]]].iloc[rows].reset_index(drop=True)
                sub["seq"] = seq
                columns = self._typed_columns(sub, None)
                chunk = self._finish(trips[rows], np.concatenate(xs), np.concatenate(ys), t, columns)
                if chunk is not None:
                    yield chunk
        finally:
            self._fraction = 1.0
            self._src.close()

    def _polyline(self, txt, row, trip):
        where = f"POLYLINE of data row {row + 1} (TRIP_ID {trip})"
        if txt is None or str(txt).strip() in ("", "[]"):
            return None
        try:
            pts = np.asarray(json.loads(txt), dtype=np.float64)
        except (ValueError, TypeError) as e:
            raise FormatError(f"{where} is not a JSON list of [lon, lat] pairs ({e}): '{str(txt)[:60]}'") from None
        if pts.size == 0:
            return None
        if pts.ndim != 2 or pts.shape[1] != 2:
            raise FormatError(f"{where} is not a list of [lon, lat] pairs: '{str(txt)[:60]}'")
        return pts


def read_porto_csv(path, chunksize: int = 2000) -> ChunkReader:
    """Reader of the ECML/PKDD 2015 Porto taxi CSV (``chunksize`` = trips per chunk, ~50 points each).

    One trajectory per TRIP_ID (kept as text); point ``k`` of POLYLINE has time TIMESTAMP + 15*k s and
    ``seq`` = k; trips with an empty POLYLINE are skipped and counted; the other columns (CALL_TYPE,
    ORIGIN_CALL, ORIGIN_STAND, TAXI_ID, TIMESTAMP, DAY_TYPE, MISSING_DATA) are kept. WGS 84 lon/lat.
    """
    path = check_file(path)
    cols = read_header(path, ",")
    need = [n for n in ("TRIP_ID", "TIMESTAMP", "POLYLINE") if find_column(cols, n) is None]
    if need:
        raise missing_columns_error(path, need, cols, "porto")
    return _PortoReader(path, cols, chunksize)
