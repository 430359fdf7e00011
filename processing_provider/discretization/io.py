"""Outputs shared by the grid and H3 discretization algorithms: cells layer, sequences layer, vocabulary file.

The sequences layer (one line per trajectory, as many vertices as the input has points) and the cells layer (one
polygon per visited cell) go through the bulk GeoPackage writer (``processing_provider/gpkg_writer.py``) when their
destination is a GeoPackage, in batches (lines of about a million vertices, 20,000 cells); any other destination
goes through the sink. Both check the cancel between batches and move the writing stage of the bar.
"""

from __future__ import annotations

import numpy as np
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsFeatureSink,
    QgsGeometry,
    QgsProcessingException,
    QgsWkbTypes,
)

from .. import styles
from ..base import translate
from ..layer_io import id_kind, line_geometry, make_fields, py_value

OUTPUT_CELLS = "OUTPUT_CELLS"
OUTPUT_SEQUENCES = "OUTPUT_SEQUENCES"
OUTPUT_VOCAB = "OUTPUT_VOCAB"
UNK = 3
#: vertices per batch of sequence lines (bounds the text and geometry blobs held at once)
LINE_BATCH_POINTS = 1 << 20
SEQUENCE_FIELDS = (("n_points", "int"), ("n_tokens", "int"), ("n_unk", "int"), ("tokens", "string"))


def fit_and_write(alg, parameters, context, feedback, trajs, disc, cells, report):
    """Fit ``disc`` on ``trajs`` (the work stage of the run's bar) and write the three outputs; ``cells`` is "grid"
    or "h3", the kind of discretizer (it picks the fields, polygons and CRS of the cells layer)."""
    progress, cancel = alg.callbacks(feedback)
    seqs = disc.fit_transform(trajs, progress, cancel)
    alg.check_cancelled(feedback)
    fill = getattr(disc, "fill_report_", None)
    if fill and fill["too_fine"]:
        text = translate(
            "DeepTraj",
            "FILL_GAPS inserted {0:,} cells ({1:.0f} per GPS point; the median gap spans {2:.0f} cells): the cells "
            "are much smaller than the steps between fixes. RESOLUTION {3} or coarser fits this sampling.",
        )
        feedback.pushWarning(
            text.format(fill["inserted"], fill["per_point"], fill["median_step_cells"], fill["suggested"])
        )
    plan = alg.plan(feedback)
    results = {OUTPUT_CELLS: _write_cells(alg, parameters, context, disc, cells, plan.writing(0, 25))}
    alg.style_output(context, results[OUTPUT_CELLS], lambda layer: styles.graduated(layer, "visits"))
    results[OUTPUT_SEQUENCES] = _write_sequences(alg, parameters, context, feedback, trajs, seqs, plan.writing(25, 95))
    vocab_path = alg.parameterAsFileOutput(parameters, OUTPUT_VOCAB, context)
    if vocab_path:
        disc.vocab_.save(alg.output_file(vocab_path))
        results[OUTPUT_VOCAB] = vocab_path
    n_unk = int(np.count_nonzero(seqs.tokens == UNK))
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


def _write_cells(alg, parameters, context, disc, cells, progress):
    """The cells layer of a "grid" or "h3" discretizer: in bulk to a GeoPackage, else through the sink; returns its
    id."""
    from ..gpkg_writer import open_layer_writer

    if cells == "grid":
        spec, crs = GRID_CELL_FIELDS, QgsCoordinateReferenceSystem(disc.crs)
        off, x, y, cols = grid_cell_columns(disc)
    else:
        spec, crs = H3_CELL_FIELDS, QgsCoordinateReferenceSystem("EPSG:4326")
        off, x, y, cols = h3_cell_columns(disc)
    n = off.size - 1
    feedback = alg.plan().feedback
    w = open_layer_writer(alg, parameters, OUTPUT_CELLS, context, feedback, fields=spec, geometry="Polygon", crs=crs)
    if w is not None:
        for s in range(0, n, CELL_BATCH):
            e = min(s + CELL_BATCH, n)
            o = off[s : e + 1]
            w.add_polygons(o - o[0], x[o[0] : o[-1]], y[o[0] : o[-1]], {k: v[s:e] for k, v in cols.items()})
            progress(100.0 * e / max(n, 1))
        return w.finish()
    fields = make_fields(spec)
    sink, dest = alg.parameterAsSink(parameters, OUTPUT_CELLS, context, fields, QgsWkbTypes.Polygon, crs)
    if sink is None:
        raise QgsProcessingException(alg.invalidSinkError(parameters, OUTPUT_CELLS))
    rows = zip(*(v.tolist() for v in cols.values()))
    feats = (_feature(fields, _geometry(wkb), list(attrs)) for wkb, attrs in zip(_polygon_wkb(off, x, y), rows))
    _add_in_batches(sink, feats, 5000, progress, n)
    del sink
    return dest


