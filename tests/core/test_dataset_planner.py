"""The Dataset sizing planner against the seed's figures (seed 000 §1–§2), without Qt."""

import math

import pytest
from econplan.core import dataset, training
from econplan.core.dataset_inputs import CORPUS_CATEGORY_IDS, CorpusShares
from econplan.core.defaults import default_scenario, mode_switch_values, reference_model_values
from econplan.desktop.document import with_values


@pytest.fixture(scope="module")
def base(catalog):
    return default_scenario(catalog)


def plan_with(catalog, scenario, **values):
    changed = with_values(scenario, values) if values else scenario
    return dataset.plan(changed.training, changed.dataset, catalog)


def plan_paths(catalog, scenario, values):
    changed = with_values(scenario, values)
    return dataset.plan(changed.training, changed.dataset, catalog)


def round_half_up(value: float) -> int:
    return math.floor(value + 0.5)


def test_chinchilla_tokens_by_size_are_the_seed_table(catalog, base):
    rows = list(catalog.table("chinchilla_tokens").iter_rows(named=True))
    assert len(rows) == 5  # 7B, 32B, 70B, 130B, 405B
    for row in rows:
        result = plan_paths(catalog, base, {"training.params": row["params"],
                                            "training.active_params": row["params"]})
        assert result.chinchilla_tokens_per_param == 20
        assert result.chinchilla_tokens == pytest.approx(row["chinchilla_tokens"], rel=1e-12)


def test_overtraining_ratios_of_released_models(catalog, base):
    """Seed 000 §1: tokens per (active) parameter and the multiple over Chinchilla."""
    rows = list(catalog.table("overtraining_ratios").iter_rows(named=True))
    assert len(rows) == 8
    for row in rows:
        result = plan_paths(catalog, base, reference_model_values(catalog, row["model_id"]))
        # The seed prints whole ratios, some rounded further (Phi-3: 3.3T / 3.8B = 868,
        # printed 870; Llama 3.1 405B: 15.6T / 405B = 38.5, printed 38).
        assert math.isclose(result.tokens_per_param, row["tokens_per_param"], rel_tol=0.005,
                            abs_tol=0.52), row["model"]
        # Its "× over" column is its printed ratio ÷ 20, rounded half up …
        assert round_half_up(row["tokens_per_param"] / 20) == row["vs_chinchilla"]
        # … so the exact multiple is within one of it.
        assert abs(result.multiple_over_chinchilla - row["vs_chinchilla"]) < 1, row["model"]


def test_deepseek_v3_ratio_is_per_active_parameter(catalog, base):
    result = plan_paths(catalog, base, reference_model_values(catalog, "deepseek_v3"))
    assert result.architecture == "moe"
    assert result.flops_params == 37e9
    assert result.tokens_per_param == pytest.approx(400)
    assert "active parameters" in result.practical.rule


def test_flops_table_of_seed_000(catalog, base):
    for row in catalog.table("training_flops_examples").iter_rows(named=True):
        active = row["active_params"] or row["params"]
        moe = row["active_params"] is not None
        result = plan_paths(catalog, base, {
            "training.architecture": "moe" if moe else "dense",
            "training.params": row["params"], "training.active_params": active,
            "training.tokens": row["tokens"]})
        assert float(f"{result.flops:.1e}") == pytest.approx(row["flops"]), row["model"]


@pytest.mark.parametrize("params, size_id", [(7e9, "7b"), (32e9, "32b"), (80e9, "80b"),
                                             (130e9, "130b")])
def test_seed_rows_are_used_exactly(catalog, base, params, size_id):
    result = plan_paths(catalog, base, {"training.params": params,
                                        "training.active_params": params})
    row = catalog.row("recommended_dataset_sizes", "size_id", size_id)
    practical = result.practical
    assert practical.exact and practical.size_id == size_id
    assert (practical.tokens_low, practical.tokens_high) == (row["practical_tokens_low"],
                                                             row["practical_tokens_high"])
    assert practical.rule == f"Seed row for {practical.size_label}."


