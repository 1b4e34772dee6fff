"""The Routing overspend section: the figures of `econplan compute`, as tables, text and charts."""

import pytest
from econplan.core.formatting import small_usd, usd
from econplan.core.plan import compute_plan
from econplan.core.report import Chart, Paragraph, ReportOptions, Table, build_report
from econplan.core.report_routing import routing_section
from econplan.core.scenario import Scenario


def section_for(scenario, catalog):
    """The result as `econplan compute` prints it, and the section built from the plan."""
    plan = compute_plan(scenario, catalog)
    return plan.routing.model_dump(mode="json"), routing_section(scenario, plan, catalog)


def tables(section) -> dict[str, Table]:
    return {block.table_id: block for block in section.blocks if isinstance(block, Table)}


def paragraphs(section, style) -> list[str]:
    return [b.text for b in section.blocks if isinstance(b, Paragraph) and b.style == style]


def edited(scenario: Scenario, **routing) -> Scenario:
    payload = scenario.model_dump(mode="python")
    payload["routing"].update(routing)
    return Scenario.model_validate(payload)


@pytest.fixture(scope="module")
def seed(catalog, presets):
    return section_for(presets["routing_seed_14_roles"], catalog)


@pytest.fixture(scope="module")
def year_2030(catalog, presets):
    return section_for(presets["routing_seed_14_roles_2030"], catalog)


def test_report_carries_compute_figures_in_proposal_order(catalog, presets):
    scenario = presets["routing_seed_14_roles"]
    report = build_report(scenario, catalog)
    assert report.plan == compute_plan(scenario, catalog)
    order = [section.planner_id for section in report.sections]
    assert order.index("playbook") < order.index("routing") < order.index("breakeven")
    only = build_report(scenario, catalog, ReportOptions(planners=["routing"]))
    assert [s.title for s in only.sections] == ["Routing overspend"]


def test_headline_table_holds_the_figures(seed):
    data, section = seed
    large, routed, savings, multiple = tables(section)["routing_headline"].values
    assert large[1:] == [data["all_large_daily_usd"], data["all_large_annual_usd"]]
    assert routed[1:] == [data["optimal_daily_usd"], data["optimal_annual_usd"]]
    assert savings[1:] == [data["overspend_daily_usd"], data["overspend_annual_usd"]]
    assert multiple[1:] == [data["overspend_multiple"]] * 2
    assert data["overspend_annual_usd"] == pytest.approx(
        data["all_large_annual_usd"] - data["optimal_annual_usd"])
    assert tables(section)["routing_headline"].rows[2][2] == usd(data["overspend_annual_usd"])


def test_role_task_and_reasoning_tables_hold_the_raw_figures(seed):
    data, section = seed
    roles = tables(section)["routing_roles"]
    assert len(roles.values) == len(data["roles"]) + 1
    for row, role in zip(roles.values, data["roles"], strict=False):
        assert row == [role["label"], role["headcount"], role["optimal_per_worker_usd"],
                       role["all_large_per_worker_usd"], role["optimal_annual_usd"],
                       role["all_large_annual_usd"], role["overspend_multiple"]]
    assert roles.values[-1][0] == "Total"
    assert roles.values[-1][4:] == [data["optimal_annual_usd"], data["all_large_annual_usd"],
                                    data["overspend_multiple"]]
    assert roles.rows[-1][6] == "3.2×"
    tasks = tables(section)["routing_tasks"]
    for row, task in zip(tasks.values, data["tasks"], strict=True):
        assert row[0] == task["name"] and row[2] == task["routed_category"]
        assert row[4:6] == [task["routed_usd_per_call"], task["all_large_usd_per_call"]]
    projection = tables(section)["routing_projection"]
    assert projection.columns[1:] == [str(y) for y in data["trajectory_years"]]
    for row, task in zip(projection.values, data["tasks"], strict=True):
        assert row[1:] == [task["projection_routed"][str(y)] for y in data["trajectory_years"]]
    reasoning = tables(section)["routing_reasoning"]
    assert [row[3] for row in reasoning.values] == [r["rm"] for r in data["reasoning"]]
    for table in tables(section).values():
        assert all(len(row) == len(table.columns) for row in table.values + table.rows)


