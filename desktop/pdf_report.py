"""Draws a ``core.report.Report`` as a PDF budget proposal.

Recipe from DESIGN.md: one QPdfWriter at 96 dpi and one QPainter; charts are
the tabs' own chart classes built off-screen, resized, switched to pyqtgraph's
export mode (so scatter symbols are paths, not bitmaps) and rendered from
their scene as vectors. Layout runs in two passes — place every block on
pages, then paint — so each page can say "page 3 of 12". The file is written
beside the target and renamed, so a failed or cancelled export leaves nothing.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass

from econplan.core.atomic_write import atomic_path
from econplan.core.report import Chart, Heading, KeyFigure, Paragraph, Report, Table
from econplan.desktop.chart_factory import build_chart
from econplan.desktop.fonts import register_bundled_fonts
from PySide6.QtCore import QMarginsF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QTextDocument,
    QTextOption,
)
from PySide6.QtWidgets import QApplication

DPI = 96
FONT_FAMILY = "DejaVu Sans"
HEADER_HEIGHT = 26.0
FOOTER_HEIGHT = 22.0
BLOCK_GAP = 10.0
CHART_HEIGHT = 300.0
ACCENT = QColor("#1f4e79")
MUTED = QColor("#555555")
RULE = QColor("#c8c8c8")
TABLE_HEADER_BG = QColor("#e8eef5")
WARNING_BG = QColor("#fff4ce")

ProgressCallback = Callable[[int, int], bool]  # (done, total) -> keep going?


class ExportCancelled(Exception):
    pass


def _font(size: float, bold: bool = False) -> QFont:
    font = QFont(FONT_FAMILY)
    font.setPointSizeF(size)
    font.setBold(bold)
    # No "fi"/"fl" ligatures: searching or copying the PDF's text must find plain letters.
    font.setFeature(QFont.Tag("liga"), 0)
    return font


FONTS = {
    "title": (26, True), "subtitle": (13, False), "h1": (16, True), "h2": (12, True),
    "body": (9.5, False), "small": (8, False), "cell": (8.5, False), "cell_bold": (8.5, True),
    "card_value": (15, True), "card_label": (8.5, True),
}


def font(name: str) -> QFont:
    size, bold = FONTS[name]
    return _font(size, bold)


WRAP = int(Qt.TextFlag.TextWordWrap)


def text_height(text: str, font_name: str, width: float) -> float:
    metrics = QFontMetricsF(font(font_name))
    return metrics.boundingRect(QRectF(0, 0, width, 1e6), WRAP, text).height()


def _breaking_document(text: str, font_name: str, width: float) -> QTextDocument:
    """Text that wraps at spaces and, only where a word is too long, inside the word."""
    document = QTextDocument()
    document.setDocumentMargin(0)
    document.setDefaultFont(font(font_name))
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    document.setDefaultTextOption(option)
    document.setPlainText(text)
    document.setTextWidth(width)
    return document


@dataclass
class Placed:
    """A block (or part of one) with its place on a page; ``draw`` paints it."""

    y: float
    height: float
    draw: Callable[[QPainter, QRectF], None]


class PdfLayout:
    """Places blocks on pages of a given content width and height."""

    def __init__(self, width: float, height: float):
        self.width = width
        self.height = height
        self.pages: list[list[Placed]] = [[]]
        self.y = 0.0

    def new_page(self) -> None:
        if self.pages[-1]:
            self.pages.append([])
        self.y = 0.0

    def ensure(self, height: float) -> None:
        if self.y > 0 and self.y + height > self.height:
            self.new_page()

    def place(self, height: float, draw: Callable[[QPainter, QRectF], None],
              gap: float = BLOCK_GAP) -> None:
        self.ensure(height)
        self.pages[-1].append(Placed(self.y, height, draw))
        self.y += height + gap

    # -- block types --------------------------------------------------------------------

    def text(self, text: str, font_name: str, color: QColor | None = None,
             background: QColor | None = None, gap: float = BLOCK_GAP) -> None:
        color = color if color is not None else QColor("black")
        padding = 6.0 if background else 0.0
        height = text_height(text, font_name, self.width - 2 * padding) + 2 * padding

        def draw(painter: QPainter, rect: QRectF) -> None:
            if background:
                painter.fillRect(rect, background)
            painter.setFont(font(font_name))
            painter.setPen(color)
            painter.drawText(rect.adjusted(padding, padding, -padding, -padding),
                             int(Qt.TextFlag.TextWordWrap), text)

        self.place(height, draw, gap)

    def heading(self, block: Heading) -> None:
        name = "h1" if block.level == 1 else "h2"
        height = text_height(block.text, name, self.width) + 6
        # Keep a heading with at least a few lines of what follows it.
        self.ensure(height + 80)

        def draw(painter: QPainter, rect: QRectF) -> None:
            painter.setFont(font(name))
            painter.setPen(ACCENT)
            painter.drawText(rect, int(Qt.TextFlag.TextWordWrap), block.text)
            if block.level == 1:
                painter.setPen(QPen(ACCENT, 1.2))
                painter.drawLine(rect.bottomLeft(), rect.bottomRight())

        self.place(height, draw)

    def paragraph(self, block: Paragraph) -> None:
        if block.style == "warning":
            self.text(f"⚠ {block.text}", "body", QColor("#5c4400"), WARNING_BG)
        elif block.style == "note":
            self.text(block.text, "small", MUTED)
        else:
            self.text(block.text, "body")

    def key_figures(self, figures: list[KeyFigure]) -> None:
        columns = 3
        gap = 8.0
        card_width = (self.width - gap * (columns - 1)) / columns
        card_height = 64.0
        for start in range(0, len(figures), columns):
            row = figures[start:start + columns]

            def draw(painter: QPainter, rect: QRectF, row=row) -> None:
                for index, figure in enumerate(row):
                    card = QRectF(rect.left() + index * (card_width + gap), rect.top(),
                                  card_width, card_height)
                    painter.setPen(QPen(RULE, 1))
                    painter.setBrush(QColor("#f7f9fc"))
                    painter.drawRoundedRect(card, 4, 4)
                    inner = card.adjusted(8, 6, -8, -6)
                    painter.setPen(MUTED)
                    painter.setFont(font("card_label"))
                    painter.drawText(inner, int(Qt.AlignmentFlag.AlignTop), figure.label)
                    painter.setPen(QColor("black"))
                    painter.setFont(font("card_value"))
                    painter.drawText(inner.adjusted(0, 14, 0, 0),
                                     int(Qt.AlignmentFlag.AlignTop), figure.value)
                    painter.setPen(MUTED)
                    painter.setFont(font("small"))
                    painter.drawText(inner.adjusted(0, 38, 0, 0),
                                     int(Qt.AlignmentFlag.AlignTop), figure.detail)

            self.place(card_height, draw, gap=gap)
        self.y += BLOCK_GAP - gap

    def table(self, block: Table) -> None:
        widths, minimum = self._column_widths(block)
        breaking = [w < m for w, m in zip(widths, minimum, strict=True)]
        pad = 4.0

        def cell_height(cell: str, name: str, index: int) -> float:
            width = widths[index] - 2 * pad
            if breaking[index]:
                return _breaking_document(cell, name, width).size().height()
            return text_height(cell, name, width)

        def row_height(cells: list[str], bold: bool) -> float:
            name = "cell_bold" if bold else "cell"
            return max(cell_height(cell, name, i) for i, cell in enumerate(cells)) + 2 * pad

        def draw_row(cells: list[str], header: bool, bold: bool):
            def draw(painter: QPainter, rect: QRectF) -> None:
                if header:
                    painter.fillRect(rect, TABLE_HEADER_BG)
                name = "cell_bold" if header or bold else "cell"
                painter.setFont(font(name))
                painter.setPen(QColor("black"))
                x = rect.left()
                for index, (cell, width) in enumerate(zip(cells, widths, strict=True)):
                    align = (Qt.AlignmentFlag.AlignRight if index in block.numeric_columns
                             and not header else Qt.AlignmentFlag.AlignLeft)
                    cell_rect = QRectF(x + pad, rect.top() + pad, width - 2 * pad,
                                       rect.height() - 2 * pad)
                    if breaking[index]:
                        document = _breaking_document(cell, name, cell_rect.width())
                        painter.save()
                        painter.translate(cell_rect.topLeft())
                        document.drawContents(painter)
                        painter.restore()
                    else:
                        painter.drawText(cell_rect, int(align | Qt.AlignmentFlag.AlignTop)
                                         | WRAP, cell)
                    x += width
                painter.setPen(QPen(RULE, 0.8))
                painter.drawLine(rect.bottomLeft(), rect.bottomRight())
            return draw

        title_height = text_height(block.title, "h2", self.width) + 4
        header_height = row_height(block.columns, True)
        first_row = row_height(block.rows[0], False) if block.rows else 0
        self.ensure(title_height + header_height + first_row)
        self.text(block.title, "h2", ACCENT, gap=2)
        self.place(header_height, draw_row(block.columns, True, False), gap=0)
        last = len(block.rows) - 1
        for index, cells in enumerate(block.rows):
            bold = cells[0] == "Total" or (index == last and cells[0].startswith("Total"))
            height = row_height(cells, bold)
            if self.y + height > self.height:
                # Table continues on the next page under a repeated header.
                self.new_page()
                self.text(f"{block.title} (continued)", "h2", ACCENT, gap=2)
                self.place(header_height, draw_row(block.columns, True, False), gap=0)
            self.place(height, draw_row(cells, False, bold), gap=0)
        self.y += BLOCK_GAP

    def _column_widths(self, block: Table) -> tuple[list[float], list[float]]:
        """Widths, and the longest-word minimum of each column.

        Each column gets at least its longest word where the page allows; spare width is
        shared by need. When even the minima do not fit, the long-word columns narrow and
        break inside words.
        """
        metrics = QFontMetricsF(font("cell_bold"))
        pad = 10.0
        minimum, natural = [], []
        for index, column in enumerate(block.columns):
            cells = [column] + [row[index] for row in block.rows]
            natural.append(max(metrics.horizontalAdvance(c) for c in cells) + pad)
            words = [w for c in cells for w in c.split()] or [""]
            minimum.append(max(metrics.horizontalAdvance(w) for w in words) + pad)
        if sum(natural) <= self.width:
            # Spare width goes to the last text column (numbers stay beside their labels).
            text_columns = [i for i in range(len(natural)) if i not in block.numeric_columns]
            widths = list(natural)
            widths[text_columns[-1] if text_columns else -1] += self.width - sum(natural)
            return widths, minimum
        if sum(minimum) > self.width:
            # Columns with long words (file names, ids) give way in proportion to how far
            # they exceed a floor; they then break inside words, the others stay whole.
            floor = 70.0
            excess = [max(m - floor, 0.0) for m in minimum]
            deficit = sum(minimum) - self.width
            total_excess = sum(excess) or 1.0
            widths = [m - deficit * e / total_excess for m, e in zip(minimum, excess, strict=True)]
            return widths, minimum
        spare = self.width - sum(minimum)
        need = [n - m for n, m in zip(natural, minimum, strict=True)]
        total_need = sum(need) or 1.0
        return [m + spare * n / total_need for m, n in zip(minimum, need, strict=True)], minimum

    def chart(self, block: Chart) -> None:
        # The chart draws its own title, exactly as on screen.
        caption_height = text_height(block.caption, "small", self.width)
        self.ensure(CHART_HEIGHT + caption_height + 8)
        self.place(CHART_HEIGHT, lambda painter, rect: draw_chart(painter, block, rect), gap=2)
        self.text(block.caption, "small", MUTED)


def draw_chart(painter: QPainter, block: Chart, rect: QRectF) -> None:
    """Render a tab's chart class into ``rect`` as vectors."""
    widget = build_chart(block.chart_id, block.payload)
    widget.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
    widget.resize(int(rect.width()), int(rect.height()))
    widget.show()
    QApplication.processEvents()
    scene = widget.scene()
    items = [item for item in scene.items() if hasattr(item, "setExportMode")]
    options = {"antialias": True, "background": QColor("white"), "painter": painter,
               "resolutionScale": 1.0}
    source = widget.viewportTransform().inverted()[0].mapRect(QRectF(widget.rect()))
    try:
        for item in items:
            item.setExportMode(True, options)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        # Items inherit the painter's state: a brush left by earlier blocks (the summary
        # cards) would tint the plot and fill every curve path, hiding lines behind it.
        painter.setBrush(Qt.BrushStyle.NoBrush)
        scene.render(painter, rect, source)
        painter.restore()
    finally:
        for item in items:
            item.setExportMode(False, None)
        widget.close()
        widget.deleteLater()


