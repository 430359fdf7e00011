"""A LYMob-4Cities-style table (uid, d, t, x, y on a grid of 500 m cells, 48 half-hour slots, 999 = masked) from
commuting users on a synthetic street grid."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..core.progress import check, report
from .geometry import position_along, travel_time
from .roadgraph import RoadGraph, path_from_predecessors
from .seeds import streams
from .streets import GRID_COST_FACTORS, grid_lines

__all__ = ["LymobSample", "simulate_lymob"]

_SLOT_S = 1800.0


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


def _places(graph: RoadGraph, side: float, n_users: int, rng):
    """(home, work, leisure) points (n_users, 2) and their nearest graph nodes: homes around the centre, work
    places around one of three business centres, leisure places near home."""
    from scipy.spatial import cKDTree

    tree = cKDTree(graph.node_xy)
    centre = np.array([side / 2, side / 2])
    cbd = centre + rng.normal(0, 0.08 * side, (3, 2))
    home_p = np.clip(centre + rng.normal(0, 0.15 * side, (n_users, 2)), 0, side - 1)
    work_p = np.clip(cbd[rng.integers(3, size=n_users)] + rng.normal(0, 0.03 * side, (n_users, 2)), 0, side - 1)
    leis_p = np.clip(home_p + rng.normal(0, 0.04 * side, (n_users, 2)), 0, side - 1)
    return (home_p, work_p, leis_p), tuple(tree.query(p)[1] for p in (home_p, work_p, leis_p))


def _day_trips(d: int, hw, hl, home, work, leis, speed: float, rng) -> list:
    """(start time of day, path, destination) of one user's trips on day ``d``: home -> work -> home on weekdays
    (sometimes an evening leisure trip), sometimes a leisure trip on weekends."""
    trips = []
    if d % 7 < 5:
        trips.append((rng.normal(8 * 3600, 2700), hw, work))
        back = rng.normal(18 * 3600, 3600)
        trips.append((back, hw[::-1], home))
        if rng.random() < 0.3:
            t0 = back + travel_time(hw, speed) + rng.uniform(1800, 7200)
            trips.append((t0, hl, leis))
            trips.append((t0 + travel_time(hl, speed) + rng.uniform(3600, 7200), hl[::-1], home))
    elif rng.random() < 0.6:
        t0 = rng.uniform(10 * 3600, 16 * 3600)
        trips.append((t0, hl, leis))
        trips.append((t0 + travel_time(hl, speed) + rng.uniform(3600, 3 * 3600), hl[::-1], home))
    return trips


def _positions(trips: list, tau: np.ndarray, home: np.ndarray, speed: float) -> np.ndarray:
    """Where the user is at the times of day ``tau``: at home, on a trip's path, or at its destination after it."""
    pos = np.repeat(home[None, :], tau.size, axis=0)
    for t0, path, dest in trips:
        dur = travel_time(path, speed)
        during = (tau >= t0) & (tau < t0 + dur)
        after = tau >= t0 + dur
        if during.any():
            pos[during] = position_along(path, (tau[during] - t0) * speed)
        pos[after] = dest
    return pos


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
    _, r_lay, r_rt, _, r_tim, r_noise = streams(seed)
    side = grid_size * cell_size
    lines, kinds = grid_lines(0.0, 0.0, side, side, road_spacing, seed)
    graph = RoadGraph.from_lines(lines, kinds=kinds, cost_factors=GRID_COST_FACTORS)
    (home_p, work_p, leis_p), (home_n, work_n, leis_n) = _places(graph, side, n_users, r_lay)

    def cell(p):
        return np.clip(np.floor(np.asarray(p) / cell_size).astype(np.int64) + 1, 1, grid_size)

    rows = []
    n_mask = int(round(mask_users * n_users))
    for u in range(n_users):
        check(cancel)
        report(progress, 100.0 * u / n_users)
        w = graph.edge_len * graph.edge_cost * np.exp(r_rt.normal(0, 0.1, graph.n_edges))
        _, pred = graph.dijkstra(int(home_n[u]), w)
        hw = graph.path_polyline(path_from_predecessors(pred, int(home_n[u]), int(work_n[u])))
        hl = graph.path_polyline(path_from_predecessors(pred, int(home_n[u]), int(leis_n[u])))
        for d in range(n_days):
            # timeline of (t_start, path, place) segments: stays are fixed places, moves follow paths
            trips = _day_trips(d, hw, hl, home_p[u], work_p[u], leis_p[u], speed, r_tim)
            obs = np.flatnonzero(r_noise.random(48) < p_observe)
            if obs.size == 0:
                continue
            tau = (obs + r_noise.random(obs.size)) * _SLOT_S
            pos = _positions(trips, tau, home_p[u], speed)
            c = cell(pos + r_noise.normal(0, 0.1 * cell_size, pos.shape))
            if u >= n_users - n_mask and d >= n_days - mask_days:
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
