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
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import List, Optional, Tuple

import numpy as np

from ..core.progress import CancelFn, ProgressFn, check, report

__all__ = [
    "Stream",
    "build_stream",
    "StepResult",
    "ECO",
    "SnapshotDBSCAN",
    "KimHan",
    "make_clusterer",
    "dbscan_pairs",
    "modularity",
    "consecutive_nmi",
    "neighbour_pairs",
    "minimal_groups",
    "speed_project",
    "run_stream",
    "summarise",
    "METHODS",
    "ROLE_NAMES",
]

METHODS = ("eco", "dbscan", "kimhan")
ROLE_NAMES = ("noise", "border", "core")
_TOL = 1e-6


# ---------------------------------------------------------------------------------------------- the stream
@dataclass
class Stream:
    """Records cut into time steps: ``rec`` indexes the source points (earliest record per object and step),
    sorted by step then object; ``step_offsets[s]:step_offsets[s+1]`` are the records of step ``steps[s]``."""

    rec: np.ndarray
    obj: np.ndarray
    step: np.ndarray
    steps: np.ndarray
    step_offsets: np.ndarray
    delta_t: float
    start_time: int
    n_dropped: int

    def __len__(self):
        return len(self.steps)

    def snapshot(self, s: int):
        """(step index, slice of the records) of the s-th non-empty step; its objects are in increasing order."""
        return int(self.steps[s]), slice(int(self.step_offsets[s]), int(self.step_offsets[s + 1]))

    def step_time(self, step: int) -> int:
        return int(self.start_time + step * self.delta_t)


def median_interval(obj: np.ndarray, t: np.ndarray) -> float:
    """Median of the positive time differences between consecutive records of the same object."""
    order = np.lexsort((t, obj))
    o, tt = obj[order], t[order]
    same = o[1:] == o[:-1]
    dt = (tt[1:] - tt[:-1])[same]
    dt = dt[dt > 0]
    if dt.size == 0:
        raise ValueError(
            "no object has two records at different times: the sampling interval is undefined; set DELTA_T"
        )
    return float(np.median(dt))


def build_stream(
    obj: np.ndarray, t: np.ndarray, delta_t: Optional[float] = None, start_time: Optional[int] = None
) -> Stream:
    """Time steps of ``delta_t`` seconds from ``start_time`` (default: the median sampling interval and the
    earliest time). Records before the start are dropped; each object keeps its earliest record per step."""
    obj = np.asarray(obj, np.int64)
    t = np.asarray(t, np.int64)
    if obj.size == 0:
        raise ValueError("no records")
    if delta_t is None or delta_t <= 0:
        delta_t = median_interval(obj, t)
    delta_t = float(delta_t)
    start = int(t.min()) if start_time is None else int(start_time)
    keep = t >= start
    n_before = int((~keep).sum())
    idx = np.nonzero(keep)[0]
    step = np.floor((t[idx] - start) / delta_t).astype(np.int64)
    order = np.lexsort((t[idx], obj[idx], step))
    idx, step = idx[order], step[order]
    o = obj[idx]
    first = np.ones(idx.size, bool)
    first[1:] = (step[1:] != step[:-1]) | (o[1:] != o[:-1])
    n_dup = int((~first).sum())
    idx, step, o = idx[first], step[first], o[first]
    if idx.size == 0:
        raise ValueError("no record at or after the start time")
    bounds = np.nonzero(np.r_[True, step[1:] != step[:-1]])[0]
    return Stream(
        rec=idx,
        obj=o,
        step=step,
        steps=step[bounds],
        step_offsets=np.r_[bounds, idx.size],
        delta_t=delta_t,
        start_time=start,
        n_dropped=n_before + n_dup,
    )


# ---------------------------------------------------------------------------------------------- geometry
def neighbour_pairs(x: np.ndarray, y: np.ndarray, radius: float):
    """All unordered pairs (i < j) within ``radius`` metres and their distances."""
    from scipy.spatial import cKDTree

    if x.size < 2 or radius <= 0:
        e = np.zeros(0, np.int64)
        return e, e, np.zeros(0)
    pts = np.column_stack([x, y])
    pairs = cKDTree(pts).query_pairs(radius, output_type="ndarray")
    i, j = pairs[:, 0].astype(np.int64), pairs[:, 1].astype(np.int64)
    d = np.hypot(x[i] - x[j], y[i] - y[j])
    return i, j, d


