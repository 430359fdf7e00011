"""deeptraj:mobilityembed - embed user-days (or trajectories) with a trained mobility-embedding model; write one
line per sequence with its PCA (and optional UMAP) coordinates and its embedding, ready for the embedding
explorer."""

from __future__ import annotations

from qgis.core import QgsProcessingException

from ...models.core.memory import trim_heap
from ..base import DeepTrajAlgorithm, torch_threads, translate
from ..specs.mobility import MOBILITY_EMBED
from .io import read_mobility_sequences, save_embeddings, write_embedded_sequences

#: the EMBEDDING_FORMAT options, in option order
EMBEDDING_FORMATS = ("fields", "json", "none")


class MobilityEmbedAlgorithm(DeepTrajAlgorithm):
    SPEC = MOBILITY_EMBED
    REQUIRES = ("numpy", "pandas", "scipy", "sklearn", "pyproj", "torch")
    #: reading 0..10, embedding 10..80, projections and writing 80..100
    PROGRESS = (10.0, 80.0)

    def _model(self, parameters, context):
        """The MobilityEmbedder of MODEL_FILE (errors name the parameter)."""
        from ...models.core.modelfile import ModelFileError
        from ...models.mobility.model import MobilityEmbedder

        try:
            return MobilityEmbedder.load(self.value(parameters, "MODEL_FILE", context), n_threads=torch_threads())
        except ModelFileError as e:
            raise QgsProcessingException(f"MODEL_FILE: {e}")

    def _projections(self, parameters, context, emb, seed):
        """(PCA coordinates, explained variance ratios, UMAP coordinates or None) of the embeddings."""
        from ...models.core.embeddings import standardized_pca, umap_2d
        from ...models.mobility.sequences import MobilityDataError

        pca, ratio = standardized_pca(emb, 2, seed=seed)
        if not self.value(parameters, "UMAP", context):
            return pca, ratio, None
        try:
            return pca, ratio, umap_2d(emb, seed=seed)
        except MobilityDataError as e:
            raise QgsProcessingException(f"UMAP: {e}")

    @staticmethod
    def _check_area(model, seqs, feedback):
        """Warn when most records lie outside the locations the model was trained on (another city or region)."""
        fit = model.area_fit(seqs)
        if fit["elsewhere"]:
            feedback.pushWarning(
                translate(
                    "DeepTraj",
                    "Only {0:.1%} of the records lie in the locations MODEL_FILE was trained on; their median distance "
                    "from the training area's centre is {1:,.0f} km (its spread: {2:,.1f} km). The embeddings of data "
                    "from another area mean little: train a model on this area (Mobility embeddings: train).",
                ).format(fit["known_share"], fit["median_km"], fit["spread_km"])
            )

    def process(self, parameters, context, feedback):
        model = self._model(parameters, context)
        settings = model.extra_.get("settings", {})
        seqs, trajs, _, report = read_mobility_sequences(
            self,
            parameters,
            context,
            feedback,
            settings.get("group_by", "user-day"),
            settings.get("resample_s"),
            settings.get("tz_offset_s"),
            crs=settings.get("crs"),
        )
        if len(seqs) < 2:
            raise QgsProcessingException("INPUT: at least 2 sequences are needed for the PCA projection.")
        self._check_area(model, seqs, feedback)
        feedback.setProgressText(self.tr("Embedding"))
        progress, cancel = self.callbacks(feedback)
        emb = model.transform(seqs, cancel=cancel, progress=progress)
        trim_heap()  # the batches' tensors: 0.6 GB of free heap pages on a week of taxi-days
        pca, ratio, umap_xy = self._projections(parameters, context, emb, model.params.seed)
        fmt = EMBEDDING_FORMATS[self.value(parameters, "EMBEDDING_FORMAT", context)]
        dest = write_embedded_sequences(self, parameters, context, feedback, trajs, seqs, emb, pca, umap_xy, fmt)
        results = {
            "OUTPUT": dest,
            "N_SEQUENCES": len(seqs),
            "N_USERS": len(set(map(str, seqs.users))),
            "EMBEDDING_SIZE": int(emb.shape[1]),
            "EXPLAINED_VARIANCE": [round(float(v), 6) for v in ratio[:10]],
            "PCA_EXPLAINED_2": float(ratio[:2].sum()),
        }
        feedback.pushInfo(
            f"PCA after standardisation: the first two components explain "
            f"{100 * results['PCA_EXPLAINED_2']:.1f}% of the variance."
        )
        path = self.value(parameters, "EMBEDDINGS_FILE", context)
        if path:
            save_embeddings(self.output_file(path), seqs.keys, emb)
            results["EMBEDDINGS_FILE"] = path
        results.update(report)
        return results
