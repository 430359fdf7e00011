"""Discretization throughput on GeoLife (1.4M points): engine vs whole Processing algorithm vs a per-point loop.

    .venv/bin/python benchmarks/discretize.py            # full GeoLife (../shared/data/geolife)
    .venv/bin/python benchmarks/discretize.py --quick    # 50k points, for the test suite

Prints a table of points/s and ratios, and the peak resident memory of the process.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _qgis import DATA, import_deeptraj, start_qgis  # noqa: E402

GEOLIFE = DATA / "geolife" / "geolife_points.csv.gz"


def load_points(limit=None):
    import pandas as pd

    df = pd.read_csv(GEOLIFE, dtype={"user_id": str, "traj_id": str}, nrows=limit)
    return df


def synthetic_points(n, seed=0):
    """Stand-in for GeoLife when the shared data is absent (--quick in CI without ../shared)."""
    import pandas as pd

    rng = np.random.default_rng(seed)
    n_traj = max(1, n // 200)
    tid = np.repeat(np.arange(n_traj), 200)[:n]
    start = rng.uniform([116.2, 39.8], [116.5, 40.0], size=(n_traj, 2))
    steps = rng.normal(0, 2e-4, size=(n, 2)).cumsum(axis=0)
    xy = start[tid] + steps - steps[np.searchsorted(tid, tid)]
    t = 1_200_000_000 + np.arange(n) * 5
    return pd.DataFrame(
        {
            "user_id": "000",
            "traj_id": tid.astype(str),
            "lon": xy[:, 0],
            "lat": xy[:, 1],
            "t_utc": pd.to_datetime(t, unit="s").astype(str),
        }
    )


def build_trajectories(df):
    from deeptraj.models.core.timeparse import parse_times
    from deeptraj.models.core.trajectories import Trajectories

    ids = (df["user_id"] + "_" + df["traj_id"]).to_numpy()
    return Trajectories.from_points(
        ids, df["lon"].to_numpy(), df["lat"].to_numpy(), parse_times(df["t_utc"].to_numpy()), crs="EPSG:4326"
    )[0]


def reference_grid(df, cell=300.0):
    """The straightforward way: one pyproj call per point, a dict of cell visits, a token list per trajectory."""
    from pyproj import Transformer

    tf = Transformer.from_crs("EPSG:4326", "EPSG:3857", always_xy=True)
    xs, ys = [], []
    for lon, lat in zip(df["lon"].tolist(), df["lat"].tolist()):
        x, y = tf.transform(lon, lat)
        xs.append(x)
        ys.append(y)
    xmin, ymin = min(xs), min(ys)
    ncol = int((max(xs) - xmin) // cell) + 1
    counts = {}
    seqs = {}
    for tid, x, y in zip(_ids(df), xs, ys):
        c = int((y - ymin) // cell) * ncol + int((x - xmin) // cell)
        counts[c] = counts.get(c, 0) + 1
        _append(seqs, tid, c)
    return len(counts)


def _ids(df):
    return (df["user_id"] + "_" + df["traj_id"]).tolist()


def _append(seqs, tid, cell):
    """Token sequence with consecutive repeats collapsed, as the engine does."""
    s = seqs.setdefault(tid, [])
    if not s or s[-1] != cell:
        s.append(cell)


def reference_h3(df, res=10):
    import h3

    counts = {}
    seqs = {}
    for tid, lon, lat in zip(_ids(df), df["lon"].tolist(), df["lat"].tolist()):
        c = h3.latlng_to_cell(lat, lon, res)
        counts[c] = counts.get(c, 0) + 1
        _append(seqs, tid, c)
    return len(counts)


def write_gpkg(df, path):
    """Points layer for the end-to-end runs (written with GDAL, not timed)."""
    from osgeo import ogr, osr

    drv = ogr.GetDriverByName("GPKG")
    ds = drv.CreateDataSource(str(path))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4326)
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    lyr = ds.CreateLayer("points", srs, ogr.wkbPoint)
    lyr.CreateField(ogr.FieldDefn("tid", ogr.OFTString))
    lyr.CreateField(ogr.FieldDefn("t_utc", ogr.OFTDateTime))
    defn = lyr.GetLayerDefn()
    ds.StartTransaction()
    ids = (df["user_id"] + "_" + df["traj_id"]).tolist()
    for tid, lon, lat, t in zip(ids, df["lon"].tolist(), df["lat"].tolist(), df["t_utc"].tolist()):
        f = ogr.Feature(defn)
        f.SetField(0, tid)
        f.SetField(1, t)
        f.SetGeometryDirectly(ogr.CreateGeometryFromWkt(f"POINT ({lon} {lat})"))
        lyr.CreateFeature(f)
    ds.CommitTransaction()
    ds = None


def run_algorithm(alg, gpkg, outdir, extra):
    import processing
    from qgis.core import QgsProcessingContext, QgsProcessingFeedback, QgsVectorLayer

    layer = QgsVectorLayer(f"{gpkg}|layername=points", "points", "ogr")
    params = {
        "INPUT": layer,
        "TRAJ_ID_FIELD": "tid",
        "TIME_FIELD": "t_utc",
        "OUTPUT_CELLS": str(outdir / f"{alg}_cells.gpkg"),
        "OUTPUT_SEQUENCES": str(outdir / f"{alg}_seq.gpkg"),
        "OUTPUT_VOCAB": str(outdir / f"{alg}.json"),
        **extra,
    }
    t0 = time.perf_counter()
    res = processing.run(f"deeptraj:{alg}", params, feedback=QgsProcessingFeedback(), context=QgsProcessingContext())
    return time.perf_counter() - t0, res


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="50k points (synthetic when the shared data is absent)")
    ap.add_argument("--ref-points", type=int, default=200_000, help="points for the per-point reference loop")
    args = ap.parse_args(argv)
    import_deeptraj()
    start_qgis()
    from deeptraj.models.core.discretize import GridDiscretizer, H3Discretizer

    n_limit = 50_000 if args.quick else None
    df = load_points(n_limit) if GEOLIFE.exists() else synthetic_points(n_limit or 200_000)
    source = "GeoLife" if GEOLIFE.exists() else "synthetic"
    t0 = time.perf_counter()
    trajs = build_trajectories(df)
    t_build = time.perf_counter() - t0
    n = trajs.n_points
    rows = []
    ref_df = df.iloc[: min(len(df), args.ref_points if not args.quick else 20_000)]
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        gpkg = tmp / "points.gpkg"
        write_gpkg(df, gpkg)
        for name, make, ref, alg, extra in [
            (
                "grid 300 m",
                lambda: GridDiscretizer(cell_size=300),
                reference_grid,
                "discretizegrid",
                {"CELL_SIZE": 300},
            ),
            ("H3 res 10", lambda: H3Discretizer(resolution=10), reference_h3, "discretizeh3", {"RESOLUTION": 10}),
        ]:
            t0 = time.perf_counter()
            seq = make().fit_transform(trajs)
            t_engine = time.perf_counter() - t0
            t0 = time.perf_counter()
            ref(ref_df)
            t_ref = time.perf_counter() - t0
            t_alg, res = run_algorithm(alg, gpkg, tmp, extra)
            assert res["N_POINTS"] == n, (res["N_POINTS"], n)
            rows.append((name, n / t_engine, n / t_alg, len(ref_df) / t_ref, t_engine, t_alg, int(seq.tokens.size)))
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"\nDiscretization throughput on {source}: {n:,} points in {len(trajs):,} trajectories "
        f"(container built in {t_build:.2f} s)"
    )
    print(
        f"{'discretization':<12} {'engine pts/s':>14} {'algorithm pts/s':>16} {'per-point loop':>15} "
        f"{'engine/loop':>12} {'alg/engine time':>16} {'tokens':>9}"
    )
    for name, e, a, r, te, ta, ntok in rows:
        print(f"{name:<12} {e:>14,.0f} {a:>16,.0f} {r:>15,.0f} {e / r:>11.1f}x {ta / te:>15.2f}x {ntok:>9,}")
    print(f"peak resident memory of this process: {peak_mb:,.0f} MB")
    return rows


if __name__ == "__main__":
    main()
