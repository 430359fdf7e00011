"""Trajectory clustering with E2DTC (train, apply) and the E2DTC paper's classic baselines."""

from __future__ import annotations

from . import AlgorithmSpec, Param
from . import common as c

#: the engine dataclass E2DTC's hyper-parameters are bound to
E2DTC_PARAMS = "e2dtc.params:E2DTCParams"

VOCAB = Param(
    "VOCAB",
    "file",
    "Vocabulary (JSON of a grid discretization)",
    "The vocabulary of 'Discretize trajectories to a square grid', needed with its Token sequences layer as input; "
    "without it the trajectories are discretized here.",
    file_filter="json",
    optional=True,
)
N_CLUSTERS = Param(
    "N_CLUSTERS",
    "int",
    "Number of clusters (0 = automatic elbow)",
    "0 chooses k at the elbow of k-means over k = 2..22 (paper §VII-G).",
    minimum=0,
    engine=E2DTC_PARAMS,
)
PRESET = c.PRESET.but(
    help="fast-CPU: 1-layer GRU, hidden 128, 2 pairs per trajectory (minutes on a laptop); paper: 3 layers, "
    "hidden 256, embedding 256, 16 pairs per trajectory (hours on a CPU)."
)
PRETRAIN_EPOCHS = c.PRETRAIN_EPOCHS.but(
    help="Epochs of t2vec pre-training with the spatial-proximity-aware loss.", engine=E2DTC_PARAMS, preset=True
)
_HYPER = (
    PRETRAIN_EPOCHS,
    Param(
        "SELFTRAIN_EPOCHS",
        "int",
        "Self-training epochs",
        "Epochs of self-training (KL(P||Q) and triplet losses).",
        minimum=0,
        advanced=True,
        engine=E2DTC_PARAMS,
        preset=True,
    ),
    Param(
        "BETA",
        "double",
        "β: weight of the clustering loss",
        "β of L = Lr + β·Lc + γ·Lt.",
        minimum=0.0,
        advanced=True,
        engine=E2DTC_PARAMS,
        preset=True,
    ),
    c.GAMMA.but(label="γ: weight of the triplet loss", help="γ of L = Lr + β·Lc + γ·Lt.", engine=E2DTC_PARAMS),
    c.LEARNING_RATE.but(
        label="Self-training learning rate",
        help="The Adam learning rate of self-training.",
        minimum=1e-9,
        engine=E2DTC_PARAMS,
        preset=True,
    ),
    c.BATCH_SIZE.but(help="Trajectories per training batch.", minimum=2, engine=E2DTC_PARAMS, preset=True),
    Param(
        "HIDDEN_SIZE",
        "int",
        "Hidden size (even)",
        "Size of the GRU state; even, as the bidirectional encoder splits it in two halves.",
        minimum=2,
        advanced=True,
        engine=E2DTC_PARAMS,
        preset=True,
    ),
    c.LAYERS.but(
        label="GRU layers",
        help="Number of stacked GRU layers.",
        engine=E2DTC_PARAMS,
        engine_field="num_layers",
        preset=True,
    ),
)
PRETRAIN_INPUT = Param(
    "PRETRAIN_INPUT",
    "source",
    "More trajectories for pre-training only",
    "Points or lines discretized on the same grid that t2vec also learns from; only the input is clustered "
    "(trajectories whose ID is also in the input are used once).",
    geometry=("point", "line"),
    optional=True,
)
#: the pre-training layer with its ID and time fields (empty: the input's field when the layer has it)
PRETRAINING = (
    PRETRAIN_INPUT,
    Param(
        "PRETRAIN_TRAJ_ID_FIELD",
        "field",
        "Pre-training trajectories: ID field",
        "Empty: the input's TRAJ_ID_FIELD when the pre-training layer has that field.",
        parent="PRETRAIN_INPUT",
        optional=True,
        advanced=True,
    ),
    Param(
        "PRETRAIN_TIME_FIELD",
        "field",
        "Pre-training trajectories: time field",
        "Empty: the input's TIME_FIELD when the pre-training layer has that field.",
        parent="PRETRAIN_INPUT",
        optional=True,
        advanced=True,
    ),
)
GROUND_TRUTH_FIELD = Param(
    "GROUND_TRUTH_FIELD",
    "field",
    "Ground-truth field (for scores only)",
    "A per-trajectory label (e.g. gt_label of 'Ground-truth clusters around centres') the clusters are scored "
    "against with UACC, NMI, RI and ARI (the output carries it as gt_label); NULL and negative labels are left out, "
    "and clustering never looks at it.",
    optional=True,
)
OUTPUT = c.OUTPUT.but(
    label="Clustered trajectories",
    help="Trajectory lines with traj_id, cluster, confidence (the largest soft assignment q), n_tokens and n_points, "
    "categorized by cluster.",
    geometry=("line",),
)

