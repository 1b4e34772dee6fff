"""Names on the charts never cover each other or a marker, and annotations stay inside
their plot, at the laptop's and the projector's size."""

from __future__ import annotations

import itertools

import pyqtgraph as pg
import pytest
from econplan.desktop.label_placement import scatter_boxes, span_boxes
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import QPointF, QRectF
from view_helpers import settle, shown_tab

SIZES = [(1366, 768), (1920, 1080)]
EXAMPLES = [None, "llama31_405b_reference.json"]


def label_rect(label: pg.TextItem) -> QRectF:
    text = label.textItem
    return text.mapRectToScene(text.boundingRect())


def overlaps(chart: pg.PlotWidget, labels: list[pg.TextItem],
             markers: list[pg.ScatterPlotItem]) -> list[str]:
    view = chart.getPlotItem().vb
    shown = [label for label in labels if label.isVisible()]
    rects = {label.toPlainText(): label_rect(label) for label in shown}
    problems = [f"{a!r} covers {b!r}" for (a, ra), (b, rb)
                in itertools.combinations(rects.items(), 2) if ra.intersects(rb)]
    dots = [QRectF(x0, y0, x1 - x0, y1 - y0) for scatter in markers
            for x0, y0, x1, y1 in scatter_boxes(view, scatter)]
    problems += [f"{name!r} covers a marker" for name, rect in rects.items()
                 if any(rect.intersects(dot) for dot in dots)]
    area = view.sceneBoundingRect().adjusted(-1, -1, 1, 1)
    problems += [f"{name!r} runs off the plot" for name, rect in rects.items()
                 if not area.contains(rect)]
    return problems


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("example", EXAMPLES)
def test_reference_run_names_do_not_overlap(window, qtbot, size, example):
    chart = shown_tab(window, qtbot, "training_tab", size, example).reference_chart
    labels = [chart.plan_label, *chart._reference_labels]
    markers = [chart.reference_points, chart.all_in_points, chart.estimate_points,
               chart.plan_point, chart.plan_all_in_point]
    assert overlaps(chart, labels, markers) == []
    shown = sum(label.isVisible() for label in labels)
    assert chart.plan_label.isVisible()
    # A name with no free spot is left off (its point keeps its tooltip): on a laptop the
    # chart is ~350 px tall and some of the eight runs crowd around 10²³–10²⁴ FLOPs.
    assert shown >= len(labels) // 2, f"{shown} of {len(labels)} names shown"


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("example", EXAMPLES)
def test_released_model_names_do_not_overlap(window, qtbot, size, example):
    tab = shown_tab(window, qtbot, "dataset_tab", size, example)
    chart = tab.tokens_chart
    labels = [chart.plan_label, *chart._labels]
    assert overlaps(chart, labels, [chart.model_points, chart.plan_point]) == []
    shown = sum(label.isVisible() for label in labels)
    assert chart.plan_label.isVisible()
    assert shown >= len(labels) - 1, f"{shown} of {len(labels)} names shown"


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("horizon", [None, 2])
def test_timeline_annotations_stay_inside_the_plot(window, qtbot, size, horizon):
    """"every quarter after launch · …" once ran past the right edge; a short horizon puts
    the launch near that edge."""
    tab = shown_tab(window, qtbot, "playbook_tab", size, "playbook_finance.json")
    if horizon:
        window.document.set_values({"playbook.horizon_quarters": horizon}, "Shorter horizon")
        tab.recompute()
        settle(qtbot)
    chart = tab.gantt_chart
    area = chart.getPlotItem().vb.sceneBoundingRect().adjusted(-1, -1, 1, 1)
    texts = [text for text in chart._texts if text.isVisible()]
    assert any(text.toPlainText().startswith("every quarter") for text in texts)
    for text in texts:
        assert area.contains(label_rect(text)), (text.toPlainText(), label_rect(text), area)


