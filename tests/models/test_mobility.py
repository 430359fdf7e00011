"""The mobility-embedding engine without QGIS: sequences, the post's four pitfalls (leakage, padding masks, unseen
users, standardised PCA), determinism, persistence, baselines and re-identification."""

import numpy as np
import pytest

from deeptraj.models.core.embeddings import standardized_pca
from deeptraj.models.core.modelfile import ModelFileError
from deeptraj.models.core.progress import Cancelled
from deeptraj.models.mobility.baselines import MarkovBaseline, MostFrequentBaseline
from deeptraj.models.mobility.evaluation import all_cuts, evaluate_next, reidentification
from deeptraj.models.mobility.grid import LocationGrid
from deeptraj.models.mobility.model import MobilityEmbedder
from deeptraj.models.mobility.params import make_params
from deeptraj.models.mobility.sequences import PAD_DOW, PAD_SLOT, MobilityDataError, build_sequences
from deeptraj.models.synthetic.lymob import simulate_lymob

T0 = 1704067200  # 2024-01-01 00:00 UTC, a Monday


def _lymob_sequences(n_users=24, n_days=10, seed=3):
    s = simulate_lymob(n_users=n_users, n_days=n_days, grid_size=60, mask_users=0, seed=seed)
    x, y = (s.x - 0.5) * 500, (s.y - 0.5) * 500
    return build_sequences(s.uid, None, x, y, T0 + s.d * 86400 + s.t * 1800)


def _small(**kw):
    values = dict(d_model=16, n_heads=2, lstm_hidden=16, lstm_layers=1, epochs=2, validation_share=0.25)
    values.update(kw)
    return make_params("fast-cpu", **values)


@pytest.fixture(scope="module")
def seqs():
    return _lymob_sequences()


@pytest.fixture(scope="module")
def model(seqs):
    return MobilityEmbedder(_small(), n_threads=1).fit(seqs)


# ------------------------------------------------------------------------------------------ sequences
def test_build_sequences_groups_user_days_in_local_time_and_resamples():
    # user 7: two points in the same half-hour (only the first is kept), then one an hour later; at UTC+2 the
    # point at 23:00 UTC belongs to the next local day
    t = np.array([T0 + 8 * 3600, T0 + 8 * 3600 + 600, T0 + 9 * 3600 + 60, T0 + 23 * 3600, T0 + 23 * 3600 + 3600])
    x = np.array([0.0, 1.0, 2.0, 3.0, 4.0])
    s = build_sequences(np.full(5, 7), None, x, np.zeros(5), t, tz_offset_s=7200)
    assert list(s.keys) == ["7_2024-01-01", "7_2024-01-02"]
    assert list(s.lengths) == [2, 2] and list(s.x) == [0.0, 2.0, 3.0, 4.0]
    assert list(s.slot) == [20, 22, 2, 4] and list(s.dow) == [0, 0, 1, 1]  # Monday, then Tuesday
    assert list(s.point_sequence) == [0, 0, 0, 1, 1] and list(s.source) == [0, 2, 3, 4]
    # by trajectory, keeping every point
    s2 = build_sequences(
        np.array(["a", "a", "b", "b", "b"]), np.full(5, 7), x, np.zeros(5), t, group_by="trajectory", resample_s=0
    )
    assert list(s2.keys) == ["a", "b"] and list(s2.lengths) == [2, 3] and list(s2.users) == [7, 7]


def test_build_sequences_says_what_to_change_when_nothing_is_left():
    t = T0 + np.arange(4) * 86400  # one point per day
    with pytest.raises(MobilityDataError, match="no user-day has at least 2 records.*group by trajectory"):
        build_sequences(np.zeros(4), None, np.zeros(4), np.zeros(4), t)
    s = build_sequences(
        np.array([1, 1, 2, 2, 2]), None, np.zeros(5), np.zeros(5), T0 + np.array([0, 3600, 0, 86400, 2 * 86400])
    )
    assert len(s) == 1 and s.n_groups == 4 and s.n_short == 3


