"""Split the fixes of vehicles into trips: observation gaps, stay points, value changes, GPS outliers.

:func:`split_trajectories` takes flat columns (vehicle ids, x, y, epoch seconds and an optional value such as an
occupancy flag) in any order and returns the trips, the stops and the counts of every rule that changed something.
Distances are great-circle (haversine) metres for longitude/latitude input, plain Euclidean for projected metres.

Rules, in order (all vectorised; only the fixes around a speed jump are looked at one by one):

1. Fixes with a missing coordinate or time are dropped; the rest are sorted by (vehicle, time), stably.
2. Repeated (vehicle, time) fixes are dropped, the first in input order is kept.
3. For longitude/latitude input, fixes at exactly (0, 0) (a GPS receiver's "no fix") are dropped.
4. Speed outliers (``max_speed`` km/h): consecutive fixes closer in time than ``max_gap`` form a segment; a
   segment is cut into chains at every step faster than ``max_speed``; the longest chain is trusted and the
   segment is walked from it forwards and backwards, a fix being dropped when it is farther than ``max_speed``
   allows from the last fix kept. A jump to (0, 0) and back is two fast steps, but only the (0, 0) fix goes.
5. Stay points (Li et al. 2008; Zheng 2015): from an anchor fix, the following fixes of the segment that stay
   within ``stop_radius`` metres of it form a stay when they last ``min_stop_duration`` seconds or more; anchors
   are taken greedily in time order (a stay ends where the next one may start). The fixes inside a stay are
   removed from the trips: the trip before ends at the stay's arrival fix, the next starts at its departure fix.
6. A trip also ends where the time gap exceeds ``max_gap`` and, with a value column, where the value changes.
7. Trips with fewer than ``min_trip_points`` fixes, shorter than ``min_trip_duration`` seconds or
   ``min_length`` metres are dropped and counted.

Trip ids are ``"<vehicle>_<k>"`` with k = 1, 2, ... the kept trips of the vehicle in time order; stop ids
``"<vehicle>_s<k>"``.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field
from typing import Optional

import numpy as np

from .outliers import haversine_m
from .progress import CancelFn, ProgressFn, check, report, scaled
from .ragged import ranges
from .trajectories import Trajectories

__all__ = ["SplitParams", "SplitCounts", "Stops", "SplitResult", "split_trajectories", "distance_m"]

_EARTH_R_M = 6_371_008.8
_NAT = np.iinfo(np.int64).min
_CHUNK = 1 << 21  # fixes per vectorised batch (bounds the temporaries to ~100 MB)


@dataclass
class SplitParams:
    """Parameters of :func:`split_trajectories` (seconds, metres, km/h; 0 switches a rule off)."""

    #: a time gap longer than this (seconds) ends a trip; 0: never
    max_gap: float = 1800.0
    #: stay points: the fixes stay within this many metres of the stay's first fix ...
    stop_radius: float = 100.0
    #: ... for at least this many seconds (0: no stay points)
    min_stop_duration: float = 300.0
    #: a fix reached faster than this (km/h) from the last kept fix is an outlier (0: no speed check)
    max_speed: float = 200.0
    #: trips with fewer fixes are dropped (at least 2: a trip is a line)
    min_trip_points: int = 2
    #: trips lasting less (seconds) are dropped
    min_trip_duration: float = 0.0
    #: trips shorter (metres, along the fixes) are dropped
    min_length: float = 0.0


@dataclass
class SplitCounts:
    """What :func:`split_trajectories` did, for the user to read."""

    n_input_fixes: int = 0
    n_vehicles: int = 0
    n_invalid: int = 0
    n_duplicates: int = 0
    n_zero_fixes: int = 0
    n_speed_outliers: int = 0
    n_single_fix_vehicles: int = 0
    n_gap_splits: int = 0
    n_stops: int = 0
    n_stop_splits: int = 0
    n_value_splits: int = 0
    n_short_trips: int = 0
    n_short_trip_fixes: int = 0
    n_trips: int = 0
    n_trip_fixes: int = 0

    def as_dict(self) -> dict:
        return {k.upper(): int(v) for k, v in asdict(self).items()}

    def messages(self) -> list:
        """One warning per cleaning rule that dropped something."""
        out = []
        if self.n_invalid:
            out.append(f"{self.n_invalid} fix(es) without a valid coordinate or time were dropped")
        if self.n_duplicates:
            out.append(f"{self.n_duplicates} fix(es) repeating the time of their vehicle were dropped (first kept)")
        if self.n_zero_fixes:
            out.append(f"{self.n_zero_fixes} fix(es) at exactly (0, 0) were dropped")
        if self.n_speed_outliers:
            out.append(f"{self.n_speed_outliers} fix(es) were dropped as speed outliers")
        if self.n_single_fix_vehicles:
            out.append(f"{self.n_single_fix_vehicles} vehicle(s) have a single fix and no trip")
        if self.n_short_trips:
            out.append(
                f"{self.n_short_trips} trip(s) ({self.n_short_trip_fixes} fix(es)) were dropped as too short "
                "(points, duration or length)"
            )
        return out


@dataclass
class Stops:
    """The stay points: one row per stop (centroid x, y in the input CRS)."""

    ids: np.ndarray
    vehicle: np.ndarray
    x: np.ndarray
    y: np.ndarray
    start: np.ndarray
    end: np.ndarray
    n_points: np.ndarray

    @property
    def duration(self) -> np.ndarray:
        return self.end - self.start

    def __len__(self) -> int:
        return int(self.x.shape[0])


@dataclass
class SplitResult:
    """``trips``: one trajectory per kept trip (ids = trip ids, ``fids`` = row of each fix in the input arrays,
    ``attrs["value"]`` when a value column was given); ``vehicle``/``length`` per trip; ``stops``; ``counts``."""

    trips: Trajectories
    vehicle: np.ndarray
    length: np.ndarray
    stops: Stops
    counts: SplitCounts = field(default_factory=SplitCounts)

    def point_trip_ids(self) -> np.ndarray:
        """The trip id of every fix of ``trips`` (in trip order)."""
        return self.trips.ids[self.trips.point_traj_index]


# ---------------------------------------------------------------------------------------------- distances
def distance_m(x0, y0, x1, y1, geographic: bool) -> np.ndarray:
    """Metres between points: haversine on longitude/latitude degrees, Euclidean on projected metres."""
    if not geographic:
        return np.hypot(np.subtract(x1, x0), np.subtract(y1, y0))
    return haversine_m(x0, y0, x1, y1)


def _distance1(x0: float, y0: float, x1: float, y1: float, geographic: bool) -> float:
    """:func:`distance_m` for two scalars (no numpy overhead in the per-jump loop)."""
    if not geographic:
        return math.hypot(x1 - x0, y1 - y0)
    la0, la1 = math.radians(y0), math.radians(y1)
    h = math.sin((la1 - la0) / 2) ** 2 + math.cos(la0) * math.cos(la1) * math.sin(math.radians(x1 - x0) / 2) ** 2
    return 2.0 * _EARTH_R_M * math.asin(math.sqrt(min(h, 1.0)))


def _step_distances(x, y, geographic: bool) -> np.ndarray:
    """Distance from each fix to the next (n - 1 values), in chunks."""
    n = x.shape[0]
    out = np.empty(max(n - 1, 0), np.float64)
    for lo in range(0, n - 1, _CHUNK):
        hi = min(lo + _CHUNK, n - 1)
        out[lo:hi] = distance_m(x[lo:hi], y[lo:hi], x[lo + 1 : hi + 1], y[lo + 1 : hi + 1], geographic)
    return out


# ---------------------------------------------------------------------------------------------- sorting, cleaning
def _sort_and_clean(ids, x, y, t, geographic, counts):
    """Valid fixes sorted by (vehicle, time) without repeats and (0, 0): (input rows, int32 vehicle codes, vehicle
    labels). Input already in order (as most files are) is not copied to sort it."""
    import pandas as pd

    n = x.shape[0]
    codes, labels = pd.factorize(ids, sort=True, use_na_sentinel=True)
    valid = np.isfinite(x) & np.isfinite(y) & (t != _NAT) & (codes >= 0)
    counts.n_invalid = int(n - np.count_nonzero(valid))
    rows = np.flatnonzero(valid) if counts.n_invalid else np.arange(n, dtype=np.int64)
    del valid
    c = (codes[rows] if counts.n_invalid else codes).astype(np.int32)
    del codes
    counts.n_vehicles = int(np.count_nonzero(np.bincount(c, minlength=len(labels)))) if rows.size else 0
    if rows.size == 0:
        return rows, c, np.asarray(labels)
    tt = t[rows] if counts.n_invalid else t
    t0, span = int(tt.min()), int(tt.max()) - int(tt.min()) + 1
    if span * (len(labels) + 1) < 2**62:  # one int64 key: faster than lexsort
        key = c.astype(np.int64)
        key *= span
        key += tt
        key -= t0
        order = None if bool((key[1:] >= key[:-1]).all()) else np.argsort(key, kind="stable")
        del key
    else:
        order = np.lexsort((tt, c))
    if order is not None:
        rows, c, tt = rows[order], c[order], tt[order]
        del order
    drop = np.zeros(rows.size, bool)
    drop[1:] = (c[1:] == c[:-1]) & (tt[1:] == tt[:-1])
    del tt
    counts.n_duplicates = int(np.count_nonzero(drop))
    if geographic:
        zero = (x[rows] == 0.0) & (y[rows] == 0.0) & ~drop
        counts.n_zero_fixes = int(np.count_nonzero(zero))
        drop |= zero
    if drop.any():
        keep = ~drop
        rows, c = rows[keep], c[keep]
    return rows, c, np.asarray(labels)


def _segment_starts(c, t, max_gap) -> np.ndarray:
    """True at the first fix of each segment: a new vehicle, or a time gap over ``max_gap`` (0: no gap rule)."""
    n = c.shape[0]
    start = np.ones(n, bool)
    if n > 1:
        start[1:] = c[1:] != c[:-1]
        if max_gap and max_gap > 0:
            start[1:] |= (t[1:] - t[:-1]) > max_gap
    return start


# ---------------------------------------------------------------------------------------------- speed outliers
def _speed_keep(x, y, t, seg_start, max_speed_kmh, geographic, cancel) -> np.ndarray:
    """Mask of the fixes kept by the speed rule (module doc, rule 4)."""
    n = x.shape[0]
    keep = np.ones(n, bool)
    if not max_speed_kmh or max_speed_kmh <= 0 or n < 2:
        return keep
    vmax = float(max_speed_kmh) / 3.6
    jump = np.empty(n - 1, bool)
    for lo in range(0, n - 1, _CHUNK):
        hi = min(lo + _CHUNK, n - 1)
        d = distance_m(x[lo:hi], y[lo:hi], x[lo + 1 : hi + 1], y[lo + 1 : hi + 1], geographic)
        jump[lo:hi] = d > vmax * np.maximum(t[lo + 1 : hi + 1] - t[lo:hi], 1)
    jump &= ~seg_start[1:]
    if not jump.any():
        return keep
    seg_id = np.cumsum(seg_start) - 1
    bad_seg = np.zeros(int(seg_id[-1]) + 1, bool)
    bad_seg[seg_id[1:][jump]] = True
    chain_start = seg_start.copy()
    chain_start[1:] |= jump
    cs = np.flatnonzero(chain_start)
    ce = np.append(cs[1:], n)
    sel = bad_seg[seg_id[cs]]
    cs, ce, cseg = cs[sel], ce[sel], seg_id[cs[sel]]
    del seg_id, chain_start
    cut = np.flatnonzero(np.diff(cseg)) + 1
    groups = np.split(np.arange(cs.size), cut)
    for gi, g in enumerate(groups):
        if gi % 2000 == 0:
            check(cancel)
        _walk_chains(cs[g].tolist(), ce[g].tolist(), x, y, t, vmax, geographic, keep)
    return keep


def _first_ok(anchor, lo, hi, step, x, y, t, vmax, geographic) -> int:
    """The first fix j of lo, lo+step, ... (up to hi, exclusive by direction) reachable from ``anchor`` within
    ``vmax`` m/s, or ``hi`` when none is."""
    xa, ya, ta = float(x[anchor]), float(y[anchor]), int(t[anchor])
    for j in range(lo, hi, step):
        d = _distance1(xa, ya, float(x[j]), float(y[j]), geographic)
        if d <= vmax * max(abs(int(t[j]) - ta), 1):
            return j
    return hi


def _walk_chains(starts, ends, x, y, t, vmax, geographic, keep):
    """Walk one segment's chains from the longest: forwards then backwards, dropping unreachable fixes."""
    lens = [e - s for s, e in zip(starts, ends)]
    a = lens.index(max(lens))
    last = ends[a] - 1
    for s, e in zip(starts[a + 1 :], ends[a + 1 :]):
        j = _first_ok(last, s, e, 1, x, y, t, vmax, geographic)
        keep[s:j] = False
        if j < e:
            last = e - 1
    first = starts[a]
    for s, e in zip(reversed(starts[:a]), reversed(ends[:a])):
        j = _first_ok(first, e - 1, s - 1, -1, x, y, t, vmax, geographic)
        keep[j + 1 : e] = False
        if j >= s:
            first = s


