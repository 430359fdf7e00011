"""Where the simulated OD pairs lie on the road graph: the radius of the origin/destination areas and the anchor nodes
of each pair ("compact": pairs kept apart from each other; "crosstown": long trips whose routes cross)."""

from __future__ import annotations

import numpy as np

from .roadgraph import RoadGraph

__all__ = ["area_radius", "choose_anchors", "choose_anchors_compact"]


def _inner_candidates(graph: RoadGraph, n_pairs: int, inset: float) -> np.ndarray:
    """Nodes inside the network's box shrunk by ``inset`` of its width and height on every side, or every node when
    fewer than 4 per pair lie there."""
    xy = graph.node_xy
    xmin, ymin, xmax, ymax = graph.bounds
    w, h = xmax - xmin, ymax - ymin
    inner = (
        (xy[:, 0] >= xmin + inset * w)
        & (xy[:, 0] <= xmax - inset * w)
        & (xy[:, 1] >= ymin + inset * h)
        & (xy[:, 1] <= ymax - inset * h)
    )
    return np.flatnonzero(inner) if inner.sum() >= 4 * n_pairs else np.arange(graph.n_nodes)


def _spread_nodes(xy: np.ndarray, cand: np.ndarray, count: int, min_gap: float, rng) -> list:
    """Randomised farthest-point sampling: up to ``count`` node ids among ``cand``, starting from a random one, each
    next one drawn among the candidates at least 85 % as far from the chosen as the farthest (and ``min_gap`` away);
    stops early, with fewer nodes, when no candidate is ``min_gap`` away from all chosen."""
    dmin = np.full(cand.size, np.inf)
    chosen = []
    cur = int(rng.integers(cand.size))
    while True:
        chosen.append(int(cand[cur]))
        dmin = np.minimum(dmin, np.hypot(xy[cand, 0] - xy[cand[cur], 0], xy[cand, 1] - xy[cand[cur], 1]))
        if len(chosen) >= count:
            break
        top = dmin.max()
        if top < min_gap:
            break
        pool = np.flatnonzero(dmin >= max(0.85 * top, min_gap))
        cur = int(pool[rng.integers(pool.size)])
    return chosen


def choose_anchors(graph: RoadGraph, n_pairs: int, radius: float, rng):
    """2 * n_pairs well separated nodes (randomised farthest-point sampling) paired into long OD pairs."""
    xy = graph.node_xy
    sep = 3.0 * radius
    need = 2 * n_pairs
    chosen = _spread_nodes(xy, _inner_candidates(graph, n_pairs, 0.08), need, sep, rng)
    if len(chosen) < need:
        k = len(chosen) // 2
        raise ValueError(
            f"N_OD_PAIRS: the road network supports at most {k} well separated origin-destination pair(s) "
            f"(origin and destination areas of radius {radius:.0f} m, at least {sep:.0f} m apart) but "
            f"{n_pairs} were asked; use fewer pairs, a larger extent or a denser network"
        )
    anchors = np.asarray(chosen, dtype=np.int64)
    # pairing: the best of many random matchings (maximise the shortest OD distance)
    d = np.hypot(*(xy[anchors][:, None, :] - xy[anchors][None, :, :]).transpose(2, 0, 1))
    best, best_score = None, -1.0
    for _ in range(200):
        p = rng.permutation(need)
        score = d[p[0::2], p[1::2]].min()
        if score > best_score:
            best, best_score = p, score
    return anchors[best[0::2]], anchors[best[1::2]]


