"""The plan session: each planner runs only when asked and only when its inputs changed."""

from __future__ import annotations

import pytest
from econplan.core.defaults import default_scenario
from econplan.core.plan import PLANNER_IDS, compute_plan
from econplan.desktop.document import ScenarioDocument
from econplan.desktop.plan_session import PlanSession


@pytest.fixture
def session(qtbot, catalog):
    document = ScenarioDocument(default_scenario(catalog))
    return PlanSession(document, catalog)


def test_nothing_runs_until_asked(session):
    assert sum(session.runs.values()) == 0
    assert all(session.is_stale(p) for p in PLANNER_IDS)


def test_the_session_plan_is_the_core_plan(session, catalog):
    assert session.plan() == compute_plan(session.document.scenario, catalog)
    assert session.runs == dict.fromkeys(PLANNER_IDS, 1)
    session.plan()  # nothing changed: nothing reruns
    assert session.runs == dict.fromkeys(PLANNER_IDS, 1)


@pytest.mark.parametrize(("path", "value", "affected"), [
    ("routing.year", 2027, {"routing"}),
    ("playbook.horizon_quarters", 6, {"playbook"}),
    ("training.params", 13e9, {"training", "dataset"}),
    ("breakeven.queries_per_month", 12_345, {"breakeven"}),
])
def test_an_edit_invalidates_the_planners_that_read_it(session, qtbot, path, value, affected):
    session.plan()
    with qtbot.waitSignal(session.invalidated) as signal:
        assert session.document.set_value(path, value)
    assert signal.args[0] == frozenset(affected)
    assert {p for p in PLANNER_IDS if session.is_stale(p)} == affected
    session.runs.clear()
    session.plan()
    assert session.runs == dict.fromkeys(affected, 1)


def test_opening_another_scenario_invalidates_everything(session, catalog):
    session.plan()
    session.document.replace(default_scenario(catalog), None)
    assert all(session.is_stale(p) for p in PLANNER_IDS)


def test_a_planner_that_cannot_plan_gives_a_problem_not_an_exception(session):
    categories = session.document.scenario.routing.categories
    payload = [c.model_dump() | {"enabled": False} for c in categories]
    assert session.document.set_value("routing.categories", payload)
    outcome = session.outcome("routing")
    assert outcome.result is None
    assert "enable at least one" in outcome.problem
    assert session.plan().problems == {"routing": outcome.problem}


def test_an_export_reuses_the_plan_on_screen(window):
    window.session.plan()
    window.session.runs.clear()
    report = window.exports._report()
    assert report is not None and report.plan == window.session.plan()
    assert sum(window.session.runs.values()) == 0



def test_the_worker_never_collects_garbage(session, qtbot, monkeypatch, collector_on):
    # A collection on the Monte Carlo worker freed dead Qt wrappers there: the suite
    # deadlocked in ~QObject (desktop/heap.py). Collection is off while the draws run.
    import gc

    from econplan.core import uncertainty
    from view_helpers import collection_back_on

    seen = []
    real = uncertainty.compute_uncertainty

    def draws(scenario, catalog):
        # Only this session's draws: a window of an earlier test on this worker, not yet
        # deleted, may still start its own through the same patched function.
        if scenario is session.document.scenario:
            seen.append(gc.isenabled())
        return real(scenario, catalog)

    monkeypatch.setattr(uncertainty, "compute_uncertainty", draws)  # the worker imports it
    assert collection_back_on()
    session.request_uncertainty()
    qtbot.waitUntil(lambda: session.uncertainty is not None, timeout=30_000)
    assert session.wait_for_draws()
    assert seen == [False]
    assert collection_back_on()  # once the draws are done
