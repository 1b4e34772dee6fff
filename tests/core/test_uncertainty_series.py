"""Chart series bands: P10 ≤ P50 ≤ P90 point by point, and the deterministic series when
every range is a point."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from econplan.core import playbook
from econplan.core.monte_carlo import spend_months
from econplan.core.plan import compute_plan
from econplan.core.uncertainty import SERIES, compute_uncertainty, row_percentiles
from econplan.core.uncertainty_ranges import range_inputs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from uncertainty_helpers import CATALOG, EXAMPLES, collapsed, collapsed_runs, example

_example, _collapsed = example, collapsed


def _deterministic_series(plan, series_id: str) -> dict[str, float] | list[float]:
    """The planner's own series: bars by key, or a curve at the band's x values."""
    if series_id == "training.cost_lines":
        return {line.category_id: line.cost_usd.base for line in plan.training.lines}
    if series_id == "dataset.cost_lines":
        data = plan.dataset.finetune
        return {"synthetic": data.synthetic_cost_usd.base, "human": data.human_cost_usd.base}
    if series_id == "breakeven.cumulative_selfhost_usd":
        return plan.breakeven.cumulative_selfhost_usd
    raise KeyError(series_id)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(index=st.integers(0, len(EXAMPLES) - 1), seed=st.integers(0, 2**32 - 1),
       draws=st.integers(100, 3000), linked=st.booleans())
def test_series_bands_are_ordered_point_by_point(index, seed, draws, linked):
    uncertainty = compute_uncertainty(_example(EXAMPLES[index], linked), CATALOG, draws, seed)
    assert "training.cost_lines" in uncertainty.series
    assert "playbook.cumulative_usd" in uncertainty.series
    for band in uncertainty.series.values():
        assert band.series_id in SERIES
        p10, p50, p90 = (np.array(v) for v in (band.p10, band.p50, band.p90))
        assert len(p10) == len(band.x) == len(band.keys)
        assert np.isfinite(p10).all() and np.isfinite(p90).all()
        assert (p10 <= p50).all() and (p50 <= p90).all(), band.series_id


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_collapsed_ranges_collapse_the_series_onto_the_planner(path):
    for scenario, uncertainty, plan in collapsed_runs(path, draws=300, seed=5):
        for series_id, band in uncertainty.series.items():
            assert band.p10 == band.p50 == band.p90, series_id
            assert band.is_point and uncertainty.series_band(series_id) is None
            if series_id == "playbook.cumulative_usd":
                case = playbook._Case(scenario.playbook, "base")  # ranges are points
                expected = [case.cumulative(m) for m in band.x]
                # The fan is built in single precision: 7 significant digits.
                np.testing.assert_allclose(band.p50, expected, rtol=2e-6, atol=1e-3)
                continue
            expected = _deterministic_series(plan, series_id)
            if isinstance(expected, dict):
                assert band.keys == list(expected), series_id
                expected = list(expected.values())
            np.testing.assert_allclose(band.p50, expected, rtol=1e-9, err_msg=series_id)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(index=st.integers(0, len(EXAMPLES) - 1),
       fractions=st.lists(st.floats(0, 1), min_size=40, max_size=40))
def test_any_single_point_gives_the_planners_curves(index, fractions):
    """At any one point of every range the spend curve and the break-even curve of the
    draws are the planners' own."""
    scenario = _example(EXAMPLES[index], linked=True)
    paths = [item.path for item in range_inputs(scenario, CATALOG)]
    point = _collapsed(scenario, dict(zip(paths, fractions, strict=False)))
    uncertainty = compute_uncertainty(point, CATALOG, draws=100, seed=1)
    plan = compute_plan(point, CATALOG)
    spend = uncertainty.series["playbook.cumulative_usd"]
    case = playbook._Case(point.playbook, "base")
    np.testing.assert_allclose(spend.p50, [case.cumulative(m) for m in spend.x], rtol=2e-6,
                               atol=1e-3)
    if plan.breakeven is not None and "breakeven.cumulative_selfhost_usd" in uncertainty.series:
        np.testing.assert_allclose(uncertainty.series["breakeven.cumulative_selfhost_usd"].p50,
                                   plan.breakeven.cumulative_selfhost_usd, rtol=1e-9)


def test_the_spend_fan_spans_the_horizon_at_month_ends():
    assert list(spend_months(24.0)) == [float(m) for m in range(25)]
    long = spend_months(120.0)
    assert len(long) == 61 and long[-1] == 120.0


@settings(max_examples=50, deadline=None)
@given(rows=st.integers(1, 6), draws=st.integers(1, 400), seed=st.integers(0, 1000))
def test_row_percentiles_are_the_draws_percentiles(rows, draws, seed):
    from econplan.core.uncertainty import percentiles

    matrix = np.random.default_rng(seed).lognormal(size=(rows, draws))
    ranked = row_percentiles(matrix)
    for row in range(rows):
        assert list(ranked[:, row]) == percentiles(matrix[row].copy())


def test_wide_ranges_give_a_band_the_cards_do_not_hide():
    uncertainty = compute_uncertainty(
        _example(Path("resources/scenarios/llama31_405b_reference.json")), CATALOG, 10_000, 1)
    lines = uncertainty.series_band("training.cost_lines").by_key()
    low, mid, high = lines["data_curation"]
    assert low < mid < high and high / low > 3  # 3–28× compute: a wide band
    assert uncertainty.series_band("playbook.cumulative_usd") is not None
