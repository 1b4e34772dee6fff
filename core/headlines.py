"""The number behind each headline card, so plans can be compared and swept.

A card (core/*_presenter.py) holds text: "$1.26B". Comparing two plans, or
sweeping an input, needs the figure itself. ``headline_figures`` returns, for
every card a planner's presenter shows, its key, label, unit and number (None
where the card shows none, e.g. a payback that never comes). A test keeps the
keys here in step with the presenters' cards.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from econplan.core import (
    breakeven_presenter,
    dataset_presenter,
    playbook_presenter,
    routing_presenter,
    training_presenter,
)
from econplan.core.formatting import compact, duration_days, scientific, usd
from econplan.core.model_base import midpoint
from econplan.core.planner_ids import PlannerId
from econplan.core.report_blocks import Presentation
from pydantic import BaseModel

Unit = Literal["usd", "count", "days", "months", "flops", "multiple", "share"]

PRESENTERS: dict[str, Callable[..., Presentation]] = {
    "training": training_presenter.present,
    "dataset": dataset_presenter.present,
    "playbook": playbook_presenter.present,
    "routing": routing_presenter.present,
    "breakeven": breakeven_presenter.present,
}


def format_figure(value: float | None, unit: Unit) -> str:
    """A headline figure as its card writes it."""
    if value is None:
        return "—"
    if unit == "usd":
        return usd(value)
    if unit == "days":
        return duration_days(value)
    if unit == "months":
        return f"{value:,.1f} months"
    if unit == "flops":
        return scientific(value)
    if unit == "multiple":
        return f"{value:,.2f}×"
    if unit == "share":
        return f"{value:,.0%}"
    return compact(value)


@dataclass(frozen=True)
class Figure:
    key: str
    label: str
    unit: Unit
    value: float | None  # None: the card shows no number ("never", "—")
    text: str  # the card's own text


def _payback(result: Any) -> float | None:
    return result.payback_months


def _mix(result: Any) -> float | None:
    shares = routing_presenter.mix_shares(result)
    return shares[0].share if shares else None


def _practical(result: Any) -> float:
    return midpoint(result.practical.tokens_low, result.practical.tokens_high)


# planner → card key → (unit, the number the card's value shows)
_NUMBERS: dict[str, dict[str, tuple[Unit, Callable[[Any], float | None]]]] = {
    "training": {
        "total": ("usd", lambda r: r.total_usd.base),
        "gpu_hours": ("count", lambda r: r.gpu_hours.base),
        "wall_clock": ("days", lambda r: r.wall_clock_days.base),
        "flops": ("flops", lambda r: r.flops),
    },
    "dataset": {
        "tokens": ("count", lambda r: r.finetune.tokens if r.is_finetune
                   else r.pretraining_tokens),
        "examples": ("count", lambda r: float(r.finetune.examples)),
        "chinchilla": ("count", lambda r: r.chinchilla_tokens),
        "practical": ("count", _practical),
        "flops": ("flops", lambda r: r.flops),
        "data": ("usd", lambda r: None if r.data_cost_usd is None else r.data_cost_usd.base),
    },
    "playbook": {
        "cost": ("usd", lambda r: r.first_version_cost_usd.base),
        "time": ("months", lambda r: r.first_version_months.base),
        "ongoing": ("usd", lambda r: r.ongoing_usd_per_quarter.base),
        "horizon": ("usd", lambda r: r.horizon_spend_usd.base),
    },
    "routing": {
        "all_large": ("usd", lambda r: r.all_large_annual_usd),
        "routed": ("usd", lambda r: r.optimal_annual_usd),
        "overspend": ("multiple", lambda r: r.overspend_multiple),
        "mix": ("share", _mix),
        "savings": ("usd", lambda r: r.overspend_annual_usd),
    },
    "breakeven": {
        "savings": ("usd", lambda r: r.monthly_savings_usd),
        "breakeven": ("count", lambda r: r.breakeven_queries_per_month),
        "payback": ("months", _payback),
        "roi": ("share", lambda r: r.first_year_roi),
    },
}

# The one figure a planner's tornado sweeps: its first card, the figure a planner
# is read for.
HEADLINE_KEY: dict[str, str] = {
    "training": "total", "dataset": "data", "playbook": "cost", "routing": "routed",
    "breakeven": "savings",
}


def known_keys(planner_id: PlannerId) -> frozenset[str]:
    return frozenset(_NUMBERS[planner_id])


def headline_figures(planner_id: PlannerId, result: BaseModel) -> list[Figure]:
    """Every card the planner's presenter shows for ``result``, with its number."""
    numbers = _NUMBERS[planner_id]
    figures = []
    for card in PRESENTERS[planner_id](result, tables=False).cards:
        unit, number = numbers[card.key]
        figures.append(Figure(key=card.key, label=card.label, unit=unit,
                              value=number(result), text=card.value))
    return figures


def figure_unit(planner_id: PlannerId, key: str) -> Unit:
    return _NUMBERS[planner_id][key][0]


def headline_value(planner_id: PlannerId, result: BaseModel, key: str) -> float | None:
    """One card's number without building the presentation (a sweep calls this often)."""
    return _NUMBERS[planner_id][key][1](result)
