"""deeptraj:metatrltrain - MetaTRL cross-city trajectory representation learning: meta-train on source cities
(optional), pre-train on the target city, write the model and an HTML report with the loss curves per city and phase."""

from __future__ import annotations

from qgis.core import (
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterMultipleLayers,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
)

from . import metatrl_common as mc
from .base import DeepTrajAlgorithm, torch_threads, translate

PRESETS = ("fast-cpu", "paper")


class MetaTRLTrainAlgorithm(DeepTrajAlgorithm):
    NAME = "metatrltrain"
    GROUP_ID = "embedding"
    REQUIRES = ("numpy", "pandas", "scipy", "shapely", "pyproj", "h3", "torch")

    INPUT = "TARGET"
    SOURCES = "SOURCES"
    SOURCE_ROAD_NETWORKS = "SOURCE_ROAD_NETWORKS"
    SOURCE_TRAJ_ID_FIELD = "SOURCE_TRAJ_ID_FIELD"
    SOURCE_TIME_FIELD = "SOURCE_TIME_FIELD"
    PRESET = "PRESET"
    SEED = "SEED"
    MODEL_FILE = "MODEL_FILE"
    OUTPUT_REPORT = "OUTPUT_REPORT"

    def displayName(self):
        return self.tr("MetaTRL: train cross-city trajectory embeddings")

    def shortHelpString(self):
        return self.tr(
            "<p>Learns trajectory embeddings for a <b>target</b> city with MetaTRL (Yu et al., AAAI 2026): a road "
            "(or cell) encoder with meta-knowledge of the road structure, a transferable temporal encoder and a "
            "transformer that takes its queries and keys from parameters shared between cities and its values from "
            "the city's private parameters. Pre-training is self-supervised: whole sub-trajectories are masked and "
            "recovered (units and visit times).</p>"
            "<p><b>Source cities</b> (optional, one trajectory layer per city, e.g. a data-rich city): before the "
            "target is trained, a meta model learns the shared parameters from them (for each source: clone, train "
            "on its training split, update the meta model from its test split), and the target starts from them. "
            "Without sources it is single-city pre-training. Source layers are read with the <b>source trajectory "
            "ID / time fields</b> (empty = the target's field names).</p>"
            "<p><b>Spatial units</b>: road segments of the <b>Road network</b> (trajectories are map-matched with a "
            "hidden-Markov matcher: candidate radius and GPS sigma are advanced settings; optional road class, "
            "lanes and max speed fields become attributes), or H3 / square grid cells. Source cities use their own "
            "road layer from <b>Source road networks</b> (same order as the sources) or, without one, H3 cells at "
            "the H3 resolution.</p>"
            "<p><b>Preset</b>: fast-CPU (2 layers of width 64) or paper (6 layers, d_model 128, 8 heads, batch 64, "
            "learning rate 2e-4, meta learning rate 5e-4, 5 meta epochs); every engine setting is an advanced "
            "parameter (empty = the preset's). The <b>Model file</b> holds the target's model, its units and the "
            "settings; apply it with <i>MetaTRL: embed trajectories</i> or <i>MetaTRL: downstream task</i>. The "
            "<b>Report</b> shows the loss curves per city and phase.</p>"
        )

    @staticmethod
    def hyper_parameters():
        """(keyword, label, kind, minimum) of every engine setting but the seed."""
        return (
            ("d_model", translate("DeepTraj", "Model width d_model (empty = preset)"), "int", 4),
            ("n_heads", translate("DeepTraj", "Attention heads (empty = preset)"), "int", 1),
            ("layers", translate("DeepTraj", "Transformer layers (empty = preset)"), "int", 1),
            ("gat_layers", translate("DeepTraj", "GAT layers of the road encoder (empty = preset)"), "int", 0),
            ("position_octaves", translate("DeepTraj", "Position features of the units (octaves; 0 = none)"), "int", 0),
            ("n_buckets", translate("DeepTraj", "Time-interval buckets N_B"), "int", 1),
            ("dropout", translate("DeepTraj", "Dropout"), "double", 0.0),
            ("max_len", translate("DeepTraj", "Maximum units per trajectory (empty = preset)"), "int", 4),
            ("batch_size", translate("DeepTraj", "Batch size (empty = preset)"), "int", 1),
            ("learning_rate", translate("DeepTraj", "Learning rate (empty = preset)"), "double", 0.0),
            ("meta_lr", translate("DeepTraj", "Meta learning rate (empty = preset)"), "double", 0.0),
            ("meta_epochs", translate("DeepTraj", "Meta epochs (empty = preset)"), "int", 0),
            (
                "source_epochs",
                translate("DeepTraj", "Epochs per source city and meta epoch (empty = preset)"),
                "int",
                1,
            ),
            ("target_epochs", translate("DeepTraj", "Target pre-training epochs (empty = preset)"), "int", 0),
            (
                "min_target_steps",
                translate(
                    "DeepTraj",
                    "Target pre-training: at least this many batches (more epochs for a small target; empty = "
                    "preset, 0 when the epochs are set)",
                ),
                "int",
                0,
            ),
            ("mask_ratio", translate("DeepTraj", "Share of units masked in spans"), "double", 0.0),
            ("span_mean", translate("DeepTraj", "Mean masked span length (units)"), "double", 1.0),
            ("time_mask_ratio", translate("DeepTraj", "Share of other units whose time is masked"), "double", 0.0),
            ("gamma", translate("DeepTraj", "Loss weight gamma of unit recovery (1 - gamma: time)"), "double", 0.0),
            ("test_share", translate("DeepTraj", "Test split of each source city (meta step)"), "double", 0.0),
            ("max_target_trajectories", translate("DeepTraj", "Target trajectories used at most"), "int", 2),
            ("max_source_trajectories", translate("DeepTraj", "Trajectories per source city at most"), "int", 2),
            ("min_units", translate("DeepTraj", "Minimum units per trajectory"), "int", 2),
        )

    def initAlgorithm(self, config=None):
        self.add_trajectory_parameters(lines=True, optional_id=True, optional_time=False)
        self.addParameter(
            QgsProcessingParameterMultipleLayers(
                self.SOURCES,
                self.tr("Source cities (trajectory layers; optional)"),
                QgsProcessing.TypeVectorAnyGeometry,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterString(
                self.SOURCE_TRAJ_ID_FIELD, self.tr("Sources: trajectory ID field (empty = the target's)"), optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterString(
                self.SOURCE_TIME_FIELD, self.tr("Sources: time field (empty = the target's)"), optional=True
            )
        )
        mc.add_unit_parameters(self)
        self.addParameter(
            QgsProcessingParameterMultipleLayers(
                self.SOURCE_ROAD_NETWORKS,
                self.tr("Source road networks (lines, in the order of the sources; optional)"),
                QgsProcessing.TypeVectorLine,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                self.PRESET, self.tr("Preset"), options=[self.tr("fast-CPU"), self.tr("paper")], defaultValue=0
            )
        )
        p = QgsProcessingParameterBoolean(
            "UNIT_IDS", self.tr("Learned embedding of every unit (private)"), defaultValue=True
        )
        p.setFlags(p.flags() | p.FlagAdvanced)
        self.addParameter(p)
        p = QgsProcessingParameterEnum(
            "META_UPDATE",
            self.tr("Meta update"),
            options=[
                self.tr("continue from the source's shared parameters, then the test-gradient step"),
                self.tr("test-gradient step only (Eq. 2 literally)"),
            ],
            defaultValue=0,
        )
        p.setFlags(p.flags() | p.FlagAdvanced)
        self.addParameter(p)
        from ..models.metatrl.params import PRESETS as ENGINE_PRESETS
        from ..models.metatrl.params import MetaTRLParams

        self.add_hyper_parameters(MetaTRLParams, ENGINE_PRESETS)
        self.addParameter(
            QgsProcessingParameterNumber(
                self.SEED, self.tr("Random seed"), QgsProcessingParameterNumber.Integer, 0, minValue=0
            )
        )
        self.addParameter(
            QgsProcessingParameterFileDestination(
                self.MODEL_FILE, self.tr("Model file"), "DeepTraj MetaTRL model (*.metatrl)"
            )
        )
        self.addParameter(
            QgsProcessingParameterFileDestination(
                self.OUTPUT_REPORT, self.tr("Report"), "HTML files (*.html)", optional=True
            )
        )
        for name, label in (
            ("N_TARGET_TRAJECTORIES", self.tr("Target trajectories used")),
            ("N_UNITS", self.tr("Units of the target")),
            ("MATCHED_SHARE", self.tr("Share of target points matched to roads")),
        ):
            self.addOutput(QgsProcessingOutputNumber(name, label))

    def _params(self, parameters, context):
        from ..models.metatrl.params import META_UPDATES, make_params

        overrides = self.hyper_overrides(parameters, context)
        overrides.update(
            seed=self.parameterAsInt(parameters, self.SEED, context),
            unit_ids=self.parameterAsBool(parameters, "UNIT_IDS", context),
            meta_update=META_UPDATES[self.parameterAsEnum(parameters, "META_UPDATE", context)],
        )
        try:
            return make_params(PRESETS[self.parameterAsEnum(parameters, self.PRESET, context)], **overrides)
        except ValueError as e:
            raise QgsProcessingException(str(e))

    def _sources(self, parameters, context, feedback, kind, road_layers):
        """Cities of the SOURCES layers (road units where a source road layer is given, else H3 cells)."""
        from ..models.metatrl.params import City
        from .layer_io import read_trajectories

        layers = self.parameterAsLayerList(parameters, self.SOURCES, context)
        if not layers:
            return []
        id_field = (
            self.parameterAsString(parameters, self.SOURCE_TRAJ_ID_FIELD, context)
            or self.parameterAsString(parameters, self.TRAJ_ID_FIELD, context)
            or None
        )
        time_field = self.parameterAsString(parameters, self.SOURCE_TIME_FIELD, context) or self.parameterAsString(
            parameters, self.TIME_FIELD, context
        )
        cities = []
        for i, layer in enumerate(layers):
            name = layer.name() or f"source {i + 1}"
            if layer.fields().lookupField(time_field) < 0 or (id_field and layer.fields().lookupField(id_field) < 0):
                raise QgsProcessingException(
                    f"SOURCES: the layer '{name}' lacks the field '{time_field}' or '{id_field}'; set "
                    "SOURCE_TRAJ_ID_FIELD / SOURCE_TIME_FIELD to its field names."
                )
            trajs, _ = read_trajectories(
                layer,
                id_field,
                time_field,
                feedback,
                interval=self.parameterAsDouble(parameters, self.SAMPLING_INTERVAL, context),
            )
            road = None
            src_kind = kind if kind != "road" else "h3"
            if kind == "road" and i < len(road_layers):
                from .road_layers import BOTH_DIRECTIONS, road_units

                road = road_units(
                    road_layers[i],
                    context,
                    feedback,
                    both=self.parameterAsBool(parameters, BOTH_DIRECTIONS, context),
                    label=f"SOURCE_ROAD_NETWORKS ({road_layers[i].name()})",
                )
                src_kind = "road"
            elif kind == "road":
                feedback.pushWarning(f"Source '{name}' has no road layer: its units are H3 cells.")
            net, seqs, _ = mc.city_units(
                self, f"SOURCES ({name})", trajs, src_kind, parameters, context, feedback, road=road
            )
            feedback.pushInfo(f"Source city '{name}': {len(seqs)} trajectories on {net.size} {net.kind} units.")
            cities.append(City(name, net, seqs))
        return cities

    def process(self, parameters, context, feedback):
        from ..models.metatrl.model import MetaTRL
        from ..models.metatrl.params import City, MetaTRLDataError

        params = self._params(parameters, context)
        kind = mc.unit_kind(self, parameters, context)
        feedback.setProgressText(self.tr("Reading the target trajectories"))
        trajs, report = self.read_trajectories(parameters, context, feedback)
        if trajs.t is None:
            raise QgsProcessingException("TIME_FIELD: MetaTRL needs the time of each point.")
        road = None
        if kind == "road":
            from .road_layers import read_road_network

            road = read_road_network(self, parameters, context, feedback)
        progress, cancel = self.callbacks(feedback, 0, 20)
        net, seqs, share = mc.city_units(
            self, "TARGET", trajs, kind, parameters, context, feedback, road, progress, cancel
        )
        target = City(self.parameterAsSource(parameters, self.INPUT, context).sourceName() or "target", net, seqs)
        feedback.pushInfo(f"Target: {len(seqs)} trajectories on {net.size} {net.kind} units.")
        sources = self._sources(
            parameters,
            context,
            feedback,
            kind,
            self.parameterAsLayerList(parameters, self.SOURCE_ROAD_NETWORKS, context),
        )
        feedback.setProgressText(self.tr("Meta-training and pre-training"))
        model = MetaTRL(params, n_threads=torch_threads())
        progress, cancel = self.callbacks(feedback, 25, 97)
        try:
            model.fit(target, sources, progress=progress, cancel=cancel, log=feedback.pushInfo)
        except MetaTRLDataError as e:
            raise QgsProcessingException(f"TARGET/SOURCES: {e}")
        path = self.parameterAsFileOutput(parameters, self.MODEL_FILE, context)
        settings = {
            "unit": kind,  # a road model's matcher settings are in its network's spec
            "traj_id_field": self.parameterAsString(parameters, self.TRAJ_ID_FIELD, context),
            "time_field": self.parameterAsString(parameters, self.TIME_FIELD, context),
        }
        model.save(path, extra={"settings": settings, "matched_share": share})
        results = {
            self.MODEL_FILE: path,
            "N_TARGET_TRAJECTORIES": model.info_["n_target_trajectories"],
            "N_UNITS": net.size,
            "N_SOURCES": len(sources),
        }
        if share is not None:
            results["MATCHED_SHARE"] = share
        hist = model.history_
        if hist["target"]:
            results["FINAL_LOSS"] = hist["target"][-1]["loss"]
        report_path = self.parameterAsFileOutput(parameters, self.OUTPUT_REPORT, context)
        if report_path:
            write_training_report(report_path, model, results, settings)
            results[self.OUTPUT_REPORT] = report_path
        results.update(report)
        return results


def write_training_report(path, model, results, settings):
    from ..models.core.report import line_chart, table, write_html

    h = model.history_
    sections = [
        (
            translate("DeepTraj", "Result"),
            table(
                [(k.lower(), str(v)) for k, v in results.items() if k != "MODEL_FILE"]
                + [(k, str(v)) for k, v in settings.items()]
                + [(k, str(v)) for k, v in model.info_.items()]
            ),
        )
    ]
    meta = h.get("meta", [])
    if meta:
        curves = {}
        for e in meta:
            curves.setdefault(f"{e['city']} train", []).append((e["meta_epoch"], e["loss"]))
            curves.setdefault(f"{e['city']} test (meta step)", []).append((e["meta_epoch"], e["test_loss"]))
        sections.append(
            (
                translate("DeepTraj", "Meta-training on the source cities"),
                line_chart(curves, "pre-training loss per source city", "meta epoch", "loss"),
            )
        )
    tgt = h.get("target", [])
    if tgt:
        sections.append(
            (
                translate("DeepTraj", "Pre-training on the target city"),
                line_chart(
                    {key: [(e["epoch"], e[key]) for e in tgt] for key in ("loss", "fm", "tm")},
                    "loss (total), unit recovery (fm, cross-entropy), time recovery (tm, MSE)",
                    "epoch",
                    "loss",
                ),
            )
        )
    sections.append(
        (translate("DeepTraj", "Parameters"), table(sorted((k, str(v)) for k, v in vars(model.params).items())))
    )
    write_html(path, "MetaTRL training report", sections)
