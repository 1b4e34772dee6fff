"""The Self-host break-even tab: workload, API, fine-tuned model, costs and constraints on
the left; the recommendation, cards and charts of ``core.breakeven.plan`` on the right."""

from __future__ import annotations

from econplan.core import breakeven, breakeven_presenter
from econplan.core.breakeven import BreakevenResult
from econplan.core.breakeven_serving import warm_calibration
from econplan.core.catalog import Catalog
from econplan.core.formatting import compact, usd
from econplan.core.price_overrides import picker_text
from econplan.core.provenance import cite, readable
from econplan.desktop import heap, theme
from econplan.desktop.breakeven_charts import (
    CumulativeCostChart,
    VolumeCostChart,
    cache_still_parts,
)
from econplan.desktop.cards import HeadlineCard, card_row
from econplan.desktop.disagreement_views import DisagreementNote, with_disagreements
from econplan.desktop.document import ScenarioDocument
from econplan.desktop.fields import CheckField, ChoiceField
from econplan.desktop.plan_session import PlanSession
from econplan.desktop.planner_tab import PlannerTab
from econplan.desktop.serving_panel import ServingPanel, add_capacity_inputs
from econplan.desktop.tables import figure_table, fill_table
from econplan.desktop.uncertainty_charts import DistributionChart, with_distribution_page
from econplan.desktop.whatif_panel import WhatIfPanel
from econplan.desktop.wrapped_label import TextSlot, WrappedLabel
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QLabel,
    QSplitter,
    QVBoxLayout,
    QWidget,
)


class _ApiModelField(ChoiceField):
    """Choosing a catalog API model also sets its input and output prices."""

    def __init__(self, catalog: Catalog, *args, **kwargs):
        self.catalog = catalog
        super().__init__(*args, **kwargs)

    def extra_values(self, value):
        row = breakeven.api_price_rows(self.catalog).get(value)
        if row is None:
            return {}
        return {"breakeven.api.usd_per_mtok_input": row["usd_per_mtok_input"],
                "breakeven.api.usd_per_mtok_output": row["usd_per_mtok_output"],
                "breakeven.api.pricing": "per_token"}


class _GpuField(ChoiceField):
    """Choosing a GPU also sets its catalog cloud price (low end), where there is one."""

    def __init__(self, catalog: Catalog, *args, **kwargs):
        self.catalog = catalog
        super().__init__(*args, **kwargs)

    def extra_values(self, value):
        if not value:
            return {}
        row = self.catalog.row("gpus", "gpu_id", value)
        price = row["cloud_usd_per_hour_low"]
        return {} if price is None else {"breakeven.selfhost.usd_per_gpu_hour": price}


class _HumanCheck(CheckField):
    """Switching the human process off also stops comparing against it (one undo step)."""

    def _toggled(self, checked: bool) -> None:
        values = {self.path: checked}
        if not checked:
            values["breakeven.compare_against"] = "api"
        verb = "Include" if checked else "Exclude"
        if not self.document.set_values(values, f"{verb} the human process", mergeable=False):
            self.refresh()


class _CompareField(ChoiceField):
    def extra_values(self, value):
        return {"breakeven.human.enabled": True} if value == "human" else {}


