"""Point-level voting and evaluation of sub-trajectory anomaly detectors (CroTad, Xue et al., sections 4.3.6, 5.1).

Padded windows (section 4.3.6): a trajectory of ``n`` cells is cut into ``n + L - 1`` windows with stride 1; window
``k`` (0-based) covers the cells ``max(0, k - L + 1) .. min(k, n - 1)`` (inclusive), so the first ``L - 1`` windows
grow from one cell to ``L - 1`` cells, the central ones have ``L`` cells and the last ``L - 1`` shrink again. Cell
``j`` lies in windows ``j .. j + L - 1``: every cell gets exactly ``L`` votes.

Votes (Eq. 26) are the sum of the window actions (1 = anomalous) over the ``L`` windows holding a cell; a cell is
anomalous when its votes reach the threshold delta_p (Eq. 27). :func:`endpoint_check` is the paper's optional
post-processing: the first and last cell are marked anomalous when they are not frequently visited cells of the OD.

Ground truth: a cell is anomalous when any input point of its run is anomalous (:func:`cell_truth`); a window when
any of its cells is (:func:`window_truth`).

Metrics (Table 2): precision, recall and F1 per anomaly type, computed on that type's test trajectories only and
pooled over all their windows (window level) or cells (point level). On random trajectories every cell is anomalous,
so precision is 1 by construction. For the untouched ``normal`` test trajectories there is no positive class; the
share of flagged cells and windows (false-positive rates) is reported instead.

Pure numpy; no qgis.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Dict, Iterable, List, Mapping, Optional, Sequence, Tuple

import numpy as np

__all__ = [
    "TYPE_LABELS",
    "padded_windows",
    "votes_from_actions",
    "labels_from_votes",
    "endpoint_check",
    "cell_truth",
    "window_truth",
    "prf",
    "evaluate",
    "table_text",
    "table_html",
]

NORMAL = "normal"
#: column titles of the anomaly types (Table 2 wording)
TYPE_LABELS = {
    "head_detour": "Head Detour",
    "rear_detour": "Rear Detour",
    "midway_detour": "Midway Detour",
    "random_trajectory": "Random Trajectory",
    "route_switching": "Route Switching",
    NORMAL: "Normal",
}
_DEFAULT_TYPES = ("head_detour", "rear_detour", "midway_detour", "random_trajectory", "route_switching")


def _at_least_one(value, name: str, what: str) -> int:
    """``value`` as an int of at least 1, else a ValueError naming the parameter ``name`` (``what`` it is)."""
    try:
        v = int(value)
    except (TypeError, ValueError):
        raise ValueError(f"{name}: the {what} must be an integer of at least 1, got {value!r}")
    if v < 1:
        raise ValueError(f"{name}: the {what} must be at least 1, got {v}")
    return v


def _check_window(L) -> int:
    return _at_least_one(L, "WINDOW", "window length")


# ---------------------------------------------------------------------------- windows and votes
def padded_windows(n: int, L: int) -> Tuple[np.ndarray, np.ndarray]:
    """(starts, ends): 0-based inclusive cell ranges of the ``n + L - 1`` padded windows (empty when n = 0)."""
    L = _check_window(L)
    n = int(n)
    if n < 0:
        raise ValueError(f"N: the number of cells cannot be negative, got {n}")
    if n == 0:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    k = np.arange(n + L - 1, dtype=np.int64)
    return np.maximum(0, k - L + 1), np.minimum(k, n - 1)


def votes_from_actions(actions, n: int, L: int) -> np.ndarray:
    """Votes of each of the ``n`` cells (Eq. 26): the sum of the actions of the ``L`` windows j .. j + L - 1."""
    L = _check_window(L)
    a = np.asarray(actions).reshape(-1)
    n = int(n)
    expected = n + L - 1 if n > 0 else 0
    if a.shape[0] != expected:
        raise ValueError(f"ACTIONS: expected {expected} window actions for {n} cells and window {L}, got {a.shape[0]}")
    if n == 0:
        return np.zeros(0, np.int16)
    c = np.zeros(a.shape[0] + 1, dtype=np.int64)
    np.cumsum((a != 0).astype(np.int64), out=c[1:])
    j = np.arange(n)
    return (c[j + L] - c[j]).astype(np.int16)


def labels_from_votes(votes, threshold: int) -> np.ndarray:
    """Point labels (Eq. 27): 1 where the votes reach ``threshold`` (delta_p >= 1), else 0 (int8)."""
    thr = _at_least_one(threshold, "VOTE_THRESHOLD", "vote threshold")
    return (np.asarray(votes) >= thr).astype(np.int8)


def endpoint_check(labels, cells, frequent_set) -> np.ndarray:
    """Copy of ``labels`` with the first and last cell set to 1 when that cell is not in ``frequent_set``
    (S_pos^od, section 4.3.6 post-processing)."""
    out = np.array(labels, dtype=np.int8, copy=True).reshape(-1)
    c = np.asarray(cells).reshape(-1)
    if c.shape[0] != out.shape[0]:
        raise ValueError(f"CELLS: got {c.shape[0]} cells for {out.shape[0]} labels")
    if out.size:
        for j in (0, out.size - 1):
            if int(c[j]) not in frequent_set:
                out[j] = 1
    return out


@dataclass
class Detection:
    """Labels of one trajectory from a detector: ``actions`` per padded window (n + L - 1), ``votes`` and ``labels``
    per cell; ``known`` is False when the detector does not know the trajectory's OD (everything 0 then);
    ``scores``: per-window anomaly scores of detectors that threshold a score."""

    od: str
    known: bool
    actions: np.ndarray
    votes: np.ndarray
    labels: np.ndarray
    scores: Optional[np.ndarray] = None


# ---------------------------------------------------------------------------- ground truth
def cell_truth(is_anomaly_points, run_start, run_end) -> np.ndarray:
    """Per cell 0/1: 1 when any point ``run_start[p]:run_end[p]`` of the cell's run is anomalous (int8)."""
    pts = np.asarray(is_anomaly_points).reshape(-1)
    s = np.asarray(run_start, dtype=np.int64).reshape(-1)
    e = np.asarray(run_end, dtype=np.int64).reshape(-1)
    if s.shape != e.shape:
        raise ValueError("RUN_START/RUN_END: need the same number of runs")
    if s.size and (s.min() < 0 or e.max() > pts.shape[0] or np.any(e < s)):
        raise ValueError("RUN_START/RUN_END: runs must lie inside the point array")
    c = np.zeros(pts.shape[0] + 1, dtype=np.int64)
    np.cumsum(pts != 0, out=c[1:])
    return ((c[e] - c[s]) > 0).astype(np.int8)


