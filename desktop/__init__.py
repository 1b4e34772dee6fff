"""EconPlan's Qt desktop application."""

# What the first window imports that does not need Qt comes in before anything imports
# Qt. Once PySide6 is imported, its __feature__ import hook reads the source file of every
# module imported after it (to see whether the module mentions PySide6):
# - polars, numpy, duckdb and pydantic are several hundred modules; reading them made
#   importing them ~0.1 s slower and the started app 12 MiB larger;
# - EconPlan's own core and platformdirs are ~90 more, and pydantic's model machinery
#   comes with the core; reading them was ~0.5 G of the ~2.5 G instructions the app adds
#   to the floor's start.
# Imported first, they are never looked at. (The floor of tests/benchmarks/cold_start.py
# imports the libraries in this order too.) tests/desktop/test_startup_laziness.py fails
# if the first window imports a core module after Qt: add what it names below.
#
# pydantic is imported as the package (its submodules load lazily) and then through the
# core, whole: with only part of its model machinery loaded here (``from pydantic import
# BaseModel`` alone), the hook's source read of a pydantic module imported later ran
# pydantic's migration shim mid-import, and start-up failed with a circular ImportError.
import duckdb  # noqa: F401
import numpy  # noqa: F401
import platformdirs  # noqa: F401
import polars  # noqa: F401
import pydantic  # noqa: F401
from econplan.core import (  # noqa: F401
    catalog_build,
    defaults,
    disagreement_text,
    plan,
    price_overrides,
    price_staleness,
    published_figures,
    scenario_io,
    serving_presenter,
    training_presenter,
    uncertainty_groups,
    uncertainty_ranges,
    uncertainty_text,
)
