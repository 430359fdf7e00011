"""Plugins > DeepTraj menu (install dependencies, open the toolbox, about/dependency status, embedding explorer,
flagged segments), toolbar buttons, and the docks opening by themselves on a mobilityembed output / a crotaddetect
segments output added to the project."""

from __future__ import annotations

import html
import os

from qgis.core import Qgis, QgsProject, QgsVectorLayer
from qgis.PyQt import sip
from qgis.PyQt.QtCore import QCoreApplication, Qt
from qgis.PyQt.QtGui import QIcon
from qgis.PyQt.QtWidgets import QAction, QDockWidget, QMessageBox, QPushButton

from ..processing_provider.base import ICON_PATH, PLUGIN_DIR
from . import dependencies

#: text typed into the Processing toolbox search box: the toolbox filter matches algorithm ids ("deeptraj:...")
TOOLBOX_FILTER = "deeptraj"
FLAGGED_ICON_PATH = os.path.join(PLUGIN_DIR, "resources", "icons", "flagged_segments.svg")


def build_menu(plugin):
    """Create the actions, add them to Plugins > DeepTraj (and the toolbox one to the Plugins toolbar)."""
    iface = plugin.iface
    parent = iface.mainWindow()
    icon = QIcon(ICON_PATH)
    plugin.menu = QCoreApplication.translate("DeepTraj", "&DeepTraj")

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

    for action in (install, toolbox, about, explorer, flagged):
        iface.addPluginToMenu(plugin.menu, action)
        plugin.actions.append(action)
    iface.addToolBarIcon(toolbox)
    plugin.toolbar_action = toolbox
    iface.addToolBarIcon(flagged)
    plugin.flagged_toolbar_action = flagged
    _watch_project(plugin)
    _warn_if_missing(plugin)


def remove_menu(plugin):
    """Undo :func:`build_menu`; safe to call twice."""
    iface = plugin.iface
    _unwatch_project(plugin)
    close_explorer(plugin)
    close_flagged_segments(plugin)
    dialog = getattr(plugin, "install_dialog", None)
    if dialog is not None:
        dialog.reject()
        dialog.deleteLater()
        plugin.install_dialog = None
    toolbar_action = getattr(plugin, "toolbar_action", None)
    if toolbar_action is not None:
        iface.removeToolBarIcon(toolbar_action)
        plugin.toolbar_action = None
    flagged_toolbar_action = getattr(plugin, "flagged_toolbar_action", None)
    if flagged_toolbar_action is not None:
        iface.removeToolBarIcon(flagged_toolbar_action)
        plugin.flagged_toolbar_action = None
    for action in plugin.actions:
        if plugin.menu:
            iface.removePluginMenu(plugin.menu, action)
        action.deleteLater()
    plugin.actions.clear()
    plugin.menu = None


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
    from .install_dialog import InstallDialog

    dialog = getattr(plugin, "install_dialog", None)
    if dialog is None:
        dialog = InstallDialog(plugin.iface.mainWindow())
        plugin.install_dialog = dialog
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


