"""The Dataset sizing section in the PDF: real text, the headline figures, vector charts."""

import re

import pytest
from econplan.core.formatting import compact, usd, usd_range
from econplan.core.report import ReportOptions, build_report
from econplan.desktop.chart_factory import build_chart
from econplan.desktop.dataset_charts import CompositionChart, TokensVsParamsChart
from econplan.desktop.pdf_report import CHART_HEIGHT, write_report_pdf
from pypdf import PdfReader
from PySide6.QtCore import QPointF


def text_of(path) -> list[str]:
    # Qt positions words individually; pypdf renders the gaps as tabs.
    return [re.sub(r"[ \t]+", " ", page.extract_text()) for page in PdfReader(path).pages]


@pytest.fixture(scope="module")
def report(catalog, presets):
    return build_report(presets["dataset_qwen25_7b_overtrained"], catalog,
                        ReportOptions(planners=["training", "dataset"]))


@pytest.fixture
def pdf(qapp, tmp_path, report):
    path = tmp_path / "dataset.pdf"
    write_report_pdf(report, path)
    return path


def test_section_and_headline_figures_are_text(pdf, report):
    data = report.plan.dataset.model_dump(mode="json")
    whole = re.sub(r"\s+", " ", "\n".join(text_of(pdf)))
    cost = data["data_cost_usd"]
    for text in ("Dataset sizing", "Token budget", "Corpus composition", "Data cost",
                 "Tokens vs parameters", compact(data["training_tokens"]), "129× Chinchilla",
                 usd(cost["base"]), usd_range(cost["low"], cost["high"]),
                 "Practical range: Seed row for 7B."):
        assert text in whole, text
    assert whole.index("Training budget") < whole.index("Dataset sizing")


def test_chart_pages_hold_no_raster_images(pdf):
    assert any("Tokens vs parameters" in text for text in text_of(pdf))
    for page in PdfReader(pdf).pages:
        assert list(page.images) == []


def test_builders_return_the_tabs_chart_classes(qapp, report):
    payload = report.plan.dataset.model_dump(mode="json")
    assert isinstance(build_chart("dataset_tokens_vs_params", payload), TokensVsParamsChart)
    composition = build_chart("dataset_composition", payload)
    assert isinstance(composition, CompositionChart)
    assert list(composition.bars.opts["width"])[::-1] == pytest.approx(
        [c["tokens"] for c in payload["corpus"]])


@pytest.mark.parametrize("size", [(670, int(CHART_HEIGHT)), (560, 440)])
def test_legend_covers_no_model_at_pdf_or_tab_size(qapp, report, size):
    chart = build_chart("dataset_tokens_vs_params", report.plan.dataset.model_dump(mode="json"))
    chart.resize(*size)
    chart.show()
    qapp.processEvents()
    vb = chart.getPlotItem().vb
    legend = chart.legend.sceneBoundingRect()
    x, y = chart.model_points.getData()
    for xi, yi in zip(x, y, strict=True):
        assert not legend.contains(vb.mapViewToScene(QPointF(xi, yi)))
    # Two legend columns only where the plot is short (the PDF), one in the tab.
    assert chart.legend.columnCount == (2 if size[1] == int(CHART_HEIGHT) else 1)
    chart.close()
