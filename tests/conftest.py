"""Test set-up: the repository is imported as the package ``deeptraj`` (as QGIS does with the plugin folder),
Processing is initialised once with the DeepTraj provider registered."""

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = (ROOT / ".." / "shared" / "data").resolve()


def _import_as_deeptraj():
    if "deeptraj" in sys.modules:
        return sys.modules["deeptraj"]
    spec = importlib.util.spec_from_file_location(
        "deeptraj", ROOT / "__init__.py", submodule_search_locations=[str(ROOT)]
    )
    mod = importlib.util.module_from_spec(spec)
    sys.modules["deeptraj"] = mod
    spec.loader.exec_module(mod)
    return mod


_import_as_deeptraj()


def data_path(*parts) -> Path:
    """Path under ../shared/data, or skip the test with the reason."""
    p = DATA.joinpath(*parts)
    if not p.exists():
        pytest.skip(f"shared dataset not available: {p} (needs the ../shared/data folder beside the project)")
    return p


@pytest.fixture(scope="session")
def provider(qgis_app, qgis_processing):
    from qgis.core import QgsApplication

    reg = QgsApplication.processingRegistry()
    prov = reg.providerById("deeptraj")
    if prov is None:
        from deeptraj.processing_provider.provider import DeepTrajProvider

        prov = DeepTrajProvider()
        assert reg.addProvider(prov)
    return prov


@pytest.fixture()
def run_alg(provider):
    """processing.run with a fresh context and feedback; returns the results dict."""
    import processing
    from qgis.core import QgsProcessingContext, QgsProcessingFeedback, QgsProject

    def _run(alg_id, params, feedback=None, context=None):
        ctx = context or QgsProcessingContext()
        ctx.setProject(QgsProject.instance())
        return processing.run(alg_id, params, feedback=feedback or QgsProcessingFeedback(), context=ctx)

    return _run


@pytest.fixture(scope="session", autouse=True)
def _free_qgis_objects_before_exit():
    """Free Python-held QGIS objects while QGIS is still alive.

    QGIS 3.22's error handler for a Python ``processAlgorithm`` that raises never releases the exception, so its
    traceback keeps the frames of the whole call stack (the test's included) alive; a layer in such a frame is
    destroyed at interpreter exit, after ``exitQgis`` (pytest-qgis) has shut GDAL down, and the process segfaults.
    Clearing the locals of every finished frame (generator frames, i.e. fixtures still to be torn down, are left
    alone) before QGIS exits releases them in time."""
    yield
    import gc
    import inspect
    import types

    gc.collect()
    suspended = inspect.CO_GENERATOR | inspect.CO_COROUTINE | inspect.CO_ASYNC_GENERATOR
    for obj in gc.get_objects():
        if type(obj) is types.FrameType and not obj.f_code.co_flags & suspended:
            try:
                obj.clear()
            except RuntimeError:  # still executing
                pass
    gc.collect()
