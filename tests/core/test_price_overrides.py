"""The user's price overrides: the file, add/replace/reset, and precedence over the catalog."""

from __future__ import annotations

import json

import pytest
from econplan.core.breakeven import api_price_rows
from econplan.core.price_overrides import (
    ApiPriceOverride,
    GpuOverride,
    PriceOverrides,
    RateOverride,
    apply_overrides,
    is_override,
    load_overrides,
    overrides_path,
    rate_assumption_ids,
    save_overrides,
    unusable_overrides,
    with_user_overrides,
)
from econplan.core.training import gpu_row
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError


def haiku(input_usd: float = 0.8, output_usd: float = 4.0, source: str = "Our contract"):
    return ApiPriceOverride(price_id="s003_claude_35_haiku", model="Claude 3.5 Haiku",
                            usd_per_mtok_input=input_usd, usd_per_mtok_output=output_usd,
                            source=source, as_of="2026-11")


def test_the_file_lives_in_the_user_data_folder_not_beside_the_catalog(isolated_user_dirs):
    path = overrides_path()
    assert path.is_relative_to(isolated_user_dirs)
    assert "EconPlan" in path.parts


def test_saved_overrides_load_back(tmp_path):
    overrides = PriceOverrides().with_overrides([
        haiku(),
        GpuOverride(gpu_id="h100_sxm", cloud_usd_per_hour_low=1.6, cloud_usd_per_hour_high=1.9,
                    source="Negotiated with our cloud", as_of="2026-10-15"),
        RateOverride(assumption_id="breakeven_hourly_rate", value_low=120, value_high=140,
                     source="HR rate card", as_of="2026-01"),
    ])
    path = save_overrides(overrides, tmp_path / "sub" / "overrides.json")
    loaded = load_overrides(path)
    assert loaded.problem is None
    assert loaded.overrides == overrides


def test_a_missing_file_is_no_overrides_and_no_problem(tmp_path):
    loaded = load_overrides(tmp_path / "absent.json")
    assert loaded.overrides.overrides == [] and loaded.problem is None


@pytest.mark.parametrize("text, expected", [
    ("{not json", "could not be read"),
    ("[1, 2]", "could not be read"),
    ('{"schema_version": 1, "overrides": [{"kind": "api", "price_id": "x", "model": "X", '
     '"source": "s", "as_of": "2026-01", "usd_per_mtok_input": -1}]}', "usd_per_mtok_input"),
    ('{"schema_version": 1, "overrides": [{"kind": "gpu", "gpu_id": "h100_sxm", '
     '"source": "s", "as_of": "yesterday", "purchase_usd_low": 1, "purchase_usd_high": 2}]}',
     "as_of"),
])
def test_a_broken_file_gives_a_message_and_no_overrides(tmp_path, text, expected):
    path = tmp_path / "overrides.json"
    path.write_text(text, encoding="utf-8")
    loaded = load_overrides(path)
    assert loaded.overrides.overrides == []
    assert expected in loaded.problem and str(path) in loaded.problem


def test_binary_garbage_is_a_message_too(tmp_path):
    path = tmp_path / "overrides.json"
    path.write_bytes(b"\xff\xfe\x00garbage")
    assert load_overrides(path).problem


def test_add_replaces_the_same_id_and_keeps_others():
    overrides = PriceOverrides().with_overrides([haiku(0.8, 4.0)])
    overrides = overrides.with_overrides([haiku(0.7, 3.5, "Renewed contract")])
    assert len(overrides.overrides) == 1
    assert overrides.find("api", "s003_claude_35_haiku").usd_per_mtok_input == 0.7
    # The same id in another kind is another override.
    both = overrides.with_overrides([RateOverride(assumption_id="s003_claude_35_haiku",
                                                  value_low=1, value_high=1, source="s",
                                                  as_of="2026")])
    assert len(both.overrides) == 2


