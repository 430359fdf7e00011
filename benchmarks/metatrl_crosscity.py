"""MetaTRL cross-city transfer: does meta-learning on a data-rich source city help a data-poor target city?

    .venv/bin/python benchmarks/metatrl_crosscity.py                       # Porto target, GeoLife source, H3 res 9
    .venv/bin/python benchmarks/metatrl_crosscity.py --seeds 0 1 2         # mean and spread over seeds
    .venv/bin/python benchmarks/metatrl_crosscity.py --units road          # Porto map-matched on porto_roads_osm
    .venv/bin/python benchmarks/metatrl_crosscity.py --skip-classification # only destination / travel time
    .venv/bin/python benchmarks/metatrl_crosscity.py --quick               # tiny budgets: smoke test (< 2 min)
    .venv/bin/python benchmarks/metatrl_crosscity.py --curve 500 --sources geolife chengdu geolife+chengdu \\
        --methods transfer,target-only                                    # which source cities help Porto
    .venv/bin/python benchmarks/metatrl_crosscity.py --curve 250 500 1000 1500 --seeds 0 1 2 --methods \\
        transfer,target-only,no-pretrain,raw                              # target size against transfer's gain

Experiment 1 - target Porto (``../shared/data/porto_taxi``, the first 1,999 trips of the ECML/PKDD 2015 file: a
data-poor city, the paper's motivating case; the paper caps its Porto target at 50,000 trips), source Beijing
(``../shared/data/geolife``, the GeoLife trajectories inside greater Beijing). ``--sources`` picks other or more
source cities: ``chengdu`` (the 1,400 occupied taxi trips of ``../shared/data/chengdu_didi_deeptte``), ``tdrive`` (72
Beijing taxis over two days, ``../shared/data/tdrive_beijing``, cut into trips at parking and gaps over 15 min);
``a+b`` meta-trains on both cities (Eq. 1-4 loop over the source cities), and several sets each get their own
transfer run. Units: H3 cells (``--resolution``, default 9) of every Porto trip, or with ``--units road`` the 11,109
directed segments of ``porto_roads_osm`` with the trips map-matched onto them (trips leaving the road layer's box
keep their matched part). The Porto trips are split 80 / 20 (seeded); pre-training and the task heads only see the
80 %, 10 % of which is the heads' validation part for early stopping; the metrics are on the 20 %. Tasks: destination
prediction (the trajectory without its last 20 % of units -> the unit of its last point; micro-F1, macro-F1,
Recall@5) and travel-time estimation (all units, only the departure time -> minutes; MAE, MAPE, RMSE).

Experiment 2 - target GeoLife transport-mode classification (one trajectory per labelled interval of a user inside
Beijing; modes walk, bike, bus, car (car + taxi), subway, train), source Porto; accuracy, macro-F1.

Methods, all with the same splits and the same fine-tuning budget (``models.trajtasks.fit_task``: linear head, the
encoder fine-tuned with it, learning rates 1e-3, at most 20 epochs with early stopping on the validation part):
* MetaTRL (source -> target): meta-training on the source city, then pre-training on the target; also with the
  literal first-order meta step of Eq. 2 alone (``meta_update="first-order"``, see models/metatrl.py);
* MetaTRL (target only): the same pre-training on the target alone;
* MetaTRL, no pre-training: the same architecture from its random initialisation, fine-tuned on the task;
* GRU (supervised): a GRU over units trained end to end on the task;
* raw features: no representation learning, a linear model on hand-made features (``RawFeatureBaseline``);
* with ``--probe`` also a linear probe of the three MetaTRL encoders (frozen; only the head trains), which shows
  what pre-training put into the embeddings without the fine-tuning's own learning.

The paper's Porto numbers (50k target trips, road units, BJ -> Porto): DP micro-F1 0.642, macro-F1 0.248, Recall@5
0.861; TTE MAE 1.509 min, MAPE 0.233. Our target is 25 times smaller, so the claim to check is the relative one.
Without ../shared/data, --quick runs on two simulated cities.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _qgis import DATA, import_deeptraj  # noqa: E402

import_deeptraj()
from deeptraj.models.core.trajectories import Trajectories  # noqa: E402
from deeptraj.models.core.units import cell_network  # noqa: E402
from deeptraj.models.metatrl import tasks as tt  # noqa: E402
from deeptraj.models.metatrl.baseline import RawFeatureBaseline  # noqa: E402
from deeptraj.models.metatrl.model import MetaTRL  # noqa: E402
from deeptraj.models.metatrl.params import City, make_params  # noqa: E402
from deeptraj.models.metatrl.taskfit import fit_task  # noqa: E402
from deeptraj.models.metatrl.tasks_net import GRUBaseline  # noqa: E402

PORTO = DATA / "porto_taxi" / "porto_train_first1999_points.csv.gz"
PORTO_ROADS = DATA / "porto_roads_osm" / "porto_roads.gpkg"
GEOLIFE = DATA / "geolife" / "geolife_points.csv.gz"
GEOLIFE_LABELS = DATA / "geolife" / "geolife_labels.csv"
CHENGDU = DATA / "chengdu_didi_deeptte"
TDRIVE = DATA / "tdrive_beijing" / "tdrive_72taxis_2008-02-03_04.csv.gz"
BEIJING = (115.4, 39.4, 117.6, 41.1)
MODES = {
    "walk": "walk",
    "bike": "bike",
    "bus": "bus",
    "car": "car",
    "taxi": "car",
    "subway": "subway",
    "train": "train",
}
PAPER = {
    "destination": {"micro_f1": 0.642, "macro_f1": 0.248, "recall_at_5": 0.861},
    "travel_time": {"mae": 1.509, "mape": 0.233, "rmse": 2.198},
}
METHODS = ("transfer", "transfer-literal", "target-only", "no-pretrain", "gru", "raw")


# ---------------------------------------------------------------------------- data
def _epoch_s(s: pd.Series) -> np.ndarray:
    return ((pd.to_datetime(s) - pd.Timestamp(0)) // pd.Timedelta(seconds=1)).to_numpy()


def load_porto(limit=None) -> Trajectories:
    p = pd.read_csv(PORTO)
    if limit:
        keep = p.trip_id.drop_duplicates().iloc[:limit]
        p = p[p.trip_id.isin(keep)]
    tr, _ = Trajectories.from_points(
        p.trip_id.astype(str).to_numpy(), p.lon.to_numpy(), p.lat.to_numpy(), p.t_unix.to_numpy(), crs="EPSG:4326"
    )
    return tr


def _geolife_points():
    g = pd.read_csv(GEOLIFE, dtype={"user_id": str, "traj_id": str})
    x0, y0, x1, y1 = BEIJING
    g = g[g.lon.between(x0, x1) & g.lat.between(y0, y1)].copy()
    g["t"] = _epoch_s(g.t_utc)
    return g


def load_geolife() -> Trajectories:
    """The GeoLife trajectories inside greater Beijing."""
    g = _geolife_points()
    tid = (g.user_id + "_" + g.traj_id).to_numpy()
    tr, _ = Trajectories.from_points(tid, g.lon.to_numpy(), g.lat.to_numpy(), g.t.to_numpy(), crs="EPSG:4326")
    return tr


def load_chengdu() -> Trajectories:
    """The 1,400 occupied Chengdu taxi trips of the DeepTTE sample. The file has no absolute dates, only the day of
    August 2014, the start minute of the day (Chengdu local time, UTC+8) and seconds since the trip's start."""
    trips = pd.read_csv(CHENGDU / "chengdu_trips.csv")
    p = pd.read_csv(CHENGDU / "chengdu_points.csv.gz").merge(trips[["traj_id", "date_id", "time_id_min"]], on="traj_id")
    day0 = pd.Timestamp("2014-08-01", tz="Asia/Shanghai").timestamp()
    t = day0 + (p.date_id - 1) * 86400.0 + p.time_id_min * 60.0 + p.time_gap_s
    tr, _ = Trajectories.from_points(
        p.traj_id.astype(str).to_numpy(), p.lon.to_numpy(), p.lat.to_numpy(), t.to_numpy(), crs="EPSG:4326"
    )
    return tr


