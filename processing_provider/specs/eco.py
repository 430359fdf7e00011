"""Evolutionary clustering of streaming trajectories (ECO) and its two baselines."""

from __future__ import annotations

from . import AlgorithmSpec, Param
from . import common as c

ECO = AlgorithmSpec(
    id="eco",
    group="clustering",
    display="Evolutionary clustering of streaming trajectories (ECO)",
    summary=(
        "Clusters moving objects time step by time step so that clusters change smoothly: ECO (Li, Chen, Jensen, "
        "Pedersen, Hu, arXiv 2109.11609).",
        "Objects that jump away from their minimal group for a moment are moved back towards its most smoothly "
        "moving member (under the speed limit) before DBSCAN, and cluster ids are carried from step to step, so the "
        "output can be animated with the temporal controller.",
    ),
    params=(
        c.INPUT_POINTS,
        c.TRAJ_ID_FIELD_REQUIRED.but(help="Identifies the moving objects (vehicle, vessel, person)."),
        c.TIME_FIELD.but(help="The time of each record.", optional=False),
        Param(
            "DELTA_T",
            "double",
            "Time step Δt (seconds, 0 = median sampling interval)",
            "Time is cut into steps of this length; an object keeps its earliest record per step, and a snapshot is "
            "the set of objects seen at a step.",
            default=0.0,
            minimum=0.0,
        ),
        c.START_TIME.but(
            label="Start time (default: earliest record)",
            help="The start of the first step; records before it are ignored.",
            optional=True,
        ),
        Param(
            "SPEED_LIMIT",
            "double",
            "Speed limit μ (m/s)",
            "No adjustment moves an object further from its previous location than μ × the time between them; "
            "locations breaking it are first moved onto that circle.",
            default=35.0,
            minimum=0.001,
        ),
        Param("EPS", "double", "DBSCAN ε (m)", "The DBSCAN neighbourhood radius.", default=600.0, minimum=0.001),
        Param(
            "MIN_PTS",
            "int",
            "DBSCAN minPts",
            "DBSCAN's core-point count, a point counting itself (paper range 2–10).",
            default=5,
            minimum=1,
        ),
        Param(
            "DELTA",
            "double",
            "Minimal group radius δ (m, at most ε)",
            "A minimal group is a seed with at least ρ objects within δ and the objects nearest to it "
            "(paper range 200–800 m).",
            default=400.0,
            minimum=0.001,
        ),
        Param(
            "RHO",
            "int",
            "Minimal group size ρ",
            "The objects a seed needs within δ (paper range 4–8).",
            default=5,
            minimum=2,
        ),
        Param(
            "ALPHA",
            "double",
            "History weight α",
            "Weight of history against fidelity to the data (paper range 0.1–0.9).",
            default=0.5,
            minimum=0.001,
        ),
        Param(
            "ADAPT_EPS",
            "bool",
            "Adapt ε by modularity",
            "ε moves by Δε towards higher modularity once per step (iterated at the first step).",
            default=True,
        ),
        c.METHOD.but(
            help="ECO; DBSCAN per snapshot (no smoothing) or Kim–Han-style distance smoothing, for comparison.",
            options=("ECO", "DBSCAN per snapshot", "Kim–Han distance smoothing"),
        ),
        Param(
            "EPS_STEP",
            "double",
            "ε step Δε (m)",
            "The step by which ε adapts.",
            default=50.0,
            minimum=0.0,
            advanced=True,
        ),
        Param(
            "QS_RADIUS",
            "double",
            "QS radius (m, 0 = do not report QS)",
            "The neighbour graph on which the per-step modularity QS is reported.",
            default=1000.0,
            minimum=0.0,
            advanced=True,
        ),
        c.CRS.but(
            label="Metric CRS (default: UTM zone of the data)",
            help="A projected CRS in metres the distances are measured in.",
            advanced=True,
        ),
        c.OUTPUT.but(
            label="Clustered points",
            geometry=("point",),
            help="obj_id, step, step_start, step_end, time, orig_x/orig_y and adj_x/adj_y in the layer CRS, cluster "
            "(−1 = noise, ids stable across steps), role (core, border, noise), seed and smoothed; the point sits at "
            "the adjusted location.",
        ),
        Param(
            "OUTPUT_EVENTS",
            "sink",
            "Cluster events",
            "step, cluster, event (form, evolve, split, merge or dissolve) and the related clusters.",
            geometry=("table",),
            optional=True,
        ),
        Param(
            "OUTPUT_STEPS",
            "sink",
            "Steps",
            "Per step: objects, clusters, QS, NMI with the previous step over the objects seen at both, ε used and "
            "processing milliseconds per record.",
            geometry=("table",),
            optional=True,
        ),
    ),
    notes=(
        (
            "The clustered points are categorized by cluster, with temporal properties from step_start/step_end: "
            "a step ends where the next one starts.",
        ),
    ),
)

SPECS = (ECO,)
