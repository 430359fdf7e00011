"""Downstream tasks of trajectory representation learning (models/trajtasks.py) without QGIS: task rows, splits,
metrics against hand-computed values, the linear-head trainer on any encoder (fine-tuned or frozen, deep copy,
determinism, cancel) and the two baselines on synthetic trajectories whose targets follow from their routes."""

import math

import numpy as np
import pytest

from deeptraj.models.core.progress import Cancelled
from deeptraj.models.core.units import N_MINUTES, N_SPECIAL, UnitSequences, clock_features
from deeptraj.models.metatrl import taskmetrics as TM
from deeptraj.models.metatrl import tasks as T
from deeptraj.models.metatrl.baseline import RawFeatureBaseline
from deeptraj.models.metatrl.taskfit import fit_task

torch = pytest.importorskip("torch")
from deeptraj.models.metatrl.tasks_net import GRUBaseline  # noqa: E402 (needs torch)

torch.set_num_threads(1)

N_ROUTES = 8


def _make_seqs(units_list, times_list, tz=0):
    lens = [len(u) for u in units_list]
    return UnitSequences(
        ids=np.arange(len(units_list)),
        offsets=np.concatenate([[0], np.cumsum(lens)]),
        units=np.concatenate([np.asarray(u, np.int64) for u in units_list]) if units_list else [],
        times=np.concatenate([np.asarray(t, np.int64) for t in times_list]) if times_list else [],
        tz_offset_s=tz,
    )


def _routes():
    """Eight routes from two origins: a shared 4-unit prefix per origin, then a body of its own (4 to 11 units)
    that ends at the route's destination."""
    routes, nxt = [], 8
    for r in range(N_ROUTES):
        prefix = list(range(0, 4)) if r % 2 == 0 else list(range(4, 8))
        body = list(range(nxt, nxt + 4 + r))
        nxt += len(body)
        routes.append(prefix + body)
    return routes, nxt


@pytest.fixture(scope="module")
def sample():
    """400 trajectories along the routes (starting at the first or second unit), about one minute per unit."""
    rng = np.random.default_rng(5)
    routes, n_units = _routes()
    units, times, route_of = [], [], []
    for _ in range(400):
        r = int(rng.integers(N_ROUTES))
        u = routes[r][int(rng.integers(2)) :]
        t0 = 1_700_000_000 + int(rng.integers(0, 7 * 86400))
        dt = rng.uniform(48, 72, size=len(u) - 1)
        units.append(u)
        times.append(t0 + np.concatenate([[0], np.cumsum(dt)]).astype(np.int64))
        route_of.append(r)
    return _make_seqs(units, times, tz=3600), n_units, np.array(route_of)


class ToyEncoder(torch.nn.Module):
    """Unit embedding + mean pooling over the real units: the smallest encoder with the MetaTRL interface."""

    def __init__(self, n_units, d_model=16):
        super().__init__()
        self.d_model = d_model
        self.emb = torch.nn.Embedding(n_units + N_SPECIAL, d_model, padding_idx=0)

    def forward(self, batch):
        m = (~batch["pad"]).float().unsqueeze(-1)
        return (self.emb(batch["tokens"]) * m).sum(1) / m.sum(1).clamp(min=1.0)


def _splits(data, seed=0):
    tr, te = T.split(len(data), 0.8, seed=seed, stratify=data.stratify_labels())
    fit, val = T.validation_split(tr, 0.1, seed=seed, stratify=data.stratify_labels())
    return fit, val, te


def _fit_gru(seqs, data, fit, val, n_units, unit_dim=32, seed=1):
    """The GRU baseline trained the same way for every task test: 12 epochs, batches of 32, lr 5e-3, patience 4."""
    return fit_task(
        lambda: GRUBaseline(n_units, d_model=32, unit_dim=unit_dim, time_dim=4),
        seqs,
        data,
        fit,
        val,
        epochs=12,
        batch_size=32,
        lr=5e-3,
        encoder_lr=5e-3,
        patience=4,
        device="cpu",
        seed=seed,
    )


