"""Reading and writing shared by the clustering algorithms of the E2DTC family: token sequences (from a
discretizegrid layer or discretized here), the pre-training layer, ground-truth scores and the clustered lines."""

from __future__ import annotations

import numpy as np
from qgis.core import QgsCoordinateReferenceSystem, QgsProcessingException, QgsWkbTypes

from .. import styles
from ..base import translate
from ..figures import push_figures
from ..layer_io import id_kind, line_geometry, make_fields, py_value

TOKENS_FIELD = "tokens"  # the OUTPUT_SEQUENCES field of discretizegrid
PRETRAIN_NAMES = ("PRETRAIN_INPUT", "PRETRAIN_TRAJ_ID_FIELD", "PRETRAIN_TIME_FIELD")


def read_pretrain_trajectories(alg, parameters, context, feedback, trajs):
    """The PRETRAIN_INPUT trajectories (None when not given), without those whose ID is also in ``trajs``."""
    from ..layer_io import attribute_key, read_trajectories

    source = alg.parameterAsSource(parameters, "PRETRAIN_INPUT", context)
    if source is None:
        return None
    fields = source.fields()

    def field(name, fallback):
        value = alg.parameterAsString(parameters, name, context)
        if value:
            return value
        value = alg.parameterAsString(parameters, fallback, context)
        return value if value and fields.lookupField(value) >= 0 else None

    id_field = field("PRETRAIN_TRAJ_ID_FIELD", "TRAJ_ID_FIELD")
    time_field = field("PRETRAIN_TIME_FIELD", "TIME_FIELD")
    interval = alg.parameterAsDouble(parameters, "SAMPLING_INTERVAL", context)
    extra, _ = read_trajectories(
        source,
        id_field,
        time_field,
        feedback,
        interval=interval,
        names=PRETRAIN_NAMES,
        progress=alg.plan(feedback).reading(),
    )
    if id_field:
        known = {attribute_key(v) for v in trajs.ids}
        keep = np.array([attribute_key(v) not in known for v in extra.ids], bool)
        if not keep.all():
            feedback.pushInfo(
                f"PRETRAIN_INPUT: {int((~keep).sum())} trajectories are also in INPUT (same ID) and "
                "are pre-trained on once."
            )
        extra = extra.subset(keep)
    feedback.pushInfo(f"PRETRAIN_INPUT: {len(extra)} more trajectories for pre-training.")
    return extra


def _tokens_from_field(trajs, feedback):
    """The token sequences stored in the ``tokens`` field of a discretizegrid layer."""
    seqs = []
    for i, text in enumerate(trajs.first_values(TOKENS_FIELD)):
        try:
            seqs.append(np.array(str(text).split(), np.int64))
        except ValueError:
            raise QgsProcessingException(
                f"INPUT: the '{TOKENS_FIELD}' value of trajectory {py_value(trajs.ids[i])} is not a list of "
                "integer tokens; use the OUTPUT_SEQUENCES layer of 'Discretize trajectories to a square grid'."
            )
    feedback.pushInfo(f"Token sequences read from the '{TOKENS_FIELD}' field ({len(seqs)} trajectories).")
    return seqs


def _discretize(todo, vocab, fit_grid, feedback):
    """(sequences as a list of arrays, vocabulary) of ``todo`` on ``vocab``'s grid, else a grid fitted here."""
    from ...models.core.discretize import UNK, GridDiscretizer
    from ...models.e2dtc.sequences import as_sequence_list

    if vocab is not None:
        if vocab.kind != "grid":
            raise QgsProcessingException("VOCAB: E2DTC works on a square grid; this is an H3 vocabulary.")
        disc = GridDiscretizer.from_vocabulary(vocab)
        seq = disc.transform(todo)
    else:
        disc = fit_grid()
        seq = disc.fit_transform(todo)
    n_unk = int((seq.tokens == UNK).sum())
    if n_unk:
        feedback.pushWarning(f"{n_unk} point token(s) fall outside the grid and are UNK.")
    return as_sequence_list(seq), disc.vocab_


