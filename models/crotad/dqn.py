"""CroTad's online detector training (section 4.3.2-4.3.5): a DQN on the training windows (plus a share of MIIC
negatives) with pseudo-labels from the offline detector, the biased reward of Table 1, experience replay and a
target network; each TD update (Eq. 25) regresses the Q values of both actions of a replayed state."""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING

import numpy as np

from ..core.progress import check, report
from .windows import WeightedDraw

if TYPE_CHECKING:
    from .model import CroTad

__all__ = ["reward_theta", "biased_reward", "ReplayBuffer", "fit_dqn"]


def reward_theta(P: int, N: int) -> float:
    """theta = P / N of Table 1 (P normal, N anomalous pseudo-labels; a count of 0 is taken as 1 so that an OD
    without pseudo-anomalies still gets finite rewards)."""
    return max(int(P), 1) / max(int(N), 1)


def biased_reward(P: int, N: int) -> np.ndarray:
    """Table 1: reward[action, pseudo label] with theta = :func:`reward_theta`."""
    P, N = max(int(P), 1), max(int(N), 1)
    theta = reward_theta(P, N)
    return np.array([[(P + N) / P, -(P + N) / N - theta], [-(P + N) / P, (P + N) / N + theta]], np.float32)


class ReplayBuffer:
    """Fixed-size replay buffer of (state row, next state row); rewards come from Table 1 at update time."""

    def __init__(self, size: int):
        self.cap = int(size)
        self.s = np.zeros(self.cap, np.int64)
        self.n = np.zeros(self.cap, np.int64)
        self.size = 0
        self.pos = 0

    def add(self, s, n):
        for v in zip(s, n):
            self.s[self.pos], self.n[self.pos] = v
            self.pos = (self.pos + 1) % self.cap
            self.size = min(self.size + 1, self.cap)

    def sample(self, k, rng):
        i = rng.integers(0, self.size, size=k)
        return self.s[i], self.n[i]


