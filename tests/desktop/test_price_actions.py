"""File → Import prices… and Your prices… change what the running window plans with."""

from __future__ import annotations

from econplan.core.price_overrides import ApiPriceOverride, PriceOverrides, save_overrides
from PySide6.QtWidgets import QMessageBox


def _sonnet(input_usd: float, output_usd: float) -> ApiPriceOverride:
    return ApiPriceOverride(price_id="s003_claude_35_sonnet", model="Claude 3.5 Sonnet",
                            usd_per_mtok_input=input_usd, usd_per_mtok_output=output_usd,
                            source="Our contract", as_of="2026-11")


def test_the_file_menu_offers_both_price_dialogs(window):
    texts = [a.text() for a in window.menuBar().actions()[0].menu().actions()]
    assert "&Import prices…" in texts and "Your &prices…" in texts


def test_saved_prices_are_used_at_once_and_the_plan_is_kept(window, presets, qtbot):
    window.document.replace(presets["breakeven_midsize_bank"], None)
    window.tabs.setCurrentWidget(window.breakeven_tab)
    window.document.set_value("breakeven.queries_per_month", 2_000_000)

    save_overrides(PriceOverrides().with_overrides([_sonnet(30.0, 150.0)]))
    window.reload_user_prices()

    row = window.catalog.row("api_prices", "price_id", "s003_claude_35_sonnet")
    assert row["origin"] == "override" and row["usd_per_mtok_input"] == 30.0
    # The picker lists the user's price, marked, and choosing it plans with it.
    picker = window.breakeven_tab.api_field
    index = picker.findData("s003_claude_35_sonnet")
    assert picker.itemText(index).endswith("$30 / $150 · your price")
    picker.setCurrentIndex(picker.findData(""))
    picker.setCurrentIndex(index)
    assert window.document.scenario.breakeven.api.usd_per_mtok_input == 30.0
    assert window.document.scenario.breakeven.api.usd_per_mtok_output == 150.0
    assert window.document.scenario.breakeven.api.pricing == "per_token"
    # The scenario, its undo history and the tab on screen survive the new catalog.
    assert window.document.scenario.breakeven.queries_per_month == 2_000_000
    assert window.document.undo_stack.canUndo()
    assert window.tabs.currentWidget() is window.breakeven_tab
    # The bundled catalog itself never changes.
    bundled = window.bundled_catalog.row("api_prices", "price_id", "s003_claude_35_sonnet")
    assert bundled["usd_per_mtok_input"] == 3.0


def test_a_reset_in_your_prices_goes_back_to_the_catalog(window, qtbot, monkeypatch):
    save_overrides(PriceOverrides().with_overrides([_sonnet(30.0, 150.0)]))
    window.reload_user_prices()
    window.prices.manage_prices()
    dialog = window.prices.dialog
    qtbot.addWidget(dialog)
    monkeypatch.setattr(dialog, "confirm", lambda *_: True)
    dialog.reset_all()
    row = window.catalog.row("api_prices", "price_id", "s003_claude_35_sonnet")
    assert row["origin"] == "catalog" and row["usd_per_mtok_input"] == 3.0


def test_a_broken_prices_file_is_told_once_at_start(qtbot, monkeypatch):
    from econplan.core.price_overrides import overrides_path
    from econplan.desktop.app import start_window

    overrides_path().parent.mkdir(parents=True, exist_ok=True)
    overrides_path().write_text("{not json")
    monkeypatch.setattr(QMessageBox, "open", lambda self: None)
    window = start_window()
    qtbot.addWidget(window)
    box = window.price_notice_box
    assert "cannot be used" in box.text() and box.informativeText()
    assert window.catalog.table("api_prices").height > 0


def test_tabs_name_the_old_prices_their_plan_uses_once_inputs_settle(window, presets, qtbot):
    window.document.replace(presets["routing_seed_14_roles"], None)
    tab = window.routing_tab
    window.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: tab.price_age.isVisible())
    text = tab.price_age.text()
    assert "older than 6 months" in text and "Reasoning category price" in text
    # A plan with nothing older than the threshold says nothing.
    tab.price_age.today = lambda: __import__("datetime").date(2026, 3, 1)
    tab.price_age.update_now()
    assert not tab.price_age.isVisible()
    assert window.dataset_tab.price_age is None  # the dataset planner uses no prices


def test_a_plan_whose_own_price_is_gone_opens_with_a_note(window, presets, tmp_path,
                                                         monkeypatch):
    from econplan.core.scenario_io import save_scenario

    scenario = presets["breakeven_midsize_bank"]
    api = scenario.breakeven.api.model_copy(update={"price_id": "user_gone",
                                                    "usd_per_mtok_input": 2.0})
    plan = tmp_path / "gone.json"
    save_scenario(scenario.model_copy(update={"breakeven": scenario.breakeven.model_copy(
        update={"api": api})}), plan)
    monkeypatch.setattr(QMessageBox, "open", lambda self: None)
    assert window.open_path(plan)
    opened = window.document.scenario.breakeven.api
    assert opened.price_id == "" and opened.usd_per_mtok_input == 2.0
    assert "'user_gone'" in window.open_notes_box.informativeText()
    assert window.document.path == plan
