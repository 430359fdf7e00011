"""deeptraj:crotadtrain / deeptraj:crotaddetect on the simulated sample: normal trips between 3 OD pairs train the
model, syntheticanomalies injects detours into held-out trips, detection finds them (point F1 well above a random
detector's), streaming replay gives the batch labels, training is repeatable, cancel is quick, bad inputs give
clear errors (or the documented behaviour for unknown cells)."""

import time

import numpy as np
import pytest
from qgis.core import NULL, QgsProcessingException, QgsProcessingFeedback, QgsVectorLayer, QgsWkbTypes

TRAIN, DETECT = "deeptraj:crotadtrain", "deeptraj:crotaddetect"
#: the fast-CPU preset cut down for a test (measured: about 15 s of training on one core, online point F1 0.90)
FAST = {"PRETRAIN_EPOCHS": 3, "STEPS_PER_EPOCH": 15, "DQN_STEPS": 300, "WALKS_PER_NODE": 3, "SEED": 1}
TINY = {
    "PRETRAIN_EPOCHS": 1,
    "STEPS_PER_EPOCH": 4,
    "DQN_STEPS": 20,
    "WALKS_PER_NODE": 1,
    "WALK_LENGTH": 5,
    "HIDDEN": 16,
    "EMBED_DIM": 8,
    "PROJ_DIM": 8,
    "GAT_HEADS": 2,
    "SEED": 1,
}


def _run(alg, params, feedback=None):
    import processing
    from qgis.core import QgsProcessingContext, QgsProject

    ctx = QgsProcessingContext()
    ctx.setProject(QgsProject.instance())
    return processing.run(alg, params, feedback=feedback or QgsProcessingFeedback(), context=ctx)


@pytest.fixture(scope="module")
def sample(provider, tmp_path_factory):
    """GeoPackage paths: 120 simulated cross-town trips between 3 OD pairs (no detours) with the road network;
    3 of 4 trips for training; syntheticanomalies (6 per OD and type, plus 6 normal per OD) on the others."""
    d = tmp_path_factory.mktemp("crotad")
    paths = {k: str(d / f"{k}.gpkg") for k in ("sim", "roads", "train", "test", "anom")}
    _run(
        "deeptraj:simulatetrajectories",
        {
            "N_OD_PAIRS": 3,
            "N_TRAJECTORIES": 120,
            "OD_LAYOUT": 1,
            "SAMPLING_INTERVAL": 10,
            "GPS_NOISE": 3,
            "SEED": 5,
            "OUTPUT": paths["sim"],
            "OUTPUT_LINES": None,
            "OUTPUT_ROADS": paths["roads"],
        },
    )
    _run(
        "native:extractbyexpression",
        {"INPUT": paths["sim"], "EXPRESSION": '"traj_id" % 4 != 0', "OUTPUT": paths["train"]},
    )
    _run(
        "native:extractbyexpression",
        {"INPUT": paths["sim"], "EXPRESSION": '"traj_id" % 4 = 0', "OUTPUT": paths["test"]},
    )
    res = _run(
        "deeptraj:syntheticanomalies",
        {
            "INPUT": paths["test"],
            "TRAJ_ID_FIELD": "traj_id",
            "TIME_FIELD": "time",
            "OD_FIELD": "od_id",
            "RESOLUTION": 10,
            "PER_OD": 6,
            "SEED": 3,
            "OUTPUT": paths["anom"],
            "OUTPUT_LINES": None,
        },
    )
    assert res["N_NORMAL"] == 18 and res["N_MIDWAY_DETOUR"] == 18 and res["N_FAILED"] == 0
    paths["dir"] = d
    return paths  # paths, not layers: layers held by module fixtures outlive their GDAL handle


def _train_params(sample, model, **kw):
    return {
        "INPUT": sample["train"],
        "TRAJ_ID_FIELD": "traj_id",
        "TIME_FIELD": "time",
        "OD_FIELD": "od_id",
        "ROAD_NETWORK": sample["roads"],
        "MODEL_FILE": str(model),
        **FAST,
        **kw,
    }


@pytest.fixture(scope="module")
def trained(sample):
    d = sample["dir"]
    t0 = time.perf_counter()
    res = _run(TRAIN, _train_params(sample, d / "m.pt", OUTPUT_REPORT=str(d / "train.html")))
    res["seconds"] = time.perf_counter() - t0
    return res


