"""Shared settings of the simulators: independent random streams drawn from one seed, and the default start time."""

from __future__ import annotations

import numpy as np

__all__ = ["DEFAULT_START_TIME", "streams"]

#: 2024-01-01 08:00:00 UTC
DEFAULT_START_TIME = 1704096000

# independent random streams (indices into SeedSequence.spawn): changing e.g. the GPS noise does not change routes
S_NETWORK, S_LAYOUT, S_ROUTES, S_DETOURS, S_TIMING, S_NOISE = range(6)


def streams(seed: int, n: int = 6):
    """``n`` independent generators of ``numpy.random.SeedSequence(seed)`` (indexed by the ``S_*`` constants)."""
    return [np.random.default_rng(s) for s in np.random.SeedSequence(int(seed)).spawn(n)]
