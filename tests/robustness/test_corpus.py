"""The bad-input corpus (issue 25), first tier: small generated layers that are wrong or odd in one way each, run
through every algorithm that reads a trajectory layer. Each run must end in one of two classes:

- a clean error: a QgsProcessingException whose message names the parameter or field to fix (an upper-case
  parameter name such as INPUT or TIME_FIELD, or the field's name) and is not an internal error;
- a sane success: every output layer is valid, and no geometry holds a non-finite coordinate.

The other robustness files test the findings one by one (ids, ranges, cancel, model files, outliers, load); this one
keeps the whole matrix from regressing. Training algorithms run with the smallest sizes so the tier stays fast.
"""

import datetime as dt
import math
import os
import re

import pytest
from qgis.core import QgsFeature, QgsGeometry, QgsPoint, QgsProcessingException, QgsVectorLayer

from tests.layers import point_layer, save_gpkg

ORIGIN = (-8.62, 41.15)
T0 = dt.datetime(2024, 1, 1, 8)


def _rows(n_traj=6, n_pts=12, step=0.0008, tid=lambda i: f"T{i}", t=None):
    """Rows of ``n_traj`` straight trajectories (one direction per 3) of ``n_pts`` fixes 15 s apart."""
    rows = []
    for i in range(n_traj):
        dx, dy = [(1, 0), (0, 1), (-1, 0), (0, -1)][(i // 3) % 4]
        for j in range(n_pts):
            when = T0 + dt.timedelta(hours=i, seconds=15 * j)
            x, y = ORIGIN[0] + dx * step * j + 1e-5 * i, ORIGIN[1] + dy * step * j
            rows.append((x, y, {"tid": tid(i), "t": when.isoformat() if t is None else t(i, j, when)}))
    return rows


def _layer(rows, crs="EPSG:4326", id_type=str):
    return point_layer(rows, [("tid", id_type), ("t", str)], crs=crs)


def _geometry_layer(kind):
    """A Polygon or MultiPoint layer with the fields of the others."""
    vl = QgsVectorLayer(f"{kind}?crs=EPSG:4326&field=tid:string&field=t:string", kind, "memory")
    feats = []
    for x, y, a in _rows():
        f = QgsFeature(vl.fields())
        if kind == "Polygon":
            f.setGeometry(QgsGeometry.fromWkt(f"POLYGON(({x} {y},{x + 1e-4} {y},{x} {y + 1e-4},{x} {y}))"))
        else:
            f.setGeometry(QgsGeometry.fromWkt(f"MULTIPOINT(({x} {y}),({x + 1e-4} {y}))"))
        f["tid"], f["t"] = a["tid"], a["t"]
        feats.append(f)
    vl.dataProvider().addFeatures(feats)
    return vl


def _nan_coordinates():
    rows = _rows()
    vl = _layer(rows[:-3])
    for x, y, a in rows[-3:]:  # three fixes whose geometry is POINT(nan nan)
        f = QgsFeature(vl.fields())
        f.setGeometry(QgsGeometry(QgsPoint(math.nan, math.nan)))
        f["tid"], f["t"] = a["tid"], a["t"]
        vl.dataProvider().addFeature(f)
    return vl


def _projected(crs, origin=ORIGIN):
    """The trajectories around ``origin`` (lon, lat) in the projected ``crs``."""
    from deeptraj.models.core.crs import transform_xy

    rows = [(x - ORIGIN[0] + origin[0], y - ORIGIN[1] + origin[1], a) for x, y, a in _rows()]
    x, y = transform_xy([r[0] for r in rows], [r[1] for r in rows], "EPSG:4326", crs)
    return _layer([(a, b, r[2]) for a, b, r in zip(x, y, rows)], crs=crs)


def _long_trajectory():
    """Five ordinary trajectories and one of 100,000 fixes (a vessel's or a bird's year at a high rate)."""
    rows = _rows(5, 12)
    t0 = T0 + dt.timedelta(days=1)
    rows += [
        (ORIGIN[0] + 1e-6 * (k % 5000), ORIGIN[1] + 1e-6 * (k // 5000), {"tid": "long", "t": (t0 + dt.timedelta(
            seconds=k)).isoformat()}) for k in range(100_000)
    ]  # fmt: skip
    return _layer(rows)


