"""Input widgets bound to a scenario field path.

``NumberField`` pairs a slider with a spin box (log-scaled where the range
spans orders of magnitude), shows its unit and takes its hard bounds from the
pydantic model. Every edit goes through the document, so undo, validation and
saving see the same value the widget shows.

Keyboard and screen readers: a slider and its spin box are one Tab stop (the
slider follows the box; arrow keys and Page Up/Down in the box move both), and
every input carries an accessible name (its form label, a range's end) and a
description (unit, accepted range, the default's source) once ``set_label`` is
called — :func:`label_form_inputs` does that for every row of a form. A value
the model refuses, or one outside the accepted range that the box clamps, is
explained in a small notice under the input instead of reverting silently.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from econplan.core.formatting import compact
from econplan.core.model_base import field_bounds
from econplan.core.scenario import Scenario
from econplan.core.source_documents import readable_sources
from econplan.desktop.document import ScenarioDocument
from pydantic import BaseModel
from PySide6.QtCore import QLocale, Qt, QTimer
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QSlider,
    QVBoxLayout,
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


def plain_label(text: str) -> str:
    """A form label as a name: no mnemonic ampersands, no trailing colon."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").strip().rstrip(":")


def shown_number(value: float, decimals: int) -> str:
    """A value as the spin box shows it, for notices and undo texts ("70", "0.35")."""
    if value != 0 and (abs(value) >= 1e12 or abs(value) < 10 ** -max(decimals, 1)):
        return compact(value)
    return f"{value:,.{decimals}f}"


class BoundedSpinBox(QDoubleSpinBox):
    """A spin box that accepts a typed number outside its range and remembers it.

    A plain QDoubleSpinBox refuses such text and puts the previous value back without
    a word; this one clamps to the nearest bound and keeps ``clamped_from`` (the typed
    number) so the field can say what happened.
    """

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.clamped_from: float | None = None

    def _parse(self, text: str) -> float | None:
        body = text.strip()
        for affix in (self.prefix(), self.suffix()):
            if affix:
                body = body.replace(affix.strip(), "")
        body = body.replace(self.locale().groupSeparator(), "").strip()
        number, ok = self.locale().toDouble(body)
        if not ok:
            number, ok = QLocale.c().toDouble(body.replace(",", ""))
        return number if ok and math.isfinite(number) else None

    def validate(self, text: str, pos: int):
        number = self._parse(text)
        if number is not None and not self.minimum() <= number <= self.maximum():
            return QValidator.State.Acceptable, text, pos
        return super().validate(text, pos)

    def valueFromText(self, text: str) -> float:
        number = self._parse(text)
        if number is None:
            return super().valueFromText(text)
        if not self.minimum() <= number <= self.maximum():
            self.clamped_from = number
        return min(max(number, self.minimum()), self.maximum())