def about_text() -> str:
    """HTML for the About box: version, dependency status and where packages are installed."""
    from qgis.core import QgsApplication

    info = dependencies.status()
    prov = QgsApplication.processingRegistry().providerById("deeptraj")
    n_algs = len(prov.algorithms()) if prov is not None else 0
    esc = html.escape
    not_installed = QCoreApplication.translate("DeepTraj", "not installed")
    parts = [
        "<h3>DeepTraj</h3>",
        QCoreApplication.translate(
            "DeepTraj",
            "Deep trajectory mining in the Processing toolbox (provider <tt>deeptraj</tt>, {0} algorithms loaded).",
        ).format(n_algs),
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
def _open_dock(plugin, attr, dock_class, fits, preferred, layer=None):
    """Show the plugin's (single) ``dock_class`` dock kept in ``plugin.<attr>`` on the right, created on first use.

    ``layer``: the layer to show; without it the active layer when ``fits`` it, else the dock keeps its layer or
    takes ``preferred(project)``."""
    iface = plugin.iface
    dock = getattr(plugin, attr, None)
    if dock is not None and sip.isdeleted(dock):
        dock = None
    if dock is None:
        dock = dock_class(iface, iface.mainWindow())
        iface.addDockWidget(Qt.RightDockWidgetArea, dock)
        setattr(plugin, attr, dock)
    if layer is None:
        active = iface.activeLayer()
        if fits(active):
            layer = active
    if layer is not None:
        dock.set_layer(layer)
    elif dock.layer() is None:
        dock.set_layer(preferred(QgsProject.instance()))
    dock.show()
    dock.raise_()
    return dock


def _close_dock(plugin, attr):
    """Remove and delete the dock kept in ``plugin.<attr>`` (unload); safe without one."""
    dock = getattr(plugin, attr, None)
    setattr(plugin, attr, None)
    if dock is None or sip.isdeleted(dock):
        return
    dock.cleanup()
    plugin.iface.removeDockWidget(dock)
    dock.hide()
    dock.setParent(None)
    dock.deleteLater()


def open_explorer(plugin, layer=None):
    """The embedding explorer on ``layer`` (or the active layer with PCA_1/PCA_2, or an embedding layer)."""
    from .embedding_explorer import EmbeddingExplorerDock, has_projection, preferred_layer

    return _open_dock(plugin, "explorer", EmbeddingExplorerDock, has_projection, preferred_layer, layer)


def close_explorer(plugin):
    _close_dock(plugin, "explorer")


def open_flagged_segments(plugin, layer=None):
    """The flagged segments dock on ``layer`` (or the active layer with traj_id/label, or a segments layer)."""
    from .flagged_segments import FlaggedSegmentsDock, has_segment_fields, preferred_segments_layer

    return _open_dock(
        plugin, "flagged_segments", FlaggedSegmentsDock, has_segment_fields, preferred_segments_layer, layer
    )


def close_flagged_segments(plugin):
    _close_dock(plugin, "flagged_segments")


# ------------------------------------------------------------------------------------- docks opening by themselves
def _watch_project(plugin):
    """Open the explorer when a layer marked ``deeptraj/embedding`` = 1 is added to the project (that is how the
    output of deeptraj:mobilityembed run from the GUI is shown, without Processing importing the plugin), and the
    flagged segments dock on a layer marked ``deeptraj/crotad_segments`` = 1 (deeptraj:crotaddetect's segments)."""
    _unwatch_project(plugin)

    def on_layers_added(layers):
        layers_added(plugin, layers)

    QgsProject.instance().layersAdded.connect(on_layers_added)
    plugin.layers_added_slot = on_layers_added


def _unwatch_project(plugin):
    slot = getattr(plugin, "layers_added_slot", None)
    plugin.layers_added_slot = None
    if slot is not None:
        try:
            QgsProject.instance().layersAdded.disconnect(slot)
        except (TypeError, RuntimeError):
            pass
    for layer_id in list(getattr(plugin, "watched_layers", {})):
        _unwatch_layer(plugin, layer_id)


def layers_added(plugin, layers):
    """Open the explorer on the last added embedding layer, the flagged segments dock on the last added segments
    layer. Processing may mark its output only after adding it to the project, so the other vector layers are
    watched for those custom properties being set later."""
    from .embedding_explorer import is_embedding_layer
    from .flagged_segments import is_segments_layer

    project = QgsProject.instance()
    watched = getattr(plugin, "watched_layers", None)
    if watched is None:
        watched = plugin.watched_layers = {}
    for layer_id in [i for i in watched if project.mapLayer(i) is None]:  # forget removed layers
        watched.pop(layer_id, None)
    embeddings = [lyr for lyr in layers if is_embedding_layer(lyr)]
    segments = [lyr for lyr in layers if is_segments_layer(lyr)]
    for lyr in layers:
        if isinstance(lyr, QgsVectorLayer) and not sip.isdeleted(lyr) and lyr not in embeddings and lyr not in segments:
            _watch_layer(plugin, lyr)
    if embeddings:
        open_explorer(plugin, embeddings[-1])
    if segments:
        open_flagged_segments(plugin, segments[-1])


def _watch_layer(plugin, layer):
    from .embedding_explorer import EMBEDDING_PROPERTY, is_embedding_layer
    from .flagged_segments import SEGMENTS_PROPERTY, is_segments_layer

    layer_id = layer.id()

    def on_property_changed(key):
        if key not in (EMBEDDING_PROPERTY, SEGMENTS_PROPERTY) or getattr(plugin, "layers_added_slot", None) is None:
            return
        lyr = QgsProject.instance().mapLayer(layer_id)
        if key == EMBEDDING_PROPERTY and is_embedding_layer(lyr):
            _unwatch_layer(plugin, layer_id)
            open_explorer(plugin, lyr)
        elif key == SEGMENTS_PROPERTY and is_segments_layer(lyr):
            _unwatch_layer(plugin, layer_id)
            open_flagged_segments(plugin, lyr)

    layer.customPropertyChanged.connect(on_property_changed)
    plugin.watched_layers[layer_id] = on_property_changed


def _unwatch_layer(plugin, layer_id):
    slot = plugin.watched_layers.pop(layer_id, None)
    layer = QgsProject.instance().mapLayer(layer_id)
    if slot is not None and layer is not None:
        try:
            layer.customPropertyChanged.disconnect(slot)
        except (TypeError, RuntimeError):
            pass
