"""deeptraj:metatrltrain / metatrlembed / metatrltask on simulated cities (H3 cells) and on the hand-made street grid
of tests/models/test_mapmatch.py (road units): models written and applied, embeddings deterministic, metrics in the
results, a model refusing another road network, and clear errors for bad input."""

import json

import numpy as np
import pytest
from qgis.core import QgsProcessingException, QgsVectorLayer

from tests.layers import WarningFeedback, cancel_after, point_layer
from tests.models.test_mapmatch import ROUTE, UTM, directed_grid, sample_route
from tests.processing.test_mapmatch import _roads_layer, _save

SMALL = {
    "D_MODEL": 16,
    "N_HEADS": 2,
    "LAYERS": 1,
    "GAT_LAYERS": 1,
    "N_BUCKETS": 8,
    "TARGET_EPOCHS": 1,
    "META_EPOCHS": 1,
    "MAX_LEN": 32,
}
#: the trajectory id and time fields of every layer here
FIELDS = {"TRAJ_ID_FIELD": "tid", "TIME_FIELD": "t"}


def _train_params(target, model, **extra):
    """metatrltrain parameters: the SMALL network trained on target and written to model (extra may override)."""
    return {"TARGET": target, **FIELDS, "MODEL_FILE": str(model), **SMALL, **extra}


def _apply_params(model, layer, **extra):
    """metatrlembed / metatrltask parameters: the model applied to layer."""
    return {"MODEL_FILE": str(model), "INPUT": layer, **FIELDS, **extra}


def _city_points(seed, spacing, n=120):
    """Simulated trajectories as a points layer (tid, t epoch seconds, mode = a label with two classes)."""
    from deeptraj.models.synthetic.simulate import simulate_trajectories

    r = simulate_trajectories(seed=seed, grid_spacing=spacing, n_trajectories=n)
    tr = r.trajs
    fast = r.speed > np.median(r.speed)
    rows = []
    for i in range(len(tr)):
        s, e = tr.offsets[i], tr.offsets[i + 1]
        for x, y, t in zip(tr.x[s:e].tolist(), tr.y[s:e].tolist(), tr.t[s:e].tolist()):
            rows.append(
                (x, y, {"tid": f"S{seed}_{i}", "t": int(t), "mode": "fast" if fast[i] else "slow", "one": "car"})
            )
    return point_layer(rows, [("tid", str), ("t", int), ("mode", str), ("one", str)], crs=tr.crs)


@pytest.fixture(scope="module")
def files(provider, tmp_path_factory):
    d = tmp_path_factory.mktemp("metatrl")
    target = _save(_city_points(1, 200.0), d / "target.gpkg")
    source = _save(_city_points(2, 300.0), d / "source.gpkg")
    lines, fids, _, hw = directed_grid()
    roads = _save(_roads_layer(lines, fids, {"highway": hw}, crs=UTM), d / "roads.gpkg")
    other = _save(_roads_layer(lines[:-3], fids[:-3], crs=UTM), d / "other_roads.gpkg")
    rows = []
    for k in range(12):
        xy, t = sample_route(ROUTE if k % 2 == 0 else ROUTE[::-1], seed=k)
        rows += [(x, y, {"tid": f"R{k}", "t": int(tt) + 3600 * k}) for (x, y), tt in zip(xy.tolist(), t.tolist())]
    on_roads = _save(point_layer(rows, [("tid", str), ("t", int)]), d / "on_roads.gpkg")
    far = _save(point_layer([(x + 0.5, y, a) for x, y, a in rows], [("tid", str), ("t", int)]), d / "far.gpkg")
    return {
        "dir": d,
        "target": target,
        "source": source,
        "roads": roads,
        "other": other,
        "on_roads": on_roads,
        "far": far,
    }


@pytest.fixture(scope="module")
def h3_model(files, provider):
    import processing
    from qgis.core import QgsProcessingContext, QgsProcessingFeedback, QgsProject

    ctx = QgsProcessingContext()
    ctx.setProject(QgsProject.instance())
    out = files["dir"] / "h3.metatrl"
    report = files["dir"] / "h3.html"
    res = processing.run(
        "deeptraj:metatrltrain",
        _train_params(
            files["target"], out, SOURCES=[files["source"]], UNIT=1, RESOLUTION=10, SEED=3, OUTPUT_REPORT=str(report)
        ),
        context=ctx,
        feedback=QgsProcessingFeedback(),
    )
    return res, out, report


