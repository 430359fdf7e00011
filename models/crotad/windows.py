"""CroTad's vocabulary tokens and padded windows: the special tokens, the token matrix of a trajectory's
``n + L - 1`` padded windows (section 4.3.6) and the pool of every training window that pre-training, the offline
detector and the DQN draw from."""

from __future__ import annotations

from typing import List

import numpy as np

from .evaluation import padded_windows

__all__ = ["PAD", "UNK", "MASK", "START", "N_SPECIAL", "window_tokens", "WindowPool", "WeightedDraw"]

#: special tokens; vocabulary cell i (sorted H3 cells of the training graph) is token i + N_SPECIAL
PAD, UNK, MASK, START = 0, 1, 2, 3
N_SPECIAL = 4


def window_tokens(tokens: np.ndarray, L: int):
    """(token matrix (n + L - 1, L) right-padded with PAD, window lengths) of the padded windows of one trajectory's
    tokens."""
    st, en = padded_windows(tokens.size, L)
    w = np.full((st.size, L), PAD, np.int64)
    for j in range(L):
        idx = st + j
        ok = idx <= en
        w[ok, j] = tokens[idx[ok]]
    return w, en - st + 1


class WindowPool:
    """All padded windows of the training trajectories: tokens (n, L), lengths, OD index, next window (-1 last)."""

    def __init__(self, toks: List[np.ndarray], od_idx: np.ndarray, L: int):
        parts, lens, ods, nxt = [], [], [], []
        pos = 0
        for t, o in zip(toks, od_idx):
            w, ln = window_tokens(t, L)
            parts.append(w)
            lens.append(ln)
            ods.append(np.full(ln.size, o, np.int64))
            nx = np.arange(pos + 1, pos + ln.size + 1, dtype=np.int64)
            nx[-1] = -1
            nxt.append(nx)
            pos += ln.size
        self.tok = np.concatenate(parts)
        self.len = np.concatenate(lens).astype(np.int64)
        self.od = np.concatenate(ods)
        self.next = np.concatenate(nxt)
        self.n = self.tok.shape[0]
        self._by_od = [np.flatnonzero(self.od == o) for o in range(int(self.od.max()) + 1)]

    def od_balanced_weights(self):
        cnt = np.bincount(self.od).astype(float)
        w = 1.0 / cnt[self.od]
        return w / w.sum()

    def same_od(self, od: np.ndarray, rng) -> np.ndarray:
        return np.array([self._by_od[o][rng.integers(self._by_od[o].size)] for o in od], np.int64)


class WeightedDraw:
    """``draw(rng, size)`` gives ``rng.choice(len(weights), size=size, p=weights)``, the same indices from the same
    generator state, with the cumulative weights computed once instead of at every call (numpy checks and sums
    all the weights each time: 30 ms per batch for two million training windows)."""

    def __init__(self, weights):
        cdf = np.cumsum(np.asarray(weights, np.float64))
        cdf /= cdf[-1]
        self.cdf = cdf

    def draw(self, rng, size: int) -> np.ndarray:
        return self.cdf.searchsorted(rng.random(size), side="right").astype(np.int64)
