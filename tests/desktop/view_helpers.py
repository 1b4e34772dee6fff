"""Shared by the screen, presentation and theme tests: clean appearance, clipping checks."""

from __future__ import annotations

import pyqtgraph as pg
from econplan.core.paths import scenarios_dir
from econplan.desktop.cards import HeadlineCard
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication, QWidget

# (window tab attribute, example that fills it)
PLANNER_SHOTS = [
    ("training_tab", "pretrain_32b_seed_table.json"),
    ("training_tab", "task_management_assistant.json"),
    ("dataset_tab", "dataset_qwen25_7b_overtrained.json"),
    ("dataset_tab", "dataset_synthetic_1m_finetune.json"),
    ("playbook_tab", "playbook_finance.json"),
    ("routing_tab", "routing_seed_14_roles.json"),
    ("breakeven_tab", "breakeven_task_assistant_5m.json"),
]


def reset_appearance() -> None:
    """Back to the system theme at 100%, outside presentation (the instance outlives tests)."""
    from econplan.desktop.appearance import Appearance

    appearance = Appearance.instance()
    appearance.mode, appearance.zoom, appearance.presentation_height = "system", 1.0, 0
    appearance.apply()


def settle(qtbot, rounds: int = 4) -> None:
    for _ in range(rounds):
        QApplication.processEvents()
    qtbot.wait(1)


def clipped_cards(root: QWidget) -> list[str]:
    """Cards on screen whose title, figure or detail text is cut."""
    problems = []
    for card in root.findChildren(HeadlineCard):
        if not card.isVisibleTo(root):
            continue
        value = card.value_label
        width = QFontMetrics(value.font()).horizontalAdvance(value.text())
        if width > value.contentsRect().width() + 1:
            problems.append(f"{card.title_label.text()}: figure {value.text()!r} "
                            f"{width}px in {value.contentsRect().width()}px")
        for label in (card.title_label, card.detail_label):
            if not label.text():
                continue
            metrics = QFontMetrics(label.font())
            # Qt wraps at spaces and after hyphens ("Chinchilla-" / "optimal").
            words = label.text().replace("-", "- ").split()
            widest_word = max(metrics.horizontalAdvance(w) for w in words)
            if widest_word > label.contentsRect().width() + 1:
                problems.append(f"{label.text()!r}: a word is wider than the card")
            needed = label.heightForWidth(label.width())
            if needed > label.height() + 1:
                problems.append(f"{label.text()!r}: needs {needed}px, has {label.height()}px")
    return problems


def clipped_inputs(root: QWidget) -> list[str]:
    """Inputs columns wider than the room they are shown in (units and digits cut off)."""
    from econplan.desktop.planner_tab import InputScrollArea

    problems = []
    for area in root.findChildren(InputScrollArea):
        if not area.isVisibleTo(root):
            continue
        column, room = area.widget(), area.viewport().width()
        if column.width() > room + 1:
            problems.append(f"inputs column {column.width()}px in {room}px")
    return problems


def clipped_charts(root: QWidget) -> list[str]:
    """Charts on screen whose title is cut or whose plot is wider than the widget."""
    problems = []
    for plot in root.findChildren(pg.PlotWidget):
        if not plot.isVisibleTo(root) or plot.width() < 10:
            continue
        item = plot.getPlotItem()
        if item.width() > plot.width() + 2:
            problems.append(f"{plot.chart_title}: plot {item.width():.0f}px in "
                            f"widget {plot.width()}px")
        title = item.titleLabel
        if title.isVisible() and title.item.boundingRect().width() > title.width() + 2:
            problems.append(f"{plot.chart_title}: title wider than its room")
    return problems


def shown_tab(window, qtbot, tab_name: str, size, example: str | None):
    """The window at ``size`` with ``example`` open (None: the plan as it is) and the
    tab shown, its result drawn and laid out."""
    window.resize(*size)
    if example:
        window.open_example(scenarios_dir() / example)
    tab = getattr(window, tab_name)
    window.tabs.setCurrentWidget(tab)
    tab.recompute()
    settle(qtbot)
    return tab


def collection_back_on(timeout_s: float = 30.0) -> bool:
    """Whether automatic collection is on, once no Monte Carlo runs: an earlier test's
    draws may still run on their worker, with collection off (desktop/heap.py)."""
    import gc
    import time

    deadline = time.monotonic() + timeout_s
    while not gc.isenabled() and time.monotonic() < deadline:
        time.sleep(0.01)
    return gc.isenabled()


def default_tab(qtbot, catalog, tab_class, shown: bool = False) -> QWidget:
    """A planner tab of its own on the default scenario, 1400×900 (shown if asked)."""
    from econplan.core.defaults import default_scenario
    from econplan.desktop.document import ScenarioDocument

    tab = tab_class(ScenarioDocument(default_scenario(catalog)), catalog)
    qtbot.addWidget(tab)
    tab.resize(1400, 900)
    if shown:
        tab.show()
        qtbot.waitExposed(tab)
    return tab