def test_names_stay_clear_while_the_plans_point_is_dragged(window, qtbot):
    """During a drag only the plan's own name is placed again (the others keep their
    spots); after every step nothing overlaps, whichever path the placement took."""
    tab = shown_tab(window, qtbot, "training_tab", SIZES[0], None)
    chart = tab.reference_chart
    labels = [chart.plan_label, *chart._reference_labels]
    markers = [chart.reference_points, chart.all_in_points, chart.estimate_points,
               chart.plan_point, chart.plan_all_in_point]
    params = window.document.scenario.training.params
    for factor in (1.1, 1.3, 1.6, 2.2, 3.0, 4.5, 7.0, 12.0, 20.0):
        assert window.document.set_values({"training.params": params * factor})
        tab.recompute()
        settle(qtbot)
        assert overlaps(chart, labels, markers) == [], factor
        assert chart.plan_label.isVisible()


def test_markers_and_whiskers_map_to_the_pixels_pyqtgraph_draws_them_at(window, qtbot):
    """The obstacles are mapped through the view's transform in one numpy step; they must
    land where ``mapViewToScene`` puts each point (a log axis, a plot not at the origin)."""
    chart = shown_tab(window, qtbot, "training_tab", SIZES[1], None).reference_chart
    view = chart.getPlotItem().vb
    scatter = chart.reference_points
    xs, ys = scatter.getData()
    assert len(xs) > 2
    size = scatter.opts["size"]
    for (x0, y0, x1, y1), x, y in zip(scatter_boxes(view, scatter), xs, ys, strict=True):
        centre = view.mapViewToScene(QPointF(float(x), float(y)))
        assert (x0 + x1) / 2 == pytest.approx(centre.x(), abs=1e-6)
        assert (y0 + y1) / 2 == pytest.approx(centre.y(), abs=1e-6)
        assert x1 - x0 == pytest.approx(size + 2)
    x, low, high = chart._whiskers[0]
    (left, top, right, bottom), = span_boxes(view, [(x, low, high)], 4)
    top_point = view.mapViewToScene(QPointF(x, high))
    bottom_point = view.mapViewToScene(QPointF(x, low))
    assert (left + right) / 2 == pytest.approx(top_point.x(), abs=1e-6)
    assert right - left == pytest.approx(4)
    assert (top, bottom) == pytest.approx((top_point.y(), bottom_point.y()), abs=1e-6)
    assert span_boxes(view, [], 4) == []


def test_a_drag_moves_only_the_names_the_plan_covers(window, qtbot, monkeypatch):
    """While the view stays put, a step places the plan's name and the names its point,
    whiskers or name now cover; the other names keep their spots. All of them are placed
    again only when that finds no room (placing all eight on every step, twice more when
    one had no room, was most of a Training-tab tick)."""
    from econplan.desktop import label_placement

    tab = shown_tab(window, qtbot, "training_tab", SIZES[0], None)
    chart = tab.reference_chart
    view = chart.getPlotItem().vb
    calls: list[tuple[list[int], bool]] = []  # (order, every name found a spot)
    choose = label_placement._choose

    def recording(view, labels, order, *args, **kwargs):
        chosen = choose(view, labels, order, *args, **kwargs)
        calls.append((list(order), None not in chosen.values()))
        return chosen

    monkeypatch.setattr(label_placement, "_choose", recording)
    params = window.document.scenario.training.params
    steady_steps = moved_names = 0
    for step in range(60):
        before = [list(r) for r in view.viewRange()]
        spots = {label: (label.pos(), tuple(label.anchor)) for label in chart._reference_labels
                 if label.isVisible()}
        calls.clear()
        assert window.document.set_values({"training.params": params * 1.04 ** step})
        tab.recompute()
        settle(qtbot)
        if [list(r) for r in view.viewRange()] != before or not calls:
            continue  # the view moved: every name is placed again
        steady_steps += 1
        partial, placed_all = calls[0][0], calls[0][1]
        if len(calls) > 1 and calls[1][0][0] != 0:  # names the plan covered, moved
            moved_names += 1
            partial, placed_all = partial + calls[1][0], calls[1][1]
        if placed_all:
            full = [order for order, _ok in calls if len(order) > len(partial)]
            assert not full, f"step {step}: all names placed again though none lacked room"
            moved = [label for label, spot in spots.items()
                     if (label.pos(), tuple(label.anchor)) != spot]
            assert len(moved) <= len(partial) - 1, f"step {step}: {len(moved)} names moved"
    assert steady_steps >= 20
    assert moved_names, "no step covered a name: the drag tests nothing"


