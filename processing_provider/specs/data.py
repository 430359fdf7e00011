"""Data: import trajectory files and simulate a labelled synthetic sample."""

from __future__ import annotations

from . import AlgorithmSpec, Output, Param
from . import common as c

# ---------------------------------------------------------------------------------------------- import
_COUNTS = (
    Output("N_POINTS", "number", "Points imported"),
    Output("N_TRAJECTORIES", "number", "Trajectories (distinct ids)"),
    Output("N_ROWS", "number", "Data rows read"),
    Output("N_SKIPPED_NULL_COORDINATES", "number", "Rows skipped without numeric coordinates"),
    Output("N_SKIPPED_NULL_IDS", "number", "Rows skipped without trajectory id"),
    Output("N_NULL_TIMES", "number", "Points with an unreadable (empty) time"),
    Output("N_SKIPPED_EMPTY_POLYLINES", "number", "Porto trips skipped with an empty POLYLINE"),
    Output("N_SKIPPED_MASKED", "number", "LYMob records skipped as masked (x or y = 999)"),
    Output("N_FILES", "number", "Files read"),
    Output("N_UNSORTED_TRAJECTORIES", "number", "Trajectories whose time goes back in file order"),
    Output("N_LINES", "number", "Trajectory lines written"),
    Output("N_DUPLICATE_TIMES", "number", "Points dropped from the lines for a repeated time"),
    Output("N_SKIPPED_SHORT_TRAJECTORIES", "number", "Trajectories without a line (fewer than 2 points)"),
)

