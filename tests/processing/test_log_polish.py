"""What a run leaves in the log: no GDAL error for ECO's non-spatial tables, no deprecation warning from the
styles, no float printed with more digits than it means (issue 23)."""

import re
import warnings

import pytest
from qgis.core import QgsProcessingFeedback, QgsVectorLayer

from .test_eco import _params, stream_gpkg  # noqa: F401 (module fixture)

#: a number printed with 5 or more decimals, e.g. 0.6238284656832651
LONG_FLOAT = re.compile(r"\d\.\d{5,}")


class RecordingFeedback(QgsProcessingFeedback):
    """Keeps every message an algorithm pushes to the log."""

    def __init__(self):
        super().__init__()
        self.messages = []

    def pushInfo(self, info):  # noqa: N802
        self.messages.append(info)
        super().pushInfo(info)

    def pushWarning(self, warning):  # noqa: N802
        self.messages.append(warning)
        super().pushWarning(warning)

    def reportError(self, error, fatalError=False):  # noqa: N802, N803
        self.messages.append(error)
        super().reportError(error, fatalError)


@pytest.fixture()
def gdal_errors():
    """The GDAL errors raised while the test runs (what QGIS would print as "ERROR 1: ...")."""
    from osgeo import gdal

    seen = []
    gdal.PushErrorHandler(lambda cls, num, msg: seen.append(msg))
    yield seen
    gdal.PopErrorHandler()


def test_eco_tables_into_a_geopackage_raise_no_gdal_error(run_alg, stream_gpkg, tmp_path, gdal_errors):  # noqa: F811
    gpkg = tmp_path / "eco.gpkg"

    def table(name):
        return f"ogr:dbname='{gpkg}' table=\"{name}\" (geom)"

    res = run_alg(
        "deeptraj:eco",
        _params(
            stream_gpkg,
            tmp_path,
            OUTPUT=table("eco_points"),
            OUTPUT_EVENTS=table("eco_events"),
            OUTPUT_STEPS=table("eco_steps"),
        ),
    )
    assert not [m for m in gdal_errors if "No geometry column" in m], gdal_errors
    for name, n in (("eco_events", res["N_EVENTS"]), ("eco_steps", res["N_STEPS"])):
        layer = QgsVectorLayer(f"{gpkg}|layername={name}", name, "ogr")
        assert layer.isValid() and layer.featureCount() == n


def test_eco_log_and_results_have_no_long_floats(run_alg, stream_gpkg, tmp_path):  # noqa: F811
    fb = RecordingFeedback()
    res = run_alg("deeptraj:eco", _params(stream_gpkg, tmp_path), feedback=fb)
    assert fb.messages
    long = [m for m in fb.messages if LONG_FLOAT.search(m)]
    assert not long, long
    # QGIS prints the results at the end of a run (the log, qgis_process): numbers as they mean
    long = {k: v for k, v in res.items() if isinstance(v, float) and LONG_FLOAT.search(str(v))}
    assert not long, long


def test_graduated_style_uses_no_deprecated_call():
    from qgis.core import QgsFeature, QgsVectorLayer

    from deeptraj.processing_provider import styles

    layer = QgsVectorLayer("Point?crs=EPSG:4326&field=visits:double", "cells", "memory")
    feats = []
    for i in range(20):
        f = QgsFeature(layer.fields())
        f.setAttributes([i * 1.5])
        feats.append(f)
    layer.dataProvider().addFeatures(feats)
    with warnings.catch_warnings():
        warnings.simplefilter("error", DeprecationWarning)
        styles.graduated(layer, "visits", classes=4)
    ranges = layer.renderer().ranges()
    assert len(ranges) == 4 and ranges[0].lowerValue() == 0 and ranges[-1].upperValue() == 28.5


@pytest.mark.parametrize(
    "alg, params",
    [
        ("deeptraj:simulatetrajectories", {"N_TRAJECTORIES": 30, "OUTPUT_LINES": "TEMPORARY_OUTPUT"}),
        ("deeptraj:discretizegrid", {"OUTPUT_CELLS": "TEMPORARY_OUTPUT", "OUTPUT_SEQUENCES": "TEMPORARY_OUTPUT"}),
        ("deeptraj:discretizeh3", {"OUTPUT_CELLS": "TEMPORARY_OUTPUT", "OUTPUT_SEQUENCES": "TEMPORARY_OUTPUT"}),
    ],
)
def test_logs_of_the_first_steps_have_no_long_floats(run_alg, alg, params):
    from ..layers import trajectories_layer

    if alg != "deeptraj:simulatetrajectories":
        params = {"INPUT": trajectories_layer(n_traj=6, seed=2), "TRAJ_ID_FIELD": "tid", "TIME_FIELD": "t", **params}
    else:
        params = {"OUTPUT": "TEMPORARY_OUTPUT", **params}
    fb = RecordingFeedback()
    res = run_alg(alg, params, feedback=fb)
    assert fb.messages
    long = [m for m in fb.messages if LONG_FLOAT.search(m)]
    assert not long, long
    long = {k: v for k, v in res.items() if isinstance(v, float) and LONG_FLOAT.search(str(v))}
    assert not long, long
