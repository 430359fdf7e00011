"""Simulated trajectories with CRS handling: OD trips (:mod:`.trips`) on a synthetic street grid
(:mod:`.streets`) or on given road lines, reprojected to the output CRS.

Only numpy and scipy are used (pyproj through :mod:`models.core.crs` for reprojection). The other simulators:
:func:`~.lymob.simulate_lymob` (a LYMob-style table of commuting users) and :func:`~.groups.simulate_groups`
(group streams for evolutionary clustering).
"""

from __future__ import annotations

from typing import Optional, Sequence

import numpy as np

from ..core.progress import check, report, scaled
from .roadgraph import RoadGraph
from .streets import GRID_COST_FACTORS, grid_lines
from .trips import SimulationResult, simulate_on_graph

__all__ = ["simulate_trajectories", "default_extent", "DEFAULT_CENTER", "DEFAULT_SIZE_M"]

#: Porto centre (lon, lat) and the side of the default square extent (metres)
DEFAULT_CENTER = (-8.61, 41.15)
DEFAULT_SIZE_M = 6000.0


def default_extent():
    """(xmin, ymin, xmax, ymax) in EPSG:4326 of the ~6 km x 6 km box around Porto centre."""
    from ..core.crs import transform_xy, utm_crs_for

    utm = utm_crs_for([DEFAULT_CENTER[0]], [DEFAULT_CENTER[1]])
    cx, cy = transform_xy([DEFAULT_CENTER[0]], [DEFAULT_CENTER[1]], "EPSG:4326", utm)
    h = DEFAULT_SIZE_M / 2
    lon, lat = transform_xy(cx[0] + np.array([-h, h, h, -h]), cy[0] + np.array([-h, -h, h, h]), utm, "EPSG:4326")
    return float(lon.min()), float(lat.min()), float(lon.max()), float(lat.max())


def _box_points(ext, n=9):
    xmin, ymin, xmax, ymax = ext
    s = np.linspace(0, 1, n)
    bx = np.concatenate([xmin + (xmax - xmin) * s, np.full(n, xmax), xmin + (xmax - xmin) * s, np.full(n, xmin)])
    by = np.concatenate([np.full(n, ymin), ymin + (ymax - ymin) * s, np.full(n, ymax), ymin + (ymax - ymin) * s])
    return bx, by


def _clip_lines(lines, ext):
    xmin, ymin, xmax, ymax = ext
    out, idx = [], []
    for k, a in enumerate(lines):
        inside = (a[:, 0] >= xmin) & (a[:, 0] <= xmax) & (a[:, 1] >= ymin) & (a[:, 1] <= ymax)
        if inside.all():
            out.append(a)
            idx.append(k)
            continue
        if not inside.any():
            continue
        edges = np.flatnonzero(np.diff(np.concatenate([[0], inside.view(np.int8), [0]])))
        for s, e in zip(edges[0::2], edges[1::2]):
            if e - s >= 2:
                out.append(a[s:e])
                idx.append(k)
    return out, idx


def simulate_trajectories(
    road_lines: Optional[Sequence[np.ndarray]] = None,
    roads_crs: str = "EPSG:4326",
    extent=None,
    extent_crs: str = "EPSG:4326",
    crs: str = "EPSG:4326",
    grid_spacing: float = 200.0,
    metric_crs: Optional[str] = None,
    seed: int = 42,
    progress=None,
    cancel=None,
    **kwargs,
) -> SimulationResult:
    """Simulate on a synthetic grid (``road_lines`` None) or on road lines, with the output in ``crs``.

    ``extent`` (xmin, ymin, xmax, ymax) in ``extent_crs``: the grid's box (default :func:`default_extent`), or a
    clip box for the road lines (default: no clip). Work happens in ``metric_crs`` (default: the UTM zone of
    the data). Other keyword arguments go to :func:`simulate_on_graph`. The trajectories, ``road_lines`` and
    ``od_*`` areas are returned in ``crs``; ``x_true``/``y_true``/``routes`` stay in ``metric_crs``.
    """
    from ..core.crs import is_geographic, transform_lines, transform_xy, utm_crs_for

    def lonlat_of(x, y, src):
        return (np.asarray(x), np.asarray(y)) if src == "EPSG:4326" else transform_xy(x, y, src, "EPSG:4326")

    if road_lines is None:
        ext = default_extent() if extent is None else tuple(float(v) for v in extent)
        src = "EPSG:4326" if extent is None else extent_crs
        if not (ext[2] > ext[0] and ext[3] > ext[1]):
            raise ValueError("EXTENT: the extent is empty (xmax must exceed xmin and ymax exceed ymin)")
        bx, by = _box_points(ext)
        if metric_crs is None:
            lon, lat = lonlat_of(bx, by, src)
            metric_crs = utm_crs_for([lon.mean()], [lat.mean()])
        mx, my = transform_xy(bx, by, src, metric_crs)
        if not (np.all(np.isfinite(mx)) and np.all(np.isfinite(my))):
            raise ValueError("EXTENT: the extent cannot be projected to a metric CRS")
        lines, kinds = grid_lines(mx.min(), my.min(), mx.max(), my.max(), grid_spacing, seed)
        report(progress, 2)
        graph = RoadGraph.from_lines(lines, crs=metric_crs, kinds=kinds, cost_factors=GRID_COST_FACTORS)
    else:
        lines = [np.asarray(a, np.float64).reshape(-1, 2) for a in road_lines]
        lines = [a for a in lines if a.shape[0] >= 2]
        if not lines:
            raise ValueError("ROAD_NETWORK: the road layer has no line with at least two vertices")
        allxy = np.concatenate(lines)
        if metric_crs is None:
            if is_geographic(roads_crs) or not roads_crs:
                lon, lat = allxy[:, 0], allxy[:, 1]
            else:
                lon, lat = lonlat_of(allxy[:, 0], allxy[:, 1], roads_crs)
            metric_crs = utm_crs_for(lon, lat)
        lines = transform_lines(lines, roads_crs, metric_crs)
        if extent is not None:
            bx, by = _box_points(tuple(float(v) for v in extent))
            ex, ey = transform_xy(bx, by, extent_crs, metric_crs)
            lines, _ = _clip_lines(lines, (ex.min(), ey.min(), ex.max(), ey.max()))
            if not lines:
                raise ValueError("EXTENT: no road of the road network lies inside the extent")
        report(progress, 2)
        try:
            graph = RoadGraph.from_lines(lines, crs=metric_crs)
        except ValueError as e:
            raise ValueError(f"ROAD_NETWORK: {e}") from None
    check(cancel)
    res = simulate_on_graph(graph, seed=seed, progress=scaled(progress, 5, 95), cancel=cancel, **kwargs)
    if crs and crs != metric_crs:
        res.trajs = res.trajs.to_crs(crs)
        res.road_lines = transform_lines(graph.lines, metric_crs, crs)
        ox, oy = transform_xy(res.od_origin_xy[:, 0], res.od_origin_xy[:, 1], metric_crs, crs)
        dx, dy = transform_xy(res.od_dest_xy[:, 0], res.od_dest_xy[:, 1], metric_crs, crs)
        res.od_origin_xy, res.od_dest_xy = np.column_stack([ox, oy]), np.column_stack([dx, dy])
    report(progress, 100)
    return res
