"""CroTad hierarchical graph of H3 cells (section 4.2.1, Eq. 1-3) and its node2vec cell vectors.

Three graphs over H3 cells are merged into one (Eq. 3):

* road network graph (Eq. 1): every road vertex goes to its cell; two consecutive vertices of a line whose cells
  differ give an edge between the two cells;
* travel context graph: stops with a route id and a stop sequence number; consecutive stops of a route give an edge
  between their cells;
* mobility graph (Eq. 2): consecutive cells of the training trajectories.

Densification. Eq. 1 joins the cells of two consecutive vertices even when they lie far apart, but an OSM segment
between two vertices often crosses many cells at fine resolutions (a 500 m straight street spans about four
resolution-10 cells), and a direct edge would let a random walk jump over the cells in between. So for the road and
context graphs, a pair of cells more than one grid step apart is replaced by the chain of cells on the H3 grid line
between them (``grid_path_cells``), and every edge then joins two neighbouring cells. Pairs further apart than
``max_steps`` steps, or across an icosahedron face where h3 cannot draw the line, keep their direct edge (Eq. 1 as
written). The mobility graph keeps the transitions as observed (its jumps over missing fixes are part of what the
trajectories did), unless ``densify_gaps=True``.

node2vec (Grover & Leskovec, KDD 2016): second-order biased random walks (return parameter p, in-out parameter q),
written in numpy and advanced for all walkers at once (exact weighted choice among each walker's neighbours,
rejection sampling on hubs; a sorted edge-key array answers "is x a neighbour of the previous node" with
np.searchsorted), then skip-gram with negative sampling trained word2vec-style in torch (plain SGD with a falling
rate, gradients written straight into the rows).
Contexts use word2vec's reduced window (each centre draws its window size uniformly in 1..``window``, which weights
near nodes more), looking forward only (see :func:`walk_pairs`).
"""

from __future__ import annotations

from typing import Dict, Optional, Sequence

import numpy as np

from ..core import h3grid
from ..core.progress import CancelFn, ProgressFn, check, report

#: bits of HierarchicalGraph.edge_source
ROAD, CONTEXT, MOBILITY = 1, 2, 4
#: longest gap (H3 grid steps) between two consecutive vertices or stops that is filled with the grid line
MAX_STEPS = 10000
#: most candidate entries (walkers x degree) handled at once by one biased walk step
_STEP_BUDGET = 1 << 21
#: walkers on a node with more neighbours than this draw by rejection sampling instead of the exact weighted choice
_EXACT_MAX_DEGREE = 64


def _empty_pairs() -> np.ndarray:
    return np.zeros((0, 2), dtype=np.uint64)


def unique_undirected(a, b) -> np.ndarray:
    """(E, 2) uint64 unique cell pairs with a < b from the pairs (a[i], b[i]); self loops and 0 cells dropped."""
    a = np.asarray(a, dtype=np.uint64).ravel()
    b = np.asarray(b, dtype=np.uint64).ravel()
    keep = (a != b) & (a != 0) & (b != 0)
    if not keep.any():
        return _empty_pairs()
    a, b = a[keep], b[keep]
    lo, hi = np.minimum(a, b), np.maximum(a, b)
    order = np.lexsort((hi, lo))
    lo, hi = lo[order], hi[order]
    new = np.ones(lo.size, dtype=bool)
    new[1:] = (lo[1:] != lo[:-1]) | (hi[1:] != hi[:-1])
    return np.stack([lo[new], hi[new]], axis=1)


def densify(pairs: np.ndarray, max_steps: int = MAX_STEPS) -> np.ndarray:
    """Unique undirected pairs where each pair more than one grid step apart is replaced by the edges along the H3
    grid line between its two cells (see the module docstring)."""
    pairs = np.asarray(pairs, dtype=np.uint64).reshape(-1, 2)
    if pairs.shape[0] == 0:
        return _empty_pairs()
    h3i = h3grid._h3()
    dist_f, path_f = h3i.grid_distance, h3i.grid_path_cells
    lo, hi = [], []
    keep = np.ones(pairs.shape[0], dtype=bool)
    for i, (a, b) in enumerate(pairs.tolist()):
        if a == b:
            continue
        try:
            d = dist_f(a, b)
        except Exception:  # h3 cannot measure it (pentagon, other face): keep the direct edge
            continue
        if d <= 1 or d > max_steps:
            continue
        try:
            line = path_f(a, b)
        except Exception:
            continue
        keep[i] = False
        lo.extend(line[:-1])
        hi.extend(line[1:])
    if not lo:
        return unique_undirected(pairs[:, 0], pairs[:, 1])
    a = np.concatenate([pairs[keep, 0], np.array(lo, dtype=np.uint64)])
    b = np.concatenate([pairs[keep, 1], np.array(hi, dtype=np.uint64)])
    return unique_undirected(a, b)


