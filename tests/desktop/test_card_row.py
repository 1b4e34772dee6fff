"""A row of headline cards: equal widths, one height, steady while the bands come and go."""

from __future__ import annotations

from econplan.core.report_blocks import Card
from econplan.desktop.cards import HeadlineCard, fit_card_row, wrapped_height
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
