"""Training memory per GPU, implied MFU and goodput."""

import pytest
from econplan.core import training_goodput as tg
from econplan.core import training_memory as tm
from econplan.core.architectures import architecture, gpu_spec
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

hypothesis_settings = settings(max_examples=60, deadline=None,
                               suppress_health_check=[HealthCheck.function_scoped_fixture])
MODELS = ["llama31_8b", "llama31_70b", "qwen3_32b", "phi4_14b", "mistral_7b", "deepseek_v3"]


def test_mixed_precision_adam_is_16_bytes_per_parameter(catalog):
    arch = architecture(catalog, "llama31_8b")
    memory = tm.training_memory(arch, gpu_spec(catalog, "h100_sxm"),
                                tm.TrainingMemoryPlan(recompute="full"))
    states = memory.weights_gb + memory.gradients_gb + memory.optimizer_gb
    assert states == pytest.approx(arch.total_params * 16 / 1e9)
    assert not memory.fits and memory.min_gpus is None  # stage 0 never shards
    assert memory.min_gpus_fully_sharded == 2


def test_zero_stages_shard_optimizer_then_gradients_then_weights(catalog):
    arch, h100 = architecture(catalog, "llama31_8b"), gpu_spec(catalog, "h100_sxm")
    stages = [tm.training_memory(arch, h100, tm.TrainingMemoryPlan(zero_stage=s, gpus=8))
              for s in (0, 1, 2, 3)]
    n = arch.total_params / 1e9
    assert [m.optimizer_gb for m in stages] == pytest.approx([12 * n, 12 * n / 8,
                                                              12 * n / 8, 12 * n / 8])
    assert [m.gradients_gb for m in stages] == pytest.approx([2 * n, 2 * n, 2 * n / 8,
                                                              2 * n / 8])
    assert [m.weights_gb for m in stages] == pytest.approx([2 * n, 2 * n, 2 * n, 2 * n / 8])
    totals = [m.total_gb for m in stages]
    assert totals == sorted(totals, reverse=True)


def test_minimum_gpus_is_the_fewest_that_fit(catalog):
    arch, h100 = architecture(catalog, "llama31_70b"), gpu_spec(catalog, "h100_sxm")
    plan = tm.TrainingMemoryPlan(zero_stage=3, gpus=1)
    needed = tm.training_memory(arch, h100, plan).min_gpus
    at = tm.training_memory(arch, h100, plan.model_copy(update={"gpus": needed}))
    below = tm.training_memory(arch, h100, plan.model_copy(update={"gpus": needed - 1}))
    assert at.fits and not below.fits


def test_activation_formula_of_korthikanti_et_al(catalog):
    arch = architecture(catalog, "llama31_8b")  # s·b·h·(34 + 5·a·s/h)
    s, b, h, a = 2048, 2, 4096, 32
    assert tm.activation_bytes_per_layer(arch, s, b, "none") == s * b * h * (34 + 5 * a * s / h)
    assert tm.activation_bytes_per_layer(arch, s, b, "selective") == 34 * s * b * h
    assert tm.activation_bytes_per_layer(arch, s, b, "full") == 2 * s * b * h


def test_lora_adapter_size_from_rank_and_shapes(catalog):
    # Llama 3.1 8B, rank 16 on q, k, v, o, gate, up, down: the well-known 42M adapter.
    assert tm.lora_adapter_params(architecture(catalog, "llama31_8b"), 16) == 41_943_040
    assert tm.lora_adapter_params(architecture(catalog, "llama31_8b"), 32) == 2 * 41_943_040


def test_seed_qlora_runs_fit_their_gpus(catalog):
    # Seed 003: Llama 3.1 8B QLoRA on an RTX 4090; Mistral 7B QLoRA on a T4.
    qlora = tm.TrainingMemoryPlan(method="qlora", recompute="full", sequence_length=1024)
    for model, gpu in (("llama31_8b", "rtx_4090"), ("mistral_7b", "t4")):
        memory = tm.training_memory(architecture(catalog, model), gpu_spec(catalog, gpu), qlora)
        assert memory.fits, (model, gpu, memory.total_gb)
    arch = architecture(catalog, "llama31_8b")
    four_bit = tm.training_memory(arch, gpu_spec(catalog, "rtx_4090"), qlora)
    sixteen_bit = tm.training_memory(arch, gpu_spec(catalog, "rtx_4090"),
                                     qlora.model_copy(update={"method": "lora"}))
    adapters = 2 * tm.lora_adapter_params(arch, 16)
    assert four_bit.weights_gb * 1e9 == pytest.approx(arch.total_params * 4.127 / 8 + adapters)
    assert sixteen_bit.weights_gb * 1e9 == pytest.approx(arch.total_params * 2 + adapters)
    assert sixteen_bit.optimizer_gb == four_bit.optimizer_gb  # same adapters, same states


@pytest.mark.parametrize(("field", "update"), [
    ("gpus", {"gpus": 0}), ("micro_batch", {"micro_batch": 0}),
    ("sequence_length", {"sequence_length": 0}), ("reserve", {"reserve": 1.0}),
])
def test_bad_plan_names_the_field(catalog, field, update):
    plan = tm.TrainingMemoryPlan().model_copy(update=update)
    with pytest.raises(tm.TrainingMemoryError, match=field):
        tm.training_memory(architecture(catalog, "llama31_8b"), gpu_spec(catalog, "h100_sxm"), plan)


