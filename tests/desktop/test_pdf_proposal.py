"""The proposal a CFO signs (issue 12), checked on the PDF's extracted text.

PDFs are written once per module: a five-planner A4 proposal, a single-planner one, and a
Letter proposal with a 10,000-character description, a long title and organisation.
"""

from __future__ import annotations

import re

import pytest
from econplan.core.compute import compute_all
from econplan.core.formatting import usd
from econplan.core.report import ReportOptions, build_report
from econplan.desktop.pdf_report import HEADER_HEIGHT, layout_report, write_report_pdf
from pypdf import PdfReader

EVERY_PLANNER = ["training", "dataset", "playbook", "routing", "breakeven"]
FILE_NAME = re.compile(r"\d{3}_[0-9a-f]{16}|\.txt\b|\.csv\b")
IDENTIFIER = re.compile(r"\b[a-z0-9]+_[a-z0-9_]+\b")  # catalog ids, field paths
INTERNAL_WORDS = re.compile(r"\bseeds?\b|LINKED|\btabs?\b", re.I)
MM = 72 / 25.4


def texts(path) -> list[str]:
    return [re.sub(r"[ \t]+", " ", page.extract_text()) for page in PdfReader(path).pages]


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.fixture(scope="module")
def finance(qapp, catalog, presets, tmp_path_factory):
    """playbook_finance with every planner included, A4."""
    scenario = presets["playbook_finance"]
    report = build_report(scenario, catalog, ReportOptions(
        planners=EVERY_PLANNER, title="Budget 2027", organisation="Acme Bank",
        author="A. Planner"))
    path = tmp_path_factory.mktemp("pdf") / "finance.pdf"
    write_report_pdf(report, path)
    return scenario, report, path


@pytest.fixture(scope="module")
def single(qapp, catalog, presets, tmp_path_factory):
    """An example that uses one planner, with its own default: only that planner."""
    report = build_report(presets["breakeven_team_500_qpd"], catalog)
    path = tmp_path_factory.mktemp("pdf") / "single.pdf"
    return report, path, write_report_pdf(report, path)


LONG_WORDS = [f"word{i:04d}" for i in range(1300)]  # ~10,000 characters, every word unique
TITLE_WORDS = [f"Title{i:02d}" for i in range(30)]
ORGANISATION = "The Extremely Long Organisation Name Holding Company " * 3


@pytest.fixture(scope="module")
def long_text(qapp, catalog, presets, tmp_path_factory):
    scenario = presets["task_management_assistant"].model_copy(
        update={"description": " ".join(LONG_WORDS)})
    report = build_report(scenario, catalog, ReportOptions(
        title=" ".join(TITLE_WORDS), organisation=ORGANISATION.strip(), page_size="Letter"))
    path = tmp_path_factory.mktemp("pdf") / "long.pdf"
    write_report_pdf(report, path)
    return report, path


def test_summary_totals_equal_econplan_compute(finance, catalog):
    scenario, _, path = finance
    data = compute_all(scenario, catalog)
    # Pre-training data curation is the training plan's line (counted there once); the
    # break-even decision here is to stay on the API, so it adds no one-off.
    assert data["breakeven"]["decision"]["option_id"] == "api"
    one_off = (data["training"]["one_off_usd"]["base"]
               + data["playbook"]["first_version_cost_usd"]["base"])
    recurring = (data["playbook"]["ongoing_usd_per_quarter"]["base"] * 4
                 + data["routing"]["optimal_annual_usd"]
                 + data["breakeven"]["api_monthly_usd"] * 12
                 + data["training"]["ongoing_usd"]["base"])
    summary = flat(texts(path)[1])
    assert "Executive summary" in summary and "Budget to approve" in summary
    assert f"One-off budget {usd(one_off)}" in summary
    assert f"Recurring, a year {usd(recurring)}" in summary
    assert "Spend by quarter" in summary and "What moves the budget" in summary
    # Each recommendation with its deciding reason, in the app's words.
    assert flat(data["breakeven"]["decision"]["reason"]) in summary
    assert "Executive summary" not in flat(texts(path)[2])  # the summary is one page


def test_no_internal_words_ids_or_file_names(finance, single):
    for path in (finance[2], single[1]):
        whole = flat(" ".join(texts(path)))
        assert not FILE_NAME.search(whole)
        assert not IDENTIFIER.findall(whole)
        assert not INTERNAL_WORDS.findall(whole)
        assert "n.d." not in whole


