"""A wrapped label's remembered heights are the ones QLabel would answer, through changes
of its text, font, margin, minimum height and style sheet."""

from __future__ import annotations

from econplan.desktop.wrapped_label import WrappedLabel
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel

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
