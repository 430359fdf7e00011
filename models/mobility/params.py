"""Parameters of the mobility embeddings (:class:`MobilityParams`) and the named presets :func:`make_params` starts
from."""

from __future__ import annotations

from dataclasses import dataclass

from ..core.modelfile import params_from_preset


@dataclass
class MobilityParams:
    d_model: int = 128
    n_heads: int = 8
    transformer_layers: int = 2
    lstm_hidden: int = 256  # the embedding has 2 x lstm_hidden values (bidirectional)
    lstm_layers: int = 2
    dropout: float = 0.1
    fourier_frequencies: int = 10
    noise_m: float = 50.0  # std of the Gaussian noise added to input coordinates while training
    epochs: int = 50
    patience: int = 5  # early stopping: epochs without a better validation loss
    max_batches: int = 0  # training stops after this many batches over all epochs (0: no limit)
    batch_size: int = 64
    learning_rate: float = 1e-3
    weight_decay: float = 1e-4
    samples_per_sequence: int = 4  # cut points drawn per sequence and epoch
    max_locations: int = 4096  # location classes (most visited cells of the training users) + "other"
    cell_size: float = 500.0  # metres; LYMob's cells
    max_length: int = 96  # longer inputs keep their last max_length records
    validation_share: float = 0.1  # share of the users held out for early stopping
    use_user_embedding: bool = False
    seed: int = 0

    def __post_init__(self):
        checks = [
            ("d_model", self.d_model >= 2),
            ("n_heads", self.n_heads >= 1),
            ("transformer_layers", self.transformer_layers >= 0),
            ("lstm_hidden", self.lstm_hidden >= 1),
            ("lstm_layers", self.lstm_layers >= 1),
            ("epochs", self.epochs >= 0),
            ("patience", self.patience >= 1),
            ("max_batches", self.max_batches >= 0),
            ("batch_size", self.batch_size >= 1),
            ("samples_per_sequence", self.samples_per_sequence >= 1),
            ("max_locations", self.max_locations >= 1),
            ("cell_size", self.cell_size > 0),
            ("max_length", self.max_length >= 2),
            ("validation_share", 0.0 <= self.validation_share < 1.0),
            ("dropout", 0 <= self.dropout < 1),
            ("learning_rate", self.learning_rate > 0),
            ("noise_m", self.noise_m >= 0),
        ]
        bad = [name for name, ok in checks if not ok]
        if bad:
            raise ValueError(f"invalid mobility-embedding parameter(s): {', '.join(bad)}")
        if self.d_model % self.n_heads:
            raise ValueError(f"d_model ({self.d_model}) must be a multiple of n_heads ({self.n_heads})")

    @property
    def embedding_size(self) -> int:
        return 2 * self.lstm_hidden


#: "post": the post's sizes (512-d embeddings from a 2-layer BiLSTM of 256); "fast-cpu": a narrower transformer
#: and fewer samples, same 512-d embedding, for minutes on a laptop, and at most 4,000 training batches: the
#: 12 epochs on a city's fleet (73 k T-Drive taxi-days: 2,066 batches per epoch, ~8 min each on 2 cores) would take
#: hours; samples of up to ~10 k sequences never reach the cap (docs/benchmarks/city_scale.md)
PRESETS = {
    "post": dict(
        d_model=128,
        n_heads=8,
        transformer_layers=2,
        lstm_hidden=256,
        lstm_layers=2,
        epochs=50,
        patience=5,
        samples_per_sequence=4,
    ),
    "fast-cpu": dict(
        d_model=64,
        n_heads=4,
        transformer_layers=1,
        lstm_hidden=256,
        lstm_layers=2,
        epochs=12,
        patience=3,
        samples_per_sequence=2,
        max_batches=4000,
    ),
}


def make_params(preset: str = "fast-cpu", **overrides) -> MobilityParams:
    return params_from_preset(MobilityParams, PRESETS, preset, overrides, "mobility-embedding")
