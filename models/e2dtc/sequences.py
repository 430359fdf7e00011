"""Token sequences as E2DTC's seq2seq sees them: thinning and padding, the K-nearest-cell tables of the
spatial-proximity-aware loss (Eq. 8) and of the distortion, and the degraded copies T' of t2vec's pre-training."""

from __future__ import annotations

from typing import List, Sequence

import numpy as np

from ..core.discretize import BOS, EOS, N_SPECIAL, PAD, TokenSequences, Vocabulary
from ..core.trajectories import even_indices
from .params import E2DTCParams
from .skipgram import draw_neighbour, neighbour_cdf


def as_sequence_list(sequences) -> List[np.ndarray]:
    if isinstance(sequences, TokenSequences):
        return [sequences.sequence(i) for i in range(len(sequences))]
    return [np.asarray(s, np.int64) for s in sequences]


def _scales(vocab: Vocabulary, p: E2DTCParams):
    """(alpha of Eq. 8, distortion radius) in metres; zeros in ``p`` are scaled to the vocabulary's cell spacing.

    The reference code's exp(-0.8 d / 100 m) was tuned for t2vec's 100 m cells; on 300 m cells it leaves ~90% of
    the weight on the exact cell, so the encoder learns to tell cells apart rather than where a trajectory is, and
    k-means on its vectors misses the spatial clusters (E2DTC UACC 0.37 on the GeoLife benchmark). With alpha = 2.5
    cells the weight spreads over the 10-cell neighbourhood (benchmarks/e2dtc_geolife.py)."""
    spacing = 0.0
    if vocab.knn_dist_m is not None and vocab.knn_dist_m.shape[1] > 1 and len(vocab.knn_dist_m):
        d = vocab.knn_dist_m[:, 1]
        d = d[np.isfinite(d) & (d > 0)]
        spacing = float(np.median(d)) if d.size else 0.0
    spacing = spacing or 100.0
    return (p.dist_decay_m or 2.5 * spacing), (p.noise_radius_m or spacing)


def _full_knn(vocab: Vocabulary, k: int):
    """Full-vocabulary (V, K) neighbour tokens and their distances in metres, column 0 being the token itself.

    Special tokens have only themselves (distance 0); their other columns hold the first cell tokens at an infinite
    distance, so they get no weight and are never a spatial neighbour."""
    if vocab.knn_tokens is None or vocab.knn_tokens.shape[1] == 0:
        raise ValueError("the vocabulary has no k-nearest-cell table; discretize with K_NEAREST >= 1")
    v = vocab.size
    kk = min(k, vocab.knn_tokens.shape[1])
    nbr = np.zeros((v, kk), np.int64)
    dist = np.full((v, kk), np.inf)
    nbr[N_SPECIAL:] = vocab.knn_tokens[:, :kk]
    dist[N_SPECIAL:] = vocab.knn_dist_m[:, :kk]
    # special tokens: themselves (weight 1) against the first cell tokens, so EOS is still learnt
    fill = np.arange(N_SPECIAL, N_SPECIAL + kk - 1) % v if kk > 1 else np.zeros(0, np.int64)
    for t in range(N_SPECIAL):
        nbr[t, 0], dist[t, 0] = t, 0.0
        nbr[t, 1:] = fill
    return nbr, dist


def _knn_tables(vocab: Vocabulary, k: int, decay_m: float, noise_m: float):
    """Full-vocabulary (V, K) tables: neighbour tokens, their loss weights, their distortion probabilities."""
    nbr, dist = _full_knn(vocab, k)
    weights = np.exp(-dist / decay_m)
    weights /= weights.sum(axis=1, keepdims=True)
    move = np.exp(-(dist**2) / (2.0 * noise_m**2))
    move[:, 0] = 0.0  # a distorted point leaves its cell
    move[:N_SPECIAL] = 0.0
    total = move.sum(axis=1, keepdims=True)
    move = np.divide(move, total, out=np.zeros_like(move), where=total > 0)
    return nbr, weights.astype(np.float32), move


def _thin(seq: np.ndarray, max_length: int) -> np.ndarray:
    return seq[even_indices(seq.size, max_length)]


class _Augmenter:
    """Degraded copies T' of token sequences: drop points with rate r1, move a share r2 to a nearby cell."""

    def __init__(self, params: E2DTCParams, nbr: np.ndarray, move: np.ndarray):
        self.p, self.nbr = params, nbr
        self.cum, self.movable = neighbour_cdf(move)

    def __call__(self, seq: np.ndarray, rng: np.random.Generator, r1=None, r2=None) -> np.ndarray:
        r1 = rng.choice(self.p.drop_rates) if r1 is None else r1
        r2 = rng.choice(self.p.distort_rates) if r2 is None else r2
        out = seq
        if r1 > 0 and seq.size > 2:
            keep = rng.random(seq.size) >= r1
            keep[0] = keep[-1] = True  # the ends are kept, as in t2vec's down-sampling
            out = seq[keep]
        if r2 > 0:
            out = out.copy()
            hit = (rng.random(out.size) < r2) & self.movable[out]
            if hit.any():
                out[hit] = self.nbr[out[hit], draw_neighbour(self.cum, out[hit], rng)]
        return out


def _pad(seqs: Sequence[np.ndarray], bos=False, eos=False):
    """Padded (B, T) int64 matrix and lengths."""
    lens = np.array([s.size + bos + eos for s in seqs], np.int64)
    mat = np.full((len(seqs), int(lens.max())), PAD, np.int64)
    for i, s in enumerate(seqs):
        j = 0
        if bos:
            mat[i, 0] = BOS
            j = 1
        mat[i, j : j + s.size] = s
        if eos:
            mat[i, j + s.size] = EOS
    return mat, lens
