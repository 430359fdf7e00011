"""Plugins > DeepTraj menu (install dependencies, open the toolbox, about/dependency status, embedding explorer,
flagged segments) and toolbar buttons. What they add to QGIS is kept by the plugin's owners: the menu items
(:class:`~.menu_items.MenuItems`), the docks (:class:`~.dock_registry.DockRegistry`) and the watch for marked
layers opening the docks by themselves (:class:`~.layer_watcher.LayerWatcher`)."""

from __future__ import annotations

import html
import os

from qgis.core import Qgis
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtGui import QIcon
from qgis.PyQt.QtWidgets import QAction, QDockWidget, QMessageBox, QPushButton

from ..processing_provider.base import ICON_PATH, PLUGIN_DIR
from . import dependencies
from .dock_registry import EXPLORER, FLAGGED_SEGMENTS

#: text typed into the Processing toolbox search box: the toolbox filter matches algorithm ids ("deeptraj:...")
TOOLBOX_FILTER = "deeptraj"
FLAGGED_ICON_PATH = os.path.join(PLUGIN_DIR, "resources", "icons", "flagged_segments.svg")


def build_menu(plugin):
    """Create the actions, add them to Plugins > DeepTraj (and the toolbox one to the Plugins toolbar)."""
    iface = plugin.iface
    parent = iface.mainWindow()
    icon = QIcon(ICON_PATH)
    title = QCoreApplication.translate("DeepTraj", "&DeepTraj")

    install = QAction(QCoreApplication.translate("DeepTraj", "Install dependencies…"), parent)
    install.setObjectName("deeptrajInstallDependencies")
    install.triggered.connect(lambda: open_installer(plugin))

    toolbox = QAction(icon, QCoreApplication.translate("DeepTraj", "Open DeepTraj toolbox"), parent)
    toolbox.setObjectName("deeptrajOpenToolbox")
    toolbox.triggered.connect(lambda: open_toolbox(plugin))

    about = QAction(QCoreApplication.translate("DeepTraj", "About DeepTraj / dependency status"), parent)
    about.setObjectName("deeptrajAbout")
    about.triggered.connect(lambda: show_about(plugin))

    explorer = QAction(QCoreApplication.translate("DeepTraj", "Embedding explorer"), parent)
    explorer.setObjectName("deeptrajEmbeddingExplorer")
    explorer.triggered.connect(lambda: open_explorer(plugin))

    flagged = QAction(QIcon(FLAGGED_ICON_PATH), QCoreApplication.translate("DeepTraj", "Flagged segments"), parent)
    flagged.setObjectName("deeptrajFlaggedSegments")
    flagged.setToolTip(
        QCoreApplication.translate(
            "DeepTraj", "Inspect and review the anomalous segments found by CroTad anomaly detection"
        )
    )
    flagged.triggered.connect(lambda: open_flagged_segments(plugin))

    plugin.menu_items.add(iface, title, (install, toolbox, about, explorer, flagged), toolbox, flagged)
    plugin.layer_watcher.start()
    _warn_if_missing(plugin)


def remove_menu(plugin):
    """Undo :func:`build_menu`; safe to call twice."""
    plugin.layer_watcher.stop()
    plugin.docks.close_all()
    plugin.menu_items.remove(plugin.iface)


def _warn_if_missing(plugin):
    """A message bar note with an Install button when engine packages are missing (the plugin still loads)."""
    missing = dependencies.missing_requirements()
    if not missing:
        return
    bar = plugin.iface.messageBar()
    item = bar.createMessage(
        "DeepTraj",
        QCoreApplication.translate(
            "DeepTraj", "Some algorithms need Python packages that are not installed: {0}."
        ).format(html.escape(", ".join(missing))),
    )
    button = QPushButton(QCoreApplication.translate("DeepTraj", "Install dependencies…"), item)
    button.clicked.connect(lambda: open_installer(plugin))
    item.layout().addWidget(button)
    bar.pushWidget(item, Qgis.Warning, 0)


def open_installer(plugin):
    """Show the (single) installer dialog; it is not modal, so QGIS stays usable while pip runs."""
    dialog = plugin.menu_items.installer(plugin.iface.mainWindow())
    dialog.refresh()
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog


def _processing_toolbox(iface):
    """(the Processing toolbox dock, the action that toggles it) or (None, None) without the Processing plugin."""
    try:
        from qgis.utils import plugins

        proc = plugins.get("processing")
    except Exception:
        proc = None
    dock = getattr(proc, "toolbox", None)
    if dock is None:
        main = iface.mainWindow()
        dock = main.findChild(QDockWidget, "ProcessingToolbox") if main is not None else None
    return dock, getattr(proc, "toolboxAction", None)


