"""Engine readers of trajectory files (models.core.readers): every format on small files written here, Porto on the
shared sample, the streaming tally, and the errors a user sees for bad files."""

import csv
import gzip
import json
import lzma

import numpy as np
import pytest

from deeptraj.models.core.readers.columns import column_values, sniff_format
from deeptraj.models.core.readers.common import LYMOB_MASK, Chunk, FormatError
from deeptraj.models.core.readers.generic import read_generic_csv
from deeptraj.models.core.readers.geolife import read_geolife_plt
from deeptraj.models.core.readers.lymob import lymob_encode, read_lymob_csv, write_lymob_csv
from deeptraj.models.core.readers.porto import read_porto_csv
from deeptraj.models.core.readers.tally import ImportTally
from deeptraj.models.core.readers.wkb import points_from_wkb
from deeptraj.models.core.timeparse import NAT
from deeptraj.models.core.trajectories import Trajectories
from tests.conftest import data_path


def _write(path, text, gz=False):
    opener = {True: gzip.open, "gz": gzip.open, "xz": lzma.open}.get(gz, open)
    with opener(path, "wt", newline="") as fh:
        fh.write(text)
    return str(path)


def _collect(reader):
    chunks = list(reader)
    cat = lambda get: np.concatenate([get(c) for c in chunks]) if chunks else np.zeros(0)  # noqa: E731
    cols = {n: cat(lambda c, n=n: c.columns[n]) for n, _ in reader.schema}
    t = cat(lambda c: c.t) if chunks and chunks[0].t is not None else None
    return chunks, cat(lambda c: c.ids), cat(lambda c: c.x), cat(lambda c: c.y), t, cols


# ------------------------------------------------------------------------------------------ generic CSV
GENERIC = (
    "Track,Longitude,Latitude,When,speed,code\n"
    "a,1.0,10.0,2024-01-01T00:00:00,1.5,7\n"
    "a,1.1,10.1,2024-01-01T00:00:10,2.5,8\n"
    "b,2.0,20.0,2024-01-01 00:01:00,,9\n"
    ",3.0,30.0,2024-01-01T00:02:00,1.0,10\n"  # no id: skipped
    "b,,20.5,2024-01-01T00:03:00,1.0,11\n"  # no x: skipped
    "b,2.2,20.2,not a time,3.0,x12\n"  # bad time kept (NAT), 'x12' does not fit the int column
    "a,1.2,10.2,1704067215,4.0,13\n"  # epoch seconds
)


def test_generic_autodetects_columns_and_streams_in_chunks(tmp_path):
    r = read_generic_csv(_write(tmp_path / "pts.csv", GENERIC), chunksize=2)
    assert (r.x_col, r.y_col, r.time_col, r.id_columns) == ("Longitude", "Latitude", "When", ["Track"])
    chunks, ids, x, y, t, cols = _collect(r)
    assert len(chunks) == 4  # 7 rows by 2
    assert ids.tolist() == ["a", "a", "b", "b", "a"]
    np.testing.assert_allclose(x, [1.0, 1.1, 2.0, 2.2, 1.2])
    np.testing.assert_allclose(y, [10.0, 10.1, 20.0, 20.2, 10.2])
    base = 1704067200
    assert t.tolist() == [base, base + 10, base + 60, NAT, base + 15]
    s = r.stats
    assert (s.n_rows, s.n_points, s.n_null_ids, s.n_null_coordinates, s.n_null_times) == (7, 5, 1, 1, 1)
    kinds = dict(r.schema)
    assert kinds == {"Track": "string", "When": "string", "speed": "double", "code": "int"}
    assert column_values(cols["code"], "int") == [7, 8, 9, None, 13]
    assert s.type_mismatch == {"code": 1}
    assert column_values(cols["speed"], "double") == [1.5, 2.5, None, 3.0, 4.0]
    assert any("did not match" in m for m in s.messages())
    assert r.fraction() == 1.0


