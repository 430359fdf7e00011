"""The flagged-segments table view: column order, widths fitted to the segments' texts (long texts capped and
elided), and a width hint that makes room for the review columns, so that they fit the dock's default width."""

from __future__ import annotations

import numpy as np
from qgis.PyQt.QtCore import QRect, Qt
from qgis.PyQt.QtWidgets import QAbstractItemView, QHeaderView, QStyle, QStyleOptionViewItem, QTableView

from .model import (
    COL_END,
    COL_LENGTH,
    COL_OD,
    COL_POINTS,
    COL_REVIEWED,
    COL_START,
    COL_TRAJ,
    COL_TYPE,
    COL_VOTES,
    CONFIRMED,
    FALSE_POSITIVE,
    SegmentsModel,
)

#: the columns from left to right: those of the review first (the rows are sorted by votes, the most confident
#: detections on top; the review state shows what "Confirm anomaly" did), so that they fit the dock's default width
COLUMN_ORDER = (COL_VOTES, COL_LENGTH, COL_REVIEWED, COL_TRAJ, COL_TYPE, COL_START, COL_END, COL_POINTS, COL_OD)
#: the columns the table's width hint (and so the dock's default width) makes room for
KEY_COLUMNS = (COL_VOTES, COL_LENGTH, COL_REVIEWED)
#: texts longer than this many average characters (trajectory ids, OD values, types) are elided
MAX_TEXT_CHARS = 10
#: the widest numbers planned for (longer ones widen their column)
VOTES_TEMPLATE, LENGTH_TEMPLATE, POINTS_TEMPLATE = "9.99", "99999.9", "9999"


def cell_margin(view) -> int:
    """The room a cell keeps on each side of its text (and of its check box): the style's focus frame margin + 1."""
    return view.style().pixelMetric(QStyle.PM_FocusFrameHMargin, None, view) + 1


class SegmentsTable(QTableView):
    """The table view; its width hint makes room for :data:`KEY_COLUMNS`."""

    def key_width(self) -> int:
        """Width of the key columns."""
        header = self.horizontalHeader()
        return sum(header.sectionSize(col) for col in KEY_COLUMNS if not self.isColumnHidden(col))

    def sizeHint(self):  # noqa: N802
        hint = super().sizeHint()
        hint.setWidth(self.key_width() + 2 * self.frameWidth() + self.verticalScrollBar().sizeHint().width())
        return hint

    def setup(self, proxy):
        """Show ``proxy`` (a :class:`~.proxy.SegmentsProxy`), sorted by votes (the most confident detections first),
        the columns in :data:`COLUMN_ORDER`."""
        table = self
        table.setModel(proxy)
        table.setSelectionBehavior(QAbstractItemView.SelectRows)
        table.setSelectionMode(QAbstractItemView.ExtendedSelection)
        table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.verticalHeader().setVisible(False)
        table.verticalHeader().setSectionResizeMode(QHeaderView.Fixed)
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 6)
        table.setTextElideMode(Qt.ElideRight)
        header = table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.Interactive)
        for visual, col in enumerate(COLUMN_ORDER):
            header.moveSection(header.visualIndex(col), visual)
        table.setSortingEnabled(True)
        table.sortByColumn(COL_VOTES, Qt.DescendingOrder)

    def fit_columns(self, model):
        """Size the columns to the segments' texts (long texts capped, elided in the cell); the review column always
        has room for its longest state, so that a review shows in full."""
        table = self
        header = table.horizontalHeader()
        metrics = table.fontMetrics()
        pad = 2 * cell_margin(table) + 1  # the text's margins, and a pixel of rounding
        cap = metrics.averageCharWidth() * MAX_TEXT_CHARS + pad

        def longest(values):
            texts = [v for v in values if v]
            return max(texts, key=len) if texts else ""

        def number(name, digits, template):
            values = model.column(name)
            values = values[~np.isnan(values)]
            texts = [template] + ([f"{values.max():.{digits}f}", f"{values.min():.{digits}f}"] if values.size else [])
            return max(texts, key=len)

        texts = {
            COL_TRAJ: longest(model.column("traj").tolist()),
            COL_OD: longest(model.column("od").tolist()),
            COL_TYPE: longest([model.type_label(k) for k in set(model.column("kind").tolist())]),
            COL_START: model.time_text(longest(model.column("start_text").tolist())),
            COL_END: model.time_text(longest(model.column("end_text").tolist())),
            COL_POINTS: number("points", 0, POINTS_TEMPLATE),
            COL_VOTES: number("votes", 2, VOTES_TEMPLATE),
            COL_LENGTH: number("length", 1, LENGTH_TEMPLATE),
        }
        option = QStyleOptionViewItem()
        option.features |= QStyleOptionViewItem.HasCheckIndicator
        option.rect = QRect(0, 0, 200, table.verticalHeader().defaultSectionSize())
        box = table.style().subElementRect(QStyle.SE_ItemViewItemCheckIndicator, option, table)
        indicator = box.width() + 2 * cell_margin(table)  # the check box with its margins, before the text
        review = max(
            metrics.horizontalAdvance(SegmentsModel.review_text(state)) for state in (CONFIRMED, FALSE_POSITIVE)
        )
        for col in COLUMN_ORDER:
            if col == COL_REVIEWED:
                width = indicator + review + pad
            else:
                width = metrics.horizontalAdvance(texts[col]) + pad
                if col in (COL_TRAJ, COL_OD, COL_TYPE):
                    width = min(width, cap)
            header.resizeSection(col, max(width, header.sectionSizeHint(col)))
        table.updateGeometry()
