"""Ground truth: cluster labels around centres (E2DTC), OD pairs on the H3 grid and synthetic anomalies (CroTad)."""

from __future__ import annotations

from . import AlgorithmSpec, Output, Param
from . import common as c

# ---------------------------------------------------------------------------------------------- clusters
GROUND_TRUTH_CLUSTERS = AlgorithmSpec(
    id="groundtruthclusters",
    group="groundtruth",
    display="Ground-truth clusters around centres",
    summary=(
        "Labels trajectories with the cluster of the centre they stay around: Algorithm 2 of E2DTC (Fang et al., "
        "ICDE 2021), used to make clustering ground truth.",
    ),
    params=(
        *c.TRAJECTORIES,
        Param(
            "CENTERS",
            "source",
            "Centres (points, in centre order)",
            "The cluster centres, e.g. POIs; their feature order is the centre order (empty: picked automatically, "
            "see the number of centres).",
            optional=True,
        ),
        Param(
            "N_CENTERS",
            "int",
            "Number of centres (when no centre layer is given)",
            "This many frequently visited and well-separated places are picked (cells ranked by the number of "
            "distinct trajectories visiting them; greedy choice with the largest separation that still yields that "
            "many centres); 12 as E2DTC on GeoLife.",
            default=12,
            minimum=2,
        ),
        Param(
            "RADIUS_RATIO",
            "double",
            "Radius ratio σ",
            "Radius = σ × the minimum distance between two centres (0.6 in the paper).",
            default=0.6,
            minimum=0.001,
            maximum=1.0,
        ),
        Param(
            "FALLEN_THRESHOLD",
            "double",
            "Fallen threshold λ",
            "A trajectory joins the first centre, in centre order, holding at least this share of its points (0.7 "
            "in the paper).",
            default=0.7,
            minimum=0.001,
            maximum=1.0,
        ),
        Param(
            "KEEP_UNASSIGNED",
            "bool",
            "Keep unassigned trajectories",
            "Also write trajectories without a cluster (gt_label −1).",
            default=False,
        ),
        Param(
            "METRIC_CRS",
            "crs",
            "Metric CRS",
            "Where distances are measured (empty: the UTM zone of the data).",
            optional=True,
            advanced=True,
        ),
        c.OUTPUT.but(
            label="Labelled trajectories",
            help="Lines with traj_id, gt_label, fallen_rate, n_points, categorized by label.",
            geometry=("line",),
        ),
        Param(
            "OUTPUT_CENTERS",
            "sink",
            "Cluster centres",
            "Circles of the radius around the centres with label and size (n_trajectories, radius_m, center_x, "
            "center_y).",
            geometry=("polygon",),
            optional=True,
        ),
    ),
)

# ---------------------------------------------------------------------------------------------- OD pairs
#: the OD pairs' own fields appended to the input layer
_OD_FIELDS = "od_id, origin_h3, dest_h3 (H3 cell strings) and od_trips (number of trajectories sharing the pair"

ASSIGN_OD_PAIRS = AlgorithmSpec(
    id="assignodpairs",
    group="groundtruth",
    display="Assign OD pairs (H3)",
    summary=(
        "Gives every trajectory its origin-destination (OD) pair on the H3 grid, as CroTad (Xue et al., section "
        "5.1.1) selects \"frequently used OD pairs (based on H3 cells)\": the origin is the H3 cell of the first "
        "point, the destination the cell of the last point (computed in WGS 84 whatever the layer CRS).",
        "Pairs shared by at least MIN_TRIPS trajectories get an integer od_id: 0 for the pair with the most trips, "
        "then by descending number of trips (ties: ascending origin, then destination cell id).",
        "Trajectories of rarer pairs get NULL.",
    ),
    params=(
        *c.TRAJECTORIES,
        c.RESOLUTION.but(
            label="H3 resolution of origin/destination cells (0-15)",
            help="8 (about 0.74 km²) groups trips starting in the same neighbourhood; the CroTad paper uses finer "
            "cells (resolution 10 for Porto) to map trajectories but does not state the OD resolution.",
        ),
        c.MIN_TRIPS.but(help="Pairs with fewer trajectories get no id."),
        c.OUTPUT.but(
            label="Trajectories with OD pairs",
            help=f"The input layer with {_OD_FIELDS}, also below the minimum).",
            geometry=("any",),
        ),
    ),
    outputs=(
        Output("N_OD_PAIRS", "number", "Number of OD pairs with an id"),
        Output("N_ASSIGNED", "number", "Trajectories with an OD id"),
        Output("N_UNASSIGNED", "number", "Trajectories without an OD id"),
    ),
    notes=(
        (
            "The output is the input layer (points stay points, lines stay lines, every input attribute kept) with "
            f"four fields appended: {_OD_FIELDS}, also below the minimum).",
            "Points that are not part of a trajectory after cleaning (duplicate times, trajectories with fewer than "
            "2 points) get NULL.",
            "Existing fields with these names are replaced.",
            "Use od_id as OD field of Synthetic anomalies.",
        ),
    ),
)

# ---------------------------------------------------------------------------------------------- anomalies
#: the anomaly types, in the order of the TYPES options
ANOMALY_TYPES = ("Head detour", "Rear detour", "Midway detour", "Random trajectory", "Route switching")
_BETA = dict(kind="double", minimum=0.001, maximum=0.999)

