"""The MIIC negatives of CroTad (T_neg of Eq. 7-14): anomalous versions of a window made by the paper's seven
transformations (random, head and rear replacement by k-hop rare cells, negative and positive random combination,
shuffling, repeating, slice permutation), drawn from per-OD tables of rare and frequent cells."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ..core.progress import check
from .windows import N_SPECIAL, PAD, UNK

if TYPE_CHECKING:
    from .model import CroTad

__all__ = ["NEG_TYPES", "RareTables"]

NEG_TYPES = (
    "random_replacement",
    "head_replacement",
    "rear_replacement",
    "negative_combination",
    "shuffle",
    "repeat",
    "slice_permutation",
    "positive_combination",
)


class RareTables:
    """Cells for the MIIC negatives: for every vocabulary cell, its k-hop disk as tokens (UNK outside the graph), and
    per OD the rare cells around its frequent ones (S_neg^od near the route) and its frequent cells."""

    def __init__(self, model: "CroTad", rng):
        import h3.api.basic_int as h3i

        p = model.params
        self.m = model
        k = int(p.k_hop)
        size = 3 * k * (k + 1) + 1
        cells = model._cells
        disk = np.full((cells.size + N_SPECIAL, size), UNK, np.int64)
        for i, c in enumerate(cells.tolist()):
            try:
                d = np.fromiter((int(v) for v in h3i.grid_disk(c, k)), np.uint64)
            except Exception:  # pentagon distortion
                d = np.array([c], np.uint64)
            d = d[d != np.uint64(c)]
            t = model.tokens(d)[:size]
            disk[i + N_SPECIAL, : t.size] = t
        self.disk = disk
        self.freq = [model._freq_tok[model._freq_off[o] : model._freq_off[o + 1]] for o in range(len(model.ods_))]
        self.rare = []
        for o, f in enumerate(self.freq):
            cand = np.unique(disk[f].reshape(-1)) if f.size else np.array([UNK])
            cand = cand[~model._is_freq(cand, np.full(cand.size, o))]
            self.rare.append(cand if cand.size else np.array([UNK]))
        self.kinds = NEG_TYPES + (("route_switch",) if p.switch_negatives and len(model.ods_) > 1 else ())
        if "route_switch" in self.kinds:  # the training windows of each OD, where another route is taken from
            pool = model._train
            order = np.argsort(pool.od, kind="stable")
            self._by_od = (pool, order, np.searchsorted(pool.od[order], np.arange(len(model.ods_) + 1)))

    def _replace(self, tok_row, positions, o, rng):
        out = tok_row.copy()
        for j in positions:
            cand = self.disk[out[j]]
            cand = cand[~self.m._is_freq(cand, np.full(cand.size, o))]
            out[j] = cand[rng.integers(cand.size)] if cand.size else UNK
        return out

    def negatives(self, tok, ln, od, per, rng, cancel=None):
        """``per`` negatives per window (rows grouped by window), made by the T_neg transformations; ``cancel`` is
        checked every 4096 windows (the DQN makes them for ~0.9 M windows at city scale: minutes)."""
        b, L = tok.shape
        out = np.full((b * per, L), PAD, np.int64)
        lens = np.zeros(b * per, np.int64)
        r = 0
        for i in range(b):
            if i % 4096 == 0:
                check(cancel)
            n, o = int(ln[i]), int(od[i])
            s = tok[i, :n]
            for _ in range(per):
                neg = None
                for _try in range(3):
                    kind = self.kinds[rng.integers(len(self.kinds))]
                    if n < 2 and kind in ("shuffle", "repeat", "slice_permutation"):
                        continue
                    neg = self._make(kind, s, n, o, L, rng)
                    if neg.size != n or not np.array_equal(neg, s):
                        break
                    neg = None
                if neg is None:
                    neg = self._make("negative_combination", s, n, o, L, rng)
                out[r, : neg.size] = neg
                lens[r] = neg.size
                r += 1
        return out, lens

    def _make(self, kind, s, n, o, L, rng):
        if kind == "random_replacement":
            m = int(rng.integers(1, n + 1))
            return self._replace(s, rng.choice(n, size=m, replace=False), o, rng)
        if kind == "head_replacement":
            return self._replace(s, range(int(rng.integers(1, n + 1))), o, rng)
        if kind == "rear_replacement":
            return self._replace(s, range(n - int(rng.integers(1, n + 1)), n), o, rng)
        if kind == "negative_combination":
            return self.rare[o][rng.integers(self.rare[o].size, size=n)]
        if kind == "positive_combination":
            f = self.freq[o]
            return f[rng.integers(f.size, size=n)] if f.size else self.rare[o][rng.integers(self.rare[o].size, size=n)]
        if kind == "shuffle":
            return s[rng.permutation(n)]
        if kind == "repeat":  # go forward to j, then back over the same cells: a loop
            j = int(rng.integers(1, n))
            loop = np.concatenate([s[: j + 1], s[:j][::-1]])
            start = int(rng.integers(0, max(1, loop.size - n + 1)))
            return loop[start : start + n] if loop.size >= n else loop
        if kind == "slice_permutation":
            j = int(rng.integers(1, n))
            return np.concatenate([s[j:], s[:j]])
        if kind == "route_switch":
            return self._switch(s, n, o, rng)
        raise ValueError(kind)

    def _switch(self, s, n, o, rng):
        """The first j cells of ``s`` (0 <= j < n), then a window of another OD's training trips from its start:
        tried 3 times for a continuation with a cell that is rare for OD ``o`` (a shared corridor is no anomaly);
        ``s`` itself when none is found (the caller then draws another kind)."""
        pool, order, start = self._by_od
        n_od = start.size - 1
        for _ in range(3):
            other = int(rng.integers(n_od - 1))
            other += other >= o
            a, b = start[other], start[other + 1]
            if b <= a:
                continue
            w = order[int(rng.integers(a, b))]
            j = int(rng.integers(0, n))
            tail = pool.tok[w, : min(int(pool.len[w]), n - j)]
            if tail.size and not self.m._is_freq(tail, np.full(tail.size, o)).all():
                return np.concatenate([s[:j], tail])
        return s
