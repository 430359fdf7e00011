"""ECO: evolutionary clustering of streaming trajectories (Li, Chen, Jensen, Pedersen, Hu, arXiv 2109.11609),
with the two baselines it is compared against: plain DBSCAN per snapshot and a Kim–Han-style neighbour-smoothing
variant.

The stream is cut into time steps of ``delta_t`` seconds (:func:`build_stream`); each object keeps its earliest
record per step, and a snapshot is the set of objects active at a step. A clusterer's ``partial_fit(obj, x, y, t)``
takes one snapshot (object ids, planar coordinates in metres, epoch seconds) and returns a :class:`StepResult`:
cluster ids that stay stable across steps, the adjusted locations, each object's role and the cluster events of the
step. A clusterer keeps only the state of the previous step, so memory does not grow with the stream.

ECO at step k (Algorithm 3):

1. *Smoothing* (Algorithm 2) of the objects that were in a minimal group of at least ``rho`` members at step k−1:
   for each group, every member present now is tried as the pivot (seed-point shifting, Formula 11): the pivot is
   moved onto its speed disk (Formula 13); every other member is first moved onto its speed disk keeping its
   distance to the pivot (Formula 12), stays where it is when within ``delta`` of the pivot (Lemma 5) and otherwise
   moves towards the pivot to distance b·δ, b minimising (d − bδ)² + α(δ(b − 1))² over b ∈ ℕ* ∩ [λ1, λ2] ∪ {λ2}
   (Formula 9), the closest such b whose point lies in the speed disk (Formula 10). The pivot with the lowest total
   cost f_k wins and its adjustments are kept.
2. *Minimal groups* (Definition 12, Algorithm 1) on the adjusted locations: seeds are objects with at least ``rho``
   objects (themselves included) within ``delta``, chosen greedily by decreasing local density so that no two
   seeds are within ``delta``; every other object joins its nearest seed within ``delta``.
3. *DBSCAN* (``eps``, ``min_pts``; a point counts itself, as in Definition 6) on the adjusted locations.
4. *ε adaptation* (Formula 14, Kim–Han's rule): the modularity QS of the clusterings at ε − Δε, ε and ε + Δε over
   the neighbour graph of the step (pairs within ε + Δε, similarity 1/d) decides whether ε moves by ±Δε for the
   next step; at the first step the rule is iterated until ε stays.
5. *Mapping* clusters to those of step k−1 by shared objects: evolve, form, dissolve, split, merge.

Spatial look-ups use scipy's cKDTree (exact ε/δ neighbour pairs in C) rather than the paper's hand-built grid;
DBSCAN's connected components come from scipy.sparse.csgraph. Everything per step is vectorised numpy.

The package: stream.py (time steps), geometry.py (speed disks, Formulas 9-13), grouping.py (DBSCAN, minimal
groups), metrics.py (QS, NMI), tracking.py (cluster mapping), clusterer.py (the shared step), baselines.py (DBSCAN
per snapshot, Kim–Han); this module holds ECO itself, :func:`make_clusterer` and :func:`run_stream`.
"""

from __future__ import annotations

from typing import Optional

import numpy as np

from ..core.progress import CancelFn, ProgressFn, check, report
from .baselines import KimHan, SnapshotDBSCAN
from .clusterer import _StreamClusterer
from .geometry import _adjust_towards, _keep_distance_in_disk, neighbour_pairs, speed_project
from .grouping import _nearest, minimal_groups
from .metrics import modularity
from .stream import Stream

__all__ = ["ECO", "make_clusterer", "run_stream", "summarise", "METHODS", "ROLE_NAMES"]

METHODS = ("eco", "dbscan", "kimhan")
ROLE_NAMES = ("noise", "border", "core")
_TOL = 1e-6


