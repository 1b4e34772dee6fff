"""A note or warning box comes at once and, while edits keep coming, goes without giving
its room back: what is under it stays put until the inputs are quiet. The room a note
comes with is taken from the table under the charts, not from the charts."""

from __future__ import annotations

import pytest
from econplan.desktop.steady_note import LINES_LENT, QUIET_MS, SteadyNote, SteadyPane
from econplan.desktop.training_tab import TrainingTab
from econplan.desktop.wrapped_label import WrappedLabel
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget
from view_helpers import default_tab, settle

QWIDGETSIZE_MAX = (1 << 24) - 1  # a widget's maximum height when none is set


def _note_above(qtbot, below: QWidget, height: int, stretch: int = 0):
    """A shown page of a note over ``below``; ``stretch``: ``below`` takes the rest."""
    page = QWidget()
    qtbot.addWidget(page)
    column = QVBoxLayout(page)
    note = SteadyNote(WrappedLabel())
    column.addWidget(note)
    column.addWidget(below, stretch)
    if not stretch:
        column.addStretch(1)
    page.resize(400, height)
    page.show()
    qtbot.waitExposed(page)
    return page, note


@pytest.fixture
def page(qtbot):
    below = QLabel("what is under the note")
    page, note = _note_above(qtbot, below, 300)
    return page, note, below


def test_a_note_comes_at_once_whole(qtbot, page):
    _page, note, below = page
    top = below.y()
    note.show_text("A note\nof three\nlines")
    settle(qtbot)
    assert note.label.isVisible() and below.y() > top
    assert note.label.height() >= note.label.heightForWidth(note.label.width())
    before = below.y()
    note.show_text("A longer note\nof\nfive\nlines\nnow")  # grows at once, held or not
    settle(qtbot)
    assert below.y() > before
    assert note.label.height() >= note.label.heightForWidth(note.label.width())


def test_a_note_that_goes_while_edits_come_keeps_its_room_until_they_stop(qtbot, page):
    _page, note, below = page
    top = below.y()
    note.show_text("A note")
    settle(qtbot)
    shown_at = below.y()
    note.show_text("")  # the next tick: no note
    settle(qtbot)
    assert not note.label.isVisible() and below.y() == shown_at and note.holding()
    note.show_text("A note")  # and back: nothing moves
    settle(qtbot)
    assert note.label.isVisible() and below.y() == shown_at
    note.show_text("")
    qtbot.waitUntil(lambda: below.y() == top, timeout=QUIET_MS * 4)
    assert note.isHidden() and not note.holding()


def test_no_note_and_none_before_takes_no_room(qtbot, page):
    _page, note, below = page
    top = below.y()
    note.show_text("")
    settle(qtbot)
    assert note.isHidden() and not note.holding() and below.y() == top


def test_a_drag_past_a_published_run_does_not_move_the_charts(qtbot, catalog):
    """The published comparison appears near a published run's size and goes past it."""
    tab = default_tab(qtbot, catalog, TrainingTab, shown=True)

    def tick(params: float) -> None:
        before = tab.result
        assert tab.document.set_values({"training.params": params})
        qtbot.waitUntil(lambda: tab.result is not before)
        settle(qtbot)

    tick(17.412e9)  # BloombergGPT's size
    assert tab.published_label.isVisible()
    charts_at = tab.breakdown_chart.mapTo(tab, tab.breakdown_chart.rect().topLeft()).y()
    tick(18.661e9)  # no published run this size
    assert not tab.published_label.isVisible()
    assert tab.breakdown_chart.mapTo(tab, tab.breakdown_chart.rect().topLeft()).y() == \
        charts_at
    qtbot.waitUntil(lambda: tab.breakdown_chart.mapTo(
        tab, tab.breakdown_chart.rect().topLeft()).y() < charts_at, timeout=QUIET_MS * 4)


@pytest.fixture
def results(qtbot):
    """A note above a pane of charts and a table, as a tab's results column."""
    splitter = QSplitter(Qt.Orientation.Vertical)
    charts, table = QWidget(), QLabel("a table")
    table.setMinimumHeight(40)
    splitter.addWidget(charts)
    splitter.addWidget(table)
    splitter.setSizes([300, 150])
    page, note = _note_above(qtbot, splitter, 500, stretch=1)
    note.make_room_from(SteadyPane(charts, table))
    return page, note, charts, table


def test_a_note_that_comes_takes_its_room_from_the_table_not_the_charts(qtbot, results):
    _page, note, charts, table = results
    height, table_height = charts.height(), table.height()
    note.show_text("A note\nof three\nlines")
    settle(qtbot)
    assert note.label.isVisible()
    assert charts.height() == height and table.height() < table_height
    pane = note._pane
    assert pane.holding()
    qtbot.waitUntil(lambda: not pane.holding(), timeout=QUIET_MS * 4)
    # Free again, the charts share a resize as before.
    assert (charts.minimumHeight(), charts.maximumHeight()) == (0, QWIDGETSIZE_MAX)
    note.window().resize(400, 700)
    settle(qtbot)
    assert charts.height() > height


def test_the_charts_stay_held_while_edits_come_after_the_note_went(qtbot, results):
    """A drag past a warning's limit and on: the ticks without a note keep the pane held
    (freed within the drag, the page was laid out again under a tick)."""
    note = results[1]
    note.show_text("A note")
    settle(qtbot)
    pane = note._pane
    for _ in range(4):  # 0.8 s of ticks with no note, longer than the quiet that frees
        qtbot.wait(QUIET_MS // 2)
        note.show_text("")
        assert pane.holding()
    qtbot.waitUntil(lambda: not pane.holding(), timeout=QUIET_MS * 4)


def test_a_table_at_its_minimum_lends_two_rows_for_the_drag(qtbot, results):
    _page, note, charts, table = results
    table.setMinimumHeight(table.height())  # at its minimum, as at 1366×768
    settle(qtbot)
    height, own_minimum = charts.height(), table.height()
    note.show_text("A one-line note")
    settle(qtbot)
    assert note._pane.holding() and charts.height() == height
    lent = LINES_LENT * table.fontMetrics().height()
    assert own_minimum - lent <= table.height() < own_minimum
    qtbot.waitUntil(lambda: not note._pane.holding(), timeout=QUIET_MS * 4)
    settle(qtbot)
    assert table.minimumHeight() == own_minimum and table.height() >= own_minimum


def test_a_note_the_table_has_no_room_for_shrinks_the_charts(qtbot, results):
    _page, note, charts, table = results
    table.setMinimumHeight(table.height())  # no room to give but a few lines
    settle(qtbot)
    height = charts.height()
    note.show_text("\n".join(["A note of many lines"] * (LINES_LENT + 3)))
    settle(qtbot)
    assert not note._pane.holding() and charts.height() < height


def test_a_warning_that_comes_in_a_drag_leaves_the_training_charts_their_height(qtbot,
                                                                                catalog):
    tab = default_tab(qtbot, catalog, TrainingTab, shown=True)
    chart_height = tab.breakdown_chart.height()
    assert not tab.warning_label.isVisible()
    before = tab.result
    assert tab.document.set_values({"training.params": 600e9})  # a year-long run: warned
    qtbot.waitUntil(lambda: tab.result is not before)
    settle(qtbot)
    assert tab.warning_label.isVisible()
    assert tab.breakdown_chart.height() == chart_height
