"""deeptraj:syntheticanomalies - synthetic anomalous trajectories with point labels (CroTad section 5.1.2)."""

from __future__ import annotations

import numpy as np
from qgis.core import (
    QgsFeature,
    QgsFeatureSink,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingException,
    QgsWkbTypes,
)

from ..base import DeepTrajAlgorithm
from ..specs.groundtruth import SYNTHETIC_ANOMALIES
from .io import od_field_names, od_per_point, range_message

_TYPE_CODES = ["head_detour", "rear_detour", "midway_detour", "random_trajectory", "route_switching"]
_RANGES = (
    ("RESOLUTION", 0, 15, "the H3 resolution must be an integer between 0 and 15"),
    ("PER_OD", 1, float("inf"), "the number of trajectories per OD and type must be at least 1"),
    ("K_HOP", 1, float("inf"), "the maximum hop distance between consecutive cells must be at least 1"),
    ("BETA_MIN", 0.001, 0.999, "beta must be between 0.001 and 0.999"),
    ("BETA_MAX", 0.001, 0.999, "beta must be between 0.001 and 0.999"),
    ("FREQ_THRESHOLD", 0.0001, 1.0, "the frequent-cell threshold must be in (0, 1]"),
)


def _style_points(layer):
    from ..styles import anomaly_labels

    anomaly_labels(layer, "is_anomaly")


def _style_lines(layer):
    from ..styles import categorized

    categorized(layer, "anomaly_type")


class _Labelled:
    """The generated trajectories as attribute values: source ids, OD values and their field kinds."""

    def __init__(self, result, trajs):
        from ..layer_io import id_kind, py_value

        self.result = result
        self.n = len(result)
        self.od_values = list(result.od)
        is_int = self.od_values and all(isinstance(v, int) and not isinstance(v, bool) for v in self.od_values)
        self.od_kind = "int" if is_int else "string"
        src_ids = trajs.ids[result.source] if self.n else trajs.ids[:0]
        self.source_kind = id_kind(trajs.ids)
        self.source_ids = [py_value(s) if self.source_kind == "int" else str(s) for s in src_ids]
        self.has_t = result.t is not None

    def od(self, i):
        return self.od_values[i] if self.od_kind == "int" else str(self.od_values[i])

    def head_fields(self) -> list:
        """The fields both outputs start with: (name, kind) pairs for make_fields."""
        return [
            ("traj_id", "int"),
            ("source_traj_id", self.source_kind),
            ("od", self.od_kind),
            ("anomaly_type", "string"),
        ]

    def head(self, i) -> list:
        """The values of :meth:`head_fields` for generated trajectory ``i``."""
        return [i, self.source_ids[i], self.od(i), str(self.result.kind[i])]


