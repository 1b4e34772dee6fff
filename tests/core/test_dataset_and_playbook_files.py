"""The dataset and playbook sections in scenario files and in `econplan compute`."""

import json
from pathlib import Path

from econplan.core.compute import compute_all
from econplan.core.defaults import default_scenario
from econplan.core.scenario import SCHEMA_VERSION
from econplan.core.scenario_io import load_scenario, save_scenario

from econplan.cli import main

DATA = Path(__file__).resolve().parents[1] / "data"


def test_version_1_file_opens_with_dataset_and_playbook_from_the_defaults(catalog):
    sample = DATA / "scenario_v1.json"
    payload = json.loads(sample.read_text())
    assert payload["schema_version"] == 1
    assert "dataset" not in payload and "playbook" not in payload
    scenario = load_scenario(sample)
    defaults = default_scenario(catalog)
    assert scenario.schema_version == SCHEMA_VERSION
    assert scenario.dataset == defaults.dataset
    assert scenario.playbook == defaults.playbook
    assert scenario.training.finetune.examples == payload["training"]["finetune"]["examples"]


def test_version_2_file_gains_the_sections_too(tmp_path, catalog):
    """Version 2 files (the training section only, e.g. the first presets) still open."""
    payload = {"schema_version": 2, "name": "v2 plan", "description": "",
               "training": default_scenario(catalog).training.model_dump(mode="json")}
    payload["training"]["tokens"] = 5e12
    path = tmp_path / "v2.json"
    path.write_text(json.dumps(payload))
    scenario = load_scenario(path)
    assert scenario.training.tokens == 5e12
    assert scenario.dataset == default_scenario(catalog).dataset
    assert scenario.playbook == default_scenario(catalog).playbook


def test_dataset_and_playbook_round_trip(tmp_path, presets):
    scenario = presets["playbook_finance"]
    target = tmp_path / "plan.json"
    save_scenario(scenario, target)
    assert load_scenario(target) == scenario
    saved = json.loads(target.read_text())
    assert saved["playbook"]["start_date"] == "2026-02-01"
    assert len(saved["playbook"]["phases"]) == 3


def test_compute_json_has_dataset_and_playbook(presets, catalog):
    figures = compute_all(presets["playbook_finance"], catalog)
    json.dumps(figures)  # JSON-ready
    assert figures["dataset"]["chinchilla_tokens_per_param"] == 20
    assert figures["playbook"]["first_version_cost_usd"]["low"] == 800_000
    assert figures["playbook"]["launch_date"]["high"] == "2026-10-01"


def test_cli_compute_prints_both_planners(tmp_path, presets, capsys):
    target = tmp_path / "plan.json"
    save_scenario(presets["dataset_qwen25_7b_overtrained"], target)
    assert main(["compute", str(target)]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert round(printed["dataset"]["tokens_per_param"]) == 2571
    assert printed["playbook"]["first_version_months"]["high"] == 8