# ------------------------------------------------------------------------------------------ task rows
def test_destination_rows_hide_the_tail_and_target_the_last_unit():
    seqs = _make_seqs(
        [[5], [1, 2], [0, 1, 2, 3, 4], list(range(10))], [[0], [0, 60], np.arange(5) * 60, np.arange(10) * 60]
    )
    d = T.task_inputs(seqs, "destination")
    np.testing.assert_array_equal(d.index, [2, 3])
    np.testing.assert_array_equal(d.keep, [4, 8])  # 20 % of 5 -> 1, of 10 -> 2 units hidden
    np.testing.assert_array_equal(d.y, [4, 9])
    assert d.time_visible == "all" and d.classes == 10 and d.n_classes == 10
    assert d.dropped["too_short"] == 2
    d0 = T.task_inputs(seqs, "destination", tail_share=0.0, min_units=1)  # at least one hidden, two units needed
    np.testing.assert_array_equal(d0.index, [1, 2, 3])
    np.testing.assert_array_equal(d0.keep, [1, 4, 9])
    assert T.task_inputs(seqs, "destination", n_units=50).n_classes == 50
    with pytest.raises(ValueError, match="n_units"):
        T.task_inputs(seqs, "destination", n_units=5)


def test_destination_rows_with_a_predict_length_target_each_hidden_unit():
    """The MetaTRL authors' protocol: all but the last k units visible, each of the k a target."""
    seqs = _make_seqs(
        [[5, 6, 7], [1, 2, 3, 4], list(range(10))], [np.arange(3) * 60, np.arange(4) * 60, np.arange(10) * 60]
    )
    d = T.task_inputs(seqs, "destination", predict_length=3)
    np.testing.assert_array_equal(d.index, [1, 2])  # 3 units: nothing left to see
    np.testing.assert_array_equal(d.keep, [1, 7])
    np.testing.assert_array_equal(d.y, [[2, 3, 4], [7, 8, 9]])
    assert d.n_targets == 3 and d.n_classes == 10 and d.dropped["too_short"] == 1
    one = T.task_inputs(seqs, "destination", predict_length=1)
    np.testing.assert_array_equal(one.y, [[7], [4], [9]])
    np.testing.assert_array_equal(one.keep, [2, 3, 9])
    assert one.n_targets == 1 and T.task_inputs(seqs, "destination").n_targets == 1
    with pytest.raises(ValueError, match="predict_length is a setting of destination prediction"):
        T.task_inputs(seqs, "travel_time", predict_length=2)
    with pytest.raises(ValueError, match="predict_length must be 0"):
        T.task_inputs(seqs, "destination", predict_length=-1)


def test_travel_time_rows_show_only_the_departure():
    seqs = _make_seqs([[0, 1, 2], [3, 4, 5, 6], [1, 2, 3]], [[0, 90, 300], [100, 200, 300, 400], [50, 50, 50]])
    d = T.task_inputs(seqs, "travel_time")
    np.testing.assert_array_equal(d.index, [0, 1])
    np.testing.assert_allclose(d.y, [5.0, 5.0])
    np.testing.assert_array_equal(d.keep, [3, 4])
    assert d.time_visible == "first" and d.dropped["zero_duration"] == 1 and d.n_classes == 0


def test_task_batch_leaks_no_arrival_time():
    rng = np.random.default_rng(0)
    units = [list(range(12)), list(range(5))]
    times = [1_700_000_000 + np.cumsum(rng.integers(30, 90, 12)), 1_700_100_000 + np.cumsum(rng.integers(30, 90, 5))]
    seqs = _make_seqs(units, times, tz=3600)
    d = T.task_inputs(seqs, "travel_time")
    b = T.task_batch(seqs, d, np.arange(2), max_len=6)
    assert (b["elapsed"] == 0).all() and (b["delta"] == 0).all()
    minute, _ = clock_features(np.array([times[0][0], times[1][0]]), 3600)
    np.testing.assert_array_equal(b["minute"][:, 0], minute)  # the real departure, also for the cut sequence
    assert (b["minute"][:, 1:] == N_MINUTES).all()
    np.testing.assert_array_equal(b["tokens"][0], np.arange(6, 12) + N_SPECIAL)


