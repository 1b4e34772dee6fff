"""The Routing overspend tab: head-counts, categories, your roles and tasks on the left;
cards, charts and tables of ``core.routing.plan`` on the right."""

from __future__ import annotations

from functools import lru_cache

from econplan.core import routing, routing_presenter
from econplan.core.catalog import Catalog
from econplan.core.formatting import compact, usd
from econplan.core.provenance import readable
from econplan.core.routing import RoutingResult
from econplan.core.routing_inputs import (
    COMPLEXITIES,
    COMPLEXITY_LABELS,
    CategoryChoice,
    CustomRole,
    CustomTask,
    RoleHeadcount,
)
from econplan.desktop import theme
from econplan.desktop.anticipation import Anticipation
from econplan.desktop.cards import HeadlineCard, card_row
from econplan.desktop.document import ScenarioDocument
from econplan.desktop.plan_session import PlanSession
from econplan.desktop.planner_tab import PlannerTab
from econplan.desktop.routing_charts import (
    PriceTrajectoryChart,
    ReasoningMultiplierChart,
    RoleOverspendChart,
)
from econplan.desktop.row_table import RowTable
from econplan.desktop.tables import (
    Column,
    ListTable,
    RowTexts,
    fill_table,
    fill_when_shown,
)
from econplan.desktop.wrapped_label import WrappedLabel
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGroupBox,
    QHeaderView,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

# A tick of the largest portfolio formats ~5,000 figures, most of them the same as the
# tick before (the projected $/call do not move with the year or a head-count).
_usd = lru_cache(maxsize=32_768)(usd)
_compact = lru_cache(maxsize=4_096)(compact)

# -- result tables ----------------------------------------------------------------------


def _multiple(multiple: float | None) -> str:
    return f"{multiple:.1f}×" if multiple else "—"


_role_rows = RowTexts(lambda r: (
    r.label, f"{r.headcount:,}", _usd(r.optimal_per_worker_usd),
    _usd(r.all_large_per_worker_usd), _usd(r.optimal_daily_usd), _usd(r.all_large_daily_usd),
    _multiple(r.overspend_multiple), readable(r.basis)))
_task_rows = RowTexts(lambda t: (
    t.name, readable(t.origin), t.routed_category, _compact(t.tokens),
    _usd(t.routed_usd_per_call), _usd(t.all_large_usd_per_call),
    "—" if t.calls_per_worker_per_day is None else f"{t.calls_per_worker_per_day:g}",
    *[_usd(t.projection_routed[y]) for y in routing.YEARS]))
_reasoning_rows = RowTexts(lambda r: (
    r.name, f"{r.gain_pct:g}", f"{r.cost_multiple:g}", f"{r.rm:.3g}", r.verdict,
    "" if r.seed_rm is None else f"{r.seed_rm:g}", r.seed_verdict or ""))


def _fill_roles(table: RowTable, result: RoutingResult) -> None:
    total = ("Total", "", "", "", _usd(result.optimal_daily_usd),
             _usd(result.all_large_daily_usd), _multiple(result.overspend_multiple),
             "sum of the roles")
    fill_table(table, [*_role_rows(result.roles), total], numeric_columns=range(1, 7))


def _fill_tasks(table: RowTable, result: RoutingResult) -> None:
    fill_table(table, _task_rows(result.tasks),
               numeric_columns=range(3, 7 + len(routing.YEARS)))


def _fill_reasoning(table: RowTable, result: RoutingResult) -> None:
    fill_table(table, _reasoning_rows(result.reasoning), numeric_columns=(1, 2, 3, 5))


# -- the tab ----------------------------------------------------------------------------


