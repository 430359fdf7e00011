"""Synthetic anomalous trajectories with point labels, following CroTad (Xue et al.) section 5.1.2.

Trajectories are mapped to H3 cell sequences (consecutive duplicate cells removed, paper section 4.1). For every OD
value (an OD pair id, a bus route, ...) the *frequently visited cells* are those whose occurrence count over the
OD's trajectories divided by the number of trajectories exceeds ``freq_threshold`` (the paper's delta_od, Eq. 6);
every other cell is *rare* for that OD (S_neg^od). Five anomaly types are generated from real trajectories:

``head_detour``
    the first cells c_1..c_(i-1) (1 < i <= |T|, uniform) are replaced by a detour T' that starts within k hops of
    the origin cell and ends within k hops of c_i (the first kept cell).
``rear_detour``
    the last cells c_(i+1)..c_|T| (1 <= i < |T|) are replaced by a detour that starts within k hops of c_i and ends
    within k hops of the destination cell.
``midway_detour``
    c_i..c_j (1 < i < j < |T|) are replaced by a detour from within k hops of c_(i-1) to within k hops of c_(j+1).
``random_trajectory``
    the whole trajectory is replaced by a random walk through rare cells from the origin cell to the destination
    cell. Every point is labelled anomalous (the trajectory is out of distribution), including the first and
    last point, which lie in the source trajectory's origin and destination cells (normally frequent cells).
``route_switching``
    T1 (this OD) prefix c_1..c_floor(beta|T1|) followed by the T2 suffix from index floor((1-beta)|T2|) (0-based)
    to its end, T2 being a random trajectory of a *different* OD, beta ~ U(beta_min, beta_max). The T2 part is
    labelled anomalous. When the two parts are more than k hops apart, cells along the H3 grid line between them
    are inserted every k hops (labelled anomalous too) so that consecutive cells stay within k hops.

Detours: a detour is a chain of rare cells, each at most ``k_hop`` hops from the previous one. It goes through an
*apex*: a rare cell 2 .. min(3k, L+1) rings around the middle cell of the replaced part (L = its length in cells),
reached and left by random walks that move strictly closer to their goal and prefer one-hop steps, stepping over
frequent cells only when no rare neighbour makes progress. A sample that cannot be built (no rare cell where
needed) is retried with new random choices; a source trajectory that fails repeatedly is replaced by another one
of the same OD; what still fails is counted in ``failed``.

Output points: kept original points keep their coordinates (and their relative timing); generated points lie at
their cell centres, one point per generated cell, transformed back to the input CRS. Times of generated points
step at the trajectory's median sampling interval: before the first kept point (head detour), after the last
kept point (rear detour, route switching bridge) or from the start time (random trajectory). After a midway
detour or a route switch the remaining original points are shifted by one constant so that time stays strictly
increasing with the sampling interval at the joint.

Deterministic for a seed (one ``numpy.random.default_rng(seed)`` consumed in a fixed order). Pure numpy + h3.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Sequence

import numpy as np

from ..core import h3grid
from ..core.cells import CellSequences, frequent_cells, wgs84_cell_sequences
from ..core.progress import check, report
from ..core.trajectories import Trajectories, TrajectoryDataError

__all__ = [
    "ANOMALY_TYPES",
    "NORMAL",
    "AnomalyResult",
    "generate_anomalies",
]

NORMAL = "normal"
ANOMALY_TYPES = ("head_detour", "rear_detour", "midway_detour", "random_trajectory", "route_switching")
#: minimum number of cells of a source trajectory per type
_MIN_CELLS = {
    NORMAL: 1,
    "head_detour": 2,
    "rear_detour": 2,
    "midway_detour": 4,
    "random_trajectory": 1,
    "route_switching": 2,
}
_TRIES = 8  # random retries of one source trajectory
_FAR = 1 << 30  # distance used when h3 cannot compute one


# ---------------------------------------------------------------------------- result
@dataclass
class AnomalyResult:
    """Generated trajectories (m) and their points, in the input CRS.

    Per trajectory: ``source`` (index of the source trajectory in the input), ``kind`` (``normal`` or one of
    :data:`ANOMALY_TYPES`), ``od`` (the OD value), ``partner`` (input index of T2 for route switching, else -1),
    ``beta`` (route switching mixing ratio, else NaN), ``offsets`` (m+1).
    Per point: ``x``, ``y``, ``t`` (int64 epoch seconds or None), ``cell`` (uint64 H3), ``is_anomaly`` (0/1),
    ``src_point`` (index of the kept input point, -1 for a generated point).
    """

    source: np.ndarray
    kind: np.ndarray
    od: np.ndarray
    partner: np.ndarray
    beta: np.ndarray
    offsets: np.ndarray
    x: np.ndarray
    y: np.ndarray
    t: Optional[np.ndarray]
    cell: np.ndarray
    is_anomaly: np.ndarray
    src_point: np.ndarray
    crs: str = ""
    counts: Dict[str, int] = field(default_factory=dict)
    failed: Dict[str, int] = field(default_factory=dict)
    frequent: Dict[object, frozenset] = field(default_factory=dict)
    warnings: List[str] = field(default_factory=list)

    def __len__(self) -> int:
        return int(self.source.shape[0])

    @property
    def lengths(self) -> np.ndarray:
        return np.diff(self.offsets)

    def points(self, i: int) -> slice:
        return slice(int(self.offsets[i]), int(self.offsets[i + 1]))

    def as_trajectories(self) -> Trajectories:
        return Trajectories(
            ids=np.arange(len(self), dtype=np.int64),
            offsets=self.offsets,
            x=self.x,
            y=self.y,
            t=self.t,
            attrs={"is_anomaly": self.is_anomaly},
            crs=self.crs,
        )


# ---------------------------------------------------------------------------- grid walks
class _Grid:
    """Cached H3 rings and distances."""

    def __init__(self):
        import h3.api.basic_int as h3i

        self._h3 = h3i
        self._rings: Dict[tuple, list] = {}

    def ring(self, c: int, r: int) -> list:
        key = (c, r)
        out = self._rings.get(key)
        if out is None:
            try:
                out = sorted(int(v) for v in self._h3.grid_ring(c, r))
            except Exception:  # pentagon distortion: fall back to disk differences
                try:
                    inner = set(self._h3.grid_disk(c, r - 1))
                    out = sorted(int(v) for v in self._h3.grid_disk(c, r) if v not in inner)
                except Exception:
                    out = []
            self._rings[key] = out
        return out

    def dist(self, a: int, b: int) -> int:
        try:
            return int(self._h3.grid_distance(a, b))
        except Exception:
            return _FAR


def _walk(grid: _Grid, start: int, goal: int, k: int, rare, visited: set, rng, stop: int, accept: int):
    """Cells (start excluded) of a random walk from ``start`` towards ``goal`` through rare, unvisited cells.

    Each step is at most ``k`` hops (one-hop steps preferred) and strictly closer to ``goal``. The walk ends when
    within ``stop`` hops of the goal; when it gets stuck it succeeds only if within ``accept`` hops, else None.
    """
    path = []
    cur = start
    d = grid.dist(cur, goal)
    if d >= _FAR:
        return None
    while d > stop:
        nxt = None
        for r in range(1, k + 1):
            cands = []
            for c in grid.ring(cur, r):
                if c in visited or not rare(c):
                    continue
                dc = grid.dist(c, goal)
                if dc < d:
                    cands.append((c, dc))
            if cands:
                nxt = cands[int(rng.integers(len(cands)))]
                break
        if nxt is None:
            return path if d <= accept else None
        cur, d = nxt
        path.append(cur)
        visited.add(cur)
    return path


def _detour(grid: _Grid, src: int, dst: Optional[int], center: int, length: int, k: int, rare, visited: set, rng):
    """Rare cells from within k hops of ``src`` through an apex near ``center`` to within k hops of ``dst``."""
    hi = max(2, min(3 * k, length + 1))
    r = int(rng.integers(2, hi + 1))
    cands = [c for c in grid.ring(center, r) if rare(c) and c not in visited and c != src]
    if not cands:
        return None
    apex = cands[int(rng.integers(len(cands)))]
    vis = set(visited)
    vis.add(src)
    if dst is not None:
        vis.add(dst)
    leg1 = _walk(grid, src, apex, k, rare, vis, rng, stop=0, accept=0)
    if leg1 is None or not leg1 or leg1[-1] != apex:
        return None
    if dst is None:
        return leg1
    leg2 = _walk(grid, apex, dst, k, rare, vis, rng, stop=1, accept=k)
    if leg2 is None:
        return None
    return leg1 + leg2


def _bridge(a: int, b: int, k: int, grid: _Grid) -> list:
    """Cells on the H3 grid line strictly between a and b, every k-th one (empty when within k hops)."""
    d = grid.dist(a, b)
    if d <= k or d >= _FAR:
        return []
    line = h3grid.path(a, b)
    if len(line) != d + 1:  # h3 could not draw the line
        return []
    return [int(c) for c in line[k:d:k]]


# ---------------------------------------------------------------------------- main entry
def _is_missing(v) -> bool:
    if v is None:
        return True
    try:
        return isinstance(v, float) and math.isnan(v) or (isinstance(v, np.floating) and np.isnan(v))
    except TypeError:
        return False


def _check_params(types, per_od, k_hop, beta_min, beta_max, resolution, freq_threshold):
    try:
        res = h3grid.check_resolution(resolution)
    except (TypeError, ValueError):
        raise ValueError(f"RESOLUTION: H3 resolution must be an integer between 0 and 15, got {resolution!r}")
    types = list(dict.fromkeys(types))
    bad = [t for t in types if t not in ANOMALY_TYPES]
    if bad:
        raise ValueError(
            f"TYPES: unknown anomaly type(s) {', '.join(map(str, bad))}; choose among {', '.join(ANOMALY_TYPES)}"
        )
    if int(per_od) < 1:
        raise ValueError(f"PER_OD: the number of trajectories per OD and type must be at least 1, got {per_od}")
    if int(k_hop) < 1:
        raise ValueError(f"K_HOP: the maximum hop distance between consecutive cells must be at least 1, got {k_hop}")
    if not (0.0 < float(beta_min) <= float(beta_max) < 1.0):
        raise ValueError(f"BETA_MIN/BETA_MAX: need 0 < BETA_MIN <= BETA_MAX < 1, got {beta_min} and {beta_max}")
    if not (0.0 < float(freq_threshold) <= 1.0):
        raise ValueError(f"FREQ_THRESHOLD: the frequent-cell threshold must be in (0, 1], got {freq_threshold}")
    return types, res


def generate_anomalies(
    trajs: Trajectories,
    od,
    types: Sequence[str] = ANOMALY_TYPES,
    per_od: int = 500,
    k_hop: int = 3,
    beta_min: float = 0.3,
    beta_max: float = 0.7,
    resolution: int = 10,
    seed: int = 0,
    include_normal: bool = True,
    freq_threshold: float = 0.1,
    progress=None,
    cancel=None,
) -> AnomalyResult:
    """Generate labelled anomalous trajectories from normal ones (see the module docstring).

    ``od``: one OD value per trajectory (any hashable values; None/NaN = no OD, such trajectories are ignored;
    in an integer numpy array such as ``assign_od(...).od_id`` negative values mean no OD).
    For every OD and every selected type, up to ``per_od`` source trajectories of that OD are drawn without
    replacement (fewer when the OD has fewer usable trajectories); with ``include_normal`` the same number of
    untouched copies is output with kind ``normal``. Raises ValueError naming the offending parameter.
    """
    types, res = _check_params(types, per_od, k_hop, beta_min, beta_max, resolution, freq_threshold)
    k = int(k_hop)
    per_od = int(per_od)
    groups = _od_groups(od, len(trajs), types, include_normal)
    check(cancel)
    ll, seqs = wgs84_cell_sequences(trajs, res)
    report(progress, 5)
    check(cancel)
    lens = seqs.lengths
    grid = _Grid()
    rng = np.random.default_rng(seed)
    frequent, warnings = _frequent_by_od(groups, seqs, freq_threshold)
    od_keys = list(groups)

    # pieces of each output trajectory: ("orig", source traj, first cell position, end cell position, label)
    #                                   ("gen", [cells], label)
    out_meta = []  # (source, kind, od, partner, beta, pieces)
    counts = {t: 0 for t in ([NORMAL] if include_normal else []) + types}
    failed = {t: 0 for t in types}
    all_types = ([NORMAL] if include_normal else []) + types
    total = sum(min(per_od, len(m)) for m in groups.values()) * max(1, len(all_types))
    done = 0
    for kind in all_types:
        for key in od_keys:
            members = groups[key]
            ok_members = [i for i in members if lens[i] >= _MIN_CELLS[kind]]
            order = rng.permutation(len(ok_members)) if ok_members else []
            target = min(per_od, len(members))
            made = 0
            freq = frequent[key]

            def rare(c, _f=freq):
                return c not in _f

            for pos in order:
                if made >= target:
                    break
                i = ok_members[int(pos)]
                rec = _try_make(kind, i, seqs, grid, k, rare, rng, beta_min, beta_max, groups, od_keys, key)
                if rec is None:
                    failed[kind] += 1
                    continue
                partner, beta, pieces = rec
                out_meta.append((i, kind, key, partner, beta, pieces))
                made += 1
                done += 1
                if done % 50 == 0:
                    check(cancel)
                    report(progress, 5 + 85 * done / max(total, 1))
            counts[kind] += made
            if made < target:
                warnings.append(_shortfall(kind, key, len(members), len(ok_members), made, target))
    check(cancel)
    result = _assemble(out_meta, trajs, seqs)
    result.counts, result.failed, result.frequent, result.warnings = counts, failed, frequent, warnings
    report(progress, 100)
    return result


def _od_groups(od, n_trajs: int, types, include_normal: bool) -> Dict[object, List[int]]:
    """Trajectory indices per OD value (missing values left out), with the errors of OD_FIELD and TYPES."""
    if isinstance(od, np.ndarray) and od.dtype.kind in "iu":  # e.g. assign_od().od_id: -1 = no OD pair
        od = [None if v < 0 else v for v in od.tolist()]
    od = list(np.asarray(od, dtype=object).reshape(-1)) if not isinstance(od, list) else list(od)
    if len(od) != n_trajs:
        raise ValueError(f"OD_FIELD: got {len(od)} OD values for {n_trajs} trajectories")
    if not types and not include_normal:
        raise ValueError("TYPES: select at least one anomaly type (or include the normal trajectories)")
    groups: Dict[object, List[int]] = {}
    for i, v in enumerate(od):
        if _is_missing(v):
            continue
        key = v.item() if isinstance(v, np.generic) else v
        groups.setdefault(key, []).append(i)
    if not groups:
        raise TrajectoryDataError("OD_FIELD: no trajectory has an OD value (all are NULL)")
    if "route_switching" in types and len(groups) < 2:
        raise ValueError(
            f"TYPES: route switching joins trajectories of two different OD pairs, but OD_FIELD holds only "
            f"{len(groups)} distinct value ({next(iter(groups))!r}); use a field with several OD values or "
            "deselect route switching"
        )
    return groups


def _frequent_by_od(groups, seqs: CellSequences, freq_threshold: float):
    """(S_pos^od per OD value, warnings about ODs with a single trajectory)."""
    warnings = []
    frequent = {}
    for key, members in groups.items():
        frequent[key] = frequent_cells([seqs.seq(i) for i in members], freq_threshold)
        if len(members) == 1:
            warnings.append(f"OD {key!r} has a single trajectory: every cell it visits counts as frequent")
    return frequent, warnings


def _shortfall(kind: str, key, n_members: int, n_ok: int, made: int, target: int) -> str:
    """The warning for an OD that got fewer than ``target`` trajectories of ``kind``."""
    n_short = n_members - n_ok
    why = [f"{n_short} trajectory(ies) have fewer than {_MIN_CELLS[kind]} cells"] if n_short else []
    if n_ok > made:
        why.append(f"{n_ok - made} could not be built (no rare cells where needed)")
    return f"{kind}: OD {key!r} got {made} of {target} trajectories ({'; '.join(why)})"


def _try_make(kind, i, seqs: CellSequences, grid: _Grid, k, rare, rng, beta_min, beta_max, groups, od_keys, key):
    """:func:`_make` tried up to ``_TRIES`` times; None when every try failed."""
    rec = None
    for _ in range(_TRIES):
        rec = _make(kind, i, seqs, grid, k, rare, rng, beta_min, beta_max, groups, od_keys, key)
        if rec is not None:
            break
    return rec


def _make(kind, i, seqs: CellSequences, grid: _Grid, k, rare, rng, beta_min, beta_max, groups, od_keys, key):
    """(partner, beta, pieces) of one output trajectory built from source ``i``; None when this try failed."""
    s = seqs.seq(i)
    m = int(s.shape[0])
    cells = [int(c) for c in s]
    if kind == NORMAL:
        return -1, float("nan"), [("orig", i, 0, m, 0)]
    if kind == "head_detour":
        i0 = int(rng.integers(1, m))  # keep cells[i0:], replace cells[:i0]
        gen = _detour(grid, cells[0], cells[i0], cells[(i0 - 1) // 2], i0, k, rare, set(cells[i0:]), rng)
        if not gen:
            return None
        return -1, float("nan"), [("gen", gen, 1), ("orig", i, i0, m, 0)]
    if kind == "rear_detour":
        i0 = int(rng.integers(0, m - 1))  # keep cells[:i0+1], replace cells[i0+1:]
        mid = (i0 + 1 + m - 1) // 2
        gen = _detour(grid, cells[i0], cells[m - 1], cells[mid], m - 1 - i0, k, rare, set(cells[: i0 + 1]), rng)
        if not gen:
            return None
        # the detour must end near the destination (dst given), already enforced by _detour
        return -1, float("nan"), [("orig", i, 0, i0 + 1, 0), ("gen", gen, 1)]
    if kind == "midway_detour":
        a, b = sorted(int(v) for v in rng.choice(np.arange(1, m - 1), size=2, replace=False))
        # replace cells[a:b+1]; keep cells[:a] and cells[b+1:]
        kept = set(cells[:a]) | set(cells[b + 1 :])
        gen = _detour(grid, cells[a - 1], cells[b + 1], cells[(a + b) // 2], b - a + 1, k, rare, kept, rng)
        if not gen:
            return None
        return -1, float("nan"), [("orig", i, 0, a, 0), ("gen", gen, 1), ("orig", i, b + 1, m, 0)]
    if kind == "random_trajectory":
        o, d = cells[0], cells[-1]
        gen = _detour(grid, o, d, cells[m // 2], m, k, rare, {o, d}, rng)
        if not gen:
            return None
        return -1, float("nan"), [("gen", [o] + gen + [d], 1)]
    if kind == "route_switching":
        beta = float(rng.uniform(beta_min, beta_max))
        p = int(math.floor(beta * m))
        others = [x for x in od_keys if x != key]
        other = others[int(rng.integers(len(others)))]
        j = groups[other][int(rng.integers(len(groups[other])))]
        m2 = int(seqs.lengths[j])
        q = int(math.floor((1.0 - beta) * m2))
        if p < 1 or q >= m2:
            return None
        c2 = int(seqs.seq(j)[q])
        bridge = _bridge(cells[p - 1], c2, k, grid)
        pieces = [("orig", i, 0, p, 0)]
        if bridge:
            pieces.append(("gen", bridge, 1))
        pieces.append(("orig", j, q, m2, 1))
        return j, beta, pieces
    raise ValueError(f"unknown anomaly type {kind!r}")


def _median_dt(t: Optional[np.ndarray], s: int, e: int) -> float:
    if t is None or e - s < 2:
        return 1.0
    d = np.diff(t[s:e])
    d = d[d > 0]
    return float(max(1.0, np.median(d))) if d.size else 1.0


def _assemble(out_meta, trajs: Trajectories, seqs: CellSequences) -> AnomalyResult:
    """Turn the piece lists into flat point arrays (kept points copied, generated points at cell centres)."""
    has_t = trajs.t is not None
    n_out = len(out_meta)
    xs, ys, ts, cs, labs, srcs = [], [], [], [], [], []
    offsets = np.zeros(n_out + 1, dtype=np.int64)
    gen_cells = []  # cells of generated points, in order of appearance
    gen_slots = []  # (chunk index) so coordinates can be filled after one vectorised transform
    tt = trajs.t
    for oi, (src, kind, key, partner, beta, pieces) in enumerate(out_meta):
        dt = _median_dt(tt, int(trajs.offsets[src]), int(trajs.offsets[src + 1]))
        n_here = 0
        # times: resolve piece by piece; a generated head piece is timed backwards from the next kept point
        chunk_times = []
        for pi, pc in enumerate(pieces):
            if pc[0] == "orig":
                _, tj, a, b, lab = pc
                p0 = int(seqs.offsets[tj]) + a
                p1 = int(seqs.offsets[tj]) + b
                pidx = np.arange(int(seqs.run_start[p0]), int(seqs.run_end[p1 - 1]), dtype=np.int64)
                xs.append(trajs.x[pidx])
                ys.append(trajs.y[pidx])
                cs.append(seqs.point_cells[pidx])
                labs.append(np.full(pidx.size, lab, np.int8))
                srcs.append(pidx)
                chunk_times.append(("orig", tt[pidx].astype(np.float64) if has_t else None))
                n_here += pidx.size
            else:
                _, cells, lab = pc
                g = len(cells)
                xs.append(np.full(g, np.nan))
                ys.append(np.full(g, np.nan))
                gen_slots.append(len(xs) - 1)
                gen_cells.extend(cells)
                cs.append(np.asarray(cells, dtype=np.uint64))
                labs.append(np.full(g, lab, np.int8))
                srcs.append(np.full(g, -1, np.int64))
                chunk_times.append(("gen", g))
                n_here += g
        if has_t:
            ts.extend(_piece_times(chunk_times, dt, float(tt[int(trajs.offsets[src])])))
        offsets[oi + 1] = offsets[oi] + n_here
    if gen_cells:
        lon, lat = h3grid.centers(np.asarray(gen_cells, dtype=np.uint64))
        gx, gy = lon, lat
        if trajs.crs and trajs.crs.upper() != "EPSG:4326":
            from ..core.crs import transform_xy

            gx, gy = transform_xy(lon, lat, "EPSG:4326", trajs.crs)
        pos = 0
        for slot in gen_slots:
            g = xs[slot].shape[0]
            xs[slot] = np.asarray(gx[pos : pos + g], np.float64)
            ys[slot] = np.asarray(gy[pos : pos + g], np.float64)
            pos += g

    def cat(parts, dtype):
        return np.concatenate(parts).astype(dtype) if parts else np.zeros(0, dtype)

    return AnomalyResult(
        source=np.asarray([m[0] for m in out_meta], dtype=np.int64),
        kind=np.asarray([m[1] for m in out_meta], dtype=object),
        od=_object_array([m[2] for m in out_meta]),
        partner=np.asarray([m[3] for m in out_meta], dtype=np.int64),
        beta=np.asarray([m[4] for m in out_meta], dtype=np.float64),
        offsets=offsets,
        x=cat(xs, np.float64),
        y=cat(ys, np.float64),
        t=cat(ts, np.int64) if has_t else None,
        cell=cat(cs, np.uint64),
        is_anomaly=cat(labs, np.int8),
        src_point=cat(srcs, np.int64),
        crs=trajs.crs,
    )


def _object_array(values) -> np.ndarray:
    out = np.empty(len(values), dtype=object)
    for i, v in enumerate(values):
        out[i] = v
    return out


def _piece_times(chunks, dt: float, t_start: float) -> list:
    """int64 time arrays for the chunks of one output trajectory (rules in the module docstring).

    A kept chunk after anything else keeps its relative timing and follows the previous point by ``dt``;
    generated points step by ``dt`` after the previous point, or end ``dt`` before the next kept point when they
    open the trajectory (head detour), or start at ``t_start`` when nothing is kept (random trajectory).
    """
    out = []
    prev = None
    for ci, (what, val) in enumerate(chunks):
        if what == "orig":
            t = val if prev is None else val - val[0] + prev + dt
        elif prev is None and ci + 1 < len(chunks):
            t = float(chunks[ci + 1][1][0]) - dt * np.arange(val, 0, -1, dtype=np.float64)
        elif prev is None:
            t = t_start + dt * np.arange(val, dtype=np.float64)
        else:
            t = prev + dt * np.arange(1, val + 1, dtype=np.float64)
        out.append(t)
        prev = float(t[-1])
    return [np.round(np.asarray(t, np.float64)).astype(np.int64) for t in out]
