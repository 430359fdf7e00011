"""deeptraj:crotadtrain - train CroTad (contrastive pre-training + DQN online detector) on the normal trajectories
of some OD pairs; write the model file and an HTML report."""

from __future__ import annotations

from qgis.core import (
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterNumber,
)

from .base import DeepTrajAlgorithm, torch_threads, translate
from .layer_io import attribute_key, read_line_parts, read_points, to_wgs84_transform

#: engine presets, in the order of the PRESET enum
PRESETS = ("fast-cpu", "paper")
#: the file extension of CroTad model files
MODEL_EXT = "pt"


def wgs84_cell_sequences(trajs, resolution):
    """models.core.cells.wgs84_cell_sequences, its data error naming INPUT."""
    from ..models.core.cells import wgs84_cell_sequences as cells
    from ..models.core.trajectories import TrajectoryDataError

    try:
        return cells(trajs, resolution)
    except TrajectoryDataError as e:
        raise QgsProcessingException(f"INPUT: {e}")


class CroTadTrainAlgorithm(DeepTrajAlgorithm):
    NAME = "crotadtrain"
    GROUP_ID = "anomaly"
    REQUIRES = ("numpy", "pandas", "scipy", "sklearn", "pyproj", "h3", "torch")

    OD_FIELD = "OD_FIELD"
    OD_RESOLUTION = "OD_RESOLUTION"
    MIN_TRIPS = "MIN_TRIPS"
    RESOLUTION = "RESOLUTION"
    WINDOW = "WINDOW"
    ROAD_NETWORK = "ROAD_NETWORK"
    STOPS = "STOPS"
    STOP_ROUTE_FIELD = "STOP_ROUTE_FIELD"
    STOP_SEQUENCE_FIELD = "STOP_SEQUENCE_FIELD"
    PRESET = "PRESET"
    SEED = "SEED"
    MODEL_FILE = "MODEL_FILE"
    OUTPUT_REPORT = "OUTPUT_REPORT"

    def displayName(self):
        return self.tr("CroTad: train an online trajectory anomaly detector")

    def shortHelpString(self):
        return self.tr(
            "<p>Trains CroTad (Xue et al., contrastive reinforcement learning for online trajectory anomaly "
            "detection) on trajectories assumed to be normal, grouped by origin-destination (OD) pair. Every "
            "trajectory becomes a sequence of H3 cells (consecutive repeats removed). Cell embeddings come from "
            "node2vec on a hierarchical graph: the optional road network, the optional stops of public-transport "
            "routes and the cell transitions seen in the training trajectories. An encoder (route-wise graph "
            "attention over each OD's frequently visited cells, a GRU started from the OD embedding, attention "
            "pooling) is pre-trained on windows of WINDOW cells with three losses: reconstruction of masked "
            "cells, contrast between two augmented views of a window (STSC) and contrast between a window and "
            "generated abnormal versions of it (MIIC). A DBSCAN clustering of the windows of each OD then gives "
            "pseudo-labels (a window in a small cluster is anomalous, Eq. 24), from which a deep Q-network learns "
            "to label windows one at a time, online. Apply the model with <i>CroTad: detect anomalous "
            "sub-trajectories</i>.</p>"
            "<h3>Parameters</h3><ul>"
            "<li><b>Input trajectory points</b>, <b>Trajectory ID field</b>, <b>Time field</b> (optional; orders "
            "the points). Use normal trajectories: the detector learns what usual routes of each OD look "
            "like.</li>"
            "<li><b>OD field</b> (optional): the field holding the OD pair (or bus route + direction) of each "
            "trajectory, e.g. <i>od_id</i> of <i>Assign OD pairs</i>; the value of the first point counts and "
            "trajectories with a NULL value are left out. When empty, OD pairs are derived here exactly as "
            "<i>Assign OD pairs</i> does: the H3 cells of the first and last points at <b>OD resolution</b> "
            "(default 8), pairs with at least <b>Minimum trips per OD pair</b> (default 20) trajectories; the "
            "pairs are stored in the model so that detection finds them again.</li>"
            "<li><b>H3 resolution</b> (default 10 as for Porto in the paper; 9 for buses) and <b>Window</b> "
            "(cells per sub-trajectory, default 5; the paper uses 10 for buses). Trajectories of fewer than 2 "
            "cells, and OD values with a single usable trajectory, are left out; trajectories shorter than the window "
            "are used with padded windows.</li>"
            "<li><b>Road network</b> (optional lines) and <b>Stops</b> (optional points with a <b>route</b> field "
            "and a <b>sequence</b> field giving the order of the stops along the route) add edges to the cell "
            "graph.</li>"
            "<li><b>Preset</b>: fast-CPU (small sizes and few epochs: minutes on a laptop) or paper. The advanced "
            "parameters override the preset when set; those left empty take the preset's value (or an automatic "
            "one, as said in their label). The paper's symbols: δ<sub>od</sub> frequent-cell threshold, "
            "ρ<sub>1</sub>-ρ<sub>4</sub> augmentations, τ temperature, δ<sub>1</sub>/δ<sub>2</sub>/m/λ of MIIC, "
            "α weights of the losses, γ discount of the DQN, δ<sub>p</sub> voting threshold.</li>"
            "<li><b>Random seed</b>: the same seed and input give the same model.</li></ul>"
            "<p>Outputs: the <b>Model file</b> (.pt: weights, parameters, vocabulary of cells and the OD pairs) and "
            "an HTML <b>Report</b> with the pre-training loss curves (total, reconstruction, STSC, MIIC), the "
            "pseudo-label counts per OD, the DQN reward curve, the graph statistics and the parameters used. "
            "Training runs in the background and can be cancelled: no model file is written then.</p>"
        )

    # ------------------------------------------------------------------ parameters
    def hyper_parameters(self):
        """(engine keyword, label, "int"|"double", minimum) of the advanced parameters; the parameter name is the
        keyword in CAPS. Keywords a preset sets, and those whose engine default is automatic (None), are optional:
        empty = the preset's (or the automatic) value."""
        return (
            ("freq_threshold", self.tr("δod: frequent-cell threshold (visits per trajectory)"), "double", 0.0001),
            ("embed_dim", self.tr("node2vec cell embedding size (empty = preset)"), "int", 1),
            ("walk_length", self.tr("node2vec walk length"), "int", 1),
            ("walks_per_node", self.tr("node2vec walks per cell (empty = preset)"), "int", 1),
            ("n2v_p", self.tr("node2vec return parameter p"), "double", 0.0001),
            ("n2v_q", self.tr("node2vec in-out parameter q"), "double", 0.0001),
            ("hidden", self.tr("Encoder hidden size (empty = preset)"), "int", 2),
            ("gat_heads", self.tr("Graph attention heads (empty = preset)"), "int", 1),
            ("gat_layers", self.tr("Graph attention layers"), "int", 1),
            ("proj_dim", self.tr("Projection head size (empty = preset)"), "int", 1),
            ("rho1", self.tr("ρ1: most cells masked (empty = half the window)"), "int", 1),
            ("rho2", self.tr("ρ2: most cells cut at the rear (empty = half the window)"), "int", 1),
            ("rho3", self.tr("ρ3: most cells cut at the head (empty = half the window)"), "int", 1),
            ("rho4", self.tr("ρ4: largest share of masked cells to reconstruct"), "double", 0.0001),
            ("tau", self.tr("τ: contrastive temperature"), "double", 0.0001),
            ("delta1", self.tr("δ1: normality score above which a positive pair counts fully"), "double", 0.0),
            ("delta2", self.tr("δ2: normality score below which a positive pair counts as negative"), "double", 0.0),
            ("margin", self.tr("m: MIIC margin"), "double", 0.0),
            ("scale", self.tr("λ: MIIC scale"), "double", 1.0),
            ("k_hop", self.tr("k-hop of rare replacement cells"), "int", 1),
            ("n_negatives", self.tr("Generated negatives per window (empty = preset)"), "int", 1),
            ("alpha_rec", self.tr("α1: weight of the reconstruction loss"), "double", 0.0),
            ("alpha_stsc", self.tr("α2: weight of the STSC loss"), "double", 0.0),
            ("alpha_miic", self.tr("α3: weight of the MIIC loss"), "double", 0.0),
            ("pretrain_epochs", self.tr("Pre-training epochs (empty = preset)"), "int", 0),
            ("steps_per_epoch", self.tr("Most batches per pre-training epoch (empty = preset)"), "int", 1),
            ("batch_size", self.tr("Batch size (empty = preset)"), "int", 2),
            ("lr", self.tr("Pre-training learning rate"), "double", 1e-9),
            ("dbscan_eps", self.tr("DBSCAN eps (empty = automatic)"), "double", 0.0),
            (
                "eps_quantile",
                self.tr(
                    "Automatic DBSCAN eps: quantile of the neighbour distances (empty = the one "
                    "separating generated anomalies best)"
                ),
                "double",
                0.0,
            ),
            ("dbscan_min_samples", self.tr("DBSCAN minimum samples"), "int", 1),
            ("cluster_sample", self.tr("Training windows clustered per OD (empty = preset)"), "int", 2),
            ("dqn_steps", self.tr("DQN training steps (empty = preset)"), "int", 0),
            ("dqn_batch", self.tr("DQN batch size (empty = preset)"), "int", 1),
            ("gamma", self.tr("γ: DQN discount"), "double", 0.0001),
            ("dqn_lr", self.tr("DQN learning rate"), "double", 1e-9),
            ("buffer_size", self.tr("DQN replay buffer size"), "int", 1),
            ("target_update", self.tr("DQN target network update (steps)"), "int", 1),
            ("dqn_negatives", self.tr("Share of generated anomalous windows in DQN training"), "double", 0.0),
            ("epsilon_start", self.tr("DQN exploration rate at the start"), "double", 0.0),
            ("epsilon_end", self.tr("DQN exploration rate at the end"), "double", 0.0),
            (
                "vote_threshold",
                self.tr("δp: voting threshold (empty = the window: every window must vote anomalous)"),
                "int",
                1,
            ),
        )

    def initAlgorithm(self, config=None):
        self.add_trajectory_parameters(lines=False, optional_id=False)
        self.addParameter(
            QgsProcessingParameterField(
                self.OD_FIELD,
                self.tr("OD field (empty = derive OD pairs from the end points)"),
                parentLayerParameterName=self.INPUT,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.OD_RESOLUTION,
                self.tr("OD resolution: H3 resolution of origin/destination cells (without an OD field)"),
                QgsProcessingParameterNumber.Integer,
                8,
                minValue=0,
                maxValue=15,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.MIN_TRIPS,
                self.tr("Minimum trips per OD pair (without an OD field)"),
                QgsProcessingParameterNumber.Integer,
                20,
                minValue=1,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.RESOLUTION,
                self.tr("H3 resolution of the trajectory cells (0-15)"),
                QgsProcessingParameterNumber.Integer,
                10,
                minValue=0,
                maxValue=15,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.WINDOW,
                self.tr("Window (cells per sub-trajectory)"),
                QgsProcessingParameterNumber.Integer,
                5,
                minValue=1,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.ROAD_NETWORK,
                self.tr("Road network (lines; optional)"),
                [QgsProcessing.TypeVectorLine],
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.STOPS, self.tr("Stops (points; optional)"), [QgsProcessing.TypeVectorPoint], optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.STOP_ROUTE_FIELD, self.tr("Stops: route field"), parentLayerParameterName=self.STOPS, optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.STOP_SEQUENCE_FIELD,
                self.tr("Stops: sequence field (order along the route)"),
                parentLayerParameterName=self.STOPS,
                type=QgsProcessingParameterField.Numeric,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                self.PRESET, self.tr("Preset"), options=[self.tr("fast-CPU"), self.tr("paper")], defaultValue=0
            )
        )
        from ..models.crotad.params import PRESETS as ENGINE_PRESETS
        from ..models.crotad.params import CroTadParams

        self.add_hyper_parameters(CroTadParams, ENGINE_PRESETS)
        self.addParameter(
            QgsProcessingParameterNumber(
                self.SEED, self.tr("Random seed"), QgsProcessingParameterNumber.Integer, 0, minValue=0
            )
        )
        self.addParameter(
            QgsProcessingParameterFileDestination(
                self.MODEL_FILE, self.tr("Model file"), "DeepTraj CroTad model (*.pt)"
            )
        )
        self.addParameter(
            QgsProcessingParameterFileDestination(
                self.OUTPUT_REPORT, self.tr("Report"), "HTML files (*.html)", optional=True
            )
        )
        for name, label in (
            ("N_TRAJECTORIES", self.tr("Trajectories used for training")),
            ("N_OD", self.tr("OD pairs in the model")),
            ("N_DROPPED", self.tr("Trajectories left out")),
        ):
            self.addOutput(QgsProcessingOutputNumber(name, label))

    # ------------------------------------------------------------------ run
    def process(self, parameters, context, feedback):
        model = self._make_model(parameters, context)  # checks every engine parameter before reading layers
        res = model.resolution
        source = self.parameterAsSource(parameters, self.INPUT, context)
        if source is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, self.INPUT))
        od_field = self.parameterAsString(parameters, self.OD_FIELD, context) or None
        if od_field and source.fields().lookupField(od_field) < 0:
            raise QgsProcessingException(
                f"OD_FIELD: the field '{od_field}' does not exist in the input layer. Available fields: "
                + ", ".join(source.fields().names())
            )
        feedback.setProgressText(self.tr("Reading trajectories"))
        trajs, report = self.read_trajectories(
            parameters, context, feedback, extra_fields=(od_field,) if od_field else ()
        )
        if feedback.isCanceled():
            raise QgsProcessingException(self.tr("Cancelled by the user: no output was written."))

        # ---- OD keys (field, or derived like assignodpairs)
        pair_table = None
        if od_field:
            od = [attribute_key(v) for v in trajs.first_values(od_field)]
            n_null = sum(k is None for k in od)
            if n_null == len(od):
                raise QgsProcessingException(f"OD_FIELD: every trajectory has a NULL '{od_field}' value.")
            if n_null:
                feedback.pushWarning(f"{n_null} trajectory(ies) with a NULL '{od_field}' value were left out.")
        else:
            od, pair_table = self._derive_od(trajs, parameters, context, feedback)

        # ---- H3 cell sequences; the engine says which trajectories can train it
        feedback.setProgressText(self.tr("Mapping trajectories to H3 cells"))
        _, cs = wgs84_cell_sequences(trajs, res)
        sel = model.select_training(cs.lengths, od)  # its ValueError names INPUT or WINDOW
        if sel.n_few_cells:
            feedback.pushWarning(
                f"{sel.n_few_cells} trajectory(ies) lie in fewer than 2 H3 cells at resolution {res} and were left out."
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
        cells, od_kept, n_cells = sel.take(cs, od)
        feedback.pushInfo(
            f"{sel.index.size} trajectories of {len(sel.trips)} OD(s), {n_cells} distinct H3 cells at resolution {res}."
        )

        # ---- optional context graphs
        road = self._road_edges(parameters, context, feedback, res)
        stops = self._stop_edges(parameters, context, feedback, res)

        # ---- training
        feedback.setProgressText(self.tr("Training CroTad (graph, node2vec, pre-training, clustering, DQN)"))
        progress, cancel = self.callbacks(feedback, 10, 95)
        model.fit(cells, od_kept, road_edges=road, context_edges=stops, progress=progress, cancel=cancel)
        if feedback.isCanceled():
            raise QgsProcessingException(self.tr("Cancelled by the user: no output was written."))

        extra = {
            "traj_id_field": self.parameterAsString(parameters, self.TRAJ_ID_FIELD, context),
            "time_field": self.parameterAsString(parameters, self.TIME_FIELD, context) or None,
            "od_field": od_field,
            "crs": trajs.crs,
            "n_trajectories": int(sel.index.size),
        }
        if pair_table is not None:
            extra["od"] = {
                "resolution": self.parameterAsInt(parameters, self.OD_RESOLUTION, context),
                "min_trips": self.parameterAsInt(parameters, self.MIN_TRIPS, context),
                "pairs": pair_table,
            }
        model_path = self.parameterAsFileOutput(parameters, self.MODEL_FILE, context)
        model.save(model_path, extra=extra)
        results = {
            self.MODEL_FILE: model_path,
            "N_TRAJECTORIES": int(sel.index.size),
            "N_OD": len(model.ods_),
            "N_DROPPED": int(len(trajs) - sel.index.size),
            "N_SHORTER_THAN_WINDOW": sel.n_short,
            "N_CELLS": n_cells,
        }
        for k, v in model.graph_stats_.items():
            results["GRAPH_" + k.upper().replace("N_", "", 1)] = int(v)
        report_path = self.parameterAsFileOutput(parameters, self.OUTPUT_REPORT, context)
        if report_path:
            write_training_report(report_path, model, results, extra, sel.trips)
            results[self.OUTPUT_REPORT] = report_path
        results.update(report)
        feedback.setProgress(100)
        return results

    # ------------------------------------------------------------------ helpers
    def _derive_od(self, trajs, parameters, context, feedback):
        """OD keys (str(od_id) or None) like assignodpairs, and the pair table stored in the model."""
        from ..models.synthetic.od import assign_od

        od_res = self.parameterAsInt(parameters, self.OD_RESOLUTION, context)
        min_trips = self.parameterAsInt(parameters, self.MIN_TRIPS, context)
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

    def _road_edges(self, parameters, context, feedback, res):
        source = self.parameterAsSource(parameters, self.ROAD_NETWORK, context)
        if source is None:
            return None
        from ..models.crotad.graph import road_edges

        lines = read_line_parts(source, feedback, to_wgs84_transform(source, context))
        if not lines:
            feedback.pushWarning("ROAD_NETWORK: the layer has no line with 2 or more vertices; ignored.")
            return None
        edges = road_edges(lines, res)
        feedback.pushInfo(f"Road network: {len(lines)} line(s), {len(edges)} edge(s) between H3 cells.")
        return edges

    def _stop_edges(self, parameters, context, feedback, res):
        source = self.parameterAsSource(parameters, self.STOPS, context)
        if source is None:
            return None
        route_f = self.parameterAsString(parameters, self.STOP_ROUTE_FIELD, context)
        seq_f = self.parameterAsString(parameters, self.STOP_SEQUENCE_FIELD, context)
        for name, value in ((self.STOP_ROUTE_FIELD, route_f), (self.STOP_SEQUENCE_FIELD, seq_f)):
            if not value:
                raise QgsProcessingException(
                    f"{name}: with a STOPS layer, choose its route field and its sequence field (the order of the "
                    "stops along the route)."
                )
            if source.fields().lookupField(value) < 0:
                raise QgsProcessingException(f"{name}: the field '{value}' does not exist in the stops layer.")
        from ..models.crotad.graph import context_edges, usable_stops

        xy, values, n_empty = read_points(source, to_wgs84_transform(source, context), (route_f, seq_f))
        route, seq = [attribute_key(v) for v in values[route_f]], values[seq_f]
        ok = usable_stops(route, seq)  # context_edges leaves the other stops out
        if n_empty or not ok.all():
            feedback.pushWarning(
                f"STOPS: {n_empty + int((~ok).sum())} stop(s) without geometry, route or sequence were skipped."
            )
        if not ok.any():
            feedback.pushWarning("STOPS: no usable stop; ignored.")
            return None
        edges = context_edges(route, seq, xy[:, 0], xy[:, 1], res)
        feedback.pushInfo(
            f"Stops: {int(ok.sum())} stop(s) on {len({r for r, k in zip(route, ok) if k})} route(s), "
            f"{len(edges)} edge(s) between H3 cells."
        )
        return edges

    def _make_model(self, parameters, context):
        """The unfitted engine with the preset, the advanced parameters set, RESOLUTION, WINDOW and SEED; the
        engine's checks (ranges, ρ and δp against the window, ...) raise ValueErrors naming the parameter, which
        processAlgorithm reports like every engine error."""
        from ..models.core.modelfile import params_from_preset
        from ..models.crotad.model import CroTad
        from ..models.crotad.params import PRESETS as ENGINE_PRESETS
        from ..models.crotad.params import CroTadParams

        overrides = self.hyper_overrides(parameters, context)
        overrides.update(
            resolution=self.parameterAsInt(parameters, self.RESOLUTION, context),
            window=self.parameterAsInt(parameters, self.WINDOW, context),
            seed=self.parameterAsInt(parameters, self.SEED, context),
        )
        preset = PRESETS[self.parameterAsEnum(parameters, self.PRESET, context)]
        params = params_from_preset(CroTadParams, ENGINE_PRESETS, preset, overrides, "CroTad")
        return CroTad(params, n_threads=torch_threads())


def write_training_report(path, model, results, extra, trips_per_od):
    from ..models.core.report import line_chart, table, write_html
    from ..models.core.trajectories import natural_key

    h = model.history_
    pre = h.get("pretrain", [])
    sections = [
        (translate("DeepTraj", "Result"), table([(k.lower(), str(v)) for k, v in results.items() if k != "MODEL_FILE"]))
    ]
    sections.append(
        (
            translate("DeepTraj", "Pre-training"),
            line_chart(
                {
                    name: [(e["epoch"], e[key]) for e in pre if e.get(key) is not None]
                    for name, key in (("total", "loss"), ("reconstruction", "rec"), ("STSC", "stsc"), ("MIIC", "miic"))
                },
                "losses per epoch",
                "epoch",
                "loss",
            ),
        )
    )
    pl = h.get("pseudo_labels", {})
    if pl:
        sections.append(
            (
                translate("DeepTraj", "Pseudo-labels of the offline detector per OD"),
                table(
                    [
                        (od, trips_per_od.get(od, ""), c.get("normal", 0), c.get("anomalous", 0), c.get("theta", ""))
                        for od, c in sorted(pl.items(), key=lambda kv: natural_key(kv[0]))
                    ],
                    header=(
                        "OD",
                        "trajectories",
                        "normal windows (P)",
                        "anomalous windows (N)",
                        "θ = P/N of the rewards (a count of 0 taken as 1)",
                    ),
                ),
            )
        )
    dqn = h.get("dqn", [])
    if dqn:
        # the engine logs the means over about 50 equal intervals of steps
        sections.append(
            (
                translate("DeepTraj", "Online detector (DQN)"),
                line_chart(
                    {"reward": [(e["step"], e["reward"]) for e in dqn]}, "reward (mean per interval)", "step", "reward"
                )
                + line_chart(
                    {"loss": [(e["step"], e["loss"]) for e in dqn]}, "TD loss (mean per interval)", "step", "loss"
                ),
            )
        )
    sections.append(
        (
            translate("DeepTraj", "Hierarchical graph"),
            table([(k, int(v)) for k, v in model.graph_stats_.items()], header=("", "count")),
        )
    )
    if h.get("timings"):
        sections.append(
            (translate("DeepTraj", "Timings"), table([(k, f"{float(v):.1f} s") for k, v in h["timings"].items()]))
        )
    values = vars(model.params)
    sections.append(
        (
            translate("DeepTraj", "Parameters"),
            table(
                sorted((k, str(v)) for k, v in values.items())
                + [(f"input: {k}", str(v)) for k, v in extra.items() if k != "od"]
                + (
                    [
                        (
                            "OD derivation",
                            f"resolution {extra['od']['resolution']}, at least {extra['od']['min_trips']} trips, "
                            f"{len(extra['od']['pairs'])} pairs",
                        )
                    ]
                    if "od" in extra
                    else []
                )
            ),
        )
    )
    write_html(path, "CroTad training report", sections)
