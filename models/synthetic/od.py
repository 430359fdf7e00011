"""Origin-destination (OD) pairs of trajectories on the H3 grid (the CroTad convention).

CroTad (Xue et al., section 5.1.1) evaluates on "frequently used OD pairs (based on H3 cells)": a trajectory's
origin is the H3 cell of its first point, its destination the cell of its last point, and an OD pair is kept when
enough trips share it. :func:`assign_od` does exactly that and numbers the kept pairs by descending support.

Pure numpy + h3 (through :mod:`models.h3grid`); no qgis.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from ..core import h3grid
from ..core.progress import check, report
from ..core.trajectories import Trajectories, to_wgs84

__all__ = ["OdAssignment", "assign_od", "endpoint_cells", "match_pairs"]


class OdAssignment(NamedTuple):
    """Result of :func:`assign_od`, one entry per trajectory (``pairs`` one row per kept pair)."""

    od_id: np.ndarray  # (n,) int64, 0..n_pairs-1, -1 when the pair has fewer than min_trips trips
    origin: np.ndarray  # (n,) uint64 H3 cell of the first point
    dest: np.ndarray  # (n,) uint64 H3 cell of the last point
    support: np.ndarray  # (n,) int64 number of trajectories sharing this trajectory's (origin, dest) pair
    pairs: np.ndarray  # (n_pairs, 3) uint64 rows (origin, dest, support) in od_id order

    @property
    def n_pairs(self) -> int:
        return int(self.pairs.shape[0])

    def keys(self) -> list:
        """OD key of every trajectory: str(od_id), None for a trajectory of a rarer pair."""
        return [None if v < 0 else str(int(v)) for v in self.od_id]

    def pair_table(self) -> list:
        """[[origin H3 string, destination H3 string, key], ...] of the kept pairs (what a model stores to find
        them again with :func:`match_pairs`)."""
        o, d = h3grid.to_str(self.pairs[:, 0]), h3grid.to_str(self.pairs[:, 1])
        return [[a, b, str(k)] for k, (a, b) in enumerate(zip(o, d))]


def endpoint_cells(trajs_wgs84: Trajectories, resolution: int):
    """(origin, dest) uint64 H3 cells of the first and last point of every trajectory."""
    res = h3grid.check_resolution(resolution)
    if len(trajs_wgs84) == 0:
        return np.zeros(0, np.uint64), np.zeros(0, np.uint64)
    first = trajs_wgs84.offsets[:-1]
    last = trajs_wgs84.offsets[1:] - 1
    idx = np.concatenate([first, last])
    c = h3grid.cells(trajs_wgs84.x[idx], trajs_wgs84.y[idx], res)
    n = len(trajs_wgs84)
    return c[:n], c[n:]


def assign_od(
    trajs: Trajectories, resolution: int = 8, min_trips: int = 20, progress=None, cancel=None
) -> OdAssignment:
    """OD pair of every trajectory: origin/destination H3 cells and an id for pairs with >= ``min_trips`` trips.

    ``trajs`` may be in any CRS (reprojected to WGS 84 here). Ids are 0, 1, ... in order of descending support,
    ties broken by ascending (origin, destination) cell ids; trajectories of rarer pairs get -1.
    Raises ValueError for a resolution outside 0..15 or ``min_trips`` < 1.
    """
    try:
        res = h3grid.check_resolution(resolution)
    except (TypeError, ValueError):
        raise ValueError(f"RESOLUTION: H3 resolution must be an integer between 0 and 15, got {resolution!r}")
    if int(min_trips) < 1:
        raise ValueError(f"MIN_TRIPS: the minimum number of trips per OD pair must be at least 1, got {min_trips}")
    check(cancel)
    ll = to_wgs84(trajs)
    report(progress, 10)
    origin, dest = endpoint_cells(ll, res)
    check(cancel)
    report(progress, 80)
    n = origin.shape[0]
    if n == 0:
        z = np.zeros(0, np.int64)
        return OdAssignment(z, origin, dest, z.copy(), np.zeros((0, 3), np.uint64))
    keys = np.column_stack([origin, dest])
    uniq, inv, counts = np.unique(keys, axis=0, return_inverse=True, return_counts=True)
    inv = inv.reshape(-1)
    support = counts[inv].astype(np.int64)
    # np.unique sorted the pairs by (origin, dest): a stable sort by descending count keeps that as tie-break
    order = np.argsort(-counts, kind="stable")
    kept = order[counts[order] >= int(min_trips)]
    id_of_pair = np.full(uniq.shape[0], -1, dtype=np.int64)
    id_of_pair[kept] = np.arange(kept.size, dtype=np.int64)
    od_id = id_of_pair[inv]
    pairs = np.column_stack([uniq[kept, 0], uniq[kept, 1], counts[kept].astype(np.uint64)]).astype(np.uint64)
    report(progress, 100)
    return OdAssignment(od_id, origin, dest, support, pairs.reshape(-1, 3))


def match_pairs(trajs_wgs84: Trajectories, resolution: int, table) -> list:
    """OD key of every trajectory whose (origin, destination) cells at ``resolution`` are a row of ``table``
    (:meth:`OdAssignment.pair_table`), else None."""
    origin, dest = endpoint_cells(trajs_wgs84, resolution)
    lookup = {(a, b): str(k) for a, b, k in table}
    return [lookup.get(pair) for pair in zip(h3grid.to_str(origin), h3grid.to_str(dest))]
