"""The metrics of the downstream tasks (:mod:`.tasks`): micro-F1, macro-F1 and Recall@5 of destination prediction,
MAE / MAPE / RMSE of travel-time estimation, accuracy, F1, ROC AUC and Recall@5 of classification.

* Macro-F1 is scikit-learn's ``f1_score(average="macro")`` with its default label set: the classes present in the
  true OR the predicted labels of the evaluated rows (what LibCity's evaluators compute). Classes never seen in the
  evaluated rows do not count; a predicted class that never occurs counts with F1 = 0. Micro-F1 equals accuracy for
  single-label prediction. Recall@5: the share of rows whose true class is among the five highest scores (ties
  broken towards the lower class index, as a stable sort would).
* MAPE is a fraction (0.25 = 25 %) over the targets that are not zero.
"""

from __future__ import annotations

from typing import Dict

import numpy as np

from .tasks import TASKS


def top_k(scores: np.ndarray, k: int = 5, chunk: int = 1024) -> np.ndarray:
    """(n, k) class indices of the ``k`` highest scores of each row, best first (ties: lower class index first, as
    Recall@k counts them); rows are sorted ``chunk`` at a time to bound memory on many classes."""
    scores = np.asarray(scores)
    return np.concatenate(
        [
            np.argsort(-scores[a : a + chunk], axis=1, kind="stable")[:, :k]
            for a in range(0, max(scores.shape[0], 1), chunk)
        ]
    )


def _recall_at_k(y_true: np.ndarray, scores: np.ndarray, k: int = 5, chunk: int = 1024) -> float:
    """Share of rows whose true class ranks among the ``k`` highest scores (ties: lower class index first)."""
    n, c = scores.shape
    if n == 0:
        return float("nan")
    hits = 0
    cols = np.arange(c)
    for a in range(0, n, chunk):
        s = scores[a : a + chunk]
        y = y_true[a : a + chunk]
        t = s[np.arange(s.shape[0]), y][:, None]
        rank = (s > t).sum(axis=1) + ((s == t) & (cols[None, :] < y[:, None])).sum(axis=1)
        hits += int((rank < k).sum())
    return hits / n


def _check_scores(y_true, scores):
    y = np.asarray(y_true, np.int64).ravel()
    s = np.asarray(scores)
    if not np.issubdtype(s.dtype, np.floating):
        s = s.astype(np.float64)
    if s.ndim != 2 or s.shape[0] != y.size:
        raise ValueError(f"scores must be (n_rows, n_classes); got {s.shape} for {y.size} targets")
    if y.size and (y.min() < 0 or y.max() >= s.shape[1]):
        raise ValueError("a true class is outside the score columns")
    return y, s


def destination_metrics(y_true, scores) -> Dict[str, float]:
    """Micro-F1 (= accuracy), macro-F1 (over the classes in the true or predicted units, see the module doc) and
    Recall@5 of destination scores (n, n_units), higher = more likely. With ``predict_length`` k the targets are
    (n, k) and the scores (n, k, n_units): the k positions of every row are pooled (``n`` counts them)."""
    from sklearn.metrics import f1_score

    scores = np.asarray(scores)
    if scores.ndim == 3:
        scores = scores.reshape(-1, scores.shape[-1])
    y, s = _check_scores(y_true, scores)
    pred = s.argmax(axis=1)
    return {
        "micro_f1": float(f1_score(y, pred, average="micro", zero_division=0)),
        "macro_f1": float(f1_score(y, pred, average="macro", zero_division=0)),
        "recall_at_5": float(_recall_at_k(y, s, 5)),
        "n": int(y.size),
    }


def destination_rows(y_true, scores):
    """Per task row of destination prediction: (the true last unit (n,), the scores of the last position (n, units),
    the number of the k positions predicted right (n,) with ``predict_length`` k, else None)."""
    y = np.asarray(y_true)
    s = np.asarray(scores)
    if y.ndim == 1:
        return y, s, None
    s = s.reshape(y.shape[0], y.shape[1], -1)
    return y[:, -1], s[:, -1], (s.argmax(axis=-1) == y).sum(axis=1)


def regression_metrics(y_true, y_pred) -> Dict[str, float]:
    """MAE, MAPE (a fraction, over the non-zero targets only) and RMSE."""
    t = np.asarray(y_true, np.float64).ravel()
    p = np.asarray(y_pred, np.float64).ravel()
    if t.shape != p.shape:
        raise ValueError(f"{p.size} predictions for {t.size} targets")
    err = p - t
    nz = t != 0
    return {
        "mae": float(np.abs(err).mean()) if t.size else float("nan"),
        "mape": float(np.mean(np.abs(err[nz]) / np.abs(t[nz]))) if nz.any() else float("nan"),
        "rmse": float(np.sqrt(np.mean(err**2))) if t.size else float("nan"),
        "n": int(t.size),
    }


