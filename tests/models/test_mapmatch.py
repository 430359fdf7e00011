"""Road-segment units (models.roadnet) and the hidden-Markov map matcher (models.mapmatch) on a hand-made street
grid near Porto: 5 x 4 junctions 200 m apart, east-west streets two-way (one line per direction), north-south
streets one-way (northbound on even columns, southbound on odd ones); noisy GPS points sampled along known routes
must give back the route's units exactly."""

import numpy as np
import pytest

from deeptraj.models.core.crs import transform_xy
from deeptraj.models.core.mapmatch import HMMMatcher, MatchResult
from deeptraj.models.core.progress import Cancelled
from deeptraj.models.core.roadnet import road_network
from deeptraj.models.core.trajectories import Trajectories, TrajectoryDataError

UTM = "EPSG:32629"
X0, Y0, STEP = 532_000.0, 4_555_000.0, 200.0
NX, NY = 5, 4
T0 = 1_700_000_000


def _xy(node):
    return np.array([X0 + node[0] * STEP, Y0 + node[1] * STEP])


def _lonlat(xy):
    xy = np.asarray(xy, np.float64).reshape(-1, 2)
    lon, lat = transform_xy(xy[:, 0], xy[:, 1], UTM, "EPSG:4326")
    return np.column_stack([lon, lat])


def _line(a, b, mid=True):
    """Lon/lat line from node a to node b (with a middle vertex so that lines are polylines)."""
    pa, pb = _xy(a), _xy(b)
    pts = [pa, (pa + pb) / 2, pb] if mid else [pa, pb]
    return _lonlat(np.array(pts))


def directed_grid():
    """(lines, fids, directed feature of each (from, to) node pair, highway values)."""
    lines, fids, of, hw = [], [], {}, []
    fid = 10
    for j in range(NY):
        for i in range(NX - 1):
            for a, b in (((i, j), (i + 1, j)), ((i + 1, j), (i, j))):  # two-way: one line per direction
                lines.append(_line(a, b))
                fids.append(fid)
                of[(a, b)] = fid
                hw.append("primary")
                fid += 1
    for i in range(NX):
        for j in range(NY - 1):
            a, b = ((i, j), (i, j + 1)) if i % 2 == 0 else ((i, j + 1), (i, j))
            lines.append(_line(a, b))
            fids.append(fid)
            of[(a, b)] = fid
            hw.append("residential")
            fid += 1
    return lines, fids, of, hw


def undirected_grid():
    """(lines, fids, feature of each unordered node pair): one line per block side, digitised east/north."""
    lines, fids, of = [], [], {}
    fid = 1
    for j in range(NY):
        for i in range(NX - 1):
            a, b = (i, j), (i + 1, j)
            lines.append(_line(a, b))
            fids.append(fid)
            of[(a, b)] = fid
            fid += 1
    for i in range(NX):
        for j in range(NY - 1):
            a, b = (i, j), (i, j + 1)
            lines.append(_line(a, b))
            fids.append(fid)
            of[(a, b)] = fid
            fid += 1
    return lines, fids, of


def sample_route(nodes, spacing=30.0, noise=4.0, seed=0, dt=4, margin=20.0):
    """Noisy lon/lat points every ``spacing`` m along the node route (from ``margin`` m after the start to
    ``margin`` m before the end) and their times."""
    rng = np.random.default_rng(seed)
    poly = np.array([_xy(n) for n in nodes])
    seg = np.hypot(*np.diff(poly, axis=0).T)
    cum = np.concatenate([[0.0], np.cumsum(seg)])
    s = np.arange(margin, cum[-1] - margin + 1e-9, spacing)
    xy = np.column_stack([np.interp(s, cum, poly[:, 0]), np.interp(s, cum, poly[:, 1])])
    xy += rng.normal(0, noise, xy.shape)
    return _lonlat(xy), T0 + dt * np.arange(s.size)


def trajs_of(*routes):
    xys = [r[0] for r in routes]
    ts = [r[1] for r in routes]
    return Trajectories.from_arrays(xys, ts, ids=np.arange(len(routes)), crs="EPSG:4326")