def _detect(sample, model, tmp_path, name="d", **kw):
    params = {
        "MODEL_FILE": str(model),
        "INPUT": sample["anom"],
        "TRAJ_ID_FIELD": "traj_id",
        "TIME_FIELD": "time",
        "OD_FIELD": "od",
        "OUTPUT_SEGMENTS": str(tmp_path / f"{name}_seg.gpkg"),
        "OUTPUT_POINTS": str(tmp_path / f"{name}_pts.gpkg"),
        **kw,
    }
    return _run(DETECT, params)


def _layer(path):
    vl = QgsVectorLayer(str(path), "out", "ogr")
    assert vl.isValid(), path
    return vl


def _point_labels(path):
    """{(traj_id, seq): (votes, label)} of a labelled-points output."""
    return {(f["traj_id"], f["seq"]): (f["votes"], f["label"]) for f in _layer(path).getFeatures()}


def _random_f1(share):
    """F1 of the best random detector (flag every point) when a share ``share`` of the points is anomalous;
    a detector flagging a share q at random has expected precision share and recall q, so F1 <= 2s / (1 + s)."""
    return 2 * share / (1 + share)


# ---------------------------------------------------------------------------- training
def test_train_writes_model_and_report(trained, sample):
    res = trained
    assert res["N_TRAJECTORIES"] == 90 and res["N_OD"] == 3 and res["N_DROPPED"] == 0
    assert res["GRAPH_ROAD_EDGES"] > 0 and res["GRAPH_MOBILITY_EDGES"] > 0
    assert res["GRAPH_NODES"] >= res["N_CELLS"] > 50
    html = open(res["OUTPUT_REPORT"], encoding="utf-8").read()
    for text in (
        "Pre-training",
        "STSC",
        "MIIC",
        "Pseudo-labels",
        "DQN",
        "Hierarchical graph",
        "Parameters",
        "<svg",
        "pretrain_epochs",
    ):
        assert text in html, text
    from deeptraj.models.crotad.model import CroTad

    model = CroTad.load(res["MODEL_FILE"])
    assert model.extra_["od_field"] == "od_id" and model.extra_["traj_id_field"] == "traj_id"
    assert model.params.pretrain_epochs == 3 and model.params.hidden == 64  # the override and the preset
    assert sorted(model.ods_) == ["0", "1", "2"]


def test_every_engine_parameter_is_a_processing_parameter(provider):
    from dataclasses import fields

    from qgis.core import QgsApplication

    from deeptraj.models.crotad.params import PRESETS, CroTadParams

    alg = QgsApplication.processingRegistry().algorithmById(TRAIN)
    preset_keys = {k for v in PRESETS.values() for k in v}
    for f in fields(CroTadParams):
        d = alg.parameterDefinition(f.name.upper())
        assert d is not None, f.name
        if f.name in preset_keys or f.default is None:  # empty = the preset's (or automatic) value
            assert d.defaultValue() is None and d.flags() & d.FlagOptional, f.name
        elif f.name not in ("resolution", "window", "seed"):
            assert d.defaultValue() == f.default and d.flags() & d.FlagAdvanced, f.name


