"""deeptraj:e2dtcapply - assign trajectories to the clusters of a trained E2DTC model."""

from __future__ import annotations

from qgis.core import QgsProcessingException

from ..base import DeepTrajAlgorithm, torch_threads
from ..specs.e2dtc import E2DTC_APPLY
from .io import read_token_sequences, write_cluster_lines


class E2DTCApplyAlgorithm(DeepTrajAlgorithm):
    SPEC = E2DTC_APPLY
    REQUIRES = ("numpy", "pandas", "scipy", "sklearn", "pyproj", "torch")

    def process(self, parameters, context, feedback):
        from ...models.core.modelfile import ModelFileError
        from ...models.e2dtc.model import E2DTC
        from ...models.e2dtc.report import cluster_sizes

        path = self.value(parameters, "MODEL_FILE", context)
        try:
            model = E2DTC.load(path, n_threads=torch_threads())
        except ModelFileError as e:
            raise QgsProcessingException(f"MODEL_FILE: {e}")
        trajs, seqs, _, report, _ = read_token_sequences(self, parameters, context, feedback, model.vocab_)
        try:
            progress, cancel = self.callbacks(feedback)
            labels, q = model.predict_encoded(model.transform(seqs, cancel=cancel, progress=progress))
        except ValueError as e:
            raise QgsProcessingException(f"INPUT: {e}")
        self.check_cancelled(feedback)
        columns = [("confidence", "double", q.max(axis=1)), ("n_tokens", "int", [s.size for s in seqs])]
        results = {
            "OUTPUT": write_cluster_lines(self, parameters, context, trajs, labels, columns),
            "N_TRAJECTORIES": len(seqs),
            "N_CLUSTERS": int(model.params.n_clusters),
            "CLUSTER_SIZES": cluster_sizes(labels, model.params.n_clusters),
        }
        results.update(report)
        return results
