"""HTML report charts (models.core.report): a chart with nothing to draw a line through says why, legends are laid
out inside the chart, and the E2DTC report's self-training charts say why they are empty."""

import re
from types import SimpleNamespace

import pytest

from deeptraj.models.core.report import line_chart, text_width
from deeptraj.models.e2dtc.params import make_params
from deeptraj.models.e2dtc.report import selftrain_empty_reasons, write_training_report


def _svg_width(svg):
    return float(re.search(r'<svg [^>]*width="(\d+)"', svg).group(1))


def _texts(svg, cls=None):
    """(x, text, anchor) of every horizontal <text> (of class ``cls``)."""
    out = []
    for m in re.finditer(r"<text ([^>]*)>([^<]*)</text>", svg):
        attrs, text = m.group(1), m.group(2)
        if (cls and f'class="{cls}"' not in attrs) or "rotate" in attrs:
            continue
        x = float(re.search(r'x="([\d.]+)"', attrs).group(1))
        anchor = re.search(r'text-anchor="(\w+)"', attrs)
        out.append((x, text, anchor.group(1) if anchor else "start"))
    return out


def _inside(svg):
    """Every text fits inside the SVG width (start-anchored texts from x, middle-anchored around x)."""
    w = _svg_width(svg)
    for x, text, anchor in _texts(svg):
        half = text_width(text) / 2
        lo, hi = (x - half, x + half) if anchor == "middle" else (x, x + text_width(text))
        if anchor == "end":
            lo, hi = x - text_width(text), x
        assert lo >= 0 and hi <= w, (text, lo, hi, w)


@pytest.mark.parametrize("series", [{}, {"loss": []}, {"a": [], "b": []}])
def test_a_chart_without_points_shows_the_reason(series):
    svg = line_chart(series, "losses", "epoch", "loss", empty_reason="self-training stopped at once: nothing to plot")
    assert svg.startswith("<svg") and "self-training stopped at once: nothing to plot" in svg
    assert "<polyline" not in svg and "<circle" not in svg
    assert "no data" in line_chart(series, "losses", "epoch", "loss")  # a generic reason without the caller's


def test_a_single_point_is_a_message_with_its_value():
    svg = line_chart({"total": [(1, 0.25)]}, "losses", "epoch", "loss", empty_reason="one epoch: no line to draw")
    assert "one epoch: no line to draw" in svg and "total: 0.25 at epoch 1" in svg and "<polyline" not in svg
    assert "single point" in line_chart({"total": [(1, 0.25)]}, "losses", "epoch", "loss")
    _inside(svg)


def test_long_legend_labels_stay_inside_the_chart():
    long = "share of the triplets inside the margin at every epoch of self-training (the others do not move it)"
    series = {
        long: [(1, 0.5), (2, 0.4)],
        "MMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMM": [(1, 0.1), (2, 0.2)],
        "b": [(1, 0), (2, 1)],
    }
    svg = line_chart(series, "a title", "epoch", "share")
    legend = _texts(svg, "legend")
    assert len(legend) >= 4  # the long label wraps onto several lines
    assert " ".join(t for _, t, _ in legend[:-2]) == long
    for x, text, _ in legend:
        assert x + text_width(text) <= _svg_width(svg), text
    _inside(svg)


def test_a_long_title_widens_the_chart():
    title = "share of triplets with a non-zero loss (the others do not move the encoder) and more words here"
    svg = line_chart({"a": [(1, 1), (2, 2)]}, title, "epoch", "share")
    _inside(svg)


def test_text_width_grows_with_text_and_weight():
    assert text_width("") == 0
    assert text_width("iii") < text_width("aaa") < text_width("MMM")
    assert text_width("abc", bold=True) > text_width("abc")


def _history(selftrain_epochs_run, n_changed):
    row = {"total": 1.0, "reconstruction": 0.5, "clustering": 0.3, "triplet": 0.2, "active_triplets": 0.4}
    return {
        "pretrain_loss": [3.0, 2.0],
        "selftrain": [row] * selftrain_epochs_run,
        "changed": [(10 * i, 0.0) for i in range(n_changed)],
        "elbow": None,
    }


def test_selftrain_reasons():
    p = make_params("fast-cpu", n_clusters=3, selftrain_epochs=5)
    epoch, change = selftrain_empty_reasons(_history(1, 2), p)
    assert "stopped at its first target update" in epoch and "0.10%" in epoch and change is None
    epoch, change = selftrain_empty_reasons(_history(0, 0), make_params("fast-cpu", n_clusters=3, selftrain_epochs=0))
    assert "self-training was off" in epoch and "self-training was off" in change
    assert selftrain_empty_reasons(_history(3, 4), p) == (None, None)
    epoch, change = selftrain_empty_reasons(_history(1, 1), make_params("fast-cpu", selftrain_epochs=1))
    assert "one self-training epoch" in epoch and "one target update only" in change


def test_e2dtc_report_says_why_the_selftraining_charts_are_empty(tmp_path):
    p = make_params("fast-cpu", n_clusters=3, selftrain_epochs=5)
    model = SimpleNamespace(history_=_history(1, 2), params=p)
    results = {"N_TRAJECTORIES": 9, "N_PRETRAIN": 12, "N_CLUSTERS": 3, "CLUSTER_SIZES": [3, 3, 3]}
    path = tmp_path / "r.html"
    write_training_report(str(path), model, {}, results)
    html = path.read_text(encoding="utf-8")
    selftrain = html.split("<h2>Self-training</h2>")[1].split("<h2>")[0]
    svgs = re.findall(r"<svg.*?</svg>", selftrain)
    assert len(svgs) == 3
    for svg in svgs[:2]:
        assert "self-training stopped at its first target update" in svg
        _inside(svg)
    assert "<polyline" in svgs[2]  # two target updates: a line
    for svg in re.findall(r"<svg.*?</svg>", html):
        for x, text, _ in _texts(svg, "legend"):
            assert x + text_width(text) <= _svg_width(svg), text
