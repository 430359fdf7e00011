"""Online sub-trajectory anomaly detection with CroTad: train the detector, detect anomalous sub-trajectories."""

from __future__ import annotations

from . import AlgorithmSpec, Output, Param
from . import common as c

#: the engine dataclass CroTad's hyper-parameters are bound to
CROTAD_PARAMS = "crotad.params:CroTadParams"
#: every hyper-parameter: advanced, its default the engine's
_ADV = dict(advanced=True, engine=CROTAD_PARAMS)
#: an engine default of None means an automatic value: the parameter is optional, empty = automatic
_AUTO = dict(optional=True, **_ADV)
#: the keywords a preset sets: empty = the preset's value
_PRESET = dict(preset=True, **_ADV)


_ENCODER = (
    c.FREQ_THRESHOLD.but(
        label="δod: frequent-cell threshold (visits per trajectory)",
        help="A cell is frequent for an OD when its visits per trajectory of the OD exceed it (Eq. 6).",
        **_ADV,
    ),
    Param("EMBED_DIM", "int", "node2vec cell embedding size", "Size of the cell embeddings.", minimum=1, **_PRESET),
    Param("WALK_LENGTH", "int", "node2vec walk length", "Cells per random walk.", minimum=1, **_ADV),
    Param(
        "WALKS_PER_NODE", "int", "node2vec walks per cell", "Random walks started at each cell.", minimum=1, **_PRESET
    ),
    Param("N2V_P", "double", "node2vec return parameter p", "Grover and Leskovec's p.", minimum=0.0001, **_ADV),
    Param("N2V_Q", "double", "node2vec in-out parameter q", "Grover and Leskovec's q.", minimum=0.0001, **_ADV),
    Param("HIDDEN", "int", "Encoder hidden size", "Size of the encoder's GRU state.", minimum=2, **_PRESET),
    Param(
        "GAT_HEADS",
        "int",
        "Graph attention heads",
        "Heads of the route-wise graph attention; the hidden size must be a multiple of it.",
        minimum=1,
        **_PRESET,
    ),
    c.GAT_LAYERS.but(help="Stacked graph attention layers.", minimum=1, **_ADV),
    Param("PROJ_DIM", "int", "Projection head size", "Size of the contrastive projection head.", minimum=1, **_PRESET),
)
_RHO_AUTO = "Empty: half the window (at least 1)."
_CONTRAST = (
    Param("RHO1", "int", "ρ1: most cells masked", f"Augmentation by masking. {_RHO_AUTO}", minimum=1, **_AUTO),
    Param(
        "RHO2", "int", "ρ2: most cells cut at the rear", f"Augmentation by cropping. {_RHO_AUTO}", minimum=1, **_AUTO
    ),
    Param(
        "RHO3", "int", "ρ3: most cells cut at the head", f"Augmentation by cropping. {_RHO_AUTO}", minimum=1, **_AUTO
    ),
    Param(
        "RHO4",
        "double",
        "ρ4: largest share of masked cells to reconstruct",
        "Share of a window's cells masked for the reconstruction loss.",
        minimum=0.0001,
        **_ADV,
    ),
    Param(
        "TAU",
        "double",
        "τ: contrastive temperature",
        "Temperature of the STSC and MIIC losses.",
        minimum=0.0001,
        **_ADV,
    ),
    Param(
        "DELTA1",
        "double",
        "δ1: normality score above which a positive pair counts fully",
        "MIIC's upper normality threshold.",
        minimum=0.0,
        **_ADV,
    ),
    Param(
        "DELTA2",
        "double",
        "δ2: normality score below which a positive pair counts as negative",
        "MIIC's lower normality threshold (at most δ1).",
        minimum=0.0,
        **_ADV,
    ),
    Param("MARGIN", "double", "m: MIIC margin", "The margin m of MIIC (0 to 2).", minimum=0.0, **_ADV),
    Param("SCALE", "double", "λ: MIIC scale", "The scale λ of MIIC (Eq. 9-10).", minimum=1.0, **_ADV),
    c.K_HOP.but(
        label="k-hop of rare replacement cells",
        help="Generated abnormal windows replace cells with rare cells at most this many H3 steps away.",
        **_ADV,
    ),
    Param(
        "N_NEGATIVES",
        "int",
        "Generated negatives per window",
        "Abnormal versions generated of each window for MIIC.",
        minimum=1,
        **_PRESET,
    ),
    Param(
        "SWITCH_NEGATIVES",
        "bool",
        "Route-switch negatives",
        "Also train on windows that go on along another OD's route (with a cell rare for this OD), as a trip that "
        "switches route does. Off: the paper's seven transformations only.",
        **_ADV,
    ),
    Param("ALPHA_REC", "double", "α1: weight of the reconstruction loss", "α1 of the loss.", minimum=0.0, **_ADV),
    Param("ALPHA_STSC", "double", "α2: weight of the STSC loss", "α2 of the loss.", minimum=0.0, **_ADV),
    Param("ALPHA_MIIC", "double", "α3: weight of the MIIC loss", "α3 of the loss.", minimum=0.0, **_ADV),
)
_PRETRAINING = (
    c.PRETRAIN_EPOCHS.but(help="Epochs of contrastive pre-training of the encoder.", **_PRESET),
    Param(
        "STEPS_PER_EPOCH",
        "int",
        "Most batches per pre-training epoch",
        "Fewer when the training windows fill fewer batches.",
        minimum=1,
        **_PRESET,
    ),
    c.BATCH_SIZE.but(help="Windows per pre-training batch.", minimum=2, **_PRESET),
    Param(
        "LR", "double", "Pre-training learning rate", "The Adam learning rate of pre-training.", minimum=1e-9, **_ADV
    ),
)
_OFFLINE = (
    Param(
        "DBSCAN_EPS",
        "double",
        "DBSCAN eps",
        "The neighbourhood radius of the clustering of windows; empty: automatic (see EPS_QUANTILE).",
        minimum=0.0,
        **_AUTO,
    ),
    Param(
        "EPS_QUANTILE",
        "double",
        "Automatic DBSCAN eps: quantile of the neighbour distances",
        "The automatic eps is this quantile of the distinct windows' distances to their DBSCAN_MIN_SAMPLES-th "
        "neighbour; empty: the quantile (0.3 to 0.95) separating generated anomalies best.",
        minimum=0.0,
        **_AUTO,
    ),
    Param("DBSCAN_MIN_SAMPLES", "int", "DBSCAN minimum samples", "DBSCAN's min_samples.", minimum=1, **_ADV),
    Param(
        "CLUSTER_SAMPLE",
        "int",
        "Training windows clustered per OD",
        "At most this many windows of each OD are clustered.",
        minimum=2,
        **_PRESET,
    ),
)
_ONLINE = (
    Param("DQN_STEPS", "int", "DQN training steps", "Training steps of the deep Q-network.", minimum=0, **_PRESET),
    Param("DQN_BATCH", "int", "DQN batch size", "Transitions per DQN training batch.", minimum=1, **_PRESET),
    c.GAMMA.but(label="γ: DQN discount", help="The discount γ of the DQN (at most 1).", minimum=0.0001, **_ADV),
    Param("DQN_LR", "double", "DQN learning rate", "The Adam learning rate of the DQN.", minimum=1e-9, **_ADV),
    Param("BUFFER_SIZE", "int", "DQN replay buffer size", "Transitions kept for replay.", minimum=1, **_ADV),
    Param(
        "TARGET_UPDATE",
        "int",
        "DQN target network update (steps)",
        "The target network is updated every this many steps.",
        minimum=1,
        **_ADV,
    ),
    Param(
        "DQN_NEGATIVES",
        "double",
        "Share of generated anomalous windows in DQN training",
        "Below 1.",
        minimum=0.0,
        **_ADV,
    ),
    Param("EPSILON_START", "double", "DQN exploration rate at the start", "ε-greedy at step 0.", minimum=0.0, **_ADV),
    Param(
        "EPSILON_END", "double", "DQN exploration rate at the end", "ε-greedy at the last step.", minimum=0.0, **_ADV
    ),
)
VOTE_THRESHOLD = Param(
    "VOTE_THRESHOLD",
    "int",
    "δp: voting threshold",
    "A cell is anomalous when this many of the windows holding it are (1 to the window, Eq. 26-27); empty: the "
    "window, so every window must vote anomalous.",
    minimum=1,
    **_AUTO,
)
#: CroTad's hyper-parameters, in the order of the training algorithm's advanced parameters
HYPER_PARAMETERS = (*_ENCODER, *_CONTRAST, *_PRETRAINING, *_OFFLINE, *_ONLINE, VOTE_THRESHOLD)

