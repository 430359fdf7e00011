"""Result tables of the ground-truth generators: cluster sizes, per-trajectory values of a point column,
anomaly counts and road lengths, in the form the adapters report them."""

from __future__ import annotations

from typing import Dict, List, Sequence, Tuple

import numpy as np


def cluster_summary(labels: np.ndarray, n_centers: int, radius: float) -> Tuple[np.ndarray, Dict[str, object]]:
    """(trajectories per centre, result values) of cluster labels (-1 = unassigned) around ``n_centers``."""
    labels = np.asarray(labels)
    counts = np.bincount(labels[labels >= 0], minlength=n_centers)
    return counts, {
        "N_ASSIGNED": int((labels >= 0).sum()),
        "N_UNASSIGNED": int((labels < 0).sum()),
        "N_CLUSTERS": int(n_centers),
        "N_NONEMPTY_CLUSTERS": int((counts > 0).sum()),
        "RADIUS_M": float(radius),
        "CLUSTER_SIZES": counts.tolist(),
    }


def first_point_values(point_values: Sequence, offsets: np.ndarray) -> Tuple[List, int]:
    """(value at the first point of every trajectory, number of trajectories whose value changes along the way)
    of one value per point; trajectory i holds points ``offsets[i]:offsets[i + 1]``."""
    firsts = np.asarray(offsets)[:-1].tolist()
    values = [point_values[s] for s in firsts]
    n_mixed = 0
    for i, s in enumerate(firsts):
        e = int(offsets[i + 1])
        if any(point_values[p] != values[i] for p in range(s + 1, e)):
            n_mixed += 1
    return values, n_mixed


def anomaly_counts(counts: Dict[str, int], failed: Dict[str, int], n_od: int, n_out: int, types, normal: str):
    """The result values of a synthetic anomaly run: N_TRAJECTORIES, N_NORMAL, N_<TYPE> per anomaly type of
    ``types``, N_FAILED (samples not built) and N_OD."""
    out = {"N_TRAJECTORIES": int(n_out), "N_NORMAL": int(counts.get(normal, 0))}
    for code in types:
        out["N_" + code.upper()] = int(counts.get(code, 0))
    out["N_FAILED"] = int(sum(failed.values()))
    out["N_OD"] = int(n_od)
    return out


def polyline_lengths(lines: Sequence[np.ndarray]) -> np.ndarray:
    """Length of every (k, 2) polyline, in its coordinate units."""
    return np.array([float(np.hypot(*np.diff(line, axis=0).T).sum()) for line in lines], dtype=float)