def layout_report(report: Report, width: float, height: float) -> PdfLayout:
    layout = PdfLayout(width, height)
    options = report.options
    # Cover page.
    layout.y = height * 0.22
    layout.text(options.title, "title", ACCENT, gap=14)
    for line, name in ((options.organisation, "subtitle"), (report.scenario_name, "subtitle"),
                       (f"Prepared by {options.author}" if options.author else "", "body"),
                       (options.date, "body")):
        if line:
            layout.text(line, name, MUTED if name == "body" else QColor("black"), gap=6)
    if report.scenario_description:
        layout.y += 18
        layout.text(report.scenario_description, "body", MUTED)
    layout.y = max(layout.y, height - 60)
    layout.text("Figures computed by EconPlan from its bundled catalog; every catalog figure "
                "is listed with its source in the appendix.", "small", MUTED)
    layout.new_page()
    # Executive summary.
    layout.heading(Heading(text="Executive summary"))
    layout.key_figures(report.summary)
    layout.heading(Heading(level=2, text="Recommendation"))
    layout.paragraph(Paragraph(text=report.recommendation))
    for section in report.sections:
        layout.new_page()
        for block in section.blocks:
            if isinstance(block, Heading):
                layout.heading(block)
            elif isinstance(block, Paragraph):
                layout.paragraph(block)
            elif isinstance(block, Table):
                layout.table(block)
            elif isinstance(block, Chart):
                layout.chart(block)
    layout.new_page()
    layout.heading(Heading(text="Appendix: assumptions and sources"))
    layout.paragraph(Paragraph(text=(
        "Every catalog figure this plan used, with the document it comes from and its as-of "
        "date. Rows marked “EconPlan assumption” are defaults no source gives a figure for."),
        style="note"))
    layout.table(report.sources_table)
    return layout


