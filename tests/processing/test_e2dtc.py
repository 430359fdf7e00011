"""deeptraj:e2dtctrain / deeptraj:e2dtcapply through Processing on the simulated sample: the route clusters are
found, apply reproduces training, token-sequence input, cancel, report, bad input."""

import time

import numpy as np
import pytest
from qgis.core import QgsProcessingException, QgsProcessingFeedback, QgsVectorLayer

from tests.layers import WarningFeedback

TRAIN, APPLY = "deeptraj:e2dtctrain", "deeptraj:e2dtcapply"
FAST = {"PRETRAIN_EPOCHS": 4, "SELFTRAIN_EPOCHS": 2, "BATCH_SIZE": 64, "SEED": 1}


def _train_params(layer, model, output, **extra):
    """e2dtctrain parameters on trajectory points (traj_id, time): 200 m cells, the FAST schedule (extra may change
    it), the model written to model and the clusters to output."""
    return {
        "INPUT": layer,
        "TRAJ_ID_FIELD": "traj_id",
        "TIME_FIELD": "time",
        "CELL_SIZE": 200,
        "MODEL_FILE": str(model),
        "OUTPUT": output,
        **FAST,
        **extra,
    }


@pytest.fixture(scope="module")
def sim_trips(tmp_path_factory):
    """Simulated trips between 4 OD pairs (points with traj_id, time, od_id): the GeoPackage's path."""
    import processing
    from qgis.core import QgsProcessingContext

    d = tmp_path_factory.mktemp("e2dtc")
    path = d / "sim.gpkg"
    processing.run(
        "deeptraj:simulatetrajectories",
        {"N_TRAJECTORIES": 160, "N_OD_PAIRS": 4, "SEED": 5, "OUTPUT": str(path)},
        feedback=QgsProcessingFeedback(),
        context=QgsProcessingContext(),
    )
    assert QgsVectorLayer(str(path), "sim", "ogr").featureCount() > 1000
    return str(path)  # a path, not a layer object: layers held by module fixtures outlive their GDAL handle


def _features(path):
    vl = QgsVectorLayer(str(path), "out", "ogr")
    assert vl.isValid()
    return {f["traj_id"]: f for f in vl.getFeatures()}


@pytest.fixture(scope="module")
def trained(provider, sim_trips, tmp_path_factory):
    import processing
    from qgis.core import QgsProcessingContext

    d = tmp_path_factory.mktemp("trained")
    params = _train_params(
        sim_trips,
        d / "m.e2dtc",
        str(d / "clusters.gpkg"),
        N_CLUSTERS=4,
        GROUND_TRUTH_FIELD="od_id",
        OUTPUT_REPORT=str(d / "report.html"),
    )
    res = processing.run(TRAIN, params, feedback=QgsProcessingFeedback(), context=QgsProcessingContext())
    return res, d


def test_train_finds_the_od_clusters_and_writes_model_layer_and_report(trained):
    res, d = trained
    assert res["N_TRAJECTORIES"] == 160 and res["N_CLUSTERS"] == 4 and sum(res["CLUSTER_SIZES"]) == 160
    assert res["UACC"] > 0.8 and res["NMI"] > 0.6, res  # chance is about 0.25-0.4
    assert res["UACC_PRETRAIN_KMEANS"] > 0.6 and res["N_SCORED"] == 160  # measured 1.0
    feats = _features(res["OUTPUT"])
    assert len(feats) == 160
    f = next(iter(feats.values()))
    assert 0 <= f["cluster"] < 4 and f["confidence"] <= 1.0 and f["n_tokens"] >= 1
    # clear-cut assignments: the mean largest q is well above the 1/4 any soft assignment over 4 clusters has
    assert np.mean([g["confidence"] for g in feats.values()]) > 0.6  # measured 0.85
    assert f["gt_label"] is not None
    html = (d / "report.html").read_text()
    assert "UACC" in html and "<svg" in html and "Pre-training" in html
    assert (d / "m.e2dtc").stat().st_size > 10_000


