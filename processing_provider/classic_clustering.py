"""deeptraj:classicclustering - the E2DTC paper's baselines: k-medoids over DTW, Hausdorff, discrete Frechet, EDR
or LCSS, and t2vec + k-means (E2DTC's pre-training followed by k-means, without self-training)."""

from __future__ import annotations

import numpy as np
from qgis.core import (
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
)

from ..models.core import deps
from .base import DeepTrajAlgorithm, torch_threads
from .e2dtc_train import add_pretrain_parameters, read_token_sequences, score_against_ground_truth, write_cluster_lines

METHODS = ["dtw", "hausdorff", "frechet", "edr", "lcss", "t2vec"]


class ClassicClusteringAlgorithm(DeepTrajAlgorithm):
    NAME = "classicclustering"
    GROUP_ID = "clustering"
    REQUIRES = ("numpy", "pandas", "scipy", "sklearn", "pyproj")  # + kmedoids or torch, checked per method

    METHOD = "METHOD"
    N_CLUSTERS = "N_CLUSTERS"
    EPSILON = "EPSILON"
    LCSS_DELTA = "LCSS_DELTA"
    MAX_POINTS = "MAX_POINTS"
    SAMPLE_SIZE = "SAMPLE_SIZE"
    CELL_SIZE = "CELL_SIZE"
    PRETRAIN_EPOCHS = "PRETRAIN_EPOCHS"
    SEED = "SEED"
    GROUND_TRUTH_FIELD = "GROUND_TRUTH_FIELD"
    OUTPUT = "OUTPUT"

    def displayName(self):
        return self.tr("Classic trajectory clustering (k-medoids, t2vec + k-means)")

    def shortHelpString(self):
        return self.tr(
            "<p>The baselines of the E2DTC paper, to compare with <i>E2DTC: train deep trajectory clustering</i> on "
            "the same layer.</p>"
            "<p><b>Method</b>: k-medoids (FasterPAM, from the kmedoids package) over a trajectory distance computed "
            "on planar coordinates in metres: <b>DTW</b> (sum of matched point distances), <b>Hausdorff</b>, "
            "<b>discrete Fréchet</b>, <b>EDR</b> (edit distance, points match within ε, divided by the longer "
            "length) or <b>LCSS</b> (1 − longest common subsequence / shorter length, points match within ε and at "
            "most δ positions apart); or <b>t2vec + k-means</b>: E2DTC's pre-training on grid cells of <b>Cell "
            "size</b>, then k-means on the trajectory vectors (the paper's L0 ablation); t2vec also pre-trains on the "
            "optional <b>More trajectories for t2vec pre-training only</b>, as E2DTC does.</p>"
            "<p>Trajectories are resampled to at most <b>Maximum points per trajectory</b> (32) before comparing. "
            "The distance matrix is quadratic: with more trajectories than <b>Sample size</b> (2000) the medoids are "
            "found on a random sample and every trajectory then joins its nearest medoid.</p>"
            "<p><b>Ground-truth field</b> (optional): the results then carry UACC, NMI, RI and ARI.</p>"
            "<p>Output: trajectory lines with their cluster, plus is_medoid and distance (to the medoid, in the "
            "method's unit) for k-medoids or confidence (the largest soft assignment) for t2vec + k-means; "
            "categorized by cluster.</p>"
        )

    def initAlgorithm(self, config=None):
        self.add_trajectory_parameters()
        self.addParameter(
            QgsProcessingParameterEnum(
                self.METHOD,
                self.tr("Method"),
                options=[
                    self.tr("k-medoids, DTW"),
                    self.tr("k-medoids, Hausdorff"),
                    self.tr("k-medoids, discrete Fréchet"),
                    self.tr("k-medoids, EDR"),
                    self.tr("k-medoids, LCSS"),
                    self.tr("t2vec + k-means"),
                ],
                defaultValue=0,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.N_CLUSTERS, self.tr("Number of clusters"), QgsProcessingParameterNumber.Integer, 12, minValue=2
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.EPSILON,
                self.tr("ε: matching distance for EDR and LCSS (metres)"),
                QgsProcessingParameterNumber.Double,
                200.0,
                minValue=0.0,
            )
        )
        self.add_numbers(
            (
                (self.LCSS_DELTA, self.tr("δ: largest index offset for LCSS (empty = any)"), "int", None, 0),
                (self.MAX_POINTS, self.tr("Maximum points per trajectory"), "int", 32, 2),
                (self.SAMPLE_SIZE, self.tr("Sample size for the medoid search"), "int", 2000, 10),
                (self.CELL_SIZE, self.tr("Cell size for t2vec (metres)"), "double", 300.0, 0.001),
                (self.PRETRAIN_EPOCHS, self.tr("t2vec pre-training epochs"), "int", 4, 1),
            )
        )
        self.add_numbers([(self.SEED, self.tr("Random seed"), "int", 0, 0)], advanced=False)
        add_pretrain_parameters(self, self.tr("More trajectories for t2vec pre-training only (optional)"))
        self.addParameter(
            QgsProcessingParameterField(
                self.GROUND_TRUTH_FIELD,
                self.tr("Ground-truth field (optional, for scores only)"),
                parentLayerParameterName=self.INPUT,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT, self.tr("Clustered trajectories"), QgsProcessing.TypeVectorLine
            )
        )

    def process(self, parameters, context, feedback):
        method = METHODS[self.parameterAsEnum(parameters, self.METHOD, context)]
        k = self.parameterAsInt(parameters, self.N_CLUSTERS, context)
        seed = self.parameterAsInt(parameters, self.SEED, context)
        gt_field = self.parameterAsString(parameters, self.GROUND_TRUTH_FIELD, context) or None
        extra = (gt_field,) if gt_field else ()
        miss = deps.missing(("torch",) if method == "t2vec" else ("kmedoids",))
        if miss:
            raise QgsProcessingException(
                f"METHOD: this method needs the Python package {', '.join(miss)}, which is not installed. Use "
                f"Plugins > DeepTraj > Install dependencies…, or run: pip install {' '.join(miss)}"
            )
        progress, cancel = self.callbacks(feedback, 5, 95)
        if method == "t2vec":
            trajs, labels, columns = self._t2vec(parameters, context, feedback, k, seed, extra, progress, cancel)
        else:
            trajs, labels, columns = self._kmedoids(
                parameters, context, feedback, method, k, seed, extra, progress, cancel
            )
        if feedback.isCanceled():
            raise QgsProcessingException(self.tr("Cancelled by the user: no output was written."))
        results = {
            "N_TRAJECTORIES": len(trajs),
            "N_CLUSTERS": k,
            "METHOD": method,
            "CLUSTER_SIZES": np.bincount(labels, minlength=k).tolist(),
        }
        gt_values = None
        if gt_field:
            _, gt_values = score_against_ground_truth(trajs, gt_field, {method: labels}, results, feedback)
        results[self.OUTPUT] = write_cluster_lines(self, parameters, context, trajs, labels, columns, gt_values)
        return results

    def _kmedoids(self, parameters, context, feedback, method, k, seed, extra, progress, cancel):
        from ..models.e2dtc.classic import TrajectoryKMedoids

        trajs, _ = self.read_trajectories(parameters, context, feedback, min_points=1, extra_fields=extra)
        metric = trajs.to_metric()
        model = TrajectoryKMedoids(
            k,
            method,
            eps=self.parameterAsDouble(parameters, self.EPSILON, context),
            delta=self.optional_number(parameters, self.LCSS_DELTA, context),
            max_points=self.parameterAsInt(parameters, self.MAX_POINTS, context),
            sample_size=self.parameterAsInt(parameters, self.SAMPLE_SIZE, context),
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
        return trajs, model.labels_, [("is_medoid", "int", is_medoid), ("distance", "double", model.distance_)]

    def _t2vec(self, parameters, context, feedback, k, seed, extra, progress, cancel):
        from ..models.core.discretize import GridDiscretizer
        from ..models.e2dtc.model import E2DTC, make_params

        size = self.parameterAsDouble(parameters, self.CELL_SIZE, context)
        trajs, seqs, vocab, _, extra_seqs = read_token_sequences(
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
            pretrain_epochs=self.parameterAsInt(parameters, self.PRETRAIN_EPOCHS, context),
        )
        model = E2DTC(params, n_threads=torch_threads())
        feedback.setProgressText(self.tr("Pre-training t2vec, then k-means"))
        model.fit(seqs, vocab, progress=progress, cancel=cancel, log=feedback.pushInfo, extra_sequences=extra_seqs)
        return trajs, model.pretrain_labels_, [("confidence", "double", model.proba_.max(axis=1))]