def test_classification_rows_labels_and_errors():
    seqs = _make_seqs([[0, 1, 2]] * 6 + [[0, 1]], [[0, 60, 120]] * 6 + [[0, 60]])
    labels = ["car", None, float("nan"), " ", "bus", "car", "taxi"]
    d = T.task_inputs(seqs, "classification", labels)
    np.testing.assert_array_equal(d.index, [0, 4, 5])
    assert list(d.classes) == ["bus", "car"]
    np.testing.assert_array_equal(d.y, [1, 0, 1])
    assert d.dropped == {"too_short": 1, "missing_label": 3}
    assert list(T.task_inputs(seqs, "classification", [3, 1, 2, 1, 3, 2, 2]).classes) == [1, 2, 3]
    with pytest.raises(T.TaskDataError, match=r"only one class \('car'\).*at least two"):
        T.task_inputs(seqs, "classification", ["car", None, "car", "", None, "car", "bus"])
    with pytest.raises(T.TaskDataError, match="label field"):
        T.task_inputs(seqs, "classification")
    with pytest.raises(T.TaskDataError, match="no trajectory is usable.*units"):
        T.task_inputs(seqs, "classification", ["a", "b"] * 3 + ["c"], min_units=9)
    with pytest.raises(ValueError, match="one label per trajectory"):
        T.task_inputs(seqs, "classification", ["a", "b"])
    with pytest.raises(ValueError, match="unknown task"):
        T.task_inputs(seqs, "eta")


def test_splits_are_deterministic_disjoint_and_stratified():
    strat = np.repeat([0, 1, 2], [50, 30, 20])
    tr, te = T.split(100, 0.8, seed=3, stratify=strat)
    tr2, te2 = T.split(100, 0.8, seed=3, stratify=strat)
    np.testing.assert_array_equal(tr, tr2)
    np.testing.assert_array_equal(te, te2)
    assert np.intersect1d(tr, te).size == 0 and np.union1d(tr, te).size == 100
    assert [int((strat[tr] == c).sum()) for c in range(3)] == [40, 24, 16]
    assert not np.array_equal(T.split(100, 0.8, seed=4)[0], T.split(100, 0.8, seed=3)[0])
    fit, val = T.validation_split(tr, 0.1, seed=3)
    assert val.size == 8 and np.intersect1d(fit, val).size == 0 and np.union1d(fit, val).size == tr.size
    assert T.validation_split(tr[:5])[1].size == 0
    with pytest.raises(T.TaskDataError):
        T.split(1, 0.8)


# --------------------------------------------------------------------------------------------- metrics
def test_destination_metrics_by_hand():
    s = np.zeros((4, 7))
    s[0, 0] = 1.0  # true 0, predicted 0
    s[1, [0, 1]] = [0.9, 0.8]  # true 1, predicted 0, second
    s[2, :] = [0.9, 0.8, 0.1, 0.7, 0.6, 0.5, 0.4]  # true 2 ranks 7th, predicted 0
    s[3, 3] = 1.0  # true 3, predicted 3
    m = TM.destination_metrics([0, 1, 2, 3], s)
    assert m["micro_f1"] == pytest.approx(0.5)
    # classes {0, 1, 2, 3}: F1 0.5 (P 1/3, R 1), 0, 0, 1
    assert m["macro_f1"] == pytest.approx(0.375)
    assert m["recall_at_5"] == pytest.approx(0.75)
    ties = np.zeros((2, 7))  # all tied: the lower class indices rank first
    assert TM.destination_metrics([2, 6], ties)["recall_at_5"] == pytest.approx(0.5)


def test_destination_metrics_pool_the_predicted_positions():
    s = np.zeros((2, 2, 7))
    s[0, 0, 1] = s[0, 1, 2] = 1.0  # row 0: both positions right
    s[1, 0, 3] = s[1, 1, 0] = 1.0  # row 1: first right, second wrong (true 5)
    m = TM.destination_metrics([[1, 2], [3, 5]], s)
    flat = TM.destination_metrics([1, 2, 3, 5], s.reshape(4, 7))
    assert m == flat and m["micro_f1"] == pytest.approx(0.75) and m["n"] == 4
    last_y, last_s, right = TM.destination_rows([[1, 2], [3, 5]], s)
    assert last_y.tolist() == [2, 5] and right.tolist() == [2, 1] and np.array_equal(last_s, s[:, 1])
    one_y, one_s, none = TM.destination_rows([1, 3], s[:, 0])
    assert one_y.tolist() == [1, 3] and one_s.shape == (2, 7) and none is None


