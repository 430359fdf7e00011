"""The MetaTRL engine without QGIS: cell units, structural vectors, masking, the shared/private split of the
meta step, determinism, persistence and network checks."""

import numpy as np
import pytest

from deeptraj.models.core import units as un
from deeptraj.models.core.modelfile import ModelFileError
from deeptraj.models.core.progress import Cancelled
from deeptraj.models.metatrl import model as mt
from deeptraj.models.metatrl import params as mp
from deeptraj.models.metatrl.pretrain import span_mask
from deeptraj.models.synthetic.simulate import simulate_trajectories


def _small(**kw):
    values = dict(
        d_model=16,
        n_heads=2,
        layers=1,
        gat_layers=1,
        n_buckets=8,
        target_epochs=1,
        meta_epochs=1,
        batch_size=32,
        max_len=32,
    )
    values.update(kw)
    return mp.make_params("fast-cpu", **values)


@pytest.fixture(scope="module")
def cities():
    a = simulate_trajectories(seed=1).trajs
    b = simulate_trajectories(seed=2, grid_spacing=300.0).trajs
    net_a, seq_a = un.cell_network(a, kind="h3", resolution=10)
    net_b, seq_b = un.cell_network(b, kind="grid", cell_size=250.0)
    return mp.City("A", net_a, seq_a), mp.City("B", net_b, seq_b), a


# ------------------------------------------------------------------------------------------ units
def test_structure_vectors_of_a_hand_made_graph():
    # three units on a line 1 km apart (east), 0 -> 1 -> 2; unit 1 has neighbours at 1 km on both sides
    lat = 0.0
    lon = np.degrees(np.array([0.0, 1.0, 2.0]) / un._EARTH_R_KM)
    lonlat = np.column_stack([lon, np.full(3, lat)])
    s = un.structure_vectors(lonlat, np.array([[0, 1], [1, 2]]), lonlat, lonlat + [[lon[1], 0.0]] * 3)
    np.testing.assert_allclose(s[1, :4], [1.0, 1.0, 1.0, 0.0], atol=1e-6)
    np.testing.assert_allclose(s[0, :4], [1.0, 1.0, 1.0, 0.0], atol=1e-6)
    np.testing.assert_allclose(s[:, 4], 1.0, atol=1e-6)  # start -> end 1 km east
    np.testing.assert_allclose(s[:, 5], 0.0, atol=1e-9)


def test_cell_network_sequences_and_transition_probabilities(cities):
    a, _, trajs = cities
    net, seqs = a.network, a.sequences
    assert len(seqs) == len(trajs.ids)
    assert net.structure.shape == (net.size, 6) and net.attributes.shape[0] == net.size
    assert np.all(np.diff(seqs.times)[np.diff(np.repeat(np.arange(len(seqs)), seqs.lengths)) == 0] >= 0)
    # p_ij = count(e_ij) / count(v_i): the probabilities out of a unit sum to at most 1
    p = net.transition_probabilities(seqs)
    sums = np.bincount(net.edges[:, 0], weights=p, minlength=net.size)
    assert 0.5 < sums.max() <= 1.0 + 1e-6  # float32
    again = un.cell_sequences_on(net, trajs)
    np.testing.assert_array_equal(again.units, seqs.units)
    assert net.fingerprint == un.cell_network(trajs, kind="h3", resolution=10)[0].fingerprint


def test_transition_probabilities_count_consecutive_units():
    net = un.UnitNetwork(
        kind="grid",
        keys=[0, 1, 2],
        edges=[[0, 1], [1, 2], [0, 2], [2, 0]],
        attributes=np.zeros((3, 0)),
        attribute_names=[],
        structure=np.zeros((3, 6)),
        lonlat=np.zeros((3, 2)),
    )
    # visits of 0: 3 (followed by 1, by 2, and once by the end of its trajectory); of 1: 1 (followed by 2); of 2: 3
    # (followed by 0 twice, once by the end); the step 0 | 2 between the two trajectories does not count
    seqs = un.UnitSequences(
        ids=np.array([1, 2]), offsets=np.array([0, 4, 7]), units=np.array([0, 1, 2, 0, 2, 0, 2]), times=np.arange(7)
    )
    np.testing.assert_allclose(net.transition_probabilities(seqs), [1 / 3, 1.0, 1 / 3, 2 / 3])


