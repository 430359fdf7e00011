"""deeptraj:simulatetrajectories - embedded synthetic sample (vehicles between OD pairs on a street grid or a road
layer).

All the modelling is in :mod:`models.synthetic.simulate`; this module reads the parameters and the optional road
layer, calls the engine and writes the sinks (only after the engine finished).
"""

from __future__ import annotations

import numpy as np
from qgis.core import (
    QgsFeature,
    QgsFeatureSink,
    QgsGeometry,
    QgsLineString,
    QgsPoint,
    QgsProcessingException,
    QgsWkbTypes,
)

from ..base import DeepTrajAlgorithm
from ..layer_io import epoch_to_qdatetime, line_geometry, make_fields, read_line_parts
from ..specs.data import SIMULATE_TRAJECTORIES

_POINT_FIELDS = [
    ("traj_id", "int"),
    ("time", "datetime"),
    ("od_id", "int"),
    ("route_id", "int"),
    ("vehicle_id", "int"),
    ("speed", "double"),
    ("is_anomaly", "int"),
    ("anomaly_type", "string"),
]
_LINE_FIELDS = [
    ("traj_id", "int"),
    ("od_id", "int"),
    ("route_id", "int"),
    ("vehicle_id", "int"),
    ("n_points", "int"),
    ("has_detour", "int"),
    ("start_time", "datetime"),
    ("end_time", "datetime"),
    ("length_m", "double"),
    ("speed", "double"),
]


def _style_by_od(layer):
    from ..styles import categorized

    categorized(layer, "od_id")


def _style_roads(layer):
    from qgis.core import QgsSingleSymbolRenderer, QgsSymbol
    from qgis.PyQt.QtGui import QColor

    sym = QgsSymbol.defaultSymbol(layer.geometryType())
    sym.setColor(QColor("#b0b0b0"))
    if hasattr(sym, "setWidth"):
        sym.setWidth(0.2)
    layer.setRenderer(QgsSingleSymbolRenderer(sym))
    layer.triggerRepaint()


