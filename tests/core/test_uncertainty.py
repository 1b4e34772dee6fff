"""Monte Carlo bands: the same formulas as the planners, honest percentiles, reproducible."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from econplan.core.distributions import DISTRIBUTION_KINDS, mean, quantile
from econplan.core.monte_carlo import evaluate, midpoints, simulate
from econplan.core.plan import compute_plan
from econplan.core.scenario import SCHEMA_VERSION, Scenario
from econplan.core.scenario_io import scenario_from_json_text
from econplan.core.uncertainty import HEADLINES, compute_uncertainty
from econplan.core.uncertainty_inputs import DEFAULT_DRAWS, DEFAULT_SEED
from econplan.core.uncertainty_ranges import range_inputs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from uncertainty_helpers import CATALOG, EXAMPLES, collapsed, collapsed_runs, example

_example, _collapsed = example, collapsed


def _deterministic(plan, figure_id: str, end: str = "base") -> float | None:
    """The planner's own value of a headline figure (its base, low or high)."""
    planner_id, name = figure_id.split(".", 1)
    result = plan.result(planner_id)
    if result is None:
        return None
    if figure_id == "dataset.data_cost_usd":
        value = result.data_cost_usd
    elif figure_id == "dataset.training_tokens":
        value = result.training_tokens
    else:
        value = getattr(result, name)
    if hasattr(value, end):
        value = getattr(value, end)
    if isinstance(value, bool):
        return float(value)
    return np.inf if value is None and name != "first_year_roi" else value


def _assert_matches_planner(scenario: Scenario, figures: dict, end: str = "base") -> None:
    plan = compute_plan(scenario, CATALOG)
    checked = 0
    for figure_id in [*HEADLINES, "breakeven.pays_back_before_retrain"]:
        expected = _deterministic(plan, figure_id, end)
        if expected is None:
            assert figure_id not in figures or np.isnan(figures[figure_id]).all(), figure_id
            continue
        assert figure_id in figures, figure_id
        got = np.asarray(figures[figure_id])
        if np.isinf(expected):
            assert np.isinf(got).all(), figure_id
        else:
            np.testing.assert_allclose(got, expected, rtol=1e-9, atol=1e-9, err_msg=figure_id)
        checked += 1
    assert checked >= 10


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_collapsed_ranges_give_the_deterministic_planner(path):
    for scenario, uncertainty, plan in collapsed_runs(path, draws=500, seed=3):
        for figure_id, band in uncertainty.bands.items():
            expected = _deterministic(plan, figure_id)
            assert band.p10 == band.p50 == band.p90, figure_id
            if np.isinf(expected):
                assert band.p50 is None and band.never_share == 1
            else:
                assert band.p50 == pytest.approx(expected, rel=1e-9, abs=1e-9), figure_id
        figures, _ = simulate(scenario, CATALOG, 500, 3)
        _assert_matches_planner(scenario, figures)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_every_input_at_its_midpoint_gives_the_planners_base(path):
    scenario = _example(path)
    figures, _ = evaluate(scenario, CATALOG, midpoints(scenario, CATALOG).__getitem__)
    _assert_matches_planner(scenario, figures)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(index=st.integers(0, len(EXAMPLES) - 1), linked=st.booleans(),
       fractions=st.lists(st.floats(0, 1), min_size=40, max_size=40))
def test_any_point_of_the_ranges_gives_the_planner(index, linked, fractions):
    """The vectorised assembly cannot drift from the planners: at any single point of every
    range, one draw equals the planner run on that point."""
    scenario = _example(EXAMPLES[index], linked)
    paths = [item.path for item in range_inputs(scenario, CATALOG)]
    point = _collapsed(scenario, dict(zip(paths, fractions, strict=False)))
    figures, _ = evaluate(point, CATALOG, midpoints(point, CATALOG).__getitem__)
    _assert_matches_planner(point, figures)


@settings(max_examples=30, deadline=None)
@given(index=st.integers(0, len(EXAMPLES) - 1), seed=st.integers(0, 2**32 - 1),
       draws=st.integers(100, 3000), linked=st.booleans())
def test_p10_p50_p90_are_ordered(index, seed, draws, linked):
    uncertainty = compute_uncertainty(_example(EXAMPLES[index], linked), CATALOG, draws, seed)
    assert uncertainty.bands
    for band in uncertainty.bands.values():
        ends = [np.inf if v is None else v for v in (band.p10, band.p50, band.p90)]
        assert ends[0] <= ends[1] <= ends[2], band
        assert all(not np.isnan(v) for v in ends)


@settings(max_examples=20, deadline=None)
@given(seed=st.integers(0, 2**32 - 1),
       kinds=st.lists(st.sampled_from(DISTRIBUTION_KINDS), min_size=4, max_size=4))
def test_monte_carlo_mean_of_a_linear_figure_matches_the_analytic_mean(seed, kinds):
    """The first-version cost is the sum of the phase costs: its mean is the sum of the
    distributions' means, within sampling error."""
    scenario = _example(Path("resources/scenarios/playbook_finance.json"))
    payload = scenario.model_dump(mode="json")
    cost_paths = [f"playbook.phases.{i}.cost_usd" for i in range(len(scenario.playbook.phases))]
    payload["uncertainty"]["distributions"] = dict(zip(cost_paths, kinds, strict=False))
    scenario = Scenario.model_validate(payload)
    draws = 20_000
    figures, _ = simulate(scenario, CATALOG, draws, seed)
    costs = figures["playbook.first_version_cost_usd"]
    inputs = {item.path: item for item in range_inputs(scenario, CATALOG)}
    analytic = sum(mean(inputs[p].kind, inputs[p].low, inputs[p].high, inputs[p].mode)
                   for p in cost_paths)
    error = costs.std() / np.sqrt(draws)
    assert abs(costs.mean() - analytic) < 5 * error


