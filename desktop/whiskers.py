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


def whisker_segments(opts: dict) -> list[Segment]:
    """The line segments an ErrorBarItem with ``opts`` draws, in its order: the bars, then
    the beams at their high ends, then at their low ends (vertical, then horizontal)."""
    x, y = opts["x"], opts["y"]
    if x is None or y is None:
        return []
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    beam = opts["beam"]
    beams = beam is not None and beam > 0
    segments: list[Segment] = []
    height, top, bottom = opts["height"], opts["top"], opts["bottom"]
    if height is not None or top is not None or bottom is not None:
        y1, y2 = _ends(y, height, top, bottom)
        y1, y2 = np.broadcast_to(y1, x.shape), np.broadcast_to(y2, x.shape)
        segments += zip(x.tolist(), y1.tolist(), x.tolist(), y2.tolist(), strict=True)
        if beams:
            x1, x2 = (x - beam / 2.0).tolist(), (x + beam / 2.0).tolist()
            if height is not None or top is not None:
                segments += zip(x1, y2.tolist(), x2, y2.tolist(), strict=True)
            if height is not None or bottom is not None:
                segments += zip(x1, y1.tolist(), x2, y1.tolist(), strict=True)
    width, right, left = opts["width"], opts["right"], opts["left"]
    if width is not None or right is not None or left is not None:
        x1, x2 = _ends(x, width, right, left)
        x1, x2 = np.broadcast_to(x1, y.shape), np.broadcast_to(x2, y.shape)
        segments += zip(x1.tolist(), y.tolist(), x2.tolist(), y.tolist(), strict=True)
        if beams:
            y1, y2 = (y - beam / 2.0).tolist(), (y + beam / 2.0).tolist()
            if width is not None or right is not None:
                segments += zip(x2.tolist(), y1, x2.tolist(), y2, strict=True)
            if width is not None or left is not None:
                segments += zip(x1.tolist(), y1, x1.tolist(), y2, strict=True)
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
