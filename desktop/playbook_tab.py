"""The Vertical playbook tab: phases, first-version cost and timeline, spend over time.

Inputs on the left: the vertical (a catalog preset or a custom one), the
schedule and every phase's duration, cost and overlap. Results on the right:
headline cards, the timeline and cumulative-spend charts, and tables of the
approaches, the vertical's tasks, the quarters and the seed's own figures.

Phases are a list in the scenario. Their controls write the whole list
through one undo step per control (``set_values(..., merge_key=...)``), so a slider drag is
one step and the next slider's drag is the next.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from econplan.core import playbook, playbook_presenter
from econplan.core.catalog import Catalog
from econplan.core.formatting import usd, usd_range
from econplan.core.playbook import PlaybookResult
from econplan.core.playbook_inputs import (
    CUSTOM_VERTICAL_ID,
    GENERIC_VERTICAL_ID,
    MAX_PHASES,
)
from econplan.core.provenance import readable
from econplan.desktop.cards import HeadlineCard, card_row
from econplan.desktop.document import ScenarioDocument
from econplan.desktop.fields import (
    ChoiceField,
    NumberField,
    RangeField,
    shows_any,
)
from econplan.desktop.plan_session import PlanSession
from econplan.desktop.planner_tab import PlannerTab, read_only_table
from econplan.desktop.playbook_charts import CumulativeSpendChart, GanttChart
from econplan.desktop.tables import figure_table, fill_table, fill_when_shown
from econplan.desktop.wrapped_label import TextSlot
from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import (
    QDateEdit,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

PHASES_PATH = "playbook.phases"
VERTICAL_PATH = "playbook.vertical"
TASK_COLUMNS = ("Task", "Complexity", "Per", "Current $ low", "Current $ high", "Fine-tuned $",
                "Cost ratio", "Current (as stated)", "Fine-tuned (as stated)")
RATIO_COLUMN = 6


def _months(value: float) -> str:
    return f"{value:.3g} months"


# -- phase controls -------------------------------------------------------------------------

class PhaseNameField(QLineEdit):
    def __init__(self, tab: PlaybookTab, index: int):
        super().__init__()
        self.tab = tab
        self.index = index
        self.path = f"{PHASES_PATH}.{index}.name"
        self.setMaxLength(100)
        self.editingFinished.connect(self._finished)
        self.refresh()

    def refresh(self) -> None:
        phases = self.tab.document.scenario.playbook.phases
        if self.index < len(phases) and not self.hasFocus():
            self.setText(phases[self.index].name)

    def _finished(self) -> None:
        text = self.text().strip()
        unchanged = text == self.tab.document.scenario.playbook.phases[self.index].name
        if text and not unchanged and not self.tab.edit_phase(
                self.index, {"name": text}, key=self.path, text="Rename phase"):
            self.refresh()


# -- vertical controls ---------------------------------------------------------------------

def _switch_to_custom(document: ScenarioDocument) -> dict[str, Any]:
    """Editing a preset vertical's details makes it a custom vertical (same undo step)."""
    if document.scenario.playbook.vertical.vertical_id == CUSTOM_VERTICAL_ID:
        return {}
    return {f"{VERTICAL_PATH}.vertical_id": CUSTOM_VERTICAL_ID}


class TextField(QLineEdit):
    """A line of text bound to a vertical's field; edits make the vertical custom."""

    def __init__(self, document: ScenarioDocument, path: str, tooltip: str = ""):
        super().__init__()
        self.document = document
        self.path = path
        self.setMaxLength(300)
        self.setToolTip(readable(tooltip))
        self.editingFinished.connect(self._finished)
        self.refresh()

    def refresh(self) -> None:
        if not self.hasFocus():
            self.setText(str(self.document.value(self.path)))

    def _finished(self) -> None:
        text = self.text().strip()
        if text == self.document.value(self.path):
            return
        values = {self.path: text, **_switch_to_custom(self.document)}
        if not self.document.set_values(values, f"Change {self.path.rsplit('.', 1)[-1]}",
                                        mergeable=False):
            self.setText(str(self.document.value(self.path)))


