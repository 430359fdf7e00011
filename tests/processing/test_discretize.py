"""deeptraj:discretizegrid and deeptraj:discretizeh3 through processing.run on real layers."""

import json

import numpy as np
import pytest
from qgis.core import QgsProcessingException, QgsVectorLayer

from tests.layers import WarningFeedback, trajectories_layer


def _layer(out):
    return out if isinstance(out, QgsVectorLayer) else QgsVectorLayer(out, "out", "ogr")


def _params(vl, **extra):
    """discretizegrid / discretizeh3 parameters on a trajectories_layer, both layer outputs temporary."""
    return {
        "INPUT": vl,
        "TRAJ_ID_FIELD": "tid",
        "TIME_FIELD": "t",
        "OUTPUT_CELLS": "TEMPORARY_OUTPUT",
        "OUTPUT_SEQUENCES": "TEMPORARY_OUTPUT",
        **extra,
    }


def test_grid_outputs_and_vocabulary(run_alg, tmp_path):
    vl = trajectories_layer()
    vocab = str(tmp_path / "vocab.json")
    res = run_alg("deeptraj:discretizegrid", _params(vl, CELL_SIZE=200, OUTPUT_VOCAB=vocab))
    assert res["N_TRAJECTORIES"] == 6 and res["N_POINTS"] == 120
    cells = res["OUTPUT_CELLS"]
    assert cells.crs().authid() == "EPSG:3857"
    visits = [f["visits"] for f in cells.getFeatures()]
    assert sum(visits) == 120  # every point counted once
    assert all(f["token"] >= 4 for f in cells.getFeatures())
    seqs = res["OUTPUT_SEQUENCES"]
    assert seqs.featureCount() == 6
    d = json.load(open(vocab))
    assert d["kind"] == "grid" and d["grid"]["cell_size"] == 200 and d["special_tokens"]["3"] == "UNK"
    tok2cell = dict(zip(d["cells"]["token"], d["cells"]["cell"]))
    for f in seqs.getFeatures():
        toks = [int(t) for t in f["tokens"].split()]
        assert f["n_tokens"] == len(toks) and f["n_points"] == 20
        assert all(a != b for a, b in zip(toks, toks[1:]))  # repeats collapsed
        assert all(t in tok2cell for t in toks)
    # the cell id convention: row * n_cols + col
    g = d["grid"]
    for c, col, row in zip(d["cells"]["cell"], d["cells"]["col"], d["cells"]["row"]):
        assert c == row * g["n_cols"] + col
    knn = np.asarray(d["knn"]["tokens"])
    assert knn.shape[1] == min(10, len(tok2cell)) and (knn[:, 0] == np.asarray(d["cells"]["token"])).all()


def test_grid_extent_makes_unk(run_alg):
    vl = trajectories_layer()
    # extent covering only the origin area: far points become UNK
    res = run_alg(
        "deeptraj:discretizegrid",
        _params(vl, CELL_SIZE=100, EXTENT="-8.6215,-8.6185,41.1485,41.1515 [EPSG:4326]"),
    )
    assert res["N_UNK_TOKENS"] > 0
    toks = [f["tokens"].split() for f in res["OUTPUT_SEQUENCES"].getFeatures()]
    assert all(t[0] != "3" for t in toks) and any("3" in t for t in toks)


def test_h3_outputs(run_alg, tmp_path):
    vl = trajectories_layer()
    vocab = str(tmp_path / "h3.json")
    res = run_alg("deeptraj:discretizeh3", _params(vl, RESOLUTION=10, OUTPUT_VOCAB=vocab))
    cells = res["OUTPUT_CELLS"]
    assert cells.crs().authid() == "EPSG:4326"
    import h3

    for f in cells.getFeatures():
        assert h3.is_valid_cell(f["h3"]) and h3.get_resolution(f["h3"]) == 10
        assert f.geometry().asPolygon()[0].__len__() in (7, 8)  # hexagon (pentagon) ring closed
    assert sum(f["visits"] for f in cells.getFeatures()) == 120
    assert json.load(open(vocab))["resolution"] == 10


