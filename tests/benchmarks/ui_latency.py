"""What a user sees when an input moves: value change → timers → cards, charts, tables painted.

Each figure runs on real widgets (offscreen) through the event loop, so throttle timers,
layout and paint are included, not only the planner call. Beside every figure the same
round trip is measured on a bare PySide6 spin box + pyqtgraph curve + label, in the same
run, so the ratio says how far the app is from what the toolkit itself costs.

Imported by run_benchmarks.py; needs a QApplication and a shown MainWindow.
"""

from __future__ import annotations

import statistics
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QObject, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QApplication,
    QDoubleSpinBox,
    QLabel,
    QScrollArea,
    QSlider,
    QStyle,
    QStyleOptionSlider,
    QVBoxLayout,
    QWidget,
)

FRAME_S = 1 / 60
# Longer than any throttle the app could use, so a tick's delayed repaint is never missed.
QUIET_S = 0.08
IDLE_CALL_S = 0.0002


class PaintCounter(QObject):
    """Counts paint events application-wide; remembers when result widgets were painted."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0
        self.by_class: Counter[str] = Counter()
        self.watched: set[QObject] = set()
        self.watched_paint_times: list[float] = []

    def reset(self) -> None:
        self.count = 0
        self.by_class.clear()
        self.watched_paint_times.clear()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.count += 1
            target = obj.parent() if type(obj) is QWidget and obj.parent() else obj
            self.by_class[type(target).__name__] += 1
            if obj in self.watched:
                self.watched_paint_times.append(time.perf_counter())
        return False


@dataclass
class TickStats:
    latencies_ms: list[float] = field(default_factory=list)
    # CPU time of the GUI thread per tick: on a machine shared with other jobs the wall
    # time stretches while this stays close to the work the tick really costs.
    cpu_ms: list[float] = field(default_factory=list)
    paints: list[int] = field(default_factory=list)
    paint_classes: Counter[str] = field(default_factory=Counter)

    def p(self, q: float) -> float:
        ordered = sorted(self.latencies_ms)
        return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def settle(app: QApplication, seconds: float = 0.3) -> None:
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.001)


def one_tick(app: QApplication, counter: PaintCounter, action: Callable[[], None],
             timeout_s: float = 300.0) -> tuple[float, int, float]:
    """ms from the value change to the end of the last paint it caused, paints counted,
    and the GUI thread's CPU ms until then."""
    counter.reset()
    start = time.perf_counter()
    cpu_start = time.thread_time()
    action()
    shown = time.perf_counter()
    cpu_shown = time.thread_time()
    while True:
        before = counter.count
        app.processEvents()
        now = time.perf_counter()
        if counter.count != before:
            shown = now
            cpu_shown = time.thread_time()
        if now - shown > QUIET_S or now - start > timeout_s:
            break
        if now - shown > 0.002:
            time.sleep(0.0005)
    return (shown - start) * 1000, counter.count, (cpu_shown - cpu_start) * 1000


def measure_ticks(app: QApplication, counter: PaintCounter, action: Callable[[], None],
                  samples: int, budget_s: float = 60.0,
                  between: Callable[[], None] | None = None) -> TickStats:
    """``between`` runs after every tick (not timed): the app's deferred work finishes
    there, so no tick is charged with the work of the one before it."""
    stats = TickStats()
    one_tick(app, counter, action)  # warm-up: first paint of new text, caches
    deadline = time.perf_counter() + budget_s
    while len(stats.latencies_ms) < samples:
        if between is not None:
            between()
        latency, paints, cpu = one_tick(app, counter, action)
        stats.latencies_ms.append(latency)
        stats.cpu_ms.append(cpu)
        stats.paints.append(paints)
        stats.paint_classes.update(counter.by_class)
        if time.perf_counter() > deadline and len(stats.latencies_ms) >= 3:
            break
    return stats


def draws_settled(app: QApplication, session, timeout_s: float = 10.0) -> None:
    """Draw the bands of the current scenario now and wait until they are painted."""
    if session._draws_timer.isActive():
        session._draws_timer.stop()
        session._start_draws()
    deadline = time.perf_counter() + timeout_s
    while time.perf_counter() < deadline and (
            session._draws_timer.isActive() or session._draws_running):
        app.processEvents()
        time.sleep(0.001)
    settle(app, 0.05)


def settled_work_done(app: QApplication, window) -> None:
    """Run now what the app does once an edit has settled (the bands of new draws, the
    price-date note 400 ms after the last edit, a chart's names placed in full once a
    burst of edits ends), so no tick is charged with it and each starts from rest."""
    from econplan.desktop.price_age import PriceAgeNote

    for note in window.findChildren(PriceAgeNote):
        if note._timer.isActive():
            note.update_now()
    edits_ended(window)
    draws_settled(app, window.session)


