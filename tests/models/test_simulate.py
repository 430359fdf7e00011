"""Engine tests of the synthetic sample (models/synthetic): road graph, sampling, OD/route structure,
detours, determinism, road-layer mode and the LYMob-style table."""

import time

import numpy as np
import pytest

from deeptraj.models.core.progress import Cancelled
from deeptraj.models.synthetic.geometry import densify, distance_to_polyline, sample_polyline
from deeptraj.models.synthetic.lymob import simulate_lymob
from deeptraj.models.synthetic.roadgraph import RoadGraph
from deeptraj.models.synthetic.simulate import DEFAULT_CENTER, default_extent, simulate_trajectories
from deeptraj.models.synthetic.streets import grid_lines
from tests.conftest import data_path

UTM = "EPSG:32629"


@pytest.fixture(scope="module")
def base():
    """Default grid around Porto, metric output, no GPS noise (truth), with detours."""
    return simulate_trajectories(n_trajectories=120, crs=None, gps_noise=0.0, detour_rate=0.2, seed=3)


def _hand_grid(n=9, step=150.0, x0=530000.0, y0=4555000.0):
    """n horizontal and n vertical long lines sharing a vertex at every crossing (metres)."""
    c = np.arange(n) * step
    lines = [np.column_stack([x0 + c, np.full(n, y0 + v)]) for v in c]
    lines += [np.column_stack([np.full(n, x0 + v), y0 + c]) for v in c]
    return lines


# ------------------------------------------------------------------------------------------ graph
def test_graph_merges_shared_vertices_and_contracts_chains():
    # L2 crosses L1 at L1's interior vertex (50, 0); the bent line is a chain of degree-2 vertices
    l1 = np.array([[0, 0], [50, 0], [100, 0]], float)
    l2 = np.array([[50, -50], [50, 0], [50, 50]], float)
    bent = np.array([[100.004, 0], [120, 10], [140, 30], [150, 60]], float)  # starts within 0.01 m of l1's end
    g = RoadGraph.from_lines([l1, l2, bent], min_nodes=1)
    assert g.n_components == 1
    # junction (50,0) + 3 free ends + far end of the bent line; (100,0) has degree 2 and is contracted
    assert g.n_nodes == 5
    assert g.n_edges == 4
    long = int(np.argmax(g.edge_len))
    expected = 50 + np.hypot(np.diff(bent[:, 0]), np.diff(bent[:, 1])).sum()
    assert g.edge_len[long] == pytest.approx(expected, abs=0.01)
    assert len(g.edge_geom[long]) == 5  # (50,0)->(100,0)->3 bent vertices kept as geometry


def test_graph_lines_crossing_without_vertex_do_not_connect_and_largest_part_is_kept():
    main = _hand_grid(4, 100.0, 0.0, 0.0)
    island = [np.array([[1000.0, 1000.0], [1100.0, 1000.0]])]
    g = RoadGraph.from_lines(main + island)
    assert g.n_components == 2
    assert g.n_dropped_nodes == 2
    assert g.n_nodes == 16 - 4  # 4x4 crossings; the corners have degree 2 and are contracted
    with pytest.raises(ValueError, match="too small"):
        RoadGraph.from_lines([np.array([[0, 0], [1, 0]]), np.array([[5, 5], [6, 5], [7, 7]])])


def test_graph_keeps_parallel_roads_and_routes_on_lengths():
    straight = np.array([[0, 0], [100, 0]], float)
    arc = np.array([[0, 0], [50, 40], [100, 0]], float)
    tail = np.array([[100, 0], [200, 0], [300, 0]], float)
    g = RoadGraph.from_lines([straight, arc, tail, np.array([[0, 0], [0, -100]], float)], min_nodes=1)
    # the arc is split at its middle vertex so both roads exist
    assert g.n_edges == 5
    a = int(np.argmin(np.hypot(*(g.node_xy - [0, -100]).T)))
    b = int(np.argmin(np.hypot(*(g.node_xy - [300, 0]).T)))
    poly = g.path_polyline(g.shortest_path(a, b))
    assert np.hypot(*np.diff(poly, axis=0).T).sum() == pytest.approx(100 + 100 + 200)
    assert not np.any(poly[:, 1] > 1)  # the straight road, not the arc


