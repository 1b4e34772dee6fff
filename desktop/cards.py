"""Headline cards: one big number with its range underneath, readable from the back of a room.

Colours come from desktop/theme.py's style sheet (object name and ``role`` properties);
sizes follow the zoom and presentation scale. A card never clips: its title wraps and its
figure shrinks to the card's width (down to a floor) rather than being cut.
"""

from __future__ import annotations

from econplan.core.report_blocks import Card
from econplan.desktop import theme
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QFont, QFontMetrics, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QFrame, QLabel, QSizePolicy, QVBoxLayout, QWidget

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


class HeadlineCard(QFrame):
    def __init__(self, title: str, tooltip: str = "", parent: QWidget | None = None):
        self._detail_lines = 0  # >0 once fit_two_detail_lines reserved room (events read it)
        super().__init__(parent)
        self.setObjectName("headlineCard")
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
        title = self.title_label.heightForWidth(title_width) if self.title_label.text() else 0
        title = max(title, self.title_label.fontMetrics().lineSpacing())
        detail = self.detail_label.heightForWidth(detail_width) \
            if self.detail_label.text() else 0
        detail = max(detail, self._detail_lines * self.detail_label.fontMetrics().lineSpacing())
        value = QFontMetrics(self.value_label.nominal_font()).height()
        for label, height in ((self.title_label, title), (self.detail_label, detail),
                              (self.value_label, value)):
            if label.minimumHeight() != height:
                label.setMinimumHeight(height)
        needed = margins.top() + margins.bottom() + 2 * layout.spacing() + title + value \
            + detail
        if needed != self.minimumHeight():
            self.setMinimumHeight(needed)

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
        if self._detail_lines:  # a narrower card wraps its title onto more lines
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


def fit_two_detail_lines(card: HeadlineCard) -> None:
    """Room for two lines of title and of detail: narrow cards wrap, never clip."""
    # Ignored width: the row's stretch alone sets it, so every card gets the same share.
    card.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
    card._detail_lines = 2
    card._reserve_height()
