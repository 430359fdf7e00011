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
    opener = __import__("gzip").open if path.name.endswith(".gz") else open
    with opener(path, "rt", errors="replace") as f:
        head = f.readline()
    if "POLYLINE" in head:
        return {"FILE": str(path), "FORMAT": 1}
    cols = [c.strip().strip('"').lower() for c in head.split(",")]
    if cols[:5] == ["uid", "d", "t", "x", "y"]:
        return {"FILE": str(path), "FORMAT": 3}
    return {"FILE": str(path), "FORMAT": 0}


def _num(value) -> str:
    """A result number as the demo prints it: 3 decimals, "n/a" when the run did not measure it."""
    return "n/a" if value is None else f"{value:.3f}"


#: ECO on the vehicles: 30 s steps (enough vehicles per snapshot) and a fixed ε (adapting it by modularity on so
#: few vehicles grows it past the QS radius, 1000 m, where QS cannot judge it)
ECO_PARAMS = {
    "EPS": 300,
    "MIN_PTS": 3,
    "DELTA": 200,
    "RHO": 3,
    "SPEED_LIMIT": 40,
    "DELTA_T": 30,
    "ADAPT_EPS": False,
}


class Inputs:
    """The trajectory points every step reads, and where the OD pairs come from."""

    def __init__(self, points, od_input, od_field, id_field="traj_id", time_field="time"):
        self.points, self.od_input, self.od_field = points, od_input, od_field
        self.id_field, self.time_field = id_field, time_field

    @property
    def common(self) -> dict:
        return {"INPUT": self.points, "TRAJ_ID_FIELD": self.id_field, "TIME_FIELD": self.time_field}


def make_feedback():
    """A Processing feedback that prints errors and warnings (the demo's log is its stdout)."""
    from qgis.core import QgsProcessingFeedback

    class Feedback(QgsProcessingFeedback):
        def reportError(self, error, fatalError=False):  # noqa: N802, N803 (QGIS API)
            print("   error:", error, flush=True)

        def pushWarning(self, warning):  # noqa: N802
            print("   warning:", warning, flush=True)

    return Feedback()


def import_data(path: Path, gpkg: Path, fb) -> Inputs:
    """Your data: import it, then OD pairs on H3 resolution 8 cells."""
    res = step(
        "import trajectories",
        "deeptraj:importtrajectories",
        {**data_params(path), "OUTPUT": dest(gpkg, "points"), "OUTPUT_LINES": dest(gpkg, "trajectories")},
        fb,
    )
    points = res["OUTPUT"]
    res = step(
        "OD pairs (H3 resolution 8, at least 5 trips)",
        "deeptraj:assignodpairs",
        {
            "INPUT": points,
            "TRAJ_ID_FIELD": "traj_id",
            "TIME_FIELD": "time",
            "RESOLUTION": 8,
            "MIN_TRIPS": 5,
            "OUTPUT": dest(gpkg, "points_od"),
        },
        fb,
    )
    return Inputs(points, res["OUTPUT"], "od_id")


def simulate_data(n_trajectories: int, gpkg: Path, fb) -> Inputs:
    """The embedded sample: trips between 6 OD pairs on a synthetic street grid (the OD pair is known)."""
    res = step(
        "simulate trajectories on a synthetic street grid",
        "deeptraj:simulatetrajectories",
        {
            "N_OD_PAIRS": 6,
            "N_TRAJECTORIES": n_trajectories,
            "DETOUR_RATE": 0.1,
            "SEED": 42,
            "TIME_WINDOW": 0.5,
            "OUTPUT": dest(gpkg, "points"),
            "OUTPUT_LINES": dest(gpkg, "trajectories"),
            "OUTPUT_ROADS": dest(gpkg, "roads"),
        },
        fb,
    )
    return Inputs(res["OUTPUT"], res["OUTPUT"], "od_id")


