"""What a person reads of a break-even result: cards, the decision, tables, notes.

The tab, the proposal and the command line show this; the payback sentence, the
card text and the recommendation are composed here and nowhere else.
"""

from __future__ import annotations

from econplan.core.breakeven import BreakevenResult, CostLine
from econplan.core.catalog import Catalog, CatalogError
from econplan.core.formatting import compact, usd
from econplan.core.report_blocks import Card, Presentation, Table, make_table
from econplan.core.scenario import Scenario
from econplan.core.uncertainty import Uncertainty
from econplan.core.uncertainty_text import never_or, with_bands


class BreakevenPresentation(Presentation):
    headline: str  # the recommendation's title
    reasons: list[str]  # the deciding reason first, then the cost result and each constraint
    options_table: Table
    tier: str
    tier_bounds: str

    def readable(self) -> BreakevenPresentation:
        from econplan.core.provenance import readable

        shown = super().readable()
        return shown.model_copy(update={
            "headline": readable(self.headline), "reasons": [readable(r) for r in self.reasons],
            "tier": readable(self.tier), "tier_bounds": readable(self.tier_bounds)})


def against(result: BreakevenResult) -> str:
    return "the human process" if result.baseline == "human" else "the API"


def payback_text(result: BreakevenResult) -> str:
    """Payback in months, in days under a month, or "never"."""
    payback = result.payback_months
    if payback is None:
        return "never"
    if payback >= 1:
        return f"{payback:.1f} months"
    return f"{payback * result.days_per_month:.0f} days"


def breakeven_text(volume: float | None) -> str:
    return "never" if volume is None else f"{compact(volume)}/month"


def roi_text(roi: float | None) -> str:
    return "—" if roi is None else f"{roi:,.0%}"


def _payback_card(result: BreakevenResult) -> Card:
    retrain = f"{result.months_until_retrain:g}"
    if result.pays_back_before_retrain:
        value, caption = payback_text(result), f"before the retrain at {retrain} months"
    else:
        value = "never amortises"
        if result.monthly_savings_usd <= 0:
            caption = f"costs {usd(-result.monthly_savings_usd)} a month more"
        elif result.payback_months is None:
            caption = "API price decline erases the savings"
        else:
            caption = f"payback {payback_text(result)}, retrain at {retrain}"
    return Card(key="payback", label="Self-host payback", value=value, caption=caption,
                tooltip=result.amortisation)


def _cards(result: BreakevenResult) -> list[Card]:
    short = "human process" if result.baseline == "human" else "API"
    volume = result.breakeven_queries_per_month
    if volume is None:
        breakeven_caption = f"vs {against(result)}: the fine-tuned model costs more per query"
    else:
        breakeven_caption = (f"vs {against(result)}: "
                             f"{compact(volume / result.days_per_month)}/day")
    return [
        Card(key="savings", label="Monthly savings", value=usd(result.monthly_savings_usd),
             caption=(f"{short} {usd(result.baseline_monthly_usd)} vs fine-tuned "
                      f"{usd(result.selfhost_monthly_usd)} a month")),
        Card(key="breakeven", label="Break-even volume", value=breakeven_text(volume),
             caption=f"{breakeven_caption} · plan {compact(result.queries_per_month)}/month"),
        _payback_card(result),
        Card(key="roi", label="First-year ROI", value=roi_text(result.first_year_roi),
             caption=f"investment {usd(result.investment_usd)}"),
    ]


def _row(label: str, value: float | None, text: str, basis: str,
         raw_label: str | None = None) -> tuple[list[str], list]:
    return [label, text, basis], [raw_label or label, value, basis]


def _headline_table(result: BreakevenResult) -> Table:
    baseline = against(result)
    rows = [
        _row("API per query", result.api_usd_per_query, usd(result.api_usd_per_query),
             result.api_price_basis),
        _row("Fine-tuned per query (running)", result.selfhost_usd_per_query,
             usd(result.selfhost_usd_per_query), "monthly running cost ÷ queries"),
        _row("Fine-tuned per query (with one-off)", result.selfhost_all_in_usd_per_query,
             usd(result.selfhost_all_in_usd_per_query),
             "including the one-off ÷ months to the retrain"),
    ]
    if result.human_usd_per_query is not None:
        rows.append(_row("Human process per task", result.human_usd_per_query,
                         usd(result.human_usd_per_query), "hours per task × rate"))
    volume = f"{compact(result.queries_per_month)} queries"
    rows.append(_row("API per month", result.api_monthly_usd, usd(result.api_monthly_usd),
                     volume))
    if result.human_monthly_usd is not None:
        rows.append(_row("Human process per month", result.human_monthly_usd,
                         usd(result.human_monthly_usd), volume))
    savings_basis = (f"{baseline} {usd(result.baseline_monthly_usd)} − fine-tuned "
                     f"{usd(result.selfhost_monthly_usd)} a month")
    breakeven_basis = (f"against {baseline}: fixed costs (with the one-off ÷ months to the "
                       "retrain) ÷ (baseline − fine-tuned cost per query)")
    rows += [
        _row("Fine-tuned per month", result.selfhost_monthly_usd,
             usd(result.selfhost_monthly_usd), "running cost, table below"),
        _row("Monthly savings", result.monthly_savings_usd, usd(result.monthly_savings_usd),
             savings_basis),
        _row("Break-even volume", result.breakeven_queries_per_month,
             breakeven_text(result.breakeven_queries_per_month), breakeven_basis,
             "Break-even volume (queries/month)"),
    ]
    human = result.human_breakeven_queries_per_month
    if result.baseline == "api" and human is not None:
        rows.append(_row("Break-even against the human process", human, breakeven_text(human),
                         "same rule, human cost per task as the baseline",
                         "Break-even against the human process (queries/month)"))
    first_year_basis = "12 months of baseline − fine-tuned running cost, API prices declining"
    rows += [
        _row("Payback", result.payback_months, payback_text(result), result.amortisation,
             "Payback (months)"),
        _row("First-year savings", result.annual_savings_usd, usd(result.annual_savings_usd),
             first_year_basis),
        _row("First-year ROI", result.first_year_roi, roi_text(result.first_year_roi),
             f"(first-year savings − investment {usd(result.investment_usd)}) ÷ investment"),
    ]
    if result.failure_cost_parity_usd is not None:
        rows.append(_row("Failure cost at parity", result.failure_cost_parity_usd,
                         usd(result.failure_cost_parity_usd),
                         "above this cost per failure the accuracy gap outweighs the "
                         "inference savings"))
    return make_table("breakeven_headline", "Headline figures", ["Figure", "Value", "Basis"],
                      rows, [1])


