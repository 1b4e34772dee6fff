"""Every catalog row's source resolves to a document with a readable title."""

from __future__ import annotations

import csv
import re
from pathlib import Path

from econplan.core.provenance import UNDATED, bundled_index, cite, readable

CATALOG_DIR = Path(__file__).resolve().parents[2] / "resources" / "catalog"
FILE_NAME = re.compile(r"\d{3}_[0-9a-f]{16}\.txt|\.csv\b")


def _rows():
    for path in sorted(CATALOG_DIR.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                if "source" in row:
                    yield path.stem, row


def test_every_catalog_row_resolves_to_a_source():
    index = bundled_index()
    unresolved = [(table, row["source"][:60]) for table, row in _rows()
                  if index.resolve(row["source"]) is None and table != "sources"]
    assert not unresolved, unresolved


def test_the_five_documents_are_named_by_their_titles():
    titles = {doc.title for doc in bundled_index().docs}
    assert "Model Training Economics: From Chinchilla to Vertical AI" in titles
    assert "Economics of Custom Models" in titles
    assert "The $162,800 Question: When Fine-Tuning Your Own Model Beats Renting One" in titles
    assert len({doc.source_id for doc in bundled_index().docs}) == len(bundled_index().docs)


def test_citations_never_show_file_names_or_internal_words():
    for _, row in _rows():
        text = cite(row)
        assert not FILE_NAME.search(text), text
        assert "seed" not in text.lower(), text
        assert "n.d." not in text


def test_undated_documents_say_undated_and_dated_ones_their_date():
    docs = {doc.source_id: doc for doc in bundled_index().docs}
    assert docs["economics_of_custom_models"].date_text == UNDATED
    assert docs["training_economics_report"].date_text == "2026-02"


def test_readable_replaces_file_names_with_titles():
    text = readable("see 003_4fc7c3896d9cb911.txt and seed 000")
    assert "Economics of Custom Models" in text
    assert "Model Training Economics" in text
    assert ".txt" not in text and "seed" not in text
