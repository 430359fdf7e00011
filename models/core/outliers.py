"""GPS fixes far outside the data's bulk: the rule that finds them, and the extent of the bulk (pure numpy).

The rule (:func:`find_outliers`), for fixes with finite coordinates:

1. in a geographic CRS, a fix at exactly (0, 0) ("Null Island", a receiver without a position) is always an
   outlier, and so is one outside |longitude| <= 180, |latitude| <= 90;
2. the centre of the data is the coordinate-wise median of the other fixes (in a geographic CRS the longitude median
   is also taken on 0..360, for data across the antimeridian, and the one with the smaller median distance wins);
3. ``d`` is the distance of each fix from the centre (great circle in a geographic CRS, planar in a projected one)
   and ``R`` the 99th percentile of ``d`` (the radius of the bulk);
4. a fix farther than ``max(K * R, FLOOR_KM)`` (K = 10, 2,000 km) is an outlier.

Why these numbers (checked on the datasets of ``shared/data``): T-Drive's week has 0.18 % of fixes at (0, 0) and
another ~0.06 % scattered 2,000-12,000 km from Beijing (fixes near (7, 0), in the Pacific, in Africa), while its
bulk radius R is 92 km; rule 1 and the floor take them all, and keep the taxis that really drove to Tianjin,
Shenyang or Shanghai (up to ~1,100 km). The floor of 2,000 km keeps any trip inside a country-sized region even
when it is a tiny share of the data (GeoLife users' trips Beijing -> Shanghai, 1,070 km). Data that really span
continents are kept by K * R as soon as their far part holds more than 1 % of the fixes (GeoLife: 8 % of the fixes
are in Seattle, R = 8,700 km, nothing is cut; a bird tracked to Africa spends months there). A region holding
under 1 % of the fixes and over 2,000 km from the rest is reported and excluded: the message names the fixes so
that the user can check them. When junk is more than 1 % of the fixes, R grows and fewer fixes are cut: the rule
errs on the side of keeping data (the engines then meet large extents, which they handle without dense grids).

Cost: the median and the percentile come from a strided sample of at most 1 M points; then one pass over the points
in chunks with a box test, the exact distance only for the fixes outside the box.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Tuple

import numpy as np

K = 10.0
QUANTILE = 0.99
FLOOR_KM = 2000.0
SAMPLE = 1_000_000
_CHUNK = 1 << 21
_EARTH_R_KM = 6371.0088


@dataclass
class Outliers:
    """Fixes far outside the bulk: ``mask`` (True = outlier, aligned with the input), the counts, the centre and
    the distance limit used, the box of the fixes kept and the indexes of a few outliers (for messages)."""

    mask: np.ndarray
    n_null_island: int = 0
    n_far: int = 0
    centre: Tuple[float, float] = (float("nan"), float("nan"))
    limit_km: float = float("inf")
    bulk_box: Tuple[float, float, float, float] = (float("nan"),) * 4
    examples: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    geographic: bool = True

    @property
    def n(self) -> int:
        return self.n_null_island + self.n_far

    def describe(self) -> str:
        """'10 at exactly 0,0 (Null Island) and 2 more than 2,000 km from the data's median (116.41, 39.92)'."""
        parts = []
        if self.n_null_island:
            parts.append(f"{self.n_null_island} at exactly 0,0 (Null Island)")
        if self.n_far:
            cx, cy = self.centre
            fmt = "{:.4f}, {:.4f}" if self.geographic else "{:.0f}, {:.0f}"
            parts.append(
                f"{self.n_far} more than {self.limit_km:,.0f} km from the data's median ({fmt.format(cx, cy)})"
            )
        return " and ".join(parts)

    def filter_expression(self, ndigits: int = 4) -> str:
        """A QGIS expression that keeps the fixes of the bulk (the box of the fixes kept, Null Island out)."""
        xmin, ymin, xmax, ymax = (round(v, ndigits) for v in self.bulk_box)
        box = f"$x >= {xmin} AND $x <= {xmax} AND $y >= {ymin} AND $y <= {ymax}"
        return f"NOT ($x = 0 AND $y = 0) AND {box}" if self.geographic else box


def haversine_m(x0, y0, x1, y1) -> np.ndarray:
    """Great-circle metres between longitude/latitude degrees (x0, y0) and (x1, y1), element-wise."""
    la0, la1 = np.radians(y0), np.radians(y1)
    h = np.sin((la1 - la0) * 0.5) ** 2 + np.cos(la0) * np.cos(la1) * np.sin(np.radians(np.subtract(x1, x0)) * 0.5) ** 2
    return 2.0 * _EARTH_R_KM * 1000.0 * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0)))


def _haversine_km(x, y, cx, cy):
    return haversine_m(cx, cy, x, y) / 1000.0


def distances_km(x, y, centre, geographic=True, metres_per_unit=1.0) -> np.ndarray:
    """Distance (km) of every point from ``centre``: great circle for lon/lat, planar otherwise."""
    x, y = np.asarray(x, np.float64), np.asarray(y, np.float64)
    with np.errstate(invalid="ignore", over="ignore"):
        if geographic:
            return _haversine_km(x, y, *centre)
        return np.hypot(x - centre[0], y - centre[1]) * (metres_per_unit / 1000.0)