def _paint_page_frame(painter: QPainter, report: Report, page: int, pages: int,
                      full: QRectF) -> None:
    painter.setFont(font("small"))
    painter.setPen(MUTED)
    header = QRectF(full.left(), full.top(), full.width(), HEADER_HEIGHT - 8)
    painter.drawText(header, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                     f"{report.options.title} — {report.scenario_name}")
    painter.drawText(header, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                     report.options.organisation or report.options.date)
    painter.setPen(QPen(RULE, 0.8))
    painter.drawLine(header.bottomLeft(), header.bottomRight())
    footer = QRectF(full.left(), full.bottom() - FOOTER_HEIGHT + 6, full.width(),
                    FOOTER_HEIGHT - 6)
    painter.setPen(MUTED)
    painter.drawText(footer, int(Qt.AlignmentFlag.AlignCenter), f"page {page} of {pages}")


def write_report_pdf(report: Report, path: str | os.PathLike[str],
                     progress: ProgressCallback | None = None) -> int:
    """Write the proposal to ``path``; returns the page count.

    ``progress(done, total)`` is called after each page; returning False
    cancels (ExportCancelled), leaving no file behind.
    """
    with atomic_path(path) as tmp:
        return _render(report, str(tmp), progress)


def _render(report: Report, filename: str, progress: ProgressCallback | None) -> int:
    register_bundled_fonts()  # the PDF embeds these; never depend on system fonts
    writer = QPdfWriter(filename)
    writer.setResolution(DPI)
    page_size = QPageSize(QPageSize.PageSizeId.A4 if report.options.page_size == "A4"
                          else QPageSize.PageSizeId.Letter)
    writer.setPageLayout(QPageLayout(page_size, QPageLayout.Orientation.Portrait,
                                     QMarginsF(16, 14, 16, 14), QPageLayout.Unit.Millimeter))
    writer.setTitle(f"{report.options.title} — {report.scenario_name}")
    writer.setCreator("EconPlan")
    writer.setAuthor(report.options.author)
    full = QRectF(writer.pageLayout().paintRectPixels(DPI))
    full.moveTo(0, 0)
    content = QRectF(full.left(), full.top() + HEADER_HEIGHT, full.width(),
                     full.height() - HEADER_HEIGHT - FOOTER_HEIGHT)
    layout = layout_report(report, content.width(), content.height())
    pages = [page for page in layout.pages if page]
    painter = QPainter()
    if not painter.begin(writer):
        # The atomic writer adds the user's path; ``filename`` is its hidden temporary file.
        raise OSError("cannot draw into the PDF file")
    try:
        for number, page in enumerate(pages, 1):
            if number > 1:
                writer.newPage()
            if number > 1:  # the cover carries no running header
                _paint_page_frame(painter, report, number, len(pages), full)
            for placed in page:
                placed.draw(painter, QRectF(content.left(), content.top() + placed.y,
                                            content.width(), placed.height))
            if progress is not None and not progress(number, len(pages)):
                raise ExportCancelled("export cancelled")
    finally:
        painter.end()
    return len(pages)

