"""The Vertical playbook section in the PDF: real text, the headline figures, vector charts."""

import re

import pytest
from econplan.core.formatting import usd, usd_range
from econplan.core.report import ReportOptions, build_report
from econplan.desktop.chart_factory import build_chart
from econplan.desktop.pdf_report import write_report_pdf
from econplan.desktop.playbook_charts import CumulativeSpendChart, GanttChart
from pypdf import PdfReader


def text_of(path) -> list[str]:
    # Qt positions words individually; pypdf renders the gaps as tabs.
    return [re.sub(r"[ \t]+", " ", page.extract_text()) for page in PdfReader(path).pages]


@pytest.fixture(scope="module")
def report(catalog, presets):
    return build_report(presets["playbook_finance"], catalog,
                        ReportOptions(planners=["dataset", "playbook"]))


@pytest.fixture
def pdf(qapp, tmp_path, report):
    path = tmp_path / "playbook.pdf"
    write_report_pdf(report, path)
    return path


def test_section_and_headline_figures_are_text(pdf, report):
    data = report.plan.playbook.model_dump(mode="json")
    whole = re.sub(r"\s+", " ", "\n".join(text_of(pdf)))
    cost, spend = data["first_version_cost_usd"], data["horizon_spend_usd"]
    for text in ("Dataset sizing", "Vertical playbook", "Timeline", "Cumulative spend",
                 "Spend by quarter", "Where the seed's figures disagree",
                 usd(cost["base"]), usd_range(cost["low"], cost["high"]),
                 usd_range(spend["low"], spend["high"]), "4–8 months · ships Jun 2026–Oct 2026",
                 "Finance & Banking: tasks", "Phase 1: CPT + curation"):
        assert text in whole, text
    assert whole.index("Dataset sizing") < whole.index("Vertical playbook")
    # The summary's cards and recommendation carry both planners' headline figures.
    summary = re.sub(r"\s+", " ", text_of(pdf)[1])
    assert "First-version cost" in summary and "Training tokens" in summary
    assert "Fund the first version of the Finance & Banking model" in summary


def test_chart_pages_hold_no_raster_images(pdf):
    assert any("Timeline" in text and "Cumulative spend" in text for text in text_of(pdf))
    for page in PdfReader(pdf).pages:
        assert list(page.images) == []


def test_builders_return_the_tabs_chart_classes(qapp, report):
    payload = report.plan.playbook.model_dump(mode="json")
    gantt = build_chart("playbook_timeline", payload)
    assert isinstance(gantt, GanttChart)
    assert len(gantt.short_bars.opts["width"]) == len(payload["phases"])
    spend = build_chart("playbook_cumulative_spend", payload)
    assert isinstance(spend, CumulativeSpendChart)
    assert spend.end_labels["base"].toPlainText() == usd(payload["horizon_spend_usd"]["base"])