def test_batch_arrays_hide_later_times_for_travel_time():
    seqs = un.UnitSequences(
        ids=np.array([7, 8]),
        offsets=np.array([0, 3, 5]),
        units=np.array([0, 1, 2, 3, 4]),
        times=np.array([0, 60, 180, 1000, 1030]),
    )
    b = un.batch_arrays(seqs, [0, 1], max_len=8, time_visible="first")
    assert b["tokens"].tolist() == [[2, 3, 4], [5, 6, 0]]
    assert b["time_mask"].tolist() == [[False, True, True], [False, True, True]]
    assert b["minute"][0, 1] == un.N_MINUTES and b["delta"].sum() == 0
    full = un.batch_arrays(seqs, [0], max_len=2)
    assert full["tokens"].tolist() == [[3, 4]] and full["delta"].tolist() == [[0.0, 120.0]]


def test_span_mask_makes_separate_spans():
    rng = np.random.default_rng(0)
    for n in (1, 2, 5, 40, 128):
        for _ in range(20):
            m = span_mask(n, 0.15, 2.0, rng)
            assert 1 <= m.sum() <= max(n - 1, 1)
            if n > 1:
                assert not m.all()
    m = span_mask(200, 0.15, 3.0, np.random.default_rng(1))
    assert abs(m.sum() - 30) <= 3


# ------------------------------------------------------------------------------------------ model
def test_meta_step_changes_shared_and_never_the_targets_private_parameters(cities):
    a, b, _ = cities
    alone = mt.MetaTRL(_small(target_epochs=0), n_threads=1).fit(a)
    meta = mt.MetaTRL(_small(target_epochs=0, meta_epochs=2), n_threads=1).fit(a, [b])
    s_alone = dict(alone.model_.named_parameters())
    s_meta = dict(meta.model_.named_parameters())
    private = alone.model_.private_names()
    shared = alone.model_.shared_names()
    assert private and shared and set(private).isdisjoint(shared)
    for k in private:
        assert np.array_equal(s_alone[k].detach().numpy(), s_meta[k].detach().numpy()), k
    moved = [k for k in shared if not np.allclose(s_alone[k].detach().numpy(), s_meta[k].detach().numpy())]
    assert len(moved) == len(shared)
    assert [h["city"] for h in meta.history_["meta"]] == ["B", "B"]


def test_literal_first_order_step_moves_shared_parameters_by_the_test_gradient_only(cities):
    a, b, _ = cities
    alone = mt.MetaTRL(_small(target_epochs=0), n_threads=1).fit(a)
    lit = mt.MetaTRL(_small(target_epochs=0, meta_update="first-order", meta_lr=1e-3), n_threads=1).fit(a, [b])
    cont = mt.MetaTRL(_small(target_epochs=0, meta_lr=1e-3), n_threads=1).fit(a, [b])
    s0, s1, s2 = (dict(m.model_.named_parameters()) for m in (alone, lit, cont))
    k = "shared.layers.0.q.weight"
    d_lit = np.abs(s1[k].detach().numpy() - s0[k].detach().numpy()).max()
    d_cont = np.abs(s2[k].detach().numpy() - s0[k].detach().numpy()).max()
    assert 0 < d_lit < d_cont


def test_embeddings_deterministic_with_a_seed_and_change_with_the_model(cities):
    a, b, _ = cities
    z1 = mt.MetaTRL(_small(), n_threads=1).fit(a, [b]).transform(a.sequences)
    z2 = mt.MetaTRL(_small(), n_threads=1).fit(a, [b]).transform(a.sequences)
    z3 = mt.MetaTRL(_small(seed=5), n_threads=1).fit(a, [b]).transform(a.sequences)
    assert z1.shape == (len(a.sequences), 16) and np.isfinite(z1).all()
    np.testing.assert_array_equal(z1, z2)
    assert not np.allclose(z1, z3)


