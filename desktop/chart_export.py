"""Every report chart to PNG, SVG or PDF, drawn by the same code as the proposal."""

from __future__ import annotations

import os
from pathlib import Path

from econplan.core.atomic_write import atomic_path
from econplan.core.report import Chart, Report
from econplan.desktop.pdf_report import DPI, draw_chart
from PySide6.QtCore import QMarginsF, QRectF, QSize, QSizeF
from PySide6.QtGui import QColor, QImage, QPageLayout, QPageSize, QPainter, QPdfWriter
from PySide6.QtSvg import QSvgGenerator

CHART_SIZE = QSize(900, 520)
FORMATS = ("png", "svg", "pdf")


def _paint(device, chart: Chart, size: QSize) -> None:
    painter = QPainter()
    if not painter.begin(device):
        raise OSError("cannot open the output for drawing")
    try:
        draw_chart(painter, chart, QRectF(0, 0, size.width(), size.height()))
    finally:
        painter.end()


def export_chart(chart: Chart, path: str | os.PathLike[str], size: QSize = CHART_SIZE) -> Path:
    """Write one chart; the format follows the file suffix (.png, .svg, .pdf)."""
    target = Path(path)
    kind = target.suffix.lower().lstrip(".")
    if kind not in FORMATS:
        raise ValueError(f"unsupported chart format {target.suffix!r}; use .png, .svg or .pdf")
    with atomic_path(target) as tmp:
        if kind == "png":
            # Twice the pixels of the on-screen size so a projected or printed PNG stays sharp.
            image = QImage(size * 2, QImage.Format.Format_ARGB32)
            image.setDevicePixelRatio(2.0)
            image.fill(QColor("white"))
            _paint(image, chart, size)
            if not image.save(str(tmp), "PNG"):
                raise OSError("cannot encode the PNG image")
        elif kind == "svg":
            generator = QSvgGenerator()
            generator.setFileName(str(tmp))
            generator.setSize(size)
            generator.setViewBox(QRectF(0, 0, size.width(), size.height()))
            generator.setTitle(chart.title)
            _paint(generator, chart, size)
        else:
            writer = QPdfWriter(str(tmp))
            writer.setResolution(DPI)
            page = QPageSize(QSizeF(size.width(), size.height()), QPageSize.Unit.Point,
                             chart.title, QPageSize.SizeMatchPolicy.ExactMatch)
            writer.setPageLayout(QPageLayout(page, QPageLayout.Orientation.Portrait,
                                             QMarginsF(0, 0, 0, 0)))
            rect = writer.pageLayout().paintRectPixels(DPI)
            _paint(writer, chart, rect.size())
    return target


def report_charts(report: Report) -> list[tuple[str, Chart]]:
    return [(section.planner_id, block) for section in report.sections
            for block in section.blocks if isinstance(block, Chart)]


def chart_paths(report: Report, directory: str | os.PathLike[str],
                kind: str = "png") -> list[Path]:
    """The files ``export_all_charts`` writes, so a caller can ask before replacing any."""
    return [Path(directory) / f"{chart.chart_id}.{kind}"
            for _planner, chart in report_charts(report)]


def export_all_charts(report: Report, directory: str | os.PathLike[str],
                      kind: str = "png") -> list[Path]:
    folder = Path(directory)
    if not folder.is_dir():
        raise OSError(f"folder does not exist: {folder}")
    charts = [chart for _planner, chart in report_charts(report)]
    paths = chart_paths(report, folder, kind)
    return [export_chart(chart, path) for chart, path in zip(charts, paths, strict=True)]
