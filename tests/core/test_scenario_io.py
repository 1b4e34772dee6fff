"""Scenario files: round trip, and errors that name each offending field."""

import json

import pytest
from econplan.core.defaults import default_scenario
from econplan.core.scenario import SCHEMA_VERSION
from econplan.core.scenario_io import (
    ScenarioFileError,
    load_scenario,
    save_scenario,
    scenario_json_schema,
    scenario_to_json,
)


@pytest.fixture
def scenario(catalog):
    return default_scenario(catalog)


def _write(tmp_path, payload) -> "object":
    path = tmp_path / "plan.json"
    path.write_text(payload if isinstance(payload, str) else json.dumps(payload))
    return path


def _problems(path) -> dict[str, str]:
    with pytest.raises(ScenarioFileError) as info:
        load_scenario(path)
    return {p.path: p.message for p in info.value.problems}


def test_round_trip_preserves_every_field(tmp_path, scenario):
    path = tmp_path / "plan.json"
    save_scenario(scenario, path)
    assert load_scenario(path) == scenario
    assert json.loads(path.read_text())["schema_version"] == SCHEMA_VERSION


def test_save_leaves_no_temporary_files(tmp_path, scenario):
    save_scenario(scenario, tmp_path / "plan.json")
    assert [p.name for p in tmp_path.iterdir()] == ["plan.json"]


def test_invalid_json_names_line_and_column(tmp_path):
    problems = _problems(_write(tmp_path, '{"schema_version": 1,'))
    assert "not valid JSON" in problems[""]
    assert "line 1" in problems[""]


def test_top_level_must_be_an_object(tmp_path):
    assert "JSON object" in _problems(_write(tmp_path, "[1, 2]"))[""]


def test_wrong_type_and_out_of_range_values_are_each_named(tmp_path, scenario):
    payload = json.loads(scenario_to_json(scenario))
    payload["training"]["gpu_count"] = "many"
    payload["training"]["mfu"]["high"] = 1.5
    payload["training"]["params"] = -7
    problems = _problems(_write(tmp_path, payload))
    assert set(problems) >= {"training.gpu_count", "training.mfu.high", "training.params"}
    assert "1.5" in problems["training.mfu.high"]


def test_missing_value_is_named(tmp_path, scenario):
    payload = json.loads(scenario_to_json(scenario))
    del payload["training"]["hidden"]["hourly_rate_usd"]
    problems = _problems(_write(tmp_path, payload))
    assert problems == {"training.hidden.hourly_rate_usd": "required value is missing"}


def test_unknown_field_is_named(tmp_path, scenario):
    payload = json.loads(scenario_to_json(scenario))
    payload["training"]["gpu_cuont"] = 8
    assert "unknown field" in _problems(_write(tmp_path, payload))["training.gpu_cuont"]


def test_range_with_low_above_high_is_refused(tmp_path, scenario):
    payload = json.loads(scenario_to_json(scenario))
    payload["training"]["usd_per_gpu_hour"] = {"low": 3, "high": 2}
    problems = _problems(_write(tmp_path, payload))
    assert "must not exceed high" in problems["training.usd_per_gpu_hour"]


def test_moe_active_above_total_is_refused(tmp_path, scenario):
    payload = json.loads(scenario_to_json(scenario))
    payload["training"].update(architecture="moe", params=7e9, active_params=8e9)
    assert "active_params" in next(iter(_problems(_write(tmp_path, payload)).values()))


def test_newer_schema_version_says_update(tmp_path, scenario):
    payload = json.loads(scenario_to_json(scenario))
    payload["schema_version"] = SCHEMA_VERSION + 1
    assert "newer EconPlan" in _problems(_write(tmp_path, payload))["schema_version"]


