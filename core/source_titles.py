"""Source documents by their titles: what a person reads never shows a seed's file name.

Catalog rows cite the seed documents by file name and section (that is how the
catalog is checked against them); anything a user reads replaces the file name with
the document's title.
"""

from __future__ import annotations

import re

SEED_TITLES = {
    "000_40311fb54337ffce.txt": "Model Training Economics: From Chinchilla to Vertical AI",
    "001_c8594ea1a78f7b90.txt": "Foundation Model Economics",
    "002_ce74a31c9d4712b1.txt": "Fine-Tuning Cost - Training + Inference Break-Even",
    "003_4fc7c3896d9cb911.txt": "Economics of Custom Models",
    "004_dcdf8e6b46f611f8.txt":
        "The $162,800 Question: When Fine-Tuning Your Own Model Beats Renting One",
}
_FILE_NAME = re.compile(r"\d{3}_[0-9a-f]{16}\.txt")


def readable_source(source: str) -> str:
    """``source`` with every seed file name replaced by the document's quoted title."""
    return _FILE_NAME.sub(lambda m: f"“{SEED_TITLES.get(m.group(), 'a source document')}”",
                          source)
