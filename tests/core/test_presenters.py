"""The presenters: what a person reads of each planner's result, composed once for the tab,
the proposal and the command line."""

from __future__ import annotations

import pytest
from econplan.core import (
    breakeven_presenter,
    dataset_presenter,
    playbook_presenter,
    routing_presenter,
    training_presenter,
)
from econplan.core.formatting import usd
from econplan.core.plan import PLANNER_IDS, compute_plan
from econplan.core.provenance import readable
from econplan.core.report import build_report

PRESENTERS = {"training": training_presenter, "dataset": dataset_presenter,
              "playbook": playbook_presenter, "routing": routing_presenter,
              "breakeven": breakeven_presenter}


def present(planner_id, plan, scenario, catalog):
    return PRESENTERS[planner_id].present(plan.result(planner_id))


EXAMPLES = ["pretrain_32b_seed_table", "finetune_llama3_8b_qlora_h100", "playbook_finance",
            "routing_seed_14_roles", "breakeven_task_api_digital_fte", "breakeven_voice_intent"]


@pytest.mark.parametrize("name", EXAMPLES)
def test_the_proposal_shows_the_presenters_cards_and_tables(presets, catalog, name):
    scenario = presets[name]
    plan = compute_plan(scenario, catalog)
    report = build_report(scenario, catalog, plan=plan)
    for section in report.sections:
        shown = present(section.planner_id, plan, scenario, catalog)
        # The proposal shows the presenters' words, documents named by title (readable).
        assert section.key_figures == [
            card.model_copy(update={field: readable(getattr(card, field)) for field in
                                    ("label", "value", "range_text", "caption")})
            for card in shown.summary_cards]
        assert section.recommendation == readable(shown.recommendation)
        tables = [block for block in section.blocks if getattr(block, "kind", "") == "table"]
        for table in shown.tables:
            assert table.model_copy(update={
                "title": readable(table.title), "columns": [readable(c) for c in table.columns],
                "rows": [[readable(c) for c in row] for row in table.rows]}) in tables
        paragraphs = [block.text for block in section.blocks if block.kind == "paragraph"]
        assert all(readable(warning) in paragraphs for warning in shown.warnings)


@pytest.mark.parametrize("planner_id", PLANNER_IDS)
def test_every_card_has_a_unique_key_and_a_value(presets, catalog, planner_id):
    for name in EXAMPLES:
        scenario = presets[name]
        shown = present(planner_id, compute_plan(scenario, catalog), scenario, catalog)
        keys = [card.key for card in shown.cards]
        assert len(keys) == len(set(keys)) and all(keys)
        assert all(card.label and card.value for card in shown.cards)
        assert set(shown.summary_keys) <= set(keys)
        assert shown.warnings == list(plan_warnings(planner_id, scenario, catalog))


def plan_warnings(planner_id, scenario, catalog):
    return compute_plan(scenario, catalog).result(planner_id).warnings


def test_card_detail_joins_range_and_caption(presets, catalog):
    shown = training_presenter.present(compute_plan(presets["pretrain_32b_seed_table"],
                                                    catalog).training)
    total = shown.card("total")
    assert total.detail == " · ".join(p for p in (total.range_text, total.caption) if p)
    assert total.value == usd(compute_plan(presets["pretrain_32b_seed_table"],
                                           catalog).training.total_usd.base)


def test_breakeven_decision_is_shown_as_data(presets, catalog):
    scenario = presets["breakeven_task_api_digital_fte"]
    result = compute_plan(scenario, catalog).breakeven
    shown = breakeven_presenter.present(result)
    assert shown.headline == "Fine-tune and self-host"
    assert shown.reasons[0] == result.decision.reason
    assert shown.recommendation == f"{shown.headline}. {result.decision.reason}"
    rows = {row[0]: row for row in shown.options_table.values}
    assert rows["The API"][2:] == ["ruled out", result.options[1].ruled_out_reason]
    assert rows["A self-hosted fine-tuned model"][2] == "chosen"
    assert rows["The human process"][2] == "runner-up"
    assert rows["The API"][1] == pytest.approx(result.api_monthly_usd)


@pytest.mark.parametrize("name", ["breakeven_14b_qlora", "breakeven_team_500_qpd",
                                  "routing_seed_14_roles"])
def test_payback_card_says_whether_the_model_amortises(presets, catalog, name):
    scenario = presets[name]
    result = compute_plan(scenario, catalog).breakeven
    card = breakeven_presenter.present(result).card("payback")
    if result.pays_back_before_retrain:
        assert card.value == breakeven_presenter.payback_text(result)
        assert card.caption.startswith("before the retrain")
    else:
        assert card.value == "never amortises"
    assert card.tooltip == result.amortisation


@pytest.mark.parametrize("planner_id", PLANNER_IDS)
def test_a_tab_can_skip_the_tables(presets, catalog, planner_id):
    plan = compute_plan(presets["breakeven_task_api_digital_fte"], catalog)
    module = PRESENTERS[planner_id]
    full = module.present(plan.result(planner_id))
    light = module.present(plan.result(planner_id), tables=False)
    assert full.tables and not light.tables
    assert light.cards == full.cards and light.recommendation == full.recommendation


def test_each_routing_mix_share_stays_with_its_category(catalog):
    """A card narrower than the caption wraps it between shares, never between a share and
    its category ("Commercial Large · 21%" over "Reasoning" read as 21% Commercial Large)."""
    from econplan.core import routing
    from econplan.core.defaults import default_scenario

    inputs = default_scenario(catalog).routing.model_copy(update={"custom_tasks": []})
    result = routing.plan(inputs, catalog)
    shares = routing_presenter.mix_shares(result)
    assert len(shares) >= 2
    caption = routing_presenter.present(result).card("mix").caption
    pieces = caption.split(" · ")
    assert pieces[0] == shares[0].label
    for piece, share in zip(pieces[1:], shares[1:], strict=True):
        assert piece == f"{share.share:.0%}\N{NO-BREAK SPACE}{share.label}"
