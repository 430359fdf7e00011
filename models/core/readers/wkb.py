"""Point coordinates from WKB blobs (vectorised for plain 2D points, shapely otherwise)."""

from __future__ import annotations

import numpy as np

__all__ = ["points_from_wkb"]


def points_from_wkb(wkb):
    """(x, y, empty) from an array of WKB point blobs; vectorised for plain 2D points, shapely otherwise.

    Returns (None, None, None) when a geometry is not a point."""
    wkb = np.asarray(wkb)
    buf = None
    if wkb.dtype.kind == "V" and wkb.dtype.itemsize == 21:  # fixed-size blobs straight from GDAL
        buf = np.frombuffer(wkb.tobytes(), dtype=np.uint8).reshape(-1, 21)
    elif wkb.dtype.kind == "O" and all(b is not None and len(b) == 21 for b in wkb):
        buf = np.frombuffer(b"".join(wkb), dtype=np.uint8).reshape(-1, 21)
    if buf is not None and buf.shape[0]:
        order = buf[:, 0]
        gtype = buf[:, 1:5].copy().view("<u4").ravel() if (order == 1).all() else None
        if gtype is not None and (gtype == 1).all():
            xy = buf[:, 5:21].copy().view("<f8").reshape(-1, 2)
            x, y = xy[:, 0].copy(), xy[:, 1].copy()
            return x, y, ~(np.isfinite(x) & np.isfinite(y))
    import shapely

    if wkb.dtype.kind == "V":
        wkb = np.asarray([bytes(b) for b in wkb], dtype=object)
    geoms = shapely.from_wkb(wkb)
    empty = shapely.is_missing(geoms) | shapely.is_empty(geoms)
    if shapely.get_type_id(geoms[~empty]).max(initial=0) != 0:
        return None, None, None
    x = np.full(len(wkb), np.nan)
    y = np.full(len(wkb), np.nan)
    x[~empty] = shapely.get_x(geoms[~empty])
    y[~empty] = shapely.get_y(geoms[~empty])
    return x, y, empty
