"""Engine tests for models/anomaly_baselines.py (Seq2Seq/SAE, iBOAT and frequent-cells window detectors) on synthetic
H3 corridors."""

import numpy as np
import pytest

from deeptraj.models.core import h3grid
from deeptraj.models.crotad.baselines import FrequentCellsDetector, IBoatDetector, Seq2SeqDetector
from deeptraj.models.crotad.evaluation import evaluate

RES = 10
L = 5
# OD corridors in Porto (lon, lat of origin and destination)
CORRIDORS = {
    "east": ((-8.630, 41.150), (-8.600, 41.152)),
    "north": ((-8.615, 41.135), (-8.612, 41.163)),
}


def _path(cells):
    out = [int(cells[0])]
    for a, b in zip(cells[:-1], cells[1:]):
        out += h3grid.path(a, b)[1:]
    return out


def _corridor(od, rng):
    """Cells from origin to destination through two random waypoints near the straight line."""
    (x0, y0), (x1, y1) = CORRIDORS[od]
    pts = [(x0, y0)]
    for f in (0.35, 0.7):
        pts.append((x0 + f * (x1 - x0) + rng.normal(0, 4e-4), y0 + f * (y1 - y0) + rng.normal(0, 4e-4)))
    pts.append((x1, y1))
    way = h3grid.cells(np.array([p[0] for p in pts]), np.array([p[1] for p in pts]), RES)
    return np.asarray(_path(way), dtype=np.uint64)


