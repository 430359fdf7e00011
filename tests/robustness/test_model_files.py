"""Damaged and forged model files (issue 25): a good file of each deep estimator (E2DTC, CroTad, the mobility
embedder, MetaTRL) is copied with inflated stored sizes, without its ``params``, with a weight of another shape,
with metadata that is not JSON, truncated, or replaced by a pickle that would run code; every copy is refused with a
ModelFileError naming the file, before any network is built: the inflated sizes are loaded in a subprocess limited
to 3 GB of address space, so a regression fails instead of swapping. The adapters report such a file under
MODEL_FILE."""

import importlib
import json
import os
import resource
import subprocess
import sys
import textwrap
from contextlib import contextmanager
from pathlib import Path

import pytest

torch = pytest.importorskip("torch")
pytest.importorskip("h3")

from deeptraj.models.core.modelfile import ModelFileError  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
CLASSES = {
    "e2dtc": ("deeptraj.models.e2dtc.model", "E2DTC"),
    "crotad": ("deeptraj.models.crotad.model", "CroTad"),
    "mobility": ("deeptraj.models.mobility.model", "MobilityEmbedder"),
    "metatrl": ("deeptraj.models.metatrl.model", "MetaTRL"),
}
#: stored sizes inflated per estimator: widths and layer counts that shape the network
INFLATED = {
    "e2dtc": ["hidden_size", "embedding_size", "num_layers", "n_clusters"],
    "crotad": ["hidden", "embed_dim", "gat_layers", "gat_heads", "proj_dim"],
    "mobility": ["d_model", "lstm_hidden", "lstm_layers", "transformer_layers", "fourier_frequencies"],
    "metatrl": ["d_model", "layers", "gat_layers", "n_buckets", "position_octaves"],
}
#: a weight of each file (replaced by one of another shape, or removed)
WEIGHT = {
    "e2dtc": "embed.weight",
    "crotad": "enc.gru.weight_hh_l0",
    "mobility": "lstm.weight_hh_l0",
    "metatrl": "model.shared_buckets",
}


# ---------------------------------------------------------------------------------------------- good files
def _fit(name):
    """A tiny fitted estimator of ``name`` (the smallest fits of tests/models)."""
    if name == "e2dtc":
        from deeptraj.models.core.discretize import GridDiscretizer
        from deeptraj.models.e2dtc.model import E2DTC
        from deeptraj.models.e2dtc.params import make_params
        from deeptraj.models.synthetic.simulate import simulate_trajectories

        disc = GridDiscretizer(cell_size=200)
        seqs = disc.fit_transform(simulate_trajectories(n_trajectories=40, n_od_pairs=3, seed=11).trajs)
        small = dict(embedding_size=8, hidden_size=8, num_layers=1, skipgram_epochs=0, batch_size=32)
        params = make_params("fast-cpu", n_clusters=3, pretrain_epochs=1, selftrain_epochs=0, **small)
        return E2DTC(params, n_threads=1).fit(seqs, disc.vocab_)
    if name == "crotad":
        from deeptraj.models.crotad.model import CroTad
        from tests.models.test_crotad import TINY, _training

        tiny = dict(TINY, pretrain_epochs=1, steps_per_epoch=2, dqn_steps=10, cluster_sample=100, walks_per_node=1)
        return CroTad(seed=0, **tiny).fit(*_training(n=10))
    if name == "mobility":
        from deeptraj.models.mobility.model import MobilityEmbedder
        from tests.models.test_mobility import _lymob_sequences, _small

        return MobilityEmbedder(_small(epochs=1), n_threads=1).fit(_lymob_sequences(n_users=6, n_days=3))
    from deeptraj.models.core.units import cell_network
    from deeptraj.models.metatrl.model import MetaTRL
    from deeptraj.models.metatrl.params import City
    from deeptraj.models.synthetic.simulate import simulate_trajectories
    from tests.models.test_metatrl import _small

    net, seqs = cell_network(simulate_trajectories(seed=1, n_trajectories=40).trajs, kind="h3", resolution=10)
    return MetaTRL(_small(target_epochs=0), n_threads=1).fit(City("A", net, seqs))


@pytest.fixture(scope="module")
def good(tmp_path_factory):
    """name -> path of a good model file."""
    folder = tmp_path_factory.mktemp("models")
    paths = {}
    for name in CLASSES:
        paths[name] = folder / f"{name}.pt"
        _fit(name).save(str(paths[name]))
    return paths


def _cls(name):
    module, cls = CLASSES[name]
    return getattr(importlib.import_module(module), cls)


def _payload(path):
    return torch.load(path, map_location="cpu", weights_only=True)


