"""processing_provider/gpkg_writer.py: bulk GeoPackage output layers read back by QGIS (every column kind with
NULLs, points, lines with M, tables), the destinations it takes and leaves to parameterAsSink, and the run rule:
a failed or cancelled run leaves an existing file untouched and drops a new layer from an existing GeoPackage."""

import os
import sqlite3

import numpy as np
import pytest
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProcessingOutputLayerDefinition,
    QgsProcessingParameterFeatureSink,
    QgsProject,
    QgsVectorLayer,
    QgsWkbTypes,
)

from deeptraj.processing_provider import gpkg_writer
from deeptraj.processing_provider.base import DeepTrajAlgorithm
from deeptraj.processing_provider.gpkg_writer import gpkg_destination, open_layer_writer

NAT = -(2**63)
FIELDS = [("name", "string"), ("t", "datetime"), ("n", "int"), ("v", "double"), ("ok", "bool")]


class _WriterAlg(DeepTrajAlgorithm):
    """A bare algorithm whose ``process`` is the test's ``body(alg, parameters, context, feedback)``."""

    def __init__(self, body=None):
        super().__init__()
        self.body = body

    def name(self):
        return "writer_test"

    def displayName(self):
        return "Writer test"

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterFeatureSink("OUTPUT", "Output layer"))

    def process(self, parameters, context, feedback):
        return self.body(self, parameters, context, feedback)


def _run(body, output, feedback=None, context=None):
    alg = _WriterAlg(body)
    alg.initAlgorithm()
    context = context or QgsProcessingContext()
    context.setProject(QgsProject.instance())
    return alg.processAlgorithm({"OUTPUT": output}, context, feedback or QgsProcessingFeedback()), context


def _columns():
    return {
        "name": np.array(["a", None, "ç"], object),
        "t": np.array([1704067230, NAT, 0], np.int64),
        "n": np.array([1.0, np.nan, -(2**40)]),
        "v": np.array([0.5, np.nan, 2.0]),
        "ok": np.array([True, False, True]),
    }


def _layer(uri):
    vl = QgsVectorLayer(str(uri), "l", "ogr")
    assert vl.isValid(), uri
    return vl


def _values(vl):
    out = []
    for f in vl.getFeatures():
        t = f["t"]
        out.append(
            (
                f["name"],
                None if t is None or t.isNull() else t.toMSecsSinceEpoch() // 1000,
                f["n"],
                f["v"],
                f["ok"],
            )
        )
    return [tuple(None if (v is not None and hasattr(v, "isNull") and v.isNull()) else v for v in r) for r in out]


def test_destinations_it_takes():
    assert gpkg_destination("/x/out.gpkg") == ("/x/out.gpkg", None, "geom")
    assert gpkg_destination("ogr:dbname='/x/o.gpkg' table=\"pts\" (geom)") == ("/x/o.gpkg", "pts", "geom")
    assert gpkg_destination("ogr:dbname='/x/o.gpkg' table=\"t\"") == ("/x/o.gpkg", "t", "geom")
    for other in ("TEMPORARY_OUTPUT", "memory:", "/x/out.shp", "ogr:dbname='/x/o.sqlite' table=\"a\" (geom)", ""):
        assert gpkg_destination(other) is None


def test_other_destinations_get_no_writer():
    def body(alg, parameters, context, feedback):
        w = open_layer_writer(alg, parameters, "OUTPUT", context, feedback, FIELDS, "Point")
        return {"W": w}

    res, _ = _run(body, "TEMPORARY_OUTPUT")
    assert res["W"] is None


