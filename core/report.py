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

from econplan.core.catalog import Catalog
from econplan.core.plan import PLANNER_TITLES, Plan, compute_plan
from econplan.core.provenance import CatalogRef, unique
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
from econplan.core.report_dataset import dataset_section
from econplan.core.report_playbook import playbook_section
from econplan.core.report_routing import routing_section
from econplan.core.report_training import training_section
from econplan.core.scenario import Scenario
from pydantic import BaseModel, Field

__all__ = [
    "PLANNER_TITLES", "Block", "Chart", "Heading", "KeyFigure", "Paragraph", "Report",
    "ReportOptions", "ReportSection", "Table", "build_report",
]


class ReportOptions(BaseModel):
    title: str = "AI model budget proposal"
    organisation: str = ""
    author: str = ""
    date: str = Field(default_factory=lambda: date.today().isoformat())
    page_size: Literal["A4", "Letter"] = "A4"
    planners: list[str] = Field(default_factory=lambda: list(SECTION_BUILDERS))


class Report(BaseModel):
    options: ReportOptions
    scenario_name: str
    scenario_description: str
    plan: Plan
    summary: list[KeyFigure]
    recommendation: str
    sections: list[ReportSection]
    sources: list[CatalogRef]
    sources_table: Table

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


def build_report(scenario: Scenario, catalog: Catalog, options: ReportOptions | None = None,
                 plan: Plan | None = None) -> Report:
    """The proposal; ``plan`` when already computed for this scenario (the window's).

    Raises PlanError, naming the planner, when an included planner cannot plan its inputs."""
    options = options or ReportOptions()
    unknown = [p for p in options.planners if p not in SECTION_BUILDERS]
    if unknown:
        raise ValueError(f"unknown planner(s) {unknown}; choose from {list(SECTION_BUILDERS)}")
    if not options.planners:
        raise ValueError("choose at least one planner to include")
    plan = plan or compute_plan(scenario, catalog)
    sections = [SECTION_BUILDERS[p](scenario, plan, catalog)
                for p in SECTION_BUILDERS if p in options.planners]
    sources = unique(ref for section in sections for ref in section.sources)
    sources_rows = [[catalog.title(ref.table), ref.key, ref.figure, ref.source, ref.as_of]
                    for ref in sources]
    return Report(
        options=options,
        scenario_name=scenario.name,
        scenario_description=scenario.description,
        plan=plan,
        summary=[figure for section in sections for figure in section.key_figures],
        recommendation=" ".join(section.recommendation for section in sections),
        sections=sections,
        sources=sources,
        sources_table=Table(table_id="sources", title="Catalog figures used",
                            columns=["Catalog table", "Row", "Figure", "Source", "As of"],
                            rows=sources_rows, values=sources_rows),
    )
