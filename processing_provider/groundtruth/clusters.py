"""deeptraj:groundtruthclusters - cluster labels around centres (E2DTC Algorithm 2)."""

from __future__ import annotations

import numpy as np
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeature,
    QgsFeatureSink,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingException,
    QgsWkbTypes,
)

from .. import styles
from ..base import DeepTrajAlgorithm
from ..layer_io import id_kind, make_fields, read_points
from ..specs.groundtruth import GROUND_TRUTH_CLUSTERS


class GroundTruthClustersAlgorithm(DeepTrajAlgorithm):
    SPEC = GROUND_TRUTH_CLUSTERS
    REQUIRES = ("numpy", "pandas", "pyproj")
    #: reading 0..10, assigning to the centres 10..90, writing 90..100
    PROGRESS = (10.0, 90.0)

    def _centers(self, parameters, context, metric, metric_qcrs):
        """The centres in the metric CRS: the CENTERS layer's points, or picked from the trajectories."""
        from ...models.synthetic.groundtruth import auto_centers

        centers_src = self.parameterAsSource(parameters, "CENTERS", context)
        if centers_src is None:
            return auto_centers(metric, self.value(parameters, "N_CENTERS", context))
        xf = QgsCoordinateTransform(centers_src.sourceCrs(), metric_qcrs, context.transformContext())
        centers = read_points(centers_src, xf, by_id=True)[0]
        if len(centers) < 2:
            raise QgsProcessingException(
                self.tr("CENTERS: at least 2 centre points are needed, found {0}.").format(len(centers))
            )
        return centers

    def process(self, parameters, context, feedback):
        from ...models.synthetic.groundtruth import assign_to_centers
        from ...models.synthetic.summaries import cluster_summary

        trajs, report = self.read_trajectories(parameters, context, feedback)
        metric = self.metric_trajectories(trajs, parameters, "METRIC_CRS", context, feedback)
        metric_qcrs = QgsCoordinateReferenceSystem(metric.crs)
        centers = self._centers(parameters, context, metric, metric_qcrs)
        progress, cancel = self.callbacks(feedback)
        gt = assign_to_centers(
            metric,
            centers,
            self.value(parameters, "RADIUS_RATIO", context),
            self.value(parameters, "FALLEN_THRESHOLD", context),
            progress,
            cancel,
        )
        keep_all = self.value(parameters, "KEEP_UNASSIGNED", context)
        self.check_cancelled(feedback)

        in_crs = QgsCoordinateReferenceSystem(trajs.crs)
        counts, summary = cluster_summary(gt.labels, centers.shape[0], gt.radius)
        results = {"OUTPUT": self._write_labels(parameters, context, feedback, trajs, gt, keep_all), **summary}
        results.update(report)
        cid = self._write_centers(parameters, context, centers, counts, gt.radius, metric_qcrs, in_crs)
        if cid is not None:
            results["OUTPUT_CENTERS"] = cid
        feedback.pushInfo(
            f"{results['N_ASSIGNED']} trajectories assigned to {centers.shape[0]} clusters "
            f"(radius {gt.radius:.0f} m); {results['N_UNASSIGNED']} unassigned"
        )
        empty = np.flatnonzero(counts == 0).tolist()
        if empty:
            feedback.pushWarning(
                self.tr(
                    "Centres {0} hold no trajectory: the ground truth has {1} clusters, not {2}. Cluster with "
                    "N_CLUSTERS = {1} (N_NONEMPTY_CLUSTERS in the results), or move or drop those centres."
                ).format(", ".join(map(str, empty)), results["N_NONEMPTY_CLUSTERS"], centers.shape[0])
            )
        return results

    def _write_labels(self, parameters, context, feedback, trajs, gt, keep_all):
        """The labelled trajectory lines (unassigned ones only with ``keep_all``)."""
        from ..e2dtc.io import _rounded, write_lines

        fields = [("traj_id", id_kind(trajs.ids)), ("gt_label", "int"), ("fallen_rate", "double"), ("n_points", "int")]
        values = {
            "traj_id": trajs.ids,
            "gt_label": gt.labels,
            "fallen_rate": _rounded(gt.fallen_rate),
            "n_points": trajs.lengths,
        }
        keep = None if keep_all else gt.labels >= 0
        written = self.plan(feedback).writing()
        out_id = write_lines(self, parameters, "OUTPUT", context, feedback, trajs, fields, values, written, keep)
        self.style_output(context, out_id, lambda layer: styles.categorized(layer, "gt_label"))
        return out_id

    def _write_centers(self, parameters, context, centers, counts, radius, metric_qcrs, crs):
        """The circles around the centres, or None when OUTPUT_CENTERS is not wanted."""
        fields = make_fields(
            [
                ("label", "int"),
                ("n_trajectories", "int"),
                ("radius_m", "double"),
                ("center_x", "double"),
                ("center_y", "double"),
            ]
        )
        sink, cid = self.parameterAsSink(parameters, "OUTPUT_CENTERS", context, fields, QgsWkbTypes.Polygon, crs)
        if sink is None:
            return None
        back = QgsCoordinateTransform(metric_qcrs, crs, context.transformContext())
        for j, (cx, cy) in enumerate(centers):
            g = QgsGeometry.fromPointXY(QgsPointXY(cx, cy)).buffer(radius, 32)
            g.transform(back)
            f = QgsFeature(fields)
            f.setGeometry(g)
            f.setAttributes([j, int(counts[j]), round(float(radius), 2), float(cx), float(cy)])
            sink.addFeature(f, QgsFeatureSink.FastInsert)
        del sink
        self.style_output(context, cid, lambda layer: styles.categorized(layer, "label", fill_alpha=40))
        return cid
