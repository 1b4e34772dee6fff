"""The Training budget tab: inputs on the left, headline cards and charts on the right."""

from __future__ import annotations

from econplan.core import training, training_presenter
from econplan.core.catalog import Catalog
from econplan.core.defaults import (
    estimated_throughput,
    gpu_price_values,
    iteration_runs,
)
from econplan.core.formatting import usd
from econplan.core.price_overrides import picker_text
from econplan.core.provenance import cite
from econplan.core.scenario import TrainingMode
from econplan.core.training import BEYOND_COMPUTE_IDS, TrainingResult
from econplan.desktop.cards import HeadlineCard, card_row
from econplan.desktop.charts import CostBreakdownChart, ReferenceRunsChart
from econplan.desktop.disagreement_views import DisagreementNote, with_disagreements
from econplan.desktop.document import ScenarioDocument
from econplan.desktop.fields import CheckField, ChoiceField, RangeField
from econplan.desktop.plan_session import PlanSession
from econplan.desktop.planner_tab import PlannerTab, note_label
from econplan.desktop.steady_note import SteadyNote
from econplan.desktop.tables import figure_table, fill_table
from econplan.desktop.training_checks_panel import TrainingChecksPanel, build_checks_group
from econplan.desktop.training_fields import add_model_inputs
from econplan.desktop.uncertainty_charts import DistributionChart, with_distribution_page
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)


class _GpuField(ChoiceField):
    def __init__(self, catalog: Catalog, *args, **kwargs):
        self.catalog = catalog
        super().__init__(*args, **kwargs)

    def extra_values(self, value):
        return gpu_price_values(self.catalog, value)


class _ComplexityField(ChoiceField):
    def __init__(self, catalog: Catalog, *args, **kwargs):
        self.catalog = catalog
        super().__init__(*args, **kwargs)

    def extra_values(self, value):
        return iteration_runs(self.catalog, value)


