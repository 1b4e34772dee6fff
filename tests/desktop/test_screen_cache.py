"""Chart items kept as pixels on screen draw themselves again when exported (vectors in
the PDF), and keeping them makes no reference cycle."""

from __future__ import annotations

import gc
import weakref

import pyqtgraph as pg
from econplan.desktop.charts import ReferenceRunsChart
from econplan.desktop.screen_cache import keep_pixels_on_screen
from PySide6.QtWidgets import QGraphicsItem

ON_SCREEN = QGraphicsItem.CacheMode.DeviceCoordinateCache
EXPORTED = QGraphicsItem.CacheMode.NoCache


def test_a_kept_item_draws_itself_while_exported_and_from_pixels_after(qapp):
    axis = pg.AxisItem("left")
    keep_pixels_on_screen(axis)
    keep_pixels_on_screen(axis)  # twice: still one switch
    assert axis.cacheMode() == ON_SCREEN
    axis.setExportMode(True, {"antialias": True})
    assert axis.cacheMode() == EXPORTED
    assert axis._exportOpts == {"antialias": True}  # pyqtgraph's own export mode is set
    axis.setExportMode(False, None)
    assert axis.cacheMode() == ON_SCREEN
    assert axis._exportOpts is False


def test_keeping_an_item_makes_no_reference_cycle(qapp):
    curve = pg.PlotCurveItem()
    keep_pixels_on_screen(curve)
    gone = weakref.ref(curve)
    assert not gc.isenabled()  # as in the whole suite (tests/conftest.py)
    del curve
    assert gone() is None  # freed by reference counting, not the cycle collector


def test_a_charts_axes_and_what_holds_still_are_kept(qtbot):
    chart = ReferenceRunsChart()
    qtbot.addWidget(chart)
    item = chart.getPlotItem()
    for kept in (item.getAxis("left"), item.getAxis("bottom"), chart.reference_points,
                 chart.grid_lines):
        assert kept.cacheMode() == ON_SCREEN
    assert chart.plan_point.cacheMode() == EXPORTED  # it moves on every tick