# ---------------------------------------------------------------------------- detection
def test_online_detection_finds_the_injected_anomalies(trained, sample, tmp_path):
    res = _detect(sample, trained["MODEL_FILE"], tmp_path, OUTPUT_REPORT=str(tmp_path / "r.html"))
    assert res["N_TRAJECTORIES"] == 108 and res["N_SKIPPED"] == 0 and res["DETECTION_MODE"] == "online"
    # the share of anomalous cells is about that of the anomalous points
    truth = [f["is_anomaly"] for f in _layer(sample["anom"]).getFeatures()]
    assert abs(res["ANOMALY_SHARE"] - np.mean(truth)) < 0.1
    rnd = _random_f1(res["ANOMALY_SHARE"])
    assert res["POINT_F1_ALL"] > rnd + 0.2, (res["POINT_F1_ALL"], rnd)  # measured 0.94 vs 0.61
    assert res["WINDOW_F1_ALL"] > _random_f1(res["ANOMALY_SHARE"]) + 0.05
    for kind in ("HEAD_DETOUR", "REAR_DETOUR", "MIDWAY_DETOUR", "ROUTE_SWITCHING", "RANDOM_TRAJECTORY"):
        for level in ("WINDOW", "POINT"):
            for m in ("P", "R", "F1"):
                assert 0.0 <= res[f"{level}_{m}_{kind}"] <= 1.0
    assert res["POINT_F1_RANDOM_TRAJECTORY"] > 0.9
    assert res["POINT_FPR_NORMAL"] < 0.15  # measured 0.02
    assert 0 < res["LATENCY_MS_MEDIAN"] < 50
    html = open(res["OUTPUT_REPORT"], encoding="utf-8").read()
    assert "Point level" in html and "Midway Detour" in html and "CroTad online" in html

    # QGIS prints every result in the log (and qgis_process on the terminal): numbers and text, no per-trajectory
    # table; the per-trajectory counts are in the layers
    for key, v in res.items():
        assert v is None or isinstance(v, (int, float, str)), (key, v)
        assert not (isinstance(v, str) and v.lstrip().startswith(("{", "["))), (key, v[:80])
    pts = list(_layer(res["OUTPUT_POINTS"]).getFeatures())
    assert len(pts) == len(truth)
    assert res["N_ANOMALOUS_POINTS"] == sum(f["label"] == 1 for f in pts)
    assert res["N_ANOMALOUS_TRAJECTORIES"] == len({f["traj_id"] for f in pts if f["label"] == 1})
    f0 = pts[0]
    assert f0["cell"].startswith("8a") and f0["votes"] >= 0 and f0["anomaly_type"] and f0["is_anomaly"] in (0, 1)

    # segments: runs of equal labels that share their boundary points and cover every point once
    seg = _layer(res["OUTPUT_SEGMENTS"])
    from deeptraj.processing_provider.crotad.layers import SEGMENT_FIELDS

    assert seg.fields().names()[1:] == [n for n, _ in SEGMENT_FIELDS] and seg.featureCount() == res["N_SEGMENTS"]
    assert QgsWkbTypes.hasM(seg.wkbType())
    by_traj = {}
    for f in seg.getFeatures():
        by_traj.setdefault(f["traj_id"], []).append(f)
    n_pts = {}
    for f in pts:
        n_pts[f["traj_id"]] = n_pts.get(f["traj_id"], 0) + 1
    for tid, fs in by_traj.items():
        fs.sort(key=lambda f: f["start_time"].toSecsSinceEpoch())
        assert sum(f["n_points"] for f in fs) == n_pts[tid]
        assert all(a["label"] != b["label"] for a, b in zip(fs, fs[1:]))
        for a, b in zip(fs, fs[1:]):
            va, vb = a.geometry().constGet(), b.geometry().constGet()
            assert va.endPoint() == vb.startPoint()  # continuous line
        for f in fs:
            assert f["reviewed"] is None or str(f["reviewed"]) == "NULL"
            assert 0 <= f["mean_votes"] <= 5
    assert {f["anomaly_type"] for f in seg.getFeatures()} >= {"normal", "midway_detour"}


def test_loaded_outputs_are_styled_and_the_segments_marked_for_the_dock(trained, sample):
    """What Processing does when it loads the outputs (GUI, runAndLoadResults): the post-processors style both
    layers and mark the segments for the Flagged segments dock."""
    import processing
    from qgis.core import QgsProcessingContext, QgsProcessingOutputLayerDefinition, QgsProject
    from qgis.PyQt.QtCore import Qt

    from deeptraj.processing_provider.crotad.layers import SEGMENTS_PROPERTY

    project = QgsProject.instance()
    ctx = QgsProcessingContext()
    ctx.setProject(project)
    fb = QgsProcessingFeedback()
    res = processing.run(
        DETECT,
        {
            "MODEL_FILE": trained["MODEL_FILE"],
            "INPUT": sample["anom"],
            "TRAJ_ID_FIELD": "traj_id",
            "TIME_FIELD": "time",
            "OD_FIELD": "od",
            "BATCH": True,
            "OUTPUT_SEGMENTS": QgsProcessingOutputLayerDefinition("memory:", project),
            "OUTPUT_POINTS": QgsProcessingOutputLayerDefinition("memory:", project),
        },
        feedback=fb,
        context=ctx,
    )
    seg, pts = res["OUTPUT_SEGMENTS"], res["OUTPUT_POINTS"]  # memory layers, handed over by processing.run
    to_load = ctx.layersToLoadOnCompletion()
    for lyr in (seg, pts):
        assert lyr.id() in to_load
        to_load[lyr.id()].postProcessor().postProcessLayer(lyr, ctx, fb)
    assert seg.customProperty(SEGMENTS_PROPERTY) == "1" and not pts.customProperty(SEGMENTS_PROPERTY)
    categories = seg.renderer().categories()  # keep the copies alive: symbol() points into them
    cats = {c.value(): c.symbol() for c in categories}
    assert seg.renderer().classAttribute() == "label"
    assert cats[1].color().name() == "#d62728" and cats[1].symbolLayer(0).penStyle() == Qt.DashLine
    assert cats[0].symbolLayer(0).penStyle() == Qt.SolidLine and cats[0].width() < cats[1].width()
    assert pts.renderer().classAttribute() == "label" and len(pts.renderer().categories()) == 3


