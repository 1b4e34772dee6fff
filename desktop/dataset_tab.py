"""The Dataset sizing tab: how many tokens, of what, and what the data costs.

The token count, parameters and architecture are the training plan's own
fields (``training.tokens`` …), so an edit here shows on the Training budget
tab and the other way round. The tokens-per-parameter control is a view of
the token count (tokens = ratio × parameters); nothing extra is stored, so
the two can never disagree. Changing the parameters keeps the token count.
"""

from __future__ import annotations

from typing import Any

from econplan.core import dataset, dataset_presenter
from econplan.core.catalog import Catalog
from econplan.core.dataset import DatasetResult
from econplan.core.dataset_inputs import CORPUS_CATEGORY_IDS, rebalance_shares
from econplan.core.formatting import compact, range_text, usd, usd_range
from econplan.core.source_documents import readable_sources
from econplan.desktop.cards import HeadlineCard, card_row
from econplan.desktop.dataset_charts import CompositionChart, TokensVsParamsChart
from econplan.desktop.document import ScenarioDocument
from econplan.desktop.fields import NumberField
from econplan.desktop.plan_session import PlanSession
from econplan.desktop.planner_tab import PlannerTab, read_only_table
from econplan.desktop.tables import fill_table
from econplan.desktop.training_fields import add_model_inputs
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGroupBox,
    QHeaderView,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

RATIO_SLIDER = (20.0, 60_000.0)  # Chinchilla … Qwen3 0.6B (seed 000 §1)
# -- fields ---------------------------------------------------------------------------------




class RatioField(NumberField):
    """Tokens per (active) parameter: shows tokens ÷ parameters, writes training.tokens."""

    PATH = "training.tokens_per_param"  # a derived view, not a stored field
    # Tokens over the (active) parameters, which the model's size and architecture set.
    shows_paths = ("training",)

    def __init__(self, document: ScenarioDocument, tooltip: str):
        super().__init__(document, "training.tokens", "tokens / param", RATIO_SLIDER, log=True,
                         decimals=1, edit_values=self._tokens,
                         edit_text="Change tokens per parameter")
        self.path = self.PATH
        self.spin.setRange(0.01, 1e8)
        tip = readable_sources(
            f"{tooltip}\nSlider: {RATIO_SLIDER[0]:,.0f} – {RATIO_SLIDER[1]:,.0f} tokens / param")
        for widget in (self, self.slider, self.spin):
            widget.setToolTip(tip)
        self.tooltip_text = tip  # the accessible description follows the tooltip
        self.bounds_text = (f"Accepted: {self.spin.minimum():,.6g} – "
                            f"{self.spin.maximum():,.6g} tokens / param")
        self._describe()
        self.refresh()

    def display_value(self) -> float:
        training = self.document.scenario.training
        return training.tokens / training.flops_params

    def _tokens(self, ratio: float) -> dict[str, Any]:
        return {"training.tokens": ratio * self.document.scenario.training.flops_params}


class ShareField(NumberField):
    """One corpus share in percent; setting it rescales the other four in the same step."""

    def __init__(self, document: ScenarioDocument, category_id: str, unit: str, tooltip: str):
        self.category_id = category_id
        super().__init__(document, f"dataset.corpus.{category_id}", unit, (0, 100), scale=0.01,
                         decimals=1, tooltip=tooltip, edit_values=self._rebalanced,
                         edit_text="Change corpus mix")

    def _rebalanced(self, percent: float) -> dict[str, Any]:
        shares = self.document.scenario.dataset.corpus.as_dict()
        balanced = rebalance_shares(shares, self.category_id, percent * self.scale)
        return {f"dataset.corpus.{key}": value for key, value in balanced.items()}


# -- the tab --------------------------------------------------------------------------------

