"""Parameters and layer reading shared by the MetaTRL algorithms: the spatial units (road segments of a road layer,
H3 cells or square grid cells) and the unit sequences of a trajectory layer on them."""

from __future__ import annotations

from qgis.core import QgsProcessingException, QgsProcessingParameterEnum, QgsProcessingParameterNumber

from .base import translate

UNIT_KINDS = ("road", "h3", "grid")
UNIT = "UNIT"
RESOLUTION = "RESOLUTION"
CELL_SIZE = "CELL_SIZE"


def add_road_parameters(alg, matcher=True):
    """The road-layer parameters of :mod:`road_layers` (optional layer) and, with ``matcher``, the map matcher's
    advanced RADIUS / GPS_SIGMA."""
    from .road_layers import add_matcher_parameters
    from .road_layers import add_road_parameters as add_road

    add_road(alg, optional=True)
    if matcher:
        add_matcher_parameters(alg, advanced=True)


def add_unit_parameters(alg):
    """UNIT (road segments / H3 / grid), the road parameters, RESOLUTION and CELL_SIZE."""
    alg.addParameter(
        QgsProcessingParameterEnum(
            UNIT,
            translate("DeepTraj", "Spatial units"),
            options=[
                translate("DeepTraj", "road segments (needs a road network)"),
                translate("DeepTraj", "H3 cells"),
                translate("DeepTraj", "square grid cells"),
            ],
            defaultValue=0,
        )
    )
    add_road_parameters(alg)
    alg.addParameter(
        QgsProcessingParameterNumber(
            RESOLUTION,
            translate("DeepTraj", "H3 resolution (H3 cells)"),
            QgsProcessingParameterNumber.Integer,
            9,
            minValue=0,
            maxValue=15,
        )
    )
    alg.addParameter(
        QgsProcessingParameterNumber(
            CELL_SIZE,
            translate("DeepTraj", "Grid cell size in metres (grid cells)"),
            QgsProcessingParameterNumber.Double,
            300.0,
            minValue=1.0,
        )
    )


def unit_kind(alg, parameters, context) -> str:
    kind = UNIT_KINDS[alg.parameterAsEnum(parameters, UNIT, context)]
    if kind == "road" and parameters.get("ROAD_NETWORK") in (None, ""):
        raise QgsProcessingException(
            "ROAD_NETWORK: road-segment units need a road line layer; give one, or set UNIT to H3 cells or square "
            "grid cells."
        )
    return kind


def match(name, trajs, net, geometry, matcher, feedback, progress=None, cancel=None):
    """(UnitSequences, matched share) of ``trajs`` map-matched onto the road units ``net``."""
    try:
        res = matcher.match(trajs, net, geometry, progress=progress, cancel=cancel)
    except ValueError as e:
        raise QgsProcessingException(f"{name}: {e}")
    feedback.pushInfo(
        f"{name}: {res.matched_share:.1%} of the points matched to the road network "
        f"({res.n_breaks} break(s) of the matched path)."
    )
    return res.sequences, float(res.matched_share)


def city_units(alg, name, trajs, kind, parameters, context, feedback, road=None, progress=None, cancel=None):
    """(UnitNetwork, UnitSequences, matched share or None) of one city's trajectories in the chosen units."""
    from ..models.core.units import cell_network

    if kind == "road":
        from .road_layers import matcher_of

        net, geometry = road
        matcher = matcher_of(alg, parameters, context)
        net.spec["matcher"] = matcher.spec()
        seqs, share = match(name, trajs, net, geometry, matcher, feedback, progress, cancel)
        return net, seqs, share
    try:
        net, seqs = cell_network(
            trajs,
            kind=kind,
            resolution=alg.parameterAsInt(parameters, RESOLUTION, context),
            cell_size=alg.parameterAsDouble(parameters, CELL_SIZE, context),
            cancel=cancel,
        )
    except ValueError as e:
        raise QgsProcessingException(f"{name}: {e}")
    return net, seqs, None


def model_sequences(alg, model, trajs, parameters, context, feedback, progress=None, cancel=None):
    """(UnitSequences, matched share or None) of ``trajs`` on the units of a trained model: cells are looked up in
    the stored cell set; road units need the same ROAD_NETWORK as in training (checked by fingerprint)."""
    from ..models.core.units import cell_sequences_on
    from ..models.metatrl.params import MetaTRLDataError

    net = model.network_
    if net.kind in ("h3", "grid"):
        return cell_sequences_on(net, trajs), None
    if parameters.get("ROAD_NETWORK") in (None, ""):
        raise QgsProcessingException(
            "ROAD_NETWORK: this model's units are road segments; give the road layer it was trained on."
        )
    from ..models.core.mapmatch import HMMMatcher
    from .road_layers import read_road_network

    road_net, geometry = read_road_network(alg, parameters, context, feedback)
    try:
        model.check_network(road_net)
    except MetaTRLDataError as e:
        raise QgsProcessingException(f"ROAD_NETWORK: {e}")
    matcher = HMMMatcher.from_spec(net.spec.get("matcher", {}))
    return match("INPUT", trajs, net, geometry, matcher, feedback, progress, cancel)
