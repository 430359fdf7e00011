"""Test set-up: the repository is imported as the package ``deeptraj`` (as QGIS does with the plugin folder),
Processing is initialised once with the DeepTraj provider registered."""

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = (ROOT / ".." / "shared" / "data").resolve()
sys.path.insert(0, str(ROOT / "scripts"))  # as tests/test_specs.py does for generate_docs
from deeptraj_package import import_deeptraj  # noqa: E402

import_deeptraj()


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
