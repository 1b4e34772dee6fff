"""Where catalog figures come from, in words a reader can follow.

Every catalog row cites its document in a ``source`` text that starts with a
key (a file name for the bundled source documents, a datasheet's name for the
others) followed by where in the document the figure is. The catalog's
``sources`` table gives each document its title, publisher and date and lists
the keys its rows start with. Readers see titles and dates, never the keys:
:func:`cite` (tooltips, notes), :func:`readable` and the proposal's appendix all
go through :class:`SourceIndex`.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from functools import cache, lru_cache

from econplan.core.catalog import Catalog
from econplan.core.model_base import CoreModel
from econplan.core.paths import catalog_sources_dir
from pydantic import ConfigDict

UNDATED = "undated"
_FILE_KEY = re.compile(r"\b\d{3}_[0-9a-f]{16}\.txt\b")
# Internal words a reader should not meet: the bundled documents are "sources" to them.
_SEED_WORDS = [
    # 'seeds 000, 002 and 003' -> the three titles
    (re.compile(r"\bseeds\s+(\d{3}(?:(?:,\s*|\s+and\s+)\d{3})+)\b", re.I), None),
    (re.compile(r"\bseeds?\s+(\d{3})\b", re.I), None),  # 'seed 004' -> the document's title
    (re.compile(r"\bno seed figure\b", re.I), "no published figure"),
    (re.compile(r"\bany seed\b", re.I), "any source"),
    (re.compile(r"\bthe seeds\b", re.I), "the sources"),
    (re.compile(r"\bseeds\b", re.I), "sources"),
    (re.compile(r"\bthe seed's\b", re.I), "the source's"),
    (re.compile(r"\bseed table\b", re.I), "published table"),
    (re.compile(r"\bseed\b", re.I), "source"),
    # Catalog table ids and the app's tab names are not the reader's words either; a note's
    # pointer to another row ("(row sft_distill)") is the catalog's, not the reader's.
    (re.compile(r" ?\(rows? [a-z0-9]+(?:_[a-z0-9]+)+\)"), ""),
    (re.compile(r"\bgpu_measurements\b"), "the measured H100 run"),
    (re.compile(r"(queries/day) tab\b"), r"\1 example"),
    (re.compile(r"\b(the \w+) tabs\b"), r"\1 examples"),  # a source document's own tabs
    (re.compile(r"\b(Training budget|Dataset sizing|Vertical playbook|Routing overspend|"
                r"Self-host break-even) tab\b"), r"\1 plan"),
]


def _same_case(found: str, replacement: str) -> str:
    """``replacement`` capitalised like the word it replaces ('Seed row' -> 'Source row')."""
    if not replacement or not found[0].isupper():
        return replacement
    return replacement[0].upper() + replacement[1:]


class SourceDoc(CoreModel):
    model_config = ConfigDict(frozen=True)

    source_id: str
    title: str
    publisher: str
    published: str  # YYYY[-MM[-DD]] or "" when the document carries no date
    citation: str
    matches: tuple[str, ...]

    @property
    def date_text(self) -> str:
        return self.published or UNDATED


class CatalogRef(CoreModel):
    model_config = ConfigDict(frozen=True)

    table: str
    key: str
    figure: str
    source: str
    as_of: str


class SourceIndex:
    """Resolves a row's ``source`` text to its document."""

    def __init__(self, docs: Iterable[SourceDoc]):
        self.docs = list(docs)
        # Longest key first, so a specific key wins over a shorter one it starts with.
        self._keys = sorted(((key, doc) for doc in self.docs for key in doc.matches),
                            key=lambda pair: -len(pair[0]))
        self.by_number = {key[:3]: doc for key, doc in self._keys if _FILE_KEY.match(key)}

    def resolve(self, source: str) -> SourceDoc | None:
        for key, doc in self._keys:
            if source.startswith(key):
                return doc
        return None

    def locator(self, source: str) -> str:
        """Where in its document a figure is: the text after the document's key, in words."""
        doc = self.resolve(source)
        rest = source
        if doc is not None:
            key = next(k for k in doc.matches if source.startswith(k))
            # A datasheet key is its title: keep the column note after it, drop the title.
            rest = source[len(key):]
        rest = rest.strip(" :;,.")
        if doc is not None and rest.startswith(doc.title):
            # "Grattafiori et al. 2024, The Llama 3 Herd of Models, Table 3": said once.
            rest = rest[len(doc.title):].strip(" :;,.")
        if rest.startswith("(") and rest.endswith(")") and rest.count("(") == 1:
            rest = rest[1:-1]
        return self.words(rest).strip()

    def words(self, text: str) -> str:
        """``text`` with file names and internal words replaced by what a reader knows."""
        text = _FILE_KEY.sub(lambda m: self._short_title(m.group(0)[:3]), text)
        for pattern, replacement in _SEED_WORDS:
            if replacement is None:
                text = pattern.sub(lambda m: self._titles(m.group(1)), text)
            else:
                text = pattern.sub(lambda m, r=replacement: _same_case(m.group(0), m.expand(r)),
                                   text)
        return text.replace("shared/measurements/h100_measured.csv", "measured H100 run")

    def _titles(self, numbers: str) -> str:
        """'000, 002 and 003' -> the titles, joined the same way."""
        return re.sub(r"\d{3}", lambda m: self._short_title(m.group(0)), numbers)

    def _short_title(self, number: str) -> str:
        doc = self.by_number.get(number)
        return f"“{doc.title}”" if doc else "a source document"

    def title(self, source: str) -> str:
        doc = self.resolve(source)
        return doc.title if doc else self.words(source)

    def cite(self, source: str, as_of: str) -> str:
        """'Title — where (as of 2026-02)'; an undated row names no date."""
        doc = self.resolve(source)
        if doc is None:
            text = self.words(source)
        else:
            where = self.locator(source)
            text = f"{doc.title}, {where}" if where else doc.title
        dated = as_of and as_of != "n.d."
        return f"{text} (as of {as_of})" if dated else text