def test_h3_fill_gaps_gives_adjacent_steps(run_alg):
    vl = trajectories_layer(step=0.004)  # ~ 400 m steps: non-adjacent res-10 cells
    res = run_alg("deeptraj:discretizeh3", _params(vl, RESOLUTION=10, FILL_GAPS=True))
    res0 = run_alg("deeptraj:discretizeh3", _params(vl, RESOLUTION=10))
    assert res["N_TOKENS"] > 3 * res0["N_TOKENS"] and res["N_UNK_TOKENS"] == 0
    import h3

    cell_of = {f["token"]: f["h3"] for f in res["OUTPUT_CELLS"].getFeatures()}
    for f in res["OUTPUT_SEQUENCES"].getFeatures():
        cells = [cell_of[int(t)] for t in f["tokens"].split()]
        assert all(h3.grid_distance(a, b) == 1 for a, b in zip(cells, cells[1:]))


def test_h3_fill_at_a_resolution_far_finer_than_the_steps_warns_or_refuses(run_alg, monkeypatch):
    """~400 m steps at resolution 15 (cells of ~0.5 m): the fill is sized before it is built; above the limit the run
    stops naming RESOLUTION and the resolution that fits, below it the warning says how many cells were added."""
    from deeptraj.models.core import h3steps

    vl = trajectories_layer(n_traj=2, n_pts=6, step=0.004)
    fb = WarningFeedback()
    res = run_alg("deeptraj:discretizeh3", _params(vl, RESOLUTION=13, FILL_GAPS=True), feedback=fb)
    warn = [w for w in fb.warnings if "FILL_GAPS inserted" in w]
    assert len(warn) == 1 and f"{res['N_TOKENS'] - 12:,} cells" in warn[0]
    suggested = int(warn[0].split("RESOLUTION ")[1].split()[0])
    assert 8 <= suggested <= 10  # ~400 m steps: cells of ~100-200 m
    monkeypatch.setattr(h3steps, "MAX_FILL_CELLS", 1000)
    with pytest.raises(QgsProcessingException, match=r"RESOLUTION: filling the gaps would insert [\d,]+ cells") as e:
        run_alg("deeptraj:discretizeh3", _params(vl, RESOLUTION=15, FILL_GAPS=True))
    assert "FILL_GAPS off" in str(e.value)
    quiet = WarningFeedback()
    run_alg("deeptraj:discretizeh3", _params(vl, RESOLUTION=9, FILL_GAPS=True), feedback=quiet)
    assert not [w for w in quiet.warnings if "FILL_GAPS inserted" in w]


@pytest.mark.parametrize(
    "params,match",
    [
        ({"CELL_SIZE": 0}, "CELL_SIZE"),
        ({"CELL_SIZE": -5}, "CELL_SIZE"),
        ({"GRID_CRS": "EPSG:4326"}, "GRID_CRS"),
        ({"TRAJ_ID_FIELD": "nope"}, "nope"),
    ],
)
def test_grid_bad_parameters(run_alg, params, match):
    with pytest.raises(QgsProcessingException, match=match):
        run_alg("deeptraj:discretizegrid", _params(trajectories_layer(), **params))


@pytest.mark.parametrize("res", [-1, 16])
def test_h3_bad_resolution(run_alg, res):
    with pytest.raises(QgsProcessingException, match="RESOLUTION"):
        run_alg("deeptraj:discretizeh3", _params(trajectories_layer(), RESOLUTION=res))


def _canonical(layer):
    """Sorted (attributes without fid, WKT) of every feature of a layer or layer path."""
    lyr = _layer(layer)
    names = [f.name() for f in lyr.fields() if f.name() != "fid"]
    rows = []
    for f in lyr.getFeatures():
        rows.append((tuple(str(f[n]) for n in names), f.geometry().asWkt(6)))
    return names, _wkb_name(lyr), sorted(rows)


