"""ECO engine (models/eco.py): Figure 1, Lemma 5, the speed constraint, minimal groups, DBSCAN against
scikit-learn, modularity, cluster mapping, determinism and the stream builder."""

import numpy as np
import pytest

from deeptraj.models.eco.baselines import SnapshotDBSCAN
from deeptraj.models.eco.geometry import _adjust_towards, neighbour_pairs
from deeptraj.models.eco.grouping import dbscan_pairs, minimal_groups
from deeptraj.models.eco.metrics import modularity
from deeptraj.models.eco.model import ECO, make_clusterer, run_stream, summarise
from deeptraj.models.eco.stream import build_stream
from deeptraj.models.synthetic.groups import simulate_groups

GROUP = np.array([[0, 0], [50, 40], [-50, 30], [40, -50], [-30, -50], [60, -10]], float)


def _figure1(k, rng):
    """Two groups of six 1 km apart drifting east; at step 1 objects 5, 9 and 11 leave them for one step and
    gather in between (Figure 1 of the paper)."""
    p = np.vstack([GROUP, GROUP + [1000, 0]]) + rng.normal(0, 3, (12, 2)) + [30 * k, 0]
    if k == 1:
        p[5], p[9], p[11] = [370, 0], [690, 0], [530, 0]
    return p


def _run_figure1(method):
    rng = np.random.default_rng(0)
    c = make_clusterer(method, eps=250, min_pts=3, delta=200, rho=3, alpha=0.9, speed_limit=60, adapt_eps=False)
    out = []
    for k in range(3):
        p = _figure1(k, rng)
        out.append(c.partial_fit(np.arange(12), p[:, 0], p[:, 1], np.full(12, 10 * k)))
    return out


def test_figure1_eco_keeps_two_stable_clusters_dbscan_splits():
    eco = _run_figure1("eco")
    first = eco[0].labels
    assert sorted(set(first.tolist())) == [0, 1] and len(set(first[:6])) == 1 and len(set(first[6:])) == 1
    for res in eco[1:]:
        assert res.labels.tolist() == first.tolist()
        assert {e[1] for e in res.events} == {"evolve"}
    assert set(np.nonzero(eco[1].smoothed)[0].tolist()) == {5, 9, 11}
    plain = _run_figure1("dbscan")
    mid = plain[1].labels
    assert mid[5] == mid[9] == mid[11] and mid[5] not in (mid[0], mid[6])  # a third cluster appears
    assert {"split", "merge"} <= {e[1] for e in plain[1].events}
    assert eco[1].nmi > plain[1].nmi


def test_lemma5_members_within_delta_of_the_pivot_do_not_move():
    res = _run_figure1("eco")[1]
    rng = np.random.default_rng(0)
    _figure1(0, rng)
    raw = _figure1(1, rng)
    stay = np.ones(12, bool)
    stay[[5, 9, 11]] = False
    assert np.allclose(res.x[stay], raw[stay, 0]) and np.allclose(res.y[stay], raw[stay, 1])
    # the jumpers were pulled back to exactly δ (b = 1) from a member of their own group
    for o, grp in ((5, range(6)), (9, range(6, 12))):
        d = np.hypot(res.x[o] - raw[list(grp), 0], res.y[o] - raw[list(grp), 1])
        assert np.isclose(np.sort(d)[1], 200.0)


def _adjust_one(p, s, c, r, delta=10.0, alpha=2.1):
    """_adjust_towards for one member at p, the pivot at s and the speed disk (centre c, radius r): (x, y, cost)."""
    px, py, sx, sy, cx, cy, rr = (np.array([v]) for v in (*p, *s, *c, r))
    ax, ay, cost = _adjust_towards(px, py, sx, sy, cx, cy, rr, delta, alpha)
    return ax[0], ay[0], cost[0]


def test_paper_example5_picks_b_equal_1():
    # d(o6, o4) = 25, α = 2.1, δ = 10 -> b_opt = 1: the adjustment lies on the segment at distance δ
    ax, ay, cost = _adjust_one((25.0, 0.0), (0.0, 0.0), (20.0, 0.0), 100.0)
    assert np.allclose([ax, ay], [10.0, 0.0]) and np.isclose(cost, 15.0**2)
    # the speed disk around the previous location (25, 0) with radius 8 only reaches down to x = 17: b = 2
    ax, _, _ = _adjust_one((25.0, 0.0), (0.0, 0.0), (25.0, 0.0), 8.0)
    assert np.isclose(ax, 20.0)


