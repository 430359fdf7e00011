"""deeptraj:classicclustering - the E2DTC paper's baselines: k-medoids over DTW, Hausdorff, discrete Frechet, EDR
or LCSS, and t2vec + k-means (E2DTC's pre-training followed by k-means, without self-training)."""

from __future__ import annotations

import numpy as np
from qgis.core import QgsProcessingException

from ...models.core import deps
from ..base import DeepTrajAlgorithm, torch_threads
from ..specs.e2dtc import CLASSIC_CLUSTERING
from .io import read_token_sequences, score_against_ground_truth, write_cluster_lines

#: the METHOD options' engine names, in option order
METHODS = ["dtw", "hausdorff", "frechet", "edr", "lcss", "t2vec"]


class ClassicClusteringAlgorithm(DeepTrajAlgorithm):
    SPEC = CLASSIC_CLUSTERING
    REQUIRES = ("numpy", "pandas", "scipy", "sklearn", "pyproj")  # + kmedoids or torch, checked per method
    TRAINS = True
    #: reading 0..5, distances and medoids or pre-training and k-means 5..95, writing 95..100
    PROGRESS = (5.0, 95.0)

    def process(self, parameters, context, feedback):
        from ...models.e2dtc.report import cluster_sizes

        method = METHODS[self.value(parameters, "METHOD", context)]
        k = self.value(parameters, "N_CLUSTERS", context)
        seed = self.value(parameters, "SEED", context)
        gt_field = self.value(parameters, "GROUND_TRUTH_FIELD", context)
        extra = (gt_field,) if gt_field else ()
        miss = deps.missing(("torch",) if method == "t2vec" else ("kmedoids",))
        if miss:
            raise QgsProcessingException(
                f"METHOD: this method needs the Python package {', '.join(miss)}, which is not installed. Use "
                f"Plugins > DeepTraj > Install dependencies…, or run: pip install {' '.join(miss)}"
            )
        progress, cancel = self.callbacks(feedback)
        if method == "t2vec":
            trajs, labels, columns, report = self._t2vec(
                parameters, context, feedback, k, seed, extra, progress, cancel
            )
        else:
            trajs, labels, columns, report = self._kmedoids(
                parameters, context, feedback, method, k, seed, extra, progress, cancel
            )
        self.check_cancelled(feedback)
        results = {
            "N_TRAJECTORIES": len(trajs),
            "N_CLUSTERS": k,
            "METHOD": method,
            "CLUSTER_SIZES": cluster_sizes(labels, k),
        }
        gt_values = None
        if gt_field:
            _, gt_values = score_against_ground_truth(trajs, gt_field, {method: labels}, results, feedback)
        results["OUTPUT"] = write_cluster_lines(self, parameters, context, trajs, labels, columns, gt_values)
        results.update(report)  # what reading skipped and why, as the other clustering algorithms report it
        return results

    def _kmedoids(self, parameters, context, feedback, method, k, seed, extra, progress, cancel):
        from ...models.e2dtc.classic import TrajectoryKMedoids

        # a trajectory needs 2 points here as in every other clustering algorithm (one point is no line)
        trajs, report = self.read_trajectories(parameters, context, feedback, extra_fields=extra)
        metric = trajs.to_metric()
        model = TrajectoryKMedoids(
            k,
            method,
            eps=self.value(parameters, "EPSILON", context),
            delta=self.value(parameters, "LCSS_DELTA", context),
            max_points=self.value(parameters, "MAX_POINTS", context),
            sample_size=self.value(parameters, "SAMPLE_SIZE", context),
            seed=seed,
        )
        feedback.setProgressText(self.tr("Computing trajectory distances and medoids"))
        if len(trajs) > model.sample_size:
            feedback.pushInfo(
                f"{len(trajs)} trajectories: medoids are searched on a random sample of "
                f"{model.sample_size}, then every trajectory joins its nearest medoid."
            )
        model.fit(list(metric), progress=progress, cancel=cancel)
        is_medoid = np.zeros(len(trajs), np.int64)
        is_medoid[model.medoid_indices_] = 1
        feedback.pushInfo(f"k-medoids ({method}): total distance to the medoids {model.loss_:.4g} on the sample.")
        columns = [("is_medoid", "int", is_medoid), ("distance", "double", model.distance_)]
        return trajs, model.labels_, columns, report

    def _t2vec(self, parameters, context, feedback, k, seed, extra, progress, cancel):
        from ...models.core.discretize import GridDiscretizer
        from ...models.e2dtc.model import E2DTC
        from ...models.e2dtc.params import make_params

        size = self.value(parameters, "CELL_SIZE", context)
        trajs, seqs, vocab, report, extra_seqs = read_token_sequences(
            self,
            parameters,
            context,
            feedback,
            None,
            extra_fields=extra,
            fit_grid=lambda: GridDiscretizer(cell_size=size, crs="EPSG:3857"),
            pretrain=True,
        )
        params = make_params(
            "fast-cpu",
            n_clusters=k,
            seed=seed,
            selftrain_epochs=0,
            pretrain_epochs=self.value(parameters, "PRETRAIN_EPOCHS", context),
        )
        model = E2DTC(params, n_threads=torch_threads())
        feedback.setProgressText(self.tr("Pre-training t2vec, then k-means"))
        model.fit(seqs, vocab, progress=progress, cancel=cancel, log=feedback.pushInfo, extra_sequences=extra_seqs)
        return trajs, model.pretrain_labels_, [("confidence", "double", model.proba_.max(axis=1))], report
