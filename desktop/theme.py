"""One palette for the whole window: widgets, cards, notes, warnings and charts.

Every colour the app paints comes from a ``Palette`` here, so nothing assumes a white
background. ``LIGHT`` and ``DARK`` follow the system colour scheme (or the View → Theme
choice); series colours are Okabe–Ito (colour-blind safe) in both. The current palette
and the text scale (zoom × presentation) live in this module so that a chart built later
(a lazily built tab, a PDF page) is styled like the ones on screen.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QWidget

# Okabe & Ito (2008), "Color Universal Design": told apart under every common colour
# vision deficiency. Black is left out: it is the text colour of the light theme.
OKABE_ITO = {
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
    "grey": "#999999",
}
SERIES_ORDER = ("blue", "orange", "bluish_green", "vermillion", "reddish_purple",
                "sky_blue", "yellow", "grey")
# Whiskers, reference marks and other non-text marks: ≥ 3:1 on both chart backgrounds.
NEUTRAL = "#858585"
WCAG_AA = 4.5  # minimum contrast of normal-size text


@dataclass(frozen=True)
class Palette:
    name: str
    dark: bool
    window: str
    base: str
    alternate_base: str
    text: str
    muted: str  # secondary text (card titles, ranges, notes): still ≥ 4.5:1 on base
    border: str
    button: str
    highlight: str
    highlight_text: str
    link: str
    note_bg: str
    note_fg: str
    note_border: str
    warning_bg: str
    warning_fg: str
    warning_border: str
    good_bg: str
    good_fg: str
    good_border: str
    error_fg: str
    chart_bg: str
    chart_text: str
    chart_axis: str
    chart_grid: str
    chart_band: tuple[str, ...]  # soft backgrounds of bands, lightest first

    def series(self, index: int) -> str:
        return OKABE_ITO[SERIES_ORDER[index % len(SERIES_ORDER)]]


LIGHT = Palette(
    name="light", dark=False,
    window="#f3f3f3", base="#ffffff", alternate_base="#f6f7f9", text="#1a1a1a",
    muted="#4f4f4f", border="#b8b8b8", button="#ececec", highlight="#0a5fa8",
    highlight_text="#ffffff", link="#0a5fa8",
    note_bg="#eef4fb", note_fg="#1d3a5c", note_border="#b9cde4",
    warning_bg="#fff4ce", warning_fg="#5c4400", warning_border="#e0c45c",
    good_bg="#eef6ee", good_fg="#173d17", good_border="#9cc79c",
    error_fg="#a00000",
    chart_bg="#ffffff", chart_text="#1f1f1f", chart_axis="#444444", chart_grid="#e3e3e3",
    chart_band=("#f2f2f2", "#fde0dd", "#fee8c8", "#e5f5e0", "#c7e9c0", "#a1d99b"),
)

DARK = Palette(
    name="dark", dark=True,
    window="#1f2023", base="#17181a", alternate_base="#222428", text="#ececec",
    muted="#b9b9b9", border="#55585e", button="#2c2e33", highlight="#3d8fd6",
    highlight_text="#ffffff", link="#7dbbf0",
    note_bg="#1c2a3a", note_fg="#cfe2f7", note_border="#3b5878",
    warning_bg="#3a3014", warning_fg="#ffe49a", warning_border="#8a7330",
    good_bg="#1b3320", good_fg="#cdeccd", good_border="#3f7a47",
    error_fg="#ff8a80",
    chart_bg="#17181a", chart_text="#e6e6e6", chart_axis="#a8a8a8", chart_grid="#34363b",
    chart_band=("#26282c", "#3b2522", "#3b2f1d", "#1f3321", "#234029", "#2a4d2f"),
)

THEME_MODES = ("system", "light", "dark")


# -- contrast (WCAG 2.x) -------------------------------------------------------------------


def _channel(value: float) -> float:
    return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: QColor | str) -> float:
    c = QColor(colour)
    return (0.2126 * _channel(c.redF()) + 0.7152 * _channel(c.greenF())
            + 0.0722 * _channel(c.blueF()))


def contrast_ratio(foreground: QColor | str, background: QColor | str) -> float:
    a, b = relative_luminance(foreground), relative_luminance(background)
    return (max(a, b) + 0.05) / (min(a, b) + 0.05)


def readable(colour: QColor | str, background: QColor | str,
             minimum: float = WCAG_AA) -> QColor:
    """``colour`` darkened (on light) or lightened (on dark) until it reads on ``background``.

    Keeps the hue, so a series' label still matches its line.
    """
    c = QColor(colour)
    bg_dark = relative_luminance(background) < 0.18
    h, s, lightness, a = c.getHslF()
    h = max(h, 0.0)  # achromatic colours report hue -1
    for _ in range(40):
        if contrast_ratio(c, background) >= minimum:
            return c
        lightness = min(1.0, lightness + 0.03) if bg_dark else max(0.0, lightness - 0.03)
        c = QColor.fromHslF(h, s, lightness, a)
    return c


# -- the current theme and text scale --------------------------------------------------------


@dataclass
class _State:
    palette: Palette = LIGHT
    scale: float = 1.0  # zoom × presentation: multiplies every font and chart text
    headline_px: int = 0  # presentation: headline figures at least this tall (0: no floor)


_state = _State()


def current() -> Palette:
    return _state.palette


def text_scale() -> float:
    return _state.scale


def headline_pixels() -> int:
    return _state.headline_px


def set_current(palette: Palette, scale: float, headline_px: int = 0) -> None:
    _state.palette = palette
    _state.scale = scale
    _state.headline_px = headline_px


@contextlib.contextmanager
def printing() -> Iterator[None]:
    """Light palette at scale 1 while a chart is built for paper, whatever the screen shows."""
    saved = (_state.palette, _state.scale, _state.headline_px)
    set_current(LIGHT, 1.0, 0)
    try:
        yield
    finally:
        set_current(*saved)


def resolve(mode: str, system_dark: bool) -> Palette:
    """The palette of a View → Theme choice ("system" follows the desktop)."""
    if mode == "dark" or (mode == "system" and system_dark):
        return DARK
    return LIGHT


# -- Qt widgets -----------------------------------------------------------------------------


def qpalette(palette: Palette) -> QPalette:
    """The widget palette: with the Fusion style every control honours it."""
    qp = QPalette()
    role = QPalette.ColorRole
    pairs = {
        role.Window: palette.window, role.WindowText: palette.text,
        role.Base: palette.base, role.AlternateBase: palette.alternate_base,
        role.Text: palette.text, role.Button: palette.button, role.ButtonText: palette.text,
        role.ToolTipBase: palette.base, role.ToolTipText: palette.text,
        role.PlaceholderText: palette.muted, role.BrightText: "#ffffff",
        role.Highlight: palette.highlight, role.HighlightedText: palette.highlight_text,
        role.Link: palette.link, role.Light: palette.base, role.Midlight: palette.button,
        role.Mid: palette.border, role.Dark: palette.muted, role.Shadow: "#000000",
    }
    for colour_role, colour in pairs.items():
        qp.setColor(colour_role, QColor(colour))
    disabled = QColor(palette.muted)
    disabled.setAlpha(160)
    for colour_role in (role.WindowText, role.Text, role.ButtonText):
        qp.setColor(QPalette.ColorGroup.Disabled, colour_role, disabled)
    return qp


# The sheet is set on the widgets that use it, not on the application: an application
# sheet makes Qt style every widget through it, which doubled the time a tab took to build.
STYLED_PROPERTY = "econplanStyled"


def styled(widget: QWidget) -> QWidget:
    """Give ``widget`` and its children the current sheet (``style_sheet``); it follows
    every later theme or zoom change (``restyle_sheets``)."""
    widget.setProperty(STYLED_PROPERTY, True)
    restyle_sheets([widget])
    return widget


def set_role(widget: QWidget, role: str) -> QWidget:
    """Style ``widget`` as a ``role`` of the sheet (note, warning, error, card text…)."""
    widget.setProperty("role", role)
    return styled(widget)


def restyle_sheets(widgets: Iterable[QWidget]) -> None:
    """After a theme or zoom change: the current sheet on every widget ``styled`` gave one,
    and every widget with a sheet of its own polished again."""
    sheet = style_sheet(_state.palette, _state.scale)
    for widget in widgets:
        if widget.property(STYLED_PROPERTY):
            if widget.styleSheet() != sheet:
                widget.setStyleSheet(sheet)
        elif widget.styleSheet():
            # A sheet keeps the palette its widget was polished with: the price-date note
            # stayed dark text on the dark theme. (An application sheet re-polished all.)
            style = widget.style()
            style.unpolish(widget)
            style.polish(widget)


@functools.lru_cache(maxsize=16)
def style_sheet(palette: Palette, scale: float) -> str:
    """Cards, notes, warnings and the recommendation box, by object name or ``role``
    (set on widgets with ``styled`` or ``set_role``)."""
    p = palette
    recommendation_pt = round(16 * scale, 1)
    return f"""
QFrame#headlineCard {{ background: {p.base}; border: 1px solid {p.border};
    border-radius: 6px; }}
QLabel[role="cardTitle"] {{ color: {p.muted}; font-weight: 600; }}
QLabel[role="cardDetail"] {{ color: {p.muted}; }}
QLabel[role="note"] {{ color: {p.muted}; padding: 2px 4px; }}
QLabel[role="noteBox"] {{ background: {p.note_bg}; color: {p.note_fg};
    border: 1px solid {p.note_border}; border-radius: 4px; padding: 6px; }}
QLabel[role="warning"] {{ background: {p.warning_bg}; color: {p.warning_fg};
    border: 1px solid {p.warning_border}; border-radius: 4px; padding: 6px; }}
QLabel[role="error"] {{ color: {p.error_fg}; }}
#recommendation {{ background: {p.good_bg}; border: 1px solid {p.good_border};
    border-radius: 6px; }}
#recommendation QLabel {{ color: {p.good_fg}; background: transparent; }}
QLabel[role="recommendationHeadline"] {{ font-size: {recommendation_pt}pt; font-weight: 700; }}
"""
