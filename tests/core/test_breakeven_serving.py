"""The break-even planner with capacity derived from the model and the GPU (schema 6)."""

from __future__ import annotations

import math

import pytest
from econplan.core import breakeven
from econplan.core.breakeven import SECONDS_PER_DAY
from econplan.core.breakeven_serving import derive
from econplan.core.compute import compute_all
from econplan.core.defaults import default_scenario
from econplan.core.errors import PlanError
from econplan.core.report import build_report
from econplan.core.scenario import SCHEMA_VERSION
from econplan.core.scenario_io import scenario_from_json_text
from econplan.core.serving_presenter import calibration_table, serving_table
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

MODELS = ["llama31_8b", "qwen25_7b", "qwen3_0_6b", "qwen3_32b", "phi4_14b", "mistral_7b",
          "llama31_70b"]
GPUS = ["a100_80gb", "h100_sxm", "h200", "b200", "l40s", "l4", "rtx_4090"]


def _inputs(catalog, **capacity):
    inputs = default_scenario(catalog).breakeven
    return inputs.model_copy(update={
        "capacity": inputs.capacity.model_copy(update={"source": "derived", **capacity})})


def test_a_new_scenario_types_its_capacity_and_old_files_migrate_to_typed(catalog):
    assert default_scenario(catalog).breakeven.capacity.source == "typed"
    text = default_scenario(catalog).model_dump_json()
    old = text.replace(f'"schema_version":{SCHEMA_VERSION}', '"schema_version":5')
    old = old.replace(',"capacity":{"source":"typed","model_id":"llama31_8b","precision":'
                      '"bf16","context_tokens":0,"batch":0}', "")
    assert '"capacity"' not in old
    migrated = scenario_from_json_text(old, catalog=catalog)
    assert migrated.schema_version == SCHEMA_VERSION
    assert migrated.breakeven.capacity.source == "typed"


def test_derived_capacity_replaces_the_typed_throughput(catalog):
    typed = default_scenario(catalog).breakeven
    derived = _inputs(catalog)
    typed_result = breakeven.plan(typed, catalog)
    derived_result = breakeven.plan(derived, catalog)
    assert typed_result.serving is None and typed_result.capacity_source == "typed"
    assert typed_result.queries_per_second_per_replica == \
        typed.selfhost.queries_per_second_per_replica
    serving = derived_result.serving
    assert serving is not None and derived_result.capacity_source == "derived"
    assert derived_result.queries_per_second_per_replica == pytest.approx(
        serving.queries_per_second_per_replica)
    assert serving.queries_per_second_per_replica != \
        pytest.approx(typed.selfhost.queries_per_second_per_replica)


def test_a_model_on_several_gpus_pays_for_all_of_them(catalog):
    inputs = _inputs(catalog, model_id="llama31_405b")
    result = breakeven.plan(inputs, catalog)
    assert result.gpus_per_replica >= 8
    gpu_line = next(line for line in result.monthly_lines if line.line_id == "gpu")
    host = inputs.selfhost
    assert gpu_line.usd == pytest.approx(result.replicas * result.gpus_per_replica
                                         * host.usd_per_gpu_hour * breakeven.HOURS_PER_MONTH)
    assert f"{result.gpus_per_replica} GPUs" in gpu_line.basis


def test_more_volume_needs_more_derived_replicas(catalog):
    inputs = _inputs(catalog)
    few = breakeven.plan(inputs, catalog).replicas
    many = breakeven.plan(inputs.model_copy(update={"queries_per_month": 1e9}), catalog).replicas
    assert many > few


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(model=st.sampled_from(MODELS), gpu=st.sampled_from(GPUS),
       precision=st.sampled_from(["bf16", "fp8", "int8", "int4"]),
       volume=st.floats(1_000, 1e9), utilisation=st.floats(0.05, 1.0),
       input_tokens=st.integers(10, 8_000), output_tokens=st.integers(10, 2_000))
def test_derived_replicas_never_serve_less_than_the_volume(catalog, model, gpu, precision,
                                                          volume, utilisation, input_tokens,
                                                          output_tokens):
    inputs = _inputs(catalog, model_id=model, precision=precision)
    inputs = inputs.model_copy(update={
        "queries_per_month": volume, "input_tokens": input_tokens,
        "output_tokens": output_tokens,
        "selfhost": inputs.selfhost.model_copy(update={"gpu_id": gpu,
                                                       "utilisation": utilisation})})
    try:
        result = breakeven.plan(inputs, catalog)
    except PlanError as exc:  # a model that cannot be served there says which field
        assert str(exc).startswith("breakeven.")
        return
    qps = result.queries_per_second_per_replica
    assert qps > 0 and math.isfinite(qps)
    capacity = result.replicas_for_volume * qps * utilisation * \
        breakeven.days_per_month(catalog) * SECONDS_PER_DAY
    assert capacity >= volume * inputs.selfhost.traffic_share * (1 - 1e-9)


def test_a_typed_gpu_cannot_be_derived_and_the_error_names_the_field(catalog):
    inputs = _inputs(catalog)
    inputs = inputs.model_copy(update={
        "selfhost": inputs.selfhost.model_copy(update={"gpu_id": ""})})
    with pytest.raises(PlanError, match=r"^breakeven\.selfhost\.gpu_id"):
        breakeven.plan(inputs, catalog)


def test_a_batch_that_does_not_fit_names_the_field(catalog):
    inputs = _inputs(catalog, model_id="llama31_70b", batch=4096, context_tokens=131_072)
    with pytest.raises(PlanError, match=r"^breakeven\.capacity\.batch"):
        derive(inputs, catalog)


def test_derivation_table_roofline_and_calibration(catalog):
    result = breakeven.plan(_inputs(catalog), catalog)
    table = serving_table(result)
    labels = [row[0] for row in table.rows]
    for figure in ("Weights", "KV cache per token", "Concurrent sequences", "GPUs per replica",
                   "Prefill", "Decode", "Queries per second per replica", "Replicas"):
        assert figure in labels
    batches = [point.batch for point in result.serving.roofline]
    assert batches == sorted(batches) and batches[0] == 1
    for point in result.serving.roofline:
        roof = min(point.compute_roof_tokens_per_s, point.bandwidth_roof_tokens_per_s)
        assert point.tokens_per_s == pytest.approx(roof)
    calibration = calibration_table(result.serving)
    assert len(calibration.rows) == len(result.serving.calibration) + \
        len(result.serving.capacity_checks)
    # Users read document titles, never the seeds' file names.
    text = " ".join(" ".join(row) for row in table.rows + calibration.rows)
    assert ".txt" not in text
    assert "Model Training Economics" in text


def test_compute_json_and_report_carry_the_derivation(catalog):
    scenario = default_scenario(catalog)
    scenario = scenario.model_copy(update={"breakeven": _inputs(catalog)})
    payload = compute_all(scenario, catalog)
    serving = payload["breakeven"]["serving"]
    assert payload["breakeven"]["capacity_source"] == "derived"
    assert serving["gpus_per_replica"] >= 1 and serving["roofline"]
    report = build_report(scenario, catalog)
    section = next(s for s in report.sections if s.planner_id == "breakeven")
    ids = {getattr(block, "table_id", None) or getattr(block, "chart_id", None)
           for block in section.blocks}
    assert {"breakeven_serving", "breakeven_serving_roofline",
            "breakeven_serving_calibration"} <= ids
