"""Bookmarks and document metadata for a written proposal (pypdf post-processing).

Qt's PDF writer sets a title and creator but neither bookmarks nor subject and keywords;
pypdf adds them to the finished file as an incremental update: the pages Qt wrote stay as
they are and only the new objects are appended (rewriting every object was most of this
step's time). It is still the export's temporary file, so a failure leaves nothing behind.
"""

from __future__ import annotations

import io

from pypdf import PdfReader, PdfWriter


def add_outline_and_metadata(filename: str, bookmarks: list[tuple[str, int]],
                             metadata: dict[str, str]) -> None:
    """Add one bookmark per (title, zero-based page) and the metadata to ``filename``."""
    with open(filename, "rb") as handle:
        written = io.BytesIO(handle.read())
    writer = PdfWriter(PdfReader(written), incremental=True)
    for title, page in bookmarks:
        writer.add_outline_item(title=title, page_number=page)
    writer.add_metadata({f"/{key}": value for key, value in metadata.items() if value})
    writer.page_mode = "/UseOutlines"  # readers open with the bookmarks shown
    with open(filename, "wb") as handle:  # Qt's bytes, then the update
        writer.write(handle)
