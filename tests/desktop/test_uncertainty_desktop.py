"""Bands in the window: drawn off the GUI thread, latest input wins, a control per range."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from econplan.core.catalog import load_catalog
from econplan.core.scenario_io import load_scenario
from econplan.core.uncertainty import compute_uncertainty
from econplan.desktop.distribution_control import DistributionControl
from econplan.desktop.document import ScenarioDocument
from econplan.desktop.plan_session import PlanSession
from econplan.desktop.training_tab import TrainingTab

LLAMA = Path("resources/scenarios/llama31_405b_reference.json")
CURATION = "training.beyond_compute.data_curation.multiplier"


@pytest.fixture
def document(catalog):
    return ScenarioDocument(load_scenario(LLAMA, catalog))


@pytest.fixture
def tab(qtbot, document, catalog):
    widget = TrainingTab(document, catalog)
    qtbot.addWidget(widget)
    widget.show()
    yield widget
    widget.session.wait_for_draws()


def test_the_cards_show_the_p50_band_once_the_draws_are_done(qtbot, tab, catalog):
    qtbot.waitUntil(lambda: tab.session.uncertainty is not None, timeout=20_000)
    expected = compute_uncertainty(tab.document.scenario, catalog)
    assert tab.session.uncertainty == expected
    qtbot.waitUntil(lambda: "P50 · P10–P90" in tab.total_card.detail_label.text(), timeout=5_000)


def test_latest_input_wins_and_outdated_draws_are_dropped(qtbot, tab, catalog):
    session = tab.session
    qtbot.waitUntil(lambda: session.uncertainty is not None, timeout=20_000)
    first = session.uncertainty
    # Two quick edits: only the second one's bands may be shown.
    assert tab.document.set_value("training.gpu_count", 8000)
    assert session.uncertainty is None  # the old bands go at once
    assert tab.document.set_value("training.gpu_count", 12000)
    qtbot.waitUntil(lambda: session.uncertainty is not None, timeout=20_000)
    session.wait_for_draws()
    latest = compute_uncertainty(tab.document.scenario, catalog)
    assert session.uncertainty == latest != first
    # A result for an older generation is dropped when it arrives late.
    session._draws_running = True
    session._draws_finished(session._generation - 1, first)
    assert session.uncertainty == latest


def test_a_failing_draw_is_reported_and_the_app_keeps_running(qtbot, document, catalog,
                                                             monkeypatch):
    import econplan.core.uncertainty as uncertainty

    def broken(*_args, **_kwargs):
        raise RuntimeError("no draws today")

    monkeypatch.setattr(uncertainty, "compute_uncertainty", broken)  # the worker imports it
    session = PlanSession(document, catalog)
    session.request_uncertainty()
    qtbot.waitUntil(lambda: session.uncertainty_problem is not None, timeout=10_000)
    session.wait_for_draws()
    assert "no draws today" in session.uncertainty_problem
    assert session.uncertainty is None
    assert session.result("training") is not None


def test_the_distribution_control_saves_the_choice_and_undoes(qtbot, tab):
    control = tab.field(CURATION).distribution
    assert isinstance(control, DistributionControl)
    # The data-curation multiplier has a central figure from its source: triangular.
    assert control.itemText(0) == "Auto (triangular)"
    assert control.findData("triangular") > 0
    mfu = tab.field("training.mfu").distribution
    assert mfu.findData("triangular") == -1  # no source gives MFU a central figure
    assert mfu.itemText(0) == "Auto (uniform)"
    control.setCurrentIndex(control.findData("log_uniform"))
    assert tab.document.scenario.uncertainty.distributions == {CURATION: "log_uniform"}
    tab.document.undo_stack.undo()
    assert tab.document.scenario.uncertainty.distributions == {}
    assert control.currentData() == ""
    tab.document.undo_stack.redo()
    assert control.currentData() == "log_uniform"
    control.setCurrentIndex(0)
    assert tab.document.scenario.uncertainty.distributions == {}


def test_the_auto_label_follows_the_range(qtbot, tab):
    control = tab.field("training.mfu").distribution
    assert tab.document.set_values({"training.mfu.low": 0.1, "training.mfu.high": 0.6})
    assert control.itemText(0) == "Auto (log-uniform)"


def test_a_chosen_distribution_reaches_the_bands(qtbot, tab, catalog):
    session = tab.session
    qtbot.waitUntil(lambda: session.uncertainty is not None, timeout=20_000)
    before = session.uncertainty.band("training.total_usd")
    control = tab.field(CURATION).distribution
    control.setCurrentIndex(control.findData("uniform"))
    qtbot.waitUntil(lambda: session.uncertainty is not None, timeout=20_000)
    after = session.uncertainty.band("training.total_usd")
    assert after.p50 > before.p50  # uniform over 3–28× sits higher than around 3.1×
    kinds = {i.path: i.kind for i in session.uncertainty.inputs}
    assert kinds[CURATION] == "uniform"


def test_catalog_fixture_is_the_bundled_catalog(catalog):
    assert catalog.meta == load_catalog().meta


def test_the_distribution_view_draws_the_training_total(qtbot, tab):
    chart = tab.distribution_chart
    tab.resize(1600, 900)  # wide enough for the whole title, unelided
    tab.detail_pages.setCurrentWidget(chart)  # "How sure are we?"
    assert not chart.curve.isVisible() or tab.session.uncertainty is not None
    qtbot.waitUntil(lambda: tab.session.uncertainty is not None, timeout=20_000)
    qtbot.waitUntil(lambda: chart.curve.isVisible(), timeout=5_000)
    band = tab.session.uncertainty.band("training.total_usd")
    xs, ys = chart.curve.getData()
    assert len(xs) == 101 and ys[0] == 0 and ys[-1] == 1
    assert (xs[1:] >= xs[:-1]).all()  # a CDF never goes down
    assert chart.median.value() == pytest.approx(math.log10(band.p50))
    assert "P10–P90" in chart.getPlotItem().titleLabel.text


def test_the_distribution_page_is_built_when_first_shown_with_the_draws_so_far(qtbot, tab):
    from econplan.desktop.uncertainty_charts import DistributionChart

    pages = tab.detail_pages
    assert tab._distribution_chart is None  # not at start-up
    qtbot.waitUntil(lambda: tab.session.uncertainty is not None, timeout=20_000)
    tooltip = pages.tabToolTip(1)
    pages.setCurrentIndex(1)  # the user opens "How sure are we?"
    chart = pages.widget(1)
    assert isinstance(chart, DistributionChart) and chart is tab.distribution_chart
    assert pages.currentIndex() == 1 and pages.tabText(1) == "How sure are we?"
    assert pages.tabToolTip(1) == tooltip
    qtbot.waitUntil(lambda: chart.curve.isVisible(), timeout=5_000)


def test_a_payback_without_ranges_says_it_is_one_value(qtbot, catalog):
    from econplan.desktop.breakeven_tab import BreakevenTab

    document = ScenarioDocument(load_scenario(
        Path("resources/scenarios/breakeven_task_assistant_5m.json"), catalog))
    widget = BreakevenTab(document, catalog)
    qtbot.addWidget(widget)
    widget.resize(1600, 900)  # wide enough for the whole title, unelided
    widget.show()
    widget.detail_pages.setCurrentWidget(widget.distribution_chart)
    qtbot.waitUntil(lambda: widget.session.uncertainty is not None, timeout=20_000)
    qtbot.waitUntil(lambda: "every draw" in widget.distribution_chart.getPlotItem()
                    .titleLabel.text, timeout=5_000)
    assert not widget.distribution_chart.curve.isVisible()
    widget.session.wait_for_draws()


def test_a_covered_distribution_page_is_drawn_when_opened(qtbot, tab):
    """Behind the cost table the chart is not redrawn on every edit; opening its page
    shows the latest draws before the page is painted."""
    chart = tab.distribution_chart
    assert not chart.isVisible()  # the cost table's page is open
    qtbot.waitUntil(lambda: tab.session.uncertainty is not None, timeout=20_000)
    qtbot.wait(50)
    assert not chart.curve.isVisible()  # kept for later, not drawn behind the table
    tab.detail_pages.setCurrentWidget(chart)
    assert chart.curve.isVisible()
    band = tab.session.uncertainty.band("training.total_usd")
    assert chart.median.value() == pytest.approx(math.log10(band.p50))
    # An edit while it is open redraws it at once (the bands drop until the new draws).
    tab.document.set_values({"training.params": 8e9}, "test", mergeable=False)
    qtbot.waitUntil(lambda: not chart.curve.isVisible(), timeout=5_000)
