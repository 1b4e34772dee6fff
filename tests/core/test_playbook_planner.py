"""The Vertical playbook planner against the seed's figures (seed 000 §5–§6), without Qt."""

import datetime as dt
import math

import pytest
from econplan.core import playbook
from econplan.core.defaults import default_scenario
from econplan.core.playbook_inputs import PlaybookInputs
from econplan.desktop.document import with_values


def plan(presets, catalog, name):
    return playbook.plan(presets[name].playbook, catalog)


def round_half_up(value: float, step: float = 1.0) -> float:
    return math.floor(value / step + 0.5) * step


@pytest.fixture(scope="module")
def base(catalog):
    return default_scenario(catalog)


def test_seed_phases_sum_and_the_seeds_rounded_total(presets, catalog):
    result = plan(presets, catalog, "playbook_seed_first_version")
    seed = result.seed_total
    cost = result.first_version_cost_usd
    # What is reproducible: the phases add up to $450K–$2.3M, which the seed's Total row
    # ($0.5M–$2.5M) states rounded to the nearest $0.5M.
    assert (cost.low, cost.high) == (450_000, 2_300_000)
    assert (seed.cost_usd_low, seed.cost_usd_high) == (500_000, 2_500_000)
    assert round_half_up(cost.low, 5e5) == seed.cost_usd_low
    assert round_half_up(cost.high, 5e5) == seed.cost_usd_high


def test_overlapping_phases_reproduce_the_seeds_4_to_8_months(presets, catalog):
    result = plan(presets, catalog, "playbook_seed_first_version")
    months = result.first_version_months
    assert (months.low, months.high) == pytest.approx((4, 8))
    assert months.base == pytest.approx(6)
    sequential = result.sequential_months
    assert (sequential.low, sequential.high) == (5, 10)  # end to end, as the phases read
    assert (result.seed_total.months_low, result.seed_total.months_high) == (4, 8)


def test_phase_dates_with_the_default_overlap(presets, catalog):
    result = plan(presets, catalog, "playbook_seed_first_version")
    starts = [m for p in result.phases for m in (p.start_month.low, p.start_month.high)]
    ends = [m for p in result.phases for m in (p.end_month.low, p.end_month.high)]
    # Phase 2 starts with a quarter of phase 1 left, phase 3 with a quarter of phase 2 left.
    assert starts == pytest.approx([0, 0, 2.25, 4.5, 3.0, 6.0])
    assert ends == pytest.approx([3, 6, 3.25, 6.5, 4.0, 8.0])
    assert result.start_date == dt.date(2026, 2, 1)  # the seed's date
    assert result.launch_date.low == dt.date(2026, 6, 1)
    assert result.launch_date.high == dt.date(2026, 10, 1)


def test_no_overlap_puts_the_phases_end_to_end(base, catalog):
    phases = [p.model_dump() | {"overlap_share": 0.0} for p in base.playbook.phases]
    result = playbook.plan(with_values(base, {"playbook.phases": phases}).playbook, catalog)
    assert (result.first_version_months.low, result.first_version_months.high) == (5, 10)


def test_full_overlap_runs_phases_side_by_side(base, catalog):
    phases = [p.model_dump() | {"overlap_share": 1.0} for p in base.playbook.phases]
    result = playbook.plan(with_values(base, {"playbook.phases": phases}).playbook, catalog)
    assert [p.start_month.high for p in result.phases] == [0, 0, 0]
    assert result.first_version_months.high == 6  # the longest phase
    assert any("100% overlap" in w for w in result.warnings)


def test_ongoing_refresh_is_the_seeds_quarterly_range(presets, catalog):
    result = plan(presets, catalog, "playbook_seed_first_version")
    ongoing = result.ongoing_usd_per_quarter
    assert (ongoing.low, ongoing.high) == (50_000, 300_000)


def test_cumulative_spend_at_the_horizon(presets, catalog):
    result = plan(presets, catalog, "playbook_seed_first_version")
    # 8 quarters = 24 months. Low case ships at 4 months: refreshes at 7, 10 … 22 = 6.
    # High case ships at 8 months: refreshes at 11 … 23 = 5. Base ships at 6: 9 … 24 = 6.
    assert result.refreshes_in_horizon.model_dump() == {"low": 6, "base": 6, "high": 5}
    cases = result.horizon_spend_by_case
    assert cases.low == pytest.approx(450_000 + 6 * 50_000)
    assert cases.base == pytest.approx(1_375_000 + 6 * 175_000)
    assert cases.high == pytest.approx(2_300_000 + 5 * 300_000)
    assert result.quarters[-1].cumulative_usd == cases
    assert len(result.quarters) == 8


def test_spend_curve_steps_at_each_refresh(presets, catalog):
    result = plan(presets, catalog, "playbook_seed_first_version")
    base_curve = next(c for c in result.curves if c.case == "base")
    steps = [(m, v) for m, v in zip(base_curve.months, base_curve.cumulative_usd, strict=True)]
    # At 9 months (one quarter after the base case ships) the value jumps by one refresh.
    at_nine = [v for m, v in steps if m == pytest.approx(9.0)]
    assert at_nine == pytest.approx([1_375_000, 1_550_000])
    assert base_curve.months[0] == 0 and base_curve.cumulative_usd[0] == 0


