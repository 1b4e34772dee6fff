"""Serving capacity from first principles: will a model fit on a GPU, how fast, how many.

Memory: weights at the serving precision plus a KV cache per sequence, inside the
GPU memory less a reserve (vLLM's default ``gpu_memory_utilization`` is 0.9).

Speed (a roofline): a decode step reads the weights once and every sequence's KV
cache, and does 2·N_active FLOPs per sequence; its time is the larger of
bytes ÷ (bandwidth × bandwidth efficiency) and FLOPs ÷ (peak × compute efficiency).
Prefill is compute-bound at 2·N_active FLOPs per prompt token. Attention FLOPs,
communication between tensor-parallel GPUs and scheduler overheads are not modelled;
the two efficiency factors (calibrated in ``core.serving_calibration``) absorb them.
"""

from __future__ import annotations

import math
from typing import Literal

from econplan.core.architectures import GpuSpec, ModelArchitecture, parameter_count
from econplan.core.model_base import CoreModel
from pydantic import Field

Precision = Literal["bf16", "fp8", "int8", "int4"]
BYTES_PER_PARAM: dict[str, float] = {"bf16": 2.0, "fp8": 1.0, "int8": 1.0, "int4": 0.5}
GB = 1e9
DEFAULT_MEMORY_RESERVE = 0.10  # vLLM keeps 10% back (gpu_memory_utilization=0.9)
MAX_TENSOR_PARALLEL = 1024
# The break-even planner's 730-hour month, in seconds.
SECONDS_PER_MONTH = 24 * 365 / 12 * 3600


class ServingError(ValueError):
    """A serving input that cannot be computed; the message names the field."""


class Efficiency(CoreModel):
    """Shares of the datasheet peaks a serving engine reaches (0–1]."""

    compute: float = Field(gt=0, le=1)
    bandwidth: float = Field(gt=0, le=1)


class KvCache(CoreModel):
    bytes_per_token: float  # full-attention bytes for one more cached token
    cached_tokens: int  # tokens held for a sequence of the given context
    bytes_per_sequence: float
    formula: str
    note: str = ""


class MemoryFit(CoreModel):
    model_id: str
    gpu_id: str
    precision: Precision
    gpus: int
    weights_gb: float
    kv_gb_per_sequence: float
    usable_gb: float  # memory of all GPUs after the reserve
    free_for_kv_gb: float
    concurrent_sequences: int
    fits: bool
    kv: KvCache


class ThroughputPoint(CoreModel):
    batch: int
    step_seconds: float
    tokens_per_s: float  # decode tokens per second for the whole replica
    compute_roof_tokens_per_s: float
    bandwidth_roof_tokens_per_s: float
    bound: Literal["compute", "bandwidth"]


class ServingEstimate(CoreModel):
    fit: MemoryFit
    batch: int
    prefill_tokens_per_s: float  # per replica
    decode: ThroughputPoint
    queries_per_s: float  # per replica, for the given input and output tokens
    tokens_per_s_per_gpu: float  # input + output tokens served per GPU
    output_tokens_per_s_per_gpu: float


class ReplicaPlan(CoreModel):
    replicas: int
    gpus: int
    capacity_queries_per_month: float
    utilisation: float


def require_positive(name: str, value: float,
                     error: type[ValueError] = ServingError) -> None:
    """Raise ``error`` naming the field unless ``value`` is a finite number above zero."""
    if not value > 0 or not math.isfinite(value):
        raise error(f"{name}: must be a positive number, got {value!r}")


def weight_bytes(arch: ModelArchitecture, precision: Precision) -> float:
    return arch.total_params * BYTES_PER_PARAM[precision]


def kv_cache(arch: ModelArchitecture, context_tokens: int, kv_bytes: float = 2.0) -> KvCache:
    """KV-cache bytes for one sequence of ``context_tokens`` (16-bit cache by default)."""
    require_positive("context_tokens", context_tokens)
    if arch.attention_type == "latent":
        # MLA caches one compressed latent plus the shared RoPE key per layer.
        width = (arch.kv_lora_rank or 0) + (arch.qk_rope_head_dim or 0)
        per_token = arch.layers * width * kv_bytes
        formula = "layers × (kv_lora_rank + qk_rope_head_dim) × bytes"
        note = ("Latent cache as kept by MLA-aware engines (vLLM, SGLang); an engine that "
                "expands it to per-head K/V needs far more.")
        cached = context_tokens
    else:
        per_token = 2 * arch.layers * arch.kv_heads * arch.head_dim * kv_bytes
        formula = "2 × layers × kv_heads × head_dim × bytes"
        note = "" if arch.attention_type == "grouped_query" else "Full multi-head attention."
        cached = context_tokens
        if arch.attention_type == "sliding_window" and arch.sliding_window:
            cached = min(context_tokens, arch.sliding_window)
            formula += f", at most {arch.sliding_window:,} tokens (sliding window)"
            note = ("Approximate: assumes a rolling buffer of the window; engines that keep "
                    "the whole context pay the full-attention cost.")
    return KvCache(bytes_per_token=per_token, cached_tokens=cached,
                   bytes_per_sequence=per_token * cached, formula=formula, note=note)


