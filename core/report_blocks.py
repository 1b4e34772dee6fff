"""The building blocks of a report: headings, paragraphs, tables, chart specs, sections."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from econplan.core.estimate import Estimate
from econplan.core.formatting import usd
from econplan.core.model_base import CoreModel
from econplan.core.provenance import CatalogRef
from pydantic import BaseModel, Field, SerializeAsAny


class Heading(CoreModel):
    kind: Literal["heading"] = "heading"
    level: int = 1
    text: str


class Paragraph(CoreModel):
    kind: Literal["paragraph"] = "paragraph"
    text: str
    style: Literal["body", "note", "warning"] = "body"


class Table(CoreModel):
    kind: Literal["table"] = "table"
    table_id: str
    title: str
    columns: list[str]
    rows: list[list[str]]
    # Plain [] defaults (pydantic copies an unhashable default for each model): a
    # default_factory=list had pydantic inspect list's signature, which compiled tokenize's
    # regular expressions, ~40 ms of every start.
    numeric_columns: list[int] = []  # noqa: RUF012
    # Raw values behind the text, for CSV/XLSX (numbers stay numbers there).
    values: list[list[Any]] = []  # noqa: RUF012


class Chart(CoreModel):
    kind: Literal["chart"] = "chart"
    chart_id: str
    title: str
    caption: str
    # The planner's typed result the chart builder draws (the same builder as the tab's).
    payload: SerializeAsAny[BaseModel]


Block = Annotated[Heading | Paragraph | Table | Chart, Field(discriminator="kind")]


class Card(CoreModel):
    """A headline figure as a person reads it: on a tab's card and in the proposal summary."""

    key: str = ""
    label: str
    value: str
    range_text: str = ""  # the low–high range, when the figure has one
    caption: str = ""  # what the figure is measured against, or how it was reached
    tooltip: str = ""

    @property
    def detail(self) -> str:
        """The line under the value: range and caption."""
        return " · ".join(part for part in (self.range_text, self.caption) if part)


# The proposal's name for a headline card.
KeyFigure = Card


class ReportSection(CoreModel):
    planner_id: str
    title: str
    blocks: list[Block]
    key_figures: list[KeyFigure]
    recommendation: str
    sources: list[CatalogRef]


def estimate_row(label: str, estimate: Estimate, fmt=usd) -> tuple[list[str], list]:
    """A table row of an estimate: text cells, and raw values for CSV/XLSX."""
    cells = [label, fmt(estimate.low), fmt(estimate.base), fmt(estimate.high)]
    return cells, [label, estimate.low, estimate.base, estimate.high]


def make_table(table_id: str, title: str, columns: list[str],
               rows: list[tuple[list[str], list]], numeric: list[int]) -> Table:
    """A table from (text cells, raw values) pairs."""
    return Table(table_id=table_id, title=title, columns=columns,
                 rows=[cells for cells, _ in rows], values=[raw for _, raw in rows],
                 numeric_columns=numeric)


class Presentation(CoreModel):
    """What a person reads of one planner's result: the tab, the proposal and the command line
    all show this, so no card, sentence or decision is composed twice."""

    planner_id: str
    cards: list[Card]
    summary_keys: list[str]  # the cards the proposal's summary repeats
    tables: list[Table]  # result tables with their basis
    notes: list[str]
    warnings: list[str]
    recommendation: str  # the proposal's one-paragraph recommendation

    def card(self, key: str) -> Card:
        return next(card for card in self.cards if card.key == key)

    def readable(self) -> Presentation:
        """The same, with document file names and internal words ("seed 004") replaced
        by what a reader knows, as the proposal prints them."""
        from econplan.core.provenance import readable

        cards = [card.model_copy(update={
            field: readable(getattr(card, field))
            for field in ("label", "value", "range_text", "caption", "tooltip")})
            for card in self.cards]
        return self.model_copy(update={
            "cards": cards, "notes": [readable(n) for n in self.notes],
            "warnings": [readable(w) for w in self.warnings],
            "recommendation": readable(self.recommendation)})

    @property
    def summary_cards(self) -> list[Card]:
        return [self.card(key) for key in self.summary_keys]

    def table(self, table_id: str) -> Table:
        return next(table for table in self.tables if table.table_id == table_id)
