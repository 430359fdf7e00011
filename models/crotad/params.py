"""CroTad's parameters (:class:`CroTadParams`, with the paper's symbols), the named presets and their checks."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

__all__ = ["CroTadParams", "PRESETS", "check_params"]


@dataclass
class CroTadParams:
    resolution: int = 10
    window: int = 5  # L
    freq_threshold: float = 0.1  # delta_od of Eq. 6
    # node2vec (section 4.2.1); the paper gives no values: Grover & Leskovec's usual ones
    embed_dim: int = 64
    walk_length: int = 20
    walks_per_node: int = 10
    n2v_p: float = 1.0
    n2v_q: float = 1.0
    # encoder
    hidden: int = 128
    gat_heads: int = 4
    gat_layers: int = 2
    proj_dim: int = 64
    # augmentations: rho1..rho3 in cells (None = max(1, L // 2)), rho4 a share
    rho1: Optional[int] = None
    rho2: Optional[int] = None
    rho3: Optional[int] = None
    rho4: float = 0.5
    # contrast
    tau: float = 0.1
    delta1: float = 0.8
    delta2: float = 0.5
    margin: float = 0.2
    scale: float = 5.0  # lambda of Eq. 9-10
    k_hop: int = 3
    n_negatives: int = 8
    # also make negatives that switch to another OD's route part-way (the head of the window, then the cells of a
    # training window of another OD with at least one cell rare for this OD): the paper's seven transformations
    # stay near the OD's own route, so a trip that goes on along another route is seen in no negative. Route
    # switching, online, point F1: WMATA buses 0.721 -> 0.843 (seed 0), 0.862 -> 0.932 (seed 1); San Francisco
    # (resolution 9) 0.707 -> 0.750, the other types up too; Porto sample mixed (benchmarks/crotad_eval.py)
    switch_negatives: bool = True
    alpha_rec: float = 1.0
    alpha_stsc: float = 1.0
    alpha_miic: float = 1.0
    pretrain_epochs: int = 10
    steps_per_epoch: int = 100  # at most; fewer when the training windows fill fewer batches
    batch_size: int = 128
    lr: float = 1e-3
    # offline detector
    dbscan_eps: Optional[float] = None  # None = automatic, see eps_quantile
    eps_quantile: Optional[float] = None  # automatic eps: this quantile of the distinct windows' distance to their
    # min_samples-th distinct neighbour; None = the quantile (of 0.3 .. 0.95)
    # that best separates training windows from generated negatives
    dbscan_min_samples: int = 5
    cluster_sample: int = 2000
    # online detector
    dqn_steps: int = 1000
    dqn_batch: int = 128
    gamma: float = 0.2
    dqn_lr: float = 1e-3
    buffer_size: int = 20000
    target_update: int = 100
    dqn_negatives: float = 0.3
    epsilon_start: float = 1.0
    epsilon_end: float = 0.05
    vote_threshold: Optional[int] = None  # None = L (strict: with correct window labels, exactly the anomalous cells)
    seed: int = 0

    def rho(self, i: int) -> int:
        v = getattr(self, f"rho{i}")
        return max(1, int(self.window) // 2) if v is None else int(v)

    @property
    def votes_needed(self) -> int:
        return int(self.window) if self.vote_threshold is None else int(self.vote_threshold)


PRESETS = {
    "fast-cpu": {
        "embed_dim": 32,
        "walks_per_node": 5,
        "hidden": 64,
        "gat_heads": 2,
        "proj_dim": 32,
        "pretrain_epochs": 6,
        "steps_per_epoch": 60,
        "batch_size": 96,
        "n_negatives": 6,
        "cluster_sample": 1500,
        "dqn_steps": 500,
        "dqn_batch": 96,
    },
    "paper": {},
}


def check_params(p: CroTadParams) -> None:
    """ValueError naming the parameter (in the Processing parameters' CAPS) for an unusable value."""

    def bad(name, msg):
        raise ValueError(f"{name.upper()}: {msg}")

    if not 0 <= int(p.resolution) <= 15:
        bad("resolution", f"H3 resolution must be between 0 and 15, got {p.resolution}")
    if int(p.window) < 1:
        bad("window", f"the window needs at least 1 cell, got {p.window}")
    if not 0 < float(p.freq_threshold) <= 1:
        bad("freq_threshold", f"delta_od must be in (0, 1], got {p.freq_threshold}")
    for i in (1, 2, 3):
        if not 1 <= p.rho(i) <= int(p.window):
            bad(f"rho{i}", f"must be between 1 and the window ({p.window}), got {p.rho(i)}")
    if not 0 < float(p.rho4) < 1:
        bad("rho4", f"the masking share must be in (0, 1), got {p.rho4}")
    if not float(p.delta2) <= float(p.delta1):
        bad("delta2", f"delta2 ({p.delta2}) must not exceed delta1 ({p.delta1})")
    if not 0 <= float(p.margin) <= 2:
        bad("margin", f"m must be in [0, 2], got {p.margin}")
    if float(p.scale) < 1:
        bad("scale", f"lambda must be at least 1, got {p.scale}")
    if float(p.tau) <= 0:
        bad("tau", f"the temperature must be positive, got {p.tau}")
    if not 0 < float(p.gamma) <= 1:
        bad("gamma", f"the discount must be in (0, 1], got {p.gamma}")
    if int(p.hidden) % int(p.gat_heads):
        bad("gat_heads", f"the hidden size {p.hidden} must be a multiple of the GAT heads {p.gat_heads}")
    vt = p.votes_needed
    if not 1 <= vt <= int(p.window):
        bad("vote_threshold", f"delta_p must be between 1 and the window ({p.window}), got {vt}")
    for name in (
        "k_hop",
        "n_negatives",
        "batch_size",
        "dbscan_min_samples",
        "cluster_sample",
        "embed_dim",
        "walk_length",
        "walks_per_node",
        "proj_dim",
        "gat_layers",
        "dqn_batch",
        "target_update",
    ):
        if int(getattr(p, name)) < 1:
            bad(name, f"must be at least 1, got {getattr(p, name)}")
    if not 0 <= float(p.dqn_negatives) < 1:
        bad("dqn_negatives", f"must be in [0, 1), got {p.dqn_negatives}")