def window_truth(cell_truth_, L: int) -> np.ndarray:
    """Per padded window 0/1: 1 when any of its cells is anomalous (int8, length n + L - 1)."""
    t = np.asarray(cell_truth_).reshape(-1)
    starts, ends = padded_windows(t.shape[0], L)
    c = np.zeros(t.shape[0] + 1, dtype=np.int64)
    np.cumsum(t != 0, out=c[1:])
    return ((c[ends + 1] - c[starts]) > 0).astype(np.int8)


# ---------------------------------------------------------------------------- metrics
def _counts(truth, pred) -> Tuple[int, int, int]:
    t = np.asarray(truth).reshape(-1) != 0
    p = np.asarray(pred).reshape(-1) != 0
    if t.shape != p.shape:
        raise ValueError(f"PRED: got {p.shape[0]} predictions for {t.shape[0]} labels")
    return int(np.sum(t & p)), int(np.sum(~t & p)), int(np.sum(t & ~p))


def _prf_counts(tp: int, fp: int, fn: int) -> Tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return float(p), float(r), float(f)


def prf(truth, pred) -> Tuple[float, float, float]:
    """(precision, recall, F1) of binary predictions; each is 0 when undefined (no predicted / true positive)."""
    return _prf_counts(*_counts(truth, pred))