class TrainingTab(PlannerTab):
    """Edits ``scenario.training`` and shows ``core.training.plan`` of it, live."""

    WATCHES = ("training",)
    PLANNER_ID = "training"


    def __init__(self, document: ScenarioDocument, catalog: Catalog,
                 parent: QWidget | None = None, session: PlanSession | None = None):
        super().__init__(document, catalog, parent, session)
        self.result: TrainingResult | None = None
        self._beyond_ranges: dict[str, RangeField] = {}
        self._hidden_inputs: list[QWidget] = []
        self._assemble()
        self.reference_chart.set_references(training.reference_points(catalog))
        self._start()

    # -- building -------------------------------------------------------------------------

    def _build_inputs_column(self) -> QWidget:
        column = QWidget()
        layout = QVBoxLayout(column)
        layout.addWidget(self._build_model_group())
        layout.addWidget(self._build_hardware_group())
        layout.addWidget(self._build_finetune_group())
        layout.addWidget(self._build_beyond_group())
        layout.addWidget(self._build_hidden_group())
        self.checks_inputs = build_checks_group(self)
        layout.addWidget(self.checks_inputs.group)
        layout.addStretch(1)
        return column

    def _build_model_group(self) -> QGroupBox:
        group, form = self._form_group("Model and training mode")
        add_model_inputs(
            self, form,
            mode_tip="Pre-training and continued pre-training cost FLOPs = 6·N·D; fine-tuning "
            "costs tokens / throughput × epochs (seed 003). Switching mode also switches the "
            "cost families that apply (multipliers vs people-hours).",
            architecture_tip="MoE training FLOPs ≈ 6 × N_active × D (seed 000 §2)",
            active_tip="Parameters active per token; DeepSeek V3: 37B of 671B (seed 000 §2).")
        self.tokens_row = self._number(
            "training.tokens", "B tokens", (1, 100_000),
            "Training tokens D. Chinchilla ≈ 20 tokens/param; 2026 practice 100–60,000 "
            "(seed 000 §1).", log=True, scale=1e9, decimals=1)
        form.addRow("Training tokens", self.tokens_row)
        self._model_form = form
        return group

    def _build_hardware_group(self) -> QGroupBox:
        group, form = self._form_group("Hardware and price")
        d = self.document
        gpus = self.catalog.table("gpus")
        items = []
        for row in gpus.iter_rows(named=True):
            peak = row["dense_bf16_tflops"]
            peak_text = f"{peak:,.0f} TFLOP/s dense BF16" if peak else "no BF16 peak"
            items.append((picker_text(f"{row['name']} — {peak_text}", row), row["gpu_id"],
                          with_disagreements(self.catalog, "gpus", row["gpu_id"],
                                             f"{cite(row)}\nPeak: {row['peak_source']}",
                                             used_table="gpu_specs")))
        self.gpu_field = self._track(_GpuField(
            self.catalog, d, "training.gpu_id", items,
            self._tip("training.gpu_id",
                      "GPU from the catalog; choosing one also sets its catalog price ranges."),
        ))
        form.addRow("GPU", self.gpu_field)
        # The memory check reads the datasheet's memory; say so where the seed differs.
        self.gpu_disagreement = DisagreementNote(self.catalog, "gpus", used_table="gpu_specs")
        form.addRow(self.gpu_disagreement)
        form.addRow("GPUs in cluster", self._number(
            "training.gpu_count", "GPUs", (1, 100_000),
            "Cluster size; sets wall-clock, not GPU-hours. Seed 000 §3: 128–512 H100s for 7B.",
            log=True, integer=True))
        self.mfu_row = self._range(
            "training.mfu", "% MFU", (5, 90),
            "Model FLOPs utilisation. Measured on one H100 SXM: 30–50% for 124M–1.3B training "
            "steps, 72–81% for a bare BF16 GEMM (shared/measurements).",
            scale=0.01, decimals=1)
        form.addRow("MFU", self.mfu_row)
        self.pricing_field = self._track(ChoiceField(
            d, "training.pricing",
            [("Cloud rental ($/GPU-hour)", "cloud", ""),
             ("Owned GPUs (amortised purchase)", "owned", "")],
            "Rent by the hour, or spread the purchase price over the GPU's useful life.",
        ))
        form.addRow("Pricing", self.pricing_field)
        self.cloud_row = self._range(
            "training.usd_per_gpu_hour", "$/GPU-h", (0.1, 10), "Cloud price per GPU-hour.",
            decimals=2)
        form.addRow("Cloud price", self.cloud_row)
        self.purchase_row = self._range(
            "training.owned.purchase_usd", "$ / GPU", (1_000, 100_000),
            "Purchase price per GPU.", log=True, decimals=0)
        form.addRow("Purchase price", self.purchase_row)
        self.life_row = self._number(
            "training.owned.life_years", "years", (1, 10), "Useful life to amortise over.",
            decimals=1)
        form.addRow("Useful life", self.life_row)
        self.utilisation_row = self._number(
            "training.owned.utilisation", "% busy", (5, 100),
            "Share of the GPU's life spent on paid work.", scale=0.01, decimals=0)
        form.addRow("Utilisation", self.utilisation_row)
        self._hardware_form = form
        return group

    def _build_finetune_group(self) -> QGroupBox:
        group, form = self._form_group("Fine-tuning data and throughput")
        form.addRow("Examples", self._number(
            "training.finetune.examples", "examples", (100, 10_000_000),
            "Training examples; seed 000 §2: 5,000+ recommended, under 2,000 risks degradation.",
            log=True, integer=True))
        form.addRow("Tokens / example", self._number(
            "training.finetune.tokens_per_example", "tokens", (50, 100_000),
            "Average tokens per example.", log=True, integer=True))
        form.addRow("Epochs", self._number(
            "training.finetune.epochs", "epochs", (0.5, 10), "Passes over the data.",
            decimals=1))
        form.addRow("Throughput", self._range(
            "training.finetune.throughput_tokens_per_s", "tok/s/GPU", (10, 100_000),
            "Training tokens per second per GPU. Seed 003: GPU-hours = tokens / throughput × "
            "epochs.", log=True, decimals=0))
        estimate = QPushButton("Estimate throughput from GPU peak × MFU")
        estimate.setToolTip("Sets throughput to peak × MFU / (6 × N) tokens/s: the FLOPs-based "
                            "rate for the chosen GPU, MFU range and model size.")
        estimate.clicked.connect(self.estimate_throughput)
        form.addRow("", estimate)
        self.finetune_group = group
        return group

    def _build_beyond_group(self) -> QGroupBox:
        group, form = self._form_group("Beyond compute (multiples of the compute bill)")
        table = self.catalog.table("beyond_compute_multipliers")
        notes = dict(zip(table["category_id"], table["note"], strict=True))
        labels = dict(zip(table["category_id"], table["category"], strict=True))
        for category_id in BEYOND_COMPUTE_IDS:
            path = f"training.beyond_compute.{category_id}"
            check = self._track(CheckField(
                self.document, f"{path}.enabled", labels[category_id],
                self._tip(path, notes[category_id] or "")))
            multiplier = self._range(
                f"{path}.multiplier", "× compute", (0, 30), notes[category_id] or "",
                decimals=2)
            self._beyond_ranges[category_id] = multiplier
            # Check box on its own line keeps the long category names from widening the panel.
            form.addRow(check)
            form.addRow(multiplier)
        return group

    def _build_hidden_group(self) -> QGroupBox:
        group, form = self._form_group("Hidden costs of a fine-tuning project")
        d = self.document
        form.addRow(self._track(CheckField(
            d, "training.hidden.enabled", "Include people-hours and iteration",
            "Seed 003: training compute is ~10% of a fine-tuning project; data preparation, "
            "evaluation, infrastructure and maintenance are the rest.")))
        first_input = len(self._fields)
        form.addRow("Hourly rate", self._number(
            "training.hidden.hourly_rate_usd", "$/hour", (10, 500),
            "Loaded cost of an engineer-hour.", decimals=0))
        form.addRow("Data preparation", self._range(
            "training.hidden.data_preparation_hours", "hours", (0, 500),
            "Collection, cleaning, format conversion, quality review, iteration (seed 003).",
            decimals=0))
        form.addRow("Evaluation", self._range(
            "training.hidden.evaluation_hours", "hours", (0, 200),
            "Metrics, evaluation sets, pipeline, analysis (seed 003).", decimals=0))
        form.addRow("Infrastructure setup", self._range(
            "training.hidden.infrastructure_setup_hours", "hours", (0, 100),
            "Server configuration and monitoring set-up (seed 003).", decimals=0))
        form.addRow("Maintenance", self._range(
            "training.hidden.maintenance_hours_per_month", "h/month", (0, 60),
            "Ongoing maintenance, incident response, model updates (seed 003).", decimals=1))
        form.addRow("Months in production", self._number(
            "training.hidden.months_in_production", "months", (0, 60),
            "How long maintenance is budgeted for.", integer=True))
        form.addRow("Task complexity", self._track(_ComplexityField(
            self.catalog, d, "training.hidden.task_complexity",
            [(row["complexity"], row["complexity_id"],
              f"{row['multiplier_low']:g}–{row['multiplier_high']:g} complete cycles")
             for row in self.catalog.table("iteration_multipliers").iter_rows(named=True)],
            self._tip("training.hidden.task_complexity",
                      "Sets the number of training runs to the seed's iteration multiplier."),
        )))
        form.addRow("Training runs", self._range(
            "training.hidden.training_runs", "runs", (1, 20),
            "Complete training cycles; first attempts rarely work (seed 003).", decimals=1))
        self._hidden_inputs = self._fields[first_input:]
        return group

    def _build_results(self) -> QWidget:
        panel = QWidget()
        layout = QVBoxLayout(panel)
        self.total_card = HeadlineCard(
            "Total cost", "All-in: compute plus every included cost family (base value, "
            "low–high below).")
        self.gpu_hours_card = HeadlineCard("GPU-hours", "GPU-hours over all training runs.")
        self.wall_clock_card = HeadlineCard("Wall-clock", "One run on the whole cluster.")
        self.flops_card = HeadlineCard("Training FLOPs", "6 · N · D (N active for MoE).")
        layout.addLayout(card_row(
            (self.total_card, self.gpu_hours_card, self.wall_clock_card, self.flops_card)))

        self._add_warnings(layout)
        # The published cost of the same run beside the plan's, like with like.
        self.published = SteadyNote(note_label(""))
        self.published_label = self.published.label
        layout.addWidget(self.published)

        charts = QSplitter(Qt.Orientation.Horizontal)
        self.breakdown_chart = CostBreakdownChart()
        self.reference_chart = ReferenceRunsChart()
        self.reference_chart.follow_edits(self.edit_burst)
        charts.addWidget(self.breakdown_chart)
        charts.addWidget(self.reference_chart)
        vertical = QSplitter(Qt.Orientation.Vertical)
        vertical.addWidget(charts)

        self.breakdown_table = figure_table(["Category", "Low", "Base", "High", "Basis"],
                                            stretch={4})
        # The cost breakdown, the total's distribution, and the memory and interruption
        # checks, as pages.
        # The distribution's chart is built when its page is first shown (a plot widget was
        # ~0.05 s of start-up for a page nobody sees then); a placeholder holds its place.
        self._distribution_chart: DistributionChart | None = None
        self._distribution_placeholder = QWidget()
        self.detail_pages = with_distribution_page(self.breakdown_table,
                                                   self._distribution_placeholder,
                                                   "Cost breakdown")
        self.detail_pages.currentChanged.connect(self._build_shown_page)
        self.checks_panel = TrainingChecksPanel()
        self.detail_pages.addTab(self.checks_panel, self.checks_panel.PAGE_TITLE)
        vertical.addWidget(self.detail_pages)
        vertical.setSizes([460, 240])
        self._keep_charts_steady(charts, self.detail_pages, self.published)
        layout.addWidget(vertical, 1)
        return panel

    @property
    def distribution_chart(self) -> DistributionChart:
        """The training total's distribution, built in its page's place when first asked
        for (its page shown, a test, a screenshot)."""
        if self._distribution_chart is None:
            chart = DistributionChart("training.total_usd", "Training total", "usd")
            pages, placeholder = self.detail_pages, self._distribution_placeholder
            index, current = pages.indexOf(placeholder), pages.currentIndex()
            title, tip = pages.tabText(index), pages.tabToolTip(index)
            blocked = pages.blockSignals(True)  # a swap, not the user changing pages
            pages.removeTab(index)
            pages.insertTab(index, chart, title)
            pages.setTabToolTip(index, tip)
            pages.setCurrentIndex(current)
            pages.blockSignals(blocked)
            placeholder.deleteLater()
            self._distribution_chart = chart
            chart.show_uncertainty(self.session.uncertainty)
        return self._distribution_chart

    def _build_shown_page(self, index: int) -> None:
        if self.detail_pages.widget(index) is self._distribution_placeholder:
            _ = self.distribution_chart

    # -- behaviour ------------------------------------------------------------------------

    def estimate_throughput(self) -> None:
        inputs = self.document.scenario.training
        gpu = self.catalog.row("gpus", "gpu_id", inputs.gpu_id)
        peak = gpu["dense_bf16_tflops"]
        if not peak:
            self.document.rejected.emit(
                "training.gpu_id",
                f"{gpu['name']} has no dense BF16 peak in the catalog to estimate from")
            return

        def rate(mfu: float) -> float:
            return round(estimated_throughput(peak, mfu, inputs.flops_params), 1)

        path = "training.finetune.throughput_tokens_per_s"
        self.document.set_values(
            {f"{path}.low": rate(inputs.mfu.low), f"{path}.high": rate(inputs.mfu.high)},
            "Estimate throughput", mergeable=False)

    def _update_visibility(self) -> None:
        inputs = self.document.scenario.training
        finetune = inputs.mode.is_finetune
        owned = inputs.pricing == "owned"
        rows: list[tuple[QFormLayout, QWidget, bool]] = [
            (self._model_form, self.active_row, inputs.architecture == "moe"),
            (self._model_form, self.tokens_row, not finetune),
            (self._hardware_form, self.mfu_row, True),
            (self._hardware_form, self.cloud_row, not owned),
            (self._hardware_form, self.purchase_row, owned),
            (self._hardware_form, self.life_row, owned),
            (self._hardware_form, self.utilisation_row, owned),
        ]
        for form, widget, visible in rows:
            form.setRowVisible(widget, visible)
        self.finetune_group.setVisible(finetune)
        # Excluded cost families stay visible (their values are kept) but greyed out.
        for category_id, multiplier in self._beyond_ranges.items():
            multiplier.setEnabled(getattr(inputs.beyond_compute, category_id).enabled)
        for widget in self._hidden_inputs:
            widget.setEnabled(inputs.hidden.enabled)
        self.checks_inputs.form.setRowVisible(
            self.checks_inputs.lora_rank, inputs.mode in (TrainingMode.FINETUNE_LORA,
                                                          TrainingMode.FINETUNE_QLORA))
        self.gpu_disagreement.show_for(inputs.gpu_id)



    def _show_result(self, result: TrainingResult) -> None:
        shown = training_presenter.present(result, tables=False,
                                           uncertainty=self.session.uncertainty).readable()
        for key, widget in (("total", self.total_card), ("gpu_hours", self.gpu_hours_card),
                            ("wall_clock", self.wall_clock_card), ("flops", self.flops_card)):
            widget.show_card(shown.card(key))
        self._show_warnings(shown.warnings)
        self.published.show_text("\n".join(shown.notes))
        self.breakdown_chart.update_result(result)
        self.reference_chart.update_result(result)
        if self._distribution_chart is not None:  # else drawn when first shown
            self._distribution_chart.show_uncertainty(self.session.uncertainty)
        self._fill_table(result)
        self.checks_panel.update_result(result)
        index, title = self.detail_pages.indexOf(self.checks_panel), \
            self.checks_panel.page_title(result)
        if self.detail_pages.tabText(index) != title:  # a new text re-lays out the results
            self.detail_pages.setTabText(index, title)

    def _fill_table(self, result: TrainingResult) -> None:
        lines = [(line.label, line.cost_usd, line.basis) for line in result.lines]
        lines.append(("Total", result.total_usd, "one-off + ongoing"))
        rows, tips = [], {}
        for row, (label, estimate, basis) in enumerate(lines):
            values = (estimate.low, estimate.base, estimate.high)
            rows.append([label, *(usd(value) for value in values), basis])
            tips.update({(row, column): f"${value:,.2f}"
                         for column, value in enumerate(values, 1)})
        fill_table(self.breakdown_table, rows, numeric_columns=(1, 2, 3),
                   bold_rows={len(rows) - 1}, tooltips=tips)