def _tampered(src, dst, meta=None, state=None):
    """A copy of model file ``src`` at ``dst`` with ``meta(dict)`` / ``state(dict)`` applied."""
    payload = _payload(src)
    m = json.loads(payload["meta"])
    if meta:
        meta(m)
    if state:
        state(payload["state"])
    payload["meta"] = json.dumps(m)
    torch.save(payload, dst)
    return dst


def _inflate(src, dst, field, value):
    return _tampered(src, dst, meta=lambda m: m["params"].__setitem__(field, value))


# ---------------------------------------------------------------------------------------------- inflated sizes
_LIMITED_LOAD = textwrap.dedent(
    """
    import importlib, json, resource, signal, sys, time
    def too_slow(*_):
        raise TimeoutError("still loading after 10 s")
    signal.signal(signal.SIGALRM, too_slow)
    resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))
    sys.path.insert(0, sys.argv[1])
    from deeptraj_package import import_deeptraj
    import_deeptraj()
    out = []
    for module, cls, path in json.loads(sys.argv[2]):
        load = getattr(importlib.import_module(module), cls).load
        t0 = time.perf_counter()
        signal.alarm(10)
        try:
            load(path, device="cpu", n_threads=1)
            out.append(["loaded", "", time.perf_counter() - t0])
        except Exception as e:
            out.append([type(e).__name__, str(e)[:400], time.perf_counter() - t0])
        signal.alarm(0)
    print(json.dumps(out))
    """
)
INFLATED_CASES = [(n, f, v) for n, fields in INFLATED.items() for f in fields for v in (8192, 2**20)]


