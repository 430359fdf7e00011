"""Embedding explorer dock: a scatter of a layer's 2-D projection linked to the map selection.

Made for the output of ``deeptraj:mobilityembed`` (one line per user-day with PCA_1/PCA_2, optionally UMAP_1/UMAP_2,
and embedding fields), but any vector layer with two numeric fields works. Selecting points in the scatter selects
the features on the map and (optionally) fills a heatmap layer with their vertices; selecting on the map
highlights the points in the scatter.
"""

from __future__ import annotations

import html
import math
import re

import numpy as np
from qgis.core import (
    QgsCoordinateTransform,
    QgsCsException,
    QgsFeatureRequest,
    QgsFieldProxyModel,
    QgsLayerTreeLayer,
    QgsMapLayerProxyModel,
    QgsProject,
    QgsVectorLayer,
)
from qgis.gui import QgsFieldComboBox, QgsMapLayerComboBox
from qgis.PyQt.QtCore import QCoreApplication, QDate, QDateTime, Qt, QTime, QVariant
from qgis.PyQt.QtGui import QColor
from qgis.PyQt.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

#: the embedding layer contract (custom property, field names) shared with the embedding algorithms
from ..processing_provider.embedding_layers import (
    COLOR_FIELDS,
    EMBEDDING_PROPERTY,
    PCA_FIELDS,
    is_marked,
    projection_pair,
)
from .explorer_heatmap import DEFAULT_RADIUS_MM, heatmap_renderer, vertex_features
from .layer_dock import LayerDock
from .layer_dock import alive as _alive
from .scatter_plot import BOX, LASSO, ScatterPlot

#: custom property of the heatmap layer the explorer maintains
HEATMAP_PROPERTY = "deeptraj/heatmap"

#: viridis, sampled at nine evenly spaced stops
VIRIDIS = ("#440154", "#472d7b", "#3b528b", "#2c728e", "#21918c", "#28ae80", "#5ec962", "#addc30", "#fde725")
#: distinct colours for categories (cycled beyond 20)
CATEGORY_COLORS = (
    "#1f77b4",
    "#ff7f0e",
    "#2ca02c",
    "#d62728",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#17becf",
    "#bcbd22",
    "#393b79",
    "#aec7e8",
    "#ffbb78",
    "#98df8a",
    "#ff9896",
    "#c5b0d5",
    "#c49c94",
    "#f7b6d2",
    "#9edae5",
    "#dbdb8d",
    "#637939",
)
NULL_COLOR = "#b4b4b4"
#: a numeric colour ramp is quantised to this many colours (each one is a single drawPoints call)
RAMP_LEVELS = 64
LEGEND_MAX_ITEMS = 12


# ------------------------------------------------------------------------------------------------ layer helpers


def is_embedding_layer(layer) -> bool:
    """True for a vector layer carrying ``deeptraj/embedding`` = 1 (the mobilityembed output loaded by QGIS)."""
    if not _alive(layer) or not isinstance(layer, QgsVectorLayer):
        return False
    return is_marked(layer.customProperty(EMBEDDING_PROPERTY, ""))


def has_projection(layer) -> bool:
    """True for a vector layer with both PCA_1 and PCA_2 fields."""
    if not _alive(layer) or not isinstance(layer, QgsVectorLayer):
        return False
    fields = layer.fields()
    return all(fields.lookupField(name) >= 0 for name in PCA_FIELDS)


def projection_fields(layer):
    """Default (x, y) fields: PCA_1/PCA_2, else UMAP_1/UMAP_2, else the first two numeric fields; None if fewer."""
    if not _alive(layer) or not isinstance(layer, QgsVectorLayer):
        return None, None
    fields = layer.fields()
    numeric = [f.name() for f in fields if f.isNumeric()]
    x, y = projection_pair(numeric)
    if x is not None:
        return x, y
    if len(numeric) >= 2:
        return numeric[0], numeric[1]
    return None, None


