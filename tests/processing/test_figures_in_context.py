"""Every quality figure an algorithm prints has its baseline on the same line, and a run that went somewhere a user
should know about (ε at an end of its range, a score worse than its baseline) says so in a warning: eco and
metatrltask, their messages captured from quick runs."""

import re

import pytest

from tests.layers import WarningFeedback
from tests.processing.test_eco import _params as eco_params
from tests.processing.test_eco import stream_gpkg  # noqa: F401 - the fixture
from tests.processing.test_metatrl import _apply_params, files, h3_model  # noqa: F401 - the fixtures

#: "<figure> <number> (<baseline name>: <number>)"
BESIDE = re.compile(
    r"(?P<name>[\w@\- ()]+?) (?P<value>-?\d+\.\d+|n/a) \((?P<base>[^:()]+): (?P<bvalue>-?\d+\.\d+|n/a)\)"
)


def _lines_with(feedback, word):
    return [m for m in feedback.infos if word in m]


def test_eco_prints_mean_qs_and_nmi_beside_dbscan_at_the_initial_eps(run_alg, stream_gpkg, tmp_path):  # noqa: F811
    fb = WarningFeedback()
    res = run_alg("deeptraj:eco", eco_params(stream_gpkg, tmp_path), feedback=fb)
    for figure, key in (("mean QS", "MEAN_QS"), ("mean NMI", "MEAN_NMI")):
        lines = _lines_with(fb, figure)
        assert len(lines) == 1, fb.infos
        m = BESIDE.search(lines[0])
        assert m and m["name"].endswith(figure) and m["base"] == "DBSCAN per snapshot at ε 300 m", lines[0]
        assert float(m["value"]) == pytest.approx(res[key], abs=6e-4)
        assert m["bvalue"] != "n/a"
    # ε stays well inside its range here (300 m, QS radius 1000 m): no ε warning
    assert not [w for w in fb.warnings if "ε" in w], fb.warnings


def test_eco_warns_when_eps_ends_at_the_qs_radius(run_alg, stream_gpkg, tmp_path):  # noqa: F811
    """ε (from 300 m) ends near 200 m on these groups: a QS radius of 150 m cannot judge its clusters (the lowest
    end of the range, ε adapted down to Δε, is checked on hand-made values in tests/models)."""
    fb = WarningFeedback()
    res = run_alg("deeptraj:eco", eco_params(stream_gpkg, tmp_path, QS_RADIUS=150), feedback=fb)
    assert res["FINAL_EPS"] >= 150
    warned = [w for w in fb.warnings if "QS radius (150 m)" in w and f"ε ended at {res['FINAL_EPS']:g} m" in w]
    assert len(warned) == 1, fb.warnings


@pytest.mark.parametrize(
    "task, figures, baseline",
    [
        (0, ("micro-F1", "macro-F1", "Recall@5"), "most frequent destination"),
        (1, ("MAE (min)", "MAPE", "RMSE (min)"), "median speed"),
        (2, ("accuracy", "micro-F1", "macro-F1"), "most frequent class"),
    ],
)
def test_metatrl_task_prints_each_metric_beside_its_naive_baseline(files, h3_model, run_alg, task, figures, baseline):  # noqa: F811
    _, model, _ = h3_model
    fb = WarningFeedback()
    report = files["dir"] / f"ctx{task}.html"
    params = _apply_params(
        model,
        files["target"],
        TASK=task,
        LABEL_FIELD="mode" if task == 2 else None,
        EPOCHS=1,
        OUTPUT="memory:",
        OUTPUT_REPORT=str(report),
    )
    res = run_alg("deeptraj:metatrltask", params, feedback=fb)
    keys = {"micro-F1": "MICRO_F1", "macro-F1": "MACRO_F1", "Recall@5": "RECALL_AT_5", "accuracy": "ACCURACY"}
    keys.update({"MAE (min)": "MAE", "MAPE": "MAPE", "RMSE (min)": "RMSE"})
    worse = []
    for figure in figures:
        lines = [line for line in fb.infos if f": {figure} " in line]
        assert len(lines) == 1, (figure, fb.infos)
        m = BESIDE.search(lines[0].split(": ", 1)[1])
        assert m and m["name"] == figure and m["base"] == baseline and m["bvalue"] != "n/a", lines[0]
        assert float(m["value"]) == pytest.approx(res[keys[figure]], abs=6e-4)
        value, base = float(m["value"]), float(m["bvalue"])
        if (value > base) if figure.startswith(("MAE", "MAPE", "RMSE")) else (value < base):
            worse.append(figure)
    # a figure worse than its baseline is a warning naming it; none is warned about otherwise
    warned = [f for f in figures if any(f" {f} " in w and "worse than its baseline" in w for w in fb.warnings)]
    assert sorted(warned) == sorted(worse), (fb.warnings, worse)
    html = report.read_text(encoding="utf-8")
    assert baseline in html and "baseline value" in html
