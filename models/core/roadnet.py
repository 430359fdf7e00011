"""Road-segment units (MetaTRL, kind "road") built from the lines of a road layer.

:func:`road_network` turns line features (WGS84 vertices, one array per feature) into a
:class:`models.units.UnitNetwork` and the :class:`RoadGeometry` that the map matcher (:mod:`models.mapmatch`)
needs to put trajectories on those units.

Units. One unit per line in its digitised direction (key ``feature_id * 2``); with ``both_directions`` also the
reversed line (key ``feature_id * 2 + 1``), for layers whose lines are undirected (generic OSM extracts). Layers
that already hold one line per driving direction (OSMnx exports such as the Porto network) leave it off.

Graph. Unit ``i`` -> unit ``j`` when ``i`` ends at the node where ``j`` starts. Nodes are the given start/end node
ids when the layer has them (``node_ids``), else line end points that lie within :data:`SNAP_M` metres of each other.
Turning back onto the reversed twin of the same line (same feature) is left out, except at a dead end where it is
the only way on.

Attributes ``u`` (one row per unit, every column in 0..1), in this order:

* ``highway=<class>`` one-hot of the :data:`MAX_CLASSES` most frequent road classes, then ``highway=other``
  (only with a road-class field; a missing class counts as "other");
* ``lanes`` (number of lanes / the network's maximum) and ``lanes_missing`` (1 where unknown; only with a lanes
  field);
* ``maxspeed`` (km/h / the network's maximum; "mph" values converted) and ``maxspeed_missing`` (only with a
  speed field);
* ``length`` log(1 + metres) / the network's maximum;
* ``in_degree`` and ``out_degree`` / their maxima.

Lengths and distances are measured in the UTM zone of the network (:attr:`RoadGeometry.crs`), exact to well under
0.1 % within a city. The result depends only on the lines, ids and values given, not on their order: reading the
same layer again gives the same :attr:`UnitNetwork.fingerprint`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Sequence

import numpy as np

from .mapmatch import MATCHER_DEFAULTS
from .progress import CancelFn, check
from .trajectories import TrajectoryDataError
from .units import UnitNetwork, structure_vectors

#: line end points closer than this (metres) are the same node when the layer gives no node ids
SNAP_M = 0.5
#: most frequent road classes that get their own one-hot column (the others share "highway=other")
MAX_CLASSES = 10
_MPH = 1.609344


@dataclass
class RoadGeometry:
    """Geometry of the units of a road :class:`UnitNetwork` (same order as its ``keys``), in the metric ``crs``.

    ``lines[i]`` is unit ``i``'s polyline in its driving direction (metres), ``lonlat_lines[i]`` the same in WGS84;
    ``start_node``/``end_node`` index the ``n_nodes`` junctions; ``lengths`` are metres; ``fids`` the source feature
    of each unit and ``reverse`` whether the unit runs against the digitised direction."""

    crs: str
    lines: List[np.ndarray]
    lonlat_lines: List[np.ndarray]
    start_node: np.ndarray
    end_node: np.ndarray
    lengths: np.ndarray
    fids: np.ndarray
    reverse: np.ndarray
    n_nodes: int
    n_skipped_lines: int = 0
    messages: List[str] = field(default_factory=list)

    @property
    def size(self) -> int:
        return int(self.lengths.size)

    def shapes(self):
        """(shapely LineStrings of the units in metres, their STRtree), made once."""
        cached = self.__dict__.get("_shapes")
        if cached is None:
            import shapely

            lens = np.array([g.shape[0] for g in self.lines], np.int64)
            coords = np.concatenate(self.lines) if self.lines else np.zeros((0, 2))
            lines = shapely.linestrings(coords, indices=np.repeat(np.arange(lens.size), lens))
            cached = (lines, shapely.STRtree(lines))
            self.__dict__["_shapes"] = cached
        return cached

    def path_lonlat(self, units: Sequence[int]) -> np.ndarray:
        """(k, 2) lon/lat polyline of consecutive units (shared end/start vertices written once)."""
        parts = []
        for u in units:
            g = self.lonlat_lines[int(u)]
            if parts and np.allclose(parts[-1][-1], g[0], atol=1e-9, rtol=0.0):
                g = g[1:]
            parts.append(g)
        return np.concatenate(parts) if parts else np.zeros((0, 2))


# ------------------------------------------------------------------------------------------- values
def _missing(v) -> bool:
    if v is None:
        return True
    if isinstance(v, float) and not np.isfinite(v):
        return True
    if isinstance(v, str) and v.strip().lower() in ("", "null", "none", "nan"):
        return True
    try:  # a QVariant NULL handed over by a caller
        return bool(getattr(v, "isNull")())
    except Exception:  # noqa: BLE001 - any object without isNull
        return False


def _first_value(v):
    """First element of a list-like value (OSMnx writes merged ways as lists or their text "[a, b]")."""
    if isinstance(v, (list, tuple, np.ndarray)):
        return v[0] if len(v) else None
    if isinstance(v, str):
        s = v.strip()
        if s.startswith("[") and s.endswith("]"):
            inner = [p.strip().strip("'\"") for p in s[1:-1].split(",")]
            inner = [p for p in inner if p]
            return inner[0] if inner else None
        return s
    return v


def road_class(v) -> Optional[str]:
    """Normalised road class text of a ``highway`` value (None when missing)."""
    if _missing(v):
        return None
    v = _first_value(v)
    if _missing(v):
        return None
    return str(v).strip().lower()


_NUMBER = re.compile(r"[-+]?\d+(?:[.,]\d+)?")


def parse_number(v, speed: bool = False) -> float:
    """The first number of a value (``"2;3"`` -> 2, ``"50 mph"`` -> 80.5 when ``speed``); NaN when there is none."""
    if _missing(v):
        return np.nan
    v = _first_value(v)
    if _missing(v):
        return np.nan
    if isinstance(v, (bool, np.bool_)):
        return np.nan
    if isinstance(v, (int, float, np.integer, np.floating)):
        x = float(v)
        return x if np.isfinite(x) and x >= 0 else np.nan
    s = str(v)
    m = _NUMBER.search(s)
    if m is None:
        return np.nan
    x = float(m.group(0).replace(",", "."))
    if speed and "mph" in s.lower():
        x *= _MPH
    return x if np.isfinite(x) and x >= 0 else np.nan


def _scaled(values: np.ndarray) -> np.ndarray:
    mx = float(np.max(values)) if values.size else 0.0
    return values / mx if mx > 0 else np.zeros_like(values)


# ------------------------------------------------------------------------------------------- nodes
def _snap_nodes(points: np.ndarray, tol: float) -> np.ndarray:
    """Node index of each point: points within ``tol`` of each other (transitively) share a node; nodes are
    numbered in the order of their smallest (x, y) so the numbering does not depend on the input order."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components
    from scipy.spatial import cKDTree

    n = points.shape[0]
    pairs = cKDTree(points).query_pairs(tol, output_type="ndarray")
    g = coo_matrix((np.ones(pairs.shape[0]), (pairs[:, 0], pairs[:, 1])), shape=(n, n))
    _, lab = connected_components(g, directed=False)
    order = np.lexsort((points[:, 1], points[:, 0]))
    rank = np.empty(n, np.int64)
    rank[order] = np.arange(n)
    key = np.full(int(lab.max()) + 1, n, np.int64)  # a node's key: rank of its first point in (x, y) order
    np.minimum.at(key, lab, rank)
    node_of_label = np.empty(key.size, np.int64)
    node_of_label[np.argsort(key, kind="stable")] = np.arange(key.size)
    return node_of_label[lab]


