"""Mobility embeddings: the hybrid Transformer + bidirectional LSTM of the "Experiment 21" post (LYMob-4Cities),
as a scikit-learn shaped engine: ``MobilityEmbedder(params).fit(sequences)``, ``transform`` (embeddings),
``predict_topk`` (next location), ``save``/``load``. Pure numpy + torch + scikit-learn; no QGIS.

The package: sequences.py (one sequence per user-day or trajectory, :func:`~.sequences.build_sequences`),
params.py (:class:`~.params.MobilityParams`, presets), grid.py (the location classes), net.py (the network),
baselines.py and evaluation.py (next-location baselines, accuracy@k, re-identification), projection.py
(standardised PCA, UMAP).

Training (self-supervised): next-location prediction. A training sample cuts a sequence at position k >= 1: the
input is records 0..k-1 (never record k: the target is not part of the input, the post's pitfall 1), the target is
the location class of record k, and the head also gets the *time* of record k (where will the user be at 14:30?).
Location classes are the ``max_locations`` most visited square cells (``cell_size``) of the training users, class 0
being "any other cell". Gaussian noise (``noise_m`` metres) is added to the input coordinates; the users are split
into training and validation users (``validation_share``), and training stops early when the validation loss has
not improved for ``patience`` epochs, keeping the best weights; ``max_batches`` caps the training batches of all
epochs together, so that a city's fleet trains in the time a sample does (the fast-CPU preset).

The post's other pitfalls are requirements here: padding is identified by masks (key-padding masks in both
attentions, packed sequences in the LSTM, masked pooling; categorical inputs pad with their own index, never a real
slot or day), so padded values can never change an embedding (pitfall 2); a user id, when used at all
(``use_user_embedding``, off by default), is a learned embedding with an "unknown user" row and only feeds the
prediction head, never the embedding, so unseen users embed exactly like seen ones (pitfall 3); and
:func:`models.core.embeddings.standardized_pca` standardises each dimension to zero mean and unit variance before
PCA, never L2-normalising the matrix (pitfall 4).
"""

from __future__ import annotations

import copy
import time
from typing import List, Optional

import numpy as np

from ..core.modelfile import MAX_LAYERS, MAX_WIDTH, ModelFileMixin, check_sizes, params_from_meta, torch_setup
from ..core.progress import CancelFn, ProgressFn, check, report
from .grid import LocationGrid, coordinate_norm
from .params import MobilityParams, make_params
from .sequences import PAD_DOW, PAD_SLOT, MobilityDataError, MobilitySequences

#: checks of a model file's stored sizes before the network is built (see ``check_sizes``)
_FILE_CEILINGS = {
    "d_model": MAX_WIDTH,
    "lstm_hidden": MAX_WIDTH,
    "n_heads": MAX_WIDTH,
    "lstm_layers": MAX_LAYERS,
    "transformer_layers": MAX_LAYERS,
    "fourier_frequencies": 64,
    "max_length": 65_536,
}
_FILE_SHAPES = (
    ("d_model", "spatial.0.weight", 0),
    ("spatial inputs", "spatial.0.weight", 1),
    ("fourier_frequencies", "freqs", 0),
    ("lstm_hidden", "lstm.weight_hh_l0", 1),
    ("lstm_layers", "lstm.weight_hh_l{}", None),
    ("transformer_layers", "encoder.layers.{}.norm1.weight", None),
    ("location classes", "head.3.weight", 0),
)


#: :meth:`MobilityEmbedder.area_fit` calls data "elsewhere" when fewer than this share of its records fall in the
#: model's location cells and their median distance from the training centre exceeds this many training spreads
AREA_KNOWN_SHARE = 0.1
AREA_SPREADS = 5.0


