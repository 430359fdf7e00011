"""The parameter specs (processing_provider/specs) without QGIS: every parameter declared once, the documentation
pages generated from them up to date, the tables well formed."""

import ast
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SPECS_DIR = ROOT / "processing_provider" / "specs"
sys.path.insert(0, str(ROOT / "scripts"))

import generate_docs  # noqa: E402

#: helper modules of one family, and the one family module that may import each
FAMILY_HELPERS = {"roads": "metatrl"}
#: what a family module may import from the package itself (``from . import ...``)
PACKAGE_NAMES = {"AlgorithmSpec", "Output", "Param", "common"}


def _trees():
    for path in sorted(SPECS_DIR.glob("*.py")):
        yield path, ast.parse(path.read_text(encoding="utf-8"))


def _name_node(node):
    """The node naming the parameter of a declaration: ``Param(NAME, ...)``, ``Param(name=NAME, ...)`` or a
    renaming ``x.but(name=NAME, ...)``; None for any other call."""
    called = getattr(node.func, "id", getattr(node.func, "attr", ""))
    keywords = {k.arg: k.value for k in node.keywords}
    if called == "Param":
        return node.args[0] if node.args else keywords.get("name", node)
    if called == "but":
        return keywords.get("name")
    return None


def _declarations():
    """(name, file, line) of every parameter declaration in the spec modules; name is None where the declaration
    does not name its parameter with a string literal."""
    out = []
    for path, tree in _trees():
        for node in ast.walk(tree):
            named = _name_node(node) if isinstance(node, ast.Call) else None
            if named is None:
                continue
            literal = isinstance(named, ast.Constant) and isinstance(named.value, str)
            out.append((named.value if literal else None, path.name, node.lineno))
    return out


def test_every_parameter_name_is_declared_once():
    seen = {}
    for name, file, line in _declarations():
        seen.setdefault(name, []).append(f"{file}:{line}")
    hidden = seen.pop(None, [])
    assert not hidden, f"name each parameter with a string literal (Param(\"NAME\", ...)): {hidden}"
    twice = {n: places for n, places in seen.items() if len(places) > 1}
    assert not twice, f"declare these once (in specs/common.py) and adapt with .but(): {twice}"


def _import_problems(module: str, tree: ast.Module):
    """The imports of spec module ``module`` that reach another family (or a helper of another family)."""
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [f"{module}:{node.lineno} import {a.name}" for a in node.names if "specs" in a.name.split(".")]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and "specs" in (node.module or "").split("."):
            out.append(f"{module}:{node.lineno} from {node.module} import ...")
        elif isinstance(node, ast.ImportFrom) and node.level > 0:
            target = node.module or ""
            first = target.split(".")[0]
            if node.level > 1 or first not in ("", "common", *FAMILY_HELPERS):
                out.append(f"{module}:{node.lineno} from {'.' * node.level}{target} import ...")
            elif first in FAMILY_HELPERS and FAMILY_HELPERS[first] != module:
                out.append(f"{module}:{node.lineno} from .{target} import ... ({first} is {FAMILY_HELPERS[first]}'s)")
            elif not target:
                names = {a.name for a in node.names}
                allowed = PACKAGE_NAMES | {h for h, owner in FAMILY_HELPERS.items() if owner == module}
                out += [f"{module}:{node.lineno} from . import {n}" for n in sorted(names - allowed)]
    return out


def test_no_family_module_imports_another():
    problems = []
    for path, tree in _trees():
        if path.stem != "__init__":
            problems += _import_problems(path.stem, tree)
    assert not problems, f"share parameters through specs/common.py, not by importing a family: {problems}"


def test_the_import_rule_catches_a_sideways_import():
    def problems(module, source):
        return _import_problems(module, ast.parse(source))

    allowed = "from . import AlgorithmSpec, Output, Param\nfrom . import common as c\nfrom .common import SEED"
    assert problems("eco", allowed) == []
    assert problems("metatrl", "from .roads import MAP_MATCH\nfrom . import roads") == []
    assert problems("eco", "from .data import CRS")
    assert problems("eco", "from . import data")
    assert problems("mobility", "from .roads import MATCHER")
    assert problems("crotad", "from deeptraj.processing_provider.specs.e2dtc import E2DTC_TRAIN")
    assert problems("crotad", "from ..specs import e2dtc")


def test_a_declaration_without_a_literal_name_is_found():
    tree = ast.parse("P = Param(p.name, 'int', 'x', 'An x.')\nQ = c.INPUT.but(name=NAME)\nR = c.INPUT.but(help='h')")
    named = [_name_node(n) for n in ast.walk(tree) if isinstance(n, ast.Call)]
    assert [type(n).__name__ for n in named if n is not None] == ["Attribute", "Name"]


def test_declarations_are_found():
    names = {n for n, _, _ in _declarations()}
    assert {"INPUT", "CELL_SIZE", "RESOLUTION", "SEED"} <= names


def test_specs_are_well_formed():
    specs = generate_docs.load_specs()
    all_specs = specs.all_specs()
    assert len({s.id for s in all_specs}) == len(all_specs)
    for s in all_specs:
        assert s.summary and all(x.strip().endswith((".", ")", ":")) for x in s.summary), s.id
        for p in s.params:
            assert p.help, f"{s.id}.{p.name} has no help sentence"
            if p.kind in ("int", "double") and p.default_value() is not None:
                v = p.default_value()
                assert p.minimum is None or v >= p.minimum, (s.id, p.name)
                assert p.maximum is None or v <= p.maximum, (s.id, p.name)
            if p.kind == "enum" and p.default_value() is not None:
                values = p.default_value() if p.multiple else (p.default_value(),)
                assert all(0 <= int(v) < len(p.options) for v in values), (s.id, p.name)


def test_a_parameter_declared_twice_in_one_algorithm_is_refused():
    specs = generate_docs.load_specs()
    p = specs.Param("X", "int", "x", "An x.")
    with pytest.raises(ValueError, match="declared twice: X"):
        specs.AlgorithmSpec("a", "data", "A", ("A.",), (p, p))
    with pytest.raises(ValueError, match="unknown parameter kind"):
        specs.Param("Y", "float", "y", "A y.")


def test_documentation_pages_are_up_to_date(capsys):
    assert generate_docs.main(["--check"]) == 0, capsys.readouterr().out


def test_pages_show_defaults_bounds_and_help():
    text = generate_docs.pages()["discretizegrid.md"]
    assert "`deeptraj:discretizegrid`" in text
    assert "| `CELL_SIZE` | Cell size (grid CRS units, metres) | decimal number | `300` | 0.001 … " in text
    assert "Side of a square grid cell" in text
