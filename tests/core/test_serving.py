"""Serving capacity: architecture transcription, KV cache, fit, throughput, calibration."""

import pytest
from econplan.core.architectures import architecture, architectures, gpu_spec, parameter_count
from econplan.core.catalog import CatalogError
from econplan.core.serving import (
    Efficiency,
    ServingError,
    decode_point,
    estimate,
    kv_cache,
    memory_fit,
    replicas_for_volume,
    roofline,
    tensor_parallel_gpus,
    weights_read_per_step,
)
from econplan.core.serving_calibration import calibrate, seed_capacity_check

EFFICIENCY = Efficiency(compute=0.5, bandwidth=0.8)


def test_every_architecture_rebuilds_its_published_total(catalog):
    # A transcription slip in a width or a layer count moves the total by far more.
    for arch in architectures(catalog):
        count = parameter_count(arch)
        assert count.total == pytest.approx(arch.total_params, rel=0.02), arch.model_id


def test_moe_active_parameters_match_the_published_figure(catalog):
    moe = [a for a in architectures(catalog) if a.is_moe]
    assert {a.model_id for a in moe} == {"deepseek_v3", "qwen3_235b_a22b"}
    for arch in moe:
        assert parameter_count(arch).active == pytest.approx(arch.active_params, rel=0.03)


def test_dense_rows_state_active_equal_to_total(catalog):
    for arch in architectures(catalog):
        if not arch.is_moe:
            assert arch.active_params == arch.total_params, arch.model_id


def test_kv_cache_of_grouped_query_attention(catalog):
    llama = architecture(catalog, "llama31_8b")
    kv = kv_cache(llama, 1000)
    assert kv.bytes_per_token == 2 * 32 * 8 * 128 * 2  # 128 KiB per token
    assert kv.bytes_per_sequence == kv.bytes_per_token * 1000


def test_kv_cache_of_latent_attention_is_the_compressed_width(catalog):
    deepseek = architecture(catalog, "deepseek_v3")
    kv = kv_cache(deepseek, 4096)
    assert kv.bytes_per_token == 61 * (512 + 64) * 2
    assert "MLA" in kv.note


def test_sliding_window_caps_the_cached_tokens(catalog):
    mistral = architecture(catalog, "mistral_7b")
    assert kv_cache(mistral, 2000).cached_tokens == 2000
    long = kv_cache(mistral, 8192)
    assert long.cached_tokens == 4096
    assert "Approximate" in long.note


def test_gpu_spec_lookup_names_the_field(catalog):
    with pytest.raises(CatalogError, match="gpu_id"):
        gpu_spec(catalog, "no_such_gpu")


def test_weights_that_do_not_fit_one_gpu_take_a_power_of_two(catalog):
    h100 = gpu_spec(catalog, "h100_sxm")
    assert tensor_parallel_gpus(architecture(catalog, "llama31_8b"), h100, "bf16", 4096) == 1
    assert tensor_parallel_gpus(architecture(catalog, "llama31_70b"), h100, "bf16", 4096) == 2
    assert tensor_parallel_gpus(architecture(catalog, "llama31_70b"), h100, "fp8", 4096) == 1
    # 810 GB of BF16 weights over 72 usable GB per GPU: 12 would do, 16 is the power of two.
    assert tensor_parallel_gpus(architecture(catalog, "llama31_405b"), h100, "bf16", 4096) == 16


