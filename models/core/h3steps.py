"""Steps between consecutive H3 cells of trajectories: which steps there are, how many cells apart they lie, which
resolution fits the sampling, and the gap fill that joins non-adjacent cells with the H3 grid path.

Shared by the H3 discretizer (``FILL_GAPS``: sized before anything is built, refused beyond ``MAX_FILL_CELLS``) and
the sampling check of CroTad (:func:`models.core.cells.step_fit`). Pure numpy + h3.
"""

from __future__ import annotations

import numpy as np

from . import h3grid
from .progress import CancelFn, check
from .trajectories import TrajectoryDataError

#: gap cells an H3 fill may insert (as uint64 cells, Python lists while building: several GB beyond this)
MAX_FILL_CELLS = 20_000_000
#: gap cells per GPS point above which a fill says the resolution is too fine for the sampling ("too_fine")
FILL_WARN_PER_POINT = 10


def step_index(cells: np.ndarray, offsets: np.ndarray, invalid: np.ndarray = None) -> np.ndarray:
    """Positions i where cells[i] -> cells[i + 1] is a step: both in the same trajectory (``offsets``: n + 1
    trajectory starts), different cells, neither ``invalid``."""
    n = cells.shape[0]
    if n < 2:
        return np.zeros(0, np.int64)
    ok = np.ones(n - 1, bool)
    ends = np.asarray(offsets[1:-1], np.int64) - 1
    ok[ends[(ends >= 0) & (ends < n - 1)]] = False
    ok &= cells[1:] != cells[:-1]
    if invalid is not None:
        ok &= ~invalid[1:] & ~invalid[:-1]
    return np.flatnonzero(ok)


def step_distances(cells: np.ndarray, steps: np.ndarray, cancel: CancelFn = None) -> np.ndarray:
    """H3 grid distance of each step (-1 where h3 has none: across pentagons, far apart)."""
    d = np.zeros(steps.size, np.int64)
    for j, i in enumerate(steps.tolist()):
        if j % 20000 == 0:
            check(cancel)
        d[j] = h3grid.grid_distance(int(cells[i]), int(cells[i + 1]))
    return d


def fill_report(inserted: int, n_points: int, far_steps: np.ndarray, resolution: int) -> dict:
    """What an H3 gap fill adds: ``inserted`` cells for ``n_points`` valid points, ``suggested``, the finest
    resolution at which the median non-adjacent step (``far_steps``, grid distances) would span about 2 cells, and
    ``too_fine`` beyond ``FILL_WARN_PER_POINT`` cells per point."""
    med = float(np.median(far_steps)) if far_steps.size else 1.0
    per_point = inserted / max(n_points, 1)
    return {
        "inserted": int(inserted),
        "per_point": per_point,
        "median_step_cells": med,
        "suggested": h3grid.resolution_for_steps(med, resolution),
        "too_fine": per_point > FILL_WARN_PER_POINT,
    }


def fill_gaps(cells, offsets, invalid, resolution: int, cancel: CancelFn = None):
    """(cells, offsets, invalid, :func:`fill_report`) with the H3 grid-path cells inserted between consecutive
    non-adjacent valid cells of the same trajectory. The inserted count is known from the grid distances before any
    path is built; beyond ``MAX_FILL_CELLS`` a TrajectoryDataError names RESOLUTION and the resolution that fits."""
    steps = step_index(cells, offsets, invalid)
    dist = step_distances(cells, steps, cancel)
    far = dist > 1
    rep = fill_report(int((dist[far] - 1).sum()), int((~invalid).sum()), dist[far], resolution)
    if rep["inserted"] > MAX_FILL_CELLS:
        raise TrajectoryDataError(
            f"RESOLUTION: filling the gaps would insert {rep['inserted']:,} cells ({rep['per_point']:.0f} per GPS "
            f"point): the cells are far smaller than the steps between fixes; choose RESOLUTION {rep['suggested']} "
            "or coarser, or turn FILL_GAPS off"
        )
    inserts = {}
    for j, i in enumerate(steps[far].tolist()):
        if j % 20000 == 0:
            check(cancel)
        path = h3grid.path(int(cells[i]), int(cells[i + 1]))
        if len(path) > 2:
            inserts[i] = path[1:-1]
    if not inserts:
        return cells, offsets, invalid, rep
    pos = np.fromiter(inserts.keys(), np.int64)
    extra = [np.asarray(inserts[p], np.uint64) for p in pos.tolist()]
    sizes = np.array([e.size for e in extra], np.int64)
    new_cells = np.insert(cells, np.repeat(pos + 1, sizes), np.concatenate(extra))
    new_invalid = np.insert(invalid, np.repeat(pos + 1, sizes), False)
    # offsets shift by the number of inserted cells before each trajectory start
    per_traj = np.bincount(np.searchsorted(offsets, pos, side="right") - 1, weights=sizes, minlength=offsets.size - 1)
    added_before = np.concatenate([[0], np.cumsum(per_traj.astype(np.int64))])
    return new_cells, offsets + added_before, new_invalid, rep
