"""Where the bundled files live, for a source checkout and for an installed copy."""

from __future__ import annotations

import os
import sys
from pathlib import Path

_REPO_ROOT = Path(__file__).resolve().parent.parent


def _first_existing(candidates: list[Path]) -> Path:
    for candidate in candidates:
        if candidate.exists():
            return candidate
    return candidates[0]


def project_root() -> Path:
    """The checkout (editable install) or the data prefix of a regular install."""
    return _first_existing([_REPO_ROOT, Path(sys.prefix) / "share" / "econplan"])


def catalog_path() -> Path:
    """The bundled catalog; ECONPLAN_CATALOG overrides it (tests, packaged builds)."""
    override = os.environ.get("ECONPLAN_CATALOG")
    if override:
        return Path(override)
    return project_root() / "catalog.duckdb"


def resources_dir() -> Path:
    return project_root() / "resources"


def catalog_sources_dir() -> Path:
    return resources_dir() / "catalog"


def scenarios_dir() -> Path:
    return resources_dir() / "scenarios"


# The names Qt's settings use too (desktop/app.py), so every user file sits together.
APP_NAME = "EconPlan"


def user_data_dir() -> Path:
    """Where the app keeps its own files for the user (the autosave)."""
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, APP_NAME))


def user_cache_dir() -> Path:
    """Files the app can always recreate (a catalog rebuilt from its sources)."""
    import platformdirs

    return Path(platformdirs.user_cache_dir(APP_NAME, APP_NAME))
