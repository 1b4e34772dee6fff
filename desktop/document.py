"""The open scenario: one model, its file, its undo history.

Widgets never keep their own copy of an input. They call ``set_values`` with
dotted field paths; the document validates the whole scenario with pydantic,
pushes an undoable command and emits ``changed``. A value the model rejects
is refused with ``rejected(path, message)`` and the scenario stays as it was.

Undo texts are written for people ("Parameters → 70 B params"): a widget passes
its label and value; otherwise the field's own name is used, never a dotted path.
Editing an input of a planner the plan does not use yet adds that planner to the
plan's ``planners`` in the same undo step (a planner the user edits joins the plan).
"""

from __future__ import annotations

import copy
from collections.abc import Hashable
from pathlib import Path
from typing import Any

from econplan.core.catalog import Catalog
from econplan.core.planner_ids import PLANNER_IDS
from econplan.core.scenario import Scenario
from econplan.core.scenario_io import load_scenario, problems_from_validation, save_scenario
from pydantic import BaseModel, ValidationError
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack


def _step(data: Any, part: str) -> Any:
    # A numeric part indexes a list: "playbook.phases.1.months.low".
    if isinstance(data, list | tuple):
        return data[int(part)]
    return data[part] if isinstance(data, dict) else getattr(data, part)


def get_path(data: Any, path: str) -> Any:
    for part in path.split("."):
        data = _step(data, part)
    return data


def _set_path(data: dict[str, Any], path: str, value: Any) -> None:
    *parents, leaf = path.split(".")
    for part in parents:
        data = _step(data, part)
    if isinstance(data, list):
        data[int(leaf)] = value
    else:
        data[leaf] = value


def human_label(path: str) -> str:
    """A readable name for a field path when no widget label is known.

    "training.params" -> "Params"; "training.mfu.low" -> "Mfu (low)";
    "routing.roles.3.workers" -> "Workers".
    """
    parts = [p for p in path.split(".")[1:] or path.split(".") if not p.isdigit()]
    end = parts[-1] if parts else path
    if end in ("low", "high") and len(parts) > 1:
        return f"{human_label('x.' + parts[-2])} ({end})"
    words = end.replace("_", " ").strip()
    return words[:1].upper() + words[1:]


def joining_planners(scenario: Scenario, paths) -> list[str] | None:
    """The plan's planners with those whose inputs ``paths`` edit added, or None if
    every edited planner is already part of the plan."""
    edited = {path.split(".", 1)[0] for path in paths} & set(PLANNER_IDS)
    missing = edited - set(scenario.planners)
    if not missing:
        return None
    return [p for p in PLANNER_IDS if p in scenario.planners or p in missing]


def _plain(value: Any) -> Any:
    """A field's value as a payload to edit: models dumped, everything else copied."""
    if isinstance(value, BaseModel):
        return value.model_dump(mode="python")
    if isinstance(value, list | tuple):
        return type(value)(_plain(item) for item in value)
    return copy.deepcopy(value)


def _payload(model: BaseModel, fields: set[str]) -> dict[str, Any]:
    """``model``'s fields, those named in ``fields`` as a payload to edit, the rest as the
    (valid, never mutated) values and models they are."""
    payload: dict[str, Any] = {name: getattr(model, name) for name in type(model).model_fields}
    for name in fields:
        payload[name] = _plain(payload[name])
    return payload


def with_values(scenario: Scenario, values: dict[str, Any]) -> Scenario:
    """A validated copy of ``scenario`` with the dotted paths set; raises ValidationError.

    Only the fields the paths edit are dumped and validated again, down to a section's
    own fields; the others are handed over as the (valid, never mutated) models they are,
    which pydantic takes as they are: dumping and validating the whole scenario was
    ~0.5 ms of every slider tick, and the whole routing section of the largest portfolio
    (500 tasks) ~6 ms of a price-year tick. The models' own validators still see the
    whole result.
    """
    edited: dict[str, set[str]] = {}
    for path in values:
        section, _, rest = path.partition(".")
        edited.setdefault(section, set()).add(rest.split(".", 1)[0])
    payload = _payload(scenario, set())
    for section, fields in edited.items():
        current = payload[section]
        payload[section] = (_payload(current, fields) if isinstance(current, BaseModel)
                            and "" not in fields else _plain(current))
    for path, value in values.items():
        _set_path(payload, path, copy.deepcopy(value))
    return Scenario.model_validate(payload)


