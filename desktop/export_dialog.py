"""The Export PDF dialog: what goes on the cover, page size, which planners, where."""

from __future__ import annotations

from pathlib import Path

from econplan.core.report import PLANNER_TITLES, SECTION_BUILDERS, ReportOptions
from econplan.desktop import theme
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

APPENDIX_CHOICES = [("One entry per source (compact)", "compact"),
                    ("Every figure with its source (full)", "full"), ("No appendix", "none")]


class ExportPdfDialog(QDialog):
    def __init__(self, scenario_name: str, default_folder: str, parent: QWidget | None = None,
                 planners: list[str] | None = None, *, organisation: str = "",
                 author: str = "", pinned_baseline: str = ""):
        """``planners``, ``organisation`` and ``author`` come from the plan's properties;
        empty ones fall back to what was typed at the last export. ``pinned_baseline``: the
        name of the baseline pinned in View → Compare with baseline, if one is."""
        super().__init__(parent)
        self.setWindowTitle("Export PDF budget proposal")
        self.settings = QSettings()
        remembered = self.settings.value
        self.title_edit = QLineEdit(str(remembered("export/title", "AI model budget proposal")))
        self.organisation_edit = QLineEdit(
            organisation or str(remembered("export/organisation", "")))
        self.author_edit = QLineEdit(author or str(remembered("export/author", "")))
        self.page_size = QComboBox()
        self.page_size.addItems(["A4", "Letter"])
        self.page_size.setCurrentText(str(remembered("export/pageSize", "A4")))
        self.planner_boxes: dict[str, QCheckBox] = {}
        planner_column = QVBoxLayout()
        # The planners the plan uses are ticked; the others can be added for this export.
        used = set(planners) if planners else set(SECTION_BUILDERS)
        for planner_id in SECTION_BUILDERS:
            box = QCheckBox(PLANNER_TITLES.get(planner_id, planner_id))
            box.setChecked(planner_id in used)
            self.planner_boxes[planner_id] = box
            planner_column.addWidget(box)
        self.appendix = QComboBox()
        for label, value in APPENDIX_CHOICES:
            self.appendix.addItem(label, value)
        remembered_appendix = str(remembered("export/appendix", "compact"))
        self.appendix.setCurrentIndex(max(0, self.appendix.findData(remembered_appendix)))
        self.sensitivity_box = QCheckBox("Sensitivity: every range input's effect on the budget")
        self.sensitivity_box.setChecked(str(remembered("export/sensitivity", "false")) == "true")
        # Compare with: nothing, the pinned baseline (when there is one) or a saved file.
        self.compare_choice = QComboBox()
        # A long pinned name must not widen the dialog: the combo elides its items.
        self.compare_choice.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.compare_choice.setMinimumContentsLength(30)
        self.compare_choice.addItem("No comparison", "none")
        if pinned_baseline:
            self.compare_choice.addItem(f"The pinned baseline: {pinned_baseline}", "pinned")
            self.compare_choice.setItemData(1, pinned_baseline, Qt.ItemDataRole.ToolTipRole)
        self.compare_choice.addItem("A scenario file…", "file")
        self.compare_path = QLineEdit()
        self.compare_path.setPlaceholderText("scenario file to compare with")
        compare_browse = QPushButton("Browse…")
        compare_browse.clicked.connect(self._browse_compare)
        self.compare_row = QWidget()
        compare_file_row = QHBoxLayout(self.compare_row)
        compare_file_row.setContentsMargins(0, 0, 0, 0)
        compare_file_row.addWidget(self.compare_path, 1)
        compare_file_row.addWidget(compare_browse)
        self.compare_choice.currentIndexChanged.connect(self._compare_changed)
        self._compare_changed()
        safe_name = "".join(c if c.isalnum() or c in " -_" else "_" for c in scenario_name)
        self.path_edit = QLineEdit(str(Path(default_folder) / f"{safe_name.strip() or 'plan'}.pdf"))
        browse = QPushButton("Browse…")
        browse.clicked.connect(self._browse)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(browse)

        form = QFormLayout()
        form.addRow("Title", self.title_edit)
        form.addRow("Organisation", self.organisation_edit)
        form.addRow("Author", self.author_edit)
        form.addRow("Page size", self.page_size)
        form.addRow("Include", planner_column)
        form.addRow("Sources appendix", self.appendix)
        form.addRow("Optional", self.sensitivity_box)
        form.addRow("Compare with", self.compare_choice)
        form.addRow("", self.compare_row)
        form.addRow("Save as", path_row)
        self.error_label = QLabel()
        theme.set_role(self.error_label, "error")
        self.error_label.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Export")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        self.resize(560, self.sizeHint().height())

    def _browse(self) -> None:
        # The export asks about replacing once it knows the final name (with ".pdf").
        path, _ = QFileDialog.getSaveFileName(self, "Save proposal as", self.path_edit.text(),
                                              "PDF (*.pdf)",
                                              options=QFileDialog.Option.DontConfirmOverwrite)
        if path:
            self.path_edit.setText(path if path.lower().endswith(".pdf") else f"{path}.pdf")

    def _compare_changed(self) -> None:
        self.compare_row.setVisible(self.compare_choice.currentData() == "file")

    def _browse_compare(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Compare with scenario",
                                              self.compare_path.text(),
                                              "EconPlan scenario (*.json)")
        if path:
            self.compare_path.setText(path)

    def comparison(self) -> tuple[str, Path | None]:
        """("none" | "pinned" | "file", the file when one is chosen)."""
        choice = self.compare_choice.currentData()
        if choice == "file":
            return choice, Path(self.compare_path.text().strip()).expanduser()
        return choice, None

    def problem(self) -> str:
        """What stops the export, in words naming the field; empty when all is well."""
        if not self.title_edit.text().strip():
            return "Title: enter a title for the cover page."
        if not any(box.isChecked() for box in self.planner_boxes.values()):
            return "Include: choose at least one planner."
        path = Path(self.path_edit.text().strip()).expanduser()
        if not self.path_edit.text().strip():
            return "Save as: choose a file name."
        if not path.parent.is_dir():
            return f"Save as: the folder {path.parent} does not exist."
        choice, compared = self.comparison()
        if choice == "file" and (not self.compare_path.text().strip()
                                 or compared is None or not compared.is_file()):
            return "Compare with: choose a scenario file that exists."
        return ""

    def accept(self) -> None:
        problem = self.problem()
        if problem:
            self.error_label.setText(problem)
            return
        for key, value in (("title", self.title_edit.text()),
                           ("organisation", self.organisation_edit.text()),
                           ("author", self.author_edit.text()),
                           ("pageSize", self.page_size.currentText()),
                           ("appendix", self.appendix.currentData()),
                           ("sensitivity", "true" if self.sensitivity_box.isChecked()
                            else "false")):
            self.settings.setValue(f"export/{key}", value)
        super().accept()

    def options(self) -> ReportOptions:
        return ReportOptions(
            title=self.title_edit.text().strip(),
            organisation=self.organisation_edit.text().strip(),
            author=self.author_edit.text().strip(),
            page_size=self.page_size.currentText(),
            planners=[p for p, box in self.planner_boxes.items() if box.isChecked()],
            appendix=self.appendix.currentData(),
            sensitivity=self.sensitivity_box.isChecked(),
        )

    def output_path(self) -> Path:
        path = Path(self.path_edit.text().strip()).expanduser()
        return path if path.suffix.lower() == ".pdf" else path.with_suffix(".pdf")
