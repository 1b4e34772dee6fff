"""Inputs of the training section that more than one tab shows (Training budget, Dataset)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from econplan.core import dataset
from econplan.core.catalog import Catalog
from econplan.core.defaults import mode_switch_values, reference_model_values
from econplan.core.formatting import compact
from econplan.core.scenario import MODE_LABELS
from econplan.desktop.document import ScenarioDocument
from econplan.desktop.fields import ChoiceField
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QFormLayout, QWidget

if TYPE_CHECKING:  # the tabs import this module
    from econplan.desktop.planner_tab import PlannerTab


class TrainingModeField(ChoiceField):
    """Choosing a mode also switches the cost families that fit it (one undo step)."""

    def extra_values(self, value):
        return mode_switch_values(value)


class ReferenceModelPicker(QComboBox):
    """Fills size, architecture and tokens from a released model: an action, not a field."""

    def __init__(self, document: ScenarioDocument, catalog: Catalog,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.document = document
        self.catalog = catalog
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(18)
        self.addItem("A released model's size and tokens…", None)
        for model in dataset.reference_models(catalog):
            self.addItem(f"{model.model} — {compact(model.tokens)} tokens, "
                         f"{model.tokens_per_param:,.0f}/param", model.model_id)
            self.setItemData(self.count() - 1, f"{model.source} (as of {model.as_of})",
                             Qt.ItemDataRole.ToolTipRole)
        self.setToolTip("Set parameters, architecture and tokens to a released model's "
                        "(seed 000 §1 over-training table). Undo restores your values.")
        self.activated.connect(self._apply)

    def _apply(self, index: int) -> None:
        model_id = self.itemData(index)
        if model_id is None:
            return
        self.document.set_values(reference_model_values(self.catalog, model_id),
                                 f"Use {self.itemText(index)}", mergeable=False)
        self.setCurrentIndex(0)


def add_model_inputs(tab: PlannerTab, form: QFormLayout, *, mode_tip: str,
                     architecture_tip: str, active_tip: str) -> None:
    """The model rows both tabs show: mode, a released model to start from, architecture,
    parameters and active parameters, bound to the same ``training`` fields."""
    document = tab.document
    tab.mode_field = tab._track(TrainingModeField(
        document, "training.mode", [(label, mode, "") for mode, label in MODE_LABELS.items()],
        mode_tip))
    form.addRow("Mode", tab.mode_field)
    tab.model_picker = ReferenceModelPicker(document, tab.catalog)
    form.addRow("Start from", tab.model_picker)
    tab.architecture_field = tab._track(ChoiceField(
        document, "training.architecture",
        [("Dense", "dense", "Every parameter is used for every token"),
         ("Mixture of experts", "moe", "Only the active parameters cost FLOPs per token")],
        architecture_tip))
    form.addRow("Architecture", tab.architecture_field)
    form.addRow("Parameters", tab._number(
        "training.params", "B params", (0.1, 2000), "Total parameters (N).",
        log=True, scale=1e9, decimals=3))
    tab.active_row = tab._number(
        "training.active_params", "B active", (0.1, 2000), active_tip,
        log=True, scale=1e9, decimals=3)
    form.addRow("Active parameters", tab.active_row)
