"""Which PyTorch build ``make setup`` installs, and from where: the decision of scripts/setup_env.sh, testable
without installing anything.

The choice is ``TORCH=auto|cpu|cuda`` (default ``auto``: CUDA only when ``nvidia-smi -L`` lists a GPU and not in
CI; the detection is the plugin installer's, :func:`deeptraj.plugin.dependencies.torch_variant`). Then, for the
torch pin of requirements.txt (``torch==V``):

- **keep** when torch V is already installed (any build): nothing is downloaded. The one exception is
  ``TORCH=cuda`` over a CPU build (``V+cpu``), which is replaced by the CUDA build.
- **cpu**: ``torch==V+cpu``, so only the CPU build can satisfy it and pip fails rather than falling back to the
  several-GB CUDA build of PyPI. From pip's configured sources when they have that wheel (a local wheel folder or a
  mirror: nothing comes from PyTorch's index), else from PyTorch's CPU index (about 200 MB), checked to be
  reachable first; when it is not, the plan is an error that says what to do, never a silent CUDA download. On
  macOS the PyPI wheels are CPU-only: the plain pin.
- **cuda**: the plain pin from pip's configured sources (PyPI's Linux build: CUDA, several GB).

Usage (setup_env.sh runs the second form and evaluates its output; the plan itself goes to stderr)::

    python scripts/torch_plan.py [--torch auto|cpu|cuda] [--python .venv/bin/python]
    python scripts/torch_plan.py --shell ...      # TORCH_VARIANT=... TORCH_ACTION=... TORCH_SPEC=... TORCH_INDEX=...

The probes can be given instead of run (for the tests): ``--installed VERSION|none``, ``--local-cpu yes|no``,
``--index-reachable yes|no``, ``--ci yes|no``, ``--platform linux|darwin|win32``.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import shlex
import subprocess
import sys
import urllib.error
import urllib.request

from deeptraj_package import ROOT, import_deeptraj

import_deeptraj()
from deeptraj.plugin import dependencies  # noqa: E402

CPU_INDEX = dependencies.TORCH_CPU_INDEX
SIZES = {
    "cpu": "about 200 MB (the CPU wheel), a few minutes",
    "cuda": "several GB (PyTorch with the NVIDIA CUDA libraries), often 10 minutes or more",
}


@dataclasses.dataclass
class Plan:
    variant: str  # cpu | cuda
    action: str  # keep | install | replace | error
    spec: str = ""  # the requirement pip installs (install / replace)
    index: str = ""  # --index-url for pip ("" = pip's configured sources)
    why: str = ""  # how the variant was chosen
    message: str = ""  # what happens, for a person

    def shell(self) -> str:
        fields = {"TORCH_VARIANT": self.variant, "TORCH_ACTION": self.action, "TORCH_SPEC": self.spec}
        fields["TORCH_INDEX"] = self.index
        return "\n".join(f"{k}={shlex.quote(v)}" for k, v in fields.items())

    def text(self) -> str:
        return f"PyTorch: {self.variant.upper()} build ({self.why})\n  {self.message}"


def _version(spec: str) -> str:
    """``'torch==2.13.0'`` -> ``'2.13.0'``; '' without an exact pin."""
    ops = dependencies._split(spec)[1]
    return ops[2:].strip() if ops.startswith("==") and "," not in ops else ""


def decide(
    choice: str,
    pin: str,
    *,
    gpu: bool,
    ci: bool,
    installed: str | None,
    local_cpu=None,
    index_reachable=None,
    platform: str = sys.platform,
) -> Plan:
    """The plan for these facts. ``local_cpu`` and ``index_reachable`` are True/False or callables asked only when
    the answer matters (they are the slow probes)."""
    variant = dependencies.torch_variant(choice, gpu=gpu, ci=ci)
    choice = (choice or "auto").strip().lower()
    if choice != "auto":
        why = f"TORCH={choice}"
    elif ci:
        why = "TORCH=auto: CI always gets the CPU build"
    else:
        why = "TORCH=auto: " + ("an NVIDIA GPU was found" if gpu else "no NVIDIA GPU found")
    plan = Plan(variant, "keep", why=why)
    version = _version(pin)
    base, _, label = (installed or "").partition("+")
    if installed and (base == version or not version):
        if variant == "cuda" and label == "cpu":
            plan.action, plan.spec = "replace", pin
            plan.message = f"torch {installed} (CPU build) is replaced by {pin} from PyPI: {SIZES['cuda']}."
        else:
            plan.message = f"torch {installed} is already installed: kept, nothing is downloaded."
            if variant == "cpu" and not label and platform.startswith("linux"):
                plan.message += " (It may be a CUDA build; it also runs on the CPU.)"
        return plan
    if variant == "cuda":
        plan.action, plan.spec = "install", pin
        plan.message = f"install {pin} from PyPI: on Linux the CUDA build, {SIZES['cuda']}."
        return plan
    cpu_spec = dependencies.cpu_torch_requirement(pin)
    if platform == "darwin":
        plan.action, plan.spec = "install", pin
        plan.message = f"install {pin} from PyPI (its macOS wheels are CPU-only): {SIZES['cpu']}."
        return plan
    if cpu_spec is None:  # no exact pin: the CPU index alone, which holds CPU builds only
        plan.action, plan.spec, plan.index = "install", pin, CPU_INDEX
        plan.message = f"install {pin} from PyTorch's CPU index {CPU_INDEX}: {SIZES['cpu']}."
        return plan
    plan.spec = cpu_spec
    if local_cpu() if callable(local_cpu) else local_cpu:
        plan.action = "install"
        plan.message = (
            f"install {cpu_spec} from pip's configured sources, which have it (a local wheel folder or a mirror): "
            f"nothing is fetched from PyTorch's index."
        )
        return plan
    if index_reachable() if callable(index_reachable) else index_reachable:
        plan.action, plan.index = "install", CPU_INDEX
        plan.message = f"install {cpu_spec} from PyTorch's CPU index {CPU_INDEX}: {SIZES['cpu']}."
        return plan
    plan.action = "error"
    plan.message = (
        f"PyTorch's CPU index {CPU_INDEX} cannot be reached and pip's configured sources have no {cpu_spec}. "
        f"Nothing was installed (the CUDA build of PyPI is several GB and is not fetched unasked). Fix the network "
        f"(or proxy: HTTPS_PROXY), or put the CPU wheel in a folder and set PIP_FIND_LINKS=<folder>, or run with "
        f"TORCH=cuda to accept the CUDA build."
    )
    return plan


# ---- probes (each runs only when decide() needs it) ---------------------------------------------------------
def installed_torch(python: str) -> str | None:
    """The torch version that ``python`` sees; None when it has none (or cannot be run)."""
    code = "import importlib.metadata as m\ntry: print(m.version('torch'))\nexcept m.PackageNotFoundError: pass"
    try:
        out = subprocess.run([python, "-c", code], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout.strip() or None


def pip_has(python: str, spec: str) -> bool:
    """True when pip's configured sources (pip.conf, PIP_* variables) can install ``spec``; nothing is installed."""
    cmd = [python, "-m", "pip", "install", "--dry-run", "--no-deps", "--ignore-installed", "--quiet", spec]
    env = dict(os.environ, PIP_NO_INPUT="1", PIP_DISABLE_PIP_VERSION_CHECK="1")
    try:
        return subprocess.run(cmd, capture_output=True, timeout=300, env=env).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


