"""What a run writes, and how a cancelled run writes nothing: the rule of every DeepTraj algorithm, kept here once.

``DeepTrajAlgorithm.processAlgorithm`` gives each run a :class:`RunOutputs` (reached through
``DeepTrajAlgorithm.outputs(feedback)``); the algorithms never call it for the rule itself:

1. **Writing starts with a cancel check.** ``DeepTrajAlgorithm.parameterAsSink`` checks the feedback before it creates
   a sink, so a cancel before the writing stage leaves no output layer (not even an empty one).
2. **Sinks check between features.** The sink an algorithm gets is a :class:`CancellableSink`: every
   ``addFeature``/``addFeatures`` checks the feedback and raises ``Cancelled`` once the user has cancelled. A
   layer written to a plain file path (``out.gpkg``, ``out.shp``) is then removed with its side files: QGIS had
   already replaced an existing file of that name when the sink was created, so the half-written file is removed
   rather than left. A layer written *into* an existing data source (``ogr:dbname=...``, ``...|layername=...``)
   cannot be removed without touching the other layers there: the cancel message names it as incomplete. Memory
   and temporary outputs are dropped by QGIS with the failed run.
3. **Files are staged, then committed.** Model files, reports, vocabularies and embedding files are written through
   ``DeepTrajAlgorithm.output_file(feedback, path)``, which checks the feedback and returns a temporary name beside
   ``path`` (same extension); the writer writes there (atomically, as before).
4. **The end of the run checks once more.** When ``process`` returns, ``processAlgorithm`` checks the feedback: a
   cancelled run raises "Cancelled by the user…" instead of returning results and the staged files are deleted;
   otherwise each staged file is renamed over its destination (``os.replace``: an existing model is replaced whole
   or left untouched) and the bar ends at 100. A run that fails for any reason deletes its staged files, so an
   existing model file at MODEL_FILE is never changed by a run that did not finish.
"""

from __future__ import annotations

import gc
import os
import re
import weakref
from contextlib import contextmanager

from qgis.PyQt.QtCore import QCoreApplication

from ..models.core.progress import Cancelled

translate = QCoreApplication.translate

#: side files of a GeoPackage/SQLite file and of a shapefile, removed with the file
_SQLITE_SIDE = ("-wal", "-shm", "-journal")
_SHAPE_PARTS = (".shp", ".shx", ".dbf", ".prj", ".cpg", ".qix", ".qpj")


def layer_files(path: str) -> list:
    """The files a layer at the plain file ``path`` consists of (a shapefile's parts, a GeoPackage with its
    SQLite side files)."""
    stem, ext = os.path.splitext(path)
    if ext.lower() == ".shp":
        return [stem + e for e in _SHAPE_PARTS]
    return [path] + [path + e for e in _SQLITE_SIDE]


def removable_files(dest: str) -> list:
    """The files making up the layer ``dest`` (a sink's destination id) when it is a plain file path the sink
    created whole; [] for memory layers, layer ids and layers written into an existing data source."""
    if not dest or "|" in dest or re.match(r"^[A-Za-z][A-Za-z0-9_]+:(?![\\/])", dest) or not os.path.isfile(dest):
        return []
    return layer_files(dest)


def _is_file_layer(dest: str) -> bool:
    """Whether ``dest`` names a layer in a file or database (not a memory layer or a project layer id)."""
    path = re.sub(r"^ogr:dbname='([^']*)'.*$", r"\1", dest or "").split("|")[0]
    return bool(path) and os.path.exists(path)


class CancellableSink:
    """A feature sink that raises ``Cancelled`` when a feature is added after the user cancelled; everything else
    goes to the QGIS sink it wraps."""

    def __init__(self, sink, feedback, table=False):
        self._sink = sink
        self._feedback = feedback
        self._table = table  # a layer without geometry: see :func:`no_spatial_index_error`

    def _check(self):
        if self._feedback is not None and self._feedback.isCanceled():
            raise Cancelled("cancelled by the user while writing")

    def addFeature(self, feature, *flags):  # noqa: N802 - the QgsFeatureSink name
        self._check()
        return self._sink.addFeature(feature, *flags)

    def addFeatures(self, features, *flags):  # noqa: N802 - the QgsFeatureSink name
        self._check()
        return self._sink.addFeatures(features, *flags)

    def close(self):
        """Release the QGIS sink (its file is closed once nothing else holds it)."""
        sink, self.__dict__["_sink"] = self.__dict__.get("_sink"), None
        if sink is not None and self._table:
            with no_spatial_index_error():
                del sink

    def __del__(self):
        self.close()

    def __getattr__(self, name):
        return getattr(self._sink, name)


