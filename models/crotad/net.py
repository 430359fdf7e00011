"""Torch networks of CroTad (the encoder f with its route-wise GATv2, the reconstruction decoder, the DQN's Q head)
and of the Seq2Seq (SAE) baseline. Imported lazily by the estimators, which stay importable without torch.

Attribute names are the state-dict names stored in model files: keep them."""

from __future__ import annotations

import math

import torch
from torch import nn
from torch.nn import functional as F  # noqa: N812 (torch's usual name)

from .windows import N_SPECIAL, START

__all__ = ["GATv2", "Encoder", "Decoder", "QNet", "build_nets", "Seq2SeqNet"]


def mlp(i, h, o):
    return nn.Sequential(nn.Linear(i, h), nn.ReLU(), nn.Linear(h, o))


class GATv2(nn.Module):
    """Eq. 20-22: e_jk = a^T LeakyReLU(W1 [h_j || h_k]), softmax over N_j, H heads concatenated."""

    def __init__(self, d_in, d_out, heads):
        super().__init__()
        self.h, self.c = heads, d_out // heads
        self.w1 = nn.Linear(2 * d_in, heads * self.c)
        self.w2 = nn.Linear(d_in, heads * self.c, bias=False)
        self.a = nn.Parameter(torch.randn(heads, self.c) / math.sqrt(self.c))

    def forward(self, x, src, dst):
        e = F.leaky_relu(self.w1(torch.cat([x[dst], x[src]], 1)).view(-1, self.h, self.c), 0.2)
        e = (e * self.a).sum(-1)  # (E, H)
        emax = torch.full((x.shape[0], self.h), -1e30, device=x.device)
        emax = emax.scatter_reduce(0, dst[:, None].expand_as(e), e, "amax", include_self=True)
        w = torch.exp(e - emax[dst])
        den = torch.zeros(x.shape[0], self.h, device=x.device).index_add_(0, dst, w)
        alpha = w / den[dst].clamp_min(1e-12)
        msg = self.w2(x)[src].view(-1, self.h, self.c) * alpha[..., None]
        out = torch.zeros(x.shape[0], self.h, self.c, device=x.device).index_add_(0, dst, msg)
        return F.elu(out.reshape(x.shape[0], -1))


class Encoder(nn.Module):
    """f(T, od) of section 4.2.3 over a vocabulary of ``V`` tokens and ``n_od`` ODs; ``graph_arrays`` (node_tok,
    node_of, edge_src, edge_dst: the route-wise subgraphs) become buffers, as do the fixed node2vec vectors."""

    def __init__(self, V: int, n_od: int, p, graph_arrays: dict):
        super().__init__()
        d, dc = p.hidden, p.embed_dim
        self.register_buffer("base", torch.zeros(V, dc))  # node2vec vectors (fixed)
        self.special = nn.Parameter(torch.randn(N_SPECIAL, dc) * 0.1)
        for k, v in graph_arrays.items():
            self.register_buffer(k, torch.as_tensor(v))
        self.gat = nn.ModuleList([GATv2(dc if i == 0 else d, d, p.gat_heads) for i in range(p.gat_layers)])
        self.comb = mlp(d + dc, d, d)
        self.od_emb = nn.Embedding(max(n_od, 1), d)
        self.h0 = mlp(d, d, d)
        self.gru = nn.GRU(d, d, batch_first=True)
        self.wq = nn.Linear(d, d, bias=False)
        self.wk = nn.Linear(d, d, bias=False)
        self.out = mlp(d, d, d)
        self.proj = mlp(d, d, p.proj_dim)
        self._cache = None

    def cell_vectors(self, tok):
        special = tok < N_SPECIAL
        return torch.where(special[..., None], self.special[tok.clamp(max=N_SPECIAL - 1)], self.base[tok])

    def gat_nodes(self):
        """GAT output for every (OD, frequent cell) node; cached while the net is in eval mode."""
        if self._cache is not None and not self.training:
            return self._cache
        x = self.base[self.node_tok]
        for layer in self.gat:
            x = layer(x, self.edge_src, self.edge_dst)
        if not self.training:
            self._cache = x
        return x

    def train(self, mode=True):
        self._cache = None
        return super().train(mode)

    def forward(self, tok, lengths, od):
        """h (B, d) of windows ``tok`` (B, L) right-padded with PAD, ``lengths`` (B), OD indices ``od`` (B)."""
        gx = self.gat_nodes()
        node = self.node_of[od[:, None], tok].long()  # (B, L), -1 outside S_pos^od
        g = torch.where((node >= 0)[..., None], gx[node.clamp_min(0)], torch.zeros((), device=tok.device))
        x = self.comb(torch.cat([g, self.cell_vectors(tok)], -1))
        r = self.od_emb(od)
        hs, _ = self.gru(x, self.h0(r)[None].contiguous())
        valid = torch.arange(tok.shape[1], device=tok.device)[None] < lengths[:, None]
        s = (self.wk(hs) @ self.wq(r)[:, :, None]).squeeze(-1) / math.sqrt(hs.shape[-1])
        a = torch.softmax(s.masked_fill(~valid, -1e30), 1)
        return self.out((a[..., None] * hs).sum(1))


