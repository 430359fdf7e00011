"""Generic point CSV reader: one row per point, columns named by the user or found among the usual names."""

from __future__ import annotations

import os
from typing import List, Optional

import numpy as np

from ..timeparse import NAT
from .base import ChunkReader
from .columns import (
    FORMAT_LABEL,
    ID_NAMES,
    TIME_NAMES,
    X_NAMES,
    Y_NAMES,
    find_column,
    pd_numeric,
    sniff_format,
    times_of,
)
from .common import FormatError
from .files import ByteSource, check_file, iter_csv, read_header

__all__ = ["read_generic_csv"]


class _GenericCsvReader(ChunkReader):
    format_name = "generic"

    def __init__(self, path, x, y, id_cols, time_col, delimiter, chunksize):
        super().__init__(path, chunksize)
        self.sep = delimiter
        self._src = None
        self.x_col, self.y_col, self.id_cols, self.time_col = x, y, id_cols, time_col
        self.has_time = time_col is not None

    def fraction(self) -> float:
        return self._src.fraction() if self._src is not None else self._fraction

    def _fallback_schema(self):
        return [(c, "string") for c in self._source_names]

    def _chunks(self):
        self._src = ByteSource(self.path)
        first = True
        exact = {self._all_names.index(c) for c in self.id_cols}  # ids read as exact text
        try:
            for df in iter_csv(
                self._src, self.path, self.sep, self.chunksize, exact=exact, n_cols=len(self._all_names)
            ):
                row0 = self.stats.n_rows
                self.stats.n_rows += len(df)
                x = pd_numeric(df[self.x_col])
                y = pd_numeric(df[self.y_col])
                if first:
                    self._check_first(df, x, y)
                ids = self._ids(df)
                t = times_of(df[self.time_col]) if self.time_col else None
                if first and t is not None:
                    given = df[self.time_col].notna().to_numpy()
                    if given.any() and not (t[given] != NAT).any():
                        sample = df[self.time_col][given].iloc[0]
                        raise FormatError(
                            f"the time column '{self.time_col}' cannot be read as date-times or "
                            f"epoch numbers (first value: '{sample}', row {row0 + 1})",
                            "time",
                        )
                first = False
                chunk = self._finish(ids, x, y, t, self._typed_columns(df, self._source_names))
                self._fraction = self._src.fraction()
                if chunk is not None:
                    yield chunk
        finally:
            self._fraction = 1.0
            self._src.close()

    def _check_first(self, df, x, y):
        for col, v, role in ((self.x_col, x, "x"), (self.y_col, y, "y")):
            present = df[col].notna().to_numpy()
            if present.any() and not np.isfinite(v).any():
                first = int(np.argmax(present))
                raise FormatError(
                    f"{FORMAT_LABEL['generic']}: the {role} column '{col}' holds no numbers (first value: "
                    f"'{df[col].iloc[first]}', data row {first + 1}); choose the coordinate column, the right "
                    f"delimiter or the format of the file",
                    role,
                )

    def _ids(self, df) -> np.ndarray:
        if not self.id_cols:
            return np.full(len(df), self._single_id, dtype=object)
        parts = [df[c].astype(object) for c in self.id_cols]
        missing = np.zeros(len(df), dtype=bool)
        for p in parts:
            missing |= p.isna().to_numpy()
        if len(parts) == 1:
            out = parts[0].to_numpy(dtype=object)
        else:
            s = parts[0].fillna("").astype(str)
            for p in parts[1:]:
                s = s + "_" + p.fillna("").astype(str)
            out = s.to_numpy(dtype=object)
        out = out.copy()
        out[missing] = None
        return out


def _split_names(value) -> List[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [v.strip() for v in value.split(",") if v.strip()]
    return [str(v).strip() for v in value if str(v).strip()]


def _resolve_column(path, cols, given, candidates, role, required) -> Optional[str]:
    """The column named ``given`` (FormatError when absent), else the first of ``candidates`` present, else None
    (FormatError when ``required``)."""
    if given:
        c = find_column(cols, given)
        if c is None:
            raise FormatError(
                f"the {role} column '{given}' is not in '{os.path.basename(path)}'; columns present: {', '.join(cols)}",
                role,
            )
        return c
    for cand in candidates:
        c = find_column(cols, cand)
        if c is not None:
            return c
    if required:
        guess = sniff_format(cols)
        hint = f" This looks like a {FORMAT_LABEL[guess]}: choose that format." if guess and guess != "generic" else ""
        extra = "" if len(cols) > 1 else " Only one column was found: is the delimiter right?"
        raise FormatError(
            f"no {role} column found (tried {', '.join(candidates)}); columns present: "
            f"{', '.join(cols)}. Name the column.{extra}{hint}",
            "format" if hint else role,
        )
    return None


def _resolve_ids(path, cols, id_cols, taken) -> List[str]:
    """The trajectory id columns: those named in ``id_cols``, else the first of ID_NAMES present that is not in
    ``taken`` (x, y, time), else none (the whole file is one trajectory)."""
    ids = []
    for name in _split_names(id_cols):
        c = find_column(cols, name)
        if c is None:
            raise FormatError(
                f"the trajectory id column '{name}' is not in '{os.path.basename(path)}'; columns "
                f"present: {', '.join(cols)}",
                "id",
            )
        ids.append(c)
    if not ids:
        found = next((c for c in (find_column(cols, n) for n in ID_NAMES) if c and c not in taken), None)
        if found:
            ids = [found]
    return ids


def _file_stem(path) -> str:
    """The file name without .gz/.xz/.csv/.txt/.tsv endings (the id of a file read as one trajectory)."""
    stem = os.path.basename(path)
    for ext in (".gz", ".xz", ".csv", ".txt", ".tsv"):
        if stem.lower().endswith(ext):
            stem = stem[: -len(ext)]
    return stem


def read_generic_csv(
    path,
    x: Optional[str] = None,
    y: Optional[str] = None,
    id_cols=None,
    time_col: Optional[str] = None,
    delimiter: str = ",",
    chunksize: int = 100_000,
) -> ChunkReader:
    """Reader of a CSV (or .csv.gz / .csv.xz) with one row per point.

    ``x``/``y``/``time_col``: column names (case-insensitive); empty: the first of :data:`X_NAMES`,
    :data:`Y_NAMES`, :data:`TIME_NAMES` present (no time column found -> points without time).
    ``id_cols``: a column, or several (list or "a,b") whose values are joined with "_" into one id (read as
    text, so leading zeros stay); empty: the first of :data:`ID_NAMES` present, else the whole file is one
    trajectory named after the file (a note in ``stats``). Every column except x/y is kept in ``columns``.
    """
    path = check_file(path)
    sep = "\t" if delimiter in ("\\t", "tab", "TAB") else (delimiter or ",")
    cols = read_header(path, sep)
    notes = []
    xc = _resolve_column(path, cols, x, X_NAMES, "x", True)
    yc = _resolve_column(path, cols, y, Y_NAMES, "y", True)
    tc = _resolve_column(path, cols, time_col, TIME_NAMES, "time", False)
    ids = _resolve_ids(path, cols, id_cols, (xc, yc, tc))
    if not ids:
        notes.append("no trajectory id column found: the whole file is read as one trajectory")
    if tc is None:
        notes.append("no time column found: points have no time and keep the file order")
    r = _GenericCsvReader(path, xc, yc, ids, tc, sep, chunksize)
    r._single_id = _file_stem(path) or "1"
    r._source_names = [c for c in cols if c not in (xc, yc)]
    r._all_names = list(cols)
    r.stats.notes.extend(notes)
    r.id_columns = ids
    return r