def test_streaming_replay_equals_batch_online_labels(trained, sample, tmp_path):
    stream = _detect(sample, trained["MODEL_FILE"], tmp_path, name="s", OUTPUT_REPORT=None)
    batch = _detect(sample, trained["MODEL_FILE"], tmp_path, name="b", BATCH=True)
    assert batch["DETECTION_MODE"] == "online-batch" and "LATENCY_MS_MEDIAN" not in batch
    a, b = _point_labels(stream["OUTPUT_POINTS"]), _point_labels(batch["OUTPUT_POINTS"])
    assert a == b and len(a) > 1000
    assert stream["POINT_F1_ALL"] == batch["POINT_F1_ALL"]
    # the replay interleaves the trajectories (time order), so this is not one trajectory after the other
    times = {}
    for f in _layer(sample["anom"]).getFeatures():
        t = f["time"].toSecsSinceEpoch()
        lo, hi = times.get(f["traj_id"], (t, t))
        times[f["traj_id"]] = (min(lo, t), max(hi, t))
    spans = sorted(times.values())
    assert any(b0 < a1 for (_, a1), (b0, _) in zip(spans, spans[1:]))

    # the engine directly: StreamDetector pushes, interleaved, give model.detect(mode="online")
    from deeptraj.models.crotad.model import CroTad

    model = CroTad.load(trained["MODEL_FILE"])
    rng = np.random.default_rng(0)
    ods = ["0", "1", "2", "0"]
    seqs = [rng.permutation(np.array(sorted(model.frequent_(o)), np.uint64))[:12] for o in ods]
    seqs[3] = np.concatenate([seqs[3][:3], seqs[0][:2]])  # shorter than the window, another OD's cells
    det = model.detect(seqs, ods, mode="online")
    st = model.stream()
    got = {}
    pos = [0] * len(seqs)
    while any(p < len(s) for p, s in zip(pos, seqs)):
        k = int(rng.integers(len(seqs)))
        if pos[k] < len(seqs[k]):
            for key, j, v, lab in st.push(k, ods[k], int(seqs[k][pos[k]])):
                got[(key, j)] = (v, lab)
            pos[k] += 1
            if pos[k] == len(seqs[k]):
                for key, j, v, lab in st.finish(k):
                    got[(key, j)] = (v, lab)
    for k, d in enumerate(det):
        assert [got[(k, j)] for j in range(len(seqs[k]))] == list(zip(d.votes.tolist(), d.labels.tolist()))


def test_offline_detection(trained, sample, tmp_path):
    default = _detect(sample, trained["MODEL_FILE"], tmp_path, name="d", MODE=1)
    assert default["DETECTION_MODE"] == "offline" and default["VOTE_THRESHOLD_USED"] == 5  # default: L
    # the clustering's window labels are noisier than the DQN's: it needs fewer votes (measured F1 0.89 at 3)
    res = _detect(sample, trained["MODEL_FILE"], tmp_path, name="o", MODE=1, VOTE_THRESHOLD=3)
    assert res["POINT_F1_ALL"] > _random_f1(res["ANOMALY_SHARE"]) + 0.15
    # a lower voting threshold flags more points, a higher one fewer
    low = _detect(sample, trained["MODEL_FILE"], tmp_path, name="o1", MODE=1, VOTE_THRESHOLD=1)
    high = _detect(sample, trained["MODEL_FILE"], tmp_path, name="o5", MODE=1, VOTE_THRESHOLD=5)
    assert low["VOTE_THRESHOLD_USED"] == 1 and high["VOTE_THRESHOLD_USED"] == 5
    assert low["N_ANOMALOUS_POINTS"] >= res["N_ANOMALOUS_POINTS"] >= high["N_ANOMALOUS_POINTS"]
    assert low["N_ANOMALOUS_POINTS"] > high["N_ANOMALOUS_POINTS"]