def speed_project(px, py, cx, cy, r):
    """Formula 13: the point of the disk (c, r) closest to p (p itself when inside)."""
    dx, dy = px - cx, py - cy
    d = np.hypot(dx, dy)
    scale = np.where(d > r, r / np.maximum(d, 1e-12), 1.0)
    return cx + dx * scale, cy + dy * scale


def _keep_distance_in_disk(px, py, sx, sy, cx, cy, r):
    """Formula 12: for p outside the disk (c, r), the disk point whose distance to s is closest to |p − s|
    (among those, the one closest to p); points already inside the disk are returned unchanged."""
    R = np.hypot(px - sx, py - sy)
    d0 = np.hypot(cx - sx, cy - sy)
    outside = np.hypot(px - cx, py - cy) > r
    ox, oy = px.copy(), py.copy()
    if not outside.any():
        return ox, oy
    px, py, sx, sy, cx, cy, r, R, d0 = (a[outside] for a in (px, py, sx, sy, cx, cy, r, R, d0))
    ux, uy = (cx - sx) / np.maximum(d0, 1e-12), (cy - sy) / np.maximum(d0, 1e-12)
    # default: R outside the reachable range -> nearest point (R too small) or farthest point (R too large)
    near = R < d0 - r
    qx = np.where(near, cx - ux * r, cx + ux * r)
    qy = np.where(near, cy - uy * r, cy + uy * r)
    # the circle (s, R) crosses the disk boundary: circle-circle intersection, the crossing closest to p
    cross = (~near) & (R <= d0 + r) & (d0 > 1e-9)
    a = (R**2 - r**2 + d0**2) / (2 * np.maximum(d0, 1e-12))
    h = np.sqrt(np.maximum(R**2 - a**2, 0.0))
    bx, by = sx + ux * a, sy + uy * a
    x1, y1 = bx - uy * h, by + ux * h
    x2, y2 = bx + uy * h, by - ux * h
    first = np.hypot(x1 - px, y1 - py) <= np.hypot(x2 - px, y2 - py)
    qx = np.where(cross, np.where(first, x1, x2), qx)
    qy = np.where(cross, np.where(first, y1, y2), qy)
    # degenerate: s at the disk centre -> plain projection
    deg = d0 <= 1e-9
    if deg.any():
        gx, gy = speed_project(px, py, cx, cy, r)
        qx, qy = np.where(deg, gx, qx), np.where(deg, gy, qy)
    ox[outside], oy[outside] = qx, qy
    return ox, oy


def _adjust_towards(px, py, sx, sy, cx, cy, r, delta, alpha):
    """Formulas 9-10 for members further than ``delta`` from the pivot s: (adjusted x, y, cost f_k)."""
    D = np.hypot(px - sx, py - sy)
    ux, uy = (px - sx) / np.maximum(D, 1e-12), (py - sy) / np.maximum(D, 1e-12)
    lam2 = D / delta
    lam1 = (np.hypot(sx - cx, sy - cy) - r) / delta
    lo = np.maximum(1.0, np.ceil(lam1 - 1e-9))
    hi = np.floor(lam2 + 1e-9)

    def cost(b):
        return (D - b * delta) ** 2 + alpha * (delta * (b - 1)) ** 2

    # convex in b: the best integer is the clipped floor or ceil of the unconstrained minimiser
    bstar = (lam2 + alpha) / (1 + alpha)
    has_int = lo <= hi
    b1 = np.clip(np.floor(bstar), lo, np.maximum(lo, hi))
    b2 = np.clip(np.ceil(bstar), lo, np.maximum(lo, hi))
    bint = np.where(cost(b1) <= cost(b2), b1, b2)
    # staying (b = λ2) costs the true Formula 8 historical term ⌈λ2⌉ − 1, not the λ2 − 1 of Formula 9's shorthand
    # (they agree for integer b, which is what Formula 9 was derived for)
    stay = alpha * (delta * (np.ceil(lam2 - 1e-9) - 1)) ** 2
    bopt = np.where(has_int & (cost(bint) < stay), bint, lam2)
    # Formula 10: points s + u·x lie in the speed disk for x in [x1, x2]; o itself (x = D) is inside
    wx, wy = sx - cx, sy - cy
    pb = ux * wx + uy * wy
    disc = pb**2 - (wx**2 + wy**2 - r**2)
    xmin = -pb - np.sqrt(np.maximum(disc, 0.0))
    bmin = xmin / delta
    infeasible = bopt < bmin - 1e-9
    if infeasible.any():
        first_int = np.maximum(lo, np.ceil(bmin - 1e-9))
        alt = np.where(first_int <= hi, first_int, lam2)
        bopt = np.where(infeasible, alt, bopt)
    dist = bopt * delta
    ax, ay = sx + ux * dist, sy + uy * dist
    f = (D - dist) ** 2 + alpha * (delta * (np.ceil(bopt - 1e-9) - 1)) ** 2
    return ax, ay, f


