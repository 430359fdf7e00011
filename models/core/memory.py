"""Resident memory: handing the C heap's free pages back to the system."""

from __future__ import annotations

__all__ = ["trim_heap", "free_memory"]

_LIBC = None


def trim_heap() -> None:
    """Give the C heap's free pages back to the system (glibc ``malloc_trim``; nothing elsewhere). Big numpy/torch
    temporaries of varying sizes leave free pages that glibc keeps: after reading 16 M fixes, or after every batch
    of a MetaTRL source city (a 1,000-taxi T-Drive source grew from 0.6 to 3.2 GB resident without it,
    docs/benchmarks/metatrl.md, "City scale"), the resident size then follows the data again."""
    global _LIBC
    if _LIBC is None:
        try:
            import ctypes

            _LIBC = ctypes.CDLL("libc.so.6")
            _LIBC.malloc_trim  # noqa: B018 (glibc only: musl and macOS have none)
        except (OSError, AttributeError):
            _LIBC = False
    if _LIBC:
        _LIBC.malloc_trim(0)


def free_memory() -> None:
    """Collect the garbage of reference cycles, then :func:`trim_heap`: between the stages of a run over millions of
    fixes (after the engine, before the outputs are built)."""
    import gc

    gc.collect()
    trim_heap()
