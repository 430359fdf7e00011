"""City-scale steps on the Cabspotting month (San Francisco, 455,064 passenger trips of 536 cabs): import, ground
truth, OD pairs, E2DTC, CroTad."""

from __future__ import annotations

import os
import sqlite3
import time

from city_steps import SF_TRAIN_TRIPS, TOP_OD_PAIRS, feature_count, ogr2ogr, run_alg, step, timed

_POINTS = {"TRAJ_ID_FIELD": "traj_id", "TIME_FIELD": "time"}
STREAM_TRIPS = 3_000


@step("sf.import", "sf", target="Porto layout + TIME_OFFSETS")
def import_sf(ctx):
    sec, res = run_alg(
        "importtrajectories",
        {
            "FILE": ctx.sources["sf"],
            "FORMAT": 1,
            "OUTPUT": ctx.path("sf_points.gpkg"),
            "OUTPUT_LINES": ctx.path("sf_lines.gpkg"),
        },
    )
    return timed(res["N_POINTS"], sec, res, [f"{res['N_TRAJECTORIES']:,} trips"])


def _n_trips(ctx):
    return int(ctx.results("sf.import")["N_TRAJECTORIES"])


@step("sf.groundtruth", "sf", target="all trips, <= 2 GB")
def groundtruth(ctx):
    sec, res = run_alg(
        "groundtruthclusters",
        {"INPUT": ctx.path("sf_points.gpkg"), **_POINTS, "OUTPUT": ctx.path("sf_groundtruth.gpkg")},
    )
    return timed(_n_trips(ctx), sec, res, ["records = trips"])


@step("sf.odpairs", "sf", target="all trips, <= 2 GB")
def od_pairs(ctx):
    sec, res = run_alg(
        "assignodpairs",
        {"INPUT": ctx.path("sf_points.gpkg"), **_POINTS, "RESOLUTION": 7, "OUTPUT": ctx.path("sf_od.gpkg")},
    )
    return timed(_n_trips(ctx), sec, res, [f"H3 res 7: {res.get('N_OD_PAIRS')} pairs with >= 20 trips"])


def _train_subset(ctx) -> tuple:
    """Points of the first SF_TRAIN_TRIPS trips (the import writes a trip's points together, lines in trip order)."""
    out = ctx.path("sf_train.gpkg")
    n = min(SF_TRAIN_TRIPS, _n_trips(ctx))
    if not os.path.exists(out):
        con = sqlite3.connect(ctx.path("sf_lines.gpkg"))
        table = con.execute("SELECT table_name FROM gpkg_contents").fetchone()[0]
        n_pts = con.execute(f'SELECT sum(n_points) FROM (SELECT n_points FROM "{table}" ORDER BY fid LIMIT ?)', (n,))
        n_pts = int(n_pts.fetchone()[0])
        con.close()
        ogr2ogr(out, ctx.path("sf_points.gpkg"), "-where", f"fid <= {n_pts}")
    return out, n


@step("sf.e2dtctrain", "sf", target=">= 100k trips <= 60 min")
def e2dtc_train(ctx):
    inp, n = _train_subset(ctx)
    sec, res = run_alg(
        "e2dtctrain",
        {
            "INPUT": inp,
            **_POINTS,
            "PRESET": 0,
            "MODEL_FILE": ctx.path("sf_e2dtc.e2dtc"),
            "OUTPUT": ctx.path("sf_e2dtc_train.gpkg"),
        },
    )
    return timed(n, sec, res, ["records = trips; fast-CPU preset"])


@step("sf.e2dtcapply.engine", "sf", target=">= 20k traj/s")
def e2dtc_apply_engine(ctx):
    """E2DTC's discretization + encoding + assignment of every trip (the container is built before timing)."""
    from city_steps import point_arrays

    from deeptraj.models.core.discretize import GridDiscretizer
    from deeptraj.models.core.trajectories import Trajectories
    from deeptraj.models.e2dtc.model import E2DTC
    from deeptraj.models.e2dtc.sequences import as_sequence_list

    ids, x, y, t = point_arrays(ctx.path("sf_points.gpkg"))
    trajs, _ = Trajectories.from_points(ids, x, y, t, crs="EPSG:4326")
    del ids, x, y, t
    model = E2DTC.load(ctx.path("sf_e2dtc.e2dtc"), n_threads=max(1, (os.cpu_count() or 2) - 1))
    t0 = time.perf_counter()
    seqs = as_sequence_list(GridDiscretizer.from_vocabulary(model.vocab_).transform(trajs))
    labels, _ = model.predict_encoded(model.transform(seqs))
    sec = time.perf_counter() - t0
    return timed(len(labels), sec, notes=["records = trips; torch threads = cores - 1, as the algorithm"])


