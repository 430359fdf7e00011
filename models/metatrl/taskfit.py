"""A linear head on any trajectory encoder for one downstream task (:mod:`.tasks`): :func:`fit_task` trains it and
returns a :class:`TaskModel` - "a linear classifier or regressor followed target model is trained with cross-entropy
or mean squared error loss" (MetaTRL, Model Fine-tuning), the encoder fine-tuned or frozen.

* Validation: with validation rows (:func:`.tasks.validation_split`) the head (and the encoder) of the epoch with
  the lowest validation loss are kept, and training stops after ``patience`` epochs without improvement.
* Fine-tuning: the encoder is deep-copied (the caller's module never changes) and trained with its own, lower
  learning rate (``encoder_lr``, default ``lr / 10``); frozen (``fine_tune=False``) the embeddings are computed once
  and only the head is trained, which is fast. A supervised encoder trained from scratch
  (:class:`.tasks_net.GRUBaseline`) should get ``encoder_lr=lr``.
* Travel time: the head regresses the target standardised on the training rows; predictions are in minutes.

Torch is imported when a model is trained or used, not with this module.
"""

from __future__ import annotations

import copy
from typing import Dict, Optional

import numpy as np

from ..core.modelfile import torch_setup
from ..core.progress import CancelFn, ProgressFn, check, report, scaled
from ..core.units import UnitSequences, to_tensors
from .taskmetrics import task_metrics
from .tasks import TASK_LABELS, TASKS, TaskData, TaskDataError, task_batch


class TaskModel:
    """An encoder with a linear head for one task (made by :func:`fit_task`).

    ``predict`` gives class probabilities (n, n_classes) for destination prediction and classification ((n, k,
    n_classes) for destination prediction with ``predict_length`` k), minutes (n,) for travel time; ``evaluate`` the
    task's metrics on task rows. ``history``: per-epoch ``train_loss`` and ``val_loss`` (standardised MSE for travel
    time), ``best_epoch`` the epoch whose weights were kept (0-based)."""

    def __init__(
        self,
        task,
        encoder,
        head,
        *,
        fine_tune,
        max_len,
        batch_size,
        device,
        n_classes,
        classes,
        y_mean=0.0,
        y_std=1.0,
        history=None,
        best_epoch=-1,
        n_targets=1,
    ):
        self.task = task
        self.encoder = encoder
        self.head = head
        self.fine_tune = bool(fine_tune)
        self.max_len = int(max_len)
        self.batch_size = int(batch_size)
        self.device = device
        self.n_classes = int(n_classes)
        self.n_targets = int(n_targets)
        self.classes = classes
        self.y_mean = float(y_mean)
        self.y_std = float(y_std)
        self.history = history if history is not None else {"train_loss": [], "val_loss": []}
        self.best_epoch = int(best_epoch)

    def _check(self, data: TaskData):
        if data.task != self.task:
            raise ValueError(f"this model was trained for {TASK_LABELS[self.task]}, not {TASK_LABELS[data.task]}")

    def embed(self, seqs: UnitSequences, data: TaskData, index=None, cancel: CancelFn = None) -> np.ndarray:
        """(n, d_model) encoder embeddings of the task rows ``index`` (default all)."""
        import torch

        self._check(data)
        pos = np.arange(len(data)) if index is None else np.asarray(index, np.int64)
        return (
            _embed(torch, self.encoder, seqs, data, pos, self.max_len, self.batch_size * 4, self.device, cancel)
            .cpu()
            .numpy()
        )

    def predict(self, seqs: UnitSequences, data: TaskData, index=None, cancel: CancelFn = None) -> np.ndarray:
        """Class probabilities (n, n_classes) or (n, k, n_classes), or travel times in minutes (n,), of the task
        rows ``index``."""
        import torch

        self._check(data)
        pos = np.arange(len(data)) if index is None else np.asarray(index, np.int64)
        z = _embed(torch, self.encoder, seqs, data, pos, self.max_len, self.batch_size * 4, self.device, cancel)
        self.head.eval()
        with torch.no_grad():
            out = self.head(z)
        if self.task == "travel_time":
            return out[:, 0].double().cpu().numpy() * self.y_std + self.y_mean
        if self.n_targets > 1:
            out = out.reshape(out.shape[0], self.n_targets, self.n_classes)
        return torch.softmax(out.float(), dim=-1).cpu().numpy()

    def evaluate(self, seqs: UnitSequences, data: TaskData, index=None, cancel: CancelFn = None) -> Dict[str, float]:
        """The task's metrics on the task rows ``index`` (default all)."""
        pos = np.arange(len(data)) if index is None else np.asarray(index, np.int64)
        return task_metrics(self.task, data.y[pos], self.predict(seqs, data, pos, cancel))


