"""Quality figures beside baselines computed by the engine on the same data (models.core.figures and each method's
baseline): the naive MetaTRL baselines, ECO's DBSCAN-per-snapshot means and ε range ends, E2DTC's chance scores
and the mobility model's next-location baselines, checked on hand-made data."""

from types import SimpleNamespace

import numpy as np
import pytest

from deeptraj.models.core.figures import Figure, figure_rows, figures_table
from deeptraj.models.metatrl import taskmetrics as tm


def test_a_figure_prints_beside_its_baseline_and_knows_when_it_is_worse():
    f = Figure("micro-F1", 0.112, "most frequent destination", 0.087)
    assert f.line() == "micro-F1 0.112 (most frequent destination: 0.087)" and not f.worse
    assert Figure("micro-F1", 0.05, "most frequent destination", 0.087).worse
    assert Figure("MAE", 3.0, "median speed", 2.0, higher_is_better=False).worse
    assert not Figure("MAE", 1.0, "median speed", 2.0, higher_is_better=False).worse
    assert not Figure("QS", 0.5, "DBSCAN", None).worse and "(DBSCAN: n/a)" in Figure("QS", 0.5, "DBSCAN", None).line()
    two = Figure("acc@1", 0.3, "Markov", 0.25, others=(("most frequent", 0.2),))
    assert two.line() == "acc@1 0.300 (Markov: 0.250, most frequent: 0.200)"
    rows = figure_rows([two, Figure("x", 0.1, "b", 0.2)])
    assert rows[0][:4] == ("acc@1", "0.3000", "Markov", "0.2500") and rows[1][2:4] == ("most frequent", "0.2000")
    assert rows[2][4] == "worse than the baseline" and "baseline value" in figures_table([two])


def _data(task, y, n_classes=None, index=None, keep=None):
    y = np.asarray(y)
    index = np.arange(len(y)) if index is None else np.asarray(index)
    keep = np.full(len(y), 3) if keep is None else np.asarray(keep)
    classes = n_classes if task == "destination" else (list(range(n_classes)) if n_classes else None)
    from deeptraj.models.metatrl.tasks import TaskData

    return TaskData(task, index, keep, "all", y, classes)


def test_most_frequent_destination_micro_f1_on_a_tiny_example():
    # training destinations 2, 2, 1, 0: the baseline predicts unit 2 for every test row
    data = _data("destination", [2, 2, 1, 0, 2, 1, 2, 2], n_classes=4)
    train, test = np.arange(4), np.arange(4, 8)
    base = tm.baseline_metrics("destination", data, train, test)
    assert base["micro_f1"] == pytest.approx(0.75)  # 3 of the 4 test destinations are unit 2
    assert base["recall_at_5"] == pytest.approx(1.0) and base["n"] == 4
    # macro-F1 over the classes in the true or predicted labels (1 and 2): F1(2) = 2·0.75·1/1.75, F1(1) = 0
    assert base["macro_f1"] == pytest.approx((2 * 0.75 / 1.75) / 2)


def test_most_frequent_destination_pools_the_units_to_predict():
    data = _data("destination", [[1, 2], [2, 2], [2, 1], [0, 2]], n_classes=3)
    base = tm.baseline_metrics("destination", data, np.array([0, 1]), np.array([2, 3]))
    assert base["micro_f1"] == pytest.approx(0.5) and base["n"] == 4  # unit 2 right at 2 of the 4 positions


def test_most_frequent_class_accuracy():
    data = _data("classification", [0, 1, 1, 1, 0, 1, 0, 0, 0, 1], n_classes=2)
    base = tm.baseline_metrics("classification", data, np.arange(5), np.arange(5, 10))
    assert base["accuracy"] == pytest.approx(0.4)  # class 1 (3 of 5 training rows) right on 2 of the 5 test rows
    assert base["auc"] == pytest.approx(0.5)  # constant scores rank nothing


def test_median_speed_travel_time():
    # training speeds 0.5 and 1.0 km/min (a row that did not move is left out): median 0.75 km/min
    out = tm.median_speed_minutes([1.0, 2.0, 0.0], [2.0, 2.0, 5.0], [1.5, 3.0])
    np.testing.assert_allclose(out, [2.0, 4.0])
    np.testing.assert_allclose(tm.median_speed_minutes([0.0], [4.0], [2.0]), [4.0])  # none moved: median duration


def test_path_km_and_the_travel_time_baseline():
    # unit u sits at longitude 0.01·u on the equator: consecutive units 1.112 km apart
    lonlat = np.c_[np.arange(6) * 0.01, np.zeros(6)]
    seqs = {0: np.array([0, 1, 2]), 1: np.array([0, 1, 2, 3, 4]), 2: np.array([5, 4, 3]), 3: np.array([2])}
    ss = SimpleNamespace(seq=lambda r: seqs[r])
    data = _data("travel_time", [2.0, 4.0, 1.0, 3.0], keep=[3, 5, 2, 1])
    km = tm.path_km(ss, data, lonlat)
    step = 0.01 * np.pi / 180 * 6371.0088
    np.testing.assert_allclose(km, [2 * step, 4 * step, step, 0.0])  # keep: only the first units count
    base = tm.baseline_metrics("travel_time", data, np.array([0, 1]), np.array([2, 3]), ss, lonlat)
    # median speed step km/min: row 2 (1 step) → 1 min (true 1), row 3 (no move) → 0 min (true 3)
    assert base["mae"] == pytest.approx(1.5) and base["n"] == 2


