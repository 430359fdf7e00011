"""Processing tests of deeptraj:assignodpairs and deeptraj:syntheticanomalies on memory layers."""

import numpy as np
import pytest

from tests.conftest import data_path

T0 = 1_372_636_800
STREETS = {
    "east": ((-8.630, 41.150), (-8.600, 41.150)),
    "north": ((-8.615, 41.138), (-8.615, 41.166)),
    "diag": ((-8.600, 41.162), (-8.632, 41.172)),
}


def _street_rows(n_per=5, n_pts=25, seed=0):
    """(tid, route, direction, lon, lat, t) rows: n_per trips per street, half of them reversed."""
    rng = np.random.default_rng(seed)
    rows = []
    k = 0
    for name, (a, b) in STREETS.items():
        for r in range(n_per):
            f = np.linspace(0, 1, n_pts)
            x = a[0] + (b[0] - a[0]) * f + rng.normal(0, 2e-5, n_pts)
            y = a[1] + (b[1] - a[1]) * f + rng.normal(0, 2e-5, n_pts)
            for j in range(n_pts):
                rows.append((k, name, 0, float(x[j]), float(y[j]), T0 + 1000 * k + 15 * j))
            k += 1
    return rows


def _point_layer(rows, crs="EPSG:4326", extra=True):
    from qgis.core import QgsFeature, QgsField, QgsGeometry, QgsPointXY, QgsVectorLayer
    from qgis.PyQt.QtCore import QDateTime, Qt, QVariant

    lyr = QgsVectorLayer(f"Point?crs={crs}", "pts", "memory")
    pr = lyr.dataProvider()
    fields = [QgsField("tid", QVariant.Int), QgsField("t", QVariant.DateTime)]
    if extra:
        fields += [
            QgsField("route", QVariant.String),
            QgsField("direction", QVariant.Int),
            QgsField("note", QVariant.String),
        ]
    pr.addAttributes(fields)
    lyr.updateFields()
    feats = []
    for tid, route, direction, x, y, t in rows:
        f = QgsFeature(lyr.fields())
        f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(x, y)))
        attrs = [tid, QDateTime.fromSecsSinceEpoch(int(t), Qt.UTC)]
        if extra:
            attrs += [route, direction, f"n{tid}"]
        f.setAttributes(attrs)
        feats.append(f)
    pr.addFeatures(feats)
    lyr.updateExtents()
    return lyr


def _line_layer(rows):
    from qgis.core import QgsFeature, QgsField, QgsGeometry, QgsLineString, QgsVectorLayer
    from qgis.PyQt.QtCore import QVariant

    lyr = QgsVectorLayer("LineStringM?crs=EPSG:4326", "lines", "memory")
    lyr.dataProvider().addAttributes([QgsField("tid", QVariant.Int), QgsField("route", QVariant.String)])
    lyr.updateFields()
    by = {}
    for r in rows:
        by.setdefault(r[0], []).append(r)
    feats = []
    for tid, rs in by.items():
        f = QgsFeature(lyr.fields())
        f.setGeometry(QgsGeometry(QgsLineString([r[3] for r in rs], [r[4] for r in rs], [], [float(r[5]) for r in rs])))
        f.setAttributes([tid, rs[0][1]])
        feats.append(f)
    lyr.dataProvider().addFeatures(feats)
    return lyr


def _is_null(v):
    from qgis.PyQt.QtCore import QVariant

    return v is None or (isinstance(v, QVariant) and v.isNull())


def _features(layer):
    return list(layer.getFeatures())


@pytest.fixture()
def street_layer():
    return _point_layer(_street_rows())


# ---------------------------------------------------------------------------- assignodpairs
def test_assign_od_pairs_points(run_alg, street_layer):
    res = run_alg(
        "deeptraj:assignodpairs",
        {
            "INPUT": street_layer,
            "TRAJ_ID_FIELD": "tid",
            "TIME_FIELD": "t",
            "RESOLUTION": 8,
            "MIN_TRIPS": 5,
            "OUTPUT": "memory:",
        },
    )
    out = res["OUTPUT"]
    assert res["N_OD_PAIRS"] == 3 and res["N_ASSIGNED"] == 15 and res["N_UNASSIGNED"] == 0
    assert out.featureCount() == street_layer.featureCount()
    names = out.fields().names()
    assert names[:5] == ["tid", "t", "route", "direction", "note"]
    assert names[5:] == ["od_id", "origin_h3", "dest_h3", "od_trips"]
    per_route = {}
    for f in _features(out):
        assert f["note"] == f"n{f['tid']}"  # input attributes kept
        per_route.setdefault(f["route"], set()).add((f["od_id"], f["origin_h3"], f["dest_h3"], f["od_trips"]))
    assert all(len(v) == 1 for v in per_route.values())  # one pair per street
    ids = sorted(next(iter(v))[0] for v in per_route.values())
    assert ids == [0, 1, 2]
    import h3

    east = next(iter(per_route["east"]))
    assert east[1] == h3.latlng_to_cell(41.150, -8.630, 8) and east[3] == 5