def keys_of(net, res: MatchResult, i=0):
    return net.keys[res.sequences.seq(i)].tolist()


@pytest.fixture(scope="module")
def directed():
    lines, fids, of, hw = directed_grid()
    net, geom = road_network(lines, fids, attributes={"highway": hw})
    return net, geom, of


ROUTE = [(0, 0), (1, 0), (2, 0), (2, 1), (2, 2), (1, 2), (1, 1), (0, 1)]


def test_recovers_the_true_unit_path(directed):
    net, geom, of = directed
    expected = [of[(a, b)] * 2 for a, b in zip(ROUTE[:-1], ROUTE[1:])]
    res = HMMMatcher().match(trajs_of(sample_route(ROUTE)), net, geom)
    assert keys_of(net, res) == expected
    assert res.n_breaks == 0 and res.matched_share == 1.0
    # consecutive units follow each other in the graph
    e = {tuple(p) for p in net.edges.tolist()}
    u = res.sequences.seq(0)
    assert all((int(a), int(b)) in e for a, b in zip(u[:-1], u[1:]))
    # every point is on a unit of the path, and the path geometry runs along the route
    assert set(net.keys[res.point_unit].tolist()) <= set(expected)
    path = res.paths_lonlat[0]
    assert path.shape[1] == 2 and np.allclose(path[0], _lonlat(_xy(ROUTE[0]))[0], atol=1e-7)
    assert np.allclose(path[-1], _lonlat(_xy(ROUTE[-1]))[0], atol=1e-7)


def test_sparse_sampling_fills_in_units_with_interpolated_times(directed):
    net, geom, of = directed
    expected = [of[(a, b)] * 2 for a, b in zip(ROUTE[:-1], ROUTE[1:])]
    xy, t = sample_route(ROUTE, spacing=272.0, noise=3.0, seed=1, dt=27)
    res = HMMMatcher().match(trajs_of((xy, t)), net, geom)
    assert keys_of(net, res) == expected
    times = res.sequences.seq_times(0)
    assert times[0] == t[0] and times[-1] <= t[-1]
    assert (np.diff(times) >= 0).all()
    matched = set(res.point_unit.tolist())
    filled = [k for k, u in enumerate(res.sequences.seq(0)) if int(u) not in matched]
    assert filled, "sampling every 272 m on 200 m blocks must leave units without a point"
    for k in filled:
        assert times[k - 1] <= times[k] <= times[k + 1]


def test_times_are_first_point_times_and_non_decreasing(directed):
    net, geom, _ = directed
    xy, t = sample_route(ROUTE, seed=3)
    res = HMMMatcher().match(trajs_of((xy, t)), net, geom)
    seq, times = res.sequences.seq(0), res.sequences.seq_times(0)
    assert times.dtype == np.int64 and (np.diff(times) >= 0).all()
    for u, tu in zip(seq.tolist(), times.tolist()):
        on = np.flatnonzero(res.point_unit == u)
        if on.size:
            assert tu == t[on[0]]


def test_both_directions_and_breaks():
    lines, fids, of = undirected_grid()
    route = [(3, 3), (2, 3), (1, 3), (1, 2), (1, 1), (2, 1), (3, 1)]
    expected = []
    for a, b in zip(route[:-1], route[1:]):
        expected.append(of[(a, b)] * 2 if (a, b) in of else of[(b, a)] * 2 + 1)
    tr = trajs_of(sample_route(route, seed=2))
    net2, geom2 = road_network(lines, fids, both_directions=True)
    assert net2.size == 2 * len(lines) and net2.spec["both_directions"] is True
    res = HMMMatcher().match(tr, net2, geom2)
    assert keys_of(net2, res) == expected and res.n_breaks == 0
    # digitised direction only: driving west/south against the lines cannot be routed -> the HMM chain breaks
    net1, geom1 = road_network(lines, fids, both_directions=False)
    assert net1.size == len(lines)
    res1 = HMMMatcher().match(tr, net1, geom1)
    assert res1.n_breaks > 0 and res1.breaks_per_trajectory[0] == res1.n_breaks
    assert res1.matched_share == 1.0


