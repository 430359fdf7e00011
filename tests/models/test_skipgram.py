"""Skip-gram cell vectors: context pairs, spatial pairs, and neighbouring cells ending up with similar vectors."""

import numpy as np
import pytest

from deeptraj.models.core.progress import Cancelled
from deeptraj.models.e2dtc.skipgram import context_pairs, spatial_pairs, train_cell_embeddings


def test_context_pairs_stay_inside_each_sequence():
    pairs = context_pairs([np.array([4, 5, 6]), np.array([7, 8])], window=2)
    got = {tuple(p) for p in pairs}
    assert got == {(4, 5), (5, 4), (5, 6), (6, 5), (4, 6), (6, 4), (7, 8), (8, 7)}
    assert len(pairs) == 8  # 6 -> 7 crosses two sequences and is not a pair


def test_spatial_pairs_draw_near_cells_only():
    nbr = np.array([[0, 1, 2], [1, 0, 2], [2, 1, 0]])
    dist = np.array([[0, 100.0, 5000], [0, 100, 200], [0, 200, 5000]])
    pairs = spatial_pairs(np.zeros(2000, np.int64), nbr, dist, decay_m=100.0, rng=np.random.default_rng(0))
    share_near = np.mean(pairs[:, 1] == 1)
    assert (pairs[:, 0] == 0).all() and share_near > 0.99 and not (pairs[:, 1] == 0).any()


def _line_of_cells(n=40, seed=0):
    """Cells 4..4+n-1 along a street, 100 m apart; trajectories are random stretches of it."""
    rng = np.random.default_rng(seed)
    seqs = []
    for _ in range(600):
        a = int(rng.integers(0, n - 3))
        seqs.append(np.arange(a, min(n, a + int(rng.integers(2, 8)))) + 4)
    pos = np.arange(n) * 100.0
    order = np.argsort(np.abs(pos[:, None] - pos[None]), axis=1)[:, :5]
    nbr = np.zeros((n + 4, 5), np.int64)
    dist = np.full((n + 4, 5), np.inf)
    nbr[4:] = order + 4
    dist[4:] = np.abs(pos[order] - pos[:, None])
    return seqs, nbr, dist, n


def test_neighbouring_cells_get_similar_vectors():
    seqs, nbr, dist, n = _line_of_cells()
    v = train_cell_embeddings(seqs, n + 4, 16, window=2, nbr=nbr, dist_m=dist, decay_m=150.0, epochs=8, seed=0)
    assert v.shape == (n + 4, 16) and v.dtype == np.float32
    u = v[4:] - v[4:].mean(axis=0)
    u /= np.linalg.norm(u, axis=1, keepdims=True)
    cos = u @ u.T
    near = np.mean([cos[i, i + 1] for i in range(n - 1)])
    far = np.mean([cos[i, j] for i in range(n) for j in range(n) if abs(i - j) >= 15])
    assert near > far + 0.3, (near, far)


def test_cancel_and_empty_input():
    seqs, nbr, dist, n = _line_of_cells()
    with pytest.raises(Cancelled):
        train_cell_embeddings(seqs, n + 4, 8, cancel=lambda: True)
    with pytest.raises(ValueError, match="no tokens"):
        train_cell_embeddings([], 10, 8)
