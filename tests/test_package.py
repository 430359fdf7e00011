"""The plugin zip of scripts/package.sh: it carries the GPL-2.0-or-later LICENSE and a documentation page for every
algorithm's Help button, its metadata.txt has no placeholder address, and QGIS's plugin manager reads it without
an error."""

import configparser
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from deeptraj.processing_provider.specs import all_specs

ROOT = Path(__file__).resolve().parents[1]
GPL_OR_LATER = "either version 2 of the License, or (at your option) any later version"


@pytest.fixture(scope="module")
def package(tmp_path_factory):
    """(the zip's names, the folder it is extracted into)."""
    folder = tmp_path_factory.mktemp("package")
    out = subprocess.run(
        ["bash", str(ROOT / "scripts" / "package.sh"), str(folder / "deeptraj.zip")],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert out.returncode == 0, out.stderr
    with zipfile.ZipFile(folder / "deeptraj.zip") as z:
        z.extractall(folder / "plugins")
        return set(z.namelist()), folder / "plugins" / "deeptraj"


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_the_licence_is_gpl_2_or_later_in_the_repository_and_the_zip(package):
    names, extracted = package
    assert "deeptraj/LICENSE" in names
    for path in (ROOT / "LICENSE", extracted / "LICENSE"):
        text = path.read_text(encoding="utf-8")
        assert GPL_OR_LATER in _flat(text)
        assert "GNU GENERAL PUBLIC LICENSE" in text and "Version 2, June 1991" in text  # the licence itself
        assert "SPDX-License-Identifier: GPL-2.0-or-later" in text


def test_every_help_button_page_is_in_the_zip(package):
    names, _ = package
    missing = [s.id for s in all_specs() if f"deeptraj/docs/algorithms/{s.id}.md" not in names]
    assert not missing


def test_metadata_has_no_placeholder_address():
    text = (ROOT / "metadata.txt").read_text(encoding="utf-8")
    for placeholder in ("example.org", "example.com", "github.com/deeptraj/"):
        assert placeholder not in text
    meta = configparser.ConfigParser()
    meta.read_string(text)
    general = meta["general"]
    for key in ("name", "qgisMinimumVersion", "description", "about", "version", "author"):
        assert general.get(key), key
    for key in ("email", "tracker", "repository", "homepage"):  # absent until the project has real ones
        value = general.get(key, "")
        assert not value or re.match(r"^(https://|[^@\s]+@[^@\s]+\.[a-z]+$)", value), (key, value)


def test_qgis_plugin_manager_reads_the_zipped_plugin_without_error(package, qgis_app):
    from qgis.core import QgsApplication

    sys.path.insert(0, str(Path(QgsApplication.pkgDataPath()) / "python"))
    try:
        from pyplugin_installer.installer_data import plugins
    finally:
        sys.path.pop(0)
    _, extracted = package
    info = plugins.getInstalledPlugin("deeptraj", path=str(extracted), readOnly=True)
    meta = configparser.ConfigParser()
    meta.read(ROOT / "metadata.txt", encoding="utf-8")
    assert info["error"] == "", info["error_details"]
    assert info["name"] == "DeepTraj" and info["version_installed"] == meta["general"]["version"]