def _clean_line(a) -> Optional[np.ndarray]:
    a = np.asarray(a, np.float64).reshape(-1, 2)
    a = a[np.all(np.isfinite(a), axis=1)]
    if a.shape[0] < 2:
        return None
    keep = np.ones(a.shape[0], bool)
    keep[1:] = np.any(a[1:] != a[:-1], axis=1)  # repeated vertices
    a = a[keep]
    return a if a.shape[0] >= 2 else None


def _line_lengths(lines: List[np.ndarray]) -> np.ndarray:
    return np.array([float(np.hypot(*np.diff(g, axis=0).T).sum()) for g in lines], np.float64)


def _midpoints(lines: List[np.ndarray], lengths: np.ndarray) -> np.ndarray:
    """Point half-way along each polyline."""
    out = np.empty((len(lines), 2), np.float64)
    for i, g in enumerate(lines):
        seg = np.hypot(*np.diff(g, axis=0).T)
        cum = np.concatenate([[0.0], np.cumsum(seg)])
        h = lengths[i] / 2.0
        out[i, 0] = np.interp(h, cum, g[:, 0])
        out[i, 1] = np.interp(h, cum, g[:, 1])
    return out


# ------------------------------------------------------------------------------------------- network
def _checked_inputs(lines_lonlat, feature_ids, attributes, node_ids):
    """(feature ids array, attributes dict, start node ids, end node ids) after checking their sizes."""
    n_in = len(lines_lonlat)
    fids_in = np.asarray(list(feature_ids), np.int64).reshape(-1)
    if fids_in.size != n_in:
        raise ValueError(f"{n_in} lines but {fids_in.size} feature ids")
    if n_in == 0:
        raise TrajectoryDataError("the road layer has no line features")
    if np.unique(fids_in).size != fids_in.size:
        raise TrajectoryDataError("the road lines' feature ids are not unique")
    attributes = dict(attributes or {})
    for name, vals in attributes.items():
        if vals is not None and len(vals) != n_in:
            raise ValueError(f"attribute {name!r} has {len(vals)} values for {n_in} lines")
    s_ids = e_ids = None
    if node_ids is not None:
        s_ids = np.asarray(node_ids[0]).reshape(-1)
        e_ids = np.asarray(node_ids[1]).reshape(-1)
        if s_ids.size != n_in or e_ids.size != n_in:
            raise ValueError("node_ids must give a start and an end id for every line")
    return fids_in, attributes, s_ids, e_ids