def _embed(torch, encoder, seqs, data, pos, max_len, batch_size, device, cancel):
    """(n, d) embeddings in ``pos`` order, encoder in eval mode, no gradients."""
    was = encoder.training
    encoder.eval()
    out = torch.zeros((pos.size, int(encoder.d_model)), dtype=torch.float32, device=device)
    try:
        with torch.no_grad():
            for sel, p in _length_batches(data, pos, max(int(batch_size), 1)):
                check(cancel)
                z = encoder(to_tensors(task_batch(seqs, data, p, max_len), device))
                out[torch.from_numpy(sel).to(device)] = z.float()
    finally:
        encoder.train(was)
    return out


def _length_batches(data: TaskData, pos: np.ndarray, batch_size: int):
    """Batches of positions of similar length (less padding at inference); yields (slice into pos order, pos)."""
    order = np.argsort(data.keep[pos], kind="stable")
    for a in range(0, order.size, batch_size):
        sel = order[a : a + batch_size]
        yield sel, pos[sel]


# ------------------------------------------------------------------------------------------ training
def _task_encoder(torch, encoder, dev):
    """The encoder to train: a deep copy of a module, or what a callable returns; on ``dev``."""
    if isinstance(encoder, torch.nn.Module):
        enc = copy.deepcopy(encoder)
    elif callable(encoder):
        enc = encoder()
    else:
        raise TypeError("encoder must be a torch module or a callable returning one")
    if not hasattr(enc, "d_model"):
        raise TypeError("the encoder needs a d_model attribute (the size of its trajectory embedding)")
    return enc.to(dev)


