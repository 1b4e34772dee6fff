"""P10–P90 bands on the tabs' charts: drawn once the draws arrive, dropped on an edit."""

from __future__ import annotations

from pathlib import Path

import pytest
from econplan.core.scenario_io import load_scenario
from econplan.desktop.document import ScenarioDocument
from econplan.desktop.training_tab import TrainingTab

LLAMA = Path("resources/scenarios/llama31_405b_reference.json")


@pytest.fixture
def training_tab(qtbot, catalog):
    tab = TrainingTab(ScenarioDocument(load_scenario(LLAMA, catalog)), catalog)
    qtbot.addWidget(tab)
    tab.show()
    yield tab
    tab.session.wait_for_draws()


def _legend_texts(chart) -> list[str]:
    legend = chart.extras.key.legend
    return [] if legend is None else [label.text for _, label in legend.items]


def test_breakdown_whiskers_appear_after_the_draws_and_go_on_an_edit(qtbot, training_tab):
    chart = training_tab.breakdown_chart
    whiskers = chart.extras.whiskers
    assert not whiskers.isVisible()  # no draws yet: no band, not a stale one
    qtbot.waitUntil(lambda: whiskers.isVisible(), timeout=20_000)
    band = training_tab.session.uncertainty.series["training.cost_lines"]
    assert chart.extras.keys[::-1][0] == "compute"  # the first line is at the top
    assert "thick whisker: P10–P90 of 10,000 draws" in _legend_texts(chart)
    lows = whiskers.opts["x"] - whiskers.opts["left"]
    assert sorted(lows) == pytest.approx(sorted(band.p10))
    # An edit drops the bands with the replanned bars, in the same repaint (the draws
    # rerun once the inputs are quiet).
    before = training_tab.result
    training_tab.document.set_value("training.gpu_count", 8000)
    qtbot.waitUntil(lambda: training_tab.result is not before, timeout=5_000)
    assert training_tab.session.uncertainty is None
    assert not whiskers.isVisible()
    assert _legend_texts(chart) == ["P10–P90: redrawing…"]
    qtbot.waitUntil(lambda: whiskers.isVisible(), timeout=20_000)
