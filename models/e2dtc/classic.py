"""Classic trajectory clustering baselines of the E2DTC paper (section VII-B): k-medoids over a trajectory distance.

Distances (on planar coordinates, metres):

* ``dtw``       dynamic time warping, sum of matched point distances (Yi et al. 1998);
* ``hausdorff`` the larger of the two directed Hausdorff distances;
* ``frechet``   the discrete Frechet distance (Eiter & Mannila 1994);
* ``edr``       edit distance on real sequences (Chen et al. 2005): a pair of points matches when it is within
                ``eps`` metres; the edit count is divided by the longer length, so it lies in [0, 1];
* ``lcss``      1 - |LCSS| / min(n, m), points matching within ``eps`` metres and, when ``delta`` is set, at most
                ``delta`` positions apart (Vlachos et al. 2002).

k-medoids is FasterPAM from the ``kmedoids`` package (Schubert & Rousseeuw). The dynamic programmes are written
here on numpy: there is no maintained package that covers EDR, LCSS and the discrete Frechet distance for 2-D
trajectories without numba or a Cython build (traj-dist, the usual one, no longer builds on current Pythons). They
run on many pairs at once, one anti-diagonal of the DP table per step, so a 2,000-trajectory distance matrix takes
seconds, not the hours of a per-pair Python loop.

Trajectories are resampled to at most ``max_points`` points evenly along their index (ends kept) before comparing:
the quadratic cost per pair is bounded and long trajectories do not dominate DTW. A set larger than ``sample_size``
gets its medoids from a random sample (CLARA-style) and every trajectory is then assigned to its nearest medoid.
"""

from __future__ import annotations

from typing import List, Optional, Sequence

import numpy as np

from ..core.progress import CancelFn, ProgressFn, check, report
from ..core.trajectories import even_indices

METRICS = ("dtw", "hausdorff", "frechet", "edr", "lcss")


def resample(xy: np.ndarray, max_points: int) -> np.ndarray:
    xy = np.asarray(xy, np.float64).reshape(-1, 2)
    return xy[even_indices(len(xy), max_points)] if max_points else xy


def _check_metric(metric: str) -> None:
    if metric not in METRICS:
        raise ValueError(f"unknown trajectory distance {metric!r}; choose one of {', '.join(METRICS)}")


def _pack(trajs: Sequence[np.ndarray]):
    lens = np.array([len(t) for t in trajs], np.int64)
    out = np.zeros((len(trajs), int(lens.max()), 2))
    for i, t in enumerate(trajs):
        out[i, : len(t)] = t
    return out, lens


def _batch_distance(a, la, b, lb, metric: str, eps: float, delta: Optional[int]):
    """Distances between a[p] and b[p] for every pair p; a (P, n, 2), b (P, m, 2) padded, la/lb their lengths."""
    p, n, m = a.shape[0], a.shape[1], b.shape[1]
    c = np.sqrt(((a[:, :, None, :] - b[:, None, :, :]) ** 2).sum(-1))  # (P, n, m)
    valid_i = np.arange(n)[None, :] < la[:, None]
    valid_j = np.arange(m)[None, :] < lb[:, None]
    if metric == "hausdorff":
        big = np.where(valid_j[:, None, :], c, np.inf).min(axis=2)  # (P, n): nearest in b
        ab = np.where(valid_i, big, -np.inf).max(axis=1)
        big = np.where(valid_i[:, :, None], c, np.inf).min(axis=1)  # (P, m): nearest in a
        ba = np.where(valid_j, big, -np.inf).max(axis=1)
        return np.maximum(ab, ba)
    inf = np.inf
    if metric in ("dtw", "frechet"):
        d = np.full((p, n + 1, m + 1), inf)
        d[:, 0, 0] = 0.0
    elif metric == "edr":
        d = np.zeros((p, n + 1, m + 1))
        d[:, :, 0] = np.arange(n + 1)[None, :]
        d[:, 0, :] = np.arange(m + 1)[None, :]
        sub = (c > eps).astype(np.float64)
    else:  # lcss (pair_distances checked the name)
        d = np.zeros((p, n + 1, m + 1))
        match = c <= eps
        if delta is not None:
            match &= np.abs(np.arange(n)[:, None] - np.arange(m)[None, :])[None] <= delta
    for s in range(2, n + m + 1):  # anti-diagonal i + j = s of the (1-based) DP table
        i = np.arange(max(1, s - m), min(n, s - 1) + 1)
        j = s - i
        up, left, diag = d[:, i - 1, j], d[:, i, j - 1], d[:, i - 1, j - 1]
        if metric == "dtw":
            d[:, i, j] = c[:, i - 1, j - 1] + np.minimum(np.minimum(up, left), diag)
        elif metric == "frechet":
            d[:, i, j] = np.maximum(c[:, i - 1, j - 1], np.minimum(np.minimum(up, left), diag))
        elif metric == "edr":
            d[:, i, j] = np.minimum(diag + sub[:, i - 1, j - 1], np.minimum(up, left) + 1.0)
        else:
            d[:, i, j] = np.where(match[:, i - 1, j - 1], diag + 1.0, np.maximum(up, left))
    rows = np.arange(p)
    last = d[rows, la, lb]
    if metric == "edr":
        return last / np.maximum(la, lb)
    if metric == "lcss":
        return 1.0 - last / np.minimum(la, lb)
    return last


