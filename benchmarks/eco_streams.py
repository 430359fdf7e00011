"""ECO against per-snapshot DBSCAN and the Kim–Han-style variant on real streams, plus scaling and throughput.

    .venv/bin/python benchmarks/eco_streams.py            # full run (a few minutes on 2 cores)
    .venv/bin/python benchmarks/eco_streams.py --quick    # small subsets, one parameter setting: smoke test
    .venv/bin/python benchmarks/eco_streams.py --tdrive [--rows N]      # T-Drive week as one stream, engine only
    .venv/bin/python benchmarks/eco_streams.py --tdrive-layer X.gpkg   # the same through deeptraj:eco (QGIS)

Streams (engine only, planar metres in the UTM zone of each dataset):
* GeoLife (``../shared/data/geolife``): 2,087 trajectories of 52 users spread over 2007-2011, so almost never
  simultaneous; every trajectory is replayed on one day by its time of day (object = user + trajectory), Δt = 60 s.
* AIS New York harbour (``../shared/data/ais_ny_harbor``, raw first hour of 2020-06-30): object = MMSI,
  Δt = the median sampling interval.
* Chengdu (``../shared/data/chengdu_didi_deeptte``): 1,400 taxi trips of 7 days replayed on one day by start minute
  + time gap (object = trip), Δt = 30 s.
For each stream and each setting (the default ε₀ 800 m, minPts 5, δ 400 m, ρ 5, α 0.5, then one parameter at a time at
the ends of the paper's Table 2 ranges) the table gives the mean
modularity QS (similarity 1/d over pairs within --qs-radius m, Formula 14) and the mean NMI between consecutive steps
over the objects seen at both (Formula 15), and the processing time per record of partial_fit (evaluation excluded).
T-Drive (``../shared/data/tdrive_beijing_full``, one week of 10,327 Beijing taxis, ~1 % GPS outliers such as (0, 0)):
--tdrive runs ECO with the algorithm's defaults (Δt = median sampling interval, ε 600 m, QS radius 1 km) on the
whole week (or its first --rows rows), the outliers left out by ``build_stream``; it prints the seconds of reading,
of building the stream and of the clustering (QS and NMI included), the records per second and the peak resident
memory. --tdrive-layer runs the Processing algorithm on a point layer of the same file (taxi_id, datetime) and
writes its outputs as GeoPackages into a temporary folder.
Scaling (the paper's Fig. 9): moving groups from ``simulate_groups`` with 20 %…100 % of the objects of a
--objects-per-snapshot stream; throughput: records per second at that size.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _qgis import DATA, import_deeptraj  # noqa: E402

METHOD_NAMES = {"eco": "ECO", "dbscan": "DBSCAN per snapshot", "kimhan": "Kim-Han smoothing"}


def _project(lon, lat, crs):
    from deeptraj.models.core.crs import transform_xy

    return transform_xy(np.asarray(lon, float), np.asarray(lat, float), "EPSG:4326", crs)


def _epoch(values):
    """Epoch seconds of date-time strings (any pandas datetime resolution)."""
    import pandas as pd

    return ((pd.to_datetime(values) - pd.Timestamp(0)) // pd.Timedelta(seconds=1)).to_numpy(np.int64)


def _codes(values):
    return np.unique(np.asarray(values), return_inverse=True)[1].astype(np.int64)


def load_geolife(max_rows=None):
    import pandas as pd

    path = DATA / "geolife" / "geolife_points.csv.gz"
    if not path.exists():
        return None
    df = pd.read_csv(path, nrows=max_rows, dtype={"user_id": str, "traj_id": str})
    df = df[(df.lon.between(115.4, 117.6)) & (df.lat.between(39.4, 41.1))]
    t = _epoch(df.t_utc)
    t = 1_700_000_000 - 1_700_000_000 % 86400 + t % 86400  # replay on one day by time of day
    x, y = _project(df.lon, df.lat, "EPSG:32650")
    return dict(obj=_codes(df.user_id + "/" + df.traj_id), t=t, x=x, y=y, delta_t=60.0, speed=50.0)


def load_ais():
    import pandas as pd

    path = DATA / "ais_ny_harbor" / "nyharbor_2020_06_30_first_hour.csv.gz"
    if not path.exists():
        return None
    df = pd.read_csv(path, usecols=["BaseDateTime", "LON", "LAT", "MMSI"])
    t = _epoch(df.BaseDateTime)
    x, y = _project(df.LON, df.LAT, "EPSG:32618")
    return dict(obj=_codes(df.MMSI), t=t, x=x, y=y, delta_t=None, speed=20.0)


def load_chengdu(max_trips=None):
    import pandas as pd

    folder = DATA / "chengdu_didi_deeptte"
    if not folder.exists():
        return None
    trips = pd.read_csv(folder / "chengdu_trips.csv")
    pts = pd.read_csv(folder / "chengdu_points.csv.gz")
    if max_trips:
        pts = pts[pts.traj_id < max_trips]
    start = trips.set_index("traj_id").time_id_min.reindex(pts.traj_id).to_numpy()
    t = (1_700_000_000 - 1_700_000_000 % 86400 + start * 60 + pts.time_gap_s.to_numpy()).astype(np.int64)
    x, y = _project(pts.lon, pts.lat, "EPSG:32648")
    return dict(obj=pts.traj_id.to_numpy().astype(np.int64), t=t, x=x, y=y, delta_t=30.0, speed=35.0)


def run_one(E, data, stream, method, params, qs_radius):
    c = E.make_clusterer(method, speed_limit=data["speed"], **params)
    rows = E.run_stream(c, stream, data["x"], data["y"], data["t"], qs_radius=qs_radius)
    s = E.summarise(rows)
    return (
        s["mean_qs"],
        s["mean_nmi"],
        1000.0 * s["ms_per_record"],
        np.mean([r["clusters"] for r in rows]),
        sum(r["smoothed"] for r in rows),
    )


def _key(method, params):
    """Settings a method depends on (the baselines ignore δ and ρ; plain DBSCAN also ignores α)."""
    if method == "eco":
        return tuple(sorted(params.items()))
    keep = ("eps", "min_pts", "alpha") if method == "kimhan" else ("eps", "min_pts")
    return tuple((k, params[k]) for k in keep)


def quality(E, datasets, grid, qs_radius):
    from deeptraj.models.eco.stream import build_stream

    print(f"\n## Quality on real streams (QS on pairs within {qs_radius:g} m; NMI between consecutive steps)")
    print(
        "| stream | steps | records | objects/step | ε₀ | minPts | δ | ρ | α | method | QS | NMI | clusters/step "
        "| smoothed | µs/record |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    summary = {}
    for name, data in datasets.items():
        stream = build_stream(data["obj"], data["t"], data["delta_t"])
        per_step = stream.rec.size / len(stream)
        cache = {}
        for params in grid:
            for method in ("eco", "dbscan", "kimhan"):
                key = (method, _key(method, params))
                if key not in cache:
                    cache[key] = run_one(E, data, stream, method, params, qs_radius)
                qs, nmi, us, ncl, smoothed = cache[key]
                summary.setdefault((name, method), []).append((qs, nmi, us))
                print(
                    f"| {name} | {len(stream)} | {stream.rec.size} | {per_step:.0f} | {params['eps']:g} | "
                    f"{params['min_pts']} | {params['delta']:g} | {params['rho']} | {params['alpha']:g} | "
                    f"{METHOD_NAMES[method]} | {qs:.4f} | {nmi:.4f} | {ncl:.1f} | {smoothed} | {us:.1f} |",
                    flush=True,
                )
    print("\n## Averages over the settings")
    print("| stream | method | mean QS | mean NMI | µs/record | settings where ECO has the best QS / NMI |")
    print("|---|---|---|---|---|---|")
    for name in datasets:
        eco = np.array(summary[(name, "eco")])
        others = np.array([summary[(name, m)] for m in ("dbscan", "kimhan")])
        best_qs = int(np.sum(eco[:, 0] >= others[:, :, 0].max(0)))
        best_nmi = int(np.sum(eco[:, 1] >= others[:, :, 1].max(0)))
        for method in ("eco", "dbscan", "kimhan"):
            a = np.array(summary[(name, method)])
            extra = f"{best_qs} / {best_nmi} of {len(eco)}" if method == "eco" else ""
            print(
                f"| {name} | {METHOD_NAMES[method]} | {a[:, 0].mean():.4f} | {a[:, 1].mean():.4f} | "
                f"{a[:, 2].mean():.1f} | {extra} |"
            )


def scaling(E, n_objects, n_steps, shares, params):
    from deeptraj.models.eco.stream import build_stream
    from deeptraj.models.synthetic.groups import simulate_groups

    print(f"\n## Scaling: moving groups, up to {n_objects} objects per snapshot, {n_steps} steps of 10 s")
    print("| objects/snapshot | method | ε adaptation | ms/step | records/s | µs/record | ratio to DBSCAN |")
    print("|---|---|---|---|---|---|---|")
    per_group = 20
    g = simulate_groups(
        n_groups=n_objects // per_group,
        per_group=per_group,
        n_steps=n_steps,
        extent=np.sqrt(n_objects) * 400.0,
        spread=120.0,
        jump_rate=0.02,
        seed=0,
    )
    rng = np.random.default_rng(0)
    order = rng.permutation(n_objects)
    for share in shares:
        keep = np.isin(g.obj, order[: int(round(share * n_objects))])
        data = dict(obj=g.obj[keep], t=g.t[keep], x=g.x[keep], y=g.y[keep], speed=35.0)
        stream = build_stream(data["obj"], data["t"], 10.0)
        n_snap = stream.rec.size / len(stream)
        for adapt in (False, True):
            base = None
            for method in ("dbscan", "eco", "kimhan"):
                c = E.make_clusterer(method, speed_limit=35.0, adapt_eps=adapt, **params)
                rows = E.run_stream(c, stream, data["x"], data["y"], data["t"])
                ms = 1000 * np.median([r["seconds"] for r in rows[1:]])
                base = base or ms
                print(
                    f"| {n_snap:.0f} | {METHOD_NAMES[method]} | {'yes' if adapt else 'no'} | {ms:.1f} | "
                    f"{n_snap / ms * 1000:,.0f} | {1000 * ms / n_snap:.2f} | {ms / base:.2f} |",
                    flush=True,
                )


def _peak_gb():
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e6


def tdrive_engine(rows=None):
    """ECO with the algorithm's defaults on the T-Drive week as one stream (engine only)."""
    import pandas as pd

    from deeptraj.models.eco.model import make_clusterer
    from deeptraj.models.eco.results import cluster_stream_chunks
    from deeptraj.models.eco.stream import build_stream

    path = DATA / "tdrive_beijing_full" / "tdrive_beijing_2008.csv.xz"
    if not path.exists():
        print(f"skipped T-Drive: {path} not available")
        return
    t0 = time.perf_counter()
    df = pd.read_csv(path, nrows=rows, dtype={"taxi_id": np.int64, "lon": float, "lat": float})
    t = _epoch(df.datetime)
    obj, lon, lat = df.taxi_id.to_numpy(), df.lon.to_numpy(), df.lat.to_numpy()
    del df
    x, y = _project(lon, lat, "EPSG:32650")
    t1 = time.perf_counter()
    stream = build_stream(obj, t, None, None, x, y)
    t2 = time.perf_counter()
    sizes = [0]
    eco = make_clusterer("eco")
    totals = cluster_stream_chunks(eco, stream, x, y, t, lambda r, e: sizes.append(r["rec"].size), qs_radius=1000.0)
    t3 = time.perf_counter()
    n = stream.rec.size
    print(f"\n## T-Drive as one stream ({obj.size:,} rows, engine only)")
    print(
        f"{len(stream)} steps of {stream.delta_t:g} s, {n:,} records ({n / len(stream):,.0f} per step), "
        f"{stream.n_outliers + stream.n_nonfinite:,} outlier records left out ({stream.outliers.describe()}; "
        f"{stream.n_nonfinite} non-finite)"
    )
    busy = sum(r["seconds"] for r in totals.rows)
    print(
        f"reading {t1 - t0:.1f} s, stream {t2 - t1:.1f} s, clustering {t3 - t2:.1f} s = {n / (t3 - t2):,.0f} "
        f"records/s (partial_fit alone {busy:.1f} s = {n / busy:,.0f} records/s), largest chunk {max(sizes):,} "
        f"records, peak RSS {_peak_gb():.2f} GB"
    )
    print(totals.summary(stream, eco, np.unique(obj).size))