def discretize(inp: Inputs, out: Path, gpkg: Path, fb) -> None:
    for title, alg, name, extra in (
        ("discretize to a 300 m grid", "deeptraj:discretizegrid", "grid", {"CELL_SIZE": 300}),
        ("discretize to H3 resolution 10", "deeptraj:discretizeh3", "h3", {"RESOLUTION": 10}),
    ):
        params = {
            **inp.common,
            **extra,
            "OUTPUT_CELLS": dest(gpkg, f"{name}_cells"),
            "OUTPUT_SEQUENCES": dest(gpkg, f"{name}_sequences"),
            "OUTPUT_VOCAB": str(out / f"{name}_vocab.json"),
        }
        step(title, alg, params, fb)


def clustering(inp: Inputs, out: Path, gpkg: Path, fb) -> None:
    """E2DTC ground truth (Algorithm 2), then E2DTC deep clustering of the labelled trajectories."""
    res = step(
        "ground-truth clusters (E2DTC Algorithm 2)",
        "deeptraj:groundtruthclusters",
        {
            **inp.common,
            "N_CENTERS": 6,
            "RADIUS_RATIO": 0.6,
            "FALLEN_THRESHOLD": 0.7,
            "OUTPUT": dest(gpkg, "gt_trajectories"),
            "OUTPUT_CENTERS": dest(gpkg, "gt_centers"),
        },
        fb,
    )
    print(f"   {res['N_ASSIGNED']} trajectories labelled, {res['N_UNASSIGNED']} unassigned", flush=True)
    if res["N_ASSIGNED"] < 2 * res["N_CLUSTERS"]:
        return
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


def anomalies(inp: Inputs, out: Path, gpkg: Path, fb) -> None:
    """CroTad: synthetic anomalies, training on the trips, online detection on the anomalous set."""
    od_common = {**inp.common, "INPUT": inp.od_input, "OD_FIELD": inp.od_field, "RESOLUTION": 10}
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
            "INPUT": res["OUTPUT"],
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


