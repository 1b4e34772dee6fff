"""Bookmarks and document metadata for a written proposal (pypdf post-processing).

Qt's PDF writer sets a title and creator but neither bookmarks nor subject and keywords;
pypdf adds them to the finished file, which is then rewritten in place (still inside the
export's temporary file, so a failure leaves nothing behind).
"""

from __future__ import annotations

from pypdf import PdfReader, PdfWriter


def add_outline_and_metadata(filename: str, bookmarks: list[tuple[str, int]],
                             metadata: dict[str, str]) -> None:
    """Add one bookmark per (title, zero-based page) and the metadata to ``filename``."""
    writer = PdfWriter(clone_from=PdfReader(filename))
    for title, page in bookmarks:
        writer.add_outline_item(title=title, page_number=page)
    writer.add_metadata({f"/{key}": value for key, value in metadata.items() if value})
    writer.page_mode = "/UseOutlines"  # readers open with the bookmarks shown
    with open(filename, "wb") as handle:
        writer.write(handle)
