"""QGIS faces of the parameter specs (:mod:`.specs`): parameter objects, help panels, typed values and range checks.

Strings of the specs are translated here, one sentence or label at a time, in the "DeepTraj" context
(``scripts/update_translations.sh`` feeds them to pylupdate5).
"""

from __future__ import annotations

import math

from qgis.core import (
    QgsProcessing,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingOutputVectorLayer,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterCrs,
    QgsProcessingParameterDateTime,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterEnum,
    QgsProcessingParameterExtent,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterMultipleLayers,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
)
from qgis.PyQt.QtCore import QCoreApplication

from .specs import AlgorithmSpec, Output, Param

CONTEXT = "DeepTraj"

_LAYER_TYPES = {
    "point": QgsProcessing.TypeVectorPoint,
    "line": QgsProcessing.TypeVectorLine,
    "polygon": QgsProcessing.TypeVectorPolygon,
    "any": QgsProcessing.TypeVectorAnyGeometry,
    "table": QgsProcessing.TypeVector,
}
_FIELD_TYPES = {
    "any": QgsProcessingParameterField.Any,
    "numeric": QgsProcessingParameterField.Numeric,
    "string": QgsProcessingParameterField.String,
    "datetime": QgsProcessingParameterField.DateTime,
}


def tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text) if text else text


def definition(p: Param) -> QgsProcessingParameterDefinition:
    """The QGIS parameter object of ``p`` (label and help translated; advanced flag set)."""
    d = _BUILDERS[p.kind](p, tr(p.label), p.default_value(), p.is_optional)
    if p.advanced:
        d.setFlags(d.flags() | QgsProcessingParameterDefinition.FlagAdvanced)
    if p.help:
        d.setHelp(tr(p.help))
    return d


def _number(p, label, default, optional):
    typ = QgsProcessingParameterNumber.Integer if p.kind == "int" else QgsProcessingParameterNumber.Double
    kw = {}
    if p.minimum is not None:
        kw["minValue"] = p.minimum
    if p.maximum is not None:
        kw["maxValue"] = p.maximum
    return QgsProcessingParameterNumber(p.name, label, typ, default, optional, **kw)


def _qgis_default(default):
    """QGIS takes the default of a several-values parameter as a list."""
    return list(default) if isinstance(default, tuple) else default


def _file(p, label, default, optional):
    behavior = QgsProcessingParameterFile.Folder if p.kind == "folder" else QgsProcessingParameterFile.File
    if "(" in p.file_filter:
        return QgsProcessingParameterFile(
            p.name, label, behavior, defaultValue=default, optional=optional, fileFilter=tr(p.file_filter)
        )
    return QgsProcessingParameterFile(p.name, label, behavior, p.file_filter, default, optional)


_BUILDERS = {
    "int": _number,
    "double": _number,
    "bool": lambda p, label, default, optional: QgsProcessingParameterBoolean(p.name, label, default, optional),
    "enum": lambda p, label, default, optional: QgsProcessingParameterEnum(
        p.name, label, [tr(o) for o in p.options], p.multiple, _qgis_default(default), optional
    ),
    "string": lambda p, label, default, optional: QgsProcessingParameterString(p.name, label, default, False, optional),
    "crs": lambda p, label, default, optional: QgsProcessingParameterCrs(p.name, label, default, optional),
    "extent": lambda p, label, default, optional: QgsProcessingParameterExtent(p.name, label, default, optional),
    "datetime": lambda p, label, default, optional: QgsProcessingParameterDateTime(
        p.name, label, QgsProcessingParameterDateTime.DateTime, default, optional
    ),
    "field": lambda p, label, default, optional: QgsProcessingParameterField(
        p.name, label, _qgis_default(default), p.parent, _FIELD_TYPES[p.field_type], p.multiple, optional
    ),
    "source": lambda p, label, default, optional: QgsProcessingParameterFeatureSource(
        p.name, label, [_LAYER_TYPES[g] for g in p.geometry], default, optional
    ),
    "layers": lambda p, label, default, optional: QgsProcessingParameterMultipleLayers(
        p.name, label, _LAYER_TYPES[p.geometry[0]], default, optional
    ),
    "file": _file,
    "folder": _file,
    "file_out": lambda p, label, default, optional: QgsProcessingParameterFileDestination(
        p.name, label, tr(p.file_filter), default, optional, p.create_by_default
    ),
    "sink": lambda p, label, default, optional: QgsProcessingParameterFeatureSink(
        p.name, label, _LAYER_TYPES[p.geometry[0]], default, optional, p.create_by_default
    ),
}

_OUTPUTS = {
    "number": QgsProcessingOutputNumber,
    "string": QgsProcessingOutputString,
    "layer": QgsProcessingOutputVectorLayer,
}


def output_definition(o: Output):
    return _OUTPUTS[o.kind](o.name, tr(o.label))


def add_to(alg, spec: AlgorithmSpec) -> None:
    """Declare every parameter and result of ``spec`` on ``alg`` (in the table's order)."""
    for p in spec.params:
        alg.addParameter(definition(p))
    for o in spec.outputs:
        alg.addOutput(output_definition(o))


