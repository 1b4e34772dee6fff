"""What every planner tab shares: bound inputs on the left, results on the right, live.

A subclass names its ``PLANNER_ID``, builds ``_build_inputs_column()`` (the
input groups) and ``_build_results()``, and shows what the plan session hands
it in ``_show_result(result)`` / ``_show_problem(message)``. This class wires
the document (field refreshes), the session (fresh results, coalesced, only
while the tab is on screen) and the tooltips that cite each default's source.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from econplan.core.catalog import Catalog
from econplan.core.defaults import default_sources
from econplan.core.plan import PlannerId
from econplan.core.planner_ids import PLANNER_TITLES
from econplan.core.source_documents import readable_sources
from econplan.desktop import theme
from econplan.desktop.cards import HeadlineCard
from econplan.desktop.chart_bands import band_charts, show_chart_bands
from econplan.desktop.document import ScenarioDocument
from econplan.desktop.fields import (
    CheckField,
    NumberField,
    RangeField,
    label_form_inputs,
    shows_any,
)
from econplan.desktop.plan_session import PlanSession
from econplan.desktop.price_age import PRICED_PLANNERS, PriceAgeNote
from econplan.desktop.sensitivity_panel import SensitivityPanel
from econplan.desktop.steady_note import SteadyNote, SteadyPane
from econplan.desktop.tables import read_only_table  # noqa: F401 (the tabs' shared table)
from econplan.desktop.wrapped_label import WrappedLabel
from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from econplan.desktop.edit_burst import EditBurst
    from econplan.desktop.presentation import InputReducer


def form_group(title: str) -> tuple[QGroupBox, QFormLayout]:
    group = QGroupBox(title)
    form = QFormLayout(group)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return group, form


def note_label(text: str) -> QLabel:
    label = WrappedLabel(text)
    theme.set_role(label, "note")
    return label


def warning_note() -> SteadyNote:
    """A hidden yellow box for warnings and planner errors (never a dialog in the way)."""
    label = WrappedLabel()
    theme.set_role(label, "warning")
    return SteadyNote(label)


class InputScrollArea(QScrollArea):
    """The inputs column, scrolling down, always wide enough for its widest row.

    The width is measured again when the font changes (zoom, presentation), so a larger
    text never clips a unit or a number box, and when the column's own minimum width
    changes after that: the rows take a new font over two passes of the event loop (the
    group boxes last), and measured at the first the column kept presentation's width.
    """

    fitted = Signal()  # the width was measured again

    def __init__(self, column: QWidget):
        super().__init__()
        self.setWidget(column)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setAccessibleName("Inputs")
        # Not a Tab stop of its own (it showed no focus): Tab goes straight to the inputs,
        # and the scroll area keeps the focused one in view.
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._fitted_shown = False
        self._measured = -1  # the column's minimum width at the latest fit
        self._refit_queued = False
        column.installEventFilter(self)
        self.fit_width()

    def fit_width(self) -> None:
        column = self.widget()
        # Labels and number boxes were given pixel minimums at the font of their birth;
        # a larger font needs larger ones or "low", units and digits are cut.
        # Measured from the minimum each was born with, so a smaller font (leaving
        # presentation, a zoom back to 100%) narrows the column again.
        for widget in column.findChildren(QWidget):
            if isinstance(widget, (QLabel, QAbstractSpinBox)) and widget.minimumWidth() > 0:
                base = getattr(widget, "_econplan_base_width", None)
                if base is None:
                    base = widget._econplan_base_width = widget.minimumWidth()
                needed = max(base, widget.sizeHint().width())
                if widget.minimumWidth() != needed:
                    widget.setMinimumWidth(needed)
        column.layout().activate()
        self._measured = column.minimumSizeHint().width()
        width = max(self._measured, column.minimumWidth())
        self.setMinimumWidth(width + self.verticalScrollBar().sizeHint().width() + 4)
        self.fitted.emit()

    def eventFilter(self, watched, event: QEvent) -> bool:
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest \
                and not self._refit_queued:
            self._refit_queued = True
            QTimer.singleShot(0, self, self._refit_if_changed)
        return super().eventFilter(watched, event)

    def _refit_if_changed(self) -> None:
        self._refit_queued = False
        if self.widget().minimumSizeHint().width() != self._measured:
            self.fit_width()

    def showEvent(self, event: QShowEvent) -> None:
        # Measured again as shown, before the first paint: rows built hidden size
        # themselves when first laid out (a tab built before its first show cut its units).
        if not self._fitted_shown:
            self._fitted_shown = True
            self.fit_width()
        super().showEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            QTimer.singleShot(0, self, self.fit_width)  # once the rows have taken the new font


def input_scroll_area(column: QWidget) -> QScrollArea:
    return InputScrollArea(column)


class FittedPage(QWidget):
    """The results page, as tall as the scroll area shows, or its minimum when that is
    taller.

    A scroll area sizes a page whose cards wrap their text to the page's preferred height
    for its width: the charts' preferred heights, ~1,200 px, which on a 1366×768 laptop
    put the lower half of every chart below the fold. Asked for its minimum instead, the
    page fits the screen, and the charts share what the cards leave, never below their
    readable minimum (then the page scrolls).
    """

    def __init__(self, panel: QWidget):
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(panel)

    def heightForWidth(self, width: int) -> int:
        # Wrapped notes and cards at this width, the charts and tables at their minimum.
        return max(self.layout().totalMinimumHeightForWidth(width),
                   self.minimumSizeHint().height())


def results_scroll_area(panel: QWidget) -> QScrollArea:
    scroll = QScrollArea()
    scroll.setWidget(FittedPage(panel))
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QScrollArea.Shape.NoFrame)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
    scroll.setMinimumWidth(280)  # with the inputs, fits 1280×720 at QT_SCALE_FACTOR=1.5
    scroll.setAccessibleName("Results")
    scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the tables and charts inside
    return scroll


class PlannerTab(QWidget):
    """Base of the planner tabs; see the module docstring."""

    # Scenario sections whose edits change this tab; edits elsewhere (another tab's
    # slider drag) neither refresh its fields nor recompute its plan.
    WATCHES: tuple[str, ...] = ()
    PLANNER_ID: PlannerId

    def __init__(self, document: ScenarioDocument, catalog: Catalog,
                 parent: QWidget | None = None, session: PlanSession | None = None):
        super().__init__(parent)
        self.document = document
        self.catalog = catalog
        # A tab made on its own (a test, a script) gets a session of its own.
        self.session = session if session is not None else PlanSession(document, catalog)
        self.result: Any = None
        # Citations of the default values, read per section when a field of it is built.
        self._sources: dict[str, str] = {}
        self._cited_sections: set[str] = set()
        self._fields: list[Any] = []
        # Zero-delay single shot: every change queued in one pass of the event loop
        # (a drag's mouse moves) shows once, the latest winning, without waiting a frame.
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(0)
        self._refresh_timer.timeout.connect(self.recompute)
        self._out_of_date = False
        self._inputs_out_of_date = False
        self._bands_on_charts = False  # P10–P90 bands drawn on this tab's charts
        self._band_charts: list = []  # the charts that draw bands, found in _assemble
        self.price_age: PriceAgeNote | None = None
        self._presenting: InputReducer | None = None

    def _assemble(self) -> None:
        """Lay out inputs and results; call once the subclass's own state exists."""
        splitter = self._splitter = QSplitter(Qt.Orientation.Horizontal)
        self._inputs_column = self._build_inputs_column()
        inputs = self._inputs_scroll = input_scroll_area(self._inputs_column)
        # The splitter's widths before presentation, given back as soon as the column's
        # minimum allows them (unless the user drags the splitter first).
        self._sizes_before_presenting: list[int] | None = None
        inputs.fitted.connect(self._inputs_fitted)
        splitter.splitterMoved.connect(self._forget_sizes_before_presenting)
        splitter.addWidget(inputs)
        # The results scroll too: on a short screen (1280×720, a 150% scale) the window
        # fits and the cards, charts and tables keep their readable sizes.
        # The sensitivity drawer sits under the scrolling results, not inside them: open, it
        # takes its share of the height instead of making the results scroll.
        results = self._build_results()
        # Found once: walking the tab's widget tree for them took ~0.8 ms of every tick.
        self._band_charts = band_charts(results)
        splitter.addWidget(self._with_sensitivity(results_scroll_area(results)))
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([inputs.minimumWidth(), 1000])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(splitter, 1)
        if self.PLANNER_ID in PRICED_PLANNERS:
            self.price_age = PriceAgeNote(self.document, self.catalog, self.PLANNER_ID)
            layout.addWidget(self.price_age)
        self.setAccessibleName(PLANNER_TITLES[self.PLANNER_ID])
        label_form_inputs(self)  # accessible names and human undo texts from the labels

    def _with_sensitivity(self, results: QWidget) -> QWidget:
        """The results with the sensitivity drawer under them (closed until asked for)."""
        self.sensitivity = SensitivityPanel(self, self._build_sensitivity_extra())
        panel = QSplitter(Qt.Orientation.Vertical)  # the user sets the drawer's share
        panel.addWidget(results)
        panel.addWidget(self.sensitivity)
        panel.setStretchFactor(0, 1)
        panel.setChildrenCollapsible(False)
        return panel

    def _build_sensitivity_extra(self) -> QWidget | None:
        """A planner's own panel beside its tornado (the break-even what-ifs); none here."""
        return None

    def _start(self) -> None:
        """Follow the document and the session, and show the first result."""
        self.document.changed.connect(self._document_changed)
        self.session.invalidated.connect(self._plan_invalidated)
        self.session.uncertainty_changed.connect(self._uncertainty_changed)
        self.session.uncertainty_dropped.connect(self._drop_chart_bands)
        self._update_visibility()
        self.recompute()

    # -- to override ----------------------------------------------------------------------

    def _build_inputs_column(self) -> QWidget:
        raise NotImplementedError

    def _build_results(self) -> QWidget:
        raise NotImplementedError

    def _show_result(self, result: Any) -> None:
        raise NotImplementedError

    def _show_problem(self, message: str) -> None:
        """The planner refused the inputs: blank every card, say why in the warning box."""
        for card in self.findChildren(HeadlineCard):
            card.set_values("—", "")
        self.warnings.show_text(f"Cannot plan: {message}")

    def _add_warnings(self, layout: QVBoxLayout) -> None:
        """The warning box, next in ``layout`` (``warning_label`` is its text)."""
        self.warnings = warning_note()
        self.warning_label = self.warnings.label
        layout.addWidget(self.warnings)

    def _keep_charts_steady(self, charts: QWidget, below: QWidget,
                            *notes: SteadyNote) -> None:
        """The warning box (and ``notes``) take the room they grow by from ``below``, not
        from ``charts``, during a burst of edits (steady_note.SteadyPane)."""
        pane = SteadyPane(charts, below)
        for note in (self.warnings, *notes):
            note.make_room_from(pane)

    def _show_warnings(self, warnings: list[str]) -> None:
        self.warnings.show_text("\n".join(f"⚠ {w}" for w in warnings))

    def _update_visibility(self) -> None:
        """Show the inputs that apply to the current choices (nothing by default)."""

    # -- building helpers -----------------------------------------------------------------

    def _tip(self, path: str, text: str) -> str:
        section = path.split(".", 1)[0]
        if section not in self._cited_sections:  # this section's tables, not every planner's
            self._cited_sections.add(section)
            self._sources.update(default_sources(self.catalog, (section,)))
        # A field inherits the citation of the nearest cited parent (a range's low/high).
        parts = path.split(".")
        while parts and ".".join(parts) not in self._sources:
            parts.pop()
        source = self._sources.get(".".join(parts)) if parts else None
        return readable_sources(f"{text}\nDefault from: {source}" if source else text)

    def _track(self, field):
        self._fields.append(field)
        return field

    def _number(self, path: str, unit: str, slider_range, text: str, **kwargs) -> NumberField:
        return self._track(NumberField(self.document, path, unit, slider_range,
                                       tooltip=self._tip(path, text), **kwargs))

    def _range(self, path: str, unit: str, slider_range, text: str, **kwargs) -> RangeField:
        return self._track(RangeField(self.document, path, unit, slider_range,
                                      tooltip=self._tip(path, text), **kwargs))

    def _check(self, path: str, text: str, tip: str) -> QCheckBox:
        return self._track(CheckField(self.document, path, text, self._tip(path, tip)))

    _form_group = staticmethod(form_group)
    _note = staticmethod(note_label)

    # -- behaviour ------------------------------------------------------------------------

    @property
    def edit_burst(self) -> EditBurst:
        """The document's burst of edits (the session's), which the tab's charts follow."""
        return self.session.edit_burst

    def field(self, path: str):
        """The input widget bound to a scenario path (a RangeField for a range)."""
        return next(f for f in self._fields if f.path == path)

    def watches(self, paths) -> bool:
        """Whether a change of ``paths`` (None: everything) concerns this tab."""
        return paths is None or any(p.split(".", 1)[0] in self.WATCHES for p in paths)

    def recompute(self) -> None:
        """Show the session's current outcome for this tab's planner."""
        self._refresh_timer.stop()
        self._out_of_date = False
        outcome = self.session.outcome(self.PLANNER_ID)
        self.result = outcome.result
        if outcome.problem is not None:
            self._show_problem(outcome.problem)
        else:
            self._show_result(outcome.result)
            if self.session.uncertainty is not None:  # drawn before this tab was shown
                self._set_chart_bands(self.session.uncertainty)
            elif self._bands_on_charts:  # dropped by the edit, in this same repaint
                self._set_chart_bands(None)
            self.session.request_uncertainty()
        if self.price_age is not None:
            self.price_age.schedule()
        self.sensitivity.schedule()

    def is_covered(self) -> bool:
        """True while another page of the tab widget holding this tab is on screen.

        Only then can a refresh wait for ``showEvent``: a window that is not shown yet
        gets no show event for a page switch, so its pages refresh at once.
        """
        # The page stack's Python wrapper is held, not asked for afresh: a wrapper made and
        # released on every call cost ~0.5 ms (Shiboken's release walks the wrapped widgets
        # beneath it; ~15 ms beside the largest routing tables), three or four calls a tick.
        self._page_stack = stack = self.parentWidget()
        return (isinstance(stack, QStackedWidget) and stack.currentWidget() is not self
                and stack.isVisible())

    def _document_changed(self, paths) -> None:
        if not self.watches(paths):
            return
        if self.is_covered():
            # Inputs nobody sees catch up when the tab is shown, before its first paint.
            self._inputs_out_of_date = True
            return
        self._refresh_inputs(paths)

    def _refresh_inputs(self, paths=None) -> None:
        """Show the document's values in the inputs an edit of ``paths`` concerns (None:
        every input of the tab). Refreshing all ~50 inputs of a tab was ~1 ms of every
        slider tick; a tick's edit concerns one or two."""
        self._inputs_out_of_date = False
        for field in self._fields:
            if paths is None or shows_any(field, paths):
                field.refresh()
        if self._presenting is not None:  # a choice may change which key inputs apply
            self._presenting.restore()
        self._update_visibility()
        if self._presenting is not None:
            self._presenting.reduce()

    def _plan_invalidated(self, planner_ids: frozenset) -> None:
        if self.PLANNER_ID not in planner_ids:
            return
        if self.is_covered():
            self._out_of_date = True  # caught up in showEvent, before the first paint
        else:
            self._refresh_timer.start()

    def _uncertainty_changed(self, _uncertainty) -> None:
        """The bands arrived: show them on the cards (now, or when the tab is shown)."""
        if self.result is None:
            return
        if self.is_covered():
            self._out_of_date = True
        else:
            self._show_bands()

    def _set_chart_bands(self, uncertainty) -> None:
        show_chart_bands(self._band_charts, uncertainty)
        self._bands_on_charts = uncertainty is not None

    def _drop_chart_bands(self) -> None:
        """An edit made the bands stale: off the charts, back when the draws are in. A tab
        the edit replans drops them in its recompute, so each chart repaints once."""
        if self._bands_on_charts and not self.session.is_stale(self.PLANNER_ID):
            self._set_chart_bands(None)

    def _show_bands(self) -> None:
        """Only the cards and the distribution view carry the bands: update those, not
        the other charts and tables (a chart repaint costs more than the cards)."""
        from econplan.desktop.uncertainty_charts import DistributionChart

        uncertainty = self.session.uncertainty
        presenter = importlib.import_module(f"econplan.core.{self.PLANNER_ID}_presenter")
        shown = presenter.present(self.result, tables=False, uncertainty=uncertainty).readable()
        by_label = {card.label: card for card in shown.cards}
        for widget in self.findChildren(HeadlineCard):
            card = by_label.get(widget.title_label.text())
            if card is not None:
                widget.show_card(card)
        for chart in self.findChildren(DistributionChart):
            chart.show_uncertainty(uncertainty)
        self._set_chart_bands(uncertainty)

    # -- presentation mode -------------------------------------------------------------------

    def presentation_fields(self) -> list:
        """The few inputs kept in presentation mode (desktop/presentation.py KEY_INPUTS)."""
        from econplan.desktop.presentation import KEY_INPUTS

        keys = KEY_INPUTS.get(self.PLANNER_ID, ())
        return [f for path in keys for f in self._fields if f.path == path]

    def set_presenting(self, on: bool) -> None:
        """Inputs reduced to ``presentation_fields`` (on) or all back (off)."""
        from econplan.desktop.presentation import InputReducer

        if on and self._presenting is None:
            self._sizes_before_presenting = self._splitter.sizes()
            self._presenting = InputReducer(self._inputs_column, self.presentation_fields())
            self._presenting.reduce()
        elif not on and self._presenting is not None:
            self._presenting.restore()
            self._presenting = None
            self._update_visibility()

    def _inputs_fitted(self) -> None:
        saved = self._sizes_before_presenting
        if self._presenting is None and saved is not None:
            self._splitter.setSizes(saved)
            # Held up by a minimum not yet back to normal: tried again at the next fit.
            if self._splitter.sizes()[0] <= saved[0]:
                self._sizes_before_presenting = None

    def _forget_sizes_before_presenting(self, *_args) -> None:
        self._sizes_before_presenting = None

    def showEvent(self, event: QShowEvent) -> None:
        if self._inputs_out_of_date:
            self._refresh_inputs()
        if self._out_of_date:
            self.recompute()
        super().showEvent(event)
