"""Polyline helpers of the simulators: sampling along a line at constant speed, densifying, distances to a line,
cumulative lengths and positions along a path."""

from __future__ import annotations

import numpy as np

__all__ = ["sample_polyline", "densify", "distance_to_polyline", "cumlen", "travel_time", "position_along"]


def sample_polyline(xy: np.ndarray, speed: float, interval: float):
    """Positions every ``interval`` seconds along a polyline driven at constant ``speed`` from its start.

    Returns (points (k, 2), elapsed seconds (k,), distance along the line (k,)); k >= 2 (the end point is
    added at ``interval`` when the line is shorter than one step).
    """
    xy = np.asarray(xy, np.float64)
    seg = np.hypot(*np.diff(xy, axis=0).T)
    ok = np.concatenate([[True], seg > 0])
    xy = xy[ok]
    cum = np.concatenate([[0.0], np.cumsum(seg[seg > 0])])
    total = cum[-1]
    step = speed * interval
    k = int(np.floor(total / step + 1e-9)) + 1
    if k < 2:
        s = np.array([0.0, total])
    else:
        s = np.arange(k) * step
    pts = np.column_stack([np.interp(s, cum, xy[:, 0]), np.interp(s, cum, xy[:, 1])])
    return pts, np.arange(len(s)) * float(interval), s


def densify(xy: np.ndarray, step: float = 10.0) -> np.ndarray:
    """The polyline with extra vertices so that consecutive vertices are at most ``step`` apart."""
    out = [xy[:1]]
    for a, b in zip(xy[:-1], xy[1:]):
        n = max(1, int(np.ceil(np.hypot(*(b - a)) / step)))
        f = np.arange(1, n + 1)[:, None] / n
        out.append(a + (b - a) * f)
    return np.concatenate(out)


def distance_to_polyline(px, py, line_xy: np.ndarray) -> np.ndarray:
    """Distance (metres) of points to a polyline (exact, vectorised over segments in chunks)."""
    p = np.column_stack([np.asarray(px, np.float64), np.asarray(py, np.float64)])
    a = line_xy[:-1]
    d = line_xy[1:] - a
    dd = np.maximum((d**2).sum(axis=1), 1e-12)
    out = np.full(p.shape[0], np.inf)
    if a.shape[0] == 0:
        return np.hypot(p[:, 0] - line_xy[0, 0], p[:, 1] - line_xy[0, 1])
    for s in range(0, p.shape[0], 256):
        q = p[s : s + 256, None, :]
        t = np.clip(((q - a) * d).sum(axis=2) / dd, 0.0, 1.0)
        proj = a + t[..., None] * d
        out[s : s + 256] = np.sqrt(((q - proj) ** 2).sum(axis=2)).min(axis=1)
    return out


def cumlen(poly: np.ndarray) -> np.ndarray:
    """Distance along the polyline at each vertex (0 at the first)."""
    return np.concatenate([[0.0], np.cumsum(np.hypot(*np.diff(poly, axis=0).T))])


def travel_time(path: np.ndarray, speed: float) -> float:
    """Seconds to drive a polyline at ``speed``."""
    return float(np.hypot(*np.diff(path, axis=0).T).sum()) / speed


def position_along(path: np.ndarray, s: np.ndarray) -> np.ndarray:
    """Points at distances ``s`` along the polyline."""
    cum = np.concatenate([[0.0], np.cumsum(np.hypot(*np.diff(path, axis=0).T))])
    return np.column_stack([np.interp(s, cum, path[:, 0]), np.interp(s, cum, path[:, 1])])
