"""The window starts with a catalog that is locked by another process or unfit."""

import shutil

import duckdb
import pytest
from econplan.core.paths import catalog_path
from econplan.desktop import app as app_module
from PySide6.QtWidgets import QMessageBox


@pytest.fixture
def copy(tmp_path, monkeypatch):
    target = tmp_path / "catalog.duckdb"
    shutil.copyfile(catalog_path(), target)
    monkeypatch.setenv("ECONPLAN_CATALOG", str(target))
    return target


def _start(qtbot, monkeypatch):
    window = app_module.start_window(None)
    assert window is not None
    qtbot.addWidget(window)
    monkeypatch.setattr(window, "ask_save_changes", lambda: QMessageBox.StandardButton.Discard)
    return window


def test_the_window_starts_while_another_process_holds_a_write_lock(
        copy, qtbot, monkeypatch, write_lock):
    with write_lock(copy):
        window = _start(qtbot, monkeypatch)
    assert window.catalog.table("gpus").height > 0
    assert not hasattr(window, "catalog_notice_box")


def test_a_catalog_missing_a_table_gives_one_message_and_a_working_window(
        copy, qtbot, monkeypatch):
    con = duckdb.connect(str(copy))
    con.execute("DROP TABLE role_overspend")
    con.execute("CHECKPOINT")
    con.close()
    window = _start(qtbot, monkeypatch)
    box = window.catalog_notice_box
    assert box.isVisible()
    assert "lacks the table 'role_overspend'" in box.informativeText()
    assert window.catalog.table("role_overspend").height > 0
    assert window.document.set_value("name", "Still works")
