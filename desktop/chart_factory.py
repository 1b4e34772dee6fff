"""Builds a tab's chart from a report chart spec, so the PDF shows what the screen shows."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pyqtgraph as pg
from econplan.core.breakeven import BreakevenResult
from econplan.core.dataset import DatasetResult
from econplan.core.playbook import PlaybookResult
from econplan.core.routing import RoutingResult
from econplan.core.training import TrainingResult
from econplan.desktop import theme
from econplan.desktop.breakeven_charts import CumulativeCostChart, VolumeCostChart
from econplan.desktop.charts import CostBreakdownChart, ReferenceRunsChart
from econplan.desktop.dataset_charts import CompositionChart, TokensVsParamsChart
from econplan.desktop.playbook_charts import CumulativeSpendChart, GanttChart
from econplan.desktop.routing_charts import (
    PriceTrajectoryChart,
    ReasoningMultiplierChart,
    RoleOverspendChart,
)
from econplan.desktop.serving_chart import RooflineChart


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


def _dataset_tokens_vs_params(payload: dict[str, Any]) -> pg.PlotWidget:
    result = DatasetResult.model_validate(payload)
    chart = TokensVsParamsChart()
    chart.set_references(result.references, result.practical_rows)
    chart.update_result(result)
    return chart


def _dataset_composition(payload: dict[str, Any]) -> pg.PlotWidget:
    chart = CompositionChart()
    chart.update_result(DatasetResult.model_validate(payload))
    return chart


def _playbook_timeline(payload: dict[str, Any]) -> pg.PlotWidget:
    chart = GanttChart()
    chart.update_result(PlaybookResult.model_validate(payload))
    return chart


def _playbook_cumulative_spend(payload: dict[str, Any]) -> pg.PlotWidget:
    chart = CumulativeSpendChart()
    chart.update_result(PlaybookResult.model_validate(payload))
    return chart


def _routing_chart(chart_class: type[pg.PlotWidget]) -> Callable[[dict[str, Any]], pg.PlotWidget]:
    def build(payload: dict[str, Any]) -> pg.PlotWidget:
        chart = chart_class()
        chart.update_result(RoutingResult.model_validate(payload))
        return chart
    return build


def _breakeven_chart(chart_class: type[pg.PlotWidget]) -> Callable[[dict[str, Any]], pg.PlotWidget]:
    def build(payload: dict[str, Any]) -> pg.PlotWidget:
        chart = chart_class()
        chart.update_result(BreakevenResult.model_validate(payload))
        return chart
    return build


CHART_BUILDERS: dict[str, Callable[[dict[str, Any]], pg.PlotWidget]] = {
    "training_cost_breakdown": _training_cost_breakdown,
    "training_reference_runs": _training_reference_runs,
    "dataset_tokens_vs_params": _dataset_tokens_vs_params,
    "dataset_composition": _dataset_composition,
    "playbook_timeline": _playbook_timeline,
    "playbook_cumulative_spend": _playbook_cumulative_spend,
    "routing_role_cost": _routing_chart(RoleOverspendChart),
    "routing_price_trajectory": _routing_chart(PriceTrajectoryChart),
    "routing_reasoning_multiplier": _routing_chart(ReasoningMultiplierChart),
    "breakeven_cumulative_cost": _breakeven_chart(CumulativeCostChart),
    "breakeven_volume_cost": _breakeven_chart(VolumeCostChart),
    "breakeven_serving_roofline": _breakeven_chart(RooflineChart),
}


def build_chart(chart_id: str, payload: dict[str, Any]) -> pg.PlotWidget:
    try:
        builder = CHART_BUILDERS[chart_id]
    except KeyError:
        raise ValueError(f"no chart builder for {chart_id!r}") from None
    with theme.printing():  # paper and image files: the light palette at 100%
        return builder(payload)
