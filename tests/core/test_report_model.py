"""The proposal as data: the same figures as `econplan compute`, every source listed."""

import pytest
from econplan.core.formatting import usd
from econplan.core.plan import compute_plan
from econplan.core.report import Chart, ReportOptions, Table, build_report


@pytest.fixture(scope="module")
def report(catalog, presets):
    return build_report(presets["pretrain_32b_seed_table"], catalog,
                        ReportOptions(organisation="Acme", author="A. Planner"))


def test_figures_are_exactly_those_of_compute(report, catalog, presets):
    assert report.plan == compute_plan(presets["pretrain_32b_seed_table"], catalog)


def test_training_section_tables_and_charts(report):
    section = report.sections[0]
    tables = {b.table_id: b for b in section.blocks if isinstance(b, Table)}
    assert {"training_inputs", "training_headline", "training_breakdown"} <= set(tables)
    total_row = tables["training_headline"].values[-1]
    assert total_row[0] == "Total"
    assert total_row[2] == report.plan.training.total_usd.base
    charts = [b.chart_id for b in section.blocks if isinstance(b, Chart)]
    assert charts == ["training_cost_breakdown", "training_reference_runs"]


def test_summary_and_recommendation_come_from_the_figures(report):
    total = report.plan.training.total_usd.model_dump()
    assert report.summary[0].value == usd(total["base"])
    assert usd(total["base"]) in report.recommendation


def test_sources_list_every_catalog_row_used_once(report):
    keys = [(ref.table, ref.key) for ref in report.sources]
    assert len(keys) == len(set(keys))
    assert ("gpus", "h100_sxm") in keys
    assert ("beyond_compute_multipliers", "data_curation") in keys
    assert all(ref.source and ref.as_of for ref in report.sources)


def test_unknown_or_no_planner_is_refused(catalog, presets):
    with pytest.raises(ValueError, match="unknown planner"):
        build_report(presets["pretrain_32b_seed_table"], catalog,
                     ReportOptions(planners=["astrology"]))
    with pytest.raises(ValueError, match="at least one"):
        build_report(presets["pretrain_32b_seed_table"], catalog, ReportOptions(planners=[]))


def test_sections_name_the_old_prices_they_use_as_the_tabs_do(catalog, presets):
    from econplan.core.report import Paragraph, ReportOptions, build_report

    def price_notes(day: str) -> list[str]:
        report = build_report(presets["routing_seed_14_roles"], catalog,
                              ReportOptions(date=day, appendix="none"))
        return [block.text for section in report.sections for block in section.blocks
                if isinstance(block, Paragraph) and block.text.startswith("Price dates:")]

    notes = price_notes("2026-12-01")
    assert len(notes) == 1 and "older than 6 months" in notes[0]
    assert "Reasoning category price" in notes[0]
    assert price_notes("2026-03-01") == []  # every price the routing plan uses is recent then
