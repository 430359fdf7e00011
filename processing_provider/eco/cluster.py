"""deeptraj:eco - evolutionary clustering of streaming trajectories (ECO) and its two baselines, written as a
temporal point layer, an events table and a per-step table."""

from __future__ import annotations

from qgis.core import QgsProcessingException

from ..base import DeepTrajAlgorithm
from ..figures import push_figures
from ..layer_io import epoch_to_qdatetime
from ..specs.eco import ECO
from .io import EVENT_FIELDS, STEP_FIELDS, write_points, write_table


class EcoAlgorithm(DeepTrajAlgorithm):
    SPEC = ECO
    REQUIRES = ("numpy", "pandas", "pyproj", "scipy", "sklearn")
    #: reading 0..5, clustering the snapshots 5..85, writing 85..99, the DBSCAN baseline 99..100
    PROGRESS = (5.0, 85.0)

    def _stream(self, parameters, context, feedback, trajs, metric):
        """The time steps of DELTA_T from START_TIME, with what they hold told in the log."""
        from ...models.eco.stream import build_stream

        start = None
        start_dt = self.parameterAsDateTime(parameters, "START_TIME", context)
        if start_dt.isValid():
            start = int(start_dt.toSecsSinceEpoch())
        delta_t = self.value(parameters, "DELTA_T", context) or None
        stream = build_stream(trajs.point_traj_index, metric.t, delta_t, start)
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
        return stream

    def _clusterer(self, parameters, context, method):
        from ...models.eco.model import make_clusterer

        names = ("EPS", "MIN_PTS", "DELTA", "RHO", "ALPHA", "SPEED_LIMIT", "EPS_STEP", "ADAPT_EPS")
        return make_clusterer(method, **{n.lower(): self.value(parameters, n, context) for n in names})

    def process(self, parameters, context, feedback):
        from ...models.eco.model import METHODS
        from ...models.eco.results import cluster_stream

        trajs, report = self.read_trajectories(parameters, context, feedback, min_points=1)
        if len(trajs) < 2:
            raise QgsProcessingException(
                self.tr(
                    "INPUT: only {0} object found with TRAJ_ID_FIELD; clustering needs at least 2 moving objects "
                    "(check that the ID field identifies objects, not the whole layer)."
                ).format(len(trajs))
            )
        metric = self.metric_trajectories(trajs, parameters, "CRS", context, feedback)
        stream = self._stream(parameters, context, feedback, trajs, metric)
        method = METHODS[self.value(parameters, "METHOD", context)]
        clusterer = self._clusterer(parameters, context, method)
        qs_radius = self.value(parameters, "QS_RADIUS", context) or None

        self.plan(feedback).text(self.tr("Clustering the snapshots"))
        progress, cancel = self.callbacks(feedback)
        result = cluster_stream(
            clusterer, stream, metric.x, metric.y, metric.t, qs_radius=qs_radius, progress=progress, cancel=cancel
        )
        adjusted = metric.with_xy(result.x, result.y, metric.crs).to_crs(trajs.crs)
        self.plan(feedback).text(self.tr("Writing the clustered points"))
        progress, cancel = self.callbacks(feedback, 85, 99)
        results = {
            "OUTPUT": write_points(
                self, parameters, context, trajs, stream, result, adjusted.x, adjusted.y, progress, cancel
            )
        }
        for name, field_specs, rows in (
            ("OUTPUT_EVENTS", EVENT_FIELDS, result.event_table()),
            ("OUTPUT_STEPS", STEP_FIELDS, result.step_table()),
        ):
            dest = write_table(self, parameters, name, context, field_specs, stream, rows)
            if dest is not None:
                results[name] = dest
        results.update(
            {
                "METHOD": method,
                "METRIC_CRS": metric.crs,
                "START_TIME": epoch_to_qdatetime(stream.start_time).toString(1),
                **result.summary(stream, clusterer, len(trajs)),
            }
        )
        results.update(report)
        feedback.pushInfo(
            f"{method}: {len(stream)} steps, {results['N_CLUSTER_IDS']} cluster ids, "
            f"{results['MS_PER_RECORD']:.4f} ms per record, ε {results['FINAL_EPS']:g} m at the last step"
        )
        self._figures(parameters, context, feedback, stream, metric, results, qs_radius)
        return results

    def _figures(self, parameters, context, feedback, stream, metric, results, qs_radius):
        """Mean QS / NMI beside DBSCAN per snapshot at the initial ε, and a warning when ε ended at an end of its
        range."""
        from ...models.eco.results import baseline_means, eps_at_range_end, stream_figures

        eps = self.value(parameters, "EPS", context)
        _, cancel = self.callbacks(feedback, 99, 100)
        min_pts = self.value(parameters, "MIN_PTS", context)
        base = baseline_means(stream, metric.x, metric.y, metric.t, eps, min_pts, qs_radius, cancel)
        push_figures(feedback, stream_figures(results, base, eps))
        step, adapt = self.value(parameters, "EPS_STEP", context), self.value(parameters, "ADAPT_EPS", context)
        end = eps_at_range_end(eps, results["FINAL_EPS"], step, adapt, qs_radius)
        if end == "max":
            feedback.pushWarning(
                self.tr(
                    "ε ended at {0:g} m (EPS {1:g} m), at or above the QS radius ({2:g} m), the largest ε whose "
                    "clusters QS can judge: neighbours further apart count as unlinked, so the mean QS falls and may "
                    "turn negative. Raise QS_RADIUS above ε, or lower EPS, or turn ADAPT_EPS off."
                ).format(results["FINAL_EPS"], eps, qs_radius)
            )
        elif end == "min":
            feedback.pushWarning(
                self.tr(
                    "ε adapted down to {0:g} m (EPS {1:g} m), the lowest it may take with EPS_STEP {2:g} m: the "
                    "clusters may be tighter than the data's groups. Lower EPS_STEP or MIN_PTS, or turn ADAPT_EPS off."
                ).format(results["FINAL_EPS"], eps, step)
            )
