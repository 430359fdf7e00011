"""What the stream clusterers share: a snapshot's :class:`StepResult` and the :class:`_StreamClusterer` base (DBSCAN
on the step's neighbour pairs, ε adaptation by modularity, cluster mapping, NMI and timing); the subclasses say how
a step's locations and neighbour pairs are made."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import List, Optional, Tuple

import numpy as np

from .grouping import dbscan_pairs
from .metrics import consecutive_nmi, modularity
from .tracking import ClusterTracker


@dataclass
class StepResult:
    """One snapshot's outcome; arrays are aligned with the snapshot's objects (sorted by object id)."""

    obj: np.ndarray
    labels: np.ndarray  # stable cluster id, −1 = noise
    x: np.ndarray  # adjusted location (metres)
    y: np.ndarray
    role: np.ndarray  # 0 noise, 1 border, 2 core
    seed: np.ndarray  # seed point of a minimal group of >= rho members
    smoothed: np.ndarray  # the location was adjusted
    events: List[Tuple[int, str, Tuple[int, ...]]]
    eps: float  # ε used for this step's clustering
    qs: float  # modularity of this step on the ε + Δε neighbour graph
    nmi: Optional[float]  # NMI with the previous step over shared objects
    seconds: float  # processing time of partial_fit

    @property
    def n_clusters(self) -> int:
        return int(np.unique(self.labels[self.labels >= 0]).size)


class _StreamClusterer:
    """Shared machinery: ε adaptation, cluster mapping, NMI and timing."""

    name = ""

    def __init__(
        self,
        eps: float = 600.0,
        min_pts: int = 5,
        eps_step: float = 50.0,
        adapt_eps: bool = True,
        first_step_iterations: int = 10,
        match_share: float = 0.3,
    ):
        if eps <= 0:
            raise ValueError("EPS must be positive")
        if min_pts < 1:
            raise ValueError("MIN_PTS must be at least 1")
        self.eps = float(eps)
        self.min_pts = int(min_pts)
        self.eps_step = float(eps_step)
        self.adapt_eps = bool(adapt_eps) and eps_step > 0
        self.first_step_iterations = int(first_step_iterations)
        self.tracker = ClusterTracker(match_share)
        self.n_steps = 0

    # subclasses: locations and neighbour pairs of this step
    def _prepare(self, obj, x, y, t, radius):  # pragma: no cover - abstract
        raise NotImplementedError

    def _after(self, obj, x, y, t, ax, ay, pairs, raw):
        """Hook for state kept for the next step."""

    def _seeds(self, n):
        return np.zeros(n, bool)

    def _iterations(self):
        """How many ε-adaptation moves this step may make (ECO and plain DBSCAN: one, except the first step)."""
        return self.first_step_iterations if self.n_steps == 0 else 1

    def partial_fit(self, obj, x, y, t) -> StepResult:
        """Cluster one snapshot (object ids unique; x, y in metres; t epoch seconds)."""

        t0 = time.perf_counter()
        obj = np.asarray(obj, np.int64)
        order = np.argsort(obj, kind="stable")
        if np.any(np.diff(obj[order]) == 0):
            raise ValueError("a snapshot must hold each object once")
        x = np.asarray(x, np.float64)[order]
        y = np.asarray(y, np.float64)[order]
        t = np.asarray(t, np.int64)[order]
        obj = obj[order]
        if not (np.isfinite(x).all() and np.isfinite(y).all()):
            raise ValueError(
                "a snapshot holds non-finite coordinates; build the stream with x and y (build_stream) so that such "
                "records and GPS outliers are left out"
            )
        n = obj.size
        iters = self._iterations() if self.adapt_eps else 0
        radius = self.eps + self.eps_step * max(iters, 1) if self.adapt_eps else self.eps
        ax, ay, i, j, d, smoothed = self._prepare(obj, x, y, t, radius)
        eps_used = self.eps
        raw, role = dbscan_pairs(n, i, j, d, self.eps, self.min_pts)
        qs = modularity(n, i, j, d, raw) if self.adapt_eps else float("nan")
        for _ in range(iters):
            hi = dbscan_pairs(n, i, j, d, self.eps + self.eps_step, self.min_pts)
            lo_eps = self.eps - self.eps_step
            lo = dbscan_pairs(n, i, j, d, lo_eps, self.min_pts) if lo_eps > 0 else None
            q_hi = modularity(n, i, j, d, hi[0])
            q_lo = modularity(n, i, j, d, lo[0]) if lo is not None else -np.inf
            if q_hi > qs and q_hi >= q_lo:
                self.eps, best, q_best = self.eps + self.eps_step, hi, q_hi
            elif q_lo > qs:
                self.eps, best, q_best = lo_eps, lo, q_lo
            else:
                break
            if self._iterations() > 1:  # iterating at this step: the clustering at the new ε is already there
                eps_used, (raw, role), qs = self.eps, best, q_best
        self._after(obj, x, y, t, ax, ay, (i, j, d), raw)
        prev_obj, prev_ids = self.tracker.prev_obj, self.tracker.prev_ids
        labels, events = self.tracker.update(obj, raw)
        self.n_steps += 1
        seconds = time.perf_counter() - t0
        nmi = consecutive_nmi(prev_obj, prev_ids, obj, labels)  # evaluation, not timed
        return StepResult(
            obj=obj,
            labels=labels,
            x=ax,
            y=ay,
            role=role,
            seed=self._seeds(n),
            smoothed=smoothed,
            events=events,
            eps=eps_used,
            qs=qs,
            nmi=nmi,
            seconds=seconds,
        )
