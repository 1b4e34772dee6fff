"""The Dataset sizing section: the figures of `econplan compute`, as tables, text and charts."""

import pytest
from econplan.core.formatting import compact, usd, usd_range
from econplan.core.plan import compute_plan
from econplan.core.report import Chart, Paragraph, ReportOptions, Table, build_report
from econplan.core.report_dataset import dataset_section
from econplan.desktop.document import with_values


def section_for(scenario, catalog):
    """The result as `econplan compute` prints it, and the section built from the plan."""
    plan = compute_plan(scenario, catalog)
    return plan.dataset.model_dump(mode="json"), dataset_section(scenario, plan, catalog)


def tables(section) -> dict[str, Table]:
    return {block.table_id: block for block in section.blocks if isinstance(block, Table)}


def paragraphs(section, style) -> list[str]:
    return [b.text for b in section.blocks if isinstance(b, Paragraph) and b.style == style]


@pytest.fixture(scope="module")
def pretrain(catalog, presets):
    return section_for(presets["dataset_qwen25_7b_overtrained"], catalog)


@pytest.fixture(scope="module")
def finetune(catalog, presets):
    return section_for(presets["dataset_synthetic_1m_finetune"], catalog)


def test_report_carries_compute_figures_and_sections_in_proposal_order(catalog, presets):
    scenario = presets["dataset_qwen25_7b_overtrained"]
    report = build_report(scenario, catalog)
    assert report.plan == compute_plan(scenario, catalog)
    order = [section.planner_id for section in report.sections]
    assert order.index("training") < order.index("dataset") < order.index("playbook")
    dataset_only = build_report(scenario, catalog, ReportOptions(planners=["dataset"]))
    assert [s.title for s in dataset_only.sections] == ["Dataset sizing"]


def test_token_table_values_are_the_figures(pretrain):
    data, section = pretrain
    table = tables(section)["dataset_tokens"]
    plan, chinchilla, low, high = table.values
    assert plan[1:] == [data["training_tokens"], data["tokens_per_param"],
                        data["multiple_over_chinchilla"]]
    assert chinchilla[1:3] == [data["chinchilla_tokens"], data["chinchilla_tokens_per_param"]]
    practical = data["practical"]
    assert low[1:3] == [practical["tokens_low"], practical["tokens_per_param_low"]]
    assert high[1:3] == [practical["tokens_high"], practical["tokens_per_param_high"]]
    assert table.rows[0][1] == compact(data["training_tokens"]) == "18T"
    assert table.rows[0][3] == "129×"
    assert table.numeric_columns == [1, 2, 3]


def test_corpus_and_cost_tables_hold_the_raw_figures(pretrain):
    data, section = pretrain
    by_id = tables(section)
    corpus = by_id["dataset_corpus"].values
    for row, category in zip(corpus, data["corpus"], strict=False):
        assert row[1:] == [category["share"], category["tokens"], category["seed_share_low"],
                           category["seed_share_high"], category["seed_tokens_low"],
                           category["seed_tokens_high"]]
    assert corpus[-1][0] == "Total"
    assert corpus[-1][2] == pytest.approx(data["training_tokens"])
    cost = by_id["dataset_cost"].values[0]
    assert cost[1:4] == [data["data_cost_usd"][k] for k in ("low", "base", "high")]
    assert cost[4] == data["data_cost_basis"]


def test_charts_key_figures_and_recommendation(pretrain):
    data, section = pretrain
    charts = [b for b in section.blocks if isinstance(b, Chart)]
    assert [c.chart_id for c in charts] == ["dataset_tokens_vs_params", "dataset_composition"]
    assert all(c.payload.model_dump(mode="json") == data for c in charts)
    tokens, cost = section.key_figures
    assert tokens.value == compact(data["training_tokens"])
    assert "129× Chinchilla" in tokens.detail
    assert cost.value == usd(data["data_cost_usd"]["base"])
    assert cost.detail == usd_range(data["data_cost_usd"]["low"], data["data_cost_usd"]["high"])
    assert section.recommendation.startswith("Plan 18T training tokens (129× Chinchilla), above")
    assert usd_range(data["data_cost_usd"]["low"], data["data_cost_usd"]["high"]) \
        in section.recommendation


def test_planner_notes_become_note_paragraphs(catalog, presets):
    data, section = section_for(presets["dataset_chinchilla_70b"], catalog)
    notes = paragraphs(section, "note")
    assert data["notes"][0].startswith("The seed has no row for 70B")
    assert notes[0] == f"Practical range: {data['notes'][0]}"
    assert "below the seed's 2026 practical range for 80B models (nearest seed row)" \
        in paragraphs(section, "body")[0]


def test_warnings_become_warning_paragraphs(catalog, presets):
    scenario = with_values(presets["dataset_qwen25_7b_overtrained"],
                           {"training.tokens": 7e10, "dataset.corpus.web": 0.8,
                            "dataset.corpus.code": 0.05, "dataset.corpus.synthetic": 0.05,
                            "dataset.corpus.books_papers": 0.05,
                            "dataset.corpus.domain": 0.05})
    data, section = section_for(scenario, catalog)
    assert data["warnings"] and paragraphs(section, "warning") == data["warnings"]
    assert "under-trained" in section.recommendation
    notes = paragraphs(section, "note")
    assert any("High-quality web" in note and "outside" in note for note in notes)
    assert notes[1:len(data["notes"])] == data["notes"][1:]
    assert notes[-1] == f"{data['data_cost_label']}: {data['data_cost_basis']}."


def test_finetune_section_prices_the_examples(finetune):
    data, section = finetune
    by_id = tables(section)
    assert "dataset_tokens" not in by_id and "dataset_corpus" not in by_id
    synthetic, human, total = by_id["dataset_examples"].values
    ft = data["finetune"]
    assert synthetic[1:] == [ft["synthetic_examples"], *ft["synthetic_cost_usd"].values()]
    assert human[1:] == [ft["human_examples"], *ft["human_cost_usd"].values()]
    assert total[1:] == [ft["examples"], *ft["acquisition_cost_usd"].values()]
    assert section.key_figures[0].value == "1,000,000"
    assert section.key_figures[0].label == "Fine-tuning examples"
    assert section.key_figures[1].value == usd(data["data_cost_usd"]["base"]) == "$550"
    assert section.recommendation.startswith("Acquire 1,000,000 fine-tuning examples")
    assert "$100 – $1K" in section.recommendation
    # The practical range is about pre-training: the only note is how the data was priced.
    assert paragraphs(section, "note") == [f"{data['data_cost_label']}: {data['data_cost_basis']}."]


def test_sources_list_the_rows_used(pretrain, finetune):
    for (_, section), expected in ((pretrain, {"corpus_composition", "chinchilla_tokens",
                                               "recommended_dataset_sizes",
                                               "overtraining_ratios",
                                               "beyond_compute_multipliers"}),
                                   (finetune, {"data_acquisition_costs", "chinchilla_tokens"})):
        assert section.sources
        assert expected <= {ref.table for ref in section.sources}
        assert all(ref.source and ref.as_of for ref in section.sources)
        keys = [(ref.table, ref.key) for ref in section.sources]
        assert len(keys) == len(set(keys))
    assert ("chinchilla_tokens", "7b") in {(r.table, r.key) for r in pretrain[1].sources}
