"""Main window: files, undo/redo, unsaved-changes prompt, recent files, broken files."""

import json

import pytest
from econplan.core.scenario_io import load_scenario
from econplan.desktop.main_window import MainWindow, example_files
from econplan.desktop.planner_tab import PlannerTab
from PySide6.QtWidgets import QMessageBox


def change_params(window, billions: float) -> None:
    window.training_tab.field("training.params").spin.setValue(billions)


def test_tabs_are_the_five_planners_and_catalog(window):
    names = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert names == ["Training budget", "Dataset sizing", "Vertical playbook",
                     "Routing overspend", "Self-host break-even", "Catalog"]


def test_save_then_open_round_trips(tmp_path, window, monkeypatch):
    target = tmp_path / "plan.json"
    change_params(window, 13)
    monkeypatch.setattr(window, "ask_save_path", lambda: str(target))
    assert window.save()
    saved = window.document.scenario
    assert not window.document.is_modified
    change_params(window, 70)
    window.document.undo_stack.setClean()
    assert window.open_path(target)
    assert window.document.scenario == saved
    assert window.document.path == target
    assert str(target.resolve()) == window.recent_files()[0]


def test_undo_and_redo_actions(window):
    original = window.document.scenario.training.params
    change_params(window, 32)
    assert window.undo_action.isEnabled()
    window.undo_action.trigger()
    assert window.document.scenario.training.params == original
    window.redo_action.trigger()
    assert window.document.scenario.training.params == pytest.approx(32e9)


def test_opening_a_broken_file_shows_the_problems_and_keeps_the_plan(tmp_path, qtbot, window):
    change_params(window, 21)
    before = window.document.scenario
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"schema_version": 1, "name": "x", "description": "",
                               "training": {"params": "lots"}}))
    assert not window.open_path(bad)
    qtbot.waitUntil(lambda: window.last_error_box.isVisible())
    assert "training.params" in window.last_error_box.informativeText()
    assert window.document.scenario == before
    assert window.document.is_modified
    window.last_error_box.close()


def test_close_with_unsaved_changes_asks_and_cancel_keeps_the_window(window, monkeypatch):
    change_params(window, 9)
    asked = []
    monkeypatch.setattr(window, "ask_save_changes",
                        lambda: asked.append(1) or QMessageBox.StandardButton.Cancel)
    assert not window.close()
    assert asked and window.isVisible()
    monkeypatch.setattr(window, "ask_save_changes",
                        lambda: QMessageBox.StandardButton.Discard)
    assert window.close()


def test_recent_files_and_geometry_persist(tmp_path, qtbot, catalog, window, monkeypatch):
    target = tmp_path / "kept.json"
    monkeypatch.setattr(window, "ask_save_path", lambda: str(target))
    window.save()
    assert window.close()
    saved_geometry = window.settings.value("mainWindow/geometry")
    assert not saved_geometry.isEmpty()
    restored = []
    # The offscreen screen is 800x800, so Qt clamps sizes; check the bytes handed back.
    monkeypatch.setattr(MainWindow, "restoreGeometry",
                        lambda self, geometry: restored.append(geometry) or True)
    again = MainWindow(catalog)
    qtbot.addWidget(again)
    assert restored == [saved_geometry]
    assert again.recent_files()[0] == str(target.resolve())
    assert again.recent_menu.actions()[0].text().endswith(str(target.resolve()))


def test_every_example_opens_untitled(window):
    files = example_files()
    assert len(files) >= 11
    window.examples_action.trigger()  # the browser lists every example at least once
    listed = {name for names in window.example_browser.visible_examples().values()
              for name in names}
    assert len(listed) == len(files)
    window.example_browser.reject()
    window.open_example(files[0])
    assert window.document.path is None
    assert window.document.scenario == load_scenario(files[0])


def test_new_resets_to_defaults(window, monkeypatch):
    change_params(window, 100)
    monkeypatch.setattr(window, "ask_save_changes",
                        lambda: QMessageBox.StandardButton.Discard)
    window.new_action.trigger()
    assert window.document.scenario.name == "Untitled plan"
    assert not window.document.is_modified


