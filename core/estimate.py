"""Low / base / high estimates, propagated through the planners' formulas.

``base`` is the formula evaluated at the midpoint of every input range; low
and high are evaluated at the input ends that make the result smallest and
largest, so a range is carried through rather than collapsed.
"""

from __future__ import annotations

from econplan.core.model_base import CoreModel, midpoint
from pydantic import ConfigDict


class Estimate(CoreModel):
    model_config = ConfigDict(frozen=True)

    low: float
    base: float
    high: float

    @classmethod
    def exact(cls, value: float) -> Estimate:
        return cls(low=value, base=value, high=value)

    @classmethod
    def from_range(cls, low: float, high: float) -> Estimate:
        return cls(low=low, base=midpoint(low, high), high=high)

    def __add__(self, other: Estimate) -> Estimate:
        return Estimate(
            low=self.low + other.low, base=self.base + other.base, high=self.high + other.high
        )

    def __mul__(self, other: Estimate | float) -> Estimate:
        # Only non-negative quantities flow through the planners, so the
        # product of lows is the low and the product of highs the high.
        if isinstance(other, Estimate):
            return Estimate(
                low=self.low * other.low,
                base=self.base * other.base,
                high=self.high * other.high,
            )
        return Estimate(low=self.low * other, base=self.base * other, high=self.high * other)

    __rmul__ = __mul__

    def scale(self, factor: float) -> Estimate:
        return self * factor


def total(estimates: list[Estimate]) -> Estimate:
    result = Estimate.exact(0.0)
    for estimate in estimates:
        result = result + estimate
    return result
