"""The translation file holds every text the code asks to translate: pylupdate5 reads a translate()/tr() call only
when its text is one literal on one line, so scripts/spec_strings.py hands it the others (texts ruff splits over
several lines); each must reach i18n/ and be translated."""

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
from spec_strings import code_strings  # noqa: E402


def _modules():
    return sorted(str(p) for d in ("plugin", "processing_provider") for p in (ROOT / d).rglob("*.py"))


def test_code_strings_reads_calls_over_several_lines(tmp_path):
    mod = tmp_path / "m.py"
    mod.write_text(
        'class Dock:\n    def f(self):\n        return self.tr(\n            "a long "\n'
        '            "text"\n        )\n\n'
        'x = translate(\n    "DeepTraj",\n    "first part, "\n    "second part {0}",\n).format(1)\n'
        "y = translate(ctx, 'not a literal context')\n"
    )
    assert code_strings([str(mod)]) == [("Dock", "a long text"), ("DeepTraj", "first part, second part {0}")]


def test_every_translatable_text_of_the_code_is_translated():
    texts = set(code_strings(_modules()))
    assert len(texts) > 150
    for ts in (ROOT / "i18n").glob("*.ts"):
        done = {
            (ctx.findtext("name"), m.findtext("source"))
            for ctx in ET.parse(ts).getroot().iter("context")
            for m in ctx.iter("message")
            if m.find("translation").get("type") != "unfinished" and m.find("translation").text
        }
        missing = sorted(texts - done)
        assert not missing, f"{ts.name}: run make translations and translate: {missing[:5]}"


def test_the_code_strings_script_runs_on_the_tracked_modules():
    out = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "spec_strings.py"), *_modules()],
        capture_output=True, text=True, check=True, cwd=ROOT,
    )  # fmt: skip
    assert "QT_TRANSLATE_NOOP(\"FlaggedSegments\"," in out.stdout and out.stdout.count("QT_TRANSLATE_NOOP(") > 900
