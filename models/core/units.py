"""Spatial units of the trajectory-representation engines (MetaTRL): road segments of a road line layer, or square
grid / H3 cells with their adjacency graph, and the unit sequences of trajectories over them.

* :class:`UnitNetwork` - the units of one city: a directed graph (``edges[k] = (i, j)``: unit ``j`` can follow unit
  ``i``), encoded attributes ``u`` (one row per unit), the raw structural vector ``s`` of MetaTRL Eq. 5 and a
  representative point per unit. Road networks come from :mod:`models.roadnet`; cells from :func:`cell_network`.
* :class:`UnitSequences` - one sequence of unit indices per trajectory with the visit time of each unit.
* :func:`batch_arrays` - padded numpy arrays of a set of sequences in the layout the torch encoders take.

Structural vector (Eq. 5), in units that mean the same in every city (kilometres, not degrees): the maximum,
minimum, mean and variance (km^2) of the distances between the unit's representative point and the points of its
direct neighbours (in or out), then the east and north offsets (km) from the unit's start to its end (a road's first
and last vertex; a cell's west-south to east-north corner). A unit without neighbours has zeros in the first four.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Dict, List, Optional

import numpy as np

from .progress import CancelFn, check
from .ragged import Ragged, ranges
from .trajectories import Trajectories, TrajectoryDataError

UNIT_KINDS = ("road", "grid", "h3")
PAD_TOKEN, MASK_TOKEN, N_SPECIAL = 0, 1, 2  # unit tokens are unit index + N_SPECIAL
N_MINUTES, N_DAYS = 1440, 7  # pad/mask index of minute-of-day / day-of-week is 1440 / 7
_EARTH_R_KM = 6371.0088


def _km_offsets(lon0, lat0, lon1, lat1):
    """East/north offsets in km between two WGS84 points (equirectangular; exact enough within a city)."""
    lat_m = np.radians((np.asarray(lat0) + np.asarray(lat1)) / 2.0)
    dx = np.radians(np.asarray(lon1) - np.asarray(lon0)) * np.cos(lat_m) * _EARTH_R_KM
    dy = np.radians(np.asarray(lat1) - np.asarray(lat0)) * _EARTH_R_KM
    return dx, dy


def structure_vectors(
    lonlat: np.ndarray, edges: np.ndarray, start_lonlat: np.ndarray, end_lonlat: np.ndarray
) -> np.ndarray:
    """(n, 6) structural vectors of Eq. 5 (see the module doc) from the units' points, the graph and each unit's
    start/end point."""
    lonlat = np.asarray(lonlat, np.float64)
    n = lonlat.shape[0]
    out = np.zeros((n, 6), np.float64)
    e = np.asarray(edges, np.int64).reshape(-1, 2)
    if e.size:
        both = np.unique(np.concatenate([e, e[:, ::-1]]), axis=0)
        both = both[both[:, 0] != both[:, 1]]
        a, b = both[:, 0], both[:, 1]
        dx, dy = _km_offsets(lonlat[a, 0], lonlat[a, 1], lonlat[b, 0], lonlat[b, 1])
        d = np.hypot(dx, dy)
        cnt = np.bincount(a, minlength=n).astype(np.float64)
        has = cnt > 0
        s1 = np.bincount(a, weights=d, minlength=n)
        s2 = np.bincount(a, weights=d * d, minlength=n)
        mean = np.where(has, s1 / np.maximum(cnt, 1), 0.0)
        var = np.where(has, np.maximum(s2 / np.maximum(cnt, 1) - mean**2, 0.0), 0.0)
        mx = np.full(n, -np.inf)
        np.maximum.at(mx, a, d)
        mn = np.full(n, np.inf)
        np.minimum.at(mn, a, d)
        out[:, 0] = np.where(has, mx, 0.0)
        out[:, 1] = np.where(has, mn, 0.0)
        out[:, 2] = mean
        out[:, 3] = var
    sx, sy = _km_offsets(start_lonlat[:, 0], start_lonlat[:, 1], end_lonlat[:, 0], end_lonlat[:, 1])
    out[:, 4], out[:, 5] = sx, sy
    return out


@dataclass
class UnitNetwork:
    """The spatial units of one city (see the module doc).

    ``keys`` identify units stably across runs: road units ``feature_id * 2 + reversed`` (``reversed`` = 1 for the
    backward unit of a line used in both directions), grid cells their cell id, H3 cells their index (as int64).
    ``spec`` is JSON-serialisable and holds what maps new trajectories onto these units (road: the matcher's
    parameters; grid: the grid spec; h3: the resolution). ``fingerprint`` changes with the units and their graph:
    a model refuses data on another network.
    """

    kind: str
    keys: np.ndarray
    edges: np.ndarray
    attributes: np.ndarray
    attribute_names: List[str]
    structure: np.ndarray
    lonlat: np.ndarray
    spec: Dict = field(default_factory=dict)

    def __post_init__(self):
        if self.kind not in UNIT_KINDS:
            raise ValueError(f"unknown unit kind {self.kind!r}; use one of {', '.join(UNIT_KINDS)}")
        self.keys = np.asarray(self.keys, np.int64)
        self.edges = np.asarray(self.edges, np.int64).reshape(-1, 2)
        self.attributes = np.asarray(self.attributes, np.float32).reshape(self.keys.size, -1)
        self.structure = np.asarray(self.structure, np.float32).reshape(self.keys.size, 6)
        self.lonlat = np.asarray(self.lonlat, np.float64).reshape(self.keys.size, 2)

    @property
    def size(self) -> int:
        return int(self.keys.size)

    @property
    def fingerprint(self) -> str:
        h = hashlib.sha1(self.kind.encode())
        h.update(np.ascontiguousarray(self.keys).tobytes())
        h.update(np.ascontiguousarray(self.edges).tobytes())
        h.update(np.round(self.lonlat, 6).tobytes())
        return h.hexdigest()[:16]

    def index_of(self, keys) -> np.ndarray:
        """Unit index of each key (-1 for keys that are not units of this network)."""
        keys = np.asarray(keys, np.int64)
        order = np.argsort(self.keys, kind="stable")
        sk = self.keys[order]
        pos = np.clip(np.searchsorted(sk, keys), 0, max(sk.size - 1, 0))
        found = (sk.size > 0) & (sk[pos] == keys) if sk.size else np.zeros(keys.shape, bool)
        return np.where(found, order[pos] if sk.size else -1, -1).astype(np.int64)

    def degrees(self):
        """(in-degree, out-degree) of every unit."""
        n = self.size
        return (np.bincount(self.edges[:, 1], minlength=n), np.bincount(self.edges[:, 0], minlength=n))

    def transition_probabilities(self, seqs: "UnitSequences") -> np.ndarray:
        """p_ij = count(i -> j) / count(i) over consecutive units of ``seqs`` for every edge (Eq. 10); 0 when unseen."""
        n = self.size
        u = seqs.units
        same = np.ones(u.size, bool)
        same[seqs.offsets[1:-1]] = False  # a pair never spans two trajectories
        if u.size:
            same[0] = False
        nxt = np.flatnonzero(same)
        a, b = u[nxt - 1], u[nxt]
        visits = np.bincount(u, minlength=n).astype(np.float64)
        if self.edges.size == 0:
            return np.zeros(0, np.float32)
        ekey = self.edges[:, 0] * n + self.edges[:, 1]
        pkey, pcnt = np.unique(a * n + b, return_counts=True)
        pos = np.clip(np.searchsorted(pkey, ekey), 0, max(pkey.size - 1, 0))
        cnt = np.where((pkey.size > 0) & (pkey[pos] == ekey), pcnt[pos] if pkey.size else 0, 0)
        return (cnt / np.maximum(visits[self.edges[:, 0]], 1.0)).astype(np.float32)

    # -------------------------------------------------------------------------------------- storage
    def to_state(self, prefix: str) -> Dict[str, np.ndarray]:
        return {
            f"{prefix}keys": self.keys,
            f"{prefix}edges": self.edges,
            f"{prefix}attributes": self.attributes,
            f"{prefix}structure": self.structure,
            f"{prefix}lonlat": self.lonlat,
        }

    def to_meta(self) -> dict:
        return {
            "kind": self.kind,
            "attribute_names": list(self.attribute_names),
            "spec": self.spec,
            "fingerprint": self.fingerprint,
            "size": self.size,
        }

    @classmethod
    def from_stored(cls, meta: dict, arrays: Dict[str, np.ndarray], prefix: str) -> "UnitNetwork":
        net = cls(
            kind=meta["kind"],
            keys=arrays[f"{prefix}keys"],
            edges=arrays[f"{prefix}edges"],
            attributes=arrays[f"{prefix}attributes"],
            attribute_names=list(meta["attribute_names"]),
            structure=arrays[f"{prefix}structure"],
            lonlat=arrays[f"{prefix}lonlat"],
            spec=meta.get("spec", {}),
        )
        if meta.get("fingerprint") and net.fingerprint != meta["fingerprint"]:
            raise ValueError("the stored unit network does not match its fingerprint (damaged model file?)")
        return net


@dataclass
class UnitSequences(Ragged):
    """Unit sequence of each trajectory: ``units[offsets[i]:offsets[i+1]]`` (indices into a :class:`UnitNetwork`),
    ``times`` the visit time of each unit (int64 seconds since the epoch, UTC), ``ids`` the trajectory ids and
    ``tz_offset_s`` the offset added to times to get local clock time (minute of day, day of week)."""

    ids: np.ndarray
    offsets: np.ndarray
    units: np.ndarray
    times: np.ndarray
    tz_offset_s: int = 0

    def __post_init__(self):
        self.offsets = np.asarray(self.offsets, np.int64)
        self.units = np.asarray(self.units, np.int64)
        self.times = np.asarray(self.times, np.int64)

    def seq(self, i: int) -> np.ndarray:
        return self._part(self.units, i)

    def seq_times(self, i: int) -> np.ndarray:
        return self._part(self.times, i)

    def subset(self, index) -> "UnitSequences":
        index = np.asarray(index, np.int64)
        lens = self.lengths[index]
        starts = self.offsets[:-1][index]
        pos = ranges(starts, lens)
        return UnitSequences(
            ids=np.asarray(self.ids)[index],
            offsets=np.concatenate([[0], np.cumsum(lens)]),
            units=self.units[pos],
            times=self.times[pos],
            tz_offset_s=self.tz_offset_s,
        )

    def min_length(self, n: int) -> "UnitSequences":
        """The sequences with at least ``n`` units."""
        return self.subset(np.flatnonzero(self.lengths >= n))


def clock_features(times: np.ndarray, tz_offset_s: int):
    """(minute of day 0..1439, day of week 0..6 with 0 = Monday) of epoch seconds in local clock time."""
    local = np.asarray(times, np.int64) + int(tz_offset_s)
    minute = (local % 86400) // 60
    dow = ((local // 86400) + 3) % 7  # 1970-01-01 was a Thursday
    return minute.astype(np.int64), dow.astype(np.int64)


def batch_arrays(
    seqs: UnitSequences, index, max_len: int, time_visible: str = "all", keep: Optional[np.ndarray] = None
) -> Dict[str, np.ndarray]:
    """Padded arrays of the sequences ``index`` (numpy; the engines turn them into tensors).

    Each sequence is cut to its first ``keep[k]`` units when ``keep`` is given, then to its last ``max_len`` units.
    ``time_visible``: "all" (every unit's time known), or "first" (only the departure time: travel-time
    estimation must not see later times). Keys: ``tokens`` (B, L) int64 (unit index + N_SPECIAL, PAD_TOKEN after the
    end), ``minute``/``dow`` (B, L) int64 (N_MINUTES/N_DAYS where padded or hidden), ``delta`` (B, L) float32 seconds
    since the previous unit (0 for the first unit and where hidden), ``time_mask`` (B, L) bool (True = time hidden),
    ``pad`` (B, L) bool (True = padding), ``elapsed`` (B, L) float32 seconds since the sequence's first unit (0 where
    the time is hidden).
    """
    index = np.asarray(index, np.int64)
    if time_visible not in ("all", "first"):
        raise ValueError("time_visible must be 'all' or 'first'")
    B = index.size
    lens = seqs.lengths[index]
    if keep is not None:
        lens = np.minimum(lens, np.asarray(keep, np.int64))
    starts = seqs.offsets[:-1][index]
    cut = np.maximum(lens - int(max_len), 0)
    use = lens - cut
    L = int(max(use.max() if B else 1, 1))
    col = np.arange(L)[None, :]
    valid = col < use[:, None]
    src = np.where(valid, (starts + cut)[:, None] + col, 0)
    tokens = np.where(valid, seqs.units[src] + N_SPECIAL, PAD_TOKEN)
    t = seqs.times[src]
    minute, dow = clock_features(t, seqs.tz_offset_s)
    delta = np.zeros((B, L), np.float32)
    if L > 1:
        delta[:, 1:] = np.where(valid[:, 1:], t[:, 1:] - t[:, :-1], 0)
    elapsed = np.where(valid, t - t[:, :1], 0).astype(np.float32)
    time_mask = ~valid
    if time_visible == "first":
        time_mask = time_mask | (col > 0)
    minute = np.where(time_mask, N_MINUTES, minute)
    dow = np.where(time_mask, N_DAYS, dow)
    delta = np.where(time_mask, 0.0, delta).astype(np.float32)
    elapsed = np.where(time_mask, 0.0, elapsed).astype(np.float32)
    return {
        "tokens": tokens.astype(np.int64),
        "minute": minute,
        "dow": dow,
        "delta": delta,
        "time_mask": time_mask,
        "pad": ~valid,
        "elapsed": elapsed,
    }


def to_tensors(arrays: Dict[str, np.ndarray], device) -> dict:
    """torch tensors on ``device`` of the arrays of :func:`batch_arrays` (and any extra arrays of a batch)."""
    import torch

    return {k: torch.from_numpy(np.ascontiguousarray(v)).to(device) for k, v in arrays.items()}


# ------------------------------------------------------------------------------------------- cells
def _cell_runs(cells: np.ndarray, offsets: np.ndarray, t: np.ndarray, invalid: np.ndarray):
    """Collapse runs of the same cell per trajectory (invalid points dropped): (offsets, cells, first times)."""
    from .cells import collapse_runs

    keep = np.flatnonzero(~invalid)
    runs = collapse_runs(np.asarray(cells)[keep].astype(np.uint64), np.searchsorted(keep, offsets))
    return runs.offsets, runs.cells.astype(np.int64), np.asarray(t)[keep][runs.run_start]


def _point_cells(trajs: Trajectories, kind: str, resolution: int, cell_size: float, grid_crs: str):
    """(cell of every point, invalid mask, network spec, grid or None) for cell units of ``kind``."""
    if kind == "h3":
        from . import h3grid

        res = h3grid.check_resolution(resolution)
        w = trajs.to_crs("EPSG:4326")
        pc = h3grid.cells(w.x, w.y, res).astype(np.uint64)
        return pc, pc == 0, {"resolution": res}, None
    if kind == "grid":
        from .discretize import GridSpec

        g = trajs.to_crs(grid_crs)
        ok = np.isfinite(g.x) & np.isfinite(g.y)
        if not ok.any():
            raise TrajectoryDataError("no point could be projected into the grid CRS")
        from .outliers import bulk_extent

        (xmin, ymin, xmax, ymax), _ = bulk_extent(g.x[ok], g.y[ok])  # far outliers fall outside the grid
        grid = GridSpec.from_extent(xmin, ymin, xmax, ymax, float(cell_size), grid_crs)
        pc = grid.cell_ids(g.x, g.y)
        return pc, pc < 0, {"grid": grid.to_json()}, grid
    raise ValueError(f"cell units are 'h3' or 'grid', not {kind!r}")


def _h3_units(uniq: np.ndarray, res: int):
    """(lon/lat centres, edges between neighbouring cells, half cell size in degrees, keys) of H3 cells."""
    from . import h3grid

    lon, lat = h3grid.centers(uniq)
    lonlat = np.column_stack([lon, lat])
    pairs = []
    lookup = {int(c): i for i, c in enumerate(uniq.tolist())}
    for i, c in enumerate(uniq.tolist()):
        for nb in h3grid.neighbours(int(c), 1):
            j = lookup.get(int(nb))
            if j is not None and j != i:
                pairs.append((i, j))
    edge_arr = np.asarray(pairs, np.int64).reshape(-1, 2)
    half = np.degrees(h3grid.edge_length_km(res) / _EARTH_R_KM)
    return lonlat, edge_arr, half, uniq.astype(np.uint64).view(np.int64)


def _grid_units(uniq: np.ndarray, grid, grid_crs: str, cell_size: float):
    """(lon/lat centres, edges between the 8 neighbours, half cell size in degrees, keys) of grid cells."""
    from .crs import transform_xy

    cx, cy = grid.centers(uniq)
    lon, lat = transform_xy(cx, cy, grid_crs, "EPSG:4326")
    lonlat = np.column_stack([lon, lat])
    row, colc = np.divmod(uniq.astype(np.int64), grid.n_cols)
    pos = {int(c): i for i, c in enumerate(uniq.tolist())}
    pairs = []
    for i, (r, c) in enumerate(zip(row.tolist(), colc.tolist())):
        for dr in (-1, 0, 1):
            for dc in (-1, 0, 1):
                if dr or dc:
                    rr, cc = r + dr, c + dc
                    if 0 <= rr < grid.n_rows and 0 <= cc < grid.n_cols:
                        j = pos.get(rr * grid.n_cols + cc)
                        if j is not None:
                            pairs.append((i, j))
    edge_arr = np.asarray(pairs, np.int64).reshape(-1, 2)
    half = np.degrees(float(cell_size) / 2000.0 / _EARTH_R_KM)
    return lonlat, edge_arr, half, uniq.astype(np.int64)


def cell_network(
    trajs: Trajectories,
    kind: str = "h3",
    resolution: int = 9,
    cell_size: float = 500.0,
    grid_crs: str = "EPSG:3857",
    cancel: CancelFn = None,
):
    """(UnitNetwork, UnitSequences) of the cells visited by ``trajs`` (kind "h3" at ``resolution`` or "grid" of
    ``cell_size`` metres in ``grid_crs``). Units are the visited cells; edges join cells that touch (H3 neighbours;
    the 8 grid neighbours) in both directions. Attributes: log visits, log in/out degree, normalised by their maximum.
    Times are each cell's first point in a run; trajectories need times."""
    if trajs.t is None:
        raise TrajectoryDataError("the trajectories have no time field; MetaTRL needs the time of each point")
    check(cancel)
    pc, invalid, spec, grid = _point_cells(trajs, kind, resolution, cell_size, grid_crs)
    offsets, run_cells, run_t = _cell_runs(np.asarray(pc), trajs.offsets, trajs.t, invalid)
    check(cancel)
    uniq, inv, visits = np.unique(run_cells, return_inverse=True, return_counts=True)
    if uniq.size == 0:
        raise TrajectoryDataError("no point falls into a cell; check the layer's CRS and coordinates")
    n = uniq.size
    if kind == "h3":
        lonlat, edge_arr, half, keys = _h3_units(uniq, spec["resolution"])
    else:
        lonlat, edge_arr, half, keys = _grid_units(uniq, grid, grid_crs, cell_size)
    start = lonlat - np.column_stack([half / np.cos(np.radians(lonlat[:, 1])), np.full(n, half)])
    end = lonlat + np.column_stack([half / np.cos(np.radians(lonlat[:, 1])), np.full(n, half)])
    deg_in = np.bincount(edge_arr[:, 1], minlength=n) if edge_arr.size else np.zeros(n)
    deg_out = np.bincount(edge_arr[:, 0], minlength=n) if edge_arr.size else np.zeros(n)
    feats = np.column_stack([np.log1p(visits), np.log1p(deg_in), np.log1p(deg_out)]).astype(np.float64)
    feats /= np.maximum(feats.max(axis=0, keepdims=True), 1e-9)
    net = UnitNetwork(
        kind=kind,
        keys=keys,
        edges=edge_arr,
        attributes=feats,
        attribute_names=["log_visits", "log_in_degree", "log_out_degree"],
        structure=structure_vectors(lonlat, edge_arr, start, end),
        lonlat=lonlat,
        spec=spec,
    )
    tz = solar_offset(lonlat[:, 0])
    seqs = UnitSequences(ids=trajs.ids, offsets=offsets, units=inv.astype(np.int64), times=run_t, tz_offset_s=tz)
    return net, seqs


