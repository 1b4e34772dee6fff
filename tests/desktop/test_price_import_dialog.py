"""File → Import prices… and the Your prices manager, driven as a user would."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from econplan.core.price_overrides import (
    GpuOverride,
    PriceOverrides,
    load_overrides,
    overrides_path,
    save_overrides,
)
from econplan.desktop.overrides_dialog import OverridesDialog
from econplan.desktop.price_import_dialog import PriceImportDialog
from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import QDialog, QDialogButtonBox

DATA = Path(__file__).resolve().parent.parent / "data"
TODAY = dt.date(2026, 12, 1)


def import_dialog(qtbot, catalog, chosen: str = "", **kwargs) -> PriceImportDialog:
    dialog = PriceImportDialog(catalog, choose_file=lambda parent: chosen, today=TODAY, **kwargs)
    qtbot.addWidget(dialog)
    return dialog


def column(table, col):
    return [table.item(row, col).text() for row in range(table.rowCount())]


def test_choosing_a_file_shows_the_diff_and_the_lists(qtbot, catalog):
    dialog = import_dialog(qtbot, catalog, str(DATA / "litellm_partial.json"))
    dialog.browse()
    assert dialog.path_edit.text().endswith("litellm_partial.json")
    assert column(dialog.diff_table, 0) == ["changed", "unchanged"]
    assert column(dialog.diff_table, 1) == ["Claude 3.5 Haiku", "Gemini 1.5 Flash"]
    assert column(dialog.diff_table, 4)[0] == "$0.25/$1.25 → $0.80/$4.00"
    invalid = [dialog.invalid_list.item(i).text() for i in range(dialog.invalid_list.count())]
    assert "negative-model: input_cost_per_token is negative" in invalid
    assert dialog.tabs.tabText(1) == "Invalid (7)"
    assert dialog.skipped_list.count() == 2
    assert "1 changed, 0 new, 1 unchanged" in dialog.summary.text()
    assert dialog.apply_button.isEnabled() and dialog.apply_button.text() == "Apply 1 prices"


def test_cancelling_the_file_chooser_changes_nothing(qtbot, catalog):
    dialog = import_dialog(qtbot, catalog, "")
    dialog.browse()
    assert dialog.price_import is None and not dialog.apply_button.isEnabled()


def test_apply_writes_the_overrides_and_reports_them(qtbot, catalog):
    dialog = import_dialog(qtbot, catalog)
    dialog.load_file(DATA / "litellm_valid.json")
    dialog.include_new.setChecked(False)
    assert dialog.pending() == 2
    with qtbot.waitSignal(dialog.applied) as signal:
        dialog.apply_button.click()
    written = load_overrides().overrides
    assert signal.args[0] == written
    assert {o.key for o in written.overrides} == {"s003_claude_35_haiku", "s003_gpt_4o_mini"}
    assert all(o.as_of == "2026-12-01" for o in written.overrides)
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_cancel_writes_nothing(qtbot, catalog):
    dialog = import_dialog(qtbot, catalog)
    dialog.load_file(DATA / "litellm_valid.json")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert not overrides_path().exists()


def test_a_broken_file_shows_why_and_cannot_be_applied(qtbot, catalog):
    dialog = import_dialog(qtbot, catalog)
    dialog.load_file(DATA / "litellm_valid.json")
    dialog.load_file(DATA / "litellm_broken.json")
    assert "is not JSON" in dialog.error_label.text()
    assert "Nothing will be written" in dialog.error_label.text()
    assert dialog.diff_table.rowCount() == 0 and dialog.invalid_list.count() == 0
    assert not dialog.apply_button.isEnabled()
    dialog.apply()
    assert not overrides_path().exists()


def test_a_broken_overrides_file_is_never_overwritten(qtbot, catalog):
    path = overrides_path()
    path.parent.mkdir(parents=True)
    path.write_text("{broken", encoding="utf-8")
    dialog = import_dialog(qtbot, catalog)
    dialog.load_file(DATA / "litellm_valid.json")
    assert "could not be read" in dialog.error_label.text()
    assert not dialog.apply_button.isEnabled()
    assert path.read_text(encoding="utf-8") == "{broken"


def overrides_dialog(qtbot, answer: bool = True) -> OverridesDialog:
    dialog = OverridesDialog(confirm=lambda parent, question: answer)
    qtbot.addWidget(dialog)
    return dialog


def stored(*gpu_ids: str) -> None:
    save_overrides(PriceOverrides(overrides=[
        GpuOverride(gpu_id=gpu_id, cloud_usd_per_hour_low=1.5, cloud_usd_per_hour_high=1.8,
                    source="Negotiated", as_of="2026-10") for gpu_id in gpu_ids]))


def test_the_manager_lists_each_override_with_its_source_and_date(qtbot):
    stored("h100_sxm", "a100_80gb")
    dialog = overrides_dialog(qtbot)
    assert column(dialog.table, 1) == ["h100_sxm", "a100_80gb"]
    assert column(dialog.table, 0) == ["GPU price", "GPU price"]
    assert column(dialog.table, 4) == ["2026-10", "2026-10"]
    assert column(dialog.table, 5) == ["Negotiated", "Negotiated"]
    assert column(dialog.table, 3)[0] == "cloud $/h low 1.5, cloud $/h high 1.8"
    assert not dialog.reset_button.isEnabled()


def test_reset_removes_the_selected_override(qtbot):
    stored("h100_sxm", "a100_80gb")
    dialog = overrides_dialog(qtbot)
    dialog.table.selectionModel().select(
        dialog.table.model().index(0, 0),
        QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)
    assert dialog.reset_button.isEnabled()
    with qtbot.waitSignal(dialog.changed):
        dialog.reset_button.click()
    assert [o.key for o in load_overrides().overrides.overrides] == ["a100_80gb"]
    assert column(dialog.table, 1) == ["a100_80gb"]


def test_reset_all_asks_first(qtbot):
    stored("h100_sxm")
    declined = overrides_dialog(qtbot, answer=False)
    declined.reset_all_button.click()
    assert len(load_overrides().overrides.overrides) == 1
    dialog = overrides_dialog(qtbot, answer=True)
    dialog.reset_all_button.click()
    assert load_overrides().overrides.overrides == []
    assert dialog.table.rowCount() == 0 and not dialog.reset_all_button.isEnabled()


def test_a_broken_file_is_shown_and_reset_all_fixes_it(qtbot):
    path = overrides_path()
    path.parent.mkdir(parents=True)
    path.write_text("[]", encoding="utf-8")
    dialog = overrides_dialog(qtbot)
    assert "could not be read" in dialog.problem_label.text()
    assert dialog.reset_all_button.isEnabled()
    dialog.reset_all_button.click()
    assert load_overrides().problem is None and dialog.problem_label.text() == ""
