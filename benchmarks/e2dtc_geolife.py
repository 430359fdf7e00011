"""E2DTC on the paper's own GeoLife benchmark (../shared/data/e2dtc_geolife): UACC / NMI / RI / ARI against the
authors' 12 ground-truth labels, train time and inference throughput on this machine.

    .venv/bin/python benchmarks/e2dtc_geolife.py                    # fast-CPU preset, all 86,112 trajectories, seed 0
    .venv/bin/python benchmarks/e2dtc_geolife.py --seeds 0 1 2      # variance over seeds
    .venv/bin/python benchmarks/e2dtc_geolife.py --preset paper     # the paper's network sizes (slow on a CPU)
    .venv/bin/python benchmarks/e2dtc_geolife.py --quick            # 2,000 trajectories, 1 epoch each: smoke test
    .venv/bin/python benchmarks/e2dtc_geolife.py --skip-e2dtc --seeds 0 1 2   # only the k-medoids baselines

Rows: E2DTC full (L2 = reconstruction + KL + triplet), without triplet (L1, gamma = 0), and pre-training + k-means
(L0 = t2vec + k-means, the state after pre-training); k-medoids with DTW, Hausdorff, discrete Frechet, EDR and LCSS
(medoids from --kmedoids-sample trajectories, then every trajectory assigned to its nearest medoid and scored). The
paper's GeoLife numbers (Table III) are printed beside each row. Without ../shared/data the --quick mode runs on the
embedded simulated sample instead.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _qgis import DATA, import_deeptraj  # noqa: E402

BENCH = DATA / "e2dtc_geolife"
PAPER = {
    "E2DTC (L2)": (0.915, 0.857, 0.812),
    "t2vec + k-means (L0)": (0.85, 0.81, 0.72),
    "k-medoids DTW": (0.583, 0.821, 0.572),
    "k-medoids Hausdorff": (0.667, 0.796, 0.633),
    "k-medoids EDR": (0.582, 0.678, 0.402),
    "k-medoids LCSS": (0.683, 0.807, 0.554),
}  # Table III, GeoLife


def load_geolife_benchmark(limit=None, seed=0):
    """(token sequences, labels, Vocabulary) from the converted E2DTC repository files."""
    import json

    import pandas as pd

    from deeptraj.models.core.discretize import GridSpec, Vocabulary

    region = json.loads((BENCH / "region.json").read_text())
    grid = GridSpec(
        region["minx"], region["miny"], region["xstep"], int(region["numx"]), int(region["numy"]), region["crs"]
    )
    cells = pd.read_csv(BENCH / "vocab_cells.csv").sort_values("token")
    knn = pd.read_csv(BENCH / "knn_cells.csv").sort_values("token")
    knn = knn[knn["token"] >= 4]
    k = int(region["k"])
    vocab = Vocabulary(
        kind="grid",
        cells=cells["cell_id"].to_numpy(np.int64),
        visits=np.zeros(len(cells), np.int64),
        grid=grid,
        params={
            "cell_size": region["xstep"],
            "min_freq": region["minfreq"],
            "k_nearest": k,
            "collapse_repeats": True,
            "source": "E2DTC repository (GeoLife)",
        },
        knn_tokens=knn[[f"nb{i}" for i in range(k)]].to_numpy(np.int64),
        knn_dist_m=knn[[f"dist{i}" for i in range(k)]].to_numpy(np.float64),
    )
    df = pd.read_csv(BENCH / "trajectories.csv")
    if limit:
        df = df.sample(n=min(limit, len(df)), random_state=seed).sort_values("traj_index")
    seqs = [np.array(t.split(), np.int64) for t in df["tokens"].astype(str)]
    return seqs, df["label"].to_numpy(np.int64), vocab


def token_xy(vocab):
    """(V, 2) cell-centre coordinates (metres of the grid CRS) indexed by token; special tokens at 0, 0."""
    from deeptraj.models.core.discretize import N_SPECIAL

    xy = np.zeros((vocab.size, 2))
    cx, cy = vocab.grid.centers(vocab.cells)
    xy[N_SPECIAL:, 0], xy[N_SPECIAL:, 1] = cx, cy
    return xy


def run_kmedoids(seqs, labels, vocab, k, seed, metrics, sample, eps, log):
    """k-medoids baselines: medoids from a random sample of ``sample`` trajectories (distance matrix + FasterPAM),
    then every trajectory joins its nearest medoid (the classicclustering algorithm does the same on large inputs).
    Trajectories are their cell centres, resampled to at most 32 points."""
    from deeptraj.models.core.metrics import clustering_scores
    from deeptraj.models.e2dtc.classic import TrajectoryKMedoids

    xy = token_xy(vocab)
    trajs = [xy[s] for s in seqs]
    rows = []
    for metric in metrics:
        model = TrajectoryKMedoids(k, metric, eps=eps, sample_size=sample, seed=seed)
        t0 = time.perf_counter()
        model.fit(
            [
                trajs[i]
                for i in np.sort(np.random.default_rng(seed).choice(len(trajs), min(sample, len(trajs)), replace=False))
            ]
        )
        t_train = time.perf_counter() - t0
        t0 = time.perf_counter()
        pred = model.predict(trajs)
        thr = len(trajs) / (time.perf_counter() - t0)
        scores = clustering_scores(labels, pred)
        log(f"k-medoids {metric}: UACC {scores['UACC']:.3f} ({t_train:.0f} s on {sample} trajectories)")
        rows.append(
            (
                f"k-medoids {metric.upper() if metric in ('dtw', 'edr', 'lcss') else metric.capitalize()}",
                scores,
                t_train,
                thr,
            )
        )
    return rows


def simulated_benchmark(seed=0):
    from deeptraj.models.core.discretize import GridDiscretizer
    from deeptraj.models.e2dtc.sequences import as_sequence_list
    from deeptraj.models.synthetic import simulate

    sim = simulate.simulate_trajectories(n_trajectories=300, seed=seed)
    disc = GridDiscretizer(cell_size=200)
    seqs = disc.fit_transform(sim.trajs)
    return as_sequence_list(seqs), sim.od_id, disc.vocab_


def run(seqs, labels, vocab, preset, seed, k, overrides, threads, log):
    """Pre-train once, then self-train a copy with and one without the triplet loss."""
    import copy

    from deeptraj.models.core.metrics import clustering_scores
    from deeptraj.models.e2dtc.model import E2DTC
    from deeptraj.models.e2dtc.params import make_params

    base = E2DTC(make_params(preset, n_clusters=k, seed=seed, **overrides), n_threads=threads)
    t0 = time.perf_counter()
    base.pretrain(seqs, vocab, log=log)
    t_pre = time.perf_counter() - t0
    rows = []
    for name, gamma in (("E2DTC (L2)", base.params.gamma), ("E2DTC w/o triplet (L1)", 0.0)):
        model = copy.deepcopy(base)
        model.params.gamma = gamma
        t0 = time.perf_counter()
        model.fit_clusters(seqs, log=log)
        t_train = t_pre + time.perf_counter() - t0
        t0 = time.perf_counter()
        pred = model.predict(seqs)
        thr = len(seqs) / (time.perf_counter() - t0)
        if not rows:  # k-means on the pre-trained embeddings (same seed for both rows)
            rows.append(("t2vec + k-means (L0)", clustering_scores(labels, model.pretrain_labels_), t_pre, None))
        rows.append((name, clustering_scores(labels, pred), t_train, thr))
    return rows


def run_seed(args, seed, threads):
    """All rows for one seed: (data description, sample size, [(name, scores, train s, traj/s)])."""
    import_deeptraj()
    overrides = {"pretrain_epochs": args.pretrain_epochs, "selftrain_epochs": args.selftrain_epochs}
    if args.quick:
        overrides = {"pretrain_epochs": 1, "selftrain_epochs": 1}
    limit = 2000 if args.quick and args.limit is None else args.limit
    if BENCH.exists():
        seqs, labels, vocab = load_geolife_benchmark(limit, seed)
        source = f"E2DTC GeoLife benchmark ({len(seqs):,} trajectories)"
    else:
        seqs, labels, vocab = simulated_benchmark(seed)
        source = f"simulated sample ({len(seqs):,} trajectories; ../shared/data absent)"
    k = len(np.unique(labels))
    print(
        f"seed {seed}: {source}, {k} clusters, vocabulary {vocab.size} tokens, preset {args.preset}, "
        f"{threads} torch thread(s)",
        flush=True,
    )
    log = lambda m: print(f"    [seed {seed}]", m, flush=True)  # noqa: E731
    rows = [] if args.skip_e2dtc else run(seqs, labels, vocab, args.preset, seed, k, overrides, threads, log)
    sample = min(args.kmedoids_sample, 300) if args.quick else args.kmedoids_sample
    rows += run_kmedoids(seqs, labels, vocab, k, seed, args.kmedoids, sample, eps=float(vocab.grid.cell_size), log=log)
    return source, sample, rows


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="2,000 trajectories, 1 epoch per phase")
    ap.add_argument("--preset", default="fast-cpu", choices=["fast-cpu", "paper"])
    ap.add_argument("--seeds", type=int, nargs="+", default=[0])
    ap.add_argument(
        "--jobs",
        type=int,
        default=1,
        help="seeds run in this many processes at once, each with --threads torch threads "
        "(train times then include the sharing of the cores)",
    )
    ap.add_argument(
        "--threads", type=int, default=None, help="torch threads per process (default: 2 with one job, 1 with several)"
    )
    ap.add_argument("--limit", type=int, default=None, help="random subsample of this many trajectories")
    ap.add_argument("--pretrain-epochs", type=int, default=None)
    ap.add_argument("--selftrain-epochs", type=int, default=None)
    ap.add_argument(
        "--kmedoids",
        nargs="*",
        default=["dtw", "hausdorff", "frechet", "edr", "lcss"],
        help="k-medoids baselines to add (none: --kmedoids with no value)",
    )
    ap.add_argument(
        "--kmedoids-sample",
        type=int,
        default=2000,
        help="medoids are searched on this many trajectories; all are then assigned and scored",
    )
    ap.add_argument("--skip-e2dtc", action="store_true", help="only the k-medoids rows")
    args = ap.parse_args(argv)
    threads = args.threads or (2 if args.jobs <= 1 else 1)
    if args.jobs <= 1:
        per_seed = [run_seed(args, seed, threads) for seed in args.seeds]
    else:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(args.jobs, mp_context=multiprocessing.get_context("spawn")) as pool:
            per_seed = list(pool.map(run_seed, [args] * len(args.seeds), args.seeds, [threads] * len(args.seeds)))
    results = {}
    for source, sample, rows in per_seed:
        for name, scores, t_train, thr in rows:
            results.setdefault(name, []).append((scores, t_train, thr))
    print(
        f"\nE2DTC on {source}, preset {args.preset}, seeds {args.seeds} ({args.jobs} at a time, {threads} torch "
        f"thread(s) each); k-medoids: medoids from {sample:,} sampled trajectories, all assigned; train s = medoid "
        "search, traj/s = assignment"
    )
    print(f"{'method':<24} {'UACC':>14} {'NMI':>14} {'RI':>14} {'ARI':>14} {'train s':>9} {'traj/s':>9}  paper")
    for name, runs in results.items():
        cols = []
        for key in ("UACC", "NMI", "RI", "ARI"):
            v = np.array([r[0][key] for r in runs])
            cols.append(f"{v.mean():.3f}±{v.std():.3f}")
        t = [r[1] for r in runs if r[1] is not None]
        thr = [r[2] for r in runs if r[2] is not None]
        paper = PAPER.get(name)
        print(
            f"{name:<24} {cols[0]:>14} {cols[1]:>14} {cols[2]:>14} {cols[3]:>14} "
            f"{(f'{np.mean(t):.0f}' if t else '-'):>9} {(f'{np.mean(thr):,.0f}' if thr else '-'):>9}  "
            f"{' / '.join(map(str, paper)) if paper else ''}"
        )
    print("UACC per seed " + ", ".join(map(str, args.seeds)) + ":")
    for name, runs in results.items():
        print(f"  {name:<22} " + "  ".join(f"{r[0]['UACC']:.3f}" for r in runs))
    return results


if __name__ == "__main__":
    main()
