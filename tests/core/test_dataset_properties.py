"""Rules of the dataset planner that hold for every valid input."""

import math

import pytest
from econplan.core import dataset
from econplan.core.dataset_inputs import CORPUS_CATEGORY_IDS, CorpusShares, rebalance_shares
from econplan.core.defaults import default_scenario, mode_switch_values
from econplan.core.scenario import TrainingMode
from econplan.desktop.document import with_values
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

hypothesis_settings = settings(max_examples=150, deadline=None,
                               suppress_health_check=[HealthCheck.function_scoped_fixture])
share = st.one_of(st.just(0.0), st.just(1.0), st.floats(0, 1), st.floats(0, 1e-300),
                  st.floats(0, 1e6))
shares = st.fixed_dictionaries({category_id: share for category_id in CORPUS_CATEGORY_IDS})


@pytest.fixture(scope="module")
def base(catalog):
    return default_scenario(catalog)


@hypothesis_settings
@given(current=shares, edited=st.sampled_from(CORPUS_CATEGORY_IDS),
       value=st.one_of(st.floats(0, 1), st.just(0.0), st.just(1.0)))
def test_rebalanced_shares_sum_to_one_and_keep_the_edit(current, edited, value):
    result = rebalance_shares(current, edited, value)
    assert list(result) == list(current)
    assert abs(math.fsum(result.values()) - 1.0) <= 1e-9
    assert all(0.0 <= v <= 1.0 for v in result.values())
    assert result[edited] == value
    CorpusShares(**result)  # the scenario accepts every rebalanced mix


@hypothesis_settings
@given(current=shares, edited=st.sampled_from(CORPUS_CATEGORY_IDS), value=st.floats(0, 1))
def test_rebalancing_keeps_the_others_in_proportion(current, edited, value):
    result = rebalance_shares(current, edited, value)
    others = [k for k in CORPUS_CATEGORY_IDS if k != edited]
    before = math.fsum(current[k] for k in others)
    if before > 1e-200 and value < 1:
        for key in others:
            assert result[key] == pytest.approx(current[key] / before * (1 - value),
                                                rel=1e-9, abs=1e-12)


@hypothesis_settings
@given(edited=st.sampled_from(CORPUS_CATEGORY_IDS), value=st.floats(-10, 10))
def test_out_of_range_values_are_clamped(edited, value):
    current = dict.fromkeys(CORPUS_CATEGORY_IDS, 0.2)
    result = rebalance_shares(current, edited, value)
    assert result[edited] == min(max(value, 0.0), 1.0)
    assert abs(math.fsum(result.values()) - 1.0) <= 1e-9


@hypothesis_settings
@given(mode=st.sampled_from(list(TrainingMode)), params=st.floats(1e8, 1e12),
       tokens=st.floats(1e9, 1e14), extra=st.floats(1.0, 100.0),
       examples=st.integers(1, 10_000_000), more=st.integers(0, 10_000_000))
def test_more_tokens_never_fewer_flops(catalog, base, mode, params, tokens, extra, examples,
                                       more):
    common = {**mode_switch_values(mode), "training.params": params,
              "training.active_params": params}
    fewer = with_values(base, {**common, "training.tokens": tokens,
                               "training.finetune.examples": examples})
    bigger = with_values(base, {**common, "training.tokens": min(tokens * extra, 1e15),
                                "training.finetune.examples": examples + more})
    small = dataset.plan(fewer.training, fewer.dataset, catalog)
    large = dataset.plan(bigger.training, bigger.dataset, catalog)
    assert large.training_tokens >= small.training_tokens
    assert large.flops >= small.flops


@hypothesis_settings
@given(examples=st.integers(1, 100_000_000), synthetic=st.floats(0, 1),
       low=st.floats(0, 100), spread=st.floats(1, 100))
def test_acquisition_cost_is_ordered_and_counts_every_example(catalog, base, examples,
                                                             synthetic, low, spread):
    scenario = with_values(base, {
        **mode_switch_values("finetune_qlora"), "training.finetune.examples": examples,
        "dataset.finetune_synthetic_share": synthetic,
        "dataset.human_usd_per_example": {"low": low, "high": low * spread}})
    result = dataset.plan(scenario.training, scenario.dataset, catalog)
    data = result.finetune
    assert data.synthetic_examples + data.human_examples == examples
    cost = data.acquisition_cost_usd
    assert cost.low <= cost.base <= cost.high
    assert result.data_cost_usd == cost
