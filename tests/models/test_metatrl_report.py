"""MetaTRL results and reports without QGIS: trajectory labels, prediction columns per task, report sections."""

from types import SimpleNamespace

import numpy as np

from deeptraj.models.metatrl import report as rp
from deeptraj.models.metatrl.results import prediction_fields, prediction_rows, trajectory_labels
from deeptraj.models.metatrl.tasks import TaskData


class _Trajs:
    """The part of models.core.trajectories.Trajectories that trajectory_labels reads."""

    def __init__(self, values, offsets):
        self.attrs = {"mode": np.array(values, dtype=object)}
        self.offsets = np.array(offsets)

    def __len__(self):
        return len(self.offsets) - 1


def test_trajectory_labels_take_the_most_frequent_non_empty_value():
    trajs = _Trajs(["bus", None, "bus", "walk", "", float("nan"), None], [0, 4, 6, 7])
    assert trajectory_labels(trajs, "mode").tolist() == ["bus", None, None]


def _data(task, y, classes=None):
    n = len(y)
    return TaskData(task, np.arange(n), np.full(n, 3), "all", np.asarray(y), classes, {"too_short": 2})


def test_destination_columns_of_one_and_of_k_units():
    keys = np.array([10, 11, 12, 13, 14, 15])
    lonlat = np.arange(12, dtype=float).reshape(6, 2)
    data = _data("destination", [2, 5], classes=6)
    pred = np.array([[0.1, 0.0, 0.6, 0.1, 0.1, 0.1], [0.5, 0.1, 0.1, 0.1, 0.1, 0.1]])
    names = [n for n, _ in prediction_fields(data)]
    assert names == ["true_unit", "pred_unit", "probability", "correct", "in_top5", "top5", "pred_lon", "pred_lat"]
    rows = prediction_rows(data, pred, keys, lonlat)
    assert rows[0] == ["12", "12", 0.6, True, True, "12,10,13,14,15", 4.0, 5.0]
    assert rows[1][:5] == ["15", "10", 0.5, False, False]
    k2 = _data("destination", [[1, 2], [3, 4]], classes=6)
    scores = np.zeros((4, 6))
    scores[[0, 1, 2, 3], [1, 0, 3, 4]] = 1.0  # row 0: 1 of 2 right; row 1: 2 of 2
    names = [n for n, _ in prediction_fields(k2)]
    assert names[-2:] == ["units_predicted", "units_correct"]
    rows = prediction_rows(k2, scores, keys, lonlat)
    assert [r[-2:] for r in rows] == [[2, 1], [2, 2]]
    assert rows[1][3] is True and rows[0][3] is False


def test_travel_time_and_classification_columns():
    tt = _data("travel_time", [10.0, 4.0])
    assert prediction_rows(tt, np.array([12.0, 3.0]), None, None) == [[10.0, 12.0, 2.0], [4.0, 3.0, 1.0]]
    assert [n for n, _ in prediction_fields(tt)] == ["minutes", "pred_minutes", "abs_error"]
    cl = _data("classification", [0, 1], classes=np.array(["bus", "walk"], dtype=object))
    rows = prediction_rows(cl, np.array([[0.7, 0.3], [0.8, 0.2]]), None, None)
    assert rows == [["bus", "bus", 0.7, True], ["walk", "bus", 0.8, False]]


def _model():
    return SimpleNamespace(
        history_={
            "meta": [
                {"city": "A", "meta_epoch": 1, "loss": 2.0, "test_loss": 2.5},
                {"city": "A", "meta_epoch": 2, "loss": 1.5, "test_loss": 2.0},
            ],
            "target": [{"epoch": 1, "loss": 3.0, "fm": 2.0, "tm": 1.0}],
        },
        info_={"n_target_trajectories": 7},
        params=SimpleNamespace(d_model=16, seed=0),
    )


def test_training_report_sections_and_titles(tmp_path):
    sections = rp.training_sections(
        _model(), {"MODEL_FILE": "m.metatrl", "N_UNITS": 5}, {"unit": "h3"}, {"Result": "Ergebnis"}
    )
    assert [t for t, _ in sections] == [
        "Ergebnis",
        "Meta-training on the source cities",
        "Pre-training on the target city",
        "Parameters",
    ]
    assert (
        "n_units" in sections[0][1] and "m.metatrl" not in sections[0][1] and "n_target_trajectories" in sections[0][1]
    )
    assert rp.meta_curves(_model().history_["meta"])["A test (meta step)"] == [(1, 2.5), (2, 2.0)]
    no_sources = _model()
    no_sources.history_["meta"] = []
    assert len(rp.training_sections(no_sources, {}, {})) == 3
    path = tmp_path / "r.html"
    rp.write_training_report(str(path), _model(), {"N_UNITS": 5}, {"unit": "h3"})
    text = path.read_text(encoding="utf-8")
    assert "MetaTRL training report" in text and "<svg" in text


def test_task_report(tmp_path):
    fitted = SimpleNamespace(history={"train_loss": [1.0, 0.5], "val_loss": [1.2, 0.9]}, best_epoch=1)
    data = _data("travel_time", [1.0])
    sections = rp.task_sections("travel_time", fitted, {"mae": 0.5}, {"OUTPUT": "x", "N_TEST": 3}, data)
    assert [t for t, _ in sections] == [
        "Metrics on the test trajectories",
        "Result",
        "Training of the head",
        "Trajectories left out",
    ]
    assert {t for t, _ in sections} <= set(rp.TITLES)
    assert "best epoch 2" in sections[2][1] and "too_short" in sections[3][1] and "n_test" in sections[1][1]
    path = tmp_path / "t.html"
    rp.write_task_report(str(path), "travel_time", fitted, {"mae": 0.5}, {"N_TEST": 3}, data)
    assert "MetaTRL travel_time report" in path.read_text(encoding="utf-8")
