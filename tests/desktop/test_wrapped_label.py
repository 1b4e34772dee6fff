"""A wrapped label's remembered heights are the ones QLabel would answer, through changes
of its text, font, margin, minimum height and style sheet."""

from __future__ import annotations

from econplan.desktop.wrapped_label import TextSlot, WrappedLabel
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget

WORDS = st.lists(st.sampled_from(["cost", "$1.2M", "a", "month", "break-even",
                                  "self-hosted", "4,566,667", "—", "API", "queries"]),
                 max_size=40).map(" ".join)


@settings(max_examples=60, deadline=None)
@given(texts=st.lists(WORDS, min_size=1, max_size=4),
       widths=st.lists(st.integers(20, 600), min_size=1, max_size=5),
       points=st.sampled_from([8.0, 10.0, 14.0]), margin=st.integers(0, 6))
def test_heights_equal_qlabels_through_text_font_and_margin_changes(qapp, texts, widths,
                                                                    points, margin):
    """Each answer equals that of a plain QLabel given the same calls, asked afresh."""
    label, twin = WrappedLabel(), QLabel()
    twin.setWordWrap(True)

    def same(call, *args) -> None:
        getattr(label, call)(*args)
        getattr(twin, call)(*args)

    def agree() -> None:
        for width in widths:  # asked twice: the second answer is the remembered one
            assert label.heightForWidth(width) == twin.heightForWidth(width), width
            assert label.heightForWidth(width) == twin.heightForWidth(width), width

    for text in texts:
        same("setText", text)
        agree()
    font = QFont(label.font())
    font.setPointSizeF(points)
    same("setFont", font)
    agree()
    same("setMargin", margin)
    agree()
    same("setMinimumHeight", 3 * margin * margin)
    agree()


def test_a_style_sheet_change_is_measured_again(qtbot):
    label = WrappedLabel("a note long enough to wrap over several lines at a narrow width")
    qtbot.addWidget(label)
    before = label.heightForWidth(120)
    label.setStyleSheet("padding: 12px;")
    assert label.heightForWidth(120) > before


class _LayoutRequests(QObject):
    def __init__(self):
        super().__init__()
        self.count = 0

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:
            self.count += 1
        return False


def _slotted(qtbot, text: str) -> tuple[QWidget, TextSlot, WrappedLabel]:
    host = QWidget()
    layout = QVBoxLayout(host)
    label = WrappedLabel(text)
    slot = TextSlot(label)
    layout.addWidget(slot)
    layout.addStretch(1)
    qtbot.addWidget(host)
    host.resize(300, 400)
    host.show()
    qtbot.waitExposed(host)
    for _ in range(5):  # the first layout's own requests
        QApplication.processEvents()
    return host, slot, label


def test_a_slotted_text_of_the_same_lines_lays_nothing_else_out(qtbot):
    host, slot, label = _slotted(qtbot, "API $1.02K vs fine-tuned $9.96K a month")
    requests = _LayoutRequests()
    host.installEventFilter(requests)
    label.setText("API $1.13K vs fine-tuned $9.96K a month")
    for _ in range(5):  # the slot's request, then any it passes on
        QApplication.processEvents()
    assert requests.count == 0  # one line still: the page is not laid out again
    assert label.geometry() == slot.rect()
    assert label.text() == "API $1.13K vs fine-tuned $9.96K a month"


def test_a_slotted_text_that_takes_more_lines_gets_them(qtbot):
    _host, slot, label = _slotted(qtbot, "one line")
    one_line = slot.height()
    label.setText(" ".join(["a longer text that wraps onto several lines"] * 4))
    qtbot.waitUntil(lambda: slot.height() > one_line)
    assert slot.height() >= label.heightForWidth(slot.width())
    assert label.geometry() == slot.rect()


def test_a_slot_shows_and_hides_with_its_label(qtbot):
    _host, slot, label = _slotted(qtbot, "a warning")
    label.hide()
    assert slot.isHidden()
    label.show()
    assert not slot.isHidden() and label.isVisible()
    hidden = WrappedLabel("hidden from the start")
    hidden.hide()
    assert TextSlot(hidden).isHidden()
