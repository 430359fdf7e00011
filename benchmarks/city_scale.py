"""City scale: the whole toolbox on a week of Beijing taxis (T-Drive) and a month of San Francisco cabs (Cabspotting).

    .venv/bin/python benchmarks/city_scale.py                      # both datasets, every step (hours on 2 cores)
    .venv/bin/python benchmarks/city_scale.py --datasets tdrive    # one dataset
    .venv/bin/python benchmarks/city_scale.py --steps sf.import,sf.odpairs   # chosen steps (their inputs must exist)
    .venv/bin/python benchmarks/city_scale.py --quick              # slices (synthetic when the data is absent)

The chain per dataset is import -> split -> discretize -> each model, through the Processing algorithms as a user
runs them (``processing.run``), plus, where the issue states a ratio, the engine alone on the same data. Every step
runs in its own Python process, so its peak resident memory is its own (``os.wait4``); QGIS start-up is not timed.
The table (step, records, seconds, records/s, peak RSS, ratio to the engine or to ``ogr2ogr``) is printed and written
as JSON (``--json``, default ``<workdir>/city_scale.json``). Intermediate layers and models stay in ``--workdir``
(default: a new temporary folder, removed at the end unless ``--keep``).

Data (research use; read in place, never copied into the project): ``../shared/data/tdrive_beijing_full`` and
``../shared/data/cabspotting_sf``. ``--quick`` takes the first rows/trips of them (written to the work folder), or
synthetic files of the same layouts when they are absent, so the test suite can smoke-test the whole chain.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import city_steps  # noqa: E402
from _qgis import DATA  # noqa: E402

TDRIVE = DATA / "tdrive_beijing_full" / "tdrive_beijing_2008.csv.xz"
CABSPOTTING = DATA / "cabspotting_sf" / "cabspotting_sf_trips_occupied.csv.gz"


def _run_step(name: str, workdir: Path, quick: bool, timeout: float) -> dict:
    """Run one step in a child process; its result dict plus the child's peak RSS."""
    log = workdir / f"{name}.log"
    cmd = [sys.executable, str(Path(__file__).resolve()), "--run-step", name, "--workdir", str(workdir)]
    if quick:
        cmd.append("--quick")
    t0 = time.perf_counter()
    with open(log, "w") as fh:
        proc = subprocess.Popen(cmd, stdout=fh, stderr=subprocess.STDOUT, cwd=str(Path(__file__).resolve().parents[1]))
        deadline = t0 + timeout
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                proc.kill()
                pid, status, usage = os.wait4(proc.pid, 0)
                proc.returncode = -9
                break
            time.sleep(0.2)
    rc = os.waitstatus_to_exitcode(status) if proc.returncode is None else proc.returncode
    text = log.read_text(errors="replace")
    result = {"step": name, "rc": rc, "peak_rss_mb": usage.ru_maxrss / 1024, "wall_s": time.perf_counter() - t0}
    for line in reversed(text.splitlines()):
        if line.startswith(city_steps.RESULT_PREFIX):
            result.update(json.loads(line[len(city_steps.RESULT_PREFIX) :]))
            break
    else:
        result["error"] = "timed out" if rc == -9 else (text.strip().splitlines() or ["no output"])[-1][-300:]
    return result


def _ratio(row, rows_by_name):
    ref = city_steps.STEPS[row["step"]].ratio_to
    if not ref or ref not in rows_by_name or "seconds" not in row:
        return None
    base = rows_by_name[ref].get("seconds")
    return row["seconds"] / base if base else None


