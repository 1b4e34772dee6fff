"""Names beside chart points that overlap no other name, marker, whisker or legend.

A greedy placement in screen pixels: each label in turn takes the nearest spot around its
point that is free and inside the plot; a name set a line or two away from its point gets
a thin leader line to it, and a name with no free spot at all is hidden (its point keeps
its tooltip). Pixels change with the plot's size, so charts place their labels again on
every resize and range change.

While edits come in a burst (``during_edits``: a drag, a held arrow key), a placement
makes one greedy pass and hides a name that finds no room, instead of placing every name
again, twice more and then with crossing leaders; the chart places them all once the
edits stop (``left_names_off``, ``desktop/edit_burst.py``). Those passes were ~2.5 ms of
the one Training-tab tick in twenty that needed them, and most of its p95.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetrics

if TYPE_CHECKING:
    from econplan.desktop.edit_burst import EditBurst

GAP = 5.0  # pixels between a point and its name

# Boxes are (left, top, right, bottom) tuples of scene pixels while placing: a greedy pass
# tests thousands of candidate boxes per tick of a drag, and QRectF calls from Python cost
# ten times the arithmetic (the placement was most of a Training-tab tick).
Box = tuple[float, float, float, float]


def _map(view: pg.ViewBox, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Data points (x, y) in scene pixels: the whole array through the view's transform
    at once, not ``mapViewToScene`` per point (two pyqtgraph calls and two QPointF each)."""
    view.updateMatrix()
    t = view.childGroup.sceneTransform()
    return t.m11() * x + t.m21() * y + t.dx(), t.m12() * x + t.m22() * y + t.dy()


class HeldObstacles:
    """Scene boxes of chart items that hold still while a drag moves the plan's own
    (reference runs, published models), mapped again only when the view's mapping moves
    or after ``forget`` (their data changed)."""

    def __init__(self) -> None:
        self._held: tuple[tuple[float, ...], list[Box]] | None = None

    def forget(self) -> None:
        self._held = None

    def boxes(self, view: pg.ViewBox, measure: Callable[[pg.ViewBox], list[Box]]) -> list[Box]:
        """A new list of the boxes ``measure(view)`` maps (callers add the plan's own to
        it); ``measure`` is passed on each call, not kept: a chart keeping its own bound
        method would be a reference cycle."""
        view.updateMatrix()
        t = view.childGroup.sceneTransform()
        key = (t.m11(), t.m12(), t.m21(), t.m22(), t.dx(), t.dy())
        if self._held is None or self._held[0] != key:
            self._held = (key, measure(view))
        return list(self._held[1])


def span_boxes(view: pg.ViewBox, spans: Sequence[tuple[float, float, float]],
               width: float) -> list[Box]:
    """The scene boxes that vertical whiskers (x, low, high) ``width`` pixels wide cover."""
    if not spans:
        return []
    x, low, high = np.array(spans, dtype=float).T
    centre, top = _map(view, x, high)
    _centre, bottom = _map(view, x, low)
    half = width / 2
    return list(zip((centre - half).tolist(), np.minimum(top, bottom).tolist(),
                    (centre + half).tolist(), np.maximum(top, bottom).tolist(), strict=True))


def scatter_boxes(view: pg.ViewBox, scatter: pg.ScatterPlotItem) -> list[Box]:
    """The markers of a scatter item, as obstacles (scene boxes)."""
    x, y = scatter.getData()
    if x is None or not len(x):
        return []
    sizes = np.asarray(scatter.data["size"], dtype=float)
    half = np.where(sizes > 0, sizes, float(scatter.opts["size"])) / 2 + 1
    cx, cy = _map(view, np.asarray(x, dtype=float), np.asarray(y, dtype=float))
    return list(zip((cx - half).tolist(), (cy - half).tolist(), (cx + half).tolist(),
                    (cy + half).tolist(), strict=True))



