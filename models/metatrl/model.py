"""MetaTRL (Yu et al., AAAI 2026): self-supervised cross-city trajectory representation learning with shared and
private parameters, as a scikit-learn shaped engine: ``MetaTRL(params).fit(target, sources)``, ``transform``
(embeddings), ``encoder()`` (a torch module for the downstream heads of :mod:`.taskfit`), ``save``/``load``.
Pure numpy + torch; no QGIS. Units are road segments (:mod:`models.core.roadnet`) or cells
(:mod:`models.core.units`).

A city is a :class:`~.params.City`: its :class:`~models.core.units.UnitNetwork` and the
:class:`~models.core.units.UnitSequences` of its trajectories. Every city has its own model (:mod:`.net`); the
parameters named ``shared`` have the same shapes in every city and are what moves between cities, the ``private``
ones are the city's own. Parameters and presets: :mod:`.params`; pre-training batches: :mod:`.pretrain`; the
pre-training loss and the cross-city meta-learning loop: :mod:`.training`. This module imports torch only when it
trains or loads.
"""

from __future__ import annotations

import time
from typing import Optional, Sequence

import numpy as np

from ..core.modelfile import MAX_LAYERS, MAX_WIDTH, ModelFileMixin, check_sizes, params_from_meta, torch_setup
from ..core.progress import CancelFn, ProgressFn, check, report
from ..core.units import UnitNetwork, UnitSequences, batch_arrays, to_tensors
from .params import City, MetaTRLDataError, MetaTRLParams, make_params

ALGORITHM = "metatrl"
MODEL_VERSION = 1

_INPUT_KEYS = ("tokens", "minute", "dow", "delta", "time_mask", "pad")
#: checks of a model file's stored sizes before the network is built (see ``check_sizes``)
_FILE_CEILINGS = {
    "d_model": MAX_WIDTH,
    "n_heads": MAX_WIDTH,
    "layers": MAX_LAYERS,
    "gat_layers": MAX_LAYERS,
    "n_buckets": 65_536,
    "position_octaves": 64,
    "max_len": 65_536,
}
_FILE_SHAPES = (
    ("d_model", "model.shared_unit_mask", 0),
    ("n_buckets", "model.shared_buckets", 0),
    ("layers", "model.shared.layers.{}.q.weight", None),
    ("gat_layers", "model.private.gat.{}.w2", None),
    ("NAF inputs", "model.private.naf.0.weight", 1),
    ("units", "model.private.fm_head.weight", 0),
)


