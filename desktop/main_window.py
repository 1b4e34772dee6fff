"""The main window: tabs over one scenario, File/Edit/View/Help menus, recent files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import platformdirs
from econplan.core.catalog import Catalog, let_go
from econplan.core.defaults import default_scenario
from econplan.core.paths import scenarios_dir
from econplan.core.price_overrides import with_user_overrides
from econplan.core.scenario_io import ScenarioFileError, load_scenario
from econplan.desktop import heap, window_geometry
from econplan.desktop.appearance import Appearance
from econplan.desktop.autosave import Autosaver, Recovery, find_recoveries
from econplan.desktop.compare_view import ComparisonController
from econplan.desktop.document import ScenarioDocument
from econplan.desktop.export_actions import ExportController
from econplan.desktop.overwrite import ask_replace, existing_files
from econplan.desktop.plan_session import PlanSession
from econplan.desktop.presentation import PresentationMode
from econplan.desktop.price_actions import PriceActions
from econplan.desktop.shortcuts import ApplicationShortcuts, follow_undo_texts, menu_text
from econplan.desktop.training_tab import TrainingTab
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence, QPaintEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QTabWidget,
    QWidget,
)

if TYPE_CHECKING:
    from econplan.desktop.breakeven_tab import BreakevenTab
    from econplan.desktop.catalog_tab import CatalogBrowserTab
    from econplan.desktop.dataset_tab import DatasetTab
    from econplan.desktop.playbook_tab import PlaybookTab
    from econplan.desktop.routing_tab import RoutingTab

MAX_RECENT_FILES = 8
SCENARIO_FILTER = "EconPlan scenarios (*.json);;All files (*)"


def example_files() -> list[Path]:
    return sorted(scenarios_dir().glob("*.json"))


def _dataset_tab(window: MainWindow) -> QWidget:
    from econplan.desktop.dataset_tab import DatasetTab

    return DatasetTab(window.document, window.catalog, session=window.session)


def _playbook_tab(window: MainWindow) -> QWidget:
    from econplan.desktop.playbook_tab import PlaybookTab

    return PlaybookTab(window.document, window.catalog, session=window.session)


def _routing_tab(window: MainWindow) -> QWidget:
    from econplan.desktop.routing_tab import RoutingTab

    return RoutingTab(window.document, window.catalog, session=window.session)


def _breakeven_tab(window: MainWindow) -> QWidget:
    from econplan.desktop.breakeven_tab import BreakevenTab

    return BreakevenTab(window.document, window.catalog, session=window.session)


def _catalog_tab(window: MainWindow) -> QWidget:
    from econplan.desktop.catalog_tab import CatalogBrowserTab

    return CatalogBrowserTab(window.catalog)


# Built (and their modules imported) when first shown or asked for: start-up pays for the
# default tab only.
LAZY_TABS: dict[str, tuple[str, Callable[[MainWindow], QWidget]]] = {
    "dataset_tab": ("Dataset sizing", _dataset_tab),
    "playbook_tab": ("Vertical playbook", _playbook_tab),
    "routing_tab": ("Routing overspend", _routing_tab),
    "breakeven_tab": ("Self-host break-even", _breakeven_tab),
    "catalog_tab": ("Catalog", _catalog_tab),
}


class MainWindow(QMainWindow):
    def __init__(self, catalog: Catalog, parent: QWidget | None = None,
                 bundled_catalog: Catalog | None = None):
        super().__init__(parent)
        with heap.collector_paused():  # tens of thousands of objects that stay: desktop/heap.py
            self._build_window(catalog, bundled_catalog)

    def _build_window(self, catalog: Catalog, bundled_catalog: Catalog | None) -> None:
        self.catalog = catalog
        # The catalog without the user's own prices: they are laid over it again when
        # they change (File → Import prices…, Your prices…).
        self.bundled_catalog = bundled_catalog if bundled_catalog is not None else catalog
        self.settings = QSettings()
        self.document = ScenarioDocument(default_scenario(catalog), self)
        # One plan per change, shared by every tab, the report and the exports.
        self.session = PlanSession(self.document, catalog, self)
        # The bands' draws wait for the first paint: started while the window was built
        # (~0.3 s, longer than their quiet delay), they ran through its first layout and
        # paint on a worker taking turns with the GUI thread at the interpreter lock.
        self.session.hold_draws()
        self._painted = False

        # Theme, zoom and presentation scale for every window (remembered in QSettings), set
        # before any widget is built: widgets built after it start in the right style, where
        # setting it over a built tab re-polishes every widget in it.
        self.appearance = Appearance.instance()
        self.appearance.apply()
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.training_tab = TrainingTab(self.document, catalog, session=self.session)
        self.tabs.addTab(self.training_tab, "Training budget")
        self._lazy_pages: dict[str, QWidget] = {}  # placeholders of the tabs not yet built
        self._built_tabs: dict[str, QWidget] = {}
        for name, (title, _build) in LAZY_TABS.items():
            self._lazy_pages[name] = QWidget()
            self.tabs.addTab(self._lazy_pages[name], title)
        self.tabs.currentChanged.connect(self._build_shown_tab)
        self.setCentralWidget(self.tabs)

        self.presentation = PresentationMode(self, self.tabs)
        self.create_actions()
        self.create_menus()
        self.create_status_bar()
        # Undo, Save, Export… win over a focused number box's own keys.
        self.shortcuts = ApplicationShortcuts(self)
        self.document.file_changed.connect(self._update_title)
        self.document.changed.connect(self._update_title)
        self.document.rejected.connect(self._show_rejection)
        self._update_title()
        self._restore_geometry()
        self.autosaver = Autosaver(self.document, parent=self)
        self.tabs.currentChanged.connect(lambda _index: self.autosaver.save_now())
        # The first window has read what it needs: close the catalog file until another
        # tab or the uncertainty run asks for a table not read yet (core/catalog.py).
        let_go(self.catalog)
        let_go(self.bundled_catalog)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:  # the window paints first, its children after it, in one pass
            self._painted = True
            QTimer.singleShot(0, self.session.release_draws)
            QTimer.singleShot(0, heap.start_up_done)  # the first window's: collections back

    # -- construction ---------------------------------------------------------------------

    def _lazy_tab(self, name: str) -> QWidget:
        """The tab ``name``, built now in its placeholder's place if it was not yet."""
        if name in self._built_tabs:
            return self._built_tabs[name]
        title, build = LAZY_TABS[name]
        tab = build(self)  # if this raises, the placeholder stays and the next ask retries
        self._swap_page(self._lazy_pages.pop(name), tab, title)
        self._built_tabs[name] = tab
        QTimer.singleShot(0, heap.freeze_long_lived)  # the tab lives as long as the window
        return tab

    def _swap_page(self, old: QWidget, new: QWidget, title: str) -> None:
        """Put ``new`` in ``old``'s place, keeping the current tab and emitting no
        tab-change signal (a swap is not the user switching tabs)."""
        index = self.tabs.indexOf(old)
        current = self.tabs.currentIndex()
        blocked = self.tabs.blockSignals(True)
        self.tabs.removeTab(index)
        self.tabs.insertTab(index, new, title)
        self.tabs.setCurrentIndex(current)
        self.tabs.blockSignals(blocked)
        old.deleteLater()

    def use_catalog(self, catalog: Catalog) -> None:
        """Plan on ``catalog`` from now on: every tab is rebuilt so its pickers list the new
        figures; the scenario, its undo history and the current tab are kept."""
        self.catalog = catalog
        old_training = self.training_tab
        self.training_tab = TrainingTab(self.document, catalog, session=self.session)
        self._swap_page(old_training, self.training_tab, "Training budget")
        for name, tab in list(self._built_tabs.items()):
            # Back to a placeholder: the tab is built again, on this catalog, when shown.
            placeholder = self._lazy_pages[name] = QWidget()
            self._swap_page(tab, placeholder, LAZY_TABS[name][0])
            del self._built_tabs[name]
        self._build_shown_tab(self.tabs.currentIndex())
        self.session.use_catalog(catalog)
        self.catalog_label.setText(self._catalog_summary())

    def reload_user_prices(self) -> None:
        """Lay the user's prices file over the bundled catalog again and plan with it."""
        catalog, notes = with_user_overrides(self.bundled_catalog)
        self.use_catalog(catalog)
        self.statusBar().showMessage(
            " ".join(notes) or "Your prices are in use in every planner", 6000)

    def build_all_tabs(self) -> None:
        """Build every tab now (a self-test, a screenshot run, a test of all fields)."""
        for name in LAZY_TABS:
            self._lazy_tab(name)

    def _build_shown_tab(self, index: int) -> None:
        page = self.tabs.widget(index)
        for name, placeholder in list(self._lazy_pages.items()):
            if placeholder is page:
                self._lazy_tab(name)

    @property
    def dataset_tab(self) -> DatasetTab:
        return self._lazy_tab("dataset_tab")

    @property
    def playbook_tab(self) -> PlaybookTab:
        return self._lazy_tab("playbook_tab")

    @property
    def routing_tab(self) -> RoutingTab:
        return self._lazy_tab("routing_tab")

    @property
    def breakeven_tab(self) -> BreakevenTab:
        return self._lazy_tab("breakeven_tab")

    @property
    def catalog_tab(self) -> CatalogBrowserTab:
        return self._lazy_tab("catalog_tab")

    def create_actions(self) -> None:
        def action(text: str, slot, shortcut=None, tip: str = "") -> QAction:
            act = QAction(text, self)
            if shortcut is not None:
                act.setShortcut(QKeySequence(shortcut))
            act.setStatusTip(tip)
            act.triggered.connect(slot)
            return act

        Key = QKeySequence.StandardKey
        self.new_action = action("&New", self.new_scenario, Key.New,
                                 "Start a new plan from the catalog's defaults")
        self.open_action = action("&Open…", self.open_dialog, Key.Open,
                                  "Open a saved scenario file")
        self.save_action = action("&Save", self.save, Key.Save, "Save the scenario")
        self.save_as_action = action("Save &As…", self.save_as, Key.SaveAs,
                                     "Save the scenario under a new name")
        self.quit_action = action("&Quit", self.close, Key.Quit, "Close EconPlan")
        self.undo_action = self.document.undo_stack.createUndoAction(self, "&Undo")
        self.undo_action.setShortcut(QKeySequence(Key.Undo))
        self.redo_action = self.document.undo_stack.createRedoAction(self, "&Redo")
        # Where the platform's Redo already is Ctrl+Y, listing it twice made the shortcut
        # ambiguous (and dead): keep each sequence once.
        redo_keys = [*QKeySequence.keyBindings(Key.Redo), QKeySequence("Ctrl+Y"),
                     QKeySequence("Ctrl+Shift+Z")]
        self.redo_action.setShortcuts(list({k.toString(): k for k in redo_keys}.values()))
        follow_undo_texts(self.document.undo_stack, self.undo_action, self.redo_action)
        self.about_action = action("&About EconPlan", self.show_about)
        self.tab_actions = []
        for index in range(self.tabs.count()):
            act = action(self.tabs.tabText(index), lambda _=False, i=index:
                         self.tabs.setCurrentIndex(i), f"Ctrl+{index + 1}")
            self.tab_actions.append(act)

    def create_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        file_menu.addAction(self.new_action)
        file_menu.addAction(self.open_action)
        self.examples_action = file_menu.addAction("Open &example…", self.show_examples)
        self.examples_action.setStatusTip("Browse the bundled examples by planner")
        self.recent_menu = file_menu.addMenu("Open &recent")
        self._rebuild_recent_menu()
        file_menu.addSeparator()
        file_menu.addAction(self.save_action)
        file_menu.addAction(self.save_as_action)
        file_menu.addSeparator()
        self.exports = ExportController(self, self.session)
        self.exports.install(file_menu)
        file_menu.addSeparator()
        self.prices = PriceActions(self)
        self.prices.install(file_menu)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)

        edit_menu = self.menuBar().addMenu("&Edit")
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)

        self.create_plan_menu()

        view_menu = self.menuBar().addMenu("&View")
        for act in self.tab_actions:
            view_menu.addAction(act)
        self.create_view_menu(view_menu)

        help_menu = self.menuBar().addMenu("&Help")
        help_menu.addAction(self.about_action)
        self._install_comparison(file_menu, view_menu)

    def _install_comparison(self, file_menu: QMenu, view_menu: QMenu) -> None:
        """View → Compare with baseline, File → Compare with… (desktop/compare_view.py)."""
        self.comparison = ComparisonController(self)
        self.comparison.install(file_menu, view_menu, before=self.quit_action)

    def create_plan_menu(self) -> None:
        plan_menu = self.menuBar().addMenu("&Plan")
        self.properties_action = plan_menu.addAction("&Properties…", self.show_properties)
        self.properties_action.setStatusTip(
            "The plan's title, organisation, author, notes and the planners it uses")
        self.correlated_action = plan_menu.addAction("&Correlated inputs…",
                                                     self.show_correlated_inputs)
        self.correlated_action.setStatusTip(
            "The range inputs that move together in the P10–P90 bands")

    def show_correlated_inputs(self) -> None:
        from econplan.desktop.correlated_inputs_dialog import CorrelatedInputsDialog

        dialog = CorrelatedInputsDialog(self.document, self)
        self.correlated_dialog = dialog  # tests and screenshots reach the open dialog
        dialog.open()

    def show_properties(self) -> None:
        from econplan.desktop.properties_dialog import PropertiesDialog

        dialog = PropertiesDialog(self.document, self)
        self.properties_dialog = dialog  # tests and screenshots reach the open dialog
        dialog.open()

    def show_examples(self) -> None:
        """The example browser (grouped by planner, searchable); opens the one chosen."""
        from econplan.desktop.example_browser import ExampleBrowser, load_examples

        browser = ExampleBrowser(load_examples(self.catalog), self)
        self.example_browser = browser  # tests and screenshots reach the open dialog
        browser.accepted.connect(lambda: self._open_chosen_example(browser))
        browser.open()

    def _open_chosen_example(self, browser) -> None:
        path = browser.chosen_path()
        if path is not None:
            self.open_example(path)

    def create_view_menu(self, view_menu: QMenu) -> None:
        """Presentation, zoom and theme (desktop/appearance.py, desktop/presentation.py)."""
        view_menu.addSeparator()
        self.presentation_action = QAction("&Presentation", self, checkable=True)
        self.presentation_action.setShortcut(QKeySequence("F11"))
        self.presentation_action.setStatusTip("Full screen, large figures, the key inputs only;"
                                              " Esc leaves")
        self.presentation_action.toggled.connect(self.presentation.set_active)
        self.presentation.toggled.connect(self.presentation_action.setChecked)
        self.zoom_in_action = QAction("Zoom &in", self)
        self.zoom_in_action.setShortcuts([QKeySequence.StandardKey.ZoomIn,
                                          QKeySequence("Ctrl++"), QKeySequence("Ctrl+=")])
        self.zoom_in_action.triggered.connect(self.appearance.zoom_in)
        self.zoom_out_action = QAction("Zoom &out", self)
        self.zoom_out_action.setShortcuts([QKeySequence.StandardKey.ZoomOut,
                                           QKeySequence("Ctrl+-")])
        self.zoom_out_action.triggered.connect(self.appearance.zoom_out)
        self.zoom_reset_action = QAction("&Reset zoom", self)
        self.zoom_reset_action.setShortcut(QKeySequence("Ctrl+0"))
        self.zoom_reset_action.triggered.connect(self.appearance.reset_zoom)
        view_actions = [self.presentation_action, self.zoom_in_action, self.zoom_out_action,
                        self.zoom_reset_action]
        for act in view_actions:
            view_menu.addAction(act)
            self.addAction(act)  # shortcuts work with the menu bar hidden (presentation)
        theme_menu = view_menu.addMenu("&Theme")
        self.theme_actions: dict[str, QAction] = {}
        group = QActionGroup(self)
        for mode, text in (("system", "&System"), ("light", "&Light"), ("dark", "&Dark")):
            act = theme_menu.addAction(text)
            act.setCheckable(True)
            act.setChecked(self.appearance.mode == mode)
            act.triggered.connect(lambda _=False, m=mode: self.appearance.set_theme(m))
            group.addAction(act)
            self.theme_actions[mode] = act

    def create_status_bar(self) -> None:
        self.catalog_label = QLabel(self._catalog_summary())
        self.statusBar().addPermanentWidget(self.catalog_label)
        self.statusBar().showMessage("Ready", 3000)

    def _catalog_summary(self) -> str:
        names = self.catalog.table_names()
        rows = sum(self.catalog.row_count(n) for n in names)
        built = self.catalog.meta.get("built_at", "unknown")
        return f"Catalog: {len(names)} tables, {rows} rows (built {built[:10]})"

    # -- file handling --------------------------------------------------------------------

    def _update_title(self, _paths=None) -> None:
        # The plan's own title (Plan → Properties), with its file when it has one.
        path = self.document.path
        name = self.document.scenario.name
        title = f"{name} ({path.name})[*] — EconPlan" if path else f"{name}[*] — EconPlan"
        if title != self.windowTitle():  # document.changed fires on every slider tick
            self.setWindowTitle(title)
        if self.isWindowModified() != self.document.is_modified:  # it re-sets the title
            self.setWindowModified(self.document.is_modified)

    def maybe_save(self) -> bool:
        """True when it is safe to discard the current scenario."""
        if not self.document.is_modified:
            return True
        answer = self.ask_save_changes()
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def ask_save_changes(self) -> QMessageBox.StandardButton:
        buttons = (QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                   | QMessageBox.StandardButton.Cancel)
        return QMessageBox.question(
            self, "Unsaved changes",
            f"Save the changes to “{self.document.scenario.name}” before closing it?",
            buttons, QMessageBox.StandardButton.Save)

    def new_scenario(self) -> None:
        if self.maybe_save():
            self.document.replace(default_scenario(self.catalog), None)
            self.statusBar().showMessage("New plan from the catalog's defaults", 4000)

    def ask_open_path(self) -> str:
        path, _ = QFileDialog.getOpenFileName(self, "Open scenario", self._last_dir(),
                                              SCENARIO_FILTER)
        return path

    def ask_save_path(self) -> str:
        suggested = str(Path(self._last_dir()) / f"{self.document.scenario.name}.json")
        # save_as asks about replacing once it knows the final name (with ".json").
        path, _ = QFileDialog.getSaveFileName(self, "Save scenario", suggested, SCENARIO_FILTER,
                                              options=QFileDialog.Option.DontConfirmOverwrite)
        return path

    def ask_overwrite(self, existing: list[Path]) -> bool:
        return ask_replace(self, existing)

    def open_dialog(self) -> None:
        if not self.maybe_save():
            return
        path = self.ask_open_path()
        if path:
            self.open_path(Path(path))

    def open_path(self, path: Path) -> bool:
        """Open a scenario file; on any problem show it and keep the current scenario."""
        try:
            notes = self.document.open(path, self.catalog)
        except ScenarioFileError as exc:
            self.show_open_error(exc)
            return False
        self._add_recent(path)
        self.statusBar().showMessage(f"Opened {path}", 4000)
        if notes:
            self.show_open_notes(path, notes)
        return True

    def show_open_notes(self, path: Path, notes: list[str]) -> None:
        """Say, without blocking, what changed while opening (a price that is gone)."""
        box = QMessageBox(QMessageBox.Icon.Information, "Opened with a note",
                          f"{path.name} is open. Some prices it used are no longer "
                          "available:", QMessageBox.StandardButton.Ok, self)
        box.setInformativeText("\n\n".join(notes))
        box.setObjectName("openNotesBox")
        box.open()
        self.open_notes_box = box

    def open_example(self, path: Path) -> None:
        if not self.maybe_save():
            return
        try:
            scenario = load_scenario(path, self.catalog)
        except ScenarioFileError as exc:
            self.show_open_error(exc)
            return
        # Opened as untitled so that Save never overwrites the bundled example.
        self.document.replace(scenario, None)
        self.statusBar().showMessage(f"Example “{scenario.name}” opened", 4000)

    def show_open_error(self, error: ScenarioFileError) -> None:
        details = "\n".join(f"• {problem}" for problem in error.problems)
        box = QMessageBox(QMessageBox.Icon.Warning, "Cannot open scenario",
                          f"{error.source} could not be opened. Your current plan is unchanged.",
                          QMessageBox.StandardButton.Ok, self)
        box.setInformativeText(details)
        box.setObjectName("openErrorBox")
        self.last_error_box = box
        box.open()

    def save(self) -> bool:
        if self.document.path is None:
            return self.save_as()
        return self._save_to(self.document.path)

    def save_as(self) -> bool:
        path = self.ask_save_path()
        if not path:
            return False
        if not path.endswith(".json"):
            path += ".json"
        existing = existing_files([Path(path)])
        if existing and not self.ask_overwrite(existing):
            return False
        return self._save_to(Path(path))

    def _save_to(self, path: Path) -> bool:
        try:
            self.document.save(path)
        except OSError as exc:
            QMessageBox.critical(self, "Cannot save",
                                 f"Could not save to {path}:\n{exc.strerror or exc}\n"
                                 "Your plan is still open; choose another location.")
            return False
        self._add_recent(path)
        self.statusBar().showMessage(f"Saved {path}", 4000)
        return True

    # -- recent files and settings --------------------------------------------------------

    def recent_files(self) -> list[str]:
        value = self.settings.value("recentFiles", [])
        if isinstance(value, str):
            value = [value]
        return [str(v) for v in value or []]

    def _add_recent(self, path: Path) -> None:
        entry = str(Path(path).resolve())
        files = [entry] + [f for f in self.recent_files() if f != entry]
        self.settings.setValue("recentFiles", files[:MAX_RECENT_FILES])
        self.settings.setValue("lastDirectory", str(Path(entry).parent))
        self._rebuild_recent_menu()

    def _rebuild_recent_menu(self) -> None:
        menu: QMenu = self.recent_menu
        menu.clear()
        files = self.recent_files()
        for index, name in enumerate(files, 1):
            act = menu.addAction(f"&{index} {menu_text(name)}")
            act.triggered.connect(lambda _=False, p=name: self._open_recent(Path(p)))
        if files:
            menu.addSeparator()
            menu.addAction("Clear list", self._clear_recent)
        menu.setEnabled(bool(files))

    def _open_recent(self, path: Path) -> None:
        if self.maybe_save():
            self.open_path(path)

    def _clear_recent(self) -> None:
        self.settings.setValue("recentFiles", [])
        self._rebuild_recent_menu()

    def _last_dir(self) -> str:
        return str(self.settings.value("lastDirectory", platformdirs.user_documents_dir()))

    def _restore_geometry(self) -> None:
        window_geometry.restore(self, self.settings.value(window_geometry.GEOMETRY_KEY),
                                self.settings.value(window_geometry.STATE_KEY))

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.maybe_save():
            event.ignore()
            return
        self.presentation.set_active(False)  # remember the normal window, not full screen
        self.settings.setValue(window_geometry.GEOMETRY_KEY, self.saveGeometry())
        self.settings.setValue(window_geometry.STATE_KEY, self.saveState())
        self.autosaver.discard()
        event.accept()

    # -- recovery after a crash -----------------------------------------------------------

    def offer_recovery(self) -> bool:
        """Offer the newest autosave a crashed EconPlan left; True when it was restored.

        Older ones stay on disk and are offered at the next start.
        """
        recoveries = find_recoveries(self.autosaver.folder)
        if not recoveries:
            return False
        newest, older = recoveries[0], recoveries[1:]
        for other in older:
            other.lock.unlock()
        if not self.ask_restore(newest):
            newest.discard()
            self.statusBar().showMessage("Autosaved changes discarded", 5000)
            return False
        self.document.replace(newest.scenario, newest.source)
        self.document.undo_stack.resetClean()  # restored work is unsaved until saved
        self.autosaver.save_now()
        newest.discard()
        self.statusBar().showMessage("Unsaved changes restored; save to keep them", 8000)
        return True

    def ask_restore(self, recovery: Recovery) -> bool:
        where = f"of {recovery.source}" if recovery.source else "of an untitled plan"
        box = QMessageBox(QMessageBox.Icon.Question, "Restore unsaved changes?",
                          "EconPlan did not close properly last time. Unsaved changes "
                          f"{where} (“{recovery.scenario.name}”, autosaved "
                          f"{recovery.saved_at}) can be restored.", parent=self)
        restore = box.addButton("Restore", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("Discard", QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(restore)
        box.exec()
        return box.clickedButton() is restore

    # -- messages -------------------------------------------------------------------------

    def _show_rejection(self, path: str, message: str) -> None:
        field = path.removeprefix("training.")
        self.statusBar().showMessage(f"Not applied — {field}: {message}", 10000)

    def show_about(self) -> None:
        QMessageBox.about(
            self, "About EconPlan",
            "<b>EconPlan</b> — offline planning for the economics of AI models.<br>"
            f"{self._catalog_summary()}<br>Figures come from the bundled catalog; each row "
            "carries its source and as-of date (see the Catalog tab).")

