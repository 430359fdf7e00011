"""What the plugin's docks share: following one vector layer of the project (connect to its signals while the dock is
open, forget it when it is removed or deleted) and disconnecting everything before the plugin deletes the dock."""

from __future__ import annotations

from qgis.core import QgsProject, QgsVectorLayer
from qgis.PyQt import sip
from qgis.PyQt.QtCore import pyqtSignal
from qgis.PyQt.QtWidgets import QDockWidget


def alive(obj) -> bool:
    """False for None and for a Qt object whose C++ side was deleted."""
    return obj is not None and not sip.isdeleted(obj)


class LayerDock(QDockWidget):
    """A dock showing one vector layer. Subclasses give :meth:`_layer_slots` (the layer's signals to follow),
    :meth:`reload` and :meth:`_show_layer` (refresh their widgets for a new layer), and may extend
    :meth:`_forget_removed` (other layers of theirs) and :meth:`cleanup`."""

    #: the dock was closed with its close button (the plugin hides it without closing it)
    userClosed = pyqtSignal()  # noqa: N815

    def __init__(self, iface=None, parent=None):
        super().__init__(parent)
        self.iface = iface
        self._layer = None
        self._layer_id = None
        self._attached = False
        self._closed = False
        # connected before any layer combo's model exists, so a removed layer is dropped before the combo moves on
        QgsProject.instance().layersWillBeRemoved.connect(self._on_layers_will_be_removed)
        self._project_connected = True

    # ------------------------------------------------------------------ the layer
    def layer(self):
        """The layer shown (None when there is none or it was deleted)."""
        return self._layer if alive(self._layer) else None

    def set_layer(self, layer):
        """Show ``layer`` (a vector layer; None empties the dock)."""
        if not alive(layer) or not isinstance(layer, QgsVectorLayer):
            layer = None
        if layer is not None and layer is self.layer():
            self._show_layer(layer, same=True)
            self.reload()
            return
        self._detach()
        self._layer = layer
        self._layer_id = layer.id() if layer is not None else None
        self._show_layer(layer, same=False)
        if not self._closed:
            self._attach()
        self.reload()

    def _show_layer(self, layer, same: bool):  # pragma: no cover - overridden
        """Update the dock's widgets for ``layer`` (``same``: it was already shown)."""

    def reload(self):  # pragma: no cover - overridden
        raise NotImplementedError

    def _layer_slots(self, layer):  # pragma: no cover - overridden
        """(signal, slot) pairs followed while the dock is open."""
        return ()

    def _attach(self):
        layer = self.layer()
        if layer is None or self._attached:
            return
        layer.willBeDeleted.connect(self._on_layer_deleted)
        for signal, slot in self._layer_slots(layer):
            signal.connect(slot)
        self._attached = True

    def _detach(self):
        if not self._attached:
            return
        self._attached = False
        layer = self.layer()
        if layer is None:
            return
        for signal, slot in ((layer.willBeDeleted, self._on_layer_deleted), *self._layer_slots(layer)):
            try:
                signal.disconnect(slot)
            except (TypeError, RuntimeError):
                pass

    def _on_layer_deleted(self):
        self._attached = False  # the layer is going away: nothing to disconnect from
        self._layer = None
        self.set_layer(None)

    def _on_layers_will_be_removed(self, layers):
        self._forget_removed({item if isinstance(item, str) else item.id() for item in layers})

    def _forget_removed(self, ids: set):
        if self._layer_id is not None and self._layer_id in ids:
            self.set_layer(None)

    # ------------------------------------------------------------------ life cycle
    def cleanup(self):
        """Disconnect from the layer and the project (the plugin calls this before deleting the dock)."""
        self._detach()
        if self._project_connected:
            try:
                QgsProject.instance().layersWillBeRemoved.disconnect(self._on_layers_will_be_removed)
            except (TypeError, RuntimeError):
                pass
            self._project_connected = False

    def closeEvent(self, event):  # noqa: N802
        self._closed = True
        self._detach()
        super().closeEvent(event)
        self.userClosed.emit()

    def showEvent(self, event):  # noqa: N802
        super().showEvent(event)
        if self._closed:
            self._closed = False
            if self.layer() is not None:
                self._attach()
                self.reload()