class RoutingTab(PlannerTab):
    """Edits ``scenario.routing`` and shows ``core.routing.plan`` of it, live."""

    WATCHES = ("routing",)
    PLANNER_ID = "routing"

    def __init__(self, document: ScenarioDocument, catalog: Catalog,
                 parent: QWidget | None = None, session: PlanSession | None = None):
        super().__init__(document, catalog, parent, session)
        self.result: RoutingResult | None = None
        self._roles = {row["role_id"]: row for row in routing.catalog_roles(catalog)}
        self._assemble()
        # A year shown for the first time plans and formats the largest portfolio's ~1,300
        # role figures: the years either side are made ready while the user pauses.
        self._years_ahead = Anticipation(self, self.session, "routing", "routing.year",
                                         routing.YEARS, self._prepare_rows)
        self._start()

    # -- building -------------------------------------------------------------------------

    def _table_group(self, title: str, table: ListTable, note: str = "") -> QGroupBox:
        group = QGroupBox(title)
        layout = QVBoxLayout(group)
        if note:
            layout.addWidget(self._note(note))
        layout.addWidget(self._track(table))
        return group

    def _build_inputs_column(self) -> QWidget:
        column = QWidget()
        layout = QVBoxLayout(column)
        layout.addWidget(self._build_year_group())
        layout.addWidget(self._build_bar_group())
        layout.addWidget(self._build_categories())
        layout.addWidget(self._build_headcount())
        layout.addWidget(self._build_custom_roles())
        layout.addWidget(self._build_custom_tasks())
        layout.addStretch(1)
        # The editable tables would otherwise shrink until their columns clip.
        column.setMinimumWidth(450)
        return column

    def _build_year_group(self) -> QGroupBox:
        group, form = self._form_group("Year and working days")
        self.year_field = self._number(
            "routing.year", "", (2024, 2030),
            "Prices follow the published trajectory 2024–2030 ($/M input); role costs scale "
            "with it (all-large: the Large trajectory; routed: the published per-worker "
            "projection $0.35 → $0.025/day).", integer=True)
        self.year_field.spin.setGroupSeparatorShown(False)  # 2025, not 2,025
        form.addRow("Price year", self.year_field)
        form.addRow("Working days", self._number(
            "routing.workdays_per_year", "days/year", (200, 366),
            "Turns the published per-day costs into annual costs.", decimals=0))
        return group

    def _build_bar_group(self) -> QGroupBox:
        group, form = self._form_group("Quality bar by task complexity (MMLU-equivalent)")
        notes = {
            "simple": "§8: simple tasks → Commercial Small (82–87%).",
            "medium": "§7 top-10: code generation (Medium) → Large Commercial (88–92%); "
                      "§8 says Open-Source — the document disagrees with itself.",
            "hard": "§8: hard tasks → Commercial Large / Reasoning.",
            "frontier": "Reasoning models (94–96%) are 'essential for RM>5 tasks' (§4).",
        }
        for complexity in COMPLEXITIES:
            form.addRow(COMPLEXITY_LABELS[complexity], self._number(
                f"routing.quality_bar.{complexity}", "%", (50, 96),
                f"Minimum quality a general model needs for {complexity} tasks. "
                + notes[complexity], scale=0.01, decimals=1))
        return group

    def _build_categories(self) -> QGroupBox:
        def label(row: dict) -> str:
            return routing.category_label(self.catalog, row["category_id"])

        # Looked up once: a refresh must not filter the catalog once per category.
        seeds = {seed["category_id"]: seed for seed in
                 self.catalog.table("model_categories").iter_rows(named=True)}

        def seed_figures(row: dict) -> str:
            seed = seeds.get(row["category_id"])
            if seed is None:
                return ""
            return readable(
                f"seed 000 §4: ${seed['usd_per_mtok_low']:g}–{seed['usd_per_mtok_high']:g}"
                f" per M tokens; {seed['key_models']}; MMLU {seed['mmlu_text']}; "
                f"{seed['intelligence_yield_text']}")

        self.categories_table = ListTable(
            self.document, "routing.categories",
            [Column("category_id", "Category", "label", display=label,
                    tooltip=readable("The seven model categories (seed 000 §4)"),
                    cell_tooltip=seed_figures),
             Column("enabled", "Use", "bool", tooltip="Route tasks to this category"),
             Column("usd_per_mtok", "$/M 2025", "number",
                    tooltip="Price point in 2025 ($ per million tokens); other years follow "
                            "the trajectory"),
             Column("quality", "MMLU %", "number", scale=0.01, none_text="narrow",
                    editable=lambda row: row.get("quality") is not None,
                    tooltip="Quality a general model reaches; Fine-Tuned and Specialist have "
                            "no MMLU figure and serve narrow tasks only")],
            CategoryChoice, noun="category",
            tooltip=self._tip("routing.categories", "The seven model categories (seed 000 §4)."))
        return self._table_group(
            "Model categories", self.categories_table,
            "Each task goes to the cheapest category in use that meets its quality bar; "
            "Fine-Tuned and Specialist serve only tasks marked narrow.")

    def _build_headcount(self) -> QGroupBox:
        def label(row: dict) -> str:
            seed = self._roles.get(row["role_id"])
            return routing.role_label(seed) if seed else row["role_id"]

        def seed_cost(row: dict) -> str:
            seed = self._roles.get(row["role_id"])
            return (f"${seed['optimal_usd_per_day']:g} / ${seed['all_large_usd_per_day']:g}"
                    if seed else "")

        self.headcount_table = ListTable(
            self.document, "routing.headcount",
            [Column("role_id", "Role", "label", display=label,
                    tooltip=readable("The roles of seed 000 §7")),
             Column("headcount", "Head-count", "int"),
             Column("seed", "Published $/day", "label", display=seed_cost,
                    tooltip=readable("seed 000 §7: routed / all-large $ per worker per day "
                                     "(2025)"))],
            RoleHeadcount, noun="role",
            tooltip=self._tip("routing.headcount", "Workers in each published role."))
        return self._table_group("Head-count by role", self.headcount_table)

    def _build_custom_roles(self) -> QGroupBox:
        def new_role() -> dict:
            names = {r.name for r in self.document.scenario.routing.custom_roles}
            number = len(names) + 1
            while f"New role {number}" in names:
                number += 1
            return {"name": f"New role {number}", "headcount": 1}

        self.roles_table = ListTable(
            self.document, "routing.custom_roles",
            [Column("name", "Role", "text"), Column("headcount", "Head-count", "int")],
            CustomRole, new_row=new_role, noun="role",
            tooltip="Roles the source does not list; each costs the sum of the tasks that name "
                    "it.")
        return self._table_group(
            "Your roles", self.roles_table,
            "A role's cost is the sum of the tasks below that name it in their Role column.")

    def _build_custom_tasks(self) -> QGroupBox:
        def new_task() -> dict:
            return {"name": f"New task {len(self.document.scenario.routing.custom_tasks) + 1}",
                    "role": "", "calls_per_worker_per_day": 10.0, "input_tokens": 500.0,
                    "output_tokens": 200.0, "complexity": "simple", "narrow": False,
                    "reasoning_gain_pct": 0.0, "reasoning_cost_multiple": 1.0}

        self.tasks_table = ListTable(
            self.document, "routing.custom_tasks",
            [Column("name", "Task", "text"),
             Column("role", "Role", "text",
                    tooltip="A role from 'Your roles' or a published role as shown, e.g. "
                            "“Finance (Analyst)”; empty = counted in no role"),
             Column("calls_per_worker_per_day", "Calls/worker/day", "number"),
             Column("input_tokens", "In tokens", "number"),
             Column("output_tokens", "Out tokens", "number"),
             Column("complexity", "Complexity", "choice",
                    choices=[(COMPLEXITY_LABELS[c], c) for c in COMPLEXITIES]),
             Column("narrow", "Narrow", "bool",
                    tooltip="A narrow task a fine-tuned model can serve (classification, "
                            "extraction, triage…)"),
             Column("reasoning_gain_pct", "Reasoning gain %", "number",
                    tooltip=readable("Quality gain of a reasoning model over instruct, in % "
                                     "points (seed 000 §7)")),
             Column("reasoning_cost_multiple", "Cost ×", "number",
                    tooltip="Cost multiple of the reasoning model over instruct")],
            CustomTask, new_row=new_task, noun="task",
            tooltip="Tasks of your own portfolio; calls are priced at the routed category's "
                    "$/M for every token, as the source prices its tasks.")
        return self._table_group("Your tasks", self.tasks_table)

    def _build_results(self) -> QWidget:
        panel = QWidget()
        layout = QVBoxLayout(panel)
        self.large_card = HeadlineCard("All-large cost / year",
                                       "Every call on a Commercial Large model.")
        self.routed_card = HeadlineCard("Routed cost / year",
                                        "Each task on the cheapest category meeting its bar.")
        self.overspend_card = HeadlineCard("Overspend", "All-large ÷ routed, per year.")
        self.mix_card = HeadlineCard("Routing mix", "Share of calls per category (tasks with "
                                     "a daily volume).")
        layout.addLayout(card_row(
            (self.large_card, self.routed_card, self.overspend_card, self.mix_card)))

        # Its text holds still across ticks, but every relayout of the page (a card's new
        # figure) asked it for its wrapped height afresh: it remembers its answers.
        self.note_label = WrappedLabel()
        theme.set_role(self.note_label, "noteBox")
        layout.addWidget(self.note_label)
        self._add_warnings(layout)

        self.role_chart = RoleOverspendChart()
        self.trajectory_chart = PriceTrajectoryChart()
        self.rm_chart = ReasoningMultiplierChart()
        side = QSplitter(Qt.Orientation.Vertical)
        side.addWidget(self.trajectory_chart)
        side.addWidget(self.rm_chart)
        charts = QSplitter(Qt.Orientation.Horizontal)
        charts.addWidget(self.role_chart)
        charts.addWidget(side)
        charts.setSizes([470, 530])

        self.result_tabs = QTabWidget()
        self.roles_result = self._result_table(
            ["Role", "Head-count", "Routed $/worker/day", "All-large $/worker/day",
             "Routed $/day", "All-large $/day", "Overspend", "Basis"])
        self.tasks_result = self._result_table(
            ["Task", "Origin", "Routed to", "Tokens", "Routed $/call", "All-large $/call",
             "Calls/worker/day", *[str(y) for y in routing.YEARS]])
        self.rm_result = self._result_table(
            ["Task", "Gain %", "Cost ×", "RM", "Verdict", "Published RM", "Published verdict"])
        self.result_tabs.addTab(self.roles_result, "Roles")
        self.result_tabs.addTab(self.tasks_result, "Tasks and projected $/call")
        self.result_tabs.addTab(self.rm_result, "Reasoning multiplier")
        # Below the charts, a few rows of the 14 roles at least (the page scrolls to them).
        rows = self.roles_result.verticalHeader().defaultSectionSize()
        self.result_tabs.setMinimumHeight(4 * rows + 2 * self.result_tabs.tabBar().sizeHint()
                                          .height() + 12)

        vertical = QSplitter(Qt.Orientation.Vertical)
        vertical.addWidget(charts)
        vertical.addWidget(self.result_tabs)
        vertical.setSizes([470, 200])
        self._keep_charts_steady(charts, self.result_tabs)
        layout.addWidget(vertical, 1)
        return panel

    def _result_table(self, headers: list[str]) -> RowTable:
        # Hundreds of rows at the largest portfolio, most of a year tick's cells changed:
        # a model the view asks for the cells it paints, not an item per cell to rewrite.
        table = RowTable(headers)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        # A year drag changes their figures, and a column narrows only once it stops (a
        # new width repainted the table).
        table.fit_columns_itself(narrow_when_quiet=True)
        return table

    # -- behaviour ------------------------------------------------------------------------

    def _show_result(self, result: RoutingResult) -> None:
        shown = routing_presenter.present(result, tables=False,
                                          uncertainty=self.session.uncertainty).readable()
        for key, widget in (("all_large", self.large_card), ("routed", self.routed_card),
                            ("overspend", self.overspend_card), ("mix", self.mix_card)):
            widget.show_card(shown.card(key))
        # The planner's notes and the verdict rule; the per-role bases are in the role table.
        self.note_label.setText("\n".join(shown.notes[1:]))
        self._show_warnings(shown.warnings)
        self.role_chart.update_result(result)
        self.trajectory_chart.update_result(result)
        self.rm_chart.update_result(result)
        fill_when_shown(self.roles_result, _fill_roles, result)
        fill_when_shown(self.tasks_result, _fill_tasks, result)
        fill_when_shown(self.rm_result, _fill_reasoning, result)
        self._years_ahead.shown(result.year)

    def _prepare_rows(self, result: RoutingResult) -> None:
        """The texts of another year's rows, made now for when that year is shown."""
        _role_rows(result.roles)
        if self.result_tabs.currentWidget() is self.tasks_result:
            _task_rows(result.tasks)
