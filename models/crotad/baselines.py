"""Baselines for sub-trajectory anomaly detection, scored on CroTad's padded windows (:mod:`.evaluation`).

Both detectors see a trajectory as its H3 cell sequence and an OD key (str), classify each of the ``n + L - 1``
padded windows (section 4.3.6 of CroTad) as normal / anomalous and turn the window actions into point labels with
the same votes (Eq. 26), vote threshold (Eq. 27) and optional first/last-cell check as CroTad, so the comparison
with CroTad differs only in how windows are classified.

:class:`Seq2SeqDetector` -- SAE family (Liu et al., "Online anomalous trajectory detection with deep generative
    sequence modeling", ICDE 2020): a GRU encoder-decoder over cell tokens that learns to rebuild the windows of the
    normal training trajectories (teacher forcing, cross-entropy). As in SD-VSAE the OD conditions the model: a
    learned OD embedding is the encoder's initial state. The vocabulary is the training cells plus PAD, START and
    UNK (a test cell never seen in training becomes UNK, which the model never learned to emit, so it costs a high
    NLL). Window score = mean negative log-likelihood per token; a window is anomalous when its score exceeds a
    quantile (``quantile``, default 0.95) of the training windows' scores of its OD (the global quantile when the
    OD has fewer than ``min_od_windows`` training windows).

:class:`IBoatDetector` -- isolation-based, after iBOAT (Chen et al., "iBOAT: isolation-based online anomalous
    trajectory detection", IEEE T-ITS 2013): the support of a window is the share of the OD's training trajectories
    that contain the window's cells in the same order, gaps allowed (iBOAT's test of its adaptive working window);
    score = 1 - support, anomalous when support < ``theta`` (default 0.05). Per OD the training cells are indexed as
    (trajectory, position) keys sorted per cell, so one window is tested for all trajectories at once with a few
    ``searchsorted`` calls per cell; results are cached per (OD, window).

:class:`FrequentCellsDetector` -- no learning, a reference rule: CroTad's normality score phi (Eq. 6, the share of
    a window's cells in the OD's frequently visited cells S_pos^od) used directly; a window is anomalous when phi is
    below ``min_normality`` (default 1: any cell outside S_pos^od). It shows how much of a benchmark the frequent
    cells alone explain (the synthetic detours of ``models.anomalies`` are drawn from the cells outside S_pos^od).

Common result of ``detect``: one dict per trajectory with ``actions`` (int8, n + L - 1), ``votes`` (int16, n),
``labels`` (int8, n), ``scores`` (float64, n + L - 1), ``od`` (str) and ``known`` (False when the OD was not in
the training data: everything is then 0, as CroTad does).

numpy + torch (Seq2Seq only); no qgis.
"""

from __future__ import annotations

import time
from typing import Dict, List, Optional, Sequence

import numpy as np

from ..core.cells import frequent_cells
from ..core.modelfile import torch_setup
from ..core.progress import CancelFn, ProgressFn, check, report
from .evaluation import Detection, endpoint_check, labels_from_votes, padded_windows, votes_from_actions

__all__ = ["Seq2SeqDetector", "IBoatDetector", "FrequentCellsDetector", "frequent_cells_rule"]

PAD, START, UNK = 0, 1, 2
_N_SPECIAL = 3


def _as_inputs(cells, od):
    seqs = [np.asarray(c, dtype=np.uint64).reshape(-1) for c in cells]
    ods = [str(o) for o in od]
    if len(seqs) != len(ods):
        raise ValueError(f"OD: got {len(ods)} OD values for {len(seqs)} trajectories")
    return seqs, ods


