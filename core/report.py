"""The budget proposal as data: headings, paragraphs, tables, chart specs.

Built once from a typed :class:`core.plan.Plan` — the figures ``econplan compute``
prints — and drawn by the desktop PDF renderer (and the CSV/XLSX exporters), so
every output shows the same numbers. Each planner contributes a section through
``SECTION_BUILDERS``; its cards, tables and recommendation come from the
planner's presenter, which the tab shows too.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Literal

from econplan.core.budget_drivers import Driver, budget_drivers
from econplan.core.catalog import Catalog
from econplan.core.model_base import CoreModel
from econplan.core.plan import PLANNER_TITLES, Plan, compute_plan
from econplan.core.price_staleness import USES as PRICED_PLANNERS
from econplan.core.price_staleness import price_staleness
from econplan.core.provenance import CatalogRef, readable, unique
from econplan.core.report_appendix import appendix_table
from econplan.core.report_bands import BudgetBands, budget_bands
from econplan.core.report_blocks import (  # re-exported: the report's public vocabulary
    Block,
    Chart,
    Heading,
    KeyFigure,
    Paragraph,
    ReportSection,
    Table,
)
from econplan.core.report_breakeven import breakeven_section
from econplan.core.report_budget import Budget, build_budget
from econplan.core.report_compare import Baseline, comparison_section
from econplan.core.report_dataset import dataset_section
from econplan.core.report_playbook import playbook_section
from econplan.core.report_routing import routing_section
from econplan.core.report_training import training_section
from econplan.core.scenario import Scenario
from econplan.core.uncertainty_inputs import MAX_DRAWS, MIN_DRAWS
from pydantic import Field, field_validator

__all__ = [
    "PLANNER_TITLES", "Baseline", "Block", "Budget", "BudgetBands", "Chart", "Driver",
    "Heading", "KeyFigure", "Paragraph", "Report", "ReportOptions", "ReportSection", "Table",
    "build_report",
]


class ReportOptions(CoreModel):
    title: str = "AI model budget proposal"
    organisation: str = ""
    author: str = ""
    date: str = Field(default_factory=lambda: date.today().isoformat())
    page_size: Literal["A4", "Letter"] = "A4"
    # None: the planners the scenario says the plan uses.
    planners: list[str] | None = None
    # The sources appendix: one entry per source (compact), every figure (full), or none.
    appendix: Literal["compact", "full", "none"] = "compact"
    # A sensitivity section: every range input's effect on the budget, not just the top three.
    sensitivity: bool = False
    # Monte Carlo draws behind the budget's P10–P90 (0: none) and their seed (None: the
    # scenario's own, as the app's uncertainty view draws them).
    draws: int = Field(default=0, ge=0, le=MAX_DRAWS)
    seed: int | None = Field(default=None, ge=0, le=2**32 - 1)

    @field_validator("draws")
    @classmethod
    def _enough_draws(cls, draws: int) -> int:
        if 0 < draws < MIN_DRAWS:
            raise ValueError(f"Monte Carlo draws: 0 (none) or {MIN_DRAWS:,}–{MAX_DRAWS:,}, "
                             f"not {draws:,}")
        return draws


class Recommendation(CoreModel):
    planner_id: str
    title: str
    text: str


class Report(CoreModel):
    options: ReportOptions
    scenario_name: str
    scenario_description: str
    plan: Plan
    planners: list[str]
    summary: list[KeyFigure]
    recommendation: str
    recommendations: list[Recommendation]
    budget: Budget
    drivers: list[Driver]
    sensitivity: list[Driver]
    comparison: ReportSection | None  # this plan against a baseline, when asked for
    bands: BudgetBands | None  # P10–P90 of the budget's totals, when drawn
    sections: list[ReportSection]
    sources: list[CatalogRef]
    sources_table: Table | None

    def tables(self) -> list[tuple[str, Table]]:
        """Every result table with the id of the planner it belongs to."""
        return [(section.planner_id, block) for section in self.sections
                for block in section.blocks if isinstance(block, Table)]


SectionBuilder = Callable[[Scenario, Plan, Catalog], ReportSection]
# Planner sections in proposal order; each module builds its section from the typed plan.
SECTION_BUILDERS: dict[str, SectionBuilder] = {
    "training": training_section,
    "dataset": dataset_section,
    "playbook": playbook_section,
    "routing": routing_section,
    "breakeven": breakeven_section,
}


def included_planners(scenario: Scenario, options: ReportOptions) -> list[str]:
    """The planners a proposal includes, in proposal order: the options' or the scenario's."""
    chosen = scenario.planners if options.planners is None else options.planners
    unknown = [p for p in chosen if p not in SECTION_BUILDERS]
    if unknown:
        raise ValueError(f"unknown planner(s) {unknown}; choose from {list(SECTION_BUILDERS)}")
    if not chosen:
        raise ValueError("choose at least one planner to include")
    return [p for p in SECTION_BUILDERS if p in chosen]


def build_report(scenario: Scenario, catalog: Catalog, options: ReportOptions | None = None,
                 plan: Plan | None = None, baseline: Baseline | None = None) -> Report:
    """The proposal; ``plan`` when already computed for this scenario (the window's);
    ``baseline`` adds a section comparing the plan with it.

    Raises PlanError, naming the planner, when an included planner cannot plan its inputs."""
    options = options or ReportOptions()
    planners = included_planners(scenario, options)
    plan = plan or compute_plan(scenario, catalog)
    sections = [_with_price_dates(_readable_section(SECTION_BUILDERS[p](scenario, plan, catalog)),
                                  scenario, catalog, _report_day(options))
                for p in planners]
    budget = _readable_budget(build_budget(scenario, plan, planners))
    swept = budget_drivers(scenario, plan, catalog, planners,
                           count=10 if options.sensitivity else 3)
    sources = unique(ref for section in sections for ref in section.sources)
    recommendations = [Recommendation(planner_id=s.planner_id, title=s.title,
                                      text=s.recommendation) for s in sections]
    return Report(
        options=options,
        scenario_name=readable(scenario.name),
        scenario_description=readable(scenario.description),
        plan=plan,
        planners=planners,
        summary=[figure for section in sections for figure in section.key_figures],
        recommendation=" ".join(r.text for r in recommendations),
        recommendations=recommendations,
        budget=budget,
        drivers=swept[:3],
        sensitivity=swept if options.sensitivity else [],
        comparison=(comparison_section(baseline, scenario, plan, budget, planners)
                    if baseline is not None else None),
        bands=(budget_bands(scenario, catalog, plan, budget, planners, options.draws,
                            scenario.uncertainty.seed if options.seed is None else options.seed)
               if options.draws else None),
        sections=sections,
        sources=sources,
        sources_table=(None if options.appendix == "none"
                       else appendix_table(sources, catalog, options.appendix)),
    )


def _report_day(options: ReportOptions) -> date:
    try:
        return date.fromisoformat(options.date)
    except ValueError:  # a free-text date on the cover: judge the prices as of today
        return date.today()


def _with_price_dates(section: ReportSection, scenario: Scenario, catalog: Catalog,
                      day: date) -> ReportSection:
    """The section with a note naming the catalog prices it uses that are old or undated,
    as the tab shows under its results (the same sentence)."""
    if section.planner_id not in PRICED_PLANNERS:
        return section
    note = price_staleness(scenario, catalog, day, planners=[section.planner_id]).note
    if not note:
        return section
    return section.model_copy(update={
        "blocks": [*section.blocks, Paragraph(text=f"Price dates: {note}", style="note")]})


def _readable_budget(budget: Budget) -> Budget:
    """Budget lines named in the reader's words (a vertical's name may cite its document)."""
    return budget.model_copy(update={"lines": [
        line.model_copy(update={"label": readable(line.label), "note": readable(line.note)})
        for line in budget.lines]})


def _readable_section(section: ReportSection) -> ReportSection:
    """The section with file names and internal words replaced in everything a reader sees
    (the presenters' words are shared with the tabs; the proposal names documents by title)."""
    blocks = []
    for block in section.blocks:
        if isinstance(block, Heading | Paragraph):
            block = block.model_copy(update={"text": readable(block.text)})
        elif isinstance(block, Table):
            block = block.model_copy(update={
                "title": readable(block.title),
                "columns": [readable(c) for c in block.columns],
                "rows": [[readable(c) for c in row] for row in block.rows]})
        elif isinstance(block, Chart):
            block = block.model_copy(update={"caption": readable(block.caption),
                                             "title": readable(block.title)})
        blocks.append(block)
    figures = [f.model_copy(update={"label": readable(f.label), "value": readable(f.value),
                                    "range_text": readable(f.range_text),
                                    "caption": readable(f.caption)})
               for f in section.key_figures]
    return section.model_copy(update={"blocks": blocks, "key_figures": figures,
                                      "recommendation": readable(section.recommendation)})
