"""E2DTC's network: t2vec's GRU seq2seq (bidirectional encoder, decoder started from the trajectory vector).

Imported lazily by the estimator (model.py stays importable without torch). The parameter names (``embed``,
``encoder``, ``decoder``, ``out``) are those of the model files."""

from __future__ import annotations

import torch
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

from ..core.discretize import PAD


class Seq2Seq(nn.Module):
    """Token embedding, bidirectional GRU encoder, GRU decoder and the vocabulary projection ``out`` of
    ``vocab_size`` tokens, sized by an :class:`~.params.E2DTCParams`."""

    def __init__(self, vocab_size: int, p):
        super().__init__()
        self.num_layers, self.readout = p.num_layers, p.readout
        drop = p.dropout if p.num_layers > 1 else 0.0
        self.embed = nn.Embedding(vocab_size, p.embedding_size, padding_idx=PAD)
        self.encoder = nn.GRU(
            p.embedding_size, p.hidden_size // 2, p.num_layers, batch_first=True, dropout=drop, bidirectional=True
        )
        self.decoder = nn.GRU(p.embedding_size, p.hidden_size, p.num_layers, batch_first=True, dropout=drop)
        self.out = nn.Linear(p.hidden_size, vocab_size)

    def encode(self, src: torch.Tensor, lengths: torch.Tensor):
        """(z, h0): the trajectory vectors (B, H) and the decoder's initial state (layers, B, H); row i
        belongs to src[i]. Both directions are concatenated."""
        packed = pack_padded_sequence(self.embed(src), lengths.cpu(), batch_first=True, enforce_sorted=False)
        out, h = self.encoder(packed)  # h: (layers * 2, B, H / 2), in src order
        layers, b = self.num_layers, src.shape[0]
        if self.readout == "last":
            h0 = h.view(layers, 2, b, -1).permute(0, 2, 1, 3).reshape(layers, b, -1)
            return h0[-1], h0
        out, _ = pad_packed_sequence(out, batch_first=True, total_length=src.shape[1])
        mask = (src != PAD).unsqueeze(-1).to(out.dtype)
        z = (out * mask).sum(1) / mask.sum(1).clamp_min(1.0)
        return z, z.unsqueeze(0).expand(layers, b, -1)

    def decode(self, h0: torch.Tensor, tgt_in: torch.Tensor, lengths: torch.Tensor = None) -> torch.Tensor:
        """Decoder outputs (B, T, H). With ``lengths`` the padded steps are skipped (packed sequences): the outputs
        at the real positions are the same, the padded ones are zeros, and a batch whose longest sequence is several
        times its mean length costs its real tokens only."""
        emb = self.embed(tgt_in)
        if lengths is None:
            return self.decoder(emb, h0.contiguous())[0]
        packed = pack_padded_sequence(emb, lengths.cpu(), batch_first=True, enforce_sorted=False)
        out, _ = self.decoder(packed, h0.contiguous())
        return pad_packed_sequence(out, batch_first=True, total_length=tgt_in.shape[1])[0]
