"""Engine tests for models/anomaly_eval.py (CroTad point voting Eq. 26-27 and Table 2 metrics)."""

import numpy as np
import pytest

from deeptraj.models.crotad.evaluation import (
    NORMAL,
    cell_truth,
    endpoint_check,
    evaluate,
    evaluate_detection,
    label_runs,
    labels_from_votes,
    padded_windows,
    prf,
    table_html,
    table_text,
    votes_from_actions,
    window_truth,
)


def _votes_loop(actions, n, L):
    starts, ends = padded_windows(n, L)
    v = np.zeros(n, int)
    for k, (s, e) in enumerate(zip(starts, ends)):
        v[s : e + 1] += actions[k]
    return v


def test_padded_windows_paper_layout():
    s, e = padded_windows(6, 3)
    assert s.tolist() == [0, 0, 0, 1, 2, 3, 4, 5]
    assert e.tolist() == [0, 1, 2, 3, 4, 5, 5, 5]
    # every cell lies in exactly L windows: j .. j + L - 1
    for n, L in [(1, 1), (1, 5), (3, 5), (7, 5), (20, 10)]:
        s, e = padded_windows(n, L)
        assert s.size == n + L - 1
        cover = np.zeros(n, int)
        for a, b in zip(s, e):
            cover[a : b + 1] += 1
        assert (cover == L).all()
        for j in range(n):
            assert np.flatnonzero((s <= j) & (e >= j)).tolist() == list(range(j, j + L))
    s, e = padded_windows(0, 4)
    assert s.size == 0 and e.size == 0


def test_votes_match_loop_and_each_cell_gets_L():
    rng = np.random.default_rng(0)
    for n, L in [(1, 1), (1, 4), (2, 5), (9, 5), (30, 10)]:
        a = rng.integers(0, 2, n + L - 1).astype(np.int8)
        v = votes_from_actions(a, n, L)
        assert v.dtype == np.int16
        assert v.tolist() == _votes_loop(a, n, L).tolist()
        assert (votes_from_actions(np.ones(n + L - 1, np.int8), n, L) == L).all()
    with pytest.raises(ValueError, match="ACTIONS"):
        votes_from_actions(np.zeros(4), 3, 3)
    with pytest.raises(ValueError, match="WINDOW"):
        votes_from_actions(np.zeros(4), 3, 0)
    assert votes_from_actions(np.zeros(0), 0, 5).size == 0


def test_labels_and_endpoint_check():
    v = np.array([0, 1, 3, 5, 2], np.int16)
    assert labels_from_votes(v, 3).tolist() == [0, 0, 1, 1, 0]
    assert labels_from_votes(v, 1).dtype == np.int8
    with pytest.raises(ValueError, match="VOTE_THRESHOLD"):
        labels_from_votes(v, 0)
    cells = np.array([10, 11, 12, 13, 14], np.uint64)
    lab = np.zeros(5, np.int8)
    out = endpoint_check(lab, cells, frozenset({10, 11, 12, 13}))
    assert out.tolist() == [0, 0, 0, 0, 1] and lab.sum() == 0  # input untouched
    assert endpoint_check(lab, cells, frozenset()).tolist() == [1, 0, 0, 0, 1]
    assert endpoint_check(lab[:1], cells[:1], frozenset()).tolist() == [1]


def test_cell_and_window_truth():
    pts = np.array([0, 0, 1, 0, 0, 0, 1, 1, 0], np.int8)
    rs = np.array([0, 2, 3, 6, 8])
    re_ = np.array([2, 3, 6, 8, 9])
    ct = cell_truth(pts, rs, re_)
    assert ct.tolist() == [0, 1, 0, 1, 0]
    wt = window_truth(ct, 2)
    # windows: [0],[0,1],[1,2],[2,3],[3,4],[4]
    assert wt.tolist() == [0, 1, 1, 1, 1, 0]
    with pytest.raises(ValueError, match="RUN"):
        cell_truth(pts, [0], [20])


def test_prf_edge_cases():
    assert prf([1, 1, 0, 0], [1, 0, 1, 0]) == (0.5, 0.5, 0.5)
    assert prf([0, 0], [0, 0]) == (0.0, 0.0, 0.0)
    assert prf([1, 0], [0, 0]) == (0.0, 0.0, 0.0)
    p, r, f = prf([1, 1, 1, 0], [1, 1, 0, 0])
    assert p == 1.0 and r == pytest.approx(2 / 3) and f == pytest.approx(0.8)


def test_evaluate_pools_per_type_and_normal_fpr():
    L = 2
    items = [
        # head detour: cells 0-1 anomalous, detector flags cells 0-2
        dict(kind="head_detour", cell_truth=[1, 1, 0, 0], cell_pred=[1, 1, 1, 0], window_pred=[1, 1, 1, 0, 0]),
        dict(kind="head_detour", cell_truth=[1, 0, 0], cell_pred=[0, 0, 0], window_pred=[0, 0, 0, 0]),
        dict(kind="random_trajectory", cell_truth=[1, 1, 1], cell_pred=[1, 0, 1], window_pred=[1, 1, 1, 1]),
        dict(kind="normal", cell_truth=[0, 0, 0, 0], cell_pred=[0, 1, 0, 0], window_pred=[0, 1, 1, 0, 0]),
        dict(kind="normal", cell_truth=[0, 0], cell_pred=[0, 0], window_pred=[0, 0, 0]),
    ]
    ev = evaluate(items, L)
    assert ev["head_detour"]["n"] == 2
    # point: tp 2, fp 1, fn 1
    assert ev["head_detour"]["point"] == pytest.approx((2 / 3, 2 / 3, 2 / 3))
    # window truths: [1,1,1,0,0] and [1,1,0,0]; preds [1,1,1,0,0] and [0,0,0,0] -> tp 3, fp 0, fn 2
    assert ev["head_detour"]["window"] == pytest.approx((1.0, 0.6, 0.75))
    assert ev["random_trajectory"]["point"][0] == 1.0
    assert ev["normal"] == {
        "point_fpr": pytest.approx(1 / 6),
        "window_fpr": pytest.approx(2 / 8),
        "traj_fpr": 0.5,
        "n": 2,
    }
    with pytest.raises(ValueError, match="WINDOW_PRED"):
        evaluate([dict(kind="x", cell_truth=[0, 1], cell_pred=[0, 1], window_pred=[0, 1])], L)


