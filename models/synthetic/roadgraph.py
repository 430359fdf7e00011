"""The road graph of the simulators: junction nodes and edges carrying their polyline geometry, built from road
lines in a metric CRS, with Dijkstra routing.

:meth:`RoadGraph.from_lines`: vertices closer than ``precision`` are merged, every vertex shared between lines is a
junction, lines are two-way, chains of degree-2 vertices are contracted into one edge (keeping its geometry), and
only the largest connected component is kept.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict, List, Optional, Sequence

import numpy as np

__all__ = ["RoadGraph", "path_from_predecessors", "MIN_NODES"]

MIN_NODES = 10


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
        lines = [np.asarray(a, np.float64).reshape(-1, 2) for a in lines]
        lines = [a[np.all(np.isfinite(a), axis=1)] for a in lines]
        kinds = np.asarray(["road"] * len(lines) if kinds is None else list(kinds), dtype=object)
        factors = dict(cost_factors or {})
        vxy, lo, hi, seg_line = _unique_segments(lines, precision)
        chains = _junction_chains(vxy.shape[0], lo, hi)
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
        ncomp, keep_n = _largest_component(eu, ev, n, min_nodes)
        n_keep = int(keep_n.sum())
        remap = -np.ones(n, dtype=np.int64)
        remap[keep_n] = np.arange(n_keep)
        eidx = np.flatnonzero(keep_n[eu])
        used_lines = _used_lines(chains, eidx, lo, hi, seg_line, vxy.shape[0])
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


def _unique_segments(lines: List[np.ndarray], precision: float):
    """(vertex coordinates, segment ends lo < hi, line of each segment): vertices merged at ``precision``,
    zero-length and repeated segments dropped (the first occurrence keeps its line)."""
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
    if lo.size == 0:
        raise ValueError("the road network has no segment of positive length")
    return vxy, lo, hi, seg_line


def _junction_chains(nv: int, lo: np.ndarray, hi: np.ndarray) -> list:
    """Vertex chains between junctions of the segment graph of ``nv`` vertices (see :func:`_walk_chains`)."""
    # vertex adjacency (CSR): neighbour and segment index
    src = np.concatenate([lo, hi])
    dst = np.concatenate([hi, lo])
    sid = np.concatenate([np.arange(lo.size), np.arange(lo.size)])
    order = np.lexsort((dst, src))
    src, dst, sid = src[order], dst[order], sid[order]
    indptr = np.zeros(nv + 1, dtype=np.int64)
    np.cumsum(np.bincount(src, minlength=nv), out=indptr[1:])
    junction = np.diff(indptr) != 2
    return _walk_chains(indptr, dst.tolist(), sid.tolist(), junction, lo.size)


def _largest_component(eu: np.ndarray, ev: np.ndarray, n: int, min_nodes: int):
    """(number of connected components, mask of the nodes in the largest one); ValueError when it has fewer than
    ``min_nodes`` nodes."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

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
    return ncomp, keep_n


def _used_lines(chains, eidx, lo, hi, seg_line, nv: int) -> np.ndarray:
    """Lines shown as "used": those owning a (de-duplicated) segment in the kept component."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    kept_v = np.zeros(nv, dtype=bool)
    for i in eidx:
        kept_v[chains[i][0]] = True
    vlab = connected_components(coo_matrix((np.ones(lo.size), (lo, hi)), shape=(nv, nv)), directed=False)[1]
    big_v = np.isin(vlab, np.unique(vlab[kept_v]))
    return np.unique(seg_line[big_v[lo]])