def test_task_figures_name_the_baseline_and_leave_out_n():
    figs = tm.task_figures("travel_time", {"mae": 2.0, "rmse": 3.0, "n": 5}, {"mae": 1.0, "rmse": 4.0, "n": 5})
    assert [f.name for f in figs] == ["MAE (min)", "RMSE (min)"]
    assert figs[0].line() == "MAE (min) 2.000 (median speed: 1.000)" and figs[0].worse and not figs[1].worse
    figs = tm.task_figures("destination", {"micro_f1": 0.112, "n": 9}, {"micro_f1": 0.087})
    assert figs[0].line() == "micro-F1 0.112 (most frequent destination: 0.087)"


def _two_groups():
    """Two tight groups of 4 objects 1 km apart, over 3 steps (10 s each)."""
    obj = np.tile(np.arange(8), 3)
    t = np.repeat([0, 10, 20], 8)
    x = np.where(obj < 4, 0.0, 1000.0) + obj % 4 * 20.0 + np.repeat([0.0, 5.0, 10.0], 8)
    y = np.zeros(obj.size)
    return obj, x, y, t


def test_eco_baseline_is_dbscan_per_snapshot_at_the_initial_eps():
    from deeptraj.models.eco.baselines import SnapshotDBSCAN
    from deeptraj.models.eco.model import run_stream, summarise
    from deeptraj.models.eco.results import baseline_means, stream_figures
    from deeptraj.models.eco.stream import build_stream

    obj, x, y, t = _two_groups()
    stream = build_stream(obj, t, 10.0, 0)
    base = baseline_means(stream, x, y, t, eps=50.0, min_pts=3, qs_radius=200.0)
    rows = run_stream(SnapshotDBSCAN(eps=50.0, min_pts=3, adapt_eps=False), stream, x, y, t, qs_radius=200.0)
    by_hand = summarise(rows)
    assert (base["mean_qs"], base["mean_nmi"]) == pytest.approx((by_hand["mean_qs"], by_hand["mean_nmi"]))
    assert base["mean_qs"] > 0.4 and base["mean_nmi"] == pytest.approx(1.0)  # two clusters, stable
    figs = stream_figures({"MEAN_QS": 0.3, "MEAN_NMI": None}, base, 50.0)
    assert [f.name for f in figs] == ["mean QS"] and figs[0].baseline_name == "DBSCAN per snapshot at ε 50 m"
    assert figs[0].worse  # 0.3 below DBSCAN's QS


@pytest.mark.parametrize(
    "initial, final, step, adapt, qs_radius, expected",
    [
        (300.0, 300.0, 50.0, True, 1000.0, None),
        (300.0, 1200.0, 50.0, True, 1000.0, "max"),  # the run: ε from 300 to 1,200 m, QS on 1,000 m
        (1200.0, 1200.0, 50.0, False, 1000.0, "max"),  # not adapted, but still beyond what QS can judge
        (300.0, 50.0, 50.0, True, 1000.0, "min"),  # one more step would reach 0
        (320.0, 20.0, 50.0, True, None, "min"),
        (300.0, 100.0, 50.0, True, 1000.0, None),
        (30.0, 30.0, 50.0, True, 1000.0, None),  # did not adapt down: not "adapted to" the minimum
        (300.0, 1200.0, 50.0, True, None, None),  # no QS reported: no upper end
    ],
)
def test_eps_range_ends(initial, final, step, adapt, qs_radius, expected):
    from deeptraj.models.eco.results import eps_at_range_end

    assert eps_at_range_end(initial, final, step, adapt, qs_radius) == expected


def test_e2dtc_chance_scores_and_figures():
    from deeptraj.models.e2dtc.report import chance_scores, ground_truth_scores, score_figures

    gt = ["a", "a", "b", "b", None]
    one = np.zeros(5, np.int64)  # a shuffled single cluster is the same single cluster
    assert chance_scores(gt, one) == pytest.approx(ground_truth_scores(gt, {"x": one})[0]["x"])
    perfect = np.array([0, 0, 1, 1, 0])
    chance = chance_scores(gt, perfect, n_draws=50, seed=1)
    assert chance["UACC"] < 1.0 and chance["NMI"] < 1.0  # chance is below a perfect clustering on average
    assert chance_scores([None, "a"], perfect[:2]) == {}
    figs = score_figures({"UACC": 0.9, "NMI": 0.1}, {"UACC": 0.8, "NMI": 0.2}, "pre-training + k-means")
    assert figs[0].line() == "UACC 0.900 (pre-training + k-means: 0.800)" and figs[1].worse


def test_mobility_accuracy_beside_the_stronger_baseline_first():
    from deeptraj.models.mobility.report import next_location_figures

    ev = {
        "next_location": {
            "model": {"acc@1": 0.30, "acc@5": 0.60},
            "most_frequent": {"acc@1": 0.20, "acc@5": 0.70},
            "markov": {"acc@1": 0.25, "acc@5": 0.50},
        }
    }
    a1, a5 = next_location_figures(ev)
    assert a1.line() == "next-location accuracy@1 0.300 (Markov: 0.250, most frequent location: 0.200)"
    assert not a1.worse and a5.baseline_name == "most frequent location" and a5.worse
    assert next_location_figures({}) == []
