"""CroTad's detection figures beside the frequent-cells rule (issue 23): the rule is built from a fitted model's
stored frequent cells (no training data), run on the detection's cell sequences and scored with the same code; a
tiny CroTad fitted on the corridors of tests/models/test_crotad.py."""

import numpy as np
import pytest

pytest.importorskip("torch")
pytest.importorskip("h3")

from deeptraj.models.core.cells import collapse_runs  # noqa: E402
from deeptraj.models.crotad import results  # noqa: E402
from deeptraj.models.crotad.baselines import FrequentCellsDetector, frequent_cells_rule  # noqa: E402
from deeptraj.models.crotad.evaluation import evaluate_cell_labels  # noqa: E402
from deeptraj.models.crotad.model import CroTad  # noqa: E402
from tests.models.test_crotad import TINY, _detour, _routes, _training  # noqa: E402

WINDOW = 4


@pytest.fixture(scope="module")
def fitted():
    cells, od = _training()
    return CroTad(seed=0, window=WINDOW, vote_threshold=3, **TINY).fit(cells, od), cells, od


def _test_cells():
    """Per OD: the main route, a midway detour and a head detour of it (with their per-cell truth)."""
    cells, od, truth, kinds = [], [], [], []
    for k, (r1, _) in enumerate(_routes()):
        n = len(r1)
        cells.append(np.array(r1, np.uint64))
        truth.append(np.zeros(n, np.int8))
        od.append(str(k))
        kinds.append(None)
        for (i, j), kind in (((n // 3, 2 * n // 3), "midway_detour"), ((0, n // 3), "head_detour")):
            c, t = _detour(r1, i, j)
            cells.append(c)
            truth.append(t.astype(np.int8))
            od.append(str(k))
            kinds.append(kind)
    return cells, od, truth, kinds


def _as_sequences(cells):
    """CellSequences with one point per cell (no consecutive duplicates in the test cells)."""
    offsets = np.concatenate([[0], np.cumsum([c.size for c in cells])]).astype(np.int64)
    return collapse_runs(np.concatenate(cells), offsets)


def test_the_rule_built_from_the_model_is_the_rule_fitted_on_the_training_data(fitted):
    model, train_cells, train_od = fitted
    rule = frequent_cells_rule(model)
    assert isinstance(rule, FrequentCellsDetector)
    assert (rule.window, rule.default_vote_threshold(), rule.check_endpoints) == (WINDOW, 3, True)
    assert rule.freq_threshold == model.params.freq_threshold and rule.min_normality == 1.0
    assert frequent_cells_rule(model, vote_threshold=2).default_vote_threshold() == 2
    ref = FrequentCellsDetector(window=WINDOW, vote_threshold=3, freq_threshold=model.params.freq_threshold)
    ref.fit(train_cells, train_od)
    assert rule.ods_ == ref.ods_ == ["0", "1", "2"] and rule.frequent_ == ref.frequent_

    cells, od, _, kinds = _test_cells()
    mine, theirs = rule.detect(cells, od), ref.detect(cells, od)
    for c, k, a, b in zip(cells, kinds, mine, theirs):
        assert np.array_equal(a.actions, b.actions) and np.array_equal(a.labels, b.labels)
        if k == "midway_detour":  # the detour's windows leave S_pos^od: flagged, the route's own windows not
            assert a.actions.any() and not a.actions[: WINDOW - 1].any()
            assert a.labels.any() and a.labels[0] == 0 and a.labels[-1] == 0
    assert not mine[0].labels.any()  # the main route itself is normal


def test_rule_evaluation_scores_the_rule_like_the_detection(fitted):
    model, train_cells, train_od = fitted
    cells, od, truth, kinds = _test_cells()
    seqs = _as_sequences(cells)
    rows = np.arange(len(cells))
    point_truth = np.concatenate(truth)
    got = results.rule_evaluation(model, seqs, rows, od, kinds, point_truth)

    ref = FrequentCellsDetector(window=WINDOW, vote_threshold=3, freq_threshold=model.params.freq_threshold)
    found = ref.fit(train_cells, train_od).detect(cells, od)
    labels = np.concatenate([d.labels for d in found])
    expected = evaluate_cell_labels(
        seqs, rows, kinds, point_truth, labels, {i: d.actions for i, d in enumerate(found)}, WINDOW
    )
    assert got == expected
    assert set(got["by_type"]) == {"normal", "midway_detour", "head_detour"}
    assert got["all"]["point"][2] > 0.5  # the detours are made of cells outside S_pos^od

    # trajectories left out of ``rows`` (an OD the model does not know) are not scored
    part = results.rule_evaluation(model, seqs, rows[:3], od, kinds, point_truth)
    assert sum(r["n"] for r in part["by_type"].values()) == 3


def test_detection_figures_put_the_rule_beside_each_precision_recall_and_f1():
    def ev(point, window, midway):
        return {
            "by_type": {
                "normal": {"point_fpr": 0.1, "window_fpr": 0.1, "traj_fpr": 0.2, "n": 2},
                "midway_detour": {"point": midway, "window": midway, "n": 3},
            },
            "all": {"point": point, "window": window, "n": 5},
            "share": 0.2,
        }

    crotad = ev((0.9, 0.8, 0.85), (0.7, 0.6, 0.65), (0.9, 0.8, 0.85))
    rule = ev((0.5, 0.9, 0.6), (0.8, 0.9, 0.7), (0.5, 0.9, 0.6))
    figures = results.detection_figures(crotad, rule)
    lines = [f.line() for f in figures]
    assert lines == [
        "All trajectories: point precision 0.900 (frequent-cells rule: 0.500)",
        "All trajectories: point recall 0.800 (frequent-cells rule: 0.900)",
        "All trajectories: point F1 0.850 (frequent-cells rule: 0.600)",
        "All trajectories: window precision 0.700 (frequent-cells rule: 0.800)",
        "All trajectories: window recall 0.600 (frequent-cells rule: 0.900)",
        "All trajectories: window F1 0.650 (frequent-cells rule: 0.700)",
        "Midway Detour: point F1 0.850 (frequent-cells rule: 0.600)",
    ]
    assert [f.worse for f in figures] == [False, True, False, True, True, True, False]
