"""A tick touches only what it changes: hidden inputs catch up when shown, unchanged
charts and tables are left alone, and a chart's axes hold still while a point moves."""

import pyqtgraph as pg
from econplan.desktop import heap
from econplan.desktop.tables import fill_table, read_only_table

from tests.desktop.test_chart_paints import tick


def test_a_hidden_tabs_inputs_catch_up_when_it_is_shown(qtbot, window):
    dataset = window.dataset_tab  # built (lazily) and then covered by the training tab
    window.tabs.setCurrentWidget(window.training_tab)
    qtbot.waitUntil(lambda: dataset.is_covered())
    field = dataset.field("training.tokens_per_param")
    before = field.spin.value()
    assert window.document.set_values({"training.tokens": window.document.scenario.training
                                       .tokens * 2})
    assert dataset._inputs_out_of_date  # nothing refreshed while nobody could see it
    assert field.spin.value() == before
    window.tabs.setCurrentWidget(dataset)
    qtbot.waitUntil(lambda: not dataset._inputs_out_of_date)
    assert field.spin.value() > before * 1.5


def test_an_unchanged_result_table_returns_at_once_and_a_cleared_one_is_refilled(qtbot):
    table = read_only_table(["a", "b"])
    qtbot.addWidget(table)
    rows = [["1", "2"], ["3", "4"]]
    assert fill_table(table, rows) == 4
    assert fill_table(table, rows) == 0
    table.setRowCount(0)  # emptied outside fill_table (a panel with nothing to show)
    assert fill_table(table, rows) == 4
    assert table.item(1, 1).text() == "4"


def test_a_tick_that_leaves_the_price_curves_alone_does_not_reset_them(qtbot, window,
                                                                       monkeypatch):
    routing = window.routing_tab
    window.tabs.setCurrentWidget(routing)
    calls = []
    for curve in routing.trajectory_chart.curves.values():
        original = curve.setData
        monkeypatch.setattr(curve, "setData",
                            lambda *a, _o=original, **k: (calls.append(1), _o(*a, **k)))
    year = window.document.scenario.routing.year
    tick(qtbot, window, routing, "routing.year", year + 1 if year < 2030 else year - 1)
    assert routing.trajectory_chart.year_line.value() != year
    assert calls == []  # the year line moved, the seven curves stayed


def test_the_reference_chart_keeps_its_axes_for_a_small_move(qtbot, window):
    tab = window.training_tab
    params = window.document.scenario.training.params
    tick(qtbot, window, tab, "training.params", params * 1.05)
    view = tab.reference_chart.getPlotItem().getViewBox()
    before = view.viewRange()
    tick(qtbot, window, tab, "training.params", params * 1.1)
    assert view.viewRange() == before


def test_the_heap_is_frozen_only_by_the_running_app(monkeypatch):
    import gc

    frozen = []
    monkeypatch.setattr(gc, "freeze", lambda: frozen.append(True))
    monkeypatch.setattr(heap, "_enabled", False)
    heap.freeze_long_lived()
    assert frozen == []
    monkeypatch.setattr(heap, "_enabled", True)
    heap.freeze_long_lived()
    assert frozen == [True]


def test_catalog_rows_are_remembered_but_handed_out_as_copies(catalog):
    first = catalog.row("gpus", "gpu_id", "h100_sxm")
    first["name"] = "edited by a caller"
    again = catalog.row("gpus", "gpu_id", "h100_sxm")
    assert again["name"] != "edited by a caller"
    assert "h100_sxm" in catalog._index[("gpus", "gpu_id")]


def test_a_chart_update_is_still_drawn_after_the_axes_snap(qtbot, window):
    tab = window.training_tab
    tick(qtbot, window, tab, "training.params", 4e11)
    x, _y = tab.reference_chart.plan_point.getData()
    low, high = tab.reference_chart.getPlotItem().getViewBox().viewRange()[0]
    assert low <= x[0] <= high
    assert isinstance(tab.reference_chart, pg.PlotWidget)


def test_a_drag_turns_the_moves_of_one_pass_into_one_edit(qtbot, window):
    field = window.training_tab.field("training.params")
    changes = []
    window.document.changed.connect(changes.append)
    field.slider.setSliderDown(True)  # the handle is held, as in a drag
    start = field.slider.value()
    for step in (start + 10, start + 20, start + 30):
        field.slider.setValue(step)  # moves queued while the app was busy
    assert changes == []  # nothing planned yet for moves already overtaken
    qtbot.waitUntil(lambda: len(changes) == 1)
    shown = field.spin.value()
    assert field.display_value() == shown  # the last move is the one kept
    field.slider.setValue(start + 40)
    field.slider.setSliderDown(False)  # released: the last move is applied at once
    assert len(changes) == 2
    assert field.display_value() == field.spin.value()
    assert window.document.undo_stack.count() == 1  # the drag is one undo step


def test_a_slider_moved_by_keys_or_code_edits_at_once(window):
    field = window.training_tab.field("training.params")
    before = window.document.scenario.training.params
    field.slider.setValue(field.slider.value() + 25)
    assert window.document.scenario.training.params != before