def test_train_writes_model_and_report_with_losses_per_city(h3_model):
    res, out, report = h3_model
    assert out.exists() and res["N_UNITS"] > 20 and res["N_TARGET_TRAJECTORIES"] > 100 and res["N_SOURCES"] == 1
    html = report.read_text()
    assert "Meta-training on the source cities" in html and "Pre-training on the target city" in html
    from deeptraj.models.metatrl.model import MetaTRL

    m = MetaTRL.load(str(out))
    assert m.info_["sources"] == ["source"] and m.network_.kind == "h3"
    assert [h["city"] for h in m.history_["meta"]] == ["source"]
    # TARGET_EPOCHS set by hand is not raised to the fast-CPU preset's MIN_TARGET_STEPS
    assert m.params.min_target_steps == 0 and m.info_["target_epochs_run"] == len(m.history_["target"]) == 1


def _layer(path):
    vl = QgsVectorLayer(str(path), "out", "ogr")
    assert vl.isValid()
    return vl


def test_embed_is_deterministic_and_writes_the_same_embeddings_everywhere(files, h3_model, run_alg):
    _, model, _ = h3_model
    params = _apply_params(model, files["target"])
    a = run_alg(
        "deeptraj:metatrlembed",
        dict(params, OUTPUT=str(files["dir"] / "e1.gpkg"), EMBEDDINGS_FILE=str(files["dir"] / "e1.npy")),
    )
    b = run_alg(
        "deeptraj:metatrlembed", dict(params, OUTPUT=str(files["dir"] / "e2.gpkg"), EMBEDDING_FORMAT=1, GEOMETRY=1)
    )
    assert a["EMBEDDING_SIZE"] == 16 and a["N_EMBEDDED"] == a["N_TRAJECTORIES"]
    emb = np.load(a["EMBEDDINGS_FILE"])
    va, vb = _layer(a["OUTPUT"]), _layer(b["OUTPUT"])
    fa = {f["traj_id"]: f for f in va.getFeatures()}
    fb = {f["traj_id"]: f for f in vb.getFeatures()}
    assert set(fa) == set(fb) and len(fa) == emb.shape[0]
    assert va.fields().lookupField("e015") >= 0 and va.fields().lookupField("PCA_1") >= 0
    assert not vb.isSpatial() or vb.geometryType() == 4  # table: no geometry
    for tid, f in list(fa.items())[:10]:
        np.testing.assert_allclose([f[f"e{i:03d}"] for i in range(16)], json.loads(fb[tid]["embedding"]), atol=1e-5)
    # the fields (features in input order) are the rows of the exported matrix
    rows = np.array([[f[f"e{i:03d}"] for i in range(16)] for f in va.getFeatures()], float)
    np.testing.assert_allclose(rows, emb, atol=1e-6)
    assert np.unique(np.round(emb, 4), axis=0).shape[0] > emb.shape[0] // 2  # not one vector for all


def test_embeddings_change_with_the_model(files, h3_model, run_alg):
    _, model, _ = h3_model
    other = files["dir"] / "h3_seed4.metatrl"
    run_alg("deeptraj:metatrltrain", _train_params(files["target"], other, UNIT=1, RESOLUTION=10, SEED=4))
    out = []
    for m in (model, other):
        res = run_alg(
            "deeptraj:metatrlembed",
            _apply_params(m, files["target"], OUTPUT="memory:", EMBEDDINGS_FILE=str(files["dir"] / f"{m.stem}.npy")),
        )
        out.append(np.load(res["EMBEDDINGS_FILE"]))
    assert out[0].shape == out[1].shape and not np.allclose(out[0], out[1])


@pytest.mark.parametrize(
    "task, keys",
    [(0, ("MICRO_F1", "MACRO_F1", "RECALL_AT_5")), (1, ("MAE", "MAPE", "RMSE")), (2, ("ACCURACY", "MACRO_F1"))],
)
def test_tasks_report_metrics_and_write_predictions(files, h3_model, run_alg, task, keys):
    _, model, _ = h3_model
    report = files["dir"] / f"task{task}.html"
    res = run_alg(
        "deeptraj:metatrltask",
        _apply_params(
            model,
            files["target"],
            TASK=task,
            LABEL_FIELD="mode" if task == 2 else None,
            EPOCHS=2,
            OUTPUT=str(files["dir"] / f"t{task}.gpkg"),
            OUTPUT_REPORT=str(report),
        ),
    )
    for k in keys:
        assert np.isfinite(res[k])
    assert res["N_TEST"] > 10 and report.exists()
    vl = _layer(res["OUTPUT"])
    splits = {f["split"] for f in vl.getFeatures()}
    assert splits == {"train", "validation", "test"}
    if task == 0:
        assert vl.fields().lookupField("pred_unit") >= 0 and vl.fields().lookupField("correct") >= 0
    if task == 1:
        errs = [f["abs_error"] for f in vl.getFeatures() if f["split"] == "test"]
        assert np.mean(errs) == pytest.approx(res["MAE"], rel=1e-4)


