"""Ragged arrays: flat per-item values cut into variable-length sequences by an ``offsets`` array.

Sequence ``i`` of a :class:`Ragged` container owns the flat items ``offsets[i]:offsets[i+1]``; the containers
(:class:`~models.core.trajectories.Trajectories`, ``TokenSequences``, ``UnitSequences``, ``CellSequences``) add
their own flat columns and name their accessors.
"""

from __future__ import annotations

import numpy as np

__all__ = ["Ragged", "ranges"]


class Ragged:
    """Base of the offset-indexed containers: the subclass (a dataclass) has an ``offsets`` field (n + 1)."""

    offsets: np.ndarray

    def __len__(self) -> int:
        return int(self.offsets.shape[0] - 1)

    @property
    def lengths(self) -> np.ndarray:
        """Number of items of every sequence."""
        return np.diff(self.offsets)

    def _part(self, values: np.ndarray, i: int) -> np.ndarray:
        """The items of sequence ``i`` in the flat column ``values``."""
        return values[self.offsets[i] : self.offsets[i + 1]]


def ranges(starts: np.ndarray, lens: np.ndarray) -> np.ndarray:
    """Concatenation of ``arange(s, s + l)`` for each pair ``(s, l)``, vectorised (int64)."""
    lens = np.asarray(lens)
    total = int(lens.sum())
    if total == 0:
        return np.zeros(0, dtype=np.int64)
    rep_starts = np.repeat(np.asarray(starts, np.int64) - np.concatenate([[0], np.cumsum(lens)[:-1]]), lens)
    return rep_starts + np.arange(total, dtype=np.int64)
