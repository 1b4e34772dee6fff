"""Read a LiteLLM-style ``model_prices_and_context_window.json`` the user provides.

The app stays offline: the user downloads the file and points the app at it.
Prices per token become prices per million tokens; cache-read and batch prices
come along when present. Entries that are not text models are skipped,
entries with unusable prices are listed with the reason, and before anything is
written the import is compared with the catalog's prices (new / changed /
unchanged). A file that cannot be read as a whole is an error and nothing is
written.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from econplan.core.catalog import Catalog
from econplan.core.price_overrides import ApiPriceOverride, PriceOverrides

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_DEPTH = 16
# The scenario's own bound on an API price; anything above is a typo or a unit mix-up.
MAX_USD_PER_MTOK = 10_000.0
TEXT_MODES = frozenset({"chat", "completion", "responses"})
ENTRY_PREFIX_FOR_NEW_IDS = "litellm_"

# LiteLLM field -> our per-million column
PRICE_FIELDS = {
    "input_cost_per_token": "usd_per_mtok_input",
    "output_cost_per_token": "usd_per_mtok_output",
    "cache_read_input_token_cost": "usd_per_mtok_cached_input",
    "input_cost_per_token_batches": "usd_per_mtok_batch_input",
    "output_cost_per_token_batches": "usd_per_mtok_batch_output",
}
REQUIRED_FIELDS = ("input_cost_per_token", "output_cost_per_token")
REQUIRED_COLUMNS = tuple(PRICE_FIELDS[f] for f in REQUIRED_FIELDS)
FIGURE_LABELS = {
    "usd_per_mtok_input": "input",
    "usd_per_mtok_output": "output",
    "usd_per_mtok_cached_input": "cached input",
    "usd_per_mtok_batch_input": "batch input",
    "usd_per_mtok_batch_output": "batch output",
}


class PriceFileError(ValueError):
    """The file as a whole cannot be imported (nothing is written)."""


@dataclass(frozen=True)
class ImportedPrice:
    name: str  # the entry's key in the file
    provider: str | None
    figures: dict[str, float]  # our column -> USD per million tokens


@dataclass(frozen=True)
class RejectedEntry:
    name: str
    reason: str


@dataclass(frozen=True)
class PriceFile:
    path: Path
    imported_on: dt.date
    prices: list[ImportedPrice]
    skipped: list[RejectedEntry]  # not text models (embedding, image, audio…) or the sample
    invalid: list[RejectedEntry]  # text models whose prices cannot be used


DiffStatus = Literal["new", "changed", "unchanged"]


@dataclass(frozen=True)
class PriceDiff:
    status: DiffStatus
    price: ImportedPrice
    price_id: str  # the catalog row it replaces, or the id a new model gets
    model: str
    catalog_figures: dict[str, float] = field(default_factory=dict)

    def describe(self) -> str:
        """'$0.25/$1.25 → $0.80/$4.00' (input/output per million), then other figures changed."""
        imported = self.price.figures
        text = _in_out(imported)
        if self.status == "changed":
            text = f"{_in_out(self.catalog_figures)} → {text}"
        extras = [f"{FIGURE_LABELS[column]} {_money(self.catalog_figures.get(column))} → "
                  f"{_money(value)}" for column, value in imported.items()
                  if column not in REQUIRED_COLUMNS
                  and not _close(self.catalog_figures.get(column), value)]
        return "; ".join([text, *extras]) if self.status != "unchanged" else text


def _money(value: float | None) -> str:
    if value is None:
        return "—"
    return f"${value:,.2f}" if value >= 0.1 else f"${value:g}"


def _in_out(figures: dict[str, float]) -> str:
    return (f"{_money(figures.get('usd_per_mtok_input'))}/"
            f"{_money(figures.get('usd_per_mtok_output'))}")


def _close(old: float | None, new: float) -> bool:
    return old is not None and math.isclose(old, new, rel_tol=1e-9, abs_tol=1e-12)


# -- reading the file ---------------------------------------------------------------------


def _nesting_depth(text: str) -> int:
    """Deepest bracket nesting outside strings, without parsing (a deep file can crash json)."""
    depth = deepest = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    return deepest


def _read_object(path: Path) -> dict:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise PriceFileError(f"cannot read {path}: {exc.strerror or exc}") from None
    if size > MAX_FILE_BYTES:
        raise PriceFileError(f"{path.name} is {size / 1e6:.0f} MB; a price file may be at most "
                             f"{MAX_FILE_BYTES // (1024 * 1024)} MB")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise PriceFileError(f"{path.name} is not UTF-8 text") from None
    except OSError as exc:
        raise PriceFileError(f"cannot read {path}: {exc.strerror or exc}") from None
    if _nesting_depth(text) > MAX_DEPTH:
        raise PriceFileError(f"{path.name} is nested more than {MAX_DEPTH} levels deep")
    try:
        # NaN/Infinity stay text so the entry holding them is listed as invalid.
        payload = json.loads(text, parse_constant=lambda name: name)
    except json.JSONDecodeError as exc:
        raise PriceFileError(f"{path.name} is not JSON (line {exc.lineno}: {exc.msg})") from None
    except ValueError as exc:  # e.g. an integer with thousands of digits
        raise PriceFileError(f"{path.name} cannot be read: {exc}") from None
    if not isinstance(payload, dict):
        raise PriceFileError(f"{path.name} must hold a JSON object of models by name, "
                             f"not a {type(payload).__name__}")
    return payload


def _per_million(entry: dict, litellm_field: str) -> float | None:
    """The field as USD per million tokens; None when absent; ValueError when unusable."""
    if litellm_field not in entry or entry[litellm_field] is None:
        return None
    value = entry[litellm_field]
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"{litellm_field} is not a number ({value!r})")
    per_million = float(value) * 1e6
    if not math.isfinite(per_million):
        raise ValueError(f"{litellm_field} is not a finite number")
    if per_million < 0:
        raise ValueError(f"{litellm_field} is negative")
    if per_million > MAX_USD_PER_MTOK:
        raise ValueError(f"{litellm_field} is ${per_million:,.0f} per million tokens, above "
                         f"the ${MAX_USD_PER_MTOK:,.0f} limit")
    return per_million


def _classify(name: str, entry: object) -> ImportedPrice | RejectedEntry | tuple[str, str]:
    """A usable price, an invalid entry, or ("skip", reason)."""
    if name == "sample_spec":
        return ("skip", "the file's field description, not a model")
    if not isinstance(entry, dict):
        return RejectedEntry(name, "not an object of prices")
    if len(name) > 200 or not name.strip():
        return RejectedEntry(name[:60], "the model name is empty or longer than 200 characters")
    mode = entry.get("mode", "chat")
    if mode not in TEXT_MODES:
        return ("skip", f"{mode} model" if isinstance(mode, str) else "unknown mode")
    try:
        figures = {column: value for field_name, column in PRICE_FIELDS.items()
                   if (value := _per_million(entry, field_name)) is not None}
    except ValueError as exc:
        return RejectedEntry(name, str(exc))
    missing = [f for f in REQUIRED_FIELDS if PRICE_FIELDS[f] not in figures]
    if missing:
        return RejectedEntry(name, f"no {' or '.join(missing)}")
    provider = entry.get("litellm_provider")
    return ImportedPrice(name=name, provider=provider if isinstance(provider, str) else None,
                         figures=figures)


def read_price_file(path: str | Path, today: dt.date | None = None) -> PriceFile:
    """Every text-model price in the file, with the skipped and the invalid entries."""
    path = Path(path)
    payload = _read_object(path)
    prices, skipped, invalid = [], [], []
    for name, entry in payload.items():
        outcome = _classify(str(name), entry)
        if isinstance(outcome, ImportedPrice):
            prices.append(outcome)
        elif isinstance(outcome, RejectedEntry):
            invalid.append(outcome)
        else:
            skipped.append(RejectedEntry(str(name), outcome[1]))
    return PriceFile(path=path, imported_on=today or dt.date.today(), prices=prices,
                     skipped=skipped, invalid=invalid)


# -- matching and the diff ----------------------------------------------------------------


def normalised_model_name(name: str) -> str:
    """'anthropic/claude-3-5-haiku-20241022' and 'Claude 3.5 Haiku' -> 'claude35haiku'."""
    text = name.strip().lower().rsplit("/", 1)[-1]
    text = text.split("@", 1)[0]
    text = re.sub(r"^[a-z]+\.(?=[a-z])", "", text)  # bedrock's 'anthropic.claude-…'
    text = re.sub(r"-v\d+(:\d+)?$", "", text)
    text = re.sub(r"[-_](latest|preview)$", "", text)
    text = re.sub(r"[-_]?(\d{8}|\d{4}-\d{2}-\d{2})$", "", text)
    return re.sub(r"[^a-z0-9]", "", text)


def _catalog_rows_by_name(catalog: Catalog) -> dict[str, dict]:
    """One catalog row per normalised model name, preferring rows with input and output."""
    rows: dict[str, dict] = {}
    for row in catalog.table("api_prices").iter_rows(named=True):
        key = normalised_model_name(str(row["model"]))
        priced = row["usd_per_mtok_input"] is not None and row["usd_per_mtok_output"] is not None
        current = rows.get(key)
        current_priced = current is not None and current["usd_per_mtok_input"] is not None \
            and current["usd_per_mtok_output"] is not None
        if current is None or (priced and not current_priced):
            rows[key] = row
    return rows


def _preference(price: ImportedPrice, row: dict | None) -> tuple[int, int, int]:
    """Lower is better: the catalog's own provider, then a plain name, then a short one."""
    provider_matches = bool(row and price.provider and row["provider"]
                            and price.provider.lower() == str(row["provider"]).lower())
    return (0 if provider_matches else 1, 0 if "/" not in price.name else 1, len(price.name))


