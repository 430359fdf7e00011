"""deeptraj:mobilityembedtrain / mobilityembed on a simulated LYMob-format file run through the importer: model,
report, an explorer-ready line layer with PCA coordinates and embeddings; unseen users; bad inputs; cancel."""

import json

import numpy as np
import pytest
from qgis.core import QgsProcessingException, QgsProcessingFeedback, QgsVectorLayer

from ..layers import WarningFeedback, point_layer

TRAIN, EMBED = "deeptraj:mobilityembedtrain", "deeptraj:mobilityembed"


@pytest.fixture(scope="module")
def lymob_gpkg(tmp_path_factory):
    """40 simulated commuters over 14 days (users 32..39 masked on their last 3 days) imported as points."""
    import processing

    from deeptraj.models.core.readers.lymob import write_lymob_csv
    from deeptraj.models.synthetic.lymob import simulate_lymob

    d = tmp_path_factory.mktemp("mob")
    sample = simulate_lymob(n_users=40, n_days=14, grid_size=80, seed=5)
    write_lymob_csv(d / "lymob.csv", *sample.columns())
    out = str(d / "lymob.gpkg")
    res = processing.run(
        "deeptraj:importtrajectories",
        {
            "FILE": str(d / "lymob.csv"),
            "FORMAT": 3,
            "CRS": "EPSG:32654",
            "ORIGIN_X": 300000,
            "ORIGIN_Y": 3900000,
            "OUTPUT": out,
        },
    )
    assert res["N_SKIPPED_MASKED"] > 0
    return out


def _train_params(src, folder, **extra):
    """mobilityembedtrain parameters of these tests: a small network, 3 epochs, model and report in folder."""
    return {
        "INPUT": src,
        "USER_FIELD": "uid",
        "TIME_FIELD": "time",
        "EPOCHS": 3,
        "D_MODEL": 32,
        "HEADS": 4,
        "LSTM_HIDDEN": 32,
        "VALIDATION_USERS": 0.2,
        "MODEL_FILE": str(folder / "m.mobemb"),
        "OUTPUT_REPORT": str(folder / "r.html"),
        **extra,
    }


def _train(run_alg, src, tmp_path, **extra):
    return run_alg(TRAIN, _train_params(src, tmp_path, **extra))


@pytest.fixture(scope="module")
def trained(lymob_gpkg, tmp_path_factory, provider):
    import processing

    d = tmp_path_factory.mktemp("model")
    return processing.run(TRAIN, _train_params(lymob_gpkg, d, EPOCHS=4))


def test_train_writes_model_and_report_with_out_of_sample_figures(trained):
    res = trained
    assert res["N_USERS"] == 40 and res["N_VALIDATION_USERS"] == 8 and res["EMBEDDING_SIZE"] == 64
    assert res["N_SEQUENCES"] > 400
    # on held-out users the model predicts the next location far better than chance and at least as well as the
    # most-frequent-location baseline
    assert res["ACC1_MODEL"] > 0.5 and res["ACC5_MODEL"] >= res["ACC1_MODEL"]
    assert res["ACC1_MODEL"] > res["ACC1_MOST_FREQUENT"] and res["ACC1_MODEL"] > res["ACC1_MARKOV"]
    assert 0 < res["PCA_EXPLAINED_2"] < 0.97
    html = open(res["OUTPUT_REPORT"], encoding="utf-8").read()
    for text in (
        "Next location on held-out users",
        "most_frequent",
        "markov",
        "re-identification",
        "PCA after standardisation",
        "validation loss",
    ):
        assert text in html
    from deeptraj.models.mobility.model import MobilityEmbedder

    meta, _ = MobilityEmbedder.read_meta(res["MODEL_FILE"])
    assert meta["algorithm"] == "mobility" and meta["extra"]["settings"]["tz_offset_s"] == 0  # LYMob: UTC
    assert meta["extra"]["settings"]["crs"] == "EPSG:32654"


