"""The user's own prices: negotiated GPU prices, the organisation's API prices, hourly rates.

They live in one JSON file in the user data folder, never in the bundled
catalog. ``apply_overrides`` lays them over a loaded catalog, so every planner
and picker reads them through the tables it already reads. Each override
carries its own source text and date, and each overridden row is marked in an
``origin`` column ("catalog" or "override").
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal

import polars as pl
from econplan.core.atomic_write import atomic_write_text
from econplan.core.catalog import Catalog, TableOverlay
from econplan.core.model_base import CoreModel
from econplan.core.paths import user_data_dir
from pydantic import ConfigDict, Field, ValidationError, model_validator

OVERRIDES_FILE_NAME = "price_overrides.json"
MAX_OVERRIDES_BYTES = 20 * 1024 * 1024
ORIGIN_COLUMN = "origin"
ORIGIN_CATALOG = "catalog"
ORIGIN_OVERRIDE = "override"

# The three kinds of override, the catalog table each lays over, and its key column.
OverrideKind = Literal["api", "gpu", "rate"]
TABLE_OF_KIND: dict[str, tuple[str, str]] = {
    "api": ("api_prices", "price_id"),
    "gpu": ("gpus", "gpu_id"),
    "rate": ("planner_assumptions", "assumption_id"),
}

AS_OF_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
Id = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.:\-]+$")]
Text = Annotated[str, Field(max_length=200)]
AsOf = Annotated[str, Field(pattern=AS_OF_PATTERN)]
PricePerMtok = Annotated[float | None, Field(ge=0, le=10_000, allow_inf_nan=False)]
Usd = Annotated[float | None, Field(ge=0, le=1e9, allow_inf_nan=False)]


class _Override(CoreModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    source: Annotated[str, Field(min_length=1, max_length=500)]
    as_of: AsOf


class ApiPriceOverride(_Override):
    """The organisation's price of an API model, in USD per million tokens."""

    kind: Literal["api"] = "api"
    price_id: Id
    provider: Text | None = None
    model: Annotated[str, Field(min_length=1, max_length=200)]
    category_id: Annotated[str | None, Field(max_length=64)] = None
    usd_per_mtok_input: PricePerMtok = None
    usd_per_mtok_output: PricePerMtok = None
    usd_per_mtok_cached_input: PricePerMtok = None
    usd_per_mtok_batch_input: PricePerMtok = None
    usd_per_mtok_batch_output: PricePerMtok = None

    @model_validator(mode="after")
    def _has_a_price(self) -> ApiPriceOverride:
        if self.usd_per_mtok_input is None and self.usd_per_mtok_output is None:
            raise ValueError(f"API price {self.price_id!r} needs an input or an output price")
        return self

    @property
    def key(self) -> str:
        return self.price_id


class GpuOverride(_Override):
    """A negotiated GPU price: per GPU-hour in the cloud and/or to buy one."""

    kind: Literal["gpu"] = "gpu"
    gpu_id: Id
    name: Text | None = None
    cloud_usd_per_hour_low: Usd = None
    cloud_usd_per_hour_high: Usd = None
    purchase_usd_low: Usd = None
    purchase_usd_high: Usd = None

    @model_validator(mode="after")
    def _has_a_sound_price(self) -> GpuOverride:
        pairs = (("cloud_usd_per_hour", self.cloud_usd_per_hour_low, self.cloud_usd_per_hour_high),
                 ("purchase_usd", self.purchase_usd_low, self.purchase_usd_high))
        if all(low is None and high is None for _, low, high in pairs):
            raise ValueError(f"GPU {self.gpu_id!r} needs a cloud or a purchase price")
        for name, low, high in pairs:
            if (low is None) != (high is None):
                raise ValueError(f"GPU {self.gpu_id!r}: {name} needs both low and high")
            if low is not None and high is not None and low > high:
                raise ValueError(f"GPU {self.gpu_id!r}: {name}_low is above {name}_high")
        return self

    @property
    def key(self) -> str:
        return self.gpu_id