def test_uturn_onto_the_same_line_only_at_dead_ends():
    lines, fids, _ = undirected_grid()
    spur = _lonlat(np.array([_xy((NX - 1, NY - 1)), _xy((NX - 1, NY - 1)) + [120.0, 0.0]]))
    net, geom = road_network(lines + [spur], fids + [999], both_directions=True)
    k2i = {int(k): i for i, k in enumerate(net.keys)}
    e = {tuple(p) for p in net.edges.tolist()}
    for f in fids:
        assert (k2i[2 * f], k2i[2 * f + 1]) not in e and (k2i[2 * f + 1], k2i[2 * f]) not in e
    assert (k2i[2 * 999], k2i[2 * 999 + 1]) in e  # dead end: turning back is the only way on
    assert (k2i[2 * 999 + 1], k2i[2 * 999]) not in e
    # every unit ending at a junction has a successor
    deg_in, deg_out = net.degrees()
    assert (deg_out > 0).all()


def test_off_network_trajectory_and_all_off_error(directed):
    net, geom, of = directed
    on = sample_route(ROUTE)
    far_xy = on[0] + [0.05, 0.05]  # some 5 km away
    res = HMMMatcher().match(trajs_of(on, (far_xy, on[1])), net, geom)
    assert res.sequences.lengths[1] == 0 and res.matched_points[1] == 0 and res.paths_lonlat[1].shape == (0, 2)
    assert res.n_empty == 1 and res.matched_share == pytest.approx(0.5)
    assert (res.point_unit[res.sequences.offsets[0] :][len(on[0]) :] == -1).all()
    with pytest.raises(TrajectoryDataError, match="off the road network"):
        HMMMatcher().match(trajs_of((far_xy, on[1])), net, geom)


