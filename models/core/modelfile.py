"""Model files of the deep engines (one torch file holding a JSON metadata string and a dict of tensors), and the
torch set-up they share.

No pickled Python objects: files are read with ``torch.load(..., weights_only=True)``, so opening a model never
executes code. Writes are atomic (temporary file + ``os.replace``): an existing model is never left half-written.
"""

from __future__ import annotations

import json
import os


class ModelFileError(ValueError):
    """A model file that cannot be used: not a model, another algorithm, or a newer version."""


def torch_setup(device: str = "auto", n_threads=None):
    """(the torch module, the device): CUDA when ``device`` is "auto" and a GPU is present; ``n_threads`` caps the
    CPU threads (leave a core to QGIS)."""
    import torch

    if n_threads:
        torch.set_num_threads(int(n_threads))
    if device == "auto":
        return torch, torch.device("cuda" if torch.cuda.is_available() else "cpu")
    return torch, torch.device(device)


def params_from_preset(params_cls, presets: dict, preset: str, overrides: dict, label: str):
    """``params_cls`` with the values of ``presets[preset]`` and the given ``overrides`` (None = keep the preset's);
    an unknown preset or parameter name is a ValueError naming ``label``."""
    from dataclasses import fields

    if preset not in presets:
        raise ValueError(f"unknown preset {preset!r}; choose one of {', '.join(presets)}")
    unknown = set(overrides) - {f.name for f in fields(params_cls)}
    if unknown:
        raise ValueError(f"unknown {label} parameter(s): {', '.join(sorted(unknown))}")
    values = dict(presets[preset])
    values.update({k: v for k, v in overrides.items() if v is not None})
    return params_cls(**values)


def params_from_meta(params_cls, values: dict):
    """A parameters dataclass from a model file's stored values (keys this version does not know are ignored)."""
    from dataclasses import fields

    known = {f.name for f in fields(params_cls)}
    return params_cls(**{k: v for k, v in values.items() if k in known})


def atomic_write(path: str, write, binary: bool = False) -> None:
    """Call ``write(file)`` on a temporary file beside ``path``, then rename it over ``path``: an existing file is
    replaced whole or left untouched, and no temporary file is left behind on failure."""
    tmp = f"{path}.tmp-{os.getpid()}"
    try:
        with open(tmp, "wb" if binary else "w", **({} if binary else {"encoding": "utf-8"})) as fh:
            write(fh)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)


def save_model(path: str, meta: dict, state: dict) -> None:
    """Write ``meta`` (JSON-serialisable) and ``state`` (name -> tensor) to ``path`` atomically."""
    import torch

    payload = {"meta": json.dumps(meta), "state": {k: v.detach().cpu() for k, v in state.items()}}
    atomic_write(path, lambda fh: torch.save(payload, fh), binary=True)


def read_model(path: str, algorithm: str, version: int, label: str):
    """(meta dict, state dict) of a model file written for ``algorithm`` with a version up to ``version``.

    ``label`` names the algorithm in messages (e.g. "an E2DTC one")."""
    import torch

    try:
        payload = torch.load(path, map_location="cpu", weights_only=True)
        meta = json.loads(payload["meta"])
    except FileNotFoundError:
        raise ModelFileError(f"model file not found: {path}")
    except Exception as e:  # noqa: BLE001 - any unreadable file is reported the same way
        raise ModelFileError(f"{path} is not a DeepTraj model file ({type(e).__name__}: {e})")
    if meta.get("algorithm") != algorithm:
        raise ModelFileError(f"{path} is a '{meta.get('algorithm')}' model, not {label}")
    if int(meta.get("version", 0)) > version:
        raise ModelFileError(f"{path} was written by a newer DeepTraj (model version {meta.get('version')})")
    return meta, payload["state"]


class ModelFileMixin:
    """``save`` / ``read_meta`` / ``load`` of an estimator whose file is one :func:`save_model` payload.

    A subclass sets ``ALGORITHM`` (the name stored in the file), ``MODEL_VERSION`` and ``FILE_LABEL`` (how messages
    name the expected kind, e.g. "an E2DTC one"), and implements three hooks:

    - ``_file_meta(self) -> dict``: what the file stores beside algorithm/version/params/history/extra;
    - ``_file_state(self) -> dict``: name -> tensor (the network's ``state_dict`` plus any extra tensors);
    - ``_from_file(cls, meta, state, device, n_threads, path)``: the fitted estimator rebuilt from a file.

    ``params`` (a dataclass), ``history_`` and ``_require_fitted()`` are the estimator's own.
    """

    ALGORITHM = ""
    MODEL_VERSION = 1
    FILE_LABEL = ""

    def save(self, path: str, extra=None) -> None:
        """Write algorithm, version, parameters, the estimator's own metadata, history and weights atomically
        (torch format, no pickled objects: it loads with ``weights_only=True``)."""
        from dataclasses import asdict

        self._require_fitted()
        meta = {"algorithm": self.ALGORITHM, "version": self.MODEL_VERSION, "params": asdict(self.params)}
        meta.update(self._file_meta())
        meta.setdefault("history", getattr(self, "history_", {}))
        meta["extra"] = extra or {}
        save_model(path, meta, self._file_state())

    @classmethod
    def read_meta(cls, path: str):
        """(meta, state) of a file written for this algorithm (ModelFileError otherwise)."""
        return read_model(path, cls.ALGORITHM, cls.MODEL_VERSION, cls.FILE_LABEL)

    @classmethod
    def load(cls, path: str, device: str = "auto", n_threads=None):
        meta, state = cls.read_meta(path)
        return cls._from_file(meta, dict(state), device, n_threads, path)

    @staticmethod
    def load_weights(net, state: dict, path: str) -> None:
        """``net.load_state_dict(state)``; weights that do not fit the stored parameters are a ModelFileError."""
        try:
            net.load_state_dict(state)
        except RuntimeError as e:
            raise ModelFileError(f"{path}: the weights do not match the stored parameters ({e})")
