"""GeoLife 1.3 reader: a tree of <user>/Trajectory/*.plt files (6 header lines, then lat,lon,0,alt,days,date,time)."""

from __future__ import annotations

import os
from typing import List, Tuple

import numpy as np

from ..timeparse import NAT
from .base import ChunkReader
from .columns import pd_numeric
from .common import FormatError

__all__ = ["read_geolife_plt"]

_PLT_COLS = ["lat", "lon", "zero", "alt_ft", "days", "date", "time"]


def _plt_files(path) -> Tuple[str, List[str]]:
    """(root, sorted .plt files) for a GeoLife folder, a user folder, a Trajectory folder or a file inside."""
    if path is None or str(path).strip() == "":
        raise FormatError("no file or folder given")
    path = os.path.abspath(os.fspath(path))
    if not os.path.exists(path):
        raise FormatError(f"'{path}' does not exist")
    if os.path.isfile(path):
        parent = os.path.dirname(path)
        root = os.path.dirname(os.path.dirname(parent)) if os.path.basename(parent).lower() == "trajectory" else parent
    else:
        root = path
    found = []

    def plts(folder):
        try:
            names = sorted(os.listdir(folder))
        except OSError:
            return []
        return [
            os.path.join(folder, n)
            for n in names
            if n.lower().endswith(".plt") and os.path.isfile(os.path.join(folder, n))
        ]

    def subdirs(folder):
        try:
            return [
                os.path.join(folder, n) for n in sorted(os.listdir(folder)) if os.path.isdir(os.path.join(folder, n))
            ]
        except OSError:
            return []

    def traj_dir(user):
        return next((d for d in subdirs(user) if os.path.basename(d).lower() == "trajectory"), None)

    found += plts(root)  # a Trajectory folder (or loose .plt files)
    td = traj_dir(root)  # a user folder
    if td:
        found += plts(td)
    for base in [root] + [d for d in subdirs(root) if os.path.basename(d).lower() == "data"]:
        for user in subdirs(base):  # the Data folder: <user>/Trajectory/*.plt
            td = traj_dir(user)
            if td:
                found += plts(td)
    if not found:
        raise FormatError(
            f"no .plt file found in '{root}': the GeoLife format reads <folder>/<user>/Trajectory/"
            f"*.plt (choose the Data folder, a user folder, or any .plt file inside)",
            "format",
        )
    return root, list(dict.fromkeys(found))


def _plt_user(f: str) -> str:
    parent = os.path.dirname(f)
    if os.path.basename(parent).lower() == "trajectory":
        return os.path.basename(os.path.dirname(parent))
    return os.path.basename(parent)


class _GeolifeReader(ChunkReader):
    format_name = "geolife"
    crs = "EPSG:4326"

    def __init__(self, root, files, chunksize):
        super().__init__(root, chunksize)
        self.files = files
        self._sizes = np.array([max(os.path.getsize(f), 1) for f in files], dtype=np.float64)
        self._schema = [("user_id", "string"), ("lat", "double"), ("lon", "double"), ("alt_ft", "double")]

    def _chunks(self):
        import pandas as pd

        total = float(self._sizes.sum())
        done = 0.0
        frames, n_buf = [], 0
        for k, f in enumerate(self.files):
            df = self._read_plt(f)
            done += self._sizes[k]
            self.stats.n_files += 1
            if df is None:
                self.stats.n_empty_files += 1
                continue
            self.stats.n_rows += len(df)
            frames.append(df)
            n_buf += len(df)
            if n_buf >= self.chunksize or k == len(self.files) - 1:
                self._fraction = done / total
                chunk = self._make(pd.concat(frames, ignore_index=True))
                frames, n_buf = [], 0
                if chunk is not None:
                    yield chunk
        if frames:
            chunk = self._make(pd.concat(frames, ignore_index=True))
            if chunk is not None:
                yield chunk
        self._fraction = 1.0

    def _read_plt(self, f):
        import pandas as pd

        name = os.path.basename(f)
        with open(f, "rb") as fh:
            head = [fh.readline() for _ in range(6)]
        first = head[0].decode("utf-8", "replace").lstrip("\ufeff").strip()
        if not first.lower().startswith("geolife trajectory") or not head[5]:
            raise FormatError(
                f"'{f}' is not a GeoLife .plt file: it must start with 6 header lines, the first "
                f"being 'Geolife trajectory' (found '{first[:40]}')",
                "file",
            )
        try:
            df = pd.read_csv(
                f,
                skiprows=6,
                header=None,
                names=_PLT_COLS,
                dtype={"date": str, "time": str},
                skipinitialspace=True,
                index_col=False,
            )
        except pd.errors.EmptyDataError:
            return None
        except Exception as e:  # noqa: BLE001
            raise FormatError(f"'{f}' has malformed data lines (expected lat,lon,0,altitude,days,date,time): {e}")
        if len(df) == 0:
            return None
        if df["time"].isna().all() and len(df) > 0:
            raise FormatError(
                f"'{f}' has malformed data lines (expected 7 values: lat,lon,0,altitude,days,date,"
                f"time; first line '{','.join(map(str, df.iloc[0].tolist()))}')"
            )
        stem = os.path.splitext(name)[0]
        df["user_id"] = _plt_user(f)
        df["traj"] = _plt_user(f) + "_" + stem
        return df

    def _make(self, df):
        import pandas as pd

        when = pd.to_datetime(
            df["date"].astype(str) + " " + df["time"].astype(str), format="%Y-%m-%d %H:%M:%S", errors="coerce"
        )
        t = when.to_numpy().astype("datetime64[s]").astype(np.int64)
        t[np.isnat(when.to_numpy())] = NAT
        columns = self._typed_columns(df, None)
        return self._finish(df["traj"].to_numpy(dtype=object), pd_numeric(df["lon"]), pd_numeric(df["lat"]), t, columns)


def read_geolife_plt(root, chunksize: int = 100_000) -> ChunkReader:
    """Reader of a GeoLife 1.3 tree: ``root`` is the Data folder, a user folder, a Trajectory folder or any
    .plt file inside one (a file stands for the whole tree it belongs to: <root>/<user>/Trajectory/x.plt).

    A .plt has 6 header lines then ``lat,lon,0,alt_ft,days,date,time`` rows. Trajectory id
    ``<user>_<file stem>``; kept columns user_id, lat, lon, alt_ft; time from date + time (GMT). WGS 84.
    """
    r, files = _plt_files(root)
    return _GeolifeReader(r, files, chunksize)
