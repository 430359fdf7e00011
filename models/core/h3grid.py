"""Thin vectorised helpers over the h3 (v4) package: points -> cells, cells -> centres/boundaries/paths.

Cells are handled as uint64 integers (h3.api.basic_int); :func:`to_str` gives the usual hex strings.
"""

from __future__ import annotations

from itertools import repeat

import numpy as np


def _h3():
    import h3.api.basic_int as h3i

    return h3i


def check_resolution(res: int) -> int:
    res = int(res)
    if not 0 <= res <= 15:
        raise ValueError(f"H3 resolution must be between 0 and 15, got {res}")
    return res


def cells(lon, lat, res: int) -> np.ndarray:
    """H3 cell (uint64) of every WGS 84 point; 0 for a non-finite coordinate. A point equal to the previous one
    (a parked vehicle) reuses its cell instead of asking h3 again."""
    h3i = _h3()
    res = check_resolution(res)
    lon = np.asarray(lon, np.float64)
    lat = np.asarray(lat, np.float64)
    ok = np.isfinite(lon) & np.isfinite(lat) & (np.abs(lat) <= 90)
    out = np.zeros(lon.shape[0], dtype=np.uint64)
    idx = np.flatnonzero(ok)
    if idx.size == 0:
        return out
    lo, la = lon[idx], lat[idx]
    new = np.ones(idx.size, bool)
    new[1:] = (lo[1:] != lo[:-1]) | (la[1:] != la[:-1])
    k = int(new.sum())
    vals = np.fromiter(map(h3i.latlng_to_cell, la[new].tolist(), lo[new].tolist(), repeat(res)), np.uint64, count=k)
    out[idx] = vals[np.cumsum(new) - 1]
    return out


def to_str(cells_u64) -> list:
    h3i = _h3()
    return [h3i.int_to_str(int(c)) for c in np.asarray(cells_u64, dtype=np.uint64)]


def from_str(strings) -> np.ndarray:
    h3i = _h3()
    return np.array([h3i.str_to_int(s) for s in strings], dtype=np.uint64)


def centers(cells_u64):
    """(lon, lat) arrays of the cell centres."""
    h3i = _h3()
    ll = np.array(
        [h3i.cell_to_latlng(int(c)) for c in np.asarray(cells_u64, dtype=np.uint64)], dtype=np.float64
    ).reshape(-1, 2)
    return ll[:, 1], ll[:, 0]


def boundary_lonlat(cell) -> list:
    """Closed ring of (lon, lat) vertices of one cell."""
    ring = [(lng, lat) for lat, lng in _h3().cell_to_boundary(int(cell))]
    return ring + ring[:1]


def boundaries(cells_u64):
    """Closed rings of many cells at once: (vertex count per ring, lon, lat flat arrays), the first vertex of each
    ring repeated at its end (hexagons 7 vertices, pentagons 6, more where a cell crosses an icosahedron edge)."""
    from itertools import chain

    f = _h3().cell_to_boundary
    rings = [b + b[:1] for b in map(f, np.asarray(cells_u64, np.uint64).tolist())]
    lens = np.fromiter(map(len, rings), np.int64, count=len(rings))
    flat = np.fromiter(chain.from_iterable(chain.from_iterable(rings)), np.float64, count=2 * int(lens.sum()))
    return lens, flat[1::2], flat[0::2]


def grid_distance(a, b) -> int:
    """Number of H3 steps between two cells (-1 when h3 cannot compute it, e.g. across pentagons or far apart)."""
    try:
        return int(_h3().grid_distance(int(a), int(b)))
    except Exception:  # h3 raises its own error types for these cases
        return -1


def path(a, b) -> list:
    """Cells from a to b inclusive along the H3 grid line; [a, b] when h3 cannot compute one."""
    try:
        return [int(c) for c in _h3().grid_path_cells(int(a), int(b))]
    except Exception:
        return [int(a), int(b)]


def neighbours(cell, k: int = 1) -> list:
    """Cells within k steps (the cell itself included)."""
    return [int(c) for c in _h3().grid_disk(int(cell), int(k))]


def edge_length_km(res: int) -> float:
    """Average edge length (km) of the H3 hexagons at a resolution."""
    return float(_h3().average_hexagon_edge_length(check_resolution(res), unit="km"))


def resolution_for_steps(median_cells: float, resolution: int, target: float = 2.0) -> int:
    """The finest resolution at which steps that span ``median_cells`` cells at ``resolution`` would span about
    ``target`` cells (each coarser resolution has cells about sqrt(7) times as wide); ``resolution`` itself when
    they already do."""
    if not median_cells > target:
        return int(resolution)
    coarser = int(np.ceil(np.log(median_cells / target) / np.log(np.sqrt(7.0))))
    return max(0, int(resolution) - coarser)
