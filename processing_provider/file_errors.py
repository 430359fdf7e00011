"""The message for a file output that cannot be written (a read-only folder, a folder that is a file, a full disk):
it names the parameter whose path failed (MODEL_FILE, OUTPUT_REPORT, ...) instead of the temporary name the
writers use beside it."""

from __future__ import annotations

import os


def _matches(filename: str, value: str) -> bool:
    """Whether ``filename`` is ``value`` or a temporary file written beside it (``stem.deeptraj-partial-...``,
    ``path.tmp-PID``)."""
    f, v = os.path.abspath(filename), os.path.abspath(value)
    if f == v or os.path.dirname(f) != os.path.dirname(v):
        return f == v
    stem = os.path.splitext(os.path.basename(v))[0]
    return os.path.basename(f).startswith((os.path.basename(v) + ".tmp-", stem + ".deeptraj-partial-"))


def unwritable_file_message(e, parameters):
    """ "NAME: cannot write PATH: reason; choose a writable folder" when ``e`` is an OSError on the file (or a
    temporary file beside it) given as the string parameter NAME of ``parameters``; None otherwise."""
    filename = getattr(e, "filename", None) if isinstance(e, OSError) else None
    if not filename or not isinstance(parameters, dict):
        return None
    for name, value in parameters.items():
        if isinstance(value, str) and value and _matches(str(filename), value):
            reason = (e.strerror or type(e).__name__).lower()
            return f"{name}: cannot write {value}: {reason}; choose a writable folder."
    return None
