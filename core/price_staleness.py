"""Which prices a plan uses are old or undated, and what they would be today.

A price counts as used from the catalog when the scenario still holds the
catalog row's figure; a figure the user typed in is their own and is not
judged here. Prices older than the threshold are listed with their age; API
prices are also brought forward to today with the scenario's price-decline
setting (``breakeven.api_price_decline_per_year``).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable
from typing import Literal

from econplan.core.catalog import Catalog, CatalogError
from econplan.core.formatting import usd
from econplan.core.model_base import CoreModel
from econplan.core.routing import BASE_YEAR, category_label
from econplan.core.routing import default_inputs_payload as routing_defaults
from econplan.core.scenario import Scenario
from pydantic import ConfigDict

DEFAULT_THRESHOLD_MONTHS = 6.0
MAX_FIGURES_IN_NOTE = 4
STALE_PRICE_WARNING = ("One source notes that a budget set 12 months ago is probably wrong by "
                       "30% or more, as vendor prices dropped 40–90% in 24 months "
                       "(Fine-Tuning Cost – Training + Inference Break-Even).")

Status = Literal["stale", "undated", "missing"]


class PriceFigure(CoreModel):
    model_config = ConfigDict(frozen=True)

    name: str  # "input per million tokens"
    usd: float
    usd_today: float | None  # brought forward with the decline setting; None for non-API prices


class PriceAge(CoreModel):
    model_config = ConfigDict(frozen=True)

    planner: str
    table: str
    key: str
    label: str
    as_of: str
    origin: str  # "catalog" or "override"
    status: Status
    age_months: float | None
    figures: list[PriceFigure]


class PriceStaleness(CoreModel):
    """The old, undated and vanished prices a plan uses; empty ``prices`` when all are fresh."""

    model_config = ConfigDict(frozen=True)

    today: dt.date
    threshold_months: float
    decline_per_year: float
    checked: int  # prices the plan takes from the catalog
    prices: list[PriceAge]

    def of_status(self, status: Status) -> list[PriceAge]:
        return [price for price in self.prices if price.status == status]

    @property
    def note(self) -> str:
        """One paragraph for a card or the PDF; '' when every price is recent."""
        stale, undated, missing = (self.of_status(s) for s in ("stale", "undated", "missing"))
        sentences = []
        if stale:
            oldest = max(stale, key=lambda p: p.age_months or 0)
            sentences.append(
                f"{_count(len(stale), 'price')} this plan uses "
                f"{'is' if len(stale) == 1 else 'are'} older than "
                f"{self.threshold_months:g} months (oldest: {oldest.label}, as of "
                f"{oldest.as_of}, {oldest.age_months:.0f} months ago).")
        if undated:
            sentences.append(f"{_count(len(undated), 'price')} "
                             f"{'has' if len(undated) == 1 else 'have'} no as-of date: "
                             + ", ".join(p.label for p in undated) + ".")
        if stale or undated:
            sentences.append(STALE_PRICE_WARNING)
            sentences.append(self._brought_forward_sentence(stale))
        for price in missing:
            sentences.append(f"{price.label} ({price.key}) is no longer in the catalog or your "
                             "price overrides; the plan keeps the figures it saved.")
        return " ".join(s for s in sentences if s)

    def _brought_forward_sentence(self, stale: list[PriceAge]) -> str:
        forward = [(p, f) for p in stale for f in p.figures if f.usd_today is not None]
        if not forward:
            return ""
        if self.decline_per_year == 0:
            return ("Set the yearly API price decline to bring the API prices forward to "
                    "today.")
        parts = [f"{p.label} {f.name} {usd(f.usd)} → {usd(f.usd_today)}"
                 for p, f in forward[:MAX_FIGURES_IN_NOTE]]
        more = len(forward) - MAX_FIGURES_IN_NOTE
        return (f"At the plan's {self.decline_per_year:.0%} yearly API price decline they would "
                "be, today: " + "; ".join(parts) + (f"; and {more} more" if more > 0 else "")
                + ".")


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def as_of_date(text: str | None) -> dt.date | None:
    """'2026-06' -> 2026-06-01 (the start of the period it names); None when undated."""
    match = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", (text or "").strip())
    if not match:
        return None
    year, month, day = (int(part) if part else 1 for part in match.groups())
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def age_in_months(as_of: dt.date, today: dt.date) -> float:
    """Calendar months from ``as_of`` to ``today`` ('2026-06' is 6 months old on 2026-12-01)."""
    months = (today.year - as_of.year) * 12 + today.month - as_of.month
    return max(0.0, months + (today.day - as_of.day) / 31)


def brought_forward(usd: float, age_months: float, decline_per_year: float) -> float:
    """The price today if it fell by ``decline_per_year`` every year since it was quoted."""
    return usd * (1 - decline_per_year) ** (age_months / 12)


def _same(a: float | None, b: float | None) -> bool:
    return a is not None and b is not None and math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


class _Use(CoreModel):
    """One catalog price a scenario holds: where it is and which figures came from it."""

    planner: str
    table: str
    key: str
    label: str
    row: dict | None
    figures: list[tuple[str, float]]
    api_price: bool


def _row(catalog: Catalog, table: str, column: str, key: str) -> dict | None:
    if table not in catalog.tables:
        return None
    try:
        return catalog.row(table, column, key)  # remembered: the note is redone every pause
    except CatalogError:  # none (a typed-in id) or several rows
        frame = catalog.tables[table]
        rows = frame.filter(frame[column] == key)
        return rows.row(0, named=True) if rows.height else None


def _training_uses(scenario: Scenario, catalog: Catalog) -> Iterable[_Use]:
    inputs = scenario.training
    gpu = _row(catalog, "gpus", "gpu_id", inputs.gpu_id)
    if gpu is None:
        yield _Use(planner="training", table="gpus", key=inputs.gpu_id,
                   label=f"GPU {inputs.gpu_id}", row=None, figures=[], api_price=False)
    elif inputs.pricing == "cloud":
        if _same(inputs.usd_per_gpu_hour.low, gpu["cloud_usd_per_hour_low"]) and \
                _same(inputs.usd_per_gpu_hour.high, gpu["cloud_usd_per_hour_high"]):
            yield _Use(planner="training", table="gpus", key=inputs.gpu_id,
                       label=f"{gpu['name']} cloud price", row=gpu, api_price=False,
                       figures=[("low per GPU-hour", gpu["cloud_usd_per_hour_low"]),
                                ("high per GPU-hour", gpu["cloud_usd_per_hour_high"])])
    elif _same(inputs.owned.purchase_usd.low, gpu["purchase_usd_low"]) and \
            _same(inputs.owned.purchase_usd.high, gpu["purchase_usd_high"]):
        yield _Use(planner="training", table="gpus", key=inputs.gpu_id,
                   label=f"{gpu['name']} purchase price", row=gpu, api_price=False,
                   figures=[("low purchase", gpu["purchase_usd_low"]),
                            ("high purchase", gpu["purchase_usd_high"])])
    if inputs.hidden.enabled:
        yield from _rate_use("training", catalog, "hourly_rate_usd", inputs.hidden.hourly_rate_usd,
                             "Hourly rate (training project)")


def _rate_use(planner: str, catalog: Catalog, assumption_id: str, value: float,
              label: str) -> Iterable[_Use]:
    row = _row(catalog, "planner_assumptions", "assumption_id", assumption_id)
    if row is not None and _same(value, row["value_low"]):
        yield _Use(planner=planner, table="planner_assumptions", key=assumption_id, label=label,
                   row=row, figures=[("per hour", value)], api_price=False)


def _breakeven_uses(scenario: Scenario, catalog: Catalog) -> Iterable[_Use]:
    inputs = scenario.breakeven
    api = inputs.api
    if api.pricing == "per_token" and api.price_id:
        row = _row(catalog, "api_prices", "price_id", api.price_id)
        if row is None:
            yield _Use(planner="breakeven", table="api_prices", key=api.price_id,
                       label="The API price", row=None, figures=[], api_price=True)
        elif _same(api.usd_per_mtok_input, row["usd_per_mtok_input"]) and \
                _same(api.usd_per_mtok_output, row["usd_per_mtok_output"]):
            yield _Use(planner="breakeven", table="api_prices", key=api.price_id,
                       label=f"{row['model']} API price", row=row, api_price=True,
                       figures=[("input per million tokens", api.usd_per_mtok_input),
                                ("output per million tokens", api.usd_per_mtok_output)])
    host = inputs.selfhost
    if host.serving == "gpu":
        gpu = _row(catalog, "gpus", "gpu_id", host.gpu_id)
        if gpu is not None and _same(host.usd_per_gpu_hour, gpu["cloud_usd_per_hour_low"]):
            yield _Use(planner="breakeven", table="gpus", key=host.gpu_id,
                       label=f"{gpu['name']} cloud price (serving)", row=gpu, api_price=False,
                       figures=[("per GPU-hour", host.usd_per_gpu_hour)])
        else:
            yield from _rate_use("breakeven", catalog, "breakeven_gpu", host.usd_per_gpu_hour,
                                 "GPU-hour price (serving)")
    yield from _rate_use("breakeven", catalog, "breakeven_hourly_rate",
                         inputs.one_off.hourly_rate_usd, "Hourly rate (set-up work)")
    if inputs.human.enabled:
        yield from _rate_use("breakeven", catalog, "breakeven_human_rate",
                             inputs.human.hourly_rate_usd, "Hourly rate (human process)")


def _routing_uses(scenario: Scenario, catalog: Catalog) -> Iterable[_Use]:
    defaults = {c["category_id"]: c["usd_per_mtok"]
                for c in routing_defaults(catalog)["categories"]}
    trajectory = catalog.tables.get("price_trajectory")
    for choice in scenario.routing.categories:
        if not choice.enabled or not _same(choice.usd_per_mtok, defaults.get(choice.category_id)):
            continue
        row = None
        table, key = "model_categories", choice.category_id
        if trajectory is not None:
            base = trajectory.filter((trajectory["category_id"] == choice.category_id)
                                     & (trajectory["year"] == BASE_YEAR))
            if base.height:
                row, table = base.row(0, named=True), "price_trajectory"
        row = row or _row(catalog, "model_categories", "category_id", choice.category_id)
        # Not brought forward: the routing planner already moves these base-year prices to
        # the plan's year along the price trajectory.
        yield _Use(planner="routing", table=table, key=key, row=row, api_price=False,
                   label=f"{category_label(catalog, choice.category_id)} category price",
                   figures=[("per million tokens", choice.usd_per_mtok)])


USES = {"training": _training_uses, "breakeven": _breakeven_uses, "routing": _routing_uses}


def price_staleness(scenario: Scenario, catalog: Catalog, today: dt.date,
                    threshold_months: float = DEFAULT_THRESHOLD_MONTHS,
                    planners: Iterable[str] | None = None) -> PriceStaleness:
    """The prices ``scenario`` takes from ``catalog`` that are older than the threshold,
    undated, or gone from the catalog."""
    if not threshold_months > 0:
        raise ValueError(f"threshold_months must be above 0, not {threshold_months!r}")
    decline = scenario.breakeven.api_price_decline_per_year
    wanted = list(USES) if planners is None else [p for p in planners if p in USES]
    uses = [use for planner in wanted for use in USES[planner](scenario, catalog)]
    found = []
    for use in uses:
        if use.row is None:
            found.append(PriceAge(planner=use.planner, table=use.table, key=use.key,
                                  label=use.label, as_of="", origin="", status="missing",
                                  age_months=None, figures=[]))
            continue
        quoted = as_of_date(use.row.get("as_of"))
        age = None if quoted is None else age_in_months(quoted, today)
        if age is not None and age <= threshold_months:
            continue
        figures = [PriceFigure(name=name, usd=usd,
                               usd_today=brought_forward(usd, age, decline)
                               if use.api_price and age is not None else None)
                   for name, usd in use.figures if usd is not None]
        found.append(PriceAge(planner=use.planner, table=use.table, key=use.key, label=use.label,
                              as_of=str(use.row.get("as_of") or ""),
                              origin=str(use.row.get("origin") or "catalog"),
                              status="undated" if age is None else "stale",
                              age_months=age, figures=figures))
    return PriceStaleness(today=today, threshold_months=threshold_months,
                          decline_per_year=decline, checked=sum(u.row is not None for u in uses),
                          prices=found)
