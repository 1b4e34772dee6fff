"""An edit refreshes only the inputs it concerns, and never leaves one showing a stale value.

Every input of every planner tab is edited the way a user would (a spin box value, another
choice, a check box); after each edit, what the partial refresh left on screen must equal
what refreshing every input of the tab shows. An input that reads more than its own path
and does not say so in ``shows_paths`` fails here.
"""

from __future__ import annotations

from typing import Any

import pytest
from econplan.desktop.fields import CheckField, NumberField, RangeField, shows_any
from econplan.desktop.tables import ListTable
from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit
from view_helpers import settle

TABS = ["training_tab", "dataset_tab", "playbook_tab", "routing_tab", "breakeven_tab"]


def shown(field: Any) -> Any:
    """What an input shows, as plain values."""
    if isinstance(field, RangeField):
        return (shown(field.low), shown(field.high), field.distribution.currentIndex(),
                field.distribution.itemText(0))
    if isinstance(field, NumberField):
        return field.spin.value(), field.slider.value()
    if isinstance(field, QComboBox):
        return field.currentIndex()
    if isinstance(field, CheckField):
        return field.isChecked()
    if isinstance(field, QLineEdit):
        return field.text()
    if isinstance(field, QPlainTextEdit):
        return field.toPlainText()
    if isinstance(field, ListTable):
        table = field.table
        return [[table.item(r, c).text() if table.item(r, c) else None
                 for c in range(table.columnCount())] for r in range(table.rowCount())]
    raise AssertionError(f"no snapshot for {type(field).__name__}")


def inputs_of(tab) -> list:
    return list(tab._fields) + list(getattr(tab, "_phase_fields", []))


def edit(field: Any) -> bool:
    """Change ``field`` as a user would; False when it has no edit to try here."""
    if isinstance(field, RangeField):
        return edit(field.high)
    if isinstance(field, NumberField):
        value = field.spin.value()
        field._commit(value * 1.07 if value else 1.0)
        return True
    if isinstance(field, QComboBox):
        if field.count() < 2:
            return False
        field.setCurrentIndex((field.currentIndex() + 1) % field.count())
        return True
    if isinstance(field, CheckField):
        field.setChecked(not field.isChecked())
        return True
    return False


def test_the_dependency_rule():
    class Field:
        path = "training.params"

    field = Field()
    assert shows_any(field, ["training.params"])
    assert shows_any(field, ["training"])  # the whole section replaced
    assert not shows_any(field, ["training.tokens", "dataset.corpus.web"])
    field.path = "training.mfu"
    assert shows_any(field, ["training.mfu.low"])
    field.shows_paths = ("training.mfu", "uncertainty")
    assert shows_any(field, ["uncertainty.distributions"])


@pytest.mark.parametrize("tab_name", TABS)
def test_no_input_is_left_stale_by_an_edit(window, qtbot, tab_name):
    tab = getattr(window, tab_name)
    window.tabs.setCurrentWidget(tab)
    settle(qtbot)
    edited = 0
    for index, field in enumerate(inputs_of(tab)):
        if not field.isVisibleTo(tab) or not edit(inputs_of(tab)[index]):
            continue
        edited += 1
        left = [shown(f) for f in inputs_of(tab)]
        tab._refresh_inputs()  # every input, as after a file is opened
        full = [shown(f) for f in inputs_of(tab)]
        stale = [getattr(f, "path", type(f).__name__) for f, a, b
                 in zip(inputs_of(tab), left, full, strict=True) if a != b]
        assert stale == [], f"editing {field.path} left these showing old values: {stale}"
        window.document.undo_stack.undo()
    assert edited >= 3
