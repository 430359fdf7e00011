"""CroTad hierarchical graph (road, travel context and mobility graphs on H3 cells) and node2vec cell vectors."""

import sqlite3
import time

import numpy as np
import pytest

from deeptraj.models.core import h3grid
from deeptraj.models.core.progress import Cancelled
from deeptraj.models.crotad import graph as cg
from deeptraj.models.crotad import node2vec as n2v
from tests.conftest import data_path

RES = 10
LON, LAT = -8.62, 41.16  # central Porto


def _h3():
    import h3.api.basic_int as h3i

    return h3i


def _assert_clean(pairs):
    """(E, 2) uint64 pairs with a < b, unique, no zero cell."""
    assert pairs.dtype == np.uint64 and pairs.ndim == 2 and pairs.shape[1] == 2
    assert (pairs[:, 0] < pairs[:, 1]).all() and (pairs != 0).all()
    assert len({tuple(p) for p in pairs.tolist()}) == len(pairs)


def _all_neighbours(pairs):
    return all(h3grid.grid_distance(a, b) == 1 for a, b in pairs.tolist())


def _row_of_cells(n, start=None):
    """n cells in a straight H3 line, each a neighbour of the next."""
    h3i = _h3()
    a = start or h3i.latlng_to_cell(LAT, LON, RES)
    far = h3i.latlng_to_cell(LAT, LON + 0.1, RES)
    return [int(c) for c in h3i.grid_path_cells(a, far)][:n]


def _lonlat(cells):
    lon, lat = h3grid.centers(np.array(cells, dtype=np.uint64))
    return lon, lat


# ---------------------------------------------------------------------------- edge lists
def test_unique_undirected_drops_self_loops_zeros_and_duplicates():
    a = np.array([5, 7, 5, 3, 0, 9], dtype=np.uint64)
    b = np.array([7, 5, 5, 4, 3, 9], dtype=np.uint64)
    got = cg.unique_undirected(a, b)
    _assert_clean(got)
    assert got.tolist() == [[3, 4], [5, 7]]
    assert cg.unique_undirected([], []).shape == (0, 2)


def test_road_line_across_many_cells_is_densified_to_neighbouring_cells():
    line = np.array([[LON, LAT], [LON + 0.02, LAT + 0.005]])  # ~1.7 km, one segment
    raw = cg.road_edges([line], RES, densify_gaps=False)
    assert len(raw) == 1 and h3grid.grid_distance(*raw[0].tolist()) > 5  # Eq. 1 as written: one long jump
    edges = cg.road_edges([line, line[::-1], line[:1]], RES)  # reversed copy and a one-vertex line
    _assert_clean(edges)
    assert _all_neighbours(edges)
    ends = set(int(c) for c in h3grid.cells(line[:, 0], line[:, 1], RES))
    assert ends <= set(edges.ravel().tolist())
    g = cg.HierarchicalGraph.from_edges(road=edges)
    assert g.stats["n_components"] == 1 and g.stats["n_edges"] == g.stats["n_nodes"] - 1  # a simple chain


def test_road_vertices_in_one_cell_and_bad_vertices_give_no_edge():
    c = h3grid.cells([LON], [LAT], RES)[0]
    lon, lat = _lonlat([c])
    tiny = np.array([[lon[0], lat[0]], [lon[0] + 1e-6, lat[0]], [np.nan, np.nan]])
    assert cg.road_edges([tiny], RES).shape == (0, 2)
    with pytest.raises(ValueError, match="LINES"):
        cg.road_edges([np.zeros(4)], RES)


def _porto_lines():
    path = data_path("porto_roads_osm", "porto_roads.gpkg")
    import shapely

    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as con:
        blobs = [r[0] for r in con.execute("SELECT shape FROM edges")]
    # GeoPackage blob: 8-byte header + envelope (size from the flags byte), then WKB
    env = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}
    geoms = shapely.from_wkb([b[8 + env[(b[3] >> 1) & 7] :] for b in blobs])
    xy, idx = shapely.get_coordinates(geoms, return_index=True)
    return np.split(xy, np.flatnonzero(np.diff(idx)) + 1)


def test_porto_osm_roads_convert_fast_into_one_connected_grid_graph():
    lines = _porto_lines()
    assert len(lines) == 11109
    t = time.perf_counter()
    edges = cg.road_edges(lines, RES)
    elapsed = time.perf_counter() - t
    assert elapsed < 5.0, elapsed
    _assert_clean(edges)
    assert _all_neighbours(edges)
    stats = cg.HierarchicalGraph.from_edges(road=edges).stats
    assert stats["n_nodes"] > 2000 and stats["n_road_edges"] == len(edges)
    assert stats["n_components"] <= 3 and stats["max_degree"] <= 6


