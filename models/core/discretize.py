"""Discretization of trajectories into token sequences: square grids (E2DTC / t2vec convention) and H3 hexagons
(CroTad convention), with a vocabulary that the model algorithms store and reuse.

Tokens 0-3 are special: PAD, BOS, EOS, UNK. Cell tokens start at 4, in order of decreasing visits (ties by cell id).

Grid (t2vec): cell id = row * n_cols + col with col = floor((x - xmin) / size), row = floor((y - ymin) / size) in the
grid CRS (default EPSG:3857); points outside the extent are UNK. Cells visited at least ``min_freq`` times are "hot"
and get their own token; other visited cells map to the token of the nearest hot cell.
H3: every visited cell is a token at the given resolution; optional gap filling joins consecutive non-adjacent cells
with the H3 grid path. Cells unseen at fit time map to UNK when a stored vocabulary is applied to new data.

Both kinds carry a k-nearest-token table (the token itself first, distance 0) with ground distances in metres,
used by E2DTC's spatial-proximity-aware loss.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from typing import Optional

import numpy as np

from .chunked import collapse_repeats, grid_extent, project, project_part
from .progress import CancelFn, ProgressFn, check, report
from .ragged import Ragged
from .trajectories import Trajectories, TrajectoryDataError

PAD, BOS, EOS, UNK = 0, 1, 2, 3
SPECIAL_TOKENS = {PAD: "PAD", BOS: "BOS", EOS: "EOS", UNK: "UNK"}
N_SPECIAL = 4
VOCAB_FORMAT = "deeptraj-vocabulary"
VOCAB_VERSION = 1
_EARTH_R = 6371008.8
#: points per chunk of the per-point passes (projection, cell ids, token lookup): bounds their temporaries
CHUNK = 1 << 20


@dataclass
class TokenSequences(Ragged):
    """Token sequences of a set of trajectories (flat array + offsets), aligned with the input trajectories."""

    ids: np.ndarray
    offsets: np.ndarray
    tokens: np.ndarray
    n_points: np.ndarray

    def sequence(self, i: int) -> np.ndarray:
        return self._part(self.tokens, i)

    def as_text(self, i: int) -> str:
        return " ".join(map(str, self.sequence(i).tolist()))


# ------------------------------------------------------------------------------------------- grid
@dataclass
class GridSpec:
    """A square grid: lower-left corner, cell size (CRS units, metres for a metric CRS) and size in cells."""

    xmin: float
    ymin: float
    cell_size: float
    n_cols: int
    n_rows: int
    crs: str

    @classmethod
    def from_extent(cls, xmin, ymin, xmax, ymax, cell_size, crs) -> "GridSpec":
        if not cell_size > 0:
            raise TrajectoryDataError(f"the cell size must be positive, got {cell_size}")
        if not (xmax >= xmin and ymax >= ymin):
            raise TrajectoryDataError("the grid extent is empty")
        n_cols = max(1, int(math.ceil((xmax - xmin) / cell_size - 1e-9)))
        n_rows = max(1, int(math.ceil((ymax - ymin) / cell_size - 1e-9)))
        if n_cols * n_rows > 2**62:
            raise TrajectoryDataError("the grid is too large for 64-bit cell ids; use a larger cell size or extent")
        return cls(float(xmin), float(ymin), float(cell_size), n_cols, n_rows, crs)

    @property
    def xmax(self):
        return self.xmin + self.n_cols * self.cell_size

    @property
    def ymax(self):
        return self.ymin + self.n_rows * self.cell_size

    def cell_ids(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        """Cell id of each point (int64), -1 outside the grid (points on the outer edge belong to the last cell).
        Computed in chunks, so that the temporaries stay small whatever the number of points."""
        n = np.shape(x)[0]
        out = np.empty(n, np.int64)
        for s in range(0, n, CHUNK):
            out[s : s + CHUNK] = self._cell_ids(np.asarray(x[s : s + CHUNK]), np.asarray(y[s : s + CHUNK]))
        return out

    def _cell_ids(self, x, y):
        fx = (x - self.xmin) / self.cell_size
        fy = (y - self.ymin) / self.cell_size
        inside = (fx >= 0) & (fy >= 0) & (fx <= self.n_cols) & (fy <= self.n_rows)
        col = np.minimum(np.floor(fx, where=inside, out=np.zeros_like(fx)).astype(np.int64), self.n_cols - 1)
        row = np.minimum(np.floor(fy, where=inside, out=np.zeros_like(fy)).astype(np.int64), self.n_rows - 1)
        return np.where(inside, row * self.n_cols + col, -1)

    def col_row(self, cell_ids):
        c = np.asarray(cell_ids, np.int64)
        return c % self.n_cols, c // self.n_cols

    def centers(self, cell_ids):
        col, row = self.col_row(cell_ids)
        return self.xmin + (col + 0.5) * self.cell_size, self.ymin + (row + 0.5) * self.cell_size

    def to_json(self) -> dict:
        return {
            "xmin": self.xmin,
            "ymin": self.ymin,
            "xmax": self.xmax,
            "ymax": self.ymax,
            "cell_size": self.cell_size,
            "n_cols": self.n_cols,
            "n_rows": self.n_rows,
            "crs": self.crs,
            "cell_id": "row*n_cols+col, col=floor((x-xmin)/cell_size), row=floor((y-ymin)/cell_size)",
        }

    @classmethod
    def from_json(cls, d) -> "GridSpec":
        return cls(
            float(d["xmin"]), float(d["ymin"]), float(d["cell_size"]), int(d["n_cols"]), int(d["n_rows"]), str(d["crs"])
        )


# ------------------------------------------------------------------------------------------- vocabulary
@dataclass
class Vocabulary:
    """Token <-> cell table of a fitted discretizer.

    ``cells[i]`` is the cell of token ``i + 4``; ``visits[i]`` its point visits at fit time; ``extra_cells`` /
    ``extra_tokens`` map visited non-hot grid cells to the token of their nearest hot cell.
    """

    kind: str  # "grid" | "h3"
    cells: np.ndarray
    visits: np.ndarray
    params: dict
    grid: Optional[GridSpec] = None
    resolution: Optional[int] = None
    extra_cells: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    extra_tokens: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    extra_visits: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    knn_tokens: Optional[np.ndarray] = None
    knn_dist_m: Optional[np.ndarray] = None

    def __post_init__(self):
        self._build_lookup()

    @property
    def size(self) -> int:
        """Number of tokens including the 4 special ones."""
        return N_SPECIAL + int(self.cells.shape[0])

    def _build_lookup(self):
        keys = np.concatenate([self.cells.astype(np.uint64), self.extra_cells.astype(np.uint64)])
        vals = np.concatenate([np.arange(N_SPECIAL, self.size, dtype=np.int64), self.extra_tokens.astype(np.int64)])
        order = np.argsort(keys, kind="stable")
        self._keys, self._vals = keys[order], vals[order]

    def tokens_of_cells(self, cells: np.ndarray, invalid: Optional[np.ndarray] = None) -> np.ndarray:
        """Token of each cell; UNK for cells not in the vocabulary or flagged ``invalid`` (in chunks)."""
        n = np.shape(cells)[0]
        out = np.full(n, UNK, dtype=np.int64)
        if not self._keys.size:
            return out
        for s in range(0, n, CHUNK):
            c = np.asarray(cells[s : s + CHUNK]).astype(np.uint64)
            pos = np.minimum(np.searchsorted(self._keys, c), self._keys.size - 1)
            hit = self._keys[pos] == c
            if invalid is not None:
                hit &= ~invalid[s : s + CHUNK]
            out[s : s + CHUNK][hit] = self._vals[pos[hit]]
        return out

    def token_centers_lonlat(self):
        """(lon, lat) of the centre of every cell token (index 0 = token 4)."""
        return _cell_centers_lonlat(self, self.cells)

    # -------------------------------------------------------------- persistence
    def to_json(self) -> dict:
        d = {
            "format": VOCAB_FORMAT,
            "version": VOCAB_VERSION,
            "kind": self.kind,
            "special_tokens": {str(k): v for k, v in SPECIAL_TOKENS.items()},
            "vocab_start": N_SPECIAL,
            "vocab_size": self.size,
            "params": self.params,
            "cells": {
                "token": list(range(N_SPECIAL, self.size)),
                "cell": _cells_to_json(self.kind, self.cells),
                "visits": self.visits.astype(np.int64).tolist(),
            },
            "mapped_cells": {
                "cell": _cells_to_json(self.kind, self.extra_cells),
                "token": self.extra_tokens.astype(np.int64).tolist(),
                "visits": self.extra_visits.astype(np.int64).tolist(),
            },
        }
        if self.kind == "grid":
            d["grid"] = self.grid.to_json()
            col, row = self.grid.col_row(self.cells)
            d["cells"]["col"], d["cells"]["row"] = col.tolist(), row.tolist()
        else:
            d["resolution"] = self.resolution
        if self.knn_tokens is not None:
            d["knn"] = {
                "k": int(self.knn_tokens.shape[1]),
                "tokens": self.knn_tokens.tolist(),
                "dist_m": np.round(self.knn_dist_m, 2).tolist(),
                "note": "row i = token i+4: its k nearest cell tokens (itself first) and ground distances in metres",
            }
        return d

    def save(self, path: str) -> None:
        """Write the JSON vocabulary atomically (temporary file + rename)."""
        from .modelfile import atomic_write

        text = json.dumps(self.to_json(), separators=(",", ":"))  # dumps uses the C encoder, dump does not
        atomic_write(path, lambda fh: fh.write(text))

    @classmethod
    def from_json(cls, d: dict) -> "Vocabulary":
        if d.get("format") != VOCAB_FORMAT:
            raise TrajectoryDataError("not a DeepTraj vocabulary file (missing format 'deeptraj-vocabulary')")
        if int(d.get("version", 0)) > VOCAB_VERSION:
            raise TrajectoryDataError(f"vocabulary version {d.get('version')} is newer than this DeepTraj supports")
        kind = d["kind"]
        cells = _cells_from_json(kind, d["cells"]["cell"])
        mapped = d.get("mapped_cells", {"cell": [], "token": [], "visits": []})
        knn = d.get("knn")
        return cls(
            kind=kind,
            cells=cells,
            visits=np.asarray(d["cells"]["visits"], np.int64),
            params=d.get("params", {}),
            grid=GridSpec.from_json(d["grid"]) if kind == "grid" else None,
            resolution=int(d["resolution"]) if kind == "h3" else None,
            extra_cells=_cells_from_json(kind, mapped["cell"]),
            extra_tokens=np.asarray(mapped["token"], np.int64),
            extra_visits=np.asarray(mapped.get("visits", [0] * len(mapped["token"])), np.int64),
            knn_tokens=None if knn is None else np.asarray(knn["tokens"], np.int64),
            knn_dist_m=None if knn is None else np.asarray(knn["dist_m"], np.float64),
        )

    @classmethod
    def load(cls, path: str) -> "Vocabulary":
        try:
            with open(path, encoding="utf-8") as fh:
                return cls.from_json(json.load(fh))
        except (OSError, ValueError, KeyError, TypeError) as e:
            what = f"missing entry {e}" if isinstance(e, KeyError) else e
            raise TrajectoryDataError(f"cannot read the vocabulary file {path}: {what}")


def _cells_to_json(kind, cells):
    if kind == "h3":
        from . import h3grid

        return h3grid.to_str(cells)
    return np.asarray(cells, np.int64).tolist()


def _cells_from_json(kind, values):
    if kind == "h3":
        from . import h3grid

        return h3grid.from_str(values)
    return np.asarray(values, np.int64)


def _cell_centers_lonlat(vocab: Vocabulary, cells):
    if vocab.kind == "h3":
        from . import h3grid

        return h3grid.centers(cells)
    from .crs import transform_xy

    cx, cy = vocab.grid.centers(cells)
    return transform_xy(cx, cy, vocab.grid.crs, "EPSG:4326")


def _unit_vectors(lon, lat):
    lo, la = np.radians(lon), np.radians(lat)
    return np.column_stack([np.cos(la) * np.cos(lo), np.cos(la) * np.sin(lo), np.sin(la)])


def _chord_to_m(chord):
    return 2.0 * _EARTH_R * np.arcsin(np.clip(chord / 2.0, 0.0, 1.0))


def _knn_table(vocab: Vocabulary, k: int, planar_xy=None):
    """k nearest cell tokens of every token (itself first) and their ground distances in metres.

    Grid vocabularies rank neighbours by planar distance in the grid CRS (as t2vec does); H3 ones by great-circle
    distance. Distances reported are great-circle metres between cell centres in both cases.
    """
    from scipy.spatial import cKDTree

    n = vocab.cells.shape[0]
    if n == 0 or k <= 0:
        return np.zeros((n, 0), np.int64), np.zeros((n, 0))
    kk = min(k, n)
    lon, lat = vocab.token_centers_lonlat()
    xyz = _unit_vectors(lon, lat)
    pts = planar_xy if planar_xy is not None else xyz
    _, idx = cKDTree(pts).query(pts, k=kk)
    idx = idx.reshape(n, kk)
    # make sure the token itself comes first even with exact ties
    self_first = np.arange(n)[:, None]
    idx = np.where(idx[:, :1] == self_first, idx, np.concatenate([self_first, idx[:, :-1]], axis=1))
    chord = np.linalg.norm(xyz[idx] - xyz[:, None, :], axis=2)
    dist = _chord_to_m(chord)
    return idx + N_SPECIAL, dist


# ------------------------------------------------------------------------------------------- discretizers
class _Discretizer:
    kind = ""
    vocab_: Optional[Vocabulary] = None

    def _require_fitted(self):
        if self.vocab_ is None:
            raise RuntimeError("fit() the discretizer or load a vocabulary first")

    def fit_transform(self, trajs: Trajectories, progress: ProgressFn = None, cancel: CancelFn = None):
        cells, invalid = self._point_cells(trajs, progress, cancel, 0, 60)
        cells, offsets, invalid = self._expand(cells, trajs.offsets, invalid, cancel)
        self._fit_cells(cells, invalid, progress, cancel)
        return self._tokens_from_cells(trajs, cells, offsets, invalid, progress, cancel)

    def fit(self, trajs: Trajectories, progress: ProgressFn = None, cancel: CancelFn = None):
        self.fit_transform(trajs, progress, cancel)
        return self

    def transform(self, trajs: Trajectories, progress: ProgressFn = None, cancel: CancelFn = None) -> TokenSequences:
        self._require_fitted()
        cells, invalid = self._point_cells(trajs, progress, cancel, 0, 80)
        cells, offsets, invalid = self._expand(cells, trajs.offsets, invalid, cancel)
        return self._tokens_from_cells(trajs, cells, offsets, invalid, progress, cancel)

    def point_cells(self, trajs: Trajectories):
        """Cell of every point (grid: int64 with -1 outside; H3: uint64 with 0 for invalid coordinates)."""
        return self._point_cells(trajs, None, None, 0, 100)[0]

    def _expand(self, cells, offsets, invalid, cancel):
        """Hook to insert cells between points (H3 gap filling); identity by default."""
        return cells, offsets, invalid

    def _tokens_from_cells(self, trajs, cells, offsets, invalid, progress, cancel) -> TokenSequences:
        check(cancel)
        tokens = self.vocab_.tokens_of_cells(cells, invalid)
        if self.collapse_repeats:
            tokens, offsets = collapse_repeats(tokens, offsets)
        report(progress, 100)
        return TokenSequences(ids=trajs.ids, offsets=offsets, tokens=tokens, n_points=trajs.lengths)

    def cell_visits(self):
        """(cells, tokens, visits, hot) of every visited cell: tokens' own cells then mapped non-hot cells."""
        v = self.vocab_
        cells = np.concatenate([v.cells.astype(np.uint64), v.extra_cells.astype(np.uint64)])
        tokens = np.concatenate([np.arange(N_SPECIAL, v.size), v.extra_tokens])
        visits = np.concatenate([v.visits, v.extra_visits])
        hot = np.concatenate([np.ones(v.cells.size, bool), np.zeros(v.extra_cells.size, bool)])
        return cells, tokens, visits, hot


