"""CroTad's sampling check (issue 25, defaults that do not fit the data): fixes that lie several H3 cells apart at the
model's resolution are named with the resolution that fits (processing_provider/crotad/io.warn_sparse_sampling)."""

from tests.layers import WarningFeedback
from tests.processing.test_crotad import DETECT, TINY, TRAIN, _run


def test_sparse_sampling_for_the_resolution_is_named_with_the_resolution_that_fits(provider, tmp_path):
    """Fixes every 10 s at resolution 10 lie in neighbouring cells: no warning. Every 10th of them (100 s) lie
    several cells apart: crotaddetect says so and names a coarser resolution."""
    sim, sparse, model = (str(tmp_path / n) for n in ("sim.gpkg", "sparse.gpkg", "m.pt"))
    _run(
        "deeptraj:simulatetrajectories",
        {"N_OD_PAIRS": 2, "N_TRAJECTORIES": 40, "OD_LAYOUT": 1, "SAMPLING_INTERVAL": 10, "SEED": 5, "OUTPUT": sim,
         "OUTPUT_LINES": None, "OUTPUT_ROADS": None},
    )  # fmt: skip
    _run("native:extractbyexpression", {"INPUT": sim, "EXPRESSION": "$id % 10 = 0", "OUTPUT": sparse})
    common = {"TRAJ_ID_FIELD": "traj_id", "TIME_FIELD": "time", "OD_FIELD": "od_id"}
    trained = WarningFeedback()
    _run(TRAIN, {"INPUT": sim, **common, "MODEL_FILE": model, "MIN_TRIPS": 5, **TINY}, feedback=trained)
    assert not [w for w in trained.warnings if "H3 cells apart" in w]  # crotadtrain checks its input too
    warned = {}
    for name, inp in (("dense", sim), ("sparse", sparse)):
        fb = WarningFeedback()
        _run(DETECT, {"MODEL_FILE": model, "INPUT": inp, **common, "OUTPUT_SEGMENTS": "TEMPORARY_OUTPUT"}, feedback=fb)
        warned[name] = [w for w in fb.warnings if "H3 cells apart" in w]
    assert warned["dense"] == []
    assert len(warned["sparse"]) == 1 and "MODEL_FILE: the model's resolution 10" in warned["sparse"][0]
    suggested = int(warned["sparse"][0].split("Resolution ")[1].split()[0])
    assert 7 <= suggested <= 9
