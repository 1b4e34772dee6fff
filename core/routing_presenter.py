"""What a person reads of a routing result: cards, tables, notes, recommendation."""

from __future__ import annotations

from dataclasses import dataclass

from econplan.core import routing
from econplan.core.formatting import compact, small_usd, usd
from econplan.core.report_blocks import Card, Presentation, Table, make_table
from econplan.core.routing import MixShare, RmTask, RoleCost, RoutingResult
from econplan.core.routing_inputs import COMPLEXITY_LABELS
from econplan.core.uncertainty import Uncertainty
from econplan.core.uncertainty_text import never_or, with_bands


def multiple_text(multiple: float | None) -> str:
    return "—" if multiple is None else f"{multiple:.1f}×"


# The role chart draws every role up to the seed's 14 (the default and every preset);
# beyond that, bars of a few pixels with overlapping labels say nothing, so it draws
# the roles that cost most on all-large and one bar for the rest.
ROLE_CHART_EVERY_ROLE_UP_TO = 14
ROLE_CHART_LARGEST = 12
ROLE_CHART_TITLE = "Cost per day by role"


@dataclass(frozen=True)
class RoleBar:
    """One bar pair of the role chart: a role, or the sum of the roles grouped in it."""

    label: str
    optimal_daily_usd: float
    all_large_daily_usd: float
    overspend_multiple: float | None
    roles: int = 1  # how many roles the bar sums


def role_chart_bars(roles: list[RoleCost]) -> list[RoleBar]:
    """The bars of the role chart, top to bottom, in the order of ``roles``.

    Past ``ROLE_CHART_EVERY_ROLE_UP_TO`` roles: the ``ROLE_CHART_LARGEST`` roles with the
    largest all-large daily cost (ties: the first listed), in their listed order, then
    one "Other N roles" bar summing the rest, with its own overspend multiple.
    """
    if len(roles) <= ROLE_CHART_EVERY_ROLE_UP_TO:
        return [RoleBar(r.label, r.optimal_daily_usd, r.all_large_daily_usd,
                        r.overspend_multiple) for r in roles]
    ranked = sorted(range(len(roles)), key=lambda i: -roles[i].all_large_daily_usd)
    largest = set(ranked[:ROLE_CHART_LARGEST])
    bars = [RoleBar(r.label, r.optimal_daily_usd, r.all_large_daily_usd, r.overspend_multiple)
            for i, r in enumerate(roles) if i in largest]
    rest = [r for i, r in enumerate(roles) if i not in largest]
    optimal = sum(r.optimal_daily_usd for r in rest)
    large = sum(r.all_large_daily_usd for r in rest)
    bars.append(RoleBar(f"Other {len(rest)} roles", optimal, large,
                        large / optimal if optimal > 0 else None, len(rest)))
    return bars


def role_chart_title(roles: list[RoleCost]) -> str:
    """The chart's title, saying when roles are grouped (short: at 1366 px the chart has
    ~200 px for it beside the widest role name, and a longer one is elided)."""
    if len(roles) <= ROLE_CHART_EVERY_ROLE_UP_TO:
        return ROLE_CHART_TITLE
    return f"Top {ROLE_CHART_LARGEST} of {len(roles)} roles"


RM_CHART_TASKS = 14
RM_CHART_TITLE = "Reasoning multiplier (RM)"


def rm_chart_tasks(tasks: list[RmTask]) -> list[RmTask]:
    """The tasks the RM chart names, in the order of ``tasks``.

    Up to ``RM_CHART_TASKS``: every one. Past it: every published task, then yours with
    the highest RM (where reasoning pays most; ties: the first listed) up to that many.
    Hundreds of task names on one axis were an unreadable black block.
    """
    if len(tasks) <= RM_CHART_TASKS:
        return list(tasks)
    published = [i for i, t in enumerate(tasks) if t.origin != "yours"]
    yours = sorted((i for i, t in enumerate(tasks) if t.origin == "yours"),
                   key=lambda i: -tasks[i].rm)
    shown = set(published[:RM_CHART_TASKS])
    shown.update(yours[:max(RM_CHART_TASKS - len(shown), 0)])
    return [t for i, t in enumerate(tasks) if i in shown]


def rm_chart_title(tasks: list[RmTask]) -> str:
    """The chart's title, saying when only some tasks are named (short: see role_chart_title)."""
    if len(tasks) <= RM_CHART_TASKS:
        return RM_CHART_TITLE
    return f"RM: {RM_CHART_TASKS} of {len(tasks)} tasks"


def mix_shares(result: RoutingResult) -> list[MixShare]:
    return sorted((m for m in result.routing_mix if m.share > 0), key=lambda m: -m.share)


