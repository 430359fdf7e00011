"""The plugin's docks: each created once on first use, docked on the right (tabbed with each other or the Processing
toolbox) and shown on a layer; closed and deleted when the plugin unloads.

A dock is described by a :class:`DockKind` (its name, the custom property marking the layers it opens on by itself,
and a loader importing its module on first use); :data:`DOCK_KINDS` are the embedding explorer and the flagged
segments inspector.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, NamedTuple

from qgis.core import QgsProject, QgsSettings
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import QDockWidget, QMainWindow

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

#: QgsSettings group of the docks' remembered state
SETTINGS_GROUP = "DeepTraj/docks"


def closed_key(kind) -> str:
    """QgsSettings key: true while the user has closed the dock of ``kind`` (it does not open on project loads)."""
    return f"{SETTINGS_GROUP}/{kind.name}/closed_by_user"


def processing_toolbox(main):
    """The Processing toolbox dock of the main window; None without the Processing plugin."""
    return main.findChild(QDockWidget, "ProcessingToolbox") if isinstance(main, QMainWindow) else None


def _docked_right(main, dock) -> bool:
    return (
        isinstance(main, QMainWindow) and not dock.isFloating() and main.dockWidgetArea(dock) == Qt.RightDockWidgetArea
    )


def _tab_group(main, dock) -> list:
    """The other docks in the tab group of ``dock``."""
    return main.tabifiedDockWidgets(dock) if isinstance(main, QMainWindow) else []


def _on_top(dock) -> bool:
    """The dock is shown and not covered by another tab of its group (before the main window is shown, as when
    QGIS opens a project while starting: not hidden)."""
    if dock.isHidden():
        return False
    if not dock.window().isVisible():
        return True
    return not dock.visibleRegion().isEmpty()


class DockRegistry:
    """The docks of :attr:`kinds`: at most one of each, created on first :meth:`open`.

    Placement: a new dock goes to the right dock area, tabbed with another DeepTraj dock docked there, else with the
    Processing toolbox when that is docked there, else on its own. A dock opened by the user (:meth:`open`) comes on
    top of its tab group; a dock opening by itself on a marked layer (:meth:`open_marked`) does not cover the
    toolbox. A dock the user closed (close button or Panels menu) is remembered as closed (QgsSettings
    :func:`closed_key`) and does not reopen on a project load until the user opens it again."""

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
        """The user asks for the dock of ``kind`` (menu, toolbar): show it on top of its tab group (created on first
        use), forget that the user had closed it, and return it.

        ``layer``: the layer to show; without it the active layer when it fits the dock, else the dock keeps its
        layer or takes the kind's preferred layer of the project."""
        parts = kind.load()
        dock = self._show(kind, parts)
        if layer is None:
            active = self.iface.activeLayer()
            if parts.fits(active):
                layer = active
        if layer is not None:
            dock.set_layer(layer)
        elif dock.layer() is None:
            dock.set_layer(parts.preferred(QgsProject.instance()))
        dock.raise_()
        return dock

    def open_marked(self, kind, layer, project_load: bool = False):
        """The dock of ``kind`` opening by itself on the marked ``layer``; returns it, or None when it stays closed.

        ``project_load``: the layer comes with a project being read; then a dock the user closed stays closed. A
        layer added while working (an algorithm's output) shows its dock even so. The dock is not raised above the
        Processing toolbox when that is the shown tab of its group."""
        if project_load and self.closed_by_user(kind):
            return None
        main = self.iface.mainWindow()
        toolbox = processing_toolbox(main)
        toolbox_on_top = toolbox is not None and _on_top(toolbox)
        dock = self._show(kind, kind.load())
        dock.set_layer(layer)
        if toolbox_on_top and toolbox in _tab_group(main, dock):
            toolbox.raise_()
        else:
            dock.raise_()
        return dock

    def _show(self, kind, parts):
        """The dock of ``kind`` shown (created and placed on first use); no longer remembered as closed."""
        dock = self.dock(kind)
        if dock is None:
            dock = parts.dock_class(self.iface, self.iface.mainWindow())
            self._place(kind, dock)
            self._docks[kind.name] = dock
            dock.userClosed.connect(lambda: self.remember_closed(kind, True))
            # the Panels menu / dock area context menu: triggered only by the user
            dock.toggleViewAction().triggered.connect(lambda checked: self.remember_closed(kind, not checked))
        dock.show()
        self.remember_closed(kind, False)
        return dock

    def _place(self, kind, dock):
        """Dock ``dock`` on the right, tabbed with a DeepTraj dock docked there, else with the Processing toolbox
        docked there, else on its own."""
        main = self.iface.mainWindow()
        candidates = [self.dock(other) for other in self.kinds if other is not kind] + [processing_toolbox(main)]
        anchor = next((d for d in candidates if d is not None and not d.isHidden() and _docked_right(main, d)), None)
        self.iface.addDockWidget(Qt.RightDockWidgetArea, dock)
        if anchor is not None:
            main.tabifyDockWidget(anchor, dock)

    # ------------------------------------------------------------------------------------------- remembered
    def closed_by_user(self, kind) -> bool:
        """The user closed the dock of ``kind`` and has not opened it since (kept across QGIS sessions)."""
        return QgsSettings().value(closed_key(kind), False, type=bool)

    def remember_closed(self, kind, closed: bool):
        settings = QgsSettings()
        if closed:
            settings.setValue(closed_key(kind), True)
        elif settings.contains(closed_key(kind)):
            settings.remove(closed_key(kind))

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