def _beyond(x, y, centre, limit_km, geographic, metres_per_unit) -> np.ndarray:
    """Mask of the fixes farther than ``limit_km`` from ``centre``, in chunks: a cheap box test first (inside a box
    of half-side L/2 radians, hav(d) <= hav(dlat) + hav(dlon) <= hav(L) for L <= pi; planar: half-side
    limit/sqrt(2)), the exact distance only for the fixes outside it."""
    n = np.shape(x)[0]
    out = np.zeros(n, bool)
    cx, cy = centre
    if geographic:
        half = np.degrees(min(limit_km / _EARTH_R_KM, np.pi) / 2.0)
        hx = hy = half
    else:
        hx = hy = limit_km * 1000.0 / metres_per_unit / np.sqrt(2.0)
    for s in range(0, n, _CHUNK):
        xs, ys = np.asarray(x[s : s + _CHUNK], np.float64), np.asarray(y[s : s + _CHUNK], np.float64)
        dx = xs - cx
        if geographic:
            dx = np.abs((dx + 180.0) % 360.0 - 180.0)
        with np.errstate(invalid="ignore"):
            cand = np.flatnonzero((np.abs(dx) > hx) | (np.abs(ys - cy) > hy))
            if cand.size:
                d = distances_km(xs[cand], ys[cand], centre, geographic, metres_per_unit)
                out[s + cand[d > limit_km]] = True
    return out


def _sample(n: int, size: int = SAMPLE) -> slice:
    return slice(None, None, max(1, -(-n // size)))


def _null_island(x, y, geographic) -> np.ndarray:
    if not geographic:
        return np.zeros(np.shape(x), bool)
    with np.errstate(invalid="ignore"):
        return ((x == 0) & (y == 0)) | (np.abs(x) > 180) | (np.abs(y) > 90)


def robust_centre(x, y, geographic=True) -> Tuple[float, float]:
    """Coordinate-wise median of the finite fixes (Null Island left out in lon/lat); across the antimeridian the
    longitude median on 0..360 is used when it lies closer to the data. NaN when no fix is usable."""
    sl = _sample(np.shape(x)[0])
    xs, ys = np.asarray(x, np.float64)[sl], np.asarray(y, np.float64)[sl]
    ok = np.isfinite(xs) & np.isfinite(ys) & ~_null_island(xs, ys, geographic)
    if not ok.any():
        return float("nan"), float("nan")
    xs, ys = xs[ok], ys[ok]
    cy = float(np.median(ys))
    cx = float(np.median(xs))
    if geographic:
        alt = float(np.median(np.mod(xs, 360.0)))
        alt = alt - 360.0 if alt > 180.0 else alt
        if alt != cx and np.median(_haversine_km(xs, ys, alt, cy)) < np.median(_haversine_km(xs, ys, cx, cy)):
            cx = alt
    return cx, cy


def find_outliers(
    x, y, geographic=True, metres_per_unit=1.0, k=K, quantile=QUANTILE, floor_km=FLOOR_KM, n_examples=5
) -> Outliers:
    """The fixes far outside the bulk of (``x``, ``y``) by the rule of the module docstring; ``metres_per_unit``
    scales projected coordinates to metres. Non-finite fixes are never outliers (other rules drop them)."""
    x, y = np.asarray(x), np.asarray(y)
    n = x.shape[0]
    with np.errstate(invalid="ignore"):
        finite = np.isfinite(x) & np.isfinite(y)
    null = _null_island(x, y, geographic) & finite
    cx, cy = robust_centre(x, y, geographic)
    if n == 0 or not np.isfinite(cx):
        return Outliers(mask=null, n_null_island=int(null.sum()), geographic=geographic)
    sl = _sample(n)
    ok = finite[sl] & ~null[sl]
    ds = distances_km(x[sl][ok], y[sl][ok], (cx, cy), geographic, metres_per_unit)
    radius = float(np.quantile(ds, quantile)) if ds.size else 0.0
    limit = max(k * radius, float(floor_km))
    far = _beyond(x, y, (cx, cy), limit, geographic, metres_per_unit) & finite & ~null
    mask = null | far
    kept = finite & ~mask
    box = (float("nan"),) * 4
    if kept.any():
        lo, hi = dict(where=kept, initial=np.inf), dict(where=kept, initial=-np.inf)
        box = (float(np.min(x, **lo)), float(np.min(y, **lo)), float(np.max(x, **hi)), float(np.max(y, **hi)))
    return Outliers(
        mask=mask,
        n_null_island=int(null.sum()),
        n_far=int(far.sum()),
        centre=(cx, cy),
        limit_km=limit,
        bulk_box=box,
        examples=np.flatnonzero(mask)[:n_examples],
        geographic=geographic,
    )


def bulk_extent(x, y, geographic=False, metres_per_unit=1.0):
    """(xmin, ymin, xmax, ymax) of the finite fixes that are not outliers, and the number of outliers left out:
    the default extent of a grid, which fixes at (0, 0) or on another continent would stretch."""
    out = find_outliers(x, y, geographic=geographic, metres_per_unit=metres_per_unit)
    return out.bulk_box, out.n
