"""What keeps E2DTC and its ground truth fast on fleet-size inputs (issue 19) without changing their results: the
distinct (cell, trajectory) visits of auto_centers, the negative draws of self-training, the packed decoder and the
reconstruction loss over real positions only, and encoding in length-sorted batches."""

import numpy as np
import pytest

from deeptraj.models.core.discretize import PAD, GridDiscretizer
from deeptraj.models.e2dtc.model import E2DTC, _OtherCluster
from deeptraj.models.e2dtc.params import make_params
from deeptraj.models.e2dtc.sequences import _pad
from deeptraj.models.synthetic import simulate as S
from deeptraj.models.synthetic.groundtruth import _distinct_visits


@pytest.fixture(scope="module")
def model():
    sim = S.simulate_trajectories(n_trajectories=120, n_od_pairs=3, seed=4)
    disc = GridDiscretizer(cell_size=200)
    seqs = disc.fit_transform(sim.trajs)
    params = make_params("fast-cpu", n_clusters=3, seed=1, pretrain_epochs=1, selftrain_epochs=1, batch_size=32)
    return E2DTC(params, n_threads=1).fit(seqs, disc.vocab_), [seqs.sequence(i) for i in range(len(seqs))]


@pytest.mark.parametrize("huge", [False, True])
def test_distinct_visits_count_each_trajectory_once_per_cell(huge):
    rng = np.random.default_rng(0)
    cell = rng.integers(0, 50, 5000)
    if huge:  # a far outlier: cell * n_traj overflows int64, the row-wise path is taken
        cell[7] = 2**62
    traj = rng.integers(0, 300, 5000)
    pairs = np.unique(np.column_stack([cell, traj]), axis=0)
    want_cells, want_counts = np.unique(pairs[:, 0], return_counts=True)
    cells, counts = _distinct_visits(cell, traj, 300)
    np.testing.assert_array_equal(cells, want_cells)
    np.testing.assert_array_equal(counts, want_counts)


def test_other_cluster_draws_what_a_scan_of_all_labels_draws():
    """Same random numbers, same negatives as rng.choice(np.flatnonzero(labels != labels[i])) (one cluster only:
    any trajectory)."""
    for seed in range(12):
        g = np.random.default_rng(seed)
        n = int(g.integers(1, 300))
        labels = g.integers(0, int(g.integers(1, 5)), n)
        anchors = g.integers(0, n, 200)
        r1, r2 = np.random.default_rng(seed + 50), np.random.default_rng(seed + 50)
        want = []
        for i in anchors:
            others = np.flatnonzero(labels != labels[i])
            want.append(int(r1.choice(others)) if others.size else int(r1.integers(n)))
        assert _OtherCluster(labels).draw(anchors, r2) == want


def test_hard_negative_is_the_nearest_other_cluster_draw():
    rng = np.random.default_rng(3)
    labels = rng.integers(0, 4, 400)
    z = rng.normal(size=(400, 5))
    anchors = [0, 17, 99, 250]
    oc = _OtherCluster(labels)
    hard = oc.draw_hard(anchors, np.random.default_rng(8), z, 16)
    # the same 16 draws per anchor, made the way draw() makes them: the chosen one is the nearest of them
    r = np.random.default_rng(8)
    cand = np.array([oc.draw(anchors, r) for _ in range(16)]).T
    for a, h, c in zip(anchors, hard, cand):
        assert labels[h] != labels[a] and h in c
        assert np.linalg.norm(z[h] - z[a]) == min(np.linalg.norm(z[j] - z[a]) for j in c)


def test_hard_negatives_give_a_larger_triplet_loss(model):
    """The same self-training from the same model, random against hard negatives, with a margin wide enough that
    every triplet counts: the nearest of 8 other-cluster draws lies closer to the anchor, so the triplet loss
    (d(a, p) - d(a, n) + margin) is larger."""
    import copy

    m, seqs = model
    loss = {}
    for hard in (0, 8):
        m2 = copy.deepcopy(m)
        m2.params.hard_negatives, m2.params.tol, m2.params.triplet_margin = hard, 0.0, 100.0
        m2.fit_clusters(seqs)
        assert m2.labels_.shape == (len(seqs),)
        h = m2.history_["selftrain"][-1]
        assert h["active_triplets"] == 1.0
        loss[hard] = h["triplet"]
    assert loss[8] > loss[0]


def test_packed_decoder_gives_the_padded_decoder_outputs_at_real_positions(model):
    import torch

    m, seqs = model
    pick = [seqs[i] for i in (3, 10, 0, 50)]
    tgt_in, lens = _pad(pick, bos=True)
    h0 = torch.randn(m.params.num_layers, len(pick), m.params.hidden_size)
    with torch.no_grad():
        full = m.net_.decode(h0, torch.from_numpy(tgt_in))
        packed = m.net_.decode(h0, torch.from_numpy(tgt_in), torch.from_numpy(lens))
    real = torch.from_numpy(tgt_in != PAD)
    assert len(set(lens.tolist())) > 1 and packed.shape == full.shape
    torch.testing.assert_close(packed[real], full[real], atol=1e-5, rtol=1e-5)
    assert float(packed[~real].abs().max()) == 0.0


def test_reconstruction_loss_equals_the_loss_over_the_padded_batch(model):
    """Eq. 8 over real positions only is the mean of the per-position NLL of the whole padded batch."""
    import torch

    m, seqs = model
    pick = [seqs[i] for i in range(0, 60, 6)]
    h0 = torch.randn(m.params.num_layers, len(pick), m.params.hidden_size)
    with torch.no_grad():
        got = float(m._recon_loss(torch, h0, pick))
        tgt_in = torch.from_numpy(_pad(pick, bos=True)[0])
        tgt_out = torch.from_numpy(_pad(pick, eos=True)[0])
        logp = torch.log_softmax(m.net_.out(m.net_.decode(h0, tgt_in)), -1).gather(-1, m._nbr_t[tgt_out])
        nll = -(m._w_t[tgt_out] * logp).sum(-1)
        want = float(nll[tgt_out != PAD].mean())
    assert got == pytest.approx(want, rel=1e-5)


def test_encoding_in_length_sorted_batches_keeps_input_order(model):
    m, seqs = model
    z = m.transform(seqs)
    one_by_one = np.concatenate([m.transform([s]) for s in seqs[:40]])
    np.testing.assert_allclose(z[:40], one_by_one, atol=1e-5)
    small_batches = m._encode(m._prepare(seqs), batch_size=7)
    np.testing.assert_allclose(z, small_batches, atol=1e-5)


def test_soft_assignment_in_chunks_is_the_soft_assignment_of_all_rows(model):
    import torch

    m, seqs = model
    z = m.transform(seqs)
    with torch.no_grad():
        whole = m._soft_assign(torch.from_numpy(z), m.centroids_).numpy()
    np.testing.assert_allclose(m._soft_assign_all(z, chunk=7), whole, rtol=1e-6, atol=1e-7)
    labels, q = m.predict_encoded(z)
    np.testing.assert_array_equal(labels, whole.argmax(axis=1))


def test_encoding_reports_progress_up_to_100(model):
    m, seqs = model
    seen = []
    m._encode(m._prepare(seqs), batch_size=16, progress=seen.append)
    assert len(seen) == int(np.ceil(len(seqs) / 16)) and seen == sorted(seen) and seen[-1] == 100.0
