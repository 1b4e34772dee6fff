"""Keyboard and screen readers: shortcuts from inside a number box, undo texts, one Tab
stop per number, accessible names along every tab's focus chain, refused and clamped
values explained next to the input, and an edited planner joining the plan."""

import re

import pytest
from econplan.core.source_documents import readable_sources
from econplan.desktop.document import human_label
from econplan.desktop.fields import NumberField
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QAbstractSlider, QApplication, QComboBox, QWidget


@pytest.fixture
def active_window(window, qtbot):
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window


def focus_spin(window, qtbot, path: str):
    spin = window.training_tab.field(path).spin
    spin.setFocus()
    qtbot.waitUntil(spin.hasFocus)
    return spin


def type_value(qtbot, spin, text: str) -> None:
    spin.selectAll()
    qtbot.keyClicks(spin, text)
    qtbot.keyClick(spin, Qt.Key.Key_Return)


def test_ctrl_z_inside_a_number_box_undoes_the_document(active_window, qtbot):
    window = active_window
    before = window.document.scenario.training.params
    spin = focus_spin(window, qtbot, "training.params")
    type_value(qtbot, spin, "70")
    assert window.document.scenario.training.params == pytest.approx(70e9)
    assert spin.hasFocus()  # the cursor is still in the box, as after typing
    qtbot.keyClick(spin, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.document.scenario.training.params == before
    assert spin.value() == pytest.approx(before / 1e9)
    qtbot.keyClick(spin, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert window.document.scenario.training.params == pytest.approx(70e9)


def test_ctrl_e_and_ctrl_s_inside_a_number_box_reach_the_window(active_window, qtbot,
                                                                 monkeypatch):
    window = active_window
    asked = []
    monkeypatch.setattr(window.exports, "ask_pdf_options", lambda: asked.append("pdf"))
    monkeypatch.setattr(window, "ask_save_path", lambda: asked.append("save") or "")
    spin = focus_spin(window, qtbot, "training.tokens")
    qtbot.keyClick(spin, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(spin, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert asked == ["pdf", "save"]


def test_keys_no_action_uses_stay_with_the_box(active_window, qtbot):
    # Ctrl+A selects the box's text; nothing in the window claims it.
    spin = focus_spin(active_window, qtbot, "training.params")
    spin.lineEdit().deselect()
    qtbot.keyClick(spin, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert spin.lineEdit().selectedText() == spin.lineEdit().text()


def test_undo_texts_name_the_field_and_value(window):
    spin = window.training_tab.field("training.params").spin
    spin.setValue(70)
    assert window.undo_action.text() == "&Undo Parameters → 70.000 B params"
    window.training_tab.field("training.mfu").low.spin.setValue(40)
    assert window.undo_action.text().startswith("&Undo MFU, low → 40")
    window.training_tab.mode_field.setCurrentIndex(window.training_tab.mode_field.findData(
        "finetune_qlora"))
    assert window.undo_action.text().startswith("&Undo Mode → ")
    assert "Change" not in window.undo_action.text()


def test_a_drag_merges_into_one_step_showing_its_last_value(window):
    field = window.training_tab.field("training.params")
    for value in (20, 30, 45):
        field.spin.setValue(value)
    assert window.document.undo_stack.count() == 1
    assert window.document.undo_stack.undoText() == "Parameters → 45.000 B params"


def test_the_document_falls_back_to_readable_names():
    assert human_label("training.params") == "Params"
    assert human_label("training.mfu.low") == "Mfu (low)"
    assert human_label("routing.roles.3.workers") == "Workers"


def tab_stops(page: QWidget) -> list[QWidget]:
    """The widgets Tab visits inside ``page``, in order (focus proxies excluded)."""
    stops, widget = [], page.nextInFocusChain()
    seen = set()
    while widget is not page and id(widget) not in seen:
        seen.add(id(widget))
        if (page.isAncestorOf(widget) and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
                and widget.isEnabled() and widget.isVisibleTo(page)
                and widget.focusProxy() is None):
            stops.append(widget)
        widget = widget.nextInFocusChain()
    return stops


def spoken_name(widget: QWidget) -> str:
    # On Linux a combo box's accessible Name is its value (the label comes through the
    # buddy relation), so its own accessibleName is what names it.
    if isinstance(widget, QComboBox):
        return widget.accessibleName()
    return QAccessible.queryAccessibleInterface(widget).text(QAccessible.Text.Name)


def test_every_stop_of_every_tab_has_an_accessible_name(window):
    window.build_all_tabs()
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        page = window.tabs.widget(index)
        stops = tab_stops(page)
        assert stops, window.tabs.tabText(index)
        unnamed = [f"{type(w).__name__} {w.toolTip()[:40]!r}" for w in stops
                   if not spoken_name(w).strip()]
        assert unnamed == [], window.tabs.tabText(index)
        assert not any(isinstance(w, QAbstractSlider) for w in stops)


def test_a_number_is_one_tab_stop_named_with_label_unit_and_range(window):
    page = window.training_tab
    field = page.field("training.params")
    stops = tab_stops(page)
    assert field.spin in stops and field.slider not in stops
    assert field.spin.accessibleName() == "Parameters (B params)"
    assert "Accepted:" in field.spin.accessibleDescription()
    assert "Total parameters" in field.spin.accessibleDescription()
    # Tables are reachable and say what they hold.
    assert page.breakdown_table in stops
    assert "Category" in page.breakdown_table.accessibleName()
    # A range's ends and a check box's multiplier are named after their row.
    assert page.field("training.mfu").high.spin.accessibleName().startswith("MFU, high")
    curation = page._beyond_ranges["data_curation"]
    assert curation.low.spin.accessibleName().startswith("Data curation & annotation, low")
    # Combo boxes announce their label.
    assert page.mode_field.accessibleName() == "Mode"


def test_training_tab_has_about_one_stop_per_input(window):
    stops = tab_stops(window.training_tab)
    from econplan.desktop.distribution_control import DistributionControl

    numbers = [f for f in window.training_tab.findChildren(NumberField) if f.isVisibleTo(
        window.training_tab)]
    # A range's distribution choice is an input of its own (one stop), not a second stop
    # for the same number.
    choices = [c for c in window.training_tab.findChildren(DistributionControl)
               if c.isVisibleTo(window.training_tab)]
    assert len(stops) < len(numbers) + len(choices) + 15  # ~100 before (slider and box each)


def test_a_refused_value_says_so_next_to_the_input(window, qtbot):
    document = window.document
    document.set_values({"training.architecture": "moe", "training.params": 100e9,
                         "training.active_params": 10e9})
    field = window.training_tab.field("training.active_params")
    field.spin.setValue(200)  # more active parameters than parameters: refused
    assert document.scenario.training.active_params == 10e9
    assert field.spin.value() == pytest.approx(10)
    assert field.notice.isVisibleTo(window)
    assert "200" in field.notice.text() and "not accepted" in field.notice.text()
    assert "must not exceed params" in field.notice.text()
    assert "Kept 10" in field.notice.text()
    assert "not accepted" in field.spin.accessibleDescription()
    field.spin.setValue(13)
    assert document.scenario.training.active_params == pytest.approx(13e9)
    assert not field.notice.isVisibleTo(window)


def test_zero_parameters_is_raised_to_the_smallest_accepted_and_says_so(active_window,
                                                                        qtbot):
    window = active_window
    field = window.training_tab.field("training.params")
    spin = focus_spin(window, qtbot, "training.params")
    type_value(qtbot, spin, "0")
    assert window.document.scenario.training.params == pytest.approx(spin.minimum() * 1e9)
    assert "smallest accepted value" in field.notice.text()
    assert field.notice.isVisibleTo(window)


def test_a_clamped_value_says_so_next_to_the_input(active_window, qtbot):
    window = active_window
    field = window.training_tab.field("training.gpu_count")
    spin = focus_spin(window, qtbot, "training.gpu_count")
    typed = spin.maximum() * 10
    type_value(qtbot, spin, f"{typed:.0f}")
    assert spin.value() == spin.maximum()
    assert window.document.scenario.training.gpu_count == spin.maximum()
    assert field.notice.isVisibleTo(window)
    assert "largest accepted value" in field.notice.text()


def test_editing_a_planner_outside_the_plan_adds_it_in_the_same_step(window):
    document = window.document
    document.set_values({"planners": ["training"]}, "Plan uses training only")
    tab = window.breakeven_tab
    tab.field("breakeven.queries_per_month").spin.setValue(123_456)
    assert document.scenario.planners == ["training", "breakeven"]
    document.undo_stack.undo()
    assert document.scenario.planners == ["training"]
    assert document.scenario.breakeven.queries_per_month != 123_456


def test_input_descriptions_name_documents_by_title_not_file_name(window):
    window.build_all_tabs()
    file_name = re.compile(r"\d{3}_[0-9a-f]{8,}\.txt")
    for index in range(window.tabs.count() - 1):  # the catalog tab shows raw sources
        page = window.tabs.widget(index)
        for widget in tab_stops(page):
            for text in (widget.toolTip(), widget.accessibleDescription()):
                assert not file_name.search(text), (window.tabs.tabText(index), text)
    tip = window.training_tab.field("training.gpu_count").spin.toolTip()
    assert "Model Training Economics: From Chinchilla to Vertical AI" in tip


def test_readable_sources_names_documents():
    text = "Default from: 003_4fc7c3896d9cb911.txt Real-World Examples; seed 000 §3"
    assert readable_sources(text) == (
        "Default from: “Economics of Custom Models” Real-World Examples; "
        "“Model Training Economics: From Chinchilla to Vertical AI” §3")
    assert readable_sources("Seed §7 top-10; the seed's rows") == "§7 top-10; the source's rows"
    assert readable_sources("999_0123456789ab.txt") == "999_0123456789ab.txt"  # unknown: kept
    assert readable_sources("Seed: $1–100 per example") == "Source: $1–100 per example"