#: the OD field of both algorithms (optional here; its help differs)
OD_FIELD = c.OD_FIELD.but(optional=True)

CROTAD_TRAIN = AlgorithmSpec(
    id="crotadtrain",
    group="anomaly",
    display="CroTad: train an online trajectory anomaly detector",
    summary=(
        "Trains CroTad (Xue et al., contrastive reinforcement learning for online trajectory anomaly detection) on "
        "trajectories assumed to be normal, grouped by origin-destination (OD) pair.",
        "Every trajectory becomes a sequence of H3 cells (consecutive repeats removed).",
        "Cell embeddings come from node2vec on a hierarchical graph: the optional road network, the optional stops "
        "of public-transport routes and the cell transitions seen in the training trajectories.",
        "An encoder (route-wise graph attention over each OD's frequently visited cells, a GRU started from the OD "
        "embedding, attention pooling) is pre-trained on windows of WINDOW cells with three losses: reconstruction "
        "of masked cells, contrast between two augmented views of a window (STSC) and contrast between a window and "
        "generated abnormal versions of it (MIIC).",
        "A DBSCAN clustering of the windows of each OD then gives pseudo-labels (a window in a small cluster is "
        "anomalous, Eq. 24), from which a deep Q-network learns to label windows one at a time, online.",
        "Apply the model with 'CroTad: detect anomalous sub-trajectories'.",
    ),
    params=(
        c.INPUT_POINTS.but(
            help="A point layer with one feature per GPS fix; use normal trajectories: the detector learns what the "
            "usual routes of each OD look like."
        ),
        c.TRAJ_ID_FIELD_REQUIRED,
        c.TIME_FIELD,
        OD_FIELD.but(
            help="The field holding the OD pair (or bus route + direction) of each trajectory, e.g. od_id of Assign "
            "OD pairs; the value of the first point counts and trajectories with a NULL value are left out; empty: "
            "OD pairs are derived from the end points."
        ),
        Param(
            "OD_RESOLUTION",
            "int",
            "OD resolution: H3 resolution of origin/destination cells (without an OD field)",
            "The H3 cells of the first and last points at this resolution make the OD pair of a trajectory.",
            default=8,
            minimum=0,
            maximum=15,
        ),
        c.MIN_TRIPS.but(
            label="Minimum trips per OD pair (without an OD field)",
            help="Derived OD pairs with fewer trajectories are left out.",
        ),
        c.RESOLUTION.but(
            label="H3 resolution of the trajectory cells (0-15)",
            help="10 as for Porto in the paper; 9 for buses.",
            default=None,
            engine=CROTAD_PARAMS,
        ),
        Param(
            "WINDOW",
            "int",
            "Window (cells per sub-trajectory)",
            "The paper's L: 5 by default; the paper uses 10 for buses.",
            minimum=1,
            engine=CROTAD_PARAMS,
        ),
        c.ROAD_NETWORK.but(help="Its lines add edges between the H3 cells they cross to the cell graph."),
        Param(
            "STOPS",
            "source",
            "Stops (points)",
            "Public-transport stops with a route field and a sequence field; consecutive stops of a route add edges "
            "to the cell graph.",
            optional=True,
        ),
        Param(
            "STOP_ROUTE_FIELD",
            "field",
            "Stops: route field",
            "The route of each stop (needed with STOPS).",
            parent="STOPS",
            optional=True,
        ),
        Param(
            "STOP_SEQUENCE_FIELD",
            "field",
            "Stops: sequence field (order along the route)",
            "The order of the stops along their route (needed with STOPS).",
            parent="STOPS",
            field_type="numeric",
            optional=True,
        ),
        c.PRESET.but(
            help="fast-CPU: small sizes and few epochs (minutes on a laptop); paper: the paper's sizes. The "
            "advanced parameters override the preset when set; those left empty take the preset's value (or an "
            "automatic one, as said in their help)."
        ),
        *HYPER_PARAMETERS,
        c.SEED.but(help="The same seed and input give the same model.", default=None, engine=CROTAD_PARAMS),
        c.MODEL_FILE_OUT.but(
            help="The .pt file: weights, parameters, the vocabulary of cells and the OD pairs.",
            file_filter="DeepTraj CroTad model (*.pt)",
        ),
        c.OUTPUT_REPORT.but(
            help="The pre-training loss curves (total, reconstruction, STSC, MIIC), the pseudo-label counts per OD, "
            "the DQN reward curve, the graph statistics and the parameters used."
        ),
    ),
    outputs=(
        Output("N_TRAJECTORIES", "number", "Trajectories used for training"),
        Output("N_OD", "number", "OD pairs in the model"),
        Output("N_DROPPED", "number", "Trajectories left out"),
    ),
    notes=(
        (
            "Without an OD field, OD pairs are derived here exactly as Assign OD pairs does: the H3 cells of the first "
            "and last points at OD_RESOLUTION, pairs with at least MIN_TRIPS trajectories; the pairs are stored in "
            "the model so that detection finds them again.",
            "Trajectories of fewer than 2 cells, and OD values with a single usable trajectory, are left out; "
            "trajectories shorter than the window are used with padded windows.",
        ),
        (
            "The paper's symbols: δod frequent-cell threshold, ρ1-ρ4 augmentations, τ temperature, δ1/δ2/m/λ of MIIC, "
            "α weights of the losses, γ discount of the DQN, δp voting threshold.",
        ),
        ("Training runs in the background and can be cancelled: no model file is written then.",),
    ),
)

