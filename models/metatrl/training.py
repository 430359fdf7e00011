"""MetaTRL's pre-training and cross-city meta-learning loop (:class:`MetaTrainer`).

Pre-training (Eq. 19-20): whole spans (non-adjacent sub-trajectories, mean length ``span_mean``) covering
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

from typing import Callable, List, Optional, Sequence, Tuple

import numpy as np
import torch
from torch.nn import functional as F  # noqa: N812 (torch's usual name)

from ..core.memory import trim_heap
from ..core.progress import CancelFn, ProgressFn, check, report
from ..core.units import UnitNetwork, UnitSequences, to_tensors
from .net import CityModel
from .params import City, MetaTRLParams, target_epochs
from .pretrain import length_batches, pretrain_batch

#: logits (masked units x units of the city) above which the unit-recovery loss is computed in chunks
CHUNKED_LOGITS = 1 << 23


def _ce_sum(head, z, target):
    return F.cross_entropy(head(z), target, reduction="sum")


def unit_recovery_loss(head, z, target, chunk_logits: int = CHUNKED_LOGITS):
    """Mean cross-entropy of ``head(z)`` (one logit per unit of the city) against ``target``. A source city of
    76 k H3 cells (the T-Drive week) gives a batch ~900 masked units x 76 k logits, held three times by the
    backward pass (logits, log-softmax, gradient: 0.8 GB); above ``chunk_logits`` the logits are made for a chunk
    of rows at a time and recomputed in the backward pass (torch checkpointing), the same loss to rounding.
    Smaller cities take the direct path, unchanged."""
    n, n_units = z.shape[0], head.out_features
    if n * n_units <= chunk_logits:
        return F.cross_entropy(head(z), target)
    from torch.utils.checkpoint import checkpoint

    rows = max(1, chunk_logits // (4 * n_units))
    total = z.new_zeros(())
    for s in range(0, n, rows):
        total = total + checkpoint(_ce_sum, head, z[s : s + rows], target[s : s + rows], use_reentrant=False)
    return total / n


def _n_batches(n_rows: int, p: MetaTRLParams) -> int:
    """Batches of an epoch over ``n_rows`` trajectories (``length_batches`` and ``test_gradient`` both cut
    ceil(n / batch_size))."""
    return -(-int(n_rows) // p.batch_size)


def new_city_model(p: MetaTRLParams, network: UnitNetwork, p_edges, device) -> CityModel:
    """A freshly initialised :class:`~.net.CityModel` of ``network`` on ``device``."""
    return CityModel(p, network, p_edges).to(device)


def clone_shared(model: CityModel, state: dict) -> None:
    """Copy the tensors of ``state`` (name -> tensor) into ``model``'s parameters of the same names."""
    with torch.no_grad():
        for k, prm in model.named_parameters():
            if k in state:
                prm.copy_(state[k])