def _check_steps(max_steps) -> int:
    max_steps = int(max_steps)
    if max_steps < 1:
        raise ValueError(f"MAX_STEPS: must be at least 1, got {max_steps}")
    return max_steps


# ---------------------------------------------------------------------------- the three graphs
def road_edges(
    lines_lonlat: Sequence[np.ndarray], resolution: int, densify_gaps: bool = True, max_steps: int = MAX_STEPS
) -> np.ndarray:
    """Road network graph mapped onto H3 cells (Eq. 1), as (E, 2) uint64 unique cell pairs with a < b.

    ``lines_lonlat``: one (m, 2) array of WGS 84 lon/lat vertices per road line (extra columns are ignored).
    Consecutive vertices of a line whose cells differ give an edge; gaps over one grid step are filled along the
    grid line when ``densify_gaps`` (module docstring). Vertices with non-finite coordinates are dropped."""
    res = h3grid.check_resolution(resolution)
    max_steps = _check_steps(max_steps)
    arrays = []
    for i, line in enumerate(lines_lonlat):
        arr = np.asarray(line, dtype=np.float64)
        if arr.size == 0:
            continue
        if arr.ndim != 2 or arr.shape[1] < 2:
            raise ValueError(f"LINES: line {i} must be an (m, 2) array of lon/lat vertices, got shape {arr.shape}")
        arrays.append(arr[:, :2])
    if not arrays:
        return _empty_pairs()
    lengths = np.array([a.shape[0] for a in arrays])
    xy = np.concatenate(arrays)
    owner = np.repeat(np.arange(len(arrays)), lengths)
    cells = h3grid.cells(xy[:, 0], xy[:, 1], res)
    ok = cells != 0  # a bad vertex is dropped; its neighbours on the line are joined
    cells, owner = cells[ok], owner[ok]
    same = owner[1:] == owner[:-1]
    pairs = unique_undirected(cells[:-1][same], cells[1:][same])
    return densify(pairs, max_steps) if densify_gaps else pairs


def _is_missing(v) -> bool:
    """None, NaN of any float type, or a value whose comparison with itself is not True/False (pandas.NA)."""
    if v is None:
        return True
    try:
        return bool(v != v)
    except Exception:  # noqa: BLE001 - pandas.NA and the like
        return True


def _as_objects(values) -> np.ndarray:
    """1-D object array of the values (a list of mixed str and float is not turned into strings as np.asarray
    would do, so NaN stays detectable)."""
    if isinstance(values, np.ndarray) and values.ndim == 1:
        return values.astype(object)
    items = list(values)
    out = np.empty(len(items), dtype=object)
    out[:] = items
    return out


def _as_float(values, name: str) -> np.ndarray:
    objs = _as_objects(values)
    try:
        return np.array([np.nan if _is_missing(v) else float(v) for v in objs.tolist()], dtype=np.float64)
    except (TypeError, ValueError) as e:
        raise ValueError(f"{name}: values must be numbers ({e})")


def usable_stops(route, sequence) -> np.ndarray:
    """Boolean mask of the stops :func:`context_edges` can place: a route (not None/NaN) and a finite sequence
    number."""
    objs = _as_objects(route)
    return ~np.array([_is_missing(v) for v in objs.tolist()], dtype=bool) & np.isfinite(_as_float(sequence, "SEQUENCE"))


