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
            for r in self.rows
        ]

    def summary(self, stream, clusterer, n_objects: int) -> dict:
        """The run's numbers: DELTA_T, N_STEPS, N_RECORDS, N_OBJECTS, N_IGNORED_RECORDS, N_SMOOTHED, N_EVENTS,
        MEAN_QS, MEAN_NMI, MS_PER_RECORD, FINAL_EPS and N_CLUSTER_IDS."""
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
            "MEAN_QS": means["mean_qs"],
            "MEAN_NMI": means["mean_nmi"],
            "MS_PER_RECORD": means["ms_per_record"],
            "FINAL_EPS": float(clusterer.eps),
            "N_CLUSTER_IDS": int(np.unique(self.labels[self.labels >= 0]).size),
        }


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
