-- EconPlan catalog schema: one table per CSV in this folder, columns in CSV order.
-- Every data table ends with `source` (seed file + section, or external citation)
-- and `as_of`. Ranges are _low/_high pairs; shares are fractions in [0, 1].

-- GPUs
CREATE TABLE gpus (
    gpu_id VARCHAR,
    name VARCHAR,
    year BIGINT,
    vram_gb DOUBLE,
    perf_vs_a100 DOUBLE,
    purchase_usd_low DOUBLE,
    purchase_usd_high DOUBLE,
    cloud_usd_per_hour_low DOUBLE,
    cloud_usd_per_hour_high DOUBLE,
    dense_bf16_tflops DOUBLE,
    peak_source VARCHAR,
    source VARCHAR,
    as_of VARCHAR
);

-- Measured GPU throughput
CREATE TABLE gpu_measurements (
    gpu_id VARCHAR,
    kind VARCHAR,
    workload VARCHAR,
    params DOUBLE,
    batch BIGINT,
    seq_len BIGINT,
    torch_compile BOOLEAN,
    achieved_tflops DOUBLE,
    tokens_per_s DOUBLE,
    mfu DOUBLE,
    source VARCHAR,
    as_of VARCHAR
);

-- Reference training runs
CREATE TABLE reference_runs (
    run_id VARCHAR,
    model VARCHAR,
    year BIGINT,
    params DOUBLE,
    active_params DOUBLE,
    tokens DOUBLE,
    gpu_id VARCHAR,
    gpu_hours DOUBLE,
    compute_usd_low DOUBLE,
    compute_usd_high DOUBLE,
    qualifier VARCHAR,
    cost_basis VARCHAR,
    note VARCHAR,
    source VARCHAR,
    as_of VARCHAR
);

-- Known training costs
CREATE TABLE known_training_costs (
    model_id VARCHAR,
    model VARCHAR,
    year BIGINT,
    params DOUBLE,
    tokens DOUBLE,
    cost_usd_low DOUBLE,
    cost_usd_high DOUBLE,
    qualifier VARCHAR,
    cost_basis VARCHAR,
    hardware VARCHAR,
    note VARCHAR,
    source VARCHAR,
    as_of VARCHAR
);

-- Pre-training cost by model size
CREATE TABLE compute_cost_by_size (
    size_id VARCHAR,
    params DOUBLE,
    compute_usd_low DOUBLE,
    compute_usd_high DOUBLE,
    all_in_usd_low DOUBLE,
    all_in_usd_high DOUBLE,
    source VARCHAR,
    as_of VARCHAR
);

-- Training FLOPs examples
CREATE TABLE training_flops_examples (
    example_id VARCHAR,
    model VARCHAR,
    architecture VARCHAR,
    params DOUBLE,
    active_params DOUBLE,
    tokens DOUBLE,
    flops DOUBLE,
    source VARCHAR,
    as_of VARCHAR
);

-- Pre-training wall-clock time
CREATE TABLE training_time (
    size_id VARCHAR,
    params DOUBLE,
    days_low DOUBLE,
    days_high DOUBLE,
    cluster_gpus_low DOUBLE,
    cluster_gpus_high DOUBLE,
    gpu_id VARCHAR,
    note VARCHAR,
    source VARCHAR,
    as_of VARCHAR
);

-- Training-time assumptions
CREATE TABLE training_time_assumptions (
    assumption_id VARCHAR,
    mfu_share_low DOUBLE,
    mfu_share_high DOUBLE,
    reference_cluster_gpus DOUBLE,
    reference_gpu_id VARCHAR,
    b200_time_factor DOUBLE,
    note VARCHAR,
    source VARCHAR,
    as_of VARCHAR
);

-- Beyond-compute cost multipliers
CREATE TABLE beyond_compute_multipliers (
    category_id VARCHAR,
    category VARCHAR,
    multiplier_low DOUBLE,
    multiplier_high DOUBLE,
    note VARCHAR,
    source VARCHAR,
    as_of VARCHAR
);

-- Beyond-compute detail figures
CREATE TABLE beyond_compute_figures (
    figure_id VARCHAR,
    category_id VARCHAR,
    description VARCHAR,
    value_low DOUBLE,
    value_high DOUBLE,
    unit VARCHAR,
    qualifier VARCHAR,
    source VARCHAR,
    as_of VARCHAR
);