def eco_clustering(inp: Inputs, gpkg: Path, fb) -> dict:
    eco = step(
        "ECO evolutionary clustering of the moving vehicles (animated with the temporal controller)",
        "deeptraj:eco",
        {
            **inp.common,
            **ECO_PARAMS,
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
    return eco


def metatrl(inp: Inputs, out: Path, gpkg: Path, fb) -> None:
    """MetaTRL on the same trips, H3 cells as units (single-city pre-training), then embeddings and destinations."""
    mt = step(
        "MetaTRL: pre-train trajectory embeddings (H3 cells, fast-CPU preset, shortened)",
        "deeptraj:metatrltrain",
        {
            "TARGET": inp.points,
            "TRAJ_ID_FIELD": inp.id_field,
            "TIME_FIELD": inp.time_field,
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
    model = {**inp.common, "MODEL_FILE": str(out / "metatrl.metatrl")}
    step(
        "MetaTRL: embed the trajectories (explorer-ready layer)",
        "deeptraj:metatrlembed",
        {**model, "OUTPUT": dest(gpkg, "metatrl_embeddings")},
        fb,
    )
    dp = step(
        "MetaTRL: destination prediction (80% of the trips train the head)",
        "deeptraj:metatrltask",
        {
            **model,
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


def mobility(out: Path, gpkg: Path, fb) -> None:
    """Mobility embeddings of simulated commuters, written in the LYMob format and read back by the importer."""
    from deeptraj.models.core.readers.lymob import write_lymob_csv
    from deeptraj.models.synthetic.lymob import simulate_lymob

    # no masked (x = y = 999) days: the LYMob challenge hides them to be predicted; the demo has nothing to hide
    sample = simulate_lymob(n_users=40, n_days=14, grid_size=80, mask_users=0.0, seed=5)
    write_lymob_csv(out / "lymob_sim.csv", *sample.columns())
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


# ------------------------------------------------------------------------------------------------ the project
#: the layers at the top of the layer tree, visible, in drawing order (top first): what the demo computed
VISIBLE = ("crotad_segments", "gt_centers", "e2dtc_clusters", "roads")
#: the other layers, in groups that start unchecked (their layers too, except those marked *), top group first
GROUPS = (
    ("E2DTC: ground truth", ("gt_trajectories",)),
    ("CroTad: detection and synthetic anomalies", ("crotad_points", "anomaly_trajectories*", "anomaly_points")),
    ("ECO (temporal controller)", ("eco_points*", "eco_events", "eco_steps")),
    ("MetaTRL", ("metatrl_destinations*", "metatrl_embeddings")),
    ("Mobility embeddings (simulated LYMob users)", ("mobility_embeddings*", "lymob_points")),
    (
        "Input and discretization",
        ("trajectories*", "points", "points_od", "grid_sequences", "h3_sequences", "h3_cells", "grid_cells"),
    ),
)


def layers_by_table(project) -> dict:
    """Each loaded layer renamed to its GeoPackage table; table name -> layer."""
    from qgis.core import QgsProviderRegistry

    by_table = {}
    for lyr in project.mapLayers().values():
        table = QgsProviderRegistry.instance().decodeUri("ogr", lyr.source()).get("layerName") or lyr.name()
        lyr.setName(table)
        by_table[table] = lyr
    return by_table


def arrange_layer_tree(project, by_table: dict) -> None:
    """The method results on top and visible; the other layers in unchecked groups below them."""
    root = project.layerTreeRoot()

    def move(name, parent, index, checked):
        node = root.findLayer(by_table[name].id()) if name in by_table else None
        if node is None:
            return
        clone = node.clone()
        clone.setItemVisibilityChecked(checked)
        parent.insertChildNode(index, clone)
        node.parent().removeChildNode(node)

    for i, name in enumerate(VISIBLE):
        move(name, root, i, True)
    for g, (title, names) in enumerate(GROUPS):
        group = root.insertGroup(len(VISIBLE) + g, title)
        group.setItemVisibilityChecked(False)
        group.setExpanded(False)
        for i, name in enumerate(names):
            move(name.rstrip("*"), group, i, name.endswith("*"))


def restyle_for_overview(by_table: dict) -> None:
    """Readable together: E2DTC clusters wide, only the anomalous CroTad segments (thin, solid, translucent), the
    ground-truth circles as grey outlines."""
    from qgis.core import QgsSingleSymbolRenderer, QgsSymbol
    from qgis.PyQt.QtCore import Qt
    from qgis.PyQt.QtGui import QColor

    seg = by_table.get("crotad_segments")
    if seg is not None and seg.renderer().type() == "categorizedSymbol":
        renderer = seg.renderer()
        for i, cat in enumerate(renderer.categories()):
            if str(cat.value()) == "1":
                sym = cat.symbol().clone()
                sym.setWidth(0.25)
                sym.symbolLayer(0).setPenStyle(Qt.SolidLine)
                renderer.updateCategorySymbol(i, sym)
            else:  # the normal segments stay in the legend, unchecked: tick them in the Layers panel
                renderer.updateCategoryRenderState(i, False)
        seg.setOpacity(0.6)
    clusters = by_table.get("e2dtc_clusters")
    if clusters is not None and clusters.renderer().type() == "categorizedSymbol":
        renderer = clusters.renderer()
        for i, cat in enumerate(renderer.categories()):
            sym = cat.symbol().clone()
            sym.setWidth(0.7)
            renderer.updateCategorySymbol(i, sym)
    circles = by_table.get("gt_centers")
    if circles is not None:  # one grey outline: E2DTC's cluster ids (colours) need not match the ground truth's
        sym = QgsSymbol.defaultSymbol(circles.geometryType())
        sym.symbolLayer(0).setFillColor(QColor(0, 0, 0, 0))
        sym.symbolLayer(0).setStrokeColor(QColor("#555555"))
        sym.symbolLayer(0).setStrokeWidth(0.5)
        sym.symbolLayer(0).setStrokeStyle(Qt.DashLine)
        circles.setRenderer(QgsSingleSymbolRenderer(sym))
    points = by_table.get("crotad_points")
    if points is not None and points.renderer().type() == "categorizedSymbol":
        renderer = points.renderer()
        for i, cat in enumerate(renderer.categories()):
            sym = cat.symbol().clone()
            sym.setSize(0.9 if str(cat.value()) == "1" else 0.6)
            renderer.updateCategorySymbol(i, sym)
    destinations = by_table.get("metatrl_destinations")
    if destinations is not None and destinations.renderer().type() == "categorizedSymbol":
        renderer = destinations.renderer()
        for i, cat in enumerate(renderer.categories()):
            label = {"true": "destination predicted", "false": "destination missed"}.get(str(cat.value()).lower())
            if label:
                renderer.updateCategoryLabel(i, label)
    if "grid_cells" in by_table:
        by_table["grid_cells"].setOpacity(0.55)


def data_extent(project, by_table: dict):
    """Where the demo's trajectories are, in the project CRS, with a 10% margin: the box of the middle 99% of their
    vertices (so that a few GPS outliers in real data do not zoom the map out), grown to hold the ground-truth
    circles."""
    import numpy as np
    from qgis.core import QgsCoordinateTransform, QgsRectangle

    ext = QgsRectangle()
    ext.setMinimal()
    trajs = by_table.get("trajectories")
    if trajs is not None:
        xf = QgsCoordinateTransform(trajs.crs(), project.crs(), project)
        xy = np.array([(v.x(), v.y()) for f in trajs.getFeatures() for v in f.geometry().vertices()], dtype=float)
        if len(xy):
            lo, hi = np.percentile(xy, 0.5, axis=0), np.percentile(xy, 99.5, axis=0)
            ext.combineExtentWith(xf.transformBoundingBox(QgsRectangle(lo[0], lo[1], hi[0], hi[1])))
    circles = by_table.get("gt_centers")
    if circles is not None and not circles.extent().isEmpty():
        xf = QgsCoordinateTransform(circles.crs(), project.crs(), project)
        ext.combineExtentWith(xf.transformBoundingBox(circles.extent()))
    ext.scale(1.1)
    return ext


def set_up_project(project, by_table: dict, eco: dict) -> None:
    """Layer tree, styles, CRS, the default view on the data and the temporal controller's range."""
    from qgis.core import QgsCoordinateReferenceSystem, QgsDateTimeRange, QgsReferencedRectangle, QgsUnitTypes

    arrange_layer_tree(project, by_table)
    restyle_for_overview(by_table)
    project.setCrs(QgsCoordinateReferenceSystem("EPSG:3857"))
    # QGIS opens a project written without a map canvas on its default view (otherwise at 1:1, nowhere)
    project.viewSettings().setDefaultViewExtent(QgsReferencedRectangle(data_extent(project, by_table), project.crs()))
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


# ------------------------------------------------------------------------------------------------ the pictures
#: (file, title, layers drawn top first); a picture is made when its first layer exists
PICTURES = (
    ("demo.png", "DeepTraj demo", ("crotad_segments", "gt_centers", "e2dtc_clusters", "roads")),
    ("demo_clustering.png", "E2DTC clustering", ("gt_centers", "e2dtc_clusters", "roads")),
    ("demo_anomalies.png", "CroTad anomalies", ("crotad_points", "crotad_segments", "roads")),
    ("demo_embeddings.png", "MetaTRL destinations", ("metatrl_destinations", "roads")),
)


def picture_layout(project, title: str, layers: list, extent):
    """A print layout named ``title``: the map of ``layers`` on ``extent`` and a legend of exactly those layers."""
    from qgis.core import (
        QgsLayoutItemLegend,
        QgsLayoutItemMap,
        QgsLayoutPoint,
        QgsLayoutSize,
        QgsLegendStyle,
        QgsPrintLayout,
        QgsUnitTypes,
    )

    layout = QgsPrintLayout(project)
    layout.initializeDefaults()
    layout.setName(title)
    layout.pageCollection().page(0).setPageSize(QgsLayoutSize(280, 200, QgsUnitTypes.LayoutMillimeters))
    m = QgsLayoutItemMap(layout)
    layout.addLayoutItem(m)
    m.attemptMove(QgsLayoutPoint(4, 4, QgsUnitTypes.LayoutMillimeters))
    m.attemptResize(QgsLayoutSize(208, 192, QgsUnitTypes.LayoutMillimeters))
    m.setLayers(layers)
    m.setKeepLayerSet(True)
    m.setCrs(project.crs())
    m.setExtent(_fit(extent, 208 / 192))  # setExtent resizes the item to the extent's shape: give it the item's
    m.setFrameEnabled(True)
    legend = QgsLayoutItemLegend(layout)
    legend.setTitle(title)
    legend.setLinkedMap(m)
    legend.setAutoUpdateModel(False)
    group = legend.model().rootGroup()
    group.removeAllChildren()
    for lyr in layers:
        group.addLayer(lyr)
    legend.setLegendFilterByMapEnabled(True)  # categories the map does not draw (normal segments) are left out
    legend.setStyleFont(QgsLegendStyle.Title, _font(13, bold=True))
    legend.setStyleFont(QgsLegendStyle.Subgroup, _font(11, bold=True))
    legend.setStyleFont(QgsLegendStyle.SymbolLabel, _font(10))
    legend.attemptMove(QgsLayoutPoint(216, 4, QgsUnitTypes.LayoutMillimeters))
    layout.addLayoutItem(legend)
    legend.adjustBoxSize()
    return layout


def _fit(extent, ratio):
    """``extent`` grown about its centre to the width / height ``ratio``."""
    from qgis.core import QgsRectangle

    c, w, h = extent.center(), extent.width(), extent.height()
    w, h = max(w, h * ratio), max(h, w / ratio)
    return QgsRectangle(c.x() - w / 2, c.y() - h / 2, c.x() + w / 2, c.y() + h / 2)


def _font(size, bold=False):
    from qgis.PyQt.QtGui import QFont

    font = QFont()
    font.setPointSizeF(size)
    font.setBold(bold)
    return font


def render_pictures(project, out: Path, by_table: dict, size=(1400, 1000)) -> list:
    """One picture per method family (demo.png: the overview), each a print layout with a legend, kept in the
    project (Project › Layouts) and exported to PNG."""
    from qgis.core import QgsLayoutExporter
    from qgis.PyQt.QtCore import QSize

    extent = data_extent(project, by_table)
    written = []
    for file, title, names in PICTURES:
        layers = [by_table[n] for n in names if n in by_table]
        if names[0] not in by_table:
            continue
        layout = picture_layout(project, title, layers, extent)
        project.layoutManager().addLayout(layout)
        # the page as an image, saved by Qt (exportToImage would also try to georeference the PNG through GDAL,
        # which cannot update PNG files and prints an ERROR line)
        image = QgsLayoutExporter(layout).renderPageToImage(0, QSize(*size))
        if image.isNull() or not image.save(str(out / file), "PNG"):
            raise RuntimeError(f"could not write {out / file}")
        written.append(out / file)
    return written


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
    from qgis.core import QgsProject

    fb = make_feedback()
    project = QgsProject.instance()
    project.clear()
    if args.data:
        inp = import_data(Path(args.data).resolve(), gpkg, fb)
    else:
        inp = simulate_data(args.n_trajectories, gpkg, fb)
    discretize(inp, out, gpkg, fb)
    clustering(inp, out, gpkg, fb)
    anomalies(inp, out, gpkg, fb)
    eco = eco_clustering(inp, gpkg, fb)
    metatrl(inp, out, gpkg, fb)
    mobility(out, gpkg, fb)

    by_table = layers_by_table(project)
    set_up_project(project, by_table, eco)
    pictures = render_pictures(project, out, by_table)
    project.write(str(out / "demo.qgz"))
    print(f"\nWrote {gpkg}, {out / 'demo.qgz'} and {', '.join(p.name for p in pictures)}")
    app.exitQgis()


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    main()
