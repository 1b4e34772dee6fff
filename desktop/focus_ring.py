"""A focus ring everyone can see, around whichever control has the keyboard focus.

Fusion marks focus with a faint 1-pixel line (barely visible on a slider, lost on a check
box). WCAG 2.2 "focus appearance" asks for an indicator at least 2 pixels thick with a
contrast of at least 3:1 against what surrounds it. One ring widget follows the focus
through the application (``QApplication.focusChanged``) and paints that ring in the
theme's highlight colour, outside the control, so no widget's own drawing (or style
sheet) has to change — presentation mode and zoom only make it thicker.
"""

from __future__ import annotations

import shiboken6
from econplan.desktop import theme
from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)

FOCUS_CONTRAST = 3.0  # WCAG 2.2 non-text contrast of a focus indicator
RING_PX = 2.0  # at 100%; thicker with zoom and presentation
# The controls a keyboard user moves between; labels, scroll areas and charts take no ring.
RINGED = (QAbstractSpinBox, QAbstractSlider, QComboBox, QAbstractButton, QAbstractItemView,
          QLineEdit, QTextEdit, QPlainTextEdit, QTabBar)


def ring_colour(palette: theme.Palette) -> QColor:
    """The highlight colour, made to stand out (≥ 3:1) on both the window and the fields'
    background, wherever the control sits."""
    colour = theme.readable(palette.highlight, palette.window, FOCUS_CONTRAST)
    return theme.readable(colour, palette.base, FOCUS_CONTRAST)


def ring_width() -> float:
    return max(RING_PX, round(RING_PX * theme.text_scale()))


class FocusRing(QWidget):
    """The ring itself: a rounded rectangle just outside the focused control.

    It lives in the nearest scrolling page (or the window) holding the control, not in the
    control's own parent: a parent that fits the control tightly (a number box beside its
    slider) would cut the ring off; the page scrolls the ring along with the control.
    """

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("focusRing")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.target: QWidget | None = None
        self.watched: list[QWidget] = []

    def widget(self) -> QWidget | None:
        return self.target

    def set_target(self, target: QWidget | None) -> None:
        for widget in self.watched:
            if shiboken6.isValid(widget):
                widget.removeEventFilter(self)
        self.watched = []
        self.target = target
        if target is None:
            self.hide()
            return
        host = _host(target)
        if self.parentWidget() is not host:
            self.setParent(host)
        # A widget hears of a move only within its own parent: when a layout shifts the
        # group holding the control (a zoom, a banner shown above it), the control itself
        # gets no Move. So the ring hears from every widget between the control and its page.
        widget: QWidget | None = target
        while widget is not None and widget is not host:
            widget.installEventFilter(self)
            self.watched.append(widget)
            widget = widget.parentWidget()
        self.follow_target()

    def follow_target(self) -> None:
        target = self.target
        if target is None or not shiboken6.isValid(target) or not target.isVisible():
            self.hide()
            return
        margin = round(ring_width()) + 1
        corner = target.mapTo(self.parentWidget(), QPoint(0, 0))
        self.setGeometry(QRect(corner, target.size()).adjusted(-margin, -margin,
                                                               margin, margin))
        self.raise_()
        self.show()
        self.update()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Move, QEvent.Type.Resize, QEvent.Type.Show,
                            QEvent.Type.Hide) and watched in self.watched:
            self.follow_target()
        return False

    def paintEvent(self, _event: QPaintEvent) -> None:
        width = ring_width()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(ring_colour(theme.current()), width))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        inset = width / 2
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(inset, inset, -inset, -inset),
                                3, 3)


def _host(target: QWidget) -> QWidget:
    """The page inside the nearest scroll area around ``target``, else its window."""
    widget = target.parentWidget()
    while widget is not None and not widget.isWindow():
        parent = widget.parentWidget()
        if parent is not None and isinstance(parent.parentWidget(), QAbstractScrollArea):
            return widget  # the scroll area's page: parent is its viewport
        widget = parent
    return widget if widget is not None else target.window()


class FocusRingTracker(QObject):
    """Moves the one ring to each newly focused control (see the module docstring)."""

    def __init__(self, app: QApplication):
        super().__init__(app)
        self.ring: FocusRing | None = None
        app.focusChanged.connect(self.follow)

    def follow(self, _old: QWidget | None, new: QWidget | None) -> None:
        target = new if isinstance(new, RINGED) else None
        if target is not None and target.isWindow():
            # A control that is a window of its own has no room around it for a ring: the
            # ring would become the control's own child, filtering the events of its parent
            # (a table shown on its own crashed in its first resize).
            target = None
        if target is not None and target.window().windowType() == Qt.WindowType.Popup:
            target = None  # a combo box's open list marks its own current row
        if target is not None and isinstance(target.parentWidget(), QComboBox):
            target = target.parentWidget()  # an editable combo's line edit: ring the combo
        if target is not None and isinstance(target.parentWidget(), QAbstractSpinBox):
            target = target.parentWidget()  # a spin box's line edit: ring the spin box
        if self.ring is None or not shiboken6.isValid(self.ring):
            if target is None:
                return
            self.ring = FocusRing()
        self.ring.set_target(target)

    def refresh(self) -> None:
        if self.ring is not None and shiboken6.isValid(self.ring):
            self.ring.follow_target()


def install(app: QApplication) -> FocusRingTracker:
    """One tracker per application."""
    tracker = app.findChild(FocusRingTracker)
    return tracker if tracker is not None else FocusRingTracker(app)
