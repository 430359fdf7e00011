"""Steps between consecutive H3 cells (models/core/h3steps.py) and the sampling check built on them
(models/core/cells.step_fit), without QGIS."""

import numpy as np
import pytest

from deeptraj.models.core import h3grid, h3steps
from deeptraj.models.core.cells import collapse_runs, step_fit
from deeptraj.models.core.trajectories import TrajectoryDataError

LAT = np.full(8, 41.15)
NEAR = np.linspace(-8.600, -8.595, 8)  # ~60 m apart: neighbouring resolution-10 cells (~130 m wide)
FAR = np.linspace(-8.60, -8.40, 8)  # ~2.4 km apart: ~18 cells


def test_step_fit_counts_grid_steps_within_trajectories():
    one = step_fit(collapse_runs(h3grid.cells(NEAR, LAT, 10), np.array([0, 8])), 10)
    assert one["median_cells"] == 1 and one["suggested"] == 10 and not one["too_sparse"]
    two = step_fit(collapse_runs(h3grid.cells(FAR, LAT, 10), np.array([0, 8])), 10)
    assert two["median_cells"] > 10 and two["n_steps"] == 7 and two["suggested"] <= 8 and two["too_sparse"]
    assert 100 < two["cell_width_m"] < 160  # resolution 10: ~76 m edges, ~130 m flat to flat
    # the step from the last cell of one trajectory to the first of the next is not a step
    both = collapse_runs(h3grid.cells(np.r_[NEAR, FAR], np.r_[LAT, LAT], 10), np.array([0, 8, 16]))
    assert step_fit(both, 10)["n_steps"] == one["n_steps"] + two["n_steps"]
    assert h3grid.resolution_for_steps(1.0, 10) == 10 and h3grid.resolution_for_steps(2.0 * 7, 10) == 8


def test_step_index_skips_trajectory_ends_repeats_and_invalid_cells():
    cells = np.array([5, 5, 6, 7, 8, 9], np.uint64)
    invalid = np.array([False, False, False, False, True, False])
    # trajectories [0, 3) and [3, 6): steps 1 (5->6) and 3 (7->8) would be, but 3 touches an invalid cell
    assert h3steps.step_index(cells, np.array([0, 3, 6]), invalid).tolist() == [1]
    assert h3steps.step_index(cells, np.array([0, 3, 6])).tolist() == [1, 3, 4]


def test_fill_gaps_joins_far_cells_and_is_sized_before_it_is_built(monkeypatch):
    cells = h3grid.cells(np.r_[NEAR, FAR], np.r_[LAT, LAT], 10)
    offsets = np.array([0, 8, 16])
    invalid = np.zeros(16, bool)
    new, off, inv, rep = h3steps.fill_gaps(cells, offsets, invalid, 10)
    assert new.size == 16 + rep["inserted"] and off.tolist() == [0, 8, new.size] and not inv.any()
    for t in range(2):
        seq = new[off[t] : off[t + 1]]
        assert all(h3grid.grid_distance(int(a), int(b)) <= 1 for a, b in zip(seq[:-1], seq[1:]))
    assert rep["per_point"] == rep["inserted"] / 16 and rep["suggested"] < 10 and not rep["too_fine"]
    fine = h3grid.cells(np.r_[NEAR, FAR], np.r_[LAT, LAT], 13)  # cells ~9 m wide: ~2.4 km steps span hundreds
    assert h3steps.fill_gaps(fine, offsets, invalid, 13)[3]["too_fine"]
    monkeypatch.setattr(h3steps, "MAX_FILL_CELLS", rep["inserted"] - 1)
    with pytest.raises(TrajectoryDataError, match="RESOLUTION: filling the gaps would insert"):
        h3steps.fill_gaps(cells, offsets, invalid, 10)
