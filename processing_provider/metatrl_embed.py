"""deeptraj:metatrlembed - embed trajectories with a trained MetaTRL model: one feature per trajectory with its
embedding (numeric fields or one JSON field), as lines or as a table, and an optional .npy/.csv export."""

from __future__ import annotations

import json

import numpy as np
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsWkbTypes,
)

from . import metatrl_common as mc
from .base import DeepTrajAlgorithm, torch_threads, translate
from .layer_io import epoch_to_qdatetime, id_kind, line_geometry, make_fields, py_value
from .mobility_embed import save_embeddings, style_embeddings

EMBEDDING_FORMATS = ("fields", "json")
GEOMETRIES = ("lines", "none")


def load_model(alg, parameters, context):
    """The MetaTRL model of MODEL_FILE (errors name the parameter)."""
    from ..models.core.modelfile import ModelFileError
    from ..models.metatrl.model import MetaTRL

    path = alg.parameterAsFile(parameters, alg.MODEL_FILE, context)
    try:
        return MetaTRL.load(path, n_threads=torch_threads())
    except ModelFileError as e:
        raise QgsProcessingException(f"MODEL_FILE: {e}")


def read_on_model(alg, model, parameters, context, feedback, start=0.0, end=30.0):
    """(Trajectories, UnitSequences on the model's units, matched share or None, cleaning report) of INPUT."""
    trajs, report = alg.read_trajectories(parameters, context, feedback)
    if trajs.t is None:
        raise QgsProcessingException("TIME_FIELD: MetaTRL needs the time of each point.")
    progress, cancel = alg.callbacks(feedback, start, end)
    seqs, share = mc.model_sequences(alg, model, trajs, parameters, context, feedback, progress, cancel)
    if not (seqs.lengths > 0).any():
        raise QgsProcessingException(
            "INPUT: no trajectory crosses the model's units (other city, other CRS, or the road layer's radius); "
            "use trajectories of the city the model was trained on."
        )
    return trajs, seqs, share, report


def add_model_input_parameters(alg):
    """MODEL_FILE, INPUT (+ fields) and the road layer for road-unit models."""
    alg.addParameter(
        QgsProcessingParameterFile(alg.MODEL_FILE, translate("DeepTraj", "Model file"), extension="metatrl")
    )
    alg.add_trajectory_parameters(lines=True, optional_id=True, optional_time=False)
    mc.add_road_parameters(alg, matcher=False)


