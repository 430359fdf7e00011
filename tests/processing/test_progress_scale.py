"""One progress scale per run (issue 23, point 6): reading, the engine's work and writing share one bar that never
goes back and ends at 100, and training moves it while the engine runs (qgis_process shows only that bar).

Every algorithm runs on small data with a feedback that records each value the bar is given; the training ones must
give several distinct values in the middle of the bar (between the reading and the writing stages)."""

import datetime as dt

import pytest
from qgis.core import QgsProcessingFeedback

from tests.layers import point_layer

#: the bar between these values belongs to the engine's work in every algorithm (reading before, writing after)
WORK = (20.0, 80.0)
#: algorithms whose engine trains a model (or runs a long iterative search) and must move the bar while it runs
TRAINING = {"e2dtctrain", "crotadtrain", "mobilityembedtrain", "metatrltrain", "metatrltask", "classicclustering"}


class RecordingFeedback(QgsProcessingFeedback):
    """Keeps every progress value (``values``) and progress text (``texts``) the bar is given."""

    def __init__(self):
        super().__init__()
        self.values = []
        self.texts = []
        self.progressChanged.connect(self.values.append)

    def setProgressText(self, text):
        self.texts.append(text)
        super().setProgressText(text)


def _eco_stream():
    """Groups of moving objects (vehicle, ISO time) as a memory point layer."""
    from deeptraj.models.core.crs import transform_xy
    from deeptraj.models.synthetic.groups import simulate_groups

    g = simulate_groups(n_groups=4, per_group=6, n_steps=8, extent=4000, jump_rate=0.03, seed=3)
    lon, lat = transform_xy(g.x + 525000, g.y + 4550000, "EPSG:32629", "EPSG:4326")
    rows = [
        (float(a), float(b), {"vehicle": int(o), "time": dt.datetime.utcfromtimestamp(int(t)).isoformat()})
        for a, b, o, t in zip(lon, lat, g.obj, g.t)
    ]
    return point_layer(rows, [("vehicle", int), ("time", str)])


class Runs:
    """Runs each algorithm once with a RecordingFeedback; later algorithms reuse the outputs of earlier ones."""

    def __init__(self, folder):
        self.dir = folder
        self.done = {}
        self.layers = {}

    def path(self, name):
        return str(self.dir / name)

    def memory(self, name):
        """A memory copy of the GeoPackage ``name`` (read feature by feature, as most layers in a project are)."""
        from qgis.core import QgsFeatureRequest, QgsVectorLayer

        if name not in self.layers:
            self.layers[name] = QgsVectorLayer(self.path(name), name, "ogr").materialize(QgsFeatureRequest())
        return self.layers[name]

    def run(self, alg, params):
        import processing
        from qgis.core import QgsProcessingContext, QgsProject

        if alg not in self.done:
            ctx = QgsProcessingContext()
            ctx.setProject(QgsProject.instance())
            fb = RecordingFeedback()
            res = processing.run(f"deeptraj:{alg}", params, feedback=fb, context=ctx)
            self.done[alg] = (fb, res)
        return self.done[alg]

    def sim(self):
        """Simulated trips (traj_id, time, od_id) between 3 OD pairs, with the road network."""
        self.run(
            "simulatetrajectories",
            {
                "N_TRAJECTORIES": 45,
                "N_OD_PAIRS": 3,
                "OD_LAYOUT": 1,
                "SAMPLING_INTERVAL": 20,
                "SEED": 5,
                "OUTPUT": self.path("sim.gpkg"),
                "OUTPUT_LINES": None,
                "OUTPUT_ROADS": self.path("roads.gpkg"),
            },
        )
        return {"INPUT": self.memory("sim.gpkg"), "TRAJ_ID_FIELD": "traj_id", "TIME_FIELD": "time"}

    def lymob(self):
        """Imported LYMob-format commuters (uid, time)."""
        from deeptraj.models.core.readers.lymob import write_lymob_csv
        from deeptraj.models.synthetic.lymob import simulate_lymob

        csv = self.dir / "lymob.csv"
        if not csv.exists():
            write_lymob_csv(csv, *simulate_lymob(n_users=12, n_days=6, grid_size=40, seed=5).columns())
        params = {"FILE": str(csv), "FORMAT": 3, "CRS": "EPSG:32654", "ORIGIN_X": 300000, "ORIGIN_Y": 3900000}
        self.run("importtrajectories", {**params, "OUTPUT": self.path("lymob.gpkg")})
        return {"INPUT": self.memory("lymob.gpkg"), "USER_FIELD": "uid", "TIME_FIELD": "time"}


def _e2dtc(r):
    fast = {"CELL_SIZE": 200, "PRETRAIN_EPOCHS": 3, "SELFTRAIN_EPOCHS": 2, "BATCH_SIZE": 32, "N_CLUSTERS": 3, "SEED": 1}
    return r.run("e2dtctrain", {**r.sim(), **fast, "MODEL_FILE": r.path("m.e2dtc"), "OUTPUT": r.path("e.gpkg")})


def _crotad(r):
    tiny = {"PRETRAIN_EPOCHS": 2, "STEPS_PER_EPOCH": 4, "DQN_STEPS": 30, "WALKS_PER_NODE": 1, "WALK_LENGTH": 5}
    small = {"HIDDEN": 16, "EMBED_DIM": 8, "PROJ_DIM": 8, "GAT_HEADS": 2, "SEED": 1}
    params = {**r.sim(), "OD_FIELD": "od_id", "ROAD_NETWORK": r.path("roads.gpkg"), **tiny, **small}
    return r.run("crotadtrain", {**params, "MODEL_FILE": r.path("crotad.pt")})