def evaluate(items: Iterable[Mapping], L: int) -> Dict[str, dict]:
    """Table-2 metrics per anomaly type.

    ``items``: one mapping per test trajectory with ``kind`` (anomaly type or ``normal``), ``cell_truth`` (n),
    ``cell_pred`` (n) and ``window_pred`` (n + L - 1); an optional ``window_truth`` overrides the one derived from
    ``cell_truth``. Returns ``{kind: {"window": (P, R, F1), "point": (P, R, F1), "n": trajectories}}`` with counts
    pooled over all cells / windows of that kind's trajectories; for ``normal``:
    ``{"point_fpr": share of flagged cells, "window_fpr": share of flagged windows, "traj_fpr": share of
    trajectories with a flagged cell, "n": trajectories}``.
    """
    L = _check_window(L)
    acc: Dict[str, dict] = {}
    for it in items:
        kind = str(it["kind"])
        ct = np.asarray(it["cell_truth"]).reshape(-1)
        cp = np.asarray(it["cell_pred"]).reshape(-1)
        wp = np.asarray(it["window_pred"]).reshape(-1)
        wt = it.get("window_truth")
        wt = window_truth(ct, L) if wt is None else np.asarray(wt).reshape(-1)
        if cp.shape != ct.shape:
            raise ValueError(f"CELL_PRED: got {cp.shape[0]} predictions for {ct.shape[0]} cells ({kind})")
        if wp.shape != wt.shape:
            raise ValueError(f"WINDOW_PRED: got {wp.shape[0]} window predictions for {wt.shape[0]} windows ({kind})")
        a = acc.setdefault(
            kind,
            {
                "n": 0,
                "w": [0, 0, 0],
                "p": [0, 0, 0],
                "cells": 0,
                "windows": 0,
                "flag_cells": 0,
                "flag_windows": 0,
                "flag_trajs": 0,
            },
        )
        a["n"] += 1
        for key, cnt in (("w", _counts(wt, wp)), ("p", _counts(ct, cp))):
            for i in range(3):
                a[key][i] += cnt[i]
        a["cells"] += ct.size
        a["windows"] += wt.size
        a["flag_cells"] += int(np.count_nonzero(cp))
        a["flag_windows"] += int(np.count_nonzero(wp))
        a["flag_trajs"] += int(np.count_nonzero(cp) > 0)
    out: Dict[str, dict] = {}
    for kind, a in acc.items():
        if kind == NORMAL:
            out[kind] = {
                "point_fpr": a["flag_cells"] / a["cells"] if a["cells"] else 0.0,
                "window_fpr": a["flag_windows"] / a["windows"] if a["windows"] else 0.0,
                "traj_fpr": a["flag_trajs"] / a["n"] if a["n"] else 0.0,
                "n": a["n"],
            }
        else:
            out[kind] = {"window": _prf_counts(*a["w"]), "point": _prf_counts(*a["p"]), "n": a["n"]}
    return out


def evaluate_detection(items: Sequence[Mapping], L: int) -> dict:
    """What a detection run reports: ``{"by_type": evaluate(items), "all": the window/point metrics of every
    trajectory pooled, "share": share of anomalous cells}`` (``items`` as for :func:`evaluate`)."""
    items = list(items)
    overall = evaluate([dict(it, kind="all") for it in items], L).get("all") if items else None
    cells = [np.asarray(it["cell_truth"]).reshape(-1) for it in items]
    share = float(np.mean(np.concatenate(cells))) if cells and sum(c.size for c in cells) else 0.0
    return {"by_type": evaluate(items, L), "all": overall, "share": share}


def anomaly_flags(values) -> np.ndarray:
    """0/1 per value of an ``is_anomaly`` attribute: non-zero numbers and "true"/"yes" are 1; NULL, NaN, 0 and
    anything else 0."""
    out = np.zeros(len(values), np.int8)
    for i, v in enumerate(values.tolist() if isinstance(values, np.ndarray) else values):
        try:
            out[i] = 1 if (v is not None and float(v) != 0 and float(v) == float(v)) else 0
        except (TypeError, ValueError):
            out[i] = 1 if str(v).strip().lower() in ("true", "yes") else 0
    return out