def test_tables():
    L = 2
    items = [
        dict(kind="midway_detour", cell_truth=[0, 1, 0], cell_pred=[0, 1, 0], window_pred=[0, 1, 1, 0]),
        dict(kind="normal", cell_truth=[0, 0], cell_pred=[0, 0], window_pred=[0, 0, 0]),
    ]
    ev = evaluate(items, L)
    by = {"CroTad": ev, "iBOAT <&>": {"midway_detour": ev["midway_detour"]}}
    txt = table_text(by)
    assert "Part I: Window level" in txt and "Part II: Point level" in txt
    assert "Midway Detour" in txt and "FPR" in txt and "1.0000" in txt
    lines = txt.splitlines()
    rows = [ln for ln in lines if ln.startswith("CroTad") or ln.startswith("iBOAT")]
    assert len(rows) == 4 and len({len(r) for r in rows}) == 1  # fixed width
    assert rows[1].rstrip().endswith("-")  # no normal results for iBOAT
    txt2 = table_text(by, types=["head_detour", "midway_detour"])
    assert "Head Detour" in txt2
    h = table_html(by, caption="Porto <test>")
    assert h.startswith("<table") and "iBOAT &lt;&amp;&gt;" in h and "Porto &lt;test&gt;" in h
    assert "<th colspan='3'>Midway Detour</th>" in h and "iBOAT <&>" not in h


def test_label_runs_and_evaluate_detection():
    # trajectories of 6, 3 (not asked for) and 4 points
    offsets = np.array([0, 6, 9, 13])
    labels = np.array([0, 0, 1, 1, 1, 0, 1, 1, 1, 1, 1, 0, 0])
    votes = np.array([0, 1, 3, 4, 5, 2, 9, 9, 9, 4, 3, 0, 1])
    runs = label_runs(offsets, labels, votes, [0, 2])
    assert len(runs) == 5 and runs.traj.tolist() == [0, 0, 0, 2, 2]
    assert runs.start.tolist() == [0, 2, 5, 9, 11] and runs.end.tolist() == [2, 5, 6, 11, 13]
    assert runs.label.tolist() == [0, 1, 0, 1, 0] and runs.mean_votes.tolist() == [0.5, 4.0, 2.0, 3.5, 0.5]
    assert runs.line_end(offsets).tolist() == [3, 6, 6, 12, 13]  # boundary point shared, never past the end
    assert runs.anomalous_points(3).tolist() == [3, 0, 2]
    assert len(label_runs(offsets, labels, votes, [])) == 0
    items = [
        {
            "kind": "head_detour",
            "cell_truth": np.array([1, 1, 0, 0]),
            "cell_pred": np.array([1, 0, 0, 0]),
            "window_pred": np.array([1, 1, 0, 0, 0]),
        },
        {
            "kind": NORMAL,
            "cell_truth": np.zeros(3, int),
            "cell_pred": np.array([0, 1, 0]),
            "window_pred": np.array([0, 1, 1, 0]),
        },
    ]
    ev = evaluate_detection(items, 2)
    assert ev["by_type"] == evaluate(items, 2)
    assert ev["share"] == pytest.approx(2 / 7)
    # pooled over both trajectories: cells tp 1, fp 1, fn 1
    assert ev["all"]["point"] == pytest.approx((0.5, 0.5, 0.5))


def test_anomaly_flags_and_evaluate_cell_labels():
    from deeptraj.models.core.cells import collapse_runs
    from deeptraj.models.crotad import evaluation as ae

    flags = ae.anomaly_flags(np.array([1, 0, None, float("nan"), "true", "no", 2.0, "x"], object))
    assert flags.tolist() == [1, 0, 0, 0, 1, 0, 1, 0]
    # two trajectories of 4 points / 3 cells each; the second has its middle cell anomalous and flagged
    seqs = collapse_runs(np.array([1, 2, 2, 3, 4, 5, 5, 6], np.uint64), np.array([0, 4, 8]))
    truth = np.array([0, 0, 0, 0, 0, 1, 1, 0], np.int8)
    labels = np.array([0, 0, 0, 0, 1, 0], np.int8)
    L = 2
    actions = {0: np.zeros(4, np.int8), 1: np.array([0, 1, 1, 0], np.int8)}
    ev = ae.evaluate_cell_labels(seqs, [0, 1], [None, "midway_detour"], truth, labels, actions, L)
    assert ev["by_type"]["midway_detour"]["point"] == (1.0, 1.0, 1.0)
    assert ev["by_type"]["normal"]["point_fpr"] == 0.0 and ev["share"] == 1 / 6