def test_grid_lines_deterministic_and_irregular():
    l1, k1 = grid_lines(0, 0, 4000, 4000, 200, seed=1)
    l2, k2 = grid_lines(0, 0, 4000, 4000, 200, seed=1)
    l3, _ = grid_lines(0, 0, 4000, 4000, 200, seed=2)
    assert k1 == k2 and all(np.array_equal(a, b) for a, b in zip(l1, l2))
    assert len(l1) != len(l3) or not all(np.array_equal(a, b) for a, b in zip(l1, l3))
    full = 2 * 21 * 20
    n_sides = sum(k != "diagonal" for k in k1)
    assert 0.85 * full < n_sides < full  # some streets are missing
    assert "diagonal" in k1 and "arterial" in k1
    with pytest.raises(ValueError, match="GRID_SPACING"):
        grid_lines(0, 0, 300, 300, 200)


# ------------------------------------------------------------------------------------------ sampling
def test_sample_polyline_constant_speed():
    line = np.array([[0, 0], [100, 0], [100, 100]], float)
    pts, el, s = sample_polyline(line, speed=10.0, interval=3.0)
    assert np.allclose(np.diff(el), 3.0)
    assert np.allclose(s, np.arange(len(s)) * 30.0)
    assert len(pts) == 7 and np.allclose(pts[4], [100, 20])
    short, el_short, _ = sample_polyline(np.array([[0, 0], [5, 0]], float), 10.0, 3.0)
    assert len(short) == 2 and np.allclose(short[-1], [5, 0]) and np.allclose(el_short, [0, 3])


def test_sampling_interval_and_speeds(base):
    r = base
    tr = r.trajs
    for i in range(len(tr)):
        assert np.all(np.diff(tr.times(i)) == 15)
    # chord speeds (no noise) never exceed the trip's speed and are close to it on most steps
    seg = np.hypot(np.diff(r.x_true), np.diff(r.y_true))
    same = np.diff(tr.point_traj_index) == 0
    v = seg[same] / 15.0
    v_trip = np.repeat(r.speed, tr.lengths - 1)
    assert np.all(v <= v_trip * (1 + 1e-9))
    assert np.median(v / v_trip) > 0.95
    assert np.all((r.speed >= 8.0) & (r.speed <= 12.0)) and r.speed.std() > 0.5
    assert np.allclose(tr.attrs["speed"], np.repeat(r.speed, tr.lengths))
    other = simulate_trajectories(n_trajectories=20, crs=None, sampling_interval=4, seed=3)
    assert all(np.all(np.diff(other.trajs.times(i)) == 4) for i in range(20))


def test_gps_noise_is_gaussian_with_given_sigma_and_does_not_change_routes(base):
    noisy = simulate_trajectories(n_trajectories=120, crs=None, gps_noise=5.0, detour_rate=0.2, seed=3)
    assert np.array_equal(noisy.x_true, base.x_true) and np.array_equal(noisy.trajs.t, base.trajs.t)
    assert np.array_equal(base.trajs.x, base.x_true)  # gps_noise=0: exact positions
    dx, dy = noisy.trajs.x - noisy.x_true, noisy.trajs.y - noisy.y_true
    assert abs(dx.mean()) < 0.3 and abs(dy.mean()) < 0.3
    assert dx.std() == pytest.approx(5.0, rel=0.06) and dy.std() == pytest.approx(5.0, rel=0.06)


def test_determinism_and_seed_sensitivity():
    a = simulate_trajectories(n_trajectories=40, detour_rate=0.25, seed=11)
    b = simulate_trajectories(n_trajectories=40, detour_rate=0.25, seed=11)
    c = simulate_trajectories(n_trajectories=40, detour_rate=0.25, seed=12)
    for name in ("x", "y", "t", "offsets"):
        assert np.array_equal(getattr(a.trajs, name), getattr(b.trajs, name))
    for k in a.trajs.attrs:
        assert np.array_equal(a.trajs.attrs[k], b.trajs.attrs[k])
    assert np.array_equal(a.od_id, b.od_id) and np.array_equal(a.has_detour, b.has_detour)
    assert a.trajs.n_points != c.trajs.n_points or not np.array_equal(a.trajs.x, c.trajs.x)
    assert not np.allclose(a.od_origin_xy, c.od_origin_xy)