def test_generic_combined_id_keeps_leading_zeros_and_reads_gzip(tmp_path):
    text = (
        "user_id,traj_id,lat,lon,t_utc\n"
        "021,20070429083432,39.9,116.3,2007-04-29 08:34:32\n"
        "021,20070429083432,39.8,116.4,2007-04-29 08:37:00\n"
        "021,20070430000000,39.7,116.5,2007-04-30 00:00:00\n"
        "104,20070429083432,39.6,116.6,2007-04-29 09:00:00\n"
    )
    path = _write(tmp_path / "g.csv.gz", text, gz=True)
    r = read_generic_csv(path, id_cols="user_id, traj_id", time_col="T_UTC", chunksize=3)
    _, ids, x, y, t, cols = _collect(r)
    assert ids.tolist() == ["021_20070429083432"] * 2 + ["021_20070430000000", "104_20070429083432"]
    assert cols["user_id"].tolist() == ["021", "021", "021", "104"]
    np.testing.assert_allclose(x, [116.3, 116.4, 116.5, 116.6])
    assert t[1] - t[0] == 148
    assert "lon" not in cols and "lat" not in cols


def test_generic_without_id_and_time_is_one_trajectory_in_file_order(tmp_path):
    r = read_generic_csv(_write(tmp_path / "logger_7.csv", "x;y;note\n5;6;a\n7;8;b\n"), delimiter=";")
    _, ids, x, _, t, cols = _collect(r)
    assert r.has_time is False and t is None
    assert ids.tolist() == ["logger_7", "logger_7"]
    assert x.tolist() == [5.0, 7.0] and cols["note"].tolist() == ["a", "b"]
    assert len(r.stats.notes) == 2


@pytest.mark.parametrize(
    "content,kwargs,role,words",
    [
        ("a,b\n1,2\n", {}, "x", ["no x column", "a, b"]),
        ("lon,lat,tid\n1,2,a\n", {"time_col": "stamp"}, "time", ["'stamp'", "lon, lat, tid"]),
        ("lon,lat,tid\n1,2,a\n", {"id_cols": "tid,user"}, "id", ["'user'"]),
        ("lon;lat;tid\n1;2;a\n", {}, "x", ["delimiter"]),
        ("lon,lat,tid,time\nE,N,a,2024-01-01\n", {}, "x", ["generic points CSV", "holds no numbers", "'E'", "row 1"]),
        ("lon,lat,tid\n,1,a\nE,2,a\n", {}, "x", ["holds no numbers", "'E'", "data row 2"]),
        ("lon,lat,tid,time\n1,2,a,yesterday\n", {}, "time", ["cannot be read", "yesterday"]),
        ('"TRIP_ID","TIMESTAMP","POLYLINE"\n"1","2","[]"\n', {}, "format", ["Porto"]),
        ("uid,d,t,x,y\n1,0,0,5,5\n", {"x": "lon"}, "x", ["'lon'"]),
        ("Geolife trajectory\nWGS 84\n", {}, "format", ["GeoLife"]),
    ],
)
def test_generic_bad_files_name_the_problem(tmp_path, content, kwargs, role, words):
    path = _write(tmp_path / "bad.csv", content)
    with pytest.raises(FormatError) as e:
        r = read_generic_csv(path, **kwargs)
        list(r)
    assert e.value.role == role
    for w in words:
        assert w in str(e.value)


@pytest.mark.parametrize("gz", [False, "gz", "xz"])
def test_progress_follows_the_file_position(tmp_path, gz):
    n = 60_000
    rng = np.random.default_rng(5)
    text = "tid,lon,lat\n" + "".join(
        f"{i // 50},{v:.6f},{w:.6f}\n" for i, (v, w) in enumerate(zip(rng.random(n), rng.random(n)))
    )
    r = read_generic_csv(_write(tmp_path / (f"p.csv.{gz}" if gz else "p.csv"), text, gz=gz), chunksize=5000)
    chunks = []
    seen = [r.fraction() for c in r if not chunks.append(c)]
    assert sum(len(c) for c in chunks) == n
    assert len(seen) == 12 and seen[0] < 0.9
    assert all(b >= a for a, b in zip(seen, seen[1:])) and len(set(seen)) > 1
    assert r.fraction() == 1.0


