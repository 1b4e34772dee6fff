"""The five planners' ids and titles, in dependency order.

Kept apart from ``core.plan`` so that the scenario (which records the planners a plan
uses) can name them without importing the planners.
"""

from __future__ import annotations

from typing import Literal

PlannerId = Literal["training", "dataset", "playbook", "routing", "breakeven"]
# Dependency order: every planner comes after the planners it may take results from.
PLANNER_IDS: tuple[PlannerId, ...] = ("training", "dataset", "playbook", "routing", "breakeven")
PLANNER_TITLES: dict[str, str] = {
    "training": "Training budget", "dataset": "Dataset sizing", "playbook": "Vertical playbook",
    "routing": "Routing overspend", "breakeven": "Self-host break-even",
}
