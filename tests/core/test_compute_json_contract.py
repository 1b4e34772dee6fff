"""`econplan compute` keeps every key it printed before the typed plan (docs/compute-json.md).

tests/data/compute_json_keys.json holds the key paths every example printed at the
commit before the plan was introduced: keys common to all examples, and each
example's extras (optional objects that are null in some). New keys may appear;
none may go.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from econplan.core.compute import compute_all
from econplan.core.plan import compute_plan

KEYS = json.loads((Path(__file__).parents[1] / "data" / "compute_json_keys.json").read_text())


def key_paths(value, prefix: str = "") -> set[str]:
    """'a.b' for nested objects, 'a[].b' inside lists."""
    paths: set[str] = set()
    if isinstance(value, dict):
        for key, item in value.items():
            path = f"{prefix}.{key}" if prefix else str(key)
            paths.add(path)
            paths |= key_paths(item, path)
    elif isinstance(value, list):
        for item in value:
            paths |= key_paths(item, prefix + "[]")
    return paths


def test_every_example_is_recorded(presets):
    assert set(KEYS["extra"]) == set(presets)


@pytest.mark.parametrize("name", sorted(KEYS["extra"]))
def test_every_documented_key_is_still_printed(name, presets, catalog):
    printed = key_paths(compute_all(presets[name], catalog))
    missing = (set(KEYS["common"]) | set(KEYS["extra"][name])) - printed
    assert not missing, f"{name} no longer prints {sorted(missing)}"


def test_a_precomputed_plan_prints_the_same(presets, catalog):
    scenario = presets["breakeven_14b_qlora"]
    assert compute_all(scenario, catalog, compute_plan(scenario, catalog)) == \
        compute_all(scenario, catalog)
