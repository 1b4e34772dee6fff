"""The Training budget tab's checks: memory per GPU, interruptions, implied MFU.

``build_checks_group`` is the input group (how the run holds the model, the
interruption figures, the GPU-hours a lab reported and a button that uses the MFU they
imply); ``TrainingChecksPanel`` shows what the plan session computed
(``TrainingResult.memory``, ``.goodput``, ``.implied_mfu``) through the presenter's
tables, with the memory verdict in one line above them.
"""

from __future__ import annotations

from dataclasses import dataclass

from econplan.core.model_base import field_bounds
from econplan.core.provenance import cite
from econplan.core.scenario import Scenario
from econplan.core.serving_presenter import goodput_table, memory_table
from econplan.core.training import TrainingResult
from econplan.desktop.covered_updates import DeferWhileCovered
from econplan.desktop.fields import ChoiceField, NumberField
from econplan.desktop.planner_tab import PlannerTab, read_only_table
from econplan.desktop.tables import fill_table
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

FITS_STYLE = ("background: #eef6ee; color: #1e5b1e; border: 1px solid #9cc79c;"
              " border-radius: 4px; padding: 4px; font-weight: 600;")
DOES_NOT_FIT_STYLE = ("background: #fde7e7; color: #8a1111; border: 1px solid #e3a0a0;"
                      " border-radius: 4px; padding: 4px; font-weight: 600;")


@dataclass
class ChecksInputs:
    group: QGroupBox
    form: QFormLayout
    lora_rank: NumberField
    use_mfu: QPushButton


def build_checks_group(tab: PlannerTab) -> ChecksInputs:
    group, form = tab._form_group("Memory, interruptions and implied MFU")
    document = tab.document
    models = [("Closest in size to the plan", "",
               "The catalog architecture nearest to the plan's parameter count")]
    models += [(row["model"], row["model_id"], cite(row))
               for row in tab.catalog.table("model_architectures").iter_rows(named=True)]
    form.addRow("Layer shapes", tab._track(ChoiceField(
        document, "training.memory.model_id", models,
        "Layers, hidden size and heads for activations and LoRA adapters; weights and "
        "optimizer state follow the plan's parameter count.")))
    form.addRow("Sharding", tab._track(ChoiceField(
        document, "training.memory.zero_stage",
        [("ZeRO 0 (plain data parallel)", 0, "Every GPU holds every state"),
         ("ZeRO 1 (optimizer sharded)", 1, ""),
         ("ZeRO 2 (+ gradients)", 2, ""),
         ("ZeRO 3 / FSDP (+ weights)", 3, "Everything sharded over the cluster")],
        "ZeRO stages (Rajbhandari et al. 2020) shard model states over the data-parallel "
        "GPUs: the cluster's GPU count above.")))
    form.addRow("Optimizer", tab._track(ChoiceField(
        document, "training.memory.optimizer",
        [("AdamW, mixed precision (16 B/param)", "adamw", ""),
         ("8-bit AdamW (10 B/param)", "adamw_8bit", ""),
         ("SGD with momentum (12 B/param)", "sgd_momentum", "")],
        "Bytes per trained parameter: 16-bit weights and gradients plus the optimizer "
        "state with FP32 master weights (ZeRO paper).")))
    form.addRow("Recomputation", tab._track(ChoiceField(
        document, "training.memory.recompute",
        [("Full (activation checkpointing)", "full", "Keeps only each layer's input"),
         ("Selective (attention recomputed)", "selective", "What FlashAttention gives"),
         ("None", "none", "Stores every activation")],
        "Activation memory per layer, Korthikanti et al. 2022: 2·s·b·h (full), 34·s·b·h "
        "(selective), s·b·h·(34 + 5·a·s/h) (none).")))
    form.addRow("Micro-batch", tab._number(
        "training.memory.micro_batch", "sequences", (1, 64),
        "Sequences per GPU per step (activations scale with it).", log=True, integer=True))
    form.addRow("Sequence length", tab._number(
        "training.memory.sequence_length", "tokens", (256, 131_072),
        "Tokens per training sequence (activations scale with it).", log=True,
        integer=True))
    lora_rank = tab._number(
        "training.memory.lora_rank", "rank", (1, 256),
        "Rank r of the LoRA adapters on every attention and MLP projection.", log=True,
        integer=True)
    form.addRow("LoRA rank", lora_rank)
    form.addRow("Interruptions", tab._number(
        "training.goodput.interruptions_per_1000_gpu_days", "/1,000 GPU-days", (0, 5),
        "Unexpected interruptions per 1,000 GPU-days. Default: the Llama 3 405B run "
        "(419 in 54 days on 16,384 H100s).", decimals=3))
    form.addRow("Restart time", tab._number(
        "training.goodput.restart_hours", "hours", (0, 4),
        "Time from an interruption to training again. The report gives none; the default "
        "is the largest (with half an interval redone) meeting its >90% effective time.",
        decimals=3))
    form.addRow("Checkpoint every", tab._number(
        "training.goodput.checkpoint_interval_hours", "hours", (0.05, 12),
        "Hours between checkpoints; an interruption redoes half an interval on average.",
        log=True, decimals=3))
    form.addRow("Checkpoint save", tab._number(
        "training.goodput.checkpoint_save_hours", "hours", (0, 1),
        "Time a blocking checkpoint save stops training (0 for asynchronous saves).",
        decimals=3))
    form.addRow("Reported GPU-hours", tab._number(
        "training.reported_gpu_hours", "GPU-h", (1_000, 1e8),
        "GPU-hours a lab reported for a run like this plan (Llama 3.1 405B: 30.84M "
        "H100-hours); 0 = none. Shows the MFU they imply.", log=True, decimals=0))
    use_mfu = QPushButton("Use the implied MFU for the plan")
    use_mfu.setToolTip("Sets the plan's MFU range to the MFU the reported GPU-hours imply, "
                       "so the plan reproduces them. Undo restores your range.")
    use_mfu.clicked.connect(lambda: use_implied_mfu(tab))
    form.addRow("", use_mfu)
    return ChecksInputs(group, form, lora_rank, use_mfu)


