"""Processing adapter: assign origin-destination (OD) pairs on the H3 grid (CroTad convention)."""

from __future__ import annotations

from qgis.core import (
    QgsFeature,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterNumber,
)
from qgis.PyQt.QtCore import QVariant

from .base import DeepTrajAlgorithm

_NEW_FIELDS = [
    ("od_id", QVariant.LongLong),
    ("origin_h3", QVariant.String),
    ("dest_h3", QVariant.String),
    ("od_trips", QVariant.LongLong),
]


class AssignOdPairsAlgorithm(DeepTrajAlgorithm):
    NAME = "assignodpairs"
    GROUP_ID = "groundtruth"
    REQUIRES = ("numpy", "h3")

    RESOLUTION = "RESOLUTION"
    MIN_TRIPS = "MIN_TRIPS"
    OUTPUT = "OUTPUT"

    def displayName(self):
        return self.tr("Assign OD pairs (H3)")

    def shortHelpString(self):
        return self.tr(
            "<p>Gives every trajectory its <b>origin-destination (OD) pair</b> on the H3 grid, as CroTad "
            "(Xue et al., section 5.1.1) selects \"frequently used OD pairs (based on H3 cells)\": the origin is the "
            "H3 cell of the first point, the destination the cell of the last point (computed in WGS 84 whatever "
            "the layer CRS). Pairs shared by at least MIN_TRIPS trajectories get an integer <i>od_id</i>: 0 for the "
            "pair with the most trips, then by descending number of trips (ties: ascending origin, then destination "
            "cell id). Trajectories of rarer pairs get NULL.</p>"
            "<p>The output is the input layer (points stay points, lines stay lines, every input attribute kept) "
            "with four fields appended: <i>od_id</i>, <i>origin_h3</i>, <i>dest_h3</i> (H3 cell strings) and "
            "<i>od_trips</i> (number of trajectories sharing the pair, also below the minimum). Points that are "
            "not part of a trajectory after cleaning (duplicate times, trajectories with fewer than 2 points) get "
            "NULL. Existing fields with these names are replaced. Use <i>od_id</i> as OD field of "
            "<i>Synthetic anomalies</i>.</p>"
            "<h3>Parameters</h3><ul>"
            "<li><b>Input trajectories</b>: a point layer (one feature per GPS fix) or a line layer (one feature "
            "per trajectory).</li>"
            "<li><b>Trajectory ID field</b>: groups points into trajectories (required for points; lines: optional, "
            "default one trajectory per feature).</li>"
            "<li><b>Time field</b> (optional): orders the points of a trajectory; without it the feature order "
            "(or the M value) is used.</li>"
            "<li><b>Sampling interval</b> (advanced, default 15 s): vertex spacing in time for lines without M.</li>"
            "<li><b>H3 resolution</b> (RESOLUTION, default 8, 0-15): size of the origin/destination cells. 8 "
            "(about 0.74 km2) groups trips starting in the same neighbourhood; the CroTad paper uses finer cells "
            "(resolution 10 for Porto) to map trajectories but does not state the OD resolution.</li>"
            "<li><b>Minimum trips per OD pair</b> (MIN_TRIPS, default 20): pairs with fewer trajectories get no "
            "id.</li></ul>"
            "<p>Results: N_OD_PAIRS (pairs with an id), N_ASSIGNED and N_UNASSIGNED (trajectories with and "
            "without an id).</p>"
        )

    def initAlgorithm(self, config=None):
        self.add_trajectory_parameters()
        self.addParameter(
            QgsProcessingParameterNumber(
                self.RESOLUTION,
                self.tr("H3 resolution of origin/destination cells (0-15)"),
                QgsProcessingParameterNumber.Integer,
                8,
                minValue=0,
                maxValue=15,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.MIN_TRIPS,
                self.tr("Minimum trips per OD pair"),
                QgsProcessingParameterNumber.Integer,
                20,
                minValue=1,
            )
        )
        self.addParameter(QgsProcessingParameterFeatureSink(self.OUTPUT, self.tr("Trajectories with OD pairs")))
        self.addOutput(QgsProcessingOutputNumber("N_OD_PAIRS", self.tr("Number of OD pairs with an id")))
        self.addOutput(QgsProcessingOutputNumber("N_ASSIGNED", self.tr("Trajectories with an OD id")))
        self.addOutput(QgsProcessingOutputNumber("N_UNASSIGNED", self.tr("Trajectories without an OD id")))

    def checkParameterValues(self, parameters, context):
        from .synthetic_anomalies import _range_message

        msg = _range_message(
            parameters,
            (
                (self.RESOLUTION, 0, 15, "the H3 resolution must be an integer between 0 and 15"),
                (self.MIN_TRIPS, 1, float("inf"), "the minimum number of trips per OD pair must be at least 1"),
            ),
        )
        if msg:
            return False, msg
        return super().checkParameterValues(parameters, context)

    def process(self, parameters, context, feedback):
        from ..models.core.h3grid import to_str
        from ..models.synthetic.od import assign_od

        res = self.parameterAsInt(parameters, self.RESOLUTION, context)
        if not 0 <= res <= 15:
            raise QgsProcessingException(f"RESOLUTION: the H3 resolution must be between 0 and 15, got {res}.")
        min_trips = self.parameterAsInt(parameters, self.MIN_TRIPS, context)
        if min_trips < 1:
            raise QgsProcessingException(f"MIN_TRIPS: must be at least 1, got {min_trips}.")
        source = self.parameterAsSource(parameters, self.INPUT, context)
        trajs, _ = self.read_trajectories(parameters, context, feedback)
        progress, cancel = self.callbacks(feedback, 30, 70)
        od = assign_od(trajs, res, min_trips, progress=progress, cancel=cancel)
        n = len(trajs)
        n_assigned = int((od.od_id >= 0).sum())
        feedback.pushInfo(
            f"{od.n_pairs} OD pair(s) with at least {min_trips} trips; {n_assigned} of {n} trajectories assigned."
        )
        if od.n_pairs == 0:
            feedback.pushWarning(
                f"No OD pair has {min_trips} or more trips: lower MIN_TRIPS or use a coarser RESOLUTION."
            )

        # per-trajectory attribute rows, then a fid -> trajectory lookup (points and lines alike)
        o_str = to_str(od.origin)
        d_str = to_str(od.dest)
        rows = [
            [None if od.od_id[i] < 0 else int(od.od_id[i]), o_str[i], d_str[i], int(od.support[i])] for i in range(n)
        ]
        traj_of_fid = dict(zip(trajs.fids.tolist(), trajs.point_traj_index.tolist())) if trajs.fids is not None else {}

        in_fields = source.fields()
        new_names = {name for name, _ in _NEW_FIELDS}
        keep_idx = [j for j, f in enumerate(in_fields) if f.name() not in new_names]
        if len(keep_idx) < in_fields.count():
            feedback.pushWarning("The input already has fields named od_id/origin_h3/dest_h3/od_trips: replaced.")
        fields = QgsFields()
        for j in keep_idx:
            fields.append(in_fields.at(j))
        for name, kind in _NEW_FIELDS:
            fields.append(QgsField(name, kind))
        sink, dest_id = self.parameterAsSink(
            parameters, self.OUTPUT, context, fields, source.wkbType(), source.sourceCrs()
        )
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT))
        empty = [None] * len(_NEW_FIELDS)
        total = max(source.featureCount(), 1)
        for k, f in enumerate(source.getFeatures()):
            if k % 2000 == 0:
                if feedback.isCanceled():
                    raise QgsProcessingException("Cancelled by the user: the output is incomplete.")
                feedback.setProgress(70 + 30 * k / total)
            attrs = f.attributes()
            ti = traj_of_fid.get(f.id())
            out = QgsFeature(fields)
            out.setGeometry(f.geometry())
            out.setAttributes([attrs[j] for j in keep_idx] + (rows[ti] if ti is not None else empty))
            sink.addFeature(out, QgsFeatureSink.FastInsert)

        from .styles import categorized

        self.style_output(context, dest_id, lambda layer: categorized(layer, "od_id"))
        return {
            self.OUTPUT: dest_id,
            "N_OD_PAIRS": od.n_pairs,
            "N_ASSIGNED": n_assigned,
            "N_UNASSIGNED": int(n - n_assigned),
        }
