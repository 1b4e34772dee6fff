"""Read and set scenario inputs by dotted path ("breakeven.api.failure_rate"), in core.

The desktop document edits through the same paths; what-ifs and sweeps in core need
the same without Qt.
"""

from __future__ import annotations

import copy
from typing import Any

from econplan.core.scenario import Scenario


def get_path(payload: Any, path: str) -> Any:
    """The value at a dotted path of a dumped scenario (list items by index)."""
    node = payload
    for part in path.split("."):
        node = node[int(part)] if part.isdigit() else node[part]
    return node


def with_values(scenario: Scenario, values: dict[str, Any]) -> Scenario:
    """A validated copy of ``scenario`` with the paths set; raises ValidationError naming
    the field when a value is out of its bounds."""
    payload = scenario.model_dump(mode="python")
    for path, value in values.items():
        parent, _, last = path.rpartition(".")
        node = get_path(payload, parent) if parent else payload
        if last.isdigit():
            node[int(last)] = copy.deepcopy(value)
        else:
            node[last] = copy.deepcopy(value)
    return Scenario.model_validate(payload)