def _usable_lines(lines_lonlat, fids_in, s_ids, e_ids):
    """(input index of the usable lines sorted by feature id, their cleaned lon/lat lines, number skipped)."""
    n_in = len(lines_lonlat)
    cleaned = [_clean_line(a) for a in lines_lonlat]
    valid = np.array([c is not None for c in cleaned], bool)
    if s_ids is not None:
        valid &= np.array([not (_missing(a) or _missing(b)) for a, b in zip(s_ids.tolist(), e_ids.tolist())], bool)
    n_skipped = int(n_in - valid.sum())
    if not valid.any():
        raise TrajectoryDataError(
            f"none of the {n_in} road lines has at least two distinct vertices"
            + (" and start/end node ids" if s_ids is not None else "")
        )
    # a deterministic order: by feature id
    idx = np.flatnonzero(valid)
    idx = idx[np.argsort(fids_in[idx], kind="stable")]
    return idx, [cleaned[i] for i in idx], n_skipped


def _line_nodes(m_lines, idx, s_ids, e_ids):
    """(start node, end node of each line, number of nodes, "fields" or "snapped")."""
    n_lines = len(m_lines)
    if s_ids is not None:
        ends = np.concatenate([s_ids[idx], e_ids[idx]])
        try:
            _, inv = np.unique(ends.astype(np.int64), return_inverse=True)
        except (TypeError, ValueError):
            _, inv = np.unique(ends.astype(str), return_inverse=True)
        inv = inv.reshape(-1)
        node_source = "fields"
    else:
        pts = np.concatenate([np.array([g[0] for g in m_lines]), np.array([g[-1] for g in m_lines])])
        inv = _snap_nodes(pts, SNAP_M)
        node_source = "snapped"
    l_start, l_end = inv[:n_lines].astype(np.int64), inv[n_lines:].astype(np.int64)
    return l_start, l_end, int(inv.max()) + 1, node_source


