"""deeptraj:importtrajectories through Processing: the four formats, the outputs (points, LineStringM lines),
the errors a user gets for bad input, cancel, and one slow import of the full GeoLife sample."""

import gzip
import lzma
import resource
import sqlite3
import time

import numpy as np
import pytest
from qgis.core import QgsProcessingException, QgsProcessingFeedback, QgsVectorLayer, QgsWkbTypes

from deeptraj.models.core.readers.lymob import write_lymob_csv
from deeptraj.models.core.readers.porto import read_porto_csv
from tests.conftest import data_path

ALG = "deeptraj:importtrajectories"
GENERIC, PORTO, GEOLIFE, LYMOB = 0, 1, 2, 3


def _layer(path, name=None):
    uri = f"{path}|layername={name}" if name else str(path)
    vl = QgsVectorLayer(uri, name or "l", "ogr")
    assert vl.isValid(), uri
    return vl


def _gpkg(tmp_path, name):
    return f"ogr:dbname='{tmp_path / 'out.gpkg'}' table=\"{name}\" (geom)"


def _secs(qdt):
    return qdt.toMSecsSinceEpoch() // 1000


def test_generic_csv_points_and_lines(run_alg, tmp_path):
    # trajectory 'b' is out of time order in the file and repeats a time; 'c' has one point
    csv = tmp_path / "pts.csv"
    csv.write_text(
        "vid,lon,lat,ts,speed\n"
        "a,1.0,10.0,2024-01-01T00:00:00,1\n"
        "b,2.0,20.0,2024-01-01T00:00:30,2\n"
        "a,1.1,10.1,2024-01-01T00:00:10,3\n"
        "b,2.1,20.1,2024-01-01T00:00:10,4\n"
        "b,2.2,20.2,2024-01-01T00:00:10,5\n"
        "c,3.0,30.0,2024-01-01T00:00:00,6\n"
    )
    res = run_alg(
        ALG,
        {
            "FILE": str(csv),
            "FORMAT": GENERIC,
            "ID_FIELD": "vid",
            "TIME_FIELD": "ts",
            "OUTPUT": _gpkg(tmp_path, "points"),
            "OUTPUT_LINES": _gpkg(tmp_path, "lines"),
        },
    )
    assert (res["N_POINTS"], res["N_TRAJECTORIES"], res["N_UNSORTED_TRAJECTORIES"]) == (6, 3, 1)
    assert (res["N_LINES"], res["N_DUPLICATE_TIMES"], res["N_SKIPPED_SHORT_TRAJECTORIES"]) == (2, 1, 1)
    pts = _layer(tmp_path / "out.gpkg", "points")
    assert pts.crs().authid() == "EPSG:4326"
    assert pts.fields().names()[1:] == ["traj_id", "time", "vid", "ts", "speed"]  # [0] is the GeoPackage fid
    feats = list(pts.getFeatures())
    assert [f["traj_id"] for f in feats] == ["a", "b", "a", "b", "b", "c"]  # file order kept
    assert [f["speed"] for f in feats] == [1, 2, 3, 4, 5, 6]
    assert _secs(feats[1]["time"]) == 1704067230
    assert (feats[2].geometry().asPoint().x(), feats[2].geometry().asPoint().y()) == (1.1, 10.1)
    lines = {f["traj_id"]: f for f in _layer(tmp_path / "out.gpkg", "lines").getFeatures()}
    assert set(lines) == {"a", "b"}
    b = lines["b"]
    assert QgsWkbTypes.hasM(b.geometry().wkbType())
    verts = list(b.geometry().vertices())
    assert [v.m() for v in verts] == [1704067210.0, 1704067230.0]  # sorted, duplicate dropped
    assert [v.x() for v in verts] == [2.1, 2.0]
    assert b["n_points"] == 2 and _secs(b["start_time"]) == 1704067210 and _secs(b["end_time"]) == 1704067230


