"""deeptraj:discretizegrid - square-grid tokens (E2DTC / t2vec convention)."""

from __future__ import annotations

from qgis.core import QgsProcessingException

from ..base import DeepTrajAlgorithm
from ..specs.discretization import DISCRETIZE_GRID
from . import io


class DiscretizeGridAlgorithm(DeepTrajAlgorithm):
    SPEC = DISCRETIZE_GRID
    REQUIRES = ("numpy", "pandas", "scipy", "pyproj")

    def process(self, parameters, context, feedback):
        from ...models.core.discretize import GridDiscretizer

        crs = self.crs_parameter(parameters, "GRID_CRS", context, self.SPEC.param("GRID_CRS").default)
        if crs.isGeographic():
            raise QgsProcessingException(
                self.tr(
                    "GRID_CRS {0} is geographic (degrees); choose a projected CRS such as EPSG:3857 or a UTM zone."
                ).format(crs.authid())
            )
        extent = None
        if parameters.get("EXTENT"):
            rect = self.parameterAsExtent(parameters, "EXTENT", context, crs)
            if rect.isNull() or rect.isEmpty():
                raise QgsProcessingException(self.tr("EXTENT is empty."))
            extent = (rect.xMinimum(), rect.yMinimum(), rect.xMaximum(), rect.yMaximum())
        trajs, report = self.read_trajectories(parameters, context, feedback, min_points=2)
        disc = GridDiscretizer(
            cell_size=self.value(parameters, "CELL_SIZE", context),
            crs=crs.authid() or crs.toWkt(),
            extent=extent,
            min_freq=self.value(parameters, "MIN_FREQ", context),
            k_nearest=self.value(parameters, "K_NEAREST", context),
            collapse_repeats=self.value(parameters, "COLLAPSE_REPEATS", context),
        )
        return io.fit_and_write(self, parameters, context, feedback, trajs, disc, "grid", report)
