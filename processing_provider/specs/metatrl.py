"""Cross-city trajectory representation learning with MetaTRL (train, embed, downstream task) and, from
:mod:`.roads`, the map matching onto road-segment units."""

from __future__ import annotations

from dataclasses import replace

from . import AlgorithmSpec, Output, Param
from . import common as c
from .roads import MAP_MATCH, MATCHED_SHARE, MATCHER, OPTIONAL_ROADS

#: the engine dataclass MetaTRL's hyper-parameters are bound to
METATRL_PARAMS = "metatrl.params:MetaTRLParams"

# ---------------------------------------------------------------------------------------------- MetaTRL
UNITS = (
    Param(
        "UNIT",
        "enum",
        "Spatial units",
        "Road segments of the road network (the trajectories are map-matched), or H3 or square grid cells.",
        options=("road segments (needs a road network)", "H3 cells", "square grid cells"),
        default=0,
    ),
    *OPTIONAL_ROADS,
    *(p.but(advanced=True) for p in MATCHER),
    c.RESOLUTION.but(
        label="H3 resolution (H3 cells)",
        help="Size of the H3 cells of H3-cell units, and of the units of source cities without a road layer.",
        default=9,
    ),
    c.CELL_SIZE.but(
        label="Grid cell size in metres (grid cells)",
        help="Side of a square grid cell of grid-cell units.",
        minimum=1.0,
    ),
)


_HYPER = (
    c.D_MODEL.but(
        help="The width of the unit embeddings and of the transformer.",
        minimum=4,
        engine=METATRL_PARAMS,
        preset=True,
    ),
    Param(
        "N_HEADS",
        "int",
        "Attention heads",
        "Attention heads of the transformer; d_model must be a multiple of it.",
        minimum=1,
        advanced=True,
        engine=METATRL_PARAMS,
        preset=True,
    ),
    c.LAYERS.but(
        label="Transformer layers",
        help="Number of stacked transformer layers.",
        engine=METATRL_PARAMS,
        preset=True,
    ),
    c.GAT_LAYERS.but(
        label="GAT layers of the road encoder",
        help="Graph attention layers of the unit encoder over the unit network.",
        engine=METATRL_PARAMS,
        preset=True,
    ),
    Param(
        "POSITION_OCTAVES",
        "int",
        "Position features of the units (octaves; 0 = none)",
        "Sine and cosine features of the unit positions at this many scales (at most 16).",
        minimum=0,
        advanced=True,
        engine=METATRL_PARAMS,
    ),
    Param(
        "N_BUCKETS",
        "int",
        "Time-interval buckets N_B",
        "The time intervals between units are embedded in this many buckets.",
        minimum=1,
        advanced=True,
        engine=METATRL_PARAMS,
    ),
    Param(
        "DROPOUT",
        "double",
        "Dropout",
        "The dropout rate of the transformer (below 1).",
        minimum=0.0,
        advanced=True,
        engine=METATRL_PARAMS,
    ),
    Param(
        "MAX_LEN",
        "int",
        "Maximum units per trajectory",
        "Longer trajectories: a random window in training, the last units otherwise.",
        minimum=4,
        advanced=True,
        engine=METATRL_PARAMS,
        preset=True,
    ),
    c.BATCH_SIZE.but(help="Trajectories per training batch.", engine=METATRL_PARAMS, preset=True),
    c.LEARNING_RATE.but(help="The learning rate of pre-training.", engine=METATRL_PARAMS, preset=True),
    Param(
        "META_LR",
        "double",
        "Meta learning rate",
        "The learning rate of the meta update of the shared parameters.",
        minimum=0.0,
        advanced=True,
        engine=METATRL_PARAMS,
        preset=True,
    ),
    Param(
        "META_EPOCHS",
        "int",
        "Meta epochs",
        "Passes over the source cities (0: no meta-training).",
        minimum=0,
        advanced=True,
        engine=METATRL_PARAMS,
        preset=True,
    ),
    Param(
        "SOURCE_EPOCHS",
        "int",
        "Epochs per source city and meta epoch",
        "Epochs of training on each source city's training split before its meta step.",
        minimum=1,
        advanced=True,
        engine=METATRL_PARAMS,
        preset=True,
    ),
    Param(
        "TARGET_EPOCHS",
        "int",
        "Target pre-training epochs",
        "Epochs of pre-training on the target city (0: none).",
        minimum=0,
        advanced=True,
        engine=METATRL_PARAMS,
        preset=True,
    ),
    Param(
        "MIN_TARGET_STEPS",
        "int",
        "Target pre-training: at least this many batches",
        "More epochs for a small target so that it gets at least this many batches; 0 when the target epochs are set.",
        minimum=0,
        advanced=True,
        engine=METATRL_PARAMS,
        preset=True,
    ),
    Param(
        "MASK_RATIO",
        "double",
        "Share of units masked in spans",
        "The share of the units of a trajectory masked, in spans, and recovered in pre-training.",
        minimum=0.0,
        advanced=True,
        engine=METATRL_PARAMS,
    ),
    Param(
        "SPAN_MEAN",
        "double",
        "Mean masked span length (units)",
        "The mean length of a masked span.",
        minimum=1.0,
        advanced=True,
        engine=METATRL_PARAMS,
    ),
    Param(
        "TIME_MASK_RATIO",
        "double",
        "Share of other units whose time is masked",
        "The share of the units not masked whose visit time is masked and recovered.",
        minimum=0.0,
        advanced=True,
        engine=METATRL_PARAMS,
    ),
    c.GAMMA.but(
        label="Loss weight gamma of unit recovery (1 - gamma: time)",
        help="The pre-training loss is gamma × unit recovery + (1 − gamma) × time recovery.",
        engine=METATRL_PARAMS,
    ),
    Param(
        "TEST_SHARE",
        "double",
        "Test split of each source city (meta step)",
        "The share of each source city's trajectories the meta step is computed on.",
        minimum=0.0,
        advanced=True,
        engine=METATRL_PARAMS,
    ),
    Param(
        "MAX_TARGET_TRAJECTORIES",
        "int",
        "Target trajectories used at most",
        "A random sample of this many target trajectories is used when there are more.",
        minimum=2,
        advanced=True,
        engine=METATRL_PARAMS,
    ),
    Param(
        "MAX_SOURCE_TRAJECTORIES",
        "int",
        "Trajectories per source city at most",
        "A random sample of this many trajectories of each source city is used when there are more.",
        minimum=2,
        advanced=True,
        engine=METATRL_PARAMS,
    ),
    Param(
        "MIN_UNITS",
        "int",
        "Minimum units per trajectory",
        "Trajectories on fewer units are left out.",
        minimum=2,
        advanced=True,
        engine=METATRL_PARAMS,
    ),
)
TARGET = c.INPUT.but(
    name="TARGET",
    help="The target city's trajectories: a point layer with one feature per GPS fix, or a line layer with one "
    "trajectory per feature.",
)