class _HeadTraining:
    """One run of :func:`fit_task`: the encoder, its new linear head, the (standardised) targets, the loss, the
    per-epoch history and the best weights so far."""

    def __init__(self, torch, dev, enc, seqs, data, train_idx, val_idx, *, fine_tune, patience, max_len, rng, cancel):
        self.torch, self.dev, self.enc = torch, dev, enc
        self.seqs, self.data, self.train_idx, self.val_idx = seqs, data, train_idx, val_idx
        self.fine_tune, self.patience, self.max_len = fine_tune, int(patience), max_len
        self.rng, self.cancel = rng, cancel
        self.regression = data.is_regression
        self.n_out = 1 if self.regression else data.n_classes
        self.head = torch.nn.Linear(int(enc.d_model), self.n_out * data.n_targets).to(dev)
        self.y_mean, self.y_std = 0.0, 1.0
        if self.regression:
            yt = data.y[train_idx].astype(np.float64)
            y_mean, y_std = float(yt.mean()), float(yt.std())
            self.y_mean, self.y_std = y_mean, (y_std if y_std > 1e-9 else 1.0)
            self.target = torch.from_numpy(((data.y - self.y_mean) / self.y_std).astype(np.float32)).to(dev)
            self.loss_fn = torch.nn.MSELoss()
        else:
            self.target = torch.from_numpy(data.y.astype(np.int64)).to(dev)
            self.loss_fn = torch.nn.CrossEntropyLoss()
        self.history = {"train_loss": [], "val_loss": []}
        self.best = (float("inf"), -1, None)
        self.bad = 0

    def loss(self, out, tgt):
        """The loss of head outputs against their targets (one cross-entropy term per predicted position)."""
        if self.regression:
            return self.loss_fn(out[:, 0], tgt)
        return self.loss_fn(out.reshape(-1, self.n_out), tgt.reshape(-1))

    def targets(self, pos):
        return self.target[self.torch.from_numpy(pos).to(self.dev)]

    def embed(self, pos, batch_size: int):
        return _embed(self.torch, self.enc, self.seqs, self.data, pos, self.max_len, batch_size, self.dev, self.cancel)

    def keep_best(self, vl: float, ep: int) -> bool:
        """Keep the weights of the lowest validation loss; True when ``patience`` epochs brought no improvement."""
        if vl < self.best[0]:
            state = {"head": copy.deepcopy(self.head.state_dict())}
            if self.fine_tune:
                state["encoder"] = copy.deepcopy(self.enc.state_dict())
            self.best, self.bad = (vl, ep, state), 0
            return False
        self.bad += 1
        return self.bad >= self.patience

    def restore_best(self) -> int:
        """Put back the kept weights; returns the epoch they come from (the last one without validation)."""
        best_epoch = len(self.history["train_loss"]) - 1
        if self.best[2] is not None:
            self.head.load_state_dict(self.best[2]["head"])
            if "encoder" in self.best[2]:
                self.enc.load_state_dict(self.best[2]["encoder"])
            best_epoch = self.best[1]
        return best_epoch

    def finish(self, batch_size: int) -> "TaskModel":
        """The :class:`TaskModel` of the kept weights, encoder and head in eval mode."""
        best_epoch = self.restore_best()
        self.enc.eval()
        self.head.eval()
        return TaskModel(
            self.data.task,
            self.enc,
            self.head,
            fine_tune=self.fine_tune,
            max_len=self.max_len,
            batch_size=batch_size,
            device=self.dev,
            n_classes=self.n_out,
            classes=self.data.classes,
            y_mean=self.y_mean,
            y_std=self.y_std,
            history=self.history,
            best_epoch=best_epoch,
            n_targets=self.data.n_targets,
        )

    # -------------------------------------------------------------------- fine-tuning
    def run_fine_tuning(self, epochs, batch_size, lr, encoder_lr, max_grad_norm, progress) -> None:
        """Train the head (``lr``) and the encoder (``encoder_lr``) on batches of task rows."""
        torch = self.torch
        for p in self.enc.parameters():
            p.requires_grad_(True)
        groups = [{"params": list(self.head.parameters()), "lr": float(lr)}]
        enc_params = list(self.enc.parameters())
        if enc_params:
            groups.append({"params": enc_params, "lr": encoder_lr})
        opt = torch.optim.Adam(groups)
        params = [p for g in groups for p in g["params"]]
        n_batches = int(np.ceil(self.train_idx.size / batch_size))
        for ep in range(epochs):
            self.enc.train()
            self.head.train()
            perm = self.train_idx[self.rng.permutation(self.train_idx.size)]
            tot, cnt = 0.0, 0
            for b in range(n_batches):
                check(self.cancel)
                p = perm[b * batch_size : (b + 1) * batch_size]
                batch = to_tensors(task_batch(self.seqs, self.data, p, self.max_len), self.dev)
                loss = self.loss(self.head(self.enc(batch)), self.targets(p))
                opt.zero_grad()
                loss.backward()
                if max_grad_norm:
                    torch.nn.utils.clip_grad_norm_(params, float(max_grad_norm))
                opt.step()
                tot += float(loss.detach()) * p.size
                cnt += p.size
                report(progress, 100.0 * (ep * n_batches + b + 1) / (epochs * n_batches))
            self.history["train_loss"].append(tot / max(cnt, 1))
            vl = self._fine_tuned_val_loss(batch_size)
            self.history["val_loss"].append(vl)
            if self.val_idx.size and self.keep_best(vl, ep):
                break

    def _fine_tuned_val_loss(self, batch_size: int) -> float:
        if self.val_idx.size == 0:
            return float("nan")
        z = self.embed(self.val_idx, batch_size * 4)
        self.head.eval()
        with self.torch.no_grad():
            v = self.loss(self.head(z), self.targets(self.val_idx))
        return float(v)

    # -------------------------------------------------------------------- frozen encoder
    def run_frozen(self, epochs, batch_size, lr, progress) -> None:
        """Embed the rows once with the frozen encoder, then train the head alone."""
        torch = self.torch
        train_idx, val_idx = self.train_idx, self.val_idx
        for p in self.enc.parameters():
            p.requires_grad_(False)
        emb_prog = scaled(progress, 0.0, 30.0)
        z_all = self.embed(np.concatenate([train_idx, val_idx]), batch_size * 4)
        report(emb_prog, 100.0)
        z_tr, z_va = z_all[: train_idx.size], z_all[train_idx.size :]
        t_tr, t_va = self.targets(train_idx), self.targets(val_idx)
        opt = torch.optim.Adam(self.head.parameters(), lr=float(lr))
        head_prog = scaled(progress, 30.0, 100.0)
        n_batches = int(np.ceil(train_idx.size / batch_size))
        for ep in range(epochs):
            check(self.cancel)
            self.head.train()
            perm = torch.from_numpy(self.rng.permutation(train_idx.size)).to(self.dev)
            tot = 0.0
            for b in range(n_batches):
                sel = perm[b * batch_size : (b + 1) * batch_size]
                loss = self.loss(self.head(z_tr[sel]), t_tr[sel])
                opt.zero_grad()
                loss.backward()
                opt.step()
                tot += float(loss.detach()) * int(sel.numel())
            self.history["train_loss"].append(tot / train_idx.size)
            report(head_prog, 100.0 * (ep + 1) / epochs)
            if not val_idx.size:
                self.history["val_loss"].append(float("nan"))
                continue
            self.head.eval()
            with torch.no_grad():
                vl = float(self.loss(self.head(z_va), t_va))
            self.history["val_loss"].append(vl)
            if self.keep_best(vl, ep):
                break


