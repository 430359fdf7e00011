"""CroTad: contrastive reinforcement learning for online sub-trajectory anomaly detection (Xue et al.).

Pure engine (numpy + torch + h3 + scikit-learn). ``CroTad(...).fit(cells, od)`` learns from the H3 cell sequences of
normal(ish) trajectories, each belonging to an OD pair (or a bus route + direction); ``detect`` labels every cell of
new trajectories, ``stream()`` does the same one point at a time; ``save``/``load`` keep everything detection needs.

What it does, with the paper's equation numbers (section 4):

1. Hierarchical graph (Eq. 1-3, ``models/crotad_graph.py``): road network ∪ travel context (bus stops) ∪ mobility
   graph (transitions seen in training), all mapped to H3 cells; node2vec gives the base cell vectors c_j.
2. Encoder f(T, od) (section 4.2.3): for every OD, a route-wise GATv2 (Eq. 20-22) runs on the subgraph of its
   frequently visited cells S_pos^od (visit rate > delta_od, Eq. 6, 19); a cell's representation is
   mlp(h_j^(l) || c_j) (the GAT part is zero for cells outside S_pos^od); a GRU whose initial state is mlp(r_od) runs
   over the window; attention pooling with the OD embedding as query (Eq. 23) and an mlp give h; the projection
   head g gives z.
3. Pre-training, alpha1 L_rec + alpha2 L_STSC + alpha3 L_MIIC (Eq. 18):
   * STSC (Eq. 4-5): NT-Xent with temperature tau between two views of a window, each made by random masking
     (up to rho1 cells dropped), rear truncation (up to rho2 cells cut) or head truncation (up to rho3 cells cut);
   * MIIC (Eq. 7-14): anchor and positive are two training windows of the same OD, weighted by
     w(min(phi(T), phi(T+))) in {1, 0, -1} (thresholds delta1, delta2; phi = share of cells in S_pos^od), scale
     lambda (``scale``), margin m; negatives are built from the anchor by the paper's seven transformations: random
     replacement by k-hop rare cells, head and rear replacement, negative random combination (rare cells of the
     OD), shuffling, repeating (a reversed segment: a loop), slice permutation, positive random combination;
   * reconstruction (Eq. 15-17): a share ~U(0, rho4) of the window's cells is replaced by <mask>; a GRU decoder
     started from f(masked T, od) rebuilds the window autoregressively (teacher forcing) over the cell vocabulary.
4. Offline detector (Eq. 24): DBSCAN per OD on the normalised z of (a sample of) the OD's training windows. A window
   joins the cluster of its nearest core sample within eps, otherwise it is noise; it is anomalous when its cluster
   is smaller than |D ∪ {T}| / k, k counting DBSCAN's clusters and every noise window as a cluster of one (with k =
   the clusters only, a single cluster plus any noise would flag every window). eps is chosen from the data unless
   given: among quantiles (0.3 .. 0.95) of the distinct windows' distance to their min_samples-th distinct
   neighbour, the one whose clustering flags the largest share of generated anomalous windows (MIIC negatives made
   from the OD's training windows) minus the share of training windows it flags; the paper only says eps should
   follow "the degree of separation learned during pre-training", and this measures that separation without
   labels. ``eps_quantile`` fixes the quantile instead. Clustering once and attaching test windows to
   the core samples is DBSCAN's own rule for a new point that does not create a new core point; re-clustering
   D ∪ {T} for every window, as the paper writes it, would cost one DBSCAN per window.
5. Online detector (section 4.3.2-4.3.5): a DQN whose Q = mlp(f(s, od)) (f fine-tuned), state = (padded window, od),
   actions {normal, anomalous}; pseudo-labels from the offline detector on the training windows (plus a share
   ``dqn_negatives`` of MIIC negative windows, so that every OD has anomalous examples); the biased reward of
   Table 1 with theta = P/N per OD (divided by its largest magnitude per OD, which keeps the argmax and steadies the
   TD targets), discount gamma, experience replay and a target network; next state = the next window of the same
   trajectory. The epsilon-greedy agent walks the states and fills the replay buffer; each TD update (Eq. 25)
   regresses the Q values of *both* actions of a replayed state on r(s, a) + gamma max Q_target(s'): the next state
   does not depend on the action here and Table 1 gives both rewards, so this is the same Bellman target with twice
   the signal per sample.
6. Point level (Eq. 26-27): every cell lies in exactly L padded windows (the first and last L-1 windows shrink), its
   votes are the anomalous actions among them; anomalous when votes >= delta_p (``vote_threshold``). The first and
   last cell are also anomalous when outside S_pos^od. In streaming use a cell is labelled as soon as its last window
   has been seen, i.e. L-1 cells later (at the end of the trajectory for the last L-1 cells).

Choices the paper leaves open are constructor keywords with documented defaults (see :class:`CroTadParams`).
Unknown cells at detection time (not in the training graph) become an <unk> token, which pre-training shows as a
rare cell (random replacement uses it for k-hop cells outside the graph), so they look anomalous, not like errors.
"""

from __future__ import annotations

import copy
import math
import time
from dataclasses import asdict, dataclass, fields
from typing import Dict, List, Optional, Sequence

import numpy as np

from ..core.modelfile import ModelFileError, params_from_meta, read_model, save_model, torch_setup  # noqa: F401
from ..core.progress import CancelFn, ProgressFn, check, report, scaled
from .evaluation import Detection, labels_from_votes, padded_windows
from .evaluation import votes_from_actions as _votes

__all__ = ["CroTadParams", "PRESETS", "CroTad", "Detection", "StreamDetector", "biased_reward"]

ALGORITHM = "crotad"
MODEL_VERSION = 1
PAD, UNK, MASK, START = 0, 1, 2, 3
N_SPECIAL = 4
NEG_TYPES = (
    "random_replacement",
    "head_replacement",
    "rear_replacement",
    "negative_combination",
    "shuffle",
    "repeat",
    "slice_permutation",
    "positive_combination",
)