#: the MODE options' engine names, in option order
MODES = ("online", "offline")

CROTAD_DETECT = AlgorithmSpec(
    id="crotaddetect",
    group="anomaly",
    display="CroTad: detect anomalous sub-trajectories",
    summary=(
        "Labels every point of the input trajectories normal or anomalous with a model trained by 'CroTad: train an "
        "online trajectory anomaly detector'.",
        "Each trajectory is mapped to H3 cells at the model's resolution (consecutive repeats removed) and cut into "
        "windows of the model's length L, padded at both ends so that every cell lies in exactly L windows.",
        "Each window is labelled normal or anomalous; a cell gets one vote per anomalous window holding it and is "
        "anomalous when its votes reach the Voting threshold (Eq. 26-27); a point takes the label of its cell.",
    ),
    params=(
        c.MODEL_FILE_IN.but(help="The .pt file written by the training algorithm.", file_filter="pt"),
        c.INPUT_POINTS,
        c.TRAJ_ID_FIELD_REQUIRED,
        c.TIME_FIELD.but(help="Orders the points; without it the input order of each trajectory's points is used."),
        OD_FIELD.but(
            help="The field holding each trajectory's OD pair (or route), with the values used in training; empty: "
            "the training OD field when the input has it, else (for a model whose OD pairs were derived from end "
            "points) the stored pairs matched on the H3 cells of the first and last points."
        ),
        Param(
            "MODE",
            "enum",
            "Mode",
            "online replays all points in time order through the streaming detector (the deep Q-network labels each "
            "window as it is completed); offline uses the clustering detector: a window is anomalous when it falls "
            "in a small DBSCAN cluster among the training windows of its OD (Eq. 24).",
            options=("online: replay the points in time order (DQN)", "offline: clustering of windows (DBSCAN)"),
            default=0,
        ),
        VOTE_THRESHOLD.but(
            label="Voting threshold (votes out of the window length)",
            help="A cell is anomalous when this many of the L windows holding it are (1 to L); empty: the model's.",
            advanced=False,
            engine="",
        ),
        Param(
            "BATCH",
            "bool",
            "Online: label whole trajectories at once instead of replaying (same labels)",
            "The same labels as the replay, computed trajectory by trajectory (faster; no time per point).",
            default=False,
            advanced=True,
        ),
        Param(
            "OUTPUT_SEGMENTS",
            "sink",
            "Flagged segments",
            "One line per run of equally labelled consecutive points of a trajectory (consecutive segments share "
            "their boundary point); anomalous segments are red dashed, normal ones thin blue.",
            geometry=("line",),
        ),
        Param(
            "OUTPUT_POINTS",
            "sink",
            "Labelled points",
            "traj_id, seq, time, od, cell (H3), votes, label, and is_anomaly / anomaly_type copied from the input when "
            "present; points of skipped trajectories have no label.",
            optional=True,
        ),
        c.OUTPUT_REPORT.but(
            help="The results and, when the input carries is_anomaly and anomaly_type, the evaluation laid out like "
            "Table 2 of the paper.",
            create_by_default=False,
        ),
    ),
    outputs=(
        Output("N_TRAJECTORIES", "number", "Trajectories labelled"),
        Output("N_SKIPPED", "number", "Trajectories skipped (OD unknown to the model)"),
        Output("N_ANOMALOUS_TRAJECTORIES", "number", "Trajectories with an anomalous point"),
        Output("N_ANOMALOUS_POINTS", "number", "Anomalous points"),
        Output("N_SEGMENTS", "number", "Segments"),
    ),
    notes=(
        (
            "Trajectories of an OD the model does not know are skipped (a warning lists them).",
            "Online, a point is labelled as soon as its last window is seen, and the results give the time per point.",
            "H3 cells the model never saw in training are allowed: they are encoded as an unknown cell, which the "
            "model treats as rare (usually anomalous).",
        ),
        (
            "The Flagged segments have the fields traj_id, od, start_time, end_time, n_points, label (1 = "
            "anomalous), mean_votes, anomaly_type (from the input, when present) and reviewed (empty, for the "
            "Flagged segments panel, which opens on this layer).",
        ),
        (
            "Results: N_TRAJECTORIES (labelled), N_SKIPPED (unknown OD), N_ANOMALOUS_TRAJECTORIES, N_ANOMALOUS_POINTS, "
            "N_SEGMENTS and, for the replay, LATENCY_MS_MEDIAN / LATENCY_MS_P99 (milliseconds per point).",
            "When the input carries is_anomaly and anomaly_type (as the output of Synthetic anomalies), also window- "
            "and point-level precision, recall and F1 per anomaly type (WINDOW_P_/WINDOW_R_/WINDOW_F1_ and "
            "POINT_P_/POINT_R_/POINT_F1_ followed by the type, and _ALL over every trajectory), the false-positive "
            "rates of the normal trajectories, and an optional HTML Report with the table laid out like Table 2 of "
            "the paper.",
        ),
    ),
)

SPECS = (CROTAD_TRAIN, CROTAD_DETECT)