def test_regression_metrics_mape_skips_zero_targets():
    m = TM.regression_metrics([0.0, 10.0, 20.0], [1.0, 12.0, 17.0])
    assert m["mae"] == pytest.approx(2.0)
    assert m["mape"] == pytest.approx((0.2 + 0.15) / 2)
    assert m["rmse"] == pytest.approx(math.sqrt(14 / 3))
    assert math.isnan(TM.regression_metrics([0.0], [1.0])["mape"])


def test_classification_metrics_binary_and_multi():
    p1 = np.array([0.2, 0.9, 0.4, 0.6])
    m = TM.classification_metrics([0, 1, 1, 0], np.column_stack([1 - p1, p1]))
    assert m["accuracy"] == pytest.approx(0.5) and m["f1"] == pytest.approx(0.5)
    assert m["auc"] == pytest.approx(0.75) and "recall_at_5" not in m
    m3 = TM.classification_metrics([0, 1, 2], np.eye(3))
    assert m3["accuracy"] == 1.0 and m3["macro_f1"] == 1.0 and "recall_at_5" not in m3 and "auc" not in m3
    s6 = np.tile(np.arange(6, 0, -1, dtype=float), (2, 1))  # class 0 highest ... class 5 lowest
    m6 = TM.classification_metrics([4, 5], s6)
    assert m6["recall_at_5"] == pytest.approx(0.5) and m6["micro_f1"] == 0.0


# --------------------------------------------------------------------------------------------- trainer
def test_gru_baseline_predicts_the_destination_of_the_route(sample):
    seqs, n_units, _ = sample
    data = T.task_inputs(seqs, "destination", n_units=n_units)
    fit, val, te = _splits(data)
    model = _fit_gru(seqs, data, fit, val, n_units)
    m = model.evaluate(seqs, data, te)
    assert m["micro_f1"] > 0.9 and m["recall_at_5"] > 0.95, m
    assert len(model.history["train_loss"]) == len(model.history["val_loss"]) >= 1
    assert model.history["train_loss"][-1] < model.history["train_loss"][0]
    assert 0 <= model.best_epoch < len(model.history["val_loss"])
    assert model.predict(seqs, data, te[:3]).shape == (3, n_units)

    base = RawFeatureBaseline().fit(seqs, data, fit)
    mb = base.evaluate(seqs, data, te)
    assert mb["micro_f1"] > 0.9, mb  # the last visible unit names the route here
    assert base.predict(seqs, data, te[:2]).shape == (2, n_units)


def test_predicting_several_tail_units_learns_each_position(sample):
    """predict_length 3 on the routes: the hidden units follow from the visible part (the route), and a head of
    3 x units outputs learns them with the GRU, as the raw baseline does with one regression per position."""
    seqs, n_units, _ = sample
    data = T.task_inputs(seqs, "destination", n_units=n_units, predict_length=3)
    fit, val, te = _splits(data)
    model = _fit_gru(seqs, data, fit, val, n_units)
    p = model.predict(seqs, data, te)
    assert p.shape == (te.size, 3, n_units) and np.allclose(p.sum(axis=-1), 1.0, atol=1e-4)
    m = model.evaluate(seqs, data, te)
    assert m["n"] == 3 * te.size and m["micro_f1"] > 0.9, m
    # each position is learnt, not only the most frequent unit of the tail
    assert all((p[:, j].argmax(-1) == data.y[te, j]).mean() > 0.85 for j in range(3))
    base = RawFeatureBaseline().fit(seqs, data, fit)
    assert base.predict(seqs, data, te[:2]).shape == (2, 3, n_units)
    assert base.evaluate(seqs, data, te)["micro_f1"] > 0.9


def test_travel_time_follows_the_route_length(sample):
    seqs, n_units, _ = sample
    data = T.task_inputs(seqs, "travel_time")
    fit, val, te = _splits(data)
    naive = TM.regression_metrics(data.y[te], np.full(te.size, data.y[fit].mean()))
    model = _fit_gru(seqs, data, fit, val, n_units, unit_dim=16, seed=2)
    m = model.evaluate(seqs, data, te)
    assert m["mae"] < 0.35 * naive["mae"], (m, naive)
    pred = model.predict(seqs, data, te)
    assert pred.shape == (te.size,) and abs(pred.mean() - data.y[te].mean()) < 1.0  # minutes, not standardised
    mb = RawFeatureBaseline().fit(seqs, data, fit).evaluate(seqs, data, te)
    assert mb["mae"] < 0.35 * naive["mae"] and mb["mape"] < 0.1, (mb, naive)


