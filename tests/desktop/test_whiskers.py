"""Whiskers draw the segments pyqtgraph's ErrorBarItem draws, for any data and options."""

from __future__ import annotations

import math
from collections import Counter

import numpy as np
import pyqtgraph as pg
from econplan.desktop.whiskers import Whiskers
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtGui import QPainterPath


def segments(path: QPainterPath, with_points: bool = False) -> Counter:
    """The path's straight segments (a move then a line) of some length, counted: Qt's
    ``lineTo`` drops a line to (about) the point it starts from, which draws nothing but a
    pen-width dot that the beams cover in every chart here. ``with_points`` keeps them."""
    found: Counter = Counter()
    start = None
    for i in range(path.elementCount()):
        element = path.elementAt(i)
        point = (round(element.x, 6), round(element.y, 6))
        if element.isMoveTo():
            start = point
        else:
            if with_points or not all(math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)
                                      for a, b in zip(start, point, strict=True)):
                found[(start, point)] += 1
            start = point
    return found


values = st.floats(-1e6, 1e6, allow_nan=False)
spans = st.one_of(st.none(), st.floats(0, 1e3))


@st.composite
def options(draw) -> dict:
    n = draw(st.integers(0, 12))
    arrays = st.lists(values, min_size=n, max_size=n).map(np.array)
    opts = {"x": draw(arrays), "y": draw(arrays), "beam": draw(st.one_of(st.none(), spans))}
    for name in ("height", "top", "bottom", "width", "left", "right"):
        opts[name] = draw(st.one_of(st.none(), st.floats(0, 1e3),
                                    st.lists(st.floats(0, 1e3), min_size=n,
                                             max_size=n).map(np.array)))
    return opts


@given(opts=options())
def test_the_path_has_the_segments_of_pyqtgraphs(qapp, opts):
    ours, theirs = Whiskers(**opts), pg.ErrorBarItem(**opts)
    ours.drawPath()
    theirs.drawPath()
    assert segments(ours.path) == segments(theirs.path)
    if segments(theirs.path, with_points=True) == segments(theirs.path):  # no dots
        assert ours.boundingRect() == theirs.boundingRect()


def test_set_data_draws_the_new_whiskers(qapp):
    whiskers = Whiskers(x=np.array([1.0]), y=np.array([2.0]), top=np.array([0.5]),
                        bottom=np.array([0.25]), beam=0.1)
    first = segments(whiskers.path if whiskers.path is not None else (whiskers.drawPath()
                                                                      or whiskers.path))
    whiskers.setData(x=np.array([3.0]), y=np.array([4.0]), top=np.array([1.0]),
                     bottom=np.array([1.0]))
    whiskers.boundingRect()
    assert segments(whiskers.path) != first
    assert ((3.0, 3.0), (3.0, 5.0)) in segments(whiskers.path)
