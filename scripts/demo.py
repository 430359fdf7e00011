"""DeepTraj headless demo: the main job on the embedded simulated sample (or on your data).

    .venv/bin/python scripts/demo.py [--data points.csv|.csv.gz|folder-of-plt] [--out out]

Steps: import (or simulate) -> discretize to a 300 m grid and to H3 -> E2DTC ground-truth clusters -> E2DTC deep
clustering of the labelled trajectories (model, report) -> OD pairs -> CroTad synthetic anomalies -> CroTad online
anomaly detection (model, reports, flagged segments styled red/blue) -> ECO -> MetaTRL trajectory embeddings on H3
cells and destination prediction (model, report, explorer-ready layer, predictions layer) ->
mobility embeddings of simulated LYMob users (model, report, explorer-ready layer). Writes every
layer into OUT/demo.gpkg, a QGIS project OUT/demo.qgz with the styled layers, and a rendered map OUT/demo.png.
`make demo` runs this after setting up the environment.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "benchmarks"))
from _qgis import import_deeptraj, start_qgis  # noqa: E402


def dest(gpkg: Path, table: str) -> str:
    """A Processing output inside one GeoPackage (the layer is replaced if it exists)."""
    return f"ogr:dbname='{gpkg}' table=\"{table}\" (geom)"


def step(title, alg, params, feedback):
    import processing

    t0 = time.perf_counter()
    print(f"-> {title} ({alg})", flush=True)
    res = processing.runAndLoadResults(alg, params, feedback=feedback)
    print(f"   done in {time.perf_counter() - t0:.1f} s", flush=True)
    return res


def data_params(path: Path) -> dict:
    """importtrajectories parameters guessed from the file."""
    if path.is_dir() or path.suffix.lower() == ".plt":
        return {"FILE": str(path), "FORMAT": 2}
    head = (
        path.open("rt", errors="replace")
        if not path.name.endswith(".gz")
        else __import__("gzip").open(path, "rt", errors="replace")
    ).readline()
    if "POLYLINE" in head:
        return {"FILE": str(path), "FORMAT": 1}
    cols = [c.strip().strip('"').lower() for c in head.split(",")]
    if cols[:5] == ["uid", "d", "t", "x", "y"]:
        return {"FILE": str(path), "FORMAT": 3}
    return {"FILE": str(path), "FORMAT": 0}


def _num(value) -> str:
    """A result number as the demo prints it: 3 decimals, "n/a" when the run did not measure it."""
    return "n/a" if value is None else f"{value:.3f}"


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", help="trajectory file (CSV points, Porto CSV, LYMob CSV) or GeoLife .plt folder")
    ap.add_argument("--out", default="out")
    ap.add_argument("--n-trajectories", type=int, default=300)
    args = ap.parse_args(argv)
    out = Path(args.out).resolve()
    out.mkdir(parents=True, exist_ok=True)
    gpkg = out / "demo.gpkg"
    if gpkg.exists():
        gpkg.unlink()
    import_deeptraj()
    app = start_qgis()
    from qgis.core import QgsProcessingFeedback, QgsProject

    class Feedback(QgsProcessingFeedback):
        def reportError(self, error, fatalError=False):  # noqa: N802, N803 (QGIS API)
            print("   error:", error, flush=True)

        def pushWarning(self, warning):  # noqa: N802
            print("   warning:", warning, flush=True)

    fb = Feedback()
    project = QgsProject.instance()
    project.clear()

    if args.data:
        p = Path(args.data).resolve()
        res = step(
            "import trajectories",
            "deeptraj:importtrajectories",
            {**data_params(p), "OUTPUT": dest(gpkg, "points"), "OUTPUT_LINES": dest(gpkg, "trajectories")},
            fb,
        )
        points = res["OUTPUT"]
        id_field, time_field = "traj_id", "time"
        res = step(
            "OD pairs (H3 resolution 8, at least 5 trips)",
            "deeptraj:assignodpairs",
            {
                "INPUT": points,
                "TRAJ_ID_FIELD": id_field,
                "TIME_FIELD": time_field,
                "RESOLUTION": 8,
                "MIN_TRIPS": 5,
                "OUTPUT": dest(gpkg, "points_od"),
            },
            fb,
        )
        od_input, od_field = res["OUTPUT"], "od_id"
    else:
        res = step(
            "simulate trajectories on a synthetic street grid",
            "deeptraj:simulatetrajectories",
            {
                "N_OD_PAIRS": 6,
                "N_TRAJECTORIES": args.n_trajectories,
                "DETOUR_RATE": 0.1,
                "SEED": 42,
                "TIME_WINDOW": 0.5,
                "OUTPUT": dest(gpkg, "points"),
                "OUTPUT_LINES": dest(gpkg, "trajectories"),
                "OUTPUT_ROADS": dest(gpkg, "roads"),
            },
            fb,
        )
        points = res["OUTPUT"]
        id_field, time_field = "traj_id", "time"
        od_input, od_field = points, "od_id"

    common = {"INPUT": points, "TRAJ_ID_FIELD": id_field, "TIME_FIELD": time_field}
    step(
        "discretize to a 300 m grid",
        "deeptraj:discretizegrid",
        {
            **common,
            "CELL_SIZE": 300,
            "OUTPUT_CELLS": dest(gpkg, "grid_cells"),
            "OUTPUT_SEQUENCES": dest(gpkg, "grid_sequences"),
            "OUTPUT_VOCAB": str(out / "grid_vocab.json"),
        },
        fb,
    )
    step(
        "discretize to H3 resolution 10",
        "deeptraj:discretizeh3",
        {
            **common,
            "RESOLUTION": 10,
            "OUTPUT_CELLS": dest(gpkg, "h3_cells"),
            "OUTPUT_SEQUENCES": dest(gpkg, "h3_sequences"),
            "OUTPUT_VOCAB": str(out / "h3_vocab.json"),
        },
        fb,
    )
    res = step(
        "ground-truth clusters (E2DTC Algorithm 2)",
        "deeptraj:groundtruthclusters",
        {
            **common,
            "N_CENTERS": 6,
            "RADIUS_RATIO": 0.6,
            "FALLEN_THRESHOLD": 0.7,
            "OUTPUT": dest(gpkg, "gt_trajectories"),
            "OUTPUT_CENTERS": dest(gpkg, "gt_centers"),
        },
        fb,
    )
    print(f"   {res['N_ASSIGNED']} trajectories labelled, {res['N_UNASSIGNED']} unassigned", flush=True)
    if res["N_ASSIGNED"] >= 2 * res["N_CLUSTERS"]:
        e2 = step(
            "E2DTC deep clustering of the labelled trajectories (fast-CPU preset)",
            "deeptraj:e2dtctrain",
            {
                "INPUT": res["OUTPUT"],
                "TRAJ_ID_FIELD": "traj_id",
                "CELL_SIZE": 300,
                "N_CLUSTERS": res["N_CLUSTERS"],
                "PRETRAIN_EPOCHS": 4,
                "SELFTRAIN_EPOCHS": 3,
                "GROUND_TRUTH_FIELD": "gt_label",
                "SEED": 0,
                "MODEL_FILE": str(out / "e2dtc.e2dtc"),
                "OUTPUT": dest(gpkg, "e2dtc_clusters"),
                "OUTPUT_REPORT": str(out / "e2dtc_report.html"),
            },
            fb,
        )
        print(
            f"   E2DTC against the ground truth: UACC {e2['UACC']:.3f}, NMI {e2['NMI']:.3f}, RI {e2['RI']:.3f}",
            flush=True,
        )
    od_common = {
        "INPUT": od_input,
        "TRAJ_ID_FIELD": id_field,
        "TIME_FIELD": time_field,
        "OD_FIELD": od_field,
        "RESOLUTION": 10,
    }
    res = step(
        "synthetic anomalies (CroTad 5.1.2)",
        "deeptraj:syntheticanomalies",
        {
            **od_common,
            "PER_OD": 5,
            "SEED": 7,
            "OUTPUT": dest(gpkg, "anomaly_points"),
            "OUTPUT_LINES": dest(gpkg, "anomaly_trajectories"),
        },
        fb,
    )
    anomalies = res["OUTPUT"]
    ct = step(
        "CroTad: train the online anomaly detector on the trips (fast-CPU preset, shortened)",
        "deeptraj:crotadtrain",
        {
            **od_common,
            "WINDOW": 5,
            "PRETRAIN_EPOCHS": 3,
            "STEPS_PER_EPOCH": 20,
            "DQN_STEPS": 300,
            "SEED": 0,
            "MODEL_FILE": str(out / "crotad.pt"),
            "OUTPUT_REPORT": str(out / "crotad_report.html"),
        },
        fb,
    )
    print(
        f"   {ct['N_TRAJECTORIES']} trajectories of {ct['N_OD']} OD pairs, {ct['GRAPH_NODES']} cells in the graph",
        flush=True,
    )
    det = step(
        "CroTad: detect anomalous sub-trajectories online (replay in time order)",
        "deeptraj:crotaddetect",
        {
            "MODEL_FILE": str(out / "crotad.pt"),
            "INPUT": anomalies,
            "TRAJ_ID_FIELD": "traj_id",
            "TIME_FIELD": "time",
            "OD_FIELD": "od",
            "MODE": 0,
            "OUTPUT_SEGMENTS": dest(gpkg, "crotad_segments"),
            "OUTPUT_POINTS": dest(gpkg, "crotad_points"),
            "OUTPUT_REPORT": str(out / "crotad_detection.html"),
        },
        fb,
    )
    if "POINT_F1_ALL" in det:
        print(
            f"   point level P/R/F1 {det['POINT_P_ALL']:.3f}/{det['POINT_R_ALL']:.3f}/{det['POINT_F1_ALL']:.3f} "
            f"(share of anomalous cells {det['ANOMALY_SHARE']:.2f}); {det['N_SEGMENTS']} segments, "
            f"median {det.get('LATENCY_MS_MEDIAN', float('nan')):.2f} ms per point",
            flush=True,
        )

    eco = step(
        "ECO evolutionary clustering of the moving vehicles (animated with the temporal controller)",
        "deeptraj:eco",
        {
            **common,
            "EPS": 300,
            "MIN_PTS": 3,
            "DELTA": 200,
            "RHO": 3,
            "SPEED_LIMIT": 40,
            "OUTPUT": dest(gpkg, "eco_points"),
            "OUTPUT_EVENTS": dest(gpkg, "eco_events"),
            "OUTPUT_STEPS": dest(gpkg, "eco_steps"),
        },
        fb,
    )
    print(
        f"   ECO: {eco['N_STEPS']} steps of {eco['DELTA_T']:g} s, {eco['N_CLUSTER_IDS']} cluster ids, "
        f"mean NMI between steps {_num(eco['MEAN_NMI'])}",
        flush=True,
    )

    # MetaTRL on the same trips, H3 cells as units (single-city pre-training), then embeddings and destinations
    mt = step(
        "MetaTRL: pre-train trajectory embeddings (H3 cells, fast-CPU preset, shortened)",
        "deeptraj:metatrltrain",
        {
            "TARGET": points,
            "TRAJ_ID_FIELD": id_field,
            "TIME_FIELD": time_field,
            "UNIT": 1,
            "RESOLUTION": 9,
            "TARGET_EPOCHS": 4,
            "SEED": 0,
            "MODEL_FILE": str(out / "metatrl.metatrl"),
            "OUTPUT_REPORT": str(out / "metatrl_report.html"),
        },
        fb,
    )
    print(
        f"   {mt['N_TARGET_TRAJECTORIES']} trajectories on {mt['N_UNITS']} H3 cells, final pre-training loss "
        f"{mt.get('FINAL_LOSS', float('nan')):.3f}",
        flush=True,
    )
    metatrl = {
        "MODEL_FILE": str(out / "metatrl.metatrl"),
        "INPUT": points,
        "TRAJ_ID_FIELD": id_field,
        "TIME_FIELD": time_field,
    }
    step(
        "MetaTRL: embed the trajectories (explorer-ready layer)",
        "deeptraj:metatrlembed",
        {**metatrl, "OUTPUT": dest(gpkg, "metatrl_embeddings")},
        fb,
    )
    dp = step(
        "MetaTRL: destination prediction (80% of the trips train the head)",
        "deeptraj:metatrltask",
        {
            **metatrl,
            "TASK": 0,
            "EPOCHS": 5,
            "OUTPUT": dest(gpkg, "metatrl_destinations"),
            "OUTPUT_REPORT": str(out / "metatrl_destination.html"),
        },
        fb,
    )
    print(
        f"   destination prediction on {dp['N_TEST']} held-out trips: micro-F1 {dp['MICRO_F1']:.3f}, "
        f"Recall@5 {dp['RECALL_AT_5']:.3f}",
        flush=True,
    )

    # mobility embeddings of simulated commuters, written in the LYMob format and read back by the importer
    from deeptraj.models.core.readers.lymob import write_lymob_csv
    from deeptraj.models.synthetic.lymob import simulate_lymob

    write_lymob_csv(out / "lymob_sim.csv", *simulate_lymob(n_users=40, n_days=14, grid_size=80, seed=5).columns())
    lymob = step(
        "import simulated LYMob users (40 users, 14 days, 30-min slots)",
        "deeptraj:importtrajectories",
        {
            "FILE": str(out / "lymob_sim.csv"),
            "FORMAT": 3,
            "CRS": "EPSG:32629",
            "ORIGIN_X": 510000,
            "ORIGIN_Y": 4540000,
            "OUTPUT": dest(gpkg, "lymob_points"),
        },
        fb,
    )
    mob = {"INPUT": lymob["OUTPUT"], "USER_FIELD": "uid", "TIME_FIELD": "time"}
    tr = step(
        "mobility embeddings: train the Transformer + BiLSTM (fast-CPU preset)",
        "deeptraj:mobilityembedtrain",
        {
            **mob,
            "EPOCHS": 4,
            "SEED": 0,
            "MODEL_FILE": str(out / "mobility.mobemb"),
            "OUTPUT_REPORT": str(out / "mobility_report.html"),
        },
        fb,
    )
    print(
        f"   next location on held-out users: accuracy@1 {tr['ACC1_MODEL']:.3f} (most frequent location "
        f"{tr['ACC1_MOST_FREQUENT']:.3f}, Markov {tr['ACC1_MARKOV']:.3f})",
        flush=True,
    )
    emb = step(
        "mobility embeddings: embed the user-days (explorer-ready layer)",
        "deeptraj:mobilityembed",
        {**mob, "MODEL_FILE": str(out / "mobility.mobemb"), "OUTPUT": dest(gpkg, "mobility_embeddings")},
        fb,
    )
    print(
        f"   {emb['N_SEQUENCES']} user-days, PCA: first two components {100 * emb['PCA_EXPLAINED_2']:.1f}% of the "
        "variance after standardisation",
        flush=True,
    )

    # layer order: points and lines on top of cells; a few layers visible in the rendered map
    from qgis.core import QgsCoordinateReferenceSystem, QgsDateTimeRange, QgsProviderRegistry, QgsUnitTypes

    root = project.layerTreeRoot()
    order = [
        "anomaly_points",
        "gt_centers",
        "crotad_segments",
        "crotad_points",
        "e2dtc_clusters",
        "gt_trajectories",
        "anomaly_trajectories",
        "trajectories",
        "eco_points",
        "metatrl_destinations",
        "metatrl_embeddings",
        "mobility_embeddings",
        "lymob_points",
        "points",
        "points_od",
        "grid_sequences",
        "h3_sequences",
        "roads",
        "h3_cells",
        "grid_cells",
    ]
    visible = {"e2dtc_clusters", "gt_centers", "grid_cells", "crotad_segments", "roads"}
    by_table = {}
    for lyr in project.mapLayers().values():
        table = QgsProviderRegistry.instance().decodeUri("ogr", lyr.source()).get("layerName") or lyr.name()
        lyr.setName(table)
        by_table[table] = lyr
    for name in reversed(order):
        lyr = by_table.get(name)
        node = root.findLayer(lyr.id()) if lyr is not None else None
        if node is None:
            continue
        clone = node.clone()
        root.insertChildNode(0, clone)
        root.removeChildNode(node)
        clone.setItemVisibilityChecked(name in visible)
    if "grid_cells" in by_table:
        by_table["grid_cells"].setOpacity(0.55)
    project.setCrs(QgsCoordinateReferenceSystem("EPSG:3857"))
    if "eco_points" in by_table:  # the temporal controller's range = the ECO steps
        lyr = by_table["eco_points"]
        fields = lyr.fields()
        project.timeSettings().setTemporalRange(
            QgsDateTimeRange(
                lyr.minimumValue(fields.lookupField("step_start")), lyr.maximumValue(fields.lookupField("step_end"))
            )
        )
        project.timeSettings().setTimeStep(eco["DELTA_T"])
        project.timeSettings().setTimeStepUnit(QgsUnitTypes.TemporalSeconds)
    project.write(str(out / "demo.qgz"))
    focus = by_table.get("gt_centers") or by_table.get("e2dtc_clusters") or by_table.get("gt_trajectories")
    render(project, out / "demo.png", focus)
    print(f"\nWrote {gpkg}, {out / 'demo.qgz'} and {out / 'demo.png'}")
    app.exitQgis()


def render(project, path: Path, focus=None, size=(1400, 1000)):
    """Render the visible layers to PNG, zoomed on ``focus`` (the cluster circles) when given."""
    from qgis.core import QgsMapRendererParallelJob, QgsMapSettings, QgsRectangle
    from qgis.PyQt.QtCore import QSize
    from qgis.PyQt.QtGui import QColor

    root = project.layerTreeRoot()
    layers = [n.layer() for n in root.findLayers() if n.isVisible() and n.layer() is not None]
    ms = QgsMapSettings()
    ms.setLayers(layers)
    ms.setDestinationCrs(project.crs())
    ms.setBackgroundColor(QColor("white"))
    ms.setOutputSize(QSize(*size))
    ext = QgsRectangle()
    ext.setMinimal()
    from qgis.core import QgsCoordinateTransform

    for lyr in [focus] if focus is not None else layers:
        xf = QgsCoordinateTransform(lyr.crs(), ms.destinationCrs(), project)
        ext.combineExtentWith(xf.transformBoundingBox(lyr.extent()))
    ext.scale(1.15)
    ms.setExtent(ext)
    job = QgsMapRendererParallelJob(ms)
    job.start()
    job.waitForFinished()
    job.renderedImage().save(str(path), "PNG")


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    main()