class MetaTrainer:
    """One training run: meta-learning over the sources, then the target's pre-training. ``progress`` follows the
    batches of the whole run (training, meta-test and target batches alike); ``say(text)`` gets progress lines."""

    def __init__(
        self,
        p: MetaTRLParams,
        device,
        rng,
        progress: ProgressFn = None,
        cancel: CancelFn = None,
        say: Optional[Callable[[str], None]] = None,
    ):
        self.p, self.device, self.rng = p, device, rng
        self.progress, self.cancel = progress, cancel
        self.say = say or (lambda s: None)
        self.done, self.total_batches = 0, 0  # batches done / of the whole run: what the progress follows

    # -------------------------------------------------------------------------------- one city
    def loss(self, model: CityModel, b):
        """(gamma L_fm + (1 - gamma) L_tm, L_fm, L_tm) of a pre-training batch (Eq. 19-20)."""
        t = to_tensors(b, self.device)
        z = model.sequence_states(t)
        fm = t["fm_target"] >= 0
        l_fm = unit_recovery_loss(model.private["fm_head"], z[fm], t["fm_target"][fm]) if fm.any() else z.sum() * 0
        tm = t["tm"]
        if tm.any():
            l_tm = F.mse_loss(model.shared["tm_head"](z[tm]).squeeze(-1), t["tm_target"][tm])
        else:
            l_tm = z.sum() * 0
        g = self.p.gamma
        return g * l_fm + (1 - g) * l_tm, float(l_fm.detach()), float(l_tm.detach())

    def epoch(self, model: CityModel, opt, seqs: UnitSequences, rows) -> np.ndarray:
        """One pass over ``rows`` in random batches of similar lengths; returns mean (loss, fm, tm)."""
        p, rng = self.p, self.rng
        model.train()
        batches = length_batches(seqs.lengths[rows], rows, p.batch_size, rng)
        sums = np.zeros(3)
        nb = 0
        for batch_rows in batches:
            check(self.cancel)
            b = pretrain_batch(seqs, batch_rows, p, rng)
            loss, lf, lt = self.loss(model, b)
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 5.0)
            opt.step()
            sums += (float(loss.detach()), lf, lt)
            nb += 1
            trim_heap()
            self._tick()
        return sums / max(nb, 1)

    def test_gradient(self, model: CityModel, seqs: UnitSequences, rows) -> float:
        """Mean loss of ``rows`` and the gradient of it, accumulated in the parameters' .grad (Eq. 2)."""
        p = self.p
        model.train()
        model.zero_grad()
        total, n = 0.0, 0
        for k in range(0, rows.size, p.batch_size):
            check(self.cancel)
            chunk = rows[k : k + p.batch_size]
            b = pretrain_batch(seqs, chunk, p, self.rng)
            loss, _, _ = self.loss(model, b)
            (loss * chunk.size / rows.size).backward()
            total += float(loss.detach()) * chunk.size
            n += chunk.size
            trim_heap()
            self._tick()
        return total / max(n, 1)

    def _tick(self) -> None:
        """One batch done: the progress follows the batches of the whole run (a city-scale source's epoch is
        hundreds of batches over tens of thousands of units, a small target's a few dozen)."""
        self.done += 1
        report(self.progress, 100.0 * self.done / max(self.total_batches, 1))

    # -------------------------------------------------------------------------------- the run
    def run(
        self, target: City, tgt: UnitSequences, p_edges, sources: Sequence[Tuple[City, UnitSequences]]
    ) -> Tuple[CityModel, dict, int]:
        """(the trained target model in eval mode, history, target epochs run) of meta-learning on ``sources``
        (cities with their prepared sequences) and pre-training on ``target`` with its prepared sequences ``tgt``."""
        p = self.p
        hist = {"meta": [], "target": []}
        target_model = new_city_model(p, target.network, p_edges, self.device)
        shared = set(target_model.shared_names())
        meta_state = {k: v.detach().clone() for k, v in target_model.named_parameters() if k in shared}
        n_meta = p.meta_epochs if sources else 0
        n_target = target_epochs(p, len(tgt))
        cities = self._source_setups(sources)
        per_round = [p.source_epochs * _n_batches(len(tr), p) + _n_batches(len(te), p) for *_, tr, te in cities]
        self.total_batches = n_meta * sum(per_round) + n_target * _n_batches(len(tgt), p)
        self.done = 0
        for epoch in range(n_meta):
            for city in cities:
                hist["meta"].append(self._source_round(city, meta_state, shared, epoch, n_meta))
        if sources:
            clone_shared(target_model, meta_state)  # Eq. 3
        hist["target"] = self._pretrain_target(target, tgt, target_model, n_target)
        target_model.eval()
        return target_model, hist, n_target

    def _source_setups(self, sources) -> List[tuple]:
        """(city, sequences, model, optimiser, train rows, test rows) of every source."""
        p = self.p
        out = []
        for c, s in sources:
            m = new_city_model(p, c.network, c.network.transition_probabilities(s), self.device)
            opt = torch.optim.Adam(m.parameters(), lr=p.learning_rate)
            perm = self.rng.permutation(len(s))
            n_test = max(1, int(round(p.test_share * len(s))))
            out.append((c, s, m, opt, np.sort(perm[n_test:]), np.sort(perm[:n_test])))
        return out

    def _source_round(self, city, meta_state: dict, shared: set, epoch: int, n_meta: int) -> dict:
        """One source's turn of a meta epoch (Eq. 1-2); updates ``meta_state`` and returns its history entry."""
        p = self.p
        c, s, m, opt, tr, te = city
        clone_shared(m, meta_state)  # parameters clone
        for _ in range(p.source_epochs):  # Eq. 1
            loss, lf, lt = self.epoch(m, opt, s, tr)
        test_loss = self.test_gradient(m, s, te)  # Eq. 2
        with torch.no_grad():
            for k, prm in m.named_parameters():
                if k not in shared:
                    continue
                base = prm.detach().clone() if p.meta_update == "continue" else meta_state[k]
                grad = prm.grad if prm.grad is not None else torch.zeros_like(prm)
                meta_state[k] = base - p.meta_lr * grad
        m.zero_grad()
        self.say(
            f"meta epoch {epoch + 1}/{n_meta}, source {c.name}: train loss {loss:.4f} "
            f"(units {lf:.3f}, time {lt:.4f}), test loss {test_loss:.4f}"
        )
        return {"meta_epoch": epoch + 1, "city": c.name, "loss": loss, "fm": lf, "tm": lt, "test_loss": test_loss}

    def _pretrain_target(self, target: City, tgt: UnitSequences, model: CityModel, n_target: int) -> List[dict]:
        """The target's pre-training (Eq. 4); returns its per-epoch history."""
        p = self.p
        opt = torch.optim.Adam(model.parameters(), lr=p.learning_rate)
        rows = np.arange(len(tgt))
        if n_target > p.target_epochs:
            self.say(
                f"target {target.name}: {n_target} epochs instead of {p.target_epochs}, to reach "
                f"{p.min_target_steps} steps on {len(tgt)} trajectories"
            )
        hist = []
        for epoch in range(n_target):
            loss, lf, lt = self.epoch(model, opt, tgt, rows)
            hist.append({"epoch": epoch + 1, "city": target.name, "loss": loss, "fm": lf, "tm": lt})
            self.say(
                f"target {target.name} epoch {epoch + 1}/{n_target}: loss {loss:.4f} (units {lf:.3f}, time {lt:.4f})"
            )
        return hist
