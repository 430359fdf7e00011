"""deeptraj:mobilityembedtrain - train the Transformer + BiLSTM mobility-embedding model on user-days (or
trajectories) by next-location prediction; write the model and an HTML report with the out-of-sample evaluation."""

from __future__ import annotations

import numpy as np
from qgis.core import (
    QgsProcessingException,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterCrs,
    QgsProcessingParameterEnum,
    QgsProcessingParameterField,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterNumber,
)

from .base import DeepTrajAlgorithm, torch_threads, translate

LYMOB_FIELDS = ("uid", "d", "t", "x", "y")
GROUP_BY_OPTIONS = ("user-day", "trajectory")


def mobility_input_parameters(alg):
    """INPUT points, TRAJ_ID_FIELD, TIME_FIELD (required) and USER_FIELD (shared by train and apply)."""
    alg.add_trajectory_parameters(lines=False, optional_time=False)
    alg.addParameter(
        QgsProcessingParameterField(
            alg.USER_FIELD,
            translate("DeepTraj", "User field (user-days; LYMob: uid)"),
            parentLayerParameterName=alg.INPUT,
            optional=True,
        )
    )


def read_mobility_sequences(alg, parameters, context, feedback, group_by, resample_s=None, tz_offset_s=None, crs=None):
    """(MobilitySequences in a metric CRS, trajectories read, settings dict, cleaning report).

    ``resample_s``/``tz_offset_s`` None: the defaults (30 min for user-days, 1 min for trajectories; the solar
    offset of the data's longitude, or UTC for a LYMob import). ``crs``: the metric CRS to use (a model's)."""
    from ..models.core.crs import transform_xy
    from ..models.core.timeparse import solar_offset_s
    from ..models.mobility.model import MobilityDataError, build_sequences
    from .layer_io import read_trajectories

    source = alg.parameterAsSource(parameters, alg.INPUT, context)
    if source is None:
        raise QgsProcessingException(alg.invalidSourceError(parameters, alg.INPUT))
    user_field = alg.parameterAsString(parameters, alg.USER_FIELD, context) or None
    traj_field = alg.parameterAsString(parameters, alg.TRAJ_ID_FIELD, context) or None
    time_field = alg.parameterAsString(parameters, alg.TIME_FIELD, context)  # a required parameter
    if group_by == "user-day":
        group_field = user_field or traj_field
        if not group_field:
            raise QgsProcessingException(
                "USER_FIELD: grouping by user-day needs the field that identifies the user (uid for a LYMob "
                "import); or group by trajectory with a TRAJ_ID_FIELD."
            )
        if not user_field:
            feedback.pushWarning(f"No USER_FIELD: every value of '{traj_field}' is taken as one user.")
    else:
        if not traj_field:
            raise QgsProcessingException("TRAJ_ID_FIELD: grouping by trajectory needs the trajectory ID field.")
        group_field = traj_field
    extra = (user_field,) if user_field and user_field != group_field else ()
    layer = alg.parameterAsVectorLayer(parameters, alg.INPUT, context)
    trajs, report = read_trajectories(
        source,
        group_field,
        time_field,
        feedback,
        min_points=1,
        layer=layer,
        parameter_value=parameters.get(alg.INPUT),
        extra_fields=extra,
    )
    names = [n.lower() for n in source.fields().names()]
    lymob = all(f in names for f in LYMOB_FIELDS)
    if tz_offset_s is None:
        if lymob:
            tz_offset_s = 0
            feedback.pushInfo("LYMob import detected: days and slots in UTC from the import's start date.")
        else:
            lon, _ = transform_xy([float(np.mean(trajs.x))], [float(np.mean(trajs.y))], trajs.crs, "EPSG:4326")
            tz_offset_s = solar_offset_s(lon[0])
            feedback.pushInfo(
                f"Days and times of day in UTC{tz_offset_s / 3600:+g} h (from the data's longitude; "
                "set TIME_ZONE to change it)."
            )
    if resample_s is None:
        resample_s = 1800 if group_by == "user-day" else 60
    metric = trajs.to_metric(crs) if crs else alg.metric_trajectories(trajs, parameters, alg.CRS, context, feedback)
    user = trajs.attrs[extra[0]] if extra else None
    try:
        seqs = build_sequences(
            np.repeat(trajs.ids, trajs.lengths),
            user,
            metric.x,
            metric.y,
            trajs.t,
            group_by=group_by,
            resample_s=resample_s,
            tz_offset_s=tz_offset_s,
        )
    except MobilityDataError as e:
        raise QgsProcessingException(f"INPUT: {e}")
    if seqs.n_short:
        feedback.pushWarning(
            f"{seqs.n_short} of {seqs.n_groups} {group_by} group(s) have fewer than 2 records "
            f"(one per {resample_s / 60:g} min) and were left out."
        )
    feedback.pushInfo(
        f"{len(seqs)} sequences ({group_by}) of {seqs.n_records} records, {len(set(map(str, seqs.users)))} users."
    )
    settings = {
        "group_by": group_by,
        "resample_s": float(resample_s),
        "tz_offset_s": int(tz_offset_s),
        "crs": metric.crs,
    }
    return seqs, trajs, settings, report