def _new_id(name: str, taken: set[str]) -> str:
    slug = re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_") or "model"
    base = (ENTRY_PREFIX_FOR_NEW_IDS + slug)[:56]  # room for a '_999' suffix in 64 characters
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}_{n}", n + 1
    taken.add(candidate)
    return candidate


def _same(catalog_figures: dict[str, float], imported: dict[str, float]) -> bool:
    return all(_close(catalog_figures.get(column), value) for column, value in imported.items())


@dataclass(frozen=True)
class PriceImport:
    """The file read, compared with the catalog; ``overrides()`` is what applying writes."""

    file: PriceFile
    diffs: list[PriceDiff]
    duplicates: list[RejectedEntry]  # entries naming a model another entry already prices

    def of_status(self, status: DiffStatus) -> list[PriceDiff]:
        return [d for d in self.diffs if d.status == status]

    def overrides(self, include_new: bool = True) -> list[ApiPriceOverride]:
        date = self.file.imported_on.isoformat()
        items = []
        for diff in self.diffs:
            if diff.status == "unchanged" or (diff.status == "new" and not include_new):
                continue
            items.append(ApiPriceOverride(
                price_id=diff.price_id, model=diff.model, provider=diff.price.provider,
                source=f"LiteLLM price file {self.file.path.name}, entry {diff.price.name}, "
                       f"imported {date}"[:500],
                as_of=date, **diff.price.figures))
        return items


