"""Reading and writing scenario files with errors a person can act on.

A bad file never raises a traceback at the user: every problem becomes a
``FieldProblem`` naming the field path and the reason, and nothing on disk
changes when loading fails. Saving goes through the atomic writer, so an
interrupted save never leaves half a file and never changes its permissions.

Loading checks what a parser would choke on before parsing: the file's size, how
deeply its lists and objects nest and how long its number literals are. Numbers
are strict (the string "512" and ``true`` are not numbers; an integer is a fine
float), and the catalog ids a file names must exist in the catalog.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from econplan.core.atomic_write import atomic_write_text
from econplan.core.planner_ids import PLANNER_IDS
from econplan.core.scenario import SCHEMA_VERSION, Scenario
from pydantic import ValidationError

if TYPE_CHECKING:
    from econplan.core.catalog import Catalog

# A real scenario is a few kilobytes and nests six levels deep; these limits leave
# ample room and keep a hostile file from exhausting memory or the parser's stack.
MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_NESTING = 32
MAX_NUMBER_CHARS = 100  # 0.1000000000000000055511151231257827 is 36; no bound needs more
MAX_PROBLEMS_SHOWN = 20
QUOTE_LIMIT = 80


@cache
def _default_payload_json() -> str:
    # Imported here: only a migration needs the catalog, plain loading does not; cached
    # so that opening many old files loads the catalog once.
    from econplan.core.catalog import load_catalog
    from econplan.core.defaults import default_scenario

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


def _add_plan_properties(payload: dict[str, Any]) -> dict[str, Any]:
    """Version 5 adds the plan's organisation and author and the planners it uses. An
    older file said nothing about them; it used (and exported) all five planners."""
    payload.setdefault("organisation", "")
    payload.setdefault("author", "")
    payload.setdefault("planners", list(PLANNER_IDS))
    return payload


# Each migration turns a version-N payload into version N+1; old sample files
# under tests/data must keep loading.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {
    1: _add_planner_sections,
    # Version 3 adds the dataset and playbook sections (and any later planner's):
    # a version-2 file gets them from the defaults the same way.
    2: _add_planner_sections,
    3: _add_no_capable_api,
    4: _add_plan_properties,
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
        shown = problems[:MAX_PROBLEMS_SHOWN]
        lines = "\n".join(f"  - {p}" for p in shown)
        if len(problems) > len(shown):
            lines += f"\n  - … and {len(problems) - len(shown)} more problems"
        super().__init__(f"{source} is not a valid EconPlan scenario:\n{lines}")


def quote(value: object, limit: int = QUOTE_LIMIT) -> str:
    """repr() of a value cut to ``limit`` characters: a 100,000-character name must not
    become 100 KB of error message."""
    try:
        text = repr(value)
    except ValueError:  # an int past Python's digit limit cannot be printed
        return "<a number too long to print>"
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _location(loc: tuple[Any, ...]) -> str:
    path = ""
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            # An unknown key is part of the path; a huge one must not flood the message.
            name = str(part) if len(str(part)) <= QUOTE_LIMIT else quote(str(part))
            path += f".{name}" if path else name
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
            message = f"{message} (got {quote(error['input'])})"
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


class _LiteralTooLong(ValueError):
    def __init__(self, literal: str):
        super().__init__(literal)
        self.literal = literal


def _number(parse: Callable[[str], Any]) -> Callable[[str], Any]:
    """A json number hook that refuses over-long literals before converting them (Python's
    int() would raise its own digit-limit error naming no file or field)."""

    def checked(literal: str) -> Any:
        if len(literal) > MAX_NUMBER_CHARS:
            raise _LiteralTooLong(literal)
        return parse(literal)

    return checked


# Strings are blanked before brackets are counted so that "[[[" inside a name is not depth.
_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_BRACKET = re.compile(r"[\[\]{}]")


def _too_deep(text: str) -> int | None:
    """The offset where nesting first exceeds MAX_NESTING, or None (json.loads recurses
    once per level, so a 1,200-deep list would overflow its stack)."""
    depth = 0
    for match in _BRACKET.finditer(_JSON_STRING.sub('""', text)):
        depth += 1 if match.group() in "[{" else -1
        if depth > MAX_NESTING:
            return match.start()
    return None


def _whole_file(source: str, message: str) -> ScenarioFileError:
    return ScenarioFileError(source, [FieldProblem("", message)])


def _parse(text: str, source: str) -> Any:
    if len(text) > MAX_FILE_BYTES:
        raise _whole_file(source, f"the text is {len(text):,} characters long; a scenario "
                                  f"holds at most {MAX_FILE_BYTES:,}")
    if _too_deep(text) is not None:
        raise _whole_file(source, f"lists or objects nest more than {MAX_NESTING} levels "
                                  "deep; a scenario nests a few levels")
    try:
        return json.loads(text, parse_int=_number(int), parse_float=_number(float))
    except _LiteralTooLong as exc:
        line = text.count("\n", 0, max(text.find(exc.literal), 0)) + 1
        raise _whole_file(source, f"line {line}: a number {len(exc.literal):,} characters "
                                  f"long ({quote(exc.literal, 24)}); numbers have at most "
                                  f"{MAX_NUMBER_CHARS}") from None
    except json.JSONDecodeError as exc:
        raise _whole_file(source, f"not valid JSON: {exc.msg} at line {exc.lineno}, "
                                  f"column {exc.colno}") from None


def _strict_json(payload: dict[str, Any], source: str) -> bytes:
    # Validated from JSON, strict: pydantic then refuses "512" and true as numbers while
    # enums and dates still come from their JSON strings.
    try:
        return json.dumps(payload, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        raise _whole_file(source, "a text value holds an invalid \\u escape (a lone UTF-16 "
                                  "surrogate such as \\ud800)") from None


def scenario_from_json_text(text: str, source: str = "scenario",
                            catalog: Catalog | None = None) -> Scenario:
    """Parse and validate a scenario; raises ScenarioFileError and nothing else.

    ``catalog`` checks the ids the file names; without one, the bundled catalog is used.
    """
    payload = _parse(text.removeprefix("\ufeff"), source)  # a BOM is harmless; accept it
    if not isinstance(payload, dict):
        raise _whole_file(source, "the file must hold a JSON object at the top level")
    payload = migrate(payload, source)
    try:
        scenario = Scenario.model_validate_json(_strict_json(payload, source), strict=True)
    except ValidationError as exc:
        raise ScenarioFileError(source, problems_from_validation(exc)) from None
    problems = _unknown_ids(scenario, catalog)
    if problems:
        raise ScenarioFileError(source, problems)
    return scenario


@cache
def _bundled_catalog() -> Catalog | None:
    from econplan.core.catalog import CatalogError, load_catalog

    try:
        return load_catalog()
    except CatalogError:
        return None  # the app reports a broken catalog itself; ids are then checked by planners


def _unknown_ids(scenario: Scenario, catalog: Catalog | None) -> list[FieldProblem]:
    from econplan.core.catalog_ids import unknown_catalog_ids

    catalog = catalog if catalog is not None else _bundled_catalog()
    if catalog is None:
        return []
    return [FieldProblem(path, message) for path, message in unknown_catalog_ids(scenario, catalog)]


def load_scenario(path: str | os.PathLike[str], catalog: Catalog | None = None) -> Scenario:
    path = Path(path)
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)  # bounded: /dev/zero is a "file" too
    except OSError as exc:
        raise _whole_file(str(path), f"cannot read file: {exc.strerror or exc}") from None
    return scenario_from_bytes(data, str(path), catalog)


def scenario_from_bytes(data: bytes, source: str = "scenario",
                        catalog: Catalog | None = None) -> Scenario:
    """A scenario from a file's bytes (UTF-8, with or without a BOM)."""
    if len(data) > MAX_FILE_BYTES:
        raise _whole_file(source, f"the file is larger than {MAX_FILE_BYTES // 2**20} MB; "
                                  "a scenario is a few kilobytes")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _whole_file(source, f"not a text file (expected UTF-8 JSON; byte "
                                  f"0x{data[exc.start]:02x} at offset {exc.start:,} is not "
                                  "UTF-8)") from None
    return scenario_from_json_text(text, source, catalog)


def scenario_to_json(scenario: Scenario) -> str:
    return scenario.model_dump_json(indent=2) + "\n"


def save_scenario(scenario: Scenario, path: str | os.PathLike[str]) -> None:
    atomic_write_text(path, scenario_to_json(scenario))


def scenario_json_schema() -> dict[str, Any]:
    return Scenario.model_json_schema()
