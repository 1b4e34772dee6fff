"""Published figures beside the plan's, like with like, in the presenter and the JSON."""

from __future__ import annotations

import json

from econplan.core.compute import compute_all
from econplan.core.plan import compute_plan
from econplan.core.published_figures import published_comparisons
from econplan.core.training_presenter import present


def test_405b_compute_against_compute_and_all_in_against_the_estimate(presets, catalog):
    result = compute_plan(presets["llama31_405b_reference"], catalog).training
    by_scope = {c.scope: c for c in published_comparisons(result)}
    assert set(by_scope) == {"compute", "all_in"}
    compute, all_in = by_scope["compute"], by_scope["all_in"]
    assert compute.published_usd_low == 60e6 and compute.plan_usd == result.compute_cost_usd
    assert all_in.published_usd_low == 170e6 and all_in.plan_usd == result.total_usd
    assert all_in.gap_usd == result.total_usd.base - 170e6
    assert ".txt" not in compute.source + all_in.source  # documents named by title
    shown = present(result)
    assert any("170M" in note for note in shown.notes)
    assert any(t.table_id == "training_published" for t in shown.tables)


def test_fine_tunes_have_no_published_run(presets, catalog):
    result = compute_plan(presets["finetune_llama31_8b_qlora_a100"], catalog).training
    assert published_comparisons(result) == []


def test_compute_json_adds_the_key_only(presets, catalog):
    scenario = presets["llama31_405b_reference"]
    payload = json.loads(json.dumps(compute_all(scenario, catalog)))
    figures = payload["published_figures"]["training"]
    assert [f["scope"] for f in figures] == ["compute", "all_in"]
    assert set(payload) >= {"training", "dataset", "playbook", "routing", "breakeven"}
