"""deeptraj:mobilityembed - embed user-days (or trajectories) with a trained mobility-embedding model; write one
line per sequence with its PCA (and optional UMAP) coordinates and its embedding, ready for the embedding
explorer."""

from __future__ import annotations

import numpy as np
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsWkbTypes,
)

from . import styles
from .base import DeepTrajAlgorithm, torch_threads
from .layer_io import epoch_to_qdatetime, line_geometry, make_fields, py_value
from .mobility_embed_train import mobility_input_parameters, read_mobility_sequences

#: layer custom property telling the plugin to open the embedding explorer on a loaded output
EXPLORER_PROPERTY = "deeptraj/embedding"
EMBEDDING_FORMATS = ("fields", "json", "none")


def style_embeddings(layer):
    """Categorized by user (up to 40 users) and marked for the embedding explorer."""
    idx = layer.fields().lookupField("user")
    if idx >= 0 and len(layer.uniqueValues(idx, 41)) <= 40:
        styles.categorized(layer, "user", width=0.5)
    layer.setCustomProperty(EXPLORER_PROPERTY, "1")


def save_embeddings(path, keys, emb):
    """.npy (the matrix) or .csv (group_id then the values), written atomically."""
    from ..models.core.modelfile import atomic_write

    if path.lower().endswith(".npy"):
        atomic_write(path, lambda fh: np.save(fh, emb), binary=True)
        return

    def write_csv(fh):
        fh.write("group_id," + ",".join(f"e{i:03d}" for i in range(emb.shape[1])) + "\n")
        for k, row in zip(keys, emb):
            fh.write(f"\"{str(k).replace(chr(34), chr(34) * 2)}\"," + ",".join(f"{v:.6g}" for v in row) + "\n")

    atomic_write(path, write_csv)


