"""ECO on streams with GPS outliers, and the streaming (chunked) results: fixes at (0, 0) or on another continent are
left out of the stream and counted instead of breaking the run; chunked results equal the in-memory ones; the
NMI equals scikit-learn's."""

import numpy as np
import pytest

from deeptraj.models.core.crs import transform_xy
from deeptraj.models.eco.metrics import nmi
from deeptraj.models.eco.model import make_clusterer, run_stream
from deeptraj.models.eco.results import cluster_stream, cluster_stream_chunks, step_table
from deeptraj.models.eco.stream import build_stream
from deeptraj.models.synthetic.groups import simulate_groups

KW = dict(eps=300, min_pts=4, delta=250, rho=4)


def _groups_in_beijing():
    """Moving groups placed in Beijing, in UTM zone 50N (what the algorithm measures T-Drive in)."""
    g = simulate_groups(n_groups=5, per_group=6, n_steps=8, jump_rate=0.05, seed=4)
    return g, g.x + 448_000.0, g.y + 4_416_000.0


def _with_outliers(g, x, y):
    """The stream plus, for three objects, an extra earlier fix in some steps: two at (0, 0) and one at 25°E 3.8°N
    (T-Drive has both), reprojected to UTM 50N as the algorithm does (the second is infinite there)."""
    lon = np.array([0.0, 0.0, 25.45])
    lat = np.array([0.0, 0.0, 3.85])
    bx, by = transform_xy(lon, lat, "EPSG:4326", "EPSG:32650")
    assert np.isfinite(bx[:2]).all() and not np.isfinite(bx[2])
    steps = np.unique(g.t)
    obj = np.r_[g.obj, [0, 7, 13]]
    t = np.r_[g.t, steps[[2, 3, 5]] - 1]  # one second before the step's fixes: the earliest of their step
    return obj, t, np.r_[x, bx], np.r_[y, by]


def test_outliers_at_null_island_do_not_break_the_engine():
    g, x, y = _groups_in_beijing()
    obj, t, xo, yo = _with_outliers(g, x, y)
    stream = build_stream(obj, t, 10.0, None, xo, yo)
    assert stream.n_outliers == 2 and stream.n_nonfinite == 1
    assert stream.outliers.n_far == 2 and "km from the data's median" in stream.outliers.describe()
    assert not np.isin(np.arange(g.obj.size, obj.size), stream.rec).any()  # none of them is in a snapshot
    rows = run_stream(make_clusterer("eco", **KW), stream, xo, yo, t, qs_radius=1000.0)
    clean = build_stream(g.obj, g.t, 10.0, None, x, y)
    assert clean.n_outliers == clean.n_nonfinite == 0
    ref = run_stream(make_clusterer("eco", **KW), clean, x, y, g.t, qs_radius=1000.0)
    # the run equals the run on the data without the outliers
    assert [(r["objects"], r["clusters"], r["qs"], r["nmi"]) for r in rows] == [
        (r["objects"], r["clusters"], r["qs"], r["nmi"]) for r in ref
    ]


def test_a_snapshot_with_infinite_coordinates_is_refused_clearly():
    c = make_clusterer("eco", **KW)
    with pytest.raises(ValueError, match="non-finite coordinates"):
        c.partial_fit(np.arange(3), np.array([0.0, np.inf, 5.0]), np.zeros(3), np.zeros(3, np.int64))


def test_chunked_results_equal_the_in_memory_results():
    g = simulate_groups(n_groups=4, per_group=6, n_steps=6, jump_rate=0.1, seed=2)
    stream = build_stream(g.obj, g.t, None, int(g.t.min()) + 1)
    ref = cluster_stream(make_clusterer("eco", **KW), stream, g.x, g.y, g.t, qs_radius=1000.0)
    chunks = []
    totals = cluster_stream_chunks(
        make_clusterer("eco", **KW), stream, g.x, g.y, g.t, lambda r, e: chunks.append((r, e)), 30, 1000.0
    )
    assert len(chunks) > 2  # the records went out in several chunks
    rec = np.concatenate([c[0]["rec"] for c in chunks])
    assert rec.tolist() == stream.rec.tolist()
    for key in ("labels", "x", "y", "role", "seed", "smoothed"):
        got = np.concatenate([c[0][key] for c in chunks])
        assert got.tolist() == getattr(ref, key)[rec].tolist(), key
    assert np.concatenate([c[0]["step"] for c in chunks]).tolist() == stream.step.tolist()
    events = [(s, c, e, r) for ch in chunks for s, c, e, r in zip(*(ch[1][k].tolist() for k in ch[1]))]
    assert events == ref.event_table()
    sref = ref.summary(stream, make_clusterer("eco", **KW), 24)
    sgot = totals.summary(stream, make_clusterer("eco", **KW), 24)
    assert sgot.pop("N_OUTLIER_RECORDS") == 0
    assert {k: v for k, v in sgot.items() if k != "MS_PER_RECORD"} == {
        k: v for k, v in sref.items() if k != "MS_PER_RECORD"
    }
    assert [r[:7] for r in step_table(totals.rows)] == [r[:7] for r in ref.step_table()]


def test_nmi_equals_scikit_learn():
    from sklearn.metrics import normalized_mutual_info_score

    rng = np.random.default_rng(0)
    for k in range(300):
        n = int(rng.integers(2, 200))
        a = rng.integers(-3, int(rng.integers(1, 20)), n) * 7 - 50
        b = a.copy() if k % 7 == 0 else rng.integers(-5, int(rng.integers(1, 20)), n)
        assert nmi(a, b) == normalized_mutual_info_score(a, b, average_method="geometric")
    assert nmi(np.zeros(4), np.zeros(4)) == 1.0 and nmi(np.zeros(4), np.arange(4)) == 0.0
