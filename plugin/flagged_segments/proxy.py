"""The views' models over a segments table: :class:`SegmentsProxy` (the OD and type filters; sorting delegated to
the numpy sort of :class:`SegmentsModel`) and :class:`SegmentsLayerProxy` (the dock's layer list, CroTad segments
layers first)."""

from __future__ import annotations

from qgis.core import QgsMapLayerProxyModel
from qgis.PyQt.QtCore import QSortFilterProxyModel, Qt

from .model import SORT_ROLE, SegmentsModel, is_segments_layer

#: a filter combo's entry for NULL / empty values
NO_VALUE = object()


class SegmentsProxy(QSortFilterProxyModel):
    """OD / type filters over a :class:`SegmentsModel`. Sorting on :data:`SORT_ROLE`; with a SegmentsModel source
    the sort is delegated to the source (numpy) and the proxy keeps the source order."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self._od = None  # None = all; NO_VALUE = empty; else the OD text
        self._kind = None
        self._sort = (-1, Qt.AscendingOrder)

    def set_filters(self, od=None, kind=None):
        """``od``/``kind``: None for all, :data:`NO_VALUE` for empty/NULL, else the value's text."""
        if (od, kind) != (self._od, self._kind):
            self._od, self._kind = od, kind
            self.invalidateFilter()

    def filterAcceptsRow(self, row, parent):  # noqa: N802
        src = self.sourceModel()
        if not isinstance(src, SegmentsModel):
            return True
        if self._od is not None:
            od = src.column("od")[row]
            if od != ("" if self._od is NO_VALUE else self._od):
                return False
        if self._kind is not None:
            kind = src.column("kind")[row]
            if kind != (None if self._kind is NO_VALUE else self._kind):
                return False
        return True

    def sort(self, column, order=Qt.AscendingOrder):
        src = self.sourceModel()
        self._sort = (column, order)
        if isinstance(src, SegmentsModel):
            src.sort(column, order)
        else:
            super().sort(column, order)

    def sort_state(self):
        """(column, order) of the last :meth:`sort`."""
        return self._sort


class SegmentsLayerProxy(QgsMapLayerProxyModel):
    """Line layers, the ones marked as CroTad segments first (then by name); the empty entry on top."""

    def lessThan(self, left, right):  # noqa: N802
        model = self.sourceLayerModel()
        a, b = model.layerFromIndex(left), model.layerFromIndex(right)
        if a is not None and b is not None:
            marked_a, marked_b = is_segments_layer(a), is_segments_layer(b)
            if marked_a != marked_b:
                return marked_a
        return super().lessThan(left, right)
