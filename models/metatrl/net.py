"""The torch network of one MetaTRL city (:class:`CityModel`): ``shared`` parameters (same shapes in every city, what
moves between cities) and ``private`` ones (the city's own). Sizes are :class:`~.params.MetaTRLParams`.

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
"""

from __future__ import annotations

import math
from typing import List

import numpy as np
import torch
from torch import nn
from torch.nn import functional as F  # noqa: N812 (torch's usual name)

from ..core.units import MASK_TOKEN, N_DAYS, N_MINUTES, N_SPECIAL, UnitNetwork
from .params import MetaTRLParams


def mlp(i: int, h: int, o: int) -> nn.Sequential:
    """Linear - GELU - Linear."""
    return nn.Sequential(nn.Linear(i, h), nn.GELU(), nn.Linear(h, o))


#: units of a city above which the unit encoder is checkpointed while training (:meth:`CityModel.unit_states`)
CHECKPOINT_UNITS = 20_000


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
    """The shared part of a knowledge-fusion layer: view MLP, W_Q, W_K, output projection, norms, feed-forward."""

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
    """The private part of a knowledge-fusion layer: view MLP and W_V."""

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
        self._register_graph(net, attrs, p_edges, d)

    def _register_graph(self, net: UnitNetwork, attrs: np.ndarray, p_edges: np.ndarray, d: int) -> None:
        """The buffers derived from the network (not saved): attributes, structure, edges with self-loops, their
        transition probabilities and the positional encoding."""
        n = net.size
        e = net.edges
        loops = np.arange(n, dtype=np.int64)
        src = np.concatenate([e[:, 0], loops])
        dst = np.concatenate([e[:, 1], loops])
        pe = np.concatenate([np.asarray(p_edges, np.float32), np.zeros(n, np.float32)])
        for name, value in (
            ("attrs", torch.as_tensor(attrs, dtype=torch.float32)),
            ("struct", torch.as_tensor(net.structure, dtype=torch.float32)),
            ("src", torch.as_tensor(src)),
            ("dst", torch.as_tensor(dst)),
            ("p_edge", torch.as_tensor(pe)),
            ("pos", sinusoid(4096, d)),
        ):
            self.register_buffer(name, value, persistent=False)

    # -------------------------------------------------------------- parts
    def unit_states(self):
        """(n, d) road/cell representations h (Eq. 5-10). While training on a city of many units (a week of
        Beijing taxis: 76 k H3 cells, every batch runs the GAT over all of them) the activations are not kept but
        recomputed in the backward pass (torch checkpointing, the same random draws): the same result, about 0.3 GB
        less at once."""
        if self.training and torch.is_grad_enabled() and self.n_units > CHECKPOINT_UNITS:
            from torch.utils.checkpoint import checkpoint

            return checkpoint(self._unit_states, use_reentrant=False)
        return self._unit_states()

    def _unit_states(self):
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


def sinusoid(n: int, d: int):
    """(n, d) sinusoidal position encoding."""
    pos = torch.arange(n, dtype=torch.float32)[:, None]
    div = torch.exp(torch.arange(0, d, 2, dtype=torch.float32) * (-math.log(10000.0) / d))
    pe = torch.zeros(n, d)
    pe[:, 0::2] = torch.sin(pos * div)
    pe[:, 1::2] = torch.cos(pos * div)[:, : d // 2]
    return pe
