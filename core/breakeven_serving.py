"""A break-even replica's capacity derived from the model and the GPU (``core.serving``).

When ``breakeven.capacity.source`` is "derived", the queries per second one replica
serves and the GPUs it takes come from the serving roofline at the efficiencies
calibrated on the published vLLM figures, instead of being typed in. Everything the
derivation used is kept on the result, so the tab, the report and ``econplan compute``
show the same table, roofline and calibration.
"""

from __future__ import annotations

import threading
from functools import lru_cache

from econplan.core.architectures import architecture, gpu_spec
from econplan.core.breakeven_inputs import BreakevenInputs
from econplan.core.catalog import Catalog, CatalogError
from econplan.core.errors import PlanError
from econplan.core.model_base import CoreModel
from econplan.core.serving import (
    ServingError,
    ThroughputPoint,
    estimate,
    memory_fit,
    roofline,
    tensor_parallel_gpus,
)
from econplan.core.serving_calibration import (
    Calibration,
    CalibrationPoint,
    CapacityCheck,
    calibrate,
    seed_capacity_check,
)

MAX_BATCH = 256  # vLLM's default max_num_seqs, the cap core.serving.estimate applies
MAX_ROOFLINE_BATCH = 1024


class ServingDerivation(CoreModel):
    """How one replica's capacity follows from the model, the GPU and the precision."""

    model_id: str
    model: str
    gpu_id: str
    gpu_name: str
    precision: str
    input_tokens: int
    output_tokens: int
    context_tokens: int  # KV cache reserved per sequence
    weights_gb: float
    kv_bytes_per_token: float
    kv_formula: str
    kv_note: str
    kv_gb_per_sequence: float
    usable_gb: float  # memory of the replica's GPUs after the 10% reserve
    concurrent_sequences: int
    gpus_per_replica: int
    batch: int
    batch_from_memory: bool  # True: as many sequences as fit (capped at 256)
    prefill_tokens_per_s: float
    decode_tokens_per_s: float
    decode_bound: str  # "compute" or "bandwidth"
    queries_per_second_per_replica: float
    tokens_per_s_per_gpu: float
    efficiency_compute: float
    efficiency_bandwidth: float
    roofline: list[ThroughputPoint]  # decode at the mean context, batch 1 … memory limit
    calibration: list[CalibrationPoint]
    capacity_checks: list[CapacityCheck]
    model_source: str
    gpu_source: str
    # Display names of the ids the calibration rows name (models, GPUs, setups).
    names: dict[str, str]


@lru_cache(maxsize=4)
def _names(catalog: Catalog) -> dict[str, str]:
    names = {}
    for table, key, name in (("model_architectures", "model_id", "model"),
                             ("gpu_specs", "gpu_id", "name"),
                             ("self_hosted_setups", "setup_id", "setup")):
        frame = catalog.table(table)
        names.update(zip(frame[key].to_list(), frame[name].to_list(), strict=True))
    return names


_CALIBRATION_LOCK = threading.Lock()


@lru_cache(maxsize=4)
def _calibrated(catalog: Catalog) -> tuple[Calibration, tuple[CapacityCheck, ...]]:
    calibration = calibrate(catalog)
    return calibration, tuple(seed_capacity_check(catalog, calibration.efficiency))


def _calibration(catalog: Catalog) -> tuple[Calibration, tuple[CapacityCheck, ...]]:
    # One grid search per catalog (about a second); a second caller waits for it.
    with _CALIBRATION_LOCK:
        return _calibrated(catalog)


def warm_calibration(catalog: Catalog) -> None:
    """Run the calibration now, so that a later derivation finds it done. The desktop
    calls this on a background thread: switching a plan to derived capacity then does not
    wait for it on the GUI thread."""
    _calibration(catalog)


