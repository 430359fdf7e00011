"""deeptraj:eco on a simulated stream of moving groups: a temporal, categorized point layer with stable cluster
ids, events and per-step tables; the baselines; bad input and cancel."""

import datetime as dt

import numpy as np
import pytest
from qgis.core import NULL, QgsProcessingException, QgsProcessingFeedback, QgsVectorLayer

from ..layers import point_layer

ALG = "deeptraj:eco"


@pytest.fixture(scope="module")
def stream_gpkg(tmp_path_factory):
    """Groups of 8 objects in Porto (EPSG:4326 points, ISO times) with 3% one-step jumps."""
    from deeptraj.models.core.crs import transform_xy
    from deeptraj.models.synthetic.groups import simulate_groups

    g = simulate_groups(n_groups=12, per_group=8, n_steps=20, extent=6000, jump_rate=0.03, seed=3)
    lon, lat = transform_xy(g.x + 525000, g.y + 4550000, "EPSG:32629", "EPSG:4326")
    rows = [
        (
            float(a),
            float(b),
            {"vehicle": int(o), "time": dt.datetime.utcfromtimestamp(int(t)).isoformat(), "group": int(gr)},
        )
        for a, b, o, t, gr in zip(lon, lat, g.obj, g.t, g.group)
    ]
    layer = point_layer(rows, [("vehicle", int), ("time", str), ("group", int)])
    path = tmp_path_factory.mktemp("eco") / "stream.gpkg"
    from qgis.core import QgsVectorFileWriter

    err = QgsVectorFileWriter.writeAsVectorFormat(layer, str(path), "utf-8", layer.crs(), "GPKG")
    assert err[0] == QgsVectorFileWriter.NoError
    return str(path)


def _params(src, tmp_path, **extra):
    return {
        "INPUT": src,
        "TRAJ_ID_FIELD": "vehicle",
        "TIME_FIELD": "time",
        "EPS": 300,
        "MIN_PTS": 4,
        "DELTA": 250,
        "RHO": 4,
        "OUTPUT": str(tmp_path / "eco.gpkg"),
        "OUTPUT_EVENTS": "TEMPORARY_OUTPUT",
        "OUTPUT_STEPS": "TEMPORARY_OUTPUT",
        **extra,
    }


def test_eco_writes_a_temporal_clustered_layer(run_alg, stream_gpkg, tmp_path):
    from deeptraj.processing_provider.eco.io import style_points as _style_points

    res = run_alg(ALG, _params(stream_gpkg, tmp_path))
    assert res["METHOD"] == "eco" and res["N_STEPS"] == 20 and res["N_RECORDS"] == 96 * 20
    assert res["DELTA_T"] == 10.0 and res["METRIC_CRS"] == "EPSG:32629"  # auto UTM for EPSG:4326 input
    assert res["MEAN_NMI"] > 0.9 and res["MEAN_QS"] > 0.5 and res["N_SMOOTHED"] > 0
    layer = QgsVectorLayer(res["OUTPUT"], "eco", "ogr")
    assert layer.featureCount() == 96 * 20
    names = layer.fields().names()
    for f in (
        "obj_id",
        "step",
        "step_start",
        "step_end",
        "time",
        "orig_x",
        "adj_x",
        "cluster",
        "role",
        "seed",
        "smoothed",
    ):
        assert f in names
    feats = list(layer.getFeatures())
    # each group of 8 vehicles ends up in one cluster, and a vehicle keeps its cluster id across steps
    by_vehicle = {}
    for f in feats:
        by_vehicle.setdefault(f["obj_id"], []).append(f["cluster"])
    stable = [max(set(v), key=v.count) for v in by_vehicle.values()]
    share = np.mean([np.mean(np.array(v) == s) for v, s in zip(by_vehicle.values(), stable)])
    assert share > 0.9
    assert {f["role"] for f in feats} <= {"core", "border", "noise"}
    moved = [f for f in feats if f["smoothed"]]
    assert moved and all(abs(f["adj_x"] - f["orig_x"]) + abs(f["adj_y"] - f["orig_y"]) > 0 for f in moved)
    g = moved[0].geometry().asPoint()
    assert g.x() == pytest.approx(moved[0]["adj_x"]) and g.y() == pytest.approx(moved[0]["adj_y"])
    _style_points(layer)
    tp = layer.temporalProperties()
    assert tp.isActive() and tp.startField() == "step_start" and tp.endField() == "step_end"
    assert layer.renderer().classAttribute() == "cluster"
    bounds = {f["step"]: (f["step_start"], f["step_end"]) for f in feats}
    assert all(bounds[s][1] == bounds[s + 1][0] for s in bounds if s + 1 in bounds)  # steps tile the time
    steps = res["OUTPUT_STEPS"]
    assert steps.featureCount() == 20 and all(f["ms_per_record"] > 0 for f in steps.getFeatures())
    events = {f["event"] for f in res["OUTPUT_EVENTS"].getFeatures()}
    assert "form" in events and events <= {"form", "evolve", "split", "merge", "dissolve"}


