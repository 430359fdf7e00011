"""node2vec cell vectors of the CroTad hierarchical graph (section 4.2.1).

node2vec (Grover & Leskovec, KDD 2016): second-order biased random walks (return parameter p, in-out parameter q),
written in numpy and advanced for all walkers at once (exact weighted choice among each walker's neighbours,
rejection sampling on hubs; a sorted edge-key array answers "is x a neighbour of the previous node" with
np.searchsorted), then skip-gram with negative sampling trained word2vec-style in torch (plain SGD with a falling
rate, gradients written straight into the rows).
Contexts use word2vec's reduced window (each centre draws its window size uniformly in 1..``window``, which weights
near nodes more), looking forward only (see :func:`walk_pairs`).
"""

from __future__ import annotations

from typing import Optional

import numpy as np

from ..core.progress import CancelFn, ProgressFn, check, report
from .graph import HierarchicalGraph, in_sorted

#: most candidate entries (walkers x degree) handled at once by one biased walk step
_STEP_BUDGET = 1 << 21
#: walkers on a node with more neighbours than this draw by rejection sampling instead of the exact weighted choice
_EXACT_MAX_DEGREE = 64


# ---------------------------------------------------------------------------- node2vec: walks
def _biased_step(prev, cur, indptr, indices, keys, n, inv_p, inv_q, u):
    """Next node of each walker: among cur's neighbours x, weight 1/p if x == prev, 1 if x is a neighbour of prev,
    else 1/q (node2vec's alpha_pq), drawn exactly with the uniforms ``u``. Walkers are taken in groups of at most
    _STEP_BUDGET candidate entries to bound memory."""
    out = np.empty_like(cur)
    deg = indptr[cur + 1] - indptr[cur]
    csum = np.cumsum(deg)
    start = 0
    while start < cur.size:
        base = csum[start - 1] if start else 0
        end = max(start + 1, int(np.searchsorted(csum, base + _STEP_BUDGET, side="right")))
        c, pv, d = cur[start:end], prev[start:end], deg[start:end]
        rep = np.repeat(np.arange(c.size), d)
        first = np.cumsum(d) - d
        cand = indices[indptr[c][rep] + (np.arange(rep.size) - first[rep])]
        pr = pv[rep]
        w = np.full(cand.size, inv_q)
        w[in_sorted(keys, pr * n + cand)] = 1.0
        w[cand == pr] = inv_p
        cw = np.cumsum(w)
        hi = cw[first + d - 1]
        lo = np.where(first > 0, cw[np.maximum(first - 1, 0)], 0.0)
        k = np.searchsorted(cw, lo + u[start:end] * (hi - lo), side="right")
        out[start:end] = cand[np.clip(k, first, first + d - 1)]
        start = end
    return out


def _check_walk_params(walk_length, walks_per_node, p, q):
    if int(walk_length) < 1:
        raise ValueError(f"WALK_LENGTH: must be at least 1, got {walk_length}")
    if int(walks_per_node) < 1:
        raise ValueError(f"WALKS_PER_NODE: must be at least 1, got {walks_per_node}")
    if not float(p) > 0:
        raise ValueError(f"P: the return parameter must be > 0, got {p}")
    if not float(q) > 0:
        raise ValueError(f"Q: the in-out parameter must be > 0, got {q}")


def _rejection_step(prev, cur, indptr, indices, keys, n, inv_p, inv_q, rng):
    """Same law as :func:`_biased_step`, for walkers on high-degree nodes: propose a uniform neighbour, accept it with
    probability weight / max weight (cost independent of the degree; about max/min weight tries at worst)."""
    out = np.empty_like(cur)
    w_max = max(inv_p, 1.0, inv_q)
    pending = np.arange(cur.size)
    while pending.size:
        c, pv = cur[pending], prev[pending]
        d = indptr[c + 1] - indptr[c]
        x = indices[indptr[c] + np.minimum((rng.random(c.size) * d).astype(np.int64), d - 1)]
        w = np.where(in_sorted(keys, pv * n + x), 1.0, inv_q)
        w[x == pv] = inv_p
        ok = rng.random(c.size) * w_max < w
        out[pending[ok]] = x[ok]
        pending = pending[~ok]
    return out


