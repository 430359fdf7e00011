"""Every registered algorithm is declared by its spec: the QGIS parameters, results and help panel are the table's,
and a number given as NaN or outside its bounds is refused before the run with a message naming the parameter."""

import math

import pytest
from qgis.core import QgsProcessingException

from deeptraj.processing_provider.specs import all_specs

SPECS = {s.id: s for s in all_specs()}


def _algorithms(provider):
    return {a.name(): a for a in provider.algorithms()}


def test_every_algorithm_has_a_spec(provider):
    algs = _algorithms(provider)
    assert len(algs) == 20
    assert set(algs) == set(SPECS), "algorithms without a spec, or specs without an algorithm"


@pytest.mark.parametrize("alg_id", sorted(SPECS))
def test_parameters_results_and_help_come_from_the_spec(provider, alg_id):
    alg = _algorithms(provider)[alg_id]
    spec = SPECS[alg_id]
    assert [d.name() for d in alg.parameterDefinitions()] == list(spec.names())
    outputs = {o.name() for o in alg.outputDefinitions()}
    assert {o.name for o in spec.outputs} <= outputs
    help_text = alg.shortHelpString()
    for p in spec.params:
        assert f"<code>{p.name}</code>" in help_text, (alg_id, p.name)
        d = alg.parameterDefinition(p.name)
        assert bool(d.flags() & d.FlagOptional) == p.is_optional, (alg_id, p.name)
        assert bool(d.flags() & d.FlagAdvanced) == p.advanced, (alg_id, p.name)
        assert d.help(), (alg_id, p.name)
    assert alg.helpUrl().endswith(f"docs/algorithms/{alg_id}.md")


def test_numbers_are_checked_against_the_spec(provider, run_alg):
    alg = _algorithms(provider)["discretizegrid"]
    from qgis.core import QgsProcessingContext

    ctx = QgsProcessingContext()
    ok, msg = alg.checkParameterValues({"CELL_SIZE": math.nan}, ctx)
    assert not ok and "CELL_SIZE" in msg and "finite" in msg
    ok, msg = alg.checkParameterValues({"K_NEAREST": 0}, ctx)
    assert not ok and "K_NEAREST must be at least 1" in msg
    with pytest.raises(QgsProcessingException, match="RESOLUTION must be at most 15"):
        run_alg("deeptraj:discretizeh3", {"INPUT": "unused", "RESOLUTION": 16, "OUTPUT_CELLS": "TEMPORARY_OUTPUT"})
