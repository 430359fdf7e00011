"""deeptraj:metatrltask - a downstream task on a trained MetaTRL encoder (destination prediction, travel-time
estimation or trajectory classification): fine-tune a linear head on a training share of the input, predict every
trajectory, report the metrics on the held-out share."""

from __future__ import annotations

import numpy as np
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterField,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterNumber,
    QgsWkbTypes,
)

from . import styles
from .base import DeepTrajAlgorithm, torch_threads, translate
from .layer_io import epoch_to_qdatetime, id_kind, line_geometry, make_fields, py_value
from .metatrl_embed import add_model_input_parameters, load_model, read_on_model

TASKS = ("destination", "travel_time", "classification")


def trajectory_labels(trajs, field):
    """One label per trajectory: the most frequent non-empty value of the per-point ``field`` (None when none)."""
    from collections import Counter

    values = trajs.attrs[field]
    out = np.empty(len(trajs), object)
    for i in range(len(trajs)):
        vals = [
            v
            for v in values[trajs.offsets[i] : trajs.offsets[i + 1]].tolist()
            if v is not None and v == v and str(v) != ""
        ]
        out[i] = Counter(vals).most_common(1)[0][0] if vals else None
    return out


def style_predictions(layer):
    if layer.fields().lookupField("correct") >= 0:
        styles.categorized(layer, "correct", width=0.6)
    elif layer.fields().lookupField("abs_error") >= 0:
        styles.graduated(layer, "abs_error")


