"""Per-sequence results of embedding: the input points of each sequence in time order and its summary columns
(key, user, day, day of week, counts, first and last time), ready to be written one row per sequence."""

from __future__ import annotations

from typing import List

import numpy as np


def sequence_points(seqs) -> List[np.ndarray]:
    """For each sequence of ``seqs`` (MobilitySequences), the indices of its input points in time order
    (trajectories are time-sorted and days follow each other, so a stable sort keeps that order)."""
    pts = np.argsort(seqs.point_sequence, kind="stable")
    pts = pts[seqs.point_sequence[pts] >= 0]
    bounds = np.searchsorted(seqs.point_sequence[pts], np.arange(len(seqs) + 1))
    return [pts[bounds[i] : bounds[i + 1]] for i in range(len(seqs))]


def sequence_summary(seqs) -> dict:
    """Columns of one value per sequence: ``key``, ``user``, ``day`` (local date text), ``dow`` (0 = Monday, of its
    first record), ``n_records``, ``start`` and ``end`` (epoch seconds of its first and last record)."""
    first = np.asarray(seqs.offsets[:-1], np.int64)
    last = np.asarray(seqs.offsets[1:], np.int64) - 1
    return {
        "key": list(seqs.keys),
        "user": list(seqs.users),
        "day": list(seqs.day_strings),
        "dow": np.asarray(seqs.dow)[first],
        "n_records": np.asarray(seqs.lengths),
        "start": np.asarray(seqs.t)[first],
        "end": np.asarray(seqs.t)[last],
    }
