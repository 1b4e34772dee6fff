"""Asking before a save or export replaces files that already exist.

The file dialogs are told not to ask (``DontConfirmOverwrite``) because they
cannot know the final names: the app may add the extension itself, and a folder
export writes files the dialog never sees. The question is asked here instead,
once, about every file that would be replaced.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

SHOWN_NAMES = 6


def existing_files(paths: Sequence[Path]) -> list[Path]:
    return [path for path in paths if path.exists()]


def overwrite_question(paths: Sequence[Path]) -> str:
    names = [path.name for path in paths[:SHOWN_NAMES]]
    if len(paths) > SHOWN_NAMES:
        names.append(f"… and {len(paths) - SHOWN_NAMES} more")
    where = paths[0].parent
    listing = "\n".join(f"• {name}" for name in names)
    if len(paths) == 1:
        return f"{paths[0].name} already exists in {where}.\nReplace it?"
    return f"{len(paths)} files already exist in {where}:\n{listing}\nReplace them?"


def ask_replace(parent: QWidget, paths: Sequence[Path]) -> bool:
    """True when the user agrees to replace ``paths`` (all of which exist)."""
    answer = QMessageBox.question(
        parent, "Replace existing files?", overwrite_question(paths),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes
