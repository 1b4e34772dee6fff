"""Draws a ``core.report.Report`` as a PDF budget proposal.

Recipe from DESIGN.md: one QPdfWriter at 96 dpi and one QPainter; charts are
the tabs' own chart classes built off-screen, resized, switched to pyqtgraph's
export mode (so scatter symbols are paths, not bitmaps) and rendered from
their scene as vectors. Layout runs in two passes — place every block on
pages, then paint — so each page can say "page 3 of 12". The file is written
beside the target and renamed, so a failed or cancelled export leaves nothing.
"""

from __future__ import annotations

import atexit
import os
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache

import pyqtgraph as pg
from econplan.core.atomic_write import atomic_path
from econplan.core.formatting import range_text, usd
from econplan.core.provenance import readable
from econplan.core.report import (
    Chart,
    Heading,
    KeyFigure,
    Paragraph,
    Report,
    ReportSection,
    Table,
)
from econplan.desktop.chart_factory import build_chart, update_chart
from econplan.desktop.fonts import register_bundled_fonts
from econplan.desktop.pdf_metadata import add_outline_and_metadata
from econplan.desktop.pdf_summary import (
    band_text,
    bands_note,
    budget_table,
    draw_quarter_chart,
    money,
    quarter_table,
    spread_bands,
)
from PySide6.QtCore import QMarginsF, QRectF, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QFontMetricsF,
    QPageLayout,
    QPageSize,
    QPainter,
    QPalette,
    QPdfWriter,
    QPen,
    QTextDocument,
    QTextOption,
)
from PySide6.QtWidgets import QApplication, QGraphicsItem, QGraphicsTextItem

DPI = 96
FONT_FAMILY = "DejaVu Sans"
HEADER_HEIGHT = 26.0
FOOTER_HEIGHT = 22.0
BLOCK_GAP = 10.0
CHART_HEIGHT = 300.0
PAIRED_CHART_HEIGHT = 250.0
MIN_CHART_HEIGHT = 160.0
MIN_CHART_RENDER_WIDTH = 470.0
# A planner's section shares the page before it when that page is less than this full.
SECTION_SHARES_PAGE_BELOW = 0.45
PAIR_GAP = 14.0
CARD_GAP = 8.0
# The summary's spend-by-quarter chart, and its height when the page is short.
SUMMARY_CHART_HEIGHT = 128.0
COMPACT_CHART_HEIGHT = 104.0
CARD_PADDING = 6.0
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


@cache
def font(name: str) -> QFont:
    """One font per style: building a QFont was a few thousand calls per proposal."""
    size, bold = FONTS[name]
    return _font(size, bold)


@cache
def metrics_of(name: str) -> QFontMetricsF:
    register_bundled_fonts()  # metrics of an unregistered family would be a fallback's
    return QFontMetricsF(font(name))


WRAP = int(Qt.TextFlag.TextWordWrap)


@lru_cache(maxsize=4096)
def text_height(text: str, font_name: str, width: float) -> float:
    # Layout asks for the same cell and caption heights many times (row heights, then
    # whether a table fits); each answer is a full text layout.
    return metrics_of(font_name).boundingRect(QRectF(0, 0, width, 1e6), WRAP, text).height()