def test_points_round_trip_with_nulls(tmp_path):
    path = tmp_path / "p.gpkg"

    def body(alg, parameters, context, feedback):
        crs = QgsCoordinateReferenceSystem("EPSG:32650")
        w = open_layer_writer(alg, parameters, "OUTPUT", context, feedback, FIELDS, "Point", crs)
        w.add_points([10.0, np.nan, 30.0], [1.0, 2.0, 3.0], _columns())
        w.add_points([40.0], [-4.0], {"name": np.array(["z"], object)})  # columns left out are NULL
        return {"OUTPUT": w.finish()}

    res, _ = _run(body, str(path))
    assert res["OUTPUT"] == str(path)
    vl = _layer(path)
    assert vl.featureCount() == 4 and vl.crs().authid() == "EPSG:32650"
    assert vl.wkbType() == QgsWkbTypes.Point
    ext = vl.extent()
    assert (ext.xMinimum(), ext.yMinimum(), ext.xMaximum(), ext.yMaximum()) == (10.0, -4.0, 40.0, 3.0)
    assert _values(vl) == [
        ("a", 1704067230, 1, 0.5, True),
        (None, None, None, None, False),
        ("ç", 0, -(2**40), 2.0, True),
        ("z", None, None, None, None),
    ]
    geoms = [f.geometry() for f in vl.getFeatures()]
    assert geoms[1].isNull() and (geoms[2].asPoint().x(), geoms[2].asPoint().y()) == (30.0, 3.0)
    fields = {f.name(): f.typeName().lower() for f in vl.fields()}
    assert fields["t"] == "datetime" and fields["n"] == "integer64" and fields["ok"] == "boolean"
    assert not [p for p in os.listdir(tmp_path) if "partial" in p]  # the staged file was renamed


def test_lines_with_m_and_table(tmp_path):
    gpkg = tmp_path / "o.gpkg"

    def lines(alg, parameters, context, feedback):
        w = open_layer_writer(alg, parameters, "OUTPUT", context, feedback, [("id", "string")], "LineStringM")
        x, y, m = np.arange(5.0), np.arange(5.0) * 2, 100.0 + np.arange(5)
        w.add_lines([0, 2, 5], x, y, m, {"id": np.array(["a", "b"], object)})
        return {"OUTPUT": w.finish()}

    res, _ = _run(lines, f"ogr:dbname='{gpkg}' table=\"lines\" (geom)")
    assert res["OUTPUT"] == f"{gpkg}|layername=lines"
    vl = _layer(res["OUTPUT"])
    assert vl.wkbType() == QgsWkbTypes.LineStringM and vl.featureCount() == 2
    b = [f for f in vl.getFeatures() if f["id"] == "b"][0]
    assert [(v.x(), v.y(), v.m()) for v in b.geometry().vertices()] == [(2, 4, 102), (3, 6, 103), (4, 8, 104)]
    assert vl.extent().xMaximum() == 4.0 and vl.extent().yMaximum() == 8.0

    def table(alg, parameters, context, feedback):
        w = open_layer_writer(alg, parameters, "OUTPUT", context, feedback, FIELDS, "None")
        w.add_rows(_columns())
        return {"OUTPUT": w.finish()}

    res, _ = _run(table, f"ogr:dbname='{gpkg}' table=\"tab\" (geom)")
    tab = _layer(res["OUTPUT"])
    assert not tab.isSpatial() and tab.featureCount() == 3
    assert _values(tab)[1] == (None, None, None, None, False)
    assert _layer(f"{gpkg}|layername=lines").featureCount() == 2  # the other layer is untouched


def test_small_layer_gets_spatial_index_big_layer_a_hint(tmp_path, monkeypatch):
    infos = []

    class Feedback(QgsProcessingFeedback):
        def pushInfo(self, info):
            infos.append(info)

    def body(alg, parameters, context, feedback):
        w = open_layer_writer(alg, parameters, "OUTPUT", context, feedback, [], "Point")
        w.add_points(np.arange(3.0), np.arange(3.0))
        return {"OUTPUT": w.finish()}

    _run(body, str(tmp_path / "small.gpkg"))
    monkeypatch.setattr(gpkg_writer, "INDEX_LIMIT", 2)
    _run(body, str(tmp_path / "big.gpkg"), Feedback())
    tables = {}
    for name in ("small", "big"):
        with sqlite3.connect(tmp_path / f"{name}.gpkg") as con:
            tables[name] = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert "rtree_small_geom" in tables["small"] and "rtree_big_geom" not in tables["big"]
    assert any("native:createspatialindex" in i for i in infos)


