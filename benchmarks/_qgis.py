"""Headless QGIS + DeepTraj provider for benchmark scripts (one QgsApplication per process)."""

import importlib.util
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = (ROOT / ".." / "shared" / "data").resolve()


def import_deeptraj():
    if "deeptraj" not in sys.modules:
        spec = importlib.util.spec_from_file_location(
            "deeptraj", ROOT / "__init__.py", submodule_search_locations=[str(ROOT)]
        )
        mod = importlib.util.module_from_spec(spec)
        sys.modules["deeptraj"] = mod
        spec.loader.exec_module(mod)
    return sys.modules["deeptraj"]


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
