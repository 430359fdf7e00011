"""Mobility embeddings: train the Transformer + BiLSTM model on user-days (or trajectories) and embed sequences for
the embedding explorer."""

from __future__ import annotations

from . import AlgorithmSpec, Param
from . import common as c

#: the engine dataclass the mobility-embedding hyper-parameters are bound to
MOBILITY_PARAMS = "mobility.params:MobilityParams"

USER_FIELD = Param(
    "USER_FIELD",
    "field",
    "User field (user-days; LYMob: uid)",
    "The user of each point, needed to group by user-day (uid in a LYMob import); without it every trajectory ID is "
    "taken as one user.",
    optional=True,
)
#: the sequence input of both algorithms: points with a time, grouped by user-day or trajectory
MOBILITY_INPUT = (
    c.INPUT_POINTS.but(
        help="A point layer with a time: a LYMob / YJMob100K import (user field uid), GPS points with a user field, "
        "or any trajectories."
    ),
    c.TRAJ_ID_FIELD.but(help="Groups points into trajectories; needed to group by trajectory."),
    c.TIME_FIELD.but(
        help="The time of each point: a date-time, ISO 8601 text, epoch seconds or milliseconds.", optional=False
    ),
    USER_FIELD,
)


#: an advanced engine hyper-parameter that a preset sets (empty = the preset's value)
_PRESET = dict(advanced=True, engine=MOBILITY_PARAMS, preset=True)

_SIZES = (
    c.EPOCHS.but(help="Passes over the training sequences (early stopping may end sooner).", **_PRESET),
    c.D_MODEL.but(
        label="Transformer width d_model", help="Width of the transformer; a multiple of the heads.", **_PRESET
    ),
    Param(
        "HEADS",
        "int",
        "Attention heads",
        "Heads of the multi-head attention.",
        minimum=1,
        engine_field="n_heads",
        **_PRESET,
    ),
    Param(
        "TRANSFORMER_LAYERS",
        "int",
        "Transformer blocks",
        "Transformer encoder blocks before the BiLSTM.",
        minimum=0,
        **_PRESET,
    ),
    Param(
        "LSTM_HIDDEN",
        "int",
        "BiLSTM hidden size (embedding = 2 x)",
        "Units of each direction of the bidirectional LSTM: the embedding has twice this many values.",
        minimum=1,
        **_PRESET,
    ),
    Param("LSTM_LAYERS", "int", "BiLSTM layers", "Stacked bidirectional LSTM layers.", minimum=1, **_PRESET),
    Param(
        "NOISE",
        "double",
        "Gaussian noise on input coordinates (metres)",
        "Standard deviation of the Gaussian noise added to the input coordinates while training.",
        minimum=0.0,
        advanced=True,
        engine=MOBILITY_PARAMS,
        engine_field="noise_m",
    ),
    Param(
        "MAX_BATCHES",
        "int",
        "Training batches at most (0 = no limit)",
        "Training stops after this many batches over all epochs, keeping the best epoch so far: the fast-CPU preset "
        "stops at 4,000 (about half an hour on 2 CPU cores; a sample of a few thousand sequences never reaches it, "
        "a city's fleet of tens of thousands of user-days would otherwise take hours).",
        minimum=0,
        **_PRESET,
    ),
    Param(
        "PATIENCE",
        "int",
        "Early-stopping patience (epochs)",
        "Training stops after this many epochs without a better validation loss.",
        minimum=1,
        **_PRESET,
    ),
)

