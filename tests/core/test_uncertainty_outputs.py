"""The bands where people read them: cards (via the presenters) and `econplan compute`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from econplan.core import (
    breakeven_presenter,
    dataset_presenter,
    playbook_presenter,
    routing_presenter,
    training_presenter,
)
from econplan.core.catalog import load_catalog
from econplan.core.formatting import usd
from econplan.core.plan import compute_plan
from econplan.core.scenario import Scenario
from econplan.core.scenario_io import load_scenario
from econplan.core.uncertainty import compute_uncertainty

from econplan.cli import main

CATALOG = load_catalog()
PRESENTERS = {"training": training_presenter, "dataset": dataset_presenter,
              "playbook": playbook_presenter, "routing": routing_presenter,
              "breakeven": breakeven_presenter}
LLAMA = Path("resources/scenarios/llama31_405b_reference.json")
AUTOCOMPLETE = Path("resources/scenarios/breakeven_autocomplete_500k.json")


def _linked() -> Scenario:
    """The fine-tuning cost taken from the training plan, whose ranges make it uncertain."""
    payload = load_scenario(AUTOCOMPLETE, CATALOG).model_dump(mode="json")
    payload["breakeven"]["one_off"]["finetune_source"] = "training_plan"
    return Scenario.model_validate(payload)


def _cards(path: Path | Scenario, uncertainty=None):
    scenario = path if isinstance(path, Scenario) else load_scenario(path, CATALOG)
    plan = compute_plan(scenario, CATALOG)
    return {planner_id: {card.key: card for card in presenter.present(
        plan.require(planner_id), tables=False, uncertainty=uncertainty).cards}
        for planner_id, presenter in PRESENTERS.items()}


def test_without_uncertainty_the_cards_are_unchanged():
    scenario = load_scenario(LLAMA, CATALOG)
    plan = compute_plan(scenario, CATALOG)
    for planner_id, presenter in PRESENTERS.items():
        result = plan.require(planner_id)
        assert presenter.present(result, tables=False, uncertainty=None) == \
            presenter.present(result, tables=False)


def test_cards_show_the_p50_and_say_it_with_the_p10_p90_band():
    scenario = load_scenario(LLAMA, CATALOG)
    uncertainty = compute_uncertainty(scenario, CATALOG, 4000, 2)
    plain, banded = _cards(LLAMA), _cards(LLAMA, uncertainty)
    total = uncertainty.band("training.total_usd")
    card = banded["training"]["total"]
    assert card.value == usd(total.p50)
    assert card.range_text == f"P50 · P10–P90 {usd(total.p10)}–{usd(total.p90)}"
    # The deterministic low–high stays one hover away.
    assert plain["training"]["total"].range_text in card.tooltip
    for planner_id, key in (("playbook", "cost"), ("playbook", "time"), ("dataset", "data"),
                            ("training", "gpu_hours")):
        assert banded[planner_id][key].range_text.startswith("P50 · P10–P90 "), key
    # Routing holds no ranges: its cards keep the planner's single figures.
    assert banded["routing"] == plain["routing"]


def test_break_even_cards_show_the_chance_of_paying_back_before_the_retrain():
    scenario = _linked()
    uncertainty = compute_uncertainty(scenario, CATALOG, 4000, 2)
    payback = uncertainty.band("breakeven.payback_months")
    assert payback is not None and not payback.is_point
    card = _cards(scenario, uncertainty)["breakeven"]["payback"]
    assert card.range_text.startswith("P50 · P10–P90")
    chance = uncertainty.probabilities["breakeven.pays_back_before_retrain"].probability
    assert 0 < chance < 1
    assert f"{chance:.0%} chance" in card.caption


def test_compute_without_draws_prints_what_it_printed(capsys):
    assert main(["compute", str(LLAMA)]) == 0
    assert "uncertainty" not in json.loads(capsys.readouterr().out)


def test_compute_with_draws_adds_reproducible_percentiles(capsys):
    assert main(["compute", str(LLAMA), "--draws", "2000", "--seed", "9"]) == 0
    first = json.loads(capsys.readouterr().out)
    assert main(["compute", str(LLAMA), "--draws", "2000", "--seed", "9"]) == 0
    assert json.loads(capsys.readouterr().out) == first
    bands = first["uncertainty"]["bands"]
    assert {"training.total_usd", "training.compute_cost_usd", "training.gpu_hours",
            "training.wall_clock_days", "dataset.training_tokens", "dataset.data_cost_usd",
            "playbook.first_version_cost_usd", "playbook.first_version_months",
            "playbook.ongoing_usd_per_quarter", "routing.optimal_annual_usd",
            "routing.overspend_multiple", "breakeven.breakeven_queries_per_month",
            "breakeven.first_year_roi"} <= set(bands)
    total = bands["training.total_usd"]
    assert total["p10"] <= total["p50"] <= total["p90"]
    assert first["uncertainty"]["draws"] == 2000 and first["uncertainty"]["seed"] == 9
    assert "breakeven.pays_back_before_retrain" in first["uncertainty"]["probabilities"]


@pytest.mark.parametrize("argv", [["--draws", "5"], ["--draws", "many"], ["--seed", "1"],
                                  ["--draws", "200", "--seed", "-1"]])
def test_bad_draws_or_seed_is_a_clear_error(argv, capsys):
    with pytest.raises(SystemExit) if argv[0] == "--draws" or "-1" in argv else \
            _no_exit():
        code = main(["compute", str(LLAMA), *argv])
        assert code == 2
    err = capsys.readouterr().err
    assert ("--draws" in err) or ("--seed" in err)


class _no_exit:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False
