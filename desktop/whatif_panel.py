"""The break-even what-ifs as one-click toggles, with a delta on every headline.

The sensitivity exercise of "Economics of Custom Models" (core.breakeven_whatifs):
API prices −50%, infrastructure ×2, 99.9% uptime with a standby replica, combinable;
and the failure rate at which the fine-tuned model still pays, solved for. Nothing
here edits the scenario: the toggles are questions asked of the plan, not inputs.
"""

from __future__ import annotations

from econplan.core.breakeven_whatifs import (
    WHATIF_DESCRIPTIONS,
    WHATIF_IDS,
    WHATIF_LABELS,
    failure_rate_threshold,
    whatif_outcome,
)
from econplan.core.compare import delta_text
from econplan.desktop.planner_tab import note_label
from econplan.desktop.tables import fill_table, read_only_table
from PySide6.QtWidgets import (
    QCheckBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

COLUMNS = ["Figure", "Plan", "What-if", "Δ", "Δ %"]


class WhatIfPanel(QWidget):
    def __init__(self, tab, parent: QWidget | None = None):
        super().__init__(parent)
        self.tab = tab
        self.outcome = None
        self.threshold = None
        # Toggles on the left, their deltas beside them: the drawer is wide, not tall.
        outer = QHBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        layout = QVBoxLayout()
        outer.addLayout(layout, 0)
        results = QVBoxLayout()
        outer.addLayout(results, 1)
        title = QLabel("What-ifs of the break-even sensitivity exercise")
        title.setStyleSheet("font-weight: 600;")
        title.setToolTip("Economics of Custom Models, Prompt 2: Break-Even Sensitivity.")
        layout.addWidget(title)
        toggles = QWidget()
        toggle_layout = QVBoxLayout(toggles)
        toggle_layout.setContentsMargins(0, 0, 0, 0)
        toggle_layout.setSpacing(0)
        self.toggles: dict[str, QCheckBox] = {}
        for whatif_id in WHATIF_IDS:
            box = QCheckBox(WHATIF_LABELS[whatif_id])
            box.setToolTip(WHATIF_DESCRIPTIONS[whatif_id])
            box.toggled.connect(self.refresh)
            toggle_layout.addWidget(box)
            self.toggles[whatif_id] = box
        layout.addWidget(toggles)
        self.table = read_only_table(COLUMNS)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        row = self.table.fontMetrics().lineSpacing() + 6
        self.table.verticalHeader().setDefaultSectionSize(row)
        # Every headline row visible without scrolling.
        self.table.setMinimumHeight(header.sizeHint().height() + 4 * row + 4)
        results.addWidget(self.table, 1)
        self.problem_label = note_label("")
        self.problem_label.hide()
        results.addWidget(self.problem_label)
        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        self.failure_cost = QDoubleSpinBox()
        self.failure_cost.setRange(0, 1e6)
        self.failure_cost.setDecimals(2)
        self.failure_cost.setPrefix("$")
        self.failure_cost.setToolTip(
            "What one failed answer costs, for the failure-rate question only (starts at the "
            "plan's own cost per failure; the plan is not changed).")
        self.failure_cost.valueChanged.connect(self._failure_rate_out_of_date)
        form.addRow("Cost of a failed answer", self.failure_cost)
        layout.addLayout(form)
        # A solve plans the break-even some twenty times: asked for, not run on every edit.
        self.solve_button = QPushButton("Solve: failure rate that still pays")
        self.solve_button.setToolTip(
            "The highest failure rate of the fine-tuned model at which the investment still "
            "pays back before the retrain, with the toggles above applied.")
        self.solve_button.clicked.connect(self.solve_failure_rate)
        layout.addWidget(self.solve_button)
        layout.addStretch(1)
        self.failure_label = note_label("")
        results.addWidget(self.failure_label)
        self._plan_cost: float | None = None

    def active(self) -> list[str]:
        return [w for w, box in self.toggles.items() if box.isChecked()]

    def refresh(self) -> None:
        scenario = self.tab.document.scenario
        plan_cost = scenario.breakeven.cost_per_failure_usd
        if plan_cost != self._plan_cost:  # follow the plan's own value when it changes
            self._plan_cost = plan_cost
            self.failure_cost.blockSignals(True)
            self.failure_cost.setValue(plan_cost)
            self.failure_cost.blockSignals(False)
        self.outcome = whatif_outcome(scenario, self.tab.catalog, self.active())
        rows = []
        for delta in self.outcome.deltas:
            absolute, percent = delta_text(delta)
            rows.append([delta.label, delta.baseline_text, delta.current_text, absolute,
                         percent])
        self.table.setRowCount(len(rows))
        fill_table(self.table, rows, numeric_columns=(1, 2, 3, 4))
        self.problem_label.setText(self.outcome.problem)
        self.problem_label.setVisible(bool(self.outcome.problem))
        self._failure_rate_out_of_date()

    def _failure_rate_out_of_date(self) -> None:
        self.threshold = None
        self.failure_label.setText("Failure rate: press Solve for the highest failure rate at "
                                   "which the fine-tuned model still pays.")

    def solve_failure_rate(self) -> None:
        scenario = self.tab.document.scenario
        try:
            self.threshold = failure_rate_threshold(
                scenario, self.tab.catalog, self.active(),
                cost_per_failure_usd=self.failure_cost.value())
        except ValueError as exc:  # a what-if that cannot apply: said in the problem line
            self.threshold = None
            self.failure_label.setText(f"Failure rate: {exc}")
            return
        self.failure_label.setText(f"Failure rate: {self.threshold.sentence}")
