"""deeptraj:e2dtctrain - train E2DTC deep trajectory clustering on a trajectory layer, write the model, the
clustered trajectories and an HTML report."""

from __future__ import annotations

import numpy as np
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingParameterCrs,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterNumber,
    QgsWkbTypes,
)

from . import styles
from .base import DeepTrajAlgorithm, torch_threads, translate
from .layer_io import id_kind, make_fields, py_value, write_trajectory_lines

TOKENS_FIELD = "tokens"  # the OUTPUT_SEQUENCES field of discretizegrid
PRETRAIN_INPUT = "PRETRAIN_INPUT"
PRETRAIN_TRAJ_ID_FIELD = "PRETRAIN_TRAJ_ID_FIELD"
PRETRAIN_TIME_FIELD = "PRETRAIN_TIME_FIELD"


def add_pretrain_parameters(alg, label):
    """PRETRAIN_INPUT (an optional layer of more trajectories for t2vec pre-training only) with its ID/time fields."""
    alg.addParameter(
        QgsProcessingParameterFeatureSource(
            PRETRAIN_INPUT, label, [QgsProcessing.TypeVectorPoint, QgsProcessing.TypeVectorLine], optional=True
        )
    )
    for name, text in (
        (PRETRAIN_TRAJ_ID_FIELD, translate("DeepTraj", "Pre-training trajectories: ID field (empty = the input's)")),
        (PRETRAIN_TIME_FIELD, translate("DeepTraj", "Pre-training trajectories: time field (empty = the input's)")),
    ):
        p = QgsProcessingParameterField(name, text, parentLayerParameterName=PRETRAIN_INPUT, optional=True)
        p.setFlags(p.flags() | p.FlagAdvanced)
        alg.addParameter(p)


