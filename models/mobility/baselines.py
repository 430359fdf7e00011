"""Next-location baselines: the most frequent cells of the sequence so far, and a first-order Markov chain over
cells; their bags of cells / of transitions also serve as re-identification features."""

from __future__ import annotations

from typing import Dict, List

import numpy as np

from ..core.progress import check, report
from .grid import LocationGrid
from .sequences import MobilitySequences


class MostFrequentBaseline:
    """Most frequent cells of the sequence so far (ties: the most recent first), then the most visited cells of
    the training sequences."""

    def __init__(self, grid: LocationGrid):
        self.grid = grid
        self.popular_ = np.zeros(0, np.int64)

    def _keys(self, seqs: MobilitySequences) -> np.ndarray:
        return self.grid.keys(seqs.x, seqs.y)

    def fit(self, seqs: MobilitySequences) -> "MostFrequentBaseline":
        k, c = np.unique(self._keys(seqs), return_counts=True)
        self.popular_ = k[np.lexsort((k, -c))][:64]
        return self

    def _fill(self, ranked: List[int], k: int) -> List[int]:
        out = list(dict.fromkeys(ranked))[:k]
        for c in self.popular_:
            if len(out) >= k:
                break
            if int(c) not in out:
                out.append(int(c))
        return (out + [-1] * k)[:k]

    @staticmethod
    def _prefix_ranking(keys: np.ndarray) -> List[int]:
        stats: Dict[int, list] = {}
        for i, c in enumerate(keys.tolist()):
            e = stats.setdefault(c, [0, 0])
            e[0] += 1
            e[1] = i
        return [c for c, _ in sorted(stats.items(), key=lambda kv: (-kv[1][0], -kv[1][1]))]

    def _ranking(self, prefix: np.ndarray, k: int) -> List[int]:
        return self._prefix_ranking(prefix)

    def predict_topk(self, seqs: MobilitySequences, rows, cuts, k: int = 5, cancel=None, progress=None) -> np.ndarray:
        """(m, k) cell keys of record ``cuts[i]`` of sequence ``rows[i]``; ``cancel``/``progress`` are checked and
        reported every 2,048 predictions (a city's held-out days have hundreds of thousands of cut points)."""
        keys = self._keys(seqs)
        out = np.full((len(rows), k), -1, np.int64)
        for i, (r, c) in enumerate(zip(rows, cuts)):
            if i % 2048 == 0:
                check(cancel)
                report(progress, 100.0 * i / len(rows))
            s = seqs.offsets[r]
            out[i] = self._fill(self._ranking(keys[s : s + c], k), k)
        return out

    def _bags(self, seqs: MobilitySequences, items: np.ndarray, seq: np.ndarray):
        from scipy.sparse import csr_matrix

        cols = np.unique(items, return_inverse=True)[1].reshape(-1)
        return csr_matrix((np.ones(items.size), (seq, cols)), shape=(len(seqs), int(cols.max(initial=-1)) + 1))

    def features(self, seqs: MobilitySequences):
        """Sparse (n, cells) visit counts per sequence (a bag of locations), for re-identification."""
        return self._bags(seqs, self._keys(seqs), np.repeat(np.arange(len(seqs)), seqs.lengths))


class MarkovBaseline(MostFrequentBaseline):
    """First-order Markov chain over cells learned from the training sequences: the most frequent next cells of
    the last cell, then the sequence's own most frequent cells, then the most visited ones."""

    def fit(self, seqs: MobilitySequences) -> "MarkovBaseline":
        super().fit(seqs)
        keys = self._keys(seqs)
        inside = np.ones(max(keys.size - 1, 0), bool)
        inside[seqs.offsets[1:-1] - 1] = False  # no transition from one sequence into the next
        pairs, cnt = np.unique(np.column_stack([keys[:-1][inside], keys[1:][inside]]), axis=0, return_counts=True)
        self.next_: Dict[int, List[int]] = {}
        for i in np.lexsort((pairs[:, 1], -cnt, pairs[:, 0])):
            self.next_.setdefault(int(pairs[i, 0]), []).append(int(pairs[i, 1]))
        return self

    def _ranking(self, prefix: np.ndarray, k: int) -> List[int]:
        return self.next_.get(int(prefix[-1]), [])[:k] + self._prefix_ranking(prefix)

    def features(self, seqs: MobilitySequences):
        """Sparse transition counts per sequence (a bag of consecutive cell pairs)."""
        keys = self._keys(seqs)
        seq = np.repeat(np.arange(len(seqs)), seqs.lengths)
        inside = seq[1:] == seq[:-1]
        pairs = np.unique(np.column_stack([keys[:-1][inside], keys[1:][inside]]), axis=0, return_inverse=True)[1]
        return self._bags(seqs, pairs.reshape(-1), seq[:-1][inside])
