"""Shared base class of every DeepTraj Processing algorithm: parameters from the spec tables, help, dependency
checks, feedback wiring and the translation of engine errors into QgsProcessingException.

An algorithm module subclasses :class:`DeepTrajAlgorithm`, sets ``SPEC`` (its :class:`.specs.AlgorithmSpec`: id,
group, name, help sentences and every parameter, declared in ``processing_provider/specs/``) and ``REQUIRES``, and
implements ``process`` (not ``processAlgorithm``, which the base wraps; never ``run``, a QgsProcessingAlgorithm
method). ``initAlgorithm``, ``displayName``, ``shortHelpString``, ``group`` and the number checks come from the
spec. Algorithms not yet on a spec set ``NAME``/``GROUP_ID`` and implement those methods themselves.
"""

from __future__ import annotations

import os
import traceback

from qgis.core import (
    QgsProcessing,
    QgsProcessingAlgorithm,
    QgsProcessingException,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
)
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtGui import QIcon

from ..models.core import deps
from ..models.core.progress import Cancelled
from . import qgis_params

PLUGIN_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ICON_PATH = os.path.join(PLUGIN_DIR, "resources", "icons", "deeptraj.svg")


# Strings shared by several algorithms use the context "DeepTraj"; call translate("DeepTraj", "literal") so that
# pylupdate5 extracts them (it recognises tr() and translate() calls only).
translate = QCoreApplication.translate


def group_name(group_id: str) -> str:
    # literal calls so pylupdate5 extracts them
    names = {
        "data": QCoreApplication.translate("DeepTraj", "Data"),
        "discretization": QCoreApplication.translate("DeepTraj", "Discretization"),
        "groundtruth": QCoreApplication.translate("DeepTraj", "Ground truth"),
        "clustering": QCoreApplication.translate("DeepTraj", "Clustering"),
        "anomaly": QCoreApplication.translate("DeepTraj", "Anomaly detection"),
        "embedding": QCoreApplication.translate("DeepTraj", "Embedding"),
    }
    return names[group_id]


def torch_threads() -> int:
    """Leave one core to QGIS (the map canvas and the UI) while torch trains."""
    return max(1, (os.cpu_count() or 2) - 1)