-- Training platforms
CREATE TABLE cloud_platforms (
    platform_id VARCHAR,
    platform VARCHAR,
    gpu_options VARCHAR,
    usd_per_hour_low DOUBLE,
    usd_per_hour_high DOUBLE,
    pricing_note VARCHAR,
    best_for VARCHAR,
    source VARCHAR,
    as_of VARCHAR
);

-- Hidden-cost activities
CREATE TABLE hidden_cost_activities (
    activity_id VARCHAR,
    phase VARCHAR,
    activity VARCHAR,
    setup_hours_low DOUBLE,
    setup_hours_high DOUBLE,
    monthly_hours_low DOUBLE,
    monthly_hours_high DOUBLE,
    source VARCHAR,
    as_of VARCHAR
);

-- Hidden-cost activity costs
CREATE TABLE hidden_cost_activity_costs (
    activity_id VARCHAR,
    cost_usd_low DOUBLE,
    cost_usd_high DOUBLE,
    monthly_cost_usd_low DOUBLE,
    monthly_cost_usd_high DOUBLE,
    source VARCHAR,
    as_of VARCHAR
);

-- Hidden-cost phases
CREATE TABLE hidden_cost_phases (
    phase_id VARCHAR,
    phase VARCHAR,
    effort_share_low DOUBLE,
    effort_share_high DOUBLE,
    total_hours_low DOUBLE,
    total_hours_high DOUBLE,
    total_cost_usd_low DOUBLE,
    total_cost_usd_high DOUBLE,
    hourly_rate_usd DOUBLE,
    source VARCHAR,
    as_of VARCHAR
);

-- The cost iceberg
CREATE TABLE cost_iceberg (
    item_id VARCHAR,
    parent_id VARCHAR,
    item VARCHAR,
    share_low DOUBLE,
    share_high DOUBLE,
    usd_low DOUBLE,
    usd_high DOUBLE,
    hours_low DOUBLE,
    hours_high DOUBLE,
    multiplier_low DOUBLE,
    multiplier_high DOUBLE,
    note VARCHAR,
    source VARCHAR,
    as_of VARCHAR
);

-- Iteration multipliers
CREATE TABLE iteration_multipliers (
    complexity_id VARCHAR,
    complexity VARCHAR,
    multiplier_low DOUBLE,
    multiplier_high DOUBLE,
    source VARCHAR,
    as_of VARCHAR
);

-- Fine-tuning examples
CREATE TABLE fine_tuning_examples (
    example_id VARCHAR,
    model VARCHAR,
    method VARCHAR,
    examples BIGINT,
    gpu_id VARCHAR,
    gpu_count BIGINT,
    duration_hours DOUBLE,
    cost_usd_low DOUBLE,
    cost_usd_high DOUBLE,
    note VARCHAR,
    source VARCHAR,
    as_of VARCHAR
);

-- Fine-tuning GPU-hour ranges
CREATE TABLE fine_tuning_gpu_hours (
    example_id VARCHAR,
    gpu_hours_low DOUBLE,
    gpu_hours_high DOUBLE,
    usd_per_gpu_hour DOUBLE,
    rate_qualifier VARCHAR,
    note VARCHAR,
    source VARCHAR,
    as_of VARCHAR
);

-- Hosted fine-tuning example
CREATE TABLE hosted_finetune_examples (
    example_id VARCHAR,
    examples BIGINT,
    tokens_per_example DOUBLE,
    training_tokens DOUBLE,
    usd_per_mtok_training DOUBLE,
    training_usd DOUBLE,
    inference_reserve_usd DOUBLE,
    quote_usd DOUBLE,
    all_in_usd_low DOUBLE,
    all_in_usd_high DOUBLE,
    qualifier VARCHAR,
    note VARCHAR,
    source VARCHAR,
    as_of VARCHAR
);

-- Frontier training cost breakdown
CREATE TABLE cost_breakdown_shares (
    category_id VARCHAR,
    category VARCHAR,
    share_low DOUBLE,
    share_high DOUBLE,
    source VARCHAR,
    as_of VARCHAR
);

-- Final training share of R&D
CREATE TABLE rnd_spend_shares (
    item_id VARCHAR,
    item VARCHAR,
    share_low DOUBLE,
    share_high DOUBLE,
    qualifier VARCHAR,
    total_rnd_usd DOUBLE,
    note VARCHAR,
    source VARCHAR,
    as_of VARCHAR
);

