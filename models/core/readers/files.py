"""File access of the readers: plain or gzip byte sources with progress, file checks and chunked CSV reading."""

from __future__ import annotations

import gzip
import os
from typing import List

from .common import FormatError

__all__ = ["ByteSource", "check_file", "read_header", "csv_error", "iter_csv"]


class ByteSource:
    """A binary handle on a plain or gzip file whose progress is the position in the file on disk."""

    def __init__(self, path: str):
        self.raw = open(path, "rb")
        self.size = max(os.fstat(self.raw.fileno()).st_size, 1)
        magic = self.raw.read(2)
        self.raw.seek(0)
        self.handle = gzip.GzipFile(fileobj=self.raw, mode="rb") if magic == b"\x1f\x8b" else self.raw

    def fraction(self) -> float:
        try:
            return min(1.0, self.raw.tell() / self.size)
        except (ValueError, OSError):  # closed
            return 1.0

    def close(self):
        if self.handle is not self.raw:
            self.handle.close()
        self.raw.close()


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
    if isinstance(e, (OSError, EOFError)):
        return FormatError(f"'{path}' cannot be read ({e}); a truncated or damaged file?")
    return FormatError(f"'{path}' is not a well-formed CSV file: {e}")


def iter_csv(src: ByteSource, path, sep, chunksize, dtype=None):
    import pandas as pd

    try:
        reader = pd.read_csv(
            src.handle, sep=sep, chunksize=chunksize, encoding="utf-8-sig", dtype=dtype, skipinitialspace=True
        )
        for df in reader:
            df.columns = [str(c).strip() for c in df.columns]
            yield df
    except Exception as e:  # noqa: BLE001
        raise csv_error(path, e) from None
