"""Every Processing parameter of DeepTraj, declared once.

An algorithm is an :class:`AlgorithmSpec`: its id, group, display name, a few summary sentences, its parameters and
its result values. A parameter is a :class:`Param`: name, kind, label, one help sentence, default, bounds, whether
it is optional or advanced. Parameters that recur (the trajectory input, H3 resolution, model files, seed, report,
...) are declared once in :mod:`.common` and reused, adapted with :meth:`Param.but` where an algorithm needs a
different default or label.

Everything that describes a parameter is generated from these tables: the QGIS parameter objects and help panels
(:mod:`processing_provider.qgis_params`), the documentation pages ``docs/algorithms/<id>.md``
(``scripts/generate_docs.py``) and the strings of the translation file (``scripts/update_translations.sh``).

Pure Python: no qgis import, so documentation tools and command lines can read the tables without QGIS. Defaults of
engine hyper-parameters can be taken from the engine's parameter dataclasses (``engine="e2dtc.params:E2DTCParams"``),
so the engine stays their one source.
"""

from __future__ import annotations

import importlib
from dataclasses import MISSING, dataclass, field, fields, replace
from typing import Any, Optional, Tuple

#: the kinds of parameters and what the value is
KINDS = {
    "int": "integer number",
    "double": "decimal number",
    "bool": "yes/no",
    "enum": "choice (index of the option)",
    "string": "text",
    "crs": "coordinate reference system",
    "extent": "extent (xmin, xmax, ymin, ymax [CRS])",
    "datetime": "date and time",
    "field": "field of a layer",
    "source": "vector layer",
    "layers": "several vector layers",
    "file": "existing file",
    "folder": "existing folder",
    "file_out": "file to write",
    "sink": "vector layer to write",
}
#: the words the help panels add around the specs' own strings (translated like them)
HELP_WORDS = ("Parameters", "Results", "default", "advanced", "yes", "no", "empty = the preset's value")
#: kinds of results (QgsProcessingOutput*)
OUTPUT_KINDS = ("number", "string", "layer")
#: geometry types of layer inputs/outputs
GEOMETRIES = ("point", "line", "polygon", "any", "table")


@dataclass(frozen=True)
class Param:
    """One parameter of a Processing algorithm (the help is one or two sentences in English; it is translated)."""

    name: str
    kind: str
    label: str
    help: str = ""
    default: Any = None
    minimum: Optional[float] = None
    maximum: Optional[float] = None
    optional: bool = False
    advanced: bool = False
    #: enum: the option labels, in index order
    options: Tuple[str, ...] = ()
    #: field: the parameter naming its layer; the field type ("any", "numeric", "string", "datetime")
    parent: str = "INPUT"
    field_type: str = "any"
    #: source/layers/sink: accepted or written geometry types (see GEOMETRIES)
    geometry: Tuple[str, ...] = ("point",)
    #: file: the extension ("json") or a filter ("Trajectory files (*.csv *.gz)"); file_out: a filter
    file_filter: str = ""
    #: engine default: "package.module:ParamsClass" (the field is ``engine_field`` or ``name.lower()``)
    engine: str = ""
    engine_field: str = ""
    #: empty means "the preset's value": the parameter is optional and its help says so
    preset: bool = False
    #: file_out/sink: whether an optional output is written unless the user unticks it
    create_by_default: bool = True
    #: field/enum: several values may be chosen (the default is then a tuple)
    multiple: bool = False

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"{self.name}: unknown parameter kind {self.kind!r}")
        if self.kind == "enum" and not self.options:
            raise ValueError(f"{self.name}: an enum parameter needs options")
        if self.multiple and self.kind not in ("enum", "field"):
            raise ValueError(f"{self.name}: only enum and field parameters take several values")

    def but(self, **changes) -> "Param":
        """A copy with some attributes changed (a shared parameter with another default, label, ...)."""
        return replace(self, **changes)

    @property
    def is_optional(self) -> bool:
        return self.optional or self.preset

    @property
    def is_destination(self) -> bool:
        return self.kind in ("file_out", "sink")

    def default_value(self):
        """The default: the engine dataclass field's when ``engine`` is set (None for preset parameters)."""
        if self.preset:
            return None
        if not self.engine:
            return self.default
        return engine_default(self.engine, self.engine_field or self.name.lower())