def test_generic_autodetect_combined_id_gzip_and_crs(run_alg, tmp_path):
    path = tmp_path / "g.csv.gz"
    with gzip.open(path, "wt") as fh:
        fh.write(
            "user_id\ttraj_id\tx\ty\tt_utc\n"
            "021\t20070429\t500000\t4400000\t2007-04-29 08:34:32\n"
            "021\t20070429\t500010\t4400010\t2007-04-29 08:34:40\n"
            "104\t20070429\t500100\t4400100\t2007-04-29 09:00:00\n"
        )
    res = run_alg(
        ALG,
        {
            "FILE": str(path),
            "ID_FIELD": "user_id,traj_id",
            "DELIMITER": "\\t",
            "CRS": "EPSG:32650",
            "OUTPUT": str(tmp_path / "p.gpkg"),
        },
    )
    vl = _layer(tmp_path / "p.gpkg")
    assert vl.crs().authid() == "EPSG:32650"
    feats = list(vl.getFeatures())
    assert [f["traj_id"] for f in feats] == ["021_20070429"] * 2 + ["104_20070429"]
    assert [f["user_id"] for f in feats] == ["021", "021", "104"]
    assert [f["src_traj_id"] for f in feats] == ["20070429"] * 3  # name clash renamed
    assert res["N_TRAJECTORIES"] == 2 and res.get("OUTPUT_LINES") is None and res["N_LINES"] == 0


def test_porto_sample(run_alg, tmp_path):
    path = data_path("porto_taxi", "porto_train_first1999.csv")
    with open(path) as fh:
        head = [next(fh) for _ in range(41)]
    small = tmp_path / "porto40.csv"
    small.write_text("".join(head))
    res = run_alg(
        ALG,
        {
            "FILE": str(small),
            "FORMAT": PORTO,
            "CRS": "EPSG:3857",
            "OUTPUT": _gpkg(tmp_path, "points"),
            "OUTPUT_LINES": _gpkg(tmp_path, "lines"),
        },
    )
    ref = read_porto_csv(str(small))
    n = sum(len(c) for c in ref)
    assert res["N_POINTS"] == n and res["N_ROWS"] == 40
    assert res["N_TRAJECTORIES"] + res["N_SKIPPED_EMPTY_POLYLINES"] == 40
    pts = _layer(tmp_path / "out.gpkg", "points")
    assert pts.crs().authid() == "EPSG:4326"  # Porto is always WGS 84
    assert pts.featureCount() == n
    first = next(pts.getFeatures())
    assert first["traj_id"] == "1372636858620000589" and first["TAXI_ID"] == 20000589 and first["seq"] == 0
    assert first.geometry().asPoint().x() == pytest.approx(-8.618643)
    assert _secs(first["time"]) == 1372636858
    lines = _layer(tmp_path / "out.gpkg", "lines")
    assert lines.featureCount() == res["N_LINES"] == res["N_TRAJECTORIES"] - res["N_SKIPPED_SHORT_TRAJECTORIES"]
    g = next(lines.getFeatures()).geometry()
    ms = [v.m() for v in g.vertices()]
    assert np.all(np.diff(ms) == 15)


def test_geolife_tree(run_alg, tmp_path):
    head = "Geolife trajectory\nWGS 84\nAltitude is in Feet\nReserved 3\n0,2,255,My Track,0,0,2,8421376\n0\n"
    for user, stem, rows in (
        (
            "003",
            "20081023025304",
            ["39.98,116.31,0,492,39744.12,2008-10-23,02:53:04", "39.99,116.32,0,491,39744.12,2008-10-23,02:53:10"],
        ),
        (
            "004",
            "20090101000000",
            ["39.5,116.1,0,10,39814.0,2009-01-01,00:00:00", "39.6,116.2,0,11,39814.0,2009-01-01,00:00:05"],
        ),
    ):
        d = tmp_path / "Data" / user / "Trajectory"
        d.mkdir(parents=True)
        (d / f"{stem}.plt").write_text(head + "\n".join(rows) + "\n")
    any_file = tmp_path / "Data" / "004" / "Trajectory" / "20090101000000.plt"
    res = run_alg(
        ALG,
        {
            "FILE": str(any_file),
            "FORMAT": GEOLIFE,
            "OUTPUT": _gpkg(tmp_path, "points"),
            "OUTPUT_LINES": _gpkg(tmp_path, "lines"),
        },
    )
    assert (res["N_POINTS"], res["N_TRAJECTORIES"], res["N_FILES"], res["N_LINES"]) == (4, 2, 2, 2)
    pts = list(_layer(tmp_path / "out.gpkg", "points").getFeatures())
    assert [f["traj_id"] for f in pts] == ["003_20081023025304"] * 2 + ["004_20090101000000"] * 2
    assert [f["user_id"] for f in pts] == ["003", "003", "004", "004"]
    assert pts[0]["alt_ft"] == 492
    lines = {f["traj_id"]: f for f in _layer(tmp_path / "out.gpkg", "lines").getFeatures()}
    assert [v.m() - 1224730384 for v in lines["003_20081023025304"].geometry().vertices()] == [0, 6]
    # the Data folder itself works too
    res2 = run_alg(ALG, {"FILE": str(tmp_path / "Data"), "FORMAT": GEOLIFE, "OUTPUT": str(tmp_path / "d.gpkg")})
    assert res2["N_POINTS"] == 4 and res2["N_TRAJECTORIES"] == 2


