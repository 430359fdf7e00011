"""A QPainter scatter plot with box and lasso selection (no plotting library needed).

:class:`ScatterPlot` draws the points into a cached pixmap (one ``drawPoints`` call per colour group, so 20,000
points repaint cheaply while a lasso is drawn over them) and turns mouse drags into selections; the pure geometry
(pixels <-> data, ticks, points in a box or polygon) is in :mod:`.scatter_geometry`.
"""

from __future__ import annotations

import math

import numpy as np
from qgis.PyQt.QtCore import QCoreApplication, QEvent, QPointF, QRectF, QSize, Qt, pyqtSignal
from qgis.PyQt.QtGui import QBrush, QColor, QFontMetrics, QPainter, QPen, QPixmap, QPolygonF
from qgis.PyQt.QtWidgets import QSizePolicy, QToolTip, QWidget

from .scatter_geometry import (
    data_bounds,
    data_to_pixel,
    format_tick,
    nice_ticks,
    pixel_box_to_data,
    pixel_polygon_to_data,
    pixel_to_data,
    points_in_box,
    points_in_polygon,
)

BOX = "box"
LASSO = "lasso"
MODES = (BOX, LASSO)

#: a press and a release closer than this (pixels) make a click, not a drag
CLICK_TOLERANCE = 4.0
#: a click selects the nearest point within this distance (pixels)
PICK_RADIUS = 6.0
#: fixed top and right margins (pixels) of the plotting area; left and bottom make room for labels and titles
TOP_MARGIN, RIGHT_MARGIN = 10, 14
DEFAULT_COLOR = "#3b75af"
OUTLINE_COLOR = "#1a1a1a"


# ---------------------------------------------------------------------------------------------------- helpers
def _ticks(lo, hi, target):
    ticks = nice_ticks(lo, hi, target)
    return ticks if len(ticks) >= 3 else nice_ticks(lo, hi, target * 2)


def make_polygon(px, py) -> QPolygonF:
    """A QPolygonF of pixel coordinates (drawn once per colour group, then cached with the plot)."""
    return QPolygonF([QPointF(a, b) for a, b in zip(np.asarray(px, float).tolist(), np.asarray(py, float).tolist())])


def _color_name(c) -> str:
    if isinstance(c, QColor):
        return c.name(QColor.HexArgb) if c.alpha() != 255 else c.name()
    return str(c)


