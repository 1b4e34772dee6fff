"""The tornado: ranged inputs found generically, each swept alone, widest swing first."""

from __future__ import annotations

import pytest
from econplan.core.headlines import HEADLINE_KEY, headline_value
from econplan.core.plan import compute_plan
from econplan.core.scenario_paths import get_path, with_values
from econplan.core.sensitivity import range_paths, sections_read, tornado
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

BEYOND = ("data_curation", "post_training", "talent", "failed_runs", "storage_infra")


def _swept_alone(planner_id, scenario, catalog, path, steps=5):
    """The figure's spread when ``path`` alone moves over its range (every other range at
    its midpoint), on a grid of points: computed through compute_plan, not the tornado."""
    payload = scenario.model_dump(mode="python")
    centred = {}
    for other in range_paths(scenario, sections_read(planner_id, scenario)):
        node = get_path(payload, other)
        mid = node["low"] + (node["high"] - node["low"]) / 2
        centred[f"{other}.low"] = centred[f"{other}.high"] = mid
    node = get_path(payload, path)
    values = []
    for step in range(steps):
        x = node["low"] + (node["high"] - node["low"]) * step / (steps - 1)
        edited = with_values(scenario, {**centred, f"{path}.low": x, f"{path}.high": x})
        result = compute_plan(edited, catalog).result(planner_id)
        values.append(headline_value(planner_id, result, HEADLINE_KEY[planner_id]))
    return max(values) - min(values)


def test_finds_every_range_of_the_training_section(presets):
    paths = range_paths(presets["llama31_405b_reference"], ("training",))
    assert "training.mfu" in paths
    assert {f"training.beyond_compute.{c}.multiplier" for c in BEYOND} <= set(paths)
    assert "training.hidden.training_runs" in paths


def test_405b_names_the_data_curation_multiplier(presets, catalog):
    result = tornado("training", presets["llama31_405b_reference"], catalog)
    top = result.bars[0]
    assert top.path == "training.beyond_compute.data_curation.multiplier"
    assert result.summary.startswith("The data-curation multiplier moves the training budget "
                                     "most: $")
    # Swept 3–28× with every other range at its midpoint: the figure at each end.
    assert top.input_low == 3 and top.input_high == 28
    assert top.figure_at_low < result.central_figure < top.figure_at_high
    swings = [bar.swing for bar in result.bars]
    assert swings == sorted(swings, reverse=True)


def test_playbook_phases_are_named_by_their_names(presets, catalog):
    scenario = presets["playbook_finance"]
    result = tornado("playbook", scenario, catalog)
    names = [phase.name for phase in scenario.playbook.phases]
    assert any(name in result.bars[0].label for name in names)
    assert "." not in result.bars[0].label.split(" of ")[0]  # words, not a dotted path


def test_planner_without_ranges_says_so(presets, catalog):
    result = tornado("routing", presets["routing_seed_14_roles"], catalog)
    assert result.bars == []
    assert "nothing to sweep" in result.summary


def test_dataset_sweeps_the_training_ranges_it_reads(presets, catalog):
    scenario = presets["llama31_405b_reference"]
    result = tornado("dataset", scenario, catalog)
    assert result.bars[0].path == "training.beyond_compute.data_curation.multiplier"


multiplier = st.tuples(st.floats(0, 30), st.floats(0, 30)).map(sorted)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ranges=st.lists(multiplier, min_size=5, max_size=5),
       mfu=st.tuples(st.floats(0.2, 0.6), st.floats(0.2, 0.6)).map(sorted),
       price=st.tuples(st.floats(0.5, 6), st.floats(0.5, 6)).map(sorted))
def test_largest_bar_is_the_input_that_moves_the_figure_most(presets, catalog, ranges, mfu,
                                                              price):
    values = {"training.mfu.low": mfu[0], "training.mfu.high": mfu[1],
              "training.usd_per_gpu_hour.low": price[0],
              "training.usd_per_gpu_hour.high": price[1]}
    for category, (low, high) in zip(BEYOND, ranges, strict=True):
        values[f"training.beyond_compute.{category}.enabled"] = True
        values[f"training.beyond_compute.{category}.multiplier.low"] = low
        values[f"training.beyond_compute.{category}.multiplier.high"] = high
    scenario = with_values(presets["pretrain_7b_seed_table"], values)
    result = tornado("training", scenario, catalog)
    spreads = {path: _swept_alone("training", scenario, catalog, path)
               for path in range_paths(scenario, ("training",))}
    widest = max(spreads.values())
    if widest == 0:
        assert result.bars == []
        return
    top = result.bars[0]
    assert spreads[top.path] == pytest.approx(widest, rel=1e-9)
    assert top.swing == pytest.approx(widest, rel=1e-9)
