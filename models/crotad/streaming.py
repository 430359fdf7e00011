"""Online CroTad detection one point at a time (Eq. 26-27): :class:`StreamDetector` runs the encoder
on each new window and labels a cell as soon as its last window has been seen, L - 1 cells later."""

from __future__ import annotations

from typing import TYPE_CHECKING, Dict, List, Optional

import numpy as np

from .windows import PAD

if TYPE_CHECKING:
    from .model import CroTad

__all__ = ["StreamDetector"]


class StreamDetector:
    """Online detection one point at a time. ``push(key, od, cell)`` returns the cells whose label became final
    (tuples ``(key, position, votes, label)``; position = index in the trajectory's cell sequence with consecutive
    duplicates removed); ``finish(key)`` flushes the last L - 1 cells. Each push runs the encoder on one window, a
    finish on its L - 1 end windows at once."""

    def __init__(self, model: "CroTad", vote_threshold: int, record_actions: bool = False):
        self.m = model
        self.vt = vote_threshold
        self.L = model.window
        self._s: Dict[object, dict] = {}
        #: with ``record_actions``: every window action of each trajectory, in padded-window order (as
        #: :meth:`CroTad.detect`'s ``actions``); kept after ``finish`` (memory grows with the trajectories)
        self.actions: Optional[Dict[object, List[int]]] = {} if record_actions else None

    def _decide(self, key, s, *windows) -> None:
        """Append the actions of ``windows`` (token lists of trajectory ``key``), decided in one encoder call."""
        acts = self._acts(windows, s["od"])
        s["acts"].extend(acts)
        if self.actions is not None:
            self.actions.setdefault(key, []).extend(acts)

    def _acts(self, windows, oi: int) -> List[int]:
        torch = self.m._torch
        w = np.full((len(windows), self.L), PAD, np.int64)
        for i, toks in enumerate(windows):
            w[i, : len(toks)] = toks
        lengths = np.array([len(toks) for toks in windows])
        with torch.no_grad():
            q = self.m._qnet(self.m._encode(w, lengths, np.full(len(windows), oi), grad=False))
        return (q[:, 1] > q[:, 0]).tolist()

    def push(self, key, od, cell) -> list:
        from collections import deque

        s = self._s.get(key)
        if s is None:
            oi = self.m._od_index.get(str(od)) if od is not None else None
            # memory per trajectory stays bounded: the last L tokens and the actions not yet needed by a label
            s = self._s[key] = {
                "od": oi,
                "last": None,
                "n": 0,
                "first": None,
                "tok": deque(maxlen=self.L),
                "acts": [],
                "a0": 0,
            }
        cell = int(cell)
        if s["n"] and s["last"] == cell:
            return []
        s["last"] = cell
        s["n"] += 1
        if s["od"] is None:
            return []  # unknown OD: labelled 0 at finish
        tok = int(self.m.tokens(np.array([cell], np.uint64))[0])
        if s["first"] is None:
            s["first"] = tok
        s["tok"].append(tok)
        k = s["n"] - 1
        self._decide(key, s, list(s["tok"]))  # window k: the last min(k + 1, L) cells
        # cell j is final once its last window (j + L - 1) is seen and it is known not to be the last cell
        j = min(k - self.L + 1, k - 1)
        if j < 0:
            return []
        out = self._final(key, s, j, last=False)
        drop = j + 1 - s["a0"]  # windows before j + 1 hold no cell that is still open
        if drop > 0:
            del s["acts"][:drop]
            s["a0"] += drop
        return [out]

    def _final(self, key, s, j, last):
        votes = int(sum(s["acts"][j - s["a0"] : j - s["a0"] + self.L]))
        label = int(votes >= self.vt)
        if (j == 0 and not self.m._is_freq(np.array([s["first"]]), np.array([s["od"]]))[0]) or (
            last and not self.m._is_freq(np.array([s["tok"][-1]]), np.array([s["od"]]))[0]
        ):
            label = 1
        return (key, j, votes, label)

    def finish(self, key) -> list:
        s = self._s.pop(key, None)
        if s is None:
            return []
        n = s["n"]
        if s["od"] is None:
            return [(key, j, 0, 0) for j in range(n)]
        toks = list(s["tok"])
        # the shrinking windows at the end (cells max(0, k - L + 1) .. n - 1), in one encoder call: the flush of a
        # finished trajectory costs about one push, not L - 1
        ends = [toks[len(toks) - (n - max(0, k - self.L + 1)) :] for k in range(n, n + self.L - 1)]
        self._decide(key, s, *ends)
        first = max(0, min(n - self.L + 1, n - 1))
        return [self._final(key, s, j, last=(j == n - 1)) for j in range(first, n)]

    @property
    def open_keys(self) -> list:
        return list(self._s)
