"""Small layer builders and feedbacks for the Processing tests."""

import threading
import time

import numpy as np
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeature,
    QgsField,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingFeedback,
    QgsProject,
    QgsVectorFileWriter,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QVariant

_TYPES = {int: QVariant.LongLong, float: QVariant.Double, str: QVariant.String}


def point_layer(rows, fields, crs="EPSG:4326", geom="Point", name="points"):
    """Memory point layer; rows are (x, y, {field: value}) with x/y None for a null geometry."""
    vl = QgsVectorLayer(f"{geom}?crs={crs}", name, "memory")
    pr = vl.dataProvider()
    pr.addAttributes([QgsField(n, _TYPES.get(t, t)) for n, t in fields])
    vl.updateFields()
    feats = []
    for x, y, attrs in rows:
        f = QgsFeature(vl.fields())
        if x is not None:
            f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(x, y)))
        for k, v in attrs.items():
            f[k] = v
        feats.append(f)
    pr.addFeatures(feats)
    vl.updateExtents()
    return vl


def trajectories_layer(
    n_traj=6, n_pts=20, crs="EPSG:4326", origin=(-8.62, 41.15), step=0.0008, seed=0, time_kind="datetime_str"
):
    """Straight-ish trajectories from a common origin in different directions (one group per 3 trajectories)."""
    rng = np.random.default_rng(seed)
    rows = []
    for i in range(n_traj):
        ang = (i // 3) * np.pi / 2 + rng.normal(0, 0.05)
        for j in range(n_pts):
            x = origin[0] + np.cos(ang) * step * j + rng.normal(0, step * 0.05)
            y = origin[1] + np.sin(ang) * step * j + rng.normal(0, step * 0.05)
            sec = 1_700_000_000 + i * 3600 + j * 15
            if time_kind == "datetime_str":
                import datetime as dt

                t = dt.datetime.utcfromtimestamp(sec).strftime("%Y-%m-%dT%H:%M:%S")
            else:
                t = sec
            rows.append((x, y, {"tid": f"T{i}", "t": t}))
    return point_layer(rows, [("tid", str), ("t", str if time_kind == "datetime_str" else int)], crs=crs)


class WarningFeedback(QgsProcessingFeedback):
    """Processing feedback that keeps the warnings (``warnings``) and the log lines (``infos``) it is given."""

    def __init__(self):
        super().__init__()
        self.warnings = []
        self.infos = []

    def pushWarning(self, msg):
        self.warnings.append(msg)
        super().pushWarning(msg)

    def pushInfo(self, msg):
        self.infos.append(msg)
        super().pushInfo(msg)


def cancel_after(seconds):
    """A Processing feedback that a timer thread cancels after ``seconds`` (the timer is started). Returns
    (feedback, timer, cancelled_at): cancelled_at gets the ``time.perf_counter()`` of the cancel; cancel the timer
    after the run."""
    fb = QgsProcessingFeedback()
    cancelled_at = []

    def cancel():
        cancelled_at.append(time.perf_counter())
        fb.cancel()

    timer = threading.Timer(seconds, cancel)
    timer.start()
    return fb, timer, cancelled_at


def save_gpkg(layer, path, table=None, crs=None):
    """Write ``layer`` to the GeoPackage ``path`` (as ``table`` beside the layers already there), in ``crs``."""
    opts = QgsVectorFileWriter.SaveVectorOptions()
    opts.driverName = "GPKG"
    if table:
        opts.layerName = table
        if path.exists():
            opts.actionOnExistingFile = QgsVectorFileWriter.CreateOrOverwriteLayer
    if crs:
        opts.ct = QgsCoordinateTransform(layer.crs(), QgsCoordinateReferenceSystem(crs), QgsProject.instance())
    err = QgsVectorFileWriter.writeAsVectorFormatV3(layer, str(path), QgsProject.instance().transformContext(), opts)
    assert err[0] == QgsVectorFileWriter.NoError, err
