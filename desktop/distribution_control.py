"""A compact choice of how one range input is drawn for the P10–P90 bands.

It sits under a range's low and high (desktop/fields.py ``RangeField``) and
edits ``scenario.uncertainty.distributions`` for the range's field path, one
undo step per choice. "Auto" removes the choice, so the default rule applies:
triangular where a source gives a central figure, log-uniform where
high/low ≥ 3, uniform otherwise.
"""

from __future__ import annotations

from econplan.core.distributions import DISTRIBUTION_KINDS, DISTRIBUTION_LABELS, default_kind
from econplan.core.uncertainty_inputs import MOVE_TOGETHER_RULE
from econplan.core.uncertainty_ranges import CENTRAL_FIGURES
from econplan.desktop.document import ScenarioDocument
from PySide6.QtWidgets import QComboBox, QWidget

AUTO = ""
SECTION = "uncertainty.distributions"


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


def add_distribution_row(range_field, layout) -> DistributionControl:
    """The hook ``RangeField`` calls: a third row, "drawn", under its low and high."""
    from PySide6.QtWidgets import QLabel

    control = DistributionControl(range_field.document, range_field.path, range_field)
    label = QLabel("drawn")
    label.setMinimumWidth(28)
    label.setBuddy(control)
    layout.addWidget(label, 2, 0)
    layout.addWidget(control, 2, 1)
    return control