-- Chinchilla-optimal tokens
CREATE TABLE chinchilla_tokens (
    size_id VARCHAR,
    params DOUBLE,
    chinchilla_tokens DOUBLE,
    tokens_per_param DOUBLE,
    qualifier VARCHAR,
    source VARCHAR,
    as_of VARCHAR
);

-- Real-world over-training ratios
CREATE TABLE overtraining_ratios (
    model_id VARCHAR,
    model VARCHAR,
    params DOUBLE,
    active_params DOUBLE,
    tokens DOUBLE,
    tokens_per_param DOUBLE,
    vs_chinchilla DOUBLE,
    qualifier VARCHAR,
    vendor VARCHAR,
    release_month VARCHAR,
    note VARCHAR,
    source VARCHAR,
    as_of VARCHAR
);

-- Over-training vs Chinchilla (chart)
CREATE TABLE overtraining_chart (
    bar_id VARCHAR,
    label VARCHAR,
    tokens_per_param DOUBLE,
    vs_chinchilla DOUBLE,
    source VARCHAR,
    as_of VARCHAR
);

-- Recommended pre-training dataset sizes
CREATE TABLE recommended_dataset_sizes (
    size_id VARCHAR,
    params DOUBLE,
    chinchilla_tokens DOUBLE,
    chinchilla_qualifier VARCHAR,
    practical_tokens_low DOUBLE,
    practical_tokens_high DOUBLE,
    tokens_per_param_low DOUBLE,
    tokens_per_param_high DOUBLE,
    tokens_per_param_qualifier VARCHAR,
    examples VARCHAR,
    source VARCHAR,
    as_of VARCHAR
);

-- Training corpus composition
CREATE TABLE corpus_composition (
    category_id VARCHAR,
    category VARCHAR,
    share_low DOUBLE,
    share_high DOUBLE,
    source VARCHAR,
    as_of VARCHAR
);

-- Data acquisition costs
CREATE TABLE data_acquisition_costs (
    method_id VARCHAR,
    method VARCHAR,
    usd_per_example_low DOUBLE,
    usd_per_example_high DOUBLE,
    min_examples DOUBLE,
    min_examples_qualifier VARCHAR,
    degradation_below_examples DOUBLE,
    note VARCHAR,
    source VARCHAR,
    as_of VARCHAR
);

-- Inference throughput (vLLM)
CREATE TABLE inference_throughput (
    throughput_id VARCHAR,
    model VARCHAR,
    params DOUBLE,
    gpu_id VARCHAR,
    tokens_per_s DOUBLE,
    tokens_per_s_qualifier VARCHAR,
    latency_ms DOUBLE,
    latency_qualifier VARCHAR,
    source VARCHAR,
    as_of VARCHAR
);

-- Model categories
CREATE TABLE model_categories (
    category_id VARCHAR,
    category VARCHAR,
    usd_per_mtok_low DOUBLE,
    usd_per_mtok_high DOUBLE,
    key_models VARCHAR,
    mmlu_frac_low DOUBLE,
    mmlu_frac_high DOUBLE,
    mmlu_text VARCHAR,
    quality_per_usd_low DOUBLE,
    quality_per_usd_high DOUBLE,
    quality_per_usd_qualifier VARCHAR,
    intelligence_yield_text VARCHAR,
    source VARCHAR,
    as_of VARCHAR
);

-- API prices per million tokens
CREATE TABLE api_prices (
    price_id VARCHAR,
    provider VARCHAR,
    model VARCHAR,
    category_id VARCHAR,
    usd_per_mtok_input DOUBLE,
    usd_per_mtok_output DOUBLE,
    usd_per_mtok_cached_input DOUBLE,
    usd_per_mtok_batch_input DOUBLE,
    usd_per_mtok_batch_output DOUBLE,
    usd_per_mtok_unspecified DOUBLE,
    note VARCHAR,
    source VARCHAR,
    as_of VARCHAR
);

-- API discount conventions
CREATE TABLE api_discount_conventions (
    convention_id VARCHAR,
    field VARCHAR,
    share_of_base DOUBLE,
    discount_share DOUBLE,
    note VARCHAR,
    source VARCHAR,
    as_of VARCHAR
);

