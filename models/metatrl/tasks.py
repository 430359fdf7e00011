"""Downstream tasks of trajectory representation learning (MetaTRL, AAAI 2026; START, ICDE 2023): destination
prediction (DP), travel-time estimation (TTE) and trajectory classification (CLA), with their metrics, a trainer that
puts a linear head on any trajectory encoder, and two baselines.

Any encoder works: a torch ``nn.Module`` with an attribute ``d_model`` whose ``forward(batch)`` maps the tensors of
:func:`models.units.batch_arrays` to a (B, d_model) trajectory embedding.

* :func:`task_inputs` - which trajectories a task uses, how much of each the model sees, and the target.
* :func:`split` / :func:`validation_split` - deterministic (optionally stratified) train/test and train/validation
  splits of the task's rows.
* :func:`destination_metrics`, :func:`regression_metrics`, :func:`classification_metrics` - the paper's metrics.
* :func:`fit_task` -> :class:`TaskModel` - "a linear classifier or regressor followed target model is trained with
  cross-entropy or mean squared error loss" (Model Fine-tuning), the encoder fine-tuned or frozen.
* ``GRUBaseline`` - a supervised GRU encoder trained end to end through :func:`fit_task`.
* :class:`RawFeatureBaseline` - no representation learning: hand-crafted features and a linear scikit-learn model.

Row positions: ``split`` and everything after it index the task's rows (``0 .. len(data) - 1``), never the rows of
the :class:`~models.units.UnitSequences`; ``data.index[pos]`` is the sequence of row ``pos``.

Choices the paper leaves open (it follows START / LibCity), made here:

* Destination prediction: the model sees the trajectory without its last ``tail_share`` (default 20 %) of units, at
  least one unit removed and one kept; the target is the unit of the full trajectory's last visit, a class among all
  units of the network (START's setting). The visible part keeps its visit times. With ``predict_length`` k >= 1
  the protocol of the MetaTRL authors' code is used instead (LibCity ``TrajDesPredictDataset``, ``predict_length``
  4): the model sees all but the last k units and predicts each of those k units (a head of k x units outputs, one
  cross-entropy per position); the metrics pool the k positions of every row. Its first positions follow right
  after the visible part, so it is an easier task than the last unit after a 20 % tail.
* Travel-time estimation: the model sees every unit but only the departure time (``time_visible="first"``): later
  visit times, the gaps between them and the elapsed times are hidden (:func:`models.units.batch_arrays`), and a
  sequence cut to its last ``max_len`` units gets the clock time of the real departure, so that no arrival time
  leaks in. The target is the time in minutes from the first to the last unit; trajectories
  with a zero duration are dropped. The head regresses the target standardised on the training rows; metrics are
  in minutes. MAPE is a fraction (0.25 = 25 %) over the targets that are not zero.
* Classification: the whole trajectory with all its times; labels come from a field (missing: None, NaN, empty
  text); a label field with a single class is refused. Binary tasks report accuracy, F1 of the second class (in
  sorted order) and ROC AUC; multi-class tasks micro-F1, macro-F1 and Recall@5 (with at least five classes).
* Macro-F1 is scikit-learn's ``f1_score(average="macro")`` with its default label set: the classes present in the
  true OR the predicted labels of the evaluated rows (what LibCity's evaluators compute). Classes never seen in the
  evaluated rows do not count; a predicted class that never occurs counts with F1 = 0. Micro-F1 equals accuracy for
  single-label prediction. Recall@5: the share of rows whose true class is among the five highest scores (ties
  broken towards the lower class index, as a stable sort would).
* Validation: :func:`validation_split` carves 10 % of the training rows; :func:`fit_task` keeps the head (and the
  encoder) of the epoch with the lowest validation loss and stops after ``patience`` epochs without improvement.
* Fine-tuning: the encoder is deep-copied (the caller's module never changes) and trained with its own, lower
  learning rate (``encoder_lr``, default ``lr / 10``); frozen (``fine_tune=False``) the embeddings are computed once
  and only the head is trained, which is fast. A supervised encoder trained from scratch (``GRUBaseline``) should
  get ``encoder_lr=lr``.
"""

from __future__ import annotations

import copy
import warnings
from dataclasses import dataclass, field
from typing import Dict, Optional, Tuple

import numpy as np

from ..core.modelfile import torch_setup
from ..core.progress import CancelFn, ProgressFn, check, report, scaled
from ..core.units import (
    N_DAYS,
    N_MINUTES,
    N_SPECIAL,
    PAD_TOKEN,
    UnitSequences,
    batch_arrays,
    clock_features,
    to_tensors,
)