def edits_ended(window) -> None:
    """End every chart's burst of edits: the next edit is the first of a burst, as one
    made from rest is (a drag's later steps place names in a hurry: edit_burst)."""
    window.session.edit_burst.settle_now()


@contextmanager
def draws_held(session) -> Iterator[None]:
    """The bands wait for ``draws_settled``: with ticks ~130 ms apart the draws (due
    DRAWS_QUIET_MS after an edit) would land inside a tick's quiet window and be charged
    to it, or to the next one, at random."""
    interval = session._draws_timer.interval()
    session._draws_timer.setInterval(3_600_000)
    try:
        yield
    finally:
        session._draws_timer.setInterval(interval)


@dataclass
class ArrivalStats:
    """The bands' arrival after the draws: its own repaint, not a slider tick's."""

    latencies_ms: list[float] = field(default_factory=list)
    cpu_ms: list[float] = field(default_factory=list)


def measure_band_arrivals(app: QApplication, counter: PaintCounter, session,
                          action: Callable[[], None], samples: int) -> ArrivalStats:
    """From the draws' result reaching the GUI thread to the last paint it caused."""
    stats = ArrivalStats()
    arrived: list[tuple[float, float]] = []

    def note(_uncertainty) -> None:
        arrived.append((time.perf_counter(), time.thread_time()))

    session.uncertainty_changed.connect(note)
    try:
        for _ in range(samples):
            one_tick(app, counter, action)
            arrived.clear()
            counter.reset()
            last_paint = None
            deadline = time.perf_counter() + 10
            while time.perf_counter() < deadline:
                before = counter.count
                app.processEvents()
                if counter.count != before:
                    last_paint = (time.perf_counter(), time.thread_time())
                # Done once nothing has painted for QUIET_S since the arrival (an arrival
                # that changes nothing on screen paints nothing and is not counted).
                if arrived and time.perf_counter() - max(
                        arrived[0][0], last_paint[0] if last_paint else 0.0) > QUIET_S:
                    break
                time.sleep(0.0005)
            if arrived and last_paint and last_paint[0] > arrived[0][0]:
                stats.latencies_ms.append((last_paint[0] - arrived[0][0]) * 1000)
                stats.cpu_ms.append((last_paint[1] - arrived[0][1]) * 1000)
    finally:
        session.uncertainty_changed.disconnect(note)
    return stats


# -- inputs ----------------------------------------------------------------------------------

def slider_steps(start: int = 300, stop: int = 700, step: int = 7):
    """A back-and-forth drag over the middle of the slider, a few steps per tick."""
    values = list(range(start, stop, step)) + list(range(stop, start, -step))
    index = 0
    while True:
        yield values[index % len(values)]
        index += 1


def slider_action(slider: QSlider, steps=None) -> Callable[[], None]:
    sequence = steps or slider_steps()
    return lambda: slider.setValue(next(sequence))


def year_action(slider: QSlider) -> Callable[[], None]:
    # Every tick lands on another year (2024 … 2030 and back).
    years = [0, 167, 333, 500, 667, 833, 1000, 833, 667, 500, 333, 167]
    return slider_action(slider, iter(years * 10_000))


def cell_action(list_table, row: int, key: str, values: list[str]) -> Callable[[], None]:
    cycle = iter(values * 10_000)
    return lambda: list_table.set_cell(row, key, next(cycle))


# -- the bare-widget baseline -----------------------------------------------------------------

class BareWidget(QWidget):
    """The toolkit's floor: a spin box edit shown on a curve and a label."""

    def __init__(self) -> None:
        super().__init__()
        self.spin = QDoubleSpinBox()
        self.spin.setRange(0, 10_000)
        # Not focused: its text cursor blinks every 500 ms, and a blink inside a tick's
        # quiet window was counted as the tick's last paint (p95 20–80 ms beside a p50 of 5).
        self.spin.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.label = QLabel("—")
        self.plot = pg.PlotWidget()
        self.x = np.linspace(0, 10, 200)
        self.curve = self.plot.plot(self.x, np.sin(self.x))
        layout = QVBoxLayout(self)
        layout.addWidget(self.spin)
        layout.addWidget(self.label)
        layout.addWidget(self.plot)
        self.spin.valueChanged.connect(self._changed)
        self.resize(900, 600)

    def _changed(self, value: float) -> None:
        self.curve.setData(self.x, np.sin(self.x + value / 50))
        self.label.setText(f"{value:,.2f}")

    def action(self) -> Callable[[], None]:
        sequence = slider_steps()
        return lambda: self.spin.setValue(float(next(sequence)))


# -- a simulated drag -------------------------------------------------------------------------

