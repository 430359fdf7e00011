"""Pure geometry of the scatter plot (numpy only): mapping between widget pixels and data coordinates, nice axis
ticks and their labels, and which points fall in a box or a polygon.

A *rect* in these helpers is ``(left, top, width, height)`` in pixels; *bounds* are ``(xmin, xmax, ymin, ymax)`` in
data units; pixel y grows downwards, data y upwards.
"""

from __future__ import annotations

import math

import numpy as np


def data_bounds(x, y, margin: float = 0.05):
    """(xmin, xmax, ymin, ymax) of the finite (x, y) pairs, widened by ``margin`` of the span on each side.

    A zero span (one point, or all equal) becomes a unit-wide window around the value; no finite pair gives
    (0, 1, 0, 1)."""
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    ok = np.isfinite(x) & np.isfinite(y)
    if not ok.any():
        return (0.0, 1.0, 0.0, 1.0)
    out = []
    for v in (x[ok], y[ok]):
        lo, hi = float(v.min()), float(v.max())
        span = hi - lo
        if span <= 0 or not math.isfinite(span):
            half = max(abs(lo) * 0.05, 0.5)
            lo, hi = lo - half, hi + half
        else:
            lo, hi = lo - span * margin, hi + span * margin
        out += [lo, hi]
    return tuple(out)


def data_to_pixel(x, y, bounds, rect):
    """Data coordinates (scalars or arrays) -> widget pixels (px, py) as float arrays."""
    xmin, xmax, ymin, ymax = bounds
    left, top, width, height = rect
    px = left + (np.asarray(x, dtype=float) - xmin) / (xmax - xmin) * width
    py = top + (ymax - np.asarray(y, dtype=float)) / (ymax - ymin) * height
    return px, py


def pixel_to_data(px, py, bounds, rect):
    """Inverse of :func:`data_to_pixel`."""
    xmin, xmax, ymin, ymax = bounds
    left, top, width, height = rect
    x = xmin + (np.asarray(px, dtype=float) - left) / width * (xmax - xmin)
    y = ymax - (np.asarray(py, dtype=float) - top) / height * (ymax - ymin)
    return x, y


def pixel_box_to_data(x0, y0, x1, y1, bounds, rect):
    """Two opposite pixel corners of a rubber band -> the data box (xlo, xhi, ylo, yhi), in either drag direction."""
    xa, ya = pixel_to_data([x0, x1], [y0, y1], bounds, rect)
    return float(min(xa)), float(max(xa)), float(min(ya)), float(max(ya))


def pixel_polygon_to_data(points, bounds, rect) -> np.ndarray:
    """A pixel polygon (sequence of (px, py)) -> an (n, 2) array of data coordinates."""
    pts = np.asarray(points, dtype=float).reshape(-1, 2)
    x, y = pixel_to_data(pts[:, 0], pts[:, 1], bounds, rect)
    return np.column_stack([x, y])


def points_in_box(x, y, box) -> np.ndarray:
    """Boolean mask of the points inside (edges included) the data box (xlo, xhi, ylo, yhi); NaN is outside."""
    xlo, xhi, ylo, yhi = box
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    return (x >= xlo) & (x <= xhi) & (y >= ylo) & (y <= yhi)


def points_in_polygon(x, y, polygon) -> np.ndarray:
    """Boolean mask of the points inside ``polygon`` ((n, 2) vertices, closed implicitly), even-odd rule.

    Crossing number: a horizontal ray from each point towards +x is tested against every edge; an edge counts
    when it straddles the point's y (half-open, so a ray through a vertex is counted once) and the crossing lies
    to the right of the point. Vectorised over the points (one numpy pass per edge) and restricted to the
    polygon's bounding box first. Concave and self-intersecting outlines work; NaN points are outside."""
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    inside = np.zeros(x.shape, dtype=bool)
    poly = np.asarray(polygon, dtype=float).reshape(-1, 2)
    poly = poly[np.isfinite(poly).all(axis=1)]
    if len(poly) > 1 and np.array_equal(poly[0], poly[-1]):
        poly = poly[:-1]
    if len(poly) < 3 or x.size == 0:
        return inside
    cand = np.flatnonzero(points_in_box(x, y, (poly[:, 0].min(), poly[:, 0].max(), poly[:, 1].min(), poly[:, 1].max())))
    if cand.size == 0:
        return inside
    cx, cy = x[cand], y[cand]
    hit = np.zeros(cand.size, dtype=bool)
    ax, ay = poly[:, 0], poly[:, 1]
    bx, by = np.roll(ax, -1), np.roll(ay, -1)
    for x1, y1, x2, y2 in zip(ax, ay, bx, by):
        if y1 == y2:
            continue  # a horizontal edge never straddles: it cannot cross the ray
        straddles = (y1 > cy) != (y2 > cy)
        x_cross = x1 + (cy - y1) * (x2 - x1) / (y2 - y1)
        hit ^= straddles & (cx < x_cross)
    inside[cand] = hit
    return inside


def nice_ticks(lo: float, hi: float, target: int = 5) -> list:
    """Round tick values (steps of 1, 2, 2.5 or 5 times a power of ten) covering [lo, hi], about ``target`` of them."""
    if not (math.isfinite(lo) and math.isfinite(hi)):
        return []
    if hi <= lo:
        return [lo]
    raw = (hi - lo) / max(int(target), 1)
    magnitude = 10.0 ** math.floor(math.log10(raw))
    step = 10 * magnitude
    for m in (1, 2, 2.5, 5, 10):
        if m * magnitude >= raw:
            step = m * magnitude
            break
    first = math.ceil(lo / step - 1e-9)
    ticks = []
    k = first
    while k * step <= hi + step * 1e-9:
        v = k * step
        ticks.append(0.0 if abs(v) < step * 1e-9 else v)
        k += 1
    return ticks


def format_tick(value: float, step: float) -> str:
    """A tick label with just enough decimals for ``step`` (scientific notation for very large/small numbers)."""
    if value == 0:
        return "0"
    if abs(value) >= 1e6 or (step > 0 and step < 1e-4):
        return f"{value:.3g}"
    decimals = 0
    if step > 0:
        while decimals < 8 and abs(round(step * 10**decimals) - step * 10**decimals) > 1e-6 * 10**decimals:
            decimals += 1
    return f"{value:.{decimals}f}"
