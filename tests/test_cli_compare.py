"""econplan compare: two scenarios' headline figures with their deltas, table or JSON."""

import json

from econplan.core.paths import scenarios_dir

from econplan.cli import main


def run_cli(capsys, *args):
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_compare_json_holds_every_planner_and_real_deltas(capsys):
    a = scenarios_dir() / "llama31_405b_reference.json"
    b = scenarios_dir() / "deepseek_v3_reference.json"
    code, out, _ = run_cli(capsys, "compare", str(a), str(b), "--json")
    assert code == 0
    payload = json.loads(out)
    training = {f["key"]: f for f in payload["planners"]["training"]["figures"]}
    total = training["total"]
    assert total["delta"] == total["current"] - total["baseline"] < 0
    assert set(payload["planners"]) == {"training", "dataset", "playbook", "routing",
                                        "breakeven"}


def test_compare_with_itself_prints_no_change(capsys):
    a = scenarios_dir() / "breakeven_midsize_bank.json"
    code, out, _ = run_cli(capsys, "compare", str(a), str(a), "--json")
    assert code == 0
    for planner in json.loads(out)["planners"].values():
        assert all(f["delta"] in (0, None) for f in planner["figures"])


def test_compare_table_and_errors(capsys, tmp_path):
    a = scenarios_dir() / "llama31_405b_reference.json"
    code, out, _ = run_cli(capsys, "compare", str(a), str(scenarios_dir() /
                                                          "pretrain_7b_seed_table.json"))
    assert code == 0
    assert "Training budget" in out and "Δ %" in out and "−" in out
    code, _, err = run_cli(capsys, "compare", str(a), str(tmp_path / "missing.json"))
    assert code == 2 and "missing.json" in err and "Traceback" not in err
