"""Cards with bands: the P50 as the value and the P10–P90 band under it, said in words.

A presenter hands its cards and the figure each shows; without an
``Uncertainty`` (or where the figure has no spread: nothing in it is a range)
the cards come back unchanged. The deterministic low–high moves to the
tooltip, so it stays one hover away; the tables keep it as before.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from econplan.core.report_blocks import Card

if TYPE_CHECKING:
    from econplan.core.uncertainty import Band, Uncertainty

Formatter = Callable[[float | None], str]


def band_text(band: Band, fmt: Formatter) -> str:
    """'P50 · P10–P90 $0.50B–$1.50B': which percentile the value is, and the band."""
    return f"P50 · P10–P90 {fmt(band.p10)}–{fmt(band.p90)}"


def with_bands(cards: list[Card], uncertainty: Uncertainty | None,
               figures: dict[str, tuple[str, Formatter]]) -> list[Card]:
    """``figures``: card key -> (figure id, formatter of a value, None meaning never)."""
    if uncertainty is None:
        return cards
    result = []
    for card in cards:
        band = uncertainty.band(figures[card.key][0]) if card.key in figures else None
        if band is None or band.is_point:
            result.append(card)
            continue
        fmt = figures[card.key][1]
        ranges = f"Low–high of the input ranges: {card.range_text}. " if card.range_text else ""
        never = (f" In {band.never_share:.0%} of the draws it never happens."
                 if band.never_share > 0 else "")
        tooltip = (f"{card.tooltip} " if card.tooltip else "") + (
            f"{ranges}P50 is the median of {uncertainty.draws:,} Monte Carlo draws of the "
            f"input ranges; 8 in 10 draws fall between P10 and P90.{never}")
        result.append(card.model_copy(update={
            "value": fmt(band.p50), "range_text": band_text(band, fmt), "tooltip": tooltip}))
    return result


def never_or(fmt: Callable[[float], str]) -> Formatter:
    return lambda value: "never" if value is None else fmt(value)
