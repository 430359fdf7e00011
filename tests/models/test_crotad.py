"""CroTad engine (models/crotad.py) without QGIS: corridors of H3 cells per OD, detours injected by hand."""

import time

import numpy as np
import pytest

pytest.importorskip("torch")
h3 = pytest.importorskip("h3.api.basic_int")

from deeptraj.models.core.modelfile import ModelFileError  # noqa: E402
from deeptraj.models.core.progress import Cancelled  # noqa: E402
from deeptraj.models.crotad.dqn import biased_reward  # noqa: E402
from deeptraj.models.crotad.evaluation import prf  # noqa: E402
from deeptraj.models.crotad.model import CroTad  # noqa: E402
from deeptraj.models.crotad.params import CroTadParams  # noqa: E402

RES = 10
TINY = dict(
    embed_dim=16,
    walk_length=10,
    walks_per_node=3,
    hidden=32,
    gat_heads=2,
    proj_dim=16,
    pretrain_epochs=3,
    steps_per_epoch=20,
    batch_size=64,
    n_negatives=4,
    cluster_sample=600,
    dqn_steps=200,
    dqn_batch=64,
    n_threads=1,
)
CENTRES = [(41.150, -8.610), (41.160, -8.600), (41.140, -8.630), (41.155, -8.640)]
ODS = [(0, 1), (1, 2), (2, 3)]


def _path(a, b):
    return [int(c) for c in h3.grid_path_cells(a, b)]


def _routes():
    """Two routes per OD: a bent main route (70 % of the trips) and the straight one."""
    out = []
    for a, b in ODS:
        A = h3.latlng_to_cell(*CENTRES[a], RES)
        B = h3.latlng_to_cell(*CENTRES[b], RES)
        mid = h3.latlng_to_cell((CENTRES[a][0] + CENTRES[b][0]) / 2 + 0.004, (CENTRES[a][1] + CENTRES[b][1]) / 2, RES)
        out.append((_path(A, mid)[:-1] + _path(mid, B), _path(A, B)))
    return out


def _jitter(route, rng, share=0.1):
    """GPS-like noise: a share of the cells moves to a neighbouring cell (consecutive duplicates removed)."""
    out = []
    for c in route:
        if rng.random() < share:
            c = int(sorted(h3.grid_ring(c, 1))[rng.integers(6)])
        if not out or out[-1] != c:
            out.append(c)
    return out


def _training(seed=0, n=30):
    rng = np.random.default_rng(seed)
    cells, od = [], []
    for k, (r1, r2) in enumerate(_routes()):
        for _ in range(n):
            cells.append(np.array(_jitter(r1 if rng.random() < 0.7 else r2, rng), np.uint64))
            od.append(str(k))
    return cells, od


def _detour(route, i, j, rings=4):
    """``route`` with cells i..j-1 replaced by cells ``rings`` rings away (consecutive duplicates removed)."""
    far = [int(sorted(h3.grid_ring(c, rings))[0]) for c in route[i:j]]
    far = [c for q, c in enumerate(far) if q == 0 or c != far[q - 1]]
    cells = route[:i] + far + route[j:]
    truth = [0] * i + [1] * len(far) + [0] * (len(route) - j)
    return np.array(cells, np.uint64), np.array(truth)


