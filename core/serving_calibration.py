"""Efficiency factors of the serving roofline, calibrated against published throughput.

The vLLM figures of the inference-throughput table (7B on L40S ~10,000 tok/s, 8B on
H100 ~16,200, 14B on A100 80GB ~3,004, 32B on A100 80GB ~577) state neither the
model variant nor the request shape. The calibration therefore fixes both, openly:
each row's size is mapped to a model the seeds name, requests are 512 prompt + 512
output tokens at BF16 with as many sequences as fit (vLLM's default cap of 256), and
the figure is read as input + output tokens per second per GPU. One pair of
efficiencies (compute, bandwidth) is chosen on a 0.05 grid to minimise the squared
log-ratios over all rows, and every row's modelled figure is returned beside the
published one so the spread stays visible.
"""

from __future__ import annotations

import math
from functools import cache

from econplan.core.architectures import architecture, gpu_spec
from econplan.core.catalog import Catalog
from econplan.core.model_base import CoreModel
from econplan.core.provenance import cite
from econplan.core.serving import Efficiency, Precision, ServingError, estimate

CALIBRATION_INPUT_TOKENS = 512
CALIBRATION_OUTPUT_TOKENS = 512
GRID_STEP = 0.05
# Sizes in the throughput table mapped to models the seeds name at that size.
CALIBRATION_MODELS = {
    "7b_l40s": "qwen25_7b",
    "llama31_8b_h100": "llama31_8b",
    "14b_a100_80gb": "phi4_14b",
    "32b_a100_80gb": "qwen3_32b",
}
# Seed 003's self-hosted setups: "7B model", request shape and precision not stated.
# Checked with Mistral 7B (the 7B seed 003 names) at INT8 on short chat requests.
CAPACITY_MODEL = "mistral_7b"
CAPACITY_PRECISION: Precision = "int8"
CAPACITY_INPUT_TOKENS = 200
CAPACITY_OUTPUT_TOKENS = 100
# Seed 003 names the A100 without its memory size; the 80 GB one is assumed.
CAPACITY_GPU_FALLBACK = {"a100_lambda": "a100_80gb"}


class CalibrationPoint(CoreModel):
    throughput_id: str
    model_id: str
    gpu_id: str
    published_tokens_per_s: float
    modelled_tokens_per_s: float
    ratio: float  # modelled / published
    batch: int
    source: str


class Calibration(CoreModel):
    efficiency: Efficiency
    points: list[CalibrationPoint]
    input_tokens: int = CALIBRATION_INPUT_TOKENS
    output_tokens: int = CALIBRATION_OUTPUT_TOKENS


class CapacityCheck(CoreModel):
    setup_id: str
    gpu_id: str | None
    published_qps: float
    modelled_qps: float | None  # None when the catalog lacks the GPU's figures
    ratio: float | None
    note: str = ""
    source: str


def _points(catalog: Catalog, efficiency: Efficiency) -> list[CalibrationPoint]:
    points = []
    for row in catalog.table("inference_throughput").iter_rows(named=True):
        model_id = CALIBRATION_MODELS.get(row["throughput_id"])
        if model_id is None:
            continue
        result = estimate(architecture(catalog, model_id), gpu_spec(catalog, row["gpu_id"]),
                          "bf16", CALIBRATION_INPUT_TOKENS, CALIBRATION_OUTPUT_TOKENS,
                          efficiency)
        published = row["tokens_per_s"]
        points.append(CalibrationPoint(
            throughput_id=row["throughput_id"], model_id=model_id, gpu_id=row["gpu_id"],
            published_tokens_per_s=published,
            modelled_tokens_per_s=result.tokens_per_s_per_gpu,
            ratio=result.tokens_per_s_per_gpu / published, batch=result.batch,
            source=cite(row)))
    return points


@cache
def calibrate(catalog: Catalog) -> Calibration:
    """The efficiency pair that best reproduces the published vLLM figures."""
    steps = [round(GRID_STEP * i, 2) for i in range(1, round(1 / GRID_STEP) + 1)]
    best: tuple[float, Efficiency, list[CalibrationPoint]] | None = None
    for compute in steps:
        for bandwidth in steps:
            efficiency = Efficiency(compute=compute, bandwidth=bandwidth)
            points = _points(catalog, efficiency)
            error = sum(math.log(p.ratio) ** 2 for p in points)
            if best is None or error < best[0]:
                best = (error, efficiency, points)
    if best is None or not best[2]:
        raise ServingError("inference_throughput: no calibration rows in the catalog")
    return Calibration(efficiency=best[1], points=best[2])


def seed_capacity_check(catalog: Catalog, efficiency: Efficiency) -> list[CapacityCheck]:
    """Modelled queries/s of the self-hosted setups beside the capacities published."""
    arch = architecture(catalog, CAPACITY_MODEL)
    checks = []
    for row in catalog.table("self_hosted_setups").iter_rows(named=True):
        gpu_id = row["gpu_id"] or CAPACITY_GPU_FALLBACK.get(row["setup_id"])
        modelled, note = None, ""
        if gpu_id is None:
            note = "GPU not identified"
        else:
            try:
                modelled = estimate(arch, gpu_spec(catalog, gpu_id), CAPACITY_PRECISION,
                                    CAPACITY_INPUT_TOKENS, CAPACITY_OUTPUT_TOKENS,
                                    efficiency).queries_per_s
            except ServingError as exc:
                note = str(exc)
        published = row["capacity_qps"]
        checks.append(CapacityCheck(
            setup_id=row["setup_id"], gpu_id=gpu_id, published_qps=published,
            modelled_qps=modelled, ratio=None if modelled is None else modelled / published,
            note=note, source=cite(row)))
    return checks