def preferred_layer(project=None, active=None):
    """The layer to explore when none is named: the active layer with PCA_1/PCA_2, else the first layer (in the
    layer tree order) marked as embedding output, else the first with PCA_1/PCA_2; None when there is none."""
    if has_projection(active):
        return active
    project = project or QgsProject.instance()
    layers = [n.layer() for n in project.layerTreeRoot().findLayers()]
    layers += [lyr for lyr in project.mapLayers().values() if lyr not in layers]
    for test in (is_embedding_layer, has_projection):
        for lyr in layers:
            if test(lyr):
                return lyr
    return None


def _number(value) -> float:
    if value is None or (isinstance(value, QVariant) and value.isNull()):
        return math.nan
    try:
        return float(value)
    except (TypeError, ValueError):
        return math.nan


def _label(value):
    """Text of an attribute value for the legend; None for NULL."""
    if value is None or (isinstance(value, QVariant) and value.isNull()):
        return None
    if isinstance(value, (QDate, QDateTime, QTime)):
        return value.toString(Qt.ISODate) if value.isValid() else None
    return str(value)


def read_points(layer, x_field: str, y_field: str, color_field: str = None):
    """One pass over the features without geometry: (ids int64, x, y, colour values or None)."""
    fields = layer.fields()
    ix, iy = fields.lookupField(x_field), fields.lookupField(y_field)
    ic = fields.lookupField(color_field) if color_field else -1
    if ix < 0 or iy < 0:
        return np.empty(0, dtype=np.int64), np.empty(0), np.empty(0), None
    request = QgsFeatureRequest()
    request.setFlags(QgsFeatureRequest.NoGeometry)
    request.setSubsetOfAttributes(sorted({ix, iy} | ({ic} if ic >= 0 else set())))
    ids, xs, ys, cs = [], [], [], []
    for feature in layer.getFeatures(request):
        attrs = feature.attributes()
        ids.append(feature.id())
        xs.append(_number(attrs[ix]))
        ys.append(_number(attrs[iy]))
        if ic >= 0:
            cs.append(attrs[ic])
    return (
        np.asarray(ids, dtype=np.int64),
        np.asarray(xs, dtype=float),
        np.asarray(ys, dtype=float),
        cs if ic >= 0 else None,
    )


# ------------------------------------------------------------------------------------------------------- colours
def ramp_color(t: float) -> str:
    """Viridis-like colour (#rrggbb) at t in [0, 1], linear interpolation between the stops."""
    t = min(max(float(t), 0.0), 1.0)
    pos = t * (len(VIRIDIS) - 1)
    i = min(int(pos), len(VIRIDIS) - 2)
    f = pos - i
    a, b = QColor(VIRIDIS[i]), QColor(VIRIDIS[i + 1])
    mix = [round(ca + (cb - ca) * f) for ca, cb in zip(a.getRgb()[:3], b.getRgb()[:3])]
    return QColor(*mix).name()


def ramp_colors(values):
    """Numeric values -> (one colour per value, vmin, vmax); NULL/NaN get :data:`NULL_COLOR`."""
    v = np.asarray([_number(x) for x in values], dtype=float)
    ok = np.isfinite(v)
    if not ok.any():
        return [NULL_COLOR] * len(v), math.nan, math.nan
    vmin, vmax = float(v[ok].min()), float(v[ok].max())
    t = (v - vmin) / (vmax - vmin) if vmax > vmin else np.full(v.shape, 0.5)
    level = np.rint(np.nan_to_num(t, nan=0.0) * (RAMP_LEVELS - 1)).astype(int)
    table = [ramp_color(k / (RAMP_LEVELS - 1)) for k in range(RAMP_LEVELS)]
    return [table[k] if good else NULL_COLOR for k, good in zip(level.tolist(), ok.tolist())], vmin, vmax


