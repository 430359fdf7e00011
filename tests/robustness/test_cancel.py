"""A cancelled run writes nothing and says so, at any stage (issue 25).

Each algorithm runs with a feedback that cancels itself when the progress bar first reaches a given value: at the
start (1), during the engine's work (50) and where the outputs are written (85 to 99). Every run cancelled before
the bar is full must fail with "Cancelled" and leave no output layer file, no report, no embeddings file, and an
existing model file at MODEL_FILE byte for byte as it was. The small set-ups are those of
tests/processing/test_progress_scale.py (one module-wide folder with the simulated layers and trained models)."""

import os
import shutil

import pytest
from qgis.core import QgsProcessingException, QgsProcessingFeedback

from tests.processing import test_progress_scale as scale

#: the bytes of the model file a training run finds at MODEL_FILE: a cancelled run must leave them as they are
OLD_MODEL = b"an existing model file the cancelled run must not touch"
#: progress values at which the feedback cancels: start, work, and the writing stage
AT = (1.0, 50.0, 85.0, 90.0, 92.0, 95.0, 97.0, 99.0)


class CancelAt(QgsProcessingFeedback):
    """Cancels itself when the progress first reaches ``at``; ``fired`` is the progress value it cancelled at."""

    def __init__(self, at):
        super().__init__()
        self.at = at
        self.fired = None
        self.progressChanged.connect(self._progress)

    def _progress(self, value):
        if self.fired is None and value >= self.at:
            self.fired = value
            self.cancel()


@pytest.fixture(scope="module")
def ready(provider, tmp_path_factory):
    """The shared layers and trained models (test_progress_scale's runs, not cancelled)."""
    r = scale.Runs(tmp_path_factory.mktemp("cancel"))
    r.sim(), r.lymob()
    models = {
        "e2dtc": scale._e2dtc(r)[1]["MODEL_FILE"],
        "crotad": scale._crotad(r)[1]["MODEL_FILE"],
        "mobility": scale._mobility(r)[1]["MODEL_FILE"],
        "metatrl": scale._metatrl(r)[1]["MODEL_FILE"],
    }
    return r, models


def _params(alg, r, models, d):
    """(parameters writing every output under the folder ``d``, whether MODEL_FILE is written by the run)."""
    sim, lymob = r.sim(), r.lymob()
    out = str(d / "out.gpkg")
    report = str(d / "report.html")
    if alg == "crotaddetect":
        return {
            **sim,
            "OD_FIELD": "od_id",
            "MODEL_FILE": models["crotad"],
            "OUTPUT_SEGMENTS": out,
            "OUTPUT_POINTS": str(d / "points.gpkg"),
            "OUTPUT_REPORT": report,
        }, False
    if alg == "mobilityembedtrain":
        net = {"EPOCHS": 6, "D_MODEL": 16, "HEADS": 2, "LSTM_HIDDEN": 16, "VALIDATION_USERS": 0.25}
        return {**lymob, **net, "MODEL_FILE": str(d / "model.mobemb"), "OUTPUT_REPORT": report}, True
    if alg == "mobilityembed":
        return {**lymob, "MODEL_FILE": models["mobility"], "OUTPUT": out, "EMBEDDINGS_FILE": str(d / "e.npy")}, False
    if alg == "mapmatch":
        return {**sim, "ROAD_NETWORK": r.path("roads.gpkg"), "OUTPUT": out}, False
    if alg == "metatrltrain":
        small = {"D_MODEL": 16, "N_HEADS": 2, "LAYERS": 1, "GAT_LAYERS": 1, "N_BUCKETS": 8, "MAX_LEN": 32}
        params = {"TARGET": sim["INPUT"], "TRAJ_ID_FIELD": "traj_id", "TIME_FIELD": "time", **small, "BATCH_SIZE": 16}
        params.update(UNIT=1, RESOLUTION=10, TARGET_EPOCHS=2, META_EPOCHS=1, SEED=3)
        return {**params, "MODEL_FILE": str(d / "model.metatrl"), "OUTPUT_REPORT": report}, True
    if alg == "metatrlembed":
        return {**sim, "MODEL_FILE": models["metatrl"], "OUTPUT": out, "EMBEDDINGS_FILE": str(d / "e.csv")}, False
    if alg == "e2dtctrain":
        fast = {"CELL_SIZE": 200, "PRETRAIN_EPOCHS": 3, "SELFTRAIN_EPOCHS": 2, "BATCH_SIZE": 32, "N_CLUSTERS": 3}
        return {
            **sim,
            **fast,
            "SEED": 1,
            "MODEL_FILE": str(d / "model.e2dtc"),
            "OUTPUT": out,
            "OUTPUT_REPORT": report,
        }, True
    if alg == "discretizegrid":
        return {
            **sim,
            "CELL_SIZE": 300,
            "OUTPUT_CELLS": out,
            "OUTPUT_SEQUENCES": str(d / "seq.gpkg"),
            "OUTPUT_VOCAB": str(d / "vocab.json"),
        }, False
    assert alg == "eco"
    return {
        "INPUT": scale._eco_stream(),
        "TRAJ_ID_FIELD": "vehicle",
        "TIME_FIELD": "time",
        "EPS": 300,
        "MIN_PTS": 4,
        "DELTA": 250,
        "RHO": 4,
        "OUTPUT": out,
        "OUTPUT_EVENTS": str(d / "events.gpkg"),
        "OUTPUT_STEPS": str(d / "steps.gpkg"),
    }, False


