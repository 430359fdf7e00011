"""Mobility embeddings (Transformer + BiLSTM, "Experiment 21") on real data without LYMob access, held-out users.

    .venv/bin/python benchmarks/mobility_embed.py [--quick] [--epochs N] [--preset fast-cpu|post]

Datasets (../shared/data): GeoLife user-days (Beijing, UTC+8), Chengdu taxi driver-days (DeepTTE sample, local
times), AIS vessel-days (New York harbour, first week of December 2020, UTC-5), and a synthetic LYMob-format file
written by the simulator and read back through the LYMob importer (the post's own format). Users are split like
the post's "uid < 4000": the users with the highest ids (--test-share, 20%) are never seen in training; 10% of the
training users are the validation users for early stopping.

Printed per dataset, on the held-out users: next-location accuracy@1/@5 of the model, of the sequence's most
frequent location and of a first-order Markov chain fitted on the training users; top-1/top-5 re-identification of
a user's other days from one day (embeddings vs the baselines' bag-of-cells / bag-of-transitions features); and the
share of variance of the first two PCA components after standardisation (and, for contrast, after the L2
normalisation the post warned about). --quick: tiny subsets and one epoch (a smoke test of the script).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _qgis import DATA, import_deeptraj  # noqa: E402

import_deeptraj()
from deeptraj.models.core.crs import transform_xy  # noqa: E402
from deeptraj.models.core.embeddings import standardized_pca  # noqa: E402
from deeptraj.models.core.readers.lymob import read_lymob_csv, write_lymob_csv  # noqa: E402
from deeptraj.models.mobility.evaluation import evaluate_held_out  # noqa: E402
from deeptraj.models.mobility.model import MobilityEmbedder  # noqa: E402
from deeptraj.models.mobility.params import PRESETS, make_params  # noqa: E402
from deeptraj.models.mobility.sequences import MobilityDataError, build_sequences  # noqa: E402
from deeptraj.models.synthetic.lymob import simulate_lymob  # noqa: E402


def _epoch(s) -> np.ndarray:
    return ((pd.to_datetime(s) - pd.Timestamp(0)) // pd.Timedelta(seconds=1)).to_numpy(np.int64)


def load_geolife(max_users=None):
    df = pd.read_csv(DATA / "geolife" / "geolife_points.csv.gz", dtype={"user_id": str, "traj_id": str})
    df = df[df.lon.between(115.4, 117.6) & df.lat.between(39.4, 41.1)]
    if max_users:
        df = df[df.user_id.isin(sorted(df.user_id.unique())[:max_users])]
    x, y = transform_xy(df.lon.to_numpy(), df.lat.to_numpy(), "EPSG:4326", "EPSG:32650")
    return df.user_id.to_numpy(), x, y, _epoch(df.t_utc), 8 * 3600


def load_chengdu(max_users=None):
    trips = pd.read_csv(DATA / "chengdu_didi_deeptte" / "chengdu_trips.csv")
    pts = pd.read_csv(DATA / "chengdu_didi_deeptte" / "chengdu_points.csv.gz").merge(trips, on="traj_id")
    if max_users:
        pts = pts[pts.driver_id.isin(sorted(pts.driver_id.unique())[:max_users])]
    # only day of month and minute of day are known: August 2014, local time written as UTC (offset 0)
    t = (
        int(pd.Timestamp("2014-08-01").timestamp())
        + pts.date_id.to_numpy() * 86400
        + pts.time_id_min.to_numpy() * 60
        + pts.time_gap_s.to_numpy()
    ).astype(np.int64)
    x, y = transform_xy(pts.lon.to_numpy(), pts.lat.to_numpy(), "EPSG:4326", "EPSG:32648")
    return pts.driver_id.astype(str).to_numpy(), x, y, t, 0


def load_ais(max_users=None):
    df = pd.read_csv(DATA / "ais_ny_harbor" / "nyharbor_2020_12_first_week_points.csv.gz")
    if max_users:
        df = df[df.mmsi.isin(sorted(df.mmsi.unique())[:max_users])]
    x, y = transform_xy(df.lon.to_numpy(), df.lat.to_numpy(), "EPSG:4326", "EPSG:32618")
    return df.mmsi.astype(str).to_numpy(), x, y, _epoch(df.t_utc), -5 * 3600


def load_lymob(n_users, n_days, tmp):
    """Simulated commuters written as a LYMob CSV and read back with the importer's reader."""
    sample = simulate_lymob(n_users=n_users, n_days=n_days, seed=21)
    path = Path(tmp) / "lymob_sim.csv.gz"
    write_lymob_csv(path, *sample.columns())
    reader = read_lymob_csv(str(path), cell_size=500.0, start_date="2024-01-01")
    uid, x, y, t = reader.point_columns()
    print(f"  LYMob importer: {reader.stats.n_rows} rows, {reader.stats.n_masked} masked (999) skipped")
    return uid.astype(str), x, y, t, 0


def split_users(seqs, test_share):
    """Held-out users = the highest ids (numeric order when the ids are numbers), as the post's uid < 4000."""
    users = np.array([str(u) for u in seqs.users], dtype=object)
    uniq = np.unique(users)
    try:
        uniq = uniq[np.argsort([float(u) for u in uniq], kind="stable")]
    except ValueError:
        pass
    n_test = max(1, int(round(test_share * uniq.size)))
    test_users = set(uniq[-n_test:].tolist())
    return np.array([u in test_users for u in users])


