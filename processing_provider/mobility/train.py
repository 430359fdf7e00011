"""deeptraj:mobilityembedtrain - train the Transformer + BiLSTM mobility-embedding model on user-days (or
trajectories) by next-location prediction; write the model and an HTML report with the out-of-sample evaluation."""

from __future__ import annotations

from qgis.core import QgsProcessingException

from ..base import DeepTrajAlgorithm, torch_threads, translate
from ..figures import push_figures
from ..specs.mobility import MOBILITY_EMBED_TRAIN, MOBILITY_PARAMS
from .io import read_mobility_sequences

#: the GROUP_BY options' engine names, in option order
GROUP_BY_OPTIONS = ("user-day", "trajectory")
#: the PRESET options' engine names, in option order
PRESETS = ["fast-cpu", "post"]


def report_titles() -> dict:
    """The training report's section titles, translated (literal calls so that pylupdate5 extracts them)."""
    return {
        "result": translate("DeepTraj", "Result"),
        "training": translate("DeepTraj", "Training"),
        "next_location": translate("DeepTraj", "Next location on held-out users"),
        "reidentification": translate("DeepTraj", "User re-identification across days (held-out users)"),
        "pca": translate("DeepTraj", "PCA after standardisation"),
        "params": translate("DeepTraj", "Parameters"),
    }


class MobilityEmbedTrainAlgorithm(DeepTrajAlgorithm):
    SPEC = MOBILITY_EMBED_TRAIN
    REQUIRES = ("numpy", "pandas", "scipy", "sklearn", "pyproj", "torch")
    TRAINS = True
    #: reading 0..5, training 5..85, evaluating 85..95, writing the model and report 95..100
    PROGRESS = (5.0, 85.0)

    def _sequences(self, parameters, context, feedback):
        """(sequences, settings, cleaning report) of INPUT grouped by GROUP_BY (at least 2 sequences)."""
        resample = self.value(parameters, "RESAMPLE_MINUTES", context)
        tz = self.value(parameters, "TIME_ZONE", context)
        seqs, _, settings, report = read_mobility_sequences(
            self,
            parameters,
            context,
            feedback,
            GROUP_BY_OPTIONS[self.value(parameters, "GROUP_BY", context)],
            None if resample is None else resample * 60,
            None if tz is None else int(round(tz * 3600)),
        )
        if len(seqs) < 2:
            raise QgsProcessingException(
                f"INPUT: training needs at least 2 sequences with 2 or more records; there is {len(seqs)}."
            )
        return seqs, settings, report

    def _params(self, parameters, context):
        """The MobilityParams of PRESET and the hyper-parameters (errors name the parameter)."""
        from ...models.mobility.params import make_params

        try:
            return make_params(
                PRESETS[self.value(parameters, "PRESET", context)],
                **self.engine_values(parameters, context, MOBILITY_PARAMS),
            )
        except ValueError as e:
            if "multiple of n_heads" in str(e):
                raise QgsProcessingException(f"D_MODEL must be a multiple of HEADS ({e}).")
            raise QgsProcessingException(str(e))

    def process(self, parameters, context, feedback):
        from ...models.mobility.model import MobilityEmbedder
        from ...models.mobility.report import (
            evaluate_model,
            next_location_figures,
            training_results,
            write_training_report,
        )

        feedback.setProgressText(self.tr("Reading trajectories into sequences"))
        seqs, settings, report = self._sequences(parameters, context, feedback)
        model = MobilityEmbedder(self._params(parameters, context), n_threads=torch_threads())
        if model.params.epochs == 0:
            feedback.pushWarning(
                translate(
                    "DeepTraj",
                    "EPOCHS 0: the model is not trained; its embeddings come from random weights (a baseline for "
                    "comparison, not a model of this data). Give EPOCHS 1 or more, or leave it empty for the preset.",
                )
            )
        feedback.setProgressText(self.tr("Training by next-location prediction"))
        progress, cancel = self.callbacks(feedback)
        model.fit(seqs, progress=progress, cancel=cancel, log=feedback.pushInfo)
        feedback.setProgressText(self.tr("Out-of-sample evaluation on the validation users"))
        evaluation = evaluate_model(model, seqs, cancel, self.callbacks(feedback, 85, 95)[0])
        self.plan(feedback).set(95)
        self.plan(feedback).text(self.tr("Writing the model file"))
        model_path = self.value(parameters, "MODEL_FILE", context)
        model.save(self.output_file(model_path), extra={"settings": settings, "evaluation": evaluation})
        results = {"MODEL_FILE": model_path, **training_results(model, seqs, evaluation)}
        push_figures(feedback, next_location_figures(evaluation), self.tr("validation users: "))
        for key, v in results.items():
            if isinstance(v, float) and not key.startswith("ACC"):
                feedback.pushInfo(f"{key}: {v:.4f}")
        report_path = self.value(parameters, "OUTPUT_REPORT", context)
        if report_path:
            write_training_report(self.output_file(report_path), model, evaluation, settings, results, report_titles())
            results["OUTPUT_REPORT"] = report_path
        results.update(report)
        return results
