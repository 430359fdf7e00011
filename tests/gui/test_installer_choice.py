"""The installer dialog's PyTorch build choice (automatic / CPU only / CUDA): the pip command it builds follows the
choice, and "automatic" follows the NVIDIA GPU detection it shares with `make setup`. Nothing is installed."""

import os
import sys

import pytest

from deeptraj.plugin import dependencies

pytestmark = pytest.mark.skipif(sys.platform == "darwin", reason="macOS wheels are CPU-only: no choice is shown")

GPU = "GPU 0: NVIDIA RTX A4000 (UUID: GPU-abcd)"
PIN = next(r for r in dependencies.read_requirements() if r.startswith("torch"))


@pytest.fixture()
def make_dialog(qgis_app, tmp_path, monkeypatch):
    from deeptraj.plugin.install_dialog import InstallDialog

    monkeypatch.setattr(dependencies, "private_site_dir", lambda: str(tmp_path / "site"))
    monkeypatch.setattr(dependencies, "missing_requirements", lambda modules=None: [])
    dialogs = []

    def make(gpus):
        monkeypatch.setattr(dependencies, "nvidia_gpus", lambda timeout=10: list(gpus))
        dialog = InstallDialog()
        dialogs.append(dialog)
        return dialog

    yield make
    for d in dialogs:
        d._remove_constraints()
        d.deleteLater()


def _command(dialog, choice=None):
    """(index URL or None, the torch constraint line) of the dialog's pip command."""
    if choice is not None:
        dialog.torch_choice.setCurrentIndex(dialog.torch_choice.findData(choice))
    cmd = dialog.command()
    with open(cmd[cmd.index("-c") + 1], encoding="utf-8") as f:
        torch_line = next(line.strip() for line in f if line.startswith("torch"))
    index = cmd[cmd.index("--extra-index-url") + 1] if "--extra-index-url" in cmd else None
    return index, torch_line


def test_without_a_gpu_the_default_is_the_cpu_build_from_the_cpu_index(make_dialog):
    dialog = make_dialog([])
    assert dialog.torch_choice.currentData() == "auto" and dialog.torch_variant() == "cpu"
    assert "CPU only, about 200 MB" in dialog.torch_choice.currentText()
    assert "no NVIDIA GPU" in dialog.torch_choice.currentText()
    index, torch_line = _command(dialog)
    assert index == dependencies.TORCH_CPU_INDEX
    assert torch_line == PIN + "+cpu"  # pip fails rather than falling back to PyPI's CUDA build


def test_with_a_gpu_the_default_is_cuda_without_the_cpu_index(make_dialog):
    dialog = make_dialog([GPU])
    assert dialog.torch_choice.currentData() == "auto" and dialog.torch_variant() == "cuda"
    assert "CUDA, several GB" in dialog.torch_choice.currentText()
    assert "NVIDIA GPU found: NVIDIA RTX A4000)" in dialog.torch_choice.currentText()  # without "GPU 0:", UUID
    assert _command(dialog) == (None, PIN)


def test_an_explicit_choice_wins_over_detection(make_dialog):
    assert _command(make_dialog([GPU]), "cpu") == (dependencies.TORCH_CPU_INDEX, PIN + "+cpu")
    assert _command(make_dialog([]), "cuda") == (None, PIN)


def test_the_choices_state_their_download_sizes(make_dialog):
    dialog = make_dialog([])
    texts = {
        dialog.torch_choice.itemData(i): dialog.torch_choice.itemText(i) for i in range(dialog.torch_choice.count())
    }
    assert set(texts) == {"auto", "cpu", "cuda"}
    assert "200 MB" in texts["cpu"] and "several GB" in texts["cuda"]
    assert dialog.torch_choice.isEnabled()
    assert os.path.basename(dialog.command()[0]).startswith("python")