def test_classification_with_a_frozen_toy_encoder_and_the_raw_baseline(sample):
    seqs, n_units, route = sample
    labels = np.array([f"route {r}" for r in route], object)
    data = T.task_inputs(seqs, "classification", labels)
    assert data.n_classes == N_ROUTES
    fit, val, te = _splits(data)
    enc = ToyEncoder(n_units, 16)
    model = fit_task(enc, seqs, data, fit, val, fine_tune=False, lr=2e-2, epochs=150, patience=10, device="cpu", seed=0)
    m = model.evaluate(seqs, data, te)
    assert m["accuracy"] > 0.6 and "recall_at_5" in m, m
    mb = RawFeatureBaseline().fit(seqs, data, fit).evaluate(seqs, data, te)
    assert mb["accuracy"] > 0.9, mb
    binary = T.task_inputs(seqs, "classification", np.where(route % 2 == 0, "east", "west"))
    fb, vb, tb = _splits(binary)
    mbin = RawFeatureBaseline().fit(seqs, binary, fb).evaluate(seqs, binary, tb)
    assert mbin["accuracy"] == 1.0 and mbin["auc"] == 1.0 and mbin["f1"] == 1.0


def _params(module):
    return {k: v.detach().clone() for k, v in module.state_dict().items()}


def test_frozen_keeps_the_encoder_and_fine_tuning_works_on_a_copy(sample):
    seqs, n_units, _ = sample
    data = T.task_inputs(seqs, "destination", n_units=n_units)
    fit, val, te = _splits(data)
    torch.manual_seed(0)
    enc = ToyEncoder(n_units)
    before = _params(enc)
    frozen = fit_task(enc, seqs, data, fit, val, fine_tune=False, epochs=5, device="cpu")
    for k, v in _params(frozen.encoder).items():
        assert torch.equal(v, before[k])
    assert frozen.encoder is not enc
    tuned = fit_task(enc, seqs, data, fit, val, fine_tune=True, epochs=2, encoder_lr=1e-2, device="cpu")
    for k, v in _params(enc).items():
        assert torch.equal(v, before[k])  # the caller's encoder is untouched
    assert enc.training and all(p.requires_grad for p in enc.parameters())
    assert any(not torch.equal(v, before[k]) for k, v in _params(tuned.encoder).items())
    assert tuned.encoder is not enc


def test_training_is_deterministic_in_the_seed(sample):
    seqs, n_units, _ = sample
    data = T.task_inputs(seqs, "travel_time")
    fit, val, te = _splits(data)

    def run(seed):
        m = fit_task(
            lambda: ToyEncoder(n_units, 8), seqs, data, fit, val, epochs=2, encoder_lr=1e-2, device="cpu", seed=seed
        )
        return m.history["train_loss"], m.predict(seqs, data, te)

    (h1, p1), (h2, p2), (_, p3) = run(4), run(4), run(5)
    assert h1 == h2
    np.testing.assert_array_equal(p1, p2)
    assert not np.array_equal(p1, p3)


def test_cancel_stops_training(sample):
    seqs, n_units, _ = sample
    data = T.task_inputs(seqs, "destination", n_units=n_units)
    fit, val, _ = _splits(data)
    calls = {"n": 0}

    def cancel():
        calls["n"] += 1
        return calls["n"] > 3

    with pytest.raises(Cancelled):
        fit_task(ToyEncoder(n_units), seqs, data, fit, val, epochs=50, device="cpu", cancel=cancel)
    assert calls["n"] == 4
    with pytest.raises(Cancelled):
        fit_task(ToyEncoder(n_units), seqs, data, fit, val, fine_tune=False, device="cpu", cancel=lambda: True)


def test_progress_reaches_100_and_model_refuses_another_task(sample):
    seqs, n_units, _ = sample
    data = T.task_inputs(seqs, "destination", n_units=n_units)
    fit, val, te = _splits(data)
    seen = []
    model = fit_task(
        ToyEncoder(n_units), seqs, data, fit, val, fine_tune=False, epochs=3, device="cpu", progress=seen.append
    )
    assert seen[-1] == 100.0 and all(b >= a for a, b in zip(seen, seen[1:]))
    with pytest.raises(ValueError, match="destination prediction"):
        model.predict(seqs, T.task_inputs(seqs, "travel_time"))
