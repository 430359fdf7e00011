"""Hidden-Markov map matching of GPS trajectories onto road units (Newson & Krumm, ACM SIGSPATIAL GIS 2009).

:class:`HMMMatcher` puts the points of :class:`models.trajectories.Trajectories` onto the units of a road
:class:`models.units.UnitNetwork` (built with :func:`models.roadnet.road_network`, whose :class:`RoadGeometry` it
uses) and returns the unit sequence of every trajectory.

Model (all distances in metres, in the network's UTM zone):

* candidates of a point: the units passing within ``radius`` of it (at most ``max_candidates``, nearest first),
  each with the point's projection on the unit (offset from the unit's start);
* emission: log p = -0.5 (d / sigma)^2, d the distance from the point to the unit;
* transition between consecutive points: log p = -|route - straight| / beta, ``straight`` the distance between
  the two GPS points and ``route`` the driving distance from the first projection to the second respecting the
  units' directions: on the same unit, forward along it (a step back of at most ``backtrack`` metres counts as
  standing still, GPS jitter of a waiting vehicle); otherwise the rest of the first unit, the shortest path over
  the unit graph (Dijkstra on the graph of units, so turns that the graph leaves out, such as turning back onto
  the other direction of the same line, are never taken) and the offset on the second unit. Routes longer than
  ``max_route_factor * straight + 2 * radius`` are impossible;
* log-space Viterbi. When no candidate of a point can be reached from any candidate of the previous one, the chain
  breaks: it is closed there and a new one starts at that point (counted in ``n_breaks``). Points without a
  candidate are left unmatched and skipped.

``beta`` defaults to ``2 * sigma`` (40 m for the default sigma of 20 m): a route ``sigma`` metres longer than the
straight line then costs as much as a point one sigma away from its road (0.5 in log probability). Newson & Krumm
estimate beta from the data instead (median route/straight difference / ln 2), which needs a first matching; a
fixed multiple of sigma keeps one parameter for the user to set. ``backtrack`` defaults to ``2 * sigma`` too.

Output: the matched units in order with the units of each shortest path in between (so consecutive units follow
each other in the graph except across breaks), consecutive repeats collapsed. The time of a unit is the time of the
first point matched on it; a unit filled in between two points gets the time interpolated by distance along the
route between them. Routing uses scipy's Dijkstra from each candidate unit with a distance limit; the results are
cached per source unit for the whole run.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict, List, Optional

import numpy as np

from .progress import CancelFn, ProgressFn, check, report
from .trajectories import Trajectories, TrajectoryDataError
from .units import UnitNetwork, UnitSequences, solar_offset

#: matcher parameters stored in a road network's spec (``spec["matcher"]``)
MATCHER_DEFAULTS = {
    "radius": 50.0,
    "sigma": 20.0,
    "beta": None,
    "max_candidates": 8,
    "max_route_factor": 4.0,
    "backtrack": None,
    "route_limit": None,
}
#: cached Dijkstra entries (reached units over all sources, 12 bytes each) before the cache is emptied
_CACHE_BUDGET = 8_000_000
#: most dense Dijkstra result cells (sources x units) computed at once
_DIJKSTRA_CELLS = 2_000_000
#: fewest / most metres of the cached search radius chosen from the data
_MIN_LIMIT, _MAX_LIMIT = 500.0, 20_000.0
#: points whose candidates are searched at once
_CHUNK = 20_000


@dataclass
class MatchResult:
    """What :meth:`HMMMatcher.match` found (see the module doc).

    ``point_unit`` gives the matched unit index of every input point (-1 unmatched), ``matched_points`` the
    matched points per trajectory, ``paths_lonlat`` the matched path of each trajectory as a lon/lat polyline
    (the units' geometries one after the other; empty (0, 2) when nothing matched)."""

    sequences: UnitSequences
    point_unit: np.ndarray
    matched_points: np.ndarray
    n_breaks: int
    paths_lonlat: List[np.ndarray]
    breaks_per_trajectory: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))

    @property
    def matched_share(self) -> float:
        n = self.point_unit.size
        return float((self.point_unit >= 0).sum() / n) if n else 0.0

    @property
    def n_empty(self) -> int:
        """Trajectories without any matched unit."""
        return int((self.sequences.lengths == 0).sum())