def test_assign_od_pairs_lines_and_min_trips(run_alg):
    rows = _street_rows(n_per=3)
    rows = [r for r in rows if not (r[1] == "diag" and r[0] % 3)]  # diag: a single trip
    lyr = _line_layer(rows)
    res = run_alg("deeptraj:assignodpairs", {"INPUT": lyr, "RESOLUTION": 8, "MIN_TRIPS": 2, "OUTPUT": "memory:"})
    out = res["OUTPUT"]
    assert out.featureCount() == lyr.featureCount() == 7
    assert out.geometryType() == lyr.geometryType()
    assert res["N_OD_PAIRS"] == 2 and res["N_ASSIGNED"] == 6 and res["N_UNASSIGNED"] == 1
    for f in _features(out):
        if f["route"] == "diag":
            assert _is_null(f["od_id"])
            assert f["od_trips"] == 1
        else:
            assert f["od_id"] in (0, 1) and f["od_trips"] == 3


def test_assign_od_pairs_bad_resolution(run_alg, street_layer):
    from qgis.core import QgsProcessingException

    with pytest.raises(QgsProcessingException, match="RESOLUTION"):
        run_alg(
            "deeptraj:assignodpairs",
            {"INPUT": street_layer, "TRAJ_ID_FIELD": "tid", "TIME_FIELD": "t", "RESOLUTION": 16, "OUTPUT": "memory:"},
        )


# ---------------------------------------------------------------------------- syntheticanomalies
def _anom(run_alg, layer, **kw):
    params = {
        "INPUT": layer,
        "TRAJ_ID_FIELD": "tid",
        "TIME_FIELD": "t",
        "OD_FIELD": "route",
        "RESOLUTION": 10,
        "PER_OD": 3,
        "SEED": 4,
        "OUTPUT": "memory:",
        "OUTPUT_LINES": "memory:",
    }
    params.update(kw)
    return run_alg("deeptraj:syntheticanomalies", params)


def test_synthetic_anomalies_outputs(run_alg, street_layer):
    res = _anom(run_alg, street_layer)
    pts, lines = res["OUTPUT"], res["OUTPUT_LINES"]
    for key in (
        "N_NORMAL",
        "N_HEAD_DETOUR",
        "N_REAR_DETOUR",
        "N_MIDWAY_DETOUR",
        "N_RANDOM_TRAJECTORY",
        "N_ROUTE_SWITCHING",
    ):
        assert res[key] == 9, key  # 3 per OD, 3 ODs
    assert res["N_TRAJECTORIES"] == 54 == lines.featureCount() and res["N_OD"] == 3
    assert pts.fields().names() == [
        "traj_id",
        "source_traj_id",
        "od",
        "anomaly_type",
        "is_anomaly",
        "seq",
        "time",
        "h3",
    ]
    by_traj = {}
    for f in _features(pts):
        by_traj.setdefault(f["traj_id"], []).append(f)
    assert len(by_traj) == 54
    import h3

    for tid, fs in by_traj.items():
        fs.sort(key=lambda f: f["seq"])
        kind = fs[0]["anomaly_type"]
        lab = [f["is_anomaly"] for f in fs]
        times = [f["time"].toSecsSinceEpoch() for f in fs]
        assert all(b > a for a, b in zip(times, times[1:]))
        assert [f["seq"] for f in fs] == list(range(len(fs)))
        p = fs[0].geometry().asPoint()
        assert fs[0]["h3"] == h3.latlng_to_cell(p.y(), p.x(), 10)
        if kind == "normal":
            assert not any(lab)
        elif kind == "head_detour":
            assert lab[0] == 1 and lab[-1] == 0
        elif kind == "rear_detour":
            assert lab[0] == 0 and lab[-1] == 1
        elif kind == "midway_detour":
            assert lab[0] == 0 and lab[-1] == 0 and any(lab)
        elif kind == "random_trajectory":
            assert all(lab)
        else:
            assert kind == "route_switching" and lab[0] == 0 and lab[-1] == 1
    for f in _features(lines):
        fs = by_traj[f["traj_id"]]
        assert f["n_points"] == len(fs) and f["n_anomalous"] == sum(x["is_anomaly"] for x in fs)
        assert f["anomaly_type"] == fs[0]["anomaly_type"] and f["od"] == fs[0]["od"]


