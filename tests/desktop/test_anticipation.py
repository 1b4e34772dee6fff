"""The routing tab plans the years either side of the one shown while the user pauses, so
the next year step finds its plan and its role rows made; nothing the user sees or can
undo changes."""

from __future__ import annotations

import pytest
from econplan.core import routing
from econplan.core.defaults import default_scenario
from econplan.desktop import routing_tab as routing_tab_module
from econplan.desktop.anticipation import QUIET_MS
from econplan.desktop.document import ScenarioDocument
from econplan.desktop.plan_session import PlanSession
from econplan.desktop.routing_tab import RoutingTab
from pydantic import ValidationError
from view_helpers import default_tab


@pytest.fixture
def tab(qtbot, catalog):
    routing.forget_kept_work()  # every year is new to the planner
    tab = default_tab(qtbot, catalog, RoutingTab, shown=True)
    qtbot.waitUntil(lambda: tab.result is not None)
    return tab


def year_tick(qtbot, tab, year: int) -> None:
    before = tab.result
    assert tab.document.set_values({"routing.year": year})
    qtbot.waitUntil(lambda: tab.result is not before)


def anticipated(qtbot, tab) -> None:
    qtbot.waitUntil(lambda: not tab._years_ahead.pending(), timeout=5_000)


def test_the_next_year_finds_its_plan_and_its_rows_made(qtbot, tab, monkeypatch):
    year_tick(qtbot, tab, 2026)
    prepared = []
    monkeypatch.setattr(tab, "_prepare_rows", lambda result, original=tab._prepare_rows: (
        prepared.append(result), original(result)))
    tab._years_ahead._prepare = tab._prepare_rows
    anticipated(qtbot, tab)
    assert sorted(result.year for result in prepared) == [2025, 2027]
    made = []
    make = routing_tab_module._role_rows._make
    monkeypatch.setattr(routing_tab_module._role_rows, "_make",
                        lambda role: (made.append(role), make(role))[1])
    year_tick(qtbot, tab, 2027)
    assert tab.result is next(r for r in prepared if r.year == 2027)
    assert made == []  # every role row of 2027 was formatted while the user paused


def test_anticipation_changes_nothing_the_user_has(qtbot, tab):
    document, session = tab.document, tab.session
    year_tick(qtbot, tab, 2027)
    session.anticipations.clear()  # the first year shown had its neighbours planned too
    scenario, runs = document.scenario, dict(session.runs)
    undo_steps = document.undo_stack.count()
    anticipated(qtbot, tab)
    assert session.anticipations["routing"] == 2
    assert document.scenario is scenario and document.undo_stack.count() == undo_steps
    assert dict(session.runs) == runs and not session.is_stale("routing")
    assert tab.result.year == 2027


def test_the_way_the_last_move_went_comes_first(qtbot, tab):
    ahead = tab._years_ahead
    year_tick(qtbot, tab, 2028)
    assert ahead.pending() == [2029, 2027]  # moving up
    year_tick(qtbot, tab, 2027)
    assert ahead.pending() == [2026, 2028]  # moving down
    year_tick(qtbot, tab, routing.YEARS[-1])
    assert ahead.pending() == [routing.YEARS[-2]]  # the last year has one neighbour


def test_a_tab_out_of_sight_plans_nothing_ahead(qtbot, tab):
    year_tick(qtbot, tab, 2027)
    tab.session.anticipations.clear()
    tab.hide()
    qtbot.wait(QUIET_MS * 3)
    assert tab.session.anticipations["routing"] == 0
    assert tab._years_ahead.pending() == []


@pytest.fixture
def session(qtbot, catalog):
    return PlanSession(ScenarioDocument(default_scenario(catalog)), catalog)


def test_an_anticipated_plan_is_the_plan_of_the_edit(session, catalog):
    outcome = session.anticipate("routing", {"routing.year": 2029})
    assert session.document.scenario.routing.year != 2029
    assert session.is_stale("routing") and sum(session.runs.values()) == 0
    assert session.document.set_values({"routing.year": 2029})
    assert session.outcome("routing").result == outcome.result


def test_what_cannot_be_anticipated_is_refused_or_reported(session):
    with pytest.raises(ValidationError, match="year"):
        session.anticipate("routing", {"routing.year": 1999})
    # The training plan is upstream of the dataset: its result would be the current one.
    with pytest.raises(ValueError, match="upstream"):
        session.anticipate("dataset", {"training.params": 13e9})
    categories = session.document.scenario.routing.categories
    off = [c.model_dump() | {"enabled": False} for c in categories]
    outcome = session.anticipate("routing", {"routing.categories": off})
    assert outcome.result is None and "enable at least one" in outcome.problem