class RunOutputs:
    """The sinks and files of one run: what to remove when it is cancelled, what to rename when it succeeds."""

    def __init__(self, feedback):
        self.feedback = feedback
        self._sinks = []  # (weak reference to the CancellableSink, destination id, whether its file existed before)
        self._staged = []  # (temporary path, destination path)
        self._hooks = {"commit": [], "discard": []}  # callables of writers (gpkg_writer) run on commit / on failure

    def check(self):
        """Raise ``Cancelled`` when the user has cancelled."""
        if self.feedback is not None and self.feedback.isCanceled():
            raise Cancelled("cancelled by the user")

    def sink(self, sink, dest, existed=False, table=False):
        """The sink of ``dest`` as a :class:`CancellableSink` (None stays None); ``existed``: the destination file
        was there before the sink (QGIS overwrote it); ``table``: the layer has no geometry."""
        if sink is None:
            return None
        wrapped = CancellableSink(sink, self.feedback, table)
        self._sinks.append((weakref.ref(wrapped), dest, existed))
        return wrapped

    def stage(self, path: str) -> str:
        """A temporary path beside ``path`` (same extension) to write instead; renamed over ``path`` on commit."""
        self.check()
        stem, ext = os.path.splitext(path)
        tmp = f"{stem}.deeptraj-partial-{os.getpid()}-{len(self._staged)}{ext}"
        self._staged.append((tmp, path))
        return tmp

    def staged_for(self, path: str) -> str | None:
        """The temporary file staged for ``path`` in this run (None when there is none)."""
        path = os.path.abspath(path)
        return next((tmp for tmp, dest in self._staged if os.path.abspath(dest) == path), None)

    def on_commit(self, fn) -> None:
        """Call ``fn()`` when the run succeeds, after the staged files are renamed."""
        self._hooks["commit"].append(fn)

    def on_discard(self, fn) -> None:
        """Call ``fn()`` when the run fails or is cancelled (before the staged files are deleted)."""
        self._hooks["discard"].append(fn)

    def commit(self) -> None:
        """Rename each staged file over its destination (a staged file its writer did not write is skipped)."""
        staged, self._staged = self._staged, []
        for tmp, path in staged:
            if os.path.exists(tmp):
                os.replace(tmp, path)
        hooks, self._hooks = self._hooks["commit"], {"commit": [], "discard": []}
        for fn in hooks:
            fn()

    def discard(self, cancelled: bool) -> str | None:
        """Delete the staged files and, when ``cancelled``, the layer files the sinks created; returns the message
        of a cancelled run (None when the run was not cancelled)."""
        hooks, self._hooks = self._hooks["discard"], {"commit": [], "discard": []}
        for fn in hooks:
            try:
                fn()
            except Exception:  # noqa: BLE001 - clean-up goes on; the run's own error is what the user sees
                pass
        for tmp, _ in self._staged:
            _remove(tmp)
        self._staged = []
        if not cancelled:
            return None
        for ref, _, _ in self._sinks:
            sink = ref()
            if sink is not None:
                sink.close()
        gc.collect()  # the QGIS sink (and its open file) must be gone before the file is removed
        incomplete, replaced = [], []
        for _, dest, existed in self._sinks:
            files = removable_files(dest)
            for f in files:
                _remove(f)
            if files and existed:
                replaced.append(dest)
            elif not files and _is_file_layer(dest):
                incomplete.append(dest)
        self._sinks = []
        return cancel_message(incomplete, replaced)


def cancel_message(incomplete=(), replaced=()) -> str:
    """What a cancelled run says: nothing was written, or which layers it could not take back."""
    if not incomplete and not replaced:
        return translate("DeepTraj", "Cancelled by the user: no output was written.")
    parts = []
    if replaced:
        parts.append(
            translate(
                "DeepTraj", "{0}: QGIS had already overwritten the existing file; the partial layer was removed."
            ).format(", ".join(replaced))
        )
    if incomplete:
        parts.append(translate("DeepTraj", "{0} may hold an incomplete layer.").format(", ".join(incomplete)))
    return translate(
        "DeepTraj", "Cancelled by the user while writing the outputs. {0} Nothing else was written."
    ).format(" ".join(parts))


def _remove(path: str) -> None:
    try:
        if os.path.isfile(path):
            os.remove(path)
    except OSError:
        pass


@contextmanager
def no_spatial_index_error():
    """Silence the one GDAL error QGIS 3.22 provokes when it finishes a table without geometry written into a
    GeoPackage through the ``ogr:dbname=... table=...`` form: its exporter asks for a spatial index on every layer
    it wrote and GDAL prints "ERROR 1: No geometry column". Every table sink is closed under it; any other GDAL
    error goes on to QGIS's handler."""
    try:
        from osgeo import gdal
    except ImportError:  # pragma: no cover - GDAL's Python bindings come with QGIS
        yield
        return
    others = []
    gdal.PushErrorHandler(lambda cls, num, msg: None if "No geometry column" in msg else others.append((cls, num, msg)))
    try:
        yield
    finally:
        gdal.PopErrorHandler()
        for cls, num, msg in others:
            gdal.Error(cls, num, msg)
