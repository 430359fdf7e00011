"""deeptraj:eco - evolutionary clustering of streaming trajectories (ECO) and its two baselines, written as a
temporal point layer, an events table and a per-step table."""

from __future__ import annotations

import os

from qgis.core import QgsProcessingException

from ..base import DeepTrajAlgorithm
from ..figures import push_figures
from ..layer_io import epoch_to_qdatetime, id_kind
from ..specs.eco import ECO
from .io import EVENT_FIELDS, POINT_FIELDS, event_columns, open_writer, point_columns, style_points, write_steps


def _same_gpkg(parameters, context, a, b) -> bool:
    """Whether the outputs ``a`` and ``b`` both go into the same GeoPackage file."""
    from ..gpkg_writer import destination_value, gpkg_destination

    da, db = (gpkg_destination(destination_value(parameters, n, context)[0]) for n in (a, b))
    return da is not None and db is not None and os.path.abspath(da[0]) == os.path.abspath(db[0])


class EcoAlgorithm(DeepTrajAlgorithm):
    SPEC = ECO
    REQUIRES = ("numpy", "pandas", "pyproj", "scipy", "sklearn")
    #: reading 0..5, clustering the snapshots and writing their points 5..97, the tables 97..99, the DBSCAN baseline
    #: 99..100
    PROGRESS = (5.0, 97.0)

    def _stream(self, parameters, context, feedback, trajs, metric):
        """The time steps of DELTA_T from START_TIME, with what they hold told in the log."""
        from ...models.eco.stream import build_stream

        start = None
        start_dt = self.parameterAsDateTime(parameters, "START_TIME", context)
        if start_dt.isValid():
            start = int(start_dt.toSecsSinceEpoch())
        delta_t = self.value(parameters, "DELTA_T", context) or None
        stream = build_stream(trajs.point_traj_index, metric.t, delta_t, start, metric.x, metric.y)
        if stream.n_outliers or stream.n_nonfinite:
            what = stream.outliers.describe() if stream.n_outliers else ""
            if stream.n_nonfinite:
                what += (" and " if what else "") + f"{stream.n_nonfinite} that cannot be placed in {metric.crs}"
            feedback.pushWarning(
                self.tr(
                    "{0} record(s) left out of the stream as GPS outliers far outside the bulk of the data: {1} "
                    "(N_OUTLIER_RECORDS). Filter them from INPUT if they are real positions."
                ).format(stream.n_outliers + stream.n_nonfinite, what)
            )
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

        self.plan(feedback).text(self.tr("Clustering the snapshots and writing the clustered points"))
        progress, cancel = self.callbacks(feedback)
        totals, results = self._cluster_and_write(
            parameters, context, feedback, trajs, metric, stream, clusterer, qs_radius, progress, cancel
        )
        results.update(
            {
                "METHOD": method,
                "METRIC_CRS": metric.crs,
                "START_TIME": epoch_to_qdatetime(stream.start_time).toString(1),
                **totals.summary(stream, clusterer, len(trajs)),
            }
        )
        results.update(report)
        feedback.pushInfo(
            f"{method}: {len(stream)} steps, {results['N_CLUSTER_IDS']} cluster ids, "
            f"{results['MS_PER_RECORD']:.4f} ms per record, ε {results['FINAL_EPS']:g} m at the last step"
        )
        self._figures(parameters, context, feedback, stream, metric, results, qs_radius)
        return results

    def _cluster_and_write(self, parameters, context, feedback, trajs, metric, stream, clusterer, qs_radius, *cb):
        """Cluster the stream, writing the points and events chunk by chunk as the steps are done (nothing per
        record is kept); then the steps table. Returns (StreamTotals, the output destinations)."""
        from ...models.core.crs import transform_xy
        from ...models.eco.results import cluster_stream_chunks, step_table

        points = open_writer(
            self, parameters, "OUTPUT", context, feedback, [("obj_id", id_kind(trajs.ids))] + POINT_FIELDS, trajs.crs
        )
        # two bulk writers cannot fill one GeoPackage file at once: events bound for the points' file wait for them
        deferred = [] if _same_gpkg(parameters, context, "OUTPUT", "OUTPUT_EVENTS") else None
        events = (
            None
            if deferred is not None
            else open_writer(self, parameters, "OUTPUT_EVENTS", context, feedback, EVENT_FIELDS)
        )

        def on_chunk(records, ev):
            ax, ay = transform_xy(records["x"], records["y"], metric.crs, trajs.crs)
            points.add(point_columns(trajs, stream, records, ax, ay), ax, ay)
            if ev["step"].size and deferred is not None:
                deferred.append(event_columns(stream, ev))
            elif ev["step"].size and events is not None:
                events.add(event_columns(stream, ev))

        totals = cluster_stream_chunks(clusterer, stream, metric.x, metric.y, metric.t, on_chunk, qs_radius=qs_radius,
                                       progress=cb[0], cancel=cb[1])  # fmt: skip
        self.plan(feedback).text(self.tr("Writing the clustered points"))
        results = {"OUTPUT": points.finish()}
        self.style_output(context, results["OUTPUT"], style_points)
        if deferred is not None:
            events = open_writer(self, parameters, "OUTPUT_EVENTS", context, feedback, EVENT_FIELDS)
            for columns in deferred:
                events.add(columns)
        if events is not None:
            results["OUTPUT_EVENTS"] = events.finish()
        dest = write_steps(self, parameters, context, feedback, stream, step_table(totals.rows))
        if dest is not None:
            results["OUTPUT_STEPS"] = dest
        return totals, results

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
