"""Evaluation of mobility embeddings: next-location accuracy@k on the cut points of held-out sequences, user
re-identification across sequences, and both together against the baselines (:func:`evaluate_held_out`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional

import numpy as np

from ..core.progress import CancelFn, ProgressFn, report, scaled
from ..core.ragged import ranges
from .baselines import MarkovBaseline, MostFrequentBaseline
from .grid import LocationGrid
from .sequences import MobilitySequences

if TYPE_CHECKING:
    from .model import MobilityEmbedder


def all_cuts(seqs: MobilitySequences, rows=None, max_per_sequence: Optional[int] = None, seed: int = 0):
    """(rows, cuts) of every cut point 1..n-1 of the sequences (at most ``max_per_sequence`` each, drawn at
    random with ``seed``)."""
    rows = np.arange(len(seqs)) if rows is None else np.asarray(rows, np.int64)
    n = seqs.lengths[rows] - 1
    r = np.repeat(rows, n)
    c = ranges(np.ones(rows.size, np.int64), n)
    if max_per_sequence:
        rng = np.random.default_rng(seed)
        order = np.lexsort((rng.random(r.size), r))
        rank = np.arange(r.size) - np.repeat(np.concatenate([[0], np.cumsum(n)[:-1]]), n)
        keep = np.zeros(r.size, bool)
        keep[order[rank < max_per_sequence]] = True
        r, c = r[keep], c[keep]
    return r, c


def evaluate_next(
    predict, seqs: MobilitySequences, grid: LocationGrid, rows=None, max_per_sequence: Optional[int] = None, ks=(1, 5)
) -> dict:
    """Next-location accuracy@k of ``predict(seqs, rows, cuts, k) -> (m, k) cell keys`` on the cut points of
    ``seqs``: a hit when the target record's cell is among the first k predictions. Also the share of targets in a
    cell outside the model's vocabulary (only the pointer over the input records can predict those)."""
    r, c = all_cuts(seqs, rows, max_per_sequence)
    tgt = seqs.offsets[r] + c
    key = grid.keys(seqs.x[tgt], seqs.y[tgt])
    top = predict(seqs, r, c, max(ks))
    out = {f"acc@{k}": float((top[:, :k] == key[:, None]).any(axis=1).mean()) if r.size else 0.0 for k in ks}
    out["n_samples"] = int(r.size)
    out["share_out_of_vocabulary_targets"] = float((grid.classes(key) == 0).mean()) if r.size else 0.0
    return out


def reidentification(features, users, ks=(1, 5), standardize: bool = True, chunk: int = 2048) -> dict:
    """Top-k user re-identification across sequences: for every sequence whose user has another sequence, are any
    of its k most cosine-similar other sequences the same user's? ``features``: dense (embeddings; standardised per
    dimension first when ``standardize``) or scipy sparse (bags of locations). Also gives the chance level of top-1
    (share of same-user candidates)."""
    from scipy import sparse
    from sklearn.preprocessing import StandardScaler, normalize

    users = np.asarray([str(u) for u in users], dtype=object)
    codes = np.unique(users, return_inverse=True)[1]
    counts = np.bincount(codes)
    q = np.flatnonzero(counts[codes] >= 2)
    n = users.size
    if q.size == 0 or n < 3:
        return {**{f"top{k}": float("nan") for k in ks}, "n_queries": 0, "chance_top1": float("nan")}
    X = features
    if not sparse.issparse(X):
        X = np.asarray(X, np.float64)
        if standardize:
            X = StandardScaler().fit_transform(X)
    X = normalize(X)
    kmax = min(max(ks), n - 1)
    hits = {k: 0 for k in ks}
    for b in range(0, q.size, chunk):
        qi = q[b : b + chunk]
        sim = X[qi] @ X.T
        sim = sim.toarray() if sparse.issparse(sim) else np.asarray(sim)
        sim[np.arange(qi.size), qi] = -np.inf
        top = np.argpartition(-sim, kmax - 1, axis=1)[:, :kmax]
        order = np.argsort(-np.take_along_axis(sim, top, axis=1), axis=1, kind="stable")
        top = np.take_along_axis(top, order, axis=1)
        same = codes[top] == codes[qi][:, None]
        for k in ks:
            hits[k] += int(same[:, :k].any(axis=1).sum())
    out = {f"top{k}": hits[k] / q.size for k in ks}
    out["n_queries"] = int(q.size)
    out["chance_top1"] = float(np.mean((counts[codes[q]] - 1) / (n - 1)))
    return out


def evaluate_held_out(
    model: "MobilityEmbedder",
    seqs: MobilitySequences,
    held,
    emb: Optional[np.ndarray] = None,
    max_per_sequence: Optional[int] = None,
    cancel: CancelFn = None,
    progress: ProgressFn = None,
) -> dict:
    """Out-of-sample figures on the ``held`` sequences (boolean mask; users the model was not trained on): next-
    location accuracy of the model and of the most-frequent-location and Markov baselines fitted on the other
    sequences, and re-identification across days from the embeddings (``emb``: of all ``seqs``, computed for the
    held-out ones when None) and from the baselines' bags of cells / of transitions. ``progress``: the model's
    predictions fill 0..70, the baselines' 70..90, the embeddings and re-identification 90..100."""
    held = np.asarray(held, bool)
    rows = np.flatnonzero(held)
    train = seqs.subset(~held)
    mfl = MostFrequentBaseline(model.grid_).fit(train)
    markov = MarkovBaseline(model.grid_).fit(train)
    phases = (
        ("model", model.predict_topk, 0, 70),
        ("most_frequent", mfl.predict_topk, 70, 80),
        ("markov", markov.predict_topk, 80, 90),
    )
    out = {
        "next_location": {
            name: evaluate_next(
                lambda s, r, c, k, f=f, a=a, b=b: f(s, r, c, k, cancel=cancel, progress=scaled(progress, a, b)),
                seqs,
                model.grid_,
                rows,
                max_per_sequence,
            )
            for name, f, a, b in phases
        }
    }
    hs = seqs.subset(rows)
    he = model.transform(hs, cancel=cancel) if emb is None else emb[rows]
    out["reidentification"] = {
        "embedding": reidentification(he, hs.users),
        "bag_of_cells": reidentification(mfl.features(hs), hs.users),
        "bag_of_transitions": reidentification(markov.features(hs), hs.users),
    }
    report(progress, 100.0)
    out["held_out_embeddings"] = he
    return out
