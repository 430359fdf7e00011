"""Vectorised parsing of time values to int64 epoch seconds (UTC); missing/unparseable -> INT64_MIN."""

from __future__ import annotations

import numpy as np

NAT = np.iinfo(np.int64).min


def parse_times(values) -> np.ndarray:
    """Parse date-time strings (ISO 8601 and common variants), numbers or datetimes.

    Strings that look numeric are epoch values: milliseconds when larger than 1e11, else seconds.
    Time-zone-aware strings are converted to UTC; naive strings are taken as UTC.
    """
    import pandas as pd

    a = np.asarray(values, dtype=object) if not isinstance(values, np.ndarray) or values.dtype.kind in "OUS" else values
    if a.dtype.kind in "iuf":
        return epoch_numbers_to_seconds(a)
    s = pd.Series(a, dtype=object)
    out = np.full(len(s), NAT, dtype=np.int64)
    if len(s) == 0:
        return out
    nonnull = s.notna().to_numpy()
    if not nonnull.any():
        return out
    txt = s[nonnull].astype(str).str.strip()
    num = pd.to_numeric(txt, errors="coerce")
    is_num = num.notna().to_numpy()
    res = np.full(txt.shape[0], NAT, dtype=np.int64)
    if is_num.any():
        res[is_num] = epoch_numbers_to_seconds(num.to_numpy()[is_num].astype(np.float64))
    if (~is_num).any():
        dt = _to_datetime(txt[~is_num])
        ok = dt.notna().to_numpy()
        sub = np.full(dt.shape[0], NAT, dtype=np.int64)
        sub[ok] = dt[ok].to_numpy().astype("datetime64[s]").astype(np.int64)
        res[~is_num] = sub
    out[nonnull] = res
    return out


def _to_datetime(txt):
    import pandas as pd

    for kwargs in ({"format": "ISO8601"}, {"format": "mixed"}):
        try:
            return pd.to_datetime(txt, errors="coerce", utc=True, **kwargs).dt.tz_convert(None)
        except (ValueError, TypeError):
            continue
    return pd.to_datetime(txt, errors="coerce", utc=True).dt.tz_convert(None)


def epoch_numbers_to_seconds(a) -> np.ndarray:
    a = np.asarray(a, dtype=np.float64)
    out = np.full(a.shape, NAT, dtype=np.int64)
    ok = np.isfinite(a)
    v = a[ok]
    ms = np.abs(v) > 1e11
    v = np.where(ms, v / 1000.0, v)
    out[ok] = np.floor(v).astype(np.int64)
    return out


def column_to_seconds(values) -> np.ndarray:
    """A time column as a file reader gives it (datetime64, epoch numbers, or ISO 8601 strings / bytes such as GDAL
    writes) -> int64 epoch seconds, NAT for missing: numpy's C parser for plain ISO strings, :func:`parse_times`
    otherwise."""
    vals = np.asarray(values)
    if vals.dtype.kind == "M":
        out = vals.astype("datetime64[s]").astype(np.int64)
        out[np.isnat(vals)] = NAT
        return out
    if vals.dtype.kind in "iuf":
        return epoch_numbers_to_seconds(vals)
    if vals.dtype.kind == "S":
        vals = vals.astype(str)
    try:
        if vals.dtype.kind == "U":
            dt = vals.astype("datetime64[s]")
            out = dt.astype(np.int64)
            out[np.isnat(dt)] = NAT
            return out
    except ValueError:
        pass
    return parse_times(np.asarray([v.decode() if isinstance(v, bytes) else v for v in vals], dtype=object))


def solar_offset_s(lon_deg: float) -> int:
    """The local solar-time offset of a longitude, in whole hours (seconds)."""
    return int(np.clip(np.round(float(lon_deg) / 15.0), -12, 14)) * 3600