def load_tdrive(max_gap_s=900.0) -> Trajectories:
    """T-Drive: 72 Beijing taxis over two days, one track per taxi, cut into trips: repeated positions (parked) are
    dropped, and a track is cut where two fixes are more than ``max_gap_s`` apart (which includes every stop)."""
    d = pd.read_csv(TDRIVE).drop_duplicates(["TaxiID", "TimeStamp"])
    d["t"] = pd.to_datetime(d.TimeStamp).dt.tz_localize("Asia/Shanghai").map(pd.Timestamp.timestamp)
    d = d.sort_values(["TaxiID", "t"])
    same = (d.TaxiID == d.TaxiID.shift()) & (d.Longitude == d.Longitude.shift()) & (d.Latitude == d.Latitude.shift())
    d = d[~same]
    new = (d.TaxiID != d.TaxiID.shift()) | (d.t - d.t.shift() > max_gap_s)
    trip = new.cumsum().to_numpy()
    tr, _ = Trajectories.from_points(
        trip.astype(str), d.Longitude.to_numpy(), d.Latitude.to_numpy(), d.t.to_numpy(), crs="EPSG:4326"
    )
    return tr


#: --sources cities: (name in the tables, file or folder, loader)
SOURCES = {
    "geolife": ("Beijing (GeoLife)", GEOLIFE, load_geolife),
    "chengdu": ("Chengdu (taxi)", CHENGDU, load_chengdu),
    "tdrive": ("Beijing (T-Drive taxi)", TDRIVE, load_tdrive),
}


