"""Output styling: .qml files from resources/styles or renderers built in code, applied by a layer
post-processor when Processing loads an output. Post-processors are kept alive in a class-level registry
(QGIS does not own them)."""

from __future__ import annotations

import colorsys
import os

from qgis.core import (
    QgsCategorizedSymbolRenderer,
    QgsClassificationQuantile,
    QgsGraduatedSymbolRenderer,
    QgsProcessingLayerPostProcessorInterface,
    QgsRendererCategory,
    QgsStyle,
    QgsSymbol,
    QgsVectorLayer,
)
from qgis.PyQt.QtGui import QColor

STYLE_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "resources", "styles")


def palette(n: int):
    """n distinguishable colours: a fixed qualitative palette, then evenly spaced hues."""
    base = [
        "#1f77b4",
        "#ff7f0e",
        "#2ca02c",
        "#d62728",
        "#9467bd",
        "#8c564b",
        "#e377c2",
        "#7f7f7f",
        "#bcbd22",
        "#17becf",
        "#393b79",
        "#ad494a",
        "#637939",
        "#8c6d31",
        "#843c39",
        "#7b4173",
    ]
    out = [QColor(c) for c in base[:n]]
    for i in range(len(out), n):
        h = (i * 0.618033988749895) % 1.0
        r, g, b = colorsys.hsv_to_rgb(h, 0.65, 0.85)
        out.append(QColor(int(r * 255), int(g * 255), int(b * 255)))
    return out


def categorized(layer: QgsVectorLayer, field: str, null_color="#bbbbbb", width=None, fill_alpha=None):
    """Categorized renderer on ``field`` with the stable palette (values sorted, NULL/-1 grey).

    ``fill_alpha`` (0-255, polygons): translucent fill with an opaque outline of the category colour."""
    idx = layer.fields().lookupField(field)
    if idx < 0:
        return
    values = sorted((v for v in layer.uniqueValues(idx) if v is not None and str(v) != "NULL"), key=_sort_key)
    cols = palette(len(values))
    cats = []
    for v, c in zip(values, cols):
        sym = QgsSymbol.defaultSymbol(layer.geometryType())
        col = QColor(null_color) if str(v) in ("-1", "None") else c
        sym.setColor(col)
        if width is not None and hasattr(sym, "setWidth"):
            sym.setWidth(width)
        if fill_alpha is not None and layer.geometryType() == 2:  # polygon
            fill = QColor(col)
            fill.setAlpha(int(fill_alpha))
            sym.symbolLayer(0).setFillColor(fill)
            sym.symbolLayer(0).setStrokeColor(col)
            sym.symbolLayer(0).setStrokeWidth(0.8)
        cats.append(QgsRendererCategory(v, sym, str(v)))
    layer.setRenderer(QgsCategorizedSymbolRenderer(field, cats))
    layer.triggerRepaint()


def anomaly_labels(layer: QgsVectorLayer, field: str, unlabelled: str = None) -> None:
    """Categorized on a 0/1 ``field``: normal thin blue, anomalous red (lines dashed and wider, points larger);
    ``unlabelled``: the legend text of a small grey category for NULL values."""
    from qgis.PyQt.QtCore import QCoreApplication, Qt

    translate = QCoreApplication.translate
    line = layer.geometryType() == 1
    cats = []
    for value, color, label in (
        (0, "#1f5fbf", translate("DeepTraj", "normal")),
        (1, "#d62728", translate("DeepTraj", "anomalous")),
    ):
        sym = QgsSymbol.defaultSymbol(layer.geometryType())
        sym.setColor(QColor(color))
        if line:
            sym.setWidth(0.3 if value == 0 else 0.6)
            if value == 1:
                sym.symbolLayer(0).setPenStyle(Qt.DashLine)
        else:
            sym.setSize(1.2 if value == 0 else 1.8)
            sym.symbolLayer(0).setStrokeStyle(Qt.NoPen)
        cats.append(QgsRendererCategory(value, sym, label))
    if unlabelled is not None:
        sym = QgsSymbol.defaultSymbol(layer.geometryType())
        sym.setColor(QColor("#aaaaaa"))
        if not line:
            sym.setSize(0.8)
        cats.append(QgsRendererCategory("", sym, unlabelled))
    layer.setRenderer(QgsCategorizedSymbolRenderer(field, cats))
    layer.triggerRepaint()


def graduated(layer: QgsVectorLayer, field: str, classes=5, ramp="Viridis"):
    """Graduated renderer (quantiles) on a count/score field."""
    if layer.fields().lookupField(field) < 0:
        return
    sym = QgsSymbol.defaultSymbol(layer.geometryType())
    renderer = QgsGraduatedSymbolRenderer(field)
    renderer.setSourceSymbol(sym)
    color_ramp = QgsStyle.defaultStyle().colorRamp(ramp)
    if color_ramp is not None:
        renderer.setSourceColorRamp(color_ramp)
    # updateClasses(layer, mode, n) is deprecated since QGIS 3.10: the classification method is an object
    renderer.setClassificationMethod(QgsClassificationQuantile())
    renderer.updateClasses(layer, classes)
    if color_ramp is not None:
        renderer.updateColorRamp(color_ramp)
    layer.setRenderer(renderer)
    layer.triggerRepaint()


def temporal(layer: QgsVectorLayer, start_field: str, end_field: str) -> None:
    """Turn on the layer's temporal properties with each feature shown from ``start_field`` to ``end_field``, so the
    temporal controller animates it."""
    from qgis.core import QgsVectorLayerTemporalProperties

    props = layer.temporalProperties()
    props.setMode(QgsVectorLayerTemporalProperties.ModeFeatureDateTimeStartAndEndFromFields)
    props.setStartField(start_field)
    props.setEndField(end_field)
    props.setIsActive(True)


def _sort_key(v):
    try:
        return (0, float(v), "")
    except (TypeError, ValueError):
        return (1, 0.0, str(v))


def apply_style(layer: QgsVectorLayer, style) -> None:
    if callable(style):
        style(layer)
        return
    path = style if os.path.isabs(style) else os.path.join(STYLE_DIR, style)
    msg, ok = layer.loadNamedStyle(path)
    if not ok:
        raise RuntimeError(f"could not load style {path}: {msg}")
    layer.triggerRepaint()


class StylePostProcessor(QgsProcessingLayerPostProcessorInterface):
    _alive = []  # keeps instances referenced (QGIS does not own post-processors)

    def __init__(self, style):
        super().__init__()
        self.style = style

    def postProcessLayer(self, layer, context, feedback):
        if isinstance(layer, QgsVectorLayer) and layer.isValid():
            try:
                apply_style(layer, self.style)
            except Exception as e:  # a style problem must never fail the algorithm
                feedback.pushInfo(f"style not applied: {e}")

    @classmethod
    def create(cls, style):
        pp = cls(style)
        cls._alive.append(pp)
        if len(cls._alive) > 200:
            del cls._alive[:100]
        return pp


def apply_on_load(alg, context, dest_id, style) -> None:
    if not dest_id or not context.willLoadLayerOnCompletion(dest_id):
        return
    context.layerToLoadOnCompletionDetails(dest_id).setPostProcessor(StylePostProcessor.create(style))
