"""Reading and writing shared by the MetaTRL algorithms: the spatial units (road segments of a road layer, H3 cells
or square grid cells) and the unit sequences of a trajectory layer on them, the model file, the embeddings file and
the styles of the output layers."""

from __future__ import annotations

from qgis.core import QgsProcessingException

from .. import styles
from ..base import torch_threads, translate
from ..embedding_layers import EMBEDDING_PROPERTY, embedding_field_name
from .road_io import matcher_of, read_road_network

#: the options of the UNIT parameter, in order
UNIT_KINDS = ("road", "h3", "grid")


def unit_kind(alg, parameters, context) -> str:
    kind = UNIT_KINDS[alg.value(parameters, "UNIT", context)]
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
    from ...models.core.units import cell_network

    if kind == "road":
        net, geometry = road
        matcher = matcher_of(alg, parameters, context)
        net.spec["matcher"] = matcher.spec()
        seqs, share = match(name, trajs, net, geometry, matcher, feedback, progress, cancel)
        return net, seqs, share
    try:
        net, seqs = cell_network(
            trajs,
            kind=kind,
            resolution=alg.value(parameters, "RESOLUTION", context),
            cell_size=alg.value(parameters, "CELL_SIZE", context),
            cancel=cancel,
        )
    except ValueError as e:
        raise QgsProcessingException(f"{name}: {e}")
    return net, seqs, None


def model_sequences(alg, model, trajs, parameters, context, feedback, progress=None, cancel=None):
    """(UnitSequences, matched share or None) of ``trajs`` on the units of a trained model: cells are looked up in
    the stored cell set; road units need the same ROAD_NETWORK as in training (checked by fingerprint)."""
    from ...models.core.mapmatch import HMMMatcher
    from ...models.core.units import cell_sequences_on
    from ...models.metatrl.params import MetaTRLDataError

    net = model.network_
    if net.kind in ("h3", "grid"):
        return cell_sequences_on(net, trajs), None
    if parameters.get("ROAD_NETWORK") in (None, ""):
        raise QgsProcessingException(
            "ROAD_NETWORK: this model's units are road segments; give the road layer it was trained on."
        )
    road_net, geometry = read_road_network(alg, parameters, context, feedback)
    try:
        model.check_network(road_net)
    except MetaTRLDataError as e:
        raise QgsProcessingException(f"ROAD_NETWORK: {e}")
    matcher = HMMMatcher.from_spec(net.spec.get("matcher", {}))
    return match("INPUT", trajs, net, geometry, matcher, feedback, progress, cancel)


def load_model(alg, parameters, context):
    """The MetaTRL model of MODEL_FILE (errors name the parameter)."""
    from ...models.core.modelfile import ModelFileError
    from ...models.metatrl.model import MetaTRL

    path = alg.value(parameters, "MODEL_FILE", context)
    try:
        return MetaTRL.load(path, n_threads=torch_threads())
    except ModelFileError as e:
        raise QgsProcessingException(f"MODEL_FILE: {e}")


def read_on_model(alg, model, parameters, context, feedback, start=5.0, end=30.0):
    """(Trajectories, UnitSequences on the model's units, matched share or None, cleaning report) of INPUT: reading
    fills the reading stage of the run's bar, matching the units ``start``..``end``."""
    trajs, report = alg.read_trajectories(parameters, context, feedback)
    if trajs.t is None:
        raise QgsProcessingException("TIME_FIELD: MetaTRL needs the time of each point.")
    progress, cancel = alg.callbacks(feedback, start, end)
    seqs, share = model_sequences(alg, model, trajs, parameters, context, feedback, progress, cancel)
    if not (seqs.lengths > 0).any():
        raise QgsProcessingException(
            "INPUT: no trajectory crosses the model's units (other city, other CRS, or the road layer's radius); "
            "use trajectories of the city the model was trained on."
        )
    return trajs, seqs, share, report


def save_embeddings(path, keys, emb):
    """.npy (the matrix) or .csv (group_id then the e000... columns of the embedding layers), written atomically."""
    from ...models.core.embeddings import save_embeddings as save

    save(path, keys, emb, [embedding_field_name(i) for i in range(emb.shape[1])])


def style_embeddings(layer):
    """Marked for the embedding explorer (see :mod:`..embedding_layers`)."""
    layer.setCustomProperty(EMBEDDING_PROPERTY, "1")


def style_predictions(layer):
    """Categorized by correctness (destination, classification) or graduated by the absolute error (travel time)."""
    if layer.fields().lookupField("correct") >= 0:
        styles.categorized(layer, "correct", width=0.6)
    elif layer.fields().lookupField("abs_error") >= 0:
        styles.graduated(layer, "abs_error")


def report_titles():
    """The section titles of the MetaTRL reports, translated (literal calls so that pylupdate5 extracts them)."""
    return {
        "Result": translate("DeepTraj", "Result"),
        "Meta-training on the source cities": translate("DeepTraj", "Meta-training on the source cities"),
        "Pre-training on the target city": translate("DeepTraj", "Pre-training on the target city"),
        "Parameters": translate("DeepTraj", "Parameters"),
        "Metrics on the test trajectories": translate("DeepTraj", "Metrics on the test trajectories"),
        "Training of the head": translate("DeepTraj", "Training of the head"),
        "Trajectories left out": translate("DeepTraj", "Trajectories left out"),
    }