# ---------------------------------------------------------------------------------------------- stay points
def _stay_candidates(x, y, t, seg_end, radius, min_duration, geographic, cancel, progress=None) -> np.ndarray:
    """True at every fix from which the following fixes stay within ``radius`` for ``min_duration`` seconds (the
    anchors a stay may start at), by a shrinking active set over offsets k = 1, 2, ..."""
    n = x.shape[0]
    cand = np.zeros(n, bool)
    for lo in range(0, n, _CHUNK):
        act = np.arange(lo, min(lo + _CHUNK, n), dtype=np.int64)
        k = 1
        while act.size:
            j = act + k
            inside = j < seg_end[act]
            act, j = act[inside], j[inside]
            far = distance_m(x[act], y[act], x[j], y[j], geographic) > radius
            reached = ~far & (t[j] - t[act] >= min_duration)
            cand[act[reached]] = True
            act = act[~far & ~reached]
            k += 1
        check(cancel)
        report(progress, 100.0 * min(lo + _CHUNK, n) / max(n, 1))
    return cand


def _stay_ends(anchors, x, y, seg_end, radius, geographic) -> np.ndarray:
    """For each anchor, the first later fix of its segment farther than ``radius`` (or the segment end), scanning
    blocks of growing width."""
    n = x.shape[0]
    e = np.empty(anchors.size, np.int64)
    act = np.arange(anchors.size)
    k0, width = 1, 8
    while act.size:
        a = anchors[act]
        j = a[:, None] + np.arange(k0, k0 + width)[None, :]
        beyond = j >= seg_end[a][:, None]
        jc = np.minimum(j, n - 1)
        out = beyond | (distance_m(x[a][:, None], y[a][:, None], x[jc], y[jc], geographic) > radius)
        hit = out.any(axis=1)
        first = out.argmax(axis=1)
        e[act[hit]] = j[hit, first[hit]]
        act = act[~hit]
        k0, width = k0 + width, min(width * 2, 4096)
    return e