def test_pretraining_lowers_the_loss(cities):
    a, _, _ = cities
    m = mt.MetaTRL(_small(target_epochs=6, d_model=32, n_heads=4, learning_rate=2e-3), n_threads=1).fit(a)
    losses = [h["fm"] for h in m.history_["target"]]
    assert losses[-1] < losses[0] - 0.3


def test_min_target_steps_raises_the_epochs_of_a_small_target(cities):
    p = _small(target_epochs=2, min_target_steps=10, batch_size=32)
    assert mp.target_epochs(p, 64) == 5  # 2 batches per epoch
    assert mp.target_epochs(p, 1000) == 2  # 32 batches per epoch: the epochs are enough
    assert mp.target_epochs(_small(target_epochs=0, min_target_steps=10), 64) == 0  # 0 = no pre-training
    assert mp.target_epochs(_small(target_epochs=2, min_target_steps=0), 64) == 2
    assert mp.make_params("fast-cpu").min_target_steps == 600 and mp.make_params("paper").min_target_steps == 0
    assert mp.make_params("fast-cpu", target_epochs=3).min_target_steps == 0  # epochs set by hand stay
    assert mp.make_params("fast-cpu", target_epochs=None).min_target_steps == 600
    assert mp.make_params("fast-cpu", target_epochs=3, min_target_steps=50).min_target_steps == 50
    a, _, _ = cities
    per_epoch = -(-int(np.sum(a.sequences.lengths >= 3)) // 32)
    m = mt.MetaTRL(_small(target_epochs=1, min_target_steps=3 * per_epoch), n_threads=1).fit(a)
    assert len(m.history_["target"]) == m.info_["target_epochs_run"] == 3


def test_save_load_round_trip_and_network_check(cities, tmp_path):
    a, b, _ = cities
    m = mt.MetaTRL(_small(), n_threads=1).fit(a, [b])
    path = str(tmp_path / "m.pt")
    m.save(path, extra={"note": "x"})
    back = mt.MetaTRL.load(path)
    np.testing.assert_allclose(back.transform(a.sequences), m.transform(a.sequences), atol=1e-6)
    assert back.network_.fingerprint == a.network.fingerprint and back.extra_ == {"note": "x"}
    back.check_network(a.network)
    with pytest.raises(mp.MetaTRLDataError, match="not the one the model was trained on"):
        back.check_network(un.cell_network(simulate_trajectories(seed=9).trajs, kind="h3", resolution=10)[0])
    with pytest.raises(mp.MetaTRLDataError, match="h3 units, not grid"):
        back.check_network(b.network)
    with pytest.raises(ModelFileError):
        mt.MetaTRL.load(str(tmp_path / "missing.pt"))
    # files of the first version also stored the buffers derived from the network: they still load
    import torch

    payload = torch.load(path, weights_only=True)
    derived = {n: b for n, b in back.model_.named_buffers() if n not in back.model_.state_dict()}
    assert {"attrs", "struct", "p_edge"} <= set(derived)
    payload["state"].update({f"model.{n}": b.clone() for n, b in derived.items()})
    torch.save(payload, tmp_path / "v1.pt")
    old = mt.MetaTRL.load(str(tmp_path / "v1.pt"))
    np.testing.assert_allclose(old.transform(a.sequences), m.transform(a.sequences), atol=1e-6)


def test_bad_inputs_and_cancel(cities):
    a, b, _ = cities
    tiny = mp.City("T", a.network, a.sequences.subset([0]))
    with pytest.raises(mp.MetaTRLDataError, match="at least 2"):
        mt.MetaTRL(_small(), n_threads=1).fit(tiny)
    with pytest.raises(ValueError, match="d_model"):
        _small(d_model=18, n_heads=4)
    with pytest.raises(ValueError, match="meta_update"):
        _small(meta_update="maml")
    with pytest.raises(Cancelled):
        mt.MetaTRL(_small(), n_threads=1).fit(a, [b], cancel=lambda: True)


def test_freed_heap_memory_is_returned_after_every_batch(cities, monkeypatch):
    """Every training and meta-test batch hands glibc's freed heap back (a 1,000-taxi source grew to 3.2 GB
    resident without it); the trim itself is harmless where there is no glibc, and the result does not change."""
    from deeptraj.models.metatrl import training

    training.trim_heap()  # callable on any platform
    a, b, _ = cities
    plain = mt.MetaTRL(_small(seed=5), n_threads=1).fit(a, [b])
    calls = []
    monkeypatch.setattr(training, "trim_heap", lambda: calls.append(1))
    p = _small(seed=5)
    counted = mt.MetaTRL(p, n_threads=1).fit(a, [b])
    n_src = int(np.sum(b.sequences.lengths >= p.min_units))
    n_test = max(1, round(p.test_share * n_src))
    n_tgt = int(np.sum(a.sequences.lengths >= p.min_units))
    batches = -(-(n_src - n_test) // p.batch_size) + -(-n_test // p.batch_size)
    batches += mp.target_epochs(p, n_tgt) * -(-n_tgt // p.batch_size)
    assert len(calls) >= batches
    for (k, v), w in zip(plain.model_.state_dict().items(), counted.model_.state_dict().values()):
        assert np.array_equal(v.numpy(), w.numpy()), k


def test_progress_follows_the_batches_of_source_and_target(cities):
    """Every batch (source training, meta-test, target) moves the bar by the same amount: a city-scale source's
    epoch of hundreds of batches no longer counts as much as one target epoch of a few dozen."""
    a, b, _ = cities
    seen = []
    mt.MetaTRL(_small(meta_epochs=2, seed=1), n_threads=1).fit(a, [b], progress=seen.append)
    while len(seen) > 1 and seen[-2] == 100.0:
        seen.pop()
    steps = np.diff([0.0, *seen])
    assert seen[-1] == pytest.approx(100.0) and len(seen) > 10
    assert np.allclose(steps, steps[0])


def test_unit_recovery_loss_in_chunks_equals_the_direct_loss():
    """Over many units the loss is made a chunk of rows at a time (checkpointed): same value and gradients."""
    import torch

    from deeptraj.models.metatrl.training import unit_recovery_loss

    torch.manual_seed(0)
    head = torch.nn.Linear(16, 5000)
    z = torch.randn(300, 16, requires_grad=True)
    target = torch.randint(0, 5000, (300,))
    direct = unit_recovery_loss(head, z, target)  # 1.5 M logits: under the limit, the direct path
    g_direct = torch.autograd.grad(direct, [z, head.weight])
    chunked = unit_recovery_loss(head, z, target, chunk_logits=100_000)  # 5 rows per chunk
    g_chunked = torch.autograd.grad(chunked, [z, head.weight])
    assert torch.allclose(direct, chunked, atol=1e-5)
    assert all(torch.allclose(a, b, atol=1e-6) for a, b in zip(g_direct, g_chunked))


def test_checkpointed_unit_encoder_trains_exactly_as_the_stored_one(cities, monkeypatch):
    """A city of many units runs its unit encoder checkpointed while training: the same model, bit for bit."""
    from deeptraj.models.metatrl import net

    a, b, _ = cities
    plain = mt.MetaTRL(_small(target_epochs=1), n_threads=1).fit(a, [b])
    monkeypatch.setattr(net, "CHECKPOINT_UNITS", 0)  # every city "large"
    ckpt = mt.MetaTRL(_small(target_epochs=1), n_threads=1).fit(a, [b])
    w1, w2 = plain.model_.state_dict(), ckpt.model_.state_dict()
    assert all(np.array_equal(w1[k].numpy(), w2[k].numpy()) for k in w1)
