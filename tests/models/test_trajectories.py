"""The trajectory container's cleaning rules, CRS helpers and time parsing (no QGIS needed)."""

import numpy as np
import pytest

from deeptraj.models.core.crs import is_geographic, is_metric, utm_crs_for
from deeptraj.models.core.timeparse import NAT, parse_times
from deeptraj.models.core.trajectories import Trajectories, TrajectoryDataError


def test_groups_in_order_of_first_appearance_and_sorts_by_time():
    ids = np.array(["b", "a", "b", "a", "b"], dtype=object)
    x = np.array([3.0, 10.0, 1.0, 11.0, 2.0])
    t = np.array([30, 5, 10, 6, 20])
    tr, rep = Trajectories.from_points(ids, x, x * 0, t, crs="EPSG:3857")
    assert list(tr.ids) == ["b", "a"]
    assert tr.xy(0)[:, 0].tolist() == [1.0, 2.0, 3.0]
    assert tr.times(0).tolist() == [10, 20, 30]
    assert rep.n_unsorted_trajectories == 1  # only "b" was out of order


def test_duplicates_single_points_and_null_coordinates():
    ids = np.array([1, 1, 1, 2, 3, 3, 3])
    x = np.array([0, 1, 2, 5, np.nan, 7, 8.0])
    t = np.array([0, 10, 10, 0, 0, 1, 2])
    tr, rep = Trajectories.from_points(ids, x, x, t, crs="EPSG:3857")
    assert rep.n_duplicate_times == 1 and rep.n_null_coordinates == 1
    assert rep.n_short_trajectories == 1 and rep.n_short_points == 1  # trajectory 2
    assert tr.ids.tolist() == [1, 3] and tr.lengths.tolist() == [2, 2]
    assert tr.x[:2].tolist() == [0, 1]  # first of the duplicates kept
    assert any("skipped" in m for m in rep.messages())


def test_null_time_is_an_error_unless_dropped():
    t = np.array(["2024-01-01T00:00:00", None, "2024-01-01T00:00:10"], dtype=object)
    with pytest.raises(TrajectoryDataError, match="no valid time"):
        Trajectories.from_points([1, 1, 1], [0, 1, 2], [0, 0, 0], t)
    tr, rep = Trajectories.from_points([1, 1, 1], [0, 1, 2], [0, 0, 0], t, drop_null_time=True)
    assert rep.n_null_times == 1 and tr.n_points == 2


def test_without_time_input_order_is_kept():
    tr, _ = Trajectories.from_points([7, 7, 7], [3, 1, 2], [0, 0, 0])
    assert tr.t is None and tr.x.tolist() == [3, 1, 2]


def test_subset_and_point_index():
    tr, _ = Trajectories.from_points([1, 1, 2, 2, 2, 3, 3], np.arange(7.0), np.zeros(7), np.arange(7))
    sub = tr.subset(np.array([False, True, True]))
    assert sub.ids.tolist() == [2, 3] and sub.x.tolist() == [2, 3, 4, 5, 6]
    assert tr.point_traj_index.tolist() == [0, 0, 1, 1, 1, 2, 2]
    assert tr.durations().tolist() == [1, 2, 1]


def test_concatenate_reprojects_and_keeps_what_both_have():
    a, _ = Trajectories.from_points(
        [1, 1, 2, 2], [-8.61, -8.60, -8.62, -8.63], [41.15] * 4, [0, 10, 0, 10], crs="EPSG:4326"
    )
    b, _ = Trajectories.from_points(["x", "x", "x"], [5e5, 5e5 + 50, 5e5 + 100], [0.0, 0, 0], crs="EPSG:32629")
    both = a.concatenate(b)
    assert both.ids.tolist() == ["1", "2", "x"] and both.offsets.tolist() == [0, 2, 4, 7]
    assert both.crs == "EPSG:4326" and both.t is None  # b has no time
    assert np.allclose(both.x[:4], a.x) and both.x[4] == pytest.approx(-9.0, abs=0.01)  # central meridian of UTM 29N
    assert a.concatenate(a.subset([1])).ids.tolist() == [1, 2, 2] and a.concatenate(a).t.size == 8