# ------------------------------------------------------------------------------------------ structure
def test_od_pairs_form_separated_clusters(base):
    r = base
    tr = r.trajs
    n_pairs = r.od_origin_xy.shape[0]
    assert n_pairs == 6 and np.array_equal(np.bincount(r.od_id), [20] * 6)
    first = tr.offsets[:-1]
    last = tr.offsets[1:] - 1
    start = np.column_stack([tr.x[first], tr.y[first]])
    end = np.column_stack([tr.x[last], tr.y[last]])
    rad = r.od_radius
    d_start = np.hypot(*(start[:, None, :] - r.od_origin_xy[None]).transpose(2, 0, 1))
    d_end = np.hypot(*(end[:, None, :] - r.od_dest_xy[None]).transpose(2, 0, 1))
    own = np.arange(len(tr)), r.od_id
    assert np.all(d_start[own] <= rad + 1e-6)
    # the last sample is at most one sampling step before the destination node
    assert np.all(d_end[own] <= rad + 12.0 * 15 + 1e-6)
    # nearest origin area = own pair (so a clustering of start points recovers od_id exactly)
    assert np.array_equal(d_start.argmin(axis=1), r.od_id)
    # all origin and destination areas are at least 3 radii apart
    anchors = np.vstack([r.od_origin_xy, r.od_dest_xy])
    dd = np.hypot(*(anchors[:, None] - anchors[None]).transpose(2, 0, 1))
    assert dd[~np.eye(len(anchors), dtype=bool)].min() >= 3 * rad - 1e-6
    # not identical: several distinct start nodes per pair
    for k in range(n_pairs):
        assert len({tuple(p) for p in np.round(start[r.od_id == k], 1)}) >= 3


def test_trips_of_a_pair_share_a_corridor(base):
    r = base
    tr = r.trajs
    own, other, share = [], [], []
    for k in range(6):
        idx = np.flatnonzero((r.od_id == k) & ~r.has_detour)
        assert np.bincount(r.route_id[idx]).argmax() == 0  # variant 0 = the main corridor
        share.append(np.mean(r.route_id[idx] == 0))
        ref = r.routes[idx[r.route_id[idx] == 0][0]]
        for i in np.flatnonzero(~r.has_detour):
            s, e = tr.offsets[i], tr.offsets[i + 1]
            d = np.median(distance_to_polyline(r.x_true[s:e], r.y_true[s:e], ref))
            (own if r.od_id[i] == k else other).append(d)
    assert min(share) >= 0.5 and np.mean(share) >= 0.75  # mostly one corridor per pair
    assert np.median(own) < 5.0
    assert np.median(other) > 1000.0  # pairs are apart in space (compact layout)
    # other pairs' trips rarely come near a pair's main corridor
    near = []
    for k in range(6):
        ref = r.routes[np.flatnonzero((r.od_id == k) & (r.route_id == 0) & ~r.has_detour)[0]]
        m = (np.repeat(r.od_id, tr.lengths) != k) & (tr.attrs["is_anomaly"] == 0)
        near.append(np.mean(distance_to_polyline(r.x_true[m], r.y_true[m], ref) < 150.0))
    assert max(near) < 0.1


def test_crosstown_layout_pairs_far_apart_areas():
    r = simulate_trajectories(n_trajectories=60, crs=None, layout="crosstown", seed=2)
    anchors = np.vstack([r.od_origin_xy, r.od_dest_xy])
    dd = np.hypot(*(anchors[:, None] - anchors[None]).transpose(2, 0, 1))
    assert dd[~np.eye(12, dtype=bool)].min() >= 3 * r.od_radius - 1e-6
    x0, y0, x1, y1 = r.graph.bounds
    od_dist = np.hypot(*(r.od_origin_xy - r.od_dest_xy).T)
    assert od_dist.min() > 0.3 * np.hypot(x1 - x0, y1 - y0)
    compact = simulate_trajectories(n_trajectories=60, crs=None, seed=2)
    assert np.median(r.route_length) > 1.5 * np.median(compact.route_length)
    with pytest.raises(ValueError, match="layout"):
        simulate_trajectories(n_trajectories=6, layout="ring")