@lru_cache(maxsize=256)
def _offsets(w: float, h: float, gap: float) -> tuple[tuple[float, float, bool], ...]:
    """Top-left corners of the label box relative to its point, nearest first: right,
    left, above, below and the corners, then the same one to four lines further out
    (those want a leader line). Remembered per size: a name keeps its size from tick to
    tick, and a placement asks for each name's spots once or more."""
    spots = []
    for ring in (0.0, h, 2 * h, 3 * h, 4 * h):
        r = gap + ring
        corner = r * 0.7
        far = ring > 0
        spots += [(r, -h / 2, far), (-w - r, -h / 2, far), (-w / 2, -h - r, far),
                  (-w / 2, r, far), (corner, -h - corner, far), (corner, corner, far),
                  (-w - corner, -h - corner, far), (-w - corner, corner, far)]
        if far:  # beside the point, a line up or down
            spots += [(gap, -h / 2 - ring, True), (gap, -h / 2 + ring, True),
                      (-w - gap, -h / 2 - ring, True), (-w - gap, -h / 2 + ring, True)]
    return tuple(spots)


@lru_cache(maxsize=256)
def _corners(offsets: tuple[tuple[float, float, bool], ...]) -> np.ndarray:
    """The offsets' (dx, dy) as an n × 2 array, made once per set of offsets (read-only:
    it is shared)."""
    corner = np.array([(dx, dy) for dx, dy, _far in offsets], dtype=float).reshape(-1, 2)
    corner.setflags(write=False)
    return corner


def _box(rect: QRectF) -> Box:
    return (rect.left(), rect.top(), rect.right(), rect.bottom())


def _hits(box: Box, others: Iterable[Box]) -> bool:
    """Whether ``box`` overlaps any of ``others`` by a positive area."""
    x0, y0, x1, y1 = box
    return any(min(x1, ox1) > max(x0, ox0) and min(y1, oy1) > max(y0, oy0)
               for ox0, oy0, ox1, oy1 in others)


def _free_spots(px: float, py: float, w: float, h: float,
                offsets: Sequence[tuple[float, float, bool]], area: Box,
                near: Sequence[Box]) -> list[int]:
    """Indices of the ``offsets`` whose w × h box beside (px, py) lies inside ``area`` and
    overlaps none of ``near`` by a positive area, in the offsets' order.

    All spots against all boxes at once: a name in a crowded corner tried ~60 spots against
    ~20 boxes one pair at a time in Python, most of the label placement of a tick.
    """
    corner = _corners(tuple(offsets))
    x0, y0 = px + corner[:, 0], py + corner[:, 1]
    x1, y1 = x0 + w, y0 + h
    free = (x0 >= area[0]) & (y0 >= area[1]) & (x1 <= area[2]) & (y1 <= area[3])
    if near:
        ox0, oy0, ox1, oy1 = np.array(near, dtype=float).T
        overlaps = ((np.minimum(x1[:, None], ox1) > np.maximum(x0[:, None], ox0))
                    & (np.minimum(y1[:, None], oy1) > np.maximum(y0[:, None], oy0)))
        free &= ~overlaps.any(axis=1)
    return np.flatnonzero(free).tolist()


Spot = tuple[QPointF, float, float, bool, QRectF]  # point, box offset, leader?, box


def _choose(view: pg.ViewBox, labels: Sequence[tuple[pg.TextItem, float, float, float]],
            order: Sequence[int], obstacles: list[Box],
            cross: bool = False, shown: Sequence[Spot] = ()) -> dict[int, Spot | None]:
    """Each label's spot, placed greedily in ``order``; None where none is free. Leader
    lines cross each other only if ``cross``. ``shown`` are the spots of names already
    shown, which keep their places."""
    area = _box(view.sceneBoundingRect())
    names = [box for spot in shown for box in _spot_boxes(spot)]
    taken = list(obstacles) + names
    labels_taken: list[Box] = list(names)
    leaders = [_segment(spot) for spot in shown if spot[3]]
    chosen: dict[int, Spot | None] = {}
    for index in order:
        label, x, y, marker = labels[index]
        point = view.mapViewToScene(QPointF(x, y))
        px, py = point.x(), point.y()
        size = label.textItem.boundingRect()
        w, h = size.width(), size.height()
        chosen[index] = None
        # Only what lies within reach of this label's farthest spot can block it.
        reach = GAP + marker / 2 + 5 * h + w
        near = [b for b in taken if b[0] < px + reach and b[2] > px - reach
                and b[1] < py + reach and b[3] > py - reach]
        near_labels = [b for b in labels_taken if b[0] < px + reach and b[2] > px - reach
                       and b[1] < py + reach and b[3] > py - reach]
        offsets = _offsets(w, h, GAP + marker / 2)
        for k in _free_spots(px, py, w, h, offsets, area, near):
            dx, dy, far = offsets[k]
            box = (px + dx, py + dy, px + dx + w, py + dy + h)
            # A leader line must not cross a name either, nor a later name cross it.
            line = _leader_dots(px, py, box) if far else []
            segment = (point, _nearest(point, box))
            if line and (any(_hits(dot, near_labels) for dot in line)
                         or (not cross and any(_cross(segment, other) for other in leaders))):
                continue
            chosen[index] = (point, dx, dy, far, QRectF(px + dx, py + dy, w, h))
            taken += [box, *line]
            labels_taken.append(box)
            if far:
                leaders.append(segment)
            break
    return chosen