def _unit_lines(fids: np.ndarray, n_lines: int, both_directions: bool):
    """(unit keys sorted, line of each unit, whether the unit runs against the line): forward (and reversed)
    lines."""
    rev = np.zeros(n_lines, bool)
    line_of = np.arange(n_lines)
    if both_directions:
        line_of = np.concatenate([line_of, line_of])
        rev = np.concatenate([rev, np.ones(n_lines, bool)])
    keys = fids[line_of] * 2 + rev
    order = np.argsort(keys, kind="stable")
    return keys[order], line_of[order], rev[order]


def _unit_attributes(attributes, idx, line_of, u_len, deg_in, deg_out):
    """(attribute names, (n, k) attribute matrix, messages) of the units (see the module doc)."""
    names: List[str] = []
    cols: List[np.ndarray] = []
    messages: List[str] = []
    n_lines = idx.size
    hw = attributes.get("highway")
    if hw is not None:
        cls_line = [road_class(v) for v in (hw[i] for i in idx)]
        counts: Dict[str, int] = {}
        for c in cls_line:
            if c is not None:
                counts[c] = counts.get(c, 0) + 1
        top = sorted(counts, key=lambda c: (-counts[c], c))[:MAX_CLASSES]
        pos = {c: k for k, c in enumerate(top)}
        onehot = np.zeros((n_lines, len(top) + 1), np.float64)
        for i, c in enumerate(cls_line):
            onehot[i, pos.get(c, len(top))] = 1.0
        names += [f"highway={c}" for c in top] + ["highway=other"]
        cols.append(onehot[line_of])
    for key, speed in (("lanes", False), ("maxspeed", True)):
        vals = attributes.get(key)
        if vals is None:
            continue
        x = np.array([parse_number(vals[i], speed=speed) for i in idx], np.float64)
        miss = ~np.isfinite(x)
        x = np.where(miss, 0.0, x)
        if miss.all():
            messages.append(f"the {key} field has no usable value")
        names += [key, f"{key}_missing"]
        cols.append(np.column_stack([_scaled(x), miss.astype(np.float64)])[line_of])
    names += ["length", "in_degree", "out_degree"]
    cols.append(np.column_stack([_scaled(np.log1p(u_len)), _scaled(deg_in), _scaled(deg_out)]))
    return names, np.concatenate(cols, axis=1), messages