class DataSourcesField(QPlainTextEdit):
    """The vertical's data sources, one per line."""

    path = f"{VERTICAL_PATH}.data_sources"

    def __init__(self, document: ScenarioDocument, tooltip: str = ""):
        super().__init__()
        self.document = document
        self.setToolTip(readable(tooltip))
        self.setTabChangesFocus(True)
        self.setFixedHeight(self.fontMetrics().lineSpacing() * 5 + 12)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(400)  # commit once typing pauses
        self._timer.timeout.connect(self.commit)
        self.textChanged.connect(self._timer.start)
        self.refresh()

    def lines(self) -> list[str]:
        return [line.strip()[:120] for line in self.toPlainText().splitlines() if line.strip()]

    def refresh(self) -> None:
        current = list(self.document.value(self.path))
        if self.lines() != current:
            self.blockSignals(True)
            self.setPlainText("\n".join(current))
            self.blockSignals(False)

    def commit(self) -> None:
        lines = self.lines()
        if lines == list(self.document.value(self.path)):
            return
        if not self.document.set_values(
                {self.path: lines, **_switch_to_custom(self.document)},
                "Change data sources", merge_key=self.path):
            self.refresh()


class _VerticalChoice(ChoiceField):
    def __init__(self, catalog: Catalog, *args, **kwargs):
        self.catalog = catalog
        super().__init__(*args, **kwargs)

    def extra_values(self, value):
        if value == CUSTOM_VERTICAL_ID:
            return playbook.custom_vertical_values(self.document.scenario.playbook.vertical)
        return playbook.vertical_values(self.catalog, value)


# -- the tab --------------------------------------------------------------------------------

