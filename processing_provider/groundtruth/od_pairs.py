"""deeptraj:assignodpairs - origin-destination (OD) pairs on the H3 grid (CroTad convention)."""

from __future__ import annotations

from qgis.core import QgsFeature, QgsFeatureSink, QgsField, QgsFields, QgsProcessingException
from qgis.PyQt.QtCore import QVariant

from ..base import DeepTrajAlgorithm
from ..specs.groundtruth import ASSIGN_OD_PAIRS
from .io import range_message

_NEW_FIELDS = [
    ("od_id", QVariant.LongLong),
    ("origin_h3", QVariant.String),
    ("dest_h3", QVariant.String),
    ("od_trips", QVariant.LongLong),
]


class AssignOdPairsAlgorithm(DeepTrajAlgorithm):
    SPEC = ASSIGN_OD_PAIRS
    REQUIRES = ("numpy", "h3")
    #: reading 0..30, assigning the pairs 30..70, writing 70..100
    PROGRESS = (30.0, 70.0)

    def checkParameterValues(self, parameters, context):
        msg = range_message(
            parameters,
            (
                ("RESOLUTION", 0, 15, "the H3 resolution must be an integer between 0 and 15"),
                ("MIN_TRIPS", 1, float("inf"), "the minimum number of trips per OD pair must be at least 1"),
            ),
        )
        if msg:
            return False, msg
        return super().checkParameterValues(parameters, context)

    def process(self, parameters, context, feedback):
        from ...models.synthetic.od import assign_od

        res = self.value(parameters, "RESOLUTION", context)
        if not 0 <= res <= 15:
            raise QgsProcessingException(f"RESOLUTION: the H3 resolution must be between 0 and 15, got {res}.")
        min_trips = self.value(parameters, "MIN_TRIPS", context)
        if min_trips < 1:
            raise QgsProcessingException(f"MIN_TRIPS: must be at least 1, got {min_trips}.")
        source = self.parameterAsSource(parameters, "INPUT", context)
        trajs, _ = self.read_trajectories(parameters, context, feedback)
        progress, cancel = self.callbacks(feedback)
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

        dest_id = self._write(parameters, context, feedback, source, od, trajs)
        return {
            "OUTPUT": dest_id,
            "N_OD_PAIRS": od.n_pairs,
            "N_ASSIGNED": n_assigned,
            "N_UNASSIGNED": int(n - n_assigned),
        }

    def _write(self, parameters, context, feedback, source, od, trajs):
        """The input features with the OD fields of their trajectory appended (NULL for points without one)."""
        from ...models.core.h3grid import to_str
        from ..styles import categorized

        in_fields = source.fields()
        new_names = {name for name, _ in _NEW_FIELDS}
        keep_idx = [j for j, f in enumerate(in_fields) if f.name() not in new_names]
        if len(keep_idx) < in_fields.count():
            feedback.pushWarning("The input already has fields named od_id/origin_h3/dest_h3/od_trips: replaced.")
        o_str, d_str = to_str(od.origin), to_str(od.dest)
        dest_id = self._write_bulk(parameters, context, feedback, source, keep_idx, od, o_str, d_str, trajs)
        if dest_id is None:
            rows = [[None if v < 0 else int(v), o, d, int(c)] for v, o, d, c in zip(od.od_id, o_str, d_str, od.support)]
            fids = trajs.fids
            traj_of_fid = dict(zip(fids.tolist(), trajs.point_traj_index.tolist())) if fids is not None else {}
            dest_id = self._write_features(parameters, context, feedback, source, keep_idx, rows, traj_of_fid)
        self.style_output(context, dest_id, lambda layer: categorized(layer, "od_id"))
        return dest_id

    def _write_bulk(self, parameters, context, feedback, source, keep_idx, od, o_str, d_str, trajs):
        """OUTPUT written column-wise when the input is a plain OGR point layer and OUTPUT a GeoPackage; None
        (nothing written) otherwise."""
        import numpy as np

        from .od_bulk import field_kinds, write_bulk

        kept = field_kinds(source.fields(), keep_idx)
        if kept is None:
            return None
        od_rows = {
            "od_id": np.where(od.od_id < 0, np.nan, od.od_id.astype(np.float64)),
            "origin_h3": np.array(o_str, dtype=object),
            "dest_h3": np.array(d_str, dtype=object),
            "od_trips": od.support.astype(np.float64),
        }
        new = [("od_id", "int"), ("origin_h3", "string"), ("dest_h3", "string"), ("od_trips", "int")]
        return write_bulk(self, parameters, context, feedback, source, kept, new, od_rows, trajs)

    def _write_features(self, parameters, context, feedback, source, keep_idx, rows, traj_of_fid):
        """The feature path: one QgsFeature per input feature (any input, any destination)."""
        in_fields = source.fields()
        fields = QgsFields()
        for j in keep_idx:
            fields.append(in_fields.at(j))
        for name, kind in _NEW_FIELDS:
            fields.append(QgsField(name, kind))
        sink, dest_id = self.parameterAsSink(
            parameters, "OUTPUT", context, fields, source.wkbType(), source.sourceCrs()
        )
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, "OUTPUT"))
        empty = [None] * len(_NEW_FIELDS)
        total = max(source.featureCount(), 1)
        written = self.plan(feedback).writing()
        for k, f in enumerate(source.getFeatures()):
            if k % 2000 == 0:
                if feedback.isCanceled():
                    raise QgsProcessingException("Cancelled by the user: the output is incomplete.")
                written(100.0 * k / total)
            attrs = f.attributes()
            ti = traj_of_fid.get(f.id())
            out = QgsFeature(fields)
            out.setGeometry(f.geometry())
            out.setAttributes([attrs[j] for j in keep_idx] + (rows[ti] if ti is not None else empty))
            sink.addFeature(out, QgsFeatureSink.FastInsert)
        return dest_id