class BreakevenTab(PlannerTab):
    """Edits ``scenario.breakeven`` and shows ``core.breakeven.plan`` of it, live."""

    # Training edits matter too when the fine-tuning cost is linked to the plan.
    WATCHES = ("breakeven", "training")
    PLANNER_ID = "breakeven"

    def __init__(self, document: ScenarioDocument, catalog: Catalog,
                 parent: QWidget | None = None, session: PlanSession | None = None):
        super().__init__(document, catalog, parent, session)
        self.result: BreakevenResult | None = None
        self._days = breakeven.days_per_month(catalog)
        heap.start_thread(warm_calibration, catalog, name="serving-calibration")
        self._assemble()
        self._start()

    # -- building -------------------------------------------------------------------------

    def _build_inputs_column(self) -> QWidget:
        column = QWidget()
        layout = QVBoxLayout(column)
        for group in (self._build_volume_group(), self._build_api_group(),
                      self._build_model_group(), self._build_one_off_group(),
                      self._build_monthly_group(), self._build_human_group(),
                      self._build_constraints_group()):
            layout.addWidget(group)
        layout.addStretch(1)
        return column

    def _build_volume_group(self) -> QGroupBox:
        group, form = self._form_group("Workload")
        path = "breakeven.queries_per_month"
        self.unit_field = self._track(ChoiceField(
            self.document, "breakeven.volume_unit",
            [("Queries per day", "day", ""), ("Queries per month", "month", "")],
            f"Show the volume per day or per month (a month is {self._days:g} days)."))
        form.addRow("Volume in", self.unit_field)
        self.per_month_row = self._number(
            path, "/month", (1_000, 1e9), "Queries a month. Seed 004 tiers: under 100,000 API "
            "wins; 100,000–500,000 tightens; over 500,000 self-hosting dominates.",
            log=True, decimals=0)
        self.per_day_row = self._number(
            path, "/day", (30, 3e7), f"Queries a day (× {self._days:g} days a month).",
            log=True, decimals=0, scale=self._days)
        form.addRow("Queries", self.per_month_row)
        form.addRow("Queries", self.per_day_row)
        form.addRow("Input tokens", self._number(
            "breakeven.input_tokens", "/query", (10, 100_000), "Prompt tokens per query.",
            log=True, decimals=0))
        form.addRow("Output tokens", self._number(
            "breakeven.output_tokens", "/query", (10, 20_000), "Response tokens per query.",
            log=True, decimals=0))
        self._volume_form = form
        return group

    def _build_api_group(self) -> QGroupBox:
        group, form = self._form_group("API (today)")
        items = [("Typed in", "", "Prices entered by hand")]
        for row in breakeven.api_price_rows(self.catalog).values():
            provider = f"{row['provider']} " if row["provider"] else ""
            text = (f"{provider}{row['model']} — ${row['usd_per_mtok_input']:g} / "
                    f"${row['usd_per_mtok_output']:g}")
            items.append((picker_text(text, row), row["price_id"],
                          with_disagreements(self.catalog, "api_prices", row["price_id"],
                                             cite(row))))
        self.api_field = self._track(_ApiModelField(
            self.catalog, self.document, "breakeven.api.price_id", items,
            self._tip("breakeven.api.price_id",
                      "API model from the catalog; choosing one sets its prices.")))
        form.addRow("Model", self.api_field)
        self.api_disagreement = DisagreementNote(self.catalog, "api_prices")
        form.addRow(self.api_disagreement)
        self.pricing_field = self._track(ChoiceField(
            self.document, "breakeven.api.pricing",
            [("Per token", "per_token", ""), ("Per query", "per_query", "")],
            "Price by tokens × $/M, or enter a price per query (the seeds often quote one)."))
        form.addRow("Pricing", self.pricing_field)
        self.input_price_row = self._number(
            "breakeven.api.usd_per_mtok_input", "$/M in", (0.01, 100), "Input price.",
            log=True, decimals=3)
        self.output_price_row = self._number(
            "breakeven.api.usd_per_mtok_output", "$/M out", (0.01, 200), "Output price.",
            log=True, decimals=3)
        self.query_price_row = self._number(
            "breakeven.api.usd_per_query", "$/query", (1e-5, 1), "Price per query.",
            log=True, decimals=6)
        form.addRow("Input price", self.input_price_row)
        form.addRow("Output price", self.output_price_row)
        form.addRow("Query price", self.query_price_row)
        self.cached_row = self._number(
            "breakeven.api.cached_input_share", "% cached", (0, 100),
            "Share of input tokens served from the prompt cache, priced at the catalog's "
            "cached price or, where it has none, 10% of input (seed 002 convention).",
            scale=0.01, decimals=0)
        form.addRow("Cached input", self.cached_row)
        form.addRow("Sent by batch", self._number(
            "breakeven.api.batch_share", "% of queries", (0, 100),
            "Share of queries sent through the Batch API at 50% of the price (seed 002 "
            "convention, unless the catalog has the model's batch price).",
            scale=0.01, decimals=0))
        form.addRow("Failure rate", self._number(
            "breakeven.api.failure_rate", "%", (0, 60),
            "Share of API answers that fail (seed 003: GPT-4o-mini 40%, GPT-4o 5% on a strict "
            "JSON format).", scale=0.01, decimals=1))
        self._api_form = form
        return group

    def _build_model_group(self) -> QGroupBox:
        group, form = self._form_group("Fine-tuned model")
        self.serving_field = self._track(ChoiceField(
            self.document, "breakeven.selfhost.serving",
            [("Own GPUs (self-hosted)", "gpu", ""),
             ("Vendor-hosted fine-tune, per query", "hosted", "")],
            "Serve the fine-tuned model on rented GPUs, or use a vendor's hosted fine-tuning "
            "priced per query (seed 002: operationally easy; self-hosting is cheaper at scale)."))
        form.addRow("Serving", self.serving_field)
        self.throughput_picker = self._build_throughput_picker()
        form.addRow("Start from", self.throughput_picker)
        gpu_items = [("Typed in", "", "Price entered by hand")]
        for row in self.catalog.table("gpus").iter_rows(named=True):
            price = row["cloud_usd_per_hour_low"]
            text = f"{row['name']} — ${price:g}/h" if price is not None else row["name"]
            gpu_items.append((picker_text(text, row), row["gpu_id"], with_disagreements(
                self.catalog, "gpus", row["gpu_id"], cite(row), used_table="gpu_specs")))
        self.gpu_field = self._track(_GpuField(
            self.catalog, self.document, "breakeven.selfhost.gpu_id", gpu_items,
            self._tip("breakeven.selfhost.gpu_id",
                      "GPU from the catalog; choosing one sets its cloud price (low end).")))
        self.gpu_row = self.gpu_field
        form.addRow("GPU", self.gpu_field)
        self.gpu_price_row = self._number(
            "breakeven.selfhost.usd_per_gpu_hour", "$/GPU-h", (0.1, 10),
            "Rental price per GPU-hour; a month is 730 hours.", decimals=3)
        form.addRow("GPU price", self.gpu_price_row)
        self.capacity_inputs = add_capacity_inputs(self, form)
        self.qps_row = self._number(
            "breakeven.selfhost.queries_per_second_per_replica", "queries/s", (0.5, 1000),
            "Serving capacity of one replica; e.g. vLLM 8B on an H100 ~16,200 tok/s ÷ output "
            "tokens (seed 000 §3); seed 003: A100 ~50 QPS for a 7B.", log=True, decimals=1)
        form.addRow("Throughput", self.qps_row)
        self.utilisation_row = self._number(
            "breakeven.selfhost.utilisation", "% load", (5, 100),
            "Average load planned per replica (head-room for peaks).", scale=0.01, decimals=0)
        form.addRow("Utilisation", self.utilisation_row)
        self.spare_row = self._number(
            "breakeven.selfhost.spare_replicas", "replicas", (0, 8),
            "Extra replicas for the uptime target (seed 003: 99.9% uptime needs redundancy).",
            integer=True)
        form.addRow("Spare replicas", self.spare_row)
        self.hosted_row = self._number(
            "breakeven.selfhost.hosted_usd_per_query", "$/query", (1e-6, 0.1),
            "Price per query of the vendor-hosted fine-tuned model.", log=True, decimals=6)
        form.addRow("Hosted price", self.hosted_row)
        form.addRow("Traffic share", self._number(
            "breakeven.selfhost.traffic_share", "% of queries", (10, 100),
            "Share of queries the fine-tuned model serves; the rest stays on the API (seed 002 "
            "autocomplete: ~80% easy cases).", scale=0.01, decimals=0))
        form.addRow("Failure rate", self._number(
            "breakeven.selfhost.failure_rate", "%", (0, 60),
            "Share of the fine-tuned model's answers that fail (seed 003: fine-tuned 7B 3%).",
            scale=0.01, decimals=1))
        self._model_form = form
        return group

    def _build_throughput_picker(self) -> QComboBox:
        picker = QComboBox()
        picker.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        picker.setMinimumContentsLength(18)
        picker.addItem("A measured serving setup…", None)
        for row in self.catalog.table("inference_throughput").iter_rows(named=True):
            gpu = self.catalog.row("gpus", "gpu_id", row["gpu_id"])
            picker.addItem(f"{row['model']} on {gpu['name']} — {row['tokens_per_s']:,.0f} tok/s",
                           row["throughput_id"])
            picker.setItemData(picker.count() - 1, cite(row),
                               Qt.ItemDataRole.ToolTipRole)
        picker.setToolTip(readable("Set GPU, price and throughput (tok/s ÷ output tokens) from "
                                   "a measured vLLM setup (seed 000 §3). Undo restores your "
                                   "values."))
        picker.activated.connect(self._apply_throughput)
        return picker

    def _apply_throughput(self, index: int) -> None:
        throughput_id = self.throughput_picker.itemData(index)
        if throughput_id is None:
            return
        row = self.catalog.row("inference_throughput", "throughput_id", throughput_id)
        inputs = self.document.scenario.breakeven
        values = {"breakeven.selfhost.serving": "gpu",
                  "breakeven.selfhost.gpu_id": row["gpu_id"],
                  "breakeven.selfhost.queries_per_second_per_replica":
                      row["tokens_per_s"] / max(inputs.output_tokens, 1.0)}
        price = self.catalog.row("gpus", "gpu_id", row["gpu_id"])["cloud_usd_per_hour_low"]
        if price is not None:
            values["breakeven.selfhost.usd_per_gpu_hour"] = price
        self.document.set_values(values, f"Use {self.throughput_picker.itemText(index)}",
                                 mergeable=False)
        self.throughput_picker.setCurrentIndex(0)

    def _build_one_off_group(self) -> QGroupBox:
        group, form = self._form_group("One-off costs")
        self.source_field = self._track(ChoiceField(
            self.document, "breakeven.one_off.finetune_source",
            [("Entered here", "manual", ""),
             ("From the Training budget tab", "training_plan",
              "The Training budget plan's one-off total (compute + people-hours)")],
            "Take the fine-tuning cost from the Training budget tab (one scenario, no copying)."))
        form.addRow("Fine-tuning cost", self.source_field)
        self.finetune_row = self._number(
            "breakeven.one_off.finetune_usd", "$", (10, 100_000),
            "Fine-tuning runs, including iterations; retraining repeats it.", log=True,
            decimals=0)
        form.addRow("Fine-tuning", self.finetune_row)
        self.linked_label = WrappedLabel()
        form.addRow("Linked", self.linked_label)
        form.addRow("Setup", self._number(
            "breakeven.one_off.setup_hours", "hours", (0, 200),
            "Infrastructure setup (seed 003: 10 hours).", decimals=0))
        form.addRow("Data preparation", self._number(
            "breakeven.one_off.data_prep_hours", "hours", (0, 500),
            "Data preparation and development (seed 003: 40 hours; ROI framework $20,000).",
            decimals=0))
        form.addRow("Hourly rate", self._number(
            "breakeven.one_off.hourly_rate_usd", "$/hour", (10, 500),
            "Loaded cost of an engineer-hour (also prices maintenance and MLOps).",
            decimals=0))
        self._one_off_form = form
        return group

    def _build_monthly_group(self) -> QGroupBox:
        group, form = self._form_group("Monthly costs and time")
        form.addRow("Maintenance", self._number(
            "breakeven.monthly.maintenance_hours", "h/month", (0, 60),
            "Ongoing maintenance, incidents, updates (seed 003: budget 5–10 h monthly).",
            decimals=1))
        form.addRow("ML engineers", self._number(
            "breakeven.monthly.ml_engineers", "per model", (0, 3),
            "Seed 002: budget 0.5–1 ML engineer per fine-tuned model in production (eval, "
            "drift monitoring, retraining, A/B tests).", decimals=2))
        form.addRow("Engineer-month", self._number(
            "breakeven.monthly.hours_per_engineer_month", "hours", (80, 200),
            "Hours in a full-time engineer-month, priced at the hourly rate.", decimals=0))
        form.addRow("Human oversight", self._number(
            "breakeven.monthly.oversight_usd", "$/month", (0, 20_000),
            "Review of the model's output (seed 003 ROI framework: $5,000/month).", decimals=0))
        form.addRow("Retrain after", self._number(
            "breakeven.months_until_retrain", "months", (1, 36),
            "Months until the next retrain (new base model): the window the investment must "
            "pay back in (seed 002: 9 months).", decimals=1))
        form.addRow("API price decline", self._number(
            "breakeven.api_price_decline_per_year", "%/year", (0, 90),
            "Yearly fall of API prices (seed 000 §7: 40–50% per year).", scale=0.01,
            decimals=0))
        form.addRow("Cost per failure", self._number(
            "breakeven.cost_per_failure_usd", "$", (0, 100),
            "What one failed answer costs (rework, escalation).", decimals=2))
        return group

    def _build_human_group(self) -> QGroupBox:
        group, form = self._form_group("Human process (optional)")
        self.human_check = self._track(_HumanCheck(
            self.document, "breakeven.human.enabled", "The model replaces a human process",
            self._tip("breakeven.human", "Seed 003 ROI framework: current cost = hours per "
                      "task × rate × tasks a month (one task per query).")))
        form.addRow(self.human_check)
        self.hours_row = self._number(
            "breakeven.human.hours_per_task", "h/task", (0.01, 8), "Human time per task.",
            log=True, decimals=3)
        form.addRow("Time per task", self.hours_row)
        self.rate_row = self._number(
            "breakeven.human.hourly_rate_usd", "$/hour", (10, 300), "Human hourly cost.",
            decimals=0)
        form.addRow("Hourly rate", self.rate_row)
        self.compare_field = self._track(_CompareField(
            self.document, "breakeven.compare_against",
            [("The API", "api", ""), ("The human process", "human", "")],
            "Savings, payback and ROI are measured against this."))
        form.addRow("Savings against", self.compare_field)
        return group

    def _build_constraints_group(self) -> QGroupBox:
        group, form = self._form_group("Constraints that change the answer")
        form.addRow(self._check("breakeven.constraints.data_on_premises",
                                "Data may not leave the premises",
                                "Seed 003: API models are eliminated by policy; self-hosting "
                                "is required regardless of cost."))
        form.addRow(self._check("breakeven.constraints.no_capable_api",
                                "No commercial model can do the task",
                                "Seed 003 (unique capability): no commercial model meets the "
                                "task's quality bar, so the API is not an option whatever it "
                                "costs."))
        form.addRow(self._check("breakeven.constraints.latency_target", "Latency target",
                                "Seed 002: sub-300 ms needs are met by small fine-tuned "
                                "models, not frontier; seed 003: API 500–2,000 ms, "
                                "self-hosted 7B 50–150 ms."))
        self.latency_row = self._number(
            "breakeven.constraints.latency_target_ms", "ms", (20, 3000),
            "Response-time requirement.", log=True, decimals=0)
        form.addRow("Target", self.latency_row)
        form.addRow(self._check("breakeven.constraints.no_ml_capacity", "No ML/SRE capacity",
                                "Seed 002: hosted fine-tuning is operationally easy; "
                                "self-hosting needs ML/SRE capacity."))
        form.addRow(self._check("breakeven.constraints.vendor_portability",
                                "Vendor portability matters",
                                "Seed 002: a fine-tune on vendor X is not usable on vendor Y; "
                                "switching is a full retraining."))
        return group

    def _build_results(self) -> QWidget:
        panel = QWidget()
        layout = QVBoxLayout(panel)
        self.savings_card = HeadlineCard("Monthly savings",
                                         "Baseline monthly cost − fine-tuned monthly cost.")
        self.breakeven_card = HeadlineCard(
            "Break-even volume", "Fixed costs / (baseline − fine-tuned cost per query); fixed "
            "costs include the one-off spread over the months to the retrain.")
        self.payback_card = HeadlineCard("Payback", "Investment / monthly savings.")
        self.roi_card = HeadlineCard("First-year ROI",
                                     "(First-year savings − investment) / investment.")
        layout.addLayout(card_row(
            (self.savings_card, self.breakeven_card, self.payback_card, self.roi_card)))

        box = QWidget()
        box.setObjectName("recommendation")
        theme.styled(box)
        # Colours and sizes from desktop/theme.py's style sheet (light, dark, zoom).
        box.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        box_layout = QVBoxLayout(box)
        box_layout.setContentsMargins(12, 8, 12, 8)
        self.recommendation_label = QLabel()
        self.recommendation_label.setProperty("role", "recommendationHeadline")
        self.reasons_label = WrappedLabel()
        self.tier_label = WrappedLabel()
        self.tier_label.setProperty("role", "cardDetail")
        # The reasons and the tier change their figures on every tick: slotted, they lay
        # the page out again only when they take another number of lines.
        for widget in (self.recommendation_label, TextSlot(self.reasons_label),
                       TextSlot(self.tier_label)):
            box_layout.addWidget(widget)
        layout.addWidget(box)

        self._add_warnings(layout)

        charts = QSplitter(Qt.Orientation.Horizontal)
        self.cumulative_chart = CumulativeCostChart()
        self.volume_chart = VolumeCostChart()
        for chart in (self.cumulative_chart, self.volume_chart):
            cache_still_parts(chart)
            charts.addWidget(chart)
        vertical = QSplitter(Qt.Orientation.Vertical)
        vertical.addWidget(charts)
        self.lines_table = figure_table(["Line", "US dollars", "Basis"], stretch={2})
        # Cost lines, the payback's distribution, and the serving derivation and its
        # calibration, as pages.
        self.distribution_chart = DistributionChart("breakeven.payback_months", "Payback",
                                                    "months")
        self.detail_pages = with_distribution_page(self.lines_table, self.distribution_chart,
                                                   "Cost lines")
        self.serving_panel = ServingPanel()
        self.serving_panel.add_pages(self.detail_pages)
        vertical.addWidget(self.detail_pages)
        vertical.setSizes([420, 220])
        self._keep_charts_steady(charts, self.detail_pages)
        layout.addWidget(vertical, 1)
        return panel

    def _build_sensitivity_extra(self) -> QWidget:
        self.whatif_panel = WhatIfPanel(self)  # the seed's what-ifs beside the tornado
        return self.whatif_panel

    # -- behaviour ------------------------------------------------------------------------

    def _update_visibility(self) -> None:
        inputs = self.document.scenario.breakeven
        per_token = inputs.api.pricing == "per_token"
        gpu = inputs.selfhost.serving == "gpu"
        derived = inputs.capacity.source == "derived"
        rows = [
            (self._volume_form, self.per_month_row, inputs.volume_unit == "month"),
            (self._volume_form, self.per_day_row, inputs.volume_unit == "day"),
            (self._api_form, self.input_price_row, per_token),
            (self._api_form, self.output_price_row, per_token),
            (self._api_form, self.cached_row, per_token),
            (self._api_form, self.query_price_row, not per_token),
            (self._model_form, self.throughput_picker, gpu),
            (self._model_form, self.gpu_row, gpu),
            (self._model_form, self.gpu_price_row, gpu),
            (self._model_form, self.qps_row, gpu and not derived),
            (self._model_form, self.capacity_inputs.source, gpu),
            *[(self._model_form, row, gpu and derived)
              for row in self.capacity_inputs.derived_rows()],
            (self._model_form, self.utilisation_row, gpu),
            (self._model_form, self.spare_row, gpu),
            (self._model_form, self.hosted_row, not gpu),
            (self._one_off_form, self.finetune_row,
             inputs.one_off.finetune_source == "manual"),
            (self._one_off_form, self.linked_label,
             inputs.one_off.finetune_source == "training_plan"),
        ]
        for form, widget, visible in rows:
            form.setRowVisible(widget, visible)
        for widget in (self.hours_row, self.rate_row):
            widget.setEnabled(inputs.human.enabled)
        self.latency_row.setEnabled(inputs.constraints.latency_target)
        self.api_disagreement.show_for(inputs.api.price_id if per_token else "")


    def _linked_training(self):
        """The training plan's outcome when the fine-tuning cost is linked to it."""
        if self.document.scenario.breakeven.one_off.finetune_source != "training_plan":
            return None
        return self.session.outcome("training")

    def _show_problem(self, message: str) -> None:
        linked = self._linked_training()
        if linked is not None and linked.problem is not None:
            message = f"the Training budget plan cannot be computed: {linked.problem}"
        super()._show_problem(message)
        self.serving_panel.update_result(None)

    def _show_result(self, result: BreakevenResult) -> None:
        linked = self._linked_training()
        if linked is not None and linked.result is not None:
            cost = linked.result.one_off_usd
            self.linked_label.setText(
                f"{usd(cost.base)} ({linked.result.mode_label}; range {usd(cost.low)}–"
                f"{usd(cost.high)}) from the Training budget tab")
        shown = breakeven_presenter.present(result, tables=False,
                                            uncertainty=self.session.uncertainty).readable()
        for key, widget in (("savings", self.savings_card), ("breakeven", self.breakeven_card),
                            ("payback", self.payback_card), ("roi", self.roi_card)):
            widget.show_card(shown.card(key))
        self.recommendation_label.setText(shown.headline)
        self.reasons_label.setText("\n".join(f"• {reason}" for reason in shown.reasons))
        self.tier_label.setText(shown.tier)
        self.tier_label.setToolTip(shown.tier_bounds)
        self._show_warnings(shown.warnings)
        self.cumulative_chart.update_result(result)
        self.volume_chart.update_result(result)
        self.distribution_chart.show_uncertainty(self.session.uncertainty)
        self._fill_table(result)
        self.serving_panel.update_result(result)

    def _fill_table(self, result: BreakevenResult) -> None:
        rows: list[tuple[str, str, str, bool]] = [
            ("API per query", usd(result.api_usd_per_query), result.api_price_basis, False),
            ("Fine-tuned per query (running)", usd(result.selfhost_usd_per_query or 0),
             "monthly running cost ÷ queries", False),
        ]
        if result.human_usd_per_query is not None:
            rows.append(("Human process per task", usd(result.human_usd_per_query),
                         "hours per task × rate", False))
        rows.append(("API per month", usd(result.api_monthly_usd),
                     f"{compact(result.queries_per_month)} queries", True))
        rows += [(f"  {line.label}", usd(line.usd), line.basis, False)
                 for line in result.monthly_lines]
        rows.append(("Fine-tuned per month", usd(result.selfhost_monthly_usd),
                     "sum of the lines above", True))
        rows += [(f"  {line.label}", usd(line.usd), line.basis, False)
                 for line in result.one_off_lines]
        rows.append(("Investment (one-off)", usd(result.investment_usd),
                     f"retraining repeats {usd(result.retrain_usd)} every "
                     f"{result.months_until_retrain:g} months", True))
        rows.append(("Investment per month of life", usd(result.amortised_investment_usd),
                     "one-off ÷ months to the retrain (in the break-even)", False))
        if result.failure_cost_parity_usd is not None:
            rows.append(("Failure cost at parity", usd(result.failure_cost_parity_usd),
                         "above this cost per failure the accuracy gap outweighs the "
                         "inference savings", False))
        fill_table(self.lines_table, [[label, value, basis] for label, value, basis, _ in rows],
                   numeric_columns=(1,), bold_rows={r for r, row in enumerate(rows) if row[3]})