def test_a_y_caption_longer_than_its_plot_is_cut_and_its_tooltips_keep_all(qtbot):
    """On a laptop with the sensitivity drawer open the reference chart's plot is ~110 px
    tall, and its y caption was cut off at the top; it is elided to the plot's height
    now, the whole caption and the chart's own tip a hover away, and whole again when
    there is room."""
    from econplan.desktop.charts import ReferenceRunsChart

    chart = ReferenceRunsChart()
    qtbot.addWidget(chart)
    axis = chart.getPlotItem().getAxis("left")
    caption, own_tip = axis.labelText, axis.toolTip()
    chart.resize(500, 240)
    chart.show()
    qtbot.waitUntil(lambda: chart.getPlotItem().vb.height() > 0)
    settle(qtbot)
    assert axis.labelText != caption and axis.labelText.endswith("…")
    room = chart.getPlotItem().vb.height()
    assert axis.label.boundingRect().width() <= room  # rotated: its width runs up the axis
    assert axis.toolTip() == f"{caption}\n{own_tip}"
    chart.resize(500, 700)
    settle(qtbot)
    qtbot.waitUntil(lambda: axis.labelText == caption)
    assert axis.toolTip() == own_tip


_coordinate = st.floats(-500, 500, allow_nan=False)
_box = st.tuples(_coordinate, _coordinate, st.floats(0, 200), st.floats(0, 200)).map(
    lambda b: (b[0], b[1], b[0] + b[2], b[1] + b[3]))


@given(px=_coordinate, py=_coordinate, w=st.floats(1, 150), h=st.floats(1, 40),
       marker=st.floats(0, 20), near=st.lists(_box, max_size=25))
def test_the_free_spots_are_those_a_spot_by_spot_test_finds(px, py, w, h, marker, near):
    from econplan.desktop import label_placement as lp

    area = (-300.0, -200.0, 300.0, 200.0)
    offsets = lp._offsets(w, h, lp.GAP + marker / 2)
    one_by_one = []
    for k, (dx, dy, _far) in enumerate(offsets):
        box = (px + dx, py + dy, px + dx + w, py + dy + h)
        outside = (box[0] < area[0] or box[1] < area[1] or box[2] > area[2]
                   or box[3] > area[3])
        if not outside and not lp._hits(box, near):
            one_by_one.append(k)
    assert lp._free_spots(px, py, w, h, offsets, area, near) == one_by_one


HELD = [  # tab, chart, the items that hold still, how they are mapped, the edited input
    ("training_tab", "reference_chart", ("reference_points", "all_in_points",
                                         "estimate_points"), "_reference_obstacles",
     "training.params"),
    ("dataset_tab", "tokens_chart", ("model_points",), "_model_obstacles",
     "training.tokens"),
]


