"""CroTad: contrastive reinforcement learning for online sub-trajectory anomaly detection (Xue et al.).

Pure engine (numpy + torch + h3 + scikit-learn). ``CroTad(...).fit(cells, od)`` learns from the H3 cell sequences of
normal(ish) trajectories, each belonging to an OD pair (or a bus route + direction); ``detect`` labels every cell of
new trajectories, ``stream()`` does the same one point at a time; ``save``/``load`` keep everything detection needs.

What it does, with the paper's equation numbers (section 4):

1. Hierarchical graph (Eq. 1-3, :mod:`.graph`): road network ∪ travel context (bus stops) ∪ mobility
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

The package splits these steps by module: :mod:`.params` (CroTadParams, presets), :mod:`.selection` (which
trajectories can train), :mod:`.graph` and :mod:`.node2vec` (1), :mod:`.net` (the torch networks of 2),
:mod:`.windows` (tokens, padded windows), :mod:`.pretrain` and :mod:`.negatives` (3), :mod:`.offline` (4),
:mod:`.dqn` (5), :mod:`.detection` and :mod:`.streaming` (6); this module holds the estimator, its fitting sequence
and its model file.
"""

from __future__ import annotations

import copy
import time
from dataclasses import asdict, fields
from typing import Optional, Sequence

import numpy as np

from ..core.modelfile import (
    MAX_LAYERS,
    MAX_WIDTH,
    ModelFileError,
    ModelFileMixin,
    check_sizes,
    params_from_meta,
    torch_setup,
)
from ..core.progress import CancelFn, ProgressFn, check, report, scaled
from . import selection
from .detection import CroTadDetection
from .dqn import fit_dqn
from .offline import fit_offline
from .params import CroTadParams, check_params
from .pretrain import pretrain
from .windows import N_SPECIAL, UNK, WindowPool

__all__ = ["ALGORITHM", "MODEL_VERSION", "CroTad"]

ALGORITHM = "crotad"
MODEL_VERSION = 1
#: encoder buffers rebuilt from the stored frequent cells and graph edges, not stored themselves
_ARRAY_BUFFERS = ("node_tok", "node_of", "edge_src", "edge_dst")
#: checks of a model file's stored sizes before the networks are built (see ``check_sizes``)
_FILE_CEILINGS = {
    "embed_dim": MAX_WIDTH,
    "hidden": MAX_WIDTH,
    "proj_dim": MAX_WIDTH,
    "gat_layers": MAX_LAYERS,
    "gat_heads": MAX_WIDTH,
    "window": 4096,
    "resolution": 15,
}
_FILE_SHAPES = (
    ("vocabulary", "enc.base", 0),
    ("embed_dim", "enc.base", 1),
    ("embed_dim", "enc.special", 1),
    ("hidden", "enc.gru.weight_hh_l0", 1),
    ("gat_layers", "enc.gat.{}.a", None),
    ("proj_dim", "enc.proj.2.weight", 0),
    ("ODs", "enc.od_emb.weight", 0),
    ("OD offsets", "freq_off", 0),
)


