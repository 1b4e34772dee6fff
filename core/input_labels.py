"""What people call each scenario input: one table for every view that names an input.

The tabs label their rows where they build them; views that name inputs generically
(the tornado, the comparison) read this table, so "training.beyond_compute.
data_curation.multiplier" reads as "Data-curation multiplier", the way the tab's
row and the sources say it. Paths of list items use ``*`` for the index; the item's
own name (a playbook phase's) is filled in by ``input_label``.
"""

from __future__ import annotations

import re

from econplan.core.scenario import Scenario

INPUT_LABELS: dict[str, str] = {
    # Training budget
    "training.mfu": "model FLOPs utilisation (MFU)",
    "training.usd_per_gpu_hour": "cloud price per GPU-hour",
    "training.owned.purchase_usd": "GPU purchase price",
    "training.finetune.throughput_tokens_per_s": "fine-tuning throughput",
    "training.beyond_compute.data_curation.multiplier": "data-curation multiplier",
    "training.beyond_compute.post_training.multiplier": "post-training multiplier",
    "training.beyond_compute.talent.multiplier": "talent & team multiplier",
    "training.beyond_compute.failed_runs.multiplier": "failed-runs multiplier",
    "training.beyond_compute.storage_infra.multiplier": "storage & infra multiplier",
    "training.hidden.data_preparation_hours": "data-preparation hours",
    "training.hidden.evaluation_hours": "evaluation hours",
    "training.hidden.infrastructure_setup_hours": "infrastructure-setup hours",
    "training.hidden.maintenance_hours_per_month": "maintenance hours a month",
    "training.hidden.training_runs": "training runs (iteration multiplier)",
    # Dataset
    "dataset.synthetic_usd_per_example": "synthetic cost per example",
    "dataset.human_usd_per_example": "human cost per example",
    # Playbook
    "playbook.ongoing_usd_per_quarter": "refresh cost per quarter",
    "playbook.phases.*.months": "duration of {name}",
    "playbook.phases.*.cost_usd": "cost of {name}",
    "playbook.vertical.tasks.*.current_usd": "current cost per unit of {name}",
}

_INDEX = re.compile(r"\.(\d+)\.")


def _pattern(path: str) -> str:
    return _INDEX.sub(".*.", path)


def _item_name(scenario: Scenario | None, path: str) -> str:
    """The name of the list item a path points into (a phase's name, a task's)."""
    match = _INDEX.search(path)
    if scenario is None or match is None:
        return "item"
    container: object = scenario
    for part in path[: match.start()].split("."):
        container = getattr(container, part)
    item = container[int(match.group(1))]  # type: ignore[index]
    return str(getattr(item, "name", None) or getattr(item, "task", None) or "item")


def _fallback(path: str) -> str:
    # An input the table does not name yet still reads as words, never as a dotted path.
    words = [part for part in path.split(".")[1:] if not part.isdigit()]
    return " ".join(words[-2:]).replace("_", " ").replace("usd", "$").strip().capitalize()


def input_label(path: str, scenario: Scenario | None = None) -> str:
    """A person's name for the input at ``path``, capitalised for a row or a bar (the
    table holds the names as they read inside a sentence)."""
    template = INPUT_LABELS.get(_pattern(path))
    if template is None:
        return _fallback(path)
    label = template.format(name=_item_name(scenario, path)) if "{name}" in template \
        else template
    return label[0].upper() + label[1:]


def input_phrase(path: str, scenario: Scenario | None = None) -> str:
    """The label inside a sentence: "the data-curation multiplier moves …"."""
    template = INPUT_LABELS.get(_pattern(path))
    if template is None:
        label = _fallback(path)
        return f"the {label[0].lower()}{label[1:]}"
    return "the " + (template.format(name=_item_name(scenario, path)) if "{name}" in template
                     else template)
