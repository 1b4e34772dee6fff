"""Hostile scenario documents made by mutating the bundled examples, and the rule they obey.

Shared by the suite's hypothesis test (tests/core/test_scenario_fuzz.py) and the
standalone long-run script (tests/fuzz/fuzz_scenarios.py). A document is either
accepted, and then every planner finishes quickly with finite, ordered figures, or
rejected with a ScenarioFileError whose every problem names a field path or a
whole-file reason. Anything else is a failure.
"""

from __future__ import annotations

import copy
import json
import math
import random
import re
import signal
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from econplan.core import breakeven, dataset, playbook, routing, training
from econplan.core.catalog import Catalog
from econplan.core.estimate import Estimate
from econplan.core.model_base import field_bounds
from econplan.core.scenario import Scenario
from econplan.core.scenario_io import MAX_NESTING, ScenarioFileError, scenario_from_bytes
from pydantic import BaseModel

ROOT = Path(__file__).resolve().parents[2]
PLANNER_SECONDS = 1.0  # of CPU time; the alarm below catches a planner that never returns
HANG_SECONDS = 10  # an alarm ends a planner that would never return
MAX_MESSAGE_CHARS = 20_000  # 20 problems × (path + an 80-character quote) fit easily
PLAN_ERRORS = (training.PlanError, routing.PlanError, breakeven.PlanError)
# ~1e-308 would be normal; this is the smallest positive float, the classic 1/x trap.
SUBNORMAL = 5e-324
FieldPath = tuple[Any, ...]


@cache
def examples() -> tuple[tuple[str, str], ...]:
    files = sorted((ROOT / "resources" / "scenarios").glob("*.json"))
    files += sorted((ROOT / "tests" / "data").glob("scenario_*.json"))
    return tuple((path.name, path.read_text(encoding="utf-8")) for path in files)


# -- walking a payload --------------------------------------------------------------------


# A deep-nesting mutation can be followed by another mutation of the same document: the
# walk stops this deep (the scenario's own limit is far lower) instead of exhausting the
# interpreter's recursion limit.
WALK_DEPTH = 200


