"""The raw-feature baseline of the downstream tasks (:mod:`.tasks`): no representation learning, hand-crafted
features of each trajectory's visible part and a linear scikit-learn model."""

from __future__ import annotations

import warnings
from typing import Dict

import numpy as np

from ..core.progress import CancelFn, check
from ..core.units import N_DAYS, N_MINUTES, UnitSequences, clock_features
from .taskmetrics import task_metrics
from .tasks import TASK_LABELS, TaskData, TaskDataError


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
