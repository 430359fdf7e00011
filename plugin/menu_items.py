"""What the plugin adds to the QGIS interface besides its docks: the actions of the Plugins > DeepTraj menu, the
toolbar buttons and the dependency installer dialog, all removed again on unload."""

from __future__ import annotations


class MenuItems:
    """The menu's actions and toolbar buttons once added (:meth:`add`), and the installer dialog once opened."""

    def __init__(self):
        #: the menu's (translated) title while the actions are in it
        self.title = None
        self.actions = []
        #: "Open DeepTraj toolbox" on the Plugins toolbar
        self.toolbar_action = None
        #: "Flagged segments" on the Plugins toolbar
        self.flagged_toolbar_action = None
        #: the dependency installer dialog, created on first use
        self.install_dialog = None

    def add(self, iface, title, actions, toolbox, flagged):
        """Put ``actions`` in the plugin menu ``title`` and the ``toolbox`` and ``flagged`` actions on the toolbar."""
        self.title = title
        for action in actions:
            iface.addPluginToMenu(title, action)
            self.actions.append(action)
        iface.addToolBarIcon(toolbox)
        self.toolbar_action = toolbox
        iface.addToolBarIcon(flagged)
        self.flagged_toolbar_action = flagged

    def installer(self, parent):
        """The (single) installer dialog, created on first use."""
        if self.install_dialog is None:
            from .install_dialog import InstallDialog

            self.install_dialog = InstallDialog(parent)
        return self.install_dialog

    def remove(self, iface):
        """Undo :meth:`add` and delete the installer dialog; safe to call twice."""
        dialog = self.install_dialog
        if dialog is not None:
            dialog.reject()
            dialog.deleteLater()
            self.install_dialog = None
        if self.toolbar_action is not None:
            iface.removeToolBarIcon(self.toolbar_action)
            self.toolbar_action = None
        if self.flagged_toolbar_action is not None:
            iface.removeToolBarIcon(self.flagged_toolbar_action)
            self.flagged_toolbar_action = None
        for action in self.actions:
            if self.title:
                iface.removePluginMenu(self.title, action)
            action.deleteLater()
        self.actions.clear()
        self.title = None