def _numeric_label(label: str) -> float:
    """The number a category label writes (" 10", "-1", "2.5"); NaN for text and for inf/nan."""
    try:
        number = float(label)
    except ValueError:
        return math.nan
    return number if math.isfinite(number) else math.nan


def category_order(labels) -> list:
    """Distinct category labels in legend order: by value when every label is a number ("1", "2", "10"), else
    alphabetically ignoring case, runs of digits compared as numbers ("cluster 2" before "cluster 10")."""
    cats = set(labels)
    numbers = {lab: _numeric_label(lab) for lab in cats}
    if cats and all(math.isfinite(n) for n in numbers.values()):
        return sorted(cats, key=lambda lab: (numbers[lab], lab))

    def natural(lab):
        # re.split with a group alternates text and digit runs, always starting with text: positions compare alike
        parts = re.split(r"(\d+)", lab.casefold())
        return [int(part) if i % 2 else part for i, part in enumerate(parts)], lab

    return sorted(cats, key=natural)


def category_colors(values):
    """Categorical values -> (one colour per value, [(label, colour)] in category order); NULL -> grey.

    Categories are in :func:`category_order`; the palette repeats after :data:`CATEGORY_COLORS` is used up."""
    labels = [_label(v) for v in values]
    cats = category_order(lab for lab in labels if lab is not None)
    lookup = {lab: CATEGORY_COLORS[i % len(CATEGORY_COLORS)] for i, lab in enumerate(cats)}
    return [lookup.get(lab, NULL_COLOR) for lab in labels], [(lab, lookup[lab]) for lab in cats]


def _swatch(color: str) -> str:
    return f'<span style="color:{color}">&#9679;</span>'


