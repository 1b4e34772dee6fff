"""The typed plan: every planner once, dependencies resolved once, problems per planner."""

from __future__ import annotations

import pydantic
import pytest
from econplan.core import breakeven, dataset, training
from econplan.core.breakeven import BreakevenResult
from econplan.core.dataset import DatasetResult
from econplan.core.errors import PlanError
from econplan.core.plan import (
    PLANNER_IDS,
    compute_plan,
    compute_planner,
    input_sections,
    upstream_of,
)
from econplan.core.playbook import PlaybookResult
from econplan.core.routing import RoutingResult
from econplan.core.training import TrainingResult
from econplan.desktop.document import with_values


def linked(scenario):
    return with_values(scenario, {"breakeven.one_off.finetune_source": "training_plan"})


def test_planner_ids_are_in_dependency_order(presets):
    for scenario in presets.values():
        for index, planner_id in enumerate(PLANNER_IDS):
            assert all(PLANNER_IDS.index(up) < index
                       for up in upstream_of(planner_id, linked(scenario)))


def test_plan_holds_each_typed_result(presets, catalog):
    plan = compute_plan(presets["pretrain_32b_seed_table"], catalog)
    assert plan.problems == {}
    expected = {"training": TrainingResult, "dataset": DatasetResult,
                "playbook": PlaybookResult, "routing": RoutingResult,
                "breakeven": BreakevenResult}
    for planner_id, cls in expected.items():
        assert isinstance(plan.result(planner_id), cls)
        assert plan.result(planner_id) is getattr(plan, planner_id)
    with pytest.raises(pydantic.ValidationError):
        plan.training = None
    with pytest.raises(ValueError, match="unknown planner 'costs'"):
        plan.result("costs")


def test_training_is_planned_once_for_its_dependants(presets, catalog, monkeypatch):
    scenario = linked(presets["pretrain_32b_seed_table"])
    assert upstream_of("dataset", scenario) == ("training",)
    assert upstream_of("breakeven", scenario) == ("training",)
    calls = []
    original = training.plan
    monkeypatch.setattr(training, "plan", lambda *a, **k: calls.append(1) or original(*a, **k))
    plan = compute_plan(scenario, catalog)
    assert len(calls) == 1
    # The dependants read that very result.
    assert plan.breakeven.one_off_lines[0].usd == pytest.approx(plan.training.one_off_usd.base)
    data_line = next(line for line in plan.training.lines if line.category_id == "data_curation")
    assert plan.dataset.data_cost_usd == data_line.cost_usd


def test_upstream_follows_the_scenario(presets):
    finetune = presets["finetune_llama3_8b_qlora_h100"]
    assert finetune.training.mode.is_finetune
    # A fine-tuning dataset prices its examples itself; it needs no training result.
    assert upstream_of("dataset", finetune) == ()
    assert finetune.breakeven.one_off.finetune_source == "manual"
    assert upstream_of("breakeven", finetune) == ()
    assert upstream_of("breakeven", linked(finetune)) == ("training",)
    no_curation = with_values(presets["pretrain_7b_seed_table"],
                              {"training.beyond_compute.data_curation.enabled": False})
    assert upstream_of("dataset", no_curation) == ()
    for planner_id in ("training", "playbook", "routing"):
        assert upstream_of(planner_id, finetune) == ()


def test_input_sections(presets):
    scenario = presets["task_management_assistant"]
    assert input_sections("dataset", scenario) == ("training", "dataset")
    for planner_id in ("training", "playbook", "routing", "breakeven"):
        assert input_sections(planner_id, scenario) == (planner_id,)


def test_same_figures_as_each_planner_alone(presets, catalog):
    scenario = linked(presets["breakeven_14b_qlora"])
    plan = compute_plan(scenario, catalog)
    alone = training.plan(scenario.training, catalog)
    assert plan.training == alone
    assert plan.dataset == dataset.plan(scenario.training, scenario.dataset, catalog)
    assert plan.breakeven == breakeven.plan(scenario.breakeven, catalog, alone)


def test_a_refusing_planner_is_a_problem_not_a_crash(presets, catalog):
    scenario = linked(with_values(presets["pretrain_7b_seed_table"],
                                  {"training.gpu_id": "no_such_gpu"}))
    plan = compute_plan(scenario, catalog)
    assert plan.training is None and "no_such_gpu" in plan.problems["training"]
    assert plan.breakeven is None and "Training budget" in plan.problems["breakeven"]
    # The others still plan; the dataset states why it has no data cost.
    assert plan.playbook is not None and plan.routing is not None
    assert plan.dataset is not None and plan.dataset.data_cost_usd is None
    with pytest.raises(PlanError, match=r"Training budget: .*no_such_gpu"):
        plan.require("training")


def test_compute_planner_takes_given_upstream(presets, catalog):
    scenario = linked(presets["breakeven_14b_qlora"])
    upstream = {"training": training.plan(scenario.training, catalog)}
    result = compute_planner("breakeven", scenario, catalog, upstream)
    assert result.one_off_lines[0].usd == pytest.approx(upstream["training"].one_off_usd.base)
    with pytest.raises(PlanError, match="linked to the Training budget"):
        compute_planner("breakeven", scenario, catalog, {"training": None})