def reachable(url: str, timeout: float = 15) -> bool:
    """True when ``url`` answers (proxies from the environment are used)."""
    try:
        with urllib.request.urlopen(url.rstrip("/") + "/torch/", timeout=timeout) as response:
            return response.status < 400
    except (OSError, urllib.error.URLError, ValueError):
        return False


def _yes_no(value: str | None):
    return None if value is None else value.strip().lower() in ("1", "yes", "true", "y")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--torch", default=os.environ.get("TORCH") or "auto", help="auto, cpu or cuda (env TORCH)")
    venv = ROOT / ".venv" / "bin" / "python"
    ap.add_argument(
        "--python",
        default=str(venv) if venv.exists() else sys.executable,
        help="the interpreter of the environment to set up (default: .venv's when there is one)",
    )
    ap.add_argument("--requirements", default=str(ROOT / "requirements.txt"))
    ap.add_argument("--shell", action="store_true", help="print shell assignments (the plan goes to stderr)")
    ap.add_argument("--installed", help="installed torch version, or 'none' (default: ask --python)")
    ap.add_argument("--local-cpu", help="yes/no: pip's sources have the CPU wheel (default: ask pip)")
    ap.add_argument("--index-reachable", help="yes/no: PyTorch's CPU index answers (default: try it)")
    ap.add_argument("--ci", help="yes/no (default: the CI variable)")
    ap.add_argument("--platform", default=sys.platform)
    args = ap.parse_args(argv)

    pin = next((r for r in dependencies.read_requirements(args.requirements) if r.startswith("torch")), "torch")
    if args.installed is None:
        installed = installed_torch(args.python)
    else:
        installed = None if args.installed.lower() in ("", "none") else args.installed
    ci = _yes_no(args.ci)
    if ci is None:
        ci = os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")
    gpus = dependencies.nvidia_gpus() if args.torch.strip().lower() == "auto" and not ci else []
    local = _yes_no(args.local_cpu)
    index = _yes_no(args.index_reachable)
    try:
        plan = decide(
            args.torch,
            pin,
            gpu=bool(gpus),
            ci=ci,
            installed=installed,
            local_cpu=local
            if local is not None
            else (lambda: pip_has(args.python, dependencies.cpu_torch_requirement(pin))),
            index_reachable=index if index is not None else (lambda: reachable(CPU_INDEX)),
            platform=args.platform,
        )
    except ValueError as e:
        print(f"torch_plan: {e}", file=sys.stderr)
        return 2
    text = plan.text() + ("".join(f"\n  GPU: {g}" for g in gpus) if gpus else "")
    if args.shell:
        print(text, file=sys.stderr)
        print(plan.shell())
    else:
        print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
