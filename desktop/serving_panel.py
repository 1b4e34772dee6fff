"""The break-even tab's serving capacity: where a replica's queries/s come from.

``add_capacity_inputs`` adds the capacity rows to the tab's "Fine-tuned model" form
(typed or derived; model architecture, precision, context, batch). ``ServingPanel``
shows the derivation the plan session computed (``BreakevenResult.serving``): the
table, the roofline chart and the calibration against the published figures. The
tab never derives anything itself.
"""

from __future__ import annotations

from dataclasses import dataclass

from econplan.core.breakeven import BreakevenResult
from econplan.core.provenance import cite
from econplan.core.serving_presenter import calibration_table, serving_table
from econplan.desktop.fields import ChoiceField, NumberField
from econplan.desktop.planner_tab import PlannerTab, note_label, read_only_table
from econplan.desktop.serving_chart import RooflineChart
from econplan.desktop.tables import fill_table
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

PRECISIONS = [
    ("BF16 (16-bit)", "bf16", "2 bytes per weight; the 16-bit dense peak"),
    ("FP8", "fp8", "1 byte per weight; the FP8 peak where the GPU has one"),
    ("INT8", "int8", "1 byte per weight; the INT8 peak where the GPU has one"),
    ("INT4 (weight-only)", "int4", "0.5 bytes per weight; matmuls at the 16-bit peak"),
]


@dataclass
class CapacityInputs:
    """The capacity rows, so the tab can show the derivation inputs only when derived."""

    source: ChoiceField
    model: ChoiceField
    precision: ChoiceField
    context: NumberField
    batch: NumberField

    def derived_rows(self) -> list[QWidget]:
        return [self.model, self.precision, self.context, self.batch]


def add_capacity_inputs(tab: PlannerTab, form: QFormLayout) -> CapacityInputs:
    document = tab.document
    source = tab._track(ChoiceField(
        document, "breakeven.capacity.source",
        [("Typed in (queries/s per replica)", "typed", ""),
         ("Derived from model and GPU", "derived",
          "Weights, KV cache, tensor parallelism and a compute/bandwidth roofline, with "
          "efficiencies calibrated on the published vLLM throughput figures")],
        "Type the queries/s one replica serves, or derive them from the model's published "
        "configuration and the GPU's datasheet (see the derivation below the charts)."))
    form.addRow("Capacity", source)
    models = [(row["model"], row["model_id"], cite(row))
              for row in tab.catalog.table("model_architectures").iter_rows(named=True)]
    model = tab._track(ChoiceField(
        document, "breakeven.capacity.model_id", models,
        "The served model's architecture (layers, heads, KV heads, parameters) from its "
        "published configuration."))
    form.addRow("Served model", model)
    precision = tab._track(ChoiceField(
        document, "breakeven.capacity.precision", PRECISIONS,
        "Weight precision: sets weight memory and which tensor peak prefill runs at."))
    form.addRow("Precision", precision)
    context = tab._number(
        "breakeven.capacity.context_tokens", "tokens", (0, 131_072),
        "KV cache reserved per sequence; 0 = the query's input + output tokens. Longer "
        "contexts leave room for fewer concurrent sequences.", integer=True)
    form.addRow("Context", context)
    batch = tab._number(
        "breakeven.capacity.batch", "sequences", (0, 512),
        "Sequences decoded together; 0 = as many as fit in memory, up to vLLM's default "
        "256. Larger batches raise throughput until compute is the bound.", integer=True)
    form.addRow("Batch", batch)
    return CapacityInputs(source, model, precision, context, batch)


class ServingPanel(QWidget):
    """The derivation (table beside the roofline chart) and, on its own page, the
    calibration; ``add_pages`` puts both in the tab's detail pages."""

    TYPED_NOTE = ("Capacity is typed in. Choose “Derived from model and GPU” under "
                  "Fine-tuned model to derive it from the model's configuration and the "
                  "GPU's datasheet.")

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.derivation_table = read_only_table(["Figure", "Value", "Basis"])
        header = self.derivation_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.chart = RooflineChart()
        self.derivation = QSplitter(Qt.Orientation.Horizontal)
        self.derivation.addWidget(self.derivation_table)
        self.derivation.addWidget(self.chart)
        self.derivation.setSizes([600, 400])
        self.typed_note = note_label(self.TYPED_NOTE)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.typed_note)
        layout.addWidget(self.derivation, 1)

        self.calibration_title = QLabel()
        self.calibration_title.setWordWrap(True)
        self.calibration_table = read_only_table(
            ["Published setup", "Published", "Modelled", "Ratio", "Source"])
        calibration_header = self.calibration_table.horizontalHeader()
        for column in range(4):
            calibration_header.setSectionResizeMode(
                column, QHeaderView.ResizeMode.ResizeToContents)
        calibration_header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.calibration_page = QWidget()
        calibration_layout = QVBoxLayout(self.calibration_page)
        calibration_layout.setContentsMargins(0, 0, 0, 0)
        calibration_layout.addWidget(self.calibration_title)
        calibration_layout.addWidget(self.calibration_table, 1)
        calibration_layout.addWidget(note_label(
            "The vLLM figures state neither the model variant nor the request shape: each "
            "size is read as a model the sources name, 512 input + 512 output tokens at "
            "BF16. The self-hosted capacities are checked with Mistral 7B at INT8 on 200 + "
            "100-token requests. Ratio = modelled ÷ published."))
        self._shown_calibration: tuple | None = None
        self.update_result(None)

    def add_pages(self, pages: QTabWidget) -> None:
        pages.addTab(self, "Serving capacity")
        pages.addTab(self.calibration_page, "Calibration")

    def update_result(self, result: BreakevenResult | None) -> None:
        """Show the derivation of a derived plan; say how to get one for a typed plan."""
        table = serving_table(result) if result is not None else None
        derived = table is not None and result is not None and result.serving is not None
        self.typed_note.setVisible(not derived)
        self.derivation.setVisible(derived)
        if not derived:
            if self._shown_calibration is None:
                self.calibration_title.setText("Shown when capacity is derived.")
            return
        # The basis column is long; its full text is a hover away at any width.
        fill_table(self.derivation_table, table.rows, numeric_columns=(1,),
                   tooltips={(r, 2): row[2] for r, row in enumerate(table.rows)})
        self.chart.update_result(result)
        # The calibration does not change with the inputs: fill it once.
        derivation = result.serving
        key = (derivation.efficiency_compute, derivation.efficiency_bandwidth)
        if key != self._shown_calibration:
            calibration = calibration_table(derivation)
            self.calibration_title.setText(calibration.title)
            fill_table(self.calibration_table, calibration.rows, numeric_columns=(1, 2, 3),
                       tooltips={(r, 4): row[4] for r, row in enumerate(calibration.rows)})
            self._shown_calibration = key
