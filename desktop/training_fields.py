"""Inputs of the training section that more than one tab shows (Training budget, Dataset)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QWidget

from core import dataset
from core.catalog import Catalog
from core.defaults import mode_switch_values, reference_model_values
from core.formatting import compact
from desktop.document import ScenarioDocument
from desktop.fields import ChoiceField


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
