#!/usr/bin/env python3
"""Write docs/algorithms/<id>.md for every algorithm from the parameter specs (processing_provider/specs).

    .venv/bin/python scripts/generate_docs.py          # (re)write the pages and docs/algorithms/README.md
    .venv/bin/python scripts/generate_docs.py --check  # exit 1 when a page is missing or out of date

Needs no QGIS: the specs are plain Python. tests/test_docs.py runs --check, so the pages never drift from the help
panels the algorithms show.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from deeptraj_package import import_deeptraj  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "algorithms"
GROUPS = {
    "data": "Data",
    "discretization": "Discretization",
    "groundtruth": "Ground truth",
    "clustering": "Clustering",
    "anomaly": "Anomaly detection",
    "embedding": "Embedding",
}


def load_specs():
    """The spec package imported as part of the plugin package ``deeptraj`` (engine defaults resolve there)."""
    import_deeptraj()
    from deeptraj.processing_provider import specs

    return specs


def _cell(text) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _default(p) -> str:
    if p.preset:
        return "preset"
    v = p.default_value()
    if v is None or v == "":
        return ""
    if p.kind == "enum" and isinstance(v, tuple):
        return ", ".join(f"{int(i)} ({p.options[int(i)]})" for i in v)
    if p.kind == "enum":
        return f"{int(v)} ({p.options[int(v)]})"
    if p.kind == "bool":
        return "yes" if v else "no"
    if isinstance(v, float) and v.is_integer() and abs(v) < 1e15:
        v = int(v)
    return f"`{v}`"


def _range(p) -> str:
    if p.kind == "enum":
        return "; ".join(f"{i}: {o}" for i, o in enumerate(p.options))
    if p.kind not in ("int", "double") or (p.minimum is None and p.maximum is None):
        return ""
    lo = "" if p.minimum is None else f"{p.minimum:g}"
    hi = "" if p.maximum is None else f"{p.maximum:g}"
    return f"{lo} … {hi}"


def page(s, kinds) -> str:
    lines = [
        f"# {s.display}",
        "",
        f"`deeptraj:{s.id}` · group *{GROUPS.get(s.group, s.group)}* · generated from "
        "`processing_provider/specs/` by `scripts/generate_docs.py`: edit the spec, not this page.",
        "",
        " ".join(s.summary),
        "",
        "## Parameters",
        "",
        "| Name | Label | Type | Default | Range / options | Description |",
        "|---|---|---|---|---|---|",
    ]
    for p in s.params:
        flags = [f for f, on in (("optional", p.is_optional), ("advanced", p.advanced)) if on]
        kind = kinds[p.kind] + (f" ({', '.join(flags)})" if flags else "")
        help_text = p.help + (" Empty: the preset's value." if p.preset else "")
        row = (f"`{p.name}`", p.label, kind, _default(p), _range(p), help_text)
        lines.append("| " + " | ".join(_cell(x) for x in row) + " |")
    for paragraph in s.notes:
        lines += ["", " ".join(paragraph)]
    if s.outputs:
        lines += ["", "## Results", "", "| Name | Type | Meaning |", "|---|---|---|"]
        lines += [f"| `{o.name}` | {o.kind} | {_cell(o.label)} |" for o in s.outputs]
    lines += [
        "",
        "## Running it",
        "",
        "From the Processing toolbox (*DeepTraj › "
        f"{GROUPS.get(s.group, s.group)} › {s.display}*), the model designer, batch mode, or the command line:",
        "",
        "```",
        f"qgis_process run deeptraj:{s.id} -- "
        + " ".join(f"{p.name}=…" for p in s.params if not p.is_optional and p.default_value() is None),
        "```",
        "",
    ]
    return "\n".join(lines)


def index(all_specs) -> str:
    lines = ["# Algorithms", "", "Generated from the parameter specs by `scripts/generate_docs.py`.", ""]
    for group, title in GROUPS.items():
        members = [s for s in all_specs if s.group == group]
        if members:
            lines += [f"## {title}", ""] + [f"- [`{s.id}`]({s.id}.md): {s.display}" for s in members] + [""]
    return "\n".join(lines)


def pages() -> dict:
    specs = load_specs()
    all_specs = specs.all_specs()
    out = {f"{s.id}.md": page(s, specs.KINDS) for s in all_specs}
    out["README.md"] = index(all_specs)
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="only check that the pages are up to date")
    args = ap.parse_args(argv)
    wanted = pages()
    stale = [n for n, text in wanted.items() if not (OUT / n).is_file() or (OUT / n).read_text("utf-8") != text]
    if args.check:
        for n in stale:
            print(f"docs/algorithms/{n} is missing or out of date: run scripts/generate_docs.py")
        return 1 if stale else 0
    OUT.mkdir(parents=True, exist_ok=True)
    for n in stale:
        (OUT / n).write_text(wanted[n], encoding="utf-8")
    print(f"{len(stale)} page(s) written, {len(wanted) - len(stale)} up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main())
