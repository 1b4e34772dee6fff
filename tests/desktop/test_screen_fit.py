"""Fits every screen: the window's size and placement, nothing clipped at 1280×720 and
1366×768, tick labels that never run together."""

from __future__ import annotations

import contextlib

import pyqtgraph as pg
import pytest
from econplan.core.paths import scenarios_dir
from econplan.desktop import window_geometry
from PySide6.QtCore import QPoint, QRect, QSettings
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QMainWindow, QScrollArea, QTableView, QWidget
from pytestqt.exceptions import TimeoutError
from view_helpers import (
    PLANNER_SHOTS,
    clipped_cards,
    clipped_charts,
    clipped_inputs,
    reset_appearance,
    settle,
    shown_tab,
)

LAPTOP_WORK_AREA = QRect(0, 0, 1366, 728)  # 1366×768 less a 40-pixel task bar


@pytest.fixture(autouse=True)
def clean_appearance():
    yield
    reset_appearance()


def test_a_new_window_fits_the_available_screen(window, monkeypatch):
    monkeypatch.setattr(window_geometry, "available_geometry", lambda _w: LAPTOP_WORK_AREA)
    window_geometry.place_new(window)
    assert LAPTOP_WORK_AREA.contains(window.geometry())
    assert window.width() <= 1366 and window.height() <= 728
    big = QRect(0, 0, 2560, 1440)
    monkeypatch.setattr(window_geometry, "available_geometry", lambda _w: big)
    window_geometry.place_new(window)
    assert (window.width(), window.height()) == (1480, 900)  # the preferred size, centred
    assert window.geometry().center() == big.center() or big.contains(window.geometry())


