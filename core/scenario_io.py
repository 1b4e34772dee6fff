"""Reading and writing scenario files with errors a person can act on.

A bad file never raises a traceback at the user: every problem becomes a
``FieldProblem`` naming the field path and the reason, and nothing on disk
changes when loading fails. Saving goes through the atomic writer, so an
interrupted save never leaves half a file and never changes its permissions.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from core.atomic_write import atomic_write_text
from core.scenario import SCHEMA_VERSION, Scenario


@cache
def _default_payload_json() -> str:
    # Imported here: only a migration needs the catalog, plain loading does not; cached
    # so that opening many old files loads the catalog once.
    from core.catalog import load_catalog
    from core.defaults import default_scenario

    return default_scenario(load_catalog()).model_dump_json()


def _default_payload() -> dict[str, Any]:
    return json.loads(_default_payload_json())


def _add_planner_sections(payload: dict[str, Any]) -> dict[str, Any]:
    """Version 1 held only the training planner; version 2 adds the other planners'
    sections, filled with the catalog's defaults (the same a new scenario gets)."""
    defaults = _default_payload()
    for section, value in defaults.items():
        if section not in ("schema_version", "name", "description"):
            payload.setdefault(section, value)
    return payload


def _add_no_capable_api(payload: dict[str, Any]) -> dict[str, Any]:
    """Version 4 adds the break-even constraint "no commercial model can do the task"; an
    older file said nothing about it, so the API stays an option (off)."""
    constraints = payload.get("breakeven", {}).get("constraints")
    if isinstance(constraints, dict):
        constraints.setdefault("no_capable_api", False)
    return payload


# Each migration turns a version-N payload into version N+1; old sample files
# under tests/data must keep loading.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {
    1: _add_planner_sections,
    # Version 3 adds the dataset and playbook sections (and any later planner's):
    # a version-2 file gets them from the defaults the same way.
    2: _add_planner_sections,
    3: _add_no_capable_api,
}


@dataclass(frozen=True)
class FieldProblem:
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class ScenarioFileError(Exception):
    """A scenario file could not be read; ``problems`` names each offending field."""

    def __init__(self, source: str, problems: list[FieldProblem]):
        self.source = source
        self.problems = problems
        lines = "\n".join(f"  - {p}" for p in problems)
        super().__init__(f"{source} is not a valid EconPlan scenario:\n{lines}")


def _location(loc: tuple[Any, ...]) -> str:
    path = ""
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            path += f".{part}" if path else str(part)
    return path


def problems_from_validation(exc: ValidationError) -> list[FieldProblem]:
    problems = []
    for error in exc.errors(include_url=False):
        message = error["msg"]
        if error["type"] == "missing":
            message = "required value is missing"
        elif error["type"] == "extra_forbidden":
            message = "unknown field (not part of the scenario format)"
        elif "input" in error and error["type"] not in ("model_type", "dict_type"):
            message = f"{message} (got {error['input']!r})"
        problems.append(FieldProblem(_location(error["loc"]), message))
    return problems


def migrate(payload: dict[str, Any], source: str) -> dict[str, Any]:
    version = payload.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise ScenarioFileError(
            source, [FieldProblem("schema_version", "required whole number is missing or invalid")]
        )
    if version > SCHEMA_VERSION:
        raise ScenarioFileError(
            source,
            [
                FieldProblem(
                    "schema_version",
                    f"file is version {version}, written by a newer EconPlan; this version "
                    f"reads up to {SCHEMA_VERSION}. Update EconPlan to open it.",
                )
            ],
        )
    if version < 1:
        raise ScenarioFileError(
            source, [FieldProblem("schema_version", f"unknown version {version}")]
        )
    while version < SCHEMA_VERSION:
        payload = MIGRATIONS[version](payload)
        version += 1
        payload["schema_version"] = version
    return payload


def scenario_from_json_text(text: str, source: str = "scenario") -> Scenario:
    try:
        payload = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ScenarioFileError(
            source, [FieldProblem("", f"not valid JSON: {exc.msg} at line {exc.lineno}, "
                                      f"column {exc.colno}")]
        ) from None
    if not isinstance(payload, dict):
        raise ScenarioFileError(
            source, [FieldProblem("", "the file must hold a JSON object at the top level")]
        )
    payload = migrate(payload, source)
    try:
        return Scenario.model_validate(payload)
    except ValidationError as exc:
        raise ScenarioFileError(source, problems_from_validation(exc)) from None


def load_scenario(path: str | os.PathLike[str]) -> Scenario:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ScenarioFileError(
            str(path), [FieldProblem("", "not a text file (expected UTF-8 JSON)")]
        ) from None
    except OSError as exc:
        raise ScenarioFileError(
            str(path), [FieldProblem("", f"cannot read file: {exc.strerror or exc}")]
        ) from None
    return scenario_from_json_text(text, str(path))


def scenario_to_json(scenario: Scenario) -> str:
    return scenario.model_dump_json(indent=2) + "\n"


def save_scenario(scenario: Scenario, path: str | os.PathLike[str]) -> None:
    atomic_write_text(path, scenario_to_json(scenario))


def scenario_json_schema() -> dict[str, Any]:
    return Scenario.model_json_schema()
