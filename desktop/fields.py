"""Input widgets bound to a scenario field path.

``NumberField`` pairs a slider with a spin box (log-scaled where the range
spans orders of magnitude), shows its unit and takes its hard bounds from the
pydantic model. Every edit goes through the document, so undo, validation and
saving see the same value the widget shows.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from econplan.core.model_base import field_bounds
from econplan.core.scenario import Scenario
from econplan.desktop.document import ScenarioDocument
from pydantic import BaseModel
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSlider,
    QWidget,
)

SLIDER_STEPS = 1000


def model_bounds(path: str, root: type[BaseModel] = Scenario) -> tuple[float, float]:
    """The (min, max) a scenario field accepts, from its pydantic constraints."""
    return field_bounds(path, root)


class _SliderMap:
    """Maps slider steps to values, linearly or on a log scale."""

    def __init__(self, low: float, high: float, log: bool):
        self.low, self.high, self.log = low, high, log

    def to_value(self, step: int) -> float:
        t = step / SLIDER_STEPS
        if self.log:
            return self.low * (self.high / self.low) ** t
        return self.low + (self.high - self.low) * t

    def to_step(self, value: float) -> int:
        value = min(max(value, self.low), self.high)
        if self.log:
            t = math.log(value / self.low) / math.log(self.high / self.low)
        else:
            t = (value - self.low) / (self.high - self.low)
        return round(t * SLIDER_STEPS)


class NumberField(QWidget):
    """Slider + spin box + unit for one numeric scenario field.

    ``scale`` converts the stored value to display units (e.g. 1e9 shows
    parameters in billions); the slider covers ``slider_range`` (display
    units) while the spin box accepts anything the model allows.

    An edit writes ``{path: value}``; a field that writes more or other fields
    (a derived ratio, shares that rebalance, a range's other end) passes
    ``edit_values``, which maps the shown value to the fields to write in one
    undo step. A drag merges into one step per field (``merge_key`` is the path).
    """

    def __init__(self, document: ScenarioDocument, path: str, unit: str,
                 slider_range: tuple[float, float], *, log: bool = False, scale: float = 1.0,
                 decimals: int = 2, tooltip: str = "", integer: bool = False,
                 edit_values: Callable[[float], dict[str, Any]] | None = None,
                 edit_text: str | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.document = document
        self.path = path
        self.scale = scale
        self.integer = integer
        self.edit_values = edit_values or self._own_value
        self.edit_text = edit_text
        self._map = _SliderMap(*slider_range, log=log)

        lower, upper = model_bounds(path)
        spin_min = lower / scale if math.isfinite(lower) else 0.0
        spin_max = upper / scale if math.isfinite(upper) else slider_range[1] * 1000

        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(0, SLIDER_STEPS)
        self.slider.setMinimumWidth(80)
        self.spin = QDoubleSpinBox()
        self.spin.setDecimals(0 if integer else decimals)
        self.spin.setRange(spin_min, spin_max)
        self.spin.setGroupSeparatorShown(True)
        self.spin.setKeyboardTracking(False)
        self.spin.setAccelerated(True)
        self.spin.setMinimumWidth(96)
        self.spin.setAlignment(Qt.AlignmentFlag.AlignRight)
        if log:
            self.spin.setStepType(QDoubleSpinBox.StepType.AdaptiveDecimalStepType)
        self.unit_label = QLabel(unit)
        self.unit_label.setMinimumWidth(self.unit_label.sizeHint().width())

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.slider, 1)
        layout.addWidget(self.spin)
        layout.addWidget(self.unit_label)
        bounds = f"Accepted: {spin_min:,.6g} – {spin_max:,.6g} {unit}".rstrip()
        self.setToolTip(f"{tooltip}\n{bounds}" if tooltip else bounds)
        for widget in (self.slider, self.spin):
            widget.setToolTip(self.toolTip())

        self.slider.valueChanged.connect(self._slider_moved)
        self.spin.valueChanged.connect(self._spin_changed)
        self.refresh()

    def display_value(self) -> float:
        return float(self.document.value(self.path)) / self.scale

    def refresh(self) -> None:
        """Show the document's value without echoing an edit back."""
        shown = self.display_value()
        for widget, value in ((self.spin, shown), (self.slider, self._map.to_step(shown))):
            if widget.value() == value:
                continue  # setValue repaints even an unchanged widget, every tick
            widget.blockSignals(True)
            widget.setValue(value)
            widget.blockSignals(False)

    def stored_value(self, display_value: float) -> float | int:
        stored = display_value * self.scale
        return round(stored) if self.integer else stored

    def _own_value(self, display_value: float) -> dict[str, Any]:
        return {self.path: self.stored_value(display_value)}

    def _commit(self, display_value: float) -> None:
        values = self.edit_values(display_value)
        if not self.document.set_values(values, self.edit_text, merge_key=self.path):
            self.refresh()

    def _slider_moved(self, step: int) -> None:
        value = self._map.to_value(step)
        if self.integer:
            value = round(value)
        self.spin.blockSignals(True)
        self.spin.setValue(value)
        self.spin.blockSignals(False)
        self._commit(self.spin.value())

    def _spin_changed(self, value: float) -> None:
        self.slider.blockSignals(True)
        self.slider.setValue(self._map.to_step(value))
        self.slider.blockSignals(False)
        self._commit(value)


class RangeField(QWidget):
    """Two NumberFields for a Range's low and high; dragging one past the other moves both."""

    def __init__(self, document: ScenarioDocument, path: str, unit: str,
                 slider_range: tuple[float, float], **kwargs: Any):
        parent = kwargs.pop("parent", None)
        super().__init__(parent)
        self.document = document
        self.path = path
        self.low = NumberField(document, f"{path}.low", unit, slider_range, **kwargs)
        self.high = NumberField(document, f"{path}.high", unit, slider_range, **kwargs)
        # Keep low <= high by pushing the other end in the same undo step.
        for field, other_end, keep in ((self.low, "high", max), (self.high, "low", min)):
            field.edit_values = self._pushing(field, other_end, keep)
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setVerticalSpacing(2)
        for row, (text, field) in enumerate((("low", self.low), ("high", self.high))):
            label = QLabel(text)
            label.setMinimumWidth(28)
            layout.addWidget(label, row, 0)
            layout.addWidget(field, row, 1)
        self.setToolTip(self.low.toolTip())

    def _pushing(self, field: NumberField, other_end: str, keep):
        def edit_values(display_value: float) -> dict[str, Any]:
            value = field.stored_value(display_value)
            other_path = f"{self.path}.{other_end}"
            values = {field.path: value}
            if keep(value, self.document.value(other_path)) == value:
                values[other_path] = value
            return values

        return edit_values

    def refresh(self) -> None:
        self.low.refresh()
        self.high.refresh()


class ChoiceField(QComboBox):
    """A combo box whose items carry the stored value as item data."""

    def __init__(self, document: ScenarioDocument, path: str,
                 items: list[tuple[str, Any, str]], tooltip: str = "",
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.document = document
        self.path = path
        # Long catalog names must not set the width of the whole input panel.
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(18)
        for label, value, item_tip in items:
            self.addItem(label, value)
            if item_tip:
                self.setItemData(self.count() - 1, item_tip, Qt.ItemDataRole.ToolTipRole)
        self.setToolTip(tooltip)
        self.currentIndexChanged.connect(self._chosen)
        self.refresh()

    def refresh(self) -> None:
        self.blockSignals(True)
        self.setCurrentIndex(self.findData(self.document.value(self.path)))
        self.blockSignals(False)

    def extra_values(self, value: Any) -> dict[str, Any]:
        """Other fields to set in the same undo step when ``value`` is chosen."""
        return {}

    def _chosen(self, index: int) -> None:
        value = self.itemData(index)
        values = {self.path: value, **self.extra_values(value)}
        if not self.document.set_values(values, f"Choose {self.itemText(index)}",
                                        mergeable=False):
            self.refresh()


class CheckField(QCheckBox):
    def __init__(self, document: ScenarioDocument, path: str, text: str, tooltip: str = "",
                 parent: QWidget | None = None):
        # "&" would otherwise become a keyboard mnemonic ("Data curation & annotation").
        super().__init__(text.replace("&", "&&"), parent)
        self.label_text = text
        self.document = document
        self.path = path
        self.setToolTip(tooltip)
        self.toggled.connect(self._toggled)
        self.refresh()

    def refresh(self) -> None:
        self.blockSignals(True)
        self.setChecked(bool(self.document.value(self.path)))
        self.blockSignals(False)

    def _toggled(self, checked: bool) -> None:
        verb = "Include" if checked else "Exclude"
        if not self.document.set_values({self.path: checked}, f"{verb} {self.label_text}",
                                        mergeable=False):
            self.refresh()