def test_undated_sources_say_undated_once_each(finance):
    path = finance[2]
    appendix = flat(" ".join(t for t in texts(path) if "Appendix: sources" in t
                             or "undated" in t))
    assert appendix.count("Economics of Custom Models. LLMOps course lesson. undated") == 1
    assert "Model Training Economics: From Chinchilla to Vertical AI" in appendix


def test_metadata_and_bookmarks(finance):
    _, report, path = finance
    reader = PdfReader(path)
    meta = reader.metadata
    assert meta.title == "Budget 2027 — " + report.scenario_name
    assert meta.author == "A. Planner"
    assert "Training budget" in meta.subject and "AI budget" in meta["/Keywords"]
    assert meta.creator == "EconPlan"
    outline = {item.title: reader.get_destination_page_number(item) for item in reader.outline}
    assert list(outline)[:2] == ["Executive summary", "Training budget"]
    assert outline["Executive summary"] == 1
    assert "Appendix: sources" in outline and "Self-host break-even" in outline
    pages = texts(path)
    for title, page in outline.items():
        assert title in flat(pages[page]), title


def test_single_planner_example_is_short(single):
    report, path, pages = single
    assert report.planners == ["breakeven"]
    assert pages <= 6
    whole = flat(" ".join(texts(path)))
    assert "Training budget" not in whole and "Vertical playbook" not in whole


def test_long_description_and_title_keep_every_word(long_text):
    _, path = long_text
    pages = texts(path)
    # pypdf may split a word where Qt starts a new glyph run: compare without whitespace.
    # The summary page quotes the description's start; the cover's pages carry all of it.
    description = [page for page in pages if "Executive summary" not in page]
    joined = "".join("".join(description).split())
    assert re.findall(r"word\d{4}", joined) == LONG_WORDS  # every word, once, in order
    cover = "".join(pages[0].split())
    assert "".join(TITLE_WORDS) in cover


def test_long_text_stays_inside_the_page_and_headers_elide(long_text):
    _, path = long_text
    reader = PdfReader(path)
    for number, page in enumerate(reader.pages):
        top = float(page.mediabox.height)
        header_bottom = top - 14 * MM - HEADER_HEIGHT * 0.75  # px at 96 dpi -> points
        footer_top = 14 * MM + 22 * 0.75
        chunks: list[tuple[str, float, float]] = []

        def visit(text, cm, tm, font, size, chunks=chunks):
            if text.strip():
                chunks.append((text, cm[4] + tm[4] * cm[0], cm[5] + tm[5] * cm[3]))

        page.extract_text(visitor_text=visit)
        header = [t for t, _, y in chunks if y > header_bottom]
        footer = [t for t, _, y in chunks if y < footer_top]
        if number:
            assert "…" in "".join(header)  # long title and organisation cut, not overprinted
            assert re.fullmatch(r"page\s\d+\sof\s\d+", "".join(footer).strip())
        else:
            assert header == [] and footer == []
        assert all(x >= 14 * MM for _, x, _ in chunks)


def test_appendix_is_at_most_a_quarter_of_every_example(qapp, catalog, presets):
    for name, scenario in presets.items():
        report = build_report(scenario, catalog)
        layout = layout_report(report, 718, 960)  # A4 content area at 96 dpi
        pages = [page for page in layout.pages if page]
        start = next(pages.index(page) for title, page in layout.bookmarks
                     if title == "Appendix: sources")
        assert (len(pages) - start) * 4 <= len(pages), name


def test_a4_and_letter_both_render(finance, long_text):
    assert PdfReader(finance[2]).pages[0].mediabox.width == pytest.approx(595, abs=1)
    assert PdfReader(long_text[1]).pages[0].mediabox.width == pytest.approx(612, abs=1)


def test_p10_p90_shows_beside_the_totals_when_given(catalog, finance):
    from econplan.desktop.pdf_report import _budget_cards

    scenario, report, _ = finance
    with_mc = build_report(scenario, catalog, report.options, plan=report.plan,
                           percentiles={"one_off": (3.1e6, 5.9e6)})
    cards = {card.key: card for card in _budget_cards(with_mc)}
    assert cards["one_off"].caption.startswith("P10–P90 $3.1M – $5.9M")
    assert "P10" not in cards["recurring_per_year"].detail
    assert all("P10" not in card.detail for card in _budget_cards(report))
