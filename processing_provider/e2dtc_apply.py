"""deeptraj:e2dtcapply - assign trajectories to the clusters of a trained E2DTC model."""

from __future__ import annotations

import numpy as np
from qgis.core import (
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFile,
)

from .base import DeepTrajAlgorithm, torch_threads
from .e2dtc_train import read_token_sequences, write_cluster_lines


class E2DTCApplyAlgorithm(DeepTrajAlgorithm):
    NAME = "e2dtcapply"
    GROUP_ID = "clustering"
    REQUIRES = ("numpy", "pandas", "scipy", "sklearn", "pyproj", "torch")

    MODEL_FILE = "MODEL_FILE"
    OUTPUT = "OUTPUT"

    def displayName(self):
        return self.tr("E2DTC: apply a trained model")

    def shortHelpString(self):
        return self.tr(
            "<p>Assigns trajectories to the clusters of a model trained with <i>E2DTC: train deep trajectory "
            "clustering</i>.</p>"
            "<p><b>Model file</b>: the .e2dtc file; it carries the grid and the vocabulary it was trained with, so "
            "new trajectories are discretized exactly as the training ones (points in cells the model never saw "
            "map to their nearest hot cell or, outside the grid, to UNK).</p>"
            "<p><b>Input trajectories</b>: points with a trajectory ID (and time), lines, or a token-sequence layer "
            "made with the model's vocabulary.</p>"
            "<p>Output: <b>Clustered trajectories</b> (lines with cluster, confidence = the largest soft assignment "
            "q, number of tokens; categorized by cluster).</p>"
        )

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterFile(self.MODEL_FILE, self.tr("Model file"), extension="e2dtc"))
        self.add_trajectory_parameters()
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT, self.tr("Clustered trajectories"), QgsProcessing.TypeVectorLine
            )
        )

    def process(self, parameters, context, feedback):
        from ..models.e2dtc.model import E2DTC, ModelFileError

        path = self.parameterAsFile(parameters, self.MODEL_FILE, context)
        try:
            model = E2DTC.load(path, n_threads=torch_threads())
        except ModelFileError as e:
            raise QgsProcessingException(f"MODEL_FILE: {e}")
        trajs, seqs, _, report, _ = read_token_sequences(self, parameters, context, feedback, model.vocab_)
        try:
            labels, q = model.predict_encoded(model.transform(seqs, cancel=feedback.isCanceled))
        except ValueError as e:
            raise QgsProcessingException(f"INPUT: {e}")
        if feedback.isCanceled():
            raise QgsProcessingException(self.tr("Cancelled by the user: no output was written."))
        dest = write_cluster_lines(
            self,
            parameters,
            context,
            trajs,
            labels,
            [("confidence", "double", q.max(axis=1)), ("n_tokens", "int", [s.size for s in seqs])],
        )
        results = {
            self.OUTPUT: dest,
            "N_TRAJECTORIES": len(seqs),
            "N_CLUSTERS": int(model.params.n_clusters),
            "CLUSTER_SIZES": np.bincount(labels, minlength=model.params.n_clusters).tolist(),
        }
        results.update(report)
        return results
