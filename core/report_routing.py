"""The Routing overspend section of the proposal."""

from __future__ import annotations

import math
from typing import Any

from core import routing
from core.catalog import Catalog
from core.formatting import compact, usd
from core.report_blocks import (
    Block,
    Chart,
    Heading,
    KeyFigure,
    Paragraph,
    ReportSection,
    Table,
    make_table,
)
from core.routing_inputs import COMPLEXITIES, COMPLEXITY_LABELS
from core.scenario import Scenario

TITLE = "Routing overspend"


def small_usd(value: float | None) -> str:
    """Dollars, with fractions of a cent written out (no scientific notation)."""
    if value is None or not math.isfinite(value):
        return "—"
    if value == 0 or abs(value) >= 0.001:
        return usd(value)
    decimals = 1 - math.floor(math.log10(abs(value)))  # two significant digits
    text = f"{abs(value):.{decimals}f}".rstrip("0").rstrip(".")
    return f"{'-' if value < 0 else ''}${text}"


def multiple_text(multiple: float | None) -> str:
    return "—" if multiple is None else f"{multiple:.1f}×"


def _mix(data: dict[str, Any]) -> list[dict[str, Any]]:
    return sorted((m for m in data["routing_mix"] if m["share"] > 0), key=lambda m: -m["share"])


def _inputs_table(scenario: Scenario, data: dict[str, Any]) -> Table:
    inputs = scenario.routing
    bar = inputs.quality_bar
    staffed = [r for r in data["roles"] if r["headcount"] > 0]
    workers = sum(r["headcount"] for r in data["roles"])
    rows: list[tuple[str, str]] = [
        ("Price year", str(data["year"])),
        ("Working days per year", f"{data['workdays_per_year']:g}"),
        ("Quality bar (MMLU-equivalent)",
         " · ".join(f"{COMPLEXITY_LABELS[c]} {getattr(bar, c):.0%}" for c in COMPLEXITIES)),
        ("Head-count", f"{workers:,} workers in {len(staffed)} of {len(data['roles'])} roles"),
        ("Your roles", ", ".join(r.name for r in inputs.custom_roles) or "none"),
        ("Your tasks", ", ".join(t.name for t in inputs.custom_tasks) or "none"),
        ("Baseline", "every call on Commercial Large (all-large)"),
        ("Routing rule", "each task to the cheapest category in use that meets its quality "
                         "bar; Fine-Tuned and Specialist serve narrow tasks only"),
    ]
    return Table(table_id="routing_inputs", title="Inputs", columns=["Input", "Value"],
                 rows=[list(r) for r in rows], values=[list(r) for r in rows])


def _categories_table(data: dict[str, Any]) -> Table:
    year = data["year"]
    base = routing.BASE_YEAR
    shares = {m["category_id"]: m["share"] for m in data["routing_mix"]}
    columns = ["Category", "In use", f"$/M tokens {base}"]
    if year != base:
        columns.append(f"$/M tokens {year}")
    columns += ["Quality (MMLU)", "Share of calls"]
    rows = []
    for category in data["categories"]:
        prices = category["usd_per_mtok"]
        price_values = [prices[str(base)]] + ([prices[str(year)]] if year != base else [])
        quality = category["quality"]
        share = shares.get(category["category_id"], 0.0)
        cells = [category["label"], "yes" if category["enabled"] else "no",
                 *[small_usd(p) for p in price_values],
                 "narrow tasks" if quality is None else f"{quality:.0%}", f"{share:.0%}"]
        raw = [category["label"], category["enabled"], *price_values, quality, share]
        rows.append((cells, raw))
    return make_table("routing_categories", "Model categories", columns, rows,
                      list(range(2, len(columns))))


def _headline_table(data: dict[str, Any]) -> Table:
    multiple = data["overspend_multiple"]
    rows = [
        (["All-large (every call on Commercial Large)", usd(data["all_large_daily_usd"]),
          usd(data["all_large_annual_usd"])],
         ["All-large", data["all_large_daily_usd"], data["all_large_annual_usd"]]),
        (["Routed (cheapest adequate category)", usd(data["optimal_daily_usd"]),
          usd(data["optimal_annual_usd"])],
         ["Routed", data["optimal_daily_usd"], data["optimal_annual_usd"]]),
        (["Routing savings (all-large − routed)", usd(data["overspend_daily_usd"]),
          usd(data["overspend_annual_usd"])],
         ["Routing savings", data["overspend_daily_usd"], data["overspend_annual_usd"]]),
        (["Overspend multiple (all-large ÷ routed)", multiple_text(multiple),
          multiple_text(multiple)],
         ["Overspend multiple", multiple, multiple]),
    ]
    return make_table("routing_headline", "Headline figures",
                      ["Figure", "Per day", f"Per year ({data['workdays_per_year']:g} days)"],
                      rows, [1, 2])


