"""Skip-gram cell embeddings (E2DTC section IV-B, Eq. 7; t2vec section IV-C).

Each cell token gets a vector so that cells that occur near each other get similar vectors. Two kinds of context
are used for a centre cell g_t:

* sequence context: the cells g_{t+j}, 0 < |j| <= ``window``, of the same token sequence (E2DTC's skip-gram over
  trajectories);
* spatial context: one of the centre cell's K nearest cells, drawn with probability proportional to
  exp(-d / ``decay_m``) (t2vec pre-trains its cell vectors on spatial neighbours this way). It keeps cells that are
  rarely visited, or only visited by one-cell trajectories, next to their geographic neighbours.

The softmax of Eq. 7 is replaced by negative sampling (word2vec's SGNS, negatives drawn from the unigram
distribution to the power 0.75), which has the same optimum for the co-occurrence statistics and costs O(negatives)
instead of O(|V|) per pair. Written on torch directly (about 60 lines) rather than pulling in gensim, whose numpy and
scipy pins clash with the numpy<2 that Debian's GDAL needs.
"""

from __future__ import annotations

from typing import List, Optional

import numpy as np

from ..core.progress import CancelFn, ProgressFn, check, report


def context_pairs(seqs: List[np.ndarray], window: int):
    """(centre, context) token pairs within ``window`` positions inside each sequence, both directions."""
    if not seqs:
        return np.zeros((0, 2), np.int64)
    flat = np.concatenate(seqs).astype(np.int64)
    owner = np.repeat(np.arange(len(seqs)), [s.size for s in seqs])
    parts = []
    for j in range(1, window + 1):
        same = owner[:-j] == owner[j:]
        a, b = flat[:-j][same], flat[j:][same]
        parts.append(np.stack([a, b], 1))
        parts.append(np.stack([b, a], 1))
    return np.concatenate(parts) if parts else np.zeros((0, 2), np.int64)


def neighbour_cdf(weights: np.ndarray):
    """(cumulative normalised rows of the (V, K) ``weights``, whether each row has any weight) for
    :func:`draw_neighbour`."""
    total = weights.sum(axis=1, keepdims=True)
    cum = np.cumsum(np.divide(weights, total, out=np.zeros_like(weights), where=total > 0), axis=1)
    return cum, total[:, 0] > 0


def draw_neighbour(cum: np.ndarray, rows: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """One column per row index in ``rows``, drawn with the probabilities behind ``cum`` (see neighbour_cdf)."""
    u = rng.random(rows.size)
    return np.minimum((cum[rows] < u[:, None]).sum(axis=1), cum.shape[1] - 1)


def spatial_cdf(dist_m: np.ndarray, decay_m: float):
    """neighbour_cdf of the weights exp(-d / decay) of each cell's neighbours (column 0, the cell itself, left out;
    unreachable neighbours at d = inf weigh 0)."""
    return neighbour_cdf(np.exp(-dist_m[:, 1:] / decay_m))


def spatial_pairs(
    centres: np.ndarray, nbr: np.ndarray, dist_m: np.ndarray, decay_m: float, rng: np.random.Generator, cdf=None
):
    """One spatial neighbour per centre token, drawn by exp(-d / decay) among its nearest cells (itself excluded).

    ``nbr``/``dist_m`` are full-vocabulary (V, K) tables whose column 0 is the cell itself; ``cdf`` is their
    :func:`spatial_cdf` when already computed."""
    if nbr.shape[1] < 2 or centres.size == 0:
        return np.zeros((0, 2), np.int64)
    cum, ok = cdf if cdf is not None else spatial_cdf(dist_m, decay_m)
    c = centres[ok[centres]]
    return np.stack([c, nbr[c, 1 + draw_neighbour(cum, c, rng)]], 1)


def train_cell_embeddings(
    seqs: List[np.ndarray],
    vocab_size: int,
    dim: int,
    window: int = 2,
    nbr: Optional[np.ndarray] = None,
    dist_m: Optional[np.ndarray] = None,
    decay_m: float = 125.0,
    epochs: int = 5,
    negatives: int = 5,
    batch_size: Optional[int] = None,
    lr: float = 0.01,
    seed: int = 0,
    device=None,
    progress: ProgressFn = None,
    cancel: CancelFn = None,
) -> np.ndarray:
    """(vocab_size, dim) float32 centre-cell vectors trained with skip-gram + negative sampling.

    ``batch_size`` None: 4096 pairs, fewer on small inputs so that an epoch still makes at least 50 updates."""
    import torch

    rng = np.random.default_rng(seed)
    gen = torch.Generator().manual_seed(seed)
    seq_pairs = context_pairs(seqs, window)
    centres = np.concatenate(seqs).astype(np.int64) if seqs else np.zeros(0, np.int64)
    counts = np.bincount(centres, minlength=vocab_size).astype(np.float64)
    noise = counts**0.75
    if noise.sum() == 0:
        raise ValueError("no tokens to learn cell embeddings from")
    noise_t = torch.from_numpy(noise / noise.sum())
    scale = 0.5 / dim
    v_in = torch.nn.Embedding(vocab_size, dim)
    v_out = torch.nn.Embedding(vocab_size, dim)
    with torch.no_grad():
        v_in.weight.uniform_(-scale, scale, generator=gen)
        v_out.weight.zero_()
    v_in.to(device)
    v_out.to(device)
    opt = torch.optim.Adam(list(v_in.parameters()) + list(v_out.parameters()), lr=lr)
    logsig = torch.nn.functional.logsigmoid
    spatial = nbr is not None and dist_m is not None and nbr.shape[1] >= 2
    cdf = spatial_cdf(dist_m, decay_m) if spatial else None  # the same every epoch
    for epoch in range(epochs):
        parts = [seq_pairs]
        if spatial:
            parts.append(spatial_pairs(centres, nbr, dist_m, decay_m, rng, cdf))
        pairs = np.concatenate(parts)
        pairs = pairs[rng.permutation(len(pairs))]
        if batch_size is None:
            batch_size = int(min(4096, max(32, len(pairs) // 50)))
        n_batches = max(1, int(np.ceil(len(pairs) / batch_size)))
        for b in range(n_batches):
            check(cancel)
            chunk = torch.from_numpy(pairs[b * batch_size : (b + 1) * batch_size]).to(device)
            neg = torch.multinomial(noise_t, chunk.shape[0] * negatives, replacement=True, generator=gen)
            neg = neg.view(chunk.shape[0], negatives).to(device)
            c = v_in(chunk[:, 0])  # (B, D)
            pos = (c * v_out(chunk[:, 1])).sum(-1)
            negs = torch.bmm(v_out(neg), c.unsqueeze(2)).squeeze(2)  # (B, negatives)
            loss = -(logsig(pos) + logsig(-negs).sum(-1)).mean()
            opt.zero_grad()
            loss.backward()
            opt.step()
            report(progress, 100.0 * (epoch * n_batches + b + 1) / (epochs * n_batches))
    return v_in.weight.detach().cpu().numpy().astype(np.float32)
