"""The steps of ``city_scale.py``: inputs, the Processing call or engine call each one times, and its figure.

Each step runs in a child process (``run_in_child``) that starts QGIS, prepares what it needs without timing it,
times the one call, saves the algorithm's results as ``<step>.json`` in the work folder (later steps read counts
from there) and prints one ``RESULT {...}`` line for the parent.
"""

from __future__ import annotations

import gzip
import json
import lzma
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import numpy as np

RESULT_PREFIX = "RESULT "
QUICK_TDRIVE_ROWS = 60_000
QUICK_SF_TRIPS = 1_500
SF_TRAIN_TRIPS = 100_000
TOP_OD_PAIRS = 10


@dataclass
class Step:
    dataset: str
    run: Callable
    target: str = ""
    ratio_to: str = ""
    quick_only: bool = False


STEPS: dict = {}


def step(name, dataset, target="", ratio_to="", quick_only=False):
    def deco(fn):
        STEPS[name] = Step(dataset, fn, target, ratio_to, quick_only)
        return fn

    return deco


# ------------------------------------------------------------------------------------------------ sources
def prepare_sources(workdir: Path, quick: bool, synthetic: bool, tdrive: Path, sf: Path, datasets) -> dict:
    """The input files of each dataset (slices or synthetic files in ``workdir`` for --quick); saved for the steps."""
    src = {}
    if "tdrive" in datasets:
        if not quick:
            _need(tdrive)
            src["tdrive"] = str(tdrive)
        else:
            out = workdir / "tdrive_slice.csv.xz"
            if tdrive.exists() and not synthetic:
                _head_lines(lzma.open(tdrive, "rt"), lzma.open(out, "wt"), QUICK_TDRIVE_ROWS + 1)
            else:
                _synthetic_tdrive(out)
            src["tdrive"] = str(out)
    if "sf" in datasets:
        if not quick:
            _need(sf)
            src["sf"] = str(sf)
        else:
            out = workdir / "sf_slice.csv.gz"
            if sf.exists() and not synthetic:
                _head_lines(gzip.open(sf, "rt"), gzip.open(out, "wt"), QUICK_SF_TRIPS + 1)
            else:
                _synthetic_sf(out)
            src["sf"] = str(out)
    (workdir / "sources.json").write_text(json.dumps(src))
    return src


def _need(path: Path):
    if not path.exists():
        raise SystemExit(f"{path} is absent: the full run needs the shared data (use --quick for synthetic data)")


def _head_lines(src, dst, n):
    with src, dst:
        for i, line in enumerate(src):
            if i >= n:
                break
            dst.write(line)


def _synthetic_tdrive(out: Path, n_taxis=40, n_fixes=1500, seed=0):
    """T-Drive layout: random walks around Beijing, ~4 min sampling, with repeated rows and a few (0,0) fixes."""
    rng = np.random.default_rng(seed)
    t0 = np.datetime64("2008-02-02T13:30:00")
    with lzma.open(out, "wt") as fh:
        fh.write("taxi_id,datetime,lon,lat\n")
        for taxi in range(1, n_taxis + 1):
            xy = rng.uniform([116.2, 39.8], [116.6, 40.1]) + rng.normal(0, 0.002, (n_fixes, 2)).cumsum(axis=0)
            dt = rng.choice([5, 60, 240, 300, 2400], size=n_fixes, p=[0.1, 0.2, 0.5, 0.15, 0.05]).cumsum()
            bad = rng.random(n_fixes) < 0.005
            xy[bad] = 0.0
            for k in range(n_fixes):
                stamp = str(t0 + np.timedelta64(int(dt[k]), "s")).replace("T", " ")
                line = f"{taxi},{stamp},{xy[k, 0]:.5f},{xy[k, 1]:.5f}\n"
                fh.write(line * (2 if k % 97 == 0 else 1))


def _synthetic_sf(out: Path, n_trips=1200, seed=0):
    """Cabspotting layout: trips between a few hubs with POLYLINE and irregular TIME_OFFSETS."""
    rng = np.random.default_rng(seed)
    hubs = np.array([[-122.40, 37.79], [-122.39, 37.62], [-122.42, 37.76], [-122.45, 37.77], [-122.41, 37.80]])
    with gzip.open(out, "wt") as fh:
        fh.write("TRIP_ID,TAXI_ID,TIMESTAMP,END_TIMESTAMP,N_POINTS,MAX_GAP_S,POLYLINE,TIME_OFFSETS\n")
        for i in range(n_trips):
            o, d = rng.choice(len(hubs), 2, replace=False, p=[0.4, 0.25, 0.15, 0.1, 0.1])
            n = int(rng.integers(5, 25))
            f = np.linspace(0, 1, n)[:, None]
            pts = hubs[o] + f * (hubs[d] - hubs[o]) + rng.normal(0, 0.0015, (n, 2))
            off = np.concatenate([[0], rng.integers(20, 90, n - 1).cumsum()])
            start = 1211018404 + int(rng.integers(0, 25 * 86400))
            poly = "[" + ",".join(f"[{x:.5f},{y:.5f}]" for x, y in pts) + "]"
            offs = "[" + ",".join(str(int(v)) for v in off) + "]"
            fh.write(
                f'cab{i % 40}_{start},cab{i % 40},{start},{start + off[-1]},{n},{int(np.diff(off).max())},'
                f'"{poly}","{offs}"\n'
            )