def read_token_sequences(alg, parameters, context, feedback, vocab, extra_fields=(), fit_grid=None, pretrain=False):
    """(trajectories, token sequences as a list of arrays, vocabulary, cleaning report, pre-training sequences).

    A layer made by discretizegrid (its ``tokens`` field) is used as it is with ``vocab``; any other trajectory
    layer is discretized here, with ``vocab`` when given, else with a grid fitted by ``fit_grid()``. With
    ``pretrain`` the PRETRAIN_INPUT trajectories are discretized alike (the grid is fitted on both layers) and
    returned as the last item (an empty list without that layer)."""
    source = alg.parameterAsSource(parameters, "INPUT", context)
    has_tokens = source is not None and source.fields().lookupField(TOKENS_FIELD) >= 0 and vocab is not None
    fields = tuple(extra_fields) + ((TOKENS_FIELD,) if has_tokens else ())
    trajs, report = alg.read_trajectories(parameters, context, feedback, extra_fields=fields)
    extra = read_pretrain_trajectories(alg, parameters, context, feedback, trajs) if pretrain else None
    if has_tokens:
        seqs = _tokens_from_field(trajs, feedback)
        todo = extra  # only the pre-training layer is left to discretize
    else:
        seqs = []
        todo = trajs if extra is None or not len(extra) else trajs.concatenate(extra)
    if todo is None or not len(todo):
        return trajs, seqs, vocab, report, []
    new, vocab = _discretize(todo, vocab, fit_grid, feedback)
    if not has_tokens:
        seqs, new = new[: len(trajs)], new[len(trajs) :]
    return trajs, seqs, vocab, report, [s for s in new if s.size]


def write_cluster_lines(alg, parameters, context, trajs, labels, columns, gt=None):
    """Trajectory lines with traj_id, cluster, the extra ``columns`` [(name, kind, values)], n_points and gt_label
    (when ``gt`` is given), categorized by cluster."""
    fields = [("traj_id", id_kind(trajs.ids)), ("cluster", "int")] + [(name, kind) for name, kind, _ in columns]
    fields.append(("n_points", "int"))
    values = {"traj_id": trajs.ids, "cluster": np.asarray(labels, np.int64), "n_points": trajs.lengths}
    for name, kind, v in columns:
        values[name] = _rounded(v) if kind == "double" else np.asarray(v)
    if gt is not None:
        fields.append(("gt_label", "string"))
        values["gt_label"] = np.array([None if v is None else str(py_value(v)) for v in gt], object)
    plan = alg.plan()
    plan.text(translate("DeepTraj", "Writing the clusters"))
    dest = write_lines(alg, parameters, "OUTPUT", context, plan.feedback, trajs, fields, values, plan.writing())
    alg.style_output(context, dest, lambda layer: styles.categorized(layer, "cluster"))
    return dest


def _rounded(values, digits=4):
    """Doubles rounded as Python's round() does (what the layers always held)."""
    return np.array([round(v, digits) for v in np.asarray(values, np.float64).tolist()], np.float64)


#: trajectories per chunk of the sink path (each chunk's features are built, written and dropped)
CHUNK = 20_000


def write_lines(alg, parameters, name, context, feedback, trajs, fields, values, progress=None, keep=None):
    """Write one LineString(M) (epoch seconds as M when ``trajs`` has times) per trajectory into the sink ``name``
    and return its destination id. ``fields``: [(name, kind)]; ``values``: {name: one value per trajectory};
    ``keep``: a boolean mask of the trajectories to write (all when None); ``progress``: a callable 0..100.

    A GeoPackage destination is written in bulk from the numpy columns (processing_provider/gpkg_writer.py), any
    other one feature by feature in chunks, so that memory stays that of one chunk of features. A one-point
    trajectory becomes a line of two equal vertices, as ``layer_io.line_geometry`` makes it."""
    from ..gpkg_writer import open_layer_writer

    idx = np.arange(len(trajs)) if keep is None else np.flatnonzero(keep)
    geometry = "LineStringM" if trajs.t is not None else "LineString"
    crs = QgsCoordinateReferenceSystem(trajs.crs)
    writer = open_layer_writer(alg, parameters, name, context, feedback, fields, geometry=geometry, crs=crs)
    progress = progress or (lambda v: None)
    if writer is None:
        return _write_lines_sink(alg, parameters, name, context, trajs, fields, values, idx, progress)
    for a in range(0, idx.size, 10 * CHUNK):
        part = idx[a : a + 10 * CHUNK]
        offsets, pts = _line_vertices(trajs.offsets, part)
        m = None if trajs.t is None else trajs.t[pts]
        cols = {f: np.asarray(values[f], object if kind == "string" else None)[part] for f, kind in fields}
        writer.add_lines(offsets, trajs.x[pts], trajs.y[pts], m, cols)
        progress(100.0 * (a + part.size) / max(idx.size, 1))
    return writer.finish()