-- Inferred API price fields
CREATE TABLE api_inferred_price_fields (
    field_row_id VARCHAR,
    vendor VARCHAR,
    model VARCHAR,
    field VARCHAR,
    share_of_base DOUBLE,
    reason VARCHAR,
    source VARCHAR,
    as_of VARCHAR
);

-- Self-hosting vs API cost per M tokens
CREATE TABLE self_hosting_vs_api (
    deployment_id VARCHAR,
    deployment VARCHAR,
    kind VARCHAR,
    gpu_id VARCHAR,
    usd_per_mtok DOUBLE,
    mmlu_eq_frac DOUBLE,
    mmlu_qualifier VARCHAR,
    source VARCHAR,
    as_of VARCHAR
);

-- Self-hosted inference setups
CREATE TABLE self_hosted_setups (
    setup_id VARCHAR,
    setup VARCHAR,
    gpu_id VARCHAR,
    gpu VARCHAR,
    provider VARCHAR,
    monthly_usd_low DOUBLE,
    monthly_usd_high DOUBLE,
    monthly_cost_note VARCHAR,
    capacity_qps DOUBLE,
    capacity_qualifier VARCHAR,
    model_size VARCHAR,
    source VARCHAR,
    as_of VARCHAR
);

-- Cost per query comparison
CREATE TABLE cost_per_query_comparison (
    approach_id VARCHAR,
    approach VARCHAR,
    input_tokens DOUBLE,
    output_tokens DOUBLE,
    usd_per_query DOUBLE,
    qualifier VARCHAR,
    queries_per_month DOUBLE,
    usd_per_month DOUBLE,
    extra_monthly_cost VARCHAR,
    source VARCHAR,
    as_of VARCHAR
);

-- Capability-gap example
CREATE TABLE capability_gap_example (
    option_id VARCHAR,
    option VARCHAR,
    queries_per_month DOUBLE,
    monthly_usd DOUBLE,
    training_usd DOUBLE,
    failure_share DOUBLE,
    note VARCHAR,
    source VARCHAR,
    as_of VARCHAR
);

-- Latency comparison
CREATE TABLE latency_comparison (
    option_id VARCHAR,
    option VARCHAR,
    latency_ms_low DOUBLE,
    latency_ms_high DOUBLE,
    requirement_ms DOUBLE,
    requirement_qualifier VARCHAR,
    source VARCHAR,
    as_of VARCHAR
);

-- Task-management assistant break-even
CREATE TABLE task_assistant_breakeven (
    scenario_id VARCHAR,
    queries_per_month DOUBLE,
    api_model VARCHAR,
    api_usd_per_query DOUBLE,
    api_monthly_usd DOUBLE,
    selfhost_model VARCHAR,
    training_usd DOUBLE,
    setup_hours DOUBLE,
    setup_usd_per_hour DOUBLE,
    setup_usd DOUBLE,
    monthly_server_usd DOUBLE,
    selfhost_usd_per_query DOUBLE,
    first_month_total_usd DOUBLE,
    monthly_savings_usd DOUBLE,
    payback_investment_usd DOUBLE,
    payback_months DOUBLE,
    note VARCHAR,
    source VARCHAR,
    as_of VARCHAR
);

-- ROI framework example
CREATE TABLE roi_framework_example (
    example_id VARCHAR,
    human_hours_per_task DOUBLE,
    hourly_rate_usd DOUBLE,
    tasks_per_month DOUBLE,
    current_monthly_usd DOUBLE,
    future_infrastructure_usd DOUBLE,
    future_maintenance_usd DOUBLE,
    future_human_oversight_usd DOUBLE,
    future_monthly_usd DOUBLE,
    monthly_savings_usd DOUBLE,
    annual_savings_usd DOUBLE,
    development_usd DOUBLE,
    training_usd DOUBLE,
    setup_usd DOUBLE,
    investment_usd DOUBLE,
    payback_months DOUBLE,
    first_year_roi_pct DOUBLE,
    source VARCHAR,
    as_of VARCHAR
);

