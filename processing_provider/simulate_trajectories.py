"""Processing adapter: embedded synthetic sample (vehicles between OD pairs on a street grid or a road layer).

All the modelling is in :mod:`models.simulate`; this module declares parameters, reads the optional road layer,
calls the engine and writes the sinks (only after the engine finished).
"""

from __future__ import annotations

import numpy as np
from qgis.core import (
    QgsFeature,
    QgsFeatureSink,
    QgsGeometry,
    QgsLineString,
    QgsPoint,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterCrs,
    QgsProcessingParameterDateTime,
    QgsProcessingParameterEnum,
    QgsProcessingParameterExtent,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterNumber,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QDate, QDateTime, Qt, QTime

from .base import DeepTrajAlgorithm
from .layer_io import epoch_to_qdatetime, line_geometry, make_fields, read_line_parts


def _style_by_od(layer):
    from .styles import categorized

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
    NAME = "simulatetrajectories"
    GROUP_ID = "data"
    REQUIRES = ("numpy", "scipy", "pyproj")

    ROAD_NETWORK = "ROAD_NETWORK"
    N_OD_PAIRS = "N_OD_PAIRS"
    N_TRAJECTORIES = "N_TRAJECTORIES"
    SPEED = "SPEED"
    SPEED_VARIATION = "SPEED_VARIATION"
    GPS_NOISE = "GPS_NOISE"
    START_TIME = "START_TIME"
    TIME_WINDOW = "TIME_WINDOW"
    EXTENT = "EXTENT"
    CRS = "CRS"
    GRID_SPACING = "GRID_SPACING"
    DETOUR_RATE = "DETOUR_RATE"
    OD_LAYOUT = "OD_LAYOUT"
    SEED = "SEED"
    OUTPUT = "OUTPUT"
    OUTPUT_LINES = "OUTPUT_LINES"
    OUTPUT_ROADS = "OUTPUT_ROADS"

    def displayName(self):
        return self.tr("Simulate trajectories (synthetic sample)")

    def shortHelpString(self):
        return self.tr(
            "<p>Makes a synthetic, fully labelled trajectory data set: vehicles drive shortest paths between "
            "origin-destination (OD) pairs on a synthetic street grid or on a road line layer, sampled like GPS "
            "with noise. Every OD pair is one cluster (<i>od_id</i>) with a small origin area and a small "
            "destination area well apart from the other pairs' areas; trips of a pair start and end at nearby "
            "junctions and follow mostly the same corridor (a small random perturbation of the edge costs per "
            "trip gives some route variety, distinct corridors get a <i>route_id</i>). Optionally some trips "
            "make a detour through a junction 300-800 m (and at most 40% of the trip length) off their normal "
            "route; the points of the detour have "
            "<i>is_anomaly</i> = 1 and <i>anomaly_type</i> = 'detour'. The same seed always gives the same "
            "data. Use it to try the clustering and anomaly algorithms, whose ground truth it provides.</p>"
            "<h3>Parameters</h3>"
            "<p><b>Road network</b> (optional line layer): roads to drive on, two-way; lines connect where they "
            "share a vertex (end point or interior vertex). Only the largest connected part is used. Default: "
            "a synthetic street grid.</p>"
            "<p><b>Number of OD pairs</b> (default 6): clusters; the network must have room for that many well "
            "separated origin and destination areas (radius 300 m, smaller when the extent is small or many "
            "pairs must fit; areas at least three radii apart).</p>"
            "<p><b>Number of trajectories</b> (default 300): trips, spread evenly over the OD pairs.</p>"
            "<p><b>Sampling interval</b> (seconds, default 15): time between two points of a trip.</p>"
            "<p><b>Speed</b> (m/s, default 10): mean driving speed; each trip drives at a constant speed drawn "
            "within +/- <b>Speed variation</b> (advanced, default 0.2 = 20%) of it.</p>"
            "<p><b>GPS noise</b> (metres, default 5): standard deviation of the Gaussian noise added to each "
            "coordinate.</p>"
            "<p><b>Start time</b> (default 2024-01-01 08:00 UTC): vehicles start their first trip within the "
            "<b>Time window</b> (advanced, hours, default 12) after it and make about four trips one after the "
            "other.</p>"
            "<p><b>Extent</b> (optional): the area of the synthetic grid (default a 6 km x 6 km box around "
            "Porto centre, -8.61 / 41.15), or a clip box for the road layer (default: its whole extent).</p>"
            "<p><b>Output CRS</b> (default EPSG:4326). The simulation itself runs in metres in the UTM zone of "
            "the area.</p>"
            "<p><b>Grid spacing</b> (metres, default 200): street spacing of the synthetic grid (every fifth "
            "street is a faster arterial, a few streets are missing, a few cells have a diagonal).</p>"
            "<p><b>Detour rate</b> (0-1, default 0 = none): share of the trips with an injected detour.</p>"
            "<p><b>Random seed</b> (default 42).</p>"
            "<p><b>Layout of the OD pairs</b> (advanced, default Separated): <i>Separated</i> gives every pair its "
            "own part of the network (origin and destination on either side of a pair centre; clusters are apart "
            "in space, as centre-based ground truth such as E2DTC's expects); <i>Cross-town</i> pairs far apart "
            "areas, so long trips of different pairs cross and share main roads.</p>"
            "<h3>Outputs</h3>"
            "<p><b>Trajectory points</b>: traj_id, time, od_id (cluster), route_id (corridor variant within the "
            "pair), vehicle_id, speed (m/s), is_anomaly (0/1), anomaly_type ('' or 'detour'). "
            "<b>Trajectory lines</b> (optional, LineStringM with epoch seconds as M): traj_id, od_id, route_id, "
            "vehicle_id, n_points, has_detour, start and end time, length_m, speed. <b>Road network</b> "
            "(optional): the road lines used. Results N_TRAJECTORIES, N_POINTS and N_DETOURS count what was "
            "made.</p>"
        )

    def initAlgorithm(self, config=None):
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.ROAD_NETWORK,
                self.tr("Road network (lines; empty = synthetic street grid)"),
                [QgsProcessing.TypeVectorLine],
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.N_OD_PAIRS,
                self.tr("Number of origin-destination pairs (clusters)"),
                QgsProcessingParameterNumber.Integer,
                6,
                minValue=1,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.N_TRAJECTORIES,
                self.tr("Number of trajectories"),
                QgsProcessingParameterNumber.Integer,
                300,
                minValue=1,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.SAMPLING_INTERVAL,
                self.tr("Sampling interval (seconds)"),
                QgsProcessingParameterNumber.Double,
                15.0,
                minValue=1.0,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.SPEED, self.tr("Mean speed (m/s)"), QgsProcessingParameterNumber.Double, 10.0, minValue=0.1
            )
        )
        p = QgsProcessingParameterNumber(
            self.SPEED_VARIATION,
            self.tr("Speed variation between trips (share, +/-)"),
            QgsProcessingParameterNumber.Double,
            0.2,
            minValue=0.0,
            maxValue=0.9,
        )
        p.setFlags(p.flags() | p.FlagAdvanced)
        self.addParameter(p)
        self.addParameter(
            QgsProcessingParameterNumber(
                self.GPS_NOISE,
                self.tr("GPS noise (standard deviation, metres)"),
                QgsProcessingParameterNumber.Double,
                5.0,
                minValue=0.0,
            )
        )
        self.addParameter(
            QgsProcessingParameterDateTime(
                self.START_TIME,
                self.tr("Start time"),
                QgsProcessingParameterDateTime.DateTime,
                QDateTime(QDate(2024, 1, 1), QTime(8, 0), Qt.UTC),
            )
        )
        p = QgsProcessingParameterNumber(
            self.TIME_WINDOW,
            self.tr("Time window for the first trips (hours)"),
            QgsProcessingParameterNumber.Double,
            12.0,
            minValue=0.0,
        )
        p.setFlags(p.flags() | p.FlagAdvanced)
        self.addParameter(p)
        self.addParameter(
            QgsProcessingParameterExtent(
                self.EXTENT, self.tr("Extent (default: 6 km box around Porto, or the road layer)"), optional=True
            )
        )
        self.addParameter(QgsProcessingParameterCrs(self.CRS, self.tr("Output CRS"), "EPSG:4326", optional=True))
        self.addParameter(
            QgsProcessingParameterNumber(
                self.GRID_SPACING,
                self.tr("Synthetic grid street spacing (metres)"),
                QgsProcessingParameterNumber.Double,
                200.0,
                minValue=10.0,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.DETOUR_RATE,
                self.tr("Share of trajectories with a detour (0-1)"),
                QgsProcessingParameterNumber.Double,
                0.0,
                minValue=0.0,
                maxValue=1.0,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.SEED, self.tr("Random seed"), QgsProcessingParameterNumber.Integer, 42, minValue=0
            )
        )
        p = QgsProcessingParameterEnum(
            self.OD_LAYOUT,
            self.tr("Layout of the origin-destination pairs"),
            [
                self.tr("Separated: each pair in its own part of the network"),
                self.tr("Cross-town: long trips whose routes cross"),
            ],
            defaultValue=0,
        )
        p.setFlags(p.flags() | p.FlagAdvanced)
        self.addParameter(p)
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT, self.tr("Simulated trajectory points"), QgsProcessing.TypeVectorPoint
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT_LINES,
                self.tr("Simulated trajectory lines"),
                QgsProcessing.TypeVectorLine,
                optional=True,
                createByDefault=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT_ROADS,
                self.tr("Road network used"),
                QgsProcessing.TypeVectorLine,
                optional=True,
                createByDefault=False,
            )
        )
        self.addOutput(QgsProcessingOutputNumber("N_TRAJECTORIES", self.tr("Number of trajectories")))
        self.addOutput(QgsProcessingOutputNumber("N_POINTS", self.tr("Number of points")))
        self.addOutput(QgsProcessingOutputNumber("N_DETOURS", self.tr("Number of trajectories with a detour")))

    def checkParameterValues(self, parameters, context):
        # clearer messages than the generic "Incorrect parameter value" for the counts
        for name, what in ((self.N_TRAJECTORIES, "trajectory"), (self.N_OD_PAIRS, "origin-destination pair")):
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
        if not parameters.get(self.ROAD_NETWORK):
            return None, None
        source = self.parameterAsSource(parameters, self.ROAD_NETWORK, context)
        if source is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, self.ROAD_NETWORK))
        if QgsWkbTypes.geometryType(source.wkbType()) != QgsWkbTypes.LineGeometry:
            raise QgsProcessingException(
                "ROAD_NETWORK: the road network must be a line layer (this one has "
                f"{QgsWkbTypes.geometryDisplayString(QgsWkbTypes.geometryType(source.wkbType()))} geometries); "
                "choose a line layer of roads, or leave it empty for a synthetic street grid."
            )
        crs = source.sourceCrs()
        if not crs.isValid():
            raise QgsProcessingException("ROAD_NETWORK: the road layer has no valid CRS; set its CRS first.")
        lines = read_line_parts(source, feedback, progress_end=5.0)
        if not lines:
            raise QgsProcessingException("ROAD_NETWORK: the road layer has no line with at least two vertices.")
        return lines, (crs.authid() or crs.toWkt())

    # ------------------------------------------------------------------ process
    def process(self, parameters, context, feedback):
        from ..models.synthetic.simulate import simulate_trajectories

        n_traj = self.parameterAsInt(parameters, self.N_TRAJECTORIES, context)
        n_pairs = self.parameterAsInt(parameters, self.N_OD_PAIRS, context)
        if n_traj < 1:
            raise QgsProcessingException("N_TRAJECTORIES: at least 1 trajectory is needed.")
        if n_pairs < 1:
            raise QgsProcessingException("N_OD_PAIRS: at least 1 origin-destination pair is needed.")
        interval = self.parameterAsDouble(parameters, self.SAMPLING_INTERVAL, context)
        if interval <= 0:
            raise QgsProcessingException("SAMPLING_INTERVAL: the sampling interval must be positive.")
        speed = self.parameterAsDouble(parameters, self.SPEED, context)
        if speed <= 0:
            raise QgsProcessingException("SPEED: the speed must be positive.")
        out_crs = self.crs_parameter(parameters, self.CRS, context, "EPSG:4326")
        out_authid = out_crs.authid() or out_crs.toWkt()
        start = self.parameterAsDateTime(parameters, self.START_TIME, context)
        start_s = int(start.toMSecsSinceEpoch() // 1000) if start.isValid() else 1704096000

        roads, roads_crs = self._read_roads(parameters, context, feedback)
        extent = extent_crs = None
        if parameters.get(self.EXTENT):
            rect = self.parameterAsExtent(parameters, self.EXTENT, context)
            if rect is not None and not rect.isNull() and not rect.isEmpty():
                ecrs = self.parameterAsExtentCrs(parameters, self.EXTENT, context)
                if not ecrs.isValid():
                    ecrs = out_crs
                extent = (rect.xMinimum(), rect.yMinimum(), rect.xMaximum(), rect.yMaximum())
                extent_crs = ecrs.authid() or ecrs.toWkt()

        progress, cancel = self.callbacks(feedback, 5, 90)
        res = simulate_trajectories(
            road_lines=roads,
            roads_crs=roads_crs or "EPSG:4326",
            extent=extent,
            extent_crs=extent_crs or "EPSG:4326",
            crs=out_authid,
            grid_spacing=self.parameterAsDouble(parameters, self.GRID_SPACING, context),
            seed=self.parameterAsInt(parameters, self.SEED, context),
            n_od_pairs=n_pairs,
            n_trajectories=n_traj,
            sampling_interval=interval,
            speed=speed,
            speed_variation=self.parameterAsDouble(parameters, self.SPEED_VARIATION, context),
            gps_noise=self.parameterAsDouble(parameters, self.GPS_NOISE, context),
            start_time=start_s,
            time_window=3600.0 * self.parameterAsDouble(parameters, self.TIME_WINDOW, context),
            detour_rate=self.parameterAsDouble(parameters, self.DETOUR_RATE, context),
            layout=("compact", "crosstown")[self.parameterAsEnum(parameters, self.OD_LAYOUT, context)],
            progress=progress,
            cancel=cancel,
        )
        for m in res.messages:
            feedback.pushWarning(m)
        g = res.graph
        feedback.pushInfo(f"Road graph: {g.n_nodes} junctions, {g.n_edges} edges (worked in {res.metric_crs}).")
        trajs = res.trajs

        # ---- write (the engine has finished: a cancel above leaves no output)
        results = {}
        pfields = make_fields(
            [
                ("traj_id", "int"),
                ("time", "datetime"),
                ("od_id", "int"),
                ("route_id", "int"),
                ("vehicle_id", "int"),
                ("speed", "double"),
                ("is_anomaly", "int"),
                ("anomaly_type", "string"),
            ]
        )
        sink, dest = self.parameterAsSink(parameters, self.OUTPUT, context, pfields, QgsWkbTypes.Point, out_crs)
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT))
        a = trajs.attrs
        tid = trajs.ids[trajs.point_traj_index].tolist()
        cols = [
            a["od_id"].tolist(),
            a["route_id"].tolist(),
            a["vehicle_id"].tolist(),
            np.round(a["speed"], 2).tolist(),
            a["is_anomaly"].tolist(),
            list(a["anomaly_type"]),
        ]
        xs, ys, ts = trajs.x.tolist(), trajs.y.tolist(), trajs.t.tolist()
        n_pts = len(xs)
        for k in range(n_pts):
            if k % 5000 == 0:
                if feedback.isCanceled():
                    break
                feedback.setProgress(90 + 8.0 * k / max(n_pts, 1))
            f = QgsFeature(pfields)
            f.setGeometry(QgsGeometry(QgsPoint(xs[k], ys[k])))
            f.setAttributes(
                [
                    tid[k],
                    epoch_to_qdatetime(ts[k]),
                    cols[0][k],
                    cols[1][k],
                    cols[2][k],
                    cols[3][k],
                    cols[4][k],
                    str(cols[5][k]),
                ]
            )
            sink.addFeature(f, QgsFeatureSink.FastInsert)
        results[self.OUTPUT] = dest
        self.style_output(context, dest, _style_by_od)

        lf = make_fields(
            [
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
        )
        lsink, ldest = self.parameterAsSink(
            parameters, self.OUTPUT_LINES, context, lf, QgsWkbTypes.LineStringM, out_crs
        )
        if lsink is not None:
            lens = trajs.lengths
            for i in range(len(trajs)):
                s, e = int(trajs.offsets[i]), int(trajs.offsets[i + 1])
                f = QgsFeature(lf)
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
                lsink.addFeature(f, QgsFeatureSink.FastInsert)
            results[self.OUTPUT_LINES] = ldest
            self.style_output(context, ldest, _style_by_od)

        rfields = make_fields([("road_id", "int"), ("kind", "string"), ("length_m", "double")])
        rsink, rdest = self.parameterAsSink(
            parameters, self.OUTPUT_ROADS, context, rfields, QgsWkbTypes.LineString, out_crs
        )
        if rsink is not None:
            for i, (line, kind, mline) in enumerate(zip(res.road_lines, res.road_kind, g.lines)):
                f = QgsFeature(rfields)
                f.setGeometry(QgsGeometry(QgsLineString(line[:, 0].tolist(), line[:, 1].tolist())))
                f.setAttributes([i, str(kind), round(float(np.hypot(*np.diff(mline, axis=0).T).sum()), 1)])
                rsink.addFeature(f, QgsFeatureSink.FastInsert)
            results[self.OUTPUT_ROADS] = rdest
            self.style_output(context, rdest, _style_roads)

        feedback.setProgress(100)
        feedback.pushInfo(f"{len(trajs)} trajectories, {trajs.n_points} points, {res.n_detours} with a detour.")
        results.update({"N_TRAJECTORIES": len(trajs), "N_POINTS": trajs.n_points, "N_DETOURS": res.n_detours})
        return results