def fit_task(
    encoder,
    seqs: UnitSequences,
    data: TaskData,
    train_idx,
    val_idx=None,
    *,
    fine_tune: bool = True,
    epochs: Optional[int] = None,
    batch_size: int = 64,
    lr: float = 1e-3,
    encoder_lr: Optional[float] = None,
    max_len: int = 128,
    patience: int = 3,
    max_grad_norm: float = 5.0,
    device: Optional[str] = None,
    n_threads: Optional[int] = None,
    seed: int = 0,
    progress: ProgressFn = None,
    cancel: CancelFn = None,
) -> TaskModel:
    """Train a linear head (d_model -> classes, or -> 1 for travel time) on ``encoder`` for ``data.task``.

    ``encoder``: a module with ``d_model`` and ``forward(batch) -> (B, d_model)``, or a callable without arguments
    returning one (called after seeding, so its initial weights follow ``seed``). The module is deep-copied: the
    caller's encoder never changes. ``train_idx``/``val_idx``: task row positions (:func:`split`,
    :func:`validation_split`); with validation rows the weights of the epoch with the lowest validation loss are kept
    and training stops after ``patience`` epochs without improvement. ``fine_tune``: train the encoder too, with
    ``encoder_lr`` (default ``lr / 10``); otherwise the embeddings are computed once and only the head trains.
    ``epochs`` defaults to 20 fine-tuning, 100 frozen. Cross-entropy for the classification tasks, MSE on the
    standardised travel time; with ``predict_length`` k (destination) the head has k x units outputs and the loss
    is the mean cross-entropy over the k positions. ``device``: "cpu", "cuda" or None (CUDA when present).
    """
    torch, dev = torch_setup(device or "auto", n_threads)
    if data.task not in TASKS:
        raise ValueError(f"unknown task {data.task!r}")
    train_idx = np.asarray(train_idx, np.int64)
    val_idx = np.zeros(0, np.int64) if val_idx is None else np.asarray(val_idx, np.int64)
    if train_idx.size == 0:
        raise TaskDataError("no training trajectory; use a larger training share")
    if epochs is None:
        epochs = 20 if fine_tune else 100
    epochs, batch_size = int(epochs), max(int(batch_size), 1)
    encoder_lr = lr / 10.0 if encoder_lr is None else float(encoder_lr)
    torch.manual_seed(int(seed))
    rng = np.random.default_rng(int(seed))
    enc = _task_encoder(torch, encoder, dev)
    run = _HeadTraining(
        torch,
        dev,
        enc,
        seqs,
        data,
        train_idx,
        val_idx,
        fine_tune=fine_tune,
        patience=patience,
        max_len=max_len,
        rng=rng,
        cancel=cancel,
    )
    if fine_tune:
        run.run_fine_tuning(epochs, batch_size, lr, encoder_lr, max_grad_norm, progress)
    else:
        run.run_frozen(epochs, batch_size, lr, progress)
    model = run.finish(batch_size)
    report(progress, 100.0)
    return model