def tdrive_algorithm(layer):
    """deeptraj:eco on a T-Drive point layer (taxi_id, datetime), outputs as GeoPackages."""
    import tempfile

    from _qgis import start_qgis

    start_qgis()
    import processing
    from qgis.core import QgsProcessingFeedback

    class Log(QgsProcessingFeedback):
        def setProgressText(self, text):
            print(f"[{time.perf_counter() - t0:.1f} s] {text}", flush=True)

        def pushWarning(self, text):
            print("warning:", text, flush=True)

    with tempfile.TemporaryDirectory() as out:
        params = dict(
            INPUT=layer,
            TRAJ_ID_FIELD="taxi_id",
            TIME_FIELD="datetime",
            OUTPUT=f"{out}/eco.gpkg",
            OUTPUT_EVENTS=f"{out}/events.gpkg",
            OUTPUT_STEPS=f"{out}/steps.gpkg",
        )
        t0 = time.perf_counter()
        res = processing.run("deeptraj:eco", params, feedback=Log())
        total = time.perf_counter() - t0
    print(f"\n## deeptraj:eco on {layer}: {total:.1f} s, peak RSS {_peak_gb():.2f} GB")
    print({k: v for k, v in res.items() if not k.startswith("OUTPUT")})


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="small subsets and one setting (smoke test)")
    ap.add_argument("--qs-radius", type=float, default=1000.0)
    ap.add_argument("--objects-per-snapshot", type=int, default=10000)
    ap.add_argument("--tdrive", action="store_true", help="only the T-Drive week as one stream (engine)")
    ap.add_argument("--rows", type=int, default=None, help="with --tdrive: the first rows only")
    ap.add_argument("--tdrive-layer", help="only deeptraj:eco on this T-Drive point layer (GeoPackage)")
    args = ap.parse_args(argv)
    if args.tdrive_layer:
        return tdrive_algorithm(args.tdrive_layer)
    import_deeptraj()
    if args.tdrive:
        return tdrive_engine(args.rows)
    from deeptraj.models.eco import model as E

    t0 = time.perf_counter()
    loaded = {
        "GeoLife": load_geolife(60_000 if args.quick else None),
        "AIS NY harbour": load_ais(),
        "Chengdu": load_chengdu(150 if args.quick else None),
    }
    datasets = {k: v for k, v in loaded.items() if v is not None}
    for k in loaded:
        if loaded[k] is None:
            print(f"skipped {k}: ../shared/data not available")
    # the paper's Table 2 ranges, one parameter at a time around a default (ε₀ = 800 m so that δ ≤ ε everywhere)
    default = dict(eps=800.0, min_pts=5, delta=400.0, rho=5, alpha=0.5)
    grid = [default]
    if not args.quick:
        for k, values in (("rho", (4, 8)), ("delta", (200.0, 800.0)), ("min_pts", (2, 10)), ("alpha", (0.1, 0.9))):
            grid += [{**default, k: v} for v in values]
    if datasets:
        quality(E, datasets, grid, args.qs_radius)
    n = 1000 if args.quick else args.objects_per_snapshot
    scaling(
        E,
        n,
        6 if args.quick else 12,
        (0.2, 1.0) if args.quick else (0.2, 0.4, 0.6, 0.8, 1.0),
        dict(eps=600.0, min_pts=5, delta=400.0, rho=5, alpha=0.5),
    )
    print(f"\ntotal {time.perf_counter() - t0:.0f} s")


if __name__ == "__main__":
    main()