def test_seed_practical_ratios_are_its_token_ranges_rounded(catalog):
    for row in catalog.table("recommended_dataset_sizes").iter_rows(named=True):
        low = row["practical_tokens_low"] / row["params"]
        high = row["practical_tokens_high"] / row["params"]
        assert low == pytest.approx(row["tokens_per_param_low"], rel=0.03), row["size_id"]
        if row["tokens_per_param_qualifier"] == "+":  # 7B: "2,000+" for 15T / 7B = 2,143
            assert high >= row["tokens_per_param_high"]
        else:
            assert high == pytest.approx(row["tokens_per_param_high"], rel=0.03)


@pytest.mark.parametrize("params, size_id, words", [
    (20e9, "32b", "nearest seed size on a log scale, 32B"),
    (14e9, "7b", "nearest seed size on a log scale, 7B"),
    (70e9, "80b", "nearest seed size on a log scale, 80B"),
    (1e9, "7b", "below the smallest seed size"),
    (405e9, "130b", "above the largest seed size"),
])
def test_sizes_between_rows_say_which_row_they_use(catalog, base, params, size_id, words):
    result = plan_paths(catalog, base, {"training.params": params,
                                        "training.active_params": params})
    assert result.practical.size_id == size_id
    assert not result.practical.exact
    assert words in result.practical.rule
    assert "7B, 32B, 80B, 130B only" in result.practical.rule


def test_default_corpus_is_the_seed_midpoints_scaled_to_100_percent(catalog, base):
    shares = base.dataset.corpus.as_dict()
    assert tuple(shares) == CORPUS_CATEGORY_IDS
    assert math.fsum(shares.values()) == pytest.approx(1.0, abs=1e-12)
    rows = {r["category_id"]: r for r in catalog.table("corpus_composition").iter_rows(named=True)}
    mids = {cid: (r["share_low"] + r["share_high"]) / 2 for cid, r in rows.items()}
    assert math.fsum(mids.values()) == pytest.approx(1.025)  # why they are scaled
    for category_id, share in shares.items():
        assert share == pytest.approx(mids[category_id] / 1.025)
        assert rows[category_id]["share_low"] <= share <= rows[category_id]["share_high"]


def test_tokens_per_category_add_up_to_the_plan(catalog, base):
    result = plan_with(catalog, base)
    assert math.fsum(c.tokens for c in result.corpus) == pytest.approx(base.training.tokens)
    assert all(c.in_seed_range for c in result.corpus)
    web = next(c for c in result.corpus if c.category_id == "web")
    assert (web.seed_tokens_low, web.seed_tokens_high) == pytest.approx((0.8e12, 1e12))


def test_a_share_outside_the_seed_range_is_noted(catalog, base):
    result = plan_paths(catalog, base, {
        "dataset.corpus": {"web": 0.7, "code": 0.1, "synthetic": 0.1, "books_papers": 0.05,
                           "domain": 0.05}})
    assert any("outside the seed's typical 40%–50%" in note for note in result.notes)


def test_shares_that_do_not_sum_to_one_are_refused():
    with pytest.raises(ValueError, match="sum to 100%"):
        CorpusShares(web=0.5, code=0.5, synthetic=0.5, books_papers=0, domain=0)


def test_one_million_synthetic_examples_cost_100_to_1000_dollars(presets, catalog):
    scenario = presets["dataset_synthetic_1m_finetune"]
    result = dataset.plan(scenario.training, scenario.dataset, catalog)
    assert result.is_finetune and result.finetune.synthetic_examples == 1_000_000
    cost = result.data_cost_usd
    assert (cost.low, cost.high) == pytest.approx((100, 1_000))
    assert result.data_cost_label == "Data acquisition"
    assert result.warnings == []


