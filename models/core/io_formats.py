"""Streaming readers of trajectory files (no qgis): generic point CSV, Porto taxi CSV, GeoLife .plt trees and
LYMob-4Cities / YJMob100K grid CSV.

Every ``read_*`` function checks the file at once (missing path, 0-byte file, missing columns, bad header: a
:class:`FormatError` naming what is wrong) and returns a :class:`ChunkReader`. Iterating the reader yields
:class:`Chunk` objects (flat numpy columns of at most about ``chunksize`` points), so a file of any size is read
without holding Python objects per point. The reader keeps the counters of what it skipped in ``reader.stats``
(:class:`ReadStats`), the output columns and their kinds in ``reader.schema`` (fixed by the first chunk) and the
share of the file read so far in ``reader.fraction()`` (file position; compressed bytes for ``.gz``).

:class:`ImportTally` then keeps per-trajectory aggregates over the chunks (ids, point counts, whether time goes
backwards) and, only when asked, the point arrays needed to build lines with :meth:`Trajectories.from_points`
(about 28 bytes per point).

Rules shared by all readers: a point without a usable coordinate is skipped and counted; a point without a
trajectory id is skipped and counted; a point whose time cannot be read keeps a missing time (``NAT``) and is
counted; the order of points is the file order.
"""

from __future__ import annotations

import gzip
import json
import os
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Sequence, Tuple

import numpy as np

from .timeparse import NAT, epoch_numbers_to_seconds, parse_times
from .trajectories import CleaningReport, Trajectories, TrajectoryDataError

__all__ = [
    "Chunk",
    "ReadStats",
    "ChunkReader",
    "FormatError",
    "ImportTally",
    "read_generic_csv",
    "read_porto_csv",
    "read_geolife_plt",
    "read_lymob_csv",
    "lymob_encode",
    "write_lymob_csv",
    "column_values",
    "sniff_format",
    "points_from_wkb",
    "X_NAMES",
    "Y_NAMES",
    "ID_NAMES",
    "TIME_NAMES",
    "LYMOB_MASK",
    "LYMOB_SLOT_S",
    "PORTO_INTERVAL_S",
]

#: column names tried, in this order and case-insensitively, when a generic CSV column is not given
X_NAMES = ("lon", "longitude", "lng", "long", "x", "easting", "location-long")
Y_NAMES = ("lat", "latitude", "y", "northing", "location-lat")
ID_NAMES = (
    "traj_id",
    "trajectory_id",
    "trajectory",
    "track_id",
    "trip_id",
    "tid",
    "track",
    "trip",
    "individual-local-identifier",
    "vehicle_id",
    "taxi_id",
    "mmsi",
    "user_id",
    "uid",
    "id",
)
TIME_NAMES = ("time", "timestamp", "datetime", "date_time", "t_utc", "t_unix", "basedatetime", "utc_time", "when", "t")

PORTO_INTERVAL_S = 15  # one POLYLINE fix every 15 s from TIMESTAMP
LYMOB_MASK = 999  # x/y value of a masked (hidden) LYMob record
LYMOB_SLOT_S = 1800  # LYMob t: 30-minute slots 0..47
_DAY_S = 86400


class FormatError(TrajectoryDataError):
    """The file cannot be read in the chosen format; ``role`` says which input to fix:
    'file', 'format', 'x', 'y', 'id', 'time', 'start_date' or 'cell_size'."""

    def __init__(self, message: str, role: str = "file"):
        super().__init__(message)
        self.role = role


@dataclass
class Chunk:
    """A block of points: trajectory ids, coordinates, int64 epoch seconds (``NAT`` = missing) or None,
    and the other output columns (name -> array of len(ids), kinds as in ``ChunkReader.schema``)."""

    ids: np.ndarray
    x: np.ndarray
    y: np.ndarray
    t: Optional[np.ndarray]
    columns: Dict[str, np.ndarray] = field(default_factory=dict)

    def __len__(self) -> int:
        return int(self.x.shape[0])


