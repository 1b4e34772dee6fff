"""Presentation mode (View → Presentation, F11): a workshop facilitator's projector view.

Full screen without menus or status bar; each planner tab shows only the inputs that
matter for its headline (``KEY_INPUTS``); cards and chart text grow until the headline
figures are ≥ 5% of the screen height (desktop/appearance.py). Keys: Ctrl+Tab /
Ctrl+Shift+Tab and 1–9 switch tabs, arrow keys move the focused input, Esc leaves.
"""

from __future__ import annotations

from econplan.desktop.appearance import Appearance
from PySide6.QtCore import QByteArray, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QFormLayout,
    QLayout,
    QLineEdit,
    QMainWindow,
    QTabWidget,
    QWidget,
)

# The few inputs a room discusses, per planner; the rest stay in the normal view.
KEY_INPUTS: dict[str, tuple[str, ...]] = {
    "training": ("training.params", "training.tokens", "training.gpu_id",
                 "training.gpu_count", "training.mfu", "training.usd_per_gpu_hour",
                 "training.finetune.examples", "training.finetune.epochs"),
    "dataset": ("training.params", "training.tokens", "training.tokens_per_param",
                "training.finetune.examples", "dataset.finetune_synthetic_share"),
    "playbook": ("playbook.vertical.vertical_id", "playbook.horizon_quarters",
                 "playbook.ongoing_usd_per_quarter"),
    "routing": ("routing.year", "routing.workdays_per_year"),
    "breakeven": ("breakeven.queries_per_month", "breakeven.api.usd_per_mtok_input",
                  "breakeven.api.usd_per_mtok_output", "breakeven.selfhost.usd_per_gpu_hour",
                  "breakeven.one_off.finetune_usd", "breakeven.months_until_retrain"),
}


class InputReducer:
    """Hides every input row of a column except the key fields, and brings them back."""

    def __init__(self, column: QWidget, fields: list[QWidget]):
        self.column = column
        self.keys: list[QWidget] = []
        self._rows: set[tuple[int, int]] = set()
        self._row_forms: dict[int, QFormLayout] = {}
        self._widgets: dict[int, QWidget] = {}
        # Widgets of the hidden form rows that were hidden already (a note with nothing to
        # say): showing a row again shows all of them, and they go back to hidden.
        self._hidden_in_rows: list[QWidget] = []
        self.set_fields(fields)

    def set_fields(self, fields: list[QWidget]) -> None:
        self.keys = list(fields)

    def _holds_key(self, widget: QWidget) -> bool:
        return any(key is widget or widget.isAncestorOf(key) for key in self.keys)

    def _hide(self, widget: QWidget) -> None:
        if widget.isVisibleTo(self.column) or not widget.isHidden():
            self._widgets[id(widget)] = widget
            widget.hide()

    def _reduce_item(self, widget: QWidget | None, layout: QLayout | None) -> bool:
        """Hide what holds no key field; True when something in it stays."""
        if widget is not None:
            if widget in self.keys:
                return True
            if not self._holds_key(widget):
                self._hide(widget)
                return False
            if widget.layout() is not None:
                self.reduce(widget.layout())
            inside = [k for k in self.keys if widget.isAncestorOf(k)]
            if inside and not any(k.isVisibleTo(widget) for k in inside):
                self._hide(widget)  # its key inputs do not apply (hidden by a choice)
                return False
            return True
        if layout is not None:
            return self.reduce(layout)
        return False

    def reduce(self, layout: QLayout | None = None) -> bool:
        layout = layout if layout is not None else self.column.layout()
        if layout is None:
            return False
        kept = False
        if isinstance(layout, QFormLayout):
            for row in range(layout.rowCount()):
                item = (layout.itemAt(row, QFormLayout.ItemRole.FieldRole)
                        or layout.itemAt(row, QFormLayout.ItemRole.SpanningRole))
                if item is None:
                    continue
                if (item.widget() is not None and not self._holds_key(item.widget())) \
                        or (item.widget() is None and item.layout() is not None \
                        and not any(self._holds_key(item.layout().itemAt(i).widget())
                                    for i in range(item.layout().count())
                                    if item.layout().itemAt(i).widget() is not None)):
                    self._hidden_in_rows += [w for w in _row_widgets(layout, row)
                                             if w.isHidden()]
                    layout.setRowVisible(row, False)
                    self._rows.add((id(layout), row))
                    self._row_forms[id(layout)] = layout
                else:
                    kept = self._reduce_item(item.widget(), item.layout()) or kept
            return kept
        for index in range(layout.count()):
            item = layout.itemAt(index)
            kept = self._reduce_item(item.widget(), item.layout()) or kept
        return kept

    def restore(self) -> None:
        for form_id, row in sorted(self._rows):
            self._row_forms[form_id].setRowVisible(row, True)
        for widget in self._widgets.values():
            widget.show()
        for widget in self._hidden_in_rows:
            widget.hide()
        self._rows.clear()
        self._row_forms.clear()
        self._widgets.clear()
        self._hidden_in_rows.clear()


