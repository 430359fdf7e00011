"""The engine's layering, checked on the source text of every module under models/ (no import is executed):

- nothing in models/ imports qgis or PyQt (the engine runs and is tested without QGIS);
- models/core imports nothing from models/ outside core (the substrate knows no method);
- no method package (e2dtc, crotad, eco, mobility, metatrl) imports models/synthetic (simulators, synthetic
  anomalies, ground truth and OD pairs are data makers, not model parts);
- no method package imports another method package.
"""

import ast
from pathlib import Path

import pytest

MODELS = Path(__file__).resolve().parents[2] / "models"
METHODS = ("e2dtc", "crotad", "eco", "mobility", "metatrl")


def _imports(path: Path):
    """(absolute dotted target under 'models' or a top-level module name, line) of every import in ``path``."""
    rel = path.relative_to(MODELS.parent).with_suffix("")
    pkg = list(rel.parts[:-1])  # e.g. ['models', 'core']
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for a in node.names:
                yield a.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            if node.level == 0:
                yield node.module or "", node.lineno
                continue
            base = pkg[: len(pkg) - (node.level - 1)]
            target = ".".join(base + ([node.module] if node.module else []))
            if node.module is None:
                for a in node.names:
                    yield f"{target}.{a.name}", node.lineno
            else:
                yield target, node.lineno


def _modules():
    return sorted(p for p in MODELS.rglob("*.py") if "__pycache__" not in p.parts)


def _package(path: Path) -> str:
    parts = path.relative_to(MODELS).parts
    return parts[0] if len(parts) > 1 else ""


def test_every_engine_module_is_in_a_package():
    loose = [p.name for p in MODELS.glob("*.py") if p.name != "__init__.py"]
    assert loose == [], f"modules directly under models/ (put them in core/, synthetic/ or a method package): {loose}"


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(MODELS)))
def test_import_rules(path):
    own = _package(path)
    bad = []
    for target, line in _imports(path):
        top = target.split(".")[0]
        if top in ("qgis", "PyQt5", "PyQt6", "processing"):
            bad.append(f"line {line}: {target} (the engine never imports QGIS or Qt)")
            continue
        if not target.startswith("models."):
            continue
        other = target.split(".")[1]
        if own == "core" and other != "core":
            bad.append(f"line {line}: {target} (core imports only core)")
        elif own in METHODS and other == "synthetic":
            bad.append(f"line {line}: {target} (methods never import synthetic)")
        elif own in METHODS and other in METHODS and other != own:
            bad.append(f"line {line}: {target} (a method imports no other method)")
    assert not bad, "\n".join(bad)


def test_rule_checker_sees_relative_imports(tmp_path):
    """The checker resolves relative imports: a core module importing a method is reported."""
    imports = dict(_imports(MODELS / "core" / "units.py"))
    assert "models.core.trajectories" in imports
    assert not any(t.startswith("models.mobility") for t in imports)