class RateOverride(_Override):
    """The organisation's hourly rate for one of the catalog's rate assumptions."""

    kind: Literal["rate"] = "rate"
    assumption_id: Id
    value_low: Annotated[float, Field(ge=0, le=1e6, allow_inf_nan=False)]
    value_high: Annotated[float, Field(ge=0, le=1e6, allow_inf_nan=False)]

    @model_validator(mode="after")
    def _ordered(self) -> RateOverride:
        if self.value_low > self.value_high:
            raise ValueError(f"rate {self.assumption_id!r}: value_low is above value_high")
        return self

    @property
    def key(self) -> str:
        return self.assumption_id


Override = Annotated[ApiPriceOverride | GpuOverride | RateOverride, Field(discriminator="kind")]


class PriceOverrides(CoreModel):
    """Every override the user keeps; at most one per (kind, id)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    schema_version: Literal[1] = 1
    overrides: Annotated[list[Override], Field(max_length=100_000)] = []  # noqa: RUF012

    def of_kind(self, kind: OverrideKind) -> list[Override]:
        return [item for item in self.overrides if item.kind == kind]

    def find(self, kind: OverrideKind, key: str) -> Override | None:
        return next((o for o in self.overrides if o.kind == kind and o.key == key), None)

    def with_overrides(self, items: Iterable[Override]) -> PriceOverrides:
        """A copy with ``items`` added, each replacing an override of the same kind and id."""
        merged = {(o.kind, o.key): o for o in self.overrides}
        for item in items:
            merged[(item.kind, item.key)] = item
        return PriceOverrides(overrides=list(merged.values()))

    def without(self, kind: OverrideKind, key: str) -> PriceOverrides:
        if self.find(kind, key) is None:
            raise KeyError(f"no {kind} override {key!r}")
        return PriceOverrides(overrides=[o for o in self.overrides
                                         if not (o.kind == kind and o.key == key)])


# -- the user file ----------------------------------------------------------------------


def overrides_path() -> Path:
    return user_data_dir() / OVERRIDES_FILE_NAME


@dataclass(frozen=True)
class LoadedOverrides:
    overrides: PriceOverrides
    problem: str | None = None  # why the file was not used; None when it loaded (or is absent)


def load_overrides(path: Path | None = None) -> LoadedOverrides:
    """The user's overrides; a missing file is none, a broken one is none plus a message."""
    path = path or overrides_path()
    if not path.exists():
        return LoadedOverrides(PriceOverrides())
    try:
        if path.stat().st_size > MAX_OVERRIDES_BYTES:
            raise ValueError(f"larger than {MAX_OVERRIDES_BYTES // (1024 * 1024)} MB")
        payload = json.loads(path.read_text(encoding="utf-8"))
        return LoadedOverrides(PriceOverrides.model_validate(payload))
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        reason = f"{where}: {first['msg']}" if where else first["msg"]
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as exc:
        reason = str(exc) or type(exc).__name__
    return LoadedOverrides(PriceOverrides(),
                           f"Your price overrides in {path} could not be read ({reason}); "
                           "the catalog's prices are used until the file is fixed or reset.")


def save_overrides(overrides: PriceOverrides, path: Path | None = None) -> Path:
    path = path or overrides_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_text(path, overrides.model_dump_json(indent=2, exclude_none=True) + "\n")
    return path


# -- laying overrides over the catalog --------------------------------------------------


def rate_assumption_ids(catalog: Catalog) -> list[str]:
    """planner_assumptions rows that are hourly rates (the ones a rate override may replace)."""
    table = catalog.table("planner_assumptions")
    return [row["assumption_id"] for row in table.iter_rows(named=True)
            if re.match(r"^USD per (GPU-)?hour$", str(row["unit"] or ""))]


def _figures(item: Override) -> dict[str, object]:
    skip = {"kind", "source", "as_of", TABLE_OF_KIND[item.kind][1]}
    return {name: value for name, value in item.model_dump().items()
            if name not in skip and value is not None}