def load_source(name, limit=None) -> Trajectories:
    """The trajectories of source city ``name`` (the first ``limit``)."""
    tr = SOURCES[name][2]()
    return tr.subset(np.arange(limit)) if limit and len(tr) > limit else tr


def load_geolife_modes():
    """(Trajectories, labels): one trajectory per labelled interval of a user (modes of MODES) inside Beijing."""
    g = _geolife_points()
    lab = pd.read_csv(GEOLIFE_LABELS, dtype={"user_id": str})
    lab = lab[lab["mode"].isin(MODES)].reset_index(drop=True)
    lab["t0"], lab["t1"] = _epoch_s(lab.start_utc), _epoch_s(lab.end_utc)
    ids, xs, ys, ts = [], [], [], []
    labels = {}
    for user, pts in g.groupby("user_id", sort=False):
        pts = pts.sort_values("t")
        t = pts.t.to_numpy()
        for k, row in lab[lab.user_id == user].iterrows():
            a, b = np.searchsorted(t, row.t0, "left"), np.searchsorted(t, row.t1, "right")
            if b - a < 5:
                continue
            key = f"{user}_{k}"
            ids.append(np.full(b - a, key, object))
            xs.append(pts.lon.to_numpy()[a:b])
            ys.append(pts.lat.to_numpy()[a:b])
            ts.append(t[a:b])
            labels[key] = MODES[row["mode"]]
    tr, _ = Trajectories.from_points(
        np.concatenate(ids), np.concatenate(xs), np.concatenate(ys), np.concatenate(ts), crs="EPSG:4326"
    )
    return tr, np.array([labels[str(i)] for i in tr.ids], object)


def simulated_city(seed, spacing):
    from deeptraj.models.synthetic.simulate import simulate_trajectories

    r = simulate_trajectories(seed=seed, grid_spacing=spacing)
    return r.trajs, np.array([f"speed{int(s > np.median(r.speed))}" for s in r.speed], object)