@pytest.fixture(scope="module")
def inflated_loads(good, tmp_path_factory):
    """(estimator, field, value) -> (exception name, message, seconds) of loading the inflated copy in a subprocess
    limited to 3 GB of address space (all cases in one subprocess: one torch import)."""
    folder = tmp_path_factory.mktemp("inflated")
    jobs = []
    for name, field, value in INFLATED_CASES:
        path = _inflate(good[name], folder / f"{name}-{field}-{value}.pt", field, value)
        jobs.append([*CLASSES[name], str(path)])
    proc = subprocess.run(
        [sys.executable, "-c", _LIMITED_LOAD, str(ROOT / "scripts"), json.dumps(jobs)],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=str(ROOT),
        env={**os.environ, "OMP_NUM_THREADS": "1"},
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    rows = json.loads(proc.stdout.strip().splitlines()[-1])
    return {case: (row[0], row[1], row[2], job[2]) for case, row, job in zip(INFLATED_CASES, rows, jobs)}


@pytest.mark.parametrize("case", INFLATED_CASES, ids=[f"{n}-{f}-{v}" for n, f, v in INFLATED_CASES])
def test_inflated_sizes_are_refused_before_building_the_network(inflated_loads, case):
    error, message, seconds, path = inflated_loads[case]
    name, field, value = case
    assert error == "ModelFileError", (error, message)
    assert path in message and field in message.lower() and str(value) in message, message
    assert seconds < 5.0


def test_an_inflated_size_names_the_stored_and_the_weights_value(good, tmp_path):
    path = _inflate(good["e2dtc"], tmp_path / "m.pt", "hidden_size", 8192)
    with pytest.raises(ModelFileError, match=r"do not match the weights \(hidden_size 8192, weights 8\)"):
        _cls("e2dtc").load(str(path), device="cpu")


# ---------------------------------------------------------------------------------------------- other damage
def _first_size(name):
    return INFLATED[name][0]


def _replace_weight(name):
    def change(state):
        state[WEIGHT[name]] = torch.zeros(7, 3)

    return change


DAMAGE = {
    # case -> (meta change, state change, words the message must hold)
    "no params": (lambda n: lambda m: m.pop("params"), None, "'params'"),
    "params not a dict": (lambda n: lambda m: m.__setitem__("params", [64]), None, "'params'"),
    "size not a number": (lambda n: lambda m: m["params"].__setitem__(_first_size(n), "64"), None, "not a size"),
    "negative size": (lambda n: lambda m: m["params"].__setitem__(_first_size(n), -1), None, "not a size"),
    "weight of another shape": (None, _replace_weight, "do not match"),
    "weight missing": (None, lambda n: lambda s: s.pop(WEIGHT[n]), "WEIGHT"),
    "meta without algorithm entries": (lambda n: lambda m: [m.pop(k) for k in list(m) if k not in _KEEP], None, ""),
}
_KEEP = ("algorithm", "version", "params")


@pytest.mark.parametrize("case", list(DAMAGE))
@pytest.mark.parametrize("name", list(CLASSES))
def test_damaged_files_are_refused_with_a_model_file_error(good, tmp_path, name, case):
    meta, state, words = DAMAGE[case]
    path = _tampered(good[name], tmp_path / "m.pt", meta and meta(name), state and state(name))
    with pytest.raises(ModelFileError) as info:
        _cls(name).load(str(path), device="cpu")
    message = str(info.value)
    assert str(path) in message
    assert (WEIGHT[name] if words == "WEIGHT" else words) in message, message


def _raw(src, dst, change):
    payload = _payload(src)
    change(payload)
    torch.save(payload, dst)
    return dst


class _RunsCode:
    """Unpickled with weights_only=False, this would create the folder ``marker``."""

    def __init__(self, marker):
        self.marker = marker

    def __reduce__(self):
        return (os.mkdir, (self.marker,))


@pytest.mark.parametrize("name", list(CLASSES))
def test_unreadable_files_are_refused(good, tmp_path, name):
    cls = _cls(name)
    cases = {
        "meta not JSON": lambda p: p.__setitem__("meta", "{not json"),
        "meta a JSON list": lambda p: p.__setitem__("meta", "[1, 2]"),
        "meta a JSON string": lambda p: p.__setitem__("meta", '"e2dtc"'),
        "state not a dict": lambda p: p.__setitem__("state", [torch.zeros(2)]),
        "no state": lambda p: p.pop("state"),
    }
    for case, change in cases.items():
        path = _raw(good[name], tmp_path / f"{case}.pt", change)
        with pytest.raises(ModelFileError, match="not a DeepTraj model file"):
            cls.load(str(path), device="cpu")
    data = Path(good[name]).read_bytes()
    (tmp_path / "cut.pt").write_bytes(data[: len(data) // 2])
    with pytest.raises(ModelFileError, match="not a DeepTraj model file"):
        cls.load(str(tmp_path / "cut.pt"), device="cpu")


@pytest.mark.parametrize("name", list(CLASSES))
def test_a_pickle_that_would_run_code_is_refused_and_runs_nothing(good, tmp_path, name):
    marker = tmp_path / "pwned"
    payload = _payload(good[name])
    payload["state"] = _RunsCode(str(marker))
    torch.save(payload, tmp_path / "evil.pt")
    with pytest.raises(ModelFileError, match="not a DeepTraj model file"):
        _cls(name).load(str(tmp_path / "evil.pt"), device="cpu")
    assert not marker.exists()


# ---------------------------------------------------------------------------------------------- vocabulary files
@pytest.mark.parametrize("drop", ["kind", "cells", "grid"])
def test_a_vocabulary_file_missing_an_entry_is_a_data_error(good, tmp_path, drop):
    from deeptraj.models.core.discretize import Vocabulary
    from deeptraj.models.core.trajectories import TrajectoryDataError

    vocab = json.loads(_payload(good["e2dtc"])["meta"])["vocabulary"]
    vocab.pop(drop)
    (tmp_path / "v.json").write_text(json.dumps(vocab), encoding="utf-8")
    with pytest.raises(TrajectoryDataError, match=drop):
        Vocabulary.load(str(tmp_path / "v.json"))


# ---------------------------------------------------------------------------------------------- adapters
def _vm_size():
    with open("/proc/self/status") as fh:
        return next(int(line.split()[1]) * 1024 for line in fh if line.startswith("VmSize:"))


@contextmanager
def _address_space_headroom(gib=2):
    """At most ``gib`` GiB more address space for this process while inside (the soft limit is restored)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = _vm_size() + (gib << 30)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


@pytest.mark.parametrize(
    "alg, name, field, suffix, extra",
    [
        ("crotaddetect", "crotad", "hidden", "pt", {"OUTPUT_SEGMENTS": "memory:"}),
        ("mobilityembed", "mobility", "d_model", "mobemb", {"USER_FIELD": "tid", "OUTPUT": "memory:"}),
    ],
)
def test_an_inflated_model_is_reported_under_model_file(run_alg, good, tmp_path, alg, name, field, suffix, extra):
    from qgis.core import QgsProcessingException

    from tests.layers import trajectories_layer

    path = _inflate(good[name], tmp_path / f"inflated.{suffix}", field, 8192)
    params = {"INPUT": trajectories_layer(), "TRAJ_ID_FIELD": "tid", "TIME_FIELD": "t", **extra}
    with _address_space_headroom(), pytest.raises(QgsProcessingException) as info:
        run_alg(f"deeptraj:{alg}", {**params, "MODEL_FILE": str(path)})
    assert "MODEL_FILE" in str(info.value) and "do not match the weights" in str(info.value), str(info.value)