def classification_metrics(y_true, scores) -> Dict[str, float]:
    """Accuracy, micro-F1 and macro-F1 of class scores (n, n_classes); with two classes also F1 of class 1 and ROC
    AUC (when both classes occur), with at least five classes Recall@5."""
    from sklearn.metrics import f1_score, roc_auc_score

    y, s = _check_scores(y_true, scores)
    pred = s.argmax(axis=1)
    out = {
        "accuracy": float((pred == y).mean()) if y.size else float("nan"),
        "micro_f1": float(f1_score(y, pred, average="micro", zero_division=0)),
        "macro_f1": float(f1_score(y, pred, average="macro", zero_division=0)),
    }
    if s.shape[1] == 2:
        out["f1"] = float(f1_score(y, pred, pos_label=1, average="binary", zero_division=0))
        out["auc"] = float(roc_auc_score(y, s[:, 1] - s[:, 0])) if np.unique(y).size == 2 else float("nan")
    if s.shape[1] >= 5:
        out["recall_at_5"] = float(_recall_at_k(y, s, 5))
    out["n"] = int(y.size)
    return out


def task_metrics(task: str, y_true, output) -> Dict[str, float]:
    """The metrics of ``task`` (scores for the classification tasks, minutes for travel time)."""
    if task == "destination":
        return destination_metrics(y_true, output)
    if task == "travel_time":
        return regression_metrics(y_true, output)
    if task == "classification":
        return classification_metrics(y_true, output)
    raise ValueError(f"unknown task {task!r}; use one of {', '.join(TASKS)}")


# ---------------------------------------------------------------------------------------- naive baselines
#: the name of each task's naive baseline, as printed beside the model's figures
BASELINE_NAMES = {
    "destination": "most frequent destination",
    "travel_time": "median speed",
    "classification": "most frequent class",
}
#: the figures of each task printed beside the baseline, with their display names (errors: lower is better)
FIGURE_NAMES = {
    "micro_f1": "micro-F1",
    "macro_f1": "macro-F1",
    "recall_at_5": "Recall@5",
    "accuracy": "accuracy",
    "f1": "F1",
    "auc": "ROC AUC",
    "mae": "MAE (min)",
    "mape": "MAPE",
    "rmse": "RMSE (min)",
}
_ERRORS = ("mae", "mape", "rmse")


def frequency_scores(y_train, n_classes: int, shape) -> np.ndarray:
    """Scores of the most-frequent baseline: every row scores each class by its count among the training targets
    (``y_train`` pooled over its positions), broadcast to ``shape`` + (n_classes,); the top class is the most
    frequent one (ties: the lower class index), the top five the five most frequent."""
    counts = np.bincount(np.asarray(y_train, np.int64).ravel(), minlength=n_classes).astype(np.float64)
    return np.broadcast_to(counts, tuple(shape) + (n_classes,))


def path_km(seqs, data, lonlat) -> np.ndarray:
    """Length (km) of every task row's visible unit path: the sum of the distances between consecutive unit
    centres (``lonlat`` (n_units, 2) of the network), over the first ``keep`` units."""
    from ..core.units import _km_offsets

    out = np.zeros(len(data))
    for r, (row, keep) in enumerate(zip(data.index.tolist(), data.keep.tolist())):
        u = seqs.seq(row)[:keep]
        if u.size > 1:
            p = np.asarray(lonlat)[u]
            dx, dy = _km_offsets(p[:-1, 0], p[:-1, 1], p[1:, 0], p[1:, 1])
            out[r] = float(np.hypot(dx, dy).sum())
    return out


def median_speed_minutes(km_train, minutes_train, km_test) -> np.ndarray:
    """The median-speed baseline of travel time: minutes = length / the median speed of the training rows that
    moved (km per minute); the median training duration when none moved."""
    km_train, minutes_train = np.asarray(km_train, float), np.asarray(minutes_train, float)
    moved = (km_train > 0) & (minutes_train > 0)
    if not moved.any():
        return np.full(np.asarray(km_test).shape, float(np.median(minutes_train)) if minutes_train.size else 0.0)
    speed = float(np.median(km_train[moved] / minutes_train[moved]))
    return np.asarray(km_test, float) / speed


def baseline_metrics(task: str, data, train, test, seqs=None, lonlat=None) -> Dict[str, float]:
    """The task's metrics on the ``test`` rows of a naive baseline fitted on the ``train`` rows of ``data``: the
    most frequent destination / class (:func:`frequency_scores`), or for travel time the median speed applied to
    each row's unit path (``seqs`` and the network's ``lonlat`` needed; :func:`median_speed_minutes`)."""
    train, test = np.asarray(train, np.int64), np.asarray(test, np.int64)
    if task == "travel_time":
        km = path_km(seqs, data, lonlat)
        return regression_metrics(data.y[test], median_speed_minutes(km[train], data.y[train], km[test]))
    y_test = data.y[test]
    return task_metrics(task, y_test, frequency_scores(data.y[train], data.n_classes, y_test.shape))


def task_figures(task: str, metrics: Dict[str, float], baseline: Dict[str, float]) -> list:
    """The :class:`~models.core.figures.Figure` of every metric of ``metrics`` (``n`` left out) beside the same
    metric of the ``baseline`` (:func:`baseline_metrics`)."""
    from ..core.figures import Figure

    name = BASELINE_NAMES[task]
    return [
        Figure(FIGURE_NAMES.get(k, k), float(v), name, baseline.get(k), higher_is_better=k not in _ERRORS)
        for k, v in metrics.items()
        if k != "n"
    ]