def test_lymob_grid(run_alg, tmp_path):
    path = tmp_path / "yjmob.csv"
    write_lymob_csv(path, uid=[7, 7, 7, 9], d=[0, 0, 1, 2], t=[0, 47, 3, 10], x=[1, 999, 200, 5], y=[1, 999, 2, 6])
    res = run_alg(
        ALG,
        {
            "FILE": str(path),
            "FORMAT": LYMOB,
            "CRS": "EPSG:32654",
            "ORIGIN_X": 350000,
            "ORIGIN_Y": 3900000,
            "CELL_SIZE": 500,
            "START_DATE": "2024-03-01T00:00:00",
            "OUTPUT": str(tmp_path / "l.gpkg"),
        },
    )
    assert (res["N_POINTS"], res["N_SKIPPED_MASKED"], res["N_TRAJECTORIES"], res["N_ROWS"]) == (3, 1, 2, 4)
    vl = _layer(tmp_path / "l.gpkg")
    assert vl.crs().authid() == "EPSG:32654"
    feats = list(vl.getFeatures())
    assert [f["traj_id"] for f in feats] == [7, 7, 9]
    p = feats[1].geometry().asPoint()
    assert (p.x(), p.y()) == (350000 + 199.5 * 500, 3900000 + 1.5 * 500)
    assert _secs(feats[1]["time"]) == 1709251200 + 86400 + 3 * 1800
    assert [f["day"] for f in feats] == ["2024-03-01", "2024-03-02", "2024-03-03"]
    assert [f["x"] for f in feats] == [1, 200, 5]
    # START_DATE left at its default: day 0 is 2024-01-01
    run_alg(ALG, {"FILE": str(path), "FORMAT": LYMOB, "CRS": "EPSG:32654", "OUTPUT": str(tmp_path / "d.gpkg")})
    f0 = next(_layer(tmp_path / "d.gpkg").getFeatures())
    assert _secs(f0["time"]) == 1704067200 and f0["day"] == "2024-01-01"
    assert (f0.geometry().asPoint().x(), f0.geometry().asPoint().y()) == (250.0, 250.0)
    with pytest.raises(QgsProcessingException, match="CRS.*geographic"):
        run_alg(ALG, {"FILE": str(path), "FORMAT": LYMOB, "OUTPUT": "TEMPORARY_OUTPUT"})


@pytest.fixture()
def bad_files(tmp_path):
    (tmp_path / "empty.csv").write_bytes(b"")
    (tmp_path / "cols.csv").write_text("easting_m,northing_m,vehicle\n1,2,a\n")
    (tmp_path / "flat").mkdir()
    (tmp_path / "flat" / "lonlat.csv").write_text("lon,lat,tid\n1,2,a\n")
    (tmp_path / "poly.csv").write_text('"TRIP_ID","TIMESTAMP","POLYLINE"\n"T9","1372636858","[[-8.6,41.1],"\n')
    (tmp_path / "text_lon.csv").write_text("lon,lat,tid\nE,N,a\nW,S,a\n")
    (tmp_path / "offsets.csv").write_text('TRIP_ID,TIMESTAMP,POLYLINE,TIME_OFFSETS\n5,1,"[[1,2],[3,4]]","[0]"\n')
    d = tmp_path / "Data" / "000" / "Trajectory"
    d.mkdir(parents=True)
    (d / "x.plt").write_text("Not geolife\n1\n2\n3\n4\n5\n39.9,116.3,0,1,1,2008-01-01,00:00:00\n")
    return tmp_path


