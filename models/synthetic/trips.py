"""Synthetic trajectories: vehicles driving shortest paths between origin-destination (OD) pairs on a road graph.

The sample is built to have structure that clustering and anomaly algorithms can find:

* every OD pair is one cluster (``od_id``): its origin area and destination area are small disks (radius
  ``od_radius``, 300 m by default, smaller when many pairs must fit, see :func:`~.od_layout.area_radius`) around
  *anchor* nodes, all at least three radii apart. Layout ``"compact"`` (default) spreads pair centres over the network
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

The road graph is a :class:`~.roadgraph.RoadGraph`; randomness comes from independent streams of
``numpy.random.SeedSequence(seed)`` (:mod:`.seeds`) so e.g. changing the GPS noise does not change the routes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict, List

import numpy as np

from ..core.progress import check, report, scaled
from ..core.ragged import ranges
from ..core.trajectories import Trajectories
from .detours import plan_detour
from .geometry import densify, sample_polyline
from .od_layout import area_radius, choose_anchors, choose_anchors_compact
from .roadgraph import RoadGraph, path_from_predecessors
from .seeds import DEFAULT_START_TIME, streams

__all__ = ["SimulationResult", "simulate_on_graph"]


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


def _smooth_field(xy: np.ndarray, diag: float, rng, n_waves: int = 8) -> np.ndarray:
    """A random smooth field with mean 0 and standard deviation about 1 (sum of plane waves of
    wavelengths between 15 % and 40 % of ``diag``) evaluated at the points ``xy``."""
    ang = rng.uniform(0, np.pi, n_waves)
    lam = rng.uniform(0.15, 0.4, n_waves) * max(diag, 1.0)
    phase = rng.uniform(0, 2 * np.pi, n_waves)
    k = np.column_stack([np.cos(ang), np.sin(ang)]) * (2 * np.pi / lam)[:, None]
    return np.sqrt(2.0 / n_waves) * np.cos(xy @ k.T + phase).sum(axis=1)


def _check_arguments(n_od_pairs, n_trajectories, sampling_interval, speed, gps_noise, detour_rate, speed_variation):
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


def _anchors(graph: RoadGraph, n_od_pairs: int, radius: float, layout: str, rng):
    """(origin anchors, destination anchors) of the pairs in the chosen ``layout``."""
    if layout == "compact":
        return choose_anchors_compact(graph, n_od_pairs, radius, rng)
    if layout == "crosstown":
        return choose_anchors(graph, n_od_pairs, radius, rng)
    raise ValueError(f"unknown OD layout {layout!r} (use 'compact' or 'crosstown')")


def _pair_weights(graph: RoadGraph, origins, dests, radius, diag, pair_sigma, corridor_penalty, rng) -> np.ndarray:
    """(n_pairs, n_edges) cost factors per pair: a smooth random cost field picks the pair's main corridor (anchor
    to anchor), and edges away from that corridor cost up to ``corridor_penalty`` more, so trips from nearby
    origins join it."""
    from scipy.spatial import cKDTree

    base = graph.edge_len * graph.edge_cost
    mid = np.array([g[len(g) // 2] if len(g) > 2 else 0.5 * (g[0] + g[-1]) for g in graph.edge_geom])
    pair_w = np.empty((len(origins), graph.n_edges))
    for k in range(len(origins)):
        field_w = base * np.exp(pair_sigma * _smooth_field(mid, diag, rng))
        main = graph.path_polyline(graph.shortest_path(int(origins[k]), int(dests[k]), field_w))
        dist, _ = cKDTree(densify(main, 10.0)).query(mid)
        pair_w[k] = field_w / base * (1.0 + corridor_penalty * np.minimum(dist / max(radius, 1.0), 1.0))
    return pair_w


@dataclass
class _Layout:
    """What routing a trip needs: the pairs' anchors, their node pools and cost factors, each trip's pair."""

    origins: np.ndarray
    dests: np.ndarray
    o_pool: List[np.ndarray]
    d_pool: List[np.ndarray]
    pair_w: np.ndarray
    od: np.ndarray
    radius: float


@dataclass
class _Routes:
    """The routed trips (in input order) before timing and sampling."""

    routes: List[np.ndarray] = field(default_factory=list)
    normal_routes: Dict[int, np.ndarray] = field(default_factory=dict)
    core_sets: List[np.ndarray] = field(default_factory=list)
    stretches: list = field(default_factory=list)
    lengths: List[float] = field(default_factory=list)
    has_detour: List[bool] = field(default_factory=list)
    n_failed: int = 0


def _route_trips(graph: RoadGraph, lay: _Layout, trip_sigma, det_idx, det_range, r_rt, r_det, prog, cancel) -> _Routes:
    """Route every trip from a node of its origin area to one of its destination area (with a detour for the
    trips in ``det_idx`` where one fits)."""
    n = lay.od.size
    xy = graph.node_xy
    base = graph.edge_len * graph.edge_cost
    out = _Routes()
    step = max(1, n // 50)
    for i in range(n):
        if i % step == 0:
            check(cancel)
            report(prog, 100.0 * i / n)
        k = int(lay.od[i])
        o = int(lay.o_pool[k][r_rt.integers(lay.o_pool[k].size)])
        d = int(lay.d_pool[k][r_rt.integers(lay.d_pool[k].size)])
        w = base * lay.pair_w[k] * np.exp(r_rt.normal(0.0, trip_sigma, graph.n_edges))
        _, pred = graph.dijkstra(o, w)
        path = path_from_predecessors(pred, o, d)
        poly = graph.path_polyline(path)
        # route variant: the corridor away from the origin/destination areas
        dense = densify(poly, 20.0)
        out.core_sets.append(
            dense[
                (np.hypot(*(dense - xy[lay.origins[k]]).T) > 2 * lay.radius)
                & (np.hypot(*(dense - xy[lay.dests[k]]).T) > 2 * lay.radius)
            ]
        )
        stretch, det = None, False
        if i in det_idx:
            plan = plan_detour(graph, path, w, r_det, det_range)
            if plan is None:
                out.n_failed += 1
            else:
                out.normal_routes[i] = poly
                path, poly, s0, s1 = plan
                stretch, det = (s0, s1), True
        out.routes.append(poly)
        out.stretches.append(stretch)
        out.lengths.append(float(np.hypot(*np.diff(poly, axis=0).T).sum()))
        out.has_detour.append(det)
    return out


def _schedule(lengths, speeds, trips_per_vehicle, start_time, time_window, rng):
    """(vehicle of each trip, start time of each trip): vehicles make trips one after the other."""
    n = lengths.size
    n_veh = max(1, int(np.ceil(n / max(1, trips_per_vehicle))))
    veh = rng.permutation(np.arange(n) % n_veh)
    starts = np.zeros(n, dtype=np.int64)
    first_start = rng.uniform(0.0, time_window, n_veh)
    clock = start_time + first_start
    for i in range(n):  # in index order: each vehicle's trips follow each other
        v = veh[i]
        starts[i] = int(round(clock[v]))
        duration = lengths[i] / speeds[i]
        clock[v] = starts[i] + duration + rng.uniform(300.0, 3600.0)
    return veh, starts


def _sample_trips(routes, speeds, starts, stretches, sampling_interval):
    """(points per trip, true x, true y, times, detour flag per point) of the trips sampled every
    ``sampling_interval`` seconds."""
    xs, ys, ts, flags = [], [], [], []
    for i in range(len(routes)):
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
    return lens, np.concatenate(xs), np.concatenate(ys), np.concatenate(ts), np.concatenate(flags)


def _messages(graph: RoadGraph, n_failed: int, lo_d: float, hi_d: float) -> List[str]:
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
    return msgs


def _detour_range(detour_distance, diag: float):
    """(min, max) waypoint distance of detours: at most 15 % of the network's diagonal."""
    lo_d, hi_d = detour_distance
    hi_d = min(hi_d, 0.15 * diag)
    return min(lo_d, 0.5 * hi_d), hi_d