class DeepTrajAlgorithm(QgsProcessingAlgorithm):
    """Base of all DeepTraj algorithms."""

    NAME = ""
    GROUP_ID = "data"
    #: import names of engine dependencies; missing ones make canExecute() say what to install
    REQUIRES = ("numpy", "pandas")

    # common parameter names (Trajectools-compatible)
    INPUT = "INPUT"
    TRAJ_ID_FIELD = "TRAJ_ID_FIELD"
    TIME_FIELD = "TIME_FIELD"
    SAMPLING_INTERVAL = "SAMPLING_INTERVAL"

    def __init__(self):
        super().__init__()
        self._post_processors = []

    # ---- identity ---------------------------------------------------------------
    #: the algorithm's spec (processing_provider/specs): parameters, help and identity declared once
    SPEC = None

    def name(self):
        return self.SPEC.id if self.SPEC else self.NAME

    def group(self):
        return group_name(self.groupId())

    def groupId(self):
        return self.SPEC.group if self.SPEC else self.GROUP_ID

    def displayName(self):
        return qgis_params.tr(self.SPEC.display)

    def shortHelpString(self):
        return qgis_params.help_html(self.SPEC)

    def initAlgorithm(self, config=None):
        qgis_params.add_to(self, self.SPEC)

    def checkParameterValues(self, parameters, context):
        if self.SPEC is not None:
            msg = qgis_params.check_numbers(self.SPEC, parameters)
            if msg:
                return False, msg
        return super().checkParameterValues(parameters, context)

    def value(self, parameters, name, context):
        """The value of a spec parameter typed by its kind (None for an empty optional number, field or text)."""
        return qgis_params.value(self, self.SPEC, parameters, name, context)

    def engine_values(self, parameters, context, ref):
        """{engine field: value or None} of the spec parameters bound to the engine dataclass ``ref``."""
        return qgis_params.engine_values(self, self.SPEC, parameters, context, ref)

    def icon(self):
        return QIcon(ICON_PATH)

    def tr(self, text):
        return QCoreApplication.translate(type(self).__name__, text)

    def createInstance(self):
        return type(self)()

    def helpUrl(self):
        """The algorithm's documentation page shipped with the plugin (docs/algorithms/<id>.md)."""
        from qgis.PyQt.QtCore import QUrl

        page = os.path.join(PLUGIN_DIR, "docs", "algorithms", f"{self.name()}.md")
        return QUrl.fromLocalFile(page).toString() if os.path.isfile(page) else ""

    def canExecute(self):
        miss = deps.missing(self.REQUIRES)
        if miss:
            return False, translate(
                "DeepTraj",
                "This algorithm needs Python packages that are not installed: {0}. "
                "Use Plugins > DeepTraj > Install dependencies…, or run: pip install {1}",
            ).format(", ".join(miss), " ".join(f'"{m}"' for m in miss))
        return True, ""

    # ---- shared parameters ----------------------------------------------------------
    def add_trajectory_parameters(self, lines=True, optional_id=True, optional_time=True):
        """INPUT (points or lines), TRAJ_ID_FIELD, TIME_FIELD and the advanced SAMPLING_INTERVAL for lines."""
        types = [QgsProcessing.TypeVectorPoint] + ([QgsProcessing.TypeVectorLine] if lines else [])
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.INPUT,
                translate("DeepTraj", "Input trajectories (points, or lines)")
                if lines
                else translate("DeepTraj", "Input trajectory points"),
                types,
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.TRAJ_ID_FIELD,
                translate("DeepTraj", "Trajectory ID field"),
                parentLayerParameterName=self.INPUT,
                optional=optional_id,
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.TIME_FIELD,
                translate("DeepTraj", "Time field (points: timestamp; lines: start time)"),
                parentLayerParameterName=self.INPUT,
                optional=optional_time,
            )
        )
        if lines:
            p = QgsProcessingParameterNumber(
                self.SAMPLING_INTERVAL,
                translate("DeepTraj", "Sampling interval of line vertices without M (seconds)"),
                QgsProcessingParameterNumber.Double,
                15.0,
                minValue=0.001,
            )
            p.setFlags(p.flags() | p.FlagAdvanced)
            self.addParameter(p)

    def add_numbers(self, specs, advanced=True):
        """A QgsProcessingParameterNumber per (name, label, "int"|"double", default, minimum); a None default makes
        the parameter optional (read it with :meth:`optional_number`: empty = the preset's value)."""
        for name, label, kind, default, minimum in specs:
            typ = QgsProcessingParameterNumber.Integer if kind == "int" else QgsProcessingParameterNumber.Double
            p = QgsProcessingParameterNumber(name, label, typ, default, optional=default is None, minValue=minimum)
            if advanced:
                p.setFlags(p.flags() | p.FlagAdvanced)
            self.addParameter(p)

    def add_hyper_parameters(self, params_cls, presets):
        """One advanced number parameter (the keyword in capitals) per entry of ``self.hyper_parameters()``
        ((keyword, label, "int"|"double", minimum) of the engine's ``params_cls`` dataclass); keywords a preset of
        ``presets`` sets are optional and empty by default (empty = the preset's value), the others default to the
        dataclass's value."""
        from dataclasses import fields

        preset_keys = {k for values in presets.values() for k in values}
        defaults = {f.name: (None if f.name in preset_keys else f.default) for f in fields(params_cls)}
        self.add_numbers(
            [(kw.upper(), label, kind, defaults[kw], minimum) for kw, label, kind, minimum in self.hyper_parameters()]
        )

    def hyper_overrides(self, parameters, context) -> dict:
        """{keyword: value or None (empty)} of the parameters declared by :meth:`add_hyper_parameters`."""
        return {
            kw: self.optional_number(parameters, kw.upper(), context, int if kind == "int" else float)
            for kw, _, kind, _ in self.hyper_parameters()
        }

    def optional_number(self, parameters, name, context, kind=int):
        """The value of an optional number parameter as ``kind``, None when it is empty."""
        if parameters.get(name) in (None, ""):
            return None
        return kind(self.parameterAsDouble(parameters, name, context))

    def read_trajectories(self, parameters, context, feedback, min_points=2, extra_fields=()):
        """Read INPUT into a models.Trajectories (``extra_fields`` become per-point attrs); warnings go to the log;
        returns (trajs, report dict)."""
        from .layer_io import read_trajectories

        source = self.parameterAsSource(parameters, self.INPUT, context)
        if source is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, self.INPUT))
        id_field = self.parameterAsString(parameters, self.TRAJ_ID_FIELD, context) or None
        time_field = self.parameterAsString(parameters, self.TIME_FIELD, context) or None
        interval = None
        if self.parameterDefinition(self.SAMPLING_INTERVAL) is not None:
            interval = self.parameterAsDouble(parameters, self.SAMPLING_INTERVAL, context)
        layer = self.parameterAsVectorLayer(parameters, self.INPUT, context)
        return read_trajectories(
            source,
            id_field,
            time_field,
            feedback,
            interval=interval,
            min_points=min_points,
            layer=layer,
            parameter_value=parameters.get(self.INPUT),
            extra_fields=tuple(f for f in extra_fields if f),
        )

    # ---- execution ------------------------------------------------------------------------
    def processAlgorithm(self, parameters, context, feedback):
        ok, msg = self.canExecute()
        if not ok:
            raise QgsProcessingException(msg)
        try:
            return self.process(parameters, context, feedback)
        except Exception as e:  # noqa: BLE001 - never let a Python traceback escape into QGIS
            message = self._error_message(e, feedback)
            # QGIS 3.22's error handler for Python processAlgorithm overrides never releases the exception it
            # fetches, so its traceback (and every frame on it) lives for the rest of the session: clear the locals
            # of the frames below this one so a failed run does not pin layers and arrays.
            traceback.clear_frames(e.__traceback__)
        raise QgsProcessingException(message)

    def _error_message(self, e, feedback):
        """The message a user sees for an exception escaping ``process``."""
        from ..models.core.trajectories import TrajectoryDataError

        if isinstance(e, QgsProcessingException):
            return str(e)
        if isinstance(e, Cancelled):
            return translate("DeepTraj", "Cancelled by the user: no output was written.")
        if isinstance(e, (TrajectoryDataError, ValueError)):
            return f"{self.displayName()}: {e}"
        if isinstance(e, MemoryError):
            return translate("DeepTraj", "Out of memory: try a smaller input or a coarser discretization.")
        feedback.pushDebugInfo("".join(traceback.format_exception(e)))
        return f"{self.displayName()}: unexpected error {type(e).__name__}: {e}"

    def process(self, parameters, context, feedback):  # pragma: no cover - overridden
        raise NotImplementedError

    # ---- helpers -------------------------------------------------------------------------
    def crs_parameter(self, parameters, name, context, default):
        """The CRS of an optional CRS parameter, ``default`` (authid) when unset.

        CRS parameters with a default are declared optional because QGIS 3.22 does not fill in the default for
        processing.run/qgis_process callers that leave them out; a given but invalid value is an error."""
        from qgis.core import QgsCoordinateReferenceSystem

        crs = self.parameterAsCrs(parameters, name, context)
        if crs.isValid():
            return crs
        if parameters.get(name) not in (None, ""):
            raise QgsProcessingException(
                translate("DeepTraj", "{0}: '{1}' is not a valid CRS.").format(name, parameters.get(name))
            )
        return QgsCoordinateReferenceSystem(default)

    def metric_trajectories(self, trajs, parameters, name, context, feedback):
        """``trajs`` in the projected CRS of the optional CRS parameter ``name``, or in the UTM zone of the data when
        it is empty (a geographic choice is an error)."""
        crs = self.parameterAsCrs(parameters, name, context)
        if crs.isValid() and crs.isGeographic():
            raise QgsProcessingException(
                translate(
                    "DeepTraj", "{0} must be a projected CRS in metres (or empty for the UTM zone of the data)."
                ).format(name)
            )
        metric = trajs.to_metric(crs.authid() if crs.isValid() else None)
        feedback.pushInfo(f"Distances measured in {metric.crs}")
        return metric

    @staticmethod
    def callbacks(feedback, start=0.0, end=100.0):
        """(progress, cancel) callables for the engine, mapping 0..100 onto start..end of the feedback."""
        span = end - start

        def progress(v):
            feedback.setProgress(start + span * v / 100.0)

        return progress, feedback.isCanceled

    def style_output(self, context, dest_id, style):
        """Apply a style to an output layer when it is loaded (Processing GUI, runAndLoadResults, models).

        ``style`` is a .qml file name in resources/styles or a callable(layer) building a renderer.
        """
        from .styles import apply_on_load

        apply_on_load(self, context, dest_id, style)