def test_apply_reproduces_training_assignments(run_alg, trained, sim_trips, tmp_path):
    res, d = trained
    out = run_alg(
        APPLY,
        {
            "MODEL_FILE": res["MODEL_FILE"],
            "INPUT": sim_trips,
            "TRAJ_ID_FIELD": "traj_id",
            "TIME_FIELD": "time",
            "OUTPUT": str(tmp_path / "applied.gpkg"),
        },
    )
    applied = _features(out["OUTPUT"])
    train = _features(res["OUTPUT"])
    assert set(applied) == set(train)
    assert all(applied[t]["cluster"] == train[t]["cluster"] for t in train)
    assert np.allclose([applied[t]["confidence"] for t in train], [train[t]["confidence"] for t in train], atol=1e-3)


def test_train_on_token_sequences_with_vocabulary(run_alg, sim_trips, tmp_path):
    disc = run_alg(
        "deeptraj:discretizegrid",
        {
            "INPUT": sim_trips,
            "TRAJ_ID_FIELD": "traj_id",
            "TIME_FIELD": "time",
            "CELL_SIZE": 200,
            "OUTPUT_CELLS": "TEMPORARY_OUTPUT",
            "OUTPUT_SEQUENCES": str(tmp_path / "seq.gpkg"),
            "OUTPUT_VOCAB": str(tmp_path / "v.json"),
        },
    )
    seq = QgsVectorLayer(disc["OUTPUT_SEQUENCES"], "seq", "ogr")
    res = run_alg(
        TRAIN,
        {
            "INPUT": disc["OUTPUT_SEQUENCES"],
            "TRAJ_ID_FIELD": "traj_id",
            "VOCAB": str(tmp_path / "v.json"),
            "N_CLUSTERS": 4,
            "MODEL_FILE": str(tmp_path / "s.e2dtc"),
            "OUTPUT": str(tmp_path / "c.gpkg"),
            **dict(FAST, PRETRAIN_EPOCHS=1, SELFTRAIN_EPOCHS=1),
        },
    )
    feats = _features(res["OUTPUT"])
    seq_tokens = {f["traj_id"]: f["n_tokens"] for f in seq.getFeatures()}
    assert {t: f["n_tokens"] for t, f in feats.items()} == seq_tokens  # the tokens were used as they are


def test_cancel_mid_training_leaves_no_model_file(run_alg, sim_trips, tmp_path):
    fb = QgsProcessingFeedback()
    seen = []

    def on_progress(p):
        seen.append(p)
        if p > 20 and not fb.isCanceled():
            seen.append(time.perf_counter())
            fb.cancel()

    fb.progressChanged.connect(on_progress)
    model = tmp_path / "m.e2dtc"
    t0 = time.perf_counter()
    with pytest.raises(QgsProcessingException, match="[Cc]ancel"):
        run_alg(
            TRAIN,
            _train_params(sim_trips, model, str(tmp_path / "c.gpkg"), N_CLUSTERS=4, PRETRAIN_EPOCHS=50),
            feedback=fb,
        )
    assert fb.isCanceled() and time.perf_counter() - t0 < 60
    assert not model.exists() and not (tmp_path / "c.gpkg").exists()
    assert not list(tmp_path.glob("*.tmp-*"))


def test_bad_input_gives_clear_errors(run_alg, trained, sim_trips, tmp_path):
    res, _ = trained
    base = _train_params(sim_trips, tmp_path / "m.e2dtc", "TEMPORARY_OUTPUT")
    with pytest.raises(
        QgsProcessingException, match="N_CLUSTERS.*larger than the number of trajectories \\(160\\).*lower N_CLUSTERS"
    ):
        run_alg(TRAIN, {**base, "N_CLUSTERS": 500})
    with pytest.raises(QgsProcessingException, match="same cell sequence"):
        run_alg(TRAIN, {**base, "N_CLUSTERS": 2, "CELL_SIZE": 100000})  # everything in one cell
    with pytest.raises(QgsProcessingException, match="HIDDEN_SIZE"):
        run_alg(TRAIN, {**base, "N_CLUSTERS": 2, "HIDDEN_SIZE": 31})
    with pytest.raises(QgsProcessingException, match="GROUND_TRUTH_FIELD|field"):
        run_alg(TRAIN, {**base, "N_CLUSTERS": 2, "GROUND_TRUTH_FIELD": "nope"})
    junk = tmp_path / "junk.e2dtc"
    junk.write_bytes(b"not a model")
    apply = {"INPUT": sim_trips, "TRAJ_ID_FIELD": "traj_id", "TIME_FIELD": "time", "OUTPUT": "TEMPORARY_OUTPUT"}
    with pytest.raises(QgsProcessingException, match="MODEL_FILE.*not a DeepTraj model"):
        run_alg(APPLY, {**apply, "MODEL_FILE": str(junk)})
    vocab = tmp_path / "h3.json"
    run_alg(
        "deeptraj:discretizeh3",
        {
            "INPUT": sim_trips,
            "TRAJ_ID_FIELD": "traj_id",
            "TIME_FIELD": "time",
            "OUTPUT_CELLS": "TEMPORARY_OUTPUT",
            "OUTPUT_SEQUENCES": "TEMPORARY_OUTPUT",
            "OUTPUT_VOCAB": str(vocab),
        },
    )
    with pytest.raises(QgsProcessingException, match="VOCAB.*H3"):
        run_alg(TRAIN, {**base, "N_CLUSTERS": 2, "VOCAB": str(vocab)})
    assert not (tmp_path / "m.e2dtc").exists()


