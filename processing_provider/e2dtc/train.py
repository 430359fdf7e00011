"""deeptraj:e2dtctrain - train E2DTC deep trajectory clustering on a trajectory layer, write the model, the
clustered trajectories and an HTML report."""

from __future__ import annotations

from qgis.core import QgsProcessingException

from ..base import DeepTrajAlgorithm, torch_threads, translate
from ..specs.e2dtc import E2DTC_PARAMS, E2DTC_TRAIN
from .io import read_token_sequences, score_against_ground_truth, write_cluster_lines

#: the PRESET options' engine names, in option order
PRESETS = ["fast-cpu", "paper"]


def report_titles() -> dict:
    """The training report's section titles, translated (literal calls so that pylupdate5 extracts them)."""
    return {
        "result": translate("DeepTraj", "Result"),
        "scores": translate("DeepTraj", "Scores against the ground truth"),
        "pretrain": translate("DeepTraj", "Pre-training (t2vec)"),
        "selftrain": translate("DeepTraj", "Self-training"),
        "elbow": translate("DeepTraj", "Choosing k (elbow)"),
        "params": translate("DeepTraj", "Parameters"),
    }


class E2DTCTrainAlgorithm(DeepTrajAlgorithm):
    SPEC = E2DTC_TRAIN
    REQUIRES = ("numpy", "pandas", "scipy", "sklearn", "pyproj", "torch")
    TRAINS = True
    #: reading and discretizing 0..5, training 5..95, writing the model and clusters 95..100
    PROGRESS = (5.0, 95.0)

    def _vocabulary(self, parameters, context):
        """The VOCAB file's vocabulary, None when not given."""
        from ...models.core.discretize import Vocabulary
        from ...models.core.trajectories import TrajectoryDataError

        path = self.value(parameters, "VOCAB", context)
        if not path:
            return None
        try:
            return Vocabulary.load(path)
        except TrajectoryDataError as e:
            raise QgsProcessingException(f"VOCAB: {e}")

    def _grid_factory(self, parameters, context):
        """A callable making the GridDiscretizer of CELL_SIZE, GRID_CRS and MIN_FREQ (used without a vocabulary)."""
        from ...models.core.discretize import GridDiscretizer

        size = self.value(parameters, "CELL_SIZE", context)
        grid_crs = self.crs_parameter(parameters, "GRID_CRS", context, self.SPEC.param("GRID_CRS").default)
        if grid_crs.isGeographic():
            raise QgsProcessingException(self.tr("GRID_CRS must be a projected CRS (metres), such as EPSG:3857."))
        min_freq = self.value(parameters, "MIN_FREQ", context)
        crs = grid_crs.authid() or grid_crs.toWkt()
        return lambda: GridDiscretizer(cell_size=size, crs=crs, min_freq=min_freq)

    def process(self, parameters, context, feedback):
        from ...models.e2dtc.model import E2DTC
        from ...models.e2dtc.params import make_params
        from ...models.e2dtc.report import cluster_sizes, write_training_report

        vocab = self._vocabulary(parameters, context)
        fit_grid = self._grid_factory(parameters, context)
        gt_field = self.value(parameters, "GROUND_TRUTH_FIELD", context)
        feedback.setProgressText(self.tr("Reading and discretizing trajectories"))
        trajs, seqs, vocab, report, extra_seqs = read_token_sequences(
            self,
            parameters,
            context,
            feedback,
            vocab,
            extra_fields=(gt_field,) if gt_field else (),
            fit_grid=fit_grid,
            pretrain=True,
        )
        params = make_params(
            PRESETS[self.value(parameters, "PRESET", context)],
            **self.engine_values(parameters, context, E2DTC_PARAMS),
        )
        model = E2DTC(params, n_threads=torch_threads())
        progress, cancel = self.callbacks(feedback)
        feedback.setProgressText(self.tr("Training E2DTC (pre-training, k-means, self-training)"))
        model.fit(seqs, vocab, progress=progress, cancel=cancel, log=feedback.pushInfo, extra_sequences=extra_seqs)
        self.check_cancelled(feedback)

        labels, q = model.labels_, model.proba_  # the assignments fit ends with: no second encoding pass
        results = {
            "N_TRAJECTORIES": len(seqs),
            "N_PRETRAIN": int(model.history_["n_pretrain"]),
            "N_CLUSTERS": int(model.params.n_clusters),
            "CLUSTER_SIZES": cluster_sizes(labels, model.params.n_clusters),
        }
        scores, gt_values = {}, None
        if gt_field:
            scores, gt_values = score_against_ground_truth(
                trajs, gt_field, {"E2DTC": labels, "pre-training + k-means": model.pretrain_labels_}, results, feedback
            )
            for key, v in scores.get("pre-training + k-means", {}).items():
                results[f"{key}_PRETRAIN_KMEANS"] = v

        model_path = self.value(parameters, "MODEL_FILE", context)
        traj_id_field = self.parameterAsString(parameters, "TRAJ_ID_FIELD", context)
        model.save(self.output_file(model_path), extra={"input": {"traj_id_field": traj_id_field}, "scores": scores})
        results["MODEL_FILE"] = model_path
        columns = [("confidence", "double", q.max(axis=1)), ("n_tokens", "int", [s.size for s in seqs])]
        results["OUTPUT"] = write_cluster_lines(self, parameters, context, trajs, labels, columns, gt_values)
        report_path = self.value(parameters, "OUTPUT_REPORT", context)
        if report_path:
            write_training_report(self.output_file(report_path), model, scores, results, report_titles())
            results["OUTPUT_REPORT"] = report_path
        results.update(report)
        return results