def memory_fit(arch: ModelArchitecture, gpu: GpuSpec, precision: Precision,
               context_tokens: int, gpus: int = 1,
               reserve: float = DEFAULT_MEMORY_RESERVE, kv_bytes: float = 2.0) -> MemoryFit:
    """How many sequences of ``context_tokens`` fit beside the weights on ``gpus`` GPUs."""
    require_positive("gpus", gpus)
    if not 0 <= reserve < 1:
        raise ServingError(f"reserve: must be in [0, 1), got {reserve!r}")
    kv = kv_cache(arch, context_tokens, kv_bytes)
    usable = gpus * gpu.memory_gb * GB * (1 - reserve)
    weights = weight_bytes(arch, precision)
    free = usable - weights
    sequences = max(0, math.floor(free / kv.bytes_per_sequence)) if free > 0 else 0
    return MemoryFit(
        model_id=arch.model_id, gpu_id=gpu.gpu_id, precision=precision, gpus=gpus,
        weights_gb=weights / GB, kv_gb_per_sequence=kv.bytes_per_sequence / GB,
        usable_gb=usable / GB, free_for_kv_gb=free / GB, concurrent_sequences=sequences,
        fits=sequences >= 1, kv=kv,
    )


def tensor_parallel_gpus(arch: ModelArchitecture, gpu: GpuSpec, precision: Precision,
                         context_tokens: int, reserve: float = DEFAULT_MEMORY_RESERVE) -> int:
    """Fewest GPUs (a power of two) holding the weights and one sequence's KV cache."""
    gpus = 1
    while gpus <= MAX_TENSOR_PARALLEL:
        if memory_fit(arch, gpu, precision, context_tokens, gpus, reserve).fits:
            return gpus
        gpus *= 2
    raise ServingError(
        f"model_id: {arch.model} does not fit on {MAX_TENSOR_PARALLEL} × {gpu.name}")


def compute_peak_flops(gpu: GpuSpec, precision: Precision) -> float:
    """Dense FLOP/s the matmuls run at for a precision.

    FP8 and INT8 use their own tensor peaks where the GPU has them; otherwise (and for
    INT4, served as weight-only quantisation) the weights are dequantised and the
    matmuls run at the 16-bit peak.
    """
    own = {"fp8": gpu.dense_fp8_tflops, "int8": gpu.dense_int8_tops}.get(precision)
    peak = own or gpu.dense_16bit_tflops
    if not peak:
        raise ServingError(f"gpu_id: {gpu.name} has no dense tensor peak in the catalog")
    return peak * 1e12


def _bandwidth(gpu: GpuSpec) -> float:
    if not gpu.memory_bandwidth_tbps:
        raise ServingError(f"gpu_id: {gpu.name} has no memory bandwidth in the catalog")
    return gpu.memory_bandwidth_tbps * 1e12


def weights_read_per_step(arch: ModelArchitecture, precision: Precision, batch: int) -> float:
    """Weight bytes a decode step streams from memory.

    Dense models read every weight. A MoE step reads the shared weights and the experts
    its batch routes to: with k of E experts per token chosen uniformly (an
    approximation: real routing is uneven), a batch of b touches 1 − (1 − k/E)^b of them.
    """
    total = weight_bytes(arch, precision)
    if not arch.is_moe:
        return total
    count = parameter_count(arch)
    scale = arch.total_params / count.total  # published total over the shape-built one
    expert_bytes = count.expert * scale * BYTES_PER_PARAM[precision]
    touched = 1 - (1 - (arch.experts_per_token or 0) / (arch.routed_experts or 1)) ** batch
    return total - expert_bytes * (1 - touched)


def decode_point(arch: ModelArchitecture, gpu: GpuSpec, precision: Precision, batch: int,
                 context_tokens: int, efficiency: Efficiency, gpus: int = 1,
                 kv_bytes: float = 2.0) -> ThroughputPoint:
    """One decode step of ``batch`` sequences holding ``context_tokens`` each."""
    require_positive("batch", batch)
    flops = 2 * arch.active_params * batch
    compute_s = flops / (compute_peak_flops(gpu, precision) * efficiency.compute * gpus)
    kv = kv_cache(arch, context_tokens, kv_bytes).bytes_per_sequence * batch
    read = weights_read_per_step(arch, precision, batch) + kv
    bandwidth_s = read / (_bandwidth(gpu) * efficiency.bandwidth * gpus)
    step = max(compute_s, bandwidth_s)
    return ThroughputPoint(
        batch=batch, step_seconds=step, tokens_per_s=batch / step,
        compute_roof_tokens_per_s=batch / compute_s,
        bandwidth_roof_tokens_per_s=batch / bandwidth_s,
        bound="compute" if compute_s >= bandwidth_s else "bandwidth",
    )


