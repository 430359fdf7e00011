"""The per-record results, tables and summary of a whole clustered stream (models.eco.results)."""

import numpy as np

from deeptraj.models.eco.model import make_clusterer, run_stream, summarise
from deeptraj.models.eco.results import cluster_stream
from deeptraj.models.eco.stream import build_stream
from deeptraj.models.synthetic.groups import simulate_groups


def _stream():
    g = simulate_groups(n_groups=4, per_group=6, n_steps=6, jump_rate=0.1, seed=2)
    # one record before the start time is left out of the stream: it keeps its own location and no cluster
    return g, build_stream(g.obj, g.t, None, int(g.t.min()) + 1)


def test_cluster_stream_gathers_what_run_stream_reports():
    g, stream = _stream()
    kw = dict(eps=300, min_pts=4, delta=250, rho=4)
    res = cluster_stream(make_clusterer("eco", **kw), stream, g.x, g.y, g.t, qs_radius=1000.0)
    labels = np.full(g.obj.size, -1)
    xs = g.x.astype(float).copy()
    events = []

    def on_step(step, rec, r, qs):
        labels[rec], xs[rec] = r.labels, r.x
        events.extend((step, cid, ev, rel) for cid, ev, rel in r.events)

    rows = run_stream(make_clusterer("eco", **kw), stream, g.x, g.y, g.t, qs_radius=1000.0, on_step=on_step)
    assert res.labels.tolist() == labels.tolist()
    assert np.allclose(res.x, xs)
    assert len(res.events) == len(events) and len(res.rows) == len(rows) == len(stream)
    outside = np.setdiff1d(np.arange(g.obj.size), stream.rec)
    assert outside.size and (res.labels[outside] == -1).all() and np.allclose(res.x[outside], g.x[outside])
    assert res.x is not g.x


def test_tables_and_summary():
    g, stream = _stream()
    clusterer = make_clusterer("eco", eps=300, min_pts=4, delta=250, rho=4)
    res = cluster_stream(clusterer, stream, g.x, g.y, g.t, qs_radius=1000.0)
    steps = res.step_table()
    assert [s[0] for s in steps] == [r["step"] for r in res.rows]
    r0, s0 = res.rows[0], steps[0]
    assert s0[5] == round(r0["eps"], 3) and s0[7] == 1000.0 * r0["seconds"] / r0["objects"]
    for step, cid, ev, rel in res.event_table():
        assert isinstance(step, int) and isinstance(cid, int) and isinstance(rel, str)
        assert ev in ("form", "evolve", "split", "merge", "dissolve")
    s = res.summary(stream, clusterer, 24)
    means = summarise(res.rows)
    assert s["N_STEPS"] == len(stream) and s["N_RECORDS"] == stream.rec.size and s["N_OBJECTS"] == 24
    assert s["N_IGNORED_RECORDS"] == stream.n_dropped >= 1
    assert s["MEAN_QS"] == round(means["mean_qs"], 4) and s["MS_PER_RECORD"] == round(means["ms_per_record"], 4)
    assert s["N_EVENTS"] == len(res.events) and s["N_SMOOTHED"] == int(res.smoothed.sum())
    assert s["N_CLUSTER_IDS"] == np.unique(res.labels[res.labels >= 0]).size >= 4
    assert s["FINAL_EPS"] == clusterer.eps and s["DELTA_T"] == stream.delta_t
