"""Run inside the real QGIS desktop by scripts/desktop_smoke.sh (``qgis --code scripts/desktop_smoke.py``).

Once the main window is up it opens ``$DEEPTRAJ_SMOKE_PROJECT`` when set (screenshot of its map), checks that the
DeepTraj plugin is loaded and its Processing provider lists its algorithms, opens the Processing toolbox through the
plugin's own menu action, takes a screenshot, writes ``$DEEPTRAJ_SMOKE_OUT/desktop_smoke.json`` and quits QGIS.
Any failure is written to the JSON file too.
"""

import json
import os
import subprocess
import sys
import traceback

from qgis.core import Qgis, QgsApplication, QgsProject
from qgis.PyQt.QtCore import QCoreApplication, Qt, QTimer
from qgis.utils import iface, plugins

OUT = os.environ.get("DEEPTRAJ_SMOKE_OUT", os.path.join(os.getcwd(), "out"))
RESULT = os.path.join(OUT, "desktop_smoke.json")
SHOT = os.path.join(OUT, "desktop_smoke.png")
SHOT_INSTALLER = os.path.join(OUT, "desktop_smoke_installer.png")
SHOT_PROJECT = os.path.join(OUT, "desktop_smoke_project.png")
#: a project to open first (scripts/desktop_smoke.sh --project FILE)
PROJECT = os.environ.get("DEEPTRAJ_SMOKE_PROJECT", "")


def _settle(ms):
    """Let Qt paint for about ``ms`` milliseconds (the main loop keeps running around us)."""
    import time

    end = time.monotonic() + ms / 1000.0
    while time.monotonic() < end:
        QCoreApplication.processEvents()
        time.sleep(0.02)


def _rows(model, parent=None, depth=0, out=None):
    """Indented display texts of the toolbox tree (what the user sees after filtering)."""
    from qgis.PyQt.QtCore import QModelIndex

    out = [] if out is None else out
    parent = parent or QModelIndex()
    for r in range(model.rowCount(parent)):
        idx = model.index(r, 0, parent)
        out.append("  " * depth + str(model.data(idx, Qt.DisplayRole)))
        _rows(model, idx, depth + 1, out)
    return out


def _screenshot(result, path, key="screenshot"):
    try:
        if QgsApplication.primaryScreen().grabWindow(0).save(path, "PNG"):
            result[key] = path
            return
    except Exception as e:  # fall back to ImageMagick on the X display
        result["errors"].append(f"QScreen.grabWindow: {e}")
    try:
        subprocess.run(["import", "-window", "root", path], check=True, timeout=30)
        result[key] = path
    except Exception as e:
        result["errors"].append(f"import -window root: {e}")


def _installer(plugin, result):
    """Open the dependency installer from the menu (pip is not run) and record what it would run."""
    from deeptraj.plugin import dependencies

    result["sys_executable"] = sys.executable
    result["pip_python"] = dependencies.python_executable()
    result["private_site_dir"] = dependencies.private_site_dir()
    action = next(a for a in plugin.actions if a.objectName() == "deeptrajInstallDependencies")
    action.trigger()
    dialog = plugin.install_dialog
    _settle(500)
    result["installer_visible"] = dialog.isVisible()
    _screenshot(result, SHOT_INSTALLER, "screenshot_installer")
    dialog.reject()


def _open_project(path, result):
    """Open ``path`` as a user would, let the canvas draw, record what it shows and take a screenshot."""
    from qgis.core import QgsCoordinateTransform

    result["project"] = path
    result["project_opened"] = bool(iface.addProject(path))
    canvas = iface.mapCanvas()
    _settle(500)
    canvas.waitWhileRendering()
    _settle(1500)
    ext = canvas.extent()
    result["canvas_extent"] = [round(v, 1) for v in (ext.xMinimum(), ext.yMinimum(), ext.xMaximum(), ext.yMaximum())]
    result["canvas_scale"] = canvas.scale()
    crs = canvas.mapSettings().destinationCrs()
    drawn = []
    for lyr in canvas.layers():
        xf = QgsCoordinateTransform(lyr.crs(), crs, QgsProject.instance())
        if xf.transformBoundingBox(lyr.extent()).intersects(ext):
            drawn.append(lyr.name())
    result["project_layers_drawn"] = drawn
    if not result["project_opened"]:
        result["errors"].append(f"the project {path} did not open")
    elif not drawn or canvas.scale() < 100:
        result["errors"].append(f"the map of {path} shows none of its layers (scale 1:{canvas.scale():.0f})")
    _screenshot(result, SHOT_PROJECT, "screenshot_project")


def run_checks():
    result = {"qgis_version": Qgis.QGIS_VERSION, "errors": []}
    try:
        # no window manager under Xvfb, so showMaximized() does nothing: fill the screen by hand
        iface.mainWindow().setGeometry(QgsApplication.primaryScreen().availableGeometry())
        if PROJECT:
            _open_project(PROJECT, result)
        result["plugin_loaded"] = "deeptraj" in plugins
        reg = QgsApplication.processingRegistry()
        prov = reg.providerById("deeptraj")
        result["provider"] = prov is not None
        result["algorithms"] = sorted(a.id() for a in prov.algorithms()) if prov else []
        result["cannot_execute"] = {
            a.id(): a.canExecute()[1] for a in (prov.algorithms() if prov else []) if not a.canExecute()[0]
        }
        plugin = plugins.get("deeptraj")
        if plugin is not None:
            from deeptraj.processing_provider.provider import ALGORITHMS

            loaded = {type(a).__name__ for a in prov.algorithms()} if prov else set()
            result["modules_not_loaded"] = [m for m, cls in ALGORITHMS if cls not in loaded]
            result["menu_actions"] = [a.text() for a in plugin.actions]
            opener = next((a for a in plugin.actions if a.objectName() == "deeptrajOpenToolbox"), None)
            if opener is None:
                result["errors"].append("no 'Open DeepTraj toolbox' action")
            else:
                opener.trigger()
        _settle(1500)
        proc = plugins.get("processing")
        dock = getattr(proc, "toolbox", None)
        result["toolbox_visible"] = bool(dock is not None and dock.isVisible())
        if dock is not None:
            result["toolbox_filter"] = dock.searchBox.text()
            dock.algorithmTree.expandAll()
            _settle(300)
            result["toolbox_rows"] = _rows(dock.algorithmTree.model())
        _screenshot(result, SHOT)
        if plugin is not None:
            _installer(plugin, result)
    except Exception:
        result["errors"].append(traceback.format_exc())
    with open(RESULT, "w", encoding="utf-8") as f:
        json.dump(result, f, indent=2)
    QgsProject.instance().setDirty(False)  # no "save project?" question on exit
    QTimer.singleShot(0, iface.actionExit().trigger)


os.makedirs(OUT, exist_ok=True)
QTimer.singleShot(int(os.environ.get("DEEPTRAJ_SMOKE_DELAY_MS", "2000")), run_checks)
