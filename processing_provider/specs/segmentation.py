"""Trip segmentation: split vehicles' GPS fixes into trips at gaps, stay points and value changes."""

from __future__ import annotations

from . import AlgorithmSpec, Output, Param
from . import common as c

_ENGINE = "core.segmentation:SplitParams"

SPLIT_TRAJECTORIES = AlgorithmSpec(
    id="splittrajectories",
    group="data",
    display="Split trajectories into trips",
    summary=(
        "Splits the GPS fixes of each vehicle (taxi, bus, person) into trips: where the time between two fixes "
        "exceeds the maximum gap, at stay points (the vehicle stays within the stop radius for at least the "
        "minimum stop duration) and, optionally, where a value such as an occupancy flag changes.",
        "Repeated (vehicle, time) fixes, fixes at (0, 0) and speed outliers are dropped and counted; vehicles with a "
        "single fix and trips that are too short are counted and left out.",
        "Writes the fixes of every trip with its trip_id, one LineStringM per trip and the stops.",
    ),
    params=(
        c.INPUT_POINTS.but(help="A point layer with one feature per GPS fix of many vehicles, in any order."),
        c.TRAJ_ID_FIELD_REQUIRED.but(
            label="Vehicle ID field", help="The vehicle (or person) each fix belongs to; trips never mix vehicles."
        ),
        c.TIME_FIELD.but(
            label="Time field",
            help="The time of each fix: a date-time, ISO 8601 text or epoch seconds/milliseconds; fixes without a "
            "time are dropped and counted.",
            optional=False,
        ),
        Param(
            "VALUE_FIELD",
            "field",
            "Split where this field changes",
            "A trip also ends where the value of this field changes between two fixes of a vehicle, e.g. an "
            "occupancy flag (empty: no value rule).",
            optional=True,
        ),
        Param(
            "MAX_GAP",
            "double",
            "Maximum gap between fixes (seconds)",
            "A longer time without a fix ends the trip (0: never); 1800 s is seven intervals of T-Drive's ~4-minute "
            "sampling and thirty of Cabspotting's 60 s.",
            minimum=0.0,
            engine=_ENGINE,
        ),
        Param(
            "STOP_RADIUS",
            "double",
            "Stop radius (metres)",
            "A stop is a run of fixes staying within this distance of its first fix (about twice the GPS noise of "
            "a city street).",
            minimum=0.001,
            engine=_ENGINE,
        ),
        Param(
            "MIN_STOP_DURATION",
            "double",
            "Minimum stop duration (seconds)",
            "A stay of at least this long is a stop that ends the trip (0: no stops); 300 s is longer than a "
            "traffic light and than one sampling interval of T-Drive.",
            minimum=0.0,
            engine=_ENGINE,
        ),
        Param(
            "MAX_SPEED",
            "double",
            "Maximum speed (km/h)",
            "A fix that could only be reached from the vehicle's other fixes faster than this is a GPS outlier and is "
            "dropped (0: no speed check).",
            minimum=0.0,
            engine=_ENGINE,
        ),
        Param(
            "MIN_TRIP_POINTS",
            "int",
            "Minimum fixes per trip",
            "Trips with fewer fixes are dropped and counted.",
            minimum=2,
            advanced=True,
            engine=_ENGINE,
        ),
        Param(
            "MIN_TRIP_DURATION",
            "double",
            "Minimum trip duration (seconds)",
            "Shorter trips are dropped and counted.",
            minimum=0.0,
            advanced=True,
            engine=_ENGINE,
        ),
        Param(
            "MIN_LENGTH",
            "double",
            "Minimum trip length (metres)",
            "Trips shorter along their fixes are dropped and counted.",
            minimum=0.0,
            advanced=True,
            engine=_ENGINE,
        ),
        c.OUTPUT.but(
            label="Trip points",
            help="The fixes of the kept trips in time order: trip_id, vehicle_id, time, the value field and src_fid "
            "(the input feature id).",
        ),
        c.OUTPUT_LINES.but(
            help="One LineStringM per trip (M = epoch seconds): trip_id, vehicle_id, n_points, start_time, end_time, "
            "duration_s, length_m.",
        ),
        Param(
            "OUTPUT_STOPS",
            "sink",
            "Stops",
            "One point per stop at the centroid of its fixes: stop_id, vehicle_id, start_time, end_time, duration_s, "
            "n_points.",
            optional=True,
        ),
    ),
    outputs=(
        Output("N_INPUT_FIXES", "number", "Fixes read"),
        Output("N_VEHICLES", "number", "Vehicles"),
        Output("N_TRIPS", "number", "Trips written"),
        Output("N_TRIP_FIXES", "number", "Fixes in the trips"),
        Output("N_STOPS", "number", "Stops"),
        Output("N_INVALID", "number", "Fixes dropped without a valid coordinate or time"),
        Output("N_DUPLICATES", "number", "Fixes dropped for a repeated (vehicle, time)"),
        Output("N_ZERO_FIXES", "number", "Fixes dropped at (0, 0)"),
        Output("N_SPEED_OUTLIERS", "number", "Fixes dropped as speed outliers"),
        Output("N_SINGLE_FIX_VEHICLES", "number", "Vehicles with fewer than two usable fixes"),
        Output("N_GAP_SPLITS", "number", "Gaps longer than the maximum gap"),
        Output("N_STOP_SPLITS", "number", "Trips ended by a stop"),
        Output("N_VALUE_SPLITS", "number", "Trips ended by a value change"),
        Output("N_SHORT_TRIPS", "number", "Trips dropped as too short"),
        Output("N_SHORT_TRIP_FIXES", "number", "Fixes of the dropped short trips"),
        Output("N_NULL_GEOMETRIES", "number", "Features skipped with a null or empty geometry"),
        Output("N_SKIPPED_NULL_IDS", "number", "Fixes skipped without a vehicle id"),
        Output("N_OUTSIDE_CRS_RANGE", "number", "Fixes skipped outside the longitude/latitude range"),
        Output("N_FAR_OUTLIERS", "number", "Fixes skipped far outside the data's bulk (such as 0, 0)"),
    ),
    notes=(
        (
            "Order of the rules: fixes are sorted by vehicle and time; repeated times (the first fix is kept), "
            "(0, 0) fixes of longitude/latitude layers and speed outliers are dropped; then stays, gaps and value "
            "changes cut the rest into trips.",
            "Speed outliers: the fixes of a vehicle between gaps are cut into chains wherever a step is faster "
            "than the maximum speed; the longest chain is trusted, and walking away from it a fix is dropped when "
            "it is farther from the last kept fix than the maximum speed allows, so a jump to a wrong place and "
            "back drops only the wrong fix.",
            "Stops follow the stay-point rule of Li et al. (2008): from the first fix of a stay, the following "
            "fixes within the stop radius, lasting at least the minimum stop duration; the trip before ends at the "
            "stop's arrival fix and the next starts at its departure fix, the fixes in between are the stop's.",
            "Trip ids are <vehicle>_<k> (k = 1, 2, ... in time order), stop ids <vehicle>_s<k>.",
            "Distances are great-circle metres for longitude/latitude layers and plain metres for projected ones "
            "(a CRS in other units is taken to longitude/latitude for the measures).",
        ),
        (
            "Size: about 0.13 KB of memory per fix; the full T-Drive week (16.65 million fixes of 10,327 taxis) took "
            "about 2 minutes and 2.2 GB from a GeoPackage to GeoPackage outputs (the splitting itself about 35-60 s).",
            "Write large outputs to a GeoPackage, which is written in bulk; a temporary layer is written feature by "
            "feature, much slower.",
        ),
    ),
)

SPECS = (SPLIT_TRAJECTORIES,)
