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


class TextSlot(QWidget):
    """Holds one ``WrappedLabel`` in a layout's place and passes a new text's layout
    request on only when the label's height at its width changed.

    QLabel asks its parent's layout to run again on every new text; for a label whose
    text changes on each tick of a drag (the break-even reasons, the playbook's notes)
    that laid the whole results page out again, asking every label there for its size
    hints and its height at four widths, though the new text took the same lines. In a
    slot (a parent without a layout) the request stops; the slot compares the label's
    height at its width with the one it has and asks its own layout only if they differ.
    It shows and hides with its label, which the tab goes on using as before.
    """

    def __init__(self, label: WrappedLabel, parent: QWidget | None = None):
        super().__init__(parent)
        self.label = label
        # Hidden by the tab (a warning), not merely never shown yet.
        hidden = (label.isHidden()
                  and label.testAttribute(Qt.WidgetAttribute.WA_WState_ExplicitShowHide))
        label.setParent(self)
        if hidden:  # a hidden warning: its slot takes no room until it shows
            label.hide()
            self.hide()
        self.setSizePolicy(label.sizePolicy())
        label.installEventFilter(self)

    def eventFilter(self, watched, event: QEvent) -> bool:
        kind = event.type()
        if watched is self.label and kind in (QEvent.Type.ShowToParent,
                                              QEvent.Type.HideToParent):
            self.setVisible(kind == QEvent.Type.ShowToParent)
        return False

    def event(self, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.LayoutRequest and self.isVisible()
                and self.heightForWidth(self.width()) != self.height()):
            self.updateGeometry()
        return super().event(event)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.label.setGeometry(self.rect())

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self.label.heightForWidth(width)

    def sizeHint(self):
        return self.label.sizeHint()

    def minimumSizeHint(self):
        return self.label.minimumSizeHint()
