"""deeptraj:crotaddetect - label the points of trajectories anomalous or normal with a trained CroTad model
(online replay in time order through the streaming detector, or the offline clustering detector); write the
labelled points and one line per run of equally labelled points (the "Flagged segments" dock opens on it)."""

from __future__ import annotations

import json
import re

import numpy as np
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsFeatureSink,
    QgsGeometry,
    QgsPointXY,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterField,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterNumber,
    QgsWkbTypes,
)

from . import styles
from .base import DeepTrajAlgorithm, torch_threads, translate
from .crotad_layers import SEGMENT_FIELDS, SEGMENTS_PROPERTY
from .crotad_train import MODEL_EXT, wgs84_cell_sequences
from .layer_io import attribute_key, epoch_to_qdatetime, id_kind, line_geometry, make_fields, py_value

MODES = ("online", "offline")
TRUTH_FIELDS = ("is_anomaly", "anomaly_type")


def style_segments(layer):
    """Anomalous segments red dashed, normal ones blue thin; marks the layer for the Flagged segments dock."""
    styles.anomaly_labels(layer, "label")
    layer.setCustomProperty(SEGMENTS_PROPERTY, "1")


def style_points(layer):
    """Categorized on label; points of skipped trajectories (no label) small and grey."""
    styles.anomaly_labels(layer, "label", translate("DeepTraj", "not labelled (OD unknown to the model)"))


def _result_key(kind: str) -> str:
    return re.sub(r"\W+", "_", str(kind)).strip("_").upper() or "UNKNOWN"


