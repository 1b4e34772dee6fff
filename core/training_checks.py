"""What a training plan needs beyond its budget: memory per GPU, interruptions, implied MFU.

Pure functions over ``TrainingInputs`` (and the plan's own GPU-hours), computed once per
plan by ``core.training.plan`` so the tab, the report and ``econplan compute`` show the
same figures:

* memory per GPU (``core.training_memory``) with the plan's GPU and cluster size, and a
  warning when the GPUs cannot hold the model;
* goodput (``core.training_goodput``): the wall-clock and extra GPU-hours interruptions
  cost at the plan's scale;
* the MFU that GPU-hours a lab reported for a run like this one imply.
"""

from __future__ import annotations

import math
from functools import lru_cache

from econplan.core.architectures import ModelArchitecture, architecture, gpu_spec
from econplan.core.catalog import Catalog, CatalogError
from econplan.core.model_base import CoreModel
from econplan.core.training_goodput import Goodput, ImpliedMfu, goodput, implied_mfu
from econplan.core.training_inputs import TrainingInputs, TrainingMode
from econplan.core.training_memory import TrainingMemory, TrainingMemoryPlan, training_memory

# Parameters within 2% of the architecture's published total are the same model.
SAME_SIZE_TOLERANCE = 0.02
METHODS = {TrainingMode.FINETUNE_LORA: "lora", TrainingMode.FINETUNE_QLORA: "qlora"}
METHOD_LABELS = {"full": "full training", "lora": "LoRA (16-bit frozen base)",
                 "qlora": "QLoRA (4-bit NF4 frozen base)"}
OPTIMIZER_LABELS = {"adamw": "mixed-precision AdamW (16 bytes/param)",
                    "adamw_8bit": "8-bit AdamW (10 bytes/param)",
                    "sgd_momentum": "SGD with momentum (12 bytes/param)"}


class MemoryCheck(CoreModel):
    model_id: str
    model: str  # the architecture whose layer shapes were used
    shapes_note: str  # how the architecture relates to the plan's parameter count
    method: str
    method_label: str
    optimizer_label: str
    zero_stage: int
    gpu_name: str
    gpu_memory_gb: float
    gpus: int
    memory: TrainingMemory
    warning: str | None
    source: str


class GoodputCheck(CoreModel):
    goodput: Goodput
    usd_per_gpu_hour: float
    runs: float


@lru_cache(maxsize=4)
def _architectures(catalog: Catalog) -> tuple[ModelArchitecture, ...]:
    ids = catalog.table("model_architectures")["model_id"].to_list()
    return tuple(architecture(catalog, model_id) for model_id in ids)


def closest_architecture(catalog: Catalog, params: float, moe: bool) -> ModelArchitecture:
    """The catalog architecture nearest in (log) size, of the same kind where there is one."""
    candidates = [a for a in _architectures(catalog) if a.is_moe == moe] \
        or list(_architectures(catalog))
    return min(candidates, key=lambda a: abs(math.log(a.total_params / params)))


def _shapes(inputs: TrainingInputs, catalog: Catalog) -> tuple[ModelArchitecture, str]:
    moe = inputs.architecture == "moe"
    chosen = inputs.memory.model_id
    arch = architecture(catalog, chosen) if chosen else \
        closest_architecture(catalog, inputs.params, moe)
    if abs(arch.total_params / inputs.params - 1) <= SAME_SIZE_TOLERANCE:
        return arch, f"{arch.model} configuration"
    # The plan's own size with the architecture's layer shapes: weights and optimizer
    # state follow the plan's N, activations and adapters the shapes.
    scaled = arch.model_copy(update={"total_params": inputs.params,
                                     "active_params": inputs.flops_params})
    how = "chosen" if chosen else "closest in size"
    return scaled, (f"layer shapes of {arch.model} ({how}, {arch.total_params / 1e9:,.1f}B) "
                    f"with the plan's {inputs.params / 1e9:,.1f}B parameters")


def _warning(check: TrainingMemory, gpu_name: str, gpus: int, stage: int) -> str | None:
    if check.fits:
        return None
    need = (f"Memory: the plan needs {check.total_gb:,.0f} GB per GPU but each {gpu_name} "
            f"has {check.usable_gb:,.0f} GB usable, so {gpus:,} GPU{'s' if gpus != 1 else ''} "
            "cannot hold the model")
    if check.min_gpus is not None:
        return f"{need}; at ZeRO stage {stage} it takes at least {check.min_gpus:,} GPUs."
    if check.min_gpus_fully_sharded is not None:
        return (f"{need} at ZeRO stage {stage} at any count; fully sharded (ZeRO 3 / FSDP) "
                f"it takes at least {check.min_gpus_fully_sharded:,} GPUs.")
    return (f"{need} at any GPU count: activations ({check.activations_gb:,.0f} GB) alone "
            "do not fit. Use full recomputation, a shorter sequence or micro-batch, or "
            "tensor/pipeline parallelism (not modelled here).")


def memory_check(inputs: TrainingInputs, catalog: Catalog) -> MemoryCheck | None:
    """Memory per GPU of the plan; None when the GPU has no datasheet figures."""
    try:
        gpu = gpu_spec(catalog, inputs.gpu_id)
    except CatalogError:
        return None
    arch, note = _shapes(inputs, catalog)
    memory = inputs.memory
    method = METHODS.get(inputs.mode, "full")
    plan = TrainingMemoryPlan(method=method, optimizer=memory.optimizer,
                              zero_stage=memory.zero_stage, gpus=inputs.gpu_count,
                              micro_batch=memory.micro_batch,
                              sequence_length=memory.sequence_length,
                              recompute=memory.recompute, lora_rank=memory.lora_rank)
    result = training_memory(arch, gpu, plan)
    return MemoryCheck(
        model_id=arch.model_id, model=arch.model, shapes_note=note, method=method,
        method_label=METHOD_LABELS[method], optimizer_label=OPTIMIZER_LABELS[memory.optimizer],
        zero_stage=memory.zero_stage, gpu_name=gpu.name, gpu_memory_gb=gpu.memory_gb,
        gpus=inputs.gpu_count, memory=result,
        warning=_warning(result, gpu.name, inputs.gpu_count, memory.zero_stage),
        source=f"{arch.source}; {gpu.source}")


def goodput_check(inputs: TrainingInputs, wall_clock_hours: float, runs: float,
                  usd_per_gpu_hour: float) -> GoodputCheck:
    """What interruptions add to ``runs`` runs of ``wall_clock_hours`` on the cluster."""
    g = inputs.goodput
    result = goodput(inputs.gpu_count, max(wall_clock_hours * runs, 1e-9),
                     g.interruptions_per_1000_gpu_days, g.restart_hours,
                     g.checkpoint_interval_hours, g.checkpoint_save_hours, usd_per_gpu_hour)
    return GoodputCheck(goodput=result, usd_per_gpu_hour=usd_per_gpu_hour, runs=runs)


def implied_mfu_check(inputs: TrainingInputs, flops: float, peak_tflops: float | None,
                      goodput_share: float) -> ImpliedMfu | None:
    """The MFU the reported GPU-hours imply for this plan's FLOPs (None when not entered)."""
    if inputs.reported_gpu_hours <= 0 or not peak_tflops:
        return None
    tokens = flops / (6 * inputs.flops_params)
    return implied_mfu(inputs.flops_params, tokens, inputs.reported_gpu_hours, peak_tflops,
                       goodput=min(1.0, max(goodput_share, 1e-9)))
