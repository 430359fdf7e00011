"""City-scale steps on the T-Drive week (Beijing, 10,327 taxis, 16.65 M fixes): import, split, discretize, ECO,
mobility embeddings, MetaTRL."""

from __future__ import annotations

import lzma
import os
import shutil
import time

from city_steps import feature_count, ogr2ogr, point_arrays, run_alg, step, timed


@step("tdrive.ogr2ogr", "tdrive", target="reference")
def ogr2ogr_reference(ctx):
    """ogr2ogr of the decompressed CSV to a GeoPackage without spatial index (decompression not timed)."""
    csv = ctx.path("tdrive_plain.csv")
    with lzma.open(ctx.sources["tdrive"], "rb") as src, open(csv, "wb") as dst:
        shutil.copyfileobj(src, dst, 1 << 22)
    out = ctx.path("tdrive_ogr2ogr.gpkg")
    t0 = time.perf_counter()
    ogr2ogr(out, csv, "-oo", "X_POSSIBLE_NAMES=lon", "-oo", "Y_POSSIBLE_NAMES=lat", "-oo", "AUTODETECT_TYPE=YES")
    sec = time.perf_counter() - t0
    n = feature_count(out)
    os.remove(csv)
    os.remove(out)
    return timed(n, sec, notes=["ogr2ogr -f GPKG -lco SPATIAL_INDEX=NO of the plain CSV"])


@step("tdrive.import", "tdrive", target="<= 1.5x ogr2ogr", ratio_to="tdrive.ogr2ogr")
def import_tdrive(ctx):
    sec, res = run_alg(
        "importtrajectories",
        {
            "FILE": ctx.sources["tdrive"],
            "FORMAT": 0,
            "X_FIELD": "lon",
            "Y_FIELD": "lat",
            "ID_FIELD": "taxi_id",
            "TIME_FIELD": "datetime",
            "CRS": "EPSG:4326",
            "OUTPUT": ctx.path("tdrive_points.gpkg"),
        },
    )
    return timed(res["N_POINTS"], sec, res, [f"{res['N_TRAJECTORIES']:,} taxis, from the .csv.xz"])


@step("tdrive.split", "tdrive", target="whole week, <= 2 GB")
def split_tdrive(ctx):
    inp = ctx.path("tdrive_points.gpkg")
    sec, res = run_alg(
        "splittrajectories",
        {
            "INPUT": inp,
            "TRAJ_ID_FIELD": "traj_id",
            "TIME_FIELD": "time",
            "OUTPUT": ctx.path("tdrive_trips.gpkg"),
            "OUTPUT_LINES": ctx.path("tdrive_trip_lines.gpkg"),
            "OUTPUT_STOPS": ctx.path("tdrive_stops.gpkg"),
        },
    )
    n_trips = feature_count(ctx.path("tdrive_trip_lines.gpkg"))
    return timed(feature_count(inp), sec, res, [f"{n_trips:,} trips"])


def _discretize_engine(ctx, make):
    from deeptraj.models.core.trajectories import Trajectories

    ids, x, y, t = point_arrays(ctx.path("tdrive_points.gpkg"))
    t0 = time.perf_counter()
    trajs, _ = Trajectories.from_points(ids, x, y, t, crs="EPSG:4326")
    t_container = time.perf_counter() - t0
    del ids, x, y, t
    t0 = time.perf_counter()
    seq = make().fit_transform(trajs)
    t_fit = time.perf_counter() - t0
    note = (
        f"engine from plain arrays = Trajectories.from_points {t_container:.1f} s + fit_transform {t_fit:.1f} s; "
        f"{seq.tokens.size:,} tokens"
    )
    return timed(trajs.n_points, t_container + t_fit, notes=[note, "peak RSS includes this script's reading"])


@step("tdrive.discretizegrid.engine", "tdrive", target="engine")
def grid_engine(ctx):
    from deeptraj.models.core.discretize import GridDiscretizer

    return _discretize_engine(ctx, lambda: GridDiscretizer(cell_size=300))


def _discretize_alg(ctx, alg, extra):
    sec, res = run_alg(
        alg,
        {
            "INPUT": ctx.path("tdrive_points.gpkg"),
            "TRAJ_ID_FIELD": "traj_id",
            "TIME_FIELD": "time",
            "OUTPUT_CELLS": ctx.path(f"tdrive_{alg}_cells.gpkg"),
            "OUTPUT_SEQUENCES": ctx.path(f"tdrive_{alg}_seq.gpkg"),
            **extra,
        },
    )
    return timed(res.get("N_POINTS", 0), sec, res)


@step("tdrive.discretizegrid", "tdrive", target="<= 3x engine", ratio_to="tdrive.discretizegrid.engine")
def grid_alg(ctx):
    return _discretize_alg(ctx, "discretizegrid", {"CELL_SIZE": 300})