def _breaking_document(text: str, font_name: str, width: float) -> QTextDocument:
    """Text that wraps at spaces and, only where a word is too long, inside the word."""
    document = QTextDocument()
    document.setDocumentMargin(0)
    document.setDefaultFont(font(font_name))
    option = QTextOption()
    # Break inside a word only when some word is wider than the line: otherwise Qt's
    # "boundary or anywhere" mode may still split a word at a line end.
    metrics = metrics_of(font_name)
    too_wide = any(metrics.horizontalAdvance(word) > width for word in text.split())
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere if too_wide
                       else QTextOption.WrapMode.WordWrap)
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

        # (section title, the page it starts on) for the PDF's bookmarks.
        self.bookmarks: list[tuple[str, list[Placed]]] = []

    def new_page(self) -> None:
        if self.pages[-1]:
            self.pages.append([])
        self.y = 0.0

    def bookmark(self, title: str) -> None:
        """Mark the current page as where ``title`` starts (call after its heading)."""
        self.bookmarks.append((title, self.pages[-1]))

    def flow(self, text: str, font_name: str, color: QColor | None = None,
             gap: float = BLOCK_GAP) -> None:
        """Text of any length: wraps (inside a word only when a word is wider than the
        page) and continues on the next page, so no word is lost or drawn over the footer."""
        color = color if color is not None else QColor("black")
        words = text.split(" ")
        while words:
            room = self.height - self.y
            whole = _breaking_document(" ".join(words), font_name, self.width)
            if whole.size().height() <= room:
                self._place_document(whole, color, gap)
                return
            # The most words that fit in the room left (binary search on the word count).
            low, high = 0, len(words)
            while low < high:
                middle = (low + high + 1) // 2
                size = _breaking_document(" ".join(words[:middle]), font_name,
                                          self.width).size().height()
                low, high = (middle, high) if size <= room else (low, middle - 1)
            if low == 0:
                if self.y == 0:  # one word taller than a page cannot happen at these sizes
                    low = 1
                else:
                    self.new_page()
                    continue
            self._place_document(_breaking_document(" ".join(words[:low]), font_name,
                                                    self.width), color, 0)
            words = words[low:]
            self.new_page()

    def _place_document(self, document: QTextDocument, color: QColor, gap: float) -> None:
        document.setDefaultStyleSheet("")
        height = document.size().height()

        def draw(painter: QPainter, rect: QRectF, document=document) -> None:
            painter.save()
            painter.translate(rect.topLeft())
            painter.setPen(color)
            context = QAbstractTextDocumentLayout.PaintContext()
            context.palette.setColor(QPalette.ColorRole.Text, color)
            document.documentLayout().draw(painter, context)
            painter.restore()

        self.pages[-1].append(Placed(self.y, height, draw))
        self.y += height + gap

    def side_by_side(self, height: float, left: Callable[[QPainter, QRectF], None],
                     right: Callable[[QPainter, QRectF], None]) -> None:
        """Two drawings in one row, each half the width."""
        half = (self.width - PAIR_GAP) / 2

        def draw(painter: QPainter, rect: QRectF) -> None:
            left(painter, QRectF(rect.left(), rect.top(), half, rect.height()))
            right(painter, QRectF(rect.left() + half + PAIR_GAP, rect.top(), half,
                                  rect.height()))

        self.place(height, draw)

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

    def card_text_width(self, columns: int = 3) -> float:
        return (self.width - CARD_GAP * (columns - 1)) / columns - 2 * CARD_PADDING

    def key_figures(self, figures: list[KeyFigure]) -> None:
        columns = 3
        gap = CARD_GAP
        card_width = (self.width - gap * (columns - 1)) / columns
        for start in range(0, len(figures), columns):
            row = figures[start:start + columns]
            # The line under the value wraps rather than running out of its card.
            details = [text_height(f.detail, "small", card_width - 2 * CARD_PADDING)
                       if f.detail else 0.0
                       for f in row]
            card_height = max(64.0, 50.0 + max(details))

            def draw(painter: QPainter, rect: QRectF, row=row, card_height=card_height) -> None:
                for index, figure in enumerate(row):
                    card = QRectF(rect.left() + index * (card_width + gap), rect.top(),
                                  card_width, card_height)
                    painter.setPen(QPen(RULE, 1))
                    painter.setBrush(QColor("#f7f9fc"))
                    painter.drawRoundedRect(card, 4, 4)
                    painter.setBrush(Qt.BrushStyle.NoBrush)
                    inner = card.adjusted(CARD_PADDING, 6, -CARD_PADDING, -6)
                    painter.setPen(MUTED)
                    painter.setFont(font("card_label"))
                    label = metrics_of("card_label").elidedText(
                        figure.label, Qt.TextElideMode.ElideRight, inner.width())
                    painter.drawText(inner, int(Qt.AlignmentFlag.AlignTop), label)
                    painter.setPen(QColor("black"))
                    painter.setFont(font("card_value"))
                    painter.drawText(inner.adjusted(0, 14, 0, 0),
                                     int(Qt.AlignmentFlag.AlignTop), figure.value)
                    painter.setPen(MUTED)
                    painter.setFont(font("small"))
                    painter.drawText(inner.adjusted(0, 38, 0, 0),
                                     int(Qt.AlignmentFlag.AlignTop) | WRAP, figure.detail)

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
        heights = [row_height(cells, False) for cells in block.rows]
        whole = title_height + header_height + sum(heights)
        if whole <= self.height * 0.4:
            # A short table stays in one piece: no lone row continued on the next page.
            self.ensure(whole)
        else:
            self.ensure(title_height + header_height + sum(heights[:3]))
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
        metrics = metrics_of("cell_bold")
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


    def chart_pair(self, first: Chart, second: Chart) -> None:
        """Two charts side by side, each with its caption under it."""
        half = (self.width - PAIR_GAP) / 2
        captions = [text_height(c.caption, "small", half) for c in (first, second)]
        caption = max(captions) + 6
        room = self.height - self.y - caption
        # Fill what is left of the page rather than leave it empty, down to a readable size.
        chart_height = room if MIN_CHART_HEIGHT <= room < PAIRED_CHART_HEIGHT \
            else PAIRED_CHART_HEIGHT
        height = chart_height + caption

        def draw(painter: QPainter, rect: QRectF) -> None:
            for index, block in enumerate((first, second)):
                left = rect.left() + index * (half + PAIR_GAP)
                draw_chart(painter, block, QRectF(left, rect.top(), half, chart_height))
                painter.setFont(font("small"))
                painter.setPen(MUTED)
                painter.drawText(QRectF(left, rect.top() + chart_height + 4, half,
                                        captions[index] + 2), WRAP, block.caption)

        self.place(height, draw)