def test_destination_with_units_to_predict(files, h3_model, run_alg):
    """PREDICT_LENGTH 3: each of the last 3 units is predicted; the metrics pool them, the layer counts the right
    ones per trajectory and describes the last unit (the destination)."""
    _, model, _ = h3_model
    res = run_alg(
        "deeptraj:metatrltask",
        _apply_params(
            model, files["target"], TASK=0, PREDICT_LENGTH=3, EPOCHS=2, OUTPUT=str(files["dir"] / "tail3.gpkg")
        ),
    )
    assert res["N"] == 3 * res["N_TEST"]
    vl = _layer(res["OUTPUT"])
    test = [f for f in vl.getFeatures() if f["split"] == "test"]
    assert {f["units_predicted"] for f in test} == {3}
    right = sum(f["units_correct"] for f in test)
    assert right == pytest.approx(res["MICRO_F1"] * res["N"])
    assert all(0 <= f["units_correct"] <= 3 for f in test)
    with pytest.raises(QgsProcessingException, match="INPUT: no trajectory is usable.*predict fewer units"):
        run_alg(
            "deeptraj:metatrltask",
            _apply_params(model, files["target"], TASK=0, PREDICT_LENGTH=500, OUTPUT="memory:"),
        )


def test_task_bad_labels(files, h3_model, run_alg):
    _, model, _ = h3_model
    base = _apply_params(model, files["target"], TASK=2, OUTPUT="memory:")
    with pytest.raises(QgsProcessingException, match="only one class"):
        run_alg("deeptraj:metatrltask", dict(base, LABEL_FIELD="one"))
    with pytest.raises(QgsProcessingException, match="LABEL_FIELD"):
        run_alg("deeptraj:metatrltask", base)


def test_train_needs_a_road_layer_for_road_units(files, run_alg):
    with pytest.raises(QgsProcessingException, match="ROAD_NETWORK: road-segment units need a road line layer"):
        run_alg("deeptraj:metatrltrain", _train_params(files["target"], files["dir"] / "x.metatrl", UNIT=0))


def test_road_units_train_apply_and_refuse_another_network(files, run_alg):
    model = files["dir"] / "roads.metatrl"
    res = run_alg(
        "deeptraj:metatrltrain",
        _train_params(files["on_roads"], model, UNIT=0, ROAD_NETWORK=files["roads"], ROAD_CLASS_FIELD="highway"),
    )
    assert res["MATCHED_SHARE"] > 0.95
    from deeptraj.models.metatrl.model import MetaTRL

    m = MetaTRL.load(str(model))
    assert m.network_.kind == "road" and m.network_.spec["matcher"]["radius"] == 50.0
    assert any(n.startswith("highway=") for n in m.network_.attribute_names)
    params = _apply_params(model, files["on_roads"], OUTPUT="memory:")
    ok = run_alg("deeptraj:metatrlembed", dict(params, ROAD_NETWORK=files["roads"]))
    assert ok["N_EMBEDDED"] == 12 and ok["MATCHED_SHARE"] > 0.95
    with pytest.raises(QgsProcessingException, match="not the one the model was trained on"):
        run_alg("deeptraj:metatrlembed", dict(params, ROAD_NETWORK=files["other"]))
    with pytest.raises(QgsProcessingException, match="ROAD_NETWORK"):
        run_alg("deeptraj:metatrlembed", params)


def test_trajectories_off_the_network_are_a_clear_error(files, run_alg):
    with pytest.raises(QgsProcessingException, match="off the road network|RADIUS"):
        run_alg(
            "deeptraj:metatrltrain",
            _train_params(files["far"], files["dir"] / "far.metatrl", UNIT=0, ROAD_NETWORK=files["roads"]),
        )


def test_cancel_stops_training_within_seconds_and_writes_no_model(files, run_alg):
    import time

    model = files["dir"] / "cancelled.metatrl"
    fb, timer, at = cancel_after(1.0)
    with pytest.raises(QgsProcessingException, match="[Cc]ancel"):
        run_alg(
            "deeptraj:metatrltrain",
            _train_params(files["target"], model, UNIT=1, RESOLUTION=10, TARGET_EPOCHS=500),
            feedback=fb,
        )
    timer.cancel()
    assert at and time.perf_counter() - at[0] < 3.0
    assert not model.exists()