MOBILITY_EMBED_TRAIN = AlgorithmSpec(
    id="mobilityembedtrain",
    group="embedding",
    display="Mobility embeddings: train (Transformer + BiLSTM)",
    summary=(
        'Trains the hybrid Transformer + bidirectional-LSTM model of the LYMob-4Cities "Experiment 21" post that '
        "turns each user-day (or trajectory) into a 512-value embedding.",
        "Self-supervised: the model predicts the next location of a sequence from the records before it (the target "
        "is never part of the input), with Gaussian noise on the input coordinates and early stopping on held-out "
        "users.",
    ),
    params=(
        *MOBILITY_INPUT,
        Param(
            "GROUP_BY",
            "enum",
            "Group by",
            "user-day: one sequence per user and local day (needs the user field); trajectory: one sequence per "
            "trajectory (needs the trajectory ID field).",
            options=("user-day", "trajectory"),
            default=0,
        ),
        Param(
            "RESAMPLE_MINUTES",
            "double",
            "Resampling interval (minutes)",
            "Only the first point of each interval is kept; empty: 30 for user-days (LYMob's slots), 1 for "
            "trajectories.",
            minimum=0.0,
            optional=True,
        ),
        Param(
            "TIME_ZONE",
            "double",
            "Time zone, hours from UTC",
            "Sets the local day, the half-hour slot and the day of week; empty: from the data's longitude, or UTC "
            "for a LYMob import.",
            minimum=-12.0,
            maximum=14.0,
            optional=True,
        ),
        c.CELL_SIZE.but(
            label="Location cell size (metres)",
            help="Side of the square cells whose locations the model predicts (500 m, LYMob's cells).",
            default=None,
            minimum=1.0,
            engine=MOBILITY_PARAMS,
        ),
        c.PRESET.but(
            help="fast-CPU: d_model 64, 1 transformer block, 12 epochs; post: d_model 128, 2 blocks, 50 epochs. Both "
            "use a 2-layer BiLSTM of 256 units, i.e. 512-value embeddings; the advanced sizes override the preset.",
            options=("fast-CPU", "post (Experiment 21)"),
        ),
        *_SIZES,
        Param(
            "VALIDATION_USERS",
            "double",
            "Validation users (share held out)",
            "Share of the users held out for early stopping and for the out-of-sample figures of the report.",
            minimum=0.0,
            maximum=0.9,
            engine=MOBILITY_PARAMS,
            engine_field="validation_share",
        ),
        Param(
            "USER_EMBEDDING",
            "bool",
            "User embedding in the prediction head",
            "Adds a learned user vector to the prediction head only (never to the embedding); unseen users get the "
            '"unknown" vector.',
            advanced=True,
            engine=MOBILITY_PARAMS,
            engine_field="use_user_embedding",
        ),
        c.SEED.but(default=None, engine=MOBILITY_PARAMS),
        c.CRS.but(
            label="Metric CRS",
            help="A projected CRS in metres for the locations; empty: the UTM zone of the data.",
            advanced=True,
        ),
        c.MODEL_FILE_OUT.but(
            help="Weights, parameters and the grouping, resampling, time zone and CRS, to apply with 'Mobility "
            "embeddings: embed trajectories'.",
            file_filter="DeepTraj mobility-embedding model (*.mobemb)",
        ),
        c.OUTPUT_REPORT.but(
            help="Loss curves, next-location accuracy@1/@5 of the model on the held-out users next to the "
            "most-frequent-location and first-order Markov baselines, user re-identification across days from the "
            "embeddings and from the baselines' features, and the PCA explained variance after standardisation."
        ),
    ),
    notes=(("Apply the model with 'Mobility embeddings: embed trajectories'.",),),
)

MOBILITY_EMBED = AlgorithmSpec(
    id="mobilityembed",
    group="embedding",
    display="Mobility embeddings: embed trajectories",
    summary=(
        "Embeds user-days (or trajectories) with a model trained by 'Mobility embeddings: train', also for users "
        "the model never saw.",
        "The grouping, resampling, time zone and CRS are the model's.",
    ),
    params=(
        c.MODEL_FILE_IN.but(help="The .mobemb file of 'Mobility embeddings: train'.", file_filter="mobemb"),
        *MOBILITY_INPUT,
        c.EMBEDDING_FORMAT.but(
            help="The embedding as one numeric field per value (e000, e001, ...), as one JSON text field, or not "
            "at all.",
            options=("numeric fields", "one JSON text field", "none (PCA only)"),
        ),
        Param(
            "UMAP",
            "bool",
            "Add a UMAP projection (needs umap-learn)",
            "Adds UMAP_1 and UMAP_2, a UMAP projection of the embeddings (needs the umap-learn package).",
            default=False,
        ),
        c.OUTPUT.but(
            label="Embedded sequences",
            help="One line per sequence (its points in time order) with group_id, user, day, dow (0 = Monday), "
            "n_points, n_records, start and end time, PCA_1, PCA_2 and the embedding.",
            geometry=("line",),
        ),
        c.EMBEDDINGS_FILE.but(help="The embedding matrix as .npy, or as .csv (group_id then the values)."),
    ),
    notes=(
        (
            "PCA_1 and PCA_2 are the PCA of this set of embeddings after standardising every dimension to zero mean "
            "and unit variance.",
            "The explained variance of the components is in the results.",
        ),
        (
            "In QGIS the output opens in the Embedding explorer dock: select a region of the scatter to select the "
            "user-days on the map and see a heatmap of their points.",
        ),
    ),
)

SPECS = (MOBILITY_EMBED_TRAIN, MOBILITY_EMBED)