def road_city(trajs, log):
    """(UnitNetwork, UnitSequences) of ``trajs`` map-matched on porto_roads_osm."""
    from osgeo import ogr

    from deeptraj.models.core.mapmatch import HMMMatcher
    from deeptraj.models.core.roadnet import road_network

    ds = ogr.Open(str(PORTO_ROADS))
    lines, fids, starts, ends = [], [], [], []
    for f in ds.GetLayerByName("edges"):
        g = f.GetGeometryRef()
        if g is not None and g.GetPointCount() >= 2:
            lines.append(np.array(g.GetPoints())[:, :2])
            fids.append(f.GetFID())
            starts.append(f.GetField("start_node"))
            ends.append(f.GetField("end_node"))
    net, geom = road_network(lines, np.array(fids), node_ids=(np.array(starts), np.array(ends)))
    t0 = time.time()
    res = HMMMatcher().match(trajs, net, geom)
    log(f"map matching: {res.matched_share:.1%} of the points matched, {res.n_breaks} breaks, {time.time() - t0:.0f} s")
    return net, res.sequences


# ---------------------------------------------------------------------------- methods
def pretrain(args, seed, target: City, sources, log, **extra):
    params = make_params(args.preset, seed=seed, **dict(args.overrides, **extra))
    t0 = time.time()
    model = MetaTRL(params, n_threads=args.threads).fit(target, sources)
    log(
        f"  pre-training {'with ' + ', '.join(c.name for c in sources) if sources else 'target only'}: "
        f"{time.time() - t0:.0f} s"
    )
    return model


def run_task(args, seed, name, encoder, seqs, data, tr, va, te):
    t0 = time.time()
    if name == "raw":
        m = RawFeatureBaseline().fit(seqs, data, tr)
    else:
        if name.endswith("-frozen"):
            how = dict(fine_tune=False)
        else:
            encoder_lr = args.lr if name == "gru" else args.encoder_lr
            how = dict(fine_tune=True, epochs=args.task_epochs, encoder_lr=encoder_lr)
        m = fit_task(
            encoder, seqs, data, tr, va, lr=args.lr, max_len=args.max_len, seed=seed, n_threads=args.threads, **how
        )
    out = m.evaluate(seqs, data, te)
    out["seconds"] = round(time.time() - t0, 1)
    return out


def task_splits(data, train_rows, test_rows, seed):
    pos = np.arange(len(data))
    tr = pos[np.isin(data.index, train_rows)]
    te = pos[np.isin(data.index, test_rows)]
    strat = data.stratify_labels()
    tr, va = tt.validation_split(tr, 0.1, seed=seed, stratify=strat)
    return tr, va, te


def expand_methods(methods, source_sets, probe=False):
    """With several source sets (``--sources a b+c``) every transfer method runs once per set, as
    ``transfer:a`` and ``transfer:b+c``; ``probe`` adds the frozen variants."""
    transfer = ("transfer", "transfer-literal")
    out = [
        f"{m}:{spec}" if len(source_sets) > 1 and m in transfer else m
        for m in methods
        for spec in (source_sets if m in transfer else [None])
    ]
    if probe:
        out += [f"{m}-frozen" for m in out if m.partition(":")[0] in ("transfer", "target-only", "no-pretrain")]
    return out


def experiment(args, seed, target_name, net, seqs, sources, tasks, labels, log, rows=None, methods=None):
    """Metrics {task: {method: metrics}} for one seed: split the target's trajectories (or take ``rows`` =
    (train rows, test rows)), pre-train, fine-tune. ``sources``: {source-set name: [City, ...]}; ``transfer`` uses
    the only set, ``transfer:name`` the named one."""
    methods = methods or args.methods
    train_rows, test_rows = rows if rows is not None else tt.split(len(seqs), 0.8, seed=seed, stratify=labels)
    target = City(target_name, net, seqs.subset(train_rows))
    encoders = {}
    for name in methods:
        base, _, spec = name.partition(":")
        if base in ("transfer", "transfer-literal") and not name.endswith("-frozen"):
            cities = sources[spec] if spec else next(iter(sources.values()))
            extra = {"meta_update": "first-order"} if base == "transfer-literal" else {}
            encoders[name] = pretrain(args, seed, target, cities, log, **extra).encoder()
    if "target-only" in methods:
        encoders["target-only"] = pretrain(args, seed, target, [], log).encoder()
    if "no-pretrain" in methods:
        untrained = make_params(args.preset, seed=seed, **dict(args.overrides, target_epochs=0))
        encoders["no-pretrain"] = MetaTRL(untrained, n_threads=args.threads).fit(target).encoder()
    out = {}
    for task in tasks:
        data = tt.task_inputs(
            seqs,
            task,
            labels=labels if task == "classification" else None,
            n_units=net.size if task == "destination" else None,
            predict_length=args.dp_predict_length if task == "destination" else 0,
        )
        tr, va, te = task_splits(data, train_rows, test_rows, seed)
        out[task] = {}
        for name in methods:
            if name == "gru":

                def enc(size=net.size):
                    return GRUBaseline(size, d_model=64)
            else:
                enc = encoders.get(name.replace("-frozen", ""))
            res = run_task(args, seed, name, enc, seqs, data, tr, va, te)
            out[task][name] = res
            log(
                f"  {task:15s} {name:12s} "
                + "  ".join(f"{k} {v:.4f}" for k, v in res.items() if isinstance(v, float) and k != "seconds")
                + f"  ({res['seconds']:.0f} s)"
            )
    return out


