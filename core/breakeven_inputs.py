"""Inputs of the Self-host break-even planner (``scenario.breakeven``).

The comparison is one workload served three ways: a commercial API, a
fine-tuned model (on rented GPUs, or on a vendor's hosted fine-tuning), and,
optionally, the human process it replaces.
"""

from __future__ import annotations

from typing import Annotated, Literal

from econplan.core.model_base import MAX_HOURS, MAX_USD, InputModel, bounded
from pydantic import Field

Money = Annotated[float, bounded(0, MAX_USD, "USD")]
Share = Annotated[float, bounded(0, 1, "share")]
Hours = Annotated[float, bounded(0, MAX_HOURS, "hours")]
Tokens = Annotated[float, bounded(0, 10_000_000, "tokens per query")]
PricePerMtok = Annotated[float, bounded(0, 10_000, "USD per million tokens")]
PricePerQuery = Annotated[float, bounded(0, 1_000, "USD per query")]
HourlyRate = Annotated[float, bounded(1, 10_000, "USD per hour")]


class ApiOption(InputModel):
    """The commercial API the workload runs on today (or would)."""

    price_id: Annotated[str, Field(
        max_length=64, description="A catalog API model id, or empty when prices are typed in")]
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
    gpu_id: Annotated[str, Field(max_length=64, description="A catalog GPU id")]
    usd_per_gpu_hour: Annotated[float, bounded(0, 1_000, "USD per GPU-hour")]
    queries_per_second_per_replica: Annotated[float, bounded(0.001, 1e6, "queries per second")]
    utilisation: Annotated[float, bounded(0.01, 1, "average load per replica")]
    spare_replicas: Annotated[int, bounded(0, 1_000, "replicas")]
    hosted_usd_per_query: PricePerQuery
    traffic_share: Annotated[float, bounded(0.01, 1, "share of queries self-hosted")]
    failure_rate: Share


class OneOffCosts(InputModel):
    finetune_source: Literal["manual", "training_plan"]
    finetune_usd: Money
    setup_hours: Hours
    data_prep_hours: Hours
    hourly_rate_usd: HourlyRate


class MonthlyCosts(InputModel):
    maintenance_hours: Hours
    ml_engineers: Annotated[float, bounded(0, 100, "engineers per model")]
    hours_per_engineer_month: Annotated[float, bounded(1, 744, "hours a month")]
    oversight_usd: Money


class HumanProcess(InputModel):
    """The process the model replaces (seed 003 ROI framework: hours × rate × tasks)."""

    enabled: bool
    hours_per_task: Annotated[float, bounded(0, 1_000, "hours per task")]
    hourly_rate_usd: Annotated[float, bounded(0, 10_000, "USD per hour")]


class Constraints(InputModel):
    """Conditions from seeds 002 and 003 that change the answer whatever the cost."""

    data_on_premises: bool
    # Seed 003 "Unique capability" / "Capability gap": no commercial model meets the task's
    # quality bar, so the API is no option whatever it costs (its worked ROI examples
    # compare only the human process with a custom model).
    no_capable_api: bool
    latency_target: bool
    latency_target_ms: Annotated[float, bounded(1, 60_000, "milliseconds")]
    no_ml_capacity: bool
    vendor_portability: bool


class BreakevenInputs(InputModel):
    queries_per_month: Annotated[float, bounded(0, 1e12, "queries a month")]
    volume_unit: Literal["day", "month"]
    input_tokens: Tokens
    output_tokens: Tokens
    api: ApiOption
    selfhost: SelfHostOption
    one_off: OneOffCosts
    monthly: MonthlyCosts
    # At least 0.1 month (about three days): the investment is amortised over it and
    # retrains are counted per month, so a shorter life means nothing.
    months_until_retrain: Annotated[float, bounded(0.1, 240, "months")]
    api_price_decline_per_year: Annotated[float, bounded(0, 0.99, "yearly fall of API prices")]
    cost_per_failure_usd: Annotated[float, bounded(0, 1e6, "USD per failed answer")]
    human: HumanProcess
    compare_against: Literal["api", "human"]
    constraints: Constraints
