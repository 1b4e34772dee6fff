"""Disagreements between sources as the pickers and the catalog browser word them."""

from econplan.core.disagreement_text import disagreement_note, disagreement_summary, short_source
from econplan.core.source_documents import DOCUMENT_TITLES, readable_sources


def test_seed_file_names_become_document_titles():
    for number, title in DOCUMENT_TITLES.items():
        file_name = f"{number}_0123456789abcdef.txt"
        text = readable_sources(f"{file_name} §3 Section")
        assert file_name not in text and f"“{title}” §3 Section" == text
    assert readable_sources("NVIDIA H100 datasheet") == "NVIDIA H100 datasheet"
    assert short_source("003_4fc7c3896d9cb911.txt Inference Costs") == \
        "“Economics of Custom Models”"


def test_claude_haiku_prices_both_shown_and_the_used_one_marked(catalog):
    used = ("api_prices", "s003_claude_35_haiku")
    note = disagreement_note(catalog, *used, used=used)
    lines = note.splitlines()
    assert lines[0] == ("Sources disagree on the API price per million tokens of "
                        "Claude 3.5 Haiku:")
    marked = [line for line in lines if "the plan uses this" in line]
    assert len(marked) == 1 and "$0.25" in marked[0] and "$1.25" in marked[0]
    assert any("$0.8" in line and "Claude Haiku" in line for line in lines)
    summary = disagreement_summary(catalog, *used, used=used)
    assert "used by the plan" in summary and ".txt" not in summary + note


def test_llama_405b_costs_from_both_tables(catalog):
    note = disagreement_note(catalog, "reference_runs", "llama31_405b")
    assert "$60M" in note and "$170M" in note
    assert "Foundation Model Economics" in note and ".txt" not in note


def test_a_row_every_source_agrees_on_has_no_note(catalog):
    assert disagreement_note(catalog, "gpus", "h100_sxm") == ""
    assert disagreement_summary(catalog, "gpus", "h100_sxm") == ""


def test_the_proposal_says_which_price_the_plan_uses(catalog):
    from econplan.core.defaults import default_scenario
    from econplan.core.report import build_report

    scenario = default_scenario(catalog)
    scenario.breakeven.api.price_id = "s003_claude_35_haiku"
    section = next(s for s in build_report(scenario, catalog).sections
                   if s.planner_id == "breakeven")
    notes = [b.text for b in section.blocks if getattr(b, "style", "") == "note"]
    assert any("Claude Haiku" in n and "used by the plan" in n for n in notes)


def test_a_tooltip_made_readable_again_is_not_worked_out_again():
    # A range's two ends and a rebuilt tab ask for the same texts (~0.08 ms each).
    text = "Cluster size; seed 000 §3: 128–512 H100s for 7B."
    first = readable_sources(text)
    hits = readable_sources.cache_info().hits
    assert readable_sources(text) == first
    assert readable_sources.cache_info().hits == hits + 1