def run(name, data, args):
    group, x, y, t, tz = data
    seqs = build_sequences(group, None, x, y, t, resample_s=args.resample * 60, tz_offset_s=tz)
    test = split_users(seqs, args.test_share)
    train, held = seqs.subset(~test), seqs.subset(test)
    print(
        f"\n## {name}\n{len(seqs)} user-days ({len(set(map(str, seqs.users)))} users, {seqs.n_records} records "
        f"of one per {args.resample:g} min, mean {seqs.lengths.mean():.1f} per day); held out: {len(held)} "
        f"days of {len(set(map(str, held.users)))} users",
        flush=True,
    )
    params = make_params(args.preset, epochs=args.epochs, seed=args.seed, cell_size=args.cell)
    model = MobilityEmbedder(params, n_threads=args.threads)
    t0 = time.perf_counter()
    model.fit(train)
    fit_s = time.perf_counter() - t0
    h = model.history_
    print(
        f"training: {len(h['train_loss'])} epochs in {fit_s:.0f} s (best epoch {h.get('best_epoch')}), "
        f"{len(model.grid_.cell_keys)} vocabulary cells of {args.cell:g} m",
        flush=True,
    )
    t0 = time.perf_counter()
    ev = evaluate_held_out(model, seqs, test, max_per_sequence=args.max_cuts)
    eval_s = time.perf_counter() - t0
    names = {"model": "Transformer + BiLSTM", "most_frequent": "most frequent location", "markov": "first-order Markov"}
    acc = {names[k]: v for k, v in ev["next_location"].items()}
    features = {"model": "embedding", "most_frequent": "bag_of_cells", "markov": "bag_of_transitions"}
    rid = {names[k]: ev["reidentification"][f] for k, f in features.items()}
    emb = ev["held_out_embeddings"]
    n = next(iter(acc.values()))["n_samples"]
    print(
        f"next location on held-out users ({n} predictions, "
        f"{100 * acc['most frequent location']['share_out_of_vocabulary_targets']:.0f}% "
        f"of the targets outside the vocabulary; evaluation {eval_s:.1f} s); "
        f"re-identification ({rid['first-order Markov']['n_queries']} query days, chance top-1 "
        f"{rid['first-order Markov']['chance_top1']:.3f}):\n"
    )
    print("| method | acc@1 | acc@5 | re-id top-1 | re-id top-5 |\n|---|---|---|---|---|")
    for m in acc:
        print(f"| {m} | {acc[m]['acc@1']:.3f} | {acc[m]['acc@5']:.3f} | {rid[m]['top1']:.3f} | {rid[m]['top5']:.3f} |")
    if len(held) >= 3:
        _, ratio = standardized_pca(emb)
        l2 = emb / np.linalg.norm(emb, axis=1, keepdims=True)
        l2c = l2 - l2.mean(0)
        s = np.linalg.svd(l2c, compute_uv=False) ** 2
        print(
            f"\nPCA of the held-out embeddings: first two components {100 * ratio[:2].sum():.1f}% after "
            f"standardisation (first ten {100 * ratio[:10].sum():.1f}%); {100 * s[:2].sum() / s.sum():.1f}% after "
            "an L2 row normalisation instead",
            flush=True,
        )
    return acc, rid


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--preset", default="fast-cpu", choices=list(PRESETS))
    ap.add_argument("--epochs", type=int, default=None)
    ap.add_argument("--resample", type=float, default=10.0, help="minutes per record for the GPS/AIS data")
    ap.add_argument("--cell", type=float, default=500.0)
    ap.add_argument("--test-share", type=float, default=0.2)
    ap.add_argument("--max-cuts", type=int, default=None, help="at most this many predictions per held-out day")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--only", default="", help="comma-separated: lymob,geolife,chengdu,ais")
    args = ap.parse_args(argv)
    if args.quick:
        args.epochs = 1
        args.max_cuts = 5
    print(
        f"# Mobility embeddings benchmark (preset {args.preset}, epochs {args.epochs or 'preset'}, seed "
        f"{args.seed}, {args.threads} torch threads)"
    )
    only = set(filter(None, args.only.split(",")))
    lim = 6 if args.quick else None
    with tempfile.TemporaryDirectory() as tmp:
        jobs = [
            (
                "lymob",
                "synthetic LYMob (simulator -> LYMob CSV -> importer), user-days of 30-min slots",
                lambda: load_lymob(12 if args.quick else 200, 7 if args.quick else 28, tmp),
                30.0,
            )
        ]
        present = DATA.exists()
        if present:
            jobs += [
                ("geolife", "GeoLife user-days (Beijing)", lambda: load_geolife(lim), args.resample),
                (
                    "chengdu",
                    "Chengdu taxi driver-days (DeepTTE sample)",
                    lambda: load_chengdu(lim * 5 if lim else None),
                    args.resample,
                ),
                ("ais", "AIS vessel-days (NY harbour, December 2020 week)", lambda: load_ais(lim), args.resample),
            ]
        else:
            print(f"\n(real datasets skipped: {DATA} not found)")
        for key, name, load, resample in jobs:
            if only and key not in only:
                continue
            keep = args.resample
            args.resample = resample
            try:
                run(name, load(), args)
            except MobilityDataError as e:
                print(f"\n## {name}\nskipped: {e}")
            args.resample = keep


if __name__ == "__main__":
    main()