@pytest.mark.parametrize(
    "name,fmt,extra,words",
    [
        ("empty.csv", GENERIC, {}, ["FILE:", "0 bytes"]),
        ("missing.csv", GENERIC, {}, ["FILE:", "does not exist"]),
        ("cols.csv", GENERIC, {}, ["X_FIELD:", "easting_m, northing_m, vehicle"]),
        (
            "cols.csv",
            GENERIC,
            {"X_FIELD": "easting_m", "Y_FIELD": "northing_m", "TIME_FIELD": "when"},
            ["TIME_FIELD:", "'when'"],
        ),
        ("cols.csv", PORTO, {}, ["FILE:", "TRIP_ID, TIMESTAMP, POLYLINE", "easting_m"]),
        ("flat/lonlat.csv", PORTO, {}, ["FORMAT:", "generic points CSV"]),
        ("poly.csv", PORTO, {}, ["FILE:", "POLYLINE", "T9"]),
        ("poly.csv", LYMOB, {"CRS": "EPSG:3857"}, ["FORMAT:", "uid, d, t, x, y", "Porto"]),
        ("poly.csv", GENERIC, {}, ["FORMAT:", "Porto"]),
        ("text_lon.csv", GENERIC, {}, ["X_FIELD:", "generic points CSV", "'E'", "data row 1"]),
        ("offsets.csv", PORTO, {}, ["FILE:", "Porto taxi CSV", "TIME_OFFSETS of data row 1 (TRIP_ID 5)"]),
        ("Data", GENERIC, {}, ["FORMAT:", "folder"]),
        ("Data", GEOLIFE, {}, ["FILE:", "x.plt", "Geolife trajectory"]),
        ("flat/lonlat.csv", GEOLIFE, {}, ["FORMAT:", "no .plt file"]),
    ],
)
def test_bad_input_gives_clear_errors(run_alg, bad_files, name, fmt, extra, words):
    out = bad_files / "out.gpkg"
    params = {"FILE": str(bad_files / name), "FORMAT": fmt, "OUTPUT": str(out), **extra}
    with pytest.raises(QgsProcessingException) as e:
        run_alg(ALG, params)
    for w in words:
        assert w in str(e.value)
    assert not out.exists()