class MetaTRLTaskAlgorithm(DeepTrajAlgorithm):
    NAME = "metatrltask"
    GROUP_ID = "embedding"
    REQUIRES = ("numpy", "pandas", "scipy", "sklearn", "shapely", "pyproj", "h3", "torch")

    MODEL_FILE = "MODEL_FILE"
    TASK = "TASK"
    LABEL_FIELD = "LABEL_FIELD"
    TRAIN_FRACTION = "TRAIN_FRACTION"
    TAIL_SHARE = "TAIL_SHARE"
    PREDICT_LENGTH = "PREDICT_LENGTH"
    FINE_TUNE = "FINE_TUNE"
    EPOCHS = "EPOCHS"
    LEARNING_RATE = "LEARNING_RATE"
    ENCODER_LEARNING_RATE = "ENCODER_LEARNING_RATE"
    SEED = "SEED"
    OUTPUT = "OUTPUT"
    OUTPUT_REPORT = "OUTPUT_REPORT"

    def displayName(self):
        return self.tr("MetaTRL: downstream task (destination, travel time, classification)")

    def shortHelpString(self):
        return self.tr(
            "<p>Uses a MetaTRL encoder (from <i>MetaTRL: train cross-city trajectory embeddings</i>) for a task: a "
            "linear head is trained on the <b>training share</b> of the input trajectories (10% of it held out for "
            "early stopping), the encoder fine-tuned with it (or frozen), and every trajectory is predicted. The "
            "metrics are computed on the other trajectories (the test share).</p>"
            "<p><b>Task</b>: <i>destination</i> - the unit of the last point, from the trajectory with its last "
            "<b>tail share</b> of units removed (micro-F1, macro-F1, Recall@5), or with <b>Destination: units to "
            "predict</b> k above 0 each of the last k units from the trajectory without them (the protocol of the "
            "MetaTRL authors' code, which uses k = 4; the metrics pool the k positions); <i>travel time</i> - minutes "
            "from the first to the last unit, seeing the units and only the departure time (MAE, MAPE, RMSE); "
            "<i>classification</i> - the class in <b>Label field</b> (e.g. a GeoLife transport mode; with points, "
            "the most frequent value of each trajectory; accuracy, macro-F1, Recall@5 with 5 or more classes, AUC "
            "for two classes). Road-segment models need the <b>Road network</b> they were trained on.</p>"
            "<p>Output: one line per trajectory with its split (train / validation / test), the target and the "
            "prediction (destination: the predicted last unit, its centre and the top five, and with k units to "
            "predict how many of them are right; travel time: the absolute error), styled by correctness or error. "
            "The metrics are in the results and the optional <b>Report</b>.</p>"
        )

    def initAlgorithm(self, config=None):
        add_model_input_parameters(self)
        self.addParameter(
            QgsProcessingParameterEnum(
                self.TASK,
                self.tr("Task"),
                options=[
                    self.tr("destination prediction"),
                    self.tr("travel-time estimation"),
                    self.tr("trajectory classification"),
                ],
                defaultValue=0,
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.LABEL_FIELD,
                self.tr("Label field (classification)"),
                parentLayerParameterName=self.INPUT,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.TRAIN_FRACTION,
                self.tr("Training share of the trajectories"),
                QgsProcessingParameterNumber.Double,
                0.8,
                minValue=0.05,
                maxValue=0.95,
            )
        )
        self.addParameter(
            QgsProcessingParameterBoolean(
                self.FINE_TUNE, self.tr("Fine-tune the encoder (otherwise only the head is trained)"), defaultValue=True
            )
        )
        self.add_numbers(
            (
                (self.TAIL_SHARE, self.tr("Destination: share of units removed from the end"), "double", 0.2, 0.0),
                (
                    self.PREDICT_LENGTH,
                    self.tr(
                        "Destination: units to predict (0 = the last unit after removing the tail "
                        "share; k = each of the last k units)"
                    ),
                    "int",
                    0,
                    0,
                ),
                (self.EPOCHS, self.tr("Epochs (empty = 20 fine-tuning, 100 frozen)"), "int", None, 1),
                (self.LEARNING_RATE, self.tr("Learning rate of the head"), "double", 1e-3, 0.0),
                (
                    self.ENCODER_LEARNING_RATE,
                    self.tr("Learning rate of the encoder when fine-tuned"),
                    "double",
                    1e-3,
                    0.0,
                ),
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.SEED, self.tr("Random seed"), QgsProcessingParameterNumber.Integer, 0, minValue=0
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(self.OUTPUT, self.tr("Predictions"), QgsProcessing.TypeVectorLine)
        )
        self.addParameter(
            QgsProcessingParameterFileDestination(
                self.OUTPUT_REPORT, self.tr("Report"), "HTML files (*.html)", optional=True
            )
        )
        self.addOutput(QgsProcessingOutputNumber("N_TEST", self.tr("Test trajectories")))

    def read_trajectories(self, parameters, context, feedback, min_points=2, extra_fields=()):
        label = self.parameterAsString(parameters, self.LABEL_FIELD, context)
        return super().read_trajectories(parameters, context, feedback, min_points, (label,) if label else ())

    def process(self, parameters, context, feedback):
        from ..models.metatrl import tasks as tt
        from ..models.metatrl.taskfit import fit_task
        from ..models.metatrl.taskmetrics import task_metrics

        task = TASKS[self.parameterAsEnum(parameters, self.TASK, context)]
        label_field = self.parameterAsString(parameters, self.LABEL_FIELD, context)
        if task == "classification" and not label_field:
            raise QgsProcessingException(
                "LABEL_FIELD: trajectory classification needs the field holding each trajectory's class."
            )
        model = load_model(self, parameters, context)
        trajs, seqs, share, report = read_on_model(self, model, parameters, context, feedback, 0, 20)
        labels = trajectory_labels(trajs, label_field) if task == "classification" else None
        seed = self.parameterAsInt(parameters, self.SEED, context)
        try:
            data = tt.task_inputs(
                seqs,
                task,
                labels=labels,
                tail_share=self.parameterAsDouble(parameters, self.TAIL_SHARE, context),
                n_units=model.network_.size if task == "destination" else None,
                predict_length=self.parameterAsInt(parameters, self.PREDICT_LENGTH, context)
                if task == "destination"
                else 0,
            )
            train, test = tt.split(
                len(data),
                self.parameterAsDouble(parameters, self.TRAIN_FRACTION, context),
                seed=seed,
                stratify=data.stratify_labels(),
            )
            train, val = tt.validation_split(train, 0.1, seed=seed, stratify=data.stratify_labels())
        except tt.TaskDataError as e:
            raise QgsProcessingException(f"{'LABEL_FIELD' if task == 'classification' else 'INPUT'}: {e}")
        dropped = ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in data.dropped.items() if v)
        if dropped:
            feedback.pushWarning(f"Trajectories left out of the task: {dropped}.")
        feedback.setProgressText(self.tr("Training the task head"))
        progress, cancel = self.callbacks(feedback, 20, 90)
        fitted = fit_task(
            model.encoder(),
            seqs,
            data,
            train,
            val,
            fine_tune=self.parameterAsBool(parameters, self.FINE_TUNE, context),
            epochs=self.optional_number(parameters, self.EPOCHS, context),
            lr=self.parameterAsDouble(parameters, self.LEARNING_RATE, context),
            encoder_lr=self.parameterAsDouble(parameters, self.ENCODER_LEARNING_RATE, context),
            max_len=model.params.max_len,
            seed=seed,
            n_threads=torch_threads(),
            progress=progress,
            cancel=cancel,
        )
        pred = fitted.predict(seqs, data, cancel=cancel)
        metrics = task_metrics(task, data.y[test], pred[test])
        for k, v in metrics.items():
            feedback.pushInfo(f"{k}: {v:.4f}")
        split = np.full(len(data), "test", object)
        split[train], split[val] = "train", "validation"
        dest = self._write(parameters, context, feedback, trajs, model, data, pred, split)
        results = {
            self.OUTPUT: dest,
            "N_TRAIN": int(train.size),
            "N_VALIDATION": int(val.size),
            "N_TEST": int(test.size),
            **{k.upper(): float(v) for k, v in metrics.items()},
        }
        if share is not None:
            results["MATCHED_SHARE"] = share
        path = self.parameterAsFileOutput(parameters, self.OUTPUT_REPORT, context)
        if path:
            write_task_report(path, task, fitted, metrics, results, data)
            results[self.OUTPUT_REPORT] = path
        results.update(report)
        return results

    def _write(self, parameters, context, feedback, trajs, model, data, pred, split):
        spec = [("traj_id", id_kind(trajs.ids)), ("split", "string"), ("start_time", "datetime"), ("n_units", "int")]
        net = model.network_
        if data.task == "destination":
            spec += [
                ("true_unit", "string"),
                ("pred_unit", "string"),
                ("probability", "double"),
                ("correct", "bool"),
                ("in_top5", "bool"),
                ("top5", "string"),
                ("pred_lon", "double"),
                ("pred_lat", "double"),
            ]
            if data.y.ndim == 2:
                spec += [("units_predicted", "int"), ("units_correct", "int")]
        elif data.task == "travel_time":
            spec += [("minutes", "double"), ("pred_minutes", "double"), ("abs_error", "double")]
        else:
            spec += [("label", "string"), ("pred_label", "string"), ("probability", "double"), ("correct", "bool")]
        fields = make_fields(spec)
        sink, dest = self.parameterAsSink(
            parameters, self.OUTPUT, context, fields, QgsWkbTypes.LineStringM, QgsCoordinateReferenceSystem(trajs.crs)
        )
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT))
        keys = net.keys
        if data.task == "destination":
            from ..models.metatrl.taskmetrics import destination_rows, top_k

            last_y, last_p, n_right = destination_rows(data.y, pred)
            tops = top_k(last_p, 5)
        for r, row in enumerate(data.index):
            if r % 500 == 0 and feedback.isCanceled():
                raise QgsProcessingException(translate("DeepTraj", "Cancelled by the user: no output was written."))
            s, e = trajs.offsets[row], trajs.offsets[row + 1]
            f = QgsFeature(fields)
            f.setGeometry(line_geometry(trajs.x[s:e], trajs.y[s:e], trajs.t[s:e]))
            vals = [py_value(trajs.ids[row]), split[r], epoch_to_qdatetime(trajs.t[s]), int(data.keep[r])]
            if data.task == "destination":
                top, y = tops[r], last_y[r]
                vals += [
                    str(keys[y]),
                    str(keys[top[0]]),
                    float(last_p[r, top[0]]),
                    bool(top[0] == y),
                    bool(y in top),
                    ",".join(str(keys[k]) for k in top),
                    float(net.lonlat[top[0], 0]),
                    float(net.lonlat[top[0], 1]),
                ]
                if n_right is not None:
                    vals += [data.n_targets, int(n_right[r])]
            elif data.task == "travel_time":
                vals += [float(data.y[r]), float(pred[r]), float(abs(pred[r] - data.y[r]))]
            else:
                k = int(np.argmax(pred[r]))
                vals += [str(data.classes[data.y[r]]), str(data.classes[k]), float(pred[r, k]), bool(k == data.y[r])]
            f.setAttributes(vals)
            sink.addFeature(f)
            feedback.setProgress(90 + 10 * r / max(len(data), 1))
        del sink
        self.style_output(context, dest, style_predictions)
        return dest


def write_task_report(path, task, fitted, metrics, results, data):
    from ..models.core.report import line_chart, table, write_html

    h = fitted.history
    sections = [
        (
            translate("DeepTraj", "Metrics on the test trajectories"),
            table([(k, float(v)) for k, v in metrics.items()], header=("metric", "value")),
        ),
        (translate("DeepTraj", "Result"), table([(k.lower(), str(v)) for k, v in results.items() if k != "OUTPUT"])),
    ]
    curves = {"training loss": list(enumerate(h.get("train_loss", []), 1))}
    if h.get("val_loss"):
        curves["validation loss"] = list(enumerate(h["val_loss"], 1))
    sections.append(
        (
            translate("DeepTraj", "Training of the head"),
            line_chart(curves, f"{task}: loss per epoch (best epoch {fitted.best_epoch + 1})", "epoch", "loss"),
        )
    )
    sections.append(
        (
            translate("DeepTraj", "Trajectories left out"),
            table([(k, v) for k, v in data.dropped.items()], header=("reason", "trajectories")),
        )
    )
    write_html(path, f"MetaTRL {task} report", sections)
