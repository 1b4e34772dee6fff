"""The catalog rebuilt from the bundled sources when the catalog file cannot be used.

The rebuild lands in the user cache, named by the sources' hash, so it happens once
per set of sources and never touches the bundled file (which may be read-only, or
the very file another program holds locked). If the cache cannot be written, the
rebuild goes to a temporary folder that is removed once the tables are in memory.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from econplan.core.catalog import Catalog, CatalogError, catalog_problem, read_catalog, release
from econplan.core.catalog_build import CatalogBuildError, build_catalog, sources_hash
from econplan.core.paths import catalog_sources_dir, user_cache_dir


def _build_and_read(target: Path, sources: Path) -> Catalog:
    if target.exists():
        cached = read_catalog(target)
        if not catalog_problem(cached, sources):
            return cached
        release(cached)
        target.unlink()
    build_catalog(target, sources)
    return read_catalog(target)


def rebuilt_catalog(problem: str, sources: Path | None = None) -> Catalog:
    """The catalog built from ``sources``; its notice names ``problem``."""
    sources = sources if sources is not None else catalog_sources_dir()
    notice = (f"{problem}. EconPlan rebuilt the catalog from its bundled sources "
              f"({sources}) and uses that instead; the catalog file was not changed.")
    try:
        name = f"catalog-{sources_hash(sources)[:16]}.duckdb"
    except OSError as exc:
        raise CatalogError(f"{problem}; its sources cannot be read either: "
                           f"{exc.strerror or exc}") from None
    try:
        try:
            folder = user_cache_dir()
            folder.mkdir(parents=True, exist_ok=True)
            catalog = _build_and_read(folder / name, sources)
        except OSError:
            with tempfile.TemporaryDirectory(prefix="econplan-catalog-") as tmp:
                built = _build_and_read(Path(tmp) / name, sources)
                # Every table into memory (and the file closed) before the folder goes.
                catalog = Catalog(tables=dict(built.tables), path=built.path,
                                  meta=built.meta)
    except (CatalogBuildError, CatalogError, OSError) as exc:
        raise CatalogError(f"{problem}; rebuilding it from {sources} failed too: {exc}") from None
    return Catalog(tables=catalog.tables, path=catalog.path, meta=catalog.meta, notice=notice)
