"""Shared I/O of the ground-truth algorithms: parameter range messages and the OD values of an input layer."""

from __future__ import annotations

from qgis.core import QgsFeatureRequest, QgsProcessingException
from qgis.PyQt.QtCore import QVariant


def range_message(parameters, ranges):
    """A message naming the first numeric parameter outside its range, or ''.

    ``ranges`` holds (name, low, high, what must hold) tuples."""
    for name, lo, hi, what in ranges:
        v = parameters.get(name)
        if v is None or isinstance(v, bool):
            continue
        try:
            v = float(v)
        except (TypeError, ValueError):
            continue
        if not lo <= v <= hi:
            return f"{name}: {what} (got {v:g})."
    return ""


def _is_null(v) -> bool:
    return v is None or (isinstance(v, QVariant) and v.isNull())


def _plain(v):
    """A hashable, comparable OD component: int, float or str."""
    if isinstance(v, bool):
        return str(v)
    if isinstance(v, (int, str)):
        return v
    if isinstance(v, float):
        return int(v) if v.is_integer() else v
    return str(v.toString("yyyy-MM-ddTHH:mm:ss") if hasattr(v, "toString") else v)


def od_field_names(raw, source, parameter="OD_FIELD"):
    """The field names of a (multiple) field parameter's value ``raw``: several fields or comma-separated lists,
    each name once, all present in ``source``."""
    names = []
    for item in raw or []:
        for part in str(item).split(","):
            part = part.strip()
            if part and part not in names:
                names.append(part)
    if not names:
        raise QgsProcessingException(
            f"{parameter}: choose the field holding the OD pair of each trajectory (e.g. od_id from 'Assign OD "
            "pairs', or a route field)."
        )
    fields = source.fields()
    missing = [n for n in names if fields.lookupField(n) < 0]
    if missing:
        raise QgsProcessingException(
            f"{parameter}: field(s) {', '.join(missing)} not found in the input layer. Available fields: "
            + ", ".join(fields.names())
        )
    return names


def od_per_point(source, names, fids):
    """The OD value of every point (feature id in ``fids``): the values of the fields ``names`` joined with '/'
    when there are several, None where one is NULL."""
    fields = source.fields()
    idx = [fields.lookupField(n) for n in names]
    req = QgsFeatureRequest()
    req.setFlags(QgsFeatureRequest.NoGeometry)
    req.setSubsetOfAttributes(idx)
    by_fid = {}
    for f in source.getFeatures(req):
        a = f.attributes()
        vals = [a[j] for j in idx]
        if any(_is_null(v) for v in vals):
            by_fid[f.id()] = None
        elif len(vals) == 1:
            by_fid[f.id()] = _plain(vals[0])
        else:
            by_fid[f.id()] = "/".join(str(_plain(v)) for v in vals)
    return [by_fid.get(fid) for fid in fids]