class DatasetTab(PlannerTab):
    """Edits the data side of the plan and shows ``core.dataset.plan`` of it, live."""

    WATCHES = ("training", "dataset")
    PLANNER_ID = "dataset"


    def __init__(self, document: ScenarioDocument, catalog: Catalog,
                 parent: QWidget | None = None, session: PlanSession | None = None):
        super().__init__(document, catalog, parent, session)
        self.result: DatasetResult | None = None
        self._assemble()
        self.tokens_chart.set_references(dataset.reference_models(catalog),
                                         dataset.practical_rows(catalog))
        self._start()

    # -- building -------------------------------------------------------------------------

    def _build_inputs_column(self) -> QWidget:
        column = QWidget()
        layout = QVBoxLayout(column)
        layout.addWidget(self._build_model_group())
        layout.addWidget(self._build_tokens_group())
        layout.addWidget(self._build_corpus_group())
        layout.addWidget(self._build_finetune_group())
        layout.addStretch(1)
        return column

    def _build_model_group(self) -> QGroupBox:
        group, form = self._form_group("Model (shared with Training budget)")
        add_model_inputs(
            self, form,
            mode_tip="Pre-training sizes a corpus in tokens; fine-tuning sizes a dataset in "
            "examples. The same setting as on the Training budget tab.",
            architecture_tip="MoE: tokens per parameter and FLOPs use the active parameters "
            "(seed 000 §1–§2).",
            active_tip="Parameters active per token; DeepSeek V3: 37B of 671B (seed 000 §1).")
        self._model_form = form
        return group

    def _build_tokens_group(self) -> QGroupBox:
        group, form = self._form_group("Token budget")
        chinchilla = self.catalog.table("chinchilla_tokens").row(0, named=True)
        form.addRow("Training tokens", self._number(
            "training.tokens", "B tokens", (1, 100_000),
            "Training tokens D: the same number as on the Training budget tab.",
            log=True, scale=1e9, decimals=1))
        self.ratio_field = RatioField(
            self.document,
            "Tokens per parameter = tokens ÷ parameters (active parameters for MoE). Setting it "
            "sets the training tokens; it is not stored separately, so changing the parameters "
            f"keeps the tokens and the ratio follows.\nChinchilla: ~20 ({chinchilla['source']}); "
            "2026 practice 100–60,000+ (seed 000 §1).")
        self._track(self.ratio_field)
        form.addRow("Tokens / parameter", self.ratio_field)
        form.addRow(self._note("Tokens and tokens per parameter are one number: moving either "
                               "moves the other. Changing the parameters keeps the tokens."))
        self.tokens_group = group
        return group

    def _build_corpus_group(self) -> QGroupBox:
        group, form = self._form_group("Corpus composition (shares of the tokens)")
        table = self.catalog.table("corpus_composition")
        rows = {row["category_id"]: row for row in table.iter_rows(named=True)}
        self.share_fields: dict[str, ShareField] = {}
        for category_id in CORPUS_CATEGORY_IDS:
            row = rows[category_id]
            typical = f"{row['share_low'] * 100:.0f}–{row['share_high'] * 100:.0f}%"
            field = ShareField(
                self.document, category_id, f"% (typical {typical[:-1]})",
                self._tip(f"dataset.corpus.{category_id}",
                          f"{row['category']}: the published typical share is {typical}. "
                          "Default: the midpoint of each published range, all five scaled to "
                          "sum to 100%."))
            self.share_fields[category_id] = self._track(field)
            # "&" would otherwise become a keyboard mnemonic ("Books & academic papers").
            form.addRow(row["category"].split(" (")[0].replace("&", "&&"), field)
        form.addRow(self._note("The shares always sum to 100%: setting one rescales the "
                               "others in proportion, in the same undo step."))
        self.corpus_group = group
        return group

    def _build_finetune_group(self) -> QGroupBox:
        group, form = self._form_group("Fine-tuning dataset")
        recommended, degradation, source = dataset.example_thresholds(self.catalog)
        form.addRow("Examples", self._number(
            "training.finetune.examples", "examples", (100, 10_000_000),
            f"Training examples (shared with Training budget). {recommended:,}+ recommended; "
            f"fewer than {degradation:,} risks degradation ({source}).",
            log=True, integer=True))
        form.addRow("Tokens / example", self._number(
            "training.finetune.tokens_per_example", "tokens", (50, 100_000),
            "Average tokens per example (shared with Training budget).", log=True,
            integer=True))
        form.addRow("Epochs", self._number(
            "training.finetune.epochs", "epochs", (0.5, 10),
            "Passes over the data (shared with Training budget); FLOPs = 6·N·tokens·epochs.",
            decimals=1))
        form.addRow("Synthetic share", self._number(
            "dataset.finetune_synthetic_share", "% synthetic", (0, 100),
            "Share of the examples generated through an API; the rest are human-annotated.",
            scale=0.01, decimals=0))
        form.addRow("Synthetic $/example", self._range(
            "dataset.synthetic_usd_per_example", "$ / example", (0.00001, 1),
            "Published: $0.10–1.00 per 1,000 examples; 1M examples = $100–$1,000.",
            log=True, decimals=5))
        form.addRow("Human $/example", self._range(
            "dataset.human_usd_per_example", "$ / example", (0.1, 1000),
            "Published: $1–100 per example, high quality but expensive.", log=True, decimals=2))
        self.finetune_group = group
        return group

    def _build_results(self) -> QWidget:
        panel = QWidget()
        layout = QVBoxLayout(panel)
        self.tokens_card = HeadlineCard("Training tokens", "The plan's token count.")
        self.chinchilla_card = HeadlineCard(
            "Chinchilla-optimal", "~20 tokens per parameter (DeepMind 2022, seed 000 §1).")
        self.practical_card = HeadlineCard(
            "2026 practical", "The published recommended dataset size for the model size.")
        self.flops_card = HeadlineCard("Training FLOPs", "6 · N · D (N active for MoE).")
        self.data_card = HeadlineCard("Data cost", "What the data costs, low–high.")
        layout.addLayout(card_row(
            (self.tokens_card, self.chinchilla_card, self.practical_card, self.flops_card,
             self.data_card), 2))

        self._add_warnings(layout)
        self.notes_label = self._note("")
        layout.addWidget(self.notes_label)

        charts = QSplitter(Qt.Orientation.Horizontal)
        self.tokens_chart = TokensVsParamsChart()
        self.tokens_chart.follow_edits(self.edit_burst)
        self.composition_chart = CompositionChart()
        charts.addWidget(self.tokens_chart)
        charts.addWidget(self.composition_chart)
        charts.setSizes([560, 440])
        vertical = QSplitter(Qt.Orientation.Vertical)
        vertical.addWidget(charts)

        self.table = read_only_table([""] * 5)  # headers are set per mode
        vertical.addWidget(self.table)
        vertical.setSizes([440, 200])
        self._keep_charts_steady(charts, self.table)
        layout.addWidget(vertical, 1)
        return panel

    # -- behaviour ------------------------------------------------------------------------

    def _update_visibility(self) -> None:
        training = self.document.scenario.training
        finetune = training.mode.is_finetune
        self._model_form.setRowVisible(self.active_row, training.architecture == "moe")
        self.tokens_group.setVisible(not finetune)
        self.corpus_group.setVisible(not finetune)
        self.finetune_group.setVisible(finetune)



    def _show_result(self, result: DatasetResult) -> None:
        shown = dataset_presenter.present(result, tables=False,
                                          uncertainty=self.session.uncertainty).readable()
        keys = {card.key for card in shown.cards}
        # Fine-tuning shows examples where pre-training shows Chinchilla, and no practical range.
        self.tokens_card.show_card(shown.card("tokens"))
        self.chinchilla_card.show_card(shown.card("examples" if "examples" in keys
                                                  else "chinchilla"))
        self.practical_card.setVisible("practical" in keys)
        if "practical" in keys:
            self.practical_card.show_card(shown.card("practical"))
        self.flops_card.show_card(shown.card("flops"))
        self.data_card.show_card(shown.card("data"))
        self._show_warnings(shown.warnings)
        self.notes_label.setText("\n".join(shown.notes))
        self.notes_label.setVisible(bool(shown.notes))
        self.tokens_chart.update_result(result)
        self.composition_chart.update_result(result)
        self._fill_table(result)

    def _fill_table(self, result: DatasetResult) -> None:
        if result.is_finetune:
            data = result.finetune
            headers = ["Examples", "Count", "$ / example", "Cost low", "Cost high"]
            synthetic = self.document.scenario.dataset.synthetic_usd_per_example
            human = self.document.scenario.dataset.human_usd_per_example
            rows = [
                ["Synthetic (API)", f"{data.synthetic_examples:,}",
                 usd_range(synthetic.low, synthetic.high, digits=2),
                 usd(data.synthetic_cost_usd.low), usd(data.synthetic_cost_usd.high)],
                ["Human-annotated", f"{data.human_examples:,}",
                 usd_range(human.low, human.high, digits=2),
                 usd(data.human_cost_usd.low), usd(data.human_cost_usd.high)],
                ["Total", f"{data.examples:,}", "",
                 usd(data.acquisition_cost_usd.low), usd(data.acquisition_cost_usd.high)],
            ]
        else:
            headers = ["Category", "Share", "Tokens", "Typical share", "Typical range in tokens"]
            rows = [[c.label, f"{c.share:.1%}", compact(c.tokens),
                     f"{c.seed_share_low:.0%}–{c.seed_share_high:.0%}"
                     + ("" if c.in_seed_range else " (outside)"),
                     range_text(c.seed_tokens_low, c.seed_tokens_high)]
                    for c in result.corpus]
            rows.append(["Total", f"{sum(c.share for c in result.corpus):.1%}",
                         compact(sum(c.tokens for c in result.corpus)), "", ""])
        self._set_table(headers, rows)

    def _set_table(self, headers: list[str], rows: list[list[str]]) -> None:
        table = self.table
        if [table.horizontalHeaderItem(i).text() if table.horizontalHeaderItem(i) else ""
                for i in range(table.columnCount())] != headers:
            table.setColumnCount(len(headers))
            table.setHorizontalHeaderLabels(headers)
            header = table.horizontalHeader()
            header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
            for column in range(1, len(headers)):
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        fill_table(table, rows, numeric_columns=range(1, len(headers)),
                   bold_rows={len(rows) - 1})
