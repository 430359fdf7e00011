"""Road-segment units: the road layer and how it is read, the hidden-Markov map matcher, and the map-matching
algorithm (in the MetaTRL family's SPECS)."""

from __future__ import annotations

from . import AlgorithmSpec, Output, Param
from . import common as c

ROAD_NETWORK = c.ROAD_NETWORK.but(
    help="A line layer of roads; lines connect where their end points meet (within 0.5 m), or through the advanced "
    "start/end node ID fields.",
    optional=False,
)
#: the road layer and how it is read (road units of models.core.roadnet); ROAD_NETWORK first
ROADS = (
    ROAD_NETWORK,
    Param(
        "ROAD_CLASS_FIELD",
        "field",
        "Road class field (e.g. OSM highway)",
        "Becomes an attribute of the road segments for the MetaTRL algorithms; matching does not use it.",
        parent="ROAD_NETWORK",
        optional=True,
    ),
    Param(
        "LANES_FIELD",
        "field",
        "Number of lanes field",
        "Becomes an attribute of the road segments for the MetaTRL algorithms; matching does not use it.",
        parent="ROAD_NETWORK",
        optional=True,
    ),
    Param(
        "MAXSPEED_FIELD",
        "field",
        "Maximum speed field (km/h)",
        "Becomes an attribute of the road segments for the MetaTRL algorithms; matching does not use it.",
        parent="ROAD_NETWORK",
        optional=True,
    ),
    Param(
        "BOTH_DIRECTIONS",
        "bool",
        "Lines can be driven in both directions (undirected road layer)",
        "Lines are otherwise driven in their digitised direction, as in layers with one line per driving direction "
        "(OSMnx exports); with this ticked each line gives two segments.",
        default=False,
    ),
    Param(
        "START_NODE_FIELD",
        "field",
        "Start node ID field",
        "The node a line starts at (such as OSMnx's u or start_node); default: lines connect where their end points "
        "meet.",
        parent="ROAD_NETWORK",
        optional=True,
        advanced=True,
    ),
    Param(
        "END_NODE_FIELD",
        "field",
        "End node ID field",
        "The node a line ends at (such as OSMnx's v or end_node); give both node ID fields, or neither.",
        parent="ROAD_NETWORK",
        optional=True,
        advanced=True,
    ),
)
#: the road parameters of the MetaTRL algorithms, where the road layer is needed for road-segment units only
OPTIONAL_ROADS = (
    ROAD_NETWORK.but(
        help="The road layer of road-segment units (needed for them only); lines connect where their end points "
        "meet (within 0.5 m), or through the advanced start/end node ID fields.",
        optional=True,
    ),
    *ROADS[1:],
)
#: the hidden-Markov map matcher (models.core.mapmatch.HMMMatcher), declared once for every algorithm matching
MATCHER = (
    Param(
        "RADIUS",
        "double",
        "Map matching: search radius (metres)",
        "How far from a point road lines are considered.",
        default=50.0,
        minimum=1.0,
    ),
    Param(
        "GPS_SIGMA",
        "double",
        "Map matching: GPS noise (standard deviation, metres)",
        "The standard deviation of the position error.",
        default=20.0,
        minimum=0.1,
    ),
)
MATCHED_SHARE = Output("MATCHED_SHARE", "number", "Share of the points matched")

MAP_MATCH = AlgorithmSpec(
    id="mapmatch",
    group="embedding",
    display="Map-match trajectories to road segments",
    summary=(
        "Puts GPS trajectory points onto the lines of a road layer with a hidden Markov model (Newson and Krumm, "
        "2009) and writes the sequence of road segments each trajectory drove.",
        "Road segments are the units of the MetaTRL algorithms: matching once shows how well a road layer fits the "
        "trajectories.",
    ),
    params=(
        c.INPUT_POINTS,
        c.TRAJ_ID_FIELD_REQUIRED,
        c.TIME_FIELD.but(help="The time of each point, needed to match (a date-time, ISO 8601 text or epoch)."),
        *ROADS,
        *MATCHER,
        c.OUTPUT.but(
            label="Matched trajectories",
            help="One line per trajectory along the matched segments, in the road layer's CRS.",
            geometry=("line",),
        ),
    ),
    outputs=(
        MATCHED_SHARE,
        Output("N_BREAKS", "number", "Number of breaks of the matching"),
        Output("N_TRAJECTORIES", "number", "Number of trajectories"),
    ),
    notes=(
        (
            "Each point's candidates are the road lines within the search radius.",
            "A candidate is likelier the nearer the point (GPS noise), and a pair of candidates of consecutive points "
            "is likelier the closer the driving distance between them (respecting the lines' directions and the "
            "connections of the network) is to the straight distance between the points.",
            "The most likely sequence is found with the Viterbi algorithm.",
            "Where no candidate of a point can be reached from the previous point's, the match breaks and starts "
            "again (counted in N_BREAKS); points without a road line within the radius are left out.",
            "Segments between two matched points are filled in along the shortest path.",
        ),
        (
            "Lines are driven in their digitised direction: layers with one line per driving direction (OSMnx "
            "exports) need nothing more; tick 'Lines can be driven in both directions' for layers whose lines are "
            "undirected (each line then gives two segments).",
            "Turning back onto the same line is only allowed at dead ends.",
        ),
        (
            "The output has traj_id, n_units (segments), units (segment keys: 2 x feature id, + 1 for a line driven "
            "against its direction), segment_fids (feature ids of the road lines), n_points, matched_points, share "
            "(matched share of the points), n_breaks, start_time and end_time of the trajectory.",
            "Trajectories with no matched point get no geometry.",
            "Results: MATCHED_SHARE (share of all points matched), N_BREAKS, N_TRAJECTORIES.",
        ),
    ),
)