def read_pretrain_trajectories(alg, parameters, context, feedback, trajs):
    """The PRETRAIN_INPUT trajectories (None when not given), without those whose ID is also in ``trajs``."""
    from .layer_io import attribute_key, read_trajectories

    source = alg.parameterAsSource(parameters, PRETRAIN_INPUT, context)
    if source is None:
        return None
    fields = source.fields()

    def field(name, fallback):
        value = alg.parameterAsString(parameters, name, context)
        if value:
            return value
        value = alg.parameterAsString(parameters, fallback, context)
        return value if value and fields.lookupField(value) >= 0 else None

    id_field = field(PRETRAIN_TRAJ_ID_FIELD, alg.TRAJ_ID_FIELD)
    time_field = field(PRETRAIN_TIME_FIELD, alg.TIME_FIELD)
    interval = alg.parameterAsDouble(parameters, alg.SAMPLING_INTERVAL, context)
    extra, _ = read_trajectories(
        source,
        id_field,
        time_field,
        feedback,
        interval=interval,
        names=(PRETRAIN_INPUT, PRETRAIN_TRAJ_ID_FIELD, PRETRAIN_TIME_FIELD),
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


def read_token_sequences(alg, parameters, context, feedback, vocab, extra_fields=(), fit_grid=None, pretrain=False):
    """(trajectories, token sequences as a list of arrays, vocabulary, cleaning report, pre-training sequences).

    A layer made by discretizegrid (its ``tokens`` field) is used as it is with ``vocab``; any other trajectory
    layer is discretized here, with ``vocab`` when given, else with a grid fitted by ``fit_grid()``. With
    ``pretrain`` the PRETRAIN_INPUT trajectories are discretized alike (the grid is fitted on both layers) and
    returned as the last item (an empty list without that layer)."""
    from ..models.core.discretize import UNK, GridDiscretizer
    from ..models.e2dtc.model import as_sequence_list

    source = alg.parameterAsSource(parameters, alg.INPUT, context)
    has_tokens = source is not None and source.fields().lookupField(TOKENS_FIELD) >= 0 and vocab is not None
    fields = tuple(extra_fields) + ((TOKENS_FIELD,) if has_tokens else ())
    trajs, report = alg.read_trajectories(parameters, context, feedback, extra_fields=fields)
    extra = read_pretrain_trajectories(alg, parameters, context, feedback, trajs) if pretrain else None
    if has_tokens:
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
        todo = extra  # only the pre-training layer is left to discretize
    else:
        seqs = []
        todo = trajs if extra is None or not len(extra) else trajs.concatenate(extra)
    if todo is None or not len(todo):
        return trajs, seqs, vocab, report, []
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
    new = as_sequence_list(seq)
    if not has_tokens:
        seqs, new = new[: len(trajs)], new[len(trajs) :]
    return trajs, seqs, disc.vocab_, report, [s for s in new if s.size]


def write_cluster_lines(alg, parameters, context, trajs, labels, columns, gt=None):
    """Trajectory lines with traj_id, cluster, the extra ``columns`` [(name, kind, values)], n_points and gt_label
    (when ``gt`` is given), categorized by cluster."""
    fields = [("traj_id", id_kind(trajs.ids)), ("cluster", "int")] + [(name, kind) for name, kind, _ in columns]
    fields.append(("n_points", "int"))
    if gt is not None:
        fields.append(("gt_label", "string"))
    qfields = make_fields(fields)
    wkb = QgsWkbTypes.LineStringM if trajs.t is not None else QgsWkbTypes.LineString
    sink, dest = alg.parameterAsSink(
        parameters, alg.OUTPUT, context, qfields, wkb, QgsCoordinateReferenceSystem(trajs.crs)
    )
    if sink is None:
        raise QgsProcessingException(alg.invalidSinkError(parameters, alg.OUTPUT))
    n_points = trajs.lengths
    cast = {"int": int, "double": lambda v: round(float(v), 4), "string": str}
    rows = []
    for i in range(len(trajs)):
        row = [trajs.ids[i], int(labels[i])] + [cast[kind](values[i]) for _, kind, values in columns]
        row.append(int(n_points[i]))
        if gt is not None:
            row.append(None if gt[i] is None else str(py_value(gt[i])))
        rows.append(row)
    write_trajectory_lines(sink, trajs, qfields, rows)
    del sink
    alg.style_output(context, dest, lambda layer: styles.categorized(layer, "cluster"))
    return dest


def score_against_ground_truth(trajs, gt_field, labelings, results, feedback):
    """Scores of each {name: labels} against the per-trajectory ``gt_field`` (NULL/negative labels left out).

    The first labeling's scores go into ``results`` as UACC/NMI/RI/ARI. Returns ({name: scores}, gt values)."""
    from ..models.core.metrics import clustering_scores, encode_labels

    gt_values = trajs.first_values(gt_field)
    codes, keep = encode_labels(gt_values)
    if keep.sum() < 2:
        feedback.pushWarning(f"GROUND_TRUTH_FIELD: fewer than 2 trajectories have a label in '{gt_field}'; no scores.")
        return {}, gt_values
    scores = {name: clustering_scores(codes[keep], labels[keep]) for name, labels in labelings.items()}
    first = next(iter(scores))
    results.update(scores[first])
    results["N_SCORED"] = int(keep.sum())
    feedback.pushInfo(
        "Scores of {0} against '{1}' ({2} trajectories): ".format(first, gt_field, int(keep.sum()))
        + ", ".join(f"{key} {v:.3f}" for key, v in scores[first].items())
    )
    return scores, gt_values


class E2DTCTrainAlgorithm(DeepTrajAlgorithm):
    NAME = "e2dtctrain"
    GROUP_ID = "clustering"
    REQUIRES = ("numpy", "pandas", "scipy", "sklearn", "pyproj", "torch")

    VOCAB = "VOCAB"
    CELL_SIZE = "CELL_SIZE"
    GRID_CRS = "GRID_CRS"
    MIN_FREQ = "MIN_FREQ"
    N_CLUSTERS = "N_CLUSTERS"
    PRESET = "PRESET"
    PRETRAIN_EPOCHS = "PRETRAIN_EPOCHS"
    SELFTRAIN_EPOCHS = "SELFTRAIN_EPOCHS"
    BETA = "BETA"
    GAMMA = "GAMMA"
    LEARNING_RATE = "LEARNING_RATE"
    BATCH_SIZE = "BATCH_SIZE"
    HIDDEN_SIZE = "HIDDEN_SIZE"
    LAYERS = "LAYERS"
    SEED = "SEED"
    GROUND_TRUTH_FIELD = "GROUND_TRUTH_FIELD"
    MODEL_FILE = "MODEL_FILE"
    OUTPUT = "OUTPUT"
    OUTPUT_REPORT = "OUTPUT_REPORT"
    PRESETS = ["fast-cpu", "paper"]

    def displayName(self):
        return self.tr("E2DTC: train deep trajectory clustering")

    def shortHelpString(self):
        return self.tr(
            "<p>Clusters trajectories with E2DTC (Fang et al., ICDE 2021): a t2vec sequence-to-sequence GRU learns "
            "trajectory embeddings from grid-cell sequences (pre-training with the spatial-proximity-aware loss), "
            "k-means gives initial centroids, then self-training sharpens the clusters with KL(P||Q) and a triplet "
            "loss (L = Lr + β·Lc + γ·Lt).</p>"
            "<p><b>Input trajectories</b>: points with a trajectory ID (and time), lines, or the <i>Token "
            "sequences</i> layer of <i>Discretize trajectories to a square grid</i> together with its "
            "<b>Vocabulary</b> file. Without a vocabulary the trajectories are discretized here with <b>Cell "
            "size</b> (default 300 m, paper), <b>Grid CRS</b> (EPSG:3857) and <b>Hot-cell threshold</b> (1).</p>"
            "<p><b>Number of clusters</b> (default 12; 0 = choose with the elbow of k-means over k = 2..22, paper "
            "§VII-G). <b>Preset</b>: fast-CPU (1-layer GRU, hidden 128, 2 pairs per trajectory: minutes on a "
            "laptop) or paper (3 layers, hidden 256, embedding 256, 16 pairs per trajectory: hours on a CPU). "
            "<b>Pre-training / self-training epochs</b>, <b>Hidden size</b>, <b>Layers</b> and <b>Batch size</b> "
            "override the preset when set. <b>β</b> (0.1) and <b>γ</b> (0.1) weigh the clustering and triplet "
            "losses; <b>Learning rate</b> (1e-4) is the self-training Adam rate. <b>Seed</b> makes runs "
            "repeatable.</p>"
            "<p><b>More trajectories for pre-training only</b> (optional; points or lines, discretized on the same "
            "grid; their ID and time fields default to the input's): t2vec also learns from them, but only the input "
            "is clustered, e.g. the input is the part of an archive you want clustered and this layer is the whole "
            "archive. Trajectories whose ID is also in the input are used once. The deep model needs thousands of "
            "trajectories: with a few hundred to cluster, pre-training on more trips of the same area is the "
            "largest gain.</p>"
            "<p><b>Ground-truth field</b> (optional, e.g. gt_label of <i>Ground-truth clusters around centres</i>): "
            "the results and report then give UACC, NMI, RI and ARI, for E2DTC and for pre-training + k-means; "
            "NULL and negative labels are left out of the scores. Training never looks at it.</p>"
            "<p>Outputs: the <b>Model file</b> (weights, parameters and the vocabulary, to apply with <i>E2DTC: "
            "apply a trained model</i>), <b>Clustered trajectories</b> (lines with cluster and confidence = the "
            "largest soft assignment q; categorized by cluster) and an HTML <b>Report</b> with the loss curves, the "
            "share of changed assignments, the elbow curve and the scores. Training runs in the background and "
            "can be cancelled: no model file is written then.</p>"
        )

    def initAlgorithm(self, config=None):
        self.add_trajectory_parameters()
        self.addParameter(
            QgsProcessingParameterFile(
                self.VOCAB,
                self.tr("Vocabulary (JSON of a grid discretization; optional)"),
                extension="json",
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.CELL_SIZE,
                self.tr("Cell size (metres, without a vocabulary)"),
                QgsProcessingParameterNumber.Double,
                300.0,
                minValue=0.001,
            )
        )
        p = QgsProcessingParameterCrs(self.GRID_CRS, self.tr("Grid CRS"), "EPSG:3857", optional=True)
        p.setFlags(p.flags() | p.FlagAdvanced)
        self.addParameter(p)
        p = QgsProcessingParameterNumber(
            self.MIN_FREQ, self.tr("Hot-cell threshold (visits)"), QgsProcessingParameterNumber.Integer, 1, minValue=1
        )
        p.setFlags(p.flags() | p.FlagAdvanced)
        self.addParameter(p)
        self.addParameter(
            QgsProcessingParameterNumber(
                self.N_CLUSTERS,
                self.tr("Number of clusters (0 = automatic elbow)"),
                QgsProcessingParameterNumber.Integer,
                12,
                minValue=0,
            )
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                self.PRESET, self.tr("Preset"), options=[self.tr("fast-CPU"), self.tr("paper")], defaultValue=0
            )
        )
        self.add_numbers(
            (
                (self.PRETRAIN_EPOCHS, self.tr("Pre-training epochs (empty = preset)"), "int", None, 0),
                (self.SELFTRAIN_EPOCHS, self.tr("Self-training epochs (empty = preset)"), "int", None, 0),
                (self.BETA, self.tr("β: weight of the clustering loss"), "double", 0.1, 0.0),
                (self.GAMMA, self.tr("γ: weight of the triplet loss"), "double", 0.1, 0.0),
                (self.LEARNING_RATE, self.tr("Self-training learning rate"), "double", 1e-4, 1e-9),
                (self.BATCH_SIZE, self.tr("Batch size (empty = preset)"), "int", None, 2),
                (self.HIDDEN_SIZE, self.tr("Hidden size (even; empty = preset)"), "int", None, 2),
                (self.LAYERS, self.tr("GRU layers (empty = preset)"), "int", None, 1),
            )
        )
        self.add_numbers([(self.SEED, self.tr("Random seed"), "int", 0, 0)], advanced=False)
        add_pretrain_parameters(self, self.tr("More trajectories for pre-training only (optional)"))
        self.addParameter(
            QgsProcessingParameterField(
                self.GROUND_TRUTH_FIELD,
                self.tr("Ground-truth field (optional, for scores only)"),
                parentLayerParameterName=self.INPUT,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFileDestination(
                self.MODEL_FILE, self.tr("Model file"), "DeepTraj E2DTC model (*.e2dtc)"
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT, self.tr("Clustered trajectories"), QgsProcessing.TypeVectorLine
            )
        )
        self.addParameter(
            QgsProcessingParameterFileDestination(
                self.OUTPUT_REPORT, self.tr("Report"), "HTML files (*.html)", optional=True
            )
        )

    def process(self, parameters, context, feedback):
        from ..models.core.discretize import GridDiscretizer, Vocabulary
        from ..models.core.trajectories import TrajectoryDataError
        from ..models.e2dtc.model import E2DTC, make_params

        vocab = None
        vocab_path = self.parameterAsFile(parameters, self.VOCAB, context)
        if vocab_path:
            try:
                vocab = Vocabulary.load(vocab_path)
            except TrajectoryDataError as e:
                raise QgsProcessingException(f"VOCAB: {e}")
        size = self.parameterAsDouble(parameters, self.CELL_SIZE, context)
        grid_crs = self.crs_parameter(parameters, self.GRID_CRS, context, "EPSG:3857")
        if grid_crs.isGeographic():
            raise QgsProcessingException(self.tr("GRID_CRS must be a projected CRS (metres), such as EPSG:3857."))
        min_freq = self.parameterAsInt(parameters, self.MIN_FREQ, context)
        gt_field = self.parameterAsString(parameters, self.GROUND_TRUTH_FIELD, context) or None
        feedback.setProgressText(self.tr("Reading and discretizing trajectories"))
        trajs, seqs, vocab, report, extra_seqs = read_token_sequences(
            self,
            parameters,
            context,
            feedback,
            vocab,
            extra_fields=(gt_field,) if gt_field else (),
            fit_grid=lambda: GridDiscretizer(
                cell_size=size, crs=grid_crs.authid() or grid_crs.toWkt(), min_freq=min_freq
            ),
            pretrain=True,
        )
        k = self.parameterAsInt(parameters, self.N_CLUSTERS, context)
        n = len(seqs)
        params = make_params(
            self.PRESETS[self.parameterAsEnum(parameters, self.PRESET, context)],
            n_clusters=k,
            pretrain_epochs=self.optional_number(parameters, self.PRETRAIN_EPOCHS, context),
            selftrain_epochs=self.optional_number(parameters, self.SELFTRAIN_EPOCHS, context),
            batch_size=self.optional_number(parameters, self.BATCH_SIZE, context),
            hidden_size=self.optional_number(parameters, self.HIDDEN_SIZE, context),
            num_layers=self.optional_number(parameters, self.LAYERS, context),
            beta=self.parameterAsDouble(parameters, self.BETA, context),
            gamma=self.parameterAsDouble(parameters, self.GAMMA, context),
            learning_rate=self.parameterAsDouble(parameters, self.LEARNING_RATE, context),
            seed=self.parameterAsInt(parameters, self.SEED, context),
        )
        model = E2DTC(params, n_threads=torch_threads())
        progress, cancel = self.callbacks(feedback, 5, 95)
        feedback.setProgressText(self.tr("Training E2DTC (pre-training, k-means, self-training)"))
        model.fit(seqs, vocab, progress=progress, cancel=cancel, log=feedback.pushInfo, extra_sequences=extra_seqs)
        if feedback.isCanceled():
            raise QgsProcessingException(self.tr("Cancelled by the user: no output was written."))

        labels, q = model.labels_, model.proba_  # the assignments fit ends with: no second encoding pass
        results = {
            "N_TRAJECTORIES": n,
            "N_PRETRAIN": int(model.history_["n_pretrain"]),
            "N_CLUSTERS": int(model.params.n_clusters),
            "CLUSTER_SIZES": np.bincount(labels, minlength=model.params.n_clusters).tolist(),
        }
        scores, gt_values = {}, None
        if gt_field:
            scores, gt_values = score_against_ground_truth(
                trajs, gt_field, {"E2DTC": labels, "pre-training + k-means": model.pretrain_labels_}, results, feedback
            )
            for key, v in scores.get("pre-training + k-means", {}).items():
                results[f"{key}_PRETRAIN_KMEANS"] = v

        model_path = self.parameterAsFileOutput(parameters, self.MODEL_FILE, context)
        model.save(
            model_path,
            extra={
                "input": {"traj_id_field": self.parameterAsString(parameters, self.TRAJ_ID_FIELD, context)},
                "scores": scores,
            },
        )
        results[self.MODEL_FILE] = model_path
        results[self.OUTPUT] = write_cluster_lines(
            self,
            parameters,
            context,
            trajs,
            labels,
            [("confidence", "double", q.max(axis=1)), ("n_tokens", "int", [s.size for s in seqs])],
            gt_values,
        )
        report_path = self.parameterAsFileOutput(parameters, self.OUTPUT_REPORT, context)
        if report_path:
            write_training_report(report_path, model, scores, results)
            results[self.OUTPUT_REPORT] = report_path
        results.update(report)
        return results


def write_training_report(path, model, scores, results):
    from ..models.core.report import line_chart, table, write_html

    h = model.history_
    p = model.params
    sections = [
        (
            translate("DeepTraj", "Result"),
            table(
                [
                    ("trajectories", results["N_TRAJECTORIES"]),
                    ("pre-trained on", results["N_PRETRAIN"]),
                    ("clusters", results["N_CLUSTERS"]),
                    ("cluster sizes", ", ".join(map(str, results["CLUSTER_SIZES"]))),
                ]
            ),
        )
    ]
    if scores:
        sections.append(
            (
                translate("DeepTraj", "Scores against the ground truth"),
                table(
                    [(name, *(s[k] for k in ("UACC", "NMI", "RI", "ARI"))) for name, s in scores.items()],
                    header=("method", "UACC", "NMI", "RI", "ARI"),
                ),
            )
        )
    sections.append(
        (
            translate("DeepTraj", "Pre-training (t2vec)"),
            line_chart(
                {"reconstruction loss": list(enumerate(h.get("pretrain_loss", []), 1))},
                "spatial-proximity-aware loss per epoch",
                "epoch",
                "loss",
            ),
        )
    )
    st = h.get("selftrain", [])
    sections.append(
        (
            translate("DeepTraj", "Self-training"),
            line_chart(
                {
                    key: [(i + 1, e[key]) for i, e in enumerate(st)]
                    for key in ("total", "reconstruction", "clustering", "triplet")
                },
                "losses per epoch",
                "epoch",
                "loss",
            )
            + line_chart(
                {"triplets inside the margin": [(i + 1, e["active_triplets"]) for i, e in enumerate(st)]},
                "share of triplets with a non-zero loss (the others do not move the encoder)",
                "epoch",
                "share",
            )
            + line_chart(
                {"changed assignments": [(s, c) for s, c in h.get("changed", [])]},
                "share of assignments changed at each target update",
                "batch",
                "share",
            ),
        )
    )
    if h.get("elbow"):
        sections.append(
            (
                translate("DeepTraj", "Choosing k (elbow)"),
                line_chart(
                    {"k-means inertia": h["elbow"]}, f"elbow at k = {p.n_clusters}", "k", "sum of squared distances"
                ),
            )
        )
    sections.append((translate("DeepTraj", "Parameters"), table(sorted((k, str(v)) for k, v in vars(p).items()))))
    write_html(path, "E2DTC training report", sections)