IMPORT_TRAJECTORIES = AlgorithmSpec(
    id="importtrajectories",
    group="data",
    display="Import trajectory file (CSV, Porto, GeoLife, LYMob)",
    summary=(
        "Imports a trajectory file as a point layer (one feature per GPS fix, in file order) and, optionally, one "
        "LineStringM per trajectory.",
        "The file is read in chunks, so files with millions of points import with little memory; progress follows "
        "the position in the file and Cancel stops between chunks (output files this run created are then "
        "removed).",
    ),
    params=(
        Param(
            "FILE",
            "file",
            "Trajectory file (or GeoLife folder / .plt file)",
            "The CSV (.csv, or compressed .csv.gz / .csv.xz), or for GeoLife a folder or any .plt file inside the "
            "tree.",
            # "(*)" keeps folders (GeoLife) acceptable: QGIS 3.22 checks the filter
            file_filter="Trajectory files (*.csv *.gz *.xz *.txt *.tsv *.plt);;All files (*)",
        ),
        Param(
            "FORMAT",
            "enum",
            "Format",
            "The layout of the file (see the formats below).",
            options=(
                "Generic points CSV (.csv, .csv.gz, .csv.xz)",
                "Porto taxi CSV (ECML/PKDD 2015)",
                "GeoLife .plt folder tree",
                "LYMob-4Cities / YJMob100K grid CSV",
            ),
            default=0,
        ),
        Param(
            "X_FIELD",
            "string",
            "X / longitude field (generic)",
            "Empty: the first of lon, longitude, lng, long, x, easting (case-insensitive).",
            default="",
            optional=True,
        ),
        Param(
            "Y_FIELD",
            "string",
            "Y / latitude field (generic)",
            "Empty: the first of lat, latitude, y, northing (case-insensitive).",
            default="",
            optional=True,
        ),
        Param(
            "ID_FIELD",
            "string",
            "Trajectory ID field(s), comma-separated (generic)",
            "Several comma-separated columns (e.g. user_id,traj_id) are joined with '_' into one id; empty: the "
            "first of traj_id, trajectory_id, track_id, trip_id, tid, vehicle_id, taxi_id, mmsi, user_id, uid, id "
            "(none found: the whole file is one trajectory).",
            default="",
            optional=True,
        ),
        c.TIME_FIELD.but(
            kind="string",
            label="Time field (generic)",
            help="ISO 8601 / date-time text (UTC when no zone is given) or epoch seconds/milliseconds; empty: the "
            "first of time, timestamp, datetime, date_time, t_utc, t_unix, when, t (none: no time).",
            default="",
        ),
        Param(
            "DELIMITER",
            "string",
            "Delimiter (generic)",
            "The column separator of the generic CSV; \\t or tab for tab-separated.",
            default=",",
            optional=True,
        ),
        c.CRS.but(
            label="CRS of the coordinates (generic) or of the grid (LYMob)",
            default="EPSG:4326",
            help="The CRS of the generic CSV coordinates, or for LYMob the projected (metric) CRS of the grid; "
            "ignored by Porto and GeoLife (WGS 84).",
        ),
        Param(
            "ORIGIN_X",
            "double",
            "Grid origin X, lower-left corner (LYMob)",
            "X of the lower-left corner of the grid in CRS units.",
            default=0.0,
        ),
        Param(
            "ORIGIN_Y",
            "double",
            "Grid origin Y, lower-left corner (LYMob)",
            "Y of the lower-left corner of the grid in CRS units.",
            default=0.0,
        ),
        c.CELL_SIZE.but(
            label="Cell size in CRS units (LYMob)",
            help="Side of a grid cell (500, the dataset's 500 m cells).",
            default=500.0,
            minimum=1e-9,
        ),
        Param(
            "START_DATE",
            "datetime",
            "Start date, day d = 0 (LYMob, UTC)",
            "The date of day d = 0 (the dataset hides the real dates).",
            default="2024-01-01T00:00:00Z",
        ),
        c.OUTPUT.but(
            label="Points",
            help="traj_id, time (date-time, UTC) and the kept columns (a column named traj_id, time or fid is "
            "renamed src_NAME), in file order.",
        ),
        c.OUTPUT_LINES.but(
            help="One LineStringM per trajectory with M = epoch seconds (plain LineString without time) and "
            "traj_id, n_points, start_time, end_time.",
            create_by_default=False,
        ),
    ),
    outputs=_COUNTS,
    notes=(
        (
            "Generic points CSV: one row per point; uses the X, Y, ID and time fields, the delimiter and the CRS; "
            "every column except X and Y is kept.",
            "Rows without numeric coordinates are skipped and counted.",
            "Ids are read as text (leading zeros kept); rows without id are skipped and counted.",
            "Unreadable times are left empty and counted.",
        ),
        (
            "Porto taxi CSV (ECML/PKDD 2015: TRIP_ID, CALL_TYPE, ORIGIN_CALL, ORIGIN_STAND, TAXI_ID, TIMESTAMP, "
            "DAY_TYPE, MISSING_DATA, POLYLINE): one trajectory per TRIP_ID, point k of POLYLINE [[lon,lat],...] at "
            "TIMESTAMP + 15 s × k (column seq = k); trips with an empty POLYLINE are skipped and counted; the other "
            "columns are kept; always WGS 84.",
            "An optional TIME_OFFSETS column (a JSON list of seconds since TIMESTAMP per fix, as long as POLYLINE; "
            "the layout of the Cabspotting trip files) gives the time of each fix instead of the 15 s steps; a list "
            "of another length stops the import naming the row and TRIP_ID.",
        ),
        (
            "GeoLife .plt folder tree (GeoLife 1.3: Data/USER/Trajectory/*.plt, 6 header lines then lat,lon,0,"
            "altitude in feet,days,date,time): the Data folder, a user folder or any .plt inside (a .plt file "
            "stands for the whole tree); trajectory id = USER_FILENAME; columns user_id, lat, lon, alt_ft; always "
            "WGS 84.",
            "The flattened geolife_points.csv.gz is a generic CSV (ID field user_id,traj_id, time field t_utc).",
        ),
        (
            "LYMob-4Cities / YJMob100K (uid,d,t,x,y: 1-based cells of a 200×200 grid of 500 m, t = 30-minute slot "
            "0..47, d = day index): point at the cell centre ORIGIN + (cell − 0.5) × CELL_SIZE, time = START_DATE "
            "+ d days + 30 min × t; one trajectory per uid; masked records (x or y = 999, no location) are skipped "
            "and counted; columns uid, d, t, x, y and day (date).",
        ),
        (
            "The trajectory lines apply the cleaning rules: points sorted by time, repeated times and points "
            "without time dropped, trajectories with fewer than 2 points skipped.",
            "Lines keep the points in memory (28 bytes per point, plus sorting arrays: about 0.35 GB for 1.4 "
            "million points); leave them out for huge files.",
            "N_DUPLICATE_TIMES and N_SKIPPED_SHORT_TRAJECTORIES come from the lines only (0 without OUTPUT_LINES).",
        ),
    ),
)

