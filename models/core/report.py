"""Self-contained HTML reports (inline SVG charts, no JavaScript, no network) for training runs.

Charts lay their legend out from an approximate text width (:func:`text_width`), so labels are wrapped or the chart
widened instead of being cut; a chart with nothing to draw a line through (no point, or one point) shows a message
saying why (``empty_reason``, from the caller)."""

from __future__ import annotations

import html
from typing import Dict, List, Optional, Sequence, Tuple

from .modelfile import atomic_write

_COLORS = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf"]
_FONT = 11  # px, the charts' font size
_NARROW = set("iljtfrI.,:;!|'()[] ")
_WIDE = set("mwMWOQGDH@%")
#: longest legend line (characters) before a label wraps
LEGEND_WRAP = 28


def text_width(text: str, size: float = _FONT, bold: bool = False) -> float:
    """Approximate rendered width (px) of ``text`` in a sans-serif font of ``size`` px (an upper estimate: narrow
    characters 0.35 em, wide ones 0.9 em, capitals 0.7 em, others 0.6 em; bold 10 % wider)."""
    em = 0.0
    for ch in text:
        if ch in _NARROW:
            em += 0.35
        elif ch in _WIDE:
            em += 0.9
        elif ch.isupper():
            em += 0.7
        else:
            em += 0.6
    return em * size * (1.1 if bold else 1.0)


def wrap_label(text: str, limit: int = LEGEND_WRAP) -> List[str]:
    """``text`` cut at spaces into lines of at most ``limit`` characters (a longer word stays whole)."""
    lines: List[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= limit:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def _message_svg(title: str, message: str, lines: Sequence[str], width: int, height: int) -> str:
    """An SVG frame with ``title`` and a centred ``message`` (and the ``lines`` below it), widened to fit them."""
    texts = [message, *lines]
    width = int(max(width, 24 + max(text_width(t) for t in texts), 70 + text_width(title, bold=True)))
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'style="font:{_FONT}px sans-serif;background:#fff" class="empty-chart">',
        f'<text x="60" y="16" style="font-weight:bold">{html.escape(title)}</text>',
        f'<rect x="8" y="28" width="{width - 16}" height="{height - 40}" fill="#f7f7f7" stroke="#ccc"/>',
    ]
    y = height / 2 - 7 * (len(texts) - 1)
    for k, t in enumerate(texts):
        style = ' style="font-style:italic"' if k == 0 else ""
        out.append(
            f'<text x="{width / 2:.1f}" y="{y + 14 * k:.1f}" text-anchor="middle"{style}>{html.escape(t)}</text>'
        )
    out.append("</svg>")
    return "".join(out)


def line_chart(
    series: Dict[str, Sequence[Tuple[float, float]]],
    title: str,
    xlabel: str,
    ylabel: str,
    width: int = 560,
    height: int = 260,
    empty_reason: Optional[str] = None,
) -> str:
    """An SVG line chart of named (x, y) series.

    With no series of two points or more there is no line to draw: the chart shows ``empty_reason`` (why it is
    empty, said by the caller; a generic sentence when None) and the value of each single point. Legend labels
    longer than :data:`LEGEND_WRAP` characters wrap, and the chart widens so that the legend and the title fit."""
    pts = [(float(x), float(y)) for s in series.values() for x, y in s]
    if max((len(s) for s in series.values()), default=0) < 2:
        if empty_reason is None:
            empty_reason = "no data to plot" if not pts else "a single point per series: no line to draw"
        values = [f"{name}: {float(y):.4g} at {xlabel} {float(x):.4g}" for name, s in series.items() for x, y in s]
        return _message_svg(title, empty_reason, values, width, height)
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    x0, x1 = min(xs), max(xs)
    y0, y1 = min(ys), max(ys)
    x1 = x1 if x1 > x0 else x0 + 1
    y1 = y1 if y1 > y0 else y0 + 1
    legend = [wrap_label(name) for name in series]
    legend_w = max((text_width(line) for lines in legend for line in lines), default=0.0)
    left, top, bottom = 60, 28, 40
    pw = width - left - 130  # the plot keeps the width it has with the default legend margin
    right = int(max(130, legend_w + 16))
    width = int(max(left + pw + right, left + text_width(title, bold=True) + 8))
    ph = height - top - bottom
    n_lines = sum(len(lines) for lines in legend)
    height = int(max(height, top + 12 + 14 * n_lines + 4 * len(legend)))

    def sx(x):
        return left + (x - x0) / (x1 - x0) * pw

    def sy(y):
        return top + ph - (y - y0) / (y1 - y0) * ph

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'style="font:{_FONT}px sans-serif;background:#fff">',
        f'<text x="{left}" y="16" style="font-weight:bold">{html.escape(title)}</text>',
        f'<rect x="{left}" y="{top}" width="{pw}" height="{ph}" fill="none" stroke="#999"/>',
    ]
    for frac in (0.0, 0.5, 1.0):
        yv = y0 + frac * (y1 - y0)
        out.append(f'<text x="{left - 4}" y="{sy(yv) + 4:.1f}" text-anchor="end">{yv:.4g}</text>')
        xv = x0 + frac * (x1 - x0)
        out.append(f'<text x="{sx(xv):.1f}" y="{top + ph + 14}" text-anchor="middle">{xv:.4g}</text>')
    out.append(f'<text x="{left + pw / 2}" y="{top + ph + 34}" text-anchor="middle">{html.escape(xlabel)}</text>')
    out.append(
        f'<text x="12" y="{top + ph / 2}" transform="rotate(-90 12 {top + ph / 2})" '
        f'text-anchor="middle">{html.escape(ylabel)}</text>'
    )
    ly = top + 12
    for i, ((name, s), lines) in enumerate(zip(series.items(), legend)):
        color = _COLORS[i % len(_COLORS)]
        coords = " ".join(f"{sx(float(x)):.1f},{sy(float(y)):.1f}" for x, y in s)
        if len(s) > 1:
            out.append(f'<polyline fill="none" stroke="{color}" stroke-width="1.8" points="{coords}"/>')
        for x, y in s:
            out.append(f'<circle cx="{sx(float(x)):.1f}" cy="{sy(float(y)):.1f}" r="2.5" fill="{color}"/>')
        for line in lines:
            out.append(f'<text x="{left + pw + 8}" y="{ly}" fill="{color}" class="legend">{html.escape(line)}</text>')
            ly += 14
        ly += 4
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
