"""The proposal a CFO signs (issue 12), checked on the PDF's extracted text.

PDFs are written once per module: a five-planner A4 proposal, a single-planner one, and a
Letter proposal with a 10,000-character description, a long title and organisation.
"""

from __future__ import annotations

import re

import pytest
from econplan.core.compute import compute_all
from econplan.core.report import Baseline, ReportOptions, build_report
from econplan.core.report_budget import money
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
        author="A. Planner", draws=10_000, seed=0))
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
    assert f"One-off budget {money(one_off)}" in summary
    assert f"Recurring, a year {money(recurring)}" in summary
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


def test_p50_and_p10_p90_show_beside_the_totals(finance):
    """Cards and table carry the draws' P50 and P10–P90; the base is said to be the
    formulas at mid-range."""
    _, report, path = finance
    summary = flat(texts(path)[1])
    assert "Base: the formulas with every range input at its midpoint" in summary
    assert "10,000 Monte Carlo draws (draw set 0)" in summary
    for key in ("one_off", "recurring_per_year", "horizon_total"):
        p10, p50, p90 = report.bands.totals[key]
        assert p10 < p50 < p90
        assert f"P50 {money(p50)}" in summary, key
        assert f"P10–P90 {money(p10)}–{money(p90)}" in summary, key
    assert "P50 of the total (10,000 draws)" in summary and "P10–P90 of the total" in summary


def test_no_draws_no_bands(qapp, catalog, presets, tmp_path):
    from econplan.desktop.pdf_report import _budget_cards

    report = build_report(presets["playbook_finance"], catalog, ReportOptions(draws=0))
    assert report.bands is None
    assert all("P10" not in card.detail for card in _budget_cards(report))
    assert "range" in _budget_cards(report)[0].detail  # the low–high range instead


def test_money_is_rounded_alike_in_the_summary(finance):
    """No "$314.06" beside "$175K": every amount to three significant figures."""
    summary = flat(texts(finance[2])[1])
    assert "Spend by quarter (base case)" in summary
    assert not re.search(r"\$\d{1,3}\.\d\d\b", summary)
    assert "$314 " in summary  # the routing bill's quarter, formerly $314.06


@pytest.fixture(scope="module")
def compared(qapp, catalog, presets, tmp_path_factory):
    """task_management_assistant against itself and against the 5M-queries example."""
    from econplan.core.plan import compute_plan

    scenario = presets["task_management_assistant"]
    other = presets["breakeven_task_assistant_5m"]
    folder = tmp_path_factory.mktemp("pdf")
    written = {}
    for label, baseline in (("itself", scenario), ("other", other)):
        report = build_report(scenario, catalog, ReportOptions(), baseline=Baseline(
            name=baseline.name, scenario=baseline, plan=compute_plan(baseline, catalog)))
        path = folder / f"{label}.pdf"
        write_report_pdf(report, path)
        written[label] = (report, path)
    return written


def _comparison_pages(path) -> str:
    reader = PdfReader(path)
    start = next(reader.get_destination_page_number(item) for item in reader.outline
                 if item.title == "Comparison")
    pages = texts(path)
    end = next((i for i in range(start + 1, len(pages)) if "Appendix: sources" in pages[i]),
               len(pages))
    return flat(" ".join(pages[start:end + 1]))


def test_a_plan_compared_with_itself_says_no_change(compared):
    _, path = compared["itself"]
    text = _comparison_pages(path)
    assert "Comparison with “Task-management assistant (investment)”" in text
    assert "No change in the budget" in text and "No headline figure changes." in text
    assert "no change" in text
    assert not re.search(r"[+−]\$", text)  # no signed change anywhere


def test_comparison_gives_every_headline_with_its_change(compared):
    from econplan.core.compare import compare_plans, delta_text

    report, path = compared["other"]
    text = _comparison_pages(path)
    assert "Against “Break-even: task-management assistant, 5M queries/month”" in text
    assert "one-off budget" in text and "lower" in text and "higher" in text
    section = report.comparison
    table = next(block for block in section.blocks if hasattr(block, "rows"))
    deltas = [d for c in compare_plans(_baseline_plan(report), report.plan)
              if c.planner_id in report.planners for d in c.deltas]
    assert len(table.rows) == len(deltas)
    for row, delta in zip(table.rows, deltas, strict=True):
        assert row[1] == delta.label
        if delta.changed:
            assert row[4:] == list(delta_text(delta))  # as the compare dock shows it


def _baseline_plan(report):
    from econplan.core.catalog import load_catalog
    from econplan.core.paths import scenarios_dir
    from econplan.core.plan import compute_plan
    from econplan.core.scenario_io import load_scenario

    catalog = load_catalog()
    other = load_scenario(scenarios_dir() / "breakeven_task_assistant_5m.json", catalog)
    return compute_plan(other, catalog)


def test_comparison_speaks_the_readers_words(compared):
    for _, path in compared.values():
        text = _comparison_pages(path)
        assert not FILE_NAME.search(text)
        assert not IDENTIFIER.findall(text)
        assert not INTERNAL_WORDS.findall(text)


