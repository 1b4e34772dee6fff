"""Builds a tab's chart from a report chart spec, so the PDF shows what the screen shows;
and updates one already built, as the tab does, so the PDF can reuse its charts."""

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
from pydantic import BaseModel


def _update_training_reference_runs(chart: ReferenceRunsChart, payload: dict[str, Any]) -> None:
    result = TrainingResult.model_validate(payload)
    chart.set_references(result.references)
    chart.update_result(result)


def _update_dataset_tokens_vs_params(chart: TokensVsParamsChart, payload: dict[str, Any]) -> None:
    result = DatasetResult.model_validate(payload)
    chart.set_references(result.references, result.practical_rows)
    chart.update_result(result)


def _updater(result_class: type[BaseModel]) -> ChartUpdate:
    def update(chart: Any, payload: dict[str, Any]) -> None:
        chart.update_result(result_class.model_validate(payload))
    return update


ChartUpdate = Callable[[Any, dict[str, Any]], None]
# Each chart id: the tab's chart class and how a report payload updates it in place (as the
# tab updates it on every edit), so a chart can be built once and drawn again with new data.
CHARTS: dict[str, tuple[type[pg.PlotWidget], ChartUpdate]] = {
    "training_cost_breakdown": (CostBreakdownChart, _updater(TrainingResult)),
    "training_reference_runs": (ReferenceRunsChart, _update_training_reference_runs),
    "dataset_tokens_vs_params": (TokensVsParamsChart, _update_dataset_tokens_vs_params),
    "dataset_composition": (CompositionChart, _updater(DatasetResult)),
    "playbook_timeline": (GanttChart, _updater(PlaybookResult)),
    "playbook_cumulative_spend": (CumulativeSpendChart, _updater(PlaybookResult)),
    "routing_role_cost": (RoleOverspendChart, _updater(RoutingResult)),
    "routing_price_trajectory": (PriceTrajectoryChart, _updater(RoutingResult)),
    "routing_reasoning_multiplier": (ReasoningMultiplierChart, _updater(RoutingResult)),
    "breakeven_cumulative_cost": (CumulativeCostChart, _updater(BreakevenResult)),
    "breakeven_volume_cost": (VolumeCostChart, _updater(BreakevenResult)),
    "breakeven_serving_roofline": (RooflineChart, _updater(BreakevenResult)),
}


def _chart_spec(chart_id: str) -> tuple[type[pg.PlotWidget], ChartUpdate]:
    try:
        return CHARTS[chart_id]
    except KeyError:
        raise ValueError(f"no chart builder for {chart_id!r}") from None


def build_chart(chart_id: str, payload: dict[str, Any]) -> pg.PlotWidget:
    chart_class, update = _chart_spec(chart_id)
    with theme.printing():  # paper and image files: the light palette at 100%
        chart = chart_class()
        update(chart, payload)
    return chart


def update_chart(chart: pg.PlotWidget, chart_id: str, payload: dict[str, Any]) -> None:
    """Show ``payload`` in a chart ``build_chart`` built for the same id."""
    _, update = _chart_spec(chart_id)
    with theme.printing():
        update(chart, payload)
