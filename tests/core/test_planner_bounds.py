"""Every scenario the bounds admit is planned quickly and finitely, whatever its numbers."""

from __future__ import annotations

import json
import math

import pytest
from econplan.core.model_base import midpoint
from econplan.core.scenario_io import ScenarioFileError, scenario_from_bytes
from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz.mutations import (
    bounds_of,
    check_document,
    examples,
    get_at,
    numeric_leaves,
    set_at,
)

EXAMPLES = [name for name, _ in examples()]


def _document(name: str) -> dict:
    return json.loads(dict(examples())[name])


def _at_bound(name: str, pick) -> bytes:
    payload = _document(name)
    for path in numeric_leaves(payload):
        low, high = bounds_of(path)
        value = pick(low, high)
        set_at(payload, path, round(value) if isinstance(get_at(payload, path), int) else value)
    corpus = payload.get("dataset", {}).get("corpus")
    if corpus:  # the one rule across fields: shares sum to one
        for key in corpus:
            corpus[key] = 1.0 if key == "web" else 0.0
    return json.dumps(payload).encode()


@pytest.mark.parametrize("name", EXAMPLES)
@pytest.mark.parametrize("end", ["lower", "upper"])
def test_every_number_at_one_end_of_its_bounds_is_planned(catalog, name, end):
    data = _at_bound(name, (lambda low, high: low) if end == "lower" else
                     (lambda low, high: high))
    assert check_document(data, catalog).startswith("accepted")


@pytest.mark.parametrize("value", [1e-20, 1e-7, 5e-324, 0.0])
def test_a_retrain_interval_too_short_to_mean_anything_is_refused(catalog, value):
    payload = _document("breakeven_midsize_bank.json")
    payload["breakeven"]["months_until_retrain"] = value
    with pytest.raises(ScenarioFileError, match=r"breakeven\.months_until_retrain"):
        scenario_from_bytes(json.dumps(payload).encode(), "plan.json", catalog)


def test_the_shortest_retrain_interval_is_planned_in_time(catalog):
    payload = _document("breakeven_midsize_bank.json")
    payload["breakeven"]["months_until_retrain"] = 0.1
    assert check_document(json.dumps(payload).encode(), catalog) == "accepted"


def test_no_positive_field_accepts_the_smallest_float(catalog):
    payload = _document("breakeven_midsize_bank.json")
    positive = [path for path in numeric_leaves(payload) if bounds_of(path)[0] > 0]
    assert len(positive) > 20
    for path in positive:
        changed = json.loads(json.dumps(payload))
        set_at(changed, path, 5e-324)
        with pytest.raises(ScenarioFileError):
            scenario_from_bytes(json.dumps(changed).encode(), "plan.json", catalog)


@given(st.floats(0, 1.7976931348623157e308), st.floats(0, 1.7976931348623157e308))
def test_a_midpoint_lies_between_its_ends_even_near_overflow(a, b):
    low, high = min(a, b), max(a, b)
    middle = midpoint(low, high)
    assert math.isfinite(middle) and low <= middle <= high


@pytest.mark.parametrize("end", ["lower", "upper"])
def test_compute_output_is_strict_json_at_the_bounds(tmp_path, capsys, end):
    from econplan.cli import main

    path = tmp_path / "plan.json"
    path.write_bytes(_at_bound("breakeven_midsize_bank.json",
                               (lambda low, high: low) if end == "lower" else
                               (lambda low, high: high)))
    assert main(["compute", str(path)]) == 0

    def refuse(literal: str) -> None:
        raise AssertionError(f"{literal} in compute output")

    figures = json.loads(capsys.readouterr().out, parse_constant=refuse)
    assert figures["breakeven"]["queries_per_month"] >= 0


def test_compute_on_a_bad_file_is_one_message_and_status_2(tmp_path, capsys):
    from econplan.cli import main

    path = tmp_path / "plan.json"
    path.write_text("[" * 1200 + "]" * 1200, encoding="utf-8")
    assert main(["compute", str(path)]) == 2
    error = capsys.readouterr().err
    assert "nest more than" in error and "Traceback" not in error
