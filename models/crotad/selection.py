"""Which trajectories can train a CroTad model (:func:`select_training`): an OD value, enough cells, and an OD with
at least two such trajectories; what was left out comes back for the caller to report."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, List

import numpy as np

__all__ = ["TrainingSelection", "select_training"]


@dataclass
class TrainingSelection:
    """Result of :meth:`CroTad.select_training`."""

    index: np.ndarray  # the kept trajectories
    n_few_cells: int  # trajectories with an OD but too few cells
    small_ods: List[str]  # OD values left out for having a single usable trajectory
    n_short: int  # kept trajectories with fewer cells than the window (trained with padded windows)
    trips: Dict[str, int]  # kept trajectories per OD

    def take(self, cell_seqs, od):
        """(cell sequences, OD keys, number of distinct cells) of the kept trajectories, from ``cell_seqs`` (with
        ``seq(i)``, e.g. :class:`~models.core.cells.CellSequences`) and ``od``, the inputs of the selection."""
        cells = [cell_seqs.seq(int(i)) for i in self.index]
        n_cells = int(np.unique(np.concatenate(cells)).size) if cells else 0
        return cells, [od[int(i)] for i in self.index], n_cells


def select_training(
    lengths, od, resolution: int, window: int, min_cells: int = 2, require_window: bool = True
) -> TrainingSelection:
    """The trajectories (``lengths``: cells of each, ``od``: OD key or None) a model of H3 ``resolution`` and
    ``window`` cells can train on; see :meth:`CroTad.select_training`."""
    lengths = np.asarray(lengths, np.int64).reshape(-1)
    has_od = np.array([k is not None for k in od], bool)
    keep = has_od & (lengths >= min_cells)
    trips: Dict[str, int] = {}
    for i in np.flatnonzero(keep):
        trips[od[i]] = trips.get(od[i], 0) + 1
    small = sorted(k for k, c in trips.items() if c < 2)
    if small:
        keep &= np.array([k not in set(small) for k in od], bool)
    n_few = int((has_od & (lengths < min_cells)).sum())
    if not keep.any():
        raise ValueError(
            f"INPUT: no OD keeps at least 2 trajectories of {min_cells} or more H3 cells at RESOLUTION "
            f"{resolution} ({n_few} trajectory(ies) have fewer cells). Use finer cells (a higher "
            "RESOLUTION), longer trajectories or more trajectories per OD (check OD_FIELD)"
        )
    index = np.flatnonzero(keep)
    kept = lengths[index]
    if require_window and int(kept.max()) < window:
        raise ValueError(
            f"WINDOW: every trajectory is shorter than the window of {window} cells (the longest has "
            f"{int(kept.max())} H3 cells at RESOLUTION {resolution}, the median {int(np.median(kept))}). "
            f"Lower WINDOW (to {max(2, int(np.median(kept)))} or less) or use finer cells (a higher "
            "RESOLUTION)"
        )
    return TrainingSelection(
        index,
        n_few,
        small,
        int((kept < window).sum()),
        {k: c for k, c in trips.items() if k not in set(small)},
    )