E2DTC_TRAIN = AlgorithmSpec(
    id="e2dtctrain",
    group="clustering",
    display="E2DTC: train deep trajectory clustering",
    summary=(
        "Clusters trajectories with E2DTC (Fang et al., ICDE 2021): a t2vec sequence-to-sequence GRU learns "
        "trajectory embeddings from grid-cell sequences (pre-training with the spatial-proximity-aware loss), "
        "k-means gives initial centroids, then self-training sharpens the clusters with KL(P||Q) and a triplet loss "
        "(L = Lr + β·Lc + γ·Lt).",
        "The input is points with a trajectory ID (and time), lines, or the Token sequences layer of 'Discretize "
        "trajectories to a square grid' together with its vocabulary.",
    ),
    params=(
        *c.TRAJECTORIES,
        VOCAB,
        c.CELL_SIZE.but(
            label="Cell size (metres, without a vocabulary)",
            help="Side of a square grid cell when the trajectories are discretized here (300 m in the paper).",
        ),
        c.GRID_CRS.but(help="The projected CRS of the grid when the trajectories are discretized here.", advanced=True),
        c.MIN_FREQ.but(label="Hot-cell threshold (visits)", advanced=True),
        N_CLUSTERS,
        PRESET,
        *_HYPER,
        c.SEED.but(engine=E2DTC_PARAMS),
        *PRETRAINING,
        GROUND_TRUTH_FIELD,
        c.MODEL_FILE_OUT.but(
            help="Weights, parameters and the vocabulary, to apply with 'E2DTC: apply a trained model'.",
            file_filter="DeepTraj E2DTC model (*.e2dtc)",
        ),
        OUTPUT,
        c.OUTPUT_REPORT.but(
            help="An HTML report with the loss curves, the share of changed assignments, the elbow curve and the "
            "scores."
        ),
    ),
    notes=(
        (
            "Pre-training / self-training epochs, hidden size, layers and batch size override the preset when set.",
            "The deep model needs thousands of trajectories: with a few hundred to cluster, pre-training on more "
            "trips of the same area (e.g. the whole archive the input is a part of) is the largest gain.",
        ),
        (
            "With a ground-truth field the results and report give UACC, NMI, RI and ARI for E2DTC and for "
            "pre-training + k-means.",
            "Training runs in the background and can be cancelled: no model file is written then.",
        ),
    ),
)

E2DTC_APPLY = AlgorithmSpec(
    id="e2dtcapply",
    group="clustering",
    display="E2DTC: apply a trained model",
    summary=(
        "Assigns trajectories to the clusters of a model trained with 'E2DTC: train deep trajectory clustering'.",
    ),
    params=(
        c.MODEL_FILE_IN.but(
            help="The .e2dtc file; it carries the grid and the vocabulary it was trained with, so new trajectories "
            "are discretized exactly as the training ones.",
            file_filter="e2dtc",
        ),
        *c.TRAJECTORIES,
        OUTPUT,
    ),
    notes=(
        (
            "The input is points with a trajectory ID (and time), lines, or a token-sequence layer made with the "
            "model's vocabulary.",
            "Points in cells the model never saw map to their nearest hot cell or, outside the grid, to UNK.",
        ),
    ),
)

METHOD = c.METHOD.but(
    help="k-medoids (FasterPAM, from the kmedoids package) over a trajectory distance in metres, or t2vec + k-means: "
    "E2DTC's pre-training, then k-means on the trajectory vectors (the paper's L0 ablation).",
    options=(
        "k-medoids, DTW",
        "k-medoids, Hausdorff",
        "k-medoids, discrete Fréchet",
        "k-medoids, EDR",
        "k-medoids, LCSS",
        "t2vec + k-means",
    ),
)

CLASSIC_CLUSTERING = AlgorithmSpec(
    id="classicclustering",
    group="clustering",
    display="Classic trajectory clustering (k-medoids, t2vec + k-means)",
    summary=(
        "The baselines of the E2DTC paper, to compare with 'E2DTC: train deep trajectory clustering' on the same "
        "layer.",
    ),
    params=(
        *c.TRAJECTORIES,
        METHOD,
        N_CLUSTERS.but(
            label="Number of clusters",
            help="The k of k-medoids or k-means.",
            default=12,
            minimum=2,
            engine="",
        ),
        Param(
            "EPSILON",
            "double",
            "ε: matching distance for EDR and LCSS (metres)",
            "Two points match when they are at most this far apart.",
            default=200.0,
            minimum=0.0,
        ),
        Param(
            "LCSS_DELTA",
            "int",
            "δ: largest index offset for LCSS",
            "LCSS points match only when at most this many positions apart; empty: any offset.",
            minimum=0,
            optional=True,
            advanced=True,
        ),
        Param(
            "MAX_POINTS",
            "int",
            "Maximum points per trajectory",
            "Trajectories are resampled to at most this many points before comparing.",
            default=32,
            minimum=2,
            advanced=True,
        ),
        Param(
            "SAMPLE_SIZE",
            "int",
            "Sample size for the medoid search",
            "The distance matrix is quadratic: with more trajectories the medoids are found on a random sample of "
            "this size and every trajectory then joins its nearest medoid.",
            default=2000,
            minimum=10,
            advanced=True,
        ),
        c.CELL_SIZE.but(
            label="Cell size for t2vec (metres)",
            help="Side of the square grid cells (EPSG:3857) t2vec learns from.",
            advanced=True,
        ),
        PRETRAIN_EPOCHS.but(
            label="t2vec pre-training epochs",
            default=4,
            minimum=1,
            engine="",
            preset=False,
        ),
        c.SEED,
        PRETRAIN_INPUT.but(label="More trajectories for t2vec pre-training only"),
        *PRETRAINING[1:],
        GROUND_TRUTH_FIELD,
        OUTPUT.but(
            help="Trajectory lines with their cluster, plus is_medoid and distance (to the medoid, in the method's "
            "unit) for k-medoids or confidence (the largest soft assignment) for t2vec + k-means; categorized by "
            "cluster."
        ),
    ),
    notes=(
        (
            "Distances, on planar coordinates in metres: DTW (sum of matched point distances), Hausdorff, discrete "
            "Fréchet, EDR (edit distance, points match within ε, divided by the longer length) or LCSS "
            "(1 − longest common subsequence / shorter length, points match within ε and at most δ positions "
            "apart).",
            "t2vec also pre-trains on the optional more trajectories for pre-training, as E2DTC does.",
        ),
    ),
)

SPECS = (E2DTC_TRAIN, E2DTC_APPLY, CLASSIC_CLUSTERING)
