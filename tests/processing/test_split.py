"""deeptraj:splittrajectories through Processing: a memory layer to temporary outputs, a GeoPackage file (the Arrow
reading path) to GeoPackage outputs (the bulk writer), the counts, and cancel."""

import pytest
from qgis.core import (
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsVectorFileWriter,
    QgsVectorLayer,
    QgsWkbTypes,
)

from tests.layers import point_layer

ALG = "deeptraj:splittrajectories"
T0 = 1_700_000_000
LON0, LAT0 = 116.30, 39.90
STEP = 0.005  # ~430 m of longitude at Beijing: 7 m/s every 60 s


def _rows():
    """Taxi 7: drives 10 fixes, waits 10 min within ~20 m (11 fixes), drives 10 fixes with a (0, 0) fix and a
    repeated time among them; its occupancy changes at the 5th fix of the last drive. Taxi 9: one fix."""
    rows, k = [], 0

    def add(x, y, sec, occ, taxi=7):
        nonlocal k
        rows.append((x, y, {"taxi": taxi, "t": T0 + sec, "occ": occ}))
        k += 1

    for i in range(10):
        add(LON0 + STEP * i, LAT0, 60 * i, 0)
    for i in range(11):
        add(LON0 + STEP * 9 + 0.0001 * (i % 3), LAT0 + 0.0001, 600 + 60 * i, 0)
    for i in range(10):
        sec = 1260 + 60 * i
        add(LON0 + STEP * (10 + i), LAT0, sec, 0 if i < 5 else 1)
        if i == 2:
            add(0.0, 0.0, sec + 30, 0)  # GPS "no fix"
        if i == 6:
            add(LON0 + STEP * (10 + i) + 0.01, LAT0, sec, 1)  # repeated time: dropped, the first is kept
    add(LON0, LAT0 + 0.1, 0, 0, taxi=9)
    return rows


def _layer():
    return point_layer(_rows(), [("taxi", int), ("t", int), ("occ", int)])


def _params(inp, out, lines, stops, **kw):
    p = {
        "INPUT": inp,
        "TRAJ_ID_FIELD": "taxi",
        "TIME_FIELD": "t",
        "VALUE_FIELD": "occ",
        "MAX_GAP": 1800,
        "STOP_RADIUS": 50,
        "MIN_STOP_DURATION": 300,
        "MAX_SPEED": 200,
        "OUTPUT": out,
        "OUTPUT_LINES": lines,
        "OUTPUT_STOPS": stops,
    }
    p.update(kw)
    return p


def _check(res, points, lines, stops):
    assert res["N_INPUT_FIXES"] == 34 and res["N_VEHICLES"] == 2
    # the (0, 0) fix: skipped by the reader's outlier check, or else by the engine; counted either way
    assert res["N_ZERO_FIXES"] + res["N_FAR_OUTLIERS"] == 1
    assert (res["N_DUPLICATES"], res["N_SINGLE_FIX_VEHICLES"]) == (1, 1)
    assert (res["N_STOPS"], res["N_STOP_SPLITS"], res["N_VALUE_SPLITS"], res["N_GAP_SPLITS"]) == (1, 1, 1, 0)
    assert res["N_TRIPS"] == 3 and res["N_TRIP_FIXES"] == 21
    feats = list(points.getFeatures())
    assert [f["trip_id"] for f in feats] == ["7_1"] * 10 + ["7_2"] * 6 + ["7_3"] * 5
    assert {f["vehicle_id"] for f in feats} == {7}
    assert [f["occ"] for f in feats[16:]] == [1] * 5
    assert feats[0]["time"].toMSecsSinceEpoch() // 1000 == T0
    assert points.fields().indexOf("src_fid") >= 0
    ls = list(lines.getFeatures())
    assert QgsWkbTypes.hasM(lines.wkbType())
    assert [f["trip_id"] for f in ls] == ["7_1", "7_2", "7_3"]
    assert [f["n_points"] for f in ls] == [10, 6, 5]
    first = ls[0].geometry().constGet()
    assert first.numPoints() == 10 and first.mAt(0) == T0 and first.mAt(9) == T0 + 540
    assert ls[0]["duration_s"] == 540 and ls[0]["length_m"] == pytest.approx(9 * 427, rel=0.02)
    st = list(stops.getFeatures())
    assert len(st) == 1 and st[0]["stop_id"] == "7_s1" and st[0]["n_points"] == 12
    assert st[0]["duration_s"] == 660 and st[0]["vehicle_id"] == 7


def test_memory_layer_to_temporary_outputs(run_alg):
    res = run_alg(ALG, _params(_layer(), "memory:", "memory:", "memory:"))
    points, lines, stops = (_as_layer(res[k]) for k in ("OUTPUT", "OUTPUT_LINES", "OUTPUT_STOPS"))
    _check(res, points, lines, stops)


def _as_layer(value):
    if isinstance(value, QgsVectorLayer):
        return value
    from qgis.core import QgsProcessingContext, QgsProcessingUtils, QgsProject

    ctx = QgsProcessingContext()
    ctx.setProject(QgsProject.instance())
    layer = QgsProcessingUtils.mapLayerFromString(value, ctx)
    assert layer is not None and layer.isValid(), value
    return layer


