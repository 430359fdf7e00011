"""The plugin as QGIS loads it: classFactory, initGui (provider + menu), the menu's actions, unload."""

import os
import sys

import pytest
from qgis.core import Qgis, QgsApplication
from qgis.PyQt.QtCore import QEventLoop, QTimer
from qgis.PyQt.QtWidgets import QDockWidget, QLineEdit

import deeptraj
from deeptraj.plugin import dependencies, menu

EXPECTED_TEXTS = [
    "Install dependencies…",
    "Open DeepTraj toolbox",
    "About DeepTraj / dependency status",
    "Embedding explorer",
    "Flagged segments",
]


@pytest.fixture()
def plugin(qgis_iface, qgis_processing):
    p = deeptraj.classFactory(qgis_iface)
    yield p
    p.unload()


def test_class_factory_init_gui_and_unload(plugin, qgis_iface):
    reg = QgsApplication.processingRegistry()
    before = reg.providerById("deeptraj")  # the session `provider` fixture may have registered one already
    plugin.initGui()
    prov = reg.providerById("deeptraj")
    assert prov is not None and prov.algorithms()
    assert all(a.id().startswith("deeptraj:") for a in prov.algorithms())
    # a duplicate id is refused by the registry: then the plugin owns (and later removes) nothing
    assert plugin.provider is (prov if before is None else None)

    assert [a.text() for a in plugin.actions] == EXPECTED_TEXTS
    assert plugin.menu == "&DeepTraj"
    actions = list(plugin.actions)

    plugin.unload()
    assert plugin.actions == [] and plugin.menu is None
    removed = [c.args for c in qgis_iface.removePluginMenu.call_args_list]
    assert all(("&DeepTraj", a) in removed for a in actions)
    assert (reg.providerById("deeptraj") is None) == (before is None)
    plugin.unload()  # a second unload is harmless


def test_missing_packages_are_announced_with_an_install_button(plugin, qgis_iface, monkeypatch):
    bar = qgis_iface.messageBar()
    n_before = len(bar.items())
    monkeypatch.setattr(dependencies, "missing_requirements", lambda modules=None: ["torch", "h3>=4.1,<5"])
    menu.build_menu(plugin)
    items = bar.items()
    assert len(items) == n_before + 1
    assert "torch, h3&gt;=4.1,&lt;5" in items[-1].text()  # shown as rich text: '<5' must not open a tag
    bar.popWidget(items[-1])


def test_open_toolbox_filters_to_deeptraj(plugin, qgis_iface):
    bar = qgis_iface.messageBar()
    bar.clear_messages()
    assert menu.open_toolbox(plugin) is False  # no Processing toolbox in the mocked interface
    assert any("Processing" in m for m in bar.get_messages(Qgis.Warning))

    dock = QDockWidget(qgis_iface.mainWindow())
    dock.setObjectName("ProcessingToolbox")
    dock.searchBox = QLineEdit(dock)
    dock.hide()
    try:
        assert menu.open_toolbox(plugin) is True
        assert not dock.isHidden()
        assert dock.searchBox.text() == "deeptraj"
    finally:
        dock.setParent(None)
        dock.deleteLater()


def test_about_shows_the_version_of_metadata_txt_and_the_licence(plugin, tmp_path):
    import configparser

    meta = configparser.ConfigParser()
    meta.read(os.path.join(os.path.dirname(deeptraj.__file__), "metadata.txt"), encoding="utf-8")
    version = meta["general"]["version"]
    assert version and menu.plugin_version() == version
    text = menu.about_text()
    assert f"<h3>DeepTraj {version}</h3>" in text
    assert "GNU General Public License, version 2 or later" in text
    other = tmp_path / "metadata.txt"
    other.write_text("[general]\nname=DeepTraj\nversion=9.8.7\n", encoding="utf-8")
    assert menu.plugin_version(str(other)) == "9.8.7"
    assert menu.plugin_version(str(tmp_path / "absent.txt")) == "?"


def test_about_lists_missing_packages(plugin, monkeypatch):
    import numpy

    text = menu.about_text()
    assert numpy.__version__ in text and "All Python packages are available" in text
    monkeypatch.setattr(dependencies, "missing_requirements", lambda modules=None: ["h3>=4.1,<5"])
    shown = []
    monkeypatch.setattr(menu.QMessageBox, "information", lambda parent, title, body: shown.append((title, body)))
    plugin.initGui()
    about = next(a for a in plugin.actions if a.text() == EXPECTED_TEXTS[2])
    about.trigger()
    assert len(shown) == 1 and shown[0][0] == "About DeepTraj"
    assert "h3&gt;=4.1,&lt;5" in shown[0][1] and "Missing Python packages" in shown[0][1]


def _wait(dialog, timeout_ms=30000):
    results = []
    loop = QEventLoop()
    dialog.installFinished.connect(lambda ok: (results.append(ok), loop.quit()))
    QTimer.singleShot(timeout_ms, loop.quit)
    loop.exec_()
    return results


