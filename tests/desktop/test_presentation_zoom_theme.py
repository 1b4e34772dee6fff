"""Presentation mode, zoom and themes: on and off, keys, remembered settings, contrast."""

from __future__ import annotations

import pyqtgraph as pg
import pytest
from econplan.core.paths import scenarios_dir
from econplan.desktop import theme
from econplan.desktop.appearance import ZOOM_KEY, Appearance
from econplan.desktop.cards import HeadlineCard
from econplan.desktop.presentation import KEY_INPUTS
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QColor, QFontMetrics, QKeySequence, QPalette
from PySide6.QtWidgets import QApplication, QWidget
from view_helpers import reset_appearance, settle


@pytest.fixture(autouse=True)
def clean_appearance():
    yield
    reset_appearance()


# -- presentation ---------------------------------------------------------------------------


def _visible_paths(tab) -> set[str]:
    return {f.path for f in tab._fields if f.isVisibleTo(tab)}


def test_presentation_on_and_off(window, qtbot):
    tab = window.training_tab
    settle(qtbot)
    before = _visible_paths(tab)
    assert "training.owned.life_years" in before or "training.hidden.hourly_rate_usd" in before

    window.presentation_action.trigger()
    settle(qtbot)
    assert window.presentation.active and window.presentation_action.isChecked()
    assert window.windowState() & Qt.WindowState.WindowFullScreen
    assert window.menuBar().isHidden() and window.statusBar().isHidden()
    shown = _visible_paths(tab)
    assert {"training.params", "training.tokens", "training.mfu"} <= shown
    assert shown <= set(KEY_INPUTS["training"])
    # Headline figures are asked for at ≥ 5% of the screen's height.
    screen_height = window.screen().geometry().height()
    for card in tab.findChildren(HeadlineCard):
        height = QFontMetrics(card.value_label.nominal_font()).height()
        assert height >= 0.05 * screen_height, (card.title_label.text(), height)

    qtbot.keyClick(tab, Qt.Key.Key_Escape)
    settle(qtbot)
    assert not window.presentation.active and not window.presentation_action.isChecked()
    assert not window.menuBar().isHidden() and not window.statusBar().isHidden()
    assert _visible_paths(tab) == before
    assert Appearance.instance().scale() == pytest.approx(1.0)


def test_presentation_figures_on_a_1920x1080_projector(window, qtbot):
    """The offscreen screen is small; a projector's scale is set as full screen would."""
    window.resize(1920, 1080)
    Appearance.instance().set_presentation_height(1080)
    tab = window.training_tab
    tab.set_presenting(True)
    settle(qtbot)
    cards = [card for card in tab.findChildren(HeadlineCard) if card.isVisibleTo(tab)]
    assert len(cards) == 4
    for card in cards:
        height = QFontMetrics(card.value_label.font()).height()
        assert height >= 0.05 * 1080, (card.title_label.text(), card.value_text, height)
    tab.set_presenting(False)


def test_presentation_inputs_are_not_cut_and_come_back_as_they_were(window, qtbot):
    """On a 1080-line projector the reduced inputs column is as wide as its larger text
    needs; leaving gives back the column's width and hides again what was hidden (the
    GPU's empty sources-disagree note)."""
    from econplan.desktop.planner_tab import InputScrollArea

    window.resize(1920, 1080)
    tab = window.training_tab
    settle(qtbot)
    scroll = tab.findChild(InputScrollArea)
    column = scroll.widget()
    splitter = scroll.parentWidget()
    before = splitter.sizes()
    shown = {id(w) for w in column.findChildren(QWidget) if w.isVisibleTo(column)}

    Appearance.instance().set_presentation_height(1080)
    tab.set_presenting(True)
    qtbot.waitUntil(lambda: scroll.viewport().width() >= column.minimumSizeHint().width())

    tab.set_presenting(False)
    Appearance.instance().set_presentation_height(0)
    qtbot.waitUntil(lambda: splitter.sizes() == before)
    assert {id(w) for w in column.findChildren(QWidget) if w.isVisibleTo(column)} == shown
    assert scroll.viewport().width() >= column.minimumSizeHint().width()