def test_time_parsing_formats():
    vals = np.array(
        [
            "2024-05-01T08:30:00",
            "2024-05-01 08:30:05",
            "2024-05-01T10:30:00+02:00",
            "1714552200",
            "1714552200000",
            "garbage",
            None,
        ],
        dtype=object,
    )
    out = parse_times(vals)
    assert out[:5].tolist() == [1714552200, 1714552205, 1714552200, 1714552200, 1714552200]
    assert out[5] == NAT and out[6] == NAT
    dt = np.array(["2024-05-01T08:30:00", "NaT"], dtype="datetime64[s]")
    tr, _ = Trajectories.from_points([1, 1], [0, 1], [0, 0], dt, drop_null_time=True, min_points=1)
    assert tr.t.tolist() == [1714552200]


def test_crs_helpers_and_reprojection():
    assert is_geographic("EPSG:4326") and not is_metric("EPSG:4326") and is_metric("EPSG:32629")
    assert utm_crs_for([-8.6], [41.1]) == "EPSG:32629"  # Porto
    assert utm_crs_for([116.4], [39.9]) == "EPSG:32650"  # Beijing
    assert utm_crs_for([151.2], [-33.9]) == "EPSG:32756"  # Sydney, southern hemisphere
    tr, _ = Trajectories.from_points([1, 1], [-8.61, -8.60], [41.15, 41.15], [0, 10], crs="EPSG:4326")
    m = tr.to_metric()
    assert m.crs == "EPSG:32629"
    assert abs(np.hypot(*np.diff(m.xy(0), axis=0)[0]) - 838) < 5  # 0.01 deg of longitude at 41.15 N
    back = m.to_crs("EPSG:4326")
    assert np.allclose(back.x, tr.x) and np.allclose(back.y, tr.y)


def test_bad_offsets_rejected():
    with pytest.raises(ValueError):
        Trajectories(ids=np.array([1]), offsets=np.array([0, 5]), x=np.zeros(3), y=np.zeros(3))


def _columns(sorted_input: bool, rng):
    """Points of 40 vehicles with duplicates, NaN coordinates and one-point vehicles, in vehicle/time order or
    shuffled."""
    ids = np.repeat(np.array([f"v{i}" for i in range(40)], dtype=object), 50)
    t = np.tile(np.arange(50, dtype=np.int64) * 60, 40)
    t[10] = t[9]  # a repeated time
    x, y = rng.normal(size=ids.size), rng.normal(size=ids.size)
    x[100] = np.nan
    keep = np.ones(ids.size, bool)
    keep[151:200] = False  # vehicle 3 keeps one point: dropped as short
    ids, t, x, y = ids[keep], t[keep], x[keep], y[keep]
    fids = np.arange(ids.size, dtype=np.int64) + 1
    attr = rng.integers(0, 9, ids.size)
    if not sorted_input:
        p = rng.permutation(ids.size)
        ids, t, x, y, fids, attr = ids[p], t[p], x[p], y[p], fids[p], attr[p]
    return ids, x, y, t, fids, attr


@pytest.mark.parametrize("sorted_input", [True, False])
def test_overwrite_input_gives_the_same_trajectories(sorted_input):
    ids, x, y, t, fids, attr = _columns(sorted_input, np.random.default_rng(3))
    ref, rep_ref = Trajectories.from_points(ids, x, y, t, fids=fids, attrs={"a": attr})
    xs, ys, ts, fs, at = x.copy(), y.copy(), t.copy(), fids.copy(), attr.copy()
    got, rep = Trajectories.from_points(ids, xs, ys, ts, fids=fs, attrs={"a": at}, overwrite_input=True)
    assert rep.as_dict() == rep_ref.as_dict()
    assert rep.n_duplicate_times == 1 and rep.n_short_trajectories == 1 and rep.n_null_coordinates == 1
    assert list(got.ids) == list(ref.ids)
    np.testing.assert_array_equal(got.offsets, ref.offsets)
    for name in ("x", "y", "t", "fids"):
        np.testing.assert_array_equal(getattr(got, name), getattr(ref, name))
    np.testing.assert_array_equal(got.attrs["a"], ref.attrs["a"])
    # the result lives in the given buffers (no second copy of the columns) ...
    assert np.shares_memory(got.x, xs) and np.shares_memory(got.t, ts) and np.shares_memory(got.fids, fs)
    # ... and without overwrite_input the caller's columns are left as they were
    np.testing.assert_array_equal(x, _columns(sorted_input, np.random.default_rng(3))[1])