@dataclass
class ReadStats:
    """What a reader read and skipped."""

    n_rows: int = 0  # data rows (Porto: trips; GeoLife: lines of .plt files)
    n_points: int = 0  # points yielded
    n_null_coordinates: int = 0  # skipped: x or y missing / not a number
    n_null_ids: int = 0  # skipped: no trajectory id
    n_null_times: int = 0  # kept with a missing time
    n_empty_polylines: int = 0  # Porto: trips with POLYLINE [] (skipped)
    n_masked: int = 0  # LYMob: records with x/y = 999 (skipped)
    n_files: int = 0  # GeoLife: .plt files read
    n_empty_files: int = 0  # GeoLife: .plt files without points
    type_mismatch: Dict[str, int] = field(default_factory=dict)  # column -> values written as NULL
    notes: List[str] = field(default_factory=list)  # decisions the user should know about

    def messages(self) -> List[str]:
        out = list(self.notes)
        if self.n_null_coordinates:
            out.append(f"{self.n_null_coordinates} row(s) without valid coordinates were skipped")
        if self.n_null_ids:
            out.append(f"{self.n_null_ids} row(s) without a trajectory id were skipped")
        if self.n_null_times:
            out.append(f"{self.n_null_times} point(s) have a time that could not be read (left empty)")
        if self.n_empty_polylines:
            out.append(f"{self.n_empty_polylines} trip(s) with an empty POLYLINE were skipped")
        if self.n_masked:
            out.append(f"{self.n_masked} masked record(s) (x/y = {LYMOB_MASK}) were skipped")
        if self.n_empty_files:
            out.append(f"{self.n_empty_files} .plt file(s) without points were skipped")
        for c, n in self.type_mismatch.items():
            out.append(
                f"{n} value(s) of column '{c}' did not match the type read from the first rows and were left empty"
            )
        return out

    def as_dict(self) -> dict:
        return {
            "N_ROWS": self.n_rows,
            "N_POINTS": self.n_points,
            "N_SKIPPED_NULL_COORDINATES": self.n_null_coordinates,
            "N_SKIPPED_NULL_IDS": self.n_null_ids,
            "N_NULL_TIMES": self.n_null_times,
            "N_SKIPPED_EMPTY_POLYLINES": self.n_empty_polylines,
            "N_SKIPPED_MASKED": self.n_masked,
            "N_FILES": self.n_files,
        }


# ============================================================================ file access
class _ByteSource:
    """A binary handle on a plain or gzip file whose progress is the position in the file on disk."""

    def __init__(self, path: str):
        self.raw = open(path, "rb")
        self.size = max(os.fstat(self.raw.fileno()).st_size, 1)
        magic = self.raw.read(2)
        self.raw.seek(0)
        self.handle = gzip.GzipFile(fileobj=self.raw, mode="rb") if magic == b"\x1f\x8b" else self.raw

    def fraction(self) -> float:
        try:
            return min(1.0, self.raw.tell() / self.size)
        except (ValueError, OSError):  # closed
            return 1.0

    def close(self):
        if self.handle is not self.raw:
            self.handle.close()
        self.raw.close()


def _check_file(path, what="file") -> str:
    if path is None or str(path).strip() == "":
        raise FormatError(f"no {what} given")
    path = os.fspath(path)
    if not os.path.exists(path):
        raise FormatError(f"'{path}' does not exist")
    if os.path.isdir(path):
        raise FormatError(f"'{path}' is a folder; choose a file (only the GeoLife format reads a folder)", "format")
    if os.path.getsize(path) == 0:
        raise FormatError(f"'{path}' is empty (0 bytes)")
    return path


def _read_header(path: str, sep: str) -> List[str]:
    import pandas as pd

    src = _ByteSource(path)
    try:
        cols = pd.read_csv(src.handle, sep=sep, nrows=0, encoding="utf-8-sig").columns
    except Exception as e:  # noqa: BLE001 - every pandas/gzip/unicode failure is a bad file
        raise _csv_error(path, e) from None
    finally:
        src.close()
    return [str(c).strip() for c in cols]


def _csv_error(path, e) -> FormatError:
    import pandas as pd

    if isinstance(e, FormatError):
        return e
    if isinstance(e, pd.errors.EmptyDataError):
        return FormatError(f"'{path}' holds no data (no header line)")
    if isinstance(e, UnicodeDecodeError):
        return FormatError(f"'{path}' is not a UTF-8 text file (is it the right file and format?)", "format")
    if isinstance(e, (OSError, EOFError)):
        return FormatError(f"'{path}' cannot be read ({e}); a truncated or damaged file?")
    return FormatError(f"'{path}' is not a well-formed CSV file: {e}")


def _iter_csv(src: _ByteSource, path, sep, chunksize, dtype=None):
    import pandas as pd

    try:
        reader = pd.read_csv(
            src.handle, sep=sep, chunksize=chunksize, encoding="utf-8-sig", dtype=dtype, skipinitialspace=True
        )
        for df in reader:
            df.columns = [str(c).strip() for c in df.columns]
            yield df
    except Exception as e:  # noqa: BLE001
        raise _csv_error(path, e) from None


def _find(columns: Sequence[str], name: str) -> Optional[str]:
    """The column matching ``name`` exactly, else case-insensitively, else None."""
    if name in columns:
        return name
    low = name.lower()
    for c in columns:
        if c.lower() == low:
            return c
    return None


