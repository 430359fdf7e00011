"""Load (issue 25): the Processing batch interface runs one algorithm instance over many rows; the rows must give
what single runs give (no state kept on the instance between runs), over layers of different CRSs, one of them a
table of a GeoPackage that holds other layers."""

import pytest
from qgis.core import (
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsProject,
    QgsVectorLayer,
)

from tests.layers import save_gpkg, trajectories_layer

#: algorithm id -> (its parameters besides INPUT and the outputs, the outputs written as files)
ALGORITHMS = {
    "discretizegrid": ({"CELL_SIZE": 250}, ("OUTPUT_CELLS", "OUTPUT_SEQUENCES")),
    "discretizeh3": ({"RESOLUTION": 10}, ("OUTPUT_CELLS", "OUTPUT_SEQUENCES")),
    "splittrajectories": ({"MAX_GAP": 600}, ("OUTPUT", "OUTPUT_LINES", "OUTPUT_STOPS")),
    "groundtruthclusters": ({"N_CENTERS": 2, "KEEP_UNASSIGNED": True}, ("OUTPUT",)),
    "assignodpairs": ({"RESOLUTION": 8, "MIN_TRIPS": 1}, ("OUTPUT",)),
    "classicclustering": ({"METHOD": 1, "N_CLUSTERS": 2}, ("OUTPUT",)),
    "eco": ({"EPS": 300, "DELTA": 200, "MIN_PTS": 2, "RHO": 2}, ("OUTPUT",)),
}


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    """Three inputs: lon/lat, a Web Mercator table beside another layer of one GeoPackage, UTM 29N."""
    d = tmp_path_factory.mktemp("load")
    save_gpkg(trajectories_layer(n_traj=6, n_pts=20, seed=3), d / "lonlat.gpkg")
    save_gpkg(trajectories_layer(n_traj=3, seed=9), d / "shared.gpkg", table="other")
    save_gpkg(trajectories_layer(n_traj=6, n_pts=20, seed=1), d / "shared.gpkg", table="mercator", crs="EPSG:3857")
    save_gpkg(trajectories_layer(n_traj=6, n_pts=20, seed=2), d / "utm.gpkg", crs="EPSG:32629")
    return [str(d / "lonlat.gpkg"), f"{d / 'shared.gpkg'}|layername=mercator", str(d / "utm.gpkg")]


def _params(alg, inp, folder, tag):
    extra, outs = ALGORITHMS[alg]
    p = {"INPUT": inp, "TRAJ_ID_FIELD": "tid", "TIME_FIELD": "t", **extra}
    for o in outs:
        p[o] = str(folder / f"{alg}_{tag}_{o}.gpkg")
    return p


def _canonical(path):
    lyr = QgsVectorLayer(path, "out", "ogr")
    assert lyr.isValid(), path
    names = [f.name() for f in lyr.fields() if f.name() != "fid"]
    rows = sorted(
        (tuple(str(f[n]) for n in names), f.geometry().asWkt(5) if f.hasGeometry() else "") for f in lyr.getFeatures()
    )
    return lyr.crs().authid(), names, rows


@pytest.mark.parametrize("alg", sorted(ALGORITHMS))
def test_a_batch_over_three_layers_gives_the_single_runs(provider, alg, inputs, tmp_path):
    from processing.gui.AlgorithmExecutor import execute
    from qgis.core import QgsApplication

    registry = QgsApplication.processingRegistry()
    batch = registry.createAlgorithmById(f"deeptraj:{alg}")  # one instance for every row, as the batch dialog
    outs = ALGORITHMS[alg][1]
    for k, inp in enumerate(inputs):
        ctx = QgsProcessingContext()
        ctx.setProject(QgsProject.instance())
        single = registry.createAlgorithmById(f"deeptraj:{alg}")
        ok, single_res = execute(single, _params(alg, inp, tmp_path, f"single{k}"), ctx, QgsProcessingFeedback())
        assert ok, single_res
        ok, batch_res = execute(batch, _params(alg, inp, tmp_path, f"batch{k}"), ctx, QgsProcessingFeedback())
        assert ok, batch_res
        numbers = {
            key: v
            for key, v in single_res.items()
            if isinstance(v, (int, float)) and key not in outs and not key.startswith("MS_") and "SECONDS" not in key
        }  # every count and score; not the timings
        assert numbers == {key: batch_res[key] for key in numbers}
        for o in outs:
            assert _canonical(batch_res[o]) == _canonical(single_res[o]), (alg, inp, o)


