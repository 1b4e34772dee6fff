"""Autosave of unsaved changes and recovery after a crash (here, and in a killed process)."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from econplan.core.scenario_io import load_scenario, save_scenario
from econplan.desktop.autosave import Autosaver, autosave_record, find_recoveries
from econplan.desktop.main_window import MainWindow
from PySide6.QtWidgets import QMessageBox

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def window(window):
    window.autosaver.timer.setInterval(20)
    return window


def autosaves(folder: Path) -> list[Path]:
    return sorted(folder.glob("autosave-*.json")) if folder.is_dir() else []


def test_an_edit_is_autosaved_after_a_pause_and_a_save_removes_it(
        tmp_path, qtbot, window, autosave_dir):
    plan = tmp_path / "plan.json"
    save_scenario(window.document.scenario, plan)
    assert window.open_path(plan)
    window.document.set_value("name", "Edited")
    qtbot.waitUntil(lambda: window.autosaver.file.exists(), timeout=5000)
    record = json.loads(window.autosaver.file.read_text())
    assert record["source_path"] == str(plan)
    assert record["scenario"]["name"] == "Edited"
    assert autosaves(autosave_dir) == [window.autosaver.file]
    assert window.save()
    assert autosaves(autosave_dir) == []
    assert load_scenario(plan).name == "Edited"


def test_a_tab_switch_autosaves_at_once(window, autosave_dir):
    window.autosaver.timer.setInterval(60_000)
    window.document.set_value("name", "Edited")
    assert not window.autosaver.file.exists()
    window.tabs.setCurrentIndex(2)
    assert window.autosaver.file.exists()


def test_undo_to_the_saved_state_and_a_clean_exit_remove_the_autosave(window, autosave_dir):
    window.document.set_value("name", "Edited")
    window.autosaver.save_now()
    window.document.undo_stack.undo()
    assert autosaves(autosave_dir) == []
    window.document.set_value("name", "Edited again")
    window.autosaver.save_now()
    assert window.close()
    assert list(autosave_dir.iterdir()) == []


def test_a_running_windows_autosave_is_not_offered_to_another(window, qtbot, catalog,
                                                              monkeypatch):
    window.document.set_value("name", "Mine")
    window.autosaver.save_now()
    lock = window.autosaver.file.with_suffix(".lock")
    an_hour_ago = time.time() - 3600  # an old lock of a live process is still held
    os.utime(lock, (an_hour_ago, an_hour_ago))
    second = MainWindow(catalog)
    qtbot.addWidget(second)
    monkeypatch.setattr(second, "ask_restore", lambda recovery: pytest.fail("offered"))
    assert not second.offer_recovery()
    assert window.autosaver.file.exists()


def _orphan(folder: Path, scenario, source: Path | None) -> Path:
    """An autosave as a killed process leaves it: a record and no live lock."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "autosave-0123.json"
    path.write_text(autosave_record(scenario, source))
    return path


@pytest.mark.parametrize("restore", [True, False])
def test_restore_or_discard_an_orphaned_autosave(tmp_path, window, autosave_dir, restore,
                                                 monkeypatch):
    plan = tmp_path / "plan.json"
    save_scenario(window.document.scenario, plan)
    changed = window.document.scenario.model_copy(update={"name": "Lost work"})
    orphan = _orphan(autosave_dir, changed, plan)
    offered = []
    monkeypatch.setattr(window, "ask_restore",
                        lambda recovery: offered.append(recovery) or restore)
    assert window.offer_recovery() is restore
    assert [(r.source, r.scenario.name) for r in offered] == [(plan, "Lost work")]
    assert not orphan.exists() and not orphan.with_suffix(".lock").exists()
    if restore:
        assert window.document.scenario.name == "Lost work"
        assert window.document.path == plan and window.document.is_modified
        assert window.autosaver.file.exists()  # still unsaved, so still protected
        assert load_scenario(plan).name != "Lost work"
    else:
        assert window.document.scenario.name != "Lost work"
        assert autosaves(autosave_dir) == []


def test_an_unreadable_autosave_is_dropped_quietly(autosave_dir):
    autosave_dir.mkdir(parents=True)
    (autosave_dir / "autosave-bad.json").write_text('{"autosave_format": 1, "scenario": 3}')
    (autosave_dir / "autosave-cut.json").write_text('{"autosave_fo')
    assert find_recoveries(autosave_dir) == []
    assert list(autosave_dir.iterdir()) == []


def test_a_failing_autosave_never_interrupts_work(window, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    saver = Autosaver(window.document, folder=blocker / "autosave")
    window.document.set_value("name", "Edited")
    assert not saver.save_now()
    assert "Autosave failed" in saver.last_error


CRASHING_APP = """
import sys
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from econplan.desktop.app import start_window

window = start_window(sys.argv[1])

def edit():
    window.document.set_value("name", "Work killed before saving")
    print("edited", flush=True)

QTimer.singleShot(0, edit)
QApplication.instance().exec()
"""


def test_a_killed_app_offers_its_unsaved_work_at_the_next_start(
        tmp_path, qtbot, catalog, autosave_dir, monkeypatch):
    from econplan.desktop import app as app_module

    plan = tmp_path / "plan.json"
    from econplan.core.defaults import default_scenario

    save_scenario(default_scenario(catalog), plan)
    before = plan.read_bytes()
    process = subprocess.Popen([sys.executable, "-c", CRASHING_APP, str(plan)], cwd=ROOT,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    try:
        assert process.stdout.readline().strip() == "edited", process.stderr.read()
        deadline = time.monotonic() + 60
        while not autosaves(autosave_dir) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert autosaves(autosave_dir), "no autosave within a minute of the edit"
    finally:
        process.send_signal(signal.SIGKILL)
        process.communicate(timeout=60)
    assert process.returncode == -signal.SIGKILL

    choices = []
    monkeypatch.setattr(MainWindow, "ask_restore",
                        lambda self, recovery: choices.append(recovery.source) or True)
    window = app_module.start_window(None)
    qtbot.addWidget(window)
    monkeypatch.setattr(window, "ask_save_changes", lambda: QMessageBox.StandardButton.Discard)
    assert choices == [plan]
    assert window.document.scenario.name == "Work killed before saving"
    assert window.document.path == plan and window.document.is_modified
    assert plan.read_bytes() == before
