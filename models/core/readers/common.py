"""Shared types of the trajectory file readers: the format error, a chunk of points and the read counters."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict, List, Optional

import numpy as np

from ..trajectories import TrajectoryDataError

__all__ = ["FormatError", "Chunk", "ReadStats", "LYMOB_MASK"]

LYMOB_MASK = 999  # x/y value of a masked (hidden) LYMob record


class FormatError(TrajectoryDataError):
    """The file cannot be read in the chosen format; ``role`` says which input to fix:
    'file', 'format', 'x', 'y', 'id', 'time', 'start_date' or 'cell_size'."""

    def __init__(self, message: str, role: str = "file"):
        super().__init__(message)
        self.role = role


@dataclass
class Chunk:
    """A block of points: trajectory ids, coordinates, int64 epoch seconds (``NAT`` = missing) or None,
    and the other output columns (name -> array of len(ids), kinds as in ``ChunkReader.schema``)."""

    ids: np.ndarray
    x: np.ndarray
    y: np.ndarray
    t: Optional[np.ndarray]
    columns: Dict[str, np.ndarray] = field(default_factory=dict)

    def __len__(self) -> int:
        return int(self.x.shape[0])


@dataclass
class ReadStats:
    """What a reader read and skipped."""

    n_rows: int = 0  # data rows (Porto: trips; GeoLife: lines of .plt files)
    n_points: int = 0  # points yielded
    n_null_coordinates: int = 0  # skipped: x or y missing / not a number
    n_null_ids: int = 0  # skipped: no trajectory id
    n_null_times: int = 0  # kept with a missing time
    n_empty_polylines: int = 0  # Porto: trips with POLYLINE [] (skipped)
    n_masked: int = 0  # LYMob: records with x/y = 999 (skipped)
    n_files: int = 0  # GeoLife: .plt files read
    n_empty_files: int = 0  # GeoLife: .plt files without points
    type_mismatch: Dict[str, int] = field(default_factory=dict)  # column -> values written as NULL
    notes: List[str] = field(default_factory=list)  # decisions the user should know about

    def messages(self) -> List[str]:
        out = list(self.notes)
        if self.n_null_coordinates:
            out.append(f"{self.n_null_coordinates} row(s) without valid coordinates were skipped")
        if self.n_null_ids:
            out.append(f"{self.n_null_ids} row(s) without a trajectory id were skipped")
        if self.n_null_times:
            out.append(f"{self.n_null_times} point(s) have a time that could not be read (left empty)")
        if self.n_empty_polylines:
            out.append(f"{self.n_empty_polylines} trip(s) with an empty POLYLINE were skipped")
        if self.n_masked:
            out.append(f"{self.n_masked} masked record(s) (x/y = {LYMOB_MASK}) were skipped")
        if self.n_empty_files:
            out.append(f"{self.n_empty_files} .plt file(s) without points were skipped")
        for c, n in self.type_mismatch.items():
            out.append(
                f"{n} value(s) of column '{c}' did not match the type read from the first rows and were left empty"
            )
        return out

    def as_dict(self) -> dict:
        return {
            "N_ROWS": self.n_rows,
            "N_POINTS": self.n_points,
            "N_SKIPPED_NULL_COORDINATES": self.n_null_coordinates,
            "N_SKIPPED_NULL_IDS": self.n_null_ids,
            "N_NULL_TIMES": self.n_null_times,
            "N_SKIPPED_EMPTY_POLYLINES": self.n_empty_polylines,
            "N_SKIPPED_MASKED": self.n_masked,
            "N_FILES": self.n_files,
        }
