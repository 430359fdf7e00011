"""Splitting vehicles' fixes into trips (models/core/segmentation.py) on hand-made tracks with known answers."""

import numpy as np
import pytest

from deeptraj.models.core.progress import Cancelled
from deeptraj.models.core.segmentation import SplitParams, distance_m, split_trajectories
from deeptraj.models.core.timeparse import NAT

T0 = 1_700_000_000
#: no stay points, no speed check, no gap rule: only what a test switches on acts
OFF = dict(max_gap=0, min_stop_duration=0, max_speed=0)


def _track(xs, ts, vehicle="A", y=0.0):
    n = len(xs)
    return [vehicle] * n, list(map(float, xs)), [float(y)] * n, [T0 + int(s) for s in ts]


def _run(parts, values=None, geographic=False, **params):
    ids, x, y, t = ([], [], [], [])
    for p in parts:
        for acc, col in zip((ids, x, y, t), p):
            acc.extend(col)
    kw = {**OFF, **params}
    return split_trajectories(
        np.array(ids, dtype=object),
        np.array(x),
        np.array(y),
        np.array(t, np.int64),
        None if values is None else np.asarray(values),
        geographic=geographic,
        params=SplitParams(**kw),
    )


def test_gap_split():
    # 10 m/s every 60 s, then 2 hours without a fix, then on again
    parts = [_track(range(0, 6000, 600), range(0, 600, 60)), _track(range(7000, 13000, 600), range(8000, 8600, 60))]
    r = _run(parts, max_gap=1800)
    assert list(r.trips.ids) == ["A_1", "A_2"]
    assert list(r.trips.lengths) == [10, 10]
    assert r.counts.n_gap_splits == 1
    assert np.allclose(r.length, 5400.0)
    assert list(r.vehicle) == ["A", "A"]
    # without the gap rule it is one trip
    one = _run([_track(range(0, 12000, 600), list(range(0, 600, 60)) + list(range(8000, 8600, 60)))])
    assert list(one.trips.ids) == ["A_1"] and one.counts.n_gap_splits == 0


def test_stop_split_removes_the_inside_of_a_10_minute_wait():
    drive1 = _track(range(0, 6000, 600), range(0, 600, 60))  # fixes 0..9, last at x = 5400
    wait = _track([5400 + (i % 3) * 10 for i in range(11)], range(600, 1260, 60), y=5.0)  # 10 min within 30 m
    drive2 = _track(range(6000, 12000, 600), range(1260, 1860, 60))
    r = _run([drive1, wait, drive2], stop_radius=30, min_stop_duration=300)
    assert list(r.trips.ids) == ["A_1", "A_2"]
    # trip 1 ends at the arrival fix (9), trip 2 starts at the departure fix (20); 10..19 are the stop's inside
    assert list(r.trips.fids) == list(range(0, 10)) + list(range(20, 31))
    assert r.counts.n_stops == 1 and r.counts.n_stop_splits == 1
    s = r.stops
    assert list(s.ids) == ["A_s1"] and list(s.vehicle) == ["A"]
    assert s.start[0] == T0 + 540 and s.end[0] == T0 + 1200 and s.duration[0] == 660 and s.n_points[0] == 12
    assert 5400 <= s.x[0] <= 5420
    # a shorter wait than MIN_STOP_DURATION is no stop
    r2 = _run([drive1, wait, drive2], stop_radius=30, min_stop_duration=900)
    assert r2.counts.n_stops == 0 and len(r2.trips) == 1 and r2.trips.n_points == 31


def test_value_change_split():
    occupied = [0] * 5 + [1] * 5 + [0] * 5
    r = _run([_track(range(0, 9000, 600), range(0, 900, 60))], values=occupied)
    assert list(r.trips.lengths) == [5, 5, 5]
    assert r.counts.n_value_splits == 2
    assert list(r.trips.attrs["value"]) == occupied


def test_duplicates_are_dropped_and_counted_keeping_the_first():
    ids, x, y, t = _track([0, 600, 999, 1200, 1800], [0, 60, 60, 120, 180])
    r = _run([(ids, x, y, t)])
    assert r.counts.n_duplicates == 1
    assert list(r.trips.fids) == [0, 1, 3, 4]  # the repeat (row 2) goes, the first of time 60 stays