def _stays(x, y, t, seg_start, radius, min_duration, geographic, cancel, progress=None):
    """(first fix, end) of the greedy, non-overlapping stays, sorted."""
    n = x.shape[0]
    none = np.zeros(0, np.int64)
    if not min_duration or min_duration <= 0 or n < 2:
        return none, none
    bounds = np.append(np.flatnonzero(seg_start), n)
    seg_end = np.cumsum(seg_start, dtype=np.int64)  # segment number + 1, then in place the end of the segment
    np.take(bounds, seg_end, out=seg_end)
    cand = np.flatnonzero(_stay_candidates(x, y, t, seg_end, radius, min_duration, geographic, cancel, progress))
    if cand.size == 0:
        return none, none
    # the first anchor of each segment, then each stay's end jumps to the next anchor at or after it
    cseg_end = seg_end[cand]
    front = cand[np.append(True, cseg_end[1:] != cseg_end[:-1])]
    firsts, ends = [], []
    while front.size:
        e = _stay_ends(front, x, y, seg_end, radius, geographic)
        firsts.append(front)
        ends.append(e)
        pos = np.searchsorted(cand, e)
        nxt = cand[np.minimum(pos, cand.size - 1)]
        ok = (pos < cand.size) & (nxt < seg_end[front])
        front = nxt[ok]
        check(cancel)
    c, e = np.concatenate(firsts), np.concatenate(ends)
    order = np.argsort(c, kind="stable")
    return c[order], e[order]


