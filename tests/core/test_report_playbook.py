"""The Vertical playbook section: the figures of `econplan compute`, as tables, text and charts."""

import pytest
from econplan.core.formatting import usd, usd_range
from econplan.core.plan import compute_plan
from econplan.core.report import Chart, Heading, Paragraph, ReportOptions, Table, build_report
from econplan.core.report_playbook import playbook_section
from econplan.desktop.document import with_values


def section_for(scenario, catalog):
    """The result as `econplan compute` prints it, and the section built from the plan."""
    plan = compute_plan(scenario, catalog)
    return plan.playbook.model_dump(mode="json"), playbook_section(scenario, plan, catalog)


def tables(section) -> dict[str, Table]:
    return {block.table_id: block for block in section.blocks if isinstance(block, Table)}


def paragraphs(section, style) -> list[str]:
    return [b.text for b in section.blocks if isinstance(b, Paragraph) and b.style == style]


@pytest.fixture(scope="module")
def finance(catalog, presets):
    return section_for(presets["playbook_finance"], catalog)


@pytest.fixture(scope="module")
def generic(catalog, presets):
    return section_for(presets["playbook_seed_first_version"], catalog)


def test_report_carries_compute_figures(catalog, presets):
    scenario = presets["playbook_finance"]
    report = build_report(scenario, catalog, ReportOptions(planners=["playbook"]))
    assert report.plan == compute_plan(scenario, catalog)
    assert [s.title for s in report.sections] == ["Vertical playbook"]


def test_phase_table_values_are_the_figures(finance):
    data, section = finance
    table = tables(section)["playbook_phases"]
    for row, phase in zip(table.values, data["phases"], strict=False):
        assert row == [phase["name"], phase["months"]["low"], phase["months"]["high"],
                       phase["cost_usd"]["low"], phase["cost_usd"]["high"],
                       phase["overlap_share"], phase["end_date"]["low"],
                       phase["end_date"]["high"]]
    total = table.values[-1]
    assert total[0] == table.rows[-1][0] == "Total: first version"
    assert total[1:5] == [data["first_version_months"]["low"],
                          data["first_version_months"]["high"],
                          data["first_version_cost_usd"]["low"],
                          data["first_version_cost_usd"]["high"]]
    assert total[6:] == [data["launch_date"]["low"], data["launch_date"]["high"]]
    assert table.rows[-1][3:5] == ["$800K", "$2M"]


def test_headline_and_quarter_tables_hold_the_raw_figures(finance):
    data, section = finance
    by_id = tables(section)
    headline = {row[0]: row[1:] for row in by_id["playbook_headline"].values}
    cases = ("low", "base", "high")
    assert headline["First-version cost"] == [data["first_version_cost_usd"][c] for c in cases]
    assert headline["Months to first version"] == [data["first_version_months"][c]
                                                   for c in cases]
    assert headline["Ships"] == [data["launch_date"][c] for c in cases]
    assert headline["Refresh per quarter"] == [data["ongoing_usd_per_quarter"][c]
                                               for c in cases]
    assert headline["Spend over 8 quarters"] == [data["horizon_spend_usd"][c] for c in cases]
    quarters = by_id["playbook_quarters"].values
    assert len(quarters) == data["horizon_quarters"]
    for row, quarter in zip(quarters, data["quarters"], strict=True):
        assert row == [f"Q{quarter['quarter']}", quarter["end_date"],
                       quarter["spent_in_quarter_usd"]["base"],
                       *(quarter["cumulative_usd"][c] for c in cases)]
    tasks = by_id["playbook_tasks"].values
    assert [row[0] for row in tasks] == [task["task"] for task in data["tasks"]]
    assert tasks[1][1:] == ["$5–15/M", "$0.10/M; ROI 50–150x", 50.0, 150.0]
    assert tasks[1][3:] == [data["tasks"][1]["cost_ratio_low"], data["tasks"][1]["cost_ratio_high"]]
    plan = by_id["playbook_approaches"].values[-1]
    assert plan[:3] == ["This plan", 800_000.0, 2_000_000.0]


def test_charts_key_figures_and_recommendation(finance):
    data, section = finance
    charts = [b for b in section.blocks if isinstance(b, Chart)]
    assert [c.chart_id for c in charts] == ["playbook_timeline", "playbook_cumulative_spend"]
    assert all(c.payload.model_dump(mode="json") == data for c in charts)
    cost, time, refresh, spend = section.key_figures
    assert (cost.value, cost.detail) == ("$1.4M", "$800K – $2M · seed $800K – $2M")
    assert time.value == "6 months"
    assert time.detail == "4–8 months · ships Jun 2026–Oct 2026"
    assert refresh.detail == usd_range(50_000, 300_000)
    assert spend.value == usd(data["horizon_spend_usd"]["base"])
    assert spend.label == "Playbook spend, 8 quarters"
    assert section.recommendation == (
        "Fund the first version of the Finance & Banking model with $800K – $2M over 4–8 "
        "months (ships Jun–Oct 2026), then $50K – $300K per quarter for refreshes: "
        "$1.1M – $3.5M in all by Feb 2028.")


def test_seed_reconciliation_and_schedule_notes(finance, generic):
    data, section = finance
    notes = paragraphs(section, "note")
    assert notes[0] == ("Phases end to end: 5–10 months; with their overlap the first version "
                        "ships after 4–8 months.")
    assert "the phases are the seed's generic split, scaled to it." in notes[2]
    assert notes[-len(data["reconciliation"]):] == data["reconciliation"]
    headings = [b.text for b in section.blocks if isinstance(b, Heading)]
    assert headings == ["Vertical playbook", "Where the seed's figures disagree"]
    data, section = generic
    assert "playbook_tasks" not in tables(section)  # the generic playbook lists no tasks
    assert section.recommendation.startswith("Fund the first version of the vertical model")


def test_warnings_become_warning_paragraphs(catalog, presets):
    scenario = with_values(presets["playbook_finance"], {"playbook.horizon_quarters": 2})
    data, section = section_for(scenario, catalog)
    assert data["warnings"]
    assert paragraphs(section, "warning") == data["warnings"]


def test_sources_list_the_rows_used(finance, generic):
    for section, expected in ((finance[1], {"playbook_phases", "playbook_steps",
                                            "approach_comparison", "verticals",
                                            "vertical_tasks", "vertical_data_sources",
                                            "planner_assumptions"}),
                              (generic[1], {"playbook_phases", "approach_comparison"})):
        assert section.sources
        assert expected <= {ref.table for ref in section.sources}
        assert all(ref.source and ref.as_of for ref in section.sources)
    assert "verticals" not in {ref.table for ref in generic[1].sources}
    assert ("verticals", "finance") in {(r.table, r.key) for r in finance[1].sources}