def _feature(fields, geom, attrs) -> QgsFeature:
    f = QgsFeature(fields)
    f.setGeometry(geom)
    f.setAttributes(attrs)
    return f


def _add_in_batches(sink, features, size, progress=None, total=0):
    """Add ``features`` to ``sink`` ``size`` at a time (the sink checks the cancel at each batch); ``progress``
    follows the count out of ``total``."""
    batch = []
    done = 0
    for f in features:
        batch.append(f)
        if len(batch) >= size:
            sink.addFeatures(batch, QgsFeatureSink.FastInsert)
            done += len(batch)
            batch = []
            if progress is not None and total:
                progress(100.0 * done / total)
    sink.addFeatures(batch, QgsFeatureSink.FastInsert)
    if progress is not None:
        progress(100.0)


# ---------------------------------------------------------------------------- sequences
def line_batches(offsets, max_points=LINE_BATCH_POINTS):
    """(first, last + 1) trajectory ranges of about ``max_points`` vertices each (at least one trajectory)."""
    n = offsets.size - 1
    i = 0
    while i < n:
        j = int(np.searchsorted(offsets, offsets[i] + max_points, side="right")) - 1
        j = min(n, max(j, i + 1))
        yield i, j
        i = j


def sequence_columns(seqs, trajs, i, j) -> dict:
    """The attribute columns (n_points, n_tokens, n_unk, tokens text) of trajectories i..j-1."""
    off = seqs.offsets[i : j + 1]
    tok = seqs.tokens[off[0] : off[-1]]
    rel = off - off[0]
    unk = np.concatenate([[0], np.cumsum(tok == UNK)])
    parts = tok.tolist()
    bounds = rel.tolist()
    return {
        "n_points": np.diff(trajs.offsets[i : j + 1]),
        "n_tokens": np.diff(off),
        "n_unk": unk[rel[1:]] - unk[rel[:-1]],
        "tokens": [" ".join(map(str, parts[a:b])) for a, b in zip(bounds[:-1], bounds[1:])],
    }


def _write_sequences(alg, parameters, context, feedback, trajs, seqs, progress):
    """The sequences layer (one line per trajectory with its tokens); returns its id."""
    from ..gpkg_writer import open_layer_writer

    kind = id_kind(seqs.ids)
    crs = QgsCoordinateReferenceSystem(trajs.crs)
    geometry = "LineStringM" if trajs.t is not None else "LineString"
    writer = open_layer_writer(
        alg, parameters, OUTPUT_SEQUENCES, context, feedback, [("traj_id", kind), *SEQUENCE_FIELDS], geometry, crs
    )
    if writer is None:
        return _sink_sequences(alg, parameters, context, trajs, seqs, kind, progress)
    n = len(seqs)
    for i, j in line_batches(trajs.offsets):
        off = trajs.offsets[i : j + 1]
        a, b = int(off[0]), int(off[-1])
        cols = sequence_columns(seqs, trajs, i, j)
        cols["traj_id"] = seqs.ids[i:j]
        m = None if trajs.t is None else trajs.t[a:b].astype(np.float64)
        writer.add_lines(off - a, trajs.x[a:b], trajs.y[a:b], m, cols)
        progress(90.0 * j / max(n, 1))
    return writer.finish()