# ---------------------------------------------------------------------------------------------- trips
def _check_params(p: SplitParams) -> None:
    for name, v in (
        ("MAX_GAP", p.max_gap),
        ("MIN_STOP_DURATION", p.min_stop_duration),
        ("MAX_SPEED", p.max_speed),
        ("MIN_TRIP_DURATION", p.min_trip_duration),
        ("MIN_LENGTH", p.min_length),
    ):
        if not np.isfinite(v) or v < 0:
            raise ValueError(f"{name} must be a number >= 0 (0 switches the rule off), not {v}")
    if not np.isfinite(p.stop_radius) or (p.min_stop_duration > 0 and p.stop_radius <= 0):
        raise ValueError(f"STOP_RADIUS must be a distance > 0 in metres, not {p.stop_radius}")
    if int(p.min_trip_points) < 2:
        raise ValueError(f"MIN_TRIP_POINTS must be 2 or more (a trip is a line), not {p.min_trip_points}")


def _trip_membership(m, seg_start, c_st, e_st):
    """(fix is in a trip, fix starts a trip after a stop): the inside of every stay leaves the trips; its arrival
    fix ends the trip before (when there is one) and its departure fix starts the next (when there is one)."""
    in_trip = np.ones(m, bool)
    in_trip[ranges(c_st + 1, e_st - c_st - 2)] = False
    in_trip[c_st[seg_start[c_st]]] = False
    dep = e_st - 1
    last_in_seg = (e_st >= m) | seg_start[np.minimum(e_st, m - 1)]
    in_trip[dep[last_in_seg]] = False
    departs = np.zeros(m, bool)
    departs[dep[~last_in_seg]] = True
    return in_trip, departs


