"""Plan → Correlated inputs…: the groups of range inputs that move together.

Lists each group and its inputs, states the rule, and edits the groups (remove
an input, rename or delete a group), each change one undo step. Groups are made
from a range's ⇄ button (desktop/distribution_control.py). The dialog follows
the document, so undo and redo show at once.
"""

from __future__ import annotations

from econplan.core.uncertainty_groups import (
    GROUP_RULE,
    delete_group,
    rename_group,
    ungroup,
)
from econplan.core.uncertainty_ranges import range_labels
from econplan.desktop import theme
from econplan.desktop.document import ScenarioDocument
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

GROUPS = "uncertainty.groups"
PATH_ROLE = Qt.ItemDataRole.UserRole
EMPTY_TEXT = ("No inputs are grouped: every range is drawn on its own. To group one, use "
              "the ⇄ button beside its “drawn” choice.")


class CorrelatedInputsDialog(QDialog):
    def __init__(self, document: ScenarioDocument, parent: QWidget | None = None):
        super().__init__(parent)
        self.document = document
        self.setWindowTitle("Correlated inputs")
        rule = QLabel(f"{GROUP_RULE} Make a group with the ⇄ button beside a range's "
                      "“drawn” choice.")
        rule.setWordWrap(True)
        self.empty_label = QLabel(EMPTY_TEXT)
        self.empty_label.setWordWrap(True)
        self.problem_label = QLabel()
        self.problem_label.setWordWrap(True)
        theme.set_role(self.problem_label, "warning")
        self.problem_label.hide()
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Group and its inputs"])
        self.tree.setAccessibleName("Groups of inputs that move together")
        self.tree.itemSelectionChanged.connect(self._update_buttons)
        self.remove_button = QPushButton("Remove input")
        self.remove_button.setToolTip("Draw the selected input on its own again.")
        self.remove_button.clicked.connect(self.remove_selected_input)
        self.rename_button = QPushButton("Rename group…")
        self.rename_button.clicked.connect(self.rename_selected_group)
        self.delete_button = QPushButton("Delete group")
        self.delete_button.setToolTip("Draw every input of the selected group on its own.")
        self.delete_button.clicked.connect(self.delete_selected_group)
        buttons = QHBoxLayout()
        for button in (self.remove_button, self.rename_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(rule)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.problem_label)
        layout.addLayout(buttons)
        layout.addWidget(close)
        self.resize(560, 380)
        document.changed.connect(self._document_changed)
        self.refresh()

    def _document_changed(self, paths) -> None:
        if paths is None or any(p.startswith(GROUPS) or not p.startswith("uncertainty")
                                for p in paths):
            self.refresh()  # labels follow phase renames too

    def refresh(self) -> None:
        scenario = self.document.scenario
        labels = range_labels(scenario)
        self.tree.clear()
        for group in scenario.uncertainty.groups:
            item = QTreeWidgetItem([f"{group.name} ({len(group.paths)} inputs)"])
            item.setData(0, PATH_ROLE, ("group", group.name))
            for path in group.paths:
                child = QTreeWidgetItem([labels.get(path, path)])
                child.setData(0, PATH_ROLE, ("input", path))
                child.setToolTip(0, path)
                item.addChild(child)
            self.tree.addTopLevelItem(item)
            item.setExpanded(True)
        grouped = bool(scenario.uncertainty.groups)
        self.empty_label.setVisible(not grouped)
        self.tree.setVisible(grouped)
        self._update_buttons()

    def groups(self) -> dict[str, list[str]]:
        """The groups as shown: name -> the inputs' labels (tests, screenshots)."""
        shown = {}
        for index in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(index)
            _, name = item.data(0, PATH_ROLE)
            shown[name] = [item.child(i).text(0) for i in range(item.childCount())]
        return shown

    def _selected(self) -> tuple[str, str] | None:
        items = self.tree.selectedItems()
        return items[0].data(0, PATH_ROLE) if items else None

    def _selected_group(self) -> str | None:
        items = self.tree.selectedItems()
        if not items:
            return None
        item = items[0].parent() or items[0]
        return item.data(0, PATH_ROLE)[1]

    def _update_buttons(self) -> None:
        selected = self._selected()
        self.remove_button.setEnabled(selected is not None and selected[0] == "input")
        self.rename_button.setEnabled(selected is not None)
        self.delete_button.setEnabled(selected is not None)

    def select(self, kind: str, key: str) -> None:
        for index in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(index)
            for item in (group, *(group.child(i) for i in range(group.childCount()))):
                if item.data(0, PATH_ROLE) == (kind, key):
                    self.tree.setCurrentItem(item)
                    return

    def _apply(self, groups: list[dict], text: str) -> None:
        self.document.set_values({GROUPS: groups}, text=text, mergeable=False)

    def remove_selected_input(self) -> None:
        selected = self._selected()
        if selected and selected[0] == "input":
            self._apply(ungroup(self.document.scenario, selected[1]), "Draw on its own")

    def delete_selected_group(self) -> None:
        name = self._selected_group()
        if name is not None:
            self._apply(delete_group(self.document.scenario, name), f"Delete group “{name}”")

    def ask_name(self, current: str) -> str | None:
        text, ok = QInputDialog.getText(self, "Rename group", "Group name:", text=current)
        return text if ok else None

    def rename_selected_group(self) -> None:
        name = self._selected_group()
        if name is None:
            return
        new_name = self.ask_name(name)
        if new_name is None or new_name.strip() == name:
            return
        try:
            groups = rename_group(self.document.scenario, name, new_name)
        except ValueError as exc:
            self.problem_label.setText(f"Not renamed: {exc}.")
            self.problem_label.show()
            return
        self.problem_label.hide()
        self._apply(groups, f"Rename group “{name}”")
