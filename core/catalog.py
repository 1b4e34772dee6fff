"""Read-only access to the bundled catalog, loaded into polars once.

The DuckDB file is opened with ``read_only=True`` so that two app instances
(and read-only install folders) work. A table is copied into a polars frame the
first time it is asked for and kept (``LazyTables``): start-up reads the ~25 of
78 tables the default scenario and the Training tab use, and nothing queries
DuckDB again for a table once read, so a slider tick never does. The names and
row counts of every table come from one query at load, their columns from the
relations (no table is read for them).

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
import threading
import weakref
from collections.abc import Iterator, Mapping
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

    def columns(self, name: str) -> list[str]:
        """A table's column names, without reading the table when it was not read yet."""
        if isinstance(self.tables, LazyTables | TableOverlay):
            return self.tables.columns(name)
        return self.table(name).columns

    def row_count(self, name: str) -> int:
        """A table's number of rows, without reading the table when it was not read yet."""
        if isinstance(self.tables, LazyTables | TableOverlay):
            return self.tables.row_count(name)
        return self.table(name).height

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


def _read_table(con: duckdb.DuckDBPyConnection, name: str) -> pl.DataFrame:
    # The relation API takes the table name as an identifier, so no SQL is assembled
    # from strings; pl.DataFrame goes through Arrow's PyCapsule.
    return pl.DataFrame(con.table(name))


class LazyTables(Mapping[str, pl.DataFrame]):
    """A catalog file's tables, each read into polars on first use and then kept.

    Reading all 78 tables took ~0.2 s of every start, though the first window uses about
    a third of them. The read-only connection stays open while the first window is built,
    then ``let_go`` closes it (an open connection kept ~15 MiB more resident through the
    first paint); the next table asked for reopens the file once and reads every table
    left. A lock makes a first read from a worker thread (the uncertainty run) safe.
    Names, columns and row counts are known up front, so checking the file and the
    status bar's summary read no table.
    """

    def __init__(self, path: Path, con: duckdb.DuckDBPyConnection):
        self.path = path
        self._lock = threading.Lock()
        self._frames: dict[str, pl.DataFrame] = {}
        # A catalog file is written whole and checkpointed, never updated in place, so
        # the storage's row count is exact (tests/core/test_catalog_build.py checks it
        # against the frames).
        self._rows: dict[str, int] = dict(con.execute(
            "SELECT table_name, estimated_size FROM duckdb_tables() "
            "WHERE database_name = current_database() AND schema_name = 'main' "
            "ORDER BY table_name").fetchall())
        # A relation's columns need no query (information_schema.columns took ~50 ms).
        self._columns = {name: con.table(name).columns for name in self._rows}
        self._con: duckdb.DuckDBPyConnection | None = con
        self._closed = False
        self._finalizer = weakref.finalize(self, con.close)

    def __getitem__(self, name: str) -> pl.DataFrame:
        frame = self._frames.get(name)
        if frame is not None:
            return frame
        if name not in self._columns:
            raise KeyError(name)
        with self._lock:
            if name not in self._frames:
                if self._con is None:
                    self._read_rest()
                else:
                    try:
                        self._frames[name] = _read_table(self._con, name)
                    except duckdb.Error as exc:
                        raise CatalogError(f"cannot read catalog {self.path}: {exc}") from exc
                if len(self._frames) == len(self._columns):
                    self._close_connection()
            return self._frames[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._columns)

    def __len__(self) -> int:
        return len(self._columns)

    def __contains__(self, name: object) -> bool:
        return name in self._columns

    def columns(self, name: str) -> list[str]:
        try:
            return list(self._columns[name])
        except KeyError:
            raise CatalogError(f"catalog has no table {name!r}") from None

    def row_count(self, name: str) -> int:
        if name not in self._columns:
            raise CatalogError(f"catalog has no table {name!r}")
        frame = self._frames.get(name)
        return frame.height if frame is not None else int(self._rows.get(name, 0))

    def read_all(self) -> dict[str, pl.DataFrame]:
        """Every table, read now; the connection is closed afterwards."""
        return {name: self[name] for name in self._columns}

    def let_go(self) -> None:
        """Close the file for now; a table not read yet reopens it (and reads the rest)."""
        with self._lock:
            self._close_connection()

    def close(self) -> None:
        """Let go of the file for good (one that is discarded, before it is replaced or
        deleted); a table not read by then cannot be read any more."""
        with self._lock:
            self._close_connection()
            self._closed = True

    def _read_rest(self) -> None:
        """Every table not read yet, from the file opened again (a write-locked file is
        read from a private copy, as at start); a file changed since is refused."""
        if self._closed:
            raise CatalogError(f"catalog {self.path} was closed before every table was read")
        tables = read_tables(self.path)
        if tables.get(META_TABLE) is not None and META_TABLE in self._frames \
                and not tables[META_TABLE].equals(self._frames[META_TABLE]):
            raise CatalogError(f"catalog {self.path} changed while EconPlan was running; "
                               "start EconPlan again to use it")
        for name in self._columns:
            if name not in self._frames and name in tables:
                self._frames[name] = tables[name]
        if len(self._frames) < len(self._columns):
            raise CatalogError(f"catalog {self.path} lost tables while EconPlan was running")

    def _close_connection(self) -> None:
        if self._con is not None:
            self._con = None
            self._finalizer()


