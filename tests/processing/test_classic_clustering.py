"""deeptraj:classicclustering on the simulated sample: k-medoids over each distance and t2vec + k-means find the
OD clusters; sample-then-assign; bad input and cancel."""

import pytest
from qgis.core import QgsProcessingException, QgsProcessingFeedback, QgsVectorLayer

ALG = "deeptraj:classicclustering"
METHODS = {"dtw": 0, "hausdorff": 1, "frechet": 2, "edr": 3, "lcss": 4, "t2vec": 5}


@pytest.fixture(scope="module")
def sim_trips(tmp_path_factory):
    import processing
    from qgis.core import QgsProcessingContext

    path = tmp_path_factory.mktemp("classic") / "sim.gpkg"
    processing.run(
        "deeptraj:simulatetrajectories",
        {"N_TRAJECTORIES": 120, "N_OD_PAIRS": 4, "SEED": 7, "OUTPUT": str(path)},
        feedback=QgsProcessingFeedback(),
        context=QgsProcessingContext(),
    )
    return str(path)


def _params(sim_trips, tmp_path, method, **extra):
    return {
        "INPUT": sim_trips,
        "TRAJ_ID_FIELD": "traj_id",
        "TIME_FIELD": "time",
        "METHOD": METHODS[method],
        "N_CLUSTERS": 4,
        "GROUND_TRUTH_FIELD": "od_id",
        "OUTPUT": str(tmp_path / f"{method}.gpkg"),
        **extra,
    }


@pytest.mark.parametrize("method", ["dtw", "hausdorff", "frechet", "edr", "lcss"])
def test_kmedoids_finds_the_od_clusters(run_alg, sim_trips, tmp_path, method):
    res = run_alg(ALG, _params(sim_trips, tmp_path, method, EPSILON=400))
    assert res["N_TRAJECTORIES"] == 120 and res["METHOD"] == method and sum(res["CLUSTER_SIZES"]) == 120
    assert res["UACC"] > 0.8, res  # chance is about 0.3 for 4 clusters
    vl = QgsVectorLayer(res["OUTPUT"], "out", "ogr")
    feats = list(vl.getFeatures())
    assert len(feats) == 120 and sum(f["is_medoid"] for f in feats) == 4
    assert all(f["distance"] >= 0 for f in feats) and all(f["distance"] == 0 for f in feats if f["is_medoid"])
    assert vl.fields().indexOf("gt_label") >= 0


def test_medoids_from_a_sample_then_every_trajectory_assigned(run_alg, sim_trips, tmp_path):
    res = run_alg(ALG, _params(sim_trips, tmp_path, "hausdorff", SAMPLE_SIZE=40, MAX_POINTS=16))
    assert sum(res["CLUSTER_SIZES"]) == 120 and res["UACC"] > 0.8, res


def test_t2vec_kmeans(run_alg, sim_trips, tmp_path):
    res = run_alg(ALG, _params(sim_trips, tmp_path, "t2vec", CELL_SIZE=200, PRETRAIN_EPOCHS=3))
    assert sum(res["CLUSTER_SIZES"]) == 120 and res["UACC"] > 0.6, res
    feats = list(QgsVectorLayer(res["OUTPUT"], "out", "ogr").getFeatures())
    assert all(f["confidence"] <= 1.0 for f in feats)
    # the mean largest soft assignment is well above the 1/4 that any assignment over 4 clusters reaches
    assert sum(f["confidence"] for f in feats) / len(feats) > 0.5  # measured 0.75


def test_too_many_clusters_and_cancel(run_alg, sim_trips, tmp_path):
    with pytest.raises(QgsProcessingException, match="N_CLUSTERS"):
        run_alg(ALG, _params(sim_trips, tmp_path, "dtw", N_CLUSTERS=500))
    feedback = QgsProcessingFeedback()
    feedback.cancel()
    with pytest.raises(QgsProcessingException, match="[Cc]ancel"):
        run_alg(ALG, _params(sim_trips, tmp_path, "frechet"), feedback=feedback)
    assert not (tmp_path / "frechet.gpkg").exists()


def test_one_point_trajectories_are_skipped_and_counted_as_elsewhere(run_alg, sim_trips, tmp_path):
    """Trajectories of one point are no lines: skipped and counted (N_SKIPPED_SHORT_TRAJECTORIES) as e2dtctrain
    does, and a layer of nothing else is refused; the results carry the reading counts."""
    import processing
    from qgis.core import QgsProcessingContext

    firsts = str(tmp_path / "firsts.gpkg")
    processing.run(  # the first point of every trajectory, plus the whole of trajectories 0..9
        "native:extractbyexpression",
        {
            "INPUT": sim_trips,
            "EXPRESSION": '"traj_id" < 10 OR "time" = minimum("time", group_by:="traj_id")',
            "OUTPUT": firsts,
        },
        context=QgsProcessingContext(),
    )
    res = run_alg(ALG, _params(firsts, tmp_path, "hausdorff", N_CLUSTERS=2))
    assert res["N_TRAJECTORIES"] == 10 and res["N_SKIPPED_SHORT_TRAJECTORIES"] == 110
    assert {"N_INPUT_POINTS", "N_DUPLICATE_TIMES", "N_FAR_OUTLIERS"} <= set(res)
    only = str(tmp_path / "only.gpkg")
    processing.run(
        "native:extractbyexpression",
        {"INPUT": sim_trips, "EXPRESSION": '"time" = minimum("time", group_by:="traj_id")', "OUTPUT": only},
        context=QgsProcessingContext(),
    )
    with pytest.raises(QgsProcessingException, match="at least 2 points"):
        run_alg(ALG, _params(only, tmp_path, "dtw", N_CLUSTERS=2))