# ---------------------------------------------------------------------------- output
LABELS = {
    "transfer": "MetaTRL ({src} -> {tgt})",
    "transfer-literal": "  same, literal Eq. 2 meta step",
    "target-only": "MetaTRL ({tgt} only)",
    "no-pretrain": "MetaTRL, no pre-training",
    "gru": "GRU (supervised)",
    "raw": "raw features + linear",
    "transfer-frozen": "frozen: MetaTRL ({src} -> {tgt})",
    "target-only-frozen": "frozen: MetaTRL ({tgt} only)",
    "no-pretrain-frozen": "frozen: MetaTRL, no pre-training",
}
COLUMNS = {
    "destination": ("micro_f1", "macro_f1", "recall_at_5"),
    "travel_time": ("mae", "mape", "rmse"),
    "classification": ("accuracy", "macro_f1"),
}


def label(method, sources, tgt):
    """The table row of ``method``; ``sources``: {source-set name: [City, ...]}."""
    base, _, spec = method.partition(":")
    frozen = spec.endswith("-frozen")
    spec = spec.removesuffix("-frozen")
    src = " + ".join(c.name for c in (sources[spec] if spec else next(iter(sources.values()))))
    return LABELS[base + ("-frozen" if frozen else "")].format(src=src, tgt=tgt)


def summarise(runs, task, methods, sources, tgt):
    cols = COLUMNS[task]
    names = {m: label(m, sources, tgt) for m in methods}
    w = max(46, *(len(n) + 1 for n in names.values()))
    lines = [
        f"{task} ({tgt}; mean ± std over {len(runs)} seed(s))",
        f"{'method':{w}s}" + "".join(f"{c:>18s}" for c in cols),
    ]
    for m in methods:
        vals = [[r[task][m].get(c, float('nan')) for r in runs] for c in cols]
        lines.append(f"{names[m]:{w}s}" + "".join(f"{np.mean(v):11.4f} ±{np.std(v):.3f}" for v in vals))
    if task in PAPER and tgt == "Porto":
        lines.append(f"{'paper, MetaTRL BJ -> Porto (50k)':{w}s}" + "".join(f"{PAPER[task][c]:18.4f}" for c in cols))
    return "\n".join(lines)


