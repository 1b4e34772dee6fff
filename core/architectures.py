"""Model architectures and GPU datasheet figures from the catalog, as typed records.

``model_architectures`` and ``gpu_specs`` rows become pydantic models so the serving
and training-memory arithmetic works on named, checked fields. ``parameter_count``
rebuilds a model's parameter count from its shapes — the check that a transcribed
configuration is consistent with the total its publisher states.
"""

from __future__ import annotations

from typing import Literal

from econplan.core.catalog import Catalog, CatalogError
from econplan.core.model_base import CoreModel
from econplan.core.provenance import cite
from pydantic import ConfigDict

AttentionType = Literal["full", "grouped_query", "latent", "sliding_window"]


class ModelArchitecture(CoreModel):
    model_config = ConfigDict(frozen=True)

    model_id: str
    model: str
    total_params: float
    active_params: float
    layers: int
    hidden_size: int
    intermediate_size: int
    attention_heads: int
    kv_heads: int
    head_dim: int
    vocab_size: int
    tied_embeddings: bool
    qkv_bias: bool
    context_length: int
    attention_type: AttentionType
    sliding_window: int | None = None
    q_lora_rank: int | None = None
    kv_lora_rank: int | None = None
    qk_rope_head_dim: int | None = None
    qk_nope_head_dim: int | None = None
    v_head_dim: int | None = None
    routed_experts: int | None = None
    experts_per_token: int | None = None
    shared_experts: int | None = None
    moe_intermediate_size: int | None = None
    dense_layers: int | None = None
    source: str = ""

    @property
    def is_moe(self) -> bool:
        return bool(self.routed_experts)


class GpuSpec(CoreModel):
    model_config = ConfigDict(frozen=True)

    gpu_id: str
    name: str
    memory_gb: float
    memory_bandwidth_tbps: float | None
    dense_16bit_tflops: float | None
    dense_fp8_tflops: float | None
    dense_int8_tops: float | None
    dense_int4_tops: float | None
    source: str = ""


class ParameterCount(CoreModel):
    """Parameters rebuilt from a configuration's shapes."""

    total: float
    active: float
    embedding: float
    expert: float  # routed-expert weights, all experts (0 for dense models)
    per_expert: float  # one routed expert's weights across all MoE layers


def architecture(catalog: Catalog, model_id: str) -> ModelArchitecture:
    row = catalog.row("model_architectures", "model_id", model_id)
    fields = {k: v for k, v in row.items() if k in ModelArchitecture.model_fields}
    return ModelArchitecture(**{**fields, "source": cite(row)})


def architectures(catalog: Catalog) -> list[ModelArchitecture]:
    ids = catalog.table("model_architectures")["model_id"].to_list()
    return [architecture(catalog, model_id) for model_id in ids]


def gpu_spec(catalog: Catalog, gpu_id: str) -> GpuSpec:
    try:
        row = catalog.row("gpu_specs", "gpu_id", gpu_id)
    except CatalogError:
        raise CatalogError(f"gpu_id: no datasheet figures for GPU {gpu_id!r}") from None
    fields = {k: v for k, v in row.items() if k in GpuSpec.model_fields}
    return GpuSpec(**{**fields, "source": cite(row)})


def _attention_params(arch: ModelArchitecture) -> float:
    h, heads = arch.hidden_size, arch.attention_heads
    if arch.attention_type == "latent":
        rope, nope = arch.qk_rope_head_dim or 0, arch.qk_nope_head_dim or 0
        v_dim, kv_rank = arch.v_head_dim or arch.head_dim, arch.kv_lora_rank or 0
        q_dim = heads * (nope + rope)
        # Queries through a low-rank bottleneck when q_lora_rank is set (DeepSeek V3).
        query = h * arch.q_lora_rank + arch.q_lora_rank * q_dim if arch.q_lora_rank else h * q_dim
        keys_values = h * (kv_rank + rope) + kv_rank * heads * (nope + v_dim)
        return query + keys_values + heads * v_dim * h
    q_width = heads * arch.head_dim
    kv_width = arch.kv_heads * arch.head_dim
    bias = q_width + 2 * kv_width if arch.qkv_bias else 0
    return h * q_width + 2 * h * kv_width + q_width * h + bias


def parameter_count(arch: ModelArchitecture) -> ParameterCount:
    """Weights of a decoder-only transformer with gated (SwiGLU) MLPs, norms ignored."""
    h = arch.hidden_size
    embedding = arch.vocab_size * h
    head = 0 if arch.tied_embeddings else arch.vocab_size * h
    attention = arch.layers * _attention_params(arch)
    expert_mlp = 3 * h * (arch.moe_intermediate_size or 0)
    if arch.is_moe:
        dense_layers = arch.dense_layers or 0
        moe_layers = arch.layers - dense_layers
        dense_mlp = dense_layers * 3 * h * arch.intermediate_size
        routed = arch.routed_experts or 0
        shared = moe_layers * (arch.shared_experts or 0) * expert_mlp
        router = moe_layers * routed * h
        expert = moe_layers * routed * expert_mlp
        active_expert = moe_layers * (arch.experts_per_token or 0) * expert_mlp
    else:
        moe_layers = 0
        dense_mlp = arch.layers * 3 * h * arch.intermediate_size
        shared = router = expert = active_expert = 0.0
    common = attention + dense_mlp + shared + router
    # Active parameters follow the convention of the MoE papers: the output head
    # counts (a matmul per token), the embedding lookup does not.
    return ParameterCount(
        total=embedding + head + common + expert,
        active=(head or embedding) + common + active_expert,
        embedding=embedding,
        expert=expert,
        per_expert=moe_layers * expert_mlp,
    )