def test_user_day_codes_follow_first_appearance_without_a_multiindex(monkeypatch):
    """Interleaved users and days get the codes of their (user, day) pairs in order of first appearance, computed
    on int64 codes: a MultiIndex of the pairs cost ~150 bytes a point (2 GB for a week of T-Drive)."""
    import pandas as pd

    from deeptraj.models.mobility import sequences

    def no_multiindex(*args, **kwargs):
        raise AssertionError("user-day codes must not build a MultiIndex of the points")

    monkeypatch.setattr(pd.MultiIndex, "from_arrays", no_multiindex)
    rng = np.random.default_rng(4)
    group = rng.choice(np.array(["u3", "u1", "u2", "u10"]), 400)
    day = rng.integers(19000, 19006, 400)
    codes = sequences._sequence_codes(group, day, "user-day")
    first_seen = {}
    for g, d in zip(group.tolist(), day.tolist()):
        first_seen.setdefault((g, d), len(first_seen))
    assert codes.tolist() == [first_seen[(g, d)] for g, d in zip(group.tolist(), day.tolist())]
    assert sequences._sequence_codes(group, day, "trajectory").tolist() == pd.factorize(group)[0].tolist()


def test_location_grid_keys_classes_and_centres():
    rng = np.random.default_rng(0)
    x, y = rng.uniform(0, 5000, 500), rng.uniform(-3000, 0, 500)
    g = LocationGrid.fit(x, y, 500.0, 10)
    k = g.keys(x, y)
    assert g.n_classes == 11 and set(g.classes(k)) <= set(range(11)) and (g.classes(k) == 0).any()
    c = g.centres(k)
    assert np.all(np.abs(c[:, 0] - x) <= 250 + 1e-9) and np.all(np.abs(c[:, 1] - y) <= 250 + 1e-9)
    assert np.isnan(g.centres([-1])).all()
    g2 = LocationGrid.from_json(g.to_json())
    assert np.array_equal(g2.classes(k), g.classes(k))


# ------------------------------------------------------------------------------------------ pitfalls
def test_the_target_is_never_part_of_the_input(model, seqs):
    """Pitfall 1: the prediction for record k depends on records < k and on the time of record k only."""
    rows, cuts = all_cuts(seqs, np.arange(4))
    before = model.predict_topk(seqs, rows, cuts, k=5)
    for i in range(0, rows.size, 3):
        moved = seqs.subset(np.arange(len(seqs)))
        s0, s1 = moved.offsets[rows[i]] + cuts[i], moved.offsets[rows[i] + 1]
        moved.x[s0:s1] += 1e5  # the target and every later record move far away
        moved.y[s0:s1] -= 7e4
        assert np.array_equal(model.predict_topk(moved, rows[i : i + 1], cuts[i : i + 1], k=5), before[i : i + 1])
        b = model._batch(moved, rows[i : i + 1], cuts[i : i + 1])
        assert not np.isin(model.grid_.keys(moved.x[s0:s1], moved.y[s0:s1]), b["keys"]).any()
    # while the time of the target does matter to the head (where will the user be at that time?)
    moved = seqs.subset(np.arange(len(seqs)))
    tgt = moved.offsets[rows] + cuts
    moved.slot[tgt] = (moved.slot[tgt] + 24) % 48
    assert not np.array_equal(model.predict_topk(moved, rows, cuts, k=5), before)


def test_padding_never_changes_an_embedding(model, seqs):
    """Pitfall 2: an embedding is the same alone, in a batch with longer sequences, and whatever sits in the
    padded positions."""
    short = int(np.argmin(seqs.lengths))
    alone = model.transform(seqs.subset([short]))[0]
    in_batch = model.transform(seqs)[short]
    assert seqs.lengths[short] < seqs.lengths.max()
    assert np.allclose(alone, in_batch, atol=1e-5)
    torch = model._torch
    b = model._batch(seqs, np.arange(len(seqs)))
    pad = torch.arange(b["uv"].shape[1])[None, :] >= b["lengths"][:, None]
    uv = b["uv"].clone()
    uv[pad] = torch.randn(int(pad.sum()), 2) * 100
    with torch.no_grad():
        z1 = model.net_.encode(b["uv"], b["slot"], b["dow"], b["lengths"])
        z2 = model.net_.encode(uv, b["slot"], b["dow"], b["lengths"])
    assert torch.allclose(z1, z2, atol=1e-5)
    # categorical padding has its own index, never a real slot or day
    assert set(b["slot"][pad].tolist()) == {PAD_SLOT} and PAD_SLOT not in set(seqs.slot.tolist())
    assert set(b["dow"][pad].tolist()) == {PAD_DOW}


