"""Densify sparsely sampled trajectories: points interpolated on the straight line between consecutive fixes.

CroTad reads a trajectory as the sequence of H3 cells its points fall in (the paper map-matches 15 s taxi fixes).
Fixes a minute apart skip cells, so two trips along the same street share few cells and an OD's frequently
visited cells S_pos^od fall apart. Interpolating points closer than the cell width restores the path of cells the
vehicle crossed (straight between fixes: a corner is cut, as the H3 grid path between the two cells would).
"""

from __future__ import annotations

import numpy as np

from .outliers import haversine_m
from .timeparse import NAT
from .trajectories import Trajectories, to_wgs84

__all__ = ["densify"]


def densify(trajs: Trajectories, max_step_m: float) -> Trajectories:
    """``trajs`` in WGS 84 with points inserted so that no step inside a trajectory is longer than ``max_step_m``
    metres: a step of length d gets ceil(d / max_step_m) - 1 points evenly spaced on it, with interpolated times.
    Inserted points copy the attributes of the fix before them and have fid -1. Raises ValueError for a
    non-positive or non-finite ``max_step_m``."""
    step = float(max_step_m)
    if not np.isfinite(step) or step <= 0:
        raise ValueError(f"max_step_m must be a positive number of metres, got {max_step_m!r}")
    ll = to_wgs84(trajs)
    n = ll.x.size
    if n < 2:
        return ll
    d = haversine_m(ll.x[:-1], ll.y[:-1], ll.x[1:], ll.y[1:])  # metres of each step to the next point
    last = np.zeros(n, bool)  # the last point of each trajectory has no step after it
    last[ll.offsets[1:][ll.lengths > 0] - 1] = True
    extra = np.zeros(n, np.int64)
    extra[:-1] = np.where(np.isfinite(d), np.ceil(d / step) - 1, 0).clip(0).astype(np.int64)
    extra[last] = 0
    if not extra.any():
        return ll
    reps = extra + 1
    src = np.repeat(np.arange(n), reps)  # output point -> the fix it starts from
    first = np.cumsum(reps) - reps
    k = np.arange(src.size) - first[src]  # 0 = the fix itself, 1.. = inserted after it
    frac = k / reps[src]
    nxt = np.minimum(src + 1, n - 1)
    x = ll.x[src] + frac * (ll.x[nxt] - ll.x[src])
    y = ll.y[src] + frac * (ll.y[nxt] - ll.y[src])
    t = None
    if ll.t is not None:
        t0, t1 = ll.t[src], ll.t[nxt]
        known = (t0 != NAT) & (t1 != NAT)
        t = np.where(k == 0, t0, np.where(known, t0 + np.round(frac * (t1 - t0)).astype(np.int64), NAT))
    fids = None
    if ll.fids is not None:
        fids = np.where(k == 0, ll.fids[src], -1)
    offsets = np.concatenate([[0], np.cumsum(reps)])[ll.offsets]
    return Trajectories(
        ids=ll.ids,
        offsets=offsets,
        x=x,
        y=y,
        t=t,
        fids=fids,
        attrs={name: v[src] for name, v in ll.attrs.items()},
        crs=ll.crs,
    )