def _leader_dots(px: float, py: float, box: Box) -> list[Box]:
    """The leader line from the point to ``box`` as a few small squares along it."""
    nx, ny = min(max(px, box[0]), box[2]), min(max(py, box[1]), box[3])
    dots = []
    for t in (0.25, 0.4, 0.55, 0.7, 0.85):
        cx, cy = px + (nx - px) * t, py + (ny - py) * t
        dots.append((cx - 1, cy - 1, cx + 1, cy + 1))
    return dots


def _nearest(point: QPointF, box: Box) -> QPointF:
    left, top, right, bottom = box
    return QPointF(min(max(point.x(), left), right), min(max(point.y(), top), bottom))


def _cross(one: tuple[QPointF, QPointF], other: tuple[QPointF, QPointF]) -> bool:
    """Whether two leader lines cross (touching ends do not count)."""
    def side(a: QPointF, b: QPointF, c: QPointF) -> float:
        return (b.x() - a.x()) * (c.y() - a.y()) - (b.y() - a.y()) * (c.x() - a.x())

    (p, q), (r, t) = one, other
    return (side(p, q, r) * side(p, q, t) < 0) and (side(r, t, p) * side(r, t, q) < 0)


def place_labels(view: pg.ViewBox,
                 labels: Sequence[tuple[pg.TextItem, float, float, float]],
                 obstacles: Iterable[QRectF | Box] = (),
                 during_edits: bool = False) -> list[QRectF]:
    """Anchor each (label, x, y, marker size) beside its data point, clear of its marker;
    returns the boxes taken (scene).

    The first label is placed first (the plan's own); pass only the labels the chart
    means to show. Names that found no room are tried again right after the first, and
    then with leader lines that may cross; ``during_edits``, not until a placement that
    is not (see the module docstring).
    """
    area = view.sceneBoundingRect()
    if area.width() < 20 or area.height() < 20:
        return []
    obstacles = [_box(rect) if isinstance(rect, QRectF) else rect for rect in obstacles]
    # While only the first label's point moves (a slider drags the plan's own point), the
    # other names keep their places: they are placed again only when the view, their
    # points or their texts change, or when something new would cover one of them.
    # The mapping actually used (a range just set is applied to it later, on paint).
    origin, unit = view.mapViewToScene(QPointF(0, 0)), view.mapViewToScene(QPointF(1, 1))
    key = ((origin.x(), origin.y(), unit.x(), unit.y()), _box(area),
           tuple((id(label), x, y, marker, label.toPlainText())
                 for label, x, y, marker in labels[1:]))
    memo = getattr(view, "_econplan_labels", None)
    if labels and memo is not None and memo[0] == key and (during_edits or memo[4]):
        chosen = _replace_moved(view, labels, obstacles, memo, during_edits)
        if chosen is not None:
            return _show(view, labels, chosen)
    order = list(range(len(labels)))
    chosen = _choose(view, labels, order, obstacles)
    if during_edits:
        _remember(view, key, obstacles, chosen, complete=None not in chosen.values())
        return _show(view, labels, chosen)
    for _attempt in range(2):
        missing = [i for i in order if chosen[i] is None]
        if not missing:
            break
        retry = order[:1] + missing + [i for i in order[1:] if i not in missing]
        again = _choose(view, labels, retry, obstacles)
        if sum(spot is None for spot in again.values()) >= len(missing):
            break
        order, chosen = retry, again
    if any(spot is None for spot in chosen.values()):
        # Better two leader lines that cross than a name missing.
        again = _choose(view, labels, order, obstacles, cross=True)
        if sum(spot is None for spot in again.values()) < sum(
                spot is None for spot in chosen.values()):
            chosen = again
    _remember(view, key, obstacles, chosen)
    return _show(view, labels, chosen)


