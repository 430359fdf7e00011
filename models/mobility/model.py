"""Mobility embeddings: the hybrid Transformer + bidirectional LSTM of the "Experiment 21" post (LYMob-4Cities),
as a scikit-learn shaped engine: ``MobilityEmbedder(params).fit(sequences)``, ``transform`` (embeddings),
``predict_topk`` (next location), ``save``/``load``. Pure numpy + torch + scikit-learn; no QGIS.

Data. One sequence per (user, local day) or per trajectory (:func:`build_sequences`). Points are thinned to one
record per resampling slot (default 30 minutes, LYMob's ``t``): the first point of each slot. Every record has a
location (projected x/y in metres), a half-hour slot of the local day (0..47), a day of week (0 = Monday) and the
weekend flag derived from it.

Model (sizes are :class:`MobilityParams`):
* spatial embedding: the location normalised by the training mean and one isotropic scale, expanded with sine/cosine
  features at ``fourier_frequencies`` octaves (so 500 m differences stay visible in a 50 km city), then an MLP;
* temporal embedding: learned vectors of the slot, the day of week and the weekend flag, summed;
* spatial-temporal cross-attention (spatial queries attend over the temporal keys/values), residual + layer norm;
* ``transformer_layers`` pre-norm transformer encoder blocks (multi-head self-attention);
* a ``lstm_layers`` bidirectional LSTM of ``lstm_hidden`` units (the embedding has 2 x ``lstm_hidden`` = 512 values
  by default) over the packed sequence;
* attention pooling (additive scores, softmax over the real records) -> the embedding ``z``.

Training (self-supervised): next-location prediction. A training sample cuts a sequence at position k >= 1: the
input is records 0..k-1 (never record k: the target is not part of the input, the post's pitfall 1), the target is
the location class of record k, and the head also gets the *time* of record k (where will the user be at 14:30?).
Location classes are the ``max_locations`` most visited square cells (``cell_size``) of the training users, class 0
being "any other cell". Gaussian noise (``noise_m`` metres) is added to the input coordinates; the users are split
into training and validation users (``validation_share``), and training stops early when the validation loss has
not improved for ``patience`` epochs, keeping the best weights.

The post's other pitfalls are requirements here: padding is identified by masks (key-padding masks in both
attentions, packed sequences in the LSTM, masked pooling; categorical inputs pad with their own index, never a real
slot or day), so padded values can never change an embedding (pitfall 2); a user id, when used at all
(``use_user_embedding``, off by default), is a learned embedding with an "unknown user" row and only feeds the
prediction head, never the embedding, so unseen users embed exactly like seen ones (pitfall 3); and
:func:`standardized_pca` standardises each dimension to zero mean and unit variance before PCA, never L2-normalising
the matrix (pitfall 4).

Evaluation helpers: :func:`evaluate_next` (accuracy@k on all cut points of held-out sequences), the
:class:`MostFrequentBaseline` and :class:`MarkovBaseline` next-location baselines, and :func:`reidentification`
(top-k retrieval of a user's other days from one day's embedding).
"""

from __future__ import annotations

import copy
import time
from dataclasses import asdict, dataclass
from typing import Dict, List, Optional

import numpy as np

from ..core.modelfile import ModelFileError, params_from_meta, params_from_preset, read_model, save_model, torch_setup  # noqa: F401 (ModelFileError re-exported)
from ..core.progress import CancelFn, ProgressFn, check, report

ALGORITHM = "mobility"
MODEL_VERSION = 1
DAY_S = 86400
SLOT_S = 1800  # time-of-day feature: half-hour slots, LYMob's t
N_SLOTS = DAY_S // SLOT_S  # 48; index 48 pads
PAD_SLOT, PAD_DOW, PAD_WEEKEND = N_SLOTS, 7, 2
GROUP_BY = ("user-day", "trajectory")


class MobilityDataError(ValueError):
    """Input that cannot form mobility sequences (the message says what to change)."""


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
#: and fewer samples, same 512-d embedding, for minutes on a laptop
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
    ),
}


def make_params(preset: str = "fast-cpu", **overrides) -> MobilityParams:
    return params_from_preset(MobilityParams, PRESETS, preset, overrides, "mobility-embedding")


# ============================================================================================ sequences
@dataclass
class MobilitySequences:
    """Sequences of records in flat arrays (sequence ``i`` owns records ``offsets[i]:offsets[i+1]``)."""

    keys: np.ndarray  # (n,) str: "user_YYYY-MM-DD" or the trajectory id
    users: np.ndarray  # (n,) object: the user of each sequence
    days: np.ndarray  # (n,) int64: local day number (days since 1970-01-01) of the first record
    offsets: np.ndarray  # (n+1,) int64
    x: np.ndarray  # (N,) metres
    y: np.ndarray
    t: np.ndarray  # (N,) int64 epoch seconds (UTC)
    slot: np.ndarray  # (N,) int64 half-hour slot of the local day 0..47
    dow: np.ndarray  # (N,) int64 local day of week, 0 = Monday
    source: np.ndarray  # (N,) int64 index of the record's point in the arrays given to build_sequences
    n_groups: int = 0  # groups before dropping the short ones
    n_short: int = 0  # groups dropped for having fewer than min_records records
    point_sequence: Optional[np.ndarray] = None  # (points given to build_sequences,) its sequence or -1

    def __len__(self) -> int:
        return int(self.keys.shape[0])

    @property
    def lengths(self) -> np.ndarray:
        return np.diff(self.offsets)

    @property
    def n_records(self) -> int:
        return int(self.x.shape[0])

    @property
    def day_strings(self) -> np.ndarray:
        return self.days.astype("datetime64[D]").astype(str)

    def subset(self, rows) -> "MobilitySequences":
        rows = np.asarray(rows)
        if rows.dtype == bool:
            rows = np.flatnonzero(rows)
        lens = self.lengths[rows]
        offsets = np.zeros(rows.size + 1, np.int64)
        np.cumsum(lens, out=offsets[1:])
        idx = _ranges(self.offsets[rows], lens)
        return MobilitySequences(
            self.keys[rows],
            self.users[rows],
            self.days[rows],
            offsets,
            self.x[idx],
            self.y[idx],
            self.t[idx],
            self.slot[idx],
            self.dow[idx],
            self.source[idx],
        )


