"""GPS outliers through Processing (issue 19): a small point layer around Dhaka with a few fixes at (0, 0) (in Dhaka's
UTM zone, 46N, (0, 0) projects to infinity: ECO stopped with scipy's "The value of p too large for this dataset")
runs through the algorithms that read trajectories; each excludes the fixes, counts them (N_FAR_OUTLIERS) and
names them in a warning."""

import datetime as dt

import pytest

from tests.layers import WarningFeedback, point_layer

ORIGIN = (90.40, 23.80)
ZERO = (5, 40, 77)  # rows (feature ids - 1) moved to (0, 0)


def _layer(n_traj=8, n_pts=12, step=0.0008):
    """Straight trajectories (one direction per 2), 60 s apart, starting 10 minutes apart; rows ZERO at (0, 0)."""
    rows = []
    for i in range(n_traj):
        dx, dy = [(1, 0), (0, 1), (-1, 0), (0, -1)][(i // 2) % 4]
        for j in range(n_pts):
            t = dt.datetime(2024, 1, 1, 8) + dt.timedelta(minutes=10 * i + j)
            x, y = ORIGIN[0] + dx * step * j + 1e-5 * i, ORIGIN[1] + dy * step * j + 1e-5 * i
            if len(rows) in ZERO:
                x, y = 0.0, 0.0
            rows.append((x, y, {"tid": f"T{i}", "uid": f"U{i % 4}", "t": t.isoformat()}))
    return point_layer(rows, [("tid", str), ("uid", str), ("t", str)])


def _params(alg, tmp_path):
    base = {"INPUT": _layer(), "TRAJ_ID_FIELD": "tid", "TIME_FIELD": "t"}
    out = {"OUTPUT": "memory:"}
    return {
        "discretizegrid": {**base, "CELL_SIZE": 300, "OUTPUT_CELLS": "memory:", "OUTPUT_SEQUENCES": "memory:"},
        "discretizeh3": {**base, "RESOLUTION": 9, "OUTPUT_CELLS": "memory:", "OUTPUT_SEQUENCES": "memory:"},
        "eco": {**base, "EPS": 300, "MIN_PTS": 2, "DELTA": 250, "RHO": 2, **out},
        "groundtruthclusters": {**base, "N_CENTERS": 2, **out},
        "classicclustering": {**base, "METHOD": 0, "N_CLUSTERS": 2, **out},
        "mobilityembedtrain": {
            **base,
            "GROUP_BY": 1,
            "EPOCHS": 1,
            "D_MODEL": 16,
            "HEADS": 2,
            "LSTM_HIDDEN": 16,
            "VALIDATION_USERS": 0.25,
            "MODEL_FILE": str(tmp_path / "m.mobemb"),
        },
    }[alg]


@pytest.mark.parametrize(
    "alg", ["discretizegrid", "discretizeh3", "eco", "groundtruthclusters", "classicclustering", "mobilityembedtrain"]
)
def test_zero_fixes_are_excluded_counted_and_named(run_alg, tmp_path, alg):
    fb = WarningFeedback()
    res = run_alg(f"deeptraj:{alg}", _params(alg, tmp_path), feedback=fb)
    assert res.get("N_FAR_OUTLIERS", 3) == len(ZERO)  # in the results of the algorithms that report the cleaning
    assert alg == "classicclustering" or "N_FAR_OUTLIERS" in res
    warn = [w for w in fb.warnings if "far outside the data's bulk" in w]
    assert len(warn) == 1, fb.warnings
    assert warn[0].startswith("INPUT: 3 fix(es)") and "3 at exactly 0,0" in warn[0]
    assert "feature ids 6, 41, 78" in warn[0] and "NOT ($x = 0 AND $y = 0)" in warn[0]


def test_zero_fixes_in_a_geopackage_are_named_by_their_feature_ids(run_alg, tmp_path):
    """The column-wise (GDAL Arrow) reader: the same fixes, named by the GeoPackage's feature ids."""
    from qgis.core import QgsVectorFileWriter, QgsVectorLayer

    mem = _layer()
    path = str(tmp_path / "zero.gpkg")
    opts = QgsVectorFileWriter.SaveVectorOptions()
    opts.driverName = "GPKG"
    assert QgsVectorFileWriter.writeAsVectorFormatV2(mem, path, mem.transformContext(), opts)[0] == 0
    fb = WarningFeedback()
    params = {**_params("eco", tmp_path), "INPUT": QgsVectorLayer(path, "zero", "ogr")}
    res = run_alg("deeptraj:eco", params, feedback=fb)
    assert res["N_FAR_OUTLIERS"] == 3
    assert any("feature ids 6, 41, 78" in w for w in fb.warnings), fb.warnings


def test_a_layer_of_only_zero_fixes_is_refused(run_alg, tmp_path):
    from qgis.core import QgsProcessingException

    rows = [(0.0, 0.0, {"tid": "a", "t": f"2024-01-01T00:00:0{j}"}) for j in range(5)]
    params = {**_params("discretizeh3", tmp_path), "INPUT": point_layer(rows, [("tid", str), ("t", str)])}
    with pytest.raises(QgsProcessingException, match="INPUT: no point is left.*3 far outside|5 far outside"):
        run_alg("deeptraj:discretizeh3", params)
