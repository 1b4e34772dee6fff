"""The command line never writes onto its inputs, wants --force, is quiet on a closed pipe."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from econplan.cli import main

ROOT = Path(__file__).resolve().parents[1]
PRESET = ROOT / "resources" / "scenarios" / "task_management_assistant.json"


@pytest.fixture
def plan(tmp_path) -> Path:
    path = tmp_path / "plan.json"
    shutil.copy(PRESET, path)
    return path


@pytest.mark.parametrize("args", [
    ["report", "{plan}", "-o", "{plan}"],
    ["report", "{plan}", "-o", "{plan}", "--force"],
    ["report", "{plan}", "-o", "{link}", "--force"],
    ["export", "{plan}", "--xlsx", "{plan}", "--force"],
])
def test_an_output_onto_the_input_is_refused(plan, capsys, args):
    link = plan.with_name("link.json")
    link.symlink_to(plan)
    before = plan.read_bytes()
    code = main([a.format(plan=plan, link=link) for a in args])
    err = capsys.readouterr().err
    assert code == 2
    assert "it is an input" in err and "Traceback" not in err
    assert plan.read_bytes() == before


def test_an_export_onto_the_catalog_it_reads_is_refused(plan, capsys):
    from econplan.core.paths import catalog_path

    before = catalog_path().stat().st_mtime_ns
    assert main(["export", str(plan), "--xlsx", str(catalog_path()), "--force"]) == 2
    assert "it is an input" in capsys.readouterr().err
    assert catalog_path().stat().st_mtime_ns == before


def test_catalog_build_refuses_to_write_onto_a_source(tmp_path, capsys):
    from econplan.core.paths import catalog_sources_dir

    gpus = catalog_sources_dir() / "gpus.csv"
    before = gpus.read_bytes()
    code = main(["catalog", "build", "-o", str(gpus), "--force"])
    assert code == 2 and "it is an input" in capsys.readouterr().err
    assert gpus.read_bytes() == before


def test_existing_outputs_need_force(plan, tmp_path, capsys):
    xlsx = tmp_path / "t.xlsx"
    xlsx.write_bytes(b"keep me")
    assert main(["export", str(plan), "--xlsx", str(xlsx)]) == 2
    assert "add --force" in capsys.readouterr().err
    assert xlsx.read_bytes() == b"keep me"
    assert main(["export", str(plan), "--xlsx", str(xlsx), "--force"]) == 0
    assert xlsx.read_bytes().startswith(b"PK")


def test_an_existing_csv_in_the_folder_stops_the_whole_export(plan, tmp_path, capsys):
    folder = tmp_path / "csv"
    folder.mkdir()
    (folder / "training-breakdown.csv").write_text("keep me")
    assert main(["export", str(plan), "--csv-dir", str(folder)]) == 2
    assert "training-breakdown.csv" in capsys.readouterr().err
    assert [p.name for p in folder.iterdir()] == ["training-breakdown.csv"]
    assert main(["export", str(plan), "--csv-dir", str(folder), "--force"]) == 0
    assert len(list(folder.iterdir())) > 1


def test_catalog_build_onto_an_existing_file_needs_force(tmp_path, capsys):
    target = tmp_path / "c.duckdb"
    target.write_bytes(b"old")
    assert main(["catalog", "build", "-o", str(target)]) == 2
    assert target.read_bytes() == b"old"
    capsys.readouterr()
    os.chmod(target, 0o600)
    assert main(["catalog", "build", "-o", str(target), "--force"]) == 0
    assert os.stat(target).st_mode & 0o777 == 0o600


def test_output_onto_a_folder_names_the_users_path(plan, tmp_path, capsys):
    folder = tmp_path / "out"
    folder.mkdir()
    code = main(["report", str(plan), "-o", str(folder), "--force"])
    err = capsys.readouterr().err
    assert code == 1
    assert str(folder) in err
    assert "tmp" not in err.replace(str(tmp_path), "")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "plan.json"]


def test_compute_into_a_closed_pipe_exits_quietly(plan):
    env = {"PATH": "/usr/bin:/bin", "HOME": str(plan.parent)}
    result = subprocess.run(
        f"'{sys.executable}' -m econplan compute '{plan}' | head -c 1",
        shell=True, capture_output=True, text=True, cwd=ROOT, env=env,
        executable="/bin/bash")
    assert result.stdout == "{"
    assert result.stderr == ""
    status = subprocess.run(
        f"'{sys.executable}' -m econplan compute '{plan}' | head -c 1 >/dev/null;"
        " echo ${PIPESTATUS[0]}", shell=True, capture_output=True, text=True, cwd=ROOT,
        env=env, executable="/bin/bash")
    assert status.stdout.strip() == "0"