def _walk_prev(results):
    prev = {}
    for r in results:
        yield r, prev
        prev = {int(o): (x, y) for o, x, y in zip(r.obj, r.x, r.y)}


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_adjustments_never_break_the_speed_limit(seed):
    g = simulate_groups(n_groups=12, per_group=8, n_steps=15, jump_rate=0.08, jump_distance=400, seed=seed)
    stream = build_stream(g.obj, g.t)
    mu = 30.0
    c = ECO(eps=300, min_pts=4, delta=250, rho=4, alpha=0.7, speed_limit=mu)
    results, times = [], []
    for s in range(len(stream)):
        _, rp = stream.snapshot(s)
        rec = stream.rec[rp]
        results.append(c.partial_fit(stream.obj[rp], g.x[rec], g.y[rec], g.t[rec]))
        times.append(dict(zip(stream.obj[rp].tolist(), g.t[rec].tolist())))
    n_checked = 0
    prev_t = {}
    for (r, prev), tt in zip(_walk_prev(results), times):
        for o, x, y, sm in zip(r.obj, r.x, r.y, r.smoothed):
            if sm:
                px, py = prev[int(o)]
                assert np.hypot(x - px, y - py) <= mu * (tt[int(o)] - prev_t[int(o)]) + 1e-6
                n_checked += 1
        prev_t = tt
    assert n_checked > 10


def test_minimal_groups_follow_definition_12():
    rng = np.random.default_rng(3)
    pts = np.vstack(
        [rng.normal(c, 60, (25, 2)) for c in ([0, 0], [400, 0], [3000, 3000])] + [rng.uniform(-2000, 5000, (30, 2))]
    )
    n = len(pts)
    i, j, d = neighbour_pairs(pts[:, 0], pts[:, 1], 500)
    delta, rho = 150.0, 4
    group, seed = minimal_groups(n, i, j, d, delta, rho)
    dist = np.hypot(*(pts[:, None, :] - pts[None, :, :]).transpose(2, 0, 1))
    dens = (dist <= delta).sum(1)
    seeds = np.nonzero(seed)[0]
    assert seeds.size >= 3 and np.all(dens[seeds] >= rho)
    sd = dist[np.ix_(seeds, seeds)] + np.eye(seeds.size) * 1e9
    assert sd.min() > delta  # seeds are pairwise further than δ
    for o in range(n):
        near = seeds[dist[o, seeds] <= delta]
        if seed[o]:
            assert group[o] == o
        elif near.size:
            assert group[o] == near[np.argmin(dist[o, near])]  # nearest seed within δ
        else:
            assert group[o] == -1 and dens[o] < rho  # maximal: every candidate is covered


def test_dbscan_pairs_agrees_with_scikit_learn():
    from sklearn.cluster import DBSCAN

    rng = np.random.default_rng(5)
    pts = np.vstack(
        [rng.normal(c, 50, (40, 2)) for c in ([0, 0], [500, 100], [2000, 0])] + [rng.uniform(-500, 2500, (40, 2))]
    )
    i, j, d = neighbour_pairs(pts[:, 0], pts[:, 1], 120)
    labels, role = dbscan_pairs(len(pts), i, j, d, 120, 5)
    ref = DBSCAN(eps=120, min_samples=5).fit(pts)
    core = np.zeros(len(pts), bool)
    core[ref.core_sample_indices_] = True
    assert np.array_equal(role == 2, core)
    assert np.array_equal(labels == -1, ref.labels_ == -1)
    from sklearn.metrics import adjusted_rand_score

    assert adjusted_rand_score(ref.labels_[core], labels[core]) == 1.0  # same partition of the core points


def test_modularity_matches_a_hand_computation():
    # a triangle (0,1,2) and a pair (3,4) joined by one edge 2-3; unit weights (d = 1)
    i = np.array([0, 0, 1, 2, 3])
    j = np.array([1, 2, 2, 3, 4])
    d = np.ones(5)
    m = 5.0
    deg_a, deg_b = 2 + 2 + 3, 2 + 1
    expected = (3 / m - (deg_a / (2 * m)) ** 2) + (1 / m - (deg_b / (2 * m)) ** 2)
    assert np.isclose(modularity(5, i, j, d, np.array([0, 0, 0, 1, 1])), expected)
    assert modularity(5, i, j, d, np.array([0, 0, 0, 1, 1])) > modularity(5, i, j, d, np.array([0, 1, 0, 1, 0]))


