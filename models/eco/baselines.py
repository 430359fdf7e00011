"""The baselines ECO is compared against: plain DBSCAN per snapshot and a Kim–Han-style smoothing of the neighbour
distances."""

from __future__ import annotations

import numpy as np

from .clusterer import _StreamClusterer
from .geometry import neighbour_pairs


class SnapshotDBSCAN(_StreamClusterer):
    """Baseline: DBSCAN on each snapshot's raw locations, no smoothing (ε adaptation and mapping as ECO)."""

    name = "dbscan"

    def _prepare(self, obj, x, y, t, radius):
        i, j, d = neighbour_pairs(x, y, radius)
        return x, y, i, j, d, np.zeros(obj.size, bool)


class KimHan(_StreamClusterer):
    """Baseline after Kim & Han (PVLDB 2009): cost embedding at the distance level. The distance of every neighbour
    pair present at both steps is smoothed, d̂ = (1 − α)·d_k + α·d_{k−1} (α = the weight of history), DBSCAN runs
    on the smoothed distances and ε is re-optimised to a local modularity optimum at every step (their iterative
    rule), not once as in ECO. Locations are not moved."""

    name = "kimhan"

    def __init__(self, alpha: float = 0.5, **kw):
        super().__init__(**kw)
        self.alpha = float(alpha)
        self._prev = None

    def _iterations(self):
        return self.first_step_iterations

    def _prepare(self, obj, x, y, t, radius):
        # d̂ is a convex combination, so d̂ <= radius needs d_k <= radius or d_{k−1} <= radius: the union of the
        # pairs of both steps is exact
        i, j, d = neighbour_pairs(x, y, radius)
        if self._prev is not None:
            pobj, px, py = self._prev
            pos = np.minimum(np.searchsorted(pobj, obj), pobj.size - 1)
            present = pobj[pos] == obj
            idx = np.nonzero(present)[0]
            pi, pj, _ = neighbour_pairs(px[pos[idx]], py[pos[idx]], radius)
            n = obj.size
            keys = np.unique(np.r_[i * n + j, idx[pi] * n + idx[pj]])
            i, j = keys // n, keys % n
            d = np.hypot(x[i] - x[j], y[i] - y[j])
            both = present[i] & present[j]
            dp = np.hypot(px[pos[i]] - px[pos[j]], py[pos[i]] - py[pos[j]])
            d = np.where(both, (1 - self.alpha) * d + self.alpha * dp, d)
            keep = d <= radius
            i, j, d = i[keep], j[keep], d[keep]
        return x, y, i, j, d, np.zeros(obj.size, bool)

    def _after(self, obj, x, y, t, ax, ay, pairs, raw):
        self._prev = (obj, x, y)
