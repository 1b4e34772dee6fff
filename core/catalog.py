"""Read-only access to the bundled catalog, loaded into polars once.

The DuckDB file is opened with ``read_only=True`` so that two app instances
(and read-only install folders) work; every table is copied into a polars
frame at start-up so nothing queries DuckDB on a slider tick.

A catalog file must never stop the app. If another program holds a write lock
on it, a private copy is read instead. If it lacks a table or column (checked
against the CSV headers in resources/catalog), was built by a newer EconPlan,
or was built from other sources than the bundled ones (the SHA-256 in its
``meta`` table), the catalog is rebuilt from those sources into the user cache
and ``Catalog.notice`` says why, once, in words.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import polars as pl
from econplan.core.paths import catalog_path, catalog_sources_dir

META_TABLE = "meta"
TABLE_INDEX = "catalog_tables"
# The catalog layout this code reads; a file built with a higher number needs a newer app.
CATALOG_SCHEMA_VERSION = "1"


class CatalogError(RuntimeError):
    """The catalog file is missing, unreadable or lacks a table a planner needs."""


@dataclass(frozen=True, eq=False)  # identity hash: results are cached per catalog
class Catalog:
    """Every catalog table as a polars frame, keyed by table name."""

    tables: Mapping[str, pl.DataFrame]
    path: Path | None = None
    meta: Mapping[str, str] = field(default_factory=dict)
    # Why this catalog is not the file that was asked for (empty when it is).
    notice: str = ""
    # Rows by (table, column) → value, built on the first lookup in that column: the
    # tables are small and never change, and a polars filter per lookup (~1 ms) was most
    # of building the default scenario and a slider tick's catalog reads.
    _index: dict = field(default_factory=dict, init=False, repr=False, compare=False)

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
        """The single row of ``table`` whose ``column`` equals ``value`` (a copy)."""
        index = self._index.get((table, column))
        if index is None:
            frame = self.table(table)
            if column not in frame.columns:
                raise CatalogError(f"{table}: no column {column!r}")
            index = {}
            for found in frame.rows(named=True):
                if found[column] is not None:  # a null equals nothing, as in polars
                    index.setdefault(found[column], []).append(found)
            self._index[(table, column)] = index
        try:
            rows = index.get(value, [])
        except TypeError:  # an unhashable value equals no cell
            rows = []
        if len(rows) != 1:
            raise CatalogError(
                f"{table}: expected one row with {column}={value!r}, got {len(rows)}"
            )
        return dict(rows[0])


def _read_connection(path: Path) -> dict[str, pl.DataFrame]:
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
    except duckdb.Error as exc:
        raise CatalogError(f"cannot read catalog {path}: {exc}") from exc
    finally:
        con.close()


def read_tables(path: Path) -> dict[str, pl.DataFrame]:
    """Every table of a catalog file as polars frames (one read-only connection).

    A write lock held by another program refuses even read-only connections, so a
    refused file is copied to a private temporary folder and read from there.
    """
    if not path.exists():
        raise CatalogError(f"catalog file not found: {path}")
    try:
        return _read_connection(path)
    except CatalogError as first:
        with tempfile.TemporaryDirectory(prefix="econplan-catalog-") as folder:
            copy = Path(folder) / path.name
            try:
                shutil.copyfile(path, copy)
                return _read_connection(copy)
            except (OSError, CatalogError):
                raise first from None


def expected_columns(sources: Path) -> dict[str, list[str]]:
    """Every table's columns, from the header row of its source CSV (the build checks
    that each header matches schema.sql)."""
    expected = {}
    for csv_path in sorted(sources.glob("*.csv")):
        with csv_path.open(encoding="utf-8") as handle:
            expected[csv_path.stem] = handle.readline().strip().split(",")
    return expected


def catalog_problem(catalog: Catalog, sources: Path | None = None) -> str:
    """What makes ``catalog`` unfit to use, in words; empty when it is fine."""
    from econplan.core.catalog_build import sources_hash

    sources = sources if sources is not None else catalog_sources_dir()
    name = catalog.path.name if catalog.path else "the catalog"
    if META_TABLE not in catalog.tables:
        return f"{name} has no {META_TABLE} table (it was not built by EconPlan)"
    version = catalog.meta.get("schema_version", "")
    if not version.isdigit():
        return f"{name} has no valid schema version"
    if int(version) > int(CATALOG_SCHEMA_VERSION):
        return (f"{name} was built by a newer EconPlan (catalog schema {version}; "
                f"this version reads {CATALOG_SCHEMA_VERSION})")
    if int(version) < int(CATALOG_SCHEMA_VERSION):
        return f"{name} has an old catalog schema ({version})"
    if not (sources / "schema.sql").exists():
        return ""  # an install without the sources: nothing more to compare against
    for table, columns in expected_columns(sources).items():
        if table not in catalog.tables:
            return f"{name} lacks the table {table!r}"
        if missing := [c for c in columns if c not in catalog.tables[table].columns]:
            return f"{name}: table {table!r} lacks the column(s) {', '.join(missing)}"
    if catalog.meta.get("sources_sha256") != sources_hash(sources):
        return (f"{name} does not match its sources in resources/catalog "
                "(the content hash in its meta table differs)")
    return ""


def read_catalog(path: Path) -> Catalog:
    tables = read_tables(path)
    meta: dict[str, str] = {}
    if META_TABLE in tables and {"key", "value"} <= set(tables[META_TABLE].columns):
        meta = {str(k): str(v) for k, v in zip(tables[META_TABLE]["key"],
                                                tables[META_TABLE]["value"], strict=True)}
    return Catalog(tables=tables, path=path, meta=meta)


def load_catalog(path: Path | None = None, repair: bool = True) -> Catalog:
    """The catalog at ``path`` (default: the bundled one), checked.

    With ``repair`` a missing, unreadable or unfit file gives the catalog rebuilt from
    the bundled sources, its ``notice`` saying what was wrong; without, a CatalogError.
    """
    path = Path(path) if path is not None else catalog_path()
    try:
        catalog = read_catalog(path)
        problem = catalog_problem(catalog)
    except CatalogError as exc:
        problem = str(exc)
    if not problem:
        return catalog
    if not repair:
        raise CatalogError(problem)
    from econplan.core.catalog_rebuild import rebuilt_catalog  # the builder imports this module

    return rebuilt_catalog(problem)
