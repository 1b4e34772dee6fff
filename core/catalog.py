"""Read-only access to the bundled catalog, loaded into polars once.

The DuckDB file is opened with ``read_only=True`` so that two app instances
(and read-only install folders) work; every table is copied into a polars
frame at start-up so nothing queries DuckDB on a slider tick.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import polars as pl

from core.paths import catalog_path

META_TABLE = "meta"
TABLE_INDEX = "catalog_tables"


class CatalogError(RuntimeError):
    """The catalog file is missing, unreadable or lacks a table a planner needs."""


@dataclass(frozen=True, eq=False)  # identity hash: results are cached per catalog
class Catalog:
    """Every catalog table as a polars frame, keyed by table name."""

    tables: Mapping[str, pl.DataFrame]
    path: Path | None = None
    meta: Mapping[str, str] = field(default_factory=dict)

    def __repr__(self) -> str:
        return f"Catalog({len(self.tables)} tables from {self.path or 'memory'})"

    def _repr_pretty_(self, printer, cycle: bool) -> None:
        # IPython/hypothesis pretty printers would otherwise dump every table.
        printer.text(repr(self))

    @classmethod
    def from_frames(cls, tables: Mapping[str, pl.DataFrame]) -> Catalog:
        return cls(tables=dict(tables))

    def table_names(self) -> list[str]:
        """Data tables (not the meta or index tables), sorted by name."""
        return sorted(n for n in self.tables if n not in (META_TABLE, TABLE_INDEX))

    def table(self, name: str) -> pl.DataFrame:
        try:
            return self.tables[name]
        except KeyError:
            raise CatalogError(f"catalog has no table {name!r}") from None

    def describe(self, name: str) -> str:
        """The one-line description of a table from the catalog's table index."""
        index = self.tables.get(TABLE_INDEX)
        if index is None:
            return ""
        row = index.filter(pl.col("table_name") == name)
        return row["description"][0] if row.height else ""

    def title(self, name: str) -> str:
        index = self.tables.get(TABLE_INDEX)
        if index is not None:
            row = index.filter(pl.col("table_name") == name)
            if row.height:
                return str(row["title"][0])
        return name.replace("_", " ").capitalize()

    def row(self, table: str, column: str, value: object) -> dict:
        """The single row of ``table`` whose ``column`` equals ``value``."""
        rows = self.table(table).filter(pl.col(column) == value)
        if rows.height != 1:
            raise CatalogError(
                f"{table}: expected one row with {column}={value!r}, got {rows.height}"
            )
        return rows.row(0, named=True)


def read_tables(path: Path) -> dict[str, pl.DataFrame]:
    """Every table of a catalog file as polars frames (one read-only connection)."""
    if not path.exists():
        raise CatalogError(f"catalog file not found: {path}")
    try:
        con = duckdb.connect(str(path), read_only=True)
    except duckdb.Error as exc:
        raise CatalogError(f"cannot open catalog {path}: {exc}") from exc
    try:
        names = [
            row[0]
            for row in con.execute(
                "SELECT table_name FROM information_schema.tables "
                "WHERE table_schema = 'main' ORDER BY table_name"
            ).fetchall()
        ]
        # The relation API takes the table name as an identifier, so no SQL is
        # assembled from strings; pl.DataFrame goes through Arrow's PyCapsule.
        return {name: pl.DataFrame(con.table(name)) for name in names}
    finally:
        con.close()


def load_catalog(path: Path | None = None) -> Catalog:
    path = Path(path) if path is not None else catalog_path()
    tables = read_tables(path)
    meta: dict[str, str] = {}
    if META_TABLE in tables:
        meta = dict(zip(tables[META_TABLE]["key"], tables[META_TABLE]["value"], strict=True))
    return Catalog(tables=tables, path=path, meta=meta)
