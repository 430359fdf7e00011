"""Result tables of the ground-truth generators (models/synthetic/summaries.py)."""

import numpy as np

from deeptraj.models.synthetic.anomalies import ANOMALY_TYPES, NORMAL
from deeptraj.models.synthetic.summaries import (
    anomaly_counts,
    cluster_summary,
    first_point_values,
    polyline_lengths,
)


def test_cluster_summary_counts_assigned_and_empty_clusters():
    counts, res = cluster_summary(np.array([0, 2, -1, 2, -1]), 4, 123.5)
    assert counts.tolist() == [1, 0, 2, 0]
    assert res == {
        "N_ASSIGNED": 3,
        "N_UNASSIGNED": 2,
        "N_CLUSTERS": 4,
        "N_NONEMPTY_CLUSTERS": 2,
        "RADIUS_M": 123.5,
        "CLUSTER_SIZES": [1, 0, 2, 0],
    }


def test_first_point_values_and_mixed_trajectories():
    values, n_mixed = first_point_values(["a", "a", "b", "b", None, "c"], np.array([0, 2, 4, 6]))
    assert values == ["a", "b", None]
    assert n_mixed == 1


def test_anomaly_counts_names_every_type():
    res = anomaly_counts(
        {NORMAL: 3, "head_detour": 2}, {"rear_detour": 1, "midway_detour": 2}, 4, 5, ANOMALY_TYPES, NORMAL
    )
    assert res["N_TRAJECTORIES"] == 5 and res["N_NORMAL"] == 3 and res["N_HEAD_DETOUR"] == 2
    assert res["N_ROUTE_SWITCHING"] == 0 and res["N_FAILED"] == 3 and res["N_OD"] == 4
    assert list(res) == ["N_TRAJECTORIES", "N_NORMAL", *("N_" + t.upper() for t in ANOMALY_TYPES), "N_FAILED", "N_OD"]


def test_polyline_lengths():
    lines = [np.array([[0.0, 0.0], [3.0, 4.0], [3.0, 5.0]]), np.array([[1.0, 1.0], [1.0, 1.0]])]
    assert polyline_lengths(lines).tolist() == [6.0, 0.0]
    assert polyline_lengths([]).shape == (0,)
