"""No chart offers pyqtgraph's right-click menus (export, axis and plot options): the
app's own actions save and copy charts. The menus are not even built (desktop/charts.py,
``Chart``): every chart is a ``Chart``."""

import pyqtgraph as pg
from econplan.desktop.charts import Chart
from econplan.desktop.main_window import LAZY_TABS
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication


def test_no_chart_has_or_opens_a_plot_menu(window, qtbot):
    window.resize(1366, 768)
    for name in LAZY_TABS:  # each planner tab is built when first shown
        window.tabs.setCurrentWidget(getattr(window, name))
    charts = window.findChildren(pg.PlotWidget)
    assert len(charts) >= 10
    for chart in charts:
        assert isinstance(chart, Chart), type(chart).__name__
        item = chart.getPlotItem()
        assert item.vb.menu is None, type(chart).__name__
        assert not item.menuEnabled(), type(chart).__name__

    window.tabs.setCurrentWidget(window.training_tab)
    chart = window.training_tab.findChild(Chart)
    qtbot.waitExposed(chart)
    middle = chart.viewport().rect().center()
    qtbot.mouseClick(chart.viewport(), Qt.MouseButton.RightButton, pos=QPoint(middle))
    QApplication.processEvents()
    assert QApplication.activePopupWidget() is None