class _Router:
    """Shortest driving distances over the unit graph (edge i -> j costs the length of j), cached per source."""

    def __init__(self, net: UnitNetwork, lengths: np.ndarray, limit: float):
        from scipy.sparse import csr_matrix

        n = net.size
        e = net.edges
        w = np.maximum(lengths[e[:, 1]], 1e-3) if e.size else np.zeros(0)
        self.graph = csr_matrix((w, (e[:, 0], e[:, 1])), shape=(n, n))
        self.limit = float(limit)
        self.rows: Dict[int, tuple] = {}
        self._size = 0

    def ensure(self, units: np.ndarray, need: np.ndarray) -> None:
        """Make sure every unit's row reaches at least ``need`` metres."""
        from scipy.sparse.csgraph import dijkstra

        todo = [
            (int(u), float(d))
            for u, d in zip(units.tolist(), need.tolist())
            if int(u) not in self.rows or self.rows[int(u)][0] < d
        ]
        if not todo:
            return
        if self._size > _CACHE_BUDGET:  # start afresh, with every unit asked for now
            self.rows.clear()
            self._size = 0
            todo = [(int(u), float(d)) for u, d in zip(units.tolist(), need.tolist())]
        near = [u for u, d in todo if d <= self.limit]
        far = [(u, d) for u, d in todo if d > self.limit]
        groups = [(near, self.limit)] if near else []
        if far:
            groups.append(([u for u, _ in far], max(d for _, d in far)))
        per_call = int(max(1, min(256, _DIJKSTRA_CELLS // max(self.graph.shape[0], 1))))
        for srcs, lim in groups:
            for s in range(0, len(srcs), per_call):
                chunk = srcs[s : s + per_call]
                dist, pred = dijkstra(self.graph, directed=True, indices=chunk, limit=lim, return_predecessors=True)
                for r, u in enumerate(chunk):
                    idx = np.flatnonzero(np.isfinite(dist[r]))
                    self.rows[u] = (
                        lim,
                        idx.astype(np.int32),
                        dist[r, idx].astype(np.float32),
                        pred[r, idx].astype(np.int32),
                    )
                    self._size += idx.size

    def distances(self, a: int, targets: np.ndarray) -> np.ndarray:
        _, idx, d, _ = self.rows[a]
        pos = np.clip(np.searchsorted(idx, targets), 0, max(idx.size - 1, 0))
        hit = (idx.size > 0) & (idx[pos] == targets) if idx.size else np.zeros(targets.shape, bool)
        return np.where(hit, d[pos] if idx.size else np.inf, np.inf)

    def path(self, a: int, b: int) -> List[int]:
        """Units after ``a`` up to and including ``b`` on the shortest path (``b`` reached from ``a``)."""
        _, idx, _, pred = self.rows[a]
        out = [b]
        cur = b
        for _ in range(idx.size + 1):
            p = int(pred[np.searchsorted(idx, cur)])
            if p == a or p < 0:
                break
            out.append(p)
            cur = p
        return out[::-1]


def _check_inputs(trajs: Trajectories, net: UnitNetwork, geometry) -> None:
    if net.kind != "road":
        raise ValueError("map matching needs a road network")
    if geometry.size != net.size:
        raise ValueError("the road geometry does not belong to this network")
    if trajs.t is None:
        raise TrajectoryDataError("the trajectories have no time field; map matching needs the time of each point")


class HMMMatcher:
    """Newson & Krumm hidden-Markov map matcher (see the module doc for the model and the parameters).

    ``radius`` (m): candidate search radius; ``sigma`` (m): GPS noise; ``beta`` (m, default 2 sigma): scale of the
    route/straight-line difference; ``max_candidates``: nearest units kept per point; ``max_route_factor``: longest
    route as a multiple of the straight distance (plus 2 radius); ``backtrack`` (m, default 2 sigma): how far a
    point may fall back on the same unit; ``route_limit`` (m, default from the data): radius of the cached
    Dijkstra searches (longer steps search further, uncached)."""

    def __init__(
        self,
        radius: float = 50.0,
        sigma: float = 20.0,
        beta: Optional[float] = None,
        max_candidates: int = 8,
        max_route_factor: float = 4.0,
        backtrack: Optional[float] = None,
        route_limit: Optional[float] = None,
    ):
        self.radius = float(radius)
        self.sigma = float(sigma)
        self.beta = float(beta) if beta is not None else 2.0 * self.sigma
        self.max_candidates = int(max_candidates)
        self.max_route_factor = float(max_route_factor)
        self.backtrack = float(backtrack) if backtrack is not None else 2.0 * self.sigma
        self.route_limit = None if route_limit is None else float(route_limit)
        for name in ("radius", "sigma", "beta", "max_route_factor"):
            if not getattr(self, name) > 0:
                raise ValueError(f"{name} must be positive")
        if self.max_candidates < 1:
            raise ValueError("max_candidates must be at least 1")
        if self.backtrack < 0:
            raise ValueError("backtrack must not be negative")

    def spec(self) -> dict:
        return {
            "radius": self.radius,
            "sigma": self.sigma,
            "beta": self.beta,
            "max_candidates": self.max_candidates,
            "max_route_factor": self.max_route_factor,
            "backtrack": self.backtrack,
            "route_limit": self.route_limit,
        }

    @classmethod
    def from_spec(cls, spec: Optional[dict]) -> "HMMMatcher":
        d = dict(MATCHER_DEFAULTS)
        d.update({k: v for k, v in (spec or {}).items() if k in MATCHER_DEFAULTS})
        return cls(**d)

    # ------------------------------------------------------------------------------------ candidates
    def _candidates(self, x: np.ndarray, y: np.ndarray, geometry, cancel: CancelFn):
        """Flat candidate arrays sorted by (point, distance): (point, unit, distance, offset), at most
        ``max_candidates`` per point."""
        import shapely

        lines, tree = geometry.shapes()
        pts_all = shapely.points(x, y)
        out_p, out_u, out_d, out_o = [], [], [], []
        for s in range(0, x.size, _CHUNK):
            check(cancel)
            pts = pts_all[s : s + _CHUNK]
            pi, ui = tree.query(pts, predicate="dwithin", distance=self.radius)
            if pi.size == 0:
                continue
            d = shapely.distance(pts[pi], lines[ui])
            order = np.lexsort((ui, d, pi))
            pi, ui, d = pi[order], ui[order], d[order]
            start = np.flatnonzero(np.concatenate([[True], pi[1:] != pi[:-1]]))
            rank = np.arange(pi.size) - np.repeat(start, np.diff(np.concatenate([start, [pi.size]])))
            keep = rank < self.max_candidates
            pi, ui, d = pi[keep], ui[keep], d[keep]
            off = shapely.line_locate_point(lines[ui], pts[pi])
            out_p.append(pi + s)
            out_u.append(ui)
            out_d.append(d)
            out_o.append(np.minimum(off, geometry.lengths[ui]))
        if not out_p:
            z = np.zeros(0)
            return z.astype(np.int64), z.astype(np.int64), z, z
        return (
            np.concatenate(out_p).astype(np.int64),
            np.concatenate(out_u).astype(np.int64),
            np.concatenate(out_d),
            np.concatenate(out_o),
        )

    # ------------------------------------------------------------------------------------ matching
    def match(
        self, trajs: Trajectories, net: UnitNetwork, geometry, progress: ProgressFn = None, cancel: CancelFn = None
    ) -> MatchResult:
        """Match every trajectory (see the module doc). Raises TrajectoryDataError when the trajectories have no
        time or when no point lies within ``radius`` of the network."""
        _check_inputs(trajs, net, geometry)
        check(cancel)
        m = trajs.to_crs(geometry.crs)
        x, y = m.x, m.y
        n_pts = x.size
        ok = np.isfinite(x) & np.isfinite(y)
        cp, cu, cd, co = self._candidates(np.where(ok, x, 0.0), np.where(ok, y, 0.0), geometry, cancel)
        keep = ok[cp]
        cp, cu, cd, co = cp[keep], cu[keep], cd[keep], co[keep]
        report(progress, 10)
        if cp.size == 0:
            raise TrajectoryDataError(
                f"the trajectories lie off the road network: no point is within {self.radius:g} m of a road line; "
                "check that the layers' CRS are right, or use a larger search radius"
            )
        # candidates of point p: cptr[p]:cptr[p+1]
        cptr = np.zeros(n_pts + 1, np.int64)
        np.cumsum(np.bincount(cp, minlength=n_pts), out=cptr[1:])
        emis = -0.5 * (cd / self.sigma) ** 2
        lengths = geometry.lengths

        router = _Router(net, lengths, self._route_limit(trajs, x, y, lengths))

        n = len(trajs)
        seq_units: List[np.ndarray] = []
        seq_times: List[np.ndarray] = []
        point_unit = np.full(n_pts, -1, np.int64)
        matched = np.zeros(n, np.int64)
        breaks = np.zeros(n, np.int64)
        paths = []
        t_all = trajs.t
        every = max(1, n // 100)
        for i in range(n):
            check(cancel)
            if i % every == 0:
                report(progress, 10 + 88 * i / max(n, 1))
            s, e = int(trajs.offsets[i]), int(trajs.offsets[i + 1])
            pts = np.arange(s, e)[cptr[s + 1 : e + 1] > cptr[s:e]]
            if pts.size == 0:
                seq_units.append(np.zeros(0, np.int64))
                seq_times.append(np.zeros(0, np.int64))
                paths.append(np.zeros((0, 2)))
                continue
            chains, nb = self._viterbi(pts, cptr, cu, co, emis, x, y, lengths, router)
            breaks[i] = nb
            matched[i] = pts.size
            units, times = self._assemble(chains, cu, co, t_all, lengths, router)
            for chain in chains:
                for p, c in chain:
                    point_unit[p] = cu[c]
            seq_units.append(units)
            seq_times.append(times)
            paths.append(geometry.path_lonlat(units))
        report(progress, 99)
        lens = np.array([u.size for u in seq_units], np.int64)
        offsets = np.concatenate([[0], np.cumsum(lens)]).astype(np.int64)
        seqs = UnitSequences(
            ids=trajs.ids,
            offsets=offsets,
            units=np.concatenate(seq_units) if n else np.zeros(0, np.int64),
            times=np.concatenate(seq_times) if n else np.zeros(0, np.int64),
            tz_offset_s=solar_offset(net.lonlat[:, 0]),
        )
        report(progress, 100)
        return MatchResult(
            sequences=seqs,
            point_unit=point_unit,
            matched_points=matched,
            n_breaks=int(breaks.sum()),
            paths_lonlat=paths,
            breaks_per_trajectory=breaks,
        )

    def _route_limit(self, trajs: Trajectories, x: np.ndarray, y: np.ndarray, lengths: np.ndarray) -> float:
        """Search radius of the cached Dijkstra rows, from the steps between consecutive points (or
        ``route_limit`` when set)."""
        if self.route_limit is not None:
            return self.route_limit
        n_pts = x.size
        tid = trajs.point_traj_index
        same = np.zeros(n_pts, bool)
        if n_pts > 1:
            same[1:] = tid[1:] == tid[:-1]
        step = np.hypot(np.diff(x, prepend=np.nan), np.diff(y, prepend=np.nan))
        step = np.where(same & np.isfinite(step), step, np.nan)
        good = step[np.isfinite(step)]
        q = float(np.quantile(good, 0.95)) if good.size else 0.0
        return float(
            np.clip(self.max_route_factor * q + 2 * self.radius + np.quantile(lengths, 0.9), _MIN_LIMIT, _MAX_LIMIT)
        )

    def _viterbi(self, pts, cptr, cu, co, emis, x, y, lengths, router):
        """Chains of (point, candidate index) for the points ``pts`` (all with candidates), and the break count."""
        k = pts.size
        c0, c1 = cptr[pts], cptr[pts + 1]
        if k == 1:
            c = int(c0[0] + np.argmax(emis[c0[0] : c1[0]]))
            return [[(int(pts[0]), c)]], 0
        # every candidate pair of consecutive points, flat
        na, nbk = (c1 - c0)[:-1], (c1 - c0)[1:]
        npairs = na * nbk
        stp = np.repeat(np.arange(k - 1), npairs)
        within = np.arange(int(npairs.sum())) - np.repeat(np.cumsum(npairs) - npairs, npairs)
        ia = c0[:-1][stp] + within // nbk[stp]
        ib = c0[1:][stp] + within % nbk[stp]
        ua, ub = cu[ia], cu[ib]
        oa, ob = co[ia], co[ib]
        straight = np.hypot(x[pts[1:]] - x[pts[:-1]], y[pts[1:]] - y[pts[:-1]])
        bound = (self.max_route_factor * straight + 2 * self.radius)[stp]
        route = np.full(ia.size, np.inf)
        su = ua == ub
        fwd = su & (ob >= oa - self.backtrack)
        route[fwd] = np.abs(ob[fwd] - oa[fwd])
        other = np.flatnonzero(~su)
        if other.size:
            need = bound[other] + lengths[ub[other]]
            srcs, inv = np.unique(ua[other], return_inverse=True)
            need_src = np.zeros(srcs.size)
            np.maximum.at(need_src, inv, need)
            router.ensure(srcs, need_src)
            d = np.empty(other.size)
            order = np.argsort(inv, kind="stable")
            bounds = np.searchsorted(inv[order], np.arange(srcs.size + 1))
            for j, a in enumerate(srcs.tolist()):
                sel = order[bounds[j] : bounds[j + 1]]
                d[sel] = router.distances(a, ub[other][sel])
            route[other] = (lengths[ua[other]] - oa[other]) + d - lengths[ub[other]] + ob[other]
        route[route > bound] = np.inf
        trans = np.where(np.isfinite(route), -np.abs(route - straight[stp]) / self.beta, -np.inf)
        # Viterbi over the steps
        pstart = np.concatenate([[0], np.cumsum(npairs)])
        chains = []
        score = emis[c0[0] : c1[0]].copy()
        back: List[np.ndarray] = []
        chain_start = 0
        n_breaks = 0
        for t in range(k - 1):
            tr = trans[pstart[t] : pstart[t + 1]].reshape(na[t], nbk[t])
            tot = score[:, None] + tr
            best = np.argmax(tot, axis=0)
            val = tot[best, np.arange(nbk[t])]
            if not np.isfinite(val).any():
                chains.append(self._backtrack(score, back, chain_start, t, pts, c0))
                n_breaks += 1
                chain_start = t + 1
                back = []
                score = emis[c0[t + 1] : c1[t + 1]].copy()
                continue
            back.append(best)
            score = val + emis[c0[t + 1] : c1[t + 1]]
        chains.append(self._backtrack(score, back, chain_start, k - 1, pts, c0))
        return chains, n_breaks

    @staticmethod
    def _backtrack(score, back, start, end, pts, c0):
        """Chain of (point, candidate) for points start..end from the final scores and back pointers."""
        j = int(np.argmax(score))
        out = [(int(pts[end]), int(c0[end] + j))]
        for t in range(end - 1, start - 1, -1):
            j = int(back[t - start][j])
            out.append((int(pts[t]), int(c0[t] + j)))
        return out[::-1]

    def _assemble(self, chains, cu, co, t_all, lengths, router):
        """Unit sequence and times of one trajectory from its chains (see the module doc)."""
        units: List[int] = []
        times: List[float] = []
        for chain in chains:
            p0, c0 = chain[0]
            units.append(int(cu[c0]))
            times.append(float(t_all[p0]))
            for (p, a), (q, b) in zip(chain[:-1], chain[1:]):
                ua, ub = int(cu[a]), int(cu[b])
                if ua == ub:
                    continue
                path = router.path(ua, ub)
                tp, tq = float(t_all[p]), float(t_all[q])
                rest = lengths[ua] - co[a]
                entry = rest + np.concatenate([[0.0], np.cumsum(lengths[path[:-1]])])
                total = entry[-1] + co[b]
                frac = entry / total if total > 0 else np.zeros(entry.size)
                for u, f in zip(path[:-1], frac[:-1].tolist()):
                    units.append(int(u))
                    times.append(tp + (tq - tp) * f)
                units.append(ub)
                times.append(tq)
        u = np.asarray(units, np.int64)
        t = np.floor(np.asarray(times, np.float64)).astype(np.int64)
        keep = np.ones(u.size, bool)
        keep[1:] = u[1:] != u[:-1]
        u, t = u[keep], t[keep]
        return u, np.maximum.accumulate(t) if t.size else t
