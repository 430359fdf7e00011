"""One progress bar per run: reading, the engine's work and writing share one 0..100 scale that never goes back.

A run's :class:`ProgressPlan` (made by ``DeepTrajAlgorithm.processAlgorithm``, reached through
``DeepTrajAlgorithm.plan(feedback)``) splits the bar into three stages: reading the layers fills 0..``reading``,
the engine ``reading``..``writing`` and writing the outputs ``writing``..100. Every value goes through :meth:`set`,
which ignores a value lower than the last one, so a reader that fills its part and an engine that starts its own
0..100 never send the bar back; the run ends at 100. Readers and writers get a plain progress callable
(:meth:`span`, :meth:`reading`, :meth:`writing`), never the feedback's ``setProgress``. The stage texts are what
``qgis_process`` and the Processing dialog show beside the bar.
"""

from __future__ import annotations

from typing import Callable


class ProgressPlan:
    """The run's bar: ``reading`` and ``writing`` are where the reading stage ends and the writing stage starts."""

    def __init__(self, feedback, reading: float = 10.0, writing: float = 90.0):
        self.feedback = feedback
        self.reading_end = float(reading)
        self.writing_start = float(writing)
        self.last = 0.0

    def set(self, value: float) -> None:
        """Move the bar to ``value`` (0..100 of the whole run); a value below the last one is ignored."""
        v = min(100.0, max(0.0, float(value)))
        if v > self.last or (v == 0.0 and self.last == 0.0):
            self.last = v
            if self.feedback is not None:
                self.feedback.setProgress(v)

    def span(self, start: float, end: float) -> Callable[[float], None]:
        """A progress callable mapping 0..100 onto ``start``..``end`` of the bar."""

        def progress(v: float) -> None:
            self.set(start + (end - start) * min(100.0, max(0.0, float(v))) / 100.0)

        return progress

    def text(self, text: str) -> None:
        """Name the stage now running beside the bar."""
        if self.feedback is not None:
            self.feedback.setProgressText(text)

    def reading(self, end: float | None = None) -> Callable[[float], None]:
        """A reader's callable: from where the bar stands to ``end`` (by default the end of the reading stage; a
        second layer read continues the first)."""
        end = self.reading_end if end is None else end
        return self.span(min(self.last, end), end)

    def work(self, start: float = 0.0, end: float = 100.0) -> Callable[[float], None]:
        """The engine's callable: 0..100 onto ``start``..``end`` percent of the work stage."""
        a, b = self.reading_end, self.writing_start
        return self.span(a + (b - a) * start / 100.0, a + (b - a) * end / 100.0)

    def writing(self, start: float = 0.0, end: float = 100.0) -> Callable[[float], None]:
        """The writers' callable: 0..100 onto ``start``..``end`` percent of the writing stage."""
        a = self.writing_start
        return self.span(a + (100.0 - a) * start / 100.0, a + (100.0 - a) * end / 100.0)

    def done(self) -> None:
        """The run has finished: the bar is full."""
        self.set(100.0)