def _wkb_name(lyr):
    from qgis.core import QgsWkbTypes

    return QgsWkbTypes.displayString(lyr.wkbType())


@pytest.mark.parametrize(
    "alg,extra",
    [("discretizegrid", {"CELL_SIZE": 200}), ("discretizeh3", {"RESOLUTION": 10, "FILL_GAPS": True})],
)
def test_geopackage_outputs_match_memory_outputs(run_alg, tmp_path, monkeypatch, alg, extra):
    """The bulk GeoPackage writer (several batches of lines) gives the features the memory sink gives."""
    from deeptraj.processing_provider.discretization import io

    monkeypatch.setattr(io, "LINE_BATCH_POINTS", 30)  # several batches of lines
    vl = trajectories_layer(n_traj=7, n_pts=25)
    mem = run_alg(f"deeptraj:{alg}", _params(vl, **extra))
    gpkg = {k: str(tmp_path / f"{k}.gpkg") for k in ("OUTPUT_CELLS", "OUTPUT_SEQUENCES")}
    res = run_alg(f"deeptraj:{alg}", _params(vl, **extra, **gpkg))
    for key in gpkg:
        assert _canonical(res[key]) == _canonical(mem[key])
    seq = _layer(res["OUTPUT_SEQUENCES"])
    assert seq.featureCount() == 7 and _wkb_name(seq).startswith("LineStringM")
    cells = _layer(res["OUTPUT_CELLS"])
    assert _wkb_name(cells) == "Polygon" and cells.featureCount() > 10
    if alg == "discretizegrid":  # the squares of the grid, 200 m on a side
        assert {round(f.geometry().area()) for f in cells.getFeatures()} == {40000}


def test_cells_go_through_the_bulk_writer(run_alg, tmp_path, monkeypatch):
    """A GeoPackage destination of the cells layer does not use the feature sink."""
    from deeptraj.processing_provider.discretization import io

    monkeypatch.setattr(io, "_add_in_batches", lambda *a, **k: pytest.fail("feature sink used for the cells"))
    monkeypatch.setattr(io, "CELL_BATCH", 7)  # several calls of the writer
    out = tmp_path / "cells.gpkg"
    res = run_alg("deeptraj:discretizeh3", _params(trajectories_layer(n_traj=5), RESOLUTION=9, OUTPUT_CELLS=str(out)))
    cells = _layer(res["OUTPUT_CELLS"])
    assert cells.featureCount() == res["N_CELLS"] > 7
    assert sum(f["visits"] for f in cells.getFeatures()) > 0


def test_cancel_while_writing_sequences_leaves_no_file(run_alg, tmp_path, monkeypatch):
    from qgis.core import QgsProcessingFeedback

    from deeptraj.processing_provider.discretization import io

    monkeypatch.setattr(io, "LINE_BATCH_POINTS", 20)

    class CancelWhileWriting(QgsProcessingFeedback):
        def setProgress(self, value):  # noqa: N802 - the QGIS name
            super().setProgress(value)
            if value > 93:  # inside the sequences part of the writing stage
                self.cancel()

    out = tmp_path / "seq.gpkg"
    cells = tmp_path / "cells.gpkg"
    params = _params(trajectories_layer(n_traj=8), CELL_SIZE=200, OUTPUT_SEQUENCES=str(out), OUTPUT_CELLS=str(cells))
    with pytest.raises(QgsProcessingException, match="Cancelled"):
        run_alg("deeptraj:discretizegrid", params, feedback=CancelWhileWriting())
    assert not out.exists() and not cells.exists()
    assert not [p for p in tmp_path.iterdir() if p.suffix.startswith(".gpkg") or "gpkg" in p.name]
