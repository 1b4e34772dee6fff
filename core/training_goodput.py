"""What a reported run implies (MFU) and what interruptions cost (goodput).

Implied MFU = model FLOPs ÷ (GPU-hours × 3600 × dense peak). Model FLOPs are 6·N·D
(N active parameters, D tokens), optionally plus the attention term 12·L·H·Q·T per
token of PaLM's MFU definition (Chowdhery et al. 2022, appendix B). GPU-hours a lab
reports include time lost to interruptions; dividing by the goodput gives the MFU
while the job was running.

Goodput: interruptions arrive at a rate per 1,000 GPU-days, so a job on G GPUs sees
G × rate ÷ 24,000 of them per hour. Each costs the restart time plus, on average,
half a checkpoint interval of redone work; writing a checkpoint that blocks training
costs its save time once per interval. The productive share of wall-clock time is
1 ÷ (1 + λ·(restart + interval/2) + save/interval).
"""

from __future__ import annotations

import math

from econplan.core.architectures import architecture
from econplan.core.catalog import Catalog, CatalogError
from econplan.core.model_base import CoreModel
from econplan.core.provenance import cite
from econplan.core.serving import require_positive


class GoodputError(ValueError):
    """A goodput or MFU input that cannot be computed; the message names the field."""


class ImpliedMfu(CoreModel):
    model_flops: float
    gpu_hours: float
    peak_tflops: float
    mfu: float  # over every reported GPU-hour
    mfu_while_running: float  # over the productive share (goodput) of them
    goodput: float
    includes_attention: bool


class InterruptionDefaults(CoreModel):
    interruptions_per_1000_gpu_days: float
    effective_training_time_min: float
    # Restart + half an interval that still meets the reported effective time.
    max_lost_hours_per_interruption: float
    source: str


class Goodput(CoreModel):
    interruptions_per_hour: float
    expected_interruptions: float
    goodput: float  # productive share of wall-clock time
    productive_hours: float
    wall_clock_hours: float
    extra_gpu_hours: float
    extra_cost_usd: float


def _positive(name: str, value: float) -> None:
    require_positive(name, value, GoodputError)


def attention_flops_per_token(layers: int, heads: int, head_dim: int, seq_len: int) -> float:
    """PaLM's attention term: 12·L·H·Q·T FLOPs per training token."""
    return 12 * layers * heads * head_dim * seq_len


def implied_mfu(active_params: float, tokens: float, gpu_hours: float, peak_tflops: float,
                goodput: float = 1.0, attention_per_token: float = 0.0) -> ImpliedMfu:
    _positive("active_params", active_params)
    _positive("tokens", tokens)
    _positive("gpu_hours", gpu_hours)
    _positive("peak_tflops", peak_tflops)
    if not 0 < goodput <= 1:
        raise GoodputError(f"goodput: must be in (0, 1], got {goodput!r}")
    flops = (6 * active_params + attention_per_token) * tokens
    mfu = flops / (gpu_hours * 3600 * peak_tflops * 1e12)
    return ImpliedMfu(model_flops=flops, gpu_hours=gpu_hours, peak_tflops=peak_tflops,
                      mfu=mfu, mfu_while_running=mfu / goodput, goodput=goodput,
                      includes_attention=attention_per_token > 0)


def implied_mfu_for_run(catalog: Catalog, run_id: str, goodput: float = 1.0,
                        seq_len: int | None = None) -> ImpliedMfu:
    """Implied MFU of a reference run; ``seq_len`` adds attention FLOPs from its shapes."""
    try:
        run = catalog.row("reference_runs", "run_id", run_id)
    except CatalogError:
        raise GoodputError(f"run_id: no reference run {run_id!r}") from None
    peak = catalog.row("gpus", "gpu_id", run["gpu_id"])["dense_bf16_tflops"]
    attention = 0.0
    if seq_len is not None:
        _positive("seq_len", seq_len)
        arch = architecture(catalog, run_id)
        head_dim = arch.qk_nope_head_dim or arch.head_dim
        attention = attention_flops_per_token(arch.layers, arch.attention_heads, head_dim,
                                              seq_len)
    return implied_mfu(run["active_params"] or run["params"], run["tokens"], run["gpu_hours"],
                       peak, goodput, attention)


def interruption_defaults(catalog: Catalog,
                          report_id: str = "llama3_405b_pretraining") -> InterruptionDefaults:
    row = catalog.row("training_interruptions", "report_id", report_id)
    gpu_days = row["gpus"] * row["snapshot_days"]
    rate = row["unexpected_interruptions"] / gpu_days * 1000
    per_hour = row["unexpected_interruptions"] / (row["snapshot_days"] * 24)
    effective = row["effective_training_time_min"]
    return InterruptionDefaults(
        interruptions_per_1000_gpu_days=rate, effective_training_time_min=effective,
        max_lost_hours_per_interruption=(1 / effective - 1) / per_hour, source=cite(row))


def goodput(gpus: int, productive_hours: float, interruptions_per_1000_gpu_days: float,
            restart_hours: float, checkpoint_interval_hours: float,
            checkpoint_save_hours: float = 0.0, usd_per_gpu_hour: float = 0.0) -> Goodput:
    """Wall-clock time and extra GPU-hours to get ``productive_hours`` of training."""
    _positive("gpus", gpus)
    _positive("productive_hours", productive_hours)
    _positive("checkpoint_interval_hours", checkpoint_interval_hours)
    for name, value in (("interruptions_per_1000_gpu_days", interruptions_per_1000_gpu_days),
                        ("restart_hours", restart_hours),
                        ("checkpoint_save_hours", checkpoint_save_hours),
                        ("usd_per_gpu_hour", usd_per_gpu_hour)):
        if value < 0 or not math.isfinite(value):
            raise GoodputError(f"{name}: must be zero or more, got {value!r}")
    rate = gpus * interruptions_per_1000_gpu_days / 1000 / 24
    lost_per_interruption = restart_hours + checkpoint_interval_hours / 2
    share = 1 / (1 + rate * lost_per_interruption
                 + checkpoint_save_hours / checkpoint_interval_hours)
    wall = productive_hours / share
    extra = gpus * (wall - productive_hours)
    return Goodput(interruptions_per_hour=rate, expected_interruptions=rate * wall,
                   goodput=share, productive_hours=productive_hours, wall_clock_hours=wall,
                   extra_gpu_hours=extra, extra_cost_usd=extra * usd_per_gpu_hour)
