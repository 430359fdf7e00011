"""Processing adapter: deeptraj:mapmatch, hidden-Markov map matching of trajectory points onto a road layer.

The road units come from :mod:`.road_layers`, the matching from :mod:`models.mapmatch`; this module declares the
parameters, calls the engine and writes one line per trajectory (after the engine has finished).
"""

from __future__ import annotations

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeature,
    QgsFeatureSink,
    QgsGeometry,
    QgsLineString,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFeatureSink,
    QgsWkbTypes,
)

from .base import DeepTrajAlgorithm
from .layer_io import epoch_to_qdatetime, id_kind, make_fields, py_value
from .road_layers import add_matcher_parameters, add_road_parameters, matcher_of, read_road_network, road_source


class MapMatchAlgorithm(DeepTrajAlgorithm):
    NAME = "mapmatch"
    GROUP_ID = "embedding"
    REQUIRES = ("numpy", "pandas", "scipy", "shapely", "pyproj")

    OUTPUT = "OUTPUT"

    def displayName(self):
        return self.tr("Map-match trajectories to road segments")

    def shortHelpString(self):
        return self.tr(
            "<p>Puts GPS trajectory points onto the lines of a road layer with a hidden Markov model (Newson and "
            "Krumm, 2009) and writes the sequence of road segments each trajectory drove. Road segments are the "
            "units of the MetaTRL algorithms: matching once shows how well a road layer fits the trajectories.</p>"
            "<p>Each point's candidates are the road lines within the search radius. A candidate is likelier the "
            "nearer the point (GPS noise), and a pair of candidates of consecutive points is likelier the closer "
            "the driving distance between them (respecting the lines' directions and the connections of the "
            "network) is to the straight distance between the points. The most likely sequence is found with the "
            "Viterbi algorithm. Where no candidate of a point can be reached from the previous point's, the match "
            "breaks and starts again (counted in N_BREAKS); points without a road line within the radius are "
            "left out. Segments between two matched points are filled in along the shortest path.</p>"
            "<h3>Parameters</h3>"
            "<p><b>Input trajectory points</b> with a <b>trajectory ID field</b> and a <b>time field</b> "
            "(both needed).</p>"
            "<p><b>Road network</b>: a line layer; lines connect where their end points meet (within 0.5 m), or "
            "through the advanced <b>start/end node ID fields</b> (such as OSMnx's u/v or start_node/end_node). "
            "Lines are driven in their digitised direction: layers with one line per driving direction (OSMnx "
            "exports) need nothing more; tick <b>Lines can be driven in both directions</b> for layers whose "
            "lines are undirected (each line then gives two segments). Turning back onto the same line is only "
            "allowed at dead ends.</p>"
            "<p><b>Road class / lanes / maximum speed fields</b> (optional) become attributes of the segments "
            "for the MetaTRL algorithms; matching does not use them.</p>"
            "<p><b>Search radius</b> (metres, default 50): how far from a point road lines are considered. "
            "<b>GPS noise</b> (metres, default 20): standard deviation of the position error.</p>"
            "<h3>Output</h3>"
            "<p>One line per trajectory along the matched segments, in the road layer's CRS: traj_id, n_units "
            "(segments), units (segment keys: 2 x feature id, + 1 for a line driven against its direction), "
            "segment_fids (feature ids of the road lines), n_points, matched_points, share (matched share of the "
            "points), n_breaks, start_time and end_time of the trajectory. Trajectories with no matched point get "
            "no geometry. Results: MATCHED_SHARE (share of all points matched), N_BREAKS, N_TRAJECTORIES.</p>"
        )

    def initAlgorithm(self, config=None):
        self.add_trajectory_parameters(lines=False, optional_id=False, optional_time=True)
        add_road_parameters(self)
        add_matcher_parameters(self, advanced=False)
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT, self.tr("Matched trajectories"), QgsProcessing.TypeVectorLine
            )
        )
        self.addOutput(QgsProcessingOutputNumber("MATCHED_SHARE", self.tr("Share of the points matched")))
        self.addOutput(QgsProcessingOutputNumber("N_BREAKS", self.tr("Number of breaks of the matching")))
        self.addOutput(QgsProcessingOutputNumber("N_TRAJECTORIES", self.tr("Number of trajectories")))

    def process(self, parameters, context, feedback):
        from ..models.core.trajectories import TrajectoryDataError

        if not self.parameterAsString(parameters, self.TIME_FIELD, context):
            raise QgsProcessingException(
                self.tr("TIME_FIELD: map matching needs the time of each point; choose the time field of the input.")
            )
        matcher = matcher_of(self, parameters, context)
        radius = matcher.radius
        trajs, _ = self.read_trajectories(parameters, context, feedback)
        road_crs = road_source(self, parameters, context).sourceCrs()
        feedback.setProgress(5)
        net, geom = read_road_network(self, parameters, context, feedback)
        feedback.setProgress(15)
        progress, cancel = self.callbacks(feedback, 15, 90)
        try:
            res = matcher.match(trajs, net, geom, progress=progress, cancel=cancel)
        except TrajectoryDataError as e:
            if "off the road network" in str(e):
                raise QgsProcessingException(
                    self.tr(
                        "RADIUS: no trajectory point lies within {0} m of a road line: the trajectories are off the "
                        "road network. Check that both layers have the right CRS (trajectories: {1}, roads: {2}) and "
                        "cover the same area, or use a larger search radius."
                    ).format(f"{radius:g}", trajs.crs or "?", road_crs.authid() or road_crs.description())
                )
            raise
        seqs = res.sequences
        share = res.matched_share
        feedback.pushInfo(
            f"Matched {share:.1%} of {trajs.n_points} points; {res.n_breaks} break(s); "
            f"{res.n_empty} of {len(trajs)} trajectories without a matched point."
        )
        if res.n_empty:
            feedback.pushWarning(f"{res.n_empty} trajectory(ies) have no point within {radius:g} m of a road line.")

        # ---- write
        fields = make_fields(
            [
                ("traj_id", id_kind(trajs.ids)),
                ("n_units", "int"),
                ("units", "string"),
                ("segment_fids", "string"),
                ("n_points", "int"),
                ("matched_points", "int"),
                ("share", "double"),
                ("n_breaks", "int"),
                ("start_time", "datetime"),
                ("end_time", "datetime"),
            ]
        )
        sink, dest = self.parameterAsSink(parameters, self.OUTPUT, context, fields, QgsWkbTypes.LineString, road_crs)
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT))
        to_out = QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:4326"), road_crs, context.transformContext())
        lens = trajs.lengths
        n = len(trajs)
        for i in range(n):
            if i % 500 == 0:
                if feedback.isCanceled():
                    break
                feedback.setProgress(90 + 9.0 * i / max(n, 1))
            units = seqs.seq(i)
            f = QgsFeature(fields)
            path = res.paths_lonlat[i]
            if path.shape[0] >= 2:
                g = QgsGeometry(QgsLineString(path[:, 0].tolist(), path[:, 1].tolist()))
                g.transform(to_out)
                f.setGeometry(g)
            s, e = int(trajs.offsets[i]), int(trajs.offsets[i + 1])
            f.setAttributes(
                [
                    py_value(trajs.ids[i]),
                    int(units.size),
                    ",".join(str(k) for k in net.keys[units].tolist()),
                    ",".join(str(k) for k in geom.fids[units].tolist()),
                    int(lens[i]),
                    int(res.matched_points[i]),
                    round(float(res.matched_points[i]) / max(int(lens[i]), 1), 4),
                    int(res.breaks_per_trajectory[i]),
                    epoch_to_qdatetime(trajs.t[s]),
                    epoch_to_qdatetime(trajs.t[e - 1]),
                ]
            )
            sink.addFeature(f, QgsFeatureSink.FastInsert)
        feedback.setProgress(100)
        return {self.OUTPUT: dest, "MATCHED_SHARE": share, "N_BREAKS": int(res.n_breaks), "N_TRAJECTORIES": int(n)}