@pytest.mark.parametrize(("tab_name", "chart_name", "held", "measure", "path"), HELD)
def test_a_drag_maps_what_holds_still_once_per_view(window, qtbot, monkeypatch, tab_name,
                                                    chart_name, held, measure, path):
    """The reference runs and the published models hold still while a drag moves the
    plan: they are mapped to scene boxes again only when the view's mapping moves, and
    the boxes kept are the ones a fresh mapping gives."""
    from econplan.desktop import charts, dataset_charts
    from econplan.desktop.document import get_path

    tab = shown_tab(window, qtbot, tab_name, SIZES[0], None)
    chart = getattr(tab, chart_name)
    view = chart.getPlotItem().vb
    references = [getattr(chart, name) for name in held]
    mapped: list[pg.ScatterPlotItem] = []
    measured = charts.scatter_boxes

    def recording(view, scatter):
        mapped.append(scatter)
        return measured(view, scatter)

    for module in (charts, dataset_charts):
        monkeypatch.setattr(module, "scatter_boxes", recording)
    start = get_path(window.document.scenario, path)
    steady_steps = 0
    for step in range(1, 30):
        before = [list(r) for r in view.viewRange()]
        mapped.clear()
        assert window.document.set_values({path: start * 1.02 ** step})
        tab.recompute()
        settle(qtbot)
        if [list(r) for r in view.viewRange()] != before:
            continue
        steady_steps += 1
        assert not [s for s in mapped if s in references], f"step {step}: mapped again"
        fresh = getattr(chart, measure)(view)
        assert chart._held_obstacles.boxes(view, getattr(chart, measure)) == fresh
    assert steady_steps >= 10


def test_a_label_placed_again_for_the_same_view_stays_where_a_fresh_placement_puts_it(qtbot):
    """``keep_inside`` leaves a label placed for the same text, point, view and font where
    it is (the timeline placed every phase's caption again on one phase's cost tick);
    after each change, text, view, size or font, it is where a fresh label goes."""
    from econplan.desktop.chart_theme import chart_text
    from econplan.desktop.label_placement import keep_inside, set_label_text
    from PySide6.QtGui import QFont

    plot = pg.PlotWidget()
    qtbot.addWidget(plot)
    plot.resize(400, 300)
    plot.show()
    view = plot.getPlotItem().vb
    qtbot.waitUntil(lambda: view.width() > 100)
    plot.setRange(xRange=(0, 10), yRange=(0, 10), padding=0)
    settle(qtbot)
    label = chart_text("", anchor=(0, 0))
    plot.addItem(label)

    def placed_like_a_fresh_label(text: str, x: float, y: float) -> None:
        fresh = chart_text(text, anchor=(0, 0))
        fresh.setFont(label.textItem.font())
        plot.addItem(fresh)
        keep_inside(view, fresh, x, y)
        assert (label.toPlainText(), tuple(label.anchor), label.pos()) == \
            (fresh.toPlainText(), tuple(fresh.anchor), fresh.pos())
        plot.removeItem(fresh)

    moves = []
    label.setPos = lambda *args, _set=label.setPos: (moves.append(args), _set(*args))[1]
    set_label_text(label, "every quarter after launch · $40K–$60K")
    keep_inside(view, label, 8.5, 5)
    assert len(moves) == 1
    keep_inside(view, label, 8.5, 5)  # nothing changed: not placed again
    assert len(moves) == 1
    placed_like_a_fresh_label("every quarter after launch · $40K–$60K", 8.5, 5)
    for change in (
        lambda: set_label_text(label, "every quarter after launch · $40K–$90K"),
        lambda: plot.setRange(xRange=(0, 9), padding=0),
        lambda: plot.resize(150, 300),  # too narrow: cut short with "…"
        lambda: label.setFont(QFont(label.textItem.font().family(), 16)),
        lambda: plot.resize(400, 300),
    ):
        change()
        settle(qtbot)
        before = len(moves)
        keep_inside(view, label, 8.5, 5)
        assert len(moves) == before + 1
        placed_like_a_fresh_label(getattr(label, "full_text", ""), 8.5, 5)


