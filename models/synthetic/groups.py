"""Group streams for evolutionary clustering (ECO): objects moving together in groups, with one-step jumps."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .seeds import DEFAULT_START_TIME

__all__ = ["GroupStream", "simulate_groups"]


@dataclass
class GroupStream:
    """Records of objects moving in groups (planar metres): object id, time, x, y, the object's group and whether
    the record is a one-step jump away from it."""

    obj: np.ndarray
    t: np.ndarray
    x: np.ndarray
    y: np.ndarray
    group: np.ndarray
    jump: np.ndarray


def simulate_groups(
    n_groups: int = 20,
    per_group: int = 10,
    n_steps: int = 30,
    interval: float = 10.0,
    extent: float = 20000.0,
    spread: float = 80.0,
    speed: float = 8.0,
    jump_rate: float = 0.02,
    jump_distance: float = 350.0,
    jitter: float = 2.0,
    seed: int = 0,
    start_time: int = DEFAULT_START_TIME,
) -> GroupStream:
    """Streaming test data for evolutionary clustering: groups of ``per_group`` objects travel together in straight
    lines at ``speed`` m/s from random starts in an ``extent`` square, sampled every ``interval`` s (± ``jitter``
    s); each member keeps an offset (σ = ``spread`` m) from its group centre, and with probability ``jump_rate`` a
    record is displaced by ``jump_distance`` m for that one step (Figure 1 of the ECO paper)."""
    rng = np.random.default_rng(seed)
    n = n_groups * per_group
    centre = rng.uniform(0, extent, (n_groups, 2))
    ang = rng.uniform(0, 2 * np.pi, n_groups)
    vel = speed * np.column_stack([np.cos(ang), np.sin(ang)])
    group = np.repeat(np.arange(n_groups), per_group)
    offset = rng.normal(0, spread, (n, 2))
    k = np.arange(n_steps)
    pos = centre[group][None] + offset[None] + vel[group][None] * (k * interval)[:, None, None]
    jump = rng.random((n_steps, n)) < jump_rate
    jump[0] = False
    dirn = rng.uniform(0, 2 * np.pi, (n_steps, n))
    pos = pos + jump[..., None] * jump_distance * np.stack([np.cos(dirn), np.sin(dirn)], -1)
    t = start_time + (k * interval)[:, None] + rng.uniform(0, jitter, (n_steps, n))
    return GroupStream(
        obj=np.tile(np.arange(n), n_steps),
        t=np.floor(t).astype(np.int64).ravel(),
        x=pos[..., 0].ravel(),
        y=pos[..., 1].ravel(),
        group=np.tile(group, n_steps),
        jump=jump.ravel(),
    )
