"""Error-bar whiskers whose path is built straight from their few segments.

``pg.ErrorBarItem`` builds its path through ``arrayToQPath``, whose numpy set-up is made
for thousands of points; a chart's whiskers are one to a dozen, set again on every tick
of a drag (the plan's whiskers, the cost breakdown's), and building their paths that way
was ~0.15 ms each, several times a tick. The segments and the path are the same
(``tests/desktop/test_whiskers.py`` compares them with pyqtgraph's for any data).
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QPainterPath

Segment = tuple[float, float, float, float]  # x1, y1, x2, y2


def _ends(centre: np.ndarray, whole, plus, minus) -> tuple[np.ndarray, np.ndarray]:
    """The low and high ends around ``centre``, as ErrorBarItem works them out."""
    if whole is not None:
        return centre - whole / 2.0, centre + whole / 2.0
    return (centre if minus is None else centre - minus,
            centre if plus is None else centre + plus)


def _bars(along: np.ndarray, across: np.ndarray, whole, plus, minus, beam,
          vertical: bool) -> list[Segment]:
    """Bars running ``along`` one axis (y for vertical ones) at ``across`` the other: the
    bars, then the beams at their high ends, then at their low ends."""
    low, high = _ends(along, whole, plus, minus)
    low, high = np.broadcast_to(low, across.shape).tolist(), np.broadcast_to(
        high, across.shape).tolist()
    at = across.tolist()
    segments: list[Segment] = list(zip(at, low, at, high, strict=True))
    if beam is not None and beam > 0:
        first, last = (across - beam / 2.0).tolist(), (across + beam / 2.0).tolist()
        if whole is not None or plus is not None:
            segments += zip(first, high, last, high, strict=True)
        if whole is not None or minus is not None:
            segments += zip(first, low, last, low, strict=True)
    # Worked out as (across, along, across, along): horizontal bars swap back to (x, y).
    return segments if vertical else [(b, a, d, c) for a, b, c, d in segments]


def whisker_segments(opts: dict) -> list[Segment]:
    """The line segments an ErrorBarItem with ``opts`` draws, in its order: vertical bars
    and their beams, then horizontal ones."""
    x, y = opts["x"], opts["y"]
    if x is None or y is None:
        return []
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    segments: list[Segment] = []
    if any(opts[name] is not None for name in ("height", "top", "bottom")):
        segments += _bars(y, x, opts["height"], opts["top"], opts["bottom"], opts["beam"],
                          vertical=True)
    if any(opts[name] is not None for name in ("width", "right", "left")):
        segments += _bars(x, y, opts["width"], opts["right"], opts["left"], opts["beam"],
                          vertical=False)
    return segments


class Whiskers(pg.ErrorBarItem):
    """An ``ErrorBarItem`` (same options, same drawing) for a few whiskers set often."""

    def drawPath(self) -> None:
        path = QPainterPath()
        for x1, y1, x2, y2 in whisker_segments(self.opts):
            if math.isfinite(x1 + y1 + x2 + y2):  # a gap, as arrayToQPath leaves one
                path.moveTo(x1, y1)
                path.lineTo(x2, y2)
        self.path = path
        self.prepareGeometryChange()