def _options_table(result: BreakevenResult) -> Table:
    """Every option the decision weighed, cheapest first, and why any is ruled out."""
    decision = result.decision
    rows = []
    for option in sorted(result.options, key=lambda option: option.monthly_usd):
        if option.option_id == decision.option_id:
            status = "chosen"
        elif option.option_id == decision.runner_up_id:
            status = "runner-up"
        else:
            status = "allowed" if option.allowed else "ruled out"
        why = option.ruled_out_reason or ""
        rows.append(([option.label, usd(option.monthly_usd), status, why],
                     [option.label, option.monthly_usd, status, why]))
    return make_table("breakeven_options", "Options compared (monthly, all-in)",
                      ["Option", "Monthly all-in", "Status", "Ruled out because"], rows, [1])


def _lines_table(table_id: str, title: str, lines: list[CostLine],
                 total: tuple[str, float, str]) -> Table:
    rows = [([line.label, usd(line.usd), line.basis], [line.label, line.usd, line.basis])
            for line in lines]
    label, value, basis = total
    rows.append(([label, usd(value), basis], [label, value, basis]))
    return make_table(table_id, title, ["Line", "Cost", "Basis"], rows, [1])


def monthly_lines_table(result: BreakevenResult) -> Table:
    return _lines_table("breakeven_monthly",
                        f"Monthly cost at {compact(result.queries_per_month)} queries",
                        result.monthly_lines,
                        ("Total fine-tuned per month", result.selfhost_monthly_usd,
                         "sum of the lines above"))


def one_off_lines_table(result: BreakevenResult) -> Table:
    return _lines_table("breakeven_one_off", "One-off investment", result.one_off_lines,
                        ("Total investment", result.investment_usd,
                         f"retraining repeats {usd(result.retrain_usd)} every "
                         f"{result.months_until_retrain:g} months; "
                         f"{usd(result.amortised_investment_usd)} per month of life in the "
                         "break-even"))


def serving_text(scenario: Scenario, result: BreakevenResult, catalog: Catalog) -> str:
    host = scenario.breakeven.selfhost
    if host.serving == "hosted":
        return f"a vendor-hosted fine-tune at {usd(host.hosted_usd_per_query)} a query"
    replicas = result.replicas
    return (f"{replicas} {gpu_name(host.gpu_id, catalog)} replica"
            f"{'s' if replicas != 1 else ''} at ${host.usd_per_gpu_hour:.4g}/GPU-hour")


def gpu_name(gpu_id: str, catalog: Catalog) -> str:
    if not gpu_id:
        return "GPU"
    try:
        return catalog.row("gpus", "gpu_id", gpu_id)["name"]
    except CatalogError:
        return gpu_id


def _banded_cards(result: BreakevenResult, uncertainty: Uncertainty | None) -> list[Card]:
    def payback(months: float) -> str:
        return f"{months:.1f} months" if months >= 1 else \
            f"{months * result.days_per_month:.0f} days"

    cards = with_bands(_cards(result), uncertainty, {
        "breakeven": ("breakeven.breakeven_queries_per_month", breakeven_text),
        "payback": ("breakeven.payback_months", never_or(payback)),
        "roi": ("breakeven.first_year_roi", roi_text),
    })
    band = uncertainty.band("breakeven.payback_months") if uncertainty else None
    chance = uncertainty.probabilities.get("breakeven.pays_back_before_retrain") \
        if uncertainty else None
    if band is None or band.is_point or chance is None:
        return cards
    caption = (f"{chance.probability:.0%} chance of paying back before the retrain at "
               f"{result.months_until_retrain:g} months")
    return [card.model_copy(update={"caption": caption}) if card.key == "payback" else card
            for card in cards]


def present(result: BreakevenResult, *, tables: bool = True,
            uncertainty: Uncertainty | None = None) -> BreakevenPresentation:
    """The break-even result and its decision as a person reads them.

    ``tables=False`` skips the result tables: a tab fills its own, and a slider tick
    should not build them."""
    headline = result.recommendation
    tier = result.tier
    return BreakevenPresentation(
        planner_id="breakeven",
        cards=_banded_cards(result, uncertainty),
        summary_keys=["breakeven", "payback", "roi"],
        tables=[build(result) for build in (_headline_table, monthly_lines_table,
                                            one_off_lines_table)] if tables else [],
        notes=[],
        warnings=list(result.warnings),
        recommendation=f"{headline}. {result.decision.reason}",
        headline=headline,
        reasons=list(result.reasons),
        options_table=_options_table(result),
        tier=(f"Volume tier (seed 004, computed against the API): {tier.label} — "
              f"{tier.verdict}: {tier.reason}."),
        tier_bounds=f"Tier bounds: {tier.seed_boundaries}.",
    )
