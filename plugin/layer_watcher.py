"""Docks opening by themselves: a layer added to the project and marked with a dock's custom property (the layer
contracts of processing_provider: ``deeptraj/embedding``, ``deeptraj/crotad_segments``) opens that dock on it.

That is how the outputs of deeptraj:mobilityembed and deeptraj:crotaddetect run from the GUI are shown, without
Processing importing the plugin. Processing may mark its output only after adding it to the project, so the other
vector layers added are watched for the property being set later. Layers added while a project is being read are
told apart (``project_load``), so that a dock the user closed does not reopen on every project load.
"""

from __future__ import annotations

from qgis.core import QgsProject, QgsVectorLayer
from qgis.PyQt import sip


class LayerWatcher:
    """Watches the project for layers marked for one of ``kinds`` (:class:`~.dock_registry.DockKind`) and calls
    ``open_dock(kind, layer, project_load)`` on them (``project_load``: the layer comes with a project being read)."""

    def __init__(self, kinds, open_dock):
        self._kinds = tuple(kinds)
        self._open_dock = open_dock
        self._layers_added_slot = None  # connected to the project's layersAdded while watching
        #: (signal, slot) pairs following the reading of a project file, connected while watching
        self._reading_slots = []
        #: a project file is being read: QgsProject emits loadingLayer before adding each of its layers and
        #: readProject when done (cleared starts any read, and File > New)
        self.reading_project = False
        #: layer id -> the slot following that (not yet marked) layer's customPropertyChanged
        self.watched = {}

    @property
    def watching(self) -> bool:
        return self._layers_added_slot is not None

    def start(self):
        """Watch the project (again: a previous watch is stopped first)."""
        self.stop()

        def on_layers_added(layers):
            self.layers_added(layers)

        project = QgsProject.instance()
        project.layersAdded.connect(on_layers_added)
        self._layers_added_slot = on_layers_added
        self._reading_slots = [
            (project.loadingLayer, lambda *_: self._set_reading(True)),
            (project.readProject, lambda *_: self._set_reading(False)),
            (project.cleared, lambda: self._set_reading(False)),
        ]
        for signal, slot in self._reading_slots:
            signal.connect(slot)

    def _set_reading(self, reading: bool):
        self.reading_project = reading

    def stop(self):
        """Disconnect from the project and every watched layer; safe to call twice."""
        slot = self._layers_added_slot
        self._layers_added_slot = None
        project = QgsProject.instance()
        for signal, connected in ([(project.layersAdded, slot)] if slot is not None else []) + self._reading_slots:
            try:
                signal.disconnect(connected)
            except (TypeError, RuntimeError):
                pass
        self._reading_slots = []
        self.reading_project = False
        for layer_id in list(self.watched):
            self._unwatch_layer(layer_id)

    def layers_added(self, layers):
        """Open each kind's dock on the last added layer marked for it; watch the other vector layers."""
        project = QgsProject.instance()
        for layer_id in [i for i in self.watched if project.mapLayer(i) is None]:  # forget removed layers
            self.watched.pop(layer_id, None)
        marked = []  # (kind, the added layers marked for it)
        for kind in self._kinds:
            is_marked = kind.load().is_marked
            marked.append((kind, [lyr for lyr in layers if is_marked(lyr)]))
        for lyr in layers:
            if (
                isinstance(lyr, QgsVectorLayer)
                and not sip.isdeleted(lyr)
                and not any(lyr in found for _, found in marked)
            ):
                self._watch_layer(lyr)
        for kind, found in marked:
            if found:
                self._open_dock(kind, found[-1], self.reading_project)

    def _watch_layer(self, layer):
        layer_id = layer.id()

        def on_property_changed(key):
            self._property_changed(layer_id, key)

        layer.customPropertyChanged.connect(on_property_changed)
        self.watched[layer_id] = on_property_changed

    def _property_changed(self, layer_id, key):
        kind = next((k for k in self._kinds if k.marker == key), None)
        if kind is None or not self.watching:
            return
        layer = QgsProject.instance().mapLayer(layer_id)
        if kind.load().is_marked(layer):
            self._unwatch_layer(layer_id)
            self._open_dock(kind, layer, self.reading_project)

    def _unwatch_layer(self, layer_id):
        slot = self.watched.pop(layer_id, None)
        layer = QgsProject.instance().mapLayer(layer_id)
        if slot is not None and layer is not None:
            try:
                layer.customPropertyChanged.disconnect(slot)
            except (TypeError, RuntimeError):
                pass
