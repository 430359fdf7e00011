"""deeptraj:assignodpairs: the bulk GeoPackage path writes exactly what the feature path writes."""

import sqlite3

import pytest

from deeptraj.processing_provider.groundtruth import od_bulk
from deeptraj.processing_provider.groundtruth.od_pairs import AssignOdPairsAlgorithm

ROUTES = [((-8.630, 41.150), (-8.600, 41.150)), ((-8.615, 41.138), (-8.615, 41.166))]


def _make_gpkg(path, n_per=4, n_pts=12, bool_field=False):
    """Point GeoPackage of trips on two streets, with a null geometry, a one-point trip and an od_id field."""
    from osgeo import ogr, osr

    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4326)
    lyr = ds.CreateLayer("pts", srs, ogr.wkbPoint, ["SPATIAL_INDEX=NO"])
    for name, kind in (
        ("tid", ogr.OFTInteger),
        ("big", ogr.OFTInteger64),
        ("r", ogr.OFTReal),
        ("note", ogr.OFTString),
        ("dt", ogr.OFTDateTime),
        ("od_id", ogr.OFTString),  # replaced by the output's od_id
    ):
        lyr.CreateField(ogr.FieldDefn(name, kind))
    if bool_field:
        f = ogr.FieldDefn("flag", ogr.OFTInteger)
        f.SetSubType(ogr.OFSTBoolean)
        lyr.CreateField(f)
    k = 0
    trips = [(i, ROUTES[i % 2], n_pts) for i in range(2 * n_per)] + [(99, ROUTES[0], 1)]  # trip 99: one point
    for tid, (a, b), n in trips:
        for j in range(n):
            f = ogr.Feature(lyr.GetLayerDefn())
            f["tid"] = tid
            f["big"] = 2**40 + k
            f["r"] = k * 0.25
            if k % 5:
                f["note"] = f"é{k}"
            f.SetField("dt", 2023, 1, 1 + tid % 28, 0, j, 7, 100)
            f["od_id"] = "old"
            if bool_field:
                f["flag"] = k % 2
            if k != 7:  # one null geometry
                g = ogr.Geometry(ogr.wkbPoint)
                s = j / max(n - 1, 1)
                g.AddPoint_2D(a[0] + (b[0] - a[0]) * s + 1e-6 * tid, a[1] + (b[1] - a[1]) * s)
                f.SetGeometry(g)
            lyr.CreateFeature(f)
            k += 1
    ds = None


def _read(path):
    """(schema SQL, [(fid, attributes..., geometry WKT or None)]) of the only layer of a GeoPackage."""
    from osgeo import ogr

    con = sqlite3.connect(str(path))
    table = con.execute("SELECT table_name FROM gpkg_contents").fetchone()[0]
    cols = con.execute(f'PRAGMA table_info("{table}")').fetchall()
    con.close()
    ds = ogr.Open(str(path))
    lyr = ds.GetLayer(0)
    defn = lyr.GetLayerDefn()
    rows = []
    for f in lyr:
        g = f.GetGeometryRef()
        wkt = None if g is None or g.IsEmpty() else g.ExportToIsoWkt()
        rows.append((f.GetFID(), *[f.GetField(i) for i in range(defn.GetFieldCount())], wkt))
    return [(c[1], c[2]) for c in cols], rows


def _run(run_alg, src, out, min_trips=3, feedback=None):
    from qgis.core import QgsVectorLayer

    lyr = QgsVectorLayer(f"{src}|layername=pts", "pts", "ogr")
    assert lyr.isValid()
    params = {"INPUT": lyr, "TRAJ_ID_FIELD": "tid", "TIME_FIELD": "dt", "RESOLUTION": 8, "MIN_TRIPS": min_trips}
    return run_alg("deeptraj:assignodpairs", {**params, "OUTPUT": str(out)}, feedback=feedback)


def _no_features(*args, **kwargs):
    raise AssertionError("the feature path was taken")


def _no_bulk(*args, **kwargs):
    return None


def test_bulk_path_writes_what_the_feature_path_writes(run_alg, tmp_path, monkeypatch):
    src = tmp_path / "in.gpkg"
    _make_gpkg(src)
    with monkeypatch.context() as m:
        m.setattr(od_bulk, "write_bulk", _no_bulk)
        feat = _run(run_alg, src, tmp_path / "feat.gpkg")
    with monkeypatch.context() as m:
        m.setattr(AssignOdPairsAlgorithm, "_write_features", _no_features)
        m.setattr(od_bulk, "CHUNK", 10)  # several chunks
        bulk = _run(run_alg, src, tmp_path / "bulk.gpkg")
    assert {k: v for k, v in feat.items() if k != "OUTPUT"} == {k: v for k, v in bulk.items() if k != "OUTPUT"}
    schema_f, rows_f = _read(tmp_path / "feat.gpkg")
    schema_b, rows_b = _read(tmp_path / "bulk.gpkg")
    assert schema_b == schema_f
    assert [n for n, _ in schema_b][-4:] == ["od_id", "origin_h3", "dest_h3", "od_trips"]
    assert len(rows_b) == len(rows_f) == 8 * 12 + 1
    assert rows_b == rows_f
    # what the rows hold: trip 99 (one point) and the null-geometry point have NULL OD fields; the others a pair
    od = {r[0]: r[-5:-1] for r in rows_b}
    assert od[8 * 12 + 1] == (None, None, None, None)
    assert od[8] == (None, None, None, None)
    assert {v[0] for k, v in od.items() if k not in (8, 8 * 12 + 1)} == {0, 1}


