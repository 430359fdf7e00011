"""Shared steps of the dock tests: showing a dock for a test and closing it after, and a layer outside the project
being deleted under a dock."""

from qgis.PyQt.QtCore import QCoreApplication, QEvent
from qgis.PyQt.QtTest import QTest


def shown(dock):
    """Fixture body: show the dock, yield it, then clean it up, close and delete it."""
    dock.show()
    QTest.qWaitForWindowExposed(dock)
    yield dock
    dock.cleanup()
    dock.close()
    dock.deleteLater()
    QCoreApplication.processEvents()


def check_deleted_layer_empties(dock, layer, count, n):
    """A layer outside the project shown in the dock (``count()`` rows: n), then deleted: the dock empties and can
    still reload."""
    dock.set_layer(layer)
    assert count() == n
    layer.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.DeferredDelete)
    assert dock.layer() is None and count() == 0
    dock.reload()