def _trip_breaks(P, c, seg_start, departs, vcodes, counts):
    """True where a trip starts among the trip fixes ``P``; counts the splits by cause."""
    brk = np.ones(P.size, bool)
    if P.size < 2:
        return brk
    seg_id = np.cumsum(seg_start, dtype=np.int64)
    same_seg = seg_id[P[1:]] == seg_id[P[:-1]]
    del seg_id
    stop_brk = departs[P[1:]] & same_seg
    counts.n_stop_splits = int(stop_brk.sum())
    brk[1:] = ~same_seg | stop_brk
    if vcodes is not None:
        val_brk = (vcodes[P[1:]] != vcodes[P[:-1]]) & same_seg & ~stop_brk
        counts.n_value_splits = int(val_brk.sum())
        brk[1:] |= val_brk
    return brk


def _trip_ids(vehicle_codes, labels, suffix=""):
    """``"<vehicle>_<k>"`` for items sorted by vehicle (k counts from 1 within each vehicle)."""
    n = vehicle_codes.size
    if n == 0:
        return np.zeros(0, dtype=object)
    first = np.ones(n, bool)
    first[1:] = vehicle_codes[1:] != vehicle_codes[:-1]
    starts = np.flatnonzero(first)
    k = np.arange(n) - np.repeat(starts, np.diff(np.append(starts, n))) + 1
    out = np.empty(n, dtype=object)
    out[:] = [f"{labels[v]}_{suffix}{j}" for v, j in zip(vehicle_codes.tolist(), k.tolist())]
    return out


def _stops_table(xs, ys, ts, c, labels, c_st, e_st) -> Stops:
    lens = e_st - c_st
    sidx = ranges(c_st, lens)
    sid = np.repeat(np.arange(c_st.size), lens)
    w = np.maximum(lens, 1)
    veh = c[c_st]
    return Stops(
        ids=_trip_ids(veh, labels, "s"),
        vehicle=labels[veh],
        x=np.bincount(sid, weights=xs[sidx], minlength=c_st.size) / w,
        y=np.bincount(sid, weights=ys[sidx], minlength=c_st.size) / w,
        start=ts[c_st],
        end=ts[e_st - 1],
        n_points=lens.astype(np.int64),
    )


def _filter_trips(P, brk, xs, ys, ts, params, geographic, counts):
    """(start, length in fixes, length in metres) within ``P`` of the kept trips; drops and counts short ones."""
    pstart = np.flatnonzero(brk)
    npts = np.diff(np.append(pstart, P.size))
    piece = np.cumsum(brk, dtype=np.int64) - 1
    steps = _step_distances(xs[P], ys[P], geographic)
    steps[brk[1:]] = 0.0
    metres = np.bincount(piece[1:], weights=steps, minlength=pstart.size) if P.size > 1 else np.zeros(pstart.size)
    del steps, piece
    dur = ts[P[pstart + npts - 1]] - ts[P[pstart]]
    ok = (npts >= params.min_trip_points) & (dur >= params.min_trip_duration) & (metres >= params.min_length)
    counts.n_short_trips = int((~ok).sum())
    counts.n_short_trip_fixes = int(npts[~ok].sum())
    return pstart[ok], npts[ok], metres[ok]