def test_failed_load_changes_nothing_on_disk(tmp_path):
    path = _write(tmp_path, '{"schema_version": 1, "name": 5}')
    before = path.read_bytes()
    _problems(path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["plan.json"]


def test_unreadable_file_is_a_clear_error(tmp_path):
    assert "cannot read" in _problems(tmp_path / "missing.json")[""]
    binary = tmp_path / "binary.json"
    binary.write_bytes(b"\xff\xfe\x00\x01")
    assert "UTF-8" in _problems(binary)[""]


def test_version_1_sample_file_still_loads():
    """Files saved by EconPlan 0.1 (schema 1) must keep opening after migrations."""
    from pathlib import Path

    sample = Path(__file__).resolve().parents[1] / "data" / "scenario_v1.json"
    assert load_scenario(sample).schema_version == SCHEMA_VERSION


def test_json_schema_bounds_come_from_the_model():
    schema = json.dumps(scenario_json_schema())
    assert '"FractionRange"' in schema
    assert '"minimum": 0.01' in schema
    # Every number is closed at both ends: no open "> 0" that admits 5e-324.
    assert '"exclusiveMinimum"' not in schema


def _numeric_schemas(node, path=""):
    if isinstance(node, dict):
        if node.get("type") in ("number", "integer"):
            yield path, node
        for key, value in node.items():
            yield from _numeric_schemas(value, f"{path}.{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _numeric_schemas(value, f"{path}[{index}]")


def test_every_number_in_the_schema_has_both_bounds_and_says_so():
    numbers = [(path, node) for path, node in _numeric_schemas(scenario_json_schema())
               if "schema_version" not in path]
    assert len(numbers) > 60
    for path, node in numbers:
        assert "minimum" in node and "maximum" in node, path
        assert "accepted" in node.get("description", ""), path


def test_version_1_file_gains_every_planner_section_from_the_defaults(catalog):
    from pathlib import Path

    sample = Path(__file__).resolve().parents[1] / "data" / "scenario_v1.json"
    assert json.loads(sample.read_text())["schema_version"] == 1
    migrated = load_scenario(sample)
    defaults = default_scenario(catalog)
    for section in type(defaults).model_fields:
        if section not in ("schema_version", "name", "description", "training"):
            assert getattr(migrated, section) == getattr(defaults, section), section
    assert migrated.training.hidden.training_runs.low == 10  # its own values are kept


def test_version_3_file_opens_with_the_api_still_an_option(tmp_path, presets):
    """Version 4 adds the "no commercial model can do the task" constraint; a version-3 file
    did not state it, so it opens with the constraint off and its other values kept."""
    payload = json.loads(presets["breakeven_roi_framework"].model_dump_json())
    payload["schema_version"] = 3
    del payload["breakeven"]["constraints"]["no_capable_api"]
    migrated = load_scenario(_write(tmp_path, payload))
    assert migrated.schema_version == SCHEMA_VERSION
    assert migrated.breakeven.constraints.no_capable_api is False
    assert migrated.breakeven.human == presets["breakeven_roi_framework"].breakeven.human


def test_version_4_file_opens_using_every_planner(tmp_path, presets):
    """Version 5 adds the organisation, the author and the planners a plan uses; a version-4
    file exported all five planners, so it opens with all five and empty names."""
    payload = json.loads(presets["routing_seed_14_roles"].model_dump_json())
    payload["schema_version"] = 4
    for key in ("organisation", "author", "planners"):
        del payload[key]
    migrated = load_scenario(_write(tmp_path, payload))
    assert migrated.schema_version == SCHEMA_VERSION
    assert migrated.planners == ["training", "dataset", "playbook", "routing", "breakeven"]
    assert migrated.organisation == "" and migrated.author == ""
    assert migrated.routing == presets["routing_seed_14_roles"].routing


def test_planners_are_kept_once_in_dependency_order(tmp_path, presets):
    payload = json.loads(presets["routing_seed_14_roles"].model_dump_json())
    payload["planners"] = ["breakeven", "training"]
    assert load_scenario(_write(tmp_path, payload)).planners == ["training", "breakeven"]
    for bad in (["routing", "routing"], [], ["pricing"]):
        payload["planners"] = bad
        problems = _problems(_write(tmp_path, payload))
        assert any(path.startswith("planners") for path in problems), bad


def test_every_example_declares_the_planners_it_uses(presets):
    assert presets["routing_seed_14_roles"].planners == ["routing"]
    assert presets["llama31_405b_reference"].planners == ["training"]
    assert all(scenario.planners for scenario in presets.values())