TASKS = ("destination", "travel_time", "classification")
TASK_LABELS = {
    "destination": "destination prediction",
    "travel_time": "travel-time estimation",
    "classification": "trajectory classification",
}


class TaskDataError(ValueError):
    """The trajectories or labels cannot make the asked task; the message says what to change."""


# ------------------------------------------------------------------------------------------ task data
@dataclass
class TaskData:
    """The rows of one downstream task (see :func:`task_inputs`).

    ``index``: rows of the UnitSequences used; ``keep``: units the model sees of each (the first ``keep``);
    ``time_visible``: "all" or "first" (see :func:`models.units.batch_arrays`); ``y``: the target (destination: unit
    index, or (n, k) unit indices with ``predict_length`` k; travel_time: minutes, float; classification: class code
    into ``classes``); ``classes``: the class labels
    as given (classification), the number of units (destination), None (travel_time); ``dropped``: skipped
    sequences by reason."""

    task: str
    index: np.ndarray
    keep: np.ndarray
    time_visible: str
    y: np.ndarray
    classes: object = None
    dropped: Dict[str, int] = field(default_factory=dict)

    def __len__(self) -> int:
        return int(self.index.size)

    @property
    def is_regression(self) -> bool:
        return self.task == "travel_time"

    @property
    def n_targets(self) -> int:
        """Targets per row: k for destination prediction with ``predict_length`` k, else 1."""
        return int(self.y.shape[1]) if self.y.ndim == 2 else 1

    @property
    def n_classes(self) -> int:
        """Outputs of a classification head (0 for travel time)."""
        if self.task == "destination":
            return int(self.classes)
        if self.task == "classification":
            return int(len(self.classes))
        return 0

    def stratify_labels(self) -> Optional[np.ndarray]:
        """The class codes to stratify splits with (classification only)."""
        return self.y if self.task == "classification" else None


def _is_missing(v) -> bool:
    if v is None:
        return True
    is_null = getattr(v, "isNull", None)  # QVariant NULL, if one slips through
    if callable(is_null):
        try:
            return bool(is_null())
        except TypeError:
            pass
    if isinstance(v, (float, np.floating)):
        return bool(np.isnan(v))
    if isinstance(v, str):
        return v.strip() == ""
    return False


def _sort_key(v):
    if isinstance(v, (bool, np.bool_)):
        return (1, str(v))
    if isinstance(v, (int, float, np.integer, np.floating)):
        return (0, float(v))
    return (1, str(v))


