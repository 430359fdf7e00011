"""The reader base class: an iterable over :class:`~.common.Chunk` with schema, counters and progress."""

from __future__ import annotations

from typing import Dict, List, Optional, Tuple

import numpy as np

from ..timeparse import NAT
from .columns import coerce, kind_of
from .common import Chunk, ReadStats

__all__ = ["ChunkReader"]


class ChunkReader:
    """Iterable over :class:`Chunk`; ``stats``, ``schema`` [(name, kind)], ``id_kind``, ``has_time``,
    ``crs`` (the CRS the coordinates are in, '' when the caller decides) and ``fraction()``."""

    format_name = ""
    id_kind = "string"
    has_time = True
    crs = ""

    def __init__(self, path: str, chunksize: int):
        self.path = path
        self.chunksize = max(int(chunksize), 1)
        self.stats = ReadStats()
        self._schema: Optional[List[Tuple[str, str]]] = None
        self._gen = None
        self._pending: List[Chunk] = []
        self._fraction = 0.0

    @property
    def schema(self) -> List[Tuple[str, str]]:
        """Output columns (besides id and time); reading the first chunk fixes the kinds when needed."""
        if self._schema is None:
            self._start()
            chunk = next(self._gen, None)
            if chunk is not None:
                self._pending.append(chunk)
            if self._schema is None:
                self._schema = self._fallback_schema()
        return self._schema

    def has_points(self) -> bool:
        """Whether the file holds a readable point: reads up to the first chunk with one (kept for the iteration),
        so a file without any is known before an output is created."""
        if self._pending:
            return True
        _ = self.schema
        self._start()
        if not self._pending:
            chunk = next(self._gen, None)
            if chunk is None:
                return False
            self._pending.append(chunk)
        return True

    def fraction(self) -> float:
        return self._fraction

    def point_columns(self, max_rows: int = 0):
        """(ids, x, y, t) of all the points read, concatenated (t None when the format has no time); with
        ``max_rows``, the chunks up to that many data rows (a file's first trips, for a quick run)."""
        parts = []
        for chunk in self:
            if max_rows and self.stats.n_rows > max_rows and parts:
                break
            parts.append(chunk)
        if not parts:
            return np.zeros(0, object), np.zeros(0), np.zeros(0), None
        t = None if parts[0].t is None else np.concatenate([c.t for c in parts])
        return (*(np.concatenate([getattr(c, k) for c in parts]) for k in ("ids", "x", "y")), t)

    def __iter__(self):
        self._start()
        while self._pending:
            yield self._pending.pop(0)
        for chunk in self._gen:
            yield chunk
        self._fraction = 1.0

    def _start(self):
        if self._gen is None:
            self._gen = self._chunks()

    def _fallback_schema(self):
        return []

    def _chunks(self):  # pragma: no cover - overridden
        raise NotImplementedError

    def _finish(self, ids, x, y, t, columns, drop_null_ids=True) -> Optional[Chunk]:
        """Drop rows without coordinates / id, count missing times, build the chunk."""
        x = np.asarray(x, np.float64)
        y = np.asarray(y, np.float64)
        keep = np.isfinite(x) & np.isfinite(y)
        self.stats.n_null_coordinates += int(keep.size - keep.sum())
        if drop_null_ids and ids.dtype.kind == "O":
            has_id = ~np.equal(ids, None)
            self.stats.n_null_ids += int((keep & ~has_id).sum())
            keep &= has_id
        if not keep.all():
            ids, x, y = ids[keep], x[keep], y[keep]
            t = None if t is None else t[keep]
            columns = {k: v[keep] for k, v in columns.items()}
        if t is not None:
            self.stats.n_null_times += int((t == NAT).sum())
        self.stats.n_points += int(x.size)
        if x.size == 0:
            return None
        return Chunk(ids=ids, x=x, y=y, t=t, columns=columns)

    def _typed_columns(self, df, names) -> Dict[str, np.ndarray]:
        """Columns coerced to the schema kinds; the first call fixes the kinds from the data."""
        if self._schema is None:
            self._schema = [(n, kind_of(df[n])) for n in names]
        out = {}
        for n, kind in self._schema:
            arr, bad = coerce(df[n], kind)
            if bad:
                self.stats.type_mismatch[n] = self.stats.type_mismatch.get(n, 0) + bad
            out[n] = arr
        return out