def test_the_same_seed_gives_the_same_bands_and_another_seed_does_not():
    scenario = _example(Path("resources/scenarios/llama31_405b_reference.json"))
    first = compute_uncertainty(scenario, CATALOG, 2000, 7)
    assert compute_uncertainty(scenario, CATALOG, 2000, 7) == first
    other = compute_uncertainty(scenario, CATALOG, 2000, 8)
    assert other.bands["training.total_usd"] != first.bands["training.total_usd"]
    defaults = compute_uncertainty(scenario, CATALOG)
    assert (defaults.draws, defaults.seed) == (scenario.uncertainty.draws,
                                               scenario.uncertainty.seed)


def test_wide_ranges_are_log_uniform_and_the_source_central_figure_is_the_mode():
    scenario = _example(Path("resources/scenarios/llama31_405b_reference.json"))
    inputs = {item.path: item for item in range_inputs(scenario, CATALOG)}
    curation = inputs["training.beyond_compute.data_curation.multiplier"]
    figure = CATALOG.row("beyond_compute_figures", "figure_id", "annotation_vs_compute_frontier")
    assert curation.kind == "triangular" and curation.mode == figure["value_low"]
    assert "annotation" in curation.central.description.lower()
    post = inputs["training.beyond_compute.post_training.multiplier"]
    assert post.high / post.low >= 3 and post.kind == "log_uniform"
    mfu = inputs["training.mfu"]
    assert mfu.high / mfu.low < 3 and mfu.kind == "uniform"
    # The 3–28× midpoint of 15.5× is no longer the central figure the card shows.
    uncertainty = compute_uncertainty(scenario, CATALOG, 10_000, 1)
    plan = compute_plan(scenario, CATALOG)
    assert uncertainty.bands["training.total_usd"].p50 < plan.training.total_usd.base


def test_a_chosen_distribution_overrides_the_default_rule():
    scenario = _example(Path("resources/scenarios/llama31_405b_reference.json"))
    payload = scenario.model_dump(mode="json")
    path = "training.beyond_compute.data_curation.multiplier"
    payload["uncertainty"]["distributions"][path] = "uniform"
    chosen = Scenario.model_validate(payload)
    item = next(i for i in range_inputs(chosen, CATALOG) if i.path == path)
    assert item.kind == "uniform" and item.chosen


def test_grouped_inputs_move_together():
    scenario = _example(Path("resources/scenarios/playbook_finance.json"))
    payload = scenario.model_dump(mode="json")
    paths = ["playbook.phases.0.cost_usd", "playbook.phases.1.cost_usd"]
    payload["uncertainty"]["groups"] = [{"name": "Vendor rates", "paths": paths}]
    grouped = Scenario.model_validate(payload)
    from econplan.core.monte_carlo import draw_inputs
    values = draw_inputs(grouped, CATALOG, 2000, 5)
    first, second = (np.argsort(np.argsort(values[p])) for p in paths)
    assert (first == second).all()  # same quantile in every draw
    alone = draw_inputs(scenario, CATALOG, 2000, 5)
    assert np.corrcoef(alone[paths[0]], alone[paths[1]])[0, 1] < 0.2
    uncertainty = compute_uncertainty(grouped, CATALOG, 500, 1)
    assert {i.path: i.group for i in uncertainty.inputs}[paths[0]] == "Vendor rates"
    assert "move together" in uncertainty.rule


@settings(max_examples=60, deadline=None)
@given(kind=st.sampled_from(DISTRIBUTION_KINDS), low=st.floats(0, 1e6),
       width=st.floats(0, 1e6), mode_at=st.floats(0, 1),
       u=st.lists(st.floats(0, 1, exclude_max=True), min_size=1, max_size=50))
def test_every_draw_stays_inside_its_range(kind, low, width, mode_at, u):
    high = low + width
    values = quantile(kind, low, high, np.array(u), low + mode_at * width)
    assert np.isfinite(values).all()
    assert (values >= low).all() and (values <= high).all()


def test_an_old_file_opens_with_the_default_uncertainty_settings():
    old = json.loads(Path("resources/scenarios/playbook_finance.json").read_text())
    assert "uncertainty" not in old and old["schema_version"] < SCHEMA_VERSION
    scenario = scenario_from_json_text(json.dumps(old))
    assert scenario.schema_version == SCHEMA_VERSION
    assert scenario.uncertainty.draws == DEFAULT_DRAWS
    assert scenario.uncertainty.seed == DEFAULT_SEED
    assert scenario.uncertainty.distributions == {} and scenario.uncertainty.groups == []
    v1 = scenario_from_json_text(Path("tests/data/scenario_v1.json").read_text())
    assert v1.uncertainty == scenario.uncertainty


def test_bad_uncertainty_settings_name_the_field():
    payload = _example(EXAMPLES[0]).model_dump(mode="json")
    payload["uncertainty"]["distributions"]["training.mfu"] = "normal"
    with pytest.raises(Exception, match="uncertainty"):
        scenario_from_json_text(json.dumps(payload))
    payload["uncertainty"]["distributions"] = {}
    payload["uncertainty"]["draws"] = 5
    with pytest.raises(Exception, match="draws"):
        scenario_from_json_text(json.dumps(payload))


def test_latin_hypercube_puts_one_draw_in_every_slice():
    from econplan.core.monte_carlo import latin_hypercube
    uniforms = latin_hypercube(np.random.default_rng(4), 3, 1000)
    for row in uniforms:
        assert sorted(np.floor(row * 1000).astype(int)) == list(range(1000))