class Decoder(nn.Module):
    """f~ of Eq. 15-16: a GRU from z_0 = f(T~, od) over the previous cells, softmax over the vocabulary."""

    def __init__(self, V: int, p):
        super().__init__()
        self.inp = nn.Linear(p.embed_dim, p.hidden)
        self.gru = nn.GRU(p.hidden, p.hidden, batch_first=True)
        self.out = nn.Linear(p.hidden, V)

    def forward(self, enc, h, tok):
        prev = torch.cat([torch.full_like(tok[:, :1], START), tok[:, :-1]], 1)
        y, _ = self.gru(self.inp(enc.cell_vectors(prev)), h[None].contiguous())
        return self.out(y)


class QNet(nn.Module):
    """Q = mlp(f(s, od)) of the online detector: one value per action {normal, anomalous}."""

    def __init__(self, hidden: int):
        super().__init__()
        self.head = mlp(hidden, hidden, 2)

    def forward(self, h):
        return self.head(h)


def build_nets(V: int, n_od: int, p, graph_arrays: dict):
    """(Encoder, Decoder, QNet) of a model with ``V`` tokens and ``n_od`` ODs (created in this order: the order the
    seeded initial weights depend on)."""
    return Encoder(V, n_od, p, graph_arrays), Decoder(V, p), QNet(p.hidden)


class Seq2SeqNet(nn.Module):
    """GRU encoder-decoder of the Seq2Seq baseline: the OD embedding is the encoder's initial state, the decoder
    rebuilds the window from ``start`` (teacher forcing); logits over the ``n_vocab`` tokens."""

    def __init__(self, n_vocab: int, n_od: int, emb: int, hidden: int, pad: int, start: int):
        super().__init__()
        self.start = start
        self.embed = nn.Embedding(n_vocab, emb, padding_idx=pad)
        self.od = nn.Embedding(n_od, hidden)
        self.enc = nn.GRU(emb, hidden, batch_first=True)
        self.dec = nn.GRU(emb, hidden, batch_first=True)
        self.out = nn.Linear(hidden, n_vocab)

    def forward(self, x, lens, od):
        b = x.shape[0]
        h0 = self.od(od).unsqueeze(0)
        enc_out, _ = self.enc(self.embed(x), h0)
        # GRUs are causal: the output at the last real token ignores the padding after it
        h = enc_out[torch.arange(b, device=x.device), lens - 1].unsqueeze(0)
        start = torch.full((b, 1), self.start, dtype=x.dtype, device=x.device)
        dec_in = torch.cat([start, x[:, :-1]], dim=1)
        y, _ = self.dec(self.embed(dec_in), h)
        return self.out(y)
