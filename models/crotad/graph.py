"""CroTad hierarchical graph of H3 cells (section 4.2.1, Eq. 1-3); :mod:`.node2vec` embeds its nodes.

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
"""

from __future__ import annotations

from typing import Dict, Sequence

import numpy as np

from ..core import h3grid

#: bits of HierarchicalGraph.edge_source
ROAD, CONTEXT, MOBILITY = 1, 2, 4
#: longest gap (H3 grid steps) between two consecutive vertices or stops that is filled with the grid line
MAX_STEPS = 10000


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
        return in_sorted(self._keys, a * np.int64(self.n_nodes) + b)

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


def in_sorted(sorted_keys: np.ndarray, keys: np.ndarray) -> np.ndarray:
    """Whether each of ``keys`` is in the sorted array ``sorted_keys``."""
    if sorted_keys.size == 0:
        return np.zeros(keys.shape, dtype=bool)
    pos = np.minimum(np.searchsorted(sorted_keys, keys), sorted_keys.size - 1)
    return sorted_keys[pos] == keys
