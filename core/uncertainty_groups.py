"""Which range inputs move together: edits of the scenario's ``uncertainty.groups``.

Inputs in a group are drawn at the same percentile of their own distributions
(core/monte_carlo.py ``Draws``): when one is high, all are high. These pure
functions return the new list of groups (JSON payloads, as ``set_values`` takes
them) for one user action; the desktop turns each into one undo step. A group
holds at least two inputs, so removing the second-to-last member dissolves it,
and an input is in at most one group.
"""

from __future__ import annotations

from econplan.core.scenario import Scenario
from econplan.core.uncertainty_inputs import InputGroup
from econplan.core.uncertainty_ranges import range_labels

GroupsPayload = list[dict]
# The rule in the words the group controls use (the long form is MOVE_TOGETHER_RULE).
GROUP_RULE = ("Inputs in a group are drawn at the same percentile: when one is high, all "
              "are high. Ungrouped inputs are drawn independently.")
MAX_NAME = 80


def groups_payload(scenario: Scenario) -> GroupsPayload:
    return [group.model_dump(mode="json") for group in scenario.uncertainty.groups]


def group_named(scenario: Scenario, name: str) -> InputGroup | None:
    return next((g for g in scenario.uncertainty.groups if g.name == name), None)


def group_of_path(scenario: Scenario, path: str) -> InputGroup | None:
    return next((g for g in scenario.uncertainty.groups if path in g.paths), None)


def _without(groups: GroupsPayload, path: str) -> GroupsPayload:
    """``path`` out of every group; groups left with fewer than two inputs dissolve."""
    kept = []
    for group in groups:
        paths = [p for p in group["paths"] if p != path]
        if len(paths) >= 2:
            kept.append({**group, "paths": paths})
    return kept


def ungroup(scenario: Scenario, path: str) -> GroupsPayload:
    """``path`` drawn on its own again."""
    return _without(groups_payload(scenario), path)


def join_group(scenario: Scenario, path: str, name: str) -> GroupsPayload:
    """``path`` moves with the group ``name`` (leaving any group it was in)."""
    groups = _without(groups_payload(scenario), path)
    for group in groups:
        if group["name"] == name:
            group["paths"] = [*group["paths"], path]
            return groups
    raise ValueError(f"no group named {name!r}")


def new_group_name(scenario: Scenario, paths: list[str]) -> str:
    """"A & B" from the inputs' labels, unique among the scenario's groups."""
    labels = range_labels(scenario)
    base = " & ".join(labels.get(p, p) for p in paths)
    if len(base) > MAX_NAME - 4:
        base = base[:MAX_NAME - 5].rstrip() + "…"
    taken = {g.name for g in scenario.uncertainty.groups}
    name, number = base, 2
    while name in taken:
        name, number = f"{base} ({number})", number + 1
    return name


def group_with(scenario: Scenario, path: str, partner: str) -> GroupsPayload:
    """``path`` moves with ``partner``: into the partner's group, or a new group of two."""
    if path == partner:
        raise ValueError("an input cannot be grouped with itself")
    partner_group = group_of_path(scenario, partner)
    if partner_group is not None:
        return join_group(scenario, path, partner_group.name)
    groups = _without(_without(groups_payload(scenario), path), partner)
    groups.append({"name": new_group_name(scenario, [partner, path]),
                   "paths": [partner, path]})
    return groups


def delete_group(scenario: Scenario, name: str) -> GroupsPayload:
    return [g for g in groups_payload(scenario) if g["name"] != name]


def rename_group(scenario: Scenario, name: str, new_name: str) -> GroupsPayload:
    new_name = new_name.strip()
    if not new_name or len(new_name) > MAX_NAME:
        raise ValueError(f"a group name is 1 to {MAX_NAME} characters")
    if new_name != name and group_named(scenario, new_name) is not None:
        raise ValueError(f"there already is a group named {new_name!r}")
    return [{**g, "name": new_name} if g["name"] == name else g
            for g in groups_payload(scenario)]
