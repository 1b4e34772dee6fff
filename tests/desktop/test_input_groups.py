"""Inputs that move together: the ⇄ menu beside a range, the Correlated inputs dialog,
undo, and a save and reopen."""

from __future__ import annotations

from pathlib import Path

import pytest
from econplan.core.monte_carlo import draw_inputs
from econplan.core.paths import scenarios_dir
from econplan.core.uncertainty_groups import GROUP_RULE
from econplan.core.uncertainty_ranges import range_inputs
from econplan.desktop.shortcuts import menu_text
from PySide6.QtWidgets import QMenu

CURATION = "training.beyond_compute.data_curation.multiplier"
POST = "training.beyond_compute.post_training.multiplier"
TALENT = "training.beyond_compute.talent.multiplier"


@pytest.fixture
def llama(window):
    window.open_path(scenarios_dir() / "llama31_405b_reference.json")
    window.tabs.setCurrentWidget(window.training_tab)
    yield window
    window.session.wait_for_draws()


def _button(window, path: str):
    return window.training_tab.field(path).distribution.group_button


def _action(menu: QMenu, *texts: str):
    """The action reached through submenus by their texts (the last one triggers)."""
    for text in texts[:-1]:
        menu = next(a.menu() for a in menu.actions() if a.text() == text)
        menu.aboutToShow.emit()
    return next(a for a in menu.actions() if a.text() == texts[-1])


def _open_menu(button) -> QMenu:
    button.menu().aboutToShow.emit()  # as opening it does: filled from the scenario now
    return button.menu()


def _groups(window) -> list[tuple[str, list[str]]]:
    return [(g.name, g.paths) for g in window.document.scenario.uncertainty.groups]


def test_the_menu_states_the_rule_and_groups_two_inputs_in_one_undo_step(llama):
    button = _button(llama, CURATION)
    assert not button.isChecked() and "Drawn on its own" in button.toolTip()
    menu = _open_menu(button)
    assert "when one is high, all are high" in menu.actions()[0].text()
    assert menu.actions()[0].toolTip() == GROUP_RULE
    steps = llama.document.undo_stack.count()
    _action(menu, "New group with", "Training budget",
            "Beyond compute post training multiplier").trigger()
    [(name, paths)] = _groups(llama)
    assert paths == [POST, CURATION]
    assert name.startswith("Beyond compute post training multiplier & ")  # the labels
    assert llama.document.undo_stack.count() == steps + 1
    assert button.isChecked() and _button(llama, POST).isChecked()
    assert "post training" in button.toolTip()
    # A third input joins the existing group from its own menu.
    name = _groups(llama)[0][0]
    _action(_open_menu(_button(llama, TALENT)), menu_text(f"With group “{name}”")).trigger()
    assert _groups(llama)[0][1] == [POST, CURATION, TALENT]
    # Undo takes one step back at a time; redo brings it again.
    llama.document.undo_stack.undo()
    assert _groups(llama)[0][1] == [POST, CURATION]
    assert not _button(llama, TALENT).isChecked()
    llama.document.undo_stack.undo()
    assert _groups(llama) == [] and not button.isChecked()
    llama.document.undo_stack.redo()
    assert button.isChecked()


def test_drawn_on_its_own_dissolves_a_group_of_two(llama):
    _action(_open_menu(_button(llama, CURATION)), "New group with", "Training budget",
            "Beyond compute talent multiplier").trigger()
    assert len(_groups(llama)) == 1
    _action(_open_menu(_button(llama, TALENT)), "Drawn on its own").trigger()
    assert _groups(llama) == []  # one input left is no group
    assert not _button(llama, CURATION).isChecked()


def test_groups_survive_a_save_and_reopen_and_move_the_draws_together(llama, tmp_path):
    _action(_open_menu(_button(llama, CURATION)), "New group with", "Training budget",
            "Beyond compute post training multiplier").trigger()
    saved = _groups(llama)
    path = Path(tmp_path) / "grouped.json"
    assert llama._save_to(path)
    llama.open_path(scenarios_dir() / "pretrain_7b_seed_table.json")
    assert _groups(llama) == []
    assert llama.open_path(path)
    assert _groups(llama) == saved
    assert _button(llama, CURATION).isChecked()
    draws = draw_inputs(llama.document.scenario, llama.catalog, 2000, 3)
    inputs = {i.path: i for i in range_inputs(llama.document.scenario, llama.catalog)}
    # Same percentile: both at the same rank in every draw.
    ranks = [draws[p].argsort().argsort() for p in (CURATION, POST)]
    assert (ranks[0] == ranks[1]).all()
    assert inputs[CURATION].kind != inputs[POST].kind  # their own distributions still


def test_the_correlated_inputs_dialog_lists_and_edits_groups(llama, monkeypatch):
    llama.correlated_action.trigger()
    dialog = llama.correlated_dialog
    assert GROUP_RULE in dialog.findChildren(type(dialog.empty_label))[0].text()
    assert dialog.empty_label.isVisible() and dialog.groups() == {}
    _action(_open_menu(_button(llama, CURATION)), "New group with", "Training budget",
            "Beyond compute post training multiplier").trigger()
    name = _groups(llama)[0][0]
    _action(_open_menu(_button(llama, TALENT)), menu_text(f"With group “{name}”")).trigger()
    assert dialog.groups() == {name: ["Beyond compute post training multiplier",
                                      "Beyond compute data curation multiplier",
                                      "Beyond compute talent multiplier"]}
    # Remove one input: one undo step, the dialog follows undo.
    dialog.select("input", TALENT)
    dialog.remove_button.click()
    assert len(dialog.groups()[name]) == 2
    llama.document.undo_stack.undo()
    assert len(dialog.groups()[name]) == 3
    # Rename, with a refused name first.
    dialog.select("group", name)
    monkeypatch.setattr(dialog, "ask_name", lambda current: "  ")
    dialog.rename_button.click()
    assert "Not renamed" in dialog.problem_label.text()
    assert _groups(llama)[0][0] == name
    monkeypatch.setattr(dialog, "ask_name", lambda current: "Vendor multipliers")
    dialog.rename_button.click()
    assert list(dialog.groups()) == ["Vendor multipliers"]
    dialog.select("group", "Vendor multipliers")
    dialog.delete_button.click()
    assert dialog.groups() == {} and _groups(llama) == []
    llama.document.undo_stack.undo()
    assert list(dialog.groups()) == ["Vendor multipliers"]
    dialog.close()
