"""The dependency installer's command building (nothing is installed here)."""

import os
import subprocess
import sys

import numpy
import pytest

from deeptraj.plugin import dependencies as deps


def _after(cmd, flag):
    assert flag in cmd, cmd
    return cmd[cmd.index(flag) + 1]


def _torch_requirement():
    return next(r for r in deps.read_requirements() if deps._split(r)[0] == "torch")


def test_constraints_pin_the_numpy_qgis_has_never_numpy_2():
    lines, notes = deps.constraint_lines()
    assert lines[0] == f"numpy=={numpy.__version__}"
    assert numpy.__version__.startswith("1.")
    from packaging.specifiers import SpecifierSet

    numpy_specs = [line[len("numpy") :] for line in lines if line.startswith("numpy")]
    assert numpy_specs and not any(SpecifierSet(s).contains("2.0.0") for s in numpy_specs)
    import pandas
    import shapely

    assert f"pandas=={pandas.__version__}" in lines
    assert f"shapely=={shapely.__version__}" in lines
    assert _torch_requirement() in lines
    assert notes == []


def test_constraints_without_numpy_forbid_numpy_2_and_skip_incompatible_qgis_packages(monkeypatch):
    real = deps.installed_version
    fake = {"numpy": None, "shapely": "1.8.5"}  # e.g. Debian's python3-shapely, older than shapely>=2.0
    monkeypatch.setattr(deps, "installed_version", lambda name, dist=None: fake[name] if name in fake else real(name))
    lines, notes = deps.constraint_lines()
    assert lines[0] == "numpy<2"
    assert not any(line.startswith("shapely") for line in lines)
    assert len(notes) == 1 and "shapely 1.8.5" in notes[0]


def test_write_constraints(tmp_path):
    path = deps.write_constraints(str(tmp_path / "c.txt"))
    body = [line for line in open(path, encoding="utf-8").read().splitlines() if line and not line.startswith("#")]
    assert body == deps.constraint_lines()[0]


def test_pip_command_targets_the_private_folder_with_constraints(tmp_path):
    constraints = str(tmp_path / "c.txt")
    cmd = deps.pip_command(target=str(tmp_path / "site"), constraints=constraints)
    assert cmd[1:4] == ["-m", "pip", "install"]
    assert _after(cmd, "--target") == str(tmp_path / "site")
    assert _after(cmd, "-c") == constraints
    assert _after(cmd, "-r") == deps.REQUIREMENTS and os.path.isfile(deps.REQUIREMENTS)
    assert "--upgrade" in cmd and "--extra-index-url" not in cmd


def test_pip_command_defaults_generate_constraints_and_use_the_private_folder():
    cmd = deps.pip_command(requirements=["h3>=4.1,<5"], extra_index_url="https://download.pytorch.org/whl/cpu")
    constraints = _after(cmd, "-c")
    try:
        assert open(constraints, encoding="utf-8").read().count(f"numpy=={numpy.__version__}") == 1
    finally:
        os.remove(constraints)
    assert _after(cmd, "--target") == deps.private_site_dir()
    assert "h3>=4.1,<5" in cmd and "-r" not in cmd
    assert _after(cmd, "--extra-index-url") == "https://download.pytorch.org/whl/cpu"


def test_private_site_dir_is_in_the_qgis_profile():
    from qgis.core import QgsApplication

    folder = deps.private_site_dir()
    assert folder.startswith(os.path.normpath(QgsApplication.qgisSettingsDirPath()))
    assert folder.endswith(os.path.join("python", "deeptraj_deps", "py%d%d" % sys.version_info[:2]))


def test_add_private_site_adds_existing_folder_and_survives_missing_one(tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "path", list(sys.path))
    assert deps.add_private_site(str(tmp_path / "absent")) is False
    assert str(tmp_path / "absent") not in sys.path
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "deeptraj_fake_pkg_123.py").write_text("VALUE = 42\n")
    monkeypatch.setattr(deps, "private_site_dir", lambda: str(tmp_path / "site"))
    assert deps.add_private_site() is True
    assert sys.path[-1] == str(tmp_path / "site")
    assert deps.add_private_site() is True and sys.path.count(str(tmp_path / "site")) == 1
    assert deps.missing_requirements(["deeptraj_fake_pkg_123"]) == []

    def broken():
        raise RuntimeError("no settings")

    monkeypatch.setattr(deps, "private_site_dir", broken)
    assert deps.add_private_site() is False


def test_missing_requirements_lists_only_unimportable_modules():
    assert deps.missing_requirements(["numpy", "deeptraj_no_such_module_xyz"]) == ["deeptraj_no_such_module_xyz"]
    assert deps.missing_requirements(["sklearn", "h3"]) == []


def test_requirements_for_missing_packages_uses_requirements_txt_lines():
    lines = deps.read_requirements()
    picked = deps.requirements_for(["scikit-learn", "h3>=4.1,<5"])
    assert picked == [r for r in lines if r.startswith(("scikit-learn", "h3"))]
    assert len(picked) == 2


def test_installed_version():
    assert deps.installed_version("deeptraj_no_such_module_xyz") is None
    assert deps.installed_version("pytest") == pytest.__version__
    import importlib.metadata

    assert deps.installed_version("sklearn", "scikit-learn") == importlib.metadata.version("scikit-learn")


def _version_of(python):
    out = subprocess.run(
        [python, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"], capture_output=True, text=True, check=True
    )
    return out.stdout.strip()


@pytest.mark.parametrize("reported", ["/usr/bin/qgis", "shim"])
def test_python_executable_when_sys_executable_is_not_qgis_python(reported, tmp_path, monkeypatch):
    assert deps.python_executable() == sys.executable  # in a venv the interpreter is used as is
    if reported == "shim":  # the QGIS desktop may report whatever python3 is first on PATH (e.g. a pyenv shim)
        reported = str(tmp_path / "python3")
        open(reported, "w").write("#!/bin/sh\nexit 1\n")
        os.chmod(reported, 0o755)
    monkeypatch.setattr(sys, "executable", reported)
    exe = deps.python_executable()
    assert exe != reported and os.path.basename(exe).startswith("python")
    assert os.path.abspath(exe).startswith(os.path.abspath(sys.exec_prefix))
    assert _version_of(exe) == "%d.%d" % sys.version_info[:2]