class GridDiscretizer(_Discretizer):
    """Square-grid tokens (E2DTC / t2vec). Parameters default to the papers' values.

    cell_size: 300 m (E2DTC). crs: EPSG:3857 (t2vec/E2DTC regions). extent: (xmin, ymin, xmax, ymax) in ``crs``,
    default the data extent. min_freq: cells visited fewer times map to the nearest hot cell (t2vec used 50 on its
    large sets; default 1 keeps every visited cell). k_nearest: 10. collapse_repeats: True.
    """

    kind = "grid"

    def __init__(self, cell_size=300.0, crs="EPSG:3857", extent=None, min_freq=1, k_nearest=10, collapse_repeats=True):
        self.cell_size = float(cell_size)
        self.crs = crs
        self.extent = extent
        self.min_freq = int(min_freq)
        self.k_nearest = int(k_nearest)
        self.collapse_repeats = bool(collapse_repeats)
        if not self.cell_size > 0:
            raise TrajectoryDataError(f"CELL_SIZE must be positive, got {cell_size}")
        if self.min_freq < 1:
            raise TrajectoryDataError("MIN_FREQ must be at least 1")
        from .crs import is_geographic

        if is_geographic(crs):
            raise TrajectoryDataError(
                f"the grid CRS {crs} is geographic; choose a projected CRS (cell sizes are metres)"
            )
        self.vocab_ = None
        self.grid_ = None

    @classmethod
    def from_vocabulary(cls, vocab: Vocabulary) -> "GridDiscretizer":
        if vocab.kind != "grid":
            raise TrajectoryDataError(f"this is a {vocab.kind} vocabulary, not a grid one")
        p = vocab.params
        d = cls(
            cell_size=vocab.grid.cell_size,
            crs=vocab.grid.crs,
            min_freq=p.get("min_freq", 1),
            k_nearest=p.get("k_nearest", 10),
            collapse_repeats=p.get("collapse_repeats", True),
        )
        d.grid_, d.vocab_ = vocab.grid, vocab
        return d

    def _point_cells(self, trajs, progress, cancel, a, b):
        if not trajs.crs:
            raise TrajectoryDataError("the trajectories have no CRS; set the layer CRS first")
        n = trajs.n_points
        half = a + (b - a) * 0.5
        if self.grid_ is None and self.extent is None:
            gx, gy = project(trajs, self.crs, CHUNK, progress, cancel, a, half)
            self.grid_ = GridSpec.from_extent(*grid_extent(gx, gy), self.cell_size, self.crs)
            cells = self.grid_.cell_ids(gx, gy)
            del gx, gy
        else:
            if self.grid_ is None:
                self.grid_ = GridSpec.from_extent(*self.extent, self.cell_size, self.crs)
            # project and discretize chunk by chunk: no projected copy of the whole input
            cells = np.empty(n, np.int64)
            for s in range(0, n, CHUNK):
                check(cancel)
                x, y = project_part(trajs, self.crs, s, s + CHUNK)
                cells[s : s + CHUNK] = self.grid_.cell_ids(x, y)
                report(progress, a + (half - a) * min(1.0, (s + CHUNK) / max(n, 1)))
        report(progress, b)
        return cells, cells < 0

    def _fit_cells(self, cells, invalid, progress, cancel):
        check(cancel)
        valid = cells[~invalid]
        if valid.size == 0:
            raise TrajectoryDataError("no point falls inside the grid extent")
        uniq, counts = np.unique(valid, return_counts=True)
        hot = counts >= self.min_freq
        if not hot.any():
            raise TrajectoryDataError(f"no cell is visited at least MIN_FREQ={self.min_freq} times; lower MIN_FREQ")
        order = np.lexsort((uniq[hot], -counts[hot]))
        hot_cells, hot_counts = uniq[hot][order], counts[hot][order]
        cold_cells, cold_counts = uniq[~hot], counts[~hot]
        cold_tokens = np.zeros(0, np.int64)
        hx, hy = self.grid_.centers(hot_cells)
        if cold_cells.size:
            from scipy.spatial import cKDTree

            cx, cy = self.grid_.centers(cold_cells)
            _, nn = cKDTree(np.column_stack([hx, hy])).query(np.column_stack([cx, cy]), k=1)
            cold_tokens = nn.astype(np.int64) + N_SPECIAL
        check(cancel)
        params = {
            "cell_size": self.cell_size,
            "crs": self.crs,
            "min_freq": self.min_freq,
            "k_nearest": self.k_nearest,
            "collapse_repeats": self.collapse_repeats,
        }
        self.vocab_ = Vocabulary(
            kind="grid",
            cells=hot_cells,
            visits=hot_counts,
            params=params,
            grid=self.grid_,
            extra_cells=cold_cells,
            extra_tokens=cold_tokens,
            extra_visits=cold_counts,
        )
        kt, kd = _knn_table(self.vocab_, self.k_nearest, planar_xy=np.column_stack([hx, hy]))
        self.vocab_.knn_tokens, self.vocab_.knn_dist_m = kt, kd
        report(progress, 80)


