"""Disagreements between sources as a person reads them: each source's figures, the
document it comes from (by title), and which one the plan uses.

The break-even and training pickers, the catalog browser and the command line use these
sentences; ``core.disagreements`` finds the groups.
"""

from __future__ import annotations

from functools import lru_cache

from econplan.core.catalog import Catalog, CatalogError
from econplan.core.disagreements import Disagreement, FigureRow, disagreements_for
from econplan.core.formatting import usd
from econplan.core.source_documents import readable_sources


def figure_text(label: str, value: float) -> str:
    """'input $/M tokens $0.25', 'cost low $60M', 'memory GB 192'."""
    if label.endswith(" $"):
        return f"{label.removesuffix(' $')} {usd(value)}"
    if "$" in label:
        return f"{label} ${value:,.4g}"
    return f"{label} {value:,.4g}"


def row_text(row: FigureRow) -> str:
    figures = ", ".join(figure_text(label, value) for label, value in row.figures.items())
    return f"{row.name}: {figures} — {readable_sources(row.source)} (as of {row.as_of})"


def group_lines(group: Disagreement, used: tuple[str, str] | None = None) -> list[str]:
    """One line per source; ``used`` (table, key) marks the row the plan uses."""
    lines = []
    for row in group.rows:
        mark = "  ← the plan uses this" if used == (row.table, row.key) else ""
        lines.append(f"• {row_text(row)}{mark}")
    return lines


def short_source(source: str, limit: int = 60) -> str:
    """The document a figure comes from, without its section: a seed's title, or the
    citation up to its first qualifier."""
    readable = readable_sources(source)
    if readable.startswith("“"):
        return readable[: readable.index("”") + 1]
    cut = min((i for i in (readable.find(";"), readable.find(" (")) if i > 0),
              default=len(readable))
    text = readable[:cut]
    return text if len(text) <= limit else text[: limit - 1] + "…"


def disagreement_summary(catalog: Catalog, table: str, key: str,
                         used: tuple[str, str] | None = None) -> str:
    """One line per disagreement: each source's figures and document, the used one marked."""
    lines = []
    for group in _groups(catalog, table, key):
        parts = []
        for row in group.rows:
            figures = ", ".join(figure_text(label, value)
                                for label, value in row.figures.items())
            mark = ", used by the plan" if used == (row.table, row.key) else ""
            parts.append(f"{row.name}: {figures} ({short_source(row.source)}{mark})")
        lines.append(f"Sources disagree on the {_lower_first(group.quantity)}: "
                     + " vs ".join(parts))
    return "\n".join(lines)


@lru_cache(maxsize=256)
def _groups(catalog: Catalog, table: str, key: str) -> tuple[Disagreement, ...]:
    try:
        return tuple(g for g in disagreements_for(catalog, table, key) if g.figures_differ)
    except CatalogError:
        return ()


def _lower_first(text: str) -> str:
    """'Training cost' → 'training cost'; 'API price' and 'GPU memory' stay as they are."""
    return text[0].lower() + text[1:] if text[1:2].islower() else text


def disagreement_note(catalog: Catalog, table: str, key: str,
                      used: tuple[str, str] | None = None) -> str:
    """Every source's figure for what the row states, or "" when all agree.

    ``used`` (table, key) is the row the plan takes the figure from, marked as such."""
    groups = _groups(catalog, table, key)
    if not groups:
        return ""
    parts = []
    for group in groups:
        parts.append(f"Sources disagree on the {_lower_first(group.quantity)} of "
                     f"{group.subject}:\n" + "\n".join(group_lines(group, used)))
    return "\n".join(parts)
