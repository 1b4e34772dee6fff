"""The application icon, from the PNG sizes rendered by packaging/make_icons.py."""

from __future__ import annotations

from PySide6.QtGui import QIcon

from core.paths import resources_dir


def app_icon() -> QIcon:
    icon = QIcon()
    for path in sorted((resources_dir() / "icons").glob("econplan-*.png")):
        icon.addFile(str(path))
    return icon
