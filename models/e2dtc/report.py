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


def _selftrain_section(history: dict) -> str:
    from ..core.report import line_chart

    st = history.get("selftrain", [])
    return (
        line_chart(
            {
                key: [(i + 1, e[key]) for i, e in enumerate(st)]
                for key in ("total", "reconstruction", "clustering", "triplet")
            },
            "losses per epoch",
            "epoch",
            "loss",
        )
        + line_chart(
            {"triplets inside the margin": [(i + 1, e["active_triplets"]) for i, e in enumerate(st)]},
            "share of triplets with a non-zero loss (the others do not move the encoder)",
            "epoch",
            "share",
        )
        + line_chart(
            {"changed assignments": [(s, c) for s, c in history.get("changed", [])]},
            "share of assignments changed at each target update",
            "batch",
            "share",
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
    sections.append((t["pretrain"], line_chart(pretrain, "spatial-proximity-aware loss per epoch", "epoch", "loss")))
    sections.append((t["selftrain"], _selftrain_section(h)))
    if h.get("elbow"):
        chart = line_chart(
            {"k-means inertia": h["elbow"]}, f"elbow at k = {p.n_clusters}", "k", "sum of squared distances"
        )
        sections.append((t["elbow"], chart))
    sections.append((t["params"], table(sorted((k, str(v)) for k, v in vars(p).items()))))
    write_html(path, "E2DTC training report", sections)