class _WindowDetector:
    """Shared part: OD bookkeeping, frequent cells, votes and labels."""

    def __init__(
        self,
        window: int = 5,
        vote_threshold: Optional[int] = None,
        check_endpoints: bool = True,
        freq_threshold: float = 0.1,
    ):
        if int(window) < 1:
            raise ValueError(f"WINDOW: the window length must be at least 1, got {window}")
        if vote_threshold is not None and not 1 <= int(vote_threshold) <= int(window):
            raise ValueError(f"VOTE_THRESHOLD: must be between 1 and the window length {window}, got {vote_threshold}")
        if not 0.0 < float(freq_threshold) <= 1.0:
            raise ValueError(f"FREQ_THRESHOLD: the frequent-cell threshold must be in (0, 1], got {freq_threshold}")
        self.window = int(window)
        self.vote_threshold = None if vote_threshold is None else int(vote_threshold)
        self.check_endpoints = bool(check_endpoints)
        self.freq_threshold = float(freq_threshold)
        self.ods_: List[str] = []
        self.frequent_: Dict[str, frozenset] = {}
        self.history_: dict = {}

    def default_vote_threshold(self) -> int:
        """L votes (strict) unless set: CroTad's default delta_p."""
        return self.vote_threshold if self.vote_threshold is not None else self.window

    def _fit_common(self, seqs, ods):
        if not seqs:
            raise ValueError("CELLS: no training trajectories given")
        if any(s.size == 0 for s in seqs):
            raise ValueError("CELLS: a training trajectory has no cell")
        groups: Dict[str, List[int]] = {}
        for i, o in enumerate(ods):
            groups.setdefault(o, []).append(i)
        self.ods_ = sorted(groups)
        self.frequent_ = {o: frequent_cells([seqs[i] for i in idx], self.freq_threshold) for o, idx in groups.items()}
        return groups

    def _require_fitted(self):
        if not self.ods_:
            raise RuntimeError(f"the {type(self).__name__} is not trained yet: call fit()")

    def _scores_and_actions(self, seqs, ods, cancel=None):
        """(scores, actions) per trajectory of a known OD: :meth:`_score_one` trajectory by trajectory (subclasses
        that score in batches override this)."""
        out = []
        for i, (s, o) in enumerate(zip(seqs, ods)):
            if i % 50 == 0:
                check(cancel)
            out.append(self._score_one(s, o))
        return out

    def _score_one(self, cells_one_traj, od):
        """(window scores, window actions) of one trajectory (subclasses)."""
        raise NotImplementedError

    def detect(self, cells, od, vote_threshold: Optional[int] = None, cancel: CancelFn = None) -> List[Detection]:
        """Window actions, votes and point labels of every trajectory (see the module docstring)."""
        self._require_fitted()
        seqs, ods = _as_inputs(cells, od)
        thr = self.default_vote_threshold() if vote_threshold is None else int(vote_threshold)
        if not 1 <= thr <= self.window:
            raise ValueError(f"VOTE_THRESHOLD: must be between 1 and the window length {self.window}, got {thr}")
        known = set(self.ods_)
        todo = [i for i, (s, o) in enumerate(zip(seqs, ods)) if o in known and s.size]
        res = self._scores_and_actions([seqs[i] for i in todo], [ods[i] for i in todo], cancel)
        by_i = dict(zip(todo, res))
        L = self.window
        out = []
        for i, (s, o) in enumerate(zip(seqs, ods)):
            n = int(s.size)
            m = n + L - 1 if n else 0
            if i not in by_i:
                out.append(
                    Detection(
                        o, o in known, np.zeros(m, np.int8), np.zeros(n, np.int16), np.zeros(n, np.int8), np.zeros(m)
                    )
                )
                continue
            scores, actions = by_i[i]
            votes = votes_from_actions(actions, n, L)
            labels = labels_from_votes(votes, thr)
            if self.check_endpoints:
                labels = endpoint_check(labels, s, self.frequent_.get(o, frozenset()))
            out.append(Detection(o, True, actions.astype(np.int8), votes, labels, scores))
        return out


# =============================================================================== Seq2Seq (SAE)
def _window_matrix(tokens: np.ndarray, L: int):
    """(n + L - 1, L) int64 token matrix of the padded windows (PAD after the end) and the window lengths."""
    n = tokens.shape[0]
    starts, ends = padded_windows(n, L)
    idx = starts[:, None] + np.arange(L)[None, :]
    valid = idx <= ends[:, None]
    mat = np.where(valid, tokens[np.minimum(idx, n - 1)], PAD).astype(np.int64)
    return mat, (ends - starts + 1).astype(np.int64)


