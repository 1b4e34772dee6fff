"""File → Open example: the bundled examples grouped by planner, searchable.

The flat menu of 32 examples was taller than a laptop screen and never said
what an example reproduces. Here each planner is a group (an example that uses
two planners is listed under both), a search box narrows the list by name and
description, and the selected example's description — what it reproduces, from
which document and section — is shown before it is opened.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

from econplan.core.catalog import Catalog
from econplan.core.paths import scenarios_dir
from econplan.core.planner_ids import PLANNER_IDS, PLANNER_TITLES
from econplan.core.scenario_io import ScenarioFileError, load_scenario
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSplitter,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

PATH_ROLE = Qt.ItemDataRole.UserRole


@dataclass(frozen=True)
class Example:
    path: Path
    name: str
    description: str
    planners: tuple[str, ...]

    def matches(self, query: str) -> bool:
        """Every word of ``query`` appears in the name or description (any case)."""
        text = f"{self.name} {self.description}".casefold()
        return all(word in text for word in query.casefold().split())


def example_files() -> list[Path]:
    return sorted(scenarios_dir().glob("*.json"))


def load_examples(catalog: Catalog | None = None) -> list[Example]:
    """The bundled examples that load (a broken one is left out, not fatal), by name."""
    examples = []
    for path in example_files():
        try:
            scenario = load_scenario(path, catalog)
        except ScenarioFileError:
            continue
        examples.append(Example(path, scenario.name, scenario.description,
                                tuple(scenario.planners)))
    return sorted(examples, key=lambda e: e.name.casefold())


class ExampleBrowser(QDialog):
    """Pick an example; ``chosen_path()`` after ``accepted``."""

    def __init__(self, examples: list[Example], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Open example")
        self.examples = examples
        self.search = QLineEdit(placeholderText="Search examples (name, model, source…)",
                                clearButtonEnabled=True)
        self.search.setAccessibleName("Search examples")
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setAccessibleName("Examples by planner")
        self.tree.setUniformRowHeights(True)
        self.details = QTextBrowser()
        self.details.setAccessibleName("What the example reproduces")
        self.details.setOpenLinks(False)
        self.count_label = QLabel()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Open
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.open_button = self.buttons.button(QDialogButtonBox.StandardButton.Open)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.search)
        left_layout.addWidget(self.tree, 1)
        left_layout.addWidget(self.count_label)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([440, 520])  # the longest example names show whole
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.buttons)
        layout.addLayout(bottom)

        self.groups: dict[str, QTreeWidgetItem] = {}
        for planner_id in PLANNER_IDS:
            members = [e for e in examples if planner_id in e.planners]
            if not members:
                continue
            group = QTreeWidgetItem([PLANNER_TITLES[planner_id]])
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.tree.addTopLevelItem(group)
            self.groups[planner_id] = group
            for example in members:
                item = QTreeWidgetItem([example.name])
                item.setData(0, PATH_ROLE, str(example.path))
                item.setToolTip(0, example.name)
                group.addChild(item)
        self.tree.expandAll()

        self.search.installEventFilter(self)  # Down arrow: from the search into the list
        self.search.textChanged.connect(self.apply_search)
        self.tree.currentItemChanged.connect(self._show_current)
        self.tree.itemActivated.connect(self._activated)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.apply_search("")
        self.resize(1000, 600)  # fits a 1366×768 screen
        self.search.setFocus()

    # -- state ------------------------------------------------------------------------------

    def visible_examples(self) -> dict[str, list[str]]:
        """Planner title → names of the examples the search leaves listed."""
        shown: dict[str, list[str]] = {}
        for planner_id, group in self.groups.items():
            if group.isHidden():
                continue
            shown[PLANNER_TITLES[planner_id]] = [
                group.child(i).text(0) for i in range(group.childCount())
                if not group.child(i).isHidden()]
        return shown

    def example(self, path: str) -> Example:
        return next(e for e in self.examples if str(e.path) == path)

    def chosen_path(self) -> Path | None:
        item = self.tree.currentItem()
        path = item.data(0, PATH_ROLE) if item is not None else None
        return Path(path) if path else None

    def select(self, name: str) -> None:
        """Make the first listed example called ``name`` current."""
        for group in self.groups.values():
            for i in range(group.childCount()):
                child = group.child(i)
                if child.text(0) == name and not child.isHidden():
                    self.tree.setCurrentItem(child)
                    return
        raise LookupError(name)

    # -- behaviour --------------------------------------------------------------------------

    def eventFilter(self, watched, event) -> bool:
        if (watched is self.search and event.type() == QEvent.Type.KeyPress
                and event.key() in (Qt.Key.Key_Down, Qt.Key.Key_PageDown)):
            self.tree.setFocus(Qt.FocusReason.TabFocusReason)
            return True
        return super().eventFilter(watched, event)

    def apply_search(self, query: str) -> None:
        shown = 0
        listed: set[str] = set()
        for group in self.groups.values():
            visible = 0
            for i in range(group.childCount()):
                child = group.child(i)
                match = self.example(child.data(0, PATH_ROLE)).matches(query)
                child.setHidden(not match)
                visible += match
                if match:
                    listed.add(child.data(0, PATH_ROLE))
            group.setHidden(visible == 0)
            shown += visible
        total = len(self.examples)
        self.count_label.setText(f"{len(listed)} of {total} examples" if query.strip()
                                 else f"{total} examples")
        current = self.tree.currentItem()
        if current is None or current.isHidden() or current.data(0, PATH_ROLE) is None:
            self._select_first_visible()
        self._show_current(self.tree.currentItem())

    def _select_first_visible(self) -> None:
        for group in self.groups.values():
            if group.isHidden():
                continue
            for i in range(group.childCount()):
                if not group.child(i).isHidden():
                    self.tree.setCurrentItem(group.child(i))
                    return
        self.tree.setCurrentItem(None)

    def _show_current(self, item: QTreeWidgetItem | None, _previous=None) -> None:
        path = item.data(0, PATH_ROLE) if item is not None else None
        self.open_button.setEnabled(bool(path))
        if not path:
            self.details.setHtml("<p>No example matches the search.</p>"
                                 if not self.visible_examples() else "")
            return
        example = self.example(path)
        planners = ", ".join(PLANNER_TITLES[p] for p in example.planners)
        self.details.setHtml(
            f"<h3>{html.escape(example.name)}</h3>"
            f"<p><b>Planners:</b> {html.escape(planners)}</p>"
            f"<p>{html.escape(example.description)}</p>"
            "<p><i>Opens as an untitled copy: saving asks where, the example itself never "
            "changes.</i></p>")

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        if item.data(0, PATH_ROLE):
            self.accept()
