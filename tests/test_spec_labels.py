"""Parameter labels as QGIS shows them: QGIS appends " [optional]" to the label of every optional parameter in the
Processing dialog (and the model designer), so a label that says so itself reads "… (optional) [optional]"."""

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from deeptraj.processing_provider.specs import all_specs

ROOT = Path(__file__).resolve().parents[1]
#: "optional" in the languages of i18n/ (zh_CN: 可选 "optional", 选填 "fill in optionally")
OPTIONAL_WORD = re.compile(r"optional|可选|选填", re.IGNORECASE)


def _optional_labels():
    return {(s.id, p.name): p.label for s in all_specs() for p in s.params if p.is_optional}


def test_no_optional_parameter_label_says_optional():
    labels = _optional_labels()
    assert len(labels) > 50  # every algorithm's optional parameters are seen
    bad = {key: label for key, label in labels.items() if OPTIONAL_WORD.search(label)}
    assert not bad, f"QGIS adds ' [optional]' itself; say it in the help sentence instead: {bad}"


def test_no_translated_optional_label_says_optional():
    labels = set(_optional_labels().values())
    bad = {}
    for ts in (ROOT / "i18n").glob("*.ts"):
        for message in ET.parse(ts).getroot().iter("message"):
            source, translation = message.findtext("source"), message.findtext("translation") or ""
            if source in labels and OPTIONAL_WORD.search(translation):
                bad[source] = translation
    assert not bad, bad
