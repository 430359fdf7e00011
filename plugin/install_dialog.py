"""Dialog that runs pip (see :mod:`.dependencies`) in a QProcess and streams its output; the GUI never blocks."""

from __future__ import annotations

import html
import os
import re
import shlex
import sys

from qgis.PyQt.QtCore import QCoreApplication, QProcess, QProcessEnvironment, Qt, pyqtSignal
from qgis.PyQt.QtGui import QFontDatabase
from qgis.PyQt.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
)

from . import dependencies

#: PyTorch's index of CPU-only wheels (about 200 MB instead of several GB of CUDA libraries on Linux)
TORCH_CPU_INDEX = dependencies.TORCH_CPU_INDEX


class InstallDialog(QDialog):
    """Shows what is missing, runs the pip command on request and reports the outcome.

    ``installFinished(ok)`` is emitted when pip ends (ok: exit code 0 and every engine module importable).
    """

    installFinished = pyqtSignal(bool)  # noqa: N815 (Qt naming)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(QCoreApplication.translate("DeepTraj", "DeepTraj: install Python dependencies"))
        self.resize(760, 520)
        self.process = None
        self._constraints = None
        self._errors = []
        self._pending = ""

        layout = QVBoxLayout(self)
        self.info = QLabel(self)
        self.info.setWordWrap(True)
        self.info.setTextInteractionFlags(Qt.TextSelectableByMouse)
        layout.addWidget(self.info)

        self.only_missing = QCheckBox(QCoreApplication.translate("DeepTraj", "Install only the missing packages"), self)
        self.only_missing.setChecked(True)
        layout.addWidget(self.only_missing)
        # PyTorch build: auto (CUDA only when nvidia-smi lists a GPU) / CPU / CUDA; macOS wheels are CPU-only
        self.gpus = dependencies.nvidia_gpus()
        row = QHBoxLayout()
        self.torch_label = QLabel(QCoreApplication.translate("DeepTraj", "PyTorch build:"), self)
        self.torch_choice = QComboBox(self)
        found = (
            QCoreApplication.translate("DeepTraj", "NVIDIA GPU found: {0}").format(
                re.sub(r"^GPU \d+:\s*|\s*\(UUID:[^)]*\)\s*$", "", self.gpus[0])
            )
            if self.gpus
            else QCoreApplication.translate("DeepTraj", "no NVIDIA GPU found")
        )
        auto = (
            QCoreApplication.translate("DeepTraj", "CUDA, several GB")
            if self.gpus
            else QCoreApplication.translate("DeepTraj", "CPU only, about 200 MB")
        )
        self.torch_choice.addItem(
            QCoreApplication.translate("DeepTraj", "Automatic: {0} ({1})").format(auto, found), "auto"
        )
        self.torch_choice.addItem(
            QCoreApplication.translate("DeepTraj", "CPU only (about 200 MB download; DeepTraj does not need a GPU)"),
            "cpu",
        )
        self.torch_choice.addItem(
            QCoreApplication.translate(
                "DeepTraj", "CUDA for an NVIDIA GPU (several GB download on Linux: PyTorch and NVIDIA libraries)"
            ),
            "cuda",
        )
        row.addWidget(self.torch_label)
        row.addWidget(self.torch_choice, 1)
        layout.addLayout(row)
        self.torch_label.setVisible(sys.platform != "darwin")
        self.torch_choice.setVisible(sys.platform != "darwin")

        self.log = QPlainTextEdit(self)
        self.log.setReadOnly(True)
        self.log.setMaximumBlockCount(20000)
        self.log.setFont(QFontDatabase.systemFont(QFontDatabase.FixedFont))
        layout.addWidget(self.log, 1)

        self.result = QLabel(self)
        self.result.setWordWrap(True)
        layout.addWidget(self.result)

        self.buttons = QDialogButtonBox(self)
        self.install_button = QPushButton(QCoreApplication.translate("DeepTraj", "Install"), self)
        self.stop_button = QPushButton(QCoreApplication.translate("DeepTraj", "Stop"), self)
        self.buttons.addButton(self.install_button, QDialogButtonBox.ActionRole)
        self.buttons.addButton(self.stop_button, QDialogButtonBox.ActionRole)
        self.buttons.addButton(QDialogButtonBox.Close)
        self.install_button.clicked.connect(lambda: self.start())
        self.stop_button.clicked.connect(self.stop)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.refresh()

    # ---- state ----------------------------------------------------------------------------------------------
    def refresh(self):
        """Update the summary of what is missing and where packages go."""
        missing = dependencies.missing_requirements()
        running = self.is_running()
        if missing:
            head = QCoreApplication.translate("DeepTraj", "Missing Python packages: <b>{0}</b>.").format(
                html.escape(", ".join(missing))
            )
        else:
            head = QCoreApplication.translate("DeepTraj", "All DeepTraj Python packages are available.")
        where = QCoreApplication.translate(
            "DeepTraj",
            "Packages are installed with pip into a DeepTraj-only folder that QGIS's own packages take "
            "precedence over; numpy stays at the version QGIS uses.<br>Folder: <tt>{0}</tt><br>Python: <tt>{1}</tt>",
        ).format(html.escape(dependencies.private_site_dir()), html.escape(dependencies.python_executable()))
        self.info.setText(head + "<br>" + where)
        self.only_missing.setEnabled(bool(missing) and not running)
        if not missing:
            self.only_missing.setChecked(False)
        self.torch_choice.setEnabled(not running)
        self.install_button.setEnabled(not running)
        self.stop_button.setEnabled(running)
        return missing

    def is_running(self) -> bool:
        return self.process is not None and self.process.state() != QProcess.NotRunning

    def torch_variant(self) -> str:
        """``'cpu'`` or ``'cuda'``: the chosen build, "automatic" resolved with the GPU found when the dialog opened."""
        return dependencies.torch_variant(self.torch_choice.currentData(), gpu=bool(self.gpus), ci=False)

    def command(self) -> list:
        """The pip command for the current choices (writes a fresh constraints file).

        CPU: PyTorch's CPU index is added and the constraints ask for the ``+cpu`` build, so pip fails rather than
        fetching the CUDA build when that index cannot be reached. CUDA: PyPI's default build (with CUDA on Linux)."""
        requirements = None
        if self.only_missing.isChecked():
            requirements = dependencies.requirements_for(dependencies.missing_requirements()) or None
        variant = self.torch_variant()
        index = TORCH_CPU_INDEX if variant == "cpu" and sys.platform != "darwin" else None
        self._remove_constraints()
        self._constraints = dependencies.write_constraints(torch=variant)
        return dependencies.pip_command(requirements=requirements, constraints=self._constraints, extra_index_url=index)

    # ---- running --------------------------------------------------------------------------------------------
    def start(self, command=None) -> bool:
        """Start ``command`` (default: :meth:`command`) in the background; False if one is already running."""
        if self.is_running():
            return False
        cmd = list(command) if command is not None else self.command()
        target = cmd[cmd.index("--target") + 1] if "--target" in cmd else None
        if target:
            os.makedirs(target, exist_ok=True)
        self._errors = []
        self._pending = ""
        self.result.clear()
        self.log.clear()
        self.log.appendPlainText("$ " + shlex.join(cmd) + "\n")

        env = QProcessEnvironment.systemEnvironment()
        for key, value in (("PYTHONUNBUFFERED", "1"), ("PYTHONIOENCODING", "utf-8"), ("PIP_NO_INPUT", "1")):
            env.insert(key, value)
        if self.process is not None:
            self.process.deleteLater()
        self.process = QProcess(self)
        self.process.setProcessEnvironment(env)
        self.process.setProcessChannelMode(QProcess.MergedChannels)
        self.process.readyReadStandardOutput.connect(self._read)
        self.process.finished.connect(self._finished)
        self.process.errorOccurred.connect(self._error)
        self.process.start(cmd[0], cmd[1:])
        self.refresh()
        return True

    def stop(self):
        if self.is_running():
            self.log.appendPlainText(QCoreApplication.translate("DeepTraj", "Stopping pip…"))
            self.process.kill()

    def _read(self):
        text = bytes(self.process.readAllStandardOutput()).decode("utf-8", "replace")
        if not text:
            return
        self._pending += text
        *lines, self._pending = self._pending.replace("\r\n", "\n").split("\n")
        for line in lines:
            self._append(line)

    def _append(self, line: str):
        self.log.appendPlainText(line)
        stripped = line.strip()
        if stripped.startswith("ERROR") or "No module named pip" in stripped:
            self._errors.append(stripped)

    def _error(self, error):
        if error == QProcess.FailedToStart:
            self._show_result(
                False,
                QCoreApplication.translate("DeepTraj", "Could not start {0}: {1}").format(
                    html.escape(self.process.program()), html.escape(self.process.errorString())
                ),
            )
            self._remove_constraints()
            self.refresh()
            self.installFinished.emit(False)

    def _finished(self, exit_code, exit_status):
        if self._pending:
            self._append(self._pending)
            self._pending = ""
        self._remove_constraints()
        dependencies.add_private_site()
        missing = self.refresh()
        if exit_status != QProcess.NormalExit:
            ok = False
            message = QCoreApplication.translate("DeepTraj", "pip was stopped before it finished.")
        elif exit_code != 0:
            ok = False
            message = QCoreApplication.translate("DeepTraj", "pip failed (exit code {0}).").format(exit_code)
            if any("No module named pip" in e for e in self._errors):
                message += " " + QCoreApplication.translate(
                    "DeepTraj",
                    "QGIS's Python has no pip: install it first (Debian/Ubuntu: sudo apt install "
                    "python3-pip), then try again.",
                )
            if self._errors:
                message += "<br>" + "<br>".join(html.escape(e) for e in self._errors[-5:])
        elif missing:
            ok = False
            message = QCoreApplication.translate(
                "DeepTraj",
                "pip finished, but these packages still cannot be imported: {0}. Restart QGIS and "
                "check again (Plugins > DeepTraj > About).",
            ).format(html.escape(", ".join(missing)))
        else:
            ok = True
            message = QCoreApplication.translate(
                "DeepTraj",
                "Installation finished: all DeepTraj packages are available. If a package was already "
                "loaded in this QGIS session in another version, restart QGIS.",
            )
        self._show_result(ok, message)
        self.installFinished.emit(ok)

    def _show_result(self, ok: bool, message: str):
        self.result.setStyleSheet("color: #1a7f37;" if ok else "color: #c62828;")
        self.result.setText(message)
        self.log.appendPlainText("\n" + html.unescape(message.replace("<br>", "\n")))

    def _remove_constraints(self):
        if self._constraints and os.path.exists(self._constraints):
            try:
                os.remove(self._constraints)
            except OSError:
                pass
        self._constraints = None

    def reject(self):
        # closing the dialog while pip runs stops pip (a half-finished --target folder is replaced by the next run)
        if self.is_running():
            self.process.kill()
            self.process.waitForFinished(3000)
        super().reject()
