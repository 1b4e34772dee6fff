"""EconPlan's Qt desktop application."""

# The data libraries come in before anything imports Qt. Once PySide6 is imported, its
# __feature__ import hook reads the source file of every module imported after it (to see
# whether the module mentions PySide6); polars, numpy, duckdb and pydantic are several
# hundred modules, and reading them made importing them ~0.1 s slower and the started app
# 12 MiB larger. Imported first, they are never looked at. (The floor of
# tests/benchmarks/cold_start.py imports them in this order too.)
import duckdb  # noqa: F401
import numpy  # noqa: F401
import polars  # noqa: F401

# The package only, whose submodules load lazily: with part of pydantic's model machinery
# loaded here (``from pydantic import BaseModel``), the hook's source read of a pydantic
# module imported later ran pydantic's migration shim mid-import, and start-up failed
# with a circular ImportError.
import pydantic  # noqa: F401