def test_bulk_path_with_unassigned_trips(run_alg, tmp_path, monkeypatch):
    src = tmp_path / "in.gpkg"
    _make_gpkg(src, n_per=2)
    with monkeypatch.context() as m:
        m.setattr(od_bulk, "write_bulk", _no_bulk)
        feat = _run(run_alg, src, tmp_path / "feat.gpkg", min_trips=5)
    with monkeypatch.context() as m:
        m.setattr(AssignOdPairsAlgorithm, "_write_features", _no_features)
        bulk = _run(run_alg, src, tmp_path / "bulk.gpkg", min_trips=5)
    assert bulk["N_OD_PAIRS"] == feat["N_OD_PAIRS"] == 0
    assert _read(tmp_path / "bulk.gpkg") == _read(tmp_path / "feat.gpkg")
    od_trips = [r[-2] for r in _read(tmp_path / "bulk.gpkg")[1]]
    assert set(od_trips) == {None, 2}


def test_fields_the_bulk_path_cannot_copy_take_the_feature_path(run_alg, tmp_path, monkeypatch):
    src = tmp_path / "in.gpkg"
    _make_gpkg(src, bool_field=True)  # GDAL 3.6's Arrow numpy reader misreads booleans
    calls = []
    real = AssignOdPairsAlgorithm._write_features

    def spy(self, *args, **kwargs):
        calls.append(1)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(AssignOdPairsAlgorithm, "_write_features", spy)
    _run(run_alg, src, tmp_path / "out.gpkg")
    assert calls == [1]
    _, rows = _read(tmp_path / "out.gpkg")
    assert len(rows) == 8 * 12 + 1


def test_line_input_into_a_geopackage_takes_the_feature_path(run_alg, tmp_path, monkeypatch):
    from qgis.core import QgsFeature, QgsGeometry, QgsPointXY, QgsVectorLayer

    lyr = QgsVectorLayer("LineString?crs=EPSG:4326&field=name:string", "lines", "memory")
    feats = []
    for i in range(6):
        a, b = ROUTES[i % 2]
        f = QgsFeature(lyr.fields())
        f.setAttributes([f"L{i}"])
        f.setGeometry(QgsGeometry.fromPolylineXY([QgsPointXY(*a), QgsPointXY((a[0] + b[0]) / 2, a[1]), QgsPointXY(*b)]))
        feats.append(f)
    lyr.dataProvider().addFeatures(feats)
    monkeypatch.setattr(od_bulk, "write_bulk", _no_features)
    res = run_alg(
        "deeptraj:assignodpairs", {"INPUT": lyr, "RESOLUTION": 8, "MIN_TRIPS": 2, "OUTPUT": str(tmp_path / "l.gpkg")}
    )
    assert res["N_OD_PAIRS"] == 2
    schema, rows = _read(tmp_path / "l.gpkg")
    assert [n for n, _ in schema][-5:] == ["name", "od_id", "origin_h3", "dest_h3", "od_trips"]
    assert len(rows) == 6 and all(r[-1].startswith("LINESTRING") for r in rows)
    assert {r[2] for r in rows} == {0, 1}


def test_cancel_while_writing_in_bulk_leaves_no_output(run_alg, tmp_path, monkeypatch):
    from qgis.core import QgsProcessingException, QgsProcessingFeedback

    src = tmp_path / "in.gpkg"
    _make_gpkg(src)
    out = tmp_path / "out.gpkg"
    fb = QgsProcessingFeedback()
    real = od_bulk._od_columns

    def cancel_in_second_chunk(ti, od_rows):
        if cancel_in_second_chunk.calls == 1:
            fb.cancel()
        cancel_in_second_chunk.calls += 1
        return real(ti, od_rows)

    cancel_in_second_chunk.calls = 0
    monkeypatch.setattr(od_bulk, "_od_columns", cancel_in_second_chunk)
    monkeypatch.setattr(od_bulk, "CHUNK", 10)
    monkeypatch.setattr(AssignOdPairsAlgorithm, "_write_features", _no_features)
    with pytest.raises(QgsProcessingException, match="Cancelled"):
        _run(run_alg, src, out, feedback=fb)
    assert cancel_in_second_chunk.calls == 2
    assert not out.exists() and not list(tmp_path.glob("out*"))
