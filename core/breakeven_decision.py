"""The break-even recommendation as data: every option priced, the constraints applied,
the cheapest allowed option chosen, with its runner-up and the deciding reason.

Options: keep the human process (when the scenario has one), use the API, and the
fine-tuned model served the way the scenario sets it (on GPUs, or hosted by the vendor
at a per-query price). The other way of serving it is priced from the scenario's own
fields and enters only when a constraint rules the set one out: the seeds give no hosted
inference price that fits any workload (seed 002's $0.0012 a query is implied by one
500-queries-a-day example), so a GPU plan is not second-guessed with it.

Constraints come in two strengths. Hard ones (data on the premises, a latency target the
API misses, no commercial model able to do the task) rule options out whatever they cost.
Soft ones (no ML/SRE capacity, vendor portability) rule an option out only while another
option remains. Nothing downstream parses the sentences: the ids are the data.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from econplan.core.breakeven_inputs import BreakevenInputs
from econplan.core.catalog import Catalog
from econplan.core.formatting import usd
from econplan.core.model_base import CoreModel

OptionId = Literal["keep_human", "api", "self_host", "hosted_ft"]
ReasonId = Literal["cheapest", "no_capable_api", "data_on_premises", "latency_target",
                   "no_ml_capacity", "vendor_portability"]

OPTION_LABELS: dict[str, str] = {
    "keep_human": "The human process",
    "api": "The API",
    "self_host": "A self-hosted fine-tuned model",
    "hosted_ft": "Hosted fine-tuning",
}
# recommendation_id (docs/compute-json.md) and the headline the tab and the report show.
HEADLINES: dict[str, str] = {
    "api": "Stay on the API",
    "keep_human": "Keep the human process",
    "self_host": "Fine-tune and self-host",
    "hosted_ft": "Use hosted fine-tuning",
    "self_host_latency": "Self-host a small fine-tuned model (latency)",
    "self_host_required": "Self-host (data must stay on the premises)",
}


class BreakevenOption(CoreModel):
    option_id: OptionId
    label: str
    monthly_usd: float  # all-in at today's prices: fine-tuned options include the one-off
    allowed: bool
    ruled_out_by: ReasonId | None
    ruled_out_reason: str


class Decision(CoreModel):
    option_id: OptionId
    label: str
    monthly_usd: float
    runner_up_id: OptionId | None
    runner_up_label: str | None
    runner_up_monthly_usd: float | None
    reason_id: ReasonId
    reason: str


@dataclass(frozen=True)
class _Constraint:
    constraint_id: ReasonId
    rules_out: tuple[str, ...]
    sentence: str  # why it rules them out
    kept_sentence: str = ""  # a soft constraint that could not be honoured: what to do


@lru_cache(maxsize=8)
def _latency(catalog: Catalog) -> dict[str, dict]:
    return {row["option_id"]: row
            for row in catalog.table("latency_comparison").iter_rows(named=True)}


def _hard_constraints(inputs: BreakevenInputs, catalog: Catalog,
                      warnings: list[str], notes: list[str]) -> list[_Constraint]:
    constraints = inputs.constraints
    hard = []
    if constraints.no_capable_api:
        hard.append(_Constraint("no_capable_api", ("api",), (
            "No commercial model can do this task to its quality bar (seed 003, unique "
            "capability: fine-tuning is the only way to achieve it), so the API is not an "
            "option whatever it costs.")))
    if constraints.data_on_premises:
        hard.append(_Constraint("data_on_premises", ("api", "hosted_ft"), (
            "Data may not leave the premises: API and vendor-hosted models are ruled out by "
            "policy, so self-hosting is required whatever it costs (seed 003, Data Privacy).")))
    if constraints.latency_target:
        target = constraints.latency_target_ms
        api_row = _latency(catalog)["gpt_4o_mini"]
        small = _latency(catalog)["self_hosted_7b"]
        if api_row["latency_ms_low"] > target and small["latency_ms_high"] <= target:
            hard.append(_Constraint("latency_target", ("api", "hosted_ft", "keep_human"), (
                f"A {target:g} ms latency target rules the API out: {api_row['option']} "
                f"answers in {api_row['latency_ms_low']:g}–{api_row['latency_ms_high']:g} ms, "
                f"a self-hosted 7B in {small['latency_ms_low']:g}–"
                f"{small['latency_ms_high']:g} ms (seed 003); sub-300 ms needs are met by "
                "small fine-tuned models, not frontier (seed 002). A vendor-hosted endpoint "
                "has API latency, so serve it yourself.")))
        elif small["latency_ms_high"] > target:
            warnings.append(f"No option meets {target:g} ms: even a self-hosted 7B takes "
                            f"{small['latency_ms_low']:g}–{small['latency_ms_high']:g} ms.")
            notes.append(f"The {target:g} ms target is tighter than any option in the "
                         "catalog; latency does not change the choice.")
        else:
            notes.append(f"The API's {api_row['latency_ms_low']:g} ms typical latency meets "
                         f"the {target:g} ms target; latency does not change the choice.")
    return hard


def _soft_constraints(inputs: BreakevenInputs, retrain_usd: float) -> list[_Constraint]:
    constraints = inputs.constraints
    soft = []
    if constraints.no_ml_capacity:
        soft.append(_Constraint("no_ml_capacity", ("self_host",), (
            "No ML/SRE capacity: self-hosting needs it; the vendor's hosted fine-tuning is "
            "operationally easy (seed 002: default to hosted, switch when scale demands)."), (
            "Self-hosting is the only option left but there is no ML/SRE capacity: build it "
            "first (seed 002 budgets 0.5–1 ML engineer per model in production).")))
    if constraints.vendor_portability:
        soft.append(_Constraint("vendor_portability", ("hosted_ft",), (
            "Vendor portability matters: a model fine-tuned on one vendor cannot move to "
            f"another — switching is a full retraining ({usd(retrain_usd)} here; seed 002). "
            "Fine-tune open weights (Llama, Mistral) and serve them yourself."), (
            "Vendor portability matters but hosted fine-tuning is the only option left: budget "
            f"a full retraining ({usd(retrain_usd)}) for each vendor switch (seed 002).")))
    return soft


def decide(inputs: BreakevenInputs, catalog: Catalog, monthly_usd: dict[str, float],
           retrain_usd: float, warnings: list[str]) -> tuple[list[BreakevenOption], Decision,
                                                                list[str]]:
    """Options, the decision and the constraint sentences.

    ``monthly_usd`` holds every option's all-in monthly cost: "api", "self_host",
    "hosted_ft" and, when the scenario has a human process, "keep_human"."""
    configured = "self_host" if inputs.selfhost.serving == "gpu" else "hosted_ft"
    alternate = "hosted_ft" if configured == "self_host" else "self_host"
    base_ids = [i for i in ("keep_human", "api", configured) if i in monthly_usd]

    def in_play(excluded: dict[str, _Constraint]) -> list[str]:
        return base_ids + ([alternate] if configured in excluded else [])

    notes: list[str] = []
    excluded: dict[str, _Constraint] = {}
    sentences: list[str] = []
    for constraint in _hard_constraints(inputs, catalog, warnings, notes):
        sentences.append(constraint.sentence)
        for option_id in constraint.rules_out:
            excluded.setdefault(option_id, constraint)
    for constraint in _soft_constraints(inputs, retrain_usd):
        trial = dict(excluded)
        for option_id in constraint.rules_out:
            trial.setdefault(option_id, constraint)
        if any(option_id not in trial for option_id in in_play(trial)):
            excluded = trial
            sentences.append(constraint.sentence)
        else:
            sentences.append(constraint.kept_sentence)
    sentences += notes

    options = [BreakevenOption(
        option_id=option_id, label=OPTION_LABELS[option_id], monthly_usd=monthly_usd[option_id],
        allowed=option_id not in excluded,
        ruled_out_by=excluded[option_id].constraint_id if option_id in excluded else None,
        ruled_out_reason=excluded[option_id].sentence if option_id in excluded else "",
    ) for option_id in in_play(excluded)]
    # Never empty: no hard constraint rules self-hosting out, self-hosting is in play whenever
    # the set way of serving is ruled out, and a soft constraint never rules out the last option.
    allowed = sorted((option for option in options if option.allowed),
                     key=lambda option: option.monthly_usd)
    chosen = allowed[0]
    runner_up = allowed[1] if len(allowed) > 1 else None
    cheapest = min(options, key=lambda option: option.monthly_usd)
    ruled_out = [option for option in options if not option.allowed]
    if cheapest.option_id == chosen.option_id and runner_up is None and ruled_out:
        # Cheapest, but also the only option left: the constraint is what decides.
        cheapest = min(ruled_out, key=lambda option: option.monthly_usd)
    if cheapest.option_id == chosen.option_id:
        reason_id: ReasonId = "cheapest"
        reason = (f"{chosen.label} is the cheapest option"
                  + (" the constraints allow" if ruled_out else "")
                  + f": {usd(chosen.monthly_usd)} a month all-in")
        reason += (f", against {usd(runner_up.monthly_usd)} for {_lower(runner_up.label)}."
                   if runner_up else ".")
    else:
        reason_id = cheapest.ruled_out_by
        reason = (f"{cheapest.ruled_out_reason} ({cheapest.label} would cost "
                  f"{usd(cheapest.monthly_usd)} a month all-in, against "
                  f"{usd(chosen.monthly_usd)} for {_lower(chosen.label)}.)")
    decision = Decision(
        option_id=chosen.option_id, label=chosen.label, monthly_usd=chosen.monthly_usd,
        runner_up_id=runner_up.option_id if runner_up else None,
        runner_up_label=runner_up.label if runner_up else None,
        runner_up_monthly_usd=runner_up.monthly_usd if runner_up else None,
        reason_id=reason_id, reason=reason)
    return options, decision, sentences


def _lower(label: str) -> str:
    return label[0].lower() + label[1:]


def recommendation_id(decision: Decision) -> str:
    """The documented recommendation id: self-hosting forced by latency or by data policy
    keeps its own id."""
    if decision.option_id == "self_host" and decision.reason_id == "latency_target":
        return "self_host_latency"
    if decision.option_id == "self_host" and decision.reason_id == "data_on_premises":
        return "self_host_required"
    return decision.option_id
