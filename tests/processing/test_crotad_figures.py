"""deeptraj:crotaddetect on a syntheticanomalies layer prints every precision, recall and F1 beside the
frequent-cells rule (S_pos^od of the model, same windows and votes) computed on the same cells, warns for each figure
below the rule, and puts the rule in the report's evaluation table (issue 23); the set-up of
tests/processing/test_crotad.py (a trained model, the detours of syntheticanomalies)."""

import re

import numpy as np
import pytest
from qgis.core import QgsProcessingFeedback, QgsVectorLayer

from tests.layers import WarningFeedback
from tests.processing.test_crotad import DETECT, _run, sample, trained  # noqa: F401 - the fixtures

RULE = "frequent-cells rule"
#: "<group>: <level> <measure> <value> (frequent-cells rule: <value>)"
LINE = re.compile(
    r"^(?P<group>[\w ]+): (?P<level>point|window) (?P<measure>precision|recall|F1) (?P<value>\d+\.\d{3}) "
    r"\((?P<base>[^:()]+): (?P<bvalue>\d+\.\d{3})\)$"
)
MEASURES = {"precision": 0, "recall": 1, "F1": 2}


def _expected_rule_evaluation(model_path, anom_path, vote_threshold=None):
    """The rule's evaluation recomputed with the engine: the input read and mapped to cells as the algorithm does."""
    from deeptraj.models.core.cells import wgs84_cell_sequences
    from deeptraj.models.crotad.evaluation import anomaly_flags
    from deeptraj.models.crotad.model import CroTad
    from deeptraj.models.crotad.results import rule_evaluation
    from deeptraj.processing_provider.layer_io import attribute_key, read_trajectories

    model = CroTad.load(model_path)
    layer = QgsVectorLayer(anom_path, "anom", "ogr")
    fields = ("od", "is_anomaly", "anomaly_type")
    trajs, _ = read_trajectories(layer, "traj_id", "time", QgsProcessingFeedback(), extra_fields=fields)
    _, cs = wgs84_cell_sequences(trajs, model.resolution)
    od = [attribute_key(v) for v in trajs.first_values("od")]
    rows = np.flatnonzero(model.od_known(od))
    kinds = [attribute_key(v) for v in trajs.first_values("anomaly_type")]
    truth = anomaly_flags(trajs.attrs["is_anomaly"])
    return rule_evaluation(model, cs, rows, od, kinds, truth, vote_threshold)


def _figure_lines(feedback):
    return [m for m in (LINE.match(line) for line in feedback.infos) if m]


@pytest.mark.parametrize("mode, vote", [(0, None), (1, 3)])
def test_detection_prints_each_score_beside_the_frequent_cells_rule(trained, sample, tmp_path, mode, vote):  # noqa: F811
    fb = WarningFeedback()
    report = tmp_path / "detect.html"
    params = {
        "MODEL_FILE": trained["MODEL_FILE"],
        "INPUT": sample["anom"],
        "TRAJ_ID_FIELD": "traj_id",
        "TIME_FIELD": "time",
        "OD_FIELD": "od",
        "MODE": mode,
        "VOTE_THRESHOLD": vote,
        "OUTPUT_SEGMENTS": str(tmp_path / "seg.gpkg"),
        "OUTPUT_POINTS": None,
        "OUTPUT_REPORT": str(report),
    }
    res = _run(DETECT, params, feedback=fb)
    # no precision, recall or F1 printed without its baseline
    bare = [line for line in fb.infos if re.search(r"\b(F1|precision|recall)\b", line) and RULE not in line]
    assert not bare, bare
    rule = _expected_rule_evaluation(trained["MODEL_FILE"], sample["anom"], vote)
    lines = _figure_lines(fb)
    seen = {(m["group"], m["level"], m["measure"]) for m in lines}
    expected = {("All trajectories", lvl, ms) for lvl in ("point", "window") for ms in MEASURES}
    expected |= {("Midway Detour", "point", "F1"), ("Head Detour", "point", "F1"), ("Rear Detour", "point", "F1")}
    assert expected <= seen and len(lines) == len(seen), fb.infos
    keys = {"Midway Detour": "midway_detour", "Head Detour": "head_detour", "Rear Detour": "rear_detour"}
    worse, ties = set(), set()
    for m in lines:
        assert m["base"] == RULE
        group, level, k = m["group"], m["level"], MEASURES[m["measure"]]
        if group == "All trajectories":
            crotad_value, rule_value = res[f"{level.upper()}_{('P', 'R', 'F1')[k]}_ALL"], rule["all"][level][k]
        else:
            kind = keys.get(group) or next(t for t in rule["by_type"] if t.replace("_", " ").title() == group)
            crotad_value, rule_value = res[f"POINT_F1_{kind.upper()}"], rule["by_type"][kind]["point"][2]
        assert float(m["value"]) == pytest.approx(crotad_value, abs=6e-4)
        assert float(m["bvalue"]) == pytest.approx(rule_value, abs=6e-4), m.string
        if m["value"] == m["bvalue"]:
            ties.add(m.string)  # equal at 3 decimals: either way
        elif float(m["value"]) < float(m["bvalue"]):
            worse.add(m.string)
    # one warning per figure below the rule, none for the others
    warned = {w.split(": worse than its baseline")[0] for w in fb.warnings if "worse than its baseline" in w}
    assert warned - ties == worse, (warned, worse)

    html = report.read_text(encoding="utf-8")
    assert RULE in html and "CroTad " + ("online" if mode == 0 else "offline") in html
    assert f"{rule['all']['point'][2]:.4f}" in html  # the rule's pooled point F1