def evaluate_cell_labels(seqs, rows, kinds, point_truth, cell_labels, actions, L: int) -> dict:
    """:func:`evaluate_detection` of the trajectories ``rows`` of ``seqs`` (:class:`models.anomalies.
    CellSequences`): ``kinds`` the anomaly type of every trajectory (None or empty = normal), ``point_truth`` 0/1 per
    input point, ``cell_labels`` the predicted label per cell position, ``actions`` {row: window actions}."""
    truth = cell_truth(point_truth, seqs.run_start, seqs.run_end)
    items = []
    for i in rows:
        s, e = int(seqs.offsets[i]), int(seqs.offsets[i + 1])
        items.append(
            {
                "kind": kinds[i] or NORMAL,
                "cell_truth": truth[s:e],
                "cell_pred": cell_labels[s:e],
                "window_pred": actions[int(i)],
            }
        )
    return evaluate_detection(items, L)


@dataclass
class LabelRuns:
    """Runs of equally labelled consecutive points, trajectory by trajectory (what the segments layer of a detector
    shows): ``traj`` the trajectory row, ``start`` / ``end`` (exclusive) point indices in the flat point order,
    ``label`` and ``mean_votes`` of the run's points."""

    traj: np.ndarray
    start: np.ndarray
    end: np.ndarray
    label: np.ndarray
    mean_votes: np.ndarray

    def __len__(self) -> int:
        return int(self.traj.size)

    def line_end(self, offsets) -> np.ndarray:
        """End (exclusive) of each run's line: one point more than the run, so that consecutive segments of a
        trajectory share their boundary point (not past the trajectory's last point)."""
        return np.minimum(self.end + 1, np.asarray(offsets, np.int64)[self.traj + 1])

    def anomalous_points(self, n: int) -> np.ndarray:
        """Anomalous (label 1) points of each of the ``n`` trajectories."""
        return np.bincount(self.traj, weights=(self.end - self.start) * (self.label == 1), minlength=int(n)).astype(
            np.int64
        )


def label_runs(offsets, labels, votes, rows) -> LabelRuns:
    """The :class:`LabelRuns` of the trajectories ``rows`` (point ``offsets``, n + 1) from per-point ``labels`` and
    ``votes``."""
    offsets = np.asarray(offsets, np.int64)
    rows = np.asarray(rows, np.int64).reshape(-1)
    first, lens = offsets[rows], offsets[rows + 1] - offsets[rows]
    total = int(lens.sum())
    if total == 0:
        z = np.zeros(0, np.int64)
        return LabelRuns(z, z, z, z, np.zeros(0))
    pidx = np.arange(total, dtype=np.int64) + np.repeat(first - (np.cumsum(lens) - lens), lens)
    traj = np.repeat(rows, lens)
    lab = np.asarray(labels)[pidx]
    new = np.ones(total, bool)
    new[1:] = (lab[1:] != lab[:-1]) | (traj[1:] != traj[:-1])
    start = np.flatnonzero(new)
    size = np.diff(np.append(start, total))
    mean_votes = np.add.reduceat(np.asarray(votes, np.float64)[pidx], start) / size
    return LabelRuns(traj[start], pidx[start], pidx[start] + size, lab[start].astype(np.int64), mean_votes)


# ---------------------------------------------------------------------------- tables
def _types_of(by_method: Mapping[str, Mapping], types: Optional[Sequence[str]]) -> List[str]:
    if types is not None:
        return [t for t in types if t != NORMAL]
    seen = {k for res in by_method.values() for k in res if k != NORMAL}
    known = [t for t in _DEFAULT_TYPES if t in seen]
    return known + sorted(seen - set(known))


def _has_normal(by_method) -> bool:
    return any(NORMAL in res for res in by_method.values())


