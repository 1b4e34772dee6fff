"""The atomic writer: keeps permissions, follows symlinks, cleans up, names the user's path."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from econplan.core.atomic_write import (
    TEMP_SUFFIX,
    atomic_path,
    atomic_write_text,
    tidy_stale_temp_files,
)
from hypothesis import given, settings
from hypothesis import strategies as st


def test_new_file_gets_the_umask_mode(tmp_path):
    target = tmp_path / "plan.json"
    atomic_write_text(target, "{}")
    umask = os.umask(0)
    os.umask(umask)
    assert os.stat(target).st_mode & 0o777 == 0o666 & ~umask
    assert target.read_text() == "{}"


def test_existing_private_file_stays_private(tmp_path):
    target = tmp_path / "plan.json"
    target.write_text("old")
    os.chmod(target, 0o600)
    atomic_write_text(target, "new")
    assert os.stat(target).st_mode & 0o777 == 0o600
    assert target.read_text() == "new"


def test_symlink_stays_a_link_and_the_real_file_is_updated(tmp_path):
    real = tmp_path / "real" / "plan.json"
    real.parent.mkdir()
    real.write_text("old")
    os.chmod(real, 0o640)
    link = tmp_path / "link.json"
    link.symlink_to(real)
    atomic_write_text(link, "new")
    assert link.is_symlink()
    assert real.read_text() == "new"
    assert os.stat(real).st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.json", "real"]


def test_failure_removes_the_temp_file_and_keeps_the_old_content(tmp_path):
    target = tmp_path / "plan.json"
    target.write_text("old")
    with pytest.raises(RuntimeError), atomic_path(target) as tmp:
        tmp.write_text("half")
        raise RuntimeError("killed midway")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.json"]


def test_an_error_names_the_users_path_not_the_temp_file(tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    with pytest.raises(IsADirectoryError) as caught:
        atomic_write_text(folder, "x")
    assert caught.value.filename == str(folder)
    with pytest.raises(OSError) as caught, atomic_path(tmp_path / "plan.pdf") as tmp:
        raise OSError(f"cannot draw into {tmp}")
    assert caught.value.filename == str(tmp_path / "plan.pdf")
    assert list(tmp_path.glob(f"*{TEMP_SUFFIX}")) == []


def test_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="folder does not exist") as caught:
        atomic_write_text(tmp_path / "nope" / "plan.json", "x")
    assert caught.value.filename == str(tmp_path / "nope" / "plan.json")


def test_stale_temp_files_are_tidied_and_fresh_ones_and_others_kept(tmp_path):
    stale = tmp_path / f".plan.json.abc{TEMP_SUFFIX}"
    fresh = tmp_path / f".plan.json.def{TEMP_SUFFIX}"
    other = tmp_path / ".plan.json.tmp"
    for path in (stale, fresh, other):
        path.write_text("x")
    hours_ago = time.time() - 7200
    os.utime(stale, (hours_ago, hours_ago))
    os.utime(other, (hours_ago, hours_ago))
    atomic_write_text(tmp_path / "plan.json", "{}")
    assert not stale.exists()
    assert fresh.exists() and other.exists()
    assert tidy_stale_temp_files(tmp_path) == []


@settings(max_examples=40, deadline=None)
@given(text=st.text(), mode=st.sampled_from([0o600, 0o640, 0o644, 0o664]))
def test_any_text_round_trips_with_the_mode_kept(tmp_path_factory, text, mode):
    folder = tmp_path_factory.mktemp("rt")
    target = folder / "plan.json"
    target.write_text("old")
    os.chmod(target, mode)
    atomic_write_text(target, text)
    assert target.read_bytes() == text.encode("utf-8")
    assert os.stat(target).st_mode & 0o777 == mode
    assert [p.name for p in folder.iterdir()] == ["plan.json"]


WRITER_LOOP = """
import json, sys
from econplan.core.atomic_write import atomic_write_text
n = 0
while True:
    n += 1
    atomic_write_text(sys.argv[1], json.dumps({"n": n, "pad": "x" * 2_000_000}))
    if n == 1:
        print("first", flush=True)
"""


def test_a_writer_killed_mid_write_leaves_a_whole_file_and_only_tidyable_leftovers(tmp_path):
    root = Path(__file__).resolve().parents[2]
    target = tmp_path / "plan.json"
    for _ in range(5):
        process = subprocess.Popen([sys.executable, "-c", WRITER_LOOP, str(target)], cwd=root,
                                   stdout=subprocess.PIPE, text=True)
        assert process.stdout.readline().strip() == "first"
        process.send_signal(signal.SIGKILL)
        process.communicate(timeout=60)
        assert json.loads(target.read_text())["n"] >= 1  # old or new, never half
    leftovers = [p for p in tmp_path.iterdir() if p != target]
    assert all(p.name.startswith(".plan.json.") and p.name.endswith(TEMP_SUFFIX)
               for p in leftovers)
    hours_ago = time.time() - 7200
    for leftover in leftovers:
        os.utime(leftover, (hours_ago, hours_ago))
    atomic_write_text(target, "{}")
    assert list(tmp_path.iterdir()) == [target]