class EmbeddingExplorerDock(LayerDock):
    """Scatter of two numeric fields of a vector layer, linked both ways to the layer's selection."""

    def __init__(self, iface=None, parent=None):
        super().__init__(iface, parent)
        self.setObjectName("DeepTrajEmbeddingExplorer")
        self.setWindowTitle(QCoreApplication.translate("EmbeddingExplorer", "Embedding explorer"))
        self._heat = None
        self._heat_id = None
        self._syncing = False
        #: number of times the heatmap layer was filled (tests check that map-side selections do not refill it)
        self.heatmap_builds = 0

        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(self._build_field_form(body))
        layout.addLayout(self._build_tools(body))
        self.zoom_check = QCheckBox(QCoreApplication.translate("EmbeddingExplorer", "Zoom map to selection"), body)
        self.zoom_check.setChecked(True)
        self.zoom_check.setVisible(iface is not None)
        layout.addWidget(self.zoom_check)

        self.scatter = ScatterPlot(body)
        layout.addWidget(self.scatter, 1)
        self.legend = QLabel(body)
        self.legend.setWordWrap(True)
        self.legend.setTextFormat(Qt.RichText)
        layout.addWidget(self.legend)
        self.status = QLabel(body)
        layout.addWidget(self.status)
        self.setWidget(body)
        self._connect_widgets()
        self._update_status()

    def _build_field_form(self, body) -> QFormLayout:
        """The layer, X/Y and "colour by" choosers."""
        form = QFormLayout()
        self.layer_combo = QgsMapLayerComboBox(body)
        self.layer_combo.setFilters(QgsMapLayerProxyModel.VectorLayer)
        self.layer_combo.setAllowEmptyLayer(True)
        self.layer_combo.setLayer(None)
        self.x_combo = QgsFieldComboBox(body)
        self.x_combo.setFilters(QgsFieldProxyModel.Numeric)
        self.y_combo = QgsFieldComboBox(body)
        self.y_combo.setFilters(QgsFieldProxyModel.Numeric)
        self.color_combo = QgsFieldComboBox(body)
        self.color_combo.setAllowEmptyFieldName(True)
        form.addRow(QCoreApplication.translate("EmbeddingExplorer", "Layer"), self.layer_combo)
        axes = QHBoxLayout()
        axes.addWidget(self.x_combo, 1)
        axes.addWidget(QLabel(QCoreApplication.translate("EmbeddingExplorer", "Y"), body))
        axes.addWidget(self.y_combo, 1)
        form.addRow(QCoreApplication.translate("EmbeddingExplorer", "X"), axes)
        form.addRow(QCoreApplication.translate("EmbeddingExplorer", "Colour by"), self.color_combo)
        return form

    def _build_tools(self, body) -> QHBoxLayout:
        """The box / lasso tool buttons, the heatmap check box and its radius."""
        tools = QHBoxLayout()
        self.box_button = QToolButton(body)
        self.box_button.setText(QCoreApplication.translate("EmbeddingExplorer", "Box"))
        self.box_button.setToolTip(
            QCoreApplication.translate(
                "EmbeddingExplorer", "Drag a rectangle around points to select them (Shift adds to the selection)"
            )
        )
        self.lasso_button = QToolButton(body)
        self.lasso_button.setText(QCoreApplication.translate("EmbeddingExplorer", "Lasso"))
        self.lasso_button.setToolTip(
            QCoreApplication.translate(
                "EmbeddingExplorer",
                "Draw a free-hand outline around points to select them (Shift adds to the selection)",
            )
        )
        self.mode_group = QButtonGroup(self)
        self.mode_group.setExclusive(True)
        for button in (self.box_button, self.lasso_button):
            button.setCheckable(True)
            button.setAutoRaise(True)
            self.mode_group.addButton(button)
            tools.addWidget(button)
        self.box_button.setChecked(True)
        tools.addSpacing(8)
        self.heatmap_check = QCheckBox(QCoreApplication.translate("EmbeddingExplorer", "Heatmap of selection"), body)
        self.heatmap_check.setToolTip(
            QCoreApplication.translate(
                "EmbeddingExplorer",
                "Show the vertices of the selected features as a heatmap layer above the source layer",
            )
        )
        self.heatmap_check.setChecked(True)
        tools.addWidget(self.heatmap_check)
        self.radius_spin = QDoubleSpinBox(body)
        self.radius_spin.setRange(0.5, 50.0)
        self.radius_spin.setSingleStep(0.5)
        self.radius_spin.setDecimals(1)
        self.radius_spin.setValue(DEFAULT_RADIUS_MM)
        self.radius_spin.setSuffix(" mm")
        self.radius_spin.setToolTip(QCoreApplication.translate("EmbeddingExplorer", "Heatmap radius"))
        tools.addWidget(self.radius_spin)
        tools.addStretch(1)
        return tools

    def _connect_widgets(self):
        self.layer_combo.layerChanged.connect(self._on_combo_layer)
        self.layer_combo.model().rowsInserted.connect(self._sync_layer_combo)
        self.x_combo.fieldChanged.connect(self._on_fields_changed)
        self.y_combo.fieldChanged.connect(self._on_fields_changed)
        self.color_combo.fieldChanged.connect(self._on_fields_changed)
        self.box_button.toggled.connect(self._on_mode_toggled)
        self.heatmap_check.toggled.connect(self._on_heatmap_toggled)
        self.radius_spin.valueChanged.connect(self._on_radius_changed)
        self.scatter.selectionChanged.connect(self._on_scatter_selection)

    # ---------------------------------------------------------------------------------------------- layer
    def heatmap_layer(self):
        """The heatmap layer, while it is still in the project."""
        if not _alive(self._heat) or QgsProject.instance().mapLayer(self._heat_id) is None:
            return None
        return self._heat

    def _show_layer(self, layer, same):
        """Pick default fields of a new ``layer``."""
        if same:
            self._sync_layer_combo()
            return
        combos = (self.layer_combo, self.x_combo, self.y_combo, self.color_combo)
        for combo in combos:
            combo.blockSignals(True)
        try:
            self.layer_combo.setLayer(layer)
            for combo in combos[1:]:
                combo.setLayer(layer)
            x, y = projection_fields(layer)
            self.x_combo.setField(x or "")
            self.y_combo.setField(y or "")
            names = layer.fields().names() if layer is not None else []
            self.color_combo.setField(next((c for c in COLOR_FIELDS if c in names), ""))
        finally:
            for combo in combos:
                combo.blockSignals(False)
        self._sync_layer_combo()

    def _sync_layer_combo(self, *_):
        """Show the dock's layer in the Layer box when the box shows another one.

        The box's model learns of a layer added to the project from the project's layersAdded signal, which is also
        what opens the dock on a marked layer: the dock may get the layer before the box has it, so this runs again
        when rows are added to the box's model."""
        layer = self.layer()
        if self.layer_combo.currentLayer() is layer:
            return
        self.layer_combo.blockSignals(True)
        try:
            self.layer_combo.setLayer(layer)
        finally:
            self.layer_combo.blockSignals(False)

    def reload(self):
        """Read the points (ids, x, y, colour values) again and redraw."""
        layer = self.layer()
        x_field, y_field = self.x_combo.currentField(), self.y_combo.currentField()
        color_field = self.color_combo.currentField()
        self.scatter.set_axis_labels(x_field, y_field)
        if layer is None or not x_field or not y_field:
            self.scatter.clear()
            self.legend.clear()
            self._update_status()
            return
        ids, x, y, values = read_points(layer, x_field, y_field, color_field)
        colors, legend = None, ""
        if values is not None:
            field = layer.fields().field(color_field)
            if field.isNumeric():
                colors, vmin, vmax = ramp_colors(values)
                if math.isfinite(vmin):
                    legend = "{0}: {1} {2} {3}".format(
                        html.escape(color_field),
                        f"{vmin:.4g}",
                        "".join(_swatch(ramp_color(k / 4)) for k in range(5)),
                        f"{vmax:.4g}",
                    )
            else:
                colors, cats = category_colors(values)
                items = [_swatch(c) + "&nbsp;" + html.escape(lab) for lab, c in cats[:LEGEND_MAX_ITEMS]]
                if len(cats) > LEGEND_MAX_ITEMS:
                    items.append(
                        QCoreApplication.translate("EmbeddingExplorer", "and {0} more").format(
                            len(cats) - LEGEND_MAX_ITEMS
                        )
                    )
                legend = html.escape(color_field) + ": " + " &nbsp;".join(items)
        self.scatter.set_data(x, y, colors, ids)
        self.scatter.highlight(layer.selectedFeatureIds())
        self.legend.setText(legend)
        self._update_status()

    def _update_status(self):
        total = self.scatter.point_count()
        chosen = len(self.scatter.selected_keys())
        self.status.setText(
            QCoreApplication.translate("EmbeddingExplorer", "{0} of {1} selected").format(chosen, total)
        )

    def _layer_slots(self, layer):
        return ((layer.selectionChanged, self._on_layer_selection_changed),)

    def cleanup(self):
        super().cleanup()
        self._forget_heat()

    # -------------------------------------------------------------------------------------------- slots
    def _on_combo_layer(self, layer):
        if layer is not self.layer():
            self.set_layer(layer)

    def _on_fields_changed(self, *_):
        self.reload()

    def _on_mode_toggled(self, *_):
        self.scatter.set_mode(BOX if self.box_button.isChecked() else LASSO)

    def _on_heatmap_toggled(self, checked):
        layer = self.layer()
        if checked and layer is not None:
            self.update_heatmap(layer.selectedFeatureIds())

    def _on_radius_changed(self, value):
        heat = self.heatmap_layer()
        if heat is not None:
            heat.renderer().setRadius(value)
            heat.triggerRepaint()

    def _on_scatter_selection(self, keys):
        """User selection in the scatter -> map selection, heatmap, zoom."""
        layer = self.layer()
        if layer is None:
            return
        self._syncing = True
        try:
            layer.selectByIds(list(keys))
        finally:
            self._syncing = False
        if self.heatmap_check.isChecked():
            self.update_heatmap(keys)
        if keys:
            self._zoom_to_selection()
        self._update_status()

    def _on_layer_selection_changed(self, *_):
        """Map selection -> highlighted points (highlight emits nothing, so nothing loops back)."""
        layer = self.layer()
        if layer is None:
            return
        self.scatter.highlight(layer.selectedFeatureIds())
        self._update_status()

    def _forget_removed(self, ids):
        if self._heat_id is not None and self._heat_id in ids:
            self._forget_heat()
        super()._forget_removed(ids)

    # ------------------------------------------------------------------------------------------ heatmap
    def _forget_heat(self):
        if _alive(self._heat):
            try:
                self._heat.willBeDeleted.disconnect(self._forget_heat)
            except (TypeError, RuntimeError):
                pass
        self._heat = None
        self._heat_id = None
        self.layer_combo.setExceptedLayerList([])

    def _create_heat_layer(self, source):
        heat = QgsVectorLayer(
            "MultiPoint?field=source_fid:long&field=n_points:integer",
            QCoreApplication.translate("EmbeddingExplorer", "Heatmap of selected embeddings"),
            "memory",
        )
        heat.setCrs(source.crs())
        heat.setRenderer(heatmap_renderer(self.radius_spin.value()))
        heat.setCustomProperty(HEATMAP_PROPERTY, "1")
        project = QgsProject.instance()
        project.addMapLayer(heat, False)
        root = project.layerTreeRoot()
        node = root.findLayer(source.id())
        parent = node.parent() if node is not None else None
        if parent is not None:
            index = next(
                i
                for i, child in enumerate(parent.children())
                if isinstance(child, QgsLayerTreeLayer) and child.layerId() == source.id()
            )
            parent.insertLayer(index, heat)
        else:
            root.insertLayer(0, heat)
        self._heat = heat
        self._heat_id = heat.id()
        heat.willBeDeleted.connect(self._forget_heat)
        self.layer_combo.setExceptedLayerList([heat])
        return heat

    def update_heatmap(self, ids):
        """Fill the heatmap layer (created on first use, above the source layer) with the vertices of the features
        ``ids``: one MultiPoint per feature; returns the heatmap layer (None without a layer)."""
        source = self.layer()
        if source is None:
            return None
        heat = self.heatmap_layer()
        if heat is not None and heat.crs() != source.crs():
            QgsProject.instance().removeMapLayer(heat.id())
            self._forget_heat()
            heat = None
        if heat is None:
            heat = self._create_heat_layer(source)
        features = vertex_features(source, ids, heat.fields())
        provider = heat.dataProvider()
        provider.truncate()
        if features:
            provider.addFeatures(features)
        heat.updateExtents()
        heat.triggerRepaint()
        self.heatmap_builds += 1
        return heat

    def _zoom_to_selection(self):
        if self.iface is None or not self.zoom_check.isChecked():
            return
        layer = self.layer()
        canvas = self.iface.mapCanvas()
        if layer is None or canvas is None:
            return
        bbox = layer.boundingBoxOfSelected()
        if bbox.isNull():
            return
        dest = canvas.mapSettings().destinationCrs()
        if dest.isValid() and layer.crs().isValid() and dest != layer.crs():
            try:
                bbox = QgsCoordinateTransform(layer.crs(), dest, QgsProject.instance()).transformBoundingBox(bbox)
            except QgsCsException:
                return
        pad = max(bbox.width(), bbox.height()) * 0.1
        if pad <= 0:
            pad = max(canvas.extent().width() * 0.05, 1e-6)
        bbox.grow(pad)
        canvas.setExtent(bbox)
        canvas.refresh()