@dataclass(frozen=True)
class Output:
    """A result value of an algorithm besides its destination parameters (a count, a text)."""

    name: str
    kind: str
    label: str

    def __post_init__(self):
        if self.kind not in OUTPUT_KINDS:
            raise ValueError(f"{self.name}: unknown output kind {self.kind!r}")


@dataclass(frozen=True)
class AlgorithmSpec:
    """What a user sees of one algorithm: id, group, name, help and parameters."""

    id: str
    group: str
    display: str
    summary: Tuple[str, ...]
    params: Tuple[Param, ...]
    outputs: Tuple[Output, ...] = ()
    #: further paragraphs of help after the parameters (notes, outputs), each a tuple of sentences
    notes: Tuple[Tuple[str, ...], ...] = field(default_factory=tuple)

    def __post_init__(self):
        # a result may be named like an input parameter (QGIS keeps them apart), not like a destination
        params = [p.name for p in self.params]
        outputs = [o.name for o in self.outputs]
        destinations = {p.name for p in self.params if p.is_destination}
        dup = sorted({n for n in params if params.count(n) > 1} | {n for n in outputs if outputs.count(n) > 1})
        dup += sorted(n for n in set(outputs) & destinations)
        if dup:
            raise ValueError(f"{self.id}: parameters declared twice: {', '.join(dup)}")

    def param(self, name: str) -> Param:
        for p in self.params:
            if p.name == name:
                return p
        raise KeyError(f"{self.id} has no parameter {name}")

    def names(self) -> Tuple[str, ...]:
        return tuple(p.name for p in self.params)


def engine_default(ref: str, field_name: str):
    """Default of ``field_name`` in the dataclass ``ref`` ("package.module:Class" under models/)."""
    module_name, _, class_name = ref.partition(":")
    package = __package__.rpartition(".")[0].rpartition(".")[0]  # the plugin package
    module = importlib.import_module(f"{package}.models.{module_name}" if package else f"models.{module_name}")
    for f in fields(getattr(module, class_name)):
        if f.name == field_name:
            if f.default is not MISSING:
                return f.default
            if f.default_factory is not MISSING:
                return f.default_factory()
            break
    raise KeyError(f"{ref} has no field {field_name} with a default")


#: modules of this package holding algorithm specs, one per family, in toolbox order
SPEC_MODULES = (
    "data",
    "segmentation",
    "discretization",
    "groundtruth",
    "e2dtc",
    "eco",
    "crotad",
    "mobility",
    "metatrl",
)


def all_specs() -> Tuple[AlgorithmSpec, ...]:
    """Every algorithm's spec (each module lists its specs in ``SPECS``)."""
    out = []
    for name in SPEC_MODULES:
        try:
            module = importlib.import_module(f"{__name__}.{name}")
        except ModuleNotFoundError as e:
            if e.name == f"{__name__}.{name}":
                continue
            raise
        out.extend(module.SPECS)
    return tuple(out)


def spec(algorithm_id: str) -> AlgorithmSpec:
    for s in all_specs():
        if s.id == algorithm_id:
            return s
    raise KeyError(f"no algorithm {algorithm_id!r}")


def translatable_strings(specs=None) -> Tuple[str, ...]:
    """Every user-visible string of the specs, once each, in table order (for the translation file)."""
    out = list(HELP_WORDS)
    for s in specs if specs is not None else all_specs():
        out += [s.display, *s.summary, *(x for paragraph in s.notes for x in paragraph)]
        for p in s.params:
            out += [p.label, p.help, *p.options]
            if p.kind in ("file", "file_out") and "(" in p.file_filter:
                out.append(p.file_filter)
        out += [o.label for o in s.outputs]
    return tuple(dict.fromkeys(x for x in out if x))