def test_reset_one_and_reset_all(tmp_path):
    gpu = GpuOverride(gpu_id="a100_80gb", purchase_usd_low=9000, purchase_usd_high=9500,
                      source="Quote", as_of="2026-09")
    overrides = PriceOverrides().with_overrides([haiku(), gpu])
    left = overrides.without("api", "s003_claude_35_haiku")
    assert [o.key for o in left.overrides] == ["a100_80gb"]
    with pytest.raises(KeyError, match="no api override"):
        left.without("api", "s003_claude_35_haiku")
    path = save_overrides(PriceOverrides(), tmp_path / "o.json")
    assert load_overrides(path).overrides.overrides == []


def test_an_override_replaces_the_catalog_price_and_is_marked(catalog):
    applied = apply_overrides(catalog, PriceOverrides().with_overrides([haiku()]))
    row = applied.row("api_prices", "price_id", "s003_claude_35_haiku")
    assert (row["usd_per_mtok_input"], row["usd_per_mtok_output"]) == (0.8, 4.0)
    assert row["source"] == "Our contract" and row["as_of"] == "2026-11"
    assert is_override(row)
    untouched = applied.row("api_prices", "price_id", "s003_gpt_4o")
    assert untouched["origin"] == "catalog" and not is_override(untouched)
    # The planners read the override through the tables they already read.
    assert api_price_rows(applied)["s003_claude_35_haiku"]["usd_per_mtok_input"] == 0.8
    # The bundled catalog itself is untouched.
    original = catalog.row("api_prices", "price_id", "s003_claude_35_haiku")
    assert original["usd_per_mtok_input"] == 0.25 and "origin" not in original


def test_a_partial_gpu_override_keeps_the_other_figures_and_says_so(catalog):
    gpu = GpuOverride(gpu_id="h100_sxm", cloud_usd_per_hour_low=1.6, cloud_usd_per_hour_high=1.9,
                      source="Negotiated", as_of="2026-10")
    row = gpu_row(apply_overrides(catalog, PriceOverrides(overrides=[gpu])), "h100_sxm")
    catalog_row = catalog.row("gpus", "gpu_id", "h100_sxm")
    assert (row["cloud_usd_per_hour_low"], row["cloud_usd_per_hour_high"]) == (1.6, 1.9)
    assert row["purchase_usd_low"] == catalog_row["purchase_usd_low"]
    assert row["dense_bf16_tflops"] == catalog_row["dense_bf16_tflops"]
    assert row["source"].startswith("Negotiated; other figures: ")


def test_new_ids_add_rows(catalog):
    new_model = ApiPriceOverride(price_id="user_acme", model="Acme LLM", provider="Acme",
                                 usd_per_mtok_input=1, usd_per_mtok_output=2,
                                 source="Acme quote", as_of="2026-11-20")
    applied = apply_overrides(catalog, PriceOverrides(overrides=[new_model]))
    assert applied.table("api_prices").height == catalog.table("api_prices").height + 1
    row = applied.row("api_prices", "price_id", "user_acme")
    assert row["model"] == "Acme LLM" and row["usd_per_mtok_cached_input"] is None
    assert "user_acme" in api_price_rows(applied)


def test_rate_overrides_only_replace_hourly_rates(catalog):
    assert {"hourly_rate_usd", "breakeven_hourly_rate"} <= set(rate_assumption_ids(catalog))
    assert "mfu" not in rate_assumption_ids(catalog)
    rates = [RateOverride(assumption_id="breakeven_hourly_rate", value_low=150, value_high=150,
                          source="HR", as_of="2026-01"),
             RateOverride(assumption_id="mfu", value_low=0.9, value_high=0.9, source="x",
                          as_of="2026-01")]
    overrides = PriceOverrides(overrides=rates)
    applied = apply_overrides(catalog, overrides)
    assert applied.row("planner_assumptions", "assumption_id",
                       "breakeven_hourly_rate")["value_low"] == 150
    assert applied.row("planner_assumptions", "assumption_id", "mfu")["value_low"] == 0.35
    assert unusable_overrides(catalog, overrides) == [
        "rate 'mfu' is not an hourly rate of this catalog"]


