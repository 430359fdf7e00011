"""Quality figures in context: each figure a run reports beside a baseline computed in the same run on the same data
(:class:`Figure`), printed side by side ("micro-F1 0.112 (most frequent destination: 0.087)") and shown as a report
table; a figure worse than its baseline is flagged so the adapter can warn."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import List, Optional, Sequence, Tuple


def _fmt(v: Optional[float], digits: int) -> str:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "n/a"
    return f"{float(v):.{digits}f}"


@dataclass
class Figure:
    """A quality figure ``name`` = ``value`` and its ``baseline`` (named ``baseline_name``), both from the same run;
    ``higher_is_better`` False for errors (MAE); ``others``: more (name, value) baselines printed after the first one
    (the one the figure is judged against: the strongest)."""

    name: str
    value: Optional[float]
    baseline_name: str
    baseline: Optional[float]
    higher_is_better: bool = True
    digits: int = 3
    others: Tuple[Tuple[str, Optional[float]], ...] = ()

    @property
    def comparable(self) -> bool:
        return all(v is not None and not math.isnan(float(v)) for v in (self.value, self.baseline))

    @property
    def worse(self) -> bool:
        """The figure is worse than its baseline (below it, or above it for an error); False when one is missing."""
        if not self.comparable:
            return False
        if self.higher_is_better:
            return float(self.value) < float(self.baseline)
        return float(self.value) > float(self.baseline)

    def line(self) -> str:
        """ "<name> <value> (<baseline name>: <baseline>)"."""
        bases = ((self.baseline_name, self.baseline),) + tuple(self.others)
        return (
            f"{self.name} {_fmt(self.value, self.digits)} ("
            + ", ".join(f"{n}: {_fmt(v, self.digits)}" for n, v in bases)
            + ")"
        )


def figure_rows(figures: Sequence[Figure]) -> List[tuple]:
    """(figure, value, baseline, baseline value, "worse than the baseline" or "") per figure and baseline, for a
    report table (a figure's further baselines on rows of their own, the figure's cells left empty)."""
    rows = []
    for f in figures:
        note = "worse than the baseline" if f.worse else ""
        rows.append(
            (f.name, _fmt(f.value, max(f.digits, 4)), f.baseline_name, _fmt(f.baseline, max(f.digits, 4)), note)
        )
        rows += [("", "", name, _fmt(v, max(f.digits, 4)), "") for name, v in f.others]
    return rows


#: the header of :func:`figure_rows`
FIGURE_HEADER = ("figure", "value", "baseline", "baseline value", "note")


def figures_table(figures: Sequence[Figure]) -> str:
    """The HTML table of :func:`figure_rows`."""
    from .report import table

    return table(figure_rows(figures), header=FIGURE_HEADER)
