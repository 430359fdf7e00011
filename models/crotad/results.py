"""What a CroTad run reports besides its layers: the result values of training and of detection, and the
evaluation against labelled points flattened into result values."""

from __future__ import annotations

import re
from typing import Mapping

import numpy as np


def training_results(model, selection, n_input: int, n_cells: int) -> dict:
    """N_TRAJECTORIES, N_OD, N_DROPPED, N_SHORTER_THAN_WINDOW, N_CELLS and GRAPH_<count> of a fitted ``model``
    trained on the ``selection`` (:meth:`CroTad.select_training`) of ``n_input`` trajectories with ``n_cells``
    distinct cells."""
    results = {
        "N_TRAJECTORIES": int(selection.index.size),
        "N_OD": len(model.ods_),
        "N_DROPPED": int(n_input - selection.index.size),
        "N_SHORTER_THAN_WINDOW": selection.n_short,
        "N_CELLS": n_cells,
    }
    for k, v in model.graph_stats_.items():
        results["GRAPH_" + k.upper().replace("N_", "", 1)] = int(v)
    return results


def detection_mode(mode: str, batch: bool) -> str:
    """The DETECTION_MODE result: "online", "offline" or "online-batch" (online without the replay)."""
    return mode if not (mode == "online" and batch) else "online-batch"


def detection_results(runs, n_trajectories: int, rows, n_skipped: int) -> dict:
    """N_TRAJECTORIES, N_SKIPPED, N_ANOMALOUS_TRAJECTORIES, N_ANOMALOUS_POINTS and N_SEGMENTS of the label ``runs``
    (:func:`.evaluation.label_runs`) of the labelled trajectories ``rows`` (of ``n_trajectories``). Numbers only:
    QGIS prints every result in the log, and the per-trajectory counts are in the output layers."""
    rows = np.asarray(rows, np.int64).reshape(-1)
    anomalous = runs.anomalous_points(n_trajectories)[rows]
    return {
        "N_TRAJECTORIES": int(rows.size),
        "N_SKIPPED": n_skipped,
        "N_ANOMALOUS_TRAJECTORIES": int(np.count_nonzero(anomalous)),
        "N_ANOMALOUS_POINTS": int(anomalous.sum()),
        "N_SEGMENTS": len(runs),
    }


def result_key(kind) -> str:
    """An anomaly type as the suffix of result names ("midway_detour" -> "MIDWAY_DETOUR")."""
    return re.sub(r"\W+", "_", str(kind)).strip("_").upper() or "UNKNOWN"


def _rows(evaluation: Mapping):
    return list(evaluation["by_type"].items()) + [("all", evaluation["all"])]


def evaluation_results(evaluation: Mapping) -> dict:
    """The result values of an :func:`.evaluation.evaluate_detection` outcome: <LEVEL>_<P|R|F1>_<TYPE> of every
    anomaly type and ALL, <POINT|WINDOW|TRAJ>_FPR_<TYPE> of the normal trajectories and ANOMALY_SHARE, rounded to 4
    decimals."""
    out = {}
    for kind, r in _rows(evaluation):
        key = result_key(kind)
        if "point" in r:
            for level in ("window", "point"):
                for name, v in zip(("P", "R", "F1"), r[level]):
                    out[f"{level.upper()}_{name}_{key}"] = round(float(v), 4)
        else:
            for name in ("point_fpr", "window_fpr", "traj_fpr"):
                out[f"{name.upper()}_{key}"] = round(float(r[name]), 4)
    out["ANOMALY_SHARE"] = round(evaluation["share"], 4)
    return out


def point_f1_summary(evaluation: Mapping) -> str:
    """One line with the point-level F1 of every anomaly type and of all trajectories."""
    return "Point level: " + ", ".join(f"{k} F1 {r['point'][2]:.3f}" for k, r in _rows(evaluation) if "point" in r)
