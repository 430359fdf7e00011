"""Mobility sequences: one per (user, local day) or per trajectory, built from flat point arrays.

Points are thinned to one record per resampling slot (default 30 minutes, LYMob's ``t``): the first point of each
slot. Every record has a location (projected x/y in metres), a half-hour slot of the local day (0..47), a day of
week (0 = Monday) and the weekend flag derived from it; the categorical features pad with their own index
(``PAD_SLOT``, ``PAD_DOW``, ``PAD_WEEKEND``), never a real slot or day.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

import numpy as np

from ..core.ragged import Ragged, ranges

DAY_S = 86400
SLOT_S = 1800  # time-of-day feature: half-hour slots, LYMob's t
N_SLOTS = DAY_S // SLOT_S  # 48; index 48 pads
PAD_SLOT, PAD_DOW, PAD_WEEKEND = N_SLOTS, 7, 2
GROUP_BY = ("user-day", "trajectory")


class MobilityDataError(ValueError):
    """Input that cannot form mobility sequences (the message says what to change)."""


@dataclass
class MobilitySequences(Ragged):
    """Sequences of records in flat arrays (sequence ``i`` owns records ``offsets[i]:offsets[i+1]``; ``len`` and
    ``lengths`` come from :class:`Ragged`)."""

    keys: np.ndarray  # (n,) str: "user_YYYY-MM-DD" or the trajectory id
    users: np.ndarray  # (n,) object: the user of each sequence
    days: np.ndarray  # (n,) int64: local day number (days since 1970-01-01) of the first record
    offsets: np.ndarray  # (n+1,) int64
    x: np.ndarray  # (N,) metres
    y: np.ndarray
    t: np.ndarray  # (N,) int64 epoch seconds (UTC)
    slot: np.ndarray  # (N,) int64 half-hour slot of the local day 0..47
    dow: np.ndarray  # (N,) int64 local day of week, 0 = Monday
    source: np.ndarray  # (N,) int64 index of the record's point in the arrays given to build_sequences
    n_groups: int = 0  # groups before dropping the short ones
    n_short: int = 0  # groups dropped for having fewer than min_records records
    point_sequence: Optional[np.ndarray] = None  # (points given to build_sequences,) its sequence or -1

    @property
    def n_records(self) -> int:
        return int(self.x.shape[0])

    @property
    def day_strings(self) -> np.ndarray:
        return self.days.astype("datetime64[D]").astype(str)

    def subset(self, rows) -> "MobilitySequences":
        rows = np.asarray(rows)
        if rows.dtype == bool:
            rows = np.flatnonzero(rows)
        lens = self.lengths[rows]
        offsets = np.zeros(rows.size + 1, np.int64)
        np.cumsum(lens, out=offsets[1:])
        idx = ranges(self.offsets[rows], lens)
        return MobilitySequences(
            self.keys[rows],
            self.users[rows],
            self.days[rows],
            offsets,
            self.x[idx],
            self.y[idx],
            self.t[idx],
            self.slot[idx],
            self.dow[idx],
            self.source[idx],
        )


def build_sequences(
    group,
    user,
    x,
    y,
    t,
    *,
    group_by: str = "user-day",
    resample_s: float = SLOT_S,
    tz_offset_s: int = 0,
    min_records: int = 2,
) -> MobilitySequences:
    """Records of mobility sequences from flat point arrays.

    ``group``: per-point trajectory id (``group_by="trajectory"``: one sequence per id) or user id
    (``"user-day"``: one sequence per user and local day); ``user``: per-point user (None: the group id).
    ``t``: epoch seconds (UTC); local time = t + ``tz_offset_s``. Within each sequence only the first point of each
    ``resample_s`` slot is kept (0 keeps every point). Sequences with fewer than ``min_records`` records are dropped
    and counted; none left is an error that says what to change.
    """
    if group_by not in GROUP_BY:
        raise ValueError(f"group_by must be one of {GROUP_BY}")
    group = np.asarray(group)
    n = group.shape[0]
    x, y, t = (np.asarray(a) for a in (x, y, t))
    if not (x.shape[0] == y.shape[0] == t.shape[0] == n):
        raise ValueError("group, x, y and t must have the same length")
    if n == 0:
        raise MobilityDataError("there are no points")
    user = group if user is None else np.asarray(user)
    local = t.astype(np.int64) + int(tz_offset_s)
    day = np.floor_divide(local, DAY_S)
    key_code = _sequence_codes(group, day, group_by)
    order, kc, keep_key = _kept_records(key_code, local, resample_s, min_records)
    n_groups = keep_key.size
    if order.size == 0:
        raise _nothing_left(group_by, min_records, resample_s, n_groups, n)
    # kc is sorted: sequences in order of key code
    seq_codes, starts = np.unique(kc, return_index=True)
    offsets = np.append(starts, kc.size).astype(np.int64)
    firsts = order[starts]
    sod = np.mod(local[order], DAY_S)
    rec_day = np.floor_divide(local[order], DAY_S)
    days = day[firsts].astype(np.int64)
    users = np.asarray(user[firsts], dtype=object)
    if group_by == "user-day":
        dstr = days.astype("datetime64[D]").astype(str)
        keys = np.array([f"{u}_{d}" for u, d in zip(users, dstr)], dtype=object)
    else:
        keys = np.array([str(g) for g in group[firsts]], dtype=object)
    seq_of_code = np.full(n_groups, -1, np.int64)
    seq_of_code[seq_codes] = np.arange(seq_codes.size)
    return MobilitySequences(
        keys=keys,
        users=users,
        days=days,
        offsets=offsets,
        x=x[order].astype(np.float64),
        y=y[order].astype(np.float64),
        t=t[order].astype(np.int64),
        slot=(sod // SLOT_S).astype(np.int64),
        dow=np.mod(rec_day + 3, 7).astype(np.int64),
        source=order.astype(np.int64),
        n_groups=n_groups,
        n_short=int((~keep_key).sum()),
        point_sequence=seq_of_code[key_code],
    )


def _sequence_codes(group: np.ndarray, day: np.ndarray, group_by: str) -> np.ndarray:
    """Per-point code of its sequence (0..groups-1 in order of first appearance): the group id, or the pair (group,
    local day) for "user-day". The pair is factorised as one int64 (group code x days + day code, below n² so it
    cannot overflow): a pandas MultiIndex of the pairs took ~150 bytes a point (2 GB for a week of 10,000 taxis)."""
    import pandas as pd

    gcode = pd.factorize(group, sort=False)[0].astype(np.int64)
    if group_by == "user-day":
        dcode, days = pd.factorize(day, sort=False)
        return pd.factorize(gcode * np.int64(max(len(days), 1)) + dcode, sort=False)[0]
    return gcode


def _kept_records(key_code: np.ndarray, local: np.ndarray, resample_s, min_records: int):
    """(point indices of the kept records, sorted by sequence code then local time; their sequence codes; whether
    each code has at least ``min_records`` records): the first point of every ``resample_s`` slot of a sequence,
    in sequences that keep enough of them."""
    n = key_code.shape[0]
    bucket = np.floor_divide(local, int(resample_s)) if resample_s and resample_s > 0 else np.arange(n)
    order = np.lexsort((np.arange(n), local, key_code))
    kc, bk = key_code[order], bucket[order]
    first = np.ones(n, bool)
    first[1:] = (kc[1:] != kc[:-1]) | (bk[1:] != bk[:-1])
    order, kc = order[first], kc[first]
    counts = np.bincount(kc, minlength=int(key_code.max()) + 1)
    keep_key = counts >= min_records
    keep = keep_key[kc]
    return order[keep], kc[keep], keep_key


def _nothing_left(group_by: str, min_records: int, resample_s, n_groups: int, n: int) -> MobilityDataError:
    """The error when no sequence keeps ``min_records`` records, saying what to change."""
    what = "user-day" if group_by == "user-day" else "trajectory"
    if not resample_s:  # every point is kept: the groups themselves are too short
        return MobilityDataError(
            f"no {what} has at least {min_records} points ({n_groups} group(s) of {n} point(s) in all); check the "
            f"{'user' if group_by == 'user-day' else 'trajectory ID'} field: it must group several points"
        )
    hint = (
        "lower the resampling interval, or group by trajectory"
        if group_by == "user-day"
        else "lower the resampling interval"
    )
    return MobilityDataError(
        f"no {what} has at least {min_records} records after keeping one point per "
        f"{_duration(resample_s)} slot ({n_groups} group(s) of {n} point(s)); {hint}"
    )


def _duration(seconds) -> str:
    return f"{seconds / 60:g}-minute" if seconds >= 60 else f"{seconds:g}-second"
