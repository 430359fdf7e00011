"""`make setup`'s PyTorch choice (scripts/torch_plan.py, read by scripts/setup_env.sh): TORCH=auto|cpu|cuda, the GPU
found by a (fake) `nvidia-smi -L` on PATH, CI, and what is already installed or installable. Nothing is installed."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from deeptraj.plugin import dependencies

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "torch_plan.py"
PIN = next(r for r in dependencies.read_requirements() if r.startswith("torch"))
VERSION = PIN.split("==", 1)[1]
CPU_INDEX = "https://download.pytorch.org/whl/cpu"

sys.path.insert(0, str(ROOT / "scripts"))
import torch_plan  # noqa: E402


@pytest.fixture()
def fake_smi(tmp_path):
    """A folder to put first on PATH with an `nvidia-smi` that lists one GPU (gpu=True) or fails as it does
    without a driver (gpu=False)."""

    def make(gpu: bool) -> str:
        folder = tmp_path / ("gpu" if gpu else "nogpu")
        folder.mkdir(exist_ok=True)
        smi = folder / "nvidia-smi"
        if gpu:
            smi.write_text('#!/bin/sh\n[ "$1" = "-L" ] && echo "GPU 0: NVIDIA H100 80GB HBM3 (UUID: GPU-1234)"\n')
        else:
            smi.write_text(
                "#!/bin/sh\necho \"NVIDIA-SMI has failed because it couldn't communicate with the driver\"\nexit 9\n"
            )
        smi.chmod(0o755)
        return str(folder)

    return make


def _plan(path_dir, *args, ci="no", torch=None):
    env = dict(os.environ, PATH=path_dir + os.pathsep + os.environ.get("PATH", ""))
    env.pop("TORCH", None)
    if torch is not None:
        env["TORCH"] = torch
    out = subprocess.run(
        [sys.executable, str(SCRIPT), "--shell", "--ci", ci, "--platform", "linux", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    values = dict(line.split("=", 1) for line in out.stdout.splitlines())
    return {k: v.strip("'") for k, v in values.items()}, out.stderr


def test_nvidia_smi_listing_a_gpu_is_detected_and_a_failing_one_is_not(fake_smi, monkeypatch):
    monkeypatch.setenv("PATH", fake_smi(True) + os.pathsep + os.environ["PATH"])
    assert dependencies.nvidia_gpus() == ["GPU 0: NVIDIA H100 80GB HBM3 (UUID: GPU-1234)"]
    assert dependencies.has_nvidia_gpu() and dependencies.torch_variant("auto", ci=False) == "cuda"
    assert dependencies.torch_variant("auto", ci=True) == "cpu"  # CI never gets CUDA unasked
    monkeypatch.setenv("PATH", fake_smi(False) + os.pathsep + os.environ["PATH"])
    assert dependencies.nvidia_gpus() == [] and dependencies.torch_variant("auto", ci=False) == "cpu"
    monkeypatch.setenv("PATH", str(Path(fake_smi(False)).parent / "empty"))  # no nvidia-smi at all
    assert dependencies.nvidia_gpus() == []
    with pytest.raises(ValueError, match="auto, cpu, cuda"):
        dependencies.torch_variant("gpu")


def test_auto_with_a_gpu_plans_the_cuda_build_and_says_it_is_several_gb(fake_smi):
    values, text = _plan(fake_smi(True), "--installed", "none")
    assert values == {"TORCH_VARIANT": "cuda", "TORCH_ACTION": "install", "TORCH_SPEC": PIN, "TORCH_INDEX": ""}
    assert "an NVIDIA GPU was found" in text and "several GB" in text and "GPU 0: NVIDIA H100" in text


def test_auto_without_a_gpu_or_in_ci_never_plans_cuda(fake_smi):
    args = ("--installed", "none", "--local-cpu", "no", "--index-reachable", "yes")
    for path_dir, ci in ((fake_smi(False), "no"), (fake_smi(True), "yes")):
        values, text = _plan(path_dir, *args, ci=ci)
        assert values == {
            "TORCH_VARIANT": "cpu",
            "TORCH_ACTION": "install",
            "TORCH_SPEC": f"torch=={VERSION}+cpu",  # only the CPU build satisfies it
            "TORCH_INDEX": CPU_INDEX,
        }
        assert "about 200 MB" in text
    assert "CI always gets the CPU build" in text


def test_cpu_uses_a_wheel_pip_already_has_and_keeps_an_installed_torch(fake_smi):
    values, text = _plan(fake_smi(False), "--installed", "none", "--local-cpu", "yes", "--index-reachable", "no")
    assert values["TORCH_SPEC"] == f"torch=={VERSION}+cpu" and values["TORCH_INDEX"] == ""
    assert values["TORCH_ACTION"] == "install" and "nothing is fetched from PyTorch's index" in text
    for installed in (f"{VERSION}+cpu", VERSION):
        values, text = _plan(fake_smi(True), "--installed", installed, torch="cpu")
        assert values["TORCH_ACTION"] == "keep" and values["TORCH_VARIANT"] == "cpu"
        assert "nothing is downloaded" in text
    values, _ = _plan(fake_smi(False), "--installed", "1.0.0", "--local-cpu", "yes", torch="cpu")
    assert values["TORCH_ACTION"] == "install"  # another version than the pin is replaced


def test_cpu_with_the_index_unreachable_is_an_error_never_a_cuda_download(fake_smi):
    values, text = _plan(fake_smi(False), "--installed", "none", "--local-cpu", "no", "--index-reachable", "no")
    assert values["TORCH_ACTION"] == "error" and values["TORCH_VARIANT"] == "cpu"
    assert "cannot be reached" in text and "TORCH=cuda" in text and "PIP_FIND_LINKS" in text
    # and setup_env.sh stops on it before pip runs
    script = (
        f'eval "$("{sys.executable}" "{SCRIPT}" --shell --ci no --torch cpu --installed none --local-cpu no '
        f'--index-reachable no --platform linux)"; echo "action=$TORCH_ACTION"'
    )
    out = subprocess.run(["bash", "-c", script], capture_output=True, text=True, timeout=120)
    assert out.stdout.strip() == "action=error"


def test_cuda_replaces_a_cpu_build_but_keeps_a_cuda_one(fake_smi):
    values, text = _plan(fake_smi(False), "--installed", f"{VERSION}+cpu", torch="cuda")
    assert values == {"TORCH_VARIANT": "cuda", "TORCH_ACTION": "replace", "TORCH_SPEC": PIN, "TORCH_INDEX": ""}
    assert "TORCH=cuda" in text and "several GB" in text
    values, _ = _plan(fake_smi(False), "--installed", VERSION, torch="cuda")
    assert values["TORCH_ACTION"] == "keep"


def test_decide_asks_the_slow_probes_only_when_needed():
    asked = []

    def probe(name, answer):
        return lambda: asked.append(name) or answer

    plan = torch_plan.decide(
        "cpu",
        PIN,
        gpu=False,
        ci=False,
        installed=VERSION + "+cpu",
        local_cpu=probe("local", True),
        index_reachable=probe("index", True),
    )
    assert plan.action == "keep" and asked == []
    plan = torch_plan.decide(
        "cpu",
        PIN,
        gpu=False,
        ci=False,
        installed=None,
        local_cpu=probe("local", True),
        index_reachable=probe("index", True),
    )
    assert plan.index == "" and asked == ["local"]
    plan = torch_plan.decide("cpu", PIN, gpu=False, ci=False, installed=None, platform="darwin")
    assert (plan.action, plan.spec, plan.index) == ("install", PIN, "")  # PyPI's macOS wheels are CPU-only


def test_probes_of_this_environment():
    import importlib.metadata

    assert torch_plan.installed_torch(sys.executable) == importlib.metadata.version("torch")
    assert torch_plan.installed_torch(str(ROOT / "no-such-python")) is None
    assert torch_plan.reachable("http://127.0.0.1:9/whl/cpu", timeout=2) is False


def test_an_unknown_choice_is_refused(fake_smi):
    out = subprocess.run(
        [sys.executable, str(SCRIPT), "--torch", "gpu", "--installed", "none"], capture_output=True, text=True
    )
    assert out.returncode == 2 and "TORCH must be one of auto, cpu, cuda" in out.stderr