class ECO(_StreamClusterer):
    """Evolutionary clustering of streaming trajectories (see the module docstring).

    Parameters (paper's Table 2 ranges): ``eps`` ε and ``min_pts`` of DBSCAN (2–10), ``delta`` δ ≤ ε of the
    minimal groups (200–800 m), ``rho`` ρ their minimum size (4–8), ``alpha`` α the weight of the historical cost
    (0.1–0.9), ``speed_limit`` μ in m/s, ``eps_step`` Δε (50 m), ``adapt_eps``."""

    name = "eco"

    def __init__(
        self,
        eps: float = 600.0,
        min_pts: int = 5,
        delta: float = 400.0,
        rho: int = 5,
        alpha: float = 0.5,
        speed_limit: float = 35.0,
        **kw,
    ):
        super().__init__(eps=eps, min_pts=min_pts, **kw)
        if not 0 < delta <= eps:
            raise ValueError(f"DELTA ({delta:g} m) must be positive and at most EPS ({eps:g} m)")
        if rho < 2:
            raise ValueError("RHO must be at least 2")
        if alpha <= 0:
            raise ValueError("ALPHA must be positive")
        if speed_limit <= 0:
            raise ValueError("SPEED_LIMIT must be positive")
        self.delta = float(delta)
        self.rho = int(rho)
        self.alpha = float(alpha)
        self.speed_limit = float(speed_limit)
        self._prev = None  # (obj, adjusted x, adjusted y, t, seed object id of a valid group or −1)
        self._seed_mask = None

    def _smooth(self, obj, x, y, t):
        """Algorithm 2 over all previous minimal groups at once: (adjusted x, adjusted y, smoothed mask).

        Exact shortcut: when every member of a group keeps the speed limit and one member has all the others within
        δ, that member costs 0, so the winning pivot costs 0 as well and nothing moves (Lemma 5, Formula 13 moves
        nobody); only the other groups are expanded into (pivot, member) arrays."""
        n = obj.size
        ax, ay = x.copy(), y.copy()
        smoothed = np.zeros(n, bool)
        if self._prev is None:
            return ax, ay, smoothed
        pobj, px, py, pt, pgroup = self._prev
        pos = np.minimum(np.searchsorted(pobj, obj), pobj.size - 1)
        present = pobj[pos] == obj
        grp = np.where(present, pgroup[pos], -1)
        theta = np.nonzero(grp >= 0)[0]
        if theta.size == 0:
            return ax, ay, smoothed
        g = grp[theta]
        order = np.lexsort((obj[theta], g))
        theta, g = theta[order], g[order]
        starts = np.nonzero(np.r_[True, g[1:] != g[:-1]])[0]
        sizes = np.diff(np.r_[starts, theta.size])
        gidx = np.repeat(np.arange(starts.size), sizes)
        cx, cy = px[pos[theta]], py[pos[theta]]  # previous (adjusted) locations
        r = self.speed_limit * np.maximum(t[theta] - pt[pos[theta]], 0)  # speed disk radii
        tx, ty = x[theta], y[theta]
        fast = np.hypot(tx - cx, ty - cy) > r
        # the member nearest to its group's centroid, and its largest distance to the rest of the group
        mx = np.bincount(gidx, weights=tx) / sizes
        my = np.bincount(gidx, weights=ty) / sizes
        centre = _nearest(starts.size, gidx, np.arange(theta.size), np.hypot(tx - mx[gidx], ty - my[gidx]))
        reach = np.zeros(starts.size)
        np.maximum.at(reach, gidx, np.hypot(tx - tx[centre[gidx]], ty - ty[centre[gidx]]))
        busy = (reach > self.delta) | (np.bincount(gidx, weights=fast, minlength=starts.size) > 0)
        keep = busy[gidx]
        if not keep.any():
            return ax, ay, smoothed
        theta, cx, cy, r, tx, ty, fast = (v[keep] for v in (theta, cx, cy, r, tx, ty, fast))
        gidx = np.unique(gidx[keep], return_inverse=True)[1]
        sizes = np.bincount(gidx)
        starts = np.cumsum(sizes) - sizes
        nx, ny = tx.copy(), ty.copy()
        # groups of similar size are processed together as padded (groups, pivots, members) arrays
        bucket = np.maximum(np.ceil(np.log2(sizes) * 2), 0).astype(np.int64)  # sizes in (√2^(b−1), √2^b]
        for b in np.unique(bucket):
            gs = np.nonzero(bucket == b)[0]
            m = int(sizes[gs].max())
            valid = np.arange(m)[None, :] < sizes[gs][:, None]
            idx = np.where(valid, starts[gs][:, None] + np.arange(m)[None, :], starts[gs][:, None])
            ox, oy = self._smooth_groups(tx[idx], ty[idx], cx[idx], cy[idx], r[idx], fast[idx] & valid, valid)
            nx[idx[valid]], ny[idx[valid]] = ox[valid], oy[valid]
        ax[theta], ay[theta] = nx, ny
        smoothed[theta] = (np.abs(nx - tx) > _TOL) | (np.abs(ny - ty) > _TOL)
        return ax, ay, smoothed

    def _smooth_groups(self, tx, ty, cx, cy, r, fast, valid):
        """Algorithm 2 for G groups padded to m members ((G, m) arrays, members in object order, ``valid`` marks
        the real ones): new locations."""
        G, m = tx.shape
        # Formula 13: every member as a pivot candidate moves onto its own speed disk
        sx, sy = speed_project(tx, ty, cx, cy, r)
        # [g, p, o]: member o of group g when p is the pivot
        qx = np.broadcast_to(tx[:, None, :], (G, m, m))
        qy = np.broadcast_to(ty[:, None, :], (G, m, m))
        eye = np.eye(m, dtype=bool)[None, :, :]
        if fast.any():
            # Formula 12: members breaking the speed limit move onto their disk, keeping their distance to the pivot
            qx, qy = qx.copy(), qy.copy()
            v = np.broadcast_to(fast[:, None, :], (G, m, m)) & ~eye
            b = lambda a: np.broadcast_to(a[:, None, :], (G, m, m))[v]  # noqa: E731 - per-member values
            c = lambda a: np.broadcast_to(a[:, :, None], (G, m, m))[v]  # noqa: E731 - per-pivot values
            qx[v], qy[v] = _keep_distance_in_disk(qx[v], qy[v], c(sx), c(sy), b(cx), b(cy), b(r))
        far = (np.hypot(qx - sx[:, :, None], qy - sy[:, :, None]) > self.delta) & ~eye  # Lemma 5
        far &= valid[:, None, :] & valid[:, :, None]
        cost = np.zeros((G, m, m))
        rx, ry = qx, qy
        if far.any():
            rx, ry = qx.copy(), qy.copy()
            b = lambda a: np.broadcast_to(a[:, None, :], (G, m, m))[far]  # noqa: E731
            c = lambda a: np.broadcast_to(a[:, :, None], (G, m, m))[far]  # noqa: E731
            rx[far], ry[far], cost[far] = _adjust_towards(
                rx[far], ry[far], c(sx), c(sy), b(cx), b(cy), b(r), self.delta, self.alpha
            )
        # Formula 11: the pivot of lowest total cost (argmin keeps the first member on ties)
        total = cost.sum(axis=2)
        total[~valid] = np.inf
        best = np.argmin(total, axis=1)
        g = np.arange(G)
        ox, oy = rx[g, best].copy(), ry[g, best].copy()
        ox[g, best], oy[g, best] = sx[g, best], sy[g, best]
        return ox, oy

    def _prepare(self, obj, x, y, t, radius):
        ax, ay, smoothed = self._smooth(obj, x, y, t)
        i, j, d = neighbour_pairs(ax, ay, max(radius, self.delta))
        return ax, ay, i, j, d, smoothed

    def _after(self, obj, x, y, t, ax, ay, pairs, raw):
        i, j, d = pairs
        group, seed = minimal_groups(obj.size, i, j, d, self.delta, self.rho)
        size = np.bincount(group[group >= 0], minlength=obj.size)
        valid = (group >= 0) & (size[np.maximum(group, 0)] >= self.rho)
        seed_obj = np.where(valid, obj[np.maximum(group, 0)], -1)
        self._seed_mask = seed & (size >= self.rho)
        self._prev = (obj, ax, ay, t, seed_obj)

    def _seeds(self, n):
        return self._seed_mask if self._seed_mask is not None else np.zeros(n, bool)