# ------------------------------------------------------------------------------------------------ child side
class Ctx:
    def __init__(self, workdir: Path, quick: bool):
        self.workdir = workdir
        self.quick = quick
        self.sources = json.loads((workdir / "sources.json").read_text())

    def path(self, name: str) -> str:
        return str(self.workdir / name)

    def results(self, step_name: str) -> dict:
        p = self.workdir / f"{step_name}.json"
        if not p.exists():
            raise RuntimeError(f"step {step_name} has not run in {self.workdir}: run it first")
        return json.loads(p.read_text())


def run_in_child(name: str, workdir: Path, quick: bool) -> int:
    from _qgis import start_qgis

    global _QUICK, _OVERRIDES
    start_qgis()
    _QUICK = quick
    params = workdir / "params.json"
    _OVERRIDES = json.loads(params.read_text()) if params.exists() else {}
    ctx = Ctx(workdir, quick)
    out = STEPS[name].run(ctx)
    res = out.pop("results", None)
    if res is not None:
        (workdir / f"{name}.json").write_text(json.dumps(res, default=str))
    print(RESULT_PREFIX + json.dumps(out, default=str), flush=True)
    return 0


#: with --quick, fewer epochs/steps so the suite's smoke test stays short (the chain is the same)
QUICK_PARAMS = {
    "crotadtrain": {"PRETRAIN_EPOCHS": 1, "STEPS_PER_EPOCH": 5, "DQN_STEPS": 20},
    "e2dtctrain": {"PRETRAIN_EPOCHS": 1, "SELFTRAIN_EPOCHS": 1},
    "mobilityembedtrain": {"EPOCHS": 1},
    "metatrltrain": {"META_EPOCHS": 1, "SOURCE_EPOCHS": 1, "TARGET_EPOCHS": 1},
}
_QUICK = False
_OVERRIDES = {}  # --params of the parent (params.json in the work folder)


def run_alg(alg: str, params: dict):
    """(seconds, results) of one Processing run; the progress it reports is logged every 10 %."""
    import processing
    from qgis.core import QgsProcessingContext, QgsProcessingFeedback

    class Feedback(QgsProcessingFeedback):
        last = -10.0

        def setProgress(self, p):  # noqa: N802 - the QGIS name
            super().setProgress(p)
            if p >= self.last + 10:
                self.last = p
                print(f"  {p:5.1f} %  {time.strftime('%H:%M:%S')}", flush=True)

        def pushWarning(self, text):  # noqa: N802
            print("  warning:", text, flush=True)

        def pushInfo(self, text):  # noqa: N802
            print("  info:", text, flush=True)

    if _QUICK:
        params = {**params, **QUICK_PARAMS.get(alg, {})}
    params = {**params, **_OVERRIDES.get(alg, {})}
    print(f"{alg}: {params}", flush=True)
    context = QgsProcessingContext()
    t0 = time.perf_counter()
    res = processing.run(f"deeptraj:{alg}", params, feedback=Feedback(), context=context)
    return time.perf_counter() - t0, {k: v for k, v in res.items() if isinstance(v, (int, float, str))}


def feature_count(path: str) -> int:
    from osgeo import ogr

    ds = ogr.Open(path)
    return int(ds.GetLayer(0).GetFeatureCount())


def ogr2ogr(dst: str, src: str, *args: str) -> None:
    subprocess.run(["ogr2ogr", "-f", "GPKG", "-lco", "SPATIAL_INDEX=NO", dst, src, *args], check=True)


def point_arrays(gpkg: str, id_field="traj_id", time_field="time", extra=None):
    """(ids, x, y, t) of a point GeoPackage, read by the algorithms' own Arrow reader (for the engine-only steps),
    without the far outliers their reading path excludes; ``extra``: a field whose values are appended."""
    from osgeo import ogr

    from deeptraj.models.core.outliers import find_outliers
    from deeptraj.processing_provider.arrow_points import read_columns

    ds = ogr.Open(gpkg)
    lyr = ds.GetLayer(0)
    extras = (extra,) if extra else ()
    cols = read_columns(lyr, lyr.GetFeatureCount(), id_field, time_field, extras)
    keep = ~find_outliers(cols["x"], cols["y"], geographic=True).mask
    out = tuple(cols[k][keep] for k in ("ids", "x", "y", "t"))
    return out + (cols["attrs"][extra][keep],) if extra else out


def timed(records: int, seconds: float, results=None, notes=()) -> dict:
    out = {"records": int(records), "seconds": float(seconds), "notes": list(notes)}
    if results is not None:
        out["results"] = results
    return out


import city_steps_sf  # noqa: E402,F401  (registers the Cabspotting steps)
import city_steps_tdrive  # noqa: E402,F401  (registers the T-Drive steps)