@dataclass
class DragStats:
    latencies_ms: list[float]
    busy_share: float
    moves: int

    def p(self, q: float) -> float:
        ordered = sorted(self.latencies_ms) or [float("nan")]
        return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _handle_centre(slider: QSlider) -> QPointF:
    option = QStyleOptionSlider()
    slider.initStyleOption(option)
    rect = slider.style().subControlRect(QStyle.ComplexControl.CC_Slider, option,
                                         QStyle.SubControl.SC_SliderHandle, slider)
    return QPointF(rect.center())


def _mouse(kind: QEvent.Type, pos: QPointF, buttons) -> QMouseEvent:
    button = Qt.MouseButton.LeftButton if kind != QEvent.Type.MouseMove else \
        Qt.MouseButton.NoButton
    return QMouseEvent(kind, pos, pos, button, buttons, Qt.KeyboardModifier.NoModifier)


def simulate_drag(app: QApplication, counter: PaintCounter, slider: QSlider,
                  result_widgets: set[QObject], document, seconds: float = 2.0) -> DragStats:
    """Mouse moves at 60 Hz along the slider; each move's latency until results are repainted.

    Moves are queued at their frame time like a window system does while the app is busy;
    a move counts as shown when a result widget paints after the edit it caused.
    """
    commits: list[float] = []
    document.changed.connect(lambda _paths: commits.append(time.perf_counter()))
    counter.watched = result_widgets
    counter.reset()
    left = slider.mapTo(slider, _handle_centre(slider).toPoint())
    start_pos = QPointF(left)
    width = max(slider.width() - 20, 40)
    app.sendEvent(slider, _mouse(QEvent.Type.MouseButtonPress, start_pos,
                                 Qt.MouseButton.LeftButton))
    settle(app, 0.15)
    counter.reset()
    commits.clear()
    undelivered: list[float] = []  # move times posted, not yet processed
    waiting: list[tuple[float, float]] = []  # (move time, commit time) not yet shown
    latencies: list[float] = []
    busy = 0.0
    begin = time.perf_counter()
    frame = 0
    while True:
        now = time.perf_counter()
        if now - begin > seconds:
            break
        due = int((now - begin) / FRAME_S)
        while frame <= due:  # post every move that is due (queued while the app was busy)
            offset = (frame % 120) / 120
            x = start_pos.x() + (offset if frame // 120 % 2 == 0 else 1 - offset) * width * 0.5
            moved = QPointF(x, start_pos.y())
            app.postEvent(slider, _mouse(QEvent.Type.MouseMove, moved, Qt.MouseButton.LeftButton))
            undelivered.append(begin + frame * FRAME_S)
            frame += 1
        commits_before = len(commits)
        paints_before = len(counter.watched_paint_times)
        call_start = time.perf_counter()
        app.processEvents()
        call_end = time.perf_counter()
        if call_end - call_start > IDLE_CALL_S:
            busy += call_end - call_start
        else:
            time.sleep(0.0005)
        # A move that left the value unchanged has nothing to show and is not counted; a
        # move whose edit waits for the next pass (a drag's moves become one edit) is.
        if len(commits) != commits_before:
            waiting += [(moved_at, commits[-1]) for moved_at in undelivered]
            undelivered = []
        elif not _edit_pending(slider):
            undelivered = []
        if len(counter.watched_paint_times) != paints_before:
            first_paint = counter.watched_paint_times[paints_before]
            latencies += [(call_end - moved_at) * 1000 for moved_at, committed_at in waiting
                          if committed_at <= first_paint]
            waiting = [(m, c) for m, c in waiting if c > first_paint]
    wall = time.perf_counter() - begin
    app.sendEvent(slider, _mouse(QEvent.Type.MouseButtonRelease, start_pos,
                                 Qt.MouseButton.NoButton))
    settle(app, 0.2)
    counter.watched = set()
    return DragStats(latencies, busy / wall if wall else 0.0, frame)


def _edit_pending(slider: QSlider) -> bool:
    """Whether the field that owns ``slider`` holds a dragged value not yet applied."""
    owner = slider.parentWidget()
    while owner is not None:
        timer = getattr(owner, "_drag_commit", None)
        if timer is not None:
            return timer.isActive()
        owner = owner.parentWidget()
    return False


def result_widgets_of(tab: QWidget) -> set[QObject]:
    """Every widget of a tab outside its inputs panel (cards, charts, tables)."""
    inputs: set[QObject] = set()
    for scroll in tab.findChildren(QScrollArea):
        if scroll.widget() is not None and scroll.widget().findChildren(QSlider):
            inputs.add(scroll)
            inputs.update(scroll.findChildren(QWidget))
    return {w for w in tab.findChildren(QWidget) if w not in inputs}


def summary(stats: TickStats) -> tuple[float, float, float]:
    return (statistics.median(stats.latencies_ms), stats.p(0.95),
            statistics.median(stats.paints))
