"""The executive summary's own drawings: the budget cards and the spend-by-quarter chart.

The chart is painted straight onto the PDF's painter (vector paths and real text), sized
to its slot so labels never overlap: the y axis gets as many ticks as fit, and quarter
labels are shortened when the bars are narrow.
"""

from __future__ import annotations

import math

from econplan.core.formatting import usd
from econplan.core.report import Report, Table
from econplan.core.report_budget import Budget, money
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPen

# One colour per planner, the same in the table legend and the bars.
PLANNER_COLOURS = {
    "training": QColor("#1f4e79"), "dataset": QColor("#6a9fd4"), "playbook": QColor("#e07b39"),
    "routing": QColor("#7aa95c"), "breakeven": QColor("#9b59b6"),
}
AXIS = QColor("#555555")
GRID = QColor("#e3e3e3")


def _round_step(value: float) -> float:
    """The smallest 1, 2 or 5 × 10^k at or above ``value``."""
    power = 10.0 ** math.floor(math.log10(value))
    return next(step * power for step in (1, 2, 5, 10) if step * power >= value * (1 - 1e-9))


TOTAL_KEYS = ("one_off", "recurring_per_year", "horizon_total")


def spread_bands(report: Report) -> dict[str, tuple[float, float, float]]:
    """The budget totals' (P10, P50, P90) that the draws spread; a total no range input
    moves has no band to show."""
    if report.bands is None:
        return {}
    return {key: band for key, band in report.bands.totals.items() if band[0] != band[2]}


def band_text(band: tuple[float, float, float]) -> str:
    p10, p50, p90 = band
    return f"P50 {money(p50)} · P10–P90 {money(p10)}–{money(p90)}"


def bands_note(report: Report) -> str:
    """How the base figures and the bands were reached, in one sentence for the summary."""
    base = "Base: the formulas with every range input at its midpoint."
    if not spread_bands(report):
        return base
    bands = report.bands
    assert bands is not None
    # "Draw set", not "seed": the reader's word for what makes the draws repeatable.
    return (f"{base} P50 and P10–P90: {bands.draws:,} Monte Carlo draws (draw set "
            f"{bands.seed}) of those ranges, each draw adding up the included plans with "
            "money two plans share counted once.")


def budget_table(report: Report) -> Table:
    """The budget to approve: one line per included planner, the totals and their bands."""
    budget = report.budget
    rows, values = [], []
    for line in budget.lines:
        text = line.label + (f" ({line.note})" if line.note else "")
        cells = [text, money(line.one_off.base), money(line.recurring_per_year.base),
                 money(sum(line.quarters))]
        rows.append(cells)
        values.append([text, line.one_off.base, line.recurring_per_year.base,
                       sum(line.quarters)])
    one_off, recurring = budget.one_off, budget.recurring_per_year
    totals = [one_off.base, recurring.base, budget.horizon_total]
    rows.append(["Total", *[money(v) for v in totals]])
    values.append(["Total", *totals])
    bands = spread_bands(report)
    if bands:
        draws = report.bands.draws if report.bands else 0
        # One row of P50s and one of P10–P90 spans: a cell holds one figure or one span.
        p50 = [bands[k][1] if k in bands else v for k, v in zip(TOTAL_KEYS, totals, strict=True)]
        rows.append([f"P50 of the total ({draws:,} draws)", *[money(v) for v in p50]])
        values.append([rows[-1][0], *p50])
        spans = [f"{money(bands[k][0])}–{money(bands[k][2])}" if k in bands else "no range"
                 for k in TOTAL_KEYS]
        rows.append(["P10–P90 of the total", *spans])
        values.append([rows[-1][0], *spans])
    return Table(table_id="budget",
                 title="Budget to approve (base case: every range at its midpoint)",
                 columns=["Item", "One-off", "Recurring a year",
                          f"Over {budget.horizon_quarters} quarters"],
                 rows=rows, values=values, numeric_columns=[1, 2, 3])


def quarter_table(report: Report) -> Table:
    budget = report.budget
    columns = ["Item", *[f"Q{q + 1}" for q in range(budget.horizon_quarters)]]
    # A line with no spend of its own (counted under another planner) is left out here;
    # the budget table above says where it is counted.
    spending = [line for line in budget.lines if any(line.quarters)]
    rows = [[_short_label(line.planner_id, report), *[money(v) if v else "—"
                                                       for v in line.quarters]]
            for line in spending]
    rows.append(["Total", *[money(v) for v in budget.quarter_totals]])
    values = [[row[0], *line.quarters] for row, line in zip(rows, spending, strict=False)]
    return Table(table_id="budget_quarters", title="Spend by quarter (base case)",
                 columns=columns, rows=rows,
                 values=[*values, ["Total", *budget.quarter_totals]],
                 numeric_columns=list(range(1, len(columns))))


