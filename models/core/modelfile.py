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
        meta, state = json.loads(payload["meta"]), payload["state"]
        if not isinstance(meta, dict) or not isinstance(state, dict):
            raise TypeError("its metadata or weights are not a table")
        stored_version = int(meta.get("version", 0))
    except FileNotFoundError:
        raise ModelFileError(f"model file not found: {path}")
    except Exception as e:  # noqa: BLE001 - any unreadable file is reported the same way
        first_line = (str(e).strip().splitlines() or [""])[0]  # torch's refusal of a pickle runs over many lines
        raise ModelFileError(f"{path} is not a DeepTraj model file ({type(e).__name__}: {first_line})")
    if meta.get("algorithm") != algorithm:
        raise ModelFileError(f"{path} is a '{meta.get('algorithm')}' model, not {label}")
    if stored_version > version:
        raise ModelFileError(f"{path} was written by a newer DeepTraj (model version {meta.get('version')})")
    return meta, state


#: the largest width (hidden, embedding size) and layer count a model file may store: larger is a damaged file
MAX_WIDTH = 16_384
MAX_LAYERS = 64


def check_sizes(sizes: dict, state: dict, path: str, ceilings: dict, expectations=()) -> None:
    """Refuse a model file whose stored sizes are absurd or disagree with its weights, before any network is built
    (so that a forged size never allocates a network).

    ``sizes``: name -> stored value (the file's parameters, plus sizes stored elsewhere such as a vocabulary's);
    ``ceilings``: name -> the largest sane value (each of these must be a whole number from 0 to it);
    ``expectations``: (name, tensor, axis): ``sizes[name]`` must equal ``state[tensor].shape[axis]``; with axis None
    the tensor name holds ``{}`` and ``sizes[name]`` must be the count of layers (``tensor.format(0)``, ... stored).
    """
    for name, ceiling in ceilings.items():
        value = sizes.get(name)
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= ceiling:
            raise ModelFileError(f"{path}: the stored {name} {value!r} is not a size from 0 to {ceiling}")
    for name, tensor, axis in expectations:
        if axis is None:
            stored = 0
            while tensor.format(stored) in state:
                stored += 1
        elif tensor not in state:
            raise ModelFileError(f"{path}: the model file lacks the weight '{tensor}'")
        else:
            shape = tuple(state[tensor].shape)
            stored = shape[axis] if -len(shape) <= axis < len(shape) else None
        if sizes.get(name) != stored:
            raise ModelFileError(
                f"{path}: the stored parameters do not match the weights ({name} {sizes.get(name)}, weights {stored})"
            )


class ModelFileMixin:
    """``save`` / ``read_meta`` / ``load`` of an estimator whose file is one :func:`save_model` payload.

    A subclass sets ``ALGORITHM`` (the name stored in the file), ``MODEL_VERSION`` and ``FILE_LABEL`` (how messages
    name the expected kind, e.g. "an E2DTC one"), and implements three hooks:

    - ``_file_meta(self) -> dict``: what the file stores beside algorithm/version/params/history/extra;
    - ``_file_state(self) -> dict``: name -> tensor (the network's ``state_dict`` plus any extra tensors);
    - ``_from_file(cls, meta, state, device, n_threads, path)``: the fitted estimator rebuilt from a file.

    ``params`` (a dataclass), ``history_`` and ``_require_fitted()`` are the estimator's own. ``FILE_CEILINGS``
    (name -> largest sane value) bounds the stored sizes before ``_from_file`` runs (see :func:`check_sizes`).
    """

    ALGORITHM = ""
    MODEL_VERSION = 1
    FILE_LABEL = ""
    FILE_CEILINGS: dict = {}

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
        """The fitted estimator of ``path``; a file that cannot be rebuilt is a ModelFileError naming it."""
        meta, state = cls.read_meta(path)
        params = meta.get("params")
        if not isinstance(params, dict):
            raise ModelFileError(f"{path}: the model file lacks its stored parameters ('params')")
        check_sizes(params, state, path, {k: c for k, c in cls.FILE_CEILINGS.items() if k in params})
        try:
            return cls._from_file(meta, dict(state), device, n_threads, path)
        except ModelFileError:
            raise
        except (KeyError, TypeError, RuntimeError, ValueError, IndexError, AttributeError, AssertionError) as e:
            what = f"missing entry {e}" if isinstance(e, KeyError) else f"{type(e).__name__}: {e}"
            raise ModelFileError(f"{path}: the model file is damaged or incomplete ({what})")

    @staticmethod
    def load_weights(net, state: dict, path: str) -> None:
        """``net.load_state_dict(state)``; weights that do not fit the stored parameters are a ModelFileError."""
        try:
            net.load_state_dict(state)
        except RuntimeError as e:
            raise ModelFileError(f"{path}: the weights do not match the stored parameters ({e})")
