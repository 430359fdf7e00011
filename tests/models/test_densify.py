"""densify: interpolated points between sparse fixes (CroTad's cells follow the path crossed)."""

import numpy as np
import pytest

from deeptraj.models.core.cells import cell_sequences
from deeptraj.models.core.densify import densify
from deeptraj.models.core.h3steps import step_distances, step_index
from deeptraj.models.core.timeparse import NAT
from deeptraj.models.core.trajectories import Trajectories


def _two_trips():
    # trip a: 3 fixes ~ 500 m apart eastwards; trip b: one fix, then a fix 20 m away
    lat = 37.78
    dlon = 500 / (111_320 * np.cos(np.radians(lat)))
    x = [-122.40, -122.40 + dlon, -122.40 + 2 * dlon, -122.41, -122.41 + dlon / 25]
    y = [lat, lat, lat, lat, lat]
    t = [0, 60, 120, 1000, 1010]
    return Trajectories.from_points(["a", "a", "a", "b", "b"], x, y, t, crs="EPSG:4326")[0]


def test_steps_bounded_and_fixes_kept():
    tr = _two_trips()
    out = densify(tr, 50.0)
    assert list(out.ids) == list(tr.ids)
    assert out.lengths.tolist() == [1 + 2 * 10, 2]  # each 500 m step gets 9 inserted points
    a = out.subset([0])
    steps = np.hypot(np.diff(a.x) * 111_320 * np.cos(np.radians(37.78)), np.diff(a.y) * 110_574)
    assert steps.max() <= 50.0 + 1e-6
    # the fixes themselves are still there, in order, with their times; inserted times are interpolated
    np.testing.assert_allclose(a.x[[0, 10, 20]], tr.x[:3])
    assert a.t[[0, 10, 20]].tolist() == [0, 60, 120]
    assert a.t[5] == 30 and np.all(np.diff(a.t) >= 0)
    # no step crosses from one trajectory to the next
    b = out.subset([1])
    np.testing.assert_allclose(b.x, tr.x[3:])


def test_cells_become_contiguous():
    tr = _two_trips()
    seqs = cell_sequences(densify(tr, 30.0), 10)
    sparse = cell_sequences(tr, 10)
    dist_sparse = step_distances(
        sparse.cells, step_index(sparse.cells, sparse.offsets, np.zeros(sparse.cells.size, bool))
    )
    dist = step_distances(seqs.cells, step_index(seqs.cells, seqs.offsets, np.zeros(seqs.cells.size, bool)))
    assert dist_sparse.max() > 1
    assert dist.max() == 1


def test_missing_times_stay_missing_and_bad_step_refused():
    tr = _two_trips()
    tr.t[1] = NAT
    out = densify(tr, 100.0)
    a = out.subset([0])
    assert a.t[0] == 0 and a.t[5] == NAT  # the fix with no time, and no time invented around it
    assert np.all(a.t[1:5] == NAT) and np.all(a.t[6:10] == NAT) and a.t[10] == 120
    for bad in (0, -5, float("nan"), float("inf")):
        with pytest.raises(ValueError, match="max_step_m"):
            densify(tr, bad)