def _merge_split_stream():
    """Two groups of 8 approach, travel together for 4 steps, then separate again."""
    rng = np.random.default_rng(2)
    base = rng.normal(0, 30, (16, 2))
    gap = [1500, 1000, 500, 120, 120, 120, 120, 500, 1000, 1500]
    for k, g_ in enumerate(gap):
        p = base.copy()
        p[8:, 0] += g_
        yield k, p


def test_cluster_ids_are_stable_through_a_merge_and_a_split():
    c = SnapshotDBSCAN(eps=150, min_pts=4, adapt_eps=False)
    out = [c.partial_fit(np.arange(16), p[:, 0], p[:, 1], np.full(16, 10 * k)) for k, p in _merge_split_stream()]
    a, b = out[0].labels[0], out[0].labels[8]
    assert a != b and out[2].labels[0] == a and out[2].labels[8] == b  # evolve keeps the ids
    merged = out[3].labels
    assert len(set(merged.tolist())) == 1 and merged[0] in (a, b)
    assert "merge" in {e[1] for e in out[3].events}
    assert {e[1] for e in out[4].events} == {"evolve"} and out[5].labels.tolist() == merged.tolist()
    split = out[7].labels
    assert split[0] != split[8] and merged[0] in (split[0], split[8])
    assert "split" in {e[1] for e in out[7].events}
    assert out[9].labels.tolist() == split.tolist()


def test_clusters_follow_the_simulated_groups_and_smoothing_catches_the_jumps():
    from deeptraj.models.core.metrics import clustering_scores

    g = simulate_groups(n_groups=10, per_group=8, n_steps=12, jump_rate=0.05, seed=4)
    stream = build_stream(g.obj, g.t)
    c = make_clusterer("eco", eps=300, min_pts=4, delta=250, rho=4)
    labels = np.full(g.obj.size, -9)
    smoothed = np.zeros(g.obj.size, bool)

    def on_step(step, rec, res, qs):
        labels[rec], smoothed[rec] = res.labels, res.smoothed

    run_stream(c, stream, g.x, g.y, g.t, on_step=on_step)
    clustered = labels >= 0
    assert clustered.mean() > 0.95  # measured 0.999
    assert clustering_scores(g.group[clustered], labels[clustered])["NMI"] > 0.95  # measured 1.0
    assert (smoothed & g.jump).sum() > 0.5 * g.jump.sum()  # measured 32 of 41 jumps
    # the state kept for the next step is the last snapshot only
    assert c._prev[0].size == stream.step_offsets[-1] - stream.step_offsets[-2]


def test_build_stream_keeps_the_earliest_record_per_step():
    obj = np.array([0, 0, 0, 1, 1, 1, 0])
    t = np.array([100, 104, 112, 101, 111, 121, 131])
    s = build_stream(obj, t)
    assert s.delta_t == 10.0 and s.start_time == 100
    kept = sorted(zip(s.step.tolist(), s.obj.tolist(), t[s.rec].tolist()))
    assert kept == [(0, 0, 100), (0, 1, 101), (1, 0, 112), (1, 1, 111), (2, 1, 121), (3, 0, 131)]
    assert s.n_dropped == 1
    for k in range(len(s)):  # run_stream relies on snapshots listing their objects in increasing order
        assert np.all(np.diff(s.obj[s.snapshot(k)[1]]) > 0)
    with pytest.raises(ValueError, match="DELTA_T"):
        build_stream(np.array([0, 1]), np.array([5, 5]))


def test_bad_parameters_say_what_to_fix():
    with pytest.raises(ValueError, match="DELTA"):
        make_clusterer("eco", eps=300, delta=400)
    with pytest.raises(ValueError, match="METHOD"):
        make_clusterer("optics")
    with pytest.raises(ValueError, match="once"):
        ECO(eps=300, delta=200).partial_fit(np.array([1, 1]), np.zeros(2), np.zeros(2), np.zeros(2))


def test_smoothing_raises_consecutive_nmi_on_jumpy_groups():
    g = simulate_groups(n_groups=15, per_group=8, n_steps=25, jump_rate=0.05, jump_distance=300, seed=7)
    stream = build_stream(g.obj, g.t)
    nmi = {}
    for m in ("eco", "dbscan"):
        c = make_clusterer(m, eps=250, min_pts=4, delta=200, rho=4, alpha=0.9, speed_limit=40, adapt_eps=False)
        nmi[m] = summarise(run_stream(c, stream, g.x, g.y, g.t))["mean_nmi"]
    assert nmi["eco"] > nmi["dbscan"]
