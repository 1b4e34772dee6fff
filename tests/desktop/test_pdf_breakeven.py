"""The Self-host break-even section in the PDF: real text, the headline figures, vector charts."""

import re

import pytest
from econplan.core.breakeven_presenter import breakeven_text, payback_text, roi_text
from econplan.core.formatting import usd
from econplan.core.report import Chart, ReportOptions, build_report
from econplan.desktop.breakeven_charts import CumulativeCostChart, VolumeCostChart
from econplan.desktop.chart_factory import build_chart
from econplan.desktop.pdf_report import CHART_HEIGHT, draw_chart, write_report_pdf
from pypdf import PdfReader
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QImage, QPainter

PRESETS = [
    "breakeven_14b_qlora", "breakeven_autocomplete_500k", "breakeven_icd10_coding",
    "breakeven_legal_contracts_5k_qpd", "breakeven_midsize_bank", "breakeven_roi_framework",
    "breakeven_task_api_digital_fte", "breakeven_task_assistant_5m", "breakeven_team_100k_qpd",
    "breakeven_team_500_qpd", "breakeven_tickets_30k", "breakeven_voice_intent",
]


def text_of(path) -> list[str]:
    # Qt positions words individually; pypdf renders the gaps as tabs.
    return [re.sub(r"[ \t]+", " ", page.extract_text()) for page in PdfReader(path).pages]


@pytest.fixture(scope="module")
def reports(catalog, presets):
    return {name: build_report(presets[name], catalog, ReportOptions(planners=["breakeven"]))
            for name in PRESETS}


@pytest.mark.parametrize("name", ["breakeven_14b_qlora", "breakeven_team_500_qpd"])
def test_section_and_headline_figures_are_text(qapp, tmp_path, reports, name):
    report = reports[name]
    data = report.plan.breakeven.model_dump(mode="json")
    path = tmp_path / "breakeven.pdf"
    write_report_pdf(report, path)
    whole = re.sub(r"\s+", " ", "\n".join(text_of(path)))
    payback = (payback_text(report.plan.breakeven) if data["pays_back_before_retrain"]
               else "never amortises")
    for text in ("Self-host break-even", "Headline figures", "One-off investment",
                 f"Recommendation: {data['recommendation']}", data["reasons"][0],
                 breakeven_text(data["breakeven_queries_per_month"]), payback,
                 roi_text(data["first_year_roi"]), usd(data["monthly_savings_usd"]),
                 "Tier bounds: seed 004 puts them at 100,000 and 500,000 queries/month",
                 "Cumulative cost", "Monthly cost vs volume"):
        assert text in whole, text
    for page in PdfReader(path).pages:
        assert list(page.images) == []


def test_builders_return_the_tabs_chart_classes(qapp, reports):
    payload = reports["breakeven_14b_qlora"].plan.breakeven.model_dump(mode="json")
    cumulative = build_chart("breakeven_cumulative_cost", payload)
    assert isinstance(cumulative, CumulativeCostChart)
    assert cumulative.crossover_line.value() == pytest.approx(payload["crossover_month"])
    volume = build_chart("breakeven_volume_cost", payload)
    assert isinstance(volume, VolumeCostChart)
    assert "break-even 6.92K/month" in volume.breakeven_label.textItem.toPlainText()


def test_a_brush_left_on_the_painter_fills_no_curve(qapp, reports):
    # The summary cards leave a brush on the page painter; a chart must not inherit it
    # (curve paths would be filled and hide the lines behind them).
    chart = next(b for b in reports["breakeven_voice_intent"].sections[0].blocks
                 if isinstance(b, Chart) and b.chart_id == "breakeven_volume_cost")
    image = QImage(670, int(CHART_HEIGHT), QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setBrush(QColor("#ff00ff"))
    draw_chart(painter, chart, QRectF(0, 0, image.width(), image.height()))
    painter.end()
    magenta = QColor("#ff00ff").rgb()
    assert not any(image.pixel(x, y) == magenta
                   for x in range(0, image.width(), 3) for y in range(0, image.height(), 3))


@pytest.mark.parametrize("size", [(670, int(CHART_HEIGHT)), (490, 400)])
@pytest.mark.parametrize("name", PRESETS)
def test_legends_and_labels_cover_no_curve(qapp, reports, name, size):
    payload = reports[name].plan.breakeven.model_dump(mode="json")
    for chart_id in ("breakeven_cumulative_cost", "breakeven_volume_cost"):
        chart = build_chart(chart_id, payload)
        chart.resize(*size)
        chart.show()
        qapp.processEvents()
        vb = chart.getPlotItem().vb
        covers = [chart.legend.sceneBoundingRect()]
        label = (chart.crossover_label if chart_id == "breakeven_cumulative_cost"
                 else chart.breakeven_label)
        if label.isVisible():
            covers.append(label.sceneBoundingRect())
        curves = [chart.api_curve, chart.selfhost_curve, chart.human_curve]
        for curve in curves:
            x, y = curve.getData()
            if x is None:
                continue
            for xi, yi in zip(x, y, strict=True):
                point = vb.mapViewToScene(QPointF(xi, yi))
                assert not any(rect.contains(point) for rect in covers), (chart_id, xi, yi)
        chart.close()