def _categories_table(result: RoutingResult) -> Table:
    year = result.year
    base = routing.BASE_YEAR
    shares = {m.category_id: m.share for m in result.routing_mix}
    columns = ["Category", "In use", f"$/M tokens {base}"]
    if year != base:
        columns.append(f"$/M tokens {year}")
    columns += ["Quality (MMLU)", "Share of calls"]
    rows = []
    for category in result.categories:
        prices = category.usd_per_mtok
        price_values = [prices[base]] + ([prices[year]] if year != base else [])
        quality = category.quality
        share = shares.get(category.category_id, 0.0)
        cells = [category.label, "yes" if category.enabled else "no",
                 *[small_usd(p) for p in price_values],
                 "narrow tasks" if quality is None else f"{quality:.0%}", f"{share:.0%}"]
        raw = [category.label, category.enabled, *price_values, quality, share]
        rows.append((cells, raw))
    return make_table("routing_categories", "Model categories", columns, rows,
                      list(range(2, len(columns))))


def _headline_table(result: RoutingResult) -> Table:
    multiple = result.overspend_multiple
    rows = [
        (["All-large (every call on Commercial Large)", usd(result.all_large_daily_usd),
          usd(result.all_large_annual_usd)],
         ["All-large", result.all_large_daily_usd, result.all_large_annual_usd]),
        (["Routed (cheapest adequate category)", usd(result.optimal_daily_usd),
          usd(result.optimal_annual_usd)],
         ["Routed", result.optimal_daily_usd, result.optimal_annual_usd]),
        (["Routing savings (all-large − routed)", usd(result.overspend_daily_usd),
          usd(result.overspend_annual_usd)],
         ["Routing savings", result.overspend_daily_usd, result.overspend_annual_usd]),
        (["Overspend multiple (all-large ÷ routed)", multiple_text(multiple),
          multiple_text(multiple)],
         ["Overspend multiple", multiple, multiple]),
    ]
    return make_table("routing_headline", "Headline figures",
                      ["Figure", "Per day", f"Per year ({result.workdays_per_year:g} days)"],
                      rows, [1, 2])


def _roles_table(result: RoutingResult) -> Table:
    rows = []
    for role in result.roles:
        rows.append((
            [role.label, f"{role.headcount:,}", small_usd(role.optimal_per_worker_usd),
             small_usd(role.all_large_per_worker_usd), usd(role.optimal_annual_usd),
             usd(role.all_large_annual_usd), multiple_text(role.overspend_multiple)],
            [role.label, role.headcount, role.optimal_per_worker_usd,
             role.all_large_per_worker_usd, role.optimal_annual_usd,
             role.all_large_annual_usd, role.overspend_multiple],
        ))
    workers = sum(r.headcount for r in result.roles)
    rows.append((
        ["Total", f"{workers:,}", "", "", usd(result.optimal_annual_usd),
         usd(result.all_large_annual_usd), multiple_text(result.overspend_multiple)],
        ["Total", workers, None, None, result.optimal_annual_usd, result.all_large_annual_usd,
         result.overspend_multiple],
    ))
    return make_table("routing_roles", "Cost by role",
                      ["Role", "Workers", "Routed $/worker/day", "All-large $/worker/day",
                       "Routed $/year", "All-large $/year", "Overspend"],
                      rows, [1, 2, 3, 4, 5, 6])


def _tasks_table(result: RoutingResult) -> Table:
    rows = []
    for task in result.tasks:
        calls = task.calls_per_worker_per_day
        rows.append((
            [task.name, COMPLEXITY_LABELS[task.complexity]
             + (", narrow" if task.narrow else ""), task.routed_category,
             compact(task.tokens), small_usd(task.routed_usd_per_call),
             small_usd(task.all_large_usd_per_call),
             "—" if calls is None else f"{calls:g}", multiple_text(task.overspend_multiple)],
            [task.name, task.complexity, task.routed_category, task.tokens,
             task.routed_usd_per_call, task.all_large_usd_per_call, calls,
             task.overspend_multiple],
        ))
    return make_table("routing_tasks", f"Tasks at {result.year} prices",
                      ["Task", "Complexity", "Routed to", "Tokens", "Routed $/call",
                       "All-large $/call", "Calls/worker/day", "Overspend"],
                      rows, [3, 4, 5, 6, 7])


def _projection_table(result: RoutingResult) -> Table:
    years = result.trajectory_years
    rows = []
    for task in result.tasks:
        values = [task.projection_routed[y] for y in years]
        rows.append(([task.name, *[small_usd(v) for v in values]], [task.name, *values]))
    return make_table("routing_projection", "Projected routed $/call (cheapest adequate "
                      "category each year)", ["Task", *[str(y) for y in years]], rows,
                      list(range(1, len(years) + 1)))