def _mobility_params(inp, model):
    return {"INPUT": inp, "TRAJ_ID_FIELD": "tid", "TIME_FIELD": "t", "USER_FIELD": "tid", "GROUP_BY": 1,
            "RESAMPLE_MINUTES": 0, "EPOCHS": 2, "D_MODEL": 16, "HEADS": 2, "LSTM_HIDDEN": 16, "SEED": 4,
            "MODEL_FILE": str(model)}  # fmt: skip


def test_two_algorithms_at_the_same_time_give_their_single_results(provider, inputs, tmp_path):
    """As the desktop runs them (each in its own task thread): a training and a discretization at once, and two
    trainings at once, finish with the results they give one after the other (torch's global random generator and
    thread count are shared by the whole QGIS process)."""
    import threading

    import numpy as np
    from processing.gui.AlgorithmExecutor import execute
    from qgis.core import QgsApplication

    from deeptraj.models.mobility.model import MobilityEmbedder

    def run(alg, params, out):
        ctx = QgsProcessingContext()
        a = QgsApplication.processingRegistry().createAlgorithmById(f"deeptraj:{alg}")
        out[alg + params.get("MODEL_FILE", "")] = execute(a, params, ctx, QgsProcessingFeedback())

    jobs = [
        ("mobilityembedtrain", _mobility_params(inputs[0], tmp_path / "a.mobemb")),
        ("mobilityembedtrain", _mobility_params(inputs[2], tmp_path / "b.mobemb")),
        ("discretizegrid", _params("discretizegrid", inputs[1], tmp_path, "together")),
    ]
    alone = {}
    for alg, p in jobs:  # one after the other, to other files
        other = {k: str(v).replace(".mobemb", "1.mobemb").replace("together", "alone") for k, v in p.items()}
        run(alg, {**p, **{k: other[k] for k in p if k == "MODEL_FILE" or k.startswith("OUTPUT")}}, alone)
    together = {}
    threads = [threading.Thread(target=run, args=(alg, p, together)) for alg, p in jobs]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    assert all(ok for ok, _ in together.values()) and len(together) == 3, together
    for name in ("a", "b"):
        m1 = MobilityEmbedder.load(str(tmp_path / f"{name}1.mobemb"))
        m2 = MobilityEmbedder.load(str(tmp_path / f"{name}.mobemb"))
        w1, w2 = (m.net_.state_dict() for m in (m1, m2))
        assert all(np.array_equal(w1[k].numpy(), w2[k].numpy()) for k in w1), f"model {name} differs when run together"
    alone_grid = next(r for k, (ok, r) in alone.items() if k.startswith("discretizegrid"))
    together_grid = next(r for k, (ok, r) in together.items() if k.startswith("discretizegrid"))
    for o in ("OUTPUT_CELLS", "OUTPUT_SEQUENCES"):
        assert _canonical(together_grid[o]) == _canonical(alone_grid[o])


def test_a_training_waiting_for_another_stops_on_cancel(provider, inputs, tmp_path):
    """While another training holds the turn, a training says it waits, and a cancel ends the wait."""
    import threading

    from processing.gui.AlgorithmExecutor import execute
    from qgis.core import QgsApplication

    from deeptraj.processing_provider import base
    from tests.layers import WarningFeedback

    fb = WarningFeedback()
    base._TRAINING.acquire()  # another training holds the turn
    try:
        threading.Timer(0.5, fb.cancel).start()
        alg = QgsApplication.processingRegistry().createAlgorithmById("deeptraj:mobilityembedtrain")
        with pytest.raises(Exception, match="[Cc]ancel"):
            execute(alg, _mobility_params(inputs[0], tmp_path / "w.mobemb"), QgsProcessingContext(), fb, False)
    finally:
        base._TRAINING.release()
    assert any("Waiting for another DeepTraj training" in m for m in fb.infos)
    assert not (tmp_path / "w.mobemb").exists()