class MobilityEmbedTrainAlgorithm(DeepTrajAlgorithm):
    NAME = "mobilityembedtrain"
    GROUP_ID = "embedding"
    REQUIRES = ("numpy", "pandas", "scipy", "sklearn", "pyproj", "torch")

    USER_FIELD = "USER_FIELD"
    GROUP_BY = "GROUP_BY"
    RESAMPLE_MINUTES = "RESAMPLE_MINUTES"
    TIME_ZONE = "TIME_ZONE"
    CELL_SIZE = "CELL_SIZE"
    PRESET = "PRESET"
    EPOCHS = "EPOCHS"
    D_MODEL = "D_MODEL"
    HEADS = "HEADS"
    TRANSFORMER_LAYERS = "TRANSFORMER_LAYERS"
    LSTM_HIDDEN = "LSTM_HIDDEN"
    LSTM_LAYERS = "LSTM_LAYERS"
    NOISE = "NOISE"
    PATIENCE = "PATIENCE"
    VALIDATION_USERS = "VALIDATION_USERS"
    USER_EMBEDDING = "USER_EMBEDDING"
    SEED = "SEED"
    CRS = "CRS"
    MODEL_FILE = "MODEL_FILE"
    OUTPUT_REPORT = "OUTPUT_REPORT"
    PRESETS = ["fast-cpu", "post"]

    def displayName(self):
        return self.tr("Mobility embeddings: train (Transformer + BiLSTM)")

    def shortHelpString(self):
        return self.tr(
            "<p>Trains the hybrid Transformer + bidirectional-LSTM model of the LYMob-4Cities \"Experiment 21\" post "
            "that turns each user-day (or trajectory) into a 512-value embedding. Self-supervised: the model "
            "predicts the next location of a sequence from the records before it (the target is never part of the "
            "input), with Gaussian noise on the input coordinates and early stopping on held-out users.</p>"
            "<p><b>Input trajectory points</b> with a <b>Time field</b>: a LYMob / YJMob100K import (user field "
            "uid), GPS points with a user field, or any trajectories. <b>Group by</b>: user-day (one sequence per "
            "user and local day; needs the <b>User field</b>) or trajectory (needs the <b>Trajectory ID field</b>). "
            "<b>Resampling interval</b> (minutes; empty = 30 for user-days as LYMob's slots, 1 for trajectories): "
            "only the first point of each interval is kept. <b>Time zone</b> (hours from UTC; empty = from the "
            "data's longitude, UTC for a LYMob import) sets the local day, the half-hour slot and the day of week. "
            "<b>Cell size</b> (500 m, LYMob's cells): the locations predicted.</p>"
            "<p><b>Preset</b>: fast-CPU (d_model 64, 1 transformer block, 12 epochs) or post (d_model 128, 2 blocks, "
            "50 epochs); both use a 2-layer BiLSTM of 256 units, i.e. 512-value embeddings. The advanced sizes "
            "override the preset. <b>Validation users</b> (share, 0.1): users held out for early stopping and for "
            "the out-of-sample figures of the report. <b>User embedding</b> (off): adds a learned user vector to "
            "the prediction head only (never to the embedding); unseen users get the \"unknown\" vector. "
            "<b>CRS</b> (advanced, empty = the UTM zone of the data).</p>"
            "<p>Outputs: the <b>Model file</b> and an HTML <b>Report</b>: loss curves, next-location accuracy@1/@5 "
            "of the model on the held-out users next to the most-frequent-location and first-order Markov "
            "baselines, user re-identification across days from the embeddings and from the baselines' features, "
            "and the PCA explained variance after standardisation. Apply it with <i>Mobility embeddings: embed "
            "trajectories</i>.</p>"
        )

    def initAlgorithm(self, config=None):
        mobility_input_parameters(self)
        self.addParameter(
            QgsProcessingParameterEnum(
                self.GROUP_BY, self.tr("Group by"), options=[self.tr("user-day"), self.tr("trajectory")], defaultValue=0
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.RESAMPLE_MINUTES,
                self.tr("Resampling interval (minutes; empty = 30 for user-days, 1 for trajectories)"),
                QgsProcessingParameterNumber.Double,
                None,
                optional=True,
                minValue=0.0,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.TIME_ZONE,
                self.tr("Time zone, hours from UTC (empty = from the data)"),
                QgsProcessingParameterNumber.Double,
                None,
                optional=True,
                minValue=-12.0,
                maxValue=14.0,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.CELL_SIZE,
                self.tr("Location cell size (metres)"),
                QgsProcessingParameterNumber.Double,
                500.0,
                minValue=1.0,
            )
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                self.PRESET,
                self.tr("Preset"),
                options=[self.tr("fast-CPU"), self.tr("post (Experiment 21)")],
                defaultValue=0,
            )
        )
        self.add_numbers(
            (
                (self.EPOCHS, self.tr("Epochs (empty = preset)"), "int", None, 0),
                (self.D_MODEL, self.tr("Transformer width d_model (empty = preset)"), "int", None, 2),
                (self.HEADS, self.tr("Attention heads (empty = preset)"), "int", None, 1),
                (self.TRANSFORMER_LAYERS, self.tr("Transformer blocks (empty = preset)"), "int", None, 0),
                (self.LSTM_HIDDEN, self.tr("BiLSTM hidden size (embedding = 2 x; empty = preset)"), "int", None, 1),
                (self.LSTM_LAYERS, self.tr("BiLSTM layers (empty = preset)"), "int", None, 1),
                (self.NOISE, self.tr("Gaussian noise on input coordinates (metres)"), "double", 50.0, 0.0),
                (self.PATIENCE, self.tr("Early-stopping patience (epochs; empty = preset)"), "int", None, 1),
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.VALIDATION_USERS,
                self.tr("Validation users (share held out)"),
                QgsProcessingParameterNumber.Double,
                0.1,
                minValue=0.0,
                maxValue=0.9,
            )
        )
        p = QgsProcessingParameterBoolean(
            self.USER_EMBEDDING, self.tr("User embedding in the prediction head"), defaultValue=False
        )
        p.setFlags(p.flags() | p.FlagAdvanced)
        self.addParameter(p)
        self.addParameter(
            QgsProcessingParameterNumber(
                self.SEED, self.tr("Random seed"), QgsProcessingParameterNumber.Integer, 0, minValue=0
            )
        )
        p = QgsProcessingParameterCrs(self.CRS, self.tr("Metric CRS (empty = UTM zone of the data)"), optional=True)
        p.setFlags(p.flags() | p.FlagAdvanced)
        self.addParameter(p)
        self.addParameter(
            QgsProcessingParameterFileDestination(
                self.MODEL_FILE, self.tr("Model file"), "DeepTraj mobility-embedding model (*.mobemb)"
            )
        )
        self.addParameter(
            QgsProcessingParameterFileDestination(
                self.OUTPUT_REPORT, self.tr("Report"), "HTML files (*.html)", optional=True
            )
        )

    def process(self, parameters, context, feedback):
        from ..models.mobility import model as mb

        group_by = GROUP_BY_OPTIONS[self.parameterAsEnum(parameters, self.GROUP_BY, context)]
        resample = self.optional_number(parameters, self.RESAMPLE_MINUTES, context, float)
        tz = self.optional_number(parameters, self.TIME_ZONE, context, float)
        feedback.setProgressText(self.tr("Reading trajectories into sequences"))
        seqs, _, settings, report = read_mobility_sequences(
            self,
            parameters,
            context,
            feedback,
            group_by,
            None if resample is None else resample * 60,
            None if tz is None else int(round(tz * 3600)),
        )
        if len(seqs) < 2:
            raise QgsProcessingException(
                f"INPUT: training needs at least 2 sequences with 2 or more records; there is {len(seqs)}."
            )
        try:
            params = mb.make_params(
                self.PRESETS[self.parameterAsEnum(parameters, self.PRESET, context)],
                epochs=self.optional_number(parameters, self.EPOCHS, context),
                d_model=self.optional_number(parameters, self.D_MODEL, context),
                n_heads=self.optional_number(parameters, self.HEADS, context),
                transformer_layers=self.optional_number(parameters, self.TRANSFORMER_LAYERS, context),
                lstm_hidden=self.optional_number(parameters, self.LSTM_HIDDEN, context),
                lstm_layers=self.optional_number(parameters, self.LSTM_LAYERS, context),
                patience=self.optional_number(parameters, self.PATIENCE, context),
                noise_m=self.parameterAsDouble(parameters, self.NOISE, context),
                cell_size=self.parameterAsDouble(parameters, self.CELL_SIZE, context),
                validation_share=self.parameterAsDouble(parameters, self.VALIDATION_USERS, context),
                use_user_embedding=self.parameterAsBool(parameters, self.USER_EMBEDDING, context),
                seed=self.parameterAsInt(parameters, self.SEED, context),
            )
        except ValueError as e:
            if "multiple of n_heads" in str(e):
                raise QgsProcessingException(f"D_MODEL must be a multiple of HEADS ({e}).")
            raise QgsProcessingException(str(e))
        model = mb.MobilityEmbedder(params, n_threads=torch_threads())
        feedback.setProgressText(self.tr("Training by next-location prediction"))
        progress, cancel = self.callbacks(feedback, 5, 85)
        model.fit(seqs, progress=progress, cancel=cancel, log=feedback.pushInfo)
        feedback.setProgressText(self.tr("Out-of-sample evaluation on the validation users"))
        evaluation = evaluate_model(model, seqs, cancel)
        feedback.setProgress(95)
        model_path = self.parameterAsFileOutput(parameters, self.MODEL_FILE, context)
        model.save(model_path, extra={"settings": settings, "evaluation": evaluation})
        h = model.history_
        results = {
            self.MODEL_FILE: model_path,
            "N_SEQUENCES": len(seqs),
            "N_USERS": len(set(map(str, seqs.users))),
            "N_VALIDATION_USERS": len(model.validation_users_),
            "EMBEDDING_SIZE": params.embedding_size,
            "EPOCHS_RUN": len(h.get("train_loss", [])),
            "BEST_EPOCH": h.get("best_epoch"),
        }
        for name, ev in evaluation.get("next_location", {}).items():
            results[f"ACC1_{name.upper()}"] = ev["acc@1"]
            results[f"ACC5_{name.upper()}"] = ev["acc@5"]
        results["PCA_EXPLAINED_2"] = evaluation["pca_explained_2"]
        for key, v in results.items():
            if isinstance(v, float):
                feedback.pushInfo(f"{key}: {v:.4f}")
        report_path = self.parameterAsFileOutput(parameters, self.OUTPUT_REPORT, context)
        if report_path:
            write_training_report(report_path, model, evaluation, settings, results)
            results[self.OUTPUT_REPORT] = report_path
        results.update(report)
        return results


