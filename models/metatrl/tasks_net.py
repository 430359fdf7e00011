"""Torch modules of the downstream tasks (:mod:`.tasks`): :class:`GRUBaseline`, a supervised sequence encoder with
the interface :func:`.taskfit.fit_task` expects (``d_model`` and ``forward(batch) -> (B, d_model)``)."""

from __future__ import annotations

import torch
from torch import nn

from ..core.units import N_DAYS, N_MINUTES, N_SPECIAL, PAD_TOKEN


class GRUBaseline(nn.Module):
    """A supervised sequence encoder with the MetaTRL encoder interface: unit embedding + minute-of-day and
    day-of-week embeddings (zero where the time is hidden) + log1p of the gap to the previous unit (minutes)
    -> GRU -> hidden state after the last real unit. ``d_model`` = the GRU's hidden size."""

    def __init__(
        self,
        n_units: int,
        d_model: int = 64,
        unit_dim: int = 64,
        time_dim: int = 16,
        num_layers: int = 1,
        dropout: float = 0.0,
    ):
        super().__init__()
        self.n_units, self.d_model = int(n_units), int(d_model)
        self.unit_emb = nn.Embedding(self.n_units + N_SPECIAL, int(unit_dim), padding_idx=PAD_TOKEN)
        self.minute_emb = nn.Embedding(N_MINUTES + 1, int(time_dim), padding_idx=N_MINUTES)
        self.dow_emb = nn.Embedding(N_DAYS + 1, int(time_dim), padding_idx=N_DAYS)
        self.gru = nn.GRU(
            int(unit_dim) + 2 * int(time_dim) + 1,
            self.d_model,
            num_layers=int(num_layers),
            batch_first=True,
            dropout=float(dropout) if num_layers > 1 else 0.0,
        )

    def forward(self, batch):
        tokens = batch["tokens"]
        gap = torch.log1p(torch.clamp(batch["delta"].float(), min=0.0) / 60.0).unsqueeze(-1)
        x = torch.cat(
            [self.unit_emb(tokens), self.minute_emb(batch["minute"]), self.dow_emb(batch["dow"]), gap], dim=-1
        )
        lengths = (~batch["pad"]).sum(dim=1).clamp(min=1).cpu()
        packed = nn.utils.rnn.pack_padded_sequence(x, lengths, batch_first=True, enforce_sorted=False)
        _, h = self.gru(packed)
        return h[-1]