# ---------------------------------------------------------------------------------------------- help
def _default_text(p: Param) -> str:
    if p.preset:
        return tr("empty = the preset's value")
    value = p.default_value()
    if value is None or value == "":
        return ""
    if p.kind == "enum" and isinstance(value, tuple):
        return ", ".join(tr(p.options[int(v)]) for v in value)
    if p.kind == "enum":
        return tr(p.options[int(value)])
    if p.kind == "bool":
        return tr("yes") if value else tr("no")
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        value = int(value)
    return str(value)


def _sentences(texts) -> str:
    return " ".join(tr(t) for t in texts)


def _facts(p: Param) -> list:
    """The facts shown beside a parameter's label: default, range, advanced."""
    facts = []
    default = _default_text(p)
    if default:
        facts.append(f"{tr('default')} {default}")
    if p.kind in ("int", "double") and (p.minimum is not None or p.maximum is not None):
        lo = "" if p.minimum is None else _fmt(p.minimum)
        hi = "" if p.maximum is None else _fmt(p.maximum)
        facts.append(f"{lo}…{hi}")
    if p.advanced:
        facts.append(tr("advanced"))
    return facts


def help_html(spec: AlgorithmSpec) -> str:
    """The help panel: summary, one line per parameter (name, default, range, help), notes, results."""
    parts = [f"<p>{_sentences(spec.summary)}</p>", f"<h3>{tr('Parameters')}</h3><ul>"]
    for p in spec.params:
        facts = ", ".join([f"<code>{p.name}</code>", *_facts(p)])
        parts.append(f"<li><b>{tr(p.label)}</b> ({facts}): {tr(p.help)}</li>")
    parts.append("</ul>")
    for paragraph in spec.notes:
        parts.append(f"<p>{_sentences(paragraph)}</p>")
    if spec.outputs:
        items = "".join(f"<li><code>{o.name}</code>: {tr(o.label)}</li>" for o in spec.outputs)
        parts.append(f"<h3>{tr('Results')}</h3><ul>{items}</ul>")
    return "".join(parts)


def help_text(spec: AlgorithmSpec) -> str:
    """The help of :func:`help_html` as plain text, for ``qgis_process help`` (a terminal shows no HTML)."""
    parts = [_sentences(spec.summary), "", f"{tr('Parameters')}:"]
    for p in spec.params:
        facts = ", ".join([p.name, *_facts(p)])
        parts.append(f"- {tr(p.label)} ({facts}): {tr(p.help)}")
    for paragraph in spec.notes:
        parts += ["", _sentences(paragraph)]
    if spec.outputs:
        parts += ["", f"{tr('Results')}:", *(f"- {o.name}: {tr(o.label)}" for o in spec.outputs)]
    return "\n".join(parts)


def _fmt(v) -> str:
    return str(int(v)) if float(v).is_integer() else f"{v:g}"


# ---------------------------------------------------------------------------------------------- values
def value(alg, spec: AlgorithmSpec, parameters, name: str, context):
    """The value of parameter ``name`` typed by its kind; None for an empty optional number/field/text/file."""
    p = spec.param(name)
    raw = parameters.get(name)
    empty = raw is None or raw == ""
    if p.kind in ("int", "double"):
        if empty and p.is_optional and p.default_value() is None:
            return None
        v = alg.parameterAsDouble(parameters, name, context)
        return int(v) if p.kind == "int" else float(v)
    if p.kind == "bool":
        return alg.parameterAsBool(parameters, name, context)
    if p.kind == "enum":
        return alg.parameterAsEnum(parameters, name, context)
    if p.kind in ("string", "field"):
        text = alg.parameterAsString(parameters, name, context)
        return text or None
    if p.kind in ("file", "folder"):
        return alg.parameterAsFile(parameters, name, context) or None
    if p.kind == "file_out":
        return alg.parameterAsFileOutput(parameters, name, context) or None
    raise ValueError(f"{name}: read {p.kind} parameters with the parameterAs... method of their type")


def check_numbers(spec: AlgorithmSpec, parameters) -> str:
    """The message for the first number parameter that is given but not finite or outside its bounds ("" if
    none): QGIS's own checks let NaN, infinities and some out-of-range values through."""
    for p in spec.params:
        if p.kind not in ("int", "double"):
            continue
        raw = parameters.get(p.name)
        if raw is None or raw == "" or not isinstance(raw, (int, float, str)):
            continue
        try:
            v = float(raw)
        except ValueError:
            continue
        if not math.isfinite(v):
            return tr("{0} must be a finite number, got {1}.").format(p.name, raw)
        if p.minimum is not None and v < p.minimum:
            return tr("{0} must be at least {1}, got {2}.").format(p.name, _fmt(p.minimum), _fmt(v))
        if p.maximum is not None and v > p.maximum:
            return tr("{0} must be at most {1}, got {2}.").format(p.name, _fmt(p.maximum), _fmt(v))
    return ""


def engine_values(alg, spec: AlgorithmSpec, parameters, context, ref: str) -> dict:
    """{engine field: value} of the parameters bound to the engine dataclass ``ref`` (``Param.engine``); an empty
    preset parameter gives None (= keep the preset's value, see models.core.modelfile.params_from_preset)."""
    return {
        p.engine_field or p.name.lower(): value(alg, spec, parameters, p.name, context)
        for p in spec.params
        if p.engine == ref
    }
