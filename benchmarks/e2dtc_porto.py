"""E2DTC on real Porto taxi trips through the whole QGIS path, with ground truth from E2DTC's Algorithm 2.

    .venv/bin/python benchmarks/e2dtc_porto.py                  # all 1,999 trips of the sample, seeds 0 1 2
    .venv/bin/python benchmarks/e2dtc_porto.py --quick          # 400 trips, 1 seed, short training: smoke test

Steps, each a Processing algorithm as a user would chain them in the model builder:
1. ``deeptraj:importtrajectories`` reads ``../shared/data/porto_taxi/porto_train_first1999.csv`` (Porto CSV);
2. ``deeptraj:groundtruthclusters`` labels the trajectories around ``--centers`` automatically chosen centres with
   σ = 0.6 and λ = 0.7 (the paper's values; the paper uses 15 centres on Porto);
3. ``deeptraj:e2dtctrain`` (fast-CPU preset, 300 m cells) on the labelled lines with GROUND_TRUTH_FIELD = gt_label
   and N_CLUSTERS = the number of centres that hold trajectories (N_NONEMPTY_CLUSTERS); PRETRAIN_INPUT = every
   imported trip, so t2vec learns from all of them and clusters the labelled ones (``--labelled-only``: pre-train
   on the labelled lines alone, as the paper, whose labelled set is 86,113 trajectories, could afford);
4. ``deeptraj:classicclustering``: t2vec + k-means (same pre-training data) and k-medoids with DTW and Hausdorff on
   the same lines.
The paper's Porto numbers (Table III, 86,113 trajectories from 1.7 M trips): E2DTC 0.872 / 0.909 / 0.877,
t2vec + k-means 0.805 / 0.895 / 0.835, DTW + KM 0.678 / 0.828 / 0.63, Hausdorff + KM 0.743 / 0.883 / 0.747.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _qgis import DATA, start_qgis  # noqa: E402

PORTO = DATA / "porto_taxi" / "porto_train_first1999.csv"
PAPER = {
    "E2DTC": (0.872, 0.909, 0.877),
    "t2vec + k-means": (0.805, 0.895, 0.835),
    "k-medoids DTW": (0.678, 0.828, 0.63),
    "k-medoids Hausdorff": (0.743, 0.883, 0.747),
}


def run(alg, params):
    import processing
    from qgis.core import QgsProcessingContext, QgsProcessingFeedback

    t0 = time.perf_counter()
    res = processing.run(alg, params, feedback=QgsProcessingFeedback(), context=QgsProcessingContext())
    return res, time.perf_counter() - t0


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="400 trips, one seed, 2 + 1 epochs")
    ap.add_argument("--seeds", type=int, nargs="+", default=None)
    ap.add_argument("--centers", type=int, default=15)
    ap.add_argument("--pretrain-epochs", type=int, default=None, help="E2DTC PRETRAIN_EPOCHS (default: preset)")
    ap.add_argument("--selftrain-epochs", type=int, default=None, help="E2DTC SELFTRAIN_EPOCHS (default: preset)")
    ap.add_argument(
        "--labelled-only", action="store_true", help="pre-train on the labelled trajectories only (no PRETRAIN_INPUT)"
    )
    ap.add_argument("--out", default=None, help="folder for the layers (default: a temporary one)")
    args = ap.parse_args(argv)
    if not PORTO.exists():
        print(f"skipped: {PORTO} is absent")
        return {}
    start_qgis()
    seeds = args.seeds or ([0] if args.quick else [0, 1, 2])
    out = Path(args.out or tempfile.mkdtemp(prefix="deeptraj_porto_"))
    out.mkdir(parents=True, exist_ok=True)
    src = PORTO
    if args.quick:
        src = out / "porto400.csv"
        with PORTO.open() as fh:
            src.write_text("".join(next(fh) for _ in range(401)))
    gpkg = out / "porto.gpkg"
    res, t = run(
        "deeptraj:importtrajectories",
        {"FILE": str(src), "FORMAT": 1, "OUTPUT": f"ogr:dbname='{gpkg}' table=\"points\" (geom)"},
    )
    print(f"import: {res['N_TRAJECTORIES']} trajectories, {res['N_POINTS']} points ({t:.1f} s)", flush=True)
    common = {"TRAJ_ID_FIELD": "traj_id", "TIME_FIELD": "time"}
    gt, t = run(
        "deeptraj:groundtruthclusters",
        {
            "INPUT": res["OUTPUT"],
            **common,
            "N_CENTERS": args.centers,
            "RADIUS_RATIO": 0.6,
            "FALLEN_THRESHOLD": 0.7,
            "OUTPUT": f"ogr:dbname='{gpkg}' table=\"gt\" (geom)",
        },
    )
    k = gt["N_NONEMPTY_CLUSTERS"]  # centres that hold no trajectory are no cluster of the ground truth
    print(
        f"ground truth: {gt['N_ASSIGNED']} trajectories in {k} clusters (of {gt['N_CLUSTERS']} centres; sizes "
        f"{sorted((c for c in gt['CLUSTER_SIZES'] if c), reverse=True)}), {gt['N_UNASSIGNED']} unassigned "
        f"({t:.1f} s)",
        flush=True,
    )
    lines = {"INPUT": gt["OUTPUT"], "TRAJ_ID_FIELD": "traj_id", "GROUND_TRUTH_FIELD": "gt_label", "N_CLUSTERS": k}
    options = {"PRETRAIN_EPOCHS": 2, "SELFTRAIN_EPOCHS": 1} if args.quick else {}
    for key, value in (("PRETRAIN_EPOCHS", args.pretrain_epochs), ("SELFTRAIN_EPOCHS", args.selftrain_epochs)):
        if value is not None:
            options[key] = value
    if not args.labelled_only:  # t2vec learns from every imported trip; only the labelled ones are clustered
        options["PRETRAIN_INPUT"] = res["OUTPUT"]
        options["PRETRAIN_TIME_FIELD"] = "time"
    rows = {}
    for seed in seeds:
        e2, t = run(
            "deeptraj:e2dtctrain",
            {
                **lines,
                "SEED": seed,
                "CELL_SIZE": 300,
                **options,
                "MODEL_FILE": str(out / f"e2dtc_{seed}.e2dtc"),
                "OUTPUT": f"ogr:dbname='{gpkg}' table=\"e2dtc_{seed}\" (geom)",
            },
        )
        rows.setdefault("E2DTC", []).append((e2, t))
        pre = {key: e2[f"{key}_PRETRAIN_KMEANS"] for key in ("UACC", "NMI", "RI", "ARI")}
        rows.setdefault("E2DTC pre-training + k-means (same run)", []).append((pre, None))
        print(f"seed {seed}: E2DTC UACC {e2['UACC']:.3f} NMI {e2['NMI']:.3f} RI {e2['RI']:.3f} ({t:.0f} s)", flush=True)
        pretrain = {key: options[key] for key in ("PRETRAIN_INPUT", "PRETRAIN_TIME_FIELD") if key in options}
        for name, method, extra in (
            ("t2vec + k-means", 5, {"PRETRAIN_EPOCHS": 2 if args.quick else 4, **pretrain}),
            ("k-medoids DTW", 0, {}),
            ("k-medoids Hausdorff", 1, {}),
        ):
            r, t = run(
                "deeptraj:classicclustering",
                {**lines, "METHOD": method, "SEED": seed, **extra, "OUTPUT": "TEMPORARY_OUTPUT"},
            )
            rows.setdefault(name, []).append((r, t))
            print(
                f"seed {seed}: {name} UACC {r['UACC']:.3f} NMI {r['NMI']:.3f} RI {r['RI']:.3f} ({t:.0f} s)", flush=True
            )
    print(
        f"\nPorto sample ({PORTO.name}): {gt['N_ASSIGNED']} labelled trajectories, {k} clusters, seeds {seeds}; "
        f"t2vec pre-trained on {rows['E2DTC'][0][0]['N_PRETRAIN']} trajectories"
    )
    print(f"{'method':<40} {'UACC':>12} {'NMI':>12} {'RI':>12} {'ARI':>12} {'run s':>7}  paper (UACC/NMI/RI)")
    for name, runs in rows.items():
        cols = [
            f"{np.mean([r[key] for r, _ in runs]):.3f}±{np.std([r[key] for r, _ in runs]):.3f}"
            for key in ("UACC", "NMI", "RI", "ARI")
        ]
        times = [t for _, t in runs if t is not None]
        paper = PAPER.get(name)
        print(
            f"{name:<40} {cols[0]:>12} {cols[1]:>12} {cols[2]:>12} {cols[3]:>12} "
            f"{(f'{np.mean(times):.0f}' if times else '-'):>7}  {' / '.join(map(str, paper)) if paper else ''}"
        )
    return rows


if __name__ == "__main__":
    main()
