"""The mobility-embedding network: the hybrid Transformer + bidirectional LSTM of the "Experiment 21" post.

* spatial embedding: the normalised location expanded with sine/cosine features at ``fourier_frequencies``
  octaves (so 500 m differences stay visible in a 50 km city), then an MLP;
* temporal embedding: learned vectors of the slot, the day of week and the weekend flag, summed;
* spatial-temporal cross-attention (spatial queries attend over the temporal keys/values), residual + layer norm;
* ``transformer_layers`` pre-norm transformer encoder blocks (multi-head self-attention);
* a ``lstm_layers`` bidirectional LSTM of ``lstm_hidden`` units over the packed sequence;
* attention pooling (additive scores, softmax over the real records) -> the embedding ``z``;
* the next-location head: a vocabulary softmax and a pointer over the input records, mixed by a gate.

Imported lazily by the estimator (model.py stays importable without torch). The parameter names are those of the
model files.
"""

from __future__ import annotations

import torch
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

from .sequences import N_SLOTS, PAD_DOW, PAD_SLOT, PAD_WEEKEND


class TemporalEmbedding(nn.Module):
    """Sum of learned vectors of the half-hour slot, the day of week and the weekend flag (each with a padding row)."""

    def __init__(self, d_model: int):
        super().__init__()
        self.slot = nn.Embedding(N_SLOTS + 1, d_model, padding_idx=PAD_SLOT)
        self.dow = nn.Embedding(8, d_model, padding_idx=PAD_DOW)
        self.weekend = nn.Embedding(3, d_model, padding_idx=PAD_WEEKEND)

    def forward(self, slot, dow):
        weekend = torch.where(dow == PAD_DOW, torch.full_like(dow, PAD_WEEKEND), (dow >= 5).long())
        return self.slot(slot) + self.dow(dow) + self.weekend(weekend)


class MobilityNet(nn.Module):
    """Encoder (``encode``) and next-location head (``forward``) sized by a :class:`~.params.MobilityParams`, for
    ``n_classes`` location classes and ``n_users`` user rows (``use_user_embedding`` only; row 0: unknown user)."""

    def __init__(self, p, n_classes: int, n_users: int):
        super().__init__()
        d, h = p.d_model, p.lstm_hidden
        self.register_buffer("freqs", 2.0 ** torch.arange(p.fourier_frequencies, dtype=torch.float32))
        self.spatial = nn.Sequential(nn.Linear(2 + 4 * p.fourier_frequencies, d), nn.GELU(), nn.Linear(d, d))
        self.temporal = TemporalEmbedding(d)
        self.cross = nn.MultiheadAttention(d, p.n_heads, dropout=p.dropout, batch_first=True)
        self.cross_norm = nn.LayerNorm(d)
        self.encoder = None
        if p.transformer_layers:
            layer = nn.TransformerEncoderLayer(d, p.n_heads, 4 * d, p.dropout, batch_first=True, norm_first=True)
            self.encoder = nn.TransformerEncoder(layer, p.transformer_layers, enable_nested_tensor=False)
        self.lstm = nn.LSTM(
            d,
            h,
            p.lstm_layers,
            batch_first=True,
            bidirectional=True,
            dropout=p.dropout if p.lstm_layers > 1 else 0.0,
        )
        self.pool_w = nn.Linear(2 * h, h)
        self.pool_v = nn.Linear(h, 1, bias=False)
        self.target_time = TemporalEmbedding(d)
        self.user = nn.Embedding(n_users + 1, d) if p.use_user_embedding else None  # row 0: unknown user
        head_in = 2 * h + d + (d if p.use_user_embedding else 0)
        self.head = nn.Sequential(
            nn.Linear(head_in, 2 * h), nn.GELU(), nn.Dropout(p.dropout), nn.Linear(2 * h, n_classes)
        )
        self.query = nn.Linear(head_in, 2 * h)  # pointer over the input records
        self.key = nn.Linear(2 * h, 2 * h)
        self.gate = nn.Linear(head_in, 1)  # share of the vocabulary head vs the pointer

    def encode(self, uv, slot, dow, lengths, positions=False):
        """(B, 2h) embeddings of padded inputs (and the per-record LSTM outputs and the padding mask when
        ``positions``); positions >= lengths are padding and never used."""
        B, L, _ = uv.shape
        pad = torch.arange(L, device=uv.device)[None, :] >= lengths[:, None]
        ang = uv[..., None] * self.freqs  # (B, L, 2, F)
        feats = torch.cat([uv, torch.sin(ang).flatten(2), torch.cos(ang).flatten(2)], dim=-1)
        s = self.spatial(feats)
        tm = self.temporal(slot, dow)
        a, _ = self.cross(s, tm, tm, key_padding_mask=pad, need_weights=False)
        hx = self.cross_norm(s + a) + tm
        if self.encoder is not None:
            hx = self.encoder(hx, src_key_padding_mask=pad)
        packed = pack_padded_sequence(hx, lengths.cpu(), batch_first=True, enforce_sorted=False)
        out, _ = self.lstm(packed)
        out, _ = pad_packed_sequence(out, batch_first=True, total_length=L)
        score = self.pool_v(torch.tanh(self.pool_w(out))).squeeze(-1).masked_fill(pad, float("-inf"))
        w = torch.softmax(score, dim=1)
        z = (w.unsqueeze(-1) * out).sum(dim=1)
        return (z, out, pad) if positions else z

    def forward(self, uv, slot, dow, lengths, t_slot, t_dow, user=None):
        """(vocabulary log-probabilities (B, K+1), pointer log-probabilities over the input records (B, L),
        log of the vocabulary share g (B,), log of 1 - g (B,), embeddings (B, 2h))."""
        z, out, pad = self.encode(uv, slot, dow, lengths, positions=True)
        parts = [z, self.target_time(t_slot, t_dow)]
        if self.user is not None:
            parts.append(self.user(user if user is not None else torch.zeros_like(t_slot)))
        c = torch.cat(parts, dim=-1)
        vocab = torch.log_softmax(self.head(c), dim=-1)
        att = (self.key(out) * self.query(c).unsqueeze(1)).sum(-1) / float(out.shape[-1]) ** 0.5
        pointer = torch.log_softmax(att.masked_fill(pad, float("-inf")), dim=-1)
        g = self.gate(c).squeeze(-1)
        return vocab, pointer, torch.nn.functional.logsigmoid(g), torch.nn.functional.logsigmoid(-g), z
