"""MetaTRL (Yu et al., AAAI 2026): self-supervised cross-city trajectory representation learning with shared and
private parameters, as a scikit-learn shaped engine: ``MetaTRL(params).fit(target, sources)``, ``transform``
(embeddings), ``encoder()`` (a torch module for the downstream heads of :mod:`models.trajtasks`), ``save``/``load``.
Pure numpy + torch; no QGIS. Units are road segments (:mod:`models.roadnet`) or cells (:mod:`models.units`).

A city is a :class:`City`: its :class:`~models.units.UnitNetwork` and the :class:`~models.units.UnitSequences` of its
trajectories. Every city has its own model; the parameters named ``shared`` have the same shapes in every city and
are what moves between cities, the ``private`` ones are the city's own.

Model (sizes are :class:`MetaTRLParams`):
* road/cell encoder (Eq. 5-10): MKF = shared MLP of the structural vector s (6 values, km); NAF = private MLP of the
  attributes u, to which we add (private, not in the paper) sine/cosine features of the unit's position in its city
  (``position_octaves``) and, with ``unit_ids``, a learned vector per unit: attributes alone (class, lanes, length,
  degree; for cells visits and degree) leave most units indistinguishable, and the unit-recovery task and
  destination prediction must tell them apart (measured in benchmarks/metatrl_crosscity.py); ``gat_layers``
  private GAT layers h' = ELU(sum_j a_ij h_j W1) over each unit's successors and itself,
  with e_ij = ((h_i || h_j) W_ij + p_ij W3) W4^T, W_ij = MKF(e_ij)^T W2 and MKF(e_ij) = MKF(s_i) || MKF(s_j); p_ij the
  transition probability of the training trajectories. The product (h_i || h_j) . MKF(e_ij) is divided by sqrt(2 d)
  (not in the paper: without it the scores of 128-d vectors saturate the softmax at initialisation);
* temporal encoder (Eq. 11-14): private day-of-week and minute-of-day embeddings + the shared interval encoder
  softmax(MLP(log(1 + delta seconds))) over ``n_buckets`` shared bucket vectors (the log makes the MLP's input
  comparable between a 15 s taxi log and a 5 s GeoLife log);
* knowledge-fusion encoder (Eq. 15-18): x_i = h_i + T_i + pe_i (sinusoidal); per layer a shared view MLP gives Q and
  K (shared W_Q, W_K) and a private view MLP gives V (private W_V); multi-head attention, residual + layer norm, a
  feed-forward block; mean pooling over the units -> z. Shared besides Q/K (the paper is silent; the authors' family
  of code keeps only the value path, the unit embeddings and the heads private): the attention output projection,
  the feed-forward blocks, the layer norms, the mask vectors and the time-recovery head.
* pre-training (Eq. 19-20): whole spans (non-adjacent sub-trajectories, mean length ``span_mean``) covering
  ``mask_ratio`` of the units are fully masked (unit and time) and classified over the city's units (private linear
  head, cross-entropy); of the other units a ``time_mask_ratio`` share has its time hidden and regressed (shared
  linear head, MSE) as log(1 + minutes since the trajectory's first unit) - a scale that is the same in every city.
  L = gamma L_fm + (1 - gamma) L_tm.

Cross-city meta-learning (Eq. 1-4), ``meta_epochs`` times: for each source city, its shared parameters are cloned
from the meta model; it trains ``source_epochs`` on its training split (Eq. 1, Adam, ``learning_rate``); the
gradient of its pre-training loss on its test split (``test_share``) at the trained parameters updates the meta
model's shared parameters (Eq. 2, first order). ``meta_update`` = "first-order" takes exactly the SGD step
Theta_meta -= meta_lr * grad; "continue" (default) first carries the source's trained shared parameters into the
meta model, then takes that step - the reading in which the source model trains the meta model's shared tensors in
place, as in Fig. 1 (measured in benchmarks/metatrl_crosscity.py: the literal step alone moves the meta model by
about meta_lr per meta epoch, which leaves the target with a near-random initialisation). Then the target's shared
parameters are cloned from the meta model (Eq. 3) and the target pre-trains ``target_epochs`` (Eq. 4), raised to reach
``min_target_steps`` batches when the target is small (the fast-CPU preset's 600: 8 epochs of 500 trips are 64
steps, against the paper's ~7,800 for 10 epochs of 50,000 trips; measured in benchmarks/metatrl_crosscity.py). Without
sources it is single-city pre-training. The target's private parameters are never touched by the meta steps.
"""

