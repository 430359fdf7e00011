"""File access of the readers: plain, gzip or xz byte sources with progress, file checks and chunked CSV reading."""

from __future__ import annotations

import gzip
import io
import lzma
import os
import queue
import threading
from typing import List

from .common import FormatError

__all__ = ["ByteSource", "check_file", "read_header", "csv_error", "iter_csv"]


_XZ_MAGIC = b"\xfd7zXZ\x00"


class ByteSource:
    """A binary handle on a plain, gzip or xz file (told by its first bytes, whatever its name) whose progress is
    the position in the file on disk (the compressed position)."""

    def __init__(self, path: str):
        self.raw = open(path, "rb")
        self.size = max(os.fstat(self.raw.fileno()).st_size, 1)
        magic = self.raw.read(6)
        self.raw.seek(0)
        self._prefetch = None
        if magic[:2] == b"\x1f\x8b":
            self._prefetch = _Prefetch(gzip.GzipFile(fileobj=self.raw, mode="rb"), self.raw)
        elif magic == _XZ_MAGIC:
            self._prefetch = _Prefetch(lzma.LZMAFile(self.raw, mode="rb"), self.raw)
        self.handle = self.raw if self._prefetch is None else io.BufferedReader(self._prefetch, 1 << 18)

    def fraction(self) -> float:
        if self._prefetch is not None:  # the compressed position of the bytes handed to the parser
            return min(1.0, self._prefetch.position / self.size)
        try:
            return min(1.0, self.raw.tell() / self.size)
        except (ValueError, OSError):  # closed
            return 1.0

    def close(self):
        if self.handle is not self.raw:
            self.handle.close()
        self.raw.close()


class _Prefetch(io.RawIOBase):
    """The decompressed bytes of ``handle``, decompressed ahead by a background thread: zlib and lzma release the
    GIL, so on two cores the decompression overlaps the CSV parsing (the T-Drive week's .xz is 9 s of it). At most
    ``depth`` blocks wait in the queue; an error of the thread is raised by the next read; ``close`` stops it.
    ``position``: the position in the compressed file ``raw`` after the last block handed out (the progress)."""

    _END = object()

    def __init__(self, handle, raw, block: int = 1 << 18, depth: int = 16):
        super().__init__()
        self._handle = handle
        self._raw = raw
        self.position = 0
        self._queue: queue.Queue = queue.Queue(maxsize=depth)
        self._stop = threading.Event()
        self._buf = memoryview(b"")
        self._done = False
        self._thread = threading.Thread(target=self._fill, args=(block,), name="deeptraj-decompress", daemon=True)
        self._thread.start()

    def _fill(self, block):
        try:
            while not self._stop.is_set():
                data = self._handle.read(block)
                if not data:
                    break
                self._put((data, self._raw.tell()))
            self._put(self._END)
        except BaseException as e:  # noqa: BLE001 - handed to the reading thread
            self._put(e)

    def _put(self, item):
        while not self._stop.is_set():
            try:
                self._queue.put(item, timeout=0.1)
                return
            except queue.Full:
                continue

    def readable(self) -> bool:
        return True

    def readinto(self, b) -> int:
        if not self._buf:
            if self._done:
                return 0
            item = self._queue.get()
            if item is self._END:
                self._done = True
                return 0
            if isinstance(item, BaseException):
                self._done = True
                raise item
            self._buf, self.position = memoryview(item[0]), item[1]
        n = min(len(b), len(self._buf))
        b[:n] = self._buf[:n]
        self._buf = self._buf[n:]
        return n

    def close(self):
        if not self.closed:
            self._stop.set()
            self._thread.join()
            self._handle.close()
        super().close()


def check_file(path, what="file") -> str:
    if path is None or str(path).strip() == "":
        raise FormatError(f"no {what} given")
    path = os.fspath(path)
    if not os.path.exists(path):
        raise FormatError(f"'{path}' does not exist")
    if os.path.isdir(path):
        raise FormatError(f"'{path}' is a folder; choose a file (only the GeoLife format reads a folder)", "format")
    if os.path.getsize(path) == 0:
        raise FormatError(f"'{path}' is empty (0 bytes)")
    return path


def read_header(path: str, sep: str) -> List[str]:
    import pandas as pd

    src = ByteSource(path)
    try:
        cols = pd.read_csv(src.handle, sep=sep, nrows=0, encoding="utf-8-sig").columns
    except Exception as e:  # noqa: BLE001 - every pandas/gzip/unicode failure is a bad file
        raise csv_error(path, e) from None
    finally:
        src.close()
    return [str(c).strip() for c in cols]


def csv_error(path, e) -> FormatError:
    import pandas as pd

    if isinstance(e, FormatError):
        return e
    if isinstance(e, pd.errors.EmptyDataError):
        return FormatError(f"'{path}' holds no data (no header line)")
    if isinstance(e, UnicodeDecodeError):
        return FormatError(f"'{path}' is not a UTF-8 text file (is it the right file and format?)", "format")
    if isinstance(e, (OSError, EOFError, lzma.LZMAError)):
        return FormatError(f"'{path}' cannot be read ({e}); a truncated or damaged file?")
    return FormatError(f"'{path}' is not a well-formed CSV file: {e}")


def iter_csv(src: ByteSource, path, sep, chunksize, dtype=None, exact=(), n_cols=0):
    """DataFrames of ``chunksize`` rows; ``exact``: positions (of ``n_cols`` columns) read as exact text (ids: spaces
    kept, only an empty cell is missing, "NULL"/"NaN"/"NA" are texts); the other columns as pandas reads them
    (spaces after the delimiter skipped, the usual NA texts missing)."""
    import pandas as pd

    kw = {"skipinitialspace": True, "dtype": dtype}
    if exact:
        na = {i: ([""] if i in exact else list(_na_texts())) for i in range(n_cols)}
        kw = {"skipinitialspace": False, "keep_default_na": False, "na_values": na, "dtype": {i: str for i in exact}}
    try:
        reader = pd.read_csv(src.handle, sep=sep, chunksize=chunksize, encoding="utf-8-sig", **kw)
        for df in reader:
            if exact:
                _skip_initial_space(df, exact)
            df.columns = [str(c).strip() for c in df.columns]
            yield df
    except Exception as e:  # noqa: BLE001
        raise csv_error(path, e) from None


def _na_texts():
    try:
        from pandas._libs.parsers import STR_NA_VALUES

        return STR_NA_VALUES
    except ImportError:  # pragma: no cover - a pandas without it
        return {"", "NULL", "null", "NaN", "nan", "-NaN", "-nan", "NA", "N/A", "n/a", "<NA>", "#N/A", "None"}


def _skip_initial_space(df, exact):
    """What ``skipinitialspace`` and the default NA texts do, for the columns not in ``exact`` (read without them)."""
    import pandas as pd

    na = _na_texts()
    for i, c in enumerate(df.columns):
        if i in exact or df[c].dtype.kind in "iufbM":
            continue
        vals = df[c].to_numpy(dtype=object, na_value=None).tolist()
        vals = [v.lstrip() if v.__class__ is str else v for v in vals]
        s = pd.Series(vals, index=df.index, dtype=object)
        s = s.mask(s.isin(na))
        first = s.first_valid_index()
        if first is None or _numeric_text(s[first]):  # a column of texts is not tried as numbers
            try:
                df[c] = pd.to_numeric(s)
                continue
            except (ValueError, TypeError):
                pass
        df[c] = s


def _numeric_text(v) -> bool:
    try:
        float(v)
    except (TypeError, ValueError):
        return False
    return True
