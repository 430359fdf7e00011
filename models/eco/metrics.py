"""Quality of a snapshot's clustering: the modularity QS (Formula 14) and the NMI between the clusterings of two
consecutive steps (Formula 15); noise points count as singletons in both."""

from __future__ import annotations

from math import log
from typing import Optional

import numpy as np


def modularity(n: int, i, j, d, labels, min_distance: float = 1.0) -> float:
    """QS of Formula 14 (Newman–Girvan modularity as in Kim & Han 2009) on the graph of the given pairs with
    similarity 1/d; noise points (label −1) count as singletons."""
    if i.size == 0:
        return 0.0
    w = 1.0 / np.maximum(d, min_distance)
    lab = _singletons(labels)
    total = w.sum()
    same = lab[i] == lab[j]
    _, inv = np.unique(lab, return_inverse=True)
    k = inv.max() + 1
    intra = np.bincount(inv[i[same]], weights=w[same], minlength=k)
    degree = np.bincount(inv[i], weights=w, minlength=k) + np.bincount(inv[j], weights=w, minlength=k)
    return float((intra / total).sum() - ((degree / (2 * total)) ** 2).sum())


def _singletons(labels):
    lab = np.asarray(labels, np.int64).copy()
    noise = lab < 0
    lab[noise] = -1 - np.arange(int(noise.sum()))
    return lab


def consecutive_nmi(prev_obj, prev_labels, obj, labels) -> Optional[float]:
    """NMI (Formula 15, geometric normalisation) between the clusterings of the objects present at both steps;
    noise points are singletons. None when fewer than two objects are shared."""
    if prev_obj is None:
        return None
    common, a, b = np.intersect1d(prev_obj, obj, assume_unique=True, return_indices=True)
    if common.size < 2:
        return None
    return nmi(_singletons(prev_labels[a]), _singletons(labels[b]))


def _entropy(counts) -> float:
    if counts.size == 1:
        return 0.0
    p = counts.astype(np.float64)
    total = p.sum()
    return float(-np.sum((p / total) * (np.log(p) - log(total))))


def nmi(a, b) -> float:
    """Normalized mutual information of two labelings (geometric mean of the entropies), computed as
    scikit-learn's ``normalized_mutual_info_score`` does (same terms in the same order, so the same value) without
    its per-call validation, which cost more than the clustering on streams of small snapshots."""
    ua, ia, ca = np.unique(a, return_inverse=True, return_counts=True)
    ub, ib, cb = np.unique(b, return_inverse=True, return_counts=True)
    if ua.size == ub.size == 1 or ua.size == ub.size == 0:
        return 1.0
    if ua.size == 1 or ub.size == 1:
        return 0.0
    # the non-zero cells of the contingency table in column-major order (as scipy's sparse ``find`` gives them)
    cell, nz = np.unique(ib.astype(np.int64) * ua.size + ia, return_counts=True)
    nzx, nzy = cell % ua.size, cell // ua.size
    nz = nz.astype(np.float64)
    total = float(a.size)
    pi, pj = ca.astype(np.float64), cb.astype(np.float64)
    outer = pi.take(nzx).astype(np.int64) * pj.take(nzy).astype(np.int64)
    log_outer = -np.log(outer) + log(pi.sum()) + log(pj.sum())
    share = nz / total
    mi = share * (np.log(nz) - log(total)) + share * log_outer
    mi = np.where(np.abs(mi) < np.finfo(mi.dtype).eps, 0.0, mi)
    mi = float(np.clip(mi.sum(), 0.0, None))
    if mi == 0:
        return 0.0
    return float(mi / np.sqrt(_entropy(ca) * _entropy(cb)))
