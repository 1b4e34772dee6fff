"""What a tick of a phase's cost slider leaves alone on the Vertical playbook tab.

Each test counts the calls a cost tick makes into widgets it has no reason to touch
(they were made on every tick, each a repaint or a relayout), then checks the figures
shown still follow the plan.
"""

import pytest
from econplan.core import playbook
from econplan.desktop.document import ScenarioDocument
from econplan.desktop.playbook_tab import PlaybookTab
from PySide6.QtCore import QDate

COST_LOW = "playbook.phases.0.cost_usd.low"


@pytest.fixture
def tab(qtbot, catalog):
    from econplan.core.defaults import default_scenario

    widget = PlaybookTab(ScenarioDocument(default_scenario(catalog)), catalog)
    qtbot.addWidget(widget)
    widget.resize(1400, 900)
    widget.recompute()
    return widget


def expected(tab) -> playbook.PlaybookResult:
    return playbook.plan(tab.document.scenario.playbook, tab.catalog)


def calls_of(monkeypatch, owner, name: str) -> list[object]:
    """Records each call of ``owner.name`` (still made) in the list returned."""
    calls: list[object] = []
    original = getattr(owner, name)

    def recorded(*args, **kwargs):
        calls.append(args)
        return original(*args, **kwargs)

    monkeypatch.setattr(owner, name, recorded)
    return calls


def cost_tick(tab, value: float) -> None:
    assert tab.document.set_values({COST_LOW: value})
    tab.recompute()


def test_a_cost_tick_refreshes_only_its_own_input(tab, monkeypatch):
    """Not the other phases' ~20 inputs, nor the start date, whose edit repainted itself
    and its group box on every tick."""
    others = [field for field in tab._phase_fields if not field.path.startswith(
        "playbook.phases.0.cost_usd")]
    refreshed = [calls_of(monkeypatch, field, "refresh") for field in others]
    own = calls_of(monkeypatch, tab.field("playbook.phases.0.cost_usd"), "refresh")
    dates = calls_of(monkeypatch, tab.start_date_field, "setDate")
    cost_tick(tab, 320_000.0)
    assert all(calls == [] for calls in refreshed)
    assert dates == []
    assert own
    assert tab.field("playbook.phases.0.cost_usd").low.spin.value() == 320_000


def test_the_start_date_still_follows_an_undo(qtbot, tab):
    tab.start_date_field.setDate(QDate(2027, 3, 1))
    cost_tick(tab, 320_000.0)
    tab.document.undo_stack.undo()
    tab.document.undo_stack.undo()
    assert tab.start_date_field.date() == QDate(2026, 2, 1)


def test_dragging_a_low_end_past_the_high_then_undoing_shows_both_ends(tab):
    """A drag merges its ticks into one step; the ticks that pushed the high end too
    must have the undo refresh the high end (its input is refreshed only if concerned)."""
    field = tab.field("playbook.phases.0.cost_usd")
    before = tab.document.scenario.playbook.phases[0].cost_usd
    for value in (before.high * 0.9, before.high * 1.2, before.high * 1.5):
        field.low.spin.setValue(value)  # one control: the ticks merge into one step
    assert tab.document.scenario.playbook.phases[0].cost_usd.high == pytest.approx(
        before.high * 1.5)
    tab.document.undo_stack.undo()
    assert tab.document.scenario.playbook.phases[0].cost_usd == before
    assert field.high.spin.value() == pytest.approx(before.high)
    assert field.low.spin.value() == pytest.approx(before.low)
