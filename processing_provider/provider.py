"""The DeepTraj Processing provider (id ``deeptraj``)."""

from __future__ import annotations

import importlib

from qgis.core import Qgis, QgsMessageLog, QgsProcessingProvider
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtGui import QIcon

from .base import ICON_PATH

#: (module in processing_provider, class name); ids are the classes' NAME
ALGORITHMS = [
    ("data.import_file", "ImportTrajectoriesAlgorithm"),
    ("data.simulate", "SimulateTrajectoriesAlgorithm"),
    ("data.split", "SplitTrajectoriesAlgorithm"),
    ("discretization.grid", "DiscretizeGridAlgorithm"),
    ("discretization.h3", "DiscretizeH3Algorithm"),
    ("groundtruth.clusters", "GroundTruthClustersAlgorithm"),
    ("groundtruth.od_pairs", "AssignOdPairsAlgorithm"),
    ("groundtruth.anomalies", "SyntheticAnomaliesAlgorithm"),
    ("crotad.train", "CroTadTrainAlgorithm"),
    ("crotad.detect", "CroTadDetectAlgorithm"),
    ("e2dtc.train", "E2DTCTrainAlgorithm"),
    ("e2dtc.apply", "E2DTCApplyAlgorithm"),
    ("e2dtc.classic", "ClassicClusteringAlgorithm"),
    ("eco.cluster", "EcoAlgorithm"),
    ("mobility.train", "MobilityEmbedTrainAlgorithm"),
    ("mobility.embed", "MobilityEmbedAlgorithm"),
    ("metatrl.map_match", "MapMatchAlgorithm"),
    ("metatrl.train", "MetaTRLTrainAlgorithm"),
    ("metatrl.embed", "MetaTRLEmbedAlgorithm"),
    ("metatrl.task", "MetaTRLTaskAlgorithm"),
]


class DeepTrajProvider(QgsProcessingProvider):
    def id(self):
        return "deeptraj"

    def name(self):
        return "DeepTraj"

    def longName(self):
        return QCoreApplication.translate("DeepTraj", "DeepTraj: deep trajectory mining")

    def icon(self):
        return QIcon(ICON_PATH)

    def svgIconPath(self):
        return ICON_PATH

    def loadAlgorithms(self):
        for module_name, class_name in ALGORITHMS:
            try:
                module = importlib.import_module(f"{__package__}.{module_name}")
                cls = getattr(module, class_name)
                # a Python error inside initAlgorithm, when QGIS calls it from addAlgorithm, aborts the whole
                # process: declare the parameters once here first, where an error is only logged
                cls().initAlgorithm()
                self.addAlgorithm(cls())
            except Exception as e:  # one broken module must not hide the others
                QgsMessageLog.logMessage(f"DeepTraj: could not load {module_name}: {e}", "DeepTraj", Qgis.Critical)