@pytest.mark.parametrize("name, vertical_id", [
    ("playbook_finance", "finance"),
    ("playbook_real_estate", "real_estate"),
    ("playbook_corporate_intelligence", "corporate_intelligence"),
])
def test_vertical_presets_cost_the_seeds_first_version(presets, catalog, name, vertical_id):
    row = catalog.row("verticals", "vertical_id", vertical_id)
    result = plan(presets, catalog, name)
    cost = result.first_version_cost_usd
    assert (cost.low, cost.high) == pytest.approx((row["cost_usd_low"], row["cost_usd_high"]))
    assert result.seed_vertical_cost.cost_usd_low == row["cost_usd_low"]
    # Durations stay the seed's §5 phases.
    assert (result.first_version_months.low, result.first_version_months.high) == (4, 8)
    vertical = presets[name].playbook.vertical
    assert vertical.vertical_id == vertical_id
    assert vertical.base_model == row["base_models"]
    assert vertical.cpt_tokens == row["cpt_tokens"]
    assert vertical.distill_targets == row["distill_targets"]
    sources = catalog.table("vertical_data_sources").filter(
        catalog.table("vertical_data_sources")["vertical_id"] == vertical_id)
    assert vertical.data_sources == sources.sort("position")["data_source"].to_list()
    tasks = catalog.table("vertical_tasks").filter(
        catalog.table("vertical_tasks")["vertical_id"] == vertical_id)
    assert [t.task for t in vertical.tasks] == tasks["task"].to_list()


def test_vertical_phase_split_follows_the_seed_phases(presets, catalog):
    phases = presets["playbook_finance"].playbook.phases
    shares = [p.cost_usd.low / 800_000 for p in phases]
    assert shares == pytest.approx([300 / 450, 100 / 450, 50 / 450])


def test_finance_task_cost_ratios_are_the_seeds_roi_column(presets, catalog):
    result = plan(presets, catalog, "playbook_finance")
    rows = {r["task"]: r for r in catalog.table("vertical_tasks").iter_rows(named=True)}
    checked = 0
    for task in result.tasks:
        row = rows[task.task]
        assert task.unit == "M tokens"
        # The seed's ROI = current ÷ fine-tuned $/M, printed whole (62.5 → 63).
        assert round_half_up(task.cost_ratio_low) == row["roi_multiple_low"]
        assert round_half_up(task.cost_ratio_high) == row["roi_multiple_high"]
        checked += 1
    assert checked == 5


def test_lease_abstraction_ratio_is_computed_from_the_seeds_costs(presets, catalog):
    result = plan(presets, catalog, "playbook_real_estate")
    lease = next(t for t in result.tasks if t.task == "Lease abstraction")
    assert lease.unit == "lease"
    assert (lease.cost_ratio_low, lease.cost_ratio_high) == pytest.approx((50_000, 200_000))
    valuation = next(t for t in result.tasks if t.task.startswith("Property valuation"))
    assert valuation.cost_ratio_low is None and valuation.current_text == "Proprietary models"


def test_comparison_has_the_seeds_approaches_and_the_plan(presets, catalog):
    result = plan(presets, catalog, "playbook_seed_first_version")
    ids = [row.approach_id for row in result.comparison]
    assert ids == ["from_scratch_7b", "from_scratch_70b", "oss_ft_distill", "api_only",
                   "this_plan"]
    plan_row = result.comparison[-1]
    assert plan_row.is_plan and (plan_row.cost_usd_low, plan_row.cost_usd_high) == (
        450_000, 2_300_000)
    assert (plan_row.domain_quality, plan_row.inference_cost) == ("High", "Low")
    scratch_70b = result.comparison[1]
    assert (scratch_70b.cost_usd_low, scratch_70b.cost_usd_high) == (10e6, 25e6)


def test_reconciliation_names_every_seed_inconsistency(presets, catalog):
    lines = plan(presets, catalog, "playbook_seed_first_version").reconciliation
    text = " ".join(lines)
    assert "5–10 months end to end" in text and "4–8" in text
    assert "nearest $0.5M" in text
    assert "Steps 3–4" in text  # steps 3–4 = phases 2 + 3, steps 1 + 2 wider than phase 1
    assert "3–6 months" in text  # approach comparison vs Total row


def test_seed_steps_map_to_phases(catalog):
    steps = {step.step_id: step for step in playbook.seed_steps(catalog)}
    assert steps["pick_base_cpt"].covered_by == "phase_1"
    assert steps["iterate_quarterly"].covered_by == "ongoing"
    assert steps["sft_distill"].steps == "3–4"


def test_custom_vertical_keeps_what_is_filled_in(presets):
    finance = presets["playbook_finance"].playbook.vertical
    values = playbook.custom_vertical_values(finance)["playbook.vertical"]
    assert values["vertical_id"] == "custom" and values["name"] == "Custom vertical"
    assert values["data_sources"] == finance.data_sources


def test_horizon_shorter_than_the_first_version_warns(base, catalog):
    result = playbook.plan(with_values(base, {"playbook.horizon_quarters": 2}).playbook,
                           catalog)
    assert any("extend it" in w for w in result.warnings)
    assert result.refreshes_in_horizon.high == 0


@pytest.mark.parametrize("start, months, expected", [
    (dt.date(2026, 1, 31), 1, dt.date(2026, 2, 28)),
    (dt.date(2026, 2, 1), 0.5, dt.date(2026, 2, 15)),
    (dt.date(2026, 11, 1), 3, dt.date(2027, 2, 1)),
    (dt.date(2026, 2, 1), 24, dt.date(2028, 2, 1)),
])
def test_month_arithmetic(start, months, expected):
    assert playbook.date_at(start, months) == expected


def test_duplicate_phase_ids_are_refused(base):
    payload = base.playbook.model_dump()
    payload["phases"][1]["phase_id"] = payload["phases"][0]["phase_id"]
    with pytest.raises(ValueError, match="unique"):
        PlaybookInputs.model_validate(payload)