-- Task API economics example
CREATE TABLE task_api_economics (
    example_id VARCHAR,
    data_prep_hours DOUBLE,
    hourly_rate_usd DOUBLE,
    data_prep_usd DOUBLE,
    training_runs DOUBLE,
    usd_per_training_run DOUBLE,
    training_usd DOUBLE,
    evaluation_hours DOUBLE,
    evaluation_usd DOUBLE,
    infrastructure_setup_hours DOUBLE,
    infrastructure_setup_usd DOUBLE,
    investment_usd DOUBLE,
    selfhost_inference_monthly_usd DOUBLE,
    maintenance_monthly_usd DOUBLE,
    monthly_cost_usd DOUBLE,
    tasks_per_month DOUBLE,
    minutes_saved_per_task DOUBLE,
    hours_saved_per_month DOUBLE,
    value_usd_per_hour DOUBLE,
    monthly_value_usd DOUBLE,
    monthly_savings_usd DOUBLE,
    payback_months DOUBLE,
    payback_days DOUBLE,
    first_year_roi_pct DOUBLE,
    first_year_roi_qualifier VARCHAR,
    source VARCHAR,
    as_of VARCHAR
);

-- 14B QLoRA fine-tuning ROI example
CREATE TABLE finetune_roi_example_lines (
    line_id VARCHAR,
    line VARCHAR,
    value DOUBLE,
    unit VARCHAR,
    qualifier VARCHAR,
    note VARCHAR,
    source VARCHAR,
    as_of VARCHAR
);

-- Build-vs-buy examples
CREATE TABLE build_vs_buy_examples (
    example_id VARCHAR,
    description VARCHAR,
    tokens_per_day DOUBLE,
    api_monthly_usd DOUBLE,
    selfhost_monthly_usd DOUBLE,
    monthly_savings_usd DOUBLE,
    api_annual_usd DOUBLE,
    api_annual_qualifier VARCHAR,
    selfhost_first_year_usd DOUBLE,
    payback_months DOUBLE,
    payback_qualifier VARCHAR,
    note VARCHAR,
    source VARCHAR,
    as_of VARCHAR
);

-- Fine-tuning break-even by team size
CREATE TABLE ft_team_size_scenarios (
    scenario_id VARCHAR,
    queries_per_day DOUBLE,
    frontier_monthly_usd DOUBLE,
    ft_monthly_savings_usd DOUBLE,
    savings_qualifier VARCHAR,
    training_usd DOUBLE,
    payback_value DOUBLE,
    payback_unit VARCHAR,
    payback_qualifier VARCHAR,
    accuracy_lift_share DOUBLE,
    accuracy_lift_qualifier VARCHAR,
    verdict VARCHAR,
    healthy_range VARCHAR,
    note VARCHAR,
    source VARCHAR,
    as_of VARCHAR
);

-- Fine-tuning pre-loaded scenarios
CREATE TABLE ft_preloaded_scenarios (
    scenario_id VARCHAR,
    description VARCHAR,
    volume_per_day DOUBLE,
    volume_unit VARCHAR,
    ft_traffic_share DOUBLE,
    ft_traffic_qualifier VARCHAR,
    monthly_savings_usd DOUBLE,
    savings_qualifier VARCHAR,
    cost_ratio_vs_frontier DOUBLE,
    latency_advantage_ms DOUBLE,
    latency_requirement_ms DOUBLE,
    accuracy_lift_share DOUBLE,
    payback_months DOUBLE,
    payback_qualifier VARCHAR,
    healthy_range VARCHAR,
    source VARCHAR,
    as_of VARCHAR
);

-- Fine-tuning MLOps staffing
CREATE TABLE ft_mlops (
    item_id VARCHAR,
    ml_engineers_per_model_low DOUBLE,
    ml_engineers_per_model_high DOUBLE,
    note VARCHAR,
    source VARCHAR,
    as_of VARCHAR
);

-- Query-volume tiers
CREATE TABLE volume_tiers (
    tier_id VARCHAR,
    tier VARCHAR,
    queries_per_month_low DOUBLE,
    queries_per_month_high DOUBLE,
    verdict VARCHAR,
    tokens_in_per_query DOUBLE,
    tokens_out_per_query DOUBLE,
    api_monthly_usd_low DOUBLE,
    api_monthly_usd_high DOUBLE,
    api_monthly_qualifier VARCHAR,
    selfhost_monthly_usd DOUBLE,
    selfhost_qualifier VARCHAR,
    adaptation_usd_low DOUBLE,
    adaptation_usd_high DOUBLE,
    breakeven_months DOUBLE,
    note VARCHAR,
    source VARCHAR,
    as_of VARCHAR
);