def test_context_edges_follow_stop_order_within_each_route():
    cells = _row_of_cells(8)
    lon, lat = _lonlat(cells)
    # route "A" visits cells 0..4 in sequence order, given shuffled; route 7 visits 7, 6, 5; junk rows dropped
    rows = [
        ("A", 3, 3),
        ("A", 1, 1),
        (7, 2, 6),
        ("A", 0, 0),
        ("A", 4, 4),
        (7, 1, 7),
        ("A", 2, 2),
        (7, 3, 5),
        (None, 5, 5),
        ("A", None, 6),
        ("A", float("nan"), 7),
    ]
    route = [r[0] for r in rows]
    seq = [r[1] for r in rows]
    x = [lon[r[2]] for r in rows]
    y = [lat[r[2]] for r in rows]
    got = cg.context_edges(route, seq, x, y, RES, densify_gaps=False)
    _assert_clean(got)
    want = {tuple(sorted((cells[i], cells[i + 1]))) for i in range(4)} | {
        tuple(sorted((cells[7], cells[6]))),
        tuple(sorted((cells[6], cells[5]))),
    }
    assert {tuple(p) for p in got.tolist()} == want  # nothing from 4 to 7 (other route) nor to junk rows
    assert _all_neighbours(got)
    import pandas as pd  # a layer's columns: nullable ints, NaN among str

    got = cg.context_edges(
        pd.Series(route, dtype=object).where(pd.notna(route), np.nan),
        pd.Series(seq, dtype="Int64"),
        pd.Series(x),
        pd.Series(y),
        RES,
        densify_gaps=False,
    )
    assert {tuple(p) for p in got.tolist()} == want


def test_usable_stops_need_a_route_and_a_finite_sequence():
    ok = cg.usable_stops(["a", None, "b", float("nan"), "c"], [1, 2, None, 4, float("nan")])
    assert ok.tolist() == [True, False, False, False, False]


def test_context_edges_between_distant_stops_are_densified():
    cells = _row_of_cells(12)
    stops = [cells[0], cells[11], cells[5]]
    lon, lat = _lonlat(stops)
    got = cg.context_edges(["r", "r", "r"], [1, 3, 2], lon, lat, RES)  # 0 -> 5 -> 11 along the line
    _assert_clean(got)
    assert _all_neighbours(got)
    assert set(stops) <= set(got.ravel().tolist())
    assert len(got) == h3grid.grid_distance(cells[0], cells[5]) + h3grid.grid_distance(cells[5], cells[11]) == 11
    assert cg.HierarchicalGraph.from_edges(context=got).stats["n_components"] == 1
    with pytest.raises(ValueError, match="SEQUENCE"):
        cg.context_edges(["r"], ["first"], [LON], [LAT], RES)


def test_mobility_edges_are_transitions_within_each_sequence():
    s1 = np.array([10, 11, 12, 11], dtype=np.uint64)
    s2 = np.array([20], dtype=np.uint64)
    s3 = np.array([13, 12], dtype=np.uint64)
    got = cg.mobility_edges([s1, s2, s3])
    _assert_clean(got)
    assert got.tolist() == [[10, 11], [11, 12], [12, 13]]  # no 11 -> 20 or 20 -> 13 across sequences


# ---------------------------------------------------------------------------- the hierarchical graph
def _small_graph():
    road = np.array([[1, 2], [2, 3], [3, 4]], dtype=np.uint64)
    context = np.array([[4, 3], [4, 5]], dtype=np.uint64)  # 3-4 also a road edge
    seqs = [np.array([5, 6, 2], dtype=np.uint64), np.array([9], dtype=np.uint64)]  # 9: a node with no edge
    return cg.HierarchicalGraph.build(seqs, road=road, context=context)


def test_hierarchical_graph_is_the_union_of_the_three_graphs():
    g = _small_graph()
    assert g.cells.tolist() == [1, 2, 3, 4, 5, 6, 9] and g.cells.dtype == np.uint64
    assert g.stats == {
        "n_nodes": 7,
        "n_edges": 6,
        "n_road_edges": 3,
        "n_context_edges": 2,
        "n_mobility_edges": 2,
        "n_isolated": 1,
        "n_components": 2,
        "max_degree": 3,
    }
    e = g.edges
    assert e.dtype == np.int64 and (e[:, 0] < e[:, 1]).all() and len({tuple(r) for r in e.tolist()}) == len(e)
    as_cells = {(int(g.cells[a]), int(g.cells[b])) for a, b in e}
    assert as_cells == {(1, 2), (2, 3), (3, 4), (4, 5), (5, 6), (2, 6)}
    src = dict(zip(map(tuple, g.cells[e].tolist()), g.edge_source.tolist()))
    assert src[(3, 4)] == cg.ROAD | cg.CONTEXT and src[(2, 6)] == cg.MOBILITY
    assert g.index(np.array([9, 1, 7, 4], dtype=np.uint64)).tolist() == [6, 0, -1, 3]
    indptr, indices = g.neighbours
    rows = [indices[indptr[i] : indptr[i + 1]].tolist() for i in range(g.n_nodes)]
    assert rows[1] == [0, 2, 5] and rows[6] == []  # sorted, symmetric
    assert g.is_neighbour([1, 5, 0], [5, 1, 6]).tolist() == [True, True, False]


