"""Baseline vs current: every headline figure of two plans with its absolute and % delta.

View → Compare with baseline pins the plan on screen; editing goes on and the
comparison follows the current plan. File → Compare with… takes a saved file as the
baseline instead. The comparison lives in a dock beside the tabs, so it stays while
tabs are switched; undo moves the current side only (the baseline is a snapshot);
unpinning closes it. While a baseline is set, the tabs' charts draw its series faint
under the current ones (desktop/chart_bands.py), each tab when it is first shown.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from econplan.core.plan import Plan, compute_plan
from econplan.core.scenario import Scenario
from econplan.core.scenario_io import ScenarioFileError, load_scenario
from econplan.desktop.chart_bands import show_chart_baseline
from econplan.desktop.tables import fill_table, read_only_table
from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDockWidget,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from econplan.core.compare import PlannerComparison

COLUMNS = ["Figure", "Baseline", "Current", "Δ", "Δ %"]
SCENARIO_FILTER = "EconPlan scenario (*.json)"
MIN_WIDTH = 220
FIGURE_COLUMN_WIDTH = 140
DOCKED_WIDTH = 580
REFRESH_DELAY_MS = 120
OPEN_WIDTH = 470  # the dock's width when it opens; the user can drag it


class ComparisonView(QWidget):
    """The table of deltas, baseline → current, grouped by planner."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.comparisons: list[PlannerComparison] = []
        self.baseline_label = QLabel("")
        self.baseline_label.setWordWrap(True)
        self.baseline_label.setStyleSheet("font-weight: 600;")
        self.changed_only = QCheckBox("Changed figures only")
        self.changed_only.toggled.connect(self._fill)
        self.repin_button = QPushButton("Pin current")
        self.repin_button.setToolTip("Make the plan on screen the new baseline.")
        self.unpin_button = QPushButton("Unpin")
        self.unpin_button.setToolTip("Stop comparing.")
        # Narrow rows: beside a 1366-pixel-wide window's training tab the dock gets ~240 px.
        buttons = QHBoxLayout()
        buttons.addWidget(self.repin_button)
        buttons.addWidget(self.unpin_button)
        buttons.addStretch(1)
        self.table = read_only_table(COLUMNS)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setMinimumWidth(MIN_WIDTH)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(0, FIGURE_COLUMN_WIDTH)
        self.table.verticalHeader().setDefaultSectionSize(
            self.table.fontMetrics().lineSpacing() + 6)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.baseline_label)
        layout.addLayout(buttons)
        layout.addWidget(self.changed_only)
        layout.addWidget(self.table, 1)

    def show_comparison(self, comparisons: list[PlannerComparison], baseline_name: str) -> None:
        self.comparisons = comparisons
        self.baseline_label.setText(f"Baseline: {baseline_name} — against the plan on screen")
        self._fill()

    def rows(self) -> list[list[str]]:
        """The table's rows: a title row per planner, then its figures."""
        from econplan.core.compare import delta_text  # with its presenters, when first used

        rows: list[list[str]] = []
        self._title_rows: set[int] = set()
        for comparison in self.comparisons:
            deltas = [d for d in comparison.deltas
                      if d.changed or not self.changed_only.isChecked()]
            if not deltas and not comparison.problem:
                continue
            self._title_rows.add(len(rows))
            rows.append([comparison.title, "", "", "", ""])
            if comparison.problem:
                rows.append([f"  {comparison.problem}", "", "", "", ""])
            for delta in deltas:
                absolute, percent = delta_text(delta)
                rows.append([f"  {delta.label}", delta.baseline_text, delta.current_text,
                             absolute, percent])
        return rows

    def _fill(self) -> None:
        rows = self.rows()
        self.table.setRowCount(len(rows))
        fill_table(self.table, rows, numeric_columns=(1, 2, 3, 4), bold_rows=self._title_rows)


class ComparisonDock(QDockWidget):
    """The dock; closing it with its own button unpins, as the menu would."""

    closed = Signal()

    def closeEvent(self, event: QCloseEvent) -> None:
        super().closeEvent(event)
        self.closed.emit()