class MobilityEmbedAlgorithm(DeepTrajAlgorithm):
    NAME = "mobilityembed"
    GROUP_ID = "embedding"
    REQUIRES = ("numpy", "pandas", "scipy", "sklearn", "pyproj", "torch")

    MODEL_FILE = "MODEL_FILE"
    USER_FIELD = "USER_FIELD"
    EMBEDDING_FORMAT = "EMBEDDING_FORMAT"
    UMAP = "UMAP"
    OUTPUT = "OUTPUT"
    EMBEDDINGS_FILE = "EMBEDDINGS_FILE"

    def displayName(self):
        return self.tr("Mobility embeddings: embed trajectories")

    def shortHelpString(self):
        return self.tr(
            "<p>Embeds user-days (or trajectories) with a model trained by <i>Mobility embeddings: train</i>, also "
            "for users the model never saw. The grouping, resampling, time zone and CRS are the model's.</p>"
            "<p>Output: one line per sequence (its points in time order) with group_id, user, day, dow (0 = "
            "Monday), n_points, n_records, start and end time, <b>PCA_1</b> and <b>PCA_2</b> (PCA of this set of "
            "embeddings after standardising every dimension to zero mean and unit variance), optionally "
            "<b>UMAP_1</b>/<b>UMAP_2</b> (needs the umap-learn package) and the embedding: one numeric field per "
            "value (e000, e001, ...), one JSON text field, or none (<b>Embedding format</b>). The explained "
            "variance of the components is in the results. <b>Embeddings file</b> (optional): the matrix as .npy "
            "or .csv. In QGIS the output opens in the <i>Embedding explorer</i> dock: select a region of the "
            "scatter to select the user-days on the map and see a heatmap of their points.</p>"
        )

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterFile(self.MODEL_FILE, self.tr("Model file"), extension="mobemb"))
        mobility_input_parameters(self)
        self.addParameter(
            QgsProcessingParameterEnum(
                self.EMBEDDING_FORMAT,
                self.tr("Embedding format"),
                options=[self.tr("numeric fields"), self.tr("one JSON text field"), self.tr("none (PCA only)")],
                defaultValue=0,
            )
        )
        self.addParameter(
            QgsProcessingParameterBoolean(
                self.UMAP, self.tr("Add a UMAP projection (needs umap-learn)"), defaultValue=False
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(self.OUTPUT, self.tr("Embedded sequences"), QgsProcessing.TypeVectorLine)
        )
        self.addParameter(
            QgsProcessingParameterFileDestination(
                self.EMBEDDINGS_FILE,
                self.tr("Embeddings file (.npy or .csv)"),
                "NumPy array (*.npy);;CSV (*.csv)",
                optional=True,
                createByDefault=False,
            )
        )

    def process(self, parameters, context, feedback):
        from ..models.mobility import model as mb

        path = self.parameterAsFile(parameters, self.MODEL_FILE, context)
        try:
            model = mb.MobilityEmbedder.load(path, n_threads=torch_threads())
        except mb.ModelFileError as e:
            raise QgsProcessingException(f"MODEL_FILE: {e}")
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
        use_umap = self.parameterAsBool(parameters, self.UMAP, context)
        feedback.setProgressText(self.tr("Embedding"))
        progress, cancel = self.callbacks(feedback, 10, 80)
        emb = model.transform(seqs, cancel=cancel, progress=progress)
        pca, ratio = mb.standardized_pca(emb, 2, seed=model.params.seed)
        umap_xy = None
        if use_umap:
            try:
                umap_xy = mb.umap_2d(emb, seed=model.params.seed)
            except mb.MobilityDataError as e:
                raise QgsProcessingException(f"UMAP: {e}")
        fmt = EMBEDDING_FORMATS[self.parameterAsEnum(parameters, self.EMBEDDING_FORMAT, context)]
        dest = self._write(parameters, context, feedback, trajs, seqs, emb, pca, umap_xy, fmt)
        results = {
            self.OUTPUT: dest,
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
        npy = self.parameterAsFileOutput(parameters, self.EMBEDDINGS_FILE, context)
        if npy:
            save_embeddings(npy, seqs.keys, emb)
            results[self.EMBEDDINGS_FILE] = npy
        results.update(report)
        return results

    def _write(self, parameters, context, feedback, trajs, seqs, emb, pca, umap_xy, fmt):
        import json

        spec = [
            ("group_id", "string"),
            ("user", "string"),
            ("day", "string"),
            ("dow", "int"),
            ("n_points", "int"),
            ("n_records", "int"),
            ("start_time", "datetime"),
            ("end_time", "datetime"),
            ("PCA_1", "double"),
            ("PCA_2", "double"),
        ]
        if umap_xy is not None:
            spec += [("UMAP_1", "double"), ("UMAP_2", "double")]
        if fmt == "fields":
            spec += [(f"e{i:03d}", "double") for i in range(emb.shape[1])]
        elif fmt == "json":
            spec.append(("embedding", "string"))
        fields = make_fields(spec)
        sink, dest = self.parameterAsSink(
            parameters, self.OUTPUT, context, fields, QgsWkbTypes.LineStringM, QgsCoordinateReferenceSystem(trajs.crs)
        )
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT))
        # the input points of each sequence, in time order (trajectories are time-sorted, days follow each other)
        pts = np.argsort(seqs.point_sequence, kind="stable")
        pts = pts[seqs.point_sequence[pts] >= 0]
        bounds = np.searchsorted(seqs.point_sequence[pts], np.arange(len(seqs) + 1))
        days, lens = seqs.day_strings, seqs.lengths
        for i in range(len(seqs)):
            if i % 500 == 0 and feedback.isCanceled():
                raise QgsProcessingException(self.tr("Cancelled by the user: no output was written."))
            p = pts[bounds[i] : bounds[i + 1]]
            r0, r1 = seqs.offsets[i], seqs.offsets[i + 1] - 1
            f = QgsFeature(fields)
            f.setGeometry(line_geometry(trajs.x[p], trajs.y[p], trajs.t[p]))
            row = [
                str(seqs.keys[i]),
                str(py_value(seqs.users[i])),
                str(days[i]),
                int(seqs.dow[r0]),
                int(p.size),
                int(lens[i]),
                epoch_to_qdatetime(seqs.t[r0]),
                epoch_to_qdatetime(seqs.t[r1]),
                float(pca[i, 0]),
                float(pca[i, 1]),
            ]
            if umap_xy is not None:
                row += [float(umap_xy[i, 0]), float(umap_xy[i, 1])]
            if fmt == "fields":
                row += [float(v) for v in emb[i]]
            elif fmt == "json":
                row.append(json.dumps([round(float(v), 6) for v in emb[i]]))
            f.setAttributes(row)
            sink.addFeature(f)
            feedback.setProgress(80 + 20 * i / max(len(seqs), 1))
        del sink
        self.style_output(context, dest, style_embeddings)
        return dest