def test_graph_arrays_round_trip_through_torch_tensors():
    import torch

    g = _small_graph()
    arrays = g.to_arrays()
    assert {k: v.dtype for k, v in arrays.items()} == {"cells": np.int64, "edges": np.int64, "edge_source": np.uint8}
    g2 = cg.HierarchicalGraph.from_arrays({k: torch.from_numpy(v) for k, v in arrays.items()})
    assert np.array_equal(g2.cells, g.cells) and g2.cells.dtype == np.uint64
    assert np.array_equal(g2.edges, g.edges) and np.array_equal(g2.edge_source, g.edge_source)
    assert g2.stats == g.stats
    for a, b in zip(g.neighbours, g2.neighbours):
        assert np.array_equal(a, b)
    real = h3grid.cells([LON], [LAT], RES)  # real cells survive the int64 view
    g3 = cg.HierarchicalGraph.from_arrays(cg.HierarchicalGraph.build([real]).to_arrays())
    assert g3.cells.tolist() == real.tolist()


# ---------------------------------------------------------------------------- node2vec
def _graph_from_rows(n, pairs):
    """HierarchicalGraph whose rows are 0..n-1 (cells 1..n)."""
    p = np.asarray(pairs, dtype=np.uint64) + 1
    return cg.HierarchicalGraph.from_edges(np.arange(1, n + 1, dtype=np.uint64), road=p)


def _lattice(w, h):
    pairs = [(i * w + j, i * w + j + 1) for i in range(h) for j in range(w - 1)]
    pairs += [(i * w + j, (i + 1) * w + j) for i in range(h - 1) for j in range(w)]
    return _graph_from_rows(w * h, pairs)


def _two_rings(m=30):
    pairs = [(i, (i + 1) % m) for i in range(m)] + [(m + i, m + (i + 1) % m) for i in range(m)]
    return _graph_from_rows(2 * m + 1, pairs)  # row 2m: isolated


def test_walks_follow_edges_and_isolated_nodes_get_length_one():
    g = _two_rings()
    walks = n2v.random_walks(g, walk_length=8, walks_per_node=3, p=0.5, q=2.0, seed=1)
    assert walks.shape == (3 * g.n_nodes, 8)
    assert (walks[: g.n_nodes, 0] == np.arange(g.n_nodes)).all()
    iso = walks[60 :: g.n_nodes]
    assert (iso[:, 0] == 60).all() and (iso[:, 1:] == -1).all()
    live = walks[walks[:, 0] != 60]
    assert (live >= 0).all()
    assert g.is_neighbour(live[:, :-1].ravel(), live[:, 1:].ravel()).all()
    assert np.array_equal(walks, n2v.random_walks(g, 8, 3, 0.5, 2.0, seed=1))


def test_biased_step_draws_with_node2vec_weights():
    # 0-1, 1-2, 1-3, 0-2: from 1 after 0, node 0 is the return (1/p), 2 a neighbour of 0 (1), 3 is away (1/q)
    g = _graph_from_rows(4, [(0, 1), (1, 2), (1, 3), (0, 2)])
    indptr, indices = g.neighbours
    k = 70000
    u = np.random.default_rng(0).random(k)
    nxt = n2v._biased_step(
        np.zeros(k, np.int64), np.ones(k, np.int64), indptr, indices, g._keys, np.int64(4), 1 / 2.0, 1 / 0.5, u
    )
    want = [0.5 / 3.5, 1 / 3.5, 2 / 3.5]
    freq = np.bincount(nxt, minlength=4) / k
    assert freq[1] == 0 and np.allclose(freq[[0, 2, 3]], want, atol=0.01), freq
    nxt = n2v._rejection_step(
        np.zeros(k, np.int64),
        np.ones(k, np.int64),
        indptr,
        indices,
        g._keys,
        np.int64(4),
        1 / 2.0,
        1 / 0.5,
        np.random.default_rng(1),
    )  # the law used on hubs
    freq = np.bincount(nxt, minlength=4) / k
    assert freq[1] == 0 and np.allclose(freq[[0, 2, 3]], want, atol=0.01), freq


