"""EconPlan's Qt desktop application."""

# The data libraries come in before anything imports Qt. Once PySide6 is imported, its
# __feature__ import hook reads the source file of every module imported after it (to see
# whether the module mentions PySide6); polars, numpy, duckdb and pydantic are several
# hundred modules, and reading them cost ~55 ms and ~13 MiB of a cold start. Imported
# first, they are never looked at. (The floor of tests/benchmarks/cold_start.py imports
# them in this order too.)
import duckdb  # noqa: F401
import numpy  # noqa: F401
import polars  # noqa: F401
import pydantic  # noqa: F401
