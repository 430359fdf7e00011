"""Shared base class of every DeepTraj Processing algorithm: parameters from the spec tables, help, dependency
checks, feedback wiring and the translation of engine errors into QgsProcessingException.

An algorithm module subclasses :class:`DeepTrajAlgorithm`, sets ``SPEC`` (its :class:`.specs.AlgorithmSpec`: id,
group, name, help sentences and every parameter, declared in ``processing_provider/specs/``) and ``REQUIRES``, and
implements ``process`` (not ``processAlgorithm``, which the base wraps; never ``run``, a QgsProcessingAlgorithm
method). ``initAlgorithm``, ``displayName``, ``shortHelpString``, ``group`` and the number checks come from the
spec.
"""

from __future__ import annotations

import contextlib
import os
import threading
import traceback

from qgis.core import QgsApplication, QgsProcessingAlgorithm, QgsProcessingException, QgsWkbTypes
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


#: one torch training at a time in a QGIS session (:meth:`DeepTrajAlgorithm._training_turn`)
_TRAINING = threading.Lock()


def torch_threads() -> int:
    """Leave one core to QGIS (the map canvas and the UI) while torch trains."""
    return max(1, (os.cpu_count() or 2) - 1)


class DeepTrajAlgorithm(QgsProcessingAlgorithm):
    """Base of all DeepTraj algorithms."""

    #: import names of engine dependencies; missing ones make canExecute() say what to install
    REQUIRES = ("numpy", "pandas")
    #: the layer parameter :meth:`read_trajectories` reads (its ID/time fields name it as their parent)
    TRAJECTORY_INPUT = "INPUT"
    #: (end of reading, start of writing) on the run's progress bar (processing_provider/progress.py)
    PROGRESS = (10.0, 90.0)
    #: trains a torch network: runs hold the session's training turn (:meth:`_training_turn`)
    TRAINS = False

    def __init__(self):
        super().__init__()
        self._post_processors = []
        self._plan = None
        self._outputs = None

    # ---- identity ---------------------------------------------------------------
    #: the algorithm's spec (processing_provider/specs): parameters, help and identity declared once
    SPEC = None

    def name(self):
        return self.SPEC.id

    def group(self):
        return group_name(self.groupId())

    def groupId(self):
        return self.SPEC.group

    def displayName(self):
        return qgis_params.tr(self.SPEC.display)

    def shortHelpString(self):
        # qgis_process prints the help in a terminal: plain text there, the HTML panel in QGIS
        if QgsApplication.platform() == "qgis_process":
            return qgis_params.help_text(self.SPEC)
        return qgis_params.help_html(self.SPEC)

    def initAlgorithm(self, config=None):
        qgis_params.add_to(self, self.SPEC)

    def checkParameterValues(self, parameters, context):
        # missing packages first: every runner checks the values before running and shows this message once
        # (an exception from processAlgorithm is printed three times by qgis_process 3.22)
        ok, msg = self.canExecute()
        if not ok:
            return False, msg
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
    def read_trajectories(self, parameters, context, feedback, min_points=2, extra_fields=(), progress_end=None):
        """Read the trajectory input (``TRAJECTORY_INPUT`` with TRAJ_ID_FIELD, TIME_FIELD and, for lines,
        SAMPLING_INTERVAL) into a models Trajectories (``extra_fields`` become per-point attrs); warnings go to the
        log; the bar moves up to ``progress_end`` (by default the end of the reading stage); returns (trajs, report
        dict)."""
        from .layer_io import read_trajectories

        name = self.TRAJECTORY_INPUT
        source = self.parameterAsSource(parameters, name, context)
        if source is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, name))
        id_field = self.parameterAsString(parameters, "TRAJ_ID_FIELD", context) or None
        time_field = self.parameterAsString(parameters, "TIME_FIELD", context) or None
        interval = None
        if self.parameterDefinition("SAMPLING_INTERVAL") is not None:
            interval = self.parameterAsDouble(parameters, "SAMPLING_INTERVAL", context)
        return read_trajectories(
            source,
            id_field,
            time_field,
            feedback,
            interval=interval,
            min_points=min_points,
            layer=self.parameterAsVectorLayer(parameters, name, context),
            parameter_value=parameters.get(name),
            extra_fields=tuple(f for f in extra_fields if f),
            names=(name, "TRAJ_ID_FIELD", "TIME_FIELD"),  # messages name this algorithm's layer (e.g. TARGET)
            progress=self.plan(feedback).reading(progress_end),
        )

    # ---- execution ------------------------------------------------------------------------
    def processAlgorithm(self, parameters, context, feedback):
        from .outputs import RunOutputs

        ok, msg = self.canExecute()
        if not ok:
            raise QgsProcessingException(msg)
        self._plan = None
        self._outputs = RunOutputs(feedback)  # a cancelled run writes nothing (processing_provider/outputs.py)
        try:
            with self._training_turn(feedback):
                results = self.process(parameters, context, feedback)
            self._outputs.check()  # a cancel while the outputs were written, or after the last check
            self._outputs.commit()
            self.plan(feedback).done()
            return results
        except Exception as e:  # noqa: BLE001 - never let a Python traceback escape into QGIS
            cancelled = isinstance(e, Cancelled) or feedback.isCanceled()
            message = self._error_message(Cancelled() if cancelled else e, feedback, parameters)
            # QGIS 3.22's error handler for Python processAlgorithm overrides never releases the exception it
            # fetches, so its traceback (and every frame on it) lives for the rest of the session: clear the locals
            # of the frames below this one so a failed run does not pin layers and arrays.
            traceback.clear_frames(e.__traceback__)
            message = self._outputs.discard(cancelled) or message
        raise QgsProcessingException(message)

    @contextlib.contextmanager
    def _training_turn(self, feedback):
        """Hold the session's torch training turn while a training algorithm (``TRAINS``) runs. The desktop runs
        algorithms in task threads of one QGIS process, where torch's random generator (network initialisation,
        dropout, sampling) is one for all: two trainings at once would draw from it in turns and neither would give
        its seeded result. A second training waits, says so, and stops waiting on cancel."""
        if not self.TRAINS:
            yield
            return
        if not _TRAINING.acquire(blocking=False):
            feedback.pushInfo(
                translate(
                    "DeepTraj",
                    "Waiting for another DeepTraj training of this QGIS session to finish: trainings run one at a "
                    "time so that each gives its seeded result.",
                )
            )
            while not _TRAINING.acquire(timeout=0.2):
                if feedback.isCanceled():
                    raise Cancelled("cancelled while waiting for another training")
        try:
            yield
        finally:
            _TRAINING.release()

    def _error_message(self, e, feedback, parameters=None):
        """The message a user sees for an exception escaping ``process``."""
        from ..models.core.trajectories import TrajectoryDataError
        from .file_errors import unwritable_file_message

        if isinstance(e, QgsProcessingException):
            return str(e)
        if unwritable_file_message(e, parameters):
            return unwritable_file_message(e, parameters)
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
    @staticmethod
    def check_cancelled(feedback):
        """Stop with "no output was written" when the user has cancelled (called before the outputs are written)."""
        if feedback.isCanceled():
            raise QgsProcessingException(translate("DeepTraj", "Cancelled by the user: no output was written."))

    def outputs(self):
        """The run's :class:`.outputs.RunOutputs` (what it writes; a cancelled run writes nothing)."""
        from .outputs import RunOutputs

        if self._outputs is None:
            self._outputs = RunOutputs(None)
        return self._outputs

    def parameterAsSink(self, parameters, name, context, *args, **kwargs):  # noqa: N802 - the QGIS name
        """QgsProcessingAlgorithm.parameterAsSink after a cancel check, the sink checking the cancel between
        features (processing_provider/outputs.py)."""
        from qgis.core import QgsProcessingOutputLayerDefinition

        outputs = self.outputs()
        outputs.check()
        value = parameters.get(name)
        if isinstance(value, QgsProcessingOutputLayerDefinition):
            value = value.sink.valueAsString(context.expressionContext())[0]
        existed = isinstance(value, str) and os.path.isfile(value)
        sink, dest = super().parameterAsSink(parameters, name, context, *args, **kwargs)
        wkb = args[1] if len(args) > 1 else kwargs.get("geometryType", QgsWkbTypes.NoGeometry)
        return outputs.sink(sink, dest, existed, table=wkb == QgsWkbTypes.NoGeometry), dest

    def output_file(self, path):
        """Where to write the file output ``path`` (model, report, vocabulary, embeddings): a temporary name beside
        it, renamed over ``path`` when the run ends uncancelled (a cancel before this raises)."""
        return self.outputs().stage(path)

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

    def plan(self, feedback=None):
        """The run's progress bar (one scale for reading, work and writing that never goes back; see
        processing_provider/progress.py), made on first use with the stages of ``PROGRESS``."""
        from .progress import ProgressPlan

        if self._plan is None or (feedback is not None and self._plan.feedback is not feedback):
            self._plan = ProgressPlan(feedback, *self.PROGRESS)
        return self._plan

    def callbacks(self, feedback, start=None, end=None):
        """(progress, cancel) callables for the engine, mapping 0..100 onto start..end of the run's bar (the whole
        work stage when they are not given)."""
        plan = self.plan(feedback)
        progress = plan.work() if start is None else plan.span(start, end)
        return progress, feedback.isCanceled

    def style_output(self, context, dest_id, style):
        """Apply a style to an output layer when it is loaded (Processing GUI, runAndLoadResults, models).

        ``style`` is a .qml file name in resources/styles or a callable(layer) building a renderer.
        """
        from .styles import apply_on_load

        apply_on_load(self, context, dest_id, style)
