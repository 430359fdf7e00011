"""Parameters shared by several algorithms, declared once (adapt one with ``.but(...)``).

Every parameter name used by more than one family is declared here, with a generic label and help; each family
module adapts it (its own label, help, default, bounds, engine binding) with :meth:`Param.but`, so that a name has
one declaration and the family modules never import each other."""

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

# ---------------------------------------------------------------------------------------------- places and times
EXTENT = Param("EXTENT", "extent", "Extent", "The area the algorithm covers.", optional=True)
START_TIME = Param("START_TIME", "datetime", "Start time", "The date and time the data start at.")
CRS = Param("CRS", "crs", "CRS", "The coordinate reference system of the coordinates.", optional=True)
ROAD_NETWORK = Param(
    "ROAD_NETWORK",
    "source",
    "Road network (lines)",
    "A line layer of roads.",
    geometry=("line",),
    optional=True,
)

# ---------------------------------------------------------------------------------------------- OD pairs, anomalies
OD_FIELD = Param(
    "OD_FIELD",
    "field",
    "OD field",
    "The field holding the origin-destination (OD) pair of each trajectory.",
)
MIN_TRIPS = Param(
    "MIN_TRIPS",
    "int",
    "Minimum trips per OD pair",
    "OD pairs with fewer trajectories are left out.",
    default=20,
    minimum=1,
)
K_HOP = Param(
    "K_HOP",
    "int",
    "k-hop",
    "The largest number of H3 steps between consecutive cells of a generated detour.",
    minimum=1,
)
FREQ_THRESHOLD = Param(
    "FREQ_THRESHOLD",
    "double",
    "Frequent-cell threshold (visits per trajectory)",
    "A cell is frequent for an OD when its visits per trajectory of the OD exceed it.",
    minimum=0.0001,
    advanced=True,
)

# ---------------------------------------------------------------------------------------------- methods
#: an enum needs options to be declared: every algorithm gives its own methods
METHOD = Param("METHOD", "enum", "Method", "The method that computes the result.", options=("default",), default=0)

# ---------------------------------------------------------------------------------------------- network training
PRETRAIN_EPOCHS = Param(
    "PRETRAIN_EPOCHS", "int", "Pre-training epochs", "Epochs of pre-training.", minimum=0, advanced=True
)
EPOCHS = Param("EPOCHS", "int", "Epochs", "Passes over the training data.", minimum=0, advanced=True)
BATCH_SIZE = Param("BATCH_SIZE", "int", "Batch size", "Training examples per batch.", minimum=1, advanced=True)
LEARNING_RATE = Param(
    "LEARNING_RATE", "double", "Learning rate", "The step size of the optimiser.", minimum=0.0, advanced=True
)
GAMMA = Param(
    "GAMMA", "double", "γ", "The method's γ coefficient (a loss weight or a discount).", minimum=0.0, advanced=True
)
LAYERS = Param("LAYERS", "int", "Layers", "Number of stacked network layers.", minimum=1, advanced=True)
GAT_LAYERS = Param(
    "GAT_LAYERS", "int", "Graph attention layers", "Stacked graph attention layers.", minimum=0, advanced=True
)
D_MODEL = Param("D_MODEL", "int", "Model width d_model", "The width of the transformer.", minimum=2, advanced=True)

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

# ---------------------------------------------------------------------------------------------- outputs
#: the layer an algorithm writes (each algorithm says what it holds)
OUTPUT = Param("OUTPUT", "sink", "Output layer", "The layer the algorithm writes.")
#: one line per trajectory, optional
OUTPUT_LINES = Param(
    "OUTPUT_LINES",
    "sink",
    "Trajectory lines",
    "One line per trajectory.",
    geometry=("line",),
    optional=True,
)

# ---------------------------------------------------------------------------------------------- embeddings
EMBEDDING_FORMAT = Param(
    "EMBEDDING_FORMAT",
    "enum",
    "Embedding format",
    "How the embedding is stored in the output layer.",
    options=("numeric fields", "one JSON text field"),
    default=0,
)
EMBEDDINGS_FILE = Param(
    "EMBEDDINGS_FILE",
    "file_out",
    "Embeddings file (.npy or .csv)",
    "The embedding matrix as .npy or .csv.",
    file_filter="NumPy array (*.npy);;CSV (*.csv)",
    optional=True,
    create_by_default=False,
)
