"""Synthetic trajectories: vehicles driving shortest paths between origin-destination (OD) pairs on a road graph.

The sample is built to have structure that clustering and anomaly algorithms can find:

* every OD pair is one cluster (``od_id``): its origin area and destination area are small disks (radius
  ``od_radius``, 300 m by default, smaller when many pairs must fit, see :func:`_od_radius`) around *anchor*
  nodes, all at least three radii apart. Layout ``"compact"`` (default) spreads pair centres over the network
  by randomised farthest-point sampling and puts each pair's origin and destination on either side of its
  centre (clusters apart in space, as centre-based ground truth such as E2DTC's Algorithm 2 expects);
  ``"crosstown"`` spreads all anchors and pairs far apart ones (long trips whose routes cross);
* every pair has a main corridor: the cheapest anchor-to-anchor path under a smooth random cost field
  (log-normal, sigma ``pair_sigma``); edges away from it cost up to ``corridor_penalty`` more for the pair;
* each trip starts and ends at a node drawn among the nodes of those disks, and is routed with Dijkstra on the
  edge lengths times the pair's costs and a small per-trip perturbation (log-normal per edge, sigma
  ``trip_sigma``): trips of one pair mostly share the corridor but are not identical; distinct corridors
  inside one pair get a route variant id (``route_id``);
* a share ``detour_rate`` of the trips leaves its normal route for a stretch (head, middle or rear) to pass
  through an off-route waypoint node 300-800 m (at most 40 % of the trip length) away from the normal route,
  going out and back by different streets; the points of that stretch are flagged ``is_anomaly = 1`` with
  ``anomaly_type = "detour"``;
* a vehicle drives at a constant speed (``speed`` +/- ``speed_variation``) and is sampled every
  ``sampling_interval`` seconds, with Gaussian GPS noise of ``gps_noise`` metres per axis;
* vehicles make a few trips one after the other, starting over a ``time_window`` after ``start_time``.

The road graph is built from line coordinates in a metric CRS (:meth:`RoadGraph.from_lines`): vertices closer
than ``precision`` are merged, every vertex shared between lines is a junction, lines are two-way, chains of
degree-2 vertices are contracted into one edge (keeping its geometry), and only the largest connected component
is kept. :func:`grid_lines` makes a synthetic street grid (arterials every few streets, some missing streets and
a few diagonals). Randomness comes from independent streams of ``numpy.random.SeedSequence(seed)`` so e.g.
changing the GPS noise does not change the routes.

:func:`simulate_lymob` produces a LYMob-4Cities-style table (uid, d, t, x, y on a 200 x 200 grid of 500 m cells,
48 half-hour slots, 999 = masked) from commuting users on a synthetic grid.

Only numpy and scipy are used (pyproj through :mod:`models.crs` for reprojection).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict, List, Optional, Sequence

import numpy as np

from ..core.progress import check, report, scaled
from ..core.trajectories import Trajectories

__all__ = [
    "RoadGraph",
    "SimulationResult",
    "LymobSample",
    "grid_lines",
    "sample_polyline",
    "simulate_on_graph",
    "simulate_trajectories",
    "simulate_lymob",
    "simulate_groups",
    "GroupStream",
    "default_extent",
    "distance_to_polyline",
    "path_from_predecessors",
    "GRID_COST_FACTORS",
    "DEFAULT_CENTER",
    "DEFAULT_SIZE_M",
    "DEFAULT_START_TIME",
]

#: Porto centre (lon, lat) and the side of the default square extent (metres)
DEFAULT_CENTER = (-8.61, 41.15)
DEFAULT_SIZE_M = 6000.0
#: 2024-01-01 08:00:00 UTC
DEFAULT_START_TIME = 1704096000
MIN_NODES = 10

# independent random streams (indices into SeedSequence.spawn)
_S_NETWORK, _S_LAYOUT, _S_ROUTES, _S_DETOURS, _S_TIMING, _S_NOISE = range(6)


def _streams(seed: int, n: int = 6):
    return [np.random.default_rng(s) for s in np.random.SeedSequence(int(seed)).spawn(n)]


# ============================================================================ road graph
@dataclass
class RoadGraph:
    """Undirected road graph in a metric CRS: junction nodes and edges carrying their polyline geometry."""

    node_xy: np.ndarray  # (n, 2)
    edge_u: np.ndarray  # (m,) int64, u != v, each unordered pair once
    edge_v: np.ndarray  # (m,)
    edge_len: np.ndarray  # (m,) metres
    edge_geom: List[np.ndarray]  # m arrays (k, 2) from node u to node v
    edge_cost: np.ndarray  # (m,) cost factor (< 1 for faster roads), routing cost = len * factor
    lines: List[np.ndarray]  # road lines kept (those with an edge in the graph), for display
    line_kind: np.ndarray  # (len(lines),) str: "street", "arterial", "diagonal", "road"
    crs: str = ""
    n_components: int = 1  # connected components of the input
    n_dropped_nodes: int = 0  # junction nodes outside the largest component
    _adj: Optional[tuple] = field(default=None, repr=False)
    _edge_of: Optional[dict] = field(default=None, repr=False)

    @property
    def n_nodes(self) -> int:
        return int(self.node_xy.shape[0])

    @property
    def n_edges(self) -> int:
        return int(self.edge_u.shape[0])

    @property
    def bounds(self):
        return (
            float(self.node_xy[:, 0].min()),
            float(self.node_xy[:, 1].min()),
            float(self.node_xy[:, 0].max()),
            float(self.node_xy[:, 1].max()),
        )

    # ---------------------------------------------------------------- construction
    @classmethod
    def from_lines(
        cls,
        lines: Sequence[np.ndarray],
        crs: str = "",
        precision: float = 0.01,
        kinds: Optional[Sequence[str]] = None,
        cost_factors: Optional[Dict[str, float]] = None,
        min_nodes: int = MIN_NODES,
    ) -> "RoadGraph":
        """Graph from (k, 2) coordinate arrays in metres (two-way roads).

        Vertices closer than ``precision`` (after rounding) are merged, so lines connect wherever they share a
        vertex (end point or interior vertex; lines that only cross without a common vertex do not connect).
        ``kinds`` gives a road class per line and ``cost_factors`` a routing cost factor per class.
        Raises ValueError when the largest connected component has fewer than ``min_nodes`` junctions.
        """
        from scipy.sparse import coo_matrix
        from scipy.sparse.csgraph import connected_components

        lines = [np.asarray(a, np.float64).reshape(-1, 2) for a in lines]
        lines = [a[np.all(np.isfinite(a), axis=1)] for a in lines]
        kinds = np.asarray(["road"] * len(lines) if kinds is None else list(kinds), dtype=object)
        factors = dict(cost_factors or {})
        lens = np.array([len(a) for a in lines], dtype=np.int64)
        if lens.sum() < 2:
            raise ValueError("the road network has no line with at least two vertices")
        allxy = np.concatenate(lines) if lines else np.zeros((0, 2))
        q = np.round(allxy / precision).astype(np.int64)
        _, first, inv = np.unique(q, axis=0, return_index=True, return_inverse=True)
        inv = inv.reshape(-1)
        vxy = allxy[first]
        # segments between consecutive vertices of a line
        starts = np.concatenate([[0], np.cumsum(lens)[:-1]])
        line_of_vertex = np.repeat(np.arange(len(lines)), lens)
        seg_ok = np.ones(allxy.shape[0], dtype=bool)
        seg_ok[(starts + lens - 1)[lens > 0]] = False  # last vertex of each line starts no segment
        si = np.flatnonzero(seg_ok)
        a, b = inv[si], inv[si + 1]
        keep = a != b
        a, b, seg_line = a[keep], b[keep], line_of_vertex[si[keep]]
        lo, hi = np.minimum(a, b), np.maximum(a, b)
        pair = np.stack([lo, hi], axis=1)
        _, pfirst = np.unique(pair, axis=0, return_index=True)
        pfirst.sort()
        lo, hi, seg_line = lo[pfirst], hi[pfirst], seg_line[pfirst]
        nv = vxy.shape[0]
        if lo.size == 0:
            raise ValueError("the road network has no segment of positive length")
        # vertex adjacency (CSR): neighbour and segment index
        src = np.concatenate([lo, hi])
        dst = np.concatenate([hi, lo])
        sid = np.concatenate([np.arange(lo.size), np.arange(lo.size)])
        order = np.lexsort((dst, src))
        src, dst, sid = src[order], dst[order], sid[order]
        indptr = np.zeros(nv + 1, dtype=np.int64)
        np.cumsum(np.bincount(src, minlength=nv), out=indptr[1:])
        deg = np.diff(indptr)
        junction = deg != 2
        chains = _walk_chains(indptr, dst.tolist(), sid.tolist(), junction, lo.size)
        # resolve parallel chains (same end nodes) by making a middle vertex a junction, drop loops
        chains = _split_parallel(chains, vxy)
        nodes_v = sorted({c[0] for c in chains} | {c[-1] for c in chains})
        if not nodes_v:
            raise ValueError("the road network has no usable junction")
        vid_to_node = {v: i for i, v in enumerate(nodes_v)}
        eu = np.array([vid_to_node[c[0]] for c in chains], dtype=np.int64)
        ev = np.array([vid_to_node[c[-1]] for c in chains], dtype=np.int64)
        geoms = [vxy[np.asarray(c)] for c in chains]
        elen = np.array([float(np.hypot(*np.diff(g, axis=0).T).sum()) for g in geoms])
        # line of an edge: the line of its first segment
        seg_key = {(int(x), int(y)): int(li) for x, y, li in zip(lo, hi, seg_line)}
        eline = np.array([seg_key[(min(c[0], c[1]), max(c[0], c[1]))] for c in chains], dtype=np.int64)
        n = len(nodes_v)
        g = coo_matrix((np.ones(eu.size), (eu, ev)), shape=(n, n))
        ncomp, lab = connected_components(g, directed=False)
        big = int(np.argmax(np.bincount(lab)))
        keep_n = lab == big
        n_keep = int(keep_n.sum())
        if n_keep < min_nodes:
            raise ValueError(
                f"the road network is too small: its largest connected part has {n_keep} junction/end node(s), "
                f"at least {min_nodes} are needed (lines connect only where they share a vertex)"
            )
        remap = -np.ones(n, dtype=np.int64)
        remap[keep_n] = np.arange(n_keep)
        keep_e = keep_n[eu]
        eidx = np.flatnonzero(keep_e)
        # lines shown as "used": those owning a (de-duplicated) segment in the kept component
        kept_v = np.zeros(nv, dtype=bool)
        for i in eidx:
            kept_v[chains[i][0]] = True
        vlab = connected_components(coo_matrix((np.ones(lo.size), (lo, hi)), shape=(nv, nv)), directed=False)[1]
        big_v = np.isin(vlab, np.unique(vlab[kept_v]))
        used_lines = np.unique(seg_line[big_v[lo]])
        cost = np.array([factors.get(kinds[eline[i]], 1.0) for i in eidx], dtype=np.float64)
        node_xy = vxy[np.asarray(nodes_v)][keep_n]
        return cls(
            node_xy=node_xy,
            edge_u=remap[eu[eidx]],
            edge_v=remap[ev[eidx]],
            edge_len=elen[eidx],
            edge_geom=[geoms[i] for i in eidx],
            edge_cost=cost,
            lines=[lines[i] for i in used_lines],
            line_kind=kinds[used_lines].astype(str),
            crs=crs,
            n_components=int(ncomp),
            n_dropped_nodes=int(n - n_keep),
        )

    # ---------------------------------------------------------------- routing
    def _csr_parts(self):
        if self._adj is None:
            m = self.n_edges
            src = np.concatenate([self.edge_u, self.edge_v])
            dst = np.concatenate([self.edge_v, self.edge_u])
            eid = np.concatenate([np.arange(m), np.arange(m)])
            order = np.lexsort((dst, src))
            indptr = np.zeros(self.n_nodes + 1, dtype=np.int64)
            np.cumsum(np.bincount(src, minlength=self.n_nodes), out=indptr[1:])
            self._adj = (indptr, dst[order].astype(np.int32), eid[order])
        return self._adj

    def csr(self, weights: Optional[np.ndarray] = None):
        """Symmetric scipy CSR matrix of edge weights (default: length x cost factor)."""
        from scipy.sparse import csr_matrix

        w = self.edge_len * self.edge_cost if weights is None else np.asarray(weights, np.float64)
        indptr, indices, eid = self._csr_parts()
        return csr_matrix((w[eid], indices, indptr), shape=(self.n_nodes, self.n_nodes))

    def dijkstra(self, source: int, weights: Optional[np.ndarray] = None):
        """(distances, predecessors) from ``source`` (scipy.sparse.csgraph.dijkstra)."""
        from scipy.sparse.csgraph import dijkstra

        dist, pred = dijkstra(self.csr(weights), directed=True, indices=int(source), return_predecessors=True)
        return dist, pred

    def shortest_path(self, a: int, b: int, weights: Optional[np.ndarray] = None) -> np.ndarray:
        """Node indices of the cheapest path a -> b."""
        _, pred = self.dijkstra(a, weights)
        return path_from_predecessors(pred, a, b)

    def edge_index(self, u: int, v: int) -> int:
        if self._edge_of is None:
            self._edge_of = {}
            for i, (x, y) in enumerate(zip(self.edge_u.tolist(), self.edge_v.tolist())):
                self._edge_of[(x, y)] = i
                self._edge_of[(y, x)] = i
        return self._edge_of[(u, v)]

    def path_polyline(self, nodes: Sequence[int], return_index: bool = False):
        """The (k, 2) coordinates along a node path, following the edge geometries.

        With ``return_index`` also the vertex index of every path node in the polyline.
        """
        nodes = [int(v) for v in nodes]
        parts = [self.node_xy[nodes[:1]]]
        idx = [0]
        pos = 0
        for u, v in zip(nodes[:-1], nodes[1:]):
            e = self.edge_index(u, v)
            geom = self.edge_geom[e]
            parts.append((geom if self.edge_u[e] == u else geom[::-1])[1:])
            pos += len(geom) - 1
            idx.append(pos)
        poly = np.concatenate(parts)
        return (poly, np.asarray(idx, dtype=np.int64)) if return_index else poly


def _walk_chains(indptr, nbr, sid, junction, n_seg):
    """Vertex chains between junctions (degree != 2); isolated cycles start at an arbitrary vertex."""
    seen = np.zeros(n_seg, dtype=bool)
    junction = junction.copy()
    chains = []

    def walk(start, k):
        chain = [start, nbr[k]]
        seen[sid[k]] = True
        prev_sid, cur = sid[k], nbr[k]
        while not junction[cur] and cur != start:
            a, b = indptr[cur], indptr[cur + 1]
            nxt = None
            for j in range(a, b):
                if sid[j] != prev_sid:
                    nxt = j
                    break
            if nxt is None or seen[sid[nxt]]:
                break
            seen[sid[nxt]] = True
            prev_sid, cur = sid[nxt], nbr[nxt]
            chain.append(cur)
        return chain

    for v in np.flatnonzero(junction).tolist():
        for k in range(indptr[v], indptr[v + 1]):
            if not seen[sid[k]]:
                chains.append(walk(v, k))
    # cycles made only of degree-2 vertices: start each at one of its vertices
    if not seen.all():
        rows = np.repeat(np.arange(len(indptr) - 1), np.diff(indptr))
        for k in range(len(sid)):
            if not seen[sid[k]]:
                v = int(rows[k])
                junction[v] = True
                chains.append(walk(v, k))
    return chains


def _split_parallel(chains, vxy):
    """Drop loops; when several chains join the same two junctions keep the shortest and split the others."""
    out = []
    by_key: Dict[tuple, list] = {}
    for c in chains:
        if c[0] == c[-1]:
            if len(c) >= 4:  # a loop with at least two inner vertices: split into three chains
                i, j = len(c) // 3, 2 * len(c) // 3
                j = max(j, i + 1)
                for part in (c[: i + 1], c[i : j + 1], c[j:]):
                    by_key.setdefault((min(part[0], part[-1]), max(part[0], part[-1])), []).append(part)
            continue
        by_key.setdefault((min(c[0], c[-1]), max(c[0], c[-1])), []).append(c)
    for cs in by_key.values():
        if len(cs) == 1:
            out.append(cs[0])
            continue
        cs.sort(key=lambda c: (float(np.hypot(*np.diff(vxy[np.asarray(c)], axis=0).T).sum()), len(c)))
        out.append(cs[0])
        for c in cs[1:]:
            if len(c) < 3:
                continue  # identical straight segment (cannot happen after de-duplication)
            mid = len(c) // 2
            out.extend([c[: mid + 1], c[mid:]])
    return out


def path_from_predecessors(pred: np.ndarray, a: int, b: int) -> np.ndarray:
    """Node path a -> b from a Dijkstra predecessor array (ValueError when b is unreachable)."""
    path = [int(b)]
    cur = int(b)
    guard = pred.shape[0] + 1
    while cur != a:
        cur = int(pred[cur])
        if cur < 0 or guard == 0:
            raise ValueError(f"node {b} cannot be reached from node {a}")
        path.append(cur)
        guard -= 1
    return np.asarray(path[::-1], dtype=np.int64)


# ============================================================================ synthetic grid
def grid_lines(
    xmin: float,
    ymin: float,
    xmax: float,
    ymax: float,
    spacing: float = 200.0,
    seed: int = 42,
    arterial_every: int = 5,
    missing_rate: float = 0.06,
    diagonal_rate: float = 0.03,
):
    """A street grid inside a box (metres): one line per block side, some missing, a few cell diagonals.

    Every ``arterial_every``-th street is an arterial (kind ``"arterial"``, never removed); other block sides
    are removed with probability ``missing_rate``; a share ``diagonal_rate`` of the cells gets a diagonal street.
    Returns (lines, kinds). Deterministic for a seed.
    """
    spacing = float(spacing)
    if spacing <= 0:
        raise ValueError("GRID_SPACING must be positive")
    nx = int(np.floor((xmax - xmin) / spacing)) + 1
    ny = int(np.floor((ymax - ymin) / spacing)) + 1
    if nx < 3 or ny < 3:
        raise ValueError(
            f"GRID_SPACING: {spacing:g} m leaves fewer than 3 streets across the extent; "
            "use a smaller spacing or a larger extent"
        )
    if nx * ny > 2_000_000:
        raise ValueError(
            f"GRID_SPACING: {spacing:g} m gives {nx * ny} grid nodes; use a larger spacing or a smaller extent"
        )
    rng = np.random.default_rng(np.random.SeedSequence(int(seed)).spawn(6)[_S_NETWORK])
    x0 = xmin + ((xmax - xmin) - (nx - 1) * spacing) / 2
    y0 = ymin + ((ymax - ymin) - (ny - 1) * spacing) / 2
    xs = x0 + np.arange(nx) * spacing
    ys = y0 + np.arange(ny) * spacing
    lines, kinds = [], []
    off = arterial_every // 2
    # horizontal block sides (along row j), vertical block sides (along column i)
    for j in range(ny):
        art = arterial_every > 0 and (j - off) % arterial_every == 0
        drop = rng.random(nx - 1) < (0.0 if art else missing_rate)
        for i in range(nx - 1):
            if not drop[i]:
                lines.append(np.array([[xs[i], ys[j]], [xs[i + 1], ys[j]]]))
                kinds.append("arterial" if art else "street")
    for i in range(nx):
        art = arterial_every > 0 and (i - off) % arterial_every == 0
        drop = rng.random(ny - 1) < (0.0 if art else missing_rate)
        for j in range(ny - 1):
            if not drop[j]:
                lines.append(np.array([[xs[i], ys[j]], [xs[i], ys[j + 1]]]))
                kinds.append("arterial" if art else "street")
    diag = rng.random((nx - 1, ny - 1)) < diagonal_rate
    flip = rng.random((nx - 1, ny - 1)) < 0.5
    for i, j in zip(*np.nonzero(diag)):
        if flip[i, j]:
            lines.append(np.array([[xs[i], ys[j]], [xs[i + 1], ys[j + 1]]]))
        else:
            lines.append(np.array([[xs[i + 1], ys[j]], [xs[i], ys[j + 1]]]))
        kinds.append("diagonal")
    return lines, kinds


#: routing cost factor per road class of the synthetic grid (arterials are faster)
GRID_COST_FACTORS = {"arterial": 0.8, "street": 1.0, "diagonal": 1.0}


# ============================================================================ sampling
def sample_polyline(xy: np.ndarray, speed: float, interval: float):
    """Positions every ``interval`` seconds along a polyline driven at constant ``speed`` from its start.

    Returns (points (k, 2), elapsed seconds (k,), distance along the line (k,)); k >= 2 (the end point is
    added at ``interval`` when the line is shorter than one step).
    """
    xy = np.asarray(xy, np.float64)
    seg = np.hypot(*np.diff(xy, axis=0).T)
    ok = np.concatenate([[True], seg > 0])
    xy = xy[ok]
    cum = np.concatenate([[0.0], np.cumsum(seg[seg > 0])])
    total = cum[-1]
    step = speed * interval
    k = int(np.floor(total / step + 1e-9)) + 1
    if k < 2:
        s = np.array([0.0, total])
    else:
        s = np.arange(k) * step
    pts = np.column_stack([np.interp(s, cum, xy[:, 0]), np.interp(s, cum, xy[:, 1])])
    return pts, np.arange(len(s)) * float(interval), s


def _densify(xy: np.ndarray, step: float = 10.0) -> np.ndarray:
    out = [xy[:1]]
    for a, b in zip(xy[:-1], xy[1:]):
        n = max(1, int(np.ceil(np.hypot(*(b - a)) / step)))
        f = np.arange(1, n + 1)[:, None] / n
        out.append(a + (b - a) * f)
    return np.concatenate(out)


def distance_to_polyline(px, py, line_xy: np.ndarray) -> np.ndarray:
    """Distance (metres) of points to a polyline (exact, vectorised over segments in chunks)."""
    p = np.column_stack([np.asarray(px, np.float64), np.asarray(py, np.float64)])
    a = line_xy[:-1]
    d = line_xy[1:] - a
    dd = np.maximum((d**2).sum(axis=1), 1e-12)
    out = np.full(p.shape[0], np.inf)
    if a.shape[0] == 0:
        return np.hypot(p[:, 0] - line_xy[0, 0], p[:, 1] - line_xy[0, 1])
    for s in range(0, p.shape[0], 256):
        q = p[s : s + 256, None, :]
        t = np.clip(((q - a) * d).sum(axis=2) / dd, 0.0, 1.0)
        proj = a + t[..., None] * d
        out[s : s + 256] = np.sqrt(((q - proj) ** 2).sum(axis=2)).min(axis=1)
    return out


# ============================================================================ simulation
@dataclass
class SimulationResult:
    """Simulated trajectories and their ground truth.

    ``trajs`` has attrs od_id, route_id, vehicle_id, speed, is_anomaly, anomaly_type per point; the arrays below
    have one value per trajectory (in ``trajs`` order). ``x_true``/``y_true``, ``routes``, ``normal_routes``,
    ``od_origin_xy``/``od_dest_xy`` and ``graph`` are in ``metric_crs``.
    """

    trajs: Trajectories
    od_id: np.ndarray
    route_id: np.ndarray
    vehicle_id: np.ndarray
    speed: np.ndarray
    has_detour: np.ndarray
    start_time: np.ndarray
    route_length: np.ndarray
    x_true: np.ndarray
    y_true: np.ndarray
    routes: List[np.ndarray]
    normal_routes: Dict[int, np.ndarray]
    od_origin_xy: np.ndarray
    od_dest_xy: np.ndarray
    od_radius: float
    graph: RoadGraph
    metric_crs: str
    road_lines: List[np.ndarray] = field(default_factory=list)  # graph.lines in the output CRS
    road_kind: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=object))
    messages: List[str] = field(default_factory=list)

    @property
    def n_detours(self) -> int:
        return int(self.has_detour.sum())


def _choose_anchors(graph: RoadGraph, n_pairs: int, radius: float, rng):
    """2 * n_pairs well separated nodes (randomised farthest-point sampling) paired into long OD pairs."""
    xy = graph.node_xy
    xmin, ymin, xmax, ymax = graph.bounds
    w, h = xmax - xmin, ymax - ymin
    inset = 0.08
    inner = (
        (xy[:, 0] >= xmin + inset * w)
        & (xy[:, 0] <= xmax - inset * w)
        & (xy[:, 1] >= ymin + inset * h)
        & (xy[:, 1] <= ymax - inset * h)
    )
    cand = np.flatnonzero(inner) if inner.sum() >= 4 * n_pairs else np.arange(graph.n_nodes)
    sep = 3.0 * radius
    need = 2 * n_pairs
    dmin = np.full(cand.size, np.inf)
    chosen = []
    first = int(rng.integers(cand.size))
    cur = first
    while True:
        chosen.append(int(cand[cur]))
        dmin = np.minimum(dmin, np.hypot(xy[cand, 0] - xy[cand[cur], 0], xy[cand, 1] - xy[cand[cur], 1]))
        if len(chosen) >= need:
            break
        top = dmin.max()
        if top < sep:
            break
        pool = np.flatnonzero(dmin >= max(0.85 * top, sep))
        cur = int(pool[rng.integers(pool.size)])
    if len(chosen) < need:
        k = len(chosen) // 2
        raise ValueError(
            f"N_OD_PAIRS: the road network supports at most {k} well separated origin-destination pair(s) "
            f"(origin and destination areas of radius {radius:.0f} m, at least {sep:.0f} m apart) but "
            f"{n_pairs} were asked; use fewer pairs, a larger extent or a denser network"
        )
    anchors = np.asarray(chosen, dtype=np.int64)
    # pairing: the best of many random matchings (maximise the shortest OD distance)
    d = np.hypot(*(xy[anchors][:, None, :] - xy[anchors][None, :, :]).transpose(2, 0, 1))
    best, best_score = None, -1.0
    for _ in range(200):
        p = rng.permutation(need)
        score = d[p[0::2], p[1::2]].min()
        if score > best_score:
            best, best_score = p, score
    return anchors[best[0::2]], anchors[best[1::2]]


def _od_radius(graph: RoadGraph, n_pairs: int, od_radius: float, layout: str) -> float:
    """Radius of the origin/destination areas: ``od_radius``, made smaller when many pairs must fit.

    The areas must be at least three radii apart (compact layout: pair centres six radii apart); with the
    inner 80 % x 80 % of the network's box shared among the pairs, the radius is capped at
    0.8 sqrt(area / n) / 6 (compact) or 0.8 sqrt(area / 2n) / 3 (cross-town), and at 6 % of the box diagonal,
    but not below half the median edge length (then the anchor placement reports that the pairs do not fit).
    """
    xmin, ymin, xmax, ymax = graph.bounds
    area = 0.64 * (xmax - xmin) * (ymax - ymin)
    per = n_pairs if layout == "compact" else 2 * n_pairs
    div = 6.0 if layout == "compact" else 3.0
    r = min(float(od_radius), 0.06 * float(np.hypot(xmax - xmin, ymax - ymin)), 0.8 * np.sqrt(area / per) / div)
    return float(max(r, min(float(od_radius), 0.5 * float(np.median(graph.edge_len)))))


def _choose_anchors_compact(graph: RoadGraph, n_pairs: int, radius: float, rng):
    """Pairs kept apart from each other: ``n_pairs`` well separated pair centres (randomised farthest-point
    sampling); each pair's origin and destination lie on either side of its centre, so the trips of different
    pairs cover different parts of the network. All origin/destination anchors are at least 3 radii apart."""
    xy = graph.node_xy
    xmin, ymin, xmax, ymax = graph.bounds
    w, h = xmax - xmin, ymax - ymin
    inset = 0.1
    inner = (
        (xy[:, 0] >= xmin + inset * w)
        & (xy[:, 0] <= xmax - inset * w)
        & (xy[:, 1] >= ymin + inset * h)
        & (xy[:, 1] <= ymax - inset * h)
    )
    cand = np.flatnonzero(inner) if inner.sum() >= 4 * n_pairs else np.arange(graph.n_nodes)
    sep = 3.0 * radius
    need_centre = 2.0 * sep  # room for each pair's two areas plus a gap to the neighbouring pairs
    dmin = np.full(cand.size, np.inf)
    centres = []
    cur = int(rng.integers(cand.size))
    while True:
        centres.append(xy[cand[cur]])
        dmin = np.minimum(dmin, np.hypot(xy[cand, 0] - xy[cand[cur], 0], xy[cand, 1] - xy[cand[cur], 1]))
        if len(centres) >= n_pairs:
            break
        top = dmin.max()
        if top < need_centre:
            break
        pool = np.flatnonzero(dmin >= max(0.85 * top, need_centre))
        cur = int(pool[rng.integers(pool.size)])
    if len(centres) < n_pairs:
        raise ValueError(
            f"N_OD_PAIRS: the road network has room for at most {len(centres)} separated origin-destination "
            f"pair(s) (origin and destination areas of radius {radius:.0f} m, at least {sep:.0f} m apart) but "
            f"{n_pairs} were asked; use fewer pairs, a larger extent or a denser network"
        )
    centres = np.asarray(centres)
    if n_pairs > 1:
        dc = np.hypot(*(centres[:, None] - centres[None]).transpose(2, 0, 1))
        dc[np.arange(n_pairs), np.arange(n_pairs)] = np.inf
        spacing = float(dc.min())
    else:
        spacing = float(max(w, h))
    min_half = 0.5 * sep + 0.5 * radius
    half = max(min_half, 0.3 * spacing)
    from scipy.spatial import cKDTree

    tree = cKDTree(xy)
    n_ang = 24
    for scale in (1.0, 0.85, 0.7, 0.55, 0.4):
        h = max(min_half, half * scale)
        origins, dests = [], []
        for k in range(n_pairs):
            # the axis through the pair's centre that keeps its two anchors farthest from the other pairs
            ang = rng.uniform(0, 2 * np.pi) + np.arange(n_ang) * (np.pi / n_ang)
            u = np.column_stack([np.cos(ang), np.sin(ang)]) * h
            o = tree.query(centres[k] + u)[1]
            d = tree.query(centres[k] - u)[1]
            others = np.vstack([xy[origins + dests].reshape(-1, 2), np.delete(centres, np.arange(k + 1), axis=0)])
            score = np.hypot(*(xy[o] - xy[d]).T) - sep  # origin and destination areas apart
            if others.size:
                for ends in (o, d):
                    dd = np.hypot(*(xy[ends][:, None, :] - others[None]).transpose(2, 0, 1)).min(axis=1)
                    score = np.minimum(score, dd - sep)
            best = int(np.argmax(score))
            origins.append(int(o[best]))
            dests.append(int(d[best]))
        anchors = xy[origins + dests]
        da = np.hypot(*(anchors[:, None] - anchors[None]).transpose(2, 0, 1))
        if da[~np.eye(len(anchors), dtype=bool)].min() >= sep:
            break
        if h <= min_half:
            raise ValueError(
                f"N_OD_PAIRS: could not place {n_pairs} separated origin-destination pairs on this road network "
                f"(areas of radius {radius:.0f} m at least {sep:.0f} m apart); use fewer pairs, a larger extent "
                "or a denser network"
            )
    return np.asarray(origins, np.int64), np.asarray(dests, np.int64)


def _route_variants(cores: List[np.ndarray], od: np.ndarray, tol: float, max_far: float = 0.2) -> np.ndarray:
    """Route variant per trip inside its OD pair (0 = the most frequent): greedy grouping of the routes' cores.

    A trip joins the first variant of its pair whose representative core route has at most ``max_far`` of the
    trip's core points farther than ``tol`` metres; otherwise it starts a new variant. ``cores`` are densified
    route points away from the origin and destination areas.
    """
    from scipy.spatial import cKDTree

    rid = np.zeros(len(cores), dtype=np.int64)
    reps: Dict[int, list] = {}
    for i, pts in enumerate(cores):
        lst = reps.setdefault(int(od[i]), [])
        for k, tree in enumerate(lst):
            if pts.shape[0] == 0 or np.mean(tree.query(pts)[0] > tol) <= max_far:
                rid[i] = k
                break
        else:
            rid[i] = len(lst)
            lst.append(cKDTree(pts if pts.shape[0] else np.zeros((1, 2))))
    # renumber by frequency inside each pair: 0 = the main corridor
    for k in reps:
        m = od == k
        counts = np.bincount(rid[m])
        rank = np.empty(counts.size, dtype=np.int64)
        rank[np.argsort(-counts, kind="stable")] = np.arange(counts.size)
        rid[m] = rank[rid[m]]
    return rid


def _cumlen(poly: np.ndarray) -> np.ndarray:
    return np.concatenate([[0.0], np.cumsum(np.hypot(*np.diff(poly, axis=0).T))])


def _plan_detour(graph: RoadGraph, path: np.ndarray, weights, rng, dist_range):
    """A detour for the normal node ``path``, or None when no waypoint fits.

    Picks a spot along the route (middle 60 %, head 20 %, rear 20 % of the cases), a waypoint node at
    ``dist_range`` metres from the route near that spot, and replaces the part of the route around the spot by
    the cheapest path through the waypoint. Returns (node path, polyline, s_from, s_to) with [s_from, s_to] the
    stretch of the new polyline that is off the normal route.
    """
    poly, vidx = graph.path_polyline(path, return_index=True)
    cum = _cumlen(poly)
    total = cum[-1]
    lo, hi = dist_range
    if total < 2.5 * lo or len(path) < 4:
        return None
    hi = min(hi, max(1.2 * lo, 0.4 * total))  # a detour in proportion to the trip
    where = rng.random()
    if where < 0.6:
        f = rng.uniform(0.35, 0.65)
    elif where < 0.8:
        f = rng.uniform(0.15, 0.3)
    else:
        f = rng.uniform(0.7, 0.85)
    s_anchor = f * total
    ax, ay = np.interp(s_anchor, cum, poly[:, 0]), np.interp(s_anchor, cum, poly[:, 1])
    xy = graph.node_xy
    near = np.flatnonzero(np.hypot(xy[:, 0] - ax, xy[:, 1] - ay) <= 1.25 * hi)
    if near.size == 0:
        return None
    dr = distance_to_polyline(xy[near, 0], xy[near, 1], poly)
    cand = near[(dr >= lo) & (dr <= hi)]
    if cand.size == 0:
        return None
    wpt = int(cand[rng.integers(cand.size)])
    # leave and rejoin the normal route some distance before/after the spot
    node_s = cum[vidx]
    back = rng.uniform(0.6, 1.0) * hi
    i_a = int(np.searchsorted(node_s, s_anchor - back, side="right") - 1)
    i_b = int(np.searchsorted(node_s, s_anchor + back, side="left"))
    i_a = min(max(i_a, 1), len(path) - 3)
    i_b = max(min(i_b, len(path) - 2), i_a + 1)
    # out to the waypoint avoiding the normal route, back avoiding the way out (a loop, not a spur)
    route_edges = [graph.edge_index(int(u), int(v)) for u, v in zip(path[:-1], path[1:])]
    w_out = np.array(weights, dtype=np.float64)
    w_out[route_edges] *= 3.0
    _, pred = graph.dijkstra(wpt, w_out)
    try:
        to_w = path_from_predecessors(pred, wpt, int(path[i_a]))[::-1]
        w_back = w_out.copy()
        w_back[[graph.edge_index(int(u), int(v)) for u, v in zip(to_w[:-1], to_w[1:])]] *= 3.0
        _, pred = graph.dijkstra(wpt, w_back)
        from_w = path_from_predecessors(pred, wpt, int(path[i_b]))
    except ValueError:
        return None
    new = np.concatenate([path[:i_a], to_w, from_w[1:], path[i_b + 1 :]])
    # off-route stretch: from the last node shared with the normal start to the first of the shared end
    m = min(len(new), len(path))
    n_head = 0
    while n_head < m and new[n_head] == path[n_head]:
        n_head += 1
    n_tail = 0
    while n_tail < m - n_head and new[len(new) - 1 - n_tail] == path[len(path) - 1 - n_tail]:
        n_tail += 1
    new_poly, new_vidx = graph.path_polyline(new, return_index=True)
    ncum = _cumlen(new_poly)
    s_from = ncum[new_vidx[max(n_head - 1, 0)]]
    s_to = ncum[new_vidx[len(new) - n_tail]] if n_tail else ncum[-1]
    return new, new_poly, float(s_from), float(s_to)


def _smooth_field(xy: np.ndarray, diag: float, rng, n_waves: int = 8) -> np.ndarray:
    """A random smooth field with mean 0 and standard deviation about 1 (sum of plane waves of
    wavelengths between 15 % and 40 % of ``diag``) evaluated at the points ``xy``."""
    ang = rng.uniform(0, np.pi, n_waves)
    lam = rng.uniform(0.15, 0.4, n_waves) * max(diag, 1.0)
    phase = rng.uniform(0, 2 * np.pi, n_waves)
    k = np.column_stack([np.cos(ang), np.sin(ang)]) * (2 * np.pi / lam)[:, None]
    return np.sqrt(2.0 / n_waves) * np.cos(xy @ k.T + phase).sum(axis=1)


def simulate_on_graph(
    graph: RoadGraph,
    n_od_pairs: int = 6,
    n_trajectories: int = 300,
    sampling_interval: float = 15.0,
    speed: float = 10.0,
    speed_variation: float = 0.2,
    gps_noise: float = 5.0,
    start_time: int = DEFAULT_START_TIME,
    time_window: float = 12 * 3600.0,
    detour_rate: float = 0.0,
    seed: int = 42,
    od_radius: float = 300.0,
    pair_sigma: float = 0.25,
    trip_sigma: float = 0.05,
    corridor_penalty: float = 0.2,
    trips_per_vehicle: int = 4,
    layout: str = "compact",
    detour_distance=(300.0, 800.0),
    progress=None,
    cancel=None,
) -> SimulationResult:
    """Simulate trips on ``graph`` (metric CRS); the result is in the graph's CRS. See the module docstring."""
    n_od_pairs, n_trajectories = int(n_od_pairs), int(n_trajectories)
    if n_trajectories < 1:
        raise ValueError("N_TRAJECTORIES must be at least 1")
    if n_od_pairs < 1:
        raise ValueError("N_OD_PAIRS must be at least 1")
    if not sampling_interval > 0:
        raise ValueError("SAMPLING_INTERVAL must be positive")
    if not speed > 0:
        raise ValueError("SPEED must be positive")
    if gps_noise < 0:
        raise ValueError("GPS_NOISE cannot be negative")
    if not 0.0 <= detour_rate <= 1.0:
        raise ValueError("DETOUR_RATE must be between 0 and 1")
    if not 0.0 <= speed_variation < 1.0:
        raise ValueError("the speed variation must be between 0 and 1 (exclusive)")
    _, r_lay, r_rt, r_det, r_tim, r_noise = _streams(seed)
    xmin, ymin, xmax, ymax = graph.bounds
    diag = float(np.hypot(xmax - xmin, ymax - ymin))
    radius = _od_radius(graph, n_od_pairs, od_radius, layout)
    if layout == "compact":
        origins, dests = _choose_anchors_compact(graph, n_od_pairs, radius, r_lay)
    elif layout == "crosstown":
        origins, dests = _choose_anchors(graph, n_od_pairs, radius, r_lay)
    else:
        raise ValueError(f"unknown OD layout {layout!r} (use 'compact' or 'crosstown')")
    xy = graph.node_xy

    def pool(a):
        return np.flatnonzero(np.hypot(xy[:, 0] - xy[a, 0], xy[:, 1] - xy[a, 1]) <= radius)

    o_pool = [pool(a) for a in origins]
    d_pool = [pool(a) for a in dests]
    od = r_lay.permutation(np.arange(n_trajectories) % n_od_pairs)
    base = graph.edge_len * graph.edge_cost
    # per pair: a smooth random cost field picks the pair's main corridor (anchor to anchor), and edges away
    # from that corridor cost up to ``corridor_penalty`` more, so trips from nearby origins join it;
    # per trip: small independent noise per edge
    from scipy.spatial import cKDTree

    mid = np.array([g[len(g) // 2] if len(g) > 2 else 0.5 * (g[0] + g[-1]) for g in graph.edge_geom])
    pair_w = np.empty((n_od_pairs, graph.n_edges))
    for k in range(n_od_pairs):
        field_w = base * np.exp(pair_sigma * _smooth_field(mid, diag, r_rt))
        main = graph.path_polyline(graph.shortest_path(int(origins[k]), int(dests[k]), field_w))
        dist, _ = cKDTree(_densify(main, 10.0)).query(mid)
        pair_w[k] = field_w / base * (1.0 + corridor_penalty * np.minimum(dist / max(radius, 1.0), 1.0))
    n_det = int(round(detour_rate * n_trajectories))
    det_idx = set(r_det.choice(n_trajectories, n_det, replace=False).tolist()) if n_det else set()
    lo_d, hi_d = detour_distance
    hi_d = min(hi_d, 0.15 * diag)
    lo_d = min(lo_d, 0.5 * hi_d)
    speeds = speed * r_tim.uniform(1 - speed_variation, 1 + speed_variation, n_trajectories)

    routes, normal_routes, core_sets, stretches, lengths = [], {}, [], [], np.zeros(n_trajectories)
    has_det = np.zeros(n_trajectories, dtype=bool)
    n_failed = 0
    prog = scaled(progress, 0, 90)
    step = max(1, n_trajectories // 50)
    for i in range(n_trajectories):
        if i % step == 0:
            check(cancel)
            report(prog, 100.0 * i / n_trajectories)
        k = int(od[i])
        o = int(o_pool[k][r_rt.integers(o_pool[k].size)])
        d = int(d_pool[k][r_rt.integers(d_pool[k].size)])
        w = base * pair_w[k] * np.exp(r_rt.normal(0.0, trip_sigma, graph.n_edges))
        _, pred = graph.dijkstra(o, w)
        path = path_from_predecessors(pred, o, d)
        poly = graph.path_polyline(path)
        # route variant: the corridor away from the origin/destination areas
        dense = _densify(poly, 20.0)
        core_sets.append(
            dense[
                (np.hypot(*(dense - xy[origins[k]]).T) > 2 * radius)
                & (np.hypot(*(dense - xy[dests[k]]).T) > 2 * radius)
            ]
        )
        stretch = None
        if i in det_idx:
            plan = _plan_detour(graph, path, w, r_det, (lo_d, hi_d))
            if plan is None:
                n_failed += 1
            else:
                normal_routes[i] = poly
                path, poly, s0, s1 = plan
                stretch = (s0, s1)
                has_det[i] = True
        routes.append(poly)
        stretches.append(stretch)
        lengths[i] = float(np.hypot(*np.diff(poly, axis=0).T).sum())
    # route variants are computed on normal routes (a detour keeps the variant of its corridor)
    route_id = _route_variants(core_sets, od, radius)
    report(prog, 100.0)

    # timing: vehicles make trips one after the other
    n_veh = max(1, int(np.ceil(n_trajectories / max(1, trips_per_vehicle))))
    veh = r_tim.permutation(np.arange(n_trajectories) % n_veh)
    starts = np.zeros(n_trajectories, dtype=np.int64)
    first_start = r_tim.uniform(0.0, time_window, n_veh)
    clock = start_time + first_start
    for i in range(n_trajectories):  # in index order: each vehicle's trips follow each other
        v = veh[i]
        starts[i] = int(round(clock[v]))
        duration = lengths[i] / speeds[i]
        clock[v] = starts[i] + duration + r_tim.uniform(300.0, 3600.0)

    # sampling
    xs, ys, ts, flags = [], [], [], []
    for i in range(n_trajectories):
        pts, el, s = sample_polyline(routes[i], speeds[i], sampling_interval)
        xs.append(pts[:, 0])
        ys.append(pts[:, 1])
        ts.append(starts[i] + np.round(el).astype(np.int64))
        fl = np.zeros(len(s), dtype=np.int64)
        if stretches[i] is not None:
            s0, s1 = stretches[i]
            fl[(s >= s0) & (s <= s1)] = 1
        flags.append(fl)
    lens = np.array([len(a) for a in xs], dtype=np.int64)
    x_true, y_true = np.concatenate(xs), np.concatenate(ys)
    noise = r_noise.normal(0.0, 1.0, (x_true.size, 2)) * gps_noise
    x, y = x_true + noise[:, 0], y_true + noise[:, 1]
    t = np.concatenate(ts)
    is_anom = np.concatenate(flags)
    # order trajectories by start time; ids 0..n-1 in that order
    order = np.argsort(starts, kind="stable")
    offsets = np.zeros(n_trajectories + 1, dtype=np.int64)
    np.cumsum(lens, out=offsets[1:])
    pidx = np.concatenate([np.arange(offsets[i], offsets[i + 1]) for i in order])
    lens_o = lens[order]
    new_off = np.zeros(n_trajectories + 1, dtype=np.int64)
    np.cumsum(lens_o, out=new_off[1:])

    def per_point(vals):
        return np.repeat(np.asarray(vals)[order], lens_o)

    attrs = {
        "od_id": per_point(od.astype(np.int64)),
        "route_id": per_point(route_id),
        "vehicle_id": per_point(veh.astype(np.int64)),
        "speed": per_point(speeds),
        "is_anomaly": is_anom[pidx],
        "anomaly_type": np.where(is_anom[pidx] == 1, "detour", "").astype(object),
    }
    trajs = Trajectories(
        ids=np.arange(n_trajectories, dtype=np.int64),
        offsets=new_off,
        x=x[pidx],
        y=y[pidx],
        t=t[pidx],
        attrs=attrs,
        crs=graph.crs,
    )
    rank = np.empty(n_trajectories, dtype=np.int64)
    rank[order] = np.arange(n_trajectories)
    msgs = []
    if graph.n_components > 1:
        msgs.append(
            f"the road network has {graph.n_components} connected parts; the largest one was used "
            f"({graph.n_nodes} junctions, {graph.n_dropped_nodes} left out)"
        )
    if n_failed:
        msgs.append(
            f"{n_failed} detour(s) could not be placed (no off-route node at {lo_d:.0f}-{hi_d:.0f} m); "
            "those trips have no detour"
        )
    report(progress, 100.0)
    return SimulationResult(
        trajs=trajs,
        od_id=od[order].astype(np.int64),
        route_id=route_id[order],
        vehicle_id=veh[order].astype(np.int64),
        speed=speeds[order],
        has_detour=has_det[order],
        start_time=starts[order],
        route_length=lengths[order],
        x_true=x_true[pidx],
        y_true=y_true[pidx],
        routes=[routes[i] for i in order],
        normal_routes={int(rank[i]): r for i, r in normal_routes.items()},
        od_origin_xy=xy[origins].copy(),
        od_dest_xy=xy[dests].copy(),
        od_radius=radius,
        graph=graph,
        metric_crs=graph.crs,
        road_lines=list(graph.lines),
        road_kind=np.asarray(graph.line_kind, dtype=object),
        messages=msgs,
    )


# ============================================================================ high level (CRS handling)
def default_extent():
    """(xmin, ymin, xmax, ymax) in EPSG:4326 of the ~6 km x 6 km box around Porto centre."""
    from ..core.crs import transform_xy, utm_crs_for

    utm = utm_crs_for([DEFAULT_CENTER[0]], [DEFAULT_CENTER[1]])
    cx, cy = transform_xy([DEFAULT_CENTER[0]], [DEFAULT_CENTER[1]], "EPSG:4326", utm)
    h = DEFAULT_SIZE_M / 2
    lon, lat = transform_xy(cx[0] + np.array([-h, h, h, -h]), cy[0] + np.array([-h, -h, h, h]), utm, "EPSG:4326")
    return float(lon.min()), float(lat.min()), float(lon.max()), float(lat.max())


def _box_points(ext, n=9):
    xmin, ymin, xmax, ymax = ext
    s = np.linspace(0, 1, n)
    bx = np.concatenate([xmin + (xmax - xmin) * s, np.full(n, xmax), xmin + (xmax - xmin) * s, np.full(n, xmin)])
    by = np.concatenate([np.full(n, ymin), ymin + (ymax - ymin) * s, np.full(n, ymax), ymin + (ymax - ymin) * s])
    return bx, by


def _clip_lines(lines, ext):
    xmin, ymin, xmax, ymax = ext
    out, idx = [], []
    for k, a in enumerate(lines):
        inside = (a[:, 0] >= xmin) & (a[:, 0] <= xmax) & (a[:, 1] >= ymin) & (a[:, 1] <= ymax)
        if inside.all():
            out.append(a)
            idx.append(k)
            continue
        if not inside.any():
            continue
        edges = np.flatnonzero(np.diff(np.concatenate([[0], inside.view(np.int8), [0]])))
        for s, e in zip(edges[0::2], edges[1::2]):
            if e - s >= 2:
                out.append(a[s:e])
                idx.append(k)
    return out, idx


def simulate_trajectories(
    road_lines: Optional[Sequence[np.ndarray]] = None,
    roads_crs: str = "EPSG:4326",
    extent=None,
    extent_crs: str = "EPSG:4326",
    crs: str = "EPSG:4326",
    grid_spacing: float = 200.0,
    metric_crs: Optional[str] = None,
    seed: int = 42,
    progress=None,
    cancel=None,
    **kwargs,
) -> SimulationResult:
    """Simulate on a synthetic grid (``road_lines`` None) or on road lines, with the output in ``crs``.

    ``extent`` (xmin, ymin, xmax, ymax) in ``extent_crs``: the grid's box (default :func:`default_extent`), or a
    clip box for the road lines (default: no clip). Work happens in ``metric_crs`` (default: the UTM zone of
    the data). Other keyword arguments go to :func:`simulate_on_graph`. The trajectories, ``road_lines`` and
    ``od_*`` areas are returned in ``crs``; ``x_true``/``y_true``/``routes`` stay in ``metric_crs``.
    """
    from ..core.crs import is_geographic, transform_xy, utm_crs_for

    def lonlat_of(x, y, src):
        return (np.asarray(x), np.asarray(y)) if src == "EPSG:4326" else transform_xy(x, y, src, "EPSG:4326")

    if road_lines is None:
        ext = default_extent() if extent is None else tuple(float(v) for v in extent)
        src = "EPSG:4326" if extent is None else extent_crs
        if not (ext[2] > ext[0] and ext[3] > ext[1]):
            raise ValueError("EXTENT: the extent is empty (xmax must exceed xmin and ymax exceed ymin)")
        bx, by = _box_points(ext)
        if metric_crs is None:
            lon, lat = lonlat_of(bx, by, src)
            metric_crs = utm_crs_for([lon.mean()], [lat.mean()])
        mx, my = transform_xy(bx, by, src, metric_crs)
        if not (np.all(np.isfinite(mx)) and np.all(np.isfinite(my))):
            raise ValueError("EXTENT: the extent cannot be projected to a metric CRS")
        lines, kinds = grid_lines(mx.min(), my.min(), mx.max(), my.max(), grid_spacing, seed)
        report(progress, 2)
        graph = RoadGraph.from_lines(lines, crs=metric_crs, kinds=kinds, cost_factors=GRID_COST_FACTORS)
    else:
        lines = [np.asarray(a, np.float64).reshape(-1, 2) for a in road_lines]
        lines = [a for a in lines if a.shape[0] >= 2]
        if not lines:
            raise ValueError("ROAD_NETWORK: the road layer has no line with at least two vertices")
        allxy = np.concatenate(lines)
        if metric_crs is None:
            if is_geographic(roads_crs) or not roads_crs:
                lon, lat = allxy[:, 0], allxy[:, 1]
            else:
                lon, lat = lonlat_of(allxy[:, 0], allxy[:, 1], roads_crs)
            metric_crs = utm_crs_for(lon, lat)
        mx, my = transform_xy(allxy[:, 0], allxy[:, 1], roads_crs, metric_crs)
        lens = np.array([len(a) for a in lines])
        cuts = np.cumsum(lens)[:-1]
        lines = [np.column_stack([a, b]) for a, b in zip(np.split(mx, cuts), np.split(my, cuts))]
        if extent is not None:
            bx, by = _box_points(tuple(float(v) for v in extent))
            ex, ey = transform_xy(bx, by, extent_crs, metric_crs)
            lines, _ = _clip_lines(lines, (ex.min(), ey.min(), ex.max(), ey.max()))
            if not lines:
                raise ValueError("EXTENT: no road of the road network lies inside the extent")
        report(progress, 2)
        try:
            graph = RoadGraph.from_lines(lines, crs=metric_crs)
        except ValueError as e:
            raise ValueError(f"ROAD_NETWORK: {e}") from None
    check(cancel)
    res = simulate_on_graph(graph, seed=seed, progress=scaled(progress, 5, 95), cancel=cancel, **kwargs)
    if crs and crs != metric_crs:
        res.trajs = res.trajs.to_crs(crs)
        res.road_lines = _lines_to_crs(graph.lines, metric_crs, crs)
        ox, oy = transform_xy(res.od_origin_xy[:, 0], res.od_origin_xy[:, 1], metric_crs, crs)
        dx, dy = transform_xy(res.od_dest_xy[:, 0], res.od_dest_xy[:, 1], metric_crs, crs)
        res.od_origin_xy, res.od_dest_xy = np.column_stack([ox, oy]), np.column_stack([dx, dy])
    report(progress, 100)
    return res


def _lines_to_crs(lines, src, dst):
    from ..core.crs import transform_xy

    if not lines:
        return []
    lens = np.array([len(a) for a in lines])
    allxy = np.concatenate(lines)
    x, y = transform_xy(allxy[:, 0], allxy[:, 1], src, dst)
    cuts = np.cumsum(lens)[:-1]
    return [np.column_stack([a, b]) for a, b in zip(np.split(x, cuts), np.split(y, cuts))]


# ============================================================================ LYMob-style table
@dataclass
class LymobSample:
    """A LYMob-4Cities-style table: one row per (uid, d, t) observation; x, y are 1-based cells, 999 = masked."""

    uid: np.ndarray
    d: np.ndarray
    t: np.ndarray
    x: np.ndarray
    y: np.ndarray
    home_cell: np.ndarray  # (n_users, 2) 1-based (x, y)
    work_cell: np.ndarray  # (n_users, 2)
    masked_uids: np.ndarray

    def columns(self):
        """(uid, d, t, x, y) for ``write_lymob_csv(path, *sample.columns())``."""
        return self.uid, self.d, self.t, self.x, self.y

    def __len__(self):
        return int(self.uid.shape[0])


def simulate_lymob(
    n_users: int = 100,
    n_days: int = 14,
    grid_size: int = 200,
    cell_size: float = 500.0,
    road_spacing: float = 1000.0,
    p_observe: float = 0.4,
    mask_users: float = 0.2,
    mask_days: int = 3,
    speed: float = 10.0,
    seed: int = 42,
    progress=None,
    cancel=None,
) -> LymobSample:
    """Commuting users on a synthetic grid, reported LYMob-style.

    The city is ``grid_size`` x ``grid_size`` cells of ``cell_size`` metres with a synthetic street grid every
    ``road_spacing`` metres. Each user has a home (around the centre) and a work place (around one of three
    business centres) and a leisure place near home. Weekdays (``d % 7 < 5``): home -> work around 08:00,
    work -> home around 18:00, sometimes an evening leisure trip; weekends: sometimes a leisure trip. Trips
    follow shortest paths at ``speed`` m/s. Every half-hour slot ``t`` (0..47) is observed with probability
    ``p_observe`` at a random moment of the slot; the row's cell is where the user was then (x east, y north,
    1-based). For the last ``mask_users`` share of the users, the last ``mask_days`` days have x = y = 999.
    Rows are sorted by uid, d, t; uids are 0..n_users-1.
    """
    n_users, n_days, grid_size = int(n_users), int(n_days), int(grid_size)
    if n_users < 1 or n_days < 1 or grid_size < 4:
        raise ValueError("n_users and n_days must be at least 1 and grid_size at least 4")
    _, r_lay, r_rt, _, r_tim, r_noise = _streams(seed)
    side = grid_size * cell_size
    lines, kinds = grid_lines(0.0, 0.0, side, side, road_spacing, seed)
    graph = RoadGraph.from_lines(lines, kinds=kinds, cost_factors=GRID_COST_FACTORS)
    xy = graph.node_xy
    from scipy.spatial import cKDTree

    tree = cKDTree(xy)
    centre = np.array([side / 2, side / 2])
    cbd = centre + r_lay.normal(0, 0.08 * side, (3, 2))
    home_p = np.clip(centre + r_lay.normal(0, 0.15 * side, (n_users, 2)), 0, side - 1)
    work_p = np.clip(cbd[r_lay.integers(3, size=n_users)] + r_lay.normal(0, 0.03 * side, (n_users, 2)), 0, side - 1)
    leis_p = np.clip(home_p + r_lay.normal(0, 0.04 * side, (n_users, 2)), 0, side - 1)
    home_n, work_n, leis_n = (tree.query(p)[1] for p in (home_p, work_p, leis_p))

    def cell(p):
        return np.clip(np.floor(np.asarray(p) / cell_size).astype(np.int64) + 1, 1, grid_size)

    rows = []
    slot = 1800.0
    n_mask = int(round(mask_users * n_users))
    for u in range(n_users):
        check(cancel)
        report(progress, 100.0 * u / n_users)
        w = graph.edge_len * graph.edge_cost * np.exp(r_rt.normal(0, 0.1, graph.n_edges))
        _, pred = graph.dijkstra(int(home_n[u]), w)
        hw = graph.path_polyline(path_from_predecessors(pred, int(home_n[u]), int(work_n[u])))
        hl = graph.path_polyline(path_from_predecessors(pred, int(home_n[u]), int(leis_n[u])))
        home, work, leis = home_p[u], work_p[u], leis_p[u]
        for d in range(n_days):
            # timeline of (t_start, path or None, place) segments: stays are fixed places, moves follow paths
            trips = []
            if d % 7 < 5:
                trips.append((r_tim.normal(8 * 3600, 2700), hw, work))
                back = r_tim.normal(18 * 3600, 3600)
                trips.append((back, hw[::-1], home))
                if r_tim.random() < 0.3:
                    t0 = back + _travel_time(hw, speed) + r_tim.uniform(1800, 7200)
                    trips.append((t0, hl, leis))
                    trips.append((t0 + _travel_time(hl, speed) + r_tim.uniform(3600, 7200), hl[::-1], home))
            elif r_tim.random() < 0.6:
                t0 = r_tim.uniform(10 * 3600, 16 * 3600)
                trips.append((t0, hl, leis))
                trips.append((t0 + _travel_time(hl, speed) + r_tim.uniform(3600, 3 * 3600), hl[::-1], home))
            obs = np.flatnonzero(r_noise.random(48) < p_observe)
            if obs.size == 0:
                continue
            tau = (obs + r_noise.random(obs.size)) * slot
            pos = np.repeat(home[None, :], obs.size, axis=0)
            for t0, path, dest in trips:
                dur = _travel_time(path, speed)
                during = (tau >= t0) & (tau < t0 + dur)
                after = tau >= t0 + dur
                if during.any():
                    pos[during] = _position_along(path, (tau[during] - t0) * speed)
                pos[after] = dest
            pos = pos + r_noise.normal(0, 0.1 * cell_size, pos.shape)
            c = cell(pos)
            masked = u >= n_users - n_mask and d >= n_days - mask_days
            if masked:
                c[:] = 999
            rows.append(np.column_stack([np.full(obs.size, u), np.full(obs.size, d), obs, c]))
    report(progress, 100.0)
    tab = np.concatenate(rows).astype(np.int64) if rows else np.zeros((0, 5), np.int64)
    return LymobSample(
        uid=tab[:, 0],
        d=tab[:, 1],
        t=tab[:, 2],
        x=tab[:, 3],
        y=tab[:, 4],
        home_cell=cell(home_p),
        work_cell=cell(work_p),
        masked_uids=np.arange(n_users - n_mask, n_users, dtype=np.int64),
    )


def _travel_time(path: np.ndarray, speed: float) -> float:
    """Seconds to drive a polyline at ``speed``."""
    return float(np.hypot(*np.diff(path, axis=0).T).sum()) / speed


def _position_along(path: np.ndarray, s: np.ndarray) -> np.ndarray:
    cum = np.concatenate([[0.0], np.cumsum(np.hypot(*np.diff(path, axis=0).T))])
    return np.column_stack([np.interp(s, cum, path[:, 0]), np.interp(s, cum, path[:, 1])])


@dataclass
class GroupStream:
    """Records of objects moving in groups (planar metres): object id, time, x, y, the object's group and whether
    the record is a one-step jump away from it."""

    obj: np.ndarray
    t: np.ndarray
    x: np.ndarray
    y: np.ndarray
    group: np.ndarray
    jump: np.ndarray


def simulate_groups(
    n_groups: int = 20,
    per_group: int = 10,
    n_steps: int = 30,
    interval: float = 10.0,
    extent: float = 20000.0,
    spread: float = 80.0,
    speed: float = 8.0,
    jump_rate: float = 0.02,
    jump_distance: float = 350.0,
    jitter: float = 2.0,
    seed: int = 0,
    start_time: int = DEFAULT_START_TIME,
) -> GroupStream:
    """Streaming test data for evolutionary clustering: groups of ``per_group`` objects travel together in straight
    lines at ``speed`` m/s from random starts in an ``extent`` square, sampled every ``interval`` s (± ``jitter``
    s); each member keeps an offset (σ = ``spread`` m) from its group centre, and with probability ``jump_rate`` a
    record is displaced by ``jump_distance`` m for that one step (Figure 1 of the ECO paper)."""
    rng = np.random.default_rng(seed)
    n = n_groups * per_group
    centre = rng.uniform(0, extent, (n_groups, 2))
    ang = rng.uniform(0, 2 * np.pi, n_groups)
    vel = speed * np.column_stack([np.cos(ang), np.sin(ang)])
    group = np.repeat(np.arange(n_groups), per_group)
    offset = rng.normal(0, spread, (n, 2))
    k = np.arange(n_steps)
    pos = centre[group][None] + offset[None] + vel[group][None] * (k * interval)[:, None, None]
    jump = rng.random((n_steps, n)) < jump_rate
    jump[0] = False
    dirn = rng.uniform(0, 2 * np.pi, (n_steps, n))
    pos = pos + jump[..., None] * jump_distance * np.stack([np.cos(dirn), np.sin(dirn)], -1)
    t = start_time + (k * interval)[:, None] + rng.uniform(0, jitter, (n_steps, n))
    return GroupStream(
        obj=np.tile(np.arange(n), n_steps),
        t=np.floor(t).astype(np.int64).ravel(),
        x=pos[..., 0].ravel(),
        y=pos[..., 1].ravel(),
        group=np.tile(group, n_steps),
        jump=jump.ravel(),
    )
