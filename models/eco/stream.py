"""The stream of an evolutionary clustering: records cut into time steps of ``delta_t`` seconds, each object keeping
its earliest record per step; a snapshot is the set of objects active at a step.

Given the planar coordinates, :func:`build_stream` leaves out the records no snapshot can use: non-finite
coordinates (what reprojecting a fix from another continent may give) and GPS outliers far outside the bulk of the
data (``models/core/outliers.py``: fixes at (0, 0) reprojected, fixes thousands of km away). One such fix would
otherwise stretch a snapshot's extent (scipy's k-d tree overflows on infinite coordinates) and pull its object's
speed disk; they are counted in the stream (``n_outliers``, ``n_nonfinite``) for the run to report."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

import numpy as np


@dataclass
class Stream:
    """Records cut into time steps: ``rec`` indexes the source points (earliest record per object and step),
    sorted by step then object; ``step_offsets[s]:step_offsets[s+1]`` are the records of step ``steps[s]``."""

    rec: np.ndarray
    obj: np.ndarray
    step: np.ndarray
    steps: np.ndarray
    step_offsets: np.ndarray
    delta_t: float
    start_time: int
    n_dropped: int
    n_outliers: int = 0
    n_nonfinite: int = 0
    outliers: Optional[object] = None  # the models.core.outliers.Outliers of the records, when x/y were given

    def __len__(self):
        return len(self.steps)

    def snapshot(self, s: int):
        """(step index, slice of the records) of the s-th non-empty step; its objects are in increasing order."""
        return int(self.steps[s]), slice(int(self.step_offsets[s]), int(self.step_offsets[s + 1]))

    def step_time(self, step: int) -> int:
        return int(self.start_time + step * self.delta_t)


def median_interval(obj: np.ndarray, t: np.ndarray) -> float:
    """Median of the positive time differences between consecutive records of the same object."""
    order = np.lexsort((t, obj))
    o, tt = obj[order], t[order]
    same = o[1:] == o[:-1]
    dt = (tt[1:] - tt[:-1])[same]
    dt = dt[dt > 0]
    if dt.size == 0:
        raise ValueError(
            "no object has two records at different times: the sampling interval is undefined; set DELTA_T"
        )
    return float(np.median(dt))


def usable_records(x, y):
    """(mask of the records a snapshot can use, number with non-finite coordinates, the outliers found among the
    finite ones): the rule of ``models/core/outliers.py`` on planar coordinates in metres."""
    from ..core.outliers import find_outliers

    x, y = np.asarray(x, np.float64), np.asarray(y, np.float64)
    finite = np.isfinite(x) & np.isfinite(y)
    out = find_outliers(x, y, geographic=False)
    return finite & ~out.mask, int((~finite).sum()), out


def build_stream(
    obj: np.ndarray,
    t: np.ndarray,
    delta_t: Optional[float] = None,
    start_time: Optional[int] = None,
    x: Optional[np.ndarray] = None,
    y: Optional[np.ndarray] = None,
) -> Stream:
    """Time steps of ``delta_t`` seconds from ``start_time`` (default: the median sampling interval and the
    earliest time). Records before the start are dropped; each object keeps its earliest record per step. With the
    planar coordinates ``x``/``y`` (metres), records with non-finite coordinates and GPS outliers far outside the
    bulk are left out first (see :func:`usable_records`)."""
    obj = np.asarray(obj, np.int64)
    t = np.asarray(t, np.int64)
    if obj.size == 0:
        raise ValueError("no records")
    usable, n_nonfinite, outliers = (None, 0, None) if x is None else usable_records(x, y)
    n_outliers = 0 if outliers is None else outliers.n
    if usable is not None and not usable.any():
        raise ValueError("no record has usable coordinates (all are non-finite or GPS outliers)")
    if delta_t is None or delta_t <= 0:
        delta_t = median_interval(obj, t) if usable is None else median_interval(obj[usable], t[usable])
    delta_t = float(delta_t)
    start = (int(t.min()) if usable is None else int(t[usable].min())) if start_time is None else int(start_time)
    keep = t >= start
    n_before = int((~keep).sum()) if usable is None else int((~keep & usable).sum())
    if usable is not None:
        keep &= usable
    idx = np.nonzero(keep)[0]
    step = np.floor((t[idx] - start) / delta_t).astype(np.int64)
    order = np.lexsort((t[idx], obj[idx], step))
    idx, step = idx[order], step[order]
    o = obj[idx]
    first = np.ones(idx.size, bool)
    first[1:] = (step[1:] != step[:-1]) | (o[1:] != o[:-1])
    n_dup = int((~first).sum())
    idx, step, o = idx[first], step[first], o[first]
    if idx.size == 0:
        raise ValueError("no record at or after the start time")
    bounds = np.nonzero(np.r_[True, step[1:] != step[:-1]])[0]
    return Stream(
        rec=idx,
        obj=o,
        step=step,
        steps=step[bounds],
        step_offsets=np.r_[bounds, idx.size],
        delta_t=delta_t,
        start_time=start,
        n_dropped=n_before + n_dup,
        n_outliers=n_outliers,
        n_nonfinite=n_nonfinite,
        outliers=outliers,
    )