def _second_order_step(prev, cur, indptr, indices, keys, n, inv_p, inv_q, rng):
    u = rng.random(cur.size)
    deg = indptr[cur + 1] - indptr[cur]
    big = deg > _EXACT_MAX_DEGREE
    if not big.any():
        return _biased_step(prev, cur, indptr, indices, keys, n, inv_p, inv_q, u)
    out = np.empty_like(cur)
    small = ~big
    out[small] = _biased_step(prev[small], cur[small], indptr, indices, keys, n, inv_p, inv_q, u[small])
    out[big] = _rejection_step(prev[big], cur[big], indptr, indices, keys, n, inv_p, inv_q, rng)
    return out


def random_walks(
    graph: HierarchicalGraph,
    walk_length: int = 20,
    walks_per_node: int = 10,
    p: float = 1.0,
    q: float = 1.0,
    seed=0,
    progress: ProgressFn = None,
    cancel: CancelFn = None,
) -> np.ndarray:
    """(n_nodes * walks_per_node, walk_length) node2vec walks (rows in rounds: walk r*n + i starts at node i),
    int32 (int64 on huge graphs), padded with -1 after an isolated start node (a walk of length 1).

    ``seed``: an int or a numpy Generator. With p == q == 1 the steps are uniform (first-order walk). Otherwise a
    walker picks its next node exactly by the node2vec weights among the current node's neighbours, or, on a node
    with more than _EXACT_MAX_DEGREE neighbours (a hub of the mobility graph), by rejection sampling with the same
    law, so that hubs do not blow up the work of a step."""
    _check_walk_params(walk_length, walks_per_node, p, q)
    rng = seed if isinstance(seed, np.random.Generator) else np.random.default_rng(seed)
    n = graph.n_nodes
    walk_length, walks_per_node = int(walk_length), int(walks_per_node)
    indptr, indices = graph.neighbours
    deg = np.diff(indptr)
    dtype = np.int32 if n < 2**31 - 1 else np.int64
    walks = np.full((n * walks_per_node, walk_length), -1, dtype=dtype)
    start = np.tile(np.arange(n, dtype=np.int64), walks_per_node)
    walks[:, 0] = start
    live = np.flatnonzero(deg[start] > 0)  # walkers whose start node has a neighbour
    cur = start[live]
    prev = cur
    uniform = float(p) == 1.0 and float(q) == 1.0
    inv_p, inv_q = 1.0 / float(p), 1.0 / float(q)
    for t in range(1, walk_length):
        check(cancel)
        if t == 1 or uniform:
            d = indptr[cur + 1] - indptr[cur]
            nxt = indices[indptr[cur] + np.minimum((rng.random(cur.size) * d).astype(np.int64), d - 1)]
        else:
            nxt = _second_order_step(prev, cur, indptr, indices, graph._keys, np.int64(n), inv_p, inv_q, rng)
        walks[live, t] = nxt
        prev, cur = cur, nxt
        report(progress, 100.0 * t / max(1, walk_length - 1))
    return walks


# ---------------------------------------------------------------------------- node2vec: skip-gram
def walk_pairs(walks: np.ndarray, window: int, rng: np.random.Generator) -> np.ndarray:
    """(centre, context) pairs of the walks with word2vec's reduced window: each centre position draws its window in
    1..``window`` and is paired with the nodes up to that many steps after it. -1 padding is skipped.

    One direction only: a walk on an undirected graph is reversible (node2vec's weights depend on the symmetric
    distance between the previous and the next node), so the pairs looking backwards have the same distribution as
    these and would double the training cost for no new information."""
    w = np.asarray(walks)
    if w.ndim != 2 or w.shape[1] < 2:
        return np.zeros((0, 2), np.int64)
    eff = rng.integers(1, window + 1, size=(w.shape[0], w.shape[1] - 1), dtype=np.int8)
    parts = []
    for j in range(1, min(window, w.shape[1] - 1) + 1):
        a, b = w[:, :-j], w[:, j:]
        keep = (b >= 0) & (eff[:, : w.shape[1] - j] >= j)  # b >= 0 implies a >= 0 (padding is at the end)
        parts.append(np.stack([a[keep], b[keep]], axis=1))
    return np.concatenate(parts).astype(np.int64)


