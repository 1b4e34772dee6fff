"""Importing a LiteLLM price file: conversion, skipped and invalid entries, the diff, errors."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from econplan.core.litellm_import import (
    MAX_FILE_BYTES,
    PriceFileError,
    import_prices,
    merged_overrides,
    normalised_model_name,
    read_price_file,
)
from econplan.core.price_overrides import PriceOverrides, apply_overrides
from hypothesis import given
from hypothesis import strategies as st

DATA = Path(__file__).resolve().parent.parent / "data"
TODAY = dt.date(2026, 12, 1)


def by_name(items):
    return {item.name: item for item in items}


def test_per_token_prices_become_per_million_with_cache_and_batch():
    prices = by_name(read_price_file(DATA / "litellm_valid.json", TODAY).prices)
    mini = prices["gpt-4o-mini"].figures
    assert mini["usd_per_mtok_input"] == pytest.approx(0.15)
    assert mini["usd_per_mtok_output"] == pytest.approx(0.60)
    assert mini["usd_per_mtok_cached_input"] == pytest.approx(0.075)
    assert mini["usd_per_mtok_batch_input"] == pytest.approx(0.075)
    assert mini["usd_per_mtok_batch_output"] == pytest.approx(0.30)
    assert prices["gpt-4o-mini"].provider == "openai"
    assert "usd_per_mtok_batch_input" not in prices["gpt-4o"].figures


def test_the_sample_and_non_text_models_are_skipped_and_listed():
    read = read_price_file(DATA / "litellm_valid.json", TODAY)
    skipped = by_name(read.skipped)
    assert set(skipped) == {"sample_spec", "text-embedding-3-small", "dall-e-3"}
    assert skipped["text-embedding-3-small"].reason == "embedding model"
    assert read.invalid == []
    assert read.imported_on == TODAY


def test_the_diff_names_new_changed_and_unchanged_prices(catalog):
    result = import_prices(DATA / "litellm_valid.json", catalog, TODAY)
    status = {diff.price.name: diff for diff in result.diffs}
    haiku = status["claude-3-5-haiku-20241022"]
    assert haiku.status == "changed" and haiku.price_id == "s003_claude_35_haiku"
    assert haiku.model == "Claude 3.5 Haiku"
    assert haiku.describe().startswith("$0.25/$1.25 → $0.80/$4.00")
    assert status["gpt-4o"].status == "unchanged"
    # Same input/output but a cache and batch price the catalog lacks: a change.
    assert status["gpt-4o-mini"].status == "changed"
    assert "cached input — → $0.075" in status["gpt-4o-mini"].describe()
    acme = status["acme-writer-large"]
    assert acme.status == "new" and acme.price_id == "litellm_acme_writer_large"
    assert acme.price_id not in catalog.table("api_prices")["price_id"].to_list()


def test_invalid_entries_are_listed_by_name_with_the_reason(catalog):
    result = import_prices(DATA / "litellm_partial.json", catalog, TODAY)
    invalid = {entry.name: entry.reason for entry in result.file.invalid}
    assert invalid == {
        "priced-as-text": "input_cost_per_token is not a number ('0.000001')",
        "negative-model": "input_cost_per_token is negative",
        "no-output-price": "no output_cost_per_token",
        "absurd-model": "input_cost_per_token is $5,000,000 per million tokens, above the "
                        "$10,000 limit",
        "not-a-number": "input_cost_per_token is not a number ('NaN')",
        "flag-priced": "input_cost_per_token is not a number (True)",
        "just-a-string": "not an object of prices",
    }
    assert [entry.name for entry in result.file.skipped] == ["whisper-1"]
    # The valid entries of a partial file still import.
    statuses = {diff.price.name: diff.status for diff in result.diffs}
    assert statuses == {"claude-3-5-haiku-20241022": "changed",
                        "gemini-1.5-flash-latest": "unchanged"}


def test_a_second_entry_for_the_same_model_is_listed_not_applied(catalog):
    result = import_prices(DATA / "litellm_partial.json", catalog, TODAY)
    assert [(d.name, d.reason) for d in result.duplicates] == [
        ("bedrock/anthropic.claude-3-5-haiku-20241022-v1:0",
         "the same model as claude-3-5-haiku-20241022")]


@pytest.mark.parametrize("litellm, catalog_name", [
    ("claude-3-5-haiku-20241022", "Claude 3.5 Haiku"),
    ("anthropic/claude-3-5-haiku", "Claude 3.5 Haiku"),
    ("bedrock/anthropic.claude-3-5-sonnet-20240620-v1:0", "Claude 3.5 Sonnet"),
    ("gpt-4o-2024-08-06", "GPT-4o"),
    ("openai/gpt-4o-mini", "GPT-4o-mini"),
    ("gemini/gemini-1.5-flash-latest", "Gemini 1.5 Flash"),
    ("vertex_ai/claude-3-5-haiku@20241022", "Claude 3.5 Haiku"),
])
def test_names_match_across_spellings(litellm, catalog_name):
    assert normalised_model_name(litellm) == normalised_model_name(catalog_name)


def test_different_models_stay_apart():
    assert normalised_model_name("gpt-4o") != normalised_model_name("GPT-4o-mini")
    assert normalised_model_name("o1") != normalised_model_name("o1-mini")


def test_applying_writes_changed_and_new_prices_dated_with_the_import(catalog):
    result = import_prices(DATA / "litellm_valid.json", catalog, TODAY)
    overrides = merged_overrides(PriceOverrides(), result)
    keys = {o.key for o in overrides.overrides}
    assert keys == {"s003_claude_35_haiku", "s003_gpt_4o_mini", "litellm_acme_writer_large"}
    haiku = overrides.find("api", "s003_claude_35_haiku")
    assert haiku.as_of == "2026-12-01"
    assert "litellm_valid.json" in haiku.source and "2026-12-01" in haiku.source
    only_known = merged_overrides(PriceOverrides(), result, include_new=False)
    assert {o.key for o in only_known.overrides} == {"s003_claude_35_haiku", "s003_gpt_4o_mini"}
    applied = apply_overrides(catalog, overrides)
    row = applied.row("api_prices", "price_id", "s003_claude_35_haiku")
    assert (row["usd_per_mtok_input"], row["usd_per_mtok_output"]) == pytest.approx((0.8, 4.0))


def test_importing_the_same_file_again_changes_nothing(catalog):
    first = import_prices(DATA / "litellm_valid.json", catalog, TODAY)
    applied = apply_overrides(catalog, merged_overrides(PriceOverrides(), first))
    again = import_prices(DATA / "litellm_valid.json", applied, TODAY)
    assert {diff.status for diff in again.diffs} == {"unchanged"}
    assert again.overrides() == []


def write(tmp_path, name, content: bytes | str) -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


@pytest.mark.parametrize("name, content, message", [
    ("broken", (DATA / "litellm_broken.json").read_text(encoding="utf-8"), "is not JSON"),
    ("list", "[1, 2, 3]", "must hold a JSON object of models by name, not a list"),
    ("deep", "{" + '"a": [' * 40 + "]" * 40 + "}", "nested more than"),
    ("latin1", b'{"caf\xe9": {}}', "not UTF-8"),
    ("hugeint", '{"x": {"input_cost_per_token": ' + "9" * 5000 + "}}", "cannot be read"),
])
def test_a_broken_file_is_a_clear_error(tmp_path, catalog, name, content, message):
    path = write(tmp_path, f"{name}.json", content)
    with pytest.raises(PriceFileError, match=message):
        import_prices(path, catalog, TODAY)


def test_a_file_that_is_too_large_is_refused_before_reading(tmp_path, catalog):
    path = tmp_path / "big.json"
    with path.open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)
    with pytest.raises(PriceFileError, match="at most 20 MB"):
        import_prices(path, catalog, TODAY)


def test_a_missing_file_is_a_clear_error(tmp_path, catalog):
    with pytest.raises(PriceFileError, match="cannot read"):
        import_prices(tmp_path / "absent.json", catalog, TODAY)


@given(st.dictionaries(st.text(max_size=30),
                       st.dictionaries(st.sampled_from(["input_cost_per_token",
                                                        "output_cost_per_token", "mode",
                                                        "cache_read_input_token_cost"]),
                                       st.one_of(st.floats(allow_nan=True), st.text(max_size=5),
                                                 st.none(), st.booleans(), st.integers())),
                       max_size=8))
def test_every_entry_is_imported_skipped_or_listed_invalid(tmp_path_factory, entries):
    path = tmp_path_factory.mktemp("prop") / "prices.json"
    path.write_text(json.dumps(entries), encoding="utf-8")
    read = read_price_file(path, TODAY)
    names = [p.name for p in read.prices] + [e.name for e in read.skipped + read.invalid]
    assert sorted(names) == sorted(entries)
    for price in read.prices:
        assert all(0 <= value <= 10_000 for value in price.figures.values())


def test_new_models_get_distinct_ids_that_fit_a_scenario(tmp_path, catalog):
    long = "vendor/" + "very-long-model-name-" * 6
    entries = {name: {"input_cost_per_token": 1e-6, "output_cost_per_token": 2e-6}
               for name in (long + "a", long + "b", "Acme Writer", "acme_writer!")}
    path = tmp_path / "prices.json"
    path.write_text(json.dumps(entries), encoding="utf-8")
    ids = [diff.price_id for diff in import_prices(path, catalog, TODAY).diffs]
    assert len(set(ids)) == len(ids) == 3  # "Acme Writer" and "acme_writer!" are one model
    assert all(len(i) <= 64 for i in ids)
    assert all(o.price_id in ids for o in import_prices(path, catalog, TODAY).overrides())