def sniff_format(columns: Sequence[str]) -> Optional[str]:
    """'porto', 'lymob', 'geolife' or 'generic' guessed from a header, None when nothing fits."""
    low = {c.lower() for c in columns}
    if {"trip_id", "polyline"} <= low:
        return "porto"
    if {"uid", "d", "t", "x", "y"} <= low:
        return "lymob"
    if any(c.lower().startswith("geolife trajectory") for c in columns):
        return "geolife"
    if any(_find(columns, n) for n in X_NAMES) and any(_find(columns, n) for n in Y_NAMES):
        return "generic"
    return None


_FORMAT_LABEL = {
    "porto": "Porto taxi CSV",
    "lymob": "LYMob / YJMob100K CSV",
    "geolife": "GeoLife .plt folder",
    "generic": "generic points CSV",
}


def _missing_columns(path, wanted, columns, this_format) -> FormatError:
    guess = sniff_format(columns)
    hint = ""
    if guess and guess != this_format:
        hint = f" This looks like a {_FORMAT_LABEL[guess]}: choose that format."
    return FormatError(
        f"'{os.path.basename(path)}' lacks the column(s) {', '.join(wanted)} needed by the "
        f"{_FORMAT_LABEL[this_format]} format; columns present: {', '.join(columns) or '(none)'}.{hint}",
        "format" if guess and guess != this_format else "file",
    )


# ============================================================================ column typing
def _kind_of(series) -> str:
    k = series.dtype.kind
    if k == "b":
        return "bool"
    if k in "iu":
        return "int"
    if k == "f":
        return "double" if series.notna().any() else "string"
    return "string"


_TRUE = {"true", "t", "yes", "y", "1"}
_FALSE = {"false", "f", "no", "n", "0"}


def _coerce(series, kind: str) -> Tuple[np.ndarray, int]:
    """Series -> array of ``kind`` (NaN/None = missing) and the number of values that did not fit."""
    import pandas as pd

    present = series.notna().to_numpy()
    k = series.dtype.kind
    if kind == "string":
        if k in "OUS" or k not in "biufcmM":
            out = series.to_numpy(dtype=object, na_value=None)
        else:
            out = np.where(present, series.astype(str).to_numpy(dtype=object), None)
        return out, 0
    if kind == "bool":
        if k == "b":
            return series.to_numpy(dtype=bool), 0
        low = series.astype(str).str.strip().str.lower()
        out = np.full(len(series), None, dtype=object)
        out[low.isin(_TRUE).to_numpy() & present] = True
        out[low.isin(_FALSE).to_numpy() & present] = False
        return out, int((present & np.equal(out, None)).sum())
    if kind == "int" and k in "iu":
        return series.to_numpy(dtype=np.int64), 0
    if k == "b":
        num = series.to_numpy(dtype=np.float64)
    else:
        num = pd.to_numeric(series, errors="coerce").to_numpy(dtype=np.float64, na_value=np.nan)
    bad = present & ~np.isfinite(num)
    if kind == "int":
        frac = np.isfinite(num) & (num != np.round(num))
        bad |= frac
        num = np.where(frac, np.nan, num)
    else:
        num = np.where(np.isinf(num), np.nan, num)
    return num, int(bad.sum())


def column_values(arr: np.ndarray, kind: str) -> list:
    """Plain Python values of one output column for attribute tables (missing -> None)."""
    a = np.asarray(arr)
    if kind in ("int", "double") and a.dtype.kind == "f":
        vals = a.tolist()
        if kind == "int":
            return [None if v != v else int(v) for v in vals]
        return [None if v != v else v for v in vals]
    vals = a.tolist()
    if a.dtype.kind == "O":
        return [None if (v is None or (isinstance(v, float) and v != v)) else v for v in vals]
    return vals