def _detour(seq, rng):
    """Replace a middle stretch by a detour through a cell ~12 rings away; (cells, truth)."""
    n = seq.size
    i = int(rng.integers(n // 4, n // 2))
    j = i + int(rng.integers(4, 8))
    mid = int(seq[(i + j) // 2])
    far = h3grid.neighbours(mid, 12)
    ring = [c for c in far if h3grid.grid_distance(mid, c) == 12]
    apex = ring[int(rng.integers(len(ring)))]
    gen = h3grid.path(int(seq[i - 1]), apex)[1:] + h3grid.path(apex, int(seq[j + 1]))[1:-1]
    cells = np.concatenate([seq[:i], np.asarray(gen, np.uint64), seq[j + 1 :]])
    truth = np.concatenate([np.zeros(i, np.int8), np.ones(len(gen), np.int8), np.zeros(n - j - 1, np.int8)])
    return cells, truth


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(3)
    train, train_od = [], []
    for od in CORRIDORS:
        for _ in range(60):
            train.append(_corridor(od, rng))
            train_od.append(od)
    test, test_od, truth, kind = [], [], [], []
    for od in CORRIDORS:
        for _ in range(15):
            s = _corridor(od, rng)
            test.append(s)
            test_od.append(od)
            truth.append(np.zeros(s.size, np.int8))
            kind.append("normal")
            c, t = _detour(_corridor(od, rng), rng)
            test.append(c)
            test_od.append(od)
            truth.append(t)
            kind.append("midway_detour")
    return train, train_od, test, test_od, truth, kind


def _score(det, data):
    _, _, test, test_od, truth, kind = data
    res = det.detect(test, test_od)
    items = [dict(kind=k, cell_truth=t, cell_pred=r.labels, window_pred=r.actions) for k, t, r in zip(kind, truth, res)]
    return res, evaluate(items, L)


def _random_f1(data):
    _, _, _, _, truth, kind = data
    t = np.concatenate([x for x, k in zip(truth, kind) if k != "normal"])
    p = t.mean()
    return 2 * p * 0.5 / (p + 0.5)  # a detector flagging half of the cells at random


@pytest.fixture(scope="module")
def seq2seq(data):
    train, train_od = data[0], data[1]
    return Seq2SeqDetector(window=L, epochs=8, seed=1, device="cpu", n_threads=1).fit(train, train_od)


def test_seq2seq_flags_detours(data, seq2seq):
    res, ev = _score(seq2seq, data)
    det = ev["midway_detour"]
    assert det["point"][2] > max(0.6, 1.5 * _random_f1(data)), ev
    assert det["window"][2] > 0.6, ev
    assert ev["normal"]["point_fpr"] < 0.1, ev
    r = res[0]
    n = data[2][0].size
    assert r.actions.shape == (n + L - 1,) and r.actions.dtype == np.int8
    assert r.votes.shape == (n,) and r.votes.dtype == np.int16 and r.labels.dtype == np.int8
    assert r.known and r.od == data[3][0]
    assert len(seq2seq.history_["loss"]) == 8 and seq2seq.history_["loss"][-1] < seq2seq.history_["loss"][0]
    assert set(seq2seq.thresholds_) == set(CORRIDORS)


def test_seq2seq_deterministic_and_unknown_cells(data, seq2seq):
    train, train_od, test, test_od = data[:4]
    again = Seq2SeqDetector(window=L, epochs=8, seed=1, device="cpu", n_threads=1).fit(train, train_od)
    a = seq2seq.window_scores(test[1], test_od[1])
    b = again.window_scores(test[1], test_od[1])
    assert a.shape == (test[1].size + L - 1,)
    np.testing.assert_allclose(a, b, rtol=1e-6)
    # cells never seen in training map to UNK and score high
    base = int(test[0][0])
    unseen = np.array(
        [c for c in h3grid.neighbours(base, 40) if h3grid.grid_distance(base, c) == 40][:8], dtype=np.uint64
    )
    assert (seq2seq.tokens(unseen) == 2).all()
    s_unseen = seq2seq.window_scores(unseen, test_od[0])
    assert np.isfinite(s_unseen).all() and s_unseen.min() > seq2seq.thresholds_[test_od[0]]
    r = seq2seq.detect([unseen, test[0]], ["nowhere", test_od[0]])
    assert not r[0].known and r[0].labels.sum() == 0 and r[0].actions.size == unseen.size + L - 1
    assert r[1].known
    assert seq2seq.detect([np.zeros(0, np.uint64)], [test_od[0]])[0].labels.size == 0


def test_iboat_flags_detours(data):
    train, train_od = data[0], data[1]
    det = IBoatDetector(window=L, theta=0.05).fit(train, train_od)
    res, ev = _score(det, data)
    d = ev["midway_detour"]
    assert d["point"][2] > max(0.6, 1.5 * _random_f1(data)), ev
    assert d["window"][2] > 0.6, ev
    assert ev["normal"]["point_fpr"] < 0.1, ev
    # support of a training trajectory's own window is at least 1 / m; a detour window has none
    s = det.supports(train[0], train_od[0])
    assert s.shape == (train[0].size + L - 1,) and (s >= 1 / 60 - 1e-12).all()
    # deterministic, and the cache does not change results
    again = IBoatDetector(window=L, theta=0.05, cache=False).fit(train, train_od)
    for r1, r2 in zip(res, again.detect(data[2], data[3])):
        assert (r1.actions == r2.actions).all() and (r1.labels == r2.labels).all()
    unseen = np.array([1, 2, 3], dtype=np.uint64)
    assert det.window_scores(unseen, train_od[0]).tolist() == [1.0] * (3 + L - 1)


def test_iboat_support_is_ordered_subsequence():
    a, b, c, d, e = (np.uint64(v) for v in (11, 12, 13, 14, 15))
    train = [np.array([a, b, c, d], np.uint64), np.array([a, c, b, d], np.uint64), np.array([a, e, b, e, d], np.uint64)]
    det = IBoatDetector(window=3, theta=0.5, check_endpoints=False).fit(train, ["x"] * 3)
    idx = det._index["x"]
    assert idx.support(np.array([a, b, d], np.uint64)) == 3  # gaps allowed
    assert idx.support(np.array([b, c], np.uint64)) == 1  # order matters
    assert idx.support(np.array([e, e], np.uint64)) == 1  # repeated cell needs two positions
    assert idx.support(np.array([d, a], np.uint64)) == 0
    assert idx.support(np.array([a, 99], np.uint64)) == 0
    r = det.detect([np.array([a, b, d], np.uint64)], ["x"])[0]
    assert r.actions.tolist() == [0, 0, 0, 0, 0] and r.labels.tolist() == [0, 0, 0]


def test_frequent_cells_rule_flags_detours(data):
    train, train_od = data[0], data[1]
    det = FrequentCellsDetector(window=L).fit(train, train_od)
    res, ev = _score(det, data)
    assert ev["midway_detour"]["point"][2] > max(0.6, 1.5 * _random_f1(data)), ev
    assert ev["normal"]["point_fpr"] < 0.1, ev
    # a window's score is its share of cells outside S_pos^od; padded windows count only their real cells
    freq = det.frequent_[train_od[0]]
    good = np.array(sorted(freq)[:3], np.uint64)
    seq = np.array([good[0], 7, good[1], good[2]], np.uint64)  # one unseen cell
    assert det.window_scores(seq, train_od[0]).tolist() == pytest.approx([0, 1 / 2, 1 / 3, 1 / 4, 1 / 4, 1 / 3, 0, 0])
    assert det.window_scores(seq, "unknown").tolist() == [1.0] * (seq.size + L - 1)
    r = det.detect([seq], [train_od[0]], vote_threshold=L)[0]
    assert r.labels.tolist() == [0, 1, 0, 0] and r.actions.tolist() == [0, 1, 1, 1, 1, 1, 0, 0]
    lax = FrequentCellsDetector(window=L, min_normality=0.7).fit(train, train_od)
    assert lax.detect([seq], [train_od[0]])[0].actions.tolist() == [0, 1, 1, 0, 0, 1, 0, 0]


def test_parameter_errors():
    with pytest.raises(ValueError, match="WINDOW"):
        IBoatDetector(window=0)
    with pytest.raises(ValueError, match="THETA"):
        IBoatDetector(theta=0)
    with pytest.raises(ValueError, match="MIN_NORMALITY"):
        FrequentCellsDetector(min_normality=0)
    with pytest.raises(ValueError, match="QUANTILE"):
        Seq2SeqDetector(quantile=1.0)
    with pytest.raises(ValueError, match="VOTE_THRESHOLD"):
        Seq2SeqDetector(window=5, vote_threshold=6)
    with pytest.raises(ValueError, match="OD"):
        IBoatDetector().fit([np.array([1, 2], np.uint64)], ["a", "b"])
    with pytest.raises(RuntimeError):
        IBoatDetector().detect([np.array([1], np.uint64)], ["a"])