class TableOverlay(Mapping[str, pl.DataFrame]):
    """Some tables replaced (the user's prices laid over them), the rest still the
    underlying catalog's, read only when asked for."""

    def __init__(self, base: Mapping[str, pl.DataFrame], replaced: Mapping[str, pl.DataFrame]):
        self._base = base
        self._replaced = dict(replaced)

    def __getitem__(self, name: str) -> pl.DataFrame:
        frame = self._replaced.get(name)
        return frame if frame is not None else self._base[name]

    def __iter__(self) -> Iterator[str]:
        yield from self._base
        yield from (name for name in self._replaced if name not in self._base)

    def __len__(self) -> int:
        return len(self._base) + sum(name not in self._base for name in self._replaced)

    def __contains__(self, name: object) -> bool:
        return name in self._replaced or name in self._base

    def columns(self, name: str) -> list[str]:
        if name in self._replaced:
            return self._replaced[name].columns
        return Catalog(tables=self._base).columns(name)

    def row_count(self, name: str) -> int:
        if name in self._replaced:
            return self._replaced[name].height
        return Catalog(tables=self._base).row_count(name)


def _open_lazy(path: Path) -> LazyTables:
    try:
        con = duckdb.connect(str(path), read_only=True)
    except duckdb.Error as exc:
        raise CatalogError(f"cannot open catalog {path}: {exc}") from exc
    try:
        return LazyTables(path, con)
    except duckdb.Error as exc:
        con.close()
        raise CatalogError(f"cannot read catalog {path}: {exc}") from exc


def _read_connection(path: Path) -> dict[str, pl.DataFrame]:
    return _open_lazy(path).read_all()


def read_tables(path: Path, lazy: bool = False) -> Mapping[str, pl.DataFrame]:
    """Every table of a catalog file as polars frames (one read-only connection); with
    ``lazy`` each is read when first asked for (``LazyTables``).

    A write lock held by another program refuses even read-only connections, so a
    refused file is copied to a private temporary folder and read from there (all at
    once: the copy is deleted afterwards).
    """
    if not path.exists():
        raise CatalogError(f"catalog file not found: {path}")
    try:
        return _open_lazy(path) if lazy else _read_connection(path)
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
        if missing := [c for c in columns if c not in catalog.columns(table)]:
            return f"{name}: table {table!r} lacks the column(s) {', '.join(missing)}"
    if catalog.meta.get("sources_sha256") != sources_hash(sources):
        return (f"{name} does not match its sources in resources/catalog "
                "(the content hash in its meta table differs)")
    return ""


def read_catalog(path: Path, lazy: bool = True) -> Catalog:
    tables = read_tables(path, lazy=lazy)
    meta: dict[str, str] = {}
    if META_TABLE in tables and {"key", "value"} <= set(tables[META_TABLE].columns):
        meta = {str(k): str(v) for k, v in zip(tables[META_TABLE]["key"],
                                                tables[META_TABLE]["value"], strict=True)}
    return Catalog(tables=tables, path=path, meta=meta)


def release(catalog: Catalog) -> None:
    """Close a lazily read catalog's file for good (its unread tables cannot be read)."""
    if isinstance(catalog.tables, LazyTables):
        catalog.tables.close()


def let_go(catalog: Catalog) -> None:
    """Close a lazily read catalog's file until a table not read yet is asked for."""
    tables = catalog.tables
    if isinstance(tables, TableOverlay):
        tables = tables._base
    if isinstance(tables, LazyTables):
        tables.let_go()


def load_catalog(path: Path | None = None, repair: bool = True) -> Catalog:
    """The catalog at ``path`` (default: the bundled one), checked.

    With ``repair`` a missing, unreadable or unfit file gives the catalog rebuilt from
    the bundled sources, its ``notice`` saying what was wrong; without, a CatalogError.
    """
    path = Path(path) if path is not None else catalog_path()
    try:
        catalog = read_catalog(path)
    except CatalogError as exc:
        problem = str(exc)
    else:
        try:
            problem = catalog_problem(catalog)
        except CatalogError as exc:
            problem = str(exc)
        if not problem:
            return catalog
        release(catalog)  # let go of the unfit file before a rebuild replaces anything
    if not repair:
        raise CatalogError(problem)
    from econplan.core.catalog_rebuild import rebuilt_catalog  # the builder imports this module

    return rebuilt_catalog(problem)
