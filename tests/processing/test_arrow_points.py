"""The column-wise Arrow reader of point layers (processing_provider/arrow_points.py): the same columns as the
feature-by-feature path, batch by batch, with progress and cancel."""

import numpy as np
import pytest
from osgeo import ogr, osr
from qgis.core import QgsProcessingFeedback, QgsVectorLayer

from deeptraj.models.core.progress import Cancelled
from deeptraj.processing_provider import arrow_points
from deeptraj.processing_provider.layer_io import _read_points_arrow, _read_points_features


def _gpkg(path, n=2_000, text_ids=True, null_geom=(5, 17)):
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4326)
    lyr = ds.CreateLayer("pts", srs, ogr.wkbPoint, ["SPATIAL_INDEX=NO"])
    lyr.CreateField(ogr.FieldDefn("vid", ogr.OFTString if text_ids else ogr.OFTInteger64))
    lyr.CreateField(ogr.FieldDefn("t", ogr.OFTDateTime))
    lyr.CreateField(ogr.FieldDefn("speed", ogr.OFTReal))
    rng = np.random.default_rng(1)
    ds.StartTransaction()
    for i in range(n):
        f = ogr.Feature(lyr.GetLayerDefn())
        f.SetField("vid", f"taxi {i % 7}" if text_ids else 1000 + i % 7)
        f.SetField("t", f"2008/02/02 13:{(i // 60) % 60:02d}:{i % 60:02d}+00")
        f.SetField("speed", float(i))
        if i not in null_geom:
            g = ogr.Geometry(ogr.wkbPoint)
            g.AddPoint_2D(116 + rng.random(), 39 + rng.random())
            f.SetGeometry(g)
        lyr.CreateFeature(f)
    ds.CommitTransaction()
    ds = None
    layer = QgsVectorLayer(f"{path}|layername=pts", "pts", "ogr")
    assert layer.isValid()
    return layer


@pytest.mark.parametrize("text_ids", [True, False])
def test_arrow_columns_equal_the_feature_path(tmp_path, monkeypatch, text_ids):
    monkeypatch.setattr(arrow_points, "BATCH", 300)  # several batches, ids repeated across them
    layer = _gpkg(tmp_path / "p.gpkg", text_ids=text_ids)
    fb = QgsProcessingFeedback()
    fast = _read_points_arrow(layer, "vid", "t", layer, None, ("speed",), fb, None)
    slow = _read_points_features(layer, "vid", "t", fb, ("speed",))
    assert fast is not None
    assert fast["n_null_geom"] == slow["n_null_geom"] == 2
    for key in ("x", "y", "t", "fids"):
        np.testing.assert_array_equal(fast[key], slow[key])
    assert [str(v) for v in fast["ids"]] == [str(v) for v in slow["ids"]]
    if text_ids:
        assert fast["ids"].dtype == object and fast["ids"][0] == "taxi 0"
    np.testing.assert_array_equal(fast["attrs"]["speed"], np.asarray(slow["attrs"]["speed"], float))
    assert fast["t"][0] == np.datetime64("2008-02-02T13:00:00", "s").astype(np.int64)
    assert fast["t"].dtype == np.int64


def test_arrow_read_reports_progress_and_stops_on_cancel(tmp_path, monkeypatch):
    monkeypatch.setattr(arrow_points, "BATCH", 250)
    layer = _gpkg(tmp_path / "p.gpkg")
    seen = []
    fb = QgsProcessingFeedback()
    _read_points_arrow(layer, "vid", "t", layer, None, (), fb, seen.append)
    assert len(seen) >= 7 and seen == sorted(seen) and seen[-1] == pytest.approx(100.0)

    calls = []

    def cancel_after_two(p):
        calls.append(p)
        if len(calls) == 2:
            fb.cancel()

    with pytest.raises(Cancelled):
        _read_points_arrow(layer, "vid", "t", layer, None, (), fb, cancel_after_two)
    assert len(calls) == 2  # stopped at the next batch, not at the end of the layer