def test_detours_are_flagged_and_off_the_normal_route(base):
    r = base
    tr = r.trajs
    flag = tr.attrs["is_anomaly"]
    assert set(np.unique(flag)) == {0, 1}
    assert np.array_equal(tr.attrs["anomaly_type"] == "detour", flag == 1)
    assert 0.8 * 24 <= r.n_detours <= 24
    per_traj = np.add.reduceat(flag, tr.offsets[:-1])
    assert np.array_equal(per_traj > 0, r.has_detour)
    assert set(r.normal_routes) == set(np.flatnonzero(r.has_detour).tolist())
    for i in np.flatnonzero(r.has_detour):
        s, e = tr.offsets[i], tr.offsets[i + 1]
        f = flag[s:e] == 1
        d = distance_to_polyline(r.x_true[s:e], r.y_true[s:e], r.normal_routes[i])
        assert np.all(d[~f] < 1e-6)  # the rest of the trip is on its normal route
        assert d[f].max() >= 250.0  # the detour reaches its waypoint, 300-800 m away
        assert np.mean(d[f] > 30.0) >= 0.6  # most flagged points are off the corridor
        # the detour is one stretch
        assert np.all(np.diff(np.flatnonzero(f)) == 1)
    none = simulate_trajectories(n_trajectories=30, crs=None, seed=3)
    assert none.n_detours == 0 and none.trajs.attrs["is_anomaly"].sum() == 0


def test_times_vehicles_and_output_crs():
    start = 1717228800  # 2024-06-01 08:00 UTC
    r = simulate_trajectories(n_trajectories=60, start_time=start, time_window=6 * 3600, seed=5)
    assert r.trajs.crs == "EPSG:4326"
    lon0, lat0, lon1, lat1 = default_extent()
    assert lon0 < DEFAULT_CENTER[0] < lon1 and lat0 < DEFAULT_CENTER[1] < lat1
    x0, y0, x1, y1 = r.trajs.bounds
    assert lon0 - 0.001 <= x0 and x1 <= lon1 + 0.001 and lat0 - 0.001 <= y0 and y1 <= lat1 + 0.001
    assert r.trajs.t.min() >= start and r.trajs.t.max() < start + 24 * 3600
    assert np.all(np.diff(r.start_time) >= 0)  # ids in start order
    # a vehicle's trips do not overlap in time
    for v in np.unique(r.vehicle_id):
        idx = np.flatnonzero(r.vehicle_id == v)
        ends = np.array([r.trajs.times(i)[-1] for i in idx])
        assert np.all(r.start_time[idx][1:] > ends[:-1])
    assert len(np.unique(r.vehicle_id)) == 15


def test_too_many_pairs_and_bad_values():
    with pytest.raises(ValueError, match="N_OD_PAIRS.*fewer pairs"):
        simulate_trajectories(n_od_pairs=200, n_trajectories=200)
    # many pairs still fit: the areas get smaller
    many = simulate_trajectories(n_od_pairs=14, n_trajectories=28, crs=None, seed=1)
    assert many.od_radius < 200 and len(np.unique(many.od_id)) == 14
    with pytest.raises(ValueError, match="N_TRAJECTORIES"):
        simulate_trajectories(n_trajectories=0)
    with pytest.raises(ValueError, match="DETOUR_RATE"):
        simulate_trajectories(n_trajectories=5, detour_rate=1.5)


def test_cancel_raises():
    with pytest.raises(Cancelled):
        simulate_trajectories(n_trajectories=50, cancel=lambda: True)


# ------------------------------------------------------------------------------------------ road layer mode
def test_road_layer_mode_on_hand_made_lines():
    lines = _hand_grid()
    r = simulate_trajectories(
        lines, roads_crs=UTM, crs=UTM, n_od_pairs=2, n_trajectories=30, gps_noise=0.0, detour_rate=0.0, seed=1
    )
    assert r.metric_crs == UTM and r.graph.n_nodes == 81 - 4
    # every point lies on a road
    pts = np.column_stack([r.trajs.x, r.trajs.y])
    on_h = np.isclose((pts[:, 1] - 4555000.0) / 150.0, np.round((pts[:, 1] - 4555000.0) / 150.0), atol=1e-6)
    on_v = np.isclose((pts[:, 0] - 530000.0) / 150.0, np.round((pts[:, 0] - 530000.0) / 150.0), atol=1e-6)
    assert np.all(on_h | on_v)
    assert np.all(
        (pts >= [530000 - 1e-6, 4555000 - 1e-6]).all(axis=1) & (pts <= [531200 + 1e-6, 4556200 + 1e-6]).all(axis=1)
    )
    # small network: the areas shrink (below 6 % of the diagonal) but keep more than one junction
    assert 75.0 <= r.od_radius <= 0.06 * np.hypot(1200, 1200)
    with pytest.raises(ValueError, match="N_OD_PAIRS.*fewer pairs"):
        simulate_trajectories(lines, roads_crs=UTM, n_od_pairs=12, n_trajectories=30)
    # a clip extent keeps only the roads inside it
    clip = simulate_trajectories(
        lines,
        roads_crs=UTM,
        crs=UTM,
        extent=(530000, 4555000, 530600, 4555600),
        extent_crs=UTM,
        n_od_pairs=1,
        n_trajectories=5,
        gps_noise=0.0,
    )
    assert clip.graph.n_nodes <= 25 and clip.trajs.x.max() <= 530600 + 1e-6
    with pytest.raises(ValueError, match="ROAD_NETWORK"):
        simulate_trajectories([np.array([[0, 0], [1, 0]])], roads_crs=UTM)