def test_unseen_users_embed_and_predict(seqs):
    """Pitfall 3: a user id is an embedding (row 0 = unknown) used only by the prediction head; embeddings never
    depend on who the user is."""
    m = MobilityEmbedder(_small(use_user_embedding=True, epochs=1), n_threads=1).fit(seqs)
    assert len(m.users_) == len(m.train_users_) and m.net_.user.num_embeddings == len(m.users_) + 1
    val = seqs.subset(np.isin(seqs.users.astype(str), m.validation_users_))
    renamed = val.subset(np.arange(len(val)))
    renamed.users = np.array([f"stranger{i}" for i in range(len(val))], dtype=object)
    assert (m._user_index(renamed.users) == 0).all()
    assert np.array_equal(m.transform(val), m.transform(renamed))
    rows, cuts = all_cuts(renamed, max_per_sequence=2)
    assert (m.predict_topk(renamed, rows, cuts, 5) >= 0).all()


def test_pca_standardises_and_never_l2_normalises():
    """Pitfall 4: each dimension is scaled to unit variance, rows keep their norms."""
    rng = np.random.default_rng(0)
    emb = rng.normal(size=(200, 8)) * np.array([100, 1, 1, 1, 1, 1, 1, 1.0])
    emb[:100] *= 5  # very different row norms
    xy, ratio = standardized_pca(emb)
    z = (emb - emb.mean(0)) / emb.std(0)
    s = np.linalg.svd(z, compute_uv=False) ** 2
    assert np.allclose(ratio, s / s.sum()) and np.isclose(ratio.sum(), 1.0)
    assert xy.shape == (200, 2) and np.allclose(xy.mean(0), 0, atol=1e-9)
    rownorm = emb / np.linalg.norm(emb, axis=1, keepdims=True)
    assert not np.allclose(standardized_pca(rownorm)[1], ratio)
    # the coordinates are the projections on the two leading principal axes, and the input is left as it was
    _, _, vt = np.linalg.svd(z, full_matrices=False)
    for i in range(2):
        assert np.isclose(abs(np.corrcoef(xy[:, i], z @ vt[i])[0, 1]), 1.0)
    big = rng.normal(size=(2000, 8))  # n > 2 d: the covariance solver
    before = big.copy()
    xy2, _ = standardized_pca(big)
    np.testing.assert_array_equal(big, before)
    assert np.var(xy2[:, 0]) >= np.var(xy2[:, 1])


# ------------------------------------------------------------------------------------------ training
def test_training_beats_the_baselines_on_held_out_users(seqs):
    m = MobilityEmbedder(_small(epochs=4), n_threads=1).fit(seqs)
    h = m.history_
    assert len(h["train_loss"]) >= 2 and len(h["val_loss"]) == len(h["train_loss"]) and h["best_epoch"] >= 1
    val = np.flatnonzero(np.isin(seqs.users.astype(str), m.validation_users_))
    train = seqs.subset(np.setdiff1d(np.arange(len(seqs)), val))
    acc = evaluate_next(m.predict_topk, seqs, m.grid_, val)
    mfl = evaluate_next(MostFrequentBaseline(m.grid_).fit(train).predict_topk, seqs, m.grid_, val)
    assert acc["n_samples"] == int((seqs.lengths[val] - 1).sum())
    assert acc["acc@1"] > mfl["acc@1"] and acc["acc@5"] >= acc["acc@1"]


def test_seeded_training_is_deterministic_and_the_seed_matters(seqs):
    sub = seqs.subset(np.arange(60))
    a = MobilityEmbedder(_small(epochs=1), n_threads=1).fit(sub).transform(sub)
    b = MobilityEmbedder(_small(epochs=1), n_threads=1).fit(sub).transform(sub)
    c = MobilityEmbedder(_small(epochs=1, seed=9), n_threads=1).fit(sub).transform(sub)
    assert np.array_equal(a, b) and not np.allclose(a, c)
    assert a.shape == (60, 32) and a.dtype == np.float32


def test_max_batches_ends_training_inside_an_epoch_and_keeps_the_best_epoch(seqs):
    sub = seqs.subset(np.arange(60))  # 45 training sequences x 2 cuts / 64 = 2 batches per epoch
    logs, prog = [], []
    m = MobilityEmbedder(_small(epochs=10, patience=10, max_batches=5), n_threads=1)
    m.fit(sub, progress=prog.append, log=logs.append)
    h = m.history_
    assert h["batches"] == 5 and len(h["train_loss"]) == 3  # epochs 1-2 whole, the 3rd stopped after 1 batch
    assert any(line.startswith("batch limit: 5 training batches") for line in logs)
    assert prog[-1] == 100.0 and max(prog[:-1]) == 100.0  # the bar is scaled to the limit, not to 10 epochs
    unlimited = MobilityEmbedder(_small(epochs=3, patience=10), n_threads=1).fit(sub)
    assert unlimited.history_["batches"] == 6 and "batch_limit" not in unlimited.history_
    assert make_params("fast-cpu").max_batches == 4000 and make_params("post").max_batches == 0


