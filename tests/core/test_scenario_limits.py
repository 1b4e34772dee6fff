"""The loader's limits and strictness: every bad file is one clear, short message."""

from __future__ import annotations

import json

import pytest
from econplan.core.defaults import default_scenario
from econplan.core.scenario_io import (
    MAX_FILE_BYTES,
    MAX_NESTING,
    ScenarioFileError,
    load_scenario,
    scenario_from_bytes,
    scenario_to_json,
)


@pytest.fixture(scope="module")
def payload(catalog) -> dict:
    return json.loads(scenario_to_json(default_scenario(catalog)))


def _problems(data: bytes | str | dict, catalog) -> list[str]:
    if isinstance(data, dict):
        data = json.dumps(data)
    if isinstance(data, str):
        data = data.encode("utf-8")
    with pytest.raises(ScenarioFileError) as caught:
        scenario_from_bytes(data, "plan.json", catalog)
    assert len(str(caught.value)) < 2_000
    return [str(problem) for problem in caught.value.problems]


def _with(payload: dict, path: str, value) -> dict:
    changed = json.loads(json.dumps(payload))
    *parents, leaf = path.split(".")
    target = changed
    for part in parents:
        target = target[int(part)] if part.isdigit() else target[part]
    target[int(leaf) if leaf.isdigit() else leaf] = value
    return changed


def test_a_utf8_bom_is_accepted(payload, catalog):
    data = b"\xef\xbb\xbf" + json.dumps(payload).encode("utf-8")
    assert scenario_from_bytes(data, "plan.json", catalog).name == payload["name"]


def test_nesting_1200_deep_is_refused_before_parsing(payload, catalog):
    text = json.dumps(payload).replace('"description": ""', '"description": '
                                       + "[" * 1200 + "]" * 1200, 1)
    [problem] = _problems(text, catalog)
    assert f"more than {MAX_NESTING} levels" in problem


def test_brackets_inside_text_are_not_nesting(payload, catalog):
    text = json.dumps(_with(payload, "description", "[" * 1200))
    assert scenario_from_bytes(text.encode(), "plan.json", catalog).description == "[" * 1200


def test_a_4301_digit_integer_is_named_with_its_line_not_pythons_limit(payload, catalog):
    text = json.dumps(_with(payload, "training.gpu_count", 424242), indent=2)
    text = text.replace("424242", "9" * 4301)
    [problem] = _problems(text, catalog)
    assert "4,301 characters" in problem and problem.startswith("line ")
    assert "sys.set_int_max_str_digits" not in problem


def test_an_oversized_file_is_refused_without_reading_it_all(tmp_path):
    path = tmp_path / "big.json"
    path.write_bytes(b" " * (MAX_FILE_BYTES + 10))
    with pytest.raises(ScenarioFileError, match="larger than"):
        load_scenario(path)


def test_non_utf8_bytes_name_the_offset(payload, catalog):
    [problem] = _problems(b"\xff" + json.dumps(payload).encode(), catalog)
    assert "0xff at offset 0" in problem


@pytest.mark.parametrize("value", ["512", True, None, [512]])
def test_a_number_must_be_a_number(payload, catalog, value):
    [problem] = _problems(_with(payload, "training.gpu_count", value), catalog)
    assert problem.startswith("training.gpu_count:")


def test_an_integer_is_a_fine_float(payload, catalog):
    scenario = scenario_from_bytes(json.dumps(_with(payload, "training.params", 7_000_000_000))
                                   .encode(), "plan.json", catalog)
    assert scenario.training.params == 7e9


@pytest.mark.parametrize("literal", ["NaN", "Infinity", "-Infinity", "1e999"])
def test_non_finite_literals_are_named_at_their_field(payload, catalog, literal):
    text = json.dumps(_with(payload, "breakeven.queries_per_month", 12345.5))
    [problem] = _problems(text.replace("12345.5", literal), catalog)
    assert problem.startswith("breakeven.queries_per_month:")


@pytest.mark.parametrize(("path", "value", "suggestion"), [
    ("training.gpu_id", "h100_sxn", "'h100_sxm'"),
    ("breakeven.selfhost.gpu_id", "a100_80g", "'a100_80gb'"),
    ("routing.categories.0.category_id", "comercial_large", "'commercial_large'"),
])
def test_unknown_catalog_ids_name_the_field_and_the_nearest_ids(payload, catalog, path, value,
                                                                  suggestion):
    [problem] = _problems(_with(payload, path, value), catalog)
    shown = path.replace(".0.", "[0].")
    assert problem.startswith(f"{shown}: unknown ") and suggestion in problem


def test_unknown_role_and_api_model_are_refused(payload, catalog):
    changed = _with(payload, "breakeven.api.price_id", "gpt_9")
    changed["routing"]["headcount"] = [{"role_id": "astronaut", "headcount": 3}]
    problems = _problems(changed, catalog)
    assert any(p.startswith("breakeven.api.price_id: unknown API model") for p in problems)
    assert any(p.startswith("routing.headcount[0].role_id: unknown role") for p in problems)


def test_a_huge_value_is_quoted_in_at_most_80_characters(payload, catalog):
    [problem] = _problems(_with(payload, "name", "x" * 100_000), catalog)
    quoted = problem[problem.index("(got ") + 5:]
    assert len(quoted) <= 81 and quoted.endswith("…)")


def test_a_huge_unknown_key_is_cut_in_the_path(payload, catalog):
    changed = dict(payload, **{"k" * 100_000: 1})
    [problem] = _problems(changed, catalog)
    assert len(problem) < 200


def test_a_lone_surrogate_escape_is_a_clear_error(payload, catalog):
    text = json.dumps(payload).replace('"description": ""', '"description": "\\ud800"', 1)
    [problem] = _problems(text, catalog)
    assert "surrogate" in problem


def test_many_problems_are_listed_up_to_a_limit(payload, catalog):
    changed = dict(payload, **{f"extra_{i}": i for i in range(100)})
    with pytest.raises(ScenarioFileError) as caught:
        scenario_from_bytes(json.dumps(changed).encode(), "plan.json", catalog)
    assert len(caught.value.problems) == 100
    assert "… and 80 more problems" in str(caught.value)
