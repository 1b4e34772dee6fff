"""Distributions of a range input, sampled by inverse CDF from one uniform draw.

Every input the scenario holds as a low–high range is a distribution between
its two ends. Sampling goes through the inverse CDF of a uniform number ``u``
in [0, 1): the low and high ends of one range are one draw (a single ``u``),
and inputs grouped to "move together" share their ``u``, so they sit at the
same quantile of their own distributions in every draw.

Pure numpy, no Qt; every function takes and returns arrays of any shape.
"""

from __future__ import annotations

from typing import Literal

import numpy as np

DistributionKind = Literal["uniform", "log_uniform", "triangular"]
DISTRIBUTION_KINDS: tuple[DistributionKind, ...] = ("uniform", "log_uniform", "triangular")
DISTRIBUTION_LABELS: dict[DistributionKind, str] = {
    "uniform": "Uniform",
    "log_uniform": "Log-uniform",
    "triangular": "Triangular",
}
# A range whose high end is at least this multiple of its low end spans orders of
# magnitude: every value in it is as likely as any other only on a log scale.
LOG_UNIFORM_RATIO = 3.0


def default_kind(low: float, high: float, has_mode: bool) -> DistributionKind:
    """Triangular where a source gives a central figure, log-uniform where the range is
    wide (high/low ≥ 3), uniform otherwise."""
    if has_mode:
        return "triangular"
    if low > 0 and high / low >= LOG_UNIFORM_RATIO:
        return "log_uniform"
    return "uniform"


def effective_kind(kind: DistributionKind, low: float, high: float,
                   mode: float | None) -> DistributionKind:
    """The kind actually sampled: a log-uniform range needs a positive low end and a
    triangular one a central figure inside the range; otherwise it is uniform."""
    if kind == "log_uniform" and not low > 0:
        return "uniform"
    if kind == "triangular" and (mode is None or not low <= mode <= high):
        return "uniform"
    return kind


def quantile(kind: DistributionKind, low: float, high: float, u: np.ndarray,
             mode: float | None = None) -> np.ndarray:
    """The value at quantile ``u`` of the distribution of [low, high]; a collapsed range
    (low = high) gives that value exactly, whatever ``u``."""
    u = np.asarray(u, dtype=float)
    if low == high:
        return np.full(u.shape, float(low))
    kind = effective_kind(kind, low, high, mode)
    if kind == "log_uniform":
        values = np.exp(np.log(low) + u * (np.log(high) - np.log(low)))
    elif kind == "triangular":
        assert mode is not None
        width = high - low
        split = (mode - low) / width  # the CDF at the mode
        rising = low + np.sqrt(u * width * (mode - low))
        falling = high - np.sqrt((1 - u) * width * (high - mode))
        values = np.where(u < split, rising, falling)
    else:
        values = low + u * (high - low)
    # exp/log and sqrt round: keep every draw inside the range it came from.
    return np.clip(values, low, high)


def mean(kind: DistributionKind, low: float, high: float, mode: float | None = None) -> float:
    """Analytic mean (what a linear formula's Monte Carlo mean converges to)."""
    if low == high:
        return float(low)
    kind = effective_kind(kind, low, high, mode)
    if kind == "log_uniform":
        return (high - low) / (np.log(high) - np.log(low))
    if kind == "triangular":
        assert mode is not None
        return (low + mode + high) / 3
    return (low + high) / 2