def task_inputs(
    seqs: UnitSequences,
    task: str,
    labels=None,
    tail_share: float = 0.2,
    min_units: int = 3,
    n_units: Optional[int] = None,
    predict_length: int = 0,
) -> TaskData:
    """The :class:`TaskData` of ``task`` on ``seqs`` (see the module doc for each task's setting).

    ``labels``: one class label per sequence (classification only; None, NaN or empty text = missing).
    ``tail_share``: share of the units hidden from destination prediction (at least one hidden, one kept).
    ``min_units``: shorter sequences are skipped (destination prediction needs at least 2, or k + 1).
    ``n_units``: the number of units of the network (destination classes); default the largest unit index + 1.
    ``predict_length``: destination prediction only; 0 = the last unit after hiding ``tail_share``; k >= 1 = the
    last k units are hidden and each is a target (``y`` is (n, k)), the MetaTRL authors' protocol.
    """
    if task not in TASKS:
        raise ValueError(f"unknown task {task!r}; use one of {', '.join(TASKS)}")
    if not 0.0 <= float(tail_share) < 1.0:
        raise ValueError("tail_share must be at least 0 and below 1 (the share of units hidden from the model)")
    k = int(predict_length)
    if k < 0:
        raise ValueError("predict_length must be 0 (the last unit after the tail share) or a number of units")
    if k and task != "destination":
        raise ValueError(f"predict_length is a setting of destination prediction, not of {TASK_LABELS[task]}")
    n = len(seqs)
    lens = seqs.lengths
    min_units = max(int(min_units), (k + 1 if k else 2) if task == "destination" else 1)
    ok = lens >= min_units
    dropped = {"too_short": int((~ok).sum())}
    what = TASK_LABELS[task]
    if n == 0:
        raise TaskDataError(f"no trajectory to use for {what}; the input layer has no trajectory with units")
    codes = classes = None
    if task == "classification":
        if labels is None:
            raise TaskDataError(
                "trajectory classification needs a label field; choose the field holding the class of each trajectory"
            )
        lab = list(labels)
        if len(lab) != n:
            raise ValueError(f"{len(lab)} labels for {n} trajectories; give one label per trajectory")
        missing = np.array([_is_missing(v) for v in lab], bool)
        dropped["missing_label"] = int((ok & missing).sum())
        ok &= ~missing
        present = sorted({lab[i] for i in np.flatnonzero(ok)}, key=_sort_key)
        if len(present) == 1:
            raise TaskDataError(
                f"the label field has only one class ({present[0]!r}) among the usable trajectories; "
                f"choose a field with at least two"
            )
        lookup = {v: k for k, v in enumerate(present)}
        codes = np.array([lookup[lab[i]] if ok[i] else -1 for i in range(n)], np.int64)
        classes = np.empty(len(present), object)
        classes[:] = present
    elif labels is not None:
        raise ValueError(f"{what} takes no labels")
    starts, ends = seqs.offsets[:-1], seqs.offsets[1:]
    if task == "travel_time":
        dur = np.zeros(n, np.float64)
        has = lens > 0
        dur[has] = (seqs.times[ends[has] - 1] - seqs.times[starts[has]]) / 60.0
        zero = ok & (dur <= 0)
        dropped["zero_duration"] = int(zero.sum())
        ok &= ~zero
    rows = np.flatnonzero(ok).astype(np.int64)
    if rows.size == 0:
        reasons = ", ".join(f"{k.replace('_', ' ')}: {v}" for k, v in dropped.items() if v)
        raise TaskDataError(
            f"no trajectory is usable for {what} ({reasons}); trajectories need at least "
            f"{min_units} units"
            + (" and a label" if task == "classification" else "")
            + (" - predict fewer units at the end" if k else " - lower the minimum number of units")
            + " or use longer trajectories"
        )
    L = lens[rows]
    if task == "destination":
        if k:
            keep = L - k
            y = seqs.units[(ends[rows] - k)[:, None] + np.arange(k)[None, :]].astype(np.int64)
        else:
            hide = np.maximum(np.round(L * float(tail_share)).astype(np.int64), 1)
            keep = np.maximum(L - hide, 1)
            y = seqs.units[ends[rows] - 1].astype(np.int64)
        if n_units is None:
            n_units = int(seqs.units.max()) + 1 if seqs.units.size else 0
        if seqs.units.size and int(seqs.units.max()) >= int(n_units):
            raise ValueError(f"a unit index is not below n_units={n_units}; pass the network's number of units")
        return TaskData(task, rows, keep.astype(np.int64), "all", y, int(n_units), dropped)
    if task == "travel_time":
        return TaskData(task, rows, L.astype(np.int64), "first", dur[rows], None, dropped)
    return TaskData(task, rows, L.astype(np.int64), "all", codes[rows], classes, dropped)


# ------------------------------------------------------------------------------------------- splits
def _stratified(n: int, fraction: float, rng, stratify) -> np.ndarray:
    """Positions (sorted) of a ``fraction`` of ``0..n-1`` drawn per class (every class keeps a member on each side
    where it has two)."""
    if stratify is None:
        perm = rng.permutation(n)
        k = int(round(n * fraction))
        k = min(max(k, 1), n - 1) if n >= 2 else n
        return np.sort(perm[:k])
    strat = np.asarray(stratify)
    if strat.shape[0] != n:
        raise ValueError(f"stratify has {strat.shape[0]} values for {n} rows")
    chosen = []
    for c in np.unique(strat):
        members = np.flatnonzero(strat == c)
        members = members[rng.permutation(members.size)]
        k = int(round(members.size * fraction))
        if members.size >= 2:
            k = min(max(k, 1), members.size - 1)
        chosen.append(members[:k])
    return np.sort(np.concatenate(chosen)).astype(np.int64)


def split(n: int, train_fraction: float = 0.8, seed: int = 0, stratify=None) -> Tuple[np.ndarray, np.ndarray]:
    """(train positions, test positions) of ``n`` rows, deterministic in ``seed``; ``stratify`` (one value per
    row, e.g. ``data.stratify_labels()``) keeps each class's share on both sides."""
    n = int(n)
    if not 0.0 < float(train_fraction) < 1.0:
        raise ValueError("the training share must be above 0 and below 1")
    if n < 2:
        raise TaskDataError(f"{n} usable trajectory; a train/test split needs at least 2")
    rng = np.random.default_rng(seed)
    train = _stratified(n, float(train_fraction), rng, stratify)
    test = np.setdiff1d(np.arange(n, dtype=np.int64), train)
    if train.size == 0 or test.size == 0:
        raise TaskDataError("the split left one side empty; use more trajectories or another training share")
    return train.astype(np.int64), test.astype(np.int64)