class MetaTRLEmbedAlgorithm(DeepTrajAlgorithm):
    NAME = "metatrlembed"
    GROUP_ID = "embedding"
    REQUIRES = ("numpy", "pandas", "scipy", "sklearn", "shapely", "pyproj", "h3", "torch")

    MODEL_FILE = "MODEL_FILE"
    EMBEDDING_FORMAT = "EMBEDDING_FORMAT"
    GEOMETRY = "GEOMETRY"
    OUTPUT = "OUTPUT"
    EMBEDDINGS_FILE = "EMBEDDINGS_FILE"

    def displayName(self):
        return self.tr("MetaTRL: embed trajectories")

    def shortHelpString(self):
        return self.tr(
            "<p>Embeds trajectories with a model trained by <i>MetaTRL: train cross-city trajectory "
            "embeddings</i>. The trajectories are put on the model's units: cells are looked up in the model's cell "
            "set (cells the model never saw are skipped); road-segment models need the <b>Road network</b> they "
            "were trained on (a different network is refused) and map-match the points again.</p>"
            "<p>Output: one feature per trajectory with traj_id, n_points, n_units, start and end time, PCA_1 and "
            "PCA_2 (PCA after standardising every dimension) and the embedding as one numeric field per value "
            "(e000, e001, ...) or one JSON text field (<b>Embedding "
            "format</b>); <b>Geometry</b>: the trajectory as a line, or none (a table). A trajectory that crosses "
            "none of the units gets empty values. <b>Embeddings file</b> (optional): the matrix as .npy or .csv. "
            "The output opens in the <i>Embedding explorer</i> dock.</p>"
        )

    def initAlgorithm(self, config=None):
        add_model_input_parameters(self)
        self.addParameter(
            QgsProcessingParameterEnum(
                self.EMBEDDING_FORMAT,
                self.tr("Embedding format"),
                options=[self.tr("numeric fields"), self.tr("one JSON text field")],
                defaultValue=0,
            )
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                self.GEOMETRY,
                self.tr("Geometry"),
                options=[self.tr("trajectory lines"), self.tr("none (table)")],
                defaultValue=0,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT, self.tr("Embedded trajectories"), QgsProcessing.TypeVectorAnyGeometry
            )
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
        model = load_model(self, parameters, context)
        trajs, seqs, share, report = read_on_model(self, model, parameters, context, feedback)
        feedback.setProgressText(self.tr("Embedding"))
        progress, cancel = self.callbacks(feedback, 30, 85)
        emb = model.transform(seqs, progress=progress, cancel=cancel)
        ok_rows = np.isfinite(emb).all(axis=1)
        pca = np.full((len(emb), 2), np.nan)
        if ok_rows.sum() >= 2:
            from ..models.mobility.projection import standardized_pca

            pca[ok_rows] = standardized_pca(emb[ok_rows], 2, seed=model.params.seed)[0]
        fmt = EMBEDDING_FORMATS[self.parameterAsEnum(parameters, self.EMBEDDING_FORMAT, context)]
        geom = GEOMETRIES[self.parameterAsEnum(parameters, self.GEOMETRY, context)]
        spec = [
            ("traj_id", id_kind(trajs.ids)),
            ("n_points", "int"),
            ("n_units", "int"),
            ("start_time", "datetime"),
            ("end_time", "datetime"),
            ("PCA_1", "double"),
            ("PCA_2", "double"),
        ]
        spec += [(f"e{i:03d}", "double") for i in range(emb.shape[1])] if fmt == "fields" else [("embedding", "string")]
        fields = make_fields(spec)
        wkb = QgsWkbTypes.LineStringM if geom == "lines" else QgsWkbTypes.NoGeometry
        sink, dest = self.parameterAsSink(
            parameters, self.OUTPUT, context, fields, wkb, QgsCoordinateReferenceSystem(trajs.crs)
        )
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT))
        n_units = seqs.lengths
        for i in range(len(trajs)):
            if i % 500 == 0 and feedback.isCanceled():
                raise QgsProcessingException(self.tr("Cancelled by the user: no output was written."))
            s, e = trajs.offsets[i], trajs.offsets[i + 1]
            f = QgsFeature(fields)
            if geom == "lines":
                f.setGeometry(line_geometry(trajs.x[s:e], trajs.y[s:e], trajs.t[s:e]))
            row = [
                py_value(trajs.ids[i]),
                int(e - s),
                int(n_units[i]),
                epoch_to_qdatetime(trajs.t[s]),
                epoch_to_qdatetime(trajs.t[e - 1]),
                py_value(pca[i, 0]),
                py_value(pca[i, 1]),
            ]
            ok = ok_rows[i]
            if fmt == "fields":
                row += [float(v) if ok else None for v in emb[i]]
            else:
                row.append(json.dumps([round(float(v), 6) for v in emb[i]]) if ok else None)
            f.setAttributes(row)
            sink.addFeature(f)
            feedback.setProgress(85 + 15 * i / max(len(trajs), 1))
        del sink
        if geom == "lines":
            self.style_output(context, dest, style_embeddings)
        results = {
            self.OUTPUT: dest,
            "N_TRAJECTORIES": len(trajs),
            "N_EMBEDDED": int((n_units > 0).sum()),
            "EMBEDDING_SIZE": int(emb.shape[1]),
        }
        if share is not None:
            results["MATCHED_SHARE"] = share
        path = self.parameterAsFileOutput(parameters, self.EMBEDDINGS_FILE, context)
        if path:
            save_embeddings(path, trajs.ids, emb)
            results[self.EMBEDDINGS_FILE] = path
        results.update(report)
        return results