def test_during_a_drag_a_name_without_room_is_hidden_and_comes_back_once_it_stops(
        window, qtbot, monkeypatch):
    """Within a burst of edits a name the plan's point leaves no room for is hidden, and
    no step places every name more than once (a step from rest tried again with the
    missing names first, then with crossing leaders: ~2.5 ms of such a tick). Nothing
    overlaps at any step, and once the edits stop the names are where a placement from
    scratch puts them."""
    from econplan.desktop import label_placement

    tab = shown_tab(window, qtbot, "training_tab", SIZES[0], None)
    chart = tab.reference_chart
    view = chart.getPlotItem().vb
    labels = [chart.plan_label, *chart._reference_labels]
    markers = [chart.reference_points, chart.all_in_points, chart.estimate_points,
               chart.plan_point, chart.plan_all_in_point]
    orders: list[list[int]] = []
    choose = label_placement._choose

    def recording(view, labels, order, *args, **kwargs):
        orders.append(list(order))
        return choose(view, labels, order, *args, **kwargs)

    monkeypatch.setattr(label_placement, "_choose", recording)
    params = window.document.scenario.training.params
    hidden_steps = 0
    for step in range(1, 80):
        orders.clear()
        assert window.document.set_values({"training.params": params * 1.03 ** step})
        tab.recompute()  # well within the burst's quiet time of the step before
        settle(qtbot)
        assert tab.edit_burst.on == (step > 1), step  # the first is made from rest
        assert overlaps(chart, labels, markers) == [], step
        passes = sum(len(order) == len(labels) for order in orders)
        assert passes <= (1 if step > 1 else 4), f"step {step}: {passes} passes over all"
        hidden_steps += label_placement.left_names_off(view)
    assert hidden_steps, "no step hid a name: the drag tests nothing"
    assert label_placement.left_names_off(view)
    tab.edit_burst.settle_now()
    settle(qtbot)
    assert not label_placement.left_names_off(view)
    after = [(label.isVisible(), label.pos(), tuple(label.anchor)) for label in labels]
    view._econplan_labels = None  # from scratch
    chart.place_labels()
    assert [(label.isVisible(), label.pos(), tuple(label.anchor)) for label in labels] \
        == after
    assert overlaps(chart, labels, markers) == []


def test_an_edit_burst_is_the_edits_within_the_quiet_time_of_the_one_before(qtbot):
    from econplan.desktop import edit_burst

    burst = edit_burst.EditBurst()
    settled: list[bool] = []
    burst.settled.connect(lambda: settled.append(burst.on))
    burst.edit()
    assert not burst.on  # the first edit is made from rest
    burst.edit()
    assert burst.on
    qtbot.waitUntil(lambda: bool(settled), timeout=edit_burst.QUIET_MS * 4)
    assert settled == [False] and not burst.on
    burst.edit()
    assert not burst.on
    burst.settle_now()
    assert settled == [False, False]
    burst.settle_now()  # nothing waits: nothing runs
    assert settled == [False, False]
    burst.edit()
    burst.restart()  # the document replaced: the next edit is made from rest
    burst.edit()
    assert not burst.on


def test_the_dataset_charts_names_follow_its_tabs_edits(window, qtbot, monkeypatch):
    """The published models' chart places its names in a hurry within a burst of edits,
    and in full for the first edit and once the burst ends."""
    from econplan.desktop import dataset_charts, label_placement

    tab = shown_tab(window, qtbot, "dataset_tab", SIZES[0], None)
    hurried: list[bool] = []
    place = dataset_charts.place_labels

    def recording(*args, during_edits=False, **kwargs):
        hurried.append(during_edits)
        return place(*args, during_edits=during_edits, **kwargs)

    monkeypatch.setattr(dataset_charts, "place_labels", recording)
    tokens = window.document.scenario.training.tokens
    for step in (1, 2, 3):
        assert window.document.set_values({"training.tokens": tokens * 1.5 ** step})
        tab.recompute()
        settle(qtbot)
    assert hurried[0] is False and hurried[-1] is True
    view = tab.tokens_chart.getPlotItem().vb
    view._econplan_labels = (*view._econplan_labels[:4], False)  # as if a name was left off
    hurried.clear()
    tab.edit_burst.settle_now()
    assert hurried == [False]
    assert not label_placement.left_names_off(view)
