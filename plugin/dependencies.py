"""Installing the engine's Python dependencies into a plugin-private folder, without touching QGIS's own packages.

The folder is ``<QGIS profile>/python/deeptraj_deps/py<major><minor>`` and is filled by
``python -m pip install --target <folder> -r requirements.txt -c <constraints>``. The folder is *appended* to
``sys.path``, so whatever QGIS ships (numpy above all) always wins, and the generated constraints pin numpy (and
pandas/shapely when QGIS has them) to the versions QGIS already loads, so compiled packages installed next to
them are built for the same numpy ABI. Without that pin pip happily pulls numpy 2 into a QGIS built against
numpy 1 (Deepness issue #177).

No Qt widgets here (the dialog lives in :mod:`.install_dialog`) and no QGIS import at module import time.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import importlib.util
import os
import re
import shutil
import subprocess
import sys
import tempfile

from ..models.core import deps

PLUGIN_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REQUIREMENTS = os.path.join(PLUGIN_DIR, "requirements.txt")

#: packages QGIS may already ship: keep its version (pinned) when it satisfies our requirement
KEEP_QGIS_VERSION = ("pandas", "shapely")

_NAME_RE = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?\s*(.*)$")


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _split(requirement: str):
    """``'h3>=4.1,<5'`` -> (``'h3'``, ``'>=4.1,<5'``); markers after ';' are dropped."""
    m = _NAME_RE.match(requirement.split(";")[0])
    if not m:
        return requirement.strip(), ""
    return m.group(1), m.group(3).strip()


def _py_tag() -> str:
    return f"py{sys.version_info.major}{sys.version_info.minor}"


# ---- where things go ---------------------------------------------------------------------------------------
def private_site_dir() -> str:
    """The plugin-private ``pip --target`` folder for this Python version (it may not exist yet)."""
    base = ""
    try:
        from qgis.core import QgsApplication

        base = QgsApplication.qgisSettingsDirPath() or ""
    except Exception:  # outside QGIS: fall back to the home folder
        base = ""
    if not base:
        base = os.path.join(os.path.expanduser("~"), ".deeptraj")
    return os.path.join(os.path.normpath(base), "python", "deeptraj_deps", _py_tag())


def add_private_site(path: str | None = None) -> bool:
    """Append the private folder to ``sys.path`` when it exists. Never raises; True when it is on the path."""
    try:
        folder = path or private_site_dir()
        if not os.path.isdir(folder):
            return False
        if folder not in sys.path:
            sys.path.append(folder)
            importlib.invalidate_caches()
        return True
    except Exception:
        return False


# ---- which PyTorch build ------------------------------------------------------------------------------------
#: the choices of PyTorch build: ``auto`` is ``cuda`` when an NVIDIA GPU is found (and not in CI), else ``cpu``
TORCH_CHOICES = ("auto", "cpu", "cuda")
#: PyTorch's index of CPU-only wheels (their versions carry the local label ``+cpu``)
TORCH_CPU_INDEX = "https://download.pytorch.org/whl/cpu"


def nvidia_gpus(timeout: float = 10) -> list:
    """The GPUs that ``nvidia-smi -L`` lists (lines ``GPU 0: NVIDIA ...``); [] without nvidia-smi or when it fails."""
    exe = shutil.which("nvidia-smi")
    if not exe:
        return []
    flags = getattr(subprocess, "CREATE_NO_WINDOW", 0)  # no console flashing up on Windows
    try:
        out = subprocess.run([exe, "-L"], capture_output=True, text=True, timeout=timeout, creationflags=flags)
    except (OSError, subprocess.SubprocessError):
        return []
    if out.returncode != 0:
        return []
    return [line.strip() for line in out.stdout.splitlines() if line.strip().startswith("GPU ")]


def has_nvidia_gpu() -> bool:
    """True when an NVIDIA GPU (with its driver) is present: the one test the set-up script and the installer share."""
    return bool(nvidia_gpus())


def torch_variant(choice: str | None = "auto", gpu: bool | None = None, ci: bool | None = None) -> str:
    """``'cpu'`` or ``'cuda'`` for a choice among :data:`TORCH_CHOICES`.

    ``auto`` gives ``cuda`` only when ``gpu`` (default: :func:`has_nvidia_gpu`) and not in CI (default: the ``CI``
    environment variable), so machines without an NVIDIA GPU and CI never download the CUDA libraries.
    """
    choice = (choice or "auto").strip().lower()
    if choice not in TORCH_CHOICES:
        raise ValueError(f"TORCH must be one of {', '.join(TORCH_CHOICES)}, not {choice!r}")
    if choice != "auto":
        return choice
    if ci is None:
        ci = os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")
    if ci:
        return "cpu"
    if gpu is None:
        gpu = has_nvidia_gpu()
    return "cuda" if gpu else "cpu"


def cpu_torch_requirement(requirement: str) -> str | None:
    """``'torch==2.13.0'`` -> ``'torch==2.13.0+cpu'`` (only the CPU build satisfies it); None without an exact pin
    or on macOS, whose wheels are CPU-only and carry no ``+cpu`` label."""
    name, spec = _split(requirement)
    if sys.platform == "darwin" or not spec.startswith("==") or "," in spec or "*" in spec:
        return None
    version = spec[2:].strip()
    return f"{name}=={version.split('+')[0]}+cpu"


def python_executable() -> str:
    """A Python interpreter that is QGIS's own Python (same prefix and version) and so can run ``-m pip``.

    Inside the QGIS desktop ``sys.executable`` is often not that interpreter: the ``qgis`` binary (OSGeo4W:
    ``qgis-bin.exe``), or whatever ``python3`` comes first on PATH (a pyenv shim, say). So it is used only when it
    lies under ``sys.exec_prefix``; otherwise the interpreter is looked for there, then on PATH (checked to be the
    same major.minor version).
    """
    exe = sys.executable or ""
    if (
        exe
        and os.path.basename(exe).lower().startswith("python")
        and os.path.isfile(exe)
        and _under(exe, sys.exec_prefix)
    ):
        return exe
    major, minor = sys.version_info[:2]
    names = [f"python{major}.{minor}", f"python{major}", "python"]
    if os.name == "nt":
        names = [n + ".exe" for n in names] + names
    for folder in (os.path.join(sys.exec_prefix, "bin"), sys.exec_prefix):
        for name in names:
            cand = os.path.join(folder, name)
            if os.path.isfile(cand) and os.access(cand, os.X_OK):
                return cand
    for name in names:
        cand = shutil.which(name)
        if cand and _same_version(cand):
            return cand
    return exe or "python3"


def _under(path: str, prefix: str) -> bool:
    try:
        return os.path.commonpath([os.path.abspath(path), os.path.abspath(prefix)]) == os.path.abspath(prefix)
    except ValueError:  # different drives on Windows
        return False


def _same_version(python: str) -> bool:
    try:
        out = subprocess.run(
            [python, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
            capture_output=True,
            text=True,
            timeout=20,
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return out.stdout.strip() == "%d.%d" % sys.version_info[:2]


# ---- what to install ---------------------------------------------------------------------------------------
def read_requirements(path: str | None = None) -> list:
    """The requirement specifiers of ``requirements.txt`` (comments, blanks and ``-r``/``-c`` lines dropped)."""
    out = []
    with open(path or REQUIREMENTS, encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if line and not line.startswith("-"):
                out.append(line)
    return out


def missing_requirements(modules=None) -> list:
    """pip requirements of the engine modules that cannot be imported (all engine modules by default)."""
    add_private_site()
    return deps.missing(list(modules) if modules is not None else list(deps.PIP_NAMES))


def requirements_for(missing: list, path: str | None = None) -> list:
    """The lines of ``requirements.txt`` for the packages named in ``missing`` (as :func:`missing_requirements`
    gives them), so that only those are installed."""
    wanted = {_canonical(_split(m)[0]) for m in missing}
    return [r for r in read_requirements(path) if _canonical(_split(r)[0]) in wanted]


def installed_version(import_name: str, dist_name: str | None = None) -> str | None:
    """Version of the distribution that ``import import_name`` would load (not any copy further down sys.path)."""
    dist_name = dist_name or import_name
    module = sys.modules.get(import_name)
    if module is not None and isinstance(getattr(module, "__version__", None), str):
        return module.__version__
    try:
        spec = importlib.util.find_spec(import_name)
    except (ImportError, ValueError):
        spec = None
    if spec is None:
        return None
    origin = spec.origin if spec.origin not in (None, "namespace") else None
    if origin is None and spec.submodule_search_locations:
        origin = os.path.join(list(spec.submodule_search_locations)[0], "__init__.py")
    if origin:
        site = os.path.dirname(os.path.dirname(origin)) if spec.submodule_search_locations else os.path.dirname(origin)
        for dist in importlib.metadata.distributions(path=[site]):
            if _canonical(dist.metadata["Name"] or "") == _canonical(dist_name):
                return dist.version
    try:
        return importlib.metadata.version(dist_name)
    except importlib.metadata.PackageNotFoundError:
        return None


def _satisfies(version: str, specifier: str):
    """True/False when ``version`` meets ``specifier``; None when that cannot be decided here."""
    if not specifier:
        return True
    for mod in ("packaging", "pip._vendor.packaging"):
        try:
            specifiers = importlib.import_module(mod + ".specifiers")
            return specifiers.SpecifierSet(specifier).contains(version, prereleases=True)
        except ImportError:
            continue
        except Exception:
            return None
    return None


def constraint_lines(requirements_path: str | None = None, torch: str | None = None):
    """(constraint lines, notes for the user).

    - ``numpy==<the numpy QGIS has>`` (``numpy<2`` when it has none): compiled packages must match QGIS's numpy;
    - ``pandas==x`` / ``shapely==x`` when QGIS has them in a version that satisfies requirements.txt (an older
      one is not pinned, as that would make the install impossible; the note says it shadows the new copy);
    - the ``torch`` pin of requirements.txt; with ``torch='cpu'`` its CPU build (``torch==x+cpu``, see
      :func:`cpu_torch_requirement`), so pip fails rather than falling back to the CUDA build of PyPI.
    """
    reqs = {_canonical(_split(r)[0]): r for r in read_requirements(requirements_path)}
    lines, notes = [], []
    np_version = installed_version("numpy")
    lines.append(f"numpy=={np_version}" if np_version else "numpy<2")
    for name in KEEP_QGIS_VERSION:
        version = installed_version(name)
        if not version:
            continue
        spec = _split(reqs.get(name, name))[1]
        if _satisfies(version, spec) is False:
            notes.append(
                f"{name} {version} found in QGIS's Python does not satisfy '{name}{spec}': it is not pinned, "
                f"and since QGIS's copy comes first on sys.path, upgrade it with the system package manager."
            )
            continue
        lines.append(f"{name}=={version}")
    torch_req = reqs.get("torch")
    if torch_req and _split(torch_req)[1]:
        lines.append((torch == "cpu" and cpu_torch_requirement(torch_req)) or torch_req)
    return lines, notes


def write_constraints(path: str | None = None, requirements_path: str | None = None, torch: str | None = None) -> str:
    """Write the constraints file (to a new temporary file when ``path`` is None) and return its path."""
    lines, notes = constraint_lines(requirements_path, torch)
    if path is None:
        fd, path = tempfile.mkstemp(prefix="deeptraj-constraints-", suffix=".txt")
        os.close(fd)
    with open(path, "w", encoding="utf-8") as f:
        f.write("# Generated by DeepTraj: keep the packages QGIS already loads (numpy above all).\n")
        for note in notes:
            f.write(f"# {note}\n")
        f.write("\n".join(lines) + "\n")
    return path


def pip_command(
    target: str | None = None,
    requirements=None,
    constraints: str | None = None,
    python: str | None = None,
    extra_index_url: str | None = None,
) -> list:
    """The argument list of the pip call that installs the engine's dependencies into ``target``.

    ``requirements``: a requirements file (default: the plugin's requirements.txt) or a list of specifiers.
    ``constraints``: a constraints file; by default one is generated by :func:`write_constraints`.
    ``extra_index_url``: e.g. ``https://download.pytorch.org/whl/cpu`` for the small CPU-only torch wheels.
    """
    cmd = [
        python or python_executable(),
        "-m",
        "pip",
        "install",
        "--disable-pip-version-check",
        "--target",
        target or private_site_dir(),
        "--upgrade",
    ]
    if extra_index_url:
        cmd += ["--extra-index-url", extra_index_url]
    if requirements is None or isinstance(requirements, str):
        cmd += ["-r", requirements or REQUIREMENTS]
    else:
        cmd += list(requirements)
    cmd += ["-c", constraints or write_constraints()]
    return cmd


def status() -> dict:
    """What is installed and where (for the About box): python, python_exe, numpy, torch, private_dir,
    private_dir_exists, missing."""
    folder = private_site_dir()
    return {
        "python": sys.version.split()[0],
        "python_exe": python_executable(),
        "numpy": installed_version("numpy"),
        "torch": installed_version("torch"),
        "private_dir": folder,
        "private_dir_exists": os.path.isdir(folder),
        "missing": missing_requirements(),
    }
