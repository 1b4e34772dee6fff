"""The Self-host break-even section: the figures of `econplan compute`, as tables, text, charts."""

import pytest
from econplan.core.breakeven_presenter import breakeven_text, payback_text, roi_text
from econplan.core.formatting import compact, usd
from econplan.core.plan import compute_plan
from econplan.core.report import Chart, Heading, Paragraph, ReportOptions, Table, build_report
from econplan.core.report_breakeven import breakeven_section

BREAKEVEN_PRESETS = [
    "breakeven_14b_qlora", "breakeven_autocomplete_500k", "breakeven_icd10_coding",
    "breakeven_legal_contracts_5k_qpd", "breakeven_midsize_bank", "breakeven_roi_framework",
    "breakeven_task_api_digital_fte", "breakeven_task_assistant_5m", "breakeven_team_100k_qpd",
    "breakeven_team_500_qpd", "breakeven_tickets_30k", "breakeven_voice_intent",
]


def section_for(scenario, catalog):
    """The result as data (what `econplan compute` prints) and the section built from it."""
    plan = compute_plan(scenario, catalog)
    return plan.breakeven.model_dump(), breakeven_section(scenario, plan, catalog)


def result_of(section):
    """The typed result the section's charts draw."""
    return next(block.payload for block in section.blocks if isinstance(block, Chart))


def tables(section) -> dict[str, Table]:
    return {block.table_id: block for block in section.blocks if isinstance(block, Table)}


def paragraphs(section, style) -> list[str]:
    return [b.text for b in section.blocks if isinstance(b, Paragraph) and b.style == style]


def headline_values(section) -> dict[str, object]:
    return {row[0]: row[1] for row in tables(section)["breakeven_headline"].values}


@pytest.fixture(scope="module")
def sections(catalog, presets):
    return {name: section_for(presets[name], catalog) for name in BREAKEVEN_PRESETS}


def test_report_carries_compute_figures_in_proposal_order(catalog, presets):
    scenario = presets["breakeven_14b_qlora"]
    plan = compute_plan(scenario, catalog)
    report = build_report(scenario, catalog, plan=plan)
    assert report.plan is plan
    assert build_report(scenario, catalog).plan == plan
    assert [s.planner_id for s in report.sections][-2:] == ["routing", "breakeven"]
    only = build_report(scenario, catalog, ReportOptions(planners=["breakeven"]))
    assert [s.title for s in only.sections] == ["Self-host break-even"]


@pytest.mark.parametrize("name", BREAKEVEN_PRESETS)
def test_tables_hold_the_raw_figures(sections, name):
    data, section = sections[name]
    values = headline_values(section)
    assert values["API per query"] == data["api_usd_per_query"]
    assert values["Monthly savings"] == data["monthly_savings_usd"]
    assert values["Break-even volume (queries/month)"] == data["breakeven_queries_per_month"]
    assert values["Payback (months)"] == data["payback_months"]
    assert values["First-year savings"] == data["annual_savings_usd"]
    assert values["First-year ROI"] == data["first_year_roi"]
    monthly = tables(section)["breakeven_monthly"].values
    assert [row[1] for row in monthly[:-1]] == [line["usd"] for line in data["monthly_lines"]]
    assert monthly[-1][:2] == ["Total fine-tuned per month", data["selfhost_monthly_usd"]]
    assert sum(row[1] for row in monthly[:-1]) == pytest.approx(data["selfhost_monthly_usd"])
    one_off = tables(section)["breakeven_one_off"].values
    assert [row[1] for row in one_off[:-1]] == [line["usd"] for line in data["one_off_lines"]]
    assert one_off[-1][:2] == ["Total investment", data["investment_usd"]]
    for table in tables(section).values():
        assert all(len(row) == len(table.columns) for row in table.values + table.rows)