def noise_table(counts: np.ndarray, size: Optional[int] = None) -> np.ndarray:
    """word2vec's unigram table: node ids laid out in proportion to count**0.75, so that a uniform index into it draws
    a negative sample (nodes with no count never come up)."""
    n = counts.size
    size = int(size or min(1 << 25, max(1 << 20, 32 * n)))
    cdf = np.cumsum(np.asarray(counts, dtype=np.float64) ** 0.75)
    if cdf[-1] <= 0:
        raise ValueError("GRAPH: no node to draw negative samples from")
    cdf /= cdf[-1]
    table = np.searchsorted(cdf, (np.arange(size) + 0.5) / size, side="right")
    return np.minimum(table, n - 1).astype(np.int32 if n < 2**31 - 1 else np.int64)


def _check_sgns_params(dim, window, negatives, epochs, batch_size, lr):
    for name, v, lo in (
        ("DIM", dim, 1),
        ("WINDOW", window, 1),
        ("NEGATIVES", negatives, 1),
        ("EPOCHS", epochs, 1),
        ("BATCH_SIZE", batch_size, 1),
    ):
        if int(v) < lo:
            raise ValueError(f"{name}: must be at least {lo}, got {v}")
    if not float(lr) > 0:
        raise ValueError(f"LR: the learning rate must be > 0, got {lr}")


