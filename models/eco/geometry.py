"""Geometry of ECO's smoothing: neighbour pairs within a radius (scipy's cKDTree), the speed disk of an object
(Formula 13), keeping the distance to the pivot on the disk (Formula 12) and the move towards the pivot (Formulas
9-10)."""

from __future__ import annotations

import numpy as np


def neighbour_pairs(x: np.ndarray, y: np.ndarray, radius: float):
    """All unordered pairs (i < j) within ``radius`` metres and their distances."""
    from scipy.spatial import cKDTree

    if x.size < 2 or radius <= 0:
        e = np.zeros(0, np.int64)
        return e, e, np.zeros(0)
    pts = np.column_stack([x, y])
    bad = ~(np.abs(pts) < 1e8).all(axis=1)  # inf/NaN or beyond the Earth: scipy's tree fails with "p too large"
    if bad.any():
        raise ValueError(
            f"{int(bad.sum())} location(s) are not finite metric coordinates (GPS fixes far outside the data's bulk, "
            "such as 0,0, projected to a UTM zone); filter them out of the input"
        )
    pairs = cKDTree(pts).query_pairs(radius, output_type="ndarray")
    i, j = pairs[:, 0].astype(np.int64), pairs[:, 1].astype(np.int64)
    d = np.hypot(x[i] - x[j], y[i] - y[j])
    return i, j, d


def speed_project(px, py, cx, cy, r):
    """Formula 13: the point of the disk (c, r) closest to p (p itself when inside)."""
    dx, dy = px - cx, py - cy
    d = np.hypot(dx, dy)
    scale = np.where(d > r, r / np.maximum(d, 1e-12), 1.0)
    return cx + dx * scale, cy + dy * scale


def _keep_distance_in_disk(px, py, sx, sy, cx, cy, r):
    """Formula 12: for p outside the disk (c, r), the disk point whose distance to s is closest to |p − s|
    (among those, the one closest to p); points already inside the disk are returned unchanged."""
    R = np.hypot(px - sx, py - sy)
    d0 = np.hypot(cx - sx, cy - sy)
    outside = np.hypot(px - cx, py - cy) > r
    ox, oy = px.copy(), py.copy()
    if not outside.any():
        return ox, oy
    px, py, sx, sy, cx, cy, r, R, d0 = (a[outside] for a in (px, py, sx, sy, cx, cy, r, R, d0))
    ux, uy = (cx - sx) / np.maximum(d0, 1e-12), (cy - sy) / np.maximum(d0, 1e-12)
    # default: R outside the reachable range -> nearest point (R too small) or farthest point (R too large)
    near = R < d0 - r
    qx = np.where(near, cx - ux * r, cx + ux * r)
    qy = np.where(near, cy - uy * r, cy + uy * r)
    # the circle (s, R) crosses the disk boundary: circle-circle intersection, the crossing closest to p
    cross = (~near) & (R <= d0 + r) & (d0 > 1e-9)
    a = (R**2 - r**2 + d0**2) / (2 * np.maximum(d0, 1e-12))
    h = np.sqrt(np.maximum(R**2 - a**2, 0.0))
    bx, by = sx + ux * a, sy + uy * a
    x1, y1 = bx - uy * h, by + ux * h
    x2, y2 = bx + uy * h, by - ux * h
    first = np.hypot(x1 - px, y1 - py) <= np.hypot(x2 - px, y2 - py)
    qx = np.where(cross, np.where(first, x1, x2), qx)
    qy = np.where(cross, np.where(first, y1, y2), qy)
    # degenerate: s at the disk centre -> plain projection
    deg = d0 <= 1e-9
    if deg.any():
        gx, gy = speed_project(px, py, cx, cy, r)
        qx, qy = np.where(deg, gx, qx), np.where(deg, gy, qy)
    ox[outside], oy[outside] = qx, qy
    return ox, oy


def _adjust_towards(px, py, sx, sy, cx, cy, r, delta, alpha):
    """Formulas 9-10 for members further than ``delta`` from the pivot s: (adjusted x, y, cost f_k)."""
    D = np.hypot(px - sx, py - sy)
    ux, uy = (px - sx) / np.maximum(D, 1e-12), (py - sy) / np.maximum(D, 1e-12)
    lam2 = D / delta
    lam1 = (np.hypot(sx - cx, sy - cy) - r) / delta
    lo = np.maximum(1.0, np.ceil(lam1 - 1e-9))
    hi = np.floor(lam2 + 1e-9)

    def cost(b):
        return (D - b * delta) ** 2 + alpha * (delta * (b - 1)) ** 2

    # convex in b: the best integer is the clipped floor or ceil of the unconstrained minimiser
    bstar = (lam2 + alpha) / (1 + alpha)
    has_int = lo <= hi
    b1 = np.clip(np.floor(bstar), lo, np.maximum(lo, hi))
    b2 = np.clip(np.ceil(bstar), lo, np.maximum(lo, hi))
    bint = np.where(cost(b1) <= cost(b2), b1, b2)
    # staying (b = λ2) costs the true Formula 8 historical term ⌈λ2⌉ − 1, not the λ2 − 1 of Formula 9's shorthand
    # (they agree for integer b, which is what Formula 9 was derived for)
    stay = alpha * (delta * (np.ceil(lam2 - 1e-9) - 1)) ** 2
    bopt = np.where(has_int & (cost(bint) < stay), bint, lam2)
    # Formula 10: points s + u·x lie in the speed disk for x in [x1, x2]; o itself (x = D) is inside
    wx, wy = sx - cx, sy - cy
    pb = ux * wx + uy * wy
    disc = pb**2 - (wx**2 + wy**2 - r**2)
    xmin = -pb - np.sqrt(np.maximum(disc, 0.0))
    bmin = xmin / delta
    infeasible = bopt < bmin - 1e-9
    if infeasible.any():
        first_int = np.maximum(lo, np.ceil(bmin - 1e-9))
        alt = np.where(first_int <= hi, first_int, lam2)
        bopt = np.where(infeasible, alt, bopt)
    dist = bopt * delta
    ax, ay = sx + ux * dist, sy + uy * dist
    f = (D - dist) ** 2 + alpha * (delta * (np.ceil(bopt - 1e-9) - 1)) ** 2
    return ax, ay, f