def _test_set():
    cells, od, truth = [], [], []
    for k, (r1, r2) in enumerate(_routes()):
        for route in (r1, r2):
            n = len(route)
            cells.append(np.array(route, np.uint64))
            od.append(str(k))
            truth.append(np.zeros(n, int))
            for i, j in ((n // 3, 2 * n // 3), (n // 4, n // 2), (n // 2, n - 2)):
                c, t = _detour(route, i, j)
                cells.append(c)
                od.append(str(k))
                truth.append(t)
    return cells, od, truth


@pytest.fixture(scope="module")
def fitted():
    cells, od = _training()
    progress = []
    model = CroTad(seed=0, **TINY).fit(cells, od, progress=progress.append)
    return model, progress


def test_fit_history_and_progress(fitted):
    model, progress = fitted
    h = model.history_
    assert len(h["pretrain"]) == 3 and all(np.isfinite(e["loss"]) for e in h["pretrain"])
    assert h["pretrain"][-1]["loss"] < h["pretrain"][0]["loss"]
    assert set(h["pseudo_labels"]) == {"0", "1", "2"}
    for counts in h["pseudo_labels"].values():  # the generated negatives make sure both labels occur
        assert counts["normal"] > 0 and counts["anomalous"] > 0
    assert h["dqn"] and h["dqn"][-1]["reward"] > h["dqn"][0]["reward"]
    assert progress[-1] == 100 and all(b >= a for a, b in zip(progress, progress[1:]))
    assert model.ods_ == ["0", "1", "2"]
    # S_pos^od: cells of the main route are frequent, cells two rings away from every route are not
    r1 = _routes()[0][0]
    assert set(r1) <= model.frequent_("0")


@pytest.mark.parametrize("mode", ["online", "offline"])
def test_detours_are_found(fitted, mode):
    model, _ = fitted
    cells, od, truth = _test_set()
    det = model.detect(cells, od, mode=mode)
    assert all(d.known for d in det)
    for c, d in zip(cells, det):
        assert d.actions.size == c.size + model.window - 1
        assert d.votes.max() <= model.window and d.labels.size == c.size
    pred = np.concatenate([d.labels for d in det])
    true = np.concatenate(truth)
    p, r, f1 = prf(true, pred)
    share = true.mean()
    random_f1 = 2 * share / (1 + share)  # flagging everything: the best a random detector gets
    assert f1 > random_f1 + 0.2, (p, r, f1, random_f1)
    normal = [d.labels for d, t in zip(det, truth) if not t.any()]
    assert np.concatenate(normal).mean() < 0.2


def test_streaming_equals_batch(fitted):
    model, _ = fitted
    cells, od, _ = _test_set()
    batch = model.detect(cells, od, mode="online")
    stream = model.stream()
    got = {i: np.full(c.size, -1) for i, c in enumerate(cells)}
    # interleave the trajectories point by point; repeat every point twice (GPS fixes inside the same cell)
    pos = [0] * len(cells)
    lat = []
    while any(p < c.size for p, c in zip(pos, cells)):
        for i, c in enumerate(cells):
            if pos[i] < c.size:
                for _ in range(2):
                    t0 = time.perf_counter()
                    out = stream.push(i, od[i], c[pos[i]])
                    lat.append(time.perf_counter() - t0)
                    for key, j, votes, label in out:
                        assert got[key][j] == -1  # every cell is labelled exactly once
                        got[key][j] = label
                        assert votes == batch[key].votes[j]
                pos[i] += 1
                # bounded latency: all but the last L - 1 cells of what was pushed are labelled
                assert (got[i] >= 0).sum() == max(0, min(pos[i] - model.window + 1, pos[i] - 1))
                # bounded memory: a trajectory keeps at most L window actions and L tokens, however long it is
                assert len(stream._s[i]["acts"]) <= model.window and len(stream._s[i]["tok"]) <= model.window
    for i in range(len(cells)):
        for key, j, votes, label in stream.finish(i):
            got[key][j] = label
        assert np.array_equal(got[i], batch[i].labels)
    assert stream.open_keys == []
    assert np.median(lat) < 0.05


def test_replay_of_recorded_points_equals_batch(fitted):
    """replay pushes points in the given order (here: the trajectories interleaved, every point twice) and
    returns, per trajectory, the labels detect() gives; trajectories without an OD are not pushed."""
    model, _ = fitted
    cells, od, _ = _test_set()
    point_traj = np.repeat(np.arange(len(cells)), [2 * c.size for c in cells])
    point_cells = np.concatenate([np.repeat(c, 2) for c in cells])
    order = np.argsort(np.concatenate([np.arange(2 * c.size) for c in cells]), kind="stable")
    traj_od = list(od[:-1]) + [None]
    with pytest.raises(RuntimeError, match="not trained|fit"):
        CroTad(CroTadParams()).replay(point_traj, point_cells, traj_od, order)
    by_traj, latency = model.replay(point_traj, point_cells, traj_od, order)
    assert latency.size == point_traj.size - 2 * cells[-1].size and set(by_traj) == set(range(len(cells) - 1))
    batch = model.detect(cells[:-1], od[:-1])
    for t, det in by_traj.items():
        assert np.array_equal(det.votes, batch[t].votes) and np.array_equal(det.labels, batch[t].labels)
        assert np.array_equal(det.actions, batch[t].actions)  # the streamed windows are the batch's
    # label_cells: the replay and the batch give the same labels and actions per cell position
    from deeptraj.models.core.cells import collapse_runs

    seqs = collapse_runs(np.concatenate(cells[:-1]), np.concatenate([[0], np.cumsum([c.size for c in cells[:-1]])]))
    traj_od = list(od[:-3]) + ["an OD the model does not know", None]  # neither is labelled
    assert model.od_known(traj_od).tolist() == [True] * (len(cells) - 3) + [False, False]
    rep = model.label_cells(seqs, traj_od)
    bat = model.label_cells(seqs, traj_od, replay=False)
    assert np.array_equal(rep.votes, bat.votes) and np.array_equal(rep.labels, bat.labels)
    assert set(rep.actions) == set(bat.actions) == set(range(len(cells) - 3))
    assert all(np.array_equal(rep.actions[i], bat.actions[i]) for i in rep.actions)
    last = seqs.offsets[-3]
    assert (rep.labels[last:] == -1).all() and (rep.labels[:last] >= 0).all()
    assert rep.latency.size == seqs.point_cells.size - cells[-3].size - cells[-2].size
    assert set(rep.latency_ms()) == {"median", "p99"}
    assert bat.latency_ms() == {}


def test_select_training_and_known_share(fitted):
    model, _ = fitted
    sel = model.select_training([6, 1, 7, 3, 9, 2], ["a", "a", "a", "b", None, "c"])
    assert sel.index.tolist() == [0, 2] and sel.n_few_cells == 1 and sel.small_ods == ["b", "c"]
    assert sel.trips == {"a": 2} and sel.n_short == 0
    from deeptraj.models.core.cells import collapse_runs

    # take(): the kept rows' cell sequences (consecutive repeats collapsed) and OD keys, and their distinct cells
    trips = [
        [1, 2, 2, 3, 4, 5, 6],
        [9],
        [3, 4, 8, 8, 9, 10, 11, 1],
        [1, 2, 2, 1],
        [3, 7, 7, 8, 9, 1, 2, 4, 5, 6],
        [1, 1, 2],
    ]
    cs = collapse_runs(np.concatenate(trips).astype(np.uint64), np.cumsum([0] + [len(t) for t in trips]))
    keys = ["a", "a", "a", "b", None, "c"]
    assert cs.lengths.tolist() == [6, 1, 7, 3, 9, 2]
    cells, od, n = model.select_training(cs.lengths, keys).take(cs, keys)
    assert [c.tolist() for c in cells] == [[1, 2, 3, 4, 5, 6], [3, 4, 8, 9, 10, 11, 1]] and od == ["a", "a"]
    assert n == 10  # 1-6, 8-11
    with pytest.raises(ValueError, match="WINDOW: every trajectory is shorter than the window of 5"):
        model.select_training([3, 4], ["a", "a"])
    assert model.select_training([3, 4], ["a", "a"], require_window=False).n_short == 2
    with pytest.raises(ValueError, match="INPUT: no OD keeps at least 2 trajectories"):
        model.select_training([6, 6], ["a", "b"])
    r1 = _routes()[0][0]
    far = [int(sorted(h3.grid_ring(c, 30))[0]) for c in r1[:4]]
    assert model.known_share([np.array(r1[:4] + far, np.uint64)]) == pytest.approx(0.5)
    assert model.known_share([]) is None


def test_save_load_roundtrip(fitted, tmp_path):
    model, _ = fitted
    path = str(tmp_path / "m.pt")
    model.save(path, extra={"od_field": "od"})
    again = CroTad.load(path)
    assert again.extra_ == {"od_field": "od"} and again.ods_ == model.ods_
    assert again.frequent_("1") == model.frequent_("1")
    cells, od, _ = _test_set()
    for mode in ("online", "offline"):
        a = model.detect(cells, od, mode=mode)
        b = again.detect(cells, od, mode=mode)
        assert all(np.array_equal(x.labels, y.labels) and np.array_equal(x.actions, y.actions) for x, y in zip(a, b))
    (tmp_path / "bad.pt").write_bytes(b"not a model")
    with pytest.raises(ModelFileError):
        CroTad.load(str(tmp_path / "bad.pt"))


def test_unknown_cells_and_ods(fitted):
    model, _ = fitted
    r1 = _routes()[0][0]
    far = [int(sorted(h3.grid_ring(c, 30))[0]) for c in r1]  # far outside the training graph
    assert (model.tokens(np.array(far, np.uint64)) == 1).all()  # <unk>
    det = model.detect(
        [np.array(r1[:5] + far[5:12] + r1[12:], np.uint64), np.array(r1, np.uint64)], ["0", "no such OD"]
    )
    assert det[0].known and det[0].labels[5:12].mean() >= 0.8
    assert det[0].votes[5:12].mean() > det[0].votes[:4].mean() + 2
    assert not det[1].known and not det[1].labels.any()


def test_short_trajectories_get_all_votes(fitted):
    model, _ = fitted
    r1 = _routes()[0][0]
    for n in (1, 2, model.window - 1):
        d = model.detect([np.array(r1[:n], np.uint64)], ["0"])[0]
        assert d.actions.size == n + model.window - 1 and d.labels.size == n


def test_deterministic_and_cancel():
    cells, od = _training(n=15)
    small = dict(TINY, pretrain_epochs=1, steps_per_epoch=10, dqn_steps=40)
    a = CroTad(seed=3, **small).fit(cells, od)
    b = CroTad(seed=3, **small).fit(cells, od)
    test, tod, _ = _test_set()
    assert all(np.array_equal(x.votes, y.votes) for x, y in zip(a.detect(test, tod), b.detect(test, tod)))
    assert a.history_["pretrain"] == b.history_["pretrain"]
    seen = []
    asked = []

    def cancel():
        if seen and seen[-1] > 16:  # pre-training has started
            asked.append(asked[0] if asked else time.time())
            return True
        return False

    with pytest.raises(Cancelled):
        CroTad(seed=3, **dict(small, pretrain_epochs=50)).fit(cells, od, progress=seen.append, cancel=cancel)
    assert time.time() - asked[0] < 5


def test_offline_rule_eq24(fitted):
    """A window joins its nearest core sample's cluster within eps; clusters below |D ∪ {T}| / k are anomalous."""
    model, _ = fitted
    saved = model._off[0]
    try:
        core = np.eye(3, dtype=np.float32)[:2]
        model._off[0] = {
            "eps": 0.1,
            "core": core,
            "core_label": np.array([0, 1]),
            "sizes": np.array([50, 10]),
            "k": 2,
            "n": 60,
        }
        z = np.array([[1, 0.05, 0], [0.05, 1, 0], [0, 0, 1]], np.float32)
        assert model._offline_labels(z, 0).tolist() == [0, 1, 1]  # big cluster, small cluster, noise
    finally:
        model._off[0] = saved


def test_biased_reward_table1():
    r = biased_reward(90, 10)
    assert r[0, 0] == pytest.approx(100 / 90) and r[1, 1] == pytest.approx(10 + 9)
    assert r[0, 1] == pytest.approx(-19) and r[1, 0] == pytest.approx(-100 / 90)
    # E(R | a = 1) > E(R | a = 0) under the pseudo-label distribution
    p = np.array([0.9, 0.1])
    assert r[1] @ p > r[0] @ p


@pytest.mark.parametrize(
    "kw, name",
    [
        ({"window": 0}, "WINDOW"),
        ({"rho1": 9, "window": 5}, "RHO1"),
        ({"vote_threshold": 6, "window": 5}, "VOTE_THRESHOLD"),
        ({"freq_threshold": 0}, "FREQ_THRESHOLD"),
        ({"hidden": 30}, "GAT_HEADS"),
    ],
)
def test_bad_parameters(kw, name):
    with pytest.raises(ValueError, match=name):
        CroTad(**kw)


def test_needs_two_trips_per_od():
    cells, od = _training(n=1)
    with pytest.raises(ValueError, match="OD_FIELD"):
        CroTad(**TINY).fit(cells, od)
    assert CroTadParams().votes_needed == 5


def test_nearest_core_equals_the_broadcast_argmin():
    """offline_labels' nearest core sample, chunked and through a matrix product, is the broadcast argmin exactly:
    same index (lowest on ties), same float32 distance, also for near-duplicate cores."""
    from deeptraj.models.crotad.offline import nearest_core

    rng = np.random.default_rng(4)
    for trial in range(40):
        m, n, d = int(rng.integers(1, 120)), int(rng.integers(1, 90)), int(rng.integers(2, 33))
        core = rng.normal(size=(m, d))
        if trial % 2:  # clusters of cores 1e-5 apart, as the rounded distinct windows can be
            core = np.round(core[rng.integers(0, 2, m)] + rng.normal(scale=2e-5, size=(m, d)), 5)
        core = (core / np.linalg.norm(core, axis=1, keepdims=True)).astype(np.float32)
        z = np.concatenate([core[rng.integers(0, m, n // 2)], rng.normal(size=(n - n // 2, d)).astype(np.float32)])
        d2 = ((z[:, None, :] - core[None]) ** 2).sum(-1)
        j, dist = nearest_core(z, core, chunk=int(rng.integers(1, 40)))
        assert np.array_equal(j, d2.argmin(1))
        assert np.array_equal(dist, np.sqrt(d2[np.arange(n), d2.argmin(1)])) and dist.dtype == np.float32
    j, dist = nearest_core(np.zeros((0, 3), np.float32), np.eye(3, dtype=np.float32))
    assert j.size == 0 and dist.size == 0


def test_weighted_draw_gives_rng_choice_draws():
    """The training batches drawn with the cumulative weights computed once are rng.choice's, draw for draw."""
    from deeptraj.models.crotad.windows import WeightedDraw

    w = np.random.default_rng(0).random(5000) ** 3
    w /= w.sum()
    a, b = np.random.default_rng(7), np.random.default_rng(7)
    draw = WeightedDraw(w)
    for size in (1, 96, 500):
        assert np.array_equal(draw.draw(a, size), b.choice(w.size, size=size, p=w))
    assert a.random() == b.random()  # the generators are left in the same state


@pytest.mark.parametrize("mode", ["online", "offline"])
def test_detect_progress_moves_while_the_windows_are_labelled(fitted, mode):
    """detect reports progress while it builds the windows and while the networks label them, not only in the
    final votes (which at city scale came after a minute without a move); the values never go back."""
    model, _ = fitted
    cells, od = _training(seed=5, n=10)
    seen = []
    model.detect(cells, od, mode=mode, progress=seen.append)
    assert any(30 < v <= 85 for v in seen), seen
    assert seen[-1] == 100 and all(b >= a for a, b in zip(seen, seen[1:]))


def test_window_wide_steps_of_training_honour_cancel(fitted):
    """The steps of fit that touch every window (MIIC negatives of the DQN states, the pre-trained encoder's z of
    them: minutes at city scale) check the cancel as they go."""
    model, _ = fitted
    pool = model._train
    rng = np.random.default_rng(0)
    with pytest.raises(Cancelled):
        model._rare.negatives(pool.tok, pool.len, pool.od, 1, rng, cancel=lambda: True)
    with pytest.raises(Cancelled):
        model._z(pool.tok, pool.len, pool.od, cancel=lambda: True)
    tok, ln = model._rare.negatives(pool.tok[:5], pool.len[:5], pool.od[:5], 2, rng, cancel=lambda: False)
    assert tok.shape == (10, model.window) and (ln >= 1).all()


def test_route_switch_negatives_take_another_ods_cells_rare_here(fitted):
    """switch_negatives: a window's head, then a training window of another OD with a cell rare for this OD."""
    from deeptraj.models.crotad.negatives import RareTables

    model, _ = fitted
    pool = model._train
    tables = model._rare
    assert tables.kinds[-1] == "route_switch"  # on by default
    model.params.switch_negatives = False
    try:  # off: the paper's transformations only
        assert "route_switch" not in RareTables(model, np.random.default_rng(1)).kinds
    finally:
        model.params.switch_negatives = True
    rng = np.random.default_rng(2)
    others = {o: {tuple(pool.tok[i, : pool.len[i]]) for i in np.flatnonzero(pool.od != o)} for o in set(pool.od)}
    made = 0
    for i in range(0, pool.n, max(1, pool.n // 40)):
        n, o = int(pool.len[i]), int(pool.od[i])
        neg = tables._switch(pool.tok[i, :n], n, o, rng)
        if neg is pool.tok[i, :n] or np.array_equal(neg, pool.tok[i, :n]):
            continue
        made += 1
        j = next(k for k in range(n + 1) if k == n or k >= neg.size or neg[k] != pool.tok[i, k])
        tail = tuple(neg[j:])
        assert neg.size <= n and tail
        # part of another OD's window (its start, unless the first cells happen to equal this window's)
        assert any(w[k : k + len(tail)] == tail for w in others[o] for k in range(len(w)))
        assert not model._is_freq(np.asarray(tail), np.full(len(tail), o)).all()  # not all on this OD's cells
    assert made > 0