SYNTHETIC_ANOMALIES = AlgorithmSpec(
    id="syntheticanomalies",
    group="groundtruth",
    display="Synthetic anomalies (CroTad)",
    summary=(
        "Builds a labelled test set for trajectory anomaly detection from real (assumed normal) trajectories, "
        "following CroTad (Xue et al., section 5.1.2).",
        "Trajectories are mapped to sequences of H3 cells (consecutive repeats removed).",
        "For every OD value, cells visited more often than FREQ_THRESHOLD per trajectory are frequent (the paper's "
        "S_pos, Eq. 6); all others are rare.",
        "Detours are chains of rare cells in which consecutive cells are at most K_HOP H3 steps apart, going "
        "through a rare cell 2 to 3×K_HOP rings beside the replaced part and rejoining the trajectory within K_HOP "
        "steps.",
    ),
    params=(
        *c.TRAJECTORIES,
        c.OD_FIELD.but(
            label="OD field(s) (OD id, or route [+ direction])",
            help="The field holding the OD of each trajectory, e.g. od_id from Assign OD pairs, or route fields such "
            "as bus route and direction (several fields, or a comma-separated list, are combined into one OD value); "
            "trajectories with a NULL OD are ignored and the value of the first point counts.",
            multiple=True,
        ),
        c.RESOLUTION.but(
            label="H3 resolution (0-15)",
            help="The paper uses 10 for Porto (0.015 km² cells) and 9 for Translink buses.",
            default=10,
        ),
        Param(
            "TYPES",
            "enum",
            "Anomaly types",
            "The anomaly types to generate (several; all five by default).",
            options=ANOMALY_TYPES,
            multiple=True,
            default=(0, 1, 2, 3, 4),
        ),
        Param(
            "PER_OD",
            "int",
            "Trajectories per OD and type",
            "Source trajectories are drawn without replacement, so an OD with fewer usable trajectories gives fewer "
            "(500 as in the paper).",
            default=500,
            minimum=1,
        ),
        c.K_HOP.but(
            label="Maximum hops between consecutive cells (k_hop)",
            help="The largest H3 distance between consecutive cells of a detour (3 as in the paper).",
            default=3,
        ),
        Param(
            "BETA_MIN",
            label="Route switching: minimum beta",
            help="Lower end of the range of the route-switching ratio β (0.3 as in the paper).",
            default=0.3,
            **_BETA,
        ),
        Param(
            "BETA_MAX",
            label="Route switching: maximum beta",
            help="Upper end of the range of the route-switching ratio β (0.7 as in the paper).",
            default=0.7,
            **_BETA,
        ),
        c.SEED.but(default=42),
        Param(
            "INCLUDE_NORMAL",
            "bool",
            "Include normal trajectories",
            "Also output up to PER_OD untouched trajectories per OD (anomaly_type 'normal', every point 0) so the "
            "test set has both classes.",
            default=True,
        ),
        c.FREQ_THRESHOLD.but(
            help="A cell is frequent for an OD when its visit count divided by the OD's number of trajectories is "
            "above it (the paper's δ_od, no value given there).",
            default=0.1,
            maximum=1.0,
        ),
        c.OUTPUT.but(
            label="Labelled points",
            help="traj_id, source_traj_id, od, anomaly_type, is_anomaly 0/1, seq, time, h3; styled red for "
            "anomalous points.",
            geometry=("any",),
        ),
        c.OUTPUT_LINES.but(
            label="Labelled trajectories (lines)",
            help="One line per trajectory (n_points, n_anomalous), styled by anomaly type.",
        ),
    ),
    outputs=(
        Output("N_TRAJECTORIES", "number", "Trajectories written"),
        Output("N_NORMAL", "number", "Normal trajectories"),
        Output("N_HEAD_DETOUR", "number", "Head detours"),
        Output("N_REAR_DETOUR", "number", "Rear detours"),
        Output("N_MIDWAY_DETOUR", "number", "Midway detours"),
        Output("N_RANDOM_TRAJECTORY", "number", "Random trajectories"),
        Output("N_ROUTE_SWITCHING", "number", "Route switches"),
        Output("N_FAILED", "number", "Samples that could not be built (no rare cells where a detour was needed)"),
        Output("N_OD", "number", "OD values"),
    ),
    notes=(
        (
            "Head detour: the first cells are replaced by a detour starting near the origin.",
            "Rear detour: the last cells are replaced by a detour ending near the destination.",
            "Midway detour: cells in the middle are replaced by a detour.",
            "Random trajectory: the whole trajectory becomes a random walk through rare cells from the origin cell "
            "to the destination cell; every point is anomalous, including the first and last, which lie in the "
            "(normal) origin and destination cells.",
            "Route switching: the first floor(β|T1|) cells of T1 followed by the part of T2 from cell "
            "floor((1-β)|T2|) to its end, T2 from a different OD, β ~ U(BETA_MIN, BETA_MAX); the T2 part is "
            "anomalous.",
            "When the two parts are more than K_HOP steps apart, cells on the H3 line between them are inserted "
            "every K_HOP steps (also anomalous).",
            "Route switching needs at least 2 OD values.",
        ),
        (
            "Kept original points keep their coordinates; generated points lie at their cell centres (one per "
            "cell) and are spaced in time by the trajectory's median sampling interval.",
            "After a midway detour or a route switch the following original points keep their spacing but are "
            "shifted in time so that time keeps increasing.",
            "The same seed gives the same output.",
        ),
    ),
)

SPECS = (GROUND_TRUTH_CLUSTERS, ASSIGN_OD_PAIRS, SYNTHETIC_ANOMALIES)
