"""The HTML reports of CroTad: training (loss and reward curves, pseudo-labels, graph, parameters) and detection
(result values and the evaluation laid out like Table 2 of the paper)."""

from __future__ import annotations

from typing import Mapping, Optional

#: section titles of the reports (the caller may pass translated ones)
TITLES = {
    "result": "Result",
    "pretrain": "Pre-training",
    "pseudo_labels": "Pseudo-labels of the offline detector per OD",
    "dqn": "Online detector (DQN)",
    "graph": "Hierarchical graph",
    "timings": "Timings",
    "params": "Parameters",
    "evaluation": "Evaluation against the labelled points (Table 2 layout)",
}
#: training losses of the pre-training chart: (curve name, key of the history entries)
_LOSSES = (("total", "loss"), ("reconstruction", "rec"), ("STSC", "stsc"), ("MIIC", "miic"))


def _pretrain_chart(history: Mapping) -> str:
    from ..core.report import line_chart

    pre = history.get("pretrain", [])
    curves = {name: [(e["epoch"], e[key]) for e in pre if e.get(key) is not None] for name, key in _LOSSES}
    return line_chart(curves, "losses per epoch", "epoch", "loss")


def _pseudo_label_table(pseudo_labels: Mapping, trips_per_od: Mapping) -> str:
    from ..core.report import table
    from ..core.trajectories import natural_key

    rows = [
        (od, trips_per_od.get(od, ""), c.get("normal", 0), c.get("anomalous", 0), c.get("theta", ""))
        for od, c in sorted(pseudo_labels.items(), key=lambda kv: natural_key(kv[0]))
    ]
    header = (
        "OD",
        "trajectories",
        "normal windows (P)",
        "anomalous windows (N)",
        "θ = P/N of the rewards (a count of 0 taken as 1)",
    )
    return table(rows, header=header)


def _dqn_charts(dqn) -> str:
    """The reward and TD loss curves (the engine logs the means over about 50 equal intervals of steps)."""
    from ..core.report import line_chart

    return line_chart(
        {"reward": [(e["step"], e["reward"]) for e in dqn]}, "reward (mean per interval)", "step", "reward"
    ) + line_chart({"loss": [(e["step"], e["loss"]) for e in dqn]}, "TD loss (mean per interval)", "step", "loss")


def _parameter_table(params, extra: Mapping) -> str:
    """The model's parameters, then the input settings of ``extra`` (the OD derivation summarised)."""
    from ..core.report import table

    rows = sorted((k, str(v)) for k, v in vars(params).items())
    rows += [(f"input: {k}", str(v)) for k, v in extra.items() if k != "od"]
    if "od" in extra:
        od = extra["od"]
        rows.append(
            (
                "OD derivation",
                f"resolution {od['resolution']}, at least {od['min_trips']} trips, {len(od['pairs'])} pairs",
            )
        )
    return table(rows)


def write_training_report(
    path: str, model, results: Mapping, extra: Mapping, trips_per_od: Mapping, titles: Optional[dict] = None
) -> None:
    """The HTML report of a fitted CroTad ``model``: the ``results`` (MODEL_FILE left out), the pre-training losses,
    the pseudo-labels per OD (``trips_per_od``: training trajectories of each OD), the DQN curves, the graph, the
    timings and the parameters with the input settings ``extra`` (as stored in the model file)."""
    from ..core.report import table, write_html

    t = {**TITLES, **(titles or {})}
    h = model.history_
    sections = [(t["result"], table([(k.lower(), str(v)) for k, v in results.items() if k != "MODEL_FILE"]))]
    sections.append((t["pretrain"], _pretrain_chart(h)))
    if h.get("pseudo_labels", {}):
        sections.append((t["pseudo_labels"], _pseudo_label_table(h["pseudo_labels"], trips_per_od)))
    if h.get("dqn", []):
        sections.append((t["dqn"], _dqn_charts(h["dqn"])))
    sections.append((t["graph"], table([(k, int(v)) for k, v in model.graph_stats_.items()], header=("", "count"))))
    if h.get("timings"):
        sections.append((t["timings"], table([(k, f"{float(v):.1f} s") for k, v in h["timings"].items()])))
    sections.append((t["params"], _parameter_table(model.params, extra)))
    write_html(path, "CroTad training report", sections)


def _pooled(evaluation: Mapping) -> str:
    return ", ".join(
        f"{lvl} P/R/F1 {'/'.join(f'{v:.4f}' for v in evaluation['all'][lvl])}" for lvl in ("window", "point")
    )


def _evaluation_html(evaluation: Mapping, mode: str, baseline: Optional[Mapping] = None) -> str:
    """The Table 2 layout of CroTad in ``mode`` (and of the frequent-cells rule, ``baseline``, on the same cells),
    the pooled figures and, with a ``baseline``, each figure beside the rule's (:func:`.results.detection_figures`)."""
    from ..core.figures import figures_table
    from .evaluation import table_html
    from .results import RULE_NAME, detection_figures

    methods = {"CroTad " + mode: evaluation["by_type"]}
    pooled = f"CroTad {_pooled(evaluation)}"
    if baseline is not None:
        methods[RULE_NAME] = baseline["by_type"]
        pooled += f"; {RULE_NAME} {_pooled(baseline)}"
    out = (
        table_html(methods)
        + "<p>All trajectories together: "
        + pooled
        + f"; share of anomalous cells {evaluation['share']:.4f}.</p>"
    )
    if baseline is not None:
        out += figures_table(detection_figures(evaluation, baseline))
    return out


def write_detection_report(
    path: str,
    results: Mapping,
    evaluation: Optional[Mapping],
    mode: str,
    model_path: str,
    titles: Optional[dict] = None,
    baseline: Optional[Mapping] = None,
) -> None:
    """The HTML report of a detection run: the ``results`` (without the outputs and the per-type scores), the
    ``model_path`` and, with an ``evaluation`` (:func:`.evaluation.evaluate_detection`), the Table 2 layout of the
    paper for CroTad in ``mode`` and, with a ``baseline`` (:func:`.results.rule_evaluation`), for the frequent-cells
    rule on the same cells, with each figure beside the rule's."""
    from ..core.report import table, write_html

    t = {**TITLES, **(titles or {})}
    rows = [(k.lower(), str(v)) for k, v in results.items() if not k.startswith(("OUTPUT_", "WINDOW_", "POINT_"))]
    sections = [(t["result"], table(rows + [("model file", model_path)]))]
    if evaluation is not None:
        sections.append((t["evaluation"], _evaluation_html(evaluation, mode, baseline)))
    write_html(path, "CroTad detection report", sections)