def _docs_from_rows(rows: Iterable[dict]) -> list[SourceDoc]:
    return [SourceDoc(source_id=row["source_id"], title=row["title"],
                      publisher=row["publisher"] or "", published=row["published"] or "",
                      citation=row["citation"] or "",
                      matches=tuple(m for m in str(row["matches"]).split("|") if m))
            for row in rows]


@cache
def bundled_index() -> SourceIndex:
    """The index of the bundled catalog sources (read once from resources/catalog)."""
    path = catalog_sources_dir() / "sources.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        return SourceIndex(_docs_from_rows(csv.DictReader(handle)))


def source_index(catalog: Catalog | None = None) -> SourceIndex:
    """The catalog's own ``sources`` table when it has one, else the bundled list."""
    if catalog is not None and "sources" in catalog.tables:
        return _catalog_index(catalog)
    return bundled_index()


@cache
def _catalog_index(catalog: Catalog) -> SourceIndex:
    return SourceIndex(_docs_from_rows(catalog.table("sources").iter_rows(named=True)))


def cite(row: dict) -> str:
    """How a catalog row is cited in tooltips and notes: its document's title, where in it,
    and the row's as-of date."""
    return bundled_index().cite(str(row["source"]), str(row["as_of"]))


@lru_cache(maxsize=4096)
def readable(text: str) -> str:
    """Any text a reader sees, with file names and internal words replaced. Cached: the
    tabs pass every card and note through it on each slider tick, and most repeat."""
    return bundled_index().words(text)


def refs_for(catalog: Catalog, table: str, key_column: str, keys: Iterable[str] | None = None,
             figure: str = "") -> list[CatalogRef]:
    """One reference per row of ``table`` (all rows, or those whose key is in ``keys``)."""
    if table not in catalog.tables:
        return []
    wanted = None if keys is None else set(keys)
    refs = []
    for row in catalog.table(table).iter_rows(named=True):
        key = str(row[key_column])
        if wanted is not None and key not in wanted:
            continue
        refs.append(CatalogRef(table=table, key=key, figure=figure or key,
                               source=row["source"], as_of=row["as_of"]))
    return refs


def assumption_refs(catalog: Catalog, path_prefix: str) -> list[CatalogRef]:
    """planner_assumptions rows that supply defaults under a scenario section."""
    refs = []
    for row in catalog.table("planner_assumptions").iter_rows(named=True):
        paths = [p.strip() for p in str(row["applies_to"]).split(";")]
        if any(p.startswith(path_prefix) for p in paths):
            refs.append(CatalogRef(table="planner_assumptions", key=row["assumption_id"],
                                   figure=row["note"], source=row["source"], as_of=row["as_of"]))
    return refs


def unique(refs: Iterable[CatalogRef]) -> list[CatalogRef]:
    seen: dict[tuple[str, str], CatalogRef] = {}
    for ref in refs:
        seen.setdefault((ref.table, ref.key), ref)
    return list(seen.values())
