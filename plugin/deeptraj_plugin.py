"""QGIS plugin class: registers the Processing provider (also for qgis_process), the menu and translations."""

from __future__ import annotations

import os

from qgis.core import QgsApplication
from qgis.PyQt.QtCore import QCoreApplication, QLocale, QSettings, QTranslator

from .dock_registry import EXPLORER, FLAGGED_SEGMENTS, DockRegistry
from .layer_watcher import LayerWatcher
from .menu_items import MenuItems

PLUGIN_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _locale() -> str:
    value = QSettings().value("locale/userLocale", "") or QLocale.system().name()
    return str(value)


class DeepTrajPlugin:
    """The plugin object QGIS loads. Its GUI state has three owners, made here and filled by :func:`.menu.build_menu`:
    :attr:`menu_items` (menu actions, toolbar buttons, installer dialog), :attr:`docks` (the docks, each created
    once) and :attr:`layer_watcher` (opens the docks on marked layers added to the project)."""

    def __init__(self, iface):
        self.iface = iface
        self.provider = None  # the Processing provider, when this plugin registered it
        self.translator = None
        self.menu_items = MenuItems()
        self.docks = DockRegistry(iface)
        self.layer_watcher = LayerWatcher(self.docks.kinds, self.docks.open_marked)
        from . import dependencies

        dependencies.add_private_site()
        self._load_translation()

    # read-only views of the owners' state
    @property
    def menu(self):
        """The title of the Plugins > DeepTraj menu while its actions are in it, else None."""
        return self.menu_items.title

    @property
    def actions(self) -> list:
        return self.menu_items.actions

    @property
    def toolbar_action(self):
        return self.menu_items.toolbar_action

    @property
    def flagged_toolbar_action(self):
        return self.menu_items.flagged_toolbar_action

    @property
    def install_dialog(self):
        return self.menu_items.install_dialog

    @property
    def explorer(self):
        """The embedding explorer dock, None before its first use and after unload."""
        return self.docks.dock(EXPLORER)

    @property
    def flagged_segments(self):
        """The flagged segments dock, None before its first use and after unload."""
        return self.docks.dock(FLAGGED_SEGMENTS)

    @property
    def watched_layers(self) -> dict:
        """Layer id -> slot, for the added layers watched for a dock's custom property being set later."""
        return self.layer_watcher.watched

    def _load_translation(self):
        loc = _locale()
        for name in (loc, loc[:2]):
            path = os.path.join(PLUGIN_DIR, "i18n", f"deeptraj_{name}.qm")
            if os.path.exists(path):
                self.translator = QTranslator()
                if self.translator.load(path):
                    QCoreApplication.installTranslator(self.translator)
                    return

    def initProcessing(self):  # noqa: N802
        if self.provider is not None:
            return
        from ..processing_provider.provider import DeepTrajProvider

        provider = DeepTrajProvider()
        if QgsApplication.processingRegistry().addProvider(provider):
            self.provider = provider

    def initGui(self):  # noqa: N802
        self.initProcessing()
        from .menu import build_menu

        build_menu(self)

    def unload(self):
        from .menu import remove_menu

        remove_menu(self)
        if self.provider is not None:
            QgsApplication.processingRegistry().removeProvider(self.provider)
            self.provider = None
        if self.translator is not None:
            QCoreApplication.removeTranslator(self.translator)
            self.translator = None