def _ranges(starts: np.ndarray, lens: np.ndarray) -> np.ndarray:
    total = int(lens.sum())
    if total == 0:
        return np.zeros(0, np.int64)
    base = np.repeat(np.asarray(starts, np.int64) - np.concatenate([[0], np.cumsum(lens)[:-1]]), lens)
    return base + np.arange(total, dtype=np.int64)


def build_sequences(
    group,
    user,
    x,
    y,
    t,
    *,
    group_by: str = "user-day",
    resample_s: float = SLOT_S,
    tz_offset_s: int = 0,
    min_records: int = 2,
) -> MobilitySequences:
    """Records of mobility sequences from flat point arrays.

    ``group``: per-point trajectory id (``group_by="trajectory"``: one sequence per id) or user id
    (``"user-day"``: one sequence per user and local day); ``user``: per-point user (None: the group id).
    ``t``: epoch seconds (UTC); local time = t + ``tz_offset_s``. Within each sequence only the first point of each
    ``resample_s`` slot is kept (0 keeps every point). Sequences with fewer than ``min_records`` records are dropped
    and counted; none left is an error that says what to change.
    """
    import pandas as pd

    if group_by not in GROUP_BY:
        raise ValueError(f"group_by must be one of {GROUP_BY}")
    group = np.asarray(group)
    n = group.shape[0]
    x, y, t = (np.asarray(a) for a in (x, y, t))
    if not (x.shape[0] == y.shape[0] == t.shape[0] == n):
        raise ValueError("group, x, y and t must have the same length")
    if n == 0:
        raise MobilityDataError("there are no points")
    user = group if user is None else np.asarray(user)
    local = t.astype(np.int64) + int(tz_offset_s)
    day = np.floor_divide(local, DAY_S)
    gcode = pd.factorize(group, sort=False)[0]
    if group_by == "user-day":
        key_code = pd.factorize(pd.MultiIndex.from_arrays([gcode, day]), sort=False)[0]
    else:
        key_code = gcode
    bucket = np.floor_divide(local, int(resample_s)) if resample_s and resample_s > 0 else np.arange(n)
    order = np.lexsort((np.arange(n), local, key_code))
    kc, bk = key_code[order], bucket[order]
    first = np.ones(n, bool)
    first[1:] = (kc[1:] != kc[:-1]) | (bk[1:] != bk[:-1])
    order, kc = order[first], kc[first]
    n_groups = int(key_code.max()) + 1
    counts = np.bincount(kc, minlength=n_groups)
    keep_key = counts >= min_records
    keep = keep_key[kc]
    order, kc = order[keep], kc[keep]
    if order.size == 0:
        what = "user-day" if group_by == "user-day" else "trajectory"
        hint = (
            "lower the resampling interval, or group by trajectory"
            if group_by == "user-day"
            else "lower the resampling interval"
        )
        raise MobilityDataError(
            f"no {what} has at least {min_records} records after keeping one point per "
            f"{_duration(resample_s)} slot ({n_groups} group(s) of {n} point(s)); {hint}"
        )
    # kc is sorted: sequences in order of key code
    seq_codes, starts = np.unique(kc, return_index=True)
    offsets = np.append(starts, kc.size).astype(np.int64)
    firsts = order[starts]
    sod = np.mod(local[order], DAY_S)
    rec_day = np.floor_divide(local[order], DAY_S)
    days = day[firsts].astype(np.int64)
    users = np.asarray(user[firsts], dtype=object)
    if group_by == "user-day":
        dstr = days.astype("datetime64[D]").astype(str)
        keys = np.array([f"{u}_{d}" for u, d in zip(users, dstr)], dtype=object)
    else:
        keys = np.array([str(g) for g in group[firsts]], dtype=object)
    seq_of_code = np.full(n_groups, -1, np.int64)
    seq_of_code[seq_codes] = np.arange(seq_codes.size)
    return MobilitySequences(
        keys=keys,
        users=users,
        days=days,
        offsets=offsets,
        x=x[order].astype(np.float64),
        y=y[order].astype(np.float64),
        t=t[order].astype(np.int64),
        slot=(sod // SLOT_S).astype(np.int64),
        dow=np.mod(rec_day + 3, 7).astype(np.int64),
        source=order.astype(np.int64),
        n_groups=n_groups,
        n_short=int((~keep_key).sum()),
        point_sequence=seq_of_code[key_code],
    )


def _duration(seconds) -> str:
    if not seconds:
        return "point"
    return f"{seconds / 60:g}-minute" if seconds >= 60 else f"{seconds:g}-second"


# ============================================================================================ locations
class LocationGrid:
    """Square cells of ``cell_size`` metres from ``origin``, identified by an int64 key (any cell, also one never
    seen in training); the ``max_locations`` most visited training cells are the vocabulary classes 1..K of the
    prediction head, class 0 is every other cell."""

    _OFF = 1 << 20

    def __init__(self, origin, cell_size: float, cell_keys: np.ndarray):
        self.origin = (float(origin[0]), float(origin[1]))
        self.cell_size = float(cell_size)
        self.cell_keys = np.asarray(cell_keys, np.int64)  # class c (1..K) is cell_keys[c - 1]
        self._sorted = np.argsort(self.cell_keys, kind="stable")

    @property
    def n_classes(self) -> int:
        return int(self.cell_keys.size) + 1

    def keys(self, x, y) -> np.ndarray:
        ix = np.floor((np.asarray(x) - self.origin[0]) / self.cell_size).astype(np.int64)
        iy = np.floor((np.asarray(y) - self.origin[1]) / self.cell_size).astype(np.int64)
        ix = np.clip(ix + self._OFF, 0, 2 * self._OFF - 1)
        iy = np.clip(iy + self._OFF, 0, 2 * self._OFF - 1)
        return ix * (2 * self._OFF) + iy

    @classmethod
    def fit(cls, x, y, cell_size: float, max_locations: int) -> "LocationGrid":
        x, y = np.asarray(x), np.asarray(y)
        origin = (float(x.min()) - cell_size / 2, float(y.min()) - cell_size / 2)
        grid = cls(origin, cell_size, np.zeros(0, np.int64))
        k, c = np.unique(grid.keys(x, y), return_counts=True)
        top = np.lexsort((k, -c))[:max_locations]  # most visited first, ties by key
        return cls(origin, cell_size, k[top])

    def classes(self, keys) -> np.ndarray:
        """Location class (1..K) of cell keys, 0 for cells outside the vocabulary."""
        k = np.asarray(keys, np.int64)
        if self.cell_keys.size == 0:
            return np.zeros(k.shape, np.int64)
        sk = self.cell_keys[self._sorted]
        pos = np.clip(np.searchsorted(sk, k), 0, sk.size - 1)
        return np.where(sk[pos] == k, self._sorted[pos] + 1, 0).astype(np.int64)

    def centres(self, keys) -> np.ndarray:
        """(n, 2) centres of cells given by key (NaN for the key -1, "no prediction")."""
        k = np.asarray(keys, np.int64)
        out = np.full(k.shape + (2,), np.nan)
        ok = k >= 0
        span = 2 * self._OFF
        out[ok, 0] = self.origin[0] + (k[ok] // span - self._OFF + 0.5) * self.cell_size
        out[ok, 1] = self.origin[1] + (k[ok] % span - self._OFF + 0.5) * self.cell_size
        return out

    def to_json(self) -> dict:
        return {"origin": list(self.origin), "cell_size": self.cell_size, "cell_keys": self.cell_keys.tolist()}

    @classmethod
    def from_json(cls, d: dict) -> "LocationGrid":
        return cls(d["origin"], d["cell_size"], np.asarray(d["cell_keys"], np.int64))


# ============================================================================================ network
def _build_net(p: MobilityParams, n_classes: int, n_users: int):
    import torch
    from torch import nn
    from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

    class TemporalEmbedding(nn.Module):
        def __init__(self):
            super().__init__()
            self.slot = nn.Embedding(N_SLOTS + 1, p.d_model, padding_idx=PAD_SLOT)
            self.dow = nn.Embedding(8, p.d_model, padding_idx=PAD_DOW)
            self.weekend = nn.Embedding(3, p.d_model, padding_idx=PAD_WEEKEND)

        def forward(self, slot, dow):
            weekend = torch.where(dow == PAD_DOW, torch.full_like(dow, PAD_WEEKEND), (dow >= 5).long())
            return self.slot(slot) + self.dow(dow) + self.weekend(weekend)

    class MobilityNet(nn.Module):
        def __init__(self):
            super().__init__()
            d, h = p.d_model, p.lstm_hidden
            self.register_buffer("freqs", 2.0 ** torch.arange(p.fourier_frequencies, dtype=torch.float32))
            self.spatial = nn.Sequential(nn.Linear(2 + 4 * p.fourier_frequencies, d), nn.GELU(), nn.Linear(d, d))
            self.temporal = TemporalEmbedding()
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
            self.target_time = TemporalEmbedding()
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

    return MobilityNet()


# ============================================================================================ the estimator
class MobilityEmbedder:
    """Transformer + BiLSTM mobility embeddings trained by next-location prediction (see the module docstring)."""

    def __init__(self, params: Optional[MobilityParams] = None, device: str = "auto", n_threads: Optional[int] = None):
        self.params = params or make_params("fast-cpu")
        self.device = device
        self.n_threads = n_threads
        self.net_ = None
        self.grid_: Optional[LocationGrid] = None
        self.norm_ = None  # (mean x, mean y, scale)
        self.users_: List[str] = []  # users with an embedding row (use_user_embedding only)
        self.history_: dict = {}
        self.extra_: dict = {}
        self.train_users_: np.ndarray = np.zeros(0, object)
        self.validation_users_: np.ndarray = np.zeros(0, object)

    # -------------------------------------------------------------------------------- helpers
    def _setup(self):
        self._torch, self._dev = torch_setup(self.device, self.n_threads)
        return self._torch

    def _require_fitted(self):
        if self.net_ is None:
            raise RuntimeError("the mobility-embedding model is not trained yet: call fit() or load()")

    def _user_index(self, users) -> np.ndarray:
        lookup = {u: i + 1 for i, u in enumerate(self.users_)}
        return np.array([lookup.get(str(u), 0) for u in users], np.int64)

    def _batch(self, seqs: MobilitySequences, rows, cuts=None, rng=None) -> dict:
        """Tensors of the inputs of ``rows``: the records before ``cuts`` (or whole sequences), at most max_length
        of them (the last ones); with ``cuts`` also the target record's time, user, vocabulary class and cell key.
        Nothing of the target record but its time enters the batch."""
        torch = self._torch
        rows = np.asarray(rows, np.int64)
        starts, full = seqs.offsets[rows], seqs.lengths[rows]
        end = full if cuts is None else np.asarray(cuts, np.int64)
        lens = np.minimum(end, self.params.max_length)
        begin = starts + end - lens
        L = int(lens.max())
        pos = np.arange(L)[None, :]
        valid = pos < lens[:, None]
        idx = np.where(valid, begin[:, None] + pos, 0)
        x, y = seqs.x[idx], seqs.y[idx]
        keys = np.where(valid, self.grid_.keys(x, y), -1)  # cells of the input records (no noise)
        if rng is not None and self.params.noise_m > 0:
            x = x + rng.normal(0.0, self.params.noise_m, x.shape)
            y = y + rng.normal(0.0, self.params.noise_m, y.shape)
        mx, my, sc = self.norm_
        uv = np.stack([(x - mx) / sc, (y - my) / sc], axis=-1)
        uv[~valid] = 0.0  # masked: the value is never used (see test_padding_never_changes_...)
        dev = self._dev
        batch = {
            "uv": torch.as_tensor(uv, dtype=torch.float32, device=dev),
            "slot": torch.as_tensor(np.where(valid, seqs.slot[idx], PAD_SLOT), device=dev),
            "dow": torch.as_tensor(np.where(valid, seqs.dow[idx], PAD_DOW), device=dev),
            "lengths": torch.as_tensor(lens, device=dev),
            "keys": keys,
        }
        if cuts is not None:
            tgt = starts + end
            tkey = self.grid_.keys(seqs.x[tgt], seqs.y[tgt])
            batch.update(
                t_slot=torch.as_tensor(seqs.slot[tgt], device=dev),
                t_dow=torch.as_tensor(seqs.dow[tgt], device=dev),
                user=torch.as_tensor(self._user_index(seqs.users[rows]), device=dev) if self.users_ else None,
                target_key=tkey,
                target_class=torch.as_tensor(self.grid_.classes(tkey), device=dev),
                target_in_input=torch.as_tensor(keys == tkey[:, None], device=dev),
            )
        return batch

    def _forward(self, batch):
        return self.net_(
            batch["uv"], batch["slot"], batch["dow"], batch["lengths"], batch["t_slot"], batch["t_dow"], batch["user"]
        )

    def _nll(self, batch, out):
        """Negative log-likelihood of the target cell under the mixture g * vocabulary + (1 - g) * pointer (the
        pointer mass of every input record in the target's cell; class 0 stands for any out-of-vocabulary cell)."""
        torch = self._torch
        vocab, pointer, log_g, log_1g, _ = out
        lv = log_g + vocab.gather(1, batch["target_class"][:, None]).squeeze(1)
        lp = log_1g + torch.logsumexp(pointer.masked_fill(~batch["target_in_input"], float("-inf")), dim=1)
        return -torch.logaddexp(lv, lp)

    @staticmethod
    def _draw_cuts(seqs: MobilitySequences, rows, per_sequence: int, rng) -> tuple:
        """(rows, cuts): ``per_sequence`` random cut points k in 1..n-1 of each sequence."""
        rows = np.repeat(np.asarray(rows, np.int64), per_sequence)
        n = seqs.lengths[rows]
        cuts = 1 + np.floor(rng.random(rows.size) * (n - 1)).astype(np.int64)
        return rows, cuts

    def _ranked_cells(self, batch, out, k: int) -> np.ndarray:
        """(B, k) cell keys with the highest mixture probability (-1 where fewer than k cells have any)."""
        vocab, pointer, log_g, log_1g, _ = (o.detach().cpu().numpy() for o in out)
        pv = np.exp(vocab[:, 1:] + log_g[:, None])  # vocabulary cells 1..K (never "other")
        pp = np.exp(pointer + log_1g[:, None])
        keys = batch["keys"]
        cls = self.grid_.classes(keys)
        B = keys.shape[0]
        inv = (keys >= 0) & (cls > 0)  # input records in vocabulary cells
        oov = (keys >= 0) & (cls == 0)  # ... and in other cells: extra candidates
        np.add.at(pv, (np.nonzero(inv)[0], cls[inv] - 1), pp[inv])
        kk = min(k, pv.shape[1])
        top = np.argpartition(-pv, kk - 1, axis=1)[:, :kk] if kk else np.zeros((B, 0), np.int64)
        res = np.full((B, k), -1, np.int64)
        for b in range(B):
            cand = {int(self.grid_.cell_keys[c]): float(pv[b, c]) for c in top[b]}
            for key, mass in zip(keys[b][oov[b]].tolist(), pp[b][oov[b]].tolist()):
                cand[key] = cand.get(key, 0.0) + mass
            ranked = sorted(cand.items(), key=lambda kv: (-kv[1], kv[0]))[:k]
            res[b, : len(ranked)] = [key for key, _ in ranked]
        return res

    # -------------------------------------------------------------------------------- training
    def fit(self, seqs: MobilitySequences, progress: ProgressFn = None, cancel: CancelFn = None, log=None):
        """Train on ``seqs``; the ``validation_share`` of the users is held out for early stopping."""
        p = self.params
        torch = self._setup()
        torch.manual_seed(p.seed)
        rng = np.random.default_rng(p.seed)
        if len(seqs) < 2:
            raise MobilityDataError("training needs at least 2 sequences with 2 or more records each")
        users = np.array([str(u) for u in seqs.users], dtype=object)
        uniq = np.unique(users)
        n_val = int(round(p.validation_share * uniq.size))
        if p.validation_share > 0 and uniq.size >= 2:
            n_val = min(max(n_val, 1), uniq.size - 1)
        else:
            n_val = 0
        val_users = set(rng.permutation(uniq)[:n_val].tolist())
        is_val = np.array([u in val_users for u in users])
        train_rows, val_rows = np.flatnonzero(~is_val), np.flatnonzero(is_val)
        self.train_users_ = np.array(sorted(set(uniq) - val_users), dtype=object)
        self.validation_users_ = np.array(sorted(val_users), dtype=object)
        if n_val == 0 and log:
            log("Only one user (or validation share 0): no validation users, early stopping watches the training loss.")
        tr = seqs.subset(train_rows)
        sc = float(max(np.std(tr.x), np.std(tr.y), 1.0))
        self.norm_ = (float(np.mean(tr.x)), float(np.mean(tr.y)), sc)
        self.grid_ = LocationGrid.fit(tr.x, tr.y, p.cell_size, p.max_locations)
        self.users_ = list(self.train_users_) if p.use_user_embedding else []
        self.net_ = _build_net(p, self.grid_.n_classes, len(self.users_)).to(self._dev)
        opt = torch.optim.AdamW(self.net_.parameters(), lr=p.learning_rate, weight_decay=p.weight_decay)
        val_cut = (
            self._draw_cuts(seqs, val_rows, min(p.samples_per_sequence, 4), np.random.default_rng(p.seed + 1))
            if val_rows.size
            else None
        )
        hist = {"train_loss": [], "val_loss": [], "val_acc1": [], "val_acc5": [], "epoch_s": []}
        best, best_state, since = np.inf, None, 0
        n_batches = int(np.ceil(train_rows.size * p.samples_per_sequence / p.batch_size))
        total = max(1, p.epochs * n_batches)
        done = 0
        for epoch in range(p.epochs):
            t0 = time.perf_counter()
            self.net_.train()
            rows, cuts = self._draw_cuts(seqs, train_rows, p.samples_per_sequence, rng)
            perm = rng.permutation(rows.size)
            losses = []
            for b in range(0, perm.size, p.batch_size):
                check(cancel)
                sel = perm[b : b + p.batch_size]
                batch = self._batch(seqs, rows[sel], cuts[sel], rng)
                loss = self._nll(batch, self._forward(batch)).mean()
                opt.zero_grad()
                loss.backward()
                torch.nn.utils.clip_grad_norm_(self.net_.parameters(), 1.0)
                opt.step()
                losses.append(float(loss.detach()))
                done += 1
                report(progress, 100.0 * done / total)
            train_loss = float(np.mean(losses))
            hist["train_loss"].append(train_loss)
            if val_cut is not None:
                vl, acc = self._score(seqs, *val_cut, cancel)
                hist["val_loss"].append(vl)
                hist["val_acc1"].append(acc[1])
                hist["val_acc5"].append(acc[5])
                watched = vl
            else:
                watched = train_loss
            hist["epoch_s"].append(time.perf_counter() - t0)
            if log:
                msg = f"epoch {epoch + 1}/{p.epochs}: training loss {train_loss:.4f}"
                if val_cut is not None:
                    msg += (
                        f", validation loss {hist['val_loss'][-1]:.4f}, next-location accuracy@1 "
                        f"{hist['val_acc1'][-1]:.3f} @5 {hist['val_acc5'][-1]:.3f}"
                    )
                log(msg)
            if watched < best - 1e-4:
                best, since = watched, 0
                best_state = copy.deepcopy(self.net_.state_dict())
                hist["best_epoch"] = epoch + 1
            else:
                since += 1
                if since >= p.patience:
                    hist["stopped_early"] = epoch + 1
                    if log:
                        log(
                            f"early stopping: no better {'validation' if val_cut is not None else 'training'} "
                            f"loss for {p.patience} epochs; keeping epoch {hist['best_epoch']}"
                        )
                    break
        if best_state is not None:
            self.net_.load_state_dict(best_state)
        self.net_.eval()
        report(progress, 100.0)
        self.history_ = hist
        return self

    def _score(self, seqs, rows, cuts, cancel=None, batch_size=256):
        """(mean negative log-likelihood, {1: acc@1, 5: acc@5}) on the given cut points, in eval mode."""
        torch = self._torch
        self.net_.eval()
        tot, hits = 0.0, {1: 0, 5: 0}
        with torch.no_grad():
            for b in range(0, rows.size, batch_size):
                check(cancel)
                batch = self._batch(seqs, rows[b : b + batch_size], cuts[b : b + batch_size])
                out = self._forward(batch)
                tot += float(self._nll(batch, out).sum())
                same = self._ranked_cells(batch, out, 5) == batch["target_key"][:, None]
                for k in (1, 5):
                    hits[k] += int(same[:, :k].any(axis=1).sum())
        n = max(int(rows.size), 1)
        return tot / n, {k: v / n for k, v in hits.items()}

    # -------------------------------------------------------------------------------- inference
    def _prepare(self):
        self._require_fitted()
        torch = self._setup()
        self.net_.eval()
        return torch

    def transform(
        self, seqs: MobilitySequences, batch_size: int = 256, cancel: CancelFn = None, progress: ProgressFn = None
    ) -> np.ndarray:
        """(n, 2 x lstm_hidden) float32 embeddings of whole sequences, in input order."""
        torch = self._prepare()
        out = np.zeros((len(seqs), self.params.embedding_size), np.float32)
        with torch.no_grad():
            for b in range(0, len(seqs), batch_size):
                check(cancel)
                rows = np.arange(b, min(b + batch_size, len(seqs)))
                b_ = self._batch(seqs, rows)
                out[rows] = self.net_.encode(b_["uv"], b_["slot"], b_["dow"], b_["lengths"]).cpu().numpy()
                report(progress, 100.0 * rows[-1] / max(len(seqs), 1))
        return out

    def predict_topk(
        self, seqs: MobilitySequences, rows, cuts, k: int = 5, batch_size: int = 256, cancel: CancelFn = None
    ) -> np.ndarray:
        """(m, k) cell keys (best first; centres with ``grid_.centres``) of record ``cuts[i]`` of sequence
        ``rows[i]``, predicted from the records before it and the time of the record."""
        torch = self._prepare()
        rows, cuts = np.asarray(rows, np.int64), np.asarray(cuts, np.int64)
        if rows.size and ((cuts < 1) | (cuts >= seqs.lengths[rows])).any():
            raise ValueError("every cut must leave at least one input record and one target record")
        out = np.full((rows.size, k), -1, np.int64)
        with torch.no_grad():
            for b in range(0, rows.size, batch_size):
                check(cancel)
                batch = self._batch(seqs, rows[b : b + batch_size], cuts[b : b + batch_size])
                out[b : b + batch_size] = self._ranked_cells(batch, self._forward(batch), k)
        return out

    # -------------------------------------------------------------------------------- persistence
    def save(self, path: str, extra: Optional[dict] = None) -> None:
        self._require_fitted()
        meta = {
            "algorithm": ALGORITHM,
            "version": MODEL_VERSION,
            "params": asdict(self.params),
            "grid": self.grid_.to_json(),
            "norm": list(self.norm_),
            "users": list(self.users_),
            "history": self.history_,
            "extra": extra or {},
        }
        save_model(path, meta, self.net_.state_dict())

    @classmethod
    def read_meta(cls, path: str):
        return read_model(path, ALGORITHM, MODEL_VERSION, "a mobility-embedding one")

    @classmethod
    def load(cls, path: str, device: str = "auto", n_threads: Optional[int] = None) -> "MobilityEmbedder":
        meta, state = cls.read_meta(path)
        model = cls(params_from_meta(MobilityParams, meta["params"]), device=device, n_threads=n_threads)
        model._setup()
        model.grid_ = LocationGrid.from_json(meta["grid"])
        model.norm_ = tuple(meta["norm"])
        model.users_ = list(meta.get("users", []))
        model.history_ = meta.get("history", {})
        model.extra_ = meta.get("extra", {})
        model.net_ = _build_net(model.params, model.grid_.n_classes, len(model.users_))
        try:
            model.net_.load_state_dict(state)
        except RuntimeError as e:
            raise ModelFileError(f"{path}: the weights do not match the stored parameters ({e})")
        model.net_.to(model._dev).eval()
        return model


# ============================================================================================ evaluation
def all_cuts(seqs: MobilitySequences, rows=None, max_per_sequence: Optional[int] = None, seed: int = 0):
    """(rows, cuts) of every cut point 1..n-1 of the sequences (at most ``max_per_sequence`` each, drawn at
    random with ``seed``)."""
    rows = np.arange(len(seqs)) if rows is None else np.asarray(rows, np.int64)
    n = seqs.lengths[rows] - 1
    r = np.repeat(rows, n)
    c = _ranges(np.ones(rows.size, np.int64), n)
    if max_per_sequence:
        rng = np.random.default_rng(seed)
        order = np.lexsort((rng.random(r.size), r))
        rank = np.arange(r.size) - np.repeat(np.concatenate([[0], np.cumsum(n)[:-1]]), n)
        keep = np.zeros(r.size, bool)
        keep[order[rank < max_per_sequence]] = True
        r, c = r[keep], c[keep]
    return r, c


def evaluate_next(
    predict, seqs: MobilitySequences, grid: LocationGrid, rows=None, max_per_sequence: Optional[int] = None, ks=(1, 5)
) -> dict:
    """Next-location accuracy@k of ``predict(seqs, rows, cuts, k) -> (m, k) cell keys`` on the cut points of
    ``seqs``: a hit when the target record's cell is among the first k predictions. Also the share of targets in a
    cell outside the model's vocabulary (only the pointer over the input records can predict those)."""
    r, c = all_cuts(seqs, rows, max_per_sequence)
    tgt = seqs.offsets[r] + c
    key = grid.keys(seqs.x[tgt], seqs.y[tgt])
    top = predict(seqs, r, c, max(ks))
    out = {f"acc@{k}": float((top[:, :k] == key[:, None]).any(axis=1).mean()) if r.size else 0.0 for k in ks}
    out["n_samples"] = int(r.size)
    out["share_out_of_vocabulary_targets"] = float((grid.classes(key) == 0).mean()) if r.size else 0.0
    return out


class MostFrequentBaseline:
    """Most frequent cells of the sequence so far (ties: the most recent first), then the most visited cells of
    the training sequences."""

    def __init__(self, grid: LocationGrid):
        self.grid = grid
        self.popular_ = np.zeros(0, np.int64)

    def _keys(self, seqs: MobilitySequences) -> np.ndarray:
        return self.grid.keys(seqs.x, seqs.y)

    def fit(self, seqs: MobilitySequences) -> "MostFrequentBaseline":
        k, c = np.unique(self._keys(seqs), return_counts=True)
        self.popular_ = k[np.lexsort((k, -c))][:64]
        return self

    def _fill(self, ranked: List[int], k: int) -> List[int]:
        out = list(dict.fromkeys(ranked))[:k]
        for c in self.popular_:
            if len(out) >= k:
                break
            if int(c) not in out:
                out.append(int(c))
        return (out + [-1] * k)[:k]

    @staticmethod
    def _prefix_ranking(keys: np.ndarray) -> List[int]:
        stats: Dict[int, list] = {}
        for i, c in enumerate(keys.tolist()):
            e = stats.setdefault(c, [0, 0])
            e[0] += 1
            e[1] = i
        return [c for c, _ in sorted(stats.items(), key=lambda kv: (-kv[1][0], -kv[1][1]))]

    def _ranking(self, prefix: np.ndarray, k: int) -> List[int]:
        return self._prefix_ranking(prefix)

    def predict_topk(self, seqs: MobilitySequences, rows, cuts, k: int = 5) -> np.ndarray:
        keys = self._keys(seqs)
        out = np.full((len(rows), k), -1, np.int64)
        for i, (r, c) in enumerate(zip(rows, cuts)):
            s = seqs.offsets[r]
            out[i] = self._fill(self._ranking(keys[s : s + c], k), k)
        return out

    def _bags(self, seqs: MobilitySequences, items: np.ndarray, seq: np.ndarray):
        from scipy.sparse import csr_matrix

        cols = np.unique(items, return_inverse=True)[1].reshape(-1)
        return csr_matrix((np.ones(items.size), (seq, cols)), shape=(len(seqs), int(cols.max(initial=-1)) + 1))

    def features(self, seqs: MobilitySequences):
        """Sparse (n, cells) visit counts per sequence (a bag of locations), for re-identification."""
        return self._bags(seqs, self._keys(seqs), np.repeat(np.arange(len(seqs)), seqs.lengths))


class MarkovBaseline(MostFrequentBaseline):
    """First-order Markov chain over cells learned from the training sequences: the most frequent next cells of
    the last cell, then the sequence's own most frequent cells, then the most visited ones."""

    def fit(self, seqs: MobilitySequences) -> "MarkovBaseline":
        super().fit(seqs)
        keys = self._keys(seqs)
        inside = np.ones(max(keys.size - 1, 0), bool)
        inside[seqs.offsets[1:-1] - 1] = False  # no transition from one sequence into the next
        pairs, cnt = np.unique(np.column_stack([keys[:-1][inside], keys[1:][inside]]), axis=0, return_counts=True)
        self.next_: Dict[int, List[int]] = {}
        for i in np.lexsort((pairs[:, 1], -cnt, pairs[:, 0])):
            self.next_.setdefault(int(pairs[i, 0]), []).append(int(pairs[i, 1]))
        return self

    def _ranking(self, prefix: np.ndarray, k: int) -> List[int]:
        return self.next_.get(int(prefix[-1]), [])[:k] + self._prefix_ranking(prefix)

    def features(self, seqs: MobilitySequences):
        """Sparse transition counts per sequence (a bag of consecutive cell pairs)."""
        keys = self._keys(seqs)
        seq = np.repeat(np.arange(len(seqs)), seqs.lengths)
        inside = seq[1:] == seq[:-1]
        pairs = np.unique(np.column_stack([keys[:-1][inside], keys[1:][inside]]), axis=0, return_inverse=True)[1]
        return self._bags(seqs, pairs.reshape(-1), seq[:-1][inside])


def reidentification(features, users, ks=(1, 5), standardize: bool = True, chunk: int = 2048) -> dict:
    """Top-k user re-identification across sequences: for every sequence whose user has another sequence, are any
    of its k most cosine-similar other sequences the same user's? ``features``: dense (embeddings; standardised per
    dimension first when ``standardize``) or scipy sparse (bags of locations). Also gives the chance level of top-1
    (share of same-user candidates)."""
    from scipy import sparse
    from sklearn.preprocessing import StandardScaler, normalize

    users = np.asarray([str(u) for u in users], dtype=object)
    codes = np.unique(users, return_inverse=True)[1]
    counts = np.bincount(codes)
    q = np.flatnonzero(counts[codes] >= 2)
    n = users.size
    if q.size == 0 or n < 3:
        return {**{f"top{k}": float("nan") for k in ks}, "n_queries": 0, "chance_top1": float("nan")}
    X = features
    if not sparse.issparse(X):
        X = np.asarray(X, np.float64)
        if standardize:
            X = StandardScaler().fit_transform(X)
    X = normalize(X)
    kmax = min(max(ks), n - 1)
    hits = {k: 0 for k in ks}
    for b in range(0, q.size, chunk):
        qi = q[b : b + chunk]
        sim = X[qi] @ X.T
        sim = sim.toarray() if sparse.issparse(sim) else np.asarray(sim)
        sim[np.arange(qi.size), qi] = -np.inf
        top = np.argpartition(-sim, kmax - 1, axis=1)[:, :kmax]
        order = np.argsort(-np.take_along_axis(sim, top, axis=1), axis=1, kind="stable")
        top = np.take_along_axis(top, order, axis=1)
        same = codes[top] == codes[qi][:, None]
        for k in ks:
            hits[k] += int(same[:, :k].any(axis=1).sum())
    out = {f"top{k}": hits[k] / q.size for k in ks}
    out["n_queries"] = int(q.size)
    out["chance_top1"] = float(np.mean((counts[codes[q]] - 1) / (n - 1)))
    return out


def evaluate_held_out(
    model: "MobilityEmbedder",
    seqs: MobilitySequences,
    held,
    emb: Optional[np.ndarray] = None,
    max_per_sequence: Optional[int] = None,
    cancel: CancelFn = None,
) -> dict:
    """Out-of-sample figures on the ``held`` sequences (boolean mask; users the model was not trained on): next-
    location accuracy of the model and of the most-frequent-location and Markov baselines fitted on the other
    sequences, and re-identification across days from the embeddings (``emb``: of all ``seqs``, computed for the
    held-out ones when None) and from the baselines' bags of cells / of transitions."""
    held = np.asarray(held, bool)
    rows = np.flatnonzero(held)
    train = seqs.subset(~held)
    mfl = MostFrequentBaseline(model.grid_).fit(train)
    markov = MarkovBaseline(model.grid_).fit(train)
    out = {
        "next_location": {
            name: evaluate_next(predict, seqs, model.grid_, rows, max_per_sequence)
            for name, predict in (
                ("model", lambda s, r, c, k: model.predict_topk(s, r, c, k, cancel=cancel)),
                ("most_frequent", mfl.predict_topk),
                ("markov", markov.predict_topk),
            )
        }
    }
    hs = seqs.subset(rows)
    he = model.transform(hs, cancel=cancel) if emb is None else emb[rows]
    out["reidentification"] = {
        "embedding": reidentification(he, hs.users),
        "bag_of_cells": reidentification(mfl.features(hs), hs.users),
        "bag_of_transitions": reidentification(markov.features(hs), hs.users),
    }
    out["held_out_embeddings"] = he
    return out


def umap_2d(emb: np.ndarray, seed: int = 0) -> np.ndarray:
    """2-D UMAP of the standardised embeddings (needs the optional umap-learn package)."""
    try:
        import umap
    except ImportError:
        raise MobilityDataError("UMAP needs the umap-learn package: pip install umap-learn (or leave UMAP off)")
    from sklearn.preprocessing import StandardScaler

    z = StandardScaler().fit_transform(np.asarray(emb, np.float64))
    return umap.UMAP(n_components=2, random_state=seed, n_neighbors=min(15, max(2, z.shape[0] - 1))).fit_transform(z)


def standardized_pca(emb: np.ndarray, n_components: int = 2, seed: int = 0):
    """(coordinates (n, n_components), explained variance ratio of every component) of PCA after standardising
    each dimension to zero mean and unit variance (never an L2 normalisation of the matrix: the post's pitfall 4)."""
    from sklearn.decomposition import PCA
    from sklearn.preprocessing import StandardScaler

    emb = np.asarray(emb, np.float64)
    if emb.shape[0] < 2:
        raise MobilityDataError("PCA needs at least 2 embeddings")
    z = StandardScaler().fit_transform(emb)
    full = PCA(n_components=min(emb.shape), svd_solver="full", random_state=seed).fit(z)
    return full.transform(z)[:, :n_components], full.explained_variance_ratio_
