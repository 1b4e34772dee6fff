"""The budget proposal as data: headings, paragraphs, tables, chart specs.

Built once from ``compute_all`` — the same figures ``econplan compute`` prints —
and drawn by the desktop PDF renderer (and the CSV/XLSX exporters), so every
output shows the same numbers. Each planner contributes a section through
``SECTION_BUILDERS``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field

from core import training
from core.catalog import Catalog
from core.compute import compute_all
from core.formatting import compact, duration_days, range_text, scientific, usd, usd_range
from core.provenance import CatalogRef, unique
from core.scenario import Scenario
from core.training import TrainingResult


class Heading(BaseModel):
    kind: Literal["heading"] = "heading"
    level: int = 1
    text: str


class Paragraph(BaseModel):
    kind: Literal["paragraph"] = "paragraph"
    text: str
    style: Literal["body", "note", "warning"] = "body"


class Table(BaseModel):
    kind: Literal["table"] = "table"
    table_id: str
    title: str
    columns: list[str]
    rows: list[list[str]]
    numeric_columns: list[int] = Field(default_factory=list)
    # Raw values behind the text, for CSV/XLSX (numbers stay numbers there).
    values: list[list[Any]] = Field(default_factory=list)


class Chart(BaseModel):
    kind: Literal["chart"] = "chart"
    chart_id: str
    title: str
    caption: str
    payload: dict[str, Any]


Block = Annotated[Heading | Paragraph | Table | Chart, Field(discriminator="kind")]


class KeyFigure(BaseModel):
    label: str
    value: str
    detail: str


class ReportSection(BaseModel):
    planner_id: str
    title: str
    blocks: list[Block]
    key_figures: list[KeyFigure]
    recommendation: str
    sources: list[CatalogRef]


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
    figures: dict[str, Any]
    summary: list[KeyFigure]
    recommendation: str
    sections: list[ReportSection]
    sources: list[CatalogRef]
    sources_table: Table

    def tables(self) -> list[tuple[str, Table]]:
        """Every result table with the id of the planner it belongs to."""
        return [(section.planner_id, block) for section in self.sections
                for block in section.blocks if isinstance(block, Table)]


def _estimate_row(label: str, estimate: dict[str, float], fmt=usd) -> tuple[list[str], list]:
    cells = [label, fmt(estimate["low"]), fmt(estimate["base"]), fmt(estimate["high"])]
    return cells, [label, estimate["low"], estimate["base"], estimate["high"]]


def _table(table_id: str, title: str, columns: list[str],
           rows: list[tuple[list[str], list]], numeric: list[int]) -> Table:
    return Table(table_id=table_id, title=title, columns=columns,
                 rows=[cells for cells, _ in rows], values=[raw for _, raw in rows],
                 numeric_columns=numeric)


def _training_inputs_table(scenario: Scenario, result: TrainingResult) -> Table:
    inputs = scenario.training
    rows: list[tuple[str, str]] = [
        ("Mode", result.mode_label),
        ("Architecture", "Mixture of experts" if inputs.architecture == "moe" else "Dense"),
        ("Parameters", compact(inputs.params)),
    ]
    if inputs.architecture == "moe":
        rows.append(("Active parameters", compact(inputs.active_params)))
    if inputs.mode.is_finetune:
        data = inputs.finetune
        rows += [
            ("Examples × tokens per example", f"{data.examples:,} × {data.tokens_per_example:,}"),
            ("Epochs", f"{data.epochs:g}"),
            ("Throughput per GPU", range_text(data.throughput_tokens_per_s.low,
                                              data.throughput_tokens_per_s.high) + " tokens/s"),
        ]
    else:
        rows += [("Training tokens", compact(inputs.tokens)),
                 ("MFU", range_text(inputs.mfu.low * 100, inputs.mfu.high * 100) + "%")]
    rows += [("GPU", f"{result.gpu_name} × {inputs.gpu_count:,}")]
    if inputs.pricing == "cloud":
        rows.append(("Cloud price per GPU-hour",
                     usd_range(inputs.usd_per_gpu_hour.low, inputs.usd_per_gpu_hour.high)))
    else:
        owned = inputs.owned
        rows.append(("Owned GPU", f"{usd_range(owned.purchase_usd.low, owned.purchase_usd.high)}"
                                  f" over {owned.life_years:g} years at "
                                  f"{owned.utilisation:.0%} utilisation"))
    for line in result.lines:
        if line.kind != "compute":
            rows.append((line.label, line.basis))
    return Table(table_id="training_inputs", title="Inputs", columns=["Input", "Value"],
                 rows=[list(r) for r in rows], values=[list(r) for r in rows])


def training_section(scenario: Scenario, figures: dict[str, Any],
                     catalog: Catalog) -> ReportSection:
    data = figures["training"]
    result = TrainingResult.model_validate(data)
    headline = _table(
        "training_headline", "Headline figures", ["Figure", "Low", "Base", "High"],
        [
            _estimate_row("GPU-hours", data["gpu_hours"], compact),
            _estimate_row("Wall-clock per run", data["wall_clock_days"], duration_days),
            _estimate_row("Price per GPU-hour", data["usd_per_gpu_hour"]),
            _estimate_row("Compute cost", data["compute_cost_usd"]),
            _estimate_row("One-off total", data["one_off_usd"]),
            _estimate_row("Ongoing total", data["ongoing_usd"]),
            _estimate_row("Total", data["total_usd"]),
        ],
        [1, 2, 3],
    )
    breakdown_rows = []
    for line in data["lines"]:
        cells, raw = _estimate_row(line["label"], line["cost_usd"])
        breakdown_rows.append(([*cells, line["basis"]], [*raw, line["basis"]]))
    breakdown = _table("training_breakdown", "Cost breakdown",
                       ["Category", "Low", "Base", "High", "Basis"], breakdown_rows, [1, 2, 3])
    total = result.total_usd
    compute = result.compute_cost_usd
    wall = result.wall_clock_days
    blocks: list[Block] = [
        Heading(text="Training budget"),
        Paragraph(text=(
            f"{result.mode_label} of a {compact(scenario.training.params)}-parameter model: "
            f"{scientific(result.flops)} FLOPs on {scenario.training.gpu_count:,} × "
            f"{result.gpu_name}. Total {usd_range(total.low, total.high)} (base "
            f"{usd(total.base)}); compute {usd_range(compute.low, compute.high)}."
        )),
        _training_inputs_table(scenario, result),
        headline,
        breakdown,
        Chart(chart_id="training_cost_breakdown", title="Cost breakdown",
              caption="Bars show the base estimate, whiskers the low–high range.",
              payload=data),
        Chart(chart_id="training_reference_runs", title="Plan vs reference runs",
              caption="Training FLOPs against cost, log-log; grey points are catalog runs "
                      "and the seed's cost-by-size estimates.",
              payload=data),
    ]
    blocks += [Paragraph(text=warning, style="warning") for warning in result.warnings]
    compute_share = result.compute_cost_usd.base / total.base if total.base else 0
    others = [line for line in result.lines if line.kind != "compute"]
    largest = max(others, key=lambda line: line.cost_usd.base, default=None)
    recommendation = (
        f"Budget {usd_range(total.low, total.high)} for training (base {usd(total.base)}); "
        f"compute is {compute_share:.0%} of the base"
        + (f", and the largest other line is {largest.label.lower()} "
           f"({usd(largest.cost_usd.base)})." if largest else ".")
    )
    key_figures = [
        KeyFigure(label="Training budget", value=usd(total.base),
                  detail=usd_range(total.low, total.high)),
        KeyFigure(label="Training timeline", value=duration_days(result.wall_clock_days.base),
                  detail=f"{range_text(wall.low, wall.high, duration_days)} per run"),
    ]
    return ReportSection(planner_id="training", title="Training budget", blocks=blocks,
                         key_figures=key_figures, recommendation=recommendation,
                         sources=training.sources_used(scenario.training, catalog))


SectionBuilder = Callable[[Scenario, dict[str, Any], Catalog], ReportSection]
SECTION_BUILDERS: dict[str, SectionBuilder] = {
    "training": training_section,
}
PLANNER_TITLES = {"training": "Training budget"}


def build_report(scenario: Scenario, catalog: Catalog,
                 options: ReportOptions | None = None) -> Report:
    options = options or ReportOptions()
    unknown = [p for p in options.planners if p not in SECTION_BUILDERS]
    if unknown:
        raise ValueError(f"unknown planner(s) {unknown}; choose from {list(SECTION_BUILDERS)}")
    if not options.planners:
        raise ValueError("choose at least one planner to include")
    figures = compute_all(scenario, catalog)
    sections = [SECTION_BUILDERS[p](scenario, figures, catalog)
                for p in SECTION_BUILDERS if p in options.planners]
    sources = unique(ref for section in sections for ref in section.sources)
    sources_rows = [[catalog.title(ref.table), ref.key, ref.figure, ref.source, ref.as_of]
                    for ref in sources]
    return Report(
        options=options,
        scenario_name=scenario.name,
        scenario_description=scenario.description,
        figures=figures,
        summary=[figure for section in sections for figure in section.key_figures],
        recommendation=" ".join(section.recommendation for section in sections),
        sections=sections,
        sources=sources,
        sources_table=Table(table_id="sources", title="Catalog figures used",
                            columns=["Catalog table", "Row", "Figure", "Source", "As of"],
                            rows=sources_rows, values=sources_rows),
    )
