"""Comparison of two plans: every headline card, its absolute and % delta."""

from __future__ import annotations

import pytest
from econplan.core.compare import compare_plans, compare_scenarios, comparison_payload, delta_text
from econplan.core.headlines import PRESENTERS, headline_figures, known_keys
from econplan.core.plan import PLANNER_IDS, compute_plan
from econplan.core.scenario_paths import with_values


@pytest.mark.parametrize("name", ["llama31_405b_reference", "finetune_llama31_8b_qlora_a100",
                                  "playbook_finance", "routing_seed_14_roles",
                                  "breakeven_task_assistant_5m", "dataset_chinchilla_70b"])
def test_every_card_has_a_number(presets, catalog, name):
    plan = compute_plan(presets[name], catalog)
    for planner_id in PLANNER_IDS:
        result = plan.require(planner_id)
        cards = PRESENTERS[planner_id](result, tables=False).cards
        assert {c.key for c in cards} <= known_keys(planner_id)
        figures = headline_figures(planner_id, result)
        assert [f.key for f in figures] == [c.key for c in cards]


def test_a_plan_compared_with_itself_has_zero_deltas(presets, catalog):
    for scenario in presets.values():
        plan = compute_plan(scenario, catalog)
        for comparison in compare_plans(plan, plan):
            for delta in comparison.deltas:
                assert delta.delta in (0, None)
                assert delta.delta_share in (0, None)
                assert not delta.changed


def test_deltas_are_current_minus_baseline(presets, catalog):
    baseline = presets["llama31_405b_reference"]
    current = with_values(baseline, {"training.usd_per_gpu_hour.low": 4.0,
                                     "training.usd_per_gpu_hour.high": 4.0})
    comparison = {c.planner_id: c for c in compare_scenarios(baseline, current, catalog)}
    total = next(d for d in comparison["training"].deltas if d.key == "total")
    old = compute_plan(baseline, catalog).training.total_usd.base
    new = compute_plan(current, catalog).training.total_usd.base
    assert total.delta == pytest.approx(new - old)
    assert total.delta_share == pytest.approx((new - old) / old)
    absolute, percent = delta_text(total)
    assert absolute.startswith("+$") and percent.startswith("+")
    # Planners the edit does not reach are unchanged.
    assert all(d.delta == 0 for d in comparison["routing"].deltas)


def test_payload_is_json_ready(presets, catalog):
    import json

    a, b = presets["breakeven_14b_qlora"], presets["breakeven_midsize_bank"]
    payload = comparison_payload(compare_scenarios(a, b, catalog), a.name, b.name)
    text = json.dumps(payload, allow_nan=False)
    assert set(json.loads(text)["planners"]) == set(PLANNER_IDS)