def test_saved_geometry_is_restored_only_when_it_fits(qtbot, monkeypatch):
    # Qt's restoreGeometry already pulls a window back onto the real screen; a saved
    # geometry that fits the screen but not its work area (under a task bar) is ours to fix.
    window = QMainWindow()  # EconPlan's own minimum width exceeds the offscreen screen
    qtbot.addWidget(window)
    screen = window.screen().availableGeometry()
    work_area = screen.adjusted(0, 0, -screen.width() // 5, -screen.height() // 5)
    monkeypatch.setattr(window_geometry, "available_geometry", lambda _w: work_area)
    window.setGeometry(work_area.x() + 10, work_area.y() + 10,
                       work_area.width() // 2, work_area.height() // 2)
    fitting = window.saveGeometry()
    window.setGeometry(screen.x(), screen.y(), screen.width() - 10, screen.height() - 10)
    too_big = window.saveGeometry()

    assert window_geometry.restore(window, fitting, None)
    assert (window.width(), window.height()) == (work_area.width() // 2,
                                                 work_area.height() // 2)
    assert not window_geometry.restore(window, too_big, None)
    assert work_area.contains(window.geometry())


def test_closing_saves_the_geometry_that_the_next_window_checks(qtbot, catalog,
                                                                monkeypatch):
    from econplan.desktop.main_window import MainWindow

    first = MainWindow(catalog)
    qtbot.addWidget(first)
    first.close()
    saved = QSettings().value(window_geometry.GEOMETRY_KEY)
    assert saved is not None
    seen = []
    monkeypatch.setattr(window_geometry, "restore",
                        lambda window, geometry, state: seen.append(geometry) or True)
    second = MainWindow(catalog)
    qtbot.addWidget(second)
    assert seen == [saved]


@pytest.mark.parametrize("zoom", [1.0, 1.5])
def test_minimum_size_fits_a_1280x720_work_area(window, zoom):
    from econplan.desktop.appearance import Appearance

    window.build_all_tabs()
    Appearance.instance().set_zoom(zoom)
    hint = window.minimumSizeHint()
    # A 1280×720 screen less title bar and task bar leaves about 1280×660.
    assert hint.width() <= 1280 and hint.height() <= 660, hint
    if zoom == 1.0:
        # QT_SCALE_FACTOR=1.5 turns 1280×720 into 853×480 logical pixels.
        assert hint.width() <= 853 and hint.height() <= 480, hint


@pytest.mark.parametrize("size", [(1280, 720), (1366, 768)])
@pytest.mark.parametrize(("tab_name", "example"), PLANNER_SHOTS)
def test_nothing_clipped_on_a_small_screen(window, qtbot, size, tab_name, example):
    tab = shown_tab(window, qtbot, tab_name, size, example)
    # Cards re-measure their wrapped text as they are resized: wait for the layout to settle.
    with contextlib.suppress(TimeoutError):  # reported with its details below
        qtbot.waitUntil(lambda: not clipped_cards(tab) and not clipped_charts(tab),
                        timeout=3000)
    assert clipped_cards(tab) == []
    assert clipped_charts(tab) == []
    assert clipped_inputs(tab) == []


def test_a_14_row_table_shows_more_than_one_row(window, qtbot):
    window.resize(1366, 768)
    window.open_example(scenarios_dir() / "routing_seed_14_roles.json")
    tab = window.routing_tab
    window.tabs.setCurrentWidget(tab)
    tab.recompute()
    settle(qtbot)
    tables = [t for t in tab.findChildren(QTableView)
              if t.isVisibleTo(tab) and t.model() is not None and t.model().rowCount() >= 14]
    assert tables, "the routing tab lists its 14 roles"
    for table in tables:
        rows_shown = table.viewport().height() / max(table.verticalHeader().defaultSectionSize(), 1)
        assert rows_shown >= 3, f"{rows_shown:.1f} rows of {table.model().rowCount()}"


def test_tick_labels_never_run_together(qtbot):
    """The corpus chart at a narrow width once read "200B400B600B800B"."""
    from econplan.desktop.dataset_charts import CompositionChart

    chart = CompositionChart()
    qtbot.addWidget(chart)
    chart.set_bars("Corpus composition", "Tokens", ["Web", "Code"], [6e11, 2e11],
                   [5e11, 1e11], [8e11, 3e11], ["#0072B2", "#E69F00"])
    axis = chart.getPlotItem().getAxis("bottom")
    metrics = QFontMetrics(axis.style["tickFont"])
    for pixels in (120, 200, 400, 900):
        levels = axis.tickValues(0.0, 8e11, pixels)
        spacing, values = levels[0]
        strings = axis.tickStrings(values, 1.0, spacing)
        needed = sum(metrics.horizontalAdvance(s) for s in strings)
        assert needed < pixels, (pixels, strings)
        assert len(values) >= 2 or pixels < 200


def results_viewport(tab) -> QWidget:
    return next(area for area in tab.findChildren(QScrollArea)
                if area.accessibleName() == "Results").viewport()


def axis_labels_cut(plot: pg.PlotWidget) -> list[str]:
    """Axis titles longer than their axis (pyqtgraph cuts them at the plot's edge)."""
    cut = []
    for name in ("bottom", "left"):
        axis = plot.getPlotItem().getAxis(name)
        if not axis.isVisible() or not axis.labelText:
            continue
        length = axis.width() if name == "bottom" else axis.height()
        if axis.label.boundingRect().width() > length + 1:
            cut.append(f"{plot.chart_title}: {name} axis title {axis.labelText!r}")
    return cut


@pytest.mark.parametrize(("tab_name", "example"), PLANNER_SHOTS)
def test_charts_are_whole_on_a_laptop_screen(window, qtbot, tab_name, example):
    """The charts once ran 700 px tall in a 660-px results area: the x axis and the lower
    half of every chart sat below the fold. At 1366×768 each chart is now on screen
    whole, at a readable height, its axis titles uncut."""
    tab = shown_tab(window, qtbot, tab_name, (1366, 768), example)
    viewport = results_viewport(tab)
    shown = viewport.rect()
    charts = [plot for plot in tab.findChildren(pg.PlotWidget)
              if plot.isVisibleTo(tab) and plot.width() > 10]
    assert charts
    for plot in charts:
        where = QRect(plot.mapTo(viewport, QPoint(0, 0)), plot.size())
        assert shown.contains(where), f"{plot.chart_title}: {where} outside {shown}"
        assert plot.height() >= 200, f"{plot.chart_title}: {plot.height()} px tall"
        assert axis_labels_cut(plot) == []


@pytest.mark.parametrize(("tab_name", "example"), PLANNER_SHOTS)
def test_charts_keep_a_readable_height_when_the_results_scroll(window, qtbot, tab_name,
                                                                example):
    """On a shorter screen (1280×720 at 125%) the results scroll rather than squeeze the
    charts below their minimum height."""
    from econplan.desktop.appearance import Appearance

    Appearance.instance().set_zoom(1.25)
    tab = shown_tab(window, qtbot, tab_name, (1280, 720), example)
    for plot in tab.findChildren(pg.PlotWidget):
        if plot.isVisibleTo(tab) and plot.width() > 10:
            assert plot.height() >= min(plot.minimumHeight(), 200), plot.chart_title