def road_network(
    lines_lonlat: Sequence[np.ndarray],
    feature_ids: Sequence[int],
    attributes: Optional[Dict[str, Sequence]] = None,
    both_directions: bool = False,
    node_ids=None,
    cancel: CancelFn = None,
):
    """(UnitNetwork, RoadGeometry) of road lines (see the module doc).

    ``lines_lonlat``: one (k, 2) lon/lat array per line feature; ``feature_ids``: their feature ids (unique
    integers); ``attributes``: optional dict with per-feature values under "highway", "lanes" and/or "maxspeed";
    ``node_ids``: optional (start ids, end ids) per feature (e.g. OSM node ids) used instead of snapping end points.
    Lines with fewer than two distinct valid vertices are skipped and counted (``RoadGeometry.n_skipped_lines``).
    Raises TrajectoryDataError when no usable line is left.
    """
    from .crs import transform_lines, transform_xy, utm_crs_for

    fids_in, attributes, s_ids, e_ids = _checked_inputs(lines_lonlat, feature_ids, attributes, node_ids)
    check(cancel)
    idx, ll_lines, n_skipped = _usable_lines(lines_lonlat, fids_in, s_ids, e_ids)
    fids = fids_in[idx]
    allv = np.concatenate(ll_lines)
    if np.abs(allv[:, 1]).max() > 90.0 or np.abs(allv[:, 0]).max() > 360.0:
        raise TrajectoryDataError("the road lines' coordinates are not longitude/latitude degrees")
    crs = utm_crs_for(allv[:, 0], allv[:, 1])
    m_lines = transform_lines(ll_lines, "EPSG:4326", crs)
    line_len = _line_lengths(m_lines)
    check(cancel)
    l_start, l_end, n_nodes, node_source = _line_nodes(m_lines, idx, s_ids, e_ids)
    keys, line_of, rev = _unit_lines(fids, len(ll_lines), both_directions)
    n = keys.size
    u_start = np.where(rev, l_end[line_of], l_start[line_of])
    u_end = np.where(rev, l_start[line_of], l_end[line_of])
    u_len = line_len[line_of]
    u_lines = [m_lines[li][::-1] if r else m_lines[li] for li, r in zip(line_of.tolist(), rev.tolist())]
    u_ll = [ll_lines[li][::-1] if r else ll_lines[li] for li, r in zip(line_of.tolist(), rev.tolist())]
    check(cancel)
    edges = _unit_edges(u_start, u_end, fids[line_of])
    deg_in = np.bincount(edges[:, 1], minlength=n).astype(np.float64)
    deg_out = np.bincount(edges[:, 0], minlength=n).astype(np.float64)
    names, feats, messages = _unit_attributes(attributes, idx, line_of, u_len, deg_in, deg_out)
    # representative points and the structural vectors
    mid_m = _midpoints(m_lines, line_len)
    mlon, mlat = transform_xy(mid_m[:, 0], mid_m[:, 1], crs, "EPSG:4326")
    lonlat = np.column_stack([mlon, mlat])[line_of]
    structure = structure_vectors(lonlat, edges, np.array([g[0] for g in u_ll]), np.array([g[-1] for g in u_ll]))
    if n_skipped:
        messages.append(
            f"{n_skipped} road line(s) without two distinct vertices"
            + (" or node ids" if node_ids is not None else "")
            + " were skipped"
        )
    spec = {
        "both_directions": bool(both_directions),
        "n_lines": int(len(ll_lines)),
        "n_skipped_lines": n_skipped,
        "nodes": node_source,
        "snap_m": SNAP_M,
        "n_nodes": n_nodes,
        "metric_crs": crs,
        "matcher": dict(MATCHER_DEFAULTS),
    }
    net = UnitNetwork("road", keys, edges, feats, names, structure, lonlat, spec)
    geom = RoadGeometry(
        crs=crs,
        lines=u_lines,
        lonlat_lines=u_ll,
        start_node=u_start,
        end_node=u_end,
        lengths=u_len,
        fids=fids[line_of],
        reverse=rev,
        n_nodes=n_nodes,
        n_skipped_lines=n_skipped,
        messages=messages,
    )
    return net, geom


def _unit_edges(u_start: np.ndarray, u_end: np.ndarray, u_fid: np.ndarray) -> np.ndarray:
    """(E, 2) unit pairs i -> j with end(i) == start(j), without the U-turn onto the same feature's other unit
    unless that is the only way on (a dead end). Sorted by (i, j)."""
    n = u_start.size
    by_start = np.argsort(u_start, kind="stable")
    s_sorted = u_start[by_start]
    lo = np.searchsorted(s_sorted, u_end, side="left")
    hi = np.searchsorted(s_sorted, u_end, side="right")
    cnt = hi - lo
    src = np.repeat(np.arange(n), cnt)
    tot = int(cnt.sum())
    within = np.arange(tot) - np.repeat(np.cumsum(cnt) - cnt, cnt)
    dst = by_start[np.repeat(lo, cnt) + within]
    keep = src != dst
    uturn = (u_fid[src] == u_fid[dst]) & keep
    if uturn.any():
        other = np.bincount(src[keep & ~uturn], minlength=n)
        keep &= ~(uturn & (other[src] > 0))
    src, dst = src[keep], dst[keep]
    order = np.lexsort((dst, src))
    return np.column_stack([src[order], dst[order]]).astype(np.int64)
