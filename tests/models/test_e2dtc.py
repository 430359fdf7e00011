"""E2DTC engine (models/e2dtc.py) without QGIS: clusters of the simulated sample, persistence, determinism, the
pieces of the method (target distribution, augmentation, order of embeddings) and bad input."""

import numpy as np
import pytest

from deeptraj.models.core.discretize import EOS, GridDiscretizer
from deeptraj.models.core.metrics import clustering_scores, encode_labels, unsupervised_accuracy
from deeptraj.models.core.modelfile import ModelFileError
from deeptraj.models.core.progress import Cancelled
from deeptraj.models.e2dtc.model import E2DTC, elbow_k
from deeptraj.models.e2dtc.params import make_params
from deeptraj.models.e2dtc.sequences import _Augmenter, _knn_tables, _pad, _scales
from deeptraj.models.synthetic import simulate as S


@pytest.fixture(scope="module")
def sample():
    sim = S.simulate_trajectories(n_trajectories=240, n_od_pairs=5, seed=11)
    disc = GridDiscretizer(cell_size=200)
    seqs = disc.fit_transform(sim.trajs)
    return seqs, sim.od_id, disc.vocab_


def _params(**kw):
    base = dict(n_clusters=5, seed=3, pretrain_epochs=4, selftrain_epochs=3, batch_size=64)
    base.update(kw)
    return make_params("fast-cpu", **base)


@pytest.fixture(scope="module")
def trained(sample):
    seqs, _, vocab = sample
    return E2DTC(_params(), n_threads=2).fit(seqs, vocab)


def test_recovers_the_route_clusters_of_the_simulated_sample(sample, trained):
    _, od, _ = sample
    chance = np.bincount(od).max() / od.size
    scores = clustering_scores(od, trained.labels_)
    assert scores["UACC"] > max(0.85, chance + 0.5), scores
    assert scores["NMI"] > 0.75, scores
    assert len(trained.history_["pretrain_loss"]) == 4 and len(trained.history_["selftrain"]) >= 1
    assert trained.history_["pretrain_loss"][-1] < trained.history_["pretrain_loss"][0]
    assert all("active_triplets" in e for e in trained.history_["selftrain"])  # the report plots the share


def test_predict_matches_training_assignments_and_confidence_is_a_distribution(sample, trained):
    seqs, _, _ = sample
    q = trained.predict_proba(seqs)
    assert q.shape == (len(seqs), 5)
    np.testing.assert_allclose(q.sum(axis=1), 1.0, rtol=1e-5)
    np.testing.assert_array_equal(q.argmax(axis=1), trained.labels_)
    np.testing.assert_allclose(trained.proba_, q, atol=1e-6)
    np.testing.assert_array_equal(trained.predict(seqs), trained.labels_)


def test_save_load_round_trip_and_no_pickle(sample, trained, tmp_path):
    import torch

    seqs, _, vocab = sample
    path = tmp_path / "m.e2dtc"
    trained.save(str(path), extra={"traj_id_field": "traj_id"})
    assert not list(tmp_path.glob("*.tmp-*"))  # written atomically
    payload = torch.load(str(path), weights_only=True)  # plain tensors and a JSON string
    assert set(payload) == {"meta", "state"}
    loaded = E2DTC.load(str(path))
    np.testing.assert_array_equal(loaded.predict(seqs), trained.labels_)
    assert loaded.params == trained.params and loaded.vocab_.size == vocab.size
    assert loaded.extra_ == {"traj_id_field": "traj_id"}


def test_version_1_file_keeps_its_last_state_readout(sample, trained, tmp_path):
    """Files written before the mean readout existed load with the final hidden state as trajectory vector."""
    import json

    import torch

    seqs, _, _ = sample
    trained.save(str(tmp_path / "m.e2dtc"))
    payload = torch.load(str(tmp_path / "m.e2dtc"), weights_only=True)
    meta = json.loads(payload["meta"])
    meta["version"] = 1
    for key in ("readout", "skipgram_epochs", "skipgram_window", "freeze_cell_vectors", "full_softmax"):
        meta["params"].pop(key)
    torch.save({"meta": json.dumps(meta), "state": payload["state"]}, tmp_path / "v1.e2dtc")
    old = E2DTC.load(str(tmp_path / "v1.e2dtc"))
    assert old.params.readout == "last" and trained.params.readout == "mean"
    assert old.params.full_softmax is False and trained.params.full_softmax is True  # how each was trained
    z_old, z_new = old.transform(seqs), trained.transform(seqs)
    assert z_old.shape == z_new.shape and not np.allclose(z_old, z_new)


