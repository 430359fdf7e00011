"""CroTad sub-trajectory anomaly detection against SAE (Seq2Seq) and iBOAT, in the layout of the paper's Table 2.

    .venv/bin/python benchmarks/crotad_eval.py [--quick] [--datasets wmata,porto,sf] [--methods ...] [--json PATH]

Datasets (../shared/data):
* WMATA bus AVL (Washington DC, GTFS-realtime positions of 2026-02-16, routes C53 / D40 / D96): a trajectory is
  one (trip_id, vehicle) pair sorted by time, its OD is route_id + "_" + direction_id (the paper treats every bus
  route direction as an OD, like its Translink data); H3 resolution 9, window L = 10 (the paper's bus setting).
  The travel-context graph comes from the stops (median position of the "stopped at" fixes per route direction
  and stop sequence).
* Porto taxi (first 1,999 trips of the ECML/PKDD 2015 training file): OD pairs are the H3 cells of the first and
  last point at ``--porto-od-res`` (default 7: the sample covers 13 hours, so coarser cells than the paper's are
  needed for enough trips per pair); the ``--max-ods`` most supported pairs with at least ``--porto-min-trips``
  trips are kept; H3 resolution 10, window L = 5 (the paper's Porto setting). The road graph comes from
  ``porto_roads_osm`` when present.
* San Francisco cabs (Cabspotting, 455,064 passenger trips of 536 cabs over 25 days, read with the engine's Porto
  reader): OD pairs are the H3 cells of the first and last fix at ``--sf-od-res`` (7 by default; the issue asks for 7
  and 8); the ``--max-ods`` most frequent pairs with origin cell != destination cell are kept; H3 resolution 10
  (``--resolution`` to change), window L = 5. Split by day instead of per OD at random (the paper's section 5.1):
  the first 70 % of the days train, the next 10 % validate, the last days test, so no test trip's day is seen.
  ``--max-train-per-od`` keeps a random subset of each OD's training trips (to measure the effect of the data size).
  No road network of San Francisco is in ../shared/data: CroTad's graph is its transition graph.

Protocol (section 5.1): trajectories with at least ``--min-cells`` cells are split per OD 70 / 10 / 20 (seeded;
the 10 % validation part only serves to choose each method's voting threshold delta_p, on anomalies generated from
it the same way as the test set: the paper tunes delta_p on a development set). Every detector trains on the 70 %
(taken as normal). Test sets are made with ``models.anomalies.generate_anomalies`` (k_hop 3, beta ~ U(0.3, 0.7), the
dataset's resolution, plus untouched ``normal`` copies): the generator runs on all the selected trajectories, so
that an OD's frequent cells S_pos^od come from all its trips, and only outputs whose source trajectory is in the
20 % test part are kept, at most ``--per-od`` per OD and type; ``--rounds`` generator runs with successive seeds
give several different anomalies per test trajectory (the test parts are small). Route switching draws T2 from any
trajectory of another OD.

Methods, all on the same padded windows and the same votes (Eq. 26-27, delta_p chosen per method on the validation
set unless ``--vote-threshold``; ``--quick`` uses the default L; first/last-cell check against S_pos^od): CroTad
online (DQN), CroTad offline (DBSCAN, the paper's "Clustering" row), SAE (GRU seq2seq reconstruction,
OD-conditioned; models/anomaly_baselines.py), iBOAT (isolation-based support of the window among the OD's training
trajectories) and the frequent-cells rule (no learning: a window is anomalous when one of its cells is outside the
OD's frequent cells S_pos^od of the training trajectories - CroTad's normality score phi < 1 -, which shows how much
of the benchmark S_pos^od alone explains). Printed per dataset: the Table-2-style window- and point-level P / R / F1
per anomaly type (on that type's trajectories only; normal trajectories: share of flagged windows / cells), fit and
detection times, and CroTad's online latency per point (median, p99) streaming the test trajectories point by point
through ``CroTad.stream()``, with the share of streamed labels equal to the batch ``detect`` labels. ``--json PATH``
writes all numbers. Also printed: the share of normal test cells outside their OD's frequent cells S_pos^od, and
per type the share of anomalous cells inside S_pos^od and of normal cells outside it (what caps recall and
precision of a detector that learns normal routes), and the point-level P / R / F1 over all test trajectories
pooled, the untouched copies included.

--quick: WMATA and 3 Porto ODs (with ``--datasets sf``: 3 OD pairs of the first 30,000 San Francisco trips), few test
trajectories, tiny training budgets (a smoke test of the script, < 90 s).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _qgis import ROOT, import_deeptraj  # noqa: E402

import_deeptraj()
from crotad_data import DATASETS, split_by_day, split_per_od  # noqa: E402

from deeptraj.models.core.cells import cell_sequences, collapse_runs  # noqa: E402
from deeptraj.models.core.densify import densify  # noqa: E402
from deeptraj.models.crotad.baselines import FrequentCellsDetector, IBoatDetector, Seq2SeqDetector  # noqa: E402
from deeptraj.models.crotad.evaluation import cell_truth, evaluate_detection, table_text  # noqa: E402
from deeptraj.models.synthetic.anomalies import ANOMALY_TYPES, NORMAL, generate_anomalies  # noqa: E402

METHODS = ("crotad-online", "crotad-offline", "sae", "iboat", "frequent")
NAMES = {
    "crotad-online": "CroTad online (DQN)",
    "crotad-offline": "CroTad offline (clustering)",
    "sae": "SAE (seq2seq)",
    "iboat": "iBOAT",
    "frequent": "frequent-cells rule",
}
# the paper's Table 2 F1 (window, point) per type in ANOMALY_TYPES order, for reference
PAPER_F1 = {
    "porto": {
        "CroTad": ([0.9500, 0.9525, 0.9359, 0.9997, 0.9453], [0.9381, 0.9370, 0.9079, 0.9995, 0.9086]),
        "Clustering": ([0.9561, 0.9562, 0.9440, 0.9975, 0.9301], [0.6287, 0.6192, 0.5931, 0.8939, 0.6244]),
        "SAE": ([0.8910, 0.9034, 0.9229, 0.9967, 0.5800], [0.7854, 0.7848, 0.7860, 0.9445, 0.2558]),
    },
    "wmata": {
        "CroTad": ([0.9776, 0.9395, 0.9620, 1.0000, 0.9202], [0.9781, 0.9276, 0.9428, 1.0000, 0.8771]),
        "Clustering": ([0.9804, 0.9505, 0.9694, 1.0000, 0.9242], [0.5656, 0.5650, 0.6038, 0.8113, 0.6092]),
        "SAE": ([0.9508, 0.9441, 0.9577, 0.9997, 0.0119], [0.6746, 0.6717, 0.6829, 0.9832, 0.0009]),
    },
}


# ---------------------------------------------------------------------------- protocol
def make_test_set(tr, ods, part, res, args, log, which="test"):
    """Generated test trajectories from the ``which`` part: list of dicts (kind, od, cells, truth, point_cells)."""
    used = np.array([p is not None for p in part])
    sel = np.flatnonzero(used)
    sub = tr.subset(sel)
    sub_od = [ods[i] for i in sel]
    is_test = np.array([part[i] == which for i in sel])
    per_group = int(max(np.unique(sub_od, return_counts=True)[1]))
    # sources are drawn at random within an OD; enough of them to find --per-od in the wanted part of every OD
    share = min(float(np.mean(is_test[[o == k for o in sub_od]])) for k in set(sub_od))
    per_group = min(per_group, int(np.ceil(1.5 * args.per_od / max(share, 1e-3))) + 10)
    tests, count, warned = [], {}, 0
    for r in range(args.rounds):
        g = generate_anomalies(
            sub,
            sub_od,
            types=ANOMALY_TYPES,
            per_od=per_group,
            k_hop=3,
            beta_min=0.3,
            beta_max=0.7,
            resolution=res,
            seed=args.seed + r,
            include_normal=(r == 0),
        )
        warned += len(g.warnings)
        seqs = collapse_runs(g.cell, g.offsets)
        truth = cell_truth(g.is_anomaly, seqs.run_start, seqs.run_end)
        for i in range(len(g)):
            if not is_test[g.source[i]]:
                continue
            key = (g.od[i], g.kind[i])
            if count.get(key, 0) >= args.per_od:
                continue
            count[key] = count.get(key, 0) + 1
            a, b = seqs.offsets[i], seqs.offsets[i + 1]
            tests.append(
                {
                    "kind": str(g.kind[i]),
                    "od": str(g.od[i]),
                    "cells": seqs.cells[a:b],
                    "point_cells": g.cell[g.points(i)],
                    "truth": truth[a:b],
                }
            )
        if all(count.get((o, k), 0) >= args.per_od for o in set(sub_od) for k in ANOMALY_TYPES):
            break
    if warned:
        log(f"  generator: {warned} warning(s) (sources too short or without rare cells around them)")
    return tests


def spos_ambiguity(tests, frequent, kinds):
    """Per kind: (share of its anomalous cells inside their OD's S_pos^od, share of its normal cells outside it)."""
    out = {}
    for k in kinds:
        cells = [(int(c), bool(y), t["od"]) for t in tests if t["kind"] == k for c, y in zip(t["cells"], t["truth"])]
        anom = [c in frequent[o] for c, y, o in cells if y]
        norm = [c not in frequent[o] for c, y, o in cells if not y]
        out[k] = (float(np.mean(anom)) if anom else 0.0, float(np.mean(norm)) if norm else 0.0)
    return out


def choose_vote_threshold(model, val, L, mode=None):
    """delta_p with the best mean point-level F1 over the anomaly types on the validation set (the paper tunes it on
    a development set), and the F1 of each candidate."""
    scores = {}
    for vt in range(1, L + 1):
        ev = run_method("", model, val, None, L, mode=mode, vote_threshold=vt)[0]
        scores[vt] = float(np.mean([ev[k]["point"][2] for k in ANOMALY_TYPES if k in ev]))
    return max(scores, key=lambda v: (scores[v], v)), scores


def run_method(name, model, tests, args, L, mode=None, vote_threshold=None):
    t0 = time.perf_counter()
    vt = vote_threshold if vote_threshold is not None else args.vote_threshold
    kw = {} if mode is None else {"mode": mode}  # the baselines have one mode
    det = model.detect([t["cells"] for t in tests], [t["od"] for t in tests], vote_threshold=vt, **kw)
    detect_s = time.perf_counter() - t0
    items = [
        dict(kind=t["kind"], cell_truth=t["truth"], cell_pred=d.labels, window_pred=d.actions)
        for t, d in zip(tests, det)
    ]
    unknown = sum(1 for d in det if not d.known)
    scored = evaluate_detection(items, L)
    # per type, and every test trajectory pooled, the untouched ones included (flagging every cell scores less)
    ev = dict(scored["by_type"], all=scored["all"])
    return ev, detect_s, unknown, [d.labels for d in det]


def stream_latency(model, tests, batch_labels, args, vote_threshold=None):
    """Per-point latency of the streaming detector (CroTad.replay, trajectory after trajectory) over the test
    trajectories, and agreement with detect()."""
    n = len(tests) if args.latency_trajs <= 0 else min(args.latency_trajs, len(tests))
    point_cells = [tests[i]["point_cells"] for i in range(n)]
    point_traj = np.repeat(np.arange(n), [c.size for c in point_cells])
    flat = np.concatenate(point_cells) if n else np.zeros(0, np.uint64)
    by_traj, lat = model.replay(point_traj, flat, [tests[i]["od"] for i in range(n)], vote_threshold=vote_threshold)
    new = np.ones(flat.size, bool)  # a point in another cell than the previous one
    new[1:] = (flat[1:] != flat[:-1]) | (point_traj[1:] != point_traj[:-1])
    agree = sum(int(np.sum(by_traj[i].labels == batch_labels[i])) for i in by_traj)
    total = sum(c.size for c in (tests[i]["cells"] for i in range(n)))

    def ms(a):
        return (float(np.median(a) * 1e3), float(np.quantile(a, 0.99) * 1e3)) if a.size else (0.0, 0.0)

    return {
        "trajectories": n,
        "points": int(lat.size),
        "median_ms": ms(lat)[0],
        "p99_ms": ms(lat)[1],
        "new_cell_median_ms": ms(lat[new])[0],
        "new_cell_p99_ms": ms(lat[new])[1],
        "agreement_with_detect": agree / total if total else 0.0,
    }


def crotad_params(args, res, L):
    from deeptraj.models.crotad.params import PRESETS

    kw = dict(PRESETS[args.preset])
    if args.quick:
        kw.update(
            {
                "embed_dim": 16,
                "walk_length": 8,
                "walks_per_node": 2,
                "hidden": 32,
                "gat_heads": 2,
                "proj_dim": 16,
                "pretrain_epochs": 1,
                "steps_per_epoch": 8,
                "batch_size": 64,
                "n_negatives": 4,
                "cluster_sample": 300,
                "dqn_steps": 40,
                "dqn_batch": 64,
            }
        )
    kw.update(json.loads(args.crotad_args) if args.crotad_args else {})
    kw.update({"resolution": res, "window": L, "seed": args.seed})
    return kw


def run_dataset(key, args, methods, log):
    title, loader, path, res, L, split = DATASETS[key]
    res = args.resolution or res
    if not path.exists():
        log(f"\n## {title}\nskipped: {path} not found")
        return None
    t0 = time.perf_counter()
    tr, ods, graph, note = loader(args)
    n_read = len(tr)
    keep = [i for i, o in enumerate(ods) if o is not None]  # only the kept ODs' trajectories are used
    tr, ods = tr.subset(keep), [ods[i] for i in keep]
    if args.densify > 0:
        n0 = tr.n_points
        tr = densify(tr, args.densify)
        note += f"; densified to steps <= {args.densify:g} m ({n0:,} -> {tr.n_points:,} points)"
    seqs = cell_sequences(tr, res)
    lens = seqs.lengths
    ods = [o if (o is not None and lens[i] >= args.min_cells) else None for i, o in enumerate(ods)]
    rng = np.random.default_rng(args.seed)
    if split == "day":
        part, spans = split_by_day(tr, ods)
        note += "; split by day: " + ", ".join(f"{k} {a} .. {b}" for k, (a, b) in spans.items())
    else:
        part = split_per_od(ods, rng)
    if args.max_train_per_od > 0:  # a random subset of each OD's training trips (the others are not used)
        for o in set(x for x in ods if x is not None):
            m = [i for i in range(len(ods)) if part[i] == "train" and ods[i] == o]
            for i in rng.permutation(m)[args.max_train_per_od :]:
                part[i] = None
        note += f"; at most {args.max_train_per_od} training trips per OD"
    train = [i for i in range(len(ods)) if part[i] == "train"]
    train_cells = [seqs.seq(i) for i in train]
    train_od = [ods[i] for i in train]
    n_od = len(set(train_od))
    log(
        f"\n## {title}\n{n_read} trajectories ({len(tr)} in the kept ODs); {note}; H3 resolution {res}, "
        f"window L = {L}, trajectories with "
        f">= {args.min_cells} cells: train {len(train)} / val {int(np.sum(part == 'val'))} / test "
        f"{int(np.sum(part == 'test'))} in {n_od} ODs (median {np.median(lens[train]):.0f} cells per training "
        f"trajectory; loading {time.perf_counter() - t0:.1f} s)"
    )
    t0 = time.perf_counter()
    tests = make_test_set(tr, ods, part, res, args, log)
    kinds = [NORMAL] + list(ANOMALY_TYPES)
    share = {
        k: np.mean(
            np.concatenate([t["truth"] for t in tests if t["kind"] == k]) if any(t["kind"] == k for t in tests) else [0]
        )
        for k in kinds
    }
    log(
        f"test set ({time.perf_counter() - t0:.1f} s): "
        + ", ".join(f"{k} {sum(t['kind'] == k for t in tests)} ({100 * share[k]:.0f}% anomalous cells)" for k in kinds)
    )
    # label noise: normal test cells outside S_pos^od of the training trips (the generated detours are drawn there)
    t0 = time.perf_counter()
    rule = FrequentCellsDetector(window=L).fit(train_cells, train_od)  # also the "frequent" method
    rule_fit_s = time.perf_counter() - t0
    normal_cells = [(int(c), t["od"]) for t in tests if t["kind"] == NORMAL for c in t["cells"]]
    rare_normal = float(np.mean([c not in rule.frequent_[o] for c, o in normal_cells])) if normal_cells else np.nan
    log(
        f"normal test cells outside their OD's frequent cells S_pos^od (delta_od {rule.freq_threshold}) of the "
        f"training trips: {100 * rare_normal:.1f}%"
    )
    ambiguity = spos_ambiguity(tests, rule.frequent_, kinds)
    log(
        "per type, cells whose label the frequent cells contradict (an anomalous cell inside S_pos^od caps the "
        "recall of a detector that learns normal routes; a normal cell outside it, the precision): "
        + "; ".join(f"{k} {100 * a:.1f}% / {100 * b:.1f}%" for k, (a, b) in ambiguity.items())
        + " (anomalous inside / normal outside)"
    )
    out = {
        "title": title,
        "resolution": res,
        "window": L,
        "note": note,
        "n_train": len(train),
        "n_ods": n_od,
        "n_test": {k: int(sum(t["kind"] == k for t in tests)) for k in kinds},
        "methods": {},
        "vote_threshold": {},
        "normal_cells_outside_spos": rare_normal,
        "label_vs_spos": ambiguity,
    }
    results, timing = {}, []
    val = None
    if args.vote_threshold is None and not args.quick:
        val = make_test_set(tr, ods, part, res, args, log, which="val")
        log(f"validation set for delta_p: {len(val)} generated trajectories from the 10% validation part")

    def run_tuned(m, model, mode=None):
        """run_method at the delta_p chosen on the validation set (or the fixed --vote-threshold)."""
        vt = args.vote_threshold
        if val:
            vt, scores = choose_vote_threshold(model, val, L, mode=mode)
            log(
                f"{NAMES[m]}: delta_p = {vt} of {L} chosen on validation (mean point F1 by delta_p: "
                + ", ".join(f"{k}: {v:.3f}" for k, v in scores.items())
                + ")"
            )
        out["vote_threshold"][NAMES[m]] = vt
        return run_method(m, model, tests, args, L, mode=mode, vote_threshold=vt) + (vt,)

    want_crotad = [m for m in methods if m.startswith("crotad")]
    if want_crotad:
        from deeptraj.models.crotad.model import CroTad

        t0 = time.perf_counter()
        model = CroTad(device=args.device, n_threads=args.threads, **crotad_params(args, res, L))
        model.fit(train_cells, train_od, **(graph or {}))
        fit_s = time.perf_counter() - t0
        log(f"CroTad trained in {fit_s:.1f} s (vote threshold {model.vote_threshold} of {L})")
        out["crotad_history"] = {
            k: v for k, v in model.history_.items() if k in ("pseudo_labels", "timings", "graph", "n_windows")
        }
        online_labels = None
        for m in want_crotad:
            mode = "online" if m == "crotad-online" else "offline"
            ev, det_s, unk, labels, vt = run_tuned(m, model, mode=mode)
            if mode == "online":
                online_labels, online_vt = labels, vt
            results[NAMES[m]] = ev
            timing.append((NAMES[m], fit_s, det_s, unk))
        if online_labels is not None and args.latency_trajs != 0:
            lat = stream_latency(model, tests, online_labels, args, online_vt)
            out["latency"] = lat
            log(
                f"CroTad online latency per point ({lat['points']} points of {lat['trajectories']} trajectories, "
                f"{args.threads or 'default'} torch threads): median {lat['median_ms']:.3f} ms, p99 "
                f"{lat['p99_ms']:.3f} ms; per new cell (one window through the encoder): median "
                f"{lat['new_cell_median_ms']:.3f} ms, p99 {lat['new_cell_p99_ms']:.3f} ms; streamed labels equal to "
                f"detect(): {100 * lat['agreement_with_detect']:.2f}%"
            )
    if "sae" in methods:
        t0 = time.perf_counter()
        sae = Seq2SeqDetector(
            window=L,
            epochs=args.sae_epochs,
            quantile=args.sae_quantile,
            seed=args.seed,
            device=args.device,
            n_threads=args.threads,
        ).fit(train_cells, train_od)
        fit_s = time.perf_counter() - t0
        ev, det_s, unk, _, _ = run_tuned("sae", sae)
        results[NAMES["sae"]] = ev
        timing.append((NAMES["sae"], fit_s, det_s, unk))
    if "iboat" in methods:
        t0 = time.perf_counter()
        ib = IBoatDetector(window=L, theta=args.iboat_theta).fit(train_cells, train_od)
        fit_s = time.perf_counter() - t0
        ev, det_s, unk, _, _ = run_tuned("iboat", ib)
        results[NAMES["iboat"]] = ev
        timing.append((NAMES["iboat"], fit_s, det_s, unk))
    if "frequent" in methods:
        ev, det_s, unk, _, _ = run_tuned("frequent", rule)
        results[NAMES["frequent"]] = ev
        timing.append((NAMES["frequent"], rule_fit_s, det_s, unk))
    if results:
        log("\n" + table_text(results, types=list(ANOMALY_TYPES)))
        log(
            "\nPoint level over all test trajectories pooled (every anomaly type and the untouched copies, "
            "equal numbers):\n| method | P | R | F1 | normal cells flagged |\n|---|---|---|---|---|"
        )
        for name, ev in results.items():
            P, R, F = ev["all"]["point"]
            log(f"| {name} | {P:.3f} | {R:.3f} | {F:.3f} | {100 * ev[NORMAL]['point_fpr']:.1f}% |")
        log("\n| method | fit s | detect s | detect ms / trajectory | unknown-OD trajectories |\n|---|---|---|---|---|")
        for name, fs, ds, unk in timing:
            log(f"| {name} | {fs:.1f} | {ds:.2f} | {1e3 * ds / max(len(tests), 1):.2f} | {unk} |")
        pf = PAPER_F1.get(key, PAPER_F1["porto"])
        log(
            f"\npaper's Table 2 F1 ({'Translink bus' if key == 'wmata' else 'Porto'}; types in the order above), "
            "window / point:"
        )
        for name, (w, p) in pf.items():
            log(f"  {name:<10} " + " ".join(f"{v:.3f}" for v in w) + "  /  " + " ".join(f"{v:.3f}" for v in p))
    for name, fs, ds, unk in timing:
        out["methods"][name] = {"eval": results[name], "fit_s": fs, "detect_s": ds, "unknown_od": unk}
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--datasets", default="wmata,porto", help="comma-separated: wmata,porto,sf")
    ap.add_argument("--methods", default=",".join(METHODS), help=f"comma-separated subset of {','.join(METHODS)}")
    ap.add_argument("--preset", default="fast-cpu", help="CroTad preset (models/crotad.py PRESETS)")
    ap.add_argument("--crotad-args", default="", help='JSON of CroTad parameter overrides, e.g. {"dqn_steps": 2000}')
    ap.add_argument(
        "--vote-threshold",
        type=int,
        default=None,
        help="delta_p for every method (default: chosen per method on the validation set)",
    )
    ap.add_argument("--sae-epochs", type=int, default=6)
    ap.add_argument("--sae-quantile", type=float, default=0.95)
    ap.add_argument("--iboat-theta", type=float, default=0.05)
    ap.add_argument("--per-od", type=int, default=500, help="test trajectories per OD and type at most")
    ap.add_argument("--rounds", type=int, default=3, help="generator runs (different anomalies per test source)")
    ap.add_argument("--min-cells", type=int, default=10)
    ap.add_argument("--porto-od-res", type=int, default=7)
    ap.add_argument("--sf-od-res", type=int, default=7, help="H3 resolution of the San Francisco OD cells")
    ap.add_argument("--sf-min-trips", type=int, default=500)
    ap.add_argument("--sf-max-trips", type=int, default=0, help="read only the first trips of the file (0: all)")
    ap.add_argument("--resolution", type=int, default=0, help="CroTad H3 resolution (default: the dataset's)")
    ap.add_argument(
        "--densify",
        type=float,
        default=0.0,
        help="insert points so that no step is longer than this many metres (0: the fixes as they are)",
    )
    ap.add_argument(
        "--max-train-per-od", type=int, default=0, help="random subset of each OD's training trips (0: all)"
    )
    ap.add_argument("--porto-min-trips", type=int, default=30)
    ap.add_argument("--max-ods", type=int, default=10)
    ap.add_argument(
        "--latency-trajs", type=int, default=300, help="test trajectories streamed (0: no latency run, -1: all)"
    )
    ap.add_argument("--no-graph", action="store_true", help="train CroTad without road / context graphs")
    ap.add_argument("--threads", type=int, default=1, help="torch CPU threads (1 is best on a shared 2-core box)")
    ap.add_argument("--device", default="auto")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--json", default=None, help="write all numbers to this file")
    args = ap.parse_args(argv)
    methods = [m.strip() for m in args.methods.split(",") if m.strip()]
    bad = [m for m in methods if m not in METHODS]
    if bad:
        ap.error(f"unknown method(s) {', '.join(bad)}; choose from {', '.join(METHODS)}")
    if args.quick:
        args.per_od = min(args.per_od, 6)
        args.rounds = 1
        args.max_ods = min(args.max_ods, 3)
        args.sae_epochs = 1
        args.latency_trajs = 10 if args.latency_trajs != 0 else 0
        args.sf_max_trips = min(args.sf_max_trips or 30000, 30000)
        args.sf_min_trips = min(args.sf_min_trips, 50)
    if any(m.startswith("crotad") for m in methods) and not (ROOT / "models" / "crotad" / "model.py").exists():
        print("(CroTad skipped: models/crotad/model.py not found)")
        methods = [m for m in methods if not m.startswith("crotad")]
    print(
        f"# CroTad sub-trajectory anomaly benchmark (methods {', '.join(methods)}; CroTad preset {args.preset}"
        f"{' + quick budget' if args.quick else ''}; seed {args.seed}; {args.threads} torch threads)",
        flush=True,
    )
    log = lambda msg: print(msg, flush=True)  # noqa: E731
    report = {"args": vars(args), "datasets": {}}
    for key in [d.strip() for d in args.datasets.split(",") if d.strip()]:
        if key not in DATASETS:
            ap.error(f"unknown dataset {key!r}; choose from {', '.join(DATASETS)}")
        res = run_dataset(key, args, methods, log)
        if res is not None:
            report["datasets"][key] = res
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=1, default=float))
        print(f"\nnumbers written to {args.json}")
    return report


if __name__ == "__main__":
    main()
