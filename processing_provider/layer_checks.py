"""Checks of the point columns read from a layer, before they become trajectories (used by ``layer_io``).

* Trajectory ids: NULL (QGIS NULL, None) and NaN ids are missing: their points are skipped, counted
  (``N_SKIPPED_NULL_IDS``) and reported; a text id "NULL" is an id like any other. Integer and text ids are kept as
  they are; ids of a decimal (float) field are used as text ("1" for 1.0, "1.5" for 1.5) with a warning.
* Coordinates: in a geographic (longitude/latitude) CRS, points with |longitude| > 180 or |latitude| > 90 are
  skipped, counted (``N_OUTSIDE_CRS_RANGE``) and reported (non-finite coordinates are dropped by the cleaning rules
  of ``Trajectories.from_points``).
* GPS outliers: fixes far outside the data's bulk (exactly (0, 0) in a geographic CRS, or much farther from the
  median than the bulk; the rule is in ``models/core/outliers.py``) are excluded, counted (``N_FAR_OUTLIERS``) and
  reported with a few feature ids and a filter expression.
"""

from __future__ import annotations

import numpy as np
from qgis.core import QgsProcessingException
from qgis.PyQt.QtCore import QVariant


def _is_null(v) -> bool:
    return v is None or (isinstance(v, QVariant) and v.isNull()) or (isinstance(v, float) and np.isnan(v))


def id_array(values) -> np.ndarray:
    """Trajectory ids as read: int64 when all are integers, else objects (text, floats) with None for NULL."""
    vals = [None if _is_null(v) else v for v in values]
    if vals and all(isinstance(v, int) and not isinstance(v, bool) for v in vals):
        return np.asarray(vals, dtype=np.int64)
    out = np.empty(len(vals), dtype=object)
    out[:] = [v if isinstance(v, (int, float, bytes)) else (None if v is None else str(v)) for v in vals]
    return out


def float_id_text(v: float) -> str:
    """The text id of a decimal id: whole numbers without ".0" (1.0 -> "1"), others as Python writes them."""
    return str(int(v)) if float(v).is_integer() else repr(float(v))


def normalize_ids(ids, null_mask=None):
    """(ids, missing mask, whether the ids were decimal numbers) from the raw id column of the readers: int64 ids
    are kept; texts (bytes decoded) are kept exactly; floats become text (:func:`float_id_text`); None and NaN are
    missing (so is ``null_mask`` when given)."""
    ids = np.asarray(ids)
    n = ids.shape[0]
    missing = np.zeros(n, bool) if null_mask is None else np.asarray(null_mask, bool).copy()
    if ids.dtype.kind in "iu":
        return ids.astype(np.int64), missing, False
    if ids.dtype.kind == "f":
        missing |= ~np.isfinite(ids)
        out = np.empty(n, dtype=object)
        out[:] = [None if m else float_id_text(v) for v, m in zip(ids.tolist(), missing)]
        return out, missing, True
    if ids.dtype.kind == "S":
        ids = ids.astype(object)
    out = np.empty(n, dtype=object)
    is_float = False
    vals = ids.tolist()
    for i, v in enumerate(vals):
        if missing[i] or _is_null(v):
            missing[i] = True
            out[i] = None
        elif isinstance(v, bytes):
            out[i] = v.decode("utf-8", "replace")
        elif isinstance(v, float):
            is_float = True
            out[i] = float_id_text(v)
        else:
            out[i] = str(v) if not isinstance(v, str) else v
    if not missing.any() and n and all(isinstance(v, int) and not isinstance(v, bool) for v in vals):
        return np.asarray(vals, dtype=np.int64), missing, False
    return out, missing, is_float


def outside_lonlat(x, y) -> np.ndarray:
    """Mask of the finite points outside the longitude/latitude range (|x| > 180 or |y| > 90)."""
    with np.errstate(invalid="ignore"):
        return np.isfinite(x) & np.isfinite(y) & ((np.abs(x) > 180.0) | (np.abs(y) > 90.0))


def _select(cols, keep):
    out = dict(cols)
    for k in ("ids", "x", "y", "t", "fids"):
        if out.get(k) is not None:
            out[k] = np.asarray(out[k])[keep]
    out["attrs"] = {k: np.asarray(v)[keep] for k, v in cols["attrs"].items()}
    return out