ALGORITHMS = (
    "crotaddetect",
    "mobilityembedtrain",
    "mobilityembed",
    "mapmatch",
    "metatrltrain",
    "metatrlembed",
    "e2dtctrain",
    "discretizegrid",
    "eco",
)


def _run(alg, params, at):
    """(the feedback, the error message or None) of ``alg`` run with a feedback cancelling at ``at``."""
    import processing
    from qgis.core import QgsProcessingContext, QgsProject

    fb = CancelAt(at)
    ctx = QgsProcessingContext()
    ctx.setProject(QgsProject.instance())
    try:
        processing.run(f"deeptraj:{alg}", params, feedback=fb, context=ctx)
    except QgsProcessingException as e:
        return fb, str(e)
    return fb, None


@pytest.mark.parametrize("at", AT)
@pytest.mark.parametrize("alg", ALGORITHMS)
def test_a_cancelled_run_writes_nothing(ready, tmp_path, alg, at):
    r, models = ready
    params, trains = _params(alg, r, models, tmp_path)
    model = tmp_path / os.path.basename(params["MODEL_FILE"]) if trains else None
    if trains:
        model.write_bytes(OLD_MODEL)
    fb, error = _run(alg, params, at)
    assert fb.fired is not None, f"{alg}: the bar never reached {at}"
    if fb.fired >= 100.0:  # cancelled when the bar was full: the run had finished
        return
    assert error is not None, f"{alg}: cancelled at {fb.fired:.1f} % but the run completed"
    assert "Cancelled by the user: no output was written." in error, error
    left = sorted(p.name for p in tmp_path.iterdir() if p != model)
    assert not left, f"{alg}: cancelled at {fb.fired:.1f} % but these files remain: {left}"
    if trains:
        assert model.read_bytes() == OLD_MODEL, f"{alg}: cancelled at {fb.fired:.1f} % but MODEL_FILE changed"


def test_a_cancel_before_writing_leaves_an_existing_layer_file_as_it_was(ready, tmp_path):
    r, models = ready
    params, _ = _params("mobilityembed", r, models, tmp_path)
    shutil.copy(r.path("sim.gpkg"), params["OUTPUT"])
    before = (tmp_path / "out.gpkg").read_bytes()
    fb, error = _run("mobilityembed", params, 50.0)
    assert fb.fired < 80.0 and "no output was written" in error
    assert (tmp_path / "out.gpkg").read_bytes() == before


def test_a_cancel_while_writing_over_an_existing_layer_file_says_so(ready, tmp_path):
    """QGIS overwrites the file when the sink is created: the partial layer is removed and the message says so."""
    r, models = ready
    params, _ = _params("mobilityembed", r, models, tmp_path)
    shutil.copy(r.path("sim.gpkg"), params["OUTPUT"])
    fb, error = _run("mobilityembed", params, 97.0)
    assert 97.0 <= fb.fired < 100.0
    assert error.startswith("Cancelled by the user while writing") and "out.gpkg" in error, error
    assert sorted(p.name for p in tmp_path.iterdir()) == []
