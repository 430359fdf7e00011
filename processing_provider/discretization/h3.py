"""deeptraj:discretizeh3 - H3 hexagon tokens (the units of CroTad)."""

from __future__ import annotations

from ..base import DeepTrajAlgorithm
from ..specs.discretization import DISCRETIZE_H3
from . import io


class DiscretizeH3Algorithm(DeepTrajAlgorithm):
    SPEC = DISCRETIZE_H3
    REQUIRES = ("numpy", "pandas", "scipy", "pyproj", "h3")

    def process(self, parameters, context, feedback):
        from ...models.core.discretize import H3Discretizer

        trajs, report = self.read_trajectories(parameters, context, feedback, min_points=2)
        disc = H3Discretizer(
            resolution=self.value(parameters, "RESOLUTION", context),
            collapse_repeats=self.value(parameters, "COLLAPSE_REPEATS", context),
            fill_gaps=self.value(parameters, "FILL_GAPS", context),
        )
        return io.fit_and_write(self, parameters, context, feedback, trajs, disc, "h3", report)