def test_cancel_leaves_no_output(run_alg, tmp_path):
    n = 300_000
    rng = np.random.default_rng(1)
    csv = tmp_path / "big.csv"
    with open(csv, "w") as fh:
        fh.write("tid,t,lon,lat\n")
        np.savetxt(
            fh,
            np.column_stack(
                [np.arange(n) // 100, 1_700_000_000 + np.arange(n), rng.uniform(-9, -8, n), rng.uniform(41, 42, n)]
            ),
            fmt=["%d", "%d", "%.6f", "%.6f"],
            delimiter=",",
        )
    # cancelled once the first chunk is written (a timer could fire after the end: the whole import takes < 1 s)
    fb = QgsProcessingFeedback()
    fb.progressChanged.connect(lambda p: fb.cancel() if 0 < p < 100 else None)
    out, lines = tmp_path / "p.gpkg", tmp_path / "l.gpkg"
    t0 = time.perf_counter()
    with pytest.raises(QgsProcessingException, match="[Cc]ancel"):
        run_alg(ALG, {"FILE": str(csv), "OUTPUT": str(out), "OUTPUT_LINES": str(lines)}, feedback=fb)
    assert fb.isCanceled()
    assert time.perf_counter() - t0 < 6
    assert not out.exists() and not lines.exists()
    assert not list(tmp_path.glob("p.gpkg*"))


def test_xz_and_time_offsets_into_one_geopackage(run_alg, tmp_path):
    xz = tmp_path / "pts.csv.xz"
    with lzma.open(xz, "wt") as fh:
        fh.write("taxi_id,datetime,lon,lat\n1,2008-02-02 15:36:08,116.51,39.92\n1,2008-02-02 15:46:08,116.52,39.93\n")
    res = run_alg(ALG, {"FILE": str(xz), "FORMAT": GENERIC, "OUTPUT": _gpkg(tmp_path, "tdrive")})
    feats = list(_layer(tmp_path / "out.gpkg", "tdrive").getFeatures())
    assert res["N_POINTS"] == 2 and [_secs(f["time"]) for f in feats] == [1201966568, 1201967168]
    assert [f["traj_id"] for f in feats] == ["1", "1"] and feats[1].geometry().asPoint().x() == 116.52
    trips = tmp_path / "cab.csv"
    trips.write_text(
        "TRIP_ID,TAXI_ID,TIMESTAMP,POLYLINE,TIME_OFFSETS\n"
        '7,c1,1211018404,"[[-122.39,37.75],[-122.40,37.76],[-122.41,37.77]]","[0,61,66]"\n'
    )
    res = run_alg(
        ALG,
        {
            "FILE": str(trips),
            "FORMAT": PORTO,
            "OUTPUT": _gpkg(tmp_path, "fixes"),
            "OUTPUT_LINES": _gpkg(tmp_path, "trips"),
        },
    )
    assert (res["N_POINTS"], res["N_LINES"]) == (3, 1)
    assert res["OUTPUT_LINES"] == f"{tmp_path / 'out.gpkg'}|layername=trips"
    line = next(_layer(tmp_path / "out.gpkg", "trips").getFeatures())
    assert [v.m() for v in line.geometry().vertices()] == [1211018404, 1211018465, 1211018470]
    assert _secs(line["end_time"]) == 1211018470 and line["n_points"] == 3 and line["traj_id"] == "7"
    fixes = _layer(tmp_path / "out.gpkg", "fixes")
    assert "TIME_OFFSETS" not in fixes.fields().names() and fixes.featureCount() == 3
    assert _layer(tmp_path / "out.gpkg", "tdrive").featureCount() == 2  # the first layer stays


class _CancelAfterFirstChunk(QgsProcessingFeedback):
    """Cancels once the bar has moved (the first chunk of points has been written)."""

    def setProgress(self, value):  # noqa: N802 - the Qt name
        super().setProgress(value)
        if value > 1:
            self.cancel()


def test_cancel_into_existing_geopackage_drops_the_half_written_layer(run_alg, tmp_path):
    gpkg = tmp_path / "out.gpkg"
    small = tmp_path / "small.csv"
    small.write_text("tid,t,lon,lat\n1,1700000000,-8.6,41.1\n1,1700000010,-8.7,41.2\n")
    run_alg(ALG, {"FILE": str(small), "OUTPUT": _gpkg(tmp_path, "keep")})
    n = 250_000
    csv = tmp_path / "big.csv"
    idx = np.arange(n)
    np.savetxt(csv, np.column_stack([idx // 100, 1_700_000_000 + idx, -8.6 + idx * 1e-6, 41.1 + idx * 1e-6]),
               fmt=["%d", "%d", "%.6f", "%.6f"], delimiter=",", header="tid,t,lon,lat", comments="")  # fmt: skip
    for table in ("new", "keep"):  # a new layer, and one that would replace the existing layer
        params = {"FILE": str(csv), "OUTPUT": _gpkg(tmp_path, table), "OUTPUT_LINES": _gpkg(tmp_path, "lines")}
        with pytest.raises(QgsProcessingException, match="[Cc]ancel"):
            run_alg(ALG, params, feedback=_CancelAfterFirstChunk())
        with sqlite3.connect(gpkg) as con:
            assert [r[0] for r in con.execute("SELECT table_name FROM gpkg_contents")] == ["keep"]
            tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        assert not [t for t in tables if t.startswith(("new", "lines")) or "partial" in t]
        keep = _layer(gpkg, "keep")
        assert keep.featureCount() == 2 and [f["traj_id"] for f in keep.getFeatures()] == ["1", "1"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.csv", "out.gpkg", "small.csv"]


@pytest.mark.slow
def test_full_geolife_points_streams_to_geopackage(run_alg, tmp_path):
    path = data_path("geolife", "geolife_points.csv.gz")
    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0 = time.perf_counter()
    res = run_alg(
        ALG,
        {
            "FILE": str(path),
            "FORMAT": GENERIC,
            "X_FIELD": "lon",
            "Y_FIELD": "lat",
            "ID_FIELD": "user_id,traj_id",
            "TIME_FIELD": "t_utc",
            "OUTPUT": _gpkg(tmp_path, "points"),
            "OUTPUT_LINES": _gpkg(tmp_path, "lines"),
        },
    )
    elapsed = time.perf_counter() - t0
    growth_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss0) / 1024
    print(f"\nGeoLife 1,436,368 points imported in {elapsed:.1f} s, peak RSS growth {growth_mb:.0f} MB")
    skipped = res["N_SKIPPED_NULL_COORDINATES"] + res["N_SKIPPED_NULL_IDS"]
    assert res["N_ROWS"] == 1_436_368 and res["N_POINTS"] == 1_436_368 - skipped
    assert res["N_TRAJECTORIES"] == 2087 and res["N_NULL_TIMES"] == 0
    assert _layer(tmp_path / "out.gpkg", "points").featureCount() == res["N_POINTS"]
    lines = _layer(tmp_path / "out.gpkg", "lines")
    assert lines.featureCount() == res["N_LINES"] == 2087 - res["N_SKIPPED_SHORT_TRAJECTORIES"]
    assert sum(f["n_points"] for f in lines.getFeatures()) == res["N_POINTS"] - res["N_DUPLICATE_TIMES"]
    assert growth_mb < 1000
