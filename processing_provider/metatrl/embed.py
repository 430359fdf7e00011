"""deeptraj:metatrlembed - embed trajectories with a trained MetaTRL model: one feature per trajectory with its
embedding (numeric fields or one JSON field), as lines or as a table, and an optional .npy/.csv export.

The output layer follows the embedding layer contract of :mod:`..embedding_layers` (PCA fields, embedding fields,
the custom property the embedding explorer opens on)."""

from __future__ import annotations

import json

import numpy as np
from qgis.core import QgsCoordinateReferenceSystem, QgsFeature, QgsProcessingException, QgsWkbTypes

from ..base import DeepTrajAlgorithm, translate
from ..embedding_layers import EMBEDDING_JSON_FIELD, PCA_FIELDS, embedding_field_name
from ..layer_io import epoch_to_qdatetime, id_kind, line_geometry, make_fields, py_value
from ..specs.metatrl import METATRL_EMBED
from . import io

#: the options of EMBEDDING_FORMAT and GEOMETRY, in order
EMBEDDING_FORMATS = ("fields", "json")
GEOMETRIES = ("lines", "none")


def embedding_pca(emb, seed):
    """(PCA coordinates (n, 2), NaN for rows that are not finite or with fewer than 2 such rows; finite-row mask)."""
    from ...models.core.embeddings import standardized_pca

    ok_rows = np.isfinite(emb).all(axis=1)
    pca = np.full((len(emb), 2), np.nan)
    if ok_rows.sum() >= 2:
        pca[ok_rows] = standardized_pca(emb[ok_rows], 2, seed=seed)[0]
    return pca, ok_rows


class MetaTRLEmbedAlgorithm(DeepTrajAlgorithm):
    SPEC = METATRL_EMBED
    REQUIRES = ("numpy", "pandas", "scipy", "sklearn", "shapely", "pyproj", "h3", "torch")
    #: reading 0..5, the model's units 5..30, embedding 30..85, writing 85..100
    PROGRESS = (5.0, 85.0)

    def process(self, parameters, context, feedback):
        model = io.load_model(self, parameters, context)
        trajs, seqs, share, report = io.read_on_model(self, model, parameters, context, feedback)
        feedback.setProgressText(self.tr("Embedding"))
        progress, cancel = self.callbacks(feedback, 30, 85)
        emb = model.transform(seqs, progress=progress, cancel=cancel)
        geom = GEOMETRIES[self.value(parameters, "GEOMETRY", context)]
        self.plan(feedback).text(self.tr("Writing the embeddings"))
        dest = self._write(parameters, context, feedback, trajs, seqs, emb, model.params.seed, geom)
        if geom == "lines":
            self.style_output(context, dest, io.style_embeddings)
        results = {
            "OUTPUT": dest,
            "N_TRAJECTORIES": len(trajs),
            "N_EMBEDDED": int(np.isfinite(emb).all(axis=1).sum()),
            "EMBEDDING_SIZE": int(emb.shape[1]),
        }
        self._say_not_embedded(feedback, trajs, seqs, emb, model)
        if share is not None:
            results["MATCHED_SHARE"] = share
        path = self.value(parameters, "EMBEDDINGS_FILE", context)
        if path:
            io.save_embeddings(self.output_file(path), trajs.ids, emb)
            results["EMBEDDINGS_FILE"] = path
        results.update(report)
        return results

    @staticmethod
    def _say_not_embedded(feedback, trajs, seqs, emb, model):
        """Name the trajectories whose embedding and PCA fields are NULL, and why."""
        bad = np.flatnonzero(~np.isfinite(emb).all(axis=1))
        if not bad.size:
            return
        no_units = seqs.lengths[bad] == 0
        names = ", ".join(str(py_value(trajs.ids[i])) for i in bad[:10]) + (" …" if bad.size > 10 else "")
        unit = {"h3": "H3 cell", "grid": "grid cell"}.get(model.network_.kind, "road segment")
        feedback.pushWarning(
            translate(
                "DeepTraj",
                "{0} of {1} trajectories have NULL embedding and PCA fields (traj_id {2}): {3} of them match no {4} "
                "of the model (they lie outside its area or road network), the rest could not be encoded. Filter "
                "them with \"PCA_1\" IS NOT NULL, or embed with a model trained where they are.",
            ).format(bad.size, len(trajs), names, int(no_units.sum()), unit)
        )

    def _write(self, parameters, context, feedback, trajs, seqs, emb, seed, geom):
        """One feature per trajectory with its PCA coordinates and embedding; returns the sink's id."""
        pca, ok_rows = embedding_pca(emb, seed)
        fmt = EMBEDDING_FORMATS[self.value(parameters, "EMBEDDING_FORMAT", context)]
        spec = [
            ("traj_id", id_kind(trajs.ids)),
            ("n_points", "int"),
            ("n_units", "int"),
            ("start_time", "datetime"),
            ("end_time", "datetime"),
            *((name, "double") for name in PCA_FIELDS),
        ]
        if fmt == "fields":
            spec += [(embedding_field_name(i), "double") for i in range(emb.shape[1])]
        else:
            spec.append((EMBEDDING_JSON_FIELD, "string"))
        fields = make_fields(spec)
        wkb = QgsWkbTypes.LineStringM if geom == "lines" else QgsWkbTypes.NoGeometry
        crs = QgsCoordinateReferenceSystem(trajs.crs)
        sink, dest = self.parameterAsSink(parameters, "OUTPUT", context, fields, wkb, crs)
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, "OUTPUT"))
        n_units = seqs.lengths
        written = self.plan(feedback).writing()
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
            if fmt == "fields":
                row += [float(v) if ok_rows[i] else None for v in emb[i]]
            else:
                row.append(json.dumps([round(float(v), 6) for v in emb[i]]) if ok_rows[i] else None)
            f.setAttributes(row)
            sink.addFeature(f)
            written(100.0 * i / max(len(trajs), 1))
        del sink
        return dest