class CroTad(ModelFileMixin, CroTadDetection):
    """See the module docstring. ``CroTad(params)`` or ``CroTad(window=10, resolution=9, ...)``."""

    ALGORITHM = ALGORITHM
    MODEL_VERSION = MODEL_VERSION
    FILE_LABEL = "a CroTad one"
    FILE_CEILINGS = _FILE_CEILINGS

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

    def select_training(
        self, lengths, od, min_cells: int = 2, require_window: bool = True
    ) -> selection.TrainingSelection:
        """Which trajectories (``lengths``: cells of each, ``od``: OD key or None) can train this model: an OD
        value, at least ``min_cells`` cells, and an OD with 2 or more such trajectories. ValueError naming INPUT when
        none is left, WINDOW when every kept trajectory is shorter than the window (with ``require_window``); the
        counts of what was left out come back for the caller to report."""
        return selection.select_training(lengths, od, self.resolution, self.window, min_cells, require_window)

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

    def _require_fitted(self):
        if not hasattr(self, "_enc"):
            raise RuntimeError("CroTad is not fitted: call fit() or load()")

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
        from .negatives import RareTables

        p = self.params
        t0 = time.time()
        seqs, keys, sel = self._fit_inputs(cells, od)
        self._setup()
        torch = self._torch
        torch.manual_seed(int(p.seed))
        rng = np.random.default_rng(int(p.seed))

        # ---- graph + node2vec (0..15 %), S_pos^od and the networks
        check(cancel)
        graph, base = self._fit_graph(seqs, road_edges, context_edges, scaled(progress, 0, 15), cancel)
        toks, od_idx = self._fit_vocabulary(seqs, keys, graph)
        dec = self._init_nets(base)
        timings = {"graph_node2vec_s": round(time.time() - t0, 2)}
        report(progress, 15)

        # ---- training windows and negative-sampling tables
        self._train = WindowPool(toks, od_idx, self.window)
        self._rare = RareTables(self, rng)
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
        pretrain(self, dec, phi_all, rng, scaled(progress, 15, 65), cancel)
        timings["pretrain_s"] = round(time.time() - t1, 2)
        self._pre_enc = copy.deepcopy(self._enc).eval()  # the offline detector's f: frozen after pre-training

        # ---- offline detector (65..72 %)
        check(cancel)
        t1 = time.time()
        fit_offline(self, rng, cancel)
        timings["offline_s"] = round(time.time() - t1, 2)
        report(progress, 72)

        # ---- DQN (72..100 %)
        t1 = time.time()
        fit_dqn(self, rng, scaled(progress, 72, 100), cancel)
        timings["dqn_s"] = round(time.time() - t1, 2)
        self._enc.eval()
        self._qnet.eval()
        timings["fit_s"] = round(time.time() - t0, 2)
        self.history_["timings"] = timings
        report(progress, 100)
        return self

    def _fit_inputs(self, cells, od):
        """(cell sequences, OD keys, TrainingSelection) of the trajectories ``fit`` trains on."""
        if len(cells) != len(od):
            raise ValueError(f"OD_FIELD: got {len(od)} OD values for {len(cells)} trajectories")
        keys_all = [None if o is None else str(o) for o in od]
        seqs_all = [np.asarray(c, dtype=np.uint64) for c in cells]
        sel = self.select_training([c.size for c in seqs_all], keys_all, min_cells=1, require_window=False)
        return [seqs_all[i] for i in sel.index], [keys_all[i] for i in sel.index], sel

    def _fit_graph(self, seqs, road_edges, context_edges, progress, cancel):
        """(hierarchical graph of the training cells, its node2vec vectors); the graph's cells become the
        vocabulary."""
        from .graph import HierarchicalGraph
        from .node2vec import node2vec

        p = self.params
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
            progress=progress,
            cancel=cancel,
        )
        return graph, base

    def _fit_vocabulary(self, seqs, keys, graph):
        """The ODs, S_pos^od of each (Eq. 6) and the graph edges as tokens; (tokens of each sequence, OD index of
        each sequence)."""
        from ..core.cells import frequent_cells

        ods = sorted(set(keys))
        self.ods_ = ods
        self._od_index = {k: i for i, k in enumerate(ods)}
        od_idx = np.array([self._od_index[k] for k in keys], np.int64)
        toks = [self.tokens(s) for s in seqs]
        freq = []
        for k in ods:
            f = frequent_cells([s for s, kk in zip(seqs, keys) if kk == k], self.params.freq_threshold)
            freq.append(np.sort(self.tokens(np.fromiter(f, np.uint64, len(f)))))
        self._freq_off = np.concatenate([[0], np.cumsum([f.size for f in freq])]).astype(np.int64)
        self._freq_tok = np.concatenate(freq) if freq else np.zeros(0, np.int64)
        self._graph_edges = graph.edges.astype(np.int64) + N_SPECIAL  # token pairs
        self.graph_stats_ = dict(graph.stats)
        return toks, od_idx

    def _init_nets(self, base):
        """Encoder and Q network on the device (the encoder's base vectors: node2vec's ``base``); returns the
        decoder used by pre-training."""
        from . import net

        torch = self._torch
        V = self._cells.size + N_SPECIAL
        enc, dec, qnet = net.build_nets(V, len(self.ods_), self.params, self._route_graphs(V))
        enc.base[N_SPECIAL:] = torch.as_tensor(base, dtype=torch.float32)
        self._enc, self._qnet = enc.to(self._dev), qnet.to(self._dev)
        return dec.to(self._dev)

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

    # ------------------------------------------------------------------ encoder outputs
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

    def _z(self, tok, ln, od, batch=4096, cancel: CancelFn = None):
        """Normalised projections z of windows by the pre-trained encoder (what the offline detector clusters);
        ``cancel`` checked every batch."""
        F = self._torch.nn.functional
        out = []
        with self._torch.no_grad():
            for s in range(0, tok.shape[0], batch):
                check(cancel)
                h = self._encode(
                    tok[s : s + batch], ln[s : s + batch], od[s : s + batch], grad=False, enc=self._pre_enc
                )
                out.append(F.normalize(self._pre_enc.proj(h), dim=1).cpu().numpy())
        return np.concatenate(out) if out else np.zeros((0, self.params.proj_dim), np.float32)

    # ------------------------------------------------------------------ model file (ModelFileMixin hooks)
    def _file_meta(self) -> dict:
        return {
            "ods": self.ods_,
            "offline": [{"eps": m["eps"], "k": m["k"], "n": m["n"]} for m in self._off],
            "graph": self.graph_stats_,
        }

    def _file_state(self) -> dict:
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
        for o, m in enumerate(self._off):
            state[f"off.{o}.core"] = torch.as_tensor(m["core"])
            state[f"off.{o}.core_label"] = torch.as_tensor(m["core_label"].astype(np.int64))
            state[f"off.{o}.sizes"] = torch.as_tensor(m["sizes"])
        return state

    @classmethod
    def _from_file(cls, meta, state, device, n_threads, path) -> "CroTad":
        model = cls(params_from_meta(CroTadParams, meta["params"]), device=device, n_threads=n_threads)
        model._setup()
        try:
            model.ods_ = list(meta["ods"])
            model._od_index = {k: i for i, k in enumerate(model.ods_)}
            model._cells = state["cells"].numpy().view(np.uint64)
            model._freq_tok = state["freq_tok"].numpy()
            model._freq_off = state["freq_off"].numpy()
            model._graph_edges = state["graph_edges"].numpy()
            sizes = {**vars(model.params), "vocabulary": model._cells.size + N_SPECIAL, "ODs": max(len(model.ods_), 1)}
            sizes["OD offsets"] = len(model.ods_) + 1
            heads = (("gat_heads", "enc.gat.0.a", 0),) if model.params.gat_layers else ()
            check_sizes(sizes, state, path, {}, _FILE_SHAPES + heads)
            model.graph_stats_ = meta.get("graph", {})
            model.history_ = meta.get("history", {})
            model.extra_ = meta.get("extra", {})
            enc, pre_enc, qnet = model._restore_nets(state)
            model._off = [
                {
                    "eps": float(m["eps"]),
                    "k": int(m["k"]),
                    "n": int(m["n"]),
                    "core": state[f"off.{o}.core"].numpy(),
                    "core_label": state[f"off.{o}.core_label"].numpy(),
                    "sizes": state[f"off.{o}.sizes"].numpy(),
                }
                for o, m in enumerate(meta["offline"])
            ]
        except ModelFileError:
            raise
        except (KeyError, RuntimeError, ValueError) as e:
            raise ModelFileError(f"{path}: the CroTad model file is incomplete or does not match its parameters ({e})")
        model._enc = enc.to(model._dev).eval()
        model._pre_enc = pre_enc.to(model._dev).eval()
        model._qnet = qnet.to(model._dev).eval()
        return model

    def _restore_nets(self, state):
        """(encoder, pre-trained encoder, Q network) with the stored weights; the graph buffers are rebuilt from the
        frequent cells and edges."""
        from . import net

        V = self._cells.size + N_SPECIAL
        enc, _dec, qnet = net.build_nets(V, len(self.ods_), self.params, self._route_graphs(V))
        arrays = {k: v for k, v in enc.state_dict().items() if k in _ARRAY_BUFFERS}
        enc_state = {k[4:]: v for k, v in state.items() if k.startswith("enc.")}
        enc.load_state_dict({**enc_state, **arrays})
        qnet.load_state_dict({k[2:]: v for k, v in state.items() if k.startswith("q.")})
        pre_enc = copy.deepcopy(enc)
        pre_enc.load_state_dict(
            {**{k[4:]: v for k, v in state.items() if k.startswith("pre.")}, **arrays, "base": enc_state["base"]}
        )
        return enc, pre_enc, qnet