def test_every_engine_parameter_is_a_processing_parameter(provider):
    from dataclasses import fields

    from qgis.core import QgsApplication

    from deeptraj.models.metatrl.params import PRESETS, MetaTRLParams

    alg = QgsApplication.processingRegistry().algorithmById("deeptraj:metatrltrain")
    preset_keys = {k for v in PRESETS.values() for k in v}
    for f in fields(MetaTRLParams):
        d = alg.parameterDefinition(f.name.upper())
        assert d is not None, f.name
        if f.name in preset_keys:  # empty = the preset's value
            assert d.defaultValue() is None and d.flags() & d.FlagOptional, f.name
        elif f.name not in ("seed", "meta_update"):
            assert d.defaultValue() == f.default and d.flags() & d.FlagAdvanced, f.name


def test_embedding_table_into_a_geopackage_raises_no_gdal_error(files, h3_model, run_alg):
    """GEOMETRY none writes a table: closing it in a GeoPackage (the ogr: table form) must not make GDAL print
    "No geometry column" (every table sink is closed under outputs.no_spatial_index_error)."""
    from osgeo import gdal

    _, model, _ = h3_model
    gpkg = files["dir"] / "tables.gpkg"
    seen = []
    gdal.PushErrorHandler(lambda cls, num, msg: seen.append(msg))
    try:
        res = run_alg(
            "deeptraj:metatrlembed",
            dict(_apply_params(model, files["target"]), GEOMETRY=1, OUTPUT=f"ogr:dbname='{gpkg}' table=\"emb\" (geom)"),
        )
    finally:
        gdal.PopErrorHandler()
    assert not [m for m in seen if "No geometry column" in m], seen
    layer = QgsVectorLayer(f"{gpkg}|layername=emb", "emb", "ogr")
    assert layer.isValid() and layer.featureCount() == res["N_EMBEDDED"]


def test_source_point_layers_are_read_column_wise(files, run_alg, monkeypatch, tmp_path):
    """A source city that is a plain point GeoPackage goes through GDAL's column-wise reader (a city-scale source
    of millions of points read feature by feature took minutes), with the same trajectories."""
    from deeptraj.processing_provider import layer_io

    by_feature = []
    slow = layer_io._read_points_features

    def record(source, *args, **kwargs):
        by_feature.append(source.sourceName())
        return slow(source, *args, **kwargs)

    monkeypatch.setattr(layer_io, "_read_points_features", record)
    res = run_alg(
        "deeptraj:metatrltrain",
        _train_params(files["target"], tmp_path / "m.metatrl", SOURCES=[files["source"]], UNIT=1, RESOLUTION=10),
    )
    assert res["N_SOURCES"] == 1
    assert by_feature == []


def test_trajectories_the_model_cannot_read_are_named(files, h3_model, run_alg, tmp_path):
    """Two of eight trajectories moved ~50 km away match no H3 cell of the model: their embedding and PCA fields
    are NULL, the run says which and why, and N_EMBEDDED counts the others."""
    from qgis.core import NULL

    from deeptraj.models.synthetic.simulate import simulate_trajectories

    tr = simulate_trajectories(seed=1, grid_spacing=200.0, n_trajectories=8).trajs
    rows = []
    for i in range(len(tr)):
        s, e = tr.offsets[i], tr.offsets[i + 1]
        dx = (0.6 if tr.crs == "EPSG:4326" else 50_000.0) if i in (2, 5) else 0.0  # ~50 km east
        rows += [(x + dx, y, {"tid": f"T{i}", "t": int(t)}) for x, y, t in zip(tr.x[s:e], tr.y[s:e], tr.t[s:e])]
    layer = _save(point_layer(rows, [("tid", str), ("t", int)], crs=tr.crs), tmp_path / "mixed.gpkg")
    fb = WarningFeedback()
    res = run_alg("deeptraj:metatrlembed", _apply_params(h3_model[1], layer, OUTPUT="TEMPORARY_OUTPUT"), feedback=fb)
    assert res["N_TRAJECTORIES"] == 8 and res["N_EMBEDDED"] == 6, (res, fb.warnings)
    said = [w for w in fb.warnings if "NULL embedding" in w]
    assert len(said) == 1 and "2 of 8 trajectories" in said[0] and "(traj_id T2, T5)" in said[0]
    assert "2 of them match no H3 cell" in said[0]
    nulls = {f["traj_id"] for f in res["OUTPUT"].getFeatures() if f["PCA_1"] == NULL}
    assert nulls == {"T2", "T5"}
