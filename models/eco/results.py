"""The results of clustering a whole stream: per-record arrays (cluster, adjusted location, role, seed, smoothed),
the cluster events, the per-step table and the run's summary numbers."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import List, Optional

import numpy as np

from ..core.progress import CancelFn, ProgressFn


@dataclass
class StreamClustering:
    """Per source point (records outside the stream keep cluster −1, their own location and role noise):
    ``labels``, adjusted ``x``/``y`` (the clusterer's planar CRS), ``role`` (index into ROLE_NAMES), ``seed``,
    ``smoothed``; ``events`` = (step, cluster, event, related clusters); ``rows`` = the per-step summaries of
    :func:`run_stream`."""

    labels: np.ndarray
    x: np.ndarray
    y: np.ndarray
    role: np.ndarray
    seed: np.ndarray
    smoothed: np.ndarray
    events: List[tuple] = field(default_factory=list)
    rows: List[dict] = field(default_factory=list)

    def event_table(self) -> List[tuple]:
        """(step, cluster, event, related clusters as "a,b") per event."""
        return [(int(step), int(cid), ev, ",".join(str(r) for r in rel)) for step, cid, ev, rel in self.events]

    def step_table(self) -> List[tuple]:
        """(step, objects, clusters, QS, NMI, ε rounded to mm, smoothed, processing ms per record) per step."""
        return step_table(self.rows)

    def summary(self, stream, clusterer, n_objects: int) -> dict:
        """The run's numbers: DELTA_T, N_STEPS, N_RECORDS, N_OBJECTS, N_IGNORED_RECORDS, N_SMOOTHED, N_EVENTS,
        MEAN_QS, MEAN_NMI, MS_PER_RECORD (these three rounded to 4 decimals, as QGIS prints them in the log),
        FINAL_EPS and N_CLUSTER_IDS."""
        from .model import summarise

        means = summarise(self.rows)
        return {
            "DELTA_T": stream.delta_t,
            "N_STEPS": len(stream),
            "N_RECORDS": int(stream.rec.size),
            "N_OBJECTS": int(n_objects),
            "N_IGNORED_RECORDS": int(stream.n_dropped),
            "N_SMOOTHED": int(self.smoothed.sum()),
            "N_EVENTS": len(self.events),
            "MEAN_QS": _rounded(means["mean_qs"], 4),
            "MEAN_NMI": _rounded(means["mean_nmi"], 4),
            "MS_PER_RECORD": _rounded(means["ms_per_record"], 4),
            "FINAL_EPS": float(clusterer.eps),
            "N_CLUSTER_IDS": int(np.unique(self.labels[self.labels >= 0]).size),
        }


def step_table(rows) -> List[tuple]:
    """(step, objects, clusters, QS, NMI, ε rounded to mm, smoothed, processing ms per record) per step of the
    per-step ``rows`` of :func:`run_stream`."""
    return [
        (
            r["step"],
            r["objects"],
            r["clusters"],
            r["qs"],
            r["nmi"],
            round(r["eps"], 3),
            r["smoothed"],
            1000.0 * r["seconds"] / max(r["objects"], 1),
        )
        for r in rows
    ]


def _rounded(value, digits: int):
    """``value`` rounded to ``digits`` decimals; None stays None."""
    return None if value is None else round(float(value), digits)


def cluster_stream(
    clusterer,
    stream,
    x,
    y,
    t,
    qs_radius: Optional[float] = None,
    progress: ProgressFn = None,
    cancel: CancelFn = None,
) -> StreamClustering:
    """Run ``clusterer`` over every snapshot of ``stream`` (x, y, t indexed like the source points, see
    :func:`run_stream`) and gather its per-record results."""
    from .model import run_stream

    x, y = np.asarray(x, float), np.asarray(y, float)
    n = x.size
    out = StreamClustering(
        labels=np.full(n, -1, np.int64),
        x=x.copy(),
        y=y.copy(),
        role=np.zeros(n, np.int8),
        seed=np.zeros(n, bool),
        smoothed=np.zeros(n, bool),
    )

    def on_step(step, rec, res, qs_eval):
        out.labels[rec], out.x[rec], out.y[rec], out.role[rec] = res.labels, res.x, res.y, res.role
        out.seed[rec], out.smoothed[rec] = res.seed, res.smoothed
        out.events.extend((step, cid, ev, rel) for cid, ev, rel in res.events)

    out.rows = run_stream(
        clusterer, stream, x, y, t, qs_radius=qs_radius, progress=progress, cancel=cancel, on_step=on_step
    )
    return out


class StreamTotals:
    """What a run reports without keeping per-record arrays: the per-step ``rows`` of :func:`run_stream` and the
    counts of smoothed records, events and distinct cluster ids (memory grows with the steps and cluster ids, not
    with the records)."""

    def __init__(self):
        self.rows: List[dict] = []
        self.n_smoothed = 0
        self.n_events = 0
        self._ids = np.zeros(0, bool)

    def add(self, res):
        self.n_smoothed += int(res.smoothed.sum())
        self.n_events += len(res.events)
        lab = res.labels[res.labels >= 0]
        if lab.size:
            top = int(lab.max()) + 1
            if top > self._ids.size:
                self._ids = np.r_[self._ids, np.zeros(max(top - self._ids.size, self._ids.size), bool)]
            self._ids[lab] = True

    def summary(self, stream, clusterer, n_objects: int) -> dict:
        """The numbers of :meth:`StreamClustering.summary`, plus N_OUTLIER_RECORDS (records left out of the stream:
        non-finite coordinates or GPS outliers far outside the bulk)."""
        from .model import summarise

        means = summarise(self.rows)
        return {
            "DELTA_T": stream.delta_t,
            "N_STEPS": len(stream),
            "N_RECORDS": int(stream.rec.size),
            "N_OBJECTS": int(n_objects),
            "N_IGNORED_RECORDS": int(stream.n_dropped),
            "N_OUTLIER_RECORDS": int(stream.n_outliers + stream.n_nonfinite),
            "N_SMOOTHED": self.n_smoothed,
            "N_EVENTS": self.n_events,
            "MEAN_QS": _rounded(means["mean_qs"], 4),
            "MEAN_NMI": _rounded(means["mean_nmi"], 4),
            "MS_PER_RECORD": _rounded(means["ms_per_record"], 4),
            "FINAL_EPS": float(clusterer.eps),
            "N_CLUSTER_IDS": int(self._ids.sum()),
        }


def cluster_stream_chunks(
    clusterer,
    stream,
    x,
    y,
    t,
    on_chunk,
    chunk_records: int = 250_000,
    qs_radius: Optional[float] = None,
    progress: ProgressFn = None,
    cancel: CancelFn = None,
) -> StreamTotals:
    """Run ``clusterer`` over every snapshot of ``stream`` like :func:`cluster_stream`, but hand the results to
    ``on_chunk(records, events)`` every ``chunk_records`` records (and at the end) instead of keeping them:
    ``records`` = dict of arrays in stream order (``rec`` the source point index, ``step``, ``labels``, ``x``,
    ``y`` adjusted, ``role``, ``seed``, ``smoothed``), ``events`` = dict of the chunk's event columns (``step``,
    ``cluster``, ``event``, ``related`` as "a,b"). Memory is independent of the stream's length."""
    from .model import run_stream

    totals = StreamTotals()
    parts, events, held = [], [], [0]

    def flush():
        if not parts:
            return
        keys = ("rec", "step", "labels", "x", "y", "role", "seed", "smoothed")
        records = {k: np.concatenate([p[k] for p in parts]) for k in keys}
        ev = {
            "step": np.array([e[0] for e in events], np.int64),
            "cluster": np.array([e[1] for e in events], np.int64),
            "event": np.array([e[2] for e in events], object),
            "related": np.array([",".join(str(r) for r in e[3]) for e in events], object),
        }
        parts.clear(), events.clear()
        held[0] = 0
        on_chunk(records, ev)

    def on_step(step, rec, res, qs_eval):
        totals.add(res)
        parts.append(
            dict(rec=rec, step=np.full(rec.size, step, np.int64), labels=res.labels, x=res.x, y=res.y,
                 role=res.role, seed=res.seed, smoothed=res.smoothed)
        )  # fmt: skip
        events.extend((int(step), int(cid), ev, rel) for cid, ev, rel in res.events)
        held[0] += rec.size
        if held[0] >= chunk_records:
            flush()

    totals.rows = run_stream(
        clusterer, stream, x, y, t, qs_radius=qs_radius, progress=progress, cancel=cancel, on_step=on_step
    )
    flush()
    return totals


