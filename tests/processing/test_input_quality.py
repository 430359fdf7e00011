"""Bad and unusual input through the shared layer adapter (run via deeptraj:discretizegrid and others)."""

import pytest
from qgis.core import QgsFeature, QgsGeometry, QgsLineString, QgsPoint, QgsProcessingException, QgsVectorLayer

from tests.layers import point_layer, trajectories_layer

OUT = {"OUTPUT_CELLS": "TEMPORARY_OUTPUT", "OUTPUT_SEQUENCES": "TEMPORARY_OUTPUT"}


def grid(run_alg, layer, **kw):
    p = {"INPUT": layer, "TRAJ_ID_FIELD": "tid", "TIME_FIELD": "t", **OUT}
    p.update(kw)
    return run_alg("deeptraj:discretizegrid", p)


def test_empty_layer(run_alg):
    vl = point_layer([], [("tid", str), ("t", str)])
    with pytest.raises(QgsProcessingException, match="empty"):
        grid(run_alg, vl)


def test_missing_id_field(run_alg):
    with pytest.raises(QgsProcessingException, match="TRAJ_ID_FIELD"):
        grid(run_alg, trajectories_layer(), TRAJ_ID_FIELD="")


def test_null_geometries_skipped_and_all_null_rejected(run_alg):
    rows = [(None, None, {"tid": "a", "t": "2024-01-01T00:00:00"})] + [
        (-8.6 + i * 1e-3, 41.1, {"tid": "a", "t": f"2024-01-01T00:00:{10 + i}"}) for i in range(5)
    ]
    res = grid(run_alg, point_layer(rows, [("tid", str), ("t", str)]))
    assert res["N_NULL_GEOMETRIES"] == 1 and res["N_POINTS"] == 5
    with pytest.raises(QgsProcessingException, match="null or empty"):
        grid(run_alg, point_layer([(None, None, {"tid": "a", "t": "2024-01-01"})] * 3, [("tid", str), ("t", str)]))


def test_single_point_trajectories_counted(run_alg):
    rows = [(-8.6 + i * 1e-3, 41.1, {"tid": "a", "t": f"2024-01-01T00:00:{10 + i}"}) for i in range(5)]
    rows += [(-8.6, 41.2, {"tid": "lonely", "t": "2024-01-01T00:00:00"})]
    res = grid(run_alg, point_layer(rows, [("tid", str), ("t", str)]))
    assert res["N_TRAJECTORIES"] == 1 and res["N_SKIPPED_SHORT_TRAJECTORIES"] == 1
    only_single = point_layer(
        [(-8.6, 41.2, {"tid": "x", "t": "2024-01-01"}), (-8.5, 41.2, {"tid": "y", "t": "2024-01-01"})],
        [("tid", str), ("t", str)],
    )
    with pytest.raises(QgsProcessingException, match="at least 2 points"):
        grid(run_alg, only_single)


@pytest.mark.parametrize("bad", [None, "not a date"])
def test_null_or_unparseable_time(run_alg, bad):
    rows = [(-8.6 + i * 1e-3, 41.1, {"tid": "a", "t": f"2024-01-01T00:00:{10 + i}"}) for i in range(5)]
    rows.append((-8.6, 41.1, {"tid": "a", "t": bad}))
    with pytest.raises(QgsProcessingException, match="TIME_FIELD"):
        grid(run_alg, point_layer(rows, [("tid", str), ("t", str)]))


def test_unsorted_and_duplicate_times_reported(run_alg):
    times = ["2024-01-01T00:00:30", "2024-01-01T00:00:10", "2024-01-01T00:00:20", "2024-01-01T00:00:20"]
    rows = [(-8.60 + i * 3e-3, 41.1, {"tid": "a", "t": t}) for i, t in enumerate(times)]
    res = grid(run_alg, point_layer(rows, [("tid", str), ("t", str)]), CELL_SIZE=100)
    assert res["N_UNSORTED_TRAJECTORIES"] == 1 and res["N_DUPLICATE_TIMES"] == 1 and res["N_POINTS"] == 3
    seq = next(res["OUTPUT_SEQUENCES"].getFeatures())
    pts = seq.geometry().constGet().points()
    assert [p.m() for p in pts] == sorted(p.m() for p in pts)  # written in time order
    assert [round(p.x(), 3) for p in pts] == [-8.597, -8.594, -8.6]  # x follows the sorted times


