"""Engine tests for models/od.py (OD pairs on H3) and models/anomalies.py (CroTad 5.1.2 synthetic anomalies)."""

import math

import numpy as np
import pytest

from deeptraj.models.core import h3grid
from deeptraj.models.core.cells import cell_sequences, frequent_cells, visit_rates
from deeptraj.models.core.progress import Cancelled
from deeptraj.models.core.trajectories import Trajectories, TrajectoryDataError
from deeptraj.models.synthetic.anomalies import ANOMALY_TYPES, generate_anomalies
from deeptraj.models.synthetic.od import assign_od, match_pairs

T0 = 1_372_636_800  # 2013-07-01, the Porto sample's day
# straight streets in Porto (lon, lat): start -> end
STREETS = {
    "east": ((-8.630, 41.150), (-8.600, 41.150)),
    "north": ((-8.615, 41.138), (-8.615, 41.166)),
    "diag": ((-8.600, 41.162), (-8.632, 41.172)),
}


def _street_trajs(n_per=6, n_pts=30, crs="EPSG:4326", noise=2e-5, seed=0):
    rng = np.random.default_rng(seed)
    xy, times, ids, od = [], [], [], []
    k = 0
    for name, (a, b) in STREETS.items():
        for _ in range(n_per):
            f = np.linspace(0.0, 1.0, n_pts)
            x = a[0] + (b[0] - a[0]) * f + rng.normal(0, noise, n_pts)
            y = a[1] + (b[1] - a[1]) * f + rng.normal(0, noise, n_pts)
            xy.append(np.column_stack([x, y]))
            times.append(T0 + 1000 * k + 15 * np.arange(n_pts))
            ids.append(100 + k)
            od.append(name)
            k += 1
    tr = Trajectories.from_arrays(xy, times, ids, crs="EPSG:4326")
    if crs != "EPSG:4326":
        tr = tr.to_crs(crs)
    return tr, od


@pytest.fixture(scope="module")
def streets():
    return _street_trajs()


@pytest.fixture(scope="module")
def generated(streets):
    tr, od = streets
    return generate_anomalies(tr, od, per_od=4, k_hop=3, resolution=10, seed=7)


def _dist(a, b):
    return h3grid.grid_distance(int(a), int(b))


def _runs(labels):
    """Run-length encoding of a 0/1 label array as a string like '011' ('0' run, then '1' run...)."""
    out = []
    for v in labels.tolist():
        if not out or out[-1] != str(v):
            out.append(str(v))
    return "".join(out)


def _source_cells(tr, i, res=10):
    ll = tr.to_crs("EPSG:4326")
    xy = ll.xy(i)
    c = h3grid.cells(xy[:, 0], xy[:, 1], res)
    keep = np.ones(c.size, bool)
    keep[1:] = c[1:] != c[:-1]
    return c[keep]


# ---------------------------------------------------------------------------- OD pairs
def _od_trajs(endpoints, crs="EPSG:4326"):
    """One 3-point trajectory per (origin lon/lat, destination lon/lat)."""
    xy = []
    for o, d in endpoints:
        m = ((o[0] + d[0]) / 2, (o[1] + d[1]) / 2)
        xy.append(np.array([o, m, d]))
    tr = Trajectories.from_arrays(xy, [T0 + 10 * np.arange(3)] * len(xy), crs="EPSG:4326")
    return tr if crs == "EPSG:4326" else tr.to_crs(crs)


P = {
    "a": (-8.6100, 41.1500),
    "b": (-8.5800, 41.1700),
    "c": (-8.6400, 41.1600),
    "d": (-8.6000, 41.1300),
    "e": (-8.6500, 41.1400),
}