def test_embed_writes_explorer_ready_lines(run_alg, trained, lymob_gpkg, tmp_path):
    res = run_alg(
        EMBED,
        {
            "MODEL_FILE": trained["MODEL_FILE"],
            "INPUT": lymob_gpkg,
            "USER_FIELD": "uid",
            "TIME_FIELD": "time",
            "OUTPUT": str(tmp_path / "emb.gpkg"),
            "EMBEDDINGS_FILE": str(tmp_path / "emb.npy"),
        },
    )
    layer = QgsVectorLayer(res["OUTPUT"], "emb", "ogr")
    n = res["N_SEQUENCES"]
    assert layer.featureCount() == n == trained["N_SEQUENCES"]
    names = layer.fields().names()
    for f in ("group_id", "user", "day", "dow", "n_points", "PCA_1", "PCA_2", "e000", "e063"):
        assert f in names
    emb = np.load(res["EMBEDDINGS_FILE"])
    assert emb.shape == (n, 64)
    feats = list(layer.getFeatures())
    got = np.array([[f[f"e{i:03d}"] for i in range(64)] for f in feats])
    assert np.allclose(got, emb, atol=1e-6)
    assert abs(np.mean([f["PCA_1"] for f in feats])) < 1e-6  # PCA of standardised embeddings
    assert len(res["EXPLAINED_VARIANCE"]) == 10 and res["PCA_EXPLAINED_2"] < 0.97
    f0 = feats[0]
    assert f0["group_id"] == f"{f0['user']}_{f0['day']}"
    assert f0.geometry().constGet().numPoints() == f0["n_points"]  # the day's points, in time order
    # deterministic: embedding again gives the same numbers; JSON format carries the same values
    res2 = run_alg(
        EMBED,
        {
            "MODEL_FILE": trained["MODEL_FILE"],
            "INPUT": lymob_gpkg,
            "USER_FIELD": "uid",
            "TIME_FIELD": "time",
            "EMBEDDING_FORMAT": 1,
            "OUTPUT": str(tmp_path / "emb2.gpkg"),
        },
    )
    f2 = next(QgsVectorLayer(res2["OUTPUT"], "e2", "ogr").getFeatures())
    assert np.allclose(json.loads(f2["embedding"]), emb[0], atol=1e-5)


def test_unseen_users_embed_with_the_stored_settings(run_alg, trained, tmp_path):
    """Users that never existed in training (other ids, other days) get embeddings; the stored grouping applies."""
    import datetime as dt

    rng = np.random.default_rng(1)
    rows = []
    for u in (1001, 1002):
        for day in range(2):
            for slot in range(0, 48, 4):
                sec = 1704067200 + (20 + day) * 86400 + slot * 1800
                rows.append(
                    (
                        310000 + rng.normal(0, 500),
                        3910000 + rng.normal(0, 500),
                        {"uid": u, "time": dt.datetime.utcfromtimestamp(sec).isoformat()},
                    )
                )
    path = str(tmp_path / "new.gpkg")
    _save(point_layer(rows, [("uid", int), ("time", str)], crs="EPSG:32654"), path)
    res = run_alg(
        EMBED,
        {
            "MODEL_FILE": trained["MODEL_FILE"],
            "INPUT": path,
            "USER_FIELD": "uid",
            "TIME_FIELD": "time",
            "EMBEDDING_FORMAT": 2,
            "OUTPUT": "TEMPORARY_OUTPUT",
        },
    )
    assert res["N_SEQUENCES"] == 4 and res["N_USERS"] == 2
    feats = list(res["OUTPUT"].getFeatures())
    assert sorted(f["group_id"] for f in feats)[0] == "1001_2024-01-21"
    assert all(f["n_records"] == 12 for f in feats)


def test_data_from_another_area_is_embedded_with_a_warning(run_alg, trained, tmp_path):
    """The same two users' days inside the training area embed quietly; moved 2,000 km away, the run warns with the
    share of known locations and the distance."""
    import datetime as dt

    rng = np.random.default_rng(2)
    warned = {}
    for name, dy in (("home", 0.0), ("away", 2_000_000.0)):
        rows = []
        for u in (1, 2):
            for slot in range(0, 48, 3):
                sec = 1704067200 + 86400 + slot * 1800
                xy = (310000 + rng.normal(0, 300), 3910000 + dy + rng.normal(0, 300))
                rows.append((*xy, {"uid": u, "time": dt.datetime.utcfromtimestamp(sec).isoformat()}))
        path = str(tmp_path / f"{name}.gpkg")
        _save(point_layer(rows, [("uid", int), ("time", str)], crs="EPSG:32654"), path)
        fb = WarningFeedback()
        params = {"MODEL_FILE": trained["MODEL_FILE"], "INPUT": path, "USER_FIELD": "uid", "TIME_FIELD": "time",
                  "OUTPUT": "TEMPORARY_OUTPUT"}  # fmt: skip
        assert run_alg(EMBED, params, feedback=fb)["N_SEQUENCES"] == 2
        warned[name] = [w for w in fb.warnings if "locations MODEL_FILE was trained on" in w]
    assert warned["home"] == [], warned["home"][0][:400]
    assert len(warned["away"]) == 1 and "Only 0.0% of the records" in warned["away"][0]
    km = float(warned["away"][0].split("centre is ")[1].split(" km")[0].replace(",", ""))
    assert 1900 < km < 2100


def _save(layer, path):
    from qgis.core import QgsVectorFileWriter

    err = QgsVectorFileWriter.writeAsVectorFormat(layer, path, "utf-8", layer.crs(), "GPKG")
    assert err[0] == QgsVectorFileWriter.NoError