def test_reconstruction_softmax_runs_over_the_whole_vocabulary(sample, trained):
    """Eq. 8: the log-probabilities of the target's K nearest cells come from a softmax over every cell, so a cell far
    from all targets still costs loss when the decoder favours it; the K-only variant never sees that cell."""
    import copy

    import torch

    seqs, _, vocab = sample
    batch = [seqs.sequence(i) for i in range(32)]
    model = copy.deepcopy(trained)
    model._set_tables(torch)
    h = torch.from_numpy(model.transform(batch)).unsqueeze(0).expand(model.params.num_layers, -1, -1)
    near = set(model._nbr_t[torch.from_numpy(np.concatenate(batch + [np.array([EOS])]))].flatten().tolist())
    far = next(t for t in range(4, vocab.size) if t not in near)

    def losses():
        out = {}
        with torch.no_grad():
            for full in (True, False):
                model.params.full_softmax = full
                out[full] = float(model._recon_loss(torch, h, batch))
        return out

    before = losses()
    assert before[True] > before[False] > 0  # the whole vocabulary's denominator is the larger one
    with torch.no_grad():
        model.net_.out.bias[far] += 20.0
    after = losses()
    assert after[True] > before[True] + 1.0
    assert after[False] == pytest.approx(before[False], abs=1e-6)


def test_extra_sequences_join_the_pre_training_only(sample):
    """extra_sequences are learned from (the model rebuilds them better) but not clustered; the cluster count is
    checked against the clustered set alone."""
    import torch

    seqs, _, vocab = sample
    all_seqs = [seqs.sequence(i) for i in range(len(seqs))]
    mine, extra = all_seqs[:30], all_seqs[30:]
    small = dict(pretrain_epochs=2, selftrain_epochs=1)
    alone = E2DTC(_params(**small), n_threads=2).fit(mine, vocab)
    more = E2DTC(_params(**small), n_threads=2).fit(mine, vocab, extra_sequences=extra)
    assert more.labels_.shape == (30,) and more.proba_.shape == (30, 5)
    assert more.history_["n_pretrain"] == len(all_seqs) and alone.history_["n_pretrain"] == 30

    def rebuild_loss(model):
        model.net_.eval()
        with torch.no_grad():
            mat, lens = _pad(extra)
            _, h = model.net_.encode(torch.from_numpy(mat), torch.from_numpy(lens))
            return float(model._recon_loss(torch, h, extra))

    assert rebuild_loss(more) < rebuild_loss(alone) - 0.1  # measured 4.63 against 5.34
    with pytest.raises(ValueError, match="larger than the number of trajectories \\(3\\)"):
        E2DTC(_params(**small)).fit(mine[:3], vocab, extra_sequences=extra)


def test_skipgram_initialises_and_freezes_the_cell_vectors(sample):
    seqs, _, vocab = sample
    frozen = E2DTC(_params(pretrain_epochs=1, selftrain_epochs=0), n_threads=2).fit(seqs, vocab)
    assert not frozen.net_.embed.weight.requires_grad
    w = frozen.net_.embed.weight.detach().numpy()
    assert np.allclose(w[0], 0)  # PAD stays 0
    assert np.allclose(w[4:].mean(axis=0), 0, atol=1e-5) and 0.3 < w[4:].std() <= 1.0  # centred, rescaled
    with pytest.raises(ValueError, match="readout"):
        make_params("fast-cpu", readout="max")


def test_foreign_corrupt_and_other_algorithm_files_are_refused(trained, tmp_path):
    import json

    import torch

    (tmp_path / "junk.bin").write_bytes(b"\x00garbage" * 10)
    with pytest.raises(ModelFileError, match="not a DeepTraj model"):
        E2DTC.load(str(tmp_path / "junk.bin"))
    with pytest.raises(ModelFileError, match="not found"):
        E2DTC.load(str(tmp_path / "missing.e2dtc"))
    torch.save({"meta": json.dumps({"algorithm": "crotad", "version": 1}), "state": {}}, tmp_path / "other.pt")
    with pytest.raises(ModelFileError, match="'crotad' model, not an E2DTC"):
        E2DTC.load(str(tmp_path / "other.pt"))
    torch.save({"meta": json.dumps({"algorithm": "e2dtc", "version": 99}), "state": {}}, tmp_path / "new.pt")
    with pytest.raises(ModelFileError, match="newer DeepTraj"):
        E2DTC.load(str(tmp_path / "new.pt"))


def test_same_seed_same_model_other_seed_other_model(sample):
    seqs, _, vocab = sample
    small = dict(pretrain_epochs=1, selftrain_epochs=1)
    a = E2DTC(_params(**small), n_threads=2).fit(seqs, vocab)
    b = E2DTC(_params(**small), n_threads=2).fit(seqs, vocab)
    c = E2DTC(_params(seed=4, **small), n_threads=2).fit(seqs, vocab)
    # equal up to float rounding (multi-threaded CPU reductions may sum in another order)
    np.testing.assert_allclose(a.transform(seqs), b.transform(seqs), atol=1e-5)
    np.testing.assert_array_equal(a.labels_, b.labels_)
    assert not np.allclose(a.transform(seqs), c.transform(seqs))


