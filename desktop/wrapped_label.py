"""A word-wrapped label that remembers its height at each width until its text or look changes.

Whenever one label of a results page changes its text, Qt lays out the whole page again,
and the layout asks every word-wrapped label on it for its height at a width, often more
than once; QLabel lays its text out afresh for each answer. On a break-even tick those
~36 asks (~230,000 instructions each) were a fifth of the tick, nearly all of them for
labels whose text had not changed.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QLabel, QWidget

# What can change a label's wrapped height besides its text and width.
_LOOK_CHANGES = (QEvent.Type.FontChange, QEvent.Type.StyleChange,
                 QEvent.Type.ContentsRectChange, QEvent.Type.LayoutDirectionChange)


class WrappedLabel(QLabel):
    """A ``QLabel`` with word wrap on whose ``heightForWidth`` answers are remembered."""

    def __init__(self, text: str = "", parent: QWidget | None = None):
        super().__init__(text, parent)
        self._heights: dict[int, int] = {}  # width -> height, for the text shown
        self.setWordWrap(True)

    def heightForWidth(self, width: int) -> int:
        height = self._heights.get(width)
        if height is None:
            height = self._heights[width] = super().heightForWidth(width)
        return height

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in _LOOK_CHANGES:
            self._heights.clear()
        super().changeEvent(event)

    # Setters that change the wrapped height without an event. A new text forgets every
    # width: what QLabel answers for a text depends on the texts it has shown before (an
    # empty label that never had text has no height for a width).
    def setText(self, text: str) -> None:
        if text != self.text():
            self._heights.clear()
        super().setText(text)

    def clear(self) -> None:
        self._heights.clear()
        super().clear()

    def setMinimumHeight(self, height: int) -> None:  # QLabel answers no less than it
        self._heights.clear()
        super().setMinimumHeight(height)

    def setWordWrap(self, on: bool) -> None:
        self._heights.clear()
        super().setWordWrap(on)

    def setMargin(self, margin: int) -> None:
        self._heights.clear()
        super().setMargin(margin)

    def setIndent(self, indent: int) -> None:
        self._heights.clear()
        super().setIndent(indent)

    def setAlignment(self, alignment: Qt.AlignmentFlag) -> None:
        self._heights.clear()
        super().setAlignment(alignment)

    def setTextFormat(self, text_format: Qt.TextFormat) -> None:
        self._heights.clear()
        super().setTextFormat(text_format)
