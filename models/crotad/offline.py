"""CroTad's offline detector (Eq. 24): DBSCAN per OD on the normalised projections z of the OD's training windows,
with eps chosen from the data (the module docstring of :mod:`.model` gives the rule), and the labels it gives new
windows: a window joins the cluster of its nearest core sample within eps, and is anomalous when that cluster (or
the window alone, as noise) is smaller than |D ∪ {T}| / k."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ..core.progress import check

if TYPE_CHECKING:
    from .model import CroTad

__all__ = ["EPS_QUANTILES", "dbscan_model", "nearest_core", "offline_labels", "fit_offline"]

#: quantiles of the distinct windows' distance to their min_samples-th distinct neighbour tried as eps
EPS_QUANTILES = (0.3, 0.5, 0.7, 0.8, 0.9, 0.95)
#: core samples measured exactly per window by :func:`nearest_core` (the nearest by a matrix product)
_CANDIDATES = 32
#: MB of distances scikit-learn's nearest-neighbour search holds at a time (many windows against the core samples)
_WORKING_MB = 64


def dbscan_model(zu, cnt, eps, ms, n):
    """DBSCAN on the distinct windows ``zu`` weighted by their counts: what Eq. 24 needs to label new windows."""
    from sklearn.cluster import DBSCAN

    lab = DBSCAN(eps=eps, min_samples=ms).fit(zu, sample_weight=cnt)
    labels = lab.labels_
    n_clusters = int(labels.max()) + 1 if labels.size else 0
    sizes = (
        np.bincount(labels[labels >= 0], weights=cnt[labels >= 0], minlength=n_clusters).astype(np.int64)
        if n_clusters
        else np.zeros(0, np.int64)
    )
    core = lab.core_sample_indices_
    # the partition DBSCAN makes: its clusters plus every noise window as a cluster of its own
    k = n_clusters + int(cnt[labels < 0].sum())
    return {
        "eps": float(eps),
        "core": zu[core].astype(np.float32),
        "core_label": labels[core],
        "sizes": sizes,
        "k": k,
        "n": int(n),
    }


def offline_labels(m: dict, z: np.ndarray) -> np.ndarray:
    """Eq. 24 for the windows whose normalised projections are ``z``, by the clustering ``m`` of their OD (as
    :func:`dbscan_model` gives)."""
    if m["core"].shape[0] == 0 or z.shape[0] == 0:  # no cluster at all: everything is noise
        return np.ones(z.shape[0], np.int8)
    if z.shape[0] * m["core"].shape[0] < 4e6:
        j, dist = nearest_core(z, m["core"])
    else:
        from sklearn import config_context
        from sklearn.neighbors import NearestNeighbors

        with config_context(working_memory=_WORKING_MB):  # sklearn's default: 1 GB of distances at a time
            dist, j = NearestNeighbors(n_neighbors=1).fit(m["core"]).kneighbors(z)
        dist, j = dist[:, 0], j[:, 0]
    size = np.where(dist <= m["eps"], m["sizes"][m["core_label"][j]] + 1, 1)
    return (size < (m["n"] + 1) / m["k"]).astype(np.int8)


def nearest_core(z: np.ndarray, core: np.ndarray, chunk: int = 2048):
    """(index of the nearest row of ``core`` for each row of ``z``, its distance): the values and the tie rule
    (lowest index) of ``argmin(((z[:, None] - core[None]) ** 2).sum(-1))``, without its (n, m, d) temporary. The
    ``_CANDIDATES`` nearest rows by a float64 matrix product (fast, but not bit-equal) are measured again the
    broadcast way, ``chunk`` rows of ``z`` at a time."""
    n, m = z.shape[0], core.shape[0]
    j = np.zeros(n, np.int64)
    dist = np.zeros(n, np.result_type(z, core))
    if n == 0 or m == 0:
        return j, dist
    k = min(_CANDIDATES, m)
    c64 = core.astype(np.float64)
    c_sq = (c64**2).sum(1)
    for s in range(0, n, chunk):
        zc = z[s : s + chunk]
        rows = np.arange(zc.shape[0])
        if k < m:
            approx = c_sq[None] - 2.0 * (zc.astype(np.float64) @ c64.T)  # |z - c|^2 - |z|^2
            cand = np.sort(np.argpartition(approx, k - 1, axis=1)[:, :k], axis=1)
        else:
            cand = np.broadcast_to(np.arange(m), (zc.shape[0], m))
        d2 = ((zc[:, None, :] - core[cand]) ** 2).sum(-1)
        pick = d2.argmin(1)
        j[s : s + chunk] = cand[rows, pick]
        dist[s : s + chunk] = np.sqrt(d2[rows, pick])
    return j, dist


def fit_offline(model: "CroTad", rng, cancel) -> None:
    """One clustering per OD of ``model`` into ``model._off`` (in OD order), with its summary in
    ``model.history_["offline"]``."""
    p = model.params
    pool = model._train
    model._off = []
    model.history_["offline"] = {}
    for o, key in enumerate(model.ods_):
        check(cancel)
        rows = np.flatnonzero(pool.od == o)
        if rows.size > p.cluster_sample:
            rows = np.sort(rng.choice(rows, size=p.cluster_sample, replace=False))
        z = model._z(pool.tok[rows], pool.len[rows], pool.od[rows])
        # identical windows have identical z: cluster the distinct ones, weighted by their counts
        zu, cnt = np.unique(np.round(z, 5), axis=0, return_counts=True)
        candidates = _eps_candidates(zu, p)
        neg_z = None
        if len(candidates) > 1:
            # eps that best separates the OD's training windows from generated anomalous versions of them
            # (the MIIC negatives): the largest share of negatives flagged minus share of windows flagged
            src = rows[rng.integers(0, rows.size, size=min(rows.size, 1000))]
            ntok, nlen = model._rare.negatives(pool.tok[src], pool.len[src], pool.od[src], 1, rng)
            neg_z = model._z(ntok, nlen, pool.od[src])
        _score, flag_train, flag_neg, eps, best = _best_eps(zu, cnt, candidates, neg_z, p, rows.size)
        model._off.append(best)
        model.history_["offline"][key] = {
            "eps": round(eps, 5),
            "clusters": int(best["sizes"].size),
            "k": int(best["k"]),
            "windows": int(rows.size),
            "train_flagged": round(flag_train, 4),
            "negatives_flagged": round(flag_neg, 4),
        }


def _eps_candidates(zu, p) -> list:
    """The eps values to try: the one given, or the spacing of the distinct windows ``zu`` (quantiles of their
    distance to the min_samples-th distinct neighbour)."""
    from sklearn.neighbors import NearestNeighbors

    if p.dbscan_eps is not None:
        return [float(p.dbscan_eps)]
    k = min(int(p.dbscan_min_samples), zu.shape[0] - 1)
    if k < 1:
        return [1e-4]
    d = NearestNeighbors(n_neighbors=k + 1).fit(zu).kneighbors(zu)[0][:, -1]
    qs = [p.eps_quantile] if p.eps_quantile is not None else EPS_QUANTILES
    return sorted({float(max(np.quantile(d, q), 1e-4)) for q in qs})


def _best_eps(zu, cnt, candidates, neg_z, p, n):
    """(score, share of training windows flagged, share of negatives flagged, eps, clustering) of the candidate eps
    with the best score (negatives flagged minus training windows flagged; the first candidate without ``neg_z``)."""
    ms = int(p.dbscan_min_samples)
    best = None
    for eps in candidates:
        model = dbscan_model(zu, cnt, eps, ms, n)
        if neg_z is None:
            return (0.0, 0.0, 0.0, eps, model)
        flag_train = float((offline_labels(model, zu) * cnt).sum() / cnt.sum())
        flag_neg = float(offline_labels(model, neg_z).mean())
        score = flag_neg - flag_train
        if best is None or score > best[0] + 1e-9:
            best = (score, flag_train, flag_neg, eps, model)
    return best
