"""DeepTraj engine: pure Python + numpy (+ torch, h3, shapely, scikit-learn, pyproj, imported lazily).

Nothing here imports qgis or PyQt, and importing this package imports nothing heavy, so the QGIS plugin
loads even when an optional dependency is missing. Import the submodules you need.
"""

__version__ = "0.1.0"