def learning_curve(args, net, seqs, sources, tgt_name, log):
    """Target size against quality: per seed one test set (20% of the target's trips) and nested training sets of
    ``args.curve`` trips drawn from the other 80%, so every size is scored on the same trips."""
    runs = {n: [] for n in args.curve}
    for seed in args.seeds:
        pool, test_rows = tt.split(len(seqs), 0.8, seed=seed)
        pool = np.random.default_rng(seed).permutation(pool)
        for n in args.curve:
            if n > pool.size:
                raise SystemExit(f"--curve {n}: only {pool.size} target trips are outside the test set")
            log(f"seed {seed}, {n} target trips ({test_rows.size} test trips)")
            runs[n].append(
                experiment(
                    args,
                    seed,
                    tgt_name,
                    net,
                    seqs,
                    sources,
                    ("destination", "travel_time"),
                    None,
                    log,
                    rows=(np.sort(pool[:n]), test_rows),
                )
            )
    cols = (
        ("destination", "micro_f1"),
        ("destination", "recall_at_5"),
        ("travel_time", "mae"),
        ("travel_time", "mape"),
    )
    w = max(14, *(len(m) for m in args.methods))
    lines = [
        f"learning curve on {tgt_name} (mean ± std over {len(args.seeds)} seed(s); the same test trips for every size)",
        f"{'trips':>6s} {'method':{w}s}" + "".join(f"{t[:4] + ' ' + c:>18s}" for t, c in cols),
    ]
    for n, rs in runs.items():
        for m in args.methods:
            lines.append(
                f"{n:6d} {m:{w}s}"
                + "".join(
                    f"{np.mean([r[t][m][c] for r in rs]):11.4f} ±{np.std([r[t][m][c] for r in rs]):.3f}"
                    for t, c in cols
                )
            )
        for m in args.methods:
            if m.partition(":")[0] != "transfer" or "target-only" not in args.methods:
                continue
            mae = [r["travel_time"][m]["mae"] < r["travel_time"]["target-only"]["mae"] for r in rs]
            f1 = [r["destination"][m]["micro_f1"] > r["destination"]["target-only"]["micro_f1"] for r in rs]
            lines.append(
                f"{'':6s} {m} beats target-only: TTE MAE in {sum(mae)} of {len(rs)} seeds, DP micro-F1 "
                f"in {sum(f1)} of {len(rs)}"
            )
    return runs, "\n".join(lines)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--seeds", type=int, nargs="+", default=[0])
    ap.add_argument("--preset", default="fast-cpu", choices=("fast-cpu", "paper"))
    ap.add_argument("--units", default="h3", choices=("h3", "road"))
    ap.add_argument("--resolution", type=int, default=9)
    ap.add_argument("--target-trips", type=int, default=None, help="use only the first N Porto trips")
    ap.add_argument("--methods", default=",".join(METHODS))
    ap.add_argument("--task-epochs", type=int, default=20)
    ap.add_argument("--lr", type=float, default=1e-3, help="learning rate of the task heads")
    ap.add_argument(
        "--encoder-lr",
        type=float,
        default=1e-3,
        help="fine-tuning learning rate of the MetaTRL encoders (the GRU always uses --lr)",
    )
    ap.add_argument("--max-len", type=int, default=128)
    ap.add_argument(
        "--metatrl-args", default="{}", help="JSON of MetaTRLParams overrides, e.g. '{\"target_epochs\": 12}'"
    )
    ap.add_argument("--skip-classification", action="store_true")
    ap.add_argument(
        "--probe", action="store_true", help="also a linear probe (frozen encoder, head only) of the MetaTRL encoders"
    )
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument(
        "--curve",
        type=int,
        nargs="+",
        default=None,
        help="learning curve: these numbers of target trips, nested, scored on one test set per seed "
        "(destination and travel time only)",
    )
    ap.add_argument(
        "--dp-predict-length",
        type=int,
        default=0,
        help="destination prediction as in the authors' code: hide the last K units and predict each "
        "of them (the code's default is 4; 0 = the last unit after hiding the last 20%%)",
    )
    ap.add_argument(
        "--sources",
        nargs="+",
        default=["geolife"],
        help="source cities of the Porto experiment: geolife, chengdu, tdrive; several cities of one "
        "meta-training joined by +; several sets run the transfer methods once per set, e.g. "
        "--sources geolife chengdu geolife+chengdu",
    )
    ap.add_argument("--json", default=None)
    args = ap.parse_args(argv)
    for spec in args.sources:
        bad = [n for n in spec.split("+") if n not in SOURCES]
        if bad:
            ap.error(f"--sources: unknown city {', '.join(bad)} (choose from {', '.join(SOURCES)})")
    plain_methods = [m for m in args.methods.split(",") if m]
    args.methods = expand_methods(plain_methods, args.sources, args.probe)
    args.overrides = json.loads(args.metatrl_args)

    def log(s):
        print(s, flush=True)

    needed = list(dict.fromkeys(c for spec in args.sources for c in spec.split("+")))  # source cities, once each
    have_data = PORTO.exists() and GEOLIFE.exists() and all(SOURCES[n][1].exists() for n in needed)
    if args.quick:
        args.seeds = args.seeds[:1]
        args.task_epochs = 2
        args.overrides = dict(
            dict(d_model=32, n_heads=4, layers=1, target_epochs=1, meta_epochs=1, max_source_trajectories=300),
            **args.overrides,
        )
    if not have_data and not args.quick:
        print(
            "skipped: ../shared/data/porto_taxi, ../shared/data/geolife and the --sources data are needed (or use "
            "--quick)"
        )
        return 0
    t_start = time.time()
    if have_data:
        porto = load_porto(300 if args.quick else args.target_trips)
        cities = {n: load_source(n, 300 if args.quick else None) for n in needed}
        tgt_name = "Porto"
    else:
        porto, _ = simulated_city(1, 200.0)
        cities = {n: simulated_city(2 + k, 300.0 + 50 * k)[0] for k, n in enumerate(needed)}
        tgt_name = "simulated A"
    if args.units == "road" and have_data:
        p_net, p_seqs = road_city(porto, log)
    else:
        p_net, p_seqs = cell_network(porto, "h3", args.resolution)
    log(f"target {tgt_name}: {len(p_seqs)} trajectories, {p_net.size} {p_net.kind} units")
    for n, trajs in list(cities.items()):
        name = SOURCES[n][0] if have_data else f"simulated {n}"
        c_net, c_seqs = cell_network(trajs, "h3", args.resolution)
        cities[n] = City(name, c_net, c_seqs)
        log(f"source {name}: {len(c_seqs)} trajectories, {c_net.size} units")
    sources = {spec: [cities[n] for n in spec.split("+")] for spec in args.sources}
    p_seqs = p_seqs.min_length(4)
    results = {"settings": {k: v for k, v in vars(args).items()}, "runs": []}
    if args.curve:
        results["curve"], text = learning_curve(args, p_net, p_seqs, sources, tgt_name, log)
        print(text)
        print(f"\ntotal {time.time() - t_start:.0f} s")
        if args.json:
            Path(args.json).write_text(json.dumps(results, indent=1, default=str))
        return 0
    for seed in args.seeds:
        log(f"seed {seed}")
        results["runs"].append(
            experiment(args, seed, tgt_name, p_net, p_seqs, sources, ("destination", "travel_time"), None, log)
        )
    text = [summarise(results["runs"], t, args.methods, sources, tgt_name) for t in ("destination", "travel_time")]
    if not args.skip_classification:
        if have_data:
            gl, labels = load_geolife_modes()
            if args.quick:
                gl, labels = gl.subset(np.arange(300)), labels[:300]
            c_src, c_tgt = "Porto", "GeoLife modes"
        else:
            gl, labels = simulated_city(3, 250.0)
            c_src, c_tgt = tgt_name, "simulated C"
        c_net, c_seqs = cell_network(gl, "h3", args.resolution)
        ok = np.flatnonzero(c_seqs.lengths >= 4)
        c_seqs, labels = c_seqs.subset(ok), labels[ok]
        vals, counts = np.unique(labels, return_counts=True)
        log(
            f"classification target {c_tgt}: {len(c_seqs)} trajectories, {c_net.size} units, classes "
            + ", ".join(f"{v} {c}" for v, c in zip(vals, counts))
        )
        c_sources = {"porto": [City(c_src, p_net, p_seqs)]}
        c_methods = expand_methods(plain_methods, c_sources, args.probe)
        results["classification"] = []
        for seed in args.seeds:
            log(f"seed {seed} (classification)")
            results["classification"].append(
                experiment(
                    args, seed, c_tgt, c_net, c_seqs, c_sources, ("classification",), labels, log, methods=c_methods
                )
            )
        text.append(summarise(results["classification"], "classification", c_methods, c_sources, c_tgt))
    print("\n\n".join(text))
    print(f"\ntotal {time.time() - t_start:.0f} s")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