def test_cancel_stops_training(sample):
    seqs, _, vocab = sample
    calls = []

    def cancel():
        calls.append(1)
        return len(calls) > 3

    with pytest.raises(Cancelled):
        E2DTC(_params(), n_threads=2).fit(seqs, vocab, cancel=cancel)
    assert len(calls) == 4


def test_embeddings_come_back_in_input_order_whatever_the_lengths(sample, trained):
    """Batches of mixed lengths (packed, sorted inside torch) must not permute rows: the KL targets and the
    assignments are indexed by trajectory."""
    seqs, _, _ = sample
    pick = [seqs.sequence(i) for i in (5, 17, 2, 40)]
    together = trained.transform(pick)
    alone = np.concatenate([trained.transform([s]) for s in pick])
    np.testing.assert_allclose(together, alone, atol=1e-5)
    assert len({s.size for s in pick}) > 1


def test_target_distribution_sharpens_and_is_normalised():
    q = np.array([[0.6, 0.4], [0.5, 0.5], [0.2, 0.8]])
    p = E2DTC.target_distribution(q)
    np.testing.assert_allclose(p.sum(axis=1), 1.0)
    assert p[0, 0] > q[0, 0] and p[2, 1] > q[2, 1]


def test_augmentation_keeps_ends_and_moves_only_to_near_cells(sample):
    _, _, vocab = sample
    p = make_params("fast-cpu")
    nbr, w, move = _knn_tables(vocab, p.knn_k, *_scales(vocab, p))
    np.testing.assert_allclose(w.sum(axis=1), 1.0, rtol=1e-5)
    assert nbr[EOS, 0] == EOS and w[EOS, 0] == pytest.approx(1.0)
    aug = _Augmenter(p, nbr, move)
    rng = np.random.default_rng(0)
    seq = np.arange(4, 4 + 30)
    dropped = aug(seq, rng, r1=0.6, r2=0.0)
    assert dropped[0] == seq[0] and dropped[-1] == seq[-1] and 2 <= dropped.size < seq.size
    moved = aug(seq, rng, r1=0.0, r2=1.0)
    assert moved.size == seq.size and np.all(moved != seq)
    assert all(m in nbr[s] for s, m in zip(seq, moved))


def test_elbow_finds_the_number_of_blobs():
    from sklearn.datasets import make_blobs

    x, _ = make_blobs(n_samples=600, centers=5, cluster_std=0.4, random_state=0)
    k, curve = elbow_k(x.astype(np.float32), k_values=range(2, 12))
    assert k == 5 and len(curve) == 10


def test_metrics_hungarian_accuracy():
    assert unsupervised_accuracy([0, 0, 1, 1, 2], [2, 2, 0, 0, 1]) == 1.0
    assert unsupervised_accuracy([0, 0, 1, 1], [0, 1, 0, 1]) == 0.5


def test_ground_truth_labels_leave_out_null_and_unassigned():
    codes, keep = encode_labels([3, None, -1, 3, float("nan"), "NULL", 7, "a"])
    assert keep.tolist() == [True, False, False, True, False, False, True, True]
    assert codes[0] == codes[3] and len({codes[0], codes[6], codes[7]}) == 3 and (codes[~keep] == -1).all()


def test_bad_input_gives_clear_errors(sample):
    seqs, _, vocab = sample
    model = E2DTC(_params(pretrain_epochs=1, selftrain_epochs=1))
    few = [seqs.sequence(i) for i in range(3)]
    with pytest.raises(ValueError, match="larger than the number of trajectories"):
        model.fit(few, vocab)
    with pytest.raises(ValueError, match="at least 2"):
        model.fit(seqs, vocab, n_clusters=1)
    one_cell = [np.array([7]), np.array([7]), np.array([7])]
    with pytest.raises(ValueError, match="same cell sequence"):
        E2DTC(_params(n_clusters=2)).fit(one_cell, vocab)
    with pytest.raises(ValueError, match="outside the model's vocabulary"):
        model.fit([np.array([4, 5]), np.array([vocab.size + 3])], vocab, n_clusters=2)
    with pytest.raises(ValueError, match="no token"):
        model.fit([np.array([4, 5]), np.array([], np.int64)], vocab, n_clusters=2)
    with pytest.raises(RuntimeError, match="not trained"):
        E2DTC().predict(few)
    with pytest.raises(ValueError, match="unknown preset"):
        make_params("turbo")