class ComparisonController(QObject):
    """The menu actions, the pinned baseline and the dock that shows the comparison."""

    # The baseline was set (a Plan) or unpinned (None): the charts' faint overlay follows.
    baseline_changed = Signal(object)

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.baseline: Plan | None = None
        self.baseline_name = ""
        self.baseline_scenario: Scenario | None = None  # the proposal compares budgets too
        # Lazily built tabs get the overlay when first shown; a switch checks, never redraws.
        window.tabs.currentChanged.connect(self._overlay_shown_tab)
        self.view = ComparisonView()
        self.dock = ComparisonDock("Comparison", window)
        self.dock.setObjectName("comparisonDock")
        self.dock.setWidget(self.view)
        self.dock.setAllowedAreas(Qt.DockWidgetArea.RightDockWidgetArea
                                  | Qt.DockWidgetArea.BottomDockWidgetArea)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        self.dock.hide()
        self.dock.closed.connect(self.unpin)
        self.view.repin_button.clicked.connect(self.pin_current)
        self.view.unpin_button.clicked.connect(self.unpin)
        # Latest edit wins, a moment after it: the comparison plans every planner (the
        # break-even's month-by-month payback among them), too much for each drag tick.
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REFRESH_DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        window.session.invalidated.connect(self._plan_changed)
        self.pin_action = QAction("Compare with &baseline", self)
        self.pin_action.setCheckable(True)
        self.pin_action.setToolTip("Pin the plan on screen as a baseline, keep editing, and see "
                                   "every headline figure against it.")
        self.pin_action.triggered.connect(self._pin_toggled)
        self.file_action = QAction("Compare &with…", self)
        self.file_action.setToolTip("Compare the plan on screen with a saved scenario file.")
        self.file_action.triggered.connect(self.compare_with_dialog)

    def install(self, file_menu: QMenu, view_menu: QMenu, before: QAction | None = None) -> None:
        view_menu.addSeparator()
        view_menu.addAction(self.pin_action)
        if before is not None:
            file_menu.insertAction(before, self.file_action)
            file_menu.insertSeparator(before)
        else:
            file_menu.addAction(self.file_action)

    @property
    def active(self) -> bool:
        return self.baseline is not None

    def _pin_toggled(self, checked: bool) -> None:
        if checked:
            self.pin_current()
        else:
            self.unpin()

    def pin_current(self) -> None:
        scenario = self.window.document.scenario
        self._set_baseline(self.window.session.plan(),
                           f"“{scenario.name}” as pinned at {dt.datetime.now():%H:%M:%S}",
                           scenario)

    def ask_compare_path(self) -> str:
        path, _ = QFileDialog.getOpenFileName(self.window, "Compare with scenario",
                                              self.window._last_dir(), SCENARIO_FILTER)
        return path

    def compare_with_dialog(self) -> None:
        path = self.ask_compare_path()
        if path:
            self.compare_with_file(Path(path))

    def compare_with_file(self, path: Path) -> bool:
        """The saved file becomes the baseline; a broken file is shown, nothing changes."""
        try:
            scenario = load_scenario(path, self.window.catalog)
        except ScenarioFileError as exc:
            self.window.show_open_error(exc)
            return False
        self._set_baseline(compute_plan(scenario, self.window.catalog),
                           f"“{scenario.name}” ({path.name})", scenario)
        return True

    def _set_baseline(self, plan: Plan, name: str, scenario: Scenario) -> None:
        self.baseline, self.baseline_name, self.baseline_scenario = plan, name, scenario
        self.pin_action.setChecked(True)
        if not self.dock.isVisible():
            self._place_dock()
        self.refresh()
        self._overlay_all()

    def _place_dock(self) -> None:
        """Docked beside the tabs where the window has room for it; on a narrow screen
        (1366 px beside the training tab) floating over the window's right edge instead,
        rather than growing the window past the screen."""
        window = self.window
        room = window.width() - window.centralWidget().minimumSizeHint().width()
        floating = room < OPEN_WIDTH
        self.dock.setFloating(floating)
        self.dock.show()
        if floating:
            top_right = window.mapToGlobal(window.rect().topRight())
            height = max(window.height() - 80, 300)
            self.dock.setGeometry(top_right.x() - OPEN_WIDTH - 8, top_right.y() + 60,
                                  OPEN_WIDTH, height)
        else:  # docked: as wide as every column needs, where the window has the room
            window.resizeDocks([self.dock], [min(room, DOCKED_WIDTH)],
                               Qt.Orientation.Horizontal)

    def unpin(self) -> None:
        self.baseline = None
        self.baseline_scenario = None
        self.pin_action.setChecked(False)
        self.dock.hide()
        self._overlay_all()

    # -- the baseline drawn faint on the tabs' charts ------------------------------------

    def overlay_name(self) -> str:
        """The baseline as the charts' legends name it: the scenario, not the pin time."""
        return self.baseline_name.split(" as pinned at ")[0]

    def _overlay_tab(self, tab) -> None:
        from econplan.desktop.planner_tab import PlannerTab

        if not isinstance(tab, PlannerTab):
            return
        key = (id(self.baseline), self.baseline_name) if self.baseline is not None else None
        if getattr(tab, "_baseline_key", None) == key:
            return  # already drawn (a tab switch back and forth)
        tab._baseline_key = key
        result = self.baseline.result(tab.PLANNER_ID) if self.baseline is not None else None
        show_chart_baseline(tab, result, self.overlay_name())

    def _overlay_all(self) -> None:
        tabs = self.window.tabs
        for index in range(tabs.count()):
            self._overlay_tab(tabs.widget(index))
        self.baseline_changed.emit(self.baseline)

    def _overlay_shown_tab(self, index: int) -> None:
        self._overlay_tab(self.window.tabs.widget(index))

    def _plan_changed(self, _planner_ids) -> None:
        if self.active:
            self._timer.start()

    def refresh(self) -> None:
        self._timer.stop()
        if self.baseline is None:
            return
        from econplan.core.compare import compare_plans  # imports every presenter: not at start

        self.view.show_comparison(compare_plans(self.baseline, self.window.session.plan()),
                                  self.baseline_name)