def test_cli_report_draws_seed_and_compare(qapp, tmp_path, capsys):
    from econplan.core.paths import scenarios_dir

    from econplan.cli import main

    plan = str(scenarios_dir() / "playbook_finance.json")
    other = str(scenarios_dir() / "playbook_real_estate.json")
    banded, plain = tmp_path / "banded.pdf", tmp_path / "plain.pdf"
    assert main(["report", plan, "-o", str(banded), "--draws", "2000", "--seed", "5",
                 "--compare", other]) == 0
    text = flat(" ".join(texts(banded)))
    assert "2,000 Monte Carlo draws (draw set 5)" in text and "P10–P90" in text
    assert "Comparison with “Playbook: Real Estate" in text
    assert main(["report", plan, "-o", str(plain), "--draws", "0"]) == 0
    assert "P10–P90" not in flat(texts(plain)[1])
    with pytest.raises(SystemExit):
        main(["report", plan, "-o", str(tmp_path / "x.pdf"), "--draws", "5"])
    assert "--draws" in capsys.readouterr().err


def test_cli_report_draws_by_default(qapp, tmp_path):
    from econplan.core.paths import scenarios_dir

    from econplan.cli import main

    target = tmp_path / "default.pdf"
    assert main(["report", str(scenarios_dir() / "playbook_finance.json"), "-o",
                 str(target)]) == 0
    assert "Monte Carlo draws (draw set 20260101)" in flat(texts(target)[1])


def test_export_dialog_offers_the_pinned_baseline_and_a_file(qapp, qtbot, tmp_path):
    from econplan.desktop.export_dialog import ExportPdfDialog

    dialog = ExportPdfDialog("My plan", str(tmp_path), pinned_baseline="“Plan A” as pinned")
    qtbot.addWidget(dialog)
    choices = [dialog.compare_choice.itemData(i) for i in range(dialog.compare_choice.count())]
    assert choices == ["none", "pinned", "file"]
    assert dialog.comparison() == ("none", None)
    dialog.compare_choice.setCurrentIndex(2)
    assert dialog.problem() == "Compare with: choose a scenario file that exists."
    scenario_file = tmp_path / "other.json"
    scenario_file.write_text("{}")
    dialog.compare_path.setText(str(scenario_file))
    assert dialog.problem() == "" and dialog.comparison() == ("file", scenario_file)
    without = ExportPdfDialog("My plan", str(tmp_path))
    qtbot.addWidget(without)
    assert without.compare_choice.count() == 2  # no pinned baseline, no such choice


def test_app_export_uses_the_windows_draws_and_the_pinned_baseline(window, tmp_path,
                                                                    monkeypatch):
    from econplan.core.uncertainty import compute_uncertainty
    from econplan.desktop.export_dialog import ExportPdfDialog
    from PySide6.QtWidgets import QDialog

    window.comparison.pin_current()
    target = tmp_path / "pinned.pdf"

    def accept(self):
        self.compare_choice.setCurrentIndex(self.compare_choice.findData("pinned"))
        self.path_edit.setText(str(target))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ExportPdfDialog, "exec", accept)
    scenario = window.document.scenario
    options, path, baseline = window.exports.ask_pdf_options()
    # No draws on screen yet: the scenario's own; with the window's, those.
    assert (options.draws, options.seed) == (scenario.uncertainty.draws,
                                             scenario.uncertainty.seed)
    assert baseline is not None and baseline.scenario == scenario
    window.session._uncertainty = compute_uncertainty(scenario, window.catalog, 2_000, 9)
    options, path, baseline = window.exports.ask_pdf_options()
    assert (options.draws, options.seed) == (2_000, 9)
    assert window.exports.write_pdf(options, path, baseline)
    text = flat(" ".join(texts(path)))
    assert "Comparison with “" in text and "No change in the budget" in text


@pytest.mark.parametrize("page", [(672.76, 968.7), (695.1, 902.2)], ids=["A4", "Letter"])
def test_a_five_planner_summary_with_bands_fits_one_page(qapp, catalog, presets, page):
    from econplan.desktop.pdf_report import PdfLayout, _executive_summary

    width, height = page  # the content area at 96 dpi
    for name in ("playbook_finance", "task_management_assistant", "breakeven_midsize_bank"):
        report = build_report(presets[name], catalog, ReportOptions(
            planners=EVERY_PLANNER, draws=2_000, seed=0))
        layout = PdfLayout(width, height)
        _executive_summary(layout, report)
        assert len([p for p in layout.pages if p]) == 1, name


def test_charts_are_built_while_the_export_dialog_is_open(window, qtbot, tmp_path,
                                                          monkeypatch):
    from econplan.desktop import pdf_report
    from econplan.desktop.export_dialog import ExportPdfDialog
    from PySide6.QtWidgets import QDialog

    pdf_report.release_charts()
    target = tmp_path / "warm.pdf"

    def wait_then_accept(self):
        qtbot.waitUntil(lambda: not window.exports._chart_timer.isActive(), timeout=20_000)
        self.path_edit.setText(str(target))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ExportPdfDialog, "exec", wait_then_accept)
    options, path, baseline = window.exports.ask_pdf_options()
    report = build_report(window.document.scenario, window.catalog, options)
    wanted = {block.chart_id for section in report.sections for block in section.blocks
              if hasattr(block, "chart_id")}
    assert wanted and wanted <= set(pdf_report._built_charts)
    assert window.exports.write_pdf(options, path, baseline)
    assert "Executive summary" in flat(texts(path)[1])