def _roles_table(data: dict[str, Any]) -> Table:
    rows = []
    for role in data["roles"]:
        rows.append((
            [role["label"], f"{role['headcount']:,}", small_usd(role["optimal_per_worker_usd"]),
             small_usd(role["all_large_per_worker_usd"]), usd(role["optimal_annual_usd"]),
             usd(role["all_large_annual_usd"]), multiple_text(role["overspend_multiple"])],
            [role["label"], role["headcount"], role["optimal_per_worker_usd"],
             role["all_large_per_worker_usd"], role["optimal_annual_usd"],
             role["all_large_annual_usd"], role["overspend_multiple"]],
        ))
    workers = sum(r["headcount"] for r in data["roles"])
    rows.append((
        ["Total", f"{workers:,}", "", "", usd(data["optimal_annual_usd"]),
         usd(data["all_large_annual_usd"]), multiple_text(data["overspend_multiple"])],
        ["Total", workers, None, None, data["optimal_annual_usd"], data["all_large_annual_usd"],
         data["overspend_multiple"]],
    ))
    return make_table("routing_roles", "Cost by role",
                      ["Role", "Workers", "Routed $/worker/day", "All-large $/worker/day",
                       "Routed $/year", "All-large $/year", "Overspend"],
                      rows, [1, 2, 3, 4, 5, 6])


def _tasks_table(data: dict[str, Any]) -> Table:
    rows = []
    for task in data["tasks"]:
        calls = task["calls_per_worker_per_day"]
        rows.append((
            [task["name"], COMPLEXITY_LABELS[task["complexity"]]
             + (", narrow" if task["narrow"] else ""), task["routed_category"],
             compact(task["tokens"]), small_usd(task["routed_usd_per_call"]),
             small_usd(task["all_large_usd_per_call"]),
             "—" if calls is None else f"{calls:g}", multiple_text(task["overspend_multiple"])],
            [task["name"], task["complexity"], task["routed_category"], task["tokens"],
             task["routed_usd_per_call"], task["all_large_usd_per_call"], calls,
             task["overspend_multiple"]],
        ))
    return make_table("routing_tasks", f"Tasks at {data['year']} prices",
                      ["Task", "Complexity", "Routed to", "Tokens", "Routed $/call",
                       "All-large $/call", "Calls/worker/day", "Overspend"],
                      rows, [3, 4, 5, 6, 7])


def _projection_table(data: dict[str, Any]) -> Table:
    years = data["trajectory_years"]
    rows = []
    for task in data["tasks"]:
        values = [task["projection_routed"][str(y)] for y in years]
        rows.append(([task["name"], *[small_usd(v) for v in values]], [task["name"], *values]))
    return make_table("routing_projection", "Projected routed $/call (cheapest adequate "
                      "category each year)", ["Task", *[str(y) for y in years]], rows,
                      list(range(1, len(years) + 1)))


def _reasoning_table(data: dict[str, Any]) -> Table:
    rows = []
    for task in data["reasoning"]:
        seed_rm = task["seed_rm"]
        rows.append((
            [task["name"], f"{task['gain_pct']:g}", f"{task['cost_multiple']:g}×",
             f"{task['rm']:.3g}", task["verdict"], "" if seed_rm is None else f"{seed_rm:g}",
             task["seed_verdict"] or ""],
            [task["name"], task["gain_pct"], task["cost_multiple"], task["rm"],
             task["verdict"], seed_rm, task["seed_verdict"]],
        ))
    return make_table("routing_reasoning", "Reasoning multiplier",
                      ["Task", "Quality gain %", "Cost multiple", "RM", "Verdict", "Seed RM",
                       "Seed verdict"], rows, [1, 2, 3, 5])


