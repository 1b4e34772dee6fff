"""The open scenario's typed plan, computed lazily and only where an input changed.

One session per window. It follows the document: an edit marks stale the
planners that read the edited sections (and those downstream of them), and
says so with ``invalidated``. A planner runs only when a tab, the report or an
export asks for its outcome and it is stale, so a drag on one tab never
replans the hidden ones; they catch up when shown. Tabs never call a planner.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

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
from econplan.core.scenario import Scenario
from econplan.desktop import heap
from econplan.desktop.document import ScenarioDocument, with_values
from econplan.desktop.edit_burst import EditBurst
from pydantic import BaseModel
from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal

if TYPE_CHECKING:
    from econplan.core.uncertainty import Uncertainty

# The draws wait until the inputs are quiet this long: during a drag every result
# would be outdated by the next tick, and the slider keeps the CPU to itself.
DRAWS_QUIET_MS = 120


@dataclass(frozen=True)
class Outcome:
    """A planner's result, or why it could not plan (exactly one is set)."""

    result: BaseModel | None
    problem: str | None = None


class _DrawsSignals(QObject):
    finished = Signal(int, object)  # generation, Uncertainty
    failed = Signal(int, str)


class _DrawsJob(QRunnable):
    """The Monte Carlo of one scenario snapshot, on a worker thread."""

    def __init__(self, generation: int, scenario: Scenario, catalog: Catalog,
                 signals: _DrawsSignals):
        super().__init__()
        self.generation = generation
        self.scenario = scenario  # the document replaces, never mutates, its scenario
        self.catalog = catalog
        self.signals = signals

    def run(self) -> None:
        # Never a collection on this thread, from the import to the signal: it would free
        # dead Qt wrappers here (desktop/heap.py).
        with heap.no_collections():
            self._draw()

    def _draw(self) -> None:
        # Imported here, after the first paint: the Monte Carlo evaluates every planner,
        # and nothing else the first window shows needs its code.
        from econplan.core.uncertainty import compute_uncertainty

        try:
            result = compute_uncertainty(self.scenario, self.catalog)
        except Exception as exc:  # any failure is reported; the app keeps running
            self.signals.failed.emit(self.generation, f"{type(exc).__name__}: {exc}")
            return
        self.signals.finished.emit(self.generation, result)


