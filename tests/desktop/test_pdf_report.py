"""The PDF proposal: real text, page numbers, sources, vector charts, no half files."""

import re

import pytest
from econplan.core.formatting import usd
from econplan.core.report import ReportOptions, build_report
from econplan.desktop.pdf_report import ExportCancelled, write_report_pdf
from pypdf import PdfReader


@pytest.fixture(scope="module")
def report(catalog, presets):
    return build_report(presets["pretrain_32b_seed_table"], catalog,
                        ReportOptions(title="Budget 2027", organisation="Acme Bank",
                                      author="A. Planner", page_size="Letter"))


@pytest.fixture
def pdf(qapp, tmp_path, report):
    path = tmp_path / "proposal.pdf"
    pages = write_report_pdf(report, path)
    return path, pages


def text_of(path) -> list[str]:
    # Qt positions words individually; pypdf renders the gaps as tabs.
    return [re.sub(r"[ \t]+", " ", page.extract_text()) for page in PdfReader(path).pages]


def test_sections_figures_and_page_numbers_are_real_text(pdf, report):
    path, pages = pdf
    texts = text_of(path)
    assert len(texts) == pages >= 4
    whole = "\n".join(texts)
    for title in ("Budget 2027", "Acme Bank", "A. Planner", "Executive summary",
                  "Recommendation", "Training budget", "Cost breakdown",
                  "Appendix: assumptions and sources"):
        assert title in whole, title
    total = report.plan.training.model_dump(mode="json")["total_usd"]
    assert usd(total["base"]) in whole
    assert usd(total["high"]) in whole
    for number in range(2, pages + 1):
        assert f"page {number} of {pages}" in texts[number - 1]
    assert "page 1 of" not in texts[0]  # the cover has no running header


def test_sources_appendix_lists_catalog_rows(pdf):
    path, _ = pdf
    texts = text_of(path)
    start = next(i for i, t in enumerate(texts) if "Appendix: assumptions and sources" in t)
    appendix = "\n".join(texts[start:])
    # A narrow Source column breaks long file names across lines.
    assert "000_40311fb54337ffce.txt" in appendix.replace("\n", "")
    assert "EconPlan assumption" in appendix
    assert "figure" in "\n".join(text_of(path))  # no "ﬁ" ligature in the text layer
    assert re.search(r"2026-02", appendix)


def test_charts_are_vectors_and_fonts_are_embedded(pdf):
    path, _ = pdf
    reader = PdfReader(path)
    for page in reader.pages:
        assert list(page.images) == []
    raw = path.read_bytes()
    assert b"/FontFile2" in raw
    assert reader.pages[0].mediabox.width == pytest.approx(612, abs=1)  # Letter


def test_long_table_repeats_its_header_on_the_next_page(pdf):
    path, _ = pdf
    texts = text_of(path)
    continued = [t for t in texts if "Catalog figures used (continued)" in t]
    assert continued and all("Source" in t for t in continued)


def test_cancel_leaves_no_file(qapp, tmp_path, report):
    target = tmp_path / "cancelled.pdf"
    with pytest.raises(ExportCancelled):
        write_report_pdf(report, target, progress=lambda done, total: done < 2)
    assert list(tmp_path.iterdir()) == []


def test_unwritable_folder_is_an_error_and_leaves_nothing(qapp, tmp_path, report):
    with pytest.raises(OSError, match="folder does not exist"):
        write_report_pdf(report, tmp_path / "missing" / "x.pdf")
    with pytest.raises(PermissionError):
        write_report_pdf(report, "/sys/proposal.pdf")