class MobilityEmbedder(ModelFileMixin):
    """Transformer + BiLSTM mobility embeddings trained by next-location prediction (see the module docstring)."""

    ALGORITHM = "mobility"
    MODEL_VERSION = 1
    FILE_LABEL = "a mobility-embedding one"
    FILE_CEILINGS = _FILE_CEILINGS

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
        train_rows, val_rows = self._split_users(seqs, rng, log)
        self._init_net(seqs.subset(train_rows))
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
        if p.max_batches:
            total = min(total, p.max_batches)
        done = 0
        for epoch in range(p.epochs):
            if done >= total:
                hist["batch_limit"] = done
                if log:
                    log(
                        f"batch limit: {done} training batches done (max_batches) after {epoch} of {p.epochs} "
                        f"epochs; keeping epoch {hist.get('best_epoch', epoch)}"
                    )
                break
            t0 = time.perf_counter()
            train_loss, done = self._train_epoch(seqs, train_rows, opt, rng, (progress, done, total), cancel)
            hist["train_loss"].append(train_loss)
            watched = train_loss
            if val_cut is not None:
                watched, acc = self._score(seqs, *val_cut, cancel)
                hist["val_loss"].append(watched)
                hist["val_acc1"].append(acc[1])
                hist["val_acc5"].append(acc[5])
            hist["epoch_s"].append(time.perf_counter() - t0)
            if log:
                log(self._epoch_message(epoch, hist, val_cut is not None))
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
        hist["batches"] = done
        if best_state is not None:
            self.net_.load_state_dict(best_state)
        self.net_.eval()
        report(progress, 100.0)
        self.history_ = hist
        return self

    def _split_users(self, seqs: MobilitySequences, rng, log):
        """(training rows, validation rows): the ``validation_share`` of the users (at least one, never all of
        them) is drawn for validation; sets ``train_users_`` and ``validation_users_``."""
        p = self.params
        users = np.array([str(u) for u in seqs.users], dtype=object)
        uniq = np.unique(users)
        n_val = int(round(p.validation_share * uniq.size))
        if p.validation_share > 0 and uniq.size >= 2:
            n_val = min(max(n_val, 1), uniq.size - 1)
        else:
            n_val = 0
        val_users = set(rng.permutation(uniq)[:n_val].tolist())
        is_val = np.array([u in val_users for u in users])
        self.train_users_ = np.array(sorted(set(uniq) - val_users), dtype=object)
        self.validation_users_ = np.array(sorted(val_users), dtype=object)
        if n_val == 0 and log:
            log("Only one user (or validation share 0): no validation users, early stopping watches the training loss.")
        return np.flatnonzero(~is_val), np.flatnonzero(is_val)

    def _init_net(self, tr: MobilitySequences) -> None:
        """Coordinate normalisation, location classes, user rows and a fresh network from the training sequences."""
        from .net import MobilityNet

        p = self.params
        self.norm_ = coordinate_norm(tr.x, tr.y)
        self.grid_ = LocationGrid.fit(tr.x, tr.y, p.cell_size, p.max_locations)
        self.users_ = list(self.train_users_) if p.use_user_embedding else []
        self.net_ = MobilityNet(p, self.grid_.n_classes, len(self.users_)).to(self._dev)

    def _train_epoch(self, seqs: MobilitySequences, train_rows, opt, rng, steps, cancel):
        """One epoch over ``samples_per_sequence`` fresh cut points of every training sequence: (mean loss, the
        number of batches done so far). ``steps`` = (progress, batches done before, total batches)."""
        torch, p = self._torch, self.params
        progress, done, total = steps
        self.net_.train()
        rows, cuts = self._draw_cuts(seqs, train_rows, p.samples_per_sequence, rng)
        perm = rng.permutation(rows.size)
        losses = []
        for b in range(0, perm.size, p.batch_size):
            if done >= total:  # the batch limit ends the run inside this epoch
                break
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
        return float(np.mean(losses)), done

    def _epoch_message(self, epoch: int, hist: dict, validated: bool) -> str:
        msg = f"epoch {epoch + 1}/{self.params.epochs}: training loss {hist['train_loss'][-1]:.4f}"
        if validated:
            msg += (
                f", validation loss {hist['val_loss'][-1]:.4f}, next-location accuracy@1 "
                f"{hist['val_acc1'][-1]:.3f} @5 {hist['val_acc5'][-1]:.3f}"
            )
        return msg

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

    def area_fit(self, seqs: MobilitySequences) -> dict:
        """How much of ``seqs`` lies where the model was trained: {"known_share": share of the records in one of
        its location cells, "median_km": median distance of the records from the training centre, "spread_km":
        the training coordinates' scale, "elsewhere": fewer than ``AREA_KNOWN_SHARE`` of the records in known cells
        and a median distance beyond ``AREA_SPREADS`` spreads}. Data from another city embeds without an error, but
        meaninglessly."""
        self._require_fitted()
        mx, my, sc = self.norm_
        known = self.grid_.classes(self.grid_.keys(seqs.x, seqs.y)) > 0 if seqs.n_records else np.zeros(0, bool)
        dist = np.hypot(np.asarray(seqs.x) - mx, np.asarray(seqs.y) - my) if seqs.n_records else np.zeros(1)
        share = float(known.mean()) if known.size else 0.0
        median_km, spread_km = float(np.median(dist)) / 1000.0, sc / 1000.0
        return {
            "known_share": share,
            "median_km": median_km,
            "spread_km": spread_km,
            "elsewhere": share < AREA_KNOWN_SHARE and median_km > AREA_SPREADS * max(spread_km, 1.0),
        }

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
        self,
        seqs: MobilitySequences,
        rows,
        cuts,
        k: int = 5,
        batch_size: int = 256,
        cancel: CancelFn = None,
        progress: ProgressFn = None,
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
                report(progress, 100.0 * min(b + batch_size, rows.size) / max(rows.size, 1))
        return out

    # -------------------------------------------------------------------------------- persistence (ModelFileMixin)
    def _file_meta(self) -> dict:
        return {
            "grid": self.grid_.to_json(),
            "norm": list(self.norm_),
            "users": list(self.users_),
            "history": self.history_,
        }

    def _file_state(self) -> dict:
        return self.net_.state_dict()

    @classmethod
    def _from_file(cls, meta, state, device, n_threads, path) -> "MobilityEmbedder":
        from .net import MobilityNet

        model = cls(params_from_meta(MobilityParams, meta["params"]), device=device, n_threads=n_threads)
        model._setup()
        model.grid_ = LocationGrid.from_json(meta["grid"])
        model.norm_ = tuple(meta["norm"])
        model.users_ = list(meta.get("users", []))
        p = model.params
        sizes = {**vars(p), "spatial inputs": 2 + 4 * p.fourier_frequencies, "location classes": model.grid_.n_classes}
        users = (("user rows", "user.weight", 0),) if p.use_user_embedding else ()
        check_sizes({**sizes, "user rows": len(model.users_) + 1}, state, path, {}, _FILE_SHAPES + users)
        model.history_ = meta.get("history", {})
        model.extra_ = meta.get("extra", {})
        model.net_ = MobilityNet(model.params, model.grid_.n_classes, len(model.users_))
        cls.load_weights(model.net_, state, path)
        model.net_.to(model._dev).eval()
        return model