def unusable_overrides(catalog: Catalog, overrides: PriceOverrides) -> list[str]:
    """Why each override the catalog cannot take is left out (rates must name a rate row)."""
    known = set(rate_assumption_ids(catalog))
    return [f"rate {item.key!r} is not an hourly rate of this catalog"
            for item in overrides.of_kind("rate") if item.key not in known]


def _overridden_table(frame: pl.DataFrame, key_column: str, items: list[Override]) -> pl.DataFrame:
    rows = {row[key_column]: row for row in frame.iter_rows(named=True)}
    order = list(rows)
    for row in rows.values():
        row[ORIGIN_COLUMN] = ORIGIN_CATALOG
    for item in items:
        figures = _figures(item)
        existing = rows.get(item.key)
        if existing is None:
            row = dict.fromkeys(frame.columns)
            row[key_column] = item.key
            order.append(item.key)
            source = item.source
        else:
            row = dict(existing)
            # A figure the override leaves out keeps the catalog's, and says where it is from.
            kept_catalog_figure = any(
                name not in figures and row.get(name) is not None
                for name in _price_columns(frame))
            source = f"{item.source}; other figures: {existing['source']}" if kept_catalog_figure \
                else item.source
        row.update({name: value for name, value in figures.items() if name in frame.columns})
        row.update(source=source, as_of=item.as_of, **{ORIGIN_COLUMN: ORIGIN_OVERRIDE})
        rows[item.key] = row
    schema = dict(frame.schema) | {ORIGIN_COLUMN: pl.String}
    return pl.DataFrame([rows[key] for key in order], schema=schema)


def _price_columns(frame: pl.DataFrame) -> list[str]:
    return [name for name, dtype in frame.schema.items()
            if dtype.is_numeric() and name.startswith(("usd_", "cloud_usd", "purchase_usd",
                                                       "value_"))]


def apply_overrides(catalog: Catalog, overrides: PriceOverrides) -> Catalog:
    """A new catalog whose price tables carry the overrides (an override beats the catalog)."""
    replaced: dict[str, pl.DataFrame] = {}
    usable_rates = set(rate_assumption_ids(catalog))
    for kind, (table_name, key_column) in TABLE_OF_KIND.items():
        if table_name not in catalog.tables:
            continue
        items = [item for item in overrides.of_kind(kind)
                 if kind != "rate" or item.key in usable_rates]
        replaced[table_name] = _overridden_table(catalog.tables[table_name], key_column, items)
    # The other tables stay the catalog's, read when first used (core/catalog.py);
    # replace() keeps any other catalog attribute (path, meta, load notes) as loaded.
    return dataclasses.replace(catalog, tables=TableOverlay(catalog.tables, replaced))


def figures_text(item: Override) -> str:
    """'input 0.8, output 4' — the override's figures, for lists."""
    return ", ".join(f"{_figure_label(name)} {value:g}"
                     for name, value in _figures(item).items() if isinstance(value, float))


def _figure_label(column: str) -> str:
    """'usd_per_mtok_cached_input' -> 'cached input'; 'cloud_usd_per_hour_low' -> 'cloud $/h low'"""
    label = column.removeprefix("usd_per_mtok_").removeprefix("value_")
    label = label.replace("cloud_usd_per_hour", "cloud $/h").replace("purchase_usd", "purchase $")
    return label.replace("_", " ")


def is_override(row: dict) -> bool:
    """Whether a catalog row (as a dict) comes from the user's overrides."""
    return row.get(ORIGIN_COLUMN) == ORIGIN_OVERRIDE


def picker_text(text: str, row: dict) -> str:
    """A picker's entry for a catalog row, marked when the figures are the user's own."""
    return f"{text} · your price" if is_override(row) else text


def with_user_overrides(catalog: Catalog, path: Path | None = None) -> tuple[Catalog, list[str]]:
    """The catalog with the user's overrides laid over it, and any notes to show once
    (a broken file, overrides this catalog cannot take)."""
    loaded = load_overrides(path)
    notes = [loaded.problem] if loaded.problem else []
    notes += unusable_overrides(catalog, loaded.overrides)
    return apply_overrides(catalog, loaded.overrides), notes