@pytest.mark.parametrize("kind", ["epoch_s", "epoch_ms", "order"])
def test_numeric_time_fields(run_alg, kind):
    base = {"epoch_s": 1_700_000_000, "epoch_ms": 1_700_000_000_000, "order": 0}[kind]
    mult = {"epoch_s": 15, "epoch_ms": 15000, "order": 1}[kind]
    rows = [(-8.6 + i * 1e-3, 41.1, {"tid": 1, "t": base + (4 - i) * mult}) for i in range(5)]
    res = grid(run_alg, point_layer(rows, [("tid", int), ("t", int)]))
    assert res["N_UNSORTED_TRAJECTORIES"] == 1
    ms = [p.m() for p in next(res["OUTPUT_SEQUENCES"].getFeatures()).geometry().constGet().points()]
    assert ms == sorted(ms)


def test_projected_and_geographic_inputs_agree(run_alg):
    a = grid(run_alg, trajectories_layer(crs="EPSG:4326"))
    # the same points in EPSG:3763 (Portugal TM06) give the same cells in the EPSG:3857 grid
    from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsProject

    src = trajectories_layer(crs="EPSG:4326")
    xf = QgsCoordinateTransform(src.crs(), QgsCoordinateReferenceSystem("EPSG:3763"), QgsProject.instance())
    rows = []
    for f in src.getFeatures():
        p = xf.transform(f.geometry().asPoint())
        rows.append((p.x(), p.y(), {"tid": f["tid"], "t": f["t"]}))
    b = grid(run_alg, point_layer(rows, [("tid", str), ("t", str)], crs="EPSG:3763"))
    ta = sorted(f["tokens"] for f in a["OUTPUT_SEQUENCES"].getFeatures())
    tb = sorted(f["tokens"] for f in b["OUTPUT_SEQUENCES"].getFeatures())
    assert ta == tb


def test_polygon_input_refused(run_alg):
    vl = QgsVectorLayer("Polygon?crs=EPSG:4326&field=tid:string&field=t:string", "poly", "memory")
    f = QgsFeature(vl.fields())
    f.setGeometry(QgsGeometry.fromWkt("POLYGON((0 0,1 0,1 1,0 0))"))
    f.setAttributes(["a", "2024-01-01"])
    vl.dataProvider().addFeatures([f])
    with pytest.raises(QgsProcessingException):
        grid(run_alg, vl)


def test_multipoint_z_m_inputs(run_alg):
    vl = QgsVectorLayer("MultiPointZM?crs=EPSG:4326&field=tid:string&field=t:string", "mp", "memory")
    feats = []
    for i in range(4):
        f = QgsFeature(vl.fields())
        f.setGeometry(QgsGeometry.fromWkt(f"MULTIPOINT ZM ((-8.6{i} 41.1 5 {i}))"))
        f.setAttributes(["a", f"2024-01-01T00:00:0{i}"])
        feats.append(f)
    vl.dataProvider().addFeatures(feats)
    assert grid(run_alg, vl)["N_POINTS"] == 4  # single-part multipoints, Z ignored
    f = QgsFeature(vl.fields())
    f.setGeometry(QgsGeometry.fromWkt("MULTIPOINT ZM ((-8.6 41.1 5 1), (-8.7 41.1 5 1))"))
    f.setAttributes(["a", "2024-01-01T00:01:00"])
    vl.dataProvider().addFeatures([f])
    with pytest.raises(QgsProcessingException, match="Multipart to singleparts"):
        grid(run_alg, vl)


def test_lines_with_m_and_with_start_time(run_alg):
    lm = QgsVectorLayer("LineStringM?crs=EPSG:4326&field=name:string", "lm", "memory")
    f = QgsFeature(lm.fields())
    f.setGeometry(
        QgsGeometry(
            QgsLineString(
                [
                    QgsPoint(-8.60, 41.1, m=1_700_000_030),
                    QgsPoint(-8.61, 41.1, m=1_700_000_000),
                    QgsPoint(-8.62, 41.1, m=1_700_000_060),
                ]
            )
        )
    )
    f.setAttributes(["x"])
    lm.dataProvider().addFeatures([f])
    res = run_alg("deeptraj:discretizegrid", {"INPUT": lm, **OUT})
    line = next(res["OUTPUT_SEQUENCES"].getFeatures()).geometry().constGet()
    assert [p.m() for p in line.points()] == [1_700_000_000, 1_700_000_030, 1_700_000_060]  # sorted by M
    # Porto style: a start-time field + 15 s per vertex
    ls = QgsVectorLayer("LineString?crs=EPSG:4326&field=trip:string&field=start:string", "ls", "memory")
    g = QgsFeature(ls.fields())
    g.setGeometry(QgsGeometry.fromWkt("LINESTRING(-8.60 41.1, -8.61 41.1, -8.62 41.1, -8.63 41.1)"))
    g.setAttributes(["trip1", "2013-07-01T00:00:58"])
    ls.dataProvider().addFeatures([g])
    res = run_alg("deeptraj:discretizegrid", {"INPUT": ls, "TRAJ_ID_FIELD": "trip", "TIME_FIELD": "start", **OUT})
    feat = next(res["OUTPUT_SEQUENCES"].getFeatures())
    assert feat["traj_id"] == "trip1"
    ms = [p.m() for p in feat.geometry().constGet().points()]
    assert [m - ms[0] for m in ms] == [0, 15, 30, 45] and ms[0] == 1372636858


