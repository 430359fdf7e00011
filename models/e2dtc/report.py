"""What a clustering run reports: scores against a ground truth and the HTML training report of E2DTC."""

from __future__ import annotations

from typing import Dict, Optional, Tuple

import numpy as np

#: section titles of the training report (the caller may pass translated ones)
TITLES = {
    "result": "Result",
    "scores": "Scores against the ground truth",
    "pretrain": "Pre-training (t2vec)",
    "selftrain": "Self-training",
    "elbow": "Choosing k (elbow)",
    "params": "Parameters",
}


def ground_truth_scores(gt_values, labelings: Dict[str, np.ndarray]) -> Tuple[Dict[str, dict], int]:
    """({name: UACC/NMI/RI/ARI scores}, number of trajectories scored) of each labeling against the per-trajectory
    ``gt_values`` (NULL/None and negative labels left out); no scores when fewer than 2 trajectories have a label."""
    from ..core.metrics import clustering_scores, encode_labels

    codes, keep = encode_labels(gt_values)
    n = int(keep.sum())
    if n < 2:
        return {}, n
    return {name: clustering_scores(codes[keep], labels[keep]) for name, labels in labelings.items()}, n


#: the name of the chance baseline of :func:`chance_scores`
CHANCE = "random clusters of the same sizes"


def chance_scores(gt_values, labels, n_draws: int = 5, seed: int = 0) -> dict:
    """The mean UACC/NMI/RI/ARI of ``n_draws`` random shufflings of ``labels`` against ``gt_values`` (as
    :func:`ground_truth_scores`): what clusters of the same sizes score by chance ({} with fewer than 2 labels)."""
    labels = np.asarray(labels)
    rng = np.random.default_rng(seed)
    draws = [ground_truth_scores(gt_values, {"x": rng.permutation(labels)})[0].get("x") for _ in range(n_draws)]
    if not draws or draws[0] is None:
        return {}
    return {k: float(np.mean([d[k] for d in draws])) for k in draws[0]}


def score_figures(scores: dict, baseline: dict, baseline_name: str) -> list:
    """Each score of ``scores`` (UACC/NMI/RI/ARI) beside the same score of ``baseline`` (named ``baseline_name``)."""
    from ..core.figures import Figure

    return [Figure(k, float(v), baseline_name, baseline.get(k)) for k, v in scores.items()]


def cluster_sizes(labels, n_clusters: int) -> list:
    """Trajectories per cluster, clusters 0..n_clusters-1."""
    return np.bincount(np.asarray(labels, np.int64), minlength=n_clusters).tolist()


def _result_section(results: dict) -> str:
    from ..core.report import table

    return table(
        [
            ("trajectories", results["N_TRAJECTORIES"]),
            ("pre-trained on", results["N_PRETRAIN"]),
            ("clusters", results["N_CLUSTERS"]),
            ("cluster sizes", ", ".join(map(str, results["CLUSTER_SIZES"]))),
        ]
    )


def selftrain_empty_reasons(history: dict, params=None) -> Tuple[Optional[str], Optional[str]]:
    """Why the self-training charts have no line to draw: (reason of the per-epoch charts, reason of the
    changed-assignments chart), None where a chart has two points or more."""
    st, changed = history.get("selftrain", []), history.get("changed", [])
    epochs = getattr(params, "selftrain_epochs", None)
    tol = getattr(params, "tol", None)
    off = "self-training was off (0 self-training epochs): nothing to plot"
    stopped = "self-training stopped at its first target update"
    if tol is not None:
        stopped += f" (fewer than {tol:.2%} of the assignments changed)"
    epoch_reason = change_reason = None
    if len(st) < 2:
        if epochs == 0:
            epoch_reason = off
        elif not st:
            epoch_reason = "no self-training epoch was recorded: nothing to plot"
        elif len(changed) >= 2 and (epochs is None or epochs > 1):
            epoch_reason = f"{stopped}, within its first epoch: one epoch, no line to draw"
        else:
            epoch_reason = "one self-training epoch: no line to draw"
    if len(changed) < 2:
        if epochs == 0:
            change_reason = off
        elif not changed:
            change_reason = "no target update was recorded: nothing to plot"
        else:
            change_reason = "one target update only (at the start of self-training): no line to draw"
    return epoch_reason, change_reason


def _selftrain_section(history: dict, params=None) -> str:
    from ..core.report import line_chart

    st = history.get("selftrain", [])
    epoch_reason, change_reason = selftrain_empty_reasons(history, params)
    return (
        line_chart(
            {
                key: [(i + 1, e[key]) for i, e in enumerate(st)]
                for key in ("total", "reconstruction", "clustering", "triplet")
            },
            "losses per epoch",
            "epoch",
            "loss",
            empty_reason=epoch_reason,
        )
        + line_chart(
            {"triplets inside the margin": [(i + 1, e["active_triplets"]) for i, e in enumerate(st)]},
            "share of triplets with a non-zero loss (the others do not move the encoder)",
            "epoch",
            "share",
            empty_reason=epoch_reason,
        )
        + line_chart(
            {"changed assignments": [(s, c) for s, c in history.get("changed", [])]},
            "share of assignments changed at each target update",
            "batch",
            "share",
            empty_reason=change_reason,
        )
    )


def write_training_report(path: str, model, scores: dict, results: dict, titles: Optional[dict] = None) -> None:
    """The HTML report of a trained E2DTC ``model``: result counts (``results``: N_TRAJECTORIES, N_PRETRAIN,
    N_CLUSTERS, CLUSTER_SIZES), ``scores`` ({method: scores}, may be empty), loss curves, elbow and parameters."""
    from ..core.report import line_chart, table, write_html

    t = {**TITLES, **(titles or {})}
    h = model.history_
    p = model.params
    sections = [(t["result"], _result_section(results))]
    if scores:
        rows = [(name, *(s[k] for k in ("UACC", "NMI", "RI", "ARI"))) for name, s in scores.items()]
        sections.append((t["scores"], table(rows, header=("method", "UACC", "NMI", "RI", "ARI"))))
    pretrain = {"reconstruction loss": list(enumerate(h.get("pretrain_loss", []), 1))}
    n_pre = len(pretrain["reconstruction loss"])
    reason = None if n_pre > 1 else ("one pre-training epoch: no line to draw" if n_pre else "no pre-training epoch")
    chart = line_chart(pretrain, "spatial-proximity-aware loss per epoch", "epoch", "loss", empty_reason=reason)
    sections.append((t["pretrain"], chart))
    sections.append((t["selftrain"], _selftrain_section(h, p)))
    if h.get("elbow"):
        chart = line_chart(
            {"k-means inertia": h["elbow"]}, f"elbow at k = {p.n_clusters}", "k", "sum of squared distances"
        )
        sections.append((t["elbow"], chart))
    sections.append((t["params"], table(sorted((k, str(v)) for k, v in vars(p).items()))))
    write_html(path, "E2DTC training report", sections)
