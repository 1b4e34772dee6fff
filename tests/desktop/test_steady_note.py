"""A note or warning box comes at once and, while edits keep coming, goes without giving
its room back: what is under it stays put until the inputs are quiet."""

from __future__ import annotations

import pytest
from econplan.desktop.steady_note import QUIET_MS, SteadyNote
from econplan.desktop.training_tab import TrainingTab
from econplan.desktop.wrapped_label import WrappedLabel
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget
from view_helpers import default_tab, settle


@pytest.fixture
def page(qtbot):
    page = QWidget()
    qtbot.addWidget(page)
    column = QVBoxLayout(page)
    note = SteadyNote(WrappedLabel())
    below = QLabel("what is under the note")
    column.addWidget(note)
    column.addWidget(below)
    column.addStretch(1)
    page.resize(400, 300)
    page.show()
    qtbot.waitExposed(page)
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
