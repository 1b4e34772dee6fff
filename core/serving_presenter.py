"""What a person reads of the serving derivation and the training checks.

The break-even tab, the training tab, the proposal and the command line all show these
tables; each figure is composed here once. Source documents are named by their titles
(``core.source_documents``), never by file name.
"""

from __future__ import annotations

from econplan.core.breakeven import BreakevenResult
from econplan.core.breakeven_serving import ServingDerivation
from econplan.core.formatting import compact, usd
from econplan.core.report_blocks import Table, make_table
from econplan.core.source_documents import readable_sources
from econplan.core.training import TrainingResult

GB = 1e9


def _row(label: str, value: float | int | str | None, text: str, basis: str
         ) -> tuple[list[str], list]:
    return [label, text, basis], [label, value, basis]


def _tokens_per_s(value: float) -> str:
    return f"{value:,.0f} tokens/s"


def serving_table(result: BreakevenResult) -> Table | None:
    """The derivation of one replica's capacity and the replicas the volume needs."""
    d = result.serving
    if d is None:
        return None
    precision = d.precision.upper()
    replicas = result.replicas
    rows = [
        _row("Model and GPU", d.model, f"{d.model} on {d.gpu_name}",
             f"{precision} weights; {readable_sources(d.model_source)}"),
        _row("Weights", d.weights_gb, f"{d.weights_gb:,.1f} GB",
             f"parameters × {precision} bytes per parameter"),
        _row("KV cache per token", d.kv_bytes_per_token, f"{d.kv_bytes_per_token / 1e3:,.1f} KB",
             d.kv_formula + (f". {d.kv_note}" if d.kv_note else "")),
        _row("KV cache per sequence", d.kv_gb_per_sequence, f"{d.kv_gb_per_sequence:,.2f} GB",
             f"{d.context_tokens:,} tokens of context"),
        _row("GPUs per replica", d.gpus_per_replica, f"{d.gpus_per_replica}",
             "fewest (a power of two, tensor parallel) holding the weights and one sequence "
             f"in {d.usable_gb:,.0f} GB usable (10% reserve)"),
        _row("Concurrent sequences", d.concurrent_sequences, f"{d.concurrent_sequences:,}",
             "memory left after the weights ÷ KV cache per sequence"),
        _row("Batch", d.batch, f"{d.batch:,}",
             "as many as fit, up to vLLM's default 256" if d.batch_from_memory
             else "set in the scenario"),
        _row("Prefill", d.prefill_tokens_per_s, _tokens_per_s(d.prefill_tokens_per_s),
             f"compute-bound: peak × {d.efficiency_compute:.0%} ÷ (2 × active parameters)"),
        _row("Decode", d.decode_tokens_per_s, _tokens_per_s(d.decode_tokens_per_s),
             f"{d.decode_bound}-bound at batch {d.batch}: (weights + KV read per step) ÷ "
             f"(bandwidth × {d.efficiency_bandwidth:.0%}), or FLOPs ÷ (peak × "
             f"{d.efficiency_compute:.0%})"),
        _row("Queries per second per replica", d.queries_per_second_per_replica,
             f"{d.queries_per_second_per_replica:,.2f}",
             f"{d.input_tokens:,} input + {d.output_tokens:,} output tokens a query"),
        _row("Replicas", replicas, f"{replicas:,} × {d.gpus_per_replica} GPU"
             + ("s" if d.gpus_per_replica != 1 else ""),
             f"{result.replicas_for_volume} for {compact(result.queries_per_month)} queries a "
             f"month at the planned utilisation + {result.spare_replicas} spare"),
    ]
    return make_table("breakeven_serving", "Serving capacity derived from model and GPU",
                      ["Figure", "Value", "Basis"], rows, [1])