def validation_split(train_idx, fraction: float = 0.1, seed: int = 0, stratify=None) -> Tuple[np.ndarray, np.ndarray]:
    """(fit positions, validation positions): ``fraction`` of the training positions ``train_idx`` held out for early
    stopping (none when fewer than 10 rows). ``stratify``: one value per task row (indexed by position)."""
    train_idx = np.asarray(train_idx, np.int64)
    if train_idx.size < 10 or fraction <= 0:
        return train_idx, np.zeros(0, np.int64)
    rng = np.random.default_rng(int(seed) + 7919)
    strat = None if stratify is None else np.asarray(stratify)[train_idx]
    sel = _stratified(train_idx.size, float(fraction), rng, strat)
    val = train_idx[sel]
    return np.setdiff1d(train_idx, val), np.sort(val)


# ------------------------------------------------------------------------------------------ metrics
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


# ------------------------------------------------------------------------------------ batches
def task_batch(seqs: UnitSequences, data: TaskData, pos, max_len: int) -> Dict[str, np.ndarray]:
    """:func:`models.units.batch_arrays` of the task rows ``pos``, with the task's visible units and times; a
    travel-time sequence cut to its last ``max_len`` units shows the clock time of its real departure (not of its
    first kept unit)."""
    pos = np.asarray(pos, np.int64)
    rows, keep = data.index[pos], data.keep[pos]
    b = batch_arrays(seqs, rows, int(max_len), data.time_visible, keep)
    if data.time_visible == "first":
        cut = np.minimum(seqs.lengths[rows], keep) > int(max_len)
        if cut.any():
            minute, dow = clock_features(seqs.times[seqs.offsets[:-1][rows[cut]]], seqs.tz_offset_s)
            b["minute"][cut, 0] = minute
            b["dow"][cut, 0] = dow
    return b


def _length_batches(data: TaskData, pos: np.ndarray, batch_size: int):
    """Batches of positions of similar length (less padding at inference); yields (slice into pos order, pos)."""
    order = np.argsort(data.keep[pos], kind="stable")
    for a in range(0, order.size, batch_size):
        sel = order[a : a + batch_size]
        yield sel, pos[sel]


# ---------------------------------------------------------------------------------------- model
class TaskModel:
    """An encoder with a linear head for one task (made by :func:`fit_task`).

    ``predict`` gives class probabilities (n, n_classes) for destination prediction and classification ((n, k,
    n_classes) for destination prediction with ``predict_length`` k), minutes (n,) for travel time; ``evaluate`` the
    task's metrics on task rows. ``history``: per-epoch ``train_loss`` and ``val_loss`` (standardised MSE for travel
    time), ``best_epoch`` the epoch whose weights were kept (0-based)."""

    def __init__(
        self,
        task,
        encoder,
        head,
        *,
        fine_tune,
        max_len,
        batch_size,
        device,
        n_classes,
        classes,
        y_mean=0.0,
        y_std=1.0,
        history=None,
        best_epoch=-1,
        n_targets=1,
    ):
        self.task = task
        self.encoder = encoder
        self.head = head
        self.fine_tune = bool(fine_tune)
        self.max_len = int(max_len)
        self.batch_size = int(batch_size)
        self.device = device
        self.n_classes = int(n_classes)
        self.n_targets = int(n_targets)
        self.classes = classes
        self.y_mean = float(y_mean)
        self.y_std = float(y_std)
        self.history = history if history is not None else {"train_loss": [], "val_loss": []}
        self.best_epoch = int(best_epoch)

    def _check(self, data: TaskData):
        if data.task != self.task:
            raise ValueError(f"this model was trained for {TASK_LABELS[self.task]}, not {TASK_LABELS[data.task]}")

    def embed(self, seqs: UnitSequences, data: TaskData, index=None, cancel: CancelFn = None) -> np.ndarray:
        """(n, d_model) encoder embeddings of the task rows ``index`` (default all)."""
        import torch

        self._check(data)
        pos = np.arange(len(data)) if index is None else np.asarray(index, np.int64)
        return (
            _embed(torch, self.encoder, seqs, data, pos, self.max_len, self.batch_size * 4, self.device, cancel)
            .cpu()
            .numpy()
        )

    def predict(self, seqs: UnitSequences, data: TaskData, index=None, cancel: CancelFn = None) -> np.ndarray:
        """Class probabilities (n, n_classes) or (n, k, n_classes), or travel times in minutes (n,), of the task
        rows ``index``."""
        import torch

        self._check(data)
        pos = np.arange(len(data)) if index is None else np.asarray(index, np.int64)
        z = _embed(torch, self.encoder, seqs, data, pos, self.max_len, self.batch_size * 4, self.device, cancel)
        self.head.eval()
        with torch.no_grad():
            out = self.head(z)
        if self.task == "travel_time":
            return out[:, 0].double().cpu().numpy() * self.y_std + self.y_mean
        if self.n_targets > 1:
            out = out.reshape(out.shape[0], self.n_targets, self.n_classes)
        return torch.softmax(out.float(), dim=-1).cpu().numpy()

    def evaluate(self, seqs: UnitSequences, data: TaskData, index=None, cancel: CancelFn = None) -> Dict[str, float]:
        """The task's metrics on the task rows ``index`` (default all)."""
        pos = np.arange(len(data)) if index is None else np.asarray(index, np.int64)
        return task_metrics(self.task, data.y[pos], self.predict(seqs, data, pos, cancel))