def test_presentation_keys_switch_tabs_and_move_the_focused_input(window, qtbot):
    window.presentation.set_active(True)
    settle(qtbot)
    assert window.presentation.active
    tabs = window.tabs
    focus = QApplication.focusWidget()
    params = window.training_tab.field("training.params")
    before = window.document.scenario.training.params
    if focus is params.slider:
        qtbot.keyClick(focus, Qt.Key.Key_Up)
        assert window.document.scenario.training.params != before

    qtbot.keyClick(tabs, Qt.Key.Key_3)
    assert tabs.currentIndex() == 2
    qtbot.keyClick(tabs, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert tabs.currentIndex() == 3
    qtbot.keyClick(tabs, Qt.Key.Key_Backtab,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert tabs.currentIndex() == 2
    # Qt remembers the last event's modifiers: release them, or later tests' selectRow
    # acts as if Ctrl+Shift were held.
    qtbot.keyClick(tabs, Qt.Key.Key_Shift)
    # A tab built during presentation shows only its key inputs.
    playbook = window.playbook_tab
    assert _visible_paths(playbook) <= {"playbook.vertical.vertical_id",
                                        "playbook.horizon_quarters",
                                        "playbook.ongoing_usd_per_quarter"}

    # Arrow keys step a focused number box.
    spin = window.playbook_tab.field("playbook.horizon_quarters").spin
    spin.setFocus()
    quarters = window.document.scenario.playbook.horizon_quarters
    window.presentation.handle_key(_key(Qt.Key.Key_Up))
    assert window.document.scenario.playbook.horizon_quarters == quarters + 1
    window.presentation.set_active(False)
    assert _visible_paths(playbook) > {"playbook.horizon_quarters"}


def _key(key):
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent

    return QKeyEvent(QEvent.Type.KeyPress, key, Qt.KeyboardModifier.NoModifier)


def test_routing_series_differ_by_more_than_colour(qtbot):
    from econplan.desktop.routing_charts import RoleOverspendChart

    chart = RoleOverspendChart()
    qtbot.addWidget(chart)
    large = chart.large_bars.opts["brush"]
    routed = chart.optimal_bars.opts["brush"]
    assert large.style() != routed.style()  # hatched vs solid
    assert theme.OKABE_ITO["vermillion"].lower() == large.color().name()
    assert theme.OKABE_ITO["blue"].lower() == routed.color().name()
    labels = [label.text for _sample, label in chart.legend.items]
    assert len(labels) == len(set(labels)) == 2


def test_breakeven_series_have_their_own_dashes(qtbot):
    from econplan.desktop.breakeven_charts import CumulativeCostChart

    chart = CumulativeCostChart()
    qtbot.addWidget(chart)
    styles = {curve.opts["pen"].style() for curve in
              (chart.api_curve, chart.selfhost_curve, chart.human_curve)}
    assert len(styles) == 3


# -- zoom ------------------------------------------------------------------------------------


def test_zoom_scales_fonts_cards_and_charts_and_is_remembered(window, qtbot):
    tab = window.training_tab
    settle(qtbot)
    card = tab.total_card
    chart = next(iter(tab.findChildren(pg.PlotWidget)))
    app_pt = QApplication.font().pointSizeF()
    card_px = QFontMetrics(card.value_label.nominal_font()).height()
    tick_pt = chart.getPlotItem().getAxis("bottom").style["tickFont"].pointSizeF()

    shortcuts = {s.toString() for s in window.zoom_in_action.shortcuts()}
    assert {"Ctrl++", "Ctrl+="} <= shortcuts
    assert QKeySequence("Ctrl+-") in window.zoom_out_action.shortcuts()
    assert window.zoom_reset_action.shortcut() == QKeySequence("Ctrl+0")
    window.zoom_in_action.trigger()
    window.zoom_in_action.trigger()
    settle(qtbot)
    zoom = Appearance.instance().zoom
    assert zoom == pytest.approx(1.25)
    assert QApplication.font().pointSizeF() == pytest.approx(app_pt * 1.25)
    assert QFontMetrics(card.value_label.nominal_font()).height() > card_px
    axis_font = chart.getPlotItem().getAxis("bottom").style["tickFont"]
    assert axis_font.pointSizeF() == pytest.approx(tick_pt * 1.25)
    assert float(QSettings().value(ZOOM_KEY)) == pytest.approx(1.25)

    Appearance._instance = None  # the next start reads the setting back
    assert Appearance.instance().zoom == pytest.approx(1.25)
    Appearance.instance().reset_zoom()
    assert float(QSettings().value(ZOOM_KEY)) == pytest.approx(1.0)


# -- themes and contrast -----------------------------------------------------------------------


@pytest.mark.parametrize("palette", [theme.LIGHT, theme.DARK], ids=["light", "dark"])
def test_palette_text_meets_wcag_aa(palette):
    pairs = {
        "text": (palette.text, palette.base),
        "text on window": (palette.text, palette.window),
        "card title and range": (palette.muted, palette.base),
        "note": (palette.muted, palette.window),
        "note box": (palette.note_fg, palette.note_bg),
        "warning": (palette.warning_fg, palette.warning_bg),
        "recommendation": (palette.good_fg, palette.good_bg),
        "error": (palette.error_fg, palette.window),
        "chart text": (palette.chart_text, palette.chart_bg),
    }
    for name, (fg, bg) in pairs.items():
        assert theme.contrast_ratio(fg, bg) >= theme.WCAG_AA, name


def test_readable_keeps_a_series_hue_and_reaches_aa():
    for background in (theme.LIGHT.chart_bg, theme.DARK.chart_bg):
        for colour in theme.OKABE_ITO.values():
            adjusted = theme.readable(colour, background)
            assert theme.contrast_ratio(adjusted, background) >= theme.WCAG_AA


def _chart_texts(root):
    """(colour, background) of every text a chart draws: title, ticks, legend, labels."""
    for plot in root.findChildren(pg.PlotWidget):
        background = plot.backgroundBrush().color()
        item = plot.getPlotItem()
        title = item.titleLabel.text
        if "color:" in title:
            yield "title", QColor(title.split("color:")[1].split("'")[0]), background
        for name in ("left", "bottom"):
            yield name, item.getAxis(name).textPen().color(), background
        legends = [item.legend] if item.legend is not None else []
        for legend in legends + getattr(plot, "extra_legends", []):
            for _sample, label in legend.items:
                yield "legend", QColor(label.opts.get("color")), background
        for child in item.getViewBox().addedItems:
            if isinstance(child, pg.TextItem) and child.textItem.toPlainText():
                yield "label", child.color, background


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_theme_switch_and_contrast_on_every_tab(window, qtbot, mode):
    window.build_all_tabs()
    window.open_example(scenarios_dir() / "breakeven_task_assistant_5m.json")
    window.theme_actions[mode].trigger()
    settle(qtbot)
    palette = theme.current()
    assert palette.name == mode
    assert QSettings().value("view/theme") == mode
    assert QApplication.palette().color(QPalette.ColorRole.Base) == QColor(palette.base)
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        settle(qtbot, 2)
    checked = 0
    for tab_name in ("training_tab", "dataset_tab", "playbook_tab", "routing_tab",
                     "breakeven_tab"):
        tab = getattr(window, tab_name)
        for card in tab.findChildren(HeadlineCard):
            background = card.palette().color(QPalette.ColorRole.Window)
            for label in (card.title_label, card.value_label, card.detail_label):
                colour = label.palette().color(QPalette.ColorRole.WindowText)
                ratio = theme.contrast_ratio(colour, palette.base)
                assert ratio >= theme.WCAG_AA, (tab_name, label.text(), ratio, background)
                checked += 1
        for kind, colour, background in _chart_texts(tab):
            assert background == QColor(palette.chart_bg), (tab_name, kind)
            ratio = theme.contrast_ratio(colour, background)
            assert ratio >= theme.WCAG_AA, (tab_name, kind, colour.name(), ratio)
            checked += 1
    assert checked > 100


def test_dark_theme_leaves_pdf_charts_light(window, qtbot):
    from econplan.desktop.chart_factory import build_chart

    window.theme_actions["dark"].trigger()
    result = window.session.outcome("training").result
    chart = build_chart("training_cost_breakdown", result.model_dump(mode="json"))
    qtbot.addWidget(chart)
    assert chart.backgroundBrush().color() == QColor(theme.LIGHT.chart_bg)
    assert theme.current() is theme.DARK  # the screen keeps its theme


def test_system_mode_follows_the_colour_scheme(monkeypatch):
    appearance = Appearance.instance()
    appearance.mode = "system"
    monkeypatch.setattr(Appearance, "system_dark", staticmethod(lambda: True))
    assert appearance.palette() is theme.DARK
    monkeypatch.setattr(Appearance, "system_dark", staticmethod(lambda: False))
    assert appearance.palette() is theme.LIGHT
    with pytest.raises(ValueError, match="theme must be one of"):
        appearance.set_theme("sepia")


def test_the_sheet_styles_its_widgets_not_the_application(window, qtbot):
    # An application-wide sheet makes Qt style every widget through it (a tab took twice
    # as long to build); only the cards, notes and boxes that use it carry it.
    from econplan.desktop.planner_tab import note_label

    assert QApplication.instance().styleSheet() == ""
    card = window.training_tab.findChildren(HeadlineCard)[0]
    note = note_label("A note")
    qtbot.addWidget(note)
    for mode in ("dark", "light", "dark"):
        window.theme_actions[mode].trigger()
        settle(qtbot)
        palette = theme.current()
        later = note_label("Built after the switch")
        qtbot.addWidget(later)
        for label in (note, later, card.title_label):
            label.ensurePolished()
            assert label.palette().color(QPalette.ColorRole.WindowText) == QColor(palette.muted)
        assert card.styleSheet() == theme.style_sheet(palette, theme.text_scale())
        assert later.styleSheet() == note.styleSheet()


def test_a_widget_with_its_own_sheet_follows_a_theme_switch(window, qtbot):
    # A sheet keeps the palette its widget was polished with: without an application
    # sheet to re-polish everything, the price-date note stayed dark on the dark theme.
    from econplan.desktop.price_age import PriceAgeNote

    notes = window.findChildren(PriceAgeNote)
    assert notes and all(note.styleSheet() for note in notes)
    for mode in ("light", "dark", "light"):
        window.theme_actions[mode].trigger()
        settle(qtbot)
        for note in notes:
            assert note.palette().color(QPalette.ColorRole.WindowText) == \
                QColor(theme.current().text), mode
