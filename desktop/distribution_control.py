"""A compact choice of how one range input is drawn for the P10–P90 bands.

It sits under a range's low and high (desktop/fields.py ``RangeField``) and
edits ``scenario.uncertainty.distributions`` for the range's field path, one
undo step per choice. "Auto" removes the choice, so the default rule applies:
triangular where a source gives a central figure, log-uniform where
high/low ≥ 3, uniform otherwise.

Beside it, the ⇄ button's menu says which inputs the range moves together with
(``scenario.uncertainty.groups``, core/uncertainty_groups.py): on its own, in an
existing group, or a new group with another input; each choice one undo step.
"""

from __future__ import annotations

from econplan.core.distributions import DISTRIBUTION_KINDS, DISTRIBUTION_LABELS, default_kind
from econplan.core.uncertainty_groups import (
    GROUP_RULE,
    group_of_path,
    group_with,
    join_group,
    ungroup,
)
from econplan.core.uncertainty_inputs import MOVE_TOGETHER_RULE
from econplan.core.uncertainty_ranges import CENTRAL_FIGURES, RANGE_SECTIONS, range_labels
from econplan.desktop.document import ScenarioDocument
from econplan.desktop.shortcuts import menu_text
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QMenu, QToolButton, QWidget

AUTO = ""
SECTION = "uncertainty.distributions"
GROUPS = "uncertainty.groups"
SECTION_TITLES = {"training": "Training budget", "dataset": "Dataset sizing",
                  "playbook": "Vertical playbook"}