def context_edges(
    route, sequence, lon, lat, resolution: int, densify_gaps: bool = True, max_steps: int = MAX_STEPS
) -> np.ndarray:
    """Travel context graph mapped onto H3 cells, as (E, 2) uint64 unique cell pairs with a < b.

    One row per stop: its route id (any value; compared as str(value)), its sequence number along the route and its
    WGS 84 position. Stops are sorted by (route, sequence) and consecutive stops of the same route whose cells
    differ give an edge, filled along the grid line when ``densify_gaps``. Rows with a missing route, sequence or
    coordinate are dropped (their neighbours along the route are joined)."""
    res = h3grid.check_resolution(resolution)
    max_steps = _check_steps(max_steps)
    route = _as_objects(route)
    n = route.shape[0]
    seq = _as_float(sequence, "SEQUENCE")
    lon = _as_float(lon, "LON")
    lat = _as_float(lat, "LAT")
    if not (seq.shape[0] == lon.shape[0] == lat.shape[0] == n):
        raise ValueError(
            f"ROUTE: route, sequence, lon and lat must have the same length "
            f"({n}, {seq.shape[0]}, {lon.shape[0]}, {lat.shape[0]})"
        )
    ok = usable_stops(route, seq)
    cells = np.zeros(n, dtype=np.uint64)
    if ok.any():
        cells[ok] = h3grid.cells(lon[ok], lat[ok], res)
    ok &= cells != 0
    if ok.sum() < 2:
        return _empty_pairs()
    keys = np.array([str(v) for v in route[ok].tolist()], dtype=object)
    _, code = np.unique(keys, return_inverse=True)
    order = np.lexsort((seq[ok], code))  # by route, then sequence; ties keep the input order
    c, r = cells[ok][order], code[order]
    same = r[1:] == r[:-1]
    pairs = unique_undirected(c[:-1][same], c[1:][same])
    return densify(pairs, max_steps) if densify_gaps else pairs


def _as_sequence_list(cell_seqs) -> list:
    if hasattr(cell_seqs, "offsets") and hasattr(cell_seqs, "cells"):  # core.cells.CellSequences
        return [cell_seqs.seq(i) for i in range(len(cell_seqs.offsets) - 1)]
    return [np.asarray(s, dtype=np.uint64).ravel() for s in cell_seqs]


def mobility_edges(cell_seqs, densify_gaps: bool = False, max_steps: int = MAX_STEPS) -> np.ndarray:
    """Mobility graph (Eq. 2): the transitions between consecutive cells of each sequence, as (E, 2) uint64 unique
    cell pairs with a < b. ``cell_seqs``: a list of uint64 cell arrays or a core.cells.CellSequences."""
    seqs = [s for s in _as_sequence_list(cell_seqs) if s.size > 1]
    if not seqs:
        return _empty_pairs()
    flat = np.concatenate(seqs)
    owner = np.repeat(np.arange(len(seqs)), [s.size for s in seqs])
    same = owner[1:] == owner[:-1]
    pairs = unique_undirected(flat[:-1][same], flat[1:][same])
    return densify(pairs, _check_steps(max_steps)) if densify_gaps else pairs