def _embed(torch, encoder, seqs, data, pos, max_len, batch_size, device, cancel):
    """(n, d) embeddings in ``pos`` order, encoder in eval mode, no gradients."""
    was = encoder.training
    encoder.eval()
    out = torch.zeros((pos.size, int(encoder.d_model)), dtype=torch.float32, device=device)
    try:
        with torch.no_grad():
            for sel, p in _length_batches(data, pos, max(int(batch_size), 1)):
                check(cancel)
                z = encoder(to_tensors(task_batch(seqs, data, p, max_len), device))
                out[torch.from_numpy(sel).to(device)] = z.float()
    finally:
        encoder.train(was)
    return out


def fit_task(
    encoder,
    seqs: UnitSequences,
    data: TaskData,
    train_idx,
    val_idx=None,
    *,
    fine_tune: bool = True,
    epochs: Optional[int] = None,
    batch_size: int = 64,
    lr: float = 1e-3,
    encoder_lr: Optional[float] = None,
    max_len: int = 128,
    patience: int = 3,
    max_grad_norm: float = 5.0,
    device: Optional[str] = None,
    n_threads: Optional[int] = None,
    seed: int = 0,
    progress: ProgressFn = None,
    cancel: CancelFn = None,
) -> TaskModel:
    """Train a linear head (d_model -> classes, or -> 1 for travel time) on ``encoder`` for ``data.task``.

    ``encoder``: a module with ``d_model`` and ``forward(batch) -> (B, d_model)``, or a callable without arguments
    returning one (called after seeding, so its initial weights follow ``seed``). The module is deep-copied: the
    caller's encoder never changes. ``train_idx``/``val_idx``: task row positions (:func:`split`,
    :func:`validation_split`); with validation rows the weights of the epoch with the lowest validation loss are kept
    and training stops after ``patience`` epochs without improvement. ``fine_tune``: train the encoder too, with
    ``encoder_lr`` (default ``lr / 10``); otherwise the embeddings are computed once and only the head trains.
    ``epochs`` defaults to 20 fine-tuning, 100 frozen. Cross-entropy for the classification tasks, MSE on the
    standardised travel time; with ``predict_length`` k (destination) the head has k x units outputs and the loss
    is the mean cross-entropy over the k positions. ``device``: "cpu", "cuda" or None (CUDA when present).
    """
    torch, dev = torch_setup(device or "auto", n_threads)
    if data.task not in TASKS:
        raise ValueError(f"unknown task {data.task!r}")
    train_idx = np.asarray(train_idx, np.int64)
    val_idx = np.zeros(0, np.int64) if val_idx is None else np.asarray(val_idx, np.int64)
    if train_idx.size == 0:
        raise TaskDataError("no training trajectory; use a larger training share")
    if epochs is None:
        epochs = 20 if fine_tune else 100
    epochs, batch_size = int(epochs), max(int(batch_size), 1)
    encoder_lr = lr / 10.0 if encoder_lr is None else float(encoder_lr)
    torch.manual_seed(int(seed))
    rng = np.random.default_rng(int(seed))
    if isinstance(encoder, torch.nn.Module):
        enc = copy.deepcopy(encoder)
    elif callable(encoder):
        enc = encoder()
    else:
        raise TypeError("encoder must be a torch module or a callable returning one")
    if not hasattr(enc, "d_model"):
        raise TypeError("the encoder needs a d_model attribute (the size of its trajectory embedding)")
    enc = enc.to(dev)
    regression = data.is_regression
    n_out = 1 if regression else data.n_classes
    head = torch.nn.Linear(int(enc.d_model), n_out * data.n_targets).to(dev)
    y_mean, y_std = 0.0, 1.0
    if regression:
        yt = data.y[train_idx].astype(np.float64)
        y_mean, y_std = float(yt.mean()), float(yt.std())
        y_std = y_std if y_std > 1e-9 else 1.0
        target = torch.from_numpy(((data.y - y_mean) / y_std).astype(np.float32)).to(dev)
        loss_fn = torch.nn.MSELoss()
    else:
        target = torch.from_numpy(data.y.astype(np.int64)).to(dev)
        loss_fn = torch.nn.CrossEntropyLoss()

    def task_loss(out, tgt):
        """The loss of head outputs against their targets (one cross-entropy term per predicted position)."""
        if regression:
            return loss_fn(out[:, 0], tgt)
        return loss_fn(out.reshape(-1, n_out), tgt.reshape(-1))

    history = {"train_loss": [], "val_loss": []}
    best = (float("inf"), -1, None)
    bad = 0

    def snapshot():
        state = {"head": copy.deepcopy(head.state_dict())}
        if fine_tune:
            state["encoder"] = copy.deepcopy(enc.state_dict())
        return state

    def keep_best(vl, ep) -> bool:
        """Keep the weights of the lowest validation loss; True when ``patience`` epochs brought no improvement."""
        nonlocal best, bad
        if vl < best[0]:
            best, bad = (vl, ep, snapshot()), 0
            return False
        bad += 1
        return bad >= int(patience)

    if fine_tune:
        for p in enc.parameters():
            p.requires_grad_(True)
        groups = [{"params": list(head.parameters()), "lr": float(lr)}]
        enc_params = list(enc.parameters())
        if enc_params:
            groups.append({"params": enc_params, "lr": encoder_lr})
        opt = torch.optim.Adam(groups)
        params = [p for g in groups for p in g["params"]]
        n_batches = int(np.ceil(train_idx.size / batch_size))

        def val_loss():
            if val_idx.size == 0:
                return float("nan")
            z = _embed(torch, enc, seqs, data, val_idx, max_len, batch_size * 4, dev, cancel)
            head.eval()
            with torch.no_grad():
                out = head(z)
                v = task_loss(out, target[torch.from_numpy(val_idx).to(dev)])
            return float(v)

        for ep in range(epochs):
            enc.train()
            head.train()
            perm = train_idx[rng.permutation(train_idx.size)]
            tot, cnt = 0.0, 0
            for b in range(n_batches):
                check(cancel)
                p = perm[b * batch_size : (b + 1) * batch_size]
                batch = to_tensors(task_batch(seqs, data, p, max_len), dev)
                out = head(enc(batch))
                loss = task_loss(out, target[torch.from_numpy(p).to(dev)])
                opt.zero_grad()
                loss.backward()
                if max_grad_norm:
                    torch.nn.utils.clip_grad_norm_(params, float(max_grad_norm))
                opt.step()
                tot += float(loss.detach()) * p.size
                cnt += p.size
                report(progress, 100.0 * (ep * n_batches + b + 1) / (epochs * n_batches))
            history["train_loss"].append(tot / max(cnt, 1))
            vl = val_loss()
            history["val_loss"].append(vl)
            if val_idx.size and keep_best(vl, ep):
                break
    else:
        for p in enc.parameters():
            p.requires_grad_(False)
        emb_prog = scaled(progress, 0.0, 30.0)
        both = np.concatenate([train_idx, val_idx])
        z_all = _embed(torch, enc, seqs, data, both, max_len, batch_size * 4, dev, cancel)
        report(emb_prog, 100.0)
        z_tr, z_va = z_all[: train_idx.size], z_all[train_idx.size :]
        t_tr = target[torch.from_numpy(train_idx).to(dev)]
        t_va = target[torch.from_numpy(val_idx).to(dev)]
        opt = torch.optim.Adam(head.parameters(), lr=float(lr))
        head_prog = scaled(progress, 30.0, 100.0)
        n_batches = int(np.ceil(train_idx.size / batch_size))
        for ep in range(epochs):
            check(cancel)
            head.train()
            perm = torch.from_numpy(rng.permutation(train_idx.size)).to(dev)
            tot = 0.0
            for b in range(n_batches):
                sel = perm[b * batch_size : (b + 1) * batch_size]
                out = head(z_tr[sel])
                loss = task_loss(out, t_tr[sel])
                opt.zero_grad()
                loss.backward()
                opt.step()
                tot += float(loss.detach()) * int(sel.numel())
            history["train_loss"].append(tot / train_idx.size)
            report(head_prog, 100.0 * (ep + 1) / epochs)
            if val_idx.size:
                head.eval()
                with torch.no_grad():
                    out = head(z_va)
                    vl = float(task_loss(out, t_va))
                history["val_loss"].append(vl)
                if keep_best(vl, ep):
                    break
            else:
                history["val_loss"].append(float("nan"))
    best_epoch = len(history["train_loss"]) - 1
    if best[2] is not None:
        head.load_state_dict(best[2]["head"])
        if "encoder" in best[2]:
            enc.load_state_dict(best[2]["encoder"])
        best_epoch = best[1]
    enc.eval()
    head.eval()
    report(progress, 100.0)
    return TaskModel(
        data.task,
        enc,
        head,
        fine_tune=fine_tune,
        max_len=max_len,
        batch_size=batch_size,
        device=dev,
        n_classes=n_out,
        classes=data.classes,
        y_mean=y_mean,
        y_std=y_std,
        history=history,
        best_epoch=best_epoch,
        n_targets=data.n_targets,
    )


