"""Human-readable numbers shared by the window, the CLI and the report."""

from __future__ import annotations

import math

_SUFFIXES = ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K"))


def _trim(value: float, digits: int) -> str:
    text = f"{value:.{digits}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _significant(value: float, digits: int) -> str:
    text = f"{value:.{digits}g}"
    if "e" in text:  # e.g. 999.7 at 3 digits rounds to 1e+03
        text = f"{value:.0f}"
    return text


def compact(value: float, digits: int = 3) -> str:
    """1234567 -> '1.23M': ``digits`` significant digits and a K/M/B/T suffix."""
    if value is None or not math.isfinite(value):
        return "—"
    value = float(f"{value:.{digits}g}")  # round first so 999.7K becomes 1M, not 1000K
    magnitude = abs(value)
    for threshold, suffix in _SUFFIXES:
        if magnitude >= threshold:
            return _significant(value / threshold, digits) + suffix
    if magnitude == 0:
        return "0"
    return _significant(value, digits)


def usd(value: float, digits: int = 3) -> str:
    if value is None or not math.isfinite(value):
        return "—"
    sign = "-" if value < 0 else ""
    magnitude = abs(value)
    if magnitude >= 1e3:
        return f"{sign}${compact(magnitude, digits)}"
    if magnitude >= 1 or magnitude == 0:
        return f"{sign}${magnitude:,.2f}".replace(".00", "")
    return f"{sign}${magnitude:.{digits}g}"


def small_usd(value: float | None) -> str:
    """Dollars, with fractions of a cent written out (no scientific notation)."""
    if value is None or not math.isfinite(value):
        return "—"
    if value == 0 or abs(value) >= 0.001:
        return usd(value)
    decimals = 1 - math.floor(math.log10(abs(value)))  # two significant digits
    text = f"{abs(value):.{decimals}f}".rstrip("0").rstrip(".")
    return f"{'-' if value < 0 else ''}${text}"


def usd_range(low: float, high: float, digits: int = 3) -> str:
    return range_text(low, high, lambda value: usd(value, digits))


def scientific(value: float, digits: int = 2) -> str:
    """3.36e23 -> '3.36 × 10²³' (the seeds' notation for FLOPs)."""
    if value is None or not math.isfinite(value) or value == 0:
        return "—" if value != 0 else "0"
    exponent = math.floor(math.log10(abs(value)))
    mantissa = value / 10**exponent
    superscript = str(exponent).translate(str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹"))
    return f"{_trim(mantissa, digits)} × 10{superscript}"


def hours(value: float) -> str:
    return f"{compact(value)} h"


def duration_days(days: float) -> str:
    if days is None or not math.isfinite(days):
        return "—"
    if days < 1:
        return f"{_trim(days * 24, 1)} h"
    if days < 60:
        return f"{_trim(days, 1)} days"
    return f"{_trim(days / 30.44, 1)} months"


def range_text(low: float, high: float, fmt=compact, separator: str = " – ") -> str:
    """The one range formatter: 'low – high', or one figure when both ends agree."""
    if math.isclose(low, high, rel_tol=1e-9):
        return fmt(low)
    return f"{fmt(low)}{separator}{fmt(high)}"
