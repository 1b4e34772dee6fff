"""The scenario's ``uncertainty`` section: how each range input is drawn.

Only choices live here: a distribution per range input that overrides the
default rule (keyed by the input's field path, e.g.
``"training.beyond_compute.data_curation.multiplier"``), the groups of inputs
that move together, and the number of draws and the seed of a reproducible
Monte Carlo run. A path that no longer names a range (a removed phase) is
ignored, never an error: the file stays loadable.
"""

from __future__ import annotations

from typing import Annotated

from econplan.core.distributions import DistributionKind
from econplan.core.model_base import InputModel, bounded
from pydantic import Field

# What a new scenario (and a migrated old file) gets; figures of the method, not of a source.
DEFAULT_DRAWS = 10_000
DEFAULT_SEED = 20_260_101
MIN_DRAWS = 100
MAX_DRAWS = 1_000_000

FieldPath = Annotated[str, Field(pattern=r"^[a-z_]+(\.[a-z0-9_]+)+$", max_length=200)]

# The rule, in the words the UI and the report use.
MOVE_TOGETHER_RULE = (
    "Each range is one draw: its low and high ends never move apart. Inputs in one group "
    "move together: every draw puts all of them at the same quantile of their own "
    "distribution (all near their low ends, or all near their high ends). Ungrouped inputs "
    "are drawn independently. Break-even API prices all follow one decline rate.")


class InputGroup(InputModel):
    """Range inputs that move together (one shared quantile per draw)."""

    name: Annotated[str, Field(min_length=1, max_length=80)]
    paths: Annotated[list[FieldPath], Field(min_length=2, max_length=200)]


class UncertaintySettings(InputModel):
    draws: Annotated[int, bounded(MIN_DRAWS, MAX_DRAWS, "Monte Carlo draws")]
    seed: Annotated[int, bounded(0, 2**32 - 1, "Random seed of the draws")]
    distributions: Annotated[dict[FieldPath, DistributionKind], Field(
        max_length=1_000,
        description="Distribution per range input (field path); others follow the default "
                    "rule: triangular where a source gives a central figure, log-uniform "
                    "where high/low ≥ 3, uniform otherwise")]
    groups: Annotated[list[InputGroup], Field(max_length=100)]


def default_uncertainty_payload() -> dict:
    return {"draws": DEFAULT_DRAWS, "seed": DEFAULT_SEED, "distributions": {}, "groups": []}
