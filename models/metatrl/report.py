"""HTML reports of MetaTRL runs: training (loss curves per city and phase, results, parameters) and downstream tasks
(metrics on the test trajectories, loss curves of the head, trajectories left out).

Section titles are English; ``titles`` maps a title to the text shown instead (a translation), titles missing from it
stay as they are.
"""

from __future__ import annotations

from typing import Callable, Dict, List, Mapping, Optional, Tuple

from ..core.figures import figures_table
from ..core.report import line_chart, table, write_html

#: the section titles of the reports (keys of ``titles``)
TITLES = (
    "Result",
    "Meta-training on the source cities",
    "Pre-training on the target city",
    "Parameters",
    "Metrics on the test trajectories",
    "Training of the head",
    "Trajectories left out",
)


def _titler(titles: Optional[Mapping[str, str]]) -> Callable[[str], str]:
    titles = titles or {}
    return lambda text: titles.get(text, text)


def meta_curves(meta_history) -> Dict[str, List[Tuple[int, float]]]:
    """{"<city> train" / "<city> test (meta step)": [(meta epoch, loss)]} of the meta-training history."""
    curves: Dict[str, List[Tuple[int, float]]] = {}
    for e in meta_history:
        curves.setdefault(f"{e['city']} train", []).append((e["meta_epoch"], e["loss"]))
        curves.setdefault(f"{e['city']} test (meta step)", []).append((e["meta_epoch"], e["test_loss"]))
    return curves


def training_sections(model, results: Mapping, settings: Mapping, titles=None) -> List[Tuple[str, str]]:
    """(title, html) sections of a training report of a fitted MetaTRL ``model`` (``results``: the algorithm's
    results, MODEL_FILE left out; ``settings``: the run's settings stored in the model file)."""
    tr = _titler(titles)
    h = model.history_
    sections = [
        (
            tr("Result"),
            table(
                [(k.lower(), str(v)) for k, v in results.items() if k != "MODEL_FILE"]
                + [(k, str(v)) for k, v in settings.items()]
                + [(k, str(v)) for k, v in model.info_.items()]
            ),
        )
    ]
    meta = h.get("meta", [])
    if meta:
        chart = line_chart(meta_curves(meta), "pre-training loss per source city", "meta epoch", "loss")
        sections.append((tr("Meta-training on the source cities"), chart))
    tgt = h.get("target", [])
    if tgt:
        chart = line_chart(
            {key: [(e["epoch"], e[key]) for e in tgt] for key in ("loss", "fm", "tm")},
            "loss (total), unit recovery (fm, cross-entropy), time recovery (tm, MSE)",
            "epoch",
            "loss",
        )
        sections.append((tr("Pre-training on the target city"), chart))
    sections.append((tr("Parameters"), table(sorted((k, str(v)) for k, v in vars(model.params).items()))))
    return sections


def write_training_report(path: str, model, results: Mapping, settings: Mapping, titles=None) -> None:
    """Write the training report of ``model`` to ``path`` (atomically)."""
    write_html(path, "MetaTRL training report", training_sections(model, results, settings, titles))


def task_sections(
    task: str, fitted, metrics: Mapping, results: Mapping, data, titles=None, figures=None
) -> List[Tuple[str, str]]:
    """(title, html) sections of a downstream-task report: ``fitted`` the TaskModel (its history and best epoch),
    ``metrics`` on the test trajectories, ``results`` of the algorithm (OUTPUT left out), ``data`` the TaskData;
    ``figures`` (:func:`.taskmetrics.task_figures`) put each metric beside its naive baseline."""
    tr = _titler(titles)
    if figures:
        metric_table = figures_table(figures) + table([("n", metrics.get("n", ""))], header=("test rows", "count"))
    else:
        metric_table = table([(k, float(v)) for k, v in metrics.items()], header=("metric", "value"))
    h = fitted.history
    curves = {"training loss": list(enumerate(h.get("train_loss", []), 1))}
    if h.get("val_loss"):
        curves["validation loss"] = list(enumerate(h["val_loss"], 1))
    title = f"{task}: loss per epoch (best epoch {fitted.best_epoch + 1})"
    return [
        (tr("Metrics on the test trajectories"), metric_table),
        (tr("Result"), table([(k.lower(), str(v)) for k, v in results.items() if k != "OUTPUT"])),
        (tr("Training of the head"), line_chart(curves, title, "epoch", "loss")),
        (
            tr("Trajectories left out"),
            table([(k, v) for k, v in data.dropped.items()], header=("reason", "trajectories")),
        ),
    ]


def write_task_report(
    path: str, task: str, fitted, metrics: Mapping, results: Mapping, data, titles=None, figures=None
) -> None:
    """Write the report of a downstream task to ``path`` (atomically)."""
    write_html(path, f"MetaTRL {task} report", task_sections(task, fitted, metrics, results, data, titles, figures))
