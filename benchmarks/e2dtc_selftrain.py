"""What E2DTC's self-training adds: one pre-training on the paper's GeoLife benchmark, then self-training variants
started from copies of it, scored against the authors' labels.

    .venv/bin/python benchmarks/e2dtc_selftrain.py                      # 20,000 trajectories, seed 0
    .venv/bin/python benchmarks/e2dtc_selftrain.py --limit 0 --seeds 0 1 2   # all 86,112, three seeds
    .venv/bin/python benchmarks/e2dtc_selftrain.py --quick              # smoke test (simulated data without ../shared)

Printed per seed:
* the triplet geometry after pre-training (3,000 anchors): distance anchor - positive (its degraded copy T'),
  anchor - random negative (a trajectory of another k-means cluster, the default) and anchor - hard negative (the
  nearest of 16 such draws, ``hard_negatives`` = 16), and the share of triplets inside the margin, the only ones the
  triplet loss moves;
* per variant: UACC / NMI / ARI of t2vec + k-means (L0, the state self-training starts from) and after self-training,
  the share of labels self-training changed, the share of active triplets per epoch and the time.
Variants: the fast-CPU preset (3 epochs, beta 1, learning rate 1e-3, gamma 0.1, random negatives; stops when fewer
than tol = 0.1 % of the assignments change, Algorithm 1's delta); the paper's beta 0.1 and learning rate 1e-4 (the
preset's values before issue 20), with the stop, without it (tol 0) and with hard negatives; beta 1 and 1e-3 without
the stop with gamma 1 and hard negatives, and without the triplet (L1).
"""

from __future__ import annotations

import argparse
import copy
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _qgis import import_deeptraj  # noqa: E402

import_deeptraj()
from e2dtc_geolife import BENCH, load_geolife_benchmark, simulated_benchmark  # noqa: E402

from deeptraj.models.core.metrics import clustering_scores  # noqa: E402
from deeptraj.models.e2dtc.model import E2DTC  # noqa: E402
from deeptraj.models.e2dtc.params import make_params  # noqa: E402

PAPER_STEP = {"beta": 0.1, "learning_rate": 1e-4}  # the paper's beta (one value of its sweep) and learning rate
VARIANTS = {
    "preset (beta 1, lr 1e-3, stop at delta)": {},
    "paper's beta 0.1, lr 1e-4, stop at delta": dict(PAPER_STEP),
    "paper's beta and lr, no stop": {**PAPER_STEP, "tol": 0.0},
    "paper's beta and lr, no stop, hard negatives 16": {**PAPER_STEP, "tol": 0.0, "hard_negatives": 16},
    "beta 1, lr 1e-3, no stop, gamma 1, hard 16": {"tol": 0.0, "gamma": 1.0, "hard_negatives": 16},
    "beta 1, lr 1e-3, no stop, no triplet (L1)": {"tol": 0.0, "gamma": 0.0},
}


def triplet_geometry(model: E2DTC, seqs, labels, n_anchors: int, seed: int) -> dict:
    """Mean distances anchor - positive / random negative / hard negative (negatives from other clusters of
    ``labels``) in ``model``'s embedding, and the share of triplets inside the margin."""
    from deeptraj.models.e2dtc.model import _OtherCluster

    rng = np.random.default_rng(seed)
    seqs = model._prepare(seqs)
    z = model._encode(seqs)  # the pre-trained network (transform needs centroids)
    idx = rng.choice(len(seqs), min(n_anchors, len(seqs)), replace=False)
    zp = model._encode([model._augment(seqs[i], rng) for i in idx])
    other = _OtherCluster(labels)
    d_p = np.linalg.norm(z[idx] - zp, axis=1)
    out = {"anchor-positive": float(d_p.mean())}
    m = model.params.triplet_margin
    for name, neg in (("random", other.draw(idx, rng)), ("hard 16", other.draw_hard(idx, rng, z, 16))):
        d_n = np.linalg.norm(z[idx] - z[np.asarray(neg)], axis=1)
        out[f"anchor-negative {name}"] = float(d_n.mean())
        out[f"inside margin {name}"] = float(np.mean(d_p - d_n + m > 0))
    return out


def run_seed(args, seed):
    if BENCH.exists():
        seqs, labels, vocab = load_geolife_benchmark(args.limit or None, seed)
        source = f"E2DTC GeoLife benchmark, {len(seqs):,} trajectories"
    else:
        seqs, labels, vocab = simulated_benchmark(seed)
        source = f"simulated sample, {len(seqs):,} trajectories (../shared/data absent)"
    k = len(np.unique(labels))
    over = {"selftrain_epochs": args.selftrain_epochs}
    if args.quick:
        over.update(pretrain_epochs=1, selftrain_epochs=1)
    base = E2DTC(make_params("fast-cpu", n_clusters=k, seed=seed, **over), n_threads=args.threads)
    t0 = time.perf_counter()
    base.pretrain(seqs, vocab)
    t_pre = time.perf_counter() - t0
    print(f"\n## seed {seed}: {source}, {k} clusters, fast-CPU pre-training {t_pre:.0f} s", flush=True)
    rows = []
    for i, (name, kw) in enumerate(VARIANTS.items()):
        model = copy.deepcopy(base)
        for key, value in kw.items():
            setattr(model.params, key, value)
        t0 = time.perf_counter()
        model.fit_clusters(seqs)
        sec = time.perf_counter() - t0
        if i == 0:  # the geometry of the triplets the loss draws, in the pre-trained embedding
            geo = triplet_geometry(base, seqs, model.pretrain_labels_, 300 if args.quick else 3000, seed)
            print(
                "triplet geometry after pre-training: "
                + ", ".join(f"{key} {v:.3f}" if "inside" in key else f"{key} {v:.2f}" for key, v in geo.items()),
                flush=True,
            )
        s0 = clustering_scores(labels, model.pretrain_labels_)
        s = clustering_scores(labels, model.labels_)
        moved = float(np.mean(model.labels_ != model.pretrain_labels_))
        active = [h["active_triplets"] for h in model.history_["selftrain"]]
        rows.append((name, s0, s, moved, active, sec))
    print("| variant | L0 UACC / NMI / ARI | after self-training | labels changed | active triplets per epoch | s |")
    print("|---|---|---|---|---|---|")
    for name, s0, s, moved, active, sec in rows:
        print(
            f"| {name} | {s0['UACC']:.3f} / {s0['NMI']:.3f} / {s0['ARI']:.3f} | {s['UACC']:.3f} / {s['NMI']:.3f} / "
            f"{s['ARI']:.3f} | {moved:.2%} | {', '.join(f'{a:.3f}' for a in active)} | {sec:.0f} |",
            flush=True,
        )
    return rows


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="2,000 trajectories, 1 epoch per phase")
    ap.add_argument("--limit", type=int, default=20000, help="random subsample (0: all 86,112)")
    ap.add_argument("--seeds", type=int, nargs="+", default=[0])
    ap.add_argument("--selftrain-epochs", type=int, default=3)
    ap.add_argument("--threads", type=int, default=1)
    args = ap.parse_args(argv)
    if args.quick:
        args.limit = 2000
    print(f"# E2DTC self-training variants (fast-CPU preset, {args.threads} torch thread(s))", flush=True)
    return {seed: run_seed(args, seed) for seed in args.seeds}


if __name__ == "__main__":
    main()
