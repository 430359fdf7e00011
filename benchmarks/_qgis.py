"""Headless QGIS + DeepTraj provider for benchmark scripts (one QgsApplication per process)."""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = (ROOT / ".." / "shared" / "data").resolve()
sys.path.insert(0, str(ROOT / "scripts"))
from deeptraj_package import import_deeptraj  # noqa: E402  (the benchmarks take it from here with start_qgis)

_APP = None


def start_qgis():
    """Start QGIS headless, initialise Processing and register the DeepTraj provider."""
    global _APP
    if _APP is not None:
        return _APP
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from qgis.core import QgsApplication

    _APP = QgsApplication([], False)
    _APP.initQgis()
    sys.path.append("/usr/share/qgis/python/plugins")
    from processing.core.Processing import Processing

    Processing.initialize()
    import_deeptraj()
    from deeptraj.processing_provider.provider import DeepTrajProvider

    prov = DeepTrajProvider()
    QgsApplication.processingRegistry().addProvider(prov)
    _APP._deeptraj_provider = prov
    return _APP