def prefill_tokens_per_s(arch: ModelArchitecture, gpu: GpuSpec, precision: Precision,
                         efficiency: Efficiency, gpus: int = 1) -> float:
    return compute_peak_flops(gpu, precision) * efficiency.compute * gpus / (
        2 * arch.active_params)


def estimate(arch: ModelArchitecture, gpu: GpuSpec, precision: Precision,
             input_tokens: int, output_tokens: int, efficiency: Efficiency,
             batch: int | None = None, gpus: int | None = None,
             reserve: float = DEFAULT_MEMORY_RESERVE, max_batch: int = 256) -> ServingEstimate:
    """Throughput of one replica serving requests of ``input_tokens`` → ``output_tokens``.

    ``batch`` defaults to as many sequences as fit (capped at ``max_batch``, vLLM's
    default ``max_num_seqs``); ``gpus`` defaults to the tensor-parallel size the
    weights need. Decode runs at the mean context (input + half the output).
    """
    require_positive("input_tokens", input_tokens)
    require_positive("output_tokens", output_tokens)
    context = input_tokens + output_tokens
    gpus = gpus or tensor_parallel_gpus(arch, gpu, precision, context, reserve)
    fit = memory_fit(arch, gpu, precision, context, gpus, reserve)
    if not fit.fits:
        raise ServingError(
            f"gpus: {arch.model} at {precision.upper()} with {context:,}-token sequences "
            f"does not fit on {gpus} × {gpu.name}")
    batch = batch or min(fit.concurrent_sequences, max_batch)
    if batch > fit.concurrent_sequences:
        raise ServingError(
            f"batch: {batch} sequences need more memory than {gpus} × {gpu.name} has "
            f"({fit.concurrent_sequences} fit)")
    mean_context = input_tokens + max(1, output_tokens // 2)
    point = decode_point(arch, gpu, precision, batch, mean_context, efficiency, gpus)
    prefill = prefill_tokens_per_s(arch, gpu, precision, efficiency, gpus)
    # A batch's time: its prompts through prefill, then output_tokens decode steps.
    batch_seconds = batch * input_tokens / prefill + output_tokens * point.step_seconds
    qps = batch / batch_seconds
    return ServingEstimate(
        fit=fit, batch=batch, prefill_tokens_per_s=prefill, decode=point,
        queries_per_s=qps,
        tokens_per_s_per_gpu=qps * (input_tokens + output_tokens) / gpus,
        output_tokens_per_s_per_gpu=qps * output_tokens / gpus,
    )


def roofline(arch: ModelArchitecture, gpu: GpuSpec, precision: Precision,
             context_tokens: int, efficiency: Efficiency, max_batch: int,
             gpus: int = 1) -> list[ThroughputPoint]:
    """Decode tokens/s at batch 1, 2, 4, … up to ``max_batch`` (and ``max_batch`` itself)."""
    require_positive("max_batch", max_batch)
    batches = sorted({*(2 ** i for i in range(int(math.log2(max_batch)) + 1)), max_batch})
    return [decode_point(arch, gpu, precision, b, context_tokens, efficiency, gpus)
            for b in batches]


def replicas_for_volume(queries_per_month: float, queries_per_s_per_replica: float,
                        utilisation: float, gpus_per_replica: int = 1) -> ReplicaPlan:
    """Fewest replicas that serve the monthly volume at the target utilisation."""
    if queries_per_month < 0 or not math.isfinite(queries_per_month):
        raise ServingError(f"queries_per_month: must be zero or more, got {queries_per_month!r}")
    require_positive("queries_per_s_per_replica", queries_per_s_per_replica)
    if not 0 < utilisation <= 1:
        raise ServingError(f"utilisation: must be in (0, 1], got {utilisation!r}")
    per_replica = queries_per_s_per_replica * SECONDS_PER_MONTH * utilisation
    replicas = max(1, math.ceil(queries_per_month / per_replica))
    # Guard against float rounding in the division leaving capacity a hair short.
    while replicas * per_replica < queries_per_month:
        replicas += 1
    return ReplicaPlan(replicas=replicas, gpus=replicas * gpus_per_replica,
                       capacity_queries_per_month=replicas * per_replica,
                       utilisation=utilisation)
