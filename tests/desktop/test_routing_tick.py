"""What a routing tick leaves alone: the parts of the page its edit does not change."""

import pytest
from econplan.core.defaults import default_scenario
from econplan.desktop.document import ScenarioDocument
from econplan.desktop.routing_tab import RoutingTab


@pytest.fixture
def tab(qtbot, catalog):
    widget = RoutingTab(ScenarioDocument(default_scenario(catalog)), catalog)
    qtbot.addWidget(widget)
    widget.resize(1400, 900)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def year_tick(qtbot, tab, year: int) -> None:
    before = tab.result
    assert tab.document.set_values({"routing.year": year})
    qtbot.waitUntil(lambda: tab.result is not before)
    qtbot.wait(20)  # the relayout and paint the new figures cause


def test_the_note_keeps_its_wrapped_heights_across_a_year_tick(qtbot, tab):
    # Every relayout of the page (a card's new figure) asks the note for its height at a
    # width; its text does not move with the year, so it answers from memory.
    year_tick(qtbot, tab, 2027)
    text = tab.note_label.text()
    heights = dict(tab.note_label._heights)
    assert heights
    year_tick(qtbot, tab, 2029)
    assert tab.note_label.text() == text
    assert heights.items() <= tab.note_label._heights.items()