def _to_gpkg(layer, path):
    from qgis.core import QgsCoordinateTransformContext, QgsVectorFileWriter

    opts = QgsVectorFileWriter.SaveVectorOptions()
    opts.driverName = "GPKG"
    err = QgsVectorFileWriter.writeAsVectorFormatV2(layer, str(path), QgsCoordinateTransformContext(), opts)
    assert err[0] == QgsVectorFileWriter.NoError
    return QgsVectorLayer(str(path), "gpkg", "ogr")


def test_columnar_gdal_read_matches_feature_read(tmp_path):
    """File-backed layers are read through GDAL's Arrow stream; it must give what the feature iterator gives."""
    from qgis.core import QgsProcessingFeedback

    from deeptraj.processing_provider import layer_io

    mem = trajectories_layer(n_traj=5, time_kind="epoch")
    gp = _to_gpkg(trajectories_layer(n_traj=5), tmp_path / "t.gpkg")
    fast = layer_io._read_points_arrow(gp, "tid", "t", gp, gp)
    assert fast is not None, "the GDAL Arrow path was not taken"
    slow = layer_io._read_points_features(gp, "tid", "t", QgsProcessingFeedback())
    for k in ("x", "y", "t", "fids"):
        assert (fast[k] == slow[k]).all(), k
    assert list(fast["ids"]) == list(slow["ids"])
    assert (fast["t"] == [f["t"] for f in mem.getFeatures()]).all()


def test_selected_features_only_is_honoured(run_alg, tmp_path):
    from qgis.core import QgsProcessingFeatureSourceDefinition

    gp = _to_gpkg(trajectories_layer(n_traj=6), tmp_path / "sel.gpkg")
    gp.selectByExpression("\"tid\" in ('T0', 'T1')")
    from qgis.core import QgsProject

    QgsProject.instance().addMapLayer(gp)
    try:
        res = grid(run_alg, QgsProcessingFeatureSourceDefinition(gp.id(), True))
        assert res["N_TRAJECTORIES"] == 2 and res["N_POINTS"] == 40
    finally:
        QgsProject.instance().removeMapLayer(gp.id())


def test_read_points_of_an_auxiliary_layer():
    """layer_io.read_points (stops, centres): null geometries skipped and counted, NULL attributes kept for the
    caller, the first point of a multipoint, the transform applied, feature-id order on request."""
    from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsProject

    from deeptraj.processing_provider.layer_io import read_points

    lyr = point_layer(
        [(-8.6, 41.1, {"route": "a", "seq": 2}), (None, None, {"route": "b", "seq": 1}), (-8.5, 41.2, {"seq": 3})],
        [("route", str), ("seq", int)],
        geom="MultiPoint",
    )
    f = QgsFeature(lyr.fields())
    f.setGeometry(QgsGeometry.fromWkt("MultiPoint((-8.4 41.3), (0 0))"))
    f.setAttributes(["c", 4])
    lyr.dataProvider().addFeatures([f])
    xy, values, n_empty = read_points(lyr, fields=("route", "seq"))
    assert n_empty == 1 and xy.tolist() == [[-8.6, 41.1], [-8.5, 41.2], [-8.4, 41.3]]
    assert values["route"][0] == "a" and values["route"][2] == "c" and values["seq"] == [2, 3, 4]
    assert values["route"][1] is None or values["route"][1].isNull()
    utm = QgsCoordinateTransform(lyr.crs(), QgsCoordinateReferenceSystem("EPSG:32629"), QgsProject.instance())
    xy_utm, _, _ = read_points(lyr, utm, by_id=True)
    assert xy_utm.shape == (3, 2) and 500_000 < xy_utm[0, 0] < 600_000 and 4_500_000 < xy_utm[0, 1] < 4_600_000
