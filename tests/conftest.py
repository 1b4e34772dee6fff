"""Shared test set-up: offscreen Qt, isolated settings and user folders."""

from __future__ import annotations

import gc
import os

# Must be set before any Qt import anywhere in the test session.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest


def pytest_configure(config):
    """No automatic cycle collection in a test process: only between tests, on the main
    thread (``pytest_runtest_teardown`` below).

    Python collects on whichever thread allocates past its threshold. A pytest-xdist
    worker has a thread of its own, receiving the controller's messages, that the app
    never has, and collections ran there during the window tests. One frees a closed
    window's Qt objects off the GUI thread, where ``~QObject`` cannot stop their timers:
    a timer then fired on freed memory and crashed the worker (three runs in seven, in
    two different tests). The app's own threads hold collection off themselves
    (desktop/heap.py)."""
    gc.disable()


@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_runtest_teardown(item, nextitem):
    # Outermost: after the fixtures' teardown and pytest-qt's closing of the test's
    # widgets, so that what they drop is freed here too.
    yield
    gc.disable()  # whatever a test turned on (collector_on) stays with it
    # Generation by generation, at the interpreter's own thresholds (a young collection
    # after each test, an older one every tenth): a full collection after every test,
    # ~60 ms once a window was built, made the suite over a third slower.
    gc.collect(0)
    older = gc.get_count()[1]
    _, older_limit, oldest_limit = gc.get_threshold()
    if older >= older_limit:
        gc.collect(1)
        if gc.get_count()[2] >= oldest_limit:
            gc.collect(2)


@pytest.fixture(autouse=True)
def isolated_user_dirs(tmp_path_factory, monkeypatch):
    """Keep QSettings and platformdirs output in a fresh folder for every test."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / ".local" / "state"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    from econplan.core.paths import user_cache_dir, user_data_dir

    # Autosaves and rebuilt catalogs must never land in (or be read from) a real user's
    # folders; on a platform that ignores XDG_* this stops the test instead.
    for folder in (user_data_dir(), user_cache_dir()):
        assert folder.is_relative_to(home), f"user folder {folder} is not isolated"
    try:
        from PySide6.QtCore import QSettings
    except ImportError:  # core-only environments
        yield home
        return
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
        QSettings.setPath(QSettings.Format.IniFormat, scope, str(home / "settings"))
    yield home


@pytest.fixture
def autosave_dir(isolated_user_dirs):
    """This test's autosave folder (inside its own user data folder)."""
    from econplan.desktop.autosave import autosave_folder

    return autosave_folder()


@pytest.fixture
def write_lock():
    """Hold a read-write DuckDB connection on a file from a second process, as another
    program would: ``with write_lock(path): ...``."""
    import subprocess
    import sys
    from contextlib import contextmanager

    @contextmanager
    def hold(path):
        holder = subprocess.Popen(
            [sys.executable, "-c",
             "import duckdb, sys; con = duckdb.connect(sys.argv[1]); print('locked', flush=True);"
             " sys.stdin.read()", str(path)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        try:
            assert holder.stdout.readline().strip() == "locked"
            yield
        finally:
            holder.communicate("", timeout=60)

    return hold


@pytest.fixture(scope="session")
def catalog():
    from econplan.core.catalog import load_catalog

    return load_catalog()


@pytest.fixture(scope="session")
def presets(catalog):
    """Every bundled example scenario, by file stem."""
    from econplan.core.paths import scenarios_dir
    from econplan.core.scenario_io import load_scenario

    return {path.stem: load_scenario(path) for path in sorted(scenarios_dir().glob("*.json"))}