class H3Discretizer(_Discretizer):
    """H3 hexagon tokens (CroTad). resolution: 10 (CroTad Porto; 9 for buses). collapse_repeats: True.
    fill_gaps: False; when True, consecutive non-adjacent cells are joined with the H3 grid path (gap cells are
    inserted into the token sequences and counted as visits; a trajectory's n_points stays its number of GPS points)."""

    kind = "h3"

    def __init__(self, resolution=10, collapse_repeats=True, fill_gaps=False, k_nearest=10):
        from .h3grid import check_resolution

        try:
            self.resolution = check_resolution(resolution)
        except ValueError as e:
            raise TrajectoryDataError(f"RESOLUTION: {e}")
        self.collapse_repeats = bool(collapse_repeats)
        self.fill_gaps = bool(fill_gaps)
        self.k_nearest = int(k_nearest)
        self.vocab_ = None
        #: after a transform with ``fill_gaps``: :func:`.h3steps.fill_report` of the cells inserted
        self.fill_report_ = None

    @classmethod
    def from_vocabulary(cls, vocab: Vocabulary) -> "H3Discretizer":
        if vocab.kind != "h3":
            raise TrajectoryDataError(f"this is a {vocab.kind} vocabulary, not an H3 one")
        p = vocab.params
        d = cls(
            resolution=vocab.resolution,
            collapse_repeats=p.get("collapse_repeats", True),
            fill_gaps=p.get("fill_gaps", False),
            k_nearest=p.get("k_nearest", 10),
        )
        d.vocab_ = vocab
        return d

    def _point_cells(self, trajs, progress, cancel, a, b):
        from . import h3grid

        if not trajs.crs:
            raise TrajectoryDataError("the trajectories have no CRS; set the layer CRS first")
        n = trajs.n_points
        cells = np.zeros(n, np.uint64)
        step = max(1, CHUNK // 4)  # h3 is asked point by point: report and check the cancel often
        for s in range(0, n, step):
            check(cancel)
            lon, lat = project_part(trajs, "EPSG:4326", s, s + step)
            cells[s : s + step] = h3grid.cells(lon, lat, self.resolution)
            report(progress, a + (b - a) * min(1.0, (s + step) / max(n, 1)))
        return cells, cells == 0

    def _fit_cells(self, cells, invalid, progress, cancel):
        check(cancel)
        valid = cells[~invalid]
        if valid.size == 0:
            raise TrajectoryDataError("no point has valid WGS 84 coordinates")
        uniq, counts = np.unique(valid, return_counts=True)
        order = np.lexsort((uniq, -counts))
        params = {
            "resolution": self.resolution,
            "collapse_repeats": self.collapse_repeats,
            "fill_gaps": self.fill_gaps,
            "k_nearest": self.k_nearest,
        }
        self.vocab_ = Vocabulary(
            kind="h3", cells=uniq[order], visits=counts[order], params=params, resolution=self.resolution
        )
        kt, kd = _knn_table(self.vocab_, self.k_nearest)
        self.vocab_.knn_tokens, self.vocab_.knn_dist_m = kt, kd
        report(progress, 80)

    def _expand(self, cells, offsets, invalid, cancel):
        return self._fill(cells, offsets, invalid, cancel) if self.fill_gaps else (cells, offsets, invalid)

    def _fill(self, cells, offsets, invalid, cancel):
        """Insert H3 grid-path cells between consecutive non-adjacent valid cells of the same trajectory
        (:func:`.h3steps.fill_gaps`; its report is kept as ``fill_report_``)."""
        from .h3steps import fill_gaps

        if cells.shape[0] < 2:
            return cells, offsets, invalid
        cells, offsets, invalid, self.fill_report_ = fill_gaps(cells, offsets, invalid, self.resolution, cancel)
        return cells, offsets, invalid


def discretizer_from_vocabulary(vocab: Vocabulary):
    return GridDiscretizer.from_vocabulary(vocab) if vocab.kind == "grid" else H3Discretizer.from_vocabulary(vocab)