def _remember(view: pg.ViewBox, key: tuple, obstacles: list[Box],
              chosen: dict[int, Spot | None], complete: bool = True) -> None:
    """What the next placement with the same view and names starts from: the obstacles
    seen, the other names' spots, the names left off, and whether a full placement left
    them off (not a quick one during edits, which the next full placement redoes)."""
    placed = {index: spot for index, spot in chosen.items() if index and spot is not None}
    hidden = [index for index, spot in chosen.items() if index and spot is None]
    view._econplan_labels = (key, set(obstacles), placed, hidden, complete)


def left_names_off(view: pg.ViewBox) -> bool:
    """Whether a placement during edits hid names that a full placement may find room
    for (the chart places its names again once the edits stop)."""
    memo = getattr(view, "_econplan_labels", None)
    return memo is not None and not memo[4]


def _replace_moved(view: pg.ViewBox,
                   labels: Sequence[tuple[pg.TextItem, float, float, float]],
                   obstacles: list[Box], memo: tuple,
                   during_edits: bool = False) -> dict[int, Spot | None] | None:
    """Place the first name again and move only the names that its point, whiskers or
    name now cover; None when one of them finds no free spot (place all of them again),
    except ``during_edits``, when a covered name without room is hidden instead.

    A drag moves only the plan's own point: placing all eight names again (twice more
    when one finds no room) was ~5 ms of a Training-tab tick, and names that keep their
    spots read better than names that jump on every step.
    """
    key, known, placed, hidden, complete = memo
    new = [b for b in obstacles if b not in known]
    covered = [index for index, spot in placed.items()
               if new and any(_hits(b, new) for b in _spot_boxes(spot))]
    kept = {index: spot for index, spot in placed.items() if index not in covered}
    chosen = _choose(view, labels, [0], obstacles, shown=list(kept.values()))
    if chosen[0] is None:
        return None
    if covered:
        moved = _choose(view, labels, covered, obstacles, shown=[*kept.values(), chosen[0]])
        if any(spot is None for spot in moved.values()):
            if not during_edits:
                return None
            complete = False
        chosen.update(moved)
    _remember(view, key, obstacles, {**dict.fromkeys(hidden), **kept, **chosen}, complete)
    # The chart shows its names before placing them: those without room stay hidden.
    return {**dict.fromkeys(hidden), **chosen}


class NamesFollowEdits:
    """A chart whose names are placed in a hurry during the document's burst of edits and
    in full once it ends (mixed into a ``pg.PlotWidget``; ``_place_all_names`` places
    them)."""

    _edits: EditBurst | None = None

    def follow_edits(self, burst: EditBurst) -> None:
        self._edits = burst
        burst.settled.connect(self._place_names_left_off)

    def during_edits(self) -> bool:
        return self._edits is not None and self._edits.on

    def _place_names_left_off(self) -> None:
        if left_names_off(self.getPlotItem().vb):
            self._place_all_names()

    def _place_all_names(self) -> None:
        raise NotImplementedError


def _segment(spot: Spot) -> tuple[QPointF, QPointF]:
    """A name's leader line: from its point to the nearest point of its box."""
    point, _dx, _dy, _far, rect = spot
    return (point, _nearest(point, _box(rect)))


def _spot_boxes(spot: Spot) -> list[Box]:
    """A placed name's box and, for a name set further out, its leader line's dots."""
    point, _dx, _dy, far, rect = spot
    box = _box(rect)
    return [box, *(_leader_dots(point.x(), point.y(), box) if far else [])]


