"""Rows from different sources about the same thing, found and shown side by side."""

import pytest
from econplan.core.catalog import CatalogError
from econplan.core.disagreements import all_disagreements, disagreements_for, same_subject


@pytest.mark.parametrize(("a", "b", "same"), [
    ("Claude Haiku", "Claude 3.5 Haiku", True),
    ("Llama 3.1 (405B)", "Llama 3.1 405B", True),
    ("GPT-4o", "GPT-4o", True),
    ("GPT-4o", "GPT-4o-mini", False),
    ("GPT-5", "GPT-5 Nano", False),
    ("Llama 3.1 8B", "Llama 3.1 405B", False),
    ("GB200 (superchip, 2 Blackwell GPUs)", "GB200 (per Blackwell GPU)", False),
])
def test_names_match_only_on_equal_words_or_missing_versions(a, b, same):
    assert same_subject(a, b) is same
    assert same_subject(b, a) is same


def test_claude_haiku_prices_from_two_seeds(catalog):
    [group] = disagreements_for(catalog, "api_prices", "s003_claude_35_haiku")
    assert group.quantity == "API price per million tokens"
    assert group.figures_differ
    by_key = {r.key: r for r in group.rows}
    assert set(by_key) == {"s003_claude_35_haiku", "s000_claude_haiku"}
    assert by_key["s003_claude_35_haiku"].is_item
    assert by_key["s003_claude_35_haiku"].figures == {
        "input $/M tokens": 0.25, "output $/M tokens": 1.25}
    assert by_key["s000_claude_haiku"].figures == {"$/M tokens (basis not stated)": 0.8}
    assert by_key["s000_claude_haiku"].source.startswith("000_")


def test_llama_405b_costs_across_tables(catalog):
    [group] = disagreements_for(catalog, "reference_runs", "llama31_405b")
    costs = {r.table: r.figures["cost low $"] for r in group.rows}
    assert costs == {"reference_runs": 60e6, "known_training_costs": 170e6}
    assert group.figures_differ


def test_b200_memory_seed_against_datasheet(catalog):
    [group] = disagreements_for(catalog, "gpu_specs", "b200")
    assert {r.figures["memory GB"] for r in group.rows} == {192.0, 180.0}


def test_all_disagreements_lists_each_group_once(catalog):
    groups = all_disagreements(catalog)
    members = [frozenset((r.table, r.key) for r in g.rows) for g in groups]
    assert len(members) == len(set(members))
    assert all(g.figures_differ for g in groups)
    subjects = {g.subject for g in groups}
    assert {"Claude 3.5 Haiku", "Llama 3.1 (405B)", "B200"} <= subjects
    every = all_disagreements(catalog, only_differing=False)
    assert len(every) > len(groups)  # sources that agree (A100 80GB memory) are there too


def test_a_row_with_one_source_has_no_disagreement(catalog):
    assert disagreements_for(catalog, "api_prices", "s003_gemini_15_flash") == []


def test_unknown_table_is_a_clear_error(catalog):
    with pytest.raises(CatalogError, match="table"):
        disagreements_for(catalog, "verticals", "legal")


def test_each_gpu_asked_about_in_turn_reuses_the_rows_read_for_the_first(catalog):
    from econplan.core import disagreements

    first = disagreements_for(catalog, "gpus", "h100_sxm")
    before = disagreements._rows.cache_info().hits
    again = disagreements_for(catalog, "gpus", "h100_sxm")
    assert disagreements._rows.cache_info().hits > before  # the GPU picker asks 14 times
    assert again == first
