"""deeptraj:discretizegrid - square-grid tokens (E2DTC / t2vec convention)."""

from __future__ import annotations

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsProcessingException,
    QgsProcessingParameterCrs,
    QgsProcessingParameterExtent,
    QgsProcessingParameterNumber,
)

from . import discretize_common as common
from .base import DeepTrajAlgorithm


class DiscretizeGridAlgorithm(DeepTrajAlgorithm):
    NAME = "discretizegrid"
    GROUP_ID = "discretization"
    REQUIRES = ("numpy", "pandas", "scipy", "pyproj")

    CELL_SIZE = "CELL_SIZE"
    GRID_CRS = "GRID_CRS"
    EXTENT = "EXTENT"
    MIN_FREQ = "MIN_FREQ"
    K_NEAREST = "K_NEAREST"

    def displayName(self):
        return self.tr("Discretize trajectories to a square grid")

    def shortHelpString(self):
        return self.tr(
            "<p>Turns trajectories into sequences of square grid-cell tokens, the input of E2DTC and t2vec.</p>"
            "<p><b>Input trajectories</b>: a point layer (one point per GPS fix) or a line layer (one trajectory per "
            "feature). <b>Trajectory ID field</b>: groups points into trajectories (required for points; lines default "
            "to the feature id). <b>Time field</b>: orders the points (date-time, ISO text, epoch seconds or "
            "milliseconds, or a numeric order); for lines, the start time, the vertices following every "
            "<i>Sampling interval</i> seconds (default 15 s, Porto) unless the line has M values.</p>"
            "<p><b>Cell size</b> (default 300 m, E2DTC): side of a square cell in grid-CRS units. "
            "<b>Grid CRS</b> (default EPSG:3857, as E2DTC/t2vec): a projected CRS. "
            "<b>Extent</b> (default: the input extent): grid extent; points outside are the UNK token. "
            "<b>Minimum visits of a hot cell</b> (default 1; t2vec used 50 on millions of points): cells visited "
            "fewer times are mapped to the nearest hot cell. <b>Nearest cells per token</b> (default 10, E2DTC K): "
            "size of the k-nearest table stored in the vocabulary. <b>Collapse repeats</b> (default yes): "
            "consecutive points in one cell give one token.</p>"
            "<p>Cell id = row × n_cols + col with col = floor((x − xmin)/size), row = floor((y − ymin)/size). "
            "Tokens 0–3 are PAD, BOS, EOS, UNK; cell tokens start at 4 in order of decreasing visits.</p>"
            "<p>Outputs: <b>Cells</b> (polygons: token, cell_id, col, row, visits, hot; graduated by visits), "
            "<b>Token sequences</b> (one line per trajectory: traj_id, n_points, n_tokens, n_unk, tokens as "
            "space-separated text) and the <b>Vocabulary</b> JSON (grid definition, token↔cell table, k-nearest "
            "tokens with distances in metres) used by the model algorithms.</p>"
        )

    def initAlgorithm(self, config=None):
        self.add_trajectory_parameters()
        self.addParameter(
            QgsProcessingParameterNumber(
                self.CELL_SIZE,
                self.tr("Cell size (grid CRS units, metres)"),
                QgsProcessingParameterNumber.Double,
                300.0,
            )
        )
        self.addParameter(QgsProcessingParameterCrs(self.GRID_CRS, self.tr("Grid CRS"), "EPSG:3857", optional=True))
        self.addParameter(QgsProcessingParameterExtent(self.EXTENT, self.tr("Grid extent"), optional=True))
        self.addParameter(
            QgsProcessingParameterNumber(
                self.MIN_FREQ,
                self.tr("Minimum visits of a hot cell"),
                QgsProcessingParameterNumber.Integer,
                1,
                minValue=1,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.K_NEAREST,
                self.tr("Nearest cells per token (K)"),
                QgsProcessingParameterNumber.Integer,
                10,
                minValue=1,
            )
        )
        common.add_common_parameters(self)
        common.add_outputs(self)

    def process(self, parameters, context, feedback):
        from ..models.core.discretize import GridDiscretizer

        size = self.parameterAsDouble(parameters, self.CELL_SIZE, context)
        if not size > 0:
            raise QgsProcessingException(
                self.tr("CELL_SIZE must be a positive number of metres, got {0}.").format(size)
            )
        crs = self.crs_parameter(parameters, self.GRID_CRS, context, "EPSG:3857")
        if crs.isGeographic():
            raise QgsProcessingException(
                self.tr(
                    "GRID_CRS {0} is geographic (degrees); choose a projected CRS such as EPSG:3857 or a UTM zone."
                ).format(crs.authid())
            )
        extent = None
        if parameters.get(self.EXTENT):
            rect = self.parameterAsExtent(parameters, self.EXTENT, context, crs)
            if rect.isNull() or rect.isEmpty():
                raise QgsProcessingException(self.tr("EXTENT is empty."))
            extent = (rect.xMinimum(), rect.yMinimum(), rect.xMaximum(), rect.yMaximum())
        trajs, report = self.read_trajectories(parameters, context, feedback, min_points=2)
        disc = GridDiscretizer(
            cell_size=size,
            crs=crs.authid() or crs.toWkt(),
            extent=extent,
            min_freq=self.parameterAsInt(parameters, self.MIN_FREQ, context),
            k_nearest=self.parameterAsInt(parameters, self.K_NEAREST, context),
            collapse_repeats=self.parameterAsBool(parameters, common.COLLAPSE_REPEATS, context),
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
            common.grid_cell_fields(),
            common.grid_cell_rows(disc),
            QgsCoordinateReferenceSystem(disc.crs),
            report,
        )