def test_assign_od_ids_by_support():
    pairs = [("a", "b")] * 3 + [("c", "d")] * 2 + [("a", "e")] + [("a", "b")]
    # tiny offsets inside the same res-8 cell keep the pair
    endpoints = [((P[o][0] + 1e-5 * i, P[o][1]), (P[d][0], P[d][1] - 1e-5 * i)) for i, (o, d) in enumerate(pairs)]
    tr = _od_trajs(endpoints)
    od = assign_od(tr, resolution=8, min_trips=2)
    assert od.od_id.tolist() == [0, 0, 0, 1, 1, -1, 0]
    assert od.support.tolist() == [4, 4, 4, 2, 2, 1, 4]
    assert od.n_pairs == 2
    a_cell = h3grid.cells([P["a"][0]], [P["a"][1]], 8)[0]
    b_cell = h3grid.cells([P["b"][0]], [P["b"][1]], 8)[0]
    assert od.origin[0] == a_cell and od.dest[0] == b_cell
    assert od.pairs[0].tolist() == [int(a_cell), int(b_cell), 4]
    # min_trips 1: every pair gets an id, the singleton last
    od1 = assign_od(tr, resolution=8, min_trips=1)
    assert od1.n_pairs == 3 and od1.od_id[5] == 2
    # keys and the stored pair table find the same pairs again (the singleton pair is not in the table)
    assert od.keys() == ["0", "0", "0", "1", "1", None, "0"]
    table = od.pair_table()
    assert table[0] == [h3grid.to_str([a_cell])[0], h3grid.to_str([b_cell])[0], "0"]
    assert match_pairs(tr, 8, table) == od.keys()


def test_assign_od_ties_by_cell_id_and_reprojection():
    endpoints = [(P["c"], P["d"]), (P["a"], P["b"]), (P["c"], P["d"]), (P["a"], P["b"])]
    tr = _od_trajs(endpoints)
    od = assign_od(tr, resolution=9, min_trips=2)
    first_pair = min([(int(od.origin[0]), int(od.dest[0])), (int(od.origin[1]), int(od.dest[1]))])
    assert (int(od.pairs[0, 0]), int(od.pairs[0, 1])) == first_pair
    assert od.od_id[0] != od.od_id[1] and od.od_id[0] == od.od_id[2]
    # the same trajectories in Portuguese TM06 metres give the same cells
    od_m = assign_od(_od_trajs(endpoints, crs="EPSG:3763"), resolution=9, min_trips=2)
    assert np.array_equal(od_m.origin, od.origin) and np.array_equal(od_m.od_id, od.od_id)


def test_assign_od_bad_parameters():
    tr = _od_trajs([(P["a"], P["b"])])
    with pytest.raises(ValueError, match="RESOLUTION"):
        assign_od(tr, resolution=16, min_trips=1)
    with pytest.raises(ValueError, match="MIN_TRIPS"):
        assign_od(tr, resolution=8, min_trips=0)


# ---------------------------------------------------------------------------- cell sequences, frequencies
def test_cell_sequences_remove_consecutive_duplicates(streets):
    tr, _ = streets
    seqs = cell_sequences(tr, 10)
    for i in (0, 7, 13):
        s = seqs.seq(i)
        assert np.all(s[1:] != s[:-1])
        assert np.array_equal(s, _source_cells(tr, i))
        a, b = seqs.offsets[i], seqs.offsets[i + 1]
        # the runs cover the trajectory's points exactly, in order
        assert seqs.run_start[a] == tr.offsets[i] and seqs.run_end[b - 1] == tr.offsets[i + 1]
        assert np.array_equal(seqs.run_start[a + 1 : b], seqs.run_end[a : b - 1])
    # per-cell values back on the points: every point gets its cell's value
    per_point = seqs.to_points(np.arange(seqs.cells.size))
    assert per_point.size == tr.n_points and np.array_equal(seqs.cells[per_point], seqs.point_cells)


def test_visit_rates_and_frequent_cells():
    s = [np.array([1, 2, 3], np.uint64), np.array([1, 2, 1], np.uint64), np.array([1, 4], np.uint64)]
    r = visit_rates(s)
    assert r == {1: 4 / 3, 2: 2 / 3, 3: 1 / 3, 4: 1 / 3}
    assert frequent_cells(s, 0.5) == {1, 2}
    assert frequent_cells(s, 1 / 3) == {1, 2}  # strictly above the threshold
    assert frequent_cells(s, 0.3) == {1, 2, 3, 4}


