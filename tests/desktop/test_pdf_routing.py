"""The Routing overspend section in the PDF: real text, the headline figures, vector charts."""

import re

import pytest
from econplan.core.formatting import usd
from econplan.core.report import ReportOptions, build_report
from econplan.desktop.chart_factory import build_chart
from econplan.desktop.pdf_report import write_report_pdf
from econplan.desktop.routing_charts import (
    PriceTrajectoryChart,
    ReasoningMultiplierChart,
    RoleOverspendChart,
)
from pypdf import PdfReader


def text_of(path) -> list[str]:
    # Qt positions words individually; pypdf renders the gaps as tabs.
    return [re.sub(r"[ \t]+", " ", page.extract_text()) for page in PdfReader(path).pages]


@pytest.fixture(scope="module")
def report(catalog, presets):
    return build_report(presets["routing_seed_14_roles"], catalog,
                        ReportOptions(planners=["training", "routing", "breakeven"]))


@pytest.fixture
def pdf(qapp, tmp_path, report):
    path = tmp_path / "routing.pdf"
    write_report_pdf(report, path)
    return path


def test_section_and_headline_figures_are_text(pdf, report):
    data = report.plan.routing.model_dump(mode="json")
    whole = re.sub(r"\s+", " ", "\n".join(text_of(pdf)))
    for text in ("Routing overspend", "Headline figures", "Cost by role", "Model categories",
                 "Reasoning multiplier", "Routing savings per year",
                 usd(data["overspend_annual_usd"]), usd(data["all_large_annual_usd"]),
                 usd(data["optimal_annual_usd"]), f"{data['overspend_multiple']:.1f}×",
                 "$0.000028", "1.3% above the printed optimal total", "Email drafting",
                 "EconPlan gives an RM the verdict of the nearest source task"):
        assert text in whole, text
    assert whole.index("Training budget") < whole.index("Routing overspend") \
        < whole.index("Self-host break-even")


def test_chart_pages_hold_no_raster_images(pdf):
    whole = re.sub(r"\s+", " ", "\n".join(text_of(pdf)))
    for title in ("Price, $/M tokens (log)", "Reasoning multiplier (RM)", "Cost per day by role"):
        assert title in whole, title  # the charts' own titles are vector text
    for page in PdfReader(pdf).pages:
        assert list(page.images) == []


def test_builders_return_the_tabs_chart_classes(qapp, report):
    payload = report.plan.routing.model_dump(mode="json")
    roles = build_chart("routing_role_cost", payload)
    assert isinstance(roles, RoleOverspendChart)
    assert list(roles.large_bars.opts["width"])[::-1] == pytest.approx(
        [r["all_large_daily_usd"] for r in payload["roles"]])
    assert isinstance(build_chart("routing_price_trajectory", payload), PriceTrajectoryChart)
    assert isinstance(build_chart("routing_reasoning_multiplier", payload),
                      ReasoningMultiplierChart)
    assert roles.getPlotItem().getAxis("bottom").tickStrings([0.5, 1.5], 1, 0.5) == \
        ["$0.5", "$1.5"]
