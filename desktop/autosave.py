"""Autosave of unsaved changes, and recovery after a crash.

Each running window owns one autosave file in the user data folder, named by a
random session id and guarded by a Qt lock file that holds the owner's process
id. Unsaved changes are written there, through the atomic writer, a short idle
time after the last edit and whenever the user switches tabs; a save, a plan
that is clean again (undo, open, new) or a clean exit removes it. An autosave
whose lock can be taken belongs to a process that is gone: that is a crash, and
the next start offers to restore it. Locks of running windows cannot be taken,
so two open windows never offer each other's work.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from econplan.core.atomic_write import atomic_write_text
from econplan.core.paths import user_data_dir
from econplan.core.scenario import Scenario
from econplan.core.scenario_io import ScenarioFileError, scenario_from_json_text, scenario_to_json
from econplan.desktop.document import ScenarioDocument
from PySide6.QtCore import QLockFile, QObject, QTimer

AUTOSAVE_DELAY_MS = 2000
AUTOSAVE_FORMAT = 1
PREFIX = "autosave-"


def autosave_folder() -> Path:
    return user_data_dir() / "autosave"


def _lock_for(autosave: Path) -> QLockFile:
    lock = QLockFile(str(autosave.with_suffix(".lock")))
    # Stale only when its process is gone. By default Qt also calls a lock stale after
    # 30 s; where no OS lock backs the file, that could hand a running window's autosave
    # to a second window.
    lock.setStaleLockTime(0)
    return lock


@dataclass
class Recovery:
    """An autosave left by a process that ended without saving or closing cleanly."""

    file: Path
    source: Path | None  # the scenario file it belonged to; None for an untitled plan
    saved_at: str
    scenario: Scenario
    lock: QLockFile  # held so that a second window started now does not offer it too

    def discard(self) -> None:
        self.file.unlink(missing_ok=True)
        self.lock.unlock()  # also removes the lock file


def autosave_record(scenario: Scenario, source: Path | None) -> str:
    record: dict[str, Any] = {
        "autosave_format": AUTOSAVE_FORMAT,
        "source_path": str(source) if source is not None else None,
        "saved_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "scenario": json.loads(scenario_to_json(scenario)),
    }
    return json.dumps(record, indent=1) + "\n"


def read_record(path: Path) -> tuple[Scenario, Path | None, str]:
    """The scenario, its file and the time of an autosave; ScenarioFileError if unusable."""
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise ScenarioFileError(str(path), []) from None
    if not isinstance(record, dict) or record.get("autosave_format") != AUTOSAVE_FORMAT:
        raise ScenarioFileError(str(path), [])
    # Through the same loader as a file the user opens: validated and migrated.
    scenario = scenario_from_json_text(json.dumps(record.get("scenario")), str(path))
    source = record.get("source_path")
    return scenario, Path(source) if isinstance(source, str) else None, str(record.get("saved_at"))


def find_recoveries(folder: Path | None = None) -> list[Recovery]:
    """Autosaves whose process is gone, newest first; unusable ones are removed."""
    folder = folder if folder is not None else autosave_folder()
    found = []
    candidates = sorted(folder.glob(f"{PREFIX}*.json"), key=lambda p: p.stat().st_mtime,
                        reverse=True) if folder.is_dir() else []
    for path in candidates:
        lock = _lock_for(path)
        if not lock.tryLock(0):
            continue  # a running window's autosave
        try:
            scenario, source, saved_at = read_record(path)
        except (ScenarioFileError, ValueError):
            path.unlink(missing_ok=True)
            lock.unlock()
            continue
        found.append(Recovery(path, source, saved_at, scenario, lock))
    return found


class Autosaver(QObject):
    """Keeps the document's unsaved state on disk while it differs from its file."""

    def __init__(self, document: ScenarioDocument, folder: Path | None = None,
                 delay_ms: int = AUTOSAVE_DELAY_MS, parent: QObject | None = None):
        super().__init__(parent or document)
        self.document = document
        self.folder = folder if folder is not None else autosave_folder()
        self.file = self.folder / f"{PREFIX}{uuid.uuid4().hex}.json"
        self._lock: QLockFile | None = None
        self.last_error = ""
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(delay_ms)
        self.timer.timeout.connect(self.save_now)
        document.changed.connect(self._on_change)
        document.file_changed.connect(self._on_file_state)

    def _on_change(self, _paths: object) -> None:
        # The undo stack marks the document modified only after this signal, so the
        # modified state is checked when the timer fires, not here.
        self.timer.start()

    def _on_file_state(self) -> None:
        if not self.document.is_modified:
            self.discard()

    def save_now(self) -> bool:
        """Write the autosave now if there is anything unsaved; True when written."""
        self.timer.stop()
        if not self.document.is_modified:
            self.discard()
            return False
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            if self._lock is None:
                lock = _lock_for(self.file)
                if not lock.tryLock(0):
                    raise OSError(f"cannot lock {lock.fileName()}")
                self._lock = lock
            atomic_write_text(self.file, autosave_record(self.document.scenario,
                                                         self.document.path))
        except OSError as exc:
            # Autosave is a safety net: a full disk must not interrupt the user's work.
            self.last_error = f"Autosave failed: {exc.strerror or exc}"
            return False
        self.last_error = ""
        return True

    def discard(self) -> None:
        """Remove this window's autosave (saved, clean again, or closed cleanly)."""
        self.timer.stop()
        self.file.unlink(missing_ok=True)
        if self._lock is not None:
            self._lock.unlock()
            self._lock = None
