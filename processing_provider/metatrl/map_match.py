"""Processing adapter: deeptraj:mapmatch, hidden-Markov map matching of trajectory points onto a road layer.

The road units come from :mod:`.road_io`, the matching from :mod:`models.core.mapmatch`; this module calls the engine
and writes one line per trajectory (after the engine has finished).
"""

from __future__ import annotations

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeature,
    QgsFeatureSink,
    QgsGeometry,
    QgsLineString,
    QgsProcessingException,
    QgsWkbTypes,
)

from ..base import DeepTrajAlgorithm
from ..layer_io import epoch_to_qdatetime, id_kind, make_fields, py_value
from ..specs.roads import MAP_MATCH
from .road_io import matcher_of, read_road_network, road_source

#: (name, kind) of the fields of the matched trajectories
FIELDS = (
    ("n_units", "int"),
    ("units", "string"),
    ("segment_fids", "string"),
    ("n_points", "int"),
    ("matched_points", "int"),
    ("share", "double"),
    ("n_breaks", "int"),
    ("start_time", "datetime"),
    ("end_time", "datetime"),
)


class MapMatchAlgorithm(DeepTrajAlgorithm):
    SPEC = MAP_MATCH
    REQUIRES = ("numpy", "pandas", "scipy", "shapely", "pyproj")
    #: reading the trajectories 0..5 and the roads 5..15, matching 15..90, writing 90..100
    PROGRESS = (15.0, 90.0)

    def process(self, parameters, context, feedback):
        if not self.value(parameters, "TIME_FIELD", context):
            raise QgsProcessingException(
                self.tr("TIME_FIELD: map matching needs the time of each point; choose the time field of the input.")
            )
        matcher = matcher_of(self, parameters, context)
        trajs, _ = self.read_trajectories(parameters, context, feedback, progress_end=5.0)
        road_crs = road_source(self, parameters, context).sourceCrs()
        self.plan(feedback).text(self.tr("Reading the road network"))
        net, geom = read_road_network(self, parameters, context, feedback)
        self.plan(feedback).text(self.tr("Matching the trajectories to the roads"))
        res = self._match(matcher, trajs, net, geom, road_crs, feedback)
        feedback.pushInfo(
            f"Matched {res.matched_share:.1%} of {trajs.n_points} points; {res.n_breaks} break(s); "
            f"{res.n_empty} of {len(trajs)} trajectories without a matched point."
        )
        if res.n_empty:
            feedback.pushWarning(
                f"{res.n_empty} trajectory(ies) have no point within {matcher.radius:g} m of a road line."
            )
        dest = self._write(parameters, context, feedback, trajs, net, geom, res, road_crs)
        return {
            "OUTPUT": dest,
            "MATCHED_SHARE": res.matched_share,
            "N_BREAKS": int(res.n_breaks),
            "N_TRAJECTORIES": int(len(trajs)),
        }

    def _match(self, matcher, trajs, net, geom, road_crs, feedback):
        """The engine's MatchResult; "off the road network" becomes a message on RADIUS and the CRSs."""
        from ...models.core.trajectories import TrajectoryDataError

        progress, cancel = self.callbacks(feedback)
        try:
            return matcher.match(trajs, net, geom, progress=progress, cancel=cancel)
        except TrajectoryDataError as e:
            if "off the road network" in str(e):
                raise QgsProcessingException(
                    self.tr(
                        "RADIUS: no trajectory point lies within {0} m of a road line: the trajectories are off the "
                        "road network. Check that both layers have the right CRS (trajectories: {1}, roads: {2}) and "
                        "cover the same area, or use a larger search radius."
                    ).format(f"{matcher.radius:g}", trajs.crs or "?", road_crs.authid() or road_crs.description())
                )
            raise

    def _write(self, parameters, context, feedback, trajs, net, geom, res, road_crs):
        """One line per trajectory along its matched segments (in the road layer's CRS); returns the sink's id."""
        fields = make_fields([("traj_id", id_kind(trajs.ids)), *FIELDS])
        sink, dest = self.parameterAsSink(parameters, "OUTPUT", context, fields, QgsWkbTypes.LineString, road_crs)
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, "OUTPUT"))
        to_out = QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:4326"), road_crs, context.transformContext())
        lens = trajs.lengths
        n = len(trajs)
        written = self.plan(feedback).writing()
        for i in range(n):
            if i % 500 == 0:
                if feedback.isCanceled():
                    break
                written(100.0 * i / max(n, 1))
            units = res.sequences.seq(i)
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
        return dest