class MetaTRL(ModelFileMixin):
    """Cross-city trajectory representation learning (see :mod:`.training`)."""

    ALGORITHM = ALGORITHM
    MODEL_VERSION = MODEL_VERSION
    FILE_LABEL = "a MetaTRL one"
    FILE_CEILINGS = _FILE_CEILINGS

    def __init__(self, params: Optional[MetaTRLParams] = None, device: str = "auto", n_threads: Optional[int] = None):
        self.params = params or make_params("fast-cpu")
        self.device = device
        self.n_threads = n_threads
        self.model_ = None  # the target city's CityModel
        self.network_: Optional[UnitNetwork] = None
        self.p_edges_: Optional[np.ndarray] = None
        self.history_: dict = {}
        self.info_: dict = {}

    def _setup(self):
        self._torch, self._dev = torch_setup(self.device, self.n_threads)
        return self._torch

    def _require_fitted(self):
        if self.model_ is None:
            raise RuntimeError("the MetaTRL model is not trained yet: call fit() or load()")

    # -------------------------------------------------------------------------------- data checks
    def _prepare(self, city: City, cap: int, role: str, rng) -> UnitSequences:
        seqs = city.sequences
        if seqs.units.size and (seqs.units.min() < 0 or seqs.units.max() >= city.network.size):
            raise MetaTRLDataError(f"{role} city '{city.name}': unit indices outside its network")
        usable = np.flatnonzero(seqs.lengths >= self.params.min_units)
        if usable.size < 2:
            raise MetaTRLDataError(
                f"{role} city '{city.name}' has {usable.size} trajectory(ies) with at least {self.params.min_units} "
                "units; MetaTRL needs at least 2 (use smaller units, or more trajectories)"
            )
        if usable.size > cap:
            usable = np.sort(rng.choice(usable, cap, replace=False))
        return seqs.subset(usable)

    # -------------------------------------------------------------------------------- training
    def fit(
        self, target: City, sources: Sequence[City] = (), progress: ProgressFn = None, cancel: CancelFn = None, log=None
    ):
        """Meta-train on ``sources`` (may be empty), then pre-train on ``target``. ``log(text)`` gets progress lines."""
        from .training import MetaTrainer

        p = self.params
        torch = self._setup()
        torch.manual_seed(p.seed)
        rng = np.random.default_rng(p.seed)
        t0 = time.time()
        tgt = self._prepare(target, p.max_target_trajectories, "target", rng)
        srcs = [(c, self._prepare(c, p.max_source_trajectories, "source", rng)) for c in sources]
        self.network_ = target.network
        self.p_edges_ = target.network.transition_probabilities(tgt)
        trainer = MetaTrainer(p, self._dev, rng, progress, cancel, log)
        target_model, hist, n_target = trainer.run(target, tgt, self.p_edges_, srcs)
        self.model_ = target_model
        self.history_ = hist
        self.info_ = {
            "target": target.name,
            "sources": [c.name for c, _ in srcs],
            "n_target_trajectories": int(len(tgt)),
            "target_epochs_run": int(n_target),
            "n_source_trajectories": {c.name: int(len(s)) for c, s in srcs},
            "n_units": int(target.network.size),
            "unit_kind": target.network.kind,
            "train_seconds": round(time.time() - t0, 1),
        }
        report(progress, 100)
        return self

    # -------------------------------------------------------------------------------- use
    def encoder(self):
        """The target city's model as a torch module: ``forward(batch)`` -> (B, d_model) embeddings, where
        ``batch`` holds tensors of :func:`models.core.units.batch_arrays`."""
        self._require_fitted()
        return self.model_

    def check_network(self, net: UnitNetwork) -> None:
        """Raise MetaTRLDataError when ``net`` is not the network the model was trained on."""
        self._require_fitted()
        if net.kind != self.network_.kind:
            raise MetaTRLDataError(f"the model was trained on {self.network_.kind} units, not {net.kind} units")
        if net.fingerprint != self.network_.fingerprint:
            raise MetaTRLDataError(
                "this road network / cell set is not the one the model was trained on (different segments or "
                "graph); use the same road layer (or unit settings) as for training"
            )

    def transform(
        self, seqs: UnitSequences, batch_size: int = 256, progress: ProgressFn = None, cancel: CancelFn = None
    ) -> np.ndarray:
        """(n, d_model) embeddings of the sequences (on the model's network); an empty sequence gets NaNs."""
        self._require_fitted()
        torch = self._torch
        model = self.model_
        model.eval()
        n = len(seqs)
        out = np.full((n, self.params.d_model), np.nan, np.float32)
        rows = np.flatnonzero(seqs.lengths > 0)
        with torch.no_grad():
            h = model.unit_states()
            for k in range(0, rows.size, batch_size):
                check(cancel)
                idx = rows[k : k + batch_size]
                b = batch_arrays(seqs, idx, self.params.max_len)
                out[idx] = model(to_tensors({key: b[key] for key in _INPUT_KEYS}, self._dev), h).cpu().numpy()
                report(progress, 100.0 * (k + idx.size) / max(rows.size, 1))
        return out

    # -------------------------------------------------------------------------------- persistence
    def _file_meta(self) -> dict:
        return {"network": self.network_.to_meta(), "history": self.history_, "info": self.info_}

    def _file_state(self) -> dict:
        torch = self._torch
        state = {f"model.{k}": v for k, v in self.model_.state_dict().items()}
        for k, v in self.network_.to_state("network.").items():
            state[k] = torch.as_tensor(np.ascontiguousarray(v))
        state["p_edges"] = torch.as_tensor(np.asarray(self.p_edges_, np.float32))
        return state

    @classmethod
    def _from_file(cls, meta: dict, state: dict, device, n_threads, path: str) -> "MetaTRL":
        from .net import CityModel

        obj = cls(params_from_meta(MetaTRLParams, meta["params"]), device=device, n_threads=n_threads)
        obj._setup()
        p = obj.params
        arrays = {k: v.numpy() for k, v in state.items() if k.startswith("network.")}
        obj.network_ = UnitNetwork.from_stored(meta["network"], arrays, "network.")
        sizes = {**vars(p), "units": obj.network_.size}
        sizes["NAF inputs"] = obj.network_.attributes.shape[1] + 4 * p.position_octaves or 1
        ids = (("units", "model.private.unit_ids.weight", 0),) if p.unit_ids else ()
        check_sizes(sizes, state, path, {}, _FILE_SHAPES + ids)
        obj.p_edges_ = state["p_edges"].numpy()
        obj.history_ = meta.get("history", {})
        obj.info_ = meta.get("info", {})
        obj.extra_ = meta.get("extra", {})
        model = CityModel(obj.params, obj.network_, obj.p_edges_).to(obj._dev)
        # buffers derived from the network are not saved; files of the first version stored them
        derived = {name for name, _ in model.named_buffers()} - set(model.state_dict())
        weights = {
            k[len("model.") :]: v
            for k, v in state.items()
            if k.startswith("model.") and k[len("model.") :] not in derived
        }
        cls.load_weights(model, weights, path)
        model.eval()
        obj.model_ = model
        return obj
