"""E2DTC's parameters (:class:`E2DTCParams`) and the named presets :func:`make_params` starts from."""

from __future__ import annotations

from dataclasses import dataclass

from ..core.modelfile import params_from_preset


@dataclass
class E2DTCParams:
    n_clusters: int = 12
    embedding_size: int = 256
    hidden_size: int = 256
    num_layers: int = 3
    dropout: float = 0.2
    knn_k: int = 10
    # Eq. 8's softmax runs over the whole vocabulary, so the decoder state must tell where in the city a trajectory
    # is, not only which of the target's K nearest cells it is; False: softmax over those K only (on the GeoLife
    # benchmark pre-training + k-means then reached UACC 0.85 instead of 0.94-0.96)
    full_softmax: bool = True
    skipgram_epochs: int = 5  # 0: cell vectors start random (t2vec's reference default)
    skipgram_window: int = 2  # c of Eq. 7
    freeze_cell_vectors: bool = True  # keep the skip-gram vectors fixed during pre-training
    readout: str = "mean"  # trajectory vector: "mean" of the encoder outputs or "last" hidden state
    dist_decay_m: float = 0.0  # alpha of Eq. 8 in metres; 0 = 2.5 x the cell spacing (see _scales)
    drop_rates: tuple = (0.0, 0.2, 0.4, 0.6)
    distort_rates: tuple = (0.0, 0.2, 0.4, 0.6)
    noise_radius_m: float = 0.0  # distortion radius; 0 = the cell spacing
    pairs_per_trajectory: int = 16  # t2vec: 16 (T', T) pairs per trajectory and pre-training epoch
    pretrain_epochs: int = 10
    pretrain_lr: float = 1e-3
    selftrain_epochs: int = 20
    learning_rate: float = 1e-4
    batch_size: int = 128
    beta: float = 0.1
    gamma: float = 0.1
    triplet_margin: float = 1.0
    # negatives of the triplet loss: 0 / 1 = one trajectory of another cluster at random; m > 1 = the nearest of m
    # such draws to the anchor (a negative near the boundary; random ones lie far outside the margin)
    hard_negatives: int = 0
    update_interval: int = 100  # batches between two target-distribution updates
    tol: float = 0.001  # delta of Algorithm 1: stop when fewer assignments change
    max_grad_norm: float = 5.0
    max_length: int = 256  # longer sequences are thinned evenly (first and last kept)
    seed: int = 0

    def __post_init__(self):
        if self.readout not in ("mean", "last"):
            raise ValueError(f"readout must be 'mean' or 'last', got {self.readout!r}")
        if self.hidden_size % 2:
            raise ValueError("HIDDEN_SIZE must be even (the bidirectional encoder splits it in two halves)")
        self.drop_rates = tuple(float(r) for r in self.drop_rates)
        self.distort_rates = tuple(float(r) for r in self.distort_rates)


PRESETS = {
    # the paper / reference code sizes; slow on a CPU
    "paper": dict(
        embedding_size=256,
        hidden_size=256,
        num_layers=3,
        dropout=0.2,
        pairs_per_trajectory=16,
        pretrain_epochs=10,
        selftrain_epochs=20,
        batch_size=128,
    ),
    # smaller network and fewer pairs: minutes instead of hours on 2 CPU cores
    "fast-cpu": dict(
        embedding_size=64,
        hidden_size=128,
        num_layers=1,
        dropout=0.0,
        pairs_per_trajectory=2,
        pretrain_epochs=4,
        selftrain_epochs=3,
        batch_size=256,
        # 3 self-training epochs instead of 20: with the paper's beta 0.1 and learning rate 1e-4 they changed 0.02 %
        # of the labels (E2DTC = t2vec + k-means); with beta 1 and 1e-3 the clustering loss refines the clusters:
        # GeoLife benchmark, all 86,112, seed 0: UACC 0.959 -> 0.979, ARI 0.912 -> 0.955
        # (benchmarks/e2dtc_selftrain.py; the paper picks beta in [1e-3, 10] per dataset)
        beta=1.0,
        learning_rate=1e-3,
    ),
}


def make_params(preset: str = "fast-cpu", **overrides) -> E2DTCParams:
    return params_from_preset(E2DTCParams, PRESETS, preset, overrides, "E2DTC")