# ============================================================================ reader base
class ChunkReader:
    """Iterable over :class:`Chunk`; ``stats``, ``schema`` [(name, kind)], ``id_kind``, ``has_time``,
    ``crs`` (the CRS the coordinates are in, '' when the caller decides) and ``fraction()``."""

    format_name = ""
    id_kind = "string"
    has_time = True
    crs = ""

    def __init__(self, path: str, chunksize: int):
        self.path = path
        self.chunksize = max(int(chunksize), 1)
        self.stats = ReadStats()
        self._schema: Optional[List[Tuple[str, str]]] = None
        self._gen = None
        self._pending: List[Chunk] = []
        self._fraction = 0.0

    @property
    def schema(self) -> List[Tuple[str, str]]:
        """Output columns (besides id and time); reading the first chunk fixes the kinds when needed."""
        if self._schema is None:
            self._start()
            chunk = next(self._gen, None)
            if chunk is not None:
                self._pending.append(chunk)
            if self._schema is None:
                self._schema = self._fallback_schema()
        return self._schema

    def fraction(self) -> float:
        return self._fraction

    def __iter__(self):
        self._start()
        while self._pending:
            yield self._pending.pop(0)
        for chunk in self._gen:
            yield chunk
        self._fraction = 1.0

    def _start(self):
        if self._gen is None:
            self._gen = self._chunks()

    def _fallback_schema(self):
        return []

    def _chunks(self):  # pragma: no cover - overridden
        raise NotImplementedError

    def _finish(self, ids, x, y, t, columns, drop_null_ids=True) -> Optional[Chunk]:
        """Drop rows without coordinates / id, count missing times, build the chunk."""
        x = np.asarray(x, np.float64)
        y = np.asarray(y, np.float64)
        keep = np.isfinite(x) & np.isfinite(y)
        self.stats.n_null_coordinates += int(keep.size - keep.sum())
        if drop_null_ids and ids.dtype.kind == "O":
            has_id = ~np.equal(ids, None)
            self.stats.n_null_ids += int((keep & ~has_id).sum())
            keep &= has_id
        if not keep.all():
            ids, x, y = ids[keep], x[keep], y[keep]
            t = None if t is None else t[keep]
            columns = {k: v[keep] for k, v in columns.items()}
        if t is not None:
            self.stats.n_null_times += int((t == NAT).sum())
        self.stats.n_points += int(x.size)
        if x.size == 0:
            return None
        return Chunk(ids=ids, x=x, y=y, t=t, columns=columns)

    def _typed_columns(self, df, names) -> Dict[str, np.ndarray]:
        """Columns coerced to the schema kinds; the first call fixes the kinds from the data."""
        if self._schema is None:
            self._schema = [(n, _kind_of(df[n])) for n in names]
        out = {}
        for n, kind in self._schema:
            arr, bad = _coerce(df[n], kind)
            if bad:
                self.stats.type_mismatch[n] = self.stats.type_mismatch.get(n, 0) + bad
            out[n] = arr
        return out


def _times_of(series) -> np.ndarray:
    k = series.dtype.kind
    if k in "iuf":
        return epoch_numbers_to_seconds(series.to_numpy(dtype=np.float64, na_value=np.nan))
    if k == "M":
        v = series.to_numpy()
        if getattr(series.dtype, "tz", None) is not None:
            v = series.dt.tz_convert(None).to_numpy()
        out = v.astype("datetime64[s]").astype(np.int64)
        out[np.isnat(v)] = NAT
        return out
    return parse_times(series.to_numpy(dtype=object, na_value=None))


# ============================================================================ generic CSV
class _GenericCsvReader(ChunkReader):
    format_name = "generic"

    def __init__(self, path, x, y, id_cols, time_col, delimiter, chunksize):
        super().__init__(path, chunksize)
        self.sep = delimiter
        self._src = None
        self.x_col, self.y_col, self.id_cols, self.time_col = x, y, id_cols, time_col
        self.has_time = time_col is not None

    def fraction(self) -> float:
        return self._src.fraction() if self._src is not None else self._fraction

    def _fallback_schema(self):
        return [(c, "string") for c in self._source_names]

    def _chunks(self):
        self._src = _ByteSource(self.path)
        first = True
        dtype = {c: str for c in self.id_cols}
        try:
            for df in _iter_csv(self._src, self.path, self.sep, self.chunksize, dtype=dtype):
                row0 = self.stats.n_rows
                self.stats.n_rows += len(df)
                x = pd_numeric(df[self.x_col])
                y = pd_numeric(df[self.y_col])
                if first:
                    self._check_first(df, x, y)
                ids = self._ids(df)
                t = _times_of(df[self.time_col]) if self.time_col else None
                if first and t is not None:
                    given = df[self.time_col].notna().to_numpy()
                    if given.any() and not (t[given] != NAT).any():
                        sample = df[self.time_col][given].iloc[0]
                        raise FormatError(
                            f"the time column '{self.time_col}' cannot be read as date-times or "
                            f"epoch numbers (first value: '{sample}', row {row0 + 1})",
                            "time",
                        )
                first = False
                chunk = self._finish(ids, x, y, t, self._typed_columns(df, self._source_names))
                self._fraction = self._src.fraction()
                if chunk is not None:
                    yield chunk
        finally:
            self._fraction = 1.0
            self._src.close()

    def _check_first(self, df, x, y):
        for col, v, role in ((self.x_col, x, "x"), (self.y_col, y, "y")):
            present = df[col].notna().to_numpy()
            if present.any() and not np.isfinite(v).any():
                raise FormatError(
                    f"the {role} column '{col}' holds no numbers (first value: "
                    f"'{df[col][present].iloc[0]}'); choose the coordinate column or the right "
                    f"delimiter",
                    role,
                )

    def _ids(self, df) -> np.ndarray:
        if not self.id_cols:
            return np.full(len(df), self._single_id, dtype=object)
        parts = [df[c].astype(object) for c in self.id_cols]
        missing = np.zeros(len(df), dtype=bool)
        for p in parts:
            missing |= p.isna().to_numpy()
        if len(parts) == 1:
            out = parts[0].to_numpy(dtype=object)
        else:
            s = parts[0].fillna("").astype(str)
            for p in parts[1:]:
                s = s + "_" + p.fillna("").astype(str)
            out = s.to_numpy(dtype=object)
        out = out.copy()
        out[missing] = None
        return out