def _readable_labels(scene) -> None:
    """Chart legends and labels as a proposal reader should see them: the tabs' charts may
    name a source document by its internal key, the proposal names it by its title."""
    for item in scene.items():
        if isinstance(item, QGraphicsTextItem):
            html = item.toHtml()
            text = readable(html)
            if text != html:
                item.setHtml(text)


# Chart widgets already built, one per chart id, kept between proposals: building a chart
# (its plot item, axes and menus) was a third of a proposal's time, and updating one in
# place with new figures is what its tab does on every edit.
_built_charts: dict[str, pg.PlotWidget] = {}


def _chart_widget(block: Chart) -> pg.PlotWidget:
    widget = _built_charts.pop(block.chart_id, None)
    if widget is None:
        widget = build_chart(block.chart_id, block.payload)
        widget.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
    else:
        update_chart(widget, block.chart_id, block.payload)
    return widget


def prepare_chart(block: Chart) -> None:
    """Build ``block``'s chart widget ahead of the proposal that will draw it (while the
    export dialog waits for the user); a chart already built is left as it is."""
    if block.chart_id not in _built_charts:
        widget = build_chart(block.chart_id, block.payload)
        widget.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
        _built_charts[block.chart_id] = widget


def release_charts() -> None:
    """Let the kept chart widgets go while Qt is still up (they have no parent: dropping
    the last reference deletes them)."""
    while _built_charts:
        _built_charts.popitem()[1].close()


atexit.register(release_charts)  # runs before PySide's own exit clean-up (registered earlier)


