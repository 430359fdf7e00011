"""Quality figures in the log: each printed beside its baseline on one line, and a warning for each figure worse
than its baseline (the figures and baselines come from the engine, :mod:`models.core.figures`)."""

from __future__ import annotations

from .base import translate


def push_figures(feedback, figures, prefix: str = "") -> None:
    """One info line per figure ("<prefix><name> <value> (<baseline>: <value>)"), then one warning per figure worse
    than its baseline."""
    for f in figures:
        feedback.pushInfo(prefix + f.line())
    for f in figures:
        if f.worse:
            feedback.pushWarning(
                translate(
                    "DeepTraj",
                    "{0}: worse than its baseline ({1}) computed on the same data. The result does no better than "
                    "this simple rule; more data, more training epochs or other parameters may help.",
                ).format(prefix + f.line(), f.baseline_name)
            )
