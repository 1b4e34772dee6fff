"""References to the catalog rows a plan used, for the report's sources appendix."""

from __future__ import annotations

from collections.abc import Iterable

from econplan.core.catalog import Catalog
from pydantic import BaseModel, ConfigDict


class CatalogRef(BaseModel):
    model_config = ConfigDict(frozen=True)

    table: str
    key: str
    figure: str
    source: str
    as_of: str


def cite(row: dict) -> str:
    """How a catalog row is cited in tooltips and notes: its source and as-of date."""
    return f"{row['source']} (as of {row['as_of']})"


def refs_for(catalog: Catalog, table: str, key_column: str, keys: Iterable[str] | None = None,
             figure: str = "") -> list[CatalogRef]:
    """One reference per row of ``table`` (all rows, or those whose key is in ``keys``)."""
    if table not in catalog.tables:
        return []
    wanted = None if keys is None else set(keys)
    refs = []
    for row in catalog.table(table).iter_rows(named=True):
        key = str(row[key_column])
        if wanted is not None and key not in wanted:
            continue
        refs.append(CatalogRef(table=table, key=key, figure=figure or key,
                               source=row["source"], as_of=row["as_of"]))
    return refs


def assumption_refs(catalog: Catalog, path_prefix: str) -> list[CatalogRef]:
    """planner_assumptions rows that supply defaults under a scenario section."""
    refs = []
    for row in catalog.table("planner_assumptions").iter_rows(named=True):
        paths = [p.strip() for p in str(row["applies_to"]).split(";")]
        if any(p.startswith(path_prefix) for p in paths):
            refs.append(CatalogRef(table="planner_assumptions", key=row["assumption_id"],
                                   figure=row["note"], source=row["source"], as_of=row["as_of"]))
    return refs


def unique(refs: Iterable[CatalogRef]) -> list[CatalogRef]:
    seen: dict[tuple[str, str], CatalogRef] = {}
    for ref in refs:
        seen.setdefault((ref.table, ref.key), ref)
    return list(seen.values())
