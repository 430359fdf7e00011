"""What a mobility-embedding training run reports: the out-of-sample evaluation on the validation users, the result
figures and the HTML training report (loss curves, next location, re-identification, PCA, parameters)."""

from __future__ import annotations

from typing import Optional

import numpy as np

#: section titles of the training report (the caller may pass translated ones)
TITLES = {
    "result": "Result",
    "training": "Training",
    "next_location": "Next location on held-out users",
    "reidentification": "User re-identification across days (held-out users)",
    "pca": "PCA after standardisation",
    "params": "Parameters",
}


def evaluate_model(model, seqs, cancel=None, progress=None) -> dict:
    """Out-of-sample figures on the validation users: next-location accuracy of the model and of the baselines,
    re-identification across days, and the standardised PCA explained variance of all embeddings. ``progress``: the
    embeddings of all sequences fill 0..40, the held-out evaluation 40..100."""
    from ..core.embeddings import standardized_pca
    from ..core.progress import scaled
    from .evaluation import evaluate_held_out

    val = np.isin(np.array([str(u) for u in seqs.users], dtype=object), model.validation_users_)
    emb = model.transform(seqs, cancel=cancel, progress=scaled(progress, 0, 40))
    _, ratio = standardized_pca(emb)
    out = {
        "n_validation_sequences": int(val.sum()),
        "pca_explained": [float(v) for v in ratio[:10]],
        "pca_explained_2": float(ratio[:2].sum()),
    }
    if val.any():
        ev = evaluate_held_out(model, seqs, val, emb=emb, cancel=cancel, progress=scaled(progress, 40, 100))
        out.update(next_location=ev["next_location"], reidentification=ev["reidentification"])
    return out


def training_results(model, seqs, evaluation: dict) -> dict:
    """The result figures of a trained ``model``: counts, epochs, ACC1_/ACC5_<METHOD> of the next-location
    evaluation (``evaluation`` of :func:`evaluate_model`) and PCA_EXPLAINED_2."""
    h = model.history_
    results = {
        "N_SEQUENCES": len(seqs),
        "N_USERS": len(set(map(str, seqs.users))),
        "N_VALIDATION_USERS": len(model.validation_users_),
        "EMBEDDING_SIZE": model.params.embedding_size,
        "EPOCHS_RUN": len(h.get("train_loss", [])),
        "BEST_EPOCH": h.get("best_epoch"),
        "TRAINING_BATCHES": h.get("batches"),
    }
    for name, ev in evaluation.get("next_location", {}).items():
        results[f"ACC1_{name.upper()}"] = ev["acc@1"]
        results[f"ACC5_{name.upper()}"] = ev["acc@5"]
    results["PCA_EXPLAINED_2"] = evaluation["pca_explained_2"]
    return results


#: display names of the next-location baselines
BASELINE_NAMES = {"most_frequent": "most frequent location", "markov": "Markov"}


def next_location_figures(evaluation: dict) -> list:
    """The model's next-location accuracy@1 and @5 on the validation users (``evaluation`` of
    :func:`evaluate_model`), each beside the most-frequent-location and Markov baselines fitted in the same run (the
    stronger one first: the figure is judged against it); none without validation users."""
    from ..core.figures import Figure

    nl = evaluation.get("next_location") or {}
    if "model" not in nl:
        return []
    out = []
    for key in ("acc@1", "acc@5"):
        bases = sorted(
            ((BASELINE_NAMES.get(n, n), float(ev[key])) for n, ev in nl.items() if n != "model"),
            key=lambda b: -b[1],
        )
        if bases:
            name = f"next-location {key.replace('acc', 'accuracy')}"
            out.append(Figure(name, float(nl["model"][key]), bases[0][0], bases[0][1], others=tuple(bases[1:])))
    return out


def _training_section(history: dict) -> str:
    from ..core.report import line_chart

    curves = {"training loss": list(enumerate(history.get("train_loss", []), 1))}
    if history.get("val_loss"):
        curves["validation loss"] = list(enumerate(history["val_loss"], 1))
    out = line_chart(curves, "negative log-likelihood of the next location", "epoch", "loss")
    if history.get("val_acc1"):
        accuracy = {
            "accuracy@1": list(enumerate(history["val_acc1"], 1)),
            "accuracy@5": list(enumerate(history["val_acc5"], 1)),
        }
        out += line_chart(accuracy, "next-location accuracy on the validation users", "epoch", "accuracy")
    return out


def _held_out_sections(evaluation: dict, t: dict) -> list:
    """The next-location and re-identification sections (one note without validation users)."""
    from ..core.report import table

    nl = evaluation.get("next_location")
    if not nl:
        return [(t["next_location"], "<p>No validation users (one user, or a validation share of 0).</p>")]
    ri = evaluation["reidentification"]
    return [
        (
            t["next_location"],
            table(
                [(name, ev["acc@1"], ev["acc@5"], ev["n_samples"]) for name, ev in nl.items()],
                header=("method", "accuracy@1", "accuracy@5", "predictions"),
            ),
        ),
        (
            t["reidentification"],
            table(
                [(name, r["top1"], r["top5"], r["n_queries"], r["chance_top1"]) for name, r in ri.items()],
                header=("features", "top-1", "top-5", "queries", "chance top-1"),
            ),
        ),
    ]


def _pca_section(evaluation: dict) -> str:
    from ..core.report import table

    return table(
        [(f"PC{i + 1}", v) for i, v in enumerate(evaluation["pca_explained"])],
        header=("component", "explained variance ratio"),
    ) + (
        "<p>A first-two share close to 1 (the post saw 97% after an L2 normalisation) means the embeddings "
        "collapsed to few directions.</p>"
    )


def write_training_report(
    path: str, model, evaluation: dict, settings: dict, results: dict, titles: Optional[dict] = None
) -> None:
    """The HTML report of a trained mobility-embedding ``model``: the ``results`` (MODEL_FILE left out) and the
    sequence ``settings``, loss curves, the held-out ``evaluation`` of :func:`evaluate_model`, the PCA explained
    variance and the parameters."""
    from ..core.report import table, write_html

    t = {**TITLES, **(titles or {})}
    result_rows = [(k.lower(), str(v)) for k, v in results.items() if k not in ("MODEL_FILE",)]
    sections = [
        (t["result"], table(result_rows + [(k, str(v)) for k, v in settings.items()])),
        (t["training"], _training_section(model.history_)),
        *_held_out_sections(evaluation, t),
        (t["pca"], _pca_section(evaluation)),
        (t["params"], table(sorted((k, str(v)) for k, v in vars(model.params).items()))),
    ]
    write_html(path, "Mobility embedding training report", sections)
