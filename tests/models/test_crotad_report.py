"""What CroTad runs report besides their layers (models.crotad.results) and their HTML reports
(models.crotad.report), without training a model."""

from types import SimpleNamespace

import numpy as np

from deeptraj.models.crotad import report, results
from deeptraj.models.crotad.evaluation import evaluate_detection, label_runs
from deeptraj.models.crotad.params import CroTadParams
from deeptraj.models.crotad.selection import select_training

L = 3


def _fitted_model():
    """What the reports read of a fitted CroTad model."""
    return SimpleNamespace(
        ods_=["0", "1"],
        graph_stats_={"n_nodes": 12, "n_road_edges": 5, "n_mobility_edges": 9},
        params=CroTadParams(window=L, pretrain_epochs=2),
        history_={
            "pretrain": [
                {"epoch": 1, "loss": 3.0, "rec": 1.0, "stsc": 1.5, "miic": 0.5},
                {"epoch": 2, "loss": 2.0, "rec": 0.8, "stsc": 1.0, "miic": None},
            ],
            "pseudo_labels": {"10": {"normal": 7, "anomalous": 1, "theta": 7.0}, "2": {"normal": 5}},
            "dqn": [{"step": 10, "reward": 0.5, "loss": 0.2}, {"step": 20, "reward": 0.7, "loss": 0.1}],
            "timings": {"node2vec": 1.234},
        },
    )


def _evaluation():
    """evaluate_detection of a midway detour found exactly and a normal trajectory with one flagged cell."""
    detour = np.array([0, 1, 1, 0, 0])
    normal_pred = np.array([0, 0, 1, 0])
    items = [
        {"kind": "midway_detour", "cell_truth": detour, "cell_pred": detour, "window_pred": np.zeros(5 + L - 1)},
        {"kind": "normal", "cell_truth": np.zeros(4), "cell_pred": normal_pred, "window_pred": np.zeros(4 + L - 1)},
    ]
    return evaluate_detection(items, L)


def test_training_results_count_the_selection_and_the_graph():
    sel = select_training([4, 1, 2, 5, 3], ["0", "0", "1", "1", "0"], 10, L)
    out = results.training_results(_fitted_model(), sel, 6, 17)
    assert out == {
        "N_TRAJECTORIES": 4,
        "N_OD": 2,
        "N_DROPPED": 2,
        "N_SHORTER_THAN_WINDOW": 1,
        "N_CELLS": 17,
        "GRAPH_NODES": 12,
        "GRAPH_ROAD_EDGES": 5,
        "GRAPH_MOBILITY_EDGES": 9,
    }


def test_detection_results_count_the_anomalous_points_of_the_labelled_trajectories():
    offsets = np.array([0, 4, 7, 9])
    labels = np.array([0, 1, 1, 0, 0, 0, 0, 1, 1])
    votes = np.array([0, 3, 2, 0, 0, 0, 0, 3, 3])
    rows = np.array([0, 2])  # trajectory 1 skipped
    runs = label_runs(offsets, labels, votes, rows)
    out = results.detection_results(runs, 3, rows, 1)
    assert out["N_TRAJECTORIES"] == 2 and out["N_SKIPPED"] == 1 and out["N_SEGMENTS"] == len(runs) == 4
    assert out["N_ANOMALOUS_POINTS"] == 4 and out["N_ANOMALOUS_TRAJECTORIES"] == 2
    assert list(out) == [
        "N_TRAJECTORIES",
        "N_SKIPPED",
        "N_ANOMALOUS_TRAJECTORIES",
        "N_ANOMALOUS_POINTS",
        "N_SEGMENTS",
    ]
    assert results.detection_mode("online", True) == "online-batch"
    assert results.detection_mode("online", False) == "online" and results.detection_mode("offline", True) == "offline"


def test_evaluation_results_flatten_every_type_and_the_normal_rates():
    ev = _evaluation()
    out = results.evaluation_results(ev)
    assert out["POINT_F1_MIDWAY_DETOUR"] == 1.0 and out["POINT_P_ALL"] == 0.6667  # the normal one's flagged cell
    assert out["WINDOW_R_MIDWAY_DETOUR"] == 0.0  # no window was flagged
    assert out["POINT_FPR_NORMAL"] == 0.25 and out["TRAJ_FPR_NORMAL"] == 1.0 and out["WINDOW_FPR_NORMAL"] == 0.0
    assert out["ANOMALY_SHARE"] == round(2 / 9, 4)
    assert results.result_key("Route switching!") == "ROUTE_SWITCHING" and results.result_key("") == "UNKNOWN"


def test_training_report_has_every_section(tmp_path):
    path = tmp_path / "train.html"
    res = {"MODEL_FILE": "/x/model.pt", "N_TRAJECTORIES": 4}
    extra = {"traj_id_field": "traj_id", "od": {"resolution": 8, "min_trips": 20, "pairs": [1, 2, 3]}}
    report.write_training_report(str(path), _fitted_model(), res, extra, {"10": 8}, {"graph": "Graphe"})
    html = path.read_text(encoding="utf-8")
    for text in ("Pre-training", "STSC", "MIIC", "Pseudo-labels", "DQN", "Graphe", "Timings", "1.2 s", "<svg"):
        assert text in html, text
    assert "n_trajectories" in html and "/x/model.pt" not in html
    assert "pretrain_epochs" in html and "input: traj_id_field" in html
    assert "resolution 8, at least 20 trips, 3 pairs" in html
    assert html.index(">2<") < html.index(">10<")  # ODs in natural order


def test_detection_report_lays_out_the_evaluation(tmp_path):
    path = tmp_path / "detect.html"
    res = {
        "OUTPUT_SEGMENTS": "seg",
        "N_TRAJECTORIES": 2,
        "POINT_F1_ALL": 1.0,
        "ANOMALY_SHARE": 0.2,
    }
    report.write_detection_report(str(path), res, _evaluation(), "online", "/x/model.pt")
    html = path.read_text(encoding="utf-8")
    assert "n_trajectories" in html and "anomaly_share" in html and "/x/model.pt" in html
    assert "output_segments" not in html and "point_f1_all" not in html
    assert "CroTad online" in html and "Midway Detour" in html and "Point level" in html
    assert "share of anomalous cells 0.2222" in html
    report.write_detection_report(str(path), res, None, "offline", "/x/model.pt")
    assert "Table 2" not in path.read_text(encoding="utf-8")