def test_bad_inputs_say_what_to_fix(run_alg, trained, tmp_path):
    import datetime as dt

    # one point per user-day: nothing to learn from
    rows = [
        (
            310000 + 100 * i,
            3910000,
            {"uid": i % 3, "time": dt.datetime.utcfromtimestamp(1704067200 + i * 86400).isoformat()},
        )
        for i in range(9)
    ]
    path = str(tmp_path / "one.gpkg")
    _save(point_layer(rows, [("uid", int), ("time", str)], crs="EPSG:32654"), path)
    with pytest.raises(QgsProcessingException, match="no user-day has at least 2 records.*resampling interval"):
        _train(run_alg, path, tmp_path)
    with pytest.raises(QgsProcessingException, match="USER_FIELD"):
        _train(run_alg, path, tmp_path, USER_FIELD=None)
    with pytest.raises(QgsProcessingException, match="TRAJ_ID_FIELD"):
        _train(run_alg, path, tmp_path, GROUP_BY=1)
    with pytest.raises(QgsProcessingException, match="MODEL_FILE.*not a DeepTraj model"):
        bogus = tmp_path / "bogus.mobemb"
        bogus.write_text("not a model")
        run_alg(
            EMBED,
            {
                "MODEL_FILE": str(bogus),
                "INPUT": path,
                "USER_FIELD": "uid",
                "TIME_FIELD": "time",
                "OUTPUT": "TEMPORARY_OUTPUT",
            },
        )
    assert trained  # the module model is still there


def test_zero_epochs_writes_an_untrained_baseline_with_a_warning(run_alg, lymob_gpkg, tmp_path):
    fb = WarningFeedback()
    res = run_alg(TRAIN, _train_params(lymob_gpkg, tmp_path, EPOCHS=0), feedback=fb)
    assert res["EPOCHS_RUN"] == 0 and res["TRAINING_BATCHES"] == 0
    assert any(w.startswith("EPOCHS 0: the model is not trained") for w in fb.warnings)
    quiet = WarningFeedback()
    run_alg(TRAIN, _train_params(lymob_gpkg, tmp_path, EPOCHS=1), feedback=quiet)
    assert not any("EPOCHS 0" in w for w in quiet.warnings)


def test_sizes_must_fit_the_heads(run_alg, lymob_gpkg, tmp_path):
    with pytest.raises(QgsProcessingException, match="multiple of HEADS"):
        _train(run_alg, lymob_gpkg, tmp_path, D_MODEL=30, HEADS=4)


def test_cancel_stops_training_without_a_model(run_alg, lymob_gpkg, tmp_path):
    class CancelSoon(QgsProcessingFeedback):
        def setProgress(self, p):  # noqa: N802
            super().setProgress(p)
            if p > 6:
                self.cancel()

    with pytest.raises(QgsProcessingException, match="Cancelled"):
        run_alg(
            TRAIN,
            {
                "INPUT": lymob_gpkg,
                "USER_FIELD": "uid",
                "TIME_FIELD": "time",
                "EPOCHS": 50,
                "MODEL_FILE": str(tmp_path / "c.mobemb"),
            },
            feedback=CancelSoon(),
        )
    assert not (tmp_path / "c.mobemb").exists()


def test_all_masked_users_are_dropped_and_an_all_masked_file_is_refused(run_alg, tmp_path):
    """LYMob rows with x = y = 999 are hidden records: a user with only those has no points (counted by the
    importer, absent from the embeddings); a file with only masked rows is refused with a message saying so."""
    from deeptraj.models.core.readers.lymob import write_lymob_csv

    uid, d, t, x, y = [], [], [], [], []
    for day in range(2):
        for slot in range(10, 40, 3):
            for u, cx in ((1, 999), (2, 20 + slot % 7)):
                uid.append(u)
                d.append(day)
                t.append(slot)
                x.append(cx)
                y.append(999 if cx == 999 else 30)
    write_lymob_csv(tmp_path / "m.csv", uid, d, t, x, y)
    imp = run_alg(
        "deeptraj:importtrajectories",
        {"FILE": str(tmp_path / "m.csv"), "FORMAT": 3, "CRS": "EPSG:32654", "OUTPUT": str(tmp_path / "m.gpkg")},
    )
    assert imp["N_SKIPPED_MASKED"] == 20 and imp["N_TRAJECTORIES"] == 1
    res = _train(run_alg, imp["OUTPUT"], tmp_path, EPOCHS=1)
    assert res["N_USERS"] == 1 and res["N_SEQUENCES"] == 2 and res["N_VALIDATION_USERS"] == 0
    emb = run_alg(
        EMBED,
        {
            "MODEL_FILE": res["MODEL_FILE"],
            "INPUT": imp["OUTPUT"],
            "USER_FIELD": "uid",
            "TIME_FIELD": "time",
            "EMBEDDING_FORMAT": 2,
            "OUTPUT": "TEMPORARY_OUTPUT",
        },
    )
    assert {f["user"] for f in emb["OUTPUT"].getFeatures()} == {"2"}
    write_lymob_csv(tmp_path / "all.csv", [1, 1], [0, 0], [1, 2], [999, 999], [999, 999])
    with pytest.raises(QgsProcessingException, match="no point could be read.*masked"):
        run_alg(
            "deeptraj:importtrajectories",
            {"FILE": str(tmp_path / "all.csv"), "FORMAT": 3, "CRS": "EPSG:32654", "OUTPUT": "TEMPORARY_OUTPUT"},
        )
