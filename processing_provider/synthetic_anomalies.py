"""Processing adapter: synthetic anomalous trajectories with point labels (CroTad section 5.1.2)."""

from __future__ import annotations

import numpy as np
from qgis.core import (
    QgsFeature,
    QgsFeatureRequest,
    QgsFeatureSink,
    QgsGeometry,
    QgsPointXY,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant

from .base import DeepTrajAlgorithm

_TYPE_CODES = ["head_detour", "rear_detour", "midway_detour", "random_trajectory", "route_switching"]


def _is_null(v) -> bool:
    return v is None or (isinstance(v, QVariant) and v.isNull())


def _plain(v):
    """A hashable, comparable OD component: int, float or str."""
    if isinstance(v, bool):
        return str(v)
    if isinstance(v, (int, str)):
        return v
    if isinstance(v, float):
        return int(v) if v.is_integer() else v
    return str(v.toString("yyyy-MM-ddTHH:mm:ss") if hasattr(v, "toString") else v)


def _range_message(parameters, ranges):
    """A message naming the first numeric parameter outside its range, or ''."""
    for name, lo, hi, what in ranges:
        v = parameters.get(name)
        if v is None or isinstance(v, bool):
            continue
        try:
            v = float(v)
        except (TypeError, ValueError):
            continue
        if not lo <= v <= hi:
            return f"{name}: {what} (got {v:g})."
    return ""


def _style_points(layer):
    from .styles import anomaly_labels

    anomaly_labels(layer, "is_anomaly")


def _style_lines(layer):
    from .styles import categorized

    categorized(layer, "anomaly_type")


class SyntheticAnomaliesAlgorithm(DeepTrajAlgorithm):
    NAME = "syntheticanomalies"
    GROUP_ID = "groundtruth"
    REQUIRES = ("numpy", "h3")

    OD_FIELD = "OD_FIELD"
    RESOLUTION = "RESOLUTION"
    TYPES = "TYPES"
    PER_OD = "PER_OD"
    K_HOP = "K_HOP"
    BETA_MIN = "BETA_MIN"
    BETA_MAX = "BETA_MAX"
    SEED = "SEED"
    INCLUDE_NORMAL = "INCLUDE_NORMAL"
    FREQ_THRESHOLD = "FREQ_THRESHOLD"
    OUTPUT = "OUTPUT"
    OUTPUT_LINES = "OUTPUT_LINES"

    def displayName(self):
        return self.tr("Synthetic anomalies (CroTad)")

    def shortHelpString(self):
        return self.tr(
            "<p>Builds a labelled test set for trajectory anomaly detection from real (assumed normal) trajectories, "
            "following CroTad (Xue et al., section 5.1.2). Trajectories are mapped to sequences of H3 cells "
            "(consecutive repeats removed). For every OD value, cells visited more often than FREQ_THRESHOLD per "
            "trajectory are <i>frequent</i> (the paper's S<sub>pos</sub>, Eq. 6); all others are <i>rare</i>. "
            "Detours are chains of rare cells in which consecutive cells are at most K_HOP H3 steps apart, going "
            "through a rare cell 2 to 3&times;K_HOP rings beside the replaced part and rejoining the trajectory "
            "within K_HOP steps. Anomaly types:</p><ul>"
            "<li><b>Head detour</b>: the first cells are replaced by a detour starting near the origin.</li>"
            "<li><b>Rear detour</b>: the last cells are replaced by a detour ending near the destination.</li>"
            "<li><b>Midway detour</b>: cells in the middle are replaced by a detour.</li>"
            "<li><b>Random trajectory</b>: the whole trajectory becomes a random walk through rare cells from the "
            "origin cell to the destination cell; every point is anomalous, including the first and last, which "
            "lie in the (normal) origin and destination cells.</li>"
            "<li><b>Route switching</b>: the first floor(&beta;|T1|) cells of T1 followed by the part of T2 from "
            "cell floor((1-&beta;)|T2|) to its end, T2 from a <i>different</i> OD, &beta; ~ U(BETA_MIN, BETA_MAX); "
            "the T2 part is anomalous. When the two parts are more than K_HOP steps apart, cells on the H3 line "
            "between them are inserted every K_HOP steps (also anomalous). Needs at least 2 OD values.</li></ul>"
            "<p>Kept original points keep their coordinates; generated points lie at their cell centres (one per "
            "cell) and are spaced in time by the trajectory's median sampling interval. After a midway detour or a "
            "route switch the following original points keep their spacing but are shifted in time so that time "
            "keeps increasing. The same seed gives the same output.</p>"
            "<h3>Parameters</h3><ul>"
            "<li><b>Input trajectories</b>, <b>Trajectory ID field</b>, <b>Time field</b>, <b>Sampling interval</b> "
            "(advanced, default 15 s, lines without M): as in every DeepTraj tool.</li>"
            "<li><b>OD field(s)</b> (OD_FIELD, required): the field holding the OD of each trajectory, e.g. "
            "<i>od_id</i> from <i>Assign OD pairs</i>, or route fields such as bus route and direction (several "
            "fields, or a comma-separated list, are combined into one OD value). Trajectories with a NULL OD are "
            "ignored; the value of the first point counts.</li>"
            "<li><b>H3 resolution</b> (RESOLUTION, default 10, 0-15): the paper uses 10 for Porto (0.015 km2 "
            "cells) and 9 for Translink buses.</li>"
            "<li><b>Anomaly types</b> (TYPES, default all five).</li>"
            "<li><b>Trajectories per OD and type</b> (PER_OD, default 500 as in the paper): source trajectories are "
            "drawn without replacement, so an OD with fewer usable trajectories gives fewer.</li>"
            "<li><b>Maximum hops between consecutive cells</b> (K_HOP, default 3 as in the paper).</li>"
            "<li><b>BETA_MIN / BETA_MAX</b> (defaults 0.3 / 0.7 as in the paper): range of the route-switching "
            "ratio &beta;.</li>"
            "<li><b>Random seed</b> (SEED, default 42).</li>"
            "<li><b>Include normal trajectories</b> (INCLUDE_NORMAL, default yes): also output up to PER_OD "
            "untouched trajectories per OD (anomaly_type 'normal', every point 0) so the test set has both "
            "classes.</li>"
            "<li><b>Frequent-cell threshold</b> (FREQ_THRESHOLD, advanced, default 0.1): a cell is frequent for an "
            "OD when its visit count divided by the OD's number of trajectories is above it (the paper's "
            "&delta;<sub>od</sub>, no value given there).</li></ul>"
            "<p>Outputs: points (traj_id, source_traj_id, od, anomaly_type, is_anomaly 0/1, seq, time, h3), "
            "styled red for anomalous points; optional lines, one per trajectory (n_points, n_anomalous), styled "
            "by anomaly type. Results count the trajectories per type and the samples that could not be built "
            "(N_FAILED: no rare cells where a detour was needed).</p>"
        )

    def initAlgorithm(self, config=None):
        self.add_trajectory_parameters()
        self.addParameter(
            QgsProcessingParameterField(
                self.OD_FIELD,
                self.tr("OD field(s) (OD id, or route [+ direction])"),
                parentLayerParameterName=self.INPUT,
                allowMultiple=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.RESOLUTION,
                self.tr("H3 resolution (0-15)"),
                QgsProcessingParameterNumber.Integer,
                10,
                minValue=0,
                maxValue=15,
            )
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                self.TYPES,
                self.tr("Anomaly types"),
                [
                    self.tr("Head detour"),
                    self.tr("Rear detour"),
                    self.tr("Midway detour"),
                    self.tr("Random trajectory"),
                    self.tr("Route switching"),
                ],
                allowMultiple=True,
                defaultValue=[0, 1, 2, 3, 4],
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.PER_OD,
                self.tr("Trajectories per OD and type"),
                QgsProcessingParameterNumber.Integer,
                500,
                minValue=1,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.K_HOP,
                self.tr("Maximum hops between consecutive cells (k_hop)"),
                QgsProcessingParameterNumber.Integer,
                3,
                minValue=1,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.BETA_MIN,
                self.tr("Route switching: minimum beta"),
                QgsProcessingParameterNumber.Double,
                0.3,
                minValue=0.001,
                maxValue=0.999,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.BETA_MAX,
                self.tr("Route switching: maximum beta"),
                QgsProcessingParameterNumber.Double,
                0.7,
                minValue=0.001,
                maxValue=0.999,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.SEED, self.tr("Random seed"), QgsProcessingParameterNumber.Integer, 42, minValue=0
            )
        )
        self.addParameter(
            QgsProcessingParameterBoolean(self.INCLUDE_NORMAL, self.tr("Include normal trajectories"), True)
        )
        p = QgsProcessingParameterNumber(
            self.FREQ_THRESHOLD,
            self.tr("Frequent-cell threshold (visits per trajectory)"),
            QgsProcessingParameterNumber.Double,
            0.1,
            minValue=0.0001,
            maxValue=1.0,
        )
        p.setFlags(p.flags() | p.FlagAdvanced)
        self.addParameter(p)
        self.addParameter(QgsProcessingParameterFeatureSink(self.OUTPUT, self.tr("Labelled points")))
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT_LINES,
                self.tr("Labelled trajectories (lines)"),
                QgsProcessing.TypeVectorLine,
                optional=True,
                createByDefault=True,
            )
        )
        for code in ["N_TRAJECTORIES", "N_NORMAL", *("N_" + c.upper() for c in _TYPE_CODES), "N_FAILED", "N_OD"]:
            self.addOutput(QgsProcessingOutputNumber(code, code))

    # ------------------------------------------------------------------ checks
    _RANGES = (
        ("RESOLUTION", 0, 15, "the H3 resolution must be an integer between 0 and 15"),
        ("PER_OD", 1, float("inf"), "the number of trajectories per OD and type must be at least 1"),
        ("K_HOP", 1, float("inf"), "the maximum hop distance between consecutive cells must be at least 1"),
        ("BETA_MIN", 0.001, 0.999, "beta must be between 0.001 and 0.999"),
        ("BETA_MAX", 0.001, 0.999, "beta must be between 0.001 and 0.999"),
        ("FREQ_THRESHOLD", 0.0001, 1.0, "the frequent-cell threshold must be in (0, 1]"),
    )

    def checkParameterValues(self, parameters, context):
        msg = _range_message(parameters, self._RANGES)
        if msg:
            return False, msg
        if not parameters.get(self.OD_FIELD):
            return False, (
                "OD_FIELD: choose the field(s) holding the OD of each trajectory (e.g. od_id from "
                "'Assign OD pairs', or a route field)."
            )
        return super().checkParameterValues(parameters, context)

    # ------------------------------------------------------------------ helpers
    def _od_fields(self, parameters, context, source):
        raw = self.parameterAsFields(parameters, self.OD_FIELD, context) or []
        names = []
        for item in raw:
            for part in str(item).split(","):
                part = part.strip()
                if part and part not in names:
                    names.append(part)
        if not names:
            raise QgsProcessingException(
                "OD_FIELD: choose the field holding the OD pair of each trajectory (e.g. od_id from 'Assign OD "
                "pairs', or a route field)."
            )
        fields = source.fields()
        missing = [n for n in names if fields.lookupField(n) < 0]
        if missing:
            raise QgsProcessingException(
                f"OD_FIELD: field(s) {', '.join(missing)} not found in the input layer. Available fields: "
                + ", ".join(fields.names())
            )
        return names

    @staticmethod
    def _od_per_trajectory(source, names, trajs, feedback):
        """OD value of every trajectory (value at its first point; None for NULL)."""
        fields = source.fields()
        idx = [fields.lookupField(n) for n in names]
        req = QgsFeatureRequest()
        req.setFlags(QgsFeatureRequest.NoGeometry)
        req.setSubsetOfAttributes(idx)
        by_fid = {}
        for f in source.getFeatures(req):
            a = f.attributes()
            vals = [a[j] for j in idx]
            if any(_is_null(v) for v in vals):
                by_fid[f.id()] = None
            elif len(vals) == 1:
                by_fid[f.id()] = _plain(vals[0])
            else:
                by_fid[f.id()] = "/".join(str(_plain(v)) for v in vals)
        point_vals = [by_fid.get(fid) for fid in trajs.fids.tolist()]
        firsts = trajs.offsets[:-1].tolist()
        od = [point_vals[s] for s in firsts]
        n_mixed = 0
        for i, s in enumerate(firsts):
            e = int(trajs.offsets[i + 1])
            if any(point_vals[p] != od[i] for p in range(s + 1, e)):
                n_mixed += 1
        if n_mixed:
            feedback.pushWarning(
                f"{n_mixed} trajectory(ies) change their OD value along the way: the value of the first point is used."
            )
        return od

    # ------------------------------------------------------------------ run
    def process(self, parameters, context, feedback):
        from ..models.synthetic.anomalies import NORMAL, generate_anomalies
        from .layer_io import epoch_to_qdatetime, id_kind, line_geometry, make_fields, py_value

        source = self.parameterAsSource(parameters, self.INPUT, context)
        if source is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, self.INPUT))
        names = self._od_fields(parameters, context, source)
        res = self.parameterAsInt(parameters, self.RESOLUTION, context)
        if not 0 <= res <= 15:
            raise QgsProcessingException(f"RESOLUTION: the H3 resolution must be between 0 and 15, got {res}.")
        per_od = self.parameterAsInt(parameters, self.PER_OD, context)
        if per_od < 1:
            raise QgsProcessingException(
                f"PER_OD: the number of trajectories per OD and type must be at least 1, got {per_od}."
            )
        type_idx = self.parameterAsEnums(parameters, self.TYPES, context)
        types = [_TYPE_CODES[i] for i in type_idx]
        include_normal = self.parameterAsBool(parameters, self.INCLUDE_NORMAL, context)
        if not types and not include_normal:
            raise QgsProcessingException("TYPES: select at least one anomaly type.")

        trajs, _ = self.read_trajectories(parameters, context, feedback)
        od = self._od_per_trajectory(source, names, trajs, feedback)
        progress, cancel = self.callbacks(feedback, 30, 85)
        result = generate_anomalies(
            trajs,
            od,
            types=types,
            per_od=per_od,
            k_hop=self.parameterAsInt(parameters, self.K_HOP, context),
            beta_min=self.parameterAsDouble(parameters, self.BETA_MIN, context),
            beta_max=self.parameterAsDouble(parameters, self.BETA_MAX, context),
            resolution=res,
            seed=self.parameterAsInt(parameters, self.SEED, context),
            include_normal=include_normal,
            freq_threshold=self.parameterAsDouble(parameters, self.FREQ_THRESHOLD, context),
            progress=progress,
            cancel=cancel,
        )
        for w in result.warnings[:20]:
            feedback.pushWarning(w)
        if len(result.warnings) > 20:
            feedback.pushWarning(f"... and {len(result.warnings) - 20} more warnings")
        n_no_od = sum(1 for v in od if v is None)
        if n_no_od:
            feedback.pushInfo(f"{n_no_od} trajectory(ies) without an OD value were ignored.")

        # ---- write (engine finished)
        from ..models.core.h3grid import to_str

        n_out = len(result)
        od_vals = [v for v in result.od]
        od_kind = (
            "int" if od_vals and all(isinstance(v, int) and not isinstance(v, bool) for v in od_vals) else "string"
        )
        src_ids = trajs.ids[result.source] if n_out else trajs.ids[:0]
        sk = id_kind(trajs.ids)
        crs = source.sourceCrs()
        pfields = make_fields(
            [
                ("traj_id", "int"),
                ("source_traj_id", sk),
                ("od", od_kind),
                ("anomaly_type", "string"),
                ("is_anomaly", "int"),
                ("seq", "int"),
                ("time", "datetime"),
                ("h3", "string"),
            ]
        )
        sink, dest_id = self.parameterAsSink(parameters, self.OUTPUT, context, pfields, QgsWkbTypes.Point, crs)
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT))
        cell_str = to_str(result.cell)
        has_t = result.t is not None
        for i in range(n_out):
            s = result.points(i)
            sid = py_value(src_ids[i]) if sk == "int" else str(src_ids[i])
            odv = od_vals[i] if od_kind == "int" else str(od_vals[i])
            kind = str(result.kind[i])
            xs, ys = result.x[s].tolist(), result.y[s].tolist()
            labs = result.is_anomaly[s].tolist()
            times = result.t[s].tolist() if has_t else [None] * len(xs)
            feats = []
            for q, p in enumerate(range(s.start, s.stop)):
                f = QgsFeature(pfields)
                f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(xs[q], ys[q])))
                f.setAttributes(
                    [i, sid, odv, kind, labs[q], q, epoch_to_qdatetime(times[q]) if has_t else None, cell_str[p]]
                )
                feats.append(f)
            sink.addFeatures(feats, QgsFeatureSink.FastInsert)
            if i % 200 == 0:
                if feedback.isCanceled():
                    raise QgsProcessingException("Cancelled by the user: the output is incomplete.")
                feedback.setProgress(85 + 10 * i / max(n_out, 1))
        results = {self.OUTPUT: dest_id}
        self.style_output(context, dest_id, _style_points)

        lfields = make_fields(
            [
                ("traj_id", "int"),
                ("source_traj_id", sk),
                ("od", od_kind),
                ("anomaly_type", "string"),
                ("n_points", "int"),
                ("n_anomalous", "int"),
            ]
        )
        lsink, ldest = self.parameterAsSink(
            parameters,
            self.OUTPUT_LINES,
            context,
            lfields,
            QgsWkbTypes.LineStringM if has_t else QgsWkbTypes.LineString,
            crs,
        )
        if lsink is not None:
            for i in range(n_out):
                s = result.points(i)
                f = QgsFeature(lfields)
                f.setGeometry(line_geometry(result.x[s], result.y[s], result.t[s] if has_t else None))
                f.setAttributes(
                    [
                        i,
                        py_value(src_ids[i]) if sk == "int" else str(src_ids[i]),
                        od_vals[i] if od_kind == "int" else str(od_vals[i]),
                        str(result.kind[i]),
                        int(s.stop - s.start),
                        int(np.sum(result.is_anomaly[s])),
                    ]
                )
                lsink.addFeature(f, QgsFeatureSink.FastInsert)
            results[self.OUTPUT_LINES] = ldest
            self.style_output(context, ldest, _style_lines)

        results["N_TRAJECTORIES"] = n_out
        results["N_NORMAL"] = int(result.counts.get(NORMAL, 0))
        for c in _TYPE_CODES:
            results["N_" + c.upper()] = int(result.counts.get(c, 0))
        results["N_FAILED"] = int(sum(result.failed.values()))
        results["N_OD"] = len(result.frequent)
        feedback.pushInfo("Generated: " + ", ".join(f"{k} {v}" for k, v in result.counts.items()))
        return results