def _fmt(v) -> str:
    return f"{v:.4f}"


def table_text(by_method: Mapping[str, Mapping], types: Optional[Sequence[str]] = None) -> str:
    """Fixed-width text in the layout of the paper's Table 2: a window-level part and a point-level part, one row
    per method, P / R / F1 per anomaly type (``-`` where a method has no result for a type), and, when the
    results hold normal trajectories, their false-positive rate (FPR) as a last column."""
    types = _types_of(by_method, types)
    normal = _has_normal(by_method)
    names = [str(m) for m in by_method]
    mw = max([len("Method")] + [len(m) for m in names])
    cw, gw = 6, 20  # one number; one type group (3 numbers, 2 spaces)
    lines = []
    for level, title in (("window", "Window level"), ("point", "Point level")):
        lines.append(f"Part {'I' if level == 'window' else 'II'}: {title}")
        head1 = " " * mw
        head2 = "Method".ljust(mw)
        for t in types:
            head1 += " | " + TYPE_LABELS.get(t, t)[:gw].center(gw)
            head2 += " | " + " ".join(x.rjust(cw) for x in ("P", "R", "F1"))
        if normal:
            head1 += " | " + "Normal"[: cw + 4].center(cw + 4)
            head2 += " | " + "FPR".rjust(cw + 4)
        lines += [head1.rstrip(), head2, "-" * len(head2)]
        for m, res in by_method.items():
            row = str(m).ljust(mw)
            for t in types:
                r = res.get(t)
                cells = [_fmt(v) for v in r[level]] if r else ["-"] * 3
                row += " | " + " ".join(c.rjust(cw) for c in cells)
            if normal:
                r = res.get(NORMAL)
                row += " | " + (_fmt(r[f"{level}_fpr"]) if r else "-").rjust(cw + 4)
            lines.append(row)
        lines.append("")
    counts = {
        t: max((res[t]["n"] for res in by_method.values() if t in res), default=0)
        for t in types + ([NORMAL] if normal else [])
    }
    lines.append("test trajectories: " + ", ".join(f"{TYPE_LABELS.get(t, t)} {n}" for t, n in counts.items()))
    return "\n".join(lines)


def table_html(
    by_method: Mapping[str, Mapping], types: Optional[Sequence[str]] = None, caption: Optional[str] = None
) -> str:
    """The :func:`table_text` table as one HTML ``<table>`` (two parts, grouped headers); names are escaped."""
    types = _types_of(by_method, types)
    normal = _has_normal(by_method)
    n_cols = 1 + 3 * len(types) + (1 if normal else 0)
    out = ["<table class='anomaly-eval' border='1' cellspacing='0' cellpadding='3'>"]
    if caption:
        out.append(f"<caption>{html.escape(str(caption))}</caption>")
    for level, title in (("window", "Window level"), ("point", "Point level")):
        out.append(
            f"<tr><th colspan='{n_cols}' style='text-align:left'>"
            f"{'Part I' if level == 'window' else 'Part II'}: {title}</th></tr>"
        )
        h1 = "<tr><th rowspan='2'>Method</th>" + "".join(
            f"<th colspan='3'>{html.escape(TYPE_LABELS.get(t, str(t)))}</th>" for t in types
        )
        if normal:
            h1 += "<th>Normal</th>"
        out.append(h1 + "</tr>")
        out.append(
            "<tr>" + "<th>P</th><th>R</th><th>F1</th>" * len(types) + ("<th>FPR</th>" if normal else "") + "</tr>"
        )
        for m, res in by_method.items():
            row = f"<tr><td>{html.escape(str(m))}</td>"
            for t in types:
                r = res.get(t)
                row += "".join(f"<td>{_fmt(v)}</td>" for v in r[level]) if r else "<td>-</td>" * 3
            if normal:
                r = res.get(NORMAL)
                row += f"<td>{_fmt(r[f'{level}_fpr']) if r else '-'}</td>"
            out.append(row + "</tr>")
    out.append("</table>")
    return "\n".join(out)
