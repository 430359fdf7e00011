"""Detours of simulated trips: leave the normal route for a stretch to pass through an off-route waypoint."""

from __future__ import annotations

import numpy as np

from .geometry import cumlen, distance_to_polyline
from .roadgraph import RoadGraph, path_from_predecessors

__all__ = ["plan_detour"]


def plan_detour(graph: RoadGraph, path: np.ndarray, weights, rng, dist_range):
    """A detour for the normal node ``path``, or None when no waypoint fits.

    Picks a spot along the route (middle 60 %, head 20 %, rear 20 % of the cases), a waypoint node at
    ``dist_range`` metres from the route near that spot, and replaces the part of the route around the spot by
    the cheapest path through the waypoint. Returns (node path, polyline, s_from, s_to) with [s_from, s_to] the
    stretch of the new polyline that is off the normal route.
    """
    poly, vidx = graph.path_polyline(path, return_index=True)
    cum = cumlen(poly)
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
    ncum = cumlen(new_poly)
    s_from = ncum[new_vidx[max(n_head - 1, 0)]]
    s_to = ncum[new_vidx[len(new) - n_tail]] if n_tail else ncum[-1]
    return new, new_poly, float(s_from), float(s_to)