from __future__ import annotations

import math
import time
from dataclasses import asdict, dataclass
from typing import List, Optional, Sequence

import numpy as np

from ..core.modelfile import ModelFileError, params_from_meta, params_from_preset, read_model, save_model, torch_setup  # noqa: F401 (ModelFileError re-exported)
from ..core.progress import CancelFn, ProgressFn, check, report, scaled
from ..core.units import MASK_TOKEN, N_DAYS, N_MINUTES, N_SPECIAL, UnitNetwork, UnitSequences, batch_arrays, to_tensors

ALGORITHM = "metatrl"
MODEL_VERSION = 1
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


# ============================================================================================ torch modules
def _build_classes(torch):
    nn, F = torch.nn, torch.nn.functional

    def mlp(i, h, o):
        return nn.Sequential(nn.Linear(i, h), nn.GELU(), nn.Linear(h, o))

    class GATLayer(nn.Module):
        """Eq. 8-10 (private)."""

        def __init__(self, d):
            super().__init__()
            self.w1 = nn.Linear(d, d, bias=False)
            self.w2 = nn.Parameter(torch.randn(d) / math.sqrt(d))
            self.w3 = nn.Parameter(torch.randn(d) / math.sqrt(d))
            self.w4 = nn.Parameter(torch.randn(d) / math.sqrt(d))
            self.scale = 1.0 / math.sqrt(2 * d)

        def forward(self, h, mk, src, dst, p):
            # node src attends to its successor dst: score = ((h_i||h_j) . (mk_i||mk_j)) W2 + p_ij W3, then . W4
            a = ((h[src] * mk[src]).sum(-1) + (h[dst] * mk[dst]).sum(-1)) * self.scale
            e = F.leaky_relu(a * (self.w2 @ self.w4) + p * (self.w3 @ self.w4), 0.2)
            n = h.shape[0]
            mx = torch.full((n,), -1e30, device=h.device, dtype=e.dtype).scatter_reduce(
                0, src, e, reduce="amax", include_self=True
            )
            w = torch.exp(e - mx[src])
            den = torch.zeros(n, device=h.device, dtype=e.dtype).index_add(0, src, w)
            alpha = w / den[src].clamp_min(1e-12)
            msg = self.w1(h)[dst] * alpha[:, None]
            return F.elu(torch.zeros_like(h).index_add(0, src, msg))

    class SharedLayer(nn.Module):
        def __init__(self, d, drop):
            super().__init__()
            self.view = mlp(d, d, d)
            self.q = nn.Linear(d, d)
            self.k = nn.Linear(d, d)
            self.out = nn.Linear(d, d)
            self.norm1 = nn.LayerNorm(d)
            self.ffn = nn.Sequential(nn.Linear(d, 4 * d), nn.GELU(), nn.Dropout(drop), nn.Linear(4 * d, d))
            self.norm2 = nn.LayerNorm(d)

    class PrivateLayer(nn.Module):
        def __init__(self, d):
            super().__init__()
            self.view = mlp(d, d, d)
            self.v = nn.Linear(d, d)

    class CityModel(nn.Module):
        """The whole model of one city: ``shared`` and ``private`` parameter groups and the city's graph."""

        def __init__(self, p: MetaTRLParams, net: UnitNetwork, p_edges: np.ndarray):
            super().__init__()
            d, n = p.d_model, net.size
            self.d_model, self.n_heads, self.n_units = d, p.n_heads, n
            self.shared = nn.ModuleDict(
                {
                    "mkf": mlp(6, d, d),
                    "interval": mlp(1, d, p.n_buckets),
                    "layers": nn.ModuleList([SharedLayer(d, p.dropout) for _ in range(p.layers)]),
                    "tm_head": nn.Linear(d, 1),
                }
            )
            self.shared_buckets = nn.Parameter(torch.randn(p.n_buckets, d) * 0.02)
            self.shared_unit_mask = nn.Parameter(torch.zeros(d))
            self.shared_time_mask = nn.Parameter(torch.zeros(d))
            attrs = unit_features(net, p.position_octaves)
            self.private = nn.ModuleDict(
                {
                    "naf": mlp(attrs.shape[1], d, d),
                    "gat": nn.ModuleList([GATLayer(d) for _ in range(p.gat_layers)]),
                    "minute": nn.Embedding(N_MINUTES + 1, d),
                    "dow": nn.Embedding(N_DAYS + 1, d),
                    "layers": nn.ModuleList([PrivateLayer(d) for _ in range(p.layers)]),
                    "fm_head": nn.Linear(d, n),
                }
            )
            if p.unit_ids:
                self.private["unit_ids"] = nn.Embedding(n, d)
                nn.init.normal_(self.private["unit_ids"].weight, std=0.02)
            self.drop = nn.Dropout(p.dropout)
            e = net.edges
            loops = np.arange(n, dtype=np.int64)
            src = np.concatenate([e[:, 0], loops])
            dst = np.concatenate([e[:, 1], loops])
            pe = np.concatenate([np.asarray(p_edges, np.float32), np.zeros(n, np.float32)])
            # derived from the network and p_ij (stored once in the model file): not part of the state dict
            for name, value in (
                ("attrs", torch.as_tensor(attrs, dtype=torch.float32)),
                ("struct", torch.as_tensor(net.structure, dtype=torch.float32)),
                ("src", torch.as_tensor(src)),
                ("dst", torch.as_tensor(dst)),
                ("p_edge", torch.as_tensor(pe)),
                ("pos", _sinusoid(torch, 4096, d)),
            ):
                self.register_buffer(name, value, persistent=False)

        # -------------------------------------------------------------- parts
        def unit_states(self):
            """(n, d) road/cell representations h (Eq. 5-10)."""
            mk = self.shared["mkf"](self.struct)
            h = self.private["naf"](self.attrs)
            if "unit_ids" in self.private:
                h = h + self.private["unit_ids"].weight
            for layer in self.private["gat"]:
                h = layer(h, mk, self.src, self.dst, self.p_edge)
            return h

        def time_states(self, b):
            """(B, L, d) T = period + interval (Eq. 11-14); hidden times take the shared mask vector."""
            tp = self.private["minute"](b["minute"]) + self.private["dow"](b["dow"])
            w = torch.softmax(self.shared["interval"](torch.log1p(b["delta"].clamp_min(0))[..., None]), dim=-1)
            t = tp + w @ self.shared_buckets
            return torch.where(b["time_mask"][..., None], self.shared_time_mask.expand_as(t), t)

        def sequence_states(self, b, h_units=None):
            """(B, L, d) Z of the knowledge-fusion encoder (Eq. 15-18)."""
            h_units = self.unit_states() if h_units is None else h_units
            tok = b["tokens"]
            pad = b["pad"]
            unit_masked = tok == MASK_TOKEN
            idx = (tok - N_SPECIAL).clamp_min(0)
            h = h_units[idx]
            h = torch.where(unit_masked[..., None], self.shared_unit_mask.expand_as(h), h)
            L = tok.shape[1]
            x = self.drop(h + self.time_states(b) + self.pos[:L][None])
            B, nh = tok.shape[0], self.n_heads
            dh = self.d_model // nh
            attn_mask = ~pad[:, None, None, :]  # True = may attend
            for sl, pl in zip(self.shared["layers"], self.private["layers"]):
                xs, xp = sl.view(x), pl.view(x)
                q = sl.q(xs).view(B, L, nh, dh).transpose(1, 2)
                k = sl.k(xs).view(B, L, nh, dh).transpose(1, 2)
                v = pl.v(xp).view(B, L, nh, dh).transpose(1, 2)
                a = F.scaled_dot_product_attention(q, k, v, attn_mask=attn_mask)
                a = a.transpose(1, 2).reshape(B, L, self.d_model)
                x = sl.norm1(x + self.drop(sl.out(a)))
                x = sl.norm2(x + self.drop(sl.ffn(x)))
            return x

        def forward(self, b, h_units=None):
            """(B, d) trajectory embeddings z: mean of Z over the real units."""
            z = self.sequence_states(b, h_units)
            keep = (~b["pad"]).float()[..., None]
            return (z * keep).sum(1) / keep.sum(1).clamp_min(1.0)

        def shared_names(self) -> List[str]:
            return [k for k, _ in self.named_parameters() if k.startswith("shared")]

        def private_names(self) -> List[str]:
            return [k for k, _ in self.named_parameters() if not k.startswith("shared")]

    return CityModel