METATRL_TRAIN = AlgorithmSpec(
    id="metatrltrain",
    group="embedding",
    display="MetaTRL: train cross-city trajectory embeddings",
    summary=(
        "Learns trajectory embeddings for a target city with MetaTRL (Yu et al., AAAI 2026): a road (or cell) "
        "encoder with meta-knowledge of the road structure, a transferable temporal encoder and a transformer that "
        "takes its queries and keys from parameters shared between cities and its values from the city's private "
        "parameters.",
        "Pre-training is self-supervised: whole sub-trajectories are masked and recovered (units and visit times).",
    ),
    params=(
        TARGET,
        c.TRAJ_ID_FIELD.but(parent="TARGET"),
        c.TIME_FIELD.but(parent="TARGET", optional=False),
        c.SAMPLING_INTERVAL,
        Param(
            "SOURCES",
            "layers",
            "Source cities (trajectory layers)",
            "One trajectory layer per city (e.g. a data-rich city): before the target is trained, a meta model "
            "learns the shared parameters from them and the target starts from them; without sources it is "
            "single-city pre-training.",
            geometry=("any",),
            optional=True,
        ),
        Param(
            "SOURCE_TRAJ_ID_FIELD",
            "string",
            "Sources: trajectory ID field",
            "The trajectory ID field of the source layers (empty = the target's field name).",
            optional=True,
        ),
        Param(
            "SOURCE_TIME_FIELD",
            "string",
            "Sources: time field",
            "The time field of the source layers (empty = the target's field name).",
            optional=True,
        ),
        *UNITS,
        Param(
            "SOURCE_ROAD_NETWORKS",
            "layers",
            "Source road networks (lines, in the order of the sources)",
            "Source cities use their own road layer from this list (same order as the sources) or, without one, H3 "
            "cells at the H3 resolution.",
            geometry=("line",),
            optional=True,
        ),
        c.PRESET.but(
            help="fast-CPU: 2 layers of width 64 (minutes on a laptop); paper: 6 layers, d_model 128, 8 heads, batch "
            "64, learning rate 2e-4, meta learning rate 5e-4, 5 meta epochs."
        ),
        Param(
            "UNIT_IDS",
            "bool",
            "Learned embedding of every unit (private)",
            "Each unit also gets a learned embedding of its own, a private parameter of the city.",
            advanced=True,
            engine=METATRL_PARAMS,
        ),
        Param(
            "META_UPDATE",
            "enum",
            "Meta update",
            "How the meta model learns from a source city after training on its training split.",
            options=(
                "continue from the source's shared parameters, then the test-gradient step",
                "test-gradient step only (Eq. 2 literally)",
            ),
            default=0,
            advanced=True,
        ),
        *_HYPER,
        c.SEED.but(engine=METATRL_PARAMS),
        c.MODEL_FILE_OUT.but(
            help="The target's model, its units and the settings, to apply with 'MetaTRL: embed trajectories' or "
            "'MetaTRL: downstream task'.",
            file_filter="DeepTraj MetaTRL model (*.metatrl)",
        ),
        c.OUTPUT_REPORT.but(help="An HTML report with the loss curves per city and phase."),
    ),
    outputs=(
        Output("N_TARGET_TRAJECTORIES", "number", "Target trajectories used"),
        Output("N_UNITS", "number", "Units of the target"),
        replace(MATCHED_SHARE, label="Share of target points matched to roads"),
    ),
    notes=(
        (
            "Meta-training: for each source city the meta model is cloned, trained on the city's training split and "
            "updated from its test split.",
            "Road-segment units use a hidden-Markov matcher (its search radius and GPS noise are advanced settings); "
            "the road class, lanes and maximum speed fields become attributes of the units.",
        ),
        (
            "Every engine setting is an advanced parameter; those left empty take the preset's value.",
            "Target pre-training epochs given without a minimum number of batches are taken as they are.",
        ),
    ),
)

