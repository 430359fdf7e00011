"""Fixtures of the GUI tests."""

import pytest

import deeptraj


@pytest.fixture()
def started_plugin(qgis_iface, qgis_processing, qgis_new_project):
    """The plugin as QGIS starts it (classFactory, initGui) in a new project, unloaded afterwards."""
    p = deeptraj.classFactory(qgis_iface)
    p.initGui()
    yield p
    p.unload()