def _layout(graph, n_od_pairs, n_trajectories, od_radius, layout, diag, pair_sigma, corridor_penalty, r_lay, r_rt):
    """The OD layout: area radius, anchors, node pools, the pair of each trip and the pairs' cost factors (per
    pair: the corridor cost factors; per trip, later: small independent noise per edge)."""
    radius = area_radius(graph, n_od_pairs, od_radius, layout)
    origins, dests = _anchors(graph, n_od_pairs, radius, layout, r_lay)
    od = r_lay.permutation(np.arange(n_trajectories) % n_od_pairs)
    pair_w = _pair_weights(graph, origins, dests, radius, diag, pair_sigma, corridor_penalty, r_rt)
    pools = (_node_pools(graph, origins, radius), _node_pools(graph, dests, radius))
    return _Layout(origins, dests, pools[0], pools[1], pair_w, od, radius)


def _by_start(starts: np.ndarray, lens: np.ndarray):
    """(trip order by start time, their point counts in that order, the point index of that order, its offsets)."""
    order = np.argsort(starts, kind="stable")
    lens_o = lens[order]
    pidx = ranges((np.cumsum(lens) - lens)[order], lens_o)
    new_off = np.zeros(lens.size + 1, dtype=np.int64)
    np.cumsum(lens_o, out=new_off[1:])
    return order, lens_o, pidx, new_off


