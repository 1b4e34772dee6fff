"""The building blocks of a report: headings, paragraphs, tables, chart specs, sections."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field

from core.formatting import usd
from core.provenance import CatalogRef


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


def estimate_row(label: str, estimate: dict[str, float], fmt=usd) -> tuple[list[str], list]:
    """A table row of an estimate: text cells, and raw values for CSV/XLSX."""
    cells = [label, fmt(estimate["low"]), fmt(estimate["base"]), fmt(estimate["high"])]
    return cells, [label, estimate["low"], estimate["base"], estimate["high"]]


def make_table(table_id: str, title: str, columns: list[str],
               rows: list[tuple[list[str], list]], numeric: list[int]) -> Table:
    """A table from (text cells, raw values) pairs."""
    return Table(table_id=table_id, title=title, columns=columns,
                 rows=[cells for cells, _ in rows], values=[raw for _, raw in rows],
                 numeric_columns=numeric)