class DistributionControl(QComboBox):
    def __init__(self, document: ScenarioDocument, range_path: str,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.document = document
        self.range_path = range_path
        self.has_central_figure = range_path in CENTRAL_FIGURES
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.setAccessibleName("How this range is drawn")
        self.addItem("Auto", AUTO)
        for kind in DISTRIBUTION_KINDS:
            if kind == "triangular" and not self.has_central_figure:
                continue  # no source gives a central figure for this input
            self.addItem(DISTRIBUTION_LABELS[kind], kind)
        self.currentIndexChanged.connect(self._chosen)
        # Undo, redo and opening a file change the choice behind the control's back.
        document.changed.connect(self._document_changed)
        self.refresh()

    def _document_changed(self, paths) -> None:
        if paths is None or any(path.startswith("uncertainty") for path in paths):
            self.refresh()

    def chosen_kind(self) -> str:
        return self.document.scenario.uncertainty.distributions.get(self.range_path, AUTO)

    def _auto_kind(self) -> str:
        value = self.document.value(self.range_path)
        return default_kind(value.low, value.high, self.has_central_figure)

    def refresh(self) -> None:
        chosen = self.chosen_kind()
        auto = self._auto_kind()
        # Called for every edit of the tab: setting an item's text and the tooltip again
        # costs a re-layout of the combo box, so only a change is shown.
        index = self.findData(chosen)
        if ((chosen, auto) == getattr(self, "_shown", None)
                and self.currentIndex() == max(index, 0)):
            return
        self._shown = (chosen, auto)
        self.blockSignals(True)
        self.setItemText(0, f"Auto ({DISTRIBUTION_LABELS[auto].lower()})")
        self.setCurrentIndex(max(index, 0))
        self.blockSignals(False)
        central = ("; triangular around the central figure its source gives"
                   if self.has_central_figure else "")
        self.setToolTip(
            "How this range is drawn for the P10–P90 bands. Auto: log-uniform where high/low "
            f"≥ 3, uniform otherwise{central}.\n{MOVE_TOGETHER_RULE}")

    def _chosen(self, index: int) -> None:
        kind = self.itemData(index)
        choices = dict(self.document.scenario.uncertainty.distributions)
        if kind == AUTO:
            choices.pop(self.range_path, None)
        else:
            choices[self.range_path] = kind
        if choices != self.document.scenario.uncertainty.distributions:
            label = "Auto" if kind == AUTO else DISTRIBUTION_LABELS[kind]
            self.document.set_values({SECTION: choices}, text=f"Draw as {label.lower()}",
                                     mergeable=False)


# The rule, short enough for the first line of a menu (the whole rule is its tooltip).
GROUP_RULE_SHORT = "Same percentile in every draw: when one is high, all are high"


class MovesTogetherButton(QToolButton):
    """⇄: which inputs this range moves together with. Shown pressed while it is in a
    group; the menu lists the choices and states the rule."""

    def __init__(self, document: ScenarioDocument, range_path: str,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.document = document
        self.range_path = range_path
        self.setText("⇄")
        self.setCheckable(True)
        self.setAutoRaise(True)
        self.setAccessibleName("Moves together with…")
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setMenu(QMenu(self))
        self.menu().aboutToShow.connect(self._fill_menu)
        document.changed.connect(self._document_changed)
        self.refresh()

    def _document_changed(self, paths) -> None:
        if paths is None or any(path.startswith(GROUPS) for path in paths):
            self.refresh()

    def group_name(self) -> str | None:
        group = group_of_path(self.document.scenario, self.range_path)
        return None if group is None else group.name

    def refresh(self) -> None:
        scenario = self.document.scenario
        group = group_of_path(scenario, self.range_path)
        self.setChecked(group is not None)
        if group is None:
            state = "Drawn on its own."
        else:
            labels = range_labels(scenario)
            others = [labels.get(p, p) for p in group.paths if p != self.range_path]
            state = f"Moves together with {', '.join(others)} (group “{group.name}”)."
        self.setToolTip(f"Moves together with…\n{state}\n{GROUP_RULE}")

    def _fill_menu(self) -> None:
        """Built when opened: the groups and inputs of the scenario as it is now."""
        menu = self.menu()
        menu.clear()
        scenario = self.document.scenario
        current = self.group_name()
        rule = menu.addAction(GROUP_RULE_SHORT)
        rule.setToolTip(GROUP_RULE)
        rule.setEnabled(False)
        menu.addSeparator()
        alone = menu.addAction("Drawn on its own")
        alone.setCheckable(True)
        alone.setChecked(current is None)
        alone.triggered.connect(self._ungroup)
        labels = range_labels(scenario)
        for group in scenario.uncertainty.groups:
            if group.paths == [self.range_path]:
                continue
            members = ", ".join(labels.get(p, p) for p in group.paths)
            action = menu.addAction(menu_text(f"With group “{group.name}”"))
            action.setToolTip(members)
            action.setCheckable(True)
            action.setChecked(group.name == current)
            action.triggered.connect(lambda _=False, name=group.name: self._join(name))
        new = menu.addMenu("New group with")
        for section in RANGE_SECTIONS:
            candidates = [(p, label) for p, label in labels.items()
                          if p.startswith(section + ".") and p != self.range_path
                          and group_of_path(scenario, p) is None]
            if not candidates:
                continue
            submenu = new.addMenu(SECTION_TITLES[section])
            for path, label in candidates:
                action = QAction(menu_text(label), submenu)
                action.triggered.connect(lambda _=False, p=path: self._group_with(p))
                submenu.addAction(action)
        menu.addSeparator()
        window = self.window()
        if hasattr(window, "show_correlated_inputs"):
            menu.addAction("Correlated inputs…", window.show_correlated_inputs)
        menu.setToolTipsVisible(True)

    def _apply(self, groups: list[dict], text: str) -> None:
        self.document.set_values({GROUPS: groups}, text=text, mergeable=False)

    def _ungroup(self) -> None:
        if self.group_name() is not None:
            self._apply(ungroup(self.document.scenario, self.range_path), "Draw on its own")

    def _join(self, name: str) -> None:
        if self.group_name() != name:
            self._apply(join_group(self.document.scenario, self.range_path, name),
                        f"Move together with “{name}”")

    def _group_with(self, partner: str) -> None:
        label = range_labels(self.document.scenario).get(partner, partner)
        self._apply(group_with(self.document.scenario, self.range_path, partner),
                    f"Move together with {label}")


def add_distribution_row(range_field, layout) -> DistributionControl:
    """The hook ``RangeField`` calls: a third row, "drawn", under its low and high: the
    distribution and the ⇄ button of the inputs it moves together with."""
    from PySide6.QtWidgets import QLabel

    control = DistributionControl(range_field.document, range_field.path, range_field)
    control.group_button = MovesTogetherButton(range_field.document, range_field.path,
                                               range_field)
    row = QHBoxLayout()
    row.setContentsMargins(0, 0, 0, 0)
    row.setSpacing(2)
    row.addWidget(control, 1)
    row.addWidget(control.group_button)
    label = QLabel("drawn")
    label.setMinimumWidth(28)
    label.setBuddy(control)
    layout.addWidget(label, 2, 0)
    layout.addLayout(row, 2, 1)
    return control
