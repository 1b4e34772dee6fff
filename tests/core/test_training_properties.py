"""Rules of the training planner that hold for every valid input."""

import pytest
from econplan.core import training
from econplan.core.defaults import default_scenario, mode_switch_values
from econplan.core.scenario import TrainingMode
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

MODES = list(TrainingMode)
# Within the model bounds: prices up to $10,000 per GPU-hour.
positive_range = st.tuples(st.floats(0.01, 1e3), st.floats(1, 10)).map(
    lambda t: {"low": t[0], "high": t[0] * t[1]})
mfu_range = st.tuples(st.floats(0.05, 0.6), st.floats(1, 1.5)).map(
    lambda t: {"low": t[0], "high": min(t[0] * t[1], 1.0)})

hypothesis_settings = settings(max_examples=60, deadline=None,
                               suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def base_inputs(catalog):
    return default_scenario(catalog).training


def _inputs(base, **changes):
    payload = base.model_dump()
    for key, value in changes.items():
        target = payload
        *parents, leaf = key.split(".")
        for part in parents:
            target = target[part]
        target[leaf] = value
    return type(base).model_validate(payload)


@hypothesis_settings
@given(mode=st.sampled_from(MODES), params=st.floats(1e8, 1e12), tokens=st.floats(1e9, 1e14),
       mfu=mfu_range, price=positive_range, throughput=positive_range,
       gpus=st.integers(1, 100_000), hidden=st.booleans())
def test_low_base_high_are_ordered(catalog, base_inputs, mode, params, tokens, mfu, price,
                                   throughput, gpus, hidden):
    changes = {k.removeprefix("training."): v for k, v in mode_switch_values(mode).items()}
    changes.update({"params": params, "active_params": params, "tokens": tokens, "mfu": mfu,
                    "usd_per_gpu_hour": price, "gpu_count": gpus, "hidden.enabled": hidden,
                    "finetune.throughput_tokens_per_s": throughput})
    inputs = _inputs(base_inputs, **changes)
    result = training.plan(inputs, catalog)
    for estimate in (result.gpu_hours, result.wall_clock_days, result.compute_cost_usd,
                     result.total_usd, *(line.cost_usd for line in result.lines)):
        assert estimate.low <= estimate.base * (1 + 1e-12)
        assert estimate.base <= estimate.high * (1 + 1e-12)


@hypothesis_settings
@given(tokens=st.floats(1e9, 1e13), extra=st.floats(1.0, 100.0), params=st.floats(1e8, 1e12))
def test_more_tokens_never_cost_fewer_flops_or_dollars(catalog, base_inputs, tokens, extra,
                                                       params):
    fewer = training.plan(_inputs(base_inputs, tokens=tokens, params=params,
                                  active_params=params), catalog)
    more = training.plan(_inputs(base_inputs, tokens=tokens * extra, params=params,
                                 active_params=params), catalog)
    assert more.flops >= fewer.flops
    assert more.total_usd.high >= fewer.total_usd.high
    assert more.gpu_hours.low >= fewer.gpu_hours.low


@hypothesis_settings
@given(mfu=st.floats(0.05, 0.5), better=st.floats(1.0, 2.0))
def test_higher_mfu_never_needs_more_gpu_hours(catalog, base_inputs, mfu, better):
    slow = training.plan(_inputs(base_inputs, mfu={"low": mfu, "high": mfu}), catalog)
    fast_mfu = min(mfu * better, 1.0)
    fast = training.plan(_inputs(base_inputs, mfu={"low": fast_mfu, "high": fast_mfu}), catalog)
    assert fast.gpu_hours.base <= slow.gpu_hours.base


@hypothesis_settings
@given(gpus=st.integers(1, 50_000), factor=st.integers(2, 16))
def test_more_gpus_shorten_wall_clock_but_not_gpu_hours(catalog, base_inputs, gpus, factor):
    small = training.plan(_inputs(base_inputs, gpu_count=gpus), catalog)
    large = training.plan(_inputs(base_inputs, gpu_count=gpus * factor), catalog)
    assert large.gpu_hours == small.gpu_hours
    assert large.wall_clock_days.base == pytest.approx(small.wall_clock_days.base / factor)


def test_mfu_above_measured_gemm_ceiling_warns(catalog, base_inputs):
    ceiling = training.measured_gemm_ceiling(catalog)
    assert 0.8 < ceiling < 0.82  # 803 of 989 TFLOP/s on the measured H100
    result = training.plan(_inputs(base_inputs, mfu={"low": 0.5, "high": 0.9}), catalog)
    assert any("not physically reachable" in w for w in result.warnings)
    ok = training.plan(base_inputs, catalog)
    assert not any("not physically reachable" in w for w in ok.warnings)


def test_owned_gpu_is_amortised_over_its_busy_hours(catalog, base_inputs):
    inputs = _inputs(base_inputs, pricing="owned",
                     owned={"purchase_usd": {"low": 26_280, "high": 26_280},
                            "life_years": 3, "utilisation": 0.5})
    result = training.plan(inputs, catalog)
    assert result.usd_per_gpu_hour.base == pytest.approx(26_280 / (3 * 8760 * 0.5))


def test_gpu_without_dense_peak_cannot_plan_pretraining(catalog, base_inputs):
    no_peak = catalog.table("gpus").filter(catalog.table("gpus")["dense_bf16_tflops"].is_null())
    gpu_id = no_peak["gpu_id"][0]
    with pytest.raises(training.PlanError, match="no dense BF16 peak"):
        training.plan(_inputs(base_inputs, gpu_id=gpu_id), catalog)
    finetune = _inputs(base_inputs, gpu_id=gpu_id, mode="finetune_qlora")
    assert training.plan(finetune, catalog).gpu_hours.base > 0


def test_all_in_equals_compute_times_one_plus_multipliers(catalog, base_inputs):
    result = training.plan(base_inputs, catalog)
    compute = result.compute_cost_usd
    multipliers = base_inputs.beyond_compute
    low_sum = sum(getattr(multipliers, c).multiplier.low for c in training.BEYOND_COMPUTE_IDS)
    high_sum = sum(getattr(multipliers, c).multiplier.high for c in training.BEYOND_COMPUTE_IDS)
    assert result.total_usd.low == pytest.approx(compute.low * (1 + low_sum))
    assert result.total_usd.high == pytest.approx(compute.high * (1 + high_sum))
