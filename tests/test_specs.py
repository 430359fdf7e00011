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


def _declarations():
    """(name, file, line) of every Param("NAME", ...) call in the spec modules."""
    out = []
    for path in sorted(SPECS_DIR.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", getattr(node.func, "attr", "")) == "Param"
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                out.append((node.args[0].value, path.name, node.lineno))
    return out


def test_every_parameter_name_is_declared_once():
    seen = {}
    for name, file, line in _declarations():
        seen.setdefault(name, []).append(f"{file}:{line}")
    twice = {n: places for n, places in seen.items() if len(places) > 1}
    assert not twice, f"declare these once (in specs/common.py) and adapt with .but(): {twice}"


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
