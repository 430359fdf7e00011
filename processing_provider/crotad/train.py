"""deeptraj:crotadtrain - train CroTad (contrastive pre-training + DQN online detector) on the normal trajectories
of some OD pairs; write the model file and an HTML report."""

from __future__ import annotations

from qgis.core import QgsProcessingException

from ..base import DeepTrajAlgorithm, torch_threads, translate
from ..specs.crotad import CROTAD_PARAMS, CROTAD_TRAIN
from .io import check_od_field, field_od_keys, road_edges, stop_edges, warn_sparse_sampling, wgs84_cell_sequences

#: engine presets, in the order of the PRESET options
PRESETS = ("fast-cpu", "paper")


def report_titles() -> dict:
    """The training report's section titles, translated (literal calls so that pylupdate5 extracts them)."""
    return {
        "result": translate("DeepTraj", "Result"),
        "pretrain": translate("DeepTraj", "Pre-training"),
        "pseudo_labels": translate("DeepTraj", "Pseudo-labels of the offline detector per OD"),
        "dqn": translate("DeepTraj", "Online detector (DQN)"),
        "graph": translate("DeepTraj", "Hierarchical graph"),
        "timings": translate("DeepTraj", "Timings"),
        "params": translate("DeepTraj", "Parameters"),
    }