def test_attributes_structure_and_names():
    lines, fids, _, hw = directed_grid()
    n = len(lines)
    lanes = ["2", None, 3, "1;2"] * (n // 4) + ["2"] * (n % 4)
    speed = ["50", "30 mph", None, 70.0] * (n // 4) + [None] * (n % 4)
    hw = list(hw)
    hw[0] = None
    hw[1] = "['tertiary', 'primary']"
    net, geom = road_network(lines, fids, attributes={"highway": hw, "lanes": lanes, "maxspeed": speed})
    names = net.attribute_names
    assert names[:2] == ["highway=primary", "highway=residential"] and "highway=tertiary" in names
    assert names == [
        "highway=primary",
        "highway=residential",
        "highway=tertiary",
        "highway=other",
        "lanes",
        "lanes_missing",
        "maxspeed",
        "maxspeed_missing",
        "length",
        "in_degree",
        "out_degree",
    ]
    assert net.attributes.shape == (net.size, len(names))
    assert net.attributes.min() >= 0 and net.attributes.max() <= 1 + 1e-6
    onehot = net.attributes[:, [i for i, c in enumerate(names) if c.startswith("highway=")]]
    assert np.allclose(onehot.sum(axis=1), 1.0)
    i0 = int(np.flatnonzero(net.keys == fids[0] * 2)[0])
    assert onehot[i0, names.index("highway=other")] == 1.0
    sp = net.attributes[:, names.index("maxspeed")]
    i1 = int(np.flatnonzero(net.keys == fids[1] * 2)[0])
    assert sp[i1] == pytest.approx(30 * 1.609344 / 70.0, rel=1e-4)
    assert net.structure.shape == (net.size, 6)
    # a 200 m eastward line: start->end offset (0.2, 0) km; neighbours' mid points at most 0.3 km away
    s = net.structure[i0]
    assert s[4] == pytest.approx(0.2, abs=2e-3) and abs(s[5]) < 2e-3
    assert 0.0 <= s[1] <= s[2] <= s[0] < 0.35 and s[0] > 0.1  # the twin line shares the mid point
    assert geom.lengths[i0] == pytest.approx(200.0, abs=0.5)
    # without attribute fields only length and degrees
    net2, _ = road_network(lines, fids)
    assert net2.attribute_names == ["length", "in_degree", "out_degree"] and net2.attributes.shape == (net2.size, 3)


def test_fingerprint_is_deterministic_and_order_free(directed):
    net, _, _ = directed
    lines, fids, _, hw = directed_grid()
    again, _ = road_network(lines, fids, attributes={"highway": hw})
    assert again.fingerprint == net.fingerprint
    perm = np.random.default_rng(0).permutation(len(lines))
    shuffled, _ = road_network(
        [lines[i] for i in perm], [fids[i] for i in perm], attributes={"highway": [hw[i] for i in perm]}
    )
    assert shuffled.fingerprint == net.fingerprint and (shuffled.keys == net.keys).all()
    assert np.array_equal(shuffled.attributes, net.attributes)
    fewer, _ = road_network(lines[1:], fids[1:])
    assert fewer.fingerprint != net.fingerprint


def test_node_ids_give_the_same_graph_as_snapping(directed):
    net, _, _ = directed
    lines, fids, _, _ = directed_grid()

    def nid(lonlat):
        x, y = transform_xy(lonlat[0:1], lonlat[1:2], "EPSG:4326", UTM)
        return int(round((x[0] - X0) / STEP)) * 100 + int(round((y[0] - Y0) / STEP))

    start = [nid(g[0]) for g in lines]
    end = [nid(g[-1]) for g in lines]
    by_ids, geom = road_network(lines, fids, node_ids=(start, end))
    assert np.array_equal(by_ids.edges, net.edges) and by_ids.spec["nodes"] == "fields"
    assert geom.n_nodes == NX * NY


def test_bad_lines_are_skipped_and_counted():
    lines, fids, _, _ = directed_grid()
    bad = [np.array([[-8.6, 41.1]]), np.array([[np.nan, 41.1], [-8.6, np.nan]]), np.array([[-8.6, 41.1]] * 3)]
    net, geom = road_network(lines + bad, fids + [1001, 1002, 1003])
    assert geom.n_skipped_lines == 3 and net.size == len(lines) and net.spec["n_skipped_lines"] == 3
    assert any("skipped" in m for m in geom.messages)
    with pytest.raises(TrajectoryDataError, match="two distinct vertices"):
        road_network(bad, [1, 2, 3])
    with pytest.raises(TrajectoryDataError, match="no line"):
        road_network([], [])
    with pytest.raises(TrajectoryDataError, match="not unique"):
        road_network(lines[:2], [5, 5])


def test_needs_times_and_honours_cancel(directed):
    net, geom, _ = directed
    xy, t = sample_route(ROUTE)
    no_t = Trajectories.from_arrays([xy], None, crs="EPSG:4326")
    with pytest.raises(TrajectoryDataError, match="time"):
        HMMMatcher().match(no_t, net, geom)
    with pytest.raises(Cancelled):
        HMMMatcher().match(trajs_of((xy, t)), net, geom, cancel=lambda: True)
    lines, fids, _, _ = directed_grid()
    with pytest.raises(Cancelled):
        road_network(lines, fids, cancel=lambda: True)
    seen = []
    HMMMatcher().match(trajs_of((xy, t), (xy, t)), net, geom, progress=seen.append)
    assert seen and seen[-1] == 100 and all(0 <= v <= 100 for v in seen)


def test_spec_round_trip_and_parameter_checks(directed):
    net, _, _ = directed
    m = HMMMatcher.from_spec(net.spec["matcher"])
    assert m.radius == 50 and m.sigma == 20 and m.beta == 40 and m.backtrack == 40
    assert HMMMatcher.from_spec(HMMMatcher(radius=80, sigma=10).spec()).spec() == HMMMatcher(radius=80, sigma=10).spec()
    with pytest.raises(ValueError):
        HMMMatcher(radius=0)
    with pytest.raises(ValueError):
        HMMMatcher(max_candidates=0)
