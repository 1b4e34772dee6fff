"""A row of headline cards: equal widths, one height, steady while the bands come and go."""

from __future__ import annotations

import itertools
from collections import Counter

from econplan.core.report_blocks import Card
from econplan.desktop.cards import HeadlineCard, fit_card_row, wrapped_height
from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import QHBoxLayout, QWidget

SHORT = "431K – 616K · H100 SXM"
WITH_BAND = ("P50 · P10–P90 445K–591K · H100 SXM, a detail long enough to wrap onto "
             "three or four lines in a card a third of the row wide")


def _row(qtbot, width: int) -> tuple[QWidget, list[HeadlineCard]]:
    host = QWidget()
    layout = QHBoxLayout(host)
    cards = [HeadlineCard("Training budget"), HeadlineCard("GPU-hours"),
             HeadlineCard("Training timeline")]
    fit_card_row(cards)
    for card in cards:
        layout.addWidget(card, 1)
    qtbot.addWidget(host)
    host.resize(width, 300)
    host.show()
    qtbot.waitExposed(host)
    return host, cards


def _settle(qtbot) -> None:
    qtbot.wait(30)


def test_every_card_of_a_row_has_one_height_and_width(qtbot):
    _host, cards = _row(qtbot, 700)
    cards[1].show_card(Card(label="GPU-hours", value="508K", caption=WITH_BAND))
    _settle(qtbot)
    assert len({card.height() for card in cards}) == 1
    assert max(c.width() for c in cards) - min(c.width() for c in cards) <= 1


def test_the_row_keeps_its_height_when_the_band_line_goes(qtbot):
    _host, cards = _row(qtbot, 700)
    card = cards[1]
    card.show_card(Card(label="GPU-hours", value="508K", caption=SHORT))
    _settle(qtbot)
    short = card.height()
    card.show_card(Card(label="GPU-hours", value="508K", caption=WITH_BAND))
    _settle(qtbot)
    tall = card.height()
    assert tall > short  # the band's line took room ...
    card.show_card(Card(label="GPU-hours", value="512K", caption=SHORT))
    _settle(qtbot)
    assert card.height() == tall  # ... and keeps it: what is under the cards stays put
    assert all(c.height() == tall for c in cards)


def test_a_title_once_squeezed_narrow_takes_one_line_again(qtbot):
    host, cards = _row(qtbot, 240)  # three cards in 240 px: titles wrap
    _settle(qtbot)
    title = cards[0].title_label
    assert title.height() > title.fontMetrics().lineSpacing()
    host.resize(1200, 300)
    _settle(qtbot)
    # QLabel.heightForWidth never answers below the label's minimum: measured apart from it.
    assert wrapped_height(title, title.width()) <= title.fontMetrics().lineSpacing() + 1
    assert title.height() <= title.fontMetrics().lineSpacing() + 1


class _Events(QObject):
    """Counts the events of the given types that reach the watched widgets."""

    def __init__(self, *types: QEvent.Type):
        super().__init__()
        self.types, self.seen = types, Counter()

    def eventFilter(self, watched, event) -> bool:
        if event.type() in self.types:
            self.seen[(watched, event.type())] += 1
        return False


def test_a_new_figure_lays_out_nothing_around_its_card(qtbot):
    # A card's size follows its row's width and its reserved heights only, so a new figure
    # or detail must not lay the page around it out again (a tenth of a slider tick).
    host, cards = _row(qtbot, 700)
    cards[1].show_card(Card(label="GPU-hours", value="508K", caption=SHORT))
    _settle(qtbot)
    events = _Events(QEvent.Type.LayoutRequest)
    host.installEventFilter(events)
    cards[1].show_card(Card(label="GPU-hours", value="512K", caption="432K – 617K · H100 SXM"))
    _settle(qtbot)
    assert events.seen[(host, QEvent.Type.LayoutRequest)] == 0


def test_a_new_figure_is_painted_once(qtbot):
    _host, cards = _row(qtbot, 700)
    value = cards[0].value_label
    cards[0].show_card(Card(label="Training budget", value="$25.8M", caption=SHORT))
    _settle(qtbot)
    events = _Events(QEvent.Type.Paint)
    value.installEventFilter(events)
    cards[0].show_card(Card(label="Training budget", value="$26.1M", caption=SHORT))
    _settle(qtbot)
    assert events.seen[(value, QEvent.Type.Paint)] == 1


def test_the_labels_sit_inside_the_frame_at_their_reserved_heights(qtbot):
    _host, cards = _row(qtbot, 700)
    cards[2].show_card(Card(label="Training timeline", value="20.7 days", caption=WITH_BAND))
    _settle(qtbot)
    for card in cards:
        inside = card.contentsRect()
        labels = (card.title_label, card.value_label, card.detail_label)
        for upper, lower in itertools.pairwise(labels):
            assert lower.y() >= upper.geometry().bottom()  # one under the other
        for label in labels:
            assert inside.contains(label.geometry())
            assert label.height() == label.minimumHeight()
        for label in (card.title_label, card.detail_label):
            assert label.heightForWidth(label.width()) <= label.height()  # no line cut off
        assert card.value_label.height() >= card.value_label.fontMetrics().height()


def test_the_figure_is_copied_from_the_cards_menu(qtbot):
    _host, cards = _row(qtbot, 700)
    cards[0].show_card(Card(label="Training budget", value="$25.8M", caption=SHORT))
    (copy,) = [a for a in cards[0].actions() if a.text() == "Copy figure"]
    copy.trigger()
    assert QGuiApplication.clipboard().text() == "$25.8M"


def test_a_new_detail_does_not_measure_the_title_again(qtbot, monkeypatch):
    from econplan.desktop import cards as cards_module

    _host, cards = _row(qtbot, 700)
    card = cards[1]
    card.show_card(Card(label="GPU-hours", value="508K", caption=SHORT))
    _settle(qtbot)
    measured = []
    measure = cards_module.wrapped_height
    monkeypatch.setattr(cards_module, "wrapped_height",
                        lambda label, width: measured.append(label) or measure(label, width))
    card.show_card(Card(label="GPU-hours", value="512K", caption=WITH_BAND))
    _settle(qtbot)
    assert card.detail_label in measured and card.title_label not in measured
    # A bigger title font is measured again, and the title gets the room it needs.
    font = QFont(card.title_label.font())
    font.setPointSizeF(font.pointSizeF() * 2)
    card.title_label.setFont(font)
    card.show_card(Card(label="GPU-hours", value="512K", caption=SHORT))
    _settle(qtbot)
    assert card.title_label in measured
    title = card.title_label
    assert title.height() >= max(measure(title, title.width()),
                                 title.fontMetrics().lineSpacing())