class CroTadTrainAlgorithm(DeepTrajAlgorithm):
    SPEC = CROTAD_TRAIN
    REQUIRES = ("numpy", "pandas", "scipy", "sklearn", "pyproj", "h3", "torch")
    TRAINS = True
    #: reading 0..5, OD pairs 5..10, training 10..95, writing the model and report 95..100
    PROGRESS = (5.0, 95.0)

    def process(self, parameters, context, feedback):
        from ...models.crotad.report import write_training_report
        from ...models.crotad.results import training_results

        model = self._make_model(parameters, context)  # checks every engine parameter before reading layers
        res = model.resolution
        source = self.parameterAsSource(parameters, "INPUT", context)
        if source is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, "INPUT"))
        od_field = self.value(parameters, "OD_FIELD", context)
        check_od_field(source.fields(), od_field, exact=False)
        feedback.setProgressText(self.tr("Reading trajectories"))
        trajs, report = self.read_trajectories(
            parameters, context, feedback, extra_fields=(od_field,) if od_field else ()
        )
        self.check_cancelled(feedback)
        od, pair_table = self._od_keys(trajs, od_field, parameters, context, feedback)

        # ---- H3 cell sequences; the engine says which trajectories can train it
        feedback.setProgressText(self.tr("Mapping trajectories to H3 cells"))
        _, cs = wgs84_cell_sequences(trajs, res)
        warn_sparse_sampling(feedback, cs, res)
        sel = model.select_training(cs.lengths, od)  # its ValueError names INPUT or WINDOW
        self._warn_left_out(sel, model, feedback)
        cells, od_kept, n_cells = sel.take(cs, od)
        feedback.pushInfo(
            f"{sel.index.size} trajectories of {len(sel.trips)} OD(s), {n_cells} distinct H3 cells at resolution {res}."
        )
        road, stops = self._graph_edges(parameters, context, feedback, res)

        feedback.setProgressText(self.tr("Training CroTad (graph, node2vec, pre-training, clustering, DQN)"))
        progress, cancel = self.callbacks(feedback, 10, 95)
        model.fit(cells, od_kept, road_edges=road, context_edges=stops, progress=progress, cancel=cancel)
        self.check_cancelled(feedback)

        self.plan(feedback).text(self.tr("Writing the model file"))
        extra = self._model_extra(parameters, context, trajs, od_field, sel, pair_table)
        model_path = self.value(parameters, "MODEL_FILE", context)
        model.save(self.output_file(model_path), extra=extra)
        results = {"MODEL_FILE": model_path, **training_results(model, sel, len(trajs), n_cells)}
        report_path = self.value(parameters, "OUTPUT_REPORT", context)
        if report_path:
            write_training_report(self.output_file(report_path), model, results, extra, sel.trips, report_titles())
            results["OUTPUT_REPORT"] = report_path
        results.update(report)
        return results

    # ------------------------------------------------------------------ helpers
    def _make_model(self, parameters, context):
        """The unfitted engine with the preset and the parameters bound to CroTadParams (the advanced ones,
        RESOLUTION, WINDOW and SEED); the engine's checks (ranges, ρ and δp against the window, ...) raise ValueErrors
        naming the parameter, which processAlgorithm reports like every engine error."""
        from ...models.core.modelfile import params_from_preset
        from ...models.crotad.model import CroTad
        from ...models.crotad.params import PRESETS as ENGINE_PRESETS
        from ...models.crotad.params import CroTadParams

        values = self.engine_values(parameters, context, CROTAD_PARAMS)
        preset = PRESETS[self.value(parameters, "PRESET", context)]
        params = params_from_preset(CroTadParams, ENGINE_PRESETS, preset, values, "CroTad")
        return CroTad(params, n_threads=torch_threads())

    def _od_keys(self, trajs, od_field, parameters, context, feedback):
        """(OD key per trajectory, the derived pair table or None): OD_FIELD's values, or pairs derived like
        assignodpairs."""
        if not od_field:
            return self._derive_od(trajs, parameters, context, feedback)
        od = field_od_keys(trajs, od_field)
        n_null = sum(k is None for k in od)
        if n_null == len(od):
            raise QgsProcessingException(f"OD_FIELD: every trajectory has a NULL '{od_field}' value.")
        if n_null:
            feedback.pushWarning(f"{n_null} trajectory(ies) with a NULL '{od_field}' value were left out.")
        return od, None

    def _derive_od(self, trajs, parameters, context, feedback):
        """OD keys (str(od_id) or None) like assignodpairs, and the pair table stored in the model."""
        from ...models.synthetic.od import assign_od

        od_res = self.value(parameters, "OD_RESOLUTION", context)
        min_trips = self.value(parameters, "MIN_TRIPS", context)
        progress, cancel = self.callbacks(feedback, 5, 10)
        a = assign_od(trajs, od_res, min_trips, progress=progress, cancel=cancel)
        if a.n_pairs == 0:
            most = int(a.support.max()) if a.support.size else 0
            raise QgsProcessingException(
                f"MIN_TRIPS: no OD pair (H3 cells of the first and last points at OD_RESOLUTION {od_res}) has "
                f"{min_trips} or more trajectories; the most common pair has {most}. Lower MIN_TRIPS, use a "
                "coarser OD_RESOLUTION, or give the field holding the OD of each trajectory (OD_FIELD)."
            )
        od = a.keys()
        feedback.pushInfo(
            f"OD pairs derived at H3 resolution {od_res}: {a.n_pairs} pair(s) with at least "
            f"{min_trips} trips; {sum(k is None for k in od)} trajectory(ies) of rarer pairs left out."
        )
        return od, a.pair_table()

    @staticmethod
    def _warn_left_out(sel, model, feedback):
        """Warnings for the trajectories the engine's training selection left out or pads."""
        if sel.n_few_cells:
            feedback.pushWarning(
                f"{sel.n_few_cells} trajectory(ies) lie in fewer than 2 H3 cells at resolution {model.resolution} "
                "and were left out."
            )
        if sel.small_ods:
            feedback.pushWarning(
                f"{len(sel.small_ods)} OD value(s) with a single usable trajectory were left out: "
                + ", ".join(sel.small_ods[:10])
                + (" ..." if len(sel.small_ods) > 10 else "")
            )
        if sel.n_short:
            feedback.pushWarning(
                f"{sel.n_short} of {sel.index.size} trajectories have fewer cells than the window "
                f"({model.window}); they are used with padded windows."
            )

    def _graph_edges(self, parameters, context, feedback, res):
        """(road edges, stop edges) of the optional ROAD_NETWORK and STOPS layers (None where not given)."""
        road = self.parameterAsSource(parameters, "ROAD_NETWORK", context)
        stops = self.parameterAsSource(parameters, "STOPS", context)
        if road is not None:
            road = road_edges(road, context, feedback, res)
        if stops is not None:
            route_f = self.parameterAsString(parameters, "STOP_ROUTE_FIELD", context)
            seq_f = self.parameterAsString(parameters, "STOP_SEQUENCE_FIELD", context)
            stops = stop_edges(stops, route_f, seq_f, context, feedback, res)
        return road, stops

    def _model_extra(self, parameters, context, trajs, od_field, sel, pair_table):
        """The input settings stored in the model file (detection reads the OD field and the derived pairs)."""
        extra = {
            "traj_id_field": self.parameterAsString(parameters, "TRAJ_ID_FIELD", context),
            "time_field": self.value(parameters, "TIME_FIELD", context),
            "od_field": od_field,
            "crs": trajs.crs,
            "n_trajectories": int(sel.index.size),
        }
        if pair_table is not None:
            extra["od"] = {
                "resolution": self.value(parameters, "OD_RESOLUTION", context),
                "min_trips": self.value(parameters, "MIN_TRIPS", context),
                "pairs": pair_table,
            }
        return extra
