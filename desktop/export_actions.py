"""File → Export: the PDF proposal, result tables (XLSX/CSV) and charts (PNG/SVG/PDF).

Drawing uses Qt widgets, so it runs on the GUI thread; the window stays live
because the PDF writer reports each page to a progress dialog that processes
events and can cancel. Failures and cancellations say so and leave no file.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from econplan.core.errors import PlanError
from econplan.desktop.overwrite import ask_replace, existing_files
from PySide6.QtCore import QObject, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QInputDialog,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressDialog,
)

# The report, PDF, XLSX and chart writers load on first export, not at start-up.
if TYPE_CHECKING:
    from econplan.core.report import Baseline, Report, ReportOptions
    from econplan.desktop.plan_session import PlanSession


class ExportController(QObject):
    def __init__(self, window: QMainWindow, session: PlanSession):
        super().__init__(window)
        self.window = window
        self.session = session
        self.document = session.document
        self.catalog = session.catalog
        self.settings = QSettings()
        self.last_message = ""
        self._charts_to_prepare: list = []
        self._chart_timer = QTimer(self)
        self._chart_timer.setInterval(0)
        self._chart_timer.timeout.connect(self._prepare_next_chart)
        self.pdf_action = self._action("Export &PDF proposal…", self.export_pdf, "Ctrl+E",
                                       "Write the budget proposal as a PDF")
        self.xlsx_action = self._action("Export tables to &Excel (XLSX)…", self.export_xlsx,
                                        tip="Every result table, one sheet per planner")
        self.csv_action = self._action("Export tables to &CSV…", self.export_csv,
                                       tip="One CSV file per result table, into a folder")
        self.charts_action = self._action("Export &charts…", self.export_charts,
                                          tip="Every chart as PNG, SVG or PDF, into a folder")

    def _action(self, text: str, slot: Callable[[], object], shortcut: str | None = None,
                tip: str = "") -> QAction:
        action = QAction(text, self.window)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.setStatusTip(tip)
        action.triggered.connect(slot)
        return action

    def install(self, menu: QMenu, before: QAction | None = None) -> None:
        export_menu = QMenu("&Export", menu)
        for action in (self.pdf_action, self.xlsx_action, self.csv_action, self.charts_action):
            export_menu.addAction(action)
        if before is None:
            menu.addMenu(export_menu)
        else:
            menu.insertMenu(before, export_menu)
        # Ctrl+E must work without opening the submenu.
        self.window.addAction(self.pdf_action)

    # -- shared -----------------------------------------------------------------------------

    def _folder(self) -> str:
        import platformdirs

        return str(self.settings.value("export/lastFolder", platformdirs.user_documents_dir()))

    def _remember_folder(self, path: Path) -> None:
        self.settings.setValue("export/lastFolder", str(path if path.is_dir() else path.parent))

    def _report(self, options: ReportOptions | None = None,
                baseline: Baseline | None = None) -> Report | None:
        from econplan.core.report import build_report

        try:
            # The session's plan: the figures on screen, not a second computation.
            return build_report(self.document.scenario, self.catalog, options,
                                plan=self.session.plan(), baseline=baseline)
        except (PlanError, ValueError) as exc:
            self._fail(f"The plan cannot be reported as it stands: {exc}")
            return None

    def _fail(self, message: str) -> None:
        self.last_message = message
        QMessageBox.warning(self.window, "Export failed", message)

    def _done(self, message: str) -> None:
        self.last_message = message
        self.window.statusBar().showMessage(message, 8000)

    def ask_overwrite(self, existing: list[Path]) -> bool:
        return ask_replace(self.window, existing)

    def _may_replace(self, paths: list[Path]) -> bool:
        """Ask once about every file the export would replace; False means stop."""
        existing = existing_files(paths)
        if existing and not self.ask_overwrite(existing):
            self._done("Export cancelled; no file was replaced.")
            return False
        return True

    # -- PDF --------------------------------------------------------------------------------

    def ask_pdf_options(self) -> tuple[ReportOptions, Path, Baseline | None] | None:
        """The dialog's options — with the draws behind the budget's P10–P90: the ones the
        window's uncertainty view drew, else the scenario's own — its file, and the plan
        to compare with, if any."""
        from econplan.core.report import Baseline
        from econplan.desktop.export_dialog import ExportPdfDialog

        scenario = self.document.scenario
        comparison = getattr(self.window, "comparison", None)
        pinned = comparison.baseline_name if comparison is not None \
            and comparison.baseline_scenario is not None else ""
        dialog = ExportPdfDialog(scenario.name, self._folder(), self.window,
                                 planners=list(scenario.planners),
                                 organisation=scenario.organisation, author=scenario.author,
                                 pinned_baseline=pinned)
        self._prepare_charts()
        try:
            accepted = dialog.exec() == ExportPdfDialog.DialogCode.Accepted
        finally:
            self._chart_timer.stop()
        if not accepted:
            return None
        drawn = self.session.uncertainty
        options = dialog.options().model_copy(update={
            "draws": drawn.draws if drawn is not None else scenario.uncertainty.draws,
            "seed": drawn.seed if drawn is not None else scenario.uncertainty.seed})
        choice, compared = dialog.comparison()
        baseline = None
        if choice == "pinned" and comparison is not None:
            baseline = Baseline(name=comparison.baseline_name,
                                scenario=comparison.baseline_scenario,
                                plan=comparison.baseline)
        elif choice == "file" and compared is not None:
            baseline = self._baseline_from(compared)
            if baseline is None:
                return None
        return options, dialog.output_path(), baseline

    def _prepare_charts(self) -> None:
        """While the dialog is open, build the plan's chart widgets one per event-loop turn,
        so the export that follows only updates them (a session's first proposal spent
        most of its time building charts)."""
        from econplan.core.report import Chart, build_report

        try:
            report = build_report(self.document.scenario, self.catalog,
                                  plan=self.session.plan())
        except (PlanError, ValueError):
            return  # the export will say why
        self._charts_to_prepare = [block for section in report.sections
                                   for block in section.blocks if isinstance(block, Chart)]
        self._chart_timer.start()

    def _prepare_next_chart(self) -> None:
        from econplan.desktop.pdf_report import prepare_chart

        if not self._charts_to_prepare:
            self._chart_timer.stop()
            return
        prepare_chart(self._charts_to_prepare.pop(0))

    def _baseline_from(self, path: Path) -> Baseline | None:
        from econplan.core.plan import compute_plan
        from econplan.core.report import Baseline
        from econplan.core.scenario_io import ScenarioFileError, load_scenario

        try:
            scenario = load_scenario(path, self.catalog)
        except ScenarioFileError as exc:
            self._fail(f"Compare with: {path.name} cannot be read.\n{exc}\nNothing was written.")
            return None
        return Baseline(name=f"{scenario.name} ({path.name})", scenario=scenario,
                        plan=compute_plan(scenario, self.catalog))

    def export_pdf(self) -> bool:
        chosen = self.ask_pdf_options()
        if chosen is None:
            return False
        options, path, *compared = chosen
        return self.write_pdf(options, path, compared[0] if compared else None)

    def write_pdf(self, options: ReportOptions, path: Path,
                  baseline: Baseline | None = None) -> bool:
        from econplan.desktop.pdf_report import ExportCancelled, write_report_pdf

        if not self._may_replace([path]):
            return False
        report = self._report(options, baseline)
        if report is None:
            return False
        progress = QProgressDialog("Writing the proposal…", "Cancel", 0, 0, self.window)
        progress.setWindowTitle("Export PDF")
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)

        def on_page(done: int, total: int) -> bool:
            progress.setMaximum(total)
            progress.setValue(done)
            progress.setLabelText(f"Writing page {done} of {total}…")
            QApplication.processEvents()
            return not progress.wasCanceled()

        started = time.perf_counter()
        try:
            pages = write_report_pdf(report, path, on_page)
        except ExportCancelled:
            self._done("Export cancelled; no file was written.")
            return False
        except OSError as exc:
            self._fail(f"Could not write {path}:\n{exc.strerror or exc}\n"
                       "Nothing was written; your plan is unchanged.")
            return False
        finally:
            progress.close()
        self._remember_folder(path)
        self._done(f"Exported {path} ({pages} pages in {time.perf_counter() - started:.1f} s)")
        return True

    # -- tables and charts ----------------------------------------------------------------

    def export_xlsx(self) -> bool:
        name = f"{self.document.scenario.name}.xlsx"
        path, _ = QFileDialog.getSaveFileName(self.window, "Export tables to Excel",
                                              str(Path(self._folder()) / name),
                                              "Excel workbook (*.xlsx)",
                                              options=QFileDialog.Option.DontConfirmOverwrite)
        return self.write_xlsx(Path(path)) if path else False

    def _write(self, target: Path, planned: Callable[[Report], list[Path]],
               write: Callable[[Report], str]) -> bool:
        """Build the report, ask before replacing any of the ``planned`` files, run
        ``write`` (returns the success message), report failures."""
        report = self._report()
        if report is None or not self._may_replace(planned(report)):
            return False
        try:
            message = write(report)
        except OSError as exc:
            self._fail(f"Could not write {target}:\n{exc.strerror or exc}\nNothing was written.")
            return False
        self._remember_folder(target)
        self._done(message)
        return True

    def write_xlsx(self, path: Path) -> bool:
        if path.suffix.lower() != ".xlsx":
            path = path.with_suffix(".xlsx")

        from econplan.core.exports import write_tables_xlsx

        def write(report: Report) -> str:
            write_tables_xlsx(report, path)
            return f"Exported {len(report.tables())} tables to {path}"

        return self._write(path, lambda _report: [path], write)

    def export_csv(self) -> bool:
        folder = QFileDialog.getExistingDirectory(self.window, "Export tables to CSV files in",
                                                  self._folder())
        return self.write_csv(Path(folder)) if folder else False

    def write_csv(self, folder: Path) -> bool:
        from econplan.core.exports import csv_paths, write_tables_csv

        def write(report: Report) -> str:
            return f"Exported {len(write_tables_csv(report, folder))} CSV files to {folder}"

        return self._write(folder, lambda report: csv_paths(report, folder), write)

    def export_charts(self) -> bool:
        from econplan.desktop.chart_export import FORMATS

        kind, ok = QInputDialog.getItem(self.window, "Export charts", "Format", list(FORMATS),
                                        0, False)
        if not ok:
            return False
        folder = QFileDialog.getExistingDirectory(self.window, "Export charts into",
                                                  self._folder())
        return self.write_charts(Path(folder), kind) if folder else False

    def write_charts(self, folder: Path, kind: str) -> bool:
        from econplan.desktop.chart_export import chart_paths, export_all_charts

        def write(report: Report) -> str:
            written = export_all_charts(report, folder, kind)
            return f"Exported {len(written)} charts as {kind.upper()} to {folder}"

        return self._write(folder, lambda report: chart_paths(report, folder, kind), write)
