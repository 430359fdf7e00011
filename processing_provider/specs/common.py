"""Parameters shared by several algorithms, declared once (adapt one with ``.but(...)``)."""

from __future__ import annotations

from . import Param

# ---------------------------------------------------------------------------------------------- trajectory input
INPUT = Param(
    "INPUT",
    "source",
    "Input trajectories (points, or lines)",
    "A point layer with one feature per GPS fix, or a line layer with one trajectory per feature.",
    geometry=("point", "line"),
)
INPUT_POINTS = INPUT.but(
    label="Input trajectory points", help="A point layer with one feature per GPS fix.", geometry=("point",)
)
TRAJ_ID_FIELD = Param(
    "TRAJ_ID_FIELD",
    "field",
    "Trajectory ID field",
    "Groups points into trajectories (required for points; lines default to one trajectory per feature).",
    optional=True,
)
TRAJ_ID_FIELD_REQUIRED = TRAJ_ID_FIELD.but(help="Groups points into trajectories.", optional=False)
TIME_FIELD = Param(
    "TIME_FIELD",
    "field",
    "Time field (points: timestamp; lines: start time)",
    "Orders the points: a date-time, ISO 8601 text, epoch seconds or milliseconds, or any numeric order; "
    "without it the feature order (or the M value) is the order.",
    optional=True,
)
SAMPLING_INTERVAL = Param(
    "SAMPLING_INTERVAL",
    "double",
    "Sampling interval of line vertices without M (seconds)",
    "Line vertices without M values follow the start time every this many seconds (15 s in the Porto data).",
    default=15.0,
    minimum=0.001,
    advanced=True,
)
#: the trajectory input of algorithms reading points or lines
TRAJECTORIES = (INPUT, TRAJ_ID_FIELD, TIME_FIELD, SAMPLING_INTERVAL)
#: the trajectory input of algorithms reading points only
TRAJECTORY_POINTS = (INPUT_POINTS, TRAJ_ID_FIELD, TIME_FIELD)

# ---------------------------------------------------------------------------------------------- discretization
RESOLUTION = Param(
    "RESOLUTION",
    "int",
    "H3 resolution (0-15)",
    "Size of the H3 cells: 0 is the coarsest (about 1,100 km across), 15 the finest (about 1 m).",
    default=8,
    minimum=0,
    maximum=15,
)
CELL_SIZE = Param(
    "CELL_SIZE",
    "double",
    "Cell size (metres)",
    "Side of a square grid cell in the grid CRS's units (300 m in E2DTC).",
    default=300.0,
    minimum=0.001,
)
GRID_CRS = Param(
    "GRID_CRS",
    "crs",
    "Grid CRS",
    "A projected CRS in metres for the square grid (EPSG:3857 as in E2DTC and t2vec).",
    default="EPSG:3857",
    optional=True,
)
MIN_FREQ = Param(
    "MIN_FREQ",
    "int",
    "Minimum visits of a hot cell",
    "Cells visited fewer times are mapped to the nearest hot cell (t2vec used 50 on millions of points).",
    default=1,
    minimum=1,
)
COLLAPSE_REPEATS = Param(
    "COLLAPSE_REPEATS",
    "bool",
    "Collapse consecutive repeated cells",
    "Consecutive points in one cell give one token.",
    default=True,
)

# ---------------------------------------------------------------------------------------------- models and runs
PRESET = Param(
    "PRESET",
    "enum",
    "Preset",
    "fast-CPU trains small networks for few epochs (minutes on a laptop); paper uses the authors' sizes and epochs. "
    "The advanced parameters left empty take the preset's value.",
    options=("fast-CPU", "paper"),
    default=0,
)
SEED = Param("SEED", "int", "Random seed", "The same seed and input give the same result.", default=0, minimum=0)
MODEL_FILE_OUT = Param(
    "MODEL_FILE",
    "file_out",
    "Model file",
    "Weights, parameters and the discretization needed to apply the model, written atomically.",
)
MODEL_FILE_IN = MODEL_FILE_OUT.but(kind="file", help="A model file written by the matching training algorithm.")
OUTPUT_REPORT = Param(
    "OUTPUT_REPORT",
    "file_out",
    "Report",
    "An HTML report with the run's figures and charts.",
    file_filter="HTML files (*.html)",
    optional=True,
)
