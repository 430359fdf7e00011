"""Downstream tasks of trajectory representation learning (MetaTRL, AAAI 2026; START, ICDE 2023): destination
prediction (DP), travel-time estimation (TTE) and trajectory classification (CLA) - which rows each task uses, what
the model sees of them, their targets, and the splits.

Any encoder works: a torch ``nn.Module`` with an attribute ``d_model`` whose ``forward(batch)`` maps the tensors of
:func:`models.core.units.batch_arrays` to a (B, d_model) trajectory embedding.

* :func:`task_inputs` - which trajectories a task uses, how much of each the model sees, and the target.
* :func:`split` / :func:`validation_split` - deterministic (optionally stratified) train/test and train/validation
  splits of the task's rows.
* :func:`task_batch` - the arrays an encoder gets for task rows.
* :mod:`.taskmetrics` - the paper's metrics (:func:`~.taskmetrics.destination_metrics`,
  :func:`~.taskmetrics.regression_metrics`, :func:`~.taskmetrics.classification_metrics`).
* :func:`.taskfit.fit_task` -> :class:`.taskfit.TaskModel` - "a linear classifier or regressor followed target model
  is trained with cross-entropy or mean squared error loss" (Model Fine-tuning), the encoder fine-tuned or frozen.
* :class:`.tasks_net.GRUBaseline` - a supervised GRU encoder trained end to end through ``fit_task``.
* :class:`.baseline.RawFeatureBaseline` - no representation learning: hand-crafted features and a linear
  scikit-learn model.

Row positions: ``split`` and everything after it index the task's rows (``0 .. len(data) - 1``), never the rows of
the :class:`~models.core.units.UnitSequences`; ``data.index[pos]`` is the sequence of row ``pos``.

Choices the paper leaves open (it follows START / LibCity), made here:

* Destination prediction: the model sees the trajectory without its last ``tail_share`` (default 20 %) of units, at
  least one unit removed and one kept; the target is the unit of the full trajectory's last visit, a class among all
  units of the network (START's setting). The visible part keeps its visit times. With ``predict_length`` k >= 1
  the protocol of the MetaTRL authors' code is used instead (LibCity ``TrajDesPredictDataset``, ``predict_length``
  4): the model sees all but the last k units and predicts each of those k units (a head of k x units outputs, one
  cross-entropy per position); the metrics pool the k positions of every row. Its first positions follow right
  after the visible part, so it is an easier task than the last unit after a 20 % tail.
* Travel-time estimation: the model sees every unit but only the departure time (``time_visible="first"``): later
  visit times, the gaps between them and the elapsed times are hidden (:func:`models.core.units.batch_arrays`), and
  a sequence cut to its last ``max_len`` units gets the clock time of the real departure, so that no arrival time
  leaks in. The target is the time in minutes from the first to the last unit; trajectories
  with a zero duration are dropped. The head regresses the target standardised on the training rows; metrics are
  in minutes. MAPE is a fraction (0.25 = 25 %) over the targets that are not zero.
* Classification: the whole trajectory with all its times; labels come from a field (missing: None, NaN, empty
  text); a label field with a single class is refused. Binary tasks report accuracy, F1 of the second class (in
  sorted order) and ROC AUC; multi-class tasks micro-F1, macro-F1 and Recall@5 (with at least five classes).
* Validation: :func:`validation_split` carves 10 % of the training rows; ``fit_task`` keeps the head (and the
  encoder) of the epoch with the lowest validation loss and stops after ``patience`` epochs without improvement.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict, Optional, Tuple

import numpy as np

from ..core.units import UnitSequences, batch_arrays, clock_features

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
    ``time_visible``: "all" or "first" (see :func:`models.core.units.batch_arrays`); ``y``: the target
    (destination: unit index, or (n, k) unit indices with ``predict_length`` k; travel_time: minutes, float;
    classification: class code into ``classes``); ``classes``: the class labels as given (classification), the
    number of units (destination), None (travel_time); ``dropped``: skipped sequences by reason."""

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