# ---------------------------------------------------------------------------- the hierarchical graph
class HierarchicalGraph:
    """Union of the road, context and mobility graphs (Eq. 3) over row indices 0..n_nodes-1.

    ``cells``: sorted unique uint64 cells (row i is cells[i]); ``edges``: (E, 2) int64 rows with a < b, unique,
    no self loops; ``edge_source``: uint8 bits ROAD | CONTEXT | MOBILITY of the graphs each edge comes from;
    ``neighbours``: CSR (indptr, indices) of both directions, each row's indices sorted."""

    def __init__(self, cells: np.ndarray, edges: np.ndarray, edge_source: np.ndarray):
        self.cells = np.asarray(cells, dtype=np.uint64)
        self.edges = np.asarray(edges, dtype=np.int64).reshape(-1, 2)
        self.edge_source = np.asarray(edge_source, dtype=np.uint8)
        n = self.n_nodes
        src = np.concatenate([self.edges[:, 0], self.edges[:, 1]])
        dst = np.concatenate([self.edges[:, 1], self.edges[:, 0]])
        order = np.lexsort((dst, src))
        src, dst = src[order], dst[order]
        indptr = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(np.bincount(src, minlength=n), out=indptr[1:])
        self.neighbours = (indptr, dst)
        self._keys = src * np.int64(n) + dst  # sorted: membership tests "is b a neighbour of a"

    # -------------------------------------------------------------- construction
    @classmethod
    def from_edges(cls, nodes_extra=None, road=None, context=None, mobility=None) -> "HierarchicalGraph":
        """Graph from the (E, 2) uint64 cell pairs of each source (any may be None) plus extra node cells
        (e.g. cells of one-cell trajectories) that may have no edge."""
        sources = [(ROAD, road), (CONTEXT, context), (MOBILITY, mobility)]
        pairs = {
            bit: unique_undirected(*(np.asarray(e, dtype=np.uint64).reshape(-1, 2).T))
            for bit, e in sources
            if e is not None
        }
        parts = [p.ravel() for p in pairs.values()]
        if nodes_extra is not None:
            parts.append(np.asarray(nodes_extra, dtype=np.uint64).ravel())
        allc = np.concatenate(parts) if parts else np.zeros(0, np.uint64)
        cells = np.unique(allc[allc != 0])
        n = np.int64(cells.size)
        keys, bits = [], []
        for bit, p in pairs.items():
            rows = np.searchsorted(cells, p).astype(np.int64)
            keys.append(rows[:, 0] * n + rows[:, 1])
            bits.append(np.full(p.shape[0], bit, dtype=np.uint8))
        if keys:
            k = np.concatenate(keys)
            b = np.concatenate(bits)
            uk, inv = np.unique(k, return_inverse=True)
            src = np.zeros(uk.size, dtype=np.uint8)
            np.bitwise_or.at(src, inv.ravel(), b)
            edges = np.stack([uk // n, uk % n], axis=1) if n else np.zeros((0, 2), np.int64)
        else:
            edges, src = np.zeros((0, 2), np.int64), np.zeros(0, np.uint8)
        return cls(cells, edges, src)

    @classmethod
    def build(cls, cell_seqs, road=None, context=None) -> "HierarchicalGraph":
        """Eq. 3: the union of the road graph ``road`` and context graph ``context`` ((E, 2) uint64 cell pairs, or
        None) and the mobility graph of the training sequences ``cell_seqs`` (whose cells are all nodes)."""
        seqs = _as_sequence_list(cell_seqs)
        nodes = np.concatenate(seqs) if seqs else None
        return cls.from_edges(nodes, road=road, context=context, mobility=mobility_edges(seqs))

    # -------------------------------------------------------------- queries
    @property
    def n_nodes(self) -> int:
        return int(self.cells.size)

    def __len__(self) -> int:
        return self.n_nodes

    @property
    def degree(self) -> np.ndarray:
        return np.diff(self.neighbours[0])

    def index(self, cells) -> np.ndarray:
        """int64 row of each cell; -1 for a cell that is not a node."""
        c = np.asarray(cells)
        if c.dtype != np.uint64:
            c = c.astype(np.uint64)
        if self.cells.size == 0:
            return np.full(c.shape, -1, dtype=np.int64)
        pos = np.searchsorted(self.cells, c)
        pos_c = np.minimum(pos, self.cells.size - 1)
        return np.where(self.cells[pos_c] == c, pos_c, -1).astype(np.int64)

    def is_neighbour(self, a, b) -> np.ndarray:
        """Whether rows b[i] and a[i] are joined by an edge (vectorised)."""
        a = np.asarray(a, dtype=np.int64)
        b = np.asarray(b, dtype=np.int64)
        return _member(self._keys, a * np.int64(self.n_nodes) + b)

    @property
    def stats(self) -> Dict[str, int]:
        deg = self.degree
        comps = 0
        if self.n_nodes:
            from scipy.sparse import coo_matrix
            from scipy.sparse.csgraph import connected_components

            m = coo_matrix(
                (np.ones(len(self.edges)), (self.edges[:, 0], self.edges[:, 1])), shape=(self.n_nodes, self.n_nodes)
            )
            comps = int(connected_components(m, directed=False)[0])
        return {
            "n_nodes": self.n_nodes,
            "n_edges": int(len(self.edges)),
            "n_road_edges": int(np.count_nonzero(self.edge_source & ROAD)),
            "n_context_edges": int(np.count_nonzero(self.edge_source & CONTEXT)),
            "n_mobility_edges": int(np.count_nonzero(self.edge_source & MOBILITY)),
            "n_isolated": int(np.count_nonzero(deg == 0)),
            "n_components": comps,
            "max_degree": int(deg.max()) if deg.size else 0,
        }

    # -------------------------------------------------------------- storage
    def to_arrays(self) -> Dict[str, np.ndarray]:
        """Plain arrays for a model file: "cells" (int64, the bits of the uint64 cells: H3 cells are below 2**63,
        and torch tensors have no full uint64 support), "edges" (E, 2) int64 and "edge_source" uint8."""
        return {
            "cells": self.cells.view(np.int64).copy(),
            "edges": self.edges.copy(),
            "edge_source": self.edge_source.copy(),
        }

    @classmethod
    def from_arrays(cls, arrays) -> "HierarchicalGraph":
        """Inverse of :meth:`to_arrays` (numpy arrays or CPU tensors)."""

        def arr(name):
            v = arrays[name]
            return v.numpy() if hasattr(v, "numpy") else np.asarray(v)

        cells = arr("cells")
        cells = cells.view(np.uint64) if cells.dtype == np.int64 else cells.astype(np.uint64)
        return cls(cells, arr("edges").astype(np.int64), arr("edge_source").astype(np.uint8))


def _member(sorted_keys: np.ndarray, keys: np.ndarray) -> np.ndarray:
    if sorted_keys.size == 0:
        return np.zeros(keys.shape, dtype=bool)
    pos = np.minimum(np.searchsorted(sorted_keys, keys), sorted_keys.size - 1)
    return sorted_keys[pos] == keys


# ---------------------------------------------------------------------------- node2vec: walks
def _biased_step(prev, cur, indptr, indices, keys, n, inv_p, inv_q, u):
    """Next node of each walker: among cur's neighbours x, weight 1/p if x == prev, 1 if x is a neighbour of prev,
    else 1/q (node2vec's alpha_pq), drawn exactly with the uniforms ``u``. Walkers are taken in groups of at most
    _STEP_BUDGET candidate entries to bound memory."""
    out = np.empty_like(cur)
    deg = indptr[cur + 1] - indptr[cur]
    csum = np.cumsum(deg)
    start = 0
    while start < cur.size:
        base = csum[start - 1] if start else 0
        end = max(start + 1, int(np.searchsorted(csum, base + _STEP_BUDGET, side="right")))
        c, pv, d = cur[start:end], prev[start:end], deg[start:end]
        rep = np.repeat(np.arange(c.size), d)
        first = np.cumsum(d) - d
        cand = indices[indptr[c][rep] + (np.arange(rep.size) - first[rep])]
        pr = pv[rep]
        w = np.full(cand.size, inv_q)
        w[_member(keys, pr * n + cand)] = 1.0
        w[cand == pr] = inv_p
        cw = np.cumsum(w)
        hi = cw[first + d - 1]
        lo = np.where(first > 0, cw[np.maximum(first - 1, 0)], 0.0)
        k = np.searchsorted(cw, lo + u[start:end] * (hi - lo), side="right")
        out[start:end] = cand[np.clip(k, first, first + d - 1)]
        start = end
    return out


def _check_walk_params(walk_length, walks_per_node, p, q):
    if int(walk_length) < 1:
        raise ValueError(f"WALK_LENGTH: must be at least 1, got {walk_length}")
    if int(walks_per_node) < 1:
        raise ValueError(f"WALKS_PER_NODE: must be at least 1, got {walks_per_node}")
    if not float(p) > 0:
        raise ValueError(f"P: the return parameter must be > 0, got {p}")
    if not float(q) > 0:
        raise ValueError(f"Q: the in-out parameter must be > 0, got {q}")


def _rejection_step(prev, cur, indptr, indices, keys, n, inv_p, inv_q, rng):
    """Same law as :func:`_biased_step`, for walkers on high-degree nodes: propose a uniform neighbour, accept it with
    probability weight / max weight (cost independent of the degree; about max/min weight tries at worst)."""
    out = np.empty_like(cur)
    w_max = max(inv_p, 1.0, inv_q)
    pending = np.arange(cur.size)
    while pending.size:
        c, pv = cur[pending], prev[pending]
        d = indptr[c + 1] - indptr[c]
        x = indices[indptr[c] + np.minimum((rng.random(c.size) * d).astype(np.int64), d - 1)]
        w = np.where(_member(keys, pv * n + x), 1.0, inv_q)
        w[x == pv] = inv_p
        ok = rng.random(c.size) * w_max < w
        out[pending[ok]] = x[ok]
        pending = pending[~ok]
    return out


def _second_order_step(prev, cur, indptr, indices, keys, n, inv_p, inv_q, rng):
    u = rng.random(cur.size)
    deg = indptr[cur + 1] - indptr[cur]
    big = deg > _EXACT_MAX_DEGREE
    if not big.any():
        return _biased_step(prev, cur, indptr, indices, keys, n, inv_p, inv_q, u)
    out = np.empty_like(cur)
    small = ~big
    out[small] = _biased_step(prev[small], cur[small], indptr, indices, keys, n, inv_p, inv_q, u[small])
    out[big] = _rejection_step(prev[big], cur[big], indptr, indices, keys, n, inv_p, inv_q, rng)
    return out


def random_walks(
    graph: HierarchicalGraph,
    walk_length: int = 20,
    walks_per_node: int = 10,
    p: float = 1.0,
    q: float = 1.0,
    seed=0,
    progress: ProgressFn = None,
    cancel: CancelFn = None,
) -> np.ndarray:
    """(n_nodes * walks_per_node, walk_length) node2vec walks (rows in rounds: walk r*n + i starts at node i),
    int32 (int64 on huge graphs), padded with -1 after an isolated start node (a walk of length 1).

    ``seed``: an int or a numpy Generator. With p == q == 1 the steps are uniform (first-order walk). Otherwise a
    walker picks its next node exactly by the node2vec weights among the current node's neighbours, or, on a node
    with more than _EXACT_MAX_DEGREE neighbours (a hub of the mobility graph), by rejection sampling with the same
    law, so that hubs do not blow up the work of a step."""
    _check_walk_params(walk_length, walks_per_node, p, q)
    rng = seed if isinstance(seed, np.random.Generator) else np.random.default_rng(seed)
    n = graph.n_nodes
    walk_length, walks_per_node = int(walk_length), int(walks_per_node)
    indptr, indices = graph.neighbours
    deg = np.diff(indptr)
    dtype = np.int32 if n < 2**31 - 1 else np.int64
    walks = np.full((n * walks_per_node, walk_length), -1, dtype=dtype)
    start = np.tile(np.arange(n, dtype=np.int64), walks_per_node)
    walks[:, 0] = start
    live = np.flatnonzero(deg[start] > 0)  # walkers whose start node has a neighbour
    cur = start[live]
    prev = cur
    uniform = float(p) == 1.0 and float(q) == 1.0
    inv_p, inv_q = 1.0 / float(p), 1.0 / float(q)
    for t in range(1, walk_length):
        check(cancel)
        if t == 1 or uniform:
            d = indptr[cur + 1] - indptr[cur]
            nxt = indices[indptr[cur] + np.minimum((rng.random(cur.size) * d).astype(np.int64), d - 1)]
        else:
            nxt = _second_order_step(prev, cur, indptr, indices, graph._keys, np.int64(n), inv_p, inv_q, rng)
        walks[live, t] = nxt
        prev, cur = cur, nxt
        report(progress, 100.0 * t / max(1, walk_length - 1))
    return walks


# ---------------------------------------------------------------------------- node2vec: skip-gram
def walk_pairs(walks: np.ndarray, window: int, rng: np.random.Generator) -> np.ndarray:
    """(centre, context) pairs of the walks with word2vec's reduced window: each centre position draws its window in
    1..``window`` and is paired with the nodes up to that many steps after it. -1 padding is skipped.

    One direction only: a walk on an undirected graph is reversible (node2vec's weights depend on the symmetric
    distance between the previous and the next node), so the pairs looking backwards have the same distribution as
    these and would double the training cost for no new information."""
    w = np.asarray(walks)
    if w.ndim != 2 or w.shape[1] < 2:
        return np.zeros((0, 2), np.int64)
    eff = rng.integers(1, window + 1, size=(w.shape[0], w.shape[1] - 1), dtype=np.int8)
    parts = []
    for j in range(1, min(window, w.shape[1] - 1) + 1):
        a, b = w[:, :-j], w[:, j:]
        keep = (b >= 0) & (eff[:, : w.shape[1] - j] >= j)  # b >= 0 implies a >= 0 (padding is at the end)
        parts.append(np.stack([a[keep], b[keep]], axis=1))
    return np.concatenate(parts).astype(np.int64)


def noise_table(counts: np.ndarray, size: Optional[int] = None) -> np.ndarray:
    """word2vec's unigram table: node ids laid out in proportion to count**0.75, so that a uniform index into it draws
    a negative sample (nodes with no count never come up)."""
    n = counts.size
    size = int(size or min(1 << 25, max(1 << 20, 32 * n)))
    cdf = np.cumsum(np.asarray(counts, dtype=np.float64) ** 0.75)
    if cdf[-1] <= 0:
        raise ValueError("GRAPH: no node to draw negative samples from")
    cdf /= cdf[-1]
    table = np.searchsorted(cdf, (np.arange(size) + 0.5) / size, side="right")
    return np.minimum(table, n - 1).astype(np.int32 if n < 2**31 - 1 else np.int64)


def _check_sgns_params(dim, window, negatives, epochs, batch_size, lr):
    for name, v, lo in (
        ("DIM", dim, 1),
        ("WINDOW", window, 1),
        ("NEGATIVES", negatives, 1),
        ("EPOCHS", epochs, 1),
        ("BATCH_SIZE", batch_size, 1),
    ):
        if int(v) < lo:
            raise ValueError(f"{name}: must be at least {lo}, got {v}")
    if not float(lr) > 0:
        raise ValueError(f"LR: the learning rate must be > 0, got {lr}")


def node2vec(
    graph: HierarchicalGraph,
    dim: int = 64,
    walk_length: int = 20,
    walks_per_node: int = 10,
    p: float = 1.0,
    q: float = 1.0,
    window: int = 5,
    negatives: int = 5,
    epochs: int = 1,
    batch_size: int = 4096,
    lr: float = 0.05,
    seed: int = 0,
    device=None,
    n_threads: Optional[int] = 1,
    centre: bool = True,
    progress: ProgressFn = None,
    cancel: CancelFn = None,
) -> np.ndarray:
    """(n_nodes, dim) float32 node2vec vectors of the graph's rows.

    Walks as :func:`random_walks`, pairs as :func:`walk_pairs`; skip-gram with ``negatives`` negative samples per
    pair drawn from the walk node frequencies to the power 0.75. Trained like word2vec: plain SGD, the rate falling
    linearly from ``lr`` to lr / 1000, gradients written straight into the touched rows (no autograd, no optimiser
    state: an Adam step over the whole tables, or torch's SparseAdam, costs several times more per batch on CPU).
    Each batch adds the gradients of rows that occur several times in it, so ``batch_size`` is capped at
    n_nodes // 2 (at least 16) to keep each row at about one occurrence per batch on small graphs.

    ``n_threads``: torch CPU threads during the training loop, restored afterwards (None: leave torch's setting).
    Its operations are small (a few MB per batch), so more threads gain little, and when another process keeps a
    core busy they wait on each other at every operation: measured 216 s with 2 threads against 25 s with 1 for a
    30k-node graph on a busy 2-core machine.

    ``centre``: subtract the mean vector of the nodes that have an edge. Skip-gram vectors share a large common
    component (Mimno & Thompson 2017, "The strange geometry of skip-gram with negative sampling"; Mu & Viswanath
    2018, "All-but-the-top"): without it, random node pairs of a 30k-node grid graph have a mean cosine of 0.36
    (0.9 on smaller or shorter runs) against 0.97 for neighbours; centred, 0.00 against 0.96. Differences between
    vectors, hence distances, are unchanged.

    An isolated node keeps its small random initial vector (not centred). Progress: walks 0..20, training 20..100.
    ``device``: None (CPU), "auto" or a torch device. The same seed gives the same vectors on the same device."""
    _check_walk_params(walk_length, walks_per_node, p, q)
    _check_sgns_params(dim, window, negatives, epochs, batch_size, lr)
    n = graph.n_nodes
    if n == 0:
        raise ValueError("GRAPH: the graph has no node to embed")
    from ..core.modelfile import torch_setup

    torch, dev = torch_setup(device if device is not None else "cpu")
    threads_before = torch.get_num_threads()
    if n_threads:
        torch.set_num_threads(int(n_threads))
    try:
        vectors = _node2vec(
            torch,
            dev,
            graph,
            dim,
            walk_length,
            walks_per_node,
            p,
            q,
            window,
            negatives,
            epochs,
            batch_size,
            lr,
            seed,
            progress,
            cancel,
        )
    finally:
        torch.set_num_threads(threads_before)
    linked = graph.degree > 0
    if centre and linked.any():
        vectors[linked] -= vectors[linked].mean(axis=0)
    return vectors


def _node2vec(
    torch,
    dev,
    graph,
    dim,
    walk_length,
    walks_per_node,
    p,
    q,
    window,
    negatives,
    epochs,
    batch_size,
    lr,
    seed,
    progress,
    cancel,
) -> np.ndarray:
    n = graph.n_nodes
    dim, window, negatives, epochs = int(dim), int(window), int(negatives), int(epochs)
    batch_size = int(min(int(batch_size), max(16, n // 2)))
    rng = np.random.default_rng(seed)
    gen = torch.Generator().manual_seed(int(seed))

    walks = random_walks(
        graph,
        walk_length,
        walks_per_node,
        p,
        q,
        rng,
        progress=None if progress is None else (lambda v: report(progress, 0.2 * v)),
        cancel=cancel,
    )
    table = noise_table(np.bincount(walks[walks >= 0].astype(np.int64), minlength=n))

    w_in = torch.empty(n, dim).uniform_(-0.5 / dim, 0.5 / dim, generator=gen).to(dev)
    w_out = torch.zeros(n, dim, device=dev)
    table_t = torch.from_numpy(table.astype(np.int64)).to(dev)
    label = torch.zeros(1, negatives + 1, device=dev)
    label[0, 0] = 1.0

    n_walks = walks.shape[0]
    lengths = (walks >= 0).sum(axis=1)
    # expected pairs per walk: each of its positions pairs with min(window drawn, steps left) later nodes
    est_pairs = float(
        sum(np.minimum((window + 1) / 2.0, lengths - 1 - i).clip(0).sum() for i in range(walks.shape[1]))
    ) / max(1, n_walks)
    total_batches = max(1.0, epochs * n_walks * est_pairs / batch_size)
    chunk = max(1, int((64 * batch_size) // max(1.0, est_pairs)))
    done = 0
    lr0, lr_min = float(lr), float(lr) * 1e-3
    for epoch in range(epochs):
        order = rng.permutation(n_walks)
        for c0 in range(0, n_walks, chunk):
            check(cancel)
            pairs = walk_pairs(walks[order[c0 : c0 + chunk]], window, rng)
            if pairs.shape[0] == 0:
                continue
            pairs = pairs[rng.permutation(pairs.shape[0])]
            neg = rng.integers(0, table.size, size=(pairs.shape[0], negatives))
            pairs_t = torch.from_numpy(pairs).to(dev)
            neg_t = table_t[torch.from_numpy(neg).to(dev)]  # (P, K) node ids
            for b0 in range(0, pairs.shape[0], batch_size):
                check(cancel)
                rate = max(lr_min, lr0 * (1.0 - done / total_batches))
                ci = pairs_t[b0 : b0 + batch_size, 0]
                ids = torch.cat([pairs_t[b0 : b0 + batch_size, 1:], neg_t[b0 : b0 + batch_size]], 1).reshape(-1)
                m = ci.shape[0]
                c = w_in.index_select(0, ci)  # (B, D)
                ov = w_out.index_select(0, ids).view(m, negatives + 1, dim)  # context, then negatives
                # d loss / d score: sigmoid(s) - 1 for the context, sigmoid(s) for a negative
                g = torch.sigmoid((ov * c.unsqueeze(1)).sum(-1)) - label  # (B, 1 + K)
                g_c = (g.unsqueeze(2) * ov).sum(1)
                w_out.index_add_(0, ids, (g.unsqueeze(2) * c.unsqueeze(1)).view(-1, dim), alpha=-rate)
                w_in.index_add_(0, ci, g_c, alpha=-rate)
                done += 1
            report(progress, 20.0 + 80.0 * (epoch + min(1.0, (c0 + chunk) / n_walks)) / epochs)
    return w_in.cpu().numpy().astype(np.float32)