@hypothesis_settings
@given(model=st.sampled_from(MODELS), stage=st.sampled_from([1, 2, 3]),
       gpus=st.integers(1, 512), more=st.integers(1, 512),
       method=st.sampled_from(["full", "lora", "qlora"]))
def test_sharded_memory_per_gpu_falls_with_more_gpus(catalog, model, stage, gpus, more, method):
    arch, h100 = architecture(catalog, model), gpu_spec(catalog, "h100_sxm")
    plan = tm.TrainingMemoryPlan(method=method, zero_stage=stage, gpus=gpus)
    fewer = tm.training_memory(arch, h100, plan)
    larger = tm.training_memory(arch, h100, plan.model_copy(update={"gpus": gpus + more}))
    assert larger.total_gb < fewer.total_gb
    if fewer.fits:
        assert larger.fits


@hypothesis_settings
@given(model=st.sampled_from(MODELS), short=st.integers(1, 32_768), extra=st.integers(1, 32_768),
       recompute=st.sampled_from(["none", "selective", "full"]))
def test_training_memory_grows_with_sequence_length(catalog, model, short, extra, recompute):
    arch, h100 = architecture(catalog, model), gpu_spec(catalog, "h100_sxm")
    plan = tm.TrainingMemoryPlan(sequence_length=short, recompute=recompute)
    longer = plan.model_copy(update={"sequence_length": short + extra})
    assert tm.training_memory(arch, h100, longer).total_gb > tm.training_memory(
        arch, h100, plan).total_gb


def test_llama_405b_implied_mfu(catalog):
    # 6·N·D over 30.84M H100-hours at 989 TFLOP/s: about 34.5% of all GPU-hours; over
    # the >90% effective time and with PaLM's attention term at 8K context, ~41%.
    raw = tg.implied_mfu_for_run(catalog, "llama31_405b")
    assert raw.mfu == pytest.approx(6 * 405e9 * 15.6e12 / (30.84e6 * 3600 * 989e12))
    assert 0.34 < raw.mfu < 0.35
    running = tg.implied_mfu_for_run(catalog, "llama31_405b", goodput=0.9, seq_len=8192)
    assert running.includes_attention
    assert 0.38 <= running.mfu_while_running <= 0.43  # the paper's Table 4 band
    assert tg.implied_mfu_for_run(catalog, "deepseek_v3").mfu == pytest.approx(
        6 * 37e9 * 14.8e12 / (2.79e6 * 3600 * 989e12))


def test_implied_mfu_rejects_bad_input(catalog):
    with pytest.raises(tg.GoodputError, match="gpu_hours"):
        tg.implied_mfu(8e9, 1e12, 0, 989)
    with pytest.raises(tg.GoodputError, match="run_id"):
        tg.implied_mfu_for_run(catalog, "no_such_run")


def test_llama3_interruption_defaults(catalog):
    defaults = tg.interruption_defaults(catalog)
    assert defaults.interruptions_per_1000_gpu_days == pytest.approx(
        419 / (16_384 * 54) * 1000)
    assert defaults.effective_training_time_min == 0.9
    # At that rate, >90% effective time allows ~21 minutes lost per interruption.
    assert defaults.max_lost_hours_per_interruption == pytest.approx(0.3437, abs=1e-3)
    run = tg.goodput(16_384, 54 * 24 * 0.9, defaults.interruptions_per_1000_gpu_days,
                     restart_hours=defaults.max_lost_hours_per_interruption,
                  checkpoint_interval_hours=1e-9)
    assert run.goodput == pytest.approx(0.9, abs=1e-6)
    assert run.expected_interruptions == pytest.approx(419, rel=1e-3)


def test_goodput_costs_extra_gpu_hours():
    run = tg.goodput(1000, 100, 0.5, restart_hours=0.5, checkpoint_interval_hours=1,
                     checkpoint_save_hours=0.05, usd_per_gpu_hour=2)
    rate = 1000 * 0.5 / 24_000
    assert run.goodput == pytest.approx(1 / (1 + rate * 1.0 + 0.05))
    assert run.extra_gpu_hours == pytest.approx(1000 * (100 / run.goodput - 100))
    assert run.extra_cost_usd == pytest.approx(2 * run.extra_gpu_hours)
    with pytest.raises(tg.GoodputError, match="restart_hours"):
        tg.goodput(8, 10, 0.5, restart_hours=-1, checkpoint_interval_hours=1)


@settings(max_examples=80, deadline=None)
@given(gpus=st.integers(1, 100_000), rate=st.floats(0, 10), restart=st.floats(0, 10),
       interval=st.floats(0.01, 24), more=st.integers(1, 100_000))
def test_goodput_falls_with_scale_and_never_exceeds_one(gpus, rate, restart, interval, more):
    small = tg.goodput(gpus, 100, rate, restart, interval)
    large = tg.goodput(gpus + more, 100, rate, restart, interval)
    assert 0 < large.goodput <= small.goodput <= 1
    assert small.wall_clock_hours >= small.productive_hours