def shows_any(field: Any, paths) -> bool:
    """Whether an edit of the scenario ``paths`` can change what ``field`` shows.

    A field shows its ``path`` unless it names the parts it reads in ``shows_paths`` (a
    ratio of two inputs, a range and how it is drawn). A path is concerned when it is one
    of those, inside one, or holds one (the whole section replaced).
    """
    shown = getattr(field, "shows_paths", None) or (field.path,)
    return any(path == part or path.startswith(part + ".") or part.startswith(path + ".")
               for path in paths for part in shown)


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
        tooltip = readable_sources(tooltip)  # documents by title, never by file name
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

        self.unit = unit
        self.label = ""  # the form's label, set by set_label (names and undo texts)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(0, SLIDER_STEPS)
        self.slider.setMinimumWidth(80)
        # One Tab stop per number: the box takes the keys, the slider follows it.
        self.slider.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.spin = BoundedSpinBox()
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

        # The notice under the row, made when the model first refuses or the box clamps a
        # value (never a dialog): a styled label per field was ~5% of the Training tab's
        # build, for a notice that most fields never show.
        self._notice: QLabel | None = None

        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.slider, 1)
        row.addWidget(self.spin)
        row.addWidget(self.unit_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(1)
        layout.addLayout(row)
        self.setFocusProxy(self.spin)  # a label's buddy, a click on the row: the box
        self.bounds_text = f"Accepted: {spin_min:,.6g} – {spin_max:,.6g} {unit}".rstrip()
        self.tooltip_text = tooltip
        self.setToolTip(f"{tooltip}\n{self.bounds_text}" if tooltip else self.bounds_text)
        for widget in (self.slider, self.spin):
            widget.setToolTip(self.toolTip())
        self._describe()

        # While the handle is dragged, the moves the window system queued during one pass
        # of the event loop become one edit (the last), not one recompute each.
        self._drag_commit = QTimer(self)
        self._drag_commit.setSingleShot(True)
        self._drag_commit.setInterval(0)
        self._drag_commit.timeout.connect(lambda: self._commit(self.spin.value()))
        self.slider.sliderReleased.connect(self._finish_drag)
        self.slider.valueChanged.connect(self._slider_moved)
        self.spin.valueChanged.connect(self._spin_changed)
        self.spin.editingFinished.connect(self._editing_finished)
        self.refresh()

    def set_label(self, label: str) -> None:
        """Name the input after its form label (screen readers, undo texts)."""
        self.label = plain_label(label)
        self._describe()

    def _describe(self) -> None:
        name = self.label or self.tooltip_text.split("\n", 1)[0].rstrip(".")
        unit = f" ({self.unit})" if self.unit else ""
        self.spin.setAccessibleName(f"{name}{unit}" if name else self.unit)
        self.slider.setAccessibleName(f"{name} slider" if name else f"{self.unit} slider")
        description = "\n".join(t for t in (self.tooltip_text, self.bounds_text) if t)
        self.spin.setAccessibleDescription(description)
        self.slider.setAccessibleDescription(description)

    @property
    def notice(self) -> QLabel:
        """The label under the row that says why a value was refused or clamped."""
        if self._notice is None:
            notice = QLabel()
            notice.setWordWrap(True)
            notice.setObjectName("fieldNotice")
            # Window text (not a tint) keeps AA contrast in light and dark themes.
            notice.setStyleSheet("color: palette(window-text); font-style: italic;")
            notice.hide()
            self.layout().addWidget(notice)
            self._notice = notice
        return self._notice

    def show_notice(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.show()
        self.spin.setAccessibleDescription(f"{text}\n{self.bounds_text}")

    def clear_notice(self) -> None:
        notice = self._notice
        if notice is not None and (notice.isVisible() or notice.text()):
            notice.clear()
            notice.hide()
            self._describe()

    def edit_label(self, display_value: float) -> str | None:
        """The undo text of an edit: "Parameters → 70 B params" when the label is known."""
        if not self.label:
            return self.edit_text
        value = shown_number(display_value, self.spin.decimals())
        return f"{self.label} → {value} {self.unit}".rstrip()

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
        if self.document.set_values(values, self.edit_label(display_value),
                                    merge_key=self.path):
            if self.spin.clamped_from is None:
                self.clear_notice()
            return
        problem = self.document.last_problem
        reason = problem[1] if problem else "the plan cannot use it"
        shown = shown_number(display_value, self.spin.decimals())
        self.refresh()
        kept = shown_number(self.display_value(), self.spin.decimals())
        self.show_notice(f"{shown} {self.unit} not accepted: {reason}. Kept {kept}.")

    def _editing_finished(self) -> None:
        typed = self.spin.clamped_from
        if typed is None:
            return
        self.spin.clamped_from = None
        side = "largest" if typed > self.spin.maximum() else "smallest"
        bound = self.spin.maximum() if side == "largest" else self.spin.minimum()
        decimals = self.spin.decimals()
        self.show_notice(f"{shown_number(typed, decimals)} is outside the accepted range; "
                         f"set to the {side} accepted value, {shown_number(bound, decimals)} "
                         f"{self.unit}.".replace(" .", "."))

    def _slider_moved(self, step: int) -> None:
        value = self._map.to_value(step)
        if self.integer:
            value = round(value)
        self.spin.blockSignals(True)
        self.spin.setValue(value)
        self.spin.blockSignals(False)
        if self.slider.isSliderDown():
            self._drag_commit.start()
            return
        self._commit(self.spin.value())

    def _finish_drag(self) -> None:
        if self._drag_commit.isActive():  # the release never waits for the next pass
            self._drag_commit.stop()
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
        # How the range is drawn lives under uncertainty.distributions.
        self.shows_paths = (path, "uncertainty")
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
            label.setBuddy(field)
            layout.addWidget(label, row, 0)
            layout.addWidget(field, row, 1)
        self.setToolTip(self.low.toolTip())
        # How the range is drawn for the P10–P90 bands (desktop/distribution_control.py).
        from econplan.desktop.distribution_control import add_distribution_row

        self.distribution = add_distribution_row(self, layout)
        self.setFocusProxy(self.low)

    def set_label(self, label: str) -> None:
        """"MFU, low" and "MFU, high": each end is named after the range's label."""
        name = plain_label(label)
        if name:
            for end, field in (("low", self.low), ("high", self.high)):
                field.set_label(f"{name}, {end}".replace("&", "&&"))  # already plain
            self.distribution.setAccessibleName(f"{name}, how it is drawn")

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
        self.distribution.refresh()


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
                self.setItemData(self.count() - 1, readable_sources(item_tip),
                                 Qt.ItemDataRole.ToolTipRole)
        tooltip = readable_sources(tooltip)
        self.setToolTip(tooltip)
        self.setAccessibleDescription(tooltip)
        self.label = ""
        self.currentIndexChanged.connect(self._chosen)
        self.refresh()

    def set_label(self, label: str) -> None:
        """Screen readers announce the label ("Mode"), then the current choice."""
        self.label = plain_label(label)
        self.setAccessibleName(self.label)

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
        text = (f"{self.label} → {self.itemText(index)}" if self.label
                else f"Choose {self.itemText(index)}")
        if not self.document.set_values(values, text, mergeable=False):
            self.refresh()


class CheckField(QCheckBox):
    def __init__(self, document: ScenarioDocument, path: str, text: str, tooltip: str = "",
                 parent: QWidget | None = None):
        # "&" would otherwise become a keyboard mnemonic ("Data curation & annotation").
        super().__init__(text.replace("&", "&&"), parent)
        self.label_text = text
        self.document = document
        self.path = path
        tooltip = readable_sources(tooltip)
        self.setToolTip(tooltip)
        self.setAccessibleName(text)
        self.setAccessibleDescription(tooltip)
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


def _input_name(widget: QWidget) -> str:
    return widget.accessibleName() or getattr(widget, "label", "")


def label_form_inputs(root: QWidget) -> None:
    """Name every input of every form under ``root`` after its row's label.

    Bound fields (``set_label``) also use the label in their undo texts; any other
    input gets the label as its accessible name, and each label becomes the buddy of
    its input (Alt+mnemonic, and the name assistive tools fall back to). Tables get
    the title of the group that holds them.
    """
    for form in root.findChildren(QFormLayout):
        check_text = ""  # a check box row names the unlabelled input row under it
        for row in range(form.rowCount()):
            span_item = form.itemAt(row, QFormLayout.ItemRole.SpanningRole)
            spanning = span_item.widget() if span_item is not None else None
            if isinstance(spanning, CheckField):
                check_text = spanning.text()  # escaped: plain_label undoes "&&"
                continue
            if spanning is not None and hasattr(spanning, "set_label") and check_text:
                if not getattr(spanning, "label", ""):
                    spanning.set_label(check_text)
                check_text = ""
                continue
            check_text = ""
            label_item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            field_item = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            label = label_item.widget() if label_item is not None else None
            field = field_item.widget() if field_item is not None else None
            if not isinstance(label, QLabel) or field is None or not label.text():
                continue
            label.setBuddy(field)
            if hasattr(field, "set_label"):
                if not getattr(field, "label", ""):
                    field.set_label(label.text())
            elif not _input_name(field):
                field.setAccessibleName(plain_label(label.text()))
    for view in root.findChildren(QAbstractItemView):
        if not view.accessibleName():
            view.setAccessibleName(_table_name(view, root))
    for view in root.findChildren(QWidget):
        plot_item = getattr(view, "plotItem", None)  # a pyqtgraph chart: named by its title
        if plot_item is not None and not view.accessibleName():
            title = getattr(plot_item.titleLabel, "text", "") or ""
            view.setAccessibleName(f"Chart: {_plain_html(title)}" if title else "Chart")
            view.setAccessibleDescription(view.toolTip())
            # A chart takes no keys and showed no focus: Tab skips it (the table beside it
            # holds the same figures); a click still focuses it for mouse zoom.
            view.setFocusPolicy(Qt.FocusPolicy.ClickFocus)


def _plain_html(text: str) -> str:
    import re

    return re.sub(r"<[^>]+>", "", text).strip()


def _table_name(view: QAbstractItemView, root: QWidget) -> str:
    """A table's name: the group holding it, else its column headers, else the page."""
    group = view.parentWidget()
    while group is not None and not isinstance(group, QGroupBox) and group is not root:
        group = group.parentWidget()
    if isinstance(group, QGroupBox) and group.title():
        return plain_label(group.title()) + " table"
    model = view.model()
    headers = [str(model.headerData(c, Qt.Orientation.Horizontal) or "")
               for c in range(model.columnCount())] if model is not None else []
    headers = [h for h in headers if h.strip()]
    page = root.accessibleName() or "Results"
    return f"{page} table: {', '.join(headers)}" if headers else f"{page} table"