def _short_label(planner_id: str, report: Report) -> str:
    return next(s.title for s in report.sections if s.planner_id == planner_id)


def _legend_rows(budget: Budget, titles: dict[str, str], metrics: QFontMetricsF,
                 width: float) -> list[list[tuple[str, str, float]]]:
    rows: list[list[tuple[str, str, float]]] = [[]]
    used = 0.0
    for line in budget.lines:
        if not any(line.quarters):
            continue
        label = metrics.elidedText(titles[line.planner_id], Qt.TextElideMode.ElideRight,
                                   width - 14)
        item = metrics.horizontalAdvance(label) + 14
        if rows[-1] and used + item > width:
            rows.append([])
            used = 0.0
        rows[-1].append((line.planner_id, label, item))
        used += item + 10
    return rows


def draw_quarter_chart(painter: QPainter, rect: QRectF, budget: Budget, titles: dict[str, str],
                       font_small, font_title) -> None:
    """Stacked bars of each quarter's spend by planner, with a y axis in dollars."""
    painter.save()
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setFont(font_title)
    painter.setPen(QColor("black"))
    title_metrics = QFontMetricsF(font_title)
    painter.drawText(QRectF(rect.left(), rect.top(), rect.width(), title_metrics.height()),
                     int(Qt.AlignmentFlag.AlignLeft), "Spend by quarter")
    metrics = QFontMetricsF(font_small)
    line_h = metrics.height()
    totals = budget.quarter_totals
    peak = max(totals) if totals and max(totals) > 0 else 1.0
    legend_rows = 1
    for _ in range(2):  # the ticks fit the plot's height, which the legend's rows set
        plot_h = rect.height() - title_metrics.height() - line_h * (2 + legend_rows) - 8
        # As many round steps ($5K, $10K … never $18.8K) as labels fit, at most four.
        intervals = max(1, min(4, int(plot_h / (line_h * 1.15))))
        step = _round_step(peak / intervals)
        ticks = [step * i for i in range(int(peak / step + 0.999999) + 1)]
        axis_w = max(metrics.horizontalAdvance(usd(t)) for t in ticks) + 6
        # The legend flows left to right under the axis, wrapping only when a row is full.
        legend = _legend_rows(budget, titles, metrics, rect.width() - axis_w - 4)
        if len(legend) == legend_rows:
            break
        legend_rows = len(legend)
    top_value = ticks[-1]
    plot = QRectF(rect.left() + axis_w, rect.top() + title_metrics.height() + line_h / 2,
                  rect.width() - axis_w - 4,
                  rect.height() - title_metrics.height() - line_h * (2 + len(legend)) - 8)
    painter.setFont(font_small)
    for tick in ticks:
        y = plot.bottom() - plot.height() * tick / top_value
        painter.setPen(QPen(GRID, 0.6))
        painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
        painter.setPen(AXIS)
        painter.drawText(QRectF(rect.left(), y - line_h / 2, axis_w - 4, line_h),
                         int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                         usd(tick))
    count = budget.horizon_quarters
    slot = plot.width() / max(count, 1)
    bar_w = slot * 0.62
    # Labels are thinned when even "Q10" is wider than a bar slot.
    label_every = 1
    while metrics.horizontalAdvance(f"Q{count}") * 1.3 > slot * label_every:
        label_every += 1
    for q in range(count):
        x = plot.left() + q * slot + (slot - bar_w) / 2
        y = plot.bottom()
        for line in budget.lines:
            value = line.quarters[q]
            if value <= 0:
                continue
            h = plot.height() * value / top_value
            painter.fillRect(QRectF(x, y - h, bar_w, h), PLANNER_COLOURS[line.planner_id])
            y -= h
        if q % label_every == 0:
            painter.setPen(AXIS)
            painter.drawText(QRectF(plot.left() + q * slot, plot.bottom() + 2, slot, line_h),
                             int(Qt.AlignmentFlag.AlignHCenter), f"Q{q + 1}")
    painter.setPen(QPen(AXIS, 0.8))
    painter.drawLine(plot.bottomLeft(), plot.bottomRight())
    y = plot.bottom() + line_h + 6
    for row in legend:
        x = plot.left()
        for planner_id, label, width in row:
            painter.fillRect(QRectF(x, y + 2, 9, line_h - 4), PLANNER_COLOURS[planner_id])
            painter.setPen(QColor("black"))
            painter.drawText(QRectF(x + 13, y, width - 13, line_h),
                             int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                             label)
            x += width + 10
        y += line_h
    painter.restore()
