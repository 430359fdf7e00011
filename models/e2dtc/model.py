"""E2DTC deep trajectory clustering (Fang et al., ICDE 2021) on the t2vec seq2seq model (Li et al., ICDE 2018).

Pure engine (numpy + torch + scikit-learn), scikit-learn shaped: ``E2DTC(...).fit(sequences, vocab)``, then
``transform`` (embeddings), ``predict`` (labels), ``predict_proba`` (soft assignment q), ``save``/``load``.

What it does, with the paper's equation numbers:
0. Cell vectors (Eq. 7): skip-gram with negative sampling over the token sequences (window c) plus each cell's
   spatial neighbours (skipgram.py) initialises the token embeddings, which then stay fixed
   (``freeze_cell_vectors``) so that the encoder's inputs keep the spatial smoothness.
1. Pre-training (t2vec): a GRU encoder-decoder (bidirectional encoder) learns to rebuild a trajectory T from a
   degraded copy T' (points dropped with rate r1, distorted with rate r2, both drawn from {0, .2, .4, .6}). The loss is
   the spatial-proximity-aware NLL (Eq. 8): the target cell's K nearest cells get weights proportional to
   exp(-d / alpha), and their log-probabilities come from a softmax over the whole vocabulary (``full_softmax``;
   False = over those K cells only, how files written before it were trained). alpha defaults to 2.5 cell spacings
   (see ``_scales``). The trajectory vector is the mean of the encoder's outputs over the sequence (``readout="mean"``;
   "last" = the final hidden state of the top layer, as in the reference code), and it is also the decoder's initial
   state, so the reconstruction loss shapes exactly the vector that is clustered.
2. k-means (scikit-learn) on the embeddings gives the initial centroids (or the elbow picks k, ``elbow_k``).
3. Self-training: Student-t soft assignment q (Eq. 9), target p = q^2 / f renormalised (Eq. 10), recomputed every
   ``update_interval`` batches on the whole set, KL(P||Q) (Eq. 11), a triplet loss (Eq. 13) with the augmented copy of
   the anchor as positive and a trajectory of another cluster as negative, L = Lr + beta Lc + gamma Lt (Eq. 14).
   Stops when fewer than ``tol`` of the assignments change between two target updates (Algorithm 1), or after
   ``selftrain_epochs``.

Differences from the reference code, on purpose: the KL targets are indexed by trajectory (never by the position in
a length-sorted batch), the centroids are trainable parameters, stopping never looks at ground-truth labels, and
everything runs on CPU or CUDA.

Distortion works on tokens (this engine sees cell sequences, not GPS points): a distorted point moves to one of its
K nearest cells, drawn with probability proportional to exp(-d^2 / (2 r^2)) with r = ``noise_radius_m`` (t2vec adds
Gaussian noise to the coordinates, then re-discretizes; with r equal to the cell size this moves most distorted
points to an adjacent cell).
"""

from __future__ import annotations

import time
from typing import List, Optional

import numpy as np

from ..core.discretize import N_SPECIAL, PAD, Vocabulary
from ..core.modelfile import MAX_LAYERS, MAX_WIDTH, ModelFileMixin, check_sizes, params_from_meta, torch_setup
from ..core.progress import CancelFn, ProgressFn, check, report, scaled
from .params import E2DTCParams, make_params
from .sequences import _Augmenter, _full_knn, _knn_tables, _pad, _scales, _thin, as_sequence_list

#: checks of a model file's stored sizes before the network is built (see ``check_sizes``)
_FILE_CEILINGS = {"embedding_size": MAX_WIDTH, "hidden_size": MAX_WIDTH, "num_layers": MAX_LAYERS, "n_clusters": 65_536}
_FILE_SHAPES = (
    ("vocabulary", "embed.weight", 0),
    ("embedding_size", "embed.weight", 1),
    ("hidden_size", "decoder.weight_hh_l0", 1),
    ("num_layers", "decoder.weight_hh_l{}", None),
    ("vocabulary", "out.weight", 0),
    ("n_clusters", "__centroids__", 0),
    ("hidden_size", "__centroids__", 1),
)


