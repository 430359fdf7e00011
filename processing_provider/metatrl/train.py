"""deeptraj:metatrltrain - MetaTRL cross-city trajectory representation learning: meta-train on source cities
(optional), pre-train on the target city, write the model and an HTML report with the loss curves per city and phase."""

from __future__ import annotations

from qgis.core import QgsProcessingException

from ..base import DeepTrajAlgorithm, torch_threads
from ..specs.metatrl import METATRL_PARAMS, METATRL_TRAIN
from . import io
from .road_io import read_road_network, road_units

#: the engine's preset of each PRESET option, in order
PRESETS = ("fast-cpu", "paper")


class MetaTRLTrainAlgorithm(DeepTrajAlgorithm):
    SPEC = METATRL_TRAIN
    REQUIRES = ("numpy", "pandas", "scipy", "shapely", "pyproj", "h3", "torch")
    TRAINS = True

    #: the trajectory input is the target city (DeepTrajAlgorithm.read_trajectories reads this parameter)
    TRAJECTORY_INPUT = "TARGET"
    #: reading the target 0..5, its units 5..15, the sources 15..25, training 25..97, writing 97..100
    PROGRESS = (5.0, 97.0)

    def _params(self, parameters, context):
        from ...models.metatrl.params import META_UPDATES, make_params

        overrides = self.engine_values(parameters, context, METATRL_PARAMS)
        overrides["meta_update"] = META_UPDATES[self.value(parameters, "META_UPDATE", context)]
        try:
            return make_params(PRESETS[self.value(parameters, "PRESET", context)], **overrides)
        except ValueError as e:
            raise QgsProcessingException(str(e))

    def _source_fields(self, parameters, context):
        """(ID field or None, time field) of the source layers: theirs, or the target's names."""
        id_field = (
            self.value(parameters, "SOURCE_TRAJ_ID_FIELD", context)
            or self.value(parameters, "TRAJ_ID_FIELD", context)
            or None
        )
        time_field = self.value(parameters, "SOURCE_TIME_FIELD", context) or self.parameterAsString(
            parameters, "TIME_FIELD", context
        )
        return id_field, time_field

    def _source_road(self, parameters, context, feedback, kind, road_layers, i, name):
        """(unit kind, (UnitNetwork, RoadGeometry) or None) of source ``i``: its road layer where one is given for
        road units, else H3 cells."""
        if kind != "road":
            return kind, None
        if i < len(road_layers):
            road = road_units(
                road_layers[i],
                context,
                feedback,
                both=self.value(parameters, "BOTH_DIRECTIONS", context),
                label=f"SOURCE_ROAD_NETWORKS ({road_layers[i].name()})",
            )
            return "road", road
        feedback.pushWarning(f"Source '{name}' has no road layer: its units are H3 cells.")
        return "h3", None

    def _sources(self, parameters, context, feedback, kind):
        """Cities of the SOURCES layers (road units where a source road layer is given, else H3 cells)."""
        from ...models.metatrl.params import City
        from ..layer_io import read_trajectories

        layers = self.parameterAsLayerList(parameters, "SOURCES", context)
        if not layers:
            return []
        road_layers = self.parameterAsLayerList(parameters, "SOURCE_ROAD_NETWORKS", context)
        id_field, time_field = self._source_fields(parameters, context)
        cities = []
        plan = self.plan(feedback)
        for i, layer in enumerate(layers):
            a, b = 15.0 + 10.0 * i / len(layers), 15.0 + 10.0 * (i + 1) / len(layers)  # the sources fill 15..25
            name = layer.name() or f"source {i + 1}"
            if layer.fields().lookupField(time_field) < 0 or (id_field and layer.fields().lookupField(id_field) < 0):
                raise QgsProcessingException(
                    f"SOURCES: the layer '{name}' lacks the field '{time_field}' or '{id_field}'; set "
                    "SOURCE_TRAJ_ID_FIELD / SOURCE_TIME_FIELD to its field names."
                )
            interval = self.value(parameters, "SAMPLING_INTERVAL", context)
            plan.text(self.tr("Reading the source city {0}").format(name))
            trajs, _ = read_trajectories(
                layer,
                id_field,
                time_field,
                feedback,
                interval=interval,
                layer=layer,  # a plain OGR point layer is read column-wise through GDAL, not feature by feature
                names=("SOURCES", "SOURCE_TRAJ_ID_FIELD", "SOURCE_TIME_FIELD"),
                progress=plan.span(a, (a + b) / 2),
            )
            src_kind, road = self._source_road(parameters, context, feedback, kind, road_layers, i, name)
            net, seqs, _ = io.city_units(
                self,
                f"SOURCES ({name})",
                trajs,
                src_kind,
                parameters,
                context,
                feedback,
                road,
                plan.span((a + b) / 2, b),
            )
            feedback.pushInfo(f"Source city '{name}': {len(seqs)} trajectories on {net.size} {net.kind} units.")
            cities.append(City(name, net, seqs))
        return cities

    def _target(self, parameters, context, feedback, kind):
        """(target City, matched share or None, cleaning report) of the TARGET layer."""
        from ...models.metatrl.params import City

        feedback.setProgressText(self.tr("Reading the target trajectories"))
        trajs, report = self.read_trajectories(parameters, context, feedback)
        if trajs.t is None:
            raise QgsProcessingException("TIME_FIELD: MetaTRL needs the time of each point.")
        road = read_road_network(self, parameters, context, feedback) if kind == "road" else None
        progress, cancel = self.callbacks(feedback, 5, 15)
        net, seqs, share = io.city_units(
            self, "TARGET", trajs, kind, parameters, context, feedback, road, progress, cancel
        )
        target = City(self.parameterAsSource(parameters, "TARGET", context).sourceName() or "target", net, seqs)
        feedback.pushInfo(f"Target: {len(seqs)} trajectories on {net.size} {net.kind} units.")
        return target, share, report

    def process(self, parameters, context, feedback):
        from ...models.metatrl.model import MetaTRL
        from ...models.metatrl.params import MetaTRLDataError
        from ...models.metatrl.report import write_training_report

        params = self._params(parameters, context)
        kind = io.unit_kind(self, parameters, context)
        target, share, report = self._target(parameters, context, feedback, kind)
        sources = self._sources(parameters, context, feedback, kind)
        feedback.setProgressText(self.tr("Meta-training and pre-training"))
        model = MetaTRL(params, n_threads=torch_threads())
        progress, cancel = self.callbacks(feedback, 25, 97)
        try:
            model.fit(target, sources, progress=progress, cancel=cancel, log=feedback.pushInfo)
        except MetaTRLDataError as e:
            raise QgsProcessingException(f"TARGET/SOURCES: {e}")
        self.plan(feedback).text(self.tr("Writing the model file"))
        path = self.value(parameters, "MODEL_FILE", context)
        settings = {
            "unit": kind,  # a road model's matcher settings are in its network's spec
            "traj_id_field": self.parameterAsString(parameters, "TRAJ_ID_FIELD", context),
            "time_field": self.parameterAsString(parameters, "TIME_FIELD", context),
        }
        model.save(self.output_file(path), extra={"settings": settings, "matched_share": share})
        results = {
            "MODEL_FILE": path,
            "N_TARGET_TRAJECTORIES": model.info_["n_target_trajectories"],
            "N_UNITS": target.network.size,
            "N_SOURCES": len(sources),
        }
        if share is not None:
            results["MATCHED_SHARE"] = share
        if model.history_["target"]:
            results["FINAL_LOSS"] = model.history_["target"][-1]["loss"]
        report_path = self.value(parameters, "OUTPUT_REPORT", context)
        if report_path:
            write_training_report(self.output_file(report_path), model, results, settings, io.report_titles())
            results["OUTPUT_REPORT"] = report_path
        results.update(report)
        return results
