"""Column-wise reading of a point layer through GDAL's Arrow stream, in constant extra memory per batch.

The columns are allocated once for the layer's feature count and filled batch by batch: coordinates and feature ids
as float64/int64, text trajectory ids as int32 codes into one table of distinct ids (each id decoded once), date-time
columns converted to epoch seconds per batch. So a 16.6 M-fix layer needs ~45 bytes per fix, not the lists of batch
arrays plus their concatenation that it needed before. Progress follows the batches and a cancel stops the read
between two batches. Numeric time columns are kept whole: telling epoch seconds from milliseconds looks at the whole
column.
"""

from __future__ import annotations

import numpy as np

from ..models.core.progress import Cancelled
from ..models.core.readers.wkb import points_from_wkb
from ..models.core.timeparse import column_to_seconds

BATCH = 200_000


class _TextCodes:
    """int32 codes of text values into a growing table of distinct values (decoded once each)."""

    def __init__(self, n):
        self.codes = np.empty(n, np.int32)
        self.index = {}

    def put(self, k, values):
        import pandas as pd

        codes, uniques = pd.factorize(values, sort=False, use_na_sentinel=False)
        index = self.index
        table = np.fromiter((index.setdefault(u, len(index)) for u in uniques), np.int32, len(uniques))
        self.codes[k : k + len(codes)] = table[codes] if len(codes) else codes
        return len(codes)

    def labels(self):
        """The distinct values, decoded, in code order."""
        labels = np.empty(len(self.index), dtype=object)
        for raw, code in self.index.items():
            labels[code] = raw.decode() if isinstance(raw, bytes) else (None if raw is None else str(raw))
        return labels


class _Column:
    """One attribute column filled batch by batch (text -> codes, numbers/date-times -> preallocated arrays)."""

    def __init__(self, n, as_seconds=False):
        self.n = n
        self.as_seconds = as_seconds
        self.text = None
        self.array = None
        self.parts = None  # numeric times: converted whole at the end

    def put(self, k, values):
        values = np.asarray(values)
        if values.dtype.kind in "SUO":
            if self.text is None:
                self.text = _TextCodes(self.n)
            self.text.put(k, values)
            return
        if self.as_seconds and values.dtype.kind != "M":
            self.parts = self.parts if self.parts is not None else []
            self.parts.append(values)
            return
        if self.as_seconds:
            values = column_to_seconds(values)
        if self.array is None:
            self.array = np.empty(self.n, values.dtype)
        self.array[k : k + values.size] = values

    def values(self, k):
        if self.text is not None:  # each distinct text converted once
            labels = self.text.labels()
            return (column_to_seconds(labels) if self.as_seconds else labels)[self.text.codes[:k]]
        if self.parts is not None:
            return column_to_seconds(np.concatenate(self.parts)) if self.parts else np.empty(0, np.int64)
        return self.array[:k] if self.array is not None else np.empty(0)


def read_columns(lyr, n, id_field, time_field, extra_fields=(), feedback=None, progress=None):
    """The columns of OGR layer ``lyr`` (``n`` features): dict with ids, x, y, t, fids, n_null_geom, attrs; None when
    a geometry is not a point (the caller falls back to the feature path). Raises Cancelled on cancel."""
    defn = lyr.GetLayerDefn()
    names = [defn.GetFieldDefn(i).GetName() for i in range(defn.GetFieldCount())]
    wanted = [f for f in (id_field, time_field, *extra_fields) if f]
    lyr.SetIgnoredFields([nm for nm in names if nm not in wanted])
    geom_col = lyr.GetGeometryColumn() or "wkb_geometry"
    fid_col = lyr.GetFIDColumn() or "OGC_FID"
    x = np.empty(n, np.float64)
    y = np.empty(n, np.float64)
    fids = np.empty(n, np.int64)
    ids = _Column(n)
    t = _Column(n, as_seconds=True) if time_field else None
    extras = {e: [] for e in extra_fields}
    k = n_null = seen = 0
    stream = lyr.GetArrowStreamAsNumPy(
        options=["INCLUDE_FID=YES", "USE_MASKED_ARRAYS=NO", f"MAX_FEATURES_IN_BATCH={BATCH}"]
    )
    for batch in stream:
        bx, by, empty = points_from_wkb(batch[geom_col])
        if bx is None:
            return None
        ok = ~empty
        m = int(ok.sum())
        seen += ok.size
        if k + m > n:  # the feature count was an estimate
            return None
        n_null += ok.size - m
        x[k : k + m] = bx[ok]
        y[k : k + m] = by[ok]
        fids[k : k + m] = np.asarray(batch[fid_col])[ok]
        ids.put(k, np.asarray(batch[id_field])[ok])
        if t is not None:
            t.put(k, np.asarray(batch[time_field])[ok])
        for e in extra_fields:
            extras[e].append(np.asarray(batch[e])[ok])
        k += m
        if feedback is not None and feedback.isCanceled():
            raise Cancelled("cancelled by the user while reading the layer")
        if progress is not None and n:
            progress(100.0 * seen / n)
    if k == 0:
        return None
    return {
        "ids": ids.values(k),
        "x": x[:k],
        "y": y[:k],
        "t": t.values(k) if t is not None else None,
        "fids": fids[:k],
        "n_null_geom": n_null,
        "attrs": {e: np.concatenate(v) for e, v in extras.items()},
    }