@dataclass
class CroTadParams:
    resolution: int = 10
    window: int = 5  # L
    freq_threshold: float = 0.1  # delta_od of Eq. 6
    # node2vec (section 4.2.1); the paper gives no values: Grover & Leskovec's usual ones
    embed_dim: int = 64
    walk_length: int = 20
    walks_per_node: int = 10
    n2v_p: float = 1.0
    n2v_q: float = 1.0
    # encoder
    hidden: int = 128
    gat_heads: int = 4
    gat_layers: int = 2
    proj_dim: int = 64
    # augmentations: rho1..rho3 in cells (None = max(1, L // 2)), rho4 a share
    rho1: Optional[int] = None
    rho2: Optional[int] = None
    rho3: Optional[int] = None
    rho4: float = 0.5
    # contrast
    tau: float = 0.1
    delta1: float = 0.8
    delta2: float = 0.5
    margin: float = 0.2
    scale: float = 5.0  # lambda of Eq. 9-10
    k_hop: int = 3
    n_negatives: int = 8
    alpha_rec: float = 1.0
    alpha_stsc: float = 1.0
    alpha_miic: float = 1.0
    pretrain_epochs: int = 10
    steps_per_epoch: int = 100  # at most; fewer when the training windows fill fewer batches
    batch_size: int = 128
    lr: float = 1e-3
    # offline detector
    dbscan_eps: Optional[float] = None  # None = automatic, see eps_quantile
    eps_quantile: Optional[float] = None  # automatic eps: this quantile of the distinct windows' distance to their
    # min_samples-th distinct neighbour; None = the quantile (of 0.3 .. 0.95)
    # that best separates training windows from generated negatives
    dbscan_min_samples: int = 5
    cluster_sample: int = 2000
    # online detector
    dqn_steps: int = 1000
    dqn_batch: int = 128
    gamma: float = 0.2
    dqn_lr: float = 1e-3
    buffer_size: int = 20000
    target_update: int = 100
    dqn_negatives: float = 0.3
    epsilon_start: float = 1.0
    epsilon_end: float = 0.05
    vote_threshold: Optional[int] = None  # None = L (strict: with correct window labels, exactly the anomalous cells)
    seed: int = 0

    def rho(self, i: int) -> int:
        v = getattr(self, f"rho{i}")
        return max(1, int(self.window) // 2) if v is None else int(v)

    @property
    def votes_needed(self) -> int:
        return int(self.window) if self.vote_threshold is None else int(self.vote_threshold)


PRESETS = {
    "fast-cpu": {
        "embed_dim": 32,
        "walks_per_node": 5,
        "hidden": 64,
        "gat_heads": 2,
        "proj_dim": 32,
        "pretrain_epochs": 6,
        "steps_per_epoch": 60,
        "batch_size": 96,
        "n_negatives": 6,
        "cluster_sample": 1500,
        "dqn_steps": 500,
        "dqn_batch": 96,
    },
    "paper": {},
}


def check_params(p: CroTadParams) -> None:
    """ValueError naming the parameter (in the Processing parameters' CAPS) for an unusable value."""

    def bad(name, msg):
        raise ValueError(f"{name.upper()}: {msg}")

    if not 0 <= int(p.resolution) <= 15:
        bad("resolution", f"H3 resolution must be between 0 and 15, got {p.resolution}")
    if int(p.window) < 1:
        bad("window", f"the window needs at least 1 cell, got {p.window}")
    if not 0 < float(p.freq_threshold) <= 1:
        bad("freq_threshold", f"delta_od must be in (0, 1], got {p.freq_threshold}")
    for i in (1, 2, 3):
        if not 1 <= p.rho(i) <= int(p.window):
            bad(f"rho{i}", f"must be between 1 and the window ({p.window}), got {p.rho(i)}")
    if not 0 < float(p.rho4) < 1:
        bad("rho4", f"the masking share must be in (0, 1), got {p.rho4}")
    if not float(p.delta2) <= float(p.delta1):
        bad("delta2", f"delta2 ({p.delta2}) must not exceed delta1 ({p.delta1})")
    if not 0 <= float(p.margin) <= 2:
        bad("margin", f"m must be in [0, 2], got {p.margin}")
    if float(p.scale) < 1:
        bad("scale", f"lambda must be at least 1, got {p.scale}")
    if float(p.tau) <= 0:
        bad("tau", f"the temperature must be positive, got {p.tau}")
    if not 0 < float(p.gamma) <= 1:
        bad("gamma", f"the discount must be in (0, 1], got {p.gamma}")
    if int(p.hidden) % int(p.gat_heads):
        bad("gat_heads", f"the hidden size {p.hidden} must be a multiple of the GAT heads {p.gat_heads}")
    vt = p.votes_needed
    if not 1 <= vt <= int(p.window):
        bad("vote_threshold", f"delta_p must be between 1 and the window ({p.window}), got {vt}")
    for name in (
        "k_hop",
        "n_negatives",
        "batch_size",
        "dbscan_min_samples",
        "cluster_sample",
        "embed_dim",
        "walk_length",
        "walks_per_node",
        "proj_dim",
        "gat_layers",
        "dqn_batch",
        "target_update",
    ):
        if int(getattr(p, name)) < 1:
            bad(name, f"must be at least 1, got {getattr(p, name)}")
    if not 0 <= float(p.dqn_negatives) < 1:
        bad("dqn_negatives", f"must be in [0, 1), got {p.dqn_negatives}")


@dataclass
class TrainingSelection:
    """Result of :meth:`CroTad.select_training`."""

    index: np.ndarray  # the kept trajectories
    n_few_cells: int  # trajectories with an OD but too few cells
    small_ods: List[str]  # OD values left out for having a single usable trajectory
    n_short: int  # kept trajectories with fewer cells than the window (trained with padded windows)
    trips: Dict[str, int]  # kept trajectories per OD

    def take(self, cell_seqs, od):
        """(cell sequences, OD keys, number of distinct cells) of the kept trajectories, from ``cell_seqs`` (with
        ``seq(i)``, e.g. :class:`~models.core.cells.CellSequences`) and ``od``, the inputs of the selection."""
        cells = [cell_seqs.seq(int(i)) for i in self.index]
        n_cells = int(np.unique(np.concatenate(cells)).size) if cells else 0
        return cells, [od[int(i)] for i in self.index], n_cells


# ============================================================================================ network
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


def _build_net(torch, V: int, n_od: int, p: CroTadParams, graph_arrays: dict):
    nn = torch.nn
    F = torch.nn.functional

    def mlp(i, h, o):
        return nn.Sequential(nn.Linear(i, h), nn.ReLU(), nn.Linear(h, o))

    class GATv2(nn.Module):
        """Eq. 20-22: e_jk = a^T LeakyReLU(W1 [h_j || h_k]), softmax over N_j, H heads concatenated."""

        def __init__(self, d_in, d_out, heads):
            super().__init__()
            self.h, self.c = heads, d_out // heads
            self.w1 = nn.Linear(2 * d_in, heads * self.c)
            self.w2 = nn.Linear(d_in, heads * self.c, bias=False)
            self.a = nn.Parameter(torch.randn(heads, self.c) / math.sqrt(self.c))

        def forward(self, x, src, dst):
            e = F.leaky_relu(self.w1(torch.cat([x[dst], x[src]], 1)).view(-1, self.h, self.c), 0.2)
            e = (e * self.a).sum(-1)  # (E, H)
            emax = torch.full((x.shape[0], self.h), -1e30, device=x.device)
            emax = emax.scatter_reduce(0, dst[:, None].expand_as(e), e, "amax", include_self=True)
            w = torch.exp(e - emax[dst])
            den = torch.zeros(x.shape[0], self.h, device=x.device).index_add_(0, dst, w)
            alpha = w / den[dst].clamp_min(1e-12)
            msg = self.w2(x)[src].view(-1, self.h, self.c) * alpha[..., None]
            out = torch.zeros(x.shape[0], self.h, self.c, device=x.device).index_add_(0, dst, msg)
            return F.elu(out.reshape(x.shape[0], -1))

    class Encoder(nn.Module):
        def __init__(self):
            super().__init__()
            d, dc = p.hidden, p.embed_dim
            self.register_buffer("base", torch.zeros(V, dc))  # node2vec vectors (fixed)
            self.special = nn.Parameter(torch.randn(N_SPECIAL, dc) * 0.1)
            for k, v in graph_arrays.items():
                self.register_buffer(k, torch.as_tensor(v))
            self.gat = nn.ModuleList([GATv2(dc if i == 0 else d, d, p.gat_heads) for i in range(p.gat_layers)])
            self.comb = mlp(d + dc, d, d)
            self.od_emb = nn.Embedding(max(n_od, 1), d)
            self.h0 = mlp(d, d, d)
            self.gru = nn.GRU(d, d, batch_first=True)
            self.wq = nn.Linear(d, d, bias=False)
            self.wk = nn.Linear(d, d, bias=False)
            self.out = mlp(d, d, d)
            self.proj = mlp(d, d, p.proj_dim)
            self._cache = None

        def cell_vectors(self, tok):
            special = tok < N_SPECIAL
            return torch.where(special[..., None], self.special[tok.clamp(max=N_SPECIAL - 1)], self.base[tok])

        def gat_nodes(self):
            """GAT output for every (OD, frequent cell) node; cached while the net is in eval mode."""
            if self._cache is not None and not self.training:
                return self._cache
            x = self.base[self.node_tok]
            for layer in self.gat:
                x = layer(x, self.edge_src, self.edge_dst)
            if not self.training:
                self._cache = x
            return x

        def train(self, mode=True):
            self._cache = None
            return super().train(mode)

        def forward(self, tok, lengths, od):
            """h (B, d) of windows ``tok`` (B, L) right-padded with PAD, ``lengths`` (B), OD indices ``od`` (B)."""
            gx = self.gat_nodes()
            node = self.node_of[od[:, None], tok].long()  # (B, L), -1 outside S_pos^od
            g = torch.where((node >= 0)[..., None], gx[node.clamp_min(0)], torch.zeros((), device=tok.device))
            x = self.comb(torch.cat([g, self.cell_vectors(tok)], -1))
            r = self.od_emb(od)
            hs, _ = self.gru(x, self.h0(r)[None].contiguous())
            valid = torch.arange(tok.shape[1], device=tok.device)[None] < lengths[:, None]
            s = (self.wk(hs) @ self.wq(r)[:, :, None]).squeeze(-1) / math.sqrt(hs.shape[-1])
            a = torch.softmax(s.masked_fill(~valid, -1e30), 1)
            return self.out((a[..., None] * hs).sum(1))

    class Decoder(nn.Module):
        """f~ of Eq. 15-16: a GRU from z_0 = f(T~, od) over the previous cells, softmax over the vocabulary."""

        def __init__(self):
            super().__init__()
            self.inp = nn.Linear(p.embed_dim, p.hidden)
            self.gru = nn.GRU(p.hidden, p.hidden, batch_first=True)
            self.out = nn.Linear(p.hidden, V)

        def forward(self, enc, h, tok):
            prev = torch.cat([torch.full_like(tok[:, :1], START), tok[:, :-1]], 1)
            y, _ = self.gru(self.inp(enc.cell_vectors(prev)), h[None].contiguous())
            return self.out(y)

    class QNet(nn.Module):
        def __init__(self):
            super().__init__()
            self.head = mlp(p.hidden, p.hidden, 2)

        def forward(self, h):
            return self.head(h)

    return Encoder(), Decoder(), QNet()


# ============================================================================================ the estimator
class CroTad:
    """See the module docstring. ``CroTad(params)`` or ``CroTad(window=10, resolution=9, ...)``."""

    def __init__(
        self, params: Optional[CroTadParams] = None, device: str = "auto", n_threads: Optional[int] = None, **kwargs
    ):
        if params is None:
            known = {f.name for f in fields(CroTadParams)}
            unknown = set(kwargs) - known
            if unknown:
                raise ValueError(f"unknown CroTad parameter(s): {', '.join(sorted(unknown))}")
            params = CroTadParams(**kwargs)
        elif kwargs:
            params = CroTadParams(**{**asdict(params), **kwargs})
        check_params(params)
        self.params = params
        self.device = device or "auto"
        self.n_threads = n_threads
        self.history_: dict = {}
        self.extra_: dict = {}

    # ------------------------------------------------------------------ small accessors
    @property
    def resolution(self) -> int:
        return int(self.params.resolution)

    @property
    def window(self) -> int:
        return int(self.params.window)

    @property
    def vote_threshold(self) -> int:
        return self.params.votes_needed

    def frequent_(self, od) -> set:
        """S_pos^od as a set of H3 cells (ints)."""
        i = self._od_index.get(str(od))
        if i is None:
            return set()
        toks = self._freq_tok[self._freq_off[i] : self._freq_off[i + 1]]
        return {int(c) for c in self._cells[toks - N_SPECIAL]}

    def select_training(self, lengths, od, min_cells: int = 2, require_window: bool = True) -> "TrainingSelection":
        """Which trajectories (``lengths``: cells of each, ``od``: OD key or None) can train this model: an OD
        value, at least ``min_cells`` cells, and an OD with 2 or more such trajectories. ValueError naming INPUT when
        none is left, WINDOW when every kept trajectory is shorter than the window (with ``require_window``); the
        counts of what was left out come back for the caller to report."""
        lengths = np.asarray(lengths, np.int64).reshape(-1)
        has_od = np.array([k is not None for k in od], bool)
        keep = has_od & (lengths >= min_cells)
        trips: Dict[str, int] = {}
        for i in np.flatnonzero(keep):
            trips[od[i]] = trips.get(od[i], 0) + 1
        small = sorted(k for k, c in trips.items() if c < 2)
        if small:
            keep &= np.array([k not in set(small) for k in od], bool)
        n_few = int((has_od & (lengths < min_cells)).sum())
        if not keep.any():
            raise ValueError(
                f"INPUT: no OD keeps at least 2 trajectories of {min_cells} or more H3 cells at RESOLUTION "
                f"{self.resolution} ({n_few} trajectory(ies) have fewer cells). Use finer cells (a higher "
                "RESOLUTION), longer trajectories or more trajectories per OD (check OD_FIELD)"
            )
        index = np.flatnonzero(keep)
        kept = lengths[index]
        if require_window and int(kept.max()) < self.window:
            raise ValueError(
                f"WINDOW: every trajectory is shorter than the window of {self.window} cells (the longest has "
                f"{int(kept.max())} H3 cells at RESOLUTION {self.resolution}, the median {int(np.median(kept))}). "
                f"Lower WINDOW (to {max(2, int(np.median(kept)))} or less) or use finer cells (a higher "
                "RESOLUTION)"
            )
        return TrainingSelection(
            index,
            n_few,
            small,
            int((kept < self.window).sum()),
            {k: c for k, c in trips.items() if k not in set(small)},
        )

    def od_known(self, od: Sequence) -> np.ndarray:
        """(n,) bool: True where ``od[i]`` (an OD key, None = unknown) is an OD pair the model was trained on; the
        others cannot be labelled (``label_cells`` takes None for them)."""
        self._require_fitted()
        return np.array([k is not None and str(k) in self._od_index for k in od], bool)

    def known_share(self, cells: Sequence[np.ndarray]) -> Optional[float]:
        """Share of the cell visits of ``cells`` that are in the model's vocabulary (None without cells)."""
        flat = np.concatenate([np.asarray(c, np.uint64) for c in cells]) if len(cells) else np.zeros(0, np.uint64)
        return float(np.mean(self.tokens(flat) != UNK)) if flat.size else None

    def _setup(self):
        self._torch, self._dev = torch_setup(self.device, self.n_threads)

    def tokens(self, cells) -> np.ndarray:
        """Vocabulary tokens of H3 cells (UNK for cells outside the training graph)."""
        c = np.asarray(cells, dtype=np.uint64)
        if c.size == 0 or self._cells.size == 0:
            return np.full(c.shape, UNK, np.int64)
        pos = np.searchsorted(self._cells, c).clip(0, self._cells.size - 1)
        ok = self._cells[pos] == c
        return np.where(ok, pos + N_SPECIAL, UNK).astype(np.int64)

    # ------------------------------------------------------------------ fit
    def fit(
        self,
        cells: Sequence[np.ndarray],
        od: Sequence,
        road_edges=None,
        context_edges=None,
        progress: ProgressFn = None,
        cancel: CancelFn = None,
    ) -> "CroTad":
        from ..core.cells import frequent_cells
        from .graph import HierarchicalGraph, node2vec

        p = self.params
        t0 = time.time()
        if len(cells) != len(od):
            raise ValueError(f"OD_FIELD: got {len(od)} OD values for {len(cells)} trajectories")
        keys_all = [None if o is None else str(o) for o in od]
        seqs_all = [np.asarray(c, dtype=np.uint64) for c in cells]
        sel = self.select_training([c.size for c in seqs_all], keys_all, min_cells=1, require_window=False)
        seqs = [seqs_all[i] for i in sel.index]
        keys = [keys_all[i] for i in sel.index]
        ods = sorted(set(keys))
        self._setup()
        torch = self._torch
        torch.manual_seed(int(p.seed))
        rng = np.random.default_rng(int(p.seed))

        # ---- graph + node2vec (0..15 %)
        check(cancel)
        graph = HierarchicalGraph.build(seqs, road=road_edges, context=context_edges)
        self._cells = np.asarray(graph.cells, dtype=np.uint64)
        base = node2vec(
            graph,
            dim=p.embed_dim,
            walk_length=p.walk_length,
            walks_per_node=p.walks_per_node,
            p=p.n2v_p,
            q=p.n2v_q,
            seed=int(p.seed),
            device=str(self._dev),
            progress=scaled(progress, 0, 15),
            cancel=cancel,
        )
        self.ods_ = ods
        self._od_index = {k: i for i, k in enumerate(ods)}
        od_idx = np.array([self._od_index[k] for k in keys], np.int64)
        toks = [self.tokens(s) for s in seqs]

        # ---- S_pos^od and the route-wise subgraphs (Eq. 6, 19)
        freq = []
        for k in ods:
            f = frequent_cells([s for s, kk in zip(seqs, keys) if kk == k], p.freq_threshold)
            freq.append(np.sort(self.tokens(np.fromiter(f, np.uint64, len(f)))))
        self._freq_off = np.concatenate([[0], np.cumsum([f.size for f in freq])]).astype(np.int64)
        self._freq_tok = np.concatenate(freq) if freq else np.zeros(0, np.int64)
        self._graph_edges = graph.edges.astype(np.int64) + N_SPECIAL  # token pairs
        self.graph_stats_ = dict(graph.stats)
        V = self._cells.size + N_SPECIAL
        arrays = self._route_graphs(V)
        enc, dec, qnet = _build_net(torch, V, len(ods), p, arrays)
        enc.base[N_SPECIAL:] = torch.as_tensor(base, dtype=torch.float32)
        timings = {"graph_node2vec_s": round(time.time() - t0, 2)}
        self._enc, self._qnet = enc.to(self._dev), qnet.to(self._dev)
        dec = dec.to(self._dev)
        report(progress, 15)

        # ---- training windows and negative-sampling tables
        self._train = _WindowPool(toks, od_idx, self.window)
        self._rare = _RareTables(self, rng)
        phi_all = self._phi(self._train.tok, self._train.len, self._train.od)

        # ---- pre-training (15..65 %)
        self.history_ = {
            "pretrain": [],
            "dqn": [],
            "pseudo_labels": {},
            "dropped_ods": sel.small_ods,
            "graph": self.graph_stats_,
            "n_trajectories": len(seqs),
            "n_windows": int(self._train.n),
        }
        t1 = time.time()
        self._pretrain(dec, phi_all, rng, scaled(progress, 15, 65), cancel)
        timings["pretrain_s"] = round(time.time() - t1, 2)
        self._pre_enc = copy.deepcopy(self._enc).eval()  # the offline detector's f: frozen after pre-training

        # ---- offline detector (65..72 %)
        check(cancel)
        t1 = time.time()
        self._fit_offline(rng, cancel)
        timings["offline_s"] = round(time.time() - t1, 2)
        report(progress, 72)

        # ---- DQN (72..100 %)
        t1 = time.time()
        self._fit_dqn(rng, scaled(progress, 72, 100), cancel)
        timings["dqn_s"] = round(time.time() - t1, 2)
        self._enc.eval()
        self._qnet.eval()
        timings["fit_s"] = round(time.time() - t0, 2)
        self.history_["timings"] = timings
        report(progress, 100)
        return self

    def _route_graphs(self, V: int) -> dict:
        """Nodes (OD, frequent cell) and the edges of G_h among each OD's frequent cells (plus self loops)."""
        n_od = len(self._freq_off) - 1
        node_tok = self._freq_tok.astype(np.int64)
        node_od = np.repeat(np.arange(n_od), np.diff(self._freq_off)).astype(np.int64)
        node_of = np.full((max(n_od, 1), V), -1, np.int32)
        node_of[node_od, node_tok] = np.arange(node_tok.size, dtype=np.int32)
        e = self._graph_edges
        src, dst = [], []
        for o in range(n_od):
            a, b = node_of[o, e[:, 0]], node_of[o, e[:, 1]]
            ok = (a >= 0) & (b >= 0)
            src += [a[ok], b[ok]]
            dst += [b[ok], a[ok]]
        loops = np.arange(node_tok.size)
        src = np.concatenate(src + [loops]).astype(np.int64)
        dst = np.concatenate(dst + [loops]).astype(np.int64)
        self._node_of = node_of
        return {"node_tok": node_tok, "node_of": node_of, "edge_src": src, "edge_dst": dst}

    def _is_freq(self, tok: np.ndarray, od: np.ndarray) -> np.ndarray:
        """Whether each token is in S_pos of its OD (``od`` broadcast against ``tok``)."""
        return self._node_of[od, tok] >= 0

    def _phi(self, tok, lengths, od):
        """Eq. 7 for padded windows."""
        valid = np.arange(tok.shape[1])[None] < lengths[:, None]
        f = self._is_freq(tok, od[:, None]) & valid
        return f.sum(1) / np.maximum(lengths, 1)

    # ------------------------------------------------------------------ pre-training
    def _encode(self, tok, lengths, od, grad=True, enc=None):
        """h of windows with ``enc`` (default the current encoder)."""
        torch = self._torch
        enc = self._enc if enc is None else enc
        t = torch.as_tensor(tok, device=self._dev)
        ln = torch.as_tensor(lengths, device=self._dev)
        o = torch.as_tensor(od, device=self._dev)
        if grad:
            return enc(t, ln, o)
        with torch.no_grad():
            return enc(t, ln, o)

    def _pretrain(self, dec, phi_all, rng, progress, cancel):
        torch = self._torch
        F = torch.nn.functional
        p = self.params
        pool = self._train
        params = [q for q in self._enc.parameters() if q.requires_grad] + list(dec.parameters())
        opt = torch.optim.Adam(params, lr=p.lr)
        steps = max(1, min(int(p.steps_per_epoch), int(math.ceil(pool.n / p.batch_size))))
        total = steps * int(p.pretrain_epochs)
        weights = pool.od_balanced_weights()
        self._enc.train()
        dec.train()
        step = 0
        for epoch in range(int(p.pretrain_epochs)):
            sums = np.zeros(4)
            for _ in range(steps):
                check(cancel)
                idx = rng.choice(pool.n, size=min(p.batch_size, pool.n), p=weights)
                tok, ln, od = pool.tok[idx], pool.len[idx], pool.od[idx]
                # one encoder pass over every window of the step: two STSC views, MIIC anchor / positive /
                # negatives, the masked copy for the reconstruction
                v1, l1 = self._augment_pos(tok, ln, rng)
                v2, l2 = self._augment_pos(tok, ln, rng)
                pos = pool.same_od(od, rng)
                negs, nl = self._rare.negatives(tok, ln, od, p.n_negatives, rng)
                masked = self._mask(tok, ln, rng)
                b, nn_ = tok.shape[0], p.n_negatives
                h_all = self._encode(
                    np.concatenate([v1, v2, tok, pool.tok[pos], negs, masked]),
                    np.concatenate([l1, l2, ln, pool.len[pos], nl, ln]),
                    np.concatenate([od, od, od, od, np.repeat(od, nn_), od]),
                )
                z_all = F.normalize(self._enc.proj(h_all[: (4 + nn_) * b]), dim=1)
                # STSC (Eq. 4): NT-Xent between the two views
                stsc = _nt_xent(torch, z_all[: 2 * b], p.tau)
                # MIIC (Eq. 8-12)
                za, zp = z_all[2 * b : 3 * b], z_all[3 * b : 4 * b]
                zn = z_all[4 * b :].view(b, nn_, -1)
                w = _weight(np.minimum(phi_all[idx], phi_all[pos]), p.delta1, p.delta2)
                x_pos = p.scale * torch.as_tensor(w, dtype=torch.float32, device=self._dev) * (za * zp).sum(1)
                x_neg = p.scale * ((zn * za[:, None]).sum(-1) + p.margin)
                lse_neg = torch.logsumexp(x_neg, 1) - math.log(nn_)  # log E[exp(x-)]
                per = -(x_pos - torch.logaddexp(x_pos, lse_neg))
                odt = torch.as_tensor(od, device=self._dev)
                n_per_od = torch.zeros(len(self.ods_), device=self._dev).index_add_(0, odt, torch.ones_like(per))
                s_per_od = torch.zeros(len(self.ods_), device=self._dev).index_add_(0, odt, per)
                present = n_per_od > 0
                miic = (s_per_od[present] / n_per_od[present]).mean()
                # reconstruction (Eq. 15-17) from the masked copy's h
                t = torch.as_tensor(tok, device=self._dev)
                logits = dec(self._enc, h_all[(4 + nn_) * b :], t)
                lt = torch.as_tensor(ln, device=self._dev)
                valid = torch.arange(t.shape[1], device=self._dev)[None] < lt[:, None]
                rec = F.cross_entropy(logits[valid], t[valid])
                loss = p.alpha_rec * rec + p.alpha_stsc * stsc + p.alpha_miic * miic
                opt.zero_grad()
                loss.backward()
                torch.nn.utils.clip_grad_norm_(params, 5.0)
                opt.step()
                sums += [v.item() for v in (loss.detach(), rec.detach(), stsc.detach(), miic.detach())]
                step += 1
                report(progress, 100.0 * step / total)
            m = sums / steps
            self.history_["pretrain"].append(
                {
                    "epoch": epoch + 1,
                    "loss": round(m[0], 5),
                    "rec": round(m[1], 5),
                    "stsc": round(m[2], 5),
                    "miic": round(m[3], 5),
                }
            )

    def _augment_pos(self, tok, ln, rng):
        """One T_pos view per window: random masking (drop <= rho1 cells), rear or head truncation (cut <= rho2 / rho3
        cells); at least one cell is always kept."""
        p = self.params
        b, L = tok.shape
        out = np.full_like(tok, PAD)
        lens = np.zeros_like(ln)
        kind = rng.integers(0, 3, size=b)
        for i in range(b):
            n = int(ln[i])
            s = tok[i, :n]
            if kind[i] == 0:
                m = min(int(rng.uniform(0, p.rho(1) + 1)), n - 1)
                keep = np.sort(rng.choice(n, size=n - m, replace=False)) if m else np.arange(n)
                s = s[keep]
            else:
                m = min(int(rng.uniform(0, (p.rho(2) if kind[i] == 1 else p.rho(3)) + 1)), n - 1)
                s = s[: n - m] if kind[i] == 1 else s[m:]
            out[i, : s.size] = s
            lens[i] = s.size
        return out, lens

    def _mask(self, tok, ln, rng):
        """Replace a share ~U(0, rho4) of each window's cells by <mask> (random positions)."""
        out = tok.copy()
        share = rng.uniform(0, self.params.rho4, size=tok.shape[0])
        valid = np.arange(tok.shape[1])[None] < ln[:, None]
        hit = (rng.random(tok.shape) < share[:, None]) & valid
        out[hit] = MASK
        return out

    # ------------------------------------------------------------------ offline detector (Eq. 24)
    def _z(self, tok, ln, od, batch=4096):
        """Normalised projections z of windows by the pre-trained encoder (what the offline detector clusters)."""
        F = self._torch.nn.functional
        out = []
        with self._torch.no_grad():
            for s in range(0, tok.shape[0], batch):
                h = self._encode(
                    tok[s : s + batch], ln[s : s + batch], od[s : s + batch], grad=False, enc=self._pre_enc
                )
                out.append(F.normalize(self._pre_enc.proj(h), dim=1).cpu().numpy())
        return np.concatenate(out) if out else np.zeros((0, self.params.proj_dim), np.float32)

    def _fit_offline(self, rng, cancel):
        from sklearn.neighbors import NearestNeighbors

        p = self.params
        pool = self._train
        self._off = []
        self.history_["offline"] = {}
        for o, key in enumerate(self.ods_):
            check(cancel)
            rows = np.flatnonzero(pool.od == o)
            if rows.size > p.cluster_sample:
                rows = np.sort(rng.choice(rows, size=p.cluster_sample, replace=False))
            z = self._z(pool.tok[rows], pool.len[rows], pool.od[rows])
            # identical windows have identical z: cluster the distinct ones, weighted by their counts
            zu, cnt = np.unique(np.round(z, 5), axis=0, return_counts=True)
            ms = int(p.dbscan_min_samples)
            if p.dbscan_eps is not None:
                candidates = [float(p.dbscan_eps)]
            else:
                # spacing of the distinct windows: quantiles of their distance to the ms-th distinct neighbour
                k = min(ms, zu.shape[0] - 1)
                if k >= 1:
                    d = NearestNeighbors(n_neighbors=k + 1).fit(zu).kneighbors(zu)[0][:, -1]
                    qs = [p.eps_quantile] if p.eps_quantile is not None else _EPS_QUANTILES
                    candidates = sorted({float(max(np.quantile(d, q), 1e-4)) for q in qs})
                else:
                    candidates = [1e-4]
            neg_z = None
            if len(candidates) > 1:
                # eps that best separates the OD's training windows from generated anomalous versions of them
                # (the MIIC negatives): the largest share of negatives flagged minus share of windows flagged
                src = rows[rng.integers(0, rows.size, size=min(rows.size, 1000))]
                ntok, nlen = self._rare.negatives(pool.tok[src], pool.len[src], pool.od[src], 1, rng)
                neg_z = self._z(ntok, nlen, pool.od[src])
            best = None
            for eps in candidates:
                model = _dbscan_model(zu, cnt, eps, ms, rows.size)
                if neg_z is None:
                    best = (0.0, 0.0, 0.0, eps, model)
                    break
                self._off.append(model)
                flag_train = float((self._offline_labels(zu, o) * cnt).sum() / cnt.sum())
                flag_neg = float(self._offline_labels(neg_z, o).mean())
                self._off.pop()
                score = flag_neg - flag_train
                if best is None or score > best[0] + 1e-9:
                    best = (score, flag_train, flag_neg, eps, model)
            self._off.append(best[4])
            self.history_["offline"][key] = {
                "eps": round(best[3], 5),
                "clusters": int(best[4]["sizes"].size),
                "k": int(best[4]["k"]),
                "windows": int(rows.size),
                "train_flagged": round(best[1], 4),
                "negatives_flagged": round(best[2], 4),
            }

    def _offline_labels(self, z: np.ndarray, o: int) -> np.ndarray:
        """Eq. 24 for the windows whose normalised projections are ``z`` (all of OD ``o``)."""
        m = self._off[o]
        if m["core"].shape[0] == 0 or z.shape[0] == 0:  # no cluster at all: everything is noise
            return np.ones(z.shape[0], np.int8)
        d2 = ((z[:, None, :] - m["core"][None]) ** 2).sum(-1) if z.shape[0] * m["core"].shape[0] < 4e6 else None
        if d2 is None:
            from sklearn.neighbors import NearestNeighbors

            dist, j = NearestNeighbors(n_neighbors=1).fit(m["core"]).kneighbors(z)
            dist, j = dist[:, 0], j[:, 0]
        else:
            j = d2.argmin(1)
            dist = np.sqrt(d2[np.arange(z.shape[0]), j])
        size = np.where(dist <= m["eps"], m["sizes"][m["core_label"][j]] + 1, 1)
        return (size < (m["n"] + 1) / m["k"]).astype(np.int8)

    # ------------------------------------------------------------------ DQN
    def _fit_dqn(self, rng, progress, cancel):
        torch = self._torch
        F = torch.nn.functional
        p = self.params
        pool = self._train
        # states: training windows (with their successors) + a share of MIIC negatives (terminal)
        n_neg = int(round(pool.n * p.dqn_negatives / max(1e-9, 1 - p.dqn_negatives)))
        src = rng.integers(0, pool.n, size=n_neg)
        ntok, nlen = self._rare.negatives(pool.tok[src], pool.len[src], pool.od[src], 1, rng)
        tok = np.concatenate([pool.tok, ntok])
        ln = np.concatenate([pool.len, nlen])
        od = np.concatenate([pool.od, pool.od[src]])
        nxt = np.concatenate([pool.next, np.full(n_neg, -1, np.int64)])
        # pseudo-labels from the offline detector
        label = np.zeros(tok.shape[0], np.int8)
        for o in range(len(self.ods_)):
            check(cancel)
            rows = np.flatnonzero(od == o)
            label[rows] = self._offline_labels(self._z(tok[rows], ln[rows], od[rows]), o)
        # Table 1, per OD; divided by the largest magnitude of the OD's rewards
        reward = np.zeros((len(self.ods_), 2, 2), np.float32)  # [od, action, pseudo label]
        for o, key in enumerate(self.ods_):
            rows = od == o
            P = int((label[rows] == 0).sum())
            N = int((label[rows] == 1).sum())
            self.history_["pseudo_labels"][key] = {"normal": P, "anomalous": N, "theta": reward_theta(P, N)}
            r = biased_reward(P, N)
            reward[o] = r / np.abs(r).max()
        self.history_["pseudo_labels_total"] = {"normal": int((label == 0).sum()), "anomalous": int((label == 1).sum())}
        target_enc, target_q = copy.deepcopy(self._enc), copy.deepcopy(self._qnet)
        target_enc.eval()
        target_q.eval()
        params = list(self._qnet.parameters()) + [q for q in self._enc.parameters() if q.requires_grad]
        opt = torch.optim.Adam(
            [
                {"params": list(self._qnet.parameters()), "lr": p.dqn_lr * 10},
                {"params": [q for q in self._enc.parameters() if q.requires_grad], "lr": p.dqn_lr},
            ]
        )
        buf = _Replay(p.buffer_size)
        weights = np.bincount(od, minlength=len(self.ods_)).astype(float)
        w = (1.0 / np.maximum(weights, 1))[od]
        w /= w.sum()
        steps = int(p.dqn_steps)
        n_act = max(8, p.dqn_batch // 4)
        rsum, lsum, cnt = 0.0, 0.0, 0
        log_every = max(1, steps // 50)
        for step in range(steps):
            check(cancel)
            eps_greedy = p.epsilon_end + (p.epsilon_start - p.epsilon_end) * max(0.0, 1 - step / max(1, steps / 2))
            # act on fresh states (epsilon-greedy) and update on a replay minibatch in one encoder pass; the
            # actor's Q values come from the same (pre-update) network
            s = rng.choice(tok.shape[0], size=min(n_act, tok.shape[0]), p=w)
            if buf.size:
                bs, bn = buf.sample(min(p.dqn_batch, buf.size), rng)
            else:
                bs = np.zeros(0, np.int64)
            rows = np.concatenate([s, bs])
            self._enc.train()
            q_all = self._qnet(self._encode(tok[rows], ln[rows], od[rows]))
            a = q_all[: s.size].detach().cpu().numpy().argmax(1)
            explore = rng.random(s.size) < eps_greedy
            a[explore] = rng.integers(0, 2, size=int(explore.sum()))
            r = reward[od[s], a, label[s]]
            rsum += float(r.mean())
            if not bs.size:
                buf.add(s, nxt[s])
                continue
            qs = q_all[s.size :]
            has = bn >= 0
            boot = np.zeros(bs.size, np.float32)
            if has.any():
                nb = bn[has]
                with torch.no_grad():
                    dev = self._dev
                    h = target_enc(
                        torch.as_tensor(tok[nb], device=dev),
                        torch.as_tensor(ln[nb], device=dev),
                        torch.as_tensor(od[nb], device=dev),
                    )
                    boot[has] = target_q(h).max(1).values.cpu().numpy()
            # Bellman targets of both actions: the next state does not depend on the action and Table 1 gives the
            # reward of either action for the replayed state's pseudo-label
            r_both = reward[od[bs], :, label[bs]]  # (batch, 2)
            y = torch.as_tensor(r_both + p.gamma * boot[:, None], device=self._dev)
            loss = F.mse_loss(qs, y)
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(params, 5.0)
            opt.step()
            buf.add(s, nxt[s])
            lsum += loss.item()
            cnt += 1
            if (step + 1) % p.target_update == 0:
                target_enc.load_state_dict(self._enc.state_dict())
                target_q.load_state_dict(self._qnet.state_dict())
                target_enc.eval()  # drops the target's cached GAT output
            if (step + 1) % log_every == 0 or step + 1 == steps:
                self.history_["dqn"].append(
                    {
                        "step": step + 1,
                        "reward": round(rsum / cnt, 5),
                        "loss": round(lsum / cnt, 6),
                        "epsilon": round(eps_greedy, 4),
                    }
                )
                rsum, lsum, cnt = 0.0, 0.0, 0
            report(progress, 100.0 * (step + 1) / steps)

    # ------------------------------------------------------------------ detection
    def _require_fitted(self):
        if not hasattr(self, "_enc"):
            raise RuntimeError("CroTad is not fitted: call fit() or load()")

    def _actions(self, tok, ln, od, mode):
        """Window actions of many windows (0 normal / 1 anomalous)."""
        torch = self._torch
        out = np.zeros(tok.shape[0], np.int8)
        if mode == "offline":
            for o in np.unique(od):
                rows = np.flatnonzero(od == o)
                out[rows] = self._offline_labels(self._z(tok[rows], ln[rows], od[rows]), o)
            return out
        self._enc.eval()
        with torch.no_grad():
            for s in range(0, tok.shape[0], 4096):
                q = self._qnet(self._encode(tok[s : s + 4096], ln[s : s + 4096], od[s : s + 4096], grad=False))
                out[s : s + 4096] = (q[:, 1] > q[:, 0]).cpu().numpy()
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
            st, en = padded_windows(n, L)
            w = np.full((st.size, L), PAD, np.int64)
            ln = en - st + 1
            for j in range(L):
                idx = st + j
                ok = idx <= en
                w[ok, j] = t[idx[ok]]
            rows_tok.append(w)
            rows_len.append(ln)
            rows_od.append(np.full(st.size, oi, np.int64))
            owner.append((i, t, oi))
            check(cancel)
        if rows_tok:
            acts = self._actions(np.concatenate(rows_tok), np.concatenate(rows_len), np.concatenate(rows_od), mode)
            pos = 0
            for k, (i, t, oi) in enumerate(owner):
                n = t.size
                a = acts[pos : pos + n + L - 1]
                pos += n + L - 1
                v = _votes(a, n, L)
                out[i] = Detection(str(od[i]), True, a, v, self._finish_labels(v, t[0], t[-1], oi, vt))
                if k % 200 == 0:
                    report(progress, 100.0 * k / len(owner))
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

    def stream(self, vote_threshold: Optional[int] = None, record_actions: bool = False) -> "StreamDetector":
        self._require_fitted()
        return StreamDetector(self, self._vote_threshold(vote_threshold), record_actions)

    # ------------------------------------------------------------------ persistence
    def save(self, path: str, extra: Optional[dict] = None) -> None:
        self._require_fitted()
        torch = self._torch
        state = {f"enc.{k}": v for k, v in self._enc.state_dict().items() if k not in _ARRAY_BUFFERS}
        state.update(
            {f"pre.{k}": v for k, v in self._pre_enc.state_dict().items() if k not in _ARRAY_BUFFERS and k != "base"}
        )
        state.update({f"q.{k}": v for k, v in self._qnet.state_dict().items()})
        state["cells"] = torch.as_tensor(self._cells.view(np.int64))
        state["freq_tok"] = torch.as_tensor(self._freq_tok)
        state["freq_off"] = torch.as_tensor(self._freq_off)
        state["graph_edges"] = torch.as_tensor(self._graph_edges)
        off_meta = []
        for o, m in enumerate(self._off):
            state[f"off.{o}.core"] = torch.as_tensor(m["core"])
            state[f"off.{o}.core_label"] = torch.as_tensor(m["core_label"].astype(np.int64))
            state[f"off.{o}.sizes"] = torch.as_tensor(m["sizes"])
            off_meta.append({"eps": m["eps"], "k": m["k"], "n": m["n"]})
        meta = {
            "algorithm": ALGORITHM,
            "version": MODEL_VERSION,
            "params": asdict(self.params),
            "ods": self.ods_,
            "offline": off_meta,
            "graph": self.graph_stats_,
            "history": self.history_,
            "extra": extra or {},
        }
        save_model(path, meta, state)

    @classmethod
    def read_meta(cls, path: str):
        return read_model(path, ALGORITHM, MODEL_VERSION, "a CroTad one")

    @classmethod
    def load(cls, path: str, device: str = "auto", n_threads: Optional[int] = None) -> "CroTad":
        meta, state = cls.read_meta(path)
        model = cls(params_from_meta(CroTadParams, meta["params"]), device=device, n_threads=n_threads)
        model._setup()
        torch = model._torch
        try:
            model.ods_ = list(meta["ods"])
            model._od_index = {k: i for i, k in enumerate(model.ods_)}
            model._cells = state["cells"].numpy().view(np.uint64)
            model._freq_tok = state["freq_tok"].numpy()
            model._freq_off = state["freq_off"].numpy()
            model._graph_edges = state["graph_edges"].numpy()
            model.graph_stats_ = meta.get("graph", {})
            model.history_ = meta.get("history", {})
            model.extra_ = meta.get("extra", {})
            V = model._cells.size + N_SPECIAL
            enc, _dec, qnet = _build_net(torch, V, len(model.ods_), model.params, model._route_graphs(V))
            arrays = {k: v for k, v in enc.state_dict().items() if k in _ARRAY_BUFFERS}
            enc_state = {k[4:]: v for k, v in state.items() if k.startswith("enc.")}
            enc.load_state_dict({**enc_state, **arrays})
            qnet.load_state_dict({k[2:]: v for k, v in state.items() if k.startswith("q.")})
            pre_enc = copy.deepcopy(enc)
            pre_enc.load_state_dict(
                {**{k[4:]: v for k, v in state.items() if k.startswith("pre.")}, **arrays, "base": enc_state["base"]}
            )
            model._off = []
            for o, m in enumerate(meta["offline"]):
                model._off.append(
                    {
                        "eps": float(m["eps"]),
                        "k": int(m["k"]),
                        "n": int(m["n"]),
                        "core": state[f"off.{o}.core"].numpy(),
                        "core_label": state[f"off.{o}.core_label"].numpy(),
                        "sizes": state[f"off.{o}.sizes"].numpy(),
                    }
                )
        except (KeyError, RuntimeError, ValueError) as e:
            raise ModelFileError(f"{path}: the CroTad model file is incomplete or does not match its parameters ({e})")
        model._enc = enc.to(model._dev).eval()
        model._pre_enc = pre_enc.to(model._dev).eval()
        model._qnet = qnet.to(model._dev).eval()
        return model


_ARRAY_BUFFERS = ("node_tok", "node_of", "edge_src", "edge_dst")


# ============================================================================================ streaming
class StreamDetector:
    """Online detection one point at a time. ``push(key, od, cell)`` returns the cells whose label became final
    (tuples ``(key, position, votes, label)``; position = index in the trajectory's cell sequence with consecutive
    duplicates removed); ``finish(key)`` flushes the last L - 1 cells. Each push runs the encoder on one window."""

    def __init__(self, model: CroTad, vote_threshold: int, record_actions: bool = False):
        self.m = model
        self.vt = vote_threshold
        self.L = model.window
        self._s: Dict[object, dict] = {}
        #: with ``record_actions``: every window action of each trajectory, in padded-window order (as
        #: :meth:`CroTad.detect`'s ``actions``); kept after ``finish`` (memory grows with the trajectories)
        self.actions: Optional[Dict[object, List[int]]] = {} if record_actions else None

    def _decide(self, key, s, toks) -> None:
        a = self._act(toks, s["od"])
        s["acts"].append(a)
        if self.actions is not None:
            self.actions.setdefault(key, []).append(a)

    def _act(self, toks: List[int], oi: int) -> int:
        torch = self.m._torch
        L = self.L
        w = np.full((1, L), PAD, np.int64)
        w[0, : len(toks)] = toks
        with torch.no_grad():
            q = self.m._qnet(self.m._encode(w, np.array([len(toks)]), np.array([oi]), grad=False))
        return int(q[0, 1] > q[0, 0])

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
        for k in range(n, n + self.L - 1):  # shrinking windows at the end: cells max(0, k - L + 1) .. n - 1
            self._decide(key, s, toks[len(toks) - (n - max(0, k - self.L + 1)) :])
        first = max(0, min(n - self.L + 1, n - 1))
        return [self._final(key, s, j, last=(j == n - 1)) for j in range(first, n)]

    @property
    def open_keys(self) -> list:
        return list(self._s)


# ============================================================================================ helpers
def reward_theta(P: int, N: int) -> float:
    """theta = P / N of Table 1 (P normal, N anomalous pseudo-labels; a count of 0 is taken as 1 so that an OD
    without pseudo-anomalies still gets finite rewards)."""
    return max(int(P), 1) / max(int(N), 1)


def biased_reward(P: int, N: int) -> np.ndarray:
    """Table 1: reward[action, pseudo label] with theta = :func:`reward_theta`."""
    P, N = max(int(P), 1), max(int(N), 1)
    theta = reward_theta(P, N)
    return np.array([[(P + N) / P, -(P + N) / N - theta], [-(P + N) / P, (P + N) / N + theta]], np.float32)


def _nt_xent(torch, z, tau):
    """Eq. 4 averaged over the 2M views (z normalised, views i and i + M are positives)."""
    m = z.shape[0] // 2
    sim = z @ z.t() / tau
    sim.fill_diagonal_(-1e30)
    target = torch.cat([torch.arange(m, 2 * m), torch.arange(0, m)]).to(z.device)
    return torch.nn.functional.cross_entropy(sim, target)


def _weight(s, d1, d2):
    """Eq. 13."""
    return np.where(s >= d1, 1.0, np.where(s > d2, 0.0, -1.0))


_EPS_QUANTILES = (0.3, 0.5, 0.7, 0.8, 0.9, 0.95)


def _dbscan_model(zu, cnt, eps, ms, n):
    """DBSCAN on the distinct windows ``zu`` weighted by their counts: what Eq. 24 needs to label new windows."""
    from sklearn.cluster import DBSCAN

    lab = DBSCAN(eps=eps, min_samples=ms).fit(zu, sample_weight=cnt)
    labels = lab.labels_
    n_clusters = int(labels.max()) + 1 if labels.size else 0
    sizes = (
        np.bincount(labels[labels >= 0], weights=cnt[labels >= 0], minlength=n_clusters).astype(np.int64)
        if n_clusters
        else np.zeros(0, np.int64)
    )
    core = lab.core_sample_indices_
    # the partition DBSCAN makes: its clusters plus every noise window as a cluster of its own
    k = n_clusters + int(cnt[labels < 0].sum())
    return {
        "eps": float(eps),
        "core": zu[core].astype(np.float32),
        "core_label": labels[core],
        "sizes": sizes,
        "k": k,
        "n": int(n),
    }


class _WindowPool:
    """All padded windows of the training trajectories: tokens (n, L), lengths, OD index, next window (-1 last)."""

    def __init__(self, toks: List[np.ndarray], od_idx: np.ndarray, L: int):
        parts, lens, ods, nxt = [], [], [], []
        pos = 0
        for t, o in zip(toks, od_idx):
            n = t.size
            st, en = padded_windows(n, L)
            w = np.full((st.size, L), PAD, np.int64)
            for j in range(L):
                idx = st + j
                ok = idx <= en
                w[ok, j] = t[idx[ok]]
            parts.append(w)
            lens.append(en - st + 1)
            ods.append(np.full(st.size, o, np.int64))
            nx = np.arange(pos + 1, pos + st.size + 1, dtype=np.int64)
            nx[-1] = -1
            nxt.append(nx)
            pos += st.size
        self.tok = np.concatenate(parts)
        self.len = np.concatenate(lens).astype(np.int64)
        self.od = np.concatenate(ods)
        self.next = np.concatenate(nxt)
        self.n = self.tok.shape[0]
        self._by_od = [np.flatnonzero(self.od == o) for o in range(int(self.od.max()) + 1)]

    def od_balanced_weights(self):
        cnt = np.bincount(self.od).astype(float)
        w = 1.0 / cnt[self.od]
        return w / w.sum()

    def same_od(self, od: np.ndarray, rng) -> np.ndarray:
        return np.array([self._by_od[o][rng.integers(self._by_od[o].size)] for o in od], np.int64)


class _RareTables:
    """Cells for the MIIC negatives: for every vocabulary cell, its k-hop disk as tokens (UNK outside the graph), and
    per OD the rare cells around its frequent ones (S_neg^od near the route) and its frequent cells."""

    def __init__(self, model: CroTad, rng):
        import h3.api.basic_int as h3i

        p = model.params
        self.m = model
        k = int(p.k_hop)
        size = 3 * k * (k + 1) + 1
        cells = model._cells
        disk = np.full((cells.size + N_SPECIAL, size), UNK, np.int64)
        for i, c in enumerate(cells.tolist()):
            try:
                d = np.fromiter((int(v) for v in h3i.grid_disk(c, k)), np.uint64)
            except Exception:  # pentagon distortion
                d = np.array([c], np.uint64)
            d = d[d != np.uint64(c)]
            t = model.tokens(d)[:size]
            disk[i + N_SPECIAL, : t.size] = t
        self.disk = disk
        self.freq = [model._freq_tok[model._freq_off[o] : model._freq_off[o + 1]] for o in range(len(model.ods_))]
        self.rare = []
        for o, f in enumerate(self.freq):
            cand = np.unique(disk[f].reshape(-1)) if f.size else np.array([UNK])
            cand = cand[~model._is_freq(cand, np.full(cand.size, o))]
            self.rare.append(cand if cand.size else np.array([UNK]))

    def _replace(self, tok_row, positions, o, rng):
        out = tok_row.copy()
        for j in positions:
            cand = self.disk[out[j]]
            cand = cand[~self.m._is_freq(cand, np.full(cand.size, o))]
            out[j] = cand[rng.integers(cand.size)] if cand.size else UNK
        return out

    def negatives(self, tok, ln, od, per, rng):
        """``per`` negatives per window (rows grouped by window), made by the T_neg transformations."""
        b, L = tok.shape
        out = np.full((b * per, L), PAD, np.int64)
        lens = np.zeros(b * per, np.int64)
        r = 0
        for i in range(b):
            n, o = int(ln[i]), int(od[i])
            s = tok[i, :n]
            for _ in range(per):
                neg = None
                for _try in range(3):
                    kind = NEG_TYPES[rng.integers(len(NEG_TYPES))]
                    if n < 2 and kind in ("shuffle", "repeat", "slice_permutation"):
                        continue
                    neg = self._make(kind, s, n, o, L, rng)
                    if neg.size != n or not np.array_equal(neg, s):
                        break
                    neg = None
                if neg is None:
                    neg = self._make("negative_combination", s, n, o, L, rng)
                out[r, : neg.size] = neg
                lens[r] = neg.size
                r += 1
        return out, lens

    def _make(self, kind, s, n, o, L, rng):
        if kind == "random_replacement":
            m = int(rng.integers(1, n + 1))
            return self._replace(s, rng.choice(n, size=m, replace=False), o, rng)
        if kind == "head_replacement":
            return self._replace(s, range(int(rng.integers(1, n + 1))), o, rng)
        if kind == "rear_replacement":
            return self._replace(s, range(n - int(rng.integers(1, n + 1)), n), o, rng)
        if kind == "negative_combination":
            return self.rare[o][rng.integers(self.rare[o].size, size=n)]
        if kind == "positive_combination":
            f = self.freq[o]
            return f[rng.integers(f.size, size=n)] if f.size else self.rare[o][rng.integers(self.rare[o].size, size=n)]
        if kind == "shuffle":
            return s[rng.permutation(n)]
        if kind == "repeat":  # go forward to j, then back over the same cells: a loop
            j = int(rng.integers(1, n))
            loop = np.concatenate([s[: j + 1], s[:j][::-1]])
            start = int(rng.integers(0, max(1, loop.size - n + 1)))
            return loop[start : start + n] if loop.size >= n else loop
        if kind == "slice_permutation":
            j = int(rng.integers(1, n))
            return np.concatenate([s[j:], s[:j]])
        raise ValueError(kind)


class _Replay:
    """Fixed-size replay buffer of (state row, next state row); rewards come from Table 1 at update time."""

    def __init__(self, size: int):
        self.cap = int(size)
        self.s = np.zeros(self.cap, np.int64)
        self.n = np.zeros(self.cap, np.int64)
        self.size = 0
        self.pos = 0

    def add(self, s, n):
        for v in zip(s, n):
            self.s[self.pos], self.n[self.pos] = v
            self.pos = (self.pos + 1) % self.cap
            self.size = min(self.size + 1, self.cap)

    def sample(self, k, rng):
        i = rng.integers(0, self.size, size=k)
        return self.s[i], self.n[i]