def elbow_k(embeddings: np.ndarray, k_values=range(2, 23), seed: int = 0, cancel: CancelFn = None):
    """The elbow of k-means' sum of squared distances over ``k_values`` (E2DTC section VII-G).

    Returns (k, list of (k, inertia)). The elbow is the k farthest below the straight line joining the first and
    last points of the curve, both axes scaled to [0, 1]."""
    from sklearn.cluster import KMeans

    ks = [k for k in k_values if 2 <= k <= len(embeddings)]
    if len(ks) < 3:
        raise ValueError(
            f"too few trajectories ({len(embeddings)}) to choose the number of clusters automatically; set N_CLUSTERS"
        )
    inertia = []
    for k in ks:
        check(cancel)
        inertia.append(float(KMeans(k, n_init=4, random_state=seed).fit(embeddings).inertia_))
    x = (np.array(ks, float) - ks[0]) / (ks[-1] - ks[0])
    y = np.array(inertia)
    y = (y - y.min()) / max(y.max() - y.min(), 1e-12)
    below = (1.0 - x) - y  # the line goes from (0, 1) to (1, 0)
    return int(ks[int(np.argmax(below))]), list(zip(ks, inertia))


class _OtherCluster:
    """Draws, for an anchor i, a trajectory of another cluster uniformly: what ``rng.choice(np.flatnonzero(labels !=
    labels[i]))`` draws (the same random numbers, the same index), without scanning all n labels per anchor.

    The r-th index whose label is not L is r + the number of L's indices at or before it; with the sorted indices
    of L, ``idx_L[m] - m`` counts the other indices before ``idx_L[m]``, so a binary search finds it."""

    def __init__(self, labels: np.ndarray):
        self.n = labels.size
        self.labels = labels
        order = np.argsort(labels, kind="stable")  # indices grouped by label, ascending within a label
        self.sorted_labels = labels[order]
        self.gaps = order - (np.arange(self.n) - np.searchsorted(self.sorted_labels, self.sorted_labels))

    def draw(self, anchors, rng: np.random.Generator) -> list:
        out = []
        for i in anchors:
            a = np.searchsorted(self.sorted_labels, self.labels[i], side="left")
            b = np.searchsorted(self.sorted_labels, self.labels[i], side="right")
            n_other = self.n - (b - a)
            if n_other == 0:
                out.append(int(rng.integers(self.n)))
                continue
            r = int(rng.integers(0, n_other, dtype=np.int64))
            out.append(r + int(np.searchsorted(self.gaps[a:b], r, side="right")))
        return out

    def draw_hard(self, anchors, rng: np.random.Generator, z: np.ndarray, m: int) -> list:
        """For each anchor, the nearest (in ``z``, the embeddings of the last target update) of ``m`` trajectories
        drawn as :meth:`draw` does: a negative near the cluster boundary, which the triplet loss can still move."""
        anchors = list(anchors)
        cand = np.array([self.draw(anchors, rng) for _ in range(m)]).T  # (b, m)
        d2 = ((z[cand] - z[np.asarray(anchors)][:, None, :]) ** 2).sum(-1)
        return cand[np.arange(len(anchors)), d2.argmin(axis=1)].tolist()