@step("sf.e2dtcapply", "sf", target="<= 3x engine", ratio_to="sf.e2dtcapply.engine")
def e2dtc_apply(ctx):
    sec, res = run_alg(
        "e2dtcapply",
        {
            "MODEL_FILE": ctx.path("sf_e2dtc.e2dtc"),
            "INPUT": ctx.path("sf_points.gpkg"),
            **_POINTS,
            "OUTPUT": ctx.path("sf_e2dtc_apply.gpkg"),
        },
    )
    return timed(_n_trips(ctx), sec, res, ["records = trips"])


def _top_pairs(ctx) -> str:
    out = ctx.path("sf_top_od.gpkg")
    if not os.path.exists(out):
        ogr2ogr(out, ctx.path("sf_od.gpkg"), "-where", f"od_id IS NOT NULL AND od_id < {TOP_OD_PAIRS}")
    return out


@step("sf.crotadtrain", "sf", target=f"top-{TOP_OD_PAIRS} OD pairs")
def crotad_train(ctx):
    inp = _top_pairs(ctx)
    sec, res = run_alg(
        "crotadtrain",
        {"INPUT": inp, **_POINTS, "OD_FIELD": "od_id", "MODEL_FILE": ctx.path("sf_crotad.pt")},
    )
    return timed(feature_count(inp), sec, res, ["records = fixes of the top OD pairs' trips"])


@step("sf.crotadstream", "sf", target="<= 1 ms per new point")
def crotad_stream(ctx):
    """The streaming detector alone: the points of the first trips pushed one by one in time order."""
    import numpy as np
    from city_steps import point_arrays

    from deeptraj.models.core.cells import wgs84_cell_sequences
    from deeptraj.models.core.trajectories import Trajectories
    from deeptraj.models.crotad.model import CroTad

    ids, x, y, t, od = point_arrays(_top_pairs(ctx), extra="od_id")
    trajs, _ = Trajectories.from_points(ids, x, y, t, attrs={"od_id": od}, crs="EPSG:4326")
    model = CroTad.load(ctx.path("sf_crotad.pt"), n_threads=1)
    _, cells = wgs84_cell_sequences(trajs, model.resolution)
    ods = [str(int(v)) for v in trajs.first_values("od_id")]
    tix = np.repeat(np.arange(len(trajs)), trajs.lengths)
    keep = np.flatnonzero(tix < min(STREAM_TRIPS, len(trajs)))
    order = keep[np.argsort(trajs.t[keep], kind="stable")]
    t0 = time.perf_counter()
    found = model.label_cells(cells, ods, mode="online", replay=True, order=order)
    sec = time.perf_counter() - t0
    lat = found.latency_ms()
    note = f"per pushed point: median {lat.get('median')} ms, p99 {lat.get('p99')} ms ({STREAM_TRIPS:,} trips)"
    return timed(order.size, sec, notes=[note])


@step("sf.crotaddetect", "sf", target="batch labelling, <= 2 GB")
def crotad_detect(ctx):
    inp = _top_pairs(ctx)
    sec, res = run_alg(
        "crotaddetect",
        {
            "MODEL_FILE": ctx.path("sf_crotad.pt"),
            "INPUT": inp,
            **_POINTS,
            "OD_FIELD": "od_id",
            "BATCH": True,
            "OUTPUT_SEGMENTS": ctx.path("sf_crotad_segments.gpkg"),
            "OUTPUT_POINTS": ctx.path("sf_crotad_points.gpkg"),
        },
    )
    n = feature_count(inp)
    return timed(n, sec, res, [f"{1000 * sec / max(n, 1):.3f} ms per point (whole algorithm)"])
