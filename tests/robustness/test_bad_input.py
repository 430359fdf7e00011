"""Bad input corpus (issue 25): NULL/NaN trajectory ids, float ids, coordinates outside the longitude/latitude range,
ids that must round-trip through importtrajectories, an import with no readable point, and model files in a folder
that cannot be written. Every algorithm that reads a layer goes through ``layer_io.read_trajectories``; a few are run
here on small simulated layers."""

import datetime as dt

import pytest
from qgis.core import QgsProcessingException, QgsVectorLayer

from tests.layers import WarningFeedback, point_layer

ORIGIN = (-8.62, 41.15)


def _rows(n_traj=6, n_pts=12, tid=lambda i: f"T{i}", step=0.0008):
    """Point rows of ``n_traj`` straight trajectories (one direction per 3), 15 s apart, one hour between them."""
    rows = []
    for i in range(n_traj):
        dx, dy = [(1, 0), (0, 1), (-1, 0), (0, -1)][(i // 3) % 4]
        for j in range(n_pts):
            t = dt.datetime(2024, 1, 1, 8) + dt.timedelta(hours=i, seconds=15 * j)
            x, y = ORIGIN[0] + dx * step * j + 1e-5 * i, ORIGIN[1] + dy * step * j
            rows.append((x, y, {"tid": tid(i), "t": t.isoformat()}))
    return rows


def _layer(rows, id_type=str):
    return point_layer(rows, [("tid", id_type), ("t", str)])


def _params(alg, layer, tmp_path):
    """Small, fast parameters of ``alg`` reading ``layer`` (fields tid, t)."""
    base = {"INPUT": layer, "TRAJ_ID_FIELD": "tid", "TIME_FIELD": "t"}
    out = {"OUTPUT": "memory:"}
    return {
        "discretizegrid": {**base, "CELL_SIZE": 300, "OUTPUT_CELLS": "memory:", "OUTPUT_SEQUENCES": "memory:"},
        "discretizeh3": {**base, "RESOLUTION": 9, "OUTPUT_CELLS": "memory:", "OUTPUT_SEQUENCES": "memory:"},
        "groundtruthclusters": {**base, **out},
        "assignodpairs": {**base, "RESOLUTION": 8, **out},
        "eco": {**base, "EPS": 300, "MIN_PTS": 2, "DELTA": 250, "RHO": 2, **out},
        "e2dtctrain": {
            **base,
            "CELL_SIZE": 200,
            "PRETRAIN_EPOCHS": 1,
            "SELFTRAIN_EPOCHS": 1,
            "BATCH_SIZE": 8,
            "N_CLUSTERS": 2,
            "SEED": 1,
            "MODEL_FILE": str(tmp_path / "m.e2dtc"),
            **out,
        },
    }[alg]


LAYER_ALGS = ["discretizegrid", "discretizeh3", "groundtruthclusters", "assignodpairs", "eco", "e2dtctrain"]


def _run(run_alg, alg, layer, tmp_path, **kw):
    fb = WarningFeedback()
    res = run_alg(f"deeptraj:{alg}", {**_params(alg, layer, tmp_path), **kw}, feedback=fb)
    return res, fb


# ---------------------------------------------------------------------------------------------- NULL / NaN ids
@pytest.mark.parametrize("alg", LAYER_ALGS)
@pytest.mark.parametrize("null", [None, "NaN-float"])
def test_null_ids_are_skipped_counted_and_reported(run_alg, tmp_path, alg, null):
    """Points without an id are skipped with a warning naming TRAJ_ID_FIELD; they never form a trajectory 'NULL'."""
    if null is None:
        rows, id_type = _rows(), str
        rows += [(x + 0.01, y, {"tid": None, "t": a["t"]}) for x, y, a in _rows(n_traj=2)]
    else:
        rows, id_type = _rows(tid=float), float
        rows += [(x + 0.01, y, {"tid": float("nan"), "t": a["t"]}) for x, y, a in _rows(n_traj=2)]
    res, fb = _run(run_alg, alg, _layer(rows, id_type), tmp_path)
    assert res.get("N_SKIPPED_NULL_IDS", 24) == 24  # in the results of the algorithms that report the cleaning
    assert any("TRAJ_ID_FIELD" in w and "24" in w and "'tid'" in w for w in fb.warnings), fb.warnings


def test_text_id_null_is_its_own_trajectory(run_alg, tmp_path):
    """A real text id "NULL" is an id; QGIS NULL values are skipped and do not join it."""
    rows = _rows(n_traj=3, tid=lambda i: ["NULL", "a", "b"][i])
    rows += [(x + 0.01, y, {"tid": None, "t": a["t"]}) for x, y, a in _rows(n_traj=1)]
    res, fb = _run(run_alg, "discretizegrid", _layer(rows), tmp_path)
    assert res["N_TRAJECTORIES"] == 3 and res["N_SKIPPED_NULL_IDS"] == 12
    ids = sorted(f["traj_id"] for f in res["OUTPUT_SEQUENCES"].getFeatures())
    assert ids == ["NULL", "a", "b"]


def test_all_null_ids_refused(run_alg, tmp_path):
    rows = [(x, y, {"tid": None, "t": a["t"]}) for x, y, a in _rows(n_traj=2)]
    with pytest.raises(QgsProcessingException, match="TRAJ_ID_FIELD.*NULL"):
        _run(run_alg, "discretizegrid", _layer(rows), tmp_path)


def test_float_ids_kept_as_exact_text_with_a_warning(run_alg, tmp_path):
    rows = _rows(n_traj=3, tid=lambda i: [1.0, 1.5, 2.25][i])
    res, fb = _run(run_alg, "discretizegrid", _layer(rows, float), tmp_path)
    assert res["N_TRAJECTORIES"] == 3
    assert sorted(f["traj_id"] for f in res["OUTPUT_SEQUENCES"].getFeatures()) == ["1", "1.5", "2.25"]
    assert any("TRAJ_ID_FIELD" in w and "decimal" in w for w in fb.warnings), fb.warnings


def test_null_ids_in_a_geopackage_integer_field(run_alg, tmp_path):
    """The column-wise (Arrow) reader of a GeoPackage gives NULL integers as 0: they must still count as NULL."""
    from qgis.core import QgsVectorFileWriter

    rows = _rows(tid=lambda i: i + 1) + [(x + 0.01, y, {"tid": None, "t": a["t"]}) for x, y, a in _rows(n_traj=2)]
    mem = _layer(rows, int)
    path = str(tmp_path / "ids.gpkg")
    opts = QgsVectorFileWriter.SaveVectorOptions()
    opts.driverName = "GPKG"
    err = QgsVectorFileWriter.writeAsVectorFormatV2(mem, path, mem.transformContext(), opts)
    assert err[0] == QgsVectorFileWriter.NoError, err
    res, fb = _run(run_alg, "discretizegrid", QgsVectorLayer(path, "ids", "ogr"), tmp_path)
    assert res["N_SKIPPED_NULL_IDS"] == 24 and res["N_TRAJECTORIES"] == 6


# ---------------------------------------------------------------------------------------------- coordinates
@pytest.mark.parametrize("alg", LAYER_ALGS)
def test_latitude_out_of_range_skipped_and_reported(run_alg, tmp_path, alg):
    rows = _rows()
    rows += [(ORIGIN[0] + 1e-4 * j, 200.0, {"tid": "bad", "t": f"2024-01-02T00:00:{10 + j}"}) for j in range(5)]
    res, fb = _run(run_alg, alg, _layer(rows), tmp_path)
    assert res.get("N_OUTSIDE_CRS_RANGE", 5) == 5
    assert any("INPUT" in w and "outside the longitude/latitude range" in w for w in fb.warnings), fb.warnings


def test_all_points_out_of_range_refused_without_a_false_crs_message(run_alg, tmp_path):
    rows = [(x, y + 150.0, a) for x, y, a in _rows(n_traj=3)]
    with pytest.raises(QgsProcessingException, match="INPUT.*longitude/latitude") as e:
        _run(run_alg, "assignodpairs", _layer(rows), tmp_path)
    assert "no CRS" not in str(e.value)


def test_to_wgs84_names_the_range_not_a_missing_crs():
    import numpy as np

    from deeptraj.models.core.trajectories import Trajectories, TrajectoryDataError, to_wgs84

    trajs, _ = Trajectories.from_points(np.array([1, 1]), [0.0, 1.0], [200.0, 10.0], crs="EPSG:4326")
    with pytest.raises(TrajectoryDataError, match="1 point\\(s\\) lie outside the longitude/latitude range"):
        to_wgs84(trajs)


# ---------------------------------------------------------------------------------------------- import
def _import(run_alg, csv, out, **kw):
    p = {"FILE": str(csv), "FORMAT": 0, "CRS": "EPSG:4326", "ID_FIELD": "id", "OUTPUT": str(out), **kw}
    return run_alg("deeptraj:importtrajectories", p)


def test_import_keeps_ids_exactly(run_alg, tmp_path):
    """The texts NULL/NaN/None/NA are ids; spaces are part of an id; only an empty cell is a missing id."""
    ids = ["NULL", "NaN", "None", "NA", "  spaced id  ", '"  quoted "']
    lines = ["id,lon,lat,time"]
    for k, i in enumerate(ids):
        lines += [f"{i},{-8.6 + j * 1e-3},{41.1 + k * 1e-3},2024-01-01T00:0{k}:{10 + j}" for j in range(3)]
    lines += ["," + "-8.6,41.1,2024-01-01T01:00:00"]
    csv = tmp_path / "ids.csv"
    csv.write_text("\n".join(lines) + "\n")
    res = _import(run_alg, csv, tmp_path / "out.gpkg")
    got = {f["traj_id"] for f in QgsVectorLayer(res["OUTPUT"], "o", "ogr").getFeatures()}
    assert got == {"NULL", "NaN", "None", "NA", "  spaced id  ", "  quoted "}
    assert res["N_POINTS"] == 18 and res["N_SKIPPED_NULL_IDS"] == 1


def test_import_without_readable_point_leaves_the_existing_output(run_alg, tmp_path):
    good = tmp_path / "good.csv"
    good.write_text("id,lon,lat\n" + "\n".join(f"a,{-8.6 + j * 1e-3},41.1" for j in range(3)) + "\n")
    out = tmp_path / "out.gpkg"
    _import(run_alg, good, out)
    before = out.read_bytes()
    bad = tmp_path / "bad.csv"
    bad.write_text("id,lon,lat\na,,\nb,,41.2\n")
    with pytest.raises(QgsProcessingException, match="FILE"):
        _import(run_alg, bad, out)
    assert out.read_bytes() == before
    assert QgsVectorLayer(str(out), "o", "ogr").featureCount() == 3


# ---------------------------------------------------------------------------------------------- unwritable files
def test_model_file_in_a_folder_that_cannot_be_written(run_alg, tmp_path):
    """Tests run as root, who ignores folder permissions: a path under a regular file cannot be written by anyone."""
    blocker = tmp_path / "file.txt"
    blocker.write_text("not a folder")
    model = blocker / "model.e2dtc"
    with pytest.raises(QgsProcessingException) as e:
        _run(run_alg, "e2dtctrain", _layer(_rows()), tmp_path, MODEL_FILE=str(model))
    msg = str(e.value)
    assert msg.startswith(f"MODEL_FILE: cannot write {model}") and "writable folder" in msg, msg
    assert "unexpected error" not in msg