def _reasoning_table(result: RoutingResult) -> Table:
    rows = []
    for task in result.reasoning:
        seed_rm = task.seed_rm
        rows.append((
            [task.name, f"{task.gain_pct:g}", f"{task.cost_multiple:g}×",
             f"{task.rm:.3g}", task.verdict, "" if seed_rm is None else f"{seed_rm:g}",
             task.seed_verdict or ""],
            [task.name, task.gain_pct, task.cost_multiple, task.rm,
             task.verdict, seed_rm, task.seed_verdict],
        ))
    return make_table("routing_reasoning", "Reasoning multiplier",
                      ["Task", "Quality gain %", "Cost multiple", "RM", "Verdict", "Seed RM",
                       "Seed verdict"], rows, [1, 2, 3, 5])


def _recommendation(result: RoutingResult) -> str:
    savings = result.overspend_annual_usd
    multiple = result.overspend_multiple
    if result.all_large_daily_usd == 0 and result.optimal_daily_usd == 0:
        return ("Routing has nothing to save yet: no role has workers; enter head-counts "
                "per role.")
    if savings <= 0 or multiple is None:
        return (f"Routing saves nothing at {result.year} prices: the routed plan costs "
                f"{usd(result.optimal_annual_usd)} a year against "
                f"{usd(result.all_large_annual_usd)} all-large.")
    return (f"Route each task to the cheapest model category that meets its quality bar "
            f"instead of sending every call to a large model: it saves {usd(savings)} a year "
            f"at {result.year} prices (all-large costs {multiple:.1f}× as much).")


def _cards(result: RoutingResult) -> list[Card]:
    mix = mix_shares(result)
    if mix:
        mix_value = f"{mix[0].share:.0%}"
        # A no-break space keeps each share with its category: a card wrapped as
        # "Commercial Large · 21%" / "Reasoning" read as 21% Commercial Large.
        mix_caption = mix[0].label + "".join(f" · {m.share:.0%}\N{NO-BREAK SPACE}{m.label}"
                                             for m in mix[1:])
    else:
        mix_value, mix_caption = "—", "no task has a daily volume"
    return [
        Card(key="all_large", label="All-large cost / year", value=usd(result.all_large_annual_usd),
             caption=f"{usd(result.all_large_daily_usd)} per day",
             tooltip="Every call on a Commercial Large model."),
        Card(key="routed", label="Routed cost / year", value=usd(result.optimal_annual_usd),
             caption=f"{usd(result.optimal_daily_usd)} per day",
             tooltip="Each task on the cheapest category meeting its bar."),
        Card(key="overspend", label="Routing overspend",
             value=multiple_text(result.overspend_multiple),
             caption=(f"all-large ÷ routed at {result.year} prices: "
                      f"{usd(result.overspend_annual_usd)} a year wasted"),
             tooltip=f"All-large ÷ routed, per year, at {result.year} prices."),
        Card(key="mix", label="Routing mix", value=mix_value, caption=mix_caption,
             tooltip="Share of calls per category (tasks with a daily volume)."),
        Card(key="savings", label="Routing savings per year",
             value=usd(result.overspend_annual_usd),
             caption=(f"{usd(result.all_large_annual_usd)} all-large − "
                      f"{usd(result.optimal_annual_usd)} routed")),
    ]


def present(result: RoutingResult, *, tables: bool = True,
            uncertainty: Uncertainty | None = None) -> Presentation:
    """The routing result as a person reads it.

    ``tables=False`` skips the result tables: a tab fills its own, and a slider tick
    should not build them."""
    bases = list(dict.fromkeys(role.basis for role in result.roles))
    builders = [_headline_table, _roles_table, _categories_table, _tasks_table,
                _projection_table, _reasoning_table]
    # The routing inputs hold no ranges today; a band shows once a figure has spread.
    cards = with_bands(_cards(result), uncertainty, {
        "all_large": ("routing.all_large_annual_usd", never_or(usd)),
        "routed": ("routing.optimal_annual_usd", never_or(usd)),
        "overspend": ("routing.overspend_multiple", multiple_text),
    })
    return Presentation(
        planner_id="routing", cards=cards, summary_keys=["savings", "overspend"],
        tables=[build(result) for build in builders] if tables else [],
        notes=["Role costs: " + "; ".join(bases) + ".", *result.notes,
               "RM verdicts: " + result.rm_band_rule],
        warnings=list(result.warnings), recommendation=_recommendation(result))