def test_ground_truth_counts_only_centres_that_hold_trajectories(run_alg, sim_trips):
    """A centre far from every trip labels nothing: N_NONEMPTY_CLUSTERS (the k to cluster with) leaves it out and
    the log says so; the OD clusters' own centres each hold trajectories."""
    from qgis.core import QgsFeature, QgsGeometry, QgsPointXY, QgsVectorLayer

    trips = QgsVectorLayer(sim_trips, "sim", "ogr")
    starts = {}
    for f in trips.getFeatures():
        starts.setdefault(f["od_id"], f.geometry().asPoint())
    centres = QgsVectorLayer(f"Point?crs={trips.crs().authid()}", "centres", "memory")
    ext = trips.extent()
    far = QgsPointXY(ext.xMaximum() + 5 * ext.width(), ext.yMaximum() + 5 * ext.height())
    feats = []
    for p in [starts[k] for k in sorted(starts)] + [far]:
        f = QgsFeature()
        f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(p)))
        feats.append(f)
    centres.dataProvider().addFeatures(feats)
    fb = WarningFeedback()
    res = run_alg(
        "deeptraj:groundtruthclusters",
        {
            "INPUT": sim_trips,
            "TRAJ_ID_FIELD": "traj_id",
            "TIME_FIELD": "time",
            "CENTERS": centres,
            "RADIUS_RATIO": 0.3,
            "FALLEN_THRESHOLD": 0.2,
            "OUTPUT": "TEMPORARY_OUTPUT",
        },
        feedback=fb,
    )
    assert res["N_CLUSTERS"] == len(starts) + 1 and res["CLUSTER_SIZES"][-1] == 0
    assert res["N_NONEMPTY_CLUSTERS"] == sum(1 for c in res["CLUSTER_SIZES"] if c) <= len(starts)
    assert res["N_NONEMPTY_CLUSTERS"] >= 2
    assert any("hold no trajectory" in m and f"N_CLUSTERS = {res['N_NONEMPTY_CLUSTERS']}" in m for m in fb.warnings)


