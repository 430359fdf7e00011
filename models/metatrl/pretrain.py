"""MetaTRL's pre-training batches (Eq. 19-20): span masking of whole sub-trajectories (unit and time hidden, the
unit to recover), time masking of other units (the elapsed time to recover), and batches of similar lengths."""

from __future__ import annotations

from typing import List

import numpy as np

from ..core.units import MASK_TOKEN, N_DAYS, N_MINUTES, N_SPECIAL, UnitSequences, batch_arrays
from .params import MetaTRLParams


def span_mask(length: int, ratio: float, span_mean: float, rng) -> np.ndarray:
    """Positions (bool, ``length``) of non-adjacent spans covering about ``ratio`` of a sequence (at least one unit,
    never all of it); span lengths are geometric with mean ``span_mean``."""
    m = np.zeros(length, bool)
    target = max(1, int(round(ratio * length)))
    target = min(target, max(length - 1, 1))
    tries = 0
    while m.sum() < target and tries < 4 * length:
        tries += 1
        span = int(min(rng.geometric(1.0 / span_mean), target - m.sum()))
        start = int(rng.integers(0, length))
        end = min(start + span, length)
        lo, hi = max(start - 1, 0), min(end + 1, length)
        if m[lo:hi].any():  # spans stay apart: sub-trajectories, not one long gap
            continue
        m[start:end] = True
    if length > 1 and m.all():
        m[int(rng.integers(0, length))] = False
    return m


def pretrain_batch(seqs: UnitSequences, rows, p: MetaTRLParams, rng):
    """Arrays of a pre-training batch: a random window of at most max_len units per trajectory, span-masked units
    (token MASK, time hidden) with their unit targets, time-masked units with their targets."""
    rows = np.asarray(rows, np.int64)
    lens = seqs.lengths[rows]
    take = np.minimum(lens, p.max_len)
    start = (rng.random(rows.size) * (lens - take + 1)).astype(np.int64)
    b = batch_arrays(seqs, rows, p.max_len, keep=start + take)  # units start .. start + take - 1
    B, L = b["tokens"].shape
    fm = np.zeros((B, L), bool)
    for i, k in enumerate(take):
        fm[i, :k] = span_mask(int(k), p.mask_ratio, p.span_mean, rng)
    tm = (~fm) & (~b["pad"]) & (rng.random((B, L)) < p.time_mask_ratio)
    b["fm_target"] = np.where(fm, b["tokens"] - N_SPECIAL, -100)
    b["tm_target"] = np.log1p(b["elapsed"] / 60.0).astype(np.float32)
    b["tm"] = tm
    b["tokens"] = np.where(fm, MASK_TOKEN, b["tokens"])
    hide = fm | tm
    b["time_mask"] = b["time_mask"] | hide
    b["minute"] = np.where(hide, N_MINUTES, b["minute"])
    b["dow"] = np.where(hide, N_DAYS, b["dow"])
    b["delta"] = np.where(hide, 0.0, b["delta"]).astype(np.float32)
    return b


def length_batches(lengths, rows, batch_size: int, rng, pool: int = 20) -> List[np.ndarray]:
    """``rows`` in random batches of about equal length (less padding): shuffled, sorted by length within pools of
    ``pool`` batches, cut into batches, and the batches shuffled."""
    rows = np.asarray(rows, np.int64)
    lengths = np.asarray(lengths)
    perm = rng.permutation(rows.size)
    out = []
    step = batch_size * pool
    for k in range(0, perm.size, step):
        chunk = perm[k : k + step]
        chunk = chunk[np.argsort(lengths[chunk], kind="stable")]
        out += [rows[chunk[j : j + batch_size]] for j in range(0, chunk.size, batch_size)]
    return [out[i] for i in rng.permutation(len(out))]