@step("tdrive.discretizeh3.engine", "tdrive", target="engine")
def h3_engine(ctx):
    from deeptraj.models.core.discretize import H3Discretizer

    return _discretize_engine(ctx, lambda: H3Discretizer(resolution=10))


@step("tdrive.discretizeh3", "tdrive", target="<= 3x engine", ratio_to="tdrive.discretizeh3.engine")
def h3_alg(ctx):
    return _discretize_alg(ctx, "discretizeh3", {"RESOLUTION": 10})


@step("tdrive.eco.engine", "tdrive", target=">= 200k records/s")
def eco_engine(ctx):
    """ECO with the algorithm's defaults on the week as one stream (stream built before timing)."""
    from deeptraj.models.core.crs import transform_xy, utm_crs_for
    from deeptraj.models.eco.model import make_clusterer
    from deeptraj.models.eco.results import cluster_stream_chunks
    from deeptraj.models.eco.stream import build_stream

    ids, lon, lat, t = point_arrays(ctx.path("tdrive_points.gpkg"))
    x, y = transform_xy(lon, lat, "EPSG:4326", utm_crs_for(lon, lat))
    del lon, lat
    stream = build_stream(ids, t, None, None, x, y)
    n = stream.rec.size
    t0 = time.perf_counter()
    totals = cluster_stream_chunks(make_clusterer("eco"), stream, x, y, t, lambda r, e: None, qs_radius=1000.0)
    sec = time.perf_counter() - t0
    busy = sum(r["seconds"] for r in totals.rows)
    note = f"{len(stream):,} steps of {stream.delta_t:g} s; partial_fit alone {n / busy:,.0f} records/s"
    return timed(n, sec, notes=[note])


@step("tdrive.eco", "tdrive", target="<= 2 GB", ratio_to="tdrive.eco.engine")
def eco_alg(ctx):
    inp = ctx.path("tdrive_points.gpkg")
    sec, res = run_alg(
        "eco",
        {"INPUT": inp, "TRAJ_ID_FIELD": "traj_id", "TIME_FIELD": "time", "OUTPUT": ctx.path("tdrive_eco.gpkg")},
    )
    return timed(res.get("N_RECORDS") or feature_count(inp), sec, res, ["records = stream records (as the engine)"])


@step("tdrive.mobilitytrain", "tdrive", target="<= 60 min")
def mobility_train(ctx):
    inp = ctx.path("tdrive_points.gpkg")
    sec, res = run_alg(
        "mobilityembedtrain",
        {
            "INPUT": inp,
            "TRAJ_ID_FIELD": "traj_id",
            "TIME_FIELD": "time",
            "USER_FIELD": "traj_id",
            "GROUP_BY": 0,
            "MODEL_FILE": ctx.path("tdrive_mobility.mobemb"),
        },
    )
    return timed(feature_count(inp), sec, res, ["records = fixes; user-days of every taxi"])


@step("tdrive.mobilityembed", "tdrive", target="<= 60 min with training")
def mobility_embed(ctx):
    inp = ctx.path("tdrive_points.gpkg")
    sec, res = run_alg(
        "mobilityembed",
        {
            "MODEL_FILE": ctx.path("tdrive_mobility.mobemb"),
            "INPUT": inp,
            "TRAJ_ID_FIELD": "traj_id",
            "TIME_FIELD": "time",
            "USER_FIELD": "traj_id",
            "OUTPUT": ctx.path("tdrive_mobility_embeddings.gpkg"),
        },
    )
    return timed(feature_count(inp), sec, res)


@step("tdrive.metatrltrain", "tdrive+sf", target="T-Drive trips as source city")
def metatrl_train(ctx):
    """MetaTRL with the segmented T-Drive week as source city and the first San Francisco trips as target (H3
    cells: there is no Beijing road network in the data); needs the sf.import step in the same work folder."""
    import os

    target = ctx.path("sf_metatrl_target.gpkg")
    if not os.path.exists(target):
        ogr2ogr(target, ctx.path("sf_points.gpkg"), "-where", f"fid <= {METATRL_TARGET_POINTS}")
    source = ctx.path("tdrive_trips.gpkg")
    sec, res = run_alg(
        "metatrltrain",
        {
            "TARGET": target,
            "TRAJ_ID_FIELD": "traj_id",
            "TIME_FIELD": "time",
            "SOURCES": [source],
            "SOURCE_TRAJ_ID_FIELD": "trip_id",
            "SOURCE_TIME_FIELD": "time",
            "UNIT": 1,
            "RESOLUTION": 9,
            "PRESET": 0,
            "MODEL_FILE": ctx.path("tdrive_sf.metatrl"),
        },
    )
    return timed(feature_count(source), sec, res, ["records = source fixes (the preset samples its trips)"])


METATRL_TARGET_POINTS = 20_000