class SimulateTrajectoriesAlgorithm(DeepTrajAlgorithm):
    SPEC = SIMULATE_TRAJECTORIES
    REQUIRES = ("numpy", "scipy", "pyproj")
    #: reading the roads 0..5, simulating 5..90, writing 90..100
    PROGRESS = (5.0, 90.0)

    def checkParameterValues(self, parameters, context):
        # clearer messages than the generic "Incorrect parameter value" for the counts
        for name, what in (("N_TRAJECTORIES", "trajectory"), ("N_OD_PAIRS", "origin-destination pair")):
            v = parameters.get(name)
            try:
                bad = v is not None and int(float(v)) < 1
            except (TypeError, ValueError):
                bad = False
            if bad:
                return False, f"{name}: at least 1 {what} is needed (got {v})."
        return super().checkParameterValues(parameters, context)

    # ------------------------------------------------------------------ reading
    def _read_roads(self, parameters, context, feedback):
        """(list of (k, 2) arrays, CRS authid) of the road layer, or (None, None) without one."""
        if not parameters.get("ROAD_NETWORK"):
            return None, None
        source = self.parameterAsSource(parameters, "ROAD_NETWORK", context)
        if source is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, "ROAD_NETWORK"))
        if QgsWkbTypes.geometryType(source.wkbType()) != QgsWkbTypes.LineGeometry:
            raise QgsProcessingException(
                "ROAD_NETWORK: the road network must be a line layer (this one has "
                f"{QgsWkbTypes.geometryDisplayString(QgsWkbTypes.geometryType(source.wkbType()))} geometries); "
                "choose a line layer of roads, or leave it empty for a synthetic street grid."
            )
        crs = source.sourceCrs()
        if not crs.isValid():
            raise QgsProcessingException("ROAD_NETWORK: the road layer has no valid CRS; set its CRS first.")
        lines = read_line_parts(source, feedback, progress=self.plan(feedback).reading())
        if not lines:
            raise QgsProcessingException("ROAD_NETWORK: the road layer has no line with at least two vertices.")
        return lines, (crs.authid() or crs.toWkt())

    def _extent(self, parameters, context, out_crs):
        """(xmin, ymin, xmax, ymax) and the CRS of EXTENT, or (None, None) when it is empty."""
        if not parameters.get("EXTENT"):
            return None, None
        rect = self.parameterAsExtent(parameters, "EXTENT", context)
        if rect is None or rect.isNull() or rect.isEmpty():
            return None, None
        ecrs = self.parameterAsExtentCrs(parameters, "EXTENT", context)
        if not ecrs.isValid():
            ecrs = out_crs
        return (rect.xMinimum(), rect.yMinimum(), rect.xMaximum(), rect.yMaximum()), ecrs.authid() or ecrs.toWkt()

    def _settings(self, parameters, context):
        """The engine's keyword arguments read from the number, time and choice parameters."""
        n_traj = self.value(parameters, "N_TRAJECTORIES", context)
        n_pairs = self.value(parameters, "N_OD_PAIRS", context)
        if n_traj < 1:
            raise QgsProcessingException("N_TRAJECTORIES: at least 1 trajectory is needed.")
        if n_pairs < 1:
            raise QgsProcessingException("N_OD_PAIRS: at least 1 origin-destination pair is needed.")
        interval = self.value(parameters, "SAMPLING_INTERVAL", context)
        if interval <= 0:
            raise QgsProcessingException("SAMPLING_INTERVAL: the sampling interval must be positive.")
        speed = self.value(parameters, "SPEED", context)
        if speed <= 0:
            raise QgsProcessingException("SPEED: the speed must be positive.")
        start = self.parameterAsDateTime(parameters, "START_TIME", context)
        return dict(
            grid_spacing=self.value(parameters, "GRID_SPACING", context),
            seed=self.value(parameters, "SEED", context),
            n_od_pairs=n_pairs,
            n_trajectories=n_traj,
            sampling_interval=interval,
            speed=speed,
            speed_variation=self.value(parameters, "SPEED_VARIATION", context),
            gps_noise=self.value(parameters, "GPS_NOISE", context),
            start_time=int(start.toMSecsSinceEpoch() // 1000) if start.isValid() else 1704096000,
            time_window=3600.0 * self.value(parameters, "TIME_WINDOW", context),
            detour_rate=self.value(parameters, "DETOUR_RATE", context),
            layout=("compact", "crosstown")[self.value(parameters, "OD_LAYOUT", context)],
        )

    # ------------------------------------------------------------------ process
    def process(self, parameters, context, feedback):
        from ...models.synthetic.simulate import simulate_trajectories

        settings = self._settings(parameters, context)
        out_crs = self.crs_parameter(parameters, "CRS", context, self.SPEC.param("CRS").default)
        roads, roads_crs = self._read_roads(parameters, context, feedback)
        extent, extent_crs = self._extent(parameters, context, out_crs)
        progress, cancel = self.callbacks(feedback)
        res = simulate_trajectories(
            road_lines=roads,
            roads_crs=roads_crs or "EPSG:4326",
            extent=extent,
            extent_crs=extent_crs or "EPSG:4326",
            crs=out_crs.authid() or out_crs.toWkt(),
            progress=progress,
            cancel=cancel,
            **settings,
        )
        for m in res.messages:
            feedback.pushWarning(m)
        g = res.graph
        feedback.pushInfo(f"Road graph: {g.n_nodes} junctions, {g.n_edges} edges (worked in {res.metric_crs}).")

        # ---- write (the engine has finished: a cancel above leaves no output)
        trajs = res.trajs
        results = {"OUTPUT": self._write_points(parameters, context, feedback, trajs, out_crs)}
        for name, write, style in (
            ("OUTPUT_LINES", self._write_lines, _style_by_od),
            ("OUTPUT_ROADS", self._write_roads, _style_roads),
        ):
            dest = write(parameters, context, res, out_crs)
            if dest is not None:
                results[name] = dest
                self.style_output(context, dest, style)
        feedback.pushInfo(f"{len(trajs)} trajectories, {trajs.n_points} points, {res.n_detours} with a detour.")
        results.update({"N_TRAJECTORIES": len(trajs), "N_POINTS": trajs.n_points, "N_DETOURS": res.n_detours})
        return results

    def _write_points(self, parameters, context, feedback, trajs, crs):
        fields = make_fields(_POINT_FIELDS)
        sink, dest = self.parameterAsSink(parameters, "OUTPUT", context, fields, QgsWkbTypes.Point, crs)
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, "OUTPUT"))
        a = trajs.attrs
        tid = trajs.ids[trajs.point_traj_index].tolist()
        cols = [
            a["od_id"].tolist(),
            a["route_id"].tolist(),
            a["vehicle_id"].tolist(),
            np.round(a["speed"], 2).tolist(),
            a["is_anomaly"].tolist(),
            [str(v) for v in a["anomaly_type"]],
        ]
        xs, ys, ts = trajs.x.tolist(), trajs.y.tolist(), trajs.t.tolist()
        n_pts = len(xs)
        written = self.plan(feedback).writing(0, 80)
        for k in range(n_pts):
            if k % 5000 == 0:
                if feedback.isCanceled():
                    break
                written(100.0 * k / max(n_pts, 1))
            f = QgsFeature(fields)
            f.setGeometry(QgsGeometry(QgsPoint(xs[k], ys[k])))
            f.setAttributes([tid[k], epoch_to_qdatetime(ts[k]), *(col[k] for col in cols)])
            sink.addFeature(f, QgsFeatureSink.FastInsert)
        self.style_output(context, dest, _style_by_od)
        return dest

    def _write_lines(self, parameters, context, res, crs):
        fields = make_fields(_LINE_FIELDS)
        sink, dest = self.parameterAsSink(parameters, "OUTPUT_LINES", context, fields, QgsWkbTypes.LineStringM, crs)
        if sink is None:
            return None
        trajs = res.trajs
        lens = trajs.lengths
        for i in range(len(trajs)):
            s, e = int(trajs.offsets[i]), int(trajs.offsets[i + 1])
            f = QgsFeature(fields)
            f.setGeometry(line_geometry(trajs.x[s:e], trajs.y[s:e], trajs.t[s:e]))
            f.setAttributes(
                [
                    int(trajs.ids[i]),
                    int(res.od_id[i]),
                    int(res.route_id[i]),
                    int(res.vehicle_id[i]),
                    int(lens[i]),
                    int(res.has_detour[i]),
                    epoch_to_qdatetime(trajs.t[s]),
                    epoch_to_qdatetime(trajs.t[e - 1]),
                    round(float(res.route_length[i]), 1),
                    round(float(res.speed[i]), 2),
                ]
            )
            sink.addFeature(f, QgsFeatureSink.FastInsert)
        return dest

    def _write_roads(self, parameters, context, res, crs):
        from ...models.synthetic.summaries import polyline_lengths

        fields = make_fields([("road_id", "int"), ("kind", "string"), ("length_m", "double")])
        sink, dest = self.parameterAsSink(parameters, "OUTPUT_ROADS", context, fields, QgsWkbTypes.LineString, crs)
        if sink is None:
            return None
        lengths = polyline_lengths(res.graph.lines)
        for i, (line, kind, length) in enumerate(zip(res.road_lines, res.road_kind, lengths)):
            f = QgsFeature(fields)
            f.setGeometry(QgsGeometry(QgsLineString(line[:, 0].tolist(), line[:, 1].tolist())))
            f.setAttributes([i, str(kind), round(float(length), 1)])
            sink.addFeature(f, QgsFeatureSink.FastInsert)
        return dest
