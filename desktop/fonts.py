"""The bundled fonts: registered once, shared by the window and the PDF renderer."""

from __future__ import annotations

from functools import cache

from econplan.core.paths import resources_dir
from PySide6.QtGui import QFontDatabase

UI_FONT_FAMILY = "DejaVu Sans"


@cache
def register_bundled_fonts() -> list[str]:
    """Register the bundled TTFs once: with no system fonts Qt silently draws boxes."""
    families: list[str] = []
    for path in sorted((resources_dir() / "fonts").glob("*.ttf")):
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id >= 0:
            families += QFontDatabase.applicationFontFamilies(font_id)
    return families