@pytest.mark.parametrize("name", BREAKEVEN_PRESETS)
def test_recommendation_reasons_tier_and_charts(sections, name):
    data, section = sections[name]
    headings = [b.text for b in section.blocks if isinstance(b, Heading)]
    assert f"Recommendation: {data['recommendation']}" in headings
    body = paragraphs(section, "body")
    assert [f"• {reason}" for reason in data["reasons"]] == body[1:1 + len(data["reasons"])]
    assert section.recommendation.startswith(data["recommendation"] + ". ")
    assert section.recommendation.removeprefix(data["recommendation"] + ". ") in data["reasons"]
    notes = paragraphs(section, "note")
    assert any(data["tier"]["seed_boundaries"] in n and data["tier"]["reason"] in n
               for n in notes)
    assert paragraphs(section, "warning") == data["warnings"]
    charts = [b for b in section.blocks if isinstance(b, Chart)]
    assert [c.chart_id for c in charts] == ["breakeven_cumulative_cost", "breakeven_volume_cost"]
    assert all(c.payload.model_dump() == data for c in charts)


@pytest.mark.parametrize("name", BREAKEVEN_PRESETS)
def test_key_figures_come_from_the_figures(sections, name):
    data, section = sections[name]
    volume, payback, roi = section.key_figures
    assert volume.value == breakeven_text(data["breakeven_queries_per_month"])
    assert compact(data["queries_per_month"]) in volume.detail
    if data["pays_back_before_retrain"]:
        assert payback.value == payback_text(result_of(section))
    else:
        assert payback.value == "never amortises"
    assert roi.value == roi_text(data["first_year_roi"])
    assert usd(data["investment_usd"]) in roi.detail


def test_fast_payback_is_shown_in_days_like_the_tab(sections):
    data, section = sections["breakeven_14b_qlora"]
    assert data["payback_months"] < 1
    assert section.key_figures[1].value == "3 days"
    assert section.key_figures[0].value == "6.92K/month"
    assert section.key_figures[2].value == "12,597%"
    assert section.recommendation == ("Fine-tune and self-host. A self-hosted fine-tuned model "
                                      "is the cheapest option: $2.08K a month all-in, against "
                                      "$45K for the API.")
    assert "saves $43,380 a month" in data["reasons"][1]


def test_payback_after_the_retrain_never_amortises(sections):
    data, section = sections["breakeven_team_500_qpd"]
    assert data["payback_months"] == pytest.approx(41.67, abs=0.01)
    payback = section.key_figures[1]
    assert payback.value == "never amortises" and "41.7 months" in payback.detail
    assert section.recommendation.startswith("Stay on the API. The API is the cheapest option")
    assert data["decision"]["runner_up_id"] == "hosted_ft"
    assert data["reasons"][1].startswith("It saves $72 a month")


def test_a_loss_making_plan_never_amortises(catalog, presets):
    data, section = section_for(presets["routing_seed_14_roles"], catalog)
    assert data["monthly_savings_usd"] < 0 and data["payback_months"] is None
    assert section.key_figures[1].value == "never amortises"
    loss = usd(-data["monthly_savings_usd"])
    assert section.key_figures[1].detail == f"costs {loss} a month more"
    assert headline_values(section)["Payback (months)"] is None
    assert "Payback" in [row[0] for row in tables(section)["breakeven_headline"].rows]


def test_a_constraint_that_changes_the_choice_gives_its_reason(sections):
    data, section = sections["breakeven_voice_intent"]
    assert data["recommendation_id"] == "self_host_latency"
    assert section.recommendation.startswith(
        "Self-host a small fine-tuned model (latency). A 300 ms latency target rules the API out")


def test_human_baseline_is_named(sections):
    data, section = sections["breakeven_roi_framework"]
    assert data["baseline"] == "human"
    assert "human process" in section.key_figures[0].detail
    assert headline_values(section)["Human process per task"] == data["human_usd_per_query"]


def test_sources_list_the_catalog_rows_used(sections):
    _, section = sections["breakeven_voice_intent"]
    keys = {(ref.table, ref.key) for ref in section.sources}
    assert len(keys) == len(section.sources)
    assert {("volume_tiers", "mid"), ("latency_comparison", "gpt_4o_mini"),
            ("planner_assumptions", "breakeven_days_per_month")} <= keys
    assert all(ref.source and ref.as_of for ref in section.sources)
    # A fine-tuning cost linked to the training plan cites that plan's catalog rows too.
    _, linked = sections["breakeven_task_api_digital_fte"]
    assert any(ref.table == "hidden_cost_activities" for ref in linked.sources)
    _, unlinked = sections["breakeven_14b_qlora"]
    assert not any(ref.table == "gpus" for ref in unlinked.sources)