class _SetValuesCommand(QUndoCommand):
    # Consecutive edits of the same fields (a slider drag) merge into one step.
    MERGE_ID = 1

    def __init__(self, document: ScenarioDocument, before: Scenario, after: Scenario,
                 paths: tuple[str, ...], text: str, mergeable: bool,
                 merge_key: Hashable | None = None):
        super().__init__(text)
        self._document = document
        self._before = before
        self._after = after
        self._paths = paths
        self._mergeable = mergeable
        # Edits merge when they come from the same control: by default the same fields,
        # or an explicit key where one control writes several fields (a corpus rebalance).
        self._merge_key = merge_key if merge_key is not None else paths

    def id(self) -> int:
        return self.MERGE_ID if self._mergeable else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, _SetValuesCommand) or other._merge_key != self._merge_key:
            return False
        self._after = other._after
        self.setText(other.text())  # "Parameters → 70 B" shows the drag's last value
        return True

    def redo(self) -> None:
        self._document._apply(self._after, self._paths)

    def undo(self) -> None:
        self._document._apply(self._before, self._paths)


class ScenarioDocument(QObject):
    changed = Signal(object)  # tuple of changed paths, or None for "everything"
    rejected = Signal(str, str)  # field path, message
    file_changed = Signal()  # path or clean state changed

    def __init__(self, scenario: Scenario, parent: QObject | None = None):
        super().__init__(parent)
        self._scenario = scenario
        self._path: Path | None = None
        self.undo_stack = QUndoStack(self)
        self.undo_stack.cleanChanged.connect(self.file_changed)
        # The last refusal, for the widget that asked (shown next to the input).
        self.last_problem: tuple[str, str] | None = None

    @property
    def scenario(self) -> Scenario:
        return self._scenario

    @property
    def path(self) -> Path | None:
        return self._path

    @property
    def is_modified(self) -> bool:
        return not self.undo_stack.isClean()

    def value(self, path: str) -> Any:
        return get_path(self._scenario, path)

    def set_values(self, values: dict[str, Any], text: str | None = None,
                   mergeable: bool = True, merge_key: Hashable | None = None) -> bool:
        """Apply edits as one undo step; False (and ``rejected``) if the model refuses.

        Consecutive mergeable edits with the same ``merge_key`` (default: the same
        paths) become one step, so a slider drag undoes in one go.
        """
        if all(get_path(self._scenario, p) == v for p, v in values.items()):
            return True
        values = dict(values)
        if "planners" not in values:
            joined = joining_planners(self._scenario, values)
            if joined is not None:
                values["planners"] = joined
        try:
            updated = with_values(self._scenario, values)
        except ValidationError as exc:
            problem = problems_from_validation(exc)[0]
            self.last_problem = (problem.path, problem.message)
            self.rejected.emit(problem.path, problem.message)
            return False
        self.last_problem = None
        paths = tuple(sorted(values))
        label = text or "Change " + ", ".join(
            dict.fromkeys(human_label(p) for p in paths if p != "planners"))
        self.undo_stack.push(
            _SetValuesCommand(self, self._scenario, updated, paths, label, mergeable, merge_key)
        )
        return True

    def set_value(self, path: str, value: Any, text: str | None = None) -> bool:
        return self.set_values({path: value}, text)

    def _apply(self, scenario: Scenario, paths: tuple[str, ...] | None) -> None:
        self._scenario = scenario
        self.changed.emit(paths)

    def replace(self, scenario: Scenario, path: Path | None) -> None:
        """Start over with another scenario (New / Open): history is cleared."""
        self._scenario = scenario
        self._path = path
        self.undo_stack.clear()
        self.undo_stack.setClean()
        self.changed.emit(None)
        self.file_changed.emit()

    def open(self, path: Path, catalog: Catalog | None = None) -> list[str]:
        """Load ``path`` against ``catalog`` (the one the window plans with); raises
        ScenarioFileError and leaves this document untouched. Returns notes on prices the
        file named that are gone (kept as typed-in figures)."""
        notes: list[str] = []
        scenario = load_scenario(path, catalog, notes)
        self.replace(scenario, Path(path))
        return notes

    def save(self, path: Path | None = None) -> None:
        target = Path(path) if path is not None else self._path
        if target is None:
            raise ValueError("no file name to save to")
        save_scenario(self._scenario, target)
        self._path = target
        self.undo_stack.setClean()
        self.file_changed.emit()
