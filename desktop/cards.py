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
from PySide6.QtCore import QEvent, QRect, QSize, Qt, QTimer
from PySide6.QtGui import QFont, QFontMetrics, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

VALUE_PT = 20  # the headline figure at zoom 100%
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
        self._needed = 0  # height its own title, figure and detail take (reserved room)
        # The cards it shares a height with, held weakly: a card holding its row (itself
        # included) would be a reference cycle, freed only by the cycle collector.
        self._row: list[weakref.ref[HeadlineCard]] = []
        super().__init__(parent)
        self.setObjectName("headlineCard")
        theme.styled(self)  # the card's frame and its title and detail (desktop/theme.py)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.title_label = QLabel(title)
        self.title_label.setProperty("role", "cardTitle")
        self.title_label.setWordWrap(True)
        self.value_label = FittedValueLabel("—")
        self.value_label.setObjectName("headlineValue")
        self.value_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail_label = QLabel("")
        self.detail_label.setWordWrap(True)
        self.detail_label.setProperty("role", "cardDetail")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(2)
        layout.addWidget(self.title_label)
        layout.addWidget(self.value_label)
        layout.addWidget(self.detail_label)
        layout.addStretch(1)  # a card taller than its text (its row's height) keeps it on top
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

    def apply_scale(self) -> None:
        """Follow a zoom, presentation or theme change (called by desktop/appearance.py)."""
        self.value_label.refit()
        if self._detail_lines:
            self._reserve_height()
        self.updateGeometry()

    def _reserve_height(self, at_label_widths: bool = False) -> None:
        """Room for the title and the detail as wrapped at the card's width (two detail
        lines at least, so cards in a row keep one height while their figures change)."""
        layout = self.layout()
        margins = layout.contentsMargins()
        width = max(self.width() - margins.left() - margins.right(), 1)
        # Each label's own minimum, as wrapped at this width: the layout then cannot
        # squeeze one to make room for another.
        title_width = self.title_label.width() if at_label_widths else width
        detail_width = self.detail_label.width() if at_label_widths else width
        title = max(wrapped_height(self.title_label, title_width),
                    self.title_label.fontMetrics().lineSpacing())
        detail = wrapped_height(self.detail_label, detail_width)
        detail = max(detail, self._detail_lines * self.detail_label.fontMetrics().lineSpacing(),
                     self._tallest_detail.get(detail_width, 0))
        # The tallest detail seen at this width keeps its room: the P10–P90 line comes
        # with the draws and goes with the next edit, and a card that grew and shrank
        # with it moved the charts under the cards on every step.
        if len(self._tallest_detail) > 64:  # widths of many window resizes
            self._tallest_detail.clear()
        self._tallest_detail[detail_width] = detail
        value = QFontMetrics(self.value_label.nominal_font()).height()
        for label, height in ((self.title_label, title), (self.detail_label, detail),
                              (self.value_label, value)):
            if label.minimumHeight() != height:
                label.setMinimumHeight(height)
        # Spacing between every two items, the stretch under the detail included.
        spacings = (layout.count() - 1) * layout.spacing()
        self._needed = margins.top() + margins.bottom() + spacings + title + value + detail
        # Every card of the row as tall as the tallest: one even band of cards.
        row = [card for card in (ref() for ref in self._row)
               if card is not None and shiboken6.isValid(card)] or [self]
        height = max(card._needed for card in row)
        for card in row:
            if card.minimumHeight() != height:
                card.setMinimumHeight(height)

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        if self._detail_lines:
            # The reserved room is measured at the card's real width; the labels' own
            # hints guess a width for wrapped text and came out taller than the row.
            hint.setHeight(self.minimumHeight())
        return hint

    def hasHeightForWidth(self) -> bool:
        # With reserved room the card's minimum height (kept up to date on resize) rules;
        # the row would otherwise ask for a height-for-width that ignores it.
        return not self._detail_lines and super().hasHeightForWidth()

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
        # (its reserved room): measuring again on it, at the card's width and then at its
        # labels', can go round for ever (a suite run hung in this resize loop).
        if self._detail_lines and event.size().width() != event.oldSize().width():
            self._reserve_height()
            # Once the layout has given the labels their widths, measure at those.
            QTimer.singleShot(0, self, lambda: self._reserve_height(at_label_widths=True))

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