def derive(inputs: BreakevenInputs, catalog: Catalog) -> ServingDerivation:
    """The derivation for the inputs' model, GPU, precision, context and batch.

    Raises PlanError naming the field when the GPU lacks datasheet figures or the model
    cannot be served on it."""
    capacity = inputs.capacity
    gpu_id = inputs.selfhost.gpu_id
    if not gpu_id:
        raise PlanError("breakeven.selfhost.gpu_id: deriving capacity needs a catalog GPU "
                        "(its memory, bandwidth and peaks); pick one or type the throughput")
    try:
        arch = architecture(catalog, capacity.model_id)
        gpu = gpu_spec(catalog, gpu_id)
    except CatalogError as exc:
        raise PlanError(f"breakeven.capacity: {exc}") from None
    input_tokens = max(1, round(inputs.input_tokens))
    output_tokens = max(1, round(inputs.output_tokens))
    context = max(capacity.context_tokens, input_tokens + output_tokens)
    calibration, checks = _calibration(catalog)
    efficiency = calibration.efficiency
    try:
        gpus = tensor_parallel_gpus(arch, gpu, capacity.precision, context)
        fit = memory_fit(arch, gpu, capacity.precision, context, gpus)
        batch = capacity.batch or min(fit.concurrent_sequences, MAX_BATCH)
        if batch > fit.concurrent_sequences:
            raise ServingError(
                f"batch: {batch} sequences of {context:,} tokens need more memory than "
                f"{gpus} × {gpu.name} has ({fit.concurrent_sequences} fit)")
        result = estimate(arch, gpu, capacity.precision, input_tokens, output_tokens,
                          efficiency, batch=batch, gpus=gpus)
        mean_context = input_tokens + max(1, output_tokens // 2)
        curve = roofline(arch, gpu, capacity.precision, mean_context, efficiency,
                         max(batch, min(fit.concurrent_sequences, MAX_ROOFLINE_BATCH)), gpus)
    except ServingError as exc:
        raise PlanError(_field_path(str(exc))) from None
    return ServingDerivation(
        model_id=arch.model_id, model=arch.model, gpu_id=gpu.gpu_id, gpu_name=gpu.name,
        precision=capacity.precision, input_tokens=input_tokens, output_tokens=output_tokens,
        context_tokens=context, weights_gb=fit.weights_gb,
        kv_bytes_per_token=fit.kv.bytes_per_token, kv_formula=fit.kv.formula,
        kv_note=fit.kv.note, kv_gb_per_sequence=fit.kv_gb_per_sequence,
        usable_gb=fit.usable_gb, concurrent_sequences=fit.concurrent_sequences,
        gpus_per_replica=gpus, batch=batch,
        batch_from_memory=capacity.batch == 0, prefill_tokens_per_s=result.prefill_tokens_per_s,
        decode_tokens_per_s=result.decode.tokens_per_s, decode_bound=result.decode.bound,
        queries_per_second_per_replica=result.queries_per_s,
        tokens_per_s_per_gpu=result.tokens_per_s_per_gpu,
        efficiency_compute=efficiency.compute, efficiency_bandwidth=efficiency.bandwidth,
        roofline=curve, calibration=calibration.points, capacity_checks=list(checks),
        model_source=arch.source, gpu_source=gpu.source, names=_names(catalog),
    )


def _field_path(message: str) -> str:
    """A serving error names its argument; say which scenario field that is."""
    field, _, rest = message.partition(": ")
    path = {"gpu_id": "breakeven.selfhost.gpu_id", "batch": "breakeven.capacity.batch",
            "model_id": "breakeven.capacity.model_id"}.get(field, "breakeven.capacity")
    return f"{path}: {rest or message}"


def effective_inputs(inputs: BreakevenInputs, catalog: Catalog
                     ) -> tuple[BreakevenInputs, ServingDerivation | None]:
    """The inputs the planner computes with: a derived capacity replaces the typed queries
    per second (the typed value stays in the scenario for switching back)."""
    if inputs.capacity.source != "derived" or inputs.selfhost.serving != "gpu":
        return inputs, None
    derivation = derive(inputs, catalog)
    selfhost = inputs.selfhost.model_copy(update={
        "queries_per_second_per_replica": derivation.queries_per_second_per_replica})
    return inputs.model_copy(update={"selfhost": selfhost}), derivation
