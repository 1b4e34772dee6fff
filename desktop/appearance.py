"""Theme, zoom and presentation scale, applied to the whole application at once.

One ``Appearance`` per application (``Appearance.instance()``): it resolves the palette
(View → Theme, or the system colour scheme), the text scale (View → Zoom × presentation)
and pushes them to Qt (palette, font, style sheet) and to every chart and card on screen.
The theme choice and the zoom are remembered in QSettings.
"""

from __future__ import annotations

import pyqtgraph as pg
from econplan.desktop import focus_ring, theme
from econplan.desktop.cards import HeadlineCard
from econplan.desktop.chart_theme import style_chart
from PySide6.QtCore import QObject, QSettings, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

ZOOM_STEPS = (0.8, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0, 2.5)
THEME_KEY = "view/theme"
ZOOM_KEY = "view/zoom"
# Presentation: headline figures are this share of the screen height (the brief asks ≥ 5%).
HEADLINE_SHARE = 0.055
PRESENTATION_REFERENCE_HEIGHT = 720  # text at 100% reads well on a 720-pixel-high screen


def presentation_scale(screen_height: int) -> float:
    """Text scale on a projector: grows with the screen, never below 1.25."""
    return max(1.25, screen_height / PRESENTATION_REFERENCE_HEIGHT)


class Appearance(QObject):
    changed = Signal()

    _instance: Appearance | None = None

    def __init__(self, app: QApplication):
        super().__init__(app)
        self.app = app
        settings = QSettings()
        mode = str(settings.value(THEME_KEY, "system"))
        self.mode = mode if mode in theme.THEME_MODES else "system"
        try:
            zoom = float(settings.value(ZOOM_KEY, 1.0))
        except (TypeError, ValueError):
            zoom = 1.0
        self.zoom = min(ZOOM_STEPS, key=lambda step: abs(step - zoom))
        self.presentation_height = 0  # the screen's height while presenting, else 0
        # The font at 100%, recorded once per application: a later instance (a test, a
        # second window) must not take an already zoomed font for its base.
        base = app.property("econplan_base_font_pt")
        if base is None:
            base = app.font().pointSizeF() if app.font().pointSizeF() > 0 else 10.0
            app.setProperty("econplan_base_font_pt", base)
        self._base_font_pt = float(base)
        self._applied: tuple | None = None
        # A ring ≥ 2 px in the highlight colour around the focused control.
        self.focus_ring = focus_ring.install(app)
        hints = QGuiApplication.styleHints()
        if hasattr(hints, "colorSchemeChanged"):
            hints.colorSchemeChanged.connect(lambda *_: self.apply())

    @classmethod
    def instance(cls) -> Appearance:
        app = QApplication.instance()
        if cls._instance is None or cls._instance.app is not app:
            cls._instance = cls(app)
        return cls._instance

    # -- what it is --------------------------------------------------------------------------

    @staticmethod
    def system_dark() -> bool:
        return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark

    def palette(self) -> theme.Palette:
        return theme.resolve(self.mode, self.system_dark())

    def scale(self) -> float:
        if self.presentation_height:
            return self.zoom * presentation_scale(self.presentation_height)
        return self.zoom

    def headline_pixels(self) -> int:
        return round(HEADLINE_SHARE * self.presentation_height) if self.presentation_height else 0

    # -- changing it -------------------------------------------------------------------------

    def set_theme(self, mode: str) -> None:
        if mode not in theme.THEME_MODES:
            raise ValueError(f"theme must be one of {theme.THEME_MODES}, not {mode!r}")
        self.mode = mode
        QSettings().setValue(THEME_KEY, mode)
        self.apply()

    def set_zoom(self, zoom: float) -> None:
        self.zoom = min(max(zoom, ZOOM_STEPS[0]), ZOOM_STEPS[-1])
        QSettings().setValue(ZOOM_KEY, self.zoom)
        self.apply()

    def zoom_in(self) -> None:
        self.set_zoom(next((s for s in ZOOM_STEPS if s > self.zoom + 1e-9), ZOOM_STEPS[-1]))

    def zoom_out(self) -> None:
        self.set_zoom(next((s for s in reversed(ZOOM_STEPS) if s < self.zoom - 1e-9),
                           ZOOM_STEPS[0]))

    def reset_zoom(self) -> None:
        self.set_zoom(1.0)

    def set_presentation_height(self, height: int) -> None:
        self.presentation_height = max(0, int(height))
        self.apply()

    # -- pushing it to Qt --------------------------------------------------------------------

    def apply(self, force: bool = False) -> None:
        palette, scale, headline = self.palette(), self.scale(), self.headline_pixels()
        theme.set_current(palette, scale, headline)
        key = (palette.name, round(scale, 4), headline)
        if key != self._applied or force:
            self._applied = key
            self.app.setStyle("Fusion")  # the one style that honours a palette everywhere
            self.app.setPalette(theme.qpalette(palette))
            font = self.app.font()
            font.setPointSizeF(self._base_font_pt * scale)
            self.app.setFont(font)
            pg.setConfigOptions(background=palette.chart_bg, foreground=palette.chart_text)
            for window in self.app.topLevelWidgets():
                restyle(window)
            self.focus_ring.refresh()  # the new colour and thickness
        self.changed.emit()


def restyle(root: QWidget) -> None:
    """Every chart and card under ``root`` in the current theme and scale."""
    if root.testAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen):
        return  # a chart being drawn for paper keeps its light style
    # What lives under the window, not allWidgets(): that also wraps every widget closed
    # windows left for deletion, and the suite crashed once inside it.
    theme.restyle_sheets([root, *root.findChildren(QWidget)])
    plots = root.findChildren(pg.PlotWidget)
    if isinstance(root, pg.PlotWidget):
        plots.append(root)
    for plot in plots:
        if hasattr(plot, "chart_title"):
            style_chart(plot)
    for card in root.findChildren(HeadlineCard):
        card.apply_scale()
