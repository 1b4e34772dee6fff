"""The application icon, from the PNG sizes rendered by packaging/make_icons.py."""

from __future__ import annotations

from econplan.core.paths import resources_dir
from PySide6.QtGui import QIcon


def app_icon() -> QIcon:
    icon = QIcon()
    for path in sorted((resources_dir() / "icons").glob("econplan-*.png")):
        icon.addFile(str(path))
    return icon
