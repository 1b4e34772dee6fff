"""Inputs of the Self-host break-even planner (``scenario.breakeven``).

The comparison is one workload served three ways: a commercial API, a
fine-tuned model (on rented GPUs, or on a vendor's hosted fine-tuning), and,
optionally, the human process it replaces.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from core.model_base import InputModel

Money = Annotated[float, Field(ge=0, le=1e12, allow_inf_nan=False)]
Share = Annotated[float, Field(ge=0, le=1, allow_inf_nan=False)]
Hours = Annotated[float, Field(ge=0, le=1_000_000, allow_inf_nan=False)]
Tokens = Annotated[float, Field(ge=0, le=10_000_000, allow_inf_nan=False)]
PricePerMtok = Annotated[float, Field(ge=0, le=10_000, allow_inf_nan=False)]
PricePerQuery = Annotated[float, Field(ge=0, le=1_000, allow_inf_nan=False)]


class ApiOption(InputModel):
    """The commercial API the workload runs on today (or would)."""

    price_id: Annotated[str, Field(max_length=64)]  # api_prices row, "" when typed in
    pricing: Literal["per_token", "per_query"]
    usd_per_mtok_input: PricePerMtok
    usd_per_mtok_output: PricePerMtok
    usd_per_query: PricePerQuery
    cached_input_share: Share
    batch_share: Share
    failure_rate: Share


class SelfHostOption(InputModel):
    """The fine-tuned model: rented GPUs, or a vendor's hosted fine-tuning per query."""

    serving: Literal["gpu", "hosted"]
    gpu_id: Annotated[str, Field(max_length=64)]
    usd_per_gpu_hour: Annotated[float, Field(ge=0, le=1_000, allow_inf_nan=False)]
    queries_per_second_per_replica: Annotated[float, Field(gt=0, le=1e6, allow_inf_nan=False)]
    utilisation: Annotated[float, Field(gt=0, le=1, allow_inf_nan=False)]
    spare_replicas: Annotated[int, Field(ge=0, le=1_000)]
    hosted_usd_per_query: PricePerQuery
    traffic_share: Annotated[float, Field(gt=0, le=1, allow_inf_nan=False)]
    failure_rate: Share


class OneOffCosts(InputModel):
    finetune_source: Literal["manual", "training_plan"]
    finetune_usd: Money
    setup_hours: Hours
    data_prep_hours: Hours
    hourly_rate_usd: Annotated[float, Field(gt=0, le=10_000, allow_inf_nan=False)]


class MonthlyCosts(InputModel):
    maintenance_hours: Hours
    ml_engineers: Annotated[float, Field(ge=0, le=100, allow_inf_nan=False)]
    hours_per_engineer_month: Annotated[float, Field(gt=0, le=744, allow_inf_nan=False)]
    oversight_usd: Money


class HumanProcess(InputModel):
    """The process the model replaces (seed 003 ROI framework: hours × rate × tasks)."""

    enabled: bool
    hours_per_task: Annotated[float, Field(ge=0, le=1_000, allow_inf_nan=False)]
    hourly_rate_usd: Annotated[float, Field(ge=0, le=10_000, allow_inf_nan=False)]


class Constraints(InputModel):
    """Conditions from seeds 002 and 003 that change the answer whatever the cost."""

    data_on_premises: bool
    # Seed 003 "Unique capability" / "Capability gap": no commercial model meets the task's
    # quality bar, so the API is no option whatever it costs (its worked ROI examples
    # compare only the human process with a custom model).
    no_capable_api: bool
    latency_target: bool
    latency_target_ms: Annotated[float, Field(gt=0, le=60_000, allow_inf_nan=False)]
    no_ml_capacity: bool
    vendor_portability: bool


class BreakevenInputs(InputModel):
    queries_per_month: Annotated[float, Field(ge=0, le=1e12, allow_inf_nan=False)]
    volume_unit: Literal["day", "month"]
    input_tokens: Tokens
    output_tokens: Tokens
    api: ApiOption
    selfhost: SelfHostOption
    one_off: OneOffCosts
    monthly: MonthlyCosts
    months_until_retrain: Annotated[float, Field(gt=0, le=240, allow_inf_nan=False)]
    api_price_decline_per_year: Annotated[float, Field(ge=0, lt=1, allow_inf_nan=False)]
    cost_per_failure_usd: Annotated[float, Field(ge=0, le=1e6, allow_inf_nan=False)]
    human: HumanProcess
    compare_against: Literal["api", "human"]
    constraints: Constraints
