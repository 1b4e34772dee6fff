"""Plan → Properties: title, organisation, author, notes and planners, undoable, saved,
reloaded, shown in the window title and handed to the PDF export."""

from econplan.core.scenario_io import load_scenario
from econplan.desktop.export_dialog import ExportPdfDialog
from PySide6.QtWidgets import QDialog


def open_properties(window):
    window.properties_action.trigger()
    dialog = window.properties_dialog
    assert dialog.isVisible()
    return dialog


def fill(dialog, **values) -> None:
    for name, text in values.items():
        if name == "description":
            dialog.notes_edit.setPlainText(text)
        else:
            getattr(dialog, f"{name}_edit").setText(text)


def test_properties_round_trip_through_save_and_open(window, tmp_path, monkeypatch):
    dialog = open_properties(window)
    assert dialog.title_edit.text() == window.document.scenario.name
    fill(dialog, title="Llama 3.1 70B & friends", organisation="Acme Research",
         author="R. Planner", description="Budget for the 2027 model.")
    dialog.planner_boxes["breakeven"].setChecked(True)
    dialog.planner_boxes["playbook"].setChecked(False)
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    scenario = window.document.scenario
    assert (scenario.name, scenario.organisation, scenario.author, scenario.description) == (
        "Llama 3.1 70B & friends", "Acme Research", "R. Planner", "Budget for the 2027 model.")
    assert "breakeven" in scenario.planners and "playbook" not in scenario.planners
    assert window.windowTitle() == "Llama 3.1 70B & friends[*] — EconPlan"
    assert window.document.undo_stack.undoText() == "Plan properties"

    target = tmp_path / "plan.json"
    monkeypatch.setattr(window, "ask_save_path", lambda: str(target))
    assert window.save()
    assert window.windowTitle() == "Llama 3.1 70B & friends (plan.json)[*] — EconPlan"
    assert load_scenario(target) == scenario
    window.new_action.trigger()
    assert window.document.scenario.name != scenario.name
    assert window.open_path(target)
    assert window.document.scenario.organisation == "Acme Research"
    assert window.windowTitle().startswith("Llama 3.1 70B & friends (plan.json)")


def test_properties_are_one_undo_step(window):
    before = window.document.scenario
    dialog = open_properties(window)
    fill(dialog, title="Renamed", author="Someone")
    dialog.accept()
    window.undo_action.trigger()
    assert window.document.scenario == before
    assert window.windowTitle().startswith(before.name)


def test_properties_refuse_an_empty_title_or_no_planner_and_stay_open(window):
    before = window.document.scenario
    dialog = open_properties(window)
    fill(dialog, title="   ")
    dialog.accept()
    assert dialog.isVisible() and dialog.error_label.text().startswith("Title:")
    fill(dialog, title="Fine")
    for box in dialog.planner_boxes.values():
        box.setChecked(False)
    dialog.accept()
    assert dialog.isVisible() and dialog.error_label.text().startswith("Planners used:")
    assert window.document.scenario == before
    dialog.reject()


def test_the_text_fields_hold_no_more_than_the_scenario_accepts(window):
    dialog = open_properties(window)
    fill(dialog, title="x" * 500)
    assert len(dialog.title_edit.text()) == 200
    dialog.reject()


def test_the_pdf_export_starts_from_the_plans_properties(window, qtbot, monkeypatch):
    window.document.set_values({"organisation": "Acme Research", "author": "R. Planner",
                                "planners": ["training", "dataset"]}, mergeable=False)
    made = []
    original = ExportPdfDialog.__init__

    def spy(self, *args, **kwargs):
        original(self, *args, **kwargs)
        made.append(self)

    monkeypatch.setattr(ExportPdfDialog, "__init__", spy)
    monkeypatch.setattr(ExportPdfDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    window.exports.export_pdf()
    dialog = made[0]
    assert dialog.organisation_edit.text() == "Acme Research"
    assert dialog.author_edit.text() == "R. Planner"
    assert [p for p, box in dialog.planner_boxes.items() if box.isChecked()] == [
        "training", "dataset"]