def test_zero_fix_is_a_speed_outlier_and_its_neighbours_stay():
    lon = [116.30 + 0.001 * i for i in range(10)]
    lat = [39.90] * 10
    t = [T0 + 60 * i for i in range(10)]
    lon[4], lat[4] = 0.0, 0.0
    ids = ["7"] * 10
    r = split_trajectories(
        np.array(ids, object), np.array(lon), np.array(lat), np.array(t), geographic=True,
        params=SplitParams(**{**OFF, "max_speed": 200.0}),
    )  # fmt: skip
    assert r.counts.n_zero_fixes == 1 and r.counts.n_speed_outliers == 0
    assert list(r.trips.fids) == [0, 1, 2, 3, 5, 6, 7, 8, 9]
    # a spike elsewhere (not at 0,0) is caught by the speed rule alone, its neighbours kept
    lon[4], lat[4] = 121.0, 31.0
    r = split_trajectories(
        np.array(ids, object), np.array(lon), np.array(lat), np.array(t), geographic=True,
        params=SplitParams(**{**OFF, "max_speed": 200.0}),
    )  # fmt: skip
    assert r.counts.n_speed_outliers == 1
    assert list(r.trips.fids) == [0, 1, 2, 3, 5, 6, 7, 8, 9]


def test_speed_outliers_at_the_start_and_two_in_a_row():
    x = [50_000.0, 0, 100, 200, 300, 60_000, 60_000, 400, 500, 600]
    ids, xs, y, t = _track(x, range(0, 600, 60))
    r = _run([(ids, xs, y, t)], max_speed=100.0)
    assert r.counts.n_speed_outliers == 3
    assert list(r.trips.fids) == [1, 2, 3, 4, 7, 8, 9]


def test_one_fix_vehicle_and_short_trips_are_counted():
    r = _run([_track([0], [0], vehicle="B"), _track(range(0, 3000, 600), range(0, 300, 60), vehicle="A")])
    assert r.counts.n_vehicles == 2 and r.counts.n_single_fix_vehicles == 1
    assert list(r.trips.ids) == ["A_1"]
    r = _run([_track(range(0, 3000, 600), range(0, 300, 60))], min_trip_points=6)
    assert len(r.trips) == 0 and r.counts.n_short_trips == 1 and r.counts.n_short_trip_fixes == 5
    r = _run([_track(range(0, 3000, 600), range(0, 300, 60))], min_length=2500)
    assert len(r.trips) == 0 and r.counts.n_short_trips == 1
    r = _run([_track(range(0, 3000, 600), range(0, 300, 60))], min_trip_duration=241)
    assert len(r.trips) == 0


def test_unsorted_input_several_vehicles_and_numeric_ids():
    rng = np.random.default_rng(0)
    ids = np.repeat([3, 1, 2], 8)
    t = np.tile(T0 + 60 * np.arange(8), 3)
    x = np.tile(100.0 * np.arange(8), 3)
    p = rng.permutation(ids.size)
    r = split_trajectories(ids[p], x[p], np.zeros(24), t[p], geographic=False, params=SplitParams(**OFF))
    assert list(r.trips.ids) == ["1_1", "2_1", "3_1"]
    assert list(r.vehicle) == [1, 2, 3]
    assert np.all(np.diff(r.trips.t[:8]) == 60)
    assert np.array_equal(ids[p][r.trips.fids[:8]], [1] * 8)
    assert list(r.point_trip_ids()[:2]) == ["1_1", "1_1"]


def test_empty_input_and_invalid_fixes():
    e = np.zeros(0)
    r = split_trajectories(np.zeros(0, object), e, e, np.zeros(0, np.int64), geographic=True)
    assert len(r.trips) == 0 and len(r.stops) == 0 and r.counts.n_input_fixes == 0
    r = split_trajectories(
        np.array(["a", "a", "a"], object), np.array([np.nan, 1.0, 2.0]), np.ones(3), np.array([T0, NAT, T0]),
        geographic=False,
    )  # fmt: skip
    assert r.counts.n_invalid == 2 and len(r.trips) == 0 and r.counts.n_single_fix_vehicles == 1


def test_parameter_errors_name_the_parameter():
    one = (np.array(["a"], object), np.zeros(1), np.zeros(1), np.array([T0]))
    with pytest.raises(ValueError, match="MAX_GAP"):
        split_trajectories(*one, geographic=False, params=SplitParams(max_gap=-1))
    with pytest.raises(ValueError, match="MIN_TRIP_POINTS"):
        split_trajectories(*one, geographic=False, params=SplitParams(min_trip_points=1))
    with pytest.raises(ValueError, match="STOP_RADIUS"):
        split_trajectories(*one, geographic=False, params=SplitParams(stop_radius=0))


def test_cancel_stops_the_run():
    ids, x, y, t = _track(range(0, 6000, 600), range(0, 600, 60))
    with pytest.raises(Cancelled):
        split_trajectories(np.array(ids, object), np.array(x), np.array(y), np.array(t), geographic=False,
                           cancel=lambda: True)  # fmt: skip


def test_haversine_distance():
    # one degree of latitude is about 111.2 km
    assert distance_m(0.0, 0.0, 0.0, 1.0, True) == pytest.approx(111_195, rel=1e-3)
    assert distance_m(0.0, 0.0, 3.0, 4.0, False) == pytest.approx(5.0)
