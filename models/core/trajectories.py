"""The one columnar container for a set of trajectories, used by every DeepTraj algorithm.

A :class:`Trajectories` holds ``n`` trajectories and ``N`` points in flat numpy arrays:

* ``ids``      (n,)   trajectory identifiers (any numpy dtype: int64, or strings as object/str arrays)
* ``offsets``  (n+1,) int64; trajectory ``i`` owns points ``offsets[i]:offsets[i+1]``
* ``x``, ``y`` (N,)   float64 coordinates in ``crs``
* ``t``        (N,)   int64 seconds since the Unix epoch (UTC), or ``None`` when there is no time
* ``fids``     (N,)   int64 source feature ids (to write results back), or ``None``
* ``attrs``    dict name -> (N,) array of optional per-point attributes
* ``crs``      authority id string such as ``"EPSG:4326"``

Cleaning rules applied by :meth:`Trajectories.from_points` (all counted in a :class:`CleaningReport`):

* points with a missing (NaN/inf) coordinate are dropped;
* points with a missing time are an error unless ``drop_null_time`` is set (the adapter decides: a user must know);
* within a trajectory points are sorted by time (stable, so ties keep input order);
  trajectories that were not already sorted are counted;
* points with the same trajectory id and the same time are duplicates: the first one is kept;
* without a time column, input order is the point order (a numeric order field can be passed as ``t``);
* trajectories with fewer than ``min_points`` points (default 2) are skipped and counted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict, Iterator, Optional, Sequence

import numpy as np

from .ragged import Ragged, ranges

__all__ = ["Trajectories", "CleaningReport", "TrajectoryDataError", "natural_key", "to_wgs84"]


class TrajectoryDataError(ValueError):
    """Input data that cannot form trajectories (the message says what to fix)."""


def _check_projected(src: "Trajectories", out: "Trajectories") -> None:
    """Raise when points of ``src`` have no usable coordinates in ``out`` (a transverse Mercator zone gives infinite or
    absurd values ~90 degrees of longitude from its meridian: a fix at 0,0 for data in Dhaka, say), naming them."""
    with np.errstate(invalid="ignore"):
        bad = ~(np.abs(out.x) < 1e8) | ~(np.abs(out.y) < 1e8)
    bad &= np.isfinite(src.x) & np.isfinite(src.y)
    if bad.any():
        idx = np.flatnonzero(bad)[:5]
        which = f"feature ids {', '.join(str(v) for v in src.fids[idx])}" if src.fids is not None else f"points {idx}"
        raise TrajectoryDataError(
            f"{int(bad.sum())} point(s) cannot be projected to {out.crs}: they lie far outside the data's bulk "
            f"(such as GPS fixes at 0,0; {which}). Filter them out of the layer, or choose a CRS that covers them."
        )


@dataclass
class CleaningReport:
    """What :meth:`Trajectories.from_points` did to the input, for the user to read."""

    n_input_points: int = 0
    n_null_coordinates: int = 0
    n_null_times: int = 0
    n_duplicate_times: int = 0
    n_unsorted_trajectories: int = 0
    n_short_trajectories: int = 0
    n_short_points: int = 0
    min_points: int = 2

    def messages(self) -> list:
        """Human-readable warnings, one per rule that changed something."""
        out = []
        if self.n_null_coordinates:
            out.append(f"{self.n_null_coordinates} point(s) without coordinates were dropped")
        if self.n_null_times:
            out.append(f"{self.n_null_times} point(s) without a valid time were dropped")
        if self.n_unsorted_trajectories:
            out.append(f"{self.n_unsorted_trajectories} trajectory(ies) were not in time order and were sorted")
        if self.n_duplicate_times:
            out.append(f"{self.n_duplicate_times} point(s) repeated a timestamp of their trajectory and were dropped")
        if self.n_short_trajectories:
            out.append(
                f"{self.n_short_trajectories} trajectory(ies) with fewer than {self.min_points} points "
                f"({self.n_short_points} point(s)) were skipped"
            )
        return out

    def as_dict(self) -> dict:
        return {
            "N_INPUT_POINTS": self.n_input_points,
            "N_NULL_COORDINATES": self.n_null_coordinates,
            "N_NULL_TIMES": self.n_null_times,
            "N_DUPLICATE_TIMES": self.n_duplicate_times,
            "N_UNSORTED_TRAJECTORIES": self.n_unsorted_trajectories,
            "N_SKIPPED_SHORT_TRAJECTORIES": self.n_short_trajectories,
        }


@dataclass
class Trajectories(Ragged):
    ids: np.ndarray
    offsets: np.ndarray
    x: np.ndarray
    y: np.ndarray
    t: Optional[np.ndarray] = None
    fids: Optional[np.ndarray] = None
    attrs: Dict[str, np.ndarray] = field(default_factory=dict)
    crs: str = ""

    def __post_init__(self):
        self.offsets = np.asarray(self.offsets, dtype=np.int64)
        self.x = np.asarray(self.x, dtype=np.float64)
        self.y = np.asarray(self.y, dtype=np.float64)
        if self.t is not None:
            self.t = np.asarray(self.t, dtype=np.int64)
        if self.fids is not None:
            self.fids = np.asarray(self.fids, dtype=np.int64)
        self.ids = np.asarray(self.ids)
        n_pts = self.x.shape[0]
        if self.offsets.ndim != 1 or self.offsets.shape[0] != self.ids.shape[0] + 1:
            raise ValueError("offsets must have one entry more than ids")
        if self.offsets[0] != 0 or self.offsets[-1] != n_pts or np.any(np.diff(self.offsets) < 0):
            raise ValueError("offsets must start at 0, be non-decreasing and end at the number of points")
        for name, arr in [("y", self.y), ("t", self.t), ("fids", self.fids), *self.attrs.items()]:
            if arr is not None and len(arr) != n_pts:
                raise ValueError(f"column {name!r} has {len(arr)} values for {n_pts} points")

    # ------------------------------------------------------------------ construction
    @classmethod
    def from_points(
        cls,
        traj_id: Sequence,
        x: Sequence[float],
        y: Sequence[float],
        t: Optional[Sequence] = None,
        *,
        fids: Optional[Sequence[int]] = None,
        attrs: Optional[Dict[str, Sequence]] = None,
        crs: str = "",
        min_points: int = 2,
        drop_null_time: bool = False,
        deduplicate: bool = True,
        overwrite_input: bool = False,
    ) -> "tuple[Trajectories, CleaningReport]":
        """Group flat point columns into trajectories, applying the cleaning rules of the module docstring.

        ``t`` may be int64 epoch seconds, float seconds (NaN = missing) or ``datetime64`` values (NaT = missing).
        Trajectory order in the result is the order of first appearance in the input.
        ``overwrite_input`` (as in scipy): the caller gives up the numpy columns it passes (x, y, fids, attrs and a
        numeric ``t``); they are reordered in place and the result holds views of them, so a reader of tens of
        millions of fixes does not need a second copy of every column at once.
        """
        traj_id = np.asarray(traj_id)
        x = np.asarray(x, dtype=np.float64)
        y = np.asarray(y, dtype=np.float64)
        n = x.shape[0]
        if traj_id.shape[0] != n or y.shape[0] != n:
            raise ValueError("traj_id, x and y must have the same length")
        rep = CleaningReport(n_input_points=n, min_points=min_points)
        tt = None if t is None else _to_epoch_seconds(t)
        keep = _valid_points(x, y, tt, drop_null_time, rep)
        idx = np.flatnonzero(keep)
        fids_arr = None if fids is None else np.asarray(fids, dtype=np.int64)
        attrs = dict(attrs or {})
        if idx.size == 0:
            return cls._empty(traj_id.dtype, tt is not None, fids is not None, attrs, crs), rep

        # group ids by first appearance (np.unique sorts; remap to appearance order)
        codes, first_pos = _factorize(traj_id if idx.size == n else traj_id[idx])
        first_rows = idx[first_pos]  # the input row of each trajectory's first point
        del keep, first_pos
        idx, codes = _sorted_points(idx, codes, tt, deduplicate, rep)
        idx, codes, counts, kept_codes = _drop_short(idx, codes, first_rows.size, min_points, rep)
        del codes
        offsets = np.zeros(counts.size + 1, dtype=np.int64)
        np.cumsum(counts, out=offsets[1:])
        ids = traj_id[first_rows[kept_codes]] if kept_codes.size else traj_id[:0]
        gather = _gather_in_place if overwrite_input else _gather
        return (
            cls(
                ids=ids,
                offsets=offsets,
                x=gather(x, idx),
                y=gather(y, idx),
                t=None if tt is None else gather(tt, idx),
                fids=None if fids_arr is None else gather(fids_arr, idx),
                attrs={k: gather(np.asarray(v), idx) for k, v in attrs.items()},
                crs=crs,
            ),
            rep,
        )

    @classmethod
    def from_dataframe(
        cls,
        df,
        id_col: str,
        x_col: str,
        y_col: str,
        t_col: Optional[str] = None,
        *,
        crs: str = "",
        attr_cols: Sequence[str] = (),
        **kwargs,
    ):
        """Build from a pandas DataFrame (``t_col`` may hold datetimes, date-time strings or epoch numbers)."""
        for c in [id_col, x_col, y_col, *([t_col] if t_col else []), *attr_cols]:
            if c not in df.columns:
                raise TrajectoryDataError(f"column {c!r} not found; available: {', '.join(map(str, df.columns))}")
        t = None
        if t_col:
            col = df[t_col]
            if col.dtype.kind in "OUS" or str(col.dtype).startswith(("string", "str")):
                from .timeparse import parse_times

                t = parse_times(col.to_numpy())
            else:
                t = col.to_numpy()
        return cls.from_points(
            df[id_col].to_numpy(),
            df[x_col].to_numpy(),
            df[y_col].to_numpy(),
            t,
            attrs={c: df[c].to_numpy() for c in attr_cols},
            crs=crs,
            **kwargs,
        )

    @classmethod
    def from_arrays(
        cls,
        sequences_xy: Sequence[np.ndarray],
        times: Optional[Sequence[np.ndarray]] = None,
        ids: Optional[Sequence] = None,
        crs: str = "",
    ) -> "Trajectories":
        """Build from a list of (n_i, 2) coordinate arrays (no cleaning: the caller guarantees order)."""
        lens = np.array([len(s) for s in sequences_xy], dtype=np.int64)
        offsets = np.zeros(len(lens) + 1, dtype=np.int64)
        np.cumsum(lens, out=offsets[1:])
        xy = (
            np.concatenate([np.asarray(s, dtype=np.float64).reshape(-1, 2) for s in sequences_xy])
            if len(lens)
            else np.zeros((0, 2))
        )
        t = (
            None
            if times is None
            else (
                np.concatenate([np.asarray(s, dtype=np.int64) for s in times]) if len(lens) else np.zeros(0, np.int64)
            )
        )
        return cls(
            ids=np.arange(len(lens)) if ids is None else np.asarray(ids),
            offsets=offsets,
            x=xy[:, 0],
            y=xy[:, 1],
            t=t,
            crs=crs,
        )

    @classmethod
    def _empty(cls, id_dtype, has_t, has_fids, attrs, crs):
        return cls(
            ids=np.zeros(0, dtype=id_dtype),
            offsets=np.zeros(1, np.int64),
            x=np.zeros(0),
            y=np.zeros(0),
            t=np.zeros(0, np.int64) if has_t else None,
            fids=np.zeros(0, np.int64) if has_fids else None,
            attrs={k: np.asarray(v)[:0] for k, v in attrs.items()},
            crs=crs,
        )

    # ------------------------------------------------------------------ access
    @property
    def n_points(self) -> int:
        return int(self.x.shape[0])

    @property
    def point_traj_index(self) -> np.ndarray:
        """For every point, the index (0..n-1) of its trajectory."""
        return np.repeat(np.arange(len(self), dtype=np.int64), self.lengths)

    def xy(self, i: int) -> np.ndarray:
        return np.column_stack([self._part(self.x, i), self._part(self.y, i)])

    def times(self, i: int) -> Optional[np.ndarray]:
        return None if self.t is None else self._part(self.t, i)

    def __iter__(self) -> Iterator[np.ndarray]:
        for i in range(len(self)):
            yield self.xy(i)

    @property
    def bounds(self):
        """(xmin, ymin, xmax, ymax) of all points."""
        if self.n_points == 0:
            raise TrajectoryDataError("there are no points")
        return float(self.x.min()), float(self.y.min()), float(self.x.max()), float(self.y.max())

    def subset(self, mask_or_index) -> "Trajectories":
        """A new container with the selected trajectories (boolean mask or integer index, order kept)."""
        sel = np.asarray(mask_or_index)
        if sel.dtype == bool:
            sel = np.flatnonzero(sel)
        lens = self.lengths[sel]
        offsets = np.zeros(sel.size + 1, dtype=np.int64)
        np.cumsum(lens, out=offsets[1:])
        pidx = ranges(self.offsets[sel], lens)
        return Trajectories(
            ids=self.ids[sel],
            offsets=offsets,
            x=self.x[pidx],
            y=self.y[pidx],
            t=None if self.t is None else self.t[pidx],
            fids=None if self.fids is None else self.fids[pidx],
            attrs={k: v[pidx] for k, v in self.attrs.items()},
            crs=self.crs,
        )

    def with_xy(self, x: np.ndarray, y: np.ndarray, crs: str) -> "Trajectories":
        return Trajectories(
            ids=self.ids, offsets=self.offsets, x=x, y=y, t=self.t, fids=self.fids, attrs=self.attrs, crs=crs
        )

    # ------------------------------------------------------------------ CRS helpers
    def to_crs(self, crs: str) -> "Trajectories":
        """Reprojected copy (pyproj, always x=easting/longitude, y=northing/latitude)."""
        from .crs import transform_xy

        if not crs or crs == self.crs:
            return self
        x, y = transform_xy(self.x, self.y, self.crs, crs)
        return self.with_xy(x, y, crs)

    def to_metric(self, crs: Optional[str] = None) -> "Trajectories":
        """Copy in a metric CRS: ``crs`` when given, unchanged when already projected in metres, else auto UTM."""
        from .crs import is_metric, utm_crs_for

        if crs:
            out = self.to_crs(crs)
        elif is_metric(self.crs):
            return self
        else:
            ll = self.to_crs("EPSG:4326")
            out = self.to_crs(utm_crs_for(ll.x, ll.y))
        _check_projected(self, out)
        return out

    # ------------------------------------------------------------------ misc
    def first_values(self, name: str) -> np.ndarray:
        """The per-point attribute ``name`` at the first point of every trajectory."""
        return self.attrs[name][self.offsets[:-1]]

    def concatenate(self, other: "Trajectories") -> "Trajectories":
        """This container followed by ``other`` (reprojected to this CRS). Attributes and fids are dropped; times are
        kept when both have them; ids become text when their kinds differ."""
        other = other.to_crs(self.crs) if self.crs and other.crs else other
        ids = (
            np.concatenate([self.ids, other.ids])
            if self.ids.dtype.kind == other.ids.dtype.kind
            else np.array([str(v) for v in self.ids] + [str(v) for v in other.ids], dtype=object)
        )
        has_t = self.t is not None and other.t is not None
        return Trajectories(
            ids=ids,
            offsets=np.concatenate([self.offsets, other.offsets[1:] + self.offsets[-1]]),
            x=np.concatenate([self.x, other.x]),
            y=np.concatenate([self.y, other.y]),
            t=np.concatenate([self.t, other.t]) if has_t else None,
            crs=self.crs,
        )

    def durations(self) -> Optional[np.ndarray]:
        """Seconds from first to last point of each trajectory (None without time)."""
        if self.t is None or len(self) == 0:
            return None if self.t is None else np.zeros(0, np.int64)
        return self.t[self.offsets[1:] - 1] - self.t[self.offsets[:-1]]


# ---------------------------------------------------------------------- helpers
_NAT = np.iinfo(np.int64).min


def even_indices(n: int, max_n: int) -> np.ndarray:
    """Indices thinning ``n`` items to at most ``max_n`` evenly spaced ones, first and last kept (all when
    ``n <= max_n``)."""
    if n <= max_n:
        return np.arange(n)
    return np.unique(np.round(np.linspace(0, n - 1, max_n)).astype(np.int64))


def _gather(a: np.ndarray, idx: np.ndarray) -> np.ndarray:
    return a[idx]


def _gather_in_place(a: np.ndarray, idx: np.ndarray, chunk: int = 1 << 20) -> np.ndarray:
    """``a[idx]`` written over the start of ``a``; returns that view. An increasing ``idx`` (rows only filtered,
    the common case of a layer already in trajectory and time order) moves the rows in chunks: ``idx[j] >= j``, so
    no row is overwritten before it is read. Any other ``idx`` goes through one temporary copy of this column."""
    if not (a.flags.writeable and a.flags.c_contiguous) or a.shape[0] < idx.size:
        return a[idx]
    m = idx.size
    if m > 1 and not (idx[1:] > idx[:-1]).all():
        a[:m] = a[idx]
        return a[:m]
    for s in range(0, m, chunk):
        e = min(s + chunk, m)
        a[s:e] = a[idx[s:e]]
    return a[:m]


def _valid_points(x, y, tt, drop_null_time: bool, rep: CleaningReport) -> np.ndarray:
    """Mask of the points with coordinates (and a time, when ``tt`` is given and ``drop_null_time`` is set;
    missing times are an error otherwise)."""
    keep = np.isfinite(x) & np.isfinite(y)
    rep.n_null_coordinates = int(x.shape[0] - keep.sum())
    if tt is not None:
        bad_t = tt == _NAT
        if bad_t.any():
            if not drop_null_time:
                first = int(np.flatnonzero(bad_t)[0])
                raise TrajectoryDataError(
                    f"{int(bad_t.sum())} point(s) have no valid time (first at input row {first}); "
                    "fix or filter them, or choose another time field"
                )
            rep.n_null_times = int((bad_t & keep).sum())
            keep &= ~bad_t
    return keep


def _sorted_points(idx, codes, tt, deduplicate: bool, rep: CleaningReport):
    """(point index, trajectory code) stably sorted by (trajectory, time) -- or (trajectory, input order) without
    time -- with repeated times of a trajectory dropped when ``deduplicate``."""
    if tt is not None:
        tk = tt if idx.size == tt.size else tt[idx]  # idx is every row, in order, when nothing was dropped
        order = np.lexsort((tk, codes))
        del tk
        # which trajectories were out of order: lexsort is stable, so a trajectory whose times never decrease in
        # input order keeps its input order; one that goes back in time somewhere has its order reversed there
        same = codes[order[1:]] == codes[order[:-1]]
        same &= order[1:] < order[:-1]
        rep.n_unsorted_trajectories = int(np.unique(codes[order[1:][same]]).size)
        del same
    else:
        order = np.argsort(codes, kind="stable")
    idx = idx[order]
    codes = codes[order]
    if tt is not None and deduplicate:
        ts = tt[idx]
        dup = np.zeros(idx.size, dtype=bool)
        dup[1:] = (codes[1:] == codes[:-1]) & (ts[1:] == ts[:-1])
        rep.n_duplicate_times = int(dup.sum())
        idx, codes = idx[~dup], codes[~dup]
    return idx, codes


def _drop_short(idx, codes, n_codes: int, min_points: int, rep: CleaningReport):
    """(point index, codes, point count per kept trajectory, kept codes) without the trajectories of fewer than
    ``min_points`` points."""
    counts = np.bincount(codes, minlength=n_codes)
    short = counts < max(min_points, 1)
    if not short.any():
        return idx, codes, counts, np.arange(n_codes)
    rep.n_short_trajectories = int(short.sum())
    rep.n_short_points = int(counts[short].sum())
    keep_pts = ~short[codes]
    return idx[keep_pts], codes[keep_pts], counts[~short], np.flatnonzero(~short)


def _to_epoch_seconds(t) -> np.ndarray:
    """int64 epoch seconds with ``_NAT`` for missing; accepts datetime64, ints, floats (NaN missing)."""
    a = np.asarray(t)
    if a.dtype.kind == "M":
        sec = a.astype("datetime64[s]")
        out = sec.astype(np.int64)
        out[np.isnat(a)] = _NAT
        return out
    if a.dtype.kind in "iu":
        return a.astype(np.int64, copy=False)
    if a.dtype.kind == "f":
        out = np.full(a.shape, _NAT, dtype=np.int64)
        ok = np.isfinite(a)
        out[ok] = np.floor(a[ok]).astype(np.int64)
        return out
    if a.dtype.kind == "b":
        raise TrajectoryDataError("a boolean field cannot be used as time")
    from .timeparse import parse_times

    return parse_times(a)


def _factorize(values: np.ndarray):
    """Codes 0..k-1 in order of first appearance, and the position of each first appearance."""
    try:
        import pandas as pd

        codes, uniques = pd.factorize(values, sort=False, use_na_sentinel=False)  # hash-based, first-appearance order
        codes = codes.astype(np.int64)
        first = np.empty(len(uniques), dtype=np.int64)
        first[codes[::-1]] = np.arange(codes.size - 1, -1, -1)
        return codes, first
    except ImportError:
        pass
    try:
        _, first, inv = np.unique(values, return_index=True, return_inverse=True)
    except TypeError:  # mixed object types: compare as strings
        _, first, inv = np.unique(values.astype(str), return_index=True, return_inverse=True)
    order = np.argsort(first, kind="stable")
    rank = np.empty_like(order)
    rank[order] = np.arange(order.size)
    return rank[inv.reshape(-1)], first[order]


def natural_key(key):
    """Sort key putting numeric OD values (and other keys) in numeric order before texts ("2" before "10")."""
    try:
        return (0, float(key), "")
    except (TypeError, ValueError):
        return (1, 0.0, str(key))


def to_wgs84(trajs: Trajectories) -> Trajectories:
    """``trajs`` in EPSG:4326 (lon/lat). A container without CRS must already hold lon/lat values."""
    if trajs.crs and trajs.crs.upper() != "EPSG:4326":
        return trajs.to_crs("EPSG:4326")
    if trajs.n_points and (np.nanmax(np.abs(trajs.x)) > 180.0 or np.nanmax(np.abs(trajs.y)) > 90.0):
        if trajs.crs:
            n_out = int(((np.abs(trajs.x) > 180.0) | (np.abs(trajs.y) > 90.0)).sum())
            raise TrajectoryDataError(
                f"{n_out} point(s) lie outside the longitude/latitude range of {trajs.crs} (|longitude| <= 180, "
                "|latitude| <= 90); check the layer's CRS and coordinates"
            )
        raise TrajectoryDataError(
            "the trajectories have no CRS and their coordinates are not longitude/latitude; "
            "assign the layer's CRS first"
        )
    return trajs
