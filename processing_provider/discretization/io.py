"""Outputs shared by the grid and H3 discretization algorithms: cells layer, sequences layer, vocabulary file."""

from __future__ import annotations

import numpy as np
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsFeatureSink,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingException,
    QgsWkbTypes,
)

from .. import styles
from ..base import translate
from ..layer_io import id_kind, line_geometry, make_fields, py_value

OUTPUT_CELLS = "OUTPUT_CELLS"
OUTPUT_SEQUENCES = "OUTPUT_SEQUENCES"
OUTPUT_VOCAB = "OUTPUT_VOCAB"


def fit_and_write(alg, parameters, context, feedback, trajs, disc, cells, report):
    """Fit ``disc`` on ``trajs`` (the work stage of the run's bar) and write the three outputs; ``cells`` is "grid"
    or "h3", the kind of discretizer (it picks the fields, polygons and CRS of the cells layer)."""
    progress, cancel = alg.callbacks(feedback)
    seqs = disc.fit_transform(trajs, progress, cancel)
    alg.check_cancelled(feedback)
    cell_fields, cell_rows, cell_crs = _cell_layer(disc, cells)
    results = {}
    sink, cells_id = alg.parameterAsSink(parameters, OUTPUT_CELLS, context, cell_fields, QgsWkbTypes.Polygon, cell_crs)
    if sink is None:
        raise QgsProcessingException(alg.invalidSinkError(parameters, OUTPUT_CELLS))
    _add_in_batches(sink, (_feature(cell_fields, geom, attrs) for geom, attrs in cell_rows), 5000)
    del sink
    results[OUTPUT_CELLS] = cells_id
    alg.plan(feedback).set(95)
    alg.style_output(context, cells_id, lambda layer: styles.graduated(layer, "visits"))
    results[OUTPUT_SEQUENCES] = _write_sequences(alg, parameters, context, trajs, seqs)
    vocab_path = alg.parameterAsFileOutput(parameters, OUTPUT_VOCAB, context)
    if vocab_path:
        disc.vocab_.save(alg.output_file(vocab_path))
        results[OUTPUT_VOCAB] = vocab_path
    n_unk = int((seqs.tokens == 3).sum())
    results.update(
        {
            "N_TRAJECTORIES": len(trajs),
            "N_POINTS": trajs.n_points,
            "N_TOKENS": int(seqs.tokens.size),
            "VOCAB_SIZE": disc.vocab_.size,
            "N_CELLS": int(disc.vocab_.cells.size + disc.vocab_.extra_cells.size),
            "N_UNK_TOKENS": n_unk,
        }
    )
    results.update(report)
    if n_unk:
        feedback.pushWarning(
            translate("DeepTraj", "{0} token(s) are UNK: their points lie outside the grid extent").format(n_unk)
        )
    feedback.pushInfo(
        f"{len(trajs)} trajectories -> {seqs.tokens.size} tokens; vocabulary of {disc.vocab_.size} tokens (4 special)"
    )
    return results


def _cell_layer(disc, cells):
    """(fields, rows, CRS) of the cells layer of a "grid" or "h3" discretizer."""
    if cells == "grid":
        return grid_cell_fields(), grid_cell_rows(disc), QgsCoordinateReferenceSystem(disc.crs)
    return h3_cell_fields(), h3_cell_rows(disc), QgsCoordinateReferenceSystem("EPSG:4326")


def _feature(fields, geom, attrs) -> QgsFeature:
    f = QgsFeature(fields)
    f.setGeometry(geom)
    f.setAttributes(attrs)
    return f


def _add_in_batches(sink, features, size):
    """Add ``features`` to ``sink`` ``size`` at a time."""
    batch = []
    for f in features:
        batch.append(f)
        if len(batch) >= size:
            sink.addFeatures(batch, QgsFeatureSink.FastInsert)
            batch = []
    sink.addFeatures(batch, QgsFeatureSink.FastInsert)


def _write_sequences(alg, parameters, context, trajs, seqs):
    """The sequences layer (one line per trajectory with its tokens); returns its id."""
    seq_fields = make_fields(
        [
            ("traj_id", id_kind(seqs.ids)),
            ("n_points", "int"),
            ("n_tokens", "int"),
            ("n_unk", "int"),
            ("tokens", "string"),
        ]
    )
    wkb = QgsWkbTypes.LineStringM if trajs.t is not None else QgsWkbTypes.LineString
    crs = QgsCoordinateReferenceSystem(trajs.crs)
    sink, seq_id = alg.parameterAsSink(parameters, OUTPUT_SEQUENCES, context, seq_fields, wkb, crs)
    if sink is None:
        raise QgsProcessingException(alg.invalidSinkError(parameters, OUTPUT_SEQUENCES))

    def features():
        for i in range(len(seqs)):
            s, e = trajs.offsets[i], trajs.offsets[i + 1]
            tok = seqs.sequence(i)
            yield _feature(
                seq_fields,
                line_geometry(trajs.x[s:e], trajs.y[s:e], None if trajs.t is None else trajs.t[s:e]),
                [
                    py_value(seqs.ids[i]),
                    int(e - s),
                    int(tok.size),
                    int((tok == 3).sum()),
                    " ".join(map(str, tok.tolist())),
                ],
            )

    _add_in_batches(sink, features(), 2000)
    del sink
    return seq_id


def grid_cell_rows(disc):
    """(square polygon, [token, cell_id, col, row, visits, hot]) for every visited cell of a grid discretizer."""
    cells, tokens, visits, hot = disc.cell_visits()
    g = disc.grid_
    cells = cells.astype(np.int64)
    col, row = g.col_row(cells)
    x0 = g.xmin + col * g.cell_size
    y0 = g.ymin + row * g.cell_size
    s = g.cell_size
    for i in range(cells.size):
        a, b = float(x0[i]), float(y0[i])
        ring = [
            QgsPointXY(a, b),
            QgsPointXY(a + s, b),
            QgsPointXY(a + s, b + s),
            QgsPointXY(a, b + s),
            QgsPointXY(a, b),
        ]
        yield (
            QgsGeometry.fromPolygonXY([ring]),
            [int(tokens[i]), int(cells[i]), int(col[i]), int(row[i]), int(visits[i]), bool(hot[i])],
        )


def grid_cell_fields():
    return make_fields(
        [("token", "int"), ("cell_id", "int"), ("col", "int"), ("row", "int"), ("visits", "int"), ("hot", "bool")]
    )


def h3_cell_rows(disc):
    """(hexagon polygon in EPSG:4326, [token, h3, visits]) for every visited H3 cell."""
    from ...models.core import h3grid

    cells, tokens, visits, _ = disc.cell_visits()
    names = h3grid.to_str(cells)
    for i in range(cells.size):
        ring = [QgsPointXY(lon, lat) for lon, lat in h3grid.boundary_lonlat(cells[i])]
        yield QgsGeometry.fromPolygonXY([ring]), [int(tokens[i]), names[i], int(visits[i])]


def h3_cell_fields():
    return make_fields([("token", "int"), ("h3", "string"), ("visits", "int")])