def test_installer_dialog_streams_output_without_blocking(plugin, tmp_path, monkeypatch):
    monkeypatch.setattr(dependencies, "private_site_dir", lambda: str(tmp_path / "site"))
    monkeypatch.setattr(sys, "path", list(sys.path))
    plugin.initGui()
    install = next(a for a in plugin.actions if a.text() == EXPECTED_TEXTS[0])
    install.trigger()
    dialog = plugin.install_dialog
    assert dialog is not None and dialog.isVisible()

    failing = [
        sys.executable,
        "-c",
        "import sys, time; print('collecting things', flush=True); time.sleep(0.3); "
        "print('ERROR: No matching distribution found for nothing', flush=True); sys.exit(3)",
    ]
    assert dialog.start(failing) is True
    assert dialog.is_running()  # start() returned while the process still runs: the GUI thread is free
    assert dialog.start(failing) is False  # one run at a time
    assert _wait(dialog) == [False]
    log = dialog.log.toPlainText()
    assert "collecting things" in log and "ERROR: No matching distribution" in log
    assert "exit code 3" in dialog.result.text() and "No matching distribution" in dialog.result.text()

    (tmp_path / "site").mkdir()
    assert dialog.start([sys.executable, "-c", "print('Successfully installed nothing')"])
    assert _wait(dialog) == [True]
    assert "Successfully installed nothing" in dialog.log.toPlainText()
    assert str(tmp_path / "site") in sys.path  # the private folder is usable right away
    assert not dialog.is_running() and dialog.install_button.isEnabled()

    assert dialog.start([str(tmp_path / "no-such-python"), "-m", "pip"])
    assert _wait(dialog) == [False]
    assert "Could not start" in dialog.result.text() and dialog.install_button.isEnabled()


def test_installer_reports_packages_still_missing_after_pip(plugin, monkeypatch):
    monkeypatch.setattr(dependencies, "missing_requirements", lambda modules=None: ["torch"])
    dialog = menu.open_installer(plugin)
    assert dialog.start([sys.executable, "-c", "print('Successfully installed torch')"])
    assert _wait(dialog) == [False]
    assert "still cannot be imported: torch" in dialog.result.text()


def test_installer_command_installs_only_missing_packages(plugin, tmp_path, monkeypatch):
    monkeypatch.setattr(dependencies, "private_site_dir", lambda: str(tmp_path / "site"))
    monkeypatch.setattr(dependencies, "missing_requirements", lambda modules=None: ["h3>=4.1,<5"])
    from deeptraj.plugin.install_dialog import TORCH_CPU_INDEX

    dialog = menu.open_installer(plugin)
    assert "h3&gt;=4.1,&lt;5" in dialog.info.text() and dialog.only_missing.isChecked()
    dialog.torch_choice.setCurrentIndex(dialog.torch_choice.findData("cpu"))
    cmd = dialog.command()
    constraints = cmd[cmd.index("-c") + 1]
    try:
        assert cmd[cmd.index("--target") + 1] == str(tmp_path / "site")
        assert "h3>=4.1,<5" in cmd and "-r" not in cmd
        assert cmd[cmd.index("--extra-index-url") + 1] == TORCH_CPU_INDEX
        assert os.path.isfile(constraints)
    finally:
        dialog._remove_constraints()
    assert not os.path.exists(constraints)
    dialog.only_missing.setChecked(False)
    dialog.torch_choice.setCurrentIndex(dialog.torch_choice.findData("cuda"))
    cmd = dialog.command()
    dialog._remove_constraints()
    assert cmd[cmd.index("-r") + 1] == dependencies.REQUIREMENTS and "--extra-index-url" not in cmd


def test_chinese_locale_translates_provider_groups_and_help(qgis_iface, qgis_processing):
    """With QGIS set to zh_CN the shipped .qm is installed: group names, algorithm names and help are Chinese."""
    from qgis.PyQt.QtCore import QCoreApplication, QSettings

    from deeptraj.processing_provider.discretization.grid import DiscretizeGridAlgorithm

    settings = QSettings()
    old = settings.value("locale/userLocale", None)
    settings.setValue("locale/userLocale", "zh_CN")
    try:
        p = deeptraj.classFactory(qgis_iface)
        try:
            assert p.translator is not None and not p.translator.isEmpty()
            alg = DiscretizeGridAlgorithm()
            english = {"Data", "Discretization", "Ground truth"}
            for text in english:
                zh = QCoreApplication.translate("DeepTraj", text)
                assert zh != text and any("\u4e00" <= ch <= "\u9fff" for ch in zh), (text, zh)
            assert any("\u4e00" <= ch <= "\u9fff" for ch in alg.displayName())
            help_text = alg.shortHelpString()
            assert any("\u4e00" <= ch <= "\u9fff" for ch in help_text)
            assert help_text.startswith("<p>")  # the HTML is kept
        finally:
            p.unload()
        assert QCoreApplication.translate("DeepTraj", "Data") == "Data"  # unload removes the translator
    finally:
        if old is None:
            settings.remove("locale/userLocale")
        else:
            settings.setValue("locale/userLocale", old)
