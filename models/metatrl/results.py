"""Per-trajectory values of the MetaTRL downstream tasks: the class of each trajectory from a per-point label, and
the prediction columns written for each task row (target, prediction, correctness or error)."""

from __future__ import annotations

from collections import Counter
from typing import List, Tuple

import numpy as np

from .taskmetrics import destination_rows, top_k


def trajectory_labels(trajs, field: str) -> np.ndarray:
    """One label per trajectory: the most frequent non-empty value of the per-point attribute ``field`` (None when
    none; ties: the value seen first)."""
    values = trajs.attrs[field]
    out = np.empty(len(trajs), object)
    for i in range(len(trajs)):
        vals = [
            v
            for v in values[trajs.offsets[i] : trajs.offsets[i + 1]].tolist()
            if v is not None and v == v and str(v) != ""
        ]
        out[i] = Counter(vals).most_common(1)[0][0] if vals else None
    return out


def prediction_fields(data) -> List[Tuple[str, str]]:
    """(name, kind) of the task columns of the prediction layer ("string", "double", "int" or "bool")."""
    if data.task == "destination":
        spec = [
            ("true_unit", "string"),
            ("pred_unit", "string"),
            ("probability", "double"),
            ("correct", "bool"),
            ("in_top5", "bool"),
            ("top5", "string"),
            ("pred_lon", "double"),
            ("pred_lat", "double"),
        ]
        if data.y.ndim == 2:
            spec += [("units_predicted", "int"), ("units_correct", "int")]
        return spec
    if data.task == "travel_time":
        return [("minutes", "double"), ("pred_minutes", "double"), ("abs_error", "double")]
    return [("label", "string"), ("pred_label", "string"), ("probability", "double"), ("correct", "bool")]


def _destination_rows(data, pred, keys, lonlat) -> List[list]:
    last_y, last_p, n_right = destination_rows(data.y, pred)
    tops = top_k(last_p, 5)
    rows = []
    for r in range(len(data)):
        top, y = tops[r], last_y[r]
        vals = [
            str(keys[y]),
            str(keys[top[0]]),
            float(last_p[r, top[0]]),
            bool(top[0] == y),
            bool(y in top),
            ",".join(str(keys[k]) for k in top),
            float(lonlat[top[0], 0]),
            float(lonlat[top[0], 1]),
        ]
        if n_right is not None:
            vals += [data.n_targets, int(n_right[r])]
        rows.append(vals)
    return rows


def prediction_rows(data, pred, keys, lonlat) -> List[list]:
    """The values of :func:`prediction_fields` for every task row: ``pred`` the model's output for every row,
    ``keys`` / ``lonlat`` the unit keys and centres of the model's unit network."""
    if data.task == "destination":
        return _destination_rows(data, pred, keys, lonlat)
    if data.task == "travel_time":
        return [[float(data.y[r]), float(pred[r]), float(abs(pred[r] - data.y[r]))] for r in range(len(data))]
    rows = []
    for r in range(len(data)):
        k = int(np.argmax(pred[r]))
        rows.append([str(data.classes[data.y[r]]), str(data.classes[k]), float(pred[r, k]), bool(k == data.y[r])])
    return rows