class PlanSession(QObject):
    invalidated = Signal(frozenset)  # ids of the planners whose outcome may have changed
    # The P10/P50/P90 bands of the current scenario are ready.
    uncertainty_changed = Signal(object)
    # The bands on screen no longer match the scenario (an edit): charts drop them. Once
    # per burst of edits, not per slider tick: only when there were bands to drop.
    uncertainty_dropped = Signal()

    def __init__(self, document: ScenarioDocument, catalog: Catalog,
                 parent: QObject | None = None):
        super().__init__(parent if parent is not None else document)
        self.document = document
        self.catalog = catalog
        # Whether an edit is one of a drag's: a chart then places its names in a hurry.
        self.edit_burst = EditBurst(self)
        self._outcomes: dict[PlannerId, Outcome] = {}
        self._stale: set[PlannerId] = set(PLANNER_IDS)
        # How many times each planner ran: the tests' proof that nothing runs twice.
        self.runs: Counter[str] = Counter()
        self.anticipations: Counter[str] = Counter()  # plans of edits not made (anticipate)
        document.changed.connect(self._document_changed)
        # Monte Carlo bands: one worker, latest input wins, outdated results dropped.
        self._generation = 0
        self._uncertainty: Uncertainty | None = None
        self.uncertainty_problem: str | None = None
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._draws_running = False
        self._draws_pending = False
        self._draws_held = False  # hold_draws: none start until release_draws
        self._draws_waiting = False  # draws asked for while held
        self._draws_signals = _DrawsSignals(self)
        self._draws_signals.finished.connect(self._draws_finished)
        self._draws_signals.failed.connect(self._draws_failed)
        self._draws_timer = QTimer(self)
        self._draws_timer.setSingleShot(True)
        self._draws_timer.setInterval(DRAWS_QUIET_MS)
        self._draws_timer.timeout.connect(self._start_draws)
        self.draws_runs = 0  # how many Monte Carlo runs started (tests)

    # -- Monte Carlo bands -------------------------------------------------------------

    @property
    def uncertainty(self) -> Uncertainty | None:
        """The bands of the current scenario; None until its draws are done."""
        return self._uncertainty

    def request_uncertainty(self) -> None:
        """Draw the bands of the current scenario unless they are there or on their way."""
        if self._uncertainty is None and not self._draws_timer.isActive() \
                and not self._draws_running:
            self._draws_timer.start()

    def wait_for_draws(self, msecs: int = 30_000) -> bool:
        """Block until the worker is idle (closing a window, tests)."""
        return self._pool.waitForDone(msecs)

    def hold_draws(self) -> None:
        """Start no draws until ``release_draws`` (a window not painted yet: the worker's
        Python would take turns with the GUI thread at the interpreter lock)."""
        self._draws_held = True

    def release_draws(self) -> None:
        """Start the draws asked for while held, now."""
        self._draws_held = False
        if self._draws_waiting:
            self._draws_waiting = False
            self._start_draws()

    def _start_draws(self) -> None:
        if self._draws_held:
            self._draws_waiting = True
            return
        if self._draws_running:
            self._draws_pending = True  # the running one is outdated; this one follows
            return
        self._draws_running = True
        self.draws_runs += 1
        self._pool.start(_DrawsJob(self._generation, self.document.scenario, self.catalog,
                                   self._draws_signals))

    def _draws_done(self) -> None:
        self._draws_running = False
        if self._draws_pending:
            self._draws_pending = False
            self._start_draws()

    def _draws_finished(self, generation: int, uncertainty: Uncertainty) -> None:
        if generation == self._generation:
            self._uncertainty = uncertainty
            self.uncertainty_problem = None
            self.uncertainty_changed.emit(uncertainty)
        self._draws_done()

    def _draws_failed(self, generation: int, message: str) -> None:
        if generation == self._generation:
            self.uncertainty_problem = message
        self._draws_done()

    def use_catalog(self, catalog: Catalog) -> None:
        """Plan on another catalog (the user's prices changed): every planner is stale."""
        self.catalog = catalog
        self._stale = set(PLANNER_IDS)
        self.invalidated.emit(frozenset(PLANNER_IDS))

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

    def anticipate(self, planner_id: PlannerId, values: dict[str, Any]) -> Outcome:
        """What ``planner_id`` would plan after an edit of ``values`` (dotted paths), worked
        out now and kept nowhere here: nothing in the session or the document changes. A
        planner that keeps its own work (routing, per year) finds it when the edit comes.

        Only for edits that no upstream planner reads (their results are the current
        ones). Raises ValueError for such an edit, and a ValidationError (a ValueError)
        for values the scenario does not take."""
        scenario = with_values(self.document.scenario, values)
        edited = _sections(values)
        upstream_ids = upstream_of(planner_id, scenario)
        if any(edited & set(input_sections(u, scenario)) for u in upstream_ids):
            raise ValueError(f"{sorted(edited)} is read upstream of {planner_id}")
        upstream = {u: self.outcome(u).result for u in upstream_ids}
        self.anticipations[planner_id] += 1
        try:
            return Outcome(compute_planner(planner_id, scenario, self.catalog, upstream))
        except PlanError as exc:
            return Outcome(None, str(exc))

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
        # Every edit may move a band: the old bands go (the tabs the edit affects redraw
        # without them, being invalidated below), new draws follow once the inputs are quiet.
        if paths is None:  # replaced (New, Open): the next edit is made from rest
            self.edit_burst.restart()
        else:
            self.edit_burst.edit()
        self._generation += 1
        had_bands, self._uncertainty = self._uncertainty is not None, None
        self._draws_timer.start()
        scenario = self.document.scenario
        if paths is None:
            affected = set(PLANNER_IDS)
        else:
            edited = _sections(paths)
            affected = {p for p in PLANNER_IDS if edited & set(input_sections(p, scenario))}
            # PLANNER_IDS is in dependency order, so one pass reaches everything downstream.
            for planner_id in PLANNER_IDS:
                if affected & set(upstream_of(planner_id, scenario)):
                    affected.add(planner_id)
        self._stale |= affected
        if had_bands:  # after the staleness: a tab about to redraw drops them then
            self.uncertainty_dropped.emit()
        if affected:
            self.invalidated.emit(frozenset(affected))


def _sections(paths: Iterable[str]) -> set[str]:
    """The scenario sections dotted paths edit."""
    return {path.split(".", 1)[0] for path in paths}
