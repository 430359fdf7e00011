"""Processing tests of deeptraj:simulatetrajectories (synthetic sample): outputs, fields, CRS, road layers,
determinism, detours, bad input and styling."""

import time

import numpy as np
import pytest
from qgis.core import (
    QgsCategorizedSymbolRenderer,
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsSingleSymbolRenderer,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QDate, QDateTime, Qt, QTime, QVariant

from tests.conftest import data_path
from tests.layers import WarningFeedback

ALG = "deeptraj:simulatetrajectories"
JAN1_8H = 1704096000


def _points(layer):
    rows = []
    for f in layer.getFeatures():
        p = f.geometry().asPoint()
        rows.append(
            (f["traj_id"], f["time"].toSecsSinceEpoch(), p.x(), p.y(), f["od_id"], f["is_anomaly"], f["anomaly_type"])
        )
    return rows


def _roads(geometry_type, geometries, crs):
    """A memory road layer of the given geometry type, one feature per geometry."""
    lyr = QgsVectorLayer(f"{geometry_type}?crs={crs}", "roads", "memory")
    feats = []
    for g in geometries:
        f = QgsFeature()
        f.setGeometry(g)
        feats.append(f)
    lyr.dataProvider().addFeatures(feats)
    return lyr


def _xy(line):
    return [QgsPointXY(float(x), float(y)) for x, y in line]


def _line_layer(lines, crs="EPSG:32629"):
    return _roads("LineString", [QgsGeometry.fromPolylineXY(_xy(a)) for a in lines], crs)


def _multi_line_layer(groups, crs="EPSG:32629"):
    """One MultiLineString feature per group of lines."""
    return _roads("MultiLineString", [QgsGeometry.fromMultiPolylineXY([_xy(a) for a in g]) for g in groups], crs)


def _grid(n=9, step=150.0, x0=530000.0, y0=4555000.0):
    c = np.arange(n) * step
    return [np.column_stack([x0 + c, np.full(n, y0 + v)]) for v in c] + [
        np.column_stack([np.full(n, x0 + v), y0 + c]) for v in c
    ]


def test_default_run_outputs_fields_counts_and_crs(run_alg):
    res = run_alg(
        ALG,
        {
            "N_TRAJECTORIES": 60,
            "OUTPUT": "TEMPORARY_OUTPUT",
            "OUTPUT_LINES": "TEMPORARY_OUTPUT",
            "OUTPUT_ROADS": "TEMPORARY_OUTPUT",
        },
    )
    pts, lines, roads = res["OUTPUT"], res["OUTPUT_LINES"], res["OUTPUT_ROADS"]
    assert res["N_TRAJECTORIES"] == 60 and res["N_DETOURS"] == 0
    assert pts.featureCount() == res["N_POINTS"] > 60 * 10
    assert pts.crs().authid() == "EPSG:4326" and lines.crs().authid() == "EPSG:4326"
    assert QgsWkbTypes.geometryType(pts.wkbType()) == QgsWkbTypes.PointGeometry
    fields = {f.name(): f.type() for f in pts.fields()}
    assert fields == {
        "traj_id": QVariant.LongLong,
        "time": QVariant.DateTime,
        "od_id": QVariant.LongLong,
        "route_id": QVariant.LongLong,
        "vehicle_id": QVariant.LongLong,
        "speed": QVariant.Double,
        "is_anomaly": QVariant.LongLong,
        "anomaly_type": QVariant.String,
    }
    rows = _points(pts)
    assert sorted({r[4] for r in rows}) == list(range(6))
    assert {r[0] for r in rows} == set(range(60))
    assert min(r[1] for r in rows) >= JAN1_8H
    xs, ys = np.array([r[2] for r in rows]), np.array([r[3] for r in rows])
    assert np.all(np.abs(xs + 8.61) < 0.04) and np.all(np.abs(ys - 41.15) < 0.03)
    # one LineStringM per trajectory, with times as M and the point count
    assert lines.featureCount() == 60 and lines.wkbType() == QgsWkbTypes.LineStringM
    assert [f.name() for f in lines.fields()][:6] == [
        "traj_id",
        "od_id",
        "route_id",
        "vehicle_id",
        "n_points",
        "has_detour",
    ]
    total = 0
    for f in lines.getFeatures():
        g = f.geometry().constGet()
        assert g.numPoints() == f["n_points"]
        assert g.mAt(0) == f["start_time"].toSecsSinceEpoch()
        assert g.mAt(g.numPoints() - 1) == f["end_time"].toSecsSinceEpoch()
        total += f["n_points"]
    assert total == res["N_POINTS"]
    assert roads.featureCount() > 1500 and {f["kind"] for f in roads.getFeatures()} == {
        "street",
        "arterial",
        "diagonal",
    }


def test_detours_determinism_and_seed(run_alg):
    params = {
        "N_TRAJECTORIES": 50,
        "DETOUR_RATE": 0.2,
        "SEED": 9,
        "OUTPUT": "TEMPORARY_OUTPUT",
        "OUTPUT_LINES": "TEMPORARY_OUTPUT",
    }
    a = run_alg(ALG, dict(params))
    b = run_alg(ALG, dict(params))
    c = run_alg(ALG, dict(params, SEED=10))
    ra, rb, rc = _points(a["OUTPUT"]), _points(b["OUTPUT"]), _points(c["OUTPUT"])
    assert ra == rb
    assert ra != rc
    flagged = {r[0] for r in ra if r[5] == 1}
    assert a["N_DETOURS"] == len(flagged) == 10
    assert all((r[6] == "detour") == (r[5] == 1) for r in ra)
    assert {f["traj_id"] for f in a["OUTPUT_LINES"].getFeatures() if f["has_detour"] == 1} == flagged


def test_output_crs_extent_and_start_time(run_alg):
    start = QDateTime(QDate(2024, 3, 5), QTime(10, 0), Qt.UTC)
    res = run_alg(
        ALG,
        {
            "N_TRAJECTORIES": 30,
            "N_OD_PAIRS": 3,
            "CRS": "EPSG:3857",
            "START_TIME": start,
            "EXTENT": "-8.64,-8.60,41.14,41.17 [EPSG:4326]",
            "GRID_SPACING": 150,
            "OUTPUT": "TEMPORARY_OUTPUT",
        },
    )
    lyr = res["OUTPUT"]
    assert lyr.crs().authid() == "EPSG:3857"
    rows = _points(lyr)
    xs, ys = np.array([r[2] for r in rows]), np.array([r[3] for r in rows])
    # Web Mercator metres of the extent (about -961,800..-957,300 / 5,032,000..5,036,500)
    from deeptraj.models.core.crs import transform_xy

    lon, lat = transform_xy(xs, ys, "EPSG:3857", "EPSG:4326")
    assert lon.min() > -8.6405 and lon.max() < -8.5995 and lat.min() > 41.1395 and lat.max() < 41.1705
    times = np.array([r[1] for r in rows])
    assert times.min() >= start.toSecsSinceEpoch() and times.max() < start.toSecsSinceEpoch() + 86400
    assert sorted({r[4] for r in rows}) == [0, 1, 2]


def test_memory_road_layer(run_alg):
    lyr = _line_layer(_grid())
    res = run_alg(
        ALG,
        {
            "ROAD_NETWORK": lyr,
            "N_OD_PAIRS": 2,
            "N_TRAJECTORIES": 20,
            "GPS_NOISE": 0,
            "CRS": "EPSG:32629",
            "OUTPUT": "TEMPORARY_OUTPUT",
            "OUTPUT_ROADS": "TEMPORARY_OUTPUT",
        },
    )
    rows = _points(res["OUTPUT"])
    x = np.array([r[2] for r in rows]) - 530000.0
    y = np.array([r[3] for r in rows]) - 4555000.0
    on_grid = (np.abs(x / 150 - np.round(x / 150)) < 1e-4) | (np.abs(y / 150 - np.round(y / 150)) < 1e-4)
    assert on_grid.all()
    assert x.min() >= -1e-3 and x.max() <= 1200 + 1e-3 and y.min() >= -1e-3 and y.max() <= 1200 + 1e-3
    assert res["OUTPUT_ROADS"].featureCount() == 18
    assert {r[4] for r in rows} == {0, 1}
    # multi-part features, and a disconnected piece that is left out with a warning
    g = _grid()
    island = [np.array([[540000.0, 4555000.0], [540100.0, 4555000.0]])]
    fb = WarningFeedback()
    res2 = run_alg(
        ALG,
        {
            "ROAD_NETWORK": _multi_line_layer([g[:9], g[9:], island]),
            "N_OD_PAIRS": 2,
            "N_TRAJECTORIES": 20,
            "GPS_NOISE": 0,
            "CRS": "EPSG:32629",
            "OUTPUT": "TEMPORARY_OUTPUT",
        },
        feedback=fb,
    )
    assert _points(res2["OUTPUT"]) == rows
    assert any("2 connected parts" in w for w in fb.warnings)


def test_porto_roads_layer(run_alg):
    path = data_path("porto_roads_osm", "porto_roads.gpkg")
    t0 = time.perf_counter()
    res = run_alg(
        ALG,
        {
            "ROAD_NETWORK": f"{path}|layername=edges",
            "N_TRAJECTORIES": 100,
            "DETOUR_RATE": 0.1,
            "OUTPUT": "TEMPORARY_OUTPUT",
        },
    )
    assert time.perf_counter() - t0 < 20
    assert res["N_TRAJECTORIES"] == 100 and res["N_DETOURS"] >= 8
    ext = res["OUTPUT"].extent()
    assert ext.xMinimum() > -8.6903 and ext.xMaximum() < -8.5549
    assert ext.yMinimum() > 41.1389 and ext.yMaximum() < 41.1868


def test_bad_inputs_are_clear_errors(run_alg):
    with pytest.raises(QgsProcessingException, match="N_TRAJECTORIES"):
        run_alg(ALG, {"N_TRAJECTORIES": 0, "OUTPUT": "TEMPORARY_OUTPUT"})
    with pytest.raises(QgsProcessingException, match="N_OD_PAIRS.*fewer pairs"):
        run_alg(ALG, {"N_OD_PAIRS": 200, "N_TRAJECTORIES": 200, "OUTPUT": "TEMPORARY_OUTPUT"})
    with pytest.raises(QgsProcessingException, match="N_OD_PAIRS.*fewer pairs"):
        run_alg(ALG, {"ROAD_NETWORK": _line_layer(_grid()), "N_OD_PAIRS": 12, "OUTPUT": "TEMPORARY_OUTPUT"})
    poly = QgsVectorLayer("Polygon?crs=EPSG:4326", "poly", "memory")
    f = QgsFeature()
    f.setGeometry(QgsGeometry.fromWkt("POLYGON((-8.6 41.1, -8.5 41.1, -8.5 41.2, -8.6 41.1))"))
    poly.dataProvider().addFeature(f)
    with pytest.raises(QgsProcessingException, match="ROAD_NETWORK.*line layer"):
        run_alg(ALG, {"ROAD_NETWORK": poly, "OUTPUT": "TEMPORARY_OUTPUT"})
    tiny = _line_layer([np.array([[0.0, 0.0], [100.0, 0.0], [100.0, 100.0]]), np.array([[500.0, 0], [600.0, 0]])])
    with pytest.raises(QgsProcessingException, match="ROAD_NETWORK.*too small"):
        run_alg(ALG, {"ROAD_NETWORK": tiny, "OUTPUT": "TEMPORARY_OUTPUT"})


def test_cancel_writes_nothing(run_alg):
    fb = QgsProcessingFeedback()
    fb.cancel()
    with pytest.raises(QgsProcessingException, match="Cancel"):
        run_alg(ALG, {"N_TRAJECTORIES": 30, "OUTPUT": "TEMPORARY_OUTPUT"}, feedback=fb)


def test_styles_categorize_by_od(run_alg):
    from deeptraj.processing_provider.data.simulate import _style_by_od, _style_roads

    res = run_alg(
        ALG,
        {
            "N_TRAJECTORIES": 24,
            "N_OD_PAIRS": 4,
            "OUTPUT": "TEMPORARY_OUTPUT",
            "OUTPUT_LINES": "TEMPORARY_OUTPUT",
            "OUTPUT_ROADS": "TEMPORARY_OUTPUT",
        },
    )
    for key in ("OUTPUT", "OUTPUT_LINES"):
        lyr = res[key]
        _style_by_od(lyr)
        r = lyr.renderer()
        assert isinstance(r, QgsCategorizedSymbolRenderer) and r.classAttribute() == "od_id"
        assert sorted(int(c.value()) for c in r.categories()) == [0, 1, 2, 3]
    _style_roads(res["OUTPUT_ROADS"])
    assert isinstance(res["OUTPUT_ROADS"].renderer(), QgsSingleSymbolRenderer)
    assert QgsCoordinateReferenceSystem("EPSG:4326") == res["OUTPUT"].crs()
