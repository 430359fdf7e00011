"""Groups from neighbour pairs: DBSCAN (a point counts itself, as in Definition 6; components from
scipy.sparse.csgraph) and ECO's minimal groups (Definition 12, Algorithm 1)."""

from __future__ import annotations

import numpy as np


def _nearest(n: int, owner, target, dist):
    """For each of n points, the ``target`` of its smallest-``dist`` entry among those it ``owner``s (ties: the
    lowest target), or −1."""
    mind = np.full(n, np.inf)
    np.minimum.at(mind, owner, dist)
    ok = dist <= mind[owner]
    best = np.full(n, np.iinfo(np.int64).max)
    np.minimum.at(best, owner[ok], target[ok])
    best[best == np.iinfo(np.int64).max] = -1
    return best


def dbscan_pairs(n: int, i, j, d, eps: float, min_pts: int):
    """DBSCAN from neighbour pairs: (labels 0..K−1 or −1, role 0 noise / 1 border / 2 core).

    A point is core when at least ``min_pts`` points (itself included) lie within ``eps``; clusters are the
    connected components of core points; a border point joins the cluster of its nearest core neighbour."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    m = d <= eps
    i, j, d = i[m], j[m], d[m]
    deg = np.bincount(i, minlength=n) + np.bincount(j, minlength=n) + 1
    core = deg >= min_pts
    labels = np.full(n, -1, np.int64)
    role = np.zeros(n, np.int8)
    if not core.any():
        return labels, role
    cc = core[i] & core[j]
    g = coo_matrix((np.ones(int(cc.sum()), np.int8), (i[cc], j[cc])), shape=(n, n))
    _, comp = connected_components(g, directed=False)
    _, lab = np.unique(comp[core], return_inverse=True)
    labels[core] = lab
    role[core] = 2
    # border points: nearest core neighbour
    bij = ~core[i] & core[j]
    bji = ~core[j] & core[i]
    near = _nearest(n, np.r_[i[bij], j[bji]], np.r_[j[bij], i[bji]], np.r_[d[bij], d[bji]])
    border = near >= 0
    labels[border] = labels[near[border]]
    role[border] = 1
    return labels, role


def minimal_groups(n: int, i, j, d, delta: float, rho: int):
    """Definition 12 / Algorithm 1: (seed index of each point or −1, is_seed).

    Seeds need at least ``rho`` points (themselves included) within ``delta`` and are chosen greedily by decreasing
    local density (ties: lower index), no two within ``delta`` (the lexicographically-first maximal independent
    set, computed in parallel rounds of local maxima). Every other point joins its nearest seed within ``delta``."""
    m = d <= delta
    i, j, d = i[m], j[m], d[m]
    dens = np.bincount(i, minlength=n) + np.bincount(j, minlength=n) + 1
    cand = dens >= rho
    # unique priority: higher density first, then lower index
    order = np.lexsort((np.arange(n), -dens))
    prio = np.empty(n, np.int64)
    prio[order] = np.arange(n)[::-1]
    ce = cand[i] & cand[j]
    ei, ej = i[ce], j[ce]
    alive = cand.copy()
    seed = np.zeros(n, bool)
    while alive.any():
        live = alive[ei] & alive[ej]
        ei, ej = ei[live], ej[live]
        best = np.full(n, -1, np.int64)
        np.maximum.at(best, ei, prio[ej])
        np.maximum.at(best, ej, prio[ei])
        win = alive & (prio > best)
        seed |= win
        gone = win.copy()
        gone[ej[win[ei]]] = True
        gone[ei[win[ej]]] = True
        alive &= ~gone
    group = np.where(seed, np.arange(n), -1)
    to_seed = seed[j] & ~seed[i]
    from_seed = seed[i] & ~seed[j]
    near = _nearest(
        n, np.r_[i[to_seed], j[from_seed]], np.r_[j[to_seed], i[from_seed]], np.r_[d[to_seed], d[from_seed]]
    )
    group = np.where(near >= 0, near, group)
    return group, seed
