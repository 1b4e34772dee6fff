"""The catalog sources (resources/catalog/*.csv + schema.sql) against the catalog rules
and against figures printed in the seed documents. Pure polars: no DuckDB, no Qt."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import polars as pl
import pytest

CATALOG_DIR = Path(__file__).resolve().parents[2] / "resources" / "catalog"
INDEX_TABLE = "catalog_tables"
QUALIFIERS = {"~", "+", "<"}
AS_OF = re.compile(r"^(n\.d\.|\d{4}(-\d{2}(-\d{2})?)?)$")
POLARS_TYPES = {
    "DOUBLE": pl.Float64,
    "BIGINT": pl.Int64,
    "VARCHAR": pl.String,
    "BOOLEAN": pl.Boolean,
}
# Long-format tables whose first column repeats by design.
REPEATING_FIRST_COLUMN = {"gpu_measurements", "per_task_cost_evolution", "price_trajectory"}


@cache
def schema() -> dict[str, list[tuple[str, str]]]:
    """Every CREATE TABLE in schema.sql as {table: [(column, type), ...]}."""
    text = re.sub(r"--[^\n]*", "", (CATALOG_DIR / "schema.sql").read_text(encoding="utf-8"))
    tables = {}
    for name, body in re.findall(r"CREATE TABLE (\w+)\s*\((.*?)\);", text, flags=re.S):
        assert name not in tables, f"schema.sql declares {name} twice"
        columns = []
        for line in body.split(","):
            column, column_type = line.split()
            columns.append((column, column_type))
        tables[name] = columns
    return tables


def csv_names() -> list[str]:
    return sorted(p.stem for p in CATALOG_DIR.glob("*.csv"))


def data_tables() -> list[str]:
    return [name for name in csv_names() if name != INDEX_TABLE]


@cache
def read(name: str) -> pl.DataFrame:
    """A catalog CSV parsed with the types schema.sql declares (a bad cell raises)."""
    columns = schema()[name]
    return pl.read_csv(
        CATALOG_DIR / f"{name}.csv",
        schema={column: POLARS_TYPES[column_type] for column, column_type in columns},
    )


def row(table: str, column: str, value: object) -> dict:
    rows = read(table).filter(pl.col(column) == value)
    assert rows.height == 1, f"{table}: {rows.height} rows with {column}={value!r}"
    return rows.row(0, named=True)


# ---------------------------------------------------------------- structure


def test_every_csv_has_a_table_in_schema_and_vice_versa():
    assert set(csv_names()) == set(schema())


@pytest.mark.parametrize("name", csv_names())
def test_csv_header_matches_schema_columns_in_order(name):
    with open(CATALOG_DIR / f"{name}.csv", encoding="utf-8") as fh:
        header = fh.readline().rstrip("\n").split(",")
    assert header == [column for column, _ in schema()[name]]


@pytest.mark.parametrize("name", csv_names())
def test_csv_values_parse_as_declared_types(name):
    assert read(name).height > 0


def test_index_lists_every_data_table_exactly_once():
    index = read(INDEX_TABLE)
    listed = index["table_name"].to_list()
    assert len(listed) == len(set(listed))
    assert sorted(listed) == data_tables()
    assert index["title"].null_count() == 0
    assert index["description"].null_count() == 0


@pytest.mark.parametrize("name", data_tables())
def test_every_row_has_source_and_as_of(name):
    frame = read(name)
    assert frame.columns[-2:] == ["source", "as_of"]
    for column in ("source", "as_of"):
        values = frame[column]
        assert values.null_count() == 0, f"{name}.{column} has empty cells"
        assert (values.str.strip_chars().str.len_chars() > 0).all()
    bad = [v for v in frame["as_of"].to_list() if not AS_OF.match(v)]
    assert not bad, f"{name}: as_of not 'n.d.' or YYYY[-MM[-DD]]: {bad}"


@pytest.mark.parametrize("name", data_tables())
def test_low_never_exceeds_high(name):
    frame = read(name)
    lows = [c for c in frame.columns if c.endswith("_low")]
    for low in lows:
        high = low.removesuffix("_low") + "_high"
        assert high in frame.columns, f"{name}.{low} has no {high}"
        both = frame.filter(pl.col(low).is_not_null() & pl.col(high).is_not_null())
        bad = both.filter(pl.col(low) > pl.col(high))
        assert bad.is_empty(), f"{name}: {low} > {high} in {bad.rows()}"
    highs = [c for c in frame.columns if c.endswith("_high")]
    for high in highs:
        assert high.removesuffix("_high") + "_low" in frame.columns, f"{name}.{high} unpaired"


@pytest.mark.parametrize("name", data_tables())
def test_shares_and_fractions_are_fractions(name):
    frame = read(name)
    for column in frame.columns:
        if re.search(r"_share(_low|_high)?$|^share_(low|high)$", column):
            values = frame[column].drop_nulls()
            assert ((values >= 0) & (values <= 1)).all(), f"{name}.{column} outside [0, 1]"
        if re.search(r"_frac(_low|_high)?$", column):
            values = frame[column].drop_nulls()
            assert ((values >= -1) & (values <= 1)).all(), f"{name}.{column} outside [-1, 1]"


@pytest.mark.parametrize("name", data_tables())
def test_qualifiers_use_the_three_marks(name):
    frame = read(name)
    for column in [c for c in frame.columns if c == "qualifier" or c.endswith("_qualifier")]:
        values = set(frame[column].drop_nulls().to_list())
        assert values <= QUALIFIERS, f"{name}.{column}: {values - QUALIFIERS}"


@pytest.mark.parametrize("name", sorted(set(data_tables()) - REPEATING_FIRST_COLUMN))
def test_first_column_is_a_unique_key(name):
    first = read(name).get_column(read(name).columns[0])
    assert first.null_count() == 0
    assert first.n_unique() == first.len(), f"{name}: duplicate {first.name}"


# ---------------------------------------------------------------- seed spot checks


def test_gpu_peaks_and_prices():
    h100 = row("gpus", "gpu_id", "h100_sxm")
    assert h100["dense_bf16_tflops"] == 989
    assert (h100["cloud_usd_per_hour_low"], h100["cloud_usd_per_hour_high"]) == (2.0, 3.0)
    assert (h100["purchase_usd_low"], h100["purchase_usd_high"]) == (25000, 40000)
    assert row("gpus", "gpu_id", "a100_80gb")["dense_bf16_tflops"] == 312
    assert row("gpus", "gpu_id", "a100_40gb")["dense_bf16_tflops"] == 312
    assert row("gpus", "gpu_id", "b200")["dense_bf16_tflops"] == 2250
    assert row("gpus", "gpu_id", "gb200")["dense_bf16_tflops"] == 5000
    assert row("gpus", "gpu_id", "gb200")["cloud_usd_per_hour_low"] is None
    t4 = row("gpus", "gpu_id", "t4")
    assert t4["dense_bf16_tflops"] is None
    assert "no BF16" in t4["peak_source"]
    perf = dict(read("gpus").select("gpu_id", "perf_vs_a100").drop_nulls().iter_rows())
    assert perf == {"a100_80gb": 1.0, "h100_sxm": 2.5, "h200": 3.0, "b200": 6.0, "gb200": 12}
    assert row("gpus", "gpu_id", "rtx_5090")["cloud_usd_per_hour_low"] == 0.36


def test_gpu_ids_used_elsewhere_exist():
    gpu_ids = set(read("gpus")["gpu_id"])
    for name in data_tables():
        frame = read(name)
        for column in [c for c in frame.columns if c in ("gpu_id", "reference_gpu_id")]:
            used = set(frame[column].drop_nulls())
            assert used <= gpu_ids, f"{name}.{column}: unknown {used - gpu_ids}"


def test_measured_h100_mfu_matches_its_definition():
    frame = read("gpu_measurements")
    assert frame.height == 9
    assert set(frame["gpu_id"]) == {"h100_sxm"}
    assert frame["source"].str.starts_with("shared/measurements/h100_measured.csv: ").all()
    for item in frame.iter_rows(named=True):
        if item["kind"] == "gemm":
            assert item["achieved_tflops"] / 989 == pytest.approx(item["mfu"], abs=0.001)
        else:
            mfu = 6 * item["params"] * item["tokens_per_s"] / 989e12
            assert mfu == pytest.approx(item["mfu"], abs=0.001)
    gemm = frame.filter(pl.col("kind") == "gemm")
    assert gemm["achieved_tflops"].max() == pytest.approx(803.1)


def test_beyond_compute_multipliers():
    frame = read("beyond_compute_multipliers")
    assert set(frame["category_id"]) == {
        "data_curation",
        "post_training",
        "talent",
        "failed_runs",
        "storage_infra",
    }
    ranges = {
        r["category_id"]: (r["multiplier_low"], r["multiplier_high"])
        for r in frame.iter_rows(named=True)
    }
    assert ranges == {
        "data_curation": (3, 28),
        "post_training": (0.5, 5),
        "talent": (0.2, 1),
        "failed_runs": (0.2, 0.5),
        "storage_infra": (0.1, 0.2),
    }


def test_role_overspend_rows_and_the_seed_total():
    roles = read("role_overspend")
    total = read("role_overspend_total").row(0, named=True)
    assert roles.height == total["role_count"] == 14
    assert (total["optimal_usd_per_day"], total["all_large_usd_per_day"]) == (4.96, 15.94)
    assert total["overspend_multiple"] == 3.2
    # The seed's 14 printed rows sum to $5.025 and $16.01, not to its printed TOTAL of
    # $4.96 and $15.94 (a gap as large as rounding every row by half a cent could give,
    # and only in the same direction). Both are kept as printed; the sums pin the
    # transcription and the gap stays bounded by that rounding.
    optimal, all_large = roles["optimal_usd_per_day"].sum(), roles["all_large_usd_per_day"].sum()
    assert optimal == pytest.approx(5.025) and all_large == pytest.approx(16.01)
    rounding = roles.height * 0.005 + 1e-9
    assert abs(optimal - total["optimal_usd_per_day"]) <= rounding
    assert abs(all_large - total["all_large_usd_per_day"]) <= rounding
    assert all_large / optimal == pytest.approx(total["overspend_multiple"], abs=0.05)
    assert total["all_large_usd_per_day"] / total["optimal_usd_per_day"] == pytest.approx(
        total["overspend_multiple"], abs=0.05
    )
    for item in roles.iter_rows(named=True):
        ratio = item["all_large_usd_per_day"] / item["optimal_usd_per_day"]
        assert ratio == pytest.approx(item["overspend_multiple"], rel=0.03), item["role_id"]


def test_playbook_total_and_phases():
    total = row("playbook_phases", "phase_id", "total")
    assert (total["cost_usd_low"], total["cost_usd_high"]) == (0.5e6, 2.5e6)
    assert (total["months_low"], total["months_high"]) == (4, 8)
    ongoing = row("playbook_phases", "phase_id", "ongoing")
    assert (ongoing["cost_usd_low"], ongoing["cost_usd_high"]) == (50e3, 300e3)
    steps = {
        r["step_id"]: (r["cost_usd_low"], r["cost_usd_high"])
        for r in read("playbook_steps").iter_rows(named=True)
    }
    assert steps["pick_base_cpt"] == (100e3, 2e6)
    assert steps["heavy_curation"] == (100e3, 500e3)
    assert steps["sft_distill"] == (150e3, 800e3)


def test_llama31_405b_keeps_both_disagreeing_costs():
    costs = []
    for table, low, high in (
        ("reference_runs", "compute_usd_low", "compute_usd_high"),
        ("known_training_costs", "cost_usd_low", "cost_usd_high"),
    ):
        frame = read(table).filter(pl.col("model").str.contains(r"Llama 3\.1 \(?405B"))
        costs += [(r[low], r[high]) for r in frame.iter_rows(named=True)]
    assert sorted(costs) == [(60e6, 60e6), (170e6, 170e6)]
    run = row("reference_runs", "run_id", "llama31_405b")
    assert run["gpu_hours"] * 2 == pytest.approx(60e6, rel=0.05)  # 30.84M H100-h x $2/h
    assert run["cost_basis"] == "compute-only"


def test_hidden_cost_activities_sum_to_the_seed_totals():
    activities = read("hidden_cost_activities")
    assert set(activities["phase"]) == {"data_preparation", "evaluation", "infrastructure"}
    costs = read("hidden_cost_activity_costs").join(activities, on="activity_id")
    assert costs.height == activities.height
    for phase in (
        read("hidden_cost_phases")
        .filter(pl.col("total_hours_low").is_not_null())
        .iter_rows(named=True)
    ):
        rows = activities.filter(pl.col("phase") == phase["phase_id"])
        assert rows["setup_hours_low"].sum() == phase["total_hours_low"]
        assert rows["setup_hours_high"].sum() == phase["total_hours_high"]
        priced = costs.filter(pl.col("phase") == phase["phase_id"])
        assert priced["cost_usd_low"].sum() == phase["total_cost_usd_low"]
        assert priced["cost_usd_high"].sum() == phase["total_cost_usd_high"]
    totals = {
        r["phase_id"]: (r["total_hours_low"], r["total_hours_high"])
        for r in read("hidden_cost_phases").iter_rows(named=True)
    }
    assert totals["data_preparation"] == (47, 158)
    assert totals["evaluation"] == (22, 50)


def test_reasoning_multiplier_is_gain_over_cost_multiple():
    legal = row("reasoning_multiplier_tasks", "task_id", "legal_analysis")
    assert (legal["gain_pct"], legal["cost_multiple"]) == (15.0, 2.7)
    assert legal["gain_pct"] / legal["cost_multiple"] == pytest.approx(5.56, abs=0.01)
    assert legal["rm"] == 5.56 and legal["verdict"] == "Buy"
    for item in read("reasoning_multiplier_tasks").iter_rows(named=True):
        # RM printed to 2-3 significant figures, gain to one decimal.
        assert item["gain_pct"] / item["cost_multiple"] == pytest.approx(item["rm"], abs=0.05)
        gain = (item["reasoning_frac"] - item["instruct_frac"]) / item["instruct_frac"] * 100
        assert gain == pytest.approx(item["gain_pct"], abs=0.05)


def test_corpus_composition_categories():
    frame = read("corpus_composition")
    assert sorted(frame["category_id"]) == sorted(
        ["web", "code", "synthetic", "books_papers", "domain"]
    )
    assert (
        row("corpus_composition", "category_id", "web")["share_low"],
        row("corpus_composition", "category_id", "web")["share_high"],
    ) == (0.40, 0.50)


def test_fixed_id_sets():
    assert set(read("iteration_multipliers")["complexity_id"]) == {
        "well_defined",
        "medium",
        "novel",
    }
    assert set(read("model_categories")["category_id"]) == {
        "reasoning",
        "commercial_large",
        "commercial_small",
        "open_source",
        "fine_tuned",
        "instruct",
        "specialist",
    }
    assert set(read("fine_tuning_examples")["method"]) <= {"qlora", "lora", "full"}
    assert set(read("verticals")["vertical_id"]) == {
        "finance",
        "real_estate",
        "corporate_intelligence",
    }
    categories = set(read("model_categories")["category_id"])
    for table in ("price_trajectory", "api_prices", "top_tasks"):
        assert set(read(table)["category_id"].drop_nulls()) <= categories, table
    assert set(read("vertical_tasks")["vertical_id"]) == set(read("verticals")["vertical_id"])


def test_iteration_multipliers():
    ranges = {
        r["complexity_id"]: (r["multiplier_low"], r["multiplier_high"])
        for r in read("iteration_multipliers").iter_rows(named=True)
    }
    assert ranges == {"well_defined": (2, 3), "medium": (4, 6), "novel": (8, 10)}


def test_training_flops_follow_six_n_d():
    for item in read("training_flops_examples").iter_rows(named=True):
        params = item["active_params"] or item["params"]
        assert 6 * params * item["tokens"] == pytest.approx(item["flops"], rel=0.05)
    moe = row("training_flops_examples", "example_id", "deepseek_v3_moe")
    assert (moe["active_params"], moe["tokens"], moe["flops"]) == (37e9, 14.8e12, 3.3e24)
    assert row("training_flops_examples", "example_id", "dense_7b")["flops"] == 3.4e23


def test_chinchilla_and_overtraining_ratios():
    for item in read("chinchilla_tokens").iter_rows(named=True):
        assert item["chinchilla_tokens"] == pytest.approx(20 * item["params"])
    for item in read("overtraining_ratios").iter_rows(named=True):
        params = item["active_params"] or item["params"]
        assert item["tokens"] / params == pytest.approx(item["tokens_per_param"], rel=0.02)
        assert abs(item["tokens_per_param"] / 20 - item["vs_chinchilla"]) <= 0.5 + 1e-9


def test_compute_cost_by_size_and_training_time():
    sizes = {r["size_id"]: r for r in read("compute_cost_by_size").iter_rows(named=True)}
    assert (sizes["7b"]["compute_usd_low"], sizes["7b"]["compute_usd_high"]) == (50e3, 500e3)
    assert (sizes["130b"]["all_in_usd_low"], sizes["130b"]["all_in_usd_high"]) == (15e6, 40e6)
    time = row("training_time", "size_id", "80b")
    assert (time["days_low"], time["days_high"]) == (21, 42)  # 3–6 weeks


def test_worked_examples_reproduce():
    roi = read("roi_framework_example").row(0, named=True)
    assert roi["investment_usd"] / roi["monthly_savings_usd"] == pytest.approx(
        roi["payback_months"], abs=0.05
    )
    first_year = (roi["annual_savings_usd"] - roi["investment_usd"]) / roi["investment_usd"]
    assert first_year * 100 == pytest.approx(roi["first_year_roi_pct"], abs=0.5)
    big = row("task_assistant_breakeven", "scenario_id", "q5m")
    assert big["payback_investment_usd"] / big["monthly_savings_usd"] == pytest.approx(
        big["payback_months"]
    )
    small = row("task_assistant_breakeven", "scenario_id", "q50k")
    assert (
        small["training_usd"] + small["setup_usd"] + small["monthly_server_usd"]
        == (small["first_month_total_usd"])
    )
    lines = {
        r["line_id"]: r["value"] for r in read("finetune_roi_example_lines").iter_rows(named=True)
    }
    assert (
        lines["fine_tuning"] + lines["serving_infra"] + lines["data_prep"]
        == (lines["total_first_month"])
    )
    assert (
        lines["monthly_api_alternative"] - lines["total_first_month"] == (lines["monthly_savings"])
    )
    bank = row("build_vs_buy_examples", "example_id", "midsize_bank")
    assert bank["api_monthly_usd"] - bank["selfhost_monthly_usd"] == bank["monthly_savings_usd"]
    for item in read("ft_team_size_scenarios").iter_rows(named=True):
        if item["payback_unit"] == "months":
            assert item["training_usd"] / item["ft_monthly_savings_usd"] == pytest.approx(
                item["payback_value"], rel=0.05
            )


def test_cost_per_query_matches_api_prices():
    prices = {
        r["model"]: r
        for r in read("api_prices")
        .filter(pl.col("price_id").str.starts_with("s003_"))
        .iter_rows(named=True)
    }
    for item in read("cost_per_query_comparison").iter_rows(named=True):
        if item["approach"] in prices:
            price = prices[item["approach"]]
            cost = (
                item["input_tokens"] * price["usd_per_mtok_input"]
                + item["output_tokens"] * price["usd_per_mtok_output"]
            ) / 1e6
            assert cost == pytest.approx(item["usd_per_query"], rel=0.05)
        assert item["usd_per_query"] * item["queries_per_month"] == pytest.approx(
            item["usd_per_month"], rel=0.05
        )


def test_api_prices_keep_cached_and_batch_empty_unless_stated():
    frame = read("api_prices")
    for column in (
        "usd_per_mtok_cached_input",
        "usd_per_mtok_batch_input",
        "usd_per_mtok_batch_output",
    ):
        assert frame[column].null_count() == frame.height
    seed004 = row("api_prices", "price_id", "s004_gpt_54_standard")
    assert (seed004["usd_per_mtok_input"], seed004["usd_per_mtok_output"]) == (2.50, 15.00)
    conventions = {
        r["convention_id"]: r["share_of_base"]
        for r in read("api_discount_conventions").iter_rows(named=True)
    }
    assert conventions == {"cached_input": 0.10, "batch": 0.50}


def test_price_trajectory_and_per_task_evolution_are_complete():
    trajectory = read("price_trajectory")
    assert trajectory.height == 5 * 4
    large = trajectory.filter(pl.col("category_id") == "commercial_large").sort("year")
    assert large["usd_per_mtok_input"].to_list() == [5.00, 2.50, 1.25, 0.40, 0.12]
    evolution = read("per_task_cost_evolution")
    assert evolution.group_by("task_id").len()["len"].to_list() == [5] * 5
    share = {
        r["year"]: r["task_share"] for r in read("task_share_below_threshold").iter_rows(named=True)
    }
    assert (share[2026], share[2028]) == (0.55, 0.68)