def draw_chart(painter: QPainter, block: Chart, rect: QRectF) -> None:
    """Render a tab's chart class into ``rect`` as vectors."""
    widget = _chart_widget(block)
    # A narrow slot (two charts to a row) is drawn as a wider chart scaled down, so long
    # axis titles and end labels keep the room they have on screen instead of clipping.
    scale = max(1.0, MIN_CHART_RENDER_WIDTH / rect.width())
    widget.resize(int(rect.width() * scale), int(rect.height() * scale))
    widget.show()
    QApplication.processEvents()
    scene = widget.scene()
    _readable_labels(scene)
    items = [item for item in scene.items() if hasattr(item, "setExportMode")]
    options = {"antialias": True, "background": QColor("white"), "painter": painter,
               "resolutionScale": 1.0}
    source = widget.viewportTransform().inverted()[0].mapRect(QRectF(widget.rect()))
    # A legend ignores transformations (on screen it keeps its size while the plot zooms),
    # so a chart drawn scaled down into a half-width slot kept a full-size legend that ran
    # over the plan's label and off the chart: in the PDF it scales with its chart.
    legends = [item for item in scene.items() if isinstance(item, pg.LegendItem)
               and item.flags() & QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations]
    try:
        for legend in legends:
            legend.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations, False)
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
        for legend in legends:
            legend.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations, True)
        widget.hide()
        _built_charts[block.chart_id] = widget