-- Break-even query volumes
CREATE TABLE breakeven_volumes (
    breakeven_id VARCHAR,
    api_model VARCHAR,
    usd_per_mtok_input DOUBLE,
    usd_per_mtok_output DOUBLE,
    selfhost_model VARCHAR,
    gpu_id VARCHAR,
    gpu VARCHAR,
    gpu_count BIGINT,
    tokens_per_interaction DOUBLE,
    breakeven_queries_per_month DOUBLE,
    qualifier VARCHAR,
    note VARCHAR,
    source VARCHAR,
    as_of VARCHAR
);

-- Vertical model playbook steps
CREATE TABLE playbook_steps (
    step_id VARCHAR,
    step_from BIGINT,
    step_to BIGINT,
    step VARCHAR,
    description VARCHAR,
    cost_usd_low DOUBLE,
    cost_usd_high DOUBLE,
    quality_retained_share_low DOUBLE,
    quality_retained_share_high DOUBLE,
    note VARCHAR,
    source VARCHAR,
    as_of VARCHAR
);

-- Vertical model playbook phases
CREATE TABLE playbook_phases (
    phase_id VARCHAR,
    phase VARCHAR,
    months_low DOUBLE,
    months_high DOUBLE,
    timeline_text VARCHAR,
    cost_usd_low DOUBLE,
    cost_usd_high DOUBLE,
    cost_period VARCHAR,
    deliverable VARCHAR,
    source VARCHAR,
    as_of VARCHAR
);

-- Base models for vertical fine-tuning
CREATE TABLE base_models (
    base_model_id VARCHAR,
    base_model VARCHAR,
    params_low DOUBLE,
    params_high DOUBLE,
    strength VARCHAR,
    best_for VARCHAR,
    source VARCHAR,
    as_of VARCHAR
);

-- Approach comparison
CREATE TABLE approach_comparison (
    approach_id VARCHAR,
    approach VARCHAR,
    cost_usd_low DOUBLE,
    cost_usd_high DOUBLE,
    months_low DOUBLE,
    months_high DOUBLE,
    time_text VARCHAR,
    domain_quality VARCHAR,
    inference_cost VARCHAR,
    source VARCHAR,
    as_of VARCHAR
);

-- Capability retention by model size
CREATE TABLE capability_retention (
    size_id VARCHAR,
    model_size VARCHAR,
    params DOUBLE,
    retained_frac DOUBLE,
    frontier_mmlu_frac DOUBLE,
    use_text VARCHAR,
    source VARCHAR,
    as_of VARCHAR
);

-- Fine-tuned 7B vs frontier on domain tasks
CREATE TABLE finetuned_vs_frontier (
    task_id VARCHAR,
    task VARCHAR,
    frontier_frac DOUBLE,
    finetuned_frac DOUBLE,
    delta_frac DOUBLE,
    source VARCHAR,
    as_of VARCHAR
);

-- Vertical model stacks
CREATE TABLE verticals (
    vertical_id VARCHAR,
    vertical VARCHAR,
    base_models VARCHAR,
    cpt_tokens DOUBLE,
    cpt_tokens_qualifier VARCHAR,
    cpt_corpus VARCHAR,
    distill_targets VARCHAR,
    cost_usd_low DOUBLE,
    cost_usd_high DOUBLE,
    source VARCHAR,
    as_of VARCHAR
);

-- Vertical data sources
CREATE TABLE vertical_data_sources (
    data_source_id VARCHAR,
    vertical_id VARCHAR,
    position BIGINT,
    data_source VARCHAR,
    source VARCHAR,
    as_of VARCHAR
);

-- Vertical tasks
CREATE TABLE vertical_tasks (
    task_id VARCHAR,
    vertical_id VARCHAR,
    task VARCHAR,
    complexity VARCHAR,
    usd_per_mtok_current_low DOUBLE,
    usd_per_mtok_current_high DOUBLE,
    usd_per_mtok_finetuned DOUBLE,
    roi_multiple_low DOUBLE,
    roi_multiple_high DOUBLE,
    current_usd_low DOUBLE,
    current_usd_high DOUBLE,
    current_usd_unit VARCHAR,
    finetuned_usd DOUBLE,
    finetuned_usd_unit VARCHAR,
    current_analyst_hours_low DOUBLE,
    current_analyst_hours_high DOUBLE,
    current_cost_text VARCHAR,
    finetuned_text VARCHAR,
    source VARCHAR,
    as_of VARCHAR
);