@pytest.mark.parametrize("kwargs, message", [
    ({"gpu_id": "x", "source": "s", "as_of": "2026"}, "needs a cloud or a purchase price"),
    ({"gpu_id": "x", "source": "s", "as_of": "2026", "purchase_usd_low": 3,
      "purchase_usd_high": 2}, "purchase_usd_low is above"),
    ({"gpu_id": "x", "source": "s", "as_of": "2026", "cloud_usd_per_hour_low": 3},
     "needs both low and high"),
    ({"gpu_id": "x", "source": "", "as_of": "2026", "purchase_usd_low": 1,
      "purchase_usd_high": 2}, "source"),
])
def test_unsound_gpu_overrides_are_refused_naming_the_field(kwargs, message):
    with pytest.raises(ValidationError, match=message):
        GpuOverride(**kwargs)


def test_an_api_override_needs_a_price():
    with pytest.raises(ValidationError, match="needs an input or an output price"):
        ApiPriceOverride(price_id="x", model="X", source="s", as_of="2026-01")


def test_the_file_is_plain_json(tmp_path):
    path = save_overrides(PriceOverrides(overrides=[haiku()]), tmp_path / "o.json")
    payload = json.loads(path.read_text(encoding="utf-8"))
    assert payload["overrides"][0]["price_id"] == "s003_claude_35_haiku"


prices = st.floats(min_value=0, max_value=10_000, allow_nan=False)


@settings(max_examples=30, deadline=None)
@given(first=st.tuples(prices, prices), second=st.tuples(prices, prices))
def test_the_last_override_for_an_id_wins_over_earlier_ones_and_the_catalog(catalog, first,
                                                                            second):
    overrides = PriceOverrides().with_overrides([haiku(*first)]).with_overrides([haiku(*second)])
    row = apply_overrides(catalog, overrides).row("api_prices", "price_id",
                                                  "s003_claude_35_haiku")
    assert (row["usd_per_mtok_input"], row["usd_per_mtok_output"]) == second
    assert apply_overrides(catalog, overrides.without("api", "s003_claude_35_haiku")).row(
        "api_prices", "price_id", "s003_claude_35_haiku")["usd_per_mtok_input"] == 0.25


def test_start_up_lays_the_user_file_over_the_catalog(catalog):
    save_overrides(PriceOverrides(overrides=[haiku()]))
    applied, notes = with_user_overrides(catalog)
    assert notes == []
    assert is_override(applied.row("api_prices", "price_id", "s003_claude_35_haiku"))


def test_start_up_with_a_broken_file_uses_the_catalog_and_says_why(catalog):
    overrides_path().parent.mkdir(parents=True)
    overrides_path().write_text("{", encoding="utf-8")
    applied, notes = with_user_overrides(catalog)
    assert len(notes) == 1 and "could not be read" in notes[0]
    assert applied.row("api_prices", "price_id", "s003_claude_35_haiku")["origin"] == "catalog"


def test_every_planner_plans_on_the_overlaid_catalog(catalog, presets):
    from econplan.core.defaults import default_scenario, gpu_price_values
    from econplan.core.plan import compute_plan

    gpu = GpuOverride(gpu_id="h100_sxm", cloud_usd_per_hour_low=1.25, cloud_usd_per_hour_high=1.5,
                      source="Negotiated", as_of="2026-10")
    applied = apply_overrides(catalog, PriceOverrides(overrides=[gpu, haiku()]))
    # A fresh plan's default GPU price comes from the overridden row.
    assert gpu_price_values(applied, "h100_sxm")["training.usd_per_gpu_hour.low"] == 1.25
    scenario = default_scenario(applied)
    assert scenario.training.usd_per_gpu_hour.low == 1.25
    for name in ("routing_seed_14_roles", "breakeven_autocomplete_500k"):
        plan = compute_plan(presets[name], applied)
        assert plan.problems == {}