class CroTadDetectAlgorithm(DeepTrajAlgorithm):
    NAME = "crotaddetect"
    GROUP_ID = "anomaly"
    REQUIRES = ("numpy", "pandas", "scipy", "sklearn", "pyproj", "h3", "torch")

    MODEL_FILE = "MODEL_FILE"
    OD_FIELD = "OD_FIELD"
    MODE = "MODE"
    VOTE_THRESHOLD = "VOTE_THRESHOLD"
    BATCH = "BATCH"
    OUTPUT_SEGMENTS = "OUTPUT_SEGMENTS"
    OUTPUT_POINTS = "OUTPUT_POINTS"
    OUTPUT_REPORT = "OUTPUT_REPORT"

    def displayName(self):
        return self.tr("CroTad: detect anomalous sub-trajectories")

    def shortHelpString(self):
        return self.tr(
            "<p>Labels every point of the input trajectories normal or anomalous with a model trained by "
            "<i>CroTad: train an online trajectory anomaly detector</i>. Each trajectory is mapped to H3 cells at "
            "the model's resolution (consecutive repeats removed) and cut into windows of the model's length L, "
            "padded at both ends so that every cell lies in exactly L windows. Each window is labelled normal or "
            "anomalous; a cell gets one vote per anomalous window holding it and is anomalous when its votes "
            "reach the <b>Voting threshold</b> (Eq. 26-27); a point takes the label of its cell.</p>"
            "<h3>Parameters</h3><ul>"
            "<li><b>Model file</b>: the .pt file written by the training algorithm.</li>"
            "<li><b>Input trajectory points</b>, <b>Trajectory ID field</b>, <b>Time field</b> (optional; without "
            "it the input order of each trajectory's points is used).</li>"
            "<li><b>OD field</b> (optional): the field holding each trajectory's OD pair (or route), with the "
            "values used in training. When empty: the training OD field when the input has it, else (for a model "
            "whose OD pairs were derived from end points) the stored pairs matched on the H3 cells of the first "
            "and last points. Trajectories of an OD the model does not know are skipped (a warning lists "
            "them).</li>"
            "<li><b>Mode</b>: <i>online</i> replays all points in time order through the streaming detector (the "
            "deep Q-network labels each window as it is completed; a point is labelled as soon as its last window "
            "is seen, the results give the time per point); <i>offline</i> uses the clustering detector: a "
            "window is anomalous when it falls in a small DBSCAN cluster among the training windows of its OD "
            "(Eq. 24).</li>"
            "<li><b>Voting threshold</b> (optional, 1 to L; empty = the model's).</li>"
            "<li><b>Online: label whole trajectories at once</b> (advanced): the same labels as the replay, "
            "computed trajectory by trajectory (faster; no time per point).</li></ul>"
            "<p>H3 cells the model never saw in training are allowed: they are encoded as an unknown cell, which "
            "the model treats as rare (usually anomalous).</p>"
            "<h3>Outputs</h3>"
            "<p><b>Flagged segments</b>: one line per run of equally labelled consecutive points of a trajectory "
            "(consecutive segments share their boundary point), with traj_id, od, start_time, end_time, n_points, "
            "label (1 = anomalous), mean_votes, anomaly_type (from the input, when present) and reviewed (empty, "
            "for the <i>Flagged segments</i> panel, which opens on this layer). Anomalous segments are red "
            "dashed, normal ones thin blue. <b>Labelled points</b>: traj_id, seq, time, od, cell (H3), votes, "
            "label, and is_anomaly / anomaly_type copied from the input when present; points of skipped "
            "trajectories have no label.</p>"
            "<p>Results: N_TRAJECTORIES (labelled), N_SKIPPED (unknown OD), N_ANOMALOUS_TRAJECTORIES, "
            "N_ANOMALOUS_POINTS, N_SEGMENTS, TRAJECTORY_COUNTS (JSON: anomalous points per trajectory) and, for "
            "the replay, LATENCY_MS_MEDIAN / LATENCY_MS_P99 (milliseconds per point). When "
            "the input carries <i>is_anomaly</i> and <i>anomaly_type</i> (as the output of <i>Synthetic "
            "anomalies</i>), also window- and point-level precision, recall and F1 per anomaly type "
            "(WINDOW_P_/WINDOW_R_/WINDOW_F1_ and POINT_P_/POINT_R_/POINT_F1_ followed by the type, and _ALL over "
            "every trajectory), the false-positive rates of the normal trajectories, and an optional HTML "
            "<b>Report</b> with the table laid out like Table 2 of the paper.</p>"
        )

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterFile(self.MODEL_FILE, self.tr("Model file"), extension=MODEL_EXT))
        self.add_trajectory_parameters(lines=False, optional_id=False)
        self.addParameter(
            QgsProcessingParameterField(
                self.OD_FIELD,
                self.tr("OD field (empty = as in training)"),
                parentLayerParameterName=self.INPUT,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                self.MODE,
                self.tr("Mode"),
                options=[
                    self.tr("online: replay the points in time order (DQN)"),
                    self.tr("offline: clustering of windows (DBSCAN)"),
                ],
                defaultValue=0,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.VOTE_THRESHOLD,
                self.tr("Voting threshold (votes out of the window length; empty = the model's)"),
                QgsProcessingParameterNumber.Integer,
                None,
                optional=True,
                minValue=1,
            )
        )
        p = QgsProcessingParameterBoolean(
            self.BATCH,
            self.tr("Online: label whole trajectories at once instead of replaying (same labels)"),
            defaultValue=False,
        )
        p.setFlags(p.flags() | p.FlagAdvanced)
        self.addParameter(p)
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT_SEGMENTS, self.tr("Flagged segments"), QgsProcessing.TypeVectorLine
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT_POINTS,
                self.tr("Labelled points"),
                QgsProcessing.TypeVectorPoint,
                optional=True,
                createByDefault=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFileDestination(
                self.OUTPUT_REPORT, self.tr("Report"), "HTML files (*.html)", optional=True, createByDefault=False
            )
        )
        for name, label in (
            ("N_TRAJECTORIES", self.tr("Trajectories labelled")),
            ("N_SKIPPED", self.tr("Trajectories skipped (OD unknown to the model)")),
            ("N_ANOMALOUS_TRAJECTORIES", self.tr("Trajectories with an anomalous point")),
            ("N_ANOMALOUS_POINTS", self.tr("Anomalous points")),
            ("N_SEGMENTS", self.tr("Segments")),
        ):
            self.addOutput(QgsProcessingOutputNumber(name, label))
        self.addOutput(
            QgsProcessingOutputString("TRAJECTORY_COUNTS", self.tr("Anomalous points per trajectory (JSON)"))
        )

    # ------------------------------------------------------------------ run
    def process(self, parameters, context, feedback):
        from ..models.core.trajectories import natural_key as _natural
        from ..models.crotad import model as crotad

        path = self.parameterAsFile(parameters, self.MODEL_FILE, context)
        if not path:
            raise QgsProcessingException("MODEL_FILE: choose the .pt model file written by 'CroTad: train'.")
        try:
            model = crotad.CroTad.load(path, n_threads=torch_threads())
        except (ValueError, OSError) as e:
            raise QgsProcessingException(f"MODEL_FILE: {e}")
        extra = model.extra_
        vote = self.optional_number(parameters, self.VOTE_THRESHOLD, context)
        try:
            model.stream(vote)  # the engine checks the voting threshold against its window
        except ValueError as e:
            raise QgsProcessingException(f"{e}.")
        mode = MODES[self.parameterAsEnum(parameters, self.MODE, context)]
        batch = self.parameterAsBool(parameters, self.BATCH, context)

        source = self.parameterAsSource(parameters, self.INPUT, context)
        if source is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, self.INPUT))
        names = source.fields().names()
        od_field = self.parameterAsString(parameters, self.OD_FIELD, context) or None
        if od_field and od_field not in names:
            raise QgsProcessingException(
                f"OD_FIELD: the field '{od_field}' does not exist in the input layer. "
                "Available fields: " + ", ".join(names)
            )
        trained_field = extra.get("od_field")
        if not od_field and trained_field and trained_field in names:
            od_field = trained_field
            feedback.pushInfo(f"OD values read from the field '{od_field}' (as in training).")
        has_truth = all(f in names for f in TRUTH_FIELDS)
        fields = tuple(f for f in (od_field, *(TRUTH_FIELDS if has_truth else ())) if f)
        feedback.setProgressText(self.tr("Reading trajectories"))
        trajs, report = self.read_trajectories(parameters, context, feedback, extra_fields=tuple(dict.fromkeys(fields)))
        if feedback.isCanceled():
            raise QgsProcessingException(self.tr("Cancelled by the user: no output was written."))
        ll, cs = wgs84_cell_sequences(trajs, model.resolution)
        od = self._od_keys(trajs, ll, od_field, trained_field, extra)

        # ---- which trajectories the model can label
        known = model.od_known(od)
        known_ods = set(map(str, model.ods_))
        n_skipped = int((~known).sum())
        if not known.any():
            have = sorted({k for k in od if k is not None}, key=_natural)
            raise QgsProcessingException(
                "OD_FIELD: no trajectory belongs to an OD the model was trained for. The model knows "
                f"{len(known_ods)} OD(s) ({', '.join(sorted(known_ods, key=_natural)[:8])}"
                f"{', ...' if len(known_ods) > 8 else ''}); the input has "
                f"{', '.join(have[:8]) if have else 'no OD value'}{', ...' if len(have) > 8 else ''}"
                + (f" (field '{od_field}')" if od_field else " (OD pairs matched on the end-point cells)")
                + ". Choose the OD field holding the training values, or train a model for these ODs."
            )
        if n_skipped:
            unknown = sorted({str(k) for k, ok in zip(od, known) if not ok}, key=_natural)
            feedback.pushWarning(
                f"{n_skipped} trajectory(ies) of an OD the model does not know were skipped: "
                + ", ".join(unknown[:10])
                + (" ..." if len(unknown) > 10 else "")
            )
        idx = np.flatnonzero(known)
        in_vocab = model.known_share([cs.seq(int(i)) for i in idx])
        if in_vocab is not None:
            if in_vocab == 0:
                raise QgsProcessingException(
                    f"INPUT: none of the H3 cells of the input (resolution {model.resolution}) is known to the "
                    "model: it was trained for another area or another RESOLUTION. Use a model trained on "
                    "trajectories of this area."
                )
            feedback.pushInfo(
                f"{100 * in_vocab:.1f}% of the cell visits are in the model's vocabulary; the others "
                "are unknown cells, treated as rare."
            )

        # ---- labels per cell position (online: every point in time order, ties and missing times in input order)
        feedback.setProgressText(self.tr("Detecting"))
        progress, cancel = self.callbacks(feedback, 10, 85)
        order = np.argsort(trajs.t, kind="stable") if trajs.t is not None else None
        found = model.label_cells(
            cs, od, mode=mode, replay=not batch, order=order, vote_threshold=vote, progress=progress, cancel=cancel
        )
        results = {}
        latency = found.latency_ms()
        if latency:
            results["LATENCY_MS_MEDIAN"], results["LATENCY_MS_P99"] = latency["median"], latency["p99"]
            feedback.pushInfo(
                f"Online replay: {found.latency.size} points, median {latency['median']:.3f} ms, "
                f"99th percentile {latency['p99']:.3f} ms per point."
            )
        if feedback.isCanceled():
            raise QgsProcessingException(self.tr("Cancelled by the user: no output was written."))
        feedback.setProgress(85)

        # ---- per point, and runs of equally labelled points (the segments)
        from ..models.crotad.evaluation import label_runs

        point_votes, point_labels = cs.to_points(found.votes), cs.to_points(found.labels)
        truth = None
        if has_truth:
            from ..models.crotad.evaluation import anomaly_flags

            truth = (anomaly_flags(trajs.attrs["is_anomaly"]), trajs.attrs["anomaly_type"])

        runs = label_runs(trajs.offsets, point_labels, point_votes, idx)
        results[self.OUTPUT_SEGMENTS] = self._write_segments(parameters, context, trajs, od, runs, truth)
        dest_pts = self._write_points(parameters, context, trajs, cs, od, point_votes, point_labels, truth)
        if dest_pts is not None:
            results[self.OUTPUT_POINTS] = dest_pts
        feedback.setProgress(95)

        anomalous = runs.anomalous_points(len(trajs))[idx]
        results.update(
            {
                "N_TRAJECTORIES": int(idx.size),
                "N_SKIPPED": n_skipped,
                "N_ANOMALOUS_TRAJECTORIES": int(np.count_nonzero(anomalous)),
                "N_ANOMALOUS_POINTS": int(anomalous.sum()),
                "N_SEGMENTS": len(runs),
                "TRAJECTORY_COUNTS": json.dumps({str(py_value(trajs.ids[i])): int(c) for i, c in zip(idx, anomalous)}),
                "DETECTION_MODE": mode if not (mode == "online" and batch) else "online-batch",
                "VOTE_THRESHOLD_USED": int(vote if vote is not None else model.vote_threshold),
            }
        )
        feedback.pushInfo(
            f"{results['N_ANOMALOUS_POINTS']} anomalous point(s) in "
            f"{results['N_ANOMALOUS_TRAJECTORIES']} of {idx.size} trajectories; "
            f"{len(runs)} segment(s)."
        )

        evaluation = None
        if has_truth:
            evaluation = self._evaluate(trajs, cs, idx, found, truth, model.window, results, feedback)
        report_path = self.parameterAsFileOutput(parameters, self.OUTPUT_REPORT, context)
        if report_path:
            write_detection_report(report_path, results, evaluation, mode, path)
            results[self.OUTPUT_REPORT] = report_path
        results.update(report)
        feedback.setProgress(100)
        return results

    # ------------------------------------------------------------------ OD keys
    def _od_keys(self, trajs, ll, od_field, trained_field, extra):
        if od_field:
            return [attribute_key(v) for v in trajs.first_values(od_field)]
        derived = extra.get("od")
        if derived and derived.get("pairs"):
            from ..models.synthetic.od import match_pairs

            return match_pairs(ll, int(derived["resolution"]), derived["pairs"])
        if trained_field:
            raise QgsProcessingException(
                f"OD_FIELD: the model was trained with the OD field '{trained_field}', which the input does not "
                "have; choose the input field holding the same OD values."
            )
        raise QgsProcessingException("OD_FIELD: choose the field holding the OD pair of each trajectory.")

    # ------------------------------------------------------------------ outputs
    def _write_segments(self, parameters, context, trajs, od, runs, truth):
        kinds = dict(SEGMENT_FIELDS)
        kinds["traj_id"] = id_kind(trajs.ids)
        qfields = make_fields([(name, kinds[name]) for name, _ in SEGMENT_FIELDS])
        has_t = trajs.t is not None
        sink, dest = self.parameterAsSink(
            parameters,
            self.OUTPUT_SEGMENTS,
            context,
            qfields,
            QgsWkbTypes.LineStringM if has_t else QgsWkbTypes.LineString,
            QgsCoordinateReferenceSystem(trajs.crs),
        )
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT_SEGMENTS))
        type_first = trajs.first_values("anomaly_type") if truth is not None else None
        line_end = runs.line_end(trajs.offsets)
        feats = []
        for i, a, b, g1, label, votes in zip(
            runs.traj.tolist(),
            runs.start.tolist(),
            runs.end.tolist(),
            line_end.tolist(),
            runs.label.tolist(),
            runs.mean_votes.tolist(),
        ):
            f = QgsFeature(qfields)
            f.setGeometry(line_geometry(trajs.x[a:g1], trajs.y[a:g1], trajs.t[a:g1] if has_t else None))
            f.setAttributes(
                [
                    py_value(trajs.ids[i]) if kinds["traj_id"] == "int" else str(trajs.ids[i]),
                    od[i],
                    epoch_to_qdatetime(trajs.t[a]) if has_t else None,
                    epoch_to_qdatetime(trajs.t[b - 1]) if has_t else None,
                    b - a,
                    label,
                    round(votes, 4),
                    attribute_key(type_first[i]) if type_first is not None else None,
                    None,
                ]
            )
            feats.append(f)
            if len(feats) >= 5000:  # bounded memory on large inputs
                sink.addFeatures(feats, QgsFeatureSink.FastInsert)
                feats = []
        sink.addFeatures(feats, QgsFeatureSink.FastInsert)
        del sink
        self.style_output(context, dest, style_segments)
        return dest

    def _write_points(self, parameters, context, trajs, cs, od, point_votes, point_labels, truth):
        from ..models.core.h3grid import to_str

        spec = [
            ("traj_id", id_kind(trajs.ids)),
            ("seq", "int"),
            ("time", "datetime"),
            ("od", "string"),
            ("cell", "string"),
            ("votes", "int"),
            ("label", "int"),
        ]
        if truth is not None:
            spec += [("is_anomaly", "int"), ("anomaly_type", "string")]
        qfields = make_fields(spec)
        sink, dest = self.parameterAsSink(
            parameters, self.OUTPUT_POINTS, context, qfields, QgsWkbTypes.Point, QgsCoordinateReferenceSystem(trajs.crs)
        )
        if sink is None:
            return None
        cell_str = to_str(cs.point_cells)
        has_t = trajs.t is not None
        xs, ys = trajs.x.tolist(), trajs.y.tolist()
        ts = trajs.t.tolist() if has_t else None
        v_list, l_list = point_votes.tolist(), point_labels.tolist()
        int_ids = id_kind(trajs.ids) == "int"
        for i in range(len(trajs)):
            s, e = int(trajs.offsets[i]), int(trajs.offsets[i + 1])
            tid = py_value(trajs.ids[i]) if int_ids else str(trajs.ids[i])
            feats = []
            for q, p in enumerate(range(s, e)):
                f = QgsFeature(qfields)
                f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(xs[p], ys[p])))
                row = [
                    tid,
                    q,
                    epoch_to_qdatetime(ts[p]) if has_t else None,
                    od[i],
                    cell_str[p],
                    v_list[p] if v_list[p] >= 0 else None,
                    l_list[p] if l_list[p] >= 0 else None,
                ]
                if truth is not None:
                    row += [int(truth[0][p]), attribute_key(truth[1][p])]
                f.setAttributes(row)
                feats.append(f)
            sink.addFeatures(feats, QgsFeatureSink.FastInsert)
        del sink
        self.style_output(context, dest, style_points)
        return dest

    # ------------------------------------------------------------------ evaluation
    def _evaluate(self, trajs, cs, idx, found, truth, L, results, feedback):  # noqa: N803 (L: window length, CroTad)
        from ..models.crotad.evaluation import evaluate_cell_labels

        kinds = [attribute_key(v) for v in trajs.first_values("anomaly_type")]
        ev = evaluate_cell_labels(cs, idx, kinds, truth[0], found.labels, found.actions, L)
        for kind, r in list(ev["by_type"].items()) + [("all", ev["all"])]:
            key = _result_key(kind)
            if "point" in r:
                for level in ("window", "point"):
                    for name, v in zip(("P", "R", "F1"), r[level]):
                        results[f"{level.upper()}_{name}_{key}"] = round(float(v), 4)
            else:
                for name in ("point_fpr", "window_fpr", "traj_fpr"):
                    results[f"{name.upper()}_{key}"] = round(float(r[name]), 4)
        results["ANOMALY_SHARE"] = round(ev["share"], 4)
        feedback.pushInfo(
            "Point level: "
            + ", ".join(
                f"{k} F1 {r['point'][2]:.3f}"
                for k, r in list(ev["by_type"].items()) + [("all", ev["all"])]
                if "point" in r
            )
        )
        return ev


def write_detection_report(path, results, evaluation, mode, model_path):
    from ..models.core.report import table, write_html
    from ..models.crotad import evaluation as ae

    sections = [
        (
            translate("DeepTraj", "Result"),
            table(
                [
                    (k.lower(), str(v))
                    for k, v in results.items()
                    if not k.startswith(("OUTPUT_", "WINDOW_", "POINT_")) and k != "TRAJECTORY_COUNTS"
                ]
                + [("model file", model_path)]
            ),
        )
    ]
    if evaluation is not None:
        name = "CroTad " + mode
        sections.append(
            (
                translate("DeepTraj", "Evaluation against the labelled points (Table 2 layout)"),
                ae.table_html({name: evaluation["by_type"]})
                + "<p>All trajectories together: "
                + ", ".join(
                    f"{lvl} P/R/F1 {'/'.join(f'{v:.4f}' for v in evaluation['all'][lvl])}"
                    for lvl in ("window", "point")
                )
                + f"; share of anomalous cells {evaluation['share']:.4f}.</p>",
            )
        )
    write_html(path, "CroTad detection report", sections)