class SyntheticAnomaliesAlgorithm(DeepTrajAlgorithm):
    SPEC = SYNTHETIC_ANOMALIES
    REQUIRES = ("numpy", "h3")
    #: reading 0..30, generating the anomalies 30..85, writing 85..100
    PROGRESS = (30.0, 85.0)

    def checkParameterValues(self, parameters, context):
        msg = range_message(parameters, _RANGES)
        if msg:
            return False, msg
        if not parameters.get("OD_FIELD"):
            return False, (
                "OD_FIELD: choose the field(s) holding the OD of each trajectory (e.g. od_id from "
                "'Assign OD pairs', or a route field)."
            )
        return super().checkParameterValues(parameters, context)

    def _od_per_trajectory(self, source, names, trajs, feedback):
        """OD value of every trajectory (value at its first point; None for NULL)."""
        from ...models.synthetic.summaries import first_point_values

        od, n_mixed = first_point_values(od_per_point(source, names, trajs.fids.tolist()), trajs.offsets)
        if n_mixed:
            feedback.pushWarning(
                f"{n_mixed} trajectory(ies) change their OD value along the way: the value of the first point is used."
            )
        return od

    def _options(self, parameters, context):
        res = self.value(parameters, "RESOLUTION", context)
        if not 0 <= res <= 15:
            raise QgsProcessingException(f"RESOLUTION: the H3 resolution must be between 0 and 15, got {res}.")
        per_od = self.value(parameters, "PER_OD", context)
        if per_od < 1:
            raise QgsProcessingException(
                f"PER_OD: the number of trajectories per OD and type must be at least 1, got {per_od}."
            )
        types = [_TYPE_CODES[i] for i in self.parameterAsEnums(parameters, "TYPES", context)]
        include_normal = self.value(parameters, "INCLUDE_NORMAL", context)
        if not types and not include_normal:
            raise QgsProcessingException("TYPES: select at least one anomaly type.")
        return dict(
            types=types,
            per_od=per_od,
            k_hop=self.value(parameters, "K_HOP", context),
            beta_min=self.value(parameters, "BETA_MIN", context),
            beta_max=self.value(parameters, "BETA_MAX", context),
            resolution=res,
            seed=self.value(parameters, "SEED", context),
            include_normal=include_normal,
            freq_threshold=self.value(parameters, "FREQ_THRESHOLD", context),
        )

    def process(self, parameters, context, feedback):
        from ...models.synthetic.anomalies import NORMAL, generate_anomalies
        from ...models.synthetic.summaries import anomaly_counts

        source = self.parameterAsSource(parameters, "INPUT", context)
        if source is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, "INPUT"))
        names = od_field_names(self.parameterAsFields(parameters, "OD_FIELD", context), source)
        options = self._options(parameters, context)
        trajs, _ = self.read_trajectories(parameters, context, feedback)
        od = self._od_per_trajectory(source, names, trajs, feedback)
        progress, cancel = self.callbacks(feedback)
        result = generate_anomalies(trajs, od, progress=progress, cancel=cancel, **options)
        for w in result.warnings[:20]:
            feedback.pushWarning(w)
        if len(result.warnings) > 20:
            feedback.pushWarning(f"... and {len(result.warnings) - 20} more warnings")
        n_no_od = sum(1 for v in od if v is None)
        if n_no_od:
            feedback.pushInfo(f"{n_no_od} trajectory(ies) without an OD value were ignored.")

        labelled = _Labelled(result, trajs)
        crs = source.sourceCrs()
        results = {"OUTPUT": self._write_points(parameters, context, feedback, labelled, crs)}
        lines = self._write_lines(parameters, context, labelled, crs)
        if lines is not None:
            results["OUTPUT_LINES"] = lines
        results.update(
            anomaly_counts(result.counts, result.failed, len(result.frequent), len(result), _TYPE_CODES, NORMAL)
        )
        feedback.pushInfo("Generated: " + ", ".join(f"{k} {v}" for k, v in result.counts.items()))
        return results

    def _write_points(self, parameters, context, feedback, labelled, crs):
        from ...models.core.h3grid import to_str
        from ..layer_io import epoch_to_qdatetime, make_fields

        result, has_t = labelled.result, labelled.has_t
        fields = make_fields(
            [*labelled.head_fields(), ("is_anomaly", "int"), ("seq", "int"), ("time", "datetime"), ("h3", "string")]
        )
        sink, dest_id = self.parameterAsSink(parameters, "OUTPUT", context, fields, QgsWkbTypes.Point, crs)
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, "OUTPUT"))
        cell_str = to_str(result.cell)
        written = self.plan(feedback).writing(0, 70)
        for i in range(labelled.n):
            s = result.points(i)
            head = labelled.head(i)
            xs, ys = result.x[s].tolist(), result.y[s].tolist()
            labs = result.is_anomaly[s].tolist()
            times = result.t[s].tolist() if has_t else [None] * len(xs)
            feats = []
            for q, p in enumerate(range(s.start, s.stop)):
                f = QgsFeature(fields)
                f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(xs[q], ys[q])))
                f.setAttributes([*head, labs[q], q, epoch_to_qdatetime(times[q]) if has_t else None, cell_str[p]])
                feats.append(f)
            sink.addFeatures(feats, QgsFeatureSink.FastInsert)
            if i % 200 == 0:
                if feedback.isCanceled():
                    raise QgsProcessingException("Cancelled by the user: the output is incomplete.")
                written(100.0 * i / max(labelled.n, 1))
        self.style_output(context, dest_id, _style_points)
        return dest_id

    def _write_lines(self, parameters, context, labelled, crs):
        from ..layer_io import line_geometry, make_fields

        result, has_t = labelled.result, labelled.has_t
        fields = make_fields([*labelled.head_fields(), ("n_points", "int"), ("n_anomalous", "int")])
        wkb = QgsWkbTypes.LineStringM if has_t else QgsWkbTypes.LineString
        sink, dest_id = self.parameterAsSink(parameters, "OUTPUT_LINES", context, fields, wkb, crs)
        if sink is None:
            return None
        for i in range(labelled.n):
            s = result.points(i)
            f = QgsFeature(fields)
            f.setGeometry(line_geometry(result.x[s], result.y[s], result.t[s] if has_t else None))
            f.setAttributes([*labelled.head(i), int(s.stop - s.start), int(np.sum(result.is_anomaly[s]))])
            sink.addFeature(f, QgsFeatureSink.FastInsert)
        self.style_output(context, dest_id, _style_lines)
        return dest_id
