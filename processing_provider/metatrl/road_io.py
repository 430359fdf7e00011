"""Road line layers as road-segment units (:func:`models.core.roadnet.road_network`) for the Processing algorithms.

The road parameters (ROAD_NETWORK, the optional attribute and node id fields, BOTH_DIRECTIONS) and the map matcher's
(RADIUS, GPS_SIGMA) are declared once in :mod:`..specs.roads`; :func:`read_road_network` reads them back into
(UnitNetwork, RoadGeometry) and :func:`matcher_of` into the map matcher. Every algorithm using road units declares
them with the same names, so a model and the layer it was trained on can be checked against each other
(``UnitNetwork.fingerprint``).
"""

from __future__ import annotations

import numpy as np
from qgis.core import QgsFeatureRequest, QgsProcessingException, QgsWkbTypes
from qgis.PyQt.QtCore import QVariant

from ..base import translate
from ..layer_io import line_part_arrays, to_wgs84_transform

#: engine attribute key of each field parameter
_ATTRIBUTE_FIELDS = (("ROAD_CLASS_FIELD", "highway"), ("LANES_FIELD", "lanes"), ("MAXSPEED_FIELD", "maxspeed"))


def _plain(v):
    if v is None or (isinstance(v, QVariant) and v.isNull()):
        return None
    return v


def _join_parts(parts):
    """One vertex array from the parts of a multi-line: parts joined end to start in order, or the longest part
    when they do not meet. Returns (array, True when parts were dropped)."""
    if len(parts) == 1:
        return parts[0], False
    out = [parts[0]]
    for p in parts[1:]:
        if np.allclose(out[-1][-1], p[0], rtol=0.0, atol=1e-9):
            out.append(p[1:])
        else:
            lens = [float(np.hypot(*np.diff(q, axis=0).T).sum()) for q in parts]
            return parts[int(np.argmax(lens))], True
    return np.concatenate(out), False


def read_road_lines(source, feedback, transform=None, fields=(), progress=None):
    """(lines, feature ids, {field: values}, number of multi-part lines reduced to their longest part) of a line
    source; lines are (k, 2) arrays (curves linearised, parts joined when they meet), transformed by ``transform``
    when given; null or empty geometries give an empty (0, 2) line (the engine skips and counts them). ``progress``
    (a callable taking 0..100) follows the features read."""
    lines, fids = [], []
    values = {f: [] for f in fields}
    idx = {f: source.fields().lookupField(f) for f in fields}
    n = max(source.featureCount(), 1)
    n_split = 0
    request = QgsFeatureRequest()
    if fields:
        request.setSubsetOfAttributes(list(idx.values()))
    else:
        request.setNoAttributes()
    for i, f in enumerate(source.getFeatures(request)):
        if i % 2000 == 0:
            if feedback.isCanceled():
                raise QgsProcessingException(translate("DeepTraj", "Cancelled by the user: no output was written."))
            if progress is not None:
                progress(100.0 * i / n)
        attrs = f.attributes()
        fids.append(int(f.id()))
        for name, j in idx.items():
            values[name].append(_plain(attrs[j]))
        arrs = line_part_arrays(f.geometry(), transform)
        if not arrs:
            lines.append(np.zeros((0, 2)))
            continue
        arr, split = _join_parts(arrs)
        n_split += int(split)
        lines.append(arr)
    return lines, np.asarray(fids, np.int64), values, n_split


def road_source(alg, parameters, context):
    """The ROAD_NETWORK feature source, checked: a line layer with a valid CRS and features."""
    source = alg.parameterAsSource(parameters, "ROAD_NETWORK", context)
    if source is None:
        raise QgsProcessingException(alg.invalidSourceError(parameters, "ROAD_NETWORK"))
    if QgsWkbTypes.geometryType(source.wkbType()) != QgsWkbTypes.LineGeometry:
        raise QgsProcessingException(
            translate("DeepTraj", "ROAD_NETWORK: the road network must be a line layer; choose a layer of road lines.")
        )
    if not source.sourceCrs().isValid():
        raise QgsProcessingException(
            translate("DeepTraj", "ROAD_NETWORK: the road layer has no valid CRS; set its CRS first.")
        )
    if source.featureCount() == 0:
        raise QgsProcessingException(
            translate("DeepTraj", "ROAD_NETWORK: the road layer has no features; choose a layer with road lines.")
        )
    return source


