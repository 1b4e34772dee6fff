"""Headline cards: one big number with its range underneath, readable from the back of a room."""

from __future__ import annotations

from econplan.core.report_blocks import Card
from PySide6.QtWidgets import QFrame, QLabel, QSizePolicy, QVBoxLayout, QWidget


class HeadlineCard(QFrame):
    def __init__(self, title: str, tooltip: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("headlineCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(
            "#headlineCard { background: palette(base); border: 1px solid palette(mid);"
            " border-radius: 6px; }"
        )
        self.title_label = QLabel(title)
        self.title_label.setStyleSheet("color: palette(dark); font-weight: 600;")
        self.value_label = QLabel("—")
        self.value_label.setObjectName("headlineValue")
        self.value_label.setStyleSheet("font-size: 20pt; font-weight: 700;")
        self.detail_label = QLabel("")
        self.detail_label.setWordWrap(True)
        self.detail_label.setStyleSheet("color: palette(dark);")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(2)
        layout.addWidget(self.title_label)
        layout.addWidget(self.value_label)
        layout.addWidget(self.detail_label)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setToolTip(tooltip)

    def set_values(self, value: str, detail: str = "") -> None:
        self.value_label.setText(value)
        self.detail_label.setText(detail)

    def show_card(self, card: Card) -> None:
        """A presenter's card: its label, value, range and caption, and its tooltip."""
        self.title_label.setText(card.label)
        self.set_values(card.value, card.detail)
        if card.tooltip:
            self.setToolTip(card.tooltip)

    @property
    def value_text(self) -> str:
        return self.value_label.text()


def fit_two_detail_lines(card: HeadlineCard) -> None:
    """Room for two lines of detail: narrow cards wrap, and a fixed-height card would clip."""
    # Ignored width: the row's stretch alone sets it, so every card gets the same share.
    card.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
    margins = card.layout().contentsMargins()
    card.setMinimumHeight(
        margins.top() + margins.bottom() + 2 * card.layout().spacing()
        + card.title_label.sizeHint().height() + card.value_label.sizeHint().height()
        + 2 * card.detail_label.fontMetrics().lineSpacing() + 4)
