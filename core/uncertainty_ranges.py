"""Every range input of a scenario, with the distribution it is drawn from.

A range input is any ``Range`` the scenario holds (``low``/``high``), found by
walking the model, so a new range field is uncertain without being listed
here. Its distribution is the scenario's choice for its field path, else the
default rule: triangular where the catalog holds a central figure for it,
log-uniform where high/low ≥ 3, uniform otherwise. Central figures come from
the catalog with their source, never from code.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from econplan.core.catalog import Catalog
from econplan.core.distributions import DistributionKind, default_kind, effective_kind
from econplan.core.model_base import Range
from econplan.core.provenance import cite
from econplan.core.scenario import Scenario
from pydantic import BaseModel

# Range inputs whose source also gives a central figure: field path -> the catalog row
# (table, key column, key) that holds it in value_low/value_high. Seed 000 gives the
# data-curation multiplier as 3–28× with annotation at 3.1× compute for frontier models.
CENTRAL_FIGURES: dict[str, tuple[str, str, str]] = {
    "training.beyond_compute.data_curation.multiplier":
        ("beyond_compute_figures", "figure_id", "annotation_vs_compute_frontier"),
}


@dataclass(frozen=True)
class CentralFigure:
    value: float
    description: str  # what the figure is, as the source words it
    source: str  # the catalog citation


@dataclass(frozen=True)
class RangeInput:
    path: str
    label: str
    low: float
    high: float
    kind: DistributionKind  # as sampled (a choice that cannot apply falls back to uniform)
    chosen: bool  # the scenario chooses it (else the default rule)
    central: CentralFigure | None

    @property
    def mode(self) -> float | None:
        return self.central.value if self.central else None


@lru_cache(maxsize=8)
def central_figures(catalog: Catalog) -> dict[str, CentralFigure]:
    figures = {}
    for path, (table, column, key) in CENTRAL_FIGURES.items():
        if table not in catalog.tables:
            continue
        rows = catalog.table(table).filter(catalog.table(table)[column] == key)
        if rows.height != 1:
            continue
        row = rows.row(0, named=True)
        if row["value_low"] != row["value_high"]:
            continue  # a range is no central figure
        figures[path] = CentralFigure(value=float(row["value_low"]),
                                      description=str(row["description"]), source=cite(row))
    return figures


def _walk(model: BaseModel, prefix: str):
    for name in type(model).model_fields:
        value = getattr(model, name)
        path = f"{prefix}{name}"
        if isinstance(value, Range):
            yield path, value
        elif isinstance(value, BaseModel):
            yield from _walk(value, path + ".")
        elif isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from _walk(item, f"{path}.{index}.")


LABELS = {
    "training.mfu": "Model FLOPs utilisation",
    "training.usd_per_gpu_hour": "Cloud price per GPU-hour",
    "training.owned.purchase_usd": "GPU purchase price",
    "training.finetune.throughput_tokens_per_s": "Fine-tuning throughput",
    "training.hidden.data_preparation_hours": "Data preparation hours",
    "training.hidden.evaluation_hours": "Evaluation hours",
    "training.hidden.infrastructure_setup_hours": "Infrastructure setup hours",
    "training.hidden.maintenance_hours_per_month": "Maintenance hours per month",
    "training.hidden.training_runs": "Training runs",
    "dataset.synthetic_usd_per_example": "Synthetic example cost",
    "dataset.human_usd_per_example": "Human-annotated example cost",
    "playbook.ongoing_usd_per_quarter": "Refresh cost per quarter",
}


def _label(scenario: Scenario, path: str) -> str:
    if path in LABELS:
        return LABELS[path]
    parts = path.split(".")
    if parts[:2] == ["playbook", "phases"]:
        phase = scenario.playbook.phases[int(parts[2])]
        return f"{phase.name}: {'duration' if parts[3] == 'months' else 'cost'}"
    if parts[:3] == ["playbook", "vertical", "tasks"]:
        return f"{scenario.playbook.vertical.tasks[int(parts[3])].task}: current cost"
    words = [p for p in parts[1:] if p not in ("multiplier", "hidden", "finetune", "owned")]
    text = " ".join(words).replace("_", " ")
    text = text.replace("usd", "$").replace("mfu", "MFU").replace("per s", "/s")
    if parts[1] == "beyond_compute":
        text += " multiplier"
    return text[:1].upper() + text[1:]


RANGE_SECTIONS = ("training", "dataset", "playbook")


def range_labels(scenario: Scenario) -> dict[str, str]:
    """Every range input's field path and its label, in the planners' order (no catalog
    needed: for pickers that list the inputs, e.g. which ones move together)."""
    return {path: _label(scenario, path) for section in RANGE_SECTIONS
            for path, _ in _walk(getattr(scenario, section), section + ".")}


def range_inputs(scenario: Scenario, catalog: Catalog) -> list[RangeInput]:
    settings = scenario.uncertainty
    centrals = central_figures(catalog)
    result = []
    for section in RANGE_SECTIONS:
        for path, value in _walk(getattr(scenario, section), section + "."):
            central = centrals.get(path)
            if central is not None and not value.low <= central.value <= value.high:
                central = None  # the user's range no longer holds the source's figure
            chosen = settings.distributions.get(path)
            kind = chosen or default_kind(value.low, value.high, central is not None)
            kind = effective_kind(kind, value.low, value.high,
                                  central.value if central else None)
            result.append(RangeInput(path=path, label=_label(scenario, path), low=value.low,
                                     high=value.high, kind=kind, chosen=chosen is not None,
                                     central=central))
    return result


def group_of(scenario: Scenario) -> dict[str, str]:
    """Field path -> the name of the group it moves with (its first group)."""
    groups: dict[str, str] = {}
    for group in scenario.uncertainty.groups:
        for path in group.paths:
            groups.setdefault(path, group.name)
    return groups