def fit_dqn(model: "CroTad", rng, progress, cancel) -> None:
    """Fine-tune ``model``'s encoder and train its Q head; pseudo-label counts and the training curve go to
    ``model.history_``."""
    p = model.params
    run = _DqnRun(model, rng, cancel)
    steps = int(p.dqn_steps)
    n_act = max(8, p.dqn_batch // 4)
    rsum, lsum, cnt = 0.0, 0.0, 0
    log_every = max(1, steps // 50)
    for step in range(steps):
        check(cancel)
        eps_greedy = p.epsilon_end + (p.epsilon_start - p.epsilon_end) * max(0.0, 1 - step / max(1, steps / 2))
        reward, loss = run.step(n_act, eps_greedy, rng)
        rsum += reward
        if loss is None:
            continue
        lsum += loss
        cnt += 1
        if (step + 1) % p.target_update == 0:
            run.update_target()
        if (step + 1) % log_every == 0 or step + 1 == steps:
            model.history_["dqn"].append(
                {
                    "step": step + 1,
                    "reward": round(rsum / cnt, 5),
                    "loss": round(lsum / cnt, 6),
                    "epsilon": round(eps_greedy, 4),
                }
            )
            rsum, lsum, cnt = 0.0, 0.0, 0
        report(progress, 100.0 * (step + 1) / steps)


class _DqnRun:
    """The states, pseudo-labels, rewards, target network, optimiser and replay buffer of one DQN training."""

    def __init__(self, model: "CroTad", rng, cancel):
        self.m = model
        p = model.params
        pool = model._train
        # states: training windows (with their successors) + a share of MIIC negatives (terminal)
        n_neg = int(round(pool.n * p.dqn_negatives / max(1e-9, 1 - p.dqn_negatives)))
        src = rng.integers(0, pool.n, size=n_neg)
        ntok, nlen = model._rare.negatives(pool.tok[src], pool.len[src], pool.od[src], 1, rng, cancel)
        self.tok = np.concatenate([pool.tok, ntok])
        self.ln = np.concatenate([pool.len, nlen])
        self.od = np.concatenate([pool.od, pool.od[src]])
        self.nxt = np.concatenate([pool.next, np.full(n_neg, -1, np.int64)])
        self.label = self._pseudo_labels(cancel)
        self.reward = self._rewards()
        self.target_enc, self.target_q = copy.deepcopy(model._enc), copy.deepcopy(model._qnet)
        self.target_enc.eval()
        self.target_q.eval()
        self.params = list(model._qnet.parameters()) + [q for q in model._enc.parameters() if q.requires_grad]
        self.opt = model._torch.optim.Adam(
            [
                {"params": list(model._qnet.parameters()), "lr": p.dqn_lr * 10},
                {"params": [q for q in model._enc.parameters() if q.requires_grad], "lr": p.dqn_lr},
            ]
        )
        self.buf = ReplayBuffer(p.buffer_size)
        weights = np.bincount(self.od, minlength=len(model.ods_)).astype(float)
        w = (1.0 / np.maximum(weights, 1))[self.od]
        w /= w.sum()
        self.w = w
        self.sampler = WeightedDraw(w)

    def _pseudo_labels(self, cancel) -> np.ndarray:
        """The offline detector's label of every state."""
        m = self.m
        label = np.zeros(self.tok.shape[0], np.int8)
        for o in range(len(m.ods_)):
            check(cancel)
            rows = np.flatnonzero(self.od == o)
            label[rows] = m._offline_labels(m._z(self.tok[rows], self.ln[rows], self.od[rows], cancel=cancel), o)
        return label

    def _rewards(self) -> np.ndarray:
        """Table 1 per OD, divided by the largest magnitude of the OD's rewards: [od, action, pseudo label]."""
        m, label, od = self.m, self.label, self.od
        reward = np.zeros((len(m.ods_), 2, 2), np.float32)
        for o, key in enumerate(m.ods_):
            rows = od == o
            P = int((label[rows] == 0).sum())
            N = int((label[rows] == 1).sum())
            m.history_["pseudo_labels"][key] = {"normal": P, "anomalous": N, "theta": reward_theta(P, N)}
            r = biased_reward(P, N)
            reward[o] = r / np.abs(r).max()
        m.history_["pseudo_labels_total"] = {"normal": int((label == 0).sum()), "anomalous": int((label == 1).sum())}
        return reward

    def step(self, n_act, eps_greedy, rng):
        """Act on fresh states (epsilon-greedy) and update on a replay minibatch in one encoder pass (the actor's Q
        values come from the same, pre-update, network). (mean reward of the actions, TD loss or None when the
        buffer was still empty)."""
        m, p = self.m, self.m.params
        s = self.sampler.draw(rng, min(n_act, self.tok.shape[0]))
        if self.buf.size:
            bs, bn = self.buf.sample(min(p.dqn_batch, self.buf.size), rng)
        else:
            bs = np.zeros(0, np.int64)
        rows = np.concatenate([s, bs])
        m._enc.train()
        q_all = m._qnet(m._encode(self.tok[rows], self.ln[rows], self.od[rows]))
        a = q_all[: s.size].detach().cpu().numpy().argmax(1)
        explore = rng.random(s.size) < eps_greedy
        a[explore] = rng.integers(0, 2, size=int(explore.sum()))
        r = float(self.reward[self.od[s], a, self.label[s]].mean())
        if not bs.size:
            self.buf.add(s, self.nxt[s])
            return r, None
        loss = self._td_loss(q_all[s.size :], bs, bn)
        self.opt.zero_grad()
        loss.backward()
        m._torch.nn.utils.clip_grad_norm_(self.params, 5.0)
        self.opt.step()
        self.buf.add(s, self.nxt[s])
        return r, loss.item()

    def _td_loss(self, qs, bs, bn):
        """MSE between the Q values ``qs`` of the replayed states ``bs`` and their Bellman targets (next states
        ``bn``, -1 terminal) for both actions: the next state does not depend on the action and Table 1 gives the
        reward of either action for the replayed state's pseudo-label."""
        torch = self.m._torch
        dev = self.m._dev
        has = bn >= 0
        boot = np.zeros(bs.size, np.float32)
        if has.any():
            nb = bn[has]
            with torch.no_grad():
                h = self.target_enc(
                    torch.as_tensor(self.tok[nb], device=dev),
                    torch.as_tensor(self.ln[nb], device=dev),
                    torch.as_tensor(self.od[nb], device=dev),
                )
                boot[has] = self.target_q(h).max(1).values.cpu().numpy()
        r_both = self.reward[self.od[bs], :, self.label[bs]]  # (batch, 2)
        y = torch.as_tensor(r_both + self.m.params.gamma * boot[:, None], device=dev)
        return torch.nn.functional.mse_loss(qs, y)

    def update_target(self):
        self.target_enc.load_state_dict(self.m._enc.state_dict())
        self.target_q.load_state_dict(self.m._qnet.state_dict())
        self.target_enc.eval()  # drops the target's cached GAT output