def test_pretrain_input_adds_trajectories_to_pre_training_only(run_alg, sim_trips, tmp_path):
    """PRETRAIN_INPUT: t2vec learns from the whole layer, only INPUT is clustered and written; trips in both layers
    are counted once; a field the extra layer lacks is named in the error."""
    sub = run_alg(
        "native:extractbyexpression",
        {"INPUT": sim_trips, "EXPRESSION": '"od_id" IN (0, 1)', "OUTPUT": str(tmp_path / "sub.gpkg")},
    )["OUTPUT"]
    n_sub = len({f["traj_id"] for f in QgsVectorLayer(sub, "sub", "ogr").getFeatures()})
    base = _train_params(
        sub,
        tmp_path / "m.e2dtc",
        str(tmp_path / "c.gpkg"),
        N_CLUSTERS=2,
        GROUND_TRUTH_FIELD="od_id",
        SELFTRAIN_EPOCHS=1,
    )
    fb = WarningFeedback()
    res = run_alg(TRAIN, {**base, "PRETRAIN_INPUT": sim_trips}, feedback=fb)
    assert 40 < n_sub < 160 and res["N_TRAJECTORIES"] == n_sub and res["N_PRETRAIN"] == 160
    assert len(_features(res["OUTPUT"])) == n_sub and res["UACC"] > 0.9
    assert any(f"{n_sub} trajectories are also in INPUT" in m for m in fb.infos)
    from deeptraj.models.e2dtc.model import E2DTC

    assert E2DTC.load(res["MODEL_FILE"]).history_["n_pretrain"] == 160
    t2vec = run_alg(
        "deeptraj:classicclustering",
        {
            "INPUT": sub,
            "TRAJ_ID_FIELD": "traj_id",
            "TIME_FIELD": "time",
            "METHOD": 5,
            "N_CLUSTERS": 2,
            "PRETRAIN_EPOCHS": 1,
            "PRETRAIN_INPUT": sim_trips,
            "OUTPUT": "TEMPORARY_OUTPUT",
        },
    )
    assert t2vec["N_TRAJECTORIES"] == n_sub
    points_only = run_alg(
        "native:deletecolumn", {"INPUT": sim_trips, "COLUMN": ["time"], "OUTPUT": "TEMPORARY_OUTPUT"}
    )["OUTPUT"]
    with pytest.raises(
        QgsProcessingException, match="PRETRAIN_TIME_FIELD: the field .time. does not exist in the PRETRAIN_INPUT layer"
    ):
        run_alg(TRAIN, {**base, "PRETRAIN_INPUT": points_only, "PRETRAIN_TIME_FIELD": "time"})


def test_ground_truth_lines_go_to_a_geopackage_in_bulk_with_the_sink_path_content(
    run_alg, sim_trips, tmp_path, monkeypatch
):
    """A .gpkg OUTPUT is written by the bulk GeoPackage writer (not one QgsFeature per line) and holds what the
    feature path writes to a temporary layer: the same trajectories, attributes and LineStringM vertices."""
    from deeptraj.processing_provider import gpkg_writer

    calls = []
    add_lines = gpkg_writer.GpkgLayerWriter.add_lines

    def spy(self, offsets, *args, **kwargs):
        calls.append(len(offsets) - 1)
        return add_lines(self, offsets, *args, **kwargs)

    monkeypatch.setattr(gpkg_writer.GpkgLayerWriter, "add_lines", spy)
    params = {"INPUT": sim_trips, "TRAJ_ID_FIELD": "traj_id", "TIME_FIELD": "time", "N_CENTERS": 4}
    layers = {}
    for keep in (False, True):
        bulk = run_alg(
            "deeptraj:groundtruthclusters",
            {**params, "KEEP_UNASSIGNED": keep, "OUTPUT": str(tmp_path / f"gt{keep}.gpkg")},
        )
        sink = run_alg(
            "deeptraj:groundtruthclusters", {**params, "KEEP_UNASSIGNED": keep, "OUTPUT": "TEMPORARY_OUTPUT"}
        )
        layers[keep] = []
        for out in (bulk["OUTPUT"], sink["OUTPUT"]):
            vl = out if isinstance(out, QgsVectorLayer) else QgsVectorLayer(out, "gt", "ogr")
            layers[keep].append(
                {
                    f["traj_id"]: (f["gt_label"], f["fallen_rate"], f["n_points"], f.geometry().asWkt(3))
                    for f in vl.getFeatures()
                }
            )
        assert layers[keep][0] == layers[keep][1]
        assert "LineStringM" in next(iter(layers[keep][0].values()))[3]
    assert len(layers[True][0]) == 160 > len(layers[False][0]) > 0
    assert sum(calls) == len(layers[False][0]) + len(layers[True][0])


def test_bulk_line_vertices_double_a_one_point_trajectory():
    """As layer_io.line_geometry does for the feature path: a one-point trajectory is a line of two equal vertices."""
    from deeptraj.processing_provider.e2dtc.io import _line_vertices

    offsets, pts = _line_vertices(np.array([0, 1, 4, 5]), np.array([2, 0, 1]))
    assert offsets.tolist() == [0, 2, 4, 7] and pts.tolist() == [4, 4, 0, 0, 1, 2, 3]
