"""Flagged segments dock: the anomalous segments found by CroTad, in a sortable, filterable table linked to the map.

Selecting rows selects, zooms to and flashes the segments on the map; the "Reviewed" checkbox writes the ``reviewed``
field back to the layer: checked = confirmed anomaly (1), unchecked after a review = false positive (0), never
reviewed = NULL. The table is a model (no widget per row, see :mod:`.model`) and a filter proxy (:mod:`.proxy`).
Votes, length and the review state come first and fit the dock's default width; the columns are sized
to their contents (long texts capped and elided).
"""

from __future__ import annotations

from qgis.core import QgsCoordinateTransform, QgsCsException, QgsFeatureRequest, QgsMapLayerProxyModel, QgsProject
from qgis.PyQt.QtCore import QCoreApplication, QItemSelection, QItemSelectionModel, Qt, QTimer
from qgis.PyQt.QtWidgets import (
    QAction,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..layer_dock import LayerDock
from .model import (
    CONFIRMED,
    FALSE_POSITIVE,
    REVIEW_FIELD,
    SegmentsModel,
    has_segment_fields,
    length_calculator,
    read_segments,
    read_segments_empty,
    review_state,
    segment_length,
    to_number,
)
from .proxy import NO_VALUE, SegmentsLayerProxy, SegmentsProxy
from .review import review_field_index, review_value, start_editing, write_review
from .table import SegmentsTable

#: the map is zoomed to the selected segments plus this fraction of their size on each side
ZOOM_MARGIN = 0.25
#: at most this many selected segments are flashed on the map
MAX_FLASH = 500
#: delay of the reload after features were added or deleted (several signals make one reload)
RELOAD_DELAY_MS = 100


class FlaggedSegmentsDock(LayerDock):
    """Table of a segments layer's anomalous segments, linked to the map, with a review column written back."""

    def __init__(self, iface=None, parent=None):
        super().__init__(iface, parent)  # follows the project's layer removals before the layer combo does
        self.setObjectName("DeepTrajFlaggedSegments")
        self.setWindowTitle(QCoreApplication.translate("FlaggedSegments", "Flagged segments"))
        self._writing = False
        self._skipped = {}
        self._fitted = None  # what the columns were sized for
        self._reload_timer = QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(RELOAD_DELAY_MS)
        self._reload_timer.timeout.connect(self.reload)

        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(self._build_choosers(body))
        layout.addLayout(self._build_options(body))
        self.model = SegmentsModel(self)
        self.model.review_writer = self.set_review
        self.proxy = SegmentsProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = self._build_table(body)
        layout.addWidget(self.table, 1)
        self._build_review_actions()
        layout.addLayout(self._build_review_buttons(body))
        self.message = QLabel(body)
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self.setWidget(body)
        self._connect_widgets()
        self._select_combo_layer(None)
        self.reload()

    def _build_choosers(self, body) -> QFormLayout:
        """The layer combo with its reload button, and the OD and type filter combos."""
        form = QFormLayout()
        self.layer_proxy = SegmentsLayerProxy(self)
        self.layer_proxy.setFilters(QgsMapLayerProxyModel.LineLayer)
        self.layer_proxy.sourceLayerModel().setAllowEmptyLayer(True)
        self.layer_proxy.sort(0)
        self.layer_combo = QComboBox(body)
        self.layer_combo.setModel(self.layer_proxy)
        self.layer_combo.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.layer_combo.setMinimumContentsLength(12)
        self.refresh_button = QToolButton(body)
        self.refresh_button.setText(QCoreApplication.translate("FlaggedSegments", "Reload"))
        self.refresh_button.setToolTip(
            QCoreApplication.translate("FlaggedSegments", "Read the segments of the layer again")
        )
        self.refresh_button.setAutoRaise(True)
        layer_row = QHBoxLayout()
        layer_row.addWidget(self.layer_combo, 1)
        layer_row.addWidget(self.refresh_button)
        form.addRow(QCoreApplication.translate("FlaggedSegments", "Layer"), layer_row)
        self.od_combo = QComboBox(body)
        self.type_combo = QComboBox(body)
        self._od_values = [None]
        self._type_values = [None]
        self.od_combo.addItem(QCoreApplication.translate("FlaggedSegments", "All"))
        self.type_combo.addItem(QCoreApplication.translate("FlaggedSegments", "All"))
        filters = QHBoxLayout()
        filters.addWidget(self.od_combo, 1)
        filters.addWidget(QLabel(QCoreApplication.translate("FlaggedSegments", "Type"), body))
        filters.addWidget(self.type_combo, 1)
        form.addRow(QCoreApplication.translate("FlaggedSegments", "OD"), filters)
        return form

    def _build_options(self, body) -> QHBoxLayout:
        """The "show normal segments" and "zoom map to selection" check boxes."""
        options = QHBoxLayout()
        self.normal_check = QCheckBox(QCoreApplication.translate("FlaggedSegments", "Show normal segments too"), body)
        self.normal_check.setToolTip(
            QCoreApplication.translate(
                "FlaggedSegments",
                "Also list the segments labelled normal, and the flagged segments of trajectories whose ground-truth "
                "type is normal",
            )
        )
        self.zoom_check = QCheckBox(QCoreApplication.translate("FlaggedSegments", "Zoom map to selection"), body)
        self.zoom_check.setChecked(True)
        self.zoom_check.setVisible(self.iface is not None)
        options.addWidget(self.normal_check)
        options.addWidget(self.zoom_check)
        options.addStretch(1)
        return options

    def _build_table(self, body) -> QTableView:
        """The table view over :attr:`proxy`, sorted by votes (the most confident detections first)."""
        table = SegmentsTable(body)
        table.setup(self.proxy)
        table.fit_columns(self.model)
        return table

    def _fit_columns(self):
        self.table.fit_columns(self.model)

    def _build_review_actions(self):
        """The review and zoom actions, also in the table's context menu."""
        self.confirm_action = QAction(QCoreApplication.translate("FlaggedSegments", "Confirm anomaly"), self)
        self.confirm_action.setToolTip(
            QCoreApplication.translate(
                "FlaggedSegments", "Mark the selected segments as confirmed anomalies (reviewed = 1)"
            )
        )
        self.false_positive_action = QAction(QCoreApplication.translate("FlaggedSegments", "Mark false positive"), self)
        self.false_positive_action.setToolTip(
            QCoreApplication.translate(
                "FlaggedSegments", "Mark the selected segments as false positives (reviewed = 0)"
            )
        )
        self.clear_action = QAction(QCoreApplication.translate("FlaggedSegments", "Clear review"), self)
        self.clear_action.setToolTip(
            QCoreApplication.translate(
                "FlaggedSegments", "Forget the review of the selected segments (reviewed = NULL)"
            )
        )
        self.zoom_action = QAction(QCoreApplication.translate("FlaggedSegments", "Zoom to selection"), self)
        self.confirm_action.triggered.connect(lambda: self.review_selected(CONFIRMED))
        self.false_positive_action.triggered.connect(lambda: self.review_selected(FALSE_POSITIVE))
        self.clear_action.triggered.connect(lambda: self.review_selected(None))
        self.zoom_action.triggered.connect(self._zoom_and_flash_selection)
        self.table.setContextMenuPolicy(Qt.ActionsContextMenu)
        for action in (self.confirm_action, self.false_positive_action, self.clear_action, self.zoom_action):
            self.table.addAction(action)

    def _build_review_buttons(self, body) -> QHBoxLayout:
        """Buttons of the review actions and the "n of m segments shown" status."""
        buttons = QHBoxLayout()
        for action in (self.confirm_action, self.false_positive_action, self.clear_action):
            button = QToolButton(body)
            button.setDefaultAction(action)
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.status = QLabel(body)
        buttons.addWidget(self.status)
        return buttons

    def _connect_widgets(self):
        self.layer_combo.currentIndexChanged.connect(self._on_combo_index)
        self.refresh_button.clicked.connect(self.reload)
        self.od_combo.currentIndexChanged.connect(self._on_filters_changed)
        self.type_combo.currentIndexChanged.connect(self._on_filters_changed)
        self.normal_check.toggled.connect(self.reload)
        self.table.selectionModel().selectionChanged.connect(self._on_table_selection)
        self.proxy.modelReset.connect(self._update_status)
        self.proxy.layoutChanged.connect(self._update_status)
        self.proxy.rowsInserted.connect(self._update_status)
        self.proxy.rowsRemoved.connect(self._update_status)
        # a layer added to the project reaches the combo's model after the plugin may already have chosen it
        self.layer_proxy.rowsInserted.connect(self._on_layer_rows_inserted)

    # ---------------------------------------------------------------------------------------------- layer
    def _show_layer(self, layer, same):
        self._select_combo_layer(layer)

    def _combo_layer(self, row):
        if row < 0:
            return None
        index = self.layer_proxy.mapToSource(self.layer_proxy.index(row, 0))
        return self.layer_proxy.sourceLayerModel().layerFromIndex(index)

    def _select_combo_layer(self, layer):
        row = -1
        for i in range(self.layer_combo.count()):
            if self._combo_layer(i) is layer:
                row = i
                break
        if layer is not None and row < 0:  # not a line layer of the project: shown empty
            row = next((i for i in range(self.layer_combo.count()) if self._combo_layer(i) is None), -1)
        self.layer_combo.blockSignals(True)
        try:
            self.layer_combo.setCurrentIndex(row)
        finally:
            self.layer_combo.blockSignals(False)

    def reload(self):
        """Read the segments again (keeping the filters and the sort order where the values still exist)."""
        self._reload_timer.stop()
        layer = self.layer()
        reviewable, message = False, ""
        skipped = {}
        if layer is None:
            data = read_segments_empty()
            message = QCoreApplication.translate(
                "FlaggedSegments",
                "Choose a line layer with traj_id and label fields, such as the segments output of "
                "deeptraj:crotaddetect.",
            )
        elif not has_segment_fields(layer):
            data = read_segments_empty()
            message = QCoreApplication.translate(
                "FlaggedSegments",
                "{0} is not a segments layer: it needs to be a line layer with the fields traj_id and label (the "
                "segments output of deeptraj:crotaddetect).",
            ).format(layer.name())
        else:
            data = read_segments(layer, self.normal_check.isChecked(), skipped)
            reviewable = review_field_index(layer) is not None
            if not reviewable:
                message = QCoreApplication.translate(
                    "FlaggedSegments", "The layer has no writable reviewed field: reviews cannot be saved."
                )
        self.model.reviewable = reviewable
        self.model.set_segments(data)
        self._skipped = skipped
        fit = (layer.id() if layer is not None else None, self.model.shared_date is None)
        if fit != self._fitted:  # another layer, or times shown otherwise: the user's widths are not kept
            self._fitted = fit
            self._fit_columns()
        self._rebuild_filters()
        column, order = self.proxy.sort_state()
        if column >= 0:
            self.proxy.sort(column, order)
        self._set_message(message)
        self._update_actions()
        self._update_status()

    def _schedule_reload(self, *_):
        self._reload_timer.start()

    def _detach(self):
        self._reload_timer.stop()
        super()._detach()

    def _layer_slots(self, layer):
        return (
            (layer.attributeValueChanged, self._on_attribute_changed),
            (layer.geometryChanged, self._on_geometry_changed),
            (layer.featureAdded, self._schedule_reload),
            (layer.featureDeleted, self._schedule_reload),
            (layer.updatedFields, self._schedule_reload),
            (layer.afterCommitChanges, self._on_edits_finished),
            (layer.afterRollBack, self._on_edits_finished),
            (layer.crsChanged, self._schedule_reload),
        )

    def cleanup(self):
        super().cleanup()
        self._reload_timer.stop()

    # ------------------------------------------------------------------------------------------- filters
    def _rebuild_filters(self):
        """Fill the OD and type combos with the values present ("All" first; types as the words shown in the table),
        keeping the current choice."""
        ods = self.model.column("od")
        kinds = self.model.column("kind")
        from ...models.core.trajectories import natural_key

        od_values = sorted({v for v in ods.tolist() if v != ""}, key=natural_key)
        kind_values = sorted(
            {v for v in kinds.tolist() if v is not None}, key=lambda v: self.model.type_label(v).casefold()
        )
        if (ods == "").any():
            od_values.append(NO_VALUE)
        if any(v is None for v in kinds.tolist()):
            kind_values.append(NO_VALUE)
        for combo, attr, values, text in (
            (self.od_combo, "_od_values", od_values, str),
            (self.type_combo, "_type_values", kind_values, self.model.type_label),
        ):
            current = getattr(self, attr)[max(combo.currentIndex(), 0)]
            values = [None] + values
            combo.blockSignals(True)
            try:
                combo.clear()
                for value in values:
                    if value is None:
                        combo.addItem(QCoreApplication.translate("FlaggedSegments", "All"))
                    elif value is NO_VALUE:
                        combo.addItem(QCoreApplication.translate("FlaggedSegments", "(none)"))
                    else:
                        combo.addItem(text(value))
                setattr(self, attr, values)
                combo.setCurrentIndex(values.index(current) if current in values else 0)
            finally:
                combo.blockSignals(False)
        self._apply_filters()

    def _apply_filters(self):
        od = self._od_values[max(self.od_combo.currentIndex(), 0)]
        kind = self._type_values[max(self.type_combo.currentIndex(), 0)]
        self.proxy.set_filters(od, kind)
        self._update_status()

    def set_od_filter(self, value):
        """Show only the OD ``value`` (text; None = all; :data:`NO_VALUE` = empty); False when it is not offered."""
        return self._set_combo_value(self.od_combo, self._od_values, value)

    def set_type_filter(self, value):
        """Show only the anomaly type ``value`` (None = all; :data:`NO_VALUE` = NULL); False when not offered."""
        return self._set_combo_value(self.type_combo, self._type_values, value)

    @staticmethod
    def _set_combo_value(combo, values, value):
        value = value if value is None or value is NO_VALUE else str(value)
        if value not in values:
            return False
        combo.setCurrentIndex(values.index(value))
        return True

    # ------------------------------------------------------------------------------------------ table
    def visible_fids(self):
        """Feature ids of the rows shown, in display order."""
        fids = self.model.column("fid")
        return [int(fids[self.proxy.mapToSource(self.proxy.index(r, 0)).row()]) for r in range(self.proxy.rowCount())]

    def selected_fids(self):
        """Feature ids of the selected rows, in display order."""
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        fids = self.model.column("fid")
        return [int(fids[self.proxy.mapToSource(self.proxy.index(r, 0)).row()]) for r in rows]

    def select_fids(self, fids):
        """Select the rows of ``fids`` (those shown) as a user would: the map follows."""
        selection = QItemSelection()
        for fid in fids:
            row = self.model.row_of(fid)
            if row is None:
                continue
            index = self.proxy.mapFromSource(self.model.index(row, 0))
            if index.isValid():
                selection.select(index, index)
        self.table.selectionModel().select(selection, QItemSelectionModel.ClearAndSelect | QItemSelectionModel.Rows)
        if not selection.isEmpty():
            self.table.scrollTo(selection.indexes()[0])

    def _on_table_selection(self, *_):
        layer = self.layer()
        self._update_actions()
        if layer is None:
            return
        fids = self.selected_fids()
        layer.selectByIds(fids)
        if fids:
            self._zoom_and_flash(fids)

    def _zoom_and_flash_selection(self):
        fids = self.selected_fids()
        if fids:
            self._zoom_and_flash(fids, force=True)

    def _canvas(self):
        if self.iface is None:
            return None
        return self.iface.mapCanvas()

    def _zoom_and_flash(self, fids, force=False):
        layer, canvas = self.layer(), self._canvas()
        if layer is None or canvas is None:
            return
        if force or self.zoom_check.isChecked():
            request = QgsFeatureRequest().setFilterFids(list(fids)).setNoAttributes()
            bbox = None
            for feature in layer.getFeatures(request):
                geometry = feature.geometry()
                if geometry is None or geometry.isNull():
                    continue
                box = geometry.boundingBox()
                if bbox is None:
                    bbox = box
                else:
                    bbox.combineExtentWith(box)
            if bbox is not None:
                # the margin is added in the layer CRS: a straight east-west segment has a zero-height box, which
                # QgsCoordinateTransform.transformBoundingBox turns into an empty one
                pad = max(bbox.width(), bbox.height()) * ZOOM_MARGIN
                if pad <= 0:  # a single point
                    pad = 1e-4 if layer.crs().isGeographic() else 10.0
                bbox.grow(pad)
                dest = canvas.mapSettings().destinationCrs()
                if dest.isValid() and layer.crs().isValid() and dest != layer.crs():
                    try:
                        bbox = QgsCoordinateTransform(layer.crs(), dest, QgsProject.instance()).transformBoundingBox(
                            bbox
                        )
                    except QgsCsException:
                        bbox = None
            if bbox is not None and not bbox.isEmpty():
                canvas.setExtent(bbox)
                canvas.refresh()
        canvas.flashFeatureIds(layer, list(fids)[:MAX_FLASH])

    # ----------------------------------------------------------------------------------------- reviews
    def review_selected(self, state):
        """Write ``state`` (1 confirmed, 0 false positive, None = not reviewed) for the selected rows."""
        return self.set_review(self.selected_fids(), state)

    def set_review(self, fids, state) -> bool:
        """Write the review ``state`` (1, 0, or None / :data:`NOT_REVIEWED` for NULL) of the features ``fids`` into
        the layer's ``reviewed`` field. A layer that is not being edited is switched to editing, changed and
        committed; in a layer already being edited the change goes into the edit buffer (saved with the user's
        edits). Returns False (with a message in the dock) when it cannot be written."""
        layer = self.layer()
        fids = [int(f) for f in fids]
        if layer is None or not fids:
            return False
        value, state = review_value(state)
        idx = review_field_index(layer)
        if idx is None:
            self._set_message(
                QCoreApplication.translate(
                    "FlaggedSegments", "The layer has no writable reviewed field: reviews cannot be saved."
                ),
                True,
            )
            return False
        was_editing = layer.isEditable()
        if not was_editing and not start_editing(layer):
            self._set_message(
                QCoreApplication.translate("FlaggedSegments", "{0} cannot be edited: the review was not saved.").format(
                    layer.name()
                ),
                True,
            )
            return False
        self._writing = True
        try:
            ok, errors = write_review(layer, fids, idx, value, commit=not was_editing)
        finally:
            self._writing = False
        if not ok:
            detail = (
                "; ".join(errors)
                if errors
                else QCoreApplication.translate("FlaggedSegments", "the layer refused the change")
            )
            self._set_message(
                QCoreApplication.translate("FlaggedSegments", "Could not save the review: {0}").format(detail), True
            )
            for fid in fids:  # show the layer's values again
                self._refresh_review(layer, fid, idx)
            return False
        for fid in fids:
            self.model.set_review(fid, state)
        self._set_message(
            QCoreApplication.translate(
                "FlaggedSegments", "Review kept in the layer's edit buffer: save the layer edits to keep it."
            )
            if was_editing
            else ""
        )
        return True

    def _refresh_review(self, layer, fid, idx):
        feature = layer.getFeature(fid)
        if feature.isValid():
            self.model.set_review(fid, review_state(feature.attributes()[idx]))

    # ------------------------------------------------------------------------------------- layer signals
    def _on_attribute_changed(self, fid, idx, value):
        layer = self.layer()
        if layer is None or not 0 <= idx < layer.fields().count():
            return
        name = layer.fields().at(idx).name().lower()
        if name == REVIEW_FIELD:
            self.model.set_review(fid, review_state(value))
        elif name == "n_points":
            self.model.set_number(fid, "points", to_number(value))
        elif name == "mean_votes":
            self.model.set_number(fid, "votes", to_number(value))
        elif name in ("traj_id", "od", "label", "anomaly_type", "start_time", "end_time"):
            self._schedule_reload()

    def _on_geometry_changed(self, fid, geometry):
        layer = self.layer()
        if layer is not None:
            self.model.set_length(fid, segment_length(length_calculator(layer), geometry))

    def _on_edits_finished(self, *_):
        if not self._writing:  # the dock's own review commits changed nothing else
            self._schedule_reload()

    # ------------------------------------------------------------------------------------------- slots
    def _on_combo_index(self, row):
        layer = self._combo_layer(row)
        if layer is not self.layer():
            self.set_layer(layer)

    def _on_layer_rows_inserted(self, *_):
        if self._combo_layer(self.layer_combo.currentIndex()) is not self.layer():
            self._select_combo_layer(self.layer())

    def _on_filters_changed(self, *_):
        self._apply_filters()

    def _update_actions(self):
        layer = self.layer()
        has_rows = self.table.selectionModel().hasSelection() if self.table.selectionModel() else False
        can_review = has_rows and layer is not None and self.model.reviewable
        for action in (self.confirm_action, self.false_positive_action, self.clear_action):
            action.setEnabled(can_review)
        self.zoom_action.setEnabled(has_rows and layer is not None and self.iface is not None)

    def _update_status(self, *_):
        text = QCoreApplication.translate("FlaggedSegments", "{0} of {1} segments shown").format(
            self.proxy.rowCount(), self.model.rowCount()
        )
        normal, single = self._skipped.get("normal", 0), self._skipped.get("single_point", 0)
        tips = []
        if normal:
            tips.append(
                QCoreApplication.translate(
                    "FlaggedSegments",
                    "{0} flagged segment(s) of trajectories whose ground-truth type is normal are not listed: check "
                    "Show normal segments too to list them.",
                ).format(normal)
            )
        if single:
            tips.append(
                QCoreApplication.translate(
                    "FlaggedSegments",
                    "{0} segment(s) of a single point and no length (the last point of a trajectory) are not listed.",
                ).format(single)
            )
        if tips:
            text = QCoreApplication.translate("FlaggedSegments", "{0}, {1} not listed").format(text, normal + single)
        self.status.setText(text)
        self.status.setToolTip("\n".join(tips))

    def _set_message(self, text, error=False):
        self.message.setText(text)
        self.message.setStyleSheet("color: #b00020;" if error and text else "")
        self.message.setVisible(bool(text))