def test_area_fit_tells_data_from_another_area(model, seqs):
    home = model.area_fit(seqs)
    assert home["known_share"] > 0.5 and not home["elsewhere"]
    away = seqs.subset(np.arange(len(seqs)))
    away.x = away.x + 2_000_000.0  # the same days 2,000 km east
    far = model.area_fit(away)
    assert far["known_share"] == 0.0 and far["elsewhere"] and 1900 < far["median_km"] < 2100


def test_cancel_stops_training(seqs):
    calls = []

    def cancel():
        calls.append(1)
        return len(calls) > 3

    with pytest.raises(Cancelled):
        MobilityEmbedder(_small(epochs=50), n_threads=1).fit(seqs, cancel=cancel)
    assert len(calls) == 4


def test_save_load_round_trip_and_model_file_checks(model, seqs, tmp_path):
    path = str(tmp_path / "m.mobemb")
    model.save(path, extra={"settings": {"group_by": "user-day"}})
    assert [p.name for p in tmp_path.iterdir()] == ["m.mobemb"]  # no temporary file left
    m2 = MobilityEmbedder.load(path)
    assert np.allclose(m2.transform(seqs), model.transform(seqs), atol=1e-6)
    assert m2.extra_["settings"]["group_by"] == "user-day" and m2.norm_ == model.norm_
    from deeptraj.models.core.modelfile import save_model

    other = str(tmp_path / "other.pt")
    save_model(other, {"algorithm": "e2dtc", "version": 1}, {})
    with pytest.raises(ModelFileError, match="not a mobility-embedding one"):
        MobilityEmbedder.load(other)
    with pytest.raises(ModelFileError, match="not found"):
        MobilityEmbedder.load(str(tmp_path / "missing.mobemb"))


def test_one_sequence_is_not_enough_to_train(seqs):
    with pytest.raises(MobilityDataError, match="at least 2 sequences"):
        MobilityEmbedder(_small(), n_threads=1).fit(seqs.subset([0]))


# ------------------------------------------------------------------------------------------ baselines
def _toy():
    """Two users, each alternating home -> work -> home on 3 days (cells 500 m apart)."""
    x = {"u": [0, 0, 5000, 5000, 0], "v": [9000, 9000, 2000, 9000, 9000]}
    grp, xs, ts = [], [], []
    for day in range(3):
        for u in ("u", "v"):
            for i, v in enumerate(x[u]):
                grp.append(u)
                xs.append(v)
                ts.append(T0 + day * 86400 + 3600 * (7 + 2 * i))
    return build_sequences(np.array(grp), None, np.array(xs, float), np.zeros(len(xs)), np.array(ts))


def test_most_frequent_and_markov_baselines():
    s = _toy()
    g = LocationGrid.fit(s.x, s.y, 500.0, 100)
    mfl = MostFrequentBaseline(g).fit(s)
    home_u, work_u = g.keys([0, 5000], [0, 0])
    # after home, home, work: home is the most frequent so far
    assert mfl.predict_topk(s, [0], [3], k=2)[0, 0] == home_u
    mk = MarkovBaseline(g).fit(s)
    # after work the chain says home (and never a transition across two sequences)
    assert mk.predict_topk(s, [0], [3], k=1)[0, 0] == home_u
    assert work_u in mk.next_[int(home_u)]
    f = mfl.features(s)
    assert f.shape[0] == len(s) and f.sum() == s.n_records
    # bags of cells re-identify the two users perfectly
    r = reidentification(f, s.users)
    assert r["top1"] == 1.0 and r["n_queries"] == 6 and np.isclose(r["chance_top1"], 2 / 5)
    r2 = reidentification(mk.features(s), s.users)
    assert r2["top1"] == 1.0


def test_reidentification_on_dense_features():
    rng = np.random.default_rng(0)
    users = np.repeat(np.arange(10), 4)
    centres = rng.normal(size=(10, 16)) * 5
    emb = centres[users] + rng.normal(size=(40, 16))
    r = reidentification(emb, users)
    assert r["top1"] > 0.9 and r["top5"] >= r["top1"] and r["n_queries"] == 40
    noise = reidentification(rng.normal(size=(40, 16)), users)
    assert noise["top1"] < 0.5