def test_human_annotation_is_1_to_100_dollars_an_example(catalog, base):
    values = {**mode_switch_values("finetune_qlora"), "training.finetune.examples": 5_000,
              "dataset.finetune_synthetic_share": 0.0}
    result = plan_paths(catalog, base, values)
    assert (result.finetune.human_cost_usd.low, result.finetune.human_cost_usd.high) == (
        5_000, 500_000)


@pytest.mark.parametrize("examples, expected", [
    (1_500, "fewer than 2,000 risks degradation"),
    (1_999, "fewer than 2,000 risks degradation"),
    (2_000, "5,000+ are recommended"),
    (4_999, "5,000+ are recommended"),
    (5_000, None),
])
def test_fine_tuning_example_warnings_cite_the_seed(catalog, base, examples, expected):
    values = {**mode_switch_values("finetune_lora"), "training.finetune.examples": examples}
    warnings = plan_paths(catalog, base, values).warnings
    if expected is None:
        assert warnings == []
    else:
        assert len(warnings) == 1 and expected in warnings[0]
        assert "000_40311fb54337ffce.txt §2 Data Economics" in warnings[0]


def test_example_warnings_only_apply_to_fine_tuning(catalog, base):
    result = plan_paths(catalog, base, {"training.finetune.examples": 100})
    assert not any("examples" in w for w in result.warnings)


def test_fewer_tokens_than_chinchilla_warns(catalog, base):
    result = plan_paths(catalog, base, {"training.tokens": 7e9 * 10})
    assert result.tokens_per_param == pytest.approx(10)
    assert any("under-trained" in w and "20" in w for w in result.warnings)


def test_beyond_qwen3_ratio_warns(catalog, base):
    result = plan_paths(catalog, base, {"training.params": 1e8, "training.active_params": 1e8,
                                        "training.tokens": 1e13})
    assert any("Qwen3 0.6B, 60,000" in w for w in result.warnings)


def test_pretraining_data_cost_is_the_training_plans_curation_line(catalog, base):
    result = plan_with(catalog, base)
    line = next(line for line in training.plan(base.training, catalog).lines
                if line.category_id == "data_curation")
    assert result.data_cost_usd == line.cost_usd
    assert result.data_cost_basis.startswith("3–28× compute")
    off = plan_paths(catalog, base, {"training.beyond_compute.data_curation.enabled": False})
    assert off.data_cost_usd is None
    assert "excluded" in off.data_cost_basis


def test_fine_tuning_flops_are_six_n_tokens_epochs(catalog, base):
    values = {**mode_switch_values("finetune_qlora"), "training.finetune.examples": 5_000,
              "training.finetune.tokens_per_example": 700, "training.finetune.epochs": 3}
    result = plan_paths(catalog, base, values)
    assert result.training_tokens == 3.5e6
    assert result.flops == pytest.approx(6 * 7e9 * 3.5e6 * 3)


def test_qwen25_7b_preset_sits_above_the_seeds_own_7b_range(presets, catalog):
    scenario = presets["dataset_qwen25_7b_overtrained"]
    result = dataset.plan(scenario.training, scenario.dataset, catalog)
    assert round(result.tokens_per_param) == 2571
    assert round(result.multiple_over_chinchilla) == 129
    assert result.practical.size_id == "7b" and result.practical.position == "above"
    assert "Qwen 2.5 7B (18T)" in result.practical.examples  # the seed's own example


def test_chinchilla_70b_preset(presets, catalog):
    scenario = presets["dataset_chinchilla_70b"]
    result = dataset.plan(scenario.training, scenario.dataset, catalog)
    assert result.multiple_over_chinchilla == pytest.approx(1.0)
    assert result.chinchilla_tokens == pytest.approx(1.4e12)
    assert result.practical.size_id == "80b" and not result.practical.exact
    assert result.practical.position == "below"


def test_tokens_for_ratio_is_the_inverse_of_the_ratio(catalog, base):
    tokens = dataset.tokens_for_ratio(2_000, 7e9)
    result = plan_paths(catalog, base, {"training.tokens": tokens})
    assert result.tokens_per_param == pytest.approx(2_000)
