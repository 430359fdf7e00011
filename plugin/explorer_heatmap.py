"""The embedding explorer's heatmap of a selection: a heatmap renderer and the vertices of the selected features as
one 2-D MultiPoint each (the content of the explorer's heatmap layer)."""

from __future__ import annotations

from qgis.core import (
    QgsFeature,
    QgsFeatureRequest,
    QgsGeometry,
    QgsGradientColorRamp,
    QgsGradientStop,
    QgsHeatmapRenderer,
    QgsUnitTypes,
    QgsWkbTypes,
)
from qgis.PyQt.QtGui import QColor

#: heatmap radius offered first, in millimetres
DEFAULT_RADIUS_MM = 6.0


def heatmap_renderer(radius_mm: float = DEFAULT_RADIUS_MM) -> QgsHeatmapRenderer:
    """A heatmap renderer with a transparent-to-dark-red ramp (zero density stays see-through)."""
    ramp = QgsGradientColorRamp(QColor(255, 245, 240, 0), QColor(103, 0, 13, 255))
    ramp.setStops(
        [
            QgsGradientStop(0.15, QColor(254, 224, 210, 150)),
            QgsGradientStop(0.35, QColor(252, 146, 114, 210)),
            QgsGradientStop(0.6, QColor(239, 59, 44, 235)),
            QgsGradientStop(0.85, QColor(165, 15, 21, 250)),
        ]
    )
    renderer = QgsHeatmapRenderer()
    renderer.setColorRamp(ramp)
    renderer.setRadius(radius_mm)
    renderer.setRadiusUnit(QgsUnitTypes.RenderMillimeters)
    return renderer


def vertices_geometry(geometry):
    """All vertices of a geometry as a 2-D MultiPoint (a point stays one point); None for an empty geometry."""
    if geometry is None or geometry.isNull() or geometry.isEmpty():
        return None
    points = geometry.convertToType(QgsWkbTypes.PointGeometry, True)
    if points is None or points.isNull():
        return None
    if QgsWkbTypes.hasZ(points.wkbType()) or QgsWkbTypes.hasM(points.wkbType()):
        points = QgsGeometry(points)
        points.get().dropZValue()
        points.get().dropMValue()
    return points


def vertex_features(source, ids, fields) -> list:
    """One feature of ``fields`` (source_fid, n_points) per feature ``ids`` of ``source`` with a non-empty geometry:
    the MultiPoint of its vertices."""
    ids = [int(i) for i in ids]
    if not ids:
        return []
    request = QgsFeatureRequest()
    request.setFilterFids(ids)
    request.setSubsetOfAttributes([])
    features = []
    for feature in source.getFeatures(request):
        points = vertices_geometry(feature.geometry())
        if points is None:
            continue
        out = QgsFeature(fields)
        out.setGeometry(points)
        out.setAttributes([feature.id(), points.constGet().numGeometries()])
        features.append(out)
    return features
