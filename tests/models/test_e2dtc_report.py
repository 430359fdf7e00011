"""Scores against a ground truth and the HTML training report of E2DTC (models.e2dtc.report)."""

from types import SimpleNamespace

import numpy as np
import pytest

from deeptraj.models.e2dtc.params import make_params
from deeptraj.models.e2dtc.report import cluster_sizes, ground_truth_scores, write_training_report


def test_ground_truth_scores_leave_out_null_and_negative_labels():
    gt = ["a", "a", None, "b", "b", -1, "NULL"]
    perfect = np.array([1, 1, 0, 0, 0, 1, 1])
    swapped = np.array([0, 1, 0, 0, 1, 0, 0])
    scores, n = ground_truth_scores(gt, {"one": perfect, "two": swapped})
    assert n == 4 and list(scores) == ["one", "two"]
    assert scores["one"] == pytest.approx({"UACC": 1.0, "NMI": 1.0, "RI": 1.0, "ARI": 1.0})
    assert scores["two"]["UACC"] == 0.5


def test_too_few_labels_give_no_scores():
    assert ground_truth_scores([None, "a", -3], {"x": np.array([0, 1, 2])}) == ({}, 1)


def test_cluster_sizes_count_empty_clusters():
    assert cluster_sizes(np.array([2, 0, 2]), 4) == [1, 0, 2, 0]


def test_training_report_has_every_section(tmp_path):
    history = {
        "pretrain_loss": [3.0, 2.0],
        "selftrain": [
            {"total": 1.0, "reconstruction": 0.5, "clustering": 0.3, "triplet": 0.2, "active_triplets": 0.4},
            {"total": 0.8, "reconstruction": 0.4, "clustering": 0.2, "triplet": 0.2, "active_triplets": 0.3},
        ],
        "changed": [(10, 0.2), (20, 0.05)],
        "elbow": [(2, 100.0), (3, 50.0), (4, 45.0)],
    }
    model = SimpleNamespace(history_=history, params=make_params("fast-cpu", n_clusters=3))
    results = {"N_TRAJECTORIES": 9, "N_PRETRAIN": 12, "N_CLUSTERS": 3, "CLUSTER_SIZES": [3, 3, 3]}
    scores = {"E2DTC": {"UACC": 1.0, "NMI": 1.0, "RI": 1.0, "ARI": 1.0}}
    path = tmp_path / "r.html"
    write_training_report(str(path), model, scores, results, {"elbow": "Elbow!"})
    html = path.read_text(encoding="utf-8")
    for text in (
        "E2DTC training report",
        "Scores against the ground truth",
        "Pre-training (t2vec)",
        "Elbow!",
        "Self-training",
        "3, 3, 3",
        "elbow at k = 3",
        "pretrain_epochs",
        "changed assignments",
    ):
        assert text in html, text
    write_training_report(str(path), SimpleNamespace(history_={}, params=model.params), {}, results)
    html = path.read_text(encoding="utf-8")
    assert "Scores against" not in html and "Choosing k" not in html
