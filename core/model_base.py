"""Shared building blocks of the scenario's input models: strict models and ranges.

Every number a scenario holds has a finite lower and upper bound that means
something physically (a price per GPU-hour above $10,000 is a typo, not a
plan). Bounds are what keep every planner's arithmetic finite: a product of
bounded inputs cannot overflow, and a strictly positive field has a real
minimum rather than accepting 5e-324, whose reciprocal is infinite.
"""

from __future__ import annotations

import math
import types
import typing
from typing import Annotated, Any

import annotated_types
from pydantic import BaseModel, ConfigDict, Field, create_model, model_validator

# Generic ceilings shared by several planners; each field may be tighter.
MAX_USD = 1e12
MAX_HOURS = 1e6
MAX_MULTIPLE = 1e3


def bounded(low: float, high: float, description: str = "", **extra: Any) -> Any:
    """A finite number in [low, high]; the range is stated in the description so that
    ``econplan schema`` and the tooltips show what a file may hold."""
    text = f"{description} ({_bound_text(low, high)})" if description else _bound_text(low, high)
    return Field(ge=low, le=high, allow_inf_nan=False, description=text, **extra)


def _bound_text(low: float, high: float) -> str:
    return f"accepted {low:,.6g} to {high:,.6g}"


class CoreModel(BaseModel):
    """The base of every pydantic model in core.

    defer_build: a model's validator and serializer are built when it is first used, not
    when its module is imported. Start-up imports ~120 models and the first window uses a
    few of them (the scenario, the training result); building the rest at import was a
    tenth of a cold start. A subclass's own ``model_config`` (frozen, extra, …) is merged
    with this one, not replacing it. (ruff knows a direct BaseModel subclass's list and dict
    defaults are fields, not a CoreModel subclass's: those carry ``# noqa: RUF012``.)"""

    model_config = ConfigDict(defer_build=True)


class InputModel(CoreModel):
    # extra="forbid": a misspelt key in a hand-edited file is an error, not ignored.
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class Range(InputModel):
    """A low–high pair of non-negative numbers; ranges are never collapsed.

    Subclasses narrow the bounds to what the quantity means; the generic ceiling
    keeps any range's arithmetic finite."""

    low: Annotated[float, bounded(0, MAX_USD)]
    high: Annotated[float, bounded(0, MAX_USD)]

    @model_validator(mode="after")
    def _ordered(self) -> Range:
        if self.low > self.high:
            raise ValueError(f"low ({self.low:g}) must not exceed high ({self.high:g})")
        return self

    @property
    def mid(self) -> float:
        return midpoint(self.low, self.high)


def midpoint(low: float, high: float) -> float:
    """The midpoint, never outside [low, high]: (low + high) / 2 can overflow, and
    halving each end first can round a subnormal low to zero."""
    return min(max(low + (high - low) / 2, low), high)


def range_type(name: str, low: float, high: float, unit: str, doc: str = "") -> type[Range]:
    """A Range whose two ends accept [low, high] in ``unit``: one line per kind of range
    instead of a class restating the same bounds on ``low`` and ``high``."""
    end = Annotated[float, bounded(low, high, unit)]
    model = create_model(name, __base__=Range, __doc__=doc or f"A range of {unit}.",
                         low=(end, ...), high=(end, ...))
    model.__module__ = __name__
    return model


# 1% is the least utilisation that means the hardware is doing work at all.
FractionRange = range_type("FractionRange", 0.01, 1, "fraction",
                           "A range of fractions, e.g. model FLOPs utilisation.")
PositiveRange = range_type("PositiveRange", 1e-6, MAX_USD, "strictly positive quantity")


def field_bounds(path: str, root: type[BaseModel]) -> tuple[float, float]:
    """The (min, max) the field at a dotted path (``"routing.headcount.0.headcount"``)
    accepts, from its pydantic constraints; ±inf where a side is unconstrained."""
    model: Any = root
    info = None
    for part in path.split("."):
        if part.isdigit():  # an element of a list field: bounds of the element's model
            model = typing.get_args(model)[0]
            continue
        info = _model_class(model).model_fields[part]
        model = info.annotation
    lower, upper = -math.inf, math.inf
    for constraint in _constraints(info):
        if isinstance(constraint, annotated_types.Ge):
            lower = float(constraint.ge)
        elif isinstance(constraint, annotated_types.Gt):
            lower = float(constraint.gt)
        elif isinstance(constraint, annotated_types.Le):
            upper = float(constraint.le)
        elif isinstance(constraint, annotated_types.Lt):
            upper = float(constraint.lt)
    return lower, upper


def _model_class(annotation: Any) -> Any:
    """The model of an optional field (``UsdRange | None``) is its non-None member."""
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        return next(arg for arg in typing.get_args(annotation) if arg is not type(None))
    return annotation


def _constraints(info: Any) -> list[Any]:
    if info is None:
        return []
    constraints = list(info.metadata)
    # An optional bounded number keeps its bounds on the non-None member of the union.
    for arg in typing.get_args(info.annotation):
        for item in getattr(arg, "__metadata__", ()):
            constraints += list(getattr(item, "metadata", [item]))
    return constraints