# ---------------------------------------------------------------------------- anomaly layout
def _check_kept_points(res, tr, i, pts):
    """Kept points copy the input point (coordinates) exactly."""
    kept = res.src_point[pts] >= 0
    sp = res.src_point[pts][kept]
    assert np.allclose(res.x[pts][kept], tr.x[sp]) and np.allclose(res.y[pts][kept], tr.y[sp])


def _traj_range(tr, j):
    return np.arange(tr.offsets[j], tr.offsets[j + 1])


def test_counts_per_od_and_type(generated):
    res = generated
    assert res.counts == {"normal": 12, **{t: 12 for t in ANOMALY_TYPES}}
    for t in ["normal", *ANOMALY_TYPES]:
        for od in STREETS:
            assert sum(1 for i in range(len(res)) if res.kind[i] == t and res.od[i] == od) == 4
    # sources are drawn without replacement per OD and type
    for t in ANOMALY_TYPES:
        src = [int(res.source[i]) for i in range(len(res)) if res.kind[i] == t]
        assert len(set(src)) == len(src)


def _of_kind(res, kind):
    """[(index, point indices, anomaly labels)] of the generated trajectories of one kind."""
    return [(i, res.points(i), res.is_anomaly[res.points(i)]) for i in range(len(res)) if res.kind[i] == kind]


def test_head_detour_anomalies_at_start(streets, generated):
    tr, od = streets
    res = generated
    for i, pts, lab in _of_kind(res, "head_detour"):
        assert _runs(lab) == "10"
        assert np.all(res.src_point[pts][lab == 1] == -1)  # the detour is generated
        kept = res.src_point[pts][lab == 0]
        src = _traj_range(tr, int(res.source[i]))
        assert np.array_equal(kept, src[src.size - kept.size :])  # kept part = the end of the source
        _check_kept_points(res, tr, i, pts)
        cells = res.cell[pts]
        origin = _source_cells(tr, int(res.source[i]))[0]
        assert _dist(origin, cells[0]) <= 3  # the detour starts near the origin
        n1 = int(lab.sum())
        assert _dist(cells[n1 - 1], cells[n1]) <= 3  # and rejoins within k hops
        # kept points keep their times, generated ones step back by the 15 s sampling interval
        assert np.array_equal(res.t[pts][lab == 0], tr.t[kept])
        assert np.all(np.diff(res.t[pts]) == 15)


def test_rear_detour_anomalies_at_end(streets, generated):
    tr, _ = streets
    res = generated
    for i, pts, lab in _of_kind(res, "rear_detour"):
        assert _runs(lab) == "01"
        kept = res.src_point[pts][lab == 0]
        src = _traj_range(tr, int(res.source[i]))
        assert np.array_equal(kept, src[: kept.size])
        assert np.all(res.src_point[pts][lab == 1] == -1)
        dest = _source_cells(tr, int(res.source[i]))[-1]
        assert _dist(res.cell[pts][-1], dest) <= 3
        assert np.array_equal(res.t[pts][lab == 0], tr.t[kept])
        _check_kept_points(res, tr, i, pts)


def test_midway_detour_anomalies_in_middle(streets, generated):
    tr, _ = streets
    res = generated
    for i, pts, lab in _of_kind(res, "midway_detour"):
        assert _runs(lab) == "010"
        src = _traj_range(tr, int(res.source[i]))
        first1 = int(np.flatnonzero(lab)[0])
        last1 = int(np.flatnonzero(lab)[-1])
        head = res.src_point[pts][:first1]
        tail = res.src_point[pts][last1 + 1 :]
        assert np.array_equal(head, src[: head.size]) and np.array_equal(tail, src[src.size - tail.size :])
        cells = res.cell[pts]
        assert _dist(cells[first1 - 1], cells[first1]) <= 3 and _dist(cells[last1], cells[last1 + 1]) <= 3
        t = res.t[pts]
        assert np.all(np.diff(t) > 0)
        assert np.array_equal(np.diff(t[last1 + 1 :]), np.diff(tr.t[tail]))  # relative timing kept