def test_bad_paths(tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    for reader in (read_generic_csv, read_porto_csv, read_lymob_csv):
        with pytest.raises(FormatError, match="0 bytes"):
            reader(str(empty))
        with pytest.raises(FormatError, match="does not exist"):
            reader(str(tmp_path / "nope.csv"))
    with pytest.raises(FormatError, match="folder") as e:
        read_generic_csv(str(tmp_path))
    assert e.value.role == "format"
    gz_empty = tmp_path / "e.csv.gz"
    with gzip.open(gz_empty, "wb"):
        pass
    with pytest.raises(FormatError, match="no data"):
        read_generic_csv(str(gz_empty))
    (tmp_path / "bin.csv").write_bytes(b"lon,lat\n\xff\xfe\xfa,1\n")
    with pytest.raises(FormatError, match="UTF-8"):
        list(read_generic_csv(str(tmp_path / "bin.csv")))


# ------------------------------------------------------------------------------------------ Porto
def test_porto_sample_against_its_polylines():
    path = data_path("porto_taxi", "porto_train_first1999.csv")
    with open(path, newline="") as fh:
        rows = list(csv.DictReader(fh))
    r = read_porto_csv(str(path), chunksize=300)
    chunks, ids, x, y, t, cols = _collect(r)
    assert len(chunks) == 7
    polylines = [np.asarray(json.loads(row["POLYLINE"]), float).reshape(-1, 2) for row in rows]
    n_empty = sum(p.shape[0] == 0 for p in polylines)
    assert r.stats.n_empty_polylines == n_empty > 0
    assert r.stats.n_rows == len(rows)
    assert x.size == r.stats.n_points == sum(p.shape[0] for p in polylines)
    full = np.concatenate([p for p in polylines if p.size])
    np.testing.assert_array_equal(x, full[:, 0])
    np.testing.assert_array_equal(y, full[:, 1])
    # trip 2: ids, 15 s rule, seq and kept columns
    p0 = polylines[0].shape[0]
    k = polylines[1].shape[0]
    sl = slice(p0, p0 + k)
    assert set(ids[sl].tolist()) == {rows[1]["TRIP_ID"]}
    assert (t[sl] == int(rows[1]["TIMESTAMP"]) + 15 * np.arange(k)).all()
    assert cols["seq"][sl].tolist() == list(range(k))
    assert column_values(cols["TAXI_ID"][sl], "int")[0] == int(rows[1]["TAXI_ID"])
    stand = rows[1]["ORIGIN_STAND"]
    assert column_values(cols["ORIGIN_STAND"][sl], "int")[0] == (int(stand) if stand else None)
    assert column_values(cols["MISSING_DATA"][:1], "bool") == [False]
    assert "POLYLINE" not in cols and "TRIP_ID" not in cols
    assert r.crs == "EPSG:4326"


def test_porto_errors(tmp_path):
    head = '"TRIP_ID","CALL_TYPE","TIMESTAMP","POLYLINE"\n'
    bad = _write(
        tmp_path / "bad.csv",
        head + '"T1","A","1372636858","[[-8.6,41.1],[-8.6,41.2]]"\n"T2","A","1372636900","[[-8.6,41.1],[-8.6"\n',
    )
    with pytest.raises(FormatError, match=r"row 2 \(TRIP_ID T2\)"):
        list(read_porto_csv(bad))
    triples = _write(tmp_path / "tri.csv", head + '"T1","A","1372636858","[[-8.6,41.1,3]]"\n')
    with pytest.raises(FormatError, match="pairs"):
        list(read_porto_csv(triples))
    nopoly = _write(tmp_path / "np.csv", "trip_id,lon,lat,time\n1,2,3,4\n")
    with pytest.raises(FormatError) as e:
        read_porto_csv(nopoly)
    assert "TIMESTAMP, POLYLINE" in str(e.value) and "trip_id, lon, lat, time" in str(e.value)
    assert "generic points CSV" in str(e.value) and e.value.role == "format"


def test_xz_file_is_read_whatever_its_name(tmp_path):
    text = "id,lon,lat,time\na,1.5,2.5,2024-01-01 00:00:00\na,1.6,2.6,2024-01-01 00:00:10\n"
    for name in ("t.csv.xz", "t.csv"):  # told by the magic bytes FD 37 7A 58 5A 00, not by the name
        with lzma.open(tmp_path / name, "wt") as fh:
            fh.write(text)
        assert (tmp_path / name).read_bytes()[:6] == b"\xfd7zXZ\x00"
        chunks, ids, x, y, t, cols = _collect(read_generic_csv(str(tmp_path / name)))
        assert ids.tolist() == ["a", "a"] and x.tolist() == [1.5, 1.6] and t.tolist() == [1704067200, 1704067210]
    (tmp_path / "cut.csv.xz").write_bytes((tmp_path / "t.csv.xz").read_bytes()[:30])
    with pytest.raises(FormatError, match="damaged|no data"):
        list(read_generic_csv(str(tmp_path / "cut.csv.xz")))


@pytest.mark.parametrize("kind", ["gz", "xz"])
def test_background_decompression_reads_every_byte_and_stops_on_close(tmp_path, kind):
    """Compressed files are decompressed ahead by a thread: the bytes are those of the file, an error in the middle
    of the stream reaches the reader, and closing early (cancel) stops the thread."""
    import threading

    from deeptraj.models.core.readers.files import ByteSource

    data = np.random.default_rng(1).integers(0, 255, 3_000_000, dtype=np.uint8).tobytes()  # ~12 blocks
    path = tmp_path / f"b.{kind}"
    with (gzip.open if kind == "gz" else lzma.open)(path, "wb") as fh:
        fh.write(data)
    before = threading.active_count()
    src = ByteSource(str(path))
    got = src.handle.read()
    assert got == data and src.fraction() == 1.0
    src.close()
    src = ByteSource(str(path))
    assert src.handle.read(1000) == data[:1000] and 0 < src.fraction() < 1
    src.close()  # with most of the file not read yet
    assert threading.active_count() == before
    raw = path.read_bytes()
    (tmp_path / "cut").write_bytes(raw[: len(raw) // 2])
    src = ByteSource(str(tmp_path / "cut"))
    with pytest.raises((EOFError, OSError, lzma.LZMAError)):
        src.handle.read()
    src.close()
    assert threading.active_count() == before


PORTO_OFFSETS = (
    "TRIP_ID,TAXI_ID,TIMESTAMP,END_TIMESTAMP,N_POINTS,POLYLINE,TIME_OFFSETS\n"
    '7,c1,1211018404,1211018470,3,"[[-122.39,37.75],[-122.40,37.76],[-122.41,37.77]]","[0,61,66]"\n'
    '8,c1,1211020000,1211020000,0,"[]","[]"\n'
    '9,c2,1211030000,1211030030,2,"[[-122.42,37.78],[-122.43,37.79]]","[0.0,30.9]"\n'
)


@pytest.mark.parametrize("gz", [False, "gz"])
def test_porto_with_time_offsets_cabspotting_layout(tmp_path, gz):
    r = read_porto_csv(_write(tmp_path / ("c.csv.gz" if gz else "c.csv"), PORTO_OFFSETS, gz=gz), chunksize=2)
    chunks, ids, x, y, t, cols = _collect(r)
    assert ids.tolist() == ["7", "7", "7", "9", "9"]
    assert t.tolist() == [1211018404, 1211018465, 1211018470, 1211030000, 1211030030]
    assert x.tolist() == [-122.39, -122.40, -122.41, -122.42, -122.43]
    assert cols["seq"].tolist() == [0, 1, 2, 0, 1]
    assert "TIME_OFFSETS" not in cols and "POLYLINE" not in cols
    kinds = dict(r.schema)  # a cab name as TAXI_ID stays text; the extra number columns are numbers
    assert (kinds["TAXI_ID"], kinds["END_TIMESTAMP"], kinds["N_POINTS"], kinds["TIMESTAMP"]) == (
        "string",
        "int",
        "int",
        "int",
    )
    assert cols["TAXI_ID"].tolist() == ["c1"] * 3 + ["c2"] * 2 and not r.stats.type_mismatch
    assert r.stats.n_empty_polylines == 1 and r.stats.n_rows == 3
    without = PORTO_OFFSETS.replace(",TIME_OFFSETS", "").replace(',"[0,61,66]"', "").replace(',"[0.0,30.9]"', "")
    without = without.replace(',"[]","[]"', ',"[]"')
    _, _, _, _, t15, _ = _collect(read_porto_csv(_write(tmp_path / "p.csv", without)))
    assert t15.tolist() == [1211018404, 1211018419, 1211018434, 1211030000, 1211030015]  # the Porto 15 s


def test_point_columns_concatenate_the_chunks_and_stop_after_max_rows(tmp_path):
    path = _write(tmp_path / "c.csv", PORTO_OFFSETS)
    _, ids, x, y, t, _ = _collect(read_porto_csv(path, chunksize=1))
    got = read_porto_csv(path, chunksize=1).point_columns()
    for a, b in zip(got, (ids, x, y, t)):
        assert a.tolist() == b.tolist()
    first = read_porto_csv(path, chunksize=1).point_columns(max_rows=1)  # the first trip's row only
    assert first[0].tolist() == ["7", "7", "7"] and first[3].tolist() == t[:3].tolist()


def test_porto_time_offsets_of_another_length_name_the_row(tmp_path):
    bad = PORTO_OFFSETS.replace('"[0.0,30.9]"', '"[0.0]"')
    with pytest.raises(FormatError) as e:
        list(read_porto_csv(_write(tmp_path / "b.csv", bad), chunksize=2))
    msg = str(e.value)
    assert "TIME_OFFSETS of data row 3 (TRIP_ID 9)" in msg and "1 value(s)" in msg and "2 fix(es)" in msg
    assert "Porto" in msg
    notjson = PORTO_OFFSETS.replace('"[0,61,66]"', '"[0,61"')
    with pytest.raises(FormatError, match=r"TIME_OFFSETS of data row 1 \(TRIP_ID 7\)"):
        list(read_porto_csv(_write(tmp_path / "n.csv", notjson)))


# ------------------------------------------------------------------------------------------ GeoLife
PLT_HEAD = "Geolife trajectory\nWGS 84\nAltitude is in Feet\nReserved 3\n0,2,255,My Track,0,0,2,8421376\n0\n"


def _plt(path, rows):
    path.parent.mkdir(parents=True, exist_ok=True)
    body = "".join(f"{lat},{lon},0,{alt},39744.1,{d},{tm}\n" for lat, lon, alt, d, tm in rows)
    path.write_text(PLT_HEAD + body)
    return path


def _geolife_tree(root):
    _plt(
        root / "010" / "Trajectory" / "20081023025304.plt",
        [(39.98, 116.31, 492, "2008-10-23", "02:53:04"), (39.99, 116.32, 491, "2008-10-23", "02:53:10")],
    )
    _plt(root / "010" / "Trajectory" / "20081024020959.plt", [(40.0, 116.3, 100, "2008-10-24", "02:09:59")])
    _plt(
        root / "011" / "Trajectory" / "20090101000000.plt",
        [
            (39.5, 116.1, -777, "2009-01-01", "00:00:00"),
            (39.6, 116.2, 10, "2009-01-01", "00:00:05"),
            (39.7, 116.3, 11, "2009-01-01", "00:00:09"),
        ],
    )
    (root / "011" / "labels.txt").write_text("Start Time\tEnd Time\tTransportation Mode\n")
    return root


def test_geolife_tree_from_folder_or_any_file(tmp_path):
    root = _geolife_tree(tmp_path / "Data")
    expected = ["010_20081023025304"] * 2 + ["010_20081024020959"] + ["011_20090101000000"] * 3
    for start in (root, root / "011" / "Trajectory" / "20090101000000.plt"):
        r = read_geolife_plt(str(start), chunksize=2)
        chunks, ids, x, y, t, cols = _collect(r)
        assert ids.tolist() == expected
        assert len(chunks) == 2  # files are grouped until a chunk holds >= 2 points
        np.testing.assert_allclose(x[:2], [116.31, 116.32])
        np.testing.assert_allclose(y[-1], 39.7)
        assert t[1] - t[0] == 6 and t[0] == 1224730384  # 2008-10-23 02:53:04 UTC
        assert cols["user_id"].tolist() == ["010"] * 3 + ["011"] * 3
        assert cols["alt_ft"].tolist()[3] == -777.0
        assert r.stats.n_files == 3 and r.stats.n_points == 6
    one_user = read_geolife_plt(str(root / "010"))
    assert len(_collect(one_user)[1]) == 3


def test_geolife_bad_trees(tmp_path):
    root = _geolife_tree(tmp_path / "Data")
    (root / "012" / "Trajectory").mkdir(parents=True)
    (root / "012" / "Trajectory" / "x.plt").write_text("lat,lon\n1,2\n")
    with pytest.raises(FormatError, match="not a GeoLife .plt file"):
        list(read_geolife_plt(str(root)))
    (root / "012" / "Trajectory" / "x.plt").write_text(PLT_HEAD)  # header only: skipped, counted
    r = read_geolife_plt(str(root))
    assert len(_collect(r)[1]) == 6 and r.stats.n_empty_files == 1
    (root / "012" / "Trajectory" / "x.plt").write_text(PLT_HEAD + "39.9,116.3\n")
    with pytest.raises(FormatError, match="malformed data lines"):
        list(read_geolife_plt(str(root)))
    other = tmp_path / "csvs"
    other.mkdir()
    _write(other / "a.csv", "lon,lat\n1,2\n")
    with pytest.raises(FormatError, match="no .plt file") as e:
        read_geolife_plt(str(other / "a.csv"))
    assert e.value.role == "format"
    with pytest.raises(FormatError, match="does not exist"):
        read_geolife_plt(str(tmp_path / "missing"))


# ------------------------------------------------------------------------------------------ LYMob
def test_lymob_round_trip_and_masking(tmp_path):
    rng = np.random.default_rng(3)
    ox, oy, cs = 380000.0, 3940000.0, 500.0
    start = "2024-03-01"
    n = 400
    uid = np.repeat(np.arange(1, 5), n // 4)
    X = ox + rng.uniform(0, 200 * cs, n)
    Y = oy + rng.uniform(0, 200 * cs, n)
    t0 = 1709251200  # 2024-03-01T00:00:00Z
    T = t0 + np.sort(rng.integers(0, 75 * 86400, n))
    d, slot, cx, cy = lymob_encode(X, Y, T, ox, oy, cs, start)
    assert cx.min() >= 1 and cx.max() <= 200 and slot.max() <= 47
    masked = rng.random(n) < 0.1
    wx, wy = cx.copy(), cy.copy()
    wx[masked] = wy[masked] = LYMOB_MASK
    path = tmp_path / "city.csv.gz"
    assert write_lymob_csv(path, uid, d, slot, wx, wy) == n
    r = read_lymob_csv(str(path), ox, oy, cs, start, chunksize=57)
    _, ids, x, y, t, cols = _collect(r)
    keep = ~masked
    assert r.stats.n_masked == int(masked.sum()) and r.stats.n_points == int(keep.sum())
    assert ids.dtype.kind == "i" and ids.tolist() == uid[keep].tolist()
    # same cells, the point is the cell centre, the time the start of the 30-min slot
    d2, s2, cx2, cy2 = lymob_encode(x, y, t, ox, oy, cs, start)
    assert (cx2 == cx[keep]).all() and (cy2 == cy[keep]).all() and (d2 == d[keep]).all() and (s2 == slot[keep]).all()
    np.testing.assert_allclose(x, ox + (cx[keep] - 0.5) * cs)
    assert np.abs(x - X[keep]).max() <= cs / 2 and np.abs(y - Y[keep]).max() <= cs / 2
    assert ((T[keep] - t) >= 0).all() and ((T[keep] - t) < 1800).all()
    assert cols["x"].tolist() == cx[keep].tolist() and cols["t"].tolist() == slot[keep].tolist()
    i = int(np.argmax(d[keep]))
    assert cols["day"][i] == str(np.datetime64("2024-03-01") + int(d[keep][i]))


@pytest.mark.parametrize(
    "row,words",
    [
        ("1,0,48,5,5", ["'t'", "0..47", "row 2"]),
        ("1,0,3,0,5", ["'x'", "1-based"]),
        ("1,0,3.5,5,5", ["integers", "3.5"]),
    ],
)
def test_lymob_bad_values(tmp_path, row, words):
    path = _write(tmp_path / "l.csv", "uid,d,t,x,y\n1,0,0,1,1\n" + row + "\n")
    with pytest.raises(FormatError) as e:
        list(read_lymob_csv(path))
    for w in words:
        assert w in str(e.value)


def test_lymob_wrong_file_and_parameters(tmp_path):
    path = _write(tmp_path / "p.csv", '"TRIP_ID","TIMESTAMP","POLYLINE"\n"1","2","[]"\n')
    with pytest.raises(FormatError) as e:
        read_lymob_csv(path)
    assert "uid, d, t, x, y" in str(e.value) and "Porto" in str(e.value)
    ok = _write(tmp_path / "l.csv", "uid,d,t,x,y\n1,0,0,1,1\n")
    with pytest.raises(FormatError, match="start date") as e:
        read_lymob_csv(ok, start_date="someday")
    assert e.value.role == "start_date"
    with pytest.raises(FormatError, match="cell size"):
        read_lymob_csv(ok, cell_size=0)
    with pytest.raises(ValueError, match="integers"):
        write_lymob_csv(tmp_path / "w.csv", [1], [0], [0.5], [1], [1])


# ------------------------------------------------------------------------------------------ tally
def test_tally_matches_from_points_over_chunks(tmp_path):
    rng = np.random.default_rng(0)
    n = 500
    ids = rng.choice(np.array(["p", "q", "r", "s"], dtype=object), n)
    x, y = rng.normal(size=n), rng.normal(size=n)
    t = np.arange(n, dtype=np.int64) * 10
    t[[40, 41]] = t[[41, 40]]  # one swap: the trajectory of those two points goes back in time
    t[300] = t[299]  # maybe a repeated time
    t[ids == "s"] = t[ids == "s"][::-1]  # 's' runs backwards over chunk borders
    tally = ImportTally(keep_points=True)
    for a in range(0, n, 64):
        b = min(a + 64, n)
        tally.add(Chunk(ids=ids[a:b], x=x[a:b], y=y[a:b], t=t[a:b]))
    ref, rep = Trajectories.from_points(ids, x, y, t)
    assert tally.n_unsorted == rep.n_unsorted_trajectories >= 1
    assert tally.n_trajectories == 4
    assert tally.counts[:4].tolist() == [int((ids == i).sum()) for i in tally.ids]
    got, rep2 = tally.trajectories(crs="EPSG:3857")
    assert got.ids.tolist() == ref.ids.tolist()
    np.testing.assert_array_equal(got.offsets, ref.offsets)
    np.testing.assert_array_equal(got.x, ref.x)
    np.testing.assert_array_equal(got.t, ref.t)
    assert rep2.n_duplicate_times == rep.n_duplicate_times and got.crs == "EPSG:3857"


def test_column_values_and_sniffing():
    assert column_values(np.array([1.0, np.nan, 3.0]), "int") == [1, None, 3]
    assert column_values(np.array([1.5, np.nan]), "double") == [1.5, None]
    assert column_values(np.array(["a", None, np.nan], dtype=object), "string") == ["a", None, None]
    assert column_values(np.array([4, 5]), "int") == [4, 5]
    assert sniff_format(["uid", "d", "t", "x", "y"]) == "lymob"
    assert sniff_format(["TRIP_ID", "POLYLINE"]) == "porto"
    assert sniff_format(["Longitude", "Latitude"]) == "generic"
    assert sniff_format(["a"]) is None


def test_points_from_wkb_fast_path_shapely_path_and_non_points():
    import struct

    import shapely

    blobs = [struct.pack("<BIdd", 1, 1, 1.5, -2.0), struct.pack("<BIdd", 1, 1, float("nan"), float("nan"))]
    x, y, empty = points_from_wkb(np.asarray(blobs, dtype=object))  # plain little-endian 2D points
    assert x[0] == 1.5 and y[0] == -2.0 and empty.tolist() == [False, True]
    big = shapely.to_wkb(shapely.points([[3.0, 4.0]]), byte_order=0)  # big-endian: the shapely path
    x, y, empty = points_from_wkb(np.asarray(list(big), dtype=object))
    assert (x[0], y[0]) == (3.0, 4.0) and not empty[0]
    line = shapely.to_wkb(shapely.linestrings([[[0, 0], [1, 1]]]))
    assert points_from_wkb(np.asarray(list(line), dtype=object)) == (None, None, None)


def test_column_to_seconds_of_datetime_number_and_text_columns():
    from deeptraj.models.core.timeparse import column_to_seconds

    dt = np.array(["2024-05-01T08:30:00", "NaT"], dtype="datetime64[s]")
    assert column_to_seconds(dt).tolist() == [1714552200, NAT]
    assert column_to_seconds(np.array([1714552200, 1714552200000])).tolist() == [1714552200, 1714552200]
    assert column_to_seconds(np.array([b"2024-05-01T08:30:00"])).tolist() == [1714552200]
    assert column_to_seconds(np.array(["2024-05-01 10:30:00+02:00", "bad"], dtype=object)).tolist() == [1714552200, NAT]


def test_iso_texts_parsed_in_numpy_agree_with_pandas():
    import pandas as pd

    from deeptraj.models.core.timeparse import _parse_general, column_to_seconds, iso_seconds, parse_times

    vals = [
        "2008-02-02 15:36:08", "2008-02-02T15:36:08Z", "2008-02-02T15:36:08.123Z", "2008-02-02T15:36:08.5",
        "2000-02-29 00:00:00", "1969-12-31T23:59:59", "2024-12-31T23:59:59.999Z", "1900-02-29 00:00:00",
        "2008-13-01 00:00:00", "2008-02-30 00:00:00", "1200000000", "2008-02-02 15:36:08+01:00",
        " 2008-02-02 15:36:08", None, "", "x", "2008-02-02T15:36:08.Z", "2008-02-02T15:36:08ZZ", 1.5,
    ]  # fmt: skip
    a = np.array(vals, dtype=object)
    fast, ok = iso_seconds(a)
    assert ok.tolist() == [True] * 7 + [False] * 12
    assert parse_times(a).tolist() == _parse_general(a).tolist()
    ref = pd.to_datetime(pd.Series(vals[:7]), format="ISO8601", utc=True).dt.tz_convert(None)
    assert fast[:7].tolist() == ref.to_numpy().astype("datetime64[s]").astype(np.int64).tolist()
    gdal = np.array(["2008-02-02T15:36:08.000Z", "2008-02-03T00:00:00.000Z"])  # how GDAL writes a GeoPackage time
    for v in (gdal, gdal.astype(object), gdal.astype("S")):
        assert column_to_seconds(v).tolist() == [1201966568, 1201996800]
