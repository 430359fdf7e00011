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
    """H3 cell (uint64) of every WGS 84 point; 0 for a non-finite coordinate."""
    h3i = _h3()
    res = check_resolution(res)
    lon = np.asarray(lon, np.float64)
    lat = np.asarray(lat, np.float64)
    ok = np.isfinite(lon) & np.isfinite(lat) & (np.abs(lat) <= 90)
    out = np.zeros(lon.shape[0], dtype=np.uint64)
    f = h3i.latlng_to_cell
    if ok.all():
        out[:] = np.fromiter(map(f, lat.tolist(), lon.tolist(), repeat(res)), dtype=np.uint64, count=lat.size)
    else:
        out[ok] = np.fromiter(
            map(f, lat[ok].tolist(), lon[ok].tolist(), repeat(res)), dtype=np.uint64, count=int(ok.sum())
        )
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