def pair_distances(
    left: Sequence[np.ndarray],
    right: Sequence[np.ndarray],
    pairs: np.ndarray,
    metric: str,
    eps: float = 100.0,
    delta: Optional[int] = None,
    chunk_cells: int = 4_000_000,
    progress: ProgressFn = None,
    cancel: CancelFn = None,
) -> np.ndarray:
    """Distance of left[i] to right[j] for every row (i, j) of ``pairs``."""
    _check_metric(metric)
    a_all, la_all = _pack(left)
    b_all, lb_all = _pack(right)
    out = np.empty(len(pairs))
    # longest pairs first, in chunks sized so that the (P, L + 1, L + 1) tables stay within ``chunk_cells`` cells
    longest = np.maximum(la_all[pairs[:, 0]], lb_all[pairs[:, 1]])
    order = np.argsort(-longest, kind="stable")
    done = 0
    while done < len(order):
        check(cancel)
        size_l = int(longest[order[done]])
        size = max(1, chunk_cells // (size_l + 1) ** 2)
        sel = order[done : done + size]
        i, j = pairs[sel, 0], pairs[sel, 1]
        n, m = int(la_all[i].max()), int(lb_all[j].max())
        out[sel] = _batch_distance(a_all[i, :n], la_all[i], b_all[j, :m], lb_all[j], metric, eps, delta)
        done += len(sel)
        report(progress, 100.0 * done / len(order))
    return out


def distance_matrix(
    trajs: Sequence[np.ndarray],
    metric: str,
    eps: float = 100.0,
    delta: Optional[int] = None,
    progress: ProgressFn = None,
    cancel: CancelFn = None,
) -> np.ndarray:
    """Symmetric (n, n) matrix of trajectory distances."""
    n = len(trajs)
    iu, ju = np.triu_indices(n, k=1)
    d = pair_distances(trajs, trajs, np.column_stack([iu, ju]), metric, eps, delta, progress=progress, cancel=cancel)
    mat = np.zeros((n, n))
    mat[iu, ju] = d
    mat[ju, iu] = d
    return mat


class TrajectoryKMedoids:
    """k-medoids clustering of trajectories (lists of (n_i, 2) planar coordinates in metres)."""

    def __init__(
        self,
        n_clusters: int = 12,
        metric: str = "dtw",
        eps: float = 100.0,
        delta: Optional[int] = None,
        max_points: int = 32,
        sample_size: int = 2000,
        seed: int = 0,
    ):
        _check_metric(metric)
        self.n_clusters, self.metric, self.eps, self.delta = int(n_clusters), metric, float(eps), delta
        self.max_points, self.sample_size, self.seed = int(max_points), int(sample_size), int(seed)
        self.medoids_: Optional[List[np.ndarray]] = None

    def _prep(self, trajs) -> List[np.ndarray]:
        out = [resample(t, self.max_points) for t in trajs]
        empty = sum(1 for t in out if len(t) == 0)
        if empty:
            raise ValueError(f"{empty} trajectory(ies) have no point")
        return out

    def fit(self, trajs: Sequence[np.ndarray], progress: ProgressFn = None, cancel: CancelFn = None):
        try:
            import kmedoids
        except ImportError as e:  # reported by the Processing adapter as a missing dependency
            raise ImportError("k-medoids needs the 'kmedoids' package (pip install kmedoids)") from e
        data = self._prep(trajs)
        n, k = len(data), self.n_clusters
        if k < 2:
            raise ValueError(f"N_CLUSTERS must be at least 2, got {k}")
        if k > n:
            raise ValueError(f"N_CLUSTERS ({k}) is larger than the number of trajectories ({n}); lower N_CLUSTERS")
        rng = np.random.default_rng(self.seed)
        sample = np.arange(n) if n <= self.sample_size else np.sort(rng.choice(n, self.sample_size, replace=False))
        part = [data[i] for i in sample]
        scale = 0.7 if n > len(sample) else 0.95
        dmat = distance_matrix(
            part, self.metric, self.eps, self.delta, progress=lambda v: report(progress, scale * v), cancel=cancel
        )
        res = kmedoids.fasterpam(dmat, k, random_state=self.seed, n_cpu=1)
        medoids = sample[np.asarray(res.medoids, np.int64)]
        self.medoid_indices_ = medoids
        self.medoids_ = [data[i] for i in medoids]
        self.loss_ = float(res.loss)
        if n > len(sample):
            self.labels_, self.distance_ = self._assign(data, lambda v: report(progress, 70 + 0.3 * v), cancel)
        else:
            sub = dmat[:, np.asarray(res.medoids, np.int64)]
            self.labels_, self.distance_ = sub.argmin(axis=1).astype(np.int64), sub.min(axis=1)
        report(progress, 100)
        return self

    def _assign(self, data, progress, cancel):
        n, k = len(data), len(self.medoids_)
        pairs = np.column_stack([np.repeat(np.arange(n), k), np.tile(np.arange(k), n)])
        d = pair_distances(
            data, self.medoids_, pairs, self.metric, self.eps, self.delta, progress=progress, cancel=cancel
        ).reshape(n, k)
        return d.argmin(axis=1).astype(np.int64), d.min(axis=1)

    def predict(self, trajs: Sequence[np.ndarray], progress: ProgressFn = None, cancel: CancelFn = None):
        if self.medoids_ is None:
            raise RuntimeError("fit the model first")
        return self._assign(self._prep(trajs), progress, cancel)[0]
