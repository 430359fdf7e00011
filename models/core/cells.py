"""H3 cell sequences of trajectories (consecutive duplicate cells removed, CroTad section 4.1) and the
per-OD frequent cells S_pos^od (CroTad Eq. 6), shared by the synthetic anomalies, CroTad and its baselines."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, Sequence

import numpy as np

from . import h3grid
from .h3steps import step_distances, step_index
from .ragged import Ragged
from .trajectories import Trajectories, to_wgs84

__all__ = ["CellSequences", "cell_sequences", "wgs84_cell_sequences", "collapse_runs", "visit_rates", "frequent_cells"]


@dataclass
class CellSequences(Ragged):
    """H3 cell sequence of each trajectory with consecutive duplicates removed.

    Sequence ``i`` is ``cells[offsets[i]:offsets[i+1]]``; cell position ``p`` covers the input points
    ``run_start[p]:run_end[p]`` (global point indices).
    """

    point_cells: np.ndarray
    offsets: np.ndarray
    cells: np.ndarray
    run_start: np.ndarray
    run_end: np.ndarray

    def seq(self, i: int) -> np.ndarray:
        return self._part(self.cells, i)

    def to_points(self, per_cell: np.ndarray) -> np.ndarray:
        """Per-cell values (one per position of ``cells``) repeated for every input point of the cell's run."""
        return np.repeat(np.asarray(per_cell), self.run_end - self.run_start)


def cell_sequences(trajs_wgs84: Trajectories, resolution: int) -> CellSequences:
    """Map every point to its H3 cell and collapse runs of the same cell within a trajectory."""
    res = h3grid.check_resolution(resolution)
    return collapse_runs(h3grid.cells(trajs_wgs84.x, trajs_wgs84.y, res), trajs_wgs84.offsets)


def wgs84_cell_sequences(trajs: Trajectories, resolution: int):
    """(``trajs`` in WGS 84, their :class:`CellSequences` at ``resolution``), from trajectories in any CRS
    (TrajectoryDataError when they have no CRS and are not lon/lat)."""
    ll = to_wgs84(trajs)
    return ll, cell_sequences(ll, resolution)


#: median H3 steps between consecutive cells of a trajectory from which the resolution is too fine for the sampling:
#: CroTad's windows follow neighbouring cells (Porto's 15 s fixes at resolution 10: a median of 1; San Francisco's
#: ~60 s: 2)
SPARSE_STEP_CELLS = 2.0


def step_fit(cs: CellSequences, resolution: int, sample: int = 20_000, seed: int = 0, target: float = 1.0):
    """How far apart consecutive distinct cells of the same trajectory are (H3 grid distance, over at most
    ``sample`` steps drawn at random): {"median_cells", "n_steps", "suggested", "too_sparse", "cell_width_m"};
    ``suggested`` is the resolution at which the median step spans about ``target`` cells
    (:func:`h3grid.resolution_for_steps`), ``too_sparse`` says the median reaches ``SPARSE_STEP_CELLS``. Cells much
    smaller than the steps between fixes (sparse sampling at a fine resolution) leave non-adjacent cells that a
    window of cells cannot follow (CroTad's windows are of consecutive cells)."""
    steps = step_index(cs.cells, cs.offsets)
    if steps.size > sample:
        steps = np.sort(np.random.default_rng(seed).choice(steps, sample, replace=False))
    d = step_distances(cs.cells, steps)
    d = d[d > 0]  # -1: h3 has no distance (pentagons, far apart)
    med = float(np.median(d)) if d.size else 1.0
    return {
        "median_cells": med,
        "n_steps": int(d.size),
        "suggested": h3grid.resolution_for_steps(med, resolution, target),
        "too_sparse": med >= SPARSE_STEP_CELLS,
        "cell_width_m": 1000.0 * h3grid.edge_length_km(resolution) * 3**0.5,  # flat to flat
    }


def collapse_runs(point_cells: np.ndarray, offsets: np.ndarray) -> CellSequences:
    """CellSequences of per-point cells (``offsets``: the trajectories' point offsets, n + 1)."""
    pc = np.asarray(point_cells, dtype=np.uint64)
    offsets = np.asarray(offsets, dtype=np.int64)
    n_pts = pc.shape[0]
    new = np.ones(n_pts, dtype=bool)
    if n_pts > 1:
        new[1:] = pc[1:] != pc[:-1]
    starts = offsets[:-1]
    new[starts[starts < n_pts]] = True
    run_start = np.flatnonzero(new).astype(np.int64)
    run_end = np.append(run_start[1:], n_pts).astype(np.int64)
    cell_offsets = np.searchsorted(run_start, offsets).astype(np.int64)  # runs before each trajectory start
    return CellSequences(pc, cell_offsets, pc[run_start], run_start, run_end)


def visit_rates(sequences: Sequence[np.ndarray]) -> Dict[int, float]:
    """Occurrences of each cell over the sequences divided by the number of sequences (CroTad Eq. 6)."""
    if len(sequences) == 0:
        return {}
    allc = np.concatenate([np.asarray(s, dtype=np.uint64) for s in sequences])
    u, c = np.unique(allc, return_counts=True)
    n = float(len(sequences))
    return {int(a): float(b) / n for a, b in zip(u, c)}


def frequent_cells(sequences: Sequence[np.ndarray], threshold: float) -> frozenset:
    """S_pos^od: cells whose visit rate is above ``threshold`` (delta_od in (0, 1])."""
    return frozenset(c for c, r in visit_rates(sequences).items() if r > threshold)
