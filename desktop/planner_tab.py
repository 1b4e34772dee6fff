"""What every planner tab shares: bound inputs on the left, results on the right, live.

A subclass builds ``_build_inputs_column()`` (the input groups) and
``_build_results()``, and implements ``recompute()``; this class wires the
document, the recompute throttle, field refreshes and the tooltips that cite
where each default comes from.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from core.catalog import Catalog
from core.defaults import default_sources
from desktop.document import ScenarioDocument
from desktop.fields import CheckField, NumberField, RangeField

RECOMPUTE_DELAY_MS = 30
NOTE_STYLE = "color: palette(dark); padding: 2px 4px;"
WARNING_STYLE = ("background: #fff4ce; color: #5c4400; border: 1px solid #e0c45c;"
                 " border-radius: 4px; padding: 6px;")


def form_group(title: str) -> tuple[QGroupBox, QFormLayout]:
    group = QGroupBox(title)
    form = QFormLayout(group)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return group, form


def note_label(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet(NOTE_STYLE)
    return label


def warning_label() -> QLabel:
    """A hidden yellow box for warnings and planner errors (never a dialog in the way)."""
    label = QLabel()
    label.setWordWrap(True)
    label.setStyleSheet(WARNING_STYLE)
    label.hide()
    return label


def read_only_table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().hide()
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    return table


def input_scroll_area(column: QWidget) -> QScrollArea:
    scroll = QScrollArea()
    scroll.setWidget(column)
    scroll.setWidgetResizable(True)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    # Wide enough for every input row and the vertical scroll bar, never clipped.
    width = max(column.minimumSizeHint().width(), column.minimumWidth())
    scroll.setMinimumWidth(width + scroll.verticalScrollBar().sizeHint().width() + 4)
    return scroll


class PlannerTab(QWidget):
    """Base of the planner tabs; see the module docstring."""

    # Scenario sections whose edits change this tab; edits elsewhere (another tab's
    # slider drag) neither refresh its fields nor recompute its plan.
    WATCHES: tuple[str, ...] = ()

    def __init__(self, document: ScenarioDocument, catalog: Catalog,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.document = document
        self.catalog = catalog
        self._sources = default_sources(catalog)
        self._fields: list[Any] = []
        self._recompute_timer = QTimer(self)
        self._recompute_timer.setSingleShot(True)
        self._recompute_timer.setInterval(RECOMPUTE_DELAY_MS)
        self._recompute_timer.timeout.connect(self.recompute)

    def _assemble(self) -> None:
        """Lay out inputs and results; call once the subclass's own state exists."""
        splitter = QSplitter(Qt.Orientation.Horizontal)
        inputs = input_scroll_area(self._build_inputs_column())
        splitter.addWidget(inputs)
        splitter.addWidget(self._build_results())
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([inputs.minimumWidth(), 1000])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(splitter)

    def _start(self) -> None:
        """Follow the document and show the first result."""
        self.document.changed.connect(self._document_changed)
        self._update_visibility()
        self.recompute()

    # -- to override ----------------------------------------------------------------------

    def _build_inputs_column(self) -> QWidget:
        raise NotImplementedError

    def _build_results(self) -> QWidget:
        raise NotImplementedError

    def recompute(self) -> None:
        raise NotImplementedError

    def _update_visibility(self) -> None:
        """Show the inputs that apply to the current choices (nothing by default)."""

    # -- building helpers -----------------------------------------------------------------

    def _tip(self, path: str, text: str) -> str:
        # A field inherits the citation of the nearest cited parent (a range's low/high).
        parts = path.split(".")
        while parts and ".".join(parts) not in self._sources:
            parts.pop()
        source = self._sources.get(".".join(parts)) if parts else None
        return f"{text}\nDefault from: {source}" if source else text

    def _track(self, field):
        self._fields.append(field)
        return field

    def _number(self, path: str, unit: str, slider_range, text: str, **kwargs) -> NumberField:
        return self._track(NumberField(self.document, path, unit, slider_range,
                                       tooltip=self._tip(path, text), **kwargs))

    def _range(self, path: str, unit: str, slider_range, text: str, **kwargs) -> RangeField:
        return self._track(RangeField(self.document, path, unit, slider_range,
                                      tooltip=self._tip(path, text), **kwargs))

    def _check(self, path: str, text: str, tip: str) -> QCheckBox:
        return self._track(CheckField(self.document, path, text, self._tip(path, tip)))

    _form_group = staticmethod(form_group)
    _note = staticmethod(note_label)

    # -- behaviour ------------------------------------------------------------------------

    def field(self, path: str):
        """The input widget bound to a scenario path (a RangeField for a range)."""
        return next(f for f in self._fields if f.path == path)

    def watches(self, paths) -> bool:
        """Whether a change of ``paths`` (None: everything) concerns this tab."""
        return paths is None or any(p.split(".", 1)[0] in self.WATCHES for p in paths)

    def _document_changed(self, paths) -> None:
        if not self.watches(paths):
            return
        for field in self._fields:
            field.refresh()
        self._update_visibility()
        # Coalesce: during a drag the plan is recomputed at most every 30 ms (so the cards
        # move with the slider) instead of once per pixel of movement.
        if not self._recompute_timer.isActive():
            self._recompute_timer.start()
