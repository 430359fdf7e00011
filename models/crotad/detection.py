"""Detection with a fitted CroTad model: window actions by the DQN ("online") or the offline detector (Eq. 24),
turned into cell labels by votes (Eq. 26-27); whole trajectories (:meth:`~CroTadDetection.detect`), recorded points
replayed through the streaming detector (:meth:`~CroTadDetection.replay`) or the cells of a
:class:`~models.core.cells.CellSequences` (:meth:`~CroTadDetection.label_cells`)."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Dict, List, Optional, Sequence

import numpy as np

from ..core.progress import CancelFn, ProgressFn, check, report, scaled
from .evaluation import Detection, labels_from_votes
from .evaluation import votes_from_actions as _votes
from .offline import offline_labels
from .streaming import StreamDetector
from .windows import window_tokens

__all__ = ["CellLabels", "CroTadDetection"]


@dataclass
class CellLabels:
    """What :meth:`CroTad.label_cells` gives: ``votes``/``labels`` per cell position of the CellSequences (-1 for
    trajectories not labelled), ``actions`` {trajectory row: window actions}, ``latency`` seconds per pushed point
    of a replay (empty otherwise)."""

    votes: np.ndarray
    labels: np.ndarray
    actions: Dict[int, np.ndarray]
    latency: np.ndarray

    def latency_ms(self) -> Dict[str, float]:
        """{"median", "p99"} milliseconds per point (empty without a replay)."""
        if not self.latency.size:
            return {}
        return {
            "median": round(float(np.median(self.latency)) * 1000, 4),
            "p99": round(float(np.percentile(self.latency, 99)) * 1000, 4),
        }


class CroTadDetection:
    """The detection methods of :class:`~models.crotad.model.CroTad` (which provides the fitted state: ``tokens``,
    ``_od_index``, ``_is_freq``, ``_z``, ``_encode``, ``_off``, the networks and ``_require_fitted``)."""

    def _offline_labels(self, z: np.ndarray, o: int) -> np.ndarray:
        """Eq. 24 for the windows whose normalised projections are ``z`` (all of OD ``o``)."""
        return offline_labels(self._off[o], z)

    def _actions(self, tok, ln, od, mode, progress: ProgressFn = None, cancel: CancelFn = None):
        """Window actions of many windows (0 normal / 1 anomalous); ``progress`` 0..100 over the windows."""
        torch = self._torch
        out = np.zeros(tok.shape[0], np.int8)
        if mode == "offline":
            ods = np.unique(od)
            for k, o in enumerate(ods):
                check(cancel)
                rows = np.flatnonzero(od == o)
                out[rows] = self._offline_labels(self._z(tok[rows], ln[rows], od[rows]), o)
                report(progress, 100.0 * (k + 1) / ods.size)
            return out
        self._enc.eval()
        with torch.no_grad():
            for s in range(0, tok.shape[0], 4096):
                check(cancel)
                q = self._qnet(self._encode(tok[s : s + 4096], ln[s : s + 4096], od[s : s + 4096], grad=False))
                out[s : s + 4096] = (q[:, 1] > q[:, 0]).cpu().numpy()
                report(progress, 100.0 * min(s + 4096, tok.shape[0]) / tok.shape[0])
        return out

    def _finish_labels(self, votes, tok_first, tok_last, o, vote_threshold):
        """Eq. 27, then the first and last cell are anomalous when outside S_pos^od."""
        labels = labels_from_votes(votes, vote_threshold)
        if labels.size:
            fr = self._is_freq(np.array([tok_first, tok_last]), np.array([o, o]))
            if not fr[0]:
                labels[0] = 1
            if not fr[1]:
                labels[-1] = 1
        return labels

    def detect(
        self,
        cells: Sequence[np.ndarray],
        od: Sequence,
        vote_threshold: Optional[int] = None,
        mode: str = "online",
        progress: ProgressFn = None,
        cancel: CancelFn = None,
    ) -> List[Detection]:
        """Labels of every cell of each trajectory. ``mode``: "online" (the DQN) or "offline" (Eq. 24 windows).
        Trajectories of an OD the model does not know get ``known=False`` and zero labels."""
        self._require_fitted()
        if mode not in ("online", "offline"):
            raise ValueError(f"MODE: 'online' or 'offline', got {mode!r}")
        L = self.window
        vt = self._vote_threshold(vote_threshold)
        out: List[Optional[Detection]] = [None] * len(cells)
        rows_tok, rows_len, rows_od, owner = [], [], [], []
        for i, (c, o) in enumerate(zip(cells, od)):
            c = np.asarray(c, dtype=np.uint64)
            oi = self._od_index.get(str(o)) if o is not None else None
            n = c.size
            if oi is None or n == 0:
                out[i] = Detection(
                    str(o), False, np.zeros(n + L - 1 if n else 0, np.int8), np.zeros(n, np.int16), np.zeros(n, np.int8)
                )
                continue
            t = self.tokens(c)
            w, ln = window_tokens(t, L)
            rows_tok.append(w)
            rows_len.append(ln)
            rows_od.append(np.full(ln.size, oi, np.int64))
            owner.append((i, t, oi))
            if i % 1000 == 0:  # progress: windows 0..30, window actions 30..85, votes 85..100
                check(cancel)
                report(progress, 30.0 * i / len(cells))
        if rows_tok:
            acts = self._actions(
                np.concatenate(rows_tok),
                np.concatenate(rows_len),
                np.concatenate(rows_od),
                mode,
                scaled(progress, 30, 85),
                cancel,
            )
            pos = 0
            for k, (i, t, oi) in enumerate(owner):
                n = t.size
                a = acts[pos : pos + n + L - 1]
                pos += n + L - 1
                v = _votes(a, n, L)
                out[i] = Detection(str(od[i]), True, a, v, self._finish_labels(v, t[0], t[-1], oi, vt))
                if k % 200 == 0:
                    report(progress, 85.0 + 15.0 * k / len(owner))
        report(progress, 100)
        return out

    def _vote_threshold(self, v):
        vt = self.vote_threshold if v is None else int(v)
        if not 1 <= vt <= self.window:
            raise ValueError(
                f"VOTE_THRESHOLD: the voting threshold must be between 1 and the model's window "
                f"length ({self.window}), got {v}"
            )
        return vt

    def replay(
        self,
        point_traj,
        point_cells,
        traj_od: Sequence,
        order=None,
        vote_threshold: Optional[int] = None,
        progress: ProgressFn = None,
        cancel: CancelFn = None,
    ):
        """Online detection of recorded points: push every point (``point_traj``: its trajectory row,
        ``point_cells``: its H3 cell) in ``order`` (point indices; default as given) through :meth:`stream`,
        finishing each trajectory after its last point; trajectories whose ``traj_od`` is None are not pushed.
        Returns ({trajectory row: its Detection (window actions, votes and labels per cell of its collapsed
        sequence), as :meth:`detect` gives}, seconds per pushed point)."""
        point_traj = np.asarray(point_traj, np.int64)
        point_cells = np.asarray(point_cells, np.uint64)
        order = np.arange(point_traj.size) if order is None else np.asarray(order, np.int64)
        order = order[np.array([traj_od[t] is not None for t in point_traj[order]], bool)] if order.size else order
        last = np.full(len(traj_od), -1, np.int64)
        last[point_traj[order]] = np.arange(order.size)  # the last pushed point of every trajectory
        stream = self.stream(vote_threshold, record_actions=True)
        got: Dict[int, dict] = {}
        latency = np.empty(order.size, np.float64)
        step = max(1, order.size // 100)
        perf = time.perf_counter
        for k, (p, t) in enumerate(zip(order.tolist(), point_traj[order].tolist())):
            if k % step == 0:
                check(cancel)
                report(progress, 100.0 * k / order.size)
            t0 = perf()
            out = stream.push(t, traj_od[t], int(point_cells[p]))
            if last[t] == k:
                out = out + stream.finish(t)
            latency[k] = perf() - t0
            cells = got.setdefault(t, {})
            for _, j, votes, label in out:
                cells[j] = (votes, label)
        out = {}
        for t, cells in got.items():
            pairs = [cells[j] for j in range(len(cells))]
            out[t] = Detection(
                str(traj_od[t]),
                str(traj_od[t]) in self._od_index,
                np.array(stream.actions.get(t, []), np.int8),
                np.array([v for v, _ in pairs], np.int16),
                np.array([lab for _, lab in pairs], np.int8),
            )
        report(progress, 100)
        return out, latency

    def label_cells(
        self,
        seqs,
        od: Sequence,
        mode: str = "online",
        replay: bool = True,
        order=None,
        vote_threshold: Optional[int] = None,
        progress: ProgressFn = None,
        cancel: CancelFn = None,
    ) -> "CellLabels":
        """Labels of every cell position of ``seqs`` (:class:`models.core.cells.CellSequences`) whose trajectory has
        an OD the model knows (:meth:`od_known`; the others, and None, are not labelled: votes and labels -1).
        ``mode`` "online" with ``replay``: every point pushed in ``order`` (point indices; default as given) through
        the streaming detector (with the latency per point); otherwise :meth:`detect` per trajectory ("online" DQN
        or "offline" clustering)."""
        od = [o if ok else None for o, ok in zip(od, self.od_known(od))]
        n_cells = seqs.cells.shape[0]
        votes = np.full(n_cells, -1, np.int32)
        labels = np.full(n_cells, -1, np.int8)
        rows = [i for i, o in enumerate(od) if o is not None]
        if mode == "online" and replay:
            point_traj = seqs.to_points(np.repeat(np.arange(len(od)), seqs.lengths))
            dets, latency = self.replay(point_traj, seqs.point_cells, od, order, vote_threshold, progress, cancel)
        else:
            found = self.detect(
                [seqs.seq(i) for i in rows],
                [od[i] for i in rows],
                vote_threshold=vote_threshold,
                mode=mode,
                progress=progress,
                cancel=cancel,
            )
            dets, latency = dict(zip(rows, found)), np.zeros(0)
        for i, det in dets.items():
            s, e = seqs.offsets[i], seqs.offsets[i + 1]
            votes[s:e], labels[s:e] = det.votes, det.labels
        return CellLabels(votes, labels, {i: det.actions for i, det in dets.items()}, latency)

    def stream(self, vote_threshold: Optional[int] = None, record_actions: bool = False) -> StreamDetector:
        self._require_fitted()
        return StreamDetector(self, self._vote_threshold(vote_threshold), record_actions)
