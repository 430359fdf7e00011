"""CRS helpers on pyproj: reprojection of coordinate arrays and the choice of a metric CRS."""

from __future__ import annotations

import os
from functools import lru_cache

import numpy as np

# Debian's pyproj finds PROJ's data only through the environment; QGIS sets it, plain Python may not.
if not (os.environ.get("PROJ_DATA") or os.environ.get("PROJ_LIB")) and os.path.exists("/usr/share/proj/proj.db"):
    os.environ["PROJ_DATA"] = "/usr/share/proj"


@lru_cache(maxsize=64)
def _transformer(src: str, dst: str):
    from pyproj import Transformer

    return Transformer.from_crs(src, dst, always_xy=True)


def transform_xy(x, y, src: str, dst: str):
    """Reproject arrays (x = easting/longitude, y = northing/latitude whatever the CRS axis order)."""
    if not src or not dst:
        raise ValueError("both source and destination CRS are needed to reproject")
    if src == dst:
        return np.asarray(x, np.float64), np.asarray(y, np.float64)
    xx, yy = _transformer(src, dst).transform(np.asarray(x, np.float64), np.asarray(y, np.float64))
    return np.asarray(xx, np.float64), np.asarray(yy, np.float64)


@lru_cache(maxsize=64)
def is_geographic(crs: str) -> bool:
    from pyproj import CRS

    return CRS.from_user_input(crs).is_geographic


@lru_cache(maxsize=64)
def is_metric(crs: str) -> bool:
    """True for a projected CRS whose axes are in metres."""
    from pyproj import CRS

    c = CRS.from_user_input(crs)
    if not c.is_projected:
        return False
    units = {ax.unit_name.lower() for ax in c.axis_info}
    return units <= {"metre", "meter", "m"}


def utm_crs_for(lon, lat) -> str:
    """The WGS 84 / UTM zone authid for the robust centre of the given longitudes/latitudes: their median without the
    fixes at (0, 0), taken across the antimeridian when the data straddle it (``outliers.robust_centre``)."""
    from .outliers import robust_centre

    lon, lat = robust_centre(np.atleast_1d(lon), np.atleast_1d(lat), geographic=True)
    if not (np.isfinite(lon) and np.isfinite(lat)):
        raise ValueError("cannot choose a UTM zone without valid coordinates")
    zone = int(np.floor((lon + 180.0) / 6.0)) % 60 + 1
    return f"EPSG:{32600 + zone if lat >= 0 else 32700 + zone}"


def transform_lines(lines, src: str, dst: str) -> list:
    """Reproject a list of (k, 2) coordinate arrays in one call (an empty list stays empty)."""
    if not lines:
        return []
    lens = np.array([len(a) for a in lines])
    allxy = np.concatenate(lines)
    x, y = transform_xy(allxy[:, 0], allxy[:, 1], src, dst)
    cuts = np.cumsum(lens)[:-1]
    return [np.column_stack([a, b]) for a, b in zip(np.split(x, cuts), np.split(y, cuts))]