-- Overspend by role (all-large vs optimal routing)
CREATE TABLE role_overspend (
    role_id VARCHAR,
    department VARCHAR,
    role VARCHAR,
    optimal_usd_per_day DOUBLE,
    all_large_usd_per_day DOUBLE,
    overspend_multiple DOUBLE,
    source VARCHAR,
    as_of VARCHAR
);

-- Overspend total (14 roles)
CREATE TABLE role_overspend_total (
    total_id VARCHAR,
    role_count BIGINT,
    optimal_usd_per_day DOUBLE,
    all_large_usd_per_day DOUBLE,
    overspend_multiple DOUBLE,
    note VARCHAR,
    source VARCHAR,
    as_of VARCHAR
);

-- Top 10 highest-volume tasks
CREATE TABLE top_tasks (
    rank BIGINT,
    task_id VARCHAR,
    task VARCHAR,
    daily_invocations DOUBLE,
    usd_per_invocation DOUBLE,
    model VARCHAR,
    category_id VARCHAR,
    source VARCHAR,
    as_of VARCHAR
);

-- AI cost per worker per day
CREATE TABLE per_worker_cost (
    year BIGINT,
    usd_per_day DOUBLE,
    basis VARCHAR,
    reduction_share_vs_2025 DOUBLE,
    source VARCHAR,
    as_of VARCHAR
);

-- Reasoning multiplier by task
CREATE TABLE reasoning_multiplier_tasks (
    task_id VARCHAR,
    task VARCHAR,
    instruct_frac DOUBLE,
    reasoning_frac DOUBLE,
    gain_pct DOUBLE,
    cost_multiple DOUBLE,
    rm DOUBLE,
    verdict VARCHAR,
    source VARCHAR,
    as_of VARCHAR
);

-- Model price trajectory
CREATE TABLE price_trajectory (
    year BIGINT,
    category_id VARCHAR,
    usd_per_mtok_input DOUBLE,
    source VARCHAR,
    as_of VARCHAR
);

-- Per-task cost evolution
CREATE TABLE per_task_cost_evolution (
    task_id VARCHAR,
    task VARCHAR,
    complexity VARCHAR,
    year BIGINT,
    usd_per_invocation DOUBLE,
    source VARCHAR,
    as_of VARCHAR
);

-- Share of tasks below $0.001
CREATE TABLE task_share_below_threshold (
    year BIGINT,
    threshold_usd_per_invocation DOUBLE,
    task_share DOUBLE,
    avg_usd_per_invocation DOUBLE,
    source VARCHAR,
    as_of VARCHAR
);

-- RouteLLM cost reduction by benchmark
CREATE TABLE routellm_results (
    benchmark_id VARCHAR,
    benchmark VARCHAR,
    cost_reduction_share_low DOUBLE,
    cost_reduction_share_high DOUBLE,
    source VARCHAR,
    as_of VARCHAR
);

-- RouteLLM headline figures
CREATE TABLE routellm_headline (
    metric_id VARCHAR,
    metric VARCHAR,
    value_share DOUBLE,
    source VARCHAR,
    as_of VARCHAR
);

-- Revenue per transaction type
CREATE TABLE revenue_per_transaction (
    event_id VARCHAR,
    event VARCHAR,
    orchestra_usd_per_request DOUBLE,
    orchestra_usd_per_month_low DOUBLE,
    orchestra_usd_per_month_high DOUBLE,
    atlas_eur_per_gpu_hour_low DOUBLE,
    atlas_eur_per_gpu_hour_high DOUBLE,
    atlas_eur_per_month_low DOUBLE,
    atlas_eur_per_month_high DOUBLE,
    atlas_expert_share_low DOUBLE,
    atlas_expert_share_high DOUBLE,
    orchestra_text VARCHAR,
    atlas_text VARCHAR,
    source VARCHAR,
    as_of VARCHAR
);

-- Seed 000 source list
CREATE TABLE report_sources (
    ref_id VARCHAR,
    reference VARCHAR,
    key_data VARCHAR,
    source VARCHAR,
    as_of VARCHAR
);

