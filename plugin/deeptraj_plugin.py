"""QGIS plugin class: registers the Processing provider (also for qgis_process), the menu and translations."""

from __future__ import annotations

import os

from qgis.core import QgsApplication
from qgis.PyQt.QtCore import QCoreApplication, QLocale, QSettings, QTranslator

PLUGIN_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _locale() -> str:
    value = QSettings().value("locale/userLocale", "") or QLocale.system().name()
    return str(value)


class DeepTrajPlugin:
    def __init__(self, iface):
        self.iface = iface
        self.provider = None
        self.actions = []
        self.menu = None
        self.translator = None
        self.explorer = None  # the embedding explorer dock, created on first use
        self.flagged_segments = None  # the flagged segments dock, created on first use
        self.toolbar_action = None
        self.flagged_toolbar_action = None
        self.layers_added_slot = None
        self.watched_layers = {}  # layer id -> slot watching for the deeptraj/embedding or crotad_segments property
        from . import dependencies

        dependencies.add_private_site()
        self._load_translation()

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
