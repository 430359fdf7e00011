"""deeptraj:metatrltask - a downstream task on a trained MetaTRL encoder (destination prediction, travel-time
estimation or trajectory classification): fine-tune a linear head on a training share of the input, predict every
trajectory, report the metrics on the held-out share."""

from __future__ import annotations

import numpy as np
from qgis.core import QgsCoordinateReferenceSystem, QgsFeature, QgsProcessingException, QgsWkbTypes

from ..base import DeepTrajAlgorithm, torch_threads, translate
from ..figures import push_figures
from ..layer_io import epoch_to_qdatetime, id_kind, line_geometry, make_fields, py_value
from ..specs.metatrl import METATRL_TASK
from . import io

#: the engine's task of each TASK option, in order
TASKS = ("destination", "travel_time", "classification")


class MetaTRLTaskAlgorithm(DeepTrajAlgorithm):
    #: reading 0..5, the model's units 5..20, training the head 20..90, writing 90..100
    PROGRESS = (5.0, 90.0)
    SPEC = METATRL_TASK
    REQUIRES = ("numpy", "pandas", "scipy", "sklearn", "shapely", "pyproj", "h3", "torch")
    TRAINS = True

    def read_trajectories(self, parameters, context, feedback, min_points=2, extra_fields=()):
        label = self.value(parameters, "LABEL_FIELD", context)
        return super().read_trajectories(parameters, context, feedback, min_points, (label,) if label else ())

    def _task_data(self, parameters, context, task, seqs, labels, n_units):
        """(TaskData, train rows, validation rows, test rows); errors name LABEL_FIELD (classification) or INPUT."""
        from ...models.metatrl import tasks as tt

        seed = self.value(parameters, "SEED", context)
        try:
            data = tt.task_inputs(
                seqs,
                task,
                labels=labels,
                tail_share=self.value(parameters, "TAIL_SHARE", context),
                n_units=n_units if task == "destination" else None,
                predict_length=self.value(parameters, "PREDICT_LENGTH", context) if task == "destination" else 0,
            )
            fraction = self.value(parameters, "TRAIN_FRACTION", context)
            train, test = tt.split(len(data), fraction, seed=seed, stratify=data.stratify_labels())
            train, val = tt.validation_split(train, 0.1, seed=seed, stratify=data.stratify_labels())
        except tt.TaskDataError as e:
            raise QgsProcessingException(f"{'LABEL_FIELD' if task == 'classification' else 'INPUT'}: {e}")
        return data, train, val, test

    def process(self, parameters, context, feedback):
        from ...models.metatrl.report import write_task_report
        from ...models.metatrl.results import trajectory_labels
        from ...models.metatrl.taskfit import fit_task
        from ...models.metatrl.taskmetrics import baseline_metrics, task_figures, task_metrics

        task = TASKS[self.value(parameters, "TASK", context)]
        label_field = self.value(parameters, "LABEL_FIELD", context)
        if task == "classification" and not label_field:
            raise QgsProcessingException(
                "LABEL_FIELD: trajectory classification needs the field holding each trajectory's class."
            )
        model = io.load_model(self, parameters, context)
        trajs, seqs, share, report = io.read_on_model(self, model, parameters, context, feedback, 5, 20)
        labels = trajectory_labels(trajs, label_field) if task == "classification" else None
        data, train, val, test = self._task_data(parameters, context, task, seqs, labels, model.network_.size)
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
            fine_tune=self.value(parameters, "FINE_TUNE", context),
            epochs=self.value(parameters, "EPOCHS", context),
            lr=self.value(parameters, "LEARNING_RATE", context),
            encoder_lr=self.value(parameters, "ENCODER_LEARNING_RATE", context),
            max_len=model.params.max_len,
            seed=self.value(parameters, "SEED", context),
            n_threads=torch_threads(),
            progress=progress,
            cancel=cancel,
        )
        pred = fitted.predict(seqs, data, cancel=cancel)
        metrics = task_metrics(task, data.y[test], pred[test])
        baseline = baseline_metrics(task, data, train, test, seqs, model.network_.lonlat)
        figures = task_figures(task, metrics, baseline)
        push_figures(feedback, figures, f"{task.replace('_', ' ')} on {metrics['n']} test rows: ")
        split = np.full(len(data), "test", object)
        split[train], split[val] = "train", "validation"
        self.plan(feedback).text(self.tr("Writing the predictions"))
        dest = self._write(parameters, context, feedback, trajs, model.network_, data, pred, split)
        results = {
            "OUTPUT": dest,
            "N_TRAIN": int(train.size),
            "N_VALIDATION": int(val.size),
            "N_TEST": int(test.size),
            **{k.upper(): float(v) for k, v in metrics.items()},
        }
        if share is not None:
            results["MATCHED_SHARE"] = share
        path = self.value(parameters, "OUTPUT_REPORT", context)
        if path:
            write_task_report(self.output_file(path), task, fitted, metrics, results, data, io.report_titles(), figures)
            results["OUTPUT_REPORT"] = path
        results.update(report)
        return results

    def _write(self, parameters, context, feedback, trajs, net, data, pred, split):
        """One line per task row with its split, target and prediction (styled); returns the sink's id."""
        from ...models.metatrl.results import prediction_fields, prediction_rows

        spec = [("traj_id", id_kind(trajs.ids)), ("split", "string"), ("start_time", "datetime"), ("n_units", "int")]
        fields = make_fields(spec + prediction_fields(data))
        sink, dest = self.parameterAsSink(
            parameters, "OUTPUT", context, fields, QgsWkbTypes.LineStringM, QgsCoordinateReferenceSystem(trajs.crs)
        )
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, "OUTPUT"))
        rows = prediction_rows(data, pred, net.keys, net.lonlat)
        written = self.plan(feedback).writing()
        for r, row in enumerate(data.index):
            if r % 500 == 0 and feedback.isCanceled():
                raise QgsProcessingException(translate("DeepTraj", "Cancelled by the user: no output was written."))
            s, e = trajs.offsets[row], trajs.offsets[row + 1]
            f = QgsFeature(fields)
            f.setGeometry(line_geometry(trajs.x[s:e], trajs.y[s:e], trajs.t[s:e]))
            f.setAttributes(
                [py_value(trajs.ids[row]), split[r], epoch_to_qdatetime(trajs.t[s]), int(data.keep[r]), *rows[r]]
            )
            sink.addFeature(f)
            written(100.0 * r / max(len(data), 1))
        del sink
        self.style_output(context, dest, io.style_predictions)
        return dest
