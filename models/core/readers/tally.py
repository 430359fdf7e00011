"""Per-trajectory aggregates over streamed chunks (:class:`ImportTally`), and the points kept to build lines."""

from __future__ import annotations

from typing import Dict, List, Tuple

import numpy as np

from ..timeparse import NAT
from ..trajectories import CleaningReport, Trajectories
from .common import Chunk

__all__ = ["ImportTally"]


class ImportTally:
    """Per-trajectory aggregates over streamed chunks: ids (first-appearance order), point counts, whether time
    ever decreases inside a trajectory (file order); with ``keep_points`` also the coordinates and times needed
    by :meth:`trajectories` (int32 code + x + y + t = 28 bytes per point)."""

    def __init__(self, keep_points: bool = False, id_kind: str = "string"):
        self.keep_points = keep_points
        self.id_kind = id_kind
        self._code: Dict[object, int] = {}
        self._ids: list = []
        self.counts = np.zeros(0, np.int64)
        self._last_t = np.zeros(0, np.int64)
        self._unsorted = np.zeros(0, bool)
        self._parts: List[tuple] = []

    @property
    def n_trajectories(self) -> int:
        return len(self._ids)

    @property
    def n_unsorted(self) -> int:
        return int(self._unsorted.sum())

    @property
    def ids(self) -> np.ndarray:
        return np.asarray(self._ids, dtype=np.int64 if self.id_kind == "int" else object)

    def codes(self, ids: np.ndarray) -> np.ndarray:
        import pandas as pd

        local, uniq = pd.factorize(np.asarray(ids), sort=False)
        uniq = np.asarray(uniq).tolist()
        mapping = np.empty(len(uniq), np.int64)
        for j, u in enumerate(uniq):
            c = self._code.get(u)
            if c is None:
                c = self._code[u] = len(self._ids)
                self._ids.append(u)
            mapping[j] = c
        n = len(self._ids)
        if n > self.counts.size:
            grow = max(n, 2 * self.counts.size)
            self.counts = np.concatenate([self.counts, np.zeros(grow - self.counts.size, np.int64)])
            self._last_t = np.concatenate([self._last_t, np.full(grow - self._last_t.size, NAT, np.int64)])
            self._unsorted = np.concatenate([self._unsorted, np.zeros(grow - self._unsorted.size, bool)])
        return mapping[local]

    def add(self, chunk: Chunk) -> np.ndarray:
        """Register a chunk; returns the trajectory code (0..) of each point."""
        codes = self.codes(chunk.ids)
        self.counts[: len(self._ids)] += np.bincount(codes, minlength=len(self._ids))
        if chunk.t is not None:
            self._update_order(codes, chunk.t)
        if self.keep_points:
            self._parts.append(
                (codes.astype(np.int32), chunk.x.copy(), chunk.y.copy(), None if chunk.t is None else chunk.t.copy())
            )
        return codes

    def _update_order(self, codes, t):
        ok = t != NAT
        c, tt = codes[ok], t[ok]
        if c.size == 0:
            return
        o = np.argsort(c, kind="stable")
        c, tt = c[o], tt[o]
        same = c[1:] == c[:-1]
        self._unsorted[c[1:][same & (tt[1:] < tt[:-1])]] = True
        first = np.ones(c.size, bool)
        first[1:] = ~same
        last = np.ones(c.size, bool)
        last[:-1] = ~same
        fc, ft = c[first], tt[first]
        prev = self._last_t[fc]
        self._unsorted[fc[(prev != NAT) & (ft < prev)]] = True
        self._last_t[c[last]] = tt[last]

    def trajectories(self, crs: str = "", min_points: int = 2) -> Tuple[Trajectories, CleaningReport]:
        """The kept points as :class:`Trajectories` (cleaning rules of :meth:`Trajectories.from_points`: sorted by
        time, repeated times dropped, points without time dropped, short trajectories skipped)."""
        if not self.keep_points:
            raise ValueError("the tally was made without keep_points")
        if not self._parts:
            codes, x, y, t = np.zeros(0, np.int64), np.zeros(0), np.zeros(0), None
        else:
            codes = np.concatenate([p[0] for p in self._parts]).astype(np.int64)
            x = np.concatenate([p[1] for p in self._parts])
            y = np.concatenate([p[2] for p in self._parts])
            has_t = all(p[3] is not None for p in self._parts)
            t = np.concatenate([p[3] for p in self._parts]) if has_t else None
        self._parts = []  # free as soon as the container is built
        trajs, rep = Trajectories.from_points(
            codes, x, y, t, crs=crs, min_points=min_points, drop_null_time=True, overwrite_input=True
        )
        trajs.ids = self.ids[trajs.ids] if len(trajs) else self.ids[:0]
        return trajs, rep