def _purpose(report: Report, limit: int = 160) -> str:
    """The plan's purpose for the summary page: its description, shortened at a word."""
    text = " ".join(report.scenario_description.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return f"{cut} … (the full description is on the cover)"


def _budget_cards(report: Report, width: float | None = None) -> list[KeyFigure]:
    """The three budget cards; ``width``: the cards' text width, where a band too wide for
    one line is split at its "·" rather than wherever the line happens to end."""
    budget = report.budget
    bands = spread_bands(report)

    def band_lines(band: tuple[float, float, float]) -> list[str]:
        text = band_text(band)
        if width is None or metrics_of("small").horizontalAdvance(text) <= width:
            return [text]
        return text.split(" · ")

    def card(key: str, label: str, low: float, base: float, high: float,
             caption: str = "") -> KeyFigure:
        # With draws, the band says what to expect; without, the low–high range (every
        # input at one end at once) is what the card can say.
        if key in bands:
            lines = band_lines(bands[key])
        else:
            lines = [] if low == high else [f"range {money(low)} – {money(high)}"]
        if caption:
            lines.append(caption)
        return KeyFigure(key=key, label=label, value=money(base), caption="\n".join(lines))

    one_off, recurring = budget.one_off, budget.recurring_per_year
    quarters = budget.horizon_quarters
    return [
        card("one_off", "One-off budget", one_off.low, one_off.base, one_off.high),
        card("recurring_per_year", "Recurring, a year", recurring.low, recurring.base,
             recurring.high),
        card("horizon_total", f"Spend over {quarters} quarters", budget.horizon_total,
             budget.horizon_total, budget.horizon_total),
    ]


def _drivers_text(report: Report) -> str:
    if not report.drivers:
        return ("No range input of the included planners moves the budget: every figure "
                "it rests on is a single number.")
    quarters = report.budget.horizon_quarters
    lines = [f"The inputs that move the {quarters}-quarter spend most, each swept from its "
             "low to its high end with the others at their midpoint:"]
    for number, driver in enumerate(report.drivers, 1):
        span = range_text(driver.low_input, driver.high_input)
        lines.append(f"{number}. {driver.label} ({span}): {usd(driver.budget_at_low)} to "
                     f"{usd(driver.budget_at_high)}.")
    return "\n".join(lines)


def _executive_summary(layout: PdfLayout, report: Report) -> None:
    """The summary on one page: when everything does not fit (five planners on Letter),
    the purpose is left to the cover and the spend chart shortened to its neighbour."""
    trial = PdfLayout(layout.width, 1e6)
    _summary_blocks(trial, report, compact=False)
    _summary_blocks(layout, report, compact=trial.y > layout.height - layout.y)


def _summary_blocks(layout: PdfLayout, report: Report, compact: bool) -> None:
    layout.heading(Heading(text="Executive summary"))
    layout.bookmark("Executive summary")
    layout.text(report.scenario_name, "h2", QColor("black"), gap=3)
    if report.scenario_description.strip() and not compact:
        layout.flow(_purpose(report), "body", MUTED)
    layout.key_figures(_budget_cards(report, layout.card_text_width(3)))
    layout.text(bands_note(report), "small", MUTED, gap=6)
    layout.table(budget_table(report))
    titles = {s.planner_id: s.title for s in report.sections}
    chart_height = SUMMARY_CHART_HEIGHT
    drivers = _drivers_text(report)

    def draw_chart_slot(painter: QPainter, rect: QRectF) -> None:
        draw_quarter_chart(painter, rect, report.budget, titles, font("small"), font("h2"))

    def draw_drivers_slot(painter: QPainter, rect: QRectF) -> None:
        painter.setFont(font("h2"))
        painter.setPen(ACCENT)
        title_h = metrics_of("h2").height()
        painter.drawText(QRectF(rect.left(), rect.top(), rect.width(), title_h),
                         int(Qt.AlignmentFlag.AlignLeft), "What moves the budget")
        document = _breaking_document(drivers, "small", rect.width())
        painter.save()
        painter.translate(rect.left(), rect.top() + title_h + 4)
        document.drawContents(painter)
        painter.restore()

    drivers_h = (metrics_of("h2").height() + 4
                 + _breaking_document(drivers, "small", layout.width / 2 - 8).size().height())
    if compact:
        chart_height = COMPACT_CHART_HEIGHT
    layout.side_by_side(max(chart_height, drivers_h), draw_chart_slot, draw_drivers_slot)
    layout.table(quarter_table(report))
    layout.text("Recommendations", "h2", ACCENT, gap=3)
    for recommendation in report.recommendations:
        layout.flow(f"{recommendation.title}: {recommendation.text}", "small", gap=2)


def _comparison(layout: PdfLayout, section: ReportSection, height: float) -> None:
    if layout.y > height * SECTION_SHARES_PAGE_BELOW:
        layout.new_page()
    else:
        layout.y += 2 * BLOCK_GAP
    for block in section.blocks:
        if isinstance(block, Heading):
            layout.heading(block)
            layout.bookmark("Comparison")
        elif isinstance(block, Paragraph):
            layout.paragraph(block)
        elif isinstance(block, Table):
            layout.table(block)


def _sensitivity(layout: PdfLayout, report: Report) -> None:
    layout.new_page()
    layout.heading(Heading(text="Sensitivity"))
    layout.bookmark("Sensitivity")
    quarters = report.budget.horizon_quarters
    layout.paragraph(Paragraph(style="note", text=(
        f"Each range input swept from its low to its high end, the others at their midpoint; "
        f"the spend over {quarters} quarters at each end.")))
    rows = [[d.label, range_text(d.low_input, d.high_input), usd(d.budget_at_low),
             usd(d.budget_at_high), usd(d.swing)] for d in report.sensitivity]
    layout.table(Table(table_id="sensitivity", title="Inputs by their effect on the budget",
                       columns=["Input", "Range", "At low", "At high", "Swing"], rows=rows,
                       values=rows, numeric_columns=[2, 3, 4]))


def layout_report(report: Report, width: float, height: float) -> PdfLayout:
    layout = PdfLayout(width, height)
    options = report.options
    # Cover page: the title block, then the description, which flows on as far as it needs.
    layout.y = height * 0.16
    layout.flow(options.title, "title", ACCENT, gap=14)
    for line, name in ((options.organisation, "subtitle"), (report.scenario_name, "subtitle"),
                       (f"Prepared by {options.author}" if options.author else "", "body"),
                       (options.date, "body")):
        if line:
            layout.flow(line, name, MUTED if name == "body" else QColor("black"), gap=6)
    layout.y += 10
    layout.flow("Figures computed by EconPlan from its bundled catalog"
                + ("; the appendix lists the documents they come from."
                   if report.sources_table is not None else "."), "small", MUTED)
    if report.scenario_description.strip():
        layout.y += 14
        for paragraph in report.scenario_description.split("\n"):
            if paragraph.strip():
                layout.flow(paragraph, "body", gap=6)
    layout.new_page()
    _executive_summary(layout, report)
    for section in report.sections:
        # A section starts on a new page unless the page it would follow is mostly empty.
        if layout.y > height * SECTION_SHARES_PAGE_BELOW:
            layout.new_page()
        else:
            layout.y += 2 * BLOCK_GAP
        blocks = section.blocks
        index = 0
        while index < len(blocks):
            block = blocks[index]
            if isinstance(block, Heading):
                layout.heading(block)
                if block.level == 1 and index == 0:
                    layout.bookmark(block.text)
                    # The section opens with the headline cards its tab shows.
                    layout.key_figures(section.key_figures)
            elif isinstance(block, Paragraph):
                layout.paragraph(block)
            elif isinstance(block, Table):
                layout.table(block)
            elif isinstance(block, Chart):
                following = blocks[index + 1] if index + 1 < len(blocks) else None
                if isinstance(following, Chart):
                    layout.chart_pair(block, following)  # two to a row: no half-empty page
                    index += 1
                else:
                    layout.chart(block)
            index += 1
    if report.comparison is not None:
        _comparison(layout, report.comparison, height)
    if report.sensitivity:
        _sensitivity(layout, report)
    if report.sources_table is not None:
        if layout.y > height * SECTION_SHARES_PAGE_BELOW:
            layout.new_page()
        else:
            layout.y += 2 * BLOCK_GAP
        layout.heading(Heading(text="Appendix: sources"))
        layout.bookmark("Appendix: sources")
        layout.paragraph(Paragraph(text=(
            "The documents the plan's figures come from, with each document's date; "
            "“EconPlan planning assumptions” are defaults no document gives a figure for, "
            "and each can be changed in the plan."), style="note"))
        if report.options.appendix == "compact":
            # One entry per document: its name line, then the figures taken from it.
            for document, figures in report.sources_table.rows:
                layout.flow(document, "cell_bold", gap=1)
                layout.flow(figures, "small", MUTED, gap=7)
        else:
            layout.table(report.sources_table)
    return layout


def _paint_page_frame(painter: QPainter, report: Report, page: int, pages: int,
                      full: QRectF) -> None:
    painter.setFont(font("small"))
    painter.setPen(MUTED)
    header = QRectF(full.left(), full.top(), full.width(), HEADER_HEIGHT - 8)
    metrics = metrics_of("small")
    # Long titles and organisations are cut with "…" so they never run into each other.
    right = metrics.elidedText(report.options.organisation or report.options.date,
                               Qt.TextElideMode.ElideRight, full.width() * 0.35)
    left_width = full.width() - metrics.horizontalAdvance(right) - 24
    left = metrics.elidedText(f"{report.options.title} — {report.scenario_name}",
                              Qt.TextElideMode.ElideRight, left_width)
    painter.drawText(header, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                     left)
    painter.drawText(header, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                     right)
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
    page_index = {id(page): number for number, page in enumerate(pages)}
    bookmarks = [(title, page_index[id(page)]) for title, page in layout.bookmarks
                 if id(page) in page_index]
    add_outline_and_metadata(filename, bookmarks, _metadata(report))
    return len(pages)


def _metadata(report: Report) -> dict[str, str]:
    options = report.options
    titles = [section.title for section in report.sections]
    return {
        "Title": f"{options.title} — {report.scenario_name}",
        "Author": options.author or options.organisation,
        "Subject": f"Budget proposal: {', '.join(titles)}",
        "Keywords": ", ".join(["AI budget", "proposal", *titles]),
        "Creator": "EconPlan",
    }