# -------------------------------------------------------------------------------------- GRU baseline
_GRU_CLASS = None


def _gru_class():
    """The GRUBaseline module class (built on first use: this module imports torch lazily)."""
    global _GRU_CLASS
    if _GRU_CLASS is not None:
        return _GRU_CLASS
    import torch
    from torch import nn

    class GRUBaseline(nn.Module):
        """A supervised sequence encoder with the MetaTRL encoder interface: unit embedding + minute-of-day and
        day-of-week embeddings (zero where the time is hidden) + log1p of the gap to the previous unit (minutes)
        -> GRU -> hidden state after the last real unit. ``d_model`` = the GRU's hidden size."""

        def __init__(
            self,
            n_units: int,
            d_model: int = 64,
            unit_dim: int = 64,
            time_dim: int = 16,
            num_layers: int = 1,
            dropout: float = 0.0,
        ):
            super().__init__()
            self.n_units, self.d_model = int(n_units), int(d_model)
            self.unit_emb = nn.Embedding(self.n_units + N_SPECIAL, int(unit_dim), padding_idx=PAD_TOKEN)
            self.minute_emb = nn.Embedding(N_MINUTES + 1, int(time_dim), padding_idx=N_MINUTES)
            self.dow_emb = nn.Embedding(N_DAYS + 1, int(time_dim), padding_idx=N_DAYS)
            self.gru = nn.GRU(
                int(unit_dim) + 2 * int(time_dim) + 1,
                self.d_model,
                num_layers=int(num_layers),
                batch_first=True,
                dropout=float(dropout) if num_layers > 1 else 0.0,
            )

        def forward(self, batch):
            tokens = batch["tokens"]
            gap = torch.log1p(torch.clamp(batch["delta"].float(), min=0.0) / 60.0).unsqueeze(-1)
            x = torch.cat(
                [self.unit_emb(tokens), self.minute_emb(batch["minute"]), self.dow_emb(batch["dow"]), gap], dim=-1
            )
            lengths = (~batch["pad"]).sum(dim=1).clamp(min=1).cpu()
            packed = nn.utils.rnn.pack_padded_sequence(x, lengths, batch_first=True, enforce_sorted=False)
            _, h = self.gru(packed)
            return h[-1]

    GRUBaseline.__module__ = __name__
    GRUBaseline.__qualname__ = "GRUBaseline"
    _GRU_CLASS = GRUBaseline
    return GRUBaseline