class E2DTC(ModelFileMixin):
    """E2DTC clustering of token sequences. ``params`` is an :class:`E2DTCParams` (see :func:`make_params`)."""

    ALGORITHM = "e2dtc"
    MODEL_VERSION = 2  # 2: the trajectory vector can be the mean encoder output (readout)
    FILE_LABEL = "an E2DTC one"
    FILE_CEILINGS = _FILE_CEILINGS

    def __init__(self, params: Optional[E2DTCParams] = None, device: str = "auto", n_threads: Optional[int] = None):
        self.params = params or make_params("fast-cpu")
        self.device = device
        self.n_threads = n_threads
        self.vocab_: Optional[Vocabulary] = None
        self.net_ = None
        self.centroids_ = None
        self.history_: dict = {}
        self.labels_: Optional[np.ndarray] = None  # assignments of the training sequences after fit
        self.proba_: Optional[np.ndarray] = None  # their soft assignments q

    # ------------------------------------------------------------------------------ helpers
    def _setup(self):
        torch, self._dev = torch_setup(self.device, self.n_threads)
        return torch

    def _require_fitted(self):
        if self.net_ is None or self.centroids_ is None:
            raise RuntimeError("the E2DTC model is not trained yet: call fit() or load()")

    def _prepare(self, sequences) -> List[np.ndarray]:
        seqs = as_sequence_list(sequences)
        if not seqs:
            raise ValueError("no trajectories given")
        empty = sum(1 for s in seqs if s.size == 0)
        if empty:
            raise ValueError(f"{empty} trajectory(ies) have no token; drop them before clustering")
        v = self.vocab_.size
        bad = [int(s.max()) for s in seqs if s.size and (s.max() >= v or s.min() < 0)]
        if bad:
            raise ValueError(
                f"token {max(bad)} is outside the model's vocabulary of {v} tokens: the sequences were "
                "made with another vocabulary (discretize with the model's vocabulary)"
            )
        return [_thin(s, self.params.max_length) for s in seqs]

    def _encode(
        self, seqs: List[np.ndarray], batch_size=None, cancel: CancelFn = None, progress: ProgressFn = None
    ) -> np.ndarray:
        """Trajectory vectors (``readout``: the mean encoder output or the last hidden state) in eval mode, in input
        order; ``progress`` follows the batches."""
        torch = self._setup()
        net = self.net_
        net.eval()
        bs = batch_size or max(1024, self.params.batch_size)
        # batches of similar lengths (longest first): a batch then pads and steps through about its own length,
        # not the longest of a random draw; in eval mode a trajectory's vector does not depend on its batch
        order = np.argsort(-np.array([s.size for s in seqs], np.int64), kind="stable")
        out = np.zeros((len(seqs), self.params.hidden_size), np.float32)
        with torch.no_grad():
            for a in range(0, len(seqs), bs):
                check(cancel)
                idx = order[a : a + bs]
                mat, lens = _pad([seqs[i] for i in idx])
                z, _ = net.encode(torch.from_numpy(mat).to(self._dev), torch.from_numpy(lens))
                out[idx] = z.cpu().numpy()
                report(progress, 100.0 * (a + idx.size) / len(seqs))
        return out

    @staticmethod
    def _soft_assign(z, mu):
        """Student-t soft assignment q_ij (Eq. 9, alpha = 1)."""
        d2 = ((z[:, None, :] - mu[None, :, :]) ** 2).sum(-1)
        q = 1.0 / (1.0 + d2)
        return q / q.sum(dim=1, keepdim=True)

    @staticmethod
    def target_distribution(q: np.ndarray) -> np.ndarray:
        """p_ij = (q_ij^2 / f_j) / sum_j' (q_ij'^2 / f_j') with f_j = sum_i q_ij (Eq. 10)."""
        w = q**2 / q.sum(axis=0, keepdims=True)
        return w / w.sum(axis=1, keepdims=True)

    def _recon_loss(self, torch, h, tgt_seqs):
        """Spatial-proximity-aware NLL (Eq. 8) of rebuilding ``tgt_seqs`` from encoder states ``h``."""
        tgt_in, lens = _pad(tgt_seqs, bos=True)
        tgt_out, _ = _pad(tgt_seqs, eos=True)
        tgt_in = torch.from_numpy(tgt_in).to(self._dev)
        tgt_out = torch.from_numpy(tgt_out).to(self._dev)
        mask = tgt_out != PAD
        # only the N real (not padded) positions are decoded and projected onto the vocabulary: with a batch's
        # longest sequence several times its mean length, the padding was most of a step's time and memory
        out = self.net_.decode(h, tgt_in, torch.from_numpy(lens))[mask]  # (N, H)
        tgt = tgt_out[mask]
        nbr = self._nbr_t[tgt]  # (N, K)
        w = self._w_t[tgt]
        if self.params.full_softmax:
            logp = torch.log_softmax(self.net_.out(out), dim=-1).gather(-1, nbr)  # (N, K) of the full softmax
        else:
            weight = self.net_.out.weight[nbr]  # (N, K, H)
            logp = torch.log_softmax((weight * out.unsqueeze(1)).sum(-1) + self.net_.out.bias[nbr], dim=-1)
        return (-(w * logp).sum(-1)).mean()

    def _batches(self, n, rng):
        order = rng.permutation(n)
        bs = self.params.batch_size
        return [order[a : a + bs] for a in range(0, n, bs)]

    # ------------------------------------------------------------------------------ training
    def fit(
        self,
        sequences,
        vocab: Vocabulary,
        progress: ProgressFn = None,
        cancel: CancelFn = None,
        log=None,
        n_clusters: Optional[int] = None,
        extra_sequences=None,
    ):
        """Pre-train, initialise the centroids with k-means (``n_clusters`` 0 = elbow), then self-train.

        ``extra_sequences`` (optional) join the pre-training only: t2vec learns its trajectory vectors from them and
        from ``sequences``, but only ``sequences`` are clustered and self-trained (e.g. a large unlabelled archive
        beside the trajectories to cluster)."""
        seqs = as_sequence_list(sequences)
        extra = as_sequence_list(extra_sequences) if extra_sequences is not None else []
        if extra:
            self._check_clustering(seqs, n_clusters)  # fail before a long pre-training
        self.pretrain(seqs + extra, vocab, scaled(progress, 0, 60), cancel, log, n_clusters)
        return self.fit_clusters(seqs, scaled(progress, 60, 100), cancel, log, n_clusters)

    def _check_clustering(self, seqs: List[np.ndarray], n_clusters: Optional[int]) -> int:
        """The number of clusters asked for (0 = elbow), after checking that ``seqs`` can be cut into it."""
        k = self.params.n_clusters if n_clusters is None else int(n_clusters)
        n = len(seqs)
        if k == 1 or k < 0:
            raise ValueError(f"N_CLUSTERS must be at least 2 (or 0 to choose it automatically), got {k}")
        if k > n:
            raise ValueError(
                f"N_CLUSTERS ({k}) is larger than the number of trajectories ({n}); lower N_CLUSTERS "
                "(or set 0 to choose it automatically)"
            )
        if n < 2:
            raise ValueError("at least 2 trajectories are needed to cluster")
        if len({s.tobytes() for s in seqs}) < 2:
            raise ValueError(
                "all trajectories have the same cell sequence (e.g. all in one cell): nothing to "
                "cluster; use a smaller cell size"
            )
        return k

    def pretrain(
        self,
        sequences,
        vocab: Vocabulary,
        progress: ProgressFn = None,
        cancel: CancelFn = None,
        log=None,
        n_clusters: Optional[int] = None,
    ):
        """Phase 1 (t2vec): the seq2seq model learns to rebuild trajectories from degraded copies."""
        torch = self._setup()
        p = self.params
        self.vocab_ = vocab
        seqs = self._prepare(sequences)
        n = len(seqs)
        self._check_clustering(seqs, n_clusters)
        log = log or (lambda msg: None)
        self._rng = np.random.default_rng(p.seed)
        rng = self._rng
        torch.manual_seed(p.seed)
        self._set_tables(torch)
        from .net import Seq2Seq

        self.net_ = Seq2Seq(vocab.size, p).to(self._dev)
        self.centroids_ = None
        self.history_ = {"pretrain_loss": [], "selftrain": [], "changed": [], "elbow": None, "n_pretrain": n}
        if p.skipgram_epochs > 0:
            self._init_cell_vectors(torch, seqs, scaled(progress, 0, 5), cancel, log)
            progress = scaled(progress, 5, 100)

        if p.skipgram_epochs > 0 and p.freeze_cell_vectors:
            self.net_.embed.weight.requires_grad_(False)
        opt = torch.optim.Adam([w for w in self.net_.parameters() if w.requires_grad], lr=p.pretrain_lr)
        n_steps = max(1, p.pretrain_epochs * int(np.ceil(n * p.pairs_per_trajectory / p.batch_size)))
        step = 0
        for epoch in range(p.pretrain_epochs):
            self.net_.train()
            t0, total, count = time.perf_counter(), 0.0, 0
            order = rng.permutation(np.repeat(np.arange(n), p.pairs_per_trajectory))
            for a in range(0, order.size, p.batch_size):
                check(cancel)
                tgt = [seqs[i] for i in order[a : a + p.batch_size]]
                src = [self._augment(s, rng) for s in tgt]
                mat, lens = _pad(src)
                _, h0 = self.net_.encode(torch.from_numpy(mat).to(self._dev), torch.from_numpy(lens))
                loss = self._recon_loss(torch, h0, tgt)
                opt.zero_grad()
                loss.backward()
                torch.nn.utils.clip_grad_norm_(self.net_.parameters(), p.max_grad_norm)
                opt.step()
                total += float(loss.detach()) * len(tgt)
                count += len(tgt)
                step += 1
                report(progress, 100.0 * step / n_steps)
            self.history_["pretrain_loss"].append(total / max(count, 1))
            log(
                f"pre-training epoch {epoch + 1}/{p.pretrain_epochs}: loss {total / max(count, 1):.4f} "
                f"({time.perf_counter() - t0:.1f} s)"
            )
        return self

    def _init_cell_vectors(self, torch, seqs, progress, cancel, log):
        """Phase 0 (Eq. 7): skip-gram cell vectors initialise the network's token embeddings."""
        from .skipgram import train_cell_embeddings

        p, vocab = self.params, self.vocab_
        t0 = time.perf_counter()
        nbr, dist = _full_knn(vocab, vocab.knn_tokens.shape[1])
        vectors = train_cell_embeddings(
            seqs,
            vocab.size,
            p.embedding_size,
            window=p.skipgram_window,
            nbr=nbr,
            dist_m=dist,
            decay_m=_scales(vocab, p)[0],
            epochs=p.skipgram_epochs,
            seed=p.seed,
            device=self._dev,
            progress=progress,
            cancel=cancel,
        )
        cells = vectors[N_SPECIAL:]
        # centred per dimension, divided by the spread of all raw values: near nn.Embedding's N(0, 1) scale
        cells = (cells - cells.mean(axis=0)) / max(float(cells.std()), 1e-6)
        with torch.no_grad():
            self.net_.embed.weight[N_SPECIAL:] = torch.from_numpy(cells).to(self._dev)
        log(f"skip-gram cell vectors: {p.skipgram_epochs} epochs ({time.perf_counter() - t0:.1f} s)")

    def _set_tables(self, torch):
        p = self.params
        nbr, w, move = _knn_tables(self.vocab_, p.knn_k, *_scales(self.vocab_, p))
        self._nbr_t = torch.from_numpy(nbr).to(self._dev)
        self._w_t = torch.from_numpy(w).to(self._dev)
        self._augment = _Augmenter(p, nbr, move)

    def fit_clusters(
        self,
        sequences,
        progress: ProgressFn = None,
        cancel: CancelFn = None,
        log=None,
        n_clusters: Optional[int] = None,
    ):
        """Phases 2-3 on a pre-trained model: k-means centroids (elbow when k is 0), then self-training."""
        from sklearn.cluster import KMeans

        torch = self._setup()
        if self.net_ is None:
            raise RuntimeError("pre-train the model first (pretrain or fit)")
        p = self.params
        log = log or (lambda msg: None)
        seqs = self._prepare(sequences)
        k = self._check_clustering(seqs, n_clusters)
        if not hasattr(self, "_rng"):
            self._rng = np.random.default_rng(p.seed)
            self._set_tables(torch)
        z = self._encode(seqs, cancel=cancel)
        if k == 0:
            k, curve = elbow_k(z, seed=p.seed, cancel=cancel)
            self.history_["elbow"] = curve
            log(f"elbow: {k} clusters")
        report(progress, 5)
        km = KMeans(k, n_init=10, random_state=p.seed).fit(z)
        self.params.n_clusters = k
        self.pretrain_labels_ = km.labels_.astype(np.int64)
        self.centroids_ = torch.nn.Parameter(torch.tensor(km.cluster_centers_, dtype=torch.float32, device=self._dev))
        self.history_["selftrain"], self.history_["changed"] = [], []
        report(progress, 10)
        steps = self._selftrain(seqs, z, scaled(progress, 10, 100), cancel, log)
        # without a self-training step the network is the one z came from: no second encoding pass
        self.labels_, self.proba_ = self.predict_encoded(self._encode(seqs, cancel=cancel) if steps else z)
        report(progress, 100)
        return self

    def _selftrain(self, seqs, z0, progress, cancel, log) -> int:
        """Self-training from the pre-trained embeddings ``z0``; returns the number of optimiser steps taken."""
        torch = self._setup()
        augment, rng = self._augment, self._rng
        p = self.params
        n = len(seqs)
        params = list(self.net_.parameters()) + [self.centroids_]
        opt = torch.optim.Adam(params, lr=p.learning_rate)
        triplet = torch.nn.TripletMarginLoss(margin=p.triplet_margin, reduction="none")
        labels = self.pretrain_labels_.copy()
        other_cluster = _OtherCluster(labels)
        target = None
        per_epoch = int(np.ceil(n / p.batch_size))
        interval = max(1, min(p.update_interval, per_epoch))  # targets are refreshed at least once per epoch
        step, n_steps = 0, max(1, p.selftrain_epochs * per_epoch)
        keys = ("total", "reconstruction", "clustering", "triplet", "active_triplets")

        def close_epoch(epoch, sums, count, t0):
            """Record the epoch's mean losses (and the share of triplets inside the margin, the only ones that
            move the encoder); a converged epoch is recorded up to where it stopped."""
            if not count:
                return
            mean = sums / count
            self.history_["selftrain"].append(dict(zip(keys, mean.tolist())))
            log(
                f"self-training epoch {epoch + 1}/{p.selftrain_epochs}: loss {mean[0]:.4f} (rec {mean[1]:.4f}, "
                f"KL {mean[2]:.4f}, triplet {mean[3]:.4f}, {mean[4]:.1%} of the triplets inside the margin; "
                f"{count:,} trajectories, {time.perf_counter() - t0:.1f} s)"
            )

        for epoch in range(p.selftrain_epochs):
            t0 = time.perf_counter()
            sums = np.zeros(len(keys))
            count = 0
            for idx in self._batches(n, rng):
                check(cancel)
                if step % interval == 0:
                    z_all = z0 if step == 0 else self._encode(seqs, cancel=cancel)  # z0: the net has not moved
                    q = self._soft_assign_all(z_all)
                    target = torch.from_numpy(self.target_distribution(q).astype(np.float32)).to(self._dev)
                    new = q.argmax(axis=1)
                    changed = float(np.mean(new != labels))
                    labels = new
                    other_cluster = _OtherCluster(labels)
                    self.history_["changed"].append((step, changed))
                    if step > 0 and changed < p.tol:
                        close_epoch(epoch, sums, count, t0)
                        log(f"self-training converged: {changed:.4%} of the assignments changed (< {p.tol:.2%})")
                        return step
                self.net_.train()
                anchors = [seqs[i] for i in idx]
                positives = [augment(s, rng) for s in anchors]
                if p.hard_negatives > 1:
                    neg_idx = other_cluster.draw_hard(idx, rng, z_all, p.hard_negatives)
                else:
                    neg_idx = other_cluster.draw(idx, rng)
                negatives = [seqs[j] for j in neg_idx]
                b = len(idx)
                mat, lens = _pad(anchors + positives + negatives)
                z, h0 = self.net_.encode(torch.from_numpy(mat).to(self._dev), torch.from_numpy(lens))
                z_a, z_p, z_n = z[:b], z[b : 2 * b], z[2 * b :]
                l_rec = self._recon_loss(torch, h0[:, b : 2 * b], anchors)  # rebuild T from T'
                q = self._soft_assign(z_a, self.centroids_)
                p_batch = target[torch.from_numpy(np.asarray(idx)).to(self._dev)]  # aligned by trajectory index
                l_clu = torch.nn.functional.kl_div(q.log(), p_batch, reduction="batchmean")
                per_triplet = triplet(z_a, z_p, z_n)
                l_tri = per_triplet.mean()
                loss = l_rec + p.beta * l_clu + p.gamma * l_tri
                opt.zero_grad()
                loss.backward()
                torch.nn.utils.clip_grad_norm_(params, p.max_grad_norm)
                opt.step()
                sums += (
                    np.array([float(v.detach()) for v in (loss, l_rec, l_clu, l_tri, (per_triplet > 0).float().mean())])
                    * b
                )
                count += b
                step += 1
                report(progress, 100.0 * step / n_steps)
            close_epoch(epoch, sums, count, t0)
        return step

    # ------------------------------------------------------------------------------ inference
    def transform(self, sequences, cancel: CancelFn = None, progress: ProgressFn = None) -> np.ndarray:
        """Trajectory embeddings (n, HIDDEN_SIZE)."""
        self._require_fitted()
        return self._encode(self._prepare(sequences), cancel=cancel, progress=progress)

    def _soft_assign_all(self, z: np.ndarray, chunk: int = 16_384) -> np.ndarray:
        """q of every row of ``z`` (Eq. 9), ``chunk`` rows at a time: the (n, k, H) differences of all rows at once
        were 2.8 GB for 455 k trajectories, 12 clusters and 128 dimensions."""
        import torch

        q = np.zeros((len(z), self.centroids_.shape[0]), np.float32)
        with torch.no_grad():
            for a in range(0, len(z), chunk):
                part = torch.from_numpy(np.ascontiguousarray(z[a : a + chunk])).to(self._dev)
                q[a : a + chunk] = self._soft_assign(part, self.centroids_).cpu().numpy()
        return q

    def predict_encoded(self, z: np.ndarray):
        q = self._soft_assign_all(z)
        return q.argmax(axis=1).astype(np.int64), q

    def predict_proba(self, sequences, cancel: CancelFn = None) -> np.ndarray:
        return self.predict_encoded(self.transform(sequences, cancel=cancel))[1]

    def predict(self, sequences, cancel: CancelFn = None) -> np.ndarray:
        return self.predict_encoded(self.transform(sequences, cancel=cancel))[0]

    # ------------------------------------------------------------------------------ persistence (ModelFileMixin)
    def _file_meta(self) -> dict:
        return {"vocabulary": self.vocab_.to_json(), "history": self.history_}

    def _file_state(self) -> dict:
        state = dict(self.net_.state_dict())
        state["__centroids__"] = self.centroids_
        return state

    @classmethod
    def _from_file(cls, meta, state, device, n_threads, path) -> "E2DTC":
        from .net import Seq2Seq

        params = dict(meta["params"])
        params.setdefault("readout", "last")  # version 1 files: the final hidden state
        params.setdefault("full_softmax", False)  # files written before it were trained over the K nearest only
        model = cls(params_from_meta(E2DTCParams, params), device=device, n_threads=n_threads)
        torch = model._setup()
        model.vocab_ = Vocabulary.from_json(meta["vocabulary"])
        sizes = {**vars(model.params), "vocabulary": model.vocab_.size}
        check_sizes(sizes, state, path, {}, _FILE_SHAPES)
        model.history_ = meta.get("history", {})
        model.extra_ = meta.get("extra", {})
        centroids = state.pop("__centroids__")
        model.net_ = Seq2Seq(model.vocab_.size, model.params)
        cls.load_weights(model.net_, state, path)
        model.net_.to(model._dev)
        model.centroids_ = torch.nn.Parameter(centroids.to(model._dev))
        return model