def test_random_trajectory_all_anomalous_from_origin_to_destination(streets, generated):
    tr, _ = streets
    res = generated
    for i, pts, lab in _of_kind(res, "random_trajectory"):
        assert np.all(lab == 1) and np.all(res.src_point[pts] == -1)
        sc = _source_cells(tr, int(res.source[i]))
        cells = res.cell[pts]
        assert cells[0] == sc[0] and cells[-1] == sc[-1]
        freq = res.frequent[res.od[i]]
        assert all(int(c) not in freq for c in cells[1:-1])
        assert res.t[pts][0] == tr.t[tr.offsets[int(res.source[i])]]


def test_route_switching_suffix_from_other_od(streets, generated):
    tr, od = streets
    res = generated
    switched = _of_kind(res, "route_switching")
    assert switched
    for i, pts, lab in switched:
        assert _runs(lab) == "01"
        s1, s2 = int(res.source[i]), int(res.partner[i])
        assert od[s2] != od[s1] and od[s1] == res.od[i]
        beta = res.beta[i]
        assert 0.3 <= beta <= 0.7
        c1, c2 = _source_cells(tr, s1), _source_cells(tr, s2)
        p = math.floor(beta * c1.size)
        q = math.floor((1 - beta) * c2.size)
        sp = res.src_point[pts]
        prefix = sp[lab == 0]
        assert np.array_equal(prefix, _traj_range(tr, s1)[: prefix.size])
        # the prefix covers exactly the first floor(beta |T1|) cells
        assert np.array_equal(np.unique(res.cell[pts][lab == 0]), np.unique(c1[:p]))
        # the anomalous tail ends with the T2 suffix from cell q to its last point
        t2_pts = sp[(lab == 1) & (sp >= 0)]
        r2 = _traj_range(tr, s2)
        assert np.array_equal(t2_pts, r2[r2.size - t2_pts.size :])
        assert res.cell[pts][lab == 1][-t2_pts.size] == c2[q]
        assert np.all(np.diff(res.t[pts]) > 0)


def test_consecutive_cells_within_k_hop_and_detours_rare(streets):
    tr, od = streets
    for k in (1, 2):
        res = generate_anomalies(tr, od, per_od=3, k_hop=k, resolution=10, seed=11)
        assert sum(res.counts[t] for t in ANOMALY_TYPES) > 0
        for i in range(len(res)):
            if res.kind[i] == "normal":
                continue
            pts = res.points(i)
            cells = res.cell[pts]
            gen = res.src_point[pts] < 0
            for j in range(cells.size - 1):
                if gen[j] or gen[j + 1]:
                    assert 0 <= _dist(cells[j], cells[j + 1]) <= k, (res.kind[i], k)
            if res.kind[i].endswith("detour"):
                freq = res.frequent[res.od[i]]
                assert all(int(c) not in freq for c in cells[gen])


def test_generated_points_at_cell_centres_in_input_crs():
    tr, od = _street_trajs(n_per=3, crs="EPSG:3763")
    res = generate_anomalies(tr, od, types=["midway_detour"], per_od=3, resolution=10, seed=3)
    assert res.crs == "EPSG:3763"
    gen = res.src_point < 0
    assert gen.any()
    from deeptraj.models.core.crs import transform_xy

    lon, lat = transform_xy(res.x[gen], res.y[gen], "EPSG:3763", "EPSG:4326")
    assert np.array_equal(h3grid.cells(lon, lat, 10), res.cell[gen])
    clon, clat = h3grid.centers(res.cell[gen])
    assert np.allclose(lon, clon, atol=1e-7) and np.allclose(lat, clat, atol=1e-7)