def test_an_edit_runs_only_the_visible_planner_once(window, qtbot):
    window.build_all_tabs()
    session = window.session
    session.runs.clear()
    change_params(window, 70)
    qtbot.waitUntil(lambda: not session.is_stale("training"))
    qtbot.wait(20)  # let any other queued refresh run, so a stray one would be counted
    assert session.runs == {"training": 1}
    # The dataset tab reads the training inputs: stale, and shown fresh when opened.
    assert session.is_stale("dataset")
    assert not session.is_stale("routing") and not session.is_stale("playbook")
    # Break-even's fine-tuning cost is typed in by default, so training edits leave it alone.
    assert not session.is_stale("breakeven")
    window.tabs.setCurrentWidget(window.dataset_tab)
    assert session.runs == {"training": 1, "dataset": 1}
    assert window.dataset_tab.result is session.result("dataset")


def test_a_linked_breakeven_follows_the_training_plan_without_replanning_it(window, qtbot):
    window.document.set_value("breakeven.one_off.finetune_source", "training_plan")
    window.tabs.setCurrentWidget(window.breakeven_tab)
    session = window.session
    session.runs.clear()
    change_params(window, 70)
    assert session.is_stale("breakeven")
    qtbot.waitUntil(lambda: not session.is_stale("breakeven"))
    qtbot.wait(20)
    # The training plan ran once, as break-even's upstream, though its tab is hidden.
    assert session.runs == {"training": 1, "breakeven": 1}
    window.tabs.setCurrentWidget(window.training_tab)
    assert session.runs == {"training": 1, "breakeven": 1}
    assert window.training_tab.result is session.result("training")
    linked = window.breakeven_tab.linked_label.text()
    assert "from the Training budget tab" in linked

def _open_and_check(window, qtbot, path, catalog) -> None:
    """Open one file: a valid one replaces the plan, a bad one shows its problems in a
    dialog and leaves the plan exactly as it was."""
    from econplan.core.scenario_io import ScenarioFileError

    before = window.document.scenario
    try:
        expected = load_scenario(path, catalog)
    except ScenarioFileError as exc:
        assert not window.open_path(path)
        qtbot.waitUntil(lambda: window.last_error_box.isVisible())
        assert window.last_error_box.informativeText() == \
            "\n".join(f"• {problem}" for problem in exc.problems)
        assert "Your current plan is unchanged" in window.last_error_box.text()
        assert window.document.scenario == before
        window.last_error_box.close()
        return
    assert window.open_path(path)
    assert window.document.scenario == expected


@pytest.mark.parametrize("text", [
    "[" * 1200 + "]" * 1200,
    '{"schema_version": ' + "9" * 4301 + "}",
    '{"schema_version": 3, "name": "' + "x" * 100_000 + '"}',
])
def test_hostile_files_show_a_short_message_and_keep_the_plan(tmp_path, qtbot, window,
                                                              catalog, text):
    change_params(window, 21)
    path = tmp_path / "hostile.json"
    path.write_text(text, encoding="utf-8")
    _open_and_check(window, qtbot, path, catalog)
    assert len(window.last_error_box.informativeText()) < 400


def test_a_sample_of_fuzzed_files_opens_or_is_refused_cleanly(tmp_path, qtbot, window,
                                                               catalog):
    import random

    from tests.fuzz.mutations import fuzzed_document

    rng = random.Random(20261201)
    for index in range(40):
        path = tmp_path / f"fuzzed_{index}.json"
        path.write_bytes(fuzzed_document(rng).data)
        _open_and_check(window, qtbot, path, catalog)
        qtbot.wait(1)  # let the tabs redraw the plan (charts, tables) between files


