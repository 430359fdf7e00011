"""Import the repository as the package ``deeptraj``, as QGIS does with the plugin folder: the one way in for the
scripts, the benchmarks (benchmarks/_qgis.py) and the tests (tests/conftest.py) run from a checkout. Needs no QGIS."""

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def import_deeptraj():
    """The repository imported as the package ``deeptraj`` (once per process); returns the module."""
    if "deeptraj" not in sys.modules:
        spec = importlib.util.spec_from_file_location(
            "deeptraj", ROOT / "__init__.py", submodule_search_locations=[str(ROOT)]
        )
        mod = importlib.util.module_from_spec(spec)
        sys.modules["deeptraj"] = mod
        spec.loader.exec_module(mod)
    return sys.modules["deeptraj"]
