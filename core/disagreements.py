"""Catalog rows from different sources that give a figure for the same thing.

The catalog keeps every source's figure (DESIGN: "keep both rows and show both"); this
module finds them so pickers, the catalog browser and the plan can show them side by
side. Two rows are about the same thing when they state the same quantity (API price,
training cost, GPU memory — possibly in different tables and columns) for the same
name. Names match when their words are equal, or when one only lacks version numbers
the other has ("Claude Haiku" and "Claude 3.5 Haiku"), never when the other adds a
word ("GPT-5" and "GPT-5 Nano" are different models).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from econplan.core.catalog import Catalog, CatalogError
from econplan.core.model_base import CoreModel

_VERSION = re.compile(r"^v?\d+(\.\d+)*$")
_SEPARATORS = re.compile(r"[\s(),/]+")


@dataclass(frozen=True)
class FigureColumns:
    """Where one table states a quantity: its key, name and figure columns."""

    table: str
    key_column: str
    name_column: str
    figures: dict[str, str]  # column → label shared by every table of the quantity


QUANTITIES: dict[str, tuple[FigureColumns, ...]] = {
    "API price per million tokens": (
        FigureColumns("api_prices", "price_id", "model", {
            "usd_per_mtok_input": "input $/M tokens",
            "usd_per_mtok_output": "output $/M tokens",
            "usd_per_mtok_unspecified": "$/M tokens (basis not stated)"}),
    ),
    "Training cost": (
        FigureColumns("known_training_costs", "model_id", "model", {
            "cost_usd_low": "cost low $", "cost_usd_high": "cost high $"}),
        FigureColumns("reference_runs", "run_id", "model", {
            "compute_usd_low": "cost low $", "compute_usd_high": "cost high $"}),
    ),
    "GPU memory": (
        FigureColumns("gpus", "gpu_id", "name", {"vram_gb": "memory GB"}),
        FigureColumns("gpu_specs", "gpu_id", "name", {"memory_gb": "memory GB"}),
    ),
}


class FigureRow(CoreModel):
    table: str
    key: str
    name: str
    figures: dict[str, float]  # label → value, stated figures only
    source: str
    as_of: str
    is_item: bool = False  # the row the question was asked about


class Disagreement(CoreModel):
    quantity: str
    subject: str
    rows: list[FigureRow]
    figures_differ: bool  # the rows do not all state the same figures under the same labels


def name_words(name: str) -> frozenset[str]:
    return frozenset(w for w in _SEPARATORS.split(name.lower()) if w)


def same_subject(a: str, b: str) -> bool:
    """Equal words, or one name is the other without its version numbers."""
    wa, wb = name_words(a), name_words(b)
    if wa == wb:
        return True
    shorter, longer = sorted((wa, wb), key=len)
    return shorter < longer and all(_VERSION.match(w) for w in longer - shorter)


@lru_cache(maxsize=32)
def _rows(catalog: Catalog, quantity: str) -> tuple[FigureRow, ...]:
    # Once per catalog: the GPU picker asks about each of its GPUs in turn, and making
    # the rows again for each was most of building the picker.
    rows = []
    for where in QUANTITIES[quantity]:
        if where.table not in catalog.tables:
            continue
        for row in catalog.table(where.table).iter_rows(named=True):
            figures = {label: float(row[column]) for column, label in where.figures.items()
                       if row[column] is not None}
            if figures:
                rows.append(FigureRow(table=where.table, key=str(row[where.key_column]),
                                      name=str(row[where.name_column]), figures=figures,
                                      source=row["source"], as_of=row["as_of"]))
    return tuple(rows)


def _group(quantity: str, item: FigureRow, rows: tuple[FigureRow, ...]) -> Disagreement | None:
    matches = [r.model_copy(update={"is_item": (r.table, r.key) == (item.table, item.key)})
               for r in rows if same_subject(r.name, item.name)]
    if len({r.source for r in matches}) < 2:
        return None
    distinct = {tuple(sorted(r.figures.items())) for r in matches}
    return Disagreement(quantity=quantity, subject=item.name, rows=matches,
                        figures_differ=len(distinct) > 1)


def disagreements_for(catalog: Catalog, table: str, key: str) -> list[Disagreement]:
    """Every other source's figure for the quantity a catalog row states."""
    found = []
    for quantity, places in QUANTITIES.items():
        if table not in {p.table for p in places}:
            continue
        rows = _rows(catalog, quantity)
        item = next((r for r in rows if (r.table, r.key) == (table, key)), None)
        if item is None:
            continue
        if (group := _group(quantity, item, rows)) is not None:
            found.append(group)
    if not found and not any(table == p.table for ps in QUANTITIES.values() for p in ps):
        raise CatalogError(f"table: {table!r} states no figure compared across sources")
    return found


def all_disagreements(catalog: Catalog, only_differing: bool = True) -> list[Disagreement]:
    """Each group of rows from two or more sources about the same thing, once.

    With ``only_differing`` (the default) groups whose sources state identical figures
    are left out.
    """
    seen: set[frozenset[tuple[str, str]]] = set()
    groups = []
    for quantity in QUANTITIES:
        rows = _rows(catalog, quantity)
        for item in rows:
            group = _group(quantity, item, rows)
            if group is None or (only_differing and not group.figures_differ):
                continue
            members = frozenset((r.table, r.key) for r in group.rows)
            if members not in seen:
                seen.add(members)
                groups.append(group.model_copy(update={"rows": [
                    r.model_copy(update={"is_item": False}) for r in group.rows]}))
    return groups
