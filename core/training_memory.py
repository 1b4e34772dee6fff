"""Memory per GPU of a training plan: will it fit, and on how few GPUs.

Model states follow the ZeRO paper (Rajbhandari et al. 2020): mixed-precision Adam
keeps 16-bit weights (2 bytes/param) and gradients (2) plus an FP32 master copy and two
FP32 moments (12) — 16 bytes per parameter. ZeRO stage 1 shards the optimizer state
over the data-parallel GPUs, stage 2 also the gradients, stage 3 (= FSDP full shard)
also the weights.

Activations follow Korthikanti et al. 2022 ("Reducing Activation Recomputation in
Large Transformer Models"), 16-bit, per layer and micro-batch, no tensor or sequence
parallelism: s·b·h·(34 + 5·a·s/h) bytes stored for the backward pass, 34·s·b·h with
selective recomputation of attention (what FlashAttention effectively gives) and
2·s·b·h with full recomputation (only each layer's input is kept). The constants are
derived for GPT-style blocks (multi-head attention, 4h MLP); grouped-query attention
and gated MLPs shift them by some tens of percent, and the logits and temporary
buffers are left to the memory reserve.

LoRA and QLoRA freeze the base (16-bit, or 4-bit NF4 with double quantisation ≈ 4.127
bits/param per the QLoRA paper) and train rank-r adapters on every attention and MLP
projection, whose weights, gradients and optimizer states are counted like full
training's.
"""

from __future__ import annotations

import math
from typing import Literal

from econplan.core.architectures import GpuSpec, ModelArchitecture
from econplan.core.model_base import CoreModel, InputModel

GB = 1e9
Method = Literal["full", "lora", "qlora"]
Optimizer = Literal["adamw", "adamw_8bit", "sgd_momentum"]
Recompute = Literal["none", "selective", "full"]
ZeroStage = Literal[0, 1, 2, 3]

# Bytes per trained parameter of the optimizer state, FP32 master weights included.
OPTIMIZER_BYTES: dict[str, float] = {"adamw": 12.0, "adamw_8bit": 6.0, "sgd_momentum": 8.0}
WEIGHT_BYTES = 2.0  # 16-bit working copy of the weights
GRADIENT_BYTES = 2.0
QLORA_BASE_BYTES = 4.127 / 8  # NF4 + double-quantised constants (QLoRA paper §3)
DEFAULT_RESERVE = 0.10  # CUDA context, allocator fragmentation, logits


class TrainingMemoryError(ValueError):
    """A training-memory input that cannot be computed; the message names the field."""


class TrainingMemoryPlan(InputModel):
    method: Method = "full"
    optimizer: Optimizer = "adamw"
    zero_stage: ZeroStage = 0
    gpus: int = 1
    micro_batch: int = 1
    sequence_length: int = 2048
    recompute: Recompute = "selective"
    lora_rank: int = 16
    reserve: float = DEFAULT_RESERVE


class TrainingMemory(CoreModel):
    trained_params: float
    weights_gb: float  # per GPU, after sharding
    gradients_gb: float
    optimizer_gb: float
    activations_gb: float
    total_gb: float
    usable_gb: float  # one GPU's memory after the reserve
    fits: bool
    min_gpus: int | None  # fewest GPUs at this ZeRO stage; None when no count fits
    min_gpus_fully_sharded: int | None  # the same at ZeRO stage 3 / FSDP full shard
    approximations: list[str]


def activation_bytes_per_layer(arch: ModelArchitecture, sequence_length: int,
                               micro_batch: int, recompute: Recompute) -> float:
    """Korthikanti et al. (2022) activation memory of one transformer layer."""
    sbh = sequence_length * micro_batch * arch.hidden_size
    if recompute == "full":
        return 2 * sbh
    if recompute == "selective":
        return 34 * sbh
    return sbh * (34 + 5 * arch.attention_heads * sequence_length / arch.hidden_size)


