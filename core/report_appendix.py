"""The proposal's sources appendix: documents by title and date, never file names or ids.

Compact (the default) gives one entry per document with the figures taken from it; full
gives one row per figure with where in the document it is. An undated document says
"undated" once, in its entry.
"""

from __future__ import annotations

from typing import Literal

from econplan.core.catalog import Catalog
from econplan.core.provenance import UNDATED, CatalogRef, SourceDoc, source_index
from econplan.core.report_blocks import Table


def _figure(ref: CatalogRef, catalog: Catalog) -> str:
    """What the figure is, in words: its label, or the catalog table's title when the
    reference only carries a row key."""
    index = source_index(catalog)
    if ref.figure and ref.figure != ref.key:
        return index.words(ref.figure)
    return index.words(catalog.title(ref.table))


def _document_cell(doc: SourceDoc | None, fallback: str) -> str:
    if doc is None:
        return fallback
    parts = [doc.title]
    if doc.publisher:
        parts.append(doc.publisher)
    parts.append(doc.date_text)
    text = ". ".join(parts)
    if doc.citation.startswith(("http", "arXiv")):
        text += f". {doc.citation}"
    return text


def _group(refs: list[CatalogRef], catalog: Catalog):
    index = source_index(catalog)
    groups: dict[str, tuple[SourceDoc | None, str, list[CatalogRef]]] = {}
    for ref in refs:
        doc = index.resolve(ref.source)
        key = doc.source_id if doc else ref.source
        groups.setdefault(key, (doc, index.words(ref.source), []))[2].append(ref)
    # Most-used documents first: the reader sees where the plan's figures mostly come from.
    return sorted(groups.values(), key=lambda g: (-len(g[2]), g[0].title if g[0] else g[1]))


def appendix_table(refs: list[CatalogRef], catalog: Catalog,
                   mode: Literal["compact", "full"]) -> Table:
    index = source_index(catalog)
    if mode == "compact":
        rows = []
        for doc, fallback, group in _group(refs, catalog):
            figures = list(dict.fromkeys(_figure(ref, catalog) for ref in group))
            rows.append([_document_cell(doc, fallback), "; ".join(figures)])
        return Table(table_id="sources", title="Sources", columns=["Source", "Figures taken "
                     "from it"], rows=rows, values=[list(r) for r in rows])
    rows = []
    for doc, fallback, group in _group(refs, catalog):
        seen: set[tuple[str, str]] = set()
        said_undated = False
        for ref in group:
            where = index.locator(ref.source) if doc else ""
            figure = _figure(ref, catalog)
            if (where, figure) in seen:
                continue
            seen.add((where, figure))
            as_of = ref.as_of if ref.as_of and ref.as_of != "n.d." else ""
            if not as_of and not said_undated:
                as_of, said_undated = UNDATED, True  # said once per document, not per row
            rows.append([doc.title if doc else fallback, where, figure, as_of])
    return Table(table_id="sources", title="Sources, figure by figure",
                 columns=["Source", "Where in it", "Figure", "As of"], rows=rows,
                 values=[list(r) for r in rows])