def test_start_time_skips_earlier_records(run_alg, stream_gpkg, tmp_path):
    first = run_alg(ALG, _params(stream_gpkg, tmp_path))
    t0 = dt.datetime.fromisoformat(first["START_TIME"].replace("Z", "+00:00"))
    later = (t0 + dt.timedelta(seconds=50)).strftime("%Y-%m-%dT%H:%M:%SZ")
    res = run_alg(ALG, _params(stream_gpkg, tmp_path, START_TIME=later, OUTPUT=str(tmp_path / "late.gpkg")))
    assert res["N_STEPS"] == 15 and res["N_RECORDS"] == 96 * 15 and res["N_IGNORED_RECORDS"] == 96 * 5
    assert dt.datetime.fromisoformat(res["START_TIME"].replace("Z", "+00:00")) == t0 + dt.timedelta(seconds=50)


def test_baselines_run_and_eco_is_smoother_than_plain_dbscan(run_alg, stream_gpkg, tmp_path):
    nmi = {}
    for method in (0, 1, 2):
        res = run_alg(
            ALG,
            _params(
                stream_gpkg,
                tmp_path,
                METHOD=method,
                ALPHA=0.9,
                ADAPT_EPS=False,
                OUTPUT=str(tmp_path / f"m{method}.gpkg"),
            ),
        )
        nmi[res["METHOD"]] = res["MEAN_NMI"]
    assert set(nmi) == {"eco", "dbscan", "kimhan"} and nmi["eco"] > nmi["dbscan"]


def test_bad_inputs_give_clear_errors(run_alg, stream_gpkg, tmp_path):
    with pytest.raises(QgsProcessingException, match="TIME_FIELD"):
        run_alg(ALG, _params(stream_gpkg, tmp_path, TIME_FIELD=""))
    with pytest.raises(QgsProcessingException, match="DELTA"):
        run_alg(ALG, _params(stream_gpkg, tmp_path, DELTA=500))
    with pytest.raises(QgsProcessingException, match="at least 2"):
        run_alg(ALG, _params(_one_object_layer(), tmp_path, TRAJ_ID_FIELD="id"))
    with pytest.raises(QgsProcessingException, match="CRS"):
        run_alg(ALG, _params(stream_gpkg, tmp_path, CRS="EPSG:4326"))


def _one_object_layer():
    rows = [(-8.61 + 0.001 * k, 41.15, {"id": 1, "time": f"2024-01-01T08:00:{10 * k:02d}"}) for k in range(5)]
    return point_layer(rows, [("id", int), ("time", str)])


def test_a_step_longer_than_the_data_is_one_snapshot(run_alg, stream_gpkg, tmp_path):
    class Log(QgsProcessingFeedback):
        errors = []

        def reportError(self, error, fatalError=False):
            self.errors.append(error)

    fb = Log()
    res = run_alg(ALG, _params(stream_gpkg, tmp_path, DELTA_T=100000), feedback=fb)
    assert res["N_STEPS"] == 1 and res["N_RECORDS"] == 96 and res["N_SMOOTHED"] == 0
    assert any("one time step" in e for e in fb.errors)


def test_cancel_stops_without_output(run_alg, stream_gpkg, tmp_path):
    fb = QgsProcessingFeedback()
    fb.progressChanged.connect(lambda p: fb.cancel() if p > 10 else None)
    with pytest.raises(QgsProcessingException, match="Cancel"):
        run_alg(ALG, _params(stream_gpkg, tmp_path), feedback=fb)


def _rows(layer, skip=()):
    """(geometry as (x, y) or None, attributes without ``skip``) of every feature, in feature order; date-times as
    epoch seconds."""
    names = [n for n in layer.fields().names() if n not in skip and n != "fid"]
    out = []
    for f in layer.getFeatures():
        g = None if not f.hasGeometry() else (f.geometry().asPoint().x(), f.geometry().asPoint().y())
        vals = []
        for n in names:
            v = f[n]
            vals.append(
                v.toSecsSinceEpoch() if hasattr(v, "toSecsSinceEpoch") else (None if v is None or v == NULL else v)
            )
        out.append((g, vals))
    return names, out


def test_geopackage_outputs_equal_memory_outputs(run_alg, stream_gpkg, tmp_path):
    """The bulk GeoPackage path writes the same points, events and steps as the feature-sink path."""
    mem = run_alg(ALG, _params(stream_gpkg, tmp_path, OUTPUT="TEMPORARY_OUTPUT"))
    gp = run_alg(
        ALG,
        _params(
            stream_gpkg,
            tmp_path,
            OUTPUT=str(tmp_path / "p.gpkg"),
            OUTPUT_EVENTS=str(tmp_path / "e.gpkg"),
            OUTPUT_STEPS=str(tmp_path / "s.gpkg"),
        ),
    )
    for key in ("OUTPUT", "OUTPUT_EVENTS", "OUTPUT_STEPS"):
        a = mem[key] if not isinstance(mem[key], str) else QgsVectorLayer(mem[key], "m", "memory")
        b = QgsVectorLayer(gp[key], "g", "ogr")
        assert b.isValid() and a.featureCount() == b.featureCount() > 0, key
        skip = ("ms_per_record",)  # a timing
        assert _rows(a, skip) == _rows(b, skip), key
    same = {k: v for k, v in mem.items() if not k.startswith(("OUTPUT", "MS_PER"))}
    assert same == {k: v for k, v in gp.items() if not k.startswith(("OUTPUT", "MS_PER"))}
