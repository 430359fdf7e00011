"""Self-contained HTML reports (inline SVG charts, no JavaScript, no network) for training runs."""

from __future__ import annotations

import html
from typing import Dict, List, Optional, Sequence, Tuple

from .modelfile import atomic_write

_COLORS = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf"]


def line_chart(
    series: Dict[str, Sequence[Tuple[float, float]]],
    title: str,
    xlabel: str,
    ylabel: str,
    width: int = 560,
    height: int = 260,
) -> str:
    """An SVG line chart of named (x, y) series."""
    pts = [(float(x), float(y)) for s in series.values() for x, y in s]
    if not pts:
        return f"<p><i>{html.escape(title)}: no data.</i></p>"
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    x0, x1 = min(xs), max(xs)
    y0, y1 = min(ys), max(ys)
    x1 = x1 if x1 > x0 else x0 + 1
    y1 = y1 if y1 > y0 else y0 + 1
    left, right, top, bottom = 60, 130, 28, 40
    pw, ph = width - left - right, height - top - bottom

    def sx(x):
        return left + (x - x0) / (x1 - x0) * pw

    def sy(y):
        return top + ph - (y - y0) / (y1 - y0) * ph

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'style="font:11px sans-serif;background:#fff">',
        f'<text x="{left}" y="16" style="font-weight:bold">{html.escape(title)}</text>',
        f'<rect x="{left}" y="{top}" width="{pw}" height="{ph}" fill="none" stroke="#999"/>',
    ]
    for frac in (0.0, 0.5, 1.0):
        yv = y0 + frac * (y1 - y0)
        out.append(f'<text x="{left - 4}" y="{sy(yv) + 4:.1f}" text-anchor="end">{yv:.4g}</text>')
        xv = x0 + frac * (x1 - x0)
        out.append(f'<text x="{sx(xv):.1f}" y="{top + ph + 14}" text-anchor="middle">{xv:.4g}</text>')
    out.append(f'<text x="{left + pw / 2}" y="{height - 6}" text-anchor="middle">{html.escape(xlabel)}</text>')
    out.append(
        f'<text x="12" y="{top + ph / 2}" transform="rotate(-90 12 {top + ph / 2})" '
        f'text-anchor="middle">{html.escape(ylabel)}</text>'
    )
    for i, (name, s) in enumerate(series.items()):
        color = _COLORS[i % len(_COLORS)]
        coords = " ".join(f"{sx(float(x)):.1f},{sy(float(y)):.1f}" for x, y in s)
        if len(s) > 1:
            out.append(f'<polyline fill="none" stroke="{color}" stroke-width="1.8" points="{coords}"/>')
        for x, y in s:
            out.append(f'<circle cx="{sx(float(x)):.1f}" cy="{sy(float(y)):.1f}" r="2.5" fill="{color}"/>')
        out.append(f'<text x="{left + pw + 8}" y="{top + 12 + 14 * i}" fill="{color}">{html.escape(name)}</text>')
    out.append("</svg>")
    return "".join(out)


def table(rows: List[Sequence], header: Optional[Sequence] = None) -> str:
    def cell(v, tag):
        text = f"{v:.4f}" if isinstance(v, float) else str(v)
        return f"<{tag}>{html.escape(text)}</{tag}>"

    out = ['<table>']
    if header:
        out.append("<tr>" + "".join(cell(h, "th") for h in header) + "</tr>")
    out += ["<tr>" + "".join(cell(v, "td") for v in r) + "</tr>" for r in rows]
    out.append("</table>")
    return "".join(out)


def write_html(path: str, title: str, sections: List[Tuple[str, str]]) -> None:
    """Write ``sections`` [(heading, html body)] as one page, atomically."""
    body = "".join(f"<h2>{html.escape(h)}</h2>{b}" for h, b in sections)
    page = (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{html.escape(title)}</title>"
        "<style>body{font:14px sans-serif;margin:24px;max-width:900px}table{border-collapse:collapse}"
        "td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}th{background:#eee}</style></head>"
        f"<body><h1>{html.escape(title)}</h1>{body}</body></html>"
    )
    atomic_write(path, lambda fh: fh.write(page))