class PlaybookTab(PlannerTab):
    """Edits ``scenario.playbook`` and shows ``core.playbook.plan`` of it, live."""

    WATCHES = ("playbook",)
    PLANNER_ID = "playbook"


    def __init__(self, document: ScenarioDocument, catalog: Catalog,
                 parent: QWidget | None = None, session: PlanSession | None = None):
        super().__init__(document, catalog, parent, session)
        self.result: PlaybookResult | None = None
        self._phase_fields: list = []
        self._phase_count = 0
        self._shown_tasks: list | None = None  # the tasks the table was last filled with
        self._shown_seed: tuple | None = None  # the reconciliation and steps shown
        self._assemble()
        self._start()

    # -- building -------------------------------------------------------------------------

    def _build_inputs_column(self) -> QWidget:
        column = QWidget()
        layout = QVBoxLayout(column)
        layout.addWidget(self._build_vertical_group())
        layout.addWidget(self._build_schedule_group())
        self.phases_box = QWidget()
        self.phases_layout = QVBoxLayout(self.phases_box)
        self.phases_layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.phases_box)
        buttons = QHBoxLayout()
        self.add_phase_button = QPushButton("Add phase")
        self.add_phase_button.setToolTip("Append a phase that starts as a copy of the last one.")
        self.add_phase_button.clicked.connect(self.add_phase)
        self.remove_phase_button = QPushButton("Remove last phase")
        self.remove_phase_button.clicked.connect(self.remove_last_phase)
        buttons.addWidget(self.add_phase_button)
        buttons.addWidget(self.remove_phase_button)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self._rebuild_phase_editors()
        return column

    def _build_vertical_group(self) -> QGroupBox:
        group, form = self._form_group("Vertical")
        d = self.document
        items = [("No specific vertical (generic phases)", GENERIC_VERTICAL_ID,
                  readable("The generic phases, costs and timeline of seed 000 §5"))]
        for vertical_id in playbook.vertical_ids(self.catalog):
            cost = playbook.seed_vertical_cost(self.catalog, vertical_id)
            items.append((f"{cost.vertical} — {usd_range(cost.cost_usd_low, cost.cost_usd_high)}",
                          vertical_id, cost.source))
        items.append(("Custom vertical", CUSTOM_VERTICAL_ID,
                      "Your own vertical: keeps what is filled in for you to edit"))
        self.vertical_field = self._track(_VerticalChoice(
            self.catalog, d, f"{VERTICAL_PATH}.vertical_id", items,
            "A catalog vertical fills the base model, CPT corpus, distillation targets, data "
            "sources and tasks, and scales the phase costs to its first-version cost (seed "
            "000 §6). Editing any of them makes the vertical custom."))
        form.addRow("Vertical", self.vertical_field)
        form.addRow("Name", self._track(TextField(d, f"{VERTICAL_PATH}.name")))
        form.addRow("Base model", self._track(TextField(
            d, f"{VERTICAL_PATH}.base_model", "Open base model for continued pre-training.")))
        cpt_path = f"{VERTICAL_PATH}.cpt_tokens"
        self.cpt_tokens_field = self._track(NumberField(
            d, cpt_path, "B tokens", (0, 5000),
            tooltip="Continued pre-training corpus (0 = not stated); seed 000 §6: ~1–2T.",
            scale=1e9, decimals=0, edit_text="Change CPT corpus",
            edit_values=lambda billions: {cpt_path: billions * 1e9, **_switch_to_custom(d)}))
        form.addRow("CPT corpus", self.cpt_tokens_field)
        form.addRow("Corpus made of", self._track(TextField(d, f"{VERTICAL_PATH}.cpt_corpus")))
        form.addRow("Distil to", self._track(TextField(
            d, f"{VERTICAL_PATH}.distill_targets", "Production models the teacher is distilled "
            "into; distillation retains 90–95% of domain performance (seed 000 §5).")))
        self.data_sources_field = self._track(DataSourcesField(
            d, "Training data sources, one per line (seed 000 §6 for the catalog verticals)."))
        form.addRow("Data sources", self.data_sources_field)
        return group

    def _build_schedule_group(self) -> QGroupBox:
        group, form = self._form_group("Schedule and refreshes")
        d = self.document
        self.start_date_field = QDateEdit()
        self.start_date_field.path = "playbook.start_date"  # what an edit must concern
        self.start_date_field.setCalendarPopup(True)
        self.start_date_field.setDisplayFormat("d MMM yyyy")
        self.start_date_field.setMinimumDate(QDate(2000, 1, 1))
        self.start_date_field.setMaximumDate(QDate(2100, 12, 31))
        self.start_date_field.setToolTip(self._tip("playbook.start_date",
                                                   "The day phase 1 starts."))
        self.start_date_field.dateChanged.connect(self._start_date_changed)
        form.addRow("Start date", self.start_date_field)
        self._refresh_start_date()  # a tab built after a file was opened shows its date
        form.addRow("Horizon", self._track(NumberField(
            d, "playbook.horizon_quarters", "quarters", (1, 40), integer=True,
            tooltip=self._tip("playbook.horizon_quarters",
                              "How far the cumulative spend runs, in quarters from the start."))))
        form.addRow("Refresh / quarter", self._track(RangeField(
            d, "playbook.ongoing_usd_per_quarter", "$", (10_000, 2_000_000), log=True,
            decimals=0, tooltip=self._tip(
                "playbook.ongoing_usd_per_quarter",
                "Ongoing cost per quarter after the first version ships: new data → retrain → "
                "distil → deploy (seed 000 §5, step 5)."))))
        return group

    def _phase_group(self, index: int) -> QGroupBox:
        phase = self.document.scenario.playbook.phases[index]
        group, form = self._form_group(f"Phase {index + 1}")
        fields = []
        name = PhaseNameField(self, index)
        form.addRow("Name", name)
        fields.append(name)
        steps = [step for step, phase_id in playbook.STEP_PHASES.items()
                 if phase_id == phase.phase_id]
        seed_note = ""
        if steps:
            rows = {r.step_id: r for r in playbook.seed_steps(self.catalog)}
            seed_note = "Published steps: " + ", ".join(f"{rows[s].steps} {rows[s].step}"
                                                   for s in steps if s in rows)
        tip = self._tip(PHASES_PATH, seed_note or "A phase of the first version.")
        prefix = f"{PHASES_PATH}.{index}"
        duration = RangeField(self.document, f"{prefix}.months", "months", (0.25, 24),
                              decimals=2, tooltip=tip)
        form.addRow("Duration", duration)
        cost = RangeField(self.document, f"{prefix}.cost_usd", "$", (10_000, 20_000_000),
                          log=True, decimals=0, tooltip=tip)
        form.addRow("Cost", cost)
        fields += [duration, cost]
        if index:
            overlap = NumberField(
                self.document, f"{prefix}.overlap_share", "% of prev.", (0, 100), scale=0.01,
                decimals=0, tooltip=self._tip(f"{PHASES_PATH}.overlap_share",
                                  "Starts while this share of the previous phase's duration "
                                  "remains (0 = after it ends)."))
            form.addRow("Overlap", overlap)
            fields.append(overlap)
        if seed_note:
            form.addRow(self._note(seed_note))
        self._phase_fields += fields
        return group

    def _rebuild_phase_editors(self) -> None:
        """Rebuild the phase controls only when the number of phases changes."""
        while self.phases_layout.count():
            widget = self.phases_layout.takeAt(0).widget()
            if widget is not None:
                widget.deleteLater()
        self._phase_fields = []
        phases = self.document.scenario.playbook.phases
        for index in range(len(phases)):
            self.phases_layout.addWidget(self._phase_group(index))
        self._phase_count = len(phases)
        self.add_phase_button.setEnabled(len(phases) < MAX_PHASES)
        self.remove_phase_button.setEnabled(len(phases) > 1)

    def _build_results(self) -> QWidget:
        panel = QWidget()
        layout = QVBoxLayout(panel)
        self.cost_card = HeadlineCard("First version cost", "Sum of the phases' costs.")
        self.time_card = HeadlineCard("Time to first version",
                                      "When the last phase ends, with the phases' overlap.")
        self.ongoing_card = HeadlineCard("Refresh per quarter",
                                         "Ongoing cost per quarter after launch.")
        self.horizon_card = HeadlineCard("Spend over horizon",
                                         "First version plus the refreshes paid by then.")
        layout.addLayout(card_row(
            (self.cost_card, self.time_card, self.ongoing_card, self.horizon_card), 2))
        self._add_warnings(layout)
        self.notes_label = self._note("")
        # Its sum of the phases changes on every cost tick: slotted, it lays the page out
        # again only when it takes another number of lines.
        layout.addWidget(TextSlot(self.notes_label))

        charts = QSplitter(Qt.Orientation.Horizontal)
        self.gantt_chart = GanttChart()
        self.spend_chart = CumulativeSpendChart()
        charts.addWidget(self.gantt_chart)
        charts.addWidget(self.spend_chart)
        charts.setSizes([540, 460])
        vertical = QSplitter(Qt.Orientation.Vertical)
        vertical.addWidget(charts)
        self.tables = QTabWidget()
        self.approach_table = self._table(["Approach", "Cost", "Time", "Domain quality",
                                           "Inference cost"])
        self.tables.addTab(self.approach_table, "Approaches")
        self.tables.addTab(self._build_tasks_page(), "Tasks")
        self.quarter_table = self._table(["Quarter", "Ends", "Spent in quarter (base)",
                                          "Cumulative, low case", "Base case", "High case"])
        self.tables.addTab(self.quarter_table, "Quarters")
        self.tables.addTab(self._build_seed_page(), "Published figures")
        self.tables.setTabToolTip(self.tables.count() - 1, readable(
            "The five build steps and their costs as seed 000 §5 gives them, and how the "
            "plan's phases reconcile with them"))
        vertical.addWidget(self.tables)
        vertical.setSizes([420, 240])
        self._keep_charts_steady(charts, self.tables)
        layout.addWidget(vertical, 1)
        return panel

    @staticmethod
    def _table(headers: list[str]) -> QTableWidget:
        return figure_table(headers, stretch={0})

    def _build_tasks_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 4, 0, 0)
        self.tasks_table = QTableWidget(0, len(TASK_COLUMNS))
        self.tasks_table.setHorizontalHeaderLabels(list(TASK_COLUMNS))
        self.tasks_table.verticalHeader().hide()
        header = self.tasks_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # Task names show whole; the seed's wording shares what is left (elided, full in the
        # cell's tooltip).
        for column in (7, 8):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.tasks_table.setToolTip(
            "Edit any cell: the vertical becomes custom. Cost ratio = current ÷ fine-tuned cost "
            "per the same unit (the published 'ROI' column for finance).")
        self.tasks_table.itemChanged.connect(self._task_edited)
        layout.addWidget(self.tasks_table)
        buttons = QHBoxLayout()
        add = QPushButton("Add task")
        add.clicked.connect(self.add_task)
        remove = QPushButton("Remove selected task")
        remove.clicked.connect(self.remove_selected_task)
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        return page

    def _build_seed_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 4, 0, 0)
        self.reconciliation_label = QLabel()
        self.reconciliation_label.setWordWrap(True)
        layout.addWidget(self.reconciliation_label)
        self.steps_table = read_only_table(["Step", "What", "Published cost", "Done in",
                                            "Note"])
        header = self.steps_table.horizontalHeader()
        # The step names are short and must show whole; description and note share the rest.
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for column in (1, 4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.steps_table, 1)
        return page

    # -- editing --------------------------------------------------------------------------

    def field(self, path: str):
        """The input widget bound to a scenario path (``playbook.phases.1.months`` for a
        phase's range)."""
        return next(f for f in self._fields + self._phase_fields if f.path == path)

    def _phases_payload(self) -> list[dict[str, Any]]:
        return [phase.model_dump(mode="python") for phase in
                self.document.scenario.playbook.phases]

    def edit_phase(self, index: int, changes: dict[str, Any], key: str,
                   text: str = "Change phase") -> bool:
        """Write changed attributes (dotted, e.g. ``months.low``) of one phase as one step."""
        payload = self._phases_payload()
        for attr, value in changes.items():
            *parents, leaf = attr.split(".")
            target = payload[index]
            for part in parents:
                target = target[part]
            target[leaf] = value
        name = payload[index]["name"]
        return self.document.set_values({PHASES_PATH: payload}, f"{text}: {name}", merge_key=key)

    def add_phase(self) -> None:
        payload = self._phases_payload()
        if len(payload) >= MAX_PHASES:
            return
        new = dict(payload[-1])
        taken = {phase["phase_id"] for phase in payload}
        number = len(payload) + 1
        while f"phase_{number}" in taken:
            number += 1
        new.update(phase_id=f"phase_{number}", name=f"Phase {number}")
        self.document.set_values({PHASES_PATH: [*payload, new]}, "Add phase", mergeable=False)

    def remove_last_phase(self) -> None:
        payload = self._phases_payload()
        if len(payload) > 1:
            self.document.set_values({PHASES_PATH: payload[:-1]}, "Remove phase",
                                     mergeable=False)

    def _start_date_changed(self, value: QDate) -> None:
        date = dt.date(value.year(), value.month(), value.day())
        if not self.document.set_values({"playbook.start_date": date}, "Change start date"):
            self._refresh_start_date()

    def _refresh_start_date(self) -> None:
        date = self.document.scenario.playbook.start_date
        shown = QDate(date.year, date.month, date.day)
        if self.start_date_field.date() == shown:
            return  # setDate repaints the edit even when the date is the same
        self.start_date_field.blockSignals(True)
        self.start_date_field.setDate(shown)
        self.start_date_field.blockSignals(False)

    def _tasks_payload(self) -> list[dict[str, Any]]:
        return [task.model_dump(mode="python")
                for task in self.document.scenario.playbook.vertical.tasks]

    def _write_tasks(self, tasks: list[dict[str, Any]], text: str) -> bool:
        values = {f"{VERTICAL_PATH}.tasks": tasks, **_switch_to_custom(self.document)}
        return self.document.set_values(values, text, mergeable=False)

    def add_task(self) -> None:
        tasks = self._tasks_payload()
        tasks.append({"task": f"Task {len(tasks) + 1}", "complexity": "", "unit": "M tokens",
                      "current_usd": None, "finetuned_usd": None, "current_text": "",
                      "finetuned_text": ""})
        if self._write_tasks(tasks, "Add task"):
            self.tables.setCurrentIndex(1)

    def remove_selected_task(self) -> None:
        row = self.tasks_table.currentRow()
        tasks = self._tasks_payload()
        if 0 <= row < len(tasks):
            del tasks[row]
            self._write_tasks(tasks, "Remove task")

    @staticmethod
    def _parse_number(text: str) -> float | None:
        cleaned = text.replace("$", "").replace(",", "").strip()
        if not cleaned or cleaned == "—":
            return None
        value = float(cleaned)
        if not math.isfinite(value) or value < 0:
            raise ValueError(text)
        return value

    def _task_edited(self, item: QTableWidgetItem) -> None:
        row, column = item.row(), item.column()
        tasks = self._tasks_payload()
        if row >= len(tasks) or column == RATIO_COLUMN:
            return
        task = tasks[row]
        text = item.text().strip()
        self._shown_tasks = None  # the cell now holds what was typed: the next fill rewrites it
        try:
            if column == 0:
                task["task"] = text
            elif column == 1:
                task["complexity"] = text
            elif column == 2:
                task["unit"] = text
            elif column in (3, 4):
                value = self._parse_number(text)
                current = dict(task["current_usd"] or {})
                current["low" if column == 3 else "high"] = value
                other = "high" if column == 3 else "low"
                if value is None:
                    task["current_usd"] = None
                else:
                    current.setdefault(other, value)
                    if current[other] is None:
                        current[other] = value
                    task["current_usd"] = {"low": min(current["low"], current["high"]),
                                           "high": max(current["low"], current["high"])}
            elif column == 5:
                task["finetuned_usd"] = self._parse_number(text)
            elif column == 7:
                task["current_text"] = text
            elif column == 8:
                task["finetuned_text"] = text
        except ValueError:
            self.document.rejected.emit(f"{VERTICAL_PATH}.tasks",
                                        f"{text!r} is not a non-negative number of dollars")
            self._fill_tasks(self.result)
            return
        if not self._write_tasks(tasks, "Edit task"):
            self._fill_tasks(self.result)

    # -- behaviour ------------------------------------------------------------------------

    def _refresh_inputs(self, paths=None) -> None:
        # Phase editors are rebuilt when phases are added or removed (or undone).
        if len(self.document.scenario.playbook.phases) != self._phase_count:
            self._rebuild_phase_editors()
            paths = None  # new editors, and the date may have come with them
        # Only the inputs the edit concerns: all ~20 phase inputs and the start date
        # refreshed on every tick of a phase's slider, the date edit (and the group box
        # under it) repainting each time.
        for field in self._phase_fields:
            if paths is None or shows_any(field, paths):
                field.refresh()
        if paths is None or shows_any(self.start_date_field, paths):
            self._refresh_start_date()
        super()._refresh_inputs(paths)



    def _show_result(self, result: PlaybookResult) -> None:
        shown = playbook_presenter.present(result, tables=False,
                                           uncertainty=self.session.uncertainty).readable()
        for key, widget in (("cost", self.cost_card), ("time", self.time_card),
                            ("ongoing", self.ongoing_card), ("horizon", self.horizon_card)):
            widget.show_card(shown.card(key))
        self._show_warnings(shown.warnings)
        self.notes_label.setText("\n".join(shown.notes))
        self.gantt_chart.update_result(result)
        self.spend_chart.update_result(result)
        self._fill_approaches(result)
        # The quarters, tasks and published figures sit on covered pages most of the time:
        # the quarters fill when their page is opened; the tasks and the seed's figures
        # change only with the vertical, not with a phase's slider.
        fill_when_shown(self.quarter_table, _fill_quarters, result)
        if result.tasks != self._shown_tasks:
            self._fill_tasks(result)
        self._fill_seed(result)

    def _fill_approaches(self, result: PlaybookResult) -> None:
        rows, bold = [], set()
        for index, row in enumerate(result.comparison):
            if row.cost_usd_low is None:
                cost = "—"
            else:
                cost = usd_range(row.cost_usd_low, row.cost_usd_high)
            rows.append([readable(row.approach), cost, row.time_text, row.domain_quality,
                         row.inference_cost])
            if row.is_plan:
                bold.add(index)
        fill_table(self.approach_table, rows, numeric_columns={1}, bold_rows=bold,
                   tooltips={(r, 0): readable(row.source)
                             for r, row in enumerate(result.comparison)})

    def _fill_tasks(self, result: PlaybookResult | None) -> None:
        rows, tips = [], {}
        for r, task in enumerate(result.tasks if result else []):
            ratio = "—"
            if task.cost_ratio_low is not None:
                ratio = (f"{_multiple(task.cost_ratio_low)}×" if math.isclose(
                    task.cost_ratio_low, task.cost_ratio_high)
                    else f"{_multiple(task.cost_ratio_low)}–{_multiple(task.cost_ratio_high)}×")
            rows.append([task.task, task.complexity, task.unit,
                         _money(task.current_usd_low), _money(task.current_usd_high),
                         _money(task.finetuned_usd), ratio, task.current_text,
                         task.finetuned_text])
            tips.update({(r, 7): task.current_text, (r, 8): task.finetuned_text,
                         (r, RATIO_COLUMN): "Computed: current ÷ fine-tuned cost"})
        self.tasks_table.blockSignals(True)
        fill_table(self.tasks_table, rows, numeric_columns=(3, 4, 5, 6), tooltips=tips,
                   locked_columns=(RATIO_COLUMN,))
        self.tasks_table.blockSignals(False)
        self._shown_tasks = result.tasks if result else []

    def _fill_seed(self, result: PlaybookResult) -> None:
        shown = (result.reconciliation, result.steps)
        if shown == self._shown_seed:
            return  # the seed's own figures: the same on every tick
        self._shown_seed = shown
        self.reconciliation_label.setText("\n".join(f"• {readable(line)}"
                                                    for line in result.reconciliation))
        rows = []
        for step in result.steps:
            cost = ("—" if step.cost_usd_low is None
                    else usd_range(step.cost_usd_low, step.cost_usd_high))
            rows.append([f"{step.steps}. {step.step}", readable(step.description), cost,
                         step.covered_by.replace("phase_", "phase ").replace("ongoing",
                                                                             "refreshes"),
                         readable(step.note)])
        fill_table(self.steps_table, rows, numeric_columns={2},
                   tooltips={(r, c): row[c] for r, row in enumerate(rows) for c in (1, 4)})


def _fill_quarters(table: QTableWidget, result: PlaybookResult) -> None:
    rows = [[f"Q{q.quarter}", f"{q.end_date:%d %b %Y}", usd(q.spent_in_quarter_usd.base),
             usd(q.cumulative_usd.low), usd(q.cumulative_usd.base),
             usd(q.cumulative_usd.high)] for q in result.quarters]
    fill_table(table, rows, numeric_columns={2, 3, 4, 5})


def _money(value: float | None) -> str:
    """A plain number the cell can be edited from (the column header says $)."""
    return "—" if value is None else f"{value:,.6g}"


def _multiple(value: float) -> str:
    """62.5 stays 62.5 (the seed prints 63); 200,000 reads 200,000."""
    return f"{value:,.0f}" if value >= 1000 else f"{value:.3g}"
