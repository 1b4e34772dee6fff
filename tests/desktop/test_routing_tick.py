"""What a routing tick leaves alone: the parts of the page its edit does not change."""

import pyqtgraph as pg
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


def test_the_role_multiples_are_one_item_updated_only_when_they_change(qtbot, tab,
                                                                        monkeypatch):
    # Fourteen text items each re-laid out their text, moved and followed the view's new
    # range on every tick; one item draws them all.
    chart = tab.role_chart
    added = chart.getPlotItem().getViewBox().addedItems
    assert not [item for item in added if isinstance(item, pg.TextItem)]
    year_tick(qtbot, tab, 2027)
    assert chart.multiples.texts() == [f"{r.overspend_multiple:.1f}×"
                                       for r in reversed(tab.result.roles)]
    updates = []
    monkeypatch.setattr(chart.multiples, "update", lambda *a: updates.append(a))
    chart.update_result(tab.result)  # the same figures again
    assert updates == []
    year_tick(qtbot, tab, 2029)
    assert len(updates) == 1


def test_the_role_multiples_follow_the_theme(qtbot, tab):
    from econplan.desktop import theme
    from econplan.desktop.appearance import Appearance

    appearance = Appearance.instance()
    before = appearance.mode
    try:
        for mode in ("dark", "light"):
            appearance.mode = mode
            appearance.apply()
            palette = theme.current()
            assert chart_colour(tab) == theme.readable(palette.chart_text, palette.chart_bg)
    finally:
        appearance.mode = before
        appearance.apply()


def chart_colour(tab) -> str:
    return tab.role_chart.multiples._colour