def _show(view: pg.ViewBox, labels: Sequence[tuple[pg.TextItem, float, float, float]],
          chosen: dict[int, Spot | None]) -> list[QRectF]:
    """Anchor the labels in ``chosen`` at their spots (hide those with none)."""
    boxes = []
    for index, (label, x, y, marker) in enumerate(labels):
        if index not in chosen:
            continue
        spot = chosen[index]
        if spot is None:
            # No free spot: the name would cover another or run off the plot.
            label.hide()
            _show_leader(view, label, None)
            continue
        point, dx, dy, far, box = spot
        _show_leader(view, label, (point, box, marker / 2 + 1) if far else None)
        size = label.textItem.boundingRect()
        anchor = (-dx / size.width(), -dy / size.height())
        if tuple(label.anchor) != anchor:
            label.setAnchor(anchor)
        label.setPos(x, y)
        label.show()
        boxes.append(box)
    return boxes


def _show_leader(view: pg.ViewBox, label: pg.TextItem,
                 ends: tuple[QPointF, QRectF, float] | None) -> None:
    """A thin line from the marker's edge to the nearest point of its name's box."""
    leader = getattr(label, "leader", None)
    if ends is None:
        if leader is not None:
            leader.hide()
        return
    point, box, radius = ends
    near = _nearest(point, _box(box))
    dx, dy = near.x() - point.x(), near.y() - point.y()
    length = max((dx * dx + dy * dy) ** 0.5, 1e-6)
    start = QPointF(point.x() + dx / length * radius, point.y() + dy / length * radius)
    a, b = view.mapSceneToView(start), view.mapSceneToView(near)
    if leader is None:
        leader = pg.PlotCurveItem()
        view.addItem(leader, ignoreBounds=True)
        label.leader = leader
    colour = QColor(label.color)
    colour.setAlphaF(0.6)
    leader.setPen(pg.mkPen(colour, width=1))
    leader.setData([a.x(), b.x()], [a.y(), b.y()])
    leader.show()


def remove_label(plot: pg.PlotItem, label: pg.TextItem) -> None:
    """Take a placed label and its leader line off the chart."""
    leader = getattr(label, "leader", None)
    if leader is not None:
        plot.vb.removeItem(leader)
    plot.removeItem(label)


def _whole_text(label: pg.TextItem) -> str:
    """The label's text before ``keep_inside`` cut it short, if it did."""
    shown = label.toPlainText()
    full = getattr(label, "full_text", None)
    return full if full is not None and shown in (full, getattr(label, "elided", None)) \
        else shown


def set_label_text(label: pg.TextItem, text: str) -> None:
    """``label``'s text, set only when it is another one: pyqtgraph lays a text item out
    again on every ``setText``, even an equal one. Compared with the whole text, not the
    one ``keep_inside`` may have cut short."""
    if text != _whole_text(label):
        label.setText(text)


def keep_inside(view: pg.ViewBox, label: pg.TextItem, x: float, y: float,
                flip: bool = False) -> None:
    """Show ``label`` starting at data point (x, y), moved left just enough to end inside
    the plot (its anchor moves towards the right near the edge); with ``flip`` it goes
    wholly to the left of the point where it fits there (a label beside a line). A text
    wider than the whole plot starts at the plot's left edge and is cut short with "…".

    A label placed for the same text, point, view and font is where it was left: the
    timeline placed every phase's caption again on each tick of one phase's cost."""
    area = view.sceneBoundingRect()
    if area.width() < 20:
        return
    full = _whole_text(label)
    placed_for = (full, x, y, flip, area.getRect(), view.viewRange(),
                  label.textItem.font().key())
    if getattr(label, "placed_for", None) == placed_for:
        return
    label.placed_for = placed_for
    label.full_text = full
    metrics = QFontMetrics(label.textItem.font())
    margin = label.textItem.boundingRect().width() - metrics.horizontalAdvance(
        label.toPlainText())  # the text item's own padding
    room = area.width() - margin - 2
    shown = metrics.elidedText(full, Qt.TextElideMode.ElideRight, int(room))
    if shown != label.toPlainText():
        label.elided = shown
        label.setText(shown)
        label.setToolTip(full if shown != full else "")
    width = label.textItem.boundingRect().width()
    start = view.mapViewToScene(QPointF(x, y)).x()
    overflow = start + width - (area.right() - 1)
    if flip and overflow > 0 and start - width >= area.left():
        ax = 1.0
    else:
        ax = min(max(overflow, 0.0), max(start - area.left(), 0.0)) / width if width else 0.0
    anchor = (ax, label.anchor[1])
    if tuple(label.anchor) != anchor:
        label.setAnchor(anchor)
    label.setPos(x, y)