def _node_pools(graph: RoadGraph, anchors, radius: float) -> List[np.ndarray]:
    """The nodes within ``radius`` of each anchor node."""
    xy = graph.node_xy
    return [np.flatnonzero(np.hypot(xy[:, 0] - xy[a, 0], xy[:, 1] - xy[a, 1]) <= radius) for a in anchors]


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
    _check_arguments(n_od_pairs, n_trajectories, sampling_interval, speed, gps_noise, detour_rate, speed_variation)
    _, r_lay, r_rt, r_det, r_tim, r_noise = streams(seed)
    xmin, ymin, xmax, ymax = graph.bounds
    diag = float(np.hypot(xmax - xmin, ymax - ymin))
    lay = _layout(graph, n_od_pairs, n_trajectories, od_radius, layout, diag, pair_sigma, corridor_penalty, r_lay, r_rt)
    origins, dests, od, radius = lay.origins, lay.dests, lay.od, lay.radius
    n_det = int(round(detour_rate * n_trajectories))
    det_idx = set(r_det.choice(n_trajectories, n_det, replace=False).tolist()) if n_det else set()
    lo_d, hi_d = _detour_range(detour_distance, diag)
    speeds = speed * r_tim.uniform(1 - speed_variation, 1 + speed_variation, n_trajectories)

    prog = scaled(progress, 0, 90)
    rt = _route_trips(graph, lay, trip_sigma, det_idx, (lo_d, hi_d), r_rt, r_det, prog, cancel)
    lengths = np.asarray(rt.lengths, dtype=np.float64)
    # route variants are computed on normal routes (a detour keeps the variant of its corridor)
    route_id = _route_variants(rt.core_sets, od, radius)
    report(prog, 100.0)
    veh, starts = _schedule(lengths, speeds, trips_per_vehicle, start_time, time_window, r_tim)
    lens, x_true, y_true, t, is_anom = _sample_trips(rt.routes, speeds, starts, rt.stretches, sampling_interval)
    noise = r_noise.normal(0.0, 1.0, (x_true.size, 2)) * gps_noise
    x, y = x_true + noise[:, 0], y_true + noise[:, 1]
    # order trajectories by start time; ids 0..n-1 in that order
    order, lens_o, pidx, new_off = _by_start(starts, lens)
    per_trip = {"od_id": od.astype(np.int64), "route_id": route_id, "vehicle_id": veh.astype(np.int64), "speed": speeds}
    attrs = {k: np.repeat(np.asarray(v)[order], lens_o) for k, v in per_trip.items()}
    attrs["is_anomaly"] = is_anom[pidx]
    attrs["anomaly_type"] = np.where(is_anom[pidx] == 1, "detour", "").astype(object)
    ids = np.arange(n_trajectories, dtype=np.int64)
    trajs = Trajectories(ids=ids, offsets=new_off, x=x[pidx], y=y[pidx], t=t[pidx], attrs=attrs, crs=graph.crs)
    rank = np.empty(n_trajectories, dtype=np.int64)
    rank[order] = np.arange(n_trajectories)
    report(progress, 100.0)
    return SimulationResult(
        trajs=trajs,
        od_id=od[order].astype(np.int64),
        route_id=route_id[order],
        vehicle_id=veh[order].astype(np.int64),
        speed=speeds[order],
        has_detour=np.asarray(rt.has_detour, dtype=bool)[order],
        start_time=starts[order],
        route_length=lengths[order],
        x_true=x_true[pidx],
        y_true=y_true[pidx],
        routes=[rt.routes[i] for i in order],
        normal_routes={int(rank[i]): r for i, r in rt.normal_routes.items()},
        od_origin_xy=graph.node_xy[origins].copy(),
        od_dest_xy=graph.node_xy[dests].copy(),
        od_radius=radius,
        graph=graph,
        metric_crs=graph.crs,
        road_lines=list(graph.lines),
        road_kind=np.asarray(graph.line_kind, dtype=object),
        messages=_messages(graph, rt.n_failed, lo_d, hi_d),
    )
