"""Location classes of the next-location head: square cells identified by an int64 key, the most visited of which
are the vocabulary."""

from __future__ import annotations

import numpy as np

from ..core.outliers import bulk_extent, find_outliers


def coordinate_norm(x, y):
    """(mean x, mean y, scale) normalising the network's coordinate inputs, from the fixes of the bulk: a few fixes
    at 0,0 would otherwise make the scale thousands of km and squeeze a city into one value."""
    x, y = np.asarray(x, np.float64), np.asarray(y, np.float64)
    keep = ~find_outliers(x, y, geographic=False).mask
    if keep.any():
        x, y = x[keep], y[keep]
    return float(np.mean(x)), float(np.mean(y)), float(max(np.std(x), np.std(y), 1.0))


class LocationGrid:
    """Square cells of ``cell_size`` metres from ``origin``, identified by an int64 key (any cell, also one never
    seen in training); the ``max_locations`` most visited training cells are the vocabulary classes 1..K of the
    prediction head, class 0 is every other cell."""

    _OFF = 1 << 20

    def __init__(self, origin, cell_size: float, cell_keys: np.ndarray):
        self.origin = (float(origin[0]), float(origin[1]))
        self.cell_size = float(cell_size)
        self.cell_keys = np.asarray(cell_keys, np.int64)  # class c (1..K) is cell_keys[c - 1]
        self._sorted = np.argsort(self.cell_keys, kind="stable")

    @property
    def n_classes(self) -> int:
        return int(self.cell_keys.size) + 1

    def keys(self, x, y) -> np.ndarray:
        ix = np.floor((np.asarray(x) - self.origin[0]) / self.cell_size).astype(np.int64)
        iy = np.floor((np.asarray(y) - self.origin[1]) / self.cell_size).astype(np.int64)
        ix = np.clip(ix + self._OFF, 0, 2 * self._OFF - 1)
        iy = np.clip(iy + self._OFF, 0, 2 * self._OFF - 1)
        return ix * (2 * self._OFF) + iy

    @classmethod
    def fit(cls, x, y, cell_size: float, max_locations: int) -> "LocationGrid":
        x, y = np.asarray(x), np.asarray(y)
        (xmin, ymin, _, _), _ = bulk_extent(x, y)  # a fix at 0,0 would push the bulk beyond the key range
        origin = (xmin - cell_size / 2, ymin - cell_size / 2)
        grid = cls(origin, cell_size, np.zeros(0, np.int64))
        k, c = np.unique(grid.keys(x, y), return_counts=True)
        top = np.lexsort((k, -c))[:max_locations]  # most visited first, ties by key
        return cls(origin, cell_size, k[top])

    def classes(self, keys) -> np.ndarray:
        """Location class (1..K) of cell keys, 0 for cells outside the vocabulary."""
        k = np.asarray(keys, np.int64)
        if self.cell_keys.size == 0:
            return np.zeros(k.shape, np.int64)
        sk = self.cell_keys[self._sorted]
        pos = np.clip(np.searchsorted(sk, k), 0, sk.size - 1)
        return np.where(sk[pos] == k, self._sorted[pos] + 1, 0).astype(np.int64)

    def centres(self, keys) -> np.ndarray:
        """(n, 2) centres of cells given by key (NaN for the key -1, "no prediction")."""
        k = np.asarray(keys, np.int64)
        out = np.full(k.shape + (2,), np.nan)
        ok = k >= 0
        span = 2 * self._OFF
        out[ok, 0] = self.origin[0] + (k[ok] // span - self._OFF + 0.5) * self.cell_size
        out[ok, 1] = self.origin[1] + (k[ok] % span - self._OFF + 0.5) * self.cell_size
        return out

    def to_json(self) -> dict:
        return {"origin": list(self.origin), "cell_size": self.cell_size, "cell_keys": self.cell_keys.tolist()}

    @classmethod
    def from_json(cls, d: dict) -> "LocationGrid":
        return cls(d["origin"], d["cell_size"], np.asarray(d["cell_keys"], np.int64))