def test_layer_loaded_on_completion_when_asked(tmp_path):
    path = str(tmp_path / "load.gpkg")

    def body(alg, parameters, context, feedback):
        w = open_layer_writer(alg, parameters, "OUTPUT", context, feedback, [], "Point")
        w.add_points([1.0], [2.0])
        return {"OUTPUT": w.finish()}

    definition = QgsProcessingOutputLayerDefinition(path, QgsProject.instance())
    definition.destinationName = "My points"
    res, context = _run(body, definition)
    assert context.willLoadLayerOnCompletion(path)
    assert context.layerToLoadOnCompletionDetails(path).name == "My points"
    res, context = _run(body, path)
    assert not context.willLoadLayerOnCompletion(path)


def _failing(cancel):
    def body(alg, parameters, context, feedback):
        w = open_layer_writer(alg, parameters, "OUTPUT", context, feedback, [("k", "int")], "Point")
        w.add_points([5.0, 6.0], [5.0, 6.0], {"k": np.array([1, 2])})
        if cancel:
            feedback.cancel()
            w.add_points([7.0], [7.0])  # raises Cancelled
        raise ValueError("something went wrong after writing")

    return body


@pytest.mark.parametrize("cancel", [False, True])
def test_existing_file_untouched_by_failed_run(tmp_path, cancel):
    path = tmp_path / "keep.gpkg"
    _run(lambda a, p, c, f: _points(a, p, c, f, [1.0]), str(path))
    before = path.read_bytes()
    with pytest.raises(QgsProcessingException) as e:
        _run(_failing(cancel), str(path))
    assert ("Cancelled" in str(e.value)) == cancel
    assert path.read_bytes() == before
    assert sorted(os.listdir(tmp_path)) == ["keep.gpkg"]


@pytest.mark.parametrize("cancel", [False, True])
def test_new_layer_dropped_from_existing_geopackage(tmp_path, cancel):
    gpkg = tmp_path / "db.gpkg"
    _run(lambda a, p, c, f: _points(a, p, c, f, [1.0, 2.0]), f"ogr:dbname='{gpkg}' table=\"other\" (geom)")
    for table in ("new", "other"):  # a new layer, and one replacing a layer of the same name
        with pytest.raises(QgsProcessingException):
            _run(_failing(cancel), f"ogr:dbname='{gpkg}' table=\"{table}\" (geom)")
        with sqlite3.connect(gpkg) as con:
            names = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")]
            for meta in ("gpkg_contents", "gpkg_geometry_columns", "gpkg_ogr_contents"):
                assert [r[0] for r in con.execute(f"SELECT table_name FROM {meta}")] == ["other"]
        assert not [n for n in names if n.startswith("new") or "partial" in n]
        other = _layer(f"{gpkg}|layername=other")
        assert other.featureCount() == 2 and [f["k"] for f in other.getFeatures()] == [0, 1]
    assert sorted(os.listdir(tmp_path)) == ["db.gpkg"]


def test_replacing_a_layer_of_the_same_name(tmp_path):
    gpkg = tmp_path / "db.gpkg"
    for table, xs in (("keep", [1.0]), ("pts", [1.0, 2.0]), ("pts", [3.0, 4.0, 5.0])):
        res, _ = _run(
            lambda a, p, c, f, xs=xs: _points(a, p, c, f, xs), f"ogr:dbname='{gpkg}' table=\"{table}\" (geom)"
        )
    pts = _layer(res["OUTPUT"])
    assert [f.geometry().asPoint().x() for f in pts.getFeatures()] == [3.0, 4.0, 5.0]
    assert pts.extent().xMinimum() == 3.0
    assert _layer(f"{gpkg}|layername=keep").featureCount() == 1
    with sqlite3.connect(gpkg) as con:
        assert sorted(r[0] for r in con.execute("SELECT table_name FROM gpkg_contents")) == ["keep", "pts"]