def _empty_result(ids, values, crs, counts) -> SplitResult:
    ids = np.asarray(ids)
    stops = Stops(*(np.zeros(0, object),) * 2, np.zeros(0), np.zeros(0), *(np.zeros(0, np.int64),) * 3)
    attrs = {} if values is None else {"value": np.asarray(values)[:0]}
    trips = Trajectories(np.zeros(0, object), np.zeros(1, np.int64), np.zeros(0), np.zeros(0), np.zeros(0, np.int64),
                         np.zeros(0, np.int64), attrs, crs)  # fmt: skip
    return SplitResult(trips, ids[:0], np.zeros(0), stops, counts)


def split_trajectories(
    ids,
    x,
    y,
    t,
    values=None,
    *,
    geographic: bool,
    params: Optional[SplitParams] = None,
    crs: str = "",
    progress: ProgressFn = None,
    cancel: CancelFn = None,
) -> SplitResult:
    """Split the fixes of vehicles into trips and stops (module doc). ``ids`` are the vehicle ids, ``t`` int64 epoch
    seconds (``NAT`` = missing), ``values`` an optional column whose change ends a trip; ``geographic`` says that x/y
    are longitude/latitude degrees (else projected metres)."""
    params = params or SplitParams()
    _check_params(params)
    x = np.asarray(x, np.float64)
    y = np.asarray(y, np.float64)
    t = np.asarray(t, np.int64)
    n = x.shape[0]
    if any(np.shape(a)[0] != n for a in (ids, y, t, *(() if values is None else (values,)))):
        raise ValueError("ids, x, y, t (and values) must have the same length")
    counts = SplitCounts(n_input_fixes=n)
    report(progress, 0)
    rows, c, labels = _sort_and_clean(np.asarray(ids), x, y, t, geographic, counts)
    check(cancel)
    report(progress, 25)
    xs, ys, ts = x[rows], y[rows], t[rows]
    seg_start = _segment_starts(c, ts, params.max_gap)
    keep = _speed_keep(xs, ys, ts, seg_start, params.max_speed, geographic, cancel)
    counts.n_speed_outliers = int(keep.size - keep.sum())
    if counts.n_speed_outliers:
        rows, c, xs, ys, ts = rows[keep], c[keep], xs[keep], ys[keep], ts[keep]
        seg_start = _segment_starts(c, ts, params.max_gap)
    del keep
    m = rows.size
    counts.n_single_fix_vehicles = counts.n_vehicles - int((np.bincount(c, minlength=labels.size) >= 2).sum())
    counts.n_gap_splits = int((seg_start[1:] & (c[1:] == c[:-1])).sum()) if m > 1 else 0
    report(progress, 40)
    c_st, e_st = _stays(
        xs,
        ys,
        ts,
        seg_start,
        params.stop_radius,
        params.min_stop_duration,
        geographic,
        cancel,
        scaled(progress, 40, 70),
    )
    counts.n_stops = int(c_st.size)
    stops = _stops_table(xs, ys, ts, c, labels, c_st, e_st)
    report(progress, 75)
    check(cancel)
    if m == 0:
        return _empty_result(ids, values, crs, counts)
    in_trip, departs = _trip_membership(m, seg_start, c_st, e_st)
    P = np.flatnonzero(in_trip)
    del in_trip
    vcodes = None
    if values is not None:
        import pandas as pd

        vcodes = pd.factorize(np.asarray(values)[rows])[0]
    brk = _trip_breaks(P, c, seg_start, departs, vcodes, counts)
    del departs, vcodes, seg_start
    pstart, npts, metres = _filter_trips(P, brk, xs, ys, ts, params, geographic, counts)
    del brk
    report(progress, 90)
    res = _result(P, pstart, npts, metres, rows, c, labels, xs, ys, ts, values, crs, stops, counts)
    report(progress, 100)
    return res


def _result(P, pstart, npts, metres, rows, c, labels, xs, ys, ts, values, crs, stops, counts) -> SplitResult:
    sel = P[ranges(pstart, npts)]
    offsets = np.zeros(npts.size + 1, np.int64)
    np.cumsum(npts, out=offsets[1:])
    veh = c[P[pstart]]
    trips = Trajectories(
        ids=_trip_ids(veh, labels),
        offsets=offsets,
        x=xs[sel],
        y=ys[sel],
        t=ts[sel],
        fids=rows[sel],
        attrs={} if values is None else {"value": np.asarray(values)[rows[sel]]},
        crs=crs,
    )
    counts.n_trips, counts.n_trip_fixes = len(trips), trips.n_points
    return SplitResult(trips, labels[veh], metres, stops, counts)
