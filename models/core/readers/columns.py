"""Columns of trajectory files: the names tried for x/y/id/time, format sniffing from a header, and the typing of
output columns (kinds 'int', 'double', 'bool', 'string'; missing values NaN/None)."""

from __future__ import annotations

import os
from typing import Optional, Sequence, Tuple

import numpy as np

from ..timeparse import NAT, epoch_numbers_to_seconds, parse_times
from .common import FormatError

__all__ = [
    "X_NAMES",
    "Y_NAMES",
    "ID_NAMES",
    "TIME_NAMES",
    "FORMAT_LABEL",
    "find_column",
    "sniff_format",
    "missing_columns_error",
    "kind_of",
    "coerce",
    "column_values",
    "pd_numeric",
    "times_of",
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


def find_column(columns: Sequence[str], name: str) -> Optional[str]:
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
    if any(find_column(columns, n) for n in X_NAMES) and any(find_column(columns, n) for n in Y_NAMES):
        return "generic"
    return None


FORMAT_LABEL = {
    "porto": "Porto taxi CSV",
    "lymob": "LYMob / YJMob100K CSV",
    "geolife": "GeoLife .plt folder",
    "generic": "generic points CSV",
}


def missing_columns_error(path, wanted, columns, this_format) -> FormatError:
    guess = sniff_format(columns)
    hint = ""
    if guess and guess != this_format:
        hint = f" This looks like a {FORMAT_LABEL[guess]}: choose that format."
    return FormatError(
        f"'{os.path.basename(path)}' lacks the column(s) {', '.join(wanted)} needed by the "
        f"{FORMAT_LABEL[this_format]} format; columns present: {', '.join(columns) or '(none)'}.{hint}",
        "format" if guess and guess != this_format else "file",
    )


# ============================================================================ column typing
def kind_of(series) -> str:
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


def coerce(series, kind: str) -> Tuple[np.ndarray, int]:
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


def pd_numeric(series) -> np.ndarray:
    import pandas as pd

    if series.dtype.kind in "iuf":
        return series.to_numpy(dtype=np.float64, na_value=np.nan)
    return pd.to_numeric(series, errors="coerce").to_numpy(dtype=np.float64, na_value=np.nan)


def times_of(series) -> np.ndarray:
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