def test_files_with_numbers_at_their_bounds_open_and_draw(tmp_path, qtbot, window, catalog):
    """Every number at or near a bound at once (prices at their ceiling, volumes of
    5e-324): the plan opens and every tab draws it, charts included."""
    import random

    from tests.fuzz.mutations import fuzzed_document

    rng = random.Random(9)
    for index in range(12):
        path = tmp_path / f"extreme_{index}.json"
        path.write_bytes(fuzzed_document(rng, ("extremes",)).data)
        _open_and_check(window, qtbot, path, catalog)
        for tab in range(window.tabs.count()):
            window.tabs.setCurrentIndex(tab)
            qtbot.wait(1)


def test_every_number_field_states_its_accepted_range(window):
    """The tooltip's range is the model's, in the field's display unit, for every field."""
    import math

    from econplan.desktop.fields import NumberField, model_bounds

    window.build_all_tabs()
    fields = window.findChildren(NumberField)
    assert len(fields) > 50
    checked = 0
    for field in fields:
        try:
            lower, upper = model_bounds(field.path)
        except KeyError:  # a derived view such as tokens per parameter, not a stored field
            continue
        checked += 1
        assert math.isfinite(lower) and math.isfinite(upper), field.path
        expected = f"Accepted: {lower / field.scale:,.6g} – {upper / field.scale:,.6g}"
        assert expected in field.toolTip(), field.path
    assert checked > 50


# -- tabs are built when first shown ----------------------------------------------------

PLANNER_TABS = ["dataset_tab", "playbook_tab", "routing_tab", "breakeven_tab"]


def test_only_the_default_tab_is_built_at_start(window):
    assert window.tabs.currentWidget() is window.training_tab
    built = [isinstance(window.tabs.widget(i), PlannerTab) for i in range(window.tabs.count())]
    assert built == [True, False, False, False, False, False]


@pytest.mark.parametrize("name", PLANNER_TABS)
def test_a_tab_first_shown_after_an_edit_shows_the_edited_plan(qtbot, window, name):
    window.training_tab.field("training.params").spin.setValue(70)
    index = [window.tabs.tabText(i) for i in range(window.tabs.count())].index(
        {"dataset_tab": "Dataset sizing", "playbook_tab": "Vertical playbook",
         "routing_tab": "Routing overspend", "breakeven_tab": "Self-host break-even"}[name])
    window.tabs.setCurrentIndex(index)
    tab = getattr(window, name)
    assert window.tabs.widget(index) is tab
    assert window.tabs.currentWidget() is tab
    assert tab.result is not None
    if name == "dataset_tab":
        assert tab.field("training.params").spin.value() == pytest.approx(70)
    # Built once: asking again returns the same tab, and it follows later edits.
    assert getattr(window, name) is tab
    window.training_tab.field("training.params").spin.setValue(13)
    if name == "dataset_tab":
        qtbot.waitUntil(lambda: tab.result.flops == pytest.approx(
            6 * 13e9 * window.document.scenario.training.tokens, rel=1e-6))


def test_asking_for_a_hidden_tab_builds_it_in_place_without_switching(window):
    routing = window.routing_tab
    assert window.tabs.indexOf(routing) == 3
    assert window.tabs.currentWidget() is window.training_tab
    assert window.tabs.tabText(3) == "Routing overspend"


def test_the_catalog_tab_is_built_when_shown(window):
    window.tabs.setCurrentIndex(5)
    assert window.tabs.currentWidget() is window.catalog_tab


def test_the_modified_mark_follows_the_document_and_is_set_only_when_it_changes(window):
    """The title's [*] mark: set by the first edit, cleared when the edits are undone;
    the ticks between leave it be (setting it re-sets the window title every tick)."""
    calls = []
    set_modified = window.setWindowModified
    window.setWindowModified = lambda on: (calls.append(on), set_modified(on))
    params = window.document.scenario.training.params
    for step in range(1, 6):
        assert window.document.set_values({"training.params": params * (1 + step / 100)})
    assert window.isWindowModified()
    assert calls == [True]
    while window.document.undo_stack.canUndo():
        window.document.undo_stack.undo()
    assert not window.isWindowModified()
    assert calls == [True, False]
