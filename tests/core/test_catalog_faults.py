"""A catalog file that is locked, incomplete, newer or stale never stops EconPlan."""

import shutil

import duckdb
import pytest
from econplan.core.catalog import CatalogError, load_catalog
from econplan.core.paths import catalog_path, scenarios_dir, user_cache_dir
from polars.testing import assert_frame_equal


@pytest.fixture
def copy(tmp_path):
    """A private copy of the committed catalog (which is never changed by a test)."""
    target = tmp_path / "catalog.duckdb"
    shutil.copyfile(catalog_path(), target)
    return target


def _alter(path, *statements):
    con = duckdb.connect(str(path))
    try:
        for statement in statements:
            con.execute(statement)
        con.execute("CHECKPOINT")
    finally:
        con.close()


def _same_tables(loaded, reference):
    assert sorted(loaded.tables) == sorted(reference.tables)
    for name in reference.table_names():
        assert_frame_equal(loaded.table(name), reference.table(name))


def test_a_write_lock_held_by_another_process_falls_back_to_a_private_copy(
        copy, catalog, write_lock):
    with write_lock(copy):
        with pytest.raises(duckdb.Error, match="lock"):
            duckdb.connect(str(copy), read_only=True)
        loaded = load_catalog(copy, repair=False)
    assert loaded.notice == ""
    _same_tables(loaded, catalog)


@pytest.mark.parametrize(("statements", "named"), [
    (["DROP TABLE gpus"], "lacks the table 'gpus'"),
    (["ALTER TABLE gpus DROP COLUMN vram_gb"], "lacks the column(s) vram_gb"),
    (["UPDATE meta SET value = '7' WHERE key = 'schema_version'"],
     "built by a newer EconPlan (catalog schema 7"),
    ([f"UPDATE meta SET value = '{'0' * 64}' WHERE key = 'sources_sha256'"],
     "content hash"),
    (["DROP TABLE meta"], "has no meta table"),
])
def test_an_unfit_catalog_is_rebuilt_from_the_sources_with_one_message(
        copy, catalog, statements, named):
    _alter(copy, *statements)
    before = copy.read_bytes()
    with pytest.raises(CatalogError, match=named.replace("(", r"\(").replace(")", r"\)")):
        load_catalog(copy, repair=False)
    loaded = load_catalog(copy)
    assert named in loaded.notice and "rebuilt the catalog" in loaded.notice
    _same_tables(loaded, catalog)
    assert loaded.path.parent == user_cache_dir()
    assert copy.read_bytes() == before  # the faulty file itself is left alone


def test_garbage_and_missing_files_are_rebuilt_too(tmp_path, catalog):
    garbage = tmp_path / "catalog.duckdb"
    garbage.write_bytes(b"not a database" * 100)
    loaded = load_catalog(garbage)
    assert "cannot open catalog" in loaded.notice
    _same_tables(loaded, catalog)
    missing = load_catalog(tmp_path / "gone.duckdb")
    assert "not found" in missing.notice


def test_the_rebuild_is_cached_and_reused(copy):
    _alter(copy, "DROP TABLE gpus")
    first = load_catalog(copy)
    built = first.path.stat().st_mtime_ns
    second = load_catalog(copy)
    assert second.path == first.path and second.path.stat().st_mtime_ns == built


def test_the_committed_catalog_is_fit(catalog):
    assert catalog.notice == ""
    assert catalog.path == catalog_path()


def test_the_command_line_reports_the_fault_on_stderr_and_still_computes(
        copy, tmp_path, monkeypatch, capsys):
    import json

    from econplan.cli import main

    _alter(copy, "DROP TABLE api_prices")
    monkeypatch.setenv("ECONPLAN_CATALOG", str(copy))
    scenario = sorted(scenarios_dir().glob("*.json"))[0]
    assert main(["compute", str(scenario)]) == 0
    captured = capsys.readouterr()
    assert "training" in json.loads(captured.out)
    assert captured.err.count("\n") == 1 and "lacks the table 'api_prices'" in captured.err
