"""k-medoids baselines: the batched distance DPs against plain per-pair recurrences, and clustering."""

import numpy as np
import pytest
from scipy.spatial.distance import directed_hausdorff

from deeptraj.models.core.metrics import clustering_scores
from deeptraj.models.core.progress import Cancelled
from deeptraj.models.e2dtc.classic import TrajectoryKMedoids, distance_matrix, pair_distances, resample


def _reference(a, b, metric, eps, delta=None):
    """The textbook recurrences, one cell at a time."""
    n, m = len(a), len(b)
    c = np.linalg.norm(a[:, None] - b[None], axis=2)
    if metric == "hausdorff":
        return max(directed_hausdorff(a, b)[0], directed_hausdorff(b, a)[0])
    if metric in ("dtw", "frechet"):
        d = np.full((n + 1, m + 1), np.inf)
        d[0, 0] = 0
        for i in range(1, n + 1):
            for j in range(1, m + 1):
                best = min(d[i - 1, j], d[i, j - 1], d[i - 1, j - 1])
                d[i, j] = c[i - 1, j - 1] + best if metric == "dtw" else max(c[i - 1, j - 1], best)
        return d[n, m]
    if metric == "edr":
        d = np.zeros((n + 1, m + 1))
        d[:, 0], d[0, :] = np.arange(n + 1), np.arange(m + 1)
        for i in range(1, n + 1):
            for j in range(1, m + 1):
                sub = 0 if c[i - 1, j - 1] <= eps else 1
                d[i, j] = min(d[i - 1, j - 1] + sub, d[i - 1, j] + 1, d[i, j - 1] + 1)
        return d[n, m] / max(n, m)
    d = np.zeros((n + 1, m + 1))
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            ok = c[i - 1, j - 1] <= eps and (delta is None or abs(i - j) <= delta)
            d[i, j] = d[i - 1, j - 1] + 1 if ok else max(d[i - 1, j], d[i, j - 1])
    return 1 - d[n, m] / min(n, m)


@pytest.fixture(scope="module")
def walks():
    rng = np.random.default_rng(3)
    return [np.cumsum(rng.normal(0, 80, (int(rng.integers(1, 14)), 2)), axis=0) for _ in range(12)]


@pytest.mark.parametrize(
    "metric,delta", [("dtw", None), ("hausdorff", None), ("frechet", None), ("edr", None), ("lcss", None), ("lcss", 2)]
)
def test_batched_distances_match_the_recurrences(walks, metric, delta):
    n = len(walks)
    pairs = np.array([(i, j) for i in range(n) for j in range(n)])
    got = pair_distances(walks, walks, pairs, metric, eps=90.0, delta=delta, chunk_cells=500)
    want = np.array([_reference(walks[i], walks[j], metric, 90.0, delta) for i, j in pairs])
    np.testing.assert_allclose(got, want, rtol=1e-9, atol=1e-9)
    assert np.allclose(got.reshape(n, n).diagonal(), 0)


def test_distance_matrix_is_symmetric_and_cancellable(walks):
    d = distance_matrix(walks, "dtw")
    np.testing.assert_allclose(d, d.T)
    with pytest.raises(Cancelled):
        distance_matrix(walks, "frechet", cancel=lambda: True)
    with pytest.raises(ValueError, match="unknown trajectory distance"):
        distance_matrix(walks, "euclid")


def test_resample_keeps_ends():
    xy = np.column_stack([np.arange(100.0), np.zeros(100)])
    r = resample(xy, 10)
    assert len(r) == 10 and r[0, 0] == 0 and r[-1, 0] == 99


def _three_routes(n_each=30, seed=0):
    rng = np.random.default_rng(seed)
    ends = [((0, 0), (5000, 0)), ((0, 3000), (5000, 6000)), ((6000, 0), (6000, 5000))]
    trajs, labels = [], []
    for k, (a, b) in enumerate(ends):
        for _ in range(n_each):
            t = np.linspace(0, 1, int(rng.integers(8, 40)))[:, None]
            trajs.append(np.array(a) + t * (np.array(b) - np.array(a)) + rng.normal(0, 60, (len(t), 2)))
            labels.append(k)
    return trajs, np.array(labels)


@pytest.mark.parametrize("metric", ["dtw", "hausdorff", "frechet", "edr", "lcss"])
def test_kmedoids_recovers_routes(metric):
    trajs, labels = _three_routes()
    model = TrajectoryKMedoids(3, metric, eps=300.0, seed=0).fit(trajs)
    assert clustering_scores(labels, model.labels_)["UACC"] == 1.0
    assert len(model.medoid_indices_) == 3
    np.testing.assert_array_equal(model.predict(trajs), model.labels_)


def test_kmedoids_sample_then_assign_and_errors():
    trajs, labels = _three_routes(40)
    model = TrajectoryKMedoids(3, "hausdorff", sample_size=30, seed=1).fit(trajs)
    assert model.labels_.shape == (120,) and clustering_scores(labels, model.labels_)["UACC"] > 0.95
    with pytest.raises(ValueError, match="larger than the number of trajectories"):
        TrajectoryKMedoids(200, "dtw").fit(trajs)
    with pytest.raises(ValueError, match="at least 2"):
        TrajectoryKMedoids(1, "dtw").fit(trajs)