def lora_adapter_params(arch: ModelArchitecture, rank: int) -> float:
    """Rank-r adapters (r·(d_in + d_out) each) on every attention and MLP projection.

    MoE models get adapters on attention and on dense or shared-expert MLPs only;
    routed experts are usually left frozen.
    """
    h = arch.hidden_size
    if arch.attention_type == "latent":
        heads = arch.attention_heads
        q_out = heads * ((arch.qk_nope_head_dim or 0) + (arch.qk_rope_head_dim or 0))
        v_dim = arch.v_head_dim or arch.head_dim
        attention_shapes = [(h, q_out), (h, (arch.kv_lora_rank or 0)),
                            (arch.kv_lora_rank or 0, heads * ((arch.qk_nope_head_dim or 0)
                                                               + v_dim)),
                            (heads * v_dim, h)]
    else:
        q_width = arch.attention_heads * arch.head_dim
        kv_width = arch.kv_heads * arch.head_dim
        attention_shapes = [(h, q_width), (h, kv_width), (h, kv_width), (q_width, h)]
    attention = sum(rank * (d_in + d_out) for d_in, d_out in attention_shapes)
    if arch.is_moe:
        dense_layers = arch.dense_layers or 0
        shared = (arch.shared_experts or 0) * (arch.moe_intermediate_size or 0)
        mlp_layers = [(dense_layers, arch.intermediate_size),
                      (arch.layers - dense_layers, shared)]
    else:
        mlp_layers = [(arch.layers, arch.intermediate_size)]
    mlp = sum(layers * 3 * rank * (h + width) for layers, width in mlp_layers if width)
    return arch.layers * attention + mlp


def _min_gpus(sharded: float, whole: float, usable: float) -> int | None:
    """Fewest GPUs for which whole + sharded / GPUs fits in ``usable`` bytes."""
    room = usable - whole
    if room <= 0:
        return None
    return 1 if sharded == 0 else max(1, math.ceil(sharded / room))


def _check(plan: TrainingMemoryPlan) -> None:
    for name in ("gpus", "micro_batch", "sequence_length", "lora_rank"):
        value = getattr(plan, name)
        if value < 1:
            raise TrainingMemoryError(f"{name}: must be at least 1, got {value}")
    if not 0 <= plan.reserve < 1:
        raise TrainingMemoryError(f"reserve: must be in [0, 1), got {plan.reserve}")


def _states(arch: ModelArchitecture, plan: TrainingMemoryPlan) -> tuple[float, ...]:
    """Unsharded bytes of (weights, gradients, optimizer state) and the trained params."""
    if plan.method == "full":
        trained = arch.total_params
        return (arch.total_params * WEIGHT_BYTES, trained * GRADIENT_BYTES,
                trained * OPTIMIZER_BYTES[plan.optimizer], trained)
    trained = lora_adapter_params(arch, plan.lora_rank)
    base = QLORA_BASE_BYTES if plan.method == "qlora" else WEIGHT_BYTES
    return (arch.total_params * base + trained * WEIGHT_BYTES, trained * GRADIENT_BYTES,
            trained * OPTIMIZER_BYTES[plan.optimizer], trained)


def training_memory(arch: ModelArchitecture, gpu: GpuSpec,
                    plan: TrainingMemoryPlan) -> TrainingMemory:
    _check(plan)
    weights, gradients, optimizer, trained = _states(arch, plan)
    stage = plan.zero_stage
    # Which states are split over the data-parallel GPUs at this stage.
    sharded = (weights if stage >= 3 else 0) + (gradients if stage >= 2 else 0) + (
        optimizer if stage >= 1 else 0)
    whole = weights + gradients + optimizer - sharded
    activations = arch.layers * activation_bytes_per_layer(
        arch, plan.sequence_length, plan.micro_batch, plan.recompute)
    usable = gpu.memory_gb * GB * (1 - plan.reserve)

    def share(value: float, sharded_at: int) -> float:
        return value / plan.gpus if stage >= sharded_at else value

    total = whole + activations + sharded / plan.gpus
    approximations = [
        "Activations: Korthikanti et al. 2022 per-layer formula for GPT-style blocks "
        f"({plan.recompute} recomputation); logits and temporary buffers sit in the "
        f"{plan.reserve:.0%} reserve.",
    ]
    if plan.method != "full":
        approximations.append(
            f"Adapters of rank {plan.lora_rank} on every attention and MLP projection"
            + (" (routed experts frozen)." if arch.is_moe else "."))
    return TrainingMemory(
        trained_params=trained,
        weights_gb=share(weights, 3) / GB,
        gradients_gb=share(gradients, 2) / GB,
        optimizer_gb=share(optimizer, 1) / GB,
        activations_gb=activations / GB,
        total_gb=total / GB,
        usable_gb=usable / GB,
        fits=total <= usable,
        min_gpus=_min_gpus(sharded, whole + activations, usable),
        min_gpus_fully_sharded=_min_gpus(weights + gradients + optimizer, activations, usable),
        approximations=approximations,
    )