def evaluate_model(model, seqs, cancel=None) -> dict:
    """Out-of-sample figures on the validation users: next-location accuracy of the model and of the baselines,
    re-identification across days, and the standardised PCA explained variance of all embeddings."""
    from ..models.mobility import model as mb

    val = np.isin(np.array([str(u) for u in seqs.users], dtype=object), model.validation_users_)
    emb = model.transform(seqs, cancel=cancel)
    _, ratio = mb.standardized_pca(emb)
    out = {
        "n_validation_sequences": int(val.sum()),
        "pca_explained": [float(v) for v in ratio[:10]],
        "pca_explained_2": float(ratio[:2].sum()),
    }
    if val.any():
        ev = mb.evaluate_held_out(model, seqs, val, emb=emb, cancel=cancel)
        out.update(next_location=ev["next_location"], reidentification=ev["reidentification"])
    return out


def write_training_report(path, model, evaluation, settings, results):
    from ..models.core.report import line_chart, table, write_html

    h = model.history_
    sections = [
        (
            translate("DeepTraj", "Result"),
            table(
                [(k.lower(), str(v)) for k, v in results.items() if k not in ("MODEL_FILE",)]
                + [(k, str(v)) for k, v in settings.items()]
            ),
        )
    ]
    curves = {"training loss": list(enumerate(h.get("train_loss", []), 1))}
    if h.get("val_loss"):
        curves["validation loss"] = list(enumerate(h["val_loss"], 1))
    sections.append(
        (
            translate("DeepTraj", "Training"),
            line_chart(curves, "negative log-likelihood of the next location", "epoch", "loss")
            + (
                line_chart(
                    {"accuracy@1": list(enumerate(h["val_acc1"], 1)), "accuracy@5": list(enumerate(h["val_acc5"], 1))},
                    "next-location accuracy on the validation users",
                    "epoch",
                    "accuracy",
                )
                if h.get("val_acc1")
                else ""
            ),
        )
    )
    nl = evaluation.get("next_location")
    if nl:
        sections.append(
            (
                translate("DeepTraj", "Next location on held-out users"),
                table(
                    [(name, ev["acc@1"], ev["acc@5"], ev["n_samples"]) for name, ev in nl.items()],
                    header=("method", "accuracy@1", "accuracy@5", "predictions"),
                ),
            )
        )
        ri = evaluation["reidentification"]
        sections.append(
            (
                translate("DeepTraj", "User re-identification across days (held-out users)"),
                table(
                    [(name, r["top1"], r["top5"], r["n_queries"], r["chance_top1"]) for name, r in ri.items()],
                    header=("features", "top-1", "top-5", "queries", "chance top-1"),
                ),
            )
        )
    else:
        sections.append(
            (
                translate("DeepTraj", "Next location on held-out users"),
                "<p>No validation users (one user, or a validation share of 0).</p>",
            )
        )
    sections.append(
        (
            translate("DeepTraj", "PCA after standardisation"),
            table(
                [(f"PC{i + 1}", v) for i, v in enumerate(evaluation["pca_explained"])],
                header=("component", "explained variance ratio"),
            )
            + (
                "<p>A first-two share close to 1 (the post saw 97% after an L2 normalisation) means the embeddings "
                "collapsed to few directions.</p>"
            ),
        )
    )
    sections.append(
        (translate("DeepTraj", "Parameters"), table(sorted((k, str(v)) for k, v in vars(model.params).items())))
    )
    write_html(path, "Mobility embedding training report", sections)