def test_deterministic_for_a_seed(streets):
    tr, od = streets
    a = generate_anomalies(tr, od, per_od=3, seed=5)
    b = generate_anomalies(tr, od, per_od=3, seed=5)
    c = generate_anomalies(tr, od, per_od=3, seed=6)
    for name in ("x", "y", "t", "cell", "is_anomaly", "src_point", "offsets", "source"):
        assert np.array_equal(getattr(a, name), getattr(b, name))
    assert not (np.array_equal(a.cell, c.cell) and np.array_equal(a.offsets, c.offsets))


def test_beta_range_respected(streets):
    tr, od = streets
    res = generate_anomalies(
        tr, od, types=["route_switching"], per_od=6, beta_min=0.42, beta_max=0.45, include_normal=False, seed=2
    )
    assert set(res.kind) == {"route_switching"} and len(res) == 18
    assert np.all((res.beta >= 0.42) & (res.beta <= 0.45))
    for i in range(len(res)):
        n0 = int((res.is_anomaly[res.points(i)] == 0).sum())
        s1 = int(res.source[i])
        p = math.floor(res.beta[i] * _source_cells(tr, s1).size)
        # 30 points in ~27 cells: the prefix holds about floor(beta * cells) cells' points
        assert p <= n0 <= p + 3


def test_per_od_capped_and_normal_optional(streets):
    tr, od = streets
    res = generate_anomalies(tr, od, types=["head_detour"], per_od=100, include_normal=False, seed=1)
    assert res.counts == {"head_detour": 18}  # 6 trajectories per OD
    assert "normal" not in set(res.kind)


def test_bad_inputs(streets):
    tr, od = streets
    with pytest.raises(ValueError, match="PER_OD"):
        generate_anomalies(tr, od, per_od=0)
    with pytest.raises(ValueError, match="RESOLUTION"):
        generate_anomalies(tr, od, resolution=16)
    with pytest.raises(ValueError, match="BETA"):
        generate_anomalies(tr, od, beta_min=0.8, beta_max=0.5)
    with pytest.raises(ValueError, match="K_HOP"):
        generate_anomalies(tr, od, k_hop=0)
    with pytest.raises(ValueError, match="route switching"):
        generate_anomalies(tr, ["one"] * len(tr), types=["route_switching"])
    with pytest.raises(TrajectoryDataError, match="OD_FIELD"):
        generate_anomalies(tr, [None] * len(tr))
    with pytest.raises(ValueError, match="OD_FIELD"):
        generate_anomalies(tr, od[:-1])
    # a single OD is fine without route switching
    res = generate_anomalies(tr, ["one"] * len(tr), types=["rear_detour"], per_od=2, seed=0)
    assert res.counts["rear_detour"] == 2


def test_missing_od_ignored_and_cancel(streets):
    tr, od = streets
    od2 = [None if i % 2 else v for i, v in enumerate(od)]
    res = generate_anomalies(tr, od2, types=["rear_detour"], per_od=50, seed=0)
    assert set(int(s) for s in res.source) <= set(range(0, len(tr), 2))
    with pytest.raises(Cancelled):
        generate_anomalies(tr, od, per_od=50, cancel=lambda: True)


def test_without_times_and_with_assign_od_ids():
    tr, od = _street_trajs(n_per=4)
    no_t = Trajectories(ids=tr.ids, offsets=tr.offsets, x=tr.x, y=tr.y, t=None, crs=tr.crs)
    res = generate_anomalies(no_t, od, per_od=2, seed=0)
    assert res.t is None and len(res) == 36
    # OD ids straight from assign_od (-1 = below MIN_TRIPS): the short diagonal street gets no id
    ods = assign_od(tr, resolution=8, min_trips=4)
    assert ods.n_pairs == 3
    ids = ods.od_id.copy()
    ids[8:] = -1
    res = generate_anomalies(tr, ids, types=["rear_detour", "route_switching"], per_od=2, seed=0)
    assert set(res.od.tolist()) == {int(ids[0]), int(ids[4])}
    assert all(int(s) < 8 for s in res.source)