def test_training_is_deterministic(trained, sample, tmp_path):
    import torch

    res = _run(TRAIN, _train_params(sample, tmp_path / "again.pt"))
    a = torch.load(trained["MODEL_FILE"], weights_only=True)
    b = torch.load(res["MODEL_FILE"], weights_only=True)
    assert set(a["state"]) == set(b["state"])
    assert all(torch.equal(a["state"][k], b["state"][k]) for k in a["state"])
    da = _point_labels(_detect(sample, trained["MODEL_FILE"], tmp_path, name="x", BATCH=True)["OUTPUT_POINTS"])
    db = _point_labels(_detect(sample, res["MODEL_FILE"], tmp_path, name="y", BATCH=True)["OUTPUT_POINTS"])
    assert da == db


def test_derived_od_pairs_and_stops(sample, tmp_path):
    """Without OD_FIELD the pairs are derived (assignodpairs) and stored; detection matches them on the end-point
    cells. A stops layer adds context edges."""
    from qgis.core import QgsFeature, QgsField, QgsGeometry, QgsVectorLayer
    from qgis.PyQt.QtCore import QVariant

    stops = QgsVectorLayer("Point?crs=EPSG:4326", "stops", "memory")
    stops.dataProvider().addAttributes([QgsField("route", QVariant.String), QgsField("stop_seq", QVariant.Int)])
    stops.updateFields()
    feats = []
    for f in _layer(sample["train"]).getFeatures():
        if f["traj_id"] in (1, 2, 3) and f.id() % 3 == 0:
            g = QgsFeature(stops.fields())
            g.setGeometry(QgsGeometry.fromPointXY(f.geometry().asPoint()))
            g.setAttributes([f"r{f['traj_id']}", f.id()])
            feats.append(g)
    for attrs in ([None, 7], ["r1", None]):  # NULL route / sequence: skipped, not an error
        g = QgsFeature(stops.fields())
        g.setGeometry(QgsGeometry.fromPointXY(feats[0].geometry().asPoint()))
        g.setAttributes(attrs)
        feats.append(g)
    stops.dataProvider().addFeatures(feats)
    res = _run(
        TRAIN,
        {
            "INPUT": sample["train"],
            "TRAJ_ID_FIELD": "traj_id",
            "TIME_FIELD": "time",
            "OD_RESOLUTION": 7,
            "MIN_TRIPS": 5,
            "STOPS": stops,
            "STOP_ROUTE_FIELD": "route",
            "STOP_SEQUENCE_FIELD": "stop_seq",
            "MODEL_FILE": str(tmp_path / "od.pt"),
            **TINY,
        },
    )
    assert res["N_OD"] >= 2 and res["GRAPH_CONTEXT_EDGES"] > 0 and res["GRAPH_ROAD_EDGES"] == 0
    from deeptraj.models.crotad.model import CroTad

    pairs = CroTad.load(res["MODEL_FILE"]).extra_["od"]["pairs"]
    assert len(pairs) == res["N_OD"] and all(len(p[0]) == 15 for p in pairs)
    det = _run(
        DETECT,
        {
            "MODEL_FILE": res["MODEL_FILE"],
            "INPUT": sample["test"],
            "TRAJ_ID_FIELD": "traj_id",
            "TIME_FIELD": "time",
            "MODE": 1,
            "OUTPUT_SEGMENTS": "memory:",
            "OUTPUT_POINTS": None,
        },
    )
    assert det["N_TRAJECTORIES"] >= 15 and det["N_TRAJECTORIES"] + det["N_SKIPPED"] == 30
    # simulated points carry is_anomaly = 0 and an empty anomaly_type: all normal, false-positive rates only
    assert det["ANOMALY_SHARE"] == 0 and 0 <= det["POINT_FPR_NORMAL"] <= 1 and "POINT_F1_NORMAL" not in det