def area_radius(graph: RoadGraph, n_pairs: int, od_radius: float, layout: str) -> float:
    """Radius of the origin/destination areas: ``od_radius``, made smaller when many pairs must fit.

    The areas must be at least three radii apart (compact layout: pair centres six radii apart); with the
    inner 80 % x 80 % of the network's box shared among the pairs, the radius is capped at
    0.8 sqrt(area / n) / 6 (compact) or 0.8 sqrt(area / 2n) / 3 (cross-town), and at 6 % of the box diagonal,
    but not below half the median edge length (then the anchor placement reports that the pairs do not fit).
    """
    xmin, ymin, xmax, ymax = graph.bounds
    area = 0.64 * (xmax - xmin) * (ymax - ymin)
    per = n_pairs if layout == "compact" else 2 * n_pairs
    div = 6.0 if layout == "compact" else 3.0
    r = min(float(od_radius), 0.06 * float(np.hypot(xmax - xmin, ymax - ymin)), 0.8 * np.sqrt(area / per) / div)
    return float(max(r, min(float(od_radius), 0.5 * float(np.median(graph.edge_len)))))


def choose_anchors_compact(graph: RoadGraph, n_pairs: int, radius: float, rng):
    """Pairs kept apart from each other: ``n_pairs`` well separated pair centres (randomised farthest-point
    sampling); each pair's origin and destination lie on either side of its centre, so the trips of different
    pairs cover different parts of the network. All origin/destination anchors are at least 3 radii apart."""
    xy = graph.node_xy
    xmin, ymin, xmax, ymax = graph.bounds
    w, h = xmax - xmin, ymax - ymin
    sep = 3.0 * radius
    need_centre = 2.0 * sep  # room for each pair's two areas plus a gap to the neighbouring pairs
    centres = xy[np.asarray(_spread_nodes(xy, _inner_candidates(graph, n_pairs, 0.1), n_pairs, need_centre, rng))]
    if len(centres) < n_pairs:
        raise ValueError(
            f"N_OD_PAIRS: the road network has room for at most {len(centres)} separated origin-destination "
            f"pair(s) (origin and destination areas of radius {radius:.0f} m, at least {sep:.0f} m apart) but "
            f"{n_pairs} were asked; use fewer pairs, a larger extent or a denser network"
        )
    if n_pairs > 1:
        dc = np.hypot(*(centres[:, None] - centres[None]).transpose(2, 0, 1))
        dc[np.arange(n_pairs), np.arange(n_pairs)] = np.inf
        spacing = float(dc.min())
    else:
        spacing = float(max(w, h))
    min_half = 0.5 * sep + 0.5 * radius
    half = max(min_half, 0.3 * spacing)
    from scipy.spatial import cKDTree

    tree = cKDTree(xy)
    n_ang = 24
    for scale in (1.0, 0.85, 0.7, 0.55, 0.4):
        h = max(min_half, half * scale)
        origins, dests = [], []
        for k in range(n_pairs):
            # the axis through the pair's centre that keeps its two anchors farthest from the other pairs
            ang = rng.uniform(0, 2 * np.pi) + np.arange(n_ang) * (np.pi / n_ang)
            u = np.column_stack([np.cos(ang), np.sin(ang)]) * h
            o = tree.query(centres[k] + u)[1]
            d = tree.query(centres[k] - u)[1]
            others = np.vstack([xy[origins + dests].reshape(-1, 2), np.delete(centres, np.arange(k + 1), axis=0)])
            score = np.hypot(*(xy[o] - xy[d]).T) - sep  # origin and destination areas apart
            if others.size:
                for ends in (o, d):
                    dd = np.hypot(*(xy[ends][:, None, :] - others[None]).transpose(2, 0, 1)).min(axis=1)
                    score = np.minimum(score, dd - sep)
            best = int(np.argmax(score))
            origins.append(int(o[best]))
            dests.append(int(d[best]))
        anchors = xy[origins + dests]
        da = np.hypot(*(anchors[:, None] - anchors[None]).transpose(2, 0, 1))
        if da[~np.eye(len(anchors), dtype=bool)].min() >= sep:
            break
        if h <= min_half:
            raise ValueError(
                f"N_OD_PAIRS: could not place {n_pairs} separated origin-destination pairs on this road network "
                f"(areas of radius {radius:.0f} m at least {sep:.0f} m apart); use fewer pairs, a larger extent "
                "or a denser network"
            )
    return np.asarray(origins, np.int64), np.asarray(dests, np.int64)