class Seq2SeqDetector(_WindowDetector):
    """GRU encoder-decoder reconstruction detector (SAE family, OD-conditioned as SD-VSAE); see the module docstring.

    Defaults are sized for CPU: about a minute for ~60,000 training windows on 2 cores.
    """

    def __init__(
        self,
        window: int = 5,
        embedding_size: int = 32,
        hidden_size: int = 64,
        epochs: int = 6,
        batch_size: int = 256,
        lr: float = 3e-3,
        quantile: float = 0.95,
        min_od_windows: int = 50,
        max_train_windows: Optional[int] = 200_000,
        seed: int = 0,
        device: str = "auto",
        n_threads: Optional[int] = None,
        vote_threshold: Optional[int] = None,
        check_endpoints: bool = True,
        freq_threshold: float = 0.1,
    ):
        super().__init__(window, vote_threshold, check_endpoints, freq_threshold)
        if not 0.0 < float(quantile) < 1.0:
            raise ValueError(f"QUANTILE: the score quantile must be in (0, 1), got {quantile}")
        if int(epochs) < 1:
            raise ValueError(f"EPOCHS: need at least 1 epoch, got {epochs}")
        self.embedding_size = int(embedding_size)
        self.hidden_size = int(hidden_size)
        self.epochs = int(epochs)
        self.batch_size = int(batch_size)
        self.lr = float(lr)
        self.quantile = float(quantile)
        self.min_od_windows = int(min_od_windows)
        self.max_train_windows = None if max_train_windows is None else int(max_train_windows)
        self.seed = int(seed)
        self.device = device
        self.n_threads = n_threads
        self.vocab_cells_: Optional[np.ndarray] = None
        self.od_index_: Dict[str, int] = {}
        self.thresholds_: Dict[str, float] = {}
        self.global_threshold_: float = float("inf")
        self.net_ = None

    # ------------------------------------------------------------------ helpers
    def tokens(self, cells) -> np.ndarray:
        """Token of every cell: its vocabulary index, or UNK for a cell not seen in training."""
        c = np.asarray(cells, dtype=np.uint64).reshape(-1)
        v = self.vocab_cells_
        pos = np.searchsorted(v, c)
        pos_c = np.minimum(pos, max(v.size - 1, 0))
        hit = (pos < v.size) & (v[pos_c] == c) if v.size else np.zeros(c.size, bool)
        return np.where(hit, pos_c + _N_SPECIAL, UNK).astype(np.int64)

    def _windows(self, seqs, ods):
        """All padded windows of the sequences: token matrix, lengths, OD indices, owning sequence."""
        mats, lens, odi, owner = [], [], [], []
        unk_od = len(self.od_index_)
        for i, (s, o) in enumerate(zip(seqs, ods)):
            if s.size == 0:
                continue
            m, ln = _window_matrix(self.tokens(s), self.window)
            mats.append(m)
            lens.append(ln)
            odi.append(np.full(ln.size, self.od_index_.get(o, unk_od), np.int64))
            owner.append(np.full(ln.size, i, np.int64))
        if not mats:
            z = np.zeros(0, np.int64)
            return np.zeros((0, self.window), np.int64), z, z, z
        return np.concatenate(mats), np.concatenate(lens), np.concatenate(odi), np.concatenate(owner)

    def _nll(self, mat, lens, odi, cancel=None) -> np.ndarray:
        """Mean per-token NLL of every window (eval mode, batched)."""
        torch = self._torch
        out = np.zeros(mat.shape[0], np.float64)
        if mat.shape[0] == 0:
            return out
        self.net_.eval()
        bs = max(1024, self.batch_size * 4)
        with torch.no_grad():
            for a in range(0, mat.shape[0], bs):
                check(cancel)
                x = torch.from_numpy(mat[a : a + bs]).to(self._dev)
                ln = torch.from_numpy(lens[a : a + bs]).to(self._dev)
                od = torch.from_numpy(odi[a : a + bs]).to(self._dev)
                logits = self.net_(x, ln, od)
                ce = torch.nn.functional.cross_entropy(logits.transpose(1, 2), x, ignore_index=PAD, reduction="none")
                out[a : a + bs] = (ce.sum(1) / ln.to(ce.dtype)).double().cpu().numpy()
        return out

    # ------------------------------------------------------------------ API
    def fit(
        self, cells: Sequence[np.ndarray], od: Sequence, progress: ProgressFn = None, cancel: CancelFn = None
    ) -> "Seq2SeqDetector":
        """Train on normal trajectories (cell sequences + OD keys), then set the per-OD score thresholds."""
        from . import net

        seqs, ods = _as_inputs(cells, od)
        groups = self._fit_common(seqs, ods)
        torch, self._dev = torch_setup(self.device, self.n_threads)
        self._torch = torch
        t0 = time.perf_counter()
        self.vocab_cells_ = np.unique(np.concatenate(seqs))
        self.od_index_ = {o: k for k, o in enumerate(self.ods_)}
        mat, lens, odi, _ = self._windows(seqs, ods)
        rng = np.random.default_rng(self.seed)
        if self.max_train_windows and mat.shape[0] > self.max_train_windows:
            keep = np.sort(rng.choice(mat.shape[0], self.max_train_windows, replace=False))
            tmat, tlens, todi = mat[keep], lens[keep], odi[keep]
        else:
            tmat, tlens, todi = mat, lens, odi
        torch.manual_seed(self.seed)
        n_vocab = self.vocab_cells_.size + _N_SPECIAL
        self.net_ = net.Seq2SeqNet(
            n_vocab, len(self.od_index_) + 1, self.embedding_size, self.hidden_size, PAD, START
        ).to(self._dev)
        opt = torch.optim.Adam(self.net_.parameters(), lr=self.lr)
        n = tmat.shape[0]
        steps = self.epochs * int(np.ceil(n / self.batch_size))
        step = 0
        losses = []
        X = torch.from_numpy(tmat).to(self._dev)
        LN = torch.from_numpy(tlens).to(self._dev)
        OD = torch.from_numpy(todi).to(self._dev)
        for epoch in range(self.epochs):
            self.net_.train()
            order = torch.from_numpy(rng.permutation(n)).to(self._dev)
            total, count = 0.0, 0
            for a in range(0, n, self.batch_size):
                check(cancel)
                b = order[a : a + self.batch_size]
                x = X[b]
                logits = self.net_(x, LN[b], OD[b])
                loss = torch.nn.functional.cross_entropy(logits.reshape(-1, n_vocab), x.reshape(-1), ignore_index=PAD)
                opt.zero_grad()
                loss.backward()
                opt.step()
                total += float(loss.detach()) * b.shape[0]
                count += b.shape[0]
                step += 1
                report(progress, 90.0 * step / steps)
            losses.append(total / max(count, 1))
        # thresholds from the scores of all training windows
        scores = self._nll(mat, lens, odi, cancel)
        self.global_threshold_ = float(np.quantile(scores, self.quantile))
        self.thresholds_ = {}
        for o in groups:
            s = scores[odi == self.od_index_[o]]
            self.thresholds_[o] = (
                float(np.quantile(s, self.quantile)) if s.size >= self.min_od_windows else self.global_threshold_
            )
        self.history_ = {
            "loss": losses,
            "n_windows": int(n),
            "n_vocab": int(n_vocab),
            "fit_s": time.perf_counter() - t0,
            "device": str(self._dev),
        }
        report(progress, 100)
        return self

    def window_scores(self, cells_one_traj, od) -> np.ndarray:
        """Mean per-token NLL of each padded window of one trajectory (higher = more anomalous)."""
        if self.net_ is None:
            raise RuntimeError("the Seq2SeqDetector is not trained yet: call fit()")
        s = np.asarray(cells_one_traj, dtype=np.uint64).reshape(-1)
        mat, lens, odi, _ = self._windows([s], [str(od)])
        return self._nll(mat, lens, odi)

    def _scores_and_actions(self, seqs, ods, cancel=None):
        mat, lens, odi, owner = self._windows(seqs, ods)
        scores = self._nll(mat, lens, odi, cancel)
        bounds = np.searchsorted(owner, np.arange(len(seqs) + 1))
        out = []
        for i, o in enumerate(ods):
            sc = scores[bounds[i] : bounds[i + 1]]
            out.append((sc, (sc > self.thresholds_.get(o, self.global_threshold_)).astype(np.int8)))
        return out