# ---------------------------------------------------------------------------- cancel
def test_cancel_stops_training_quickly(sample, tmp_path):
    fb = QgsProcessingFeedback()
    seen = {}

    def on_progress(p):
        if p > 23 and not fb.isCanceled():  # pre-training has started (at 22.75 %)
            seen["t"] = time.perf_counter()
            fb.cancel()

    fb.progressChanged.connect(on_progress)
    model = tmp_path / "c.pt"
    t0 = time.perf_counter()
    with pytest.raises(QgsProcessingException, match="[Cc]ancel"):
        _run(TRAIN, _train_params(sample, model, PRETRAIN_EPOCHS=100, ROAD_NETWORK=None), feedback=fb)
    assert "t" in seen and time.perf_counter() - seen["t"] < 5 and time.perf_counter() - t0 < 30
    assert not model.exists() and not list(tmp_path.glob("*.tmp-*"))


# ---------------------------------------------------------------------------- bad input
def test_no_od_field_and_too_few_trips_per_od(sample, tmp_path):
    with pytest.raises(QgsProcessingException, match="MIN_TRIPS.*the most common pair has .*OD_FIELD"):
        _run(
            TRAIN,
            {
                "INPUT": sample["train"],
                "TRAJ_ID_FIELD": "traj_id",
                "TIME_FIELD": "time",
                "MIN_TRIPS": 500,
                "MODEL_FILE": str(tmp_path / "m.pt"),
                **TINY,
            },
        )
    with pytest.raises(QgsProcessingException, match="OD_FIELD: the field 'nope' does not exist"):
        _run(TRAIN, _train_params(sample, tmp_path / "m.pt", OD_FIELD="nope"))
    assert not (tmp_path / "m.pt").exists()


def test_trajectories_shorter_than_the_window_or_in_one_cell(sample, tmp_path):
    with pytest.raises(
        QgsProcessingException, match="WINDOW: every trajectory is shorter than the window of 400 cells.*Lower WINDOW"
    ):
        _run(TRAIN, _train_params(sample, tmp_path / "m.pt", WINDOW=400))
    with pytest.raises(QgsProcessingException, match="no OD keeps at least 2 trajectories.*RESOLUTION"):
        _run(TRAIN, _train_params(sample, tmp_path / "m.pt", RESOLUTION=2))
    with pytest.raises(QgsProcessingException, match="VOTE_THRESHOLD"):
        _run(TRAIN, _train_params(sample, tmp_path / "m.pt", VOTE_THRESHOLD=6))


def test_model_trained_for_other_ods_or_area(trained, sample, tmp_path):
    # an OD field whose values the model does not know
    with pytest.raises(
        QgsProcessingException, match="OD_FIELD: no trajectory belongs to an OD the model was trained for.*knows 3 OD"
    ):
        _detect(sample, trained["MODEL_FILE"], tmp_path, OD_FIELD="anomaly_type")
    # the training OD field is not in the input, no OD field given
    with pytest.raises(QgsProcessingException, match="OD_FIELD: the model was trained with the OD field 'od_id'"):
        _detect(sample, trained["MODEL_FILE"], tmp_path, OD_FIELD=None)
    # another area: every cell is unknown
    moved = _run(
        "native:translategeometry",
        {"INPUT": sample["anom"], "DELTA_X": 1.5, "DELTA_Y": 0.5, "OUTPUT": str(tmp_path / "moved.gpkg")},
    )["OUTPUT"]
    with pytest.raises(QgsProcessingException, match="another area or another RESOLUTION"):
        _run(
            DETECT,
            {
                "MODEL_FILE": trained["MODEL_FILE"],
                "INPUT": moved,
                "TRAJ_ID_FIELD": "traj_id",
                "OD_FIELD": "od",
                "OUTPUT_SEGMENTS": "memory:",
            },
        )
    # a voting threshold above the window
    with pytest.raises(QgsProcessingException, match="VOTE_THRESHOLD.*window length \\(5\\)"):
        _detect(sample, trained["MODEL_FILE"], tmp_path, VOTE_THRESHOLD=6)


