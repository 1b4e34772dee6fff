"""Which input moves a planner's headline most: a tornado of one-at-a-time sweeps.

Every input the scenario gives as a range (found by walking the pydantic model
for ``Range`` fields of the sections the planner reads, its upstream planners'
included) is swept to its low and to its high end alone, every other range held
at its central value, and the planner's headline figure is read at both ends.
Bars are sorted by that swing; the widest is named in words.

The central value is the range's midpoint today (``central_value``); when inputs
carry distributions it becomes the distribution's median, in that one function.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from econplan.core.catalog import Catalog
from econplan.core.errors import PlanError
from econplan.core.headlines import (
    HEADLINE_KEY,
    PRESENTERS,
    Unit,
    figure_unit,
    format_figure,
    headline_value,
)
from econplan.core.input_labels import input_label, input_phrase
from econplan.core.model_base import Range, midpoint
from econplan.core.plan import PlannerId, compute_planner, input_sections, upstream_of
from econplan.core.scenario import Scenario
from econplan.core.scenario_paths import get_path
from pydantic import BaseModel


def central_value(value: Range) -> float:
    """The value an input is held at while another is swept: the range's midpoint."""
    return midpoint(value.low, value.high)


@dataclass(frozen=True)
class TornadoBar:
    path: str
    label: str
    input_low: float
    input_high: float
    figure_at_low: float | None  # None: the planner has no figure there (or refused)
    figure_at_high: float | None

    @property
    def swing(self) -> float:
        if self.figure_at_low is None or self.figure_at_high is None:
            return 0.0
        return abs(self.figure_at_high - self.figure_at_low)


@dataclass(frozen=True)
class Tornado:
    planner_id: PlannerId
    figure_key: str
    figure_label: str
    unit: Unit
    central_figure: float | None  # every range at its central value
    bars: list[TornadoBar]  # inputs that move the figure, widest swing first
    unaffected: list[str] = field(default_factory=list)  # ranged inputs with no effect
    summary: str = ""


def range_paths(scenario: Scenario, sections: tuple[str, ...]) -> list[str]:
    """Dotted paths of every range-valued input in the given scenario sections."""
    paths: list[str] = []
    for section in sections:
        paths.extend(_walk(getattr(scenario, section), section))
    return paths


def _walk(value: Any, path: str) -> Iterator[str]:
    if isinstance(value, Range):
        yield path
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _walk(getattr(value, name), f"{path}.{name}")
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from _walk(item, f"{path}.{index}")


def sections_read(planner_id: PlannerId, scenario: Scenario) -> tuple[str, ...]:
    """Scenario sections the planner's figure depends on, through its upstream planners."""
    sections = list(input_sections(planner_id, scenario))
    for upstream in upstream_of(planner_id, scenario):
        sections += [s for s in sections_read(upstream, scenario) if s not in sections]
    return tuple(sections)


def planner_result(planner_id: PlannerId, scenario: Scenario, catalog: Catalog) -> BaseModel | None:
    """One planner's result with its upstream planners computed for the same scenario;
    None when any of them cannot plan the inputs."""
    upstream = {name: planner_result(name, scenario, catalog)
                for name in upstream_of(planner_id, scenario)}
    try:
        return compute_planner(planner_id, scenario, catalog, upstream)
    except PlanError:
        return None


def _figure(planner_id: PlannerId, payload: dict, catalog: Catalog) -> float | None:
    result = planner_result(planner_id, Scenario.model_validate(payload), catalog)
    if result is None:
        return None
    return headline_value(planner_id, result, HEADLINE_KEY[planner_id])


def tornado(planner_id: PlannerId, scenario: Scenario, catalog: Catalog) -> Tornado:
    """Sweep each ranged input alone across its range; bars sorted by the figure's swing."""
    paths = range_paths(scenario, sections_read(planner_id, scenario))
    centred = scenario.model_dump(mode="python")
    ends: dict[str, tuple[float, float]] = {}
    for path in paths:
        node = get_path(centred, path)
        ends[path] = (node["low"], node["high"])
        value = central_value(Range.model_construct(low=node["low"], high=node["high"]))
        node["low"] = node["high"] = value
    key = HEADLINE_KEY[planner_id]
    bars: list[TornadoBar] = []
    unaffected: list[str] = []
    for path in paths:
        low, high = ends[path]
        node = get_path(centred, path)
        held = node["low"]
        at: list[float | None] = []
        for end in (low, high):
            node["low"] = node["high"] = end
            at.append(_figure(planner_id, centred, catalog))
        node["low"] = node["high"] = held
        bar = TornadoBar(path=path, label=input_label(path, scenario), input_low=low,
                         input_high=high, figure_at_low=at[0], figure_at_high=at[1])
        if bar.swing > 0:
            bars.append(bar)
        else:
            unaffected.append(bar.label)
    bars.sort(key=lambda bar: bar.swing, reverse=True)
    central = _figure(planner_id, centred, catalog)
    label, unit = _figure_label(planner_id, scenario, catalog, key)
    return Tornado(planner_id=planner_id, figure_key=key, figure_label=label, unit=unit,
                   central_figure=central, bars=bars, unaffected=unaffected,
                   summary=_summary(label, unit, bars, unaffected, scenario))


def _figure_label(planner_id: PlannerId, scenario: Scenario, catalog: Catalog,
                  key: str) -> tuple[str, Unit]:
    unit = figure_unit(planner_id, key)
    result = planner_result(planner_id, scenario, catalog)
    if result is None:
        return key, unit
    card = next((c for c in PRESENTERS[planner_id](result, tables=False).cards if c.key == key),
                None)
    return (card.label if card else key), unit


def _summary(figure_label: str, unit: Unit, bars: list[TornadoBar], unaffected: list[str],
             scenario: Scenario) -> str:
    if not bars:
        if unaffected:
            return f"No input given as a range moves the {figure_label.lower()} in this plan."
        return "No input of this planner is given as a range, so there is nothing to sweep."
    top = bars[0]
    low, high = sorted((top.figure_at_low or 0.0, top.figure_at_high or 0.0))
    phrase = input_phrase(top.path, scenario)
    return (f"{phrase[0].upper()}{phrase[1:]} moves the {figure_label.lower()} most: "
            f"{format_figure(low, unit)}–{format_figure(high, unit)} "
            f"across its range, every other range at its midpoint.")