def test_geopackage_input_and_outputs(run_alg, tmp_path, monkeypatch):
    """A GeoPackage input is read column-wise (GDAL's Arrow stream) and GeoPackage outputs are written in bulk: the
    feature-by-feature paths are not used."""
    from deeptraj.processing_provider import layer_io
    from deeptraj.processing_provider.data import split

    def refuse(*args, **kwargs):
        raise AssertionError("feature-by-feature path used")

    monkeypatch.setattr(layer_io, "_read_points_features", refuse)
    monkeypatch.setattr(split.SplitTrajectoriesAlgorithm, "_add_features", staticmethod(refuse))
    src = tmp_path / "fixes.gpkg"
    opts = QgsVectorFileWriter.SaveVectorOptions()
    opts.driverName = "GPKG"
    err = QgsVectorFileWriter.writeAsVectorFormatV2(_layer(), str(src), QgsVectorLayer().transformContext(), opts)
    assert err[0] == QgsVectorFileWriter.NoError, err
    inp = QgsVectorLayer(str(src), "fixes", "ogr")
    assert inp.isValid()
    out = tmp_path / "trips.gpkg"

    def dest(name):
        return f"ogr:dbname='{out}' table=\"{name}\" (geom)"

    res = run_alg(ALG, _params(inp, dest("trips"), dest("lines"), dest("stops")))
    layers = [QgsVectorLayer(f"{out}|layername={n}", n, "ogr") for n in ("trips", "lines", "stops")]
    assert all(lyr.isValid() for lyr in layers)
    _check(res, *layers)


def test_without_value_field_and_with_a_short_trip_filter(run_alg):
    res = run_alg(ALG, _params(_layer(), "memory:", "memory:", "memory:", VALUE_FIELD=None, MIN_TRIP_POINTS=12))
    assert res["N_VALUE_SPLITS"] == 0 and res["N_TRIPS"] == 0 and res["N_SHORT_TRIPS"] == 3


def test_cancel_writes_nothing(run_alg, tmp_path):
    fb = QgsProcessingFeedback()
    fb.cancel()
    out = tmp_path / "trips.gpkg"
    with pytest.raises(QgsProcessingException, match="[Cc]ancel"):
        run_alg(ALG, _params(_layer(), str(out), "memory:", "memory:"), feedback=fb)
    assert not out.exists()


def test_projected_layer_in_metres(run_alg):
    # 10 m/s every 60 s in EPSG:3857 metres; a 2-hour gap makes two trips
    rows = [(600.0 * i, 0.0, {"taxi": 1, "t": T0 + 60 * i, "occ": 0}) for i in range(5)]
    rows += [(600.0 * i, 0.0, {"taxi": 1, "t": T0 + 7200 + 60 * i, "occ": 0}) for i in range(5, 10)]
    layer = point_layer(rows, [("taxi", int), ("t", int), ("occ", int)], crs="EPSG:3857")
    res = run_alg(ALG, _params(layer, "memory:", "memory:", "memory:", VALUE_FIELD=None))
    assert (res["N_TRIPS"], res["N_GAP_SPLITS"], res["N_SPEED_OUTLIERS"]) == (2, 1, 0)
    lines = list(_as_layer(res["OUTPUT_LINES"]).getFeatures())
    assert [f["length_m"] for f in lines] == [2400.0, 2400.0]


def test_text_vehicle_ids_on_every_output(run_alg, tmp_path):
    """Two taxis with text ids, fixes interleaved in time: every trip point, trip and stop carries its own taxi (the
    per-point vehicle column is built from the trips' vehicles)."""
    rows = []
    for taxi, dy in (("taxi A", 0.0), ("täxi B", 0.05)):
        for i in range(8):
            rows.append((LON0 + STEP * i, LAT0 + dy, {"taxi": taxi, "t": T0 + 60 * i + (30 if dy else 0), "occ": 0}))
    rows.sort(key=lambda r: r[2]["t"])
    layer = point_layer(rows, [("taxi", str), ("t", int), ("occ", int)])
    out = tmp_path / "trips.gpkg"

    def dest(name):
        return f"ogr:dbname='{out}' table=\"{name}\" (geom)"

    res = run_alg(ALG, _params(layer, dest("pts"), dest("lines"), "memory:", VALUE_FIELD=None))
    assert res["N_TRIPS"] == 2
    pts = list(QgsVectorLayer(f"{out}|layername=pts", "p", "ogr").getFeatures())
    assert sorted((f["trip_id"], f["vehicle_id"]) for f in pts) == sorted(
        [("taxi A_1", "taxi A")] * 8 + [("täxi B_1", "täxi B")] * 8
    )
    lines = {f["trip_id"]: f["vehicle_id"] for f in QgsVectorLayer(f"{out}|layername=lines", "l", "ogr").getFeatures()}
    assert lines == {"taxi A_1": "taxi A", "täxi B_1": "täxi B"}
