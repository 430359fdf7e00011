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
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterCrs,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterNumber,
    QgsWkbTypes,
)

from . import styles
from .base import DeepTrajAlgorithm
from .layer_io import id_kind, line_geometry, make_fields, py_value, read_points


class GroundTruthClustersAlgorithm(DeepTrajAlgorithm):
    NAME = "groundtruthclusters"
    GROUP_ID = "groundtruth"
    REQUIRES = ("numpy", "pandas", "pyproj")

    CENTERS = "CENTERS"
    N_CENTERS = "N_CENTERS"
    RADIUS_RATIO = "RADIUS_RATIO"
    FALLEN_THRESHOLD = "FALLEN_THRESHOLD"
    KEEP_UNASSIGNED = "KEEP_UNASSIGNED"
    METRIC_CRS = "METRIC_CRS"
    OUTPUT = "OUTPUT"
    OUTPUT_CENTERS = "OUTPUT_CENTERS"

    def displayName(self):
        return self.tr("Ground-truth clusters around centres")

    def shortHelpString(self):
        return self.tr(
            "<p>Labels trajectories with the cluster of the centre they stay around: Algorithm 2 of E2DTC "
            "(Fang et al., ICDE 2021), used to make clustering ground truth.</p>"
            "<p><b>Input trajectories</b>, <b>Trajectory ID field</b>, <b>Time field</b>: points with an ID (and "
            "time), or one line per trajectory.</p>"
            "<p><b>Centres</b> (optional point layer; their feature order is the centre order): the cluster centres, "
            "e.g. POIs. When empty, <b>Number of centres</b> (default 12, as E2DTC on GeoLife) frequently visited and "
            "well-separated places are picked automatically (cells ranked by the number of distinct trajectories "
            "visiting them; greedy choice with the largest separation that still yields that many centres).</p>"
            "<p><b>Radius ratio σ</b> (default 0.6, paper): radius = σ × the minimum distance between two centres. "
            "<b>Fallen threshold λ</b> (default 0.7, paper): a trajectory joins the first centre, in centre order, "
            "holding at least this share of its points. <b>Keep unassigned</b> (default no): also write trajectories "
            "without a cluster (gt_label −1). <b>Metric CRS</b> (advanced, default: the UTM zone of the data): "
            "where distances are measured.</p>"
            "<p>Outputs: <b>Labelled trajectories</b> (lines: traj_id, gt_label, fallen_rate, n_points; categorized "
            "by label) and <b>Centres</b> (circles of the radius with label and size).</p>"
        )

    def initAlgorithm(self, config=None):
        self.add_trajectory_parameters()
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.CENTERS,
                self.tr("Centres (points, in centre order)"),
                [QgsProcessing.TypeVectorPoint],
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.N_CENTERS,
                self.tr("Number of centres (when no centre layer is given)"),
                QgsProcessingParameterNumber.Integer,
                12,
                minValue=2,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.RADIUS_RATIO,
                self.tr("Radius ratio σ"),
                QgsProcessingParameterNumber.Double,
                0.6,
                minValue=0.001,
                maxValue=1.0,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.FALLEN_THRESHOLD,
                self.tr("Fallen threshold λ"),
                QgsProcessingParameterNumber.Double,
                0.7,
                minValue=0.001,
                maxValue=1.0,
            )
        )
        self.addParameter(
            QgsProcessingParameterBoolean(
                self.KEEP_UNASSIGNED, self.tr("Keep unassigned trajectories"), defaultValue=False
            )
        )
        p = QgsProcessingParameterCrs(
            self.METRIC_CRS, self.tr("Metric CRS (default: UTM zone of the data)"), optional=True
        )
        p.setFlags(p.flags() | p.FlagAdvanced)
        self.addParameter(p)
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT, self.tr("Labelled trajectories"), QgsProcessing.TypeVectorLine
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT_CENTERS, self.tr("Cluster centres"), QgsProcessing.TypeVectorPolygon, optional=True
            )
        )

    def process(self, parameters, context, feedback):
        from ..models.synthetic.groundtruth import assign_to_centers, auto_centers

        trajs, report = self.read_trajectories(parameters, context, feedback)
        metric = self.metric_trajectories(trajs, parameters, self.METRIC_CRS, context, feedback)
        metric_qcrs = QgsCoordinateReferenceSystem(metric.crs)
        centers_src = self.parameterAsSource(parameters, self.CENTERS, context)
        if centers_src is not None:
            xf = QgsCoordinateTransform(centers_src.sourceCrs(), metric_qcrs, context.transformContext())
            centers = read_points(centers_src, xf, by_id=True)[0]
            if len(centers) < 2:
                raise QgsProcessingException(
                    self.tr("CENTERS: at least 2 centre points are needed, found {0}.").format(len(centers))
                )
        else:
            centers = auto_centers(metric, self.parameterAsInt(parameters, self.N_CENTERS, context))
        progress, cancel = self.callbacks(feedback, 10, 90)
        gt = assign_to_centers(
            metric,
            centers,
            self.parameterAsDouble(parameters, self.RADIUS_RATIO, context),
            self.parameterAsDouble(parameters, self.FALLEN_THRESHOLD, context),
            progress,
            cancel,
        )
        keep_all = self.parameterAsBool(parameters, self.KEEP_UNASSIGNED, context)
        if feedback.isCanceled():
            raise QgsProcessingException(self.tr("Cancelled by the user: no output was written."))

        fields = make_fields(
            [("traj_id", id_kind(trajs.ids)), ("gt_label", "int"), ("fallen_rate", "double"), ("n_points", "int")]
        )
        wkb = QgsWkbTypes.LineStringM if trajs.t is not None else QgsWkbTypes.LineString
        in_crs = QgsCoordinateReferenceSystem(trajs.crs)
        sink, out_id = self.parameterAsSink(parameters, self.OUTPUT, context, fields, wkb, in_crs)
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT))
        lengths = trajs.lengths
        batch = []
        for i in range(len(trajs)):
            if gt.labels[i] < 0 and not keep_all:
                continue
            s, e = trajs.offsets[i], trajs.offsets[i + 1]
            f = QgsFeature(fields)
            f.setGeometry(line_geometry(trajs.x[s:e], trajs.y[s:e], None if trajs.t is None else trajs.t[s:e]))
            f.setAttributes(
                [py_value(trajs.ids[i]), int(gt.labels[i]), round(float(gt.fallen_rate[i]), 4), int(lengths[i])]
            )
            batch.append(f)
        sink.addFeatures(batch, QgsFeatureSink.FastInsert)
        del sink
        self.style_output(context, out_id, lambda layer: styles.categorized(layer, "gt_label"))
        counts = np.bincount(gt.labels[gt.labels >= 0], minlength=centers.shape[0])
        results = {
            self.OUTPUT: out_id,
            "N_ASSIGNED": int((gt.labels >= 0).sum()),
            "N_UNASSIGNED": int((gt.labels < 0).sum()),
            "N_CLUSTERS": int(centers.shape[0]),
            "N_NONEMPTY_CLUSTERS": int((counts > 0).sum()),
            "RADIUS_M": float(gt.radius),
            "CLUSTER_SIZES": counts.tolist(),
        }
        results.update(report)

        cfields = make_fields(
            [
                ("label", "int"),
                ("n_trajectories", "int"),
                ("radius_m", "double"),
                ("center_x", "double"),
                ("center_y", "double"),
            ]
        )
        csink, cid = self.parameterAsSink(
            parameters, self.OUTPUT_CENTERS, context, cfields, QgsWkbTypes.Polygon, in_crs
        )
        if csink is not None:
            back = QgsCoordinateTransform(metric_qcrs, in_crs, context.transformContext())
            for j, (cx, cy) in enumerate(centers):
                g = QgsGeometry.fromPointXY(QgsPointXY(cx, cy)).buffer(gt.radius, 32)
                g.transform(back)
                f = QgsFeature(cfields)
                f.setGeometry(g)
                f.setAttributes([j, int(counts[j]), round(float(gt.radius), 2), float(cx), float(cy)])
                csink.addFeature(f, QgsFeatureSink.FastInsert)
            del csink
            results[self.OUTPUT_CENTERS] = cid
            self.style_output(context, cid, lambda layer: styles.categorized(layer, "label", fill_alpha=40))
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
