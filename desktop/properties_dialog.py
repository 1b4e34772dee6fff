"""Plan → Properties: the plan's title, organisation, author, notes and planners.

They live in the scenario (saved with it) and name the plan everywhere: the
window title, the PDF cover, the export dialog's defaults. Applying the dialog
is one undoable edit; a value the scenario refuses is named in the dialog,
which stays open with the text as typed.
"""

from __future__ import annotations

from typing import Any

from econplan.core.planner_ids import PLANNER_IDS, PLANNER_TITLES
from econplan.core.scenario import Scenario
from econplan.desktop.document import ScenarioDocument
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)


def _max_length(field: str) -> int:
    """The scenario's own limit for a text field (the dialog never accepts more)."""
    for constraint in Scenario.model_fields[field].metadata:
        if getattr(constraint, "max_length", None) is not None:
            return int(constraint.max_length)
    raise LookupError(f"the scenario sets no length limit for {field}")


NOTES_LIMIT = _max_length("description")


class PropertiesDialog(QDialog):
    def __init__(self, document: ScenarioDocument, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Plan properties")
        self.document = document
        scenario = document.scenario
        self.title_edit = self._line(scenario.name, "name", "Title",
                                     "The plan's name: window title and PDF cover")
        self.organisation_edit = self._line(scenario.organisation, "organisation",
                                            "Organisation", "Shown on the PDF cover")
        self.author_edit = self._line(scenario.author, "author", "Author",
                                      "Shown on the PDF cover as “Prepared by …”")
        self.notes_edit = QPlainTextEdit(scenario.description)
        self.notes_edit.setAccessibleName("Description and notes")
        self.notes_edit.setAccessibleDescription(
            "What the plan is for, its assumptions; printed under the title of the PDF")
        self.notes_edit.setTabChangesFocus(True)  # Tab leaves the box, as in the other fields
        self.notes_edit.setMinimumHeight(120)
        self.planner_boxes: dict[str, QCheckBox] = {}
        planners = QVBoxLayout()
        for planner_id in PLANNER_IDS:
            box = QCheckBox(PLANNER_TITLES[planner_id])
            box.setChecked(planner_id in scenario.planners)
            box.setToolTip("Part of this plan: included in the proposal by default. Editing "
                           "a planner's inputs adds it.")
            self.planner_boxes[planner_id] = box
            planners.addWidget(box)

        form = QFormLayout()
        form.addRow("&Title", self.title_edit)
        form.addRow("&Organisation", self.organisation_edit)
        form.addRow("&Author", self.author_edit)
        form.addRow("&Description", self.notes_edit)
        planners_label = QLabel("Planners used")
        form.addRow(planners_label, planners)
        for row in range(form.rowCount()):
            label = form.itemAt(row, QFormLayout.ItemRole.LabelRole).widget()
            field = form.itemAt(row, QFormLayout.ItemRole.FieldRole).widget()
            if isinstance(label, QLabel) and field is not None:
                label.setBuddy(field)
        self.error_label = QLabel()
        self.error_label.setObjectName("propertiesError")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: palette(window-text); font-weight: bold;")
        self.error_label.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        self.resize(560, self.sizeHint().height())

    def _line(self, text: str, field: str, name: str, description: str) -> QLineEdit:
        edit = QLineEdit(text)
        edit.setMaxLength(_max_length(field))
        edit.setAccessibleName(name)
        edit.setAccessibleDescription(description)
        edit.setToolTip(description)
        return edit

    def values(self) -> dict[str, Any]:
        """The scenario fields as entered."""
        return {
            "name": self.title_edit.text().strip(),
            "organisation": self.organisation_edit.text().strip(),
            "author": self.author_edit.text().strip(),
            "description": self.notes_edit.toPlainText().strip(),
            "planners": [p for p, box in self.planner_boxes.items() if box.isChecked()],
        }

    def problem(self) -> str:
        """What stops applying, naming the field; empty when all is well."""
        values = self.values()
        if not values["name"]:
            return "Title: enter a name for the plan."
        if len(values["description"]) > NOTES_LIMIT:
            return (f"Description: {len(values['description']):,} characters; "
                    f"at most {NOTES_LIMIT:,}.")
        if not values["planners"]:
            return "Planners used: choose at least one planner."
        return ""

    def accept(self) -> None:
        problem = self.problem()
        if not problem and not self.document.set_values(self.values(), "Plan properties",
                                                        mergeable=False):
            field, message = self.document.last_problem or ("", "not accepted")
            problem = f"{field or 'Properties'}: {message}"
        if problem:
            self.error_label.setText(problem)
            self.error_label.show()
            return
        super().accept()
