"""Headline cards: one big number with its range underneath, readable from the back of a room.

Colours come from desktop/theme.py's style sheet (object name and ``role`` properties);
sizes follow the zoom and presentation scale. A card never clips: its title wraps and its
figure shrinks to the card's width (down to a floor) rather than being cut.
"""

from __future__ import annotations

import weakref
from collections.abc import Sequence

import shiboken6
from econplan.core.report_blocks import Card
from econplan.desktop import theme
from PySide6.QtCore import QEvent, QMargins, QRect, QSize, Qt
from PySide6.QtGui import (
    QAction,
    QFont,
    QFontMetrics,
    QGuiApplication,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QWidget

VALUE_PT = 20  # the headline figure at zoom 100%
_MARGINS = QMargins(12, 8, 12, 8)  # inside a card's frame
_SPACING = 2  # between its title, figure and detail
SMALLEST_VALUE_PT = 9  # below this a figure is shrunk no further (it then wraps by tooltip)


class FittedValueLabel(QLabel):
    """The headline figure in a bold font as large as the theme asks and the width allows."""

    def __init__(self, text: str = "", parent: QWidget | None = None):
        super().__init__(text, parent)
        self._nominal = QFont()

    def nominal_font(self) -> QFont:
        font = QFont(self.font())
        font.setBold(True)
        pixels = theme.headline_pixels()
        if pixels:
            # Presentation: the figure's line height is a share of the screen.
            font.setPixelSize(max(1, round(pixels / 1.2)))
            while QFontMetrics(font).height() < pixels:
                font.setPixelSize(font.pixelSize() + 1)
        else:
            font.setPointSizeF(VALUE_PT * theme.text_scale())
        return font

    def refit(self) -> None:
        """The nominal font, shrunk until the text fits the label's width."""
        font = self.nominal_font()
        width = self.contentsRect().width()
        if width > 0 and self.text():
            while QFontMetrics(font).horizontalAdvance(self.text()) > width:
                size = font.pixelSize() if font.pixelSize() > 0 else None
                if size is not None:
                    if size <= SMALLEST_VALUE_PT * 4 // 3:
                        break
                    font.setPixelSize(size - 1)
                else:
                    if font.pointSizeF() <= SMALLEST_VALUE_PT:
                        break
                    font.setPointSizeF(font.pointSizeF() - 0.5)
        if font != self.font():
            self.setFont(font)

    def setText(self, text: str) -> None:
        if text != self.text():
            super().setText(text)
            self.refit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.refit()

    def minimumSizeHint(self):
        # Shrinkable: the row of cards decides the width, the font follows it.
        hint = super().minimumSizeHint()
        hint.setWidth(0)
        return hint


def wrapped_height(label: QLabel, width: int) -> int:
    """Height of a word-wrapped plain-text label's text at ``width``, as QLabel measures
    it, but free of the label's minimum height (QLabel.heightForWidth never answers less
    than that, so a card once squeezed narrow kept its tall title for good)."""
    if not label.text():
        return 0
    margins = label.contentsMargins()
    extra_w = margins.left() + margins.right() + 2 * label.margin()
    extra_h = margins.top() + margins.bottom() + 2 * label.margin()
    flags = int(label.alignment().value) | int(Qt.TextFlag.TextWordWrap.value)
    text = label.fontMetrics().boundingRect(QRect(0, 0, max(width - extra_w, 1), 1 << 20),
                                            flags, label.text())
    return text.height() + extra_h


class HeadlineCard(QFrame):
    def __init__(self, title: str, tooltip: str = "", parent: QWidget | None = None):
        self._detail_lines = 0  # >0 once fit_card_row reserved room (events read it)
        self._tallest_detail: dict[int, int] = {}  # label width -> most room its text took
        self._title_heights: dict[tuple, int] = {}  # see _title_height
        self._needed = 0  # height its own title, figure and detail take (reserved room)
        # The cards it shares a height with, held weakly: a card holding its row (itself
        # included) would be a reference cycle, freed only by the cycle collector.
        self._row: list[weakref.ref[HeadlineCard]] = []
        super().__init__(parent)
        self.setObjectName("headlineCard")
        theme.styled(self)  # the card's frame and its title and detail (desktop/theme.py)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.title_label = QLabel(title, self)
        self.title_label.setProperty("role", "cardTitle")
        self.title_label.setWordWrap(True)
        self.value_label = FittedValueLabel("—", self)
        self.value_label.setObjectName("headlineValue")
        # Copied from the card's context menu, not selected with the mouse: a selectable
        # label keeps a text document that is laid out again for every new figure (~1.4M
        # instructions of a Training-tab tick, 4% of it).
        copy = QAction("Copy figure", self)
        copy.triggered.connect(self.copy_figure)
        self.addAction(copy)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.detail_label = QLabel("", self)
        self.detail_label.setWordWrap(True)
        self.detail_label.setProperty("role", "cardDetail")
        # No layout: the card places its labels itself (``_place_labels``), each at the
        # height reserved for it. In a layout, every new figure or detail text (QLabel
        # calls updateGeometry on each) laid the whole results page out again, though a
        # card's size follows only its row's width and its reserved heights; that was
        # about a tenth of a slider tick. A label whose parent has no layout stops there.
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setToolTip(tooltip)
        self.value_label.refit()

    def show_card(self, card: Card) -> None:
        """A presenter's card: its label, value, range and caption, and its tooltip."""
        if self.title_label.text() != card.label:
            self.title_label.setText(card.label)
            if self._detail_lines:  # a longer title may wrap onto another line
                self._reserve_height()
        self.set_values(card.value, card.detail)
        if card.tooltip and card.tooltip != self.toolTip():
            self.setToolTip(card.tooltip)

    @property
    def value_text(self) -> str:
        return self.value_label.text()

    def copy_figure(self) -> None:
        QGuiApplication.clipboard().setText(self.value_label.text())

    def apply_scale(self) -> None:
        """Follow a zoom, presentation or theme change (called by desktop/appearance.py)."""
        self.value_label.refit()
        if self._detail_lines:
            self._reserve_height()
        self.updateGeometry()

    def _labels(self) -> tuple[QLabel, QLabel, QLabel]:
        return self.title_label, self.value_label, self.detail_label

    def _label_width(self) -> int:
        return max(self.contentsRect().width() - _MARGINS.left() - _MARGINS.right(), 1)

    def _title_height(self, width: int) -> int:
        """The title's wrapped height at ``width`` (a line at least), measured once for
        each text, font and margins: a new figure re-reserves the card's room, and the
        title is the same on every tick."""
        label = self.title_label
        margins = label.contentsMargins()
        key = (width, label.text(), label.font().key(), label.margin(), margins.left(),
               margins.top(), margins.right(), margins.bottom())
        height = self._title_heights.get(key)
        if height is None:
            if len(self._title_heights) > 64:  # widths of many window resizes
                self._title_heights.clear()
            height = self._title_heights[key] = max(wrapped_height(label, width),
                                                    label.fontMetrics().lineSpacing())
        return height

    def _reserve_height(self) -> None:
        """Room for the title and the detail as wrapped at the card's width (two detail
        lines at least, so cards in a row keep one height while their figures change)."""
        width = self._label_width()
        # Each label's own height, as wrapped at its width.
        title = self._title_height(width)
        detail = wrapped_height(self.detail_label, width)
        detail = max(detail, self._detail_lines * self.detail_label.fontMetrics().lineSpacing(),
                     self._tallest_detail.get(width, 0))
        # The tallest detail seen at this width keeps its room: the P10–P90 line comes
        # with the draws and goes with the next edit, and a card that grew and shrank
        # with it moved the charts under the cards on every step.
        if len(self._tallest_detail) > 64:  # widths of many window resizes
            self._tallest_detail.clear()
        self._tallest_detail[width] = detail
        value = QFontMetrics(self.value_label.nominal_font()).height()
        for label, height in ((self.title_label, title), (self.detail_label, detail),
                              (self.value_label, value)):
            if label.minimumHeight() != height:
                label.setMinimumHeight(height)
        # Spacing between the labels and under the detail (where the row's extra height
        # goes).
        self._needed = (_MARGINS.top() + _MARGINS.bottom() + 3 * _SPACING
                        + title + value + detail)
        # Every card of the row as tall as the tallest: one even band of cards.
        row = [card for card in (ref() for ref in self._row)
               if card is not None and shiboken6.isValid(card)] or [self]
        height = max(card._needed for card in row)
        for card in row:
            if card.minimumHeight() != height:
                card.setMinimumHeight(height)
        self._place_labels()

    def _place_labels(self) -> None:
        """Title, figure and detail one under the other at their reserved heights, across
        the card's width; what the row's height adds stays empty under the detail."""
        inside = self.contentsRect()  # within the frame
        width = self._label_width()
        top = inside.top() + _MARGINS.top()
        for label in self._labels():
            height = label.minimumHeight() or label.sizeHint().height()
            geometry = QRect(inside.left() + _MARGINS.left(), top, width, height)
            if label.geometry() != geometry:
                label.setGeometry(geometry)
            top += height + _SPACING

    def sizeHint(self) -> QSize:
        # The row sets the width (its policy is Ignored there), so the figure's natural
        # width will do; the height is the room reserved for the labels.
        width = self.value_label.sizeHint().width() + _MARGINS.left() + _MARGINS.right()
        return QSize(width, max(self.minimumHeight(), self._needed))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._detail_lines:  # the labels are polished (styled fonts) only by now
            self._reserve_height()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if self._detail_lines and event.type() in (QEvent.Type.FontChange,
                                                   QEvent.Type.StyleChange):
            self._reserve_height()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # Only a new width wraps the text anew. A height change is this card's own doing
        # (its reserved room, or its row's).
        if self._detail_lines and event.size().width() != event.oldSize().width():
            self._reserve_height()
        else:
            self._place_labels()

    def set_values(self, value: str, detail: str = "") -> None:
        detail_changed = detail != self.detail_label.text()
        self.value_label.setText(value)  # refits only when the text changed
        if detail_changed:
            self.detail_label.setText(detail)
            # Measuring the wrapped text costs more than the rest of a card's update.
            if self._detail_lines:
                self._reserve_height()


def card_row(cards: Sequence[HeadlineCard], detail_lines: int = 1) -> QHBoxLayout:
    """A tab's row of headline cards, fitted (``fit_card_row``), each an equal share."""
    fit_card_row(cards, detail_lines)
    row = QHBoxLayout()
    for card in cards:
        row.addWidget(card, 1)
    return row


def fit_card_row(cards: Sequence[HeadlineCard], detail_lines: int = 1) -> None:
    """Cards of one row: equal widths, one height, room for ``detail_lines`` of detail at
    least. Narrow cards wrap, never clip; the row keeps the tallest height its details have
    taken at this width, so the P10–P90 line that comes with the draws and goes with the
    next edit does not move what is under the cards on every step."""
    for card in cards:
        # Ignored width: the row's stretch alone sets it, so every card gets the same share.
        card.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        card._detail_lines = detail_lines
        card._row = [weakref.ref(other) for other in cards]
    for card in cards:
        card._reserve_height()