# ------------------------------------------------------------------------------------------------------ widget
class ScatterPlot(QWidget):
    """Scatter plot of (x, y) points identified by integer keys (feature ids).

    * :meth:`set_data` replaces the points; :meth:`set_mode` picks the box or lasso tool.
    * Left-drag selects (Shift adds to the selection); a click picks the nearest point or, on empty space, clears.
    * ``selectionChanged(list)`` is emitted with the selected keys when the user finishes a selection (and by the
      ``select_*`` methods, which tests and callers can use instead of the mouse).
    * :meth:`highlight` shows a selection made elsewhere (the map) without emitting anything.
    """

    selectionChanged = pyqtSignal(list)  # noqa: N815 (Qt naming)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setMinimumSize(220, 180)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Expanding)
        self.setFocusPolicy(Qt.ClickFocus)
        self.setAttribute(Qt.WA_OpaquePaintEvent)
        self.point_size = 5.0
        self._mode = BOX
        self._x = np.empty(0)
        self._y = np.empty(0)
        self._keys = np.empty(0, dtype=np.int64)
        self._codes = np.empty(0, dtype=np.int64)
        self._palette = [QColor(DEFAULT_COLOR)]
        self._valid = np.empty(0, dtype=bool)
        self._selected = np.empty(0, dtype=bool)
        self._bounds = (0.0, 1.0, 0.0, 1.0)
        self._labels = ("", "")
        self._px = None
        self._py = None
        self._margins = None
        self._cache = None
        self._press = None
        self._current = None
        self._path = []
        self._add = False

    def sizeHint(self):  # noqa: N802
        return QSize(380, 320)

    # ------------------------------------------------------------------------------------------------ data
    def set_data(self, x, y, colors=None, keys=None):
        """Replace the points. ``colors``: one colour for all, or one QColor / colour name per point; ``keys``:
        integer ids (default 0..n-1). Points with a NaN coordinate are kept but neither drawn nor selectable.
        The selection is cleared (without a signal)."""
        x = np.asarray(x, dtype=float).ravel()
        y = np.asarray(y, dtype=float).ravel()
        if x.shape != y.shape:
            raise ValueError("x and y must have the same length")
        n = x.size
        keys = np.arange(n, dtype=np.int64) if keys is None else np.asarray(keys, dtype=np.int64).ravel()
        if keys.size != n:
            raise ValueError("keys must have one entry per point")
        if colors is None or isinstance(colors, (str, QColor)):
            names = [_color_name(colors if colors is not None else DEFAULT_COLOR)]
            codes = np.zeros(n, dtype=np.int64)
        else:
            if len(colors) != n:
                raise ValueError("colors must have one entry per point")
            names, codes = [DEFAULT_COLOR], np.zeros(n, dtype=np.int64)
            if n:  # one palette entry per distinct colour, one palette index per point
                unique, codes = np.unique(np.array([_color_name(c) for c in colors], dtype=str), return_inverse=True)
                names = unique.tolist()
        self._x, self._y, self._keys = x, y, keys
        self._codes = np.asarray(codes, dtype=np.int64).ravel()
        self._palette = [QColor(c) for c in names]
        self._valid = np.isfinite(x) & np.isfinite(y)
        self._selected = np.zeros(n, dtype=bool)
        self._bounds = data_bounds(x, y)
        self._invalidate(positions=True)

    def clear(self):
        self.set_data([], [])

    def set_axis_labels(self, x_label: str, y_label: str):
        self._labels = (x_label or "", y_label or "")
        self._invalidate(positions=True)

    def keys(self) -> list:
        return self._keys.tolist()

    def point_count(self) -> int:
        """Number of drawn (finite) points."""
        return int(self._valid.sum())

    def point_colors(self) -> dict:
        """{key: '#rrggbb'} of every point (for legends and tests)."""
        names = [c.name() for c in self._palette]
        return {int(k): names[c] for k, c in zip(self._keys.tolist(), self._codes.tolist())}

    def bounds(self):
        return self._bounds

    # ------------------------------------------------------------------------------------------------ mode
    def set_mode(self, mode: str):
        if mode not in MODES:
            raise ValueError(f"mode must be one of {MODES}, not {mode!r}")
        self._mode = mode
        self._cancel_drag()

    def mode(self) -> str:
        return self._mode

    # -------------------------------------------------------------------------------------------- geometry
    def plot_rect(self) -> QRectF:
        """The plotting area inside the axes, in widget pixels."""
        if self._margins is None:
            self._margins = self._compute_margins()
        left, top, right, bottom = self._margins
        return QRectF(left, top, max(self.width() - left - right, 1), max(self.height() - top - bottom, 1))

    def _compute_margins(self):
        """(left, top, right, bottom): room for the tick labels (the widest y label) and the axis titles."""
        fm = QFontMetrics(self.font())
        bottom = 6 + fm.height() + (4 + fm.height() if self._labels[0] else 0) + 4
        height = max(self.height() - TOP_MARGIN - bottom, 1)
        yticks = _ticks(self._bounds[2], self._bounds[3], max(2, int(height // 45)))
        step = yticks[1] - yticks[0] if len(yticks) > 1 else 1.0
        widest = max((fm.horizontalAdvance(format_tick(v, step)) for v in yticks), default=0)
        left = 4 + (fm.height() + 4 if self._labels[1] else 0) + widest + 6
        return (left, TOP_MARGIN, RIGHT_MARGIN, bottom)

    def _rect(self):
        r = self.plot_rect()
        return (r.left(), r.top(), r.width(), r.height())

    def data_to_pixel(self, x, y):
        return data_to_pixel(x, y, self._bounds, self._rect())

    def pixel_to_data(self, px, py):
        return pixel_to_data(px, py, self._bounds, self._rect())

    def _positions(self):
        if self._px is None:
            self._px, self._py = data_to_pixel(self._x, self._y, self._bounds, self._rect())
        return self._px, self._py

    # ------------------------------------------------------------------------------------------- selection
    def selected_keys(self) -> list:
        return self._keys[self._selected].tolist()

    def highlighted_keys(self) -> list:
        """Keys shown as selected (the last user selection or the last :meth:`highlight`)."""
        return self.selected_keys()

    def highlight(self, keys):
        """Show these keys as selected (enlarged, dark outline) without emitting ``selectionChanged``; unknown keys
        are ignored."""
        keys = np.asarray(list(keys), dtype=np.int64)
        mask = np.isin(self._keys, keys) & self._valid if keys.size else np.zeros(self._keys.size, dtype=bool)
        if not np.array_equal(mask, self._selected):
            self._selected = mask
            self._invalidate()

    def select_in_data_box(self, box, add: bool = False) -> list:
        """Select the points inside the data box (xlo, xhi, ylo, yhi); emits and returns the selected keys."""
        return self._apply(points_in_box(self._x, self._y, box), add)

    def select_in_data_polygon(self, polygon, add: bool = False) -> list:
        return self._apply(points_in_polygon(self._x, self._y, polygon), add)

    def select_in_pixel_rect(self, rect, add: bool = False) -> list:
        """Select inside a rubber band given as QRect(F) or (x0, y0, x1, y1) pixel corners."""
        if hasattr(rect, "normalized"):
            r = QRectF(rect).normalized()
            rect = (r.left(), r.top(), r.right(), r.bottom())
        return self.select_in_data_box(pixel_box_to_data(*rect, self._bounds, self._rect()), add)

    def select_in_pixel_polygon(self, points, add: bool = False) -> list:
        """Select inside a lasso given as pixel points (QPoint(F)s or (x, y) pairs)."""
        pts = [(p.x(), p.y()) if hasattr(p, "x") else tuple(p) for p in points]
        return self.select_in_data_polygon(pixel_polygon_to_data(pts, self._bounds, self._rect()), add)

    def select_keys(self, keys, add: bool = False) -> list:
        keys = np.asarray(list(keys), dtype=np.int64)
        return self._apply(np.isin(self._keys, keys), add)

    def clear_selection(self) -> list:
        return self._apply(np.zeros(self._keys.size, dtype=bool), False)

    def nearest_key(self, px: float, py: float, radius: float = PICK_RADIUS):
        """Key of the drawn point nearest to the pixel, or None when none lies within ``radius`` pixels."""
        if not self._valid.any():
            return None
        x, y = self._positions()
        d2 = np.where(self._valid, (x - px) ** 2 + (y - py) ** 2, np.inf)
        i = int(np.argmin(d2))
        return int(self._keys[i]) if d2[i] <= radius * radius else None

    def _apply(self, mask, add) -> list:
        mask = np.asarray(mask, dtype=bool) & self._valid
        if add:
            mask = mask | self._selected
        self._selected = mask
        self._invalidate()
        keys = self.selected_keys()
        self.selectionChanged.emit(keys)
        return keys

    # ------------------------------------------------------------------------------------------------ mouse
    def mousePressEvent(self, event):  # noqa: N802
        if event.button() != Qt.LeftButton:
            super().mousePressEvent(event)
            return
        pos = QPointF(event.pos())
        self._press = pos
        self._current = pos
        self._path = [(pos.x(), pos.y())]
        self._add = bool(event.modifiers() & Qt.ShiftModifier)
        event.accept()

    def mouseMoveEvent(self, event):  # noqa: N802
        # the drag state is ours: QTest's synthetic moves do not always carry the pressed buttons
        if self._press is None:
            super().mouseMoveEvent(event)
            return
        self._extend(QPointF(event.pos()))
        self.update()
        event.accept()

    def mouseReleaseEvent(self, event):  # noqa: N802
        if event.button() != Qt.LeftButton or self._press is None:
            super().mouseReleaseEvent(event)
            return
        pos = QPointF(event.pos())
        self._extend(pos)
        start, path = self._press, self._path
        add = self._add or bool(event.modifiers() & Qt.ShiftModifier)
        self._cancel_drag()
        moved = max(math.hypot(px - start.x(), py - start.y()) for px, py in path + [(pos.x(), pos.y())])
        if moved < CLICK_TOLERANCE:
            self._click(start, add)
        elif self._mode == BOX:
            self.select_in_pixel_rect((start.x(), start.y(), pos.x(), pos.y()), add)
        elif len(path) >= 3:
            self.select_in_pixel_polygon(path, add)
        event.accept()

    def keyPressEvent(self, event):  # noqa: N802
        if event.key() == Qt.Key_Escape and self._press is not None:
            self._cancel_drag()
            event.accept()
            return
        super().keyPressEvent(event)

    def _extend(self, pos):
        self._current = pos
        if self._mode == LASSO:
            lx, ly = self._path[-1]
            if math.hypot(pos.x() - lx, pos.y() - ly) >= 1.5:
                self._path.append((pos.x(), pos.y()))

    def _cancel_drag(self):
        self._press = None
        self._current = None
        self._path = []
        self.update()

    def _click(self, pos, add):
        key = self.nearest_key(pos.x(), pos.y())
        if key is None:
            if not add:
                self.clear_selection()
            return
        hit = self._keys == key
        if add:
            self._apply(self._selected ^ hit, False)  # Shift+click toggles the point
        else:
            self._apply(hit, False)

    def event(self, event):
        if event.type() == QEvent.ToolTip:
            key = self.nearest_key(event.pos().x(), event.pos().y())
            if key is None:
                QToolTip.hideText()
            else:
                i = int(np.flatnonzero(self._keys == key)[0])
                QToolTip.showText(
                    event.globalPos(),
                    QCoreApplication.translate("EmbeddingExplorer", "Feature {0}: ({1}, {2})").format(
                        key, f"{self._x[i]:.4g}", f"{self._y[i]:.4g}"
                    ),
                    self,
                )
            return True
        return super().event(event)

    # ---------------------------------------------------------------------------------------------- drawing
    def resizeEvent(self, event):  # noqa: N802
        self._invalidate(positions=True)
        super().resizeEvent(event)

    def changeEvent(self, event):  # noqa: N802
        if event.type() in (QEvent.FontChange, QEvent.PaletteChange, QEvent.StyleChange):
            self._invalidate(positions=True)
        super().changeEvent(event)

    def _invalidate(self, positions: bool = False):
        if positions:
            self._px = self._py = None
            self._margins = None
        self._cache = None
        self.update()

    def render_to_pixmap(self) -> QPixmap:
        """The plot without the rubber band (also what :meth:`paintEvent` draws first)."""
        if self._cache is None or self._cache.size() != self.size() * self._cache.devicePixelRatioF():
            self._cache = self._render()
        return self._cache

    def paintEvent(self, event):  # noqa: N802
        painter = QPainter(self)
        painter.drawPixmap(0, 0, self.render_to_pixmap())
        if self._press is not None and self._current is not None:
            painter.setRenderHint(QPainter.Antialiasing, True)
            painter.setPen(QPen(QColor(OUTLINE_COLOR), 1, Qt.DashLine))
            painter.setBrush(QBrush(QColor(59, 117, 175, 45)))
            if self._mode == BOX:
                painter.drawRect(QRectF(self._press, self._current).normalized())
            else:
                painter.drawPolygon(
                    make_polygon(*np.asarray(self._path + [(self._current.x(), self._current.y())], dtype=float).T)
                )
        painter.end()

    def _render(self) -> QPixmap:
        ratio = max(self.devicePixelRatioF(), 1.0)
        pixmap = QPixmap(self.size() * ratio)
        pixmap.setDevicePixelRatio(ratio)
        pal = self.palette()
        pixmap.fill(pal.color(pal.Base))
        p = QPainter(pixmap)
        p.setRenderHint(QPainter.Antialiasing, True)
        rect = self.plot_rect()
        self._draw_axes(p, rect, pal)
        p.setClipRect(rect)
        if self._valid.any():
            self._draw_points(p)
        else:
            p.setPen(pal.color(pal.Mid))
            p.drawText(rect, Qt.AlignCenter, QCoreApplication.translate("EmbeddingExplorer", "No points to show"))
        p.end()
        return pixmap

    def _draw_axes(self, p, rect, pal):
        text = pal.color(pal.Text)
        grid = QColor(text)
        grid.setAlpha(28)
        fm = QFontMetrics(self.font())
        xmin, xmax, ymin, ymax = self._bounds
        r = self._rect()
        xticks = _ticks(xmin, xmax, max(2, int(rect.width() // 80)))
        yticks = _ticks(ymin, ymax, max(2, int(rect.height() // 45)))
        xstep = xticks[1] - xticks[0] if len(xticks) > 1 else 1.0
        ystep = yticks[1] - yticks[0] if len(yticks) > 1 else 1.0
        for v in xticks:
            px = float(data_to_pixel(v, ymin, self._bounds, r)[0])
            p.setPen(QPen(grid, 1))
            p.drawLine(QPointF(px, rect.top()), QPointF(px, rect.bottom()))
            p.setPen(QPen(text, 1))
            p.drawLine(QPointF(px, rect.bottom()), QPointF(px, rect.bottom() + 4))
            label = format_tick(v, xstep)
            w = fm.horizontalAdvance(label)
            p.drawText(QPointF(px - w / 2, rect.bottom() + 6 + fm.ascent()), label)
        for v in yticks:
            py = float(data_to_pixel(xmin, v, self._bounds, r)[1])
            p.setPen(QPen(grid, 1))
            p.drawLine(QPointF(rect.left(), py), QPointF(rect.right(), py))
            p.setPen(QPen(text, 1))
            p.drawLine(QPointF(rect.left() - 4, py), QPointF(rect.left(), py))
            label = format_tick(v, ystep)
            w = fm.horizontalAdvance(label)
            p.drawText(QPointF(rect.left() - 6 - w, py + fm.ascent() / 2 - 1), label)
        p.setPen(QPen(text, 1))
        p.setBrush(Qt.NoBrush)
        p.drawRect(rect)
        x_label, y_label = self._labels
        if x_label:
            w = fm.horizontalAdvance(x_label)
            p.drawText(QPointF(rect.center().x() - w / 2, rect.bottom() + 10 + fm.height() + fm.ascent()), x_label)
        if y_label:
            p.save()
            p.translate(4 + fm.ascent(), rect.center().y() + fm.horizontalAdvance(y_label) / 2)
            p.rotate(-90)
            p.drawText(QPointF(0, 0), y_label)
            p.restore()

    def _draw_groups(self, p, index, width, alpha=None):
        """drawPoints once per colour group of the points ``index``."""
        if index.size == 0:
            return
        px, py = self._positions()
        codes = self._codes[index]
        order = np.argsort(codes, kind="stable")
        index, codes = index[order], codes[order]
        starts = np.flatnonzero(np.r_[True, codes[1:] != codes[:-1]])
        ends = np.r_[starts[1:], codes.size]
        for s, e in zip(starts.tolist(), ends.tolist()):
            color = QColor(self._palette[int(codes[s])])
            if alpha is not None:
                color.setAlpha(min(color.alpha(), alpha))
            pen = QPen(color, width)
            pen.setCapStyle(Qt.RoundCap)
            p.setPen(pen)
            idx = index[s:e]
            p.drawPoints(make_polygon(px[idx], py[idx]))

    def _draw_points(self, p):
        selected = self._selected & self._valid
        others = np.flatnonzero(self._valid & ~selected)
        chosen = np.flatnonzero(selected)
        # with a selection the other points fade a little so the selected ones stand out
        self._draw_groups(p, others, self.point_size, alpha=110 if chosen.size else None)
        if chosen.size:
            px, py = self._positions()
            outline = QPen(QColor(OUTLINE_COLOR), self.point_size + 4.5)
            outline.setCapStyle(Qt.RoundCap)
            p.setPen(outline)
            p.drawPoints(make_polygon(px[chosen], py[chosen]))
            self._draw_groups(p, chosen, self.point_size + 2.0)