def test_small_costs_are_written_out_not_in_scientific_notation(seed):
    _, section = seed
    ticket = tables(section)["routing_tasks"].rows[0]
    assert ticket[0] == "Ticket classification" and ticket[4] == "$0.000028"
    assert small_usd(2.8e-05) == "$0.000028" and small_usd(0.0175) == usd(0.0175)
    assert small_usd(1.4e-06) == "$0.0000014" and small_usd(None) == "—"


def test_categories_table_adds_the_plan_year_price(seed, year_2030):
    _, section = seed
    assert tables(section)["routing_categories"].columns[2:4] == ["$/M tokens 2025",
                                                                 "Quality (MMLU)"]
    data, section = year_2030
    table = tables(section)["routing_categories"]
    assert table.columns[2:4] == ["$/M tokens 2025", "$/M tokens 2030"]
    for row, category in zip(table.values, data["categories"], strict=True):
        assert row[2:4] == [category["usd_per_mtok"]["2025"], category["usd_per_mtok"]["2030"]]


def test_every_chart_of_the_tab_with_the_figures_as_payload(seed):
    data, section = seed
    charts = [b for b in section.blocks if isinstance(b, Chart)]
    assert [c.chart_id for c in charts] == ["routing_role_cost", "routing_price_trajectory",
                                            "routing_reasoning_multiplier"]
    assert all(c.payload.model_dump(mode="json") == data and c.caption for c in charts)


def test_seed_inconsistency_notes_are_note_paragraphs(seed):
    data, section = seed
    notes = paragraphs(section, "note")
    for note in data["notes"]:
        assert note in notes
    assert any("1.3% above the printed optimal total" in n for n in notes)
    assert any("Email drafting" in n for n in notes)
    assert any(data["rm_band_rule"] in n for n in notes)
    assert paragraphs(section, "warning") == []


def test_key_figures_and_recommendation_come_from_the_figures(seed, year_2030):
    data, section = seed
    savings, multiple = section.key_figures
    assert savings.value == usd(data["overspend_annual_usd"]) == "$2.75K"
    assert multiple.value == "3.2×" and "2025" in multiple.detail
    assert usd(data["overspend_annual_usd"]) in section.recommendation
    assert "3.2×" in section.recommendation
    assert usd(data["overspend_annual_usd"]) in paragraphs(section, "body")[0]
    data, section = year_2030
    assert section.key_figures[0].value == usd(data["overspend_annual_usd"])
    assert f"{data['overspend_multiple']:.1f}×" in section.recommendation
    assert "2030 prices" in section.recommendation


def test_sources_list_the_catalog_rows_used(seed, year_2030):
    _, section = seed
    keys = {(ref.table, ref.key) for ref in section.sources}
    assert len(keys) == len(section.sources)
    assert {("role_overspend", "cs_support"), ("role_overspend_total", "all_14_roles"),
            ("price_trajectory", "commercial_large"), ("top_tasks", "ticket_classification"),
            ("planner_assumptions", "routing_year")} <= keys
    assert all(ref.source and ref.as_of for ref in section.sources)
    assert not any(ref.table == "per_worker_cost" for ref in section.sources)
    _, section = year_2030  # the 2030 optimal cost follows the per-worker projection
    assert any(ref.table == "per_worker_cost" for ref in section.sources)


def test_no_workers_means_nothing_to_save(catalog, presets):
    scenario = presets["routing_seed_14_roles"]
    empty = edited(scenario, headcount=[{"role_id": h.role_id, "headcount": 0}
                                        for h in scenario.routing.headcount])
    data, section = section_for(empty, catalog)
    assert data["overspend_multiple"] is None
    assert section.key_figures[1].value == "—"
    assert "no role has workers" in section.recommendation


def test_planner_warnings_become_warning_paragraphs(catalog, presets):
    scenario = edited(presets["routing_seed_14_roles"], custom_tasks=[{
        "name": "Claims triage", "role": "Nobody here", "calls_per_worker_per_day": 10,
        "input_tokens": 500, "output_tokens": 200, "complexity": "simple", "narrow": False,
        "reasoning_gain_pct": 2, "reasoning_cost_multiple": 10}])
    data, section = section_for(scenario, catalog)
    assert data["warnings"] and paragraphs(section, "warning") == data["warnings"]
    assert "Claims triage" in [row[0] for row in tables(section)["routing_tasks"].values]
