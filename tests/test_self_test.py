"""``econplan --self-test``: passes on a working copy, names what fails on a broken one."""

import subprocess
import sys
from pathlib import Path

from econplan.core import paths as core_paths

from econplan.self_test import run_self_test

ROOT = Path(__file__).resolve().parents[1]


def test_self_test_passes_on_this_checkout():
    result = subprocess.run([sys.executable, "-m", "econplan", "--self-test"], cwd=ROOT,
                            capture_output=True, text=True, timeout=240)
    assert result.returncode == 0, result.stdout + result.stderr
    summary = result.stdout.strip().splitlines()[-1]
    assert summary.startswith("econplan self-test: OK")
    examples = len(list((ROOT / "resources" / "scenarios").glob("*.json")))
    assert f"{examples} examples planned and shown" in summary
    assert "propagateSizeHints" not in result.stderr


def test_self_test_names_a_broken_example_and_fails(qapp, tmp_path, monkeypatch, capsys):
    good = sorted(core_paths.scenarios_dir().glob("*.json"))[0]
    (tmp_path / "a_good.json").write_text(good.read_text())
    (tmp_path / "b_broken.json").write_text('{"schema_version": 3, "name": ')
    monkeypatch.setattr(core_paths, "scenarios_dir", lambda: tmp_path)
    assert run_self_test() == 1
    out = capsys.readouterr().out
    assert "FAILED 2 of" in out
    assert "plan b_broken" in out and "show b_broken" in out
    assert "plan a_good" not in out
