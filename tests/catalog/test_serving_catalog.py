"""The serving tables: GPU datasheets, model architectures, training interruptions."""

import polars as pl
import pytest

from tests.catalog.test_catalog_sources import read, row

REQUIRED_GPUS = {"a100_40gb", "a100_80gb", "h100_sxm", "h100_pcie", "h800", "h200", "b200",
                 "gb200", "l40s", "l4", "a10g", "t4", "rtx_4090", "rtx_5090"}
REQUIRED_MODELS = {"llama31_8b", "llama31_70b", "llama31_405b", "qwen25_7b", "qwen3_0_6b",
                   "qwen3_32b", "phi3_mini", "phi4_14b", "mistral_7b", "deepseek_v3"}


def test_gpu_specs_cover_the_issue_list_and_cite_a_datasheet():
    specs = read("gpu_specs")
    assert set(specs["gpu_id"]) >= REQUIRED_GPUS
    assert specs["gpu_id"].is_unique().all()
    assert specs["datasheet_title"].null_count() == 0
    assert specs["datasheet_url"].str.starts_with("https://").all()
    assert (specs["memory_gb"] > 0).all()


def test_datasheet_peaks_agree_with_the_gpus_table():
    joined = read("gpu_specs").join(read("gpus"), on="gpu_id").drop_nulls(
        ["dense_16bit_tflops", "dense_bf16_tflops"])
    for spec in joined.iter_rows(named=True):
        # gpus.gb200 is the two-GPU superchip; gpu_specs is per GPU.
        factor = 2 if spec["gpu_id"] == "gb200" else 1
        assert spec["dense_bf16_tflops"] == pytest.approx(factor * spec["dense_16bit_tflops"])


def test_dense_peaks_rise_with_lower_precision():
    specs = read("gpu_specs")
    for spec in specs.iter_rows(named=True):
        chain = [spec[c] for c in ("dense_16bit_tflops", "dense_fp8_tflops", "dense_int8_tops")]
        stated = [v for v in chain if v is not None]
        assert stated == sorted(stated), spec["gpu_id"]


def test_hopper_figures_are_the_dense_halves_of_the_datasheet():
    h100 = row("gpu_specs", "gpu_id", "h100_sxm")
    assert (h100["dense_16bit_tflops"], h100["dense_fp8_tflops"]) == (989, 1979)
    assert h100["memory_bandwidth_tbps"] == 3.35
    assert row("gpu_specs", "gpu_id", "h200")["memory_gb"] == 141
    assert row("gpu_specs", "gpu_id", "t4")["dense_16bit_format"] == "FP16"


def test_architectures_cover_the_seed_models_and_cite_their_configs():
    arch = read("model_architectures")
    assert set(arch["model_id"]) >= REQUIRED_MODELS
    assert arch["config_url"].str.starts_with("https://huggingface.co/").all()
    assert set(arch["attention_type"]) <= {"full", "grouped_query", "latent", "sliding_window"}
    assert (arch["active_params"] <= arch["total_params"]).all()
    assert (arch["attention_heads"] % arch["kv_heads"] == 0).all()


def test_attention_type_fields_are_filled_where_they_apply():
    arch = read("model_architectures")
    window = arch.filter(pl.col("attention_type") == "sliding_window")
    assert window["sliding_window"].null_count() == 0
    latent = arch.filter(pl.col("attention_type") == "latent")
    assert latent.select("kv_lora_rank", "qk_rope_head_dim").null_count().sum_horizontal()[0] == 0
    full = arch.filter(pl.col("attention_type") == "full")
    assert (full["kv_heads"] == full["attention_heads"]).all()


def test_llama3_interruptions_as_reported():
    report = row("training_interruptions", "report_id", "llama3_405b_pretraining")
    assert (report["gpus"], report["snapshot_days"]) == (16_384, 54)
    assert (report["unexpected_interruptions"], report["planned_interruptions"]) == (419, 47)
    assert "Llama 3 Herd of Models" in report["source"]