def calibration_table(derivation: ServingDerivation) -> Table:
    """The published throughput figures beside what the calibrated roofline gives."""
    rows = []
    for point in derivation.calibration:
        names = derivation.names
        label = (f"{names.get(point.model_id, point.model_id)} on "
                 f"{names.get(point.gpu_id, point.gpu_id)}, tokens/s")
        rows.append((
            [label, f"{point.published_tokens_per_s:,.0f}", f"{point.modelled_tokens_per_s:,.0f}",
             f"{point.ratio:.2f}", readable_sources(point.source)],
            [label, point.published_tokens_per_s, point.modelled_tokens_per_s, point.ratio,
             readable_sources(point.source)]))
    for check in derivation.capacity_checks:
        label = (f"{derivation.names.get(check.setup_id, check.setup_id)}, Mistral 7B INT8, "
                 "queries/s")
        modelled = "—" if check.modelled_qps is None else f"{check.modelled_qps:,.1f}"
        ratio = "—" if check.ratio is None else f"{check.ratio:.2f}"
        note = check.note.partition(": ")[2] or check.note
        source = readable_sources(check.source) + (f" — {note}" if note else "")
        rows.append(([label, f"{check.published_qps:,.0f}", modelled, ratio, source],
                     [label, check.published_qps, check.modelled_qps, check.ratio, source]))
    return make_table(
        "breakeven_serving_calibration",
        f"Calibration: efficiencies {derivation.efficiency_compute:.0%} of peak compute, "
        f"{derivation.efficiency_bandwidth:.0%} of bandwidth",
        ["Published setup", "Published", "Modelled", "Ratio", "Source"], rows, [1, 2, 3])


def memory_table(result: TrainingResult) -> Table | None:
    check = result.memory
    if check is None:
        return None
    m = check.memory
    stage = check.zero_stage
    sharded = {"weights": 3, "gradients": 2, "optimizer": 1}

    def how(state: str) -> str:
        return (f"sharded over {check.gpus:,} GPUs (ZeRO {stage})" if stage >= sharded[state]
                else "whole on every GPU")

    rows = [
        _row("Shapes", check.model, check.model, check.shapes_note),
        _row("Method", check.method_label, check.method_label,
             f"{compact(m.trained_params)} trained parameters; {check.optimizer_label}"),
        _row("Weights", m.weights_gb, f"{m.weights_gb:,.2f} GB", how("weights")),
        _row("Gradients", m.gradients_gb, f"{m.gradients_gb:,.2f} GB", how("gradients")),
        _row("Optimizer state", m.optimizer_gb, f"{m.optimizer_gb:,.2f} GB", how("optimizer")),
        _row("Activations", m.activations_gb, f"{m.activations_gb:,.2f} GB",
             m.approximations[0].removeprefix("Activations: ")),
        _row("Total per GPU", m.total_gb, f"{m.total_gb:,.1f} GB",
             f"{check.gpu_name}: {check.gpu_memory_gb:,.0f} GB, {m.usable_gb:,.0f} GB usable"),
        _row("Fits", m.fits, "yes" if m.fits else "NO", check.warning or "within usable memory"),
        _row("Fewest GPUs", m.min_gpus, "—" if m.min_gpus is None else f"{m.min_gpus:,}",
             f"at ZeRO stage {stage}; fully sharded: "
             + ("no count fits" if m.min_gpus_fully_sharded is None
                else f"{m.min_gpus_fully_sharded:,}")),
    ]
    return make_table("training_memory", "Memory per GPU", ["Figure", "Value", "Basis"],
                      rows, [1])


def goodput_table(result: TrainingResult) -> Table:
    check = result.goodput
    g = check.goodput
    rows = [
        _row("Interruptions expected", g.expected_interruptions,
             f"{g.expected_interruptions:,.1f}",
             f"{g.interruptions_per_hour:,.3f} an hour across the cluster"),
        _row("Goodput", g.goodput, f"{g.goodput:.1%}",
             "productive share of wall-clock: 1 ÷ (1 + rate × (restart + interval/2) + "
             "save/interval)"),
        _row("Wall-clock with interruptions", g.wall_clock_hours / 24,
             f"{g.wall_clock_hours / 24:,.1f} days",
             f"{g.productive_hours / 24:,.1f} days of training over {check.runs:g} run(s)"),
        _row("Extra GPU-hours", g.extra_gpu_hours, compact(g.extra_gpu_hours),
             "lost to restarts and redone work"),
        _row("Extra cost", g.extra_cost_usd, usd(g.extra_cost_usd),
             f"at {usd(check.usd_per_gpu_hour)}/GPU-hour; not added to the budget (the "
             "failed-runs multiplier covers lost runs)"),
    ]
    implied = result.implied_mfu
    if implied is not None:
        rows += [
            _row("Implied MFU", implied.mfu, f"{implied.mfu:.1%}",
                 f"6·N·D ÷ ({compact(implied.gpu_hours)} reported GPU-hours × "
                 f"{implied.peak_tflops:,.0f} TFLOP/s)"),
            _row("Implied MFU while running", implied.mfu_while_running,
                 f"{implied.mfu_while_running:.1%}", f"÷ goodput {implied.goodput:.1%}"),
        ]
    return make_table("training_goodput", "Interruptions and implied MFU",
                      ["Figure", "Value", "Basis"], rows, [1])