def use_implied_mfu(tab: PlannerTab) -> None:
    result: TrainingResult | None = tab.result
    implied = result.implied_mfu if result is not None else None
    if implied is None:
        tab.document.rejected.emit("training.reported_gpu_hours",
                                   "enter the GPU-hours a lab reported first")
        return
    lower, upper = field_bounds("training.mfu.low", Scenario)
    mfu = round(implied.mfu, 4)
    if not lower <= mfu <= upper:
        tab.document.rejected.emit(
            "training.mfu", f"the implied MFU {implied.mfu:.1%} is outside the accepted "
                            f"{lower:.0%}–{upper:.0%}")
        return
    tab.document.set_values({"training.mfu.low": mfu, "training.mfu.high": mfu},
                            f"Use implied MFU {mfu:.1%}", mergeable=False)


def _set_style(label: QLabel, style: str) -> None:
    # A style sheet re-polishes the widget: ~1 ms a tick when set again unchanged.
    if label.styleSheet() != style:
        label.setStyleSheet(style)


def _table(headers: list[str]):
    table = read_only_table(headers)
    header = table.horizontalHeader()
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
    return table


class TrainingChecksPanel(DeferWhileCovered, QWidget):
    """Memory verdict, memory table and the interruptions / implied MFU table."""

    PAGE_TITLE = "Memory and interruptions"

    def page_title(self, result: TrainingResult) -> str:
        """The page's title flags a plan whose GPUs cannot hold the model."""
        memory = result.memory
        return self.PAGE_TITLE + (" ⚠" if memory is not None and not memory.memory.fits
                                  else "")

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.verdict = QLabel()
        self.verdict.setWordWrap(True)
        self.memory_table = _table(["Memory per GPU", "Value", "Basis"])
        self.goodput_table = _table(["Interruptions", "Value", "Basis"])
        tables = QSplitter(Qt.Orientation.Horizontal)
        tables.addWidget(self.memory_table)
        tables.addWidget(self.goodput_table)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.verdict)
        layout.addWidget(tables, 1)

    def update_result(self, result: TrainingResult | None) -> None:
        if self.defer_while_covered(TrainingChecksPanel.update_result, result):
            return  # another page is open: filled when this one is
        if result is None:
            self.verdict.setText("")
            return
        memory = memory_table(result)
        check = result.memory
        if memory is None or check is None:
            self.verdict.setText(f"No datasheet memory figure for {result.gpu_name}: the "
                                 "memory check is skipped.")
            _set_style(self.verdict, "")
            self.memory_table.setRowCount(0)
        else:
            fill_table(self.memory_table, memory.rows, numeric_columns=(1,),
                       tooltips={(r, 2): row[2] for r, row in enumerate(memory.rows)})
            m = check.memory
            if m.fits:
                self.verdict.setText(
                    f"✓ Fits: {m.total_gb:,.1f} GB of {m.usable_gb:,.0f} GB usable per "
                    f"{check.gpu_name} ({check.method_label}, ZeRO {check.zero_stage}).")
                _set_style(self.verdict, FITS_STYLE)
            else:
                self.verdict.setText(f"✗ {check.warning}")
                _set_style(self.verdict, DOES_NOT_FIT_STYLE)
        rows = goodput_table(result).rows
        fill_table(self.goodput_table, rows, numeric_columns=(1,),
                   tooltips={(r, 2): row[2] for r, row in enumerate(rows)})