def open_toolbox(plugin) -> bool:
    """Show the Processing toolbox filtered to DeepTraj's algorithms; False when there is no toolbox."""
    dock, action = _processing_toolbox(plugin.iface)
    if dock is None:
        plugin.iface.messageBar().pushMessage(
            "DeepTraj",
            QCoreApplication.translate(
                "DeepTraj",
                "The Processing toolbox is not available: enable the Processing plugin "
                "(Plugins > Manage and Install Plugins…).",
            ),
            Qgis.Warning,
            8,
        )
        return False
    if action is not None and action.isCheckable() and not action.isChecked():
        action.setChecked(True)  # the Processing plugin shows the dock when its action is toggled on
    elif hasattr(dock, "setUserVisible"):
        dock.setUserVisible(True)
    else:
        dock.show()
    search = getattr(dock, "searchBox", None)
    if search is not None:
        search.setText(TOOLBOX_FILTER)
    dock.raise_()
    return True


def plugin_version(path: str | None = None) -> str:
    """The ``version=`` of metadata.txt (what QGIS's plugin manager shows); ``"?"`` when it cannot be read."""
    try:
        with open(path or os.path.join(PLUGIN_DIR, "metadata.txt"), encoding="utf-8") as f:
            for line in f:
                key, sep, value = line.partition("=")
                if sep and key.strip() == "version":
                    return value.strip() or "?"
    except OSError:
        pass
    return "?"


def about_text() -> str:
    """HTML for the About box: version, licence, dependency status and where packages are installed."""
    from qgis.core import QgsApplication

    info = dependencies.status()
    prov = QgsApplication.processingRegistry().providerById("deeptraj")
    n_algs = len(prov.algorithms()) if prov is not None else 0
    esc = html.escape
    not_installed = QCoreApplication.translate("DeepTraj", "not installed")
    parts = [
        "<h3>DeepTraj " + esc(plugin_version()) + "</h3>",
        QCoreApplication.translate(
            "DeepTraj",
            "Deep trajectory mining in the Processing toolbox (provider <tt>deeptraj</tt>, {0} algorithms loaded).",
        ).format(n_algs),
        "<br>"
        + QCoreApplication.translate(
            "DeepTraj", "Free software under the GNU General Public License, version 2 or later (see LICENSE)."
        ),
    ]
    if info["missing"]:
        parts.append(
            "<p><b>"
            + QCoreApplication.translate("DeepTraj", "Missing Python packages:")
            + "</b> "
            + esc(", ".join(info["missing"]))
            + "<br>"
            + QCoreApplication.translate("DeepTraj", "Use Plugins > DeepTraj > Install dependencies…")
            + "</p>"
        )
    else:
        parts.append("<p>" + QCoreApplication.translate("DeepTraj", "All Python packages are available.") + "</p>")
    rows = [
        ("Python", f"{info['python']} ({info['python_exe']})"),
        ("numpy", info["numpy"] or not_installed),
        ("PyTorch", info["torch"] or not_installed),
        (
            QCoreApplication.translate("DeepTraj", "Private package folder"),
            info["private_dir"]
            + (
                ""
                if info["private_dir_exists"]
                else " (" + QCoreApplication.translate("DeepTraj", "not created yet") + ")"
            ),
        ),
    ]
    parts.append(
        "<table>"
        + "".join(f"<tr><td>{esc(k)}:&nbsp;</td><td><tt>{esc(v)}</tt></td></tr>" for k, v in rows)
        + "</table>"
    )
    return "".join(parts)


def show_about(plugin):
    QMessageBox.information(
        plugin.iface.mainWindow(), QCoreApplication.translate("DeepTraj", "About DeepTraj"), about_text()
    )


# ---------------------------------------------------------------------------------------------------- docks
def open_explorer(plugin, layer=None):
    """The embedding explorer on ``layer`` (or the active layer with PCA_1/PCA_2, or an embedding layer)."""
    return plugin.docks.open(EXPLORER, layer)


def close_explorer(plugin):
    plugin.docks.close(EXPLORER)


def open_flagged_segments(plugin, layer=None):
    """The flagged segments dock on ``layer`` (or the active layer with traj_id/label, or a segments layer)."""
    return plugin.docks.open(FLAGGED_SEGMENTS, layer)


def close_flagged_segments(plugin):
    plugin.docks.close(FLAGGED_SEGMENTS)
