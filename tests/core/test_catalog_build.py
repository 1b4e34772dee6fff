"""The committed catalog.duckdb is exactly the build of resources/catalog."""

import duckdb
import polars as pl
import pytest
from econplan.core.catalog import CatalogError, load_catalog
from econplan.core.catalog_build import build_catalog, sources_hash
from econplan.core.paths import catalog_path, catalog_sources_dir
from polars.testing import assert_frame_equal


def test_committed_catalog_matches_a_fresh_build(tmp_path):
    fresh = tmp_path / "fresh.duckdb"
    counts = build_catalog(fresh)
    rebuilt = load_catalog(fresh, repair=False)
    # Without repair: the app would quietly rebuild a stale catalog, which must not hide it.
    try:
        catalog = load_catalog(catalog_path(), repair=False)
    except CatalogError as exc:
        pytest.fail(f"{exc}: run `econplan catalog build --force` and commit it")
    assert catalog.meta["sources_sha256"] == sources_hash(catalog_sources_dir())
    assert sorted(catalog.tables) == sorted(rebuilt.tables)
    for name in counts:
        assert_frame_equal(catalog.table(name), rebuilt.table(name))


def test_committed_catalog_opens_read_only_twice_at_once():
    first = duckdb.connect(str(catalog_path()), read_only=True)
    second = duckdb.connect(str(catalog_path()), read_only=True)
    try:
        assert first.execute("SELECT count(*) FROM gpus").fetchone()[0] > 0
        assert second.execute("SELECT count(*) FROM gpus").fetchone()[0] > 0
    finally:
        first.close()
        second.close()


def test_every_data_row_has_a_source_and_as_of(catalog):
    for name in catalog.table_names():
        frame = catalog.table(name)
        assert frame.columns[-2:] == ["source", "as_of"], name
        assert frame.filter(pl.col("source").is_null() | (pl.col("source") == "")).height == 0
        assert frame.filter(pl.col("as_of").is_null() | (pl.col("as_of") == "")).height == 0


def test_measured_h100_figures_are_in_the_catalog(catalog):
    measured = catalog.table("gpu_measurements")
    assert measured.height == 9
    assert measured.filter(pl.col("kind") == "train_step")["mfu"].max() < 0.5


def test_build_leaves_no_wal_and_records_meta(tmp_path):
    target = tmp_path / "c.duckdb"
    build_catalog(target)
    assert [p.name for p in tmp_path.iterdir()] == ["c.duckdb"]
    meta = load_catalog(target).meta
    assert {"schema_version", "built_at", "sources_sha256"} <= set(meta)


def test_a_loaded_catalog_reads_a_table_only_when_asked_for_it():
    from econplan.core.catalog import LazyTables

    catalog = load_catalog(catalog_path(), repair=False)
    tables = catalog.tables
    assert isinstance(tables, LazyTables)
    assert "gpus" in tables and len(tables) == len(catalog.table_names()) + 2
    # Checking the file and the status bar's summary read no table but the meta table.
    assert set(tables._frames) == {"meta"}
    assert catalog.table("gpus").height == catalog.row_count("gpus")
    assert set(tables._frames) == {"meta", "gpus"}


def test_a_lazy_catalogs_names_columns_and_row_counts_are_its_frames():
    lazy = load_catalog(catalog_path(), repair=False)
    names = lazy.table_names()
    expected = {name: (lazy.columns(name), lazy.row_count(name)) for name in names}
    assert lazy.tables._con is not None  # still open: tables are left to read
    frames = {name: lazy.table(name) for name in lazy.tables}
    assert lazy.tables._con is None  # every table read: the file is let go of
    for name in names:
        assert expected[name] == (frames[name].columns, frames[name].height), name


def test_a_lazy_catalog_read_from_threads_reads_each_table_once():
    from concurrent.futures import ThreadPoolExecutor

    catalog = load_catalog(catalog_path(), repair=False)
    with ThreadPoolExecutor(4) as pool:
        frames = list(pool.map(catalog.table, ["gpus", "api_prices"] * 8))
    assert all(frame is frames[0] for frame in frames[::2])
    assert all(frame is frames[1] for frame in frames[1::2])


def test_a_catalog_let_go_of_reads_the_rest_when_asked_again():
    from econplan.core.catalog import let_go

    catalog = load_catalog(catalog_path(), repair=False)
    gpus = catalog.table("gpus")
    let_go(catalog)
    assert catalog.tables._con is None
    assert catalog.table("gpus") is gpus  # kept
    fresh = load_catalog(catalog_path(), repair=False).tables.read_all()
    for name in catalog.table_names():  # the first table asked for reads all left
        assert_frame_equal(catalog.table(name), fresh[name])
    assert catalog.tables._con is None