def compare_with_catalog(price_file: PriceFile, catalog: Catalog) -> PriceImport:
    """Match each imported model to a catalog model by normalised name and compare prices."""
    by_name = _catalog_rows_by_name(catalog)
    chosen: dict[str, ImportedPrice] = {}
    duplicates = []
    for price in price_file.prices:
        key = normalised_model_name(price.name)
        current = chosen.get(key)
        if current is None:
            chosen[key] = price
            continue
        row = by_name.get(key)
        keep, drop = (price, current) if _preference(price, row) < _preference(current, row) \
            else (current, price)
        chosen[key] = keep
        duplicates.append(RejectedEntry(drop.name, f"the same model as {keep.name}"))
    taken = set(catalog.table("api_prices")["price_id"].to_list())
    diffs = []
    for key, price in chosen.items():
        row = by_name.get(key)
        if row is None:
            diffs.append(PriceDiff("new", price, _new_id(price.name, taken), price.name))
            continue
        catalog_figures = {column: float(row[column]) for column in PRICE_FIELDS.values()
                           if row.get(column) is not None}
        status: DiffStatus = "unchanged" if _same(catalog_figures, price.figures) else "changed"
        diffs.append(PriceDiff(status, price, row["price_id"], row["model"], catalog_figures))
    return PriceImport(file=price_file, diffs=diffs, duplicates=duplicates)


def import_prices(path: str | Path, catalog: Catalog,
                  today: dt.date | None = None) -> PriceImport:
    return compare_with_catalog(read_price_file(path, today), catalog)


def merged_overrides(current: PriceOverrides, price_import: PriceImport,
                     include_new: bool = True) -> PriceOverrides:
    return current.with_overrides(price_import.overrides(include_new))