# ---------------------------------------------------------------------------------------------- simulate
SIMULATE_TRAJECTORIES = AlgorithmSpec(
    id="simulatetrajectories",
    group="data",
    display="Simulate trajectories (synthetic sample)",
    summary=(
        "Makes a synthetic, fully labelled trajectory data set: vehicles drive shortest paths between "
        "origin-destination (OD) pairs on a synthetic street grid or on a road line layer, sampled like GPS with "
        "noise.",
        "Every OD pair is one cluster (od_id) with a small origin area and a small destination area well apart from "
        "the other pairs' areas; trips of a pair start and end at nearby junctions and follow mostly the same "
        "corridor (a small random perturbation of the edge costs per trip gives some route variety, distinct "
        "corridors get a route_id).",
        "Optionally some trips make a detour through a junction 300-800 m (and at most 40% of the trip length) off "
        "their normal route; the points of the detour have is_anomaly = 1 and anomaly_type = 'detour'.",
        "The same seed always gives the same data.",
        "Use it to try the clustering and anomaly algorithms, whose ground truth it provides.",
    ),
    params=(
        c.ROAD_NETWORK.but(
            label="Road network (lines; empty = synthetic street grid)",
            help="Roads to drive on, two-way; lines connect where they share a vertex (end point or interior "
            "vertex), and only the largest connected part is used (default: a synthetic street grid).",
        ),
        Param(
            "N_OD_PAIRS",
            "int",
            "Number of origin-destination pairs (clusters)",
            "The network must have room for that many well separated origin and destination areas (radius 300 m, "
            "smaller when the extent is small or many pairs must fit; areas at least three radii apart).",
            default=6,
            minimum=1,
        ),
        Param(
            "N_TRAJECTORIES",
            "int",
            "Number of trajectories",
            "Trips, spread evenly over the OD pairs.",
            default=300,
            minimum=1,
        ),
        c.SAMPLING_INTERVAL.but(
            label="Sampling interval (seconds)",
            help="Time between two points of a trip.",
            minimum=1.0,
            advanced=False,
        ),
        Param(
            "SPEED",
            "double",
            "Mean speed (m/s)",
            "Mean driving speed; each trip drives at a constant speed drawn within ± the speed variation of it.",
            default=10.0,
            minimum=0.1,
        ),
        Param(
            "SPEED_VARIATION",
            "double",
            "Speed variation between trips (share, +/-)",
            "0.2 = trip speeds within ± 20% of the mean speed.",
            default=0.2,
            minimum=0.0,
            maximum=0.9,
            advanced=True,
        ),
        Param(
            "GPS_NOISE",
            "double",
            "GPS noise (standard deviation, metres)",
            "Standard deviation of the Gaussian noise added to each coordinate.",
            default=5.0,
            minimum=0.0,
        ),
        c.START_TIME.but(
            help="Vehicles start their first trip within the time window after it and make about four trips one after "
            "the other.",
            default="2024-01-01T08:00:00Z",
        ),
        Param(
            "TIME_WINDOW",
            "double",
            "Time window for the first trips (hours)",
            "Vehicles start their first trip within this many hours after the start time.",
            default=12.0,
            minimum=0.0,
            advanced=True,
        ),
        c.EXTENT.but(
            label="Extent (default: 6 km box around Porto, or the road layer)",
            help="The area of the synthetic grid (default a 6 km × 6 km box around Porto centre, -8.61 / 41.15), or "
            "a clip box for the road layer (default: its whole extent).",
        ),
        c.CRS.but(
            label="Output CRS",
            default="EPSG:4326",
            help="The CRS of the outputs; the simulation itself runs in metres in the UTM zone of the area.",
        ),
        Param(
            "GRID_SPACING",
            "double",
            "Synthetic grid street spacing (metres)",
            "Street spacing of the synthetic grid (every fifth street is a faster arterial, a few streets are "
            "missing, a few cells have a diagonal).",
            default=200.0,
            minimum=10.0,
        ),
        Param(
            "DETOUR_RATE",
            "double",
            "Share of trajectories with a detour (0-1)",
            "Share of the trips with an injected detour (0 = none).",
            default=0.0,
            minimum=0.0,
            maximum=1.0,
        ),
        c.SEED.but(default=42),
        Param(
            "OD_LAYOUT",
            "enum",
            "Layout of the origin-destination pairs",
            "Separated gives every pair its own part of the network (origin and destination on either side of a "
            "pair centre; clusters are apart in space, as centre-based ground truth such as E2DTC's expects); "
            "Cross-town pairs far apart areas, so long trips of different pairs cross and share main roads.",
            options=(
                "Separated: each pair in its own part of the network",
                "Cross-town: long trips whose routes cross",
            ),
            default=0,
            advanced=True,
        ),
        c.OUTPUT.but(
            label="Simulated trajectory points",
            help="traj_id, time, od_id (cluster), route_id (corridor variant within the pair), vehicle_id, speed "
            "(m/s), is_anomaly (0/1), anomaly_type ('' or 'detour').",
        ),
        c.OUTPUT_LINES.but(
            label="Simulated trajectory lines",
            help="LineStringM with epoch seconds as M: traj_id, od_id, route_id, vehicle_id, n_points, has_detour, "
            "start and end time, length_m, speed.",
        ),
        Param(
            "OUTPUT_ROADS",
            "sink",
            "Road network used",
            "The road lines used (road_id, kind, length_m).",
            geometry=("line",),
            optional=True,
            create_by_default=False,
        ),
    ),
    outputs=(
        Output("N_TRAJECTORIES", "number", "Number of trajectories"),
        Output("N_POINTS", "number", "Number of points"),
        Output("N_DETOURS", "number", "Number of trajectories with a detour"),
    ),
)

SPECS = (IMPORT_TRAJECTORIES, SIMULATE_TRAJECTORIES)