def _summary(data: dict[str, Any]) -> str:
    workers = sum(r["headcount"] for r in data["roles"])
    text = (
        f"{len(data['roles'])} roles, {workers:,} workers, at {data['year']} prices and "
        f"{data['workdays_per_year']:g} working days a year. Sending every call to a Commercial "
        f"Large model costs {usd(data['all_large_annual_usd'])} a year "
        f"({usd(data['all_large_daily_usd'])} a day); routing each task to the cheapest "
        f"category that meets its quality bar costs {usd(data['optimal_annual_usd'])} "
        f"({usd(data['optimal_daily_usd'])} a day)."
    )
    multiple = data["overspend_multiple"]
    if multiple is not None:
        text += (f" All-large spends {multiple:.1f}× the routed cost: "
                 f"{usd(data['overspend_annual_usd'])} a year more.")
    mix = _mix(data)
    if mix:
        text += (f" By daily call volume, {mix[0]['share']:.0%} of task calls go to "
                 f"{mix[0]['label']}"
                 + "".join(f", {m['share']:.0%} to {m['label']}" for m in mix[1:]) + ".")
    return text


def _recommendation(data: dict[str, Any]) -> str:
    savings = data["overspend_annual_usd"]
    multiple = data["overspend_multiple"]
    if data["all_large_daily_usd"] == 0 and data["optimal_daily_usd"] == 0:
        return ("Routing has nothing to save yet: no role has workers; enter head-counts "
                "per role.")
    if savings <= 0 or multiple is None:
        return (f"Routing saves nothing at {data['year']} prices: the routed plan costs "
                f"{usd(data['optimal_annual_usd'])} a year against "
                f"{usd(data['all_large_annual_usd'])} all-large.")
    return (f"Route each task to the cheapest model category that meets its quality bar "
            f"instead of sending every call to a large model: it saves {usd(savings)} a year "
            f"at {data['year']} prices (all-large costs {multiple:.1f}× as much).")


def routing_section(scenario: Scenario, figures: dict[str, Any],
                    catalog: Catalog) -> ReportSection:
    data = figures["routing"]
    year = data["year"]
    notes = data["notes"]
    bases = list(dict.fromkeys(role["basis"] for role in data["roles"]))
    blocks: list[Block] = [
        Heading(text=TITLE),
        Paragraph(text=_summary(data)),
        _inputs_table(scenario, data),
        _headline_table(data),
    ]
    blocks += [Paragraph(text=warning, style="warning") for warning in data["warnings"]]
    blocks += [
        Chart(chart_id="routing_role_cost", title="Daily cost by role",
              caption="Daily cost of all workers in each role: red, every call on a Commercial "
                      "Large model; green, each task routed to the cheapest adequate category. "
                      "The label at each red bar is the role's overspend multiple.",
              payload=data),
        _roles_table(data),
        Paragraph(text="Role costs: " + "; ".join(bases) + ".", style="note"),
    ]
    blocks += [Paragraph(text=note, style="note") for note in notes[:1]]
    blocks += [
        Chart(chart_id="routing_price_trajectory", title="Price by category",
              caption=f"Price per million tokens by category, 2024–2030, log scale. Solid lines "
                      "follow the seed's trajectory (dots: years it prints), dashed lines the "
                      "geometric mean of the projected categories; faint lines are categories "
                      f"not in use. The dashed vertical line marks the plan year ({year}).",
              payload=data),
        _categories_table(data),
        _tasks_table(data),
        _projection_table(data),
    ]
    blocks += [Paragraph(text=note, style="note") for note in notes[1:]]
    blocks += [
        Chart(chart_id="routing_reasoning_multiplier", title="Reasoning multiplier",
              caption="RM = quality gain % ÷ cost multiple of a reasoning model over an instruct "
                      "model, log scale; each shaded band is a verdict and starts at one seed "
                      "task's RM.",
              payload=data),
        _reasoning_table(data),
        Paragraph(text="RM verdicts: " + data["rm_band_rule"], style="note"),
    ]
    multiple = data["overspend_multiple"]
    key_figures = [
        KeyFigure(label="Routing savings per year", value=usd(data["overspend_annual_usd"]),
                  detail=f"{usd(data['all_large_annual_usd'])} all-large − "
                         f"{usd(data['optimal_annual_usd'])} routed"),
        KeyFigure(label="Routing overspend", value=multiple_text(multiple),
                  detail=f"all-large ÷ routed, {year} prices"),
    ]
    return ReportSection(planner_id="routing", title=TITLE, blocks=blocks,
                         key_figures=key_figures, recommendation=_recommendation(data),
                         sources=routing.sources_used(scenario.routing, catalog))