-- Open vs closed benchmark scores
CREATE TABLE benchmark_convergence (
    comparison_id VARCHAR,
    benchmark VARCHAR,
    open_model VARCHAR,
    open_frac DOUBLE,
    closed_model VARCHAR,
    closed_frac DOUBLE,
    closed_qualifier VARCHAR,
    open_elo DOUBLE,
    closed_elo DOUBLE,
    closed_elo_qualifier VARCHAR,
    note VARCHAR,
    source VARCHAR,
    as_of VARCHAR
);

-- Market and cost-trend figures
CREATE TABLE market_figures (
    figure_id VARCHAR,
    topic VARCHAR,
    description VARCHAR,
    value_low DOUBLE,
    value_high DOUBLE,
    unit VARCHAR,
    qualifier VARCHAR,
    source VARCHAR,
    as_of VARCHAR
);

-- Narrative figures
CREATE TABLE narrative_figures (
    figure_id VARCHAR,
    topic VARCHAR,
    description VARCHAR,
    value_low DOUBLE,
    value_high DOUBLE,
    unit VARCHAR,
    qualifier VARCHAR,
    source VARCHAR,
    as_of VARCHAR
);

-- Index of the data tables above (one row each).
CREATE TABLE catalog_tables (
    table_name VARCHAR,
    title VARCHAR,
    description VARCHAR
);

CREATE TABLE planner_assumptions (
    assumption_id VARCHAR,
    value_low DOUBLE,
    value_high DOUBLE,
    unit VARCHAR,
    applies_to VARCHAR,
    note VARCHAR,
    source VARCHAR,
    as_of VARCHAR
);

-- GPU datasheet figures (dense peaks, no sparsity), joined to gpus on gpu_id
CREATE TABLE gpu_specs (
    gpu_id VARCHAR,
    name VARCHAR,
    form_factor VARCHAR,
    memory_gb DOUBLE,
    memory_type VARCHAR,
    memory_bandwidth_tbps DOUBLE,
    dense_16bit_tflops DOUBLE,
    dense_16bit_format VARCHAR,
    dense_fp8_tflops DOUBLE,
    dense_int8_tops DOUBLE,
    dense_int4_tops DOUBLE,
    tdp_watts DOUBLE,
    interconnect VARCHAR,
    interconnect_gb_per_s DOUBLE,
    datasheet_title VARCHAR,
    datasheet_url VARCHAR,
    note VARCHAR,
    source VARCHAR,
    as_of VARCHAR
);

-- Model architectures from published configurations
CREATE TABLE model_architectures (
    model_id VARCHAR,
    model VARCHAR,
    total_params DOUBLE,
    active_params DOUBLE,
    layers BIGINT,
    hidden_size BIGINT,
    intermediate_size BIGINT,
    attention_heads BIGINT,
    kv_heads BIGINT,
    head_dim BIGINT,
    vocab_size BIGINT,
    tied_embeddings BOOLEAN,
    qkv_bias BOOLEAN,
    context_length BIGINT,
    attention_type VARCHAR,
    sliding_window BIGINT,
    q_lora_rank BIGINT,
    kv_lora_rank BIGINT,
    qk_rope_head_dim BIGINT,
    qk_nope_head_dim BIGINT,
    v_head_dim BIGINT,
    routed_experts BIGINT,
    experts_per_token BIGINT,
    shared_experts BIGINT,
    moe_intermediate_size BIGINT,
    dense_layers BIGINT,
    config_url VARCHAR,
    note VARCHAR,
    source VARCHAR,
    as_of VARCHAR
);

-- Interruptions of large training runs (goodput defaults)
CREATE TABLE training_interruptions (
    report_id VARCHAR,
    run VARCHAR,
    gpu_id VARCHAR,
    gpus DOUBLE,
    snapshot_days DOUBLE,
    unexpected_interruptions DOUBLE,
    planned_interruptions DOUBLE,
    hardware_share_of_unexpected DOUBLE,
    effective_training_time_min DOUBLE,
    note VARCHAR,
    source VARCHAR,
    as_of VARCHAR
);

-- The documents behind every catalog figure: each row's `source` text starts with one of
-- a document's `matches` prefixes ('|'-separated). Readers see the title and date, never
-- the prefix (which may be a file name).
CREATE TABLE sources (
    source_id VARCHAR,
    title VARCHAR,
    publisher VARCHAR,
    published VARCHAR,
    citation VARCHAR,
    matches VARCHAR,
    source VARCHAR,
    as_of VARCHAR
);
