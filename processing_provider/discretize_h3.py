"""deeptraj:discretizeh3 - H3 hexagon tokens (CroTad convention)."""

from __future__ import annotations

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsProcessingException,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterNumber,
)

from . import discretize_common as common
from .base import DeepTrajAlgorithm


class DiscretizeH3Algorithm(DeepTrajAlgorithm):
    NAME = "discretizeh3"
    GROUP_ID = "discretization"
    REQUIRES = ("numpy", "pandas", "scipy", "pyproj", "h3")

    RESOLUTION = "RESOLUTION"
    FILL_GAPS = "FILL_GAPS"

    def displayName(self):
        return self.tr("Discretize trajectories to H3 hexagons")

    def shortHelpString(self):
        return self.tr(
            "<p>Turns trajectories into sequences of H3 hexagon tokens, the units of CroTad.</p>"
            "<p><b>Input trajectories</b>, <b>Trajectory ID field</b>, <b>Time field</b>, <b>Sampling interval</b>: "
            "as in the grid discretization (points with an ID and time, or one line per trajectory).</p>"
            "<p><b>H3 resolution</b> (default 10, CroTad on Porto, about 0.015 km² per cell; 9 for bus routes): "
            "0–15. <b>Collapse repeats</b> (default yes): consecutive points in one cell give one token. "
            "<b>Fill gaps</b> (default no): when yes, consecutive non-adjacent cells are joined with the H3 grid "
            "path so that every step moves to a neighbouring cell.</p>"
            "<p>Tokens 0–3 are PAD, BOS, EOS, UNK; cell tokens start at 4 in order of decreasing visits.</p>"
            "<p>Outputs: <b>Cells</b> (hexagons: token, h3 index, visits; graduated by visits), <b>Token sequences</b> "
            "(one line per trajectory with the tokens as text) and the <b>Vocabulary</b> JSON (resolution, "
            "token↔cell table, k-nearest tokens with distances in metres).</p>"
        )

    def initAlgorithm(self, config=None):
        self.add_trajectory_parameters()
        self.addParameter(
            QgsProcessingParameterNumber(
                self.RESOLUTION, self.tr("H3 resolution"), QgsProcessingParameterNumber.Integer, 10
            )
        )
        common.add_common_parameters(self)
        self.addParameter(
            QgsProcessingParameterBoolean(
                self.FILL_GAPS, self.tr("Fill gaps with the H3 grid path"), defaultValue=False
            )
        )
        common.add_outputs(self)

    def process(self, parameters, context, feedback):
        from ..models.core.discretize import H3Discretizer

        res = self.parameterAsInt(parameters, self.RESOLUTION, context)
        if not 0 <= res <= 15:
            raise QgsProcessingException(
                self.tr("RESOLUTION must be an H3 resolution between 0 and 15 (10 for city streets), got {0}.").format(
                    res
                )
            )
        trajs, report = self.read_trajectories(parameters, context, feedback, min_points=2)
        disc = H3Discretizer(
            resolution=res,
            collapse_repeats=self.parameterAsBool(parameters, common.COLLAPSE_REPEATS, context),
            fill_gaps=self.parameterAsBool(parameters, self.FILL_GAPS, context),
        )
        progress, cancel = self.callbacks(feedback, 0, 90)
        seqs = disc.fit_transform(trajs, progress, cancel)
        return common.write_outputs(
            self,
            parameters,
            context,
            feedback,
            trajs,
            seqs,
            disc,
            common.h3_cell_fields(),
            common.h3_cell_rows(disc),
            QgsCoordinateReferenceSystem("EPSG:4326"),
            report,
        )
