"""A synthetic street grid (arterials every few streets, some missing streets and a few diagonals) and the routing
cost factor of its road classes."""

from __future__ import annotations

import numpy as np

from .seeds import S_NETWORK

__all__ = ["grid_lines", "GRID_COST_FACTORS"]


def grid_lines(
    xmin: float,
    ymin: float,
    xmax: float,
    ymax: float,
    spacing: float = 200.0,
    seed: int = 42,
    arterial_every: int = 5,
    missing_rate: float = 0.06,
    diagonal_rate: float = 0.03,
):
    """A street grid inside a box (metres): one line per block side, some missing, a few cell diagonals.

    Every ``arterial_every``-th street is an arterial (kind ``"arterial"``, never removed); other block sides
    are removed with probability ``missing_rate``; a share ``diagonal_rate`` of the cells gets a diagonal street.
    Returns (lines, kinds). Deterministic for a seed.
    """
    spacing = float(spacing)
    if spacing <= 0:
        raise ValueError("GRID_SPACING must be positive")
    nx = int(np.floor((xmax - xmin) / spacing)) + 1
    ny = int(np.floor((ymax - ymin) / spacing)) + 1
    if nx < 3 or ny < 3:
        raise ValueError(
            f"GRID_SPACING: {spacing:g} m leaves fewer than 3 streets across the extent; "
            "use a smaller spacing or a larger extent"
        )
    if nx * ny > 2_000_000:
        raise ValueError(
            f"GRID_SPACING: {spacing:g} m gives {nx * ny} grid nodes; use a larger spacing or a smaller extent"
        )
    rng = np.random.default_rng(np.random.SeedSequence(int(seed)).spawn(6)[S_NETWORK])
    x0 = xmin + ((xmax - xmin) - (nx - 1) * spacing) / 2
    y0 = ymin + ((ymax - ymin) - (ny - 1) * spacing) / 2
    xs = x0 + np.arange(nx) * spacing
    ys = y0 + np.arange(ny) * spacing
    lines, kinds = [], []
    off = arterial_every // 2
    # horizontal block sides (along row j), vertical block sides (along column i)
    for j in range(ny):
        art = arterial_every > 0 and (j - off) % arterial_every == 0
        drop = rng.random(nx - 1) < (0.0 if art else missing_rate)
        for i in range(nx - 1):
            if not drop[i]:
                lines.append(np.array([[xs[i], ys[j]], [xs[i + 1], ys[j]]]))
                kinds.append("arterial" if art else "street")
    for i in range(nx):
        art = arterial_every > 0 and (i - off) % arterial_every == 0
        drop = rng.random(ny - 1) < (0.0 if art else missing_rate)
        for j in range(ny - 1):
            if not drop[j]:
                lines.append(np.array([[xs[i], ys[j]], [xs[i], ys[j + 1]]]))
                kinds.append("arterial" if art else "street")
    diag = rng.random((nx - 1, ny - 1)) < diagonal_rate
    flip = rng.random((nx - 1, ny - 1)) < 0.5
    for i, j in zip(*np.nonzero(diag)):
        if flip[i, j]:
            lines.append(np.array([[xs[i], ys[j]], [xs[i + 1], ys[j + 1]]]))
        else:
            lines.append(np.array([[xs[i + 1], ys[j]], [xs[i], ys[j + 1]]]))
        kinds.append("diagonal")
    return lines, kinds


#: routing cost factor per road class of the synthetic grid (arterials are faster)
GRID_COST_FACTORS = {"arterial": 0.8, "street": 1.0, "diagonal": 1.0}