def pd_numeric(series) -> np.ndarray:
    import pandas as pd

    if series.dtype.kind in "iuf":
        return series.to_numpy(dtype=np.float64, na_value=np.nan)
    return pd.to_numeric(series, errors="coerce").to_numpy(dtype=np.float64, na_value=np.nan)


def _split_names(value) -> List[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [v.strip() for v in value.split(",") if v.strip()]
    return [str(v).strip() for v in value if str(v).strip()]


def read_generic_csv(
    path,
    x: Optional[str] = None,
    y: Optional[str] = None,
    id_cols=None,
    time_col: Optional[str] = None,
    delimiter: str = ",",
    chunksize: int = 100_000,
) -> ChunkReader:
    """Reader of a CSV (or .csv.gz) with one row per point.

    ``x``/``y``/``time_col``: column names (case-insensitive); empty: the first of :data:`X_NAMES`,
    :data:`Y_NAMES`, :data:`TIME_NAMES` present (no time column found -> points without time).
    ``id_cols``: a column, or several (list or "a,b") whose values are joined with "_" into one id (read as
    text, so leading zeros stay); empty: the first of :data:`ID_NAMES` present, else the whole file is one
    trajectory named after the file (a note in ``stats``). Every column except x/y is kept in ``columns``.
    """
    path = _check_file(path)
    sep = "\t" if delimiter in ("\\t", "tab", "TAB") else (delimiter or ",")
    cols = _read_header(path, sep)
    notes = []

    def resolve(given, candidates, role, required):
        if given:
            c = _find(cols, given)
            if c is None:
                raise FormatError(
                    f"the {role} column '{given}' is not in '{os.path.basename(path)}'; columns "
                    f"present: {', '.join(cols)}",
                    role,
                )
            return c
        for cand in candidates:
            c = _find(cols, cand)
            if c is not None:
                return c
        if required:
            guess = sniff_format(cols)
            hint = (
                f" This looks like a {_FORMAT_LABEL[guess]}: choose that format."
                if guess and guess != "generic"
                else ""
            )
            extra = "" if len(cols) > 1 else " Only one column was found: is the delimiter right?"
            raise FormatError(
                f"no {role} column found (tried {', '.join(candidates)}); columns present: "
                f"{', '.join(cols)}. Name the column.{extra}{hint}",
                "format" if hint else role,
            )
        return None

    xc = resolve(x, X_NAMES, "x", True)
    yc = resolve(y, Y_NAMES, "y", True)
    tc = resolve(time_col, TIME_NAMES, "time", False)
    ids = []
    for name in _split_names(id_cols):
        c = _find(cols, name)
        if c is None:
            raise FormatError(
                f"the trajectory id column '{name}' is not in '{os.path.basename(path)}'; columns "
                f"present: {', '.join(cols)}",
                "id",
            )
        ids.append(c)
    if not ids:
        found = next((c for c in (_find(cols, n) for n in ID_NAMES) if c and c not in (xc, yc, tc)), None)
        if found:
            ids = [found]
        else:
            notes.append("no trajectory id column found: the whole file is read as one trajectory")
    if tc is None:
        notes.append("no time column found: points have no time and keep the file order")
    r = _GenericCsvReader(path, xc, yc, ids, tc, sep, chunksize)
    stem = os.path.basename(path)
    for ext in (".gz", ".csv", ".txt", ".tsv"):
        if stem.lower().endswith(ext):
            stem = stem[: -len(ext)]
    r._single_id = stem or "1"
    r._source_names = [c for c in cols if c not in (xc, yc)]
    r.stats.notes.extend(notes)
    r.id_columns = ids
    return r


# ============================================================================ Porto taxi CSV
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
        self.trip_col = _find(cols, "TRIP_ID")
        self.ts_col = _find(cols, "TIMESTAMP")
        self.poly_col = _find(cols, "POLYLINE")
        keep = [c for c in cols if c not in (self.trip_col, self.poly_col)]
        self._schema = [(c, _PORTO_KINDS.get(c.upper(), "string")) for c in keep] + [("seq", "int")]

    def fraction(self) -> float:
        return self._src.fraction() if self._src is not None else self._fraction

    def _chunks(self):
        self._src = _ByteSource(self.path)
        try:
            for df in _iter_csv(self._src, self.path, ",", self.chunksize, dtype=str):
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
                columns = {}
                for n, kind in self._schema:
                    arr, bad = _coerce(sub[n], kind)
                    if bad:
                        self.stats.type_mismatch[n] = self.stats.type_mismatch.get(n, 0) + bad
                    columns[n] = arr
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
    path = _check_file(path)
    cols = _read_header(path, ",")
    need = [n for n in ("TRIP_ID", "TIMESTAMP", "POLYLINE") if _find(cols, n) is None]
    if need:
        raise _missing_columns(path, need, cols, "porto")
    return _PortoReader(path, cols, chunksize)


# ============================================================================ GeoLife .plt
_PLT_COLS = ["lat", "lon", "zero", "alt_ft", "days", "date", "time"]


def _plt_files(path) -> Tuple[str, List[str]]:
    """(root, sorted .plt files) for a GeoLife folder, a user folder, a Trajectory folder or a file inside."""
    if path is None or str(path).strip() == "":
        raise FormatError("no file or folder given")
    path = os.path.abspath(os.fspath(path))
    if not os.path.exists(path):
        raise FormatError(f"'{path}' does not exist")
    if os.path.isfile(path):
        parent = os.path.dirname(path)
        root = os.path.dirname(os.path.dirname(parent)) if os.path.basename(parent).lower() == "trajectory" else parent
    else:
        root = path
    found = []

    def plts(folder):
        try:
            names = sorted(os.listdir(folder))
        except OSError:
            return []
        return [
            os.path.join(folder, n)
            for n in names
            if n.lower().endswith(".plt") and os.path.isfile(os.path.join(folder, n))
        ]

    def subdirs(folder):
        try:
            return [
                os.path.join(folder, n) for n in sorted(os.listdir(folder)) if os.path.isdir(os.path.join(folder, n))
            ]
        except OSError:
            return []

    def traj_dir(user):
        return next((d for d in subdirs(user) if os.path.basename(d).lower() == "trajectory"), None)

    found += plts(root)  # a Trajectory folder (or loose .plt files)
    td = traj_dir(root)  # a user folder
    if td:
        found += plts(td)
    for base in [root] + [d for d in subdirs(root) if os.path.basename(d).lower() == "data"]:
        for user in subdirs(base):  # the Data folder: <user>/Trajectory/*.plt
            td = traj_dir(user)
            if td:
                found += plts(td)
    if not found:
        raise FormatError(
            f"no .plt file found in '{root}': the GeoLife format reads <folder>/<user>/Trajectory/"
            f"*.plt (choose the Data folder, a user folder, or any .plt file inside)",
            "format",
        )
    return root, list(dict.fromkeys(found))


def _plt_user(f: str) -> str:
    parent = os.path.dirname(f)
    if os.path.basename(parent).lower() == "trajectory":
        return os.path.basename(os.path.dirname(parent))
    return os.path.basename(parent)


class _GeolifeReader(ChunkReader):
    format_name = "geolife"
    crs = "EPSG:4326"

    def __init__(self, root, files, chunksize):
        super().__init__(root, chunksize)
        self.files = files
        self._sizes = np.array([max(os.path.getsize(f), 1) for f in files], dtype=np.float64)
        self._schema = [("user_id", "string"), ("lat", "double"), ("lon", "double"), ("alt_ft", "double")]

    def _chunks(self):
        import pandas as pd

        total = float(self._sizes.sum())
        done = 0.0
        frames, n_buf = [], 0
        for k, f in enumerate(self.files):
            df = self._read_plt(f)
            done += self._sizes[k]
            self.stats.n_files += 1
            if df is None:
                self.stats.n_empty_files += 1
                continue
            self.stats.n_rows += len(df)
            frames.append(df)
            n_buf += len(df)
            if n_buf >= self.chunksize or k == len(self.files) - 1:
                self._fraction = done / total
                chunk = self._make(pd.concat(frames, ignore_index=True))
                frames, n_buf = [], 0
                if chunk is not None:
                    yield chunk
        if frames:
            chunk = self._make(pd.concat(frames, ignore_index=True))
            if chunk is not None:
                yield chunk
        self._fraction = 1.0

    def _read_plt(self, f):
        import pandas as pd

        name = os.path.basename(f)
        with open(f, "rb") as fh:
            head = [fh.readline() for _ in range(6)]
        first = head[0].decode("utf-8", "replace").lstrip("\ufeff").strip()
        if not first.lower().startswith("geolife trajectory") or not head[5]:
            raise FormatError(
                f"'{f}' is not a GeoLife .plt file: it must start with 6 header lines, the first "
                f"being 'Geolife trajectory' (found '{first[:40]}')",
                "file",
            )
        try:
            df = pd.read_csv(
                f,
                skiprows=6,
                header=None,
                names=_PLT_COLS,
                dtype={"date": str, "time": str},
                skipinitialspace=True,
                index_col=False,
            )
        except pd.errors.EmptyDataError:
            return None
        except Exception as e:  # noqa: BLE001
            raise FormatError(f"'{f}' has malformed data lines (expected lat,lon,0,altitude,days,date,time): {e}")
        if len(df) == 0:
            return None
        if df["time"].isna().all() and len(df) > 0:
            raise FormatError(
                f"'{f}' has malformed data lines (expected 7 values: lat,lon,0,altitude,days,date,"
                f"time; first line '{','.join(map(str, df.iloc[0].tolist()))}')"
            )
        stem = os.path.splitext(name)[0]
        df["user_id"] = _plt_user(f)
        df["traj"] = _plt_user(f) + "_" + stem
        return df

    def _make(self, df):
        import pandas as pd

        when = pd.to_datetime(
            df["date"].astype(str) + " " + df["time"].astype(str), format="%Y-%m-%d %H:%M:%S", errors="coerce"
        )
        t = when.to_numpy().astype("datetime64[s]").astype(np.int64)
        t[np.isnat(when.to_numpy())] = NAT
        columns = {}
        for n, kind in self._schema:
            arr, bad = _coerce(df[n], kind)
            if bad:
                self.stats.type_mismatch[n] = self.stats.type_mismatch.get(n, 0) + bad
            columns[n] = arr
        return self._finish(df["traj"].to_numpy(dtype=object), pd_numeric(df["lon"]), pd_numeric(df["lat"]), t, columns)


def read_geolife_plt(root, chunksize: int = 100_000) -> ChunkReader:
    """Reader of a GeoLife 1.3 tree: ``root`` is the Data folder, a user folder, a Trajectory folder or any
    .plt file inside one (a file stands for the whole tree it belongs to: <root>/<user>/Trajectory/x.plt).

    A .plt has 6 header lines then ``lat,lon,0,alt_ft,days,date,time`` rows. Trajectory id
    ``<user>_<file stem>``; kept columns user_id, lat, lon, alt_ft; time from date + time (GMT). WGS 84.
    """
    r, files = _plt_files(root)
    return _GeolifeReader(r, files, chunksize)


# ============================================================================ LYMob / YJMob100K
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
        self._src = _ByteSource(self.path)
        try:
            for df in _iter_csv(self._src, self.path, ",", self.chunksize):
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
    path = _check_file(path)
    if not (np.isfinite(cell_size) and cell_size > 0):
        raise FormatError(f"the cell size must be a positive number (got {cell_size})", "cell_size")
    start = _start_seconds(start_date)
    cols = _read_header(path, ",")
    names = {k: _find(cols, k) for k in _LYMOB_COLS}
    need = [k for k, c in names.items() if c is None]
    if need:
        raise _missing_columns(path, need, cols, "lymob")
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


# ============================================================================ per-trajectory tally
class ImportTally:
    """Per-trajectory aggregates over streamed chunks: ids (first-appearance order), point counts, whether time
    ever decreases inside a trajectory (file order); with ``keep_points`` also the coordinates and times needed
    by :meth:`trajectories` (int32 code + x + y + t = 28 bytes per point)."""

    def __init__(self, keep_points: bool = False, id_kind: str = "string"):
        self.keep_points = keep_points
        self.id_kind = id_kind
        self._code: Dict[object, int] = {}
        self._ids: list = []
        self.counts = np.zeros(0, np.int64)
        self._last_t = np.zeros(0, np.int64)
        self._unsorted = np.zeros(0, bool)
        self._parts: List[tuple] = []

    @property
    def n_trajectories(self) -> int:
        return len(self._ids)

    @property
    def n_unsorted(self) -> int:
        return int(self._unsorted.sum())

    @property
    def ids(self) -> np.ndarray:
        return np.asarray(self._ids, dtype=np.int64 if self.id_kind == "int" else object)

    def codes(self, ids: np.ndarray) -> np.ndarray:
        import pandas as pd

        local, uniq = pd.factorize(np.asarray(ids), sort=False)
        uniq = np.asarray(uniq).tolist()
        mapping = np.empty(len(uniq), np.int64)
        for j, u in enumerate(uniq):
            c = self._code.get(u)
            if c is None:
                c = self._code[u] = len(self._ids)
                self._ids.append(u)
            mapping[j] = c
        n = len(self._ids)
        if n > self.counts.size:
            grow = max(n, 2 * self.counts.size)
            self.counts = np.concatenate([self.counts, np.zeros(grow - self.counts.size, np.int64)])
            self._last_t = np.concatenate([self._last_t, np.full(grow - self._last_t.size, NAT, np.int64)])
            self._unsorted = np.concatenate([self._unsorted, np.zeros(grow - self._unsorted.size, bool)])
        return mapping[local]

    def add(self, chunk: Chunk) -> np.ndarray:
        """Register a chunk; returns the trajectory code (0..) of each point."""
        codes = self.codes(chunk.ids)
        self.counts[: len(self._ids)] += np.bincount(codes, minlength=len(self._ids))
        if chunk.t is not None:
            self._update_order(codes, chunk.t)
        if self.keep_points:
            self._parts.append(
                (codes.astype(np.int32), chunk.x.copy(), chunk.y.copy(), None if chunk.t is None else chunk.t.copy())
            )
        return codes

    def _update_order(self, codes, t):
        ok = t != NAT
        c, tt = codes[ok], t[ok]
        if c.size == 0:
            return
        o = np.argsort(c, kind="stable")
        c, tt = c[o], tt[o]
        same = c[1:] == c[:-1]
        self._unsorted[c[1:][same & (tt[1:] < tt[:-1])]] = True
        first = np.ones(c.size, bool)
        first[1:] = ~same
        last = np.ones(c.size, bool)
        last[:-1] = ~same
        fc, ft = c[first], tt[first]
        prev = self._last_t[fc]
        self._unsorted[fc[(prev != NAT) & (ft < prev)]] = True
        self._last_t[c[last]] = tt[last]

    def trajectories(self, crs: str = "", min_points: int = 2) -> Tuple[Trajectories, CleaningReport]:
        """The kept points as :class:`Trajectories` (cleaning rules of :meth:`Trajectories.from_points`: sorted by
        time, repeated times dropped, points without time dropped, short trajectories skipped)."""
        if not self.keep_points:
            raise ValueError("the tally was made without keep_points")
        if not self._parts:
            codes, x, y, t = np.zeros(0, np.int64), np.zeros(0), np.zeros(0), None
        else:
            codes = np.concatenate([p[0] for p in self._parts]).astype(np.int64)
            x = np.concatenate([p[1] for p in self._parts])
            y = np.concatenate([p[2] for p in self._parts])
            has_t = all(p[3] is not None for p in self._parts)
            t = np.concatenate([p[3] for p in self._parts]) if has_t else None
        self._parts = []  # free as soon as the container is built
        trajs, rep = Trajectories.from_points(codes, x, y, t, crs=crs, min_points=min_points, drop_null_time=True)
        trajs.ids = self.ids[trajs.ids] if len(trajs) else self.ids[:0]
        return trajs, rep


# ---------------------------------------------------------------------------- WKB
def points_from_wkb(wkb):
    """(x, y, empty) from an array of WKB point blobs; vectorised for plain 2D points, shapely otherwise.

    Returns (None, None, None) when a geometry is not a point."""
    wkb = np.asarray(wkb)
    buf = None
    if wkb.dtype.kind == "V" and wkb.dtype.itemsize == 21:  # fixed-size blobs straight from GDAL
        buf = np.frombuffer(wkb.tobytes(), dtype=np.uint8).reshape(-1, 21)
    elif wkb.dtype.kind == "O" and all(b is not None and len(b) == 21 for b in wkb):
        buf = np.frombuffer(b"".join(wkb), dtype=np.uint8).reshape(-1, 21)
    if buf is not None and buf.shape[0]:
        order = buf[:, 0]
        gtype = buf[:, 1:5].copy().view("<u4").ravel() if (order == 1).all() else None
        if gtype is not None and (gtype == 1).all():
            xy = buf[:, 5:21].copy().view("<f8").reshape(-1, 2)
            x, y = xy[:, 0].copy(), xy[:, 1].copy()
            return x, y, ~(np.isfinite(x) & np.isfinite(y))
    import shapely

    if wkb.dtype.kind == "V":
        wkb = np.asarray([bytes(b) for b in wkb], dtype=object)
    geoms = shapely.from_wkb(wkb)
    empty = shapely.is_missing(geoms) | shapely.is_empty(geoms)
    if shapely.get_type_id(geoms[~empty]).max(initial=0) != 0:
        return None, None, None
    x = np.full(len(wkb), np.nan)
    y = np.full(len(wkb), np.nan)
    x[~empty] = shapely.get_x(geoms[~empty])
    y[~empty] = shapely.get_y(geoms[~empty])
    return x, y, empty
