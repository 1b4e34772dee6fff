"""Old and undated prices a plan uses, and the same prices brought forward to today."""

from __future__ import annotations

import datetime as dt

import pytest
from econplan.core.price_overrides import ApiPriceOverride, PriceOverrides, apply_overrides
from econplan.core.price_staleness import (
    age_in_months,
    as_of_date,
    brought_forward,
    price_staleness,
)
from hypothesis import given
from hypothesis import strategies as st

API_PRESET = "breakeven_autocomplete_500k"  # prices its API on GPT-5.4 Standard (as of 2026-06)
API_ID = "s004_gpt_54_standard"


def with_breakeven(scenario, **changes):
    return scenario.model_copy(update={"breakeven": scenario.breakeven.model_copy(update=changes)})


def with_api(scenario, **changes):
    api = scenario.breakeven.api.model_copy(update=changes)
    return with_breakeven(scenario, api=api)


def keys(result, status):
    return {(p.planner, p.key) for p in result.of_status(status)}


def test_the_preset_uses_the_api_price_row_it_names(presets):
    assert presets[API_PRESET].breakeven.api.price_id == API_ID


def test_a_price_is_stale_only_once_older_than_the_threshold(catalog, presets):
    scenario = presets[API_PRESET]
    six_months = price_staleness(scenario, catalog, dt.date(2026, 12, 1), planners=["breakeven"])
    assert ("breakeven", API_ID) not in keys(six_months, "stale")
    seven = price_staleness(scenario, catalog, dt.date(2027, 1, 1), planners=["breakeven"])
    stale = {p.key: p for p in seven.of_status("stale")}
    assert stale[API_ID].age_months == pytest.approx(7)
    assert stale[API_ID].as_of == "2026-06" and stale[API_ID].origin == "catalog"
    longer = price_staleness(scenario, catalog, dt.date(2027, 1, 1), threshold_months=12,
                             planners=["breakeven"])
    assert ("breakeven", API_ID) not in keys(longer, "stale")


def test_undated_prices_are_listed_as_undated(catalog, presets):
    result = price_staleness(presets[API_PRESET], catalog, dt.date(2026, 7, 1),
                             planners=["breakeven"])
    undated = {p.key: p for p in result.of_status("undated")}
    assert "breakeven_hourly_rate" in undated  # the catalog's rate row is 'n.d.'
    assert undated["breakeven_hourly_rate"].age_months is None
    assert "no as-of date" in result.note


def test_stale_api_prices_are_brought_forward_with_the_decline_setting(catalog, presets):
    scenario = with_breakeven(presets[API_PRESET], api_price_decline_per_year=0.3)
    result = price_staleness(scenario, catalog, dt.date(2027, 6, 1), planners=["breakeven"])
    api = next(p for p in result.prices if p.key == API_ID)
    by_name = {f.name: f for f in api.figures}
    assert by_name["input per million tokens"].usd == 2.5
    assert by_name["input per million tokens"].usd_today == pytest.approx(2.5 * 0.7)
    assert by_name["output per million tokens"].usd_today == pytest.approx(15 * 0.7)
    assert "30% yearly API price decline" in result.note
    # A GPU price is dated but not moved by the API price decline.
    gpu = next(p for p in result.prices if p.table == "gpus")
    assert all(f.usd_today is None for f in gpu.figures)


def test_with_no_decline_the_note_says_how_to_bring_prices_forward(catalog, presets):
    result = price_staleness(presets[API_PRESET], catalog, dt.date(2027, 6, 1))
    assert result.decline_per_year == 0
    assert "Set the yearly API price decline" in result.note


def test_the_note_quotes_the_source_by_its_title(catalog, presets):
    note = price_staleness(presets[API_PRESET], catalog, dt.date(2027, 6, 1)).note
    assert "12 months ago is probably wrong by 30% or more" in note
    assert "Fine-Tuning Cost – Training + Inference Break-Even" in note
    assert ".txt" not in note


def test_a_figure_the_user_typed_in_is_not_judged(catalog, presets):
    scenario = with_api(presets[API_PRESET], usd_per_mtok_input=1.99)
    result = price_staleness(scenario, catalog, dt.date(2028, 1, 1), planners=["breakeven"])
    assert API_ID not in {p.key for p in result.prices}


def test_an_override_carries_its_own_date(catalog, presets):
    fresh = ApiPriceOverride(price_id=API_ID, model="GPT-5.4 Standard", usd_per_mtok_input=2.5,
                             usd_per_mtok_output=15.0, source="Our contract",
                             as_of="2027-05-20")
    applied = apply_overrides(catalog, PriceOverrides(overrides=[fresh]))
    result = price_staleness(presets[API_PRESET], applied, dt.date(2027, 6, 1),
                             planners=["breakeven"])
    assert API_ID not in {p.key for p in result.prices}
    old = fresh.model_copy(update={"as_of": "2026-01-15"})
    result = price_staleness(presets[API_PRESET],
                             apply_overrides(catalog, PriceOverrides(overrides=[old])),
                             dt.date(2027, 6, 1), planners=["breakeven"])
    api = next(p for p in result.prices if p.key == API_ID)
    assert api.origin == "override" and api.status == "stale"


def test_a_price_gone_from_the_catalog_is_named_not_a_crash(catalog, presets):
    scenario = with_api(presets[API_PRESET], price_id="litellm_gone_model")
    result = price_staleness(scenario, catalog, dt.date(2026, 7, 1), planners=["breakeven"])
    assert keys(result, "missing") == {("breakeven", "litellm_gone_model")}
    assert "litellm_gone_model" in result.note and "no longer in the catalog" in result.note


def test_training_and_routing_prices_are_checked(catalog, presets):
    result = price_staleness(presets["routing_seed_14_roles"], catalog, dt.date(2027, 6, 1))
    planners = {p.planner for p in result.prices}
    assert {"training", "routing", "breakeven"} <= planners
    routing = [p for p in result.prices if p.planner == "routing"]
    assert all(p.as_of == "2026-02" for p in routing)


def test_a_recent_plan_has_no_stale_prices(catalog, presets):
    result = price_staleness(presets[API_PRESET], catalog, dt.date(2026, 6, 15))
    assert result.of_status("stale") == [] and result.checked > 0


def test_the_threshold_must_be_positive(catalog, presets):
    with pytest.raises(ValueError, match="threshold_months"):
        price_staleness(presets[API_PRESET], catalog, dt.date(2026, 6, 1), threshold_months=0)


@pytest.mark.parametrize("text, expected", [
    ("2026-06", dt.date(2026, 6, 1)), ("2021", dt.date(2021, 1, 1)),
    ("2026-11-20", dt.date(2026, 11, 20)), ("n.d.", None), ("", None), (None, None),
    ("2026-13", None), ("June 2026", None),
])
def test_as_of_dates(text, expected):
    assert as_of_date(text) == expected


def test_age_counts_calendar_months():
    assert age_in_months(dt.date(2026, 6, 1), dt.date(2026, 12, 1)) == 6
    assert age_in_months(dt.date(2026, 12, 1), dt.date(2026, 6, 1)) == 0


@given(usd=st.floats(0, 1e6), months=st.floats(0, 600),
       decline=st.floats(0, 0.99))
def test_bringing_forward_never_raises_a_price_and_keeps_todays_price(usd, months, decline):
    today = brought_forward(usd, months, decline)
    assert 0 <= today <= usd * (1 + 1e-12)
    assert brought_forward(usd, 0, decline) == pytest.approx(usd)
