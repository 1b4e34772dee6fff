"""Source documents by title: what a person reads instead of a catalog file name.

Catalog rows cite the seed document they come from by its file name (the build's
provenance); anything shown to a person names the document by its title instead.
"""

from __future__ import annotations

import re

DOCUMENT_TITLES = {
    "000_40311fb54337ffce.txt": "Model Training Economics: From Chinchilla to Vertical AI",
    "001_c8594ea1a78f7b90.txt": "Foundation Model Economics",
    "002_ce74a31c9d4712b1.txt": "Fine-Tuning Cost - Training + Inference Break-Even",
    "003_4fc7c3896d9cb911.txt": "Economics of Custom Models",
    "004_dcdf8e6b46f611f8.txt": ("The $162,800 Question: When Fine-Tuning Your Own Model "
                                 "Beats Renting One"),
}

_FILE = re.compile(r"\b\d{3}_[0-9a-f]{16}\.txt\b")


def readable_source(source: str) -> str:
    """A catalog citation with every seed file name replaced by its document's title."""
    return _FILE.sub(lambda m: f"“{DOCUMENT_TITLES.get(m.group(0), 'a source document')}”",
                     source)
