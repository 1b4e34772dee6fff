"""Builds a tab's chart from a report chart spec, so the PDF shows what the screen shows."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pyqtgraph as pg

from core.training import TrainingResult
from desktop.charts import CostBreakdownChart, ReferenceRunsChart


def _training_cost_breakdown(payload: dict[str, Any]) -> pg.PlotWidget:
    chart = CostBreakdownChart()
    chart.update_result(TrainingResult.model_validate(payload))
    return chart


def _training_reference_runs(payload: dict[str, Any]) -> pg.PlotWidget:
    result = TrainingResult.model_validate(payload)
    chart = ReferenceRunsChart()
    chart.set_references(result.references)
    chart.update_result(result)
    return chart


CHART_BUILDERS: dict[str, Callable[[dict[str, Any]], pg.PlotWidget]] = {
    "training_cost_breakdown": _training_cost_breakdown,
    "training_reference_runs": _training_reference_runs,
}


def build_chart(chart_id: str, payload: dict[str, Any]) -> pg.PlotWidget:
    try:
        builder = CHART_BUILDERS[chart_id]
    except KeyError:
        raise ValueError(f"no chart builder for {chart_id!r}") from None
    return builder(payload)