def read_road_network(alg, parameters, context, feedback):
    """(UnitNetwork, RoadGeometry) of the road parameters (``ROADS`` of :mod:`..specs.roads`).

    Raises QgsProcessingException naming the parameter at fault; reading fills the reading stage of the run's bar."""
    source = road_source(alg, parameters, context)
    names = source.fields().names()
    wanted = {}
    for pname, key in _ATTRIBUTE_FIELDS + (("START_NODE_FIELD", "start"), ("END_NODE_FIELD", "end")):
        f = alg.parameterAsString(parameters, pname, context) if alg.parameterDefinition(pname) else ""
        if f:
            if f not in names:
                raise QgsProcessingException(
                    translate(
                        "DeepTraj", "{0}: the field '{1}' does not exist in the road layer. Available fields: {2}"
                    ).format(pname, f, ", ".join(names))
                )
            wanted[key] = f
    if ("start" in wanted) != ("end" in wanted):
        raise QgsProcessingException(
            translate("DeepTraj", "START_NODE_FIELD / END_NODE_FIELD: give both node id fields, or neither.")
        )
    both = (
        alg.parameterAsBoolean(parameters, "BOTH_DIRECTIONS", context)
        if alg.parameterDefinition("BOTH_DIRECTIONS")
        else False
    )
    return road_units(source, context, feedback, wanted, both, alg.plan(feedback).reading())


def road_units(source, context, feedback, wanted=None, both=False, progress=None, label="ROAD_NETWORK"):
    """(UnitNetwork, RoadGeometry) of a line source (a layer works too): ``wanted`` {attribute key ("highway",
    "lanes", "maxspeed", "start", "end"): field name}; ``label`` names the parameter in messages."""
    from ...models.core.roadnet import road_network
    from ...models.core.trajectories import TrajectoryDataError

    wanted = wanted or {}
    transform = to_wgs84_transform(source, context)
    fields = sorted(set(wanted.values()))
    lines, fids, values, n_split = read_road_lines(source, feedback, transform, fields, progress)
    if n_split:
        feedback.pushWarning(
            translate(
                "DeepTraj", "{0} multi-part road line(s) have parts that do not meet; only their longest part is used."
            ).format(n_split)
        )
    attributes = {key: values[wanted[key]] for _, key in _ATTRIBUTE_FIELDS if key in wanted}
    node_ids = None
    if "start" in wanted:
        node_ids = (np.asarray(values[wanted["start"]], dtype=object), np.asarray(values[wanted["end"]], dtype=object))
    try:
        net, geom = road_network(
            lines, fids, attributes=attributes, both_directions=both, node_ids=node_ids, cancel=feedback.isCanceled
        )
    except TrajectoryDataError as e:
        raise QgsProcessingException(f"{label}: {e}")
    for m in geom.messages:
        feedback.pushWarning(f"{label}: {m}")
    feedback.pushInfo(
        f"Road network: {net.size} road units from {net.spec['n_lines']} lines"
        f"{' (both directions)' if both else ''}, {geom.n_nodes} nodes, {len(net.edges)} turns; "
        f"attributes: {', '.join(net.attribute_names)}; distances in {geom.crs}."
    )
    return net, geom


def matcher_of(alg, parameters, context):
    """The HMM map matcher of the RADIUS and GPS_SIGMA parameters."""
    from ...models.core.mapmatch import HMMMatcher

    return HMMMatcher(
        radius=alg.value(parameters, "RADIUS", context),
        sigma=alg.value(parameters, "GPS_SIGMA", context),
    )