def table(rows) -> str:
    by_name = {r["step"]: r for r in rows}
    head = f"{'step':<26} {'records':>12} {'seconds':>9} {'records/s':>11} {'peak RSS MB':>11} {'ratio':>14}  target"
    out = [head, "-" * len(head)]
    for r in rows:
        step = city_steps.STEPS[r["step"]]
        if "seconds" not in r:
            out.append(f"{r['step']:<26} FAILED ({r.get('error', 'rc ' + str(r['rc']))})")
            continue
        ratio = _ratio(r, by_name)
        r["ratio"] = ratio
        rps = r["records"] / r["seconds"] if r["seconds"] > 0 else float("inf")
        rtxt = f"{ratio:.2f}x {step.ratio_to.split('.')[-1]}" if ratio is not None else ""
        out.append(
            f"{r['step']:<26} {r['records']:>12,} {r['seconds']:>9.1f} {rps:>11,.0f} {r['peak_rss_mb']:>11,.0f} "
            f"{rtxt:>14}  {step.target}"
        )
        for note in r.get("notes", []):
            out.append(f"{'':<28}{note}")
    return "\n".join(out)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="slices of the data (synthetic when it is absent)")
    ap.add_argument("--synthetic", action="store_true", help="with --quick: synthetic files even when data exists")
    ap.add_argument("--datasets", default="tdrive,sf", help="comma-separated: tdrive, sf")
    ap.add_argument("--steps", default="", help="comma-separated step names (default: every step of the datasets)")
    ap.add_argument("--workdir", default="", help="folder for the intermediate layers (default: a temporary one)")
    ap.add_argument("--keep", action="store_true", help="keep the work folder")
    ap.add_argument("--json", default="", help="where to write the table as JSON")
    ap.add_argument(
        "--params",
        default="",
        help='JSON of parameter overrides per algorithm id, e.g. \'{"e2dtctrain": {"PRETRAIN_EPOCHS": 2}}\'',
    )
    ap.add_argument("--step-timeout", type=float, default=4 * 3600, help="seconds per step before it is killed")
    ap.add_argument("--run-step", default="", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    if args.run_step:
        return city_steps.run_in_child(args.run_step, Path(args.workdir), args.quick)

    workdir = Path(args.workdir) if args.workdir else Path(tempfile.mkdtemp(prefix="city_scale_"))
    workdir.mkdir(parents=True, exist_ok=True)
    datasets = [d.strip() for d in args.datasets.split(",") if d.strip()]
    wanted = [s.strip() for s in args.steps.split(",") if s.strip()]
    names = wanted or [
        n
        for n, s in city_steps.STEPS.items()
        if set(s.dataset.split("+")) <= set(datasets) and (args.quick or not s.quick_only)
    ]
    unknown = [n for n in names if n not in city_steps.STEPS]
    if unknown:
        ap.error(f"unknown step(s) {unknown}; steps: {', '.join(city_steps.STEPS)}")
    (workdir / "params.json").write_text(json.dumps(json.loads(args.params) if args.params else {}))
    sources = city_steps.prepare_sources(workdir, args.quick, args.synthetic, TDRIVE, CABSPOTTING, datasets)
    print(f"work folder: {workdir}")
    for k, v in sources.items():
        print(f"  {k}: {v}")
    rows = []
    try:
        for name in names:
            print(f"-> {name} ...", flush=True)
            row = _run_step(name, workdir, args.quick, args.step_timeout)
            rows.append(row)
            status = f"{row['seconds']:.1f} s" if "seconds" in row else f"FAILED: {row.get('error')}"
            print(f"   {status}, peak RSS {row['peak_rss_mb']:,.0f} MB (log {workdir / (name + '.log')})", flush=True)
        text = table(rows)
        print("\n" + text)
        keep = args.keep or args.workdir
        default_json = (workdir if keep else Path(tempfile.gettempdir())) / "city_scale.json"
        out_json = Path(args.json) if args.json else default_json
        meta = {"quick": args.quick, "sources": {k: str(v) for k, v in sources.items()}, "cpus": os.cpu_count()}
        out_json.write_text(json.dumps({"meta": meta, "rows": rows}, indent=1, default=str))
        print(f"\nJSON: {out_json}")
    finally:
        if not args.keep and not args.workdir:
            shutil.rmtree(workdir, ignore_errors=True)
    return 0 if all("seconds" in r for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