def _line_vertices(offsets, part):
    """(offsets of the lines of the trajectories ``part``, their point indices), one-point ones doubled."""
    starts, lens = offsets[part], offsets[part + 1] - offsets[part]
    n_vert = np.maximum(lens, 2)
    out = np.zeros(part.size + 1, np.int64)
    np.cumsum(n_vert, out=out[1:])
    # point index of each vertex: its line's start + its position, the last point repeated on a doubled line
    pos = np.arange(out[-1]) - np.repeat(out[:-1], n_vert)
    return out, np.repeat(starts, n_vert) + np.minimum(pos, np.repeat(lens - 1, n_vert))


def _write_lines_sink(alg, parameters, name, context, trajs, fields, values, idx, progress):
    """The feature-by-feature path of :func:`write_lines`."""
    from qgis.core import QgsFeature, QgsFeatureSink

    qfields = make_fields(fields)
    wkb = QgsWkbTypes.LineStringM if trajs.t is not None else QgsWkbTypes.LineString
    sink, dest = alg.parameterAsSink(parameters, name, context, qfields, wkb, QgsCoordinateReferenceSystem(trajs.crs))
    if sink is None:
        raise QgsProcessingException(alg.invalidSinkError(parameters, name))
    cols = [np.asarray(values[f], object if kind == "string" else None) for f, kind in fields]
    off, t = trajs.offsets, trajs.t
    for a in range(0, idx.size, CHUNK):
        batch = []
        for i in idx[a : a + CHUNK].tolist():
            s, e = off[i], off[i + 1]
            f = QgsFeature(qfields)
            f.setGeometry(line_geometry(trajs.x[s:e], trajs.y[s:e], None if t is None else t[s:e]))
            f.setAttributes([py_value(c[i]) for c in cols])
            batch.append(f)
        sink.addFeatures(batch, QgsFeatureSink.FastInsert)
        progress(100.0 * min(a + CHUNK, idx.size) / max(idx.size, 1))
    del sink
    return dest


def score_against_ground_truth(trajs, gt_field, labelings, results, feedback):
    """Scores of each {name: labels} against the per-trajectory ``gt_field`` (NULL/negative labels left out).

    The first labeling's scores go into ``results`` as UACC/NMI/RI/ARI. Returns ({name: scores}, gt values)."""
    from ...models.e2dtc.report import CHANCE, chance_scores, ground_truth_scores, score_figures

    gt_values = trajs.first_values(gt_field)
    scores, n_scored = ground_truth_scores(gt_values, labelings)
    if not scores:
        feedback.pushWarning(f"GROUND_TRUTH_FIELD: fewer than 2 trajectories have a label in '{gt_field}'; no scores.")
        return {}, gt_values
    first = next(iter(scores))
    results.update(scores[first])
    results["N_SCORED"] = n_scored
    if len(scores) > 1:  # the second labeling is the first one's baseline (E2DTC: pre-training + k-means)
        base_name = next(iter(list(scores)[1:]))
        baseline = scores[base_name]
    else:
        base_name, baseline = CHANCE, chance_scores(gt_values, labelings[first])
    prefix = "{0} against '{1}' ({2} trajectories): ".format(first, gt_field, n_scored)
    push_figures(feedback, score_figures(scores[first], baseline, base_name), prefix)
    return scores, gt_values
