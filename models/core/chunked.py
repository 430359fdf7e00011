"""Per-point passes of the discretizers done in chunks, so that their temporaries stay small on tens of millions of
points: projection, the default grid extent, dropping consecutive repeated tokens."""

from __future__ import annotations

import numpy as np

from .progress import check, report
from .trajectories import TrajectoryDataError


def collapse_repeats(tokens: np.ndarray, offsets: np.ndarray):
    """Drop consecutive repeats inside each sequence; returns (tokens, offsets)."""
    n = tokens.shape[0]
    if n == 0:
        return tokens, offsets
    keep = np.ones(n, dtype=bool)
    np.not_equal(tokens[1:], tokens[:-1], out=keep[1:])
    starts = offsets[:-1][np.diff(offsets) > 0]
    keep[starts] = True
    kept = tokens[keep]
    # new offsets: kept tokens before each old offset (a running count read at the offsets, without a per-point
    # trajectory index)
    pos = np.flatnonzero(keep)
    del keep
    return kept, np.searchsorted(pos, offsets, side="left").astype(np.int64)


def project_part(trajs, crs: str, start: int, end: int):
    """x, y of the points start:end of ``trajs`` in ``crs``."""
    from .crs import transform_xy

    return transform_xy(trajs.x[start:end], trajs.y[start:end], trajs.crs, crs)


def project(trajs, crs: str, chunk: int, progress, cancel, a, b):
    """x, y of every point in ``crs``, projected in chunks (cancel checked, progress a..b between them)."""
    n = trajs.n_points
    gx, gy = np.empty(n), np.empty(n)
    for s in range(0, n, chunk):
        check(cancel)
        gx[s : s + chunk], gy[s : s + chunk] = project_part(trajs, crs, s, s + chunk)
        report(progress, a + (b - a) * min(1.0, (s + chunk) / max(n, 1)))
    return gx, gy


def grid_extent(gx, gy):
    """Default grid extent: the box of the projected points without far outliers (``outliers.bulk_extent``), so
    fixes at 0,0 or on another continent stay outside (UNK) instead of stretching the grid."""
    from .outliers import bulk_extent

    ok = np.isfinite(gx) & np.isfinite(gy)
    if not ok.any():
        raise TrajectoryDataError("no point could be projected into the grid CRS")
    if ok.all():
        return bulk_extent(gx, gy)[0]
    return bulk_extent(gx[ok], gy[ok])[0]