def test_memory_fit_counts_sequences_after_weights_and_reserve(catalog):
    fit = memory_fit(architecture(catalog, "llama31_8b"), gpu_spec(catalog, "h100_sxm"),
                     "bf16", 2048)
    assert fit.usable_gb == pytest.approx(72)
    assert fit.weights_gb == pytest.approx(16.06)
    expected = int((72e9 - 16.06e9) // (2048 * 131072))
    assert fit.concurrent_sequences == expected


def test_moe_decode_reads_fewer_weights_at_small_batch(catalog):
    deepseek = architecture(catalog, "deepseek_v3")
    one = weights_read_per_step(deepseek, "fp8", 1)
    assert one < 0.1 * deepseek.total_params  # ~37B active of 671B at one byte each
    assert weights_read_per_step(deepseek, "fp8", 4096) == pytest.approx(
        deepseek.total_params, rel=1e-3)


def test_roofline_series_sits_under_both_roofs(catalog):
    series = roofline(architecture(catalog, "llama31_8b"), gpu_spec(catalog, "h100_sxm"),
                      "bf16", 1024, EFFICIENCY, max_batch=200)
    assert [p.batch for p in series] == [1, 2, 4, 8, 16, 32, 64, 128, 200]
    for point in series:
        assert point.tokens_per_s == pytest.approx(
            min(point.compute_roof_tokens_per_s, point.bandwidth_roof_tokens_per_s))
    assert series[0].bound == "bandwidth"
    compute_roofs = {round(p.compute_roof_tokens_per_s) for p in series}
    assert len(compute_roofs) == 1  # the compute roof does not depend on the batch


def test_estimate_reports_queries_and_tokens(catalog):
    result = estimate(architecture(catalog, "llama31_8b"), gpu_spec(catalog, "h100_sxm"),
                      "bf16", 500, 200, EFFICIENCY, batch=32)
    assert result.fit.gpus == 1 and result.batch == 32
    assert result.tokens_per_s_per_gpu == pytest.approx(result.queries_per_s * 700)
    assert result.output_tokens_per_s_per_gpu == pytest.approx(result.queries_per_s * 200)


@pytest.mark.parametrize(("kwargs", "field"), [
    ({"input_tokens": 0}, "input_tokens"),
    ({"output_tokens": -5}, "output_tokens"),
    ({"batch": 100_000}, "batch"),
])
def test_bad_serving_input_names_the_field(catalog, kwargs, field):
    args = {"input_tokens": 500, "output_tokens": 200, "batch": None} | kwargs
    with pytest.raises(ServingError, match=field):
        estimate(architecture(catalog, "llama31_8b"), gpu_spec(catalog, "h100_sxm"), "bf16",
                 args["input_tokens"], args["output_tokens"], EFFICIENCY, batch=args["batch"])


def test_gpu_without_figures_is_a_clear_error(catalog):
    with pytest.raises(ServingError, match="gpu_id: A10G"):
        decode_point(architecture(catalog, "mistral_7b"), gpu_spec(catalog, "a10g"), "bf16",
                     1, 100, EFFICIENCY)


def test_replicas_for_volume_rounds_up():
    plan = replicas_for_volume(10_000_000, queries_per_s_per_replica=2.0, utilisation=0.5)
    per_replica = 2.0 * 730 * 3600 * 0.5
    assert plan.replicas == 4  # 10M / 2.628M = 3.8
    assert plan.capacity_queries_per_month == pytest.approx(4 * per_replica)
    with pytest.raises(ServingError, match="utilisation"):
        replicas_for_volume(1, 1.0, 0)


def test_calibration_reproduces_the_published_vllm_figures(catalog):
    calibration = calibrate(catalog)
    assert 0 < calibration.efficiency.compute <= 1
    assert 0 < calibration.efficiency.bandwidth <= 1
    assert {p.throughput_id for p in calibration.points} == {
        "7b_l40s", "llama31_8b_h100", "14b_a100_80gb", "32b_a100_80gb"}
    for point in calibration.points:
        # One efficiency pair for four setups the seed does not describe: each row
        # lands within a factor 1.5 of its published figure.
        assert 1 / 1.5 <= point.ratio <= 1.5, point
        assert point.ratio == pytest.approx(
            point.modelled_tokens_per_s / point.published_tokens_per_s)


def test_seed_003_capacities_are_a_second_check(catalog):
    checks = {c.setup_id: c for c in seed_capacity_check(catalog, calibrate(catalog).efficiency)}
    assert set(checks) == {"rtx_4090_home", "a10g_aws", "a100_lambda", "t4_gcp"}
    assert checks["a10g_aws"].modelled_qps is None
    assert "A10G" in checks["a10g_aws"].note
    computed = [c for c in checks.values() if c.modelled_qps is not None]
    assert len(computed) == 3
    for check in computed:
        assert 1 / 3 <= check.ratio <= 3, check
    assert min(computed, key=lambda c: c.modelled_qps).setup_id == "t4_gcp"
