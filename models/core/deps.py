"""Which optional engine dependencies are importable, without importing them."""

from __future__ import annotations

import importlib.util

# import name -> pip requirement (kept in step with requirements.txt)
PIP_NAMES = {
    "numpy": "numpy<2",
    "pandas": "pandas",
    "scipy": "scipy",
    "sklearn": "scikit-learn",
    "shapely": "shapely>=2",
    "pyproj": "pyproj",
    "h3": "h3>=4.1,<5",
    "torch": "torch",
    "safetensors": "safetensors",
    "kmedoids": "kmedoids",
}


def missing(modules) -> list:
    """The pip requirement of every module in ``modules`` that cannot be imported."""
    out = []
    for m in modules:
        try:
            found = importlib.util.find_spec(m) is not None
        except (ImportError, ValueError):
            found = False
        if not found:
            out.append(PIP_NAMES.get(m, m))
    return out