def _sink_sequences(alg, parameters, context, trajs, seqs, kind, progress):
    """The sequences layer through ``parameterAsSink`` (destinations other than a GeoPackage)."""
    fields = make_fields([("traj_id", kind), *SEQUENCE_FIELDS])
    wkb = QgsWkbTypes.LineStringM if trajs.t is not None else QgsWkbTypes.LineString
    sink, seq_id = alg.parameterAsSink(
        parameters, OUTPUT_SEQUENCES, context, fields, wkb, QgsCoordinateReferenceSystem(trajs.crs)
    )
    if sink is None:
        raise QgsProcessingException(alg.invalidSinkError(parameters, OUTPUT_SEQUENCES))
    n = len(seqs)
    for i, j in line_batches(trajs.offsets):
        cols = sequence_columns(seqs, trajs, i, j)
        feats = []
        for k in range(i, j):
            s, e = trajs.offsets[k], trajs.offsets[k + 1]
            geom = line_geometry(trajs.x[s:e], trajs.y[s:e], None if trajs.t is None else trajs.t[s:e])
            r = k - i
            attrs = [int(cols["n_points"][r]), int(cols["n_tokens"][r]), int(cols["n_unk"][r]), cols["tokens"][r]]
            feats.append(_feature(fields, geom, [py_value(seqs.ids[k]), *attrs]))
        sink.addFeatures(feats, QgsFeatureSink.FastInsert)
        progress(100.0 * j / max(n, 1))
    del sink
    return seq_id


# ---------------------------------------------------------------------------- cells
#: the fields of the cells layers (a grid's cell id is row * columns + column)
GRID_CELL_FIELDS = (("token", "int"), ("cell_id", "int"), ("col", "int"), ("row", "int"), ("visits", "int"),
                    ("hot", "bool"))  # fmt: skip
H3_CELL_FIELDS = (("token", "int"), ("h3", "string"), ("visits", "int"))
#: cells per call to the bulk writer (the bar moves between calls)
CELL_BATCH = 20_000


def _polygon_wkb(offsets, x, y):
    """ISO WKB bytes of the single-ring polygons offsets[i]:offsets[i+1] of x, y (closed rings)."""
    from ...models.core.gpkg_encoding import polygon_blobs

    return [b[40:] for b in polygon_blobs(offsets, x, y, 0)]  # without the GeoPackage header and envelope


def _geometry(wkb: bytes) -> QgsGeometry:
    g = QgsGeometry()
    g.fromWkb(wkb)
    return g


def grid_cell_columns(disc):
    """(ring offsets, x, y, {field: values}) of the visited cells of a grid discretizer: closed squares of 5
    vertices in the grid's CRS, with token, cell_id, col, row, visits and hot."""
    cells, tokens, visits, hot = disc.cell_visits()
    g = disc.grid_
    cells = cells.astype(np.int64)
    col, row = g.col_row(cells)
    x0 = g.xmin + col * g.cell_size
    y0 = g.ymin + row * g.cell_size
    x1, y1 = x0 + g.cell_size, y0 + g.cell_size
    x = np.stack([x0, x1, x1, x0, x0], 1).ravel()
    y = np.stack([y0, y0, y1, y1, y0], 1).ravel()
    off = np.arange(cells.size + 1, dtype=np.int64) * 5
    cols = {"token": tokens, "cell_id": cells, "col": col, "row": row, "visits": visits, "hot": np.asarray(hot, bool)}
    return off, x, y, cols


def h3_cell_columns(disc):
    """(ring offsets, lon, lat, {field: values}) of the visited H3 cells: hexagons (and pentagons) in EPSG:4326,
    with token, h3 (the cell's text id) and visits."""
    from ...models.core import h3grid

    cells, tokens, visits, _ = disc.cell_visits()
    lens, lon, lat = h3grid.boundaries(cells)
    off = np.zeros(cells.size + 1, np.int64)
    np.cumsum(lens, out=off[1:])
    cols = {"token": tokens, "h3": np.asarray(h3grid.to_str(cells), dtype=object), "visits": visits}
    return off, lon, lat, cols
