"""File → Open example: grouped by planner, searchable, describes each example, opens an
untitled copy; menu texts keep their "&"; no example shows a source file name or "seed"."""

import json
import re

import pytest
from econplan.core.paths import scenarios_dir
from econplan.core.planner_ids import PLANNER_TITLES
from econplan.core.scenario_io import load_scenario
from econplan.desktop.example_browser import ExampleBrowser, load_examples
from PySide6.QtCore import Qt

SEED_FILE = re.compile(r"\b\d{3}_[0-9a-f]{6,}(\.txt)?\b|\b\d{3}_\w*\.txt\b")


@pytest.fixture(scope="module")
def examples(catalog):
    return load_examples(catalog)


@pytest.fixture
def browser(qtbot, examples):
    dialog = ExampleBrowser(examples)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_examples_are_grouped_by_the_planners_they_use(browser, examples):
    groups = browser.visible_examples()
    for example in examples:
        for planner_id in example.planners:
            assert example.name in groups[PLANNER_TITLES[planner_id]]
    # An example listed under a planner uses it.
    by_name = {e.name: e for e in examples}
    for title, names in groups.items():
        planner_id = next(p for p, t in PLANNER_TITLES.items() if t == title)
        assert all(planner_id in by_name[name].planners for name in names)


def test_search_narrows_by_name_and_description(browser):
    browser.search.setText("mid-size bank")
    shown = browser.visible_examples()
    assert list(shown) == ["Self-host break-even"]
    assert shown["Self-host break-even"] == ["Break-even: mid-size bank, 5M tokens/day "
                                             "($45K vs $3K)"]
    assert "1 of" in browser.count_label.text()
    # Words of the description match too, in any order and case.
    browser.search.setText("h100 DEEPSEEK")
    assert "DeepSeek V3 reference run (MoE)" in browser.visible_examples()["Training budget"]
    browser.search.setText("no such example anywhere")
    assert browser.visible_examples() == {}
    assert not browser.open_button.isEnabled()
    assert "No example matches" in browser.details.toPlainText()
    browser.search.clear()
    assert sum(map(len, browser.visible_examples().values())) >= len(browser.examples)


def test_the_selected_example_says_what_it_reproduces(browser, examples):
    browser.select("Llama 3.1 405B reference run")
    text = browser.details.toPlainText()
    example = next(e for e in examples if e.name == "Llama 3.1 405B reference run")
    assert example.description in text
    assert "Model Training Economics" in text  # the source document by its title
    assert "Training budget" in text


def test_opening_from_the_browser_makes_an_untitled_copy(window, qtbot):
    window.examples_action.trigger()
    browser = window.example_browser
    browser.search.setText("Finance & Banking")
    browser.select("Playbook: Finance & Banking")
    browser.accept()
    path = scenarios_dir() / "playbook_finance.json"
    assert window.document.scenario == load_scenario(path)
    assert window.document.path is None  # Save asks where; the example never changes
    assert window.windowTitle() == "Playbook: Finance & Banking[*] — EconPlan"
    asked = []
    window.ask_save_path = lambda: asked.append(True) or ""
    assert not window.save()
    assert asked == [True]


def test_menu_texts_keep_their_ampersands(window):
    window.open_example(scenarios_dir() / "playbook_finance.json")
    tab = window.playbook_tab
    other = tab.vertical_field.findData("real_estate")
    tab.vertical_field.setCurrentIndex(other)
    tab.vertical_field.setCurrentIndex(tab.vertical_field.findData("finance"))
    assert "Finance && Banking" in window.undo_action.text()
    window._add_recent(scenarios_dir() / "R&D plan.json")
    assert "R&&D plan.json" in window.recent_menu.actions()[0].text()


def test_no_example_shows_a_source_file_name_or_the_word_seed():
    for path in sorted(scenarios_dir().glob("*.json")):
        payload = json.loads(path.read_text(encoding="utf-8"))
        for field in ("name", "description"):
            text = payload[field]
            assert "seed" not in text.lower(), (path.name, field)
            assert not SEED_FILE.search(text), (path.name, field)
            assert ".txt" not in text, (path.name, field)


def test_the_browser_works_from_the_keyboard(window, qtbot):
    window.activateWindow()
    window.examples_action.trigger()
    browser = window.example_browser
    qtbot.waitUntil(browser.search.hasFocus)
    qtbot.keyClicks(browser.search, "voice")
    qtbot.keyClick(browser.search, Qt.Key.Key_Down)
    assert browser.tree.hasFocus()
    qtbot.keyClick(browser.tree, Qt.Key.Key_Return)
    assert window.document.scenario.name.startswith("Break-even: voice-agent")
    assert window.document.path is None
