"""Chart items drawn from a pixmap of themselves on screen, and as vectors when exported.

A tick that moves a point, a bar or a line repaints the strips of the plot it leaves and
enters, and every item under them draws itself again: an axis replays each tick label's
text layout, a curve strokes all its segments. Items that a tick does not change keep
their pixels instead (``QGraphicsItem.DeviceCoordinateCache``): pyqtgraph updates an item,
and so its pixmap, whenever it draws it differently (a new range, size, pen or text).

An export (the PDF proposal, a chart saved as SVG or PNG) first sets every item's export
mode; a kept item then draws itself again, so the PDF gets vector text the reader can zoom
into, not a pixmap.
"""

from __future__ import annotations

import weakref

from PySide6.QtWidgets import QGraphicsItem

_ON_SCREEN = QGraphicsItem.CacheMode.DeviceCoordinateCache
_EXPORTED = QGraphicsItem.CacheMode.NoCache


def keep_pixels_on_screen(*items: QGraphicsItem) -> None:
    """Draw each of ``items`` from a pixmap on screen and as itself when exported."""
    for item in items:
        item.setCacheMode(_ON_SCREEN)
        if "setExportMode" in vars(item):  # kept already
            continue
        # An item pyqtgraph does not export itself (a title's text item) only switches.
        export_mode = getattr(type(item), "setExportMode", None)
        # Held weakly: the item holding a function that holds it would be a reference
        # cycle, freed only by the cycle collector.
        held = weakref.ref(item)

        def set_export_mode(export: bool, opts: dict | None = None, held=held,
                            export_mode=export_mode):
            item = held()
            if item is not None:
                item.setCacheMode(_EXPORTED if export else _ON_SCREEN)
                if export_mode is not None:
                    export_mode(item, export, opts)

        item.setExportMode = set_export_mode


def keep_axes_on_screen(plot) -> None:
    """The left and bottom axes of a ``pg.PlotWidget``, kept as pixels."""
    item = plot.getPlotItem()
    keep_pixels_on_screen(item.getAxis("left"), item.getAxis("bottom"))
