"""Every focusable control shows a focus ring ≥ 2 px in the highlight colour, ≥ 3:1
against its surroundings (WCAG 2.2 focus appearance), in both themes, zoomed too."""

from __future__ import annotations

import contextlib

import pytest
from econplan.desktop import theme
from econplan.desktop.appearance import Appearance
from econplan.desktop.focus_ring import FOCUS_CONTRAST, FocusRing, ring_colour
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QPushButton,
    QScrollArea,
    QWidget,
)
from pytestqt.exceptions import TimeoutError
from view_helpers import reset_appearance, settle

# Sliders take no focus of their own: each is one Tab stop with its number box.
KINDS = [QAbstractSpinBox, QComboBox, QCheckBox, QPushButton, QAbstractItemView]


@pytest.fixture(autouse=True)
def clean_appearance(qapp):
    yield
    reset_appearance()


@pytest.mark.parametrize("palette", [theme.LIGHT, theme.DARK], ids=lambda p: p.name)
def test_the_ring_contrasts_with_what_surrounds_it(palette):
    colour = ring_colour(palette)
    for background in (palette.window, palette.base, palette.alternate_base):
        assert theme.contrast_ratio(colour, background) >= FOCUS_CONTRAST, background


def first_focusable(root: QWidget, kind: type) -> QWidget:
    for widget in root.findChildren(kind):
        if widget.isVisible() and widget.isEnabled() and widget.focusPolicy() & 0x1:
            return widget
    raise AssertionError(f"no focusable {kind.__name__} on screen")


def near(a: QColor, b: QColor, tolerance: int = 40) -> bool:
    return all(abs(x - y) <= tolerance for x, y in zip(a.getRgb()[:3], b.getRgb()[:3],
                                                        strict=True))


# Both themes and a zoom, in two windows: each case builds and restyles a whole window.
@pytest.mark.parametrize(("mode", "zoom"), [("light", 1.0), ("dark", 1.5)])
def test_every_kind_of_control_shows_the_ring(window, qtbot, mode, zoom):
    appearance = Appearance.instance()
    appearance.mode, appearance.zoom = mode, zoom
    appearance.apply()
    window.resize(1366, 768)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    tab = window.breakeven_tab  # spin boxes, combo boxes, check boxes, buttons, tables
    window.tabs.setCurrentWidget(tab)
    settle(qtbot)
    expected = ring_colour(theme.current())
    for kind in KINDS:
        control = first_focusable(tab, kind)
        control.setFocus()
        scroll = control.parentWidget()
        while scroll is not None and not isinstance(scroll, QScrollArea):
            scroll = scroll.parentWidget()
        settle(qtbot)
        ring = window.findChild(FocusRing)
        assert ring is not None and ring.isVisible(), kind.__name__
        assert ring.widget() is control, (kind.__name__, ring.widget())
        # Around the control, not inside it, and not cut by a tight parent.
        outer = QRect(ring.mapToGlobal(QPoint(0, 0)), ring.size())
        inner = QRect(control.mapToGlobal(QPoint(0, 0)), control.size())
        assert outer.contains(inner) and outer != inner, kind.__name__
        # Where Tab would have brought it, in view. The zoom's new font reaches the rows over
        # a few passes of the event loop, and each pass may lay the column out again and
        # move the control out of view (on a busy machine after settle() has returned: CI
        # found the ring whole but scrolled away with its check box); so the control is
        # brought into view again until the layout leaves it there.
        def in_view(control=control, scroll=scroll, ring=ring) -> bool:
            if scroll is not None:
                scroll.ensureWidgetVisible(control, 20, 20)
            shown = control.visibleRegion().boundingRect()
            return (shown.size() == control.size()
                    and ring.visibleRegion().boundingRect().width() >= ring.width() - 1)

        with contextlib.suppress(TimeoutError):  # reported with its details below
            qtbot.waitUntil(in_view, timeout=3000)
        visible = ring.visibleRegion().boundingRect()
        assert visible.width() >= ring.width() - 1, (
            kind.__name__, visible, ring.size(), control.visibleRegion().boundingRect(),
            control.size())
        outer = QRect(ring.mapToGlobal(QPoint(0, 0)), ring.size())
        inner = QRect(control.mapToGlobal(QPoint(0, 0)), control.size())
        assert outer.contains(inner), (kind.__name__, outer, inner)  # still, once scrolled
        image = ring.grab().toImage()
        middle = image.height() // 2
        scale = image.width() / ring.width()
        for x in range(round(2 * scale)):  # at least 2 px thick, in the ring's colour
            assert near(image.pixelColor(x, middle), expected), (kind.__name__, x,
                                                                 image.pixelColor(x, middle))


def test_a_control_that_is_its_own_window_gets_no_ring_and_keeps_working(qtbot):
    """The ring lives beside a control, in its page or window: a table shown on its own
    once made the ring its own child, and its next refill crashed the process."""
    import shiboken6
    from econplan.desktop.focus_ring import install
    from econplan.desktop.tables import fill_table, read_only_table
    from PySide6.QtWidgets import QApplication

    Appearance.instance()  # the tracker is installed with the appearance
    table = read_only_table(["a", "b"])
    qtbot.addWidget(table)
    table.show()
    table.activateWindow()
    table.setFocus()
    qtbot.waitUntil(table.hasFocus)
    ring = install(QApplication.instance()).ring
    assert ring is None or not shiboken6.isValid(ring) or ring.parentWidget() is not table
    fill_table(table, [["1", "2"]] * 50)
    QApplication.processEvents()
    assert table.rowCount() == 50


def test_the_ring_follows_a_control_whose_group_the_layout_moves(qtbot):
    """A control hears of no move when its group moves: the ring listens to the group too
    (in CI a late relayout at 150% zoom left the ring 90 px below its button)."""
    from econplan.desktop.focus_ring import install
    from PySide6.QtWidgets import QApplication, QGroupBox, QLabel, QVBoxLayout

    Appearance.instance()  # the tracker is installed with the appearance
    scroll = QScrollArea()
    qtbot.addWidget(scroll)
    page = QWidget()
    column = QVBoxLayout(page)
    group = QGroupBox("Group")
    QVBoxLayout(group).addWidget(button := QPushButton("Press"))
    column.addWidget(group)
    column.addStretch(1)
    scroll.setWidget(page)
    scroll.setWidgetResizable(True)
    scroll.resize(400, 300)
    scroll.show()
    scroll.activateWindow()
    button.setFocus()
    qtbot.waitUntil(button.hasFocus)
    ring = install(QApplication.instance()).ring

    def around() -> bool:
        outer = QRect(ring.mapToGlobal(QPoint(0, 0)), ring.size())
        inner = QRect(button.mapToGlobal(QPoint(0, 0)), button.size())
        return outer.contains(inner) and outer != inner

    qtbot.waitUntil(around)
    banner = QLabel("A banner shown above the group\n" * 3)
    column.insertWidget(0, banner)
    settle(qtbot)
    assert group.y() > banner.y()  # the group moved; the button, inside it, did not
    assert around()