def test_walks_through_a_hub_use_the_same_law(monkeypatch):
    g = _graph_from_rows(6, [(0, 1), (1, 2), (1, 3), (0, 2), (3, 4), (4, 5)])
    counts = []
    for limit in (64, 1):  # exact choice everywhere, then rejection everywhere
        monkeypatch.setattr(n2v, "_EXACT_MAX_DEGREE", limit)
        w = n2v.random_walks(g, walk_length=3, walks_per_node=20000, p=2.0, q=0.5, seed=limit)
        w = w[(w[:, 0] == 0) & (w[:, 1] == 1)]
        counts.append(np.bincount(w[:, 2], minlength=6) / len(w))
    assert np.allclose(counts[0], counts[1], atol=0.015), counts


def test_small_q_walks_explore_further_than_large_q():
    g = _lattice(15, 15)

    def spread(q):
        walks = n2v.random_walks(g, walk_length=20, walks_per_node=4, p=1.0, q=q, seed=0)
        distinct = np.mean([len(set(w)) for w in walks.tolist()])
        r0, c0 = np.divmod(walks[:, 0], 15)
        r1, c1 = np.divmod(walks[:, -1], 15)
        return distinct, np.mean(np.abs(r1 - r0) + np.abs(c1 - c0))

    dfs, bfs = spread(0.1), spread(10.0)
    assert dfs[0] > bfs[0] + 3 and dfs[1] > 1.5 * bfs[1], (dfs, bfs)


def test_node2vec_puts_each_ring_apart_and_is_deterministic():
    g = _two_rings(8)  # rows 0-7, 8-15; row 16 isolated
    progress = []
    kw = dict(dim=16, walk_length=10, walks_per_node=10, window=3, epochs=2)
    v = n2v.node2vec(g, seed=3, progress=progress.append, **kw)
    assert v.shape == (17, 16) and v.dtype == np.float32 and np.isfinite(v).all()
    assert progress[-1] == pytest.approx(100.0) and progress == sorted(progress)
    u = v[:16] / np.linalg.norm(v[:16], axis=1, keepdims=True)
    cos = u @ u.T
    ring = np.repeat([0, 1], 8)
    same = ring[:, None] == ring[None]
    within, across = cos[same & ~np.eye(16, dtype=bool)].mean(), cos[~same].mean()
    assert within > across + 1.0, (within, across)
    assert (ring[np.argsort(-cos, axis=1)[:, 1]] == ring).all()  # every node's nearest is in its ring
    assert np.array_equal(v, n2v.node2vec(g, seed=3, **kw))
    assert not np.array_equal(v, n2v.node2vec(g, seed=4, **kw))
    assert np.linalg.norm(v[16]) < 0.5  # isolated: left at its small start vector


def test_node2vec_lattice_neighbours_are_closer_than_random_pairs():
    g = _lattice(20, 20)
    v = n2v.node2vec(g, dim=32, walks_per_node=5, seed=0)  # centred (default)
    u = v / np.linalg.norm(v, axis=1, keepdims=True)
    e = g.edges
    near = (u[e[:, 0]] * u[e[:, 1]]).sum(1).mean()
    r = np.random.default_rng(0).integers(0, g.n_nodes, (5000, 2))
    far = (u[r[:, 0]] * u[r[:, 1]]).sum(1).mean()
    assert near > far + 0.5, (near, far)
    raw = n2v.node2vec(g, dim=32, walks_per_node=5, seed=0, centre=False)
    assert np.allclose(raw - raw.mean(axis=0), v, atol=1e-5)


def test_node2vec_p_q_change_the_vectors_and_bad_parameters_are_named():
    g = _two_rings(12)
    kw = dict(dim=8, walk_length=8, walks_per_node=4, seed=0)
    assert not np.array_equal(n2v.node2vec(g, q=0.25, **kw), n2v.node2vec(g, q=4.0, **kw))
    for name, bad in (
        ("P", dict(p=0)),
        ("Q", dict(q=-1)),
        ("WINDOW", dict(window=0)),
        ("DIM", dict(dim=0)),
        ("WALK_LENGTH", dict(walk_length=0)),
        ("LR", dict(lr=0)),
    ):
        with pytest.raises(ValueError, match=f"^{name}:"):
            n2v.node2vec(g, **{**kw, **bad})
    with pytest.raises(ValueError, match="GRAPH"):
        n2v.node2vec(cg.HierarchicalGraph.from_edges())


def test_node2vec_cancel():
    g = _lattice(20, 20)
    with pytest.raises(Cancelled):
        n2v.node2vec(g, dim=8, cancel=lambda: True)
    calls = []

    def late():  # cancel once training has started
        calls.append(1)
        return len(calls) > 40

    t = time.perf_counter()
    with pytest.raises(Cancelled):
        n2v.node2vec(g, dim=8, epochs=50, cancel=late)
    assert time.perf_counter() - t < 5.0