def _row_widgets(form: QFormLayout, row: int) -> list[QWidget]:
    """The widgets ``QFormLayout.setRowVisible`` shows or hides: the row's own, and those
    in its layouts, nested ones included."""
    widgets: list[QWidget] = []
    items = [form.itemAt(row, role) for role in (QFormLayout.ItemRole.LabelRole,
                                                 QFormLayout.ItemRole.FieldRole,
                                                 QFormLayout.ItemRole.SpanningRole)]
    while items:
        item = items.pop()
        if item is None:
            continue
        if item.widget() is not None:
            widgets.append(item.widget())
        elif item.layout() is not None:
            items += [item.layout().itemAt(i) for i in range(item.layout().count())]
    return widgets


def _editing_text(widget: QWidget | None) -> bool:
    """Whether typed digits belong to ``widget`` (a number box or text field)."""
    return isinstance(widget, (QLineEdit, QAbstractSpinBox)) or (
        isinstance(widget, QComboBox) and widget.isEditable())


class PresentationMode(QObject):
    """Enters and leaves presentation mode for one main window."""

    toggled = Signal(bool)

    def __init__(self, window: QMainWindow, tabs: QTabWidget):
        super().__init__(window)
        self.window = window
        self.tabs = tabs
        self.active = False
        self._saved_geometry = QByteArray()
        self._was_maximized = False
        self.tabs.currentChanged.connect(self._tab_shown)

    # -- on and off -------------------------------------------------------------------------

    def set_active(self, on: bool) -> None:
        if on == self.active:
            return
        if on:
            self.enter()
        else:
            self.leave()

    def enter(self) -> None:
        self.active = True
        self._saved_geometry = self.window.saveGeometry()
        self._was_maximized = self.window.isMaximized()
        self.window.menuBar().hide()
        self.window.statusBar().hide()
        screen = self.window.screen()
        height = screen.geometry().height() if screen is not None else self.window.height()
        Appearance.instance().set_presentation_height(height)
        for tab in self._planner_tabs():
            tab.set_presenting(True)
        QApplication.instance().installEventFilter(self)
        self.window.showFullScreen()
        self._focus_first_input()
        self.toggled.emit(True)

    def leave(self) -> None:
        self.active = False
        QApplication.instance().removeEventFilter(self)
        for tab in self._planner_tabs():
            tab.set_presenting(False)
        Appearance.instance().set_presentation_height(0)
        self.window.menuBar().show()
        self.window.statusBar().show()
        if self._was_maximized:
            self.window.showMaximized()
        else:
            self.window.showNormal()
            if not self._saved_geometry.isEmpty():
                self.window.restoreGeometry(self._saved_geometry)
        self.toggled.emit(False)

    def _planner_tabs(self) -> list[QWidget]:
        pages = (self.tabs.widget(i) for i in range(self.tabs.count()))
        return [page for page in pages if hasattr(page, "set_presenting")]

    def _tab_shown(self, _index: int) -> None:
        if self.active:
            page = self.tabs.currentWidget()
            if hasattr(page, "set_presenting"):  # a tab built after presentation began
                page.set_presenting(True)
            self._focus_first_input()

    def _focus_first_input(self) -> None:
        page = self.tabs.currentWidget()
        # The slider, not the number box: arrows move it and digits still switch tabs.
        for field in getattr(page, "presentation_fields", lambda: [])():
            target = getattr(field, "slider", None) or getattr(getattr(field, "low", None),
                                                               "slider", None) or field
            if target.isVisibleTo(page):
                target.setFocus(Qt.FocusReason.OtherFocusReason)
                return

    # -- keys -------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not self.window.isActiveWindow():
            return False
        return self.handle_key(event)

    def handle_key(self, event: QKeyEvent) -> bool:
        """Presentation keys; True when the key was used."""
        key, modifiers = event.key(), event.modifiers()
        code = key.value if hasattr(key, "value") else int(key)
        ctrl = bool(modifiers & Qt.KeyboardModifier.ControlModifier)
        count = self.tabs.count()
        if key == Qt.Key.Key_Escape:
            self.leave()
            return True
        if ctrl and key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            back = key == Qt.Key.Key_Backtab or modifiers & Qt.KeyboardModifier.ShiftModifier
            step = -1 if back else 1
            self.tabs.setCurrentIndex((self.tabs.currentIndex() + step) % count)
            return True
        focus = QApplication.focusWidget()
        first, last = Qt.Key.Key_1.value, Qt.Key.Key_9.value
        if first <= code <= last and not ctrl and not _editing_text(focus):
            index = code - first
            if index < count:
                self.tabs.setCurrentIndex(index)
            return True
        if key in (Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Down):
            up = key in (Qt.Key.Key_Right, Qt.Key.Key_Up)
            target = focus.parentWidget() if isinstance(focus, QLineEdit) else focus
            if isinstance(target, QAbstractSpinBox):
                target.stepUp() if up else target.stepDown()
                return True
            if isinstance(target, QAbstractSlider):
                target.triggerAction(QAbstractSlider.SliderAction.SliderSingleStepAdd if up
                                     else QAbstractSlider.SliderAction.SliderSingleStepSub)
                return True
        return False
