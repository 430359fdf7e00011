"""A graphical-modeler model chaining simulatetrajectories -> discretizegrid -> groundtruthclusters, saved as .model3,
loaded back and run, as a user would build it in the model designer."""

import processing
from qgis.core import (
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsProcessingModelAlgorithm,
    QgsProcessingModelChildAlgorithm,
    QgsProcessingModelChildParameterSource,
    QgsProcessingModelOutput,
    QgsProcessingModelParameter,
    QgsProcessingParameterNumber,
    QgsProject,
    QgsVectorLayer,
)


def _child(model, alg_id, child_id, sources, outputs=()):
    child = QgsProcessingModelChildAlgorithm(alg_id)
    child.setChildId(child_id)
    child.setDescription(child_id)
    # like the model designer, start from every parameter's default value
    for d in child.algorithm().parameterDefinitions():
        if not d.isDestination() and d.name() not in sources and d.defaultValue() is not None:
            child.addParameterSources(
                d.name(), [QgsProcessingModelChildParameterSource.fromStaticValue(d.defaultValue())]
            )
    for name, src in sources.items():
        child.addParameterSources(name, [src])
    outs = {}
    for out_name, model_name in outputs:
        o = QgsProcessingModelOutput(model_name)
        o.setChildOutputName(out_name)
        o.setChildId(child_id)
        outs[model_name] = o
    child.setModelOutputs(outs)
    model.addChildAlgorithm(child)
    return child


def build_model():
    m = QgsProcessingModelAlgorithm("DeepTraj ground truth chain", "DeepTraj")
    m.addModelParameter(
        QgsProcessingParameterNumber("n_traj", "Trajectories", QgsProcessingParameterNumber.Integer, 60),
        QgsProcessingModelParameter("n_traj"),
    )
    static = QgsProcessingModelChildParameterSource.fromStaticValue
    _child(
        m,
        "deeptraj:simulatetrajectories",
        "sim",
        {
            "N_TRAJECTORIES": QgsProcessingModelChildParameterSource.fromModelParameter("n_traj"),
            "N_OD_PAIRS": static(3),
            "SEED": static(5),
            "DETOUR_RATE": static(0.0),
            "OUTPUT": static("TEMPORARY_OUTPUT"),
        },
    )
    out_of = QgsProcessingModelChildParameterSource.fromChildOutput
    _child(
        m,
        "deeptraj:discretizegrid",
        "grid",
        {
            "INPUT": out_of("sim", "OUTPUT"),
            "TRAJ_ID_FIELD": static("traj_id"),
            "TIME_FIELD": static("time"),
            "CELL_SIZE": static(300.0),
        },
        outputs=[("OUTPUT_SEQUENCES", "sequences"), ("OUTPUT_CELLS", "cells")],
    )
    _child(
        m,
        "deeptraj:groundtruthclusters",
        "gt",
        {
            "INPUT": out_of("grid", "OUTPUT_SEQUENCES"),
            "TRAJ_ID_FIELD": static("traj_id"),
            "N_CENTERS": static(3),
            "RADIUS_RATIO": static(0.6),
            "FALLEN_THRESHOLD": static(0.7),
        },
        outputs=[("OUTPUT", "labelled")],
    )
    return m


def test_model3_saved_loaded_and_run(provider, tmp_path):
    path = tmp_path / "deeptraj_chain.model3"
    m = build_model()
    assert m.toFile(str(path))
    loaded = QgsProcessingModelAlgorithm()
    assert loaded.fromFile(str(path))
    assert [c.algorithmId() for c in loaded.childAlgorithms().values()].count("deeptraj:discretizegrid") == 1
    ok, errors = loaded.validate()
    assert ok, errors
    ctx = QgsProcessingContext()
    ctx.setProject(QgsProject.instance())
    res = processing.run(
        loaded,
        {
            "n_traj": 60,
            "gt:labelled": str(tmp_path / "labelled.gpkg"),
            "grid:sequences": str(tmp_path / "seq.gpkg"),
            "grid:cells": "TEMPORARY_OUTPUT",
        },
        context=ctx,
        feedback=QgsProcessingFeedback(),
    )
    seq = QgsVectorLayer(res["grid:sequences"], "seq", "ogr")
    assert seq.featureCount() == 60
    lab = QgsVectorLayer(res["gt:labelled"], "lab", "ogr")
    labels = [f["gt_label"] for f in lab.getFeatures()]
    # the simulated sample has 3 well-separated OD clusters: trajectories staying near a centre get its label
    assert len(labels) >= 15 and len(set(labels)) >= 2
