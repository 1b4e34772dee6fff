"""Rules of the serving arithmetic that hold for every model, GPU and shape."""

from econplan.core.architectures import architecture, gpu_spec
from econplan.core.serving import (
    Efficiency,
    decode_point,
    kv_cache,
    memory_fit,
    replicas_for_volume,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

hypothesis_settings = settings(max_examples=80, deadline=None,
                               suppress_health_check=[HealthCheck.function_scoped_fixture])
MODELS = ["llama31_8b", "llama31_70b", "qwen25_7b", "qwen3_0_6b", "qwen3_32b", "phi3_mini",
          "phi4_14b", "mistral_7b", "deepseek_v3", "qwen3_235b_a22b", "llama31_405b", "llama2_70b"]
GPUS = ["a100_40gb", "a100_80gb", "h100_sxm", "h100_pcie", "h800", "h200", "b200", "gb200",
        "l40s", "l4", "t4", "rtx_4090", "rtx_5090"]
efficiencies = st.builds(Efficiency, compute=st.floats(0.05, 1.0), bandwidth=st.floats(0.05, 1.0))


@hypothesis_settings
@given(model=st.sampled_from(MODELS), gpu=st.sampled_from(GPUS),
       precision=st.sampled_from(["bf16", "fp8", "int8", "int4"]),
       batch=st.integers(1, 4096), context=st.integers(1, 200_000), efficiency=efficiencies)
def test_more_batch_never_lowers_throughput_below_batch_one(catalog, model, gpu, precision,
                                                            batch, context, efficiency):
    arch, spec = architecture(catalog, model), gpu_spec(catalog, gpu)
    one = decode_point(arch, spec, precision, 1, context, efficiency)
    many = decode_point(arch, spec, precision, batch, context, efficiency)
    assert many.tokens_per_s >= one.tokens_per_s * (1 - 1e-9)


@hypothesis_settings
@given(model=st.sampled_from(MODELS), short=st.integers(1, 100_000),
       extra=st.integers(0, 100_000))
def test_memory_grows_with_context(catalog, model, short, extra):
    arch = architecture(catalog, model)
    assert kv_cache(arch, short + extra).bytes_per_sequence >= kv_cache(
        arch, short).bytes_per_sequence
    spec = gpu_spec(catalog, "h200")
    assert memory_fit(arch, spec, "fp8", short + extra).concurrent_sequences <= memory_fit(
        arch, spec, "fp8", short).concurrent_sequences


@hypothesis_settings
@given(model=st.sampled_from(MODELS), gpu=st.sampled_from(GPUS),
       context=st.integers(1, 200_000), gpus=st.sampled_from([1, 2, 4, 8, 16]))
def test_a_model_that_fits_at_bf16_fits_at_fp8(catalog, model, gpu, context, gpus):
    arch, spec = architecture(catalog, model), gpu_spec(catalog, gpu)
    bf16 = memory_fit(arch, spec, "bf16", context, gpus)
    fp8 = memory_fit(arch, spec, "fp8", context, gpus)
    assert fp8.concurrent_sequences >= bf16.concurrent_sequences
    if bf16.fits:
        assert fp8.fits


@hypothesis_settings
@given(volume=st.floats(0, 1e12), qps=st.floats(1e-3, 1e4), utilisation=st.floats(0.01, 1.0),
       gpus=st.integers(1, 16))
def test_derived_replicas_never_serve_less_than_the_volume(volume, qps, utilisation, gpus):
    plan = replicas_for_volume(volume, qps, utilisation, gpus)
    assert plan.capacity_queries_per_month >= volume
    assert plan.gpus == plan.replicas * gpus
    # One replica fewer would fall short (unless one is the minimum).
    if plan.replicas > 1:
        assert (plan.replicas - 1) * plan.capacity_queries_per_month / plan.replicas < volume


def test_property_lists_cover_the_catalog(catalog):
    assert set(MODELS) == set(catalog.table("model_architectures")["model_id"])
    with_bandwidth = catalog.table("gpu_specs").drop_nulls("memory_bandwidth_tbps")
    assert set(GPUS) == set(with_bandwidth["gpu_id"])
