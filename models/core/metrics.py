"""Clustering quality against ground-truth labels: UACC (Hungarian matching), NMI, RI and ARI.

UACC is the unsupervised clustering accuracy of DEC/E2DTC: the best one-to-one mapping of predicted clusters to
true labels (scipy's Hungarian solver on the contingency table), then plain accuracy. The other scores come from
scikit-learn.
"""

from __future__ import annotations

import numpy as np


def unsupervised_accuracy(y_true, y_pred) -> float:
    from scipy.optimize import linear_sum_assignment
    from sklearn.metrics.cluster import contingency_matrix

    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    if y_true.shape != y_pred.shape:
        raise ValueError(f"labels and predictions differ in length ({y_true.size} vs {y_pred.size})")
    if y_true.size == 0:
        raise ValueError("no labels to compare")
    table = contingency_matrix(y_true, y_pred)
    rows, cols = linear_sum_assignment(table, maximize=True)
    return float(table[rows, cols].sum() / y_true.size)


def encode_labels(values):
    """(integer codes, mask of usable labels) of ground-truth values: None, NaN, "NULL" and negative numbers (the
    'unassigned' -1 of the ground-truth algorithm) are not labels."""
    values = list(values)

    def usable(v):
        if v is None or str(v) == "NULL":
            return False
        if isinstance(v, (int, float, np.integer, np.floating)) and not isinstance(v, bool):
            return not np.isnan(v) and v >= 0
        return True

    keep = np.array([usable(v) for v in values], bool)
    codes = np.full(len(values), -1, np.int64)
    if keep.any():
        _, codes[keep] = np.unique(np.array([str(v) for v, k in zip(values, keep) if k]), return_inverse=True)
    return codes, keep


def clustering_scores(y_true, y_pred) -> dict:
    """{"UACC", "NMI", "RI", "ARI"} of ``y_pred`` against ``y_true`` (any hashable labels)."""
    from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score, rand_score

    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    return {
        "UACC": unsupervised_accuracy(y_true, y_pred),
        "NMI": float(normalized_mutual_info_score(y_true, y_pred)),
        "RI": float(rand_score(y_true, y_pred)),
        "ARI": float(adjusted_rand_score(y_true, y_pred)),
    }
