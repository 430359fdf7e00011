"""Progress reporting and cancellation, passed into the engine as plain callables.

The engine never sees a QgsFeedback: the Processing adapter wraps one into ``progress`` (0..100) and
``cancel`` (returns True when the user pressed Cancel). Long loops call :func:`check` every batch.
"""

from __future__ import annotations

from typing import Callable, Optional

ProgressFn = Optional[Callable[[float], None]]
CancelFn = Optional[Callable[[], bool]]


class Cancelled(Exception):  # noqa: N818 (a public name since the first release)
    """Raised inside the engine when the cancel callable returns True."""


def check(cancel: CancelFn) -> None:
    if cancel is not None and cancel():
        raise Cancelled("cancelled by the user")


def report(progress: ProgressFn, value: float) -> None:
    if progress is not None:
        progress(max(0.0, min(100.0, float(value))))


def scaled(progress: ProgressFn, start: float, end: float) -> ProgressFn:
    """A progress callable mapping 0..100 onto start..end of ``progress`` (for phases of a longer job)."""
    if progress is None:
        return None
    return lambda v: progress(start + (end - start) * max(0.0, min(100.0, v)) / 100.0)
