"""deeptraj:crotaddetect - label the points of trajectories anomalous or normal with a trained CroTad model
(online replay in time order through the streaming detector, or the offline clustering detector); write the
labelled points and one line per run of equally labelled points (the "Flagged segments" dock opens on it)."""

from __future__ import annotations

import numpy as np
from qgis.core import QgsProcessingException

from ..base import DeepTrajAlgorithm, torch_threads, translate
from ..figures import push_figures
from ..layer_io import attribute_key
from ..specs.crotad import CROTAD_DETECT, MODES
from .io import (
    TRUTH_FIELDS,
    check_od_field,
    field_od_keys,
    warn_sparse_sampling,
    wgs84_cell_sequences,
    write_points,
    write_segments,
)


def report_titles() -> dict:
    """The detection report's section titles, translated (literal calls so that pylupdate5 extracts them)."""
    return {
        "result": translate("DeepTraj", "Result"),
        "evaluation": translate("DeepTraj", "Evaluation against the labelled points (Table 2 layout)"),
    }


class CroTadDetectAlgorithm(DeepTrajAlgorithm):
    SPEC = CROTAD_DETECT
    REQUIRES = ("numpy", "pandas", "scipy", "sklearn", "pyproj", "h3", "torch")
    #: reading 0..10, detecting 10..85, writing the segments and points 85..95, the evaluation and report 95..100
    PROGRESS = (10.0, 85.0)

    def process(self, parameters, context, feedback):
        from ...models.crotad import results as crotad_results
        from ...models.crotad.evaluation import anomaly_flags, label_runs
        from ...models.crotad.report import write_detection_report

        model, vote = self._load_model(parameters, context)
        mode = MODES[self.value(parameters, "MODE", context)]
        batch = self.value(parameters, "BATCH", context)
        trajs, report, od_field, has_truth = self._read_input(parameters, context, feedback, model.extra_)
        ll, cs = wgs84_cell_sequences(trajs, model.resolution)
        warn_sparse_sampling(feedback, cs, model.resolution, "MODEL_FILE: the model's resolution")
        od = self._od_keys(trajs, ll, od_field, model.extra_)
        idx, n_skipped = self._labelled_rows(model, od, od_field, cs, feedback)

        # ---- labels per cell position (online: every point in time order, ties and missing times in input order)
        feedback.setProgressText(self.tr("Detecting"))
        progress, cancel = self.callbacks(feedback)
        order = np.argsort(trajs.t, kind="stable") if trajs.t is not None else None
        found = model.label_cells(
            cs, od, mode=mode, replay=not batch, order=order, vote_threshold=vote, progress=progress, cancel=cancel
        )
        results = self._latency(found, feedback)
        self.check_cancelled(feedback)
        plan = self.plan(feedback)
        plan.text(self.tr("Writing the segments and points"))

        # ---- per point, and runs of equally labelled points (the segments)
        point_votes, point_labels = cs.to_points(found.votes), cs.to_points(found.labels)
        truth = (anomaly_flags(trajs.attrs["is_anomaly"]), trajs.attrs["anomaly_type"]) if has_truth else None
        runs = label_runs(trajs.offsets, point_labels, point_votes, idx)
        results["OUTPUT_SEGMENTS"] = write_segments(self, parameters, context, trajs, od, runs, truth)
        dest_pts = write_points(self, parameters, context, trajs, cs, od, point_votes, point_labels, truth)
        if dest_pts is not None:
            results["OUTPUT_POINTS"] = dest_pts
        plan.set(95)

        results.update(crotad_results.detection_results(runs, len(trajs), idx, n_skipped))
        results["DETECTION_MODE"] = crotad_results.detection_mode(mode, batch)
        results["VOTE_THRESHOLD_USED"] = int(vote if vote is not None else model.vote_threshold)
        feedback.pushInfo(
            f"{results['N_ANOMALOUS_POINTS']} anomalous point(s) in "
            f"{results['N_ANOMALOUS_TRAJECTORIES']} of {idx.size} trajectories; {len(runs)} segment(s)."
        )
        evaluation = baseline = None
        if has_truth:
            evaluation, baseline = self._evaluate(model, vote, trajs, (cs, od, idx), found, truth, feedback)
            results.update(crotad_results.evaluation_results(evaluation))
        report_path = self.value(parameters, "OUTPUT_REPORT", context)
        if report_path:
            model_path = self.value(parameters, "MODEL_FILE", context)
            titles = report_titles()
            write_detection_report(
                self.output_file(report_path), results, evaluation, mode, model_path, titles, baseline
            )
            results["OUTPUT_REPORT"] = report_path
        results.update(report)
        return results

    # ------------------------------------------------------------------ reading
    def _load_model(self, parameters, context):
        """(the MODEL_FILE's CroTad model, VOTE_THRESHOLD or None), the threshold checked against the window."""
        from ...models.crotad.model import CroTad

        path = self.value(parameters, "MODEL_FILE", context)
        if not path:
            raise QgsProcessingException("MODEL_FILE: choose the .pt model file written by 'CroTad: train'.")
        try:
            model = CroTad.load(path, n_threads=torch_threads())
        except (ValueError, OSError) as e:
            raise QgsProcessingException(f"MODEL_FILE: {e}")
        vote = self.value(parameters, "VOTE_THRESHOLD", context)
        try:
            model.stream(vote)  # the engine checks the voting threshold against its window
        except ValueError as e:
            raise QgsProcessingException(f"{e}.")
        return model, vote

    def _read_input(self, parameters, context, feedback, extra):
        """(trajectories, read report, OD field or None, whether the input has the ground-truth fields); the OD
        field is OD_FIELD, else the training OD field when the input has it."""
        source = self.parameterAsSource(parameters, "INPUT", context)
        if source is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, "INPUT"))
        names = source.fields().names()
        od_field = self.value(parameters, "OD_FIELD", context)
        check_od_field(source.fields(), od_field)
        trained_field = extra.get("od_field")
        if not od_field and trained_field and trained_field in names:
            od_field = trained_field
            feedback.pushInfo(f"OD values read from the field '{od_field}' (as in training).")
        has_truth = all(f in names for f in TRUTH_FIELDS)
        fields = tuple(f for f in (od_field, *(TRUTH_FIELDS if has_truth else ())) if f)
        feedback.setProgressText(self.tr("Reading trajectories"))
        trajs, report = self.read_trajectories(parameters, context, feedback, extra_fields=tuple(dict.fromkeys(fields)))
        self.check_cancelled(feedback)
        return trajs, report, od_field, has_truth

    def _od_keys(self, trajs, ll, od_field, extra):
        trained_field = extra.get("od_field")
        if od_field:
            return field_od_keys(trajs, od_field)
        derived = extra.get("od")
        if derived and derived.get("pairs"):
            from ...models.synthetic.od import match_pairs

            return match_pairs(ll, int(derived["resolution"]), derived["pairs"])
        if trained_field:
            raise QgsProcessingException(
                f"OD_FIELD: the model was trained with the OD field '{trained_field}', which the input does not "
                "have; choose the input field holding the same OD values."
            )
        raise QgsProcessingException("OD_FIELD: choose the field holding the OD pair of each trajectory.")

    def _labelled_rows(self, model, od, od_field, cs, feedback):
        """(rows of the trajectories of an OD the model knows, number skipped); an error when there is none or when
        no cell of theirs is in the model's vocabulary."""
        from ...models.core.trajectories import natural_key as _natural

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
        return idx, n_skipped

    # ------------------------------------------------------------------ results
    @staticmethod
    def _latency(found, feedback) -> dict:
        """LATENCY_MS_MEDIAN and LATENCY_MS_P99 of the online replay (empty otherwise)."""
        results = {}
        latency = found.latency_ms()
        if latency:
            results["LATENCY_MS_MEDIAN"], results["LATENCY_MS_P99"] = latency["median"], latency["p99"]
            feedback.pushInfo(
                f"Online replay: {found.latency.size} points, median {latency['median']:.3f} ms, "
                f"99th percentile {latency['p99']:.3f} ms per point."
            )
        return results

    @staticmethod
    def _evaluate(model, vote, trajs, cells, found, truth, feedback):
        """(window- and point-level scores against the input's ground truth, the same scores of the frequent-cells
        rule of ``model`` on the same ``cells`` = (CellSequences, OD keys, labelled rows)); each printed beside the
        rule's, with a warning where CroTad does worse (models.crotad.evaluation, models.crotad.results)."""
        from ...models.crotad.evaluation import evaluate_cell_labels
        from ...models.crotad.results import detection_figures, rule_evaluation

        cs, od, idx = cells
        kinds = [attribute_key(v) for v in trajs.first_values("anomaly_type")]
        evaluation = evaluate_cell_labels(cs, idx, kinds, truth[0], found.labels, found.actions, model.window)
        baseline = rule_evaluation(model, cs, idx, od, kinds, truth[0], vote, cancel=feedback.isCanceled)
        push_figures(feedback, detection_figures(evaluation, baseline))
        return evaluation, baseline