def _mobility(r):
    net = {"EPOCHS": 6, "D_MODEL": 16, "HEADS": 2, "LSTM_HIDDEN": 16, "VALIDATION_USERS": 0.25}
    return r.run("mobilityembedtrain", {**r.lymob(), **net, "MODEL_FILE": r.path("m.mobemb")})


def _metatrl(r):
    small = {"D_MODEL": 16, "N_HEADS": 2, "LAYERS": 1, "GAT_LAYERS": 1, "N_BUCKETS": 8, "MAX_LEN": 32, "BATCH_SIZE": 16}
    sim = r.sim()
    params = {"TARGET": sim["INPUT"], "TRAJ_ID_FIELD": "traj_id", "TIME_FIELD": "time", **small}
    params.update(UNIT=1, RESOLUTION=10, TARGET_EPOCHS=2, META_EPOCHS=1, SEED=3, MODEL_FILE=r.path("m.metatrl"))
    return r.run("metatrltrain", params)


def _apply(r, model_run, alg, fields, **extra):
    """Run ``alg`` with the model file that the training ``model_run`` writes (trained first when needed)."""
    _, trained = model_run(r)
    return r.run(alg, {**fields, "MODEL_FILE": trained["MODEL_FILE"], **extra})


CASES = {
    "simulatetrajectories": lambda r: (r.sim(), r.done["simulatetrajectories"])[1],
    "importtrajectories": lambda r: (r.lymob(), r.done["importtrajectories"])[1],
    "discretizegrid": lambda r: r.run(
        "discretizegrid", {**r.sim(), "CELL_SIZE": 300, "OUTPUT_CELLS": "memory:", "OUTPUT_SEQUENCES": "memory:"}
    ),
    "discretizeh3": lambda r: r.run(
        "discretizeh3", {**r.sim(), "RESOLUTION": 9, "OUTPUT_CELLS": "memory:", "OUTPUT_SEQUENCES": "memory:"}
    ),
    "assignodpairs": lambda r: r.run("assignodpairs", {**r.sim(), "RESOLUTION": 8, "OUTPUT": "memory:"}),
    "syntheticanomalies": lambda r: r.run(
        "syntheticanomalies", {**r.sim(), "OD_FIELD": "od_id", "RESOLUTION": 10, "PER_OD": 2, "OUTPUT": "memory:"}
    ),
    "groundtruthclusters": lambda r: r.run("groundtruthclusters", {**r.sim(), "OUTPUT": "memory:"}),
    "eco": lambda r: r.run(
        "eco",
        {
            "INPUT": _eco_stream(),
            "TRAJ_ID_FIELD": "vehicle",
            "TIME_FIELD": "time",
            "EPS": 300,
            "MIN_PTS": 4,
            "DELTA": 250,
            "RHO": 4,
            "OUTPUT": "memory:",
        },
    ),
    "mapmatch": lambda r: r.run("mapmatch", {**r.sim(), "ROAD_NETWORK": r.path("roads.gpkg"), "OUTPUT": "memory:"}),
    "classicclustering": lambda r: r.run(
        "classicclustering",
        {**r.sim(), "METHOD": 5, "N_CLUSTERS": 3, "CELL_SIZE": 200, "PRETRAIN_EPOCHS": 3, "OUTPUT": "memory:"},
    ),
    "e2dtctrain": _e2dtc,
    "e2dtcapply": lambda r: _apply(r, _e2dtc, "e2dtcapply", r.sim(), OUTPUT="memory:"),
    "crotadtrain": _crotad,
    "crotaddetect": lambda r: _apply(
        r, _crotad, "crotaddetect", {**r.sim(), "OD_FIELD": "od_id"}, OUTPUT_SEGMENTS="memory:"
    ),
    "mobilityembedtrain": _mobility,
    "mobilityembed": lambda r: _apply(r, _mobility, "mobilityembed", r.lymob(), OUTPUT="memory:"),
    "metatrltrain": _metatrl,
    "metatrlembed": lambda r: _apply(r, _metatrl, "metatrlembed", r.sim(), OUTPUT="memory:"),
    "metatrltask": lambda r: _apply(r, _metatrl, "metatrltask", r.sim(), TASK=0, EPOCHS=6, OUTPUT="memory:"),
}


@pytest.fixture(scope="module")
def runs(provider, tmp_path_factory):
    return Runs(tmp_path_factory.mktemp("progress"))


@pytest.mark.parametrize("alg", list(CASES))
def test_one_monotonic_progress_scale_per_run(runs, alg):
    fb, _ = CASES[alg](runs)
    values = fb.values
    assert values, f"{alg} never set the progress"
    backwards = [(a, b) for a, b in zip(values, values[1:]) if b < a]
    assert not backwards, f"{alg}: the bar went back {len(backwards)} time(s), first {backwards[0]}"
    assert values[-1] >= 99.0, f"{alg} ended at {values[-1]}"
    assert all(0.0 <= v <= 100.0 for v in values)
    if alg in TRAINING:
        middle = {round(v, 3) for v in values if WORK[0] < v < WORK[1]}
        assert len(middle) >= 4, f"{alg}: the bar barely moved while the engine ran: {sorted(middle)}"
        assert fb.texts, f"{alg} gave no progress text"
