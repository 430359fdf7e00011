"""deeptraj:eco - evolutionary clustering of streaming trajectories (ECO) and its two baselines, written as a
temporal point layer, an events table and a per-step table."""

from __future__ import annotations

import numpy as np
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsFeatureSink,
    QgsGeometry,
    QgsPointXY,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterCrs,
    QgsProcessingParameterDateTime,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterNumber,
    QgsWkbTypes,
)

from . import styles
from .base import DeepTrajAlgorithm
from .layer_io import epoch_to_qdatetime, id_kind, make_fields, py_value


class EcoAlgorithm(DeepTrajAlgorithm):
    NAME = "eco"
    GROUP_ID = "clustering"
    REQUIRES = ("numpy", "pandas", "pyproj", "scipy", "sklearn")

    DELTA_T = "DELTA_T"
    START_TIME = "START_TIME"
    SPEED_LIMIT = "SPEED_LIMIT"
    EPS = "EPS"
    MIN_PTS = "MIN_PTS"
    DELTA = "DELTA"
    RHO = "RHO"
    ALPHA = "ALPHA"
    ADAPT_EPS = "ADAPT_EPS"
    EPS_STEP = "EPS_STEP"
    QS_RADIUS = "QS_RADIUS"
    CRS = "CRS"
    METHOD = "METHOD"
    OUTPUT = "OUTPUT"
    OUTPUT_EVENTS = "OUTPUT_EVENTS"
    OUTPUT_STEPS = "OUTPUT_STEPS"

    def displayName(self):
        return self.tr("Evolutionary clustering of streaming trajectories (ECO)")

    def shortHelpString(self):
        return self.tr(
            "<p>Clusters moving objects time step by time step so that clusters change smoothly: ECO (Li, Chen, "
            "Jensen, Pedersen, Hu, arXiv 2109.11609). Objects that jump away from their minimal group for a moment are "
            "moved back towards its most smoothly moving member (under the speed limit) before DBSCAN, and cluster ids "
            "are carried from step to step, so the output can be animated with the temporal controller.</p>"
            "<p><b>Input points</b> (INPUT) with an <b>object ID</b> (TRAJ_ID_FIELD: vehicle, vessel, person) and a "
            "<b>time</b> (TIME_FIELD, required).</p>"
            "<p><b>Time step Δt</b> (DELTA_T, seconds, 0 = the data's median sampling interval) and <b>start time</b> "
            "(START_TIME, default the earliest record): time is cut into steps; an object keeps its earliest record "
            "per step; a snapshot is the set of objects seen at a step. Records before the start are ignored.</p>"
            "<p><b>Speed limit μ</b> (SPEED_LIMIT, m/s, default 35): no adjustment moves an object further from its "
            "previous location than μ × the time between them; locations breaking it are first moved onto that "
            "circle. <b>ε</b> (EPS, m, default 600) and <b>minPts</b> (MIN_PTS, default 5, paper range 2–10): DBSCAN, "
            "a point counting itself. <b>δ</b> (DELTA, m, default 400, ≤ ε, paper 200–800) and <b>ρ</b> (RHO, default "
            "5, paper 4–8): a minimal group is a seed with at least ρ objects within δ and the objects nearest to it. "
            "<b>α</b> (ALPHA, default 0.5, paper 0.1–0.9): weight of history against fidelity to the data. "
            "<b>Adapt ε</b> (ADAPT_EPS, default yes): ε moves by Δε (EPS_STEP, advanced, 50 m) towards higher "
            "modularity once per step (iterated at the first step). <b>Metric CRS</b> (CRS, advanced, default: the UTM "
            "zone of the data). <b>Method</b> (METHOD): 0 ECO, 1 DBSCAN per snapshot (no smoothing), 2 Kim–Han-style "
            "distance smoothing, for comparison. <b>QS radius</b> (QS_RADIUS, advanced, m, default 1000, 0 = off): "
            "the neighbour graph on which the per-step modularity QS is reported.</p>"
            "<p>Outputs: <b>Clustered points</b> (OUTPUT: obj_id, step, step_start, step_end, time, orig_x/orig_y and "
            "adj_x/adj_y in the layer CRS, cluster (−1 = noise, ids stable across steps), role (core, border, noise), "
            "seed, smoothed; the point sits at the adjusted location; categorized by cluster with temporal properties "
            "from step_start/step_end). <b>Cluster events</b> (OUTPUT_EVENTS: step, cluster, event = form, evolve, "
            "split, merge or dissolve, related clusters). <b>Steps</b> (OUTPUT_STEPS: objects, clusters, QS, NMI with "
            "the previous step over the objects seen at both, ε used, processing ms per record).</p>"
        )

    def initAlgorithm(self, config=None):
        self.add_trajectory_parameters(lines=False, optional_id=False, optional_time=False)
        num = QgsProcessingParameterNumber
        self.addParameter(
            num(
                self.DELTA_T,
                self.tr("Time step Δt (seconds, 0 = median sampling interval)"),
                num.Double,
                0.0,
                minValue=0.0,
            )
        )
        self.addParameter(
            QgsProcessingParameterDateTime(
                self.START_TIME, self.tr("Start time (default: earliest record)"), optional=True
            )
        )
        self.addParameter(num(self.SPEED_LIMIT, self.tr("Speed limit μ (m/s)"), num.Double, 35.0, minValue=0.001))
        self.addParameter(num(self.EPS, self.tr("DBSCAN ε (m)"), num.Double, 600.0, minValue=0.001))
        self.addParameter(num(self.MIN_PTS, self.tr("DBSCAN minPts"), num.Integer, 5, minValue=1))
        self.addParameter(
            num(self.DELTA, self.tr("Minimal group radius δ (m, at most ε)"), num.Double, 400.0, minValue=0.001)
        )
        self.addParameter(num(self.RHO, self.tr("Minimal group size ρ"), num.Integer, 5, minValue=2))
        self.addParameter(num(self.ALPHA, self.tr("History weight α"), num.Double, 0.5, minValue=0.001))
        self.addParameter(
            QgsProcessingParameterBoolean(self.ADAPT_EPS, self.tr("Adapt ε by modularity"), defaultValue=True)
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                self.METHOD,
                self.tr("Method"),
                [self.tr("ECO"), self.tr("DBSCAN per snapshot"), self.tr("Kim–Han distance smoothing")],
                defaultValue=0,
            )
        )
        for p in (
            num(self.EPS_STEP, self.tr("ε step Δε (m)"), num.Double, 50.0, minValue=0.0),
            num(self.QS_RADIUS, self.tr("QS radius (m, 0 = do not report QS)"), num.Double, 1000.0, minValue=0.0),
            QgsProcessingParameterCrs(self.CRS, self.tr("Metric CRS (default: UTM zone of the data)"), optional=True),
        ):
            p.setFlags(p.flags() | p.FlagAdvanced)
            self.addParameter(p)
        self.addParameter(
            QgsProcessingParameterFeatureSink(self.OUTPUT, self.tr("Clustered points"), QgsProcessing.TypeVectorPoint)
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT_EVENTS, self.tr("Cluster events"), QgsProcessing.TypeVector, optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT_STEPS, self.tr("Steps"), QgsProcessing.TypeVector, optional=True
            )
        )

    def process(self, parameters, context, feedback):
        from ..models.core.progress import check
        from ..models.eco.model import METHODS, ROLE_NAMES, build_stream, make_clusterer, run_stream, summarise

        trajs, report = self.read_trajectories(parameters, context, feedback, min_points=1)
        if len(trajs) < 2:
            raise QgsProcessingException(
                self.tr(
                    "INPUT: only {0} object found with TRAJ_ID_FIELD; clustering needs at least 2 moving objects "
                    "(check that the ID field identifies objects, not the whole layer)."
                ).format(len(trajs))
            )
        metric = self.metric_trajectories(trajs, parameters, self.CRS, context, feedback)

        start = None
        start_dt = self.parameterAsDateTime(parameters, self.START_TIME, context)
        if start_dt.isValid():
            start = int(start_dt.toSecsSinceEpoch())
        delta_t = self.parameterAsDouble(parameters, self.DELTA_T, context) or None
        obj = trajs.point_traj_index
        stream = build_stream(obj, metric.t, delta_t, start)
        span = int(metric.t.max() - stream.start_time)
        feedback.pushInfo(
            f"Δt = {stream.delta_t:g} s from {epoch_to_qdatetime(stream.start_time).toString(1)}: "
            f"{len(stream)} non-empty steps, {stream.rec.size} records "
            f"({stream.n_dropped} records ignored: before the start time, "
            "or not the earliest of their object in a step)"
        )
        if len(stream) == 1:
            feedback.reportError(
                self.tr(
                    "All records fall into one time step (Δt {0:g} s ≥ the {1} s the data spans): "
                    "the result is a single snapshot clustering, without smoothing. Lower DELTA_T for a stream."
                ).format(stream.delta_t, span)
            )

        method = METHODS[self.parameterAsEnum(parameters, self.METHOD, context)]
        clusterer = make_clusterer(
            method,
            eps=self.parameterAsDouble(parameters, self.EPS, context),
            min_pts=self.parameterAsInt(parameters, self.MIN_PTS, context),
            delta=self.parameterAsDouble(parameters, self.DELTA, context),
            rho=self.parameterAsInt(parameters, self.RHO, context),
            alpha=self.parameterAsDouble(parameters, self.ALPHA, context),
            speed_limit=self.parameterAsDouble(parameters, self.SPEED_LIMIT, context),
            eps_step=self.parameterAsDouble(parameters, self.EPS_STEP, context),
            adapt_eps=self.parameterAsBool(parameters, self.ADAPT_EPS, context),
        )
        qs_radius = self.parameterAsDouble(parameters, self.QS_RADIUS, context) or None

        n = metric.n_points
        label = np.full(n, -1, np.int64)
        ax, ay = metric.x.copy(), metric.y.copy()
        role = np.zeros(n, np.int8)
        seed = np.zeros(n, bool)
        smoothed = np.zeros(n, bool)
        events = []

        def on_step(step, rec, res, qs_eval):
            label[rec], ax[rec], ay[rec], role[rec] = res.labels, res.x, res.y, res.role
            seed[rec], smoothed[rec] = res.seed, res.smoothed
            events.extend((step, cid, ev, rel) for cid, ev, rel in res.events)

        progress, cancel = self.callbacks(feedback, 5, 85)
        rows = run_stream(
            clusterer,
            stream,
            metric.x,
            metric.y,
            metric.t,
            qs_radius=qs_radius,
            progress=progress,
            cancel=cancel,
            on_step=on_step,
        )

        # ---- outputs
        adjusted = metric.with_xy(ax, ay, metric.crs).to_crs(trajs.crs)
        ox, oy = adjusted.x, adjusted.y
        in_crs = QgsCoordinateReferenceSystem(trajs.crs)
        fields = make_fields(
            [
                ("obj_id", id_kind(trajs.ids)),
                ("step", "int"),
                ("step_start", "datetime"),
                ("step_end", "datetime"),
                ("time", "datetime"),
                ("orig_x", "double"),
                ("orig_y", "double"),
                ("adj_x", "double"),
                ("adj_y", "double"),
                ("cluster", "int"),
                ("role", "string"),
                ("seed", "bool"),
                ("smoothed", "bool"),
            ]
        )
        sink, out_id = self.parameterAsSink(parameters, self.OUTPUT, context, fields, QgsWkbTypes.Point, in_crs)
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT))
        ids = trajs.ids
        batch = []
        total = stream.rec.size
        # a step ends where the next one starts (no gap, no overlap in the temporal controller)
        bounds = {
            st: (epoch_to_qdatetime(stream.step_time(st)), epoch_to_qdatetime(stream.step_time(st + 1)))
            for st in np.unique(stream.step).tolist()
        }
        progress, cancel = self.callbacks(feedback, 85, 99)
        for k, (p, st) in enumerate(zip(stream.rec.tolist(), stream.step.tolist())):
            f = QgsFeature(fields)
            f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(float(ox[p]), float(oy[p]))))
            f.setAttributes(
                [
                    py_value(ids[obj[p]]),
                    st,
                    *bounds[st],
                    epoch_to_qdatetime(trajs.t[p]),
                    float(trajs.x[p]),
                    float(trajs.y[p]),
                    float(ox[p]),
                    float(oy[p]),
                    int(label[p]),
                    ROLE_NAMES[role[p]],
                    bool(seed[p]),
                    bool(smoothed[p]),
                ]
            )
            batch.append(f)
            if len(batch) >= 5000:
                sink.addFeatures(batch, QgsFeatureSink.FastInsert)
                batch = []
                check(cancel)
                progress(100.0 * k / total)
        sink.addFeatures(batch, QgsFeatureSink.FastInsert)
        del sink
        self.style_output(context, out_id, _style_points)
        results = {self.OUTPUT: out_id}

        efields = make_fields(
            [
                ("step", "int"),
                ("step_start", "datetime"),
                ("cluster", "int"),
                ("event", "string"),
                ("related", "string"),
            ]
        )
        esink, eid = self.parameterAsSink(parameters, self.OUTPUT_EVENTS, context, efields, QgsWkbTypes.NoGeometry)
        if esink is not None:
            for step, cid, ev, rel in events:
                f = QgsFeature(efields)
                f.setAttributes(
                    [int(step), epoch_to_qdatetime(stream.step_time(step)), int(cid), ev, ",".join(str(r) for r in rel)]
                )
                esink.addFeature(f, QgsFeatureSink.FastInsert)
            del esink
            results[self.OUTPUT_EVENTS] = eid

        sfields = make_fields(
            [
                ("step", "int"),
                ("step_start", "datetime"),
                ("objects", "int"),
                ("clusters", "int"),
                ("qs", "double"),
                ("nmi", "double"),
                ("eps", "double"),
                ("smoothed", "int"),
                ("ms_per_record", "double"),
            ]
        )
        ssink, sid = self.parameterAsSink(parameters, self.OUTPUT_STEPS, context, sfields, QgsWkbTypes.NoGeometry)
        if ssink is not None:
            for r in rows:
                f = QgsFeature(sfields)
                f.setAttributes(
                    [
                        r["step"],
                        epoch_to_qdatetime(stream.step_time(r["step"])),
                        r["objects"],
                        r["clusters"],
                        r["qs"],
                        r["nmi"],
                        round(r["eps"], 3),
                        r["smoothed"],
                        1000.0 * r["seconds"] / max(r["objects"], 1),
                    ]
                )
                ssink.addFeature(f, QgsFeatureSink.FastInsert)
            del ssink
            results[self.OUTPUT_STEPS] = sid

        summary = summarise(rows)
        results.update(
            {
                "METHOD": method,
                "METRIC_CRS": metric.crs,
                "DELTA_T": stream.delta_t,
                "START_TIME": epoch_to_qdatetime(stream.start_time).toString(1),
                "N_STEPS": len(stream),
                "N_RECORDS": int(total),
                "N_OBJECTS": int(len(trajs)),
                "N_IGNORED_RECORDS": int(stream.n_dropped),
                "N_SMOOTHED": int(smoothed.sum()),
                "N_EVENTS": len(events),
                "MEAN_QS": summary["mean_qs"],
                "MEAN_NMI": summary["mean_nmi"],
                "MS_PER_RECORD": summary["ms_per_record"],
                "FINAL_EPS": float(clusterer.eps),
                "N_CLUSTER_IDS": int(np.unique(label[label >= 0]).size),
            }
        )
        results.update(report)
        feedback.pushInfo(
            f"{method}: {len(stream)} steps, {results['N_CLUSTER_IDS']} cluster ids, mean QS "
            f"{results['MEAN_QS']}, mean NMI {results['MEAN_NMI']}, "
            f"{results['MS_PER_RECORD']:.4f} ms per record"
        )
        return results


def _style_points(layer):
    """Categorized by cluster (noise grey) and animated by step with the temporal controller."""
    styles.categorized(layer, "cluster")
    styles.temporal(layer, "step_start", "step_end")