def _line_layer(degenerate):
    """Trajectories as LineStringM features (M = epoch seconds); ``degenerate``: also a line of two identical
    vertices and one of a single repeated vertex with equal times."""
    vl = QgsVectorLayer("LineStringM?crs=EPSG:4326&field=tid:string&field=t:string", "lines", "memory")
    feats = []
    lines = [[(x, y) for x, y, _ in _rows(1, 12)]] * 4
    if degenerate:
        lines += [[ORIGIN, ORIGIN], [ORIGIN] * 3]
    for i, pts in enumerate(lines):
        f = QgsFeature(vl.fields())
        m0 = int((T0 + dt.timedelta(hours=i)).timestamp())
        wkt = ", ".join(f"{x + 1e-4 * i} {y} {m0 + 15 * j * (0 if degenerate and i >= 4 else 1)}" for j, (x, y) in
                        enumerate(pts))  # fmt: skip
        f.setGeometry(QgsGeometry.fromWkt(f"LINESTRINGM({wkt})"))
        f["tid"], f["t"] = f"L{i}", (T0 + dt.timedelta(hours=i)).isoformat()
        feats.append(f)
    vl.dataProvider().addFeatures(feats)
    return vl


#: case name -> layer factory
CASES = {
    "empty layer": lambda: _layer([]),
    "null geometries": lambda: _layer([(None, None, a) for _, _, a in _rows()]),
    "one point": lambda: _layer(_rows(1, 1)),
    "one trajectory": lambda: _layer(_rows(1, 30)),
    "identical points": lambda: _layer([(ORIGIN[0], ORIGIN[1], a) for _, _, a in _rows()]),
    "nan coordinates": _nan_coordinates,
    "polygon layer": lambda: _geometry_layer("Polygon"),
    "multipoint layer": lambda: _geometry_layer("MultiPoint"),
    "null times": lambda: _layer(_rows(t=lambda i, j, w: None if j == 3 else w.isoformat())),
    "unparseable times": lambda: _layer(_rows(t=lambda i, j, w: "not a time" if j == 3 else w.isoformat())),
    "backwards times": lambda: _layer(_rows(t=lambda i, j, w: (T0 - (w - T0)).isoformat())),
    "duplicate times": lambda: _layer(_rows(t=lambda i, j, w: (w - dt.timedelta(seconds=15 * (j % 2))).isoformat())),
    "mixed time formats": lambda: _layer(_rows(t=lambda i, j, w: str(int(w.timestamp())) if j % 2 else w.isoformat())),
    "zoned times": lambda: _layer(_rows(t=lambda i, j, w: w.isoformat() + "+02:00")),
    "unicode ids": lambda: _layer(_rows(tid=lambda i: f"taxi·{i}·北京")),
    "one point per trajectory": lambda: _layer(_rows(12, 1)),
    "two identical fixes each": lambda: _layer(
        [
            (
                ORIGIN[0] + 0.01 * (k // 2),
                ORIGIN[1],
                {"tid": f"T{k // 2}", "t": (T0 + dt.timedelta(seconds=k)).isoformat()},
            )
            for k in range(12)
        ]  # fmt: skip
    ),
    "one 100,000-fix trajectory": _long_trajectory,
    "line layer": lambda: _line_layer(False),
    "degenerate lines": lambda: _line_layer(True),
    "UTM metres": lambda: _projected("EPSG:32629"),
    "US survey feet": lambda: _projected("EPSG:2227", origin=(-122.42, 37.77)),  # California zone 3, San Francisco
}


def _params(alg, layer, tmp_path):
    """Small, fast parameters of ``alg`` reading ``layer`` (fields tid, t)."""
    base = {"INPUT": layer, "TRAJ_ID_FIELD": "tid", "TIME_FIELD": "t"}
    out = {"OUTPUT": "memory:"}
    tiny_nn = {"SEED": 1}
    return {
        "splittrajectories": {**base, **out, "OUTPUT_LINES": "memory:", "OUTPUT_STOPS": "memory:"},
        "discretizegrid": {**base, "CELL_SIZE": 300, "OUTPUT_CELLS": "memory:", "OUTPUT_SEQUENCES": "memory:"},
        "discretizeh3": {**base, "RESOLUTION": 9, "OUTPUT_CELLS": "memory:", "OUTPUT_SEQUENCES": "memory:"},
        "groundtruthclusters": {**base, "N_CENTERS": 2, **out},
        "assignodpairs": {**base, "RESOLUTION": 8, "MIN_TRIPS": 1, **out},
        "syntheticanomalies": {**base, "OD_FIELD": "tid", "PER_OD": 2, **out},
        "eco": {**base, "EPS": 300, "MIN_PTS": 2, "DELTA": 250, "RHO": 2, **out},
        "classicclustering": {**base, "METHOD": 1, "N_CLUSTERS": 2, **out},
        "e2dtctrain": {**base, "CELL_SIZE": 200, "PRETRAIN_EPOCHS": 1, "SELFTRAIN_EPOCHS": 1, "BATCH_SIZE": 8,
                       "N_CLUSTERS": 2, "MODEL_FILE": str(tmp_path / "m.e2dtc"), **tiny_nn, **out},
        "mobilityembedtrain": {**base, "USER_FIELD": "tid", "GROUP_BY": 1, "RESAMPLE_MINUTES": 0, "EPOCHS": 1,
                               "D_MODEL": 8, "HEADS": 2, "LSTM_HIDDEN": 8, "MODEL_FILE": str(tmp_path / "m.mobemb"),
                               **tiny_nn},
        "crotadtrain": {**base, "OD_RESOLUTION": 8, "MIN_TRIPS": 2, "RESOLUTION": 10, "PRETRAIN_EPOCHS": 1,
                        "STEPS_PER_EPOCH": 2, "DQN_STEPS": 10, "WALKS_PER_NODE": 1, "WALK_LENGTH": 5, "HIDDEN": 16,
                        "EMBED_DIM": 8, "PROJ_DIM": 8, "GAT_HEADS": 2, "MODEL_FILE": str(tmp_path / "m.pt"),
                        **tiny_nn},
        "metatrltrain": {"TARGET": layer, "TRAJ_ID_FIELD": "tid", "TIME_FIELD": "t", "UNIT": 1, "RESOLUTION": 10,
                         "D_MODEL": 16, "N_HEADS": 2, "LAYERS": 1, "GAT_LAYERS": 1, "N_BUCKETS": 8, "MAX_LEN": 32,
                         "BATCH_SIZE": 16, "TARGET_EPOCHS": 1, "META_EPOCHS": 1, "SEED": 3,
                         "MODEL_FILE": str(tmp_path / "m.metatrl")},
        "mapmatch": {**base, "ROAD_NETWORK": _roads(), **out},
    }[alg]  # fmt: skip


def _roads():
    """A small street grid around the corpus trajectories (lines every ~200 m, both directions)."""
    vl = QgsVectorLayer("LineString?crs=EPSG:4326&field=name:string", "roads", "memory")
    feats = []
    for k in range(-3, 4):
        for wkt in (
            f"LINESTRING({ORIGIN[0] - 0.02} {ORIGIN[1] + 0.0018 * k}, {ORIGIN[0] + 0.02} {ORIGIN[1] + 0.0018 * k})",
            f"LINESTRING({ORIGIN[0] + 0.0024 * k} {ORIGIN[1] - 0.02}, {ORIGIN[0] + 0.0024 * k} {ORIGIN[1] + 0.02})",
        ):
            f = QgsFeature(vl.fields())
            f.setGeometry(QgsGeometry.fromWkt(wkt))
            f["name"] = f"street {k}"
            feats.append(f)
    vl.dataProvider().addFeatures(feats)
    return vl


ALGORITHMS = [
    "splittrajectories",
    "discretizegrid",
    "discretizeh3",
    "groundtruthclusters",
    "assignodpairs",
    "syntheticanomalies",
    "eco",
    "classicclustering",
    "e2dtctrain",
    "mobilityembedtrain",
    "crotadtrain",
    "metatrltrain",
    "mapmatch",
]
#: what an internal error looks like in a message
INTERNAL = re.compile(r"unexpected error|Traceback|(Runtime|Key|Index|Type|Attribute|ZeroDivision)Error")
#: a parameter name (INPUT, TIME_FIELD, ...) or one of the layer's fields, quoted
NAMES_WHAT = re.compile(r"\b[A-Z][A-Z0-9_]{3,}\b|'tid'|'t'")


def _finite(layer) -> bool:
    for f in layer.getFeatures():
        g = f.geometry()
        if g is None or g.isNull():
            continue
        for v in g.vertices():
            if not (math.isfinite(v.x()) and math.isfinite(v.y())):
                return False
    return True


def _outputs(res):
    from qgis.core import QgsProcessingContext, QgsProcessingUtils, QgsProject

    ctx = QgsProcessingContext()
    ctx.setProject(QgsProject.instance())
    for key, value in res.items():
        if key.startswith("OUTPUT") and isinstance(value, (str, QgsVectorLayer)):
            layer = value if isinstance(value, QgsVectorLayer) else QgsProcessingUtils.mapLayerFromString(value, ctx)
            if isinstance(layer, QgsVectorLayer):
                yield key, layer


@pytest.fixture(scope="module")
def models(provider, tmp_path_factory):
    """Tiny models trained on a good layer, for the algorithms that apply one: {algorithm id: model file}."""
    import processing

    d = tmp_path_factory.mktemp("corpus_models")
    good = _layer(_rows())
    processing.run("deeptraj:e2dtctrain", _params("e2dtctrain", good, d))
    processing.run("deeptraj:mobilityembedtrain", _params("mobilityembedtrain", good, d))
    processing.run("deeptraj:crotadtrain", _params("crotadtrain", good, d))
    processing.run("deeptraj:metatrltrain", _params("metatrltrain", good, d))
    return {
        "e2dtcapply": str(d / "m.e2dtc"),
        "mobilityembed": str(d / "m.mobemb"),
        "crotaddetect": str(d / "m.pt"),
        "metatrlembed": str(d / "m.metatrl"),
        "metatrltask": str(d / "m.metatrl"),
    }


APPLY = ["e2dtcapply", "mobilityembed", "crotaddetect", "metatrlembed", "metatrltask"]


def _apply_params(alg, layer, model):
    base = {"MODEL_FILE": model, "INPUT": layer, "TRAJ_ID_FIELD": "tid", "TIME_FIELD": "t", "OUTPUT": "memory:"}
    if alg == "crotaddetect":  # OD pairs derived from the end points, as in training
        base = {**base, "OUTPUT_SEGMENTS": "memory:", "OUTPUT_POINTS": "memory:"}
        del base["OUTPUT"]
    return {**base, "USER_FIELD": "tid"} if alg == "mobilityembed" else base


@pytest.mark.parametrize("case", sorted(CASES))
@pytest.mark.parametrize("alg", ALGORITHMS + APPLY)
def test_every_bad_input_is_a_clean_error_or_a_sane_result(run_alg, tmp_path, request, alg, case):
    layer = CASES[case]()
    if alg in APPLY:
        params = _apply_params(alg, layer, request.getfixturevalue("models")[alg])
    else:
        params = _params(alg, layer, tmp_path)
    try:
        res = run_alg(f"deeptraj:{alg}", params)
    except QgsProcessingException as e:
        msg = str(e)
        assert not INTERNAL.search(msg), f"{alg} / {case}: internal error: {msg}"
        assert NAMES_WHAT.search(msg), f"{alg} / {case}: the message names nothing to fix: {msg}"
        if alg == "metatrltrain":  # its layer parameter is TARGET: a message must not send the user to INPUT
            assert not msg.startswith("INPUT"), f"{alg} / {case}: names INPUT, which it does not have: {msg}"
        _report("clean error", alg, case, msg)
        return
    for key, out in _outputs(res):
        assert out.isValid(), f"{alg} / {case}: {key} is not a valid layer"
        assert _finite(out), f"{alg} / {case}: {key} holds a non-finite coordinate"
    _report("sane success", alg, case)


def _report(kind, alg, case, msg=""):
    """With DEEPTRAJ_CORPUS_REPORT set (and pytest -s): one line per run, for counting the classes."""
    if os.environ.get("DEEPTRAJ_CORPUS_REPORT"):
        print(f"\nCORPUS\t{kind}\t{alg}\t{case}\t{' '.join(msg.split())[:200]}")


#: (algorithm, parameter overrides) far outside what the data or the method can use, on a good layer
BAD_PARAMETERS = [
    ("splittrajectories", {"MAX_GAP": 0}),
    ("splittrajectories", {"MAX_SPEED": 1e-9}),
    ("splittrajectories", {"STOP_RADIUS": math.nan}),
    ("discretizegrid", {"CELL_SIZE": 1e-6}),
    ("discretizegrid", {"CELL_SIZE": 1e9}),
    ("discretizegrid", {"CELL_SIZE": math.inf}),
    ("discretizeh3", {"RESOLUTION": 15, "FILL_GAPS": True}),
    ("discretizeh3", {"RESOLUTION": 0}),
    ("groundtruthclusters", {"N_CENTERS": 100_000}),
    ("groundtruthclusters", {"RADIUS_RATIO": math.nan}),
    ("assignodpairs", {"RESOLUTION": 15}),
    ("assignodpairs", {"MIN_TRIPS": 10**9}),
    ("syntheticanomalies", {"RESOLUTION": 15}),
    ("syntheticanomalies", {"PER_OD": 10**7}),
    ("eco", {"EPS": 1e-9, "DELTA": 1e-9}),
    ("eco", {"EPS": 1e9, "DELTA": 1e9}),
    ("eco", {"MIN_PTS": 10**6}),
    ("eco", {"DELTA_T": math.nan}),
    ("classicclustering", {"N_CLUSTERS": 1000}),
    ("classicclustering", {"METHOD": 3, "EPSILON": math.nan}),
    ("e2dtctrain", {"N_CLUSTERS": 1000}),
    ("e2dtctrain", {"CELL_SIZE": 1e-3}),
    ("e2dtctrain", {"CELL_SIZE": 1e9}),
    ("mobilityembedtrain", {"CELL_SIZE": 1e9}),
    ("mobilityembedtrain", {"EPOCHS": 0}),
]


@pytest.mark.parametrize("alg,bad", BAD_PARAMETERS, ids=[f"{a}-{next(iter(b))}={next(iter(b.values()))}" for a, b in
                                                         BAD_PARAMETERS])  # fmt: skip
def test_every_bad_parameter_is_a_clean_error_or_a_sane_result(run_alg, tmp_path, alg, bad):
    case = f"parameters {bad}"
    try:
        res = run_alg(f"deeptraj:{alg}", {**_params(alg, _layer(_rows()), tmp_path), **bad})
    except QgsProcessingException as e:
        msg = str(e)
        assert not INTERNAL.search(msg), f"{alg} / {case}: internal error: {msg}"
        assert any(k in msg for k in bad) or NAMES_WHAT.search(msg), f"{alg} / {case}: names nothing: {msg}"
        _report("clean error", alg, case, msg)
        return
    for key, out in _outputs(res):
        assert out.isValid() and _finite(out), f"{alg} / {case}: {key}"
    _report("sane success", alg, case)


@pytest.mark.parametrize("alg", ALGORITHMS + APPLY)
def test_every_layer_output_can_be_a_new_table_of_an_existing_geopackage(run_alg, tmp_path, request, alg):
    """The ``ogr:dbname=... table=...`` form adds the outputs as tables and keeps the layers already in the file
    (a plain path replaces the whole file: QGIS's convention, docs/outputs.md)."""
    from osgeo import ogr

    gpkg = tmp_path / "existing.gpkg"
    save_gpkg(_layer(_rows(2, 3)), gpkg, table="keep_me")
    layer = _layer(_rows())
    if alg in APPLY:
        params = _apply_params(alg, layer, request.getfixturevalue("models")[alg])
    else:
        params = _params(alg, layer, tmp_path)
    outs = [k for k, v in params.items() if k.startswith("OUTPUT") and v == "memory:"]
    for k in outs:
        params[k] = f"ogr:dbname='{gpkg}' table=\"{alg}_{k.lower()}\" (geom)"
    run_alg(f"deeptraj:{alg}", params)
    ds = ogr.Open(str(gpkg))
    names = {ds.GetLayer(i).GetName() for i in range(ds.GetLayerCount())}
    assert "keep_me" in names and ds.GetLayerByName("keep_me").GetFeatureCount() == 6
    assert {f"{alg}_{k.lower()}" for k in outs} <= names, names
