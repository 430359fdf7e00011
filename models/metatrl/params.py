"""MetaTRL's settings and inputs: the parameters (:class:`MetaTRLParams`, the "paper" and "fast-cpu"
:data:`PRESETS`), the target's epoch count, :class:`City` (a city's unit network and trajectories, what cross-city
learning moves between) and :class:`MetaTRLDataError` for input that cannot be used."""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..core.modelfile import params_from_preset
from ..core.units import UnitNetwork, UnitSequences

META_UPDATES = ("continue", "first-order")


class MetaTRLDataError(ValueError):
    """Input that cannot train or use a MetaTRL model (the message says what to change)."""


@dataclass
class MetaTRLParams:
    d_model: int = 128
    n_heads: int = 8
    layers: int = 6
    gat_layers: int = 2
    unit_ids: bool = True
    position_octaves: int = 6
    n_buckets: int = 64
    dropout: float = 0.1
    max_len: int = 128  # longer trajectories: a random window in training, the last units otherwise
    batch_size: int = 64
    learning_rate: float = 2e-4
    meta_lr: float = 5e-4
    meta_epochs: int = 5
    source_epochs: int = 1
    target_epochs: int = 10
    min_target_steps: int = 0  # at least this many target batches (epochs raised for a small target)
    meta_update: str = "continue"
    mask_ratio: float = 0.15
    span_mean: float = 2.0
    time_mask_ratio: float = 0.15
    gamma: float = 0.5
    test_share: float = 0.2
    max_target_trajectories: int = 50000
    max_source_trajectories: int = 50000
    min_units: int = 3
    seed: int = 0

    def __post_init__(self):
        checks = [
            ("d_model", self.d_model >= 4),
            ("n_heads", self.n_heads >= 1),
            ("layers", self.layers >= 1),
            ("gat_layers", self.gat_layers >= 0),
            ("n_buckets", self.n_buckets >= 1),
            ("position_octaves", 0 <= self.position_octaves <= 16),
            ("dropout", 0 <= self.dropout < 1),
            ("max_len", self.max_len >= 4),
            ("batch_size", self.batch_size >= 1),
            ("learning_rate", self.learning_rate > 0),
            ("meta_lr", self.meta_lr >= 0),
            ("meta_epochs", self.meta_epochs >= 0),
            ("source_epochs", self.source_epochs >= 1),
            ("target_epochs", self.target_epochs >= 0),
            ("min_target_steps", self.min_target_steps >= 0),
            ("mask_ratio", 0 < self.mask_ratio < 1),
            ("span_mean", self.span_mean >= 1),
            ("time_mask_ratio", 0 <= self.time_mask_ratio < 1),
            ("gamma", 0 <= self.gamma <= 1),
            ("test_share", 0 < self.test_share < 1),
            ("max_target_trajectories", self.max_target_trajectories >= 2),
            ("max_source_trajectories", self.max_source_trajectories >= 2),
            ("min_units", self.min_units >= 2),
        ]
        bad = [name for name, ok in checks if not ok]
        if bad:
            raise ValueError(f"invalid MetaTRL parameter(s): {', '.join(bad)}")
        if self.d_model % self.n_heads:
            raise ValueError(f"d_model ({self.d_model}) must be a multiple of n_heads ({self.n_heads})")
        if self.meta_update not in META_UPDATES:
            raise ValueError(f"meta_update must be one of {', '.join(META_UPDATES)}")


#: "paper": the authors' configuration (6 layers, d 128, 8 heads, batch 64, lr 2e-4, meta lr 5e-4, 5 meta epochs);
#: "fast-cpu": a 2-layer 64-d encoder and fewer epochs, for minutes on a laptop
PRESETS = {
    "paper": dict(
        d_model=128,
        n_heads=8,
        layers=6,
        gat_layers=2,
        batch_size=64,
        learning_rate=2e-4,
        meta_lr=5e-4,
        meta_epochs=5,
        source_epochs=1,
        target_epochs=10,
    ),
    "fast-cpu": dict(
        d_model=64,
        n_heads=4,
        layers=2,
        gat_layers=1,
        batch_size=64,
        learning_rate=1e-3,
        meta_lr=5e-4,
        meta_epochs=2,
        source_epochs=1,
        target_epochs=8,
        min_target_steps=600,
        max_len=96,
    ),
}


def make_params(preset: str = "fast-cpu", **overrides) -> MetaTRLParams:
    """The preset's parameters with ``overrides`` (None = the preset's value). Target epochs given here are taken as
    they are: ``min_target_steps`` becomes 0 unless it is given too."""
    if overrides.get("target_epochs") is not None and overrides.get("min_target_steps") is None:
        overrides["min_target_steps"] = 0
    return params_from_preset(MetaTRLParams, PRESETS, preset, overrides, "MetaTRL")


def target_epochs(p: MetaTRLParams, n_trajectories: int) -> int:
    """Target pre-training epochs for ``n_trajectories``: ``target_epochs``, raised so that the target gets at least
    ``min_target_steps`` batches (0 epochs stays 0: no pre-training)."""
    if p.target_epochs == 0 or p.min_target_steps == 0:
        return int(p.target_epochs)
    per_epoch = max(1, math.ceil(int(n_trajectories) / p.batch_size))
    return max(int(p.target_epochs), math.ceil(p.min_target_steps / per_epoch))


@dataclass
class City:
    """One city: a name, its unit network and its trajectories as unit sequences on it."""

    name: str
    network: UnitNetwork
    sequences: UnitSequences