def test_synthetic_anomalies_combined_fields_types_and_seed(run_alg, street_layer):
    kw = dict(OD_FIELD="route,direction", TYPES=[1, 4], INCLUDE_NORMAL=False, PER_OD=2, OUTPUT_LINES=None)
    a = _anom(run_alg, street_layer, **kw)
    b = _anom(run_alg, street_layer, **kw)
    assert a["N_REAR_DETOUR"] == 6 and a["N_ROUTE_SWITCHING"] == 6 and a["N_NORMAL"] == 0
    assert a["N_HEAD_DETOUR"] == 0
    fa, fb = _features(a["OUTPUT"]), _features(b["OUTPUT"])
    assert {f["od"] for f in fa} == {"east/0", "north/0", "diag/0"}
    assert [(f.geometry().asWkt(), f["is_anomaly"]) for f in fa] == [
        (f.geometry().asWkt(), f["is_anomaly"]) for f in fb
    ]


def test_synthetic_anomalies_after_assign_od_in_projected_crs(run_alg):
    from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsProject

    rows = _street_rows(n_per=4)
    tr = QgsCoordinateTransform(
        QgsCoordinateReferenceSystem("EPSG:4326"), QgsCoordinateReferenceSystem("EPSG:3763"), QgsProject.instance()
    )
    proj_rows = []
    for r in rows:
        p = tr.transform(r[3], r[4])
        proj_rows.append((r[0], r[1], r[2], p.x(), p.y(), r[5]))
    lyr = _point_layer(proj_rows, crs="EPSG:3763")
    od = run_alg(
        "deeptraj:assignodpairs",
        {"INPUT": lyr, "TRAJ_ID_FIELD": "tid", "TIME_FIELD": "t", "MIN_TRIPS": 4, "OUTPUT": "memory:"},
    )["OUTPUT"]
    res = _anom(run_alg, od, OD_FIELD="od_id", TYPES=[2], PER_OD=4, OUTPUT_LINES=None)
    out = res["OUTPUT"]
    assert out.crs().authid() == "EPSG:3763" and res["N_MIDWAY_DETOUR"] == 12
    assert out.fields().field("od").type() in (2, 4)  # an integer field
    # every point is in metres near Porto and its h3 cell matches its position
    import h3

    back = QgsCoordinateTransform(out.crs(), QgsCoordinateReferenceSystem("EPSG:4326"), QgsProject.instance())
    for f in _features(out)[::7]:
        p = back.transform(f.geometry().asPoint())
        assert f["h3"] == h3.latlng_to_cell(p.y(), p.x(), 10)


def test_synthetic_anomalies_bad_inputs(run_alg, street_layer):
    from qgis.core import QgsProcessingException

    with pytest.raises(QgsProcessingException, match="OD_FIELD"):
        _anom(run_alg, street_layer, OD_FIELD="no_such_field")
    with pytest.raises(QgsProcessingException, match="OD_FIELD"):
        _anom(run_alg, street_layer, OD_FIELD=None)
    with pytest.raises(QgsProcessingException, match="(?i)route switching"):
        _anom(run_alg, street_layer, OD_FIELD="direction")  # a single OD value
    with pytest.raises(QgsProcessingException, match="PER_OD"):
        _anom(run_alg, street_layer, PER_OD=0)
    with pytest.raises(QgsProcessingException, match="RESOLUTION"):
        _anom(run_alg, street_layer, RESOLUTION=16)
    with pytest.raises(QgsProcessingException, match="BETA_MIN"):
        _anom(run_alg, street_layer, BETA_MIN=0.8, BETA_MAX=0.4)
    # a single OD works without route switching
    res = _anom(run_alg, street_layer, OD_FIELD="direction", TYPES=[0], PER_OD=2, OUTPUT_LINES=None)
    assert res["N_HEAD_DETOUR"] == 2


