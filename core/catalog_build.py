"""Build ``catalog.duckdb`` from ``resources/catalog`` (schema.sql + one CSV per table).

The committed catalog is a build product: a test rebuilds it and compares.
The file goes through the atomic writer, checkpointed (no ``.wal`` left), with an
older storage version so earlier duckdb releases read it.
"""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, datetime
from pathlib import Path

import duckdb
from econplan.core.atomic_write import atomic_path
from econplan.core.catalog import CATALOG_SCHEMA_VERSION, META_TABLE
from econplan.core.paths import catalog_path, catalog_sources_dir

# The oldest storage format that keeps each column's distinct-count sketch in the form
# DuckDB now reads: a v1.0.0 file's sketches were converted on every open, 224 M
# instructions to open the catalog and list its tables against 125 M for this one (~2% of
# the window's start). DuckDB 1.1 and later read it; the app pins 1.5.
STORAGE_COMPATIBILITY = "v1.1.0"
_IDENTIFIER = re.compile(r"^[a-z_][a-z0-9_]*$")


class CatalogBuildError(RuntimeError):
    pass


def source_files(sources: Path) -> list[Path]:
    return [sources / "schema.sql", *sorted(sources.glob("*.csv"))]


def sources_hash(sources: Path) -> str:
    """SHA-256 over every source file's name and bytes, in a fixed order."""
    digest = hashlib.sha256()
    for path in source_files(sources):
        digest.update(path.name.encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


def _load_csv(con: duckdb.DuckDBPyConnection, table: str, csv_path: Path) -> int:
    columns = con.table(table).columns
    types = [str(t) for t in con.table(table).types]
    # Every column typed by schema.sql, no sniffing: a figure that does not
    # parse as its declared type fails the build instead of becoming text.
    relation = con.read_csv(
        str(csv_path),
        header=True,
        auto_detect=False,
        columns=dict(zip(columns, types, strict=True)),
    )
    if relation.columns != columns:
        raise CatalogBuildError(
            f"{csv_path.name}: columns {relation.columns} do not match schema {columns}"
        )
    relation.insert_into(table)
    return con.table(table).shape[0]


def _write_catalog(tmp: Path, schema: Path, sources: Path) -> dict[str, int]:
    counts: dict[str, int] = {}
    con = duckdb.connect(str(tmp), config={"storage_compatibility_version": STORAGE_COMPATIBILITY})
    try:
        con.execute(schema.read_text(encoding="utf-8"))
        tables = [
            row[0]
            for row in con.execute(
                "SELECT table_name FROM information_schema.tables "
                "WHERE table_schema = 'main' ORDER BY table_name"
            ).fetchall()
        ]
        csv_names = {p.stem for p in sources.glob("*.csv")}
        if missing := sorted(set(tables) - csv_names):
            raise CatalogBuildError(f"schema.sql declares tables with no CSV: {missing}")
        if extra := sorted(csv_names - set(tables)):
            raise CatalogBuildError(f"CSV files with no table in schema.sql: {extra}")
        for table in tables:
            if not _IDENTIFIER.match(table):
                raise CatalogBuildError(f"table name {table!r} is not a plain identifier")
            try:
                counts[table] = _load_csv(con, table, sources / f"{table}.csv")
            except duckdb.Error as exc:
                raise CatalogBuildError(f"{table}.csv: {exc}") from exc
        con.execute(f"CREATE TABLE {META_TABLE} (key VARCHAR PRIMARY KEY, value VARCHAR)")
        meta = {
            "schema_version": CATALOG_SCHEMA_VERSION,
            "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "sources_sha256": sources_hash(sources),
            "duckdb_version": duckdb.__version__,
            "storage_compatibility": STORAGE_COMPATIBILITY,
        }
        con.executemany(f"INSERT INTO {META_TABLE} VALUES (?, ?)", list(meta.items()))
        con.execute("CHECKPOINT")
    finally:
        con.close()
    return counts


def build_catalog(output: Path | None = None, sources: Path | None = None) -> dict[str, int]:
    """Build the catalog file; returns the row count of every table."""
    output = Path(output) if output is not None else catalog_path()
    sources = Path(sources) if sources is not None else catalog_sources_dir()
    schema = sources / "schema.sql"
    if not schema.exists():
        raise CatalogBuildError(f"missing {schema}")

    with atomic_path(output) as tmp:
        # DuckDB refuses the empty file the writer reserved: it must create the file itself.
        tmp.unlink()
        wal = tmp.with_name(tmp.name + ".wal")
        try:
            counts = _write_catalog(tmp, schema, sources)
        finally:
            wal.unlink(missing_ok=True)
    return counts