def unit_features(net: UnitNetwork, octaves: int) -> np.ndarray:
    """NAF input of every unit: its attributes u and, with ``octaves`` > 0, sine/cosine features of its position
    (km from the network's median point, over the network's extent) at ``octaves`` doubling frequencies."""
    parts = [net.attributes] if net.attributes.shape[1] else []
    if octaves:
        ll = net.lonlat
        lat0 = np.radians(np.median(ll[:, 1]))
        x = np.radians(ll[:, 0] - np.median(ll[:, 0])) * np.cos(lat0) * 6371.0
        y = np.radians(ll[:, 1] - np.median(ll[:, 1])) * 6371.0
        extent = max(float(np.ptp(x)), float(np.ptp(y)), 1e-3)
        xy = np.column_stack([x, y]) / extent
        f = (2.0 ** np.arange(octaves)) * np.pi
        ang = (xy[:, :, None] * f[None, None, :]).reshape(len(ll), -1)
        parts += [np.sin(ang), np.cos(ang)]
    if not parts:
        return np.zeros((net.size, 1), np.float32)
    return np.concatenate(parts, axis=1).astype(np.float32)


def _sinusoid(torch, n, d):
    pos = torch.arange(n, dtype=torch.float32)[:, None]
    div = torch.exp(torch.arange(0, d, 2, dtype=torch.float32) * (-math.log(10000.0) / d))
    pe = torch.zeros(n, d)
    pe[:, 0::2] = torch.sin(pos * div)
    pe[:, 1::2] = torch.cos(pos * div)[:, : d // 2]
    return pe


# ============================================================================================ masking
def span_mask(length: int, ratio: float, span_mean: float, rng) -> np.ndarray:
    """Positions (bool, ``length``) of non-adjacent spans covering about ``ratio`` of a sequence (at least one unit,
    never all of it); span lengths are geometric with mean ``span_mean``."""
    m = np.zeros(length, bool)
    target = max(1, int(round(ratio * length)))
    target = min(target, max(length - 1, 1))
    tries = 0
    while m.sum() < target and tries < 4 * length:
        tries += 1
        span = int(min(rng.geometric(1.0 / span_mean), target - m.sum()))
        start = int(rng.integers(0, length))
        end = min(start + span, length)
        lo, hi = max(start - 1, 0), min(end + 1, length)
        if m[lo:hi].any():  # spans stay apart: sub-trajectories, not one long gap
            continue
        m[start:end] = True
    if length > 1 and m.all():
        m[int(rng.integers(0, length))] = False
    return m


def _pretrain_batch(seqs: UnitSequences, rows, p: MetaTRLParams, rng):
    """Arrays of a pre-training batch: a random window of at most max_len units per trajectory, span-masked units
    (token MASK, time hidden) with their unit targets, time-masked units with their targets."""
    rows = np.asarray(rows, np.int64)
    lens = seqs.lengths[rows]
    take = np.minimum(lens, p.max_len)
    start = (rng.random(rows.size) * (lens - take + 1)).astype(np.int64)
    b = batch_arrays(seqs, rows, p.max_len, keep=start + take)  # units start .. start + take - 1
    B, L = b["tokens"].shape
    fm = np.zeros((B, L), bool)
    for i, k in enumerate(take):
        fm[i, :k] = span_mask(int(k), p.mask_ratio, p.span_mean, rng)
    tm = (~fm) & (~b["pad"]) & (rng.random((B, L)) < p.time_mask_ratio)
    b["fm_target"] = np.where(fm, b["tokens"] - N_SPECIAL, -100)
    b["tm_target"] = np.log1p(b["elapsed"] / 60.0).astype(np.float32)
    b["tm"] = tm
    b["tokens"] = np.where(fm, MASK_TOKEN, b["tokens"])
    hide = fm | tm
    b["time_mask"] = b["time_mask"] | hide
    b["minute"] = np.where(hide, N_MINUTES, b["minute"])
    b["dow"] = np.where(hide, N_DAYS, b["dow"])
    b["delta"] = np.where(hide, 0.0, b["delta"]).astype(np.float32)
    return b


def length_batches(lengths, rows, batch_size: int, rng, pool: int = 20) -> List[np.ndarray]:
    """``rows`` in random batches of about equal length (less padding): shuffled, sorted by length within pools of
    ``pool`` batches, cut into batches, and the batches shuffled."""
    rows = np.asarray(rows, np.int64)
    lengths = np.asarray(lengths)
    perm = rng.permutation(rows.size)
    out = []
    step = batch_size * pool
    for k in range(0, perm.size, step):
        chunk = perm[k : k + step]
        chunk = chunk[np.argsort(lengths[chunk], kind="stable")]
        out += [rows[chunk[j : j + batch_size]] for j in range(0, chunk.size, batch_size)]
    return [out[i] for i in rng.permutation(len(out))]


_INPUT_KEYS = ("tokens", "minute", "dow", "delta", "time_mask", "pad")


# ============================================================================================ the estimator
class MetaTRL:
    """Cross-city trajectory representation learning (see the module docstring)."""

    def __init__(self, params: Optional[MetaTRLParams] = None, device: str = "auto", n_threads: Optional[int] = None):
        self.params = params or make_params("fast-cpu")
        self.device = device
        self.n_threads = n_threads
        self.model_ = None  # the target city's CityModel
        self.network_: Optional[UnitNetwork] = None
        self.p_edges_: Optional[np.ndarray] = None
        self.history_: dict = {}
        self.info_: dict = {}

    def _setup(self):
        self._torch, self._dev = torch_setup(self.device, self.n_threads)
        return self._torch

    def _require_fitted(self):
        if self.model_ is None:
            raise RuntimeError("the MetaTRL model is not trained yet: call fit() or load()")

    def _new_model(self, city_net: UnitNetwork, p_edges):
        CityModel = _build_classes(self._torch)
        return CityModel(self.params, city_net, p_edges).to(self._dev)

    # -------------------------------------------------------------------------------- data checks
    def _prepare(self, city: City, cap: int, role: str, rng) -> UnitSequences:
        seqs = city.sequences
        if seqs.units.size and (seqs.units.min() < 0 or seqs.units.max() >= city.network.size):
            raise MetaTRLDataError(f"{role} city '{city.name}': unit indices outside its network")
        usable = np.flatnonzero(seqs.lengths >= self.params.min_units)
        if usable.size < 2:
            raise MetaTRLDataError(
                f"{role} city '{city.name}' has {usable.size} trajectory(ies) with at least {self.params.min_units} "
                "units; MetaTRL needs at least 2 (use smaller units, or more trajectories)"
            )
        if usable.size > cap:
            usable = np.sort(rng.choice(usable, cap, replace=False))
        return seqs.subset(usable)

    # -------------------------------------------------------------------------------- training
    def _loss(self, model, b):
        torch = self._torch
        F = torch.nn.functional
        t = to_tensors(b, self._dev)
        z = model.sequence_states(t)
        fm = t["fm_target"] >= 0
        l_fm = F.cross_entropy(model.private["fm_head"](z[fm]), t["fm_target"][fm]) if fm.any() else z.sum() * 0
        tm = t["tm"]
        if tm.any():
            l_tm = F.mse_loss(model.shared["tm_head"](z[tm]).squeeze(-1), t["tm_target"][tm])
        else:
            l_tm = z.sum() * 0
        g = self.params.gamma
        return g * l_fm + (1 - g) * l_tm, float(l_fm.detach()), float(l_tm.detach())

    def _epoch(self, model, opt, seqs, rows, rng, cancel, progress=None):
        """One pass over ``rows`` in random batches of similar lengths; returns mean (loss, fm, tm)."""
        p = self.params
        model.train()
        batches = length_batches(seqs.lengths[rows], rows, p.batch_size, rng)
        sums = np.zeros(3)
        nb = 0
        n_batches = max(1, len(batches))
        for batch_rows in batches:
            check(cancel)
            b = _pretrain_batch(seqs, batch_rows, p, rng)
            loss, lf, lt = self._loss(model, b)
            opt.zero_grad()
            loss.backward()
            self._torch.nn.utils.clip_grad_norm_(model.parameters(), 5.0)
            opt.step()
            sums += (float(loss.detach()), lf, lt)
            nb += 1
            report(progress, 100.0 * nb / n_batches)
        return sums / max(nb, 1)

    def _test_gradient(self, model, seqs, rows, rng, cancel):
        """Mean loss of ``rows`` and the gradient of it, accumulated in the parameters' .grad (Eq. 2)."""
        p = self.params
        model.train()
        model.zero_grad()
        total, n = 0.0, 0
        for k in range(0, rows.size, p.batch_size):
            check(cancel)
            chunk = rows[k : k + p.batch_size]
            b = _pretrain_batch(seqs, chunk, p, rng)
            loss, _, _ = self._loss(model, b)
            (loss * chunk.size / rows.size).backward()
            total += float(loss.detach()) * chunk.size
            n += chunk.size
        return total / max(n, 1)

    def fit(
        self, target: City, sources: Sequence[City] = (), progress: ProgressFn = None, cancel: CancelFn = None, log=None
    ):
        """Meta-train on ``sources`` (may be empty), then pre-train on ``target``. ``log(text)`` gets progress lines."""
        p = self.params
        torch = self._setup()
        torch.manual_seed(p.seed)
        rng = np.random.default_rng(p.seed)
        say = log or (lambda s: None)
        t0 = time.time()
        tgt = self._prepare(target, p.max_target_trajectories, "target", rng)
        srcs = [(c, self._prepare(c, p.max_source_trajectories, "source", rng)) for c in sources]
        hist = {"meta": [], "target": []}
        self.network_ = target.network
        self.p_edges_ = target.network.transition_probabilities(tgt)
        target_model = self._new_model(target.network, self.p_edges_)
        shared = set(target_model.shared_names())
        meta_state = {k: v.detach().clone() for k, v in target_model.named_parameters() if k in shared}
        n_meta = p.meta_epochs if srcs else 0
        n_target = target_epochs(p, len(tgt))
        total_steps = n_meta * len(srcs) + n_target
        step = 0

        city_models, city_opts, city_splits = [], [], []
        for c, s in srcs:
            m = self._new_model(c.network, c.network.transition_probabilities(s))
            city_models.append(m)
            city_opts.append(torch.optim.Adam(m.parameters(), lr=p.learning_rate))
            perm = rng.permutation(len(s))
            n_test = max(1, int(round(p.test_share * len(s))))
            city_splits.append((np.sort(perm[n_test:]), np.sort(perm[:n_test])))
        for epoch in range(n_meta):
            for (c, s), m, opt, (tr, te) in zip(srcs, city_models, city_opts, city_splits):
                self._clone_shared(m, meta_state)  # parameters clone
                for _ in range(p.source_epochs):  # Eq. 1
                    loss, lf, lt = self._epoch(
                        m,
                        opt,
                        s,
                        tr,
                        rng,
                        cancel,
                        scaled(progress, 100.0 * step / max(total_steps, 1), 100.0 * (step + 1) / max(total_steps, 1)),
                    )
                test_loss = self._test_gradient(m, s, te, rng, cancel)  # Eq. 2
                with torch.no_grad():
                    for k, prm in m.named_parameters():
                        if k not in shared:
                            continue
                        base = prm.detach().clone() if p.meta_update == "continue" else meta_state[k]
                        grad = prm.grad if prm.grad is not None else torch.zeros_like(prm)
                        meta_state[k] = base - p.meta_lr * grad
                m.zero_grad()
                hist["meta"].append(
                    {"meta_epoch": epoch + 1, "city": c.name, "loss": loss, "fm": lf, "tm": lt, "test_loss": test_loss}
                )
                say(
                    f"meta epoch {epoch + 1}/{n_meta}, source {c.name}: train loss {loss:.4f} "
                    f"(units {lf:.3f}, time {lt:.4f}), test loss {test_loss:.4f}"
                )
                step += 1
        if srcs:
            self._clone_shared(target_model, meta_state)  # Eq. 3
        opt = torch.optim.Adam(target_model.parameters(), lr=p.learning_rate)
        rows = np.arange(len(tgt))
        if n_target > p.target_epochs:
            say(
                f"target {target.name}: {n_target} epochs instead of {p.target_epochs}, to reach "
                f"{p.min_target_steps} steps on {len(tgt)} trajectories"
            )
        for epoch in range(n_target):  # Eq. 4
            loss, lf, lt = self._epoch(
                target_model,
                opt,
                tgt,
                rows,
                rng,
                cancel,
                scaled(progress, 100.0 * step / max(total_steps, 1), 100.0 * (step + 1) / max(total_steps, 1)),
            )
            hist["target"].append({"epoch": epoch + 1, "city": target.name, "loss": loss, "fm": lf, "tm": lt})
            say(f"target {target.name} epoch {epoch + 1}/{n_target}: loss {loss:.4f} (units {lf:.3f}, time {lt:.4f})")
            step += 1
        target_model.eval()
        self.model_ = target_model
        self.history_ = hist
        self.info_ = {
            "target": target.name,
            "sources": [c.name for c, _ in srcs],
            "n_target_trajectories": int(len(tgt)),
            "target_epochs_run": int(n_target),
            "n_source_trajectories": {c.name: int(len(s)) for c, s in srcs},
            "n_units": int(target.network.size),
            "unit_kind": target.network.kind,
            "train_seconds": round(time.time() - t0, 1),
        }
        report(progress, 100)
        return self

    def _clone_shared(self, model, state):
        with self._torch.no_grad():
            for k, prm in model.named_parameters():
                if k in state:
                    prm.copy_(state[k])

    # -------------------------------------------------------------------------------- use
    def encoder(self):
        """The target city's model as a torch module: ``forward(batch)`` -> (B, d_model) embeddings, where
        ``batch`` holds tensors of :func:`models.units.batch_arrays`."""
        self._require_fitted()
        return self.model_

    def check_network(self, net: UnitNetwork) -> None:
        """Raise MetaTRLDataError when ``net`` is not the network the model was trained on."""
        self._require_fitted()
        if net.kind != self.network_.kind:
            raise MetaTRLDataError(f"the model was trained on {self.network_.kind} units, not {net.kind} units")
        if net.fingerprint != self.network_.fingerprint:
            raise MetaTRLDataError(
                "this road network / cell set is not the one the model was trained on (different segments or "
                "graph); use the same road layer (or unit settings) as for training"
            )

    def transform(
        self, seqs: UnitSequences, batch_size: int = 256, progress: ProgressFn = None, cancel: CancelFn = None
    ) -> np.ndarray:
        """(n, d_model) embeddings of the sequences (on the model's network); an empty sequence gets NaNs."""
        self._require_fitted()
        torch = self._torch
        model = self.model_
        model.eval()
        n = len(seqs)
        out = np.full((n, self.params.d_model), np.nan, np.float32)
        rows = np.flatnonzero(seqs.lengths > 0)
        with torch.no_grad():
            h = model.unit_states()
            for k in range(0, rows.size, batch_size):
                check(cancel)
                idx = rows[k : k + batch_size]
                b = batch_arrays(seqs, idx, self.params.max_len)
                out[idx] = model(to_tensors({key: b[key] for key in _INPUT_KEYS}, self._dev), h).cpu().numpy()
                report(progress, 100.0 * (k + idx.size) / max(rows.size, 1))
        return out

    # -------------------------------------------------------------------------------- persistence
    def save(self, path: str, extra: Optional[dict] = None) -> None:
        self._require_fitted()
        net = self.network_
        state = {f"model.{k}": v for k, v in self.model_.state_dict().items()}
        torch = self._torch
        for k, v in net.to_state("network.").items():
            state[k] = torch.as_tensor(np.ascontiguousarray(v))
        state["p_edges"] = torch.as_tensor(np.asarray(self.p_edges_, np.float32))
        meta = {
            "algorithm": ALGORITHM,
            "version": MODEL_VERSION,
            "params": asdict(self.params),
            "network": net.to_meta(),
            "history": self.history_,
            "info": self.info_,
            "extra": extra or {},
        }
        save_model(path, meta, state)

    @classmethod
    def load(cls, path: str, device: str = "auto", n_threads: Optional[int] = None) -> "MetaTRL":
        meta, state = read_model(path, ALGORITHM, MODEL_VERSION, "a MetaTRL one")
        obj = cls(params_from_meta(MetaTRLParams, meta["params"]), device=device, n_threads=n_threads)
        obj._setup()
        arrays = {k: v.numpy() for k, v in state.items() if k.startswith("network.")}
        obj.network_ = UnitNetwork.from_stored(meta["network"], arrays, "network.")
        obj.p_edges_ = state["p_edges"].numpy()
        obj.history_ = meta.get("history", {})
        obj.info_ = meta.get("info", {})
        obj.extra_ = meta.get("extra", {})
        model = obj._new_model(obj.network_, obj.p_edges_)
        # buffers derived from the network are not saved; files of the first version stored them
        derived = {name for name, _ in model.named_buffers()} - set(model.state_dict())
        model.load_state_dict(
            {
                k[len("model.") :]: v
                for k, v in state.items()
                if k.startswith("model.") and k[len("model.") :] not in derived
            }
        )
        model.eval()
        obj.model_ = model
        return obj