def make_clusterer(
    method: str, eps=600.0, min_pts=5, delta=400.0, rho=5, alpha=0.5, speed_limit=35.0, eps_step=50.0, adapt_eps=True
):
    """A clusterer by name: 'eco', 'dbscan' (per snapshot) or 'kimhan'."""
    common = dict(eps=eps, min_pts=min_pts, eps_step=eps_step, adapt_eps=adapt_eps)
    if method == "eco":
        return ECO(delta=delta, rho=rho, alpha=alpha, speed_limit=speed_limit, **common)
    if method == "dbscan":
        return SnapshotDBSCAN(**common)
    if method == "kimhan":
        return KimHan(alpha=alpha, **common)
    raise ValueError(f"unknown METHOD {method!r}; use one of {', '.join(METHODS)}")


def run_stream(
    clusterer,
    stream: Stream,
    x,
    y,
    t,
    qs_radius: Optional[float] = None,
    progress: ProgressFn = None,
    cancel: CancelFn = None,
    on_step=None,
):
    """Feed every snapshot of ``stream`` (x, y, t indexed like the source points) to ``clusterer``.

    ``on_step(step, records, result, qs_eval)`` receives each result (``records`` = the source point indices, in
    the result's object order); ``qs_eval`` is the modularity on pairs within ``qs_radius`` of the adjusted
    locations (evaluation only, outside the timed part), or None. Returns the list of per-step summaries."""
    x, y, t = np.asarray(x), np.asarray(y), np.asarray(t)
    rows = []
    n = len(stream)
    for s in range(n):
        check(cancel)
        step, recpos = stream.snapshot(s)
        rec = stream.rec[recpos]
        obj = stream.obj[recpos]
        res = clusterer.partial_fit(obj, x[rec], y[rec], t[rec])  # objects already sorted: result order = rec
        qs_eval = None
        if qs_radius:
            i, j, d = neighbour_pairs(res.x, res.y, qs_radius)
            qs_eval = modularity(obj.size, i, j, d, res.labels)
        rows.append(
            dict(
                step=step,
                objects=int(obj.size),
                clusters=res.n_clusters,
                qs=qs_eval,
                nmi=res.nmi,
                eps=res.eps,
                seconds=res.seconds,
                smoothed=int(res.smoothed.sum()),
            )
        )
        if on_step is not None:
            on_step(step, rec, res, qs_eval)
        report(progress, 100.0 * (s + 1) / n)
    return rows


def summarise(rows) -> dict:
    """Means over the per-step rows of :func:`run_stream`: QS and NMI (steps without a value left out, None when
    none has one) and the processing milliseconds per record."""
    qs = [r["qs"] for r in rows if r["qs"] is not None]
    nmi = [r["nmi"] for r in rows if r["nmi"] is not None]
    n = sum(r["objects"] for r in rows)
    return {
        "mean_qs": float(np.mean(qs)) if qs else None,
        "mean_nmi": float(np.mean(nmi)) if nmi else None,
        "ms_per_record": 1000.0 * sum(r["seconds"] for r in rows) / max(n, 1),
    }