def test_porto_roads_gpkg():
    path = data_path("porto_roads_osm", "porto_roads.gpkg")
    ogr = pytest.importorskip("osgeo.ogr")
    ds = ogr.Open(str(path))
    lines = [np.array(f.GetGeometryRef().GetPoints())[:, :2] for f in ds.GetLayerByName("edges")]
    assert len(lines) == 11109
    t0 = time.perf_counter()
    r = simulate_trajectories(lines, roads_crs="EPSG:4326", n_trajectories=300, detour_rate=0.1, seed=42)
    elapsed = time.perf_counter() - t0
    assert elapsed < 15.0
    assert len(r.trajs) == 300 and r.metric_crs == UTM and r.n_detours >= 25
    assert r.graph.n_nodes > 4000
    x0, y0, x1, y1 = r.trajs.bounds
    assert -8.6893 - 0.001 <= x0 and x1 <= -8.5559 + 0.001 and 41.1399 - 0.001 <= y0 and y1 <= 41.1859 + 0.001
    # true positions lie on the road lines (checked on a sample of points)
    from scipy.spatial import cKDTree

    dense = np.concatenate([densify(a, 2.0) for a in r.graph.lines])
    d, _ = cKDTree(dense).query(np.column_stack([r.x_true[::25], r.y_true[::25]]))
    assert d.max() < 1.5


# ------------------------------------------------------------------------------------------ LYMob
def test_lymob_table():
    s = simulate_lymob(n_users=30, n_days=10, mask_users=0.2, mask_days=2, seed=4)
    uid, d, t, x, y = s.columns()
    assert len(s) == uid.size > 30 * 10 * 5
    assert set(np.unique(uid)) == set(range(30)) and d.min() >= 0 and d.max() == 9
    assert t.min() >= 0 and t.max() <= 47
    key = (uid * 100 + d) * 100 + t
    assert np.all(np.diff(key) > 0)  # sorted by uid, d, t, one row per slot
    masked = x == 999
    assert np.array_equal(masked, y == 999)
    expect = np.isin(uid, s.masked_uids) & (d >= 8)
    assert np.array_equal(masked, expect) and list(s.masked_uids) == list(range(24, 30))
    assert x[~masked].min() >= 1 and x[~masked].max() <= 200 and y[~masked].min() >= 1 and y[~masked].max() <= 200
    # home at night, work at weekday midday (within 1 cell of the nominal cell, most users)
    night_ok, work_ok = [], []
    for u in range(24):
        m = (uid == u) & ((t <= 10) | (t >= 46))
        if m.any():
            night_ok.append(np.mean(np.abs(np.column_stack([x[m], y[m]]) - s.home_cell[u]).max(axis=1) <= 1))
        m = (uid == u) & (d % 7 < 5) & (t >= 22) & (t <= 30)
        if m.any():
            work_ok.append(np.mean(np.abs(np.column_stack([x[m], y[m]]) - s.work_cell[u]).max(axis=1) <= 1))
    assert np.mean(night_ok) > 0.9 and np.mean(work_ok) > 0.8
    assert np.mean(np.abs(s.home_cell - s.work_cell).max(axis=1) > 4) > 0.7
    again = simulate_lymob(n_users=30, n_days=10, mask_users=0.2, mask_days=2, seed=4)
    assert all(np.array_equal(a, b) for a, b in zip(s.columns(), again.columns()))
    other = simulate_lymob(n_users=30, n_days=10, seed=5)
    assert len(other) != len(s) or not np.array_equal(other.x, s.x)
