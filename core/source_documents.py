"""The source documents behind the catalog's figures, named as a reader knows them.

Catalog rows cite a document by its file name ("000_40311fb54337ffce.txt §3"),
which is how the catalog stays checkable; people reading a tooltip, a screen
reader's description or an example see the document's own title instead.
"""

from __future__ import annotations

import re
from functools import lru_cache

from econplan.core.provenance import bundled_index, readable


def _titles() -> dict[str, str]:
    # One list of titles: the catalog's sources table (resources/catalog/sources.csv).
    return {number: doc.title for number, doc in bundled_index().by_number.items()}


# File-name prefix → the document's title.
DOCUMENT_TITLES: dict[str, str] = _titles()

_FILE_NAME = re.compile(r"\b(\d{3})_[0-9a-f]{8,}\.txt\b")
_NUMBERED = re.compile(r"\b[Ss]eeds? (\d{3})\b")


def _title(number: str, original: str) -> str:
    title = DOCUMENT_TITLES.get(number)
    return f"“{title}”" if title else original


# The same tooltip text is made readable again and again (a range's two ends share one; a
# tab built again for another catalog or window asks for all of its own once more), and
# about twenty regular expressions run over each: ~0.08 ms a text, a third of them asked
# for again while the Training tab is built.
@lru_cache(maxsize=2048)
def readable_sources(text: str) -> str:
    """``text`` with document file names and "seed NNN" replaced by the titles.

    "Default from: 000_40311fb54337ffce.txt §3 GPU Specifications" →
    "Default from: “Model Training Economics: From Chinchilla to Vertical AI” §3 GPU
    Specifications"; "(seed 003)" → "(“Economics of Custom Models”)".
    """
    text = _FILE_NAME.sub(lambda m: _title(m.group(1), m.group(0)), text)
    text = _NUMBERED.sub(lambda m: _title(m.group(1), m.group(0)), text)
    text = re.sub(r"\b[Tt]he seed's\b", lambda m: m.group(0)[0] + "he source's", text)
    text = re.sub(r"\b[Ss]eed (§\d)", r"\1", text)
    # What is left ("Seed:", "each seed range", an unknown file name) goes the way every
    # other text a reader sees is cleaned: one list of internal words, in provenance.
    return readable(text)
