"""Quality of a snapshot's clustering: the modularity QS (Formula 14) and the NMI between the clusterings of two
consecutive steps (Formula 15); noise points count as singletons in both."""

from __future__ import annotations

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
    from sklearn.metrics import normalized_mutual_info_score

    if prev_obj is None:
        return None
    common, a, b = np.intersect1d(prev_obj, obj, assume_unique=True, return_indices=True)
    if common.size < 2:
        return None
    return float(
        normalized_mutual_info_score(_singletons(prev_labels[a]), _singletons(labels[b]), average_method="geometric")
    )
