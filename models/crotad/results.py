"""What a CroTad run reports besides its layers: the result values of training and of detection, the evaluation
against labelled points flattened into result values, and the evaluation's figures beside the frequent-cells rule
(:func:`rule_evaluation`, :func:`detection_figures`)."""

from __future__ import annotations

import re
from typing import List, Mapping, Optional, Sequence

import numpy as np

from ..core.figures import Figure
from .evaluation import TYPE_LABELS, evaluate_cell_labels

#: the name of the detection baseline, as printed beside CroTad's figures
RULE_NAME = "frequent-cells rule"
#: the figures of a level: (name, index in a (P, R, F1) triple)
_MEASURES = (("precision", 0), ("recall", 1), ("F1", 2))


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


def rule_evaluation(
    model, seqs, rows, od: Sequence, kinds, point_truth, vote_threshold: Optional[int] = None, cancel=None
) -> dict:
    """The evaluation (:func:`.evaluation.evaluate_cell_labels`) of the frequent-cells rule of ``model``
    (:func:`.baselines.frequent_cells_rule`: no training data needed, ``vote_threshold`` as the detection's) on the
    trajectories ``rows`` of the cell sequences ``seqs`` (``od``: OD key of every trajectory; ``kinds`` and
    ``point_truth`` as for :func:`~.evaluation.evaluate_cell_labels`): the detection's cells, windows, votes and
    metrics, only the window classifier differs."""
    from .baselines import frequent_cells_rule

    rule = frequent_cells_rule(model, vote_threshold)
    rows = [int(i) for i in np.asarray(rows, np.int64).reshape(-1)]
    found = rule.detect([seqs.seq(i) for i in rows], [str(od[i]) for i in rows], cancel=cancel)
    labels = np.full(seqs.cells.shape[0], -1, np.int8)
    for i, det in zip(rows, found):
        labels[seqs.offsets[i] : seqs.offsets[i + 1]] = det.labels
    actions = {i: det.actions for i, det in zip(rows, found)}
    return evaluate_cell_labels(seqs, rows, kinds, point_truth, labels, actions, rule.window)


def _type_order(by_type: Mapping) -> list:
    """The anomaly types of ``by_type`` in Table 2 order (others after them), the normal trajectories left out."""
    known = [t for t in TYPE_LABELS if t in by_type and "point" in by_type[t]]
    return known + sorted(t for t in by_type if t not in TYPE_LABELS and "point" in by_type[t])


def detection_figures(evaluation: Mapping, baseline: Mapping) -> List[Figure]:
    """CroTad's precision, recall and F1 over all trajectories (point and window level) and its point F1 per anomaly
    type, each beside the same figure of the frequent-cells rule (``baseline``: :func:`rule_evaluation`);
    ``evaluation`` as :func:`.evaluation.evaluate_detection` gives."""
    figures = []
    mine, theirs = evaluation.get("all"), baseline.get("all")
    if mine is not None:
        for level in ("point", "window"):
            for name, k in _MEASURES:
                base = theirs[level][k] if theirs is not None else None
                figures.append(Figure(f"All trajectories: {level} {name}", mine[level][k], RULE_NAME, base))
    for kind in _type_order(evaluation["by_type"]):
        base = baseline["by_type"].get(kind)
        figures.append(
            Figure(
                f"{TYPE_LABELS.get(kind, kind)}: point F1",
                evaluation["by_type"][kind]["point"][2],
                RULE_NAME,
                base["point"][2] if base and "point" in base else None,
            )
        )
    return figures