# ---------------------------------------------------------------------------------------------- clustering
def _nearest(n: int, owner, target, dist):
    """For each of n points, the ``target`` of its smallest-``dist`` entry among those it ``owner``s (ties: the
    lowest target), or −1."""
    mind = np.full(n, np.inf)
    np.minimum.at(mind, owner, dist)
    ok = dist <= mind[owner]
    best = np.full(n, np.iinfo(np.int64).max)
    np.minimum.at(best, owner[ok], target[ok])
    best[best == np.iinfo(np.int64).max] = -1
    return best


def dbscan_pairs(n: int, i, j, d, eps: float, min_pts: int):
    """DBSCAN from neighbour pairs: (labels 0..K−1 or −1, role 0 noise / 1 border / 2 core).

    A point is core when at least ``min_pts`` points (itself included) lie within ``eps``; clusters are the
    connected components of core points; a border point joins the cluster of its nearest core neighbour."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    m = d <= eps
    i, j, d = i[m], j[m], d[m]
    deg = np.bincount(i, minlength=n) + np.bincount(j, minlength=n) + 1
    core = deg >= min_pts
    labels = np.full(n, -1, np.int64)
    role = np.zeros(n, np.int8)
    if not core.any():
        return labels, role
    cc = core[i] & core[j]
    g = coo_matrix((np.ones(int(cc.sum()), np.int8), (i[cc], j[cc])), shape=(n, n))
    _, comp = connected_components(g, directed=False)
    _, lab = np.unique(comp[core], return_inverse=True)
    labels[core] = lab
    role[core] = 2
    # border points: nearest core neighbour
    bij = ~core[i] & core[j]
    bji = ~core[j] & core[i]
    near = _nearest(n, np.r_[i[bij], j[bji]], np.r_[j[bij], i[bji]], np.r_[d[bij], d[bji]])
    border = near >= 0
    labels[border] = labels[near[border]]
    role[border] = 1
    return labels, role


def modularity(n: int, i, j, d, labels, min_distance: float = 1.0) -> float:
    """QS of Formula 14 (Newman–Girvan modularity as in Kim & Han 2009) on the graph of the given pairs with
    similarity 1/d; noise points (label −1) count as singletons."""
    if i.size == 0:
        return 0.0
    w = 1.0 / np.maximum(d, min_distance)
    lab = _singletons(labels)
    total = w.sum()
    same = lab[i] == lab[j]
    _, inv = np.unique(lab, return_inverse=True)
    k = inv.max() + 1
    intra = np.bincount(inv[i[same]], weights=w[same], minlength=k)
    degree = np.bincount(inv[i], weights=w, minlength=k) + np.bincount(inv[j], weights=w, minlength=k)
    return float((intra / total).sum() - ((degree / (2 * total)) ** 2).sum())


def _singletons(labels):
    lab = np.asarray(labels, np.int64).copy()
    noise = lab < 0
    lab[noise] = -1 - np.arange(int(noise.sum()))
    return lab


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


def consecutive_nmi(prev_obj, prev_labels, obj, labels) -> Optional[float]:
    """NMI (Formula 15, geometric normalisation) between the clusterings of the objects present at both steps;
    noise points are singletons. None when fewer than two objects are shared."""
    from sklearn.metrics import normalized_mutual_info_score

    if prev_obj is None:
        return None
    common, a, b = np.intersect1d(prev_obj, obj, assume_unique=True, return_indices=True)
    if common.size < 2:
        return None
    return float(
        normalized_mutual_info_score(_singletons(prev_labels[a]), _singletons(labels[b]), average_method="geometric")
    )


def minimal_groups(n: int, i, j, d, delta: float, rho: int):
    """Definition 12 / Algorithm 1: (seed index of each point or −1, is_seed).

    Seeds need at least ``rho`` points (themselves included) within ``delta`` and are chosen greedily by decreasing
    local density (ties: lower index), no two within ``delta`` (the lexicographically-first maximal independent
    set, computed in parallel rounds of local maxima). Every other point joins its nearest seed within ``delta``."""
    m = d <= delta
    i, j, d = i[m], j[m], d[m]
    dens = np.bincount(i, minlength=n) + np.bincount(j, minlength=n) + 1
    cand = dens >= rho
    # unique priority: higher density first, then lower index
    order = np.lexsort((np.arange(n), -dens))
    prio = np.empty(n, np.int64)
    prio[order] = np.arange(n)[::-1]
    ce = cand[i] & cand[j]
    ei, ej = i[ce], j[ce]
    alive = cand.copy()
    seed = np.zeros(n, bool)
    while alive.any():
        live = alive[ei] & alive[ej]
        ei, ej = ei[live], ej[live]
        best = np.full(n, -1, np.int64)
        np.maximum.at(best, ei, prio[ej])
        np.maximum.at(best, ej, prio[ei])
        win = alive & (prio > best)
        seed |= win
        gone = win.copy()
        gone[ej[win[ei]]] = True
        gone[ei[win[ej]]] = True
        alive &= ~gone
    group = np.where(seed, np.arange(n), -1)
    to_seed = seed[j] & ~seed[i]
    from_seed = seed[i] & ~seed[j]
    near = _nearest(
        n, np.r_[i[to_seed], j[from_seed]], np.r_[j[to_seed], i[from_seed]], np.r_[d[to_seed], d[from_seed]]
    )
    group = np.where(near >= 0, near, group)
    return group, seed


# ---------------------------------------------------------------------------------------------- results
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


class ClusterTracker:
    """Stable cluster ids across steps by shared objects (the mapping step of Algorithm 3, after Kim & Han).

    An edge joins previous cluster c′ and current cluster c when at least ``share`` of c′ went to c or at least
    ``share`` of c came from c′. Each current cluster inherits the id of its largest-overlap previous cluster that is
    still free (largest overlaps first); a previous cluster with edges to several current ones splits, a current
    cluster with edges from several previous ones is a merge, a current cluster without edges forms, a previous
    cluster without edges dissolves, a one-to-one edge evolves."""

    def __init__(self, share: float = 0.3):
        self.share = share
        self.next_id = 0
        self.prev_obj = None
        self.prev_ids = None

    def update(self, obj, raw):
        k = int(raw.max(initial=-1)) + 1
        stable = np.full(raw.shape, -1, np.int64)
        events = []
        cur_size = np.bincount(raw[raw >= 0], minlength=k)
        edges = []
        prev_sizes = {}
        if self.prev_obj is not None:
            pv = self.prev_ids[self.prev_ids >= 0]
            u, c = np.unique(pv, return_counts=True)
            prev_sizes = dict(zip(u.tolist(), c.tolist()))
            common, a, b = np.intersect1d(self.prev_obj, obj, assume_unique=True, return_indices=True)
            pa, cb = self.prev_ids[a], raw[b]
            both = (pa >= 0) & (cb >= 0)
            if both.any():
                key = np.unique(np.column_stack([pa[both], cb[both]]), axis=0, return_counts=True)
                for (p, c_), n_ in zip(key[0].tolist(), key[1].tolist()):
                    if n_ >= self.share * prev_sizes[p] or n_ >= self.share * cur_size[c_]:
                        edges.append((n_, p, c_))
        edges.sort(key=lambda e: (-e[0], e[1], e[2]))
        new_id = {}
        taken = set()
        incoming = {c_: [] for c_ in range(k)}
        outgoing = {}
        for n_, p, c_ in edges:
            incoming[c_].append(p)
            outgoing.setdefault(p, []).append(c_)
            if c_ not in new_id and p not in taken:
                new_id[c_] = p
                taken.add(p)
        for c_ in range(k):
            if c_ not in new_id:
                new_id[c_] = self.next_id
                self.next_id += 1
        for c_ in range(k):
            cid = new_id[c_]
            src = incoming[c_]
            if not src:
                events.append((cid, "form", ()))
            elif len(src) > 1:
                events.append((cid, "merge", tuple(sorted(src))))
            elif len(outgoing[src[0]]) > 1:
                if src[0] == cid:
                    events.append((cid, "split", tuple(sorted(new_id[x] for x in outgoing[src[0]] if x != c_))))
                else:
                    events.append((cid, "split", (src[0],)))
            else:
                events.append((cid, "evolve", (src[0],)))
        for p in sorted(prev_sizes):
            if p not in outgoing:
                events.append((p, "dissolve", ()))
            elif p not in taken:
                events.append((p, "merge", tuple(sorted(new_id[c_] for c_ in outgoing[p]))))
        if k:
            lut = np.array([new_id[c_] for c_ in range(k)], np.int64)
            stable[raw >= 0] = lut[raw[raw >= 0]]
        self.prev_obj, self.prev_ids = obj, stable
        return stable, events


# ---------------------------------------------------------------------------------------------- clusterers
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