def test_porto_first_trips(run_alg):
    import pandas as pd

    path = data_path("porto_taxi", "porto_train_first1999_points.csv.gz")
    df = pd.read_csv(path)
    assert {"trip_id", "seq", "t_unix", "lon", "lat"} <= set(df.columns)
    trips = df["trip_id"].unique()[:300]
    df = df[df["trip_id"].isin(trips)]
    rows = [(str(r.trip_id), r.call_type, 0, r.lon, r.lat, r.t_unix) for r in df.itertuples()]
    from qgis.core import QgsFeature, QgsField, QgsGeometry, QgsPointXY, QgsVectorLayer
    from qgis.PyQt.QtCore import QVariant

    lyr = QgsVectorLayer("Point?crs=EPSG:4326", "porto", "memory")
    lyr.dataProvider().addAttributes([QgsField("trip_id", QVariant.String), QgsField("t_unix", QVariant.LongLong)])
    lyr.updateFields()
    feats = []
    for tid, _, _, x, y, t in rows:
        f = QgsFeature(lyr.fields())
        f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(float(x), float(y))))
        f.setAttributes([tid, int(t)])
        feats.append(f)
    lyr.dataProvider().addFeatures(feats)
    od = run_alg(
        "deeptraj:assignodpairs",
        {
            "INPUT": lyr,
            "TRAJ_ID_FIELD": "trip_id",
            "TIME_FIELD": "t_unix",
            "RESOLUTION": 7,
            "MIN_TRIPS": 3,
            "OUTPUT": "memory:",
        },
    )
    # trips with a single GPS fix are not trajectories: at most 300 are read
    assert od["N_OD_PAIRS"] >= 5 and len(trips) - 10 <= od["N_ASSIGNED"] + od["N_UNASSIGNED"] <= len(trips)
    assert od["OUTPUT"].featureCount() == lyr.featureCount()
    res = run_alg(
        "deeptraj:syntheticanomalies",
        {
            "INPUT": od["OUTPUT"],
            "TRAJ_ID_FIELD": "trip_id",
            "TIME_FIELD": "t_unix",
            "OD_FIELD": "od_id",
            "PER_OD": 5,
            "SEED": 1,
            "OUTPUT": "memory:",
            "OUTPUT_LINES": "memory:",
        },
    )
    n_od = od["N_OD_PAIRS"]
    assert res["N_OD"] == n_od
    assert 0 < res["N_HEAD_DETOUR"] <= 5 * n_od and res["N_ROUTE_SWITCHING"] > 0
    pts = res["OUTPUT"]
    lab = np.array([f["is_anomaly"] for f in pts.getFeatures()])
    assert 0 < lab.mean() < 1
    # source trajectories all belong to trips with an OD id
    ids_with_od = {f["trip_id"] for f in od["OUTPUT"].getFeatures() if not _is_null(f["od_id"])}
    assert 0 < len(ids_with_od) == od["N_ASSIGNED"]
    assert {f["source_traj_id"] for f in res["OUTPUT_LINES"].getFeatures()} <= ids_with_od


def test_synthetic_anomalies_line_input_style_and_cancel(run_alg):
    from qgis.core import QgsProcessingException, QgsProcessingFeedback

    from deeptraj.processing_provider.groundtruth.anomalies import _style_points

    lyr = _line_layer(_street_rows(n_per=3))
    res = run_alg(
        "deeptraj:syntheticanomalies",
        {
            "INPUT": lyr,
            "OD_FIELD": "route",
            "PER_OD": 2,
            "TYPES": [2, 3],
            "OUTPUT": "memory:",
            "OUTPUT_LINES": "memory:",
        },
    )
    assert res["N_MIDWAY_DETOUR"] == 6 and res["N_RANDOM_TRAJECTORY"] == 6 and res["N_NORMAL"] == 6
    lines = res["OUTPUT_LINES"]
    assert lines.featureCount() == 18
    # source ids of line features are their feature ids (no TRAJ_ID_FIELD)
    assert {f["source_traj_id"] for f in lines.getFeatures()} <= {f.id() for f in lyr.getFeatures()}
    pts = res["OUTPUT"]
    _style_points(pts)
    cats = {c.value(): c.symbol().color().name() for c in pts.renderer().categories()}
    assert cats[1] == "#d62728" and cats[0] != cats[1]
    fb = QgsProcessingFeedback()
    fb.cancel()
    with pytest.raises(QgsProcessingException, match="(?i)cancel"):
        run_alg(
            "deeptraj:syntheticanomalies",
            {"INPUT": lyr, "OD_FIELD": "route", "PER_OD": 2, "OUTPUT": "memory:"},
            feedback=fb,
        )