def __getattr__(name):
    if name == "GRUBaseline":
        return _gru_class()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# -------------------------------------------------------------------------------- raw-feature baseline
class RawFeatureBaseline:
    """No pre-training: hand-crafted features of the visible part of each trajectory with a linear model -
    multinomial LogisticRegression for destination prediction and classification, Ridge for travel time. The
    logistic regression uses the saga solver (tol 1e-3): lbfgs takes about a minute with hundreds of destination
    classes where saga takes about a second.

    Features (sparse): one-hot of the first unit and of the last visible unit (and, for destination prediction, of
    the one before it), departure minute of day as sin/cos, day-of-week one-hot, the number of visible units (/100
    and log1p / 5). One-hot columns exist only for units seen in that role on the training rows (others stay
    all-zero). With ``predict_length`` k one logistic regression per predicted position."""

    def __init__(self, C: float = 1.0, alpha: float = 1.0, max_iter: int = 200, tol: float = 1e-3):
        self.C, self.alpha, self.max_iter, self.tol = float(C), float(alpha), int(max_iter), float(tol)
        self.task = None
        self.model_ = None
        self.columns_ = None
        self.n_classes_ = 0

    def _roles(self, seqs: UnitSequences, data: TaskData, pos: np.ndarray):
        rows, keep = data.index[pos], data.keep[pos]
        start = seqs.offsets[:-1][rows]
        roles = [seqs.units[start], seqs.units[start + keep - 1]]
        if data.task == "destination":
            roles.append(np.where(keep >= 2, seqs.units[start + np.maximum(keep - 2, 0)], -1))
        return roles, seqs.times[start], keep

    def _features(self, seqs: UnitSequences, data: TaskData, pos: np.ndarray):
        from scipy import sparse

        roles, t0, keep = self._roles(seqs, data, pos)
        n = pos.size
        blocks = []
        for units, cols in zip(roles, self.columns_):
            ok = np.isin(units, cols)
            c = np.searchsorted(cols, units[ok])
            blocks.append(
                sparse.csr_matrix((np.ones(int(ok.sum())), (np.flatnonzero(ok), c)), shape=(n, max(cols.size, 1)))
            )
        minute, dow = clock_features(t0, seqs.tz_offset_s)
        ang = 2.0 * np.pi * minute / N_MINUTES
        dense = np.column_stack([np.sin(ang), np.cos(ang), np.eye(N_DAYS)[dow], keep / 100.0, np.log1p(keep) / 5.0])
        blocks.append(sparse.csr_matrix(dense))
        return sparse.hstack(blocks, format="csr")

    def fit(self, seqs: UnitSequences, data: TaskData, train_idx, cancel: CancelFn = None) -> "RawFeatureBaseline":
        from sklearn.exceptions import ConvergenceWarning
        from sklearn.linear_model import LogisticRegression, Ridge

        check(cancel)
        pos = np.asarray(train_idx, np.int64)
        self.task = data.task
        roles, _, _ = self._roles(seqs, data, pos)
        self.columns_ = [np.unique(r[r >= 0]) for r in roles]
        X = self._features(seqs, data, pos)
        y = data.y[pos]
        if data.task == "travel_time":
            self.model_ = Ridge(alpha=self.alpha).fit(X, y.astype(np.float64))
        else:
            self.n_classes_ = data.n_classes
            ys = [y] if y.ndim == 1 else [y[:, j] for j in range(y.shape[1])]
            if any(np.unique(t).size < 2 for t in ys):
                raise TaskDataError("the training rows hold a single class; use more trajectories")
            self.model_ = []
            for t in ys:
                check(cancel)
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore", ConvergenceWarning)
                    self.model_.append(
                        LogisticRegression(
                            C=self.C, max_iter=self.max_iter, tol=self.tol, solver="saga", random_state=0
                        ).fit(X, t)
                    )
        check(cancel)
        return self

    def predict(self, seqs: UnitSequences, data: TaskData, index) -> np.ndarray:
        """Class probabilities (n, n_classes), or (n, k, n_classes) with ``predict_length`` k (0 for classes absent
        from the training rows), or minutes (n,)."""
        if self.model_ is None:
            raise RuntimeError("fit the baseline first")
        if data.task != self.task:
            raise ValueError(f"this baseline was fitted for {TASK_LABELS[self.task]}")
        pos = np.asarray(index, np.int64)
        X = self._features(seqs, data, pos)
        if self.task == "travel_time":
            return self.model_.predict(X)
        out = np.zeros((pos.size, len(self.model_), self.n_classes_), np.float64)
        for j, m in enumerate(self.model_):
            out[:, j, m.classes_] = m.predict_proba(X)
        return out[:, 0] if len(self.model_) == 1 and data.n_targets == 1 else out

    def evaluate(self, seqs: UnitSequences, data: TaskData, index) -> Dict[str, float]:
        pos = np.asarray(index, np.int64)
        return task_metrics(self.task, data.y[pos], self.predict(seqs, data, pos))