def node2vec(
    graph: HierarchicalGraph,
    dim: int = 64,
    walk_length: int = 20,
    walks_per_node: int = 10,
    p: float = 1.0,
    q: float = 1.0,
    window: int = 5,
    negatives: int = 5,
    epochs: int = 1,
    batch_size: int = 4096,
    lr: float = 0.05,
    seed: int = 0,
    device=None,
    n_threads: Optional[int] = 1,
    centre: bool = True,
    progress: ProgressFn = None,
    cancel: CancelFn = None,
) -> np.ndarray:
    """(n_nodes, dim) float32 node2vec vectors of the graph's rows.

    Walks as :func:`random_walks`, pairs as :func:`walk_pairs`; skip-gram with ``negatives`` negative samples per
    pair drawn from the walk node frequencies to the power 0.75. Trained like word2vec: plain SGD, the rate falling
    linearly from ``lr`` to lr / 1000, gradients written straight into the touched rows (no autograd, no optimiser
    state: an Adam step over the whole tables, or torch's SparseAdam, costs several times more per batch on CPU).
    Each batch adds the gradients of rows that occur several times in it, so ``batch_size`` is capped at
    n_nodes // 2 (at least 16) to keep each row at about one occurrence per batch on small graphs.

    ``n_threads``: torch CPU threads during the training loop, restored afterwards (None: leave torch's setting).
    Its operations are small (a few MB per batch), so more threads gain little, and when another process keeps a
    core busy they wait on each other at every operation: measured 216 s with 2 threads against 25 s with 1 for a
    30k-node graph on a busy 2-core machine.

    ``centre``: subtract the mean vector of the nodes that have an edge. Skip-gram vectors share a large common
    component (Mimno & Thompson 2017, "The strange geometry of skip-gram with negative sampling"; Mu & Viswanath
    2018, "All-but-the-top"): without it, random node pairs of a 30k-node grid graph have a mean cosine of 0.36
    (0.9 on smaller or shorter runs) against 0.97 for neighbours; centred, 0.00 against 0.96. Differences between
    vectors, hence distances, are unchanged.

    An isolated node keeps its small random initial vector (not centred). Progress: walks 0..20, training 20..100.
    ``device``: None (CPU), "auto" or a torch device. The same seed gives the same vectors on the same device."""
    _check_walk_params(walk_length, walks_per_node, p, q)
    _check_sgns_params(dim, window, negatives, epochs, batch_size, lr)
    n = graph.n_nodes
    if n == 0:
        raise ValueError("GRAPH: the graph has no node to embed")
    from ..core.modelfile import torch_setup

    torch, dev = torch_setup(device if device is not None else "cpu")
    threads_before = torch.get_num_threads()
    if n_threads:
        torch.set_num_threads(int(n_threads))
    try:
        rng = np.random.default_rng(seed)
        walks = random_walks(
            graph,
            walk_length,
            walks_per_node,
            p,
            q,
            rng,
            progress=None if progress is None else (lambda v: report(progress, 0.2 * v)),
            cancel=cancel,
        )
        batch_size = int(min(int(batch_size), max(16, n // 2)))
        vectors = _train_sgns(
            torch, dev, walks, n, dim, window, negatives, epochs, batch_size, lr, rng, seed, progress, cancel
        )
    finally:
        torch.set_num_threads(threads_before)
    linked = graph.degree > 0
    if centre and linked.any():
        vectors[linked] -= vectors[linked].mean(axis=0)
    return vectors


def _train_sgns(torch, dev, walks, n, dim, window, negatives, epochs, batch_size, lr, rng, seed, progress, cancel):
    """Skip-gram with negative sampling over the walks' pairs (see :func:`node2vec`): (n, dim) float32 input vectors.
    ``rng`` draws the pairs and negatives after the walks; ``seed`` seeds the initial vectors. Progress 20..100."""
    dim, window, negatives, epochs = int(dim), int(window), int(negatives), int(epochs)
    gen = torch.Generator().manual_seed(int(seed))
    table = noise_table(np.bincount(walks[walks >= 0].astype(np.int64), minlength=n))

    w_in = torch.empty(n, dim).uniform_(-0.5 / dim, 0.5 / dim, generator=gen).to(dev)
    w_out = torch.zeros(n, dim, device=dev)
    table_t = torch.from_numpy(table.astype(np.int64)).to(dev)
    label = torch.zeros(1, negatives + 1, device=dev)
    label[0, 0] = 1.0

    n_walks = walks.shape[0]
    lengths = (walks >= 0).sum(axis=1)
    # expected pairs per walk: each of its positions pairs with min(window drawn, steps left) later nodes
    est_pairs = float(
        sum(np.minimum((window + 1) / 2.0, lengths - 1 - i).clip(0).sum() for i in range(walks.shape[1]))
    ) / max(1, n_walks)
    total_batches = max(1.0, epochs * n_walks * est_pairs / batch_size)
    chunk = max(1, int((64 * batch_size) // max(1.0, est_pairs)))
    done = 0
    lr0, lr_min = float(lr), float(lr) * 1e-3
    for epoch in range(epochs):
        order = rng.permutation(n_walks)
        for c0 in range(0, n_walks, chunk):
            check(cancel)
            pairs = walk_pairs(walks[order[c0 : c0 + chunk]], window, rng)
            if pairs.shape[0] == 0:
                continue
            pairs = pairs[rng.permutation(pairs.shape[0])]
            neg = rng.integers(0, table.size, size=(pairs.shape[0], negatives))
            pairs_t = torch.from_numpy(pairs).to(dev)
            neg_t = table_t[torch.from_numpy(neg).to(dev)]  # (P, K) node ids
            for b0 in range(0, pairs.shape[0], batch_size):
                check(cancel)
                rate = max(lr_min, lr0 * (1.0 - done / total_batches))
                ci = pairs_t[b0 : b0 + batch_size, 0]
                ids = torch.cat([pairs_t[b0 : b0 + batch_size, 1:], neg_t[b0 : b0 + batch_size]], 1).reshape(-1)
                m = ci.shape[0]
                c = w_in.index_select(0, ci)  # (B, D)
                ov = w_out.index_select(0, ids).view(m, negatives + 1, dim)  # context, then negatives
                # d loss / d score: sigmoid(s) - 1 for the context, sigmoid(s) for a negative
                g = torch.sigmoid((ov * c.unsqueeze(1)).sum(-1)) - label  # (B, 1 + K)
                g_c = (g.unsqueeze(2) * ov).sum(1)
                w_out.index_add_(0, ids, (g.unsqueeze(2) * c.unsqueeze(1)).view(-1, dim), alpha=-rate)
                w_in.index_add_(0, ci, g_c, alpha=-rate)
                done += 1
            report(progress, 20.0 + 80.0 * (epoch + min(1.0, (c0 + chunk) / n_walks)) / epochs)
    return w_in.cpu().numpy().astype(np.float32)
