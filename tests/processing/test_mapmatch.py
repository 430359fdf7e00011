"""deeptraj:mapmatch on the hand-made street grid of tests/models/test_mapmatch.py (road layer in UTM, points in
WGS84): the output lines carry the true unit path in the road layer's CRS; BOTH_DIRECTIONS for undirected lines;
clear errors for bad input; on the real Porto road network and taxi trips most points match."""

import gzip

import numpy as np
import pytest
from qgis.core import (
    QgsCoordinateTransformContext,
    QgsFeature,
    QgsField,
    QgsGeometry,
    QgsLineString,
    QgsProcessingException,
    QgsVectorFileWriter,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant

from tests.conftest import data_path
from tests.layers import point_layer
from tests.models.test_mapmatch import ROUTE, UTM, directed_grid, sample_route, undirected_grid

ALG = "deeptraj:mapmatch"
FIELDS = [
    "traj_id",
    "n_units",
    "units",
    "segment_fids",
    "n_points",
    "matched_points",
    "share",
    "n_breaks",
    "start_time",
    "end_time",
]


@pytest.fixture(scope="module")
def registered(provider):
    from qgis.core import QgsApplication

    if QgsApplication.processingRegistry().algorithmById(ALG) is None:  # until the provider lists it
        from deeptraj.processing_provider.metatrl.map_match import MapMatchAlgorithm

        provider.addAlgorithm(MapMatchAlgorithm())
    return provider


def _save(layer, path):
    opts = QgsVectorFileWriter.SaveVectorOptions()
    opts.driverName = "GPKG"
    err = QgsVectorFileWriter.writeAsVectorFormatV2(layer, str(path), QgsCoordinateTransformContext(), opts)
    assert err[0] == QgsVectorFileWriter.NoError, err
    return str(path)


def _roads_layer(lines, fids, attrs=None, crs="EPSG:4326"):
    """Memory line layer (lines in lon/lat, written in ``crs``) with feature ids ``fids``."""
    from deeptraj.models.core.crs import transform_xy

    vl = QgsVectorLayer(f"LineString?crs={crs}", "roads", "memory")
    pr = vl.dataProvider()
    attrs = attrs or {}
    pr.addAttributes([QgsField("fid", QVariant.LongLong)] + [QgsField(k, QVariant.String) for k in attrs])
    vl.updateFields()
    feats = []
    for k, (g, fid) in enumerate(zip(lines, fids)):
        x, y = transform_xy(g[:, 0], g[:, 1], "EPSG:4326", crs)
        f = QgsFeature(vl.fields())
        f.setGeometry(QgsGeometry(QgsLineString(x.tolist(), y.tolist())))
        f.setAttributes([int(fid)] + [None if v[k] is None else str(v[k]) for v in attrs.values()])
        feats.append(f)
    pr.addFeatures(feats)
    vl.updateExtents()
    return vl


def _points_layer(routes):
    rows = []
    for tid, (xy, t) in routes.items():
        for (x, y), tt in zip(xy.tolist(), t.tolist()):
            rows.append((x, y, {"tid": tid, "t": int(tt)}))
    return point_layer(rows, [("tid", str), ("t", int)])


@pytest.fixture(scope="module")
def grid(registered, tmp_path_factory):
    """GeoPackage paths: directed and undirected grid roads (written in UTM 29N, fid = the feature ids of the
    engine test) and trajectory points (A along ROUTE, B along a route against the undirected lines' direction,
    C far away)."""
    d = tmp_path_factory.mktemp("mapmatch")
    lines, fids, of, hw = directed_grid()
    n = len(lines)
    lanes = [str(1 + k % 3) for k in range(n)]
    roads = _save(_roads_layer(lines, fids, {"highway": hw, "lanes": lanes}, crs=UTM), d / "roads.gpkg")
    ulines, ufids, uof = undirected_grid()
    uroads = _save(_roads_layer(ulines, ufids, crs=UTM), d / "uroads.gpkg")
    back = [(3, 3), (2, 3), (1, 3), (1, 2), (1, 1)]
    a = sample_route(ROUTE, seed=0)
    b = sample_route(back, seed=1)
    c = (a[0] + [0.05, 0.05], a[1])
    points = _save(_points_layer({"A": a, "B": b, "C": c}), d / "points.gpkg")
    far = _save(_points_layer({"C": c}), d / "far.gpkg")
    empty = _save(_roads_layer([], [], crs=UTM), d / "empty.gpkg")
    return {
        "dir": d,
        "roads": roads,
        "uroads": uroads,
        "points": points,
        "far": far,
        "empty": empty,
        "expected_A": [of[(p, q)] * 2 for p, q in zip(ROUTE[:-1], ROUTE[1:])],
        "expected_B": [uof[(q, p)] * 2 + 1 if (q, p) in uof else uof[(p, q)] * 2 for p, q in zip(back[:-1], back[1:])],
    }


def _params(grid, out, **kw):
    return {
        "INPUT": grid["points"],
        "TRAJ_ID_FIELD": "tid",
        "TIME_FIELD": "t",
        "ROAD_NETWORK": grid["roads"],
        "OUTPUT": str(out),
        **kw,
    }


def _features(path):
    vl = QgsVectorLayer(str(path), "out", "ogr")
    assert vl.isValid()
    return vl, {f["traj_id"]: f for f in vl.getFeatures()}


def test_mapmatch_writes_the_matched_paths(grid, run_alg):
    out = grid["dir"] / "matched.gpkg"
    res = run_alg(ALG, _params(grid, out, ROAD_CLASS_FIELD="highway", LANES_FIELD="lanes"))
    assert res["N_TRAJECTORIES"] == 3 and res["N_BREAKS"] >= 0
    na = len(sample_route(ROUTE, seed=0)[1])
    nb = len(sample_route([(3, 3), (2, 3), (1, 3), (1, 2), (1, 1)], seed=1)[1])
    vl, feats = _features(res["OUTPUT"])
    assert [f.name() for f in vl.fields() if f.name() != "fid"] == FIELDS
    assert vl.crs().authid() == UTM and QgsWkbTypes.geometryType(vl.wkbType()) == QgsWkbTypes.LineGeometry
    a = feats["A"]
    keys = [int(k) for k in a["units"].split(",")]
    assert keys == grid["expected_A"] and a["n_units"] == len(keys)
    assert [int(k) for k in a["segment_fids"].split(",")] == [k // 2 for k in keys]
    assert a["share"] == 1.0 and a["matched_points"] == a["n_points"] == na and a["n_breaks"] == 0
    assert a["start_time"].toSecsSinceEpoch() == 1_700_000_000
    # the path runs from the route's first junction (in UTM metres)
    first = a.geometry().constGet().startPoint()
    assert abs(first.x() - 532_000.0) < 0.01 and abs(first.y() - 4_555_000.0) < 0.01
    c = feats["C"]
    assert c["n_units"] == 0 and c["matched_points"] == 0 and c["units"] in ("", None)
    assert c.geometry().isNull() or c.geometry().isEmpty()
    # B drives west on two-way streets, then south on a southbound one-way street
    assert feats["B"]["matched_points"] == feats["B"]["n_points"] == nb
    assert res["MATCHED_SHARE"] == pytest.approx((na + nb) / (2 * na + nb))


def test_both_directions_for_undirected_lines(grid, run_alg):
    params = _params(grid, grid["dir"] / "u1.gpkg", ROAD_NETWORK=grid["uroads"])
    one_way = run_alg(ALG, params)
    _, f1 = _features(one_way["OUTPUT"])
    assert one_way["N_BREAKS"] > 0 and f1["B"]["n_breaks"] > 0
    both = run_alg(ALG, dict(params, BOTH_DIRECTIONS=True, OUTPUT=str(grid["dir"] / "u2.gpkg")))
    _, f2 = _features(both["OUTPUT"])
    assert [int(k) for k in f2["B"]["units"].split(",")] == grid["expected_B"] and f2["B"]["n_breaks"] == 0


def test_mapmatch_errors(grid, run_alg, tmp_path):
    with pytest.raises(QgsProcessingException, match="ROAD_NETWORK"):
        run_alg(ALG, _params(grid, tmp_path / "e1.gpkg", ROAD_NETWORK=grid["empty"]))
    with pytest.raises(QgsProcessingException, match="RADIUS.*CRS"):
        run_alg(ALG, _params(grid, tmp_path / "e2.gpkg", INPUT=grid["far"]))
    with pytest.raises(QgsProcessingException, match="TIME_FIELD"):
        run_alg(ALG, _params(grid, tmp_path / "e3.gpkg", TIME_FIELD=None))
    with pytest.raises(QgsProcessingException, match="START_NODE_FIELD"):
        run_alg(ALG, _params(grid, tmp_path / "e4.gpkg", START_NODE_FIELD="fid"))
    with pytest.raises(QgsProcessingException):
        run_alg(ALG, _params(grid, tmp_path / "e5.gpkg", ROAD_NETWORK=grid["points"]))


@pytest.mark.data
def test_mapmatch_porto_taxi(registered, run_alg, tmp_path):
    roads = data_path("porto_roads_osm", "porto_roads.gpkg")
    csv = data_path("porto_taxi", "porto_train_first1999_points.csv.gz")
    x0, y0, x1, y1 = -8.689284, 41.139909, -8.555906, 41.185824
    trips = {}
    with gzip.open(csv, "rt") as fh:
        header = fh.readline().strip().split(",")
        ci = {k: header.index(k) for k in ("trip_id", "t_unix", "lon", "lat")}
        for line in fh:
            v = line.rstrip("\n").split(",")
            trips.setdefault(v[ci["trip_id"]], []).append(
                (float(v[ci["lon"]]), float(v[ci["lat"]]), int(v[ci["t_unix"]]))
            )
            if len(trips) > 80:
                break
    inside = {
        k: p for k, p in list(trips.items())[:-1] if len(p) >= 5 and all(x0 < x < x1 and y0 < y < y1 for x, y, _ in p)
    }
    chosen = dict(list(inside.items())[:25])
    assert len(chosen) >= 10
    rows = [(x, y, {"tid": k, "t": t}) for k, p in chosen.items() for x, y, t in p]
    pts = _save(point_layer(rows, [("tid", str), ("t", int)]), tmp_path / "porto_pts.gpkg")
    res = run_alg(
        ALG,
        {
            "INPUT": pts,
            "TRAJ_ID_FIELD": "tid",
            "TIME_FIELD": "t",
            "ROAD_NETWORK": f"{roads}|layername=edges",
            "START_NODE_FIELD": "start_node",
            "END_NODE_FIELD": "end_node",
            "OUTPUT": str(tmp_path / "porto.gpkg"),
        },
    )
    assert res["N_TRAJECTORIES"] == len(chosen)
    assert res["MATCHED_SHARE"] > 0.8
    vl, feats = _features(res["OUTPUT"])
    assert vl.crs().authid() == "EPSG:4326"
    assert np.mean([f["n_units"] > 0 for f in feats.values()]) > 0.9
