"""Rules of the playbook planner that hold for every valid input."""

import itertools

import pytest
from econplan.core import playbook
from econplan.core.defaults import default_scenario
from econplan.desktop.document import with_values
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

hypothesis_settings = settings(max_examples=120, deadline=None,
                               suppress_health_check=[HealthCheck.function_scoped_fixture])
ordered = st.tuples(st.floats(0, 1e7), st.floats(1, 20)).map(
    lambda t: {"low": t[0], "high": t[0] * t[1]})
months = st.tuples(st.floats(0.1, 24), st.floats(1, 4)).map(
    lambda t: {"low": t[0], "high": min(t[0] * t[1], 120)})
phase = st.fixed_dictionaries({"months": months, "cost_usd": ordered,
                               "overlap_share": st.floats(0, 1)})


@pytest.fixture(scope="module")
def base(catalog):
    return default_scenario(catalog)


def _plan(catalog, base, phases, ongoing, horizon):
    payload = []
    for index, values in enumerate(phases):
        payload.append({"phase_id": f"p{index}", "name": f"Phase {index + 1}",
                        "deliverable": "", **values})
    scenario = with_values(base, {"playbook.phases": payload,
                                  "playbook.ongoing_usd_per_quarter": ongoing,
                                  "playbook.horizon_quarters": horizon})
    return playbook.plan(scenario.playbook, catalog)


@hypothesis_settings
@given(phases=st.lists(phase, min_size=1, max_size=8), ongoing=ordered,
       horizon=st.integers(1, 40))
def test_cumulative_spend_never_decreases(catalog, base, phases, ongoing, horizon):
    result = _plan(catalog, base, phases, ongoing, horizon)
    for curve in result.curves:
        assert curve.months == sorted(curve.months)
        values = curve.cumulative_usd
        assert all(b >= a - 1e-6 * max(abs(a), 1) for a, b in itertools.pairwise(values))
        assert values[0] == 0
    for case in ("low", "base", "high"):
        quarters = [q.cumulative_usd.get(case) for q in result.quarters]
        assert all(b >= a - 1e-6 * max(abs(a), 1) for a, b in itertools.pairwise(quarters))
        assert all(q.spent_in_quarter_usd.get(case) >= -1e-6 * max(q.cumulative_usd.get(case), 1)
                   for q in result.quarters)


@hypothesis_settings
@given(phases=st.lists(phase, min_size=1, max_size=8), ongoing=ordered,
       horizon=st.integers(1, 40))
def test_timeline_and_cost_are_ordered_and_bounded(catalog, base, phases, ongoing, horizon):
    result = _plan(catalog, base, phases, ongoing, horizon)
    months = result.first_version_months
    assert months.low <= months.base <= months.high
    # Overlap only ever shortens the first version, never below its longest phase.
    longest = max(p["months"]["high"] for p in phases)
    assert longest - 1e-9 <= months.high <= result.sequential_months.high + 1e-9
    cost = result.first_version_cost_usd
    assert cost.low <= cost.base <= cost.high
    spend = result.horizon_spend_usd
    assert spend.low <= spend.base <= spend.high
    for phase_result in result.phases:
        for case in ("low", "base", "high"):
            assert getattr(phase_result.start_month, case) <= getattr(phase_result.end_month,
                                                                      case)


@hypothesis_settings
@given(phases=st.lists(phase, min_size=1, max_size=4), ongoing=ordered,
       extra=st.floats(0, 1e6), horizon=st.integers(1, 40))
def test_a_dearer_refresh_never_lowers_spend(catalog, base, phases, ongoing, extra, horizon):
    cheap = _plan(catalog, base, phases, ongoing, horizon)
    dear = _plan(catalog, base, phases, {"low": ongoing["low"] + extra,
                                         "high": ongoing["high"] + extra}, horizon)
    for case in ("low", "base", "high"):
        assert dear.horizon_spend_by_case.get(case) >= cheap.horizon_spend_by_case.get(case)


@hypothesis_settings
@given(phases=st.lists(phase, min_size=1, max_size=4), ongoing=ordered,
       horizon=st.integers(1, 39))
def test_a_longer_horizon_never_shows_less_spend(catalog, base, phases, ongoing, horizon):
    short = _plan(catalog, base, phases, ongoing, horizon)
    long = _plan(catalog, base, phases, ongoing, horizon + 1)
    for case in ("low", "base", "high"):
        assert long.horizon_spend_by_case.get(case) >= short.horizon_spend_by_case.get(case)