def check_columns(cols, crs, feedback, names, id_field):
    """``cols`` (the columns of ``layer_io``) without the points of a missing id or outside the lon/lat range of a
    geographic ``crs`` (a QgsCoordinateReferenceSystem), with warnings naming the parameter; raises a
    QgsProcessingException when no point is left. Returns (cols, {report key: count})."""
    inp, id_name, _ = names
    ids, missing, is_float = normalize_ids(cols["ids"], cols.get("null_ids"))
    cols = {**cols, "ids": ids}
    n = ids.shape[0]
    if is_float:
        feedback.pushWarning(
            f"{id_name}: '{id_field}' holds decimal numbers; they are used as text ids (1.0 as '1', 1.5 as '1.5'). "
            "An integer or text field is safer."
        )
    n_null = int(missing.sum())
    if n_null:
        feedback.pushWarning(
            f"{id_name}: {n_null} point(s) with a NULL (empty) value in '{id_field}' were skipped: a point without "
            "a trajectory id belongs to no trajectory."
        )
    outside = np.zeros(n, bool)
    if crs is not None and crs.isValid() and crs.isGeographic():
        outside = outside_lonlat(np.asarray(cols["x"], np.float64), np.asarray(cols["y"], np.float64)) & ~missing
    n_out = int(outside.sum())
    if n_out:
        feedback.pushWarning(
            f"{inp}: {n_out} point(s) lie outside the longitude/latitude range of {crs.authid() or 'the layer CRS'} "
            "(|longitude| <= 180, |latitude| <= 90) and were skipped; check the layer's CRS and coordinates."
        )
    if n and n_null == n:
        raise QgsProcessingException(
            f"{id_name}: every point of {inp} has a NULL (empty) value in '{id_field}'; choose the field that "
            "holds the trajectory ids."
        )
    far = far_outliers(cols, crs, feedback, inp, missing | outside)
    n_far = int(far.sum())
    counts = {"N_SKIPPED_NULL_IDS": n_null, "N_OUTSIDE_CRS_RANGE": n_out, "N_FAR_OUTLIERS": n_far}
    if n_null or n_out or n_far:
        if n_null + n_out + n_far >= n:
            raise QgsProcessingException(
                f"{inp}: no point is left ({n_null} without a trajectory id, {n_out} outside the longitude/latitude "
                f"range, {n_far} far outside the data's bulk); check the layer's CRS and coordinates."
            )
        cols = _select(cols, ~(missing | outside | far))
    return cols, counts


def far_outliers(cols, crs, feedback, inp, skipped) -> np.ndarray:
    """Mask of the fixes far outside the data's bulk (``models.core.outliers``: (0, 0) in a geographic CRS, and fixes
    much farther from the median than the bulk), with a warning naming a few feature ids and a filter expression;
    fixes already ``skipped`` are left out of the rule."""
    from qgis.core import QgsUnitTypes

    from ..models.core.outliers import find_outliers

    geographic = crs is not None and crs.isValid() and crs.isGeographic()
    per_unit = 1.0
    if crs is not None and crs.isValid() and not geographic:
        f = QgsUnitTypes.fromUnitToUnitFactor(crs.mapUnits(), QgsUnitTypes.DistanceMeters)
        per_unit = f if np.isfinite(f) and f > 0 else 1.0
    keep = np.flatnonzero(~skipped)
    x, y = np.asarray(cols["x"], np.float64), np.asarray(cols["y"], np.float64)
    if keep.size < skipped.size:
        x, y = x[keep], y[keep]
    out = find_outliers(x, y, geographic=geographic, metres_per_unit=per_unit)
    mask = np.zeros(skipped.size, bool)
    if not out.n:
        return mask
    mask[keep[out.mask]] = True
    fids = cols.get("fids")
    rows = keep[out.examples]
    ids = np.asarray(fids)[rows] if fids is not None else rows
    more = ", ..." if out.n > ids.size else ""
    feedback.pushWarning(
        f"{inp}: {out.n} fix(es) far outside the data's bulk were excluded ({out.describe()}): feature ids "
        f"{', '.join(str(int(v)) for v in ids)}{more}. To remove them from the layer, filter it with the expression "
        f"{out.filter_expression()}"
    )
    return mask


def null_fids(lyr, field) -> np.ndarray:
    """Feature ids of an OGR layer whose ``field`` is NULL (the Arrow stream without masks reads NULL as 0 or '')."""
    lyr.SetAttributeFilter('"{0}" IS NULL'.format(field.replace('"', '""')))
    try:
        fids = [f.GetFID() for f in lyr] if lyr.GetFeatureCount() else []
    finally:
        lyr.SetAttributeFilter(None)
        lyr.ResetReading()
    return np.asarray(fids, dtype=np.int64)
