"""`econplan prices`: import with a diff, apply, list, reset, the stale check; exit codes."""

from __future__ import annotations

from pathlib import Path

import pytest
from econplan.core.paths import scenarios_dir
from econplan.core.price_overrides import load_overrides, overrides_path

from econplan.cli import main

DATA = Path(__file__).resolve().parent / "data"


def run_cli(capsys, *args):
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_import_prints_the_diff_and_writes_nothing_without_apply(capsys):
    code, out, _ = run_cli(capsys, "prices", "import", str(DATA / "litellm_partial.json"))
    assert code == 0
    assert "Changed (1)" in out and "$0.25/$1.25 → $0.80/$4.00" in out
    assert "negative-model: input_cost_per_token is negative" in out
    assert "whisper-1: audio_transcription model" in out
    assert "add --apply" in out
    assert not overrides_path().exists()


def test_apply_writes_then_list_and_reset(capsys):
    code, out, _ = run_cli(capsys, "prices", "import", str(DATA / "litellm_valid.json"),
                           "--apply")
    assert code == 0 and "wrote 3 prices" in out
    stored = load_overrides().overrides
    assert {o.key for o in stored.overrides} == {"s003_claude_35_haiku", "s003_gpt_4o_mini",
                                                 "litellm_acme_writer_large"}
    code, out, _ = run_cli(capsys, "prices", "list")
    assert code == 0 and "s003_claude_35_haiku" in out and "LiteLLM price file" in out
    code, out, _ = run_cli(capsys, "prices", "reset", "s003_claude_35_haiku")
    assert code == 0
    assert load_overrides().overrides.find("api", "s003_claude_35_haiku") is None
    code, _, err = run_cli(capsys, "prices", "reset", "s003_claude_35_haiku")
    assert code == 2 and "no price override" in err
    code, _, _ = run_cli(capsys, "prices", "reset", "--all")
    assert code == 0 and load_overrides().overrides.overrides == []


def test_apply_with_no_new_only_updates_catalog_models(capsys):
    code, _, _ = run_cli(capsys, "prices", "import", str(DATA / "litellm_valid.json"),
                         "--apply", "--no-new")
    assert code == 0
    assert {o.key for o in load_overrides().overrides.overrides} == {
        "s003_claude_35_haiku", "s003_gpt_4o_mini"}


def test_a_broken_file_exits_2_and_writes_nothing(capsys):
    code, out, err = run_cli(capsys, "prices", "import", str(DATA / "litellm_broken.json"),
                             "--apply")
    assert code == 2 and out == ""
    assert "is not JSON" in err and "nothing was written" in err and "Traceback" not in err
    assert not overrides_path().exists()


def test_a_broken_overrides_file_is_not_overwritten_by_an_import(capsys):
    path = overrides_path()
    path.parent.mkdir(parents=True)
    path.write_text("{broken", encoding="utf-8")
    code, _, err = run_cli(capsys, "prices", "import", str(DATA / "litellm_valid.json"),
                           "--apply")
    assert code == 2 and "could not be read" in err and "reset --all" in err
    assert path.read_text(encoding="utf-8") == "{broken"
    assert run_cli(capsys, "prices", "reset", "--all")[0] == 0
    assert load_overrides().problem is None


@pytest.mark.parametrize("args", [["prices", "reset"], ["prices", "reset", "x", "--all"]])
def test_reset_needs_one_id_or_all(capsys, args):
    code, _, err = run_cli(capsys, *args)
    assert code == 2 and "one ID or --all" in err


def test_stale_lists_old_prices_with_the_note(capsys):
    scenario = scenarios_dir() / "breakeven_autocomplete_500k.json"
    code, out, _ = run_cli(capsys, "prices", "stale", str(scenario), "--today", "2027-06-01")
    assert code == 0
    assert "GPT-5.4 Standard API price" in out and "probably wrong by 30% or more" in out
    code, _, err = run_cli(capsys, "prices", "stale", str(scenario), "--today", "soon")
    assert code == 2 and "--today" in err