def _points(alg, parameters, context, feedback, xs):
    w = open_layer_writer(alg, parameters, "OUTPUT", context, feedback, [("k", "int")], "Point")
    w.add_points(xs, xs, {"k": np.arange(len(xs))})
    return {"OUTPUT": w.finish()}


def test_cancel_before_writing_creates_nothing(tmp_path):
    feedback = QgsProcessingFeedback()
    feedback.cancel()
    with pytest.raises(QgsProcessingException, match="Cancelled"):
        _run(lambda a, p, c, f: _points(a, p, c, f, [1.0]), str(tmp_path / "x.gpkg"), feedback)
    assert os.listdir(tmp_path) == []


def test_column_errors_name_the_column(tmp_path):
    def body(alg, parameters, context, feedback):
        w = open_layer_writer(alg, parameters, "OUTPUT", context, feedback, [("k", "int")], "Point")
        w.add_points([1.0, 2.0], [1.0, 2.0], {"zz": np.arange(2)})

    with pytest.raises(QgsProcessingException, match="zz"):
        _run(body, str(tmp_path / "x.gpkg"))
    assert os.listdir(tmp_path) == []


def test_string_column_of_mixed_values(tmp_path):
    def body(alg, parameters, context, feedback):
        w = open_layer_writer(alg, parameters, "OUTPUT", context, feedback, [("s", "string")], "Point")
        w.add_points(np.zeros(5), np.zeros(5), {"s": np.array(["a", np.nan, 7, None, np.int64(3)], object)})
        w.add_points(np.zeros(2), np.zeros(2), {"s": np.array([b"b", 2.5], object)})
        return {"OUTPUT": w.finish()}

    res, _ = _run(body, str(tmp_path / "s.gpkg"))
    vals = [f["s"] for f in _layer(res["OUTPUT"]).getFeatures()]
    assert [None if (v is None or (hasattr(v, "isNull") and v.isNull())) else v for v in vals] == [
        "a", None, "7", None, "3", "b", "2.5"
    ]  # fmt: skip


def test_plain_path_and_table_into_the_same_file_in_one_run(tmp_path):
    path = tmp_path / "both.gpkg"
    _run(lambda a, p, c, f: _points(a, p, c, f, [9.0]), str(path))  # an older file of that name

    def body(alg, parameters, context, feedback):
        pts = _points(alg, parameters, context, feedback, [1.0, 2.0])["OUTPUT"]
        table = {"OUTPUT": f"ogr:dbname='{path}' table=\"lines\" (geom)"}
        w = open_layer_writer(alg, table, "OUTPUT", context, feedback, [("id", "string")], "LineString")
        w.add_lines([0, 2], [0.0, 1.0], [0.0, 1.0], None, {"id": np.array(["a"], object)})
        return {"OUTPUT": pts, "LINES": w.finish()}

    res, _ = _run(body, str(path))
    assert res["LINES"] == f"{path}|layername=lines"
    assert _layer(res["OUTPUT"]).featureCount() == 2 and _layer(res["LINES"]).featureCount() == 1
    assert sorted(os.listdir(tmp_path)) == ["both.gpkg"]


def test_spatial_index_for_a_table_name_with_a_quote(tmp_path):
    gpkg = tmp_path / "q.gpkg"

    def body(alg, parameters, context, feedback):
        w = open_layer_writer(alg, parameters, "OUTPUT", context, feedback, [], "Point")
        w.add_points(np.arange(3.0), np.arange(3.0))
        return {"OUTPUT": w.finish()}

    _run(body, str(gpkg))
    res, _ = _run(body, f"ogr:dbname='{gpkg}' table=\"o'brien\" (geom)")
    assert _layer(res["OUTPUT"]).featureCount() == 3
    with sqlite3.connect(gpkg) as con:
        names = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert "rtree_o'brien_geom" in names