def baseline_means(stream, x, y, t, eps: float, min_pts: int, qs_radius: Optional[float] = None, cancel=None) -> dict:
    """The baseline of a run's mean QS / NMI: plain DBSCAN per snapshot at the run's initial ``eps`` (no ε
    adaptation, no smoothing) over the same ``stream``, QS measured the same way; :func:`.model.summarise` of it."""
    from .baselines import SnapshotDBSCAN
    from .model import run_stream, summarise

    rows = run_stream(
        SnapshotDBSCAN(eps=eps, min_pts=min_pts, adapt_eps=False), stream, x, y, t, qs_radius, None, cancel
    )
    return summarise(rows)


def baseline_name(eps: float) -> str:
    """How the baseline of :func:`baseline_means` is named beside the figures."""
    return f"DBSCAN per snapshot at ε {eps:g} m"


def stream_figures(summary: dict, baseline: dict, eps: float) -> list:
    """Mean QS and mean NMI of a run (``summary`` of :meth:`StreamClustering.summary`) beside the same means of
    :func:`baseline_means` (``baseline``); a figure the run did not measure (None) is left out."""
    from ..core.figures import Figure

    name = baseline_name(eps)
    return [
        Figure(label, summary[key], name, baseline[base_key])
        for label, key, base_key in (("mean QS", "MEAN_QS", "mean_qs"), ("mean NMI", "MEAN_NMI", "mean_nmi"))
        if summary.get(key) is not None
    ]


def eps_at_range_end(
    initial_eps: float, final_eps: float, eps_step: float, adapt_eps: bool, qs_radius: Optional[float]
) -> Optional[str]:
    """Whether the run's ε ended at an end of the range it may take: "min" when ε adapted down to its lowest value
    (one more step Δε would reach 0), "max" when ε is at or above the QS radius, the largest ε whose clusters the
    reported QS can judge (pairs further apart than the QS radius count as unlinked, so QS falls and may turn
    negative); None otherwise."""
    if qs_radius and final_eps >= qs_radius:
        return "max"
    if adapt_eps and eps_step > 0 and final_eps < initial_eps and final_eps - eps_step <= 0:
        return "min"
    return None
