"""The one error type every planner raises when its inputs cannot be planned together."""

from __future__ import annotations


class PlanError(ValueError):
    """The inputs are valid one by one but cannot be planned together."""
