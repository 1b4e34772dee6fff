"""The open scenario's typed plan, computed lazily and only where an input changed.

One session per window. It follows the document: an edit marks stale the
planners that read the edited sections (and those downstream of them), and
says so with ``invalidated``. A planner runs only when a tab, the report or an
export asks for its outcome and it is stale, so a drag on one tab never
replans the hidden ones; they catch up when shown. Tabs never call a planner.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from econplan.core.catalog import Catalog
from econplan.core.plan import (
    PLANNER_IDS,
    Plan,
    PlanError,
    PlannerId,
    compute_planner,
    input_sections,
    upstream_of,
)
from econplan.desktop.document import ScenarioDocument
from pydantic import BaseModel
from PySide6.QtCore import QObject, Signal


@dataclass(frozen=True)
class Outcome:
    """A planner's result, or why it could not plan (exactly one is set)."""

    result: BaseModel | None
    problem: str | None = None


class PlanSession(QObject):
    invalidated = Signal(frozenset)  # ids of the planners whose outcome may have changed

    def __init__(self, document: ScenarioDocument, catalog: Catalog,
                 parent: QObject | None = None):
        super().__init__(parent if parent is not None else document)
        self.document = document
        self.catalog = catalog
        self._outcomes: dict[PlannerId, Outcome] = {}
        self._stale: set[PlannerId] = set(PLANNER_IDS)
        # How many times each planner ran: the tests' proof that nothing runs twice.
        self.runs: Counter[str] = Counter()
        document.changed.connect(self._document_changed)

    def is_stale(self, planner_id: PlannerId) -> bool:
        return planner_id in self._stale

    def outcome(self, planner_id: PlannerId) -> Outcome:
        if planner_id in self._stale:
            self._compute(planner_id)
        return self._outcomes[planner_id]

    def result(self, planner_id: PlannerId) -> BaseModel | None:
        return self.outcome(planner_id).result

    def plan(self) -> Plan:
        """Every planner's outcome (computing the stale ones), as one typed plan."""
        outcomes = {planner_id: self.outcome(planner_id) for planner_id in PLANNER_IDS}
        return Plan(**{p: o.result for p, o in outcomes.items()},
                    problems={p: o.problem for p, o in outcomes.items() if o.problem})

    def _compute(self, planner_id: PlannerId) -> None:
        scenario = self.document.scenario
        upstream = {u: self.outcome(u).result for u in upstream_of(planner_id, scenario)}
        self.runs[planner_id] += 1
        try:
            outcome = Outcome(compute_planner(planner_id, scenario, self.catalog, upstream))
        except PlanError as exc:
            outcome = Outcome(None, str(exc))
        self._outcomes[planner_id] = outcome
        self._stale.discard(planner_id)

    def _document_changed(self, paths: tuple[str, ...] | None) -> None:
        scenario = self.document.scenario
        if paths is None:
            affected = set(PLANNER_IDS)
        else:
            edited = {path.split(".", 1)[0] for path in paths}
            affected = {p for p in PLANNER_IDS if edited & set(input_sections(p, scenario))}
            # PLANNER_IDS is in dependency order, so one pass reaches everything downstream.
            for planner_id in PLANNER_IDS:
                if affected & set(upstream_of(planner_id, scenario)):
                    affected.add(planner_id)
        self._stale |= affected
        if affected:
            self.invalidated.emit(frozenset(affected))