# ---------------------------------------------------------------------------------------------- applying a model
MODEL_FILE_IN = c.MODEL_FILE_IN.but(
    help="A .metatrl file written by 'MetaTRL: train cross-city trajectory embeddings'.", file_filter="metatrl"
)
#: the model and the trajectories to put on its units (road-unit models need their road layer)
MODEL_INPUT = (
    MODEL_FILE_IN,
    *c.TRAJECTORIES[:2],
    c.TIME_FIELD.but(optional=False),
    c.SAMPLING_INTERVAL,
    OPTIONAL_ROADS[0].but(
        help="Road-segment models need the road layer they were trained on (a different network is refused); "
        "the points are map-matched again."
    ),
    *OPTIONAL_ROADS[1:],
)

METATRL_EMBED = AlgorithmSpec(
    id="metatrlembed",
    group="embedding",
    display="MetaTRL: embed trajectories",
    summary=(
        "Embeds trajectories with a model trained by 'MetaTRL: train cross-city trajectory embeddings'.",
        "The trajectories are put on the model's units: cells are looked up in the model's cell set (cells the "
        "model never saw are skipped); road-segment models need the road network they were trained on (a "
        "different network is refused) and map-match the points again.",
    ),
    params=(
        *MODEL_INPUT,
        c.EMBEDDING_FORMAT.but(
            help="The embedding as one numeric field per value (e000, e001, ...) or as one JSON text field."
        ),
        Param(
            "GEOMETRY",
            "enum",
            "Geometry",
            "The trajectory as a line, or none (a table).",
            options=("trajectory lines", "none (table)"),
            default=0,
        ),
        c.OUTPUT.but(
            label="Embedded trajectories",
            help="One feature per trajectory with traj_id, n_points, n_units, start and end time, PCA_1 and PCA_2 "
            "(PCA after standardising every dimension) and the embedding.",
            geometry=("any",),
        ),
        c.EMBEDDINGS_FILE.but(help="The embedding matrix as .npy, or as .csv with the trajectory ID first."),
    ),
    notes=(
        (
            "A trajectory that crosses none of the units gets empty values.",
            "The output opens in the Embedding explorer dock.",
        ),
    ),
)

