"""Inputs of the Dataset sizing planner (``scenario.dataset``).

The dataset's token count, parameters and architecture are the training plan's
(``scenario.training.tokens``, ``.params``, ``.active_params``,
``.architecture``) and so are the fine-tuning examples and tokens per example
(``scenario.training.finetune``): one number each, edited from either tab.
This section holds only what the training plan does not: the corpus mix and
what fine-tuning examples cost to acquire. The tokens-per-parameter ratio is
not stored either; it is tokens ÷ parameters, shown and edited as a view of
the token count.
"""

from __future__ import annotations

import math
from typing import Annotated

from econplan.core.model_base import InputModel, bounded, range_type
from pydantic import Field, model_validator

# The seed's five corpus categories (catalog table corpus_composition), in its order.
CORPUS_CATEGORY_IDS = ("web", "code", "synthetic", "books_papers", "domain")
SHARE_SUM_TOLERANCE = 1e-6

Share = Annotated[float, bounded(0, 1, "share of the pre-training tokens")]
MAX_USD_PER_EXAMPLE = 10_000.0


UsdPerExampleRange = range_type("UsdPerExampleRange", 0, MAX_USD_PER_EXAMPLE, "USD per example")


class CorpusShares(InputModel):
    """Share of the pre-training tokens per category; the shares sum to 1."""

    web: Share
    code: Share
    synthetic: Share
    books_papers: Share
    domain: Share

    @model_validator(mode="after")
    def _sum_to_one(self) -> CorpusShares:
        total = math.fsum(self.as_dict().values())
        if abs(total - 1.0) > SHARE_SUM_TOLERANCE:
            raise ValueError(f"corpus shares must sum to 100% (they sum to {total:.4%})")
        return self

    def as_dict(self) -> dict[str, float]:
        return {category_id: getattr(self, category_id) for category_id in CORPUS_CATEGORY_IDS}


class DatasetInputs(InputModel):
    corpus: CorpusShares
    finetune_synthetic_share: Annotated[
        float,
        bounded(0, 1, "Share of the fine-tuning examples generated synthetically "
                      "(the rest are human-annotated)"),
    ]
    synthetic_usd_per_example: Annotated[UsdPerExampleRange, Field(
        description="Cost of one synthetic example generated through an API (low–high)")]
    human_usd_per_example: Annotated[UsdPerExampleRange, Field(
        description="Cost of one human-annotated example (low–high)")]


def rebalance_shares(shares: dict[str, float], edited: str, value: float) -> dict[str, float]:
    """Set one share and scale the others so that all of them still sum to 1.

    The other shares keep their proportions to each other; when they are all
    zero the remainder is split equally among them. ``value`` is clamped to
    [0, 1], and the edited share is exactly that value.
    """
    if edited not in shares:
        raise KeyError(edited)
    if len(shares) < 2:
        raise ValueError("rebalancing needs at least two shares")
    value = min(max(float(value), 0.0), 1.0)
    others = [key for key in shares if key != edited]
    remainder = 1.0 - value
    current = math.fsum(max(shares[key], 0.0) for key in others)
    result = {edited: value}
    if current > 0:
        for key in others:
            result[key] = max(shares[key], 0.0) / current * remainder
    else:
        for key in others:
            result[key] = remainder / len(others)
    # Put the last rounding error (~1e-16) on the largest other share, where it matters least.
    largest = max(others, key=lambda key: result[key])
    error = 1.0 - math.fsum(result.values())
    result[largest] = min(max(result[largest] + error, 0.0), 1.0)
    return {key: result[key] for key in shares}
