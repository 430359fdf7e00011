"""Vectorised parsing of time values to int64 epoch seconds (UTC); missing/unparseable -> INT64_MIN."""

from __future__ import annotations

import numpy as np

NAT = np.iinfo(np.int64).min


def parse_times(values) -> np.ndarray:
    """Parse date-time strings (ISO 8601 and common variants), numbers or datetimes.

    Strings that look numeric are epoch values: milliseconds when larger than 1e11, else seconds.
    Time-zone-aware strings are converted to UTC; naive strings are taken as UTC. Texts written
    'YYYY-MM-DD[T ]HH:MM:SS[.fff][Z]' are parsed in numpy (:func:`iso_seconds`), the others by pandas.
    """
    a = np.asarray(values, dtype=object) if not isinstance(values, np.ndarray) or values.dtype.kind in "OUS" else values
    if a.dtype.kind in "iuf":
        return epoch_numbers_to_seconds(a)
    fast, ok = iso_seconds(a)
    if ok is not None and ok.all():
        return fast
    if ok is not None and ok.any():  # the values of another form go through pandas
        fast[~ok] = _parse_general(a[~ok])
        return fast
    return _parse_general(a)


def _parse_general(a) -> np.ndarray:
    import pandas as pd

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
    fast, ok = iso_seconds(vals)
    if ok is not None and ok.all():
        return fast
    if vals.dtype.kind == "S":
        vals = vals.astype(str)
    return parse_times(np.asarray([v.decode() if isinstance(v, bytes) else v for v in vals], dtype=object))


_DIGITS = np.array([0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18])
_MONTH_DAYS = np.array([0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])


def iso_seconds(values):
    """(epoch seconds, ok) of the values written 'YYYY-MM-DD[T ]HH:MM:SS[.fff][Z]' (UTC; what GDAL and most files
    write), parsed from their bytes in numpy; ``ok`` marks the values of that form (the others are left to the
    general parser); (None, None) when ``values`` are not texts."""
    a = np.asarray(values)
    if a.dtype.kind not in "OUS" or a.size == 0 or a.ndim != 1:
        return None, None
    try:
        b = a if a.dtype.kind in "SU" else a.astype("U32")
    except (UnicodeEncodeError, ValueError, TypeError):
        return None, None
    unit = np.uint32 if b.dtype.kind == "U" else np.uint8  # characters as code points, without a copy
    width = b.dtype.itemsize // np.dtype(unit).itemsize
    m = b.view(unit).reshape(len(b), width)
    if width < 21:
        m = np.concatenate([m, np.zeros((len(b), 21 - width), unit)], axis=1)
    out = np.empty(len(m), np.int64)
    ok = np.empty(len(m), bool)
    for s in range(0, len(m), _BLOCK):  # blocks that stay in the CPU cache
        out[s : s + _BLOCK], ok[s : s + _BLOCK] = _iso_block(m[s : s + _BLOCK], unit)
    return out, ok


_BLOCK = 65536


def _iso_block(m, unit):
    d = m[:, :19] - unit(48)  # digits 0..9; any other character wraps to a larger value
    ok = (d[:, _DIGITS] <= 9).all(axis=1) if len(d) < 4096 else _all_digits(d)
    ok &= (m[:, 4] == 45) & (m[:, 7] == 45) & ((m[:, 10] == 84) | (m[:, 10] == 32)) & (m[:, 13] == 58)
    ok &= (m[:, 16] == 58) & _iso_tail(m[:, 19:])

    def num(*cols):
        v = np.zeros(len(d), np.int64)
        for c in cols:
            v = v * 10 + d[:, c]
        return v

    y, mo, dd, hh, mi, ss = num(0, 1, 2, 3), num(5, 6), num(8, 9), num(11, 12), num(14, 15), num(17, 18)
    ok &= (mo >= 1) & (mo <= 12) & (dd >= 1) & (hh < 24) & (mi < 60) & (ss < 60)
    leap = (y % 4 == 0) & ((y % 100 != 0) | (y % 400 == 0))
    ok &= dd <= np.where((mo == 2) & ~leap, 28, _MONTH_DAYS[np.clip(mo, 0, 12)])
    y = y - (mo <= 2)  # days from the civil date (H. Hinnant's algorithm)
    era = y // 400
    yoe = y - era * 400
    doy = (153 * np.where(mo > 2, mo - 3, mo + 9) + 2) // 5 + dd - 1
    days = era * 146097 + yoe * 365 + yoe // 4 - yoe // 100 + doy - 719468
    out = days * 86400 + hh * 3600 + mi * 60 + ss
    out[~ok] = NAT
    return out, ok


def _all_digits(d):
    ok = np.ones(len(d), bool)
    for c in _DIGITS.tolist():
        ok &= d[:, c] <= 9
    return ok


def _iso_tail(r):
    """Whether what follows the seconds is nothing, 'Z', or '.' and digits with an optional 'Z'."""
    n, w = r.shape
    rows = np.arange(n)
    nonzero = r != 0
    last = np.where(nonzero.any(axis=1), w - 1 - np.argmax(nonzero[:, ::-1], axis=1), -1)  # last byte that is set
    plain = (last < 0) | ((r[:, 0] == 90) & (last == 0))
    digit = (r >= 48) & (r <= 57)
    digit[:, 0] = True
    stop = np.where(digit.all(axis=1), w, np.argmin(digit, axis=1))  # the first non-digit after '.'
    at = np.where(stop < w, r[rows, np.minimum(stop, w - 1)], 0)
    frac = (r[:, 0] == 46) & (stop >= 2) & ((last < stop) | ((at == 90) & (last == stop)))
    return plain | frac


def solar_offset_s(lon_deg: float) -> int:
    """The local solar-time offset of a longitude, in whole hours (seconds)."""
    return int(np.clip(np.round(float(lon_deg) / 15.0), -12, 14)) * 3600