def _check_task_args(task: str, tail_share: float, predict_length: int) -> int:
    """``predict_length`` as an int, after the checks of the arguments of :func:`task_inputs`."""
    if task not in TASKS:
        raise ValueError(f"unknown task {task!r}; use one of {', '.join(TASKS)}")
    if not 0.0 <= float(tail_share) < 1.0:
        raise ValueError("tail_share must be at least 0 and below 1 (the share of units hidden from the model)")
    k = int(predict_length)
    if k < 0:
        raise ValueError("predict_length must be 0 (the last unit after the tail share) or a number of units")
    if k and task != "destination":
        raise ValueError(f"predict_length is a setting of destination prediction, not of {TASK_LABELS[task]}")
    return k


def _label_codes(labels, ok: np.ndarray, dropped: Dict[str, int]):
    """(class code per sequence, -1 where not usable; the sorted class labels; ``ok`` without missing labels) of a
    classification's ``labels``; counts the missing ones in ``dropped``."""
    n = ok.size
    if labels is None:
        raise TaskDataError(
            "trajectory classification needs a label field; choose the field holding the class of each trajectory"
        )
    lab = list(labels)
    if len(lab) != n:
        raise ValueError(f"{len(lab)} labels for {n} trajectories; give one label per trajectory")
    missing = np.array([_is_missing(v) for v in lab], bool)
    dropped["missing_label"] = int((ok & missing).sum())
    ok = ok & ~missing
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
    return codes, classes, ok


def _durations(seqs: UnitSequences) -> np.ndarray:
    """Minutes from the first to the last unit of every sequence (0 for empty ones)."""
    lens = seqs.lengths
    starts, ends = seqs.offsets[:-1], seqs.offsets[1:]
    dur = np.zeros(len(seqs), np.float64)
    has = lens > 0
    dur[has] = (seqs.times[ends[has] - 1] - seqs.times[starts[has]]) / 60.0
    return dur


def _no_rows_error(task: str, dropped: Dict[str, int], min_units: int, k: int) -> TaskDataError:
    """The error of a task left without usable rows, with the reasons."""
    reasons = ", ".join(f"{key.replace('_', ' ')}: {v}" for key, v in dropped.items() if v)
    return TaskDataError(
        f"no trajectory is usable for {TASK_LABELS[task]} ({reasons}); trajectories need at least "
        f"{min_units} units"
        + (" and a label" if task == "classification" else "")
        + (" - predict fewer units at the end" if k else " - lower the minimum number of units")
        + " or use longer trajectories"
    )


def _destination_data(seqs: UnitSequences, rows, k: int, tail_share: float, n_units, dropped) -> TaskData:
    """The :class:`TaskData` of destination prediction on the usable sequences ``rows``."""
    L = seqs.lengths[rows]
    ends = seqs.offsets[1:]
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
    return TaskData("destination", rows, keep.astype(np.int64), "all", y, int(n_units), dropped)


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
    k = _check_task_args(task, tail_share, predict_length)
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
        codes, classes, ok = _label_codes(labels, ok, dropped)
    elif labels is not None:
        raise ValueError(f"{what} takes no labels")
    if task == "travel_time":
        dur = _durations(seqs)
        zero = ok & (dur <= 0)
        dropped["zero_duration"] = int(zero.sum())
        ok &= ~zero
    rows = np.flatnonzero(ok).astype(np.int64)
    if rows.size == 0:
        raise _no_rows_error(task, dropped, min_units, k)
    if task == "destination":
        return _destination_data(seqs, rows, k, tail_share, n_units, dropped)
    L = lens[rows]
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


# ------------------------------------------------------------------------------------ batches
def task_batch(seqs: UnitSequences, data: TaskData, pos, max_len: int) -> Dict[str, np.ndarray]:
    """:func:`models.core.units.batch_arrays` of the task rows ``pos``, with the task's visible units and times; a
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