def solar_offset(lon_deg) -> int:
    """Local solar-time offset (whole hours, seconds) of the median longitude."""
    from .timeparse import solar_offset_s

    return solar_offset_s(float(np.median(np.asarray(lon_deg, np.float64))) if np.size(lon_deg) else 0.0)


def cell_sequences_on(net: UnitNetwork, trajs: Trajectories) -> UnitSequences:
    """Unit sequences of new trajectories on an existing cell network; cells outside it are dropped (a trajectory
    that leaves the network continues where it comes back)."""
    if net.kind not in ("h3", "grid"):
        raise ValueError("cell_sequences_on needs a cell network")
    if trajs.t is None:
        raise TrajectoryDataError("the trajectories have no time field; MetaTRL needs the time of each point")
    if net.kind == "h3":
        from . import h3grid

        w = trajs.to_crs("EPSG:4326")
        keys = h3grid.cells(w.x, w.y, int(net.spec["resolution"])).astype(np.uint64).view(np.int64)
    else:
        from .discretize import GridSpec

        grid = GridSpec.from_json(net.spec["grid"])
        g = trajs.to_crs(grid.crs)
        keys = grid.cell_ids(g.x, g.y).astype(np.int64)
    idx = net.index_of(keys)
    offsets, units, t = _cell_runs(idx, trajs.offsets, trajs.t, idx < 0)
    return UnitSequences(
        ids=trajs.ids, offsets=offsets, units=units, times=t, tz_offset_s=solar_offset(net.lonlat[:, 0])
    )
