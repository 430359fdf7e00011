"""The plugin's docks: each created once on first use, docked on the right and shown on a layer; closed and deleted
when the plugin unloads.

A dock is described by a :class:`DockKind` (its name, the custom property marking the layers it opens on by itself,
and a loader importing its module on first use); :data:`DOCK_KINDS` are the embedding explorer and the flagged
segments inspector.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, NamedTuple

from qgis.core import QgsProject
from qgis.PyQt.QtCore import Qt

from ..processing_provider.crotad.layers import SEGMENTS_PROPERTY
from ..processing_provider.embedding_layers import EMBEDDING_PROPERTY
from .layer_dock import alive


class DockParts(NamedTuple):
    """What a dock's module provides."""

    #: the dock class, made with ``dock_class(iface, parent)``
    dock_class: type
    #: ``fits(layer) -> bool``: opened without a layer, the dock shows the active layer when it fits
    fits: Callable
    #: ``preferred(project) -> layer or None``: else the layer shown by a dock that shows none
    preferred: Callable
    #: ``is_marked(layer) -> bool``: the layer carries the dock's custom property (it opens on it by itself)
    is_marked: Callable


@dataclass(frozen=True)
class DockKind:
    """One of the plugin's docks."""

    name: str
    #: the layer custom property (a layer contract of processing_provider) marking the layers the dock opens on
    marker: str
    #: ``load() -> DockParts``, importing the dock's module (on first use)
    load: Callable[[], DockParts]


def _explorer_parts() -> DockParts:
    from .embedding_explorer import EmbeddingExplorerDock, has_projection, is_embedding_layer, preferred_layer

    return DockParts(EmbeddingExplorerDock, has_projection, preferred_layer, is_embedding_layer)


def _flagged_segments_parts() -> DockParts:
    from .flagged_segments.dock import FlaggedSegmentsDock
    from .flagged_segments.model import has_segment_fields, is_segments_layer, preferred_segments_layer

    return DockParts(FlaggedSegmentsDock, has_segment_fields, preferred_segments_layer, is_segments_layer)


#: the embedding explorer, opened by itself on an embedding output (deeptraj:mobilityembed, deeptraj:metatrlembed)
EXPLORER = DockKind("explorer", EMBEDDING_PROPERTY, _explorer_parts)
#: the flagged segments inspector, opened by itself on the segments output of deeptraj:crotaddetect
FLAGGED_SEGMENTS = DockKind("flagged_segments", SEGMENTS_PROPERTY, _flagged_segments_parts)
DOCK_KINDS = (EXPLORER, FLAGGED_SEGMENTS)


class DockRegistry:
    """The docks of :attr:`kinds`: at most one of each, created on first :meth:`open`."""

    def __init__(self, iface, kinds=DOCK_KINDS):
        self.iface = iface
        self.kinds = tuple(kinds)
        self._docks = {kind.name: None for kind in self.kinds}  # kind name -> its dock, once created

    def dock(self, kind):
        """The dock of ``kind``; None before it is created and after it was closed or deleted."""
        dock = self._docks[kind.name]
        return dock if alive(dock) else None

    def open_docks(self) -> list:
        """The docks created and not closed yet (shown or hidden by the user)."""
        return [dock for dock in (self.dock(kind) for kind in self.kinds) if dock is not None]

    def open(self, kind, layer=None):
        """Show the dock of ``kind`` on the right (created on first use) and return it.

        ``layer``: the layer to show; without it the active layer when it fits the dock, else the dock keeps its
        layer or takes the kind's preferred layer of the project."""
        parts = kind.load()
        iface = self.iface
        dock = self.dock(kind)
        if dock is None:
            dock = parts.dock_class(iface, iface.mainWindow())
            iface.addDockWidget(Qt.RightDockWidgetArea, dock)
            self._docks[kind.name] = dock
        if layer is None:
            active = iface.activeLayer()
            if parts.fits(active):
                layer = active
        if layer is not None:
            dock.set_layer(layer)
        elif dock.layer() is None:
            dock.set_layer(parts.preferred(QgsProject.instance()))
        dock.show()
        dock.raise_()
        return dock

    def close(self, kind):
        """Disconnect, remove and delete the dock of ``kind``; safe without one."""
        dock = self._docks[kind.name]
        self._docks[kind.name] = None
        if not alive(dock):
            return
        dock.cleanup()
        self.iface.removeDockWidget(dock)
        dock.hide()
        dock.setParent(None)
        dock.deleteLater()

    def close_all(self):
        for kind in self.kinds:
            self.close(kind)