def _leaves(node: Any, path: FieldPath = ()) -> Iterator[FieldPath]:
    if len(path) >= WALK_DEPTH:
        yield path
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _leaves(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _leaves(value, (*path, index))
    else:
        yield path


def _containers(node: Any, path: FieldPath = ()) -> Iterator[FieldPath]:
    if isinstance(node, dict | list):
        yield path
        if len(path) >= WALK_DEPTH:
            return
        items = node.items() if isinstance(node, dict) else enumerate(node)
        for key, value in items:
            yield from _containers(value, (*path, key))


def get_at(node: Any, path: FieldPath) -> Any:
    for part in path:
        node = node[part]
    return node


def set_at(node: Any, path: FieldPath, value: Any) -> None:
    get_at(node, path[:-1])[path[-1]] = value


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def numeric_leaves(payload: Any) -> list[FieldPath]:
    return [path for path in _leaves(payload)
            if path and path[0] != "schema_version" and _is_number(get_at(payload, path))]


def bounds_of(path: FieldPath) -> tuple[float, float]:
    try:
        low, high = field_bounds(".".join(str(part) for part in path), Scenario)
    except (KeyError, IndexError, AttributeError, TypeError):  # a key an earlier mutation made
        return 0.0, 1e6
    return (low if math.isfinite(low) else -1e6), (high if math.isfinite(high) else 1e6)


# -- mutations: each takes (rng, payload) and returns a payload or raw bytes ---------------


def _edge_values(rng: random.Random, path: FieldPath, value: Any) -> Any:
    low, high = bounds_of(path)
    is_int = isinstance(value, int)
    candidates: list[Any] = [low, high, SUBNORMAL, -SUBNORMAL, 0, -1, 1e308, -1e308]
    if is_int:
        candidates += [int(low) - 1, int(high) + 1, int(low), int(high)]
    else:
        candidates += [math.nextafter(low, -math.inf), math.nextafter(high, math.inf),
                       math.nextafter(low, math.inf), math.nextafter(high, -math.inf)]
    choice = rng.choice(candidates)
    return int(choice) if is_int and math.isfinite(choice) and choice == int(choice) else choice


def mutate_bound(rng: random.Random, payload: dict) -> dict:
    """One number at a bound, just beyond it, or at a float trap (subnormal, ±1e308)."""
    leaves = numeric_leaves(payload)
    if leaves:
        path = rng.choice(leaves)
        set_at(payload, path, _edge_values(rng, path, get_at(payload, path)))
    return payload


def _random_in_bounds(rng: random.Random, path: FieldPath, value: Any) -> Any:
    low, high = bounds_of(path)
    mode = rng.random()
    if mode < 0.3:
        result = low
    elif mode < 0.6:
        result = high
    elif low > 0:  # log-uniform: covers the orders of magnitude a bound spans
        result = math.exp(rng.uniform(math.log(low), math.log(high)))
    else:
        result = rng.choice([0.0, SUBNORMAL, 1e-300, rng.uniform(low, high)])
    result = min(max(result, low), high)
    return round(result) if isinstance(value, int) else result


def _reorder_ranges(node: Any) -> None:
    """Keep low ≤ high in every range so that extreme documents are mostly valid."""
    if isinstance(node, dict):
        low, high = node.get("low"), node.get("high")
        if _is_number(low) and _is_number(high) and low > high:
            node["low"], node["high"] = high, low
        for value in node.values():
            _reorder_ranges(value)
    elif isinstance(node, list):
        for value in node:
            _reorder_ranges(value)


def mutate_extremes(rng: random.Random, payload: dict) -> dict:
    """Many numbers at once anywhere within their bounds, mostly at the ends: the
    combinations single-field tests miss (every price at its ceiling, every volume
    subnormal)."""
    share = rng.choice([0.2, 0.5, 1.0])
    for path in numeric_leaves(payload):
        if rng.random() < share:
            set_at(payload, path, _random_in_bounds(rng, path, get_at(payload, path)))
    _reorder_ranges(payload)
    _repair_cross_field_rules(payload)
    return payload


def _repair_cross_field_rules(payload: dict) -> None:
    """Shares that sum to one, active parameters within the total: extreme documents that
    break only these rules would test the validator again, not the planners."""
    corpus = payload.get("dataset", {}).get("corpus")
    if isinstance(corpus, dict) and all(_is_number(v) for v in corpus.values()):
        total = math.fsum(corpus.values())
        for key in corpus:
            corpus[key] = corpus[key] / total if total > 0 else 1.0 / len(corpus)
    training_section = payload.get("training", {})
    params, active = training_section.get("params"), training_section.get("active_params")
    if _is_number(params) and _is_number(active) and active > params:
        training_section["params"], training_section["active_params"] = active, params


WRONG_TYPES: tuple[Any, ...] = ("512", "", True, False, None, [], {}, [1], {"low": 1},
                                "NaN", "1e999", 1.5, -0.0, "\u202e", "h100_sxm")


def mutate_type(rng: random.Random, payload: dict) -> dict:
    leaves = [path for path in _leaves(payload) if path]
    if leaves:
        set_at(payload, rng.choice(leaves), rng.choice(WRONG_TYPES))
    return payload


def mutate_missing(rng: random.Random, payload: dict) -> dict:
    containers = [path for path in _containers(payload)
                  if isinstance(get_at(payload, path), dict) and get_at(payload, path)]
    if containers:
        target = get_at(payload, rng.choice(containers))
        del target[rng.choice(list(target))]
    return payload


def mutate_extra(rng: random.Random, payload: dict) -> dict:
    containers = [path for path in _containers(payload)]
    target = get_at(payload, rng.choice(containers))
    key = rng.choice(["extra", "Low", "low ", "x" * rng.choice([1, 100, 100_000]), "__proto__"])
    if isinstance(target, dict):
        target[key] = rng.choice([1, "x", None, {}])
    else:
        target.append(rng.choice([1, "x", None, {}, copy.deepcopy(target[0]) if target else 0]))
    return payload


def mutate_ids(rng: random.Random, payload: dict) -> dict:
    """Catalog ids: typos, other tables' ids, empty, huge."""
    paths = [path for path in _leaves(payload)
             if path and str(path[-1]).endswith("_id") and isinstance(get_at(payload, path), str)]
    if paths:
        path = rng.choice(paths)
        value = get_at(payload, path)
        set_at(payload, path, rng.choice([value[:-1] + "x", value.upper(), "", "gpt_4o",
                                        "h100_sxm", "web", "i" * 5000, value + "_"]))
    return payload


def mutate_strings(rng: random.Random, payload: dict) -> dict:
    paths = [path for path in _leaves(payload) if path and isinstance(get_at(payload, path), str)]
    if paths:
        set_at(payload, rng.choice(paths), rng.choice(
            ["x" * rng.choice([201, 10_000, 200_000]), "=HYPERLINK(\"http://x\")",
             "\x00\x01", "\ud83d\ude00" * 50, "[" * 2000, "\\u0000"]))
    return payload


def mutate_version(rng: random.Random, payload: dict) -> dict:
    payload["schema_version"] = rng.choice([0, -1, 1, 2, 4, 99, 10**30, 3.0, "3", None, True])
    return payload


# Raw-text mutations: applied to the serialised document.

def raw_huge_int(rng: random.Random, text: str) -> str:
    digits = rng.choice([19, 40, 101, 4_301, 100_000])
    return text.replace(": 3,", f": {'9' * digits},", 1) if rng.random() < 0.3 else \
        _replace_number(rng, text, "1" + "0" * digits)


def raw_deep(rng: random.Random, text: str) -> str:
    """A number replaced by itself nested in lists or objects, around the depth limit and
    far beyond it (written as text: Python's own encoder would overflow its stack)."""
    depth = rng.choice([MAX_NESTING - 8, MAX_NESTING, MAX_NESTING + 1, 200, 1_200, 50_000])
    opening, closing = ("[", "]") if rng.random() < 0.5 else ('{"k": ', "}")
    return _replace_number(rng, text, opening * depth + "1" + closing * depth)


def raw_nonfinite(rng: random.Random, text: str) -> str:
    return _replace_number(rng, text, rng.choice(["NaN", "Infinity", "-Infinity", "1e999",
                                                  "-1e999", "1e-400", "-0", "0e0"]))


def _replace_number(rng: random.Random, text: str, literal: str) -> str:
    marks = [i for i in range(1, len(text)) if text[i - 1] == " " and text[i] in "0123456789"]
    if not marks:
        return text
    start = rng.choice(marks)
    end = start
    while end < len(text) and text[end] in "0123456789.eE+-":
        end += 1
    return text[:start] + literal + text[end:]


def raw_bytes(rng: random.Random, data: bytes) -> bytes:
    """Non-UTF-8 bytes, a BOM, truncation, or flipped bytes."""
    kind = rng.randrange(5)
    if kind == 0:
        at = rng.randrange(len(data) + 1)
        return data[:at] + rng.choice([b"\xff", b"\xc3", b"\xed\xa0\x80", b"\x80\x80", b"\x00"]) \
            + data[at:]
    if kind == 1:
        return b"\xef\xbb\xbf" + data
    if kind == 2:
        return data[: rng.randrange(len(data))]
    if kind == 3:
        flipped = bytearray(data)
        for _ in range(rng.randint(1, 4)):
            flipped[rng.randrange(len(flipped))] = rng.randrange(256)
        return bytes(flipped)
    return rng.choice([b"", b"null", b"[]", b"3", b'"x"', b"{}", b"\xef\xbb\xbf{}"])


PAYLOAD_MUTATIONS: dict[str, Callable[[random.Random, dict], dict]] = {
    "bound": mutate_bound, "extremes": mutate_extremes, "type": mutate_type,
    "missing": mutate_missing, "extra": mutate_extra, "ids": mutate_ids,
    "strings": mutate_strings, "version": mutate_version,
}
TEXT_MUTATIONS: dict[str, Callable[[random.Random, str], str]] = {
    "huge_int": raw_huge_int, "nonfinite": raw_nonfinite, "deep": raw_deep,
}
# Valid documents at the bounds are weighted up: they are what exercises the planners.
WEIGHTS = {"bound": 3, "extremes": 4, "type": 2, "missing": 1, "extra": 1, "ids": 1,
           "strings": 1, "version": 1, "deep": 1, "huge_int": 1, "nonfinite": 1, "bytes": 2,
           "none": 1}


@dataclass(frozen=True)
class Document:
    example: str
    mutations: tuple[str, ...]
    data: bytes


def fuzzed_document(rng: random.Random, kinds: tuple[str, ...] | None = None) -> Document:
    """A mutated example; ``kinds`` forces the mutations (default: one to three at random)."""
    example, text = rng.choice(examples())
    payload = json.loads(text)
    if kinds is None:
        kinds = tuple(rng.choices(list(WEIGHTS), weights=list(WEIGHTS.values()),
                                  k=rng.choice([1, 1, 2, 3])))
    raw = []
    for kind in kinds:
        if kind in PAYLOAD_MUTATIONS:
            payload = PAYLOAD_MUTATIONS[kind](rng, payload)
        elif kind != "none":
            raw.append(kind)
    text = json.dumps(payload, indent=rng.choice([None, 2]), ensure_ascii=rng.random() < 0.5)
    for kind in raw:
        if kind in TEXT_MUTATIONS:
            text = TEXT_MUTATIONS[kind](rng, text)
    data = text.encode("utf-8", errors="surrogatepass")
    if "bytes" in raw:
        data = raw_bytes(rng, data)
    return Document(example, kinds, data)


# -- the rule -----------------------------------------------------------------------------


class FuzzFailure(AssertionError):
    pass


@contextmanager
def _hang_guard(seconds: int) -> Iterator[None]:
    def stop(signum: int, frame: Any) -> None:
        raise FuzzFailure(f"a planner ran for more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _estimates(node: Any, path: str) -> Iterator[tuple[str, Estimate]]:
    """Every Estimate in a result. Only an Estimate promises low ≤ base ≤ high; the
    playbook's Cases are figures per case and may run the other way."""
    if isinstance(node, Estimate):
        yield path, node
    elif isinstance(node, BaseModel):
        for name in type(node).model_fields:
            yield from _estimates(getattr(node, name), f"{path}.{name}")
    elif isinstance(node, list | tuple):
        # Result lists are homogeneous: a curve of plain numbers holds no Estimate.
        if node and not isinstance(node[0], BaseModel | list | tuple):
            return
        for index, value in enumerate(node):
            yield from _estimates(value, f"{path}[{index}]")


def _floats(node: Any, path: str) -> Iterator[tuple[str, float]]:
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _floats(value, f"{path}.{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _floats(value, f"{path}[{index}]")
    elif isinstance(node, float):
        yield path, node


def check_result(name: str, result: BaseModel) -> None:
    """Every float finite, every estimate ordered, and the whole valid JSON."""
    dumped = result.model_dump(mode="json")
    try:
        json.dumps(dumped, allow_nan=False)
    except ValueError:
        # Only a NaN or an infinity fails here; walk the figures to name it.
        for path, value in _floats(dumped, name):
            if not math.isfinite(value):
                raise FuzzFailure(f"{path} is {value}") from None
        raise
    for path, estimate in _estimates(result, name):
        if not estimate.low <= estimate.base <= estimate.high:
            raise FuzzFailure(f"{path} is not ordered: {estimate}")


def run_planners(scenario: Scenario, catalog: Catalog) -> int:
    """Run the five planners as the app does; returns how many refused with a planning
    error (a valid combination they cannot plan, reported in words)."""
    refused = 0
    training_result = None
    steps: list[tuple[str, Callable[[], Any]]] = [
        ("training", lambda: training.plan(scenario.training, catalog)),
        ("dataset", lambda: dataset.plan(scenario.training, scenario.dataset, catalog)),
        ("playbook", lambda: playbook.plan(scenario.playbook, catalog)),
        ("routing", lambda: routing.plan(scenario.routing, catalog)),
        ("breakeven", lambda: breakeven.plan(scenario.breakeven, catalog, training_result)),
    ]
    for name, step in steps:
        # CPU time of this thread, not wall time: on a machine busy with other jobs a
        # planner's wall time doubles while the work it does stays the same.
        started = time.thread_time()
        try:
            with _hang_guard(HANG_SECONDS):
                result = step()
        except PLAN_ERRORS as exc:
            if not str(exc):
                raise FuzzFailure(f"{name} raised a planning error with no message") from exc
            refused += 1
            continue
        elapsed = time.thread_time() - started
        if elapsed > PLANNER_SECONDS:
            raise FuzzFailure(f"{name} took {elapsed:.2f} s")
        check_result(name, result)
        if name == "training":
            training_result = result
    return refused


def check_document(data: bytes, catalog: Catalog) -> str:
    """Apply the rule to one document; returns the outcome's label for the counts
    ("accepted", "accepted_plan_error" or "rejected: <reason>"), raises FuzzFailure."""
    try:
        scenario = scenario_from_bytes(data, "fuzzed.json", catalog)
    except ScenarioFileError as exc:
        if not exc.problems:
            raise FuzzFailure("rejected without naming a problem") from exc
        for problem in exc.problems:
            if not problem.message:
                raise FuzzFailure(f"a problem at {problem.path!r} has no message") from exc
        if len(str(exc)) > MAX_MESSAGE_CHARS:
            raise FuzzFailure(f"the message is {len(str(exc)):,} characters long") from exc
        return f"rejected: {rejection_reason(exc)}"
    refused = run_planners(scenario, catalog)
    return "accepted_plan_error" if refused else "accepted"


def rejection_reason(exc: ScenarioFileError) -> str:
    """A short label for the counts: the first problem's kind."""
    problem = exc.problems[0]
    if not problem.path:
        message = re.sub(r"^line \d+: ", "", problem.message)
        return re.sub(r"[\d,]+", "N", message.split(";")[0].split(" (")[0].split(":")[0])[:40]
    message = problem.message
    for marker, label in (("unknown field", "unknown field"), ("missing", "missing field"),
                          ("finite", "not finite"), ("unknown ", "unknown catalog id"),
                          ("less than", "above a bound"), ("greater than", "below a bound"),
                          ("valid integer", "not an integer"), ("valid number", "not a number"),
                          ("schema_version", "schema version"), ("version", "schema version"),
                          ("String should", "text length or pattern")):
        if marker in message or marker == problem.path:
            return label
    return "other field problem"