# =============================================================================== iBOAT
class _OdIndex:
    """Training cells of one OD as sorted (trajectory * stride + position) keys per cell."""

    def __init__(self, seqs: List[np.ndarray]):
        self.m = len(seqs)
        lens = np.array([s.size for s in seqs], np.int64)
        self.stride = int(lens.max()) + 1
        cells = np.concatenate(seqs)
        traj = np.repeat(np.arange(self.m, dtype=np.int64), lens)
        pos = np.arange(cells.size, dtype=np.int64) - np.repeat(np.cumsum(lens) - lens, lens)
        keys = traj * self.stride + pos
        order = np.lexsort((keys, cells))
        cells, self.keys = cells[order], keys[order]
        self.cells, first = np.unique(cells, return_index=True)
        self.bounds = np.append(first, cells.size).astype(np.int64)

    def support(self, window: np.ndarray) -> int:
        """Number of trajectories containing ``window`` as an ordered subsequence (gaps allowed)."""
        pos = np.searchsorted(self.cells, window)
        if np.any(pos >= self.cells.size) or np.any(self.cells[np.minimum(pos, self.cells.size - 1)] != window):
            return 0
        alive = None  # trajectories still matching; cur = position of their last matched cell
        cur = None
        for p in pos:
            keys = self.keys[self.bounds[p] : self.bounds[p + 1]]
            if alive is None:  # first cell: earliest occurrence in each trajectory
                tr = keys // self.stride
                first = np.ones(tr.size, bool)
                first[1:] = tr[1:] != tr[:-1]
                alive, cur = tr[first], keys[first] % self.stride
                continue
            k = np.searchsorted(keys, alive * self.stride + cur, side="right")
            ok = k < keys.size
            k = np.minimum(k, keys.size - 1)
            ok &= (keys[k] // self.stride) == alive
            alive, cur = alive[ok], keys[k[ok]] % self.stride
            if alive.size == 0:
                return 0
        return int(alive.size)


class IBoatDetector(_WindowDetector):
    """Isolation-based window detector after iBOAT; see the module docstring."""

    def __init__(
        self,
        window: int = 5,
        theta: float = 0.05,
        vote_threshold: Optional[int] = None,
        check_endpoints: bool = True,
        freq_threshold: float = 0.1,
        cache: bool = True,
    ):
        super().__init__(window, vote_threshold, check_endpoints, freq_threshold)
        if not 0.0 < float(theta) <= 1.0:
            raise ValueError(f"THETA: the support threshold must be in (0, 1], got {theta}")
        self.theta = float(theta)
        self.cache = bool(cache)
        self._index: Dict[str, _OdIndex] = {}
        self._cache: Dict[tuple, float] = {}

    def fit(
        self, cells: Sequence[np.ndarray], od: Sequence, progress: ProgressFn = None, cancel: CancelFn = None
    ) -> "IBoatDetector":
        """Index the normal training trajectories of every OD."""
        seqs, ods = _as_inputs(cells, od)
        t0 = time.perf_counter()
        groups = self._fit_common(seqs, ods)
        self._index = {}
        self._cache = {}
        for k, (o, idx) in enumerate(groups.items()):
            check(cancel)
            self._index[o] = _OdIndex([seqs[i] for i in idx])
            report(progress, 100.0 * (k + 1) / len(groups))
        self.history_ = {"fit_s": time.perf_counter() - t0, "n_trajectories": {o: len(i) for o, i in groups.items()}}
        return self

    def supports(self, cells_one_traj, od) -> np.ndarray:
        """Support (share of the OD's training trajectories) of each padded window; 0 for an unknown OD."""
        self._require_fitted()
        s = np.asarray(cells_one_traj, dtype=np.uint64).reshape(-1)
        o = str(od)
        starts, ends = padded_windows(s.size, self.window)
        out = np.zeros(starts.size, np.float64)
        index = self._index.get(o)
        if index is None:
            return out
        for k, (a, b) in enumerate(zip(starts.tolist(), ends.tolist())):
            w = s[a : b + 1]
            if self.cache:
                key = (o, w.tobytes())
                v = self._cache.get(key)
                if v is None:
                    v = index.support(w) / index.m
                    self._cache[key] = v
            else:
                v = index.support(w) / index.m
            out[k] = v
        return out

    def window_scores(self, cells_one_traj, od) -> np.ndarray:
        """1 - support of each padded window (higher = more anomalous)."""
        return 1.0 - self.supports(cells_one_traj, od)

    def _score_one(self, cells_one_traj, od):
        sup = self.supports(cells_one_traj, od)
        return 1.0 - sup, (sup < self.theta).astype(np.int8)


# =============================================================================== frequent-cells rule
class FrequentCellsDetector(_WindowDetector):
    """Windows with a normality score phi (share of cells in S_pos^od) below ``min_normality`` are anomalous; see
    the module docstring."""

    def __init__(
        self,
        window: int = 5,
        min_normality: float = 1.0,
        vote_threshold: Optional[int] = None,
        check_endpoints: bool = True,
        freq_threshold: float = 0.1,
    ):
        super().__init__(window, vote_threshold, check_endpoints, freq_threshold)
        if not 0.0 < float(min_normality) <= 1.0:
            raise ValueError(f"MIN_NORMALITY: must be in (0, 1], got {min_normality}")
        self.min_normality = float(min_normality)

    def fit(
        self, cells: Sequence[np.ndarray], od: Sequence, progress: ProgressFn = None, cancel: CancelFn = None
    ) -> "FrequentCellsDetector":
        """S_pos^od of every OD from the normal training trajectories."""
        seqs, ods = _as_inputs(cells, od)
        check(cancel)
        groups = self._fit_common(seqs, ods)
        self.history_ = {
            "n_trajectories": {o: len(i) for o, i in groups.items()},
            "n_frequent": {o: len(f) for o, f in self.frequent_.items()},
        }
        report(progress, 100.0)
        return self

    def window_scores(self, cells_one_traj, od) -> np.ndarray:
        """1 - phi of each padded window (padding cells do not count; higher = more anomalous)."""
        self._require_fitted()
        s = np.asarray(cells_one_traj, dtype=np.uint64).reshape(-1)
        freq = self.frequent_.get(str(od), frozenset())
        rare = np.array([int(c) not in freq for c in s.tolist()], np.float64)
        starts, ends = padded_windows(s.size, self.window)
        cum = np.concatenate([[0.0], np.cumsum(rare)])
        return (cum[ends + 1] - cum[starts]) / (ends - starts + 1)

    def _score_one(self, cells_one_traj, od):
        sc = self.window_scores(cells_one_traj, od)
        return sc, (1.0 - sc < self.min_normality - 1e-12).astype(np.int8)


def frequent_cells_rule(model, vote_threshold: Optional[int] = None) -> FrequentCellsDetector:
    """The frequent-cells rule of a fitted CroTad ``model``, fitted without training data: S_pos^od of every OD
    taken from the model (``model.frequent_(od)``), its window, freq_threshold and vote threshold (``vote_threshold``
    when given, as a detection run may override it), the first/last-cell check CroTad always applies. Gives the labels
    of a :class:`FrequentCellsDetector` fitted on the model's training trajectories."""
    rule = FrequentCellsDetector(
        window=model.window,
        vote_threshold=model.vote_threshold if vote_threshold is None else int(vote_threshold),
        check_endpoints=True,
        freq_threshold=model.params.freq_threshold,
    )
    rule.ods_ = sorted(str(o) for o in model.ods_)
    rule.frequent_ = {o: frozenset(model.frequent_(o)) for o in rule.ods_}
    rule.history_ = {"from_model": True, "n_frequent": {o: len(f) for o, f in rule.frequent_.items()}}
    return rule
