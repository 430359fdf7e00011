"""CroTad pre-training (Eq. 18): alpha1 L_rec + alpha2 L_STSC + alpha3 L_MIIC over batches of training windows, with
the positive views (T_pos: random masking, rear and head truncation) and the masked copies it needs."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np

from ..core.progress import check, report
from .windows import MASK, PAD, WeightedDraw

if TYPE_CHECKING:
    from .model import CroTad

__all__ = ["pretrain", "augment_pos", "mask_cells"]


def pretrain(model: "CroTad", dec, phi_all, rng, progress, cancel) -> None:
    """Train ``model``'s encoder and the decoder ``dec`` on the model's training windows (``phi_all``: phi of each),
    appending the mean losses of every epoch to ``model.history_["pretrain"]``."""
    torch = model._torch
    p = model.params
    pool = model._train
    params = [q for q in model._enc.parameters() if q.requires_grad] + list(dec.parameters())
    opt = torch.optim.Adam(params, lr=p.lr)
    steps = max(1, min(int(p.steps_per_epoch), int(math.ceil(pool.n / p.batch_size))))
    total = steps * int(p.pretrain_epochs)
    sampler = WeightedDraw(pool.od_balanced_weights())
    model._enc.train()
    dec.train()
    step = 0
    for epoch in range(int(p.pretrain_epochs)):
        sums = np.zeros(4)
        for _ in range(steps):
            check(cancel)
            idx = sampler.draw(rng, min(p.batch_size, pool.n))
            loss, rec, stsc, miic = _losses(model, dec, idx, phi_all, rng)
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(params, 5.0)
            opt.step()
            sums += [v.item() for v in (loss.detach(), rec.detach(), stsc.detach(), miic.detach())]
            step += 1
            report(progress, 100.0 * step / total)
        m = sums / steps
        model.history_["pretrain"].append(
            {
                "epoch": epoch + 1,
                "loss": round(m[0], 5),
                "rec": round(m[1], 5),
                "stsc": round(m[2], 5),
                "miic": round(m[3], 5),
            }
        )


def _losses(model: "CroTad", dec, idx, phi_all, rng):
    """(Eq. 18 loss, L_rec, L_STSC, L_MIIC) of the training windows ``idx``, in one encoder pass over every window
    of the step: two STSC views, MIIC anchor / positive / negatives, the masked copy for the reconstruction."""
    torch = model._torch
    F = torch.nn.functional
    p = model.params
    pool = model._train
    tok, ln, od = pool.tok[idx], pool.len[idx], pool.od[idx]
    v1, l1 = augment_pos(tok, ln, p, rng)
    v2, l2 = augment_pos(tok, ln, p, rng)
    pos = pool.same_od(od, rng)
    negs, nl = model._rare.negatives(tok, ln, od, p.n_negatives, rng)
    masked = mask_cells(tok, ln, p.rho4, rng)
    b, nn_ = tok.shape[0], p.n_negatives
    h_all = model._encode(
        np.concatenate([v1, v2, tok, pool.tok[pos], negs, masked]),
        np.concatenate([l1, l2, ln, pool.len[pos], nl, ln]),
        np.concatenate([od, od, od, od, np.repeat(od, nn_), od]),
    )
    z_all = F.normalize(model._enc.proj(h_all[: (4 + nn_) * b]), dim=1)
    # STSC (Eq. 4): NT-Xent between the two views
    stsc = nt_xent(torch, z_all[: 2 * b], p.tau)
    w = miic_weight(np.minimum(phi_all[idx], phi_all[pos]), p.delta1, p.delta2)
    miic = _miic(model, z_all[2 * b :], b, w, od)
    # reconstruction (Eq. 15-17) from the masked copy's h
    t = torch.as_tensor(tok, device=model._dev)
    logits = dec(model._enc, h_all[(4 + nn_) * b :], t)
    lt = torch.as_tensor(ln, device=model._dev)
    valid = torch.arange(t.shape[1], device=model._dev)[None] < lt[:, None]
    rec = F.cross_entropy(logits[valid], t[valid])
    loss = p.alpha_rec * rec + p.alpha_stsc * stsc + p.alpha_miic * miic
    return loss, rec, stsc, miic


def _miic(model: "CroTad", z, b, w, od):
    """L_MIIC (Eq. 8-12) averaged per OD, then over the ODs of the batch; ``z``: the b anchors, b positives and
    b * n_negatives negatives (grouped by anchor), normalised; ``w``: Eq. 13 weights of the pairs."""
    torch = model._torch
    p = model.params
    dev = model._dev
    nn_ = p.n_negatives
    za, zp = z[:b], z[b : 2 * b]
    zn = z[2 * b :].view(b, nn_, -1)
    x_pos = p.scale * torch.as_tensor(w, dtype=torch.float32, device=dev) * (za * zp).sum(1)
    x_neg = p.scale * ((zn * za[:, None]).sum(-1) + p.margin)
    lse_neg = torch.logsumexp(x_neg, 1) - math.log(nn_)  # log E[exp(x-)]
    per = -(x_pos - torch.logaddexp(x_pos, lse_neg))
    odt = torch.as_tensor(od, device=dev)
    n_per_od = torch.zeros(len(model.ods_), device=dev).index_add_(0, odt, torch.ones_like(per))
    s_per_od = torch.zeros(len(model.ods_), device=dev).index_add_(0, odt, per)
    present = n_per_od > 0
    return (s_per_od[present] / n_per_od[present]).mean()


def nt_xent(torch, z, tau):
    """Eq. 4 averaged over the 2M views (z normalised, views i and i + M are positives)."""
    m = z.shape[0] // 2
    sim = z @ z.t() / tau
    sim.fill_diagonal_(-1e30)
    target = torch.cat([torch.arange(m, 2 * m), torch.arange(0, m)]).to(z.device)
    return torch.nn.functional.cross_entropy(sim, target)


def miic_weight(s, d1, d2):
    """Eq. 13."""
    return np.where(s >= d1, 1.0, np.where(s > d2, 0.0, -1.0))


def augment_pos(tok, ln, p, rng):
    """One T_pos view per window: random masking (drop <= rho1 cells), rear or head truncation (cut <= rho2 / rho3
    cells); at least one cell is always kept. ``p``: the model's :class:`CroTadParams`."""
    b, L = tok.shape
    out = np.full_like(tok, PAD)
    lens = np.zeros_like(ln)
    kind = rng.integers(0, 3, size=b)
    for i in range(b):
        n = int(ln[i])
        s = tok[i, :n]
        if kind[i] == 0:
            m = min(int(rng.uniform(0, p.rho(1) + 1)), n - 1)
            keep = np.sort(rng.choice(n, size=n - m, replace=False)) if m else np.arange(n)
            s = s[keep]
        else:
            m = min(int(rng.uniform(0, (p.rho(2) if kind[i] == 1 else p.rho(3)) + 1)), n - 1)
            s = s[: n - m] if kind[i] == 1 else s[m:]
        out[i, : s.size] = s
        lens[i] = s.size
    return out, lens


def mask_cells(tok, ln, rho4, rng):
    """Replace a share ~U(0, rho4) of each window's cells by <mask> (random positions)."""
    out = tok.copy()
    share = rng.uniform(0, rho4, size=tok.shape[0])
    valid = np.arange(tok.shape[1])[None] < ln[:, None]
    hit = (rng.random(tok.shape) < share[:, None]) & valid
    out[hit] = MASK
    return out