METATRL_TASK = AlgorithmSpec(
    id="metatrltask",
    group="embedding",
    display="MetaTRL: downstream task (destination, travel time, classification)",
    summary=(
        "Uses a MetaTRL encoder (from 'MetaTRL: train cross-city trajectory embeddings') for a task: a linear head "
        "is trained on the training share of the input trajectories (10% of it held out for early stopping), the "
        "encoder fine-tuned with it (or frozen), and every trajectory is predicted.",
        "The metrics are computed on the other trajectories (the test share).",
    ),
    params=(
        *MODEL_INPUT,
        Param(
            "TASK",
            "enum",
            "Task",
            "Destination prediction, travel-time estimation or trajectory classification (see below).",
            options=("destination prediction", "travel-time estimation", "trajectory classification"),
            default=0,
        ),
        Param(
            "LABEL_FIELD",
            "field",
            "Label field (classification)",
            "The class of each trajectory (e.g. a GeoLife transport mode); with points, the most frequent value of "
            "each trajectory.",
            optional=True,
        ),
        Param(
            "TRAIN_FRACTION",
            "double",
            "Training share of the trajectories",
            "The share of the trajectories the head is trained on; the others are the test share.",
            default=0.8,
            minimum=0.05,
            maximum=0.95,
        ),
        Param(
            "FINE_TUNE",
            "bool",
            "Fine-tune the encoder (otherwise only the head is trained)",
            "The encoder is trained with the head, or kept frozen.",
            default=True,
        ),
        Param(
            "TAIL_SHARE",
            "double",
            "Destination: share of units removed from the end",
            "The destination is predicted from the trajectory with its last tail share of units removed.",
            default=0.2,
            minimum=0.0,
            advanced=True,
        ),
        Param(
            "PREDICT_LENGTH",
            "int",
            "Destination: units to predict (0 = the last unit after removing the tail share; k = each of the last k "
            "units)",
            "With k above 0 each of the last k units is predicted from the trajectory without them (the protocol of "
            "the MetaTRL authors' code, which uses k = 4; the metrics pool the k positions).",
            default=0,
            minimum=0,
            advanced=True,
        ),
        c.EPOCHS.but(
            help="Epochs of training of the head; empty: 20 when fine-tuning, 100 frozen.",
            minimum=1,
            optional=True,
        ),
        c.LEARNING_RATE.but(
            label="Learning rate of the head",
            help="The Adam learning rate of the task head.",
            default=1e-3,
        ),
        Param(
            "ENCODER_LEARNING_RATE",
            "double",
            "Learning rate of the encoder when fine-tuned",
            "The learning rate of the encoder's parameters when it is fine-tuned.",
            default=1e-3,
            minimum=0.0,
            advanced=True,
        ),
        c.SEED,
        c.OUTPUT.but(
            label="Predictions",
            help="One line per trajectory with its split (train / validation / test), the target and the prediction, "
            "styled by correctness or error.",
            geometry=("line",),
        ),
        c.OUTPUT_REPORT.but(help="An HTML report with the metrics and the loss curves of the head."),
    ),
    outputs=(Output("N_TEST", "number", "Test trajectories"),),
    notes=(
        (
            "Destination: the unit of the last point (micro-F1, macro-F1, Recall@5).",
            "Travel time: minutes from the first to the last unit, seeing the units and only the departure time (MAE, "
            "MAPE, RMSE).",
            "Classification: the class in the label field (accuracy, macro-F1, Recall@5 with 5 or more classes, AUC "
            "for two classes).",
        ),
        (
            "Output of destination prediction: the predicted last unit, its centre and the top five, and with k units "
            "to predict how many of them are right; of travel time: the absolute error.",
            "The metrics are in the results and the optional report.",
        ),
    ),
)

SPECS = (MAP_MATCH, METATRL_TRAIN, METATRL_EMBED, METATRL_TASK)