def test_unknown_cells_and_ods_at_test_time_are_documented_behaviour(trained, sample, tmp_path):
    """Trajectories partly moved out of the training area run (their cells are unknown, encoded as a rare cell:
    flagged); trajectories of an unknown OD are skipped with a warning."""
    from qgis.core import QgsFeature, QgsGeometry, QgsPointXY, QgsVectorLayer

    src = _layer(sample["anom"])
    mixed = QgsVectorLayer("Point?crs=EPSG:4326", "mixed", "memory")
    mixed.dataProvider().addAttributes(src.fields().toList())
    mixed.updateFields()
    feats = []
    for f in src.getFeatures():
        if f["anomaly_type"] != "normal":
            continue
        g = QgsFeature(mixed.fields())
        g.setAttributes(f.attributes())
        p = f.geometry().asPoint()
        if f["traj_id"] % 3 == 0 and f["seq"] >= 6:  # the rest of the trip 8 km further east
            p = QgsPointXY(p.x() + 0.1, p.y())
        if f["traj_id"] % 3 == 1:
            g["od"] = 99  # an OD the model does not know
        g.setGeometry(QgsGeometry.fromPointXY(p))
        feats.append(g)
    mixed.dataProvider().addFeatures(feats)
    warnings = []

    class Fb(QgsProcessingFeedback):
        def pushWarning(self, w):  # noqa: N802
            warnings.append(w)
            super().pushWarning(w)

    res = _run(
        DETECT,
        {
            "MODEL_FILE": trained["MODEL_FILE"],
            "INPUT": mixed,
            "TRAJ_ID_FIELD": "traj_id",
            "TIME_FIELD": "time",
            "OD_FIELD": "od",
            "OUTPUT_SEGMENTS": "memory:",
            "OUTPUT_POINTS": "memory:",
        },
        feedback=Fb(),
    )
    assert res["N_SKIPPED"] > 0 and any("99" in w and "skipped" in w for w in warnings)
    pts = list(res["OUTPUT_POINTS"].getFeatures())
    skipped = [f for f in pts if f["od"] == "99"]
    assert skipped and all(f["label"] is None or str(f["label"]) == "NULL" for f in skipped)
    moved = [f["label"] for f in pts if f["traj_id"] % 3 == 0 and f["seq"] >= 6]
    kept = [f["label"] for f in pts if f["traj_id"] % 3 == 2]
    assert moved and kept and np.mean(moved) > 0.8 and np.mean(moved) > np.mean(kept) + 0.3


def test_missing_or_wrong_model_file(sample, tmp_path):
    with pytest.raises(QgsProcessingException, match="MODEL_FILE"):
        _detect(sample, tmp_path / "missing.pt", tmp_path)
    bad = tmp_path / "bad.pt"
    bad.write_text("not a model")
    with pytest.raises(QgsProcessingException, match="MODEL_FILE.*not a DeepTraj model file"):
        _detect(sample, bad, tmp_path)
    with pytest.raises(QgsProcessingException, match="MODEL_FILE"):
        _detect(sample, "", tmp_path)


def _features(layer):
    """[(attributes without fid, geometry WKT with M)] of a layer, in feature order."""
    names = [n for n in layer.fields().names() if n != "fid"]
    out = []
    for f in layer.getFeatures():
        attrs = []
        for n in names:
            v = f[n]
            attrs.append(v.toSecsSinceEpoch() if hasattr(v, "toSecsSinceEpoch") else (None if v == NULL else v))
        out.append((tuple(attrs), f.geometry().asWkt(5)))
    return names, out


def test_geopackage_outputs_are_written_in_bulk_with_the_sink_features(trained, sample, tmp_path, monkeypatch):
    """A GeoPackage destination goes through the bulk writer (gpkg_writer) and holds the same fields, values and
    geometries (LineStringM segments, M = epoch seconds) as the feature-by-feature sink of a memory layer."""
    from deeptraj.processing_provider import gpkg_writer

    finished = []
    finish = gpkg_writer.GpkgLayerWriter.finish
    monkeypatch.setattr(gpkg_writer.GpkgLayerWriter, "finish", lambda w: finished.append(w.table) or finish(w))
    bulk = _detect(sample, trained["MODEL_FILE"], tmp_path, name="g", BATCH=True)
    assert len(finished) == 2
    mem = _detect(
        sample,
        trained["MODEL_FILE"],
        tmp_path,
        name="m",
        BATCH=True,
        OUTPUT_SEGMENTS="TEMPORARY_OUTPUT",
        OUTPUT_POINTS="TEMPORARY_OUTPUT",
    )
    assert len(finished) == 2  # memory layers: the sink path
    for key in ("OUTPUT_SEGMENTS", "OUTPUT_POINTS"):
        names_g, feats_g = _features(_layer(bulk[key]))
        names_m, feats_m = _features(mem[key])
        assert names_g == names_m and len(feats_g) == len(feats_m) > 100
        assert feats_g == feats_m
    assert QgsWkbTypes.hasM(_layer(bulk["OUTPUT_SEGMENTS"]).wkbType())
